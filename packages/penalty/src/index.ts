/**
 * @packageDocumentation
 * Fine schedules, repeat escalation and per-person ledgers in integer fen.
 */
export { type AssessContext, type AssessOptions, assessPenalties } from './assess.js';
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
export type { PayEntry } from './outcomes.js';
export { dealerFileSchedule } from './presets/dealer-file.js';
export {
  assertScheduleConsistent,
  type Cap,
  CapSchema,
  type Charge,
  ChargeSchema,
  defineSchedule,
  type Escalation,
  EscalationSchema,
  type FineItem,
  FineItemSchema,
  type FineSchedule,
  type FineScheduleParams,
  type FineScheduleParamsInput,
  FineScheduleParamsSchema,
  FineScheduleSchema,
  fineScheduleJsonSchema,
  LossBandSchema,
  type Outcome,
  OutcomeSchema,
  RepeatSchema,
  type Target,
  TargetSchema,
  type Text,
  TextSchema,
  type Tier,
  TierSchema,
} from './schedule.js';
