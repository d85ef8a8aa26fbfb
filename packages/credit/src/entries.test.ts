import { type ContextInput, yuan, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  checkCreditAction,
  checkCreditEligibility,
  checkCreditSale,
  checkCreditTerms,
  checkShipment,
  checkTierUpgrade,
  checkVipDowngrade,
  creditActionModule,
  creditDecisionTableModule,
  creditEligibilityModule,
  creditGradeChangeModule,
  creditSaleModule,
  creditShipmentModule,
  creditTermsCheckModule,
  creditTierUpgradeModule,
  creditVipDowngradeModule,
  dailyGoodsFromInvoices,
  evaluateDecisionTable,
  resolveGradeChange,
} from './index.js';

// Each well-named entry point is a thin call of its module: the same decision (result, violations,
// trace and provenance), and the same refusals.

type Thin = (input: never, policy: unknown, ctx: ContextInput) => unknown;
interface Case {
  fn: Thin;
  module: { id: string; evaluate: Thin; preset?(name: string): unknown };
  policy: unknown;
  input: Record<string, unknown>;
  now: string;
  /** The field of the input a malformed value is put in (refused at `input.<field>`). */
  field: string;
}

const customer = {
  customerId: 'C1',
  file: { exists: true, openerIdCopy: true },
  contract: { type: 'distribution', settlementAgreement: true },
  priorYearOutstanding: 0,
};
const goods = dailyGoodsFromInvoices(
  [{ at: '2024-03-05T10:00:00+08:00', amount: yuan(90_000) }],
  { from: '2024-02-01', through: '2024-03-31' },
  'Asia/Shanghai',
);
const rm = { personId: 'wang', role: 'regionalManager' };
const tierCustomer = {
  id: 'd7',
  kind: 'distributor',
  annualBusiness: yuan(1_500_000),
  facts: {
    goodOperations: true,
    highReputationStabilityLoyalty: true,
    directDistributorOrMedical: true,
    paysOnTimeLowRisk: true,
    longTermPartnershipIntent: true,
  },
};
const tablePolicy = {
  id: 'acme.scoreBands',
  version: '1',
  effectiveFrom: '2024-01-01',
  source: { title: '客户评分' },
  params: {
    id: 'acme.scoreBands',
    hitPolicy: 'first',
    inputs: [{ name: 'score', type: 'number' }],
    outputs: [{ name: 'grade', type: 'string' }],
    rules: [
      { id: 'A', when: { score: { gte: 90 } }, result: { grade: 'A' } },
      { id: 'B', when: { score: { gte: 75, lt: 90 } }, result: { grade: 'B' } },
    ],
    defaultOutput: { grade: 'C' },
  },
};

const CASES: Record<string, Case> = {
  checkCreditEligibility: {
    fn: checkCreditEligibility as Thin,
    module: creditEligibilityModule as never,
    policy: creditEligibilityModule.preset('distributor-000'),
    input: { customer: { ...customer, priorYearOutstanding: yuan(1_200) } },
    now: '2024-04-01T09:00:00+08:00',
    field: 'customer',
  },
  checkShipment: {
    fn: checkShipment as Thin,
    module: creditShipmentModule as never,
    policy: creditShipmentModule.preset('distributor-000'),
    input: {
      account: { ...customer, goods, outstanding: yuan(80_000) },
      shipment: { id: 'S-9', amount: yuan(20_000), signatures: [rm] },
    },
    now: '2024-03-31T10:00:00+08:00',
    field: 'shipment',
  },
  checkCreditTerms: {
    fn: checkCreditTerms as Thin,
    module: creditTermsCheckModule as never,
    policy: creditTermsCheckModule.preset('credit-grades-001'),
    input: {
      proposal: {
        grade: 'A',
        limit: yuan(250_000),
        onePurchaseAmount: yuan(200_000),
        purchaseCycleDays: 30,
        termDays: 30,
      },
    },
    now: '2024-07-01T09:00:00+08:00',
    field: 'proposal',
  },
  checkCreditSale: {
    fn: checkCreditSale as Thin,
    module: creditSaleModule as never,
    policy: creditSaleModule.preset('credit-grades-001'),
    input: {
      sale: {
        grade: 'A',
        payment: 'credit',
        amount: yuan(50_000),
        limit: yuan(100_000),
        outstanding: yuan(80_000),
      },
    },
    now: '2024-07-01T09:00:00+08:00',
    field: 'sale',
  },
  resolveGradeChange: {
    fn: resolveGradeChange as Thin,
    module: creditGradeChangeModule as never,
    policy: creditGradeChangeModule.preset('credit-grades-001'),
    input: {
      change: {
        customerId: 'C-118',
        from: 'B',
        to: 'C',
        proposedBy: { personId: 'zhou', role: 'finance' },
        approvals: [{ personId: 'liu', role: 'salesManager' }],
      },
    },
    now: '2024-07-01T09:00:00+08:00',
    field: 'change',
  },
  checkCreditAction: {
    fn: checkCreditAction as Thin,
    module: creditActionModule as never,
    policy: creditActionModule.preset('credit-grades-001'),
    input: { request: { action: 'restrictShipment' } },
    now: '2024-07-01T09:00:00+08:00',
    field: 'request',
  },
  checkVipDowngrade: {
    fn: checkVipDowngrade as Thin,
    module: creditVipDowngradeModule as never,
    policy: creditVipDowngradeModule.preset('customer-tiers-001'),
    input: {
      evaluation: { customerId: 'v1', tier: 'vip', evaluatedOn: '2024-07-01', problems: ['latePayment'] },
    },
    now: '2024-07-07T08:00:00+08:00',
    field: 'evaluation',
  },
  checkTierUpgrade: {
    fn: checkTierUpgrade as Thin,
    module: creditTierUpgradeModule as never,
    policy: creditTierUpgradeModule.preset('customer-tiers-001'),
    input: {
      change: { customer: tierCustomer, from: 'preferred', to: 'vip', stageProblems: [] },
      department: {
        id: 'D1',
        customers: Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, tier: i < 3 ? 'vip' : 'preferred' })),
      },
    },
    now: '2024-07-07T08:00:00+08:00',
    field: 'department',
  },
  evaluateDecisionTable: {
    fn: evaluateDecisionTable as Thin,
    module: creditDecisionTableModule as never,
    policy: tablePolicy,
    input: { facts: { score: 80 } },
    now: '2024-07-01T09:00:00+08:00',
    field: 'facts',
  },
};

function refusal(f: () => unknown): ZhiduError {
  try {
    f();
  } catch (e) {
    if (e instanceof ZhiduError) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError, nothing was thrown');
}

describe('credit entry points are thin calls of their modules', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name} is a thin call of ${c.module.id}: the module's decision, trace and provenance included`, () => {
      const ctx = { now: c.now };
      const thin = c.fn(c.input as never, c.policy, ctx) as {
        value: { result: unknown; violations: unknown[] };
        trace: unknown[];
        provenance: { module: string };
      };
      expect(thin).toEqual(c.module.evaluate(c.input as never, c.policy, ctx));
      expect(thin.provenance.module).toBe(c.module.id);
      expect(thin.trace.length).toBeGreaterThan(0);
    });
    it(`${name} (thin call) refuses a bad policy and a bad input with a ZhiduError naming the field`, () => {
      const ctx = { now: c.now };
      const { id: _id, ...noId } = c.policy as Record<string, unknown>;
      const badPolicy = refusal(() => c.fn(c.input as never, noId, ctx));
      expect([badPolicy.code, badPolicy.path]).toEqual(['invalid_input', ['policy', 'id']]);
      const badInput = refusal(() => c.fn({ ...c.input, [c.field]: 42 } as never, c.policy, ctx));
      expect([badInput.code, badInput.path]).toEqual(['invalid_input', ['input', c.field]]);
      const extra = refusal(() => c.fn({ ...c.input, extra: 1 } as never, c.policy, ctx));
      expect([extra.code, extra.path]).toEqual(['unknown_key', ['input', 'extra']]);
    });
  }

  it('the decision-table thin call takes the compiled policy too, and refuses an overlapping table when it is compiled', () => {
    const ctx = { now: '2024-07-01T09:00:00+08:00' };
    const compiled = creditDecisionTableModule.compile(tablePolicy);
    expect(evaluateDecisionTable({ facts: { score: 95 } }, compiled, ctx).value.result.output).toEqual({
      grade: 'A',
    });
    expect(evaluateDecisionTable({ facts: { score: 60 } }, tablePolicy, ctx).value.result.output).toEqual({
      grade: 'C',
    });
    const overlapping = {
      ...tablePolicy,
      params: {
        ...tablePolicy.params,
        rules: [
          ...tablePolicy.params.rules,
          { id: 'B2', when: { score: { gte: 70 } }, result: { grade: 'B' } },
        ],
      },
    };
    expect(refusal(() => evaluateDecisionTable({ facts: { score: 95 } }, overlapping, ctx)).code).toBe(
      'table_overlap',
    );
  });

  it('checkShipment (thin call) no longer takes positional arguments: the old call is refused, not guessed', () => {
    const c = CASES.checkShipment as Case;
    const old = refusal(() =>
      (checkShipment as unknown as (...a: unknown[]) => unknown)(
        (c.input as { account: unknown }).account,
        (c.input as { shipment: unknown }).shipment,
        c.policy,
        { now: c.now },
      ),
    );
    // the third argument (the policy) is read as the context: its first key is no context field
    expect([old.code, old.path]).toEqual(['unknown_key', ['ctx', 'id']]);
  });
});
