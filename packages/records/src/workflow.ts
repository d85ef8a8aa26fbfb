import { checkWorkflowStep, type Decision, parseInput, Trace, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';
import { IdSchema } from './schemas.js';

// A file workflow is core's guarded state machine (`WorkflowSchema`, `checkWorkflowStep` in @zhidu/core):
// declared states, transitions `{ action, from: [...], to, roles }`; a transition to or from an
// undeclared state is refused when the policy is defined.

/** Input of {@link advanceWorkflow}. */
export const AdvanceInputSchema = z.strictObject({
  workflowId: IdSchema,
  state: IdSchema,
  action: IdSchema,
  actor: z.strictObject({ id: IdSchema, roles: z.array(IdSchema).default([]) }),
  note: z.string().optional(),
});
export type AdvanceInput = z.input<typeof AdvanceInputSchema>;

/**
 * Moves a file one step through its workflow (e.g. the handover workflow 销售部检查 → 签收 → 管理员检查 →
 * 扫描 → 归档 → 电子档案, or the review workflow 录入 → 初审 → 归档审核, with return for correction).
 * An action the current state does not allow is refused input, not an outcome: the caller is out of step.
 * A role that may not take the action is an outcome (`moved: false`).
 *
 * @param input - workflow id, current state, action and actor
 * @param policyInput - a records policy with workflows
 * @returns the next state (or the same state when the actor's role may not act), with a trace
 * @throws ZhiduError `unknown_reference` for an unknown workflow or state, `invalid_state` when the action
 *   is not possible from the current state
 * @example
 * advanceWorkflow({ workflowId: 'archiveReview', state: 'entered', action: 'preliminaryPass',
 *   actor: { id: 'm1', roles: ['salesManager'] } }, customerArchivePreset).value.state; //=> 'preReviewed'
 */
export function advanceWorkflow(
  input: AdvanceInput,
  policyInput: RecordsPolicyLike,
): Decision<{ state: string; moved: boolean }> {
  const policy = asRecordsPolicy(policyInput);
  return advanceWorkflowParsed(parseInput(AdvanceInputSchema, input), policy);
}

/** {@link advanceWorkflow} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function advanceWorkflowParsed(
  req: z.output<typeof AdvanceInputSchema>,
  policy: RecordsPolicy,
): Decision<{ state: string; moved: boolean }> {
  const wf = policy.params.workflows.find((w) => w.id === req.workflowId);
  if (!wf)
    throw new ZhiduError(
      'unknown_reference',
      ['workflowId'],
      `制度 ${policy.id} 中没有流程 "${req.workflowId}" / unknown workflow "${req.workflowId}" in policy ${policy.id}`,
    );
  if (!wf.states?.includes(req.state)) {
    throw new ZhiduError(
      'unknown_reference',
      ['state'],
      `"${req.state}" 不是流程 ${wf.id} 的状态 / "${req.state}" is not a state of workflow ${wf.id}`,
    );
  }
  if (!wf.transitions.some((t) => t.action === req.action && t.from.includes(req.state))) {
    const possible = wf.transitions.filter((t) => t.from.includes(req.state)).map((t) => t.action);
    throw new ZhiduError(
      'invalid_state',
      ['action'],
      `流程 ${wf.id} 的状态 "${req.state}" 下不能执行 "${req.action}"；可执行：${possible.join('、') || '无'} / "${req.action}" is not possible in state "${req.state}" of ${wf.id}; possible: ${possible.join(', ') || 'none'}`,
    );
  }
  const checked = checkWorkflowStep(wf, req.state, {
    action: req.action,
    actor: { id: req.actor.id, roles: req.actor.roles },
  });
  const outcome = checked.value;
  const trace = new Trace();
  if (!outcome.allowed) {
    trace.add(
      outcome.rule,
      outcome.clause,
      `${req.actor.id}无权执行${req.action}(需${(outcome.roles ?? []).join('/')}),状态保持${req.state}`,
      `${req.actor.id} may not ${req.action} (needs ${(outcome.roles ?? []).join('/')}); state stays ${req.state}`,
      { state: req.state, action: req.action },
    );
    return trace.decide({ state: req.state, moved: false });
  }
  trace.add(
    outcome.rule,
    outcome.clause,
    `${req.actor.id}执行${req.action}: ${req.state} → ${outcome.to}`,
    `${req.actor.id} ${req.action}: ${req.state} → ${outcome.to}`,
    { from: req.state, to: outcome.to, action: req.action, ...(req.note ? { note: req.note } : {}) },
  );
  return trace.decide({ state: outcome.to, moved: true });
}
