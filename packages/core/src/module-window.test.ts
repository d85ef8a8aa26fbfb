// A single policy is applied only inside its own window (effectiveFrom inclusive, effectiveTo
// exclusive), read as a history of that one version would read it: a `now` module at ctx.now, a
// `judgedAt` module at the input's own time, an `anchored` module at every event. A policy that
// starts in 2099 was applied to today's input by every module but the penalty ledger.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhiduError } from '../test/helpers.js';
import type { Decision } from './decision.js';
import { defineModule, type ModuleResult, makeContext, Trace, weekdayCalendar } from './index.js';

const Params = z.strictObject({ days: z.number().int().positive() });
const policy = (window: { effectiveFrom: string; effectiveTo?: string }) => ({
  id: 'office',
  version: '1',
  ...window,
  source: { title: '客户管理制度' },
  params: { days: 60 },
});
const decide = (result: unknown): Decision<ModuleResult<unknown>> =>
  new Trace().add('DEMO-1', undefined, '已判断', 'judged').decide({ result, violations: [] });

const now = defineModule({
  id: 'demo.window-now',
  title: { zh: '现在', en: 'Now' },
  params: Params,
  input: z.strictObject({ role: z.string() }),
  evaluate: (input, p) => decide({ role: input.role, days: p.params.days }),
  history: { kind: 'now', reason: { zh: '输入不含时间', en: 'the input carries no time' } },
});

let fastAnswers = 0;
const judged = defineModule({
  id: 'demo.window-judged',
  title: { zh: '按时间', en: 'At a time' },
  params: Params,
  input: z.strictObject({ at: z.string().optional(), date: z.string().optional() }),
  evaluate: (input, p) => decide({ at: input.at ?? null, days: p.params.days }),
  // Answers every input itself (the general path's parse and rule are skipped): the window is
  // still checked, on the raw input, and on the direct path a second call with the same policy
  // and context takes.
  fast: (raw, p) => {
    fastAnswers++;
    return decide({ at: (raw as { at?: string }).at ?? null, days: p.params.days });
  },
  history: {
    kind: 'judgedAt',
    at: (i) =>
      i.date !== undefined
        ? { date: i.date, path: ['date'] }
        : i.at === undefined
          ? undefined
          : { at: i.at, path: ['at'] },
  },
});

const anchored = defineModule({
  id: 'demo.window-anchored',
  title: { zh: '事件', en: 'Events' },
  params: Params,
  input: z.strictObject({ events: z.array(z.strictObject({ customer: z.string(), at: z.string() })) }),
  order: {
    path: ['events'],
    events: (i) => i.events,
    subject: (e) => (e as { customer: string }).customer,
    at: (e) => (e as { at: string }).at,
  },
  evaluate: (input) => decide({ events: input.events.length }),
  history: {
    kind: 'anchored',
    keep: (value, trace) => ({ value, trace: [...trace] }),
    merge: (parts) => parts[0] as ModuleResult<unknown>,
  },
});

const custom = defineModule({
  id: 'demo.window-custom',
  title: { zh: '自定', en: 'Custom' },
  params: Params,
  input: z.strictObject({ at: z.string() }),
  evaluate: (input) => decide({ at: input.at }),
  history: {
    kind: 'custom',
    evaluate: (input, view, ctx) => decide({ at: view.at(input.at, ['at']).version, ctx: ctx.now }),
  },
});

const ctx = makeContext({ now: '2025-06-02T09:00:00+08:00', calendar: weekdayCalendar() });
const from2025 = policy({ effectiveFrom: '2025-01-01' });
const in2099 = policy({ effectiveFrom: '2099-01-01' });
const ended = policy({ effectiveFrom: '2024-01-01', effectiveTo: '2025-01-01' });

describe('a single policy is applied only inside its window', () => {
  it('a `now` module: a policy that starts in 2099, or ended in 2024, is refused at ctx.now; one in force decides', () => {
    for (const p of [in2099, ended]) {
      const e = zhiduError(() => now.evaluate({ role: 'x' }, p, ctx));
      expect([e.code, e.path]).toEqual(['policy_not_in_force', ['ctx', 'now']]);
    }
    expect(zhiduError(() => now.evaluate({ role: 'x' }, in2099, ctx)).message).toBe(
      '制度 office@1 在 2025-06-02T01:00:00.000Z 不在有效期内（2098-12-31T16:00:00.000Z – …）；多个版本请用 PolicyHistory / policy office@1 is not in force at 2025-06-02T01:00:00.000Z (in force 2098-12-31T16:00:00.000Z – …); give a PolicyHistory for several versions (at ctx.now)',
    );
    expect(now.evaluate({ role: 'x' }, from2025, ctx).value.result).toEqual({ role: 'x', days: 60 });
  });

  it('effectiveFrom is inclusive and effectiveTo exclusive, to the millisecond', () => {
    const at = (t: string) => makeContext({ now: t, calendar: weekdayCalendar() });
    // 2025-01-01 in Asia/Shanghai begins at 2024-12-31T16:00Z.
    expect(now.evaluate({ role: 'x' }, from2025, at('2024-12-31T16:00:00.000Z')).value.result).toBeDefined();
    expect(zhiduError(() => now.evaluate({ role: 'x' }, from2025, at('2024-12-31T15:59:59.999Z'))).code).toBe(
      'policy_not_in_force',
    );
    expect(now.evaluate({ role: 'x' }, ended, at('2024-12-31T15:59:59.999Z')).value.result).toBeDefined();
    expect(zhiduError(() => now.evaluate({ role: 'x' }, ended, at('2024-12-31T16:00:00.000Z'))).code).toBe(
      'policy_not_in_force',
    );
  });

  it('a `judgedAt` module is judged at the input time, not ctx.now, on the fast and the direct path', () => {
    fastAnswers = 0;
    const compiled = judged.compile(from2025);
    // ctx.now is in force; the input's time is not.
    const e = zhiduError(() => judged.evaluate({ at: '2024-06-01T10:00:00+08:00' }, compiled, ctx));
    expect([e.code, e.path]).toEqual(['policy_not_in_force', ['input', 'at']]);
    expect(judged.evaluate({ at: '2025-03-01T10:00:00+08:00' }, compiled, ctx).value.result).toEqual({
      at: '2025-03-01T10:00:00+08:00',
      days: 60,
    });
    // The same compiled policy and context again: the direct path, still checked.
    const direct = zhiduError(() => judged.evaluate({ at: '2024-12-31T23:59:59+08:00' }, compiled, ctx));
    expect([direct.code, direct.path]).toEqual(['policy_not_in_force', ['input', 'at']]);
    expect(fastAnswers).toBe(3);
    // A local date is judged at the start of that day in the context's zone.
    expect(zhiduError(() => judged.evaluate({ date: '2024-12-31' }, compiled, ctx)).path).toEqual([
      'input',
      'date',
    ]);
    expect(judged.evaluate({ date: '2025-01-01' }, compiled, ctx).value.result).toEqual({
      at: null,
      days: 60,
    });
    // An input without a time is judged at ctx.now: in force in 2025, not in 2024.
    expect(judged.evaluate({}, compiled, ctx).value.result).toEqual({ at: null, days: 60 });
    const early = makeContext({ now: '2024-06-01T00:00:00+08:00', calendar: weekdayCalendar() });
    expect(zhiduError(() => judged.evaluate({}, compiled, early)).path).toEqual(['ctx', 'now']);
  });

  it('an `anchored` module: every event must fall in the window, refused at the first that does not', () => {
    const events = [
      { customer: 'a', at: '2025-02-01T10:00:00+08:00' },
      { customer: 'b', at: '2025-03-01T10:00:00+08:00' },
      { customer: 'a', at: '2025-01-15T10:00:00+08:00' },
    ];
    const e = zhiduError(() => anchored.evaluate({ events: events.slice(0, 2) }, ended, ctx));
    expect([e.code, e.path]).toEqual(['policy_not_in_force', ['input', 'events', 0, 'at']]);
    expect(anchored.evaluate({ events: events.slice(0, 2) }, from2025, ctx).value.result).toEqual({
      events: 2,
    });
    // Order is checked first (as under a history), then the window.
    expect(zhiduError(() => anchored.evaluate({ events }, from2025, ctx)).code).toBe('out_of_order');
    const late = [
      { customer: 'a', at: '2025-02-01T10:00:00+08:00' },
      { customer: 'b', at: '2099-01-01T00:00:00+08:00' },
    ];
    expect(zhiduError(() => anchored.evaluate({ events: late }, ended, ctx)).path).toEqual([
      'input',
      'events',
      0,
      'at',
    ]);
    const endedLate = policy({ effectiveFrom: '2025-01-01', effectiveTo: '2026-01-01' });
    expect(zhiduError(() => anchored.evaluate({ events: late }, endedLate, ctx)).path).toEqual([
      'input',
      'events',
      1,
      'at',
    ]);
    // No events: judged at ctx.now.
    expect(anchored.evaluate({ events: [] }, from2025, ctx).value.result).toEqual({ events: 0 });
    expect(zhiduError(() => anchored.evaluate({ events: [] }, in2099, ctx)).path).toEqual(['ctx', 'now']);
  });

  it('a `custom` module judges its parts itself: the module contract does not refuse for it', () => {
    expect(custom.evaluate({ at: '2024-01-01T00:00:00+08:00' }, in2099, ctx).value.result).toEqual({
      at: '2024-01-01T00:00:00+08:00',
    });
  });

  it('a `custom` module that names its events: a single policy must be in force at each, as for `anchored`', () => {
    const named = defineModule({
      id: 'demo.window-custom-events',
      title: { zh: '自定', en: 'Custom' },
      params: Params,
      input: z.strictObject({ triggers: z.array(z.strictObject({ at: z.string() })) }),
      evaluate: (input) => decide({ triggers: input.triggers.length }),
      history: {
        kind: 'custom',
        evaluate: (input) => decide({ triggers: input.triggers.length }),
        events: { path: ['triggers'], events: (i) => i.triggers, at: (t) => (t as { at: string }).at },
      },
    });
    const triggers = [{ at: '2025-02-01T10:00:00+08:00' }, { at: '2024-12-31T10:00:00+08:00' }];
    const e = zhiduError(() => named.evaluate({ triggers }, from2025, ctx));
    expect([e.code, e.path]).toEqual(['policy_not_in_force', ['input', 'triggers', 1, 'at']]);
    expect(named.evaluate({ triggers: triggers.slice(0, 1) }, from2025, ctx).value.result).toEqual({
      triggers: 1,
    });
    expect(zhiduError(() => named.evaluate({ triggers: [] }, in2099, ctx)).path).toEqual(['ctx', 'now']);
  });
});
