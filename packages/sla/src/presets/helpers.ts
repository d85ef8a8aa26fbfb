import type { DurationSpec } from '@zhidu/core';
import type { Condition } from '../conditions.js';
import type { EventMatcher, TimerDefinitionInput } from '../timer/definition.js';

/** `N分钟内`: N minutes from the exact start instant. */
export const minutes = (amount: number): DurationSpec => ({ unit: 'minutes', amount });
/** `N小时内`: N hours from the exact start instant (C2: hour periods run from the timestamp). */
export const hours = (amount: number): DurationSpec => ({ unit: 'hours', amount });
/** `N个工作日内`: end of the N-th working day after the start day (C1/C2). */
export const workingDays = (amount: number): DurationSpec => ({
  unit: 'workingDays',
  amount,
  at: 'endOfDay',
});
/** `N天内`: end of the N-th calendar day after the start day (C2). */
export const calendarDays = (amount: number): DurationSpec => ({
  unit: 'calendarDays',
  amount,
  at: 'endOfDay',
});
/** `N个月内`: same day-of-month N months later, clamped, end of day (C2). */
export const calendarMonths = (amount: number): DurationSpec => ({
  unit: 'calendarMonths',
  amount,
  at: 'endOfDay',
});

/** Matches events of a type. */
export const on = (type: string, when?: Condition[]): EventMatcher => (when ? { type, when } : { type });
/** `attribute == value`. */
export const is = (attribute: string, equals: string | number | boolean): Condition => ({
  attribute,
  equals,
});

/**
 * A compact timer definition builder for presets; everything it fills in is ordinary policy data.
 *
 * @param t - the definition, with `zh`/`en` for the title and event-type shorthands for start/stop
 * @returns the timer definition input
 * @example
 * timer({ id: 't', rule: 'S001B-SLA-01', clause: '001 L1058', zh: '30分鐘內', en: 'within 30 minutes',
 *   start: 'received', stop: 'planProposed', target: { kind: 'duration', spec: minutes(30) } });
 */
export function timer(
  t: Omit<TimerDefinitionInput, 'title' | 'start' | 'stop'> & {
    zh: string;
    en: string;
    start: string | EventMatcher[];
    stop?: string | EventMatcher[];
  },
): TimerDefinitionInput {
  const { zh, en, start, stop, ...rest } = t;
  return {
    ...rest,
    title: { zh, en },
    start: typeof start === 'string' ? [on(start)] : start,
    stop: stop === undefined ? [] : typeof stop === 'string' ? [on(stop)] : stop,
  };
}

/**
 * The envelope every preset shares; the effective date is the regulation's where it states one.
 *
 * @param id - policy id
 * @param title - the regulation's title
 * @param clause - the seed lines it covers
 * @param effectiveFrom - local date it takes effect (default 2000-01-01 when the seed states none)
 * @returns the policy envelope without params
 * @example
 * envelope('zhidu.sla.corporate-000b', '客户管理制度', '000 L1447–1501', '2013-07-01');
 */
export function envelope(id: string, title: string, clause: string, effectiveFrom = '2000-01-01') {
  return { id, version: '1', effectiveFrom, zone: 'Asia/Shanghai', source: { title, clause } };
}
