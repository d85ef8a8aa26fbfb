// The well-named entry points of @zhidu/credit: each is a thin call of its module, with the module's
// signature (input object, policy, context) and the module's decision. The rules themselves live in
// the modules (and the implementation functions they call); nothing here computes anything.
import type { ContextInput, EvalContext } from '@zhidu/core';
import {
  creditActionModule,
  creditDecisionTableModule,
  creditEligibilityModule,
  creditGradeChangeModule,
  creditSaleModule,
  creditShipmentModule,
  creditTermsCheckModule,
  creditTierUpgradeModule,
  creditVipDowngradeModule,
} from './modules.js';

/**
 * Credit eligibility (S000-CREDIT-01): the call of `credit.eligibility`
 * (`creditEligibilityModule.evaluate(input, policy, ctx)`), returning its decision.
 *
 * @param input - `{ customer }`
 * @param policy - the credit-line policy (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns `{ value: { result: { eligible, failed }, violations }, trace, provenance }`
 * @throws ZhiduError when the policy, the input or the context is refused
 * @example
 * const customer = {
 *   customerId: 'C1',
 *   file: { exists: true, openerIdCopy: true },
 *   contract: { type: 'distribution', settlementAgreement: true },
 *   priorYearOutstanding: 0,
 * };
 * const policy = creditEligibilityModule.preset('distributor-000');
 * const now = '2024-04-01T09:00:00+08:00';
 * checkCreditEligibility({ customer }, policy, { now }).value.result; //=> { eligible: true, failed: [] }
 * const owing = { ...customer, priorYearOutstanding: yuan(1_200) };
 * checkCreditEligibility({ customer: owing }, policy, { now }).value.result.failed; //=> ['priorYearBalanceCleared']
 */
export function checkCreditEligibility(
  input: Parameters<typeof creditEligibilityModule.evaluate>[0],
  policy: Parameters<typeof creditEligibilityModule.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<typeof creditEligibilityModule.evaluate> {
  return creditEligibilityModule.evaluate(input, policy, ctx);
}

/**
 * Whether a shipment may be invoiced and released, and on what terms (S000-CREDIT-04…09, 13): the
 * call of `credit.shipment` (`creditShipmentModule.evaluate(input, policy, ctx)`). A company's own
 * rules run through `creditShipmentModuleWith({ customRules }).evaluate(…)`.
 *
 * @param input - `{ account, shipment }`
 * @param policy - the credit-line policy (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` is the shipment check (`allowed`, `path`, `step` …)
 * @throws ZhiduError when the policy, the input or the context is refused
 * @example
 * const policy = creditShipmentModule.preset('distributor-000');
 * const account = {
 *   customerId: 'C1',
 *   file: { exists: true, openerIdCopy: true },
 *   contract: { type: 'distribution', settlementAgreement: true },
 *   priorYearOutstanding: 0,
 *   goods: dailyGoodsFromInvoices(
 *     [{ at: '2024-03-05T10:00:00+08:00', amount: yuan(90_000) }],
 *     { from: '2024-02-01', through: '2024-03-31' },
 *     policy.zone,
 *   ),
 *   outstanding: yuan(80_000),
 * };
 * const shipment = { id: 'S-9', amount: yuan(20_000), signatures: [{ personId: 'wang', role: 'regionalManager' }] };
 * const d = checkShipment({ account, shipment }, policy, { now: '2024-03-31T10:00:00+08:00' });
 * [d.value.result.allowed, d.value.result.path, d.value.result.step]; //=> [true, 'overLimitStep', 'first']
 * d.provenance.module; //=> 'credit.shipment'
 */
export function checkShipment(
  input: Parameters<typeof creditShipmentModule.evaluate>[0],
  policy: Parameters<typeof creditShipmentModule.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<typeof creditShipmentModule.evaluate> {
  return creditShipmentModule.evaluate(input, policy, ctx);
}

/**
 * A proposed credit line and term checked against the grade (S001-CREDIT-01…04): the call of
 * `credit.terms-check` (`creditTermsCheckModule.evaluate(input, policy, ctx)`).
 *
 * @param input - `{ proposal }`
 * @param policy - the credit-grade policy (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` is `{ ok, violations }`
 * @throws ZhiduError when the policy, the input or the context is refused
 * @example
 * const proposal = { grade: 'A', limit: yuan(250_000), onePurchaseAmount: yuan(200_000), purchaseCycleDays: 30, termDays: 30 };
 * const policy = creditTermsCheckModule.preset('credit-grades-001');
 * checkCreditTerms({ proposal }, policy, { now: '2024-07-01T09:00:00+08:00' }).value.result;
 * //=> { ok: false, violations: ['limitAboveOnePurchase'] }
 */
export function checkCreditTerms(
  input: Parameters<typeof creditTermsCheckModule.evaluate>[0],
  policy: Parameters<typeof creditTermsCheckModule.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<typeof creditTermsCheckModule.evaluate> {
  return creditTermsCheckModule.evaluate(input, policy, ctx);
}

/**
 * Whether a sale may go ahead on the payment asked for (S001-CREDIT-02…05): the call of
 * `credit.sale` (`creditSaleModule.evaluate(input, policy, ctx)`).
 *
 * @param input - `{ sale }`
 * @param policy - the credit-grade policy (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` says whether the sale is allowed and who must approve
 * @throws ZhiduError when the policy, the input or the context is refused
 * @example
 * // ¥80,000 used of a ¥100,000 line; a ¥50,000 credit sale goes ¥30,000 (30 %) over: the president decides.
 * const sale = { grade: 'A', payment: 'credit', amount: yuan(50_000), limit: yuan(100_000), outstanding: yuan(80_000) };
 * const d = checkCreditSale({ sale }, creditSaleModule.preset('credit-grades-001'), { now: '2024-07-01T09:00:00+08:00' });
 * d.value.result.allowed; //=> false
 * d.value.result.requiredApprovers; //=> ['salesManager', 'president']
 */
export function checkCreditSale(
  input: Parameters<typeof creditSaleModule.evaluate>[0],
  policy: Parameters<typeof creditSaleModule.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<typeof creditSaleModule.evaluate> {
  return creditSaleModule.evaluate(input, policy, ctx);
}

/**
 * A proposed change of a customer's credit grade (S001-GRADE-02): the call of `credit.grade-change`
 * (`creditGradeChangeModule.evaluate(input, policy, ctx)`).
 *
 * @param input - `{ change }`
 * @param policy - the credit-grade policy (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` is `{ effective, grade, missing, refused }`
 * @throws ZhiduError when the policy, the input or the context is refused
 * @example
 * const change = {
 *   customerId: 'C-118',
 *   from: 'B',
 *   to: 'C',
 *   proposedBy: { personId: 'zhou', role: 'finance' },
 *   approvals: [{ personId: 'liu', role: 'salesManager' }],
 * };
 * const policy = creditGradeChangeModule.preset('credit-grades-001');
 * resolveGradeChange({ change }, policy, { now: '2024-07-01T09:00:00+08:00' }).value.result;
 * //=> { effective: false, grade: 'B', missing: ['marketingDirector'], refused: false }
 */
export function resolveGradeChange(
  input: Parameters<typeof creditGradeChangeModule.evaluate>[0],
  policy: Parameters<typeof creditGradeChangeModule.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<typeof creditGradeChangeModule.evaluate> {
  return creditGradeChangeModule.evaluate(input, policy, ctx);
}

/**
 * Whether a credit action may be taken (S001-CREDIT-06/08/09): the call of `credit.action`
 * (`creditActionModule.evaluate(input, policy, ctx)`).
 *
 * @param input - `{ request }`
 * @param policy - the credit-grade policy (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` is `{ allowed, missing }`
 * @throws ZhiduError when the policy, the input or the context is refused
 * @example
 * const policy = creditActionModule.preset('credit-grades-001');
 * const now = '2024-07-01T09:00:00+08:00';
 * checkCreditAction({ request: { action: 'restrictShipment' } }, policy, { now }).value.result;
 * //=> { allowed: false, missing: 'superiorInstruction' }
 */
export function checkCreditAction(
  input: Parameters<typeof creditActionModule.evaluate>[0],
  policy: Parameters<typeof creditActionModule.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<typeof creditActionModule.evaluate> {
  return creditActionModule.evaluate(input, policy, ctx);
}

/**
 * The 5-day downgrade of a VIP with problems (S001-GRADE-10): the call of `credit.vip-downgrade`
 * (`creditVipDowngradeModule.evaluate(input, policy, ctx)`).
 *
 * @param input - `{ evaluation }`
 * @param policy - the customer-tier policy (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` is `{ required, deadline, done, overdue }`
 * @throws ZhiduError when the policy, the input or the context is refused
 * @example
 * const evaluation = { customerId: 'v1', tier: 'vip', evaluatedOn: '2024-07-01', problems: ['latePayment'] };
 * const policy = creditVipDowngradeModule.preset('customer-tiers-001');
 * checkVipDowngrade({ evaluation }, policy, { now: '2024-07-07T08:00:00+08:00' }).value.result;
 * //=> { required: true, deadline: '2024-07-06', done: false, overdue: true }
 */
export function checkVipDowngrade(
  input: Parameters<typeof creditVipDowngradeModule.evaluate>[0],
  policy: Parameters<typeof creditVipDowngradeModule.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<typeof creditVipDowngradeModule.evaluate> {
  return creditVipDowngradeModule.evaluate(input, policy, ctx);
}

/**
 * Whether a customer may move up after a good stage (S001-GRADE-12): the call of
 * `credit.tier-upgrade` (`creditTierUpgradeModule.evaluate(input, policy, ctx)`).
 *
 * @param input - `{ change, department }`
 * @param policy - the customer-tier policy (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` is `{ allowed, reasons }`
 * @throws ZhiduError when the policy, the input or the context is refused
 * @example
 * const customer = {
 *   id: 'd7',
 *   kind: 'distributor',
 *   annualBusiness: yuan(1_500_000),
 *   facts: {
 *     goodOperations: true,
 *     highReputationStabilityLoyalty: true,
 *     directDistributorOrMedical: true,
 *     paysOnTimeLowRisk: true,
 *     longTermPartnershipIntent: true,
 *   },
 * };
 * // 20 customers of whom 3 are already VIP: the 15 % cap is full.
 * const customers = Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, tier: i < 3 ? 'vip' : 'preferred' }));
 * const change = { customer, from: 'preferred', to: 'vip', stageProblems: [] };
 * const policy = creditTierUpgradeModule.preset('customer-tiers-001');
 * const d = checkTierUpgrade({ change, department: { id: 'D1', customers } }, policy, { now: '2024-07-07T08:00:00+08:00' });
 * d.value.result; //=> { allowed: false, reasons: ['vipCapReached'] }
 */
export function checkTierUpgrade(
  input: Parameters<typeof creditTierUpgradeModule.evaluate>[0],
  policy: Parameters<typeof creditTierUpgradeModule.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<typeof creditTierUpgradeModule.evaluate> {
  return creditTierUpgradeModule.evaluate(input, policy, ctx);
}

/**
 * A company's decision table run on one set of facts: the call of `credit.decision-table`
 * (`creditDecisionTableModule.evaluate(input, policy, ctx)`). The policy's `params` is the table;
 * `creditDecisionTableModule.compile(policy)` checks it (overlap, types) once for repeated calls.
 *
 * @param input - `{ facts }`: a value for every input column
 * @param policy - the table as a policy (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` is `{ matches, output, aggregate }`
 * @throws ZhiduError when the table, the facts or the context is refused
 * @example
 * const policy = {
 *   id: 'acme.scoreBands',
 *   version: '1',
 *   effectiveFrom: '2024-01-01',
 *   source: { title: '客户评分' },
 *   params: {
 *     id: 'acme.scoreBands',
 *     hitPolicy: 'first',
 *     inputs: [{ name: 'score', type: 'number' }],
 *     outputs: [{ name: 'grade', type: 'string' }],
 *     rules: [
 *       { id: 'A', when: { score: { gte: 90 } }, result: { grade: 'A' } },
 *       { id: 'B', when: { score: { gte: 75, lt: 90 } }, result: { grade: 'B' } },
 *     ],
 *     defaultOutput: { grade: 'C' },
 *   },
 * };
 * const compiled = creditDecisionTableModule.compile(policy);
 * const now = '2024-07-01T09:00:00+08:00';
 * evaluateDecisionTable({ facts: { score: 95 } }, compiled, { now }).value.result.output; //=> { grade: 'A' }
 * evaluateDecisionTable({ facts: { score: 60 } }, compiled, { now }).value.result.output; //=> { grade: 'C' }
 * evaluateDecisionTable({ facts: { score: '95' } }, compiled, { now }); // throws ZhiduError invalid_input
 */
export function evaluateDecisionTable(
  input: Parameters<typeof creditDecisionTableModule.evaluate>[0],
  policy: Parameters<typeof creditDecisionTableModule.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<typeof creditDecisionTableModule.evaluate> {
  return creditDecisionTableModule.evaluate(input, policy, ctx);
}
