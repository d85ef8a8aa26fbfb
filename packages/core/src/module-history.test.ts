import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhiduError } from '../test/helpers.js';
import {
  defineModule,
  type ModuleResult,
  PolicyHistory,
  policyVersionEntry,
  Trace,
  weekdayCalendar,
} from './index.js';

// A claim lasts `days` from its registration; a 60 → 90 day change on 2025-03-01.
const Params = z.strictObject({ days: z.number().int().positive() });
const Event = z.strictObject({ customer: z.string().min(1), at: z.string() });
const Input = z.strictObject({ events: z.array(Event) });
type Claim = { customer: string; registeredAt: string; days: number };

const claims = defineModule({
  id: 'demo.claims',
  title: { zh: '客户保护', en: 'Claims' },
  params: Params,
  input: Input,
  order: {
    path: ['events'],
    events: (i) => i.events,
    subject: (e) => (e as { customer: string }).customer,
    at: (e) => (e as { at: string }).at,
  },
  evaluate: (input, policy) => {
    const t = new Trace();
    const seen = new Map<string, Claim>();
    for (const e of input.events) {
      if (seen.has(e.customer)) continue;
      seen.set(e.customer, { customer: e.customer, registeredAt: e.at, days: policy.params.days });
      t.add('DEMO-1', undefined, `保护${policy.params.days}天`, `protected ${policy.params.days} days`, {
        customer: e.customer,
      });
    }
    return t.decide({ result: [...seen.values()], violations: [] } as ModuleResult<Claim[]>);
  },
  history: {
    kind: 'anchored',
    keep: (value, trace, inWindow) => {
      const mine = value.result.filter((c) => inWindow(c.registeredAt));
      const ids = new Set(mine.map((c) => c.customer));
      return {
        value: { result: mine, violations: value.violations.filter((v) => inWindow(v.occurredAt)) },
        trace: trace.filter((t) => ids.has(String(t.data?.customer))),
      };
    },
    merge: (parts) => ({
      result: parts.flatMap((p) => p.result),
      violations: parts.flatMap((p) => p.violations),
    }),
  },
});

const judged = defineModule({
  id: 'demo.shipment',
  title: { zh: '发货', en: 'Shipment' },
  params: Params,
  input: z.strictObject({ shipment: z.strictObject({ at: z.string().optional() }) }),
  history: {
    kind: 'judgedAt',
    at: (i) => (i.shipment.at === undefined ? undefined : { at: i.shipment.at, path: ['shipment', 'at'] }),
  },
  evaluate: (_input, policy) =>
    new Trace()
      .add('DEMO-2', undefined, '天数', 'days')
      .decide({ result: policy.params.days, violations: [] }),
});

const timeless = defineModule({
  id: 'demo.role',
  title: { zh: '角色', en: 'Role' },
  params: Params,
  input: z.strictObject({ role: z.string() }),
  history: { kind: 'now', reason: { zh: '角色不含时间', en: 'a role carries no time' } },
  evaluate: (_input, policy) => new Trace().decide({ result: policy.params.days, violations: [] }),
});

const version = (v: string, from: string, days: number, to?: string) => ({
  id: 'office',
  version: v,
  effectiveFrom: from,
  ...(to === undefined ? {} : { effectiveTo: to }),
  source: { title: '客户管理制度' },
  params: { days },
});
const history = new PolicyHistory(Params, [
  version('60d', '2025-01-01', 60),
  version('90d', '2025-03-01', 90),
]);
const ctx = { now: '2025-06-01T00:00:00+08:00', calendar: weekdayCalendar() };

describe('policy history: anchored event streams', () => {
  it('keeps 60 days for a customer registered before the change and gives 90 to one registered after', () => {
    const d = claims.evaluate(
      {
        events: [
          { customer: 'c1', at: '2025-02-10T10:00:00+08:00' },
          { customer: 'c2', at: '2025-03-05T10:00:00+08:00' },
          { customer: 'c1', at: '2025-03-20T10:00:00+08:00' },
        ],
      },
      history,
      ctx,
    );
    expect(d.value.result).toEqual([
      { customer: 'c1', registeredAt: '2025-02-10T10:00:00+08:00', days: 60 },
      { customer: 'c2', registeredAt: '2025-03-05T10:00:00+08:00', days: 90 },
    ]);
    const versions = d.trace.filter((t) => t.rule === 'zhidu.policy.version').map((t) => t.data);
    expect(versions).toEqual([
      { id: 'office', version: '60d', from: '2024-12-31T16:00:00.000Z', to: '2025-02-28T16:00:00.000Z' },
      { id: 'office', version: '90d', from: '2025-02-28T16:00:00.000Z', to: null },
    ]);
    // each part's trace follows the version that judged it
    expect(d.trace.map((t) => [t.rule, t.data?.customer ?? t.data?.version])).toEqual([
      ['zhidu.policy.version', '60d'],
      ['DEMO-1', 'c1'],
      ['zhidu.policy.version', '90d'],
      ['DEMO-1', 'c2'],
    ]);
    expect(d.provenance.versions?.map((v) => v.version)).toEqual(['60d', '90d']);
    expect(d.provenance.policy.version).toBe('90d');
    expect(d.provenance.versions?.every((v) => v.hash.startsWith('sha256:'))).toBe(true);
  });

  it('uses one version, named once, when every event falls in its window', () => {
    const d = claims.evaluate(
      { events: [{ customer: 'c1', at: '2025-01-05T10:00:00+08:00' }] },
      history,
      ctx,
    );
    expect(d.value.result[0]?.days).toBe(60);
    expect(d.trace[0]?.data).toMatchObject({ version: '60d' });
    expect(d.provenance.versions).toEqual([
      { id: 'office', version: '60d', hash: claims.compile(history.versions[0]).hash },
    ]);
  });

  it('refuses an event no version is in force at with policy_not_in_force at the event path', () => {
    const e = zhiduError(() =>
      claims.evaluate(
        {
          events: [
            { customer: 'c1', at: '2025-01-05T10:00:00+08:00' },
            { customer: 'c2', at: '2024-12-30T10:00:00+08:00' },
          ],
        },
        history,
        ctx,
      ),
    );
    expect(e.code).toBe('policy_not_in_force');
    expect(e.path).toEqual(['input', 'events', 1, 'at']);
    expect(e.message).toContain('office');
  });

  it('refuses an event in a gap between two versions (effectiveTo before the next version)', () => {
    const gappy = new PolicyHistory(Params, [
      version('1', '2025-01-01', 60, '2025-02-01'),
      version('2', '2025-03-01', 90),
    ]);
    const e = zhiduError(() =>
      claims.evaluate({ events: [{ customer: 'c1', at: '2025-02-10T10:00:00+08:00' }] }, gappy, ctx),
    );
    expect([e.code, e.path]).toEqual(['policy_not_in_force', ['input', 'events', 0, 'at']]);
  });

  it('judges no events at ctx.now and says so', () => {
    const d = claims.evaluate({ events: [] }, history, ctx);
    expect(d.value.result).toEqual([]);
    expect(d.trace[0]?.data).toMatchObject({ version: '90d' });
    expect(d.trace[0]?.message.en).toContain('there are no events');
  });

  it('policy history property: each claim gets the days of the version in force at its registration', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 1, maxLength: 8 }), (offsets) => {
        const events = offsets.map((o, i) => ({
          customer: `c${i}`,
          at: new Date(Date.parse('2025-01-01T00:00:00+08:00') + o * 86_400_000).toISOString(),
        }));
        const d = claims.evaluate({ events }, history, ctx);
        const days = new Map(d.value.result.map((c) => [c.customer, c.days]));
        return events.every((e) => days.get(e.customer) === (e.at < '2025-02-28T16:00:00.000Z' ? 60 : 90));
      }),
      { seed: 10, numRuns: 60 },
    );
  });
});

describe('policy history: single decisions', () => {
  it('judges an input under the version in force at its own time, not at ctx.now', () => {
    const before = judged.evaluate({ shipment: { at: '2025-02-20T10:00:00+08:00' } }, history, ctx);
    expect(before.value.result).toBe(60);
    expect(before.trace[0]?.rule).toBe('zhidu.policy.version');
    expect(before.trace[0]?.data).toMatchObject({ version: '60d' });
    expect(before.trace[0]?.message.en).toContain('input.shipment.at');
    expect(before.provenance.policy.version).toBe('60d');
    const after = judged.evaluate({ shipment: { at: '2025-03-01T00:00:00+08:00' } }, history, ctx);
    expect(after.value.result).toBe(90);
  });

  it('refuses a time no version is in force at with policy_not_in_force at the input path', () => {
    const e = zhiduError(() =>
      judged.evaluate({ shipment: { at: '2024-06-01T00:00:00+08:00' } }, history, ctx),
    );
    expect([e.code, e.path]).toEqual(['policy_not_in_force', ['input', 'shipment', 'at']]);
  });

  it('falls back to ctx.now for an input that carries no time, saying so in the trace', () => {
    const d = judged.evaluate({ shipment: {} }, history, { ...ctx, now: '2025-02-01T00:00:00+08:00' });
    expect(d.value.result).toBe(60);
    expect(d.trace[0]?.message.en).toContain('the input carries no time');
  });

  it('judges a timeless input at ctx.now with the module reason, refusing a now outside every version', () => {
    expect(timeless.evaluate({ role: 'x' }, history, ctx).value.result).toBe(90);
    expect(timeless.evaluate({ role: 'x' }, history, ctx).trace[0]?.message.zh).toContain('角色不含时间');
    const e = zhiduError(() =>
      timeless.evaluate({ role: 'x' }, history, { ...ctx, now: '2024-01-01T00:00:00+08:00' }),
    );
    expect([e.code, e.path]).toEqual(['policy_not_in_force', ['ctx', 'now']]);
  });

  it('declares how each module reads a history', () => {
    expect([claims.historyReading, judged.historyReading, timeless.historyReading]).toEqual([
      'anchored',
      'judgedAt',
      'now',
    ]);
  });
});

describe('policy history: custom readings and helpers', () => {
  const perEvent = defineModule({
    id: 'demo.per-event',
    title: { zh: '逐事件', en: 'Per event' },
    params: Params,
    input: Input,
    history: {
      kind: 'custom',
      evaluate: (input, h) => {
        const t = new Trace();
        const days = input.events.map((e, i) => {
          const v = h.at(e.at, ['input', 'events', i, 'at']);
          t.add(policyVersionEntry(v, h.endOf(v)).rule, undefined, '版本', 'version');
          return h.compiled(v).params.days;
        });
        return t.decide({ result: days, violations: [] });
      },
    },
    evaluate: (input, policy) =>
      new Trace().decide({ result: input.events.map(() => policy.params.days), violations: [] }),
  });

  it('lets a module judge each event itself and lists every version it used in the provenance', () => {
    const d = perEvent.evaluate(
      {
        events: [
          { customer: 'a', at: '2025-03-02T00:00:00+08:00' },
          { customer: 'b', at: '2025-01-02T00:00:00+08:00' },
        ],
      },
      history,
      ctx,
    );
    expect(d.value.result).toEqual([90, 60]);
    expect(d.provenance.versions?.map((v) => v.version)).toEqual(['60d', '90d']);
    expect(d.provenance.policy.version).toBe('90d');
    const e = zhiduError(() =>
      perEvent.evaluate({ events: [{ customer: 'a', at: '2020-01-01T00:00:00Z' }] }, history, ctx),
    );
    expect([e.code, e.path]).toEqual(['policy_not_in_force', ['input', 'events', 0, 'at']]);
  });

  it('names the version window in the policy version entry and ends a version at the next one', () => {
    const [v1, v2] = history.versions;
    if (!v1 || !v2) throw new Error('two versions');
    expect(history.endOf(v1)).toBe(v2.effectiveFrom);
    expect(history.endOf(v2)).toBeUndefined();
    const entry = policyVersionEntry(v1, history.endOf(v1), { zh: '客户c1', en: 'Customer c1' });
    expect(entry.data).toEqual({
      id: 'office',
      version: '60d',
      from: v1.effectiveFrom,
      to: v2.effectiveFrom,
    });
    expect(entry.message.en).toBe(
      `Customer c1 judged under office@60d (in force ${v1.effectiveFrom} – ${v2.effectiveFrom})`,
    );
  });
});
