import { type LocalDate, LocalDateSchema, parseInput } from '@zhidu/core';
import { z } from 'zod';
import propertyService from '../../presets/property-service.json' with { type: 'json' };
import { defineSchedule, type FineSchedule } from '../schedule.js';

/**
 * The property-company schedule of seeds 002 and 003: sanctions without amounts.
 * - CS staff breaking rules, serving poorly or mishandling: warning, penalty or disciplinary
 *   sanction, one chosen by a manager (S002-PEN-02);
 * - leaking customer-file information: warning, fine, demotion or dismissal by severity
 *   (`data.severity` 1–4 picks one; without it the menu is returned), always with legal liability
 *   pursued (S003-PENALTY-01);
 * - erroneous customer information through negligence or false reporting that had an adverse
 *   effect: a penalty by the degree of loss, whose scale the truncated source lost (S003-PENALTY-02).
 *
 * @returns the validated schedule, from `presets/property-service.json` (a new object on every call)
 * @example
 * propertyServiceSchedule().params.items.some((i) => i.rule === 'S003-PENALTY-01'); //=> true
 */
export function propertyServiceSchedule(): FineSchedule {
  return defineSchedule(propertyService);
}

/** The argument of {@link assessmentConsequence} (built once, not per call). */
const AssessmentOutcomeSchema = z.enum(['excellent', 'pass', 'unqualified']);

/**
 * What an assessment result leads to for CS staff (S002-PEN-02: "对考核优秀的员工给予奖励,对考核不合格的员工进行培训或处罚").
 *
 * @param outcome - the staff assessment result
 * @returns `reward`, `none` or `trainingOrPenalty`
 * @example
 * assessmentConsequence('unqualified'); //=> 'trainingOrPenalty'
 */
export function assessmentConsequence(
  outcome: 'excellent' | 'pass' | 'unqualified',
): 'reward' | 'none' | 'trainingOrPenalty' {
  const o = parseInput(AssessmentOutcomeSchema, outcome, ['outcome']);
  return o === 'excellent' ? 'reward' : o === 'unqualified' ? 'trainingOrPenalty' : 'none';
}

/** Input of {@link incentiveReview}. */
export const IncentiveReviewSchema = z
  .object({
    period: z.enum(['Q1', 'Q2', 'Q3', 'Q4', 'year']),
    year: z.number().int().min(1900).max(9999),
    asOf: LocalDateSchema,
  })
  .strict();

/**
 * When the repair staff's service incentive bonus may be settled (S002-PEN-01: "在季度末或年末核定服务激励奖金"):
 * on or after the last day of the quarter or year. The scoring formula and bonus amounts are not in
 * the regulation and stay with the company.
 *
 * @param input - the period, its year and the date of the request
 * @returns the period's last day and whether the review may run
 * @example
 * incentiveReview({ period: 'Q1', year: 2024, asOf: '2024-02-15' }); //=> { periodEnd: '2024-03-31', open: false }
 */
export function incentiveReview(input: z.input<typeof IncentiveReviewSchema>): {
  periodEnd: LocalDate;
  open: boolean;
} {
  const i = parseInput(IncentiveReviewSchema, input, ['input']);
  const ends: Record<typeof i.period, string> = {
    Q1: '03-31',
    Q2: '06-30',
    Q3: '09-30',
    Q4: '12-31',
    year: '12-31',
  };
  const periodEnd = `${String(i.year).padStart(4, '0')}-${ends[i.period]}`;
  return { periodEnd, open: i.asOf >= periodEnd };
}

/** Input of {@link rewardEligible}. */
export const RewardClaimSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('information'), valuable: z.boolean() }).strict(),
  z.object({ kind: z.literal('innovation'), adopted: z.boolean(), goodResult: z.boolean() }).strict(),
  z.object({ kind: z.literal('satisfaction'), surveyImprovement: z.number().finite() }).strict(),
]);

/**
 * Whether a reward claim qualifies (S003-PENALTY-03): valuable customer information collected; an
 * innovation suggestion both adopted and effective; customer satisfaction raised as the survey shows
 * (read as a positive change against the previous period). Amounts are not stated.
 *
 * @param claim - the kind of contribution and its facts
 * @returns true when the regulation grants a reward
 * @example
 * rewardEligible({ kind: 'innovation', adopted: true, goodResult: false }); //=> false
 */
export function rewardEligible(claim: z.input<typeof RewardClaimSchema>): boolean {
  const c = parseInput(RewardClaimSchema, claim, ['claim']);
  if (c.kind === 'information') return c.valuable;
  if (c.kind === 'innovation') return c.adopted && c.goodResult;
  return c.surveyImprovement > 0;
}
