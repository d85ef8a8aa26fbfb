import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type ViolationInput } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { assessPenalties } from '../assess.js';
import { dealerFileSchedule } from './dealer-file.js';

const ctx = makeContext({ now: '2024-04-30T18:00:00+08:00', calendar: chinaCalendar() });
const src = { module: 'records', rule: 'S000-ARCHIVE-07' };

function late(personId: string, role: string, at: string, days = 1): ViolationInput {
  return { code: 'records.handover.late', personId, role, occurredAt: at, lateBy: { unit: 'workingDays', units: days }, source: src };
}

describe('dealer customer-file fines (seed 000 L245–265)', () => {
  it('doubles the sales consultant’s 2nd late handover in the month: handed over 5 working days after delivery (S000-PENALTY-01, S000-PENALTY-06)', () => {
    const first = late('sc-1', 'salesConsultant', '2024-03-08T00:00:00+08:00');
    const second = late('sc-1', 'salesConsultant', '2024-03-20T00:00:00+08:00', 2);
    const { value, trace } = assessPenalties([first, second], dealerFileSchedule(), ctx);
    const march = value.persons[0]?.periods[0];
    expect(march?.lines.map((l) => l.amount)).toEqual([5000, 10000]);
    expect(march?.lines[1]?.arithmetic).toBe('50.00 × 1 × 2 = 100.00');
    expect(march?.total).toBe(15000);
    expect(trace.some((t) => t.rule === 'S000-PENALTY-01' && t.clause === '000 L247')).toBe(true);
  });
});
