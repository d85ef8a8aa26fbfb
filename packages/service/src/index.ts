/**
 * @packageDocumentation
 * Reception classes and budgets, referral rewards, follow-up programmes, revisit rates and KPIs.
 */

export {
  checkAssessment,
  checkFrequency,
  checkGreeting,
  checkPreApproval,
  checkRecord,
  checkRevisitPlan,
  computeReferralPoints,
} from './entries.js';
export { cadenceSchedule, nextDueDate } from './followup/cadence.js';
export { type Cadence, CadenceSchema, CadenceStepSchema } from './followup/cadence-schema.js';
export {
  type CareCustomer,
  CareCustomerSchema,
  type GreetingTask,
  greetingsDue,
  HolidaySchema,
  paymentRemindersDue,
  promotionNotifications,
  statutoryHolidays,
} from './followup/care.js';
export { type CareParams, CareParamsSchema } from './followup/care-schema.js';
export {
  dissatisfactionFollowUp,
  estateCampaignCheck,
  firstRevisitTriggered,
  type SurveyResponse,
} from './followup/estate.js';
export {
  FrequencyRangeSchema,
  type FrequencyResult,
  periodOf,
} from './followup/frequency.js';
export {
  type Activity,
  ActivitySchema,
  type Frequency,
  FrequencySchema,
  type PeriodUnit,
  PeriodUnitSchema,
} from './followup/frequency-schema.js';
export {
  type MeasuredTask,
  type MeasureOptions,
  MeasureOptionsSchema,
  measureProgramme,
  type ProgrammeMeasurement,
  type ProgrammeRate,
  type TaskStatus,
} from './followup/measure.js';
export type { PeriodicResult, PeriodStatus, SamplingResult } from './followup/periodic.js';
export { type FollowUpTask, scheduleFollowUps } from './followup/programme.js';
export {
  type Completion,
  CompletionSchema,
  type FollowUpRule,
  FollowUpRuleSchema,
  type ProgrammeInput,
  ProgrammeInputSchema,
  type Trigger,
  TriggerSchema,
} from './followup/programme-schema.js';
export { maintenanceReadiness, partnerVisitDuties, visitCoverage } from './followup/relationship.js';
export {
  allowedRevisitModes,
  answerByOpenLetter,
  prioritiseVisits,
  reviewReturnVisitReport,
  validateReturnVisit,
} from './followup/revisit.js';
export { type RevisitParams, RevisitParamsSchema } from './followup/revisit-schema.js';
export {
  type AppraisalCounts,
  type AppraisalStatuses,
  appraisalInputs,
  type CommitmentTask,
  commitmentTasks,
  type DailyNotice,
  dailyNotices,
  isCorroborated,
  type NoticeCustomer,
  type PreApproval,
  pruneVisitPlan,
  supervisorCheckDue,
  trackingFormRequired,
  validateVisitList,
  visitQuotaStatus,
} from './followup/sales.js';
export { type SalesVisitParams, SalesVisitParamsSchema } from './followup/sales-schema.js';
export { countByCategory, type KpiResult, measureKpi, surveyFollowUp } from './kpi/kpi.js';
export { type Kpi, KpiSchema, type SurveyParams, SurveyParamsSchema } from './kpi/schema.js';
export {
  CadenceInputSchema,
  CareInputSchema,
  FollowUpInputSchema,
  FrequencyInputSchema,
  KpiInputSchema,
  LeasingInputSchema,
  ReceptionInputSchema,
  ReferralInputSchema,
  RevisitInputSchema,
  SalesInputSchema,
  type ServiceCadenceResult,
  type ServiceCareResult,
  type ServiceFollowUpResult,
  type ServiceFrequencyResult,
  type ServiceKpiResult,
  type ServiceLeasingResult,
  type ServiceOpValue,
  type ServiceReceptionResult,
  ServiceRecordInputSchema,
  type ServiceRecordsResult,
  type ServiceReferralResult,
  type ServiceRevisitResult,
  ServiceRotationEventSchema,
  ServiceRotationInputSchema,
  type ServiceRotationResult,
  type ServiceSalesResult,
  StatusEventSchema,
  serviceCadence,
  serviceCare,
  serviceFollowUp,
  serviceFrequency,
  serviceKpi,
  serviceLeasing,
  serviceModules,
  serviceReception,
  serviceRecords,
  serviceReferral,
  serviceRevisit,
  serviceRotation,
  serviceSales,
  WalkInEventSchema,
  type WalkInsResult,
} from './modules.js';
export {
  defineServicePolicy,
  paramsOf,
  type ServiceParams,
  type ServiceParamsInput,
  ServiceParamsSchema,
  type ServicePolicy,
  servicePolicy,
  servicePolicyJsonSchema,
} from './policy.js';
export { servicePresets } from './presets/by-id.js';
export {
  exampleLantingRealtyPolicy,
  exampleQingheMotorsPolicy,
  s000bCorporatePolicy,
  s000bLeasingInfoPolicy,
  s000bPartnerPolicy,
  s000bPropertyCommsPolicy,
  s000bPropertyRevisitPolicy,
  s000bRelationshipPolicy,
  s000bSalesInfoPolicy,
  s000bSalesSitePolicy,
  s000bSalesVisitPolicy,
  s000CustomerInfoPolicy,
  s000GpsServicePolicy,
  s000PropertyCentrePolicy,
  s000ReceptionPolicy,
  s001bGpsServicePolicy,
  s001bReturnVisitPolicy,
  s001bSalesVisitPolicy,
  s001ConferenceMarketingPolicy,
  s001CreditManagementPolicy,
  s001NewCustomerDevelopmentPolicy,
  s001SalesOfficePolicy,
  s001ServiceSupervisionPolicy,
  s001VisitorReceptionPolicy,
  s002CsProcedurePolicy,
  s002CsRolesPolicy,
  s002CsSystemPolicy,
  s002ProjectCsPolicy,
  s002SalesOfficePolicy,
  s003ArchivePolicy,
  s004LeasingPolicy,
  s004PropertyPolicy,
} from './presets/index.js';
export {
  type GreetingCheck,
  handleRestrictedRequest,
  isClassVenueAllowed,
  receptionLevel,
  responsibleRoles,
} from './reception/conduct.js';
export {
  advanceConsultation,
  bookViewing,
  type Consultation,
  type DutyContact,
  dutyLogCompleteness,
  ViewingBookingSchema,
} from './reception/desk.js';
export {
  flexibleTermAllowed,
  type MonthlyCost,
  MonthlyCostInputSchema,
  monthlyCost,
  negotiationLocationOk,
  recommendVacancies,
  visitNextStep,
  visitorRisk,
} from './reception/leasing.js';
export { type LeasingParams, LeasingParamsSchema } from './reception/leasing-schema.js';
export { classifyGuest, planReception, type ReceptionFlag, type ReceptionPlan } from './reception/plan.js';
export {
  assignWalkIn,
  consumesTurn,
  type IntakeAnswers,
  type IntakeCaseResult,
  intakeCase,
  newRotation,
  nextUp,
  setDeskStatus,
  standbyCompliance,
  type WalkIn,
  type WalkInOutcome,
} from './reception/rotation.js';
export { type RotationSection, RotationSectionSchema } from './reception/rotation-schema.js';
export {
  CompanionBandSchema,
  GiftSchema,
  type GuestFlag,
  GuestFlagSchema,
  type ReceptionClass,
  ReceptionClassRowSchema,
  ReceptionClassSchema,
  type ReceptionParams,
  ReceptionParamsSchema,
  type ReceptionRequest,
  ReceptionRequestSchema,
} from './reception/schema.js';
export {
  type AgentFacts,
  type AgentHandling,
  agentHandling,
  classifyAgent,
  normaliseClientProfile,
  type ReferredProspect,
  referredProspect,
  repeatPurchaseDiscount,
  validateLead,
} from './referral/leads.js';
export type { ReferrerPoints } from './referral/points.js';
export {
  AgentHandlingSchema,
  type AgentParams,
  AgentParamsSchema,
  type LeadParams,
  LeadParamsSchema,
  type ReferralInput,
  type ReferralParams,
  ReferralParamsSchema,
  type ReferralSaleInput,
  ReferralSaleSchema,
  ReferralSchema,
} from './referral/schema.js';
export { meetsPercent, requiredCount } from './shared.js';
