import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../test/helpers.js';
import { assertNoDuplicateJsonKey, duplicateJsonKey, textPosition } from './json-text.js';

/** A JSON value whose objects are lists of pairs, so that a key may appear twice. */
type Tree = null | number | string | boolean | Tree[] | { pairs: [string, Tree][] };

/** The text of a tree; a key is sometimes written with every character escaped (`\u0061` for `a`). */
function write(t: Tree, escapeKey: (k: string) => boolean, indent: boolean): string {
  if (t === null || typeof t !== 'object') return JSON.stringify(t);
  const sep = indent ? ',\n  ' : ',';
  if (Array.isArray(t)) return `[${t.map((v) => write(v, escapeKey, indent)).join(sep)}]`;
  const key = (k: string) =>
    escapeKey(k)
      ? `"${Array.from({ length: k.length }, (_, i) => `\\u${k.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')}"`
      : JSON.stringify(k);
  return `{${t.pairs.map(([k, v]) => `${key(k)}:${write(v, escapeKey, indent)}`).join(sep)}}`;
}

/** The oracle: the first repeated key in document order (a key, then its value, then the next key). */
function firstRepeat(
  t: Tree,
  path: (string | number)[] = [],
): { path: (string | number)[]; key: string } | undefined {
  if (t === null || typeof t !== 'object') return undefined;
  if (Array.isArray(t)) {
    for (let i = 0; i < t.length; i++) {
      const found = firstRepeat(t[i] as Tree, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  const seen = new Set<string>();
  for (const [k, v] of t.pairs) {
    if (seen.has(k)) return { path: [...path, k], key: k };
    seen.add(k);
    const found = firstRepeat(v, [...path, k]);
    if (found) return found;
  }
  return undefined;
}

const keyArb = fc.oneof(
  fc.constantFrom('a', 'b', 'days', '__proto__', 'constructor', 'x"y', 'back\\slash', '{', ',', '中文', '😀'),
  fc.string({ maxLength: 4 }),
);
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, 1, -2.5, true, 'text', 'with "quotes" and \\ and , { } [ ] :'),
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.record({ pairs: fc.array(fc.tuple(keyArb, tie('tree')), { maxLength: 5 }) }),
  ),
}));

describe('duplicateJsonKey: a key written twice in one object of a JSON text', () => {
  it('finds the first repeated key as an oracle over the written tree does (keys escaped or not, any layout)', () => {
    fc.assert(
      fc.property(tree, fc.boolean(), fc.func(fc.boolean()), (t, indent, escapeKey) => {
        const text = write(t, escapeKey, indent);
        expect(() => JSON.parse(text)).not.toThrow();
        const found = duplicateJsonKey(text);
        const expected = firstRepeat(t);
        expect(found === undefined ? undefined : { path: found.path, key: found.key }).toEqual(expected);
        if (found) {
          // The line and column point at the repeated key's opening quote.
          const lines = text.split('\n');
          expect([...(lines[found.line - 1] ?? '')][found.column - 1]).toBe('"');
          expect(text[found.offset]).toBe('"');
        }
      }),
      { numRuns: 500, seed: 20261206 },
    );
  });

  it('reads what JSON.stringify writes as free of repeats', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(duplicateJsonKey(JSON.stringify(v))).toBeUndefined();
        expect(duplicateJsonKey(JSON.stringify(v, null, 2))).toBeUndefined();
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('names the path, key, line and column', () => {
    expect(duplicateJsonKey('{"params": {"days": 3, "days": 5}}')).toEqual({
      path: ['params', 'days'],
      key: 'days',
      line: 1,
      column: 24,
      offset: 23,
    });
    // Columns count characters; lines end at \n, \r\n or \r.
    expect(duplicateJsonKey('{"😀":1,\r\n"b":{"😀":1},\r"c":"中文😀","c":2}')).toMatchObject({
      path: ['c'],
      line: 3,
      column: 11,
    });
    expect(
      duplicateJsonKey('{\n  "a": 1,\n  "b": [{"x": 1}, {"x": 2, "y": {"k": 1}}],\n  "a": 2\n}'),
    ).toEqual({
      path: ['a'],
      key: 'a',
      line: 4,
      column: 3,
      offset: 58,
    });
    expect(duplicateJsonKey('{"a":1,"\\u0061":2}')?.path).toEqual(['a']);
    expect(duplicateJsonKey('[{"a":1},{"a":2}]')).toBeUndefined();
    expect(duplicateJsonKey('{"a":{"b":1},"b":2}')).toBeUndefined();
  });

  it('reads 20,000 nested arrays and objects (no recursion), as JSON.parse does', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(duplicateJsonKey(`{"p":${deep},"q":1}`)).toBeUndefined();
    const objects = `${'{"k":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    expect(duplicateJsonKey(objects)).toBeUndefined();
    expect(duplicateJsonKey(`{"p":${deep},"p":1}`)?.path).toEqual(['p']);
  });

  it('assertNoDuplicateJsonKey refuses at the caller path, bilingual, without the value', () => {
    expect(() => assertNoDuplicateJsonKey('{"input": {}, "preset": "a"}', ['body'])).not.toThrow();
    const e = refusal(() => assertNoDuplicateJsonKey('{"preset": "a", "preset": "secret-b"}', ['body']));
    expect([e.code, e.path]).toEqual(['invalid_input', ['body', 'preset']]);
    expect(e.message).toContain('appears twice in one object (line 1, column 17)');
    expect(e.message).toContain('在同一对象中出现两次');
    expect(e.message).not.toContain('secret-b');
  });
});

describe('bad arguments are refused, not TypeErrors (the seeded fuzz sample)', () => {
  it('a text that is not a string, an offset out of the text', () => {
    for (const bad of [undefined, null, 42, {}, ['{}']]) {
      expect([
        refusal(() => duplicateJsonKey(bad as never)).path,
        refusal(() => textPosition(bad as never, 0)).path,
      ]).toEqual([['text'], ['text']]);
      expect(refusal(() => assertNoDuplicateJsonKey(bad as never, ['body'])).path).toEqual(['text']);
    }
    for (const bad of [-1, 4, 1.5, Number.NaN, '1', {}]) {
      const e = refusal(() => textPosition('abc', bad as never));
      expect([e.code, e.path]).toEqual(['invalid_input', ['offset']]);
    }
    expect(textPosition('abc', 3)).toEqual({ line: 1, column: 4 });
  });
});
