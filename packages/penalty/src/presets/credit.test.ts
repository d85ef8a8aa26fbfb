import { makeContext, type ViolationInput } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from '../assess.js';
import { creditLiabilitySchedule } from './credit.js';

const ctx = makeContext({ now: '2024-06-30T12:00:00+08:00' });
const v = (code: string, personId: string, data: Record<string, unknown>): ViolationInput => ({
  code,
  personId,
  occurredAt: '2024-05-31T23:59:59+08:00',
  source: { module: '@zhidu/credit', rule: 'S000-CREDIT-13' },
  data,
});

describe('distributor credit liability (seed 000 L43–51)', () => {
  it('books the signer’s month-end deduction computed by @zhidu/credit (S000-CREDIT-13)', () => {
    const { value } = ledgerOf(
      [v('credit.overLimit.unrecovered', 'signer-1', { deduction: 123_456 })],
      creditLiabilitySchedule(),
      ctx,
    );
    expect(value.persons[0]?.periods[0]?.lines[0]).toMatchObject({
      kind: 'liability',
      amount: 123_456,
      rule: 'S000-CREDIT-13',
    });
  });

  it('books each liable person’s share of an unapproved over-limit batch, and leaves it pending without an amount (S000-CREDIT-12)', () => {
    const { value } = ledgerOf(
      [
        v('credit.overLimit.unapproved', 'logistics', { amount: 33_334 }),
        v('credit.overLimit.unapproved', 'warehouse', { amount: 33_333 }),
        v('credit.overLimit.unapproved', 'head', {}),
      ],
      creditLiabilitySchedule(),
      ctx,
    );
    expect(value.persons.map((p) => [p.personId, p.total, p.periods[0]?.lines[0]?.status])).toEqual([
      ['head', 0, 'pending'],
      ['logistics', 33_334, 'charged'],
      ['warehouse', 33_333, 'charged'],
    ]);
  });
});
