import {
  checkWorkflowStep,
  type Decision,
  type EvalContext,
  expectArray,
  expectEvalContext,
  expectObject,
  InstantSchema,
  parseInput,
  parseWorkflow,
  type RejectionReason,
  Trace,
  toEpochMs,
  type Workflow,
  type WorkflowSchema,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { type Attributes, AttributesSchema } from '../conditions.js';

// A complaint procedure is core's guarded state machine (`WorkflowSchema`, `checkWorkflowStep` in
// @zhidu/core): which action moves the case from which states to which state, who may take it,
// which facts must be on file, and `recusal` (回避) naming facts that hold the ids of people who may
// not act on the case. This module replays the timed steps of a case through it.

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
/** A step as parsed. */
export type WorkflowEvent = z.output<typeof WorkflowEventSchema>;

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
 * const dealerWorkflow = dealer000Preset().params.workflows.find((w) => w.id === 'general')!;
 * const ctx = makeContext({ now: '2024-03-06T00:00:00+08:00' });
 * // telling the customer before the case is even recorded (and before the GM approved the solution)
 * const early = [
 *   { action: 'notifyCustomer', at: '2024-03-05T10:00:00+08:00', actor: { personId: 'u1', role: 'crManager' },
 *     facts: { customerReaction: 'accepted' } },
 * ];
 * const d = runWorkflow(early, dealerWorkflow, ctx);
 * d.value.rejected[0]?.reason; //=> 'not_allowed_from_state'
 * d.value.state; //=> 'new'
 * runWorkflow([{ ...early[0]!, action: 'notify' }], dealerWorkflow, ctx); // throws ZhiduError unknown_reference
 */
export function runWorkflow(
  steps: readonly unknown[],
  workflow: z.input<typeof WorkflowSchema> | Workflow,
  ctx: EvalContext,
): Decision<WorkflowState> {
  expectArray(steps, ['steps']);
  expectObject(workflow, ['workflow']);
  // Validated once, for every step (checkWorkflowStep then reads it as it is).
  const wf = parseWorkflow(workflow);
  expectEvalContext(ctx);
  // Each step is validated when it is reached, so a refusal is the first in the order of the steps.
  return runSteps(steps, wf, ctx, (raw, index) => parseInput(WorkflowEventSchema, raw, ['steps', index]));
}

/**
 * {@link runWorkflow} after its checks: `wf` from core's `parseWorkflow`, each step read by `read`
 * (validated when reached, or already parsed, as by the module `sla.workflow`). @internal
 */
export function runSteps(
  steps: readonly unknown[],
  wf: Workflow,
  ctx: EvalContext,
  read: (raw: unknown, index: number) => WorkflowEvent,
): Decision<WorkflowState> {
  const trace = new Trace();
  const known = new Set(wf.transitions.map((t) => t.action));
  let state = wf.initial;
  let facts: Attributes = {};
  const history: WorkflowState['history'] = [];
  const rejected: WorkflowState['rejected'] = [];
  const nowMs = toEpochMs(ctx.now);
  let previous = Number.NEGATIVE_INFINITY;
  steps.forEach((raw, index) => {
    const step = read(raw, index);
    const ms = toEpochMs(step.at);
    if (ms < previous)
      throw new ZhiduError(
        'out_of_order',
        ['steps', index, 'at'],
        `第 ${index} 步早于其前一步 / step ${index} is earlier than the step before it`,
      );
    previous = ms;
    if (!known.has(step.action)) {
      throw new ZhiduError(
        'unknown_reference',
        ['steps', index, 'action'],
        `流程 ${wf.id} 中没有操作 ${step.action} / unknown action ${step.action} in workflow ${wf.id}`,
      );
    }
    if (ms > nowMs) return;
    const next = { ...facts, ...(step.facts ?? {}) };
    const checked = checkWorkflowStep(wf, state, {
      action: step.action,
      actor: { id: step.actor.personId, roles: [step.actor.role] },
      facts: next,
    });
    const outcome = checked.value;
    if (!outcome.allowed) {
      const missing = outcome.reason === 'missing_facts' ? outcome.missing : undefined;
      rejected.push({ index, action: step.action, reason: outcome.reason, ...(missing ? { missing } : {}) });
      for (const e of checked.trace)
        trace.add(e.rule, e.clause, e.message.zh, e.message.en, { index, state });
      return;
    }
    facts = next;
    history.push({ action: step.action, from: state, to: outcome.to, at: step.at, by: step.actor.personId });
    trace.add(
      outcome.rule,
      outcome.clause,
      `执行 ${step.action}：状态 ${state} → ${outcome.to}`,
      `${step.action}: ${state} → ${outcome.to}`,
      { index, by: step.actor.personId },
    );
    state = outcome.to;
  });
  return trace.decide({ state, closed: wf.final.includes(state), facts, history, rejected });
}
