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

/** A compact timer definition builder; everything it fills in is ordinary policy data. */
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

/** The envelope every preset shares; the effective date is the regulation's where it states one. */
export function envelope(id: string, title: string, clause: string, effectiveFrom = '2000-01-01') {
  return { id, version: '1', effectiveFrom, zone: 'Asia/Shanghai', source: { title, clause } };
}
