import { describe, expect, it } from 'vitest';
import { cn, steps, wf } from '../../test/helpers.js';
import { gps000Preset, runWorkflow } from '../index.js';

const ctx = cn('2024-12-31T00:00');

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
