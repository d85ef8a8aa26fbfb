import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Decision, type EvalContext, makeContext, PolicyHistory, yuan, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileCreditRules } from './company/policy.js';
import {
  AgeingInputSchema,
  ageDebts,
  BadDebtCaseSchema,
  gradeOnScale,
  LimitInputSchema,
  limitByFormula,
  shareBadDebt,
} from './company/rules.js';
import { creditActionCheck, gradeChangeOf } from './credit-grades/governance.js';
import { creditSaleCheck, creditTermsCheck } from './credit-grades/terms.js';
import { creditEligibilityCheck } from './credit-line/eligibility.js';
import { shipmentCheck } from './credit-line/shipment.js';
import { acmeCreditGradeTable } from './decision-table/examples.js';
import { runDecisionTable } from './decision-table/table.js';
import * as credit from './index.js';
import {
  admitCustomer,
  applyPartnerGradeChange,
  assignCreditGrade,
  assignPartnerGrade,
  badDebtLiability,
  blacklistForMajorLoss,
  canManageBlacklist,
  canTransact,
  classifyCreditStatus,
  creditAccountModule,
  creditEventResponse,
  creditGradeAssignmentModule,
  creditLimitOn,
  creditModules,
  creditMonthEndRecoveryModule,
  creditShipmentModule,
  creditTermsFor,
  creditUnapprovedShipmentModule,
  dailyGoodsFromInvoices,
  defineDecisionTable,
  departmentBlacklistFiling,
  eligibleForCreditPreference,
  gradeCustomer,
  monthEndRecovery,
  nextStageReview,
  partnerDiscountCandidate,
  qualifiesForKeyGrade,
  rollingCreditLimits,
  screenPartner,
  tierCapCheck,
  tierEligibility,
  unapprovedShipmentLiability,
} from './index.js';
import { tierUpgradeCheck, vipDowngradeCheck } from './tiers/reviews.js';

type AnyModule = (typeof creditModules)[number];
type Old = (policy: never, ctx: EvalContext) => Decision<unknown>;

const NOW = '2024-03-31T10:00:00+08:00';
const ctx = makeContext({ now: NOW });
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
const customer = {
  customerId: 'C1',
  file: { exists: true, openerIdCopy: true },
  contract: { type: 'distribution', settlementAgreement: true },
  priorYearOutstanding: 0,
};
const account = { ...customer, goods, outstanding: yuan(80_000) };
const shipment = { id: 'S-9', amount: yuan(20_000), signatures: [rm] };
const ledger = { ...customer, goods, openingOutstanding: yuan(80_000) };
const ship = (id: string, hour: number, amount: number) => ({
  type: 'shipment' as const,
  shipment: { id, at: `2024-03-31T${hour}:00:00+08:00`, amount, signatures: [rm] },
});
const events = [
  ship('S1', 10, yuan(20_000)),
  ship('S2', 11, yuan(25_000)),
  ship('S3', 12, yuan(10_000)),
  { type: 'payment' as const, at: '2024-03-31T13:00:00+08:00', amount: yuan(40_000) },
  ship('S4', 14, yuan(10_000)),
];
const staff = [
  { personId: 'l1', role: 'logisticsSpecialist' },
  { personId: 'k1', role: 'warehouseKeeper' },
  { personId: 'h1', role: 'marketingDeptHead' },
];
const batch = {
  shipmentId: 'B7',
  at: '2024-03-10T10:00:00+08:00',
  amount: yuan(18_000),
  prepaid: false,
  approved: false,
  verified: { at: '2024-03-20T10:00:00+08:00', by: 'audit' },
  staff,
};
const finalShipment = {
  shipmentId: 'S3',
  at: '2024-03-12T10:00:00+08:00',
  amount: yuan(25_000),
  signatory: rm,
};
const collections = [{ at: '2024-03-20T10:00:00+08:00', amount: yuan(10_000) }];
const admissionFacts = {
  businessLicence: true,
  taxRegistration: true,
  goodReputation: true,
  purchaseSalesContract: true,
  noIllegalRecord: true,
  productQualifications: true,
  brandCooperation: true,
  goodOperations: true,
  highReputationStabilityLoyalty: true,
  directDistributorOrMedical: true,
  paysOnTimeLowRisk: true,
  longTermPartnershipIntent: true,
};
const tierCustomer = {
  id: 'd1',
  kind: 'distributor',
  facts: admissionFacts,
  annualBusiness: yuan(1_200_000),
};
const department = {
  id: 'D1',
  customers: Array.from({ length: 40 }, (_, i) => ({
    id: `c${i}`,
    tier: i < 5 ? ('vip' as const) : ('qualified' as const),
    products: i % 2 === 0 ? ['knee'] : [],
  })),
};
const entries = [
  {
    customerId: 'C9',
    scope: 'department' as const,
    departmentId: 'D2',
    listedAt: '2024-05-01T09:00:00+08:00',
  },
  { customerId: 'C1', scope: 'company' as const, listedAt: '2024-05-02T09:00:00+08:00' },
];
const scorecard = acmeCreditGradeTable;
const envelope = { version: '1', effectiveFrom: '2024-01-01', source: { title: '本公司制度' } };
const gradesWithTable = {
  ...creditGradeAssignmentModule.preset('credit-grades-001'),
  citations: undefined,
  params: { ...creditGradeAssignmentModule.preset('credit-grades-001').params, gradingTable: scorecard },
};
const preferencePolicy = {
  id: 'acme.preference',
  ...envelope,
  params: { scale: ['good', 'normal', 'poor'], minimum: 'normal' },
};
const tablePolicy = { id: 'acme.scorecard', ...envelope, params: scorecard };
const limitInput = {
  date: '2025-01-15',
  sales: Array.from({ length: 12 }, (_, i) => ({
    month: `2024-${String(i + 1).padStart(2, '0')}`,
    amount: yuan(100_000),
  })),
  customer: { since: '2021-05-10', grade: 'A', termDays: 30 },
};
const badDebtCase = {
  debtId: 'QS-2025-031',
  at: '2025-06-30T17:00:00+08:00',
  loss: yuan(40_000),
  withinLimit: true,
  staff: [
    { personId: 'li', role: 'salesRep' },
    { personId: 'wang', role: 'regionalManager' },
  ],
};
const ageingInput = {
  date: '2025-03-31',
  customerId: 'C8',
  debts: [{ id: 'INV-1', dueDate: '2025-03-01', amount: yuan(50_000) }],
};

/** One realistic evaluation per module, and the existing entry point it must agree with. */
type Case = { module: AnyModule; policy: unknown; input: unknown; old: Old; now?: string };
const p = (m: AnyModule) => m.preset(m.presetNames[0] as string);
const byId = (id: string): AnyModule => {
  const m = creditModules.find((x) => x.id === id);
  if (m === undefined) throw new Error(`no module ${id}`);
  return m;
};
const c = (id: string, input: unknown, old: Old, policy?: unknown, now?: string): Case => ({
  module: byId(id),
  policy: policy ?? p(byId(id)),
  input,
  old,
  ...(now === undefined ? {} : { now }),
});

const cases: Case[] = [
  c('credit.eligibility', { customer: { ...customer, priorYearOutstanding: 120_000 } }, (pol) =>
    creditEligibilityCheck({ ...customer, priorYearOutstanding: 120_000 }, pol),
  ),
  c(
    'credit.status',
    { customer: { ...customer, oldestUnpaidInvoiceDate: '2024-02-20' }, date: '2024-04-01' },
    (pol) => classifyCreditStatus({ ...customer, oldestUnpaidInvoiceDate: '2024-02-20' }, '2024-04-01', pol),
  ),
  c('credit.limit', { history: goods, date: '2024-03-31' }, (pol) => creditLimitOn(goods, '2024-03-31', pol)),
  c(
    'credit.rolling-limits',
    { history: goods, range: { from: '2024-03-31', through: '2024-04-05' } },
    (pol) => rollingCreditLimits(goods, { from: '2024-03-31', through: '2024-04-05' }, pol),
  ),
  c('credit.shipment', { account, shipment }, (pol, x) => shipmentCheck(account, shipment, pol, x)),
  c('credit.account', { ledger, events }, (pol, x) => credit.replayCreditAccount(ledger, events, pol, x)),
  c(
    'credit.bad-debt',
    { debt: { shipmentId: 'S1', amount: yuan(40_000), regime: 'withinLimit', staff: [rm] } },
    (pol) =>
      badDebtLiability({ shipmentId: 'S1', amount: yuan(40_000), regime: 'withinLimit', staff: [rm] }, pol),
  ),
  c('credit.unapproved-shipment', { batch }, (pol) => unapprovedShipmentLiability(batch, pol)),
  c(
    'credit.month-end-recovery',
    { shipment: finalShipment, collections },
    (pol, x) => monthEndRecovery(finalShipment, collections, pol, x),
    undefined,
    '2024-04-01T09:00:00+08:00',
  ),
  c('credit.grade-terms', { grade: 'D' }, (pol) => creditTermsFor('D', pol)),
  c(
    'credit.terms-check',
    {
      proposal: {
        grade: 'A',
        limit: yuan(250_000),
        onePurchaseAmount: yuan(200_000),
        purchaseCycleDays: 30,
        termDays: 30,
      },
    },
    (pol) =>
      creditTermsCheck(
        {
          grade: 'A',
          limit: yuan(250_000),
          onePurchaseAmount: yuan(200_000),
          purchaseCycleDays: 30,
          termDays: 30,
        },
        pol,
      ),
  ),
  c(
    'credit.sale',
    {
      sale: {
        grade: 'A',
        payment: 'credit',
        amount: yuan(50_000),
        limit: yuan(100_000),
        outstanding: yuan(80_000),
      },
    },
    (pol) =>
      creditSaleCheck(
        {
          grade: 'A',
          payment: 'credit',
          amount: yuan(50_000),
          limit: yuan(100_000),
          outstanding: yuan(80_000),
        },
        pol,
      ),
  ),
  c(
    'credit.grade-change',
    {
      change: {
        customerId: 'X',
        from: 'B',
        to: 'C',
        proposedBy: { personId: 'f1', role: 'finance' },
        approvals: [{ personId: 'm1', role: 'salesManager' }],
      },
    },
    (pol) =>
      gradeChangeOf(
        {
          customerId: 'X',
          from: 'B',
          to: 'C',
          proposedBy: { personId: 'f1', role: 'finance' },
          approvals: [{ personId: 'm1', role: 'salesManager' }],
        },
        pol,
      ),
  ),
  c('credit.event-response', { event: 'billDishonoured' }, (pol) =>
    creditEventResponse('billDishonoured', pol),
  ),
  c('credit.action', { request: { action: 'restrictShipment' } }, (pol) =>
    creditActionCheck({ action: 'restrictShipment' }, pol),
  ),
  c(
    'credit.grade-assignment',
    { facts: { yearsTrading: 6, latePayments: 0 } },
    (pol) => assignCreditGrade({ yearsTrading: 6, latePayments: 0 }, pol),
    gradesWithTable,
  ),
  c('credit.admission', { customer: tierCustomer }, (pol) => admitCustomer(tierCustomer, pol)),
  c('credit.tier-eligibility', { customer: { ...tierCustomer, defaultRecords: 1 }, tier: 'vip' }, (pol) =>
    tierEligibility({ ...tierCustomer, defaultRecords: 1 }, 'vip', pol),
  ),
  c('credit.tier-cap', { department, candidate: { id: 'c41', products: ['knee'] }, tier: 'vip' }, (pol) =>
    tierCapCheck(department, { id: 'c41', products: ['knee'] }, 'vip', pol),
  ),
  c('credit.tier-grading', { customer: tierCustomer, department }, (pol) =>
    gradeCustomer(tierCustomer, department, pol),
  ),
  c('credit.stage-review', { lastReview: '2023-08-31' }, (pol) => nextStageReview('2023-08-31', pol)),
  c(
    'credit.vip-downgrade',
    { evaluation: { customerId: 'v1', tier: 'vip', evaluatedOn: '2024-07-01', problems: ['latePayment'] } },
    (pol, x) =>
      vipDowngradeCheck(
        { customerId: 'v1', tier: 'vip', evaluatedOn: '2024-07-01', problems: ['latePayment'] },
        pol,
        x,
      ),
    undefined,
    '2024-07-07T09:00:00+08:00',
  ),
  c(
    'credit.tier-upgrade',
    { change: { customer: tierCustomer, from: 'preferred', to: 'vip', stageProblems: [] }, department },
    (pol) =>
      tierUpgradeCheck(
        { customer: tierCustomer, from: 'preferred', to: 'vip', stageProblems: [] },
        department,
        pol,
      ),
  ),
  c(
    'credit.blacklist-management',
    {
      actor: { unit: 'salesDepartment', departmentId: 'D2' },
      list: { scope: 'department', departmentId: 'D3' },
    },
    (pol) =>
      canManageBlacklist(
        { unit: 'salesDepartment', departmentId: 'D2' },
        { scope: 'department', departmentId: 'D3' },
        pol,
      ),
  ),
  c(
    'credit.blacklist-filing',
    { departmentId: 'D2', entries: entries.slice(0, 1), at: '2024-05-06T09:00:00+08:00' },
    (pol) => departmentBlacklistFiling('D2', entries.slice(0, 1), '2024-05-06T09:00:00+08:00', pol),
  ),
  c(
    'credit.blacklist',
    {
      request: { customerId: 'C1', departmentId: 'D1', action: 'newOrder', at: '2024-05-06T09:00:00+08:00' },
      entries,
    },
    (pol) =>
      canTransact(
        { customerId: 'C1', departmentId: 'D1', action: 'newOrder', at: '2024-05-06T09:00:00+08:00' },
        entries,
        pol,
      ),
  ),
  c(
    'credit.major-loss',
    {
      report: {
        customerId: 'C7',
        reportedBy: 'D1',
        verified: true,
        decision: 'blacklist',
        by: 'marketingDivision',
        at: '2024-05-06T09:00:00+08:00',
      },
      departments: ['D1', 'D2'],
    },
    (pol) =>
      blacklistForMajorLoss(
        {
          customerId: 'C7',
          reportedBy: 'D1',
          verified: true,
          decision: 'blacklist',
          by: 'marketingDivision',
          at: '2024-05-06T09:00:00+08:00',
        },
        ['D1', 'D2'],
        pol,
      ),
  ),
  c(
    'credit.partner-grade',
    { request: { partnerId: 'P1', admitted: false, grade: 'b', gradedBy: 'shengchang' } },
    (pol) =>
      assignPartnerGrade({ partnerId: 'P1', admitted: false, grade: 'b', gradedBy: 'shengchang' }, pol),
  ),
  c('credit.key-grade', { materials: [{ name: 'attachment3', provided: false, verified: false }] }, (pol) =>
    qualifiesForKeyGrade([{ name: 'attachment3', provided: false, verified: false }], pol),
  ),
  c(
    'credit.partner-grade-change',
    {
      change: {
        partnerId: 'P1',
        from: 'b',
        to: 'a',
        reason: 'bidWon',
        initiatorUnitId: 'U1',
        responsibleUnitId: 'U1',
        approvals: ['shengchang'],
      },
    },
    (pol) =>
      applyPartnerGradeChange(
        {
          partnerId: 'P1',
          from: 'b',
          to: 'a',
          reason: 'bidWon',
          initiatorUnitId: 'U1',
          responsibleUnitId: 'U1',
          approvals: ['shengchang'],
        },
        pol,
      ),
  ),
  c(
    'credit.partner-discount',
    {
      partner: {
        rank: 15,
        pastYear: {
          contractPerformance: 'outstanding',
          safetyQuality: 'outstanding',
          cooperation: 'outstanding',
        },
      },
    },
    (pol) =>
      partnerDiscountCandidate(
        {
          rank: 15,
          pastYear: {
            contractPerformance: 'outstanding',
            safetyQuality: 'outstanding',
            cooperation: 'outstanding',
          },
        },
        pol,
      ),
  ),
  c(
    'credit.partner-screening',
    {
      items: [
        { key: 'address', status: 'confirmed' },
        { key: 'personnel', status: 'confirmed' },
        { key: 'equipment', status: 'unclear' },
      ],
    },
    (pol) =>
      screenPartner(
        [
          { key: 'address', status: 'confirmed' },
          { key: 'personnel', status: 'confirmed' },
          { key: 'equipment', status: 'unclear' },
        ],
        pol,
      ),
  ),
  c(
    'credit.credit-preference',
    { status: 'normal' },
    (pol) => eligibleForCreditPreference('normal', (pol as { params: never }).params),
    preferencePolicy,
  ),
  c(
    'credit.decision-table',
    { facts: { yearsTrading: 6, latePayments: 0 } },
    (pol) =>
      runDecisionTable(defineDecisionTable((pol as { params: never }).params), {
        yearsTrading: 6,
        latePayments: 0,
      }),
    tablePolicy,
  ),
  // A company's own credit rules (no older entry point: the rule functions on the compiled rules).
  c(
    'credit.grade-scale',
    { facts: { yearsTrading: 1, overdueTimes12m: 1, registeredCapitalWan: 100 } },
    (pol) =>
      gradeOnScale(
        { yearsTrading: 1, overdueTimes12m: 1, registeredCapitalWan: 100 },
        compileCreditRules((pol as { params: never }).params),
      ),
  ),
  c('credit.limit-formula', limitInput, (pol) =>
    limitByFormula(LimitInputSchema.parse(limitInput), compileCreditRules((pol as { params: never }).params)),
  ),
  c(
    'credit.bad-debt-shares',
    { case: badDebtCase },
    (pol) =>
      shareBadDebt(
        BadDebtCaseSchema.parse(badDebtCase),
        compileCreditRules((pol as { params: never }).params),
        'credit.bad-debt-shares',
      ),
    undefined,
    '2025-06-30T17:00:00+08:00',
  ),
  c(
    'credit.debt-ageing',
    ageingInput,
    (pol) =>
      ageDebts(AgeingInputSchema.parse(ageingInput), compileCreditRules((pol as { params: never }).params)),
    undefined,
    '2025-03-31T09:00:00+08:00',
  ),
];

/** Modules that took the company's rule or table itself (or compiled rules), not a policy envelope. */
const COMPANY_RULES = new Set([
  'credit.credit-preference',
  'credit.decision-table',
  'credit.grade-scale',
  'credit.limit-formula',
  'credit.bad-debt-shares',
  'credit.debt-ageing',
]);

const evaluate = (k: Case, policy: unknown = k.policy, input: unknown = k.input) =>
  k.module.evaluate(input as never, policy, makeContext({ now: k.now ?? NOW }));

/** The error a call throws (a test fails if it returns). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal');
}

/** The first key of an object, misspelt by swapping its last two letters (`shipment` → `shipmetn`). */
const typo = (key: string) => `${key.slice(0, -2)}${key.at(-1)}${key.at(-2)}`;

describe('credit modules: one contract for every credit rule', () => {
  it('lists every module once, with ids credit.<name>, kebab-case presets and JSON Schemas', () => {
    const ids = creditModules.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^credit\.[a-z][a-z-]*$/.test(id))).toBe(true);
    expect(ids).toContain('credit.shipment');
    expect(cases.map((k) => k.module.id).sort()).toEqual([...ids].sort());
    const presets = creditModules.flatMap((m) => m.presetNames.map((n) => `${m.id}/${n}`));
    expect(presets).toContain('credit.shipment/distributor-000');
    expect(presets).toContain('credit.blacklist/customer-tiers-001');
    expect(presets).toContain('credit.sale/credit-grades-001');
    expect(presets).toContain('credit.partner-screening/partner-grading-000');
    for (const m of creditModules) {
      expect(m.jsonSchema.policy.type).toBe('object');
      expect(m.jsonSchema.input.additionalProperties).toBe(false);
      for (const n of m.presetNames) expect(m.preset(n).version).toBe('1');
    }
  });

  it('marks every value the seed leaves blank as an example value in the preset citations', () => {
    const line = creditShipmentModule.preset('distributor-000');
    const examples = Object.entries(line.citations ?? {}).filter(([, c]) => c.rule === 'zhidu.example');
    expect(examples.map(([pointer]) => pointer)).toEqual([
      '/params/liability/withinLimit',
      '/params/liability/monthEndSignatoryRatio',
    ]);
    // The preset is the factory's policy with the example values; the factory's policy carries the
    // catalog citations but no example citation (its blanks are the company's values).
    const policy = credit.distributorCreditLinePolicy({
      withinLimitShares: {
        shares: [
          { role: 'salesRep', weight: 10 },
          { role: 'regionalManager', weight: 5 },
        ],
        of: 100,
      },
      monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
    });
    const { citations, ...rest } = line;
    const { citations: factoryCitations, ...factoryRest } = policy;
    expect(rest).toEqual(factoryRest);
    expect(factoryCitations).toEqual(
      Object.fromEntries(Object.entries(citations ?? {}).filter(([, c]) => c.rule !== 'zhidu.example')),
    );
    expect(factoryCitations?.['/params/eligibility']?.rule).toBe('S000-CREDIT-01');
  });

  it('needs no calendar: credit rules count calendar days, so a context without one is accepted', () => {
    expect(creditModules.filter((m) => m.needsCalendar)).toEqual([]);
    expect(evaluate(cases[4] as Case).value.result).toMatchObject({ allowed: true });
  });

  for (const k of cases) {
    describe(k.module.id, () => {
      it('computes what the existing entry point computes, with the trace and provenance (module id, policy hash)', () => {
        const d = evaluate(k);
        const old = k.old(k.module.policy(k.policy) as never, makeContext({ now: k.now ?? NOW }));
        expect(d.value.result).toEqual(old.value);
        expect(d.trace).toEqual(old.trace);
        expect(d.trace.length).toBeGreaterThan(0);
        expect(d.provenance.module).toBe(k.module.id);
        expect(d.provenance.policy.hash).toBe(k.module.compile(k.policy).hash);
        expect(d.provenance.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(d.provenance.policy.id).toBe((k.policy as { id: string }).id);
      });

      it('refuses a misspelt input key with unknown_key, naming the key it meant', () => {
        const key = Object.keys(k.input as object)[0] as string;
        const bad = { ...(k.input as object), [typo(key)]: (k.input as Record<string, unknown>)[key] };
        const e = thrown(() => evaluate(k, k.policy, bad));
        expect(e).toBeInstanceOf(ZhiduError);
        expect(e).toMatchObject({ code: 'unknown_key', path: ['input', typo(key)] });
        expect((e as Error).message).toContain(`did you mean \`input.${key}\`?`);
      });

      it('refuses a misspelt policy key (efectiveTo) with unknown_key and the suggestion', () => {
        const e = thrown(() => evaluate(k, { ...(k.policy as object), efectiveTo: '2030-01-01' }));
        expect(e).toMatchObject({ code: 'unknown_key', path: ['policy', 'efectiveTo'] });
        expect((e as Error).message).toContain('did you mean `policy.effectiveTo`?');
      });

      it('refuses a raw policy object of the wrong shape with a ZhiduError, in the module and the old entry point (never a TypeError)', () => {
        const raw = { ...(k.policy as object), params: 'not an object' };
        const viaModule = thrown(() => evaluate(k, raw));
        expect(viaModule).toBeInstanceOf(ZhiduError);
        expect(viaModule).toMatchObject({ code: 'invalid_input', path: ['policy', 'params'] });
        const x = makeContext({ now: k.now ?? NOW });
        // These two took the company's rule or table itself, not a policy envelope.
        if (COMPANY_RULES.has(k.module.id)) return;
        for (const policy of [
          raw,
          null,
          42,
          { params: (k.module.policy(k.policy) as { params: unknown }).params },
        ]) {
          const viaOld = thrown(() => k.old(policy as never, x));
          expect(viaOld).toBeInstanceOf(ZhiduError);
          expect((viaOld as ZhiduError).code).toBe('invalid_input');
        }
      });
    });
  }
});

describe('entry points that take a company rule rather than a policy', () => {
  it('refuse a rule or table of the wrong shape with a ZhiduError', () => {
    for (const rule of [null, 'good', { scale: 'good', minimum: 'good' }]) {
      expect(() => eligibleForCreditPreference('good', rule as never)).toThrow(ZhiduError);
    }
    for (const table of [null, 42, { ...scorecard, rules: 'none' }]) {
      expect(() => defineDecisionTable(table as never)).toThrow(ZhiduError);
    }
  });
});

describe('old entry points called without a context', () => {
  it('vipDowngradeCheck refuses a missing ctx.now with a ZhiduError (was a TypeError)', () => {
    const evaluation = {
      customerId: 'v1',
      tier: 'vip' as const,
      evaluatedOn: '2024-07-01',
      problems: ['latePayment'],
    };
    const tiers = p(credit.creditVipDowngradeModule) as never;
    expect(() => vipDowngradeCheck(evaluation, tiers, undefined as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['ctx', 'now'] }),
    );
    expect(
      vipDowngradeCheck(evaluation, tiers, makeContext({ now: '2024-07-03T09:00:00+08:00' })).value,
    ).toEqual({
      required: true,
      deadline: '2024-07-06',
      done: false,
      overdue: false,
    });
  });
});

describe('typos inside credit policies are refused with the field meant', () => {
  it('refuses params.limit.windowdays on the distributor preset (was silently dropped before strict parsing)', () => {
    const preset = creditShipmentModule.preset('distributor-000');
    const bad = {
      ...preset,
      params: { ...preset.params, limit: { windowdays: 30, includeShipmentDay: false, basis: 'invoiced' } },
    };
    const e = thrown(() => creditShipmentModule.evaluate({ account, shipment }, bad, ctx));
    expect(e).toMatchObject({ code: 'unknown_key', path: ['policy', 'params', 'limit', 'windowdays'] });
    expect((e as Error).message).toContain('did you mean `policy.params.limit.windowDays`?');
    // The old entry point refuses it the same way.
    expect(() => shipmentCheck(account, shipment, bad as never, ctx)).toThrow(
      expect.objectContaining({ code: 'unknown_key', path: ['policy', 'params', 'limit', 'windowdays'] }),
    );
  });

  it('refuses a misspelt shipment field (paidInAdvence) instead of shipping without the prepayment', () => {
    const e = thrown(() =>
      creditShipmentModule.evaluate(
        { account, shipment: { ...shipment, paidInAdvence: yuan(20_000) } } as never,
        p(creditShipmentModule),
        ctx,
      ),
    );
    expect(e).toMatchObject({ code: 'unknown_key', path: ['input', 'shipment', 'paidInAdvence'] });
    expect((e as Error).message).toContain('did you mean `input.shipment.paidInAdvance`?');
  });

  it('property: any extra key on a shipment is refused with unknown_key at that key (seeded)', () => {
    const known = new Set(['id', 'at', 'amount', 'paidInAdvance', 'collectionPlan', 'signatures']);
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !known.has(s) && s !== '__proto__'),
        fc.oneof(fc.integer(), fc.string(), fc.boolean()),
        (key, value) => {
          const e = thrown(() =>
            creditShipmentModule.evaluate(
              { account, shipment: { ...shipment, [key]: value } } as never,
              p(creditShipmentModule),
              ctx,
            ),
          );
          expect(e).toMatchObject({ code: 'unknown_key', path: ['input', 'shipment', key] });
        },
      ),
      { seed: 20261204, numRuns: 40 },
    );
  });
});

describe('credit.account: events of the account', () => {
  const policy = p(creditAccountModule);

  it('refuses an unknown event type instead of ignoring it', () => {
    const e = thrown(() =>
      creditAccountModule.evaluate(
        {
          ledger,
          events: [...events, { type: 'refund', at: '2024-03-31T15:00:00+08:00', amount: 1 }],
        } as never,
        policy,
        ctx,
      ),
    );
    expect(e).toBeInstanceOf(ZhiduError);
    expect(e).toMatchObject({ code: 'invalid_input', path: ['input', 'events', 5, 'type'] });
  });

  it('refuses events of the account out of time order (the ordering rule)', () => {
    const swapped = [events[1], events[0], ...events.slice(2)];
    const e = thrown(() => creditAccountModule.evaluate({ ledger, events: swapped } as never, policy, ctx));
    expect(e).toMatchObject({ code: 'out_of_order', path: ['input', 'events', 1, 'at'] });
  });

  it('credit.bad-debt-shares refuses a person listed twice in one role (S000-CREDIT-10)', () => {
    const k = cases.find((x) => x.module.id === 'credit.bad-debt-shares') as Case;
    const twice = { ...badDebtCase, staff: [...badDebtCase.staff, { personId: 'li', role: 'salesRep' }] };
    const e = thrown(() => evaluate(k, k.policy, { case: twice }));
    expect(e).toMatchObject({ code: 'duplicate', path: ['input', 'case', 'staff', 2, 'personId'] });
    const once = evaluate(k) as unknown as { value: { result: { shares: { personId: string }[] } } };
    expect(once.value.result.shares.filter((x) => x.personId === 'li')).toHaveLength(1);
  });

  it('refuses a shipment recorded twice, at its id (S000-CREDIT-07)', () => {
    const first = events.find((e) => e.type === 'shipment');
    const e = thrown(() =>
      creditAccountModule.evaluate({ ledger, events: [first, first] } as never, policy, ctx),
    );
    expect(e).toMatchObject({ code: 'duplicate', path: ['input', 'events', 1, 'shipment', 'id'] });
  });

  it('keeps the given order of events at the same instant', () => {
    const same = [ship('S1', 10, yuan(20_000)), ship('S2', 10, yuan(25_000))];
    const d = creditAccountModule.evaluate({ ledger, events: same }, policy, ctx);
    expect(d.value.result.shipments.map((s) => [s.shipmentId, s.step])).toEqual([
      ['S1', 'first'],
      ['S2', 'final'],
    ]);
  });

  it('keeps custom fields out: an unknown field on a payment is refused', () => {
    const e = thrown(() =>
      creditAccountModule.evaluate(
        { ledger, events: [{ type: 'payment', at: NOW, amount: 1, memo: 'x' }] } as never,
        policy,
        ctx,
      ),
    );
    expect(e).toMatchObject({ code: 'unknown_key', path: ['input', 'events', 0, 'memo'] });
  });
});

describe('violations are part of every result', () => {
  it('credit.unapproved-shipment: one credit.overLimit.unapproved violation per person, in the result', () => {
    const d = creditUnapprovedShipmentModule.evaluate({ batch }, p(creditUnapprovedShipmentModule), ctx);
    expect(d.value.violations.map((v) => [v.code, v.personId, v.data?.amount])).toEqual([
      ['credit.overLimit.unapproved', 'l1', 600_000],
      ['credit.overLimit.unapproved', 'k1', 600_000],
      ['credit.overLimit.unapproved', 'h1', 600_000],
    ]);
    expect(d.value.result.violations).toEqual(d.value.violations);
  });

  it('credit.month-end-recovery: the signer’s deduction is a violation once month-end has passed, none before', () => {
    const after = creditMonthEndRecoveryModule.evaluate(
      { shipment: finalShipment, collections },
      p(creditMonthEndRecoveryModule),
      { now: '2024-04-01T09:00:00+08:00' },
    );
    expect(after.value.result.deduction).toBe(300_000);
    expect(after.value.violations).toEqual([after.value.result.violation]);
    expect(after.value.violations[0]).toMatchObject({
      code: 'credit.overLimit.unrecovered',
      personId: 'wang',
    });
    const before = creditMonthEndRecoveryModule.evaluate(
      { shipment: finalShipment, collections },
      p(creditMonthEndRecoveryModule),
      { now: '2024-03-25T09:00:00+08:00' },
    );
    expect(before.value.result.status).toBe('pending');
    expect(before.value.violations).toEqual([]);
  });

  it('modules without breaches of money return an empty violations list', () => {
    const d = creditShipmentModule.evaluate({ account, shipment }, p(creditShipmentModule), ctx);
    expect(d.value.violations).toEqual([]);
  });
});

describe('policies over time and compiled policies', () => {
  it('credit.shipment judges under the PolicyHistory version in force and names it in the trace', () => {
    const v1 = {
      ...p(creditShipmentModule),
      citations: undefined,
      version: '2023',
      effectiveTo: '2024-03-01',
    };
    const base = creditShipmentModule.preset('distributor-000');
    const v2 = {
      ...base,
      citations: undefined,
      version: '2024',
      effectiveFrom: '2024-03-01',
      params: { ...base.params, limit: { ...base.params.limit, windowDays: 10 } },
    };
    const history = new PolicyHistory(creditShipmentModule.schemas.params as never, [v1, v2]);
    const d = creditShipmentModule.evaluate({ account, shipment }, history, ctx);
    expect(d.trace[0]?.rule).toBe('zhidu.policy.version');
    expect(d.provenance.policy.version).toBe('2024');
    // 10 days before 03-31: only the 03-28 invoice of ¥35,000 counts.
    expect(d.value.result.limit).toBe(yuan(35_000));
  });

  it('credit.decision-table compiles the table once and refuses overlapping rows at compile time', () => {
    const compiled = credit.creditDecisionTableModule.compile(tablePolicy);
    expect(credit.creditDecisionTableModule.compile(compiled)).toBe(compiled);
    expect(
      credit.creditDecisionTableModule.evaluate(
        { facts: { yearsTrading: 1, latePayments: 7 } },
        compiled,
        ctx,
      ).value.result.output,
    ).toEqual({ grade: 'D' });
    const overlapping = {
      ...tablePolicy,
      params: { ...scorecard, rules: [...scorecard.rules, { id: 'X', when: {}, result: { grade: 'B' } }] },
    };
    expect(() => credit.creditDecisionTableModule.compile(overlapping)).toThrow(
      expect.objectContaining({ code: 'table_overlap' }),
    );
  });

  it('credit.grade-assignment refuses the preset, which has no grading table (the seed’s is missing)', () => {
    expect(() =>
      creditGradeAssignmentModule.evaluate(
        { facts: { yearsTrading: 6 } },
        p(creditGradeAssignmentModule),
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'invalid_state', path: ['policy', 'params', 'gradingTable'] }));
  });

  it('credit.grade-assignment cites a missing or mistyped column below input.facts (S001-GRADE-01)', () => {
    const preset = p(creditGradeAssignmentModule) as { params: Record<string, unknown> };
    const withTable = {
      ...preset,
      params: {
        ...preset.params,
        gradingTable: scorecard,
      },
    };
    const run = (facts: Record<string, unknown>) =>
      creditGradeAssignmentModule.evaluate({ facts } as never, withTable as never, ctx);
    expect(run({ yearsTrading: 6, latePayments: 0 }).value.result).toEqual({ grade: 'A' });
    expect(() => run({ yearsTrading: 'six', latePayments: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['input', 'facts', 'yearsTrading'] }),
    );
    expect(() => run({ latePayments: 0 })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        path: ['input', 'facts', 'yearsTrading'],
        message: '缺少输入列 "yearsTrading" / input "yearsTrading" is missing (at input.facts.yearsTrading)',
      }),
    );
  });
});

// Every scenario file (*.scenario.json, the one scenario format; its expectations are checked by
// packages/modules/src/scenarios/credit.test.ts): the module and the entry point it wraps decide the same.
const root = fileURLToPath(new URL('../scenarios', import.meta.url));
type In = Record<string, unknown>;
/** A named argument of a module input, handed to the entry point (which validates it). */
const a = (i: In, key: string): never => i[key] as never;
const rulesOf = (pol: never) => compileCreditRules((pol as { params: never }).params);
const entryPoint: Record<string, (i: In, policy: never, ctx: EvalContext) => Decision<unknown>> = {
  'credit.shipment': (i, pol, x) => shipmentCheck(a(i, 'account'), a(i, 'shipment'), pol, x),
  'credit.month-end-recovery': (i, pol, x) => monthEndRecovery(a(i, 'shipment'), a(i, 'collections'), pol, x),
  'credit.unapproved-shipment': (i, pol) => unapprovedShipmentLiability(a(i, 'batch'), pol),
  'credit.bad-debt': (i, pol) => badDebtLiability(a(i, 'debt'), pol),
  'credit.tier-grading': (i, pol) => gradeCustomer(a(i, 'customer'), a(i, 'department'), pol),
  'credit.vip-downgrade': (i, pol, x) => vipDowngradeCheck(a(i, 'evaluation'), pol, x),
  'credit.blacklist': (i, pol) => canTransact(a(i, 'request'), a(i, 'entries'), pol),
  'credit.sale': (i, pol) => creditSaleCheck(a(i, 'sale'), pol),
  'credit.partner-screening': (i, pol) => screenPartner(a(i, 'items'), pol),
  'credit.partner-grade': (i, pol) => assignPartnerGrade(a(i, 'request'), pol),
  'credit.partner-grade-change': (i, pol) => applyPartnerGradeChange(a(i, 'change'), pol),
  'credit.partner-discount': (i, pol) => partnerDiscountCandidate(a(i, 'partner'), pol),
  'credit.terms-check': (i, pol) => creditTermsCheck(a(i, 'proposal'), pol),
  'credit.grade-change': (i, pol) => gradeChangeOf(a(i, 'change'), pol),
  'credit.eligibility': (i, pol) => creditEligibilityCheck(a(i, 'customer'), pol),
  'credit.admission': (i, pol) => admitCustomer(a(i, 'customer'), pol),
  'credit.grade-terms': (i, pol) => creditTermsFor(a(i, 'grade'), pol),
  'credit.event-response': (i, pol) => creditEventResponse(a(i, 'event'), pol),
  'credit.action': (i, pol) => creditActionCheck(a(i, 'request'), pol),
  'credit.tier-eligibility': (i, pol) => tierEligibility(a(i, 'customer'), a(i, 'tier'), pol),
  'credit.tier-cap': (i, pol) => tierCapCheck(a(i, 'department'), a(i, 'candidate'), a(i, 'tier'), pol),
  'credit.stage-review': (i, pol) => nextStageReview(a(i, 'lastReview'), pol),
  'credit.limit': (i, pol) => creditLimitOn(a(i, 'history'), a(i, 'date'), pol),
  'credit.status': (i, pol) => classifyCreditStatus(a(i, 'customer'), a(i, 'date'), pol),
  // A company's own credit rules: the rule functions on the compiled rules.
  'credit.grade-scale': (i, pol) => gradeOnScale(a(i, 'facts'), rulesOf(pol)),
  'credit.limit-formula': (i, pol) => limitByFormula(LimitInputSchema.parse(i), rulesOf(pol)),
  'credit.bad-debt-shares': (i, pol) =>
    shareBadDebt(BadDebtCaseSchema.parse(i.case), rulesOf(pol), 'credit.bad-debt-shares'),
  'credit.debt-ageing': (i, pol) => ageDebts(AgeingInputSchema.parse(i), rulesOf(pol)),
};
describe('scenario files through the modules', () => {
  const files = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(root, d.name))
        .filter((f) => f.endsWith('.scenario.json'))
        .map((f) => `${d.name}/${f}`),
    )
    .sort();
  it('finds the scenario files (*.scenario.json, one directory per regulation)', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });
  it.each(files)('%s: the module decides as its entry point, citing every listed rule', (file) => {
    const s = JSON.parse(readFileSync(join(root, file), 'utf8')) as {
      rules: string[];
      module: string;
      preset: string;
      context: { now: string };
      input: In;
    };
    const m = byId(s.module);
    const old = entryPoint[s.module];
    if (old === undefined) throw new Error(`no entry point for ${s.module}`);
    const policy = m.preset(s.preset);
    const x = makeContext({ now: s.context.now });
    const d = m.evaluate(s.input as never, policy, x);
    expect(d.value.result).toEqual(old(s.input, policy as never, x).value);
    for (const rule of s.rules) expect(d.trace.map((t) => t.rule)).toContain(rule);
  });
});

// Compile-time check: inputs are typed from the schemas.
const _typed:
  | z.input<typeof creditShipmentModule.schemas.input>
  | Parameters<typeof creditShipmentModule.evaluate>[0] = {
  account,
  shipment,
};
void _typed;

/** Every object node of a schema, with its path, that accepts unknown keys. */
function looseObjects(schema: z.ZodType, path: string, seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const out: string[] = [];
  const walk = (s: unknown, at: string) => {
    if (s !== undefined && s !== null && typeof s === 'object' && '_zod' in s)
      out.push(...looseObjects(s as z.ZodType, at, seen));
  };
  if (def.type === 'object') {
    const catchall = def.catchall as { _zod: { def: { type: string } } } | undefined;
    if (catchall?._zod.def.type !== 'never') out.push(path);
    for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) walk(v, `${path}.${k}`);
  }
  for (const key of ['innerType', 'in', 'out', 'element', 'valueType', 'left', 'right']) walk(def[key], path);
  for (const key of ['options', 'items'])
    for (const o of (def[key] as unknown[] | undefined) ?? []) walk(o, path);
  return out;
}

describe('strict at the boundary', () => {
  it('every exported schema and every module schema refuses unknown keys at every depth', () => {
    const schemas = [
      ...Object.entries(credit)
        .filter(([name, s]) => name.endsWith('Schema') && typeof s === 'object' && s !== null && '_zod' in s)
        .map(([name, s]) => [name, s] as const),
      ...creditModules.flatMap((m) => [
        [`${m.id} policy`, m.schemas.policy] as const,
        [`${m.id} input`, m.schemas.input] as const,
      ]),
    ];
    expect(schemas.length).toBeGreaterThan(100);
    // The walk finds a loose object however deep it sits.
    expect(
      looseObjects(z.strictObject({ a: z.array(z.object({ b: z.string() }).optional()) }), 'probe'),
    ).toEqual(['probe.a']);
    const loose = schemas.flatMap(([name, s]) => looseObjects(s as z.ZodType, name));
    expect(loose).toEqual([]);
  });

  it.each([
    ['credit.sale', ['escalateTo'], 'escalteTo'],
    ['credit.blacklist', ['blacklist', 'openContracts'], 'opencontracts'],
    ['credit.partner-screening', ['discount', 'topN'], 'topn'],
    ['credit.bad-debt', ['liability', 'unapprovedBasis'], 'unaprovedBasis'],
  ])('%s: a misspelt params key %j is refused with the field meant', (id, at, wrong) => {
    const k = cases.find((x) => x.module.id === id) as Case;
    const preset = JSON.parse(JSON.stringify(k.policy)) as {
      params: Record<string, Record<string, unknown>>;
    };
    const parent =
      at.length === 1 ? preset.params : (preset.params[at[0] as string] as Record<string, unknown>);
    const key = at.at(-1) as string;
    parent[wrong] = parent[key];
    delete parent[key];
    const e = thrown(() => evaluate(k, preset));
    const wrongPath = ['policy', 'params', ...at.slice(0, -1), wrong];
    expect(e).toMatchObject({ code: 'unknown_key', path: wrongPath });
    expect((e as Error).message).toContain(`did you mean \`policy.params.${at.join('.')}\`?`);
  });
});
