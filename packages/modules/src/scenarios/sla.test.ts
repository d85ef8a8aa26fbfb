import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runScenario } from '@zhidu/core';
import { SLA_PRESETS } from '@zhidu/sla';
import { describe, expect, it } from 'vitest';
import { findScenarioFiles, getModule, readScenarioFile, scenarioResolver } from '../index.js';
import { describeScenarios } from '../vitest.js';

// Every scenario of @zhidu/sla (packages/sla/scenarios/<preset>/*.scenario.json), one test each.
const dir = new URL('../../../sla/scenarios', import.meta.url);
describeScenarios(dir);

describe('sla scenario files', () => {
  const root = fileURLToPath(dir);
  const files = findScenarioFiles([root]);

  it('ship at least one scenario directory for every preset, and only for presets', () => {
    const dirs = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(new Set(dirs)).toEqual(new Set(Object.keys(SLA_PRESETS)));
  });

  it("each file lies in its preset's directory and uses an sla module", () => {
    const wrong = files.filter((f) => {
      const s = readScenarioFile(f) as { preset?: string; module?: string };
      const parent = f.split(/[\\/]/).at(-2);
      return s.preset !== parent || !getModule(String(s.module)).id.startsWith('sla.');
    });
    expect(wrong).toEqual([]);
  });

  const retail = (expected: unknown, events?: unknown[]) => ({
    name: 'retail close',
    rules: ['S000-COMPLAINT-17'],
    module: 'sla.timers',
    preset: 'retail-000',
    context: { now: '2024-04-20T00:00:00+08:00' },
    input: {
      events: events ?? [
        { type: 'received', subject: 'r-5', at: '2024-03-01T10:00+08:00' },
        { type: 'closed', subject: 'r-5', at: '2024-03-10T09:00+08:00' },
      ],
    },
    expected,
  });

  it('S000-COMPLAINT-17: an expected refusal holds (events out of order → out_of_order at input.events[1].at)', () => {
    const events = [
      { type: 'closed', subject: 'r-5', at: '2024-03-10T09:00+08:00' },
      { type: 'received', subject: 'r-5', at: '2024-03-01T10:00+08:00' },
    ];
    const o = runScenario(
      retail({ error: { code: 'out_of_order', path: ['input', 'events', 1, 'at'] } }, events),
      scenarioResolver(),
    );
    expect([o.ok, o.error?.code, o.error?.path]).toEqual([
      true,
      'out_of_order',
      ['input', 'events', 1, 'at'],
    ]);
  });

  it('S000-COMPLAINT-17: a wrong expectation fails with the path of the timer field', () => {
    const o = runScenario(
      retail({ result: { $contains: [{ timerId: 'close7d', subject: 'r-5', lateness: { units: 1 } }] } }),
      scenarioResolver(),
    );
    expect(o.ok).toBe(false);
    expect(o.mismatches.map((m) => m.path)).toEqual([['result', '$contains', 0]]);
  });

  it("refuses the old format's field names in expected (latenessUnits → unknown_key, did you mean lateness)", () => {
    expect(() =>
      runScenario(
        retail({ result: { $contains: [{ timerId: 'close7d', latenessUnits: 2 }] } }),
        scenarioResolver(),
      ),
    ).toThrow(expect.objectContaining({ code: 'unknown_key' }));
  });

  it('refuses a scenario naming an unknown preset (unknown_reference at preset)', () => {
    expect(() =>
      runScenario(
        {
          name: 'x',
          rules: ['S004-SLA-00'],
          module: 'sla.intake',
          preset: 'nope',
          context: { now: '2024-01-01T00:00:00+08:00' },
          input: { record: {} },
          expected: { result: { missing: [] } },
        },
        scenarioResolver(),
      ),
    ).toThrow(expect.objectContaining({ code: 'unknown_reference', path: ['preset'] }));
  });
});
