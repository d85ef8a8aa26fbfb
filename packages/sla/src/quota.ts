import {
  addDays,
  addMonthsClamped,
  calendarBasisTrace,
  type Decision,
  type EvalContext,
  expectArray,
  expectEvalContext,
  expectObject,
  fromEpochDay,
  type LocalDate,
  LocalDateSchema,
  localDateOf,
  localTimeOf,
  parseInput,
  startOfLocalDay,
  Trace,
  toEpochDay,
  toEpochMs,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { type ParsedEvent, parseEvents, recordedMs, type SlaEventInput } from './events.js';
import { keepReported, knownBy, type ReportedKind } from './reported.js';
import type { Excuse } from './timer/excuses.js';

/**
 * A frequency commitment rather than a deadline: "at least twice a day", "10 households a month",
 * "5 times per floor per day", optionally only inside a time window on working days (004 T6-03a).
 */
export const QuotaSchema = z
  .object({
    id: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    type: z.string().min(1),
    atLeast: z.number().int().positive(),
    per: z.enum(['day', 'month']),
    perSubject: z.boolean().default(false),
    window: z
      .object({
        from: z.string().regex(/^\d{2}:\d{2}$/),
        to: z.string().regex(/^\d{2}:\d{2}$/),
        excludeHolidays: z.boolean(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Quota = z.output<typeof QuotaSchema>;

/**
 * One period (and subject, when the quota counts per subject) of a quota: the performances counted,
 * whether the commitment was met, `provisional` when the period's days off were answered beyond the
 * calendar's data, and — facts as of their time — `reportedAt` when a shortfall reported once the
 * period was over stands although performances were recorded for it afterwards (the row keeps the
 * count reported then), or `excused` when a policy excuse rule lifted it.
 */
export interface QuotaRow {
  period: string;
  subject: string | null;
  count: number;
  met: boolean;
  provisional?: true;
  reportedAt?: string;
  excused?: { excuse: string; reportedAt: string };
}

/**
 * Counts performances of a quota per day or month over a date range (inclusive) and reports the
 * periods that fell short. Days off are skipped when the window excludes holidays; then the trace
 * names where the calendar's days off came from whenever the range reaches beyond the calendar's
 * data or uses a dated notice, and the rows of years answered beyond the data carry
 * `provisional: true` (which days are off there may change when the year's notice is loaded).
 *
 * @param events - the log of performed tasks (`type` = the quota's type)
 * @param quota - the commitment
 * @param range - first and last local date to check
 * @param ctx - zone, calendar and `now`: only the events recorded by `now` count (`recordedAt`,
 *   default `at`), and a shortfall reported once its period was over stays reported (`reportedAt`)
 *   when performances are recorded for it afterwards, unless an excuse rule naming the quota fires
 * @param excuses - the policy's excuse rules (default none)
 * @returns one row per period (and subject when `perSubject`) with `count`, `met` and, for a period
 *   whose days off were answered beyond the calendar's data, `provisional: true`
 * @throws ZhiduError `invalid_input` at `range.to` for a range of more than 36,600 days (about 100
 *   years, `MAX_QUOTA_RANGE_DAYS`): every period is a row, so split a longer report
 * @example
 * const twiceADay = { id: 'T6-02a', rule: 'S004-SLA-00', clause: '004 L114', type: 'perform', atLeast: 2, per: 'day' as const };
 * const log = [{ type: 'perform', subject: 'lobby', at: '2024-03-04T09:00:00+08:00' }];
 * const ctx = makeContext({ now: '2024-03-05T00:00:00+08:00', calendar: chinaCalendar() });
 * quotaRows(log, twiceADay, { from: '2024-03-04', to: '2024-03-04' }, ctx).value
 * //=> [{ period: '2024-03-04', subject: null, count: 1, met: false }]
 */
export function quotaRows(
  events: readonly SlaEventInput[],
  quota: Quota,
  range: { from: LocalDate; to: LocalDate },
  ctx: EvalContext,
  excuses: readonly Excuse[] = [],
): Decision<QuotaRow[]> {
  return quotaRowsWith(events, quota, range, ctx, excuses, false);
}

/**
 * {@link quotaRows} with every replay of a late record over the whole range (`replayAll`): the reading
 * before replays were limited to the periods a later record can change, kept as the tests' oracle.
 *
 * @internal
 */
export function quotaRowsWith(
  events: readonly SlaEventInput[],
  quota: Quota,
  range: { from: LocalDate; to: LocalDate },
  ctx: EvalContext,
  excuses: readonly Excuse[],
  replayAll: boolean,
): Decision<QuotaRow[]> {
  expectArray(events, ['events']);
  expectObject(quota, ['quota']);
  expectObject(range, ['range']);
  expectEvalContext(ctx);
  expectArray(excuses, ['excuses'], 'object');
  return quotaRowsOfParsed(() => parseEvents(events), quota, range, ctx, excuses, replayAll);
}

/**
 * {@link quotaRowsWith} on events already parsed and in time order (`orderEvents` of a module's
 * parsed input), asked for once the range has been checked: the `sla.quota` module counts every
 * quota of a policy on one parse of its log, not one parse per quota (issue 21). @internal
 */
export function quotaRowsOfParsed(
  parsed: () => readonly ParsedEvent[],
  quota: Quota,
  range: { from: LocalDate; to: LocalDate },
  ctx: EvalContext,
  excuses: readonly Excuse[],
  replayAll: boolean,
): Decision<QuotaRow[]> {
  const from = parseInput(LocalDateSchema, range.from, ['range', 'from']);
  const to = parseInput(LocalDateSchema, range.to, ['range', 'to']);
  checkQuotaRange(from, to, ['range', 'to']);
  // Facts as of their time: only the performances recorded by `now` count (`recordedAt`, default `at`).
  // The events after the range (a bad range is refused before a bad event, as it always was).
  const known = knownBy(parsed(), toEpochMs(ctx.now));
  // The periods of the range, walked once (a replay reads the same calendar: only `now` moves).
  const periods = periodsOf(quota, from, to, ctx);
  const final = rowsOf(known, quota, periods, from, to, ctx);
  // A replay at instant `t` (`now` = t − 1 ms) can only report a row that reads differently now, and
  // a row reads the same unless a performance of its period was recorded at `t` or later: the other
  // rows are short both then and now (the replay skips them), so only those periods are built — a
  // report over many periods with many late records was periods × late records rows.
  const byPeriod = (e: ParsedEvent) => {
    const date = localDateOf(e.at, ctx.zone);
    return quota.per === 'day' ? date : date.slice(0, 7);
  };
  let indexOf: Map<string, number> | undefined;
  const evaluate = (list: readonly ParsedEvent[], at: EvalContext) => {
    let replayed = periods;
    if (!replayAll) {
      indexOf ??= new Map(periods.map((p, i) => [p, i]));
      const atMs = toEpochMs(at.now);
      const changed = new Set<number>();
      for (const e of known) {
        if (e.type !== quota.type || recordedMs(e) <= atMs) continue;
        const i = indexOf.get(byPeriod(e));
        if (i !== undefined) changed.add(i);
      }
      replayed = [...changed].sort((a, b) => a - b).map((i) => periods[i] as string);
    }
    const d = rowsOf(list, quota, replayed, from, to, at);
    return { value: d.value, trace: [...d.trace] };
  };
  // A shortfall reported once its period was over stays reported unless an excuse rule fires.
  const d = keepReported(
    { value: final.value, trace: [...final.trace] },
    known,
    excuses,
    ctx,
    evaluate,
    quotaFindings(quota, ctx.zone),
  );
  return { value: d.value, trace: d.trace };
}

/**
 * The longest range a quota report covers, in days (a little over 100 years: every period of the
 * range is a row, and a day quota over the years 2024–9999 would be 2.9 million rows).
 */
export const MAX_QUOTA_RANGE_DAYS = 36_600;

/**
 * Refuses a quota range longer than {@link MAX_QUOTA_RANGE_DAYS} days (`invalid_input` at `path`, the
 * range's `to`). A range that ends before it starts is not refused: it has no period. @internal
 */
export function checkQuotaRange(from: LocalDate, to: LocalDate, path: (string | number)[]): void {
  const days = toEpochDay(to) - toEpochDay(from) + 1;
  if (days > MAX_QUOTA_RANGE_DAYS)
    throw new ZhiduError(
      'invalid_input',
      path,
      `频次统计区间最多 ${MAX_QUOTA_RANGE_DAYS} 天（约 100 年），${from} 至 ${to} 为 ${days} 天，请分段统计 / a quota range covers at most ${MAX_QUOTA_RANGE_DAYS} days (about 100 years); ${from} to ${to} is ${days} days, split it`,
    );
}

/**
 * The periods of a range, in order: every day (a day quota) or every month that has a day of the
 * range (a month quota), leaving out days off, and months with no working day in the range, when
 * the quota's window excludes holidays. A report over a range lists every period in it; days are
 * walked by epoch day and months by month, each period pushed once (never searched for).
 */
function periodsOf(quota: Quota, from: LocalDate, to: LocalDate, ctx: EvalContext): string[] {
  const periods: string[] = [];
  if (from > to) return periods;
  const workdaysOnly = quota.window?.excludeHolidays === true;
  const first = toEpochDay(from);
  const last = toEpochDay(to);
  if (quota.per === 'day') {
    for (let n = first; n <= last; n++) {
      const d = fromEpochDay(n);
      if (workdaysOnly && !ctx.calendar.isWorkday(d)) continue;
      periods.push(d);
    }
    return periods;
  }
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (let start = first; start <= last; ) {
    const period = `${year}-${String(month).padStart(2, '0')}`;
    if (month === 12) {
      year += 1;
      month = 1;
    } else month += 1;
    // The first day of the next month (or the day after the range, when the range ends first).
    const next = Math.min(
      year > 9999 ? last + 1 : toEpochDay(`${year}-${String(month).padStart(2, '0')}-01`),
      last + 1,
    );
    let counted = !workdaysOnly;
    for (let n = start; !counted && n < next; n++) counted = ctx.calendar.isWorkday(fromEpochDay(n));
    if (counted) periods.push(period);
    start = next;
  }
  return periods;
}

/** The first instant of a quota period (`2024-03-04` or `2024-03`) and the first instant after it. */
function periodBounds(period: string, zone: string): { startMs: number; endMs: number } {
  const first = period.length === 7 ? `${period}-01` : period;
  const next = period.length === 7 ? addMonthsClamped(first, 1) : addDays(first, 1);
  return { startMs: toEpochMs(startOfLocalDay(first, zone)), endMs: toEpochMs(startOfLocalDay(next, zone)) };
}

/**
 * How {@link keepReported} reads quota rows: one per period and subject; a row that fell short is a
 * reported shortfall once its period is over. An excuse's window counts from the period's start or
 * its end (`due`), and the excusing fact must have happened inside the period.
 */
function quotaFindings(quota: Quota, zone: string): ReportedKind<QuotaRow> {
  const scope = (subject: string | null) => (quota.perSubject ? (subject ?? '') : '');
  return {
    what: { zh: '未达频次', en: 'shortfall' },
    key: (r) => `${r.period}\u0000${r.subject ?? ''}`,
    isBreach: (r, atMs) => !r.met && periodBounds(r.period, zone).endMs <= atMs,
    eventScope: (e) => scope(e.subject),
    // Only a performance entered after its period ended can meet a reported shortfall; the first
    // such entry per period shows the least that was known.
    group: (e) => {
      if (e.type !== quota.type) return undefined;
      const date = localDateOf(e.at, zone);
      const period = quota.per === 'day' ? date : date.slice(0, 7);
      return recordedMs(e) > periodBounds(period, zone).endMs ? period : undefined;
    },
    itemScope: (r) => scope(r.subject),
    id: () => quota.id,
    named: (rule) => rule.quotas,
    anchor: (r, from) => {
      const b = periodBounds(r.period, zone);
      return from === 'start' ? b.startMs : b.endMs;
    },
    candidates: (r, events) => {
      const b = periodBounds(r.period, zone);
      return events.filter((e) => e.ms >= b.startMs && e.ms < b.endMs);
    },
    cite: () => ({ rule: quota.rule, clause: quota.clause }),
    data: (r) => ({ quota: quota.id, period: r.period, subject: r.subject }),
    keep: (reported, reportedAt) => ({ ...reported, reportedAt }),
    excuse: (now, excuse, reportedAt) =>
      now === undefined ? undefined : { ...now, excused: { excuse, reportedAt } },
  };
}

/** The rows of a quota over a range, counting the events given (no recorded-time reading). */
function rowsOf(
  parsed: readonly ParsedEvent[],
  quota: Quota,
  periods: readonly string[],
  from: LocalDate,
  to: LocalDate,
  ctx: EvalContext,
): Decision<QuotaRow[]> {
  const counts = new Map<string, number>();
  const subjects = new Set<string>();
  for (const e of parsed) {
    if (e.type !== quota.type) continue;
    const date = localDateOf(e.at, ctx.zone);
    if (quota.window) {
      const t = localTimeOf(e.at, ctx.zone);
      if (t < quota.window.from || t > quota.window.to) continue;
    }
    const period = quota.per === 'day' ? date : date.slice(0, 7);
    const subject = quota.perSubject ? e.subject : '';
    subjects.add(subject);
    counts.set(`${period}|${subject}`, (counts.get(`${period}|${subject}`) ?? 0) + 1);
  }
  if (!quota.perSubject) subjects.add('');
  const trace = new Trace();
  const beyond = new Set<string>();
  if (quota.window?.excludeHolidays && from <= to) {
    const basis = calendarBasisTrace(trace, ctx.calendar, from, to, { when: 'notable' });
    for (const b of basis) if (b.kind !== 'data') beyond.add(String(b.year).padStart(4, '0'));
  }
  const rows = periods.flatMap((period) =>
    [...subjects].map((subject) => {
      const count = counts.get(`${period}|${subject}`) ?? 0;
      const met = count >= quota.atLeast;
      const provisional = beyond.has(period.slice(0, 4));
      if (!met) {
        trace.add(
          quota.rule,
          quota.clause,
          `${quota.id} ${period} 仅 ${count} 次,少于 ${quota.atLeast} 次`,
          `${quota.id} ${period}: ${count} of at least ${quota.atLeast}`,
          {
            subject: subject || null,
            ...(provisional ? { provisional: true } : {}),
          },
        );
      }
      return provisional
        ? { period, subject: subject || null, count, met, provisional: true as const }
        : { period, subject: subject || null, count, met };
    }),
  );
  return trace.decide(rows);
}
