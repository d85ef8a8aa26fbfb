import { describeValue, ZhiduError } from './errors.js';
import { canonicalJson } from './module.js';

/** What {@link policySchemaFiles} reads of a module: its id and its policy JSON Schema. */
export interface SchemaSource {
  readonly id: string;
  readonly jsonSchema: { readonly policy: Record<string, unknown> };
}

/** A file base: letters, digits, dots, `_` and `-`, starting with a letter or digit (no path separators). */
const FILE_BASE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The policy JSON Schema files a package ships in `schema/`: one file per distinct policy schema of
 * its modules (compared by `canonicalJson`, so modules sharing one params schema share one file),
 * named `<name>.policy.schema.json`. A schema used by one module is named by that module's id unless
 * `names` gives it a name; a schema shared by several modules must be named in `names` by the id of
 * (exactly one of) the modules using it. Files come in the order of their first module.
 *
 * Refuses, with a `ZhiduError`: `modules` not an array of modules (`invalid_input`), two modules
 * with one id (`duplicate`), a `names` key that is no module's id (`unknown_reference`), a name that
 * is not a plain file base, two names for one schema, a shared schema without a name
 * (`invalid_input`), and two schemas given one file name (`duplicate`).
 *
 * @param modules - the package's modules (anything with an `id` and a `jsonSchema.policy`)
 * @param names - module id → file base (without `.policy.schema.json`) of the schema it uses
 * @returns file name → the JSON Schema and the ids of the modules whose policies it describes
 * @example
 * const a = { id: 'demo.a', jsonSchema: { policy: { type: 'object' } } };
 * const b = { id: 'demo.b', jsonSchema: { policy: { type: 'object' } } };
 * const c = { id: 'demo.c', jsonSchema: { policy: { type: 'string' } } };
 * const files = policySchemaFiles([a, b, c], { 'demo.a': 'demo' });
 * [...files.keys()]; //=> ['demo.policy.schema.json', 'demo.c.policy.schema.json']
 * files.get('demo.policy.schema.json')?.modules; //=> ['demo.a', 'demo.b']
 * policySchemaFiles([a, b]); // throws ZhiduError invalid_input
 */
export function policySchemaFiles(
  modules: readonly SchemaSource[],
  names: Readonly<Record<string, string>> = {},
): Map<string, { schema: Record<string, unknown>; modules: string[] }> {
  if (!Array.isArray(modules))
    throw new ZhiduError(
      'invalid_input',
      ['modules'],
      `模块列表必须是数组，收到 ${describeValue(modules)} / modules must be an array, got ${describeValue(modules)}`,
    );
  if (!isRecord(names))
    throw new ZhiduError(
      'invalid_input',
      ['names'],
      `文件名映射必须是对象，收到 ${describeValue(names)} / names must be an object, got ${describeValue(names)}`,
    );
  const ids = new Set<string>();
  const bySchema = new Map<string, { schema: Record<string, unknown>; modules: string[] }>();
  modules.forEach((m: unknown, i) => {
    if (!isRecord(m) || typeof m.id !== 'string' || m.id === '')
      throw new ZhiduError(
        'invalid_input',
        ['modules', i, 'id'],
        `模块必须有非空的 id / a module must have a non-empty id, got ${describeValue(isRecord(m) ? m.id : m)}`,
      );
    const policy = isRecord(m.jsonSchema) ? m.jsonSchema.policy : undefined;
    if (!isRecord(policy))
      throw new ZhiduError(
        'invalid_input',
        ['modules', i, 'jsonSchema', 'policy'],
        `模块 ${m.id} 没有保单 JSON Schema 对象 / module ${m.id} has no policy JSON Schema object`,
      );
    if (ids.has(m.id))
      throw new ZhiduError(
        'duplicate',
        ['modules', i, 'id'],
        `模块 id ${m.id} 重复 / module id ${m.id} appears twice`,
      );
    ids.add(m.id);
    const key = canonicalJson(policy);
    const entry = bySchema.get(key) ?? { schema: policy, modules: [] };
    entry.modules.push(m.id);
    bySchema.set(key, entry);
  });
  for (const [id, base] of Object.entries(names)) {
    if (!ids.has(id))
      throw new ZhiduError(
        'unknown_reference',
        ['names', id],
        `没有 id 为 ${id} 的模块 / no module has the id ${id}`,
      );
    if (typeof base !== 'string' || !FILE_BASE.test(base))
      throw new ZhiduError(
        'invalid_input',
        ['names', id],
        `文件名须由字母、数字、. _ - 组成，收到 ${describeValue(base)} / a file name is letters, digits, . _ -, got ${describeValue(base)}`,
      );
  }
  const files = new Map<string, { schema: Record<string, unknown>; modules: string[] }>();
  for (const entry of bySchema.values()) {
    const named = entry.modules.filter((id) => Object.hasOwn(names, id));
    const given = [...new Set(named.map((id) => names[id] as string))];
    if (given.length > 1)
      throw new ZhiduError(
        'invalid_input',
        ['names', named[1] as string],
        `模块 ${entry.modules.join(', ')} 共用一个 schema，却有多个文件名 ${given.join(', ')} / modules ${entry.modules.join(', ')} share one schema but are given the file names ${given.join(', ')}`,
      );
    const name = given[0] ?? (entry.modules.length === 1 ? entry.modules[0] : undefined);
    if (name === undefined)
      throw new ZhiduError(
        'invalid_input',
        ['names'],
        `模块 ${entry.modules.join(', ')} 共用的 schema 没有文件名 / no file name for the schema shared by ${entry.modules.join(', ')}`,
      );
    const file = `${name}.policy.schema.json`;
    if (files.has(file))
      throw new ZhiduError(
        'duplicate',
        ['names'],
        `两个不同的 schema 都叫 ${file} / two different schemas are both named ${file}`,
      );
    files.set(file, entry);
  }
  return files;
}
