import { ReceptionKindSchema } from '@zhidu/attribution';
import { InstantSchema, LocalDateSchema, recordOf } from '@zhidu/core';
import { z } from 'zod';

// Runtime schemas for the arguments of public functions: a caller in plain JavaScript (or JSON from
// an ERP) gets a ZhiduError with the path of the bad field, never a TypeError from deep inside.

const str = z.string().min(1);
const count = z.number().int().min(0);

export const StringArg = str;
export const StringListArg = z.array(z.string());
export const CountArg = count;
export const BooleanArg = z.boolean();
export const ClassArg = z.enum(['A', 'B', 'C', 'D']);
export const CustomerLevelArg = z.strictObject({
  important: z.boolean().optional(),
  category: z.string().optional(),
});
export const GreetingCheckArg = z.strictObject({
  guestRank: str,
  greeterRank: str,
  explanationGiven: z.boolean().optional(),
  arrivalInfoKnown: z.boolean(),
  guestArrivesAt: InstantSchema,
  greeterArrivedAt: InstantSchema,
  transportBooked: z.boolean(),
  lodgingBooked: z.boolean(),
});
export const WalkInArg = z.strictObject({
  kind: ReceptionKindSchema,
  at: InstantSchema,
  takenBy: z.string().optional(),
  receiverId: z.string().optional(),
});
export const IntakeArg = z.strictObject({
  visitedBefore: z.enum(['yes', 'no', 'forgot']),
  previousSalespeople: z.array(z.string()).optional(),
  designatedOnEntry: z.string().optional(),
  presentSalespeople: z.array(z.string()).optional(),
});
/**
 * A company's own fields on an input row (unit number, floor, customer grade…): preserved and
 * returned as given, never read by the rules. Any other unknown key is refused with `unknown_key`.
 */
export const AttrsSchema = recordOf(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export const VacancyArg = z.strictObject({
  id: str,
  areaSqm: z.number().positive(),
  attrs: AttrsSchema.optional(),
});
export const VacanciesArg = z.array(VacancyArg);
export const AreaArg = z.number().positive();
export const StageArg = z.enum(['phone', 'visit']);
export const VisitorArg = z.strictObject({ cardGiven: z.boolean(), phoneGiven: z.boolean() });
export const ConsultationArg = z.strictObject({
  step: str,
  contact: z.string().optional(),
  content: z.string().optional(),
  category: z.string().optional(),
  assignee: z.string().optional(),
  channel: z.string().optional(),
  solution: z.string().optional(),
});
export const DutyLogArg = z.array(
  z.strictObject({ id: str, at: InstantSchema, phone: z.string().optional(), name: z.string().optional() }),
);
export const DutyFormArg = z.array(
  z.strictObject({ phone: z.string().optional(), name: z.string().optional(), date: LocalDateSchema }),
);
export const LeadArg = z.strictObject({ source: str, referrerId: z.string().optional() });
export const ProspectArg = z.strictObject({
  referrerCustomerId: z.string().optional(),
  name: str,
  phone: z.string().optional(),
  statedIntent: z.boolean().optional(),
});
export const AgentFactsArg = z.strictObject({
  pastDeals: count.optional(),
  frequentContact: z.boolean().optional(),
  firstVisit: z.boolean().optional(),
  suspectedMarketResearch: z.boolean().optional(),
});
export const AgentTypeArg = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const ClientProfileArg = z.strictObject({ nature: z.string(), scope: z.string() });
export const RevisitNumberArg = z.strictObject({
  revisitNumber: z.number().int().min(1),
  level: z.string().optional(),
});
export const RevisitPlanArg = z.strictObject({
  createdByRole: str,
  items: z.array(z.strictObject({ triggerId: str })),
});
export const TriggerRefsArg = z.array(z.strictObject({ id: str, type: str }));
export const OpenLetterArg = z.strictObject({
  issueKey: str,
  triggerIds: z.array(str),
  at: InstantSchema,
  archived: z.boolean(),
});
export const FeedbackCustomersArg = z.array(
  z.strictObject({ id: str, lastFeedbackAt: InstantSchema.optional(), attrs: AttrsSchema.optional() }),
);
export const ReturnVisitArg = z.strictObject({
  type: z.enum(['ROUTINE', 'SPECIAL']),
  isMajorCustomer: z.boolean(),
  assigneeRole: str,
});
export const ReviewArg = z.strictObject({ reviewerRole: str, comment: z.string() });
export const EstateArg = z.strictObject({ occupiedHouseholds: count, totalHouseholds: count });
export const CampaignArg = z.strictObject({
  kind: z.enum(['first', 'annual']),
  occupiedHouseholds: count,
  revisited: count,
  inHome: count.optional(),
});
export const ResponsesArg = z.array(
  z.strictObject({ customerId: str, scores: recordOf(z.string(), z.number()) }),
);
export const PreApprovalArg = z.strictObject({
  visitAt: InstantSchema,
  priorContactAt: InstantSchema.optional(),
  items: z.array(
    z.strictObject({ kind: str, appliedAt: InstantSchema.optional(), approvedAt: InstantSchema.optional() }),
  ),
});
export const VisitListArg = z.array(z.strictObject({ customerId: str, purpose: z.string().optional() }));
export const CommitmentReportArg = z.strictObject({
  visitId: str,
  visitorId: str,
  commitments: z.array(z.string()),
});
export const AppraisalArg = z.strictObject({
  reportStatuses: z.array(z.string()),
  commitments: z.array(z.enum(['OPEN', 'CLOSED'])),
  planStatuses: z.array(z.string()),
});
export const VisitsArg = z.array(
  z.strictObject({ customerId: str, at: InstantSchema, resulted: z.boolean() }),
);
export const RegistrationArg = z.strictObject({ salespersonId: str, customerId: str, date: LocalDateSchema });
export const MinutesArg = z.array(
  z.strictObject({ date: LocalDateSchema, salespersonId: str, customerId: str }),
);
export const NoticeCustomersArg = z.array(
  z.strictObject({
    id: str,
    rep: str,
    invite: z.boolean().optional(),
    signingDate: LocalDateSchema.optional(),
    paymentDueDates: z.array(LocalDateSchema).optional(),
  }),
);
export const PartnerArg = z.strictObject({
  grade: str,
  seniorVisitSelected: z.boolean().optional(),
  upcomingProjects: count.optional(),
});
export const PercentArg = z.number().min(0).max(100);
export const ReadinessArg = z.strictObject({
  plans: z.array(z.string()),
  departments: z.array(z.string()),
  listsFrom: z.array(z.string()),
});
export const InstalmentsArg = z.array(
  z.strictObject({ contractId: str, dueDate: LocalDateSchema, paid: z.boolean() }),
);
export const ItemsArg = z.array(recordOf(z.string(), z.unknown()));
export const RecordArg = recordOf(z.string(), z.unknown());
export const ScoresArg = recordOf(z.string(), z.number());
export const CategoriesArg = z.array(z.strictObject({ category: str }));
