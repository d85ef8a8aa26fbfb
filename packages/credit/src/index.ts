/**
 * @packageDocumentation
 * Credit lines, rolling limits, over-limit shipments, bad-debt liability, customer grading and blacklists.
 */
export {};
