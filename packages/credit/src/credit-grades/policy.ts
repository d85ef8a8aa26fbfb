import {
  definePolicy,
  NonNegativeFenSchema,
  type Policy,
  type PolicyInput,
  parseInput,
  partialRecordOf,
  policyJsonSchema,
} from '@zhidu/core';
import { z } from 'zod';
import { DecisionTableSchema } from '../decision-table/schema.js';
import { creditPresetJson, fillPreset } from '../presets.js';
import { FractionSchema, PresetDatingShape } from '../shared.js';

/** Credit grades A (best) to D (worst) (客戶信用等級). */
export const CreditGradeSchema = z.enum(['A', 'B', 'C', 'D']);
/** A credit grade. */
export type CreditGrade = z.output<typeof CreditGradeSchema>;

/** Payment terms a sale can be made on. */
export const PaymentSchema = z.enum(['credit', 'cashOnDelivery', 'prepayment']);

/** How a grade's credit line is bounded. */
export const GradeLimitRuleSchema = z.discriminatedUnion('kind', [
  /** A: 賒銷額度以不超過一次進貨為限. */
  z.strictObject({ kind: z.literal('upToOnePurchase') }),
  /** B: a line set by approval, widened step by step (可先設定一個額度，再逐漸放寬). */
  z.strictObject({ kind: z.literal('setByApproval') }),
  /** C: a small line after a careful review (少量信用額度); "small" is blank in the seed. */
  z.strictObject({ kind: z.literal('smallAfterReview'), max: NonNegativeFenSchema }),
  /** D: 不給予任何信用交易. */
  z.strictObject({ kind: z.literal('none') }),
]);

/** The sales terms of one grade. */
export const GradeTermsSchema = z.strictObject({
  grade: CreditGradeSchema,
  rule: z.string().min(1),
  clause: z.string().min(1),
  defaultPayment: PaymentSchema,
  allowedPayments: z.array(PaymentSchema).min(1),
  limit: GradeLimitRuleSchema,
  /** A: 回款以不超過一個進貨周期為限. */
  termUpToOnePurchaseCycle: z.boolean(),
  /** Extra conditions at the start of trading (附加條件, S001-CREDIT-07), e.g. `jointGuarantee`. */
  extraConditions: z.array(z.string().min(1)),
});
/** Terms of one grade (see {@link GradeTermsSchema}). */
export type GradeTerms = z.output<typeof GradeTermsSchema>;

/** What a credit event requires of the salesperson (報告) and what may then be done. */
export const CreditEventRuleSchema = z.strictObject({
  event: z.string().min(1),
  rule: z.string().min(1),
  clause: z.string().min(1),
  report: z.enum(['urgent', 'immediate', 'detailed']),
  tasks: z.array(z.string().min(1)),
});

/** An action on a customer's credit and what it needs first. */
export const CreditActionRuleSchema = z.strictObject({
  action: z.string().min(1),
  rule: z.string().min(1),
  clause: z.string().min(1),
  /** `superiorInstruction`: 必須有上級主管的明確指示; `reportFiled`: an emergency step with a report to the superior. */
  requires: z.enum(['superiorInstruction', 'reportFiled']),
});

/** Parameters of a credit-grade regulation (客戶信用管理制度). */
export const CreditGradeParamsSchema = z.strictObject({
  grades: z.array(GradeTermsSchema).length(4),
  /** Going over a credit limit is reported to these roles first (銷售經理). */
  overLimitApprovers: z.array(z.string().min(1)).min(1),
  /** … and up to this role (乃至總裁) when the excess is above `escalateWhenOverBy` of the limit. */
  escalateTo: z.string().min(1),
  escalateWhenOverBy: FractionSchema,
  /** Who proposes a grade change (財務部 reviews grades). */
  gradeChangeProposers: z.array(z.string().min(1)).min(1),
  /** Who must all approve it (銷售經理、營銷總監). */
  gradeChangeApprovers: z.array(z.string().min(1)).min(1),
  /** Who approves a B-grade starting line or its widening. */
  limitApprovers: z.array(z.string().min(1)).min(1),
  events: z.array(CreditEventRuleSchema),
  actions: z.array(CreditActionRuleSchema),
  /** The seed's grading table is missing (具體如下表所示); a company may state its own as data. */
  gradingTable: DecisionTableSchema.optional(),
});
/** Parameters of a credit-grade policy (see {@link CreditGradeParamsSchema}). */
export type CreditGradeParams = z.output<typeof CreditGradeParamsSchema>;
/** A credit-grade policy. */
export type CreditGradePolicy = Policy<CreditGradeParams>;

/** What the seed leaves blank: the size of a "small" C-grade line and when to involve the president. */
export const CreditGradeInputSchema = z.strictObject({
  gradeCMaxLimit: NonNegativeFenSchema,
  presidentWhenOverBy: FractionSchema,
  extraConditions: partialRecordOf(CreditGradeSchema, z.array(z.string().min(1))).default({}),
  gradingTable: DecisionTableSchema.optional(),
  ...PresetDatingShape,
});

/**
 * The customer credit regulation of seed 001 (精選篇3, lines 240–336) as a policy: grade terms A–D,
 * reporting over-limit credit to the sales manager and up to the president, grade governance, and
 * what to do when credit worsens, anomalies appear or a bill bounces. "少量" (C) and the point at
 * which the president is involved are blank in the seed, so they are required input.
 *
 * It is the preset file `presets/credit-grades-001.json` with the given values in place of the seed's blanks
 * (their `zhidu.example` citations dropped).
 *
 * @param input - `gradeCMaxLimit` (fen), `presidentWhenOverBy` (fraction of the limit), optional per-grade `extraConditions` and `gradingTable`
 * @returns the policy as JSON (the envelope and params), ready to write to a file or pass to a module
 * @throws ZhiduError `invalid_input` when a required value is missing
 * @example
 * const grades = creditGradePolicy({ gradeCMaxLimit: yuan(10_000), presidentWhenOverBy: { numerator: 1, denominator: 5 } });
 * grades.params.grades[3].allowedPayments; //=> ['cashOnDelivery', 'prepayment']
 */
export function creditGradePolicyJson(
  input: z.input<typeof CreditGradeInputSchema>,
): PolicyInput<typeof CreditGradeParamsSchema> {
  const given = parseInput(CreditGradeInputSchema, input);
  const grades = creditPresetJson['credit-grades-001'].params.grades;
  return fillPreset(
    creditPresetJson['credit-grades-001'],
    given,
    [
      ['/params/grades/2/limit/max', given.gradeCMaxLimit],
      ['/params/escalateWhenOverBy', given.presidentWhenOverBy],
      ...grades.map(
        (g, i) =>
          [`/params/grades/${i}/extraConditions`, given.extraConditions[g.grade as CreditGrade]] as const,
      ),
      ['/params/gradingTable', given.gradingTable],
    ],
    ['/params/grades/2/limit/max', '/params/escalateWhenOverBy'],
  ) as unknown as PolicyInput<typeof CreditGradeParamsSchema>;
}

/**
 * The credit-grade preset as a validated policy: {@link creditGradePolicyJson} passed through `definePolicy`.
 *
 * @param input - the values the seed leaves blank (see {@link CreditGradeInputSchema})
 * @returns the validated policy
 * @throws ZhiduError `invalid_input` when a required value is missing or malformed
 * @example
 * const grades = creditGradePolicy({ gradeCMaxLimit: yuan(10_000), presidentWhenOverBy: { numerator: 1, denominator: 5 } });
 * grades.id; //=> 'zhidu.credit.creditGrades'
 * grades.params.grades.map((g) => g.grade); //=> ['A', 'B', 'C', 'D']
 */
export function creditGradePolicy(input: z.input<typeof CreditGradeInputSchema>): CreditGradePolicy {
  return definePolicy(CreditGradeParamsSchema, creditGradePolicyJson(input));
}

/**
 * JSON Schema of a credit-grade policy.
 *
 * @returns the JSON Schema of the full policy envelope
 * @example
 * creditGradePolicyJsonSchema().type; //=> 'object'
 */
export function creditGradePolicyJsonSchema(): object {
  return policyJsonSchema(CreditGradeParamsSchema);
}
