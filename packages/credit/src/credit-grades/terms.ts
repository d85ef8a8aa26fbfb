import { type Decision, formatMoney, NonNegativeFenSchema, parseInput, Trace, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { reasonZh } from '../labels.js';
import { ActorSchema, belowFraction, paramsOf, SEED_001 } from '../shared.js';
import {
  type CreditGrade,
  CreditGradeParamsSchema,
  type CreditGradePolicy,
  CreditGradeSchema,
  type GradeTerms,
  PaymentSchema,
} from './policy.js';

function termsOf(policy: CreditGradePolicy, grade: CreditGrade): GradeTerms {
  const t = paramsOf(policy, CreditGradeParamsSchema).grades.find((g) => g.grade === grade);
  if (t === undefined)
    throw new ZhiduError(
      'unknown_reference',
      ['grade'],
      `制度没有 ${grade} 级客户的授信条件 / the policy has no terms for grade ${grade}`,
    );
  return t;
}

/**
 * The sales terms of a credit grade (S001-GRADE-01: the sales policy follows the grade): default
 * payment, allowed payments, how the line is bounded, the term cap and the extra conditions to
 * require at the start of trading (S001-CREDIT-07).
 *
 * @param grade - `A` … `D`
 * @param policy - a credit-grade policy, e.g. {@link creditGradePolicy}
 * @returns a decision whose value is the grade's terms
 * @example
 * const grades = creditGradePolicy({ gradeCMaxLimit: yuan(10_000), presidentWhenOverBy: { numerator: 1, denominator: 5 } });
 * creditTermsFor('D', grades).value.allowedPayments; //=> ['cashOnDelivery', 'prepayment']
 */
export function creditTermsFor(grade: CreditGrade, policy: CreditGradePolicy): Decision<GradeTerms> {
  return gradeTermsParsed(parseInput(CreditGradeSchema, grade, ['grade']), policy);
}

/** {@link creditTermsFor} on a grade its module has parsed already (one parse, not two; issue 21). @internal */
export function gradeTermsParsed(g: CreditGrade, policy: CreditGradePolicy): Decision<GradeTerms> {
  const t = termsOf(policy, g);
  const trace = new Trace().add(
    'S001-GRADE-01',
    `${SEED_001} L254–L256 第5–6條`,
    `按客戶等級 ${g} 給予銷售政策：默認 ${t.defaultPayment}`,
    `sales terms follow grade ${g}: default ${t.defaultPayment}`,
    { terms: t },
  );
  trace.add(t.rule, t.clause, `等級 ${g} 的信用條件`, `credit terms of grade ${g}`, { limit: t.limit });
  if (t.extraConditions.length > 0) {
    trace.add(
      'S001-CREDIT-07',
      `${SEED_001} L324 第13條3`,
      `交易開始時的附加條件：${t.extraConditions.join('、')}`,
      `extra conditions at the start of trading: ${t.extraConditions.join(', ')}`,
      { extraConditions: t.extraConditions },
    );
  }
  return trace.decide(t);
}

/** A proposed credit line and term for a customer of a grade. */
export const CreditTermsProposalSchema = z.strictObject({
  grade: CreditGradeSchema,
  limit: NonNegativeFenSchema,
  termDays: z.number().int().nonnegative().default(0),
  /** A: the customer's typical single purchase (一次進貨). */
  onePurchaseAmount: NonNegativeFenSchema.optional(),
  /** A: the customer's purchase cycle in days (進貨周期). */
  purchaseCycleDays: z.number().int().positive().optional(),
  /** C: a careful review passed (仔細審查，符合企業信用政策). */
  reviewPassed: z.boolean().default(false),
  /** B: who approved the line. */
  approvedBy: z.array(ActorSchema).default([]),
});

/**
 * Checks a proposed credit line and term against the grade's rule: A up to one purchase and one
 * purchase cycle (S001-CREDIT-01); B only a line someone approved (S001-CREDIT-02); C a small line,
 * and only after a careful review (S001-CREDIT-03); D none at all (S001-CREDIT-04).
 *
 * @param proposal - grade, proposed limit and term, and the figures the grade's rule needs
 * @param policy - a credit-grade policy
 * @returns a decision: ok, and the violations found
 * @throws ZhiduError `invalid_input` when A's purchase figures are missing
 * @example
 * const grades = creditGradePolicy({ gradeCMaxLimit: yuan(10_000), presidentWhenOverBy: { numerator: 1, denominator: 5 } });
 * creditTermsCheck(
 *   { grade: 'A', limit: yuan(250_000), onePurchaseAmount: yuan(200_000), purchaseCycleDays: 30, termDays: 30 },
 *   grades,
 * ).value; //=> { ok: false, violations: ['limitAboveOnePurchase'] }
 * creditTermsCheck({ grade: 'D', limit: yuan(5_000), termDays: 30 }, grades).value.ok; //=> false
 */
export function creditTermsCheck(
  proposal: z.input<typeof CreditTermsProposalSchema>,
  policy: CreditGradePolicy,
): Decision<{ ok: boolean; violations: string[] }> {
  paramsOf(policy, CreditGradeParamsSchema);
  return creditTermsParsed(parseInput(CreditTermsProposalSchema, proposal, ['proposal']), policy);
}

/**
 * {@link creditTermsCheck} on a proposal its module has parsed already (one parse, not two; issue
 * 21). @internal
 */
export function creditTermsParsed(
  x: z.output<typeof CreditTermsProposalSchema>,
  policy: CreditGradePolicy,
): Decision<{ ok: boolean; violations: string[] }> {
  const p = paramsOf(policy, CreditGradeParamsSchema);
  const t = termsOf(policy, x.grade);
  const violations: string[] = [];
  switch (t.limit.kind) {
    case 'upToOnePurchase': {
      if (x.onePurchaseAmount === undefined) {
        throw new ZhiduError(
          'invalid_input',
          ['proposal', 'onePurchaseAmount'],
          `${x.grade} 级的授信额以一次进货额为上限，须提供 onePurchaseAmount / grade ${x.grade} bounds the line by one purchase; give onePurchaseAmount`,
        );
      }
      if (x.limit > x.onePurchaseAmount) violations.push('limitAboveOnePurchase');
      break;
    }
    case 'setByApproval':
      if (x.limit > 0 && !x.approvedBy.some((a) => p.limitApprovers.includes(a.role)))
        violations.push('approvalRequired');
      break;
    case 'smallAfterReview':
      if (x.limit > 0 && !x.reviewPassed) violations.push('reviewRequired');
      if (x.limit > t.limit.max) violations.push('limitAboveSmallMax');
      break;
    case 'none':
      if (x.limit > 0 || x.termDays > 0) violations.push('noCreditForGrade');
      break;
  }
  if (t.termUpToOnePurchaseCycle && x.termDays > 0) {
    if (x.purchaseCycleDays === undefined) {
      throw new ZhiduError(
        'invalid_input',
        ['proposal', 'purchaseCycleDays'],
        `${x.grade} 级的信用期以一个进货周期为上限，须提供 purchaseCycleDays / grade ${x.grade} bounds the term by one purchase cycle; give purchaseCycleDays`,
      );
    }
    if (x.termDays > x.purchaseCycleDays) violations.push('termAboveOneCycle');
  }
  return new Trace()
    .add(
      t.rule,
      t.clause,
      violations.length === 0
        ? `等級 ${x.grade} 的信用額度與期限符合規定`
        : `等級 ${x.grade} 的信用條件不符：${violations.map(reasonZh).join('、')}`,
      violations.length === 0
        ? `grade ${x.grade} line and term comply`
        : `grade ${x.grade} terms do not comply: ${violations.join(', ')}`,
      { proposal: x, limitRule: t.limit },
    )
    .decide({ ok: violations.length === 0, violations });
}

/** A sale as the credit rules see it. */
export const CreditSaleSchema = z.strictObject({
  grade: CreditGradeSchema,
  payment: PaymentSchema,
  amount: NonNegativeFenSchema,
  /** The customer's credit line in force (0 for none). */
  limit: NonNegativeFenSchema,
  /** Credit already used (unpaid receivables). */
  outstanding: NonNegativeFenSchema,
  /** Who has been reported to and approved going over (匯報). */
  approvals: z.array(ActorSchema).default([]),
});

/**
 * Whether a sale may go ahead on the payment asked for: the grade must allow it (D never on
 * credit, S001-CREDIT-04); a credit sale with no line is refused (B/C default to cash, S001-CREDIT-02/03);
 * a credit sale over the line must be reported to the sales manager, and to the president when the
 * excess is above the policy's fraction of the line (S001-CREDIT-05).
 *
 * @param sale - grade, payment, amount, line in force, outstanding and approvals given
 * @param policy - a credit-grade policy
 * @returns a decision: allowed, the approvers required, and the reasons it is not allowed
 * @example
 * const grades = creditGradePolicy({ gradeCMaxLimit: yuan(10_000), presidentWhenOverBy: { numerator: 1, denominator: 5 } });
 * // ¥80,000 used of a ¥100,000 line; a ¥30,000 credit sale goes ¥10,000 (10 %) over: the sales manager is told.
 * creditSaleCheck(
 *   { grade: 'A', payment: 'credit', amount: yuan(30_000), limit: yuan(100_000), outstanding: yuan(80_000) },
 *   grades,
 * ).value.requiredApprovers; //=> ['salesManager']
 * creditSaleCheck({ grade: 'D', payment: 'credit', amount: yuan(1_000), limit: 0, outstanding: 0 }, grades).value.allowed; //=> false
 */
export function creditSaleCheck(
  sale: z.input<typeof CreditSaleSchema>,
  policy: CreditGradePolicy,
): Decision<{ allowed: boolean; withinLimit: boolean; requiredApprovers: string[]; reasons: string[] }> {
  paramsOf(policy, CreditGradeParamsSchema);
  return creditSaleParsed(parseInput(CreditSaleSchema, sale, ['sale']), policy);
}

/** {@link creditSaleCheck} on a sale its module has parsed already (one parse, not two; issue 21). @internal */
export function creditSaleParsed(
  s: z.output<typeof CreditSaleSchema>,
  policy: CreditGradePolicy,
): Decision<{ allowed: boolean; withinLimit: boolean; requiredApprovers: string[]; reasons: string[] }> {
  const p = paramsOf(policy, CreditGradeParamsSchema);
  const t = termsOf(policy, s.grade);
  const trace = new Trace().add(
    'S001-GRADE-01',
    `${SEED_001} L256 第6條`,
    `按客戶等級 ${s.grade} 給予銷售政策`,
    `sales terms follow grade ${s.grade}`,
    { grade: s.grade, allowedPayments: t.allowedPayments },
  );
  if (!t.allowedPayments.includes(s.payment)) {
    trace.add(
      t.rule,
      t.clause,
      `等級 ${s.grade} 不可 ${s.payment}`,
      `grade ${s.grade} may not buy on ${s.payment}`,
      {
        allowed: t.allowedPayments,
      },
    );
    return trace.decide({
      allowed: false,
      withinLimit: false,
      requiredApprovers: [],
      reasons: ['paymentNotAllowed'],
    });
  }
  if (s.payment !== 'credit') {
    trace.add(t.rule, t.clause, `${s.payment}：不佔用信用額度`, `${s.payment}: no credit used`, {
      payment: s.payment,
    });
    return trace.decide({ allowed: true, withinLimit: true, requiredApprovers: [], reasons: [] });
  }
  if (s.limit === 0) {
    trace.add(
      t.rule,
      t.clause,
      `等級 ${s.grade} 未設信用額度：須現款現貨`,
      `grade ${s.grade} has no credit line: cash on delivery`,
      {
        limit: 0,
      },
    );
    return trace.decide({
      allowed: false,
      withinLimit: false,
      requiredApprovers: [],
      reasons: ['noCreditLine'],
    });
  }
  const exposure = s.outstanding + s.amount;
  if (exposure <= s.limit) {
    trace.add(
      'S001-CREDIT-05',
      `${SEED_001} L266 第7條`,
      `信用使用 ${formatMoney(exposure)} 未超限度 ${formatMoney(s.limit)}`,
      `credit use ${formatMoney(exposure)} within the line of ${formatMoney(s.limit)}`,
      {
        exposure,
        limit: s.limit,
      },
    );
    return trace.decide({ allowed: true, withinLimit: true, requiredApprovers: [], reasons: [] });
  }
  const excess = exposure - s.limit;
  const escalate = !belowFraction(excess, s.limit, p.escalateWhenOverBy, false);
  const requiredApprovers = escalate ? [...p.overLimitApprovers, p.escalateTo] : [...p.overLimitApprovers];
  const missing = requiredApprovers.filter((role) => !s.approvals.some((a) => a.role === role));
  trace.add(
    'S001-CREDIT-05',
    `${SEED_001} L266 第7條`,
    `超過信用限度 ${formatMoney(excess)}：須向 ${requiredApprovers.join('、')} 匯報${missing.length === 0 ? '（已批准）' : `，尚缺 ${missing.join('、')}`}`,
    `over the line by ${formatMoney(excess)}: report to ${requiredApprovers.join(', ')}${missing.length === 0 ? ' (approved)' : `; missing ${missing.join(', ')}`}`,
    { exposure, limit: s.limit, excess, requiredApprovers, missing },
  );
  return trace.decide({
    allowed: missing.length === 0,
    withinLimit: false,
    requiredApprovers,
    reasons: missing.map((r) => `approvalMissing:${r}`),
  });
}
