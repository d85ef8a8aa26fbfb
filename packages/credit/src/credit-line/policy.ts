import { definePolicy, type Policy, type PolicyInput, parseInput, policyJsonSchema } from '@zhidu/core';
import { z } from 'zod';
import { creditPresetJson, fillPreset } from '../presets.js';
import { FractionSchema, PresetDatingShape, ShareFractionSchema } from '../shared.js';

/**
 * A liability share table: each role bears `weight / of` of an amount; what the weights leave
 * (`of − Σ weight`) is borne by the company. Weights are integers so that the split is exact.
 */
export const ShareTableSchema = z
  .strictObject({
    shares: z.array(z.strictObject({ role: z.string().min(1), weight: z.number().int().positive() })).min(1),
    of: z.number().int().positive(),
  })
  .refine((t) => t.shares.reduce((s, x) => s + x.weight, 0) <= t.of, {
    message: '各份额之和超过了整体 / the shares add up to more than the whole',
    path: ['shares'],
  })
  .refine((t) => new Set(t.shares.map((s) => s.role)).size === t.shares.length, {
    message: '分成表中某个角色出现了两次 / a role appears twice in the share table',
    path: ['shares'],
  });
/** A liability share table (see {@link ShareTableSchema}). */
export type ShareTable = z.output<typeof ShareTableSchema>;

/**
 * One permitted over-limit shipment (超授信额开票发货) in an over-limit episode: the seed allows a
 * first (首次) and a final (末次) one, each strictly below 1/3 of the limit.
 */
export const OverLimitStepSchema = z.strictObject({
  name: z.string().min(1),
  rule: z.string().min(1),
  clause: z.string().min(1),
  /** The shipment amount must be below this fraction of the credit limit. */
  maxFractionOfLimit: FractionSchema,
  /** 小于 → strict (<); set false for a company that reads it as 不超过 (≤). */
  strict: z.boolean(),
  /** Roles whose signature (签发) releases the shipment; any one suffices. */
  signerRoles: z.array(z.string().min(1)).min(1),
  /** Which share table applies if this shipment becomes a bad debt. */
  badDebtRegime: z.enum(['withinLimit', 'finalOverLimit']),
  /** Whether its money must be back by the end of the shipping month (当月底回笼). */
  collectByMonthEnd: z.boolean(),
});
/** One permitted over-limit step (see {@link OverLimitStepSchema}). */
export type OverLimitStep = z.output<typeof OverLimitStepSchema>;

/**
 * Parameters of a distributor credit-line regulation (授信规定): eligibility, the rolling limit,
 * the shipment paths and the bad-debt liability tables.
 */
export const CreditLineParamsSchema = z.strictObject({
  eligibility: z.strictObject({
    /** 开户人的身份证复印件 must be in the customer file. */
    requireOpenerIdCopy: z.boolean(),
    /** Contract types that qualify (经销合同, 直销合同). */
    contractTypes: z.array(z.string().min(1)).min(1),
    /** The contract must include a settlement agreement (含结算协议). */
    requireSettlementAgreement: z.boolean(),
    /** 上年度货款清零: previous calendar year's receivables must be exactly zero. */
    requirePriorYearCleared: z.boolean(),
  }),
  limit: z.strictObject({
    /** 前三十天: number of days summed. */
    windowDays: z.number().int().positive(),
    /** 日前 excludes the shipment day itself. */
    includeShipmentDay: z.boolean(),
    /** 货款: invoiced goods (default) or money received; names which daily series the caller feeds. */
    basis: z.enum(['invoiced', 'paid']),
  }),
  /** Payment terms longer than this make a customer a special-approval case (超三十天款期). */
  standardTermDays: z.number().int().positive(),
  /** What "超三十天款期" looks at: the agreed term, the age of the oldest unpaid invoice, or either. */
  overTermTest: z.enum(['agreedTerm', 'unpaidAge', 'either']),
  /** Roles whose approval sets a special credit line (销售部审批). */
  specialApprovalRoles: z.array(z.string().min(1)).min(1),
  /** 在授信额范围内: the limit itself is within (inclusive). */
  withinLimitInclusive: z.boolean(),
  /** Uncredited customers pay cash first; the seed also asks for a collection plan (回笼计划). */
  cashRequiresCollectionPlan: z.boolean(),
  /** Over-limit by prepayment (先汇款后依款开票) needs an over-limit collection plan. */
  prepaymentRequiresCollectionPlan: z.boolean(),
  /**
   * The permitted over-limit shipments of one episode, in order; afterwards only prepayment. At most
   * 100: regulations allow one to three (二次超额发货), and a longer list (generated or corrupted) is
   * refused at once rather than parsed step by step.
   */
  overLimitSteps: z
    .array(OverLimitStepSchema)
    .max(100, { message: '最多 100 个超额发货步骤 / at most 100 over-limit steps' }),
  liability: z.strictObject({
    /** 3.1 相关人员按一定比例承担: the seed gives no roles or ratios, so the user supplies them. */
    withinLimit: ShareTableSchema,
    /** 3.3 / 2.2.2: the final over-limit shipment is borne in full; role `signatory` is its signer. */
    finalOverLimit: ShareTableSchema,
    /** 3.2 物流专员、库管及市场部部长承担本批次货款. */
    unapproved: ShareTableSchema,
    /** Whether unapproved-shipment liability is the uncollected part (default) or the whole batch. */
    unapprovedBasis: z.enum(['uncollected', 'batch']),
    /** 4.1 按坏账规定承担比例: the signer's ratio of the unrecovered amount; the seed leaves it blank. */
    monthEndSignatoryRatio: ShareFractionSchema,
  }),
});
/** Parameters of a credit-line policy (see {@link CreditLineParamsSchema}). */
export type CreditLineParams = z.output<typeof CreditLineParamsSchema>;
/** A credit-line policy. */
export type CreditLinePolicy = Policy<CreditLineParams>;

/** What the seed leaves blank and a company must supply to use the distributor preset. */
export const DistributorCreditLineInputSchema = z.strictObject({
  withinLimitShares: ShareTableSchema,
  monthEndSignatoryRatio: ShareFractionSchema,
  ...PresetDatingShape,
});

/**
 * The distributor credit-line regulation of seed 000 (lines 7–51, 客户管理制度 · 授信规定) as a
 * policy. The seed states no roles or ratios for sharing a bad debt within the limit (3.1) nor the
 * signer's deduction ratio (4.1), so these are required here rather than invented.
 *
 * It is the preset file `presets/distributor-000.json` with the given values in place of the seed's blanks
 * (their `zhidu.example` citations dropped).
 *
 * @param input - `withinLimitShares` and `monthEndSignatoryRatio` (required), optional `effectiveFrom`, `zone`
 * @returns the policy as JSON (the envelope and params), ready to write to a file or pass to a module
 * @throws ZhiduError `invalid_input` when a required value is missing or malformed
 * @example
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }, { role: 'regionalManager', weight: 5 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
 * policy.params.limit.windowDays; //=> 30
 */
export function distributorCreditLinePolicyJson(
  input: z.input<typeof DistributorCreditLineInputSchema>,
): PolicyInput<typeof CreditLineParamsSchema> {
  const given = parseInput(DistributorCreditLineInputSchema, input);
  return fillPreset(
    creditPresetJson['distributor-000'],
    given,
    [
      ['/params/liability/withinLimit', given.withinLimitShares],
      ['/params/liability/monthEndSignatoryRatio', given.monthEndSignatoryRatio],
    ],
    ['/params/liability/withinLimit', '/params/liability/monthEndSignatoryRatio'],
  ) as unknown as PolicyInput<typeof CreditLineParamsSchema>;
}

/**
 * The distributor credit-line preset as a validated policy: {@link distributorCreditLinePolicyJson} passed through `definePolicy`.
 *
 * @param input - the values the seed leaves blank (see {@link DistributorCreditLineInputSchema})
 * @returns the validated policy
 * @throws ZhiduError `invalid_input` when a required value is missing or malformed
 * @example
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }, { role: 'regionalManager', weight: 5 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
 * policy.id; //=> 'zhidu.credit.distributorCreditLine'
 * policy.params.limit.windowDays; //=> 30
 */
export function distributorCreditLinePolicy(
  input: z.input<typeof DistributorCreditLineInputSchema>,
): CreditLinePolicy {
  return definePolicy(CreditLineParamsSchema, distributorCreditLinePolicyJson(input));
}

/**
 * JSON Schema of a credit-line policy, for ERPs that are not written in TypeScript.
 *
 * @returns the JSON Schema object of the full policy envelope
 * @example
 * creditLinePolicyJsonSchema().type; //=> 'object'
 */
export function creditLinePolicyJsonSchema(): object {
  return policyJsonSchema(CreditLineParamsSchema);
}
