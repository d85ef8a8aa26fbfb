import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import { compileFormula, describeFormula, evaluateFormula, type FormulaExpr } from './formula.js';

const run = (expr: FormulaExpr, inputs: Record<string, number | string | boolean> = {}) =>
  evaluateFormula(compileFormula(expr, Object.keys(inputs)), inputs).value;

describe('formula operations (each documented example)', () => {
  it('input, fen and number give their integer', () => {
    expect(run({ input: 'salesTotal' }, { salesTotal: 123456789 })).toBe(123456789);
    expect(run({ fen: 5000000 })).toBe(5000000);
    expect(run({ number: 30 })).toBe(30);
  });
  it('sum, subtract, min and max are exact', () => {
    expect(run({ sum: [{ fen: 100 }, { fen: 250 }] })).toBe(350);
    expect(run({ subtract: [{ fen: 500 }, { fen: 120 }] })).toBe(380);
    expect(run({ min: [{ fen: 500 }, { fen: 120 }] })).toBe(120);
    expect(run({ max: [{ fen: 500 }, { fen: 120 }] })).toBe(500);
  });
  it('multiply by an integer is exact; by basis points rounds as stated', () => {
    expect(run({ multiply: { fen: 1500 }, by: { number: 3 } })).toBe(4500);
    expect(run({ multiply: { fen: 12345 }, byBp: { number: 2000 }, rounding: 'halfUp' })).toBe(2469);
  });
  it('rounding at half a fen follows the mode of the step', () => {
    // 25 fen × 50 % = 12.5 fen
    const half = (rounding: 'halfUp' | 'halfEven' | 'halfDown' | 'down' | 'up') =>
      run({ multiply: { fen: 25 }, byBp: { number: 5000 }, rounding });
    expect(half('halfUp')).toBe(13);
    expect(half('halfEven')).toBe(12);
    expect(half('halfDown')).toBe(12);
    expect(half('down')).toBe(12);
    expect(half('up')).toBe(13);
    // just under and just over half a fen: 12.4999 and 12.5001
    expect(run({ multiply: { fen: 124999 }, byBp: { number: 1 }, rounding: 'halfUp' })).toBe(12);
    expect(run({ multiply: { fen: 125001 }, byBp: { number: 1 }, rounding: 'halfDown' })).toBe(13);
  });
  it('divide and roundTo round as stated', () => {
    expect(run({ divide: { fen: 1000 }, by: { number: 3 }, rounding: 'down' })).toBe(333);
    expect(run({ divide: { fen: 1000 }, by: { number: 3 }, rounding: 'up' })).toBe(334);
    expect(run({ roundTo: { fen: 2345678 }, unit: 100000, rounding: 'down' })).toBe(2300000);
    expect(run({ roundTo: { fen: 2350000 }, unit: 100000, rounding: 'halfUp' })).toBe(2400000);
    expect(run({ roundTo: { fen: -2350000 }, unit: 100000, rounding: 'floor' })).toBe(-2400000);
  });
  it('clamp raises to atLeast and cuts to atMost (the cap wins)', () => {
    expect(run({ clamp: { fen: 9000 }, atLeast: { fen: 0 }, atMost: { fen: 5000 } })).toBe(5000);
    expect(run({ clamp: { fen: -10 }, atLeast: { fen: 0 } })).toBe(0);
    expect(run({ clamp: { fen: 10 }, atLeast: { fen: 50 }, atMost: { fen: 20 } })).toBe(20);
  });
  it('lookup gives the table value of a label, else the default', () => {
    const expr: FormulaExpr = { lookup: 'grade', table: { A: 12000, B: 10000 } };
    expect(run(expr, { grade: 'A' })).toBe(12000);
    expect(run({ ...expr, default: 0 }, { grade: 'E' })).toBe(0);
    expect(zhiduError(() => run(expr, { grade: 'E' }))).toMatchObject({
      code: 'invalid_input',
      path: ['inputs', 'grade'],
    });
  });
  it('cases take the first condition that holds over the inputs, else else', () => {
    const expr: FormulaExpr = {
      cases: [
        { when: { attribute: 'tenureMonths', lt: 6 }, value: { fen: 0 } },
        { when: { attribute: 'tenureMonths', lt: 12 }, value: { fen: 50 } },
      ],
      else: { fen: 100 },
    };
    expect(run(expr, { tenureMonths: 3 })).toBe(0);
    expect(run(expr, { tenureMonths: 6 })).toBe(50);
    expect(run(expr, { tenureMonths: 12 })).toBe(100);
  });
  it('records each step with the exact value before rounding', () => {
    const f = compileFormula(
      {
        min: [
          { multiply: { input: 'salesTotal' }, byBp: { number: 2000 }, rounding: 'halfUp' },
          { fen: 50000000 },
        ],
      },
      ['salesTotal'],
    );
    const { value, steps } = evaluateFormula(f, { salesTotal: 123456789 });
    expect(value).toBe(24691358);
    expect(steps.find((s) => s.at === '/min/0')).toEqual({
      at: '/min/0',
      op: 'multiplyBp',
      value: 24691358,
      rounded: { exact: '24691357.8', mode: 'halfUp' },
    });
    expect(steps.at(-1)).toEqual({ at: '', op: 'min', value: 24691358 });
    expect(describeFormula(f)).toBe('min(salesTotal × 2000bp [halfUp], 50000000 fen)');
  });
});

describe('formula refusals', () => {
  it('a formula naming an unknown input is refused with the path and the nearest name', () => {
    const e = zhiduError(() =>
      compileFormula(
        { sum: [{ fen: 1 }, { input: 'salesTotl' }] },
        ['salesTotal', 'termDays'],
        ['params', 'limit', 'formula'],
      ),
    );
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['params', 'limit', 'formula', 'sum', 1, 'input']);
    expect(e.message).toContain('did you mean salesTotal');
  });
  it('an unknown lookup input or condition attribute is refused at its node', () => {
    expect(zhiduError(() => compileFormula({ lookup: 'grad', table: { A: 1 } }, ['grade'])).path).toEqual([
      'formula',
      'lookup',
    ]);
    expect(
      zhiduError(() =>
        compileFormula(
          { cases: [{ when: { attribute: 'age', lt: 6 }, value: { fen: 0 } }], else: { fen: 1 } },
          ['tenureMonths'],
        ),
      ).path,
    ).toEqual(['formula', 'cases', 0, 'when']);
  });
  it('a malformed formula (unknown operation, missing rounding, fractional fen) is refused', () => {
    for (const bad of [
      { pow: [{ fen: 1 }] },
      { multiply: { fen: 1 }, byBp: { number: 2000 } },
      { fen: 1.5 },
      { roundTo: { fen: 1 }, unit: 0, rounding: 'down' },
      { sum: [] },
    ]) {
      expect(zhiduError(() => compileFormula(bad, [])).code).toMatch(
        /invalid_input|unknown_key|invalid_money/,
      );
    }
  });
  it('missing, non-integer or label inputs are refused at the input', () => {
    const f = compileFormula({ input: 'x' }, ['x']);
    expect(zhiduError(() => evaluateFormula(f, {})).path).toEqual(['inputs', 'x']);
    expect(zhiduError(() => evaluateFormula(f, { x: 1.5 })).path).toEqual(['inputs', 'x']);
    expect(zhiduError(() => evaluateFormula(f, { x: 'A' })).path).toEqual(['inputs', 'x']);
    expect(
      zhiduError(() => evaluateFormula({ expr: { fen: 1 }, reads: [], known: [] } as never, {})).code,
    ).toBe('invalid_input');
  });
  it('describeFormula refuses what is not a formula with a ZhiduError (never a TypeError)', () => {
    for (const bad of [undefined, null, 'min', { min: 'x' }, { expr: 1, reads: [] }]) {
      expect(zhiduError(() => describeFormula(bad as never)).path[0]).toBe('formula');
    }
  });
  it('division by zero and values beyond the safe range are refused at the node', () => {
    expect(
      zhiduError(() => run({ divide: { fen: 1 }, by: { input: 'n' }, rounding: 'down' }, { n: 0 })).path,
    ).toEqual(['formula']);
    const big = Number.MAX_SAFE_INTEGER;
    expect(zhiduError(() => run({ sum: [{ fen: big }, { fen: 1 }] })).code).toBe('invalid_input');
    // an intermediate beyond the range that the next step brings back is still exact
    expect(run({ multiply: { fen: big }, byBp: { number: 5000 }, rounding: 'down' })).toBe(
      Math.floor(big / 2),
    );
  });
});

describe('formula properties', () => {
  it('multiply by basis points equals exact rational rounding (halfUp), for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 20000 }), (amount, bp) => {
        const got = run({ multiply: { fen: amount }, byBp: { number: bp }, rounding: 'halfUp' });
        const exact = BigInt(amount) * BigInt(bp);
        const abs = exact < 0n ? -exact : exact;
        const q = abs / 10000n + (abs % 10000n >= 5000n ? 1n : 0n);
        return got === Number(exact < 0n ? -q : q) + 0;
      }),
      { seed: 20261204, numRuns: 300 },
    );
  });
  it('clamp never leaves [atLeast, atMost] when atLeast ≤ atMost', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), fc.integer(), (v, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const got = run({ clamp: { fen: v }, atLeast: { fen: lo }, atMost: { fen: hi } });
        return got >= lo && got <= hi && (v >= lo && v <= hi ? got === v : true);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
