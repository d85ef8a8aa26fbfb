import {
  type Decision,
  describeValue,
  describeValueTest,
  ownValue,
  parseInput,
  recordShaped,
  reusableDecision,
  type TraceEntry,
  type ValueTest,
  type Violation,
  ZhiduError,
} from '@zhidu/core';
import { acceptsNothing, conditionCovers, conditionsOverlap } from './analysis.js';
import {
  type DecisionTable,
  type DecisionTableInput,
  DecisionTableSchema,
  type Scalar,
  type TableInput,
  type TableResult,
} from './schema.js';

type Predicate = (v: Scalar) => boolean;
/** A column's test: its position, its compiled predicate, and the cell it came from. */
type ColumnTest = readonly [number, Predicate, ValueTest];
/**
 * A first / unique decision as the module `credit.decision-table` returns it, built once per row
 * (and once for "no row matched") and frozen: `{ value: { result, violations: [] }, trace }`.
 */
export type TableModuleDecision = Readonly<Decision<{ result: TableResult; violations: Violation[] }>>;

/** @internal */
export type CompiledRow = {
  readonly tests: readonly ColumnTest[];
  /** The row's tests as one function of the input values (all of `tests`). */
  readonly matches: (values: readonly Scalar[]) => boolean;
  readonly index: number;
  readonly id: string;
  readonly output: Record<string, Scalar>;
  /** Built once at definition, so an evaluation only pushes it. */
  readonly entry: TraceEntry;
  /** The row's match, `{ rowId, output }`, built once and frozen. */
  readonly match: Readonly<{ rowId: string; output: Record<string, Scalar> }>;
  /** The module's decision when this row wins a first / unique evaluation (core's reusable decision: read-only, frozen through, shared). */
  readonly decided: TableModuleDecision;
};

/** A frozen empty list: the violations of every decision-table decision. */
const NO_VIOLATIONS: Violation[] = Object.freeze([]) as unknown as Violation[];

/**
 * The module's decision for a first / unique result and its one trace entry: a reusable decision
 * (core's), its value and trace frozen through, shared by every input the row decides.
 */
function moduleDecision(result: TableResult, entry: TraceEntry): TableModuleDecision {
  return reusableDecision<TableResult>({ result, violations: NO_VIOLATIONS }, [entry]);
}

/**
 * A row listed under a value of the index column, with its tests of the other columns only: one
 * test as `column` and `test` (read inline), more as `matches`. @internal
 */
export type IndexedRow = {
  readonly row: CompiledRow;
  /**
   * How the row's other tests are read: `RANGE` (one numeric range on `column`, compared inline
   * against `lo` / `hi`), `ONE` (one other test, `test` on `column`), `ALL` (`matches`), or
   * `ANY` (no other test).
   */
  readonly kind: number;
  readonly column: number;
  readonly test: Predicate | null;
  readonly matches: (values: readonly Scalar[]) => boolean;
  /** The range's lower bound (`-Infinity` when none) and whether it is exclusive (`gt`). */
  readonly lo: number;
  readonly loOpen: boolean;
  /** The range's upper bound (`Infinity` when none) and whether it is exclusive (`lt`). */
  readonly hi: number;
  readonly hiOpen: boolean;
};
const ANY = 0;
const RANGE = 1;
const ONE = 2;
const ALL = 3;

/**
 * A cell of bounds only (`gte` / `gt` / `lte` / `lt`) as one range: the tighter bound of each side
 * (at equal bounds the exclusive one). Null for a cell with a set or `equals`. Bounds are only
 * allowed on number columns, whose values are checked finite numbers, so the range reads exactly
 * as the cell's predicate.
 */
function rangeOf(t: ValueTest): { lo: number; loOpen: boolean; hi: number; hiOpen: boolean } | null {
  if (t.equals !== undefined || t.in !== undefined || t.notIn !== undefined) return null;
  if (t.exists !== undefined || t.includes !== undefined || t.excludes !== undefined) return null;
  let lo = Number.NEGATIVE_INFINITY;
  let loOpen = false;
  if (t.gte !== undefined) lo = t.gte;
  if (t.gt !== undefined && (t.gte === undefined || t.gt >= t.gte)) {
    lo = t.gt;
    loOpen = true;
  }
  let hi = Number.POSITIVE_INFINITY;
  let hiOpen = false;
  if (t.lte !== undefined) hi = t.lte;
  if (t.lt !== undefined && (t.lte === undefined || t.lt <= t.lte)) {
    hi = t.lt;
    hiOpen = true;
  }
  return { lo, loOpen, hi, hiOpen };
}

function indexedRow(row: CompiledRow, skip: number): IndexedRow {
  const kept = row.tests.filter(([k]) => k !== skip);
  const only = kept.length === 1 ? (kept[0] as ColumnTest) : undefined;
  const range = only === undefined ? null : rangeOf(only[2]);
  return {
    row,
    kind: kept.length === 0 ? ANY : only === undefined ? ALL : range !== null ? RANGE : ONE,
    column: only === undefined ? -1 : only[0],
    test: only === undefined ? null : only[1],
    matches: rowMatcher(row.tests, skip),
    lo: range?.lo ?? 0,
    loOpen: range?.loOpen ?? false,
    hi: range?.hi ?? 0,
    hiOpen: range?.hiOpen ?? false,
  };
}

/** Whether an indexed row's other tests hold (the row was listed for its index value). @internal */
export function indexedMatch(c: IndexedRow, values: readonly Scalar[]): boolean {
  switch (c.kind) {
    case RANGE: {
      const v = values[c.column] as number;
      return (c.loOpen ? v > c.lo : v >= c.lo) && (c.hiOpen ? v < c.hi : v <= c.hi);
    }
    case ONE:
      return (c.test as Predicate)(values[c.column] as Scalar);
    case ALL:
      return c.matches(values);
    default:
      return true;
  }
}

/**
 * The rows worth testing for one value of the index column (or for every input, without an
 * index), in table order, and — when each of them tests at most one numeric range, all on the same
 * column — the same rows as bands: the first row of each elementary interval of that column,
 * found by a binary search instead of a walk (issue 21). @internal
 */
export type Bucket = {
  /** Candidates in table order (what collect reads, and first / unique when there are no bands). */
  readonly list: readonly IndexedRow[];
  /** The column the bands are on, or -1 when the bucket has no bands. */
  readonly bandColumn: number;
  /** The distinct finite bounds of the candidates' ranges, ascending. */
  readonly bounds: readonly number[];
  /** The bounds' common difference when they are evenly spaced (at least three), else 0. */
  readonly step: number;
  /** `1 / step` (0 without a step): the band is estimated by a product, not a division. */
  readonly perStep: number;
  /**
   * The first row (in table order) holding on each elementary interval: index `2i` is the open
   * interval below `bounds[i]` (above `bounds[i - 1]`), `2i + 1` the point `bounds[i]`, `2m` above
   * the last bound; `undefined` when no candidate holds there.
   */
  readonly winners: readonly (CompiledRow | undefined)[];
  /**
   * The module's decision on each elementary interval (same positions as `winners`): the row's,
   * or the table's no-match decision. The facts reader takes it from here, one load fewer.
   */
  readonly decisions: readonly TableModuleDecision[];
};

/** Rows worth testing for a value of the index column, in table order. @internal */
export type RowIndex = {
  readonly column: number;
  /** The values the index column's sets name, and their buckets (same positions). */
  readonly keys: readonly Scalar[];
  readonly buckets: readonly Bucket[];
  /** The same, as a map (tables naming many values). */
  readonly byValue: Map<Scalar, Bucket>;
  /** The bucket of any other value. */
  readonly other: Bucket;
  /** For string values: a slot per value computed from its length and end characters, or null. */
  readonly hash: KeyHash | null;
};

/**
 * String index values by slot (issue 21): slot `(length + a·first + b·last code unit) & mask`,
 * with `a` and `b` chosen when the table is compiled so that no two values share a slot. A value
 * is then found by one comparison with the value in its slot (`slotKeys`; an empty slot holds
 * `''` and the bucket of any other value, which is also right for `''`) instead of a scan whose
 * exit the branch predictor cannot guess.
 */
type KeyHash = {
  readonly a: number;
  readonly b: number;
  readonly mask: number;
  readonly slotKeys: readonly string[];
  readonly slotBuckets: readonly Bucket[];
};

/** Up to this many index values are searched by `===` in a list, beyond it in the map. */
const SCAN_KEYS = 16;
/** Up to this many string index values get a {@link KeyHash} (its search is quadratic-ish). */
const HASH_KEYS = 64;

const slotOf = (s: string, a: number, b: number, mask: number): number => {
  const n = s.length;
  return n === 0 ? 0 : (n + s.charCodeAt(0) * a + s.charCodeAt(n - 1) * b) & mask;
};

/** A slot table for string index values with no two in one slot, or null when none is found. */
function keyHash(keys: readonly Scalar[], buckets: readonly Bucket[], other: Bucket): KeyHash | null {
  if (keys.length === 0 || keys.length > HASH_KEYS || !keys.every((k) => typeof k === 'string')) return null;
  const strings = keys as readonly string[];
  const least = Math.ceil(Math.log2(strings.length + 1));
  for (let bits = Math.max(least, 2); bits <= least + 3; bits++) {
    const mask = (1 << bits) - 1;
    for (let a = 1; a < 32; a++) {
      for (let b = 1; b < 32; b++) {
        const used = new Set<number>();
        let clash = false;
        for (const k of strings) {
          const slot = slotOf(k, a, b, mask);
          if (used.has(slot)) {
            clash = true;
            break;
          }
          used.add(slot);
        }
        if (clash) continue;
        const slotKeys: string[] = new Array(mask + 1).fill('');
        const slotBuckets: Bucket[] = new Array(mask + 1).fill(other);
        strings.forEach((k, i) => {
          const slot = slotOf(k, a, b, mask);
          slotKeys[slot] = k;
          slotBuckets[slot] = buckets[i] as Bucket;
        });
        return { a, b, mask, slotKeys, slotBuckets };
      }
    }
  }
  return null;
}

/**
 * The bucket of an index value: a string by its slot, else a scan of a short list of values
 * (SameValueZero as a Map: values are finite) or the map. @internal
 */
export function bucketOf(index: RowIndex, v: Scalar): Bucket {
  const h = index.hash;
  if (h !== null && typeof v === 'string') {
    const n = v.length;
    const slot = n === 0 ? 0 : (n + v.charCodeAt(0) * h.a + v.charCodeAt(n - 1) * h.b) & h.mask;
    return h.slotKeys[slot] === v ? (h.slotBuckets[slot] as Bucket) : index.other;
  }
  const { keys } = index;
  const n = keys.length;
  if (n > SCAN_KEYS) return index.byValue.get(v) ?? index.other;
  for (let i = 0; i < n; i++) if (keys[i] === v) return index.buckets[i] as Bucket;
  return index.other;
}

/** The bands of candidates each testing at most one numeric range, all on one column, or null. */
function bandsOf(
  list: readonly IndexedRow[],
): Pick<Bucket, 'bandColumn' | 'bounds' | 'step' | 'perStep' | 'winners'> | null {
  let column = -1;
  for (const c of list) {
    if (c.kind === ANY) continue;
    if (c.kind !== RANGE || (column !== -1 && c.column !== column)) return null;
    column = c.column;
  }
  if (column === -1) return null; // no ranges at all: the first candidate (if any) always wins
  const set = new Set<number>();
  for (const c of list) {
    if (c.kind !== RANGE) continue;
    if (Number.isFinite(c.lo)) set.add(c.lo);
    if (Number.isFinite(c.hi)) set.add(c.hi);
  }
  const bounds = [...set].sort((a, b) => a - b);
  const m = bounds.length;
  const winners: (CompiledRow | undefined)[] = [];
  for (let r = 0; r <= 2 * m; r++) {
    const i = r >> 1;
    let won: CompiledRow | undefined;
    for (const c of list) {
      let holds: boolean;
      if (c.kind === ANY) holds = true;
      else if ((r & 1) === 1) {
        // The point bounds[i], compared as the range's own test compares it.
        const b = bounds[i] as number;
        holds = (c.loOpen ? b > c.lo : b >= c.lo) && (c.hiOpen ? b < c.hi : b <= c.hi);
      } else {
        // The open interval (bounds[i-1], bounds[i]): no bound lies inside it, so a range holds on
        // all of it exactly when it starts at or below its start and ends at or above its end.
        const from = i === 0 ? Number.NEGATIVE_INFINITY : (bounds[i - 1] as number);
        const to = i === m ? Number.POSITIVE_INFINITY : (bounds[i] as number);
        holds = c.lo <= from && c.hi >= to;
      }
      if (holds) {
        won = c.row;
        break;
      }
    }
    winners.push(won);
  }
  let step = m >= 3 ? (bounds[1] as number) - (bounds[0] as number) : 0;
  for (let i = 2; i < m && step > 0; i++)
    if ((bounds[i] as number) - (bounds[i - 1] as number) !== step) step = 0;
  if (!Number.isFinite(step) || !Number.isFinite(1 / step)) step = 0;
  return { bandColumn: column, bounds, step, perStep: step > 0 ? 1 / step : 0, winners };
}

function bucket(list: readonly IndexedRow[], noMatch: TableModuleDecision): Bucket {
  const bands = bandsOf(list);
  return bands === null
    ? { list, bandColumn: -1, bounds: [], step: 0, perStep: 0, winners: [], decisions: [] }
    : {
        list,
        bandColumn: bands.bandColumn,
        bounds: bands.bounds,
        step: bands.step,
        perStep: bands.perStep,
        winners: bands.winners,
        decisions: bands.winners.map((row) => (row === undefined ? noMatch : row.decided)),
      };
}

/** The first row of a banded bucket holding for the value `v` of its band column (a finite number). @internal */
export function bandRow(b: Bucket, v: number): CompiledRow | undefined {
  return b.winners[bandSlot(b, v)];
}

/**
 * The elementary interval of a banded bucket holding the value `v` of its band column (a finite
 * number): its position in `winners` and `decisions`.
 */
function bandSlot(b: Bucket, v: number): number {
  const { bounds } = b;
  const m = bounds.length;
  let lo = 0;
  // The first bound ≥ v: for evenly spaced bounds, computed (by a product with 1 / step, then
  // corrected for rounding by a step or none); else a walk over a few bounds (one mispredicted
  // branch), else a binary search.
  if (b.step > 0) {
    const x = (v - (bounds[0] as number)) * b.perStep;
    lo = x <= 0 ? 0 : x >= m ? m : Math.ceil(x);
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
  return lo < m && bounds[lo] === v ? 2 * lo + 1 : 2 * lo;
}

/** The first row of a bucket whose remaining tests hold on `values`. @internal */
export function bucketRow(b: Bucket, values: readonly Scalar[]): CompiledRow | undefined {
  if (b.bandColumn !== -1) return bandRow(b, values[b.bandColumn] as number);
  const { list } = b;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as IndexedRow;
    if (indexedMatch(c, values)) return c.row;
  }
  return undefined;
}

/** A validated, compiled decision table: define once, evaluate many times. */
export type CompiledDecisionTable = {
  readonly table: DecisionTable;
  /** @internal compiled rows */
  readonly rows: readonly CompiledRow[];
  /** @internal input column types by position */
  readonly inputNames: readonly string[];
  /** @internal */
  readonly inputTypes: readonly string[];
  /** @internal candidate rows by the value of the most selective set-valued column */
  readonly index: RowIndex | null;
  /** @internal every row as one bucket (the search when there is no index) */
  readonly all: Bucket;
  /** @internal the trace entry of a first / unique evaluation no row matched (built once, frozen) */
  readonly noMatch: TraceEntry;
  /** @internal the module's decision when no row matches a first / unique evaluation (core's reusable decision) */
  readonly noMatchDecided: Readonly<Decision<{ result: TableResult; violations: Violation[] }>>;
  /** @internal a first / unique table's decision for plain facts (see `factsDecider`); null for collect */
  readonly decideFacts: FactsDecider | null;
};

/** The trace entry saying no row matched (and whether the default output was taken). */
function noMatchEntry(table: DecisionTable): TraceEntry {
  const fallback = table.defaultOutput ?? null;
  const entry: TraceEntry = {
    rule: table.id,
    message: {
      zh: fallback === null ? `决策表 ${table.id} 无行命中` : `决策表 ${table.id} 无行命中，取默认输出`,
      en:
        fallback === null
          ? `decision table ${table.id}: no row matched`
          : `decision table ${table.id}: no row matched, default output`,
    },
  };
  if (table.clause !== undefined) entry.clause = table.clause;
  entry.data = { table: table.id, output: fallback };
  return Object.freeze(entry);
}

/**
 * The test of one cell, or null when it tests nothing (an empty test matches any value). The cell
 * was checked at definition (no `exists` / `includes` / `excludes`; sets and bounds of the column's
 * type), and every input is a present scalar, so core's `valuePasses` reduces to these comparisons
 * (issue 21: the generic test re-checked the cell on every call). A seeded property in
 * table.test.ts shows they agree with `valuePasses` on every value.
 */
function predicate(t: ValueTest): Predicate | null {
  if (Object.values(t).every((v) => v === undefined)) return null;
  const parts: Predicate[] = [];
  const { equals, gte, gt, lte, lt } = t;
  if (equals !== undefined) parts.push((v) => v === equals);
  if (t.in !== undefined) {
    const set = new Set<unknown>(t.in);
    parts.push((v) => set.has(v));
  }
  if (t.notIn !== undefined) {
    const set = new Set<unknown>(t.notIn);
    parts.push((v) => !set.has(v));
  }
  // A bound holds only for a number (NaN fails every comparison, as in valuePasses).
  if (gte !== undefined && lt !== undefined && gt === undefined && lte === undefined)
    parts.push((v) => typeof v === 'number' && v >= gte && v < lt);
  else if (gte !== undefined && gt === undefined && lte === undefined && lt === undefined)
    parts.push((v) => typeof v === 'number' && v >= gte);
  else if (gte !== undefined || gt !== undefined || lte !== undefined || lt !== undefined)
    parts.push(
      (v) =>
        typeof v === 'number' &&
        (gte === undefined || v >= gte) &&
        (gt === undefined || v > gt) &&
        (lte === undefined || v <= lte) &&
        (lt === undefined || v < lt),
    );
  if (parts.length === 1) return parts[0] as Predicate;
  return (v) => {
    for (const p of parts) if (!p(v)) return false;
    return true;
  };
}

/** All the tests of a row (those on `skip` left out) as one function of the input values. */
function rowMatcher(tests: readonly ColumnTest[], skip = -1): (values: readonly Scalar[]) => boolean {
  const kept = tests.filter(([k]) => k !== skip);
  if (kept.length === 0) return () => true;
  if (kept.length === 1) {
    const [k, p] = kept[0] as ColumnTest;
    return (values) => p(values[k] as Scalar);
  }
  if (kept.length === 2) {
    const [k1, p1] = kept[0] as ColumnTest;
    const [k2, p2] = kept[1] as ColumnTest;
    return (values) => p1(values[k1] as Scalar) && p2(values[k2] as Scalar);
  }
  return (values) => {
    for (const [k, p] of kept) if (!p(values[k] as Scalar)) return false;
    return true;
  };
}

const NUMERIC_BOUNDS = ['gte', 'gt', 'lte', 'lt'] as const;
// Every input is a present scalar, so these tests would always (or never) hold on a column.
const NOT_FOR_COLUMNS = ['exists', 'includes', 'excludes'] as const;

function checkCell(t: ValueTest, type: string, name: string, path: (string | number)[]): void {
  for (const key of NOT_FOR_COLUMNS) {
    if (t[key] !== undefined)
      throw new ZhiduError(
        'invalid_input',
        [...path, key],
        `决策表的列不支持 "${key}"(每个输入都是必填的单值) / "${key}" does not apply to a decision-table column (every input is a present scalar)`,
      );
  }
  if (t.equals !== undefined) {
    const e = t.equals;
    if (e === null || Array.isArray(e))
      throw new ZhiduError(
        'invalid_input',
        [...path, 'equals'],
        `"${name}" 的 equals 须为单值 / the value for "${name}" must be a ${type}, got ${describeValue(e)}`,
      );
    checkCellType(e, type, [...path, 'equals'], `the value for "${name}"`);
  }
  for (const key of ['in', 'notIn'] as const) {
    const set = t[key];
    if (set === undefined) continue;
    if (type === 'boolean')
      throw new ZhiduError(
        'invalid_input',
        [...path, key],
        `布尔输入 "${name}" 请用 equals / use "equals" for the boolean input "${name}"`,
      );
    set.forEach((v, k) => {
      checkCellType(v, type, [...path, key, k], `a value for "${name}"`);
    });
  }
  for (const key of NUMERIC_BOUNDS) {
    if (t[key] !== undefined && type !== 'number')
      throw new ZhiduError(
        'invalid_input',
        [...path, key],
        `"${key}" 须用于数值输入,"${name}" 是 ${type} / a bound ("${key}") needs a number input, "${name}" is ${type}`,
      );
  }
  if (acceptsNothing(t, type === 'boolean')) {
    const { zh, en } = describeValueTest(t);
    throw new ZhiduError(
      'invalid_input',
      path,
      `"${name}" 的条件(${zh})不含任何值 / the test for "${name}" (${en}) contains no value`,
    );
  }
}

function checkCellType(value: Scalar, type: string, path: (string | number)[], what: string): void {
  if (typeof value !== type) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `值须为 ${type} 类型，实为 ${JSON.stringify(value)} / ${what} must be a ${type}, got ${JSON.stringify(value)}`,
    );
  }
}

function validate(table: DecisionTable): void {
  const inputTypes = new Map<string, string>();
  table.inputs.forEach((col, i) => {
    if (inputTypes.has(col.name))
      throw new ZhiduError(
        'duplicate',
        ['inputs', i, 'name'],
        `输入列 "${col.name}" 重复声明 / input "${col.name}" is declared twice`,
      );
    inputTypes.set(col.name, col.type);
  });
  const outputTypes = new Map<string, string>();
  table.outputs.forEach((col, i) => {
    if (outputTypes.has(col.name))
      throw new ZhiduError(
        'duplicate',
        ['outputs', i, 'name'],
        `输出列 "${col.name}" 重复声明 / output "${col.name}" is declared twice`,
      );
    outputTypes.set(col.name, col.type);
  });
  const checkOutputs = (out: Record<string, Scalar>, path: (string | number)[]) => {
    for (const [name, type] of outputTypes) {
      // Own keys only: a row without an output `constructor` lacks it (it read the Object function).
      const value = ownValue(out, name);
      if (value === undefined)
        throw new ZhiduError(
          'invalid_input',
          [...path, name],
          `缺少输出列 "${name}" / output "${name}" is missing`,
        );
      checkCellType(value, type, [...path, name], `output "${name}"`);
    }
    for (const name of Object.keys(out)) {
      if (!outputTypes.has(name))
        throw new ZhiduError(
          'unknown_reference',
          [...path, name],
          `"${name}" 不是已声明的输出列 / "${name}" is not a declared output`,
        );
    }
  };
  const ids = new Set<string>();
  table.rules.forEach((row, r) => {
    if (ids.has(row.id))
      throw new ZhiduError(
        'duplicate',
        ['rules', r, 'id'],
        `行编号 "${row.id}" 重复使用 / row id "${row.id}" is used twice`,
      );
    ids.add(row.id);
    for (const [name, cond] of Object.entries(row.when)) {
      const path = ['rules', r, 'when', name];
      const type = inputTypes.get(name);
      if (type === undefined)
        throw new ZhiduError(
          'unknown_reference',
          path,
          `"${name}" 不是已声明的输入列 / "${name}" is not a declared input`,
        );
      checkCell(cond, type, name, path);
    }
    checkOutputs(row.result, ['rules', r, 'result']);
  });
  if (table.defaultOutput !== undefined) {
    if (table.hitPolicy === 'collect')
      throw new ZhiduError(
        'invalid_input',
        ['defaultOutput'],
        '汇总（collect）决策表没有默认输出 / a collect table has no default output',
      );
    checkOutputs(table.defaultOutput, ['defaultOutput']);
  }
  if (table.aggregate !== undefined) {
    if (table.hitPolicy !== 'collect')
      throw new ZhiduError(
        'invalid_input',
        ['aggregate'],
        '只有汇总（collect）决策表才能聚合 / only a collect table aggregates',
      );
    const { op, output } = table.aggregate;
    if (op !== 'count') {
      if (output === undefined)
        throw new ZhiduError(
          'invalid_input',
          ['aggregate', 'output'],
          `"${op}" 须指定输出列 / "${op}" needs an output column`,
        );
      if (outputTypes.get(output) !== 'number') {
        throw new ZhiduError(
          'invalid_input',
          ['aggregate', 'output'],
          `"${op}" 须为数值输出列，"${output}" 不是 / "${op}" needs a number output, "${output}" is not one`,
        );
      }
    }
  }
  checkOverlaps(table, inputTypes);
}

/**
 * A row's condition on a column: its own key only (a column named `toString` or `hasOwnProperty`
 * is not read through the prototype of the parsed `when`).
 */
function conditionOf<C>(when: Readonly<Record<string, C>>, name: string): C | undefined {
  return Object.hasOwn(when, name) ? when[name] : undefined;
}

function checkOverlaps(table: DecisionTable, inputTypes: Map<string, string>): void {
  if (table.hitPolicy === 'collect') return;
  const names = [...inputTypes.keys()];
  const isBool = (n: string) => inputTypes.get(n) === 'boolean';
  table.rules.forEach((later, j) => {
    for (let i = 0; i < j; i++) {
      const earlier = table.rules[i];
      if (earlier === undefined) continue;
      const overlap = names.every((n) =>
        conditionsOverlap(conditionOf(earlier.when, n), conditionOf(later.when, n), isBool(n)),
      );
      if (!overlap) continue;
      const refuseOverlap = table.hitPolicy === 'unique' || !table.allowOverlap;
      if (refuseOverlap) {
        throw new ZhiduError(
          'table_overlap',
          ['rules', j],
          `行 "${earlier.id}" 与 "${later.id}" 可能同时命中；${table.hitPolicy} 命中策略的决策表不允许行重叠（有序的首行命中表可设 allowOverlap，或以 defaultOutput 作为“其他情况”） / rows "${earlier.id}" and "${later.id}" both match some input; a ${table.hitPolicy}-hit table ` +
            'refuses overlapping rows (set allowOverlap for an ordered first-hit table, or use defaultOutput as the "otherwise")',
        );
      }
      if (
        names.every((n) =>
          conditionCovers(conditionOf(earlier.when, n), conditionOf(later.when, n), isBool(n)),
        )
      ) {
        throw new ZhiduError(
          'table_unreachable_row',
          ['rules', j],
          `行 "${later.id}" 永远不会命中：前面的行 "${earlier.id}" 已覆盖它接受的全部输入 / row "${later.id}" can never match: the earlier row "${earlier.id}" covers every input it accepts`,
        );
      }
    }
  });
}

/**
 * Validates a decision table (决策表) given as JSON data and compiles it for fast evaluation.
 * Each row tests its columns with core's value tests (`equals`, `in`, `notIn`, `gte` / `gt` /
 * `lte` / `lt`; see `ValueTestSchema` in `@zhidu/core`). Refuses unknown columns, type mismatches,
 * tests that accept no value and, for `first` (unless `allowOverlap`)
 * and `unique` tables, rows that overlap; with `allowOverlap`, rows an earlier row fully covers.
 *
 * @param input - the table as data (see {@link DecisionTableSchema})
 * @returns the compiled table (what `creditDecisionTableModule.compile` holds for {@link evaluateDecisionTable})
 * @throws ZhiduError `table_overlap`, `table_unreachable_row`, `invalid_input`, `unknown_reference`, `duplicate`
 * @example
 * const bands = defineDecisionTable({
 *   id: 'acme.scoreBand', hitPolicy: 'first',
 *   inputs: [{ name: 'score', type: 'number' }], outputs: [{ name: 'grade', type: 'string' }],
 *   rules: [
 *     { id: 'A', when: { score: { gte: 80 } }, result: { grade: 'A' } },
 *     { id: 'B', when: { score: { gte: 60, lt: 80 } }, result: { grade: 'B' } },
 *   ],
 *   defaultOutput: { grade: 'C' },
 * });
 * bands.table.hitPolicy; //=> 'first'
 * // A first-hit row that overlaps an earlier one is refused when the table is defined, not when it runs.
 * defineDecisionTable({ ...bands.table, rules: [...bands.table.rules, { id: 'B2', when: { score: { gte: 70 } }, result: { grade: 'B' } }] });
 * // throws ZhiduError table_overlap
 */
export function defineDecisionTable(input: DecisionTableInput): CompiledDecisionTable {
  const table = parseInput(DecisionTableSchema, input);
  validate(table);
  const inputNames = table.inputs.map((c) => c.name);
  const rows: CompiledRow[] = table.rules.map((row, index) => {
    const tests: ColumnTest[] = [];
    inputNames.forEach((name, k) => {
      const cond = conditionOf(row.when, name);
      const p = cond === undefined ? null : predicate(cond);
      if (p !== null) tests.push([k, p, cond as ValueTest]);
    });
    const entry: TraceEntry = {
      rule: row.rule ?? table.id,
      message: {
        zh: `决策表 ${table.id} 第 ${index + 1} 行（${row.id}）命中`,
        en: `decision table ${table.id}: row ${index + 1} (${row.id}) matched`,
      },
      data: { table: table.id, row: row.id, output: row.result },
    };
    const clause = row.clause ?? table.clause;
    if (clause !== undefined) entry.clause = clause;
    const match = Object.freeze({ rowId: row.id, output: row.result });
    Object.freeze(entry);
    return {
      tests,
      matches: rowMatcher(tests),
      index,
      id: row.id,
      output: row.result,
      entry,
      match,
      decided: moduleDecision({ matches: [match], output: row.result, aggregate: null }, entry),
    };
  });
  const noMatch = noMatchEntry(table);
  const inputTypes = table.inputs.map((c) => c.type);
  const noMatchDecided = moduleDecision(
    { matches: [], output: table.defaultOutput ?? null, aggregate: null },
    noMatch,
  );
  const index = buildIndex(table, inputNames, rows, noMatchDecided);
  const all = bucket(
    rows.map((row) => indexedRow(row, -1)),
    noMatchDecided,
  );
  const compiled: CompiledDecisionTable = {
    table,
    rows,
    inputNames,
    inputTypes,
    index,
    all,
    noMatch,
    noMatchDecided,
    decideFacts:
      table.hitPolicy === 'collect' ? null : factsDecider(inputNames, inputTypes, index, all, noMatchDecided),
  };
  compiledTables.add(compiled);
  return compiled;
}

// Tables compiled by defineDecisionTable: runDecisionTable refuses anything else (a plain JSON
// table, a hand-made object) instead of crashing on its missing compiled rows.
const compiledTables = new WeakSet<object>();

function expectCompiled(compiled: unknown): asserts compiled is CompiledDecisionTable {
  if (compiled === null || typeof compiled !== 'object' || !compiledTables.has(compiled)) {
    throw new ZhiduError(
      'invalid_input',
      ['compiled'],
      `须为 defineDecisionTable(...) 编译的决策表 / expected a table compiled by defineDecisionTable(...), got ${describeValue(compiled)}`,
    );
  }
}

/** A test naming finitely many values (`equals` or `in`): it can only match those. */
const isFiniteSet = (t: ValueTest): boolean => t.equals !== undefined || t.in !== undefined;

// Picks the column on which the most rows test set membership (equals / in) and lists, for each value
// those rows name, the rows that can match it; rows with other tests on that column are kept for
// every value. Order is preserved, so first-hit semantics are unchanged.
function buildIndex(
  table: DecisionTable,
  names: readonly string[],
  rows: readonly CompiledRow[],
  noMatch: TableModuleDecision,
): RowIndex | null {
  let best = -1;
  let bestCount = 0;
  names.forEach((name, k) => {
    const n = table.rules.filter((r) => {
      const c = conditionOf(r.when, name);
      return c !== undefined && isFiniteSet(c);
    }).length;
    if (n > bestCount) {
      best = k;
      bestCount = n;
    }
  });
  const column = names[best];
  if (column === undefined || bestCount < 2) return null;
  const keys = new Set<Scalar>();
  for (const r of table.rules) {
    const c = conditionOf(r.when, column);
    if (c?.equals !== undefined) keys.add(c.equals as Scalar);
    for (const v of [...(c?.in ?? []), ...(c?.notIn ?? [])]) keys.add(v);
  }
  const byValue = new Map<Scalar, Bucket>();
  const buckets: Bucket[] = [];
  for (const v of keys) {
    const b = bucket(
      rows
        .filter((row) => row.tests.every(([k, test]) => k !== best || test(v)))
        // The index column's test holds for `v` on every row listed under it: only the others run.
        .map((row) => indexedRow(row, best)),
      noMatch,
    );
    byValue.set(v, b);
    buckets.push(b);
  }
  const other = bucket(
    rows
      .filter((row) => {
        const w = table.rules[row.index]?.when;
        const c = w === undefined ? undefined : conditionOf(w, column);
        return c === undefined || !isFiniteSet(c);
      })
      .map((row) => indexedRow(row, -1)),
    noMatch,
  );
  const list = [...keys];
  return { column: best, keys: list, buckets, byValue, other, hash: keyHash(list, buckets, other) };
}

function readInputs(
  compiled: CompiledDecisionTable,
  input: TableInput,
  at: readonly (string | number)[] = [],
): Scalar[] {
  if (typeof input !== 'object' || input === null) {
    throw new ZhiduError(
      'invalid_input',
      [...at],
      '决策表的输入须为各列取值组成的对象 / decision-table input must be an object of column values',
    );
  }
  const { inputNames, inputTypes } = compiled;
  const n = inputNames.length;
  const values: Scalar[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const name = inputNames[k] as string;
    // (own values only: a column named after an `Object.prototype` method is missing when absent)
    const v = Object.hasOwn(input, name) ? input[name] : undefined;
    if (v === undefined)
      throw new ZhiduError(
        'invalid_input',
        [...at, name],
        `缺少输入列 "${name}" / input "${name}" is missing`,
      );
    const type = inputTypes[k];
    if (typeof v !== type || (typeof v === 'number' && !Number.isFinite(v))) {
      throw new ZhiduError(
        'invalid_input',
        [...at, name],
        `输入列 "${name}" 须为 ${type} 类型，实为 ${describeValue(v)} / input "${name}" must be a ${type}, got ${describeValue(v)}`,
      );
    }
    values[k] = v;
  }
  return values;
}

function aggregate(compiled: CompiledDecisionTable, outputs: Record<string, Scalar>[]): number | null {
  const agg = compiled.table.aggregate;
  if (agg === undefined) return null;
  if (agg.op === 'count') return outputs.length;
  const name = agg.output ?? '';
  const nums = outputs.map((o) => o[name]).filter((v): v is number => typeof v === 'number');
  if (nums.length === 0) return null;
  if (agg.op === 'sum') return nums.reduce((s, n) => s + n, 0);
  return agg.op === 'min' ? Math.min(...nums) : Math.max(...nums);
}

/**
 * Evaluates a compiled decision table against one set of inputs. `first` returns the first
 * matching row in table order; `unique` the only one; `collect` all of them (and the aggregate).
 * Every matching row is a trace entry citing the row's `rule`/`clause` (or the table's id).
 *
 * @param compiled - from {@link defineDecisionTable}
 * @param input - a value for every declared input column
 * @returns a decision whose value lists the matches, the output and the aggregate
 * @throws ZhiduError `invalid_input` when `compiled` is not from {@link defineDecisionTable} (at
 *   `compiled`) or an input is missing or of the wrong type
 * @example
 * const bands = defineDecisionTable({
 *   id: 'acme.scoreBands',
 *   hitPolicy: 'first',
 *   inputs: [{ name: 'score', type: 'number' }],
 *   outputs: [{ name: 'grade', type: 'string' }],
 *   rules: [
 *     { id: 'A', when: { score: { gte: 90 } }, result: { grade: 'A' } },
 *     { id: 'B', when: { score: { gte: 75, lt: 90 } }, result: { grade: 'B' } },
 *   ],
 *   defaultOutput: { grade: 'C' },
 * });
 * runDecisionTable(bands, { score: 95 }).value.output; //=> { grade: 'A' }
 * runDecisionTable(bands, { score: 60 }).value.output; //=> { grade: 'C' }
 * runDecisionTable(bands, { score: '95' }); // throws ZhiduError invalid_input
 */
export function runDecisionTable(compiled: CompiledDecisionTable, input: TableInput): Decision<TableResult> {
  expectCompiled(compiled);
  return evaluateCompiled(compiled, input);
}

/**
 * {@link runDecisionTable} on a table known to be compiled: the rows' matches and trace entries
 * were built at definition (frozen, shared by every decision), so a first-hit evaluation allocates
 * only its decision. @internal
 */
export function evaluateCompiled(compiled: CompiledDecisionTable, input: TableInput): Decision<TableResult> {
  const values = readInputs(compiled, input);
  const { table } = compiled;
  if (table.hitPolicy === 'collect') return collectRows(compiled, values);
  const row = firstRow(compiled, values);
  if (row === undefined) {
    return {
      value: { matches: [], output: table.defaultOutput ?? null, aggregate: null },
      trace: [compiled.noMatch],
    };
  }
  return { value: { matches: [row.match], output: row.output, aggregate: null }, trace: [row.entry] };
}

/**
 * The first row (in table order) whose tests all hold: through the index when there is one, then
 * by the bucket's bands (a binary search) or its candidates in order.
 */
function firstRow(compiled: CompiledDecisionTable, values: readonly Scalar[]): CompiledRow | undefined {
  return firstRow0(compiled.index, compiled.all, values);
}

/** {@link firstRow} from the table's index and its bucket of all rows. @internal */
export function firstRow0(
  index: RowIndex | null,
  all: Bucket,
  values: readonly Scalar[],
): CompiledRow | undefined {
  return bucketRow(index === null ? all : bucketOf(index, values[index.column] as Scalar), values);
}

/** Every row whose tests all hold, in table order, and the aggregate. */
function collectRows(compiled: CompiledDecisionTable, values: readonly Scalar[]): Decision<TableResult> {
  const matches: TableResult['matches'] = [];
  const trace: TraceEntry[] = [];
  const { index } = compiled;
  if (index === null) {
    for (const row of compiled.rows) {
      if (!row.matches(values)) continue;
      matches.push(row.match);
      trace.push(row.entry);
    }
  } else {
    for (const c of bucketOf(index, values[index.column] as Scalar).list) {
      if (!indexedMatch(c, values)) continue;
      matches.push(c.row.match);
      trace.push(c.row.entry);
    }
  }
  const agg = aggregate(
    compiled,
    matches.map((m) => m.output),
  );
  return { value: { matches, output: null, aggregate: agg }, trace };
}

const OBJECT_PROTO = Object.prototype;
/** `Object.prototype.hasOwnProperty`, called on the facts (which may own a key of that name). */
const hasOwn = OBJECT_PROTO.hasOwnProperty;

/**
 * The first / unique decision for `facts` (an object, checked by {@link fastModuleDecision}), or
 * `undefined` when the facts are not plain (a prototype other than `Object.prototype` or `null`),
 * a declared column is missing or of another type, a value of another key is not a scalar, or a key
 * is `__proto__` / `constructor` (the general path decides those). Each value is read once (a getter
 * that throws throws from here, as it would from zod's reading); symbol keys are not data and are not
 * looked at.
 */
type FactsDecider = (facts: object) => TableModuleDecision | undefined;

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
 * A key no object has: this module never stores it. Reading it from the facts just before
 * `Object.getPrototypeOf` costs the optimising compiler one check of the facts' shape, after which
 * it knows their prototype and reads it as a constant; without that check every
 * `Object.getPrototypeOf` was a call of its own, about 8 ns (issue 21). It reads `undefined` from
 * every object (a proxy's `get` trap sees it, as it sees the other reads).
 */
const PROBE: unique symbol = Symbol('zhidu.credit.decision-table.probe');

/**
 * Whether facts are a plain object: prototype `Object.prototype` or `null` and no `constructor` but
 * `Object`'s, so that zod reads them as a record and, with no enumerable key on `Object.prototype`,
 * `for…in` shows own keys only.
 */
function plainFacts(facts: object): boolean {
  if ((facts as { [PROBE]?: unknown })[PROBE] !== undefined) return false;
  // zod's record asks the `constructor` too: any but Object's is zod's to judge.
  return recordShaped(facts);
}

/**
 * The facts decider of a first / unique table. Facts whose keys are exactly the declared columns
 * (the usual case: a `for…in` that reads no value says so) of a table of one or two columns are
 * read by name, each value once, in the order `for…in` (and zod) shows the keys; the values go to
 * locals (the bands read the one value they need, and give the decision directly; no array is
 * built when the bucket has bands). Any other facts (more columns, other keys, a column named
 * `__proto__` / `constructor`) are read by one `for…in` that reads each value once. Symbol keys
 * are not data (core's `recordOf` ignores them): neither reading looks at them.
 */
function factsDecider(
  names: readonly string[],
  types: readonly string[],
  index: RowIndex | null,
  all: Bucket,
  noMatch: TableModuleDecision,
): FactsDecider {
  const n = names.length;
  const columnOf = new Map(names.map((name, k) => [name, k]));
  // The reading of any facts: each own enumerable string key once, its value read once.
  const byKeys = (facts: Record<string, unknown>): TableModuleDecision | undefined => {
    // With no enumerable key on Object.prototype (the usual case), for…in over facts whose prototype
    // is Object.prototype or null shows own enumerable string keys only, as zod's record reads them.
    if (protoEnumerable()) return undefined;
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
    if (found !== n) return undefined; // a column missing: the general path says which
    const row = firstRow0(index, all, values);
    return row === undefined ? noMatch : row.decided;
  };
  if (n === 0 || n > 2 || names.some(isOddKey))
    return (facts) => (plainFacts(facts) ? byKeys(facts as Record<string, unknown>) : undefined);
  // One or two columns, read into locals (a table of one reads its column once).
  const c0 = internal(names[0] as string);
  const t0 = types[0] as string;
  const c1 = n > 1 ? internal(names[1] as string) : c0;
  const t1 = n > 1 ? (types[1] as string) : t0;
  const indexColumn = index === null ? -1 : index.column;
  const generated =
    generatedReaders.on && !generatedReaders.refused
      ? generatedReader({ c0, t0, c1, t1, n, indexColumn, index, all, noMatch, byKeys })
      : undefined;
  if (generated !== undefined) return generated;
  return (facts) => {
    if (!plainFacts(facts)) return undefined;
    // Which keys the facts have (no value is read here): exactly the columns, or `byKeys`.
    let count = 0;
    let firstIs1 = false;
    for (const k in facts) {
      // A column `for…in` shows is read only when the facts own it (an enumerable key of
      // Object.prototype shows too, and zod's record does not read it): the general path says the
      // column is missing. Inside the loop the engine knows an own key from the facts' shape.
      if (k === c0) {
        if (!hasOwn.call(facts, k)) return undefined;
        count++;
      } else if (k === c1) {
        if (!hasOwn.call(facts, k)) return undefined;
        if (count === 0) firstIs1 = true;
        count++;
      } else return byKeys(facts as Record<string, unknown>);
    }
    if (count !== n) return undefined; // a column missing: the general path says which
    const f = facts as Record<string, unknown>;
    // A getter that throws throws here as it would under zod (each value is read once, on one path).
    let v0: unknown;
    let v1: unknown;
    if (firstIs1) {
      v1 = f[c1];
      v0 = f[c0];
    } else {
      v0 = f[c0];
      v1 = n > 1 ? f[c1] : v0;
    }
    if (!ofType(v0, t0) || !ofType(v1, t1)) return undefined;
    const b = indexColumn === -1 ? all : bucketOf(index as RowIndex, (indexColumn === 0 ? v0 : v1) as Scalar);
    const c = b.bandColumn;
    if (c !== -1) return b.decisions[bandSlot(b, (c === 0 ? v0 : v1) as number)];
    const row = bucketRow(b, n === 1 ? [v0 as Scalar] : [v0 as Scalar, v1 as Scalar]);
    return row === undefined ? noMatch : row.decided;
  };
}

/**
 * Whether a first / unique table of one or two columns reads its facts through a reader generated
 * for its column names (see {@link generatedReader}); off, through the closure that takes the names
 * as values. Read when a table is compiled. `refused` is set when the environment refused code
 * generation once (no table tries again: a browser reports every refusal of its
 * Content-Security-Policy). The differential tests switch it off and compare. Not for production
 * use. @internal
 */
export const generatedReaders = { on: true, refused: false };

/** The readers {@link generatedReader} made (for tests). */
const generatedSet = new WeakSet<object>();

/**
 * Whether a table's facts reader is one generated for its column names. @internal
 *
 * @param compiled - from {@link defineDecisionTable}
 * @returns true when `decideFacts` was generated
 */
export function hasGeneratedReader(compiled: CompiledDecisionTable): boolean {
  return compiled.decideFacts !== null && generatedSet.has(compiled.decideFacts);
}

/** What a generated reader is made of: the locals reader of {@link factsDecider}, its names as data. */
type ReaderParts = {
  readonly c0: string;
  readonly t0: string;
  readonly c1: string;
  readonly t1: string;
  readonly n: number;
  readonly indexColumn: number;
  readonly index: RowIndex | null;
  readonly all: Bucket;
  readonly noMatch: TableModuleDecision;
  readonly byKeys: (facts: Record<string, unknown>) => TableModuleDecision | undefined;
};

/** A test that a local holds a value of the column's type (a number finite), as source text. */
const typeTest = (local: string, type: string): string =>
  type === 'number'
    ? `(typeof ${local} === "number" && isFinite(${local}))`
    : `(typeof ${local} === ${JSON.stringify(type)})`;

/**
 * The locals reader of {@link factsDecider} for one table, generated with the table's column names
 * written into it (issue 21): the keys `for…in` shows are compared with constants, and the values
 * read by constant names, which the engine compiles to loads it has seen the shape of, where the
 * closure compares with and reads by names it holds as values. Each table's reader is a function of
 * its own, whose type feedback no other table shares. It decides exactly as the closure does (the
 * same checks in the same order, the same shared lookups: `bucketOf`, `bandSlot`, `bucketRow`); the
 * differential tests compare the two on seeded tables and facts.
 *
 * Only the column names and their declared types are written into the source: each name as
 * `JSON.stringify` writes it (a JSON string is a JavaScript string literal, every character escaped
 * that must be), each type from a fixed list. No value of the table is. Where code generation is
 * refused — a Content-Security-Policy without `unsafe-eval` or `node
 * --disallow-code-generation-from-strings` (an `EvalError`), Hardened JavaScript's `lockdown` (a
 * `TypeError`, or a `SyntaxError` for a name its scan of the text rejects) — the table keeps the
 * closure: the same answers, a little slower. After a refusal that is not about one table's names,
 * no later table tries again.
 */
function generatedReader(parts: ReaderParts): FactsDecider | undefined {
  const { n, t0, t1, indexColumn, index, all, noMatch, byKeys } = parts;
  const c0 = JSON.stringify(parts.c0);
  const c1 = JSON.stringify(parts.c1);
  const two = n > 1;
  const source = `"use strict";
return function decideFacts(facts) {
  if (facts[probe] !== undefined || !recordShaped(facts)) return undefined;
  let count = 0;
  let firstIs1 = false;
  for (const k in facts) {
    if (k === ${c0}) { if (!hasOwn.call(facts, k)) return undefined; count++; }
    ${two ? `else if (k === ${c1}) { if (!hasOwn.call(facts, k)) return undefined; if (count === 0) firstIs1 = true; count++; }` : ''}
    else return byKeys(facts);
  }
  if (count !== ${n}) return undefined;
  let v0;
  let v1;
  if (firstIs1) { v1 = facts[${c1}]; v0 = facts[${c0}]; }
  else { v0 = facts[${c0}]; v1 = ${two ? `facts[${c1}]` : 'v0'}; }
  if (!${typeTest('v0', t0)} || !${typeTest('v1', t1)}) return undefined;
  const b = ${indexColumn === -1 ? 'all' : `bucketOf(index, ${indexColumn === 0 ? 'v0' : 'v1'})`};
  const c = b.bandColumn;
  if (c !== -1) return b.decisions[bandSlot(b, c === 0 ? v0 : v1)];
  const row = bucketRow(b, ${two ? '[v0, v1]' : '[v0]'});
  return row === undefined ? noMatch : row.decided;
};`;
  let make: (...args: unknown[]) => FactsDecider;
  try {
    make = new Function(
      'probe',
      'recordShaped',
      'isFinite',
      'byKeys',
      'bucketOf',
      'bandSlot',
      'bucketRow',
      'index',
      'all',
      'noMatch',
      'hasOwn',
      source,
    ) as typeof make;
  } catch (e) {
    // Refused: a Content-Security-Policy or Node's flag throws an EvalError, Hardened JavaScript
    // (SES `lockdown`) a TypeError, or a SyntaxError for source text it will not run (its scan of
    // the text finds `-->` or `import(` even inside a string literal). The closure reads the facts.
    // Only a SyntaxError depends on this table's names: any other refusal holds for every table.
    if (!(e instanceof SyntaxError)) generatedReaders.refused = true;
    return undefined;
  }
  const reader = make(
    PROBE,
    recordShaped,
    Number.isFinite,
    byKeys,
    bucketOf,
    bandSlot,
    bucketRow,
    index,
    all,
    noMatch,
    hasOwn,
  );
  generatedSet.add(reader);
  return reader;
}

/** Whether `Object.prototype` has an enumerable key (then `for…in` over a plain object also sees inherited keys). */
function protoEnumerable(): boolean {
  for (const _ in OBJECT_PROTO) return true;
  return false;
}

/**
 * The module `credit.decision-table`'s own reading of its input `{ facts }` (issue 21): the
 * decision of a first / unique table for an input it has checked completely — an object (not an
 * array) whose only enumerable key is `facts`, as zod's strict object reads it, `facts` a plain
 * object whose every own enumerable value is a string, a finite number or a boolean (symbol keys
 * are not data: not looked at, as zod's strict objects and core's `recordOf` ignore them), and every declared input column present with its declared type — or `undefined` for
 * anything else (a collect table, an odd shape, a bad or missing value), which then takes the
 * general path: core's input parser and zod, and {@link runDecisionTable}'s checks, which build
 * the refusal. Each value of `facts` is read once. The decision is the row's, built at definition
 * as core's reusable decision (read-only, frozen through; the same object the general path returns).
 *
 * @param compiled - from {@link defineDecisionTable}
 * @param input - the module's raw input
 * @returns the decision, or `undefined` when the general path must decide
 * @example
 * const bands = defineDecisionTable({
 *   id: 'acme.scoreBands', hitPolicy: 'first',
 *   inputs: [{ name: 'score', type: 'number' }], outputs: [{ name: 'grade', type: 'string' }],
 *   rules: [{ id: 'A', when: { score: { gte: 90 } }, result: { grade: 'A' } }],
 *   defaultOutput: { grade: 'C' },
 * });
 * fastModuleDecision(bands, { facts: { score: 95 } })?.value.result.output; //=> { grade: 'A' }
 * fastModuleDecision(bands, { facts: { score: '95' } }); //=> undefined (the general path refuses it)
 * @internal
 */
export function fastModuleDecision(
  compiled: CompiledDecisionTable,
  input: unknown,
): TableModuleDecision | undefined {
  const decide = compiled.decideFacts;
  if (decide === null) return undefined; // a collect table: the general path
  // zod's strict object takes any object but an array, reads `facts` by name and refuses any other
  // key `for…in` shows (inherited ones included): so does this reading.
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  // Exactly one key, `facts` (an enumerable key of Object.prototype shows here too, and is refused as
  // zod refuses it). The decider reads the facts' own keys only: see `factsDecider`.
  let count = 0;
  for (const k in input) {
    if (k !== 'facts') return undefined;
    count++;
  }
  if (count !== 1) return undefined;
  const facts = (input as { facts: unknown }).facts;
  if (typeof facts !== 'object' || facts === null) return undefined;
  // The prototype of the facts is the decider's to check.
  return decide(facts);
}

/** Where the module `credit.decision-table` reads its facts: a refused column is cited below it. */
const FACTS_PATH = ['input', 'facts'] as const;

/**
 * The module `credit.decision-table`'s general path, on validated facts: a first / unique
 * table's shared reusable decision (the one {@link fastModuleDecision} returns), a collect table's
 * fresh one. Refuses a missing or mistyped column as {@link runDecisionTable} does. @internal
 */
export function evaluateForModule(
  compiled: CompiledDecisionTable,
  facts: TableInput,
): Decision<{ result: TableResult; violations: Violation[] }> {
  if (compiled.table.hitPolicy === 'collect') {
    const d = collectRows(compiled, readInputs(compiled, facts, FACTS_PATH));
    return { value: { result: d.value, violations: [] }, trace: d.trace };
  }
  const row = firstRow(compiled, readInputs(compiled, facts, FACTS_PATH));
  return row === undefined ? compiled.noMatchDecided : row.decided;
}
