import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PRESETS } from '@zhidu/penalty';
import { describe, expect, it } from 'vitest';
import { findScenarioFiles, readScenarioFile } from '../index.js';
import { describeScenarios } from '../vitest.js';

// Every scenario of @zhidu/penalty (packages/penalty/scenarios/<preset>/*.scenario.json): the
// penalty.ledger prices violations against one fine schedule (penalty.exchange-membership reads the
// exchange-member schedule's tier boundary and inactivity months).
const dir = new URL('../../../penalty/scenarios', import.meta.url);
describeScenarios(dir);

/** Directories carry the preset constants' names (`dealerFile`); the module names presets in kebab case. */
const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('penalty scenario files', () => {
  const root = fileURLToPath(dir);

  it('cover every preset', () => {
    const dirs = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(new Set(dirs)).toEqual(new Set(Object.keys(PRESETS)));
  });

  it("each file lies in its preset's directory and uses a penalty module", () => {
    const wrong = findScenarioFiles([root]).filter((f) => {
      const s = readScenarioFile(f) as { preset?: string; module?: string };
      return !String(s.module).startsWith('penalty.') || s.preset !== kebab(f.split(/[\\/]/).at(-2) ?? '');
    });
    expect(wrong).toEqual([]);
  });
});
