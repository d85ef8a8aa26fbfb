import type { Scalar, TableCondition } from './schema.js';

// Static reasoning over row conditions, used when a table is defined: do two rows overlap (some
// input satisfies both), and does one row cover another (every input satisfying the later row also
// satisfies the earlier one)? Domains: numbers are the real line, strings are unbounded, booleans
// are {true, false}. Sets are finite (`eq`, `in`), co-finite (`notIn`) or intervals (`range`).

type Interval = { min: number; max: number; minIn: boolean; maxIn: boolean };

type Shape =
  | { kind: 'all' }
  | { kind: 'set'; values: readonly Scalar[] }
  | { kind: 'coset'; values: readonly Scalar[] }
  | { kind: 'interval'; iv: Interval };

function shapeOf(c: TableCondition | undefined): Shape {
  if (c === undefined || c.op === 'any') return { kind: 'all' };
  switch (c.op) {
    case 'eq':
      return { kind: 'set', values: [c.value] };
    case 'in':
      return { kind: 'set', values: c.values };
    case 'notIn':
      return { kind: 'coset', values: c.values };
    case 'range': {
      const iv: Interval = {
        min: c.min ?? Number.NEGATIVE_INFINITY,
        max: c.max ?? Number.POSITIVE_INFINITY,
        minIn: c.min === undefined ? false : c.minInclusive,
        maxIn: c.max === undefined ? false : c.maxInclusive,
      };
      // A closed single point behaves as a one-element set, which keeps the set algebra exact.
      if (iv.min === iv.max && iv.minIn && iv.maxIn) return { kind: 'set', values: [iv.min] };
      return { kind: 'interval', iv };
    }
  }
}

/** True when the interval contains no number (e.g. `[5, 5)` or `min > max`). */
export function isEmptyRange(c: TableCondition): boolean {
  if (c.op !== 'range') return false;
  const min = c.min ?? Number.NEGATIVE_INFINITY;
  const max = c.max ?? Number.POSITIVE_INFINITY;
  if (min > max) return true;
  if (min === max) return !(c.minInclusive && c.maxInclusive);
  return false;
}

function inInterval(v: Scalar, iv: Interval): boolean {
  if (typeof v !== 'number') return false;
  const aboveMin = iv.minIn ? v >= iv.min : v > iv.min;
  const belowMax = iv.maxIn ? v <= iv.max : v < iv.max;
  return aboveMin && belowMax;
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

function memberOf(v: Scalar, s: Shape): boolean {
  switch (s.kind) {
    case 'all':
      return true;
    case 'set':
      return s.values.includes(v);
    case 'coset':
      return !s.values.includes(v);
    case 'interval':
      return inInterval(v, s.iv);
  }
}

/**
 * Can one value satisfy both conditions? `booleanDomain` narrows the universe to {true, false}.
 */
export function conditionsOverlap(
  a: TableCondition | undefined,
  b: TableCondition | undefined,
  booleanDomain: boolean,
) {
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  if (booleanDomain) return [true, false].some((v) => memberOf(v, sa) && memberOf(v, sb));
  if (sa.kind === 'all' || sb.kind === 'all') return true;
  if (sa.kind === 'set') return sa.values.some((v) => memberOf(v, sb));
  if (sb.kind === 'set') return sb.values.some((v) => memberOf(v, sa));
  // Remaining pairs are co-finite or non-degenerate intervals, which are infinite sets.
  if (sa.kind === 'interval' && sb.kind === 'interval') return intervalsMeet(sa.iv, sb.iv);
  return true;
}

/**
 * Does every value satisfying `inner` also satisfy `outer`?
 */
export function conditionCovers(
  outer: TableCondition | undefined,
  inner: TableCondition | undefined,
  booleanDomain: boolean,
): boolean {
  const so = shapeOf(outer);
  const si = shapeOf(inner);
  if (booleanDomain) return [true, false].every((v) => !memberOf(v, si) || memberOf(v, so));
  if (so.kind === 'all') return true;
  switch (si.kind) {
    case 'all':
      return false;
    case 'set':
      return si.values.every((v) => memberOf(v, so));
    case 'coset':
      return so.kind === 'coset' && so.values.every((v) => si.values.includes(v));
    case 'interval':
      if (so.kind === 'interval') return intervalWithin(si.iv, so.iv);
      if (so.kind === 'coset') return so.values.every((v) => !inInterval(v, si.iv));
      return false;
  }
}
