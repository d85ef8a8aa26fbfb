/**
 * The slice of `@zhidu/core` this package builds on, gathered in one module so every rule file
 * imports the same vocabulary.
 */
export {
  addDays,
  addMonthsClamped,
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

import { localDateOf as coreLocalDateOf, localTimeOf as coreLocalTimeOf } from '@zhidu/core';

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
 * An instant as a reader in the policy zone writes it, for trace messages: `2025-03-01 10:05`.
 * (The exact instant stays in the entry's data.)
 *
 * @example
 * localStamp('2025-03-01T02:05:00.000Z', 'Asia/Shanghai'); //=> '2025-03-01 10:05'
 */
export function localStamp(instant: string, zone: string): string {
  return `${localDateOf(instant, zone)} ${coreLocalTimeOf(instant, zone)}`;
}
