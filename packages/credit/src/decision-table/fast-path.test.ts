// The module's own reading of `{ facts }` (issue 21, fastModuleDecision): a first / unique table's
// decision straight from the row, for facts it has checked completely against the declared
// columns; anything else takes the general path (core's parser and zod, then runDecisionTable's
// checks). Seeded properties compare the module with that composition on good and bad input:
// the same decision, or the same refusal (code, path, message).
import { errorAt, makeContext, parseInput, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditDecisionTableModule } from '../modules.js';
import type { DecisionTableInput } from './schema.js';
import { fastModuleDecision, runDecisionTable } from './table.js';

const ctx = makeContext({ now: '2024-07-01T09:00:00+08:00' });
const schema = creditDecisionTableModule.schemas.input;

const tablePolicy = (params: DecisionTableInput) => ({
  id: 'example.lanting-grades',
  version: '1',
  effectiveFrom: '2024-01-01',
  source: { title: '兰亭置业客户评级表' },
  params,
});

/** Three columns of each type; rows over levels and amounts, first-hit in order. */
const scorecard = (
  hitPolicy: 'first' | 'unique' | 'collect',
  order: readonly number[],
): DecisionTableInput => {
  const inputs = [
    { name: 'level', type: 'string' as const },
    { name: 'amount', type: 'number' as const },
    { name: 'vip', type: 'boolean' as const },
  ];
  return {
    id: 'example.lanting-grades',
    hitPolicy,
    ...(hitPolicy === 'first' ? { allowOverlap: true } : {}),
    inputs: order.map((i) => inputs[i] as (typeof inputs)[number]),
    outputs: [{ name: 'grade', type: 'string' }],
    rules: [
      { id: 'A', when: { level: { in: ['3S', '3A'] }, amount: { gte: 500 } }, result: { grade: 'A' } },
      {
        id: 'B',
        when: { level: { in: ['3S', '3A'] }, amount: { gt: 100, lt: 500 } },
        result: { grade: 'B' },
      },
      { id: 'C', when: { level: { equals: '2A' }, vip: { equals: true } }, result: { grade: 'C' } },
      {
        id: 'D',
        when: { level: { notIn: ['3S', '3A', '2A'] }, amount: { lte: 50 } },
        result: { grade: 'D' },
      },
    ],
    ...(hitPolicy === 'collect' ? {} : { defaultOutput: { grade: 'E' } }),
  };
};

type Outcome = { refused: [string, unknown, string] } | { value: unknown; trace: unknown };
const outcome = (f: () => { value: unknown; trace: unknown }): Outcome => {
  try {
    const d = f();
    return { value: d.value, trace: d.trace };
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    const z = e as ZhiduError;
    return { refused: [z.code, z.path, z.message] };
  }
};
/**
 * What the module decided before it read its input itself: zod's parse, then runDecisionTable, whose
 * refusal of a column the module cites below `input.facts`.
 */
const generalPath = (compiled: ReturnType<typeof creditDecisionTableModule.compile>, raw: unknown) =>
  outcome(() => {
    const parsed = parseInput(schema, raw, ['input']) as { facts: Record<string, never> };
    try {
      const d = runDecisionTable(compiled.compiled, parsed.facts);
      return { value: { result: d.value, violations: [] }, trace: d.trace };
    } catch (e) {
      throw e instanceof ZhiduError ? errorAt(e, ['input', 'facts', ...e.path]) : e;
    }
  });

const scalar = fc.oneof(
  fc.constantFrom('3S', '3A', '2A', '1B', ''),
  fc.integer({ min: -10, max: 900 }),
  fc.boolean(),
);
const oddValue = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, null, undefined, 10n),
  fc.constant({ value: 5 }),
  fc.constant([5]),
);
/** Facts of every shape: the declared columns (some missing or mistyped), extra keys, odd values. */
const factsArb = fc
  .tuple(
    fc.record(
      {
        level: fc.oneof(scalar, oddValue),
        amount: fc.oneof(scalar, oddValue),
        vip: fc.oneof(scalar, oddValue),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.constantFrom('region', 'note', 'x'), fc.oneof(scalar, oddValue), { maxKeys: 2 }),
    fc.boolean(),
  )
  .map(([declared, extra, extraFirst]) =>
    extraFirst ? { ...extra, ...declared } : { ...declared, ...extra },
  );

describe('credit.decision-table reads its own input (issue 21)', () => {
  for (const hitPolicy of ['first', 'unique', 'collect'] as const) {
    it(`gives the general path’s decision or refusal on seeded facts, good and bad (${hitPolicy})`, () => {
      // The rows do not overlap, so a unique table takes them too; columns in three orders.
      const compiled = [
        [0, 1, 2],
        [1, 2, 0],
        [2, 0, 1],
      ].map((order) => creditDecisionTableModule.compile(tablePolicy(scorecard(hitPolicy, order))));
      fc.assert(
        fc.property(fc.nat({ max: compiled.length - 1 }), factsArb, fc.boolean(), (t, facts, wrapExtra) => {
          const c = compiled[t] as (typeof compiled)[number];
          const raw =
            wrapExtra && (facts as Record<string, unknown>).x !== undefined ? { facts, extra: 1 } : { facts };
          const got = outcome(() => creditDecisionTableModule.evaluate(raw as never, c, ctx));
          expect(got).toEqual(generalPath(c, raw));
        }),
        { seed: 2124, numRuns: 400 },
      );
    });
  }

  it('reads one- and two-column tables (their facts read by name) as the general path does, seeded', () => {
    const bands = (inputs: DecisionTableInput['inputs']): DecisionTableInput => ({
      id: 'example.lanting-bands',
      hitPolicy: 'first',
      inputs,
      outputs: [{ name: 'grade', type: 'string' }],
      rules: inputs.some((c) => c.name === 'level')
        ? [
            { id: 'A', when: { level: { in: ['3S', '3A'] } }, result: { grade: 'A' } },
            { id: 'B', when: { level: { equals: '2A' } }, result: { grade: 'B' } },
          ]
        : [
            { id: 'A', when: { amount: { gte: 500 } }, result: { grade: 'A' } },
            { id: 'B', when: { amount: { gte: 100, lt: 500 } }, result: { grade: 'B' } },
          ],
      defaultOutput: { grade: 'E' },
    });
    const level = { name: 'level', type: 'string' as const };
    const amount = { name: 'amount', type: 'number' as const };
    const compiled = [[level], [amount], [level, amount], [amount, level]].map((inputs) =>
      creditDecisionTableModule.compile(tablePolicy(bands(inputs))),
    );
    fc.assert(
      fc.property(fc.nat({ max: compiled.length - 1 }), factsArb, (t, facts) => {
        const c = compiled[t] as (typeof compiled)[number];
        const got = outcome(() => creditDecisionTableModule.evaluate({ facts } as never, c, ctx));
        expect(got).toEqual(generalPath(c, { facts }));
      }),
      { seed: 2125, numRuns: 400 },
    );
  });

  it('answers well-formed facts itself, in the table’s column order or any other', () => {
    const c = creditDecisionTableModule.compile(tablePolicy(scorecard('first', [0, 1, 2])));
    const inOrder = { level: '3A', amount: 600, vip: false };
    const shuffled = { vip: false, amount: 600, level: '3A', region: '华东' };
    for (const facts of [inOrder, shuffled]) {
      const d = fastModuleDecision(c.compiled, { facts });
      expect(d?.value.result.output).toEqual({ grade: 'A' });
      expect(d?.value.result.matches).toEqual([{ rowId: 'A', output: { grade: 'A' } }]);
      expect(d?.trace[0]?.message.en).toBe('decision table example.lanting-grades: row 1 (A) matched');
    }
    // No row: the default output, with the table's own entry.
    const none = fastModuleDecision(c.compiled, { facts: { level: '1B', amount: 60, vip: true } });
    expect(none?.value.result.output).toEqual({ grade: 'E' });
    expect(none?.trace[0]?.message.zh).toBe('决策表 example.lanting-grades 无行命中，取默认输出');
  });

  it('leaves every odd shape to the general path (getters’ objects, prototypes, __proto__), and ignores symbol keys as the general path does', () => {
    const c = creditDecisionTableModule.compile(tablePolicy(scorecard('first', [0, 1, 2])));
    const good = () => ({ level: '3A', amount: 600, vip: false });
    const withSymbol = Object.assign(good(), { [Symbol('tag')]: 1 });
    const hiddenSymbol = good();
    Object.defineProperty(hiddenSymbol, Symbol('hidden'), { value: 1, enumerable: false });
    const nullProto = Object.assign(Object.create(null), good());
    const inherited = Object.assign(Object.create({ region: '华东' }), good());
    const inheritedColumn = Object.assign(Object.create({ vip: false }), { level: '3A', amount: 600 });
    class Facts {
      level = '3A';
      amount = 600;
      vip = false;
    }
    const protoKey = JSON.parse('{"level":"3A","amount":600,"vip":false,"__proto__":"x"}');
    const ctorKey = { ...good(), constructor: 'x' };
    const wrapped = Object.assign(Object.create({ extra: 1 }), { facts: good() });
    // zod's record asks `constructor`: a hidden own one naming a class makes the facts no record.
    const hiddenClass = (proto: object | null) =>
      Object.defineProperty(Object.assign(Object.create(proto), good()), 'constructor', {
        value: class Row {},
        enumerable: false,
      });
    const cases: [string, unknown, boolean][] = [
      ['a hidden class-like constructor', { facts: hiddenClass(Object.prototype) }, false],
      ['a hidden class-like constructor, null prototype', { facts: hiddenClass(null) }, false],
      // Symbol keys are not data: core's recordOf ignores them, enumerable or not, and so does the
      // fast reading: answered directly.
      ['an enumerable symbol key', { facts: withSymbol }, true],
      ['a non-enumerable symbol key', { facts: hiddenSymbol }, true],
      ['a null prototype', { facts: nullProto }, true],
      ['an inherited extra key', { facts: inherited }, false],
      ['an inherited column', { facts: inheritedColumn }, false],
      ['a class instance', { facts: new Facts() }, false],
      ['an own __proto__ key', { facts: protoKey }, false],
      ['an own constructor key', { facts: ctorKey }, false],
      ['an inherited key beside facts', wrapped, false],
      ['a missing column', { facts: { level: '3A', amount: 600 } }, false],
      ['a NaN amount', { facts: { ...good(), amount: Number.NaN } }, false],
      ['a mistyped column', { facts: { ...good(), vip: 'no' } }, false],
      ['an extra non-scalar', { facts: { ...good(), note: { a: 1 } } }, false],
    ];
    // The symbol changes nothing: the decision of the same facts without it, on both paths.
    const plain = creditDecisionTableModule.evaluate({ facts: good() }, c, ctx);
    expect(plain.value.result.output).toEqual({ grade: 'A' });
    expect(fastModuleDecision(c.compiled, { facts: withSymbol })?.value).toEqual(plain.value);
    expect(generalPath(c, { facts: withSymbol })).toEqual(generalPath(c, { facts: good() }));
    for (const [what, raw, fast] of cases) {
      // Only a null-prototype record and symbol keys (plain to the schema too) are answered directly.
      expect(fastModuleDecision(c.compiled, raw) !== undefined, what).toBe(fast);
      expect(
        outcome(() => creditDecisionTableModule.evaluate(raw as never, c, ctx)),
        what,
      ).toEqual(generalPath(c, raw));
    }
  });

  it('refuses facts with a hidden class-like constructor as zod does, whatever the number of columns', () => {
    for (const inputs of [
      [{ name: 'score', type: 'number' as const }],
      [
        { name: 'score', type: 'number' as const },
        { name: 'vip', type: 'boolean' as const },
      ],
    ]) {
      const c = creditDecisionTableModule.compile(
        tablePolicy({
          id: 'example.bands',
          hitPolicy: 'first',
          inputs,
          outputs: [{ name: 'grade', type: 'string' }],
          rules: [{ id: 'A', when: { score: { gte: 90 } }, result: { grade: 'A' } }],
          defaultOutput: { grade: 'C' },
        }),
      );
      const facts = Object.defineProperty({ score: 95, vip: true }, 'constructor', {
        value: class Row {},
        enumerable: false,
      });
      const raw = { facts: inputs.length === 1 ? { score: 95 } : facts };
      if (inputs.length === 1)
        Object.defineProperty(raw.facts, 'constructor', { value: class Row {}, enumerable: false });
      expect(fastModuleDecision(c.compiled, raw)).toBeUndefined();
      const got = outcome(() => creditDecisionTableModule.evaluate(raw as never, c, ctx));
      expect(got).toEqual(generalPath(c, raw));
      expect((got as { refused: unknown[] }).refused.slice(0, 2)).toEqual([
        'invalid_input',
        ['input', 'facts'],
      ]);
    }
  });

  it('reads each fact once, as zod does', () => {
    const c = creditDecisionTableModule.compile(tablePolicy(scorecard('first', [0, 1, 2])));
    let reads = 0;
    const facts = {
      get level() {
        reads++;
        return '3A';
      },
      amount: 600,
      vip: false,
    };
    expect(creditDecisionTableModule.evaluate({ facts }, c, ctx).value.result.output).toEqual({ grade: 'A' });
    expect(reads).toBe(1);
  });

  it('is not used for a collect table, whose decision has its own arrays', () => {
    const c = creditDecisionTableModule.compile(tablePolicy(scorecard('collect', [0, 1, 2])));
    expect(
      fastModuleDecision(c.compiled, { facts: { level: '3A', amount: 600, vip: true } }),
    ).toBeUndefined();
    const a = creditDecisionTableModule.evaluate({ facts: { level: '3A', amount: 600, vip: true } }, c, ctx);
    const b = creditDecisionTableModule.evaluate({ facts: { level: '3A', amount: 600, vip: true } }, c, ctx);
    expect(a.value.result.matches).toEqual([{ rowId: 'A', output: { grade: 'A' } }]);
    expect(a.trace).not.toBe(b.trace);
    expect(a.value.violations).not.toBe(b.value.violations);
  });
});
