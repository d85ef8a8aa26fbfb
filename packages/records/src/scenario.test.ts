import '../test/pii-guard.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordsPresets } from './presets/index.js';
import { runScenario, ScenarioSchema } from './scenario.js';

const root = fileURLToPath(new URL('../scenarios', import.meta.url));
const dirs = readdirSync(root);

describe('scenario files', () => {
  it('has scenarios for every preset', () => {
    expect([...dirs].sort()).toEqual(Object.keys(recordsPresets).sort());
  });

  for (const dir of dirs) {
    for (const file of readdirSync(join(root, dir))) {
      const raw: unknown = JSON.parse(readFileSync(join(root, dir, file), 'utf8'));
      const s = ScenarioSchema.parse(raw);
      it(`${dir}/${file}: ${s.name} (${s.rules.join(', ')})`, () => {
        expect(s.preset).toBe(dir);
        expect(runScenario(raw)).toMatchObject(s.expected);
      });
    }
  }

  it('refuses a scenario naming an unknown preset', () => {
    expect(() =>
      runScenario({
        name: 'x',
        rules: ['S000-ARCHIVE-07'],
        preset: 'nope',
        check: 'access',
        now: '2024-01-01T00:00:00Z',
        input: {},
        expected: {},
      }),
    ).toThrowError(expect.objectContaining({ code: 'unknown_reference' }));
  });
});
