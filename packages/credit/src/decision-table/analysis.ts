import { type ValueTest, valuePasses } from '@zhidu/core';
import type { Scalar } from './schema.js';

// Static reasoning over row conditions (core's value tests, one per column), used when a table is
// defined: do two rows overlap (some input satisfies both), and does one row cover another (every
// input satisfying the later row also satisfies the earlier one)? Domains: numbers are the real
// line, strings are unbounded, booleans are {true, false}.
//
// A value test is brought to its bound form, the set of values it accepts:
// - `set`: finitely many values (`equals`, `in`, or a closed single point `gte: 5, lte: 5`), already
//   filtered by every other test of the same value test;
// - `span`: an interval of numbers (inclusive `gte`/`lte` or exclusive `gt`/`lt` bounds, unbounded
//   sides at ±∞) minus finitely many values (`notIn`), or — when no bound is given — every value of
//   the column minus those. A span is never a single point, so it is always infinite.

type Interval = { min: number; max: number; minIn: boolean; maxIn: boolean };

type Shape =
  | { kind: 'set'; values: readonly Scalar[] }
  | { kind: 'span'; iv: Interval | null; excluded: readonly Scalar[] };

const FULL: Interval = {
  min: Number.NEGATIVE_INFINITY,
  max: Number.POSITIVE_INFINITY,
  minIn: false,
  maxIn: false,
};

const passes = (t: ValueTest | undefined, v: Scalar): boolean => t === undefined || valuePasses(t, v);

/** The interval of a test's numeric bounds (the tighter of `gte`/`gt`, `lte`/`lt`), or null if unbounded. */
function boundsOf(t: ValueTest): Interval | null {
  if (t.gte === undefined && t.gt === undefined && t.lte === undefined && t.lt === undefined) return null;
  let min = Number.NEGATIVE_INFINITY;
  let minIn = false;
  if (t.gte !== undefined) [min, minIn] = [t.gte, true];
  if (t.gt !== undefined && (t.gt > min || (t.gt === min && minIn))) [min, minIn] = [t.gt, false];
  let max = Number.POSITIVE_INFINITY;
  let maxIn = false;
  if (t.lte !== undefined) [max, maxIn] = [t.lte, true];
  if (t.lt !== undefined && (t.lt < max || (t.lt === max && maxIn))) [max, maxIn] = [t.lt, false];
  return { min, max, minIn, maxIn };
}

function shapeOf(t: ValueTest | undefined): Shape {
  if (t === undefined) return { kind: 'span', iv: null, excluded: [] };
  const finite: Scalar[] | null =
    t.equals !== undefined ? [t.equals as Scalar] : t.in !== undefined ? [...t.in] : null;
  const iv = boundsOf(t);
  if (finite !== null) return { kind: 'set', values: finite.filter((v) => valuePasses(t, v)) };
  if (iv !== null) {
    if (iv.min > iv.max || (iv.min === iv.max && !(iv.minIn && iv.maxIn))) return { kind: 'set', values: [] };
    // A closed single point is a one-element set, which keeps the set algebra exact.
    if (iv.min === iv.max) return { kind: 'set', values: valuePasses(t, iv.min) ? [iv.min] : [] };
  }
  const excluded = t.notIn ?? [];
  if (iv === null) return { kind: 'span', iv: null, excluded };
  // An excluded closed end is an open end; then every included end is a value the test accepts.
  const ends = { ...iv };
  if (ends.minIn && excluded.includes(ends.min)) ends.minIn = false;
  if (ends.maxIn && excluded.includes(ends.max)) ends.maxIn = false;
  return { kind: 'span', iv: ends, excluded };
}

/**
 * True when a value test accepts no value of a column of the given type (e.g. `gte: 5, lt: 5`,
 * `equals: 3, gt: 4`, or for a boolean column `notIn` both booleans).
 */
export function acceptsNothing(t: ValueTest, booleanDomain: boolean): boolean {
  if (booleanDomain) return ![true, false].some((v) => valuePasses(t, v));
  const s = shapeOf(t);
  return s.kind === 'set' && s.values.length === 0;
}

function intervalsMeet(a: Interval, b: Interval): boolean {
  // Lower bound of the intersection is the larger min; the upper the smaller max.
  const lo = a.min > b.min ? a : b.min > a.min ? b : { min: a.min, minIn: a.minIn && b.minIn };
  const hi = a.max < b.max ? a : b.max < a.max ? b : { max: a.max, maxIn: a.maxIn && b.maxIn };
  if (lo.min < hi.max) return true;
  return lo.min === hi.max && lo.minIn && hi.maxIn;
}

function intervalWithin(inner: Interval, outer: Interval): boolean {
  const minOk = inner.min > outer.min || (inner.min === outer.min && (outer.minIn || !inner.minIn));
  const maxOk = inner.max < outer.max || (inner.max === outer.max && (outer.maxIn || !inner.maxIn));
  return minOk && maxOk;
}

/**
 * Can one value satisfy both tests? `booleanDomain` narrows the universe to {true, false}.
 * An absent test (the row does not name the column) accepts every value.
 */
export function conditionsOverlap(
  a: ValueTest | undefined,
  b: ValueTest | undefined,
  booleanDomain: boolean,
): boolean {
  if (booleanDomain) return [true, false].some((v) => passes(a, v) && passes(b, v));
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  if (sa.kind === 'set') return sa.values.some((v) => passes(b, v));
  if (sb.kind === 'set') return sb.values.some((v) => passes(a, v));
  // Two spans: both are infinite, so they meet exactly when their intervals do — an intersection
  // that is a single point meets only if neither excludes that point.
  const ia = sa.iv ?? FULL;
  const ib = sb.iv ?? FULL;
  if (!intervalsMeet(ia, ib)) return false;
  const lo = Math.max(ia.min, ib.min);
  const hi = Math.min(ia.max, ib.max);
  if (lo === hi) return passes(a, lo) && passes(b, lo);
  return true;
}

/**
 * Does every value satisfying `inner` also satisfy `outer`? An absent test accepts every value.
 */
export function conditionCovers(
  outer: ValueTest | undefined,
  inner: ValueTest | undefined,
  booleanDomain: boolean,
): boolean {
  if (booleanDomain) return [true, false].every((v) => !passes(inner, v) || passes(outer, v));
  const so = shapeOf(outer);
  const si = shapeOf(inner);
  if (si.kind === 'set') return si.values.every((v) => passes(outer, v));
  // The inner span is infinite: a finite outer set cannot cover it.
  if (so.kind === 'set') return false;
  if (so.iv !== null) {
    // An outer interval only holds numbers; an unbounded inner span also holds strings.
    if (si.iv === null || !intervalWithin(si.iv, so.iv)) return false;
  }
  // Every value the outer test excludes must be outside the inner span already.
  return so.excluded.every((v) => !spanHas(si, v));
}

function spanHas(s: { iv: Interval | null; excluded: readonly Scalar[] }, v: Scalar): boolean {
  if (s.excluded.includes(v)) return false;
  if (s.iv === null) return true;
  if (typeof v !== 'number') return false;
  const { min, max, minIn, maxIn } = s.iv;
  return (minIn ? v >= min : v > min) && (maxIn ? v <= max : v < max);
}
