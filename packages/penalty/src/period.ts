import { localDateOf } from '@zhidu/core';
import type { FineScheduleParams } from './schedule.js';

/**
 * Names the ledger period (and escalation window) an instant falls in, in the schedule's zone:
 * `2024-03` for a calendar month (C9), `2024-Q1`, `2024`.
 *
 * Converting an instant to a local date is the hot spot of a million-line assessment, so results
 * are cached per UTC hour (no zone in use shifts by less than 15 minutes, and none mid-hour here).
 */
export function periodNamer(window: FineScheduleParams['window'], zone: string): (instant: string) => string {
  const cache = new Map<string, string>();
  return (instant: string): string => {
    // Instants are canonical ISO strings; the first 13 characters name the UTC hour.
    const hourKey = instant.slice(0, 13);
    const minutes = instant.slice(14, 16);
    // Zones with 30/45-minute offsets (India, Nepal) can cross a date mid-hour: cache per quarter hour.
    const key = `${hourKey}:${minutes < '15' ? '0' : minutes < '30' ? '1' : minutes < '45' ? '2' : '3'}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const date = localDateOf(instant, zone);
    const month = Number(date.slice(5, 7));
    const name =
      window === 'calendarMonth'
        ? date.slice(0, 7)
        : window === 'calendarQuarter'
          ? `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`
          : date.slice(0, 4);
    cache.set(key, name);
    return name;
  };
}
