import { describe, expect, it } from 'vitest';
import { partnerGradingPolicy } from './index.js';
import { reasonZh } from './labels.js';
import { partnerDiscountCandidate } from './partners/rules.js';

describe('credit: reason codes said in Chinese in the zh trace', () => {
  it('names a reason in Chinese and keeps the company name after the colon', () => {
    expect(reasonZh('approvalMissing:marketDevelopment')).toBe('缺少审批:marketDevelopment');
    expect(reasonZh('limitAboveSmallMax')).toBe('授信额超过小额上限');
    expect(reasonZh('notOutstanding:safetyQuality')).toBe('某方面未达突出:safetyQuality');
  });

  it('S000B-GRADE-06: a partner outside the top N reads 排名未进前列 in Chinese, notTopRanked in the value', () => {
    const pastYear = {
      contractPerformance: 'outstanding',
      safetyQuality: 'outstanding',
      cooperation: 'outstanding',
    };
    const d = partnerDiscountCandidate({ rank: 15, pastYear }, partnerGradingPolicy({ discountTopN: 10 }));
    expect(d.value).toEqual({ candidate: false, reasons: ['notTopRanked'] });
    expect(d.trace[0]?.message.zh).toBe('不列为优惠候选：排名未进前列');
  });
});
