import { isZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { describePresetFiles, unattributedParameters } from '../../core/test/preset-files.js';
import { creditModules } from './modules.js';
import { policySchemaFiles } from './schema-files.js';

const { presetFiles, text } = describePresetFiles(
  'credit',
  new URL('../', import.meta.url),
  creditModules,
  policySchemaFiles(),
);

/** The value at a JSON pointer, or `undefined`. */
const at = (json: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      json,
    );

describe('the preset files in presets/', () => {
  it('cite existing values only: every citation pointer names a value of the file', () => {
    for (const f of presetFiles) {
      const json = JSON.parse(text(f));
      for (const pointer of Object.keys(json.citations ?? {})) {
        expect(at(json, pointer), `${f} ${pointer}`).toBeDefined();
      }
    }
  });

  it('attribute every parameter to a catalog rule: a citation at or above it, or an enclosing object with a rule', () => {
    const unattributed: string[] = [];
    for (const f of presetFiles) {
      const json = JSON.parse(text(f));
      unattributed.push(...unattributedParameters(json));
      for (const c of Object.values<{ rule: string }>(json.citations ?? {})) {
        expect(c.rule, f).toMatch(/^(S\d{3}B?-[A-Z]+-\d{2}|zhidu\.example)$/);
      }
    }
    expect(unattributed).toEqual([]);
  });

  it('a preset file with a wrong value is refused with a ZhiduError naming the field', () => {
    const [f] = presetFiles;
    const json = JSON.parse(text(f as string));
    const m = creditModules.find((x) =>
      x.presetNames.includes(
        (f as string)
          .replace(/\.json$/, '')
          .split('/')
          .pop() as string,
      ),
    );
    let caught: unknown;
    try {
      m?.policy({ ...json, version: 7 });
    } catch (e) {
      caught = e;
    }
    expect(isZhiduError(caught) ? `${caught.code} ${caught.path.join('.')}` : caught).toBe(
      'invalid_input policy.version',
    );
  });
});
