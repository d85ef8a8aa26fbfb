// The reading of `{ facts }` before issue 21's fourth round (a sealed object of setters filled by
// Object.assign, the facts' and the input's prototypes read by Object.getPrototypeOf), kept
// verbatim (imports, the export of the builder and the doc example aside) as the oracle of the
// property tests in facts-reader.test.ts: the new reader must decide, and decline, exactly as this
// one did. Not exported by the package.
import type { Scalar } from '../schema.js';
import type {
  Bucket,
  CompiledDecisionTable,
  CompiledRow,
  IndexedRow,
  RowIndex,
  TableModuleDecision,
} from '../table.js';
import { indexedMatch } from '../table.js';

// The row search of the same version, verbatim.
/** Up to this many index values are searched by `===` in a list, beyond it in the map. */
const SCAN_KEYS = 16;

/** The bucket of an index value: a scan of a short list of values (SameValueZero as a Map: values are finite). */
function bucketOf(index: RowIndex, v: Scalar): Bucket {
  const { keys } = index;
  const n = keys.length;
  if (n > SCAN_KEYS) return index.byValue.get(v) ?? index.other;
  for (let i = 0; i < n; i++) if (keys[i] === v) return index.buckets[i] as Bucket;
  return index.other;
}

/** The first row of a banded bucket holding for the value `v` of its band column (a finite number). */
function bandRow(b: Bucket, v: number): CompiledRow | undefined {
  const { bounds } = b;
  const m = bounds.length;
  let lo = 0;
  // The first bound ≥ v: for evenly spaced bounds, computed (then corrected for rounding by a step
  // or none); else a walk over a few bounds (one mispredicted branch), else a binary search.
  const { step } = b;
  if (step > 0) {
    const q = Math.ceil((v - (bounds[0] as number)) / step);
    lo = q <= 0 ? 0 : Math.min(q, m);
    while (lo > 0 && (bounds[lo - 1] as number) >= v) lo--;
    while (lo < m && (bounds[lo] as number) < v) lo++;
  } else if (m <= 16) {
    while (lo < m && (bounds[lo] as number) < v) lo++;
  } else {
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((bounds[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
  }
  return b.winners[lo < m && bounds[lo] === v ? 2 * lo + 1 : 2 * lo];
}

/** The first row of a bucket whose remaining tests hold on `values`. */
function bucketRow(b: Bucket, values: readonly Scalar[]): CompiledRow | undefined {
  if (b.bandColumn !== -1) return bandRow(b, values[b.bandColumn] as number);
  const { list } = b;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as IndexedRow;
    if (indexedMatch(c, values)) return c.row;
  }
  return undefined;
}

function firstRow0(index: RowIndex | null, all: Bucket, values: readonly Scalar[]): CompiledRow | undefined {
  return bucketRow(index === null ? all : bucketOf(index, values[index.column] as Scalar), values);
}

const OBJECT_PROTO = Object.prototype;

/**
 * The first / unique decision for plain `facts` (own enumerable string keys only), or `undefined`
 * when a declared column is missing or of another type, a value of another key is not a scalar, or
 * a key is `__proto__` / `constructor` (the general path decides those). Each value is read once,
 * by a `for…in` over the facts (no key list is allocated); symbol keys are checked by the caller.
 */
type FactsDecider = (facts: Record<string, unknown>) => TableModuleDecision | undefined;

/** A value zod's `ScalarSchema` accepts: a string, a boolean or a finite number. */
function isScalar(v: unknown): boolean {
  const t = typeof v;
  return t === 'string' || t === 'boolean' || (t === 'number' && Number.isFinite(v as number));
}

/** A declared column's value of its declared type (numbers finite). */
function ofType(v: unknown, t: string): boolean {
  return typeof v === t && (t !== 'number' || Number.isFinite(v as number));
}

/** A key whose own presence changes what zod reads (`constructor`) or keeps (`__proto__`). */
const isOddKey = (k: string): boolean => k === '__proto__' || k === 'constructor';

/** The same string, internalized (a property key), so that `===` against `for…in` keys compares pointers. */
const internal = (s: string): string => Object.keys({ [s]: 0 })[0] ?? s;

/**
 * The facts decider of a first / unique table. Facts whose keys are exactly the declared columns
 * (the usual case) are read by one `Object.assign` into a sealed, prototype-less object whose
 * only properties are setters, one per column: it reads each own enumerable value once, in zod's
 * order, and throws on any other own enumerable key — a symbol key included — which is cheaper
 * than `Object.getOwnPropertySymbols` (issue 21). One or two columns are then searched from
 * locals (the bands read the one value they need; no array is built). Facts with other keys
 * take the reading by `for…in`, and their symbols are looked for by `Object.getOwnPropertySymbols`.
 */
export function factsDecider(
  names: readonly string[],
  types: readonly string[],
  index: RowIndex | null,
  all: Bucket,
  noMatch: TableModuleDecision,
): FactsDecider {
  const n = names.length;
  const decided = (row: CompiledRow | undefined): TableModuleDecision =>
    row === undefined ? noMatch : row.decided;
  const columnOf = new Map(names.map((name, k) => [name, k]));
  // Facts with keys besides the declared columns (or a column named `__proto__` / `constructor`).
  const withOthers: FactsDecider = (facts) => {
    const values: Scalar[] = new Array(n);
    let found = 0;
    for (const k in facts) {
      const v = facts[k];
      if (isOddKey(k)) return undefined;
      const c = columnOf.get(k);
      if (c !== undefined) {
        if (!ofType(v, types[c] as string)) return undefined;
        values[c] = v as Scalar;
        found++;
      } else if (!isScalar(v)) return undefined;
    }
    // zod's record reads enumerable symbol keys too (and refuses them): any symbol takes the general path.
    if (found !== n || Object.getOwnPropertySymbols(facts).length !== 0) return undefined;
    return decided(firstRow0(index, all, values));
  };
  if (n === 0 || names.some(isOddKey)) return withOthers;
  // The seal: a setter per column storing into `slots`; nothing else can be added to it.
  const slots: unknown[] = names.map(() => undefined);
  const seal: object = Object.create(null);
  names.forEach((name, k) => {
    Object.defineProperty(seal, name, {
      set(v: unknown) {
        slots[k] = v;
      },
      enumerable: true,
    });
  });
  Object.preventExtensions(seal);
  // A getter of the facts evaluating the same table again reads its facts by the general path.
  let busy = false;
  /** Reads the facts into `slots`; false when a getter threw or a key is not a column (a symbol). */
  const readSealed = (facts: Record<string, unknown>): boolean => {
    if (busy) return false;
    busy = true;
    try {
      Object.assign(seal, facts);
      return true;
    } catch {
      return false;
    } finally {
      busy = false;
    }
  };
  const n0 = internal(names[0] as string);
  const t0 = types[0] as string;
  const n1 = n > 1 ? internal(names[1] as string) : n0;
  const t1 = n > 1 ? (types[1] as string) : t0;
  return (facts) => {
    // Which keys the facts have (no value is read here): exactly the columns, or `withOthers`.
    let count = 0;
    for (const k in facts) {
      if (n <= 2 ? k === n0 || k === n1 : columnOf.has(k)) count++;
      else return withOthers(facts);
    }
    if (count !== n || !readSealed(facts)) return undefined; // a column missing: the general path says which
    if (n > 2) {
      const values = slots.slice() as Scalar[];
      slots.fill(undefined);
      for (let k = 0; k < n; k++) if (!ofType(values[k], types[k] as string)) return undefined;
      return decided(firstRow0(index, all, values));
    }
    const v0 = slots[0];
    const v1 = slots[n - 1];
    slots[0] = undefined;
    slots[n - 1] = undefined;
    if (!ofType(v0, t0) || !ofType(v1, t1)) return undefined;
    const b = index === null ? all : bucketOf(index, (index.column === 0 ? v0 : v1) as Scalar);
    const c = b.bandColumn;
    if (c !== -1) return decided(bandRow(b, (c === 0 ? v0 : v1) as number));
    return decided(bucketRow(b, n === 1 ? [v0 as Scalar] : [v0 as Scalar, v1 as Scalar]));
  };
}

/** Whether `Object.prototype` has an enumerable key (then `for…in` over a plain object also sees inherited keys). */
function protoEnumerable(): boolean {
  for (const _ in OBJECT_PROTO) return true;
  return false;
}

/**
 * The module `credit.decision-table`'s own reading of its input `{ facts }` (issue 21): the
 * decision of a first / unique table for an input it has checked completely — an own `facts` key
 * and no other, `facts` a plain object whose every own enumerable value is a string, a finite
 * number or a boolean (no symbol keys), and every declared input column present with its declared
 * type — or `undefined` for anything else (a collect table, an odd shape, a bad or missing value),
 * which then takes the general path: core's input parser and zod, and {@link runDecisionTable}'s
 * checks, which build the refusal. Each value of `facts` is read once. The decision is the row's,
 * built at definition and frozen (the same object the general path returns).
 *
 * @param compiled - from {@link defineDecisionTable}
 * @param input - the module's raw input
 * @returns the decision, or `undefined` when the general path must decide
 * @internal
 */
export function fastModuleDecision(
  compiled: CompiledDecisionTable,
  input: unknown,
): TableModuleDecision | undefined {
  const decide = deciderOf(compiled);
  if (decide === null) return undefined; // a collect table: the general path
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== OBJECT_PROTO)
    return undefined;
  // With no enumerable key on Object.prototype (the usual case), for…in over an object whose
  // prototype is Object.prototype or null sees own enumerable string keys only.
  if (protoEnumerable()) return undefined;
  // Exactly one key, `facts`.
  let count = 0;
  for (const k in input) {
    if (k !== 'facts') return undefined;
    count++;
  }
  if (count !== 1) return undefined;
  const facts = (input as { facts: unknown }).facts;
  if (typeof facts !== 'object' || facts === null) return undefined;
  const proto = Object.getPrototypeOf(facts);
  if (proto !== OBJECT_PROTO && proto !== null) return undefined;
  // Symbol keys (zod's record reads enumerable ones too, and refuses them) are the decider's to refuse.
  return decide(facts as Record<string, unknown>);
}

/** The old decider of a compiled table (built once per table), null for a collect table. */
const deciders = new WeakMap<CompiledDecisionTable, FactsDecider | null>();
function deciderOf(compiled: CompiledDecisionTable): FactsDecider | null {
  let d = deciders.get(compiled);
  if (d === undefined) {
    d =
      compiled.table.hitPolicy === 'collect'
        ? null
        : factsDecider(
            compiled.inputNames,
            compiled.inputTypes,
            compiled.index,
            compiled.all,
            compiled.noMatchDecided,
          );
    deciders.set(compiled, d);
  }
  return d;
}
