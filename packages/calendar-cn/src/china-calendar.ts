import {
  assertLocalDate,
  type BusinessHoursInput,
  type DayOverride,
  DEFAULT_ZONE,
  defineCalendar,
  type LocalDate,
  parseInput,
  type WorkCalendar,
  weekdayOf,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { SOURCE, STATUTORY_YEARS } from './data/statutory.js';
import { type YearNotice, YearNoticeSchema } from './notice.js';

/** Options for {@link chinaCalendar}. */
export interface ChinaCalendarOptions {
  /** Business hours; default 09:00–18:00 with a 12:00–13:00 lunch break. */
  hours?: BusinessHoursInput;
  /**
   * What to do for a date no published notice covers: `'error'` (default) refuses with
   * `calendar_out_of_range` — a holiday is never guessed; `'weekdays'` treats it as plain Mon–Fri.
   */
  outsideData?: 'error' | 'weekdays';
  /** Notices published after this release (or corrections): they replace a built-in year of the same number. */
  extraYears?: readonly YearNotice[];
  /** Company-specific days layered on top (closures, short days, extra workdays). */
  overrides?: Record<LocalDate, DayOverride>;
  /** Zone for business hours; default Asia/Shanghai. */
  zone?: string;
}

const OptionsSchema = z.object({
  outsideData: z.enum(['error', 'weekdays']).default('error'),
  extraYears: z.array(YearNoticeSchema).default([]),
});

let builtInYears: Map<number, YearNotice> | undefined;

function yearsWith(extra: readonly YearNotice[]): Map<number, YearNotice> {
  // The built-in table never changes: build its index once (statutoryDay asks on every call).
  if (extra.length === 0) {
    builtInYears ??= new Map(STATUTORY_YEARS.map((y) => [y.year, y]));
    return builtInYears;
  }
  const years = new Map<number, YearNotice>();
  for (const y of STATUTORY_YEARS) years.set(y.year, y);
  for (const y of extra) years.set(y.year, y);
  return years;
}

/**
 * The PRC statutory working-day calendar: Monday–Friday, minus the public holidays of each year's
 * State Council notice, plus the weekend make-up workdays (调休补班) the notice adds. Built-in data
 * covers every year with a published notice in the bundled table (see {@link statutoryCoverage});
 * register a newly published year with `extraYears`.
 *
 * @param options - business hours, behaviour outside the data, extra years, company overrides
 * @returns a WorkCalendar whose day counts run in O(log n)
 * @throws ZhiduError `invalid_input` for malformed notices or options
 * @example
 * const cal = chinaCalendar();
 * cal.isWorkday('2025-01-26');        //=> true  (Sunday, make-up workday before Spring Festival)
 * cal.addWorkdays('2025-01-24', 1);   //=> '2025-01-26'
 * cal.addWorkdays('2025-09-30', 3);   //=> '2025-10-11' (National Day week, then the make-up Saturday)
 */
export function chinaCalendar(options: ChinaCalendarOptions = {}): WorkCalendar {
  // The default calendar is immutable and costs a few milliseconds to build: share one instance.
  if (Object.keys(options).length === 0) {
    defaultCalendar ??= buildChinaCalendar(options);
    return defaultCalendar;
  }
  return buildChinaCalendar(options);
}

let defaultCalendar: WorkCalendar | undefined;

function buildChinaCalendar(options: ChinaCalendarOptions): WorkCalendar {
  const opts = parseInput(
    OptionsSchema,
    { outsideData: options.outsideData, extraYears: options.extraYears },
    ['options'],
  );
  const years = yearsWith(opts.extraYears);
  const numbers = [...years.keys()].sort((a, b) => a - b);
  const first = numbers[0] ?? 2004;
  const last = numbers[numbers.length - 1] ?? first;
  for (let y = first; y <= last; y++) {
    if (!years.has(y)) {
      throw new ZhiduError(
        'invalid_input',
        ['options', 'extraYears'],
        `the notice for ${y} is missing: registered years must be contiguous`,
      );
    }
  }
  const overrides: Record<string, DayOverride> = {};
  for (const notice of years.values()) {
    for (const [date, name] of Object.entries(notice.holidays))
      overrides[date] = { workday: false, note: name };
    for (const [date, name] of Object.entries(notice.makeUpWorkdays))
      overrides[date] = { workday: true, note: `${name}调休补班` };
  }
  for (const [date, o] of Object.entries(options.overrides ?? {})) overrides[date] = o;
  return defineCalendar({
    zone: options.zone ?? DEFAULT_ZONE,
    ...(options.hours === undefined ? {} : { hours: options.hours }),
    overrides,
    coverage: {
      from: `${first}-01-01`,
      to: `${last}-12-31`,
      outside: opts.outsideData === 'error' ? 'error' : 'workweek',
    },
  });
}

/** What kind of day a date is under the statutory schedule. */
export interface StatutoryDay {
  date: LocalDate;
  workday: boolean;
  kind: 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';
  /** The festival's name for holidays and make-up workdays, e.g. 春节. */
  name?: string;
}

/**
 * Classifies a date under the built-in statutory data — handy for explaining a deadline in a trace.
 *
 * @param date - a local date
 * @param extraYears - notices to consult besides the built-in ones
 * @returns the day's kind and festival name
 * @throws ZhiduError `calendar_out_of_range` when no notice covers the date's year
 * @example
 * statutoryDay('2025-10-11'); //=> { date: '2025-10-11', workday: true, kind: 'makeUpWorkday', name: '国庆节' }
 */
export function statutoryDay(date: LocalDate, extraYears: readonly YearNotice[] = []): StatutoryDay {
  assertLocalDate(date, ['date']);
  const notice = yearsWith(extraYears).get(Number(date.slice(0, 4)));
  if (!notice) {
    throw new ZhiduError(
      'calendar_out_of_range',
      ['date'],
      `no holiday notice for ${date.slice(0, 4)} is registered`,
    );
  }
  const holiday = notice.holidays[date];
  if (holiday !== undefined) return { date, workday: false, kind: 'holiday', name: holiday };
  const makeUp = notice.makeUpWorkdays[date];
  if (makeUp !== undefined) return { date, workday: true, kind: 'makeUpWorkday', name: makeUp };
  const weekend = weekdayOf(date) >= 6;
  return { date, workday: !weekend, kind: weekend ? 'weekend' : 'workday' };
}

/**
 * The years the built-in data covers and where it comes from.
 *
 * @example
 * statutoryCoverage(); //=> { from: 2004, to: 2026, source: 'chinese-days@1.5.7' }
 */
export function statutoryCoverage(): { from: number; to: number; source: string } {
  const years = STATUTORY_YEARS.map((y) => y.year);
  return { from: Math.min(...years), to: Math.max(...years), source: SOURCE };
}
