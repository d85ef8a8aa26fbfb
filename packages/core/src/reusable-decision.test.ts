// ModuleSpec.fastShared and reusableDecision (issue 21): a module whose fast path returns decisions
// shared by many inputs (a decision table's rows) gets, per provenance, one frozen module decision
// made once, instead of a new `{ value, trace, provenance }` per call.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Decision } from './decision.js';
import {
  defineModule,
  type ModuleResult,
  makeContext,
  type ReusableDecision,
  reusableDecision,
  ZhiduError,
} from './index.js';

type Result = { band: string };
const policy = {
  id: 'demo.bands',
  version: '1',
  effectiveFrom: '2024-01-01',
  source: { title: '分档制度' },
  params: { step: 10 },
};
const params = z.strictObject({ step: z.number().int().positive() });
const input = z.strictObject({ score: z.number().int() });

/** Three bands, each decision made once; `provisional` makes the last band's trace name a provisional year. */
const bandsOf = (provisional = false) =>
  ['low', 'mid', 'high'].map((band, k) =>
    reusableDecision<Result>({ result: { band }, violations: [] }, [
      {
        rule: k === 2 && provisional ? 'zhidu.calendar.provisional' : `DEMO-BAND-${k}`,
        message: { zh: `档 ${band}`, en: `band ${band}` },
        data: { band },
      },
    ]),
  );

const bandOf = (bands: ReusableDecision<Result>[], score: number): ReusableDecision<Result> =>
  bands[Math.max(0, Math.min(2, Math.floor(score / 10)))] as ReusableDecision<Result>;

/** A module with the bands on its fast path, shared or not. */
const moduleOf = (bands: ReusableDecision<Result>[], shared: boolean) =>
  defineModule({
    id: 'demo.bands',
    title: { zh: '分档', en: 'Bands' },
    params,
    input,
    fast: (raw) => {
      if (raw === null || typeof raw !== 'object' || Object.keys(raw).join() !== 'score') return undefined;
      const s = (raw as { score: unknown }).score;
      return Number.isSafeInteger(s) ? bandOf(bands, s as number) : undefined;
    },
    fastTraces: () => bands.map((b) => b.trace),
    fastShared: shared,
    evaluate: (i) => bandOf(bands, i.score),
  });

const json = (d: unknown): unknown => JSON.parse(JSON.stringify(d));

describe('reusableDecision (issue 21)', () => {
  it('freezes the value and the trace through, in place, and reads as { value, trace }', () => {
    const message = { zh: '通过', en: 'passed' };
    const d = reusableDecision({ result: { band: 'low' }, violations: [] }, [{ rule: 'R', message }]);
    expect(Object.isFrozen(message)).toBe(true);
    expect(Object.isFrozen(d.value.result)).toBe(true);
    expect(Object.isFrozen(d.trace)).toBe(true);
    expect(Object.keys(d)).toEqual(['value', 'trace']);
    expect(json(d)).toEqual({
      value: { result: { band: 'low' }, violations: [] },
      trace: [{ rule: 'R', message }],
    });
    expect(Object.isExtensible(d)).toBe(false);
  });

  it('refuses parts that cannot be frozen through, naming the part', () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ZhiduError);
        return [(e as ZhiduError).code, (e as ZhiduError).path];
      }
      return 'accepted';
    };
    expect(refusal(() => reusableDecision({ result: new Date(0), violations: [] }, []))).toEqual([
      'invalid_input',
      ['value'],
    ]);
    const getter = Object.defineProperty({ rule: 'R' }, 'message', {
      get: () => ({ zh: '', en: '' }),
      enumerable: true,
    });
    expect(refusal(() => reusableDecision({ result: 1, violations: [] }, [getter as never]))).toEqual([
      'invalid_input',
      ['trace'],
    ]);
    expect(refusal(() => reusableDecision({ result: new Uint8Array(2), violations: [] }, []))).toEqual([
      'invalid_input',
      ['value'],
    ]);
  });
});

describe('ModuleSpec.fastShared (issue 21)', () => {
  it('gives one frozen module decision per band and provenance, equal to the unshared one (seeded)', () => {
    const ctx = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    const bands = bandsOf();
    const shared = moduleOf(bands, true);
    const plain = moduleOf(bandsOf(), false);
    const a = shared.compile(policy);
    const b = plain.compile(policy);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 40 }), { minLength: 1, maxLength: 12 }), (scores) => {
        for (const score of scores) {
          const d = shared.evaluate({ score }, a, ctx);
          expect(json(d)).toEqual(json(plain.evaluate({ score }, b, ctx)));
          expect(Object.isFrozen(d)).toBe(true);
          expect(d.value).toBe(bandOf(bands, score).value);
          // The same band under the same policy and context: the same object.
          expect(shared.evaluate({ score }, a, ctx)).toBe(d);
        }
      }),
      { seed: 2141, numRuns: 80 },
    );
    // Unshared, each call builds its own.
    const u = plain.evaluate({ score: 1 }, b, ctx);
    expect(plain.evaluate({ score: 1 }, b, ctx)).not.toBe(u);
    expect(Object.isFrozen(u)).toBe(false);
  });

  it('makes a new one under another context or policy, with that provenance', () => {
    const bands = bandsOf();
    const m = moduleOf(bands, true);
    const compiled = m.compile(policy);
    const first = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    const second = makeContext({ now: '2025-06-03T09:07:00+08:00', zone: 'Asia/Urumqi' });
    const d1 = m.evaluate({ score: 15 }, compiled, first);
    const d2 = m.evaluate({ score: 15 }, compiled, second);
    expect(d2).not.toBe(d1);
    expect(d2.provenance.calendar.zone).toBe('Asia/Urumqi');
    expect(d1.provenance.calendar.zone).toBe('Asia/Shanghai');
    // Back to the first context: a module decision equal to the first (the provenance kept is the
    // last pair's), then shared again.
    const d3 = m.evaluate({ score: 15 }, compiled, first);
    expect(json(d3)).toEqual(json(d1));
    expect(m.evaluate({ score: 12 }, compiled, first)).toBe(d3);
    // Another version of the policy: its own provenance.
    const v2 = m.compile({ ...policy, version: '2' });
    const d4 = m.evaluate({ score: 15 }, v2, first);
    expect(d4.provenance.policy.version).toBe('2');
    expect(d4.value).toBe(d1.value);
  });

  it('takes the first call (the general path) and a refused input as before', () => {
    const m = moduleOf(bandsOf(), true);
    const ctx = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    // An input the fast path leaves: the general path parses it and `evaluate` gives a reusable decision.
    const general = m.evaluate(Object.assign(Object.create(null), { score: 25 }), policy, ctx);
    expect(Object.isFrozen(general)).toBe(true);
    expect(m.evaluate({ score: 29 }, policy, ctx)).toBe(general);
    expect(() => m.evaluate({ score: 'x' } as never, policy, ctx)).toThrow(ZhiduError);
  });

  it('builds each decision per call while a fast trace is provisional (its provenance then depends on the trace)', () => {
    const ctx = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    const m = moduleOf(bandsOf(true), true);
    const compiled = m.compile(policy);
    const high = m.evaluate({ score: 25 }, compiled, ctx);
    const low = m.evaluate({ score: 5 }, compiled, ctx);
    expect(high.provenance.calendar.provisional).toBe(true);
    expect(low.provenance.calendar.provisional).toBe(false);
    expect(m.evaluate({ score: 5 }, compiled, ctx)).not.toBe(low);
    expect(Object.isFrozen(low)).toBe(false);
    // After a plain one, the provisional band still gets the provisional provenance.
    const again = m.evaluate({ score: 25 }, compiled, ctx);
    expect(again.provenance.calendar.provisional).toBe(true);
    expect(again.provenance).toBe(high.provenance);
  });

  it('leaves a decision evaluate builds fresh as it is (a module whose general path is not reusable)', () => {
    const ctx = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    const bands = bandsOf();
    const m = defineModule({
      id: 'demo.bands',
      title: { zh: '分档', en: 'Bands' },
      params,
      input,
      fast: (raw) => ((raw as { score?: unknown }).score === 0 ? bands[0] : undefined),
      fastTraces: () => bands.map((b) => b.trace),
      fastShared: true,
      evaluate: (i) =>
        ({
          value: { result: { band: String(i.score) }, violations: [] },
          trace: bands[0]?.trace ?? [],
        }) as Decision<ModuleResult<Result>>,
    });
    const d = m.evaluate({ score: 7 }, policy, ctx);
    expect(Object.isFrozen(d)).toBe(false);
    expect(d.value.result.band).toBe('7');
    expect(m.evaluate({ score: 0 }, policy, ctx)).toBe(m.evaluate({ score: 0 }, policy, ctx));
  });

  it('gives a module that says fastShared but returns other decisions a new decision per call, not a TypeError', () => {
    const ctx = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    const frozen = Object.freeze({
      value: Object.freeze({ result: Object.freeze({ band: 'low' }), violations: Object.freeze([]) }),
      trace: Object.freeze([]),
    }) as unknown as Decision<ModuleResult<Result>>;
    const m = defineModule({
      id: 'demo.bands',
      title: { zh: '分档', en: 'Bands' },
      params,
      input,
      fast: () => frozen,
      fastTraces: () => [frozen.trace],
      fastShared: true,
      evaluate: () => frozen,
    });
    const a = m.evaluate({ score: 1 }, policy, ctx);
    const b = m.evaluate({ score: 1 }, policy, ctx);
    expect(b).not.toBe(a);
    expect(b.value).toBe(frozen.value);
    expect(json(b)).toEqual(json(a));
  });
});

describe('reusableDecision: hardening (issue 21)', () => {
  it('walks shared and cyclic parts once, and refuses without freezing anything', () => {
    const shared = { zh: '档', en: 'band' };
    const cyclic: Record<string, unknown> = { band: 'low' };
    cyclic.self = cyclic;
    const d = reusableDecision({ result: { a: shared, b: shared, c: cyclic }, violations: [] }, []);
    expect(Object.isFrozen(shared)).toBe(true);
    expect(Object.isFrozen(cyclic)).toBe(true);
    expect(d.value.result.c).toBe(cyclic);
    // A wide value that shares one object 2^40 ways by path is walked once per object.
    let node: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) node = { l: node, r: node };
    expect(Object.isFrozen(reusableDecision({ result: node, violations: [] }, []).value.result)).toBe(true);
    const loose = { inner: { n: 1 } };
    expect(() => reusableDecision({ result: { loose, when: new Date(0) }, violations: [] }, [])).toThrow(
      ZhiduError,
    );
    expect(Object.isFrozen(loose)).toBe(false);
    expect(Object.isFrozen(loose.inner)).toBe(false);
  });

  it('keeps value and trace read-only, and core’s own fields out of reach', () => {
    const d = reusableDecision({ result: { band: 'low' }, violations: [] }, []);
    expect(() => {
      (d as { value: unknown }).value = { result: 'forged', violations: [] };
    }).toThrow(TypeError);
    expect(d.value.result.band).toBe('low');
    expect(Object.getOwnPropertyNames(d)).toEqual(['value', 'trace']);
  });

  it('gives a reusable decision frozen after it was made a new module decision per call, not a TypeError', () => {
    const bands = bandsOf();
    const m = moduleOf(bands, true);
    const compiled = m.compile(policy);
    const ctx = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    const before = m.evaluate({ score: 1 }, compiled, ctx);
    for (const b of bands) Object.freeze(b);
    const other = makeContext({ now: '2025-06-03T09:07:00+08:00' });
    const a = m.evaluate({ score: 1 }, compiled, other);
    const b = m.evaluate({ score: 2 }, compiled, other);
    expect(b).not.toBe(a);
    expect(json(b)).toEqual(json(a));
    expect(a.value).toBe(before.value);
  });
});
