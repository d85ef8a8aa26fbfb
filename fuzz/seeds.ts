// Valid starting points for near-valid inputs: for every registry module, inputs harvested from the
// packages' scenario files — first the `input` of each `*.scenario.json` naming the module (with its
// `context.now`), then any sub-object of any scenario file that the module's own input schema
// accepts, also after keeping only the keys the schema knows — and its presets.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A module as the fuzzer needs it (the registry's `AnyModule`, loosely typed). */
export interface FuzzModule {
  id: string;
  presetNames: readonly string[];
  preset(name: string): unknown;
  schemas: { input: z.ZodType; policy: z.ZodType };
}

/** Valid material for one module. */
export interface ModuleSeed {
  id: string;
  /** Inputs its schema accepts, with the `now` of the scenario they came from. */
  inputs: { input: unknown; now: string; from: string }[];
  /** Its presets as plain JSON. */
  presets: { name: string; policy: unknown }[];
}

const DEFAULT_NOW = '2024-06-01T10:00:00+08:00';
const MAX_INPUTS = 6;

function jsonFiles(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out = out.concat(jsonFiles(p));
    else if (n.endsWith('.json')) out.push(p);
  }
  return out;
}

/** Every object in a JSON value down to `depth`, with the nearest `now` above it. */
function subObjects(value: unknown, now: string, depth: number, out: { v: object; now: string }[]): void {
  if (value === null || typeof value !== 'object' || depth < 0) return;
  const rec = value as Record<string, unknown>;
  let here = now;
  if (!Array.isArray(value)) {
    const n = rec.now ?? (rec.context as Record<string, unknown> | undefined)?.now;
    if (typeof n === 'string') here = n;
    out.push({ v: value, now: here });
  }
  for (const v of Object.values(rec)) subObjects(v, here, depth - 1, out);
}

const STRINGS = [
  '2024-03-01T10:00:00+08:00',
  '2024-03-01',
  '10:00',
  'Asia/Shanghai',
  'c1',
  'A',
  'P1D',
  '2024-03',
  '13800138000',
  'x',
];
const NUMBERS = [1, 0, 100, 100_000, 3, 0.5, 2024, 12];

type Def = { type: string } & Record<string, unknown>;
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } })?._zod?.def;
const ok = (s: unknown, v: unknown): boolean => (s as z.ZodType).safeParse(v).success;
const NONE = Symbol('none');

/**
 * A value the schema accepts, built from its zod definition: for strings and refinements the first
 * of a list of typical values (date, instant, time, zone, id…) that the field accepts. `NONE` when
 * nothing found fits. `k` rotates the choices, so different `k` give different values.
 */
export function synthesize(schema: unknown, k = 0, depth = 0): unknown {
  const def = defOf(schema);
  if (!def || depth > 12) return NONE;
  const first = (cands: readonly unknown[]): unknown => {
    for (let i = 0; i < cands.length; i++) {
      const v = cands[(i + k) % cands.length];
      if (ok(schema, v)) return v;
    }
    return NONE;
  };
  switch (def.type) {
    case 'string':
      return first(STRINGS);
    case 'number':
    case 'int':
      return first(NUMBERS);
    case 'boolean':
      return k % 2 === 0;
    case 'literal':
      return (def.values as unknown[])[0];
    case 'enum': {
      const vals = Object.values(def.entries as Record<string, unknown>);
      return vals[k % vals.length];
    }
    case 'null':
      return null;
    case 'unknown':
    case 'any':
      return 'x';
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return synthesize(def.innerType, k, depth + 1);
    case 'pipe':
      return synthesize(def.in, k, depth + 1);
    case 'lazy':
      return synthesize((def.getter as () => unknown)(), k, depth + 1);
    case 'union': {
      const opts = def.options as unknown[];
      for (let i = 0; i < opts.length; i++) {
        const v = synthesize(opts[(i + k) % opts.length], k, depth + 1);
        if (v !== NONE && ok(schema, v)) return v;
      }
      return NONE;
    }
    case 'array': {
      const el = synthesize(def.element, k, depth + 1);
      const arr =
        el === NONE ? [] : [el, synthesize(def.element, k + 1, depth + 1)].filter((x) => x !== NONE);
      if (ok(schema, arr)) return arr;
      return ok(schema, [el]) ? [el] : ok(schema, []) ? [] : NONE;
    }
    case 'tuple': {
      const items = (def.items as unknown[]).map((i) => synthesize(i, k, depth + 1));
      return items.includes(NONE) ? NONE : items;
    }
    case 'record': {
      const key = synthesize(def.keyType, k, depth + 1);
      const val = synthesize(def.valueType, k, depth + 1);
      if (typeof key === 'string' && val !== NONE && ok(schema, { [key]: val })) return { [key]: val };
      return ok(schema, {}) ? {} : NONE;
    }
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape)) {
        const v = synthesize(field, k, depth + 1);
        if (v !== NONE) out[key] = v;
      }
      return out;
    }
    case 'custom':
      return first([...STRINGS, ...NUMBERS, true, {}, []]);
    default:
      return NONE;
  }
}

/**
 * Harvests seeds for each module from `packages/<pkg>/scenarios/**.json`.
 *
 * @param modules - the registry's modules
 * @param knownKeysAt - core's `knownKeysAt` (the keys a schema declares at a path)
 */
export function harvestSeeds(
  modules: readonly FuzzModule[],
  knownKeysAt: (schema: z.ZodType, path: (string | number)[]) => string[],
): ModuleSeed[] {
  const candidates: { v: object; now: string; from: string }[] = [];
  /** The `input` of each scenario in the one format, by its `module`. */
  const direct = new Map<string, { v: unknown; now: string; from: string }[]>();
  for (const pkg of readdirSync(join(ROOT, 'packages')).sort()) {
    for (const file of jsonFiles(join(ROOT, 'packages', pkg, 'scenarios'))) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      const sc = json as { module?: unknown; input?: unknown; context?: { now?: unknown } } | null;
      if (file.endsWith('.scenario.json') && typeof sc?.module === 'string' && sc.input !== undefined) {
        const now = typeof sc.context?.now === 'string' ? sc.context.now : DEFAULT_NOW;
        const list = direct.get(sc.module) ?? [];
        list.push({ v: sc.input, now, from: file.slice(ROOT.length + 1) });
        direct.set(sc.module, list);
      }
      const found: { v: object; now: string }[] = [];
      subObjects(json, DEFAULT_NOW, 3, found);
      for (const f of found) candidates.push({ ...f, from: file.slice(ROOT.length + 1) });
    }
  }
  return modules.map((m) => {
    const keys = knownKeysAt(m.schemas.input, []);
    const inputs: ModuleSeed['inputs'] = [];
    const seen = new Set<string>();
    const take = (v: unknown, now: string, from: string): void => {
      if (inputs.length >= MAX_INPUTS) return;
      const text = JSON.stringify(v);
      if (seen.has(text)) return;
      if (!m.schemas.input.safeParse(v).success) return;
      seen.add(text);
      inputs.push({ input: JSON.parse(text), now, from });
    };
    for (const c of direct.get(m.id) ?? []) take(c.v, c.now, c.from);
    for (const c of candidates) {
      if (inputs.length >= MAX_INPUTS) break;
      // A quick filter before parsing: the object shares a key with the input schema.
      if (keys.length > 0 && !Object.keys(c.v).some((k) => keys.includes(k))) continue;
      take(c.v, c.now, c.from);
      if (keys.length > 0 && !Array.isArray(c.v)) {
        const projected = Object.fromEntries(Object.entries(c.v).filter(([k]) => keys.includes(k))) as Record<
          string,
          unknown
        >;
        if (Object.keys(projected).length > 0) take(projected, c.now, c.from);
      }
    }
    for (let k = 0; inputs.length < 2 && k < 4; k++) {
      const v = synthesize(m.schemas.input, k);
      if (v !== NONE) take(v, DEFAULT_NOW, 'synthesized from the input schema');
    }
    const presets = m.presetNames.map((name) => ({
      name,
      policy: JSON.parse(JSON.stringify(m.preset(name))) as unknown,
    }));
    if (presets.length === 0) {
      // No preset: a policy built from the policy schema, so its fields can be mutated too.
      const policy = synthesize(m.schemas.policy, 0);
      if (policy !== NONE && ok(m.schemas.policy, policy)) presets.push({ name: '(synthesized)', policy });
    }
    return { id: m.id, inputs, presets };
  });
}
