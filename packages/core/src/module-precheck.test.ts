import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhiduError } from '../test/helpers.js';
import { Trace } from './decision.js';
import { ZhiduError } from './errors.js';
import { defineModule } from './module.js';
import { PolicyHistory } from './policy.js';

const Params = z.strictObject({ known: z.array(z.string()) });
const Entry = z.strictObject({ kind: z.string(), at: z.string().datetime({ offset: true }) });
const calls: unknown[] = [];
const log = defineModule({
  id: 'demo.log',
  title: { zh: '日志', en: 'Log' },
  params: Params,
  input: z.strictObject({ log: z.array(Entry) }),
  precheck: (input, policy) => {
    calls.push(input);
    const entries = (input as { log?: unknown } | null)?.log;
    if (!Array.isArray(entries)) return;
    const i = entries.findIndex(
      (e) => typeof e?.kind === 'string' && !policy.params.known.includes(e.kind as string),
    );
    if (i >= 0) throw new ZhiduError('unknown_reference', ['input', 'log', i, 'kind'], `unknown kind ${i}`);
  },
  evaluate: (input, policy) =>
    new Trace()
      .add('DEMO-1', undefined, '已检查', 'checked')
      .decide({ result: { n: input.log.length, kinds: policy.params.known.length }, violations: [] }),
});
const policy = {
  id: 'demo',
  version: '1',
  effectiveFrom: '2025-01-01',
  source: { title: '日志制度' },
  params: { known: ['view'] },
};
const ctx = { now: '2025-06-01T09:00:00+08:00' };
const at = '2025-05-01T09:00:00+08:00';

describe('a module precheck refuses a raw input before it is parsed', () => {
  it('10^5 entries, the first naming an unknown kind and every one with a bad time: the precheck answers', () => {
    const e = zhiduError(() =>
      log.evaluate({ log: new Array(100_000).fill({ kind: 'copy', at: 'yesterday' }) }, policy, ctx),
    );
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['input', 'log', 0, 'kind']);
  });

  it('a precheck with nothing to say leaves the input to the parse and the rule', () => {
    expect(
      zhiduError(() => log.evaluate({ log: [{ kind: 'view', at: 'yesterday' }] }, policy, ctx)).path,
    ).toEqual(['input', 'log', 0, 'at']);
    expect(log.evaluate({ log: [{ kind: 'view', at }] }, policy, ctx).value.result).toEqual({
      n: 1,
      kinds: 1,
    });
  });

  it('runs after the policy is validated (a bad policy is named first) and not under a policy history', () => {
    calls.length = 0;
    const bad = zhiduError(() =>
      log.evaluate({ log: [{ kind: 'copy', at }] }, { ...policy, params: { known: 'view' } }, ctx),
    );
    expect(bad.path[0]).toBe('policy');
    expect(calls).toHaveLength(0);
    const history = new PolicyHistory(Params, [policy]);
    expect(log.evaluate({ log: [{ kind: 'view', at }] }, history, ctx).value.result.n).toBe(1);
    expect(calls).toHaveLength(0);
  });
});
