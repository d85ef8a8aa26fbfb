import { addDays, type LocalDate, yuan, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distributorCreditLinePolicy } from './policy.js';
import {
  creditLimitOn,
  type DailyGoods,
  dailyGoodsFromInvoices,
  rollingCreditLimits,
} from './rolling-limit.js';

const policy = distributorCreditLinePolicy({
  withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
  monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
});

// The catalog's worked example for S000-CREDIT-02/03, as invoices in Shanghai time.
const invoices = [
  { at: '2024-02-25T10:00:00+08:00', amount: yuan(20_000) },
  { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
  { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
  { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
];
const history = dailyGoodsFromInvoices(
  invoices,
  { from: '2024-01-01', through: '2024-04-30' },
  'Asia/Shanghai',
);

describe('rolling credit limit (授信额)', () => {
  it('sums the goods of the 30 days before the shipment date: ¥90,000 on 2024-03-31 (S000-CREDIT-02)', () => {
    const d = creditLimitOn(history, '2024-03-31', policy);
    expect(d.value).toEqual({ limit: yuan(90_000), from: '2024-03-01', through: '2024-03-30' });
    expect(d.trace.map((t) => t.rule)).toEqual(['S000-CREDIT-02', 'S000-CREDIT-03']);
  });

  it('drops 03-05 out of the window by 2024-04-05, leaving ¥60,000, with no manual action (S000-CREDIT-03)', () => {
    expect(creditLimitOn(history, '2024-04-05', policy).value.limit).toBe(yuan(60_000));
    const days = rollingCreditLimits(history, { from: '2024-03-31', through: '2024-04-05' }, policy).value;
    expect(days[0]).toEqual({ date: '2024-03-31', limit: yuan(90_000) });
    expect(days[5]).toEqual({ date: '2024-04-05', limit: yuan(60_000) });
  });

  it('does not count the shipment day itself (日前) (S000-CREDIT-02)', () => {
    expect(creditLimitOn(history, '2024-03-28', policy).value.limit).toBe(yuan(55_000));
    expect(creditLimitOn(history, '2024-03-29', policy).value.limit).toBe(yuan(90_000));
  });

  it('gives a new customer with no invoices a limit of 0 (S000-CREDIT-02)', () => {
    const quiet = dailyGoodsFromInvoices([], { from: '2024-01-01', through: '2024-01-31' }, 'Asia/Shanghai');
    expect(creditLimitOn(quiet, '2024-01-31', policy).value.limit).toBe(0);
  });

  it('books an invoice on its local date in the policy zone (S000-CREDIT-03)', () => {
    const late = dailyGoodsFromInvoices(
      [{ at: '2024-03-04T17:30:00Z', amount: 100 }],
      { from: '2024-03-04', through: '2024-03-05' },
      'Asia/Shanghai',
    );
    expect(late).toEqual([
      { date: '2024-03-04', amount: 0 },
      { date: '2024-03-05', amount: 100 },
    ]);
  });

  it('refuses a window with a missing day instead of reading it as zero (S000-CREDIT-02)', () => {
    const gap = history.filter((d) => d.date !== '2024-03-10');
    expect(() => creditLimitOn(gap, '2024-03-31', policy)).toThrow(ZhiduError);
    try {
      creditLimitOn(gap, '2024-03-31', policy);
    } catch (e) {
      expect(e).toBeInstanceOf(ZhiduError);
      expect((e as ZhiduError).code).toBe('incomplete_history');
      expect((e as ZhiduError).details).toEqual({ missing: '2024-03-10' });
    }
    expect(() => rollingCreditLimits(gap, { from: '2024-04-01', through: '2024-04-05' }, policy)).toThrow(
      /2024-03-10/,
    );
  });

  it('refuses a repeated day and a negative daily amount (S000-CREDIT-02)', () => {
    const dup = [...history, { date: '2024-03-10', amount: 1 }];
    expect(() => creditLimitOn(dup, '2024-03-31', policy)).toThrow(
      expect.objectContaining({ code: 'duplicate' }),
    );
    const neg = history.map((d) => (d.date === '2024-03-10' ? { ...d, amount: -5 } : d));
    expect(() => creditLimitOn(neg, '2024-03-31', policy)).toThrow(
      expect.objectContaining({ code: 'invalid_money' }),
    );
  });

  it('equals a brute-force recomputation for every day of a random history (S000-CREDIT-03)', () => {
    const start: LocalDate = '2023-12-01';
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 30, maxLength: 120 }),
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        (amounts, windowDays, includeShipmentDay) => {
          const p = {
            ...policy,
            params: { ...policy.params, limit: { ...policy.params.limit, windowDays, includeShipmentDay } },
          };
          const series: DailyGoods[] = amounts.map((amount, i) => ({ date: addDays(start, i), amount }));
          const offset = includeShipmentDay ? windowDays - 1 : windowDays;
          if (offset >= amounts.length) return;
          const from = addDays(start, offset);
          const through = addDays(start, amounts.length - 1 + (includeShipmentDay ? 0 : 1));
          const rolled = rollingCreditLimits(series, { from, through }, p).value;
          for (const { date, limit } of rolled) {
            let brute = 0;
            for (const d of series) {
              const age = (Date.parse(date) - Date.parse(d.date)) / 86_400_000;
              const inWindow = includeShipmentDay
                ? age >= 0 && age < windowDays
                : age >= 1 && age <= windowDays;
              if (inWindow) brute += d.amount;
            }
            expect(limit).toBe(brute);
            expect(creditLimitOn(series, date, p).value.limit).toBe(brute);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
