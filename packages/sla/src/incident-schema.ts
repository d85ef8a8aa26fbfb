import { TextSchema } from '@zhidu/core';
import { z } from 'zod';
import { BreachRolesSchema } from './roles.js';
import { EventMatcherSchema } from './timer/definition.js';

/**
 * A sanction triggered by an occurrence rather than by a missed deadline: "each grievance found
 * → 100 CNY to the employee" (001 L72). Every matching event emits one violation per role.
 */
export const IncidentSchema = z
  .object({
    id: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    title: TextSchema,
    on: EventMatcherSchema,
    breach: z.object({ code: z.string().min(1), roles: BreachRolesSchema }).strict(),
  })
  .strict();
export type Incident = z.output<typeof IncidentSchema>;
