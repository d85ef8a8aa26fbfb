import {
  addDays,
  addMonthsClamped,
  type Decision,
  type EvalContext,
  InstantSchema,
  type LocalDate,
  LocalDateSchema,
  localDateOf,
  parseInput,
  Trace,
} from '@zhidu/core';
import { z } from 'zod';
import { paramsOf, policyOf, SEED_001 } from '../shared.js';
import {
  type CapCheck,
  type DepartmentRoster,
  type DepartmentRosterSchema,
  type TierCandidateSchema,
  TierCustomerSchema,
  tierCapCheck,
  tierCapParsed,
  tierEligibilityParsed,
} from './grading.js';
import { type CreditTier, CreditTierSchema, TierParamsSchema, type TierPolicy } from './policy.js';

/**
 * When the next stage review (階段性評審) is due: every 6 calendar months in principle, with the
 * result filed with the marketing division (S001-GRADE-09). Month-end dates clamp (08-31 → 02-29).
 *
 * @param lastReview - the date of the last review
 * @param policy - a tier policy (`reviewEveryMonths`)
 * @returns a decision whose value is the due date and the filing target
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * nextStageReview('2023-08-31', tiers).value.due; //=> '2024-02-29' (6 months, clamped to month end)
 */
export function nextStageReview(
  lastReview: LocalDate,
  policy: TierPolicy,
): Decision<{ due: LocalDate; fileWith: string }> {
  paramsOf(policy, TierParamsSchema);
  return stageReviewParsed(parseInput(LocalDateSchema, lastReview, ['lastReview']), policy);
}

/** {@link nextStageReview} on a date its module has parsed already (one parse, not two; issue 21). @internal */
export function stageReviewParsed(
  last: LocalDate,
  policy: TierPolicy,
): Decision<{ due: LocalDate; fileWith: string }> {
  const p = paramsOf(policy, TierParamsSchema);
  const due = addMonthsClamped(last, p.reviewEveryMonths);
  return new Trace()
    .add(
      'S001-GRADE-09',
      `${SEED_001} L650–L652 3.1–3.2`,
      `階段性評審每 ${p.reviewEveryMonths} 個月一次：下次 ${due}，評審結果報營銷事業部備案`,
      `stage review every ${p.reviewEveryMonths} months: next by ${due}, results filed with the marketing division`,
      { last, due },
    )
    .decide({ due, fileWith: 'marketingDivision' });
}

/** A VIP's stage evaluation and what was done about it. */
export const VipEvaluationSchema = z.strictObject({
  customerId: z.string().min(1),
  tier: CreditTierSchema,
  evaluatedOn: LocalDateSchema,
  /** Problems found, e.g. `poorContractPerformance`, `latePayment`, `majorOperatingCrisis`. */
  problems: z.array(z.string().min(1)),
  /** When the department downgraded it, and to which tier. */
  downgrade: z.strictObject({ on: LocalDateSchema, to: CreditTierSchema }).optional(),
});

/**
 * A VIP with problems in an evaluation stage must be downgraded to preferred or qualified within
 * 5 days of the evaluation (S001-GRADE-10); the 5th day counts (以內, inclusive), in calendar days.
 *
 * @param evaluation - the VIP's evaluation, problems and any downgrade made
 * @param policy - a tier policy (`vipDowngradeWithinDays`)
 * @param ctx - `ctx.now` decides whether the deadline has passed
 * @returns a decision: whether a downgrade is required, the deadline, and whether it is overdue
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * const evaluation = { customerId: 'v1', tier: 'vip' as const, evaluatedOn: '2024-07-01', problems: ['latePayment'] };
 * const d = vipDowngradeCheck(evaluation, tiers, makeContext({ now: '2024-07-07T09:00:00+08:00' })).value;
 * d; //=> { required: true, deadline: '2024-07-06', done: false, overdue: true }
 */
export function vipDowngradeCheck(
  evaluation: z.input<typeof VipEvaluationSchema>,
  policy: TierPolicy,
  ctx: EvalContext,
): Decision<{ required: boolean; deadline: LocalDate | null; done: boolean; overdue: boolean }> {
  policyOf(policy, TierParamsSchema);
  return vipDowngradeParsed(parseInput(VipEvaluationSchema, evaluation, ['evaluation']), policy, ctx);
}

/**
 * {@link vipDowngradeCheck} on an evaluation its module has parsed already (one parse, not two;
 * issue 21). @internal
 */
export function vipDowngradeParsed(
  e: z.output<typeof VipEvaluationSchema>,
  policy: TierPolicy,
  ctx: EvalContext,
): Decision<{ required: boolean; deadline: LocalDate | null; done: boolean; overdue: boolean }> {
  const pol = policyOf(policy, TierParamsSchema);
  const p = pol.params;
  const clause = `${SEED_001} L654 3.3`;
  const trace = new Trace();
  if (e.tier !== 'vip' || e.problems.length === 0) {
    trace.add(
      'S001-GRADE-10',
      clause,
      '非問題VIP客戶：無需降級',
      'not a VIP with problems: no downgrade required',
      {
        tier: e.tier,
        problems: e.problems,
      },
    );
    return trace.decide({ required: false, deadline: null, done: false, overdue: false });
  }
  const deadline = addDays(e.evaluatedOn, p.vipDowngradeWithinDays);
  const lowered = e.downgrade !== undefined && e.downgrade.to !== 'vip';
  const done = lowered && e.downgrade !== undefined && e.downgrade.on <= deadline;
  const today = localDateOf(parseInput(InstantSchema, ctx?.now, ['ctx', 'now']), pol.zone);
  const overdue = !done && (lowered || today > deadline);
  trace.add(
    'S001-GRADE-10',
    clause,
    `VIP客戶出現問題（${e.problems.join('、')}）：須在 ${deadline} 前降為優選類或合格類；${done ? '已按時降級' : overdue ? '已逾期' : '尚未降級'}`,
    `VIP with problems (${e.problems.join(', ')}): downgrade to preferred or qualified by ${deadline}; ${done ? 'done in time' : overdue ? 'overdue' : 'not yet done'}`,
    { deadline, downgrade: e.downgrade, today },
  );
  return trace.decide({ required: true, deadline, done, overdue });
}

/** A proposed move up after a stage (see {@link checkTierUpgrade}). */
export const TierUpgradeSchema = z.strictObject({
  customer: TierCustomerSchema,
  from: CreditTierSchema,
  to: CreditTierSchema,
  /** Problems found in the stage; a good stage has none. */
  stageProblems: z.array(z.string()),
});

const RANK: Record<CreditTier, number> = { vip: 0, preferred: 1, qualified: 2 };

/**
 * May a qualified or preferred customer move up after a good stage (S001-GRADE-12)? "Good" means
 * no problems in the stage; the target tier's criteria (S001-GRADE-05/07) and caps (06/08) must
 * hold, so a qualified customer may jump straight to VIP when it meets the VIP criteria.
 *
 * @param change - the customer, its current and target tier, and the stage's problems
 * @param department - the department roster, for the caps
 * @param policy - a tier policy
 * @returns a decision: allowed, and the reasons it is not
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
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
 * const customers = Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, tier: i < 3 ? ('vip' as const) : ('preferred' as const) }));
 * const up = tierUpgradeCheck({ customer, from: 'preferred', to: 'vip', stageProblems: [] }, { id: 'D1', customers }, tiers);
 * up.value; //=> { allowed: false, reasons: ['vipCapReached'] }
 */
export function tierUpgradeCheck(
  change: z.input<typeof TierUpgradeSchema>,
  department: z.input<typeof DepartmentRosterSchema>,
  policy: TierPolicy,
): Decision<{ allowed: boolean; reasons: string[] }> {
  paramsOf(policy, TierParamsSchema);
  const c = parseInput(TierUpgradeSchema, change, ['change']);
  // The department is parsed only when a cap is checked (as before).
  return upgradeWith(c, policy, (cand, tier) => tierCapCheck(department, cand, tier, policy));
}

/**
 * {@link tierUpgradeCheck} on a change and a department its module has parsed already (one parse,
 * not two; issue 21). @internal
 */
export function tierUpgradeParsed(
  change: z.output<typeof TierUpgradeSchema>,
  dept: DepartmentRoster,
  policy: TierPolicy,
): Decision<{ allowed: boolean; reasons: string[] }> {
  return upgradeWith(change, policy, (cand, tier) => tierCapParsed(dept, cand, tier, policy));
}

/** {@link tierUpgradeCheck} on a parsed change, the caps checked by `capCheck`. */
function upgradeWith(
  { customer, from, to, stageProblems: problems }: z.output<typeof TierUpgradeSchema>,
  policy: TierPolicy,
  capCheck: (
    candidate: z.output<typeof TierCandidateSchema>,
    tier: 'vip' | 'preferred',
  ) => Decision<CapCheck>,
): Decision<{ allowed: boolean; reasons: string[] }> {
  const clause = `${SEED_001} L656 3.4`;
  const trace = new Trace();
  const reasons: string[] = [];
  if (RANK[to] >= RANK[from] || to === 'qualified') reasons.push('notAnUpgrade');
  if (problems.length > 0) reasons.push('stageNotGood');
  if (reasons.length === 0 && to !== 'qualified') {
    const eligible = tierEligibilityParsed(customer, to, policy);
    trace.append(eligible.trace);
    if (!eligible.value.eligible) reasons.push(`${to}CriteriaNotMet`);
    const cap = capCheck({ id: customer.id, products: customer.products }, to);
    trace.append(cap.trace);
    if (!cap.value.allowed) reasons.push(`${to}CapReached`);
  }
  trace.add(
    'S001-GRADE-12',
    clause,
    reasons.length === 0
      ? `階段表現良好：可由 ${from} 升為 ${to}`
      : `不可由 ${from} 升為 ${to}：${reasons.join('、')}`,
    reasons.length === 0
      ? `good stage: may move up from ${from} to ${to}`
      : `may not move up from ${from} to ${to}: ${reasons.join(', ')}`,
    { from, to, reasons },
  );
  return trace.decide({ allowed: reasons.length === 0, reasons });
}
