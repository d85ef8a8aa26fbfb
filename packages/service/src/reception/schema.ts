import { InstantSchema, NonNegativeFenSchema, recordOf, TextSchema } from '@zhidu/core';
import { z } from 'zod';
import { CitationSchema, IdSchema, PercentSchema } from '../shared.js';

/** Reception class (接待类别). 000 L139 uses a–d; 001 L426 uses a–c with other meanings. */
export const ReceptionClassSchema = z.enum(['A', 'B', 'C', 'D']);
/** A reception class letter. */
export type ReceptionClass = z.infer<typeof ReceptionClassSchema>;

/** Facts about a guest that place them in a reception class. */
export const GuestFlagSchema = z.enum([
  'seniorMgmtGuest',
  'importantCustomer',
  'foreignGuest',
  'delegation',
  'government',
  'marketingCustomer',
  'generalVisitor',
]);
/** A guest fact used for classification. */
export type GuestFlag = z.infer<typeof GuestFlagSchema>;

/** One row of a reception-class table: who belongs, who hosts, budget and venue. */
export const ReceptionClassRowSchema = z.strictObject({
  class: ReceptionClassSchema,
  /** Its name in Chinese and English (core's `TextSchema`: both non-empty). */
  ...TextSchema.shape,
  /** Any of these flags places the guest in this class; rows are checked in order (highest first). */
  criteria: z.array(GuestFlagSchema),
  /** Minimum host role (接待人), or null when the regulation names none. */
  hostRole: z.string().nullable(),
  /** Budget per person in fen (费用控制), or null when the regulation sets none. */
  budgetPerPerson: NonNegativeFenSchema.nullable(),
  /**
   * `cap` for "控制在X元/人", `approximate` for "X元左右/人". Read only with a `budgetPerPerson`
   * (declared for policy-parameter coverage: without a budget it cannot change any answer).
   */
  budgetKind: z.enum(['cap', 'approximate']).meta({
    'x-zhidu-inert-unless': {
      present: ['budgetPerPerson'],
      reason: {
        zh: '该等级没有费用标准，费用口径不影响结果',
        en: 'no budget for this class: the kind of budget changes nothing',
      },
    },
  }),
  /** The only venue allowed for this class (001 L434), or null when the regulation sets none. */
  venue: z.string().nullable(),
});

/** Companion band: how many company staff accompany a party of a given size (000 L147). */
export const CompanionBandSchema = z.strictObject({
  minGuests: z.number().int().min(1),
  /** Inclusive upper bound, null for "and more". */
  maxGuests: z.number().int().min(1).nullable(),
  companionsMin: z.number().int().min(0),
  /** null: no upper bound ("3人以上"). */
  companionsMax: z.number().int().min(0).nullable(),
});

/** Reception section of a service policy. */
export const ReceptionParamsSchema = z
  .strictObject({
    citations: z.strictObject({
      classes: CitationSchema,
      budget: CitationSchema.optional(),
      companions: CitationSchema.optional(),
      gifts: CitationSchema.optional(),
      host: CitationSchema.optional(),
      venue: CitationSchema.optional(),
      restricted: CitationSchema.optional(),
      greeting: CitationSchema.optional(),
      vipLevel: CitationSchema.optional(),
      duties: CitationSchema.optional(),
    }),
    /** Class table; empty when the regulation refers to reception rules it does not include. */
    classes: z.array(ReceptionClassRowSchema),
    /** Class for a guest with no matching flag; null when the regulation has no class table. */
    defaultClass: ReceptionClassSchema.nullable(),
    /** Tolerance for "左右" (about) budgets; the seed gives none, the catalog recommends 10 %. */
    approximateTolerancePercent: PercentSchema,
    /** Whether the per-person budget counts guests only or guests plus company companions. */
    budgetBasis: z.enum(['guests', 'guestsAndCompanions']),
    /** Party-size bands; must be contiguous from 1 guest and end open. */
    companionBands: z.array(CompanionBandSchema),
    /** Host roles from highest to lowest rank; a higher host than required is acceptable. */
    hostRanks: z.array(z.string()),
    gifts: z
      .strictObject({
        arrangedBy: z.string(),
        importantApprover: z.string(),
        /** Value from which a gift counts as important (重要礼品); null: only the manual flag. */
        importantFrom: NonNegativeFenSchema.nullable(),
      })
      .nullable(),
    /** Venues allowed for any class besides the class's own (001 L436: 总经理室). */
    alwaysAllowedVenues: z.array(z.string()),
    /** Requests that must be declined; anything else restricted may be declined or escalated (000 L143). */
    mustDecline: z.array(z.string()),
    /** Customer categories received at VIP level besides customers flagged important (000 L1477). */
    vipCategories: z.array(z.string()),
    /** Reception duties by task → responsible roles (001 L444–454). */
    duties: recordOf(z.string(), z.array(z.string())),
  })
  .superRefine((p, ctx) => {
    // Bands are data so a company reading "5人以下" as including 5 can move the boundary (C4);
    // they must still partition the party sizes, or a party would get two answers.
    let expect = 1;
    p.companionBands.forEach((b, i) => {
      if (b.minGuests !== expect) {
        ctx.addIssue({
          code: 'custom',
          path: ['companionBands', i, 'minGuests'],
          message: `各档须首尾相接：应为 ${expect} / bands must be contiguous: expected ${expect}`,
        });
      }
      if (b.maxGuests === null) {
        if (i !== p.companionBands.length - 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['companionBands', i, 'maxGuests'],
            message: '只有最后一档可以不封顶 / only the last band may be open',
          });
        }
        expect = Number.POSITIVE_INFINITY;
      } else {
        if (b.maxGuests < b.minGuests) {
          ctx.addIssue({
            code: 'custom',
            path: ['companionBands', i, 'maxGuests'],
            message: 'maxGuests 小于 minGuests / maxGuests < minGuests',
          });
        }
        expect = b.maxGuests + 1;
      }
    });
    if (p.companionBands.length > 0 && expect !== Number.POSITIVE_INFINITY) {
      ctx.addIssue({
        code: 'custom',
        path: ['companionBands'],
        message: '最后一档须不封顶（maxGuests 为 null） / the last band must be open (maxGuests null)',
      });
    }
  });
/** Reception section of a service policy. */
export type ReceptionParams = z.output<typeof ReceptionParamsSchema>;

/** A gift planned for a reception. */
export const GiftSchema = z.strictObject({
  id: IdSchema,
  description: z.string().optional(),
  value: NonNegativeFenSchema.optional(),
  important: z.boolean().optional(),
});

/** What `planReception` is asked to plan or check. */
export const ReceptionRequestSchema = z.strictObject({
  /** Give the class directly, or the flags to classify by. */
  class: ReceptionClassSchema.optional(),
  flags: z.array(GuestFlagSchema).optional(),
  guests: z.number().int().min(1),
  /** Companions actually sent, to check against the band. */
  companions: z.number().int().min(0).optional(),
  /** Reason for deviating from the band ("原则上" allows exceptions with a reason). */
  companionsReason: z.string().optional(),
  /** Spend (planned or actual) in fen. */
  spend: NonNegativeFenSchema.optional(),
  gifts: z.array(GiftSchema).optional(),
  venue: z.string().optional(),
  hostRole: z.string().optional(),
  /** The host's person id; needed to emit an overspend Violation. */
  hostId: IdSchema.optional(),
  occurredAt: InstantSchema.optional(),
});
/** Input of `planReception`. */
export type ReceptionRequest = z.input<typeof ReceptionRequestSchema>;
