import { makeContext, yuan, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { type CreditEventInput, replayCreditAccount } from './account.js';
import { distributorCreditLinePolicy } from './policy.js';
import { dailyGoodsFromInvoices } from './rolling-limit.js';

const policy = distributorCreditLinePolicy({
  withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
  monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
});
const ctx = makeContext({ now: '2024-03-31T18:00:00+08:00' });
const ledger = {
  customerId: 'C1',
  file: { exists: true, openerIdCopy: true },
  contract: { type: 'distribution', settlementAgreement: true },
  priorYearOutstanding: 0,
  goods: dailyGoodsFromInvoices(
    [
      { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
      { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
      { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
    ],
    { from: '2024-02-01', through: '2024-04-30' },
    'Asia/Shanghai',
  ),
  openingOutstanding: yuan(80_000),
};
const rm = [{ personId: 'wang', role: 'regionalManager' }];
const ship = (id: string, hour: number, amount: number): CreditEventInput => ({
  type: 'shipment',
  shipment: { id, at: `2024-03-31T${hour}:00:00+08:00`, amount, signatures: rm },
});

describe('replaying a credit account', () => {
  it('allows a first and a final over-limit shipment, refuses a third, and opens a new episode after a payment (S000-CREDIT-07, S000-CREDIT-08)', () => {
    const d = replayCreditAccount(
      ledger,
      [
        ship('S1', 10, yuan(20_000)),
        ship('S2', 11, yuan(25_000)),
        ship('S3', 12, yuan(10_000)),
        { type: 'payment', at: '2024-03-31T13:00:00+08:00', amount: yuan(40_000) },
        ship('S4', 14, yuan(10_000)),
      ],
      policy,
      ctx,
    );
    expect(d.value.shipments.map((s) => [s.shipmentId, s.allowed, s.step])).toEqual([
      ['S1', true, 'first'],
      ['S2', true, 'final'],
      ['S3', false, null],
      ['S4', true, 'first'],
    ]);
    expect(d.value.outstanding).toBe(yuan(95_000));
    expect(d.value.overLimitEpisode.map((r) => r.shipmentId)).toEqual(['S4']);
  });

  it('keeps the episode open while a payment leaves the receivables over the limit (S000-CREDIT-08)', () => {
    const d = replayCreditAccount(
      ledger,
      [
        ship('S1', 10, yuan(20_000)),
        { type: 'payment', at: '2024-03-31T12:00:00+08:00', amount: yuan(5_000) },
        ship('S2', 13, yuan(10_000)),
      ],
      policy,
      ctx,
    );
    expect(d.value.shipments.map((s) => s.step)).toEqual(['first', 'final']);
    expect(d.value.outstanding).toBe(yuan(105_000));
  });

  it('refuses a shipment recorded twice: it would be judged and added to the receivables twice (S000-CREDIT-07)', () => {
    // ¥80,000 open before, ¥20,000 shipped: ¥100,000; the same shipment again would have made it ¥120,000.
    const once = replayCreditAccount(ledger, [ship('S1', 10, yuan(20_000))], policy, ctx);
    expect(once.value.outstanding).toBe(yuan(100_000));
    expect(() =>
      replayCreditAccount(ledger, [ship('S1', 10, yuan(20_000)), ship('S1', 10, yuan(20_000))], policy, ctx),
    ).toThrow(expect.objectContaining({ code: 'duplicate', path: ['events', 1, 'shipment', 'id'] }));
    // Two shipments with ids of their own are both counted.
    const two = replayCreditAccount(
      ledger,
      [ship('S1', 10, yuan(20_000)), ship('S2', 10, yuan(20_000))],
      policy,
      ctx,
    );
    expect(two.value.shipments.map((s) => s.shipmentId)).toEqual(['S1', 'S2']);
    expect(two.value.outstanding).toBe(yuan(120_000));
  });

  it('refuses events out of time order', () => {
    expect(() =>
      replayCreditAccount(ledger, [ship('S2', 11, 100), ship('S1', 10, 100)], policy, ctx),
    ).toThrow(expect.objectContaining({ code: 'out_of_order', path: ['events', 1] }));
    expect(() => replayCreditAccount(ledger, [ship('S1', 10, -100)], policy, ctx)).toThrow(ZhiduError);
  });
});
