// The pricing code before issue 21's second bulk pass (countAs events and escalation notes by
// field, the shared day namer, single-literal lines), kept verbatim (imports aside) as the oracle of
// the seeded properties in oracle.test.ts: the new code must price every violation list exactly as
// this one did (ledger, trace, refusals). Not exported by the package.
// Its day namer lets the first instant seen in a UTC quarter hour decide the date of the others,
// which is wrong where a local midnight falls inside one (local mean time, e.g. Shanghai before
// 1901; transitions at odd minutes, e.g. St John's until 2011); the seeded properties comparing
// against it draw no such instants, and period-day.test.ts checks the package's namer against
// core's `localDateOf` there.
import { localDateOf } from '@zhidu/core';
import type { FineScheduleParams } from '../schedule.js';

/**
 * Names the ledger period (and escalation window) an instant falls in, in the schedule's zone:
 * `2024-03` for a calendar month (C9), `2024-Q1`, `2024`.
 *
 * Converting an instant to a local date is the hot spot of a million-line assessment, so results
 * are cached (see {@link localDayNamer}).
 */
export function periodNamer(window: FineScheduleParams['window'], zone: string): (instant: string) => string {
  const dayOf = localDayNamer(zone);
  const cache = new Map<string, string>();
  return (instant: string): string => {
    const date = dayOf(instant);
    const hit = cache.get(date);
    if (hit !== undefined) return hit;
    const month = Number(date.slice(5, 7));
    const name =
      window === 'calendarMonth'
        ? date.slice(0, 7)
        : window === 'calendarQuarter'
          ? `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`
          : date.slice(0, 4);
    cache.set(date, name);
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
  const cache = new Map<number, string>();
  const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
  return (instant: string): string => {
    // Only canonical `…sssZ` instants take the cached path; anything else is converted directly.
    if (instant.length !== 24 || instant.charCodeAt(23) !== 90) return localDateOf(instant, zone);
    const year =
      digit(instant, 0) * 1000 + digit(instant, 1) * 100 + digit(instant, 2) * 10 + digit(instant, 3);
    const month = digit(instant, 5) * 10 + digit(instant, 6);
    const day = digit(instant, 8) * 10 + digit(instant, 9);
    const hour = digit(instant, 11) * 10 + digit(instant, 12);
    const quarter = Math.floor((digit(instant, 14) * 10 + digit(instant, 15)) / 15);
    const key = (((year * 13 + month) * 32 + day) * 24 + hour) * 4 + quarter;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const date = localDateOf(instant, zone);
    cache.set(key, date);
    return date;
  };
}
