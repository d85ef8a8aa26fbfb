import { localDateOf } from '@zhidu/core';
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
 * The local date of a canonical instant in `zone`, cached per UTC quarter hour: every zone offset in
 * use is a multiple of 15 minutes, so all instants of one quarter hour share a local date. The cache
 * key is computed from the characters of the canonical ISO string (`YYYY-MM-DDTHH:mm…Z`) without
 * allocating a string.
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
   * date, hour and quarter), a missing date converted from the canonical string `toISOString`
   * gives back. So both give the same date in any order of calls, the instant string unread.
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
  const cache = new Map<number, string>();
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
      date = localDateOf(instant, zone);
      cache.set(key, date);
    }
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
      date = localDateOf(new Date(ms).toISOString(), zone);
      cache.set(key, date);
    }
    lastMs = ms;
    lastMsDate = date;
    return date;
  };
  return { ofInstant, ofMs };
}

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
