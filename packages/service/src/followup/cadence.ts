import {
  addDays,
  addMonthsClamped,
  type Decision,
  type LocalDate,
  LocalDateSchema,
  ownValue,
  parseInput,
  ZhiduError,
} from '@zhidu/core';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, requireSection } from '../shared.js';
import type { Cadence } from './cadence-schema.js';

function cadenceOf(key: string, policy: ServicePolicy): Cadence {
  const list = requireSection(paramsOf(policy).cadences, 'cadences');
  const c = list.find((x) => x.key === key);
  if (!c)
    throw new ZhiduError(
      'unknown_reference',
      ['key'],
      `制度 ${policy.id} 中没有回访频次 "${key}" / no cadence "${key}" in policy ${policy.id}`,
    );
  return c;
}

function step(
  date: LocalDate,
  s: { months?: number | undefined; days?: number | undefined },
  n = 1,
): LocalDate {
  return s.months !== undefined ? addMonthsClamped(date, s.months * n) : addDays(date, (s.days ?? 0) * n);
}

/**
 * Next due date of a recurring follow-up after the last one (or the anchor): a credit report by
 * grade (A every 6 months …), a project tracking record every 30 days, a periodic revisit. Month
 * steps clamp to month end (2024-01-31 + 1 month = 2024-02-29).
 *
 * @param key - cadence key in the policy
 * @param last - date of the last report / visit, or the anchor
 * @param policy - a service policy with `cadences`
 * @param grade - customer grade when the cadence is by grade
 * @returns the next due date
 * @throws ZhiduError `invalid_input` when the regulation leaves the period open and the policy does not set one
 * @example
 * nextDueDate('creditReport', '2024-01-10', s001CreditManagementPolicy, 'B').value; //=> '2024-04-10'
 * nextDueDate('creditReport', '2024-01-31', s001CreditManagementPolicy, 'C').value; //=> '2024-02-29' (clamped)
 * nextDueDate('creditReport', '2024-01-10', s001CreditManagementPolicy); // throws ZhiduError invalid_input (grade needed)
 */
export function nextDueDate(
  key: string,
  last: LocalDate,
  policy: ServicePolicy,
  grade?: string,
): Decision<LocalDate> {
  cadenceOf(key, policy);
  return nextDueParsed(key, parseInput(LocalDateSchema, last, ['last']), policy, grade);
}

/** {@link nextDueDate} on a date its module has parsed already (one parse, not two; issue 21). @internal */
export function nextDueParsed(
  key: string,
  from: LocalDate,
  policy: ServicePolicy,
  grade?: string,
): Decision<LocalDate> {
  const c = cadenceOf(key, policy);
  let s: { months?: number | undefined; days?: number | undefined } | undefined;
  if (c.byGrade !== undefined) {
    s = grade === undefined ? undefined : ownValue(c.byGrade, grade);
    if (s === undefined) {
      throw new ZhiduError(
        'invalid_input',
        ['grade'],
        `回访频次 "${key}" 须指定客户等级之一：${Object.keys(c.byGrade).join('、')} / cadence "${key}" needs one of the grades ${Object.keys(c.byGrade).join(', ')}`,
      );
    }
  } else s = c.phases[0]?.step;
  if (s === undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'cadences', key],
      `制度未规定 "${key}" 的周期（定期）；排期前请在制度参数中设定 / the regulation gives no period for "${key}" (定期); set one in the policy before scheduling`,
    );
  }
  const next = step(from, s);
  return {
    value: next,
    trace: [
      entry(c, `${c.zh}:上次${from},下次应在${next}前`, `${c.en}: last ${from}, next due ${next}`, {
        grade,
        step: s,
      }),
    ],
  };
}

/**
 * All due dates of a phased cadence from its anchor up to `until` (inclusive), each computed from
 * the anchor (not from the previous date) so month-end clamping never drifts: e.g. return-visit
 * calls monthly in the first year after delivery, then quarterly (S001-FOLLOW-08).
 *
 * @param key - cadence key
 * @param anchor - anchor date (delivery, sale …)
 * @param until - last date to include
 * @param policy - a service policy with `cadences`
 * @returns the dates in order
 * @throws ZhiduError `invalid_input` when the cadence has no phases (period left open)
 * @example
 * // Return-visit calls: monthly in the first year after delivery, then quarterly (S001-FOLLOW-08).
 * const calls = cadenceSchedule('returnVisitCalls', '2024-01-15', '2025-07-15', s001ServiceSupervisionPolicy).value;
 * calls.slice(0, 2); //=> ['2024-02-15', '2024-03-15']
 * calls.slice(-3); //=> ['2025-01-15', '2025-04-15', '2025-07-15']
 */
export function cadenceSchedule(
  key: string,
  anchor: LocalDate,
  until: LocalDate,
  policy: ServicePolicy,
): Decision<LocalDate[]> {
  cadenceOf(key, policy);
  return cadenceScheduleParsed(
    key,
    parseInput(LocalDateSchema, anchor, ['anchor']),
    parseInput(LocalDateSchema, until, ['until']),
    policy,
  );
}

/** {@link cadenceSchedule} on dates its module has parsed already (one parse, not two; issue 21). @internal */
export function cadenceScheduleParsed(
  key: string,
  a: LocalDate,
  u: LocalDate,
  policy: ServicePolicy,
): Decision<LocalDate[]> {
  const c = cadenceOf(key, policy);
  if (c.phases.length === 0) {
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'cadences', key],
      `制度未规定 "${key}" 的频次；排期前请在制度参数中设定阶段 / the regulation gives no frequency for "${key}"; set phases in the policy before scheduling`,
    );
  }
  const dates: LocalDate[] = [];
  let offsetMonths = 0;
  let offsetDays = 0;
  outer: for (const phase of c.phases) {
    for (let guard = 0; guard < 100_000; guard++) {
      const nm = offsetMonths + (phase.step.months ?? 0);
      const nd = offsetDays + (phase.step.days ?? 0);
      if (phase.untilMonths !== null && phase.step.months !== undefined && nm > phase.untilMonths) break;
      const d = addDays(addMonthsClamped(a, nm), nd);
      if (phase.untilMonths !== null && d > addMonthsClamped(a, phase.untilMonths)) break;
      if (d > u) break outer;
      dates.push(d);
      offsetMonths = nm;
      offsetDays = nd;
    }
  }
  return {
    value: dates,
    trace: [
      entry(
        c,
        `${c.zh}:自${a}起至${u}共${dates.length}次`,
        `${c.en}: ${dates.length} dates from ${a} to ${u}`,
      ),
    ],
  };
}
