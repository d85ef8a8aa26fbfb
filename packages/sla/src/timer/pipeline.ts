import {
  type CustomRule,
  checkCustomRules,
  type ErrorPath,
  type EvalContext,
  expectArray,
  parseInput,
  RulePipeline,
  type RuleStep,
  recordOf,
  type StepContext,
  Trace,
  type TraceEntry,
  toEpochMs,
  type Violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { type ParsedEvent, SlaEventSchema } from '../events.js';
import type { SlaPolicy } from '../policy.js';
import { expandRecurringChecked } from '../recurring.js';
import { type TimerDefinition, TimerDefinitionSchema } from './definition.js';
import {
  emitViolations,
  escalate,
  judgeBreaches,
  replayRuns,
  resolveDeadlines,
  type TimerRun,
} from './engine.js';
import { timersOnePass } from './one-pass.js';
import { type TimerState, TimerStateSchema } from './state.js';

/**
 * What each step of the timer pipeline sees and returns. The built-in steps fill it in order:
 * the events in force and the timers to run, then one {@link TimerRun} per timer instance whose
 * `state` each later step completes. The decision's value is `runs.map((r) => r.state)`.
 */
export interface TimerStage {
  /** The validated policy (absent when `runTimers` runs bare definitions). */
  policy?: SlaPolicy;
  /** The parsed events, in time order; after the events step, those in force plus recurring periods. */
  events: ParsedEvent[];
  /** The timers to run: the policy's, then one per recurring obligation (set by the events step). */
  definitions: TimerDefinition[];
  /** One run per timer instance (set by the replay step, completed by the later steps). */
  runs: TimerRun[];
}

/** A step of the timer pipeline (a built-in one, or a company's own). */
export type TimerRuleStep = RuleStep<TimerStage>;
/** A company's own timer rule: `{ before | after | replace: <step id>, step }`. */
export type TimerCustomRule = CustomRule<TimerStage>;

/** Options of `slaTimersWith`, the `sla.timers` module with a company's rules. */
export interface EvaluateTimersOptions {
  /**
   * A company's own rules, inserted before, after or instead of a built-in step of
   * {@link TIMER_STEPS}. Their trace entries appear in the decision in place.
   */
  customRules?: readonly TimerCustomRule[];
}

/**
 * The ids of the timer pipeline's built-in steps, in order. Each is named by the first catalog id
 * of the group it implements:
 *
 * | step | stage | catalog ids |
 * | --- | --- | --- |
 * | `S000B-MILESTONE-05` | events in force: those before the policy's effective date are left out; recurring obligations become one timer per month | S000B-MILESTONE-05 (and the monthly duties, e.g. S000-MILESTONE-04, S000-COMPLAINT-18) |
 * | `S004-SLA-00` | replay: start, stop, pause, resume, reset, cancel each timer per subject | S004-SLA-00, S001-MILE-05 (pause and resume), S000-MILESTONE-35 (paused time not counted) |
 * | `S002-SLA-05` | deadlines: the target resolved, paused time added, extensions agreed before the due time | S002-SLA-05, and each timer's own target rule |
 * | `S000-MILESTONE-01` | breach and lateness: met at or before the due time, lateness in the breach's unit (per started 24 h…), calendar basis | S000-MILESTONE-01 (per started 24 h), S000-MILESTONE-41 (per hour) |
 * | `S000-COMPLAINT-07` | warnings and the escalation ladder | S000-COMPLAINT-07, S002-ESC-04 (early warning), S001B-SLA-02 (escalate to the leader) |
 * | `S000-COMPLAINT-23` | violations charged to the responsible roles, and a breach's consequences | S000-COMPLAINT-23, S001-COMPLAINT-04 (customer transferred) |
 */
export const TIMER_STEPS = {
  events: 'S000B-MILESTONE-05',
  replay: 'S004-SLA-00',
  deadlines: 'S002-SLA-05',
  breaches: 'S000-MILESTONE-01',
  escalation: 'S000-COMPLAINT-07',
  violations: 'S000-COMPLAINT-23',
} as const;

/** Records entries in bounded batches (a log of many subjects may trace hundreds of thousands). */
function recordAll(step: StepContext, entries: readonly TraceEntry[]): void {
  for (let i = 0; i < entries.length; i += 10_000) step.record(...entries.slice(i, i + 10_000));
}

/**
 * The events step ({@link TIMER_STEPS}`.events`): the events before the policy took effect are left
 * out (and counted in an entry handed to `record`), and the policy's recurring obligations become
 * one timer per period after the policy's own timers.
 */
function eventsInForce(
  stage: TimerStage,
  ctx: EvalContext,
  record: (entries: TraceEntry[]) => void,
): TimerStage {
  const policy = stage.policy;
  if (!policy) return stage;
  const from = toEpochMs(policy.effectiveFrom);
  // Every event in force (the usual log): the step's array is read as it is (the expansion below
  // returns arrays of its own), without a filtered copy.
  let before = false;
  for (let i = 0; i < stage.events.length; i++)
    if (!((stage.events[i] as ParsedEvent).ms >= from)) {
      before = true;
      break;
    }
  const inForce = before ? stage.events.filter((e) => e.ms >= from) : stage.events;
  if (inForce.length < stage.events.length) {
    record(
      new Trace().add(
        'S000B-MILESTONE-05',
        policy.source.clause,
        `${stage.events.length - inForce.length} 个事件早于制度生效日 ${policy.effectiveFrom},不适用`,
        `${stage.events.length - inForce.length} event(s) before the policy took effect (${policy.effectiveFrom}) were not applied`,
        { policyId: policy.id },
      ).entries,
    );
  }
  // The step's own array of parsed events is well formed (a company's rule that replaces it is
  // checked after its step): not scanned again. The obligations are checked, as `expandRecurring`
  // checks them: a company's rule may have replaced the stage's policy, and a short list costs little.
  expectArray(policy.params.recurring, ['obligations'], 'object');
  const { definitions, events } = expandRecurringChecked(policy.params.recurring, inForce, ctx);
  return { ...stage, events, definitions: [...policy.params.timers, ...definitions] };
}

/**
 * The timer procedure as a core `RulePipeline` of the {@link TIMER_STEPS}. Extend it through
 * `slaTimersWith({ customRules })`.
 *
 * @returns a fresh pipeline
 * @example
 * timerPipeline().ids
 * //=> ['S000B-MILESTONE-05', 'S004-SLA-00', 'S002-SLA-05', 'S000-MILESTONE-01', 'S000-COMPLAINT-07', 'S000-COMPLAINT-23']
 */
export function timerPipeline(): RulePipeline<TimerStage> {
  return builtInPipeline(false);
}

/**
 * The built-in pipeline. With `owned`, the steps after the replay complete each run in place
 * instead of copying it: only for a pipeline without a company's rules, where no one but the next
 * built-in step sees a run (the decision is the same).
 */
function builtInPipeline(owned: boolean): RulePipeline<TimerStage> {
  const withTrace =
    (
      fn: (runs: TimerRun[], eval_: EvalContext, trace: Trace, owned: boolean) => TimerRun[],
    ): TimerRuleStep['run'] =>
    (stage, step) => {
      const trace = new Trace();
      const runs = fn(stage.runs, step.eval, trace, owned);
      recordAll(step, trace.entries);
      return { ...stage, runs };
    };
  return new RulePipeline<TimerStage>([
    {
      id: TIMER_STEPS.events,
      clause: '000 L1139, L1501',
      run: (stage, step) => eventsInForce(stage, step.eval, (entries) => step.record(...entries)),
    },
    {
      id: TIMER_STEPS.replay,
      clause: '004 L22',
      run: (stage, step) => {
        const trace = new Trace();
        const runs = replayRuns(stage.events, stage.definitions, step.eval, trace);
        recordAll(step, trace.entries);
        return { ...stage, runs };
      },
    },
    { id: TIMER_STEPS.deadlines, clause: '002 L336 §3.4.5', run: withTrace(resolveDeadlines) },
    { id: TIMER_STEPS.breaches, clause: '000 L355', run: withTrace(judgeBreaches) },
    { id: TIMER_STEPS.escalation, clause: '000 L127', run: withTrace(escalate) },
    {
      id: TIMER_STEPS.violations,
      clause: '000 L733, L735',
      run: (stage) => ({ ...stage, runs: emitViolations(stage.runs, owned) }),
    },
  ]);
}

const ParsedEventSchema = SlaEventSchema.extend({
  ms: z.number().int(),
  index: z.number().int(),
});

const RunShapeSchema = z.object({
  definition: z.unknown(),
  subject: z.string().min(1),
  events: z.array(z.unknown()),
  attributes: recordOf(z.string(), z.unknown()),
  assignees: recordOf(z.string(), z.string()),
  instance: z.object({
    cycle: z.number().int().nonnegative(),
    phase: z.enum(['pending', 'running', 'paused', 'stopped', 'cancelled']),
    startMs: z.number().int().optional(),
    stopMs: z.number().int().optional(),
    pausedMs: z.number().int().nonnegative(),
    extensions: z.array(z.unknown()),
  }),
  calendarMs: z.array(z.number()),
  state: z.unknown(),
});

/**
 * Re-validates the stage a custom rule returned — the same contract the built-in steps keep: the
 * events and definitions well formed, every run shaped as the engine builds it, its state a
 * {@link TimerStateSchema} state. A refusal's path is under the stage (the pipeline prefixes it
 * with `['customRules', <rule id>]`).
 */
function checkStage(stage: TimerStage): void {
  if (stage === null || typeof stage !== 'object') {
    throw new ZhiduError(
      'invalid_state',
      [],
      '自定义规则须返回流程状态对象 / a custom rule must return the stage object',
    );
  }
  for (const key of ['events', 'definitions', 'runs'] as const) {
    if (!Array.isArray(stage[key])) {
      throw new ZhiduError(
        'invalid_state',
        [key],
        `自定义规则使 ${key} 不再是数组 / a custom rule left ${key} not an array`,
      );
    }
  }
  stage.events.forEach((e, i) => {
    parseInput(ParsedEventSchema, e, ['events', i]);
  });
  stage.definitions.forEach((d, i) => {
    parseInput(TimerDefinitionSchema, d, ['definitions', i]);
  });
  stage.runs.forEach((r, i) => {
    const at: ErrorPath = ['runs', i];
    parseInput(RunShapeSchema, r, at);
    parseInput(TimerDefinitionSchema, r.definition, [...at, 'definition']);
    parseInput(TimerStateSchema, r.state, [...at, 'state']);
  });
}

/**
 * The states and trace of the timer pipeline from an initial stage: with a company's rules, those of
 * {@link runTimerPipeline}; without, the built-in steps after the events step run in one pass over
 * the runs (`timersOnePass`, issue 21), with the same answer. Should the one pass refuse anything,
 * the built-in pipeline runs again step by step and answers or refuses as it always has.
 *
 * @internal
 */
export function timerStatesOf(
  initial: TimerStage,
  ctx: EvalContext,
  customRules: unknown,
  path: ErrorPath,
  skipEvents = false,
): { value: TimerState[]; trace: TraceEntry[] } {
  const r = timerStatesRead(initial, ctx, customRules, path, skipEvents);
  return { value: r.value, trace: r.trace };
}

/** The states and trace of the timer pipeline, with the states' violations when the one pass collected them. */
export interface TimerStatesRead {
  value: TimerState[];
  trace: TraceEntry[];
  /**
   * The violations of `value`'s states as the one pass built them, in state order (what
   * `collectViolations(value)` gives then); `undefined` when the step pipeline answered.
   */
  violations: Violation[] | undefined;
}

/**
 * {@link timerStatesOf}, with the violations the one pass collected handed over beside the states
 * (issue 21: no second walk over every state).
 *
 * @internal
 */
export function timerStatesRead(
  initial: TimerStage,
  ctx: EvalContext,
  customRules: unknown,
  path: ErrorPath,
  skipEvents = false,
): TimerStatesRead {
  if (customRules === undefined) {
    try {
      return timerStatesOnePass(initial, ctx, skipEvents);
    } catch {
      // Refused (or unexpected): the step-by-step pipeline below answers as before.
    }
  }
  const d = runTimerPipeline(initial, ctx, customRules, path, skipEvents);
  return { value: d.value.map((r) => r.state), trace: d.trace, violations: undefined };
}

/**
 * The built-in pipeline's states and trace computed in one pass after the events step (see
 * `timersOnePass`), with the states' violations; it may throw where the step-by-step pipeline
 * refuses (the caller then runs that one).
 *
 * @internal
 */
export function timerStatesOnePass(
  initial: TimerStage,
  ctx: EvalContext,
  skipEvents = false,
): { value: TimerState[]; trace: TraceEntry[]; violations: Violation[] } {
  let first: TraceEntry[] = [];
  const stage = skipEvents
    ? initial
    : eventsInForce(initial, ctx, (entries) => {
        first = first.concat(entries);
      });
  const r = timersOnePass(stage.events, stage.definitions, ctx);
  // The steps' entries in the steps' order, copied once into the decision's own array.
  return {
    value: r.states,
    trace: first.concat(r.replay, r.deadlines, r.breaches, r.escalation),
    violations: r.violations,
  };
}

/**
 * Runs the timer pipeline (with a company's rules when given) from an initial stage.
 *
 * @internal
 */
export function runTimerPipeline(
  initial: TimerStage,
  ctx: EvalContext,
  customRules: unknown,
  path: ErrorPath,
  skipEvents = false,
): { value: TimerRun[]; trace: Trace['entries'] } {
  let pipeline = builtInPipeline(customRules === undefined);
  if (skipEvents) pipeline = pipeline.remove(TIMER_STEPS.events);
  if (customRules === undefined) {
    const d = pipeline.run(initial, ctx);
    return { value: d.value.runs, trace: d.trace };
  }
  const rules = checkCustomRules(customRules, pipeline, path);
  const d = pipeline.withCustomRules(rules).run(initial, ctx, checkStage);
  return { value: d.value.runs, trace: d.trace };
}
