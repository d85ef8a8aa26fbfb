// The facts reader generated for a table's column names (issue 21) against the closure that holds
// the names as values (the reader before it, still used where code generation is refused): seeded
// tables of one and two columns of every type, with column names that would break or escape source
// text written carelessly, and seeded facts of every shape the closure reads or leaves. Both readers
// must give the same decision or both leave the facts to the general path.
import { makeContext, type ValueTest, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { creditDecisionTableModule } from '../modules.js';
import type { DecisionTableInput, Scalar } from './schema.js';
import { defineDecisionTable, generatedReaders, hasGeneratedReader } from './table.js';

const ctx = makeContext({ now: '2024-07-01T09:00:00+08:00' });

afterEach(() => {
  generatedReaders.on = true;
  generatedReaders.refused = false;
});

/** A table compiled with the generated reader, and the same table with the closure. */
const both = (t: DecisionTableInput) => {
  generatedReaders.on = true;
  const generated = defineDecisionTable(t);
  generatedReaders.on = false;
  const closure = defineDecisionTable(t);
  generatedReaders.on = true;
  return { generated, closure };
};

/** A first-hit table of a string column `level` and a number column `amount` (overlapping rows allowed). */
const levelAmount = (rules: DecisionTableInput['rules']): DecisionTableInput => ({
  id: 'example.generated-reader',
  hitPolicy: 'first',
  allowOverlap: true,
  inputs: [
    { name: 'level', type: 'string' },
    { name: 'amount', type: 'number' },
  ],
  outputs: [{ name: 'points', type: 'number' }],
  rules,
});

/** A table as a policy of `credit.decision-table`. */
const policyOf = (params: DecisionTableInput, version = '1') => ({
  id: 'p',
  version,
  effectiveFrom: '2024-01-01',
  source: { title: 't' },
  params,
});

/**
 * Runs `f` while `new Function` throws `error` (as a Content-Security-Policy without `unsafe-eval`, or
 * Hardened JavaScript's `lockdown`, makes it do), and says how many times it was tried.
 */
const whileFunctionThrows = <T>(error: Error, f: () => T): { value: T; tries: number } => {
  const real = globalThis.Function;
  let tries = 0;
  globalThis.Function = function refused() {
    tries++;
    throw error;
  } as unknown as FunctionConstructor;
  try {
    return { value: f(), tries };
  } finally {
    globalThis.Function = real;
  }
};

/** A name that a template literal would run. */
const TEMPLATE = '`$' + '{globalThis.injected = true}`';

/** Column names that source text written without escaping would break, end, or run. */
const oddNames = [
  'level',
  'a"b',
  "a'b",
  'a\\',
  '\\"); throw new Error("injected"); ("',
  '`$' + '{globalThis.x = 1}`',
  '*/ throw 1; /*',
  'line\u2028separator',
  'new\nline',
  '\ud800',
  '客户等级',
  '0',
  'toString',
  'hasOwnProperty',
];

type Column = { name: string; type: 'string' | 'number' | 'boolean' };
const stringValues = ['3A', '2A', '1B', '', '"', '\\', '\u2028'];
const numberValues = [-5, 0, 99.5, 100, 250, 1e12];
const valuesOf = (type: Column['type']): Scalar[] =>
  type === 'string' ? stringValues : type === 'number' ? numberValues : [true, false];

/** A row's test of one column of the given type, drawn from a number. */
const testOf = (type: Column['type'], k: number): ValueTest => {
  if (type === 'number') {
    const lo = (k % 6) * 100;
    return k % 7 === 0 ? { gte: lo } : k % 5 === 0 ? { equals: lo } : { gte: lo, lt: lo + 100 };
  }
  const vs = valuesOf(type);
  const at = (i: number) => vs[i % vs.length] as Scalar;
  if (type === 'boolean') return { equals: at(k) };
  return k % 3 === 0 ? { equals: at(k) } : { in: [at(k), at(k + 1)] };
};

const tableArb = fc
  .record({
    names: fc.uniqueArray(fc.constantFrom(...oddNames), { minLength: 1, maxLength: 2 }),
    types: fc.tuple(
      fc.constantFrom('string', 'number', 'boolean' as const),
      fc.constantFrom('string', 'number', 'boolean' as const),
    ),
    rows: fc.array(fc.tuple(fc.nat(40), fc.nat(40), fc.boolean()), { minLength: 1, maxLength: 12 }),
    hitPolicy: fc.constantFrom('first' as const, 'unique' as const),
    withDefault: fc.boolean(),
  })
  .map(({ names, types, rows, hitPolicy, withDefault }): DecisionTableInput => {
    const inputs: Column[] = names.map((name, k) => ({ name, type: types[k] as Column['type'] }));
    const tableWith = (rules: DecisionTableInput['rules']): DecisionTableInput => ({
      id: 'example.generated-reader',
      hitPolicy,
      ...(hitPolicy === 'first' ? { allowOverlap: true } : {}),
      inputs,
      outputs: [{ name: 'points', type: 'number' }],
      rules,
      ...(withDefault ? { defaultOutput: { points: -1 } } : {}),
    });
    // Rows kept one by one while the definition accepts them (no unreachable row; a unique table's
    // rows do not overlap).
    let kept: DecisionTableInput['rules'] = [];
    rows.forEach(([a, b, both], i) => {
      const row = {
        id: `r${i}`,
        when: Object.fromEntries(
          inputs
            .filter((_, k) => k === 0 || both)
            .map((c, k) => [c.name, testOf(c.type, k === 0 ? a : b)] as const),
        ),
        result: { points: i },
      };
      try {
        defineDecisionTable(tableWith([...kept, row]));
        kept = [...kept, row];
      } catch (e) {
        if (!(e instanceof ZhiduError)) throw e;
      }
    });
    return tableWith(kept);
  });

/** Facts for a table: its columns with values of any type, sometimes one missing or another key. */
const factsArb = (columns: readonly Column[]) =>
  fc
    .record({
      values: fc.tuple(
        ...columns.map((c) =>
          fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...valuesOf(c.type)) },
            {
              weight: 1,
              arbitrary: fc.constantFrom<unknown>('3A', 7, true, Number.NaN, null, undefined, {}),
            },
          ),
        ),
      ),
      reversed: fc.boolean(),
      drop: fc.boolean(),
      extra: fc.option(fc.constantFrom<unknown>('note', 3, [1]), { nil: undefined, freq: 4 }),
      proto: fc.constantFrom('object', 'object', 'null', 'inherited'),
    })
    .map(({ values, reversed, drop, extra, proto }) => {
      const facts: Record<string, unknown> =
        proto === 'null' ? Object.create(null) : proto === 'inherited' ? Object.create({ x: 1 }) : {};
      const entries = columns.map((c, k) => [c.name, values[k]] as const);
      for (const [name, v] of (reversed ? [...entries].reverse() : entries).slice(drop ? 1 : 0))
        facts[name] = v;
      if (extra !== undefined) facts.extra = extra;
      return facts;
    });

/** A decision's content (the two compilations build equal, not identical, frozen decisions). */
const content = (d: unknown) =>
  d === undefined ? 'left to the general path' : JSON.parse(JSON.stringify(d));

describe('credit.decision-table generated facts reader (issue 21)', () => {
  it('is used by a first or unique table of one or two columns, and by no other', () => {
    const inputs: Column[] = [
      { name: 'level', type: 'string' },
      { name: 'amount', type: 'number' },
      { name: 'vip', type: 'boolean' },
    ];
    const table = (n: number, hitPolicy: 'first' | 'unique' | 'collect'): DecisionTableInput => ({
      id: 'example.generated-reader',
      hitPolicy,
      inputs: inputs.slice(0, n),
      outputs: [{ name: 'points', type: 'number' }],
      rules: [{ id: 'r0', when: { level: { equals: '3A' } }, result: { points: 1 } }],
    });
    expect(hasGeneratedReader(defineDecisionTable(table(1, 'first')))).toBe(true);
    expect(hasGeneratedReader(defineDecisionTable(table(2, 'unique')))).toBe(true);
    expect(hasGeneratedReader(defineDecisionTable(table(3, 'first')))).toBe(false);
    expect(hasGeneratedReader(defineDecisionTable(table(2, 'collect')))).toBe(false);
    generatedReaders.on = false;
    expect(hasGeneratedReader(defineDecisionTable(table(2, 'first')))).toBe(false);
  });

  it('decides as the closure on seeded tables and facts, odd column names included', () => {
    let decided = 0;
    let left = 0;
    fc.assert(
      fc.property(
        tableArb.chain((t) =>
          fc.tuple(fc.constant(t), fc.array(factsArb(t.inputs as Column[]), { minLength: 1, maxLength: 8 })),
        ),
        ([t, factsList]) => {
          const { generated, closure } = both(t);
          expect(hasGeneratedReader(generated)).toBe(true);
          expect(hasGeneratedReader(closure)).toBe(false);
          for (const facts of factsList) {
            const a = generated.decideFacts?.(facts);
            const b = closure.decideFacts?.(facts);
            expect(content(a)).toEqual(content(b));
            if (a === undefined) left++;
            else decided++;
          }
        },
      ),
      { seed: 2171, numRuns: 400 },
    );
    expect(decided).toBeGreaterThan(300);
    expect(left).toBeGreaterThan(100);
    // No name ran: the one that would assign in a template literal left nothing behind.
    expect((globalThis as { x?: unknown }).x).toBeUndefined();
  });

  it('reads a column whose name is source text as a key, and runs none of it', () => {
    const name = '\\"); globalThis.injected = true; ("';
    const t: DecisionTableInput = {
      id: 'example.generated-reader',
      hitPolicy: 'first',
      allowOverlap: true,
      inputs: [
        { name, type: 'string' },
        { name: TEMPLATE, type: 'number' },
      ],
      outputs: [{ name: 'tier', type: 'string' }],
      rules: [
        {
          id: 'vip',
          when: { [name]: { equals: '3A' }, [TEMPLATE]: { gte: 500 } },
          result: { tier: 'vip' },
        },
        { id: 'any', when: { [name]: { in: ['3A', '2A'] } }, result: { tier: 'qualified' } },
      ],
    };
    const compiled = defineDecisionTable(t);
    expect(hasGeneratedReader(compiled)).toBe(true);
    const decide = (facts: object) => compiled.decideFacts?.(facts)?.value.result.output;
    expect(decide({ [name]: '3A', [TEMPLATE]: 800 })).toEqual({ tier: 'vip' });
    expect(decide({ [TEMPLATE]: 20, [name]: '2A' })).toEqual({ tier: 'qualified' });
    expect(decide({ [name]: '1B', [TEMPLATE]: 800 })).toBeNull();
    // A key the table does not declare beside the columns: the closure's loop reads it, as before.
    expect(decide({ [name]: '3A', [TEMPLATE]: 800, note: 'x' })).toEqual({
      tier: 'vip',
    });
    expect((globalThis as { injected?: unknown }).injected).toBeUndefined();
  });

  it('reads each column once, in the order the facts hold their keys, as the closure and zod do', () => {
    const { generated, closure } = both(
      levelAmount([
        { id: 'r0', when: { level: { equals: '3A' }, amount: { gte: 100 } }, result: { points: 1 } },
      ]),
    );
    const reads = (decide: typeof generated.decideFacts, order: readonly string[]) => {
      const log: string[] = [];
      const facts = {};
      for (const k of order)
        Object.defineProperty(facts, k, {
          get: () => {
            log.push(k);
            return k === 'level' ? '3A' : 150;
          },
          enumerable: true,
        });
      expect(decide?.(facts)?.value.result.output).toEqual({ points: 1 });
      return log;
    };
    for (const order of [
      ['level', 'amount'],
      ['amount', 'level'],
    ]) {
      expect(reads(generated.decideFacts, order)).toEqual(order);
      expect(reads(closure.decideFacts, order)).toEqual(order);
    }
  });

  it('keeps the closure where code generation is refused, decides the same, and tries no more', () => {
    const t = levelAmount([
      {
        id: 'r0',
        when: { level: { in: ['3A', '3S'] }, amount: { gte: 100, lt: 200 } },
        result: { points: 20 },
      },
      { id: 'r1', when: { level: { in: ['3A'] } }, result: { points: 10 } },
    ]);
    const refused = whileFunctionThrows(
      new EvalError('Code generation from strings disallowed for this context'),
      () => [defineDecisionTable(t), defineDecisionTable({ ...t, id: 'example.another' })] as const,
    );
    const [compiled, another] = refused.value;
    // Tried once: the second table did not ask again (a browser would report each refusal).
    expect(refused.tries).toBe(1);
    expect(hasGeneratedReader(compiled)).toBe(false);
    expect(hasGeneratedReader(another)).toBe(false);
    expect(generatedReaders.refused).toBe(true);
    generatedReaders.refused = false;
    const generated = creditDecisionTableModule.compile(policyOf(t));
    expect(hasGeneratedReader(generated.compiled)).toBe(true);
    for (const facts of [
      { level: '3A', amount: 150 },
      { amount: 250, level: '3A' },
      { level: '1B', amount: 150 },
    ]) {
      expect(content(compiled.decideFacts?.(facts))).toEqual(
        content(generated.compiled.decideFacts?.(facts)),
      );
    }
    expect(compiled.decideFacts?.({ level: '3A', amount: 150 })?.value.result.output).toEqual({ points: 20 });
    expect(compiled.decideFacts?.({ level: '3A', amount: 250 })?.value.result.output).toEqual({ points: 10 });
  });

  it('keeps the closure under Hardened JavaScript: a TypeError for every table, a SyntaxError for one table’s names', () => {
    const t = levelAmount([{ id: 'r0', when: { level: { equals: '3A' } }, result: { points: 1 } }]);
    // lockdown({ evalTaming: 'no-eval' }): every table refused.
    const noEval = whileFunctionThrows(new TypeError('Cannot eval with evalTaming set to "no-eval"'), () => [
      defineDecisionTable(t),
      defineDecisionTable(t),
    ]);
    expect(noEval.tries).toBe(1);
    expect(noEval.value.map(hasGeneratedReader)).toEqual([false, false]);
    expect(noEval.value[0]?.decideFacts?.({ level: '3A', amount: 5 })?.value.result.output).toEqual({
      points: 1,
    });
    generatedReaders.refused = false;
    // lockdown's default scans the source and rejects `-->` even in a string: that table only.
    const html = whileFunctionThrows(new SyntaxError('Possible HTML comment rejected'), () =>
      defineDecisionTable(t),
    );
    expect(html.tries).toBe(1);
    expect(hasGeneratedReader(html.value)).toBe(false);
    expect(generatedReaders.refused).toBe(false);
    expect(hasGeneratedReader(defineDecisionTable(t))).toBe(true);
  });

  it('reads the one column of a one-column table once', () => {
    const { generated, closure } = both({
      id: 'example.generated-reader',
      hitPolicy: 'first',
      inputs: [{ name: 'amount', type: 'number' }],
      outputs: [{ name: 'points', type: 'number' }],
      rules: [
        { id: 'low', when: { amount: { lt: 100 } }, result: { points: 1 } },
        { id: 'high', when: { amount: { gte: 100 } }, result: { points: 2 } },
      ],
    });
    for (const decide of [generated.decideFacts, closure.decideFacts]) {
      let reads = 0;
      const facts = {};
      Object.defineProperty(facts, 'amount', {
        get: () => {
          reads++;
          return 150;
        },
        enumerable: true,
      });
      expect(decide?.(facts)?.value.result.output).toEqual({ points: 2 });
      expect(reads).toBe(1);
    }
  });

  it('finds the band of a two-column table as the closure does (seeded bounds, facts on and around them)', () => {
    let banded = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -3, max: 30 }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.tuple(fc.constantFrom('3A', '2A', '1B', '0X'), fc.integer({ min: -40, max: 330 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (tens, amountFirst, openLow, facts) => {
          const bounds = tens.map((x) => x * 10).sort((a, b) => a - b);
          const rules: DecisionTableInput['rules'] = [];
          for (const [li, level] of ['3A', '2A'].entries()) {
            for (const [bi, lo] of bounds.entries()) {
              const hi = bounds[bi + 1];
              const band = openLow
                ? { gt: lo, ...(hi === undefined ? {} : { lte: hi }) }
                : { gte: lo, ...(hi === undefined ? {} : { lt: hi }) };
              rules.push({
                id: `r${li}-${bi}`,
                when: { level: { equals: level }, amount: band },
                result: { points: li * 100 + bi },
              });
            }
          }
          const columns: DecisionTableInput['inputs'] = [
            { name: 'level', type: 'string' },
            { name: 'amount', type: 'number' },
          ];
          const { generated, closure } = both({
            id: 'example.generated-reader',
            hitPolicy: 'first',
            inputs: amountFirst ? [...columns].reverse() : columns,
            outputs: [{ name: 'points', type: 'number' }],
            rules,
            defaultOutput: { points: -1 },
          });
          expect(generated.index?.buckets.every((b) => b.bandColumn !== -1)).toBe(true);
          for (const [level, x] of facts) {
            // Values on a bound, just beside it, and between bounds.
            for (const amount of [x, x - 0.5, Math.round(x / 10) * 10]) {
              const a = generated.decideFacts?.({ level, amount });
              expect(content(a)).toEqual(content(closure.decideFacts?.({ amount, level })));
              if (level !== '0X' && a?.value.result.output !== null) banded++;
            }
          }
        },
      ),
      { seed: 2174, numRuns: 300 },
    );
    expect(banded).toBeGreaterThan(2000);
  });

  it('the module decides and refuses alike with either reader (seeded)', () => {
    fc.assert(
      fc.property(
        tableArb.chain((t) => fc.tuple(fc.constant(t), factsArb(t.inputs as Column[]))),
        ([t, facts]) => {
          generatedReaders.on = false;
          const closure = creditDecisionTableModule.compile(policyOf(t, '2'));
          generatedReaders.on = true;
          const generated = creditDecisionTableModule.compile(policyOf(t, '3'));
          const outcome = (c: typeof closure) => {
            try {
              return {
                output: creditDecisionTableModule.evaluate({ facts: facts as never }, c, ctx).value.result
                  .output,
              };
            } catch (e) {
              expect(e).toBeInstanceOf(ZhiduError);
              return { refused: [(e as ZhiduError).code, (e as ZhiduError).path] };
            }
          };
          expect(hasGeneratedReader(generated.compiled)).toBe(true);
          expect(hasGeneratedReader(closure.compiled)).toBe(false);
          expect(outcome(generated)).toEqual(outcome(closure));
        },
      ),
      { seed: 2172, numRuns: 300 },
    );
  });
});
