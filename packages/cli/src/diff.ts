/** One difference between two JSON values. */
export interface Change {
  path: string;
  base: unknown;
  candidate: unknown;
}

/**
 * Lists where two JSON values differ, path by path — how a policy change shows up when the same
 * events are evaluated under both versions.
 *
 * @param base - the value under the current policy
 * @param candidate - the value under the proposed policy
 * @returns the changed leaves (and added/removed keys), in document order
 * @example
 * diffJson({ owner: 'B', until: 1 }, { owner: 'B', until: 2 }); //=> [{ path: 'until', base: 1, candidate: 2 }]
 */
export function diffJson(base: unknown, candidate: unknown, path = ''): Change[] {
  if (Object.is(base, candidate)) return [];
  const bothArrays = Array.isArray(base) && Array.isArray(candidate);
  const bothObjects =
    !bothArrays &&
    base !== null &&
    candidate !== null &&
    typeof base === 'object' &&
    typeof candidate === 'object' &&
    !Array.isArray(base) &&
    !Array.isArray(candidate);
  if (bothArrays) {
    const a = base as unknown[];
    const b = candidate as unknown[];
    const out: Change[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...diffJson(a[i], b[i], `${path}[${i}]`));
    return out;
  }
  if (bothObjects) {
    const a = base as Record<string, unknown>;
    const b = candidate as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffJson(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return [{ path: path || '(root)', base, candidate }];
}
