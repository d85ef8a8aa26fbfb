import {
  type Decision,
  type ErrorPath,
  type EvalContext,
  expectArray,
  expectEvalContext,
  expectKnownKeys,
  frozenThrough,
  nearestKey,
  parseInput,
  type TraceEntry,
  toEpochMs,
  type Violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { type ParsedEvent, parseEvents, type SlaEventInput } from '../events.js';
import { asSlaPolicy, assertKnownEventTypes, MAX_SLA_LIST, type SlaPolicy } from '../policy.js';
import { knownBy } from '../reported.js';
import { type TimerDefinition, TimerDefinitionSchema } from './definition.js';
import { type Excuse, type ExcuseInput, ExcuseSchema, keepReportedBreaches } from './excuses.js';
import { type EvaluateTimersOptions, timerStatesOf, timerStatesRead } from './pipeline.js';
import type { TimerState } from './state.js';

/** Options of {@link runTimers}. */
export interface RunTimersOptions {
  /**
   * Excuse rules (see `ExcuseSchema`) naming the definitions' timers: the only way a breach reported
   * before a late-recorded event is lifted. Default none: a reported breach stays a breach.
   */
  excuses?: readonly ExcuseInput[];
}

/**
 * Evaluates parsed events against timer definitions (no recurring expansion). Exposed for callers
 * that build definitions on the fly; most callers want `evaluateTimers`. Runs the timer pipeline
 * from its replay step on. Each definition is validated against `TimerDefinitionSchema` before any
 * subject is replayed (a defined policy's, frozen, once), and the events must be `parseEvents`' output.
 *
 * Facts as of their time, as in `evaluateTimers`: only the events recorded by `ctx.now` are read
 * (`recordedAt`, default `at`), and a breach reported before a late-recorded event stays a breach
 * (`reportedAt`) unless one of `options.excuses` fires (its own trace entry, the state `excused`).
 *
 * @param events - parsed, ordered events (only those at or before `ctx.now`, and recorded by then, are read)
 * @param definitions - the timers
 * @param ctx - now, zone, calendar
 * @param options - `excuses`: excuse rules naming the definitions' timers (default none)
 * @returns one state per timer instance, with the trace
 * @throws ZhiduError `invalid_input` for a malformed definition (under `definitions`), an event not
 *   parsed by `parseEvents` (under `events`) or a malformed excuse rule; `out_of_order` for events
 *   not in time order; `unknown_reference` for an excuse rule naming no timer of the definitions
 *   (paths under `options.excuses`)
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
  options: RunTimersOptions = {},
): Decision<TimerState[]> {
  expectArray(events, ['events'], 'object');
  expectArray(definitions, ['definitions'], 'object');
  expectEvalContext(ctx);
  expectParsedEvents(events);
  const timers = checkedDefinitions(definitions);
  const excuses = excusesOf(options, timers);
  const evaluate = (list: ParsedEvent[], at: EvalContext) => {
    return timerStatesOf({ events: list, definitions: [...timers], runs: [] }, at, undefined, [], true);
  };
  // Facts as of their time: only the events recorded by `now` are known (`recordedAt`, default `at`).
  const known = knownBy(events, toEpochMs(ctx.now));
  const final = evaluate([...known], ctx);
  return keepReportedBreaches(final, known, excuses, ctx, evaluate);
}

/**
 * Refuses a log that is not `parseEvents`' output: an event without its cached epoch milliseconds
 * (a raw `{ type, subject, at }` was read as no event at all, and every timer came back empty), or
 * events out of time order (`parseEvents` returns them sorted; the replay reads them in order).
 */
function expectParsedEvents(events: readonly ParsedEvent[]): void {
  let last = Number.NEGATIVE_INFINITY;
  events.forEach((e, i) => {
    const ms = (e as { ms?: unknown }).ms;
    if (
      typeof ms !== 'number' ||
      !Number.isFinite(ms) ||
      typeof (e as { index?: unknown }).index !== 'number'
    ) {
      throw new ZhiduError(
        'invalid_input',
        ['events', i],
        '须为 parseEvents 解析后的事件（含 ms 与 index）；请先用 parseEvents(日志) 解析 / expected an event as parseEvents returns it (with ms and index); parse the log with parseEvents(log) first',
      );
    }
    if (ms < last) {
      throw new ZhiduError(
        'out_of_order',
        ['events', i],
        `事件早于前一事件（${e.at}）；parseEvents 的结果按时间排序 / event is earlier than the one before it (${e.at}); parseEvents returns the log in time order`,
      );
    }
    last = ms;
  });
}

/** Definitions frozen through (a defined policy's) that `TimerDefinitionSchema` has read as they are. */
const definitionsRead = new WeakMap<object, TimerDefinition>();

/**
 * The definitions validated — a malformed one (no `start`, a `target` of null, a negative amount in a
 * case few subjects reach) is refused at its path under `definitions` before any subject is replayed,
 * not met as a TypeError deep in the replay or only by the subjects that reach it — with the schema's
 * defaults filled in. A definition frozen through (a defined policy's) is read once; one a caller
 * may still change is read on every call, so a renamed title shows.
 */
function checkedDefinitions(definitions: readonly TimerDefinition[]): TimerDefinition[] {
  return definitions.map((d, i) => {
    const known = definitionsRead.get(d);
    if (known !== undefined) return known;
    const read = parseInput(TimerDefinitionSchema, d, ['definitions', i]) as TimerDefinition;
    if (frozenThrough(d)) definitionsRead.set(d, read);
    return read;
  });
}

const ExcuseListSchema = z
  .array(ExcuseSchema)
  .max(MAX_SLA_LIST, { message: `最多 ${MAX_SLA_LIST} 个免责规则 / at most ${MAX_SLA_LIST} excuse rules` });

/** The excuse rules of `runTimers`' options, each naming timers of the definitions. */
function excusesOf(options: unknown, definitions: readonly TimerDefinition[]): Excuse[] {
  if (options === undefined) return [];
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      '选项须为对象 { excuses? } / options must be an object { excuses? }',
    );
  }
  // A misspelt `excuse` dropped the excuse rules without a word.
  expectKnownKeys(options, ['excuses'], ['options']);
  const raw = (options as RunTimersOptions).excuses;
  if (raw === undefined) return [];
  const excuses = parseInput(ExcuseListSchema, raw, ['options', 'excuses']);
  const ids = definitions.map((d) => d.id);
  excuses.forEach((x, i) => {
    x.timers.forEach((id, j) => {
      if (ids.includes(id)) return;
      const guess = nearestKey(id, ids);
      throw new ZhiduError(
        'unknown_reference',
        ['options', 'excuses', i, 'timers', j],
        `免责规则 ${x.id} 引用了不存在的计时器 "${id}"${guess ? `；是否应为 "${guess}"？` : ''} / excuse rule ${x.id} names no timer of the definitions: "${id}"${guess ? `; did you mean "${guess}"?` : ''}`,
      );
    });
  });
  return excuses;
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
  const d = timersWithViolations(all, policy, ctx, customRules, path);
  return { value: d.value, trace: d.trace };
}

/**
 * {@link timersOfOrdered} with the states' violations ({@link collectViolations} of them, in state
 * order): the list the one pass collected as it built the states, handed over with them, when the
 * states are the ones it built (issue 21: no second walk over every state); else read state by
 * state. Internal to the package.
 */
export function timersWithViolations(
  all: ParsedEvent[],
  policy: SlaPolicy,
  ctx: EvalContext,
  customRules?: unknown,
  path: ErrorPath = ['customRules'],
): { value: TimerState[]; trace: TraceEntry[]; violations: Violation[] } {
  assertKnownEventTypes(all, policy.params);
  // A regulation applies to events on or after the day it takes effect (S000B-MILESTONE-05): the
  // pipeline's first step leaves earlier events out and counts them in the trace. Choosing the
  // version in force is PolicyHistory's job.
  // Facts as of their time: only the events recorded by `now` are known (`recordedAt`, default `at`).
  const known = knownBy(all, toEpochMs(ctx.now));
  const evaluateKnown = (events: ParsedEvent[], at: EvalContext) => {
    return timerStatesOf({ policy, events, definitions: [], runs: [] }, at, customRules, path);
  };
  const read = timerStatesRead(
    { policy, events: [...known], definitions: [], runs: [] },
    ctx,
    customRules,
    path,
  );
  const final = { value: read.value, trace: read.trace };
  // A breach reported before a late record stays reported unless an excuse rule fires.
  const kept = keepReportedBreaches(final, known, policy.params.excuses, ctx, evaluateKnown);
  // `final` itself comes back when no fact was recorded late (its states untouched); otherwise the
  // states are a new array, some of them other readings', read state by state.
  const violations =
    kept === final && read.violations !== undefined ? read.violations : collectViolations(kept.value);
  return { value: kept.value, trace: kept.trace, violations };
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
  // A loop rather than `flatMap` (10^5 states), flattening exactly as `flatMap` does.
  const out: Violation[] = [];
  for (const s of states) {
    const v: unknown = s.violations;
    if (Array.isArray(v)) for (const x of v) out.push(x);
    else out.push(v as Violation);
  }
  return out;
}
