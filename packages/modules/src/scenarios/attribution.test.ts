import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findScenarioFiles, getModule, readScenarioFile } from '../index.js';
import { describeScenarios } from '../vitest.js';

// Every scenario of @zhidu/attribution (packages/attribution/scenarios/<preset>/*.scenario.json).
const dir = new URL('../../../attribution/scenarios', import.meta.url);
describeScenarios(dir);

/** Scenario directories are named after the 0.x preset constants; the modules name presets in kebab case. */
const kebab = (name: string): string => name.replace(/([a-z])([A-Z0-9])/g, '$1-$2').toLowerCase();

describe('attribution scenario files', () => {
  const root = fileURLToPath(dir);

  it("each file lies in its preset's directory and uses an attribution module", () => {
    const wrong = findScenarioFiles([root]).filter((f) => {
      const s = readScenarioFile(f) as { preset?: string; module?: string };
      const parent = f.split(/[\\/]/).at(-2) ?? '';
      return s.preset !== kebab(parent) || !getModule(String(s.module)).id.startsWith('attribution.');
    });
    expect(wrong).toEqual([]);
  });

  it('cover the sales-office, dealer-registration, conference-marketing, customer-management, rotation and the three fictitious office presets', () => {
    const dirs = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => kebab(d.name));
    expect(dirs.sort()).toEqual([
      'conference-marketing-001',
      'customer-management-000b',
      'dealer-registration-000b',
      'example-beichen-property',
      'example-haiancheng-marketing-center',
      'example-lanting-realty',
      'rotation-001',
      'sales-office-001',
    ]);
  });
});
