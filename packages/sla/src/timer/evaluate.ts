import {
  type Decision,
  type ErrorPath,
  type EvalContext,
  expectArray,
  expectEvalContext,
  toEpochMs,
  type Violation,
  ZhiduError,
} from '@zhidu/core';
import { type ParsedEvent, parseEvents, recordedMs, type SlaEventInput } from '../events.js';
import { asSlaPolicy, assertKnownEventTypes, type SlaPolicy } from '../policy.js';
import type { TimerDefinition } from './definition.js';
import { keepReportedBreaches } from './excuses.js';
import { type EvaluateTimersOptions, runTimerPipeline } from './pipeline.js';
import type { TimerState } from './state.js';

/**
 * Evaluates parsed events against timer definitions (no recurring expansion, no validation).
 * Exposed for callers that build definitions on the fly; most callers want `evaluateTimers`.
 * Runs the timer pipeline from its replay step on.
 *
 * @param events - parsed, ordered events (only those at or before `ctx.now` are read)
 * @param definitions - the timers
 * @param ctx - now, zone, calendar
 * @returns one state per timer instance, with the trace
 * @example
 * const log = [
 *   { type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' },
 *   { type: 'planProposed', subject: 'c1', at: '2024-05-10T10:05:00+08:00' },
 * ];
 * const ctx = makeContext({ now: '2024-05-10T12:00:00+08:00' });
 * const states = runTimers(parseEvents(log), logistics001bPreset().params.timers, ctx).value;
 * states.find((t) => t.timerId === 'plan30min')?.status; //=> 'met'
 */
export function runTimers(
  events: readonly ParsedEvent[],
  definitions: readonly TimerDefinition[],
  ctx: EvalContext,
): Decision<TimerState[]> {
  expectArray(events, ['events'], 'object');
  expectArray(definitions, ['definitions'], 'object');
  expectEvalContext(ctx);
  const d = runTimerPipeline(
    { events: [...events], definitions: [...definitions], runs: [] },
    ctx,
    undefined,
    [],
    true,
  );
  return { value: d.value.map((r) => r.state), trace: d.trace };
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
 * The procedure is a core `RulePipeline` (see `timerPipeline` and `TIMER_STEPS`): a company's own
 * rules go before, after or instead of any step through `options.customRules`; the stage they return
 * is re-validated, and a refusal's path starts at `['customRules', <rule id>]`.
 *
 * @param events - the event log, in time order
 * @param policy - an SLA policy (see `defineSlaPolicy` and the presets), or its raw JSON
 * @param ctx - evaluation context: `now`, `zone`, `calendar`
 * @param options - `customRules`: a company's own steps (see {@link EvaluateTimersOptions})
 * @returns `Decision<TimerState[]>`, one state per timer instance
 * @throws ZhiduError `invalid_input` / `out_of_order` for a bad log; `unknown_reference` (naming the
 *   nearest step id) for a custom rule placed at a step that does not exist
 * @example
 * const ctx = makeContext({ now: '2024-05-10T10:20:00+08:00' });
 * const { value } = timerStates(
 *   [{ type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' }],
 *   logistics001bPreset(),
 *   ctx,
 * );
 * const plan = value.find((t) => t.timerId === 'plan30min');
 * plan?.status; //=> 'breached' (no plan 35 minutes after receipt)
 * plan?.dueAt; //=> '2024-05-10T02:15:00.000Z'
 * timerStates([{ type: 'recieved', subject: 'c1', at: '2024-05-10T09:45:00+08:00' }], logistics001bPreset(), ctx); // throws ZhiduError invalid_input
 */
export function timerStates(
  events: readonly SlaEventInput[],
  policy: SlaPolicy,
  ctx: EvalContext,
  options: EvaluateTimersOptions = {},
): Decision<TimerState[]> {
  const customRules = optionsOf(options).customRules;
  return timersOf(events, asSlaPolicy(policy), ctx, customRules, ['options', 'customRules']);
}

function optionsOf(options: unknown): EvaluateTimersOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      '选项须为对象 { customRules? } / options must be an object { customRules? }',
    );
  }
  return options as EvaluateTimersOptions;
}

/** `timerStates` on an already validated policy (the `sla.timers` module calls it). */
export function timersOf(
  events: readonly SlaEventInput[],
  policy: SlaPolicy,
  ctx: EvalContext,
  customRules?: unknown,
  path: ErrorPath = ['customRules'],
): Decision<TimerState[]> {
  return timersOfOrdered(parseEvents(events), policy, ctx, customRules, path);
}

/**
 * {@link timersOf} on events already parsed and ordered (the `sla.timers` module parses its input once:
 * `orderEvents(input.events)`), so a large log is not parsed twice. Internal to the package.
 */
export function timersOfOrdered(
  all: ParsedEvent[],
  policy: SlaPolicy,
  ctx: EvalContext,
  customRules?: unknown,
  path: ErrorPath = ['customRules'],
): Decision<TimerState[]> {
  assertKnownEventTypes(all, policy.params);
  // A regulation applies to events on or after the day it takes effect (S000B-MILESTONE-05): the
  // pipeline's first step leaves earlier events out and counts them in the trace. Choosing the
  // version in force is PolicyHistory's job.
  // Facts as of their time: only the events recorded by `now` are known (`recordedAt`, default `at`).
  const nowMs = toEpochMs(ctx.now);
  const known = all.some((e) => e.recordedAt !== undefined) ? all.filter((e) => recordedMs(e) <= nowMs) : all;
  const evaluateKnown = (events: ParsedEvent[], at: EvalContext) => {
    const d = runTimerPipeline({ policy, events, definitions: [], runs: [] }, at, customRules, path);
    return { value: d.value.map((r) => r.state), trace: d.trace };
  };
  const final = evaluateKnown(known, ctx);
  // A breach reported before a late record stays reported unless an excuse rule fires.
  return known === all
    ? final
    : keepReportedBreaches(final, known, policy.params.excuses, ctx, evaluateKnown);
}

/**
 * Collects the violations of evaluated timers, ready for @zhidu/penalty.
 *
 * @param states - timer states (`evaluateTimers(…).value.result`)
 * @returns every violation, in timer order
 * @example
 * const ctx = makeContext({ now: '2024-06-01T00:00:00+08:00', calendar: chinaCalendar() });
 * const events = [
 *   { type: 'mainStructureCompleted', subject: 'block-3', at: '2024-01-10T12:00:00+08:00',
 *     assignees: { emcDirector: 'u-emc', pdcDirector: 'u-pdc' } },
 *   { type: 'completionStandardMet', subject: 'block-3', at: '2024-04-12T10:00:00+08:00' },
 * ];
 * collectViolations(evaluateTimers({ events }, construction000Preset(), ctx).value.result).map((v) => `${v.personId} ×${v.lateBy?.units}`)
 * //=> ['u-emc ×3', 'u-pdc ×3'] (3 started 24 h blocks late each)
 */
export function collectViolations(states: readonly TimerState[]): Violation[] {
  expectArray(states, ['states'], 'object');
  return states.flatMap((s) => s.violations);
}
