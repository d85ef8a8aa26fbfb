import { type Decision, type EvalContext, Trace, toEpochMs, type Violation, violation } from '@zhidu/core';
import { type Attributes, matchesAll } from './conditions.js';
import { eventsUpTo, type ParsedEvent, parseEvents, type SlaEventInput } from './events.js';
import { asSlaPolicy, assertKnownEventTypes, type SlaPolicy } from './policy.js';

export { type Incident, IncidentSchema } from './incident-schema.js';

/**
 * Emits the violations of occurrence-triggered sanctions (incidents) found in an event log up to
 * `ctx.now`, on or after the policy's effective date. Attributes accumulate per subject as in
 * `evaluateTimers`.
 *
 * @param events - the event log, in time order
 * @param policy - an SLA policy with `incidents` (raw JSON is validated first, once per object)
 * @param ctx - evaluation context
 * @returns the violations, with a trace entry for each
 * @throws ZhiduError for a malformed or out-of-order log
 * @example
 * const ctx = makeContext({ now: '2024-05-02T00:00:00+08:00' });
 * const log = [
 *   { type: 'grievanceFound', subject: 'g1', at: '2024-05-01T09:00:00+08:00', assignees: { employee: 'e1' } },
 * ];
 * incidentsFromLog(log, conferenceMarketing001Preset(), ctx).value[0]?.code
 * //=> 'sla.grievance.S001-COMPLAINT-02'
 * const noTime = [{ type: 'grievanceFound', subject: 'g1' }] as never;
 * incidentsFromLog(noTime, conferenceMarketing001Preset(), ctx); // throws ZhiduError invalid_input (no `at`)
 */
export function incidentsFromLog(
  events: readonly SlaEventInput[],
  policy: SlaPolicy,
  ctx: EvalContext,
): Decision<Violation[]> {
  const valid = asSlaPolicy(policy);
  return incidentsOf(parseEvents(events), valid, ctx);
}

/**
 * `incidentsFromLog` on an already validated policy and parsed, ordered events (the `sla.incidents`
 * module passes `orderEvents(input.events)`: its input is parsed once, not again event by event).
 */
export function incidentsOf(
  parsedEvents: ParsedEvent[],
  policy: SlaPolicy,
  ctx: EvalContext,
): Decision<Violation[]> {
  assertKnownEventTypes(parsedEvents, policy.params);
  const trace = new Trace();
  const out: Violation[] = [];
  const attrs = new Map<string, Attributes>();
  const people = new Map<string, Record<string, string>>();
  const from = toEpochMs(policy.effectiveFrom);
  for (const e of eventsUpTo(parsedEvents, ctx.now)) {
    if (e.ms < from) continue;
    const a: Attributes = { ...(attrs.get(e.subject) ?? {}), ...(e.attributes ?? {}) };
    attrs.set(e.subject, a);
    const p = { ...(people.get(e.subject) ?? {}), ...(e.assignees ?? {}) };
    people.set(e.subject, p);
    for (const inc of policy.params.incidents) {
      if (inc.on.type !== e.type || !matchesAll(inc.on.when, a)) continue;
      for (const role of inc.breach.roles) {
        out.push(
          violation('sla.incidents', inc, {
            code: inc.breach.code,
            personId: p[role] ?? `role:${role}`,
            role,
            occurredAt: e.at,
            subject: { kind: 'slaSubject', id: e.subject },
            data: { incident: inc.id, eventIndex: e.index },
          }),
        );
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
