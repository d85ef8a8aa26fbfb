import {
  DeskStatusSchema,
  ReceptionKindSchema,
  type RotationState,
  RotationStateSchema,
} from '@zhidu/attribution';
import {
  type ChecklistResult,
  type Decision,
  defineModule,
  type EvalContext,
  type HistoryView,
  InstantSchema,
  LocalDateSchema,
  type ModuleResult,
  nearestKey,
  type Policy,
  policyVersionEntry,
  recordOf,
  refusalsAt,
  Trace,
  type TraceEntry,
  toEpochMs,
  toInstant,
  type Violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import {
  type cadenceSchedule,
  cadenceScheduleParsed,
  type nextDueDate,
  nextDueParsed,
} from './followup/cadence.js';
import {
  CareCustomersSchema,
  type greetingsDue,
  greetingsParsed,
  HolidaysSchema,
  type paymentRemindersDue,
  type promotionNotifications,
  promotionsParsed,
  remindersParsed,
} from './followup/care.js';
import {
  campaignCheckParsed,
  type dissatisfactionFollowUp,
  dissatisfactionParsed,
  type estateCampaignCheck,
  firstRevisitParsed,
  type firstRevisitTriggered,
} from './followup/estate.js';
import {
  ActivitiesSchema,
  FrequencyRangeSchema,
  type FrequencyResult,
  frequencyNamed,
  frequencyParsed,
} from './followup/frequency.js';
import { MeasureOptionsSchema, measureParsed, type measureProgramme } from './followup/measure.js';
import {
  PeriodicInputSchema,
  periodicParsed,
  SamplingInputSchema,
  samplingParsed,
} from './followup/periodic.js';
import { type scheduleFollowUps, scheduleParsed } from './followup/programme.js';
import { refuseRepeatedTriggers } from './followup/programme-fast.js';
import { CompletionSchema, TriggerSchema } from './followup/programme-schema.js';
import {
  type maintenanceReadiness,
  partnerDutiesParsed,
  type partnerVisitDuties,
  readinessParsed,
  type visitCoverage,
  visitCoverageParsed,
} from './followup/relationship.js';
import {
  type allowedRevisitModes,
  type answerByOpenLetter,
  openLetterParsed,
  type prioritiseVisits,
  prioritiseVisitsParsed,
  returnVisitParsed,
  reviewReportParsed,
  type reviewReturnVisitReport,
  revisitModesParsed,
  revisitPlanParsed,
  type validateReturnVisit,
} from './followup/revisit.js';
import {
  type appraisalInputs,
  appraisalInputsParsed,
  type commitmentTasks,
  commitmentTasksParsed,
  corroboratedParsed,
  type dailyNotices,
  dailyNoticesParsed,
  type isCorroborated,
  preApprovalParsed,
  type pruneVisitPlan,
  pruneVisitPlanParsed,
  type supervisorCheckDue,
  supervisorCheckParsed,
  trackingFormParsed,
  type trackingFormRequired,
  type validateVisitList,
  visitListParsed,
  visitQuotaParsed,
  type visitQuotaStatus,
} from './followup/sales.js';
import type { FollowUpTask } from './followup/tasks.js';
import {
  AgentFactsArg,
  AgentTypeArg,
  AppraisalArg,
  AreaArg,
  CampaignArg,
  CategoriesArg,
  ClassArg,
  ClientProfileArg,
  CommitmentReportArg,
  ConsultationArg,
  CountArg,
  CustomerLevelArg,
  DutyFormArg,
  DutyLogArg,
  EstateArg,
  FeedbackCustomersArg,
  GreetingCheckArg,
  InstalmentsArg,
  IntakeArg,
  ItemsArg,
  LeadArg,
  MinutesArg,
  NoticeCustomersArg,
  OpenLetterArg,
  PartnerArg,
  PercentArg,
  PreApprovalArg,
  ProspectArg,
  ReadinessArg,
  RecordArg,
  RegistrationArg,
  ResponsesArg,
  ReturnVisitArg,
  ReviewArg,
  RevisitNumberArg,
  RevisitPlanArg,
  ScoresArg,
  StageArg,
  StringArg,
  StringListArg,
  TriggerRefsArg,
  VacanciesArg,
  VisitListArg,
  VisitorArg,
  VisitsArg,
  WalkInArg,
} from './inputs.js';
import {
  assessmentCheckParsed,
  type countByCategory,
  countByCategoryParsed,
  type measureKpi,
  measureKpiParsed,
  type surveyFollowUp,
  surveyFollowUpParsed,
} from './kpi/kpi.js';
import {
  adoptValidatedPolicy,
  paramsOf,
  type ServiceParams,
  ServiceParamsSchema,
  type ServicePolicy,
} from './policy.js';
import { servicePresetJson } from './presets/json.js';
import {
  classVenueParsed,
  greetingCheckParsed,
  type handleRestrictedRequest,
  type isClassVenueAllowed,
  type receptionLevel,
  receptionLevelParsed,
  type responsibleRoles,
  responsibleRolesParsed,
  restrictedRequestParsed,
} from './reception/conduct.js';
import {
  type advanceConsultation,
  advanceConsultationParsed,
  type bookViewing,
  bookViewingParsed,
  type dutyLogCompleteness,
  dutyLogParsed,
  ViewingBookingSchema,
  ViewingBookingsSchema,
} from './reception/desk.js';
import {
  type flexibleTermAllowed,
  flexibleTermParsed,
  MonthlyCostInputSchema,
  type monthlyCost,
  monthlyCostParsed,
  type negotiationLocationOk,
  negotiationLocationParsed,
  type recommendVacancies,
  recommendVacanciesParsed,
  type visitNextStep,
  visitNextStepParsed,
  type visitorRisk,
  visitorRiskParsed,
} from './reception/leasing.js';
import {
  type classifyGuest,
  classifyGuestParsed,
  GuestFlagsSchema,
  planParsed,
  type planReception,
} from './reception/plan.js';
import {
  type consumesTurn,
  consumesTurnParsed,
  type intakeCase,
  intakeCaseParsed,
  type standbyCompliance,
  standbyComplianceParsed,
  startRotation,
  walkInOn,
} from './reception/rotation.js';
import { ReceptionRequestSchema } from './reception/schema.js';
import { recordCheck } from './records/checklist.js';
import {
  type agentHandling,
  agentHandlingParsed,
  type classifyAgent,
  classifyAgentParsed,
  clientProfileParsed,
  type normaliseClientProfile,
  type referredProspect,
  referredProspectParsed,
  repeatPurchaseDiscount,
  type validateLead,
  validateLeadParsed,
} from './referral/leads.js';
import {
  ReferralSalesSchema,
  ReferralsSchema,
  type ReferrerPoints,
  referralPointsParsed,
} from './referral/points.js';
import { requireSection } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Shared plumbing: one params schema (a service policy carries the sections its regulation states),
// presets by kebab-case name, `{ op, …arguments }` inputs and `{ result, violations }` results.
// ---------------------------------------------------------------------------------------------

/**
 * The shipped presets a module can use (the files of `presets/`, by file name: `s000.reception` is
 * `s000-reception`): those whose policy carries one of the sections the module reads.
 */
function presetsWith(...sections: (keyof ServiceParams)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, json] of Object.entries(servicePresetJson)) {
    const params = json.params as Partial<Record<keyof ServiceParams, unknown>>;
    if (sections.some((s) => params[s] !== undefined)) out[name] = json;
  }
  return out;
}

/** Whether a value carries core Violations beside its findings. */
function hasViolations(value: unknown): value is { violations: Violation[] } {
  return (
    value !== null &&
    typeof value === 'object' &&
    Array.isArray((value as { violations?: unknown }).violations)
  );
}

/**
 * `{ result, violations }` from an entry point's decision: the value is the result as the entry point
 * returns it; the violations it carries (reception overspend, rotation skips, late follow-ups) are
 * lifted beside it, so a module's violations are always in the same place.
 */
function out<T>(d: Decision<T>): Decision<ModuleResult<T>> {
  const violations = hasViolations(d.value) ? d.value.violations : [];
  return new Trace().append(d.trace).decide({ result: d.value, violations });
}

/**
 * What a service entry point decides (the `value` of its `Decision`): the `result` of the module
 * op that calls it.
 */
export type ServiceOpValue<F> = F extends (...args: never[]) => Decision<infer T> ? T : never;

const params = ServiceParamsSchema;
/**
 * A module's compiled form is the policy as the entry points take it: the one core validated with
 * the same envelope (and froze), not parsed a second time.
 */
const compile = (p: Policy<ServiceParams>): ServicePolicy => adoptValidatedPolicy(p as ServicePolicy);
const op = <N extends string, S extends z.core.$ZodLooseShape>(name: N, shape: S) =>
  z.strictObject({ op: z.literal(name), ...shape });

/**
 * Policy history of the service questions answered when they are asked (a reception, a lease term,
 * a referral, a cadence, a revisit mode, care dates, KPIs, a record): under the version in force at
 * `ctx.now`.
 */
const ANSWERED_NOW = {
  kind: 'now' as const,
  reason: {
    zh: '服务问题按提出时（ctx.now）的制度回答',
    en: 'a service question is answered under the rules in force when it is asked (ctx.now)',
  },
};

/**
 * Policy history of a module whose input is one run of events (a day's walk-ins, a range of
 * activities, a visit plan): judged under the version in force at its first event (none: `ctx.now`).
 */
function atFirstEvent<I>(field: string, events: (input: I) => readonly unknown[]) {
  return {
    kind: 'judgedAt' as const,
    at: (input: I) => {
      const first = events(input)[0] as { at: string } | undefined;
      return first === undefined ? undefined : { at: first.at, path: [field, 0, 'at'] };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// service.reception
// ---------------------------------------------------------------------------------------------

/** Input of `service.reception`: `{ op, …the entry point's arguments }`. */
export const ReceptionInputSchema = z.discriminatedUnion('op', [
  op('planReception', { request: ReceptionRequestSchema }),
  op('classifyGuest', { flags: GuestFlagsSchema }),
  op('receptionLevel', { customer: CustomerLevelArg }),
  op('handleRestrictedRequest', { request: StringArg }),
  op('checkGreeting', { check: GreetingCheckArg }),
  op('isVenueAllowed', { class: ClassArg, venue: StringArg }),
  op('responsibleRoles', { task: StringArg }),
]);

/** What `serviceReception` decides: the result of the entry point its `op` names. */
export type ServiceReceptionResult =
  | ServiceOpValue<typeof planReception>
  | ServiceOpValue<typeof classifyGuest>
  | ServiceOpValue<typeof receptionLevel>
  | ServiceOpValue<typeof handleRestrictedRequest>
  | string[] // checkGreeting: the problems of the meeting
  | ServiceOpValue<typeof isClassVenueAllowed>
  | ServiceOpValue<typeof responsibleRoles>;

/**
 * `service.reception`: reception class, host, budget and overspend (`planReception`, the main entry
 * point; an overspend is a `service.reception.overspend` violation for the host), guest class, VIP
 * level, restricted requests, greeting duties, venues and responsible roles.
 *
 * @example
 * const d = serviceReception.evaluate(
 *   { op: 'planReception', request: { class: 'D', guests: 12, spend: 190000, hostId: 'h1', occurredAt: '2024-03-01T12:00:00+08:00' } },
 *   serviceReception.preset('s000-reception'),
 *   { now: '2024-03-01T12:00:00+08:00' },
 * );
 * d.value.result.budget?.cap; //=> 180000
 * d.value.violations.map((v) => v.code); //=> ['service.reception.overspend']
 */
export const serviceReception = defineModule({
  id: 'service.reception',
  title: { zh: '客户接待标准', en: 'Guest reception' },
  params,
  input: ReceptionInputSchema,
  history: ANSWERED_NOW,
  compile,
  presets: presetsWith('reception'),
  evaluate: (i, p, ctx): Decision<ModuleResult<ServiceReceptionResult>> => {
    switch (i.op) {
      case 'planReception':
        return out(planParsed(i.request, p, ctx));
      case 'classifyGuest':
        return out(classifyGuestParsed(i.flags, p));
      case 'receptionLevel':
        return out(receptionLevelParsed(i.customer, p));
      case 'handleRestrictedRequest':
        return out(restrictedRequestParsed(i.request, p));
      case 'checkGreeting':
        return out(greetingCheckParsed(i.check, p));
      case 'isVenueAllowed':
        return out(classVenueParsed(i.class, i.venue, p));
      case 'responsibleRoles':
        return out(responsibleRolesParsed(i.task, p));
    }
  },
});

// ---------------------------------------------------------------------------------------------
// service.rotation
// ---------------------------------------------------------------------------------------------

/** What the `walkIns` op of `service.rotation` decides. */
export type WalkInsResult = {
  /** Who received each walk-in, in order (null when nobody could). */
  receivers: (string | null)[];
  /** Make-up turns still owed at the end. */
  makeUp: Record<string, number>;
  /** The rotation state at the end. */
  state: RotationState;
};

/** A walk-in at the sales desk (an event of `service.rotation`). */
export const WalkInEventSchema = z.strictObject({ type: z.literal('walkIn'), ...WalkInArg.shape });
/** Salespeople's status changing at `at` (out on business, back, busy, off duty). */
export const StatusEventSchema = z.strictObject({
  type: z.literal('status'),
  at: InstantSchema,
  status: recordOf(z.string(), DeskStatusSchema),
});
/** An event of `service.rotation`: a walk-in or a status change. */
export const ServiceRotationEventSchema = z.discriminatedUnion('type', [
  WalkInEventSchema,
  StatusEventSchema,
]);

/** Input of `service.rotation`. */
export const ServiceRotationInputSchema = z.discriminatedUnion('op', [
  op('walkIns', {
    /** The rotation order at the start of the day. */
    order: z.array(z.string().min(1)).min(1),
    /** Walk-ins and status changes of one desk, in time order. */
    events: z.array(ServiceRotationEventSchema),
  }),
  op('intakeCase', { answers: IntakeArg }),
  op('standbyCompliance', { state: RotationStateSchema, atDesk: StringListArg }),
  op('consumesTurn', { kind: ReceptionKindSchema }),
]);

/** What `serviceRotation` decides: the result of the entry point its `op` names. */
export type ServiceRotationResult =
  | ServiceOpValue<typeof intakeCase>
  | ServiceOpValue<typeof standbyCompliance>
  | ServiceOpValue<typeof consumesTurn>
  | WalkInsResult;

/**
 * `service.rotation`: the rotation reception of walk-ins (S001-RECEP-01…05): who receives each
 * walk-in, make-up turns after business trips, and the skip violations `assignWalkIn` emits; the
 * intake questions, standby compliance and which receptions use a turn.
 *
 * @example
 * const d = serviceRotation.evaluate(
 *   { op: 'walkIns', order: ['A', 'B', 'C'], events: [
 *     { type: 'status', at: '2024-03-01T09:00:00+08:00', status: { B: 'outOnBusiness' } },
 *     { type: 'walkIn', kind: 'newWalkIn', at: '2024-03-01T09:10:00+08:00' },
 *     { type: 'walkIn', kind: 'newWalkIn', at: '2024-03-01T09:20:00+08:00' },
 *   ] },
 *   serviceRotation.preset('s001-sales-office'),
 *   { now: '2024-03-01T18:00:00+08:00' },
 * );
 * d.value.result.receivers; //=> ['A', 'C']
 */
export const serviceRotation = defineModule({
  id: 'service.rotation',
  title: { zh: '轮流接待', en: 'Reception rotation' },
  params,
  input: ServiceRotationInputSchema,
  history: atFirstEvent('events', (i: { op: string; events?: readonly unknown[] }) => i.events ?? []),
  compile,
  presets: presetsWith('rotation'),
  order: {
    path: ['input', 'events'],
    events: (i) => (i.op === 'walkIns' ? i.events : []),
    // One desk, one rotation: every event of the input is of the same subject.
    subject: () => 'desk',
    at: (e) => (e as { at: string }).at,
  },
  evaluate: (i, p): Decision<ModuleResult<ServiceRotationResult>> => {
    switch (i.op) {
      case 'walkIns': {
        // One rotation carried from event to event, the input and the policy checked once (what
        // setDeskStatus and assignWalkIn would check again at every event; issue 21).
        const section = paramsOf(p).rotation;
        let rotation = startRotation(i.order, section);
        const trace = new Trace();
        const receivers: (string | null)[] = [];
        const violations: Violation[] = [];
        for (const [k, e] of i.events.entries()) {
          if (e.type === 'status') {
            for (const id of Object.keys(e.status)) {
              if (!i.order.includes(id)) {
                throw new ZhiduError(
                  'unknown_reference',
                  ['input', 'events', k, 'status', id],
                  `${id} 不在轮值表中 / ${id} is not in the rotation`,
                );
              }
            }
            for (const [id, status] of Object.entries(e.status)) rotation = rotation.setStatus(id, status);
            continue;
          }
          const { type: _type, ...walkIn } = e;
          const r = requireSection(section, 'rotation');
          const w = walkInOn(rotation, walkIn, r, toInstant(walkIn.at, ['input', 'events', k, 'at']));
          trace.append(w.trace);
          receivers.push(w.value.receiver);
          violations.push(...w.value.violations);
          rotation = w.rotation;
        }
        const state = rotation.toJSON();
        return trace.decide({ result: { receivers, makeUp: state.makeUp, state }, violations });
      }
      case 'intakeCase':
        return out(intakeCaseParsed(i.answers, p));
      case 'standbyCompliance':
        return out(standbyComplianceParsed(i.state, i.atDesk, p));
      case 'consumesTurn':
        return out(consumesTurnParsed(i.kind, p));
    }
  },
});

// ---------------------------------------------------------------------------------------------
// service.leasing
// ---------------------------------------------------------------------------------------------

/** Input of `service.leasing`. */
export const LeasingInputSchema = z.discriminatedUnion('op', [
  op('recommendVacancies', { requestedAreaSqm: AreaArg, vacancies: VacanciesArg }),
  op('visitNextStep', { requiredAreaSqm: AreaArg, vacancies: VacanciesArg }),
  op('flexibleTermAllowed', { term: StringArg, stage: StageArg }),
  op('negotiationLocationOk', { location: StringArg }),
  op('visitorRisk', { visitor: VisitorArg }),
  op('monthlyCost', { cost: MonthlyCostInputSchema }),
  op('bookViewing', { existing: ViewingBookingsSchema, request: ViewingBookingSchema }),
  op('dutyLogCompleteness', { log: DutyLogArg, form: DutyFormArg }),
  op('advanceConsultation', { consultation: ConsultationArg }),
]);

/** What `serviceLeasing` decides: the result of the entry point its `op` names. */
export type ServiceLeasingResult =
  | ServiceOpValue<typeof recommendVacancies>
  | ServiceOpValue<typeof visitNextStep>
  | ServiceOpValue<typeof flexibleTermAllowed>
  | ServiceOpValue<typeof negotiationLocationOk>
  | ServiceOpValue<typeof visitorRisk>
  | ServiceOpValue<typeof monthlyCost>
  | ServiceOpValue<typeof bookViewing>
  | ServiceOpValue<typeof dutyLogCompleteness>
  | ServiceOpValue<typeof advanceConsultation>;

/**
 * `service.leasing`: the leasing and sales desk (S004-RECEPT, S000B leasing information): vacancies
 * within the area tolerance, the next step of a visit, flexible terms, negotiation venues, anonymous
 * visitors, monthly cost, viewing bookings, the duty log and consultation steps.
 *
 * @example
 * serviceLeasing.evaluate(
 *   { op: 'visitorRisk', visitor: { cardGiven: false, phoneGiven: false } },
 *   serviceLeasing.preset('s004-leasing'),
 *   { now: '2024-03-01T10:00:00+08:00' },
 * ).value.result; //=> 'anonymous'
 */
export const serviceLeasing = defineModule({
  id: 'service.leasing',
  title: { zh: '租售接待', en: 'Leasing desk' },
  params,
  input: LeasingInputSchema,
  history: ANSWERED_NOW,
  compile,
  presets: presetsWith('leasing'),
  evaluate: (i, p): Decision<ModuleResult<ServiceLeasingResult>> => {
    switch (i.op) {
      case 'recommendVacancies':
        return out(recommendVacanciesParsed(i.requestedAreaSqm, i.vacancies, p));
      case 'visitNextStep':
        return out(visitNextStepParsed(i.requiredAreaSqm, i.vacancies, p));
      case 'flexibleTermAllowed':
        return out(flexibleTermParsed(i.term, i.stage, p));
      case 'negotiationLocationOk':
        return out(negotiationLocationParsed(i.location, p));
      case 'visitorRisk':
        return out(visitorRiskParsed(i.visitor, p));
      case 'monthlyCost':
        return out(monthlyCostParsed(i.cost));
      case 'bookViewing':
        return out(bookViewingParsed(i.existing, i.request, p));
      case 'dutyLogCompleteness':
        return out(dutyLogParsed(i.log, i.form, p));
      case 'advanceConsultation':
        return out(advanceConsultationParsed(i.consultation, p));
    }
  },
});

// ---------------------------------------------------------------------------------------------
// service.referral
// ---------------------------------------------------------------------------------------------

/** Input of `service.referral`. */
export const ReferralInputSchema = z.discriminatedUnion('op', [
  op('computeReferralPoints', { referrals: ReferralsSchema, sales: ReferralSalesSchema }),
  op('validateLead', { lead: LeadArg }),
  op('referredProspect', { prospect: ProspectArg }),
  op('repeatPurchaseDiscount', { completedPurchases: CountArg }),
  op('classifyAgent', { facts: AgentFactsArg }),
  op('agentHandling', { type: AgentTypeArg, hasClient: z.boolean() }),
  op('normaliseClientProfile', { profile: ClientProfileArg }),
]);

/** What `serviceReferral` decides: the result of the entry point its `op` names. */
export type ServiceReferralResult =
  | ReferrerPoints[] // computeReferralPoints
  | ServiceOpValue<typeof validateLead>
  | ServiceOpValue<typeof referredProspect>
  | ServiceOpValue<typeof repeatPurchaseDiscount>
  | ServiceOpValue<typeof classifyAgent>
  | ServiceOpValue<typeof agentHandling>
  | ServiceOpValue<typeof normaliseClientProfile>;

/**
 * `service.referral`: referral (老带新) points per referrer (`computeReferralPoints`, the main entry
 * point), lead sources, referred prospects, repeat-purchase discounts and agents (中介) handling.
 *
 * @example
 * serviceReferral.evaluate(
 *   { op: 'classifyAgent', facts: { firstVisit: true, suspectedMarketResearch: true } },
 *   serviceReferral.preset('s004-leasing'),
 *   { now: '2024-03-01T10:00:00+08:00' },
 * ).value.result; //=> 3
 */
export const serviceReferral = defineModule({
  id: 'service.referral',
  title: { zh: '老带新与客户来源', en: 'Referrals and leads' },
  params,
  input: ReferralInputSchema,
  history: ANSWERED_NOW,
  compile,
  presets: presetsWith('referral', 'leads', 'agents'),
  evaluate: (i, p): Decision<ModuleResult<ServiceReferralResult>> => {
    switch (i.op) {
      case 'computeReferralPoints':
        return out(referralPointsParsed(i.referrals, i.sales, p));
      case 'validateLead':
        return out(validateLeadParsed(i.lead, p));
      case 'referredProspect':
        return out(referredProspectParsed(i.prospect, p));
      case 'repeatPurchaseDiscount':
        return out(repeatPurchaseDiscount(i.completedPurchases, p));
      case 'classifyAgent':
        return out(classifyAgentParsed(i.facts, p));
      case 'agentHandling':
        return out(agentHandlingParsed(i.type, i.hasClient, p));
      case 'normaliseClientProfile':
        return out(clientProfileParsed(i.profile, p));
    }
  },
});

// ---------------------------------------------------------------------------------------------
// service.followup
// ---------------------------------------------------------------------------------------------

/** Input of `service.followup`: the triggers (and, to measure, the completions) of a programme. */
export const FollowUpInputSchema = z.discriminatedUnion('op', [
  op('measureProgramme', {
    /** Handled complaints, visits, move-ins … in time order within a subject (`subjectId`, else the trigger itself). */
    triggers: z.array(TriggerSchema),
    /** Follow-ups done, in time order within a trigger. */
    completions: z.array(CompletionSchema),
    options: MeasureOptionsSchema.optional(),
  }),
  op('scheduleFollowUps', { triggers: z.array(TriggerSchema) }),
]);

/** Refuses a trigger type or completion action that no follow-up rule of the policy names. */
function refuseUnknownTypes(i: z.output<typeof FollowUpInputSchema>, p: ServicePolicy): void {
  const rules = p.params.followUps ?? [];
  const triggers = [...new Set(rules.map((r) => r.trigger))];
  const actions = [...new Set(rules.map((r) => r.action))];
  const check = (value: string, known: string[], path: (string | number)[], what: string): void => {
    if (known.includes(value)) return;
    const near = nearestKey(value, known);
    const hint = near === undefined ? '' : `；是否应为 \`${near}\`？`;
    const hintEn = near === undefined ? '' : `; did you mean \`${near}\`?`;
    throw new ZhiduError(
      'invalid_input',
      path,
      `${JSON.stringify(value)} 不是本制度任何回访规则的${what === 'trigger' ? '触发类型' : '动作'}${hint} / ${JSON.stringify(value)} is not a ${what === 'trigger' ? 'trigger type' : 'completion action'} of any follow-up rule of this policy (known: ${known.join(', ') || 'none'})${hintEn}`,
    );
  };
  i.triggers.forEach((t, n) => {
    check(t.type, triggers, ['input', 'triggers', n, 'type'], 'trigger');
  });
  if (i.op === 'measureProgramme') {
    i.completions.forEach((c, n) => {
      check(c.action, actions, ['input', 'completions', n, 'action'], 'action');
    });
    // The ordering rule for completions: in time order within their trigger.
    const last = new Map<string, number>();
    i.completions.forEach((c, n) => {
      const t = toEpochMs(c.at, ['input', 'completions', n, 'at']);
      const prev = last.get(c.triggerId);
      if (prev !== undefined && t < prev) {
        throw new ZhiduError(
          'out_of_order',
          ['input', 'completions', n, 'at'],
          `input.completions[${n}].at 早于同一触发（${c.triggerId}）的前一回访：同一对象的事件须按时间顺序 / input.completions[${n}].at is earlier than the previous completion of the same trigger (${c.triggerId}): events of one subject must be in time order`,
        );
      }
      last.set(c.triggerId, t);
    });
  }
}

/** What `serviceFollowUp` decides: the result of the entry point its `op` names. */
export type ServiceFollowUpResult =
  | ServiceOpValue<typeof measureProgramme>
  | ServiceOpValue<typeof scheduleFollowUps>;

/**
 * `service.followup`: the follow-up programme (回访): what is due for each trigger, what is late
 * (`<violationCode>.late` / `.missing` violations for `@zhidu/penalty`) and the achieved rates against
 * target (`measureProgramme`, the main entry point); `scheduleFollowUps` for the tasks alone. Counts
 * working days: pass a calendar. A trigger type or completion action that no rule of the policy names
 * is refused (it used to be ignored).
 *
 * @example
 * const d = serviceFollowUp.evaluate(
 *   { op: 'measureProgramme',
 *     triggers: [{ id: 'k2', type: 'complaintHandled', at: '2024-03-08T11:00:00+08:00', personId: 'pa2' }],
 *     completions: [{ triggerId: 'k2', action: 'revisit', at: '2024-03-12T15:00:00+08:00' }] },
 *   serviceFollowUp.preset('s000b-property-revisit'),
 *   { now: '2024-04-01T09:00:00+08:00', calendar: chinaCalendar() },
 * );
 * d.value.violations.map((v) => v.code); //=> ['service.complaintRevisit.late']
 */
export const serviceFollowUp = defineModule({
  id: 'service.followup',
  title: { zh: '回访计划与回访率', en: 'Follow-up programme' },
  params,
  input: FollowUpInputSchema,
  compile,
  history: {
    kind: 'custom',
    evaluate: (i, h, ctx) => followUpsUnderHistory(i, h, ctx),
    // A single policy must be in force at every trigger (at ctx.now when there are none).
    events: { path: ['triggers'], events: (i) => i.triggers, at: (t) => (t as { at: string }).at },
  },
  needsCalendar: true,
  presets: presetsWith('followUps'),
  order: {
    path: ['input', 'triggers'],
    events: (i) => i.triggers,
    subject: (t) => {
      const trigger = t as { id: string; subjectId?: string };
      return trigger.subjectId ?? `trigger:${trigger.id}`;
    },
    at: (t) => (t as { at: string }).at,
  },
  evaluate: (i, p, ctx) => followUpsOf(i, p, ctx),
});

function followUpsOf(
  i: z.output<typeof FollowUpInputSchema>,
  p: ServicePolicy,
  ctx: EvalContext,
): Decision<ModuleResult<ServiceFollowUpResult>> {
  refuseUnknownTypes(i, p);
  // The input was validated by the module's parse: the entry points' own validation is not run again.
  switch (i.op) {
    case 'measureProgramme': {
      const d = measureParsed({ triggers: i.triggers, completions: i.completions }, p, ctx, i.options ?? {});
      return out(d);
    }
    case 'scheduleFollowUps':
      return out(scheduleParsed(i.triggers, p, ctx));
  }
}

/**
 * `service.followup` under a policy history: each trigger's follow-ups are scheduled under the
 * version in force at the trigger (a complaint handled before a change keeps the old period). A
 * programme measured over triggers of several versions is refused: measure it per version.
 */
function followUpsUnderHistory(
  i: z.output<typeof FollowUpInputSchema>,
  h: HistoryView<z.output<typeof ServiceParamsSchema>, ServicePolicy>,
  ctx: EvalContext,
): Decision<ModuleResult<ServiceFollowUpResult>> {
  // Before the triggers are split by version: a repeat across versions, at its place in the input.
  refuseRepeatedTriggers(
    i.triggers.map((t) => t.id),
    ['input', 'triggers'],
  );
  const groups = new Map<object, number[]>();
  i.triggers.forEach((t, n) => {
    const v = h.at(t.at, ['input', 'triggers', n, 'at']);
    groups.set(v, [...(groups.get(v) ?? []), n]);
  });
  if (groups.size === 0) groups.set(h.at(ctx.now, ['ctx', 'now']), []);
  const versions = h.versions.filter((v) => groups.has(v));
  if (i.op === 'measureProgramme') {
    if (versions.length > 1) {
      throw new ZhiduError(
        'invalid_input',
        ['input', 'triggers'],
        `回访触发跨越制度版本 ${versions.map((v) => v.version).join('、')}：请按版本分别统计回访率 / the triggers span policy versions ${versions.map((v) => v.version).join(', ')}: measure the programme per version`,
      );
    }
    const v = versions[0] as (typeof versions)[number];
    const d = followUpsOf(i, h.compiled(v), ctx);
    return { value: d.value, trace: [policyVersionEntry(v, h.endOf(v)), ...d.trace] };
  }
  const tasks: FollowUpTask[] = [];
  const trace: TraceEntry[] = [];
  for (const v of versions) {
    const mine = (groups.get(v) ?? []).map((n) => i.triggers[n] as (typeof i.triggers)[number]);
    const d = followUpsOf({ op: 'scheduleFollowUps', triggers: mine }, h.compiled(v), ctx);
    tasks.push(...(d.value.result as FollowUpTask[]));
    trace.push(
      policyVersionEntry(v, h.endOf(v), {
        zh: `${mine.length} 个触发的回访`,
        en: `The follow-ups of ${mine.length} trigger(s) were`,
      }),
      ...d.trace,
    );
  }
  return { value: { result: tasks, violations: [] }, trace };
}

// ---------------------------------------------------------------------------------------------
// service.frequency and service.cadence
// ---------------------------------------------------------------------------------------------

/** Input of `service.frequency`: activities done, in time order within their subject. */
export const FrequencyInputSchema = z.strictObject({
  /** The frequency row of the policy, e.g. `propertyComms`. */
  key: StringArg,
  activities: ActivitiesSchema,
  range: FrequencyRangeSchema,
});

/** What `serviceFrequency` decides: the result of `checkFrequency`. */
export type ServiceFrequencyResult = FrequencyResult[];

/**
 * `service.frequency`: minimum frequencies (每月至少…次) over every period of a range; working-days-only
 * rows count working days, so a calendar must be given.
 *
 * @example
 * serviceFrequency.evaluate(
 *   { key: 'disinfection', activities: [{ activity: 'disinfection', at: '2024-03-05T10:00:00+08:00' }],
 *     range: { from: '2024-03-01', to: '2024-04-30' } },
 *   serviceFrequency.preset('s000-property-centre'),
 *   { now: '2024-05-01T00:00:00+08:00', calendar: chinaCalendar() },
 * ).value.result.map((r) => [r.period, r.count, r.met]); //=> [['2024-03', 1, false], ['2024-04', 0, false]]
 */
export const serviceFrequency = defineModule({
  id: 'service.frequency',
  title: { zh: '最低频次', en: 'Minimum frequencies' },
  params,
  input: FrequencyInputSchema,
  history: atFirstEvent('activities', (i: { activities: readonly unknown[] }) => i.activities),
  compile,
  needsCalendar: true,
  presets: presetsWith('frequencies'),
  order: {
    path: ['input', 'activities'],
    events: (i) => i.activities,
    subject: (a) => {
      const act = a as { subjectId?: string; scopeId?: string; activity: string };
      return act.subjectId ?? `${act.activity}@${act.scopeId ?? ''}`;
    },
    at: (a) => (a as { at: string }).at,
  },
  evaluate: (i, p, ctx): Decision<ModuleResult<ServiceFrequencyResult>> =>
    out(
      refusalsAt('activities', ['input'], () =>
        refusalsAt('range', ['input'], () =>
          // The module parsed the activities and the range: read as they are.
          frequencyParsed(frequencyNamed(p, i.key), i.activities, i.range, ctx),
        ),
      ),
    ),
});

/** Input of `service.cadence`. */
export const CadenceInputSchema = z.discriminatedUnion('op', [
  op('nextDueDate', { key: StringArg, last: LocalDateSchema, grade: z.string().optional() }),
  op('cadenceSchedule', { key: StringArg, anchor: LocalDateSchema, until: LocalDateSchema }),
]);

/** What `serviceCadence` decides: the result of the entry point its `op` names. */
export type ServiceCadenceResult =
  | ServiceOpValue<typeof nextDueDate>
  | ServiceOpValue<typeof cadenceSchedule>;

/**
 * `service.cadence`: recurring contact cadences (每季度回访、按等级…): the next due date after the last
 * contact, and the schedule from an anchor date.
 *
 * @example
 * serviceCadence.evaluate(
 *   { op: 'nextDueDate', key: 'creditReport', last: '2024-01-10', grade: 'B' },
 *   serviceCadence.preset('s001-credit-management'),
 *   { now: '2024-01-10T00:00:00+08:00' },
 * ).value.result; //=> '2024-04-10'
 */
export const serviceCadence = defineModule({
  id: 'service.cadence',
  title: { zh: '回访周期', en: 'Contact cadences' },
  params,
  input: CadenceInputSchema,
  history: ANSWERED_NOW,
  compile,
  presets: presetsWith('cadences'),
  evaluate: (i, p): Decision<ModuleResult<ServiceCadenceResult>> => {
    switch (i.op) {
      case 'nextDueDate':
        return out(nextDueParsed(i.key, i.last, p, i.grade));
      case 'cadenceSchedule':
        return out(cadenceScheduleParsed(i.key, i.anchor, i.until, p));
    }
  },
});

// ---------------------------------------------------------------------------------------------
// service.revisit
// ---------------------------------------------------------------------------------------------

/** Input of `service.revisit`. */
export const RevisitInputSchema = z.discriminatedUnion('op', [
  op('allowedRevisitModes', { revisit: RevisitNumberArg }),
  op('checkRevisitPlan', { plan: RevisitPlanArg, triggers: TriggerRefsArg }),
  op('answerByOpenLetter', { letter: OpenLetterArg }),
  op('prioritiseVisits', { customers: FeedbackCustomersArg }),
  op('validateReturnVisit', { visit: ReturnVisitArg }),
  op('reviewReturnVisitReport', { review: ReviewArg }),
  op('firstRevisitTriggered', { estate: EstateArg }),
  op('estateCampaignCheck', { campaign: CampaignArg }),
  op('dissatisfactionFollowUp', { responses: ResponsesArg }),
]);

/** What `serviceRevisit` decides: the result of the entry point its `op` names. */
export type ServiceRevisitResult =
  | ServiceOpValue<typeof allowedRevisitModes>
  | string[] // checkRevisitPlan: the problems of the plan
  | ServiceOpValue<typeof answerByOpenLetter>
  | ServiceOpValue<typeof prioritiseVisits>
  | ServiceOpValue<typeof validateReturnVisit>
  | ServiceOpValue<typeof reviewReturnVisitReport>
  | ServiceOpValue<typeof firstRevisitTriggered>
  | ServiceOpValue<typeof estateCampaignCheck>
  | ServiceOpValue<typeof dissatisfactionFollowUp>;

/**
 * `service.revisit`: how revisits are done (on site or by phone, the plan, open letters, visit
 * priority, return-visit types and reviews) and the estate campaigns (first revisit at occupancy,
 * minimum sample, dissatisfaction re-revisits).
 *
 * @example
 * serviceRevisit.evaluate(
 *   { op: 'validateReturnVisit', visit: { type: 'SPECIAL', isMajorCustomer: false, assigneeRole: 'salesperson' } },
 *   serviceRevisit.preset('s001b-return-visit'),
 *   { now: '2024-03-01T10:00:00+08:00' },
 * ).value.result; //=> ['SPECIAL_VISIT_REQUIRES_MAJOR_CUSTOMER', 'ASSIGNEE_MUST_BE_CS_SPECIALIST']
 */
export const serviceRevisit = defineModule({
  id: 'service.revisit',
  title: { zh: '回访方式与社区回访', en: 'Revisits' },
  params,
  input: RevisitInputSchema,
  history: ANSWERED_NOW,
  compile,
  presets: presetsWith('revisit'),
  evaluate: (i, p): Decision<ModuleResult<ServiceRevisitResult>> => {
    switch (i.op) {
      case 'allowedRevisitModes':
        return out(revisitModesParsed(i.revisit, p));
      case 'checkRevisitPlan':
        return out(revisitPlanParsed(i.plan, i.triggers, p));
      case 'answerByOpenLetter':
        return out(openLetterParsed(i.letter, p));
      case 'prioritiseVisits':
        return out(prioritiseVisitsParsed(i.customers, p));
      case 'validateReturnVisit':
        return out(returnVisitParsed(i.visit, p));
      case 'reviewReturnVisitReport':
        return out(reviewReportParsed(i.review, p));
      case 'firstRevisitTriggered':
        return out(firstRevisitParsed(i.estate, p));
      case 'estateCampaignCheck':
        return out(campaignCheckParsed(i.campaign, p));
      case 'dissatisfactionFollowUp':
        return out(dissatisfactionParsed(i.responses, p));
    }
  },
});

// ---------------------------------------------------------------------------------------------
// service.sales
// ---------------------------------------------------------------------------------------------

/** Input of `service.sales`. */
export const SalesInputSchema = z.discriminatedUnion('op', [
  op('visitQuotaStatus', { position: StringArg, actualVisits: CountArg }),
  op('checkPreApproval', { visit: PreApprovalArg }),
  op('validateVisitList', { entries: VisitListArg }),
  op('commitmentTasks', { report: CommitmentReportArg }),
  op('appraisalInputs', { appraisal: AppraisalArg }),
  op('pruneVisitPlan', {
    plan: StringListArg,
    /** Visits done, in time order within a customer. */
    visits: VisitsArg,
  }),
  op('trackingFormRequired', { intentGrade: StringArg }),
  op('supervisorCheckDue', { lastCheck: LocalDateSchema }),
  op('isCorroborated', { registration: RegistrationArg, minutes: MinutesArg }),
  op('dailyNotices', { date: LocalDateSchema, customers: NoticeCustomersArg }),
  op('partnerVisitDuties', { partner: PartnerArg }),
  op('visitCoverage', {
    assigned: StringListArg,
    visited: StringListArg,
    minPercent: PercentArg.optional(),
  }),
  op('maintenanceReadiness', { readiness: ReadinessArg }),
]);

/** What `serviceSales` decides: the result of the entry point its `op` names. */
export type ServiceSalesResult =
  | ServiceOpValue<typeof visitQuotaStatus>
  | string[] // checkPreApproval: the error codes
  | ServiceOpValue<typeof validateVisitList>
  | ServiceOpValue<typeof commitmentTasks>
  | ServiceOpValue<typeof appraisalInputs>
  | ServiceOpValue<typeof pruneVisitPlan>
  | ServiceOpValue<typeof trackingFormRequired>
  | ServiceOpValue<typeof supervisorCheckDue>
  | ServiceOpValue<typeof isCorroborated>
  | ServiceOpValue<typeof dailyNotices>
  | ServiceOpValue<typeof partnerVisitDuties>
  | ServiceOpValue<typeof visitCoverage>
  | ServiceOpValue<typeof maintenanceReadiness>;

/**
 * `service.sales`: sales and relationship visits (拜访): quotas, pre-approval, visit lists, commitments
 * made on a visit (due from the context's `now`), appraisal inputs, pruning fruitless visits, tracking
 * forms, corroboration by minutes, daily notices, partner duties, coverage and maintenance readiness.
 *
 * @example
 * serviceSales.evaluate(
 *   { op: 'appraisalInputs', appraisal: { reportStatuses: ['done', 'doneLate'], commitments: ['OPEN', 'CLOSED'], planStatuses: ['done'] } },
 *   serviceSales.preset('s001b-sales-visit'),
 *   { now: '2024-03-01T10:00:00+08:00' },
 * ).value.result.reportsOnTime; //=> 1
 */
export const serviceSales = defineModule({
  id: 'service.sales',
  title: { zh: '销售与客情拜访', en: 'Sales and relationship visits' },
  params,
  input: SalesInputSchema,
  history: atFirstEvent('visits', (i: { op: string; visits?: readonly unknown[] }) =>
    i.op === 'pruneVisitPlan' ? (i.visits ?? []) : [],
  ),
  compile,
  presets: presetsWith('sales'),
  order: {
    path: ['input', 'visits'],
    events: (i) => (i.op === 'pruneVisitPlan' ? i.visits : []),
    subject: (v) => (v as { customerId: string }).customerId,
    at: (v) => (v as { at: string }).at,
  },
  evaluate: (i, p, ctx): Decision<ModuleResult<ServiceSalesResult>> => {
    switch (i.op) {
      case 'visitQuotaStatus':
        return out(visitQuotaParsed(i.position, i.actualVisits, p));
      case 'checkPreApproval':
        return out(preApprovalParsed(i.visit, p));
      case 'validateVisitList':
        return out(visitListParsed(i.entries, p));
      case 'commitmentTasks':
        return out(commitmentTasksParsed(i.report, ctx.now, p));
      case 'appraisalInputs':
        return out(appraisalInputsParsed(i.appraisal, p));
      case 'pruneVisitPlan':
        return out(pruneVisitPlanParsed(i.plan, i.visits, p));
      case 'trackingFormRequired':
        return out(trackingFormParsed(i.intentGrade, p));
      case 'supervisorCheckDue':
        return out(supervisorCheckParsed(i.lastCheck, p));
      case 'isCorroborated':
        return out(corroboratedParsed(i.registration, i.minutes, p));
      case 'dailyNotices':
        return out(dailyNoticesParsed(i.date, i.customers, p));
      case 'partnerVisitDuties':
        return out(partnerDutiesParsed(i.partner, p));
      case 'visitCoverage':
        return out(visitCoverageParsed(i.assigned, i.visited, p, i.minPercent));
      case 'maintenanceReadiness':
        return out(readinessParsed(i.readiness, p));
    }
  },
});

// ---------------------------------------------------------------------------------------------
// service.care
// ---------------------------------------------------------------------------------------------

/** Input of `service.care`. */
export const CareInputSchema = z.discriminatedUnion('op', [
  op('greetingsDue', {
    date: LocalDateSchema,
    customers: CareCustomersSchema,
    holidays: HolidaysSchema.optional(),
  }),
  op('paymentRemindersDue', { today: LocalDateSchema, instalments: InstalmentsArg }),
  op('promotionNotifications', { promotionId: StringArg, customerIds: StringListArg }),
]);

/** What `serviceCare` decides: the result of the entry point its `op` names. */
export type ServiceCareResult =
  | ServiceOpValue<typeof greetingsDue>
  | ServiceOpValue<typeof paymentRemindersDue>
  | ServiceOpValue<typeof promotionNotifications>;

/**
 * `service.care`: customer care (客户关怀): birthday and holiday greetings due on a date, payment
 * reminders ahead of instalments, and promotion notifications.
 *
 * @example
 * serviceCare.evaluate(
 *   { op: 'promotionNotifications', promotionId: 'p1', customerIds: ['c1'] },
 *   serviceCare.preset('s000b-relationship'),
 *   { now: '2024-03-01T10:00:00+08:00' },
 * ).value.result; //=> [{ promotionId: 'p1', customerId: 'c1' }]
 */
export const serviceCare = defineModule({
  id: 'service.care',
  title: { zh: '客户关怀', en: 'Customer care' },
  params,
  input: CareInputSchema,
  history: ANSWERED_NOW,
  compile,
  presets: presetsWith('care'),
  evaluate: (i, p): Decision<ModuleResult<ServiceCareResult>> => {
    switch (i.op) {
      case 'greetingsDue':
        return out(greetingsParsed(i.date, i.customers, i.holidays ?? [], p));
      case 'paymentRemindersDue':
        return out(remindersParsed(i.today, i.instalments, p));
      case 'promotionNotifications':
        return out(promotionsParsed(i.promotionId, i.customerIds, p));
    }
  },
});

// ---------------------------------------------------------------------------------------------
// service.kpi and service.records
// ---------------------------------------------------------------------------------------------

/** Input of `service.kpi`. */
export const KpiInputSchema = z.discriminatedUnion('op', [
  op('measureKpi', { key: StringArg, items: ItemsArg }),
  op('surveyFollowUp', { scores: ScoresArg }),
  op('checkAssessment', { record: RecordArg }),
  op('countByCategory', { items: CategoriesArg }),
]);

/** What `serviceKpi` decides: the result of the entry point its `op` names. */
export type ServiceKpiResult =
  | ServiceOpValue<typeof measureKpi>
  | ServiceOpValue<typeof surveyFollowUp>
  | string[] // checkAssessment: the missing dimensions
  | ServiceOpValue<typeof countByCategory>;

/**
 * `service.kpi`: KPI rates (满意度、及时率…) over a list of items, survey follow-up (corrective action
 * below target), assessment records and counts by category.
 *
 * @example
 * serviceKpi.evaluate(
 *   { op: 'countByCategory', items: [{ category: 'noise' }, { category: 'noise' }] },
 *   serviceKpi.preset('s000-customer-info'),
 *   { now: '2024-03-01T10:00:00+08:00' },
 * ).value.result; //=> { noise: 2 }
 */
export const serviceKpi = defineModule({
  id: 'service.kpi',
  title: { zh: '考核指标与满意度', en: 'KPIs and surveys' },
  params,
  input: KpiInputSchema,
  history: ANSWERED_NOW,
  compile,
  presets: presetsWith('kpis', 'surveys'),
  evaluate: (i, p): Decision<ModuleResult<ServiceKpiResult>> => {
    switch (i.op) {
      case 'measureKpi':
        return out(measureKpiParsed(i.key, i.items, p));
      case 'surveyFollowUp':
        return out(surveyFollowUpParsed(i.scores, p));
      case 'checkAssessment':
        return out(assessmentCheckParsed(i.record, p));
      case 'countByCategory':
        return out(countByCategoryParsed(i.items));
    }
  },
});

/** Input of `service.records`: a record checked against one checklist of the policy. */
export const ServiceRecordInputSchema = z.strictObject({
  /** The checklist key, e.g. `disinfection`. */
  key: StringArg,
  /** The record as the company keeps it (its fields are the checklist's business). */
  record: RecordArg,
});

/** What `serviceRecords` decides: the result of `checkRecord`. */
export type ServiceRecordsResult = ChecklistResult;

/**
 * `service.records`: service records checked against the policy's checklists (registers, logs, forms:
 * required fields, conditions).
 *
 * @example
 * serviceRecords.evaluate(
 *   { key: 'repairIntake', record: { customerName: 'Wang', contact: '138' } },
 *   serviceRecords.preset('s001b-gps-service'),
 *   { now: '2024-03-01T10:00:00+08:00' },
 * ).value.result.complete; //=> false
 */
export const serviceRecords = defineModule({
  id: 'service.records',
  title: { zh: '服务记录检查', en: 'Service record checklists' },
  params,
  input: ServiceRecordInputSchema,
  history: ANSWERED_NOW,
  compile,
  presets: presetsWith('checklists'),
  evaluate: (i, p): Decision<ModuleResult<ServiceRecordsResult>> => out(recordCheck(i.key, i.record, p)),
});

/**
 * `service.periodic`: duties that recur (每周一提交回访周报; 次月3日前提交月度汇总), their periods and due
 * times generated from the policy's recurrence (core `occurrences`); `<code>.late`, `<code>.missing`
 * attributed to the person who did it, else the duty's responsible role.
 *
 * @example
 * servicePeriodic.evaluate({ duty: 'weeklyRevisitReport', from: '2025-03-03', to: '2025-03-09', done: [] },
 *   servicePeriodic.preset('example-lanting-realty'), { now: '2025-03-12T09:00:00+08:00' },
 * ).value.violations[0]?.code; //=> 'service.weeklyRevisitReport.missing'
 */
export const servicePeriodic = defineModule({
  id: 'service.periodic',
  title: { zh: '周期性服务职责', en: 'Periodic duties' },
  params,
  input: PeriodicInputSchema,
  history: ANSWERED_NOW,
  compile,
  presets: presetsWith('periodicDuties'),
  evaluate: (i, p, ctx) => out(periodicParsed(i, p, ctx)),
});

/**
 * `service.sampling`: a sampled follow-up (抽查回访): the sample drawn reproducibly with the context's
 * seeded rng (or given), each sampled item followed up in time, the rate measured over the sample.
 *
 * @example
 * serviceSampling.evaluate({ sample: 'buyerSpotCheck', population: [
 *     { id: 'B1', at: '2025-03-01T10:00:00+08:00' }, { id: 'B2', at: '2025-03-02T10:00:00+08:00' }],
 *   drawn: ['B2'], done: [{ ref: 'B2', at: '2025-03-05T10:00:00+08:00' }] },
 *   serviceSampling.preset('example-lanting-realty'), { now: '2025-04-10T09:00:00+08:00' },
 * ).value.result.rate.met; //=> true
 */
export const serviceSampling = defineModule({
  id: 'service.sampling',
  title: { zh: '抽样回访', en: 'Sampled follow-ups' },
  params,
  input: SamplingInputSchema,
  history: ANSWERED_NOW,
  compile,
  presets: presetsWith('samples'),
  evaluate: (i, p, ctx) => out(samplingParsed(i, p, ctx)),
});

/** Every module of `@zhidu/service`, for the registry and the CLI. */
export const serviceModules = [
  serviceReception,
  serviceRotation,
  serviceLeasing,
  serviceReferral,
  serviceFollowUp,
  serviceFrequency,
  serviceCadence,
  serviceRevisit,
  serviceSales,
  serviceCare,
  serviceKpi,
  serviceRecords,
  servicePeriodic,
  serviceSampling,
] as const;
