import { describe, expect, it } from 'vitest';
import { cn } from '../../test/helpers.js';
import { gps000Preset, runWorkflow, type Workflow } from '../index.js';

const ctx = cn('2024-12-31T00:00');
type Step = [
  action: string,
  role: string,
  facts?: Record<string, string | number | boolean>,
  personId?: string,
];
const steps = (...s: Step[]) =>
  s.map(([action, role, facts, personId], i) => ({
    action,
    at: new Date(Date.parse('2024-03-04T01:00:00Z') + i * 60_000).toISOString(),
    actor: { personId: personId ?? `u-${role}`, role },
    ...(facts ? { facts } : {}),
  }));
const wf = (p: { params: { workflows: Workflow[] } }, id: string): Workflow => {
  const w = p.params.workflows.find((x) => x.id === id);
  if (!w) throw new Error(id);
  return w;
};

describe('GPS after-sales feedback (000 L53–115)', () => {
  const flow = wf(gps000Preset(), 'gpsFeedback');
  it('forwards valuable suggestions and tells the customer the result before closing (S000-COMPLAINT-12)', () => {
    const unforwarded = runWorkflow(
      steps(
        ['reply', 'hotline', { repliedAt: 'x', valuable: true }],
        ['notifyResult', 'centre', { resultNotifiedAt: 'y' }],
      ),
      flow,
      ctx,
    ).value;
    expect(unforwarded.rejected[0]?.reason).toBe('guard_failed');
    const ok = runWorkflow(
      steps(
        ['reply', 'hotline', { repliedAt: 'x', valuable: true }],
        ['forward', 'centre', { forwardedTo: 'R&D' }],
        ['notifyResult', 'centre', { resultNotifiedAt: 'y' }],
        ['close', 'centre'],
      ),
      flow,
      ctx,
    ).value;
    expect(ok.state).toBe('closed');
    const untold = runWorkflow(
      steps(['reply', 'hotline', { repliedAt: 'x' }], ['close', 'centre']),
      flow,
      ctx,
    ).value;
    expect(untold.closed).toBe(false);
  });
});
