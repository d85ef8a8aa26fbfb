import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSlaScenario, SLA_PRESETS } from './index.js';

const root = join(import.meta.dirname, '..', 'scenarios');
const files = readdirSync(root).flatMap((dir) => readdirSync(join(root, dir)).map((f) => join(dir, f)));

describe('scenario files', () => {
  it('ship at least one scenario for every preset', () => {
    expect(new Set(files.map((f) => f.split(/[\\/]/)[0]))).toEqual(new Set(Object.keys(SLA_PRESETS)));
  });

  it.each(
    files.map(
      (f) =>
        [f, JSON.parse(readFileSync(join(root, f), 'utf8')) as { rules: string[]; preset: string }] as const,
    ),
  )('%s', (file, scenario) => {
    expect(file.startsWith(scenario.preset)).toBe(true);
    const result = runSlaScenario(scenario);
    expect(result.failures).toEqual([]);
  });

  it('refuses a scenario naming an unknown preset', () => {
    expect(() =>
      runSlaScenario({
        name: 'x',
        rules: ['S004-SLA-00'],
        preset: 'nope',
        kind: 'intake',
        record: {},
        expected: { missing: [] },
      }),
    ).toThrow(expect.objectContaining({ code: 'unknown_reference' }));
  });
});
