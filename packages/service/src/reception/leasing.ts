import {
  type Decision,
  type Fen,
  multiplyMoney,
  NonNegativeFenSchema,
  parseInput,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { AreaArg, StageArg, StringArg, VacanciesArg, VisitorArg } from '../inputs.js';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, requireSection } from '../shared.js';

/**
 * Vacancies to recommend for a requested area (S004-RECEPT-03): within the policy's tolerance.
 *
 * @param requestedAreaSqm - requested area in m²
 * @param vacancies - `{ id, areaSqm, attrs? }[]` (a company's own fields go in `attrs`; other keys are refused)
 * @param policy - a service policy with a `leasing` section and an area tolerance
 * @returns the matching vacancies
 * @throws ZhiduError `invalid_input` when no tolerance is configured (the seed gives none)
 * @example
 * // The seed states no tolerance: a company sets one (here ±10 %) before recommending.
 * recommendVacancies(300, [], s004LeasingPolicy); // throws ZhiduError invalid_input
 * const policy = defineServicePolicy({
 *   ...s004LeasingPolicy,
 *   params: { ...s004LeasingPolicy.params, leasing: { ...s004LeasingPolicy.params.leasing, areaTolerancePercent: 10 } },
 * });
 * const units = [{ id: 'A-1201', areaSqm: 280 }, { id: 'B-0502', areaSqm: 500 }];
 * recommendVacancies(300, units, policy).value; //=> [{ id: 'A-1201', areaSqm: 280 }]
 */
export function recommendVacancies<V extends { id: string; areaSqm: number }>(
  requestedAreaSqm: number,
  vacancies: readonly V[],
  policy: ServicePolicy,
): Decision<V[]> {
  parseInput(VacanciesArg, vacancies, ['vacancies']);
  return recommendVacanciesParsed(requestedAreaSqm, vacancies, policy);
}

/** {@link recommendVacancies} on vacancies its module has parsed already (one parse, not two; issue 21). @internal */
export function recommendVacanciesParsed<V extends { id: string; areaSqm: number }>(
  requestedAreaSqm: number,
  vacancies: readonly V[],
  policy: ServicePolicy,
): Decision<V[]> {
  const p = requireSection(paramsOf(policy).leasing, 'leasing');
  if (!(requestedAreaSqm > 0))
    throw new ZhiduError(
      'invalid_input',
      ['requestedAreaSqm'],
      '需求面积须为正数 / requested area must be positive',
    );
  if (p.areaTolerancePercent === null) {
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'leasing', 'areaTolerancePercent'],
      '制度未规定面积允许偏差，请自行设定 / the regulation gives no area tolerance; configure one',
    );
  }
  const tol = p.areaTolerancePercent;
  const hits = vacancies.filter(
    (v) => Math.abs(v.areaSqm - requestedAreaSqm) * 100 <= tol * requestedAreaSqm,
  );
  const cite = p.citations.recommend ?? { rule: 'S004-RECEPT-03', clause: '004 L132' };
  return {
    value: hits,
    trace: [
      entry(
        cite,
        `按需求面积${requestedAreaSqm}㎡(±${tol}%)推荐${hits.length}套空房`,
        `${hits.length} vacancies within ±${tol}% of ${requestedAreaSqm} m²`,
      ),
    ],
  };
}

/**
 * The next step of a visitor reception: quote first when a vacancy fits, else introduce (S004-RECEPT-04).
 *
 * @param requiredAreaSqm - area the visitor needs
 * @param vacancies - current vacancies
 * @param policy - a service policy with a `leasing` section
 * @returns `'quote'` or `'introduce'`
 * @example
 * const policy = defineServicePolicy({
 *   ...s004LeasingPolicy,
 *   params: { ...s004LeasingPolicy.params, leasing: { ...s004LeasingPolicy.params.leasing, areaTolerancePercent: 10 } },
 * });
 * visitNextStep(300, [{ id: 'A-1201', areaSqm: 310 }], policy).value; //=> 'quote'
 * visitNextStep(300, [{ id: 'B-0502', areaSqm: 500 }], policy).value; //=> 'introduce'
 */
export function visitNextStep(
  requiredAreaSqm: number,
  vacancies: readonly { id: string; areaSqm: number }[],
  policy: ServicePolicy,
): Decision<'quote' | 'introduce'> {
  parseInput(AreaArg, requiredAreaSqm, ['requiredAreaSqm']);
  parseInput(VacanciesArg, vacancies, ['vacancies']);
  return visitNextStepParsed(requiredAreaSqm, vacancies, policy);
}

/** {@link visitNextStep} on an area and vacancies its module has parsed already (one parse, not two; issue 21). @internal */
export function visitNextStepParsed(
  requiredAreaSqm: number,
  vacancies: readonly { id: string; areaSqm: number }[],
  policy: ServicePolicy,
): Decision<'quote' | 'introduce'> {
  const p = requireSection(paramsOf(policy).leasing, 'leasing');
  const r = recommendVacanciesParsed(requiredAreaSqm, vacancies, policy);
  const step = r.value.length > 0 ? 'quote' : 'introduce';
  const cite = p.citations.nextStep ?? { rule: 'S004-RECEPT-04', clause: '004 L145' };
  return {
    value: step,
    trace: [
      ...r.trace,
      entry(
        cite,
        step === 'quote' ? '有合适空房,先报价' : '暂无合适空房,作一般介绍',
        step === 'quote' ? 'a unit fits: quote first' : 'no unit fits: general introduction',
      ),
    ],
  };
}

/**
 * Whether a lease term may be offered as a flexible term, and whether now: only during a visit,
 * never by phone (S004-RECEPT-05, S004-RECEPT-03).
 *
 * @param term - e.g. `'rentFreePeriod'`
 * @param stage - `'phone'` or `'visit'`
 * @param policy - a service policy with a `leasing` section
 * @returns true when it may be offered
 * @example
 * flexibleTermAllowed('rentFreePeriod', 'phone', s004LeasingPolicy).value; //=> false
 */
export function flexibleTermAllowed(
  term: string,
  stage: 'phone' | 'visit',
  policy: ServicePolicy,
): Decision<boolean> {
  parseInput(StringArg, term, ['term']);
  parseInput(StageArg, stage, ['stage']);
  return flexibleTermParsed(term, stage, policy);
}

/** {@link flexibleTermAllowed} on a term and stage its module has parsed already (one parse, not two; issue 21). @internal */
export function flexibleTermParsed(
  term: string,
  stage: 'phone' | 'visit',
  policy: ServicePolicy,
): Decision<boolean> {
  const p = requireSection(paramsOf(policy).leasing, 'leasing');
  const known = p.flexibleTerms.includes(term);
  const ok = known && stage === 'visit';
  const cite = p.citations.flexibleTerms ?? { rule: 'S004-RECEPT-05', clause: '004 L156' };
  return {
    value: ok,
    trace: [
      entry(
        cite,
        !known
          ? `${term}不在弹性租赁条件之列`
          : ok
            ? `来访时可协商${term}`
            : '电话中只报标准价,弹性条件留待来访时协商',
        !known
          ? `${term} is not a listed flexible term`
          : ok
            ? `${term} may be negotiated during the visit`
            : 'by phone only the standard quote; flexible terms wait for the visit',
      ),
    ],
  };
}

/**
 * Whether a negotiation location is allowed: a meeting room, never a lift or the front desk (S004-RECEPT-06).
 *
 * @param location - where the negotiation happens
 * @param policy - a service policy with a `leasing` section
 * @returns true when allowed
 * @example
 * negotiationLocationOk('lift', s004LeasingPolicy).value; //=> false
 */
export function negotiationLocationOk(location: string, policy: ServicePolicy): Decision<boolean> {
  parseInput(StringArg, location, ['location']);
  return negotiationLocationParsed(location, policy);
}

/** {@link negotiationLocationOk} on a location its module has parsed already (one parse, not two; issue 21). @internal */
export function negotiationLocationParsed(location: string, policy: ServicePolicy): Decision<boolean> {
  const p = requireSection(paramsOf(policy).leasing, 'leasing');
  const ok = p.negotiationLocations.includes(location);
  const cite = p.citations.negotiation ?? { rule: 'S004-RECEPT-06', clause: '004 L158' };
  return {
    value: ok,
    trace: [
      entry(
        cite,
        ok ? '在会议室面谈' : `不得在${location}洽谈`,
        ok ? 'negotiation in a meeting room' : `no negotiation in ${location}`,
      ),
    ],
  };
}

/** Input of `monthlyCost`: area, rent, management fee, phone lines and parking (money in fen). */
export const MonthlyCostInputSchema = z.strictObject({
  areaSqm: z.number().positive(),
  rentPerSqmMonth: NonNegativeFenSchema,
  mgmtFeePerSqmMonth: NonNegativeFenSchema,
  phoneLines: z.number().int().min(0),
  phoneRentalPerLine: NonNegativeFenSchema,
  parkingSpaces: z.number().int().min(0),
  parkingFeePerSpace: NonNegativeFenSchema,
});

/** Monthly cost breakdown in fen. */
export type MonthlyCost = { rent: Fen; managementFee: Fen; phone: Fen; parking: Fen; total: Fen };

/**
 * A prospective tenant's monthly cost from the quote: rent + management fee + phone rental +
 * parking (S004-RECEPT-07). Area may be fractional; each product is rounded half-up to the fen.
 *
 * @param input - area and unit prices (fen)
 * @returns the breakdown
 * @throws ZhiduError `invalid_input` for a zero area or negative prices
 * @example
 * monthlyCost({ areaSqm: 200, rentPerSqmMonth: yuan(120), mgmtFeePerSqmMonth: yuan(25), phoneLines: 2,
 *   phoneRentalPerLine: yuan(100), parkingSpaces: 1, parkingFeePerSpace: yuan(800) }).value.total; //=> 3000000
 */
export function monthlyCost(input: z.input<typeof MonthlyCostInputSchema>): Decision<MonthlyCost> {
  return monthlyCostParsed(parseInput(MonthlyCostInputSchema, input, ['input']));
}

/** {@link monthlyCost} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function monthlyCostParsed(i: z.output<typeof MonthlyCostInputSchema>): Decision<MonthlyCost> {
  const rent = multiplyMoney(i.rentPerSqmMonth, i.areaSqm);
  const managementFee = multiplyMoney(i.mgmtFeePerSqmMonth, i.areaSqm);
  const phone = i.phoneRentalPerLine * i.phoneLines;
  const parking = i.parkingFeePerSpace * i.parkingSpaces;
  const total = rent + managementFee + phone + parking;
  return {
    value: { rent, managementFee, phone, parking, total },
    trace: [
      {
        rule: 'S004-RECEPT-07',
        clause: '004 L161',
        message: {
          zh: `每月租金、管理费及其他费用合计${total / 100}元`,
          en: `monthly rent, fee and charges total ${total / 100} CNY`,
        },
        data: { rent, managementFee, phone, parking },
      },
    ],
  };
}

/**
 * Flags an anonymous visitor (no card, no phone): reserved quote, no flexible terms, escort out,
 * optionally notify the monitoring room (S004-RECEPT-09).
 *
 * @param visitor - `{ cardGiven, phoneGiven }`
 * @param policy - a service policy with a `leasing` section
 * @returns `'anonymous'` or `'normal'`
 * @example
 * visitorRisk({ cardGiven: false, phoneGiven: false }, s004LeasingPolicy).value; //=> 'anonymous'
 */
export function visitorRisk(
  visitor: { cardGiven: boolean; phoneGiven: boolean },
  policy: ServicePolicy,
): Decision<'anonymous' | 'normal'> {
  parseInput(VisitorArg, visitor, ['visitor']);
  return visitorRiskParsed(visitor, policy);
}

/** {@link visitorRisk} on a visitor its module has parsed already (one parse, not two; issue 21). @internal */
export function visitorRiskParsed(
  visitor: { cardGiven: boolean; phoneGiven: boolean },
  policy: ServicePolicy,
): Decision<'anonymous' | 'normal'> {
  const p = requireSection(paramsOf(policy).leasing, 'leasing');
  const anon = !visitor.cardGiven && !visitor.phoneGiven;
  const cite = p.citations.anonymous ?? { rule: 'S004-RECEPT-09', clause: '004 L170' };
  return {
    value: anon ? 'anonymous' : 'normal',
    trace: [
      entry(
        cite,
        anon ? '来访者未留名片及电话:报价有所保留' : '来访者已留联系方式',
        anon ? 'no card and no phone: reserved quote only' : 'visitor left contact details',
      ),
    ],
  };
}
