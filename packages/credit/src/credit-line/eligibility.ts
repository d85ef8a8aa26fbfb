import {
  type Decision,
  daysBetween,
  formatMoney,
  type LocalDate,
  LocalDateSchema,
  NonNegativeFenSchema,
  parseInput,
  Trace,
} from '@zhidu/core';
import { z } from 'zod';
import { ActorSchema, paramsOf, SEED_000 } from '../shared.js';
import { CreditLineParamsSchema, type CreditLinePolicy } from './policy.js';

/** A sales-department approval of a case-by-case credit line (具体情况具体授信, S000-CREDIT-05). */
export const SpecialApprovalSchema = z.strictObject({
  limit: NonNegativeFenSchema,
  approvedBy: ActorSchema,
  validFrom: LocalDateSchema,
  /** Inclusive; without it the approval lasts until revoked. */
  validTo: LocalDateSchema.optional(),
});
/** A special credit-line approval (see {@link SpecialApprovalSchema}). */
export type SpecialApproval = z.output<typeof SpecialApprovalSchema>;

/** What the credit rules need to know about a customer (授信资格 facts). */
export const CreditCustomerSchema = z.strictObject({
  customerId: z.string().min(1),
  /** 已建立客户档案 and 开户人的身份证复印件. */
  file: z.strictObject({ exists: z.boolean(), openerIdCopy: z.boolean() }),
  /** 已签订业务合同; null when none is signed. */
  contract: z.strictObject({ type: z.string().min(1), settlementAgreement: z.boolean() }).nullable(),
  /** Unpaid receivables of the previous calendar year (上年度货款). */
  priorYearOutstanding: NonNegativeFenSchema,
  /** The agreed payment term (款期), if any. */
  paymentTermDays: z.number().int().nonnegative().optional(),
  /** Invoice date of the oldest unpaid invoice, if any. */
  oldestUnpaidInvoiceDate: LocalDateSchema.optional(),
  specialApprovals: z.array(SpecialApprovalSchema).default([]),
});
/** Credit facts about a customer (see {@link CreditCustomerSchema}). */
export type CreditCustomer = z.output<typeof CreditCustomerSchema>;

/** The eligibility conditions of S000-CREDIT-01, as they appear in `failed`. */
export type EligibilityCondition = 'customerFile' | 'contract' | 'priorYearBalanceCleared';

/**
 * Credit eligibility (授信资格, S000-CREDIT-01): a customer file with the account opener's ID copy,
 * a signed distribution or direct-sale contract with a settlement agreement, and last year's
 * receivables cleared to exactly zero (清零 is strict).
 *
 * @param customer - the customer's credit facts
 * @param policy - a credit-line policy
 * @returns a decision whose value says whether the customer is eligible and which conditions failed
 * @example
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
 * const customer = {
 *   customerId: 'C1',
 *   file: { exists: true, openerIdCopy: true },
 *   contract: { type: 'distribution', settlementAgreement: true },
 *   priorYearOutstanding: 0,
 * };
 * creditEligibilityCheck(customer, policy).value; //=> { eligible: true, failed: [] }
 * const owing = { ...customer, priorYearOutstanding: yuan(1_200) };
 * creditEligibilityCheck(owing, policy).value; //=> { eligible: false, failed: ['priorYearBalanceCleared'] }
 */
export function creditEligibilityCheck(
  customer: z.input<typeof CreditCustomerSchema>,
  policy: CreditLinePolicy,
): Decision<{ eligible: boolean; failed: EligibilityCondition[] }> {
  paramsOf(policy, CreditLineParamsSchema);
  return creditEligibilityParsed(parseInput(CreditCustomerSchema, customer, ['customer']), policy);
}

/**
 * {@link creditEligibilityCheck} on a customer its module has parsed already (one parse, not two;
 * issue 21). @internal
 */
export function creditEligibilityParsed(
  c: CreditCustomer,
  policy: CreditLinePolicy,
): Decision<{ eligible: boolean; failed: EligibilityCondition[] }> {
  const p = paramsOf(policy, CreditLineParamsSchema).eligibility;
  const failed: EligibilityCondition[] = [];
  const trace = new Trace();
  const fileOk = c.file.exists && (!p.requireOpenerIdCopy || c.file.openerIdCopy);
  if (!fileOk) failed.push('customerFile');
  trace.add(
    'S000-CREDIT-01',
    `${SEED_000} L11 §1.1.1`,
    fileOk ? '已建立客户档案（含开户人身份证复印件）' : '客户档案未建立或缺开户人身份证复印件',
    fileOk
      ? "customer file with the account opener's ID copy is on record"
      : "customer file or the account opener's ID copy is missing",
    { file: c.file },
  );
  const contractOk =
    c.contract !== null &&
    p.contractTypes.includes(c.contract.type) &&
    (!p.requireSettlementAgreement || c.contract.settlementAgreement);
  if (!contractOk) failed.push('contract');
  trace.add(
    'S000-CREDIT-01',
    `${SEED_000} L13 §1.1.2`,
    contractOk ? '已签订经销/直销合同（含结算协议）' : '未签订合格的经销/直销合同或缺结算协议',
    contractOk
      ? 'a distribution or direct-sale contract with a settlement agreement is signed'
      : 'no qualifying distribution/direct-sale contract with a settlement agreement',
    { contract: c.contract, accepted: p.contractTypes },
  );
  const clearedOk = !p.requirePriorYearCleared || c.priorYearOutstanding === 0;
  if (!clearedOk) failed.push('priorYearBalanceCleared');
  trace.add(
    'S000-CREDIT-01',
    `${SEED_000} L15 §1.1.3`,
    clearedOk ? '上年度货款已清零' : `上年度货款未清零（尚欠 ${formatMoney(c.priorYearOutstanding)}）`,
    clearedOk
      ? "last year's receivables are cleared"
      : `last year's receivables not cleared (${formatMoney(c.priorYearOutstanding)} open)`,
    { priorYearOutstanding: c.priorYearOutstanding },
  );
  return trace.decide({ eligible: failed.length === 0, failed });
}

/** The credit status of S000-GRADE-01. */
export type CreditStatus = 'credited' | 'uncreditedCashOnly' | 'specialApproval';

/**
 * Classifies a customer's credit status (S000-GRADE-01) on a date: `credited` (eligible, standard
 * 30-day regime, rolling limit), `uncreditedCashOnly` (not eligible), or `specialApproval` (eligible
 * but on a payment period beyond 30 days, whose line the sales department sets case by case,
 * S000-CREDIT-05). Eligibility comes first: an ineligible customer is cash-only even with an approval.
 *
 * @param customer - the customer's credit facts
 * @param date - the local date of the decision (shipment date)
 * @param policy - a credit-line policy
 * @returns a decision: the status, failed eligibility conditions, and the approval in force (if any)
 * @example
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
 * const customer = {
 *   customerId: 'C1',
 *   file: { exists: true, openerIdCopy: true },
 *   contract: { type: 'distribution', settlementAgreement: true },
 *   priorYearOutstanding: 0,
 * };
 * classifyCreditStatus(customer, '2024-04-01', policy).value.status; //=> 'credited'
 * const late = { ...customer, oldestUnpaidInvoiceDate: '2024-02-20' };
 * classifyCreditStatus(late, '2024-04-01', policy).value.status; //=> 'specialApproval' (41 days unpaid, no approval: limit 0)
 */
export function classifyCreditStatus(
  customer: z.input<typeof CreditCustomerSchema>,
  date: LocalDate,
  policy: CreditLinePolicy,
): Decision<{ status: CreditStatus; failed: EligibilityCondition[]; approval: SpecialApproval | null }> {
  paramsOf(policy, CreditLineParamsSchema);
  const c = parseInput(CreditCustomerSchema, customer, ['customer']);
  return creditStatusParsed(c, parseInput(LocalDateSchema, date, ['date']), policy);
}

/**
 * {@link classifyCreditStatus} on a customer and a date its module has parsed already (one parse,
 * not two; issue 21). @internal
 */
export function creditStatusParsed(
  c: CreditCustomer,
  day: LocalDate,
  policy: CreditLinePolicy,
): Decision<{ status: CreditStatus; failed: EligibilityCondition[]; approval: SpecialApproval | null }> {
  const params = paramsOf(policy, CreditLineParamsSchema);
  const eligibility = creditEligibilityParsed(c, policy);
  const trace = new Trace();
  trace.append(eligibility.trace);
  if (!eligibility.value.eligible) {
    trace.add(
      'S000-GRADE-01',
      `${SEED_000} L23 §1.4.1`,
      '不具备授信资格：未授信客户，现金开票提货',
      'not eligible for credit: uncredited customer, cash only',
      { failed: eligibility.value.failed },
    );
    return trace.decide({ status: 'uncreditedCashOnly', failed: eligibility.value.failed, approval: null });
  }
  const termOver = c.paymentTermDays !== undefined && c.paymentTermDays > params.standardTermDays;
  const age = c.oldestUnpaidInvoiceDate === undefined ? null : daysBetween(c.oldestUnpaidInvoiceDate, day);
  const ageOver = age !== null && age > params.standardTermDays;
  const overTerm =
    params.overTermTest === 'agreedTerm'
      ? termOver
      : params.overTermTest === 'unpaidAge'
        ? ageOver
        : termOver || ageOver;
  if (!overTerm) {
    trace.add(
      'S000-GRADE-01',
      `${SEED_000} L9 §1.1`,
      `具备授信资格，款期不超过 ${params.standardTermDays} 天：按滚动授信额`,
      `eligible, payment period within ${params.standardTermDays} days: rolling credit limit`,
      { paymentTermDays: c.paymentTermDays, oldestUnpaidAgeDays: age },
    );
    return trace.decide({ status: 'credited', failed: [], approval: null });
  }
  const approval =
    c.specialApprovals
      .filter((a) => params.specialApprovalRoles.includes(a.approvedBy.role))
      .filter((a) => a.validFrom <= day && (a.validTo === undefined || day <= a.validTo))
      .sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0))[0] ?? null;
  trace.add(
    'S000-GRADE-01',
    `${SEED_000} L25 §1.4.2`,
    `超${params.standardTermDays}天款期客户：由销售部审批具体授信`,
    `payment period beyond ${params.standardTermDays} days: credit set case by case by the sales department`,
    { paymentTermDays: c.paymentTermDays, oldestUnpaidAgeDays: age },
  );
  trace.add(
    'S000-CREDIT-05',
    `${SEED_000} L25 §1.4.2`,
    approval === null
      ? '尚无有效的销售部审批：有效授信额为 0'
      : `销售部审批授信额 ${formatMoney(approval.limit)}（${approval.approvedBy.personId}）`,
    approval === null
      ? 'no sales-department approval in force: effective limit 0'
      : `sales-department approved limit ${formatMoney(approval.limit)} (${approval.approvedBy.personId})`,
    { approval },
  );
  return trace.decide({ status: 'specialApproval', failed: [], approval });
}
