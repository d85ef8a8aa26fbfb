// S000-CREDIT-13 (4.1 按坏账规定承担比例): the signer bears a share of the money not back by month end. A share over
// the whole (3/2) was accepted and charged the signer ¥22,500 on ¥15,000 unrecovered; it is refused.
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { creditMonthEndRecoveryModule, distributorCreditLinePolicy } from './index.js';

const policy = (monthEndSignatoryRatio: { numerator: number; denominator: number }) =>
  distributorCreditLinePolicy({
    withinLimitShares: { shares: [{ role: 'salesRep', weight: 1 }], of: 10 },
    monthEndSignatoryRatio,
  });
const input = {
  shipment: {
    shipmentId: 'S3',
    at: '2024-03-12T10:00:00+08:00',
    amount: 2_500_000,
    signatory: { personId: 'wang', role: 'regionalManager' },
  },
  collections: [{ at: '2024-03-20T10:00:00+08:00', amount: 1_000_000 }],
};
const deduction = (ratio: { numerator: number; denominator: number }) => {
  const r = creditMonthEndRecoveryModule.evaluate(input, policy(ratio), { now: '2024-04-01T09:00:00+08:00' })
    .value.result as { uncollected: number; deduction: number };
  return [r.uncollected, r.deduction];
};

describe('the month-end signer share (S000-CREDIT-13) is at most the whole', () => {
  it('a share of 1/5 deducts ¥3,000 of ¥15,000 unrecovered; the whole (1/1) deducts all of it', () => {
    expect(deduction({ numerator: 1, denominator: 5 })).toEqual([1_500_000, 300_000]);
    expect(deduction({ numerator: 1, denominator: 1 })).toEqual([1_500_000, 1_500_000]);
  });

  it('a share over the whole (3/2) is refused at monthEndSignatoryRatio, in both languages', () => {
    const e = zhiduError(() => policy({ numerator: 3, denominator: 2 }));
    expect(e.code).toBe('invalid_input');
    expect(e.path.at(-1)).toBe('monthEndSignatoryRatio');
    expect(e.message).toContain('份额不能超过整体');
    expect(e.message).toContain('a share cannot exceed the whole');
  });
});
