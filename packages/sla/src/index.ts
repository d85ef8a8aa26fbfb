/**
 * @packageDocumentation
 * Complaint and service timers on the PRC calendar: targets, pause/resume, business time, escalation, breaches.
 */
export { type SlaChecklist, SlaChecklistSchema } from './checklist.js';
export {
  type Classification,
  type ClassifyParams,
  classifyComplaint,
  type FlagRule,
  FlagRuleSchema,
  type IntakeField,
  IntakeFieldSchema,
  type RoutingTable,
  RoutingTableSchema,
  validateIntake,
} from './complaint/classify.js';
export {
  ComplaintRefSchema,
  dedupeComplaints,
  handlingRate,
  summarizeComplaints,
} from './complaint/records.js';
export {
  runWorkflow,
  type WorkflowEventInput,
  WorkflowEventSchema,
  type WorkflowState,
} from './complaint/workflow.js';
export {
  evaluateChecklist,
  evaluateIncidents,
  evaluateQuota,
  evaluateTimers,
} from './entry-points.js';
export {
  eventsUpTo,
  type ParsedEvent,
  parseEvents,
  type SlaEvent,
  type SlaEventInput,
  SlaEventSchema,
} from './events.js';
export { type Incident, IncidentSchema } from './incidents.js';
export {
  slaAttitudeLimit,
  slaChecklist,
  slaClassification,
  slaIncidents,
  slaInspectionWindow,
  slaIntake,
  slaMarginRefund,
  slaModules,
  slaQuota,
  slaRates,
  slaRecords,
  slaTimers,
  slaTimersWith,
  slaWorkflow,
} from './modules.js';
export {
  asSlaPolicy,
  assertKnownEventTypes,
  defineSlaPolicy,
  knownEventTypes,
  type SlaPolicy,
  type SlaPolicyParams,
  type SlaPolicyParamsInput,
  SlaPolicyParamsSchema,
  slaPolicyJsonSchema,
} from './policy.js';
export {
  assignRegisterNumbers,
  type ConferenceMarketing001Options,
  type Construction000Options,
  conferenceMarketing001Preset,
  construction000Preset,
  corporate000bPreset,
  type Dealer000Options,
  dealer000Preset,
  dealerGroup000Preset,
  exchangeMembership001bPreset,
  gps000Preset,
  gpsAfterSales001bPreset,
  isInAnnualInspectionWindow,
  isLateAttitudeComplaint,
  jointVenturePartners000bPreset,
  type Logistics001bOptions,
  lawFirm001bPreset,
  leasing000bPreset,
  logistics001bPreset,
  marginRefundSchedule,
  type NewCustomerDevelopment001Options,
  newCustomerDevelopment001Preset,
  type PhaseDeadline,
  type PropertyService004Options,
  propertyCommunication000bPreset,
  propertyRepair002Preset,
  propertyRevisit000bPreset,
  propertyService004Preset,
  prosthetics001Preset,
  RefundInputSchema,
  retail000Preset,
  SERVICE_TABLES_004,
  type ServiceRow,
  ServiceRowSchema,
  SLA_PRESET_JSON,
  SLA_PRESET_NAMES,
  SLA_PRESETS,
  type SlaPresetName,
  salesOffice001Preset,
  salesSite000bPreset,
  serviceSupervision001Preset,
} from './presets/index.js';
export { PhaseDeadlineSchema } from './presets/service-table-004.js';
export { type Quota, type QuotaRow, QuotaSchema } from './quota.js';
export type { RateRow } from './rates.js';
export {
  expandRecurring,
  periodDue,
  type RecurringObligation,
  RecurringObligationSchema,
} from './recurring.js';
export {
  BreachSchema,
  type Escalation,
  EscalationSchema,
  type EventMatcher,
  EventMatcherSchema,
  ExtensionSchema,
  type Target,
  TargetSchema,
  type TimerDefinition,
  type TimerDefinitionInput,
  TimerDefinitionSchema,
  WarningSchema,
} from './timer/definition.js';
export type { TimerRun } from './timer/engine.js';
export { collectViolations, type RunTimersOptions, runTimers } from './timer/evaluate.js';
export { type Excuse, type ExcuseInput, ExcuseSchema } from './timer/excuses.js';
export {
  type EvaluateTimersOptions,
  TIMER_STEPS,
  type TimerCustomRule,
  type TimerRuleStep,
  type TimerStage,
  timerPipeline,
} from './timer/pipeline.js';
export type { Instance as TimerInstance, Phase as TimerPhase } from './timer/replay.js';
export {
  type TimerAnomaly,
  TimerAnomalySchema,
  type TimerState,
  TimerStateSchema,
  type TimerStatus,
  TimerStatusSchema,
} from './timer/state.js';
export { type ResolvedTarget, resolveTarget } from './timer/target.js';
