import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../test/helpers.js';
import { exactJson, RecentByText } from './plain-json.js';

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

describe('RecentByText: the most recently used values, bounded by number and by key characters', () => {
  it('lets the oldest go first when either bound would be passed', () => {
    const byCount = new RecentByText<number>(2, 100);
    byCount.set('a', 1);
    byCount.set('b', 2);
    byCount.set('c', 3);
    expect([byCount.get('a'), byCount.get('b'), byCount.get('c')]).toEqual([undefined, 2, 3]);
    const byChars = new RecentByText<string>(10, 10);
    byChars.set('aaaa', 'a');
    byChars.set('bbbb', 'b');
    byChars.set('cccc', 'c'); // 12 characters would be kept: 'aaaa' goes
    expect([byChars.get('aaaa'), byChars.get('bbbb'), byChars.get('cccc')]).toEqual([undefined, 'b', 'c']);
  });

  it('a key set again is the newest and counted once; a key longer than the bound is not kept', () => {
    const recent = new RecentByText<number>(2, 8);
    recent.set('aa', 1);
    recent.set('bb', 2);
    recent.set('aa', 3); // now newest
    recent.set('cc', 4); // 'bb' goes, not 'aa'
    expect([recent.get('aa'), recent.get('bb'), recent.get('cc')]).toEqual([3, undefined, 4]);
    recent.set('x'.repeat(9), 5);
    expect(recent.get('x'.repeat(9))).toBeUndefined();
    expect([recent.get('aa'), recent.get('cc')]).toEqual([3, 4]);
  });

  it('a value read is the newest: the least recently used goes first', () => {
    const recent = new RecentByText<number>(2, 100);
    recent.set('a', 1);
    recent.set('b', 2);
    expect(recent.get('a')).toBe(1); // 'a' used: 'b' is now the least recently used
    recent.set('c', 3);
    expect([recent.get('a'), recent.get('b'), recent.get('c')]).toEqual([1, undefined, 3]);
    // A miss changes nothing.
    expect(recent.get('zz')).toBeUndefined();
    recent.set('d', 4); // 'a' was read before 'c': 'a' goes
    expect([recent.get('a'), recent.get('c'), recent.get('d')]).toEqual([undefined, 3, 4]);
  });

  it('refuses bounds that are not positive integers', () => {
    for (const [entries, chars, path] of [
      [0, 10, 'maxEntries'],
      [1.5, 10, 'maxEntries'],
      [2, Number.NaN, 'maxChars'],
      [2, -1, 'maxChars'],
    ] as const) {
      const e = refusal(() => new RecentByText(entries, chars));
      expect([e.code, e.path]).toEqual(['invalid_input', [path]]);
      expect(e.message).toContain('must be a positive integer');
    }
  });
});
