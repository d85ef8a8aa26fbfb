import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { eligibleForCreditPreference, setCorporateCategory, unclassifiedVips } from './categories.js';
import { partnerGradingPolicy, partnerGradingPolicyJsonSchema } from './policy.js';
import {
  applyPartnerGradeChange,
  assignPartnerGrade,
  partnerDiscountCandidate,
  qualifiesForKeyGrade,
  screenPartner,
} from './rules.js';

// topN = 10 is the catalog's configured value; the seed says only 排名靠前.
const partners = partnerGradingPolicy({ discountTopN: 10 });
const outstanding = {
  contractPerformance: 'outstanding',
  safetyQuality: 'outstanding',
  cooperation: 'outstanding',
};

describe('corporate categories, retail VIP classes, credit preference', () => {
  it('files a corporate customer in one of four categories and refuses others (S000B-GRADE-01)', () => {
    expect(setCorporateCategory('c1', 'key').value).toEqual({ customerId: 'c1', category: 'key' });
    expect(() => setCorporateCategory('c1', 'A')).toThrow(ZhiduError);
  });

  it('lists VIPs still without an a–d class, ignoring non-VIPs (S000B-GRADE-02)', () => {
    expect(
      unclassifiedVips([
        { id: 'v1', vip: true, vipClass: 'a' },
        { id: 'v2', vip: true },
        { id: 'v3', vip: true, vipClass: 'c' },
        { id: 'n1', vip: false },
      ]).value,
    ).toEqual(['v2']);
    expect(() => unclassifiedVips([{ id: 'v2', vip: true, vipClass: 'e' as never }])).toThrow(ZhiduError);
  });

  it('gives preferential terms only to good credit on the company’s scale (S000B-GRADE-08)', () => {
    const rule = { scale: ['good', 'normal', 'poor'], minimum: 'good' };
    expect(eligibleForCreditPreference('good', rule).value).toBe(true);
    expect(eligibleForCreditPreference('normal', rule).value).toBe(false);
    expect(eligibleForCreditPreference(null, rule).value).toBe(false);
    expect(() => eligibleForCreditPreference('excellent', rule)).toThrow(ZhiduError);
  });
});

describe('joint-venture partner grading (联营工程合作方)', () => {
  it('lets only Shengchang grade, only after admission, and keeps the grade from the partner (S000B-GRADE-03)', () => {
    expect(
      assignPartnerGrade({ partnerId: 'P1', admitted: true, grade: 'b', gradedBy: 'shengchang' }, partners)
        .value,
    ).toEqual({
      ok: true,
      error: null,
      visibleToPartner: false,
    });
    expect(
      assignPartnerGrade({ partnerId: 'P1', admitted: false, grade: 'b', gradedBy: 'shengchang' }, partners)
        .value.error,
    ).toBe('gradeOnlyAfterAdmission');
    expect(
      assignPartnerGrade({ partnerId: 'P1', admitted: true, grade: 'b', gradedBy: 'U1' }, partners).value
        .error,
    ).toBe('notTheGrader');
  });

  it('requires complete, verified materials for a key grade a/b, else at most c (S000B-GRADE-04)', () => {
    const forms = ['main', 'attachment1', 'attachment2', 'attachment3'].map((name) => ({
      name,
      provided: true,
      verified: true,
    }));
    expect(qualifiesForKeyGrade(forms, partners).value).toEqual({
      qualifies: true,
      missing: [],
      bestGrade: 'a',
    });
    const noThird = forms.map((f) =>
      f.name === 'attachment3' ? { ...f, provided: false, verified: false } : f,
    );
    expect(qualifiesForKeyGrade(noThird, partners).value).toEqual({
      qualifies: false,
      missing: ['attachment3'],
      bestGrade: 'c',
    });
    const unverified = forms.map((f) => (f.name === 'attachment2' ? { ...f, verified: false } : f));
    expect(qualifiesForKeyGrade(unverified, partners).value.missing).toEqual(['attachment2 (unverified)']);
  });

  it('changes a grade only on the responsible unit’s initiative with both approvals (S000B-GRADE-05)', () => {
    const change = {
      partnerId: 'P1',
      from: 'b',
      to: 'a',
      reason: 'bidWon',
      initiatorUnitId: 'U1',
      responsibleUnitId: 'U1',
    };
    expect(
      applyPartnerGradeChange({ ...change, approvals: ['shengchang', 'marketDevelopment'] }, partners).value
        .applied,
    ).toBe(true);
    expect(applyPartnerGradeChange({ ...change, approvals: ['shengchang'] }, partners).value).toEqual({
      applied: false,
      error: 'approvalMissing:marketDevelopment',
    });
    expect(
      applyPartnerGradeChange(
        { ...change, initiatorUnitId: 'U2', approvals: ['shengchang', 'marketDevelopment'] },
        partners,
      ).value.error,
    ).toBe('initiatorMustBeResponsibleUnit');
  });

  it('makes a top-10 partner outstanding in every dimension a discount candidate (S000B-GRADE-06)', () => {
    expect(partnerDiscountCandidate({ rank: 3, pastYear: outstanding }, partners).value.candidate).toBe(true);
    expect(
      partnerDiscountCandidate({ rank: 3, pastYear: { ...outstanding, safetyQuality: 'good' } }, partners)
        .value.reasons,
    ).toEqual(['notOutstanding:safetyQuality']);
    expect(partnerDiscountCandidate({ rank: 15, pastYear: outstanding }, partners).value.reasons).toEqual([
      'notTopRanked',
    ]);
    expect(() => partnerGradingPolicy({} as never)).toThrow(
      expect.objectContaining({ path: ['discountTopN'] }),
    );
    expect(partnerGradingPolicyJsonSchema()).toHaveProperty('type', 'object');
  });

  it('turns a partner away when an inspected item is unclear or failed (S000B-GRADE-07)', () => {
    const ok = ['address', 'personnel', 'equipment'].map((key) => ({ key, status: 'confirmed' as const }));
    expect(screenPartner(ok, partners).value).toEqual({ decision: 'proceed', failedItems: [] });
    expect(
      screenPartner(
        ok.map((i) => (i.key === 'equipment' ? { ...i, status: 'unclear' as const } : i)),
        partners,
      ).value,
    ).toEqual({
      decision: 'dissuade',
      failedItems: ['equipment'],
    });
    expect(
      screenPartner(
        [
          { key: 'personnel', status: 'failed' },
          { key: 'address', status: 'unclear' },
          { key: 'equipment', status: 'confirmed' },
        ],
        partners,
      ).value.failedItems,
    ).toEqual(['personnel', 'address']);
  });
});
