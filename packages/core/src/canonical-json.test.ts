import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import { canonicalJson, contentHash } from './module.js';

/** The canonical walk as it was before the fast path: the reference every output must equal. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const keys = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

const outcome = (f: () => string): string => {
  try {
    return f();
  } catch (e) {
    return `threw ${(e as Error).constructor.name}`;
  }
};

describe('canonicalJson: the engine fast path writes exactly what the canonical walk writes', () => {
  it('equals the walk on arbitrary JSON values (seeded property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { seed: 12, numRuns: 400 },
    );
  });

  it('equals the walk on arbitrary values: dates, boxed values, sparse arrays, null prototypes, BigInt (seeded property)', () => {
    const anything = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
      maxDepth: 3,
      maxKeys: 5,
    });
    fc.assert(
      fc.property(anything, (v) => {
        // Where the walk threw a bare TypeError (a BigInt), canonicalJson refuses with a ZhiduError.
        const want = outcome(() => reference(v));
        expect(outcome(() => canonicalJson(v))).toBe(want === 'threw TypeError' ? 'threw ZhiduError' : want);
      }),
      { seed: 12, numRuns: 200 },
    );
  });

  it('keeps the odd cases of the walk: integer-like keys, holes, toJSON, functions, undefined, -0', () => {
    const holey: unknown[] = [];
    holey[0] = 1;
    holey[2] = 3;
    const cases: unknown[] = [
      { 10: 'a', 2: 'b', b: 1, a: 2 },
      { 1: 'x', a: 1 },
      holey,
      { toJSON: () => 'x', a: 1 },
      { at: new Date(0), f: () => 1, u: undefined, z: -0 },
      [undefined, () => 1, Symbol('s')],
      Object.assign(Object.create(null), { b: 1, a: { d: 1, c: 2 } }),
      undefined,
      'text',
    ];
    for (const v of cases) expect(canonicalJson(v)).toBe(reference(v));
    expect(canonicalJson({ 10: 'a', 2: 'b', b: 1, a: 2 })).toBe('{"10":"a","2":"b","a":2,"b":1}');
  });

  it('a 10^5-entry list hashes to the hash of its canonical walk; a BigInt and a cycle are refused', () => {
    const policy = {
      params: { list: Array.from({ length: 100_000 }, (_, i) => ({ to: `s${i}`, action: 'a' })) },
    };
    expect(canonicalJson(policy)).toBe(reference(policy));
    expect(contentHash(policy)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(zhiduError(() => canonicalJson({ n: 1n })).code).toBe('invalid_input');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(zhiduError(() => canonicalJson(cyclic)).code).toBe('invalid_input');
  });
});

describe('canonicalJson / contentHash: a value with no JSON text is a ZhiduError at its path', () => {
  it('refuses a BigInt at its path, not with a bare TypeError', () => {
    for (const f of [canonicalJson, contentHash]) {
      const e = zhiduError(() => f({ params: { tiers: [{ amount: 1 }, { amount: 10n }] } }));
      expect([e.code, e.path]).toEqual(['invalid_input', ['params', 'tiers', 1, 'amount']]);
      expect(e.message).toContain('BigInt 不能写成 JSON');
      expect(e.message).toContain('a BigInt cannot be written as JSON');
      expect(e.message).toContain('10n');
      expect(zhiduError(() => f(5n)).path).toEqual([]);
    }
  });

  it('refuses a cycle where it closes, and keeps a value shared without a cycle', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.children = [{ parent: a }];
    const e = zhiduError(() => canonicalJson({ root: a }));
    expect([e.code, e.path]).toEqual(['invalid_input', ['root', 'children', 0, 'parent']]);
    expect(e.message).toContain('a cycle');
    // The same object twice, side by side, is no cycle: written twice (by the general walk: the Date
    // and the hole keep the engine's stringify out).
    const h: unknown[] = [1];
    h[2] = 3;
    const shared = { z: 1, a: 2, at: new Date(0), h };
    const twice = { x: shared, y: [shared, shared] };
    const one = '{"a":2,"at":{},"h":[1,,3],"z":1}';
    expect(canonicalJson(twice)).toBe(`{"x":${one},"y":[${one},${one}]}`);
    expect(canonicalJson(twice)).toBe(reference(twice));
  });

  it('writes a value of any depth (the walk keeps its own stack), with the text of the recursive walk where it reached', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const text = canonicalJson(deep);
    expect(text.length).toBe(400_001);
    expect(text.slice(0, 3)).toBe('[[[');
    expect(text.slice(-3)).toBe(']]]');
    // Not plain (a Date at the bottom): the general walk, deep; the same text as the reference at a
    // depth the reference's recursion reaches.
    const holey: unknown[] = [1];
    holey[2] = 3;
    let chain: unknown = { at: new Date(0), b: holey };
    for (let i = 0; i < 2_000; i++) chain = { k: chain, a: i };
    expect(canonicalJson(chain)).toBe(reference(chain));
    let deeper: unknown = { at: new Date(0) };
    for (let i = 0; i < 50_000; i++) deeper = { k: deeper };
    expect(contentHash(deeper)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
