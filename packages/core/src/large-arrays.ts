import type { z } from 'zod';

/** Arrays (and records) from this many entries on are checked entry by entry before the full parse. */
export const LARGE_COLLECTION = 1000;

/** The first entry of a large array or record that its element schema refuses. */
export interface BadEntry {
  /** schema of the entry */
  schema: z.ZodType;
  /** the refused entry */
  value: unknown;
  /** where it sits inside the parsed value */
  path: (string | number)[];
}

type Def = {
  type?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
};

const defOf = (schema: unknown): Def | undefined => {
  const def = (schema as { _zod?: { def?: unknown } } | null)?._zod?.def;
  return def !== null && typeof def === 'object' ? (def as Def) : undefined;
};

const isSchema = (s: unknown): s is z.ZodType =>
  typeof (s as { safeParse?: unknown } | null)?.safeParse === 'function' && defOf(s) !== undefined;

/**
 * Finds the first entry of a large array (or record) inside `value` that its element schema refuses,
 * checking entries one at a time and stopping at the first bad one. zod reports every bad element of
 * an array (10^5 bad elements take seconds to describe); this pre-pass lets `parseInput` refuse such
 * an input in milliseconds. It follows objects, optional/nullable/default/readonly wrappers, pipes
 * and the elements of small arrays; unions, intersections and lazy schemas are left to zod.
 *
 * @param schema - the schema `value` is about to be parsed with
 * @param value - the untrusted value
 * @returns the first bad entry of a large collection, or `undefined` when there is none (the full
 *   parse then decides)
 * @example
 * firstBadLargeEntry(z.array(z.string()), [...Array(5000).fill('a'), 1]); //=> { path: [5000], value: 1, … }
 */
export function firstBadLargeEntry(schema: z.ZodType, value: unknown): BadEntry | undefined {
  const path: (string | number)[] = [];
  const visit = (s: unknown, v: unknown, depth: number): BadEntry | undefined => {
    const def = defOf(s);
    if (!def || depth > 64 || v === null || typeof v !== 'object') return undefined;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'nonoptional':
      case 'readonly':
        return visit(def.innerType, v, depth + 1);
      case 'pipe':
        return visit(def.in, v, depth + 1);
      case 'object': {
        if (Array.isArray(v) || !def.shape) return undefined;
        for (const key of Object.keys(def.shape)) {
          if (!Object.hasOwn(v, key)) continue;
          path.push(key);
          const bad = visit(def.shape[key], (v as Record<string, unknown>)[key], depth + 1);
          if (bad) return bad;
          path.pop();
        }
        return undefined;
      }
      case 'array': {
        if (!Array.isArray(v) || !isSchema(def.element)) return undefined;
        if (v.length >= LARGE_COLLECTION) {
          for (let i = 0; i < v.length; i++) {
            if (!def.element.safeParse(v[i]).success) {
              return { schema: def.element, value: v[i], path: [...path, i] };
            }
          }
          return undefined;
        }
        for (let i = 0; i < v.length; i++) {
          path.push(i);
          const bad = visit(def.element, v[i], depth + 1);
          if (bad) return bad;
          path.pop();
        }
        return undefined;
      }
      case 'record': {
        if (Array.isArray(v) || !isSchema(def.valueType)) return undefined;
        const keys = Object.keys(v);
        if (keys.length < LARGE_COLLECTION) return undefined;
        for (const key of keys) {
          if (isSchema(def.keyType) && !def.keyType.safeParse(key).success) {
            return { schema: def.keyType, value: key, path: [...path, key] };
          }
          const entry = (v as Record<string, unknown>)[key];
          if (!def.valueType.safeParse(entry).success) {
            return { schema: def.valueType, value: entry, path: [...path, key] };
          }
        }
        return undefined;
      }
      default:
        return undefined;
    }
  };
  return visit(schema, value, 0);
}
