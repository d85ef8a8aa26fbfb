// The reading of `{ facts }` of issue 21 (the fourth round read the columns by one Object.assign
// into a sealed object, which refused symbol keys; symbol keys are now not data, and the columns are
// read by name; the facts' prototype read after a shape check, the input taken as zod's strict
// object takes it, the band's decision taken straight from the bucket, core's direct path without
// a trace scan) against the reading before it, kept in oracle/facts-reader.ts, and against the
// module without its fast path (core's parser, zod, then runDecisionTable's reading). Seeded
// properties: the whole decision (value, trace and provenance) deep-equal and JSON-equal, and
// every refusal the same ZhiduError (code, path, message).
import { defineModule, makeContext, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditDecisionTableModule } from '../modules.js';
import { fastModuleDecision as oldFastModuleDecision } from './oracle/facts-reader.js';
import { type DecisionTableInput, DecisionTableSchema, type Scalar } from './schema.js';
import {
  type CompiledDecisionTable,
  defineDecisionTable,
  evaluateForModule,
  fastModuleDecision,
} from './table.js';

const ctx = makeContext({ now: '2024-07-01T09:00:00+08:00' });

const spec = {
  id: creditDecisionTableModule.id,
  title: creditDecisionTableModule.title,
  params: DecisionTableSchema,
  input: creditDecisionTableModule.schemas.input,
  compile: (policy: { params: unknown }): CompiledDecisionTable =>
    defineDecisionTable(policy.params as DecisionTableInput),
  evaluate: (input: unknown, table: CompiledDecisionTable) =>
    evaluateForModule(table, (input as { facts: Record<string, Scalar> }).facts),
};
/** credit.decision-table without its fast path: every input parsed by core and zod first. */
const generalModule = defineModule(spec);
/** credit.decision-table with the reading before this round (the oracle). */
const oldModule = defineModule({
  ...spec,
  fast: (input: unknown, table: CompiledDecisionTable) => oldFastModuleDecision(table, input),
});

const policyOf = (params: DecisionTableInput) => ({
  id: 'example.xinghe-credit-tiers',
  version: '1',
  effectiveFrom: '2024-01-01',
  source: { title: '星河地产客户授信分级表' },
  params,
});

type Outcome = { refused: [string, unknown, string] } | { decision: unknown; json: unknown };
const outcome = (f: () => unknown): Outcome => {
  try {
    const d = f();
    return { decision: d, json: JSON.parse(JSON.stringify(d)) };
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    const z = e as ZhiduError;
    return { refused: [z.code, z.path, z.message] };
  }
};

const level = { name: 'level', type: 'string' as const };
const amount = { name: 'amount', type: 'number' as const };
const vip = { name: 'vip', type: 'boolean' as const };
const region = { name: 'region', type: 'string' as const };
const years = { name: 'years', type: 'number' as const };
/** Tables of one, two, three and five columns (the readers by locals and by a loop). */
const tableOf = (
  inputs: DecisionTableInput['inputs'],
  hitPolicy: 'first' | 'unique' | 'collect',
): DecisionTableInput => {
  const has = (n: string) => inputs.some((c) => c.name === n);
  const rules: DecisionTableInput['rules'] = [];
  const bands = [0, 100, 200, 300, 400, 500];
  ['3A', '2A', '1B'].forEach((l, li) => {
    bands.forEach((lo, bi) => {
      // One row per level without an amount column, one level's rows without a level column.
      if ((!has('amount') && bi > 0) || (!has('level') && li > 0)) return;
      const when: DecisionTableInput['rules'][number]['when'] = {};
      if (has('level')) when.level = { in: [l] };
      if (has('amount')) when.amount = bi === bands.length - 1 ? { gte: lo } : { gte: lo, lt: lo + 100 };
      if (has('vip') && bi === 0) when.vip = { equals: true };
      if (has('years') && bi === 1) when.years = { gt: 2 };
      if (Object.keys(when).length > 0)
        rules.push({ id: `r${li}-${bi}`, when, result: { points: li * 10 + bi } });
    });
  });
  return {
    id: 'example.xinghe-credit-tiers',
    hitPolicy,
    ...(hitPolicy === 'first' ? { allowOverlap: true } : {}),
    inputs,
    outputs: [{ name: 'points', type: 'number' }],
    rules:
      hitPolicy === 'unique'
        ? rules.filter((r) => !('vip' in (r.when ?? {})) && !('years' in (r.when ?? {})))
        : rules,
    ...(hitPolicy === 'collect' ? {} : { defaultOutput: { points: -1 } }),
  };
};
const layouts: DecisionTableInput['inputs'][] = [
  [amount],
  [level],
  [level, amount],
  [amount, level],
  [level, amount, vip],
  [years, region, amount, vip, level],
];
const tables = layouts.flatMap((inputs) =>
  (['first', 'unique', 'collect'] as const).map((hit) => {
    const p = policyOf(tableOf(inputs, hit));
    return {
      inputs,
      now: creditDecisionTableModule.compile(p),
      old: oldModule.compile(p),
      general: generalModule.compile(p),
    };
  }),
);

const cards = tables;

const value = fc.oneof(
  fc.constantFrom('3A', '2A', '1B', '0X', '', '华东'),
  fc.integer({ min: -50, max: 700 }),
  fc.constantFrom(0, 100, 99.5, 500, -0, 1e12),
  fc.boolean(),
);
const oddValue = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, null, undefined, 10n, [1], { a: 1 });
/** Well-typed values of every column (most shapes use them), or any values by key. */
const typed = fc.record({
  level: fc.constantFrom('3A', '2A', '1B', '0X'),
  amount: fc.oneof(fc.integer({ min: -50, max: 700 }), fc.constantFrom(0, 100, 99.5, 500, -0, 1e12)),
  vip: fc.boolean(),
  region: fc.constantFrom('华东', '华北', ''),
  years: fc.integer({ min: 0, max: 6 }),
});
const shape = fc.record({
  typed: fc.option(typed, { nil: undefined, freq: 4 }),
  values: fc.dictionary(
    fc.constantFrom('level', 'amount', 'vip', 'region', 'years'),
    fc.oneof({ weight: 6, arbitrary: value }, { weight: 1, arbitrary: oddValue }),
  ),
  extra: fc.option(fc.oneof(value, oddValue), { nil: undefined, freq: 4 }),
  symbol: fc.constantFrom('none', 'none', 'none', 'enumerable', 'hidden'),
  proto: fc.constantFrom('object', 'object', 'object', 'null', 'inherited', 'array', 'class'),
  getter: fc.boolean(),
  input: fc.constantFrom('plain', 'plain', 'plain', 'class', 'null', 'inherited', 'extra', 'array'),
});
type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;
class Facts {}
class Input {
  facts: unknown;
  constructor(facts: unknown) {
    this.facts = facts;
  }
}
/** The raw input of a shape, and how many times its getter (if any) ran. */
const build = (s: Shape, columns: readonly string[]): { raw: unknown; reads: () => number } => {
  let reads = 0;
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
  // The table's own columns (well-typed, in the table's order or reversed), or any keys the
  // dictionary gives (the others only with an extra key).
  const entries = s.typed
    ? (s.getter ? columns : [...columns].reverse()).map(
        (k) => [k, (s.typed as Record<string, unknown>)[k]] as const,
      )
    : Object.entries(s.values);
  for (const [k, v] of entries) {
    if (!columns.includes(k) && s.extra === undefined) continue;
    if (s.getter && k === columns[0])
      Object.defineProperty(base, k, {
        get: () => {
          reads++;
          return v;
        },
        enumerable: true,
        configurable: true,
      });
    else base[k] = v;
  }
  if (s.extra !== undefined) base.note = s.extra;
  if (s.symbol === 'enumerable') base[Symbol('tag')] = 1;
  if (s.symbol === 'hidden') Object.defineProperty(base, Symbol('hidden'), { value: 1, enumerable: false });
  const raw =
    s.input === 'class'
      ? new Input(base)
      : s.input === 'null'
        ? Object.assign(Object.create(null), { facts: base })
        : s.input === 'inherited'
          ? Object.assign(Object.create({ source: 'crm' }), { facts: base })
          : s.input === 'extra'
            ? { facts: base, at: '2024-07-01' }
            : s.input === 'array'
              ? Object.assign([base], { facts: base })
              : { facts: base };
  return { raw, reads: () => reads };
};

describe('credit.decision-table facts reader, fourth round (issue 21)', () => {
  it('decides and refuses as the reading before it and as the general path (seeded, 1–5 columns)', () => {
    let decided = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat({ max: tables.length - 1 }), shape, (t, s) => {
        const table = tables[t] as (typeof tables)[number];
        const columns = table.inputs.map((c) => c.name);
        const a = build(s, columns);
        const got = outcome(() => creditDecisionTableModule.evaluate(a.raw as never, table.now, ctx));
        const b = build(s, columns);
        const before = outcome(() => oldModule.evaluate(b.raw as never, table.old, ctx));
        const c = build(s, columns);
        const general = outcome(() => generalModule.evaluate(c.raw as never, table.general, ctx));
        // Deep-equal and JSON-equal: value, trace and provenance; or the same ZhiduError.
        expect(got).toEqual(before);
        expect(got).toEqual(general);
        // A getter runs as often as in the reading before (once when read directly), but for an
        // input object the reading before left to zod unread and this one reads, then leaves.
        // Facts with a symbol key the reading before could read, then leave to zod, which read them
        // again (any symbol key beside another key, an enumerable one always); they are now read
        // once, directly.
        if (s.input === 'plain' && s.symbol === 'none') expect(a.reads()).toBe(b.reads());
        else if (s.input === 'plain') expect(a.reads()).toBeLessThanOrEqual(b.reads());
        else expect(a.reads() - b.reads()).toBeLessThanOrEqual(1);
        if ('refused' in got) refused++;
        else decided++;
      }),
      { seed: 2131, numRuns: 1500 },
    );
    expect(decided).toBeGreaterThan(250);
    expect(refused).toBeGreaterThan(300);
  });

  it('answers directly wherever the reading before did, with the same shared decision object', () => {
    fc.assert(
      fc.property(fc.nat({ max: tables.length - 1 }), shape, (t, s) => {
        const table = tables[t] as (typeof tables)[number];
        const columns = table.inputs.map((c) => c.name);
        const before = oldFastModuleDecision(table.now.compiled, build(s, columns).raw);
        const now = fastModuleDecision(table.now.compiled, build(s, columns).raw);
        if (before !== undefined) expect(now).toBe(before);
        // Only an input object whose prototype is not Object.prototype (zod's strict object takes it
        // all the same), and facts with a symbol key (not data: the schema ignores it too), are
        // newly answered directly.
        if (now !== undefined && before === undefined && s.symbol === 'none')
          expect(['class', 'null']).toContain(s.input);
      }),
      { seed: 2132, numRuns: 1500 },
    );
  });

  it('reads { facts } from any object zod takes (a class instance, a null prototype) and refuses arrays', () => {
    const table = tables.find(
      (t) => t.inputs.length === 2 && t.inputs[0] === level,
    ) as (typeof tables)[number];
    const facts = { level: '3A', amount: 250 };
    const direct = fastModuleDecision(table.now.compiled, { facts });
    expect(direct?.value.result.output).toEqual({ points: 2 });
    expect(fastModuleDecision(table.now.compiled, new Input(facts))).toBe(direct);
    expect(fastModuleDecision(table.now.compiled, Object.assign(Object.create(null), { facts }))).toBe(
      direct,
    );
    expect(fastModuleDecision(table.now.compiled, Object.assign([], { facts }))).toBeUndefined();
    // An inherited key beside facts is an unknown key to zod's strict object: the general path.
    expect(
      fastModuleDecision(table.now.compiled, Object.assign(Object.create({ at: 1 }), { facts })),
    ).toBeUndefined();
    for (const raw of [new Input(facts), Object.assign([], { facts })]) {
      expect(outcome(() => creditDecisionTableModule.evaluate(raw as never, table.now, ctx))).toEqual(
        outcome(() => generalModule.evaluate(raw as never, table.general, ctx)),
      );
    }
  });

  it('takes the band’s decision from the bucket: every bound and the points around it', () => {
    const table = tables.find(
      (t) => t.inputs.length === 2 && t.inputs[0] === level,
    ) as (typeof tables)[number];
    for (const l of ['3A', '2A', '1B', '0X']) {
      for (const b of [0, 100, 200, 300, 400, 500]) {
        for (const a of [b - 1, b - 1e-9, b, b + 1e-9, b + 99.999]) {
          const facts = { level: l, amount: a };
          expect(outcome(() => creditDecisionTableModule.evaluate({ facts }, table.now, ctx))).toEqual(
            outcome(() => generalModule.evaluate({ facts }, table.general, ctx)),
          );
        }
      }
    }
  });

  it('reads a proxy of the facts as the reading before and zod do', () => {
    const table = tables.find(
      (t) => t.inputs.length === 2 && t.inputs[0] === level,
    ) as (typeof tables)[number];
    const seen: (string | symbol)[] = [];
    const proxyOf = () =>
      new Proxy(
        { level: '3A', amount: 250 },
        {
          get(target, key, receiver) {
            seen.push(key);
            return Reflect.get(target, key, receiver);
          },
        },
      );
    const direct = fastModuleDecision(table.now.compiled, { facts: proxyOf() });
    expect(direct).toBe(oldFastModuleDecision(table.now.compiled, { facts: proxyOf() }));
    expect(direct?.value.result.output).toEqual({ points: 2 });
    expect(seen).toContain('level');
    expect(outcome(() => creditDecisionTableModule.evaluate({ facts: proxyOf() }, table.now, ctx))).toEqual(
      outcome(() => generalModule.evaluate({ facts: proxyOf() }, table.general, ctx)),
    );
  });

  it('finds a string index value by its slot exactly as the scan did (seeded keys, two-byte, empty, many)', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.constantFrom('', '3A', 'A3', '华东', '华北', '东华', '\u{1F600}', 'ab', 'ba', 'aab', 'abb'),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    );
    let tables = 0;
    let hashed = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(text, { minLength: 2, maxLength: 90 }),
        fc.array(text, { minLength: 1, maxLength: 12 }),
        (keys, probes) => {
          // Groups of one to three keys per row, each row its own points; a range on the amount.
          const rules: DecisionTableInput['rules'] = [];
          for (let i = 0; i < keys.length; i += 3) {
            rules.push({
              id: `k${i}`,
              when: { level: { in: keys.slice(i, i + 3) }, amount: { gte: 0 } },
              result: { points: i },
            });
          }
          const json: DecisionTableInput = {
            id: 'example.xinghe-credit-tiers',
            hitPolicy: 'first',
            inputs: [level, amount],
            outputs: [{ name: 'points', type: 'number' }],
            rules,
            defaultOutput: { points: -1 },
          };
          const now = creditDecisionTableModule.compile(policyOf(json));
          const old = oldModule.compile(policyOf(json));
          const general = generalModule.compile(policyOf(json));
          tables++;
          if (now.compiled.index?.hash) hashed++;
          for (const l of [...probes, ...keys.slice(0, 6)]) {
            const facts = { level: l, amount: 5 };
            const got = outcome(() => creditDecisionTableModule.evaluate({ facts }, now, ctx));
            expect(got).toEqual(outcome(() => oldModule.evaluate({ facts }, old, ctx)));
            expect(got).toEqual(outcome(() => generalModule.evaluate({ facts }, general, ctx)));
            const k = keys.indexOf(l);
            expect(
              'decision' in got &&
                (got.json as { value: { result: { output: unknown } } }).value.result.output,
            ).toEqual(k === -1 ? { points: -1 } : { points: k - (k % 3) });
          }
        },
      ),
      { seed: 2134, numRuns: 120 },
    );
    expect(tables).toBe(120);
    // Most key sets get slots (not those with two keys of one length and the same end characters,
    // nor more than 64 keys): both readings are exercised.
    expect(hashed).toBeGreaterThan(40);
    expect(hashed).toBeLessThan(120);
    // The bench's score card levels get slots.
    const card = cards.find((t) => t.inputs.length === 2 && t.inputs[0] === level) as (typeof cards)[number];
    expect(card.now.compiled.index?.hash).not.toBeNull();
  });
});
