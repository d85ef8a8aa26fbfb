import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findScenarioFiles, getModule, readScenarioFile } from '../index.js';
import { describeScenarios } from '../vitest.js';

// Every scenario of @zhidu/credit (packages/credit/scenarios/<regulation>/*.scenario.json), one test each.
// Every rule id a file lists must appear in the decision's trace (expected.trace), as the old runner required.
const dir = new URL('../../../credit/scenarios', import.meta.url);
describeScenarios(dir);

/** Each scenario directory evaluates with the preset of its regulation. */
const presetOf: Record<string, string> = {
  'credit-grades': 'credit-grades-001',
  'customer-tiers': 'customer-tiers-001',
  'distributor-credit-line': 'distributor-000',
  'partner-grading': 'partner-grading-000',
};
/** The directories of a company's own credit rules: one per capability, each using the companies' presets. */
const COMPANY_PRESETS = ['example-jinma-auto-group', 'example-qingshan-building-materials'];
const companyDirs: Record<string, string[]> = {
  'bad-debt-shares': COMPANY_PRESETS,
  'debt-ageing': COMPANY_PRESETS,
  'grade-scale': COMPANY_PRESETS,
  'limit-formula': ['example-qingshan-building-materials'],
};

describe('credit scenario files', () => {
  const root = fileURLToPath(dir);
  const files = findScenarioFiles([root]);

  it('cover every preset of the credit modules, one directory per regulation', () => {
    const dirs = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(dirs.sort()).toEqual([...Object.keys(presetOf), ...Object.keys(companyDirs)].sort());
    const presets = new Set(
      ['credit.shipment', 'credit.sale', 'credit.tier-grading', 'credit.partner-screening'].flatMap(
        (id) => getModule(id).presetNames,
      ),
    );
    expect(presets).toEqual(new Set(Object.values(presetOf)));
    expect([...getModule('credit.grade-scale').presetNames].sort()).toEqual(COMPANY_PRESETS);
  });

  it("each file uses a credit module with its directory's preset and requires every listed rule in the trace", () => {
    const wrong = files.filter((f) => {
      const s = readScenarioFile(f) as {
        preset?: string;
        module?: string;
        rules?: string[];
        expected?: { trace?: string[] };
      };
      const parent = f.split(/[\\/]/).at(-2) ?? '';
      return (
        (parent in companyDirs
          ? !companyDirs[parent]?.includes(String(s.preset))
          : s.preset !== presetOf[parent]) ||
        !getModule(String(s.module)).id.startsWith('credit.') ||
        JSON.stringify(s.expected?.trace) !== JSON.stringify(s.rules)
      );
    });
    expect(files.length).toBeGreaterThanOrEqual(Object.keys(presetOf).length);
    expect(wrong).toEqual([]);
  });
});
