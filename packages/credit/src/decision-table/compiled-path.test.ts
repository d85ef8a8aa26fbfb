// The compiled evaluation path of decision tables (issue 21): cells compiled to direct comparisons,
// rows indexed by a set-valued column, matches and trace entries built once. Seeded properties
// check it against the old reading (every row in order, each cell through core's valuePasses), and
// the module path against runDecisionTable, on valid and on refused inputs.
import { makeContext, parseInput, type ValueTest, valuePasses, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditDecisionTableModule } from '../modules.js';
import type { DecisionTableInput, Scalar } from './schema.js';
import { defineDecisionTable, runDecisionTable } from './table.js';

const levels = ['3S', '3A', '3B', '2A', '2B', '1A'] as const;
/** A cell of the string column: a set, a co-set, one value, or nothing. */
const levelCell: fc.Arbitrary<ValueTest | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant<ValueTest>({}),
  fc.constantFrom(...levels).map((v): ValueTest => ({ equals: v })),
  fc
    .uniqueArray(fc.constantFrom(...levels), { minLength: 1, maxLength: 3 })
    .map((v): ValueTest => ({ in: v })),
  fc
    .uniqueArray(fc.constantFrom(...levels), { minLength: 1, maxLength: 2 })
    .map((v): ValueTest => ({ notIn: v })),
);
/** A cell of the number column: bounds of every kind, sets, and mixes. */
const amountCell: fc.Arbitrary<ValueTest | undefined> = fc.oneof(
  fc.constant(undefined),
  fc
    .tuple(
      fc.integer({ min: 0, max: 8 }),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom('gte', 'gt'),
      fc.constantFrom('lte', 'lt', 'none'),
    )
    .map(([lo, w, l, h]): ValueTest => (h === 'none' ? { [l]: lo } : { [l]: lo, [h]: lo + w })),
  fc.constantFrom<ValueTest>({ lt: 3 }, { lte: 5 }, { gte: 2, gt: 3 }, { lte: 6, lt: 5, gte: 1 }),
  fc
    .uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 3 })
    .map((v): ValueTest => ({ in: v })),
  fc.integer({ min: 0, max: 9 }).map((v): ValueTest => ({ equals: v })),
  fc
    .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 9 }))
    .map(([lo, x]): ValueTest => ({ gte: lo, notIn: [x] })),
);
const flagCell: fc.Arbitrary<ValueTest | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.boolean().map((v): ValueTest => ({ equals: v })),
);

const tableArb = fc
  .tuple(
    fc.array(fc.tuple(levelCell, amountCell, flagCell, fc.integer({ min: 0, max: 99 })), {
      minLength: 1,
      maxLength: 12,
    }),
    fc.constantFrom('first', 'collect'),
    fc.boolean(),
  )
  .map(([rows, hitPolicy, withDefault]): DecisionTableInput => {
    const when = (l?: ValueTest, a?: ValueTest, f?: ValueTest) => {
      const w: Record<string, ValueTest> = {};
      if (l !== undefined) w.level = l;
      if (a !== undefined) w.amount = a;
      if (f !== undefined) w.flag = f;
      return w;
    };
    return {
      id: 'example.lanting-grades',
      hitPolicy: hitPolicy as 'first' | 'collect',
      // Random rows overlap: a first-hit table reads them in order.
      ...(hitPolicy === 'first'
        ? { allowOverlap: true }
        : { aggregate: { op: 'sum' as const, output: 'points' } }),
      inputs: [
        { name: 'level', type: 'string' },
        { name: 'amount', type: 'number' },
        { name: 'flag', type: 'boolean' },
      ],
      outputs: [{ name: 'points', type: 'number' }],
      rules: rows.map(([l, a, f, points], i) => ({ id: `r${i}`, when: when(l, a, f), result: { points } })),
      ...(withDefault && hitPolicy === 'first' ? { defaultOutput: { points: -1 } } : {}),
    };
  });

const factsArb = fc.record({
  level: fc.constantFrom(...levels, '0X'),
  amount: fc.oneof(fc.integer({ min: -1, max: 10 }), fc.double({ min: -1, max: 10, noNaN: true })),
  flag: fc.boolean(),
});

/** The old reading: every row in table order, each cell through core's valuePasses. */
function reference(table: DecisionTableInput, facts: Record<string, Scalar>) {
  const matches: { rowId: string; output: Record<string, Scalar> }[] = [];
  for (const row of table.rules) {
    const when = (row.when ?? {}) as Record<string, ValueTest>;
    if (Object.keys(when).every((k) => valuePasses(when[k] as ValueTest, facts[k]))) {
      matches.push({ rowId: row.id, output: row.result });
      if (table.hitPolicy !== 'collect') break;
    }
  }
  return matches;
}

describe('compiled decision-table path (issue 21)', () => {
  it('matches the same rows as reading every cell with valuePasses (seeded, first-hit and collect)', () => {
    let tables = 0;
    let matched = 0;
    fc.assert(
      fc.property(tableArb, fc.array(factsArb, { minLength: 1, maxLength: 8 }), (json, inputs) => {
        let compiled: ReturnType<typeof defineDecisionTable>;
        try {
          compiled = defineDecisionTable(json);
        } catch (e) {
          // A random row an earlier one covers (or one accepting nothing) is refused at definition.
          expect(e).toBeInstanceOf(ZhiduError);
          return;
        }
        tables++;
        for (const facts of inputs) {
          const d = runDecisionTable(compiled, facts);
          const want = reference(json, facts);
          expect(d.value.matches).toEqual(want);
          matched += want.length;
          expect(d.trace.map((t) => t.data?.row ?? null)).toEqual(
            want.length === 0 && json.hitPolicy !== 'collect' ? [null] : want.map((m) => m.rowId),
          );
          if (json.hitPolicy === 'collect') {
            // sum of no rows is null (only count gives 0)
            expect(d.value.aggregate).toBe(
              want.length === 0 ? null : want.reduce((s, m) => s + (m.output.points as number), 0),
            );
          } else {
            expect(d.value.output).toEqual(want[0]?.output ?? json.defaultOutput ?? null);
          }
        }
      }),
      { seed: 2125, numRuns: 150 },
    );
    expect(tables).toBeGreaterThan(50);
    expect(matched).toBeGreaterThan(50);
  });

  it('gives through credit.decision-table exactly runDecisionTable’s decision, the row’s frozen trace and value shared', () => {
    const policy = {
      id: 'example.lanting-grades',
      version: '1',
      effectiveFrom: '2024-01-01',
      source: { title: '兰亭置业客户评级表' },
      params: {
        id: 'example.lanting-grades',
        hitPolicy: 'first',
        inputs: [
          { name: 'level', type: 'string' },
          { name: 'amount', type: 'number' },
        ],
        outputs: [{ name: 'grade', type: 'string' }],
        rules: [
          { id: 'A', when: { level: { in: ['3S', '3A'] }, amount: { gte: 5 } }, result: { grade: 'A' } },
          { id: 'B', when: { level: { in: ['3S', '3A'] }, amount: { lt: 5 } }, result: { grade: 'B' } },
          { id: 'C', when: { level: { notIn: ['3S', '3A'] } }, result: { grade: 'C' } },
        ],
      },
    };
    const compiled = creditDecisionTableModule.compile(policy);
    const ctx = makeContext({ now: '2024-07-01T09:00:00+08:00' });
    const a = creditDecisionTableModule.evaluate({ facts: { level: '3A', amount: 7 } }, compiled, ctx);
    const b = creditDecisionTableModule.evaluate({ facts: { level: '3S', amount: 9 } }, compiled, ctx);
    const direct = runDecisionTable(compiled.compiled, { level: '3A', amount: 7 });
    expect(a.value).toEqual({ result: direct.value, violations: [] });
    expect(a.trace).toEqual(direct.trace);
    expect(a.value.result.output).toEqual({ grade: 'A' });
    // The row's entry and match are shared and frozen; so are a first-hit decision's trace and
    // value (built once per row at compile time, issue 21): two inputs hitting row A share them.
    // Under one policy and context the whole decision is the row's one frozen object (core's
    // reusable decision, made once).
    expect(b.trace[0]).toBe(a.trace[0]);
    expect(b.trace).toBe(a.trace);
    expect(b.value).toBe(a.value);
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.keys(a)).toEqual(['value', 'trace', 'provenance']);
    expect(Object.isFrozen(a.trace[0]?.message)).toBe(true);
    expect(Object.isFrozen(a.value.result.output)).toBe(true);
    expect(Object.isFrozen(a.trace)).toBe(true);
    expect(Object.isFrozen(a.value.result.matches)).toBe(true);
    expect(Object.isFrozen(a.value.violations)).toBe(true);
    expect(a.value.violations).toEqual([]);
    expect(() => (a.trace as unknown[]).push(1)).toThrow(TypeError);
    expect(Object.isFrozen(a.trace[0])).toBe(true);
    expect(Object.isFrozen(a.value.result.matches[0])).toBe(true);
    expect(a.trace[0]?.message.zh).toBe('决策表 example.lanting-grades 第 1 行（A）命中');
    // No row matched: the table's own entry, also shared.
    const none1 = creditDecisionTableModule.evaluate(
      { facts: { level: '3A', amount: Number.MAX_VALUE } },
      compiled,
      ctx,
    );
    expect(none1.value.result.output).toEqual({ grade: 'A' });
    const none = runDecisionTable(compiled.compiled, { level: '3B', amount: 1 });
    expect(none.value.output).toEqual({ grade: 'C' });
    // The provenance is shared by the two decisions, frozen, and names the policy.
    expect(b.provenance).toBe(a.provenance);
    expect(Object.isFrozen(a.provenance.policy)).toBe(true);
    expect(a.provenance.policy).toEqual({ id: 'example.lanting-grades', version: '1', hash: compiled.hash });
  });

  it('refuses bad facts through the module with the same code, path and message as before', () => {
    const compiled = creditDecisionTableModule.compile({
      id: 'example.lanting-grades',
      version: '1',
      effectiveFrom: '2024-01-01',
      source: { title: '兰亭置业客户评级表' },
      params: {
        id: 'example.lanting-grades',
        hitPolicy: 'first',
        inputs: [{ name: 'amount', type: 'number' }],
        outputs: [{ name: 'grade', type: 'string' }],
        rules: [{ id: 'A', when: { amount: { gte: 5 } }, result: { grade: 'A' } }],
        defaultOutput: { grade: 'B' },
      },
    });
    const ctx = { now: '2024-07-01T09:00:00+08:00' };
    const refusal = (f: () => unknown): [string, unknown, string] => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ZhiduError);
        const z = e as ZhiduError;
        return [z.code, z.path, z.message];
      }
      throw new Error('not refused');
    };
    const schema = creditDecisionTableModule.schemas.input;
    // Refused by the input schema: the module's error is parseInput's.
    for (const bad of [
      { facts: { amount: Number.NaN } },
      { facts: { amount: { value: 5 } } },
      { facts: { amount: 5 }, extra: 1 },
      { facts: [5] },
      { facts: null },
      {},
      'facts',
    ]) {
      expect(refusal(() => creditDecisionTableModule.evaluate(bad as never, compiled, ctx))).toEqual(
        refusal(() => parseInput(schema, bad, ['input'])),
      );
    }
    // Refused by the table (a missing or mistyped column): the table's own error, cited below
    // `input.facts` where the module reads the column.
    expect(
      refusal(() => creditDecisionTableModule.evaluate({ facts: { amount: '5' } }, compiled, ctx)),
    ).toEqual([
      'invalid_input',
      ['input', 'facts', 'amount'],
      '输入列 "amount" 须为 number 类型，实为 "5" / input "amount" must be a number, got "5" (at input.facts.amount)',
    ]);
    expect(refusal(() => runDecisionTable(compiled.compiled, { amount: '5' }))[1]).toEqual(['amount']);
    expect(refusal(() => creditDecisionTableModule.evaluate({ facts: {} }, compiled, ctx))).toEqual([
      'invalid_input',
      ['input', 'facts', 'amount'],
      '缺少输入列 "amount" / input "amount" is missing (at input.facts.amount)',
    ]);
  });
});
