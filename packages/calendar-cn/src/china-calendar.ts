import {
  addDays,
  assertLocalDate,
  type BusinessHoursInput,
  type CalendarBasis,
  type DayOverride,
  DEFAULT_ZONE,
  defineCalendar,
  describeValue,
  errorAt,
  expectKnownKeys,
  isZhiduError,
  type LocalDate,
  parseInput,
  type WorkCalendar,
  weekdayOf,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { LUNAR_HOLIDAYS, PROVISIONAL_SOURCE } from './data/provisional.js';
import { SOURCE, STATUTORY_YEARS } from './data/statutory.js';
import { type CompanyDays, CompanyDaysSchema, type YearNotice, YearNoticeSchema } from './notice.js';

/** Options for {@link chinaCalendar}. */
export interface ChinaCalendarOptions {
  /** Business hours; default 09:00–18:00 with a 12:00–13:00 lunch break. */
  hours?: BusinessHoursInput;
  /**
   * What to do for a date no loaded notice covers:
   * - `'error'` (default) refuses with `calendar_out_of_range`, naming the missing year and the ways out;
   * - `'provisional'` computes on the holidays the law fixes in advance (元旦, 春节 除夕–正月初三, 清明,
   *   劳动节 1–2 May, 端午, 中秋, 国庆 1–3 October) on top of Mon–Fri, without the make-up swaps only the
   *   annual notice sets — deadlines come back with `provisional: true`; for years after the data only
   *   (the 2024 amendment), up to {@link PROVISIONAL_LAST_YEAR};
   * - `'weekdays'` treats the date as plain Mon–Fri (deadlines are flagged provisional too).
   */
  outsideData?: 'error' | 'weekdays' | 'provisional';
  /**
   * Holiday notices loaded from files ({@link NoticeFileSchema}) or published after this release. A
   * notice for a year already loaded supersedes it only when its `published` date is newer; one for a
   * built-in year replaces the bundled table (a correction).
   */
  notices?: readonly YearNotice[];
  /** The former name of `notices`; both are read. */
  extraYears?: readonly YearNotice[];
  /** A company's own closures and extra workdays ({@link CompanyDaysSchema}); the newer file wins a date. */
  companyDays?: readonly CompanyDays[];
  /** Company-specific days layered on top of everything else (closures, short days, extra workdays). */
  overrides?: Record<LocalDate, DayOverride>;
  /** Zone for business hours; default Asia/Shanghai. */
  zone?: string;
}

/** The last year `outsideData: 'provisional'` can compute (the end of the generated lunar table). */
export const PROVISIONAL_LAST_YEAR: number = LUNAR_HOLIDAYS[LUNAR_HOLIDAYS.length - 1]?.[0] ?? 2099;

/** What the provisional holidays rest on, as named in traces. */
export const PROVISIONAL_BASIS = '《全国年节及纪念日放假办法》（2024年修订）第二条';

const OptionsSchema = z.strictObject({
  outsideData: z.enum(['error', 'weekdays', 'provisional']).default('error'),
  notices: z.array(YearNoticeSchema).default([]),
  extraYears: z.array(YearNoticeSchema).default([]),
  companyDays: z.array(CompanyDaysSchema).default([]),
});

type ParsedNotice = z.output<typeof YearNoticeSchema>;
/** A notice in effect for its year; `builtIn` for the bundled table. */
interface LoadedNotice extends ParsedNotice {
  builtIn: boolean;
}

let builtInYears: Map<number, LoadedNotice> | undefined;

function builtIn(): Map<number, LoadedNotice> {
  builtInYears ??= new Map(
    STATUTORY_YEARS.map((y) => [
      y.year,
      {
        ...y,
        source: y.source ?? `国务院办公厅${y.year}年部分节假日安排（内置数据 ${SOURCE}）`,
        builtIn: true,
      },
    ]),
  );
  return builtInYears;
}

function sameDays(a: ParsedNotice, b: ParsedNotice): boolean {
  const key = (n: ParsedNotice) =>
    JSON.stringify([Object.entries(n.holidays).sort(), Object.entries(n.makeUpWorkdays).sort()]);
  return key(a) === key(b);
}

/**
 * The notice in effect per year: built-in data, then each loaded notice in turn. A loaded notice
 * replaces a built-in year; between loaded notices the newer `published` date wins (an undated one
 * never supersedes a dated one, and two undated ones: the later in the list). Two notices published
 * the same day for the same year that disagree are refused: which one is right cannot be told.
 */
function resolveNotices(
  extra: readonly { notice: ParsedNotice; path: (string | number)[] }[],
): Map<number, LoadedNotice> {
  if (extra.length === 0) return builtIn();
  const years = new Map(builtIn());
  for (const { notice: n, path } of extra) {
    const current = years.get(n.year);
    const next: LoadedNotice = { ...n, builtIn: false };
    if (!current || current.builtIn || current.published === undefined) {
      years.set(n.year, next);
      continue;
    }
    if (n.published === undefined) continue;
    if (n.published > current.published) years.set(n.year, next);
    else if (n.published === current.published && !sameDays(n, current)) {
      const a = current.source ?? '?';
      const b = n.source ?? '?';
      // Two titles, or the one title both carry (the days differ, not the names).
      const zh = a === b ? `两份都题为「${a}」` : `「${a}」与「${b}」`;
      const en = a === b ? `both titled "${a}"` : `"${a}" and "${b}"`;
      throw new ZhiduError(
        'duplicate',
        [...path, 'published'],
        `${n.year} 年有两份同日（${n.published}）发布但内容不同的通知：${zh}，无法判断以哪份为准 / two different notices for ${n.year} were published on the same day (${n.published}): ${en}; which one applies cannot be told`,
      );
    }
  }
  return years;
}

/**
 * The holidays 《全国年节及纪念日放假办法》 (as amended in 2024, in force from 2025) fixes in advance
 * for `year`, without the make-up swaps (调休) and compensatory days only the annual notice sets:
 * 元旦 1 January, 春节 除夕 to 正月初三, 清明 on the solar term, 劳动节 1–2 May, 端午, 中秋, 国庆 1–3 October.
 *
 * @param year - 2025 to {@link PROVISIONAL_LAST_YEAR}
 * @returns date → festival name
 * @throws ZhiduError `calendar_out_of_range` for a year outside the generated table
 * @example
 * provisionalHolidays(2027)['2027-02-05']; //=> '春节' (除夕)
 */
export function provisionalHolidays(year: number): Record<LocalDate, string> {
  if (!Number.isInteger(year)) {
    throw new ZhiduError(
      'invalid_input',
      ['year'],
      `年份须为整数 / year must be an integer, got ${describeValue(year)}`,
    );
  }
  const row = LUNAR_HOLIDAYS.find((r) => r[0] === year);
  if (!row) {
    throw new ZhiduError(
      'calendar_out_of_range',
      ['year'],
      `暂定节日表只覆盖 ${LUNAR_HOLIDAYS[0]?.[0]}–${PROVISIONAL_LAST_YEAR} 年，不含 ${year} 年 / the provisional holiday table covers ${LUNAR_HOLIDAYS[0]?.[0]}–${PROVISIONAL_LAST_YEAR}, not ${year}`,
    );
  }
  const [, eve, qingming, duanwu, midAutumn] = row;
  const out: Record<LocalDate, string> = {};
  const put = (date: LocalDate, name: string) => {
    out[date] = out[date] ? `${out[date]}、${name}` : name;
  };
  put(`${year}-01-01`, '元旦');
  for (let i = 0; i < 4; i++) put(addDays(eve, i), '春节');
  put(qingming, '清明');
  put(`${year}-05-01`, '劳动节');
  put(`${year}-05-02`, '劳动节');
  put(duanwu, '端午');
  for (const d of ['10-01', '10-02', '10-03']) put(`${year}-${d}`, '国庆节');
  put(midAutumn, '中秋');
  return Object.fromEntries(Object.entries(out).sort());
}

/** The refusal for a date outside what the options can answer: the missing year and the ways out. */
function outOfRange(first: number, last: number, mode: 'error' | 'provisional') {
  return (date: LocalDate): string => {
    const year = Number(date.slice(0, 4));
    if (year < first) {
      return `zhidu 不含 ${first} 年以前的放假安排（${date}）：请通过 chinaCalendar({ notices }) 或 zhidu calendar import 载入 ${year} 年的通知，或选择 outsideData: 'weekdays' 按周一至周五计算 / zhidu has no holiday data before ${first} (${date}): load the ${year} notice with chinaCalendar({ notices }) or \`zhidu calendar import\`, or opt in to plain Mon–Fri with outsideData: 'weekdays'`;
    }
    if (mode === 'provisional') {
      return `暂定计算只到 ${PROVISIONAL_LAST_YEAR} 年，${year} 年（${date}）没有通知也无法暂定：请载入该年通知，或选择 outsideData: 'weekdays' / provisional dates end in ${PROVISIONAL_LAST_YEAR}; ${year} (${date}) has no notice and cannot be computed provisionally: load its notice or opt in to outsideData: 'weekdays'`;
    }
    return `${year} 年的放假通知尚未载入（${date}；已有数据 ${first}–${last} 年）。可任选其一：① 载入该年通知：chinaCalendar({ notices: [...] }) 或 zhidu calendar import <文件>；② outsideData: 'provisional'：按法定节日暂定计算（不含调休），结果标记为暂定；③ outsideData: 'weekdays'：按周一至周五计算 / no holiday notice for ${year} is loaded (${date}; data covers ${first}–${last}). Three ways out: (1) load that year's notice with chinaCalendar({ notices: [...] }) or \`zhidu calendar import <file>\`; (2) outsideData: 'provisional' — statutory holidays without make-up swaps, marked provisional; (3) outsideData: 'weekdays' — plain Mon–Fri`;
  };
}

/**
 * The PRC statutory working-day calendar: Monday–Friday, minus the public holidays of each year's
 * State Council notice, plus the weekend make-up workdays (调休补班) the notice adds. Built-in data
 * covers every year with a published notice in the bundled table (see {@link statutoryCoverage});
 * load a newly published year with `notices` (e.g. from a file in the {@link NoticeFileSchema}
 * format), or choose what happens beyond the data with `outsideData`. `basis()` names, per year, the
 * notice used or the provisional basis.
 *
 * @param options - business hours, behaviour outside the data, notices, company days and overrides
 * @returns a WorkCalendar whose day counts run in O(log n)
 * @throws ZhiduError `invalid_input` for malformed notices or options, `duplicate` for two different
 *   notices for one year published the same day
 * @example
 * const cal = chinaCalendar();
 * cal.isWorkday('2025-01-26');        //=> true  (Sunday, make-up workday before Spring Festival)
 * cal.addWorkdays('2025-01-24', 1);   //=> '2025-01-26'
 * cal.addWorkdays('2025-09-30', 3);   //=> '2025-10-11' (National Day week, then the make-up Saturday)
 * chinaCalendar({ outsideData: 'provisional' }).addWorkdays('2026-12-30', 3); //=> '2027-01-05' (元旦 off)
 */
export function chinaCalendar(options: ChinaCalendarOptions = {}): WorkCalendar {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      `选项须为对象 / options must be an object, got ${describeValue(options)}`,
    );
  }
  // The default calendar is immutable and costs a few milliseconds to build: share one instance.
  if (Object.keys(options).length === 0) {
    defaultCalendar ??= buildChinaCalendar(options);
    return defaultCalendar;
  }
  return buildChinaCalendar(options);
}

let defaultCalendar: WorkCalendar | undefined;

function parseOptions(options: ChinaCalendarOptions) {
  // The options are read by name below: any other key (a misspelt `outsidedata`) is refused first.
  expectKnownKeys(
    options,
    ['hours', 'outsideData', 'notices', 'extraYears', 'companyDays', 'overrides', 'zone'],
    ['options'],
  );
  return parseInput(
    OptionsSchema,
    {
      outsideData: options.outsideData,
      notices: options.notices,
      extraYears: options.extraYears,
      companyDays: options.companyDays,
    },
    ['options'],
  );
}

function loadedYears(opts: ReturnType<typeof parseOptions>): Map<number, LoadedNotice> {
  // extraYears first: a dated notice in `notices` then supersedes an undated correction.
  return resolveNotices([
    ...opts.extraYears.map((notice, i) => ({ notice, path: ['options', 'extraYears', i] })),
    ...opts.notices.map((notice, i) => ({ notice, path: ['options', 'notices', i] })),
  ]);
}

function buildChinaCalendar(options: ChinaCalendarOptions): WorkCalendar {
  const opts = parseOptions(options);
  const years = loadedYears(opts);
  const numbers = [...years.keys()].sort((a, b) => a - b);
  const first = numbers[0] ?? 2004;
  const last = numbers[numbers.length - 1] ?? first;
  for (let y = first; y <= last; y++) {
    if (!years.has(y)) {
      throw new ZhiduError(
        'invalid_input',
        ['options', opts.notices.length > 0 ? 'notices' : 'extraYears'],
        `缺少 ${y} 年的通知：载入的年份必须连续 / the notice for ${y} is missing: registered years must be contiguous`,
      );
    }
  }
  const overrides: Record<string, DayOverride> = {};
  const basis: CalendarBasis[] = [];
  for (const notice of years.values()) {
    for (const [date, name] of Object.entries(notice.holidays))
      overrides[date] = { workday: false, note: name };
    for (const [date, name] of Object.entries(notice.makeUpWorkdays))
      overrides[date] = { workday: true, note: `${name}调休补班` };
    basis.push({
      year: notice.year,
      kind: 'data',
      ...(notice.source === undefined ? {} : { source: notice.source }),
      ...(notice.published === undefined ? {} : { published: notice.published }),
    });
  }
  let to = last;
  if (opts.outsideData === 'provisional') {
    for (let y = Math.max(last + 1, LUNAR_HOLIDAYS[0]?.[0] ?? last + 1); y <= PROVISIONAL_LAST_YEAR; y++) {
      for (const [date, name] of Object.entries(provisionalHolidays(y)))
        overrides[date] = { workday: false, note: `${name}（暂定）` };
      basis.push({ year: y, kind: 'provisional', source: PROVISIONAL_BASIS });
      to = y;
    }
  }
  const company = [...opts.companyDays].sort((a, b) => a.published.localeCompare(b.published));
  for (const file of company) for (const [date, o] of Object.entries(file.days)) overrides[date] = o;
  for (const [date, o] of Object.entries(options.overrides ?? {})) overrides[date] = o;
  // The zone, hours and overrides are the caller's options: a refusal of one names it there (it was
  // at `calendar.zone`, a path the caller never wrote).
  return atOptions(() =>
    defineCalendar(
      {
        zone: options.zone ?? DEFAULT_ZONE,
        ...(options.hours === undefined ? {} : { hours: options.hours }),
        overrides,
        coverage: {
          from: `${first}-01-01`,
          to: `${to}-12-31`,
          outside: opts.outsideData === 'weekdays' ? 'workweek' : 'error',
        },
      },
      {
        years: basis,
        outOfRangeMessage: outOfRange(
          first,
          last,
          opts.outsideData === 'provisional' ? 'provisional' : 'error',
        ),
      },
    ),
  );
}

/** Runs `build`, moving a refusal of the calendar's `zone`, `hours` or `overrides` under `options`. */
function atOptions<T>(build: () => T): T {
  try {
    return build();
  } catch (e) {
    const head = isZhiduError(e) && e.path[0] === 'calendar' ? e.path[1] : undefined;
    if (isZhiduError(e) && (head === 'zone' || head === 'hours' || head === 'overrides'))
      throw errorAt(e, ['options', ...e.path.slice(1)]);
    throw e;
  }
}

/** One year's schedule as {@link yearSchedule} lists it. */
export interface YearSchedule {
  year: number;
  /** Where the dates come from: the notice in effect, or the provisional basis. */
  basis: CalendarBasis;
  /** Days off: date → festival name. */
  holidays: Record<LocalDate, string>;
  /** Weekend days worked in exchange (调休补班); always empty for a provisional year. */
  makeUpWorkdays: Record<LocalDate, string>;
}

/**
 * The holidays and make-up workdays of one year: from the notice in effect (built-in or loaded), or
 * — only with `outsideData: 'provisional'` — the provisional statutory holidays.
 *
 * @param year - the calendar year
 * @param options - `notices` to consult and `outsideData`, as for {@link chinaCalendar}
 * @returns the schedule with its basis
 * @throws ZhiduError `calendar_out_of_range` when no notice covers the year and it cannot be computed provisionally
 * @example
 * yearSchedule(2025).holidays['2025-01-28']; //=> '春节'
 * yearSchedule(2027, { outsideData: 'provisional' }).basis.kind; //=> 'provisional'
 */
export function yearSchedule(
  year: number,
  options: Pick<ChinaCalendarOptions, 'notices' | 'extraYears' | 'outsideData'> = {},
): YearSchedule {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new ZhiduError(
      'invalid_input',
      ['year'],
      `年份须为四位整数 / year must be a four-digit integer, got ${describeValue(year)}`,
    );
  }
  const opts = parseOptions(options);
  const years = loadedYears(opts);
  const notice = years.get(year);
  if (notice) {
    return {
      year,
      basis: {
        year,
        kind: 'data',
        ...(notice.source === undefined ? {} : { source: notice.source }),
        ...(notice.published === undefined ? {} : { published: notice.published }),
      },
      holidays: { ...notice.holidays },
      makeUpWorkdays: { ...notice.makeUpWorkdays },
    };
  }
  const numbers = [...years.keys()];
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  if (opts.outsideData === 'provisional' && year > last && year <= PROVISIONAL_LAST_YEAR) {
    return {
      year,
      basis: { year, kind: 'provisional', source: PROVISIONAL_BASIS },
      holidays: provisionalHolidays(year),
      makeUpWorkdays: {},
    };
  }
  if (opts.outsideData === 'weekdays') {
    return { year, basis: { year, kind: 'workweek' }, holidays: {}, makeUpWorkdays: {} };
  }
  throw new ZhiduError(
    'calendar_out_of_range',
    ['year'],
    outOfRange(first, last, opts.outsideData === 'provisional' ? 'provisional' : 'error')(`${year}-01-01`),
  );
}

/** Where the provisional lunar dates come from (the generated table's source). */
export const PROVISIONAL_TABLE_SOURCE = PROVISIONAL_SOURCE;

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
  const notice = resolveNotices(
    parseInput(z.array(YearNoticeSchema), extraYears, ['extraYears']).map((notice, i) => ({
      notice,
      path: ['extraYears', i],
    })),
  ).get(Number(date.slice(0, 4)));
  if (!notice) {
    const numbers = [...builtIn().keys()];
    throw new ZhiduError(
      'calendar_out_of_range',
      ['date'],
      outOfRange(Math.min(...numbers), Math.max(...numbers), 'error')(date),
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
