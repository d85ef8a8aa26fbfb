import { z } from 'zod';
import { CitationSchema, PercentSchema } from '../shared.js';

/** Leasing reception (写字楼招租接待) and sales-office desk section. */
export const LeasingParamsSchema = z.strictObject({
  citations: z.strictObject({
    recommend: CitationSchema.optional(),
    nextStep: CitationSchema.optional(),
    flexibleTerms: CitationSchema.optional(),
    negotiation: CitationSchema.optional(),
    monthlyCost: CitationSchema.optional(),
    anonymous: CitationSchema.optional(),
    booking: CitationSchema.optional(),
    dutyLog: CitationSchema.optional(),
    consultation: CitationSchema.optional(),
  }),
  /** Area tolerance when matching vacancies to a requested area; the seed gives none. */
  areaTolerancePercent: PercentSchema.nullable().default(null),
  /** Flexible terms that may be negotiated during a visit (never by phone). */
  flexibleTerms: z.array(z.string()).default([]),
  /** Places where rent negotiation may happen. */
  negotiationLocations: z.array(z.string()).default([]),
  /** Bookings allowed per slot per salesperson. */
  bookingsPerSlot: z.number().int().min(1).default(1),
  /** Consultation steps in order. */
  consultationSteps: z.array(z.string()).default([]),
});
/** Leasing section of a service policy. */
export type LeasingParams = z.output<typeof LeasingParamsSchema>;
