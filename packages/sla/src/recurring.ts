import {
  addMonthsClamped,
  assertZone,
  type EvalContext,
  expectArray,
  expectEvalContext,
  type LocalDate,
  LocalDateSchema,
  localDateOf,
  type Occurrence,
  occurrences,
  parseInput,
  type RecurrenceInput,
  startOfLocalDay,
  TextSchema,
  toEpochMs,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { matchesAll } from './conditions.js';
import type { ParsedEvent } from './events.js';
import {
  BreachSchema,
  EscalationSchema,
  EventMatcherSchema,
  type TimerDefinition,
  WarningSchema,
} from './timer/definition.js';

/**
 * A duty that recurs every calendar month (C9: the month in the policy zone): "statistics by the
 * 10th" (当月10日前), "plan by 17:00 on the 28th", "at least one meeting a month" (`endOfMonth`).
 * Each month becomes its own timer instance, opened at the start of the month.
 */
export const RecurringObligationSchema = z
  .object({
    id: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    title: TextSchema,
    due: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('dayOfMonth'),
          day: z.number().int().min(1).max(31),
          time: z
            .string()
            .regex(/^\d{2}:\d{2}$/)
            .optional(),
          inclusive: z.boolean().default(true),
        })
        .strict(),
      z.object({ kind: z.literal('endOfMonth') }).strict(),
    ]),
    done: z.array(EventMatcherSchema).min(1),
    /**
     * A duty about what was raised the month before (每月5日前整改上月提出的问题): a month's
     * occurrence exists for a subject only when an event matching `events` was logged for that
     * subject in the previous month, unless `reportWithoutIssues` (a month after one with nothing
     * raised still wants its written report by the due day).
     */
    arisesFrom: z
      .object({
        events: z.array(EventMatcherSchema).min(1),
        reportWithoutIssues: z.boolean().default(false),
      })
      .strict()
      .optional(),
    subjects: z.array(z.string().min(1)).min(1).default(['company']),
    firstPeriod: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .optional(),
    warnings: z.array(WarningSchema).default([]),
    escalations: z.array(EscalationSchema).default([]),
    breach: BreachSchema.optional(),
  })
  .strict();
export type RecurringObligation = z.output<typeof RecurringObligationSchema>;

const PERIOD_OPEN = 'sla.period.open';
const MAX_PERIODS = 1200;

/** The month `YYYY-MM` containing a local date. */
function periodOf(date: LocalDate): string {
  return date.slice(0, 7);
}

/**
 * The due instant of one month's occurrence of an obligation.
 *
 * @param obligation - the obligation
 * @param period - the month, `YYYY-MM`
 * @param zone - the policy zone
 * @returns the due instant and whether it is inclusive
 * @example
 * const statsBy10th = retail000Preset().params.recurring[0]!; // 每月初10日内填报投诉统计表
 * periodDue(statsBy10th, '2024-04', 'Asia/Shanghai'); //=> { at: '2024-04-10T15:59:59.999Z', inclusive: true }
 */
export function periodDue(
  obligation: RecurringObligation,
  period: string,
  zone: string,
): { at: string; inclusive: boolean } {
  // A public boundary: each argument is validated here (a raw ZodError or a TypeError escaped before).
  obligation = parseInput(RecurringObligationSchema, obligation, ['obligation']);
  parseInput(z.string().regex(/^\d{4}-\d{2}$/, '月份须为 YYYY-MM / period must be YYYY-MM'), period, [
    'period',
  ]);
  assertZone(zone, ['zone']);
  const first = parseInput(LocalDateSchema, `${period}-01`, ['period']);
  // The monthly due rules are core recurrences (C9: the month in the policy zone).
  const { recurrence, inclusive } = monthlyRecurrence(obligation.due);
  const [occurrence] = occurrences(recurrence, { from: first, to: first, zone });
  return { at: (occurrence as Occurrence).due, inclusive };
}

/**
 * The core recurrence of a monthly due rule: `endOfMonth` is the month's end; `dayOfMonth` the day
 * (clamped to the month's length) at its time, or — 10日前 read inclusively — by the end of the day,
 * strictly "before the day begins" (00:00, not inclusive).
 */
function monthlyRecurrence(due: RecurringObligation['due']): {
  recurrence: RecurrenceInput;
  inclusive: boolean;
} {
  if (due.kind === 'endOfMonth') return { recurrence: { every: 'month' }, inclusive: true };
  const time = due.time ?? (due.inclusive ? undefined : '00:00');
  return {
    recurrence: {
      every: 'month',
      due: { kind: 'dayOfMonth', day: due.day, ...(time === undefined ? {} : { time }) },
    },
    inclusive: due.inclusive,
  };
}

/**
 * Turns recurring obligations into ordinary timer definitions plus the synthetic period-opening
 * events, one per subject and month from `firstPeriod` (or the month of the subject's first logged
 * event, whichever is later) up to the month containing `ctx.now`.
 * A completion event belongs to the month named in its `period` attribute, else to the month it
 * happened in; it is re-addressed to the subject `<subject>@<YYYY-MM>`.
 *
 * @param obligations - the obligations of the policy
 * @param events - the parsed log
 * @param ctx - now and zone
 * @returns timer definitions and the log with period events merged in time order
 * @throws ZhiduError `invalid_input` when more than 1,200 periods would be generated
 * @example
 * const policy = retail000Preset(); // complaint statistics by the 10th of every month
 * const parsed = parseEvents([
 *   { type: 'complaintStatsSubmitted', subject: 'company', at: '2024-04-08T16:00:00+08:00' },
 * ]);
 * const ctx = makeContext({ now: '2024-05-20T00:00:00+08:00' });
 * const { definitions, events } = expandRecurring(policy.params.recurring, parsed, ctx);
 * definitions.map((d) => d.id); //=> ['monthlyStats']
 * events.map((e) => `${e.type} ${e.subject}`)
 * //=> ['sla.period.open:monthlyStats company@2024-04', 'complaintStatsSubmitted company@2024-04',
 * //   'sla.period.open:monthlyStats company@2024-05']
 */
export function expandRecurring(
  obligations: readonly RecurringObligation[],
  events: readonly ParsedEvent[],
  ctx: EvalContext,
): { definitions: TimerDefinition[]; events: ParsedEvent[] } {
  expectArray(obligations, ['obligations'], 'object');
  expectArray(events, ['events'], 'object');
  expectEvalContext(ctx);
  if (obligations.length === 0) return { definitions: [], events: [...events] };
  const definitions: TimerDefinition[] = [];
  const synthetic: ParsedEvent[] = [];
  const nowPeriod = periodOf(localDateOf(ctx.now, ctx.zone));
  // A subject's duty is observed from the month of its first logged event (any type): a policy whose
  // duty began long ago does not report decades of unobserved months, and a subject the log never
  // mentions (a department not using the system yet) reports nothing.
  const firstSeen = new Map<string, string>();
  for (const e of events)
    if (!firstSeen.has(e.subject)) firstSeen.set(e.subject, periodOf(localDateOf(e.at, ctx.zone)));
  // The months in which something an `arisesFrom` obligation answers was raised, per obligation
  // and subject: `${oi}|${subject}|${YYYY-MM}`.
  const raised = new Set<string>();
  for (const [oi, o] of obligations.entries()) {
    const from = o.arisesFrom;
    if (!from) continue;
    for (const e of events)
      if (from.events.some((m) => m.type === e.type && matchesAll(m.when, e.attributes ?? {})))
        raised.add(`${oi}|${e.subject}|${periodOf(localDateOf(e.at, ctx.zone))}`);
  }
  for (const [oi, o] of obligations.entries()) {
    definitions.push({
      id: o.id,
      rule: o.rule,
      clause: o.clause,
      title: o.title,
      open: [],
      start: [{ type: `${PERIOD_OPEN}:${o.id}` }],
      startMode: 'any',
      stop: o.done,
      stopMode: 'any',
      pause: [],
      resume: [],
      reset: [],
      cancel: [],
      extend: [],
      target: {
        kind: 'relative',
        attribute: `periodDue:${o.id}`,
        offset: {},
        at: 'sameTime',
        inclusive: true,
      },
      warnings: o.warnings,
      escalations: o.escalations,
      ...(o.breach ? { breach: o.breach } : {}),
      consequences: [],
      severity: 'hard',
      repeat: false,
    });
    for (const subject of o.subjects) {
      const seen = firstSeen.get(subject);
      if (seen === undefined) continue;
      let period = o.firstPeriod && o.firstPeriod > seen ? o.firstPeriod : seen;
      let count = 0;
      while (period <= nowPeriod) {
        if (++count > MAX_PERIODS) {
          throw new ZhiduError(
            'invalid_input',
            ['policy', 'params', 'recurring', oi, 'firstPeriod'],
            'more than 1200 monthly periods to generate',
          );
        }
        const at = startOfLocalDay(`${period}-01`, ctx.zone);
        const previous = periodOf(addMonthsClamped(`${period}-01`, -1));
        if (
          o.arisesFrom &&
          !o.arisesFrom.reportWithoutIssues &&
          !raised.has(`${oi}|${subject}|${previous}`)
        ) {
          period = periodOf(addMonthsClamped(`${period}-01`, 1));
          continue;
        }
        const due = periodDue(o, period, ctx.zone);
        synthetic.push({
          type: `${PERIOD_OPEN}:${o.id}`,
          subject: `${subject}@${period}`,
          at,
          attributes: { period, [`periodDue:${o.id}`]: due.at },
          ms: toEpochMs(at),
          index: -1,
        });
        period = periodOf(addMonthsClamped(`${period}-01`, 1));
      }
    }
  }
  const doneTypes = new Set(obligations.flatMap((o) => o.done.map((d) => d.type)));
  const subjects = new Set(obligations.flatMap((o) => o.subjects));
  const readdressed = events.map((e) => {
    if (!doneTypes.has(e.type) || !subjects.has(e.subject)) return e;
    const named = e.attributes?.period;
    const period = typeof named === 'string' ? named : periodOf(localDateOf(e.at, ctx.zone));
    return { ...e, subject: `${e.subject}@${period}` };
  });
  // Stable sort; at equal instants a period opens before anything that happens in it.
  const rank = (e: ParsedEvent) => (e.index === -1 ? 0 : 1);
  const merged = [...synthetic, ...readdressed].sort((a, b) => a.ms - b.ms || rank(a) - rank(b));
  return { definitions, events: merged };
}
