import {
  type Decision,
  type EvalContext,
  endOfMonthDate,
  type Fen,
  FenSchema,
  InstantSchema,
  type LocalDate,
  localDateOf,
  NonNegativeFenSchema,
  parseInput,
  Trace,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { type Actor, ActorSchema, belowFraction, policyOf, SEED_000 } from '../shared.js';
import { CreditCustomerSchema, type CreditStatus, classifyCreditStatus } from './eligibility.js';
import { CreditLineParamsSchema, type CreditLinePolicy } from './policy.js';
import { creditLimitOn, GoodsHistorySchema } from './rolling-limit.js';

/** An approved over-limit shipment of the current over-limit episode. */
export const OverLimitRecordSchema = z.strictObject({
  shipmentId: z.string().min(1),
  step: z.string().min(1),
  at: InstantSchema,
  amount: NonNegativeFenSchema,
});
/** An approved over-limit shipment (see {@link OverLimitRecordSchema}). */
export type OverLimitRecord = z.output<typeof OverLimitRecordSchema>;

/**
 * A customer's credit account at the moment of a shipment: the credit facts, the daily goods
 * series, the unpaid receivables and the over-limit shipments since the customer was last within
 * the limit (an over-limit episode; it ends when a shipment fits within the limit again).
 */
export const CreditAccountSchema = CreditCustomerSchema.extend({
  goods: GoodsHistorySchema,
  outstanding: NonNegativeFenSchema,
  overLimitEpisode: z.array(OverLimitRecordSchema).default([]),
}).strict();
/** A credit account (see {@link CreditAccountSchema}). */
export type CreditAccount = z.output<typeof CreditAccountSchema>;

/** A requested invoice-and-ship (开票发货). */
export const ShipmentSchema = z.strictObject({
  id: z.string().min(1),
  /** When it is to be released; defaults to `ctx.now`. */
  at: InstantSchema.optional(),
  amount: FenSchema.refine((n: number) => n > 0, {
    message: 'shipment amount must be positive',
    params: { zhiduCode: 'invalid_money' },
  }),
  /** Money remitted before invoicing and earmarked for this shipment (现金 / 先汇款). */
  paidInAdvance: NonNegativeFenSchema.default(0),
  /** A collection plan (货款回笼计划) is on file for this shipment. */
  collectionPlan: z.boolean().default(false),
  /** Who signed the release (签发). */
  signatures: z.array(ActorSchema).default([]),
});
/** A shipment request (see {@link ShipmentSchema}). */
export type Shipment = z.output<typeof ShipmentSchema>;

/** Why a shipment path was not open. */
export type ShipmentReason =
  | 'INSUFFICIENT_CASH'
  | 'NO_COLLECTION_PLAN'
  | 'SIGNATURE_REQUIRED'
  | 'NOT_BELOW_FRACTION_OF_LIMIT'
  | 'OVER_LIMIT_STEPS_USED'
  | 'PREPAYMENT_REQUIRED';

/** The outcome of {@link checkShipment}. */
export type ShipmentCheck = {
  allowed: boolean;
  status: CreditStatus;
  /** `withinLimit`, an over-limit step, `prepaid` or `cash` — the path decided. */
  path: 'withinLimit' | 'overLimitStep' | 'prepaid' | 'cash';
  /** The over-limit step used or tried (`first`, `final`), else null. */
  step: string | null;
  date: LocalDate;
  limit: Fen;
  outstanding: Fen;
  /** Outstanding receivables plus this shipment. */
  exposure: Fen;
  /** What may be invoiced against money already remitted (依款开票): min(paid in advance, amount). */
  prepaidCap: Fen;
  /** The approvals this path needs, and who gave them. */
  approvals: { roles: string[]; signedBy: Actor | null }[];
  reasons: ShipmentReason[];
  /** Which bad-debt regime the shipment falls under if it is never paid (S000-CREDIT-10/11). */
  badDebtRegime: 'withinLimit' | 'finalOverLimit' | 'none';
  /** Last day its money must be back (S000-CREDIT-13), else null. */
  collectBy: LocalDate | null;
  /** Append this to `overLimitEpisode` once the shipment is released; null when not an over-limit step. */
  recordAs: OverLimitRecord | null;
  /** True when the shipment fits within the limit, which closes the over-limit episode. */
  endsEpisode: boolean;
};

/**
 * Decides whether a shipment may be invoiced and released (开票发货规定), and on what terms:
 * within the credit limit it is allowed (S000-CREDIT-06); over the limit the first and the final
 * over-limit shipment are allowed when each is strictly below 1/3 of the limit and signed by the
 * regional manager (S000-CREDIT-07/08); a prepaid shipment with a collection plan is always
 * allowed up to the money remitted (S000-CREDIT-09); a customer without a credit line pays cash
 * first and files a collection plan (S000-CREDIT-04).
 *
 * @param account - the customer's credit account (facts, daily goods, outstanding, episode)
 * @param shipment - the requested invoice-and-ship
 * @param policy - a credit-line policy, e.g. {@link distributorCreditLinePolicy}
 * @param ctx - evaluation context; `ctx.now` is the shipment time when the shipment has none
 * @returns a decision with the path, the approvals it needs, the reasons it is refused, and the trace
 * @throws ZhiduError on bad input: a negative or zero amount, a missing day in the goods window …
 * @example
 * checkShipment(account, { id: 'S-9', amount: yuan(20_000), signatures: [{ personId: 'rm1', role: 'regionalManager' }] }, policy, ctx).value;
 * //=> { allowed: true, path: 'overLimitStep', step: 'first', badDebtRegime: 'withinLimit', … }
 */
export function checkShipment(
  account: z.input<typeof CreditAccountSchema>,
  shipment: z.input<typeof ShipmentSchema>,
  policy: CreditLinePolicy,
  ctx: EvalContext,
): Decision<ShipmentCheck> {
  const pol = policyOf(policy, CreditLineParamsSchema);
  const params = pol.params;
  const acc = parseInput(CreditAccountSchema, account, ['account']);
  const s = parseInput(ShipmentSchema, shipment, ['shipment']);
  const at = s.at ?? ctx?.now;
  if (at === undefined)
    throw new ZhiduError(
      'invalid_input',
      ['shipment', 'at'],
      'the shipment has no time and ctx.now is missing',
    );
  const date = localDateOf(at, pol.zone);
  const { goods, outstanding, overLimitEpisode, ...facts } = acc;
  const status = classifyCreditStatus(facts, date, policy);
  const trace = new Trace();
  trace.append(status.trace);

  const base = {
    status: status.value.status,
    step: null,
    date,
    outstanding: acc.outstanding,
    exposure: acc.outstanding + s.amount,
    prepaidCap: Math.min(s.paidInAdvance, s.amount),
    approvals: [],
    badDebtRegime: 'none' as const,
    collectBy: null,
    recordAs: null,
    endsEpisode: false,
  };

  if (status.value.status === 'uncreditedCashOnly') {
    const reasons: ShipmentReason[] = [];
    if (s.paidInAdvance < s.amount) reasons.push('INSUFFICIENT_CASH');
    if (params.cashRequiresCollectionPlan && !s.collectionPlan) reasons.push('NO_COLLECTION_PLAN');
    trace.add(
      'S000-CREDIT-04',
      `${SEED_000} L23 §1.4.1`,
      reasons.length === 0
        ? `未授信客户：已付现金 ${s.paidInAdvance} 分，可开票提货`
        : `未授信客户须现金开票提货并制定回笼计划：${reasons.join('、')}`,
      reasons.length === 0
        ? `uncredited customer paid ${s.paidInAdvance} fen in cash: may invoice and ship`
        : `uncredited customer must pay cash first and file a collection plan: ${reasons.join(', ')}`,
      { paidInAdvance: s.paidInAdvance, amount: s.amount, collectionPlan: s.collectionPlan },
    );
    return trace.decide({ ...base, allowed: reasons.length === 0, path: 'cash', limit: 0, reasons });
  }

  let limit: Fen;
  if (status.value.status === 'specialApproval') {
    limit = status.value.approval?.limit ?? 0;
  } else {
    const computed = creditLimitOn(acc.goods, date, policy);
    trace.append(computed.trace);
    limit = computed.value.limit;
  }
  const exposure = base.exposure;
  const within = params.withinLimitInclusive ? exposure <= limit : exposure < limit;
  if (within) {
    trace.add(
      'S000-CREDIT-06',
      `${SEED_000} L29 §2.1`,
      `应收 ${acc.outstanding} 分 + 本次 ${s.amount} 分 = ${exposure} 分，未超授信额 ${limit} 分：可以开票发货`,
      `outstanding ${acc.outstanding} + this ${s.amount} = ${exposure} fen, within the limit of ${limit} fen: may invoice and ship`,
      { exposure, limit },
    );
    return trace.decide({
      ...base,
      allowed: true,
      path: 'withinLimit',
      limit,
      reasons: [],
      badDebtRegime: 'withinLimit',
      endsEpisode: true,
    });
  }

  trace.add(
    'S000-CREDIT-06',
    `${SEED_000} L31 §2.2`,
    `应收 ${acc.outstanding} 分 + 本次 ${s.amount} 分 = ${exposure} 分，超过授信额 ${limit} 分`,
    `outstanding ${acc.outstanding} + this ${s.amount} = ${exposure} fen exceeds the limit of ${limit} fen`,
    { exposure, limit },
  );

  const prepaidInFull = s.paidInAdvance >= s.amount;
  const planOk = !params.prepaymentRequiresCollectionPlan || s.collectionPlan;
  if (prepaidInFull && planOk) {
    trace.add(
      'S000-CREDIT-09',
      `${SEED_000} L37 §2.2.3`,
      `先汇款 ${s.paidInAdvance} 分后依款开票发货，已制定超授信额货款回笼计划`,
      `remitted ${s.paidInAdvance} fen first; invoiced against it, with an over-limit collection plan`,
      { paidInAdvance: s.paidInAdvance },
    );
    return trace.decide({ ...base, allowed: true, path: 'prepaid', limit, reasons: [] });
  }

  const reasons: ShipmentReason[] = [];
  const step = params.overLimitSteps[acc.overLimitEpisode.length];
  const signer =
    step === undefined ? null : (s.signatures.find((x) => step.signerRoles.includes(x.role)) ?? null);
  if (step !== undefined) {
    const small = belowFraction(s.amount, limit, step.maxFractionOfLimit, step.strict);
    if (signer === null) reasons.push('SIGNATURE_REQUIRED');
    if (!small) reasons.push('NOT_BELOW_FRACTION_OF_LIMIT');
    const f = step.maxFractionOfLimit;
    trace.add(
      step.rule,
      step.clause,
      `超授信额第 ${acc.overLimitEpisode.length + 1} 次（${step.name}）开票发货：发货额 ${s.amount} 分${small ? '' : '不'}${step.strict ? '小于' : '不超过'}授信额的 ${f.numerator}/${f.denominator}；${signer === null ? `缺 ${step.signerRoles.join('/')} 签发` : `由 ${signer.personId}（${signer.role}）签发`}`,
      `over-limit shipment ${acc.overLimitEpisode.length + 1} (${step.name}): amount ${s.amount} fen is ${small ? '' : 'not '}${step.strict ? 'below' : 'at most'} ${f.numerator}/${f.denominator} of the limit; ${signer === null ? `needs a signature by ${step.signerRoles.join('/')}` : `signed by ${signer.personId} (${signer.role})`}`,
      { amount: s.amount, limit, fraction: f, strict: step.strict, signer },
    );
    if (reasons.length === 0) {
      const collectBy = step.collectByMonthEnd ? endOfMonthDate(date) : null;
      if (collectBy !== null) {
        trace.add(
          'S000-CREDIT-13',
          `${SEED_000} L49 §4.1`,
          `末次超授信额发货之货款须在 ${collectBy} 前回笼，否则由签发人从收入中抵扣`,
          `the money for this final over-limit shipment must be collected by ${collectBy}, else the signer's income is deducted`,
          { collectBy },
        );
      }
      return trace.decide({
        ...base,
        allowed: true,
        path: 'overLimitStep',
        step: step.name,
        limit,
        approvals: [{ roles: step.signerRoles, signedBy: signer }],
        reasons: [],
        badDebtRegime: step.badDebtRegime,
        collectBy,
        recordAs: { shipmentId: s.id, step: step.name, at, amount: s.amount },
      });
    }
  } else {
    reasons.push('OVER_LIMIT_STEPS_USED');
    const last = params.overLimitSteps[params.overLimitSteps.length - 1];
    trace.add(
      last?.rule ?? 'S000-CREDIT-09',
      last?.clause ?? `${SEED_000} L37 §2.2.3`,
      `本次超授信额期间已有 ${acc.overLimitEpisode.length} 次超授信额发货（首次、末次已用完）`,
      `this over-limit episode already had ${acc.overLimitEpisode.length} over-limit shipment(s); the first and final are used up`,
      { episode: acc.overLimitEpisode },
    );
  }
  if (!prepaidInFull) reasons.push('PREPAYMENT_REQUIRED');
  if (!planOk) reasons.push('NO_COLLECTION_PLAN');
  trace.add(
    'S000-CREDIT-09',
    `${SEED_000} L37 §2.2.3`,
    `不能按超授信额规定发货：须先汇款（已汇 ${s.paidInAdvance} 分，至多依款开票 ${Math.min(s.paidInAdvance, s.amount)} 分）并制定回笼计划`,
    `cannot ship under the over-limit rules: remit first (remitted ${s.paidInAdvance} fen; at most ${Math.min(s.paidInAdvance, s.amount)} fen may be invoiced against it) with a collection plan`,
    { reasons, paidInAdvance: s.paidInAdvance },
  );
  return trace.decide({
    ...base,
    allowed: false,
    path: step === undefined ? 'prepaid' : 'overLimitStep',
    step: step?.name ?? null,
    limit,
    approvals: step === undefined ? [] : [{ roles: step.signerRoles, signedBy: signer }],
    reasons,
  });
}
