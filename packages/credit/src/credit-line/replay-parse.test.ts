// Replaying a credit account judges each shipment against the account so far. The replay built the
// account and handed it to the public shipment check, which parsed it again — the whole goods series
// with it — once per shipment (issue 21). The account is now built from the parsed ledger.
import { makeContext, yuan } from '@zhidu/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { replayCreditAccount } from './account.js';
import { distributorCreditLinePolicy } from './policy.js';
import { dailyGoodsFromInvoices } from './rolling-limit.js';
import { CreditAccountSchema } from './shipment.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const policy = distributorCreditLinePolicy({
  withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
  monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
});
const ledger = {
  customerId: 'C1',
  file: { exists: true, openerIdCopy: true },
  contract: { type: 'distribution' as const, settlementAgreement: true },
  priorYearOutstanding: 0,
  goods: dailyGoodsFromInvoices(
    [{ at: '2024-03-05T10:00:00+08:00', amount: yuan(90_000) }],
    { from: '2024-02-01', through: '2024-03-31' },
    policy.zone,
  ),
  openingOutstanding: yuan(80_000),
};
const signatures = [{ personId: 'wang', role: 'regionalManager' }];
const shipment = (id: string, hour: number, amount: number) => ({
  type: 'shipment' as const,
  shipment: { id, at: `2024-03-31T${hour}:00:00+08:00`, amount, signatures },
});

describe('replayCreditAccount parses the account once, with the ledger (S000-CREDIT-07)', () => {
  it('judges every shipment without parsing the account again', () => {
    const spy = vi.spyOn(CreditAccountSchema, 'safeParse');
    const d = replayCreditAccount(
      ledger,
      [
        shipment('S1', 10, yuan(20_000)),
        shipment('S2', 11, yuan(25_000)),
        { type: 'payment', at: '2024-03-31T11:30:00+08:00', amount: yuan(30_000) },
        shipment('S3', 12, yuan(10_000)),
      ],
      policy,
      makeContext({ now: '2024-04-01T09:00:00+08:00' }),
    ).value;
    expect(d.shipments.map((s) => s.shipmentId)).toEqual(['S1', 'S2', 'S3']);
    expect(d.outstanding).toBe(yuan(95_000));
    expect(spy).not.toHaveBeenCalled();
  });
});
