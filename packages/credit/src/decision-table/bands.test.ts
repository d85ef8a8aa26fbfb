// Banded row search and the direct reading of facts (issue 21): a bucket whose rows each test one
// numeric range on the same column is searched by its bounds (computed when evenly spaced, walked
// or binary-searched otherwise), and facts whose keys are exactly the declared columns are read by
// name, each value once (symbol keys are not data, on either path). Seeded properties compare the module's whole
// decision (value, trace and provenance) with the same module built without its fast path — core's
// parser, zod, then runDecisionTable's reading — and with the old reading (every row in order, each
// cell through core's valuePasses); bad facts must give the very same ZhiduError.
import { defineModule, makeContext, type ValueTest, valuePasses, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditDecisionTableModule } from '../modules.js';
import { type DecisionTableInput, DecisionTableSchema, type Scalar } from './schema.js';
import { type CompiledDecisionTable, defineDecisionTable, evaluateForModule } from './table.js';

const ctx = makeContext({ now: '2024-07-01T09:00:00+08:00' });

/** credit.decision-table without its fast path: every input parsed by core and zod first. */
const generalModule = defineModule({
  id: creditDecisionTableModule.id,
  title: creditDecisionTableModule.title,
  params: DecisionTableSchema,
  input: creditDecisionTableModule.schemas.input,
  compile: (policy): CompiledDecisionTable => defineDecisionTable(policy.params as DecisionTableInput),
  evaluate: (input, table) => evaluateForModule(table, (input as { facts: Record<string, Scalar> }).facts),
});

const policyOf = (params: DecisionTableInput) => ({
  id: 'example.beichen-credit-bands',
  version: '1',
  effectiveFrom: '2024-01-01',
  source: { title: '北辰置业客户授信分档表' },
  params,
});

type Outcome = { refused: [string, unknown, string] } | { decision: unknown };
const outcome = (f: () => unknown): Outcome => {
  try {
    // A plain copy: the deep equality sees the decision as a caller's JSON.stringify would.
    return { decision: JSON.parse(JSON.stringify(f())) };
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    const z = e as ZhiduError;
    return { refused: [z.code, z.path, z.message] };
  }
};

const levels = ['3S', '3A', '2A', '1B'] as const;
/** A range cell on the amount column: one or two bounds of any kind, possibly fractional or negative. */
const rangeCell: fc.Arbitrary<ValueTest> = fc
  .tuple(
    fc.oneof(fc.integer({ min: -3, max: 12 }), fc.constantFrom(0.5, 2.25, -0.5)),
    fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constant(0.75)),
    fc.constantFrom('gte', 'gt', 'none'),
    fc.constantFrom('lte', 'lt', 'none'),
  )
  .filter(([, , l, h]) => l !== 'none' || h !== 'none')
  .map(([lo, w, l, h]): ValueTest => {
    const t: ValueTest = {};
    if (l !== 'none') t[l as 'gte' | 'gt'] = lo;
    if (h !== 'none') t[h as 'lte' | 'lt'] = lo + w;
    return t;
  });
/** Evenly spaced bands (a score card by tens): start, width, count. */
const evenBands = fc
  .tuple(fc.integer({ min: -20, max: 20 }), fc.constantFrom(1, 5, 10, 0.5), fc.integer({ min: 3, max: 12 }))
  .map(([start, width, count]) =>
    Array.from(
      { length: count },
      (_, i): ValueTest =>
        i === count - 1
          ? { gte: start + i * width }
          : { gte: start + i * width, lt: start + (i + 1) * width },
    ),
  );

/** Band-shaped tables: rows of one level set (or none) and one amount range (or none). */
const tableArb = fc
  .tuple(
    fc.oneof(
      fc.array(fc.tuple(fc.option(rangeCell, { nil: undefined })), { minLength: 1, maxLength: 14 }),
      evenBands.map((bands) => bands.map((b) => [b] as [ValueTest | undefined])),
    ),
    fc.array(fc.uniqueArray(fc.constantFrom(...levels), { minLength: 1, maxLength: 2 }), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.boolean(),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([ranges, groups, withLevel, levelFirst, withDefault]): DecisionTableInput => {
    const rows: DecisionTableInput['rules'] = [];
    const groupList = withLevel ? groups : [undefined];
    groupList.forEach((g, gi) => {
      ranges.forEach(([r], ri) => {
        const when: Record<string, ValueTest> = {};
        if (g !== undefined) when.level = { in: g };
        if (r !== undefined) when.amount = r;
        rows.push({ id: `g${gi}r${ri}`, when, result: { points: gi * 100 + ri } });
      });
    });
    const level = { name: 'level', type: 'string' as const };
    const amount = { name: 'amount', type: 'number' as const };
    return {
      id: 'example.beichen-credit-bands',
      hitPolicy: 'first',
      allowOverlap: true,
      inputs: withLevel ? (levelFirst ? [level, amount] : [amount, level]) : [amount],
      outputs: [{ name: 'points', type: 'number' }],
      rules: rows,
      ...(withDefault ? { defaultOutput: { points: -1 } } : {}),
    };
  });

/** Amounts on, between and around the bounds the tables use. */
const amountArb = fc.oneof(
  fc.integer({ min: -25, max: 140 }),
  fc.constantFrom(-0, 0.5, 2.25, 2.9999999999999996, 3.0000000000000004, -0.5, 1e9, -1e9),
  fc.double({ min: -30, max: 150, noNaN: true, noDefaultInfinity: true }),
);

/** The old reading: the first row in table order whose every cell passes core's valuePasses. */
function reference(table: DecisionTableInput, facts: Record<string, Scalar>): string | null {
  for (const row of table.rules) {
    const when = (row.when ?? {}) as Record<string, ValueTest>;
    if (Object.keys(when).every((k) => valuePasses(when[k] as ValueTest, facts[k]))) return row.id;
  }
  return null;
}

describe('banded row search and direct facts reading (issue 21)', () => {
  it('finds the first row by bands exactly as the old row walk and the module without its fast path (seeded)', () => {
    let tables = 0;
    let matched = 0;
    fc.assert(
      fc.property(
        tableArb,
        fc.array(fc.tuple(fc.constantFrom(...levels, '0X'), amountArb), { minLength: 1, maxLength: 10 }),
        (json, inputs) => {
          let compiled: ReturnType<typeof creditDecisionTableModule.compile>;
          try {
            compiled = creditDecisionTableModule.compile(policyOf(json));
          } catch (e) {
            // A row an earlier one covers is refused at definition, by both modules alike.
            expect(outcome(() => generalModule.compile(policyOf(json)))).toEqual(
              outcome(() => {
                throw e;
              }),
            );
            return;
          }
          const general = generalModule.compile(policyOf(json));
          tables++;
          const withLevel = json.inputs.length === 2;
          for (const [level, amount] of inputs) {
            const facts: Record<string, Scalar> = withLevel ? { level, amount } : { amount };
            const want = reference(json, facts);
            const got = creditDecisionTableModule.evaluate({ facts }, compiled, ctx);
            expect(got.value.result.matches.map((m) => m.rowId)).toEqual(want === null ? [] : [want]);
            if (want !== null) matched++;
            // The whole decision — value, trace, provenance — as the general path gives it.
            expect(outcome(() => got)).toEqual(
              outcome(() => generalModule.evaluate({ facts }, general, ctx)),
            );
          }
        },
      ),
      { seed: 2126, numRuns: 150 },
    );
    expect(tables).toBeGreaterThan(60);
    expect(matched).toBeGreaterThan(120);
  });

  it('reads evenly spaced bands of a 50-row score card by computing the band (bounds and points checked)', () => {
    const rules: DecisionTableInput['rules'] = [];
    const groups = [['3S', '3A'], ['3B', '3C'], ['2A'], ['2B', '2C'], ['1A', '1B', '1C']];
    groups.forEach((g, gi) => {
      for (let b = 0; b < 10; b++) {
        const band: ValueTest = b === 9 ? { gte: 900 } : { gte: b * 100, lt: (b + 1) * 100 };
        rules.push({
          id: `g${gi}b${b}`,
          when: { level: { in: g }, amount: band },
          result: { points: gi * 10 + b },
        });
      }
    });
    const c = creditDecisionTableModule.compile(
      policyOf({
        id: 'example.beichen-scorecard',
        hitPolicy: 'first',
        inputs: [
          { name: 'level', type: 'string' },
          { name: 'amount', type: 'number' },
        ],
        outputs: [{ name: 'points', type: 'number' }],
        rules,
      }),
    );
    const points = (level: string, amount: number) =>
      creditDecisionTableModule.evaluate({ facts: { level, amount } }, c, ctx).value.result.output;
    expect(points('3A', 0)).toEqual({ points: 0 });
    expect(points('3A', 99.99)).toEqual({ points: 0 });
    expect(points('3A', 100)).toEqual({ points: 1 });
    expect(points('2B', 899.5)).toEqual({ points: 38 });
    expect(points('2B', 900)).toEqual({ points: 39 });
    expect(points('1C', 1e12)).toEqual({ points: 49 });
    expect(points('1C', -0.01)).toBeNull();
    expect(points('0X', 500)).toBeNull();
  });

  it('refuses bad facts with the same ZhiduError as the module without its fast path (seeded)', () => {
    const json: DecisionTableInput = {
      id: 'example.beichen-credit-bands',
      hitPolicy: 'first',
      allowOverlap: true,
      inputs: [
        { name: 'level', type: 'string' },
        { name: 'amount', type: 'number' },
      ],
      outputs: [{ name: 'points', type: 'number' }],
      rules: [
        { id: 'A', when: { level: { in: ['3S', '3A'] }, amount: { gte: 500 } }, result: { points: 3 } },
        {
          id: 'B',
          when: { level: { in: ['3S', '3A'] }, amount: { gte: 0, lt: 500 } },
          result: { points: 2 },
        },
        { id: 'C', when: { amount: { gte: 100 } }, result: { points: 1 } },
      ],
      defaultOutput: { points: 0 },
    };
    const fast = creditDecisionTableModule.compile(policyOf(json));
    const general = generalModule.compile(policyOf(json));
    const value = fc.oneof(
      fc.constantFrom('3A', '2A', '', 120, 600, -5, true, false),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, null, undefined, 10n, [1], { a: 1 }),
    );
    const shape = fc.record({
      level: fc.option(value, { nil: undefined }),
      amount: fc.option(value, { nil: undefined }),
      extra: fc.option(value, { nil: undefined }),
      symbol: fc.constantFrom('none', 'enumerable', 'hidden'),
      proto: fc.constantFrom('object', 'null', 'inherited', 'array', 'class'),
      order: fc.boolean(),
    });
    class Facts {}
    type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;
    const build = (s: Shape): unknown => {
      const base: Record<string | symbol, unknown> =
        s.proto === 'null'
          ? Object.create(null)
          : s.proto === 'inherited'
            ? Object.create({ region: '华东' })
            : s.proto === 'array'
              ? (Object.assign([], {}) as unknown as Record<string, unknown>)
              : s.proto === 'class'
                ? (new Facts() as Record<string, unknown>)
                : {};
      const keys = s.order ? (['amount', 'level'] as const) : (['level', 'amount'] as const);
      for (const k of keys) if (s[k] !== undefined) base[k] = s[k];
      if (s.extra !== undefined) base.note = s.extra;
      if (s.symbol === 'enumerable') base[Symbol('tag')] = 1;
      if (s.symbol === 'hidden')
        Object.defineProperty(base, Symbol('hidden'), { value: 1, enumerable: false });
      return base;
    };
    let refused = 0;
    fc.assert(
      fc.property(shape, (s) => {
        const got = outcome(() =>
          creditDecisionTableModule.evaluate({ facts: build(s) } as never, fast, ctx),
        );
        const want = outcome(() => generalModule.evaluate({ facts: build(s) } as never, general, ctx));
        expect(got).toEqual(want);
        if ('refused' in want) refused++;
      }),
      { seed: 2127, numRuns: 500 },
    );
    expect(refused).toBeGreaterThan(200);
    // A symbol key alone (every column good) is not data: both decide as without it.
    const withSymbol = { level: '3A', amount: 600, [Symbol('tag')]: 1 };
    const got = outcome(() => creditDecisionTableModule.evaluate({ facts: withSymbol }, fast, ctx));
    expect(got).toEqual(outcome(() => generalModule.evaluate({ facts: withSymbol }, general, ctx)));
    expect(got).toEqual(
      outcome(() => creditDecisionTableModule.evaluate({ facts: { level: '3A', amount: 600 } }, fast, ctx)),
    );
    expect(creditDecisionTableModule.evaluate({ facts: withSymbol }, fast, ctx).value.result.output).toEqual({
      points: 3,
    });
  });

  it('refuses facts whose getter throws as the general path does (read once), and reads facts whose getter evaluates the same table again', () => {
    const json: DecisionTableInput = {
      id: 'example.beichen-credit-bands',
      hitPolicy: 'first',
      inputs: [
        { name: 'level', type: 'string' },
        { name: 'amount', type: 'number' },
      ],
      outputs: [{ name: 'points', type: 'number' }],
      allowOverlap: true,
      rules: [
        { id: 'A', when: { level: { in: ['3A'] }, amount: { gte: 500 } }, result: { points: 3 } },
        { id: 'B', when: { amount: { gte: 0, lt: 500 } }, result: { points: 2 } },
      ],
      defaultOutput: { points: 0 },
    };
    const c = creditDecisionTableModule.compile(policyOf(json));
    // A getter evaluating the same table on other facts while the outer facts are read.
    let inner: unknown;
    const reentrant = {
      level: '3A',
      get amount() {
        inner = creditDecisionTableModule.evaluate({ facts: { level: '1B', amount: 10 } }, c, ctx).value
          .result.output;
        return 600;
      },
    };
    expect(creditDecisionTableModule.evaluate({ facts: reentrant }, c, ctx).value.result.output).toEqual({
      points: 3,
    });
    expect(inner).toEqual({ points: 2 });
    // The next call is read directly again, with its own values.
    expect(
      creditDecisionTableModule.evaluate({ facts: { level: '1B', amount: 700 } }, c, ctx).value.result.output,
    ).toEqual({ points: 0 });
    const throwing = {
      level: '3A',
      get amount(): number {
        throw new Error('读取失败 / read failed');
      },
    };
    const general = generalModule.compile(policyOf(json));
    expect(outcome(() => creditDecisionTableModule.evaluate({ facts: throwing }, c, ctx))).toEqual(
      outcome(() => generalModule.evaluate({ facts: throwing }, general, ctx)),
    );
    // A getter that throws on its first read only: read once, on one path, so the module refuses as
    // the general path does (a second reading would have decided on the second value).
    const onceThrowing = () => {
      let reads = 0;
      return {
        level: '3A',
        get amount(): number {
          reads++;
          if (reads === 1) throw new Error('读取失败 / read failed');
          return 600;
        },
      };
    };
    const once = outcome(() => creditDecisionTableModule.evaluate({ facts: onceThrowing() }, c, ctx));
    expect(once).toEqual(outcome(() => generalModule.evaluate({ facts: onceThrowing() }, general, ctx)));
    expect('refused' in (once as object)).toBe(true);
  });
});
