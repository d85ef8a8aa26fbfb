import { chinaCalendar } from '@zhidu/calendar-cn';
import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { slaTimers } from './modules.js';
import { defineSlaPolicy, MAX_SLA_LIST, MAX_SLA_TIMERS } from './policy.js';

function refusal(fn: () => unknown): ZhiduError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    return e as ZhiduError;
  }
  throw new Error('expected a ZhiduError');
}

const ctx = { now: '2024-06-01T10:00:00+08:00', calendar: chinaCalendar() };
const base = slaTimers.preset('construction-000');

describe('SLA policy lists are bounded and refused before their entries are parsed', () => {
  it('10^5 copies of a timer: invalid_input at policy.params.timers naming the 10,000 limit', () => {
    const timers = new Array(100_000).fill(base.params.timers[0]);
    const e = refusal(() =>
      slaTimers.evaluate({ events: [] }, { ...base, params: { ...base.params, timers } }, ctx),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'timers']);
    expect(e.message).toContain(`at most ${MAX_SLA_TIMERS.toLocaleString('en')} timers`);
  });

  it('10^5 copies of a workflow: invalid_input at policy.params.workflows naming the 1,000 limit', () => {
    const workflows = new Array(100_000).fill({ id: 'w', initial: 'a', transitions: [] });
    const e = refusal(() => defineSlaPolicy({ ...base, params: { ...base.params, workflows } }));
    expect(e.path).toEqual(['policy', 'params', 'workflows']);
    expect(e.message).toContain(`at most ${MAX_SLA_LIST.toLocaleString('en')} workflows`);
  });

  it('a duplicated timer below the bound is still refused as duplicate at its index', () => {
    const timers = [...base.params.timers, base.params.timers[0]];
    const e = refusal(() => defineSlaPolicy({ ...base, params: { ...base.params, timers } }));
    expect(e.code).toBe('duplicate');
    expect(e.path).toEqual(['policy', 'params', 'timers', base.params.timers.length, 'id']);
  });

  it('a recurring obligation reusing an id is named at its own index under recurring', () => {
    const first = base.params.recurring[0];
    expect(first).toBeDefined();
    const recurring = [...base.params.recurring, first];
    const e = refusal(() => defineSlaPolicy({ ...base, params: { ...base.params, recurring } }));
    expect(e.code).toBe('duplicate');
    expect(e.path).toEqual(['policy', 'params', 'recurring', base.params.recurring.length, 'id']);
  });
});
