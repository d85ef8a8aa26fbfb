import { isZhiduError } from '@zhidu/core';
import { evaluate } from '@zhidu/modules';
import { describe, expect, it } from 'vitest';
import { monthEndDay, monthEndRecovery, PRESET, rollingLimits, unapprovedBatch } from './desk.js';

describe('credit-desk example', () => {
  it('S000-CREDIT-02/03: the rolling limit is ¥90,000 through 4 April and ¥60,000 once 5 March leaves the window', () => {
    expect(rollingLimits()).toEqual([
      { date: '2024-03-31', limit: '¥90,000.00' },
      { date: '2024-04-01', limit: '¥90,000.00' },
      { date: '2024-04-02', limit: '¥90,000.00' },
      { date: '2024-04-03', limit: '¥90,000.00' },
      { date: '2024-04-04', limit: '¥90,000.00' },
      { date: '2024-04-05', limit: '¥60,000.00' },
      { date: '2024-04-06', limit: '¥60,000.00' },
    ]);
  });

  it('S000-CREDIT-06/07/08/09: within the limit, first and final signed steps, then prepayment required', () => {
    const day = monthEndDay();
    expect(day.lines.map((l) => [l.id, l.at, l.amount, l.allowed, l.path, l.step])).toEqual([
      ['FH-0331-01', '2024-03-31 09:30', '¥30,000.00', true, 'withinLimit', null],
      ['FH-0331-02', '2024-03-31 11:00', '¥20,000.00', true, 'overLimitStep', 'first'],
      ['FH-0331-03', '2024-03-31 14:00', '¥25,000.00', true, 'overLimitStep', 'final'],
      ['FH-0331-04', '2024-03-31 16:00', '¥10,000.00', false, 'prepaid', null],
    ]);
    expect(day.lines[3]?.reasons).toEqual([
      'OVER_LIMIT_STEPS_USED',
      'PREPAYMENT_REQUIRED',
      'NO_COLLECTION_PLAN',
    ]);
    // ¥60,000 + 30,000 + 20,000 + 25,000 shipped − ¥10,000 paid
    expect(day.outstanding).toBe('¥125,000.00');
    expect(day.rules).toEqual(
      expect.arrayContaining(['S000-CREDIT-06', 'S000-CREDIT-07', 'S000-CREDIT-08', 'S000-CREDIT-09']),
    );
  });

  it('S000-CREDIT-13: ¥15,000 of the final step unrecovered at month-end costs the signer ¥3,000', () => {
    expect(monthEndRecovery()).toEqual({
      status: 'unrecovered',
      uncollected: '¥15,000.00',
      deduction: '¥3,000.00',
      violation: 'credit.overLimit.unrecovered → wang-qiang',
    });
  });

  it('S000-CREDIT-12: an unapproved ¥18,000 batch is borne by three roles, ¥6,000 each, one violation each', () => {
    expect(unapprovedBatch()).toEqual({
      liable: true,
      base: '¥18,000.00',
      shares: [
        'zhou-min (logisticsSpecialist) ¥6,000.00',
        'wu-lei (warehouseKeeper) ¥6,000.00',
        'zheng-hua (marketingDeptHead) ¥6,000.00',
      ],
      violations: 3,
    });
  });

  it('a shipment amount in yuan text instead of fen is refused naming the field', () => {
    let error: unknown;
    try {
      evaluate(
        'credit.month-end-recovery',
        {
          shipment: {
            shipmentId: 'X',
            at: '2024-03-31T14:00:00+08:00',
            amount: '25000',
            signatory: { personId: 'w', role: 'regionalManager' },
          },
          collections: [],
        },
        PRESET,
        { now: '2024-04-01T09:00:00+08:00' },
      );
    } catch (e) {
      error = e;
    }
    expect(isZhiduError(error)).toBe(true);
    expect((error as { path: unknown[] }).path).toEqual(expect.arrayContaining(['shipment', 'amount']));
  });
});
