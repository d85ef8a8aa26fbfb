import { addDays, fromEpochDay, toEpochDay, weekdayOf } from '@zhidu/core';
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import chineseDaysPackage from 'chinese-days/package.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaCalendar, statutoryCoverage, statutoryDay } from './china-calendar.js';
import { SOURCE, STATUTORY_YEARS } from './data/statutory.js';

// The cross-check reads chinese-days' own data file rather than calling its isWorkday/isHoliday:
// those functions read a date string in the machine's local zone and answer wrongly for about a
// quarter of the days when the process runs west of UTC (e.g. TZ=America/Los_Angeles), which
// would make this test depend on where CI runs.
const holidays: Record<string, string> = chineseDays.holidays;
const workdays: Record<string, string> = chineseDays.workdays;

/** Reference: what chinese-days says about a date. */
function referenceIsWorkday(date: string): boolean {
  if (date in workdays) return true;
  if (date in holidays) return false;
  return weekdayOf(date) <= 5;
}

const { from, to } = statutoryCoverage();
const cal = chinaCalendar();

describe('the embedded statutory table against chinese-days', () => {
  it('was generated from the installed chinese-days version', () => {
    expect(SOURCE).toBe(`chinese-days@${chineseDaysPackage.version}`);
    expect(statutoryCoverage().source).toBe(SOURCE);
  });

  it('covers exactly the years chinese-days covers, contiguously', () => {
    const years = [
      ...new Set([...Object.keys(holidays), ...Object.keys(workdays)].map((d) => Number(d.slice(0, 4)))),
    ].sort();
    expect(STATUTORY_YEARS.map((y) => y.year)).toEqual(years);
    expect([from, to]).toEqual([years[0], years[years.length - 1]]);
  });

  it('agrees day for day with chinese-days for every date of every covered year', () => {
    const disagreements: string[] = [];
    let days = 0;
    for (let d = `${from}-01-01`; d <= `${to}-12-31`; d = addDays(d, 1)) {
      days++;
      const want = referenceIsWorkday(d);
      if (cal.isWorkday(d) !== want) disagreements.push(`${d}: chinaCalendar ${!want}, chinese-days ${want}`);
      const kind = statutoryDay(d).kind;
      const wantKind =
        d in workdays ? 'makeUpWorkday' : d in holidays ? 'holiday' : want ? 'workday' : 'weekend';
      if (kind !== wantKind) disagreements.push(`${d}: statutoryDay ${kind}, chinese-days ${wantKind}`);
    }
    expect(disagreements).toEqual([]);
    expect(days).toBe(toEpochDay(`${to}-12-31`) - toEpochDay(`${from}-01-01`) + 1);
  });

  it('lists the same holiday and make-up dates, with the festival’s Chinese name', () => {
    const ours = new Map<string, string>();
    const ourMakeUps = new Map<string, string>();
    for (const y of STATUTORY_YEARS) {
      for (const [d, name] of Object.entries(y.holidays)) ours.set(d, name);
      for (const [d, name] of Object.entries(y.makeUpWorkdays)) ourMakeUps.set(d, name);
    }
    expect([...ours.keys()].sort()).toEqual(Object.keys(holidays).sort());
    expect([...ourMakeUps.keys()].sort()).toEqual(Object.keys(workdays).sort());
    // chinese-days stores "English,中文,days"; the table keeps the Chinese name
    for (const [d, name] of ours) expect(holidays[d]?.split(',')[1]).toBe(name);
    for (const [d, name] of ourMakeUps) expect(workdays[d]?.split(',')[1]).toBe(name);
  });

  it('has every make-up workday on a weekend and no holiday on a make-up day', () => {
    for (const y of STATUTORY_YEARS) {
      for (const d of Object.keys(y.makeUpWorkdays)) {
        expect(weekdayOf(d), d).toBeGreaterThanOrEqual(6);
        expect(y.holidays[d], d).toBeUndefined();
      }
    }
  });
});

describe('chinaCalendar() day arithmetic (property)', () => {
  /** Naive reference: walk one day at a time over chinese-days' data. */
  function naiveAddWorkdays(date: string, n: number): string {
    let d = date;
    let left = Math.abs(n);
    while (left > 0) {
      d = addDays(d, n > 0 ? 1 : -1);
      if (referenceIsWorkday(d)) left--;
    }
    return d;
  }

  // 400 working days is under 600 calendar days, so starts in 2006-01 … 2025-03 stay inside the data.
  const dates = fc
    .integer({ min: toEpochDay('2006-01-01'), max: toEpochDay('2025-03-01') })
    .map((d) => fromEpochDay(d));

  it('round-trips: workdaysBetween(a, addWorkdays(a, n)) === n, and agrees with a day-by-day walk', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -400, max: 400 }), (a, n) => {
        const b = cal.addWorkdays(a, n);
        expect(b).toBe(naiveAddWorkdays(a, n));
        expect(cal.workdaysBetween(a, b)).toBe(n);
        if (n !== 0) expect(referenceIsWorkday(b)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips the same way when the holiday weeks of 2024 and 2025 are the start', () => {
    const holidayWeeks = fc.constantFrom(
      ...[
        '2024-02-04',
        '2024-02-09',
        '2024-02-12',
        '2024-04-04',
        '2024-04-28',
        '2024-06-10',
        '2024-09-29',
        '2024-10-03',
      ],
      ...[
        '2025-01-24',
        '2025-01-26',
        '2025-01-30',
        '2025-04-27',
        '2025-05-31',
        '2025-09-28',
        '2025-10-05',
        '2025-10-11',
      ],
    );
    fc.assert(
      // 250 working days after 2025-10-11 is still inside 2026, the last year with data
      fc.property(holidayWeeks, fc.integer({ min: -400, max: 250 }), (a, n) => {
        const b = cal.addWorkdays(a, n);
        expect(b).toBe(naiveAddWorkdays(a, n));
        expect(cal.workdaysBetween(a, b)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});
