import {
  type CustomRule,
  checkCustomRules,
  type Decision,
  type ErrorPath,
  type EvalContext,
  endOfMonthDate,
  type Fen,
  FenSchema,
  firstRepeat,
  formatMoney,
  InstantSchema,
  type LocalDate,
  LocalDateSchema,
  localDateOf,
  NonNegativeFenSchema,
  parseInput,
  RulePipeline,
  type RuleStep,
  type StepContext,
  Trace,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { type Actor, ActorSchema, belowFraction, policyOf, SEED_000 } from '../shared.js';
import { CreditCustomerSchema, type CreditStatus, classifyCreditStatus } from './eligibility.js';
import { CreditLineParamsSchema, type CreditLinePolicy } from './policy.js';
import { creditLimitParsed, GoodsHistorySchema } from './rolling-limit.js';

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
  overLimitEpisode: z
    .array(OverLimitRecordSchema)
    .superRefine((episode, ctx) => {
      // A shipment recorded twice in the episode counted as two over-limit steps.
      const i = firstRepeat(episode, (r) => r.shipmentId);
      if (i === -1) return;
      const id = episode[i]?.shipmentId;
      ctx.addIssue({
        code: 'custom',
        path: [i, 'shipmentId'],
        message: `超授信记录中发货 ${id} 重复出现 / shipment ${id} is in the over-limit episode twice`,
        params: { zhiduCode: 'duplicate' },
      });
    })
    .default([]),
}).strict();
/** A credit account (see {@link CreditAccountSchema}). */
export type CreditAccount = z.output<typeof CreditAccountSchema>;

/** A requested invoice-and-ship (开票发货). */
export const ShipmentSchema = z.strictObject({
  id: z.string().min(1),
  /** When it is to be released; defaults to `ctx.now`. */
  at: InstantSchema.optional(),
  amount: FenSchema.refine((n: number) => n > 0, {
    message: '发货金额须为正数 / shipment amount must be positive',
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

/** Options of `replayCreditAccount` and of the module builders `creditShipmentModuleWith` / `creditAccountModuleWith`. */
export interface ShipmentOptions {
  /**
   * A company's own rules, inserted before, after or instead of a built-in step of
   * {@link SHIPMENT_STEPS}. Their trace entries appear in the decision in place.
   */
  customRules?: readonly ShipmentCustomRule[];
}

/**
 * What each step of the shipment pipeline sees and returns. The built-in steps classify the
 * customer, compute the limit and try the paths in the regulation's order; the first step that
 * decides sets `check`, and the later ones leave a decided stage as it is.
 */
export interface ShipmentStage {
  /** The validated credit-line policy. */
  policy: CreditLinePolicy;
  /** The validated account. */
  account: CreditAccount;
  /** The validated shipment request. */
  shipment: Shipment;
  /** When it is released (the shipment's `at`, else `ctx.now`), and its local date. */
  at: string;
  date: LocalDate;
  /** The customer's credit status (set by the status step). */
  status: CreditStatus | null;
  /** The line a case-by-case approval sets (`specialApproval`), else null. */
  approvedLimit: Fen | null;
  /** The credit limit on the shipment date (set by the limit step). */
  limit: Fen | null;
  /** The decision, once a step has made it. */
  check: ShipmentCheck | null;
}

/** A step of the shipment pipeline (a built-in one, or a company's own). */
export type ShipmentRuleStep = RuleStep<ShipmentStage>;
/** A company's own shipment rule: `{ before | after | replace: <step id>, step }`. */
export type ShipmentCustomRule = CustomRule<ShipmentStage>;

/**
 * The ids of the shipment pipeline's built-in steps, in order, each named by the first catalog id
 * of the group it implements:
 *
 * | step | decides | catalog ids |
 * | --- | --- | --- |
 * | `S000-GRADE-01` | the credit status: eligible, cash-only or case-by-case | S000-GRADE-01, S000-CREDIT-01 (eligibility), S000-CREDIT-05 (case by case) |
 * | `S000-CREDIT-04` | an uncredited customer pays cash first, with a collection plan | S000-CREDIT-04 |
 * | `S000-CREDIT-02` | the limit: the goods of the 30 days before, recomputed daily (or the approved line) | S000-CREDIT-02, S000-CREDIT-03 |
 * | `S000-CREDIT-06` | within the limit: allowed | S000-CREDIT-06 |
 * | `S000-CREDIT-09` | over the limit, prepaid in full with a collection plan: allowed | S000-CREDIT-09 |
 * | `S000-CREDIT-07` | the first and final over-limit shipments (below 1/3 of the limit, signed), collection by month-end; otherwise refused | S000-CREDIT-07, S000-CREDIT-08, S000-CREDIT-13 |
 */
export const SHIPMENT_STEPS = {
  status: 'S000-GRADE-01',
  cash: 'S000-CREDIT-04',
  limit: 'S000-CREDIT-02',
  withinLimit: 'S000-CREDIT-06',
  prepaid: 'S000-CREDIT-09',
  overLimit: 'S000-CREDIT-07',
} as const;

/** The fields of a decision every path shares. */
function baseOf(stage: ShipmentStage) {
  const { account: acc, shipment: s } = stage;
  return {
    status: stage.status ?? ('credited' as const),
    step: null,
    date: stage.date,
    outstanding: acc.outstanding,
    exposure: acc.outstanding + s.amount,
    prepaidCap: Math.min(s.paidInAdvance, s.amount),
    approvals: [],
    badDebtRegime: 'none' as const,
    collectBy: null,
    recordAs: null,
    endsEpisode: false,
  };
}

/** The limit the steps after the limit step read (0 when a custom rule removed the limit step). */
const limitOf = (stage: ShipmentStage): Fen => stage.limit ?? 0;

/**
 * The shipment procedure of {@link checkShipment} as a core `RulePipeline` of the
 * {@link SHIPMENT_STEPS}. Extend it through
 * `replayCreditAccount(…, { customRules })` or the module builders `creditShipmentModuleWith` /
 * `creditAccountModuleWith`.
 *
 * @returns a fresh pipeline
 * @example
 * const ids = shipmentPipeline().ids;
 * ids; //=> ['S000-GRADE-01', 'S000-CREDIT-04', 'S000-CREDIT-02', 'S000-CREDIT-06', 'S000-CREDIT-09', 'S000-CREDIT-07']
 */
export function shipmentPipeline(): RulePipeline<ShipmentStage> {
  return new RulePipeline<ShipmentStage>([
    {
      id: SHIPMENT_STEPS.status,
      clause: `${SEED_000} L9–L21`,
      run: (stage, step) => {
        const { goods, outstanding, overLimitEpisode, ...facts } = stage.account;
        const status = classifyCreditStatus(facts, stage.date, stage.policy);
        step.record(...status.trace);
        return {
          ...stage,
          status: status.value.status,
          approvedLimit:
            status.value.status === 'specialApproval' ? (status.value.approval?.limit ?? 0) : null,
        };
      },
    },
    {
      id: SHIPMENT_STEPS.cash,
      clause: `${SEED_000} L23 §1.4.1`,
      run: (stage, step) => {
        if (stage.check !== null || stage.status !== 'uncreditedCashOnly') return stage;
        const s = stage.shipment;
        const reasons: ShipmentReason[] = [];
        if (s.paidInAdvance < s.amount) reasons.push('INSUFFICIENT_CASH');
        if (stage.policy.params.cashRequiresCollectionPlan && !s.collectionPlan)
          reasons.push('NO_COLLECTION_PLAN');
        step.note(
          reasons.length === 0
            ? `未授信客户：已付现金 ${formatMoney(s.paidInAdvance)}，可开票提货`
            : `未授信客户须现金开票提货并制定回笼计划：${reasons.join('、')}`,
          reasons.length === 0
            ? `uncredited customer paid ${formatMoney(s.paidInAdvance)} in cash: may invoice and ship`
            : `uncredited customer must pay cash first and file a collection plan: ${reasons.join(', ')}`,
          { paidInAdvance: s.paidInAdvance, amount: s.amount, collectionPlan: s.collectionPlan },
        );
        return {
          ...stage,
          check: { ...baseOf(stage), allowed: reasons.length === 0, path: 'cash', limit: 0, reasons },
        };
      },
    },
    {
      id: SHIPMENT_STEPS.limit,
      clause: `${SEED_000} L11–L13`,
      run: (stage, step) => {
        if (stage.check !== null) return stage;
        if (stage.approvedLimit !== null) return { ...stage, limit: stage.approvedLimit };
        // The stage is validated (built from the parsed account, or re-checked after a custom rule).
        const computed = creditLimitParsed(stage.account.goods, stage.date, stage.policy);
        step.record(...computed.trace);
        return { ...stage, limit: computed.value.limit };
      },
    },
    {
      id: SHIPMENT_STEPS.withinLimit,
      clause: `${SEED_000} L29 §2.1`,
      run: (stage, step) => {
        if (stage.check !== null) return stage;
        const { account: acc, shipment: s } = stage;
        const limit = limitOf(stage);
        const exposure = acc.outstanding + s.amount;
        const within = stage.policy.params.withinLimitInclusive ? exposure <= limit : exposure < limit;
        if (!within) {
          step.record({
            rule: 'S000-CREDIT-06',
            clause: `${SEED_000} L31 §2.2`,
            message: {
              zh: `应收 ${formatMoney(acc.outstanding)} + 本次 ${formatMoney(s.amount)} = ${formatMoney(exposure)}，超过授信额 ${formatMoney(limit)}`,
              en: `outstanding ${formatMoney(acc.outstanding)} + this ${formatMoney(s.amount)} = ${formatMoney(exposure)} exceeds the limit of ${formatMoney(limit)}`,
            },
            data: { exposure, limit },
          });
          return stage;
        }
        step.note(
          `应收 ${formatMoney(acc.outstanding)} + 本次 ${formatMoney(s.amount)} = ${formatMoney(exposure)}，未超授信额 ${formatMoney(limit)}：可以开票发货`,
          `outstanding ${formatMoney(acc.outstanding)} + this ${formatMoney(s.amount)} = ${formatMoney(exposure)}, within the limit of ${formatMoney(limit)}: may invoice and ship`,
          { exposure, limit },
        );
        return {
          ...stage,
          check: {
            ...baseOf(stage),
            allowed: true,
            path: 'withinLimit',
            limit,
            reasons: [],
            badDebtRegime: 'withinLimit',
            endsEpisode: true,
          },
        };
      },
    },
    {
      id: SHIPMENT_STEPS.prepaid,
      clause: `${SEED_000} L37 §2.2.3`,
      run: (stage, step) => {
        if (stage.check !== null) return stage;
        const s = stage.shipment;
        const prepaidInFull = s.paidInAdvance >= s.amount;
        const planOk = !stage.policy.params.prepaymentRequiresCollectionPlan || s.collectionPlan;
        if (!prepaidInFull || !planOk) return stage;
        step.note(
          `先汇款 ${formatMoney(s.paidInAdvance)} 后依款开票发货，已制定超授信额货款回笼计划`,
          `remitted ${formatMoney(s.paidInAdvance)} first; invoiced against it, with an over-limit collection plan`,
          { paidInAdvance: s.paidInAdvance },
        );
        return {
          ...stage,
          check: { ...baseOf(stage), allowed: true, path: 'prepaid', limit: limitOf(stage), reasons: [] },
        };
      },
    },
    {
      id: SHIPMENT_STEPS.overLimit,
      clause: `${SEED_000} L31–L35 §2.2`,
      run: (stage, step) => {
        if (stage.check !== null) return stage;
        return { ...stage, check: overLimitDecision(stage, step) };
      },
    },
  ]);
}

/** The first and final over-limit shipments, or the refusal (S000-CREDIT-07/08/09/13). */
function overLimitDecision(stage: ShipmentStage, ctx: StepContext): ShipmentCheck {
  const { account: acc, shipment: s, date, at } = stage;
  const params = stage.policy.params;
  const limit = limitOf(stage);
  const base = baseOf(stage);
  const trace = new Trace();
  const prepaidInFull = s.paidInAdvance >= s.amount;
  const planOk = !params.prepaymentRequiresCollectionPlan || s.collectionPlan;
  const reasons: ShipmentReason[] = [];
  const step = params.overLimitSteps[acc.overLimitEpisode.length];
  const signer =
    step === undefined ? null : (s.signatures.find((x) => step.signerRoles.includes(x.role)) ?? null);
  const done = (check: ShipmentCheck): ShipmentCheck => {
    ctx.record(...trace.entries);
    return check;
  };
  if (step !== undefined) {
    const small = belowFraction(s.amount, limit, step.maxFractionOfLimit, step.strict);
    if (signer === null) reasons.push('SIGNATURE_REQUIRED');
    if (!small) reasons.push('NOT_BELOW_FRACTION_OF_LIMIT');
    const f = step.maxFractionOfLimit;
    trace.add(
      step.rule,
      step.clause,
      `超授信额第 ${acc.overLimitEpisode.length + 1} 次（${step.name}）开票发货：发货额 ${formatMoney(s.amount)} ${small ? '' : '不'}${step.strict ? '小于' : '不超过'}授信额的 ${f.numerator}/${f.denominator}；${signer === null ? `缺 ${step.signerRoles.join('/')} 签发` : `由 ${signer.personId}（${signer.role}）签发`}`,
      `over-limit shipment ${acc.overLimitEpisode.length + 1} (${step.name}): amount ${formatMoney(s.amount)} is ${small ? '' : 'not '}${step.strict ? 'below' : 'at most'} ${f.numerator}/${f.denominator} of the limit; ${signer === null ? `needs a signature by ${step.signerRoles.join('/')}` : `signed by ${signer.personId} (${signer.role})`}`,
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
      return done({
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
    `不能按超授信额规定发货：须先汇款（已汇 ${formatMoney(s.paidInAdvance)}，至多依款开票 ${formatMoney(Math.min(s.paidInAdvance, s.amount))}）并制定回笼计划`,
    `cannot ship under the over-limit rules: remit first (remitted ${formatMoney(s.paidInAdvance)}; at most ${formatMoney(Math.min(s.paidInAdvance, s.amount))} may be invoiced against it) with a collection plan`,
    { reasons, paidInAdvance: s.paidInAdvance },
  );
  return done({
    ...base,
    allowed: false,
    path: step === undefined ? 'prepaid' : 'overLimitStep',
    step: step?.name ?? null,
    limit,
    approvals: step === undefined ? [] : [{ roles: step.signerRoles, signedBy: signer }],
    reasons,
  });
}

const ShipmentCheckSchema = z.object({
  allowed: z.boolean(),
  status: z.enum(['credited', 'uncreditedCashOnly', 'specialApproval']),
  path: z.enum(['withinLimit', 'overLimitStep', 'prepaid', 'cash']),
  step: z.string().nullable(),
  date: LocalDateSchema,
  limit: NonNegativeFenSchema,
  outstanding: NonNegativeFenSchema,
  exposure: NonNegativeFenSchema,
  prepaidCap: NonNegativeFenSchema,
  approvals: z.array(z.object({ roles: z.array(z.string()), signedBy: ActorSchema.nullable() })),
  reasons: z.array(
    z.enum([
      'INSUFFICIENT_CASH',
      'NO_COLLECTION_PLAN',
      'SIGNATURE_REQUIRED',
      'NOT_BELOW_FRACTION_OF_LIMIT',
      'OVER_LIMIT_STEPS_USED',
      'PREPAYMENT_REQUIRED',
    ]),
  ),
  badDebtRegime: z.enum(['withinLimit', 'finalOverLimit', 'none']),
  collectBy: LocalDateSchema.nullable(),
  recordAs: OverLimitRecordSchema.nullable(),
  endsEpisode: z.boolean(),
});

const StageShapeSchema = z.object({
  account: CreditAccountSchema,
  shipment: ShipmentSchema,
  at: InstantSchema,
  date: LocalDateSchema,
  status: z.enum(['credited', 'uncreditedCashOnly', 'specialApproval']).nullable(),
  approvedLimit: NonNegativeFenSchema.nullable(),
  limit: NonNegativeFenSchema.nullable(),
  check: ShipmentCheckSchema.nullable(),
});

/** Re-validates the stage a custom rule returned: the same shapes the built-in steps keep. */
function checkStage(stage: ShipmentStage): void {
  if (stage === null || typeof stage !== 'object') {
    throw new ZhiduError(
      'invalid_state',
      [],
      '自定义规则须返回流程状态对象 / a custom rule must return the stage object',
    );
  }
  parseInput(StageShapeSchema, stage, []);
}

/**
 * Decides whether a shipment may be invoiced and released (开票发货规定), and on what terms:
 * within the credit limit it is allowed (S000-CREDIT-06); over the limit the first and the final
 * over-limit shipment are allowed when each is strictly below 1/3 of the limit and signed by the
 * regional manager (S000-CREDIT-07/08); a prepaid shipment with a collection plan is always
 * allowed up to the money remitted (S000-CREDIT-09); a customer without a credit line pays cash
 * first and files a collection plan (S000-CREDIT-04).
 *
 * The procedure is a core `RulePipeline` ({@link shipmentPipeline}, {@link SHIPMENT_STEPS}): a
 * company's own rules go before, after or instead of any step through `options.customRules`; the
 * stage they return is re-validated, and a refusal's path starts at `['customRules', <rule id>]`.
 *
 * @param account - the customer's credit account (facts, daily goods, outstanding, episode)
 * @param shipment - the requested invoice-and-ship
 * @param policy - a credit-line policy, e.g. {@link distributorCreditLinePolicy}
 * @param ctx - evaluation context; `ctx.now` is the shipment time when the shipment has none
 * @param options - `customRules`: a company's own steps (see {@link ShipmentOptions})
 * @returns a decision with the path, the approvals it needs, the reasons it is refused, and the trace
 * @throws ZhiduError on bad input: a negative or zero amount, a missing day in the goods window …;
 *   `unknown_reference` (naming the nearest step id) for a custom rule placed at no known step
 * @example
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }, { role: 'regionalManager', weight: 5 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
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
 * const d = shipmentCheck(
 *   account,
 *   { id: 'S-9', amount: yuan(20_000), signatures: [{ personId: 'wang', role: 'regionalManager' }] },
 *   policy,
 *   makeContext({ now: '2024-03-31T10:00:00+08:00' }),
 * ).value;
 * [d.allowed, d.path, d.step]; //=> [true, 'overLimitStep', 'first']
 * d.badDebtRegime; //=> 'withinLimit'
 */
export function shipmentCheck(
  account: z.input<typeof CreditAccountSchema>,
  shipment: z.input<typeof ShipmentSchema>,
  policy: CreditLinePolicy,
  ctx: EvalContext,
  options: ShipmentOptions = {},
  customRulesPath: ErrorPath = ['options', 'customRules'],
): Decision<ShipmentCheck> {
  policyOf(policy, CreditLineParamsSchema);
  return shipmentParsed(
    parseInput(CreditAccountSchema, account, ['account']),
    parseInput(ShipmentSchema, shipment, ['shipment']),
    policy,
    ctx,
    options,
    customRulesPath,
  );
}

/**
 * {@link shipmentCheck} on an account and a shipment its module has parsed already (one parse, not
 * two; issue 21). @internal
 */
export function shipmentParsed(
  acc: CreditAccount,
  s: Shipment,
  policy: CreditLinePolicy,
  ctx: EvalContext,
  options: ShipmentOptions = {},
  customRulesPath: ErrorPath = ['options', 'customRules'],
): Decision<ShipmentCheck> {
  const pol = policyOf(policy, CreditLineParamsSchema);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      '选项须为对象 { customRules? } / options must be an object { customRules? }',
    );
  }
  const at = s.at ?? ctx?.now;
  if (at === undefined)
    throw new ZhiduError(
      'invalid_input',
      ['shipment', 'at'],
      '发货没有时间，且未提供 ctx.now / the shipment has no time and ctx.now is missing',
    );
  const initial: ShipmentStage = {
    policy: pol as CreditLinePolicy,
    account: acc,
    shipment: s,
    at,
    date: localDateOf(at, pol.zone),
    status: null,
    approvedLimit: null,
    limit: null,
    check: null,
  };
  const pipeline = shipmentPipeline();
  if (options.customRules === undefined) {
    const d = pipeline.run(initial, ctx);
    return { value: d.value.check as ShipmentCheck, trace: d.trace };
  }
  const rules = checkCustomRules(options.customRules, pipeline, customRulesPath);
  const d = pipeline.withCustomRules(rules).run(initial, ctx, checkStage);
  if (d.value.check === null) {
    throw new ZhiduError(
      'invalid_state',
      customRulesPath,
      '流程中没有规则作出发货决定 / no rule in the pipeline decided the shipment',
    );
  }
  return { value: d.value.check, trace: d.trace };
}
