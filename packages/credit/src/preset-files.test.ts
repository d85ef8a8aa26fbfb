import { readdirSync, readFileSync } from 'node:fs';
import { canonicalJson, isZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { creditModules } from './modules.js';
import { policySchemaFiles } from './schema-files.js';

const dir = (d: string) => new URL(`../${d}/`, import.meta.url);
const presetFiles = readdirSync(dir('presets'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort();
const text = (f: string) => readFileSync(new URL(f, dir('presets')), 'utf8');
const files = policySchemaFiles();
const moduleById = new Map<string, (typeof creditModules)[number]>(creditModules.map((m) => [m.id, m]));

/** The value at a JSON pointer, or `undefined`. */
const at = (json: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      json,
    );

describe('the published policy JSON Schemas (regenerate: node --conditions=@zhidu/source --import tsx packages/credit/scripts/schema.ts)', () => {
  it('every shipped schema file is the one generated from its modules, and none is missing or left over', () => {
    const shipped = readdirSync(dir('schema'))
      .filter((f) => f.endsWith('.policy.schema.json'))
      .sort();
    expect(shipped).toEqual([...files.keys()].sort());
    for (const [file, { schema }] of files) {
      expect(JSON.parse(readFileSync(new URL(file, dir('schema')), 'utf8')), file).toEqual(schema);
    }
  });
});

describe('the preset files in presets/', () => {
  it('are pretty-printed JSON (2-space indent, trailing newline), each starting with its $schema', () => {
    expect(presetFiles.length).toBeGreaterThan(0);
    for (const f of presetFiles) {
      const json = JSON.parse(text(f));
      expect(text(f), f).toBe(`${JSON.stringify(json, null, 2)}\n`);
      expect(Object.keys(json)[0], f).toBe('$schema');
    }
  });

  it('name an existing schema file in $schema, and every module of that schema accepts the file', () => {
    for (const f of presetFiles) {
      const json = JSON.parse(text(f));
      const depth = f.split('/').length - 1;
      const prefix = `${'../'.repeat(depth + 1)}schema/`;
      expect(json.$schema.startsWith(prefix), `${f}: ${json.$schema}`).toBe(true);
      const entry = files.get(json.$schema.slice(prefix.length));
      expect(entry, `${f}: ${json.$schema}`).toBeDefined();
      for (const id of entry?.modules ?? []) {
        expect(moduleById.get(id)?.policy(json).id, `${f} under ${id}`).toBe(json.id);
      }
    }
  });

  it('are what the modules serve: each module preset is its file, validated, and each file is served', () => {
    const served = new Set<string>();
    for (const m of creditModules) {
      for (const name of m.presetNames) {
        const f = presetFiles.find((x) => x === `${name}.json` || x === `${m.id.split('.')[1]}/${name}.json`);
        expect(f, `${m.id}/${name}`).toBeDefined();
        served.add(f as string);
        expect(canonicalJson(m.preset(name)), `${m.id}/${name}`).toBe(
          canonicalJson(m.policy(JSON.parse(text(f as string)))),
        );
      }
    }
    expect([...served].sort()).toEqual(presetFiles);
  });

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
    const walk = (v: unknown, pointer: string, cites: Record<string, unknown>, covered: boolean): void => {
      const isObject = v !== null && typeof v === 'object';
      const here =
        covered ||
        pointer in cites ||
        (isObject && !Array.isArray(v) && typeof (v as { rule?: unknown }).rule === 'string');
      if (!isObject) {
        if (!here) unattributed.push(pointer);
        return;
      }
      const entries = Object.entries(v as object);
      if (entries.length === 0 && !here) unattributed.push(pointer);
      for (const [k, x] of entries) walk(x, `${pointer}/${k}`, cites, here);
    };
    for (const f of presetFiles) {
      const json = JSON.parse(text(f));
      walk(json.params, '/params', json.citations ?? {}, false);
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
