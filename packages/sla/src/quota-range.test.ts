// Quota ranges (fuzz seed 7, `near:91:30` #44): `sla.quota` over 2024-03-01 … 9999-04-30 never
// returned. The range walk searched the period list once per day (quadratic in the range: 2.9 million
// days × up to 95,000 months) and would have built a row per period. Now the periods are walked once
// each (days by epoch day, months by month) and a range of more than MAX_QUOTA_RANGE_DAYS days is
// refused with `invalid_input` at `range.to`.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { addDays, makeContext, weekdayCalendar } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { cn, ev } from '../test/helpers.js';
import type { SlaEventInput } from './events.js';
import { slaQuota } from './modules.js';
import { defineSlaPolicy } from './policy.js';
import { MAX_QUOTA_RANGE_DAYS, type Quota, QuotaSchema, quotaRows, quotaRowsWith } from './quota.js';

const notices = slaQuota.preset('property-service-004-notices-before-10th');
const quota = (id: string): Quota => {
  const q = notices.params.quotas.find((x) => x.id === id);
  if (!q) throw new Error(`no quota ${id}`);
  return q;
};
const monthly = quota('T4-02'); // 10 a month
const daily = quota('T4-03'); // twice a day
const workdayWindow = QuotaSchema.parse({
  id: 'lanting-patrol',
  rule: 'S004-SLA-00',
  clause: '兰亭物业巡查规定（示例）第二条',
  type: 'perform',
  atLeast: 1,
  per: 'day',
  window: { from: '08:00', to: '18:00', excludeHolidays: true },
});
const monthlyWorkdays = QuotaSchema.parse({ ...workdayWindow, id: 'lanting-monthly', per: 'month' });
const ctx = cn('2024-05-01T00:00');

/** The periods of a range as the old walk listed them: every day, its period added once. */
function naivePeriods(q: Quota, from: string, to: string, isWorkday: (d: string) => boolean): string[] {
  const periods: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (q.window?.excludeHolidays && !isWorkday(d)) continue;
    const p = q.per === 'day' ? d : d.slice(0, 7);
    if (!periods.includes(p)) periods.push(p);
  }
  return periods;
}

describe('quota ranges (fuzz seed 7 near:91:30 #44)', () => {
  it('the fuzz case: T4-02 over 2024-03-01 … 9999-04-30 is refused at input.range.to through the module, at range.to by quotaRows', () => {
    const input = { quota: 'T4-02', range: { from: '2024-03-01', to: '9999-04-30' }, events: [] };
    const viaModule = refusal(() => slaQuota.evaluate(input, notices, ctx));
    expect([viaModule.code, viaModule.path]).toEqual(['invalid_input', ['input', 'range', 'to']]);
    expect(viaModule.message).toContain(
      '频次统计区间最多 36600 天（约 100 年），2024-03-01 至 9999-04-30 为 2912869 天，请分段统计 / a quota range covers at most 36600 days (about 100 years); 2024-03-01 to 9999-04-30 is 2912869 days, split it',
    );
    const direct = refusal(() => quotaRows([], monthly, input.range, ctx));
    expect([direct.code, direct.path, direct.message]).toEqual([
      viaModule.code,
      ['range', 'to'],
      viaModule.message.replace('(at input.range.to)', '(at range.to)'),
    ]);
  });

  it('MAX_QUOTA_RANGE_DAYS: a range of exactly 36,600 days is counted, one day more is refused', () => {
    expect(MAX_QUOTA_RANGE_DAYS).toBe(36_600);
    const from = '1950-01-01';
    const to = addDays(from, MAX_QUOTA_RANGE_DAYS - 1);
    const weekdays = makeContext({ now: '2024-05-01T00:00:00+08:00', calendar: weekdayCalendar() });
    const rows = quotaRows([], daily, { from, to }, weekdays).value;
    expect(rows.length).toBe(36_600);
    expect([rows[0]?.period, rows.at(-1)?.period]).toEqual(['1950-01-01', to]);
    const months = quotaRows([], monthly, { from, to }, weekdays).value;
    expect(months.length).toBe(1203);
    expect([months[0]?.period, months.at(-1)?.period]).toEqual(['1950-01', to.slice(0, 7)]);
    const bad = refusal(() => quotaRows([], daily, { from, to: addDays(to, 1) }, weekdays));
    expect([bad.code, bad.path]).toEqual(['invalid_input', ['range', 'to']]);
  });

  it('a range ending on 9999-12-31 is counted (the old walk stepped past the last date zhidu handles and refused it at [1])', () => {
    const weekdays = makeContext({ now: '2024-05-01T00:00:00+08:00', calendar: weekdayCalendar() });
    const range = { from: '9999-11-30', to: '9999-12-31' };
    const days = quotaRows([], daily, range, weekdays).value;
    expect(days.length).toBe(32);
    expect(days.at(-1)).toEqual({ period: '9999-12-31', subject: null, count: 0, met: false });
    expect(quotaRows([], monthly, range, weekdays).value.map((r) => r.period)).toEqual([
      '9999-11',
      '9999-12',
    ]);
  });

  it('a month with no working day in the range has no row when the window excludes holidays (2024-10-01 … 10-07, 国庆)', () => {
    expect(quotaRows([], monthlyWorkdays, { from: '2024-10-01', to: '2024-10-07' }, ctx).value).toEqual([]);
    const rows = quotaRows(
      [ev('perform', 'estate', '2024-10-08T09:00')],
      monthlyWorkdays,
      { from: '2024-09-30', to: '2024-10-08' },
      ctx,
    ).value;
    expect(rows.map((r) => [r.period, r.count, r.met])).toEqual([
      ['2024-09', 0, false],
      ['2024-10', 1, true],
    ]);
  });

  it('property: the periods walked once each equal the old day-by-day walk, for day and month quotas, with and without days off (seeded)', () => {
    // Days off answered beyond the calendar's data too (provisional years after 2026).
    const cal = chinaCalendar({ outsideData: 'provisional' });
    const day = fc.integer({ min: 0, max: 365 * 6 }).map((n) => addDays('2020-01-01', n));
    fc.assert(
      fc.property(
        fc.constantFrom(daily, monthly, workdayWindow, monthlyWorkdays),
        day,
        fc.integer({ min: -3, max: 800 }),
        fc.array(fc.integer({ min: 0, max: 365 * 6 }), { maxLength: 20 }),
        (q, from, length, at) => {
          const to = addDays(from, length);
          const days = [...at].sort((a, b) => a - b).map((n) => addDays('2020-01-01', n));
          const events = days.map((d) => ev('perform', 'estate', `${d}T09:00`));
          const now = makeContext({ now: '2027-01-01T00:00:00+08:00', calendar: cal });
          const rows = quotaRows(events, q, { from, to }, now).value;
          expect(rows.map((r) => r.period)).toEqual(naivePeriods(q, from, to, (d) => cal.isWorkday(d)));
          // Counts are read from the events as before: the rows' total is the events in counted periods.
          const inRows = new Set(rows.map((r) => r.period));
          const counted = days.filter((d) => inRows.has(q.per === 'day' ? d : d.slice(0, 7)));
          expect(rows.reduce((n, r) => n + r.count, 0)).toBe(counted.length);
        },
      ),
      { seed: 7, numRuns: 120 },
    );
  });

  it('S004-SLA-00: late records over a long range replay only the periods they change — the rows and trace equal the whole-range replay (10 years, 30 late days)', () => {
    const events: SlaEventInput[] = [];
    for (let i = 0; i < 30; i++) {
      const d = addDays('2024-03-01', i * 97);
      events.push(ev('perform', 'estate', `${d}T09:00`));
      events.push({
        ...ev('perform', 'estate', `${d}T15:00`),
        recordedAt: `${addDays(d, 1)}T10:00:00+08:00`,
      });
    }
    const range = { from: '2024-03-01', to: '2034-02-28' };
    const late = cn('2034-03-01T00:00');
    const fast = quotaRows(events, daily, range, late);
    expect(fast).toEqual(quotaRowsWith(events, daily, range, late, [], true));
    // Each late day was reported short (1 of 2) before its second patrol was entered, and stays so.
    const kept = fast.value.filter((r) => r.reportedAt !== undefined);
    expect(kept.length).toBe(30);
    expect(kept[0]).toEqual({
      period: '2024-03-01',
      subject: null,
      count: 1,
      met: false,
      reportedAt: '2024-03-02T01:59:59.999Z',
    });
    expect(fast.value.length).toBe(3652);
  });

  it('property: replaying only the periods a later record changes gives the decision of the whole-range replay, with excuses, per subject and per month (seeded)', () => {
    const backfill = {
      id: 'backfilledByNoon',
      rule: 'S004-SLA-00',
      clause: '兰亭物业巡查规定（示例）第三条',
      title: {
        zh: '次日12时前补录的巡查计入当日',
        en: 'a patrol entered by noon the next day counts for its day',
      },
      quotas: ['lanting-q'],
      event: { type: 'perform' },
      window: { from: 'due', minutes: 720 },
    };
    const policy = defineSlaPolicy({
      id: 'example-lanting-property.quota-replay',
      version: '1',
      effectiveFrom: '2024-01-01',
      zone: 'Asia/Shanghai',
      source: { title: '兰亭物业巡查规定（示例）' },
      params: { quotas: [{ ...daily, id: 'lanting-q' }], excuses: [backfill] },
    });
    const excuses = policy.params.excuses;
    let kept = 0;
    let excused = 0;
    const entry = fc.record({
      day: fc.integer({ min: 0, max: 75 }),
      hour: fc.integer({ min: 0, max: 23 }),
      subject: fc.constantFrom('estate', 'lobby'),
      lateHours: fc.option(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 24 * 40 })), {
        nil: undefined,
      }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom('day', 'month'),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        fc.array(entry, { maxLength: 25 }),
        fc.boolean(),
        (per, perSubject, atLeast, entries, withExcuse) => {
          const q = QuotaSchema.parse({ ...daily, id: 'lanting-q', per, perSubject, atLeast });
          const base = Date.parse('2025-03-01T00:00:00+08:00');
          const events: SlaEventInput[] = entries
            .map((e) => ({ ...e, ms: base + (e.day * 24 + e.hour) * 3_600_000 }))
            .sort((a, b) => a.ms - b.ms)
            .map((e) => ({
              type: 'perform',
              subject: e.subject,
              at: new Date(e.ms).toISOString(),
              ...(e.lateHours === undefined
                ? {}
                : { recordedAt: new Date(e.ms + e.lateHours * 3_600_000).toISOString() }),
            }));
          const range = { from: '2025-03-01', to: '2025-05-10' };
          const now = cn('2025-05-20T00:00');
          const x = withExcuse ? excuses : [];
          const d = quotaRows(events, q, range, now, x);
          expect(d).toEqual(quotaRowsWith(events, q, range, now, x, true));
          for (const r of d.value) {
            if (r.reportedAt !== undefined) kept++;
            if (r.excused !== undefined) excused++;
          }
        },
      ),
      { seed: 12, numRuns: 150 },
    );
    // The runs reach both readings of a late record: a shortfall kept as reported, and one excused.
    expect(kept).toBeGreaterThan(20);
    expect(excused).toBeGreaterThanOrEqual(5);
  });
});

describe('a bad range is refused before a bad event, and the log is parsed once for every quota', () => {
  const lateRecord = {
    type: 'perform',
    subject: 's',
    at: '2024-03-01T10:00:00+08:00',
    recordedAt: '2024-03-01T09:00:00+08:00',
  };
  it('quotaRows: the range first, as before the log was parsed once', () => {
    const e = refusal(() =>
      quotaRows(
        [{ type: 'perform', subject: 's', at: 'nope' }] as never,
        monthly,
        { from: '2024-13-01', to: '2024-03-02' },
        ctx,
      ),
    );
    expect([e.code, e.path]).toEqual(['invalid_date', ['range', 'from']]);
  });

  it('sla.quota: a range over the limit is refused at input.range.to before an event recorded before it happened', () => {
    const e = refusal(() =>
      slaQuota.evaluate(
        { range: { from: '2024-01-01', to: '2124-12-31' }, events: [lateRecord] } as never,
        slaQuota.preset('property-service-004'),
        { now: '2024-05-01T00:00:00+08:00', calendar: chinaCalendar() },
      ),
    );
    expect([e.code, e.path]).toEqual(['invalid_input', ['input', 'range', 'to']]);
    // With a range it can count, the event is refused where it sits.
    const atEvent = refusal(() =>
      slaQuota.evaluate(
        { range: { from: '2024-03-01', to: '2024-03-31' }, events: [lateRecord] } as never,
        slaQuota.preset('property-service-004'),
        { now: '2024-05-01T00:00:00+08:00', calendar: chinaCalendar() },
      ),
    );
    expect(atEvent.path).toEqual(['input', 'events', 0, 'recordedAt']);
  });

  it('sla.quota under a policy with no quotas still refuses a bad range and a bad event (it counted nothing and said nothing)', () => {
    const none = slaQuota.preset('dealer-000');
    expect(none.params.quotas).toEqual([]);
    const ctx4 = { now: '2024-05-01T00:00:00+08:00', calendar: chinaCalendar() };
    expect(
      refusal(() =>
        slaQuota.evaluate(
          { range: { from: '2024-03-01', to: '2024-03-31' }, events: [lateRecord] } as never,
          none,
          ctx4,
        ),
      ).path,
    ).toEqual(['input', 'events', 0, 'recordedAt']);
    expect(
      refusal(() =>
        slaQuota.evaluate({ range: { from: '2024-01-01', to: '2124-12-31' }, events: [] }, none, ctx4),
      ).path,
    ).toEqual(['input', 'range', 'to']);
    expect(
      slaQuota.evaluate({ range: { from: '2024-03-01', to: '2024-03-31' }, events: [] }, none, ctx4).value
        .result,
    ).toEqual([]);
  });
});
