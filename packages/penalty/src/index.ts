/**
 * @packageDocumentation
 * Fine schedules, repeat escalation and per-person ledgers in integer fen.
 */
export {};
