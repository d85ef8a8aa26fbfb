import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhiduError } from '../test/helpers.js';
import { parseInput } from './errors.js';
import {
  addDays,
  addMinutes,
  addMonthsClamped,
  assertLocalDate,
  assertZone,
  atLocal,
  compareInstants,
  DEFAULT_ZONE,
  daysBetween,
  endOfLocalDay,
  endOfMonthDate,
  fromEpochDay,
  InstantSchema,
  LocalDateSchema,
  LocalTimeSchema,
  localDateOf,
  localMinutesOf,
  localTimeOf,
  parseLocalTime,
  startOfLocalDay,
  toEpochDay,
  toEpochMs,
  toInstant,
  weekdayOf,
  withDayOfMonth,
  ZoneSchema,
} from './time.js';

describe('instants', () => {
  it('reads ISO-8601 with an offset and keeps UTC inside', () => {
    expect(toEpochMs('2025-01-24T17:40:00+08:00')).toBe(1737711600000);
    expect(toInstant('2025-01-24T17:40:00+08:00')).toBe('2025-01-24T09:40:00.000Z');
    expect(toInstant('2025-01-24T09:40:00Z')).toBe('2025-01-24T09:40:00.000Z');
    expect(toInstant('2025-01-24T17:40+08:00')).toBe('2025-01-24T09:40:00.000Z');
    expect(toInstant('2025-01-24T17:40:00.123+08:00')).toBe('2025-01-24T09:40:00.123Z');
    expect(toInstant('2025-01-24T04:40:00-05:00')).toBe('2025-01-24T09:40:00.000Z');
  });

  it('reads epoch milliseconds and Date objects at the boundary', () => {
    expect(toInstant(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(toInstant(1737711600000)).toBe('2025-01-24T09:40:00.000Z');
    expect(toInstant(new Date(Date.UTC(2025, 0, 24, 9, 40)))).toBe('2025-01-24T09:40:00.000Z');
    expect(toEpochMs(-1)).toBe(-1);
  });

  it.each([
    ['a local time without offset (ambiguous)', '2025-01-24T17:40:00'],
    ['a bare date', '2025-01-24'],
    ['an impossible date (29 Feb 2025)', '2025-02-29T00:00:00Z'],
    ['an impossible day (31 April)', '2025-04-31T10:00:00+08:00'],
    ['hour 24', '2025-01-24T24:00:00Z'],
    ['minute 60', '2025-01-24T17:60:00Z'],
    ['second 60', '2025-01-24T17:40:60Z'],
    ['an out-of-range offset', '2025-01-24T17:40:00+25:00'],
    ['free text', 'yesterday'],
    ['a fractional epoch ms', 1.5],
    ['NaN', Number.NaN],
    ['an invalid Date', new Date(Number.NaN)],
  ])('refuses %s with invalid_instant', (_label, input) => {
    const e = zhiduError(() => toInstant(input, ['events', 0, 'at']));
    expect(e.code).toBe('invalid_instant');
    expect(e.path).toEqual(['events', 0, 'at']);
    expect(e.message).toContain('events[0].at');
  });

  // core-bugs.md #3 (fixed): a safe integer beyond the Date range used to throw a bare RangeError.
  it('refuses a safe integer epoch beyond the Date range with invalid_instant', () => {
    expect(zhiduError(() => toInstant(8.64e15 + 1)).code).toBe('invalid_instant');
    expect(zhiduError(() => toInstant(Number.MAX_SAFE_INTEGER)).code).toBe('invalid_instant');
  });

  it('compares instants across offsets and adds minutes', () => {
    expect(compareInstants('2025-01-01T00:00:00Z', '2025-01-01T08:00:00+08:00')).toBe(0);
    expect(compareInstants('2025-01-01T00:00:00Z', '2025-01-01T00:00:01Z')).toBeLessThan(0);
    expect(addMinutes('2025-01-24T09:40:00Z', 30)).toBe('2025-01-24T10:10:00.000Z');
    expect(addMinutes('2025-01-24T09:40:00Z', -40)).toBe('2025-01-24T09:00:00.000Z');
    expect(zhiduError(() => addMinutes('2025-01-24T09:40:00Z', Number.NaN)).code).toBe('invalid_duration');
  });

  it('InstantSchema outputs canonical UTC and bridges a bad instant as invalid_instant with its path', () => {
    const Event = z.object({ at: InstantSchema });
    expect(Event.parse({ at: '2025-01-24T17:40:00+08:00' }).at).toBe('2025-01-24T09:40:00.000Z');
    expect(Event.parse({ at: 0 }).at).toBe('1970-01-01T00:00:00.000Z');
    const e = zhiduError(() => parseInput(Event, { at: '2025-01-24T17:40:00' }, ['events', 2]));
    expect(e.code).toBe('invalid_instant');
    expect(e.path).toEqual(['events', 2, 'at']);
  });
});

describe('zones', () => {
  it('defaults to Asia/Shanghai and knows IANA zones', () => {
    expect(DEFAULT_ZONE).toBe('Asia/Shanghai');
    expect(assertZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(assertZone('UTC')).toBe('UTC');
    expect(assertZone('America/New_York')).toBe('America/New_York');
  });

  it.each([['Mars/Olympus'], [''], ['GMT+8 China']])(
    'refuses the unknown zone %j with invalid_zone',
    (zone) => {
      const e = zhiduError(() => assertZone(zone, ['policy', 'zone']));
      expect(e.code).toBe('invalid_zone');
      expect(e.path).toEqual(['policy', 'zone']);
    },
  );

  it('refuses an unknown zone wherever one is taken', () => {
    expect(zhiduError(() => localDateOf('2025-01-24T09:40:00Z', 'Mars/Olympus')).code).toBe('invalid_zone');
    expect(zhiduError(() => atLocal('2025-01-24', '09:00', 'Mars/Olympus')).code).toBe('invalid_zone');
    expect(zhiduError(() => parseInput(ZoneSchema, 'Mars/Olympus', ['zone'])).code).toBe('invalid_zone');
  });
});

describe('local dates and times in the policy zone', () => {
  it('reads the local date of an instant in Asia/Shanghai (UTC+8): 16:30Z is already the next day', () => {
    expect(localDateOf('2025-01-24T16:30:00Z')).toBe('2025-01-25');
    expect(localDateOf('2025-01-24T15:59:59.999Z')).toBe('2025-01-24');
    expect(localDateOf('2025-01-24T16:30:00Z', 'UTC')).toBe('2025-01-24');
    expect(localTimeOf('2025-01-24T09:40:00Z')).toBe('17:40');
    expect(localMinutesOf('2025-01-24T09:40:00Z')).toBe(1060);
    expect(localMinutesOf('2025-01-24T09:40:30Z')).toBe(1060.5);
  });

  it('builds instants from a local date and wall time', () => {
    expect(atLocal('2025-01-24', '17:40')).toBe('2025-01-24T09:40:00.000Z');
    expect(atLocal('2025-01-24', 1060.5)).toBe('2025-01-24T09:40:30.000Z');
    expect(atLocal('2025-01-24', '24:00')).toBe('2025-01-24T16:00:00.000Z');
    expect(startOfLocalDay('2025-01-24')).toBe('2025-01-23T16:00:00.000Z');
    expect(endOfLocalDay('2025-01-24')).toBe('2025-01-24T15:59:59.999Z');
  });

  it('honours a DST change in a zone that has one', () => {
    // 2025-03-09: New York springs forward at 02:00; noon is EDT (UTC−4), midnight was EST (UTC−5).
    expect(startOfLocalDay('2025-03-09', 'America/New_York')).toBe('2025-03-09T05:00:00.000Z');
    expect(atLocal('2025-03-09', '12:00', 'America/New_York')).toBe('2025-03-09T16:00:00.000Z');
    expect(endOfLocalDay('2025-03-08', 'America/New_York')).toBe('2025-03-09T04:59:59.999Z');
    expect(atLocal('2025-11-02', '12:00', 'America/New_York')).toBe('2025-11-02T17:00:00.000Z');
  });

  it('validates YYYY-MM-DD dates, including leap years', () => {
    expect(assertLocalDate('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-5', '2025-01-32', '20250124', '']) {
      const e = zhiduError(() => assertLocalDate(bad, ['date']));
      expect(e.code).toBe('invalid_date');
      expect(e.path).toEqual(['date']);
    }
    expect(zhiduError(() => parseInput(LocalDateSchema, '2025-02-29', ['d'])).code).toBe('invalid_date');
    expect(LocalDateSchema.parse('2024-02-29')).toBe('2024-02-29');
  });

  it('validates HH:mm times', () => {
    expect(parseLocalTime('17:30')).toBe(1050);
    expect(parseLocalTime('00:00')).toBe(0);
    expect(parseLocalTime('08:30:30')).toBe(510.5);
    expect(parseLocalTime('24:00')).toBe(1440);
    for (const bad of ['25:00', '9:00', '12:60', 'noon']) {
      expect(zhiduError(() => parseLocalTime(bad)).code).toBe('invalid_date');
    }
    expect(LocalTimeSchema.safeParse('17:00').success).toBe(true);
    expect(LocalTimeSchema.safeParse('17:0').success).toBe(false);
  });

  it('does calendar arithmetic on local dates', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysBetween('2025-01-24', '2025-02-05')).toBe(12);
    expect(daysBetween('2025-02-05', '2025-01-24')).toBe(-12);
    expect(toEpochDay('1970-01-02')).toBe(1);
    expect(fromEpochDay(-1)).toBe('1969-12-31');
    expect(zhiduError(() => addDays('2025-01-31', 1.5)).code).toBe('invalid_duration');
    expect(zhiduError(() => addDays('2025-02-30', 1)).code).toBe('invalid_date');
  });

  it('knows ISO weekdays (1 = Monday … 7 = Sunday)', () => {
    expect(weekdayOf('2025-10-11')).toBe(6);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-31')).toBe(3);
    expect(weekdayOf('2025-01-26')).toBe(7);
    expect(weekdayOf('2024-03-04')).toBe(1);
  });

  it('adds calendar months clamped to month end (S001-ATTR-12: 2023-12-31 + 2 months = 2024-02-29)', () => {
    expect(addMonthsClamped('2023-12-31', 2)).toBe('2024-02-29');
    expect(addMonthsClamped('2024-01-15', 2)).toBe('2024-03-15');
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsClamped('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsClamped('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonthsClamped('2024-08-31', 6)).toBe('2025-02-28');
    expect(zhiduError(() => addMonthsClamped('2024-01-31', 0.5)).code).toBe('invalid_duration');
  });

  it('finds the month end (当月底) and clamps a day-of-month', () => {
    expect(endOfMonthDate('2024-02-10')).toBe('2024-02-29');
    expect(endOfMonthDate('2025-02-10')).toBe('2025-02-28');
    expect(endOfMonthDate('2024-12-01')).toBe('2024-12-31');
    expect(withDayOfMonth('2025-02-10', 31)).toBe('2025-02-28');
    expect(withDayOfMonth('2025-03-10', 5)).toBe('2025-03-05');
  });

  // core-bugs.md #7: a huge day or month count runs past the Date range and throws a bare RangeError.
  it('refuses a day or month count that leaves the Date range with a ZhiduError (core-bugs.md #7)', () => {
    const codes = ['invalid_duration', 'invalid_date', 'calendar_out_of_range'];
    expect(codes).toContain(zhiduError(() => addDays('2025-01-01', 1e9)).code);
    expect(codes).toContain(zhiduError(() => addMonthsClamped('2025-01-01', 1e7)).code);
  });

  // core-bugs.md #2 (fixed by refusing them): years 0000–0099 used to be read as 1900–1999.
  it('refuses years before 1000 instead of reading 0099 as 1999', () => {
    expect(zhiduError(() => addMonthsClamped('0099-01-31', 1)).code).toBe('invalid_date');
    expect(zhiduError(() => addDays('0050-01-01', 1)).code).toBe('invalid_date');
    expect(zhiduError(() => toInstant('0025-03-01T00:00:00Z')).code).toBe('invalid_instant');
    expect(assertLocalDate('1000-01-01')).toBe('1000-01-01');
  });
});

describe('addMonthsClamped agrees with date-fns', () => {
  it('matches date-fns addMonths on every date and offset (month-end clamping, S001-ATTR-12)', async () => {
    const fc = (await import('fast-check')).default;
    const { addMonths } = await import('date-fns');
    const { TZDate } = await import('@date-fns/tz');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.integer({ min: -400, max: 400 }),
        (d, n) => {
          const date = d.toISOString().slice(0, 10);
          const [y, m, day] = date.split('-').map(Number) as [number, number, number];
          const reference = addMonths(new TZDate(y, m - 1, day, 'UTC'), n)
            .toISOString()
            .slice(0, 10);
          expect(addMonthsClamped(date, n)).toBe(reference);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('wall times around a DST change follow Temporal "compatible" (issue 12)', () => {
  it('a wall time in a spring-forward gap moves forward by the gap: 02:30 New York on 2022-03-13 is 07:30Z (03:30 EDT)', () => {
    expect(atLocal('2022-03-13', '02:30', 'America/New_York')).toBe('2022-03-13T07:30:00.000Z');
    expect(atLocal('2022-03-13', '02:00', 'America/New_York')).toBe('2022-03-13T07:00:00.000Z');
    expect(atLocal('2022-03-13', '03:00', 'America/New_York')).toBe('2022-03-13T07:00:00.000Z');
    expect(localTimeOf(atLocal('2022-03-13', '02:30', 'America/New_York'), 'America/New_York')).toBe('03:30');
    // London springs forward at 01:00 GMT; Lord Howe by 30 minutes at 02:00.
    expect(atLocal('2022-03-27', '01:30', 'Europe/London')).toBe('2022-03-27T01:30:00.000Z');
    expect(atLocal('2022-10-02', '02:15', 'Australia/Lord_Howe')).toBe('2022-10-01T15:45:00.000Z');
  });

  it('a wall time in a fall-back overlap is the earlier instant (New York, London, Lord Howe)', () => {
    expect(atLocal('2022-11-06', '01:30', 'America/New_York')).toBe('2022-11-06T05:30:00.000Z');
    expect(atLocal('2022-10-30', '01:30', 'Europe/London')).toBe('2022-10-30T00:30:00.000Z');
    expect(atLocal('2022-04-03', '01:45', 'Australia/Lord_Howe')).toBe('2022-04-02T14:45:00.000Z');
    // Just outside the overlap, one reading only.
    expect(atLocal('2022-10-30', '02:00', 'Europe/London')).toBe('2022-10-30T02:00:00.000Z');
    expect(atLocal('2022-10-30', '00:59', 'Europe/London')).toBe('2022-10-29T23:59:00.000Z');
  });

  it('a day whose midnight falls in a gap starts at the first instant after it (Havana 2022-03-13 starts 01:00 CDT)', () => {
    expect(startOfLocalDay('2022-03-13', 'America/Havana')).toBe('2022-03-13T05:00:00.000Z');
    expect(localDateOf('2022-03-13T04:59:59.999Z', 'America/Havana')).toBe('2022-03-12');
    expect(endOfLocalDay('2022-03-12', 'America/Havana')).toBe('2022-03-13T04:59:59.999Z');
  });

  it('local mean times with seconds give whole-millisecond instants (Shanghai 1800: +08:05:43)', () => {
    expect(atLocal('1800-01-01', '00:00', 'Asia/Shanghai')).toBe('1799-12-31T15:54:17.000Z');
    expect(localTimeOf('1799-12-31T15:54:17.000Z', 'Asia/Shanghai')).toBe('00:00');
    expect(localMinutesOf('1799-12-31T15:54:17.000Z', 'Asia/Shanghai')).toBe(0);
  });
});

describe('time functions refuse bad arguments with a ZhiduError, never a TypeError or RangeError (issue 12)', () => {
  it('localTimeOf at the end of the Date range reads the wall clock instead of throwing a RangeError', () => {
    expect(localTimeOf(8.64e15, 'Asia/Shanghai')).toBe('08:00');
    expect(localTimeOf(-8.64e15, 'America/New_York')).toBe('19:03');
    expect(zhiduError(() => localDateOf(8.64e15, 'Asia/Shanghai')).code).toBe('invalid_date');
  });

  it('atLocal refuses minutes of the day outside 0–1440 (NaN, Infinity, −1, 1441) as invalid_date at [1]', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1, 1441, 1e308]) {
      const e = zhiduError(() => atLocal('2025-01-24', bad));
      expect([e.code, e.path]).toEqual(['invalid_date', [1]]);
    }
    expect(atLocal('2025-01-24', 1440)).toBe('2025-01-24T16:00:00.000Z');
  });

  it('withDayOfMonth refuses a day that is not an integer from 1 to 31 instead of printing 00 or NaN', () => {
    for (const bad of [0, -3, 32, 1.5, Number.NaN, '5' as unknown as number]) {
      const e = zhiduError(() => withDayOfMonth('2025-02-10', bad));
      expect([e.code, e.path]).toEqual(['invalid_date', [1]]);
    }
  });

  it('non-string and hostile arguments (symbol, BigInt, object) are refused with the right code', () => {
    const sym = Symbol('x') as unknown as string;
    const big = 10n as unknown as number;
    expect(zhiduError(() => toEpochDay(sym)).code).toBe('invalid_date');
    expect(zhiduError(() => assertLocalDate(big as unknown as string)).code).toBe('invalid_date');
    expect(zhiduError(() => parseLocalTime(big as unknown as string)).code).toBe('invalid_date');
    expect(zhiduError(() => addDays('2025-01-01', big)).code).toBe('invalid_duration');
    expect(zhiduError(() => addDays('2025-01-01', sym as unknown as number)).code).toBe('invalid_duration');
    expect(zhiduError(() => addMonthsClamped('2025-01-01', sym as unknown as number)).code).toBe(
      'invalid_duration',
    );
    expect(zhiduError(() => addMinutes('2025-01-01T00:00:00Z', sym as unknown as number)).code).toBe(
      'invalid_duration',
    );
    expect(zhiduError(() => toEpochMs(big)).code).toBe('invalid_instant');
    expect(zhiduError(() => toEpochMs({} as unknown as string)).message).toContain('an object');
    expect(zhiduError(() => assertZone(sym)).code).toBe('invalid_zone');
    expect(zhiduError(() => assertZone({ toString: () => 'UTC' } as unknown as string)).code).toBe(
      'invalid_zone',
    );
  });
});

describe('toInstant remembers the canonical form of instant strings', () => {
  it('the same string converts to the same canonical instant every time (cached or not)', () => {
    const once = toInstant('2031-07-09T08:15:00+08:00');
    expect(once).toBe('2031-07-09T00:15:00.000Z');
    expect(toInstant('2031-07-09T08:15:00+08:00')).toBe(once);
    expect(toInstant('2031-07-09T00:15:00.000Z')).toBe('2031-07-09T00:15:00.000Z');
  });

  it('a refused string stays refused on every call (failures are not cached)', () => {
    for (let i = 0; i < 2; i++)
      expect(zhiduError(() => toInstant('2031-02-30T08:00:00+08:00')).code).toBe('invalid_instant');
  });
});
