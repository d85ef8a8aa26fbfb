/**
 * @packageDocumentation
 * Credit lines, rolling limits, over-limit shipments, bad-debt liability, customer grading and blacklists.
 */

export * from './credit-grades/governance.js';
export * from './credit-grades/policy.js';
export * from './credit-grades/terms.js';
export * from './credit-line/account.js';
export * from './credit-line/eligibility.js';
export * from './credit-line/liability.js';
export * from './credit-line/policy.js';
export * from './credit-line/rolling-limit.js';
export * from './credit-line/shipment.js';
export * from './decision-table/schema.js';
export * from './decision-table/table.js';
export * from './modules.js';
export * from './partners/categories.js';
export * from './partners/policy.js';
export * from './partners/rules.js';
export { type Actor, ActorSchema, type Fraction, FractionSchema } from './shared.js';
export * from './tiers/blacklist.js';
export * from './tiers/grading.js';
export * from './tiers/policy.js';
export * from './tiers/reviews.js';
