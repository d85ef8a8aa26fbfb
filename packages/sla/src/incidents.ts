import {
  type Decision,
  type EvalContext,
  ownValue,
  Trace,
  toEpochMs,
  type Violation,
  violation,
} from '@zhidu/core';
import { type Attributes, matchesAll } from './conditions.js';
import { eventsUpTo, type ParsedEvent, parseEvents, type SlaEventInput } from './events.js';
import { asSlaPolicy, assertKnownEventTypes, type SlaPolicy } from './policy.js';
import { keepReported, knownBy, type ReportedKind } from './reported.js';

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
  // Facts as of their time: only the events recorded by `now` are known (`recordedAt`, default `at`).
  const known = knownBy(parsedEvents, toEpochMs(ctx.now));
  const evaluate = (events: readonly ParsedEvent[], at: EvalContext) => {
    const d = incidentsAsKnown(events, policy, at);
    return { value: d.value, trace: [...d.trace] };
  };
  const final = evaluate(known, ctx);
  // A violation reported before a late record stays reported unless an excuse rule fires.
  const d = keepReported(final, known, policy.params.excuses, ctx, evaluate, INCIDENT_FINDINGS);
  return { value: d.value, trace: d.trace };
}

/** The identity of an incident's violation: the incident rule, the event that triggered it, the role. */
const incidentKey = (v: Violation) =>
  `${String(v.data?.incident)}\u0000${String(v.data?.eventIndex)}\u0000${v.role ?? ''}`;

/** How {@link keepReported} reads incident violations: one per incident rule, triggering event and role. */
const INCIDENT_FINDINGS: ReportedKind<Violation> = {
  what: { zh: '违规', en: 'violation' },
  key: incidentKey,
  isBreach: () => true,
  eventScope: (e) => e.subject,
  itemScope: (v) => v.subject?.id ?? '',
  id: (v) => String(v.data?.incident),
  named: (rule) => rule.incidents,
  // An incident happens at its event: its window counts from that instant, whichever anchor is named.
  anchor: (v) => toEpochMs(v.occurredAt),
  cite: (v) => ({ rule: v.source.rule, clause: v.source.clause ?? '' }),
  data: (v) => ({
    subject: v.subject?.id ?? null,
    incident: v.data?.incident ?? null,
    eventIndex: v.data?.eventIndex ?? null,
  }),
  keep: (reported, reportedAt) => ({ ...reported, data: { ...reported.data, reportedAt } }),
  excuse: () => undefined,
};

/** The incidents of the events given (no recorded-time reading). */
function incidentsAsKnown(
  parsedEvents: readonly ParsedEvent[],
  policy: SlaPolicy,
  ctx: EvalContext,
): Decision<Violation[]> {
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
            personId: ownValue(p, role) ?? `role:${role}`,
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
