/**
 * The slice of `@zhidu/core` this package builds on, gathered in one module so every rule file
 * imports the same vocabulary.
 */
export {
  addDays,
  atLocal,
  DEFAULT_ZONE,
  type Decision,
  type EvalContext,
  InstantSchema,
  LocalDateSchema,
  LocalTimeSchema,
  localTimeOf,
  makeContext,
  parseInput,
  type Rng,
  seededRng,
  Trace,
  type TraceEntry,
  toInstant,
  type Violation,
  ViolationSchema,
  ZhiduError,
} from '@zhidu/core';

import { localDateOf as coreLocalDateOf } from '@zhidu/core';

const dateCache = new Map<string, string>();

/**
 * `localDateOf` from core, memoised: attribution asks for the local date of the same instants many
 * times (every claim is re-tested at each visit), and zone conversion dominates a batch otherwise.
 *
 * @param instant - canonical instant
 * @param zone - IANA zone
 * @returns the local date
 * @example
 * localDateOf('2024-03-01T16:30:00.000Z', 'Asia/Shanghai'); //=> '2024-03-02'
 */
export function localDateOf(instant: string, zone: string): string {
  const key = `${zone}|${instant}`;
  const hit = dateCache.get(key);
  if (hit !== undefined) return hit;
  const d = coreLocalDateOf(instant, zone);
  if (dateCache.size >= 200_000) dateCache.clear();
  dateCache.set(key, d);
  return d;
}

/**
 * Same day-of-month `n` months later, clamped to the month's end (the catalog's `addMonths`), by plain
 * year-month-day arithmetic. Equal to core's `addMonthsClamped`, which goes through a zoned date
 * object per call; protection periods are tested at every visit, so the arithmetic form matters in a
 * batch.
 *
 * @param date - local date `YYYY-MM-DD`
 * @param n - months to add (may be negative)
 * @returns the shifted local date
 * @example
 * addMonthsClamped('2023-12-31', 2); //=> '2024-02-29'
 */
export function addMonthsClamped(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
