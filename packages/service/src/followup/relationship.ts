import { type Decision, parseInput } from '@zhidu/core';
import { PartnerArg, ReadinessArg, StringListArg } from '../inputs.js';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, requireSection } from '../shared.js';

function salesSection(policy: ServicePolicy) {
  return requireSection(paramsOf(policy).sales, 'sales');
}
const cite = (c: { rule: string; clause: string } | undefined, rule: string, clause: string) =>
  c ?? { rule, clause };

/**
 * Partner-visit duties: whether senior management must visit this partner yearly (all A, selected
 * B) and whether visits must intensify before a planned project (S000B-FOLLOWUP-20, S000B-FOLLOWUP-21).
 *
 * @param partner - `{ grade, seniorVisitSelected?, upcomingProjects? }`
 * @param policy - a service policy with a `sales` section
 * @returns `{ seniorVisitRequired, intensify }`
 * @example
 * partnerVisitDuties({ grade: 'b' }, s000bPartnerPolicy).value; //=> { seniorVisitRequired: false, intensify: false }
 */
export function partnerVisitDuties(
  partner: { grade: string; seniorVisitSelected?: boolean; upcomingProjects?: number },
  policy: ServicePolicy,
): Decision<{ seniorVisitRequired: boolean; intensify: boolean }> {
  parseInput(PartnerArg, partner, ['partner']);
  return partnerDutiesParsed(partner, policy);
}

/** {@link partnerVisitDuties} on a partner its module has parsed already (one parse, not two; issue 21). @internal */
export function partnerDutiesParsed(
  partner: { grade: string; seniorVisitSelected?: boolean; upcomingProjects?: number },
  policy: ServicePolicy,
): Decision<{ seniorVisitRequired: boolean; intensify: boolean }> {
  const s = salesSection(policy);
  const seniorVisitRequired =
    s.seniorVisitGrades.includes(partner.grade) ||
    (s.seniorVisitSelectableGrades.includes(partner.grade) && partner.seniorVisitSelected === true);
  const intensify = (partner.upcomingProjects ?? 0) > 0;
  return {
    value: { seniorVisitRequired, intensify },
    trace: [
      entry(
        cite(s.citations.seniorVisit, 'S000B-FOLLOWUP-20', '000 L1429'),
        seniorVisitRequired ? '公司高层每年至少走访1次' : '无须高层年度走访',
        seniorVisitRequired ? 'senior management must visit yearly' : 'no yearly senior visit required',
      ),
      entry(
        cite(s.citations.partnerData, 'S000B-FOLLOWUP-21', '000 L1433'),
        intensify ? '近期有拟合作项目,应加强走访' : '无近期项目',
        intensify ? 'upcoming project: visit more often' : 'no upcoming project',
      ),
    ],
  };
}

/**
 * Share of assigned customers a specialist visited (巡回访问, not only particular customers);
 * flagged only against a configured minimum (S000B-FOLLOWUP-24).
 *
 * @param assigned - customer ids assigned
 * @param visited - customer ids visited in the period (repeats allowed)
 * @param policy - a service policy with a `sales` section
 * @param minPercent - optional minimum coverage
 * @returns `{ coveragePercent, flagged }`
 * @example
 * const assigned = ['C-01', 'C-02', 'C-03', 'C-04', 'C-05', 'C-06', 'C-07', 'C-08'];
 * visitCoverage(assigned, ['C-01', 'C-01'], s000bRelationshipPolicy).value; //=> { coveragePercent: 12.5, flagged: false }
 * visitCoverage(assigned, ['C-01'], s000bRelationshipPolicy, 50).value.flagged; //=> true
 */
export function visitCoverage(
  assigned: readonly string[],
  visited: readonly string[],
  policy: ServicePolicy,
  minPercent?: number,
): Decision<{ coveragePercent: number | null; flagged: boolean }> {
  parseInput(StringListArg, assigned, ['assigned']);
  parseInput(StringListArg, visited, ['visited']);
  return visitCoverageParsed(assigned, visited, policy, minPercent);
}

/** {@link visitCoverage} on customer lists its module has parsed already (one parse, not two; issue 21). @internal */
export function visitCoverageParsed(
  assigned: readonly string[],
  visited: readonly string[],
  policy: ServicePolicy,
  minPercent?: number,
): Decision<{ coveragePercent: number | null; flagged: boolean }> {
  const s = salesSection(policy);
  const set = new Set(assigned);
  const hit = new Set(visited.filter((v) => set.has(v))).size;
  const coveragePercent = set.size === 0 ? null : (hit * 100) / set.size;
  const flagged = minPercent !== undefined && coveragePercent !== null && coveragePercent < minPercent;
  return {
    value: { coveragePercent, flagged },
    trace: [
      entry(
        cite(s.citations.coverage, 'S000B-FOLLOWUP-24', '000 L1195'),
        `巡回访问覆盖${hit}/${set.size}`,
        `visited ${hit} of ${set.size} assigned customers`,
      ),
    ],
  };
}

/**
 * Which customer categories lack a maintenance plan, and which departments have not handed in a
 * guest list for an appreciation event (S000B-FOLLOWUP-22).
 *
 * @param input - `{ plans: category[], departments: id[], listsFrom: id[] }`
 * @param policy - a service policy with a `sales` section
 * @returns `{ missingPlans, missingLists }`
 * @example
 * maintenanceReadiness(
 *   { plans: ['key', 'general', 'target'], departments: ['sales', 'service'], listsFrom: ['sales'] },
 *   s000bCorporatePolicy,
 * ).value; //=> { missingPlans: ['potential'], missingLists: ['service'] }
 */
export function maintenanceReadiness(
  input: { plans: readonly string[]; departments: readonly string[]; listsFrom: readonly string[] },
  policy: ServicePolicy,
): Decision<{ missingPlans: string[]; missingLists: string[] }> {
  parseInput(ReadinessArg, input, ['input']);
  return readinessParsed(input, policy);
}

/** {@link maintenanceReadiness} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function readinessParsed(
  input: { plans: readonly string[]; departments: readonly string[]; listsFrom: readonly string[] },
  policy: ServicePolicy,
): Decision<{ missingPlans: string[]; missingLists: string[] }> {
  const s = salesSection(policy);
  const missingPlans = s.maintenanceCategories.filter((c) => !input.plans.includes(c));
  const missingLists = input.departments.filter((d) => !input.listsFrom.includes(d));
  return {
    value: { missingPlans, missingLists },
    trace: [
      entry(
        cite(s.citations.maintenancePlans, 'S000B-FOLLOWUP-22', '000 L1487'),
        `缺少维护方案:${missingPlans.join('、') || '无'};未交名单:${missingLists.join('、') || '无'}`,
        `missing plans: ${missingPlans.join(', ') || 'none'}; missing lists: ${missingLists.join(', ') || 'none'}`,
      ),
    ],
  };
}
