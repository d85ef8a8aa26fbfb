import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runScenario } from '@zhidu/core';
import { servicePresets } from '@zhidu/service';
import { describe, expect, it } from 'vitest';
import { findScenarioFiles, getModule, readScenarioFile, scenarioResolver } from '../index.js';
import { describeScenarios } from '../vitest.js';

// Every scenario of @zhidu/service (packages/service/scenarios/<preset id>/*.scenario.json), one test each.
const dir = new URL('../../../service/scenarios', import.meta.url);
describeScenarios(dir);

/** Directories carry the preset ids (`s000b.propertyRevisit`); the modules name presets in kebab case. */
const kebab = (id: string): string => id.replace(/\./g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('service scenario files', () => {
  const root = fileURLToPath(dir);

  it('ship a scenario directory for every preset, and only for presets', () => {
    const dirs = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(new Set(dirs)).toEqual(new Set(Object.keys(servicePresets)));
  });

  it("each file lies in its preset's directory and uses a service module", () => {
    const files = findScenarioFiles([root]);
    const wrong = files.filter((f) => {
      const s = readScenarioFile(f) as { preset?: string; module?: string };
      return (
        s.preset !== kebab(f.split(/[\\/]/).at(-2) ?? '') ||
        !getModule(String(s.module)).id.startsWith('service.')
      );
    });
    expect(files.length).toBeGreaterThanOrEqual(Object.keys(servicePresets).length);
    expect(wrong).toEqual([]);
  });

  const base = {
    name: 'Class A reception for one guest',
    rules: ['S000-RECEPTION-01'],
    module: 'service.reception',
    preset: 's000-reception',
    context: { now: '2024-03-05T12:00:00+08:00' },
    input: { op: 'planReception', request: { class: 'A', guests: 1 } },
    expected: { result: { class: 'A' } },
  };

  it('S000-RECEPTION-01: the base scenario of the refusal checks below passes', () => {
    const o = runScenario(base, scenarioResolver());
    expect([o.ok, o.mismatches]).toEqual([true, []]);
  });

  it('S000-RECEPTION-01: refuses a scenario naming an unknown preset (unknown_reference at preset)', () => {
    expect(() => runScenario({ ...base, preset: 'nope' }, scenarioResolver())).toThrow(
      expect.objectContaining({ code: 'unknown_reference', path: ['preset'] }),
    );
  });

  it('S000-RECEPTION-01: refuses a scenario naming an unknown module (unknown_reference at module)', () => {
    expect(() => runScenario({ ...base, module: 'service.nope' }, scenarioResolver())).toThrow(
      expect.objectContaining({ code: 'unknown_reference', path: ['module'] }),
    );
  });

  it('S000-RECEPTION-01: an input that is not the module input fails the scenario with the refusal, and an expected refusal holds', () => {
    const failed = runScenario({ ...base, input: [] }, scenarioResolver());
    expect([failed.ok, failed.error?.code]).toEqual([false, 'invalid_input']);
    const refused = runScenario(
      {
        ...base,
        input: { op: 'planReception', request: { class: 'E', guests: 1 } },
        expected: { error: { code: 'invalid_input', path: ['input', 'request', 'class'] } },
      },
      scenarioResolver(),
    );
    expect([refused.ok, refused.error?.path]).toEqual([true, ['input', 'request', 'class']]);
  });
});
