import { type Decision, parseInput, Trace, ZhiduError } from '@zhidu/core';
import { conditionCovers, conditionsOverlap, isEmptyRange } from './analysis.js';
import {
  type Condition,
  type DecisionTable,
  DecisionTableSchema,
  type Scalar,
  type TableInput,
  type TableResult,
} from './schema.js';

type Predicate = (v: Scalar) => boolean;
type CompiledRow = { readonly tests: readonly (readonly [number, Predicate])[]; readonly index: number };

/** A validated, compiled decision table: define once, evaluate many times. */
export type CompiledDecisionTable = {
  readonly table: DecisionTable;
  /** @internal compiled rows */
  readonly rows: readonly CompiledRow[];
  /** @internal input column types by position */
  readonly inputNames: readonly string[];
  /** @internal */
  readonly inputTypes: readonly string[];
};

function predicate(c: Condition): Predicate | null {
  switch (c.op) {
    case 'any':
      return null;
    case 'eq': {
      const value = c.value;
      return (v) => v === value;
    }
    case 'in': {
      const set = new Set<Scalar>(c.values);
      return (v) => set.has(v);
    }
    case 'notIn': {
      const set = new Set<Scalar>(c.values);
      return (v) => !set.has(v);
    }
    case 'range': {
      const min = c.min ?? Number.NEGATIVE_INFINITY;
      const max = c.max ?? Number.POSITIVE_INFINITY;
      const minIn = c.minInclusive;
      const maxIn = c.maxInclusive;
      return (v) =>
        typeof v === 'number' && (minIn ? v >= min : v > min) && (maxIn ? v <= max : v < max);
    }
  }
}

function checkCellType(value: Scalar, type: string, path: (string | number)[], what: string): void {
  if (typeof value !== type) {
    throw new ZhiduError('invalid_input', path, `${what} must be a ${type}, got ${JSON.stringify(value)}`);
  }
}

function validate(table: DecisionTable): void {
  const inputTypes = new Map<string, string>();
  table.inputs.forEach((col, i) => {
    if (inputTypes.has(col.name)) throw new ZhiduError('duplicate', ['inputs', i, 'name'], `input "${col.name}" is declared twice`);
    inputTypes.set(col.name, col.type);
  });
  const outputTypes = new Map<string, string>();
  table.outputs.forEach((col, i) => {
    if (outputTypes.has(col.name)) throw new ZhiduError('duplicate', ['outputs', i, 'name'], `output "${col.name}" is declared twice`);
    outputTypes.set(col.name, col.type);
  });
  const checkOutputs = (out: Record<string, Scalar>, path: (string | number)[]) => {
    for (const [name, type] of outputTypes) {
      const value = out[name];
      if (value === undefined) throw new ZhiduError('invalid_input', [...path, name], `output "${name}" is missing`);
      checkCellType(value, type, [...path, name], `output "${name}"`);
    }
    for (const name of Object.keys(out)) {
      if (!outputTypes.has(name)) throw new ZhiduError('unknown_reference', [...path, name], `"${name}" is not a declared output`);
    }
  };
  const ids = new Set<string>();
  table.rules.forEach((row, r) => {
    if (ids.has(row.id)) throw new ZhiduError('duplicate', ['rules', r, 'id'], `row id "${row.id}" is used twice`);
    ids.add(row.id);
    for (const [name, cond] of Object.entries(row.when)) {
      const path = ['rules', r, 'when', name];
      const type = inputTypes.get(name);
      if (type === undefined) throw new ZhiduError('unknown_reference', path, `"${name}" is not a declared input`);
      if (cond.op === 'range') {
        if (type !== 'number') throw new ZhiduError('invalid_input', path, `a range needs a number input, "${name}" is ${type}`);
        if (isEmptyRange(cond)) throw new ZhiduError('invalid_input', path, `the range for "${name}" contains no value`);
      } else if (cond.op === 'eq') {
        checkCellType(cond.value, type, [...path, 'value'], `the value for "${name}"`);
      } else if (cond.op === 'in' || cond.op === 'notIn') {
        if (type === 'boolean') throw new ZhiduError('invalid_input', path, `use "eq" for the boolean input "${name}"`);
        cond.values.forEach((v, k) => checkCellType(v, type, [...path, 'values', k], `a value for "${name}"`));
      }
    }
    checkOutputs(row.then, ['rules', r, 'then']);
  });
  if (table.defaultOutput !== undefined) {
    if (table.hitPolicy === 'collect') throw new ZhiduError('invalid_input', ['defaultOutput'], 'a collect table has no default output');
    checkOutputs(table.defaultOutput, ['defaultOutput']);
  }
  if (table.aggregate !== undefined) {
    if (table.hitPolicy !== 'collect') throw new ZhiduError('invalid_input', ['aggregate'], 'only a collect table aggregates');
    const { op, output } = table.aggregate;
    if (op !== 'count') {
      if (output === undefined) throw new ZhiduError('invalid_input', ['aggregate', 'output'], `"${op}" needs an output column`);
      if (outputTypes.get(output) !== 'number') {
        throw new ZhiduError('invalid_input', ['aggregate', 'output'], `"${op}" needs a number output, "${output}" is not one`);
      }
    }
  }
  checkOverlaps(table, inputTypes);
}

function checkOverlaps(table: DecisionTable, inputTypes: Map<string, string>): void {
  if (table.hitPolicy === 'collect') return;
  const names = [...inputTypes.keys()];
  const isBool = (n: string) => inputTypes.get(n) === 'boolean';
  table.rules.forEach((later, j) => {
    for (let i = 0; i < j; i++) {
      const earlier = table.rules[i];
      if (earlier === undefined) continue;
      const overlap = names.every((n) => conditionsOverlap(earlier.when[n], later.when[n], isBool(n)));
      if (!overlap) continue;
      const refuseOverlap = table.hitPolicy === 'unique' || !table.allowOverlap;
      if (refuseOverlap) {
        throw new ZhiduError(
          'table_overlap',
          ['rules', j],
          `rows "${earlier.id}" and "${later.id}" both match some input; a ${table.hitPolicy}-hit table ` +
            'refuses overlapping rows (set allowOverlap for an ordered first-hit table, or use defaultOutput as the "otherwise")',
        );
      }
      if (names.every((n) => conditionCovers(earlier.when[n], later.when[n], isBool(n)))) {
        throw new ZhiduError(
          'table_unreachable_row',
          ['rules', j],
          `row "${later.id}" can never match: the earlier row "${earlier.id}" covers every input it accepts`,
        );
      }
    }
  });
}

/**
 * Validates a decision table (决策表) given as JSON data and compiles it for fast evaluation.
 * Refuses unknown columns, type mismatches, empty ranges and, for `first` (unless `allowOverlap`)
 * and `unique` tables, rows that overlap; with `allowOverlap`, rows an earlier row fully covers.
 *
 * @param input - the table as data (see {@link DecisionTableSchema})
 * @returns the compiled table, for {@link evaluateDecisionTable}
 * @throws ZhiduError `table_overlap`, `table_unreachable_row`, `invalid_input`, `unknown_reference`, `duplicate`
 * @example
 * const bands = defineDecisionTable({
 *   id: 'acme.scoreBand', hitPolicy: 'first',
 *   inputs: [{ name: 'score', type: 'number' }], outputs: [{ name: 'grade', type: 'string' }],
 *   rules: [
 *     { id: 'A', when: { score: { op: 'range', min: 80 } }, then: { grade: 'A' } },
 *     { id: 'B', when: { score: { op: 'range', min: 60, max: 80 } }, then: { grade: 'B' } },
 *   ],
 *   defaultOutput: { grade: 'C' },
 * });
 * evaluateDecisionTable(bands, { score: 72 }).value.output; //=> { grade: 'B' }
 */
export function defineDecisionTable(input: unknown): CompiledDecisionTable {
  const table = parseInput(DecisionTableSchema, input);
  validate(table);
  const inputNames = table.inputs.map((c) => c.name);
  const rows = table.rules.map((row, index) => {
    const tests: [number, Predicate][] = [];
    inputNames.forEach((name, k) => {
      const cond = row.when[name];
      const p = cond === undefined ? null : predicate(cond);
      if (p !== null) tests.push([k, p]);
    });
    return { tests, index };
  });
  return { table, rows, inputNames, inputTypes: table.inputs.map((c) => c.type) };
}

function readInputs(compiled: CompiledDecisionTable, input: TableInput): Scalar[] {
  if (typeof input !== 'object' || input === null) {
    throw new ZhiduError('invalid_input', [], 'decision-table input must be an object of column values');
  }
  const values: Scalar[] = [];
  compiled.inputNames.forEach((name, k) => {
    const v = input[name];
    if (v === undefined) throw new ZhiduError('invalid_input', [name], `input "${name}" is missing`);
    const type = compiled.inputTypes[k];
    if (typeof v !== type || (typeof v === 'number' && !Number.isFinite(v))) {
      throw new ZhiduError('invalid_input', [name], `input "${name}" must be a ${type}, got ${JSON.stringify(v)}`);
    }
    values.push(v);
  });
  return values;
}

function rowMatches(row: CompiledRow, values: readonly Scalar[]): boolean {
  for (const [k, test] of row.tests) {
    const v = values[k];
    if (v === undefined || !test(v)) return false;
  }
  return true;
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
 * @throws ZhiduError `invalid_input` when an input is missing or of the wrong type
 * @example
 * evaluateDecisionTable(bands, { score: 95 }).value.output; //=> { grade: 'A' }
 */
export function evaluateDecisionTable(compiled: CompiledDecisionTable, input: TableInput): Decision<TableResult> {
  const values = readInputs(compiled, input);
  const { table } = compiled;
  const trace = new Trace();
  const matches: TableResult['matches'] = [];
  for (const row of compiled.rows) {
    if (!rowMatches(row, values)) continue;
    const source = table.rules[row.index];
    if (source === undefined) continue;
    matches.push({ rowId: source.id, output: source.then });
    trace.add(
      source.rule ?? table.id,
      source.clause ?? table.clause,
      `决策表 ${table.id} 第 ${row.index + 1} 行（${source.id}）命中`,
      `decision table ${table.id}: row ${row.index + 1} (${source.id}) matched`,
      { table: table.id, row: source.id, output: source.then },
    );
    if (table.hitPolicy !== 'collect') break;
  }
  if (table.hitPolicy === 'collect') {
    const agg = aggregate(
      compiled,
      matches.map((m) => m.output),
    );
    return trace.decide({ matches, output: null, aggregate: agg });
  }
  const first = matches[0];
  if (first === undefined) {
    const fallback = table.defaultOutput ?? null;
    trace.add(
      table.id,
      table.clause,
      fallback === null ? `决策表 ${table.id} 无行命中` : `决策表 ${table.id} 无行命中，取默认输出`,
      fallback === null ? `decision table ${table.id}: no row matched` : `decision table ${table.id}: no row matched, default output`,
      { table: table.id, output: fallback },
    );
  }
  return trace.decide({ matches, output: first?.output ?? table.defaultOutput ?? null, aggregate: null });
}
