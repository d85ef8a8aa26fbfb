import { makeContext, PolicyHistory, yuan, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  creditDecisionTableModule,
  creditShipmentModule,
  creditStatusModule,
  dailyGoodsFromInvoices,
} from './index.js';

const rm = { personId: 'wang', role: 'regionalManager' };
const goods = dailyGoodsFromInvoices(
  [
    { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
    { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
    { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
  ],
  { from: '2024-02-01', through: '2024-04-30' },
  'Asia/Shanghai',
);
const account = {
  customerId: 'C1',
  file: { exists: true, openerIdCopy: true },
  contract: { type: 'distribution', settlementAgreement: true },
  priorYearOutstanding: 0,
  goods,
  outstanding: yuan(80_000),
};
// The rolling window shrinks to 10 days from 2024-03-31 00:00.
const base = creditShipmentModule.preset('distributor-000');
const v1 = { ...base, citations: undefined, version: 'window-full', effectiveTo: '2024-03-31' };
const v2 = {
  ...base,
  citations: undefined,
  version: 'window-10d',
  effectiveFrom: '2024-03-31',
  params: { ...base.params, limit: { ...base.params.limit, windowDays: 10 } },
};
const history = new PolicyHistory(creditShipmentModule.schemas.params as never, [v1, v2]);
const ctx = makeContext({ now: '2024-04-02T10:00:00+08:00' });
const shipment = (at: string) => ({ id: 'S-9', at, amount: yuan(20_000), signatures: [rm] });

describe('credit.shipment under a policy history (S000-CREDIT-02)', () => {
  it('policy history: a shipment is judged under the limit in force at its own time, not at ctx.now', () => {
    const after = creditShipmentModule.evaluate(
      { account, shipment: shipment('2024-03-31T10:00:00+08:00') },
      history,
      ctx,
    );
    expect(after.provenance.policy.version).toBe('window-10d');
    // 10 days before 03-31: only the 03-28 invoice of ¥35,000 counts
    expect(after.value.result.limit).toBe(yuan(35_000));
    expect(after.trace[0]?.data).toMatchObject({ version: 'window-10d' });
    expect(after.trace[0]?.message.en).toContain('input.shipment.at');
    const before = creditShipmentModule.evaluate(
      { account, shipment: shipment('2024-03-30T10:00:00+08:00') },
      history,
      ctx,
    );
    expect(before.provenance.policy.version).toBe('window-full');
    expect(before.value.result.limit).toBeGreaterThan(yuan(35_000));
  });

  it('policy history: a shipment before every version is refused with policy_not_in_force at its path', () => {
    const early = new PolicyHistory(creditShipmentModule.schemas.params as never, [v2]);
    let caught: unknown;
    try {
      creditShipmentModule.evaluate({ account, shipment: shipment('2024-03-30T10:00:00+08:00') }, early, ctx);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ZhiduError);
    expect([(caught as ZhiduError).code, (caught as ZhiduError).path]).toEqual([
      'policy_not_in_force',
      ['input', 'shipment', 'at'],
    ]);
  });

  it('policy history: the credit modules declare their reading (status at its date, decision table at now)', () => {
    expect([creditShipmentModule.historyReading, creditStatusModule.historyReading]).toEqual([
      'judgedAt',
      'judgedAt',
    ]);
    expect(creditDecisionTableModule.historyReading).toBe('now');
  });
});
