import { definePolicy, type Policy, type PolicyInput, parseInput, policyJsonSchema } from '@zhidu/core';
import { z } from 'zod';
import { creditPresetJson, fillPreset } from '../presets.js';
import { PresetDatingShape } from '../shared.js';

/** Parameters of the joint-venture partner regulation (联营工程合作方管理办法). */
export const PartnerGradingParamsSchema = z.strictObject({
  grades: z.array(z.string().min(1)).min(1),
  /** 重点合作客户: grades whose materials must all be provided and verified. */
  keyGrades: z.array(z.string().min(1)),
  /** The grade a partner that cannot complete its key-grade materials gets at best. */
  bestGradeWithoutMaterials: z.string().min(1),
  /** The unit that grades partners (盛昌公司), after admission (入网后). */
  grader: z.string().min(1),
  /** 分级结果为公司内部使用，不对合作伙伴公开. */
  disclosedToPartner: z.boolean(),
  /** Units that must all approve a grade change (盛昌公司与市场开发部共同决策). */
  changeApprovers: z.array(z.string().min(1)).min(1),
  discount: z.strictObject({
    /** 排名靠前: the seed gives no number, so the preset requires it. */
    topN: z.number().int().positive(),
    /** 合同履行、安全质量、合作配合程度 — all must be outstanding. */
    dimensions: z.array(z.string().min(1)).min(1),
    /** 过往一年 as rolling months before the evaluation. */
    windowMonths: z.number().int().positive(),
  }),
  /** Items inspected on site (公司地址、人员、设备); an unclear item counts as not qualified. */
  screeningItems: z.array(z.string().min(1)).min(1),
});
/** Parameters of a partner-grading policy. */
export type PartnerGradingParams = z.output<typeof PartnerGradingParamsSchema>;
/** A partner-grading policy. */
export type PartnerGradingPolicy = Policy<PartnerGradingParams>;

/** What the seed leaves blank: how many top-ranked partners are discount candidates. */
export const PartnerGradingInputSchema = z.strictObject({
  discountTopN: z.number().int().positive(),
  ...PresetDatingShape,
});

/**
 * The joint-venture engineering partner regulation of seed 000 (lines 1409–1445) as a policy:
 * confidential a/b/c/d grading by Shengchang after admission, a/b as key partners with complete
 * materials, joint grade changes, discount candidacy for top-ranked outstanding partners, and
 * admission screening where unclear means not qualified. "排名靠前" has no number, so `discountTopN`
 * is required.
 *
 * It is the preset file `presets/partner-grading-000.json` with the given values in place of the seed's blanks
 * (their `zhidu.example` citations dropped).
 *
 * @param input - `discountTopN` (required), optional `effectiveFrom`, `zone`
 * @returns the policy as JSON (the envelope and params), ready to write to a file or pass to a module
 * @throws ZhiduError `invalid_input` when `discountTopN` is missing
 * @example
 * partnerGradingPolicy({ discountTopN: 10 }).params.keyGrades; //=> ['a', 'b']
 */
export function partnerGradingPolicyJson(
  input: z.input<typeof PartnerGradingInputSchema>,
): PolicyInput<typeof PartnerGradingParamsSchema> {
  const given = parseInput(PartnerGradingInputSchema, input);
  return fillPreset(
    creditPresetJson['partner-grading-000'],
    given,
    [['/params/discount/topN', given.discountTopN]],
    ['/params/discount/topN'],
  ) as unknown as PolicyInput<typeof PartnerGradingParamsSchema>;
}

/**
 * The partner-grading preset as a validated policy: {@link partnerGradingPolicyJson} passed through `definePolicy`.
 *
 * @param input - the values the seed leaves blank (see {@link PartnerGradingInputSchema})
 * @returns the validated policy
 * @throws ZhiduError `invalid_input` when a required value is missing or malformed
 * @example
 * const partners = partnerGradingPolicy({ discountTopN: 10 });
 * partners.id; //=> 'zhidu.credit.partnerGrading'
 * partners.params.keyGrades; //=> ['a', 'b']
 */
export function partnerGradingPolicy(input: z.input<typeof PartnerGradingInputSchema>): PartnerGradingPolicy {
  return definePolicy(PartnerGradingParamsSchema, partnerGradingPolicyJson(input));
}

/**
 * JSON Schema of a partner-grading policy.
 *
 * @returns the JSON Schema of the full policy envelope
 * @example
 * partnerGradingPolicyJsonSchema().type; //=> 'object'
 */
export function partnerGradingPolicyJsonSchema(): object {
  return policyJsonSchema(PartnerGradingParamsSchema);
}
