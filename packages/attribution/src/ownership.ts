/**
 * Output shapes of `resolveOwnership`.
 */
import { z } from 'zod';
import { ViolationSchema } from './kernel.js';
import { ShareSchema } from './shares.js';

/** How a visit was classified (step 2 of the catalog's Procedure II). */
export const VisitCaseSchema = z.enum([
  'NEW',
  'NEW_UNNAMED',
  'DESIGNATED',
  'OWNER',
  'NTH_DESIGNATED',
  'COMPLAINT',
  'REFUSED',
  'MULTI_NAMED',
  'HANDBACK',
  'ASSIST',
  'FORGOT',
  'DISCOUNT',
  'MANAGER',
]);
/** Visit classification. */
export type VisitCase = z.output<typeof VisitCaseSchema>;

/** Where an owner's claim comes from. */
export const ClaimBasisSchema = z.enum([
  'deal',
  'registration',
  'referral',
  'household',
  'reassignment',
  'heir',
  'staffRelative',
]);
/** Where an owner's claim comes from. */
export type ClaimBasis = z.output<typeof ClaimBasisSchema>;

/** One classified visit. */
export const VisitOutcomeSchema = z.strictObject({
  at: z.string(),
  visitNo: z.number().int().min(1),
  case: VisitCaseSchema,
  receiver: z.string(),
  rotationConsumed: z.boolean(),
  /** the prior owner B at this visit, if any */
  previous: z.string().nullable(),
  /** first unprotected date of B's claim at this visit (null = never expires) */
  previousExpiresOn: z.string().nullable(),
});
/** One classified visit. */
export type VisitOutcome = z.output<typeof VisitOutcomeSchema>;

/** Attribution of one deal: performance credit (业绩) and bonus (奖金) as exact shares. */
export const DealAttributionSchema = z.strictObject({
  at: z.string(),
  unitId: z.string().optional(),
  stage: z.enum(['smallDeposit', 'bigDeposit', 'contract']),
  status: z.enum(['final', 'pendingVerification', 'requiresManagerDecision', 'forfeitedToDepartment']),
  governingCase: z.string(),
  performance: z.array(ShareSchema),
  bonus: z.array(ShareSchema),
  /** follow-up and after-sales owner (S001-ATTR-25) */
  followUp: z.string().nullable(),
});
/** Attribution of one deal. */
export type DealAttribution = z.output<typeof DealAttributionSchema>;

/** The value of `resolveOwnership`. */
export const OwnershipSchema = z.strictObject({
  customerId: z.string(),
  /** owner at `ctx.now`, or null */
  owner: z.string().nullable(),
  basis: ClaimBasisSchema.nullable(),
  /** instant the protection ends (exclusive); null when there is no owner or it never ends */
  protectedUntil: z.string().nullable(),
  /** the evidence does not settle ownership; the department manager decides (S001-ATTR-11, -30) */
  needsManagerReview: z.boolean(),
  /** who handles follow-up now (S001-ATTR-25) */
  followUp: z.string().nullable(),
  visits: z.array(VisitOutcomeSchema),
  deals: z.array(DealAttributionSchema),
  invalidRegistrations: z.array(
    z.strictObject({
      at: z.string(),
      salespersonId: z.string(),
      missing: z.array(z.string()),
      badChannel: z.boolean(),
    }),
  ),
  violations: z.array(ViolationSchema),
});
/** The value of `resolveOwnership`. */
export type Ownership = z.output<typeof OwnershipSchema>;
