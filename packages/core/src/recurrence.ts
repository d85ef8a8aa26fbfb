import { z } from 'zod';
import type { WorkCalendar } from './calendar.js';
import { type ErrorPath, ZhiduError } from './errors.js';
import { parseOnceFrozen } from './parse-once.js';
import {
  addDays,
  addMonthsClamped,
  assertLocalDate,
  assertZone,
  atLocal,
  DEFAULT_ZONE,
  endOfLocalDay,
  endOfMonthDate,
  type Instant,
  type LocalDate,
  LocalDateSchema,
  toEpochDay,
  weekdayOf,
  withDayOfMonth,
} from './time.js';

/**
 * When the due day falls on a day that is not a working day: keep it (`none`, the default), move it
 * to the working day before (`previousWorkday`, 遇节假日提前) or after (`nextWorkday`, 顺延).
 */
const ShiftSchema = z.enum(['none', 'previousWorkday', 'nextWorkday']).default('none');

/** `HH:mm`: the due instant is that local time on the due day (default: the end of the due day). */
const DueTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
  message: '时刻须为 HH:mm / time must be HH:mm',
});

/**
 * The due rule of each period of a {@link Recurrence}:
 * - `periodEnd`: by the end of the period's last day (每月底、每季度末);
 * - `dayOfNextPeriod`: by day `day` of the next period (次月5日前: a month's `day` 5; for weeks and
 *   days the `day`-th day of the next period; for working-day periods the `day`-th working day after);
 * - `dayOfMonth`: by day `day` of the period's last month (每月10日前; clamped to the month's length;
 *   month, quarter, half-year and year periods only);
 * - `dayOfPeriod`: by the `day`-th day of the period itself (每周三: a week starting on Monday, day 3;
 *   for working-day periods, its `day`-th working day);
 * - `lastWorkingDay`: by the last working day on or before the period's end (最后一个工作日).
 *
 * `time` (`HH:mm`) makes the due instant that local time on the due day; without it the due instant
 * is the end of the due day. `shift` moves a due day that is not a working day.
 */
export const DueRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('periodEnd'), time: DueTimeSchema.optional(), shift: ShiftSchema }),
  z.strictObject({
    kind: z.literal('dayOfNextPeriod'),
    day: z.number().int().min(1).max(31),
    time: DueTimeSchema.optional(),
    shift: ShiftSchema,
  }),
  z.strictObject({
    kind: z.literal('dayOfMonth'),
    day: z.number().int().min(1).max(31),
    time: DueTimeSchema.optional(),
    shift: ShiftSchema,
  }),
  z.strictObject({
    kind: z.literal('dayOfPeriod'),
    day: z.number().int().min(1).max(366),
    time: DueTimeSchema.optional(),
    shift: ShiftSchema,
  }),
  z.strictObject({ kind: z.literal('lastWorkingDay'), time: DueTimeSchema.optional() }),
]);
/** A due rule as accepted (defaults optional). */
export type DueRuleInput = z.input<typeof DueRuleSchema>;
/** A parsed due rule. */
export type DueRule = z.output<typeof DueRuleSchema>;

const DEFAULT_DUE = { kind: 'periodEnd', shift: 'none' } as const;
const due = DueRuleSchema.default(DEFAULT_DUE);
/** Every `interval` periods (每两周 = weeks, interval 2); more than 1 needs an `anchor` to count from. */
const interval = z.number().int().min(1).max(1000).default(1);

/**
 * How a duty recurs, discriminated on `every`:
 * - `day`, `month`, `quarter` (Jan–Mar …), `halfYear` (Jan–Jun, Jul–Dec), `year`: calendar periods;
 * - `week` with `weekday` (1 = Monday … 7 = Sunday): weeks starting on that weekday;
 * - `workingDays` with `n` and `anchor`: runs of `n` working days of the calendar, the first starting
 *   on `anchor` (or the first working day after it).
 *
 * Calendar periods take `interval` (every N periods, default 1); an interval above 1 needs `anchor`,
 * a date inside the first period of the grid. `due` (default `periodEnd`) says when each period's duty
 * falls due. A recurrence without the anchor it needs is refused with the path `anchor`.
 */
export const RecurrenceSchema = z
  .discriminatedUnion('every', [
    z.strictObject({ every: z.literal('day'), interval, anchor: LocalDateSchema.optional(), due }),
    z.strictObject({
      every: z.literal('week'),
      weekday: z.number().int().min(1).max(7),
      interval,
      anchor: LocalDateSchema.optional(),
      due,
    }),
    z.strictObject({ every: z.literal('month'), interval, anchor: LocalDateSchema.optional(), due }),
    z.strictObject({ every: z.literal('quarter'), interval, anchor: LocalDateSchema.optional(), due }),
    z.strictObject({ every: z.literal('halfYear'), interval, anchor: LocalDateSchema.optional(), due }),
    z.strictObject({ every: z.literal('year'), interval, anchor: LocalDateSchema.optional(), due }),
    z.strictObject({
      every: z.literal('workingDays'),
      n: z.number().int().min(1).max(10_000),
      anchor: LocalDateSchema.optional(),
      due,
    }),
  ])
  .superRefine((r, ctx) => {
    const needsAnchor = r.every === 'workingDays' || r.interval > 1;
    if (needsAnchor && r.anchor === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['anchor'],
        message:
          r.every === 'workingDays'
            ? '按工作日循环须给出起算日期 anchor / a working-day recurrence needs its anchor date'
            : '间隔大于 1 的循环须给出起算日期 anchor / a recurrence with an interval above 1 needs its anchor date',
      });
    }
    if (
      r.due.kind === 'dayOfMonth' &&
      (r.every === 'day' || r.every === 'week' || r.every === 'workingDays')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['due', 'kind'],
        message: `dayOfMonth 只适用于按月、季、半年、年循环 / dayOfMonth needs a month, quarter, half-year or year period, not '${r.every}'`,
      });
    }
    const length = r.every === 'day' ? r.interval : r.every === 'week' ? 7 * r.interval : undefined;
    if (
      length !== undefined &&
      (r.due.kind === 'dayOfNextPeriod' || r.due.kind === 'dayOfPeriod') &&
      r.due.day > length
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['due', 'day'],
        message: `周期只有 ${length} 天，第 ${r.due.day} 天不存在 / the period has ${length} days, there is no day ${r.due.day}`,
      });
    }
  });
/** A recurrence as accepted (defaults optional). */
export type RecurrenceInput = z.input<typeof RecurrenceSchema>;
/** A parsed recurrence. */
export type Recurrence = z.output<typeof RecurrenceSchema>;

/** One period of a recurrence and when its duty falls due. */
export interface Occurrence {
  /** The period's name: `YYYY-MM-DD` (day, week, working days: its first day), `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn`, `YYYY`. */
  period: string;
  /** The period's first civil date. */
  periodStart: LocalDate;
  /** The period's last civil date. */
  periodEnd: LocalDate;
  /** The civil date the duty falls due. */
  dueDate: LocalDate;
  /** The due instant (inclusive: the duty done at this instant is on time). */
  due: Instant;
}

/** Where {@link occurrences} looks: the civil dates `[from, to]`, the zone and the working-day calendar. */
export interface OccurrenceWindow {
  /** First civil date of the window: periods ending before it are left out. */
  from: LocalDate;
  /** Last civil date of the window: periods starting after it are left out. */
  to: LocalDate;
  /** The zone of the due instants (default: the calendar's zone, else Asia/Shanghai). */
  zone?: string;
  /** Needed by `workingDays`, `lastWorkingDay` and `shift` (e.g. the PRC calendar of @zhidu/calendar-cn). */
  calendar?: WorkCalendar;
}

/** At most this many occurrences per call. */
export const MAX_OCCURRENCES = 10_000;

const parseRecurrence = parseOnceFrozen(RecurrenceSchema);

const MONTHS: Record<string, number> = { month: 1, quarter: 3, halfYear: 6, year: 12 };

function monthIndex(date: LocalDate): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function firstOfMonth(index: number): LocalDate {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return addMonthsClamped(`${String(year).padStart(4, '0')}-01-01`, month - 1);
}

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/**
 * The periods of a recurrence that overlap the civil dates `[from, to]`, each with the civil date and
 * instant its duty falls due. Pure: working days come from the calendar passed in.
 *
 * @param recurrence - the recurrence (validated with {@link RecurrenceSchema})
 * @param window - `from`, `to` (civil dates), the zone and the calendar
 * @returns the periods in order, at most {@link MAX_OCCURRENCES}
 * @throws ZhiduError `invalid_input` for a recurrence without its anchor (path `['recurrence', 'anchor']`),
 *   `to` before `from`, more than 10,000 periods, or a calendar missing where working days are needed
 * @example
 * occurrences(
 *   { every: 'quarter', due: { kind: 'dayOfNextPeriod', day: 15 } }, // 每季度结束后15日内
 *   { from: '2025-01-01', to: '2025-06-30', zone: 'Asia/Shanghai' },
 * ).map((o) => `${o.period} ${o.dueDate}`);
 * //=> ['2025-Q1 2025-04-15', '2025-Q2 2025-07-15']
 */
export function occurrences(recurrence: RecurrenceInput, window: OccurrenceWindow): Occurrence[] {
  // A validated policy's recurrence (frozen through) is parsed once, not on every call (issue 21).
  const r = parseRecurrence(recurrence, ['recurrence']);
  if (window === null || typeof window !== 'object') {
    throw new ZhiduError(
      'invalid_input',
      ['window'],
      '须为对象 { from, to, zone?, calendar? } / must be an object { from, to, zone?, calendar? }',
    );
  }
  const from = assertLocalDate(window.from, ['from']);
  const to = assertLocalDate(window.to, ['to']);
  if (to < from) {
    throw new ZhiduError(
      'invalid_input',
      ['to'],
      `结束日期 ${to} 早于开始日期 ${from} / to ${to} is before from ${from}`,
    );
  }
  const calendar = window.calendar;
  if (calendar !== undefined && (calendar === null || typeof calendar.isWorkday !== 'function')) {
    throw new ZhiduError('invalid_input', ['calendar'], '须为 WorkCalendar / must be a WorkCalendar');
  }
  const zone = assertZone(window.zone ?? calendar?.zone ?? DEFAULT_ZONE, ['zone']);
  const needsCalendar =
    r.every === 'workingDays' ||
    ('shift' in r.due ? r.due.shift !== 'none' : r.due.kind === 'lastWorkingDay');
  if (needsCalendar && calendar === undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['calendar'],
      '按工作日计算须提供工作日历（如 @zhidu/calendar-cn 的 PRC 日历） / working days need a calendar (e.g. the PRC calendar of @zhidu/calendar-cn)',
    );
  }
  const cal = calendar as WorkCalendar;
  const out: Occurrence[] = [];
  const push = (period: string, start: LocalDate, end: LocalDate, nextStart: LocalDate) => {
    if (out.length >= MAX_OCCURRENCES) {
      throw new ZhiduError(
        'invalid_input',
        ['to'],
        `超过 ${MAX_OCCURRENCES} 个周期 / more than ${MAX_OCCURRENCES} periods between ${from} and ${to}`,
      );
    }
    const dueDate = dueDateOf(r, start, end, nextStart, cal);
    const time = r.due.time;
    out.push({
      period,
      periodStart: start,
      periodEnd: end,
      dueDate,
      due: time === undefined ? endOfLocalDay(dueDate, zone) : atLocal(dueDate, time, zone),
    });
  };

  if (r.every === 'workingDays') {
    const anchor = r.anchor as LocalDate;
    const s0 = cal.isWorkday(anchor) ? anchor : cal.addWorkdays(anchor, 1);
    // Workdays in [s0, from]: the period holding `from`, or the next one when `from` is a day off.
    let k = 0;
    if (from > s0) {
      const count = cal.workdaysBetween(s0, from) + 1;
      k = cal.isWorkday(from) ? floorDiv(count - 1, r.n) : floorDiv(count, r.n);
    }
    let start = cal.addWorkdays(s0, k * r.n);
    while (start <= to) {
      const end = cal.addWorkdays(start, r.n - 1);
      const next = cal.addWorkdays(end, 1);
      push(start, start, end, next);
      start = next;
    }
    return out;
  }

  if (r.every === 'day' || r.every === 'week') {
    const length = r.every === 'day' ? r.interval : 7 * r.interval;
    // The grid starts at the anchor's period (the anchor, or the `weekday` on or before it); without
    // an anchor (interval 1) every day, or every week starting on `weekday`, is a period.
    const ref = r.anchor ?? '1970-01-01';
    const shift = r.every === 'week' ? (weekdayOf(ref) - r.weekday + 7) % 7 : 0;
    const origin = addDays(ref, -shift);
    let k = floorDiv(toEpochDay(from) - toEpochDay(origin), length);
    if (r.anchor !== undefined && k < 0) k = 0;
    let start = addDays(origin, k * length);
    while (start <= to) {
      const next = addDays(start, length);
      push(start, start, addDays(next, -1), next);
      start = next;
    }
    return out;
  }

  const base = MONTHS[r.every] as number;
  const length = base * r.interval;
  const origin = r.anchor === undefined ? 0 : floorDiv(monthIndex(r.anchor), base) * base;
  // Periods before the anchor's are not part of the duty.
  let startIndex =
    origin +
    Math.max(r.anchor === undefined ? -Infinity : 0, floorDiv(monthIndex(from) - origin, length)) * length;
  while (firstOfMonth(startIndex) <= to) {
    const start = firstOfMonth(startIndex);
    const next = firstOfMonth(startIndex + length);
    push(periodName(r.every, start), start, addDays(next, -1), next);
    startIndex += length;
  }
  return out;
}

function periodName(every: string, start: LocalDate): string {
  const year = start.slice(0, 4);
  const month = Number(start.slice(5, 7));
  if (every === 'month') return start.slice(0, 7);
  if (every === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  if (every === 'halfYear') return `${year}-H${month <= 6 ? 1 : 2}`;
  return year;
}

function dueDateOf(
  r: Recurrence,
  start: LocalDate,
  end: LocalDate,
  nextStart: LocalDate,
  cal: WorkCalendar,
): LocalDate {
  const rule = r.due;
  const path: ErrorPath = ['recurrence', 'due', 'day'];
  let date: LocalDate;
  switch (rule.kind) {
    case 'periodEnd':
      date = end;
      break;
    case 'lastWorkingDay':
      return cal.isWorkday(end) ? end : cal.addWorkdays(end, -1);
    case 'dayOfNextPeriod':
      if (r.every === 'workingDays') date = cal.addWorkdays(end, rule.day);
      else if (r.every === 'day' || r.every === 'week') date = addDays(nextStart, rule.day - 1);
      else date = withDayOfMonth(nextStart, rule.day);
      break;
    case 'dayOfMonth':
      date = withDayOfMonth(endOfMonthDate(end), rule.day);
      break;
    case 'dayOfPeriod':
      date = r.every === 'workingDays' ? cal.addWorkdays(start, rule.day - 1) : addDays(start, rule.day - 1);
      if (date > end) {
        throw new ZhiduError(
          'invalid_input',
          path,
          `周期 ${start}–${end} 没有第 ${rule.day} 天 / the period ${start}–${end} has no day ${rule.day}`,
        );
      }
      break;
  }
  if (rule.shift !== 'none' && !cal.isWorkday(date)) {
    date = cal.addWorkdays(date, rule.shift === 'previousWorkday' ? -1 : 1);
  }
  return date;
}
