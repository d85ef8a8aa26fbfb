// date-fns (+ @date-fns/tz) is the oracle of every function in time.ts (issue 12). zhidu keeps its own
// civil-date arithmetic (fast, allocation-free); these seeded, bounded properties pin it to date-fns,
// including the DST zones (America/New_York, Europe/London, Australia/Lord_Howe with its 30-minute
// shift) and the weekly offset cache. The wall-time oracle for atLocal is independent of time.ts: it
// tries every offset the zone shows within ±14 h and keeps the wall times that read back exactly.
import { TZDate, tzOffset } from '@date-fns/tz';
import {
  compareAsc,
  addDays as dfAddDays,
  addMinutes as dfAddMinutes,
  differenceInCalendarDays,
  endOfDay,
  format,
  getDaysInMonth,
  getISODay,
  isValid,
  lastDayOfMonth,
  parse,
  parseISO,
  setDate,
  startOfDay,
} from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZhiduError } from './errors.js';
import {
  addDays,
  addMinutes,
  assertLocalDate,
  assertZone,
  atLocal,
  compareInstants,
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
  wallClockText,
  weekdayOf,
  withDayOfMonth,
  ZoneSchema,
} from './time.js';

const DST_ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe'] as const;
/** Zones whose clocks change at midnight (the gap swallows 00:00), for start/end of day. */
const MIDNIGHT_ZONES = ['America/Havana', 'America/Santiago', 'Asia/Beirut'] as const;
const ALL_ZONES = [...DST_ZONES, ...MIDNIGHT_ZONES, 'Asia/Shanghai', 'UTC', 'Asia/Kathmandu'] as const;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
/** A UTC-midnight TZDate of a local date: date-fns's view of a date with no zone involved. */
const utcDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 'UTC');
};
const dfDate = (d: Date) => format(d, 'yyyy-MM-dd');

/** date-fns's reading of an instant's wall clock in `zone`, as epoch ms whose UTC fields are that wall clock. */
function oracleWall(ms: number, zone: string): number {
  const d = new TZDate(ms, zone);
  return Date.UTC(
    d.getFullYear(),
    d.getMonth(),
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
    d.getMilliseconds(),
  );
}

/**
 * Temporal "compatible", from first principles: every instant whose wall clock (per date-fns) reads
 * `wall`; the earliest of them (overlap); none (gap) → date-fns's TZDate, which moves a wall time in a
 * gap forward by the gap (checked by hand below for the three DST zones).
 */
function oracleAtLocal(wall: number, zone: string): number {
  const offsets = new Set<number>();
  for (let t = wall - 15 * HOUR; t <= wall + 15 * HOUR; t += 30 * MIN) offsets.add(oracleWall(t, zone) - t);
  const matches = [...offsets].map((o) => wall - o).filter((t) => oracleWall(t, zone) === wall);
  if (matches.length > 0) return Math.min(...matches);
  const w = new Date(wall);
  return new TZDate(
    w.getUTCFullYear(),
    w.getUTCMonth(),
    w.getUTCDate(),
    w.getUTCHours(),
    w.getUTCMinutes(),
    w.getUTCSeconds(),
    w.getUTCMilliseconds(),
    zone,
  ).getTime();
}

/** Every offset change of `zone` in [from, to) years, to the millisecond (date-fns's tzOffset, bisected). */
function transitions(zone: string, fromYear: number, toYear: number): number[] {
  const out: number[] = [];
  const off = (t: number) => tzOffset(zone, new Date(t));
  for (let t = Date.UTC(fromYear, 0, 1); t < Date.UTC(toYear, 0, 1); t += 6 * HOUR) {
    if (off(t) === off(t + 6 * HOUR)) continue;
    let [lo, hi] = [t, t + 6 * HOUR];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (off(mid) === off(lo)) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

const TRANSITIONS = Object.fromEntries(
  [...DST_ZONES, ...MIDNIGHT_ZONES].map((z) => [z, transitions(z, 2018, 2032)]),
) as Record<string, number[]>;

const date = fc
  .record({
    y: fc.integer({ min: 1000, max: 9999 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => ymd(y, m, Math.min(d, getDaysInMonth(new TZDate(y, m - 1, 1, 'UTC')))));
const recentDate = fc
  .record({
    y: fc.integer({ min: 1850, max: 2150 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => ymd(y, m, Math.min(d, getDaysInMonth(new TZDate(y, m - 1, 1, 'UTC')))));
/** An instant within three days of one of the zone's offset changes (2018–2031), or anywhere 1850–2150. */
const instantIn = (zone: string) =>
  fc.oneof(
    fc
      .tuple(fc.constantFrom(...(TRANSITIONS[zone] ?? [0])), fc.integer({ min: -3 * DAY, max: 3 * DAY }))
      .map(([t, d]) => t + d),
    fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2150, 0, 1) }),
  );
/** A wall time (as UTC-field epoch ms) within three hours of one of the zone's offset changes. */
const wallNearChange = (zone: string) =>
  fc
    .tuple(fc.constantFrom(...(TRANSITIONS[zone] ?? [0])), fc.integer({ min: -3 * 60, max: 3 * 60 }))
    .map(
      ([t, minutes]) => Math.floor((t + tzOffset(zone, new Date(t - 1)) * MIN) / MIN) * MIN + minutes * MIN,
    );

const seeded = (seed: number, numRuns: number) => ({ seed, numRuns });

describe('time.ts agrees with date-fns (seeded properties)', () => {
  it('the transition fixture found the DST changes of every zone it probes (2 a year)', () => {
    for (const zone of DST_ZONES) expect(TRANSITIONS[zone]?.length).toBe(28);
  });

  it('toEpochMs / toInstant read ISO-8601 with any offset (±14:00, +05:45) as date-fns parseISO does', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 86_399 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: -12 * 4, max: 14 * 4 }),
        (d, sec, ms, quarter) => {
          const off =
            quarter === 0
              ? 'Z'
              : `${quarter < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(quarter) / 4))}:${pad((Math.abs(quarter) % 4) * 15)}`;
          const s = `${d}T${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)}.${pad(ms, 3)}${off}`;
          const expected = parseISO(s).getTime();
          expect(toEpochMs(s)).toBe(expected);
          expect(toInstant(s)).toBe(new Date(expected).toISOString());
          expect(parsed(InstantSchema.safeParse(s))).toBe(new Date(expected).toISOString());
        },
      ),
      seeded(12_001, 400),
    );
  });

  it('compareInstants and addMinutes agree with compareAsc and addMinutes', () => {
    const ms = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 0, 1) });
    fc.assert(
      fc.property(ms, ms, fc.integer({ min: -10_000_000, max: 10_000_000 }), (a, b, n) => {
        expect(Math.sign(compareInstants(a, new Date(b).toISOString()))).toBe(
          compareAsc(new Date(a), new Date(b)),
        );
        const sum = dfAddMinutes(new Date(a), n);
        // Past the years 1000–9999 (UTC) the sum is refused rather than written in a form zhidu
        // would refuse to read back.
        if (sum.getTime() >= Date.UTC(1000, 0, 1) && sum.getTime() < Date.UTC(10_000, 0, 1))
          expect(addMinutes(a, n)).toBe(sum.toISOString());
        else expect(() => addMinutes(a, n)).toThrow(expect.objectContaining({ code: 'invalid_instant' }));
      }),
      seeded(12_002, 300),
    );
  });

  it('assertLocalDate and LocalDateSchema accept exactly the dates date-fns parses strictly (years 1000–9999)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = ymd(y, m, d);
          const dfValid = isValid(parse(s, 'yyyy-MM-dd', new Date(0)));
          let ours = true;
          try {
            assertLocalDate(s);
          } catch (e) {
            expect(e).toBeInstanceOf(ZhiduError);
            ours = false;
          }
          expect(ours).toBe(dfValid);
          expect(LocalDateSchema.safeParse(s).success).toBe(dfValid);
        },
      ),
      seeded(12_003, 600),
    );
  });

  it('parseLocalTime agrees with date-fns parse of HH:mm and HH:mm:ss', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_399 }), fc.boolean(), (sec, withSeconds) => {
        const s = `${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}${withSeconds ? `:${pad(sec % 60)}` : ''}`;
        const t = parse(s, withSeconds ? 'HH:mm:ss' : 'HH:mm', new Date(2025, 0, 1));
        const expected = t.getHours() * 60 + t.getMinutes() + t.getSeconds() / 60;
        expect(parseLocalTime(s)).toBeCloseTo(expected, 9);
        expect(LocalTimeSchema.safeParse(s).success).toBe(true);
      }),
      seeded(12_004, 300),
    );
  });

  it('toEpochDay, fromEpochDay, addDays, daysBetween and weekdayOf agree with date-fns', () => {
    fc.assert(
      fc.property(date, date, fc.integer({ min: -100_000, max: 100_000 }), (a, b, n) => {
        const da = utcDate(a);
        expect(toEpochDay(a)).toBe(differenceInCalendarDays(da, utcDate('1970-01-01')));
        expect(fromEpochDay(toEpochDay(a))).toBe(a);
        expect(daysBetween(a, b)).toBe(differenceInCalendarDays(utcDate(b), da));
        expect(weekdayOf(a)).toBe(getISODay(da));
        const sum = dfAddDays(da, n);
        if (sum.getFullYear() >= 1000 && sum.getFullYear() <= 9999) expect(addDays(a, n)).toBe(dfDate(sum));
        else expect(() => addDays(a, n)).toThrow(ZhiduError);
      }),
      seeded(12_005, 500),
    );
  });

  it('endOfMonthDate and withDayOfMonth agree with lastDayOfMonth and a clamped setDate', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 31 }), (a, day) => {
        const da = utcDate(a);
        expect(endOfMonthDate(a)).toBe(dfDate(lastDayOfMonth(da)));
        expect(withDayOfMonth(a, day)).toBe(dfDate(setDate(da, Math.min(day, getDaysInMonth(da)))));
      }),
      seeded(12_006, 400),
    );
  });

  it('localDateOf, localTimeOf and localMinutesOf read the wall clock as TZDate does, around every DST change (weekly offset cache)', () => {
    const zone = fc.constantFrom(...ALL_ZONES);
    fc.assert(
      fc.property(
        zone.chain((z) => fc.tuple(fc.constant(z), instantIn(z))),
        ([z, ms]) => {
          const d = new TZDate(ms, z);
          expect(localDateOf(ms, z)).toBe(format(d, 'yyyy-MM-dd'));
          expect(localTimeOf(ms, z)).toBe(format(d, 'HH:mm'));
          expect(localMinutesOf(ms, z)).toBeCloseTo(
            d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60 + d.getMilliseconds() / 60_000,
            9,
          );
        },
      ),
      seeded(12_007, 800),
    );
  });

  it("wallClockText (formatInstant's wall clock) writes what Intl's formatToParts writes, over the whole instant range and around every DST change", () => {
    // The oracle is Intl itself, as formatInstant used it before the weekly offset cache: one
    // formatter per zone, its parts joined. Local mean times (Shanghai's +08:05:43 before 1901,
    // Kiritimati's −10:29:20) and the ends of the range (years 999 and 10000 on the wall) included.
    const formatters = new Map<string, Intl.DateTimeFormat>();
    const intl = (ms: number, z: string): string => {
      let f = formatters.get(z);
      if (f === undefined) {
        f = new Intl.DateTimeFormat('en-CA', {
          timeZone: z,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        });
        formatters.set(z, f);
      }
      const p: Record<string, string> = {};
      for (const part of f.formatToParts(ms)) p[part.type] = part.value;
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
    };
    const zones = [
      ...ALL_ZONES,
      'Pacific/Kiritimati',
      'Asia/Kolkata',
      'Africa/Monrovia',
      'Europe/Amsterdam',
    ] as const;
    const first = Date.parse('1000-01-01T00:00:00Z');
    const last = Date.parse('9999-12-31T23:59:59.999Z');
    for (const [ms, z, text] of [
      [first, 'Pacific/Kiritimati', '999-12-31 13:30'],
      [last, 'Asia/Shanghai', '10000-01-01 07:59'],
      [Date.parse('1900-01-01T00:00:00Z'), 'Asia/Shanghai', '1900-01-01 08:05'],
      // West of Greenwich by under an hour: @date-fns/tz 1.5 loses the sign of `GMT-00:44:30`.
      [Date.parse('1970-01-01T00:00:00Z'), 'Africa/Monrovia', '1969-12-31 23:15'],
      [Date.parse('1847-11-30T12:00:00Z'), 'Europe/London', '1847-11-30 11:58'],
    ] as const) {
      expect(wallClockText(ms, z)).toBe(text);
      expect(intl(ms, z)).toBe(text);
      expect(localTimeOf(ms, z)).toBe(text.slice(-5));
    }
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: first, max: last }), (z, ms) => {
        expect(wallClockText(ms, z)).toBe(intl(ms, z));
      }),
      seeded(12_013, 1_500),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_ZONES).chain((z) => fc.tuple(fc.constant(z), instantIn(z))),
        ([z, ms]) => {
          expect(wallClockText(ms, z)).toBe(intl(ms, z));
        },
      ),
      seeded(12_012, 800),
    );
  });

  it('the weekly offset cache answers the same whatever order the weeks are asked in', () => {
    // Instants in the weeks of DST changes, asked forwards then backwards: a cached week must never
    // answer for an instant on the other side of a change.
    for (const zone of DST_ZONES) {
      const probes = (TRANSITIONS[zone] ?? []).flatMap((t) =>
        [-2 * DAY, -1, 0, 1, HOUR, 2 * DAY].map((d) => t + d),
      );
      const forward = probes.map((t) => localTimeOf(t, zone));
      const backward = [...probes]
        .reverse()
        .map((t) => localTimeOf(t, zone))
        .reverse();
      expect(backward).toEqual(forward);
      expect(forward).toEqual(probes.map((t) => format(new TZDate(t, zone), 'HH:mm')));
    }
  });

  it('atLocal resolves any wall time near a DST change as Temporal "compatible" (gap: forward by the gap; overlap: earlier)', () => {
    const zone = fc.constantFrom(...DST_ZONES, ...MIDNIGHT_ZONES);
    fc.assert(
      fc.property(
        zone.chain((z) => fc.tuple(fc.constant(z), wallNearChange(z))),
        ([z, wall]) => {
          const day = new Date(wall).toISOString().slice(0, 10);
          const minutes = (wall - utcDate(day).getTime()) / MIN;
          expect(atLocal(day, minutes, z)).toBe(new Date(oracleAtLocal(wall, z)).toISOString());
        },
      ),
      seeded(12_008, 600),
    );
  });

  it('atLocal agrees with the oracle at any date and time in any zone (1850–2150)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_ZONES),
        recentDate,
        fc.integer({ min: 0, max: 1439 }),
        (z, d, minutes) => {
          const time = `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
          const wall = utcDate(d).getTime() + minutes * MIN;
          expect(atLocal(d, time, z)).toBe(new Date(oracleAtLocal(wall, z)).toISOString());
        },
      ),
      seeded(12_009, 400),
    );
  });

  it('startOfLocalDay and endOfLocalDay agree with startOfDay / endOfDay of a TZDate in the DST zones', () => {
    fc.assert(
      fc.property(
        // From 1970: TZDate's setters lose the seconds of a local mean time (New York 1883: −4:56:02).
        fc.constantFrom(...DST_ZONES).chain((z) =>
          fc.tuple(
            fc.constant(z),
            instantIn(z).filter((ms) => ms >= 0),
          ),
        ),
        ([z, ms]) => {
          const d = localDateOf(ms, z);
          expect(startOfLocalDay(d, z)).toBe(new Date(startOfDay(new TZDate(ms, z)).getTime()).toISOString());
          expect(endOfLocalDay(d, z)).toBe(new Date(endOfDay(new TZDate(ms, z)).getTime()).toISOString());
        },
      ),
      seeded(12_010, 400),
    );
  });

  it('startOfLocalDay is the first instant of the day where midnight falls in a gap (Havana, Santiago, Beirut)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MIDNIGHT_ZONES).chain((z) => fc.tuple(fc.constant(z), instantIn(z))),
        ([z, ms]) => {
          const d = localDateOf(ms, z);
          const start = Date.parse(startOfLocalDay(d, z));
          expect(start).toBe(oracleAtLocal(utcDate(d).getTime(), z));
          // The first instant of the day: a millisecond earlier is the day before.
          expect(localDateOf(start, z)).toBe(d);
          expect(localDateOf(start - 1, z)).toBe(addDays(d, -1));
          expect(localDateOf(Date.parse(endOfLocalDay(d, z)), z)).toBe(d);
          expect(localDateOf(Date.parse(endOfLocalDay(d, z)) + 1, z)).toBe(addDays(d, 1));
        },
      ),
      seeded(12_011, 400),
    );
  });

  it('assertZone and ZoneSchema accept every zone Intl lists', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      expect(assertZone(zone)).toBe(zone);
      expect(ZoneSchema.safeParse(zone).success).toBe(true);
    }
  });
});

function parsed(r: { success: boolean; data?: unknown }): unknown {
  return r.success ? r.data : undefined;
}
