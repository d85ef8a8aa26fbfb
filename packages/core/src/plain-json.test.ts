import { describe, expect, it } from 'vitest';
import { exactJson } from './plain-json.js';

describe('exactJson: the JSON text of plain JSON data only', () => {
  it('writes plain data as JSON.stringify does, keys in their own order', () => {
    const value = { b: 1, a: { c: [true, null, 'x', -1.5] }, n: null };
    expect(exactJson(value)).toBe(JSON.stringify(value));
    expect(exactJson(Object.assign(Object.create(null), { k: 0 }))).toBe('{"k":0}');
    expect(exactJson('x')).toBe('"x"');
  });

  it('gives undefined for anything JSON would drop, change or lose, and never throws', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    let deep: unknown[] = [];
    const root = deep;
    for (let i = 0; i < 20_000; i++) {
      const next: unknown[] = [];
      deep.push(next);
      deep = next;
    }
    const hidden = Object.defineProperty({ a: 1 }, 'b', { value: 2, enumerable: false });
    for (const value of [
      undefined,
      { a: undefined },
      [1, undefined],
      -0,
      { n: -0 },
      Number.POSITIVE_INFINITY,
      Number.NaN,
      { at: new Date(0) },
      new Map([['a', 1]]),
      /x/,
      { f: () => 1 },
      { [Symbol('s')]: 1 },
      { big: 1n },
      // biome-ignore lint/suspicious/noSparseArray: a hole is the point
      [1, , 3],
      { toJSON: () => 'x' },
      hidden,
      cycle,
      root,
    ]) {
      expect(exactJson(value)).toBeUndefined();
    }
  });
});
