/**
 * @packageDocumentation
 * Fine schedules, repeat escalation and per-person ledgers in integer fen.
 */
export type { AssessContext, AssessOptions } from './assess.js';
export {
  type DepartmentFileRates,
  departmentFileRates,
  FileHandoverRecordSchema,
  mayLevyFine,
  mayOrderCorrection,
} from './enforcement.js';
export { assessPenalties } from './entry-points.js';
export {
  type ExchangeConduct,
  ExchangeConductSchema,
  type ExchangeTier,
  exchangeMemberSchedule,
  exchangeTier,
  feeRefundOnRevocation,
  InactivitySchema,
  MEASURES,
  type MeasureCode,
  MeasureCodeSchema,
  meetsInactivityGround,
  minCompensation,
  rectificationOutcome,
  SanctionSetSchema,
  validateSanctionSet,
} from './exchange.js';
export {
  ExchangeMembershipInputSchema,
  type ExchangeMembershipResult,
  penaltyExchangeMembership,
} from './exchange-module.js';
export {
  type Ledger,
  LedgerSchema,
  type Line,
  type LineKind,
  LineKindSchema,
  LineSchema,
  type LineStatus,
  LineStatusSchema,
  type PeriodLedger,
  PeriodLedgerSchema,
  type PersonLedger,
  PersonLedgerSchema,
} from './ledger.js';
/** A matched violation in the pipeline's stage: the violation, its index in the input, the item pricing it. */
export type { Entry as PenaltyEntry } from './matching.js';
export {
  type EnforcementInput,
  EnforcementInputSchema,
  type EnforcementResult,
  type LedgerInput,
  LedgerInputSchema,
  penaltyEnforcement,
  penaltyLedger,
  penaltyLedgerWith,
  penaltyModules,
} from './modules.js';
/** A ledger line before it is numbered (what an escalation note lists). */
export type { DraftLine as PenaltyDraftLine, PayEntry } from './outcomes.js';
export {
  LEDGER_STEPS,
  ledgerPipeline,
  type PenaltyCustomRule,
  type PenaltyRuleStep,
  type PenaltyStage,
} from './pipeline.js';
export { constructionSchedule } from './presets/construction.js';
export {
  CustomerFilingOptionsSchema,
  customerFilingSchedule,
  FilingUrgingsSchema,
  ignoredFilingUrgings,
} from './presets/corporate.js';
export { creditLiabilitySchedule } from './presets/credit.js';
export { dealerFileSchedule } from './presets/dealer-file.js';
export { PRESETS, type PresetName, preset } from './presets/index.js';
export {
  assessmentConsequence,
  IncentiveReviewSchema,
  incentiveReview,
  propertyServiceSchedule,
  RewardClaimSchema,
  rewardEligible,
} from './presets/property.js';
export { conferenceMarketingSchedule, salesOfficeSchedule } from './presets/sales-office.js';
export type { EscalationNote as PenaltyEscalationNote } from './price.js';
export { PayEntrySchema, RosterSchema } from './price.js';
export {
  assertScheduleConsistent,
  type Band,
  BandSchema,
  type Cap,
  CapSchema,
  type Charge,
  ChargeSchema,
  defineSchedule,
  type FineEscalation,
  FineEscalationSchema,
  type FineItem,
  FineItemSchema,
  type FineSchedule,
  type FineScheduleInput,
  type FineScheduleParams,
  type FineScheduleParamsInput,
  FineScheduleParamsSchema,
  FineScheduleSchema,
  type FineTarget,
  FineTargetSchema,
  fineScheduleJsonSchema,
  LossBandSchema,
  type Outcome,
  OutcomeSchema,
  RepeatSchema,
  type TallyWindow,
  TallyWindowSchema,
  type Tier,
  TierSchema,
} from './schedule.js';
export { type ViolationInput, ViolationInputSchema } from './violation-input.js';
