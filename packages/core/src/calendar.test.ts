import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import {
  type DayOverride,
  defineCalendar,
  type WorkCalendar,
  weekdayCalendar,
  withOverrides,
} from './calendar.js';
import { ZhiduError } from './errors.js';
import { addDays, fromEpochDay, toEpochDay } from './time.js';

/** Local date + wall time in Asia/Shanghai as an instant string. */
const sh = (date: string, time: string) => `${date}T${time}:00+08:00`;
const utc = (date: string, time: string) => new Date(sh(date, time)).toISOString();

/**
 * Naive reference for addWorkdays, independent of the library's counting: walk one day at a time
 * and count the days the predicate calls workdays.
 */
function naiveAddWorkdays(isWorkday: (date: string) => boolean, date: string, n: number): string {
  let d = date;
  let left = Math.abs(n);
  const step = n > 0 ? 1 : -1;
  while (left > 0) {
    d = fromEpochDay(toEpochDay(d) + step);
    if (isWorkday(d)) left--;
  }
  return d;
}

/** ISO weekday (1 = Monday … 7 = Sunday) computed with the platform Date, not the library. */
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

const dateArb = (from: string, to: string) =>
  fc.integer({ min: toEpochDay(from), max: toEpochDay(to) }).map((d) => fromEpochDay(d));

describe('weekdayCalendar()', () => {
  const cal = weekdayCalendar();

  it('works Monday to Friday and ignores every holiday', () => {
    expect(cal.zone).toBe('Asia/Shanghai');
    expect(cal.isWorkday('2025-01-24')).toBe(true); // Friday
    expect(cal.isWorkday('2025-01-25')).toBe(false); // Saturday
    expect(cal.isWorkday('2025-01-26')).toBe(false); // Sunday (a make-up workday only on the PRC calendar)
    expect(cal.isWorkday('2025-01-29')).toBe(true); // Spring Festival itself
    expect(cal.addWorkdays('2025-01-24', 1)).toBe('2025-01-27');
  });

  it('adds working days forwards, backwards and by zero (S000-ARCHIVE-07: Mon 2024-03-04 + 3 = Thu 03-07)', () => {
    expect(cal.addWorkdays('2024-03-04', 3)).toBe('2024-03-07');
    expect(cal.addWorkdays('2024-03-08', 1)).toBe('2024-03-11'); // S000-COMPLAINT-20: Fri → Mon
    expect(cal.addWorkdays('2024-03-04', 7)).toBe('2024-03-13'); // S002-SLA-04: Mar 5, 6, 7, 8, 11, 12, 13
    expect(cal.addWorkdays('2024-03-11', -1)).toBe('2024-03-08');
    expect(cal.addWorkdays('2024-03-09', -1)).toBe('2024-03-08'); // from a Saturday
    expect(cal.addWorkdays('2024-03-09', 1)).toBe('2024-03-11');
    expect(cal.addWorkdays('2024-03-09', 0)).toBe('2024-03-09'); // n = 0 leaves even a weekend date unchanged
    expect(cal.addWorkdays('2024-03-04', 0)).toBe('2024-03-04');
  });

  it('counts workdays in (a, b], negative when b is before a', () => {
    expect(cal.workdaysBetween('2024-03-04', '2024-03-07')).toBe(3);
    expect(cal.workdaysBetween('2024-03-04', '2024-03-04')).toBe(0);
    expect(cal.workdaysBetween('2024-03-08', '2024-03-10')).toBe(0);
    expect(cal.workdaysBetween('2024-03-08', '2024-03-11')).toBe(1);
    expect(cal.workdaysBetween('2024-03-11', '2024-03-08')).toBe(-1);
    expect(cal.workdaysBetween('2024-01-01', '2024-12-31')).toBe(261);
  });

  it('refuses bad dates and fractional day counts', () => {
    const e = zhiduError(() => cal.isWorkday('2025-02-29'));
    expect(e.code).toBe('invalid_date');
    expect(zhiduError(() => cal.addWorkdays('2025-02-30', 1)).code).toBe('invalid_date');
    expect(zhiduError(() => cal.addWorkdays('2025-01-01', 1.5)).code).toBe('invalid_duration');
    expect(zhiduError(() => cal.workdaysBetween('2025-01-01', '2025-1-2')).path).toEqual(['b']);
  });

  it('refuses an unknown zone', () => {
    expect(zhiduError(() => weekdayCalendar({ zone: 'Mars/Olympus' })).code).toBe('invalid_zone');
  });
});

describe('business hours (default 09:00–18:00, lunch 12:00–13:00)', () => {
  const cal = weekdayCalendar();

  it('has the default spans and ends work at 18:00', () => {
    expect(cal.spansOn('2024-03-08')).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ]);
    expect(cal.spansOn('2024-03-09')).toEqual([]);
    expect(cal.workEnd('2024-03-08')).toBe(utc('2024-03-08', '18:00'));
    expect(cal.workEnd('2024-03-09')).toBeNull();
  });

  it('adds business minutes, skipping lunch, nights and weekends', () => {
    expect(cal.addBusinessTime(sh('2024-03-04', '10:00'), 60)).toBe(utc('2024-03-04', '11:00'));
    expect(cal.addBusinessTime(sh('2024-03-04', '11:30'), 60)).toBe(utc('2024-03-04', '13:30'));
    expect(cal.addBusinessTime(sh('2024-03-04', '12:30'), 60)).toBe(utc('2024-03-04', '14:00')); // starts in lunch
    expect(cal.addBusinessTime(sh('2024-03-04', '17:00'), 60)).toBe(utc('2024-03-04', '18:00')); // ends exactly at close
    expect(cal.addBusinessTime(sh('2024-03-04', '17:40'), 60)).toBe(utc('2024-03-05', '09:40'));
    expect(cal.addBusinessTime(sh('2024-03-08', '17:40'), 60)).toBe(utc('2024-03-11', '09:40')); // Fri → Mon
    expect(cal.addBusinessTime(sh('2024-03-09', '10:00'), 0)).toBe(utc('2024-03-11', '09:00')); // clock starts at next opening
    expect(cal.addBusinessTime(sh('2024-03-04', '07:00'), 30)).toBe(utc('2024-03-04', '09:30'));
  });

  it('counts business minutes between two instants', () => {
    expect(cal.businessTimeBetween(sh('2024-03-04', '10:00'), sh('2024-03-04', '14:00'))).toBe(180);
    // 20 minutes on Friday (17:40–18:00) and 40 on Monday (09:00–09:40)
    expect(cal.businessTimeBetween(sh('2024-03-08', '17:40'), sh('2024-03-11', '09:40'))).toBe(60);
    expect(cal.businessTimeBetween(sh('2024-03-11', '09:40'), sh('2024-03-08', '17:40'))).toBe(-60);
    expect(cal.businessTimeBetween(sh('2024-03-09', '10:00'), sh('2024-03-10', '23:00'))).toBe(0);
    expect(cal.businessTimeBetween(sh('2024-03-04', '12:10'), sh('2024-03-04', '12:50'))).toBe(0);
    expect(cal.businessTimeBetween(sh('2024-03-04', '00:00'), sh('2024-03-09', '00:00'))).toBe(5 * 480);
  });

  it('refuses a negative amount of business time', () => {
    expect(zhiduError(() => cal.addBusinessTime(sh('2024-03-04', '10:00'), -1)).code).toBe(
      'invalid_duration',
    );
    expect(zhiduError(() => cal.addBusinessTime('2024-03-04T10:00', 1)).code).toBe('invalid_instant');
  });

  it('round-trips: businessTimeBetween(a, addBusinessTime(a, m)) = m (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
          .map((ms) => Math.floor(ms / 60_000) * 60_000),
        fc.integer({ min: 0, max: 20_000 }),
        (start, minutes) => {
          const end = cal.addBusinessTime(start, minutes);
          expect(new Date(end).getTime()).toBeGreaterThanOrEqual(start);
          expect(cal.businessTimeBetween(start, end)).toBe(minutes);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('defineCalendar()', () => {
  it('models a six-day sales office with its own hours and a closure', () => {
    const cal = defineCalendar({
      workweek: [1, 2, 3, 4, 5, 6],
      hours: { spans: [{ start: '08:30', end: '17:30' }] },
      overrides: { '2025-06-02': { workday: false, note: 'company outing' } },
    });
    expect(cal.isWorkday('2025-05-31')).toBe(true); // Saturday
    expect(cal.isWorkday('2025-06-01')).toBe(false); // Sunday
    expect(cal.isWorkday('2025-06-02')).toBe(false); // closure
    expect(cal.addWorkdays('2025-05-31', 1)).toBe('2025-06-03');
    expect(cal.workdaysBetween('2025-05-30', '2025-06-03')).toBe(2);
    expect(cal.spansOn('2025-06-02')).toEqual([]);
    expect(cal.workEnd('2025-06-03')).toBe(utc('2025-06-03', '17:30'));
    expect(cal.addBusinessTime(sh('2025-05-31', '17:00'), 60)).toBe(utc('2025-06-03', '09:00'));
  });

  it('gives each weekday its own spans (half-day Saturday)', () => {
    const cal = defineCalendar({
      workweek: [1, 2, 3, 4, 5, 6],
      hours: { byWeekday: { '6': [{ start: '09:00', end: '12:00' }] } },
    });
    expect(cal.spansOn('2025-06-07')).toEqual([{ start: '09:00', end: '12:00' }]);
    expect(cal.spansOn('2025-06-06')).toHaveLength(2); // default spans with lunch
    expect(cal.workEnd('2025-06-07')).toBe(utc('2025-06-07', '12:00'));
    expect(cal.addBusinessTime(sh('2025-06-07', '11:00'), 120)).toBe(utc('2025-06-09', '10:00'));
  });

  it('applies per-date overrides: a short day, an extra working day, a closure', () => {
    const cal = defineCalendar({
      overrides: {
        '2025-12-31': { workday: true, spans: [{ start: '09:00', end: '15:00' }], note: 'short day' },
        '2025-06-07': { workday: true, note: 'launch Saturday' },
        '2025-12-26': { workday: false, note: 'annual company closure' },
      },
    });
    expect(cal.workEnd('2025-12-31')).toBe(utc('2025-12-31', '15:00'));
    expect(cal.addBusinessTime(sh('2025-12-31', '14:00'), 120)).toBe(utc('2026-01-01', '10:00'));
    expect(cal.isWorkday('2025-06-07')).toBe(true);
    expect(cal.spansOn('2025-06-07')).toHaveLength(2); // standard spans
    expect(cal.workdaysBetween('2025-06-06', '2025-06-09')).toBe(2);
    expect(cal.isWorkday('2025-12-26')).toBe(false);
    expect(cal.addWorkdays('2025-12-25', 1)).toBe('2025-12-29');
    expect(cal.addWorkdays('2025-12-29', -1)).toBe('2025-12-25');
  });

  it('refuses a date outside its coverage, or falls back to the weekly pattern when told to', () => {
    const strict = defineCalendar({ coverage: { from: '2025-01-01', to: '2025-12-31' } });
    const e = zhiduError(() => strict.isWorkday('2026-01-02'));
    expect(e.code).toBe('calendar_out_of_range');
    expect(zhiduError(() => strict.addWorkdays('2025-12-30', 3)).code).toBe('calendar_out_of_range');
    expect(zhiduError(() => strict.spansOn('2024-12-31')).code).toBe('calendar_out_of_range');
    expect(strict.addWorkdays('2025-12-20', 3)).toBe('2025-12-24');
    const lenient = defineCalendar({
      coverage: { from: '2025-01-01', to: '2025-12-31', outside: 'workweek' },
    });
    expect(lenient.isWorkday('2026-01-02')).toBe(true);
    expect(lenient.addWorkdays('2025-12-30', 3)).toBe('2026-01-02');
  });

  // core-bugs.md #7: 10^8 workdays lands past the Date range and throws a bare RangeError.
  it('refuses a workday count that leaves the Date range with a ZhiduError (core-bugs.md #7)', () => {
    expect(zhiduError(() => weekdayCalendar().addWorkdays('2025-01-01', 1e8))).toBeInstanceOf(ZhiduError);
  });

  it('says so when no workday can ever be found', () => {
    expect(zhiduError(() => defineCalendar({ workweek: [] }).addWorkdays('2025-01-01', 1)).code).toBe(
      'calendar_out_of_range',
    );
  });

  it.each([
    [
      'a span ending before it starts',
      { hours: { spans: [{ start: '12:00', end: '09:00' }] } },
      ['calendar', 'hours', 'spans', 0],
    ],
    [
      'overlapping spans',
      {
        hours: {
          spans: [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '18:00' },
          ],
        },
      },
      ['calendar', 'hours', 'spans'],
    ],
    ['a weekday 0', { workweek: [0] }, ['calendar', 'workweek', 0]],
  ])('refuses %s with a ZhiduError pointing at it', (_label, data, path) => {
    expect(zhiduError(() => defineCalendar(data)).path).toEqual(path);
  });

  it('refuses an unknown zone with invalid_zone', () => {
    expect(zhiduError(() => defineCalendar({ zone: 'Mars/Olympus' })).code).toBe('invalid_zone');
  });

  // core-bugs.md #6: the span refinement calls parseLocalTime on an unvalidated time and throws from inside zod.
  it('points at a malformed span time (core-bugs.md #6)', () => {
    const e = zhiduError(() => defineCalendar({ hours: { spans: [{ start: '9:00', end: '18:00' }] } }));
    expect(e.code).toBe('invalid_date');
    expect(e.path).toEqual(['calendar', 'hours', 'spans', 0, 'start']);
  });

  // core-bugs.md #5: an impossible override date is reported as invalid_input "Invalid key in record".
  it('reports an impossible override date as invalid_date (core-bugs.md #5)', () => {
    const e = zhiduError(() => defineCalendar({ overrides: { '2025-02-30': { workday: false } } }));
    expect(e.code).toBe('invalid_date');
    expect(e.path).toEqual(['calendar', 'overrides', '2025-02-30']);
  });
});

describe('withOverrides()', () => {
  const base = weekdayCalendar();
  const cal = withOverrides(base, {
    '2025-12-31': { workday: true, spans: [{ start: '09:00', end: '15:00' }], note: 'short day' },
    '2025-12-26': { workday: false, note: 'annual company closure' },
    '2025-12-27': { workday: true, note: 'stock-take Saturday' },
  });

  it('layers closures, extra workdays and short days over a base calendar, leaving the base unchanged', () => {
    expect(cal.isWorkday('2025-12-26')).toBe(false);
    expect(base.isWorkday('2025-12-26')).toBe(true);
    expect(cal.isWorkday('2025-12-27')).toBe(true);
    expect(cal.spansOn('2025-12-27')).toEqual(base.standardSpans('2025-12-27'));
    expect(cal.workEnd('2025-12-31')).toBe(utc('2025-12-31', '15:00'));
    expect(cal.addWorkdays('2025-12-25', 1)).toBe('2025-12-27');
    expect(cal.addWorkdays('2025-12-25', 2)).toBe('2025-12-29');
    expect(cal.addWorkdays('2025-12-29', -2)).toBe('2025-12-25');
    expect(cal.workdaysBetween('2025-12-24', '2025-12-31')).toBe(
      base.workdaysBetween('2025-12-24', '2025-12-31'),
    );
    expect(cal.zone).toBe(base.zone);
  });

  it('composes: an overlay over an overlay', () => {
    const twice = withOverrides(cal, { '2025-12-29': { workday: false, note: 'extended closure' } });
    expect(twice.addWorkdays('2025-12-25', 2)).toBe('2025-12-30');
    expect(cal.addWorkdays('2025-12-25', 2)).toBe('2025-12-29');
  });

  it('refuses malformed overrides', () => {
    const e = zhiduError(() =>
      withOverrides(base, { '2025-12-26': { workday: 'no' as unknown as boolean } }),
    );
    expect(e.path).toEqual(['overrides', '2025-12-26', 'workday']);
  });

  it('keeps refusing base dates outside the data', () => {
    const strict = withOverrides(defineCalendar({ coverage: { from: '2025-01-01', to: '2025-12-31' } }), {});
    expect(zhiduError(() => strict.isWorkday('2026-01-05')).code).toBe('calendar_out_of_range');
    expect(strict.workdaysBetween('2025-12-20', '2025-12-31')).toBe(8);
  });

  // core-bugs.md #4: the galloping search asks the base about dates past its coverage.
  it('answers addWorkdays near the end of the base data when the answer is inside it (core-bugs.md #4)', () => {
    const strict = withOverrides(defineCalendar({ coverage: { from: '2025-01-01', to: '2025-12-31' } }), {});
    expect(strict.addWorkdays('2025-12-20', 3)).toBe('2025-12-24');
    expect(strict.addWorkdays('2025-01-10', -3)).toBe('2025-01-07');
  });
});

describe('addWorkdays / workdaysBetween invariants (property)', () => {
  const overrides: Record<string, DayOverride> = {};
  // A fixed, irregular set of closures and extra days so the overlay and data paths are exercised.
  for (let i = 0; i < 400; i++) {
    const d = fromEpochDay(toEpochDay('2019-01-01') + ((i * 7919) % 4000));
    overrides[d] = { workday: i % 3 === 0 };
  }
  const isOverride = (d: string) => overrides[d]?.workday;
  const refWeekday = (d: string) => isoWeekday(d) <= 5;
  const refSixDay = (d: string) => isOverride(d) ?? isoWeekday(d) <= 6;
  const refOverlay = (d: string) => isOverride(d) ?? refWeekday(d);

  const calendars: [string, WorkCalendar, (d: string) => boolean][] = [
    ['weekdayCalendar', weekdayCalendar(), refWeekday],
    [
      'six-day defineCalendar with overrides',
      defineCalendar({ workweek: [1, 2, 3, 4, 5, 6], overrides }),
      refSixDay,
    ],
    ['withOverrides over weekdayCalendar', withOverrides(weekdayCalendar(), overrides), refOverlay],
  ];

  for (const [name, cal, ref] of calendars) {
    it(`${name}: isWorkday matches the reference, addWorkdays matches a day-by-day walk, workdaysBetween inverts it`, () => {
      fc.assert(
        fc.property(dateArb('2020-01-01', '2028-12-31'), fc.integer({ min: -400, max: 400 }), (a, n) => {
          expect(cal.isWorkday(a)).toBe(ref(a));
          const b = cal.addWorkdays(a, n);
          expect(b).toBe(naiveAddWorkdays(ref, a, n));
          expect(cal.workdaysBetween(a, b)).toBe(n);
          if (n !== 0) expect(cal.isWorkday(b)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it(`${name}: workdaysBetween is additive forwards and counts [b, a) backwards (property)`, () => {
      fc.assert(
        fc.property(
          dateArb('2020-01-01', '2028-12-31'),
          fc.integer({ min: 0, max: 200 }),
          fc.integer({ min: 0, max: 200 }),
          (a, x, y) => {
            const b = addDays(a, x);
            const c = addDays(b, y);
            expect(cal.workdaysBetween(a, b) + cal.workdaysBetween(b, c)).toBe(cal.workdaysBetween(a, c));
            // Backwards the interface counts [b, a), so that addWorkdays(a, −n) round-trips:
            // −(workdays in [a, b)) = −(workdays in (a, b]) − [a is a workday] + [b is a workday].
            const back = cal.workdaysBetween(b, a) + 0;
            const forward = cal.workdaysBetween(a, b);
            expect(back).toBe(-forward + (ref(b) ? 1 : 0) - (ref(a) ? 1 : 0) + 0);
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});

describe('calendar options are strict', () => {
  it('a misspelt option of weekdayCalendar or defineCalendar is refused with unknown_key, naming the option meant', () => {
    const zon = zhiduError(() => weekdayCalendar({ zon: 'UTC' } as never));
    expect(zon).toMatchObject({ code: 'unknown_key', path: ['options', 'zon'] });
    expect(zon.message).toContain('zone');
    const yeers = zhiduError(() => defineCalendar({}, { yeers: [] } as never));
    expect(yeers).toMatchObject({ code: 'unknown_key', path: ['options', 'yeers'] });
    // The options spelt right still work.
    expect(weekdayCalendar({ zone: 'UTC' }).zone).toBe('UTC');
    expect(defineCalendar({}, { years: [] }).isWorkday('2025-01-27')).toBe(true);
  });
});
