import type { EvalContext } from './context.js';
import { type Decision, Trace, type TraceEntry } from './decision.js';
import { type ErrorPath, errorAt, ZhiduError } from './errors.js';
import { nearestKey } from './unknown-keys.js';

/** What a step may do besides returning the new state: explain itself. */
export interface StepContext {
  /** Records a trace entry under this step's rule id and clause. */
  note(zh: string, en: string, data?: Record<string, unknown>): void;
  /**
   * Records entries produced by a sub-decision with their own rule ids — how a built-in step that
   * runs a whole rule set keeps every rule's entry in the decision's trace.
   */
  record(...entries: TraceEntry[]): void;
  /** The evaluation context (now, zone, calendar, rng). */
  readonly eval: EvalContext;
}

/**
 * One rule in a pipeline: takes the state so far, returns the next state. Built-in rules use the
 * catalog id (`S001-ATTR-11`); a company's own rules use any id of their own.
 */
export interface RuleStep<S> {
  id: string;
  clause?: string;
  run(state: S, ctx: StepContext): S;
}

/** Where a company's own rule goes: before, after, or instead of a built-in rule id. */
export type CustomRule<S> =
  | { before: string; step: RuleStep<S> }
  | { after: string; step: RuleStep<S> }
  | { replace: string; step: RuleStep<S> };

/**
 * An ordered list of rule steps — the extension point every module offers. A company inserts its
 * own rule before, after or instead of a built-in one, and the custom rule's trace entries appear in
 * the decision exactly like a built-in's.
 *
 * @example
 * const firstRegistration = {
 *   id: 'S001-ATTR-11',
 *   run: (s: { owner?: string }, ctx: StepContext) => {
 *     ctx.note('首次登记者为归属人', 'the first registrant owns the customer');
 *     return { ...s, owner: 'A' };
 *   },
 * };
 * const pipeline = new RulePipeline<{ owner?: string }>([firstRegistration]).insertAfter('S001-ATTR-11', {
 *   id: 'acme.vipOverride',
 *   clause: 'ACME 2025 §4',
 *   run: (s, ctx) => {
 *     ctx.note('VIP客户归店长', 'VIP customers belong to the store manager');
 *     return { ...s, owner: 'manager' };
 *   },
 * });
 * const d = pipeline.run({}, makeContext({ now: '2025-03-01T10:00:00+08:00' }));
 * d.value.owner; //=> 'manager'
 * d.trace.map((t) => t.rule); //=> ['S001-ATTR-11', 'acme.vipOverride']
 */
export class RulePipeline<S> {
  readonly steps: readonly RuleStep<S>[];
  /** Ids of the steps a company added (inserted or replacing a built-in one). */
  readonly customIds: ReadonlySet<string>;

  /**
   * @param steps - rules in evaluation order; ids must be unique
   * @param customIds - which of them are a company's own (set by insert/replace; re-validated on run)
   * @throws ZhiduError `duplicate` for a repeated id
   */
  constructor(steps: readonly RuleStep<S>[], customIds: Iterable<string> = []) {
    if (!Array.isArray(steps)) {
      throw new ZhiduError(
        'invalid_input',
        ['steps'],
        '规则步骤须为数组 / steps must be an array of rule steps',
      );
    }
    if (!Array.isArray(customIds) && !(customIds instanceof Set)) {
      throw new ZhiduError(
        'invalid_input',
        ['customIds'],
        '自定义规则标识须为数组或集合 / customIds must be an array or a Set of ids',
      );
    }
    const seen = new Set<string>();
    steps.forEach((s, i) => {
      if (s === null || typeof s !== 'object' || typeof s.id !== 'string' || typeof s.run !== 'function') {
        throw new ZhiduError(
          'invalid_input',
          ['steps', i],
          '规则步骤须为 { id: 字符串, run: 函数 } / a rule step is { id: string, run: function }',
        );
      }
      if (seen.has(s.id))
        throw new ZhiduError(
          'duplicate',
          ['steps', i, 'id'],
          `规则编号 ${s.id} 出现两次 / rule id ${s.id} appears twice`,
        );
      seen.add(s.id);
    });
    this.steps = [...steps];
    this.customIds = new Set([...customIds].filter((id) => seen.has(id)));
  }

  /** The ids in order. */
  get ids(): string[] {
    return this.steps.map((s) => s.id);
  }

  private indexOf(id: string): number {
    const i = this.steps.findIndex((s) => s.id === id);
    if (i < 0)
      throw new ZhiduError(
        'unknown_reference',
        ['id'],
        `规则链中没有规则 ${id}（已有：${this.ids.join('、')}） / no rule ${id} in this pipeline (have: ${this.ids.join(', ')})`,
      );
    return i;
  }

  /** A new pipeline with `step` inserted before rule `id`. */
  insertBefore(id: string, step: RuleStep<S>): RulePipeline<S> {
    const i = this.indexOf(id);
    return new RulePipeline(
      [...this.steps.slice(0, i), step, ...this.steps.slice(i)],
      [...this.customIds, step.id],
    );
  }

  /** A new pipeline with `step` inserted after rule `id`. */
  insertAfter(id: string, step: RuleStep<S>): RulePipeline<S> {
    const i = this.indexOf(id);
    return new RulePipeline(
      [...this.steps.slice(0, i + 1), step, ...this.steps.slice(i + 1)],
      [...this.customIds, step.id],
    );
  }

  /** A new pipeline with rule `id` replaced by `step`. */
  replace(id: string, step: RuleStep<S>): RulePipeline<S> {
    const i = this.indexOf(id);
    return new RulePipeline(
      [...this.steps.slice(0, i), step, ...this.steps.slice(i + 1)],
      [...this.customIds, step.id],
    );
  }

  /** A new pipeline without rule `id`. */
  remove(id: string): RulePipeline<S> {
    const i = this.indexOf(id);
    return new RulePipeline([...this.steps.slice(0, i), ...this.steps.slice(i + 1)], this.customIds);
  }

  /** Applies a list of customisations in order. */
  withCustomRules(customs: readonly CustomRule<S>[]): RulePipeline<S> {
    let p: RulePipeline<S> = this;
    for (const c of customs) {
      if ('before' in c) p = p.insertBefore(c.before, c.step);
      else if ('after' in c) p = p.insertAfter(c.after, c.step);
      else p = p.replace(c.replace, c.step);
    }
    return p;
  }

  /**
   * Runs every step in order. A company's own step is held to the same contract as a built-in one:
   * after it runs, `check` (when given) re-validates the state, and any error it or the step throws
   * is a `ZhiduError` whose path starts with `['customRules', <the step's id>]`.
   *
   * @param initial - the starting state
   * @param ctx - evaluation context handed to each step
   * @param check - validates the state after each custom step; throws a `ZhiduError` (its path is
   *   prefixed with the custom rule's id)
   * @returns the final state and every step's trace entries
   */
  run(initial: S, ctx: EvalContext, check?: (state: S) => void): Decision<S> {
    const trace = new Trace();
    let state = initial;
    for (const step of this.steps) {
      const stepCtx: StepContext = {
        note: (zh, en, data) => {
          trace.add(step.id, step.clause, zh, en, data);
        },
        record: (...entries) => {
          trace.append(entries);
        },
        eval: ctx,
      };
      if (!this.customIds.has(step.id)) {
        state = step.run(state, stepCtx);
        continue;
      }
      const at: ErrorPath = ['customRules', step.id];
      try {
        state = step.run(state, stepCtx);
        check?.(state);
      } catch (e) {
        if (e instanceof ZhiduError) throw errorAt(e, [...at, ...e.path]);
        const message = e instanceof Error ? e.message : String(e);
        throw new ZhiduError(
          'invalid_state',
          at,
          `自定义规则 ${step.id} 出错：${message} / custom rule ${step.id} failed: ${message}`,
        );
      }
    }
    return trace.decide(state);
  }
}

const PLACES = ['before', 'after', 'replace'] as const;

/**
 * Checks a list of custom rules against a pipeline before it is extended: each rule is
 * `{ before | after | replace: <step id>, step: { id, clause?, run } }`, names a step that exists
 * (a built-in one, or a custom one added earlier in the list) and brings a step id of its own.
 * An unknown step id is refused naming the nearest id.
 *
 * @param customRules - the caller's list (unvalidated)
 * @param pipeline - the built-in pipeline the rules extend
 * @param path - where the list sits in the caller's arguments, e.g. `['options', 'customRules']`
 * @returns the list, typed
 * @throws ZhiduError `invalid_input`, `unknown_reference` (with the nearest step id) or `duplicate`
 * @example
 * const pipeline = new RulePipeline<{ n: number }>([{ id: 'S000-PENALTY-06', run: (s) => s }]);
 * checkCustomRules([{ after: 'S000-PENALTY-06', step: { id: 'acme.cap', run: (s: { n: number }) => s } }], pipeline, ['customRules']).length;
 * //=> 1
 * checkCustomRules([{ after: 'S000-PENALTY-6', step: { id: 'acme.cap', run: (s: { n: number }) => s } }], pipeline, ['customRules']);
 * // throws ZhiduError unknown_reference (did you mean "S000-PENALTY-06"?)
 */
export function checkCustomRules<S>(
  customRules: unknown,
  pipeline: RulePipeline<S>,
  path: ErrorPath,
): readonly CustomRule<S>[] {
  if (!Array.isArray(customRules)) {
    throw new ZhiduError(
      'invalid_input',
      path,
      '自定义规则须为数组 / customRules must be an array of { before | after | replace, step }',
    );
  }
  if (!(pipeline instanceof RulePipeline)) {
    throw new ZhiduError('invalid_input', ['pipeline'], '须为 RulePipeline / expected a RulePipeline');
  }
  const ids = [...pipeline.ids];
  customRules.forEach((rule: unknown, i) => {
    const at = [...path, i];
    if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
      throw new ZhiduError(
        'invalid_input',
        at,
        '自定义规则须为 { before | after | replace: 步骤标识, step } / a custom rule is { before | after | replace: <step id>, step }',
      );
    }
    const r = rule as Record<string, unknown>;
    const places = PLACES.filter((p) => Object.hasOwn(r, p));
    if (places.length !== 1) {
      throw new ZhiduError(
        'invalid_input',
        at,
        `自定义规则须且只须给出 before、after、replace 之一（给出了 ${places.length} 个） / a custom rule names exactly one of before, after, replace (got ${places.length})`,
      );
    }
    const place = places[0] as (typeof PLACES)[number];
    const target = r[place];
    if (typeof target !== 'string' || !ids.includes(target)) {
      const guess = typeof target === 'string' ? nearestKey(target, ids) : undefined;
      throw new ZhiduError(
        'unknown_reference',
        [...at, place],
        `流程中没有步骤 ${JSON.stringify(target)}${guess ? `；是否应为 "${guess}"？` : ''} / no step ${JSON.stringify(target)} in this pipeline${guess ? `; did you mean "${guess}"?` : ''} (have: ${ids.join(', ')})`,
      );
    }
    const step = r.step as Record<string, unknown> | null | undefined;
    if (
      step === null ||
      typeof step !== 'object' ||
      typeof step.id !== 'string' ||
      step.id === '' ||
      typeof step.run !== 'function' ||
      (step.clause !== undefined && typeof step.clause !== 'string')
    ) {
      throw new ZhiduError(
        'invalid_input',
        [...at, 'step'],
        '自定义步骤须为 { id: 非空字符串, clause?: 字符串, run: 函数 } / a custom step is { id: non-empty string, clause?: string, run: function }',
      );
    }
    if (ids.includes(step.id)) {
      throw new ZhiduError(
        'duplicate',
        [...at, 'step', 'id'],
        `步骤标识 ${step.id} 已在流程中 / step id ${step.id} is already in the pipeline`,
      );
    }
    if (place === 'replace') ids.splice(ids.indexOf(target), 1, step.id);
    else ids.push(step.id);
  });
  return customRules as readonly CustomRule<S>[];
}
