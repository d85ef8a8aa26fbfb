import { describeValue, ZhiduError } from '@zhidu/core';

/** One difference between two JSON values. */
export interface Change {
  path: string;
  base: unknown;
  candidate: unknown;
}

type Container = 'array' | 'object' | undefined;

const containerOf = (v: unknown): Container =>
  Array.isArray(v) ? 'array' : v !== null && typeof v === 'object' ? 'object' : undefined;

/** The value at an own key only: a `__proto__` or `constructor` key one side lacks is absent there. */
const own = (o: object, k: string | number): unknown =>
  Object.hasOwn(o, k) ? (o as Record<string | number, unknown>)[k] : undefined;

/** A pair of containers being walked: which child comes next. */
interface Frame {
  base: object;
  candidate: object;
  path: string;
  /** The keys of an object pair; `undefined` for an array pair (indices up to `length`). */
  keys: string[] | undefined;
  length: number;
  next: number;
}

/**
 * Lists where two JSON values differ, path by path — how a policy change shows up when the same
 * events are evaluated under both versions. The walk is iterative (any nesting depth, any length);
 * a value that contains itself is not JSON and is refused.
 *
 * @param base - the value under the current policy
 * @param candidate - the value under the proposed policy
 * @param path - the path the values sit at (prefix of every change's path; default the root)
 * @returns the changed leaves (and added/removed keys), in document order
 * @throws ZhiduError `invalid_input` for a cyclic value (path `base` or `candidate` and where) or a
 *   non-string `path`
 * @example
 * diffJson({ owner: 'B', until: 1 }, { owner: 'B', until: 2 }); //=> [{ path: 'until', base: 1, candidate: 2 }]
 */
export function diffJson(base: unknown, candidate: unknown, path = ''): Change[] {
  if (typeof path !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['path'],
      `路径须为字符串 / the path is a string, got ${describeValue(path)}`,
    );
  }
  const out: Change[] = [];
  // The containers on the walk's current branch, per side: meeting one again is a cycle.
  const open = { base: new Set<object>(), candidate: new Set<object>() };
  const frames: Frame[] = [];
  const cycle = (side: 'base' | 'candidate', at: string): never => {
    throw new ZhiduError(
      'invalid_input',
      [side, at || '(root)'],
      `${side} 含有自身（循环引用），不是 JSON / ${side} contains itself at ${at || '(root)'} (a cycle): not JSON`,
    );
  };
  /**
   * Refuses a container that contains itself or one of the containers open above it on its side
   * (iterative: any depth). The containers it enters are on the branch while their members are read.
   */
  const acyclic = (value: unknown, side: 'base' | 'candidate', at: string): void => {
    if (containerOf(value) === undefined) return;
    // A refusal ends the whole diff, so the branch needs no restoring then.
    const branch = open[side];
    const stack: { value: object; leave: boolean }[] = [{ value: value as object, leave: false }];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      if (top.leave) {
        branch.delete(top.value);
        continue;
      }
      if (branch.has(top.value)) cycle(side, at);
      branch.add(top.value);
      stack.push({ value: top.value, leave: true });
      for (const member of Object.values(top.value))
        if (containerOf(member) !== undefined) stack.push({ value: member as object, leave: false });
    }
  };
  /** Compares one pair: a leaf difference is reported at once, a pair of containers is entered. */
  const visit = (a: unknown, b: unknown, at: string): void => {
    if (Object.is(a, b)) return;
    const kind = containerOf(a);
    if (kind === undefined || kind !== containerOf(b)) {
      // A container reported whole (the other side has none there) is checked for a cycle too: it
      // was reported as it was, and printing the change threw a bare TypeError.
      acyclic(a, 'base', at);
      acyclic(b, 'candidate', at);
      out.push({ path: at || '(root)', base: a, candidate: b });
      return;
    }
    const x = a as object;
    const y = b as object;
    for (const [side, value] of [
      ['base', x],
      ['candidate', y],
    ] as const) {
      if (open[side].has(value)) cycle(side, at);
    }
    open.base.add(x);
    open.candidate.add(y);
    const keys = kind === 'object' ? [...new Set([...Object.keys(x), ...Object.keys(y)])] : undefined;
    const length = keys ? keys.length : Math.max((x as unknown[]).length, (y as unknown[]).length);
    frames.push({ base: x, candidate: y, path: at, keys, length, next: 0 });
  };
  visit(base, candidate, path);
  // Iterative depth-first walk in document order: any nesting depth, no recursion.
  for (let top = frames.at(-1); top !== undefined; top = frames.at(-1)) {
    if (top.next >= top.length) {
      frames.pop();
      open.base.delete(top.base);
      open.candidate.delete(top.candidate);
      continue;
    }
    const i = top.next++;
    const k = top.keys ? (top.keys[i] as string) : i;
    const a = own(top.base, k);
    const b = own(top.candidate, k);
    // Equal children (most of two long arrays) cost a comparison, not a path string.
    if (Object.is(a, b)) continue;
    visit(a, b, top.keys ? (top.path ? `${top.path}.${k}` : (k as string)) : `${top.path}[${i}]`);
  }
  return out;
}
