import { z } from 'zod';
import { describeValue, type ErrorPath, errorAt, parseInput, ZhiduError } from './errors.js';
import { expectKnownKeys, hasMethods } from './guards.js';
import { partialRecordOf, recordOf } from './record.js';
import {
  assertLocalDate,
  atLocal,
  DEFAULT_ZONE,
  fromEpochDay,
  type Instant,
  type InstantInput,
  type LocalDate,
  LocalDateSchema,
  LocalTimeSchema,
  localDateOf,
  localMinutesOf,
  parseLocalTime,
  toEpochDay,
  toEpochMs,
  ZoneSchema,
} from './time.js';

/** A stretch of business hours within one day, e.g. `{ start: '09:00', end: '12:00' }`. */
export const BusinessSpanSchema = z.strictObject({ start: LocalTimeSchema, end: LocalTimeSchema }).refine(
  (s) => {
    const start = minutesOrUndefined(s.start);
    const end = minutesOrUndefined(s.end);
    return start === undefined || end === undefined || start < end;
  },
  {
    message: '营业时段须在开始之后结束 / a business span must end after it starts',
    params: { zhiduCode: 'invalid_input' },
  },
);
/** A stretch of business hours within one day. */
export type BusinessSpan = z.infer<typeof BusinessSpanSchema>;

const SpanListSchema = z
  .array(BusinessSpanSchema)
  .refine(
    (spans) =>
      spans.every(
        (s, i) => i === 0 || parseLocalTime(s.start) >= parseLocalTime(spans[i - 1]?.end ?? '00:00'),
      ),
    {
      message: '营业时段须按先后排列且不重叠 / business spans must be in order and must not overlap',
      params: { zhiduCode: 'invalid_input' },
    },
  );

/** Default office hours: 09:00–18:00 with a 12:00–13:00 lunch break. */
export const DEFAULT_BUSINESS_SPANS: readonly BusinessSpan[] = Object.freeze([
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
]);

/**
 * Business hours: the spans of an ordinary workday, optionally different per ISO weekday
 * (`'1'` = Monday … `'7'` = Sunday; a weekend make-up workday without its own entry uses `spans`).
 */
export const BusinessHoursSchema = z.strictObject({
  spans: SpanListSchema.default([...DEFAULT_BUSINESS_SPANS]),
  byWeekday: partialRecordOf(z.enum(['1', '2', '3', '4', '5', '6', '7']), SpanListSchema).default({}),
});
/** Business hours accepted by calendar constructors. */
export type BusinessHoursInput = z.input<typeof BusinessHoursSchema>;
type BusinessHours = z.output<typeof BusinessHoursSchema>;

/**
 * One date that departs from the weekly pattern: a holiday or company closure (`workday: false`),
 * a make-up or extra working day (`workday: true`), or a short day (`workday: true` with `spans`).
 */
export const DayOverrideSchema = z.strictObject({
  workday: z.boolean(),
  spans: SpanListSchema.optional(),
  note: z.string().optional(),
});
/** A per-date exception to a calendar's weekly pattern. */
export type DayOverride = z.input<typeof DayOverrideSchema>;

/** Everything a data-defined calendar needs. JSON-serialisable. */
export const CalendarDataSchema = z.strictObject({
  zone: ZoneSchema.default(DEFAULT_ZONE),
  /** ISO weekdays that are ordinarily workdays. */
  workweek: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
  hours: BusinessHoursSchema.default({ spans: [...DEFAULT_BUSINESS_SPANS], byWeekday: {} }),
  overrides: recordOf(LocalDateSchema, DayOverrideSchema).default({}),
  /**
   * The dates the data is known to describe. Outside them a calendar either refuses the query
   * (`'error'`, the default: never guess a statutory holiday) or falls back to the weekly pattern.
   */
  coverage: z
    .strictObject({
      from: LocalDateSchema,
      to: LocalDateSchema,
      outside: z.enum(['error', 'workweek']).default('error'),
    })
    .optional(),
});
/** Input for {@link defineCalendar}. */
export type CalendarData = z.input<typeof CalendarDataSchema>;

/**
 * A working-day calendar: which dates are workdays and when business hours run. Every module takes
 * one through its context, so "working day" can mean the PRC statutory calendar with make-up
 * workdays (调休), plain Mon–Fri, or a company's own closures.
 */
export interface WorkCalendar {
  /** The zone local dates and business hours are read in. */
  readonly zone: string;
  /** Whether `date` is a working day. */
  isWorkday(date: LocalDate): boolean;
  /**
   * The `n`-th workday after `date` (`date` itself not counted); for negative `n` the `|n|`-th
   * workday before it; for 0, `date` unchanged.
   */
  addWorkdays(date: LocalDate, n: number): LocalDate;
  /** Workdays in `(a, b]`; when `b` is before `a`, minus the workdays in `[b, a)`. */
  workdaysBetween(a: LocalDate, b: LocalDate): number;
  /** Business spans on `date`; empty when it is not a workday. */
  spansOn(date: LocalDate): readonly BusinessSpan[];
  /** The spans `date` would have if it were a workday (used when an overlay adds a workday). */
  standardSpans(date: LocalDate): readonly BusinessSpan[];
  /** Adds `minutes` of business time; starting outside hours, the clock starts at the next opening. */
  addBusinessTime(start: InstantInput, minutes: number): Instant;
  /** Business minutes between two instants (negative when `b` is before `a`). */
  businessTimeBetween(a: InstantInput, b: InstantInput): number;
  /** The end of the last business span on `date`, or `null` when it is not a workday. */
  workEnd(date: LocalDate): Instant | null;
  /**
   * Where the answers for the dates in `[from, to]` come from, one entry per calendar year — which
   * notice, or a provisional / weekly-pattern fallback beyond the data. A year the calendar refuses
   * (outside its data, with no fallback) is not listed. Optional: calendars that
   * cannot say leave it out, and deadlines then carry no provenance.
   */
  basis?(from: LocalDate, to: LocalDate): readonly CalendarBasis[];
}

/**
 * Where a calendar's answers for one year come from:
 * - `data`: the calendar's own dates (for the PRC calendar, that year's State Council notice);
 * - `provisional`: beyond the data, the holidays the law fixes in advance, without the make-up
 *   swaps only the annual notice sets — recompute when the notice arrives;
 * - `workweek`: beyond the data, the weekly pattern alone (no holiday at all).
 */
export interface CalendarBasis {
  year: number;
  kind: 'data' | 'provisional' | 'workweek';
  /** The source of the data, e.g. the notice's title. */
  source?: string;
  /** When that source was published (YYYY-MM-DD). */
  published?: LocalDate;
}

/** Extra behaviour for {@link defineCalendar} that is not data (functions, provenance). */
export interface CalendarOptions {
  /** Provenance per year, reported by `basis()`; years not listed are `data` inside the coverage. */
  years?: readonly CalendarBasis[];
  /**
   * The text of the `calendar_out_of_range` refusal for a date outside the coverage, e.g. naming
   * the missing year and the ways out. Default: a generic bilingual message.
   */
  outOfRangeMessage?: (date: LocalDate) => string;
}

/** The largest workday count `addWorkdays` accepts (about 3,800 years of Mon–Fri). */
export const MAX_WORKDAYS = 1_000_000;
/** The most business minutes `addBusinessTime` accepts (about 80 years of 8-hour days). */
export const MAX_BUSINESS_MINUTES = 10_000_000;

// ---------------------------------------------------------------------------------------------
// Shared algorithms. Day counts go through `workdaysBetween`, which each implementation answers in
// O(log n); adding workdays is a galloping binary search over it, so a 1,000-workday horizon costs
// about as much as a 10-day one.

interface Counting {
  isWorkdayEpoch(day: number): boolean;
  /** Workdays in the inclusive epoch-day range [from, to] (0 when to < from). */
  countEpoch(from: number, to: number): number;
  /** Throws `calendar_out_of_range` (at `path`) when `day` is outside the calendar's data. */
  checkRange(day: number, path: ErrorPath): void;
}

function isOutOfRange(e: unknown): boolean {
  return e instanceof ZhiduError && e.code === 'calendar_out_of_range';
}

function addWorkdaysEpoch(cal: Counting, start: number, n: number, path: ErrorPath): number {
  if (n === 0) return start;
  const target = Math.abs(n);
  const dir = n > 0 ? 1 : -1;
  const count = (far: number) => (dir > 0 ? cal.countEpoch(start + 1, far) : cal.countEpoch(far, start - 1));
  // Gallop outwards until the count reaches the target. A calendar that refuses dates beyond its data
  // may refuse a probe even though the answer lies inside the data: then narrow down to the furthest
  // probe it accepts and answer from there, or refuse if the answer really is beyond the data.
  let okSpan = 0;
  let span = Math.ceil(target * 1.5) + 7;
  for (let guard = 0; ; guard++) {
    let reached: boolean;
    try {
      reached = count(start + dir * span) >= target;
    } catch (e) {
      if (!isOutOfRange(e)) throw e;
      let lo = okSpan;
      let hi = span;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        try {
          count(start + dir * mid);
          lo = mid;
        } catch (inner) {
          if (!isOutOfRange(inner)) throw inner;
          hi = mid;
        }
      }
      if (lo === 0 || count(start + dir * lo) < target) {
        // Name the first date beyond the data, not the probe that happened to fail.
        cal.checkRange(start + dir * (lo + 1), path);
        throw e;
      }
      span = lo;
      break;
    }
    if (reached) break;
    okSpan = span;
    span *= 2;
    if (guard > 40)
      throw new ZhiduError(
        'calendar_out_of_range',
        path,
        `从该日起找不到 ${target} 个工作日 / no ${target} workdays can be found from this date`,
      );
  }
  let lo = 1;
  let hi = span;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (count(start + dir * mid) >= target) hi = mid;
    else lo = mid + 1;
  }
  return start + dir * lo;
}

/** Minutes of day for a valid `HH:mm` string, or `undefined` (the field's own check reports it). */
function minutesOrUndefined(time: string): number | undefined {
  try {
    return parseLocalTime(time);
  } catch {
    return undefined;
  }
}

function spanMinutes(spans: readonly BusinessSpan[]): [number, number][] {
  return spans.map((s) => [parseLocalTime(s.start), parseLocalTime(s.end)]);
}

abstract class CalendarBase implements WorkCalendar, Counting {
  abstract readonly zone: string;
  abstract isWorkdayEpoch(day: number): boolean;
  abstract countEpoch(from: number, to: number): number;
  abstract spansOn(date: LocalDate): readonly BusinessSpan[];
  abstract standardSpans(date: LocalDate): readonly BusinessSpan[];
  abstract checkRange(day: number, path: ErrorPath): void;

  isWorkday(date: LocalDate): boolean {
    const day = toEpochDay(assertLocalDate(date, ['date']));
    this.checkRange(day, ['date']);
    return this.isWorkdayEpoch(day);
  }

  addWorkdays(date: LocalDate, n: number): LocalDate {
    const day = toEpochDay(assertLocalDate(date, ['date']));
    if (!Number.isSafeInteger(n))
      throw new ZhiduError(
        'invalid_duration',
        ['n'],
        `工作日数须为整数 / workdays must be an integer, got ${describeValue(n)}`,
      );
    if (Math.abs(n) > MAX_WORKDAYS)
      throw new ZhiduError(
        'invalid_duration',
        ['n'],
        `工作日数不得超过 ${MAX_WORKDAYS} / at most ${MAX_WORKDAYS} workdays can be added, got ${n}`,
      );
    this.checkRange(day, ['date']);
    const result = addWorkdaysEpoch(this, day, n, ['n']);
    this.checkRange(result, ['n']);
    return fromEpochDay(result, ['n']);
  }

  workdaysBetween(a: LocalDate, b: LocalDate): number {
    const da = toEpochDay(assertLocalDate(a, ['a']));
    const db = toEpochDay(assertLocalDate(b, ['b']));
    this.checkRange(da, ['a']);
    this.checkRange(db, ['b']);
    return db >= da ? this.countEpoch(da + 1, db) : -this.countEpoch(db, da - 1);
  }

  workEnd(date: LocalDate): Instant | null {
    const spans = this.spansOn(date);
    const last = spans[spans.length - 1];
    return last ? atLocal(date, last.end, this.zone) : null;
  }

  addBusinessTime(start: InstantInput, minutes: number): Instant {
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw new ZhiduError(
        'invalid_duration',
        ['minutes'],
        `营业分钟数须为非负数 / business minutes must be a non-negative number, got ${describeValue(minutes)}`,
      );
    }
    if (minutes > MAX_BUSINESS_MINUTES) {
      throw new ZhiduError(
        'invalid_duration',
        ['minutes'],
        `营业分钟数不得超过 ${MAX_BUSINESS_MINUTES} / at most ${MAX_BUSINESS_MINUTES} business minutes can be added, got ${minutes}`,
      );
    }
    const startMs = toEpochMs(start, ['start']);
    let date = localDateOf(startMs, this.zone);
    let from = localMinutesOf(startMs, this.zone);
    let remaining = minutes;
    // Workdays in a row without a single business minute: a calendar whose hours are empty would
    // otherwise be searched for ever.
    let idle = 0;
    for (;;) {
      let open = false;
      for (const [s, e] of spanMinutes(this.spansOn(date))) {
        open = true;
        if (e <= from) continue;
        const begin = Math.max(s, from);
        if (remaining <= e - begin) return atLocal(date, begin + remaining, this.zone);
        remaining -= e - begin;
      }
      idle = open ? 0 : idle + 1;
      if (idle > 366) {
        throw new ZhiduError(
          'calendar_out_of_range',
          ['minutes'],
          `一年内没有任何营业时间 / no business hours in a whole year of workdays after ${date}`,
        );
      }
      date = this.addWorkdays(date, 1);
      from = 0;
    }
  }

  businessTimeBetween(a: InstantInput, b: InstantInput): number {
    const ma = toEpochMs(a, ['a']);
    const mb = toEpochMs(b, ['b']);
    if (mb < ma) return -this.businessTimeBetween(mb, ma);
    const lastDate = localDateOf(mb, this.zone);
    let date = localDateOf(ma, this.zone);
    let from = localMinutesOf(ma, this.zone);
    let total = 0;
    for (;;) {
      const until = date === lastDate ? localMinutesOf(mb, this.zone) : Number.POSITIVE_INFINITY;
      for (const [s, e] of spanMinutes(this.spansOn(date))) {
        total += Math.max(0, Math.min(e, until) - Math.max(s, from));
      }
      if (date >= lastDate) break;
      const next = this.addWorkdays(date, 1);
      if (next > lastDate) break;
      date = next;
      from = 0;
    }
    return Math.round(total * 1000) / 1000;
  }
}

class DataCalendar extends CalendarBase {
  readonly zone: string;
  private readonly weekly: boolean[]; // index 0 = Monday
  private readonly weeklyPrefix: number[]; // workdays among the first k weekdays of a Monday-start week
  private readonly overrideDays: number[]; // sorted epoch days whose workday status differs from the weekly pattern
  private readonly overrideDelta: number[]; // +1 extra workday, -1 day off
  private readonly deltaPrefix: number[];
  private readonly overrides: Map<number, z.output<typeof DayOverrideSchema>>;
  private readonly hours: BusinessHours;
  private readonly coverage?: { from: number; to: number; outside: 'error' | 'workweek' };
  private readonly years: Map<number, CalendarBasis>;
  private readonly outOfRangeMessage?: (date: LocalDate) => string;

  constructor(data: z.output<typeof CalendarDataSchema>, options: CalendarOptions = {}) {
    super();
    this.years = new Map((options.years ?? []).map((b) => [b.year, { ...b }]));
    if (options.outOfRangeMessage) this.outOfRangeMessage = options.outOfRangeMessage;
    this.zone = data.zone;
    this.weekly = [1, 2, 3, 4, 5, 6, 7].map((w) => data.workweek.includes(w));
    this.weeklyPrefix = [0];
    for (const w of this.weekly)
      this.weeklyPrefix.push((this.weeklyPrefix[this.weeklyPrefix.length - 1] ?? 0) + (w ? 1 : 0));
    this.hours = data.hours;
    this.overrides = new Map();
    const diffs: [number, number][] = [];
    for (const [date, o] of Object.entries(data.overrides)) {
      const day = toEpochDay(date);
      this.overrides.set(day, o);
      const base = this.weeklyWorkday(day);
      if (o.workday !== base) diffs.push([day, o.workday ? 1 : -1]);
    }
    diffs.sort((x, y) => x[0] - y[0]);
    this.overrideDays = diffs.map((d) => d[0]);
    this.overrideDelta = diffs.map((d) => d[1]);
    this.deltaPrefix = [0];
    for (const d of this.overrideDelta)
      this.deltaPrefix.push((this.deltaPrefix[this.deltaPrefix.length - 1] ?? 0) + d);
    if (data.coverage) {
      this.coverage = {
        from: toEpochDay(data.coverage.from),
        to: toEpochDay(data.coverage.to),
        outside: data.coverage.outside,
      };
    }
  }

  private weeklyWorkday(day: number): boolean {
    return this.weekly[(((day + 3) % 7) + 7) % 7] ?? false;
  }

  checkRange(day: number, path: ErrorPath): void {
    const c = this.coverage;
    if (c && c.outside === 'error' && (day < c.from || day > c.to)) {
      const date = fromEpochDay(day, path);
      const from = fromEpochDay(c.from);
      const to = fromEpochDay(c.to);
      throw new ZhiduError(
        'calendar_out_of_range',
        path,
        this.outOfRangeMessage?.(date) ??
          `${date} 不在日历数据范围内（${from} 至 ${to}）：请补充该年的数据，或选择在数据范围外按每周工作日计算（coverage.outside: 'workweek'） / ${date} is outside the calendar's data (${from} to ${to}): add that year's data, or opt in to the weekly pattern outside the data (coverage.outside: 'workweek')`,
      );
    }
  }

  basis(from: LocalDate, to: LocalDate): readonly CalendarBasis[] {
    const a = Number(assertLocalDate(from, ['from']).slice(0, 4));
    const b = Number(assertLocalDate(to, ['to']).slice(0, 4));
    const out: CalendarBasis[] = [];
    const c = this.coverage;
    for (let y = Math.min(a, b); y <= Math.max(a, b); y++) {
      const known = this.years.get(y);
      if (known) out.push({ ...known });
      else if (
        c &&
        (toEpochDay(`${String(y).padStart(4, '0')}-01-01`) < c.from ||
          toEpochDay(`${String(y).padStart(4, '0')}-12-31`) > c.to)
      ) {
        // A year the calendar refuses is no basis of anything it answered: not listed (it was
        // labelled `data`, as if that year's notice had been used).
        if (c.outside !== 'error') out.push({ year: y, kind: 'workweek' });
      } else out.push({ year: y, kind: 'data' });
    }
    return out;
  }

  isWorkdayEpoch(day: number): boolean {
    const o = this.overrides.get(day);
    return o ? o.workday : this.weeklyWorkday(day);
  }

  private weeklyCountUpTo(day: number): number {
    // Pattern workdays in [epoch-Monday-aligned origin, day), origin = 1969-12-29 (a Monday, day −3).
    const offset = day + 3;
    const weeks = Math.floor(offset / 7);
    const rem = offset - weeks * 7;
    return weeks * (this.weeklyPrefix[7] ?? 0) + (this.weeklyPrefix[rem] ?? 0);
  }

  private deltaUpTo(day: number): number {
    // Sum of deltas for override days < day.
    let lo = 0;
    let hi = this.overrideDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.overrideDays[mid] ?? 0) < day) lo = mid + 1;
      else hi = mid;
    }
    return this.deltaPrefix[lo] ?? 0;
  }

  countEpoch(from: number, to: number): number {
    if (to < from) return 0;
    return (
      this.weeklyCountUpTo(to + 1) -
      this.weeklyCountUpTo(from) +
      this.deltaUpTo(to + 1) -
      this.deltaUpTo(from)
    );
  }

  standardSpans(date: LocalDate): readonly BusinessSpan[] {
    const weekday = String(((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1) as '1';
    return this.hours.byWeekday[weekday] ?? this.hours.spans;
  }

  spansOn(date: LocalDate): readonly BusinessSpan[] {
    const day = toEpochDay(assertLocalDate(date, ['date']));
    this.checkRange(day, ['date']);
    const o = this.overrides.get(day);
    if (o) return o.workday ? (o.spans ?? this.standardSpans(date)) : [];
    return this.weeklyWorkday(day) ? this.standardSpans(date) : [];
  }
}

/**
 * Builds a calendar from data: a weekly pattern, business hours, per-date overrides (holidays,
 * make-up workdays, short days, company closures) and optionally the range the data covers.
 *
 * @param data - calendar description (validated; JSON-serialisable)
 * @param options - provenance per year (reported by `basis()`) and the refusal message beyond the data
 * @returns a WorkCalendar whose day counts run in O(log n)
 * @throws ZhiduError when the data does not validate (e.g. a span ending before it starts)
 * @example
 * const cal = defineCalendar({
 *   workweek: [1, 2, 3, 4, 5, 6],                       // a six-day sales office
 *   hours: { spans: [{ start: '08:30', end: '17:30' }] },
 *   overrides: { '2025-06-02': { workday: false, note: 'company outing' } },
 * });
 * cal.addWorkdays('2025-05-31', 1); //=> '2025-06-03'
 */
export function defineCalendar(data: CalendarData = {}, options: CalendarOptions = {}): WorkCalendar {
  // A misspelt option (`yeers`) is refused, not dropped; so are options of the wrong shape (null,
  // `years: 'x'`, a message that is not a function), which threw a TypeError — the last only when a
  // date beyond the data was asked — and a year entry of the wrong shape, which was dropped.
  if (options !== null && typeof options === 'object')
    expectKnownKeys(options, ['years', 'outOfRangeMessage'], ['options']);
  const read = parseInput(CalendarOptionsSchema, options, ['options']) as CalendarOptions;
  return new DataCalendar(parseInput(CalendarDataSchema, data, ['calendar']), read);
}

/** {@link CalendarOptions} as `defineCalendar` reads them. */
const CalendarOptionsSchema = z.strictObject({
  years: z
    .array(
      z.strictObject({
        year: z.number().int().min(1).max(9999),
        kind: z.enum(['data', 'provisional', 'workweek']),
        source: z.string().optional(),
        published: LocalDateSchema.optional(),
      }),
    )
    .optional(),
  outOfRangeMessage: z
    .custom<(date: LocalDate) => string>((v) => typeof v === 'function', {
      message: '须为函数 (date) => string / expected a function (date) => string',
    })
    .optional(),
});

/**
 * Plain Monday–Friday calendar: no holidays at all. Useful as a comparison and for companies that
 * do not follow the statutory schedule.
 *
 * @param options - zone (default Asia/Shanghai) and business hours (default 09:00–18:00, lunch 12–13)
 * @returns a WorkCalendar
 * @example
 * weekdayCalendar().addWorkdays('2025-01-24', 1); //=> '2025-01-27' (Spring Festival ignored)
 */
export function weekdayCalendar(options: { zone?: string; hours?: BusinessHoursInput } = {}): WorkCalendar {
  if (options === null || typeof options !== 'object') {
    throw new ZhiduError('invalid_input', ['options'], '选项须为对象 / options must be an object');
  }
  expectKnownKeys(options, ['zone', 'hours'], ['options']);
  return defineCalendar({
    ...(options.zone === undefined ? {} : { zone: options.zone }),
    ...(options.hours === undefined ? {} : { hours: options.hours }),
  });
}

class OverlayCalendar extends CalendarBase {
  readonly zone: string;
  private readonly days: number[];
  private readonly byDay: Map<number, z.output<typeof DayOverrideSchema>>;

  constructor(
    private readonly base: WorkCalendar,
    overrides: Record<string, z.output<typeof DayOverrideSchema>>,
  ) {
    super();
    this.zone = base.zone;
    this.byDay = new Map();
    for (const [date, o] of Object.entries(overrides)) this.byDay.set(toEpochDay(date), o);
    this.days = [...this.byDay.keys()].sort((a, b) => a - b);
    // Differences from the base are checked per query (linear in the overrides inside the range,
    // which are few: closures and short days): the base may refuse dates outside its data, and an
    // overlay must not make those dates answerable.
  }

  checkRange(day: number, path: ErrorPath): void {
    if (!this.byDay.has(day)) {
      try {
        this.base.isWorkday(fromEpochDay(day, path));
      } catch (e) {
        // Re-anchor the base's refusal at this call's argument, without its own "(at …)" suffix.
        if (e instanceof ZhiduError) throw errorAt(e, path);
        throw e;
      }
    }
  }

  basis(from: LocalDate, to: LocalDate): readonly CalendarBasis[] {
    return this.base.basis?.(from, to) ?? [];
  }

  isWorkdayEpoch(day: number): boolean {
    const o = this.byDay.get(day);
    return o ? o.workday : this.base.isWorkday(fromEpochDay(day));
  }

  countEpoch(from: number, to: number): number {
    if (to < from) return 0;
    // (from, to] plus `from` itself: asking the base about `from − 1` could step outside its data.
    let n =
      this.base.workdaysBetween(fromEpochDay(from), fromEpochDay(to)) +
      (this.base.isWorkday(fromEpochDay(from)) ? 1 : 0);
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.days[mid] ?? 0) < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.days.length; i++) {
      const day = this.days[i] ?? 0;
      if (day > to) break;
      const o = this.byDay.get(day);
      const baseWork = this.base.isWorkday(fromEpochDay(day));
      if (o && o.workday !== baseWork) n += o.workday ? 1 : -1;
    }
    return n;
  }

  standardSpans(date: LocalDate): readonly BusinessSpan[] {
    return this.base.standardSpans(date);
  }

  spansOn(date: LocalDate): readonly BusinessSpan[] {
    const o = this.byDay.get(toEpochDay(assertLocalDate(date, ['date'])));
    if (!o) return this.base.spansOn(date);
    return o.workday ? (o.spans ?? this.base.standardSpans(date)) : [];
  }
}

/**
 * Layers per-date exceptions over any calendar: company closures on top of the statutory
 * calendar, an extra Saturday before a launch, a short day before the Spring Festival.
 *
 * @param base - the calendar to refine (e.g. `chinaCalendar()`)
 * @param overrides - date → `{ workday, spans?, note? }`
 * @returns a new WorkCalendar; `base` is unchanged
 * @throws ZhiduError `invalid_input` at `["base"]` when `base` is not a WorkCalendar, at `overrides…` for a bad override
 * @example
 * const cal = withOverrides(weekdayCalendar(), {
 *   '2025-12-31': { workday: true, spans: [{ start: '09:00', end: '15:00' }], note: 'short day' },
 *   '2025-12-26': { workday: false, note: 'annual company closure' },
 * });
 * cal.isWorkday('2025-12-26'); //=> false
 */
export function withOverrides(base: WorkCalendar, overrides: Record<LocalDate, DayOverride>): WorkCalendar {
  if (
    !hasMethods(base, ['isWorkday', 'workdaysBetween', 'spansOn', 'standardSpans']) ||
    typeof base.zone !== 'string'
  ) {
    throw new ZhiduError(
      'invalid_input',
      ['base'],
      `须为 WorkCalendar（例如 chinaCalendar()），实际为 ${describeValue(base)} / base must be a WorkCalendar (e.g. chinaCalendar()), got ${describeValue(base)}`,
    );
  }
  const parsed = parseInput(recordOf(LocalDateSchema, DayOverrideSchema), overrides, ['overrides']);
  return new OverlayCalendar(base, parsed);
}
