import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../test/helpers.js';
import { parseInput } from './errors.js';
import { checkWorkflowStep, type WorkflowInput, WorkflowSchema } from './workflow.js';

const step = { action: 'close', from: ['open'], to: 'closed' };
const workflow = (transitions: unknown[]): WorkflowInput =>
  ({ id: 'w', rule: 'S000-X-01', clause: '000 L1', initial: 'open', transitions }) as WorkflowInput;

describe('a workflow lists at most 1,000 transitions (issue 12: no call over 1 s)', () => {
  it('10^5 transitions are refused as invalid_input at transitions, naming the limit, before any is parsed', () => {
    // Entries that would each fail their own schema: the bound answers first, so nothing describes them.
    const e = refusal(() =>
      parseInput(WorkflowSchema, workflow(new Array(100_000).fill({ bad: 1 })), ['wf']),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['wf', 'transitions']);
    expect(e.message).toContain('最多 1000 个流转');
    expect(e.message).toContain('at most 1,000 transitions in a workflow');
  });

  it('1,001 transitions are refused, 1,000 are a workflow whose steps still work', () => {
    expect(
      refusal(() => parseInput(WorkflowSchema, workflow(new Array(1001).fill(step)), ['wf'])).path,
    ).toEqual(['wf', 'transitions']);
    const wf = workflow(new Array(1000).fill(step));
    expect(parseInput(WorkflowSchema, wf, ['wf']).transitions).toHaveLength(1000);
    expect(checkWorkflowStep(wf, 'open', { action: 'close', actor: { id: 'a' } }).value).toMatchObject({
      allowed: true,
      to: 'closed',
    });
  });
});
