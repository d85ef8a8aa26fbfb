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
  refuseRepeats,
  seededRng,
  Trace,
  type TraceEntry,
  type Violation,
  ViolationSchema,
  ZhiduError,
} from '@zhidu/core';

import {
  InstantSchema as CoreInstantSchema,
  localDateOf as coreLocalDateOf,
  localTimeOf as coreLocalTimeOf,
  type InstantInput,
} from '@zhidu/core';
import { z } from 'zod';

/**
 * Entries a date cache holds before it starts again. A batch reads one customer's few instants many
 * times, then moves on: a small cache stays in the processor's cache and is as good as a large one.
 */
const CACHE_LIMIT = 4096;

/** Zones a remembered function keeps a cache for before it starts again (a log has one or two). */
export const ZONE_LIMIT = 16;

/** A remembered function of (instant, zone), with the number of zones it holds a cache for. */
export type Remembered = ((instant: InstantInput, zone?: string) => string) & {
  /** how many zones have a cache now (at most {@link ZONE_LIMIT}) */
  readonly zones: () => number;
};

/**
 * A pure function of (instant, zone) remembered for string instants: a batch reads the same event
 * instants at every visit, deal and check of a customer. A bad instant or zone is never remembered,
 * so it is refused by core exactly as before: a zone gets its cache only once an answer came back
 * for it, and at most {@link ZONE_LIMIT} zones are held (a stream of distinct zone strings, valid or
 * not, cannot grow the memory without bound).
 *
 * @param fn - the function (core's `localDateOf`, `localTimeOf`…)
 * @returns the same function, remembered, with `zones()` telling how many zone caches it holds
 * @example
 * const date = remembered(coreLocalDateOf);
 * date('2025-03-01T17:05:00.000Z', 'Asia/Shanghai'); //=> '2025-03-02'
 * date.zones(); //=> 1
 */
export function remembered(fn: (instant: InstantInput, zone?: string) => string): Remembered {
  const byZone = new Map<string | undefined, Map<string, string>>();
  // Rule code asks in one zone at a time: its cache is at hand without a lookup.
  let lastZone: string | undefined;
  let last: Map<string, string> | undefined;
  const out = (instant: InstantInput, zone?: string): string => {
    if (typeof instant !== 'string') return fn(instant, zone);
    const cache = last !== undefined && zone === lastZone ? last : byZone.get(zone);
    if (cache !== undefined) {
      lastZone = zone;
      last = cache;
      const hit = cache.get(instant);
      if (hit !== undefined) return hit;
    }
    // A canonical instant (what every parsed event carries) goes to core as its epoch ms, which core
    // reads without a regular expression; any other string goes as given, so core judges it.
    const ms = canonicalMs(instant);
    const value = Number.isNaN(ms) ? fn(instant, zone) : fn(ms, zone);
    // Only now (core answered: the zone is good) does the zone get a cache.
    let into = cache;
    if (into === undefined) {
      if (byZone.size >= ZONE_LIMIT) byZone.clear();
      into = new Map();
      byZone.set(zone, into);
      lastZone = zone;
      last = into;
    }
    if (into.size >= CACHE_LIMIT) into.clear();
    into.set(instant, value);
    return value;
  };
  return Object.assign(out, { zones: () => byZone.size });
}

/** The digit at `i` of `s` (0–9), or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The two- or four-digit number at `i` of `s`, or -1. */
function digits(s: string, i: number, n: 2 | 4): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = digit(s, i + k);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The epoch milliseconds of an instant in canonical form (`YYYY-MM-DDTHH:mm:ss.sssZ`, as
 * `toInstant` writes it) whose date and time exist and whose year core accepts (1000–9999); NaN
 * for any other string, which is left to core to accept or refuse. Allocates nothing.
 *
 * @example
 * canonicalMs('2024-03-01T02:05:00.000Z'); //=> 1709258700000
 * canonicalMs('2024-03-01T10:05+08:00'); //=> NaN (not canonical: core reads it)
 * canonicalMs('2023-02-29T00:00:00.000Z'); //=> NaN (no such date: core refuses it)
 */
export function canonicalMs(s: string): number {
  if (s.length !== 24) return Number.NaN;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[19] !== '.')
    return Number.NaN;
  if (s[23] !== 'Z') return Number.NaN;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  const frac = digits(s, 20, 2) < 0 ? -1 : digit(s, 22);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59) return Number.NaN;
  if (sec < 0 || sec > 59 || frac < 0) return Number.NaN;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  if (d > days) return Number.NaN;
  // Days from 1970-01-01 of the proleptic Gregorian date (years from March, so leap days come last):
  // what Date.parse gives for these digits, without the engine's date parser.
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const epochDays = era * 146097 + doe - 719468;
  return epochDays * 86_400_000 + ((h * 60 + mi) * 60 + sec) * 1000 + digits(s, 20, 2) * 10 + frac;
}

/**
 * Core's `localDateOf`, remembered per zone and instant (same value, same refusals).
 *
 * @example
 * localDateOf('2025-03-01T17:05:00.000Z', 'Asia/Shanghai'); //=> '2025-03-02'
 */
export const localDateOf: Remembered = remembered(coreLocalDateOf);

/**
 * Core's `localTimeOf`, remembered per zone and instant (same value, same refusals).
 *
 * @example
 * localTimeOf('2025-03-01T02:05:00.000Z', 'Asia/Shanghai'); //=> '10:05'
 */
export const localTimeOf: Remembered = remembered(coreLocalTimeOf);

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

/**
 * Core's `InstantSchema` with a fast path for the instants a log is made of: a string already in
 * canonical form whose date and time exist ({@link canonicalMs}) is its own canonical instant, so
 * it is returned as is (core would parse it with a regular expression and, past its 20,000-entry
 * cache, build the same string again). Any other value goes through core's schema, and a refusal
 * carries core's issue (message and `zhiduCode`), so `parseInput` raises the same `ZhiduError`:
 * same code, path and message (checked by a seeded property against core's schema).
 *
 * @example
 * EventInstantSchema.parse('2024-03-01T02:05:00.000Z'); //=> '2024-03-01T02:05:00.000Z'
 * EventInstantSchema.parse('2024-03-01T10:05+08:00'); //=> '2024-03-01T02:05:00.000Z'
 */
export const EventInstantSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  if (typeof value === 'string' && !Number.isNaN(canonicalMs(value))) return value;
  const parsed = CoreInstantSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const params = (issue as { params?: Record<string, unknown> }).params;
    ctx.addIssue({ code: 'custom', message: issue.message, ...(params === undefined ? {} : { params }) });
  }
  return z.NEVER;
});
