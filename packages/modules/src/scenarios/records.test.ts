// The records PII guard: no error, trace entry or violation of these runs may hold a phone, ID-card or
// bank number in clear (the scenario inputs carry some).

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runScenario } from '@zhidu/core';
import { recordsPresets } from '@zhidu/records';
import { describe, expect, it } from 'vitest';
import { leaks, observed } from '../../../records/test/pii-guard.js';
import { findScenarioFiles, getModule, readScenarioFile, scenarioResolver } from '../index.js';
import { describeScenarios } from '../vitest.js';

// Every scenario of @zhidu/records (packages/records/scenarios/<preset>/*.scenario.json), one test each.
const dir = new URL('../../../records/scenarios', import.meta.url);
describeScenarios(dir);

/** Directories carry the preset constants' names (`dealerFiles`); the modules name presets in kebab case. */
const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('records scenario files', () => {
  const root = fileURLToPath(dir);

  it('cover every preset', () => {
    const dirs = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(dirs.sort()).toEqual(Object.keys(recordsPresets).sort());
  });

  it("each file lies in its preset's directory and uses a records module", () => {
    const wrong = findScenarioFiles([root]).filter((f) => {
      const s = readScenarioFile(f) as { preset?: string; module?: string };
      return (
        s.preset !== kebab(f.split(/[\\/]/).at(-2) ?? '') ||
        !getModule(String(s.module)).id.startsWith('records.')
      );
    });
    expect(wrong).toEqual([]);
  });

  it('S000-ARCHIVE-07: refuses a scenario naming an unknown preset (unknown_reference at preset)', () => {
    expect(() =>
      runScenario(
        {
          name: 'x',
          rules: ['S000-ARCHIVE-07'],
          module: 'records.access',
          preset: 'nope',
          context: { now: '2024-01-01T00:00:00Z' },
          input: {},
          expected: { result: {} },
        },
        scenarioResolver(),
      ),
    ).toThrow(expect.objectContaining({ code: 'unknown_reference', path: ['preset'] }));
  });

  // Declared after the scenario tests, so it runs after them.
  it('the PII guard saw the scenario runs (trace entries and violations) and found no number in clear', () => {
    const seen = observed();
    expect(seen.entries).toBeGreaterThan(14);
    expect(seen.violations).toBeGreaterThan(0);
    expect(leaks()).toEqual([]);
  });
});
