import { describe, expect, it } from 'vitest';
import { runScenarioFile } from './index.js';

// A decision's trace is explained in both languages: the Chinese of each entry holds Chinese (the
// complaint workflow's steps read "record:new → recorded" in both).
const CJK = /[\u3400-\u9fff]/;

describe('the Chinese of a trace holds Chinese', () => {
  it('sla.workflow: every step of a complaint, each role (S000-COMPLAINT-13–16)', () => {
    const outcome = runScenarioFile(
      'packages/sla/scenarios/retail-000/s000-complaint-13-16-every-step-and-role.scenario.json',
    );
    expect(outcome.ok).toBe(true);
    const trace = (outcome as unknown as { decision: { trace: { message: { zh: string; en: string } }[] } })
      .decision.trace;
    expect(trace.length).toBeGreaterThan(3);
    for (const e of trace) expect(e.message.zh, e.message.en).toMatch(CJK);
  });
});
