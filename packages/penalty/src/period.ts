import { localDateOf } from '@zhidu/core';
import type { FineScheduleParams } from './schedule.js';

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
 * use is a multiple of 15 minutes, so all instants of one quarter hour share a local date.
 */
export function localDayNamer(zone: string): (instant: string) => string {
  const cache = new Map<string, string>();
  return (instant: string): string => {
    // Canonical ISO: 'YYYY-MM-DDTHH:mm:ss.sssZ'; the first 13 characters name the UTC hour.
    const minutes = instant.slice(14, 16);
    const key = `${instant.slice(0, 13)}:${minutes < '15' ? '0' : minutes < '30' ? '1' : minutes < '45' ? '2' : '3'}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const date = localDateOf(instant, zone);
    cache.set(key, date);
    return date;
  };
}
