// The per-call work `evaluate` no longer repeats (issue 21): a plain context object passed again is
// validated once, the provenance is built once per (compiled policy, context) and shared frozen.
// Each cache must see every change that would change the decision.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModule, makeContext, Trace, ZhiduError } from './index.js';

const clock = defineModule({
  id: 'demo.hot-path',
  title: { zh: '演示', en: 'Demo' },
  params: z.strictObject({ n: z.number() }),
  input: z.strictObject({ provisional: z.boolean() }),
  evaluate: (input, policy, ctx) => {
    const trace = new Trace().add('DEMO-1', 'demo §1', '读取时钟', 'read the clock');
    if (input.provisional) trace.add('zhidu.calendar.provisional', undefined, '暂定', 'provisional');
    return trace.decide({
      result: { now: ctx.now, zone: ctx.zone, n: policy.params.n, draw: ctx.rng?.next() ?? null },
      violations: [],
    });
  },
});
const policy = {
  id: 'demo',
  version: '1',
  effectiveFrom: '2024-01-01',
  source: { title: '演示' },
  params: { n: 3 },
};

describe('evaluate hot path (issue 21)', () => {
  it('reuses a plain context object but sees a changed now, zone or calendar', () => {
    const ctx: { now: string; zone?: string } = { now: '2025-03-03T09:00:00+08:00' };
    const a = clock.evaluate({ provisional: false }, policy, ctx);
    expect(a.value.result).toMatchObject({ now: '2025-03-03T01:00:00.000Z', zone: 'Asia/Shanghai' });
    expect(clock.evaluate({ provisional: false }, policy, ctx)).toEqual(a);
    ctx.now = '2026-01-05T09:00:00+08:00';
    const b = clock.evaluate({ provisional: false }, policy, ctx);
    expect(b.value.result.now).toBe('2026-01-05T01:00:00.000Z');
    ctx.zone = 'UTC';
    const c = clock.evaluate({ provisional: false }, policy, ctx);
    expect(c.value.result.zone).toBe('UTC');
    expect(c.provenance.calendar.zone).toBe('UTC');
    ctx.now = 'not a time';
    expect(() => clock.evaluate({ provisional: false }, policy, ctx)).toThrow(ZhiduError);
  });

  it('builds a context with a seed on every call, so each call draws the same first number', () => {
    const ctx = { now: '2025-03-03T09:00:00+08:00', seed: 7 };
    const first = clock.evaluate({ provisional: false }, policy, ctx).value.result.draw;
    const again = clock.evaluate({ provisional: false }, policy, ctx).value.result.draw;
    expect(typeof first).toBe('number');
    expect(again).toBe(first);
  });

  it('shares one frozen provenance per (policy, context), and the provisional one apart', () => {
    const ctx = makeContext({ now: '2025-03-03T09:00:00+08:00' });
    const compiled = clock.compile(policy);
    const plain1 = clock.evaluate({ provisional: false }, compiled, ctx);
    const prov = clock.evaluate({ provisional: true }, compiled, ctx);
    const plain2 = clock.evaluate({ provisional: false }, compiled, ctx);
    expect(plain1.provenance.calendar.provisional).toBe(false);
    expect(prov.provenance.calendar.provisional).toBe(true);
    expect(plain2.provenance).toBe(plain1.provenance);
    expect(prov.provenance).not.toBe(plain1.provenance);
    expect(Object.isFrozen(plain1.provenance.calendar)).toBe(true);
    expect(plain1.provenance).toEqual({
      module: 'demo.hot-path',
      policy: { id: 'demo', version: '1', hash: compiled.hash },
      calendar: { zone: 'Asia/Shanghai', basis: expect.any(Array), provisional: false },
      library: { name: '@zhidu/core', version: expect.any(String) },
    });
    // Another policy, or another context, gets its own.
    const other = clock.evaluate({ provisional: false }, { ...policy, version: '2' }, ctx);
    expect(other.provenance.policy.version).toBe('2');
    expect(clock.evaluate({ provisional: false }, compiled, ctx).provenance).toEqual(plain1.provenance);
    const later = clock.evaluate(
      { provisional: false },
      compiled,
      makeContext({ now: '2026-03-03T09:00:00+08:00', zone: 'UTC' }),
    );
    expect(later.provenance.calendar.zone).toBe('UTC');
    // The decision's own parts stay its own.
    expect(plain2.trace).not.toBe(plain1.trace);
    expect(plain2.value).not.toBe(plain1.value);
  });

  it('still refuses a bad context, policy and input on the fast path', () => {
    const ctx = makeContext({ now: '2025-03-03T09:00:00+08:00' });
    expect(() => clock.evaluate({ provisional: 'yes' } as never, policy, ctx)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['input', 'provisional'] }),
    );
    expect(() => clock.evaluate({ provisional: false }, { ...policy, params: { n: '3' } }, ctx)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => clock.evaluate({ provisional: false }, policy, null as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['ctx'] }),
    );
    expect(() => clock.evaluate({ provisional: false }, undefined, ctx)).toThrow(ZhiduError);
  });
});
