/**
 * Formulas as data: a limit, a cap, a deposit … computed from named inputs by a composition of
 * documented operations, in exact integer arithmetic (fen, counts, basis points). A formula is JSON
 * (a company writes it in its policy; `zhidu coverage` perturbs its constants like any parameter);
 * it is never evaluated as code. Every step that can leave a fraction states its rounding.
 */
import { z } from 'zod';
import { type Condition, ConditionSchema, conditionAttributes, evaluateCondition } from './condition.js';
import { describeValue, type ErrorPath, parseInput, ZhiduError } from './errors.js';
import { divideRounded, FenSchema, type RoundingMode, RoundingModeSchema } from './money.js';
import { recordOf } from './record.js';
import { nearestKey } from './unknown-keys.js';

/**
 * One node of a formula (see {@link FormulaSchema} for every operation, with an example each):
 * - `{ input: 'salesTotal' }` — a named input (an integer: fen, a count, basis points);
 * - `{ fen: 5000000 }` — an amount of money in fen; `{ number: 30 }` — any other integer;
 * - `{ sum: [a, b, …] }`, `{ subtract: [a, b] }`, `{ min: […] }`, `{ max: […] }`;
 * - `{ multiply: a, by: b }` — an exact integer product (no rounding needed);
 * - `{ multiply: a, byBp: b, rounding }` — `a × b / 10000` (b in basis points, 2000 = 20 %), rounded;
 * - `{ divide: a, by: b, rounding }` — `a / b`, rounded;
 * - `{ roundTo: a, unit, rounding }` — `a` rounded to a multiple of `unit` (e.g. 100000 fen = ¥1,000);
 * - `{ clamp: a, atLeast?, atMost? }` — `a` raised to `atLeast`, then cut to `atMost` (the cap wins);
 * - `{ lookup: 'grade', table: { A: 12000, B: 10000 }, default? }` — the integer the table gives the
 *   named input's label (a grade coefficient);
 * - `{ cases: [{ when, value }], else }` — the first case whose condition (core's condition
 *   language, over the inputs) holds, else `else`.
 */
export type FormulaExpr =
  | { input: string }
  | { fen: number }
  | { number: number }
  | { sum: FormulaExpr[] }
  | { subtract: [FormulaExpr, FormulaExpr] }
  | { min: FormulaExpr[] }
  | { max: FormulaExpr[] }
  | { multiply: FormulaExpr; by: FormulaExpr }
  | { multiply: FormulaExpr; byBp: FormulaExpr; rounding: RoundingMode }
  | { divide: FormulaExpr; by: FormulaExpr; rounding: RoundingMode }
  | { roundTo: FormulaExpr; unit: number; rounding: RoundingMode }
  | { clamp: FormulaExpr; atLeast?: FormulaExpr; atMost?: FormulaExpr }
  | { lookup: string; table: Record<string, number>; default?: number }
  | { cases: { when: Condition; value: FormulaExpr }[]; else: FormulaExpr };

const Int = z
  .number()
  .int()
  .refine(Number.isSafeInteger, { message: '须为安全整数 / a safe integer is required' });
const Name = z.string().min(1);

/**
 * zod schema of a formula ({@link FormulaExpr}). Each operation with an example (values in fen):
 *
 * | operation | example | value |
 * |---|---|---|
 * | `input` | `{ input: 'salesTotal' }` with salesTotal = 123456789 | 123456789 |
 * | `fen` | `{ fen: 5000000 }` | 5000000 (¥50,000) |
 * | `number` | `{ number: 30 }` | 30 |
 * | `sum` | `{ sum: [{ fen: 100 }, { fen: 250 }] }` | 350 |
 * | `subtract` | `{ subtract: [{ fen: 500 }, { fen: 120 }] }` | 380 |
 * | `min` / `max` | `{ min: [{ fen: 500 }, { fen: 120 }] }` | 120 |
 * | `multiply` … `by` | `{ multiply: { fen: 1500 }, by: { number: 3 } }` | 4500 |
 * | `multiply` … `byBp` | `{ multiply: { fen: 12345 }, byBp: { number: 2000 }, rounding: 'halfUp' }` | 2469 (2469.0) |
 * | `divide` | `{ divide: { fen: 1000 }, by: { number: 3 }, rounding: 'down' }` | 333 |
 * | `roundTo` | `{ roundTo: { fen: 2345678 }, unit: 100000, rounding: 'down' }` | 2300000 |
 * | `clamp` | `{ clamp: { fen: 9000 }, atLeast: { fen: 0 }, atMost: { fen: 5000 } }` | 5000 |
 * | `lookup` | `{ lookup: 'grade', table: { A: 12000, B: 10000 } }` with grade = 'A' | 12000 |
 * | `cases` | `{ cases: [{ when: { attribute: 'tenureMonths', lt: 6 }, value: { fen: 0 } }], else: { fen: 100 } }` | 0 for a customer of 3 months |
 */
export const FormulaSchema: z.ZodType<FormulaExpr, FormulaExpr> = z.lazy(() =>
  z.union([
    z.strictObject({ input: Name }),
    z.strictObject({ fen: FenSchema }),
    z.strictObject({ number: Int }),
    z.strictObject({ sum: z.array(FormulaSchema).min(1) }),
    z.strictObject({ subtract: z.tuple([FormulaSchema, FormulaSchema]) }),
    z.strictObject({ min: z.array(FormulaSchema).min(1) }),
    z.strictObject({ max: z.array(FormulaSchema).min(1) }),
    z.strictObject({ multiply: FormulaSchema, by: FormulaSchema }),
    z.strictObject({ multiply: FormulaSchema, byBp: FormulaSchema, rounding: RoundingModeSchema }),
    z.strictObject({ divide: FormulaSchema, by: FormulaSchema, rounding: RoundingModeSchema }),
    z.strictObject({
      roundTo: FormulaSchema,
      unit: Int.refine((n) => n > 0, { message: 'unit 须为正数 / unit must be positive' }),
      rounding: RoundingModeSchema,
    }),
    z.strictObject({
      clamp: FormulaSchema,
      atLeast: FormulaSchema.optional(),
      atMost: FormulaSchema.optional(),
    }),
    z.strictObject({ lookup: Name, table: recordOf(z.string(), Int), default: Int.optional() }),
    z.strictObject({
      cases: z.array(z.strictObject({ when: ConditionSchema, value: FormulaSchema })).min(1),
      else: FormulaSchema,
    }),
  ]),
) as z.ZodType<FormulaExpr, FormulaExpr>;

/** The values a formula reads: integers (fen, counts, basis points), labels and flags. */
export type FormulaInputs = Readonly<Record<string, number | string | boolean>>;

/** One step of an evaluation: where in the formula, what it did, and its value. */
export interface FormulaStep {
  /** JSON pointer of the node inside the formula (`''` is the whole formula). */
  at: string;
  /** The operation (`sum`, `multiply`, `lookup` …). */
  op: string;
  /** The step's value. */
  value: number;
  /** For a step that rounds: the exact value before rounding (`'246913.4'`) and the mode used. */
  rounded?: { exact: string; mode: RoundingMode };
}

/** A formula checked against the inputs it may read (see {@link compileFormula}). */
export interface CompiledFormula {
  readonly expr: FormulaExpr;
  /** The input names the formula reads, in order of first mention. */
  readonly reads: readonly string[];
  /** The names it may read (what {@link compileFormula} was given). */
  readonly known: readonly string[];
}

const BP = 10000n;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

function pointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * Checks a formula and the names it reads: every `input`, `lookup` and condition attribute must be
 * one of `known`, so a misspelt name is refused when the policy is loaded, not when a customer is
 * judged.
 *
 * @param formula - the formula (JSON)
 * @param known - the input names the caller will supply
 * @param path - where the formula sits in the caller's input (default `['formula']`)
 * @returns the compiled formula
 * @throws ZhiduError `invalid_input` for a malformed formula; `unknown_reference` (path to the name,
 *   with the nearest known name) for an input the caller does not supply
 * @example
 * const f = compileFormula({ multiply: { input: 'salesTotal' }, byBp: { number: 2000 }, rounding: 'halfUp' }, ['salesTotal']);
 * f.reads; //=> ['salesTotal']
 * compileFormula({ input: 'salesTotl' }, ['salesTotal']); // throws ZhiduError unknown_reference (did you mean salesTotal?)
 */
export function compileFormula(
  formula: unknown,
  known: readonly string[],
  path: ErrorPath = ['formula'],
): CompiledFormula {
  const expr = parseInput(FormulaSchema, formula, path);
  const names = new Set(known);
  const reads: string[] = [];
  const use = (name: string, at: ErrorPath): void => {
    if (!names.has(name)) {
      const near = nearestKey(name, known);
      throw new ZhiduError(
        'unknown_reference',
        at,
        `公式引用了未知的输入 ${JSON.stringify(name)}${near ? `（是否指 ${near}？）` : ''}；可用输入：${known.join('、') || '（无）'} / the formula names an unknown input ${JSON.stringify(name)}${near ? ` (did you mean ${near}?)` : ''}; known inputs: ${known.join(', ') || '(none)'}`,
      );
    }
    if (!reads.includes(name)) reads.push(name);
  };
  const walk = (e: FormulaExpr, at: ErrorPath): void => {
    if ('input' in e) use(e.input, [...at, 'input']);
    else if ('lookup' in e) use(e.lookup, [...at, 'lookup']);
    else if ('sum' in e || 'min' in e || 'max' in e || 'subtract' in e) {
      const [op, list] = listOf(e);
      for (let i = 0; i < list.length; i++) walk(list[i] as FormulaExpr, [...at, op, i]);
    } else if ('multiply' in e) {
      walk(e.multiply, [...at, 'multiply']);
      if ('byBp' in e) walk(e.byBp, [...at, 'byBp']);
      else walk(e.by, [...at, 'by']);
    } else if ('divide' in e) {
      walk(e.divide, [...at, 'divide']);
      walk(e.by, [...at, 'by']);
    } else if ('roundTo' in e) walk(e.roundTo, [...at, 'roundTo']);
    else if ('clamp' in e) {
      walk(e.clamp, [...at, 'clamp']);
      if (e.atLeast !== undefined) walk(e.atLeast, [...at, 'atLeast']);
      if (e.atMost !== undefined) walk(e.atMost, [...at, 'atMost']);
    } else if ('cases' in e) {
      e.cases.forEach((c, i) => {
        for (const a of conditionAttributes(c.when)) use(a, [...at, 'cases', i, 'when']);
        walk(c.value, [...at, 'cases', i, 'value']);
      });
      walk(e.else, [...at, 'else']);
    }
  };
  walk(expr, path);
  return Object.freeze({ expr, reads: Object.freeze(reads), known: Object.freeze([...known]) });
}

/** Whether `value` is a formula {@link compileFormula} returned (frozen, with its reads). */
function isCompiled(value: unknown): value is CompiledFormula {
  return (
    value !== null &&
    typeof value === 'object' &&
    Object.isFrozen(value) &&
    Array.isArray((value as CompiledFormula).reads) &&
    'expr' in value
  );
}

/** The operation and operand list of a `sum`, `subtract`, `min` or `max` node. */
function listOf(e: FormulaExpr): [string, readonly FormulaExpr[]] {
  if ('sum' in e) return ['sum', e.sum];
  if ('min' in e) return ['min', e.min];
  if ('max' in e) return ['max', e.max];
  if ('subtract' in e) return ['subtract', e.subtract];
  return ['', []];
}

/** `n / d` rounded by `mode`, for a divisor of either sign (money's division takes a positive one). */
function divideSigned(n: bigint, d: bigint, mode: RoundingMode): bigint {
  return d < 0n ? divideRounded(-n, -d, mode) : divideRounded(n, d, mode);
}

/** `n / d` as exact decimal text when it terminates within 8 places, else to 8 places with `…`. */
function exactText(n: bigint, d: bigint): string {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const sign = n < 0n ? '-' : '';
  const a = n < 0n ? -n : n;
  let text = `${sign}${a / d}`;
  let r = a % d;
  if (r === 0n) return text;
  text += '.';
  for (let i = 0; i < 8 && r !== 0n; i++) {
    r *= 10n;
    text += String(r / d);
    r %= d;
  }
  return r === 0n ? text : `${text}…`;
}

/**
 * Evaluates a compiled formula on the inputs, exactly: integers throughout (BigInt inside), each
 * rounding where the formula states it, each step recorded so a decision can show its working.
 *
 * @param formula - a formula from {@link compileFormula}
 * @param inputs - the named inputs (every name the formula reads must be given)
 * @param path - where the inputs sit in the caller's input, for errors (default `['inputs']`)
 * @returns the value (a safe integer) and the steps, innermost first
 * @throws ZhiduError `invalid_input` at the input's path for a missing input, a label where a
 *   number is needed (or the reverse), or a non-integer; `invalid_input` at the node for a division by
 *   zero, a label the lookup table lacks (without `default`) or a value beyond the safe integer range
 * @example
 * // 信用额度按近12个月销售额的20%核定，最高不超过50万元
 * const f = compileFormula(
 *   { min: [{ multiply: { input: 'salesTotal' }, byBp: { number: 2000 }, rounding: 'halfUp' }, { fen: 50000000 }] },
 *   ['salesTotal'],
 * );
 * evaluateFormula(f, { salesTotal: 123456789 }).value; //=> 24691358 (20 % of ¥1,234,567.89 = ¥246,913.578 → ¥246,913.58)
 * evaluateFormula(f, { salesTotal: 900000000 }).value; //=> 50000000 (the cap)
 * evaluateFormula(f, {}); // throws ZhiduError invalid_input (salesTotal is missing)
 */
export function evaluateFormula(
  formula: CompiledFormula,
  inputs: FormulaInputs,
  path: ErrorPath = ['inputs'],
): { value: number; steps: FormulaStep[] } {
  if (!isCompiled(formula)) {
    throw new ZhiduError(
      'invalid_input',
      ['formula'],
      '须传入 compileFormula 的结果 / pass the result of compileFormula',
    );
  }
  if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `公式的输入须为对象 / the formula's inputs must be an object, got ${describeValue(inputs)}`,
    );
  }
  for (const name of formula.reads) {
    if (!Object.hasOwn(inputs, name)) {
      throw new ZhiduError(
        'invalid_input',
        [...path, name],
        `缺少公式输入 ${name} / the formula's input ${name} is missing`,
      );
    }
  }
  const steps: FormulaStep[] = [];
  const safe = (v: bigint, at: readonly (string | number)[]): bigint => {
    if (v > MAX || v < -MAX) {
      throw new ZhiduError(
        'invalid_input',
        ['formula', ...at],
        `公式的值 ${v} 超出安全整数范围 / the formula's value ${v} at ${pointer(at) || '/'} exceeds the safe integer range`,
      );
    }
    return v;
  };
  const record = (
    at: readonly (string | number)[],
    op: string,
    v: bigint,
    rounded?: FormulaStep['rounded'],
  ) => {
    const value = Number(safe(v, at)) + 0;
    steps.push(
      rounded === undefined ? { at: pointer(at), op, value } : { at: pointer(at), op, value, rounded },
    );
    return v;
  };
  const numberInput = (name: string): bigint => {
    const v = inputs[name];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      throw new ZhiduError(
        'invalid_input',
        [...path, name],
        `公式输入 ${name} 须为安全整数（分、个数或基点），实际为 ${describeValue(v)} / the formula's input ${name} must be a safe integer (fen, a count or basis points), got ${describeValue(v)}`,
      );
    }
    return BigInt(v);
  };
  const rounding = (
    n: bigint,
    d: bigint,
    mode: RoundingMode,
    at: readonly (string | number)[],
    op: string,
  ) => {
    if (d === 0n) {
      throw new ZhiduError(
        'invalid_input',
        ['formula', ...at],
        `公式在 ${pointer(at) || '/'} 除以零 / the formula divides by zero at ${pointer(at) || '/'}`,
      );
    }
    const v = divideSigned(n, d, mode);
    return record(at, op, v, n % d === 0n ? undefined : { exact: exactText(n, d), mode });
  };
  const run = (e: FormulaExpr, at: (string | number)[]): bigint => {
    if ('input' in e) return record(at, 'input', numberInput(e.input));
    if ('fen' in e) return record(at, 'fen', BigInt(e.fen));
    if ('number' in e) return record(at, 'number', BigInt(e.number));
    if ('sum' in e)
      return record(
        at,
        'sum',
        e.sum.reduce((acc, x, i) => acc + run(x, [...at, 'sum', i]), 0n),
      );
    if ('subtract' in e) {
      const a = run(e.subtract[0], [...at, 'subtract', 0]);
      const b = run(e.subtract[1], [...at, 'subtract', 1]);
      return record(at, 'subtract', a - b);
    }
    if ('min' in e || 'max' in e) {
      const [op, list] = listOf(e);
      const values = list.map((x, i) => run(x, [...at, op, i]));
      let pick = values[0] as bigint;
      for (const v of values) if (op === 'min' ? v < pick : v > pick) pick = v;
      return record(at, op, pick);
    }
    if ('multiply' in e) {
      const a = run(e.multiply, [...at, 'multiply']);
      if ('byBp' in e) {
        const bp = run(e.byBp, [...at, 'byBp']);
        return rounding(a * bp, BP, e.rounding, at, 'multiplyBp');
      }
      const b = run(e.by, [...at, 'by']);
      return record(at, 'multiply', a * b);
    }
    if ('divide' in e) {
      const a = run(e.divide, [...at, 'divide']);
      const b = run(e.by, [...at, 'by']);
      return rounding(a, b, e.rounding, at, 'divide');
    }
    if ('roundTo' in e) {
      const a = run(e.roundTo, [...at, 'roundTo']);
      const unit = BigInt(e.unit);
      const q = divideSigned(a, unit, e.rounding);
      return record(
        at,
        'roundTo',
        q * unit,
        a % unit === 0n ? undefined : { exact: String(a), mode: e.rounding },
      );
    }
    if ('clamp' in e) {
      let v = run(e.clamp, [...at, 'clamp']);
      if (e.atLeast !== undefined) {
        const lo = run(e.atLeast, [...at, 'atLeast']);
        if (v < lo) v = lo;
      }
      if (e.atMost !== undefined) {
        const hi = run(e.atMost, [...at, 'atMost']);
        if (v > hi) v = hi;
      }
      return record(at, 'clamp', v);
    }
    if ('lookup' in e) {
      const key = inputs[e.lookup];
      if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') {
        throw new ZhiduError(
          'invalid_input',
          [...path, e.lookup],
          `查表输入 ${e.lookup} 须为标签，实际为 ${describeValue(key)} / the lookup input ${e.lookup} must be a label, got ${describeValue(key)}`,
        );
      }
      const label = String(key);
      const hit = Object.hasOwn(e.table, label) ? e.table[label] : e.default;
      if (hit === undefined) {
        throw new ZhiduError(
          'invalid_input',
          [...path, e.lookup],
          `查表 ${pointer([...at, 'table']) || '/table'} 没有 ${JSON.stringify(label)}，也没有 default；表中有：${Object.keys(e.table).join('、')} / the lookup table has no ${JSON.stringify(label)} and no default; it has ${Object.keys(e.table).join(', ')}`,
        );
      }
      return record(at, 'lookup', BigInt(hit));
    }
    // cases
    const c = e as { cases: { when: Condition; value: FormulaExpr }[]; else: FormulaExpr };
    for (let i = 0; i < c.cases.length; i++) {
      const k = c.cases[i] as { when: Condition; value: FormulaExpr };
      if (evaluateCondition(k.when, inputs, ['formula', ...at, 'cases', i, 'when']).holds)
        return record(at, 'cases', run(k.value, [...at, 'cases', i, 'value']));
    }
    return record(at, 'cases', run(c.else, [...at, 'else']));
  };
  const value = run(formula.expr, []);
  return { value: Number(value) + 0, steps };
}

/**
 * A formula in one line, for messages and docs: `min(multiply(input(salesTotal), 2000bp, halfUp), ¥500,000.00)`.
 *
 * @param formula - the formula (JSON) or a compiled formula
 * @returns the text
 * @throws ZhiduError `invalid_input` (path under `formula`) for anything but a formula
 * @example
 * describeFormula({ min: [{ multiply: { input: 'salesTotal' }, byBp: { number: 2000 }, rounding: 'halfUp' }, { fen: 50000000 }] });
 * //=> 'min(salesTotal × 2000bp [halfUp], 50000000 fen)'
 */
export function describeFormula(formula: FormulaExpr | CompiledFormula): string {
  const e: FormulaExpr = isCompiled(formula) ? formula.expr : parseInput(FormulaSchema, formula, ['formula']);
  const d = (x: FormulaExpr): string => {
    if ('input' in x) return x.input;
    if ('fen' in x) return `${x.fen} fen`;
    if ('number' in x) return String(x.number);
    if ('sum' in x) return `(${x.sum.map(d).join(' + ')})`;
    if ('subtract' in x) return `(${d(x.subtract[0])} − ${d(x.subtract[1])})`;
    if ('min' in x) return `min(${x.min.map(d).join(', ')})`;
    if ('max' in x) return `max(${x.max.map(d).join(', ')})`;
    if ('multiply' in x) {
      if ('byBp' in x) {
        const bp = 'number' in x.byBp ? `${x.byBp.number}bp` : `${d(x.byBp)} bp`;
        return `${d(x.multiply)} × ${bp} [${x.rounding}]`;
      }
      return `${d(x.multiply)} × ${d(x.by)}`;
    }
    if ('divide' in x) return `${d(x.divide)} ÷ ${d(x.by)} [${x.rounding}]`;
    if ('roundTo' in x) return `roundTo(${d(x.roundTo)}, ${x.unit}, ${x.rounding})`;
    if ('clamp' in x)
      return `clamp(${d(x.clamp)}${x.atLeast ? `, ≥ ${d(x.atLeast)}` : ''}${x.atMost ? `, ≤ ${d(x.atMost)}` : ''})`;
    if ('lookup' in x)
      return `lookup(${x.lookup}: ${Object.entries(x.table)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}${x.default === undefined ? '' : `, else ${x.default}`})`;
    return `cases(${x.cases.map((c) => `if … then ${d(c.value)}`).join('; ')}; else ${d(x.else)})`;
  };
  return d(e);
}
