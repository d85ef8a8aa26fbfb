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
