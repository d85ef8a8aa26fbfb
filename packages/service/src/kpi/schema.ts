import { TextSchema } from '@zhidu/core';
import { z } from 'zod';
import { CitationSchema, PercentSchema } from '../shared.js';

/** A KPI rate: items with a property over all items, against an optional target. */
export const KpiSchema = CitationSchema.extend({
  key: z.string().min(1),
  /** Its name in Chinese and English (core's `TextSchema`: both non-empty). */
  ...TextSchema.shape,
  /** Item flag that counts toward the numerator, e.g. `handled`, `satisfied`. */
  numerator: z.string().min(1),
  /** Target percentage; null when the regulation sets none. */
  targetPercent: PercentSchema.nullable(),
  /** What an empty base means: met (回访处理率 with nothing to handle) or not applicable. */
  whenEmpty: z.enum(['met', 'notApplicable']),
});
/** A KPI definition. */
export type Kpi = z.output<typeof KpiSchema>;

/** Satisfaction-survey section: target and required dimensions. */
export const SurveyParamsSchema = z.strictObject({
  citations: z.strictObject({ target: CitationSchema, dimensions: CitationSchema.optional() }),
  /** Company standard for satisfaction (公司规定要求); the seeds never give it: null until configured. */
  targetScore: z.number().nullable(),
  /** Who organises corrective and preventive action. */
  correctiveOwner: z.string(),
  /** Dimensions a staff assessment record must carry (S002-KPI-02). */
  assessmentDimensions: z.array(z.string()),
});
/** Survey section of a service policy. */
export type SurveyParams = z.output<typeof SurveyParamsSchema>;
