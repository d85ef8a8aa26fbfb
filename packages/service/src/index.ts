/**
 * @packageDocumentation
 * Reception classes and budgets, referral rewards, follow-up programmes, revisit rates and KPIs.
 */
export * from './followup/cadence.js';
export * from './followup/cadence-schema.js';
export * from './followup/care.js';
export * from './followup/care-schema.js';
export * from './followup/estate.js';
export * from './followup/frequency.js';
export * from './followup/frequency-schema.js';
export * from './followup/measure.js';
export * from './followup/programme.js';
export * from './followup/programme-schema.js';
export * from './followup/relationship.js';
export * from './followup/revisit.js';
export * from './followup/revisit-schema.js';
export * from './followup/sales.js';
export * from './followup/sales-schema.js';
export * from './kpi/kpi.js';
export * from './kpi/schema.js';
export * from './modules.js';
export * from './policy.js';
export * from './presets/by-id.js';
export * from './presets/index.js';
export * from './reception/conduct.js';
export * from './reception/desk.js';
export * from './reception/leasing.js';
export * from './reception/leasing-schema.js';
export * from './reception/plan.js';
export * from './reception/rotation.js';
export * from './reception/rotation-schema.js';
export * from './reception/schema.js';
export * from './records/checklist.js';
export * from './referral/leads.js';
export * from './referral/points.js';
export * from './referral/schema.js';
export { meetsPercent, requiredCount } from './shared.js';
