import {
  addDays,
  addMonthsClamped,
  calendarBasisTrace,
  type Decision,
  type EvalContext,
  type LocalDate,
  LocalDateSchema,
  localDateOf,
  localTimeOf,
  parseInput,
  Trace,
  toEpochDay,
  weekdayOf,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, requireSection } from '../shared.js';
import { ActivitySchema, type Frequency, type PeriodUnit, PeriodUnitSchema } from './frequency-schema.js';

/** A period unit as Chinese text says it after 每 (每日, 每周, 每半年 …). */
const PERIOD_ZH: Record<PeriodUnit, string> = {
  day: '日',
  week: '周',
  month: '月',
  quarter: '季度',
  halfYear: '半年',
  year: '年',
};

/** Compliance of one period (and scope) with a minimum frequency. */
export type FrequencyResult = {
  period: string;
  scope: string | null;
  count: number;
  /** null when the regulation leaves the minimum blank. */
  required: number | null;
  /** null when not evaluated (non-working day) or the minimum is unspecified. */
  met: boolean | null;
  status: 'met' | 'notMet' | 'notEvaluated' | 'unspecified';
  /**
   * Set (to `true`) on a working-days-only day whose workday status was answered by the calendar
   * beyond its data (provisionally from the statutory holidays, or Mon–Fri alone): recheck it when
   * the year's notice is loaded. Absent otherwise.
   */
  provisional?: true;
};

/**
 * Label of the calendar period containing a date: `2024-03-05` (day), the Monday of its week,
 * `2024-03`, `2024-Q1`, `2024-H1`, `2024`.
 *
 * @param date - local date
 * @param unit - period unit
 * @returns the period label
 * @throws ZhiduError `invalid_input` / `invalid_date` when `date` is not a `YYYY-MM-DD` date or `unit`
 *   not a period unit; `invalid_input` for a week starting before the year 1000 (1000-01-01 … 01-05)
 * @example
 * periodOf('2024-08-15', 'halfYear'); //=> '2024-H2'
 */
export function periodOf(date: LocalDate, unit: PeriodUnit): string {
  parseInput(LocalDateSchema, date, ['date']);
  parseInput(PeriodUnitSchema, unit, ['unit']);
  return periodLabel(date, unit);
}

/** The first day zhidu's dates reach. */
const FIRST_DAY = toEpochDay('1000-01-01');

/**
 * The Monday of a date's week. The week of 1000-01-01 … 1000-01-05 (a Wednesday to a Sunday) starts
 * in the year 999, which no zhidu date reaches: refused with `invalid_input` at `path` (it was
 * `invalid_date` at `[1]`, a path naming nothing of the input).
 */
function weekStart(date: LocalDate, path: (string | number)[] = ['date']): LocalDate {
  const back = weekdayOf(date) - 1;
  if (toEpochDay(date) - back < FIRST_DAY)
    throw new ZhiduError(
      'invalid_input',
      path,
      `${date} 所在的周始于 1000 年之前，无法按周统计 / the week of ${date} starts before the year 1000 and cannot be counted by week`,
    );
  return addDays(date, -back);
}

/** {@link periodOf} of a date and unit already validated (the range walk labels every period). */
function periodLabel(date: LocalDate, unit: PeriodUnit): string {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  switch (unit) {
    case 'day':
      return date;
    case 'week':
      return weekStart(date);
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${y}-Q${Math.ceil(m / 3)}`;
    case 'halfYear':
      return `${y}-H${m <= 6 ? 1 : 2}`;
    case 'year':
      return y;
  }
}

function periodStart(date: LocalDate, unit: PeriodUnit): LocalDate {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  switch (unit) {
    case 'day':
      return date;
    case 'week':
      return weekStart(date);
    case 'month':
      return `${date.slice(0, 7)}-01`;
    case 'quarter':
      return `${y}-${String((Math.ceil(m / 3) - 1) * 3 + 1).padStart(2, '0')}-01`;
    case 'halfYear':
      return `${y}-${m <= 6 ? '01' : '07'}-01`;
    case 'year':
      return `${y}-01-01`;
  }
}

/** The last day zhidu's dates reach: no period starts after it. */
const LAST_DAY = toEpochDay('9999-12-31');

/**
 * The first day of the period after the one starting on `start`, or `undefined` when it would start
 * after 9999-12-31 (a range ending in the year 9999 has no next period; stepping to it was refused
 * with `invalid_date`).
 */
function nextPeriod(start: LocalDate, unit: PeriodUnit): LocalDate | undefined {
  const months = { day: 0, week: 0, month: 1, quarter: 3, halfYear: 6, year: 12 }[unit];
  if (months === 0) {
    if (toEpochDay(start) + (unit === 'day' ? 1 : 7) > LAST_DAY) return undefined;
  } else if (start.startsWith('9999-') && Number(start.slice(5, 7)) + months > 12) return undefined;
  switch (unit) {
    case 'day':
      return addDays(start, 1);
    case 'week':
      return addDays(start, 7);
    case 'month':
      return addMonthsClamped(start, 1);
    case 'quarter':
      return addMonthsClamped(start, 3);
    case 'halfYear':
      return addMonthsClamped(start, 6);
    case 'year':
      return addMonthsClamped(start, 12);
  }
}

/**
 * The most scopes a frequency range may list (`range.scopes`: floors, partners … reported even with
 * no activity), and the most distinct scopes a per-scope check reports (the listed ones and the
 * `scopeId`s of the activities it counts, together). Each is a row in every period of the range, so
 * they are bounded like a policy's lists: 1,000 is far beyond any building or partner list; a longer
 * list is refused at once, before its entries are parsed, and a check whose activities bring one
 * scope too many is refused when that activity is counted, before any row is made.
 */
export const MAX_FREQUENCY_SCOPES = 1000;

/**
 * The refusal of a per-scope check whose activities bring the distinct scopes (with `range.scopes`)
 * past {@link MAX_FREQUENCY_SCOPES}: `invalid_input` at `activities`.
 */
function tooManyScopes(): ZhiduError {
  return new ZhiduError(
    'invalid_input',
    ['activities'],
    `最多 ${MAX_FREQUENCY_SCOPES} 个统计范围（range.scopes 与活动的 scopeId 合计） / at most ${MAX_FREQUENCY_SCOPES.toLocaleString('en')} distinct scopes in a frequency check (range.scopes and the activities' scopeId together)`,
  );
}

/** The range of `checkFrequency`: every period from `from` to `to` (local dates), optionally per scope. */
export const FrequencyRangeSchema = z
  .strictObject({
    from: LocalDateSchema,
    to: LocalDateSchema,
    scopes: z
      .array(z.string())
      .max(MAX_FREQUENCY_SCOPES, {
        message: `最多 ${MAX_FREQUENCY_SCOPES} 个统计范围 / at most ${MAX_FREQUENCY_SCOPES.toLocaleString('en')} scopes in a frequency range`,
      })
      .optional(),
  })
  .refine((r) => r.from <= r.to, { message: 'from 不能晚于 to / from must not be after to', path: ['to'] });

/**
 * The longest range a frequency check covers, in days (a little over 100 years, as `sla.quota`):
 * every period of the range is a row, and a monthly check over the years 2024–9999 would be 95,000
 * rows.
 */
export const MAX_FREQUENCY_RANGE_DAYS = 36_600;

/**
 * Refuses a frequency range longer than {@link MAX_FREQUENCY_RANGE_DAYS} days (`invalid_input` at
 * `range.to`).
 */
function checkFrequencyRange(from: LocalDate, to: LocalDate): void {
  const days = toEpochDay(to) - toEpochDay(from) + 1;
  if (days > MAX_FREQUENCY_RANGE_DAYS)
    throw new ZhiduError(
      'invalid_input',
      ['range', 'to'],
      `频次检查区间最多 ${MAX_FREQUENCY_RANGE_DAYS} 天（约 100 年），${from} 至 ${to} 为 ${days} 天，请分段检查 / a frequency range covers at most ${MAX_FREQUENCY_RANGE_DAYS} days (about 100 years); ${from} to ${to} is ${days} days, split it`,
    );
}

/**
 * The most rows a frequency check makes: one per period and scope (periods × scopes). Each bound
 * alone still let their product grow: 1,000 scopes over 36,600 daily periods would be 36.6 million
 * rows. 100,000 rows (about 10 MB, a tenth of a second) keep every single-scope range (at most
 * 36,600 daily rows), 1,000 scopes over three months of days or eight years of months, 270 floors
 * over a year of days; a longer per-scope check is refused before any row is made, with
 * `invalid_input` at `range.to` (split the range).
 */
export const MAX_FREQUENCY_ROWS = 100_000;

/** How many periods of `unit` start from the period of `from` up to `to` (the walk's rows per scope). */
function periodCount(from: LocalDate, to: LocalDate, unit: PeriodUnit): number {
  const months = (d: LocalDate) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
  switch (unit) {
    case 'day':
      return toEpochDay(to) - toEpochDay(from) + 1;
    case 'week':
      return Math.floor((toEpochDay(to) - toEpochDay(weekStart(from))) / 7) + 1;
    case 'month':
      return months(to) - months(from) + 1;
    case 'quarter':
      return Math.floor(months(to) / 3) - Math.floor(months(from) / 3) + 1;
    case 'halfYear':
      return Math.floor(months(to) / 6) - Math.floor(months(from) / 6) + 1;
    case 'year':
      return Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1;
  }
}

/**
 * Refuses a check whose rows (periods × scopes) would pass {@link MAX_FREQUENCY_ROWS}
 * (`invalid_input` at `range.to`).
 */
function checkFrequencyRows(from: LocalDate, to: LocalDate, unit: PeriodUnit, scopes: number): void {
  const periods = periodCount(from, to, unit);
  const rows = periods * scopes;
  if (rows > MAX_FREQUENCY_ROWS)
    throw new ZhiduError(
      'invalid_input',
      ['range', 'to'],
      `频次检查最多 ${MAX_FREQUENCY_ROWS} 行（期间数 × 统计范围数），${from} 至 ${to} 为 ${periods} 个期间 × ${scopes} 个统计范围 = ${rows} 行，请分段检查 / a frequency check makes at most ${MAX_FREQUENCY_ROWS.toLocaleString('en')} rows (periods × scopes); ${from} to ${to} is ${periods.toLocaleString('en')} periods × ${scopes.toLocaleString('en')} scopes = ${rows.toLocaleString('en')} rows, split the range`,
    );
}

/** The activities `frequencyCheck` takes (one schema, built once). */
export const ActivitiesSchema = z.array(ActivitySchema);

/**
 * Checks a minimum-frequency requirement over every calendar period between `from` and `to`:
 * disinfection twice a month, 10 household revisits a month, a comprehensive satisfaction survey a
 * year, a senior visit to each A-class partner a year, cleaning 5 times a day per floor …
 *
 * @param key - frequency key in the policy
 * @param activities - what was done
 * @param range - `{ from, to, scopes? }`; `scopes` lists scopes to report even with zero activity (at
 *   most 1,000)
 * @param policy - a service policy with `frequencies`
 * @param ctx - evaluation context (zone, calendar for `workdaysOnly`)
 * @returns one result per period (and scope)
 * @throws ZhiduError `unknown_reference` for an unknown key, `invalid_input` for bad activities or range
 *   (at `range.to` for a range of more than 36,600 days, about 100 years: every period is a row, so
 *   split a longer check; at `range.from` for a weekly row whose first week starts before the year 1000;
 *   at `range.scopes` for more than 1,000 scopes, refused before they are read; at `activities` when a
 *   per-scope frequency's counted activities bring the distinct scopes, with `range.scopes`, past 1,000;
 *   at `range.to` when the rows, periods × scopes, would pass 100,000)
 * @example
 * const ctx = makeContext({ now: '2024-04-01T09:00:00+08:00', calendar: chinaCalendar() });
 * // Public areas are disinfected twice a month; March has one record.
 * const march = frequencyCheck(
 *   'disinfection',
 *   [{ activity: 'disinfection', at: '2024-03-05T10:00:00+08:00' }],
 *   { from: '2024-03-01', to: '2024-03-31' },
 *   s000PropertyCentrePolicy,
 *   ctx,
 * ).value;
 * march[0].count; //=> 1
 * march[0].met; //=> false
 */
export function frequencyCheck(
  key: string,
  activities: readonly z.input<typeof ActivitySchema>[],
  range: z.input<typeof FrequencyRangeSchema>,
  policy: ServicePolicy,
  ctx: EvalContext,
): Decision<FrequencyResult[]> {
  const f = frequencyNamed(policy, key);
  return frequencyParsed(
    f,
    parseInput(ActivitiesSchema, activities, ['activities']),
    parseInput(FrequencyRangeSchema, range, ['range']),
    ctx,
  );
}

/** The policy's frequency `key`, or `unknown_reference` at `key`. @internal */
export function frequencyNamed(policy: ServicePolicy, key: string): Frequency {
  const list = requireSection(paramsOf(policy).frequencies, 'frequencies');
  const f: Frequency | undefined = list.find((x) => x.key === key);
  if (!f)
    throw new ZhiduError(
      'unknown_reference',
      ['key'],
      `制度 ${policy.id} 中没有频次 "${key}" / no frequency "${key}" in policy ${policy.id}`,
    );
  return f;
}

/**
 * {@link frequencyCheck} on activities and a range its module has parsed already, for the frequency
 * `f` (one parse, not two; issue 21). @internal
 */
export function frequencyParsed(
  f: Frequency,
  acts: readonly z.output<typeof ActivitySchema>[],
  r: z.output<typeof FrequencyRangeSchema>,
  ctx: EvalContext,
): Decision<FrequencyResult[]> {
  const key = f.key;
  checkFrequencyRange(r.from, r.to);
  if (f.period === 'week') weekStart(r.from, ['range', 'from']);

  const buckets = new Map<string, Set<string> | number>();
  const scopesSeen = new Set<string>(r.scopes ?? []);
  acts.forEach((a, i) => {
    if (a.activity !== f.activity) return;
    if (!f.requiredTags.every((t) => a.tags?.includes(t))) return;
    if (f.window) {
      const t = localTimeOf(a.at, ctx.zone);
      if (t < f.window.from || t > f.window.to) return;
    }
    const date = a.covers ?? localDateOf(a.at, ctx.zone);
    if (date < r.from || date > r.to) return;
    const scope = f.perScope ? (a.scopeId ?? '') : '';
    if (f.perScope && !scopesSeen.has(scope)) {
      // Each distinct scope is a row in every period: bounded as range.scopes is.
      if (scopesSeen.size >= MAX_FREQUENCY_SCOPES) throw tooManyScopes();
      scopesSeen.add(scope);
    }
    const k = `${periodLabel(date, f.period)}\u0000${scope}`;
    if (f.distinctSubjects) {
      if (a.subjectId === undefined) {
        throw new ZhiduError(
          'invalid_input',
          ['activities', i, 'subjectId'],
          `"${key}" 按不同对象计数，须填写 subjectId / "${key}" counts distinct subjects; subjectId is required`,
        );
      }
      const set = buckets.get(k);
      if (set instanceof Set) set.add(a.subjectId);
      else buckets.set(k, new Set([a.subjectId]));
    } else buckets.set(k, ((buckets.get(k) as number | undefined) ?? 0) + 1);
  });

  const scopes = f.perScope ? [...scopesSeen].sort() : [''];
  checkFrequencyRows(r.from, r.to, f.period, scopes.length);
  const results: FrequencyResult[] = [];
  // Working-days-only counting reads the calendar: name its basis when beyond the data or on a dated notice.
  const basisTrace = new Trace();
  const beyond = new Set<string>();
  if (f.workdaysOnly && f.period === 'day') {
    const basis = calendarBasisTrace(basisTrace, ctx.calendar, r.from, r.to, { when: 'notable' });
    for (const b of basis) if (b.kind !== 'data') beyond.add(String(b.year).padStart(4, '0'));
  }
  for (
    let s: LocalDate | undefined = periodStart(r.from, f.period);
    s !== undefined && s <= r.to;
    s = nextPeriod(s, f.period)
  ) {
    const period = periodLabel(s, f.period);
    const skip = f.workdaysOnly && f.period === 'day' && !ctx.calendar.isWorkday(s);
    for (const scope of scopes) {
      const b = buckets.get(`${period}\u0000${scope}`);
      const count = b instanceof Set ? b.size : (b ?? 0);
      const status: FrequencyResult['status'] = skip
        ? 'notEvaluated'
        : f.min === null
          ? 'unspecified'
          : count >= f.min
            ? 'met'
            : 'notMet';
      results.push({
        period,
        scope: f.perScope ? scope : null,
        count,
        required: f.min,
        met: status === 'met' ? true : status === 'notMet' ? false : null,
        status,
        ...(beyond.has(period.slice(0, 4)) ? { provisional: true as const } : {}),
      });
    }
  }
  const failing = results.filter((x) => x.status === 'notMet').length;
  return {
    value: results,
    trace: [
      entry(
        f,
        f.min === null
          ? `${f.zh}:制度未规定次数,需另行设定`
          : `${f.zh}:每${PERIOD_ZH[f.period]}至少${f.min}次,${results.length}个期间中${failing}个未达标`,
        f.min === null
          ? `${f.en}: the regulation gives no minimum; configure one`
          : `${f.en}: at least ${f.min} per ${f.period}; ${failing} of ${results.length} periods short`,
        { key, min: f.min, period: f.period },
      ),
      ...basisTrace.entries,
    ],
  };
}
