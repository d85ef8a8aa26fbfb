import { chinaCalendar } from '@zhidu/calendar-cn';
import {
  allocate,
  DEFAULT_ZONE,
  type DurationSpec,
  deadline,
  formatMoney,
  localDateOf,
  localTimeOf,
  type WorkCalendar,
  weekdayCalendar,
  yuan,
} from '@zhidu/core';

/** A complaint received at 17:40 on Tuesday 30 September 2025 — the last workday before the National Day week. */
export const RECEIVED_AT = '2025-09-30T17:40:00+08:00';

/** The three limits the seeds use most for complaints. */
export const LIMITS: { label: string; spec: DurationSpec }[] = [
  { label: 'feedback within 24 hours (24小时内反馈)', spec: { unit: 'hours', amount: 24 } },
  { label: 'proposal within 1 working day (1个工作日)', spec: { unit: 'workingDays', amount: 1 } },
  { label: 'resolution within 3 working days (3个工作日)', spec: { unit: 'workingDays', amount: 3 } },
];

/** One row of the comparison: the same limit under two calendars. */
export interface DeadlineRow {
  label: string;
  prc: string;
  weekdays: string;
}

function local(at: string): string {
  return `${localDateOf(at, DEFAULT_ZONE)} ${localTimeOf(at, DEFAULT_ZONE)}`;
}

/**
 * Each limit's deadline under the PRC statutory calendar and under plain Mon–Fri.
 *
 * @example
 * compareDeadlines()[2]; //=> { label: 'resolution …', prc: '2025-10-11 23:59', weekdays: '2025-10-03 23:59' }
 */
export function compareDeadlines(
  prc: WorkCalendar = chinaCalendar(),
  weekdays: WorkCalendar = weekdayCalendar(),
): DeadlineRow[] {
  return LIMITS.map(({ label, spec }) => ({
    label,
    prc: local(deadline(RECEIVED_AT, spec, { calendar: prc }).at),
    weekdays: local(deadline(RECEIVED_AT, spec, { calendar: weekdays }).at),
  }));
}

/**
 * A 100.00 CNY fine shared by three people 40 / 30 / 30 and a 100.00 CNY fine shared by three
 * people equally — the second cannot split evenly, and `allocate` places the odd fen explicitly.
 */
export function fineSplits(): { shares: number[]; parts: string[] }[] {
  return [
    [40, 30, 30],
    [1, 1, 1],
  ].map((shares) => ({ shares, parts: allocate(yuan(100), shares).map((p) => formatMoney(p)) }));
}
