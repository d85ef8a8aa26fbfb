import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineModule,
  isZhiduError,
  MAX_POLICY_VALUES,
  makeContext,
  Trace,
  type ZhiduError,
} from './index.js';
import { checkPolicySize } from './module.js';

/** The refusal `fn` throws (fails when it throws nothing or something else). */
function refusal(fn: () => unknown): ZhiduError {
  try {
    fn();
  } catch (e) {
    if (isZhiduError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** A module whose policy holds a list of codes (any length the schema allows). */
const codes = defineModule({
  id: 'demo.codes',
  title: { zh: '代码表', en: 'Codes' },
  params: z.strictObject({ codes: z.array(z.string()), bands: z.array(z.strictObject({ min: z.number() })) }),
  input: z.strictObject({ code: z.string() }),
  evaluate: (input, policy) => {
    const known = policy.params.codes.includes(input.code);
    return new Trace()
      .add('DEMO-CODES', 'demo §1', known ? '已知' : '未知', known ? 'known' : 'unknown')
      .decide({
        result: { known },
        violations: [],
      });
  },
});
const policyWith = (codeCount: number, bands: unknown[] = []) => ({
  id: 'demo.codes.p',
  version: '1',
  effectiveFrom: '2024-01-01',
  source: { title: '演示' },
  params: { codes: Array.from({ length: codeCount }, (_, i) => `c${i}`), bands },
});
const ctx = makeContext({ now: '2024-06-01T00:00:00+08:00' });

describe('policy size: at most MAX_POLICY_VALUES JSON values', () => {
  it('is 100,000 values', () => {
    expect(MAX_POLICY_VALUES).toBe(100_000);
  });

  it('evaluates under a policy of exactly the limit, and refuses one value more with policy_too_large where the count passed it', () => {
    // The policy object, its id, version and effectiveFrom, source and its title, params and its
    // two lists: 9 values besides the codes.
    const fixed = 9;
    const atLimit = policyWith(MAX_POLICY_VALUES - fixed);
    expect(codes.evaluate({ code: 'c7' }, atLimit, ctx).value.result).toEqual({ known: true });
    // One value more: the codes fit by their length, and the (empty) bands list after them is the
    // 100,001st value.
    const over = refusal(() =>
      codes.evaluate({ code: 'c7' }, policyWith(MAX_POLICY_VALUES - fixed + 1), ctx),
    );
    expect(over.code).toBe('policy_too_large');
    expect(over.path).toEqual(['policy', 'params', 'bands']);
    expect(over.details).toEqual({ limit: 100_000 });
    expect(over.message).toMatch(
      /^制度含超过 100000 个 JSON 值.* \/ the policy holds more than 100000 JSON values/,
    );
    // Two more: the codes list itself is longer than what is left, refused by its length.
    const longer = refusal(() =>
      codes.evaluate({ code: 'c7' }, policyWith(MAX_POLICY_VALUES - fixed + 2), ctx),
    );
    expect([longer.code, longer.path]).toEqual(['policy_too_large', ['policy', 'params', 'codes']]);
  });

  it('refuses a list of 10^5 copies of one object (each counted where JSON writes it) before any parse', () => {
    const band = { min: 1 };
    // (its version is not a string either: the size is checked before the schema reads anything)
    const policy = { ...policyWith(3, new Array(100_000).fill(band)), version: 7 };
    const e = refusal(() => codes.evaluate({ code: 'c1' }, policy, ctx));
    expect([e.code, e.path]).toEqual(['policy_too_large', ['policy', 'params', 'bands']]);
    // Shared objects count at each place: 30,000 references to one band of two values are 60,000
    // values, and 60,000 references to it are 120,000: refused at the band that passed the limit.
    const shared = { min: 1 };
    expect(() => checkPolicySize({ list: new Array(30_000).fill(shared) }, ['policy'])).not.toThrow();
    const many = refusal(() => checkPolicySize({ list: new Array(60_000).fill(shared) }, ['policy']));
    expect(many.code).toBe('policy_too_large');
    expect(many.path.slice(0, 2)).toEqual(['policy', 'list']);
    const at = many.path[2] as number;
    expect(at).toBeGreaterThan(49_000);
    expect(at).toBeLessThan(50_000);
  });

  it("gives a list's own bound, or a bad entry found by the large-list pre-pass, precedence over the size", () => {
    const bounded = defineModule({
      id: 'demo.bounded',
      title: { zh: '有界代码表', en: 'Bounded codes' },
      params: z.strictObject({
        codes: z.array(z.string()).max(1000, { message: '最多 1000 个代码 / at most 1,000 codes' }),
        bands: z.array(z.strictObject({ min: z.number() })),
      }),
      input: z.strictObject({ code: z.string() }),
      evaluate: () =>
        new Trace().add('DEMO-B', 'demo §2', '无', 'none').decide({ result: {}, violations: [] }),
    });
    const own = refusal(() => bounded.evaluate({ code: 'c' }, policyWith(200_000), ctx));
    expect([own.code, own.path, own.message]).toEqual([
      'invalid_input',
      ['policy', 'params', 'codes'],
      '最多 1000 个代码 / at most 1,000 codes (at policy.params.codes)',
    ]);
    // 10^5 bands, each a string where a number belongs: refused at the first bad band, as before.
    const badBands = refusal(() =>
      bounded.evaluate({ code: 'c' }, policyWith(3, new Array(100_000).fill({ min: 'one' })), ctx),
    );
    expect([badBands.code, badBands.path]).toEqual([
      'invalid_input',
      ['policy', 'params', 'bands', 0, 'min'],
    ]);
    // Valid bands, too many of them: the size.
    const size = refusal(() =>
      bounded.evaluate({ code: 'c' }, policyWith(3, new Array(100_000).fill({ min: 1 })), ctx),
    );
    expect([size.code, size.path]).toEqual(['policy_too_large', ['policy', 'params', 'bands']]);
  });

  it("refuses through the module's policy(json, path) too, at the path given (a path that is not a list: the root)", () => {
    const atTable = refusal(() => codes.policy(policyWith(200_000), ['tables', 2]));
    expect([atTable.code, atTable.path]).toEqual(['policy_too_large', ['tables', 2, 'params', 'codes']]);
    const atRoot = refusal(() => codes.policy(policyWith(200_000), 'not a path' as never));
    expect([atRoot.code, atRoot.path]).toEqual(['policy_too_large', ['params', 'codes']]);
  });

  it('refuses a sparse list longer than the limit by its length, without reading it', () => {
    const huge = new Array(2 ** 31);
    const e = refusal(() => checkPolicySize({ params: { huge } }, ['policy']));
    expect([e.code, e.path]).toEqual(['policy_too_large', ['policy', 'params', 'huge']]);
    // An object with too many keys: refused at the object.
    const wide = Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`k${i}`, 1]));
    expect(refusal(() => checkPolicySize({ params: { wide } }, ['p'])).path).toEqual(['p', 'params', 'wide']);
  });

  it('leaves a cycle, a deep nesting and values that are not JSON to the schema (not refused by size, no hang, no overflow)', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => checkPolicySize(cyclic, ['policy'])).not.toThrow();
    // 50,000 levels deep: walked without recursion.
    let deep: unknown = 1;
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(() => checkPolicySize({ deep }, ['policy'])).not.toThrow();
    // A Date or a Map is one value, not walked; scalars and null are fine at the top.
    expect(() => checkPolicySize({ at: new Date(0), m: new Map([[1, 2]]) }, ['policy'])).not.toThrow();
    for (const top of [null, 1, 'x', undefined]) expect(() => checkPolicySize(top, ['policy'])).not.toThrow();
    // Through a module, the schema refuses a cycle as before: here its unknown key, not its size.
    const e = refusal(() => codes.evaluate({ code: 'c1' }, { ...policyWith(1), params: cyclic }, ctx));
    expect([e.code, e.path]).toEqual(['unknown_key', ['policy', 'params', 'a']]);
  });

  it('counts objects of any kind as zod reads them (a class instance, an object of another realm), undefined values not at all', () => {
    class Params {
      codes: string[];
      bands: unknown[];
      constructor(codeCount: number) {
        this.codes = Array.from({ length: codeCount }, (_, i) => `c${i}`);
        this.bands = [];
      }
    }
    const instance = refusal(() => checkPolicySize({ params: new Params(100_000) }, ['policy']));
    expect([instance.code, instance.path]).toEqual(['policy_too_large', ['policy', 'params', 'codes']]);
    const otherRealm = runInNewContext('JSON.parse(text)', {
      text: JSON.stringify({ params: { codes: new Array(100_000).fill('c') } }),
    }) as unknown;
    expect(Object.getPrototypeOf(otherRealm)).not.toBe(Object.prototype);
    const foreign = refusal(() => checkPolicySize(otherRealm, ['policy']));
    expect([foreign.code, foreign.path]).toEqual(['policy_too_large', ['policy', 'params', 'codes']]);
    // 99,990 keys whose value is undefined write nothing in JSON: not counted.
    const sparse = Object.fromEntries(Array.from({ length: 99_990 }, (_, i) => [`k${i}`, undefined]));
    expect(() => checkPolicySize({ sparse, codes: new Array(50_000).fill('c') }, ['policy'])).not.toThrow();
    // A typed array is one value (zod refuses it), not 10^6.
    expect(() => checkPolicySize({ bytes: new Uint8Array(1_000_000) }, ['policy'])).not.toThrow();
  });

  it('refuses nested lists of 999 x 999 entries for their size, at the value that passed the limit (the pre-pass for a more precise refusal is bounded)', () => {
    const nested = defineModule({
      id: 'demo.nested',
      title: { zh: '嵌套', en: 'Nested' },
      params: z.strictObject({
        items: z.array(z.strictObject({ charges: z.array(z.strictObject({ fen: z.number() })) })),
      }),
      input: z.strictObject({}),
      evaluate: () =>
        new Trace().add('DEMO-N', 'demo §3', '无', 'none').decide({ result: {}, violations: [] }),
    });
    const item = { charges: new Array(999).fill({ fen: 100 }) };
    const policy = { ...policyWith(0), params: { items: new Array(999).fill(item) } };
    const e = refusal(() => nested.evaluate({}, policy, ctx));
    expect(e.code).toBe('policy_too_large');
    // 8 values before the items, then 2,000 per item (the item, its list, 999 charges of two
    // values): the 100,001st value lies in the 50th item's charges.
    expect(e.path.slice(0, 5)).toEqual(['policy', 'params', 'items', 49, 'charges']);
  });
});
