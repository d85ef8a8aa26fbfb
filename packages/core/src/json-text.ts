/**
 * JSON text as zhidu reads it from files and request bodies: a key written twice in one object is a
 * mistake to report, not a value to drop (`JSON.parse` keeps the last one silently).
 */

import { asErrorPath, describeValue, type ErrorPath, ZhiduError } from './errors.js';
import { expectString } from './guards.js';

/** Where a key appears a second time in one object of a JSON text. */
export interface DuplicateJsonKey {
  /** The path of the repeated key: the object's path, then the key. */
  readonly path: readonly (string | number)[];
  /** The key, as `JSON.parse` reads it (escapes decoded). */
  readonly key: string;
  /** 1-based line of its second appearance (lines end at `\n`, `\r\n` or `\r`). */
  readonly line: number;
  /** 1-based column of its second appearance, in characters (code points). */
  readonly column: number;
  /** Where its opening quote is in the text (UTF-16 offset). */
  readonly offset: number;
}

/**
 * The first key written twice in one object of a JSON text, or `undefined` when every object's keys
 * are distinct. `JSON.parse` keeps the last of the two without a word, so a policy whose `days`
 * appears twice (a copied line) would silently lose the first value: readers of files and request
 * bodies refuse such a text instead. Keys are compared as `JSON.parse` reads them (`"a"` and
 * `"\u0061"` are the same key); keys of different objects never clash. Call it on text that
 * `JSON.parse` accepted: on other text the answer is unspecified.
 *
 * @param text - JSON text
 * @returns where the first repeated key is, or `undefined`
 * @throws ZhiduError `invalid_input` at `text` for a text that is not a string
 * @example
 * duplicateJsonKey('{"days": 3, "zone": "Asia/Shanghai"}'); //=> undefined
 * duplicateJsonKey('{"params": {"days": 3, "days": 5}}');
 * //=> { path: ['params', 'days'], key: 'days', line: 1, column: 24, offset: 23 }
 * duplicateJsonKey('[{"id": "a"}, {"id": "b"}]'); //=> undefined
 */
export function duplicateJsonKey(text: string): DuplicateJsonKey | undefined {
  expectString(text, ['text']);
  // One pass with an explicit stack (no recursion: JSON.parse reads 20,000 nested arrays, and so must
  // this): per open object its keys so far, per open array its index; `path` mirrors the stack.
  const frames: (Set<string> | null)[] = [];
  const path: (string | number)[] = [];
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // The string's end: the next quote not escaped by an odd run of backslashes.
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j === -1) return undefined; // not JSON text
        let k = j - 1;
        while (k > i && text.charCodeAt(k) === 0x5c /* \ */) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j++;
      }
      if (expectKey) {
        const raw = text.slice(i + 1, j);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, j + 1)) as string) : raw;
        const keys = frames[frames.length - 1] as Set<string>;
        if (keys.has(key))
          return { path: [...path.slice(0, -1), key], key, ...textPosition(text, i), offset: i };
        keys.add(key);
        path[path.length - 1] = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */) {
      frames.push(new Set());
      path.push('');
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      frames.push(null);
      path.push(0);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
      path.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1];
      if (top === null) path[path.length - 1] = (path[path.length - 1] as number) + 1;
      else if (top !== undefined) expectKey = true;
    }
  }
  return undefined;
}

/**
 * Where a UTF-16 offset falls in a text, as an editor shows it: the 1-based line (lines end at `\n`,
 * `\r\n` or `\r`) and the 1-based column in characters (an emoji is one).
 *
 * @param text - the text
 * @param offset - a UTF-16 offset into it (`String#indexOf`'s answer)
 * @returns `{ line, column }`
 * @throws ZhiduError `invalid_input` at `text` or `offset` (a whole number from 0 to the text's length)
 * @example
 * textPosition('{\n  "a": 1\n}', 4); //=> { line: 2, column: 3 }
 * textPosition('😀x', 2); //=> { line: 1, column: 2 }
 */
export function textPosition(text: string, offset: number): { line: number; column: number } {
  expectString(text, ['text']);
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length)
    throw new ZhiduError(
      'invalid_input',
      ['offset'],
      `须为 0 到 ${text.length} 之间的整数 / expected a whole number from 0 to ${text.length}, got ${describeValue(offset)}`,
    );
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: [...text.slice(start, offset)].length + 1 };
}

/**
 * Refuses a JSON text with a key written twice in one object ({@link duplicateJsonKey}): a
 * `ZhiduError` `invalid_input` at `path` followed by the repeated key's path, naming the key, line and
 * column. The value itself is never quoted.
 *
 * @param text - JSON text `JSON.parse` accepted
 * @param path - where the text's value sits in the caller's input (`['body']` for a request body)
 * @throws ZhiduError `invalid_input` at the repeated key
 * @example
 * assertNoDuplicateJsonKey('{"input": {}, "preset": "a"}', ['body']); // passes
 * assertNoDuplicateJsonKey('{"preset": "a", "preset": "b"}', ['body']); // throws ZhiduError invalid_input at ['body', 'preset']
 */
export function assertNoDuplicateJsonKey(text: string, path: ErrorPath = []): void {
  const dup = duplicateJsonKey(text);
  if (dup === undefined) return;
  const at = [...asErrorPath(path), ...dup.path];
  throw new ZhiduError(
    'invalid_input',
    at,
    `键 ${JSON.stringify(dup.key)} 在同一对象中出现两次（第 ${dup.line} 行第 ${dup.column} 列）：JSON 解析只保留后一个，前一个值会丢失 / the key ${JSON.stringify(dup.key)} appears twice in one object (line ${dup.line}, column ${dup.column}): JSON readers keep only the last, so the first value would be lost`,
    { line: dup.line, column: dup.column },
  );
}
