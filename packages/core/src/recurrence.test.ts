// Recurrences: calendar periods pinned to date-fns (seeded, bounded properties), working days and
// due rules across the 2025 National Day break of the PRC calendar (its data is written out here:
// core does not depend on @zhidu/calendar-cn), and the refusals of a recurrence without its anchor.
import {
  endOfQuarter,
  endOfWeek,
  endOfYear,
  format,
  lastDayOfMonth,
  parseISO,
  setDate,
  startOfQuarter,
  startOfWeek,
  startOfYear,
} from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import { defineCalendar } from './calendar.js';
import { type OccurrenceWindow, occurrences, type RecurrenceInput } from './recurrence.js';

// The State Council notice for 2025, September to October: National Day and Mid-Autumn 1–8 October,
// make-up workdays Sunday 28 September and Saturday 11 October.
const prc2025 = defineCalendar({
  overrides: {
    '2025-09-28': { workday: true },
    '2025-10-01': { workday: false },
    '2025-10-02': { workday: false },
    '2025-10-03': { workday: false },
    '2025-10-06': { workday: false },
    '2025-10-07': { workday: false },
    '2025-10-08': { workday: false },
    '2025-10-11': { workday: true },
  },
});
const autumn: OccurrenceWindow = {
  from: '2025-09-01',
  to: '2025-10-31',
  zone: 'Asia/Shanghai',
  calendar: prc2025,
};
const fmt = (d: Date) => format(d, 'yyyy-MM-dd');
const dates = (r: RecurrenceInput, w: OccurrenceWindow = autumn) =>
  occurrences(r, w).map((o) => `${o.periodStart}..${o.periodEnd} due ${o.dueDate}`);

describe('occurrences: quarter end across the National Day break', () => {
  it('the third quarter ends on Tuesday 30 September 2025, a working day before the break', () => {
    const [q3] = occurrences({ every: 'quarter' }, { ...autumn, to: '2025-09-30' });
    expect(q3).toEqual({
      period: '2025-Q3',
      periodStart: '2025-07-01',
      periodEnd: '2025-09-30',
      dueDate: '2025-09-30',
      due: '2025-09-30T15:59:59.999Z',
    });
    expect(occurrences({ every: 'quarter', due: { kind: 'lastWorkingDay' } }, autumn)[0]?.dueDate).toBe(
      '2025-09-30',
    );
  });

  it('by the 5th of the next quarter moves past the break when shifted to the next working day', () => {
    const r = { every: 'quarter', due: { kind: 'dayOfNextPeriod', day: 5, shift: 'nextWorkday' } } as const;
    expect(occurrences(r, { ...autumn, to: '2025-09-30' })[0]?.dueDate).toBe('2025-10-09');
    const unshifted = { every: 'quarter', due: { kind: 'dayOfNextPeriod', day: 5 } } as const;
    expect(occurrences(unshifted, { ...autumn, to: '2025-09-30' })[0]?.dueDate).toBe('2025-10-05');
  });

  it('a due time of day is that local time on the due date', () => {
    const r = { every: 'month', due: { kind: 'dayOfMonth', day: 28, time: '17:00' } } as const;
    expect(occurrences(r, { from: '2025-09-10', to: '2025-09-10' })[0]?.due).toBe('2025-09-28T09:00:00.000Z');
  });
});

describe('occurrences: a weekly duty whose weekday is a holiday', () => {
  it('the Wednesday meeting of the National Day week moves to the working day before (Tuesday 30 September)', () => {
    const wednesday = {
      every: 'week',
      weekday: 1,
      due: { kind: 'dayOfPeriod', day: 3, shift: 'previousWorkday' },
    } as const;
    expect(dates(wednesday, { ...autumn, from: '2025-09-22', to: '2025-10-12' })).toEqual([
      '2025-09-22..2025-09-28 due 2025-09-24',
      '2025-09-29..2025-10-05 due 2025-09-30',
      '2025-10-06..2025-10-12 due 2025-09-30',
    ]);
    const postponed = { ...wednesday, due: { kind: 'dayOfPeriod', day: 3, shift: 'nextWorkday' } } as const;
    expect(occurrences(postponed, { ...autumn, from: '2025-09-29', to: '2025-10-05' })[0]?.dueDate).toBe(
      '2025-10-09',
    );
  });

  it("a week's last working day is the make-up Saturday 11 October, and 30 September in the holiday week", () => {
    const r = { every: 'week', weekday: 1, due: { kind: 'lastWorkingDay' } } as const;
    expect(dates(r, { ...autumn, from: '2025-09-29', to: '2025-10-12' })).toEqual([
      '2025-09-29..2025-10-05 due 2025-09-30',
      '2025-10-06..2025-10-12 due 2025-10-11',
    ]);
  });

  it('every other week counts from its anchor', () => {
    const r = { every: 'week', weekday: 5, interval: 2, anchor: '2025-09-05' } as const;
    expect(dates(r, { ...autumn, from: '2025-09-10', to: '2025-10-10' })).toEqual([
      '2025-09-05..2025-09-18 due 2025-09-18',
      '2025-09-19..2025-10-02 due 2025-10-02',
      '2025-10-03..2025-10-16 due 2025-10-16',
    ]);
    // Periods before the anchor's are not part of the duty.
    expect(dates(r, { ...autumn, from: '2025-08-01', to: '2025-09-06' })).toEqual([
      '2025-09-05..2025-09-18 due 2025-09-18',
    ]);
  });
});

describe('occurrences: every N working days', () => {
  it('runs of five working days skip the break and count the make-up days', () => {
    const r = { every: 'workingDays', n: 5, anchor: '2025-09-22' } as const;
    expect(dates(r, { ...autumn, from: '2025-09-22', to: '2025-10-13' })).toEqual([
      '2025-09-22..2025-09-26 due 2025-09-26',
      '2025-09-28..2025-10-10 due 2025-10-10',
      '2025-10-11..2025-10-16 due 2025-10-16',
    ]);
  });

  it('a window starting mid-run, or on a day off, starts at the run holding it or the next one', () => {
    const r = { every: 'workingDays', n: 5, anchor: '2025-09-22' } as const;
    expect(occurrences(r, { ...autumn, from: '2025-10-01', to: '2025-10-01' })[0]?.periodStart).toBe(
      '2025-09-28',
    );
    expect(occurrences(r, { ...autumn, from: '2025-09-27', to: '2025-09-28' })[0]?.periodStart).toBe(
      '2025-09-28',
    );
    expect(occurrences(r, { ...autumn, from: '2025-10-16', to: '2025-10-16' })[0]?.periodStart).toBe(
      '2025-10-11',
    );
  });

  it('an anchor on a day off starts at the next working day; the 2nd working day of the next run', () => {
    const r = {
      every: 'workingDays',
      n: 3,
      anchor: '2025-10-04',
      due: { kind: 'dayOfNextPeriod', day: 2 },
    } as const;
    expect(dates(r, { ...autumn, from: '2025-10-01', to: '2025-10-09' })).toEqual([
      '2025-10-09..2025-10-11 due 2025-10-14',
    ]);
  });
});

describe('occurrences: calendar periods agree with date-fns (seeded, bounded)', () => {
  const day = fc
    .integer({ min: 0, max: 365 * 80 })
    .map((n) => fmt(new Date(Date.UTC(1990, 0, 1) + n * 86_400_000)).slice(0, 10));
  const utc = (s: string) => parseISO(s);

  it('months, quarters and years: the period holding a date and its due by day d of the next period', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 31 }), (d, n) => {
        const one = { from: d, to: d };
        const [q] = occurrences({ every: 'quarter', due: { kind: 'dayOfNextPeriod', day: n } }, one);
        expect(q?.periodStart).toBe(fmt(startOfQuarter(utc(d))));
        expect(q?.periodEnd).toBe(fmt(endOfQuarter(utc(d))));
        const nextFirst = new Date(endOfQuarter(utc(d)).getTime() + 1);
        const expected = setDate(nextFirst, Math.min(n, lastDayOfMonth(nextFirst).getDate()));
        expect(q?.dueDate).toBe(fmt(expected));
        const [y] = occurrences({ every: 'year' }, one);
        expect([y?.periodStart, y?.periodEnd]).toEqual([fmt(startOfYear(utc(d))), fmt(endOfYear(utc(d)))]);
        const [m] = occurrences({ every: 'month', due: { kind: 'dayOfMonth', day: n } }, one);
        expect(m?.dueDate).toBe(fmt(setDate(utc(d), Math.min(n, lastDayOfMonth(utc(d)).getDate()))));
      }),
      { seed: 15, numRuns: 100 },
    );
  });

  it('weeks starting on any weekday', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 7 }), (d, weekday) => {
        const [w] = occurrences({ every: 'week', weekday }, { from: d, to: d });
        const weekStartsOn = (weekday % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
        expect(w?.periodStart).toBe(fmt(startOfWeek(utc(d), { weekStartsOn })));
        expect(w?.periodEnd).toBe(fmt(endOfWeek(utc(d), { weekStartsOn })));
      }),
      { seed: 15, numRuns: 100 },
    );
  });

  it('periods tile the window: consecutive, non-overlapping, covering from and to', () => {
    const every = fc.constantFrom('day', 'month', 'quarter', 'halfYear', 'year') as fc.Arbitrary<
      'day' | 'month' | 'quarter' | 'halfYear' | 'year'
    >;
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), every, (from, span, e) => {
        const to = fmt(new Date(parseISO(from).getTime() + span * 86_400_000));
        const list = occurrences({ every: e }, { from, to });
        expect((list[0]?.periodStart ?? '9999') <= from && from <= (list[0]?.periodEnd ?? '')).toBe(true);
        const last = list[list.length - 1];
        expect(last && last.periodStart <= to && to <= last.periodEnd).toBe(true);
        for (let i = 1; i < list.length; i++) {
          const prevEnd = parseISO(list[i - 1]?.periodEnd ?? '').getTime();
          expect(parseISO(list[i]?.periodStart ?? '').getTime() - prevEnd).toBe(86_400_000);
        }
      }),
      { seed: 15, numRuns: 100 },
    );
  });

  it('half-years are named H1 and H2 and end on 30 June and 31 December', () => {
    expect(
      occurrences({ every: 'halfYear' }, { from: '2025-06-30', to: '2025-07-01' }).map((o) => o.period),
    ).toEqual(['2025-H1', '2025-H2']);
    expect(occurrences({ every: 'halfYear' }, { from: '2025-07-01', to: '2025-07-01' })[0]?.periodEnd).toBe(
      '2025-12-31',
    );
  });
});

describe('occurrences: bad input is refused with its path', () => {
  it('a working-day recurrence without its anchor', () => {
    const e = zhiduError(() => occurrences({ every: 'workingDays', n: 5 } as RecurrenceInput, autumn));
    expect([e.code, e.path]).toEqual(['invalid_input', ['recurrence', 'anchor']]);
    expect(e.message).toContain('anchor');
  });

  it('an interval above 1 without its anchor', () => {
    const e = zhiduError(() => occurrences({ every: 'month', interval: 3 }, autumn));
    expect([e.code, e.path]).toEqual(['invalid_input', ['recurrence', 'anchor']]);
  });

  it('dayOfMonth on a weekly duty, and a day the period does not have', () => {
    const e = zhiduError(() =>
      occurrences({ every: 'week', weekday: 1, due: { kind: 'dayOfMonth', day: 3 } }, autumn),
    );
    expect(e.path).toEqual(['recurrence', 'due', 'kind']);
    const f = zhiduError(() =>
      occurrences({ every: 'week', weekday: 1, due: { kind: 'dayOfPeriod', day: 8 } }, autumn),
    );
    expect(f.path).toEqual(['recurrence', 'due', 'day']);
    const g = zhiduError(() =>
      occurrences({ every: 'month', due: { kind: 'dayOfPeriod', day: 31 } }, autumn),
    );
    expect(g.path).toEqual(['recurrence', 'due', 'day']);
    expect(g.message).toContain(
      '周期 2025-09-01–2025-09-30 没有第 31 天 / the period 2025-09-01–2025-09-30 has no day 31',
    );
  });

  it('an unknown period, an unknown key and a weekday outside 1–7', () => {
    expect(zhiduError(() => occurrences({ every: 'fortnight' } as never, autumn)).path).toEqual([
      'recurrence',
      'every',
    ]);
    expect(zhiduError(() => occurrences({ every: 'month', anchr: '2025-01-01' } as never, autumn)).code).toBe(
      'unknown_key',
    );
    expect(zhiduError(() => occurrences({ every: 'week', weekday: 0 }, autumn)).path).toEqual([
      'recurrence',
      'weekday',
    ]);
  });

  it('to before from, a bad date, a missing calendar, a window that is not an object', () => {
    expect(
      zhiduError(() => occurrences({ every: 'day' }, { from: '2025-02-01', to: '2025-01-01' })).path,
    ).toEqual(['to']);
    expect(
      zhiduError(() => occurrences({ every: 'day' }, { from: '2025-02-30', to: '2025-03-01' })).path,
    ).toEqual(['from']);
    const e = zhiduError(() =>
      occurrences(
        { every: 'month', due: { kind: 'lastWorkingDay' } },
        { from: '2025-01-01', to: '2025-01-31' },
      ),
    );
    expect([e.code, e.path]).toEqual(['invalid_input', ['calendar']]);
    expect(zhiduError(() => occurrences({ every: 'day' }, null as never)).path).toEqual(['window']);
  });

  it('more than 10,000 periods', () => {
    const e = zhiduError(() => occurrences({ every: 'day' }, { from: '2000-01-01', to: '2030-01-01' }));
    expect([e.code, e.path]).toEqual(['invalid_input', ['to']]);
  });
});
