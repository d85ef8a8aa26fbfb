import { localDateOf, localMinutesOf } from '@zhidu/core';
import type { FineScheduleParams } from './schedule.js';

/**
 * Names the ledger period (and escalation window) an instant falls in, in the schedule's zone:
 * `2024-03` for a calendar month (C9), `2024-Q1`, `2024`.
 *
 * Converting an instant to a local date is the hot spot of a million-line assessment, so results
 * are cached (see {@link localDayNamer}); `dayOf` lets a caller share its own day namer (and its cache).
 */
export function periodNamer(
  window: FineScheduleParams['window'],
  zone: string,
  dayOf: (instant: string) => string = localDayNamer(zone),
): (instant: string) => string {
  const ofDay = periodOfDayNamer(window);
  return (instant: string): string => ofDay(dayOf(instant));
}

/**
 * Names the ledger period of a local date `YYYY-MM-DD` (see {@link periodNamer}), cached per date;
 * the last date is remembered (a violator's entries come in time order, most periods repeat the last).
 *
 * @example
 * periodOfDayNamer('calendarQuarter')('2024-05-31'); //=> '2024-Q2'
 */
export function periodOfDayNamer(window: FineScheduleParams['window']): (date: string) => string {
  const cache = new Map<string, string>();
  let lastDate = '';
  let lastName = '';
  return (date: string): string => {
    if (date === lastDate) return lastName;
    const hit = cache.get(date);
    lastDate = date;
    if (hit !== undefined) {
      lastName = hit;
      return hit;
    }
    const month = Number(date.slice(5, 7));
    const name =
      window === 'calendarMonth'
        ? date.slice(0, 7)
        : window === 'calendarQuarter'
          ? `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`
          : date.slice(0, 4);
    cache.set(date, name);
    lastName = name;
    return name;
  };
}

/**
 * The local date of a canonical instant in `zone` (core's `localDateOf`), cached per UTC quarter
 * hour where the whole quarter hour has one local date. Modern offsets are multiples of 15 minutes,
 * so a local midnight falls between quarter hours; before a zone took such an offset (local mean
 * time: Shanghai +8:05:43 until 1901, Monrovia −0:44:30 until 1972) or at a transition at an odd
 * minute (St John's at 00:01 until 2011), a local midnight can fall inside one. On a miss the first
 * and last millisecond of the quarter hour are named: the date is cached only when both have it and
 * the offset is the same at both; otherwise the quarter hour is remembered as mixed and each of its
 * instants is converted directly, so a date never depends on the order of the calls. The cache key
 * is computed from the characters of the canonical ISO string (`YYYY-MM-DDTHH:mm…Z`) without
 * allocating a string.
 *
 * @example
 * const dayOf = localDayNamer('Asia/Shanghai');
 * dayOf('1890-06-01T15:58:00.000Z'); //=> '1890-06-02'
 * dayOf('1890-06-01T15:50:00.000Z'); //=> '1890-06-01'
 */
export function localDayNamer(zone: string): (instant: string) => string {
  return localDayNamers(zone).ofInstant;
}

/** A day namer of {@link localDayNamers}: by instant string, or by the epoch milliseconds of one. */
export interface DayNamers {
  ofInstant: (instant: string) => string;
  /**
   * The date of a canonical instant from its epoch milliseconds (`canonicalMs`, never NaN): the
   * same quarter-hour key and cache as `ofInstant`, the key computed from the number (UTC civil
   * date, hour and quarter); in a mixed quarter hour core converts the milliseconds themselves
   * (`localDateOf` takes epoch milliseconds as it takes the string). So both give core's date in any
   * order of calls, the instant string unread.
   */
  ofMs: (ms: number) => string;
}

/**
 * Two day namers sharing one cache (see {@link localDayNamer}): by a canonical instant's string,
 * and by its epoch milliseconds, which the pricing walk has from the match step and which spare it
 * reading the instant strings again.
 *
 * @example
 * const days = localDayNamers('Asia/Shanghai');
 * days.ofMs(Date.parse('2024-03-31T16:00:00.000Z')); //=> '2024-04-01'
 * days.ofInstant('2024-03-31T16:05:00.000Z'); //=> '2024-04-01'
 */
export function localDayNamers(zone: string): DayNamers {
  // Quarter-hour key → its one local date, or MIXED where a local midnight (or an offset change)
  // falls inside it.
  const cache = new Map<number, string>();
  // The date of every instant of the quarter hour starting at `start`, or MIXED: the first and last
  // millisecond on one date, and the offset the same at both (the wall clock advanced by exactly
  // the 899,999 ms between them, so it crossed no midnight and no transition moved it).
  const bucketDate = (start: number): string => {
    const end = start + 899_999;
    const date = localDateOf(start, zone);
    // Both ends' dates too: a day skipped at an odd minute (Sitka, 1867) keeps the time of day.
    if (localDateOf(end, zone) !== date) return MIXED;
    const wallFirst = Math.round(localMinutesOf(start, zone) * 60_000);
    const wallLast = Math.round(localMinutesOf(end, zone) * 60_000);
    return wallLast - wallFirst === 899_999 ? date : MIXED;
  };
  // The last instant named: pricing asks for the same violation's day several times in a row.
  let lastInstant = '';
  let lastDate = '';
  const ofInstant = (instant: string): string => {
    if (instant === lastInstant) return lastDate;
    // Only canonical `…sssZ` instants take the cached path; anything else is converted directly.
    if (instant.length !== 24 || instant.charCodeAt(23) !== 90) return localDateOf(instant, zone);
    const key = quarterHourKey(instant);
    let date = cache.get(key);
    if (date === undefined) {
      // Converted first: a string core refuses throws here, as it did before the cache knew it.
      date = localDateOf(instant, zone);
      const ms = Date.parse(instant);
      if (!Number.isNaN(ms)) cache.set(key, bucketDate(ms - mod(ms, 900_000)));
    } else if (date === MIXED) date = localDateOf(instant, zone);
    lastInstant = instant;
    lastDate = date;
    return date;
  };
  let lastMs = Number.NaN;
  let lastMsDate = '';
  const ofMs = (ms: number): string => {
    if (ms === lastMs) return lastMsDate;
    const key = quarterHourKeyOfMs(ms);
    let date = cache.get(key);
    if (date === undefined) {
      date = bucketDate(ms - mod(ms, 900_000));
      cache.set(key, date);
    }
    if (date === MIXED) date = localDateOf(ms, zone);
    lastMs = ms;
    lastMsDate = date;
    return date;
  };
  return { ofInstant, ofMs };
}

/** The cached value of a quarter hour whose instants do not all have one local date. */
const MIXED = '';

/** `a` modulo `m`, never negative (instants before 1970 have negative epoch milliseconds). */
const mod = (a: number, m: number): number => ((a % m) + m) % m;

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

/**
 * The cache key of the UTC quarter hour of a `YYYY-MM-DDTHH:mm…Z` string, from its characters
 * (no string is built).
 *
 * @example
 * quarterHourKey('2024-03-31T16:14:59.999Z') === quarterHourKeyOfMs(Date.parse('2024-03-31T16:00:00.000Z')); //=> true
 */
export function quarterHourKey(instant: string): number {
  const year =
    digit(instant, 0) * 1000 + digit(instant, 1) * 100 + digit(instant, 2) * 10 + digit(instant, 3);
  const month = digit(instant, 5) * 10 + digit(instant, 6);
  const day = digit(instant, 8) * 10 + digit(instant, 9);
  const hour = digit(instant, 11) * 10 + digit(instant, 12);
  const quarter = Math.floor((digit(instant, 14) * 10 + digit(instant, 15)) / 15);
  return (((year * 13 + month) * 32 + day) * 24 + hour) * 4 + quarter;
}

/**
 * {@link quarterHourKey} of the canonical instant of epoch milliseconds `ms`: the UTC civil date
 * (H. Hinnant's days-to-civil, proleptic Gregorian), hour and quarter, computed without a string.
 *
 * @example
 * quarterHourKeyOfMs(Date.parse('1890-06-01T15:54:17.000Z')) === quarterHourKey('1890-06-01T15:45:00.000Z'); //=> true
 */
export function quarterHourKeyOfMs(ms: number): number {
  // Days-to-civil written out here rather than taken from core: core's (time.ts, civilFromDays) is
  // module-private and returns a [year, month, day] tuple, an array per call on this per-violation
  // path (the pricing walk names a day for nearly every violation), where these locals allocate none.
  const days = Math.floor(ms / 86_400_000);
  const inDay = ms - days * 86_400_000;
  const hour = Math.floor(inDay / 3_600_000);
  const quarter = Math.floor((inDay - hour * 3_600_000) / 900_000);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return (((year * 13 + month) * 32 + day) * 24 + hour) * 4 + quarter;
}
