import { definePolicy, type Policy, policyJsonSchema } from '@zhidu/core';
import { z } from 'zod';
import { ChecklistSchema } from './checklist.js';
import { FlagRuleSchema, IntakeFieldSchema, RoutingTableSchema } from './complaint/classify.js';
import { WorkflowSchema } from './complaint/workflow.js';
import { IncidentSchema } from './incidents.js';
import { RecurringObligationSchema } from './recurring.js';
import { TimerDefinitionSchema } from './timer/definition.js';

/**
 * Everything one company's regulation states about complaint and service timing, as data:
 * timers, monthly obligations, the complaint workflow with its guards, classification rules
 * (major-complaint triggers, invalidity grounds…), routing tables and intake fields.
 */
export const SlaPolicyParamsSchema = z
  .object({
    timers: z.array(TimerDefinitionSchema).default([]),
    recurring: z.array(RecurringObligationSchema).default([]),
    workflows: z.array(WorkflowSchema).default([]),
    flagRules: z.array(FlagRuleSchema).default([]),
    routing: z.array(RoutingTableSchema).default([]),
    intake: z.array(IntakeFieldSchema).default([]),
    checklists: z.array(ChecklistSchema).default([]),
    incidents: z.array(IncidentSchema).default([]),
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  })
  .strict()
  .superRefine((params, ctx) => {
    const seen = new Set<string>();
    for (const [i, t] of [...params.timers, ...params.recurring].entries()) {
      if (seen.has(t.id))
        ctx.addIssue({
          code: 'custom',
          path: ['timers', i, 'id'],
          message: `duplicate timer id ${t.id}`,
          params: { zhiduCode: 'duplicate' },
        });
      seen.add(t.id);
    }
  });
export type SlaPolicyParams = z.output<typeof SlaPolicyParamsSchema>;
export type SlaPolicyParamsInput = z.input<typeof SlaPolicyParamsSchema>;
export type SlaPolicy = Policy<SlaPolicyParams>;

/**
 * Validates an SLA policy (envelope + params) and returns it typed; refuses bad input with a
 * `ZhiduError` whose path points into the policy (a negative target, a duplicate timer id…).
 *
 * @param input - the policy as JSON
 * @returns the validated policy
 * @throws ZhiduError when the policy does not validate
 * @example
 * const policy = defineSlaPolicy({ id: 'my-desk', version: '1', effectiveFrom: '2024-01-01', zone: 'Asia/Shanghai',
 *   source: { title: 'Complaint desk rules' }, params: { timers: [] } });
 */
export function defineSlaPolicy(input: unknown): SlaPolicy {
  return definePolicy(SlaPolicyParamsSchema, input) as SlaPolicy;
}

/**
 * The JSON Schema of an SLA policy, for ERPs that do not speak TypeScript.
 *
 * @returns a JSON Schema object
 * @example
 * const schema = slaPolicyJsonSchema(); // write it next to your policy files
 */
export function slaPolicyJsonSchema(): object {
  return policyJsonSchema(SlaPolicyParamsSchema);
}
