import { chinaCalendar } from '@zhidu/calendar-cn';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { MAX_CONDITIONS } from './conditions.js';
import { slaClassification, slaRates, slaTimers } from './modules.js';
import { defineSlaPolicy } from './policy.js';
import { MAX_TIMER_LADDER } from './timer/definition.js';

const ctx = { now: '2024-06-01T10:00:00+08:00', calendar: chinaCalendar() };
const BIG = 100_000;

// pnpm fuzz (seed 12) found these lists taking over a second each: 10^5 copies were parsed and the
// whole policy hashed before the evaluation started. Each is now bounded and refused before its
// entries are parsed (docs/limits.md).
describe('nested policy lists are bounded: escalation ladders, warnings, workflow transitions', () => {
  it('a timer with 10^5 escalation steps: invalid_input at policy.params.timers[0].escalations naming the limit', () => {
    const base = slaTimers.preset('sales-office-001');
    const timer = base.params.timers[0];
    expect(timer?.escalations.length).toBe(1);
    const timers = [{ ...timer, escalations: new Array(BIG).fill(timer?.escalations[0]) }];
    const e = refusal(() =>
      slaTimers.evaluate({ events: [] }, { ...base, params: { ...base.params, timers } }, ctx),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'timers', 0, 'escalations']);
    expect(e.message).toContain(`最多 ${MAX_TIMER_LADDER} 级升级`);
    expect(e.message).toContain(`at most ${MAX_TIMER_LADDER} escalation steps in a timer`);
  });

  it('a ladder of exactly MAX_TIMER_LADDER escalation steps is still a policy; one more is refused', () => {
    const base = slaTimers.preset('sales-office-001');
    const timer = base.params.timers[0];
    const at = (n: number) => ({
      ...base,
      params: {
        ...base.params,
        timers: [{ ...timer, escalations: new Array(n).fill(timer?.escalations[0]) }],
      },
    });
    expect(defineSlaPolicy(at(MAX_TIMER_LADDER)).params.timers[0]?.escalations).toHaveLength(
      MAX_TIMER_LADDER,
    );
    expect(refusal(() => defineSlaPolicy(at(MAX_TIMER_LADDER + 1))).path).toEqual([
      'policy',
      'params',
      'timers',
      0,
      'escalations',
    ]);
  });

  it('a timer with 10^5 warnings: invalid_input at its warnings naming the limit', () => {
    const base = slaTimers.preset('construction-000');
    const timers = [{ ...base.params.timers[0], warnings: new Array(BIG).fill({ before: { minutes: 5 } }) }];
    const e = refusal(() => defineSlaPolicy({ ...base, params: { ...base.params, timers } }));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'timers', 0, 'warnings']);
    expect(e.message).toContain(`at most ${MAX_TIMER_LADDER} warnings in a timer`);
  });

  it('a recurring duty with 10^5 escalation steps: invalid_input at policy.params.recurring[0].escalations', () => {
    const base = slaTimers.preset('construction-000');
    const first = base.params.recurring[0];
    expect(first).toBeDefined();
    const recurring = [{ ...first, escalations: new Array(BIG).fill({ junk: true }) }];
    const e = refusal(() => defineSlaPolicy({ ...base, params: { ...base.params, recurring } }));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'recurring', 0, 'escalations']);
    expect(e.message).toContain('escalation steps');
  });

  it('sla.classification with 10^5 transitions in a workflow: invalid_input at policy.params.workflows[0].transitions', () => {
    const base = slaClassification.preset('service-supervision-001');
    const wf = base.params.workflows[0];
    expect(wf?.transitions.length).toBeGreaterThan(0);
    const workflows = [{ ...wf, transitions: new Array(BIG).fill(wf?.transitions[0]) }];
    const e = refusal(() =>
      slaClassification.evaluate({ facts: {} }, { ...base, params: { ...base.params, workflows } }, ctx),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'workflows', 0, 'transitions']);
    expect(e.message).toContain('at most 1,000 transitions in a workflow');
  });

  it('a flag rule with 10^5 conditions (sla.rates): invalid_input at policy.params.flagRules[i].when naming the limit', () => {
    const base = slaRates.preset('conference-marketing-001');
    const i = base.params.flagRules.findIndex((r) => r.when.length > 0);
    expect(i).toBeGreaterThanOrEqual(0);
    const flagRules = base.params.flagRules.map((r, j) =>
      j === i ? { ...r, when: new Array(BIG).fill(r.when[0]) } : r,
    );
    const e = refusal(() =>
      slaRates.evaluate({ events: [] }, { ...base, params: { ...base.params, flagRules } }, ctx),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'flagRules', i, 'when']);
    expect(e.message).toContain(`at most ${MAX_CONDITIONS} conditions in a list`);
  });

  it("a timer's appliesWhen with 10^5 conditions is refused at it; MAX_CONDITIONS of them still parse", () => {
    const base = slaTimers.preset('construction-000');
    const cond = { attribute: 'grade', equals: 'A' };
    const at = (n: number) => ({
      ...base,
      params: {
        ...base.params,
        timers: [{ ...base.params.timers[0], appliesWhen: new Array(n).fill(cond) }],
      },
    });
    expect(refusal(() => defineSlaPolicy(at(BIG))).path).toEqual([
      'policy',
      'params',
      'timers',
      0,
      'appliesWhen',
    ]);
    expect(defineSlaPolicy(at(MAX_CONDITIONS)).params.timers[0]?.appliesWhen).toHaveLength(MAX_CONDITIONS);
  });
});
