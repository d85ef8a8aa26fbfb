import { type Decision, parseInput, Trace, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { asRecordsPolicy, type RecordsPolicyLike } from './policy.js';
import { IdSchema, RuleRefSchema } from './schemas.js';

/** A file workflow as data: states and who may move a file from one to the next (e.g. 初审 → 归档审核). */
export const WorkflowSchema = z
  .strictObject({
    id: IdSchema,
    ...RuleRefSchema.shape,
    states: z.array(IdSchema).min(2),
    initial: IdSchema,
    transitions: z
      .array(
        z.strictObject({
          from: IdSchema,
          to: IdSchema,
          action: IdSchema,
          /** Roles allowed to take the action; any role when empty. */
          roles: z.array(IdSchema).default([]),
        }),
      )
      .min(1),
  })
  .superRefine((wf, ctx) => {
    // A transition to or from an undeclared state is a typo in the policy, refused when it is defined.
    if (!wf.states.includes(wf.initial)) {
      ctx.addIssue({ code: 'custom', path: ['initial'], message: `"${wf.initial}" is not a declared state` });
    }
    wf.transitions.forEach((t, i) => {
      for (const key of ['from', 'to'] as const) {
        if (!wf.states.includes(t[key])) {
          ctx.addIssue({
            code: 'custom',
            path: ['transitions', i, key],
            message: `"${t[key]}" is not a declared state`,
          });
        }
      }
    });
  });
export type Workflow = z.output<typeof WorkflowSchema>;

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
  const req = parseInput(AdvanceInputSchema, input);
  const wf = policy.params.workflows.find((w) => w.id === req.workflowId);
  if (!wf)
    throw new ZhiduError(
      'unknown_reference',
      ['workflowId'],
      `unknown workflow "${req.workflowId}" in policy ${policy.id}`,
    );
  if (!wf.states.includes(req.state)) {
    throw new ZhiduError(
      'unknown_reference',
      ['state'],
      `"${req.state}" is not a state of workflow ${wf.id}`,
    );
  }
  const transition = wf.transitions.find((t) => t.from === req.state && t.action === req.action);
  if (!transition) {
    const possible = wf.transitions.filter((t) => t.from === req.state).map((t) => t.action);
    throw new ZhiduError(
      'invalid_state',
      ['action'],
      `"${req.action}" is not possible in state "${req.state}" of ${wf.id}; possible: ${possible.join(', ') || 'none'}`,
    );
  }
  const trace = new Trace();
  const permitted =
    transition.roles.length === 0 || transition.roles.some((r) => req.actor.roles.includes(r));
  if (!permitted) {
    trace.add(
      wf.rule,
      wf.clause,
      `${req.actor.id}无权执行${req.action}(需${transition.roles.join('/')}),状态保持${req.state}`,
      `${req.actor.id} may not ${req.action} (needs ${transition.roles.join('/')}); state stays ${req.state}`,
      { state: req.state, action: req.action },
    );
    return trace.decide({ state: req.state, moved: false });
  }
  trace.add(
    wf.rule,
    wf.clause,
    `${req.actor.id}执行${req.action}: ${req.state} → ${transition.to}`,
    `${req.actor.id} ${req.action}: ${req.state} → ${transition.to}`,
    { from: req.state, to: transition.to, action: req.action, ...(req.note ? { note: req.note } : {}) },
  );
  return trace.decide({ state: transition.to, moved: true });
}
