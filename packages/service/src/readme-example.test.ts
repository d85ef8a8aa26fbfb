// The package README's 30-second example, kept true.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, yuan } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { measureProgramme, planReception, s000bPropertyRevisitPolicy, s000ReceptionPolicy } from './index.js';

describe('README example', () => {
  it('runs as printed: a class-D overspend and a late complaint revisit', () => {
    const plan = planReception({ class: 'D', guests: 12, spend: yuan(1900) }, s000ReceptionPolicy);
    expect(plan.value.budget?.cap).toBe(180000);
    expect(plan.value.companions).toEqual({ min: 3, max: null });
    expect(plan.value.spend?.over).toBe(true);

    const ctx = makeContext({ now: '2024-04-01T09:00:00+08:00', calendar: chinaCalendar() });
    const m = measureProgramme(
      {
        triggers: [
          {
            id: 'k1',
            type: 'complaintHandled',
            at: '2024-03-08T10:00:00+08:00',
            personId: 'pa1',
            level: 'important',
          },
          { id: 'k2', type: 'complaintHandled', at: '2024-03-08T11:00:00+08:00', personId: 'pa2' },
        ],
        completions: [
          { triggerId: 'k1', action: 'revisit', at: '2024-03-10T15:00:00+08:00' },
          { triggerId: 'k2', action: 'revisit', at: '2024-03-12T15:00:00+08:00' },
        ],
      },
      s000bPropertyRevisitPolicy,
      ctx,
    );
    expect(m.value.rates[0]).toMatchObject({
      ruleKey: 'complaintRevisit',
      period: '2024-03',
      total: 2,
      counted: 1,
      required: 1,
      met: true,
    });
    expect(m.value.violations.map((v) => [v.code, v.personId, v.lateBy?.units])).toEqual([
      ['service.complaintRevisit.late', 'pa2', 1],
    ]);
    expect(m.trace.length).toBeGreaterThan(0);
  });
});
