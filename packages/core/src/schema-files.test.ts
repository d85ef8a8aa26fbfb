import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isZhiduError } from './errors.js';
import { policySchemaFiles } from './schema-files.js';

const mod = (id: string, policy: Record<string, unknown>) => ({ id, jsonSchema: { policy } });
const OBJ = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } } };
/** The same schema with its keys in another order: canonically equal. */
const OBJ_REORDERED = { properties: { b: { type: 'number' }, a: { type: 'string' } }, type: 'object' };
const STR = { type: 'string' };

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isZhiduError(e) ? `${e.code} ${e.path.join('.')}` : `not a ZhiduError: ${String(e)}`;
  }
  return 'accepted';
}

describe('policySchemaFiles', () => {
  it('groups modules by canonical schema: shared schemas take their given name, single ones the module id', () => {
    const files = policySchemaFiles([mod('p.a', OBJ), mod('p.c', STR), mod('p.b', OBJ_REORDERED)], {
      'p.b': 'shared',
    });
    expect([...files.keys()]).toEqual(['shared.policy.schema.json', 'p.c.policy.schema.json']);
    expect(files.get('shared.policy.schema.json')).toEqual({ schema: OBJ, modules: ['p.a', 'p.b'] });
    expect(files.get('p.c.policy.schema.json')).toEqual({ schema: STR, modules: ['p.c'] });
  });

  it('a name given to a single-module schema replaces the module id; no modules give no files', () => {
    expect([...policySchemaFiles([mod('p.a', OBJ)], { 'p.a': 'alpha' }).keys()]).toEqual([
      'alpha.policy.schema.json',
    ]);
    expect(policySchemaFiles([]).size).toBe(0);
  });

  it('refuses bad arguments with a ZhiduError naming the field', () => {
    expect(refusal(() => policySchemaFiles(null as never))).toBe('invalid_input modules');
    expect(refusal(() => policySchemaFiles([], [] as never))).toBe('invalid_input names');
    expect(refusal(() => policySchemaFiles([null as never]))).toBe('invalid_input modules.0.id');
    expect(refusal(() => policySchemaFiles([mod('', OBJ)]))).toBe('invalid_input modules.0.id');
    expect(refusal(() => policySchemaFiles([{ id: 'p.a' } as never]))).toBe(
      'invalid_input modules.0.jsonSchema.policy',
    );
    expect(refusal(() => policySchemaFiles([mod('p.a', OBJ), mod('p.a', STR)]))).toBe(
      'duplicate modules.1.id',
    );
    expect(refusal(() => policySchemaFiles([mod('p.a', OBJ)], { 'p.x': 'x' }))).toBe(
      'unknown_reference names.p.x',
    );
    expect(refusal(() => policySchemaFiles([mod('p.a', OBJ)], { 'p.a': '../up' }))).toBe(
      'invalid_input names.p.a',
    );
    expect(refusal(() => policySchemaFiles([mod('p.a', OBJ)], { 'p.a': 3 as never }))).toBe(
      'invalid_input names.p.a',
    );
  });

  it('refuses a shared schema without a name, one with two names, and two schemas with one file name', () => {
    expect(refusal(() => policySchemaFiles([mod('p.a', OBJ), mod('p.b', OBJ)]))).toBe('invalid_input names');
    expect(
      refusal(() => policySchemaFiles([mod('p.a', OBJ), mod('p.b', OBJ)], { 'p.a': 'one', 'p.b': 'two' })),
    ).toBe('invalid_input names.p.b');
    expect(
      refusal(() => policySchemaFiles([mod('p.a', OBJ), mod('p.b', STR)], { 'p.a': 'same', 'p.b': 'same' })),
    ).toBe('duplicate names');
    expect(refusal(() => policySchemaFiles([mod('p.a', OBJ), mod('x', STR)], { 'p.a': 'x' }))).toBe(
      'duplicate names',
    );
    try {
      policySchemaFiles([mod('p.a', OBJ), mod('p.b', OBJ)]);
    } catch (e) {
      expect(String((e as Error).message)).toContain(' / no file name for the schema shared by p.a, p.b');
    }
  });

  it('every module lands in exactly one file, and files hold distinct schemas (property)', () => {
    const schemas = [OBJ, OBJ_REORDERED, STR, { type: 'number' }];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 8 }), (picks) => {
        const modules = picks.map((p, i) => mod(`m${i}`, schemas[p] as Record<string, unknown>));
        // name every group by its first module, as a package does
        const names: Record<string, string> = {};
        const seen = new Set<number>();
        picks.forEach((p, i) => {
          const g = p === 1 ? 0 : p;
          if (!seen.has(g)) names[`m${i}`] = `g${g}`;
          seen.add(g);
        });
        const files = policySchemaFiles(modules, names);
        const all = [...files.values()].flatMap((f) => f.modules).sort();
        expect(all).toEqual(modules.map((m) => m.id).sort());
        expect(files.size).toBe(seen.size);
      }),
      { seed: 20261204, numRuns: 100 },
    );
  });
});
