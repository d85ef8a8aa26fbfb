import { type Decision, type EvalContext, Trace, toEpochMs, type Violation } from '@zhidu/core';
import { z } from 'zod';
import { type Attributes, matchesAll } from './conditions.js';
import { eventsUpTo, parseEvents } from './events.js';
import type { SlaPolicy } from './policy.js';
import { EventMatcherSchema, TextSchema } from './timer/definition.js';

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
    breach: z.object({ code: z.string().min(1), roles: z.array(z.string().min(1)).min(1) }).strict(),
  })
  .strict();
export type Incident = z.output<typeof IncidentSchema>;

/**
 * Emits the violations of occurrence-triggered sanctions (incidents) found in an event log up to
 * `ctx.now`, on or after the policy's effective date. Attributes accumulate per subject as in
 * `evaluateTimers`.
 *
 * @param events - the event log, in time order
 * @param policy - an SLA policy with `incidents`
 * @param ctx - evaluation context
 * @returns the violations, with a trace entry for each
 * @throws ZhiduError for a malformed or out-of-order log
 * @example
 * evaluateIncidents([{ type: 'grievanceFound', subject: 'g1', at: '2024-05-01T09:00:00+08:00',
 *   assignees: { employee: 'e1' } }], conferenceMarketing001Preset(), ctx).value[0]?.code;
 * //=> 'sla.grievance.S001-COMPLAINT-02'
 */
export function evaluateIncidents(
  events: readonly unknown[],
  policy: SlaPolicy,
  ctx: EvalContext,
): Decision<Violation[]> {
  const trace = new Trace();
  const out: Violation[] = [];
  const attrs = new Map<string, Attributes>();
  const people = new Map<string, Record<string, string>>();
  const from = toEpochMs(policy.effectiveFrom);
  for (const e of eventsUpTo(parseEvents(events), ctx.now)) {
    if (e.ms < from) continue;
    const a: Attributes = { ...(attrs.get(e.subject) ?? {}), ...(e.attributes ?? {}) };
    attrs.set(e.subject, a);
    const p = { ...(people.get(e.subject) ?? {}), ...(e.assignees ?? {}) };
    people.set(e.subject, p);
    for (const inc of policy.params.incidents) {
      if (inc.on.type !== e.type || !matchesAll(inc.on.when, a)) continue;
      for (const role of inc.breach.roles) {
        out.push({
          code: inc.breach.code,
          personId: p[role] ?? `role:${role}`,
          role,
          occurredAt: e.at,
          subject: { kind: 'slaSubject', id: e.subject },
          source: { module: 'sla', rule: inc.rule, clause: inc.clause },
          data: { incident: inc.id, eventIndex: e.index },
        });
      }
      trace.add(
        inc.rule,
        inc.clause,
        `${inc.title.zh}:${inc.breach.roles.join('、')}`,
        `${inc.title.en}: ${inc.breach.roles.join(', ')}`,
        {
          subject: e.subject,
          at: e.at,
        },
      );
    }
  }
  return trace.decide(out);
}
