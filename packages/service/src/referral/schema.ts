import { InstantSchema, NonNegativeFenSchema } from '@zhidu/core';
import { z } from 'zod';
import { CitationSchema, IdSchema } from '../shared.js';

/** Referral rewards (老顧客帶新顧客) section: points for attendance and for on-site sales. */
export const ReferralParamsSchema = z.strictObject({
  citations: z.strictObject({ attendance: CitationSchema, sales: CitationSchema }),
  /** Points per distinct new customer who attends a meeting (每帶一個新顧客參加會議). */
  pointsPerNewAttendee: z.number().int().min(0),
  /** Whether every attendance earns points again (catalog: once per new customer). */
  perAttendance: z.boolean(),
  /** Only club members (聯誼會老顧客) earn points. */
  requireClubMember: z.boolean(),
  /** Points per full sales unit (每1000元銷售). */
  pointsPerSalesUnit: z.number().int().min(0),
  /** The sales unit in fen (¥1,000 = 100000). */
  salesUnit: NonNegativeFenSchema.refine((n) => n > 0, {
    message: 'salesUnit 须为正数 / salesUnit must be positive',
  }),
  /**
   * How sales become units: sum per new customer per event then take full units (catalog default),
   * full units per transaction, or proportional points (floored at the end).
   */
  salesRounding: z.enum(['floorPerCustomerEvent', 'floorPerTransaction', 'proportional']),
  /** Only sales made at the event itself count (活動現場). */
  onSiteOnly: z.boolean(),
});
/** Referral section of a service policy. */
export type ReferralParams = z.output<typeof ReferralParamsSchema>;

/** A new customer brought by an old customer. */
export const ReferralSchema = z.strictObject({
  newCustomerId: IdSchema,
  /** The old customer who brought them; required — a referral without a referrer is refused. */
  referrerId: IdSchema,
  referrerIsClubMember: z.boolean(),
  /** Already in the CRM before the referral: not a "new" customer. */
  alreadyCustomer: z.boolean().optional(),
  /** Meetings the new customer attended. */
  attendances: z.array(z.strictObject({ eventId: IdSchema, at: InstantSchema })),
});
/** A referral. */
export type ReferralInput = z.input<typeof ReferralSchema>;

/** A sale to a referred customer. */
export const ReferralSaleSchema = z.strictObject({
  id: IdSchema,
  newCustomerId: IdSchema,
  eventId: IdSchema,
  amount: NonNegativeFenSchema,
  onSite: z.boolean(),
  /** A refunded sale earns nothing (points reversed). */
  refunded: z.boolean().optional(),
});
/** A sale to a referred customer. */
export type ReferralSaleInput = z.input<typeof ReferralSaleSchema>;

/** Lead sources (拓客方法) and whether each needs a referrer. */
export const LeadParamsSchema = z.strictObject({
  citations: z.strictObject({
    sources: CitationSchema,
    prospect: CitationSchema,
    repeatDiscount: CitationSchema,
  }),
  sources: z.array(z.strictObject({ source: z.string().min(1), referrerRequired: z.boolean() })),
  /** Completed purchases that make an "old customer" (老客户). */
  repeatDiscountMinPurchases: z.number().int().min(1),
  /** Discount on the next purchase; null: the seed gives no rate. */
  repeatDiscountRate: z.number().min(0).max(1).nullable(),
});
/** Lead section of a service policy. */
export type LeadParams = z.output<typeof LeadParamsSchema>;

/** How visiting agents (中介經紀人) of each type are handled. */
export const AgentHandlingSchema = z.strictObject({
  type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  viewing: z.enum(['yes', 'no', 'onlyWithClient']),
  materials: z.array(z.string()),
  materialsWithoutClient: z.array(z.string()),
  quoteMode: z.enum(['matched', 'conservative', 'reserved', 'none']),
  quoteModeWithoutClient: z.enum(['matched', 'conservative', 'reserved', 'none']),
  maxBrochures: z.number().int().min(0).nullable(),
  escortRequired: z.boolean(),
  notifyMonitoringRoom: z.enum(['no', 'optional', 'yes']),
});

/** Agent section of a service policy (004 L172–195). */
export const AgentParamsSchema = z.strictObject({
  citations: z.strictObject({
    classify: CitationSchema,
    type1: CitationSchema,
    type2: CitationSchema,
    type3: CitationSchema,
  }),
  handling: z.array(AgentHandlingSchema).length(3),
  companyNatures: z.array(z.string()),
  businessScopes: z.array(z.string()),
});
/** Agent section of a service policy. */
export type AgentParams = z.output<typeof AgentParamsSchema>;
