/**
 * Policy model of sales-office attribution. Every period, split, role and switch a regulation states
 * lives here as JSON-serialisable data; the seed regulations are presets built from it.
 */
import { definePolicy, type Policy, partialRecordOf, policySchema } from '@zhidu/core';
import { z } from 'zod';
import { CustomerScopeSchema } from './customer-scope.js';
import { ChannelSchema } from './events.js';
import { ClaimLifecycleSchema, DealChecksSchema, SplitRowSchema } from './lifecycle.js';
import { PercentSchema } from './shares.js';

/** A protection period (保护期 / 建档有效期). */
export const PeriodSchema = z.strictObject({
  unit: z.enum(['days', 'months']),
  amount: z.number().int().min(1),
});
/** A protection period. */
export type Period = z.output<typeof PeriodSchema>;

function split<A extends string, B extends string>(a: A, b: B) {
  return z
    .strictObject({ [a]: PercentSchema, [b]: PercentSchema } as Record<A | B, typeof PercentSchema>)
    .refine(
      (s) => {
        const v = s as Record<string, number>;
        return Math.round((v[a] ?? 0) * 100) + Math.round((v[b] ?? 0) * 100) === 10_000;
      },
      { message: `${a} 与 ${b} 之和须恰为 100% / ${a} + ${b} must be exactly 100 %` },
    );
}

/** Parameters of the sales-office attribution procedure (Procedure II of the catalog). */
export const SalesOfficeParamsSchema = z.strictObject({
  registration: z.strictObject({
    /** form fields without which a registration is invalid (S000B-ATTR-01) */
    requiredFields: z.array(
      z
        .string()
        .min(1)
        .refine((field) => field !== '__proto__', {
          message:
            '`__proto__` 不能用作必填字段名：登记的 fields 不能携带该键，每份登记都会被判缺项 / `__proto__` cannot name a required field: a registration’s fields cannot carry that key, so every registration would miss it',
        }),
    ),
    /** channels a registration may carry; others make it invalid (S000B-ATTR-01 example 3) */
    allowedChannels: z.array(ChannelSchema).min(1),
    /**
     * How the manager's evening record weighs (S001-ATTR-11): `preferred` ranks corroborated
     * registrations first and sends uncorroborated-only cases to the manager; `ignored` uses the form time alone.
     */
    corroboration: z.enum(['preferred', 'ignored']),
  }),
  protection: z.strictObject({
    /** protection period when no channel-specific one applies; null = never expires */
    default: PeriodSchema.nullable(),
    byChannel: partialRecordOf(ChannelSchema, PeriodSchema).default({}),
    /** count from the registration, or from the latest effective follow-up by the same salesperson */
    countFrom: z.enum(['registration', 'latestEffectiveFollowUp']).meta({
      'x-zhidu-inert-unless': {
        absent: '/params/lifecycle',
        reason: {
          zh: '设定了生命周期（lifecycle）时由它计算保护期，不读此项',
          en: 'a lifecycle, when set, counts the protection instead and this is not read',
        },
      },
    }),
    /** an effective follow-up must have reached the customer (an unanswered call does not count) */
    effectiveFollowUpRequiresReach: z.boolean(),
    /** whether the last day of the period still counts (S001-ATTR-12: exclusive) */
    inclusiveEnd: z.boolean(),
    /** validity is tested at the visit where the claim arises, or at the deal (S001-ATTR-12) */
    checkedAt: z.enum(['visit', 'deal']),
    /** re-registration: ignored, renews with manager approval, or renews freely */
    renewal: z.enum(['none', 'managerApproval', 'free']).meta({
      'x-zhidu-inert-unless': {
        absent: '/params/lifecycle',
        reason: {
          zh: '设定了生命周期（lifecycle）时由它计算保护期，不读此项',
          en: 'a lifecycle, when set, counts the protection instead and this is not read',
        },
      },
    }),
  }),
  splits: z.strictObject({
    /** criterion (2): receiver A over refused B while B's file is valid (S001-ATTR-18) */
    refused: split('receiver', 'previous'),
    /** criterion (3): absent previous salesperson B and assistant C (S001-ATTR-19) */
    assist: split('previous', 'assistant'),
    /** criterion (7): forgot who, earlier salesperson found and valid (S001-ATTR-23) */
    forgotFound: split('receiver', 'previous'),
    /** criterion (8): designated on visit N (S001-ATTR-24); applies to performance and bonus */
    nthDesignated: split('designee', 'previous'),
    /** criterion (5): owner of record vs a different first-named receiver (S001-ATTR-21, interp) */
    multiNamed: split('owner', 'receiver'),
    /** line 108 reading: same-day deal by the salesperson on turn (S001-ATTR-15) */
    sameDayReturning: split('receiver', 'previous'),
  }),
  /** conflict K1: dedicated criteria (default) or the line-108 50/50 same-day rule (S001-ATTR-15) */
  returningCustomerPolicy: z.enum(['criteria', 'reception50_50']),
  /** a customer who cannot name the earlier salesperson: criterion (7) or "treated as new" (S000B-ATTR-03) */
  unnamedPrevious: z.enum(['forgotCriterion', 'treatAsNew']),
  referral: z.strictObject({
    /** originalReceiver: always (S001-ATTR-26); onDesignation: only when the new customer asks (S000B-ATTR-04); off */
    mode: z.enum(['originalReceiver', 'onDesignation', 'off']),
  }),
  household: z.strictObject({
    enabled: z.boolean(),
    relations: z.array(z.enum(['spouse', 'parent', 'child', 'sibling', 'other'])),
    /** the first receiver's file must still be valid at the later member's first visit */
    requireValidFile: z.boolean(),
  }),
  /** conflict K7: first-visit designation vs referral/household owner */
  firstVisitDesignationVsLink: z.enum(['managerDecision', 'nthDesignated']),
  complaint: z.strictObject({
    /** B is excluded only if the receiver told the supervisor and B (S001-ATTR-20) */
    exclusionRequiresNotification: z.boolean(),
  }),
  /** visit contexts where the manager decides (S001-ATTR-29) */
  managerDecidedContexts: z.array(z.enum(['propertyExpo', 'launch', 'otherEvent'])),
  crossover: z.strictObject({
    quarrelForfeitsToDepartment: z.boolean(),
    refusedRulingForfeitsToDepartment: z.boolean(),
  }),
  departure: z.strictObject({
    /** leave of at least this many days is "long" (长假); null = every reported long leave counts */
    longLeaveDays: z.number().int().min(1).nullable(),
    lotteryMode: z.enum(['independent', 'shuffleRoundRobin']),
    /** roster role eligible to inherit customers */
    eligibleRole: z.string().min(1),
  }),
  /**
   * A claim's lifecycle as named phases, transitions and revival rules (issue 14). When given it
   * replaces the `protection` counting (`default`, `byChannel`, `countFrom`,
   * `effectiveFollowUpRequiresReach`, `inclusiveEnd`, `renewal`); absent, those apply as before.
   */
  lifecycle: ClaimLifecycleSchema.optional(),
  /** checks when a deal is recorded by someone other than the owner, and the dispute window after it */
  dealChecks: DealChecksSchema.optional(),
  /**
   * Performance and bonus shares by visit case and role, with conditions on the facts; the first
   * matching row replaces the `splits` of a final deal (absent or no row matching: `splits` apply).
   */
  splitMatrix: z.array(SplitRowSchema).optional(),
  /**
   * Who counts as the customer (issue 14): relations between customers that make a visit count for an
   * existing claim, relatives of staff that belong to them, and the prior record a referrer needs.
   * Absent: `household` and `referral` apply as before.
   */
  customerScope: CustomerScopeSchema.optional(),
});
/** Parameters of the sales-office attribution procedure. */
export type SalesOfficeParams = z.output<typeof SalesOfficeParamsSchema>;

/** The versioned, dated policy envelope (core `policySchema`) around sales-office parameters. */
export const SalesOfficePolicySchema = policySchema(SalesOfficeParamsSchema);
/** A sales-office attribution policy. */
export type SalesOfficePolicy = Policy<SalesOfficeParams>;
/** A sales-office attribution policy before parsing. */
export type SalesOfficePolicyInput = z.input<typeof SalesOfficePolicySchema>;

/**
 * Validates a sales-office policy (shares that do not sum to 100 % are refused).
 *
 * @param input - policy JSON
 * @returns the parsed policy
 * @example
 * const p = defineSalesOfficePolicy({ ...salesOffice001, id: 'my-office' });
 */
export function defineSalesOfficePolicy(input: unknown): SalesOfficePolicy {
  return definePolicy(SalesOfficeParamsSchema, input, ['policy']);
}

/**
 * JSON Schema of the sales-office policy, for editors and configuration UIs.
 *
 * @returns a JSON Schema object
 * @example
 * const schema = salesOfficePolicyJsonSchema();
 */
export function salesOfficePolicyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(SalesOfficePolicySchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}
