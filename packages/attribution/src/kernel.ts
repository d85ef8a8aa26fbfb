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
