import { recordOf } from '@zhidu/core';
import { z } from 'zod';
import { CitationSchema } from '../shared.js';

/** Sales-visit (业务拜访) section: quotas, approvals, pruning, tracking forms, partners. */
export const SalesVisitParamsSchema = z.strictObject({
  citations: z.strictObject({
    quota: CitationSchema.optional(),
    preApproval: CitationSchema.optional(),
    visitList: CitationSchema.optional(),
    commitments: CitationSchema.optional(),
    appraisal: CitationSchema.optional(),
    prune: CitationSchema.optional(),
    trackingForm: CitationSchema.optional(),
    supervisorCheck: CitationSchema.optional(),
    corroboration: CitationSchema.optional(),
    seniorVisit: CitationSchema.optional(),
    partnerData: CitationSchema.optional(),
    coverage: CitationSchema.optional(),
    maintenancePlans: CitationSchema.optional(),
    dailyTasks: CitationSchema.optional(),
  }),
  /** Required visits per position per month; the seeds give no numbers, so presets leave it empty. */
  visitQuotas: recordOf(z.string(), z.number().int().min(0)).default({}),
  /** Activities that need an application approved before they happen (gifts, entertainment, expenses). */
  preApprovalKinds: z.array(z.string()).default([]),
  /** Whether approval (not only the application) must precede the activity. */
  approvalRequiredBeforeActivity: z.boolean().default(true),
  /** Remove a customer from the visit plan after this many fruitless visits ("5次以上"), inclusive. */
  pruneAfterFruitlessVisits: z.number().int().min(1).nullable().default(null),
  /** Intent grades that need a tracking form (A/B). */
  trackingFormGrades: z.array(z.string()).default([]),
  /**
   * Days between the sales supervisor's checks of the tracking forms (定期检查, S001-FOLLOW-02); the
   * seed states no number, so `null` (the default) answers no due date.
   */
  supervisorCheckPeriodDays: z.number().int().min(1).max(366).nullable().default(null),
  /** Partner grades always visited by senior management yearly; B partners only when selected. */
  seniorVisitGrades: z.array(z.string()).default([]),
  seniorVisitSelectableGrades: z.array(z.string()).default([]),
  /** Customer categories that each need a maintenance plan. */
  maintenanceCategories: z.array(z.string()).default([]),
  /** Days ahead within which signing/payment notices are due (seeds give none). */
  noticeLeadDays: z.number().int().min(0).nullable().default(null),
});
/** Sales-visit section of a service policy. */
export type SalesVisitParams = z.output<typeof SalesVisitParamsSchema>;
