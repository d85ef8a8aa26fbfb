// A company's rule may replace the stage's policy before the events step (S000B-MILESTONE-05): its
// recurring obligations are checked there as `expandRecurring` checks them, so a malformed list is
// an `invalid_input` refusal naming the obligations, never an internal error.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { isZhiduError, makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { slaTimersWith } from '../modules.js';
import { propertyService004Preset } from '../presets/index.js';
import { TIMER_STEPS, type TimerCustomRule } from './pipeline.js';

const ctx = makeContext({ now: '2024-03-06T00:00:00+08:00', calendar: chinaCalendar() });
const events = [
  { type: 'request', subject: 'r1', at: '2024-03-04T10:00:00+08:00', attributes: { row: 'T5-03' } },
];

function replacingRecurring(recurring: unknown): TimerCustomRule {
  return {
    before: TIMER_STEPS.events,
    step: {
      id: 'acme.recurring',
      clause: 'ACME §1',
      run: (stage) =>
        ({
          ...stage,
          policy: stage.policy && { ...stage.policy, params: { ...stage.policy.params, recurring } },
        }) as typeof stage,
    },
  };
}

function refusal(f: () => unknown): string {
  try {
    f();
    return 'accepted';
  } catch (e) {
    return isZhiduError(e) ? `${e.code} ${JSON.stringify(e.path)}` : `raw ${String(e)}`;
  }
}

describe('sla.timers: obligations a company rule put on the stage are checked (S000B-MILESTONE-05)', () => {
  it.each([
    ['a string', 'x', '["obligations"]'],
    ['a list holding null', [null], '["obligations",0]'],
  ])('%s is refused with invalid_input at the obligations', (_, recurring, path) => {
    const m = slaTimersWith({ customRules: [replacingRecurring(recurring)] });
    const r = refusal(() => m.evaluate({ events }, propertyService004Preset(), ctx));
    expect(r.startsWith('invalid_input ')).toBe(true);
    expect(r.endsWith(path.slice(1))).toBe(true);
  });

  it('an empty list is accepted: the timers are evaluated as without the rule', () => {
    const m = slaTimersWith({ customRules: [replacingRecurring([])] });
    const d = m.evaluate({ events }, propertyService004Preset(), ctx);
    expect(d.value.result.find((t) => t.timerId === 'T5-03.arrive')?.status).toBe('breached');
  });
});
