import {
  ChecklistSchema,
  definePolicy,
  type Policy,
  parseInput,
  policyJsonSchema,
  strictPolicySchema,
} from '@zhidu/core';
import { z } from 'zod';
import { CadenceSchema } from './followup/cadence-schema.js';
import { CareParamsSchema } from './followup/care-schema.js';
import { FrequencySchema } from './followup/frequency-schema.js';
import { PeriodicDutySchema, SampleRuleSchema } from './followup/periodic.js';
import { FollowUpRuleSchema } from './followup/programme-schema.js';
import { RevisitParamsSchema } from './followup/revisit-schema.js';
import { SalesVisitParamsSchema } from './followup/sales-schema.js';
import { KpiSchema, SurveyParamsSchema } from './kpi/schema.js';
import { LeasingParamsSchema } from './reception/leasing-schema.js';
import { RotationSectionSchema } from './reception/rotation-schema.js';
import { ReceptionParamsSchema } from './reception/schema.js';
import { AgentParamsSchema, LeadParamsSchema, ReferralParamsSchema } from './referral/schema.js';

/**
 * The most checklists a service policy may hold: a regulation has a few dozen at most, so 1,000 is far
 * beyond any real one; a longer list is refused at once, before its checklists are parsed.
 */
export const MAX_CHECKLISTS = 1000;

/**
 * A policy list bounded like `checklists` (at most 1,000 entries, refused at once before its entries
 * are parsed): `frequencies`, `followUps`, `cadences`, `kpis`, `periodicDuties` and `samples` hold a
 * handful each in the shipped presets; 10^5 copies took over a second of CPU to parse and hash.
 */
const boundedList = <T extends z.ZodType>(entry: T, zh: string, en: string) =>
  z.array(entry).max(1000, { message: `最多 1000 个${zh} / at most 1,000 ${en} in a policy` });

/**
 * Parameters of a service policy. Every section is optional: a preset carries only what its source
 * regulation states, and functions that need a missing section refuse the policy.
 */
export const ServiceParamsSchema = z.strictObject({
  reception: ReceptionParamsSchema.optional(),
  rotation: RotationSectionSchema.optional(),
  leasing: LeasingParamsSchema.optional(),
  referral: ReferralParamsSchema.optional(),
  leads: LeadParamsSchema.optional(),
  agents: AgentParamsSchema.optional(),
  checklists: z
    .array(ChecklistSchema)
    .max(MAX_CHECKLISTS, {
      message: `最多 ${MAX_CHECKLISTS} 个检查清单 / at most ${MAX_CHECKLISTS.toLocaleString('en')} checklists in a policy`,
    })
    .optional(),
  followUps: boundedList(FollowUpRuleSchema, '回访规则', 'follow-up rules').optional(),
  cadences: boundedList(CadenceSchema, '周期', 'cadences').optional(),
  frequencies: boundedList(FrequencySchema, '频次要求', 'frequencies').optional(),
  revisit: RevisitParamsSchema.optional(),
  sales: SalesVisitParamsSchema.optional(),
  care: CareParamsSchema.optional(),
  surveys: SurveyParamsSchema.optional(),
  kpis: boundedList(KpiSchema, '考核指标', 'KPIs').optional(),
  /** Duties that recur (每周一、次月3日前), their periods from core's recurrence. */
  periodicDuties: boundedList(PeriodicDutySchema, '周期性职责', 'periodic duties').optional(),
  /** Sampled follow-ups (抽查): size or rate, drawn with the context's seeded rng. */
  samples: boundedList(SampleRuleSchema, '抽查规则', 'sampling rules').optional(),
});

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
  const policy = definePolicy(ServiceParamsSchema, input) as ServicePolicy;
  validatedPolicies.add(policy);
  return policy;
}

const ServicePolicyEnvelope = strictPolicySchema(ServiceParamsSchema);
/** Policies this package validated (defineServicePolicy output, module policies). */
const validatedPolicies = new WeakSet<object>();
/** Raw policy objects already validated, by identity: the hot path pays once. */
const validatedFrom = new WeakMap<object, ServicePolicy>();

/**
 * Validates a policy handed to an entry point (a raw object that never went through
 * {@link defineServicePolicy} included), once per object identity, and returns the validated policy.
 * A malformed policy is refused with a `ZhiduError` naming the field, never a `TypeError` from
 * deep inside.
 *
 * @param policy - a service policy, validated or raw JSON
 * @returns the validated policy
 * @throws ZhiduError `invalid_input` / `unknown_key` with the path of the first problem
 * @example
 * const policy = servicePolicy(JSON.parse(JSON.stringify(s000ReceptionPolicy)));
 * policy.params.reception?.classes.find((c) => c.class === 'A')?.hostRole; //=> 'seniorManagement'
 * servicePolicy({ ...s000ReceptionPolicy, params: { reception: {} } }); // throws ZhiduError
 */
export function servicePolicy(policy: unknown): ServicePolicy {
  if (policy !== null && typeof policy === 'object') {
    if (validatedPolicies.has(policy)) return policy as ServicePolicy;
    const cached = validatedFrom.get(policy);
    if (cached) return cached;
  }
  const parsed = parseInput(ServicePolicyEnvelope, policy, ['policy']) as ServicePolicy;
  validatedPolicies.add(parsed);
  if (policy !== null && typeof policy === 'object') validatedFrom.set(policy, parsed);
  return parsed;
}

/**
 * A policy core's module path validated with this package's envelope (`strictPolicySchema` of
 * {@link ServiceParamsSchema}, the schema {@link servicePolicy} parses with) and froze: taken as
 * validated, not parsed again into an unfrozen copy. Frozen through, the parts core reads on every
 * call (a recurrence, a checklist) are parsed once (issue 21). @internal
 */
export function adoptValidatedPolicy(policy: ServicePolicy): ServicePolicy {
  validatedPolicies.add(policy);
  return policy;
}

/**
 * The params of a policy handed to an entry point, validated first (see {@link servicePolicy}).
 *
 * @param policy - a service policy, validated or raw JSON
 * @returns its validated params
 * @example
 * paramsOf(s000ReceptionPolicy).reception?.classes.map((c) => c.class); //=> ['A', 'B', 'C', 'D']
 */
export function paramsOf(policy: unknown): ServiceParams {
  return servicePolicy(policy).params;
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
