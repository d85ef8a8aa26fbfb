/**
 * @packageDocumentation
 * Credit lines, rolling limits, over-limit shipments, bad-debt liability, customer grading and blacklists.
 */
export * from './credit-line/eligibility.js';
export * from './credit-line/liability.js';
export * from './credit-line/policy.js';
export * from './credit-line/rolling-limit.js';
export * from './credit-line/shipment.js';
export * from './decision-table/schema.js';
export * from './decision-table/table.js';
export * from './shared.js';
