import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain Node script without declarations
import { REPEAT_PRESETS, scenarioFile, scenarioFor } from '../scripts/repeat-scenarios.mjs';

describe('start-again-after-completion scenarios (pin every timer repeat switch)', () => {
  it.each(REPEAT_PRESETS as string[])('%s: the committed scenario is what the script writes', (name) => {
    const { file, text } = scenarioFile(name) as { file: string; text: string };
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('every construction-000 timer (each has a stop event) is in the scenario; M31 and M35 restart per round', () => {
    const s = scenarioFor('construction-000') as {
      expected: { result: { $contains: { timerId: string; status?: string; anomalies?: unknown }[] } };
    };
    const rows = s.expected.result.$contains;
    expect(rows.length).toBe(54);
    const restarted = rows.filter((r) => r.status === 'breached').map((r) => r.timerId);
    expect(restarted).toEqual(['M31.contractorReply', 'M35.recalculation']);
    expect(rows.filter((r) => r.anomalies !== undefined)).toHaveLength(52);
  });

  it('property-service-004-restore-from-request (S004-SLA-18, restore timed from the report) has its own file: T3-04.restore is started by the request, and every one of its timers is in it', () => {
    const base = scenarioFor('property-service-004') as {
      input: { events: { type: string; subject: string }[] };
      expected: { result: { $contains: { timerId: string; anomalies?: unknown }[] } };
    };
    const variant = scenarioFor('property-service-004-restore-from-request') as typeof base;
    const startsOf = (s: typeof base): string[] =>
      s.input.events.filter((e) => e.subject === 'again-T3-04.restore').map((e) => e.type);
    expect(startsOf(base)).toEqual(['arrive', 'restore', 'arrive']);
    expect(startsOf(variant)).toEqual(['request', 'restore', 'request']);
    const ids = (s: typeof base): string[] => s.expected.result.$contains.map((r) => r.timerId);
    expect(ids(variant)).toEqual(ids(base));
    expect(variant.expected.result.$contains.every((r) => r.anomalies !== undefined)).toBe(true);
  });
});
