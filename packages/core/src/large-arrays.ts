import type { z } from 'zod';

/** Arrays (and records) from this many entries on are checked entry by entry before the full parse. */
export const LARGE_COLLECTION = 1000;

/** How many entries of a large collection are sampled before zod parses it. */
const SAMPLES = 64;

/**
 * The first index `fails` holds for, found by sampling {@link SAMPLES} spread positions (the first and
 * last included) and then scanning up to the first failing sample; -1 when no sample fails. A valid
 * collection costs 64 checks, not a second parse; one that is largely bad (the slow case for zod,
 * which describes every bad entry) is caught by a sample with overwhelming likelihood.
 */
function firstFailing(length: number, fails: (i: number) => boolean): number {
  let hit = -1;
  for (let k = 0; k <= SAMPLES && hit < 0; k++) {
    const i = k === SAMPLES ? length - 1 : Math.min(length - 1, Math.floor((k * length) / SAMPLES) + (k % 7));
    if (fails(i)) hit = i;
  }
  if (hit < 0) return -1;
  for (let i = 0; i < hit; i++) if (fails(i)) return i;
  return hit;
}

/** The first entry of a large array or record that its element schema refuses. */
export interface BadEntry {
  /** schema of the entry */
  schema: z.ZodType;
  /** the refused entry */
  value: unknown;
  /** where it sits inside the parsed value */
  path: (string | number)[];
  /**
   * Set when the entry is an array longer than its schema's `.max(n)`: `value` is the whole array,
   * `schema` the array schema, `message` the bound's own message when the schema gives one. Such an
   * array is refused without parsing its entries (10^5 policy timers, file types… take seconds to parse).
   */
  tooLong?: { maximum: number; length: number; message?: string };
}

type Def = {
  type?: string;
  checks?: readonly unknown[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: readonly z.ZodType[];
  discriminator?: string;
  values?: readonly unknown[];
};

const defOf = (schema: unknown): Def | undefined => {
  const def = (schema as { _zod?: { def?: unknown } } | null)?._zod?.def;
  return def !== null && typeof def === 'object' ? (def as Def) : undefined;
};

const isSchema = (s: unknown): s is z.ZodType =>
  typeof (s as { safeParse?: unknown } | null)?.safeParse === 'function' && defOf(s) !== undefined;

/** The `.max(n)` of an array schema, with its custom message when it has one. */
function maxLengthOf(
  def: Def,
): { maximum: number; message?: (length: number) => string | undefined } | undefined {
  let found: { maximum: number; message?: (length: number) => string | undefined } | undefined;
  for (const check of def.checks ?? []) {
    const c = (check as { _zod?: { def?: { check?: unknown; maximum?: unknown; error?: unknown } } })._zod
      ?.def;
    if (c?.check !== 'max_length' || typeof c.maximum !== 'number') continue;
    if (found && found.maximum <= c.maximum) continue;
    const error = c.error;
    found = {
      maximum: c.maximum,
      ...(typeof error === 'function'
        ? {
            message: (length: number) => {
              try {
                const m = error({
                  code: 'too_big',
                  origin: 'array',
                  maximum: c.maximum,
                  inclusive: true,
                  input: length,
                });
                return typeof m === 'string'
                  ? m
                  : ((m as { message?: unknown } | undefined)?.message as string | undefined);
              } catch {
                return undefined;
              }
            },
          }
        : {}),
    };
  }
  return found;
}

/** The schema under optional/nullable/default/readonly wrappers, pipes and lazy schemas. */
function unwrappedSchema(schema: unknown, depth = 0): unknown {
  const def = defOf(schema);
  if (!def || depth > 16) return schema;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
      return unwrappedSchema(def.innerType, depth + 1);
    case 'pipe':
      return unwrappedSchema(def.in, depth + 1);
    case 'lazy': {
      // A recursive schema (the condition language): its getter returns the schema it stands for.
      const inner = (schema as { _zod?: { innerType?: unknown } })._zod?.innerType;
      return inner === undefined ? schema : unwrappedSchema(inner, depth + 1);
    }
    default:
      return schema;
  }
}

const unwrapped = (schema: unknown): Def | undefined => defOf(unwrappedSchema(schema));

/** The literal values an object option accepts at `key` (a discriminator), or undefined. */
function literalsAt(option: unknown, key: string): readonly unknown[] | undefined {
  const shape = unwrapped(option)?.shape;
  const at = shape ? unwrapped(shape[key]) : undefined;
  if (at?.type === 'literal' && Array.isArray(at.values)) return at.values;
  if (at?.type === 'enum') {
    const entries = (at as { entries?: Record<string, unknown> }).entries;
    return entries ? Object.values(entries) : undefined;
  }
  return undefined;
}

/**
 * The option of a union that a value is meant for: the one whose discriminator literal matches, or
 * (no discriminator) the only option of the value's shape. `undefined` when that is not clear — zod
 * then decides.
 */
function unionOptionFor(def: Def, v: object): z.ZodType | undefined {
  const options = (def.options ?? []).filter(isSchema);
  if (def.discriminator !== undefined) {
    const tag = (v as Record<string, unknown>)[def.discriminator];
    const hits = options.filter((o) => literalsAt(o, def.discriminator as string)?.includes(tag));
    return hits.length === 1 ? hits[0] : undefined;
  }
  const shapeOf = (o: z.ZodType): string | undefined => {
    const t = unwrapped(o)?.type;
    return t === 'object' ? 'object' : t === 'array' ? 'array' : undefined;
  };
  const want = Array.isArray(v) ? 'array' : 'object';
  const hits = options.filter((o) => shapeOf(o) === want);
  if (hits.length === 1 || want === 'array') return hits.length === 1 ? hits[0] : undefined;
  // Several object options (the condition language's `{ all }`, `{ any }`, `{ not }` …): the one
  // whose shape has every key the value has, when exactly one does.
  const keys = Object.keys(v);
  const fitting = hits.filter((o) => {
    const shape = unwrapped(o)?.shape;
    return shape !== undefined && keys.length > 0 && keys.every((k) => Object.hasOwn(shape, k));
  });
  return fitting.length === 1 ? fitting[0] : undefined;
}

/**
 * Finds the first bad entry of a large array (or record) inside `value`, by checking a sample of
 * its entries one at a time against the element schema and, when one fails, the entries before it.
 * zod reports every bad element of an array (10^5 bad elements take seconds to describe); this
 * pre-pass lets `parseInput` refuse such an input in milliseconds, and costs a valid collection only
 * the sample. It follows objects, optional/nullable/default/readonly wrappers, pipes, the elements
 * of small arrays, the values of small records, and unions: a discriminated union into the option its discriminator names, any
 * other union into its one option of the value's shape (object or array) when there is exactly one, or
 * else into the one object option whose keys include every key of the value;
 * lazy schemas are followed (to a depth of 64); intersections are left to zod.
 *
 * @param schema - the schema `value` is about to be parsed with
 * @param value - the untrusted value
 * @param budget - the most objects and lists to visit (default: no limit); past it, `undefined`
 * @returns the first bad entry of a large collection whose sample has a bad entry, or `undefined`
 *   (the full parse then decides)
 * @example
 * firstBadLargeEntry(z.array(z.string()), [...Array(5000).fill('a'), 1]); //=> { path: [5000], value: 1, … }
 */
export function firstBadLargeEntry(
  schema: z.ZodType,
  value: unknown,
  budget = Number.POSITIVE_INFINITY,
): BadEntry | undefined {
  const path: (string | number)[] = [];
  // With a budget, the objects visited are counted, and past it nothing more is looked at.
  let visits = 0;
  const visit = (s: unknown, v: unknown, depth: number): BadEntry | undefined => {
    if (depth > 64 || v === null || typeof v !== 'object' || ++visits > budget) return undefined;
    s = unwrappedSchema(s);
    const def = defOf(s);
    if (!def) return undefined;
    switch (def.type) {
      case 'union': {
        const option = unionOptionFor(def, v);
        return option === undefined ? undefined : visit(option, v, depth + 1);
      }
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
        const bound = maxLengthOf(def);
        if (bound && v.length > bound.maximum) {
          const message = bound.message?.(v.length);
          return {
            schema: s as z.ZodType,
            value: v,
            path: [...path],
            tooLong: { maximum: bound.maximum, length: v.length, ...(message ? { message } : {}) },
          };
        }
        if (v.length >= LARGE_COLLECTION) {
          const element = def.element;
          const i = firstFailing(v.length, (j) => !element.safeParse(v[j]).success);
          return i < 0 ? undefined : { schema: element, value: v[i], path: [...path, i] };
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
        if (keys.length < LARGE_COLLECTION) {
          // A small record (a complaint's facts, an event's attributes): its values are visited like the
          // elements of a small array, so a 10^5-element array under one key is found too.
          for (const key of keys) {
            path.push(key);
            const bad = visit(def.valueType, (v as Record<string, unknown>)[key], depth + 1);
            if (bad) return bad;
            path.pop();
          }
          return undefined;
        }
        const { keyType, valueType } = def;
        const badKey = (key: string): boolean => isSchema(keyType) && !keyType.safeParse(key).success;
        const i = firstFailing(
          keys.length,
          (j) =>
            badKey(keys[j] as string) ||
            !valueType.safeParse((v as Record<string, unknown>)[keys[j] as string]).success,
        );
        if (i < 0) return undefined;
        const key = keys[i] as string;
        return badKey(key)
          ? { schema: keyType as z.ZodType, value: key, path: [...path, key] }
          : { schema: valueType, value: (v as Record<string, unknown>)[key], path: [...path, key] };
      }
      default:
        return undefined;
    }
  };
  return visit(schema, value, 0);
}
