import {
  type Decision,
  type EvalContext,
  expectArray,
  expectEvalContext,
  expectObject,
  InstantSchema,
  parseInput,
  Trace,
  toEpochMs,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { type Attributes, AttributesSchema, ConditionSchema, matchesAll } from '../conditions.js';

/**
 * One allowed step of a complaint procedure: which action moves the case from which states to
 * which state, who may take it, and which facts must be on file (the GM's approval before the
 * customer is told, a signed opinion before implementation…). `from: ['*']` allows the action in
 * any state and `to: '*'` keeps the state (a supervisory note, an assisting investigator).
 */
export const TransitionSchema = z
  .object({
    action: z.string().min(1),
    from: z.array(z.string().min(1)).min(1),
    to: z.string().min(1),
    roles: z.array(z.string().min(1)).optional(),
    requires: z.array(z.string().min(1)).default([]),
    guard: z.array(ConditionSchema).optional(),
    rule: z.string().min(1),
    clause: z.string().min(1),
  })
  .strict();

/**
 * A complaint procedure as a guarded state machine. `recusal` names facts holding the ids of
 * people who may not act on the case (the person complained about, 回避), so the original
 * receptionist cannot handle a complaint against themselves.
 */
export const WorkflowSchema = z
  .object({
    id: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    initial: z.string().min(1),
    final: z.array(z.string().min(1)).min(1),
    transitions: z.array(TransitionSchema).min(1),
    recusal: z
      .object({
        facts: z.array(z.string().min(1)).min(1),
        rule: z.string().min(1),
        clause: z.string().min(1),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Workflow = z.output<typeof WorkflowSchema>;

/** A step someone took on a case. `facts` are recorded on the case before the guards are checked. */
export const WorkflowEventSchema = z
  .object({
    action: z.string().min(1),
    at: InstantSchema,
    actor: z.object({ personId: z.string().min(1), role: z.string().min(1) }).strict(),
    facts: AttributesSchema.optional(),
  })
  .strict();
export type WorkflowEventInput = z.input<typeof WorkflowEventSchema>;

export type RejectionReason =
  | 'not_allowed_from_state'
  | 'role_not_permitted'
  | 'missing_facts'
  | 'guard_failed'
  | 'recused';

/** Where a case stands after its steps, and the steps the procedure refused. */
export type WorkflowState = {
  state: string;
  closed: boolean;
  facts: Attributes;
  history: { action: string; from: string; to: string; at: string; by: string }[];
  rejected: { index: number; action: string; reason: RejectionReason; missing?: string[] }[];
};

/**
 * Replays the steps taken on a case through a procedure. A step the procedure does not allow
 * (skipping the GM approval, a recused person acting, a missing signature) is not applied and is
 * returned in `rejected`: a refused step is a finding about the case, not bad input. An action the
 * procedure does not know, or steps out of time order, are refused with a `ZhiduError`.
 *
 * @param steps - the steps, in time order
 * @param workflow - the procedure (from a preset's `workflows`)
 * @param ctx - evaluation context; steps after `ctx.now` are ignored
 * @returns the case state, its facts, history and refused steps, with a trace naming each rule
 * @throws ZhiduError `unknown_reference` for an unknown action, `out_of_order` for unordered steps
 * @example
 * runWorkflow([{ action: 'notifyCustomer', at: '2024-03-05T10:00:00+08:00', actor: { personId: 'u1', role: 'crManager' } }],
 *   dealerWorkflow, ctx).value.rejected[0]?.reason; //=> 'not_allowed_from_state'
 */
export function runWorkflow(
  steps: readonly unknown[],
  workflow: Workflow,
  ctx: EvalContext,
): Decision<WorkflowState> {
  expectArray(steps, ['steps']);
  expectObject(workflow, ['workflow']);
  expectArray(workflow.transitions, ['workflow', 'transitions'], 'object');
  expectEvalContext(ctx);
  const trace = new Trace();
  const known = new Set(workflow.transitions.map((t) => t.action));
  let state = workflow.initial;
  let facts: Attributes = {};
  const history: WorkflowState['history'] = [];
  const rejected: WorkflowState['rejected'] = [];
  const nowMs = toEpochMs(ctx.now);
  let previous = Number.NEGATIVE_INFINITY;
  steps.forEach((raw, index) => {
    const step = parseInput(WorkflowEventSchema, raw, ['steps', index]);
    const ms = toEpochMs(step.at);
    if (ms < previous)
      throw new ZhiduError(
        'out_of_order',
        ['steps', index, 'at'],
        `step ${index} is earlier than the step before it`,
      );
    previous = ms;
    if (!known.has(step.action)) {
      throw new ZhiduError(
        'unknown_reference',
        ['steps', index, 'action'],
        `unknown action ${step.action} in workflow ${workflow.id}`,
      );
    }
    if (ms > nowMs) return;
    const candidates = workflow.transitions.filter((t) => t.action === step.action);
    const fromHere = candidates.filter((c) => c.from.includes(state) || c.from.includes('*'));
    const reject = (reason: RejectionReason, rule: string, clause: string, missing?: string[]) => {
      rejected.push({ index, action: step.action, reason, ...(missing ? { missing } : {}) });
      trace.add(
        rule,
        clause,
        `拒绝步骤 ${step.action}(${reason}${missing ? `:${missing.join('、')}` : ''})`,
        `refused step ${step.action} (${reason}${missing ? `: ${missing.join(', ')}` : ''})`,
        {
          index,
          state,
        },
      );
    };
    const first = candidates[0];
    if (fromHere.length === 0) {
      if (first) reject('not_allowed_from_state', first.rule, first.clause);
      return;
    }
    const next = { ...facts, ...(step.facts ?? {}) };
    if (workflow.recusal) {
      const recusedIds = workflow.recusal.facts.flatMap((f) => {
        const v = next[f];
        return typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
      });
      if (recusedIds.includes(step.actor.personId)) {
        reject('recused', workflow.recusal.rule, workflow.recusal.clause);
        return;
      }
    }
    // Alternatives for one action (a written reply, or an oral one with a recorded reason) are
    // tried in order; the first that passes wins, else the first failure is reported.
    let failure: { reason: RejectionReason; rule: string; clause: string; missing?: string[] } | undefined;
    const t = fromHere.find((c) => {
      let f: typeof failure;
      const missing = c.requires.filter((k) => next[k] === undefined || next[k] === null || next[k] === '');
      if (c.roles && !c.roles.includes(step.actor.role))
        f = { reason: 'role_not_permitted', rule: c.rule, clause: c.clause };
      else if (missing.length > 0) f = { reason: 'missing_facts', rule: c.rule, clause: c.clause, missing };
      else if (c.guard && !matchesAll(c.guard, next))
        f = { reason: 'guard_failed', rule: c.rule, clause: c.clause };
      if (f) failure ??= f;
      return f === undefined;
    });
    if (!t) {
      if (failure) reject(failure.reason, failure.rule, failure.clause, failure.missing);
      return;
    }
    facts = next;
    const to = t.to === '*' ? state : t.to;
    history.push({ action: step.action, from: state, to, at: step.at, by: step.actor.personId });
    trace.add(t.rule, t.clause, `${step.action}:${state} → ${to}`, `${step.action}: ${state} → ${to}`, {
      index,
      by: step.actor.personId,
    });
    state = to;
  });
  return trace.decide({ state, closed: workflow.final.includes(state), facts, history, rejected });
}
