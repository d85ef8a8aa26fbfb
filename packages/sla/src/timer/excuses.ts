import { type EvalContext, TextSchema, Trace, type TraceEntry, toEpochMs, toInstant } from '@zhidu/core';
import { z } from 'zod';
import { matchesAll } from '../conditions.js';
import { type ParsedEvent, recordedMs } from '../events.js';
import { EventMatcherSchema } from './definition.js';
import type { TimerState } from './state.js';

/**
 * How a breach that was already reported can be excused by a fact recorded later (可免责情形): the
 * timers it may excuse, the fact (an event type, optionally with attribute conditions), which of the
 * fact's own times counts (`recordedAt`, default, or `at`) and the window that time must fall in —
 * `minutes` from the timer's `start` (e.g. "the postponement was recorded within the first 4 h":
 * `{ from: 'start', minutes: 240 }`) or from its `due` time. Without an excuse rule a reported
 * breach stays a breach whatever is recorded afterwards.
 */
export const ExcuseSchema = z.strictObject({
  id: z.string().min(1),
  rule: z.string().min(1),
  clause: z.string().min(1),
  title: TextSchema,
  timers: z.array(z.string().min(1)).min(1),
  event: EventMatcherSchema,
  time: z.enum(['recordedAt', 'at']).default('recordedAt'),
  window: z.strictObject({
    from: z.enum(['start', 'due']).default('start'),
    minutes: z.number().int().nonnegative(),
  }),
});
/** A parsed excuse rule. */
export type Excuse = z.output<typeof ExcuseSchema>;

/** Evaluates the timers with the events known at an instant (events recorded by then, `now` = then). */
export type EvaluateKnown = (
  events: ParsedEvent[],
  ctx: EvalContext,
) => { value: TimerState[]; trace: TraceEntry[] };

const keyOf = (s: { subject: string; timerId: string; cycle: number }) =>
  `${s.subject}\u0000${s.timerId}\u0000${s.cycle}`;

/** The subject a (possibly period-addressed) timer subject belongs to: `company@2024-04` → `company`. */
function baseSubject(subject: string, late: ReadonlySet<string>): string {
  if (late.has(subject)) return subject;
  const at = subject.lastIndexOf('@');
  return at > 0 ? subject.slice(0, at) : subject;
}

/**
 * Facts as of their time (bitemporal in the simple sense): a breach is *reported* at instant T when
 * evaluating with only the events recorded by T shows it. For each instant at which an event was
 * recorded later than it happened, the subject's timers are evaluated with the events recorded
 * before it (at the millisecond before). A breach reported there that the evaluation with every
 * known event no longer shows stays a breach (`reportedAt`, with a trace entry), unless an excuse
 * rule of the policy fires: its fact is known, and that fact's time falls in the rule's window (the
 * excused state keeps today's reading, with `excused` and its own trace entry).
 *
 * @param final - the evaluation with every event recorded by `now`
 * @param known - the events recorded by `now`, in time order
 * @param excuses - the policy's excuse rules
 * @param ctx - the evaluation context
 * @param evaluateKnown - evaluates the timers for a set of events at an instant
 * @returns the states and trace, reported breaches kept or excused
 * @internal
 */
export function keepReportedBreaches(
  final: { value: TimerState[]; trace: TraceEntry[] },
  known: readonly ParsedEvent[],
  excuses: readonly Excuse[],
  ctx: EvalContext,
  evaluateKnown: EvaluateKnown,
): { value: TimerState[]; trace: TraceEntry[] } {
  // The instants at which a fact was recorded after it happened, per subject.
  const lateBySubject = new Map<string, Set<number>>();
  for (const e of known) {
    const r = recordedMs(e);
    if (r <= e.ms) continue;
    const set = lateBySubject.get(e.subject) ?? new Set<number>();
    set.add(r);
    lateBySubject.set(e.subject, set);
  }
  if (lateBySubject.size === 0) return final;
  const lateSubjects = new Set(lateBySubject.keys());
  const value = [...final.value];
  const index = new Map(value.map((s, i) => [keyOf(s), i]));
  const handled = new Set<string>();
  const trace = new Trace();
  for (const [subject, instants] of lateBySubject) {
    const own = known.filter((e) => e.subject === subject);
    for (const t of [...instants].sort((a, b) => a - b)) {
      const before = own.filter((e) => recordedMs(e) < t);
      if (before.length === 0) continue;
      const then = toInstant(t - 1);
      const earlier = evaluateKnown(before, { ...ctx, now: then });
      for (const reported of earlier.value) {
        if (reported.status !== 'breached') continue;
        if (baseSubject(reported.subject, lateSubjects) !== subject) continue;
        const key = keyOf(reported);
        if (handled.has(key)) continue;
        const i = index.get(key);
        const now = i === undefined ? undefined : value[i];
        if (now?.status === 'breached') {
          handled.add(key);
          continue;
        }
        handled.add(key);
        const excuse = firingExcuse(excuses, reported, own);
        if (excuse) {
          trace.add(
            excuse.rule.rule,
            excuse.rule.clause,
            `${reported.timerId}:${then} 已报告的超时因「${excuse.rule.title.zh}」免责(${excuse.event.type} ${excuse.rule.time === 'at' ? '发生于' : '记录于'} ${excuse.time},在允许的时间窗内)`,
            `${reported.timerId}: the breach reported at ${then} is excused by "${excuse.rule.title.en}" (${excuse.event.type} ${excuse.rule.time === 'at' ? 'happened' : 'recorded'} at ${excuse.time}, inside its window)`,
            {
              subject: reported.subject,
              timerId: reported.timerId,
              excuse: excuse.rule.id,
              reportedAt: then,
            },
          );
          if (now !== undefined && i !== undefined)
            value[i] = { ...now, excused: { excuse: excuse.rule.id, reportedAt: then } };
          continue;
        }
        trace.add(
          reported.rule,
          reported.clause,
          `${reported.timerId}:${then} 已报告超时,其后补录的事实不能撤销(政策未规定可免责情形或不在时间窗内)`,
          `${reported.timerId}: the breach reported at ${then} stands; facts recorded afterwards do not undo it (no excuse rule of the policy fires)`,
          { subject: reported.subject, timerId: reported.timerId, reportedAt: then },
        );
        const kept: TimerState = { ...reported, reportedAt: then };
        if (i === undefined) {
          index.set(key, value.length);
          value.push(kept);
        } else value[i] = kept;
      }
    }
  }
  return { value, trace: [...final.trace, ...trace.entries] };
}

function firingExcuse(
  excuses: readonly Excuse[],
  reported: TimerState,
  events: readonly ParsedEvent[],
): { rule: Excuse; event: ParsedEvent; time: string } | undefined {
  for (const rule of excuses) {
    if (!rule.timers.includes(reported.timerId)) continue;
    const anchor = rule.window.from === 'start' ? reported.startedAt : reported.dueAt;
    if (anchor === undefined) continue;
    const from = toEpochMs(anchor);
    const to = from + rule.window.minutes * 60_000;
    for (const e of events) {
      if (e.type !== rule.event.type || !matchesAll(rule.event.when, e.attributes ?? {})) continue;
      const ms = rule.time === 'at' ? e.ms : recordedMs(e);
      if (ms >= from && ms <= to) return { rule, event: e, time: toInstant(ms) };
    }
  }
  return undefined;
}
