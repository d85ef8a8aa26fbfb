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
 *   not a period unit
 * @example
 * periodOf('2024-08-15', 'halfYear'); //=> '2024-H2'
 */
export function periodOf(date: LocalDate, unit: PeriodUnit): string {
  parseInput(LocalDateSchema, date, ['date']);
  parseInput(PeriodUnitSchema, unit, ['unit']);
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  switch (unit) {
    case 'day':
      return date;
    case 'week':
      return addDays(date, 1 - weekdayOf(date));
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
      return addDays(date, 1 - weekdayOf(date));
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

function nextPeriod(start: LocalDate, unit: PeriodUnit): LocalDate {
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

/** The range of `checkFrequency`: every period from `from` to `to` (local dates), optionally per scope. */
export const FrequencyRangeSchema = z
  .strictObject({ from: LocalDateSchema, to: LocalDateSchema, scopes: z.array(z.string()).optional() })
  .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] });

/**
 * Checks a minimum-frequency requirement over every calendar period between `from` and `to`:
 * disinfection twice a month, 10 household revisits a month, a comprehensive satisfaction survey a
 * year, a senior visit to each A-class partner a year, cleaning 5 times a day per floor …
 *
 * @param key - frequency key in the policy
 * @param activities - what was done
 * @param range - `{ from, to, scopes? }`; `scopes` lists scopes to report even with zero activity
 * @param policy - a service policy with `frequencies`
 * @param ctx - evaluation context (zone, calendar for `workdaysOnly`)
 * @returns one result per period (and scope)
 * @throws ZhiduError `unknown_reference` for an unknown key, `invalid_input` for bad activities or range
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
  const list = requireSection(paramsOf(policy).frequencies, 'frequencies');
  const f: Frequency | undefined = list.find((x) => x.key === key);
  if (!f)
    throw new ZhiduError(
      'unknown_reference',
      ['key'],
      `制度 ${policy.id} 中没有频次 "${key}" / no frequency "${key}" in policy ${policy.id}`,
    );
  const acts = parseInput(z.array(ActivitySchema), activities, ['activities']);
  const r = parseInput(FrequencyRangeSchema, range, ['range']);

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
    if (f.perScope) scopesSeen.add(scope);
    const k = `${periodOf(date, f.period)}\u0000${scope}`;
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
  const results: FrequencyResult[] = [];
  // Working-days-only counting reads the calendar: name its basis when beyond the data or on a dated notice.
  const basisTrace = new Trace();
  const beyond = new Set<string>();
  if (f.workdaysOnly && f.period === 'day') {
    const basis = calendarBasisTrace(basisTrace, ctx.calendar, r.from, r.to, { when: 'notable' });
    for (const b of basis) if (b.kind !== 'data') beyond.add(String(b.year).padStart(4, '0'));
  }
  for (let s = periodStart(r.from, f.period); s <= r.to; s = nextPeriod(s, f.period)) {
    const period = periodOf(s, f.period);
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
