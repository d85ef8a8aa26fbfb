import { InstantSchema, LocalDateSchema, LocalTimeSchema, TextSchema } from '@zhidu/core';
import { z } from 'zod';
import { CitationSchema } from '../shared.js';

/** Calendar period over which a minimum frequency is counted (C9: calendar periods in the policy zone). */
export const PeriodUnitSchema = z.enum(['day', 'week', 'month', 'quarter', 'halfYear', 'year']);
/** A calendar period unit. */
export type PeriodUnit = z.infer<typeof PeriodUnitSchema>;

/**
 * A minimum frequency ("每月不少于10家", "每年至少一次", "每天每层不少于5次"): at least `min`
 * activities of a kind in each calendar period, optionally counting distinct subjects only, per
 * scope (floor, partner …), inside a daily time window, and only on working days.
 */
export const FrequencySchema = CitationSchema.extend({
  key: z.string().min(1),
  /** Its name in Chinese and English (core's `TextSchema`: both non-empty). */
  ...TextSchema.shape,
  activity: z.string().min(1),
  period: PeriodUnitSchema,
  /** Minimum per period; null when the regulation leaves it blank (reported as UNSPECIFIED). */
  min: z.number().int().min(0).nullable(),
  /** Count distinct `subjectId`s (e.g. households) instead of activities. */
  distinctSubjects: z.boolean(),
  /** Count separately per `scopeId` (e.g. per floor, per partner). */
  perScope: z.boolean(),
  /** Only activities inside this local time window count. */
  window: z.strictObject({ from: LocalTimeSchema, to: LocalTimeSchema }).nullable(),
  /** Periods (days) that are not working days are not evaluated ("节假日除外"). */
  workdaysOnly: z.boolean(),
  /** Only activities carrying all these tags count (e.g. `comprehensive` survey, `senior` visitor). */
  requiredTags: z.array(z.string()),
});
/** A minimum-frequency requirement. */
export type Frequency = z.output<typeof FrequencySchema>;

/** An activity that counts toward a frequency. */
export const ActivitySchema = z.strictObject({
  activity: z.string().min(1),
  at: InstantSchema,
  subjectId: z.string().optional(),
  scopeId: z.string().optional(),
  tags: z.array(z.string()).optional(),
  /** A date inside the period the activity covers, when it differs from when it happened (a Q1 disclosure published in April). */
  covers: LocalDateSchema.optional(),
});
/** An activity record. */
export type Activity = z.output<typeof ActivitySchema>;
