import { InstantSchema, LocalDateSchema } from '@zhidu/core';
import { z } from 'zod';
import { ReceptionKindSchema } from './reception/rotation-schema.js';

// Runtime schemas for the arguments of public functions: a caller in plain JavaScript (or JSON from
// an ERP) gets a ZhiduError with the path of the bad field, never a TypeError from deep inside.

const str = z.string().min(1);
const count = z.number().int().min(0);

export const StringArg = str;
export const StringListArg = z.array(z.string());
export const CountArg = count;
export const BooleanArg = z.boolean();
export const ClassArg = z.enum(['A', 'B', 'C', 'D']);
export const CustomerLevelArg = z.object({
  important: z.boolean().optional(),
  category: z.string().optional(),
});
export const GreetingCheckArg = z.object({
  guestRank: str,
  greeterRank: str,
  explanationGiven: z.boolean().optional(),
  arrivalInfoKnown: z.boolean(),
  guestArrivesAt: InstantSchema,
  greeterArrivedAt: InstantSchema,
  transportBooked: z.boolean(),
  lodgingBooked: z.boolean(),
});
export const WalkInArg = z.object({
  kind: ReceptionKindSchema,
  at: InstantSchema,
  takenBy: z.string().optional(),
  receiverId: z.string().optional(),
});
export const IntakeArg = z.object({
  visitedBefore: z.enum(['yes', 'no', 'forgot']),
  previousSalespeople: z.array(z.string()).optional(),
  designatedOnEntry: z.string().optional(),
  presentSalespeople: z.array(z.string()).optional(),
});
export const VacanciesArg = z.array(z.object({ id: str, areaSqm: z.number().positive() }).loose());
export const AreaArg = z.number().positive();
export const StageArg = z.enum(['phone', 'visit']);
export const VisitorArg = z.object({ cardGiven: z.boolean(), phoneGiven: z.boolean() });
export const ConsultationArg = z.object({
  step: str,
  contact: z.string().optional(),
  content: z.string().optional(),
  category: z.string().optional(),
  assignee: z.string().optional(),
  channel: z.string().optional(),
  solution: z.string().optional(),
});
export const DutyLogArg = z.array(
  z.object({ id: str, at: InstantSchema, phone: z.string().optional(), name: z.string().optional() }),
);
export const DutyFormArg = z.array(
  z.object({ phone: z.string().optional(), name: z.string().optional(), date: LocalDateSchema }),
);
export const LeadArg = z.object({ source: str, referrerId: z.string().optional() });
export const ProspectArg = z.object({
  referrerCustomerId: z.string().optional(),
  name: str,
  phone: z.string().optional(),
  statedIntent: z.boolean().optional(),
});
export const AgentFactsArg = z.object({
  pastDeals: count.optional(),
  frequentContact: z.boolean().optional(),
  firstVisit: z.boolean().optional(),
  suspectedMarketResearch: z.boolean().optional(),
});
export const AgentTypeArg = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const ClientProfileArg = z.object({ nature: z.string(), scope: z.string() });
export const RevisitNumberArg = z.object({
  revisitNumber: z.number().int().min(1),
  level: z.string().optional(),
});
export const RevisitPlanArg = z.object({ createdByRole: str, items: z.array(z.object({ triggerId: str })) });
export const TriggerRefsArg = z.array(z.object({ id: str, type: str }));
export const OpenLetterArg = z.object({
  issueKey: str,
  triggerIds: z.array(str),
  at: InstantSchema,
  archived: z.boolean(),
});
export const FeedbackCustomersArg = z.array(
  z.object({ id: str, lastFeedbackAt: InstantSchema.optional() }).loose(),
);
export const ReturnVisitArg = z.object({
  type: z.enum(['ROUTINE', 'SPECIAL']),
  isMajorCustomer: z.boolean(),
  assigneeRole: str,
});
export const ReviewArg = z.object({ reviewerRole: str, comment: z.string() });
export const EstateArg = z.object({ occupiedHouseholds: count, totalHouseholds: count });
export const CampaignArg = z.object({
  kind: z.enum(['first', 'annual']),
  occupiedHouseholds: count,
  revisited: count,
  inHome: count.optional(),
});
export const ResponsesArg = z.array(z.object({ customerId: str, scores: z.record(z.string(), z.number()) }));
export const PreApprovalArg = z.object({
  visitAt: InstantSchema,
  priorContactAt: InstantSchema.optional(),
  items: z.array(
    z.object({ kind: str, appliedAt: InstantSchema.optional(), approvedAt: InstantSchema.optional() }),
  ),
});
export const VisitListArg = z.array(z.object({ customerId: str, purpose: z.string().optional() }));
export const CommitmentReportArg = z.object({
  visitId: str,
  visitorId: str,
  commitments: z.array(z.string()),
});
export const AppraisalArg = z.object({
  reportStatuses: z.array(z.string()),
  commitments: z.array(z.enum(['OPEN', 'CLOSED'])),
  planStatuses: z.array(z.string()),
});
export const VisitsArg = z.array(z.object({ customerId: str, at: InstantSchema, resulted: z.boolean() }));
export const RegistrationArg = z.object({ salespersonId: str, customerId: str, date: LocalDateSchema });
export const MinutesArg = z.array(z.object({ date: LocalDateSchema, salespersonId: str, customerId: str }));
export const NoticeCustomersArg = z.array(
  z.object({
    id: str,
    rep: str,
    invite: z.boolean().optional(),
    signingDate: LocalDateSchema.optional(),
    paymentDueDates: z.array(LocalDateSchema).optional(),
  }),
);
export const PartnerArg = z.object({
  grade: str,
  seniorVisitSelected: z.boolean().optional(),
  upcomingProjects: count.optional(),
});
export const PercentArg = z.number().min(0).max(100);
export const ReadinessArg = z.object({
  plans: z.array(z.string()),
  departments: z.array(z.string()),
  listsFrom: z.array(z.string()),
});
export const InstalmentsArg = z.array(
  z.object({ contractId: str, dueDate: LocalDateSchema, paid: z.boolean() }),
);
export const ItemsArg = z.array(z.record(z.string(), z.unknown()));
export const RecordArg = z.record(z.string(), z.unknown());
export const ScoresArg = z.record(z.string(), z.number());
export const CategoriesArg = z.array(z.object({ category: str }));
