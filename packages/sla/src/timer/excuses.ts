import { type EvalContext, TextSchema, type TraceEntry, toEpochMs } from '@zhidu/core';
import { z } from 'zod';
import type { ParsedEvent } from '../events.js';
import { type EvaluateAsOf, keepReported, type ReportedKind } from '../reported.js';
import { EventMatcherSchema } from './definition.js';
import type { TimerState } from './state.js';

/**
 * How a breach that was already reported can be excused by a fact recorded later (可免责情形): the
 * timers, incident rules and quotas it may excuse (at least one), the fact (an event type,
 * optionally with attribute conditions), which of the fact's own times counts (`recordedAt`,
 * default, or `at`) and the window that time must fall in — `minutes` from the finding's `start`
 * (e.g. "the postponement was recorded within the first 4 h": `{ from: 'start', minutes: 240 }`) or
 * from its `due` time. For a timer these are its start and due instants; for an incident both are
 * the time of the event that triggered it; for a quota, the start and the end of the period that
 * fell short (and the fact must have happened inside that period). Without an excuse rule a
 * reported breach stays a breach whatever is recorded afterwards.
 */
export const ExcuseSchema = z
  .strictObject({
    id: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    title: TextSchema,
    /** The timers (and recurring obligations) whose reported breaches it may excuse. */
    timers: z.array(z.string().min(1)).default([]),
    /** The incident rules (`incidents[].id`) whose reported violations it may excuse. Default none. */
    incidents: z.array(z.string().min(1)).default([]),
    /** The quotas (`quotas[].id`) whose reported shortfalls it may excuse. Default none. */
    quotas: z.array(z.string().min(1)).default([]),
    event: EventMatcherSchema,
    time: z.enum(['recordedAt', 'at']).default('recordedAt'),
    window: z.strictObject({
      from: z.enum(['start', 'due']).default('start'),
      minutes: z.number().int().nonnegative(),
    }),
  })
  .superRefine((x, ctx) => {
    if (x.timers.length + x.incidents.length + x.quotas.length > 0) return;
    ctx.addIssue({
      code: 'custom',
      path: ['timers'],
      message:
        '免责规则须至少指明一个计时器、事件规则或频次要求 / an excuse rule must name at least one timer, incident rule or quota',
    });
  });
/** A parsed excuse rule. */
export type Excuse = z.output<typeof ExcuseSchema>;
/** An excuse rule as JSON input (`timers`, `incidents`, `quotas`, `time` and `window.from` optional). */
export type ExcuseInput = z.input<typeof ExcuseSchema>;

/** Evaluates the timers with the events known at an instant (events recorded by then, `now` = then). */
export type EvaluateKnown = EvaluateAsOf<TimerState>;

/** The subject a (possibly period-addressed) timer subject belongs to: `company@2024-04` → `company`. */
function baseSubject(subject: string, late: ReadonlySet<string>): string {
  if (late.has(subject)) return subject;
  const at = subject.lastIndexOf('@');
  return at > 0 ? subject.slice(0, at) : subject;
}

/** How {@link keepReported} reads timer states: one per subject, timer and cycle. */
const TIMER_FINDINGS: ReportedKind<TimerState> = {
  what: { zh: '超时', en: 'breach' },
  key: (s) => `${s.subject}\u0000${s.timerId}\u0000${s.cycle}`,
  isBreach: (s) => s.status === 'breached',
  eventScope: (e) => e.subject,
  itemScope: (s, late) => baseSubject(s.subject, late),
  id: (s) => s.timerId,
  named: (rule) => rule.timers,
  anchor: (s, from) => {
    const at = from === 'start' ? s.startedAt : s.dueAt;
    return at === undefined ? undefined : toEpochMs(at);
  },
  cite: (s) => ({ rule: s.rule, clause: s.clause }),
  data: (s) => ({ subject: s.subject, timerId: s.timerId }),
  keep: (reported, reportedAt) => ({ ...reported, reportedAt }),
  excuse: (now, excuse, reportedAt) =>
    now === undefined ? undefined : { ...now, excused: { excuse, reportedAt } },
};

/**
 * Facts as of their time for timers (see {@link keepReported}): a breach reported before a late
 * record stays a breach (`reportedAt`) unless an excuse rule naming the timer fires; the excused
 * state keeps today's reading, with `excused` and its own trace entry.
 *
 * @param final - the evaluation with every event recorded by `now`
 * @param known - the events recorded by `now`, in time order
 * @param excuses - the policy's excuse rules
 * @param ctx - the evaluation context
 * @param evaluateKnown - evaluates the timers for a set of events at an instant
 * @returns the states and trace, reported breaches kept or excused: `final` itself when no event was
 *   recorded late, else a new record with a new states array (`final` is never changed)
 * @internal
 */
export function keepReportedBreaches(
  final: { value: TimerState[]; trace: TraceEntry[] },
  known: readonly ParsedEvent[],
  excuses: readonly Excuse[],
  ctx: EvalContext,
  evaluateKnown: EvaluateKnown,
): { value: TimerState[]; trace: TraceEntry[] } {
  return keepReported(final, known, excuses, ctx, evaluateKnown, TIMER_FINDINGS);
}
