import { chinaCalendar } from '@zhidu/calendar-cn';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { assessPenalties, penaltyLedger } from './index.js';

const late = (day: string) => ({
  code: 'records.handover.late',
  personId: 'sc-wang',
  role: 'salesConsultant',
  occurredAt: `${day}T23:59:59+08:00`,
  lateBy: { unit: 'workingDays' as const, units: 2 },
  source: { module: '@zhidu/records', rule: 'S000-ARCHIVE-07' },
});
const ctx = { now: '2024-03-31T18:00:00+08:00', calendar: chinaCalendar() };

describe('assessPenalties is a thin call of penalty.ledger', () => {
  it('assessPenalties (thin call) returns exactly the penalty.ledger decision: ledger, trace, provenance', () => {
    const policy = penaltyLedger.preset('dealer-file');
    const input = { violations: [late('2024-03-20'), late('2024-03-07')] };
    const d = assessPenalties(input, policy, ctx);
    expect(d).toEqual(penaltyLedger.evaluate(input, policy, ctx));
    expect(d.value.result.total).toBe(15000);
    expect(d.value.violations).toEqual([]);
    expect(d.provenance.module).toBe('penalty.ledger');
  });

  it('assessPenalties (thin call) refuses a misspelt violation field and a misspelt schedule key', () => {
    const policy = penaltyLedger.preset('dealer-file');
    const badInput = refusal(() =>
      assessPenalties({ violations: [{ ...late('2024-03-20'), persnId: 'x' }] } as never, policy, ctx),
    );
    expect(badInput.code).toBe('unknown_key');
    expect(badInput.path).toEqual(['input', 'violations', 0, 'persnId']);
    const badPolicy = refusal(() =>
      assessPenalties({ violations: [] }, { ...policy, efectiveTo: '2030-01-01' }, ctx),
    );
    expect(badPolicy.code).toBe('unknown_key');
    expect(badPolicy.path).toEqual(['policy', 'efectiveTo']);
    const noCalendar = refusal(() => assessPenalties({ violations: [] }, policy, { now: ctx.now }));
    expect(noCalendar.code).toBe('calendar_required');
  });
});
