import { z } from 'zod';
import { AttributesSchema, ConditionSchema, conditionsHold } from './condition.js';
import { type Decision, Trace } from './decision.js';
import { type ErrorPath, parseInput, ZhiduError } from './errors.js';
import { expectObject } from './guards.js';
import { ownValue } from './own.js';
import { fastParser, NOT_PARSED } from './parse-fast.js';
import { parseOnceFrozen } from './parse-once.js';
import { nearestKey } from './unknown-keys.js';

/**
 * One allowed step of a procedure: which action moves a case or a file from which states to which
 * state, who may take it, and which facts must be on file (the GM's approval before the customer is
 * told, a signed opinion before implementation…).
 * - `from: ['*']` allows the action in any state; `to: '*'` keeps the state (a supervisory note);
 * - `roles`: the actor must hold one of them (absent or empty: any role);
 * - `requires`: facts that must be present (not missing, null or blank);
 * - `guard`: conditions on the facts that must all hold;
 * - `rule`/`clause`: the citation of this step (default: the workflow's).
 */
export const TransitionSchema = z.strictObject({
  action: z.string().min(1),
  from: z.array(z.string().min(1)).min(1),
  to: z.string().min(1),
  roles: z.array(z.string().min(1)).optional(),
  requires: z.array(z.string().min(1)).default([]),
  guard: z.array(ConditionSchema).optional(),
  rule: z.string().min(1).optional(),
  clause: z.string().min(1).optional(),
});
/** One allowed step (see {@link TransitionSchema}). */
export type Transition = z.output<typeof TransitionSchema>;

/**
 * The most transitions one workflow may list: a regulation's procedure has a few dozen steps (the
 * shipped presets at most 12), so a longer list is refused at once, before its entries are parsed and
 * the policy hashed (10^5 copies took over a second).
 */
const MAX_WORKFLOW_TRANSITIONS = 1000;

/**
 * A procedure as a guarded state machine — a complaint procedure, a file's handover or review. The
 * one workflow of zhidu: sla's complaint procedures and records' file workflows are this schema.
 * `states`, when given, declares every state: a transition to or from an undeclared state is a typo
 * refused when the workflow is parsed. `final` lists the states that close the case. `recusal`
 * names facts holding the ids of people who may not act (the person complained about, 回避).
 */
export const WorkflowSchema = z
  .strictObject({
    id: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    states: z.array(z.string().min(1)).min(2).optional(),
    initial: z.string().min(1),
    final: z.array(z.string().min(1)).default([]),
    transitions: z
      .array(TransitionSchema)
      .min(1)
      .max(MAX_WORKFLOW_TRANSITIONS, {
        message: `最多 ${MAX_WORKFLOW_TRANSITIONS} 个流转 / at most ${MAX_WORKFLOW_TRANSITIONS.toLocaleString('en')} transitions in a workflow`,
      }),
    recusal: z
      .strictObject({
        facts: z.array(z.string().min(1)).min(1),
        rule: z.string().min(1),
        clause: z.string().min(1),
      })
      .optional(),
  })
  .superRefine((wf, ctx) => {
    const states = wf.states;
    if (!states) return;
    const check = (state: string, path: (string | number)[]) => {
      if (state !== '*' && !states.includes(state)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `"${state}" 不是已声明的状态 / "${state}" is not a declared state`,
        });
      }
    };
    check(wf.initial, ['initial']);
    wf.final.forEach((s, i) => {
      check(s, ['final', i]);
    });
    wf.transitions.forEach((t, i) => {
      t.from.forEach((s, j) => {
        check(s, ['transitions', i, 'from', j]);
      });
      check(t.to, ['transitions', i, 'to']);
    });
  });
/** A workflow (see {@link WorkflowSchema}). */
export type Workflow = z.output<typeof WorkflowSchema>;
/** A workflow as JSON input. */
export type WorkflowInput = z.input<typeof WorkflowSchema>;

/** One step someone takes: the action, who takes it (with their roles) and the facts on file after it. */
export const WorkflowStepSchema = z.strictObject({
  action: z.string().min(1),
  actor: z.strictObject({ id: z.string().min(1), roles: z.array(z.string().min(1)).default([]) }),
  facts: AttributesSchema.default({}),
});
/** A step as input (see {@link WorkflowStepSchema}). */
export type WorkflowStepInput = z.input<typeof WorkflowStepSchema>;

/** Why a step was refused. */
export type RejectionReason =
  | 'not_allowed_from_state'
  | 'role_not_permitted'
  | 'missing_facts'
  | 'guard_failed'
  | 'recused';

/** Each {@link RejectionReason} said in Chinese for the zh trace; the machine value stays in `data`. */
const REJECTION_ZH: Readonly<Record<RejectionReason, string>> = {
  not_allowed_from_state: '当前状态下不允许此步骤',
  role_not_permitted: '岗位无权执行',
  missing_facts: '缺少必要事实',
  guard_failed: '条件不满足',
  recused: '须回避',
};

/** What {@link checkWorkflowStep} decided: the step moves the case, or is refused with a reason. */
export type TransitionOutcome =
  | { allowed: true; from: string; to: string; rule: string; clause: string }
  | {
      allowed: false;
      from: string;
      reason: RejectionReason;
      /** For `missing_facts`: the facts not on file. */
      missing?: string[];
      /** For `not_allowed_from_state`: the actions possible in this state. */
      possible?: string[];
      /** For `role_not_permitted`: the roles the step needs. */
      roles?: string[];
      rule: string;
      clause: string;
    };

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** A state name. */
const StateSchema = z.string().min(1);

/**
 * The workflow parser: a workflow frozen through (a validated policy's) is parsed once, and a
 * workflow it gave (valid and frozen) is taken as it is, so a step check reads it as it is (issue
 * 21: the workflow modules parsed their policy's workflow again on every call).
 */
const parseWorkflowOnce = parseOnceFrozen(WorkflowSchema);

/**
 * Validates a workflow once for many steps: the parsed workflow, frozen, which
 * {@link checkWorkflowStep} then reads without validating it again (a procedure's run checks one step
 * after another under the same workflow; each check validated the whole workflow anew).
 *
 * @param workflow - the workflow as given
 * @param path - where it sits in the caller's input
 * @returns the parsed workflow, frozen
 * @throws ZhiduError `invalid_input` / `unknown_key` for a malformed workflow
 * @example
 * const review = parseWorkflow({ id: 'archiveReview', rule: 'S000-ARCHIVE-05', clause: '000 L251', initial: 'entered',
 *   transitions: [{ action: 'preliminaryPass', from: ['entered'], to: 'preReviewed', roles: ['salesManager'] }] });
 * Object.isFrozen(review.transitions[0]); //=> true
 * checkWorkflowStep(review, 'entered', { action: 'preliminaryPass', actor: { id: 'm1', roles: ['salesManager'] } }).value.allowed; //=> true
 */
export function parseWorkflow(workflow: WorkflowInput, path: ErrorPath = ['workflow']): Workflow {
  return parseWorkflowOnce(workflow, path) as Workflow;
}

/**
 * Checks one step of a workflow from a state: may this actor take this action now, with these
 * facts on file? A refused step is an outcome, not an error (callers decide whether it is a finding
 * about the case or a caller out of step). Several transitions for one action are alternatives
 * tried in order (a written reply, or an oral one with a recorded reason): the first that passes
 * wins, else the first failure is reported.
 *
 * @param workflow - the workflow (validated here, unless {@link parseWorkflow} gave it)
 * @param state - the current state
 * @param step - action, actor `{ id, roles }` and the facts on file after the step
 * @returns the outcome, with one trace entry citing the transition (or the recusal rule)
 * @throws ZhiduError `unknown_reference` for an action the workflow does not know (naming the
 *   nearest) or a state it does not declare; `invalid_input` / `unknown_key` for malformed input
 * @example
 * const review = { id: 'archiveReview', rule: 'S000-ARCHIVE-05', clause: '000 L251', initial: 'entered',
 *   transitions: [{ action: 'preliminaryPass', from: ['entered'], to: 'preReviewed', roles: ['salesManager'] }] };
 * checkWorkflowStep(review, 'entered', { action: 'preliminaryPass', actor: { id: 'm1', roles: ['salesManager'] } }).value;
 * //=> { allowed: true, from: 'entered', to: 'preReviewed', rule: 'S000-ARCHIVE-05', clause: '000 L251' }
 */
export function checkWorkflowStep(
  workflow: WorkflowInput,
  state: string,
  step: WorkflowStepInput,
): Decision<TransitionOutcome> {
  const wf = parseWorkflow(workflow);
  const current =
    typeof state === 'string' && state !== '' ? state : parseInput(StateSchema, state, ['state']);
  expectObject(step, ['step']);
  // core's fast reading of the step (zod's exact value), else zod, which also builds the refusal.
  const fast = fastParser(WorkflowStepSchema)?.(step);
  const s =
    fast !== undefined && fast !== NOT_PARSED
      ? (fast as z.output<typeof WorkflowStepSchema>)
      : parseInput(WorkflowStepSchema, step, ['step']);
  if (wf.states && !wf.states.includes(current)) {
    throw new ZhiduError(
      'unknown_reference',
      ['state'],
      `"${current}" 不是工作流 ${wf.id} 的状态 / "${current}" is not a state of workflow ${wf.id}`,
    );
  }
  const candidates = wf.transitions.filter((t) => t.action === s.action);
  if (candidates.length === 0) {
    const known = [...new Set(wf.transitions.map((t) => t.action))];
    const near = nearestKey(s.action, known);
    throw new ZhiduError(
      'unknown_reference',
      ['step', 'action'],
      `工作流 ${wf.id} 没有动作 "${s.action}" / unknown action "${s.action}" in workflow ${wf.id}${near ? `; did you mean "${near}"?` : ''}`,
    );
  }
  const trace = new Trace();
  const cite = (t: Transition) => ({ rule: t.rule ?? wf.rule, clause: t.clause ?? wf.clause });
  const refuse = (
    outcome: Omit<Extract<TransitionOutcome, { allowed: false }>, 'allowed' | 'from'>,
  ): Decision<TransitionOutcome> => {
    const detail = outcome.missing ?? outcome.roles ?? outcome.possible;
    trace.add(
      outcome.rule,
      outcome.clause,
      `拒绝 ${s.actor.id} 的步骤 ${s.action}(${REJECTION_ZH[outcome.reason]}${detail ? `:${detail.join('、')}` : ''}),状态保持 ${current}`,
      `refused step ${s.action} by ${s.actor.id} (${outcome.reason}${detail ? `: ${detail.join(', ')}` : ''}); state stays ${current}`,
      { state: current, action: s.action, reason: outcome.reason },
    );
    return trace.decide({ allowed: false, from: current, ...outcome });
  };
  const fromHere = candidates.filter((t) => t.from.includes(current) || t.from.includes('*'));
  if (fromHere.length === 0) {
    const possible = [
      ...new Set(
        wf.transitions.filter((t) => t.from.includes(current) || t.from.includes('*')).map((t) => t.action),
      ),
    ];
    return refuse({ reason: 'not_allowed_from_state', possible, ...cite(candidates[0] as Transition) });
  }
  if (wf.recusal) {
    const recused = wf.recusal.facts.flatMap((f) => {
      const v = ownValue(s.facts, f);
      return typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
    });
    if (recused.includes(s.actor.id)) {
      return refuse({ reason: 'recused', rule: wf.recusal.rule, clause: wf.recusal.clause });
    }
  }
  let failure: Omit<Extract<TransitionOutcome, { allowed: false }>, 'allowed' | 'from'> | undefined;
  for (const t of fromHere) {
    // Own keys only: a required fact `constructor` is not the Object function of every step.
    const missing = t.requires.filter((k) => isBlank(ownValue(s.facts, k)));
    let f: typeof failure;
    if (t.roles && t.roles.length > 0 && !t.roles.some((r) => s.actor.roles.includes(r)))
      f = { reason: 'role_not_permitted', roles: t.roles, ...cite(t) };
    else if (missing.length > 0) f = { reason: 'missing_facts', missing, ...cite(t) };
    else if (t.guard && !conditionsHold(t.guard, s.facts)) f = { reason: 'guard_failed', ...cite(t) };
    if (f === undefined) {
      const to = t.to === '*' ? current : t.to;
      const c = cite(t);
      trace.add(
        c.rule,
        c.clause,
        `${s.actor.id} 执行 ${s.action}:${current} → ${to}`,
        `${s.actor.id} ${s.action}: ${current} → ${to}`,
        { from: current, to, action: s.action, by: s.actor.id },
      );
      return trace.decide({ allowed: true, from: current, to, ...c });
    }
    failure ??= f;
  }
  return refuse(failure as NonNullable<typeof failure>);
}
