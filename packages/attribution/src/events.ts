/**
 * The event model of a customer's history at a sales office (售楼处): registrations, follow-ups,
 * visits with the reception intake (S001-RECEP-05), lookups in the prospect files, complaint
 * verification, deals, staff departures, links between customers, crossover disputes and manager
 * decisions. Every event carries an instant with an offset; histories must be in time order.
 */

import { recordOf } from '@zhidu/core';
import { z } from 'zod';
import { EventInstantSchema, InstantSchema } from './kernel.js';

/** Registration channel (登记渠道). */
export const ChannelSchema = z.enum(['phoneCall', 'walkIn', 'online', 'referral', 'event', 'selfDeveloped']);
/** Registration channel. */
export type Channel = z.output<typeof ChannelSchema>;

/**
 * A company's own fields on an event (e.g. `{ crmLeadId: 'L-1024', vip: true }`): kept as given,
 * visible to custom rules, never read by the catalog rules. Every other unknown key is refused.
 */
export const AttrsSchema = recordOf(z.string(), z.union([z.string(), z.number(), z.boolean()]));

const base = { at: EventInstantSchema, customerId: z.string().min(1), attrs: AttrsSchema.optional() };

/** 客户登记: a salesperson registers the customer on the registration form (客户登记表). */
export const RegistrationEventSchema = z.strictObject({
  type: z.literal('registration'),
  ...base,
  salespersonId: z.string().min(1),
  channel: ChannelSchema,
  /** captured fields of the form (name, phone, hasAgent …); required ones come from the policy */
  fields: recordOf(z.string(), z.union([z.string(), z.boolean(), z.number()])).default({}),
  /** also entered in the manager's evening-meeting record (经理的晚会记录, 001 L154); default true */
  eveningRecord: z.boolean().default(true),
  /** re-registration to renew protection; `managerApproved` is the manager's sign-off */
  renewal: z.strictObject({ managerApproved: z.boolean() }).optional(),
});

/** 跟进: a follow-up contact; `reached` distinguishes an effective contact from an unanswered call. */
export const FollowUpEventSchema = z.strictObject({
  type: z.literal('followUp'),
  ...base,
  salespersonId: z.string().min(1),
  reached: z.boolean(),
  method: z.enum(['phoneCall', 'visit', 'message', 'homeVisit']).default('phoneCall'),
});

/** What the customer answers at the start of a reception (S001-RECEP-05). */
export const IntakeSchema = z.strictObject({
  visitedBefore: z.enum(['no', 'yes', 'forgot']),
  /** salespeople the customer names, in the order spoken */
  named: z.array(z.string().min(1)).default([]),
  refusesPrevious: z.boolean().default(false),
  complaintAgainstPrevious: z.boolean().default(false),
});

/** 来访: a customer visit with who was on turn, who was designated and who was present. */
export const VisitEventSchema = z.strictObject({
  type: z.literal('visit'),
  ...base,
  /** the salesperson on the front-desk turn (前台轮值) when the customer arrived */
  onTurnId: z.string().min(1),
  /** the salesperson the customer asked for on entering (进门后即要求指定) */
  designatedOnEntry: z.string().min(1).optional(),
  intake: IntakeSchema,
  /** salespeople on site at the time */
  presentIds: z.array(z.string().min(1)),
  context: z.enum(['normal', 'propertyExpo', 'launch', 'otherEvent']).default('normal'),
  /** the owner's customer went to another salesperson only to bargain for a discount (criterion 6) */
  discountApproachTo: z.string().min(1).optional(),
  /** salespeople who refused or neglected the customer (怠慢) */
  neglectedBy: z.array(z.string().min(1)).default([]),
});

/** 潜在客户档案查找: after a "forgot who" visit, the receiver finds the earlier salesperson. */
export const LookupEventSchema = z.strictObject({
  type: z.literal('lookup'),
  ...base,
  foundSalespersonId: z.string().min(1).nullable(),
  /** who takes the follow-up when the earlier salesperson is found (criterion 7 "A或B") */
  followUpBy: z.enum(['receiver', 'previous']).default('receiver'),
});

/** 销售主任落实: the supervisor's verification of a complaint against a salesperson (criterion 4). */
export const ComplaintVerificationEventSchema = z.strictObject({
  type: z.literal('complaintVerification'),
  ...base,
  againstId: z.string().min(1),
  upheld: z.boolean(),
  /** the receiver told both the supervisor and the salesperson complained about */
  notifiedSupervisorAndSalesperson: z.boolean().default(true),
});

/** 成交: small deposit (小定), big deposit (大定) or contract. */
export const DealEventSchema = z.strictObject({
  type: z.literal('deal'),
  ...base,
  stage: z.enum(['smallDeposit', 'bigDeposit', 'contract']),
  closerId: z.string().min(1),
  unitId: z.string().min(1).optional(),
});

/**
 * A relation between two customers, or between a customer and a staff member (配偶, 父母, 子女,
 * 兄弟姐妹, 同户, 同一公司, 其他).
 */
export const RelationSchema = z.enum([
  'spouse',
  'parent',
  'child',
  'sibling',
  'sameHousehold',
  'sameCompany',
  'other',
]);
/** A relation. */
export type Relation = z.output<typeof RelationSchema>;

/** Links between customers: household members (家庭) or a referral (旧客户带来的新客户). */
export const LinkEventSchema = z.strictObject({
  type: z.literal('link'),
  ...base,
  kind: z.enum(['household', 'referral']),
  /** the other household member, or the referrer for a referral */
  otherCustomerId: z.string().min(1),
  relation: RelationSchema.optional(),
});

/** 客户交叉: a step of a crossover dispute on a unit. */
export const DisputeEventSchema = z.strictObject({
  type: z.literal('dispute'),
  ...base,
  unitId: z.string().min(1).optional(),
  parties: z.array(z.string().min(1)).min(2),
  outcome: z.enum(['agreed', 'mediated', 'managerRuling', 'quarrel', 'refusedRuling']),
  winnerId: z.string().min(1).optional(),
  /** for `refusedRuling`: who refused */
  refusedBy: z.string().min(1).optional(),
});

/** A manager's decision where the criteria say the manager decides (criterion 13, K7, uncovered cases). */
export const ManagerDecisionEventSchema = z.strictObject({
  type: z.literal('managerDecision'),
  ...base,
  ownerId: z.string().min(1),
  /** percent per salesperson; must sum to 100 */
  performance: recordOf(z.string(), z.number().min(0).max(100)),
  bonus: recordOf(z.string(), z.number().min(0).max(100)),
});

/** A company or manager reassignment of the customer's file. */
export const ReassignmentEventSchema = z.strictObject({
  type: z.literal('reassignment'),
  ...base,
  toId: z.string().min(1),
  reason: z.enum(['departure', 'inadequateService', 'complaintTimeout', 'managerDecision']),
});

/** Events that concern one customer. */
export const CustomerEventSchema = z.discriminatedUnion('type', [
  RegistrationEventSchema,
  FollowUpEventSchema,
  VisitEventSchema,
  LookupEventSchema,
  ComplaintVerificationEventSchema,
  DealEventSchema,
  LinkEventSchema,
  DisputeEventSchema,
  ManagerDecisionEventSchema,
  ReassignmentEventSchema,
]);

/** 请长假/调离: a salesperson leaves; `assignments` records a draw already made by the manager. */
export const DepartureEventSchema = z.strictObject({
  type: z.literal('departure'),
  at: EventInstantSchema,
  attrs: AttrsSchema.optional(),
  salespersonId: z.string().min(1),
  kind: z.enum(['longLeave', 'transfer', 'resignation']),
  leaveDays: z.number().int().min(1).optional(),
  assignments: recordOf(z.string(), z.string()).optional(),
});

/** Any event of a sales-office history. */
export const SalesEventSchema = z.discriminatedUnion('type', [
  ...CustomerEventSchema.options,
  DepartureEventSchema,
]);
/** Any event of a sales-office history (parsed). */
export type SalesEvent = z.output<typeof SalesEventSchema>;
/** A customer event (parsed). */
export type CustomerEvent = z.output<typeof CustomerEventSchema>;
/** A visit (parsed). */
export type VisitEvent = z.output<typeof VisitEventSchema>;
/** A registration (parsed). */
export type RegistrationEvent = z.output<typeof RegistrationEventSchema>;
/** A deal (parsed). */
export type DealEvent = z.output<typeof DealEventSchema>;
/** A departure (parsed). */
export type DepartureEvent = z.output<typeof DepartureEventSchema>;

/** A salesperson on the roster. */
export const StaffMemberSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().optional(),
  departmentId: z.string().optional(),
  roles: z.array(z.string()).default(['salesperson']),
  /** when the staff member joined (入职), for `customerScope.staffRelatives` declared `beforeJoining` */
  joinedAt: InstantSchema.optional(),
  /** relatives the staff member declared (员工亲属登记): the customer, the relation and when declared */
  relatives: z
    .array(
      z.strictObject({
        customerId: z.string().min(1),
        relation: RelationSchema,
        declaredAt: InstantSchema,
      }),
    )
    .optional(),
});

/** Input of `resolveOwnership`: the customer, the roster and the (shared) event log. */
export const SalesHistorySchema = z.strictObject({
  customerId: z.string().min(1),
  departmentId: z.string().min(1).default('salesDepartment'),
  staff: z.array(StaffMemberSchema).min(1),
  events: z.array(SalesEventSchema),
});
/** Input of `resolveOwnership` before parsing. */
export type SalesHistoryInput = z.input<typeof SalesHistorySchema>;
/** Parsed input of `resolveOwnership`. */
export type SalesHistory = z.output<typeof SalesHistorySchema>;

/** Input of `resolveAllOwnership`: the roster and the whole event log. */
export const SalesLogSchema = SalesHistorySchema.omit({ customerId: true });
/** Input of `resolveAllOwnership` before parsing. */
export type SalesLogInput = z.input<typeof SalesLogSchema>;
