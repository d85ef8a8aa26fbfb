import { recordOf, TextSchema } from '@zhidu/core';
import { z } from 'zod';
import { CitationSchema } from '../shared.js';

/** A step of a recurring cadence: every N months or days. */
export const CadenceStepSchema = z
  .strictObject({ months: z.number().int().min(1).optional(), days: z.number().int().min(1).optional() })
  .refine((s) => (s.months === undefined) !== (s.days === undefined), {
    message: 'months 与 days 须且只须给出一个 / give exactly one of months or days',
  });

/**
 * A recurring follow-up cadence. `phases` run one after another from the anchor (e.g. monthly for
 * 12 months, then quarterly); `byGrade` gives one step per customer grade. A cadence the regulation
 * leaves open ("定期") has neither, and using it without completing the policy is refused.
 */
export const CadenceSchema = CitationSchema.extend({
  key: z.string().min(1),
  /** Its name in Chinese and English (core's `TextSchema`: both non-empty). */
  ...TextSchema.shape,
  phases: z.array(
    z.strictObject({
      step: CadenceStepSchema,
      /** Months from the anchor that this phase covers; null: open-ended. */
      untilMonths: z.number().int().min(1).nullable(),
    }),
  ),
  byGrade: recordOf(z.string(), CadenceStepSchema).optional(),
});
/** A recurring follow-up cadence. */
export type Cadence = z.output<typeof CadenceSchema>;
