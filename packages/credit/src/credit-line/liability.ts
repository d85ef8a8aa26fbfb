import {
  allocate,
  type Decision,
  type EvalContext,
  endOfLocalDay,
  endOfMonthDate,
  type Fen,
  formatMoney,
  InstantSchema,
  type LocalDate,
  localDateOf,
  violation as makeViolation,
  multiplyMoney,
  NonNegativeFenSchema,
  parseInput,
  Trace,
  toEpochMs,
  type Violation,
} from '@zhidu/core';
import { z } from 'zod';
import { type Actor, ActorSchema, paramsOf, policyOf, SEED_000, StaffListSchema } from '../shared.js';
import { CreditLineParamsSchema, type CreditLinePolicy, type ShareTable } from './policy.js';

/**
 * The package name. Violations no longer carry it: their `source.module` is the id of the module that
 * emits them (`credit.unapproved-shipment`, `credit.month-end-recovery`).
 *
 * @deprecated match a violation on its `code`, or on `source.module` against a module id
 */
export const CREDIT_MODULE = '@zhidu/credit';

/** One person's part of a liability. */
export type LiabilityShare = { personId: string; role: string; amount: Fen };

/**
 * Splits `amount` by a share table among the people holding each role; a role's part is split
 * evenly among its holders, and the company keeps the rest (and any role nobody held). Uses
 * largest-remainder allocation twice, so not one fen is lost or invented.
 */
function splitByTable(amount: Fen, table: ShareTable, people: readonly Actor[]) {
  const weights = table.shares.map((s) => s.weight);
  const parts = allocate(amount, [...weights, table.of - weights.reduce((a, b) => a + b, 0)]);
  let company = parts[parts.length - 1] ?? 0;
  const shares: LiabilityShare[] = [];
  const unheld: string[] = [];
  table.shares.forEach((s, i) => {
    const part = parts[i] ?? 0;
    const holders = people.filter((p) => p.role === s.role);
    if (holders.length === 0) {
      company += part;
      if (part > 0) unheld.push(s.role);
      return;
    }
    const each = allocate(
      part,
      holders.map(() => 1),
    );
    holders.forEach((h, k) => {
      shares.push({ personId: h.personId, role: s.role, amount: each[k] ?? 0 });
    });
  });
  return { shares, company, unheld };
}

/** A bad debt (死呆账) on a shipment released within the limit or as an approved over-limit step. */
export const BadDebtSchema = z.strictObject({
  shipmentId: z.string().min(1),
  /** The uncollectable amount. */
  amount: NonNegativeFenSchema,
  /** From {@link checkShipment}: `withinLimit` (incl. the first over-limit step) or `finalOverLimit`. */
  regime: z.enum(['withinLimit', 'finalOverLimit']),
  /** Staff involved in the sale, by role (业务员, 区域经理 …). */
  staff: StaffListSchema.default([]),
  /** The signer (签发人) of an over-limit shipment; fills the `signatory` role. */
  signatory: ActorSchema.optional(),
});

/**
 * Who bears a bad debt (坏账承担规定). Within the limit, and on a first over-limit shipment that is
 * handled as if within (视同授信额内), the staff involved bear it by the policy's ratios and the
 * company the rest (S000-CREDIT-10); on the final over-limit shipment the responsible persons bear
 * the whole amount, by default all on the signer (S000-CREDIT-11).
 *
 * @param debt - the bad debt, its regime, the staff and the signer
 * @param policy - a credit-line policy (its `liability` tables)
 * @returns a decision listing each person's amount and the company's; the parts sum to the debt exactly
 * @example
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }, { role: 'regionalManager', weight: 5 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
 * const d = badDebtLiability(
 *   {
 *     shipmentId: 'S1',
 *     amount: yuan(40_000),
 *     regime: 'withinLimit',
 *     staff: [{ personId: 'li', role: 'salesRep' }, { personId: 'wang', role: 'regionalManager' }],
 *   },
 *   policy,
 * ).value;
 * d.shares.map((s) => [s.personId, s.amount]); //=> [['li', 400000], ['wang', 200000]]
 * d.company; //=> 3400000 (¥34,000)
 */
export function badDebtLiability(
  debt: z.input<typeof BadDebtSchema>,
  policy: CreditLinePolicy,
): Decision<{ shares: LiabilityShare[]; company: Fen }> {
  paramsOf(policy, CreditLineParamsSchema);
  return badDebtParsed(parseInput(BadDebtSchema, debt, ['debt']), policy);
}

/** {@link badDebtLiability} on a debt its module has parsed already (one parse, not two; issue 21). @internal */
export function badDebtParsed(
  d: z.output<typeof BadDebtSchema>,
  policy: CreditLinePolicy,
): Decision<{ shares: LiabilityShare[]; company: Fen }> {
  const params = paramsOf(policy, CreditLineParamsSchema);
  const people =
    d.signatory === undefined ? d.staff : [...d.staff, { personId: d.signatory.personId, role: 'signatory' }];
  const within = d.regime === 'withinLimit';
  const table = within ? params.liability.withinLimit : params.liability.finalOverLimit;
  const { shares, company, unheld } = splitByTable(d.amount, table, people);
  const trace = new Trace().add(
    within ? 'S000-CREDIT-10' : 'S000-CREDIT-11',
    within ? `${SEED_000} L41 §3.1; L33 §2.2.1` : `${SEED_000} L35 §2.2.2; L45 §3.3`,
    within
      ? `授信额内（含首次超授信额发货）坏账 ${formatMoney(d.amount)}：相关人员按比例承担，公司承担 ${formatMoney(company)}`
      : `末次超授信额发货坏账 ${formatMoney(d.amount)}：相关责任人承担本次货款`,
    within
      ? `bad debt of ${formatMoney(d.amount)} within the limit (or on a first over-limit shipment): staff bear it by ratio, the company ${formatMoney(company)}`
      : `bad debt of ${formatMoney(d.amount)} on the final over-limit shipment: the responsible persons bear the whole shipment`,
    { shares, company, table },
  );
  if (unheld.length > 0) {
    trace.add(
      within ? 'S000-CREDIT-10' : 'S000-CREDIT-11',
      undefined,
      `无人担任 ${unheld.join('、')}：其份额由公司承担`,
      `nobody held ${unheld.join(', ')} on this shipment: that share stays with the company`,
      { unheld },
    );
  }
  return trace.decide({ shares, company });
}

/** An over-limit batch released without prepayment or approval (e.g. on a handwritten invoice). */
export const UnapprovedBatchSchema = z.strictObject({
  shipmentId: z.string().min(1),
  at: InstantSchema,
  amount: NonNegativeFenSchema,
  /** Collected on the batch so far. */
  collected: NonNegativeFenSchema.default(0),
  prepaid: z.boolean(),
  approved: z.boolean(),
  /** 经查实: when and by whom the release was verified; without it nobody is charged yet. */
  verified: z.strictObject({ at: InstantSchema, by: z.string().min(1) }).nullable(),
  /** The logistics specialist, warehouse keeper and market department head on duty. */
  staff: StaffListSchema,
});

/** What {@link unapprovedShipmentLiability} finds for a batch shipped over the limit without approval. */
export type UnapprovedShipmentResult = {
  liable: boolean;
  base: Fen;
  shares: LiabilityShare[];
  violations: Violation[];
  legalActionReserved: boolean;
};

/**
 * Liability for an over-limit batch released without prepayment or approval (S000-CREDIT-12): once
 * verified, the market department's logistics specialist, the warehouse keeper and the market
 * department head bear the batch (by default the uncollected part, in equal thirds), deducted from
 * their income, and the company keeps its legal remedies (4.2). Each person's part is a
 * `credit.overLimit.unapproved` violation for the penalty ledger.
 *
 * @param batch - the batch, what was collected, the verification and the staff on duty
 * @param policy - a credit-line policy
 * @returns a decision: whether anyone is liable, each share, the violations, and `legalActionReserved`
 * @example
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
 * const staff = [
 *   { personId: 'zhao', role: 'logisticsSpecialist' },
 *   { personId: 'qian', role: 'warehouseKeeper' },
 *   { personId: 'sun', role: 'marketingDeptHead' },
 * ];
 * const at = '2024-03-20T10:00:00+08:00';
 * const d = unapprovedShipmentLiability(
 *   { shipmentId: 'B7', at, amount: yuan(18_000), prepaid: false, approved: false, verified: { at, by: 'audit' }, staff },
 *   policy,
 * ).value;
 * d.shares.map((s) => s.amount); //=> [600000, 600000, 600000]
 * d.violations[0].code; //=> 'credit.overLimit.unapproved'
 */
export function unapprovedShipmentLiability(
  batch: z.input<typeof UnapprovedBatchSchema>,
  policy: CreditLinePolicy,
): Decision<UnapprovedShipmentResult> {
  paramsOf(policy, CreditLineParamsSchema);
  return unapprovedShipmentParsed(parseInput(UnapprovedBatchSchema, batch, ['batch']), policy);
}

/**
 * {@link unapprovedShipmentLiability} on a batch its module has parsed already (one parse, not two;
 * issue 21). @internal
 */
export function unapprovedShipmentParsed(
  b: z.output<typeof UnapprovedBatchSchema>,
  policy: CreditLinePolicy,
): Decision<UnapprovedShipmentResult> {
  const params = paramsOf(policy, CreditLineParamsSchema);
  const trace = new Trace();
  const clause = `${SEED_000} L43 §3.2; L51 §4.2`;
  if (b.prepaid || b.approved || b.verified === null) {
    trace.add(
      'S000-CREDIT-12',
      clause,
      b.verified === null ? '未经查实：暂不追究' : '已先汇款或经审批：不属未审批超授信额发货',
      b.verified === null
        ? 'not verified yet: nobody is charged'
        : 'prepaid or approved: not an unapproved over-limit release',
      { prepaid: b.prepaid, approved: b.approved, verified: b.verified },
    );
    return trace.decide({ liable: false, base: 0, shares: [], violations: [], legalActionReserved: false });
  }
  const uncollected = Math.max(0, b.amount - b.collected);
  const base = params.liability.unapprovedBasis === 'batch' ? b.amount : uncollected;
  const { shares, unheld } = splitByTable(base, params.liability.unapproved, b.staff);
  const verifiedAt = b.verified.at;
  const violations: Violation[] = shares.map((s) =>
    makeViolation(
      'credit.unapproved-shipment',
      { rule: 'S000-CREDIT-12', clause },
      {
        code: 'credit.overLimit.unapproved',
        personId: s.personId,
        role: s.role,
        occurredAt: verifiedAt,
        subject: { kind: 'shipment', id: b.shipmentId },
        data: {
          amount: s.amount,
          batchAmount: b.amount,
          uncollected,
          basis: params.liability.unapprovedBasis,
        },
      },
    ),
  );
  trace.add(
    'S000-CREDIT-12',
    clause,
    `未先汇款且未经审批的超授信额发货，经查实：物流专员、库管及市场部部长承担 ${formatMoney(base)}，从收入中抵扣，公司保留法律处置权`,
    `unapproved, unprepaid over-limit release, verified: logistics specialist, warehouse keeper and market department head bear ${formatMoney(base)} from their income; legal remedies reserved`,
    { base, shares, basis: params.liability.unapprovedBasis },
  );
  if (unheld.length > 0) {
    trace.add(
      'S000-CREDIT-12',
      clause,
      `未提供 ${unheld.join('、')} 的当值人员：其份额未分配`,
      `no person on duty given for ${unheld.join(', ')}: that share is not assigned`,
      { unheld },
    );
  }
  return trace.decide({ liable: true, base, shares, violations, legalActionReserved: true });
}

/** A final over-limit shipment whose money must be back by month-end. */
export const FinalShipmentSchema = z.strictObject({
  shipmentId: z.string().min(1),
  at: InstantSchema,
  amount: NonNegativeFenSchema,
  signatory: ActorSchema,
});

/** A payment received against a shipment. */
export const CollectionSchema = z.strictObject({ at: InstantSchema, amount: NonNegativeFenSchema });
/** The payments received against a shipment (see {@link CollectionSchema}). */
export const CollectionsSchema = z.array(CollectionSchema);

/** What {@link monthEndRecovery} finds for a shipment released at month end. */
export type MonthEndRecoveryResult = {
  status: 'pending' | 'recovered' | 'unrecovered';
  deadline: LocalDate;
  collected: Fen;
  uncollected: Fen;
  deduction: Fen;
  violation: Violation | null;
};

/**
 * Month-end recovery of the final over-limit shipment (超授信额货款回笼, S000-CREDIT-13): its money
 * must be back by the last day of the shipping month in the policy zone; otherwise the signer bears
 * the policy's ratio of what is still open, deducted from income — a `credit.overLimit.unrecovered`
 * violation. Before the deadline passes the status is `pending`.
 *
 * @param shipment - the final over-limit shipment and its signer
 * @param collections - payments received against it
 * @param policy - a credit-line policy (`liability.monthEndSignatoryRatio`)
 * @param ctx - `ctx.now` decides whether month-end has passed
 * @returns a decision: status, deadline, collected, uncollected, deduction and the violation (if any)
 * @example
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
 * const d = monthEndRecovery(
 *   { shipmentId: 'S2', at: '2024-03-12T10:00:00+08:00', amount: yuan(25_000), signatory: { personId: 'wang', role: 'regionalManager' } },
 *   [{ at: '2024-03-20T10:00:00+08:00', amount: yuan(10_000) }],
 *   policy,
 *   makeContext({ now: '2024-04-01T09:00:00+08:00' }),
 * ).value;
 * d.status; //=> 'unrecovered'
 * d.deduction; //=> 300000 (¥15,000 open × 1/5)
 */
export function monthEndRecovery(
  shipment: z.input<typeof FinalShipmentSchema>,
  collections: readonly z.input<typeof CollectionSchema>[],
  policy: CreditLinePolicy,
  ctx: EvalContext,
): Decision<MonthEndRecoveryResult> {
  policyOf(policy, CreditLineParamsSchema);
  return monthEndRecoveryParsed(
    parseInput(FinalShipmentSchema, shipment, ['shipment']),
    parseInput(CollectionsSchema, collections, ['collections']),
    policy,
    ctx,
  );
}

/**
 * {@link monthEndRecovery} on a shipment and collections its module has parsed already (one parse,
 * not two; issue 21). @internal
 */
export function monthEndRecoveryParsed(
  s: z.output<typeof FinalShipmentSchema>,
  paid: readonly z.output<typeof CollectionSchema>[],
  policy: CreditLinePolicy,
  ctx: EvalContext,
): Decision<MonthEndRecoveryResult> {
  const pol = policyOf(policy, CreditLineParamsSchema);
  const params = pol.params;
  const now = parseInput(InstantSchema, ctx?.now, ['ctx', 'now']);
  const deadline = endOfMonthDate(localDateOf(s.at, pol.zone));
  const deadlineAt = endOfLocalDay(deadline, pol.zone);
  const cutoff = toEpochMs(deadlineAt);
  const collected = paid.filter((c) => toEpochMs(c.at) <= cutoff).reduce((sum, c) => sum + c.amount, 0);
  const uncollected = Math.max(0, s.amount - collected);
  const clause = `${SEED_000} L49 §4.1`;
  const trace = new Trace();
  if (uncollected === 0) {
    trace.add(
      'S000-CREDIT-13',
      clause,
      `末次超授信额发货之货款已于 ${deadline} 前回笼`,
      `collected in full by ${deadline}`,
      {
        deadline,
        collected,
      },
    );
    return trace.decide({
      status: 'recovered',
      deadline,
      collected,
      uncollected,
      deduction: 0,
      violation: null,
    });
  }
  if (toEpochMs(now) <= cutoff) {
    trace.add(
      'S000-CREDIT-13',
      clause,
      `当月底（${deadline}）前尚可回笼：仍欠 ${formatMoney(uncollected)}`,
      `${formatMoney(uncollected)} still open; there is time until month-end (${deadline})`,
      { deadline, collected, uncollected },
    );
    return trace.decide({
      status: 'pending',
      deadline,
      collected,
      uncollected,
      deduction: 0,
      violation: null,
    });
  }
  const ratio = params.liability.monthEndSignatoryRatio;
  const deduction = multiplyMoney(uncollected, ratio);
  const violation: Violation = makeViolation(
    'credit.month-end-recovery',
    { rule: 'S000-CREDIT-13', clause },
    {
      code: 'credit.overLimit.unrecovered',
      personId: s.signatory.personId,
      role: s.signatory.role,
      occurredAt: deadlineAt,
      subject: { kind: 'shipment', id: s.shipmentId },
      data: { uncollected, deduction, ratio, deadline },
    },
  );
  trace.add(
    'S000-CREDIT-13',
    clause,
    `末次超授信额发货之货款未在 ${deadline} 前回笼（欠 ${formatMoney(uncollected)}）：签发人 ${s.signatory.personId} 按 ${ratio.numerator}/${ratio.denominator} 从收入中抵扣 ${formatMoney(deduction)}`,
    `not collected by ${deadline} (${formatMoney(uncollected)} open): the signer ${s.signatory.personId} bears ${ratio.numerator}/${ratio.denominator}, ${formatMoney(deduction)} deducted from income`,
    { deadline, uncollected, deduction, ratio },
  );
  return trace.decide({ status: 'unrecovered', deadline, collected, uncollected, deduction, violation });
}
