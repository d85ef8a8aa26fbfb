import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import { makeContext } from './context.js';
import { decision, Trace, TraceEntrySchema } from './decision.js';
import { isZhiduError, ZhiduError } from './errors.js';
import { checkCustomRules, RulePipeline, type RuleStep } from './pipeline.js';

describe('Trace and Decision', () => {
  it('collects entries with rule id, clause, zh + en message and data', () => {
    const trace = new Trace();
    trace
      .add('S000-COMPLAINT-17', '000 L621', '投诉须在7日内结案', 'Complaints close within 7 days', {
        dueAt: '2024-03-08',
      })
      .add('custom.note', undefined, '备注', 'note');
    const d = trace.decide({ breached: false });
    expect(d.value).toEqual({ breached: false });
    expect(d.trace).toEqual([
      {
        rule: 'S000-COMPLAINT-17',
        clause: '000 L621',
        message: { zh: '投诉须在7日内结案', en: 'Complaints close within 7 days' },
        data: { dueAt: '2024-03-08' },
      },
      { rule: 'custom.note', message: { zh: '备注', en: 'note' } },
    ]);
    for (const entry of d.trace) expect(TraceEntrySchema.parse(entry)).toEqual(entry);
  });

  it('copies entries so a decision does not change when the trace grows', () => {
    const trace = new Trace().add('R1', undefined, '通过', 'passed');
    const first = trace.decide(true);
    trace.add('R2', undefined, '再次', 'again');
    expect(first.trace).toHaveLength(1);
    expect(trace.append(first.trace).entries.map((e) => e.rule)).toEqual(['R1', 'R2', 'R1']);
    const list = [{ rule: 'R', message: { zh: '', en: '' } }];
    const d = decision(42, list);
    list.push({ rule: 'S', message: { zh: '', en: '' } });
    expect(d).toEqual({ value: 42, trace: [{ rule: 'R', message: { zh: '', en: '' } }] });
    expect(decision('x').trace).toEqual([]);
  });

  it('refuses a trace entry without a rule id', () => {
    expect(TraceEntrySchema.safeParse({ rule: '', message: { zh: 'a', en: 'b' } }).success).toBe(false);
  });
});

interface Claim {
  owner?: string;
  steps: string[];
}

const firstVisit: RuleStep<Claim> = {
  id: 'S001-ATTR-11',
  clause: '001 L154',
  run: (s, ctx) => {
    ctx.note(
      '首访原则：接待的销售员为归属人',
      'First-visit principle: the receiving salesperson owns the customer',
      {
        owner: 'A',
      },
    );
    return { owner: 'A', steps: [...s.steps, 'S001-ATTR-11'] };
  },
};
const fileValidity: RuleStep<Claim> = {
  id: 'S001-ATTR-12',
  clause: '001 L168',
  run: (s, ctx) => {
    ctx.note('档案两个月内有效', 'The file is valid for 2 months');
    return { ...s, steps: [...s.steps, 'S001-ATTR-12'] };
  },
};
const vip: RuleStep<Claim> = {
  id: 'acme.vipOverride',
  clause: 'ACME 2025 §4',
  run: (s, ctx) => {
    ctx.note('VIP客户归店长', 'VIP customers belong to the store manager', { now: ctx.eval.now });
    return { owner: 'manager', steps: [...s.steps, 'acme.vipOverride'] };
  },
};

describe('RulePipeline: the extension point', () => {
  const ctx = makeContext({ now: '2025-02-05T09:00:00+08:00' });
  const builtIn = new RulePipeline<Claim>([firstVisit, fileValidity]);

  it('runs built-in rules in order and collects their trace entries under their ids', () => {
    const d = builtIn.run({ steps: [] }, ctx);
    expect(d.value).toEqual({ owner: 'A', steps: ['S001-ATTR-11', 'S001-ATTR-12'] });
    expect(d.trace.map((t) => [t.rule, t.clause])).toEqual([
      ['S001-ATTR-11', '001 L154'],
      ['S001-ATTR-12', '001 L168'],
    ]);
    expect(d.trace[0]?.data).toEqual({ owner: 'A' });
  });

  it('inserts a custom rule after a built-in id; its trace entry appears like a built-in one', () => {
    const p = builtIn.insertAfter('S001-ATTR-11', vip);
    expect(p.ids).toEqual(['S001-ATTR-11', 'acme.vipOverride', 'S001-ATTR-12']);
    const d = p.run({ steps: [] }, ctx);
    expect(d.value.owner).toBe('manager');
    expect(d.trace[1]).toEqual({
      rule: 'acme.vipOverride',
      clause: 'ACME 2025 §4',
      message: { zh: 'VIP客户归店长', en: 'VIP customers belong to the store manager' },
      data: { now: '2025-02-05T01:00:00.000Z' },
    });
    expect(builtIn.ids).toEqual(['S001-ATTR-11', 'S001-ATTR-12']); // the original is unchanged
  });

  it('inserts before, replaces and removes a built-in id', () => {
    expect(builtIn.insertBefore('S001-ATTR-11', vip).ids).toEqual([
      'acme.vipOverride',
      'S001-ATTR-11',
      'S001-ATTR-12',
    ]);
    const replaced = builtIn.replace('S001-ATTR-11', vip);
    expect(replaced.ids).toEqual(['acme.vipOverride', 'S001-ATTR-12']);
    expect(replaced.run({ steps: [] }, ctx).trace.map((t) => t.rule)).toEqual([
      'acme.vipOverride',
      'S001-ATTR-12',
    ]);
    expect(builtIn.remove('S001-ATTR-12').ids).toEqual(['S001-ATTR-11']);
  });

  it('applies a list of customisations in order', () => {
    const p = builtIn.withCustomRules([
      { after: 'S001-ATTR-12', step: vip },
      { before: 'S001-ATTR-12', step: { id: 'acme.audit', run: (s) => s } },
      { replace: 'S001-ATTR-11', step: { ...firstVisit, id: 'acme.firstVisit' } },
    ]);
    expect(p.ids).toEqual(['acme.firstVisit', 'acme.audit', 'S001-ATTR-12', 'acme.vipOverride']);
  });

  it('refuses an unknown rule id with unknown_reference, and a duplicate id with duplicate', () => {
    const e = zhiduError(() => builtIn.insertAfter('S001-ATTR-99', vip));
    expect(e.code).toBe('unknown_reference');
    expect(e.message).toContain('S001-ATTR-11');
    expect(zhiduError(() => builtIn.replace('nope', vip)).code).toBe('unknown_reference');
    expect(zhiduError(() => builtIn.withCustomRules([{ before: 'nope', step: vip }])).code).toBe(
      'unknown_reference',
    );
    const dup = zhiduError(() => builtIn.insertAfter('S001-ATTR-11', firstVisit));
    expect(dup.code).toBe('duplicate');
    expect(zhiduError(() => new RulePipeline([firstVisit, firstVisit])).path).toEqual(['steps', 1, 'id']);
  });

  it('hands each step the evaluation context (calendar, zone, seeded rng)', () => {
    const draw: RuleStep<Claim> = {
      id: 'S001-ATTR-28',
      run: (s, c) => {
        const owner = c.eval.rng?.pick(['B', 'C', 'D']) ?? 'none';
        c.note('抽签重新分配', 'Reassigned by draw', { owner, zone: c.eval.zone });
        return { ...s, owner };
      },
    };
    const p = new RulePipeline([draw]);
    const a = p.run({ steps: [] }, makeContext({ now: 0, seed: 'june' }));
    const b = p.run({ steps: [] }, makeContext({ now: 0, seed: 'june' }));
    expect(a).toEqual(b);
    expect(a.trace[0]?.data?.zone).toBe('Asia/Shanghai');
    expect(p.run({ steps: [] }, makeContext({ now: 0 })).value.owner).toBe('none');
  });
});

describe('custom steps are held to the contract', () => {
  type St = { n: number };
  const builtin: RuleStep<St> = { id: 'CAT-1', run: (s) => ({ n: s.n + 1 }) };
  const ctx = makeContext({ now: 0 });
  const positive = (s: St) => {
    if (!(s.n > 0)) throw new Error('n must be positive');
  };

  it('knows which steps a company added, through insert, replace and remove', () => {
    const p = new RulePipeline([builtin]).insertAfter('CAT-1', { id: 'acme.a', run: (s) => s });
    expect([...p.customIds]).toEqual(['acme.a']);
    expect([...p.remove('acme.a').customIds]).toEqual([]);
    expect([...p.replace('CAT-1', { id: 'acme.b', run: (s) => s }).customIds]).toEqual(['acme.a', 'acme.b']);
  });

  it('re-validates the state after a custom step and names the step in the error path', () => {
    const p = new RulePipeline([builtin]).insertAfter('CAT-1', {
      id: 'acme.negate',
      run: (s) => ({ n: -s.n }),
    });
    const e = zhiduError(() =>
      p.run({ n: 1 }, ctx, (s) => {
        if (s.n <= 0) throw new ZhiduError('invalid_state', ['n'], 'n must be positive');
      }),
    );
    expect(e.code).toBe('invalid_state');
    expect(e.path).toEqual(['customRules', 'acme.negate', 'n']);
    // A plain Error from the check or the step becomes a ZhiduError naming the custom rule.
    const e2 = zhiduError(() => p.run({ n: 1 }, ctx, positive));
    expect(e2.path).toEqual(['customRules', 'acme.negate']);
    expect(e2.message).toContain('n must be positive');
    // Built-in steps are not re-checked (their state is the library's own).
    expect(new RulePipeline([builtin]).run({ n: -5 }, ctx, positive).value.n).toBe(-4);
  });
});

describe('checkCustomRules refuses what is not a pipeline (fuzz found a TypeError)', () => {
  it('a pipeline that is not a RulePipeline is invalid_input at pipeline', () => {
    try {
      checkCustomRules([], {} as never, ['customRules']);
      expect.unreachable();
    } catch (e) {
      expect(isZhiduError(e) && [e.code, e.path]).toEqual(['invalid_input', ['pipeline']]);
    }
  });
});
