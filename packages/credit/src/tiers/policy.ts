import {
  definePolicy,
  type Policy,
  type PolicyInput,
  parseInput,
  policyJsonSchema,
  TextSchema,
} from '@zhidu/core';
import { z } from 'zod';
import { creditPresetJson, fillPreset } from '../presets.js';
import { FractionSchema, PresetDatingShape } from '../shared.js';

/**
 * Chinese hospital grades (医院等级), best first: 三级特等, 三级甲等, 三级乙等, 三级丙等, 二级甲等 …
 * 一级丙等. "三級乙等以上" means `3B` or better.
 */
export const HOSPITAL_LEVELS = ['3S', '3A', '3B', '3C', '2A', '2B', '2C', '1A', '1B', '1C'] as const;
/** A hospital grade (see {@link HOSPITAL_LEVELS}). */
export const HospitalLevelSchema = z.enum(HOSPITAL_LEVELS);
/** A hospital grade. */
export type HospitalLevel = z.output<typeof HospitalLevelSchema>;

/** The tiers of 精選篇7: VIP客戶, 優選類客戶, 合格類客戶. */
export const CreditTierSchema = z.enum(['vip', 'preferred', 'qualified']);
/** A customer tier. */
export type CreditTier = z.output<typeof CreditTierSchema>;

/**
 * One admission condition (準入基本條件): met when every fact of at least one group is true, e.g.
 * condition (a) is `[['businessLicence', 'taxRegistration'], ['medicalQualifications']]`.
 */
export const AdmissionConditionSchema = z.strictObject({
  id: z.string().min(1),
  clause: z.string().min(1),
  label: TextSchema,
  anyOf: z.array(z.array(z.string().min(1)).min(1)).min(1),
});

/** A cap on how many customers of a department (and per product) may hold a tier. */
export const TierCapSchema = z.strictObject({
  department: FractionSchema,
  perProduct: FractionSchema,
  /** 原則上: the per-product cap warns by default; `block` makes it hard. */
  perProductEnforcement: z.enum(['warn', 'block']),
});

/**
 * The most attested facts one tier may list: a regulation names a handful of judgement criteria per
 * tier, so 1,000 is far beyond any real one; a longer list is refused at once, before it is parsed.
 */
export const MAX_ATTESTATIONS = 1000;

/** The criteria of a tier above `qualified` (VIP, preferred). */
export const TierCriteriaSchema = z.strictObject({
  tier: z.enum(['vip', 'preferred']),
  rule: z.string().min(1),
  capRule: z.string().min(1),
  clause: z.string().min(1),
  /** Scale — any one suffices: hospital grade at least, orthopaedic/trauma specialist with beds, or yearly business. */
  scale: z.strictObject({
    minHospitalLevel: HospitalLevelSchema,
    /** 病床位達到 __ 張: blank in the seed, so the preset requires it. */
    minBeds: z.number().int().positive(),
    /** 業務量每年不小于 __ 萬元: blank in the seed, so the preset requires it (in fen). */
    minAnnualBusiness: z.number().int().positive(),
  }),
  /** Judgement criteria recorded as attested facts (true = attested by the department). */
  attestations: z
    .array(z.strictObject({ fact: z.string().min(1), label: TextSchema }))
    .max(MAX_ATTESTATIONS, {
      message: `每档最多 ${MAX_ATTESTATIONS} 项认定事实 / at most ${MAX_ATTESTATIONS.toLocaleString('en')} attested facts per tier`,
    }),
  /** 無滯期付款、逾期未提貨等違約記錄: the most default records allowed. */
  maxDefaultRecords: z.number().int().nonnegative(),
  cap: TierCapSchema,
});
/** Criteria of one tier (see {@link TierCriteriaSchema}). */
export type TierCriteria = z.output<typeof TierCriteriaSchema>;

/** Parameters of a customer admission-and-tier regulation (客戶準入與分級). */
export const TierParamsSchema = z.strictObject({
  /** Customer kinds the admission system does not cover (零售客戶, 內部關聯交易客戶). */
  exemptKinds: z.array(z.string().min(1)),
  admission: z.array(AdmissionConditionSchema).min(1),
  /** Tiers above the default, best first. */
  tiers: z.array(TierCriteriaSchema).min(1),
  /** Stage review cadence in calendar months (原則上每6個月). */
  reviewEveryMonths: z.number().int().positive(),
  /** A problem VIP is downgraded within this many calendar days of the evaluation (5日內). */
  vipDowngradeWithinDays: z.number().int().positive(),
  blacklist: z.strictObject({
    /** The unit that manages the company blacklist (營銷事業部) and receives department filings. */
    companyManager: z.string().min(1),
    /** Dealings a listing blocks (不得再…發生商業行為). */
    blocks: z.array(z.string().min(1)).min(1),
    /** Contracts already running when a customer is listed: flagged for manual review by default. */
    openContracts: z.enum(['flagForReview', 'block', 'allow']),
    /** Literal reading: a department listing binds only that department. */
    departmentListBindsOthers: z.boolean(),
  }),
});
/** Parameters of a tier policy (see {@link TierParamsSchema}). */
export type TierParams = z.output<typeof TierParamsSchema>;
/** A tier policy. */
export type TierPolicy = Policy<TierParams>;

const ScaleInputSchema = z.strictObject({
  minBeds: z.number().int().positive(),
  minAnnualBusiness: z.number().int().positive(),
});

/** The thresholds the seed leaves blank, which a company must supply. */
export const CustomerTierInputSchema = z.strictObject({
  vip: ScaleInputSchema,
  preferred: ScaleInputSchema,
  ...PresetDatingShape,
});

/**
 * The admission-and-tier regulation of seed 001 (精選篇7, lines 596–662) as a policy: admission
 * conditions (a)–(f), VIP and preferred criteria with 15 % / 30 % caps, 6-monthly stage reviews and
 * the 5-day VIP downgrade. The bed counts and yearly business amounts are blank in the seed
 * (「病床位達到 張床位」「不小于 萬元」), so they are required input.
 *
 * It is the preset file `presets/customer-tiers-001.json` with the given values in place of the seed's blanks
 * (their `zhidu.example` citations dropped).
 *
 * @param input - `vip` and `preferred` `{ minBeds, minAnnualBusiness (fen) }`, optional `effectiveFrom`, `zone`
 * @returns the policy as JSON (the envelope and params), ready to write to a file or pass to a module
 * @throws ZhiduError `invalid_input` when a threshold is missing
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * tiers.params.tiers[0].cap.department; //=> { numerator: 15, denominator: 100 }
 */
export function customerTierPolicyJson(
  input: z.input<typeof CustomerTierInputSchema>,
): PolicyInput<typeof TierParamsSchema> {
  const given = parseInput(CustomerTierInputSchema, input);
  return fillPreset(
    creditPresetJson['customer-tiers-001'],
    given,
    [
      ['/params/tiers/0/scale/minBeds', given.vip.minBeds],
      ['/params/tiers/0/scale/minAnnualBusiness', given.vip.minAnnualBusiness],
      ['/params/tiers/1/scale/minBeds', given.preferred.minBeds],
      ['/params/tiers/1/scale/minAnnualBusiness', given.preferred.minAnnualBusiness],
    ],
    ['/params/tiers/0/scale', '/params/tiers/1/scale'],
  ) as unknown as PolicyInput<typeof TierParamsSchema>;
}

/**
 * The customer-tier preset as a validated policy: {@link customerTierPolicyJson} passed through `definePolicy`.
 *
 * @param input - the values the seed leaves blank (see {@link CustomerTierInputSchema})
 * @returns the validated policy
 * @throws ZhiduError `invalid_input` when a required value is missing or malformed
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * tiers.id; //=> 'zhidu.credit.customerTiers'
 * tiers.params.tiers.map((t) => t.tier); //=> ['vip', 'preferred']
 */
export function customerTierPolicy(input: z.input<typeof CustomerTierInputSchema>): TierPolicy {
  return definePolicy(TierParamsSchema, customerTierPolicyJson(input));
}

/**
 * JSON Schema of a tier policy.
 *
 * @returns the JSON Schema of the full policy envelope
 * @example
 * tierPolicyJsonSchema().type; //=> 'object'
 */
export function tierPolicyJsonSchema(): object {
  return policyJsonSchema(TierParamsSchema);
}
