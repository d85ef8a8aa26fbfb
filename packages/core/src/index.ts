/**
 * @packageDocumentation
 * The foundation of zhidu: money in integer fen, time units the regulations use, the
 * `WorkCalendar` interface, versioned policies, decisions with traces, `ZhiduError`, the shared
 * `Violation` record and entity schemas, and the rule pipeline every module extends.
 */
export * from './calendar.js';
export * from './checklist.js';
export * from './condition.js';
export * from './context.js';
export * from './decision.js';
export * from './duration.js';
export * from './entities.js';
export * from './error-codes.js';
export * from './errors.js';
export * from './guards.js';
export * from './module.js';
export * from './money.js';
export * from './pipeline.js';
export * from './policy.js';
export * from './scenario.js';
export * from './strict-duration.js';
export * from './text.js';
export * from './time.js';
export { knownKeysAt, nearestKey } from './unknown-keys.js';
export * from './version.js';
export * from './violation.js';
export * from './workflow.js';
