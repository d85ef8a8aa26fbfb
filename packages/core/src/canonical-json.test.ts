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
    // The same object twice, side by side, is no cycle: written twice.
    const shared = { z: 1, a: 2 };
    const twice = { x: shared, y: [shared, shared] };
    expect(canonicalJson(Object.assign(Object.create(null), twice))).toBe(
      '{"x":{"a":2,"z":1},"y":[{"a":2,"z":1},{"a":2,"z":1}]}',
    );
  });

  it('refuses a value nested deeper than the stack allows, at the root', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const e = zhiduError(() => canonicalJson(deep));
    expect([e.code, e.path]).toEqual(['invalid_input', []]);
    expect(e.message).toContain('nested too deeply');
  });
});
