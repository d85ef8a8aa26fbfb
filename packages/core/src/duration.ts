import { z } from 'zod';
import { type CalendarBasis, MAX_BUSINESS_MINUTES, type WorkCalendar, weekdayCalendar } from './calendar.js';
import { checkContextKeys, isMadeContext } from './context.js';
import { type Decision, Trace } from './decision.js';
import { describeValue, errorAt, isZhiduError, ZhiduError, zodIssuesToError } from './errors.js';
import { expectKnownKeys, hasMethods } from './guards.js';
import { frozenThrough, plainConstructor } from './plain.js';
import { formatInstant } from './render.js';
import {
  addDays,
  addMonthsClamped,
  assertZone,
  atLocal,
  DEFAULT_ZONE,
  daysBetween,
  endOfLocalDay,
  endOfMonthDate,
  type Instant,
  type InstantInput,
  type LocalDate,
  LocalTimeSchema,
  localDateOf,
  localMinutesOf,
  startOfLocalDay,
  toEpochMs,
  toInstant,
  withDayOfMonth,
} from './time.js';

const inclusive = z
  .boolean()
  .optional()
  .describe('Whether the due instant itself is still on time (default true: 以内/届满 include the bound)');
// Bounds keep arithmetic inside the years 1000–9999; no regulation states a longer limit.
const amount = z
  .number()
  .nonnegative({ message: '时限不能为负 / a duration must not be negative' })
  .max(100_000_000, { message: '这么长的时长不是时限 / a duration this long is not a time limit' });
// Business time is added by the calendar, which takes at most MAX_BUSINESS_MINUTES: a longer limit is
// refused here, at the spec's amount (it was refused at the calendar's own `minutes`, in minutes).
const businessMinutes = amount.max(MAX_BUSINESS_MINUTES, {
  message: `最多 ${MAX_BUSINESS_MINUTES} 个工作分钟 / at most ${MAX_BUSINESS_MINUTES} business minutes`,
});
const businessHours = amount.max(Math.floor(MAX_BUSINESS_MINUTES / 60), {
  message: `最多 ${Math.floor(MAX_BUSINESS_MINUTES / 60)} 个工作小时 / at most ${Math.floor(MAX_BUSINESS_MINUTES / 60)} business hours`,
});
const wholeAmount = z
  .number()
  .int()
  .nonnegative({ message: '时限须为非负整数 / a duration must be a non-negative whole number' })
  .max(1_000_000, { message: '这么长的时长不是时限 / a duration this long is not a time limit' });

/**
 * Every way the regulations state a time limit. Day-based units follow catalog convention C2:
 * the start day is not counted and the limit runs to the end of the N-th day, unless `at` says
 * otherwise. `inclusive` (default true) says whether the due instant itself is on time; on a limit
 * that runs to the end of a day, `inclusive: false` means "before that day begins" (e.g. 次月5日前
 * read strictly).
 */
export const DurationSpecSchema = z.discriminatedUnion('unit', [
  z
    .strictObject({ unit: z.literal('seconds'), amount, inclusive })
    .describe('Wall-clock seconds from the start instant (e.g. 30秒内)'),
  z
    .strictObject({ unit: z.literal('minutes'), amount, inclusive })
    .describe('Wall-clock minutes from the start instant'),
  z
    .strictObject({ unit: z.literal('hours'), amount, inclusive })
    .describe('Wall-clock hours from the start instant'),
  z
    .strictObject({
      unit: z.literal('calendarDays'),
      amount: wholeAmount,
      at: z.enum(['endOfDay', 'sameTime']).optional(),
      inclusive,
    })
    .describe('N calendar days (天/日): end of the N-th day after the start day'),
  z
    .strictObject({
      unit: z.literal('workingDays'),
      amount: wholeAmount,
      at: z.enum(['endOfDay', 'endOfWork', 'sameTime']).optional(),
      inclusive,
    })
    .describe('N working days (工作日) on the calendar: end of the N-th workday after the start day'),
  z
    .strictObject({ unit: z.literal('workingHours'), amount: businessHours, inclusive })
    .describe('Business hours on the calendar'),
  z
    .strictObject({ unit: z.literal('workingMinutes'), amount: businessMinutes, inclusive })
    .describe('Business minutes on the calendar'),
  z
    .strictObject({
      unit: z.literal('calendarMonths'),
      amount: wholeAmount,
      at: z.enum(['endOfDay', 'sameTime']).optional(),
      inclusive,
    })
    .describe('N months (N个月): same day-of-month N months later, clamped to month end'),
  z
    .strictObject({ unit: z.literal('endOfMonth'), monthsAhead: wholeAmount.optional(), inclusive })
    .describe('By the end of the month (当月底), or of a later month'),
  z
    .strictObject({
      unit: z.literal('dayOfMonth'),
      day: z.number().int().min(1).max(31),
      monthsAhead: wholeAmount.optional(),
      time: LocalTimeSchema.optional(),
      inclusive,
    })
    .describe('By the N-th of next month (次月N日前); inclusive:false means before that day begins'),
  z
    .strictObject({ unit: z.literal('nextDay'), time: LocalTimeSchema.optional(), inclusive })
    .describe('The next calendar day (次日), by its end or by `time`'),
  z
    .strictObject({ unit: z.literal('sameDay'), time: LocalTimeSchema.optional(), inclusive })
    .describe('The same day (当日), by its end or by `time`'),
  z
    .strictObject({
      unit: z.literal('endOfWork'),
      workdaysAhead: wholeAmount.optional(),
      time: LocalTimeSchema.optional(),
      inclusive,
    })
    .describe(
      'Before end of work (下班前) on the start workday or a later one; `time` overrides the calendar',
    ),
]);
/** A time limit as the regulations state it. */
export type DurationSpec = z.input<typeof DurationSpecSchema>;

/** Zone and calendar for time arithmetic. Both optional: Asia/Shanghai and Mon–Fri by default. */
export interface TimeContext {
  zone?: string;
  calendar?: WorkCalendar;
}

/** A due instant and whether that instant itself still counts as on time. */
export interface Deadline {
  at: Instant;
  inclusive: boolean;
  /**
   * Set (to `true`) when the working-day calendar answered part of the span beyond its data —
   * provisionally from the statutory holidays, or from the weekly pattern alone. Show the due time
   * as provisional and recompute it when the year's notice is loaded. Absent otherwise.
   */
  provisional?: true;
  /** The years answered beyond the data, when `provisional`. */
  provisionalYears?: number[];
}

/** The duration units whose deadline reads the working-day calendar (see {@link readsWorkCalendar}). */
const WORK_CALENDAR_UNITS: ReadonlySet<unknown> = new Set([
  'workingDays',
  'workingHours',
  'workingMinutes',
  'endOfWork',
]);

/**
 * Whether a duration unit reads the working-day calendar (and so may be provisional beyond its
 * data): `workingDays`, `workingHours`, `workingMinutes`, `endOfWork`. One answer for every package
 * that asks (a set of its own in each was a copy that could drift); a function, so that no caller can
 * change the list. @internal
 *
 * @param unit - a duration or lateness unit (anything else is no such unit)
 * @returns whether its deadline reads the calendar
 * @example
 * readsWorkCalendar('workingDays'); //=> true
 * readsWorkCalendar('calendarDays'); //=> false
 */
export function readsWorkCalendar(unit: unknown): boolean {
  return WORK_CALENDAR_UNITS.has(unit);
}

let defaultCalendar: WorkCalendar | undefined;

/** The members of a {@link WorkCalendar} the time functions call. */
const CALENDAR_METHODS = [
  'isWorkday',
  'addWorkdays',
  'workdaysBetween',
  'addBusinessTime',
  'businessTimeBetween',
];

/**
 * The zone and calendar of a time context, checked: a context is an object whose keys are a
 * context's (`zone`, `calendar`, and those of {@link makeContext}'s contexts); a misspelt `calender`
 * would otherwise leave the Mon–Fri default in place without a word, and a calendar without its
 * methods would fail as a bare TypeError.
 */
function resolve(ctx: TimeContext | undefined): { zone: string; calendar: WorkCalendar } {
  defaultCalendar ??= weekdayCalendar();
  if (ctx !== undefined && !isMadeContext(ctx)) {
    if (ctx === null || typeof ctx !== 'object' || Array.isArray(ctx)) {
      throw new ZhiduError(
        'invalid_input',
        ['ctx'],
        `时间上下文须为对象 { zone?, calendar? } / the time context is an object { zone?, calendar? }, got ${describeValue(ctx)}`,
      );
    }
    checkContextKeys(ctx, ['ctx']);
    const given = (ctx as { calendar?: unknown }).calendar;
    if (given !== undefined && !hasMethods(given, CALENDAR_METHODS)) {
      throw new ZhiduError(
        'invalid_input',
        ['ctx', 'calendar'],
        `日历须为 WorkCalendar（例如 chinaCalendar()），须有 ${CALENDAR_METHODS.join('、')} / the calendar is a WorkCalendar (e.g. chinaCalendar()) with ${CALENDAR_METHODS.join(', ')}, got ${describeValue(given)}`,
      );
    }
  }
  const calendar = ctx?.calendar ?? defaultCalendar;
  const zone = assertZone(ctx?.zone ?? ctx?.calendar?.zone ?? DEFAULT_ZONE, ['ctx', 'zone']);
  return { zone, calendar };
}

function parseSpec(spec: DurationSpec) {
  const r = DurationSpecSchema.safeParse(spec);
  if (!r.success) {
    const e = zodIssuesToError(r.error.issues, ['spec'], DurationSpecSchema);
    // A misspelt key keeps its own code (and the field meant); anything else is a malformed duration.
    if (e.code === 'unknown_key') throw e;
    throw new ZhiduError('invalid_duration', e.path, e.message.replace(/ \(at [^)]*\)$/, ''));
  }
  return r.data;
}

/**
 * When a time limit expires. The result names the due instant and whether that instant is still on
 * time, so "within 3 days" (inclusive) and "before the 5th" (exclusive) are both exact.
 *
 * @param start - the triggering event's instant (complaint received, delivery, registration …)
 * @param spec - the limit, e.g. `{ unit: 'workingDays', amount: 1 }`
 * @param ctx - zone and working-day calendar (default Asia/Shanghai, Mon–Fri)
 * @returns the deadline
 * @throws ZhiduError `invalid_duration` for a negative or malformed spec, `invalid_instant` for a bad start
 * @example
 * // A complaint received at 17:40 on Friday 2025-01-24, the last workday before Spring Festival:
 * deadline('2025-01-24T17:40:00+08:00', { unit: 'hours', amount: 24 });
 * //=> { at: '2025-01-25T09:40:00.000Z', inclusive: true }
 * deadline('2025-01-24T17:40:00+08:00', { unit: 'workingDays', amount: 1 }, { calendar: chinaCalendar() });
 * //=> { at: '2025-01-26T15:59:59.999Z', inclusive: true } (end of Sun 26 Jan, a make-up workday)
 */
export function deadline(start: InstantInput, spec: DurationSpec, ctx?: TimeContext): Deadline {
  return computeDeadline(parseSpec(spec), start, resolve(ctx));
}

/**
 * Validates a spec once and returns a function computing its deadline from any start — for bulk
 * evaluation (a timer engine resolving thousands of due times with the same target).
 *
 * @param spec - the limit
 * @param ctx - zone and calendar, fixed for every call
 * @returns `(start) => Deadline`
 * @throws ZhiduError `invalid_duration` for a malformed spec (once, here)
 * @example
 * const due = compileDeadline({ unit: 'workingDays', amount: 3 }, { calendar: chinaCalendar() });
 * due('2025-09-30T17:40:00+08:00').at; //=> '2025-10-11T15:59:59.999Z'
 */
export function compileDeadline(spec: DurationSpec, ctx?: TimeContext): (start: InstantInput) => Deadline {
  const parsed = parseSpec(spec);
  const resolved = resolve(ctx);
  return (start) => computeDeadline(parsed, start, resolved);
}

/**
 * A `calendar_out_of_range` refusal of the calendar, re-anchored at `ctx.calendar`: the calendar
 * lacks the year (its message names the date), and the context's calendar is where the caller loads
 * the notice or chooses `outsideData`, not the calendar method's own argument (`n`). Anything else
 * as it is.
 */
function atCalendar(e: unknown): unknown {
  return isZhiduError(e) && e.code === 'calendar_out_of_range' ? errorAt(e, ['ctx', 'calendar']) : e;
}

function computeDeadline(
  s: z.output<typeof DurationSpecSchema>,
  start: InstantInput,
  resolved: { zone: string; calendar: WorkCalendar },
): Deadline {
  const startMs = toEpochMs(start, ['start']);
  try {
    return deadlineFrom(s, startMs, resolved);
  } catch (e) {
    throw atCalendar(e);
  }
}

/**
 * Whether {@link deadline} of `spec` depends on the start's local date alone — no wall time of the
 * start is read — so that a caller computing many due times may compute one per local date and spec.
 * Clock units, `sameTime`, business time, and `endOfWork` counted from the start day (a start after
 * that day's work has ended is due the next workday) read the wall time.
 *
 * @param spec - a parsed duration spec
 * @returns whether the start's local date decides the due time
 * @example
 * dueByDateAlone({ unit: 'workingDays', amount: 3 }); //=> true
 * dueByDateAlone({ unit: 'endOfWork' }); //=> false
 * @throws ZhiduError `invalid_duration` when `spec` is not an object
 * @internal
 */
export function dueByDateAlone(spec: DurationSpec): boolean {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    throw new ZhiduError(
      'invalid_duration',
      ['spec'],
      `时限须为 { unit, … }，收到 ${describeValue(spec)} / a duration spec is { unit, … }, got ${describeValue(spec)}`,
    );
  switch (spec.unit) {
    case 'calendarDays':
    case 'workingDays':
    case 'calendarMonths':
      return spec.at !== 'sameTime';
    case 'endOfMonth':
    case 'dayOfMonth':
    case 'nextDay':
    case 'sameDay':
      return true;
    case 'endOfWork':
      return (spec.workdaysAhead ?? 0) > 0;
    default:
      return false;
  }
}

function deadlineFrom(
  s: z.output<typeof DurationSpecSchema>,
  startMs: number,
  { zone, calendar }: { zone: string; calendar: WorkCalendar },
): Deadline {
  const day = localDateOf(startMs, zone);
  const minutesOfDay = localMinutesOf(startMs, zone);
  const inc = s.inclusive ?? true;
  // A limit that runs to the end of a day, stated exclusively, means "before that day begins".
  const dayEnd = (d: string) => (inc ? endOfLocalDay(d, zone) : startOfLocalDay(d, zone));
  const at = (() => {
    switch (s.unit) {
      case 'seconds':
        return toInstant(startMs + Math.round(s.amount * 1000));
      case 'minutes':
        return toInstant(startMs + Math.round(s.amount * 60_000));
      case 'hours':
        return toInstant(startMs + Math.round(s.amount * 3_600_000));
      case 'calendarDays': {
        const d = addDays(day, s.amount);
        return s.at === 'sameTime' ? atLocal(d, minutesOfDay, zone) : dayEnd(d);
      }
      case 'workingDays': {
        const d = calendar.addWorkdays(day, s.amount);
        if (s.at === 'sameTime') return atLocal(d, minutesOfDay, zone);
        if (s.at === 'endOfWork') return calendar.workEnd(d) ?? dayEnd(d);
        return dayEnd(d);
      }
      case 'workingHours':
        return calendar.addBusinessTime(startMs, s.amount * 60);
      case 'workingMinutes':
        return calendar.addBusinessTime(startMs, s.amount);
      case 'calendarMonths': {
        const d = addMonthsClamped(day, s.amount);
        return s.at === 'sameTime' ? atLocal(d, minutesOfDay, zone) : dayEnd(d);
      }
      case 'endOfMonth':
        return dayEnd(endOfMonthDate(addMonthsClamped(withDayOfMonth(day, 1), s.monthsAhead ?? 0)));
      case 'dayOfMonth': {
        const d = withDayOfMonth(addMonthsClamped(withDayOfMonth(day, 1), s.monthsAhead ?? 1), s.day);
        return s.time ? atLocal(d, s.time, zone) : dayEnd(d);
      }
      case 'nextDay': {
        const d = addDays(day, 1);
        return s.time ? atLocal(d, s.time, zone) : dayEnd(d);
      }
      case 'sameDay':
        return s.time ? atLocal(day, s.time, zone) : dayEnd(day);
      case 'endOfWork': {
        let d = s.workdaysAhead ? calendar.addWorkdays(day, s.workdaysAhead) : day;
        if (!calendar.isWorkday(d)) d = calendar.addWorkdays(d, 1);
        const endOf = (w: string): Instant =>
          s.time ? atLocal(w, s.time, zone) : (calendar.workEnd(w) ?? dayEnd(w));
        const end = endOf(d);
        // Started after that workday's work had ended (a complaint at 20:00, 下班前): the due is the
        // end of the next workday's work, as for a start on a rest day. It lay before the start, so
        // the subject was late on arrival.
        if (!s.workdaysAhead && toEpochMs(end) < startMs) return endOf(calendar.addWorkdays(d, 1));
        return end;
      }
    }
  })();
  if (calendar.basis && WORK_CALENDAR_UNITS.has(s.unit)) {
    const beyond = calendar
      .basis(day, localDateOf(at, zone))
      .filter((b) => b.kind !== 'data')
      .map((b) => b.year);
    if (beyond.length > 0) return new ProvisionalDueTime(at, inc, beyond);
  }
  return new DueTime(at, inc);
}

/**
 * A deadline `{ at, inclusive }` made by `new` on a function whose prototype is `Object.prototype`: the
 * same plain object as the literal (prototype, `constructor === Object`, keys in order, JSON), made
 * without a V8 allocation site, so a call computing many due times (a programme of 10^5 follow-ups)
 * does not get every later deadline allocated in the old generation once some outlived a collection.
 */
const DueTime = plainConstructor(function DueTime(this: Deadline, at: Instant, inclusive: boolean) {
  this.at = at;
  this.inclusive = inclusive;
});
/**
 * A deadline beyond the calendar's data, `{ at, inclusive, provisional: true, provisionalYears }`, made
 * the same way with all four keys at once (keys added to an object after `new` cost a property store
 * of their own: 1,000-working-day deadlines ran 260 k → 163 k/s that way).
 */
const ProvisionalDueTime = plainConstructor(function ProvisionalDueTime(
  this: Deadline,
  at: Instant,
  inclusive: boolean,
  years: number[],
) {
  this.at = at;
  this.inclusive = inclusive;
  this.provisional = true;
  this.provisionalYears = years;
});

/** The trace entry explaining where one year's working days come from. */
function basisEntry(trace: Trace, b: CalendarBasis): void {
  const data = { ...b };
  if (b.kind === 'provisional') {
    trace.add(
      'zhidu.calendar.provisional',
      b.source,
      `${b.year}年的放假通知尚未载入：暂按法定节日（${b.source ?? '法定节日'}）和周一至周五计算，不含只有年度通知才确定的调休；通知发布后须重新计算`,
      `No holiday notice for ${b.year} is loaded: computed provisionally on the statutory holidays (${b.source ?? 'statutory holidays'}) and Mon–Fri, without the make-up swaps only the annual notice sets; recompute when the notice is published`,
      data,
    );
  } else if (b.kind === 'workweek') {
    trace.add(
      'zhidu.calendar.workweek',
      undefined,
      `${b.year}年不在日历数据内：按每周工作日计算，未计任何节假日（暂定，数据补充后须重新计算）`,
      `${b.year} is beyond the calendar's data: counted on the weekly pattern alone, no holidays (provisional; recompute once the data is added)`,
      data,
    );
  } else {
    const published = b.published ? `（${b.published}发布）` : '';
    const publishedEn = b.published ? ` (published ${b.published})` : '';
    trace.add(
      'zhidu.calendar.data',
      b.source,
      `${b.year}年的工作日依据：${b.source ?? '日历数据'}${published}`,
      `Working days in ${b.year} follow ${b.source ?? "the calendar's data"}${publishedEn}`,
      data,
    );
  }
}

/** Options of {@link calendarBasisTrace}. */
export interface CalendarBasisTraceOptions {
  /**
   * `'always'` (default): one entry per year of the span. `'notable'`: only when some year of the
   * span is answered beyond the data (provisional or weekly pattern) or follows a dated notice (one
   * loaded from a file, with its `published` date) — then every year of the span, so the trace
   * names each basis; ordinary spans inside the built-in data add nothing.
   */
  when?: 'always' | 'notable';
  /**
   * Entries already added to this trace, by year, kind, source and publication date. Each is added
   * once: pass one set for a whole evaluation so a thousand timers spanning 2027 name it once.
   */
  seen?: Set<string>;
}

/**
 * Whether a year's basis deserves a trace entry on its own: answered beyond the data, or taken from
 * a dated notice (loaded from a file) rather than the built-in data.
 */
function notable(b: CalendarBasis): boolean {
  return b.kind !== 'data' || b.published !== undefined;
}

/**
 * Adds to `trace` where `calendar`'s working days for the local dates `[from, to]` come from: one
 * entry per calendar year — `zhidu.calendar.data` naming the notice used (and when it was
 * published), `zhidu.calendar.provisional` naming a year computed provisionally from the statutory
 * holidays, or `zhidu.calendar.workweek` naming a year counted on the weekly pattern alone. Modules
 * that compute working-day deadlines call it so their decisions carry the same provenance as
 * {@link explainDeadline}. A calendar without `basis()` adds nothing.
 *
 * @param trace - the trace to add to
 * @param calendar - the working-day calendar the figures were computed on
 * @param from - the first local date the computation read (e.g. the start day)
 * @param to - the last local date it read (e.g. the due day); the order does not matter
 * @param options - `when: 'notable'` to stay silent for ordinary spans; `seen` to add each entry once
 * @returns every year's basis in the span (also those not traced), in year order
 * @throws ZhiduError `invalid_date` for a malformed date
 * @example
 * const trace = new Trace();
 * const cal = chinaCalendar({ outsideData: 'provisional' });
 * calendarBasisTrace(trace, cal, '2026-12-30', '2027-01-05', { when: 'notable' });
 * trace.entries.map((e) => e.rule); //=> ['zhidu.calendar.data', 'zhidu.calendar.provisional']
 * calendarBasisTrace(new Trace(), cal, '2026-03-02', '2026-03-05', { when: 'notable' }).length; //=> 1 (no entry added)
 */
export function calendarBasisTrace(
  trace: Trace,
  calendar: WorkCalendar,
  from: LocalDate,
  to: LocalDate,
  options: CalendarBasisTraceOptions = {},
): readonly CalendarBasis[] {
  if (!(trace instanceof Trace)) {
    throw new ZhiduError('invalid_input', ['trace'], '须为 Trace / trace must be a Trace');
  }
  if (calendar === null || typeof calendar !== 'object') {
    throw new ZhiduError(
      'invalid_input',
      ['calendar'],
      '日历须为 WorkCalendar / calendar must be a WorkCalendar',
    );
  }
  if (options === null || typeof options !== 'object') {
    throw new ZhiduError('invalid_input', ['options'], '选项须为对象 / options must be an object');
  }
  // A misspelt `whn` traced every year; a `when` of another value read as 'always'.
  expectKnownKeys(options, ['when', 'seen'], ['options']);
  if (options.when !== undefined && options.when !== 'always' && options.when !== 'notable')
    throw new ZhiduError(
      'invalid_input',
      ['options', 'when'],
      `when 须为 always 或 notable，收到 ${describeValue(options.when)} / when is always or notable, got ${describeValue(options.when)}`,
    );
  if (!calendar.basis) return [];
  const list = calendar.basis(from, to);
  if ((options.when ?? 'always') === 'notable' && !list.some(notable)) return list;
  for (const b of list) {
    if (options.seen) {
      const key = [b.year, b.kind, b.source ?? '', b.published ?? ''].join('\u0000');
      if (options.seen.has(key)) continue;
      options.seen.add(key);
    }
    basisEntry(trace, b);
  }
  return list;
}

/**
 * {@link deadline} with its reasons: the due instant, and a trace naming, for every year the limit
 * spans, where the calendar's working days come from — which notice was used, or that the year was
 * computed provisionally (the value then carries `provisional: true`).
 *
 * @param start - the triggering event's instant
 * @param spec - the limit
 * @param ctx - zone and working-day calendar
 * @returns a decision whose value is the deadline
 * @throws ZhiduError as {@link deadline}
 * @example
 * const d = explainDeadline('2026-12-30T10:00:00+08:00', { unit: 'workingDays', amount: 3 }, {
 *   calendar: chinaCalendar({ outsideData: 'provisional' }),
 * });
 * d.value.provisional; //=> true (2027 is beyond the data)
 * d.trace.map((t) => t.rule); //=> ['zhidu.deadline', 'zhidu.calendar.data', 'zhidu.calendar.provisional']
 */
export function explainDeadline(
  start: InstantInput,
  spec: DurationSpec,
  ctx?: TimeContext,
): Decision<Deadline> {
  const parsed = parseSpec(spec);
  const resolved = resolve(ctx);
  const due = computeDeadline(parsed, start, resolved);
  const trace = new Trace();
  trace.add(
    'zhidu.deadline',
    undefined,
    `期限届满于 ${formatInstant(due.at, { zone: resolved.zone, lang: 'zh-CN', showZone: true })}（${due.inclusive ? '含该时刻' : '不含该时刻'}）${due.provisional ? '，暂定' : ''}`,
    `due at ${formatInstant(due.at, { zone: resolved.zone, lang: 'en', showZone: true })} (${due.inclusive ? 'inclusive' : 'exclusive'})${due.provisional ? ', provisional' : ''}`,
    { start: toInstant(start, ['start']), spec: parsed, at: due.at, inclusive: due.inclusive },
  );
  if (resolved.calendar.basis && WORK_CALENDAR_UNITS.has(parsed.unit)) {
    const first = localDateOf(toEpochMs(start, ['start']), resolved.zone);
    calendarBasisTrace(trace, resolved.calendar, first, localDateOf(due.at, resolved.zone));
  }
  return trace.decide(due);
}

/**
 * Whether `actual` misses the deadline.
 *
 * @example
 * isLate({ at: '2025-02-05T15:59:59.999Z', inclusive: true }, '2025-02-05T15:59:59.999Z'); //=> false
 */
export function isLate(due: Deadline | InstantInput, actual: InstantInput): boolean {
  const d = normaliseDue(due);
  return missed(toEpochMs(d.at, ['due']), d.inclusive, toEpochMs(actual, ['actual']));
}

/** Whether `actualMs` falls after a due instant (or on it, when the due instant is exclusive). */
function missed(dueMs: number, inclusive: boolean, actualMs: number): boolean {
  return inclusive ? actualMs > dueMs : actualMs >= dueMs;
}

function normaliseDue(due: Deadline | InstantInput): Deadline {
  if (due === null)
    throw new ZhiduError('invalid_instant', ['due'], '须给出期限 / a due instant is required, got null');
  if (typeof due === 'object' && !(due instanceof Date)) {
    if (Array.isArray(due))
      throw new ZhiduError(
        'invalid_instant',
        ['due'],
        '期限须为 { at, inclusive } 或一个时刻，不能是数组 / a due is { at, inclusive } or an instant, got an array',
      );
    // A due without `inclusive` was read as exclusive (done on the due instant: late), and a string
    // 'false' as inclusive. Absent is the spec's default, inclusive; anything but a boolean is refused.
    const inclusive: unknown = due.inclusive;
    if (inclusive !== undefined && typeof inclusive !== 'boolean')
      throw new ZhiduError(
        'invalid_input',
        ['due', 'inclusive'],
        `inclusive 须为 true 或 false，收到 ${describeValue(inclusive)} / inclusive must be true or false, got ${describeValue(inclusive)}`,
      );
    return { at: toInstant(due.at, ['due', 'at']), inclusive: inclusive ?? true };
  }
  return { at: toInstant(due, ['due']), inclusive: true };
}

/** Units in which lateness is counted and fined. */
export const LatenessUnitSchema = z.enum([
  'minutes',
  'hours',
  'blocks24h',
  'calendarDays',
  'workingDays',
  'workingHours',
  'workingMinutes',
]);
/** A unit lateness is counted in. `blocks24h` is 每超24小时: each started 24-hour block counts. */
export type LatenessUnit = z.infer<typeof LatenessUnitSchema>;

/** How lateness is counted: the unit, and `ceil` (each started unit counts; default) or `floor`. */
export const LatenessSpecSchema = z.strictObject({
  unit: LatenessUnitSchema,
  rounding: z.enum(['ceil', 'floor']).optional(),
});
/** How lateness is counted. */
export type LatenessSpec = z.input<typeof LatenessSpecSchema>;

/** How late something was. `units` is 0 when on time. */
export interface Lateness {
  late: boolean;
  units: number;
  unit: LatenessUnit;
  ms: number;
}

const UNIT_MS: Partial<Record<LatenessUnit, number>> = {
  minutes: 60_000,
  hours: 3_600_000,
  blocks24h: 86_400_000,
};

/**
 * How late `actual` is against `due`, in the unit fines are charged in. With `ceil` (catalog
 * convention C3, the default) every started unit counts, and being late at all counts at least one.
 * A frozen `spec` whose properties are plain values (a compiled policy's parts are) is checked once
 * and remembered; any other spec is checked on every call.
 *
 * @param due - a deadline (or an instant, taken as inclusive)
 * @param actual - when the thing was done (or "now" if still not done)
 * @param spec - `{ unit: 'blocks24h' }`, `{ unit: 'workingDays', rounding: 'floor' }` …
 * @param ctx - zone and calendar for day-based units
 * @returns lateness with the unit count and the raw milliseconds
 * @example
 * // 100 CNY per started 24 hours: 25 hours late is 2 blocks
 * lateness('2025-03-01T00:00:00Z', '2025-03-02T01:00:00Z', { unit: 'blocks24h' });
 * //=> { late: true, units: 2, unit: 'blocks24h', ms: 90000000 }
 */
export function lateness(
  due: Deadline | InstantInput,
  actual: InstantInput,
  spec: LatenessSpec,
  ctx?: TimeContext,
): Lateness {
  const { unit, rounding } = readLatenessSpec(spec);
  const d = normaliseDue(due);
  const dueMs = toEpochMs(d.at);
  const actualMs = toEpochMs(actual, ['actual']);
  const late = missed(dueMs, d.inclusive, actualMs);
  const ms = Math.max(0, actualMs - dueMs);
  if (!late) return { late, units: 0, unit, ms: 0 };
  const { zone, calendar } = resolve(ctx);
  let raw: number;
  const per = UNIT_MS[unit];
  try {
    if (per !== undefined) raw = ms / per;
    else if (unit === 'calendarDays')
      raw = daysBetween(localDateOf(dueMs, zone), localDateOf(actualMs, zone));
    else if (unit === 'workingDays')
      raw = calendar.workdaysBetween(localDateOf(dueMs, zone), localDateOf(actualMs, zone));
    else if (unit === 'workingHours') raw = calendar.businessTimeBetween(dueMs, actualMs) / 60;
    else raw = calendar.businessTimeBetween(dueMs, actualMs);
  } catch (e) {
    throw atCalendar(e);
  }
  const units = rounding === 'ceil' ? Math.max(1, Math.ceil(raw)) : Math.floor(raw);
  return { late, units, unit, ms };
}

/** A lateness spec read and checked, with its rounding defaulted. */
interface ReadLatenessSpec {
  readonly unit: LatenessUnit;
  readonly rounding: 'ceil' | 'floor';
}

/**
 * Specs already checked, for frozen specs whose own properties are all data properties (a policy's
 * compiled parts are deep-frozen): such a spec cannot change, so it is checked once, not per call.
 */
const CHECKED_SPECS = new WeakMap<object, ReadLatenessSpec>();

/** Checks a lateness spec as `LatenessSpecSchema` does (same refusals), once per frozen spec object. */
function readLatenessSpec(spec: LatenessSpec): ReadLatenessSpec {
  const cacheable = typeof spec === 'object' && spec !== null;
  if (cacheable) {
    const hit = CHECKED_SPECS.get(spec);
    if (hit !== undefined) return hit;
  }
  const parsed = LatenessSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const e = zodIssuesToError(parsed.error.issues, ['spec'], LatenessSpecSchema, spec);
    if (e.code === 'unknown_key') throw e;
    // At the field that is wrong (a `rounding: 'round'` was reported as an unknown unit at the spec).
    const field = e.path[1];
    const message =
      field === 'unit'
        ? `未知的逾期计量单位 ${describeValue((spec as { unit?: unknown }).unit)}（可选 ${LatenessUnitSchema.options.join('、')}） / unknown lateness unit ${describeValue((spec as { unit?: unknown }).unit)} (one of ${LatenessUnitSchema.options.join(', ')})`
        : field === 'rounding'
          ? `取整方式须为 ceil 或 floor，收到 ${describeValue((spec as { rounding?: unknown }).rounding)} / rounding is ceil or floor, got ${describeValue((spec as { rounding?: unknown }).rounding)}`
          : `逾期计量须为 { unit, rounding? }，收到 ${describeValue(spec)} / lateness is counted by { unit, rounding? }, got ${describeValue(spec)}`;
    throw new ZhiduError('invalid_duration', e.path, message);
  }
  const read: ReadLatenessSpec = Object.freeze({
    unit: parsed.data.unit,
    rounding: parsed.data.rounding ?? 'ceil',
  });
  if (cacheable && frozenThrough(spec)) CHECKED_SPECS.set(spec, read);
  return read;
}
