import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import {
  defineCalendar,
  MAX_BUSINESS_MINUTES,
  MAX_WORKDAYS,
  weekdayCalendar,
  withOverrides,
} from './calendar.js';
import { deadline, explainDeadline } from './duration.js';

const strict = defineCalendar(
  { coverage: { from: '2025-01-01', to: '2026-12-31' }, overrides: { '2026-01-01': { workday: false } } },
  { years: [{ year: 2026, kind: 'data', source: '2026 notice', published: '2025-11-04' }] },
);
const lenient = defineCalendar({ coverage: { from: '2025-01-01', to: '2026-12-31', outside: 'workweek' } });

describe('bounded workday arithmetic (issue 4: addWorkdays(…, 2 ** 53 - 1) never returned)', () => {
  it('refuses 2^53 − 1 workdays on every kind of calendar with invalid_duration at n', () => {
    for (const cal of [
      weekdayCalendar(),
      strict,
      lenient,
      withOverrides(strict, {}),
      defineCalendar({ workweek: [] }),
    ]) {
      for (const n of [2 ** 53 - 1, -(2 ** 53 - 1), MAX_WORKDAYS + 1]) {
        const e = zhiduError(() => cal.addWorkdays('2025-01-24', n));
        expect(e.code).toBe('invalid_duration');
        expect(e.path).toEqual(['n']);
        expect(e.message).toContain(String(MAX_WORKDAYS));
      }
    }
  });

  it('still answers at the bound itself', () => {
    expect(weekdayCalendar().addWorkdays('2025-01-01', MAX_WORKDAYS)).toBe('5858-01-27');
    expect(weekdayCalendar().workdaysBetween('2025-01-01', '5858-01-27')).toBe(MAX_WORKDAYS);
  });

  it('refuses business minutes beyond the bound, and hours that are never open', () => {
    const e = zhiduError(() =>
      weekdayCalendar().addBusinessTime('2025-01-24T09:00:00+08:00', MAX_BUSINESS_MINUTES + 1),
    );
    expect(e.code).toBe('invalid_duration');
    expect(e.path).toEqual(['minutes']);
    const closed = defineCalendar({ hours: { spans: [] } });
    const never = zhiduError(() => closed.addBusinessTime('2025-01-24T09:00:00+08:00', 1));
    expect(never.code).toBe('calendar_out_of_range');
    expect(never.path).toEqual(['minutes']);
  });

  it('any bounded count round-trips through workdaysBetween (property, seeded)', () => {
    const cal = weekdayCalendar();
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: MAX_WORKDAYS }), (n) => {
        expect(cal.workdaysBetween('2025-01-24', cal.addWorkdays('2025-01-24', n))).toBe(n);
      }),
      { seed: 20261230, numRuns: 200 },
    );
  });
});

describe('refusals beyond the data name the date, both languages and a field', () => {
  it('names the date beyond the data and the ways out, at n', () => {
    const e = zhiduError(() => strict.addWorkdays('2026-12-30', 3));
    expect(e.code).toBe('calendar_out_of_range');
    expect(e.path).toEqual(['n']);
    expect(e.message).toContain('2027-01-04');
    expect(e.message).toContain('不在日历数据范围内');
    expect(e.message).toContain("coverage.outside: 'workweek'");
    expect(e.message.endsWith('(at n)')).toBe(true);
  });

  it('names the argument by field name on every method', () => {
    expect(zhiduError(() => strict.isWorkday('2027-01-04')).path).toEqual(['date']);
    expect(zhiduError(() => strict.spansOn('2027-01-04')).path).toEqual(['date']);
    expect(zhiduError(() => strict.workdaysBetween('2024-12-01', '2025-01-10')).path).toEqual(['a']);
    expect(zhiduError(() => strict.workdaysBetween('2025-12-01', '2027-01-10')).path).toEqual(['b']);
  });

  it('uses the calendar’s own refusal message, and an overlay keeps it without a doubled suffix', () => {
    const cal = defineCalendar(
      { coverage: { from: '2025-01-01', to: '2025-12-31' } },
      { outOfRangeMessage: (d) => `缺 ${d.slice(0, 4)} 年 / missing ${d.slice(0, 4)}` },
    );
    expect(zhiduError(() => cal.isWorkday('2026-01-05')).message).toBe('缺 2026 年 / missing 2026 (at date)');
    const over = withOverrides(cal, { '2025-12-26': { workday: false } });
    expect(zhiduError(() => over.workdaysBetween('2025-12-01', '2026-01-05')).message).toBe(
      '缺 2026 年 / missing 2026 (at b)',
    );
  });
});

describe('calendar provenance (basis) and provisional deadlines', () => {
  it('reports per year which data answered, and the weekly-pattern fallback beyond it', () => {
    expect(strict.basis?.('2025-12-30', '2026-01-05')).toEqual([
      { year: 2025, kind: 'data' },
      { year: 2026, kind: 'data', source: '2026 notice', published: '2025-11-04' },
    ]);
    expect(lenient.basis?.('2026-12-30', '2027-01-05')).toEqual([
      { year: 2026, kind: 'data' },
      { year: 2027, kind: 'workweek' },
    ]);
    expect(withOverrides(lenient, {}).basis?.('2027-01-01', '2027-01-01')).toEqual([
      { year: 2027, kind: 'workweek' },
    ]);
  });

  it('flags a working-day deadline that runs beyond the data as provisional, with the year', () => {
    const due = deadline(
      '2026-12-30T10:00:00+08:00',
      { unit: 'workingDays', amount: 3 },
      { calendar: lenient },
    );
    expect(due).toEqual({
      at: '2027-01-04T15:59:59.999Z',
      inclusive: true,
      provisional: true,
      provisionalYears: [2027],
    });
    // A plain object, the provisional keys after at and inclusive.
    expect(Object.getPrototypeOf(due)).toBe(Object.prototype);
    expect(Object.keys(due)).toEqual(['at', 'inclusive', 'provisional', 'provisionalYears']);
    // Inside the data, and for units that never consult the calendar, nothing is added.
    expect(
      deadline('2026-12-20T10:00:00+08:00', { unit: 'workingDays', amount: 3 }, { calendar: lenient }),
    ).toEqual({
      at: '2026-12-23T15:59:59.999Z',
      inclusive: true,
    });
    expect(
      deadline('2026-12-30T10:00:00+08:00', { unit: 'calendarDays', amount: 5 }, { calendar: lenient }),
    ).toEqual({
      at: '2027-01-04T15:59:59.999Z',
      inclusive: true,
    });
  });

  it('explainDeadline traces the source of every year the limit spans', () => {
    const d = explainDeadline(
      '2025-12-30T10:00:00+08:00',
      { unit: 'workingDays', amount: 3 },
      { calendar: strict },
    );
    expect(d.value).toEqual({ at: '2026-01-05T15:59:59.999Z', inclusive: true });
    expect(d.trace.map((t) => t.rule)).toEqual([
      'zhidu.deadline',
      'zhidu.calendar.data',
      'zhidu.calendar.data',
    ]);
    expect(d.trace[2]?.message.en).toBe('Working days in 2026 follow 2026 notice (published 2025-11-04)');
    const p = explainDeadline(
      '2026-12-30T10:00:00+08:00',
      { unit: 'workingDays', amount: 3 },
      { calendar: lenient },
    );
    expect(p.value.provisional).toBe(true);
    expect(p.trace.at(-1)?.rule).toBe('zhidu.calendar.workweek');
    expect(p.trace.at(-1)?.data).toEqual({ year: 2027, kind: 'workweek' });
    expect(p.trace[0]?.message.en).toContain('provisional');
  });

  it('explainDeadline refuses what deadline refuses', () => {
    expect(zhiduError(() => explainDeadline('2026-12-30', { unit: 'workingDays', amount: 3 })).code).toBe(
      'invalid_instant',
    );
    expect(
      zhiduError(() => explainDeadline('2026-12-30T10:00:00+08:00', { unit: 'workingDays', amount: -1 }))
        .code,
    ).toBe('invalid_duration');
    expect(
      zhiduError(() =>
        explainDeadline(
          '2026-12-30T10:00:00+08:00',
          { unit: 'workingDays', amount: 3 },
          { calendar: strict },
        ),
      ).code,
    ).toBe('calendar_out_of_range');
  });
});
