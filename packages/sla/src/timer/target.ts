import {
  addDays,
  addMonthsClamped,
  atLocal,
  compileDeadline,
  type Deadline,
  type DurationSpec,
  dueByDateAlone,
  type EvalContext,
  endOfLocalDay,
  expectArray,
  expectEvalContext,
  expectObject,
  type LocalDate,
  localDateOf,
  localTimeOf,
  ownValue,
  startOfLocalDay,
  type TimeContext,
  toEpochMs,
  toInstant,
} from '@zhidu/core';
import { type Attributes, conditionAttributes, matchesAll } from '../conditions.js';
import type { ParsedEvent } from '../events.js';
import type { Target } from './definition.js';
import { instantOfMs } from './iso.js';

/** The outcome of resolving a target: a deadline, nothing yet (waiting for data), or an anomaly. */
export type ResolvedTarget =
  | { kind: 'deadline'; deadline: Deadline; caseIndex?: number }
  | { kind: 'count'; attribute: string; max: number }
  | {
      kind: 'unresolved';
      reason: 'unknown_target_case' | 'missing_attribute' | 'awaiting_event';
      detail: string;
    };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function relativeDeadline(
  target: Extract<Target, { kind: 'relative' }>,
  attributes: Attributes,
  ctx: EvalContext,
): ResolvedTarget {
  const raw = attributes[target.attribute];
  if (typeof raw !== 'string' || raw === '') {
    return { kind: 'unresolved', reason: 'missing_attribute', detail: target.attribute };
  }
  const isDate = DATE_ONLY.test(raw);
  const baseInstant = isDate
    ? startOfLocalDay(raw, ctx.zone)
    : toInstant(raw, ['attributes', target.attribute]);
  const baseDate: LocalDate = isDate ? raw : localDateOf(baseInstant, ctx.zone);
  let date = baseDate;
  if (target.offset.calendarMonths) date = addMonthsClamped(date, target.offset.calendarMonths);
  if (target.offset.calendarDays) date = addDays(date, target.offset.calendarDays);
  let at: string;
  if (target.at === 'endOfDay') at = endOfLocalDay(date, ctx.zone);
  else if (target.at === 'startOfDay' || isDate) at = startOfLocalDay(date, ctx.zone);
  else if (date === baseDate) at = baseInstant;
  else {
    // Same local wall time on the shifted date, keeping seconds and milliseconds.
    const hhmm = localTimeOf(baseInstant, ctx.zone);
    const rest = toEpochMs(baseInstant) - toEpochMs(atLocal(baseDate, hhmm, ctx.zone));
    at = toInstant(toEpochMs(atLocal(date, hhmm, ctx.zone)) + rest);
  }
  if (target.offset.minutes) at = toInstant(toEpochMs(at) + target.offset.minutes * 60_000);
  return { kind: 'deadline', deadline: { at: toInstant(at), inclusive: target.inclusive } };
}

/** Resolves one target for any start instant, subject attributes and events (see `compileTarget`). */
export type TargetResolver = (
  startAt: string,
  attributes: Attributes,
  subjectEvents: readonly ParsedEvent[],
) => ResolvedTarget;

/** Milliseconds per unit of the wall-clock duration units (core's `deadline` adds them to the start). */
const CLOCK_UNIT_MS: Readonly<Record<string, number>> = { seconds: 1000, minutes: 60_000, hours: 3_600_000 };

/** A copy of a deadline (a cached one is never handed out itself: a caller may keep or change it). */
function copyDeadline(d: Deadline): Deadline {
  const out: Deadline = { ...d };
  if (d.provisionalYears !== undefined) out.provisionalYears = [...d.provisionalYears];
  return out;
}

// Validated on first use rather than up front, so a spec no subject reaches is never checked — as
// with core's `deadline`, which validates on every call. After that (issue 21), a wall-clock unit is
// added to the start's epoch milliseconds directly, as core does, and a day-granular unit is computed
// once per local start day: core's answer, without re-reading the start's local day and time and the
// calendar for every subject.
function lazyDeadline(spec: DurationSpec, time: TimeContext & { zone: string }): (start: string) => Deadline {
  const zone = time.zone;
  let due: ((start: string) => Deadline) | undefined;
  const clock = Object.hasOwn(CLOCK_UNIT_MS, spec.unit) ? CLOCK_UNIT_MS[spec.unit] : undefined;
  const amount = (spec as { amount?: number }).amount ?? 0;
  const inclusive = spec.inclusive ?? true;
  // Units whose due time depends on the start's local date alone (core's `dueByDateAlone`): core's
  // `deadline` is computed once per local day and spec, not per start.
  const byDay = dueByDateAlone(spec) ? new Map<string, Deadline>() : undefined;
  return (start) => {
    due ??= compileDeadline(spec, time);
    if (clock !== undefined) {
      const at = instantOfMs(toEpochMs(start, ['start']) + Math.round(amount * clock));
      return { at, inclusive };
    }
    if (byDay === undefined) return due(start);
    const day = localDateOf(start, zone);
    let hit = byDay.get(day);
    if (hit === undefined) {
      hit = due(start);
      if (byDay.size >= 10_000) byDay.clear();
      byDay.set(day, hit);
    }
    return copyDeadline(hit);
  };
}

/**
 * Prepares a timer target for resolving many start instants under one context: each duration spec
 * is validated once (core's `compileDeadline`), not on every subject and cycle.
 *
 * @param target - the target from the timer definition
 * @param ctx - zone and calendar, fixed for every call
 * @returns `(startAt, attributes, subjectEvents) => ResolvedTarget`
 * @example
 * const ctx = makeContext({ now: '2024-05-10T10:00:00+08:00' });
 * const resolve = compileTarget({ kind: 'duration', spec: { unit: 'minutes', amount: 30 } }, ctx);
 * resolve('2024-05-10T01:45:00.000Z', {}, [])
 * //=> { kind: 'deadline', deadline: { at: '2024-05-10T02:15:00.000Z', inclusive: true } }
 */
export function compileTarget(target: Target, ctx: EvalContext): TargetResolver {
  const time = { zone: ctx.zone, calendar: ctx.calendar };
  switch (target.kind) {
    case 'duration': {
      const due = lazyDeadline(target.spec, time);
      return (startAt) => ({ kind: 'deadline', deadline: due(startAt) });
    }
    case 'byAttribute': {
      const cases = target.cases.map((c) => lazyDeadline(c.spec, time));
      const otherwise = target.otherwise === undefined ? undefined : lazyDeadline(target.otherwise, time);
      return (startAt, attributes) => {
        const index = target.cases.findIndex((c) => matchesAll(c.when, attributes));
        const chosen = index >= 0 ? cases[index] : undefined;
        if (chosen) return { kind: 'deadline', deadline: chosen(startAt), caseIndex: index };
        if (otherwise) return { kind: 'deadline', deadline: otherwise(startAt) };
        const keys = [...new Set(target.cases.flatMap((c) => c.when.flatMap(conditionAttributes)))];
        return {
          kind: 'unresolved',
          reason: 'unknown_target_case',
          detail: keys.map((k) => `${k}=${JSON.stringify(ownValue(attributes, k) ?? null)}`).join(', '),
        };
      };
    }
    case 'relative':
      return (_startAt, attributes) => relativeDeadline(target, attributes, ctx);
    case 'beforeEvent':
      return (_startAt, _attributes, subjectEvents) => {
        const hit = subjectEvents.find((e) => e.type === target.type);
        if (!hit) return { kind: 'unresolved', reason: 'awaiting_event', detail: target.type };
        return { kind: 'deadline', deadline: { at: hit.at, inclusive: target.inclusive } };
      };
    case 'count':
      return () => ({ kind: 'count', attribute: target.attribute, max: target.max });
    case 'immediately':
      return (startAt) => ({
        kind: 'deadline',
        deadline: { at: toInstant(toEpochMs(startAt) + target.graceMinutes * 60_000), inclusive: true },
      });
  }
}

/**
 * Resolves a timer target into a deadline for one start instant. All calendar arithmetic goes
 * through core (`deadline`, `addDays`…), so working days are the PRC statutory calendar in
 * presets that say 工作日 and long horizons cost O(log) on the calendar, never a day-by-day walk.
 *
 * @param target - the target from the timer definition
 * @param startAt - the instant the timer started
 * @param attributes - the subject's attributes (severity, amount band, appointment time…)
 * @param subjectEvents - the subject's events up to `now`, for `beforeEvent` targets
 * @param ctx - zone and calendar
 * @returns the deadline, a measured ceiling, or why it cannot be computed yet
 * @example
 * const ctx = makeContext({ now: '2024-05-10T10:00:00+08:00' });
 * const thirtyMinutes = { kind: 'duration' as const, spec: { unit: 'minutes' as const, amount: 30 } };
 * resolveTarget(thirtyMinutes, '2024-05-10T01:45:00.000Z', {}, [], ctx)
 * //=> { kind: 'deadline', deadline: { at: '2024-05-10T02:15:00.000Z', inclusive: true } }
 */
export function resolveTarget(
  target: Target,
  startAt: string,
  attributes: Attributes,
  subjectEvents: readonly ParsedEvent[],
  ctx: EvalContext,
): ResolvedTarget {
  expectObject(target, ['target']);
  expectObject(attributes, ['attributes']);
  expectArray(subjectEvents, ['subjectEvents'], 'object');
  expectEvalContext(ctx);
  return compileTarget(target, ctx)(startAt, attributes, subjectEvents);
}
