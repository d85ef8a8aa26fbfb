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
  RecurrenceSchema,
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
  EscalationListSchema,
  EventMatcherSchema,
  type TimerDefinition,
  WarningListSchema,
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
    /**
     * Any period (core `RecurrenceSchema`): weekly on a weekday, quarterly, half-yearly, yearly, every
     * N working days, with its due rule ("by the 5th of the next month", "by the last working day").
     * Give either `recurrence` or the monthly `due`.
     */
    recurrence: RecurrenceSchema.optional(),
    due: z
      .discriminatedUnion('kind', [
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
      ])
      .optional(),
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
    warnings: WarningListSchema,
    escalations: EscalationListSchema,
    breach: BreachSchema.optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if ((o.due === undefined) === (o.recurrence === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['due'],
        message:
          '须给出 due（按月）或 recurrence（任意周期）之一，且只给一个 / give exactly one of due (monthly) and recurrence (any period)',
      });
    }
  });
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
  return periodDueChecked(obligation, parseInput(LocalDateSchema, `${period}-01`, ['period']), zone);
}

/**
 * {@link periodDue} on an obligation of a validated policy and the first day of a period the caller
 * made: the timer pipeline asks it for every period of every subject, and it parsed the obligation
 * again on each (issue 21). `monthly`: the obligation's due rule as {@link monthlyRecurrence} gave
 * it, when the caller asks for many periods of it. @internal
 */
export function periodDueChecked(
  obligation: RecurringObligation,
  first: LocalDate,
  zone: string,
  monthly?: MonthlyRecurrence,
): { at: string; inclusive: boolean } {
  if (obligation.due === undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['obligation', 'due'],
      '此义务按 recurrence 循环，其各期时限见 core 的 occurrences / this obligation recurs by its recurrence: its periods and due instants come from core occurrences',
    );
  }
  // The monthly due rules are core recurrences (C9: the month in the policy zone): the timer pipeline
  // passes the one it made for the obligation, which core parses once.
  const { recurrence, inclusive } = monthly ?? monthlyRecurrence(obligation.due);
  const [occurrence] = occurrences(recurrence, { from: first, to: first, zone });
  return { at: (occurrence as Occurrence).due, inclusive };
}

/** The core recurrence of a monthly due rule, frozen through, and whether its due is inclusive. */
type MonthlyRecurrence = { recurrence: RecurrenceInput; inclusive: boolean };

/**
 * The core recurrence of a monthly due rule: `endOfMonth` is the month's end; `dayOfMonth` the day
 * (clamped to the month's length) at its time, or — 10日前 read inclusively — by the end of the day,
 * strictly "before the day begins" (00:00, not inclusive). Frozen through, so that core's
 * `occurrences` parses it once however many periods it is asked for.
 */
function monthlyRecurrence(due: NonNullable<RecurringObligation['due']>): MonthlyRecurrence {
  if (due.kind === 'endOfMonth') return { recurrence: Object.freeze({ every: 'month' }), inclusive: true };
  const time = due.time ?? (due.inclusive ? undefined : '00:00');
  return {
    recurrence: Object.freeze({
      every: 'month',
      due: Object.freeze({ kind: 'dayOfMonth', day: due.day, ...(time === undefined ? {} : { time }) }),
    }),
    inclusive: due.inclusive,
  };
}

/** The local dates of the first event and of the later of the last event and now. */
function eventSpan(events: readonly ParsedEvent[], ctx: EvalContext): { from: LocalDate; to: LocalDate } {
  const today = localDateOf(ctx.now, ctx.zone);
  let from = today;
  let to = today;
  for (const e of events) {
    const d = localDateOf(e.at, ctx.zone);
    if (d < from) from = d;
    if (d > to) to = d;
  }
  return { from, to };
}

/** Whether events are in the merged log's order: by instant, a period's opening first at one instant. */
function inOrder(events: readonly ParsedEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    const a = events[i - 1] as ParsedEvent;
    const b = events[i] as ParsedEvent;
    if (a.ms > b.ms) return false;
    if (a.ms === b.ms && a.index !== -1 && b.index === -1) return false;
  }
  return true;
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
 * @throws ZhiduError `invalid_input` / `unknown_key` at `obligations[i]` for a malformed obligation; `invalid_input`
 *   when more than 1,200 periods would be generated
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
  // A caller's obligations are validated here, defaults applied (the timer pipeline passes its
  // validated policy's to `expandRecurringChecked`, which reads them as they are).
  const checked = obligations.map((o, i) => parseInput(RecurringObligationSchema, o, ['obligations', i]));
  return expandRecurringChecked(checked, events, ctx);
}

/**
 * {@link expandRecurring} on lists already known to be well formed (the timer pipeline's events
 * step: a validated policy's obligations and its own array of parsed events), so a log of 10^4
 * events is not scanned again on every evaluation; the context is checked as there.
 *
 * @internal
 */
export function expandRecurringChecked(
  obligations: readonly RecurringObligation[],
  events: readonly ParsedEvent[],
  ctx: EvalContext,
): { definitions: TimerDefinition[]; events: ParsedEvent[] } {
  expectEvalContext(ctx);
  if (obligations.length === 0) return { definitions: [], events: [...events] };
  // The periods of each recurrence-based obligation, from the first event to now (or the last event).
  const lists = new Map<RecurringObligation, Occurrence[]>();
  // Read only by an obligation with its own recurrence: not computed for monthly duties alone.
  let span: { from: LocalDate; to: LocalDate } | undefined;
  const periodsOf = (o: RecurringObligation): Occurrence[] => {
    let list = lists.get(o);
    if (!list) {
      span ??= eventSpan(events, ctx);
      const from = o.firstPeriod && `${o.firstPeriod}-01` < span.from ? `${o.firstPeriod}-01` : span.from;
      list = occurrences(o.recurrence as RecurrenceInput, {
        from,
        to: span.to,
        zone: ctx.zone,
        calendar: ctx.calendar,
      });
      lists.set(o, list);
    }
    return list;
  };
  /** The period of a date: the one holding it, else the next (a day off between working-day runs). */
  const periodOfEvent = (o: RecurringObligation, date: LocalDate): string => {
    const list = periodsOf(o);
    const hit = list.find((p) => p.periodEnd >= date);
    return hit?.period ?? date;
  };
  const definitions: TimerDefinition[] = [];
  const synthetic: ParsedEvent[] = [];
  const nowPeriod = periodOf(localDateOf(ctx.now, ctx.zone));
  // A subject's duty is observed from the month of its first logged event (any type): a policy whose
  // duty began long ago does not report decades of unobserved months, and a subject the log never
  // mentions (a department not using the system yet) reports nothing.
  // Only the obligations' own subjects are read (a log of 10^4 repair cases names none of them).
  const dutySubjects = new Set<string>();
  for (const o of obligations) for (const s of o.subjects ?? []) dutySubjects.add(s);
  const firstSeen = new Map<string, string>();
  const firstSeenDate = new Map<string, LocalDate>();
  // By index, and not at all without a duty's subject (issue 21: the log's events one by one through
  // an iterator, each call).
  if (dutySubjects.size > 0)
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as ParsedEvent;
      if (dutySubjects.has(e.subject) && !firstSeen.has(e.subject)) {
        firstSeenDate.set(e.subject, localDateOf(e.at, ctx.zone));
        firstSeen.set(e.subject, periodOf(localDateOf(e.at, ctx.zone)));
      }
    }
  // The months in which something an `arisesFrom` obligation answers was raised, per obligation
  // and subject: `${oi}|${subject}|${YYYY-MM}`.
  const raised = new Set<string>();
  for (const [oi, o] of obligations.entries()) {
    const from = o.arisesFrom;
    if (!from) continue;
    for (const e of events)
      if (from.events.some((m) => m.type === e.type && matchesAll(m.when, e.attributes ?? {}))) {
        const date = localDateOf(e.at, ctx.zone);
        raised.add(`${oi}|${e.subject}|${o.recurrence ? periodOfEvent(o, date) : periodOf(date)}`);
      }
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
        // 「17:00前」 read strictly (due.inclusive false): done at 17:00 itself is late. A duty with its
        // own recurrence is due at the end of its period, inclusively.
        inclusive: o.due === undefined ? true : monthlyRecurrence(o.due).inclusive,
      },
      warnings: o.warnings,
      escalations: o.escalations,
      ...(o.breach ? { breach: o.breach } : {}),
      consequences: [],
      severity: 'hard',
      repeat: false,
    });
    if (o.recurrence) {
      const list = periodsOf(o);
      const nowDate = localDateOf(ctx.now, ctx.zone);
      for (const subject of o.subjects) {
        const seen = firstSeenDate.get(subject);
        if (seen === undefined) continue;
        const first = o.firstPeriod && `${o.firstPeriod}-01` > seen ? `${o.firstPeriod}-01` : seen;
        list.forEach((p, pi) => {
          if (p.periodEnd < first || p.periodStart > nowDate) return;
          const previous = pi > 0 ? list[pi - 1]?.period : undefined;
          if (
            o.arisesFrom &&
            !o.arisesFrom.reportWithoutIssues &&
            !raised.has(`${oi}|${subject}|${previous}`)
          )
            return;
          const at = startOfLocalDay(p.periodStart, ctx.zone);
          synthetic.push({
            type: `${PERIOD_OPEN}:${o.id}`,
            subject: `${subject}@${p.period}`,
            at,
            attributes: { period: p.period, [`periodDue:${o.id}`]: p.due },
            ms: toEpochMs(at),
            index: -1,
          });
        });
      }
      continue;
    }
    // The due rule's recurrence, parsed once for every period of every subject below.
    let monthly: MonthlyRecurrence | undefined;
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
            '需生成的月度周期超过 1200 个 / more than 1200 monthly periods to generate',
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
        // The policy's obligation (validated) and a period made here: not parsed again per period.
        if (o.due !== undefined) monthly ??= monthlyRecurrence(o.due);
        const due = periodDueChecked(o, `${period}-01`, ctx.zone, monthly);
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
    // A completion of a duty with its own recurrence belongs to that recurrence's period.
    const own = obligations.find((o) => o.recurrence && o.done.some((d) => d.type === e.type));
    const period =
      typeof named === 'string'
        ? named
        : own
          ? periodOfEvent(own, localDateOf(e.at, ctx.zone))
          : periodOf(localDateOf(e.at, ctx.zone));
    return { ...e, subject: `${e.subject}@${period}` };
  });
  // Stable sort; at equal instants a period opens before anything that happens in it.
  const rank = (e: ParsedEvent) => (e.index === -1 ? 0 : 1);
  // The mapped log is an array of its own: without a period opened, it is the merged log itself.
  const merged = synthetic.length === 0 ? readdressed : [...synthetic, ...readdressed];
  // A log already in that order (no period opened, as a log of repair cases): a stable sort would
  // leave it as it is, so it is not sorted again.
  if (!inOrder(merged)) merged.sort((a, b) => a.ms - b.ms || rank(a) - rank(b));
  return { definitions, events: merged };
}
