import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/module.js';

/** What the checks read of a module: its id, its policy validator and its presets. */
interface PresetModule {
  readonly id: string;
  policy(json: unknown): { readonly id: string };
  readonly presetNames: readonly string[];
  preset(name: string): unknown;
}

/** A package's preset files under `presets/` (relative paths, sorted) and a reader of their text. */
export interface PresetFiles {
  /** The `.json` files under `presets/`, relative to it (`dealer.json`, `conference/expo.json`), sorted. */
  readonly presetFiles: string[];
  /** The text of one preset file. */
  readonly text: (file: string) => string;
}

/** The preset files of the package at `packageDir` (a URL ending in `/`). */
export function presetFilesOf(packageDir: URL): PresetFiles {
  const presets = new URL('presets/', packageDir);
  return {
    presetFiles: readdirSync(presets, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .sort(),
    text: (f: string) => readFileSync(new URL(f, presets), 'utf8'),
  };
}

/**
 * The checks every package shipping preset JSON files repeats: the shipped schema files in `schema/`
 * are the ones generated from its modules (none missing or left over); every preset file is
 * pretty-printed and starts with its `$schema`; that `$schema` names an existing schema file whose
 * modules all accept the file; and the files are exactly the presets the modules serve (a module's
 * preset `name` is `presets/<name>.json` or `presets/<second part of the module id>/<name>.json`).
 *
 * @param pkg - the package directory name (`attribution`), for the test titles
 * @param packageDir - the package's directory, as a URL ending in `/`
 * @param modules - the package's modules
 * @param schemaFiles - the package's `policySchemaFiles(...)`: file name → schema and module ids
 * @returns the preset files and a reader, for the package's own tests
 */
export function describePresetFiles(
  pkg: string,
  packageDir: URL,
  modules: readonly PresetModule[],
  schemaFiles: Map<string, { schema: Record<string, unknown>; modules: string[] }>,
): PresetFiles {
  const schemaDir = new URL('schema/', packageDir);
  const found = presetFilesOf(packageDir);
  const { presetFiles, text } = found;
  const moduleById = new Map(modules.map((m) => [m.id, m]));

  describe(`the published policy JSON Schemas (regenerate: node --conditions=@zhidu/source --import tsx packages/${pkg}/scripts/schema.ts)`, () => {
    it('every shipped schema file is the one generated from its modules, and none is missing or left over', () => {
      const shipped = readdirSync(schemaDir)
        .filter((f) => f.endsWith('.policy.schema.json'))
        .sort();
      expect(shipped).toEqual([...schemaFiles.keys()].sort());
      for (const [file, { schema }] of schemaFiles) {
        expect(JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8')), file).toEqual(schema);
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
        const entry = schemaFiles.get(json.$schema.slice(prefix.length));
        expect(entry, `${f}: ${json.$schema}`).toBeDefined();
        for (const id of entry?.modules ?? []) {
          expect(moduleById.get(id)?.policy(json).id, `${f} under ${id}`).toBe(json.id);
        }
      }
    });

    it('are what the modules serve: each module preset is its file, validated, and each file is served', () => {
      const served = new Set<string>();
      for (const m of modules) {
        for (const name of m.presetNames) {
          const f = presetFiles.find(
            (x) => x === `${name}.json` || x === `${m.id.split('.')[1]}/${name}.json`,
          );
          expect(f, `${m.id}/${name}`).toBeDefined();
          served.add(f as string);
          expect(canonicalJson(m.preset(name)), `${m.id}/${name}`).toBe(
            canonicalJson(m.policy(JSON.parse(text(f as string)))),
          );
        }
      }
      expect([...served].sort()).toEqual(presetFiles);
    });
  });

  return found;
}

/**
 * The parameters of a preset's `params` that nothing attributes to a catalog rule: leaves (and empty
 * lists or objects) with no citation at or above them and no enclosing object carrying its own `rule`.
 */
export function unattributedParameters(json: {
  params: unknown;
  citations?: Record<string, unknown>;
}): string[] {
  const cites = json.citations ?? {};
  const open: string[] = [];
  const walk = (v: unknown, pointer: string, covered: boolean): void => {
    const isObject = v !== null && typeof v === 'object';
    const here =
      covered ||
      pointer in cites ||
      (isObject && !Array.isArray(v) && typeof (v as { rule?: unknown }).rule === 'string');
    if (!isObject) {
      if (!here) open.push(pointer);
      return;
    }
    const entries = Object.entries(v as object);
    if (entries.length === 0 && !here) open.push(pointer);
    for (const [k, x] of entries) walk(x, `${pointer}/${k}`, here);
  };
  walk(json.params, '/params', false);
  return open;
}
