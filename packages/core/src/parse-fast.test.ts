// The fast input parser (issue 21) against zod itself: whatever it accepts, zod accepts with the
// same parsed value; whatever it does not accept goes to zod, so refusals are zod's (and
// parseInput's) exactly. Seeded properties over valid and invalid values, and the edge cases one by one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineModule,
  FenSchema,
  InstantSchema,
  LocalDateSchema,
  parseInput,
  Trace,
  ZhiduError,
} from './index.js';
import { fastParser, NOT_PARSED } from './parse-fast.js';

const Scalar = z.union([z.string(), z.number().finite(), z.boolean()]);
const schemas = {
  facts: z.strictObject({ facts: z.record(z.string(), Scalar) }),
  mixed: z.object({
    a: z.string().min(1),
    b: z.number().int().min(0).optional(),
    c: z.array(z.enum(['x', 'y'])).max(3),
    d: z.boolean().default(false),
    e: z.string().max(2).nullable(),
    f: z.literal('k').optional(),
    g: z.unknown(),
  }),
  unions: z.strictObject({
    shape: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('circle'), r: z.number().gt(0) }),
      z.strictObject({ kind: z.literal('square'), side: z.number().lte(10) }),
    ]),
    either: z.union([z.strictObject({ n: z.number() }), z.array(z.string().length(2))]),
    list: z.array(z.strictObject({ id: z.string(), n: z.number().int().nonnegative().optional() })).min(1),
  }),
  // Core's own refined and transformed schemas, string formats, trims and an object refinement:
  // the fast path runs zod's check functions and zod's parser for these parts.
  checked: z
    .strictObject({
      day: LocalDateSchema,
      at: InstantSchema,
      fen: FenSchema,
      mail: z.email().optional(),
      code: z.string().regex(/^[A-Z]{2}\d$/),
      name: z.string().trim().min(1),
      tags: z.array(z.string()).refine((a) => new Set(a).size === a.length),
    })
    .superRefine((v, ctx) => {
      if (v.code === 'ZZ9') ctx.addIssue({ code: 'custom', message: 'ZZ9 is retired' });
    }),
};

/** Deep equality that also tells an absent key from a key holding `undefined`, and array holes. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) =>
    same((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k]),
  );
}

/** Checks one value: the fast parser agrees with zod, and says how it answered. */
function check(schema: z.ZodType, value: unknown): 'fast' | 'zod' | 'missed' {
  const fast = fastParser(schema);
  expect(fast).toBeDefined();
  const r = (fast as (v: unknown) => unknown)(value);
  const z = schema.safeParse(value);
  // 'missed': valid, but left to zod (slower, same answer).
  if (r === NOT_PARSED) return z.success ? 'missed' : 'zod';
  expect(z.success).toBe(true);
  expect(same(r, z.data)).toBe(true);
  return 'fast';
}

const scalarArb = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0),
);
const loose = fc.anything({ maxDepth: 2, maxKeys: 3 });
/** Mostly the first (valid) arbitrary, sometimes the others. */
const often = <T>(valid: fc.Arbitrary<T>, ...others: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: valid, weight: 12 }, ...others.map((arbitrary) => ({ arbitrary, weight: 1 })));

describe('fast input parser (issue 21)', () => {
  it('accepts only what zod accepts, with zod’s parsed value: facts records (seeded)', () => {
    const counts = { fast: 0, zod: 0, missed: 0 };
    const arb = fc.oneof(
      fc.record({ facts: fc.dictionary(fc.string({ maxLength: 3 }), scalarArb, { maxKeys: 4 }) }),
      fc.record({ facts: fc.dictionary(fc.string(), scalarArb), extra: scalarArb }, { requiredKeys: [] }),
      loose,
    );
    fc.assert(
      fc.property(arb, (v) => {
        counts[check(schemas.facts, v)]++;
      }),
      { seed: 2121, numRuns: 600 },
    );
    // Both answers happen (the property is not vacuous), and every valid plain input takes the fast path.
    expect(counts.fast).toBeGreaterThan(50);
    expect(counts.zod).toBeGreaterThan(50);
    expect(counts.missed).toBe(0);
  });

  it('accepts only what zod accepts: optional, default, nullable, literal, enum, arrays (seeded)', () => {
    const counts = { fast: 0, zod: 0, missed: 0 };
    const arb = fc.record(
      {
        a: often(fc.string({ minLength: 1, maxLength: 3 }), fc.constantFrom('😀', '\ud83d', ''), scalarArb),
        b: often(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -2, max: -1 }), fc.double()),
        c: often(
          fc.array(fc.constantFrom('x', 'y'), { maxLength: 3 }),
          fc.array(fc.constantFrom('x', 'z'), { maxLength: 4 }),
          scalarArb,
        ),
        d: often(fc.boolean(), fc.constant(undefined), scalarArb),
        e: often(fc.constantFrom(null, 'ab', '😀😀'), fc.constantFrom('abc', '😀😀😀'), scalarArb),
        f: often(fc.constantFrom('k', undefined), fc.constant('j')),
        g: loose,
        h: scalarArb,
      },
      { requiredKeys: ['a', 'c', 'e'] },
    );
    fc.assert(
      fc.property(arb, (v) => {
        counts[check(schemas.mixed, v)]++;
      }),
      { seed: 2122, numRuns: 800 },
    );
    expect(counts.fast).toBeGreaterThan(30);
    expect(counts.zod).toBeGreaterThan(30);
    expect(counts.missed).toBe(0);
  });

  it('accepts only what zod accepts: unions, discriminated unions, arrays of objects (seeded)', () => {
    const counts = { fast: 0, zod: 0, missed: 0 };
    const shape = fc.oneof(
      fc.record({
        kind: fc.constant('circle'),
        r: often(fc.integer({ min: 1, max: 3 }), fc.constant(0), scalarArb),
      }),
      fc.record({
        kind: often(fc.constant('square'), fc.constant('oval')),
        side: often(fc.integer({ min: 8, max: 10 }), fc.constant(11)),
      }),
      fc.record({ kind: fc.constant('circle'), r: fc.constant(1), side: fc.constant(1) }),
      loose,
    );
    const either = fc.oneof(
      fc.record({ n: often(fc.integer(), scalarArb) }),
      fc.array(often(fc.constantFrom('ab', '😀'), fc.constantFrom('a', 'abc')), { maxLength: 3 }),
      loose,
    );
    const item = fc.record(
      {
        id: often(fc.string({ maxLength: 2 }), scalarArb),
        n: often(fc.integer({ min: 0, max: 2 }), fc.constant(-1)),
      },
      { requiredKeys: ['id'] },
    );
    const list = often(fc.array(item, { minLength: 1, maxLength: 3 }), fc.constant([]));
    fc.assert(
      fc.property(fc.record({ shape, either, list }), (v) => {
        counts[check(schemas.unions, v)]++;
      }),
      { seed: 2123, numRuns: 800 },
    );
    expect(counts.fast).toBeGreaterThan(30);
    expect(counts.zod).toBeGreaterThan(30);
    expect(counts.missed).toBe(0);
  });

  it('returns a copy, as zod does, and keeps a present undefined key but not an absent one', () => {
    const fast = fastParser(schemas.mixed) as (v: unknown) => unknown;
    const input = { a: 'x', c: ['x'], e: null, b: undefined, g: 1 };
    const out = fast(input) as Record<string, unknown>;
    expect(out).not.toBe(input);
    expect(out.c).not.toBe(input.c);
    expect(Object.keys(out)).toEqual(Object.keys(schemas.mixed.parse(input)));
    expect(Object.keys(out)).toEqual(['a', 'b', 'c', 'd', 'e', 'g']);
    expect(out.d).toBe(false);
    const facts = { facts: { level: '3A', wan: 120 } };
    const parsed = (fastParser(schemas.facts) as (v: unknown) => unknown)(facts) as typeof facts;
    expect(parsed).toEqual(facts);
    expect(parsed.facts).not.toBe(facts.facts);
  });

  it('leaves to zod the shapes it does not read: inherited keys, symbol keys, __proto__, class instances', () => {
    const fast = fastParser(schemas.facts) as (v: unknown) => unknown;
    // zod reads an inherited key (`key in input`); the fast path leaves such a value to zod.
    const inherited = Object.create({ facts: {} });
    expect(fast(inherited)).toBe(NOT_PARSED);
    expect(schemas.facts.safeParse(inherited).success).toBe(true);
    const withSymbol = { facts: { a: 1, [Symbol('s')]: 2 } };
    expect(fast(withSymbol)).toBe(NOT_PARSED);
    expect(schemas.facts.safeParse(withSymbol).success).toBe(false);
    const proto = JSON.parse('{"facts":{"__proto__":{"x":1},"a":1}}');
    expect(fast(proto)).toBe(NOT_PARSED);
    const nullProto = { facts: Object.assign(Object.create(null), { a: 1 }) };
    expect(fast(nullProto)).toEqual(schemas.facts.parse(nullProto));
    class Facts {
      a = 1;
    }
    expect(fast({ facts: new Facts() })).toBe(NOT_PARSED);
    expect(fast({ facts: { a: Number.NaN } })).toBe(NOT_PARSED);
    expect(fast({ facts: { a: Number.POSITIVE_INFINITY } })).toBe(NOT_PARSED);
    expect(fast({ facts: { a: 1 }, b: 1 })).toBe(NOT_PARSED);
    expect(fast([])).toBe(NOT_PARSED);
    // A getter is read once, like zod reads it, and the value read is the one checked and returned.
    let reads = 0;
    const changing = {
      facts: Object.defineProperty({}, 'score', {
        enumerable: true,
        get: () => (++reads === 1 ? 95 : Number.NaN),
      }),
    };
    expect(fast(changing)).toEqual({ facts: { score: 95 } });
    expect(reads).toBe(1);
    // A union option that is a format (z.email()) is not a bare string.
    const mailOrCount = fastParser(z.union([z.email(), z.number()])) as (v: unknown) => unknown;
    expect(mailOrCount('not-mail')).toBe(NOT_PARSED);
    expect(mailOrCount('a@b.cn')).toBe('a@b.cn');
    expect(mailOrCount(3)).toBe(3);
    expect(fast(null)).toBe(NOT_PARSED);
  });

  it('accepts only what zod accepts: records whose keys have length checks (an id’s min(1)), seeded', () => {
    const schema = z.strictObject({
      flags: z.record(z.string().min(1), z.boolean()).default({}),
      named: z.record(z.string().min(1).max(3), z.string()),
      scalars: z.record(z.string().min(2), Scalar).optional(),
    });
    const fast = fastParser(schema) as (v: unknown) => unknown;
    const key = fc.constantFrom('', 'a', 'ab', 'abc', 'abcd', '名', '𠮷', '𠮷𠮷', '__proto__', 'constructor');
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.oneof(fc.boolean(), fc.string())),
        fc.dictionary(key, fc.oneof(fc.string(), fc.integer())),
        fc.option(fc.dictionary(key, fc.oneof(fc.string(), fc.integer(), fc.constant(Number.NaN))), {
          nil: undefined,
        }),
        (flags, named, scalars) => {
          const input = scalars === undefined ? { flags, named } : { flags, named, scalars };
          const z1 = schema.safeParse(input);
          const f = fast(input);
          if (f === NOT_PARSED) return;
          expect(z1.success).toBe(true);
          expect(same(f, z1.data)).toBe(true);
        },
      ),
      { seed: 2112, numRuns: 600 },
    );
    // Keys that fail the check are zod's to refuse; good ones are read natively.
    expect(fast({ named: { '': 'x' } })).toBe(NOT_PARSED);
    expect(fast({ named: { abcd: 'x' } })).toBe(NOT_PARSED);
    expect(fast({ named: { 𠮷𠮷: 'x' } })).toEqual({ flags: {}, named: { 𠮷𠮷: 'x' } });
  });

  it('leaves to zod a record whose own constructor, enumerable or not, names a class (zod refuses it)', () => {
    const fast = fastParser(schemas.facts) as (v: unknown) => unknown;
    for (const proto of [Object.prototype, null]) {
      const facts = Object.defineProperty(Object.create(proto), 'constructor', {
        value: class Row {},
        enumerable: false,
      });
      facts.score = 95;
      expect(schemas.facts.safeParse({ facts }).success).toBe(false);
      expect(fast({ facts })).toBe(NOT_PARSED);
    }
    // A constructor that is not a function is a plain value to zod: accepted either way.
    const plain = Object.defineProperty({ score: 95 }, 'constructor', { value: 'x', enumerable: false });
    expect(schemas.facts.safeParse({ facts: plain }).success).toBe(true);
  });

  it('tries a later union option only after one refuses the value for certain (NOT_PARSED is "not sure")', () => {
    // The record option is not sure of a `__proto__` key; zod accepts it (dropping the key), so
    // the `unknown` option, which would keep it, may not answer.
    const schema = z.strictObject({ tags: z.union([z.record(z.string(), z.number()), z.unknown()]) });
    const fast = fastParser(schema) as (v: unknown) => unknown;
    const value = { tags: JSON.parse('{"__proto__": "x", "a": 1}') };
    expect(fast(value)).toBe(NOT_PARSED);
    expect(Object.keys(schema.parse(value).tags as object)).toEqual(['a']);
    // A value the first option refuses by its type goes on to the next.
    expect(fast({ tags: 'free text' })).toEqual({ tags: 'free text' });
    expect(fast({ tags: { a: 1 } })).toEqual({ tags: { a: 1 } });
    const either = fastParser(schemas.unions.shape.either) as (v: unknown) => unknown;
    expect(either(['ab'])).toEqual(['ab']);
    expect(either({ n: 1 })).toEqual({ n: 1 });
  });

  it('accepts only what zod accepts: refinements, transforms, formats, trims, object refinements (seeded)', () => {
    const counts = { fast: 0, zod: 0, missed: 0 };
    const arb = fc.record(
      {
        day: often(
          fc.constantFrom('2024-02-29', '2025-12-31'),
          fc.constantFrom('2023-02-29', '2024-13-01', 7),
        ),
        at: often(
          fc.constantFrom('2024-07-01T09:00:00+08:00', '2024-07-01T01:00:00Z', 1719795600000),
          fc.constantFrom('2024-07-01', 'soon', Number.NaN),
        ),
        fen: often(fc.integer(), fc.double(), fc.constant(2 ** 60)),
        mail: often(fc.constantFrom('a@b.cn', undefined), fc.constant('not-mail')),
        code: often(fc.constantFrom('AB1', 'CD2'), fc.constantFrom('ZZ9', 'ab1', 'ABC')),
        name: often(fc.constantFrom(' 兰亭 ', 'x'), fc.constantFrom('   ', '')),
        tags: often(fc.uniqueArray(fc.constantFrom('a', 'b', 'c')), fc.constant(['a', 'a'])),
      },
      { requiredKeys: ['day', 'at', 'fen', 'code', 'name', 'tags'] },
    );
    fc.assert(
      fc.property(arb, (v) => {
        counts[check(schemas.checked, v)]++;
      }),
      { seed: 2124, numRuns: 500 },
    );
    expect(counts.fast).toBeGreaterThan(30);
    expect(counts.zod).toBeGreaterThan(30);
    expect(counts.missed).toBe(0);
    // The transform and the trim are applied, as zod applies them.
    const out = (fastParser(schemas.checked) as (v: unknown) => unknown)({
      day: '2024-02-29',
      at: '2024-07-01T09:00:00+08:00',
      fen: 100,
      code: 'AB1',
      name: ' 兰亭 ',
      tags: [],
    }) as { at: string; name: string };
    expect(out.at).toBe('2024-07-01T01:00:00.000Z');
    expect(out.name).toBe('兰亭');
  });

  it('has no fast path for a schema whose root it does not read (a transform, a pipe, a lazy schema, z.xor)', () => {
    expect(fastParser(z.string().transform((s) => s.length))).toBeUndefined();
    expect(
      fastParser(z.strictObject({ a: z.string() }).pipe(z.strictObject({ a: z.string() }))),
    ).toBeUndefined();
    // InstantSchema is a transform with a parser of its own (fastLeaf): its root reads it.
    expect(fastParser(InstantSchema)?.('2024-03-01T09:00+08:00')).toBe('2024-03-01T01:00:00.000Z');
    const Tree: z.ZodType = z.lazy(() => z.array(Tree));
    expect(fastParser(Tree)).toBeUndefined();
    expect(fastParser(z.xor([z.string(), z.number()]))).toBeUndefined();
    expect(fastParser(z.looseObject({ a: z.string() }))).toBeUndefined();
    // …and reads the rest, with such parts below the root.
    expect(fastParser(z.strictObject({ a: z.string().min(1), t: Tree, x: z.looseObject({}) }))).toBeDefined();
  });

  it('a module refuses a bad input with exactly parseInput’s error (code, path, message), fast path or not', () => {
    const input = schemas.unions;
    const m = defineModule({
      id: 'demo.fast-input',
      title: { zh: '演示', en: 'Demo' },
      params: z.strictObject({}),
      input,
      evaluate: (i) =>
        new Trace()
          .add('DEMO-1', undefined, '读入', 'read')
          .decide({ result: i.list.length, violations: [] }),
    });
    const policy = {
      id: 'demo',
      version: '1',
      effectiveFrom: '2024-01-01',
      source: { title: '演示' },
      params: {},
    };
    const ctx = { now: '2024-07-01T09:00:00+08:00' };
    const good = {
      shape: { kind: 'circle' as const, r: 1 },
      either: ['ab'],
      list: [{ id: 'a' }, { id: 'b', n: 2 }],
    };
    expect(m.evaluate(good, policy, ctx).value.result).toBe(2);
    const bad: unknown[] = [
      { ...good, shape: { kind: 'circle', r: 0 } },
      { ...good, shape: { kind: 'oval', r: 1 } },
      { ...good, either: ['abc'] },
      { ...good, list: [] },
      { ...good, list: [{ id: 'a', n: -1 }] },
      { ...good, list: [{ id: 'a', extra: 1 }] },
      { ...good, extra: true },
      { ...good, list: Array.from({ length: 5000 }, (_, i) => (i === 4321 ? { id: 7 } : { id: 'x' })) },
      null,
      'text',
    ];
    for (const b of bad) {
      let expected: unknown;
      try {
        parseInput(input, b, ['input']);
      } catch (e) {
        expected = e;
      }
      expect(expected).toBeInstanceOf(ZhiduError);
      const want = expected as ZhiduError;
      let got: unknown;
      try {
        m.evaluate(b as never, policy, ctx);
      } catch (e) {
        got = e;
      }
      expect(got).toBeInstanceOf(ZhiduError);
      const e = got as ZhiduError;
      expect([e.code, e.path, e.message]).toEqual([want.code, want.path, want.message]);
    }
  });
});

describe('an instant in an input is read by the fast parser (issue 21: InstantSchema is a transform)', () => {
  const Event = z.strictObject({ at: InstantSchema, note: z.string().optional() });
  const fast = fastParser(z.strictObject({ events: z.array(Event) })) as (v: unknown) => unknown;

  it('gives zod’s value for every instant zod accepts, and NOT_PARSED for every one it refuses (seeded)', () => {
    const instant = fc.oneof(
      fc
        .date({ min: new Date(-62_198_755_200_000), max: new Date(253_402_300_799_999), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '+08:00')),
      fc.integer({ min: -9e15, max: 9e15 }),
      fc.double(),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('2024-02-30T00:00:00Z', '2024-03-01T09:00+08:00', '2024-03-01', '', null, true),
    );
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 4 }), (ats) => {
        const input = { events: ats.map((at) => ({ at })) };
        const zod = z.strictObject({ events: z.array(Event) }).safeParse(input);
        const mine = fast(input);
        if (zod.success) expect(mine).toEqual(zod.data);
        else expect(mine).toBe(NOT_PARSED);
      }),
      { seed: 2146, numRuns: 600 },
    );
  });

  it('reads a canonical instant, an offset and epoch ms as InstantSchema does', () => {
    expect(
      fast({
        events: [
          { at: '2024-03-01T09:00:00+08:00' },
          { at: 0 },
          { at: '2024-03-01T01:00:00.000Z', note: 'x' },
        ],
      }),
    ).toEqual({
      events: [
        { at: '2024-03-01T01:00:00.000Z' },
        { at: '1970-01-01T00:00:00.000Z' },
        { at: '2024-03-01T01:00:00.000Z', note: 'x' },
      ],
    });
    expect(fast({ events: [{ at: '2024-02-30T00:00:00Z' }] })).toBe(NOT_PARSED);
    expect(fast({ events: [{ at: 1.5 }] })).toBe(NOT_PARSED);
  });
});
