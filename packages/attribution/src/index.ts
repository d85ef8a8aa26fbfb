/**
 * @packageDocumentation
 * Customer ownership (客户归属), protection periods, performance and bonus splits, reception rotation.
 */
export * from './accounts.js';
export * from './conference.js';
export * from './draw.js';
export * from './events.js';
export * from './joint-event.js';
export type { Decision, EvalContext, Rng, TraceEntry, Violation } from './kernel.js';
export { makeContext, seededRng, ZhiduError } from './kernel.js';
export * from './modules.js';
export * from './ownership.js';
export * from './policy.js';
export * from './presets.js';
export {
  checkRegistration,
  claimOf,
  expiryDate,
  isProtected,
  type RegistrationCheck,
  type RegistrationClaim,
} from './protection.js';
export * from './reception.js';
export {
  attributionPipelines,
  CATALOG_STEP_IDS,
  OWNERSHIP_RULE_ID,
  type OwnershipStage,
  ownershipPipeline,
  type ResolveOptions,
  resolveAllOwnership,
  resolveOwnership,
  type SalesEvent,
} from './resolve.js';
export * from './rotation.js';
export * from './shares.js';
export {
  type AttributionPhase,
  type AttributionState,
  type AttributionStateBase,
  type ClassifiedVisit,
  type CustomRule,
  type DealState,
  type OwnerState,
  type PriorOwner,
  PriorOwnerSchema,
  type RuleStep,
  type VisitState,
} from './steps.js';
