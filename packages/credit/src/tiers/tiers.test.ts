import { makeContext, yuan, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { creditTierCapModule, creditTierGradingModule } from '../modules.js';
import { admitCustomer, gradeCustomer, tierCapCheck, tierEligibility } from './grading.js';
import { customerTierPolicy, tierPolicyJsonSchema } from './policy.js';
import { nextStageReview, tierUpgradeCheck, vipDowngradeCheck } from './reviews.js';

// The catalog's configured blanks: VIP 300 beds / 100萬, preferred 100 beds / 30萬.
const tiers = customerTierPolicy({
  vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
  preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
});
const admissionFacts = {
  businessLicence: true,
  taxRegistration: true,
  goodReputation: true,
  purchaseSalesContract: true,
  noIllegalRecord: true,
  productQualifications: true,
  brandCooperation: true,
};
const vipFacts = {
  goodOperations: true,
  highReputationStabilityLoyalty: true,
  directDistributorOrMedical: true,
  paysOnTimeLowRisk: true,
  longTermPartnershipIntent: true,
};
const prefFacts = {
  regionalReputationNoRisk: true,
  operatingStrengthLargeDemand: true,
  integrityLoyaltyLongTerm: true,
};
const hospitalFacts = {
  ...admissionFacts,
  businessLicence: false,
  taxRegistration: false,
  medicalQualifications: true,
};

const roster = (n: number, vips: number, preferred = 0) => ({
  id: 'D1',
  customers: Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    tier:
      i < vips ? ('vip' as const) : i < vips + preferred ? ('preferred' as const) : ('qualified' as const),
    products: [],
  })),
});

describe('admission (客戶準入)', () => {
  it('admits a distributor meeting conditions (a)–(f) (S001-GRADE-03)', () => {
    expect(admitCustomer({ id: 'd1', kind: 'distributor', facts: admissionFacts }, tiers).value).toEqual({
      admitted: true,
      exempt: null,
      failed: [],
    });
  });

  it('refuses a hospital missing a required qualification under (a), and exempts a retail customer (S001-GRADE-03)', () => {
    const h = admitCustomer(
      { id: 'h1', kind: 'medicalInstitution', facts: { ...hospitalFacts, medicalQualifications: false } },
      tiers,
    );
    expect(h.value).toEqual({ admitted: false, exempt: null, failed: ['a'] });
    expect(admitCustomer({ id: 'r1', kind: 'retail' }, tiers).value).toEqual({
      admitted: false,
      exempt: 'retail',
      failed: [],
    });
  });
});

describe('VIP and preferred criteria', () => {
  it('makes a 三級甲等 hospital that pays on time and wants a long-term partnership VIP-eligible (S001-GRADE-05)', () => {
    const d = tierEligibility(
      { id: 'h', kind: 'medicalInstitution', hospitalLevel: '3A', facts: vipFacts },
      'vip',
      tiers,
    );
    expect(d.value).toEqual({ eligible: true, failed: [] });
  });

  it('refuses VIP to a 120萬/year distributor with one overdue pickup (S001-GRADE-05)', () => {
    const d = tierEligibility(
      { id: 'd', kind: 'distributor', annualBusiness: yuan(1_200_000), defaultRecords: 1, facts: vipFacts },
      'vip',
      tiers,
    );
    expect(d.value.failed).toEqual(['defaultRecords']);
  });

  it('refuses VIP on scale to a 二級甲等 hospital with 200 beds and 50萬/year (S001-GRADE-05)', () => {
    const d = tierEligibility(
      {
        id: 'h',
        kind: 'medicalInstitution',
        hospitalLevel: '2A',
        orthoTraumaSpecialist: true,
        beds: 200,
        annualBusiness: yuan(500_000),
        facts: vipFacts,
      },
      'vip',
      tiers,
    );
    expect(d.value.failed).toEqual(['scale']);
    const specialist = tierEligibility(
      { id: 'o', kind: 'medicalInstitution', orthoTraumaSpecialist: true, beds: 300, facts: vipFacts },
      'vip',
      tiers,
    );
    expect(specialist.value.eligible).toBe(true);
  });

  it('makes a 二級甲等 hospital preferred-eligible and refuses a 20萬 distributor on scale (S001-GRADE-07)', () => {
    expect(
      tierEligibility(
        { id: 'h', kind: 'medicalInstitution', hospitalLevel: '2A', facts: prefFacts },
        'preferred',
        tiers,
      ).value.eligible,
    ).toBe(true);
    const d = tierEligibility(
      { id: 'd', kind: 'distributor', annualBusiness: yuan(200_000), facts: prefFacts },
      'preferred',
      tiers,
    );
    expect(d.value.failed).toEqual(['scale']);
  });

  it('refuses to build the preset without the thresholds the seed leaves blank (S001-GRADE-05)', () => {
    expect(() =>
      customerTierPolicy({
        vip: { minBeds: 300 },
        preferred: { minBeds: 100, minAnnualBusiness: 1 },
      } as never),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['vip', 'minAnnualBusiness'] }));
    expect(tierPolicyJsonSchema()).toHaveProperty('type', 'object');
  });
});

describe('tier caps', () => {
  it('caps VIPs at floor(15 %): 6 of 40, a 7th blocked; 45 customers still 6 (S001-GRADE-06)', () => {
    const r40 = roster(40, 5);
    expect(tierCapCheck(r40, { id: 'c39' }, 'vip', tiers).value).toMatchObject({
      departmentMax: 6,
      departmentCount: 5,
      allowed: true,
    });
    const full = roster(40, 6);
    expect(tierCapCheck(full, { id: 'c39' }, 'vip', tiers).value).toMatchObject({
      departmentMax: 6,
      allowed: false,
    });
    expect(tierCapCheck(roster(45, 0), { id: 'c44' }, 'vip', tiers).value.departmentMax).toBe(6);
  });

  it('refuses a customer listed twice in the department: it counted twice in the cap (S001-GRADE-06)', () => {
    // 40 customers, 6 VIPs: a 7th is blocked. The same 40 with two VIPs listed again read as 42 customers
    // and 8 VIPs (the cap still 6, the count wrong); with a qualified one listed six times, 46 customers
    // and a cap of 6 — wrong either way, so the repeat is refused.
    const full = roster(40, 6);
    expect(tierCapCheck(full, { id: 'c39' }, 'vip', tiers).value.departmentCustomers).toBe(40);
    const again = { ...full, customers: [...full.customers, full.customers[0]] };
    let e: unknown;
    try {
      tierCapCheck(again as never, { id: 'c39' }, 'vip', tiers);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ZhiduError);
    expect(e).toMatchObject({ code: 'duplicate', path: ['department', 'customers', 40, 'id'] });
    // The modules reading a department refuse it under their input.
    for (const [mod, input] of [
      [creditTierCapModule, { department: again, candidate: { id: 'c39' }, tier: 'vip' }],
      [creditTierGradingModule, { customer: { id: 'c39', kind: 'distributor' }, department: again }],
    ] as const) {
      let m: unknown;
      try {
        mod.evaluate(input as never, mod.preset('customer-tiers-001'), { now: '2024-07-07T08:00:00+08:00' });
      } catch (x) {
        m = x;
      }
      expect(m).toMatchObject({ code: 'duplicate', path: ['input', 'department', 'customers', 40, 'id'] });
    }
  });

  it('only warns on the per-product VIP cap, which holds in principle (S001-GRADE-06)', () => {
    const r = {
      id: 'D1',
      customers: Array.from({ length: 40 }, (_, i) => ({
        id: `c${i}`,
        tier: i === 0 ? ('vip' as const) : ('qualified' as const),
        products: i < 12 ? ['knee'] : [],
      })),
    };
    const d = tierCapCheck(r, { id: 'c5', products: ['knee'] }, 'vip', tiers);
    expect(d.value).toMatchObject({
      allowed: true,
      productWarning: true,
      products: [{ product: 'knee', customers: 12, max: 1, count: 1, ok: false }],
    });
  });

  it('caps preferred customers at floor(30 %): 13 of 45; with 12 of 40 a 13th is blocked (S001-GRADE-08)', () => {
    expect(tierCapCheck(roster(45, 0), { id: 'c44' }, 'preferred', tiers).value.departmentMax).toBe(13);
    expect(tierCapCheck(roster(40, 0, 12), { id: 'c39' }, 'preferred', tiers).value.allowed).toBe(false);
    expect(tierCapCheck(roster(40, 6, 11), { id: 'c39' }, 'preferred', tiers).value.allowed).toBe(true);
  });
});

describe('grading into tiers', () => {
  it('grades a VIP-eligible customer within the cap VIP, and one meeting neither set qualified (S001-GRADE-04)', () => {
    const hospital = {
      id: 'c39',
      kind: 'medicalInstitution',
      hospitalLevel: '3A' as const,
      facts: { ...hospitalFacts, ...vipFacts, ...prefFacts },
    };
    expect(gradeCustomer(hospital, roster(40, 2), tiers).value).toEqual({ tier: 'vip', capBlocked: [] });
    const plain = { id: 'c39', kind: 'distributor', facts: admissionFacts };
    expect(gradeCustomer(plain, roster(40, 2), tiers).value.tier).toBe('qualified');
    expect(gradeCustomer(hospital, roster(40, 6), tiers).value).toEqual({
      tier: 'preferred',
      capBlocked: ['vip'],
    });
    expect(gradeCustomer({ ...plain, facts: {} }, roster(40, 2), tiers).value.tier).toBeNull();
  });
});

describe('reviews, downgrades and upgrades', () => {
  it('puts the next stage review 6 months on, clamping month-end (S001-GRADE-09)', () => {
    expect(nextStageReview('2024-01-10', tiers).value).toEqual({
      due: '2024-07-10',
      fileWith: 'marketingDivision',
    });
    expect(nextStageReview('2023-08-31', tiers).value.due).toBe('2024-02-29');
    expect(() => nextStageReview('2023-02-30', tiers)).toThrow(ZhiduError);
  });

  it('requires a problem VIP to be downgraded by the 5th day after evaluation (S001-GRADE-10)', () => {
    const evaluation = {
      customerId: 'v1',
      tier: 'vip' as const,
      evaluatedOn: '2024-07-01',
      problems: ['latePayment'],
    };
    const onTime = vipDowngradeCheck(
      { ...evaluation, downgrade: { on: '2024-07-05', to: 'preferred' } },
      tiers,
      makeContext({ now: '2024-07-05T12:00:00+08:00' }),
    );
    expect(onTime.value).toEqual({ required: true, deadline: '2024-07-06', done: true, overdue: false });
    const late = vipDowngradeCheck(evaluation, tiers, makeContext({ now: '2024-07-07T08:00:00+08:00' }));
    expect(late.value).toMatchObject({ done: false, overdue: true });
    const stillTime = vipDowngradeCheck(evaluation, tiers, makeContext({ now: '2024-07-06T23:00:00+08:00' }));
    expect(stillTime.value.overdue).toBe(false);
    expect(
      vipDowngradeCheck(
        { ...evaluation, problems: [] },
        tiers,
        makeContext({ now: '2024-07-07T08:00:00+08:00' }),
      ).value.required,
    ).toBe(false);
  });

  it('lets a good stage move a customer up within criteria and caps (S001-GRADE-12)', () => {
    const customer = {
      id: 'c39',
      kind: 'medicalInstitution',
      hospitalLevel: '3A' as const,
      facts: { ...hospitalFacts, ...vipFacts, ...prefFacts },
    };
    expect(
      tierUpgradeCheck(
        { customer, from: 'qualified', to: 'preferred', stageProblems: [] },
        roster(40, 0, 5),
        tiers,
      ).value.allowed,
    ).toBe(true);
    expect(
      tierUpgradeCheck({ customer, from: 'preferred', to: 'vip', stageProblems: [] }, roster(40, 6), tiers)
        .value,
    ).toEqual({
      allowed: false,
      reasons: ['vipCapReached'],
    });
    expect(
      tierUpgradeCheck({ customer, from: 'qualified', to: 'vip', stageProblems: [] }, roster(40, 2), tiers)
        .value.allowed,
    ).toBe(true);
    expect(
      tierUpgradeCheck(
        { customer, from: 'qualified', to: 'vip', stageProblems: ['latePayment'] },
        roster(40, 2),
        tiers,
      ).value.reasons,
    ).toEqual(['stageNotGood']);
  });
});
