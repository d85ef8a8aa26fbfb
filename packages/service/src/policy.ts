import { definePolicy, type Policy, policyJsonSchema } from '@zhidu/core';
import { z } from 'zod';
import { CadenceSchema } from './followup/cadence-schema.js';
import { CareParamsSchema } from './followup/care-schema.js';
import { FrequencySchema } from './followup/frequency-schema.js';
import { FollowUpRuleSchema } from './followup/programme-schema.js';
import { RevisitParamsSchema } from './followup/revisit-schema.js';
import { SalesVisitParamsSchema } from './followup/sales-schema.js';
import { KpiSchema, SurveyParamsSchema } from './kpi/schema.js';
import { LeasingParamsSchema } from './reception/leasing-schema.js';
import { RotationParamsSchema } from './reception/rotation-schema.js';
import { ReceptionParamsSchema } from './reception/schema.js';
import { ChecklistSchema } from './records/checklist-schema.js';
import { AgentParamsSchema, LeadParamsSchema, ReferralParamsSchema } from './referral/schema.js';

/**
 * Parameters of a service policy. Every section is optional: a preset carries only what its source
 * regulation states, and functions that need a missing section refuse the policy.
 */
export const ServiceParamsSchema = z
  .object({
    reception: ReceptionParamsSchema.optional(),
    rotation: RotationParamsSchema.optional(),
    leasing: LeasingParamsSchema.optional(),
    referral: ReferralParamsSchema.optional(),
    leads: LeadParamsSchema.optional(),
    agents: AgentParamsSchema.optional(),
    checklists: z.array(ChecklistSchema).optional(),
    followUps: z.array(FollowUpRuleSchema).optional(),
    cadences: z.array(CadenceSchema).optional(),
    frequencies: z.array(FrequencySchema).optional(),
    revisit: RevisitParamsSchema.optional(),
    sales: SalesVisitParamsSchema.optional(),
    care: CareParamsSchema.optional(),
    surveys: SurveyParamsSchema.optional(),
    kpis: z.array(KpiSchema).optional(),
  })
  .strict();

/** Parameters of a service policy (output type). */
export type ServiceParams = z.output<typeof ServiceParamsSchema>;
/** Parameters of a service policy as JSON input. */
export type ServiceParamsInput = z.input<typeof ServiceParamsSchema>;
/** A validated service policy. */
export type ServicePolicy = Policy<ServiceParams>;

/**
 * Validates a service policy (envelope + params) and returns it.
 *
 * @param input - policy JSON: `{ id, version, effectiveFrom, zone, source, params }`
 * @returns the validated policy
 * @throws ZhiduError `invalid_input` with the JSON path of the first problem
 * @example
 * const policy = defineServicePolicy({ ...s000ReceptionPolicy, version: '2', params: { ...s000ReceptionPolicy.params } });
 */
export function defineServicePolicy(input: unknown): ServicePolicy {
  return definePolicy(ServiceParamsSchema, input) as ServicePolicy;
}

/**
 * JSON Schema of a service policy, for ERPs that are not written in TypeScript.
 *
 * @returns the JSON Schema object
 * @example
 * const schema = servicePolicyJsonSchema();
 * schema.type; //=> 'object'
 */
export function servicePolicyJsonSchema(): object {
  return policyJsonSchema(ServiceParamsSchema);
}
