import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { runScenario, servicePresets } from './scenario.js';

const root = fileURLToPath(new URL('../scenarios', import.meta.url));
const files = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(root, d.name)).map((f) => join(d.name, f)))
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('scenario files', () => {
  it('ship at least one scenario for every preset', () => {
    const dirs = new Set(files.map((f) => f.split(/[\\/]/)[0]));
    expect([...Object.keys(servicePresets)].filter((id) => !dirs.has(id))).toEqual([]);
  });

  it.each(files)('%s', (file) => {
    const scenario = JSON.parse(readFileSync(join(root, file), 'utf8')) as {
      rules: string[];
      expected: unknown;
      preset: string;
    };
    expect(file.startsWith(scenario.preset)).toBe(true);
    const d = runScenario(scenario);
    if (typeof scenario.expected === 'object' && scenario.expected !== null)
      expect(d.value).toMatchObject(scenario.expected);
    else expect(d.value).toEqual(scenario.expected);
    expect(d.trace.some((t) => scenario.rules.includes(t.rule))).toBe(true);
  });

  it('refuses an unknown preset or operation', () => {
    const base = {
      name: 'x',
      rules: ['S000-RECEPTION-01'],
      preset: 's000.reception',
      op: 'planReception',
      input: { class: 'A', guests: 1 },
      expected: {},
    };
    expect(() => runScenario({ ...base, preset: 'nope' })).toThrow(ZhiduError);
    expect(() => runScenario({ ...base, op: 'nope' })).toThrow(ZhiduError);
    expect(() => runScenario({ ...base, input: [] })).toThrow(ZhiduError);
  });
});
