import {
  type Decision,
  type EvalContext,
  expectArray,
  expectEvalContext,
  Trace,
  toEpochMs,
  type Violation,
} from '@zhidu/core';
import type { Attributes } from '../conditions.js';
import { eventsUpTo, type ParsedEvent, parseEvents, type SlaEventInput } from '../events.js';
import { asSlaPolicy, assertKnownEventTypes, type SlaPolicy } from '../policy.js';
import { expandRecurring } from '../recurring.js';
import type { TimerDefinition } from './definition.js';
import { evaluateDefinition } from './engine.js';
import type { TimerState } from './state.js';
import { compileTarget, type TargetResolver } from './target.js';

/**
 * Evaluates parsed events against timer definitions (no recurring expansion, no validation).
 * Exposed for callers that build definitions on the fly; most callers want `evaluateTimers`.
 *
 * @param events - parsed, ordered events (only those at or before `ctx.now` are read)
 * @param definitions - the timers
 * @param ctx - now, zone, calendar
 * @returns one state per timer instance, with the trace
 * @example
 * runTimers(parseEvents(log), policy.params.timers, ctx);
 */
export function runTimers(
  events: readonly ParsedEvent[],
  definitions: readonly TimerDefinition[],
  ctx: EvalContext,
): Decision<TimerState[]> {
  expectArray(events, ['events'], 'object');
  expectArray(definitions, ['definitions'], 'object');
  expectEvalContext(ctx);
  const trace = new Trace();
  const visible = eventsUpTo(events, ctx.now);
  const bySubject = new Map<string, ParsedEvent[]>();
  for (const e of visible) {
    const list = bySubject.get(e.subject);
    if (list) list.push(e);
    else bySubject.set(e.subject, [e]);
  }
  // A definition none of whose event types occur for a subject cannot produce a state for it.
  const typesOf = definitions.map((d) => {
    const matchers = [d.open, d.start, d.stop, d.pause, d.resume, d.reset, d.cancel].flat();
    return new Set([...matchers.map((m) => m.type), ...d.extend.map((x) => x.type)]);
  });
  // Each target is compiled once per run, so its duration specs are validated once, not per subject.
  const resolvers: (TargetResolver | undefined)[] = [];
  // Each year's calendar basis is named once per run, however many timers span it.
  const basisSeen = new Set<string>();
  const states: TimerState[] = [];
  for (const [subject, list] of bySubject) {
    const seen = new Set(list.map((e) => e.type));
    const attributesAt: Attributes[] = [];
    const assignees: Record<string, string> = {};
    let acc: Attributes = {};
    for (const e of list) {
      if (e.attributes) acc = { ...acc, ...e.attributes };
      if (e.assignees) Object.assign(assignees, e.assignees);
      attributesAt.push(acc);
    }
    definitions.forEach((def, i) => {
      const types = typesOf[i];
      if (types && ![...seen].some((t) => types.has(t))) return;
      const resolveDue = resolvers[i] ?? compileTarget(def.target, ctx);
      resolvers[i] = resolveDue;
      states.push(
        ...evaluateDefinition(def, resolveDue, subject, list, attributesAt, assignees, ctx, trace, basisSeen),
      );
    });
  }
  return trace.decide(states);
}

/**
 * Computes every timer of a policy from an event log at `ctx.now` (compute-on-read): for each
 * timer its status (pending, running, paused, met, breached, cancelled), due instant, elapsed and
 * remaining time, breach instant and lateness, warnings and escalations due, and the `Violation`s a
 * breach emits for @zhidu/penalty. Changing the calendar or the policy and re-evaluating the same
 * events shows what the change would have done.
 *
 * Events that cannot apply (a stop before any start, a pause while not running) are kept as
 * anomalies on the timer state and in the trace; a malformed or out-of-order log, or an event of a
 * type the policy does not know, is refused. A policy that never went through `defineSlaPolicy` is
 * validated first (once per object). The `sla.timers` module (`slaTimers.evaluate`) returns the same
 * states with their violations in one `{ result, violations }` and the decision's provenance.
 *
 * @param events - the event log, in time order
 * @param policy - an SLA policy (see `defineSlaPolicy` and the presets), or its raw JSON
 * @param ctx - evaluation context: `now`, `zone`, `calendar`
 * @returns `Decision<TimerState[]>`, one state per timer instance
 * @throws ZhiduError `invalid_input` / `out_of_order` for a bad log
 * @example
 * const ctx = makeContext({ now: '2024-05-10T10:20:00+08:00' });
 * const { value } = evaluateTimers(
 *   [{ type: 'complaint.received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' }],
 *   logistics001bPreset(),
 *   ctx,
 * );
 * value.find((t) => t.timerId === 'plan30min')?.status; //=> 'breached'
 */
export function evaluateTimers(
  events: readonly SlaEventInput[],
  policy: SlaPolicy,
  ctx: EvalContext,
): Decision<TimerState[]> {
  return timersOf(events, asSlaPolicy(policy), ctx);
}

/** `evaluateTimers` on an already validated policy (the `sla.timers` module calls it). */
export function timersOf(
  events: readonly SlaEventInput[],
  policy: SlaPolicy,
  ctx: EvalContext,
): Decision<TimerState[]> {
  const all = parseEvents(events);
  assertKnownEventTypes(events, policy.params);
  // A regulation applies to events on or after the day it takes effect (S000B-MILESTONE-05); earlier
  // events are left out and counted in the trace. Choosing the version in force is PolicyHistory's job.
  const from = toEpochMs(policy.effectiveFrom);
  const parsed = all.filter((e) => e.ms >= from);
  const { definitions, events: merged } = expandRecurring(policy.params.recurring, parsed, ctx);
  const decision = runTimers(merged, [...policy.params.timers, ...definitions], ctx);
  if (parsed.length === all.length) return decision;
  const note = new Trace().add(
    'S000B-MILESTONE-05',
    policy.source.clause,
    `${all.length - parsed.length} 个事件早于制度生效日 ${policy.effectiveFrom},不适用`,
    `${all.length - parsed.length} event(s) before the policy took effect (${policy.effectiveFrom}) were not applied`,
    { policyId: policy.id },
  );
  return { value: decision.value, trace: [...note.entries, ...decision.trace] };
}

/**
 * Collects the violations of evaluated timers, ready for @zhidu/penalty.
 *
 * @param states - timer states from `evaluateTimers`
 * @returns every violation, in timer order
 * @example
 * collectViolations(evaluateTimers(events, policy, ctx).value);
 */
export function collectViolations(states: readonly TimerState[]): Violation[] {
  expectArray(states, ['states'], 'object');
  return states.flatMap((s) => s.violations);
}
