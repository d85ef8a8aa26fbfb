import type { z } from 'zod';

/** Shapes a schema walk passes through without changing the keys (wrappers, pipes, lazies). */
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: readonly z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  items?: readonly z.ZodType[];
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strips wrappers (optional, default, pipe/transform, lazy…) down to the schema that holds keys. */
function unwrap(schema: z.ZodType, depth = 0): z.ZodType[] {
  if (depth > 32) return [];
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType, depth + 1);
  if (def.type === 'pipe' && def.in) return unwrap(def.in, depth + 1);
  if (def.type === 'lazy' && def.getter) return unwrap(def.getter(), depth + 1);
  if (def.type === 'union' && def.options) return def.options.flatMap((o) => unwrap(o, depth + 1));
  if (def.type === 'intersection' && def.left && def.right)
    return [...unwrap(def.left, depth + 1), ...unwrap(def.right, depth + 1)];
  return [schema];
}

/** The child schemas of `schema` at one path segment. */
function childAt(schema: z.ZodType, segment: string | number): z.ZodType[] {
  const out: z.ZodType[] = [];
  for (const s of unwrap(schema)) {
    const def = defOf(s);
    if (def.type === 'object' && def.shape && typeof segment === 'string' && segment in def.shape) {
      out.push(def.shape[segment] as z.ZodType);
    } else if (def.type === 'array' && def.element && typeof segment === 'number') {
      out.push(def.element);
    } else if (def.type === 'tuple' && def.items && typeof segment === 'number') {
      const item = def.items[segment];
      if (item) out.push(item);
    } else if (def.type === 'record' && def.valueType) {
      out.push(def.valueType);
    }
  }
  return out;
}

/**
 * The keys an object schema at `path` accepts (the union of every alternative), or an empty list
 * when the walk cannot tell.
 *
 * @example
 * const Policy = z.strictObject({ protection: z.strictObject({ default: z.number(), countFrom: z.string() }) });
 * knownKeysAt(Policy, ['protection']); //=> ['default', 'countFrom']
 * knownKeysAt(Policy, ['nowhere']);    //=> []
 */
export function knownKeysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  // Not a schema, or not a path: the walk cannot tell (the documented empty answer, not a TypeError).
  const def = (schema as { _zod?: { def?: unknown } } | null)?._zod?.def;
  if (def === null || typeof def !== 'object' || !Array.isArray(path)) return [];
  let here: z.ZodType[] = [schema];
  for (const segment of path) {
    here = here.flatMap((s) => childAt(s, segment));
    if (here.length === 0) return [];
  }
  const keys = new Set<string>();
  for (const s of here.flatMap((x) => unwrap(x))) {
    const def = defOf(s);
    if (def.type === 'object' && def.shape) for (const k of Object.keys(def.shape)) keys.add(k);
  }
  return [...keys];
}

/** Edit distance (insert, delete, substitute, swap of two neighbours). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The known key a misspelt one most likely meant: the same letters in another case, else the
 * nearest by edit distance within a third of its length (at least 2).
 *
 * @example
 * nearestKey('countfrom', ['default', 'countFrom']); //=> 'countFrom'
 * nearestKey('defualt', ['default', 'countFrom']);   //=> 'default'
 * nearestKey('zzz', ['default']);                    //=> undefined
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  if (typeof key !== 'string' || !Array.isArray(known)) return undefined;
  known = known.filter((k): k is string => typeof k === 'string');
  const lower = key.toLowerCase();
  const sameLetters = known.find((k) => k.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    // The distance is at least the difference in length: skip what cannot be nearer (a 10^5-character
    // key against every known id took minutes).
    const candidate = k.toLowerCase();
    if (Math.abs(candidate.length - lower.length) >= bestDistance) continue;
    const dist = distance(lower, candidate);
    if (dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  return best;
}
