/**
 * The policy JSON Schemas shipped in `schema/`: one file per distinct policy schema of the package's
 * modules (modules sharing one params schema share one file). `scripts/schema.ts` writes them; a test
 * fails when a shipped file is stale.
 */
import { canonicalJson } from '@zhidu/core';
import { attributionModules } from './modules.js';

/** The file name of a schema shared by several modules, by the first module using it. */
const SHARED_NAMES: Record<string, string> = {
  'attribution.ownership': 'sales-office',
  'attribution.joint-event': 'conference',
};

/**
 * The policy schema files, by file name (`<name>.policy.schema.json`), with the modules using each.
 *
 * @returns file name → the JSON Schema and the ids of the modules whose policies it describes
 */
export function policySchemaFiles(): Map<string, { schema: Record<string, unknown>; modules: string[] }> {
  const bySchema = new Map<string, { schema: Record<string, unknown>; modules: string[] }>();
  for (const m of attributionModules) {
    const key = canonicalJson(m.jsonSchema.policy);
    const entry = bySchema.get(key) ?? { schema: m.jsonSchema.policy, modules: [] };
    entry.modules.push(m.id);
    bySchema.set(key, entry);
  }
  const files = new Map<string, { schema: Record<string, unknown>; modules: string[] }>();
  for (const entry of bySchema.values()) {
    const first = entry.modules[0] as string;
    const name = SHARED_NAMES[first] ?? (entry.modules.length === 1 ? first : undefined);
    if (name === undefined)
      throw new Error(`no file name for the schema shared by ${entry.modules.join(', ')}`);
    files.set(`${name}.policy.schema.json`, entry);
  }
  return files;
}
