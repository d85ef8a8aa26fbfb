import { z } from 'zod';
import { CitationSchema, PercentSchema } from '../shared.js';

/** Revisit (回访) section: modes, plan ownership, open letters, estate campaigns, dissatisfaction. */
export const RevisitParamsSchema = z.strictObject({
  citations: z.strictObject({
    plan: CitationSchema.optional(),
    modes: CitationSchema.optional(),
    openLetter: CitationSchema.optional(),
    estateTrigger: CitationSchema.optional(),
    estateFirst: CitationSchema.optional(),
    estateAnnual: CitationSchema.optional(),
    dissatisfied: CitationSchema.optional(),
    visitTypes: CitationSchema.optional(),
    review: CitationSchema.optional(),
    priority: CitationSchema.optional(),
  }),
  /** Role that owns the revisit plan (客服部主管). */
  planOwnerRole: z.string().nullable().default(null),
  /** Trigger types every one of which must appear in the plan. */
  planMustCover: z.array(z.string()).default([]),
  /** Revisit number from which phone is allowed ("第二次以后"): 2 (inclusive reading) or 3. */
  phoneAllowedFromRevisitNumber: z.number().int().min(1).nullable().default(null),
  /** Levels whose revisits must always be on site ("第三类投诉"). */
  onSiteOnlyLevels: z.array(z.string()).default([]),
  openLetter: z.strictObject({ allowed: z.boolean(), mustBeArchived: z.boolean() }).nullable().default(null),
  estate: z
    .strictObject({
      /** First campaign starts at this occupancy ("入住50%后"), inclusive. */
      firstTriggerOccupancyPercent: PercentSchema,
      /** First campaign covers at least this share of occupied households ("不应少于90%"). */
      firstMinCoveragePercent: PercentSchema,
      /** Preferred mode for the first campaign (soft: "宜采用入户回访"). */
      firstPreferredMode: z.string(),
      /** Annual campaigns: at least this share of occupied households ("不少于10%"). */
      annualMinPercent: PercentSchema,
      /** Suggested sample range ("抽取10~25%"); above the maximum is not forbidden. */
      annualSampleMaxPercent: PercentSchema,
    })
    .nullable()
    .default(null),
  dissatisfied: z
    .strictObject({
      /** Score at or below which a respondent is seriously dissatisfied (lowest point of the form). */
      seriousAtOrBelow: z.number(),
      /** Who must take part in every re-revisit. */
      reRevisitParticipant: z.string(),
      /** Share of "dissatisfied" answers on an item that calls for a special investigation; null: not set (seed gives none). */
      clusterThresholdPercent: PercentSchema.nullable(),
      /** Score at or below which an answer counts as "dissatisfied". */
      dissatisfiedAtOrBelow: z.number(),
    })
    .nullable()
    .default(null),
  /** Return-visit types (例行 / 特定) and who may perform them. */
  visitTypes: z
    .strictObject({ specialRequiresMajorCustomer: z.boolean(), performerRole: z.string() })
    .nullable()
    .default(null),
  /** Who reviews return-visit records and reports, and whether a comment is required. */
  review: z.strictObject({ reviewerRole: z.string(), commentRequired: z.boolean() }).nullable().default(null),
});
/** Revisit section of a service policy. */
export type RevisitParams = z.output<typeof RevisitParamsSchema>;
