import { z } from 'zod';
import { CitationSchema } from '../shared.js';

/** Customer care (客户关怀): greetings on birthdays and holidays, payment reminders, promotion notices. */
export const CareParamsSchema = z.strictObject({
  citations: z.strictObject({
    birthday: CitationSchema.optional(),
    holiday: CitationSchema.optional(),
    payment: CitationSchema.optional(),
    promotion: CitationSchema.optional(),
  }),
  birthday: z
    .strictObject({
      /** Include recorded family members' birthdays ("家属过生日"). */
      includeFamily: z.boolean(),
      /** Only closed-deal customers ("成交客户"). */
      closedDealOnly: z.boolean(),
      channel: z.string(),
      /** Action for important customers (may add flowers or a cake). */
      importantAction: z.string(),
      /** Where a 29 February birthday falls in a common year. */
      leapDayFallback: z.enum(['feb28', 'mar1']),
    })
    .nullable(),
  holiday: z
    .strictObject({
      /** Holiday names that trigger greetings; empty: every holiday given by the caller. */
      holidays: z.array(z.string()),
      channels: z.array(z.string()),
      closedDealOnly: z.boolean(),
      /** Greet once on the first day of a multi-day holiday. */
      firstDayOnly: z.boolean(),
    })
    .nullable(),
  /** Days before an instalment falls due when a reminder is due; null: the seed gives none. */
  paymentLeadDays: z.number().int().min(0).nullable(),
});
/** Customer-care section of a service policy. */
export type CareParams = z.output<typeof CareParamsSchema>;
