import { isZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { creditPartnerDiscountModule } from '../modules.js';
import { partnerGradingPolicy } from './policy.js';
import { partnerDiscountCandidate } from './rules.js';

const partners = partnerGradingPolicy({ discountTopN: 10 });
const pastYear = {
  contractPerformance: 'outstanding',
  safetyQuality: 'outstanding',
  cooperation: 'outstanding',
};

describe('S000B-GRADE-06: the past-year window of the discount candidacy is read (windowMonths)', () => {
  it('ratings covering 12 months qualify; 11 months is no record of a year: shortRecord', () => {
    expect(partnerDiscountCandidate({ rank: 3, pastYear, monthsRated: 12 }, partners).value).toEqual({
      candidate: true,
      reasons: [],
    });
    expect(partnerDiscountCandidate({ rank: 3, pastYear, monthsRated: 11 }, partners).value).toEqual({
      candidate: false,
      reasons: ['shortRecord'],
    });
  });

  it('follows a policy whose window is 6 months', () => {
    const six = {
      ...partners,
      params: { ...partners.params, discount: { ...partners.params.discount, windowMonths: 6 } },
    };
    expect(partnerDiscountCandidate({ rank: 3, pastYear, monthsRated: 6 }, six).value.candidate).toBe(true);
    expect(partnerDiscountCandidate({ rank: 3, pastYear, monthsRated: 5 }, six).value.reasons).toEqual([
      'shortRecord',
    ]);
  });

  it('without monthsRated the ratings are taken to cover the window (unchanged behaviour)', () => {
    expect(partnerDiscountCandidate({ rank: 10, pastYear }, partners).value.candidate).toBe(true);
    const d = creditPartnerDiscountModule.evaluate(
      { partner: { rank: 11, pastYear, monthsRated: 3 } },
      creditPartnerDiscountModule.preset('partner-grading-000'),
      { now: '2024-07-01T09:00:00+08:00' },
    );
    expect(d.value.result).toEqual({ candidate: false, reasons: ['notTopRanked', 'shortRecord'] });
  });

  it('refuses a negative or fractional monthsRated at its path', () => {
    for (const monthsRated of [-1, 1.5, '12']) {
      try {
        partnerDiscountCandidate({ rank: 3, pastYear, monthsRated } as never, partners);
        throw new Error('expected a refusal');
      } catch (e) {
        expect(isZhiduError(e) && e.code).toBe('invalid_input');
        expect(isZhiduError(e) && e.path).toEqual(['partner', 'monthsRated']);
      }
    }
  });
});
