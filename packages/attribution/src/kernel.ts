/**
 * The slice of `@zhidu/core` this package builds on, gathered in one module so every rule file
 * imports the same vocabulary.
 */
export {
  addDays,
  addMonthsClamped,
  allocate,
  atLocal,
  type Decision,
  type EvalContext,
  InstantSchema,
  LocalDateSchema,
  LocalTimeSchema,
  makeContext,
  parseInput,
  type Rng,
  seededRng,
  Trace,
  type TraceEntry,
  type Violation,
  ViolationSchema,
  ZhiduError,
} from '@zhidu/core';

import {
  localDateOf as coreLocalDateOf,
  localTimeOf as coreLocalTimeOf,
  type InstantInput,
} from '@zhidu/core';

/** Entries a date cache holds before it starts again (each is a short string pair). */
const CACHE_LIMIT = 50_000;

/**
 * A pure function of (instant, zone) remembered for string instants: a batch reads the same event
 * instants at every visit, deal and check of a customer. A bad instant or zone is never remembered,
 * so it is refused by core exactly as before.
 */
function remembered(
  fn: (instant: InstantInput, zone?: string) => string,
): (instant: InstantInput, zone?: string) => string {
  const byZone = new Map<string | undefined, Map<string, string>>();
  return (instant, zone) => {
    if (typeof instant !== 'string') return fn(instant, zone);
    let cache = byZone.get(zone);
    if (cache === undefined) {
      cache = new Map();
      byZone.set(zone, cache);
    }
    const hit = cache.get(instant);
    if (hit !== undefined) return hit;
    const out = fn(instant, zone);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(instant, out);
    return out;
  };
}

/**
 * Core's `localDateOf`, remembered per zone and instant (same value, same refusals).
 *
 * @example
 * localDateOf('2025-03-01T17:05:00.000Z', 'Asia/Shanghai'); //=> '2025-03-02'
 */
export const localDateOf: (instant: InstantInput, zone?: string) => string = remembered(coreLocalDateOf);

/**
 * Core's `localTimeOf`, remembered per zone and instant (same value, same refusals).
 *
 * @example
 * localTimeOf('2025-03-01T02:05:00.000Z', 'Asia/Shanghai'); //=> '10:05'
 */
export const localTimeOf: (instant: InstantInput, zone?: string) => string = remembered(coreLocalTimeOf);

const stamps = remembered((instant, zone) => `${localDateOf(instant, zone)} ${localTimeOf(instant, zone)}`);

/**
 * An instant as a reader in the policy zone writes it, for trace messages: `2025-03-01 10:05`.
 * (The exact instant stays in the entry's data.)
 *
 * @example
 * localStamp('2025-03-01T02:05:00.000Z', 'Asia/Shanghai'); //=> '2025-03-01 10:05'
 */
export function localStamp(instant: string, zone: string): string {
  return stamps(instant, zone);
}
