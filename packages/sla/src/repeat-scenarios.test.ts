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
});
