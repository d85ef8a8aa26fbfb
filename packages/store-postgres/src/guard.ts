import { type ErrorPath, expectKnownKeys, formatPath, ZhiduError } from '@zhidu/core';

// Checks run before any value reaches SQL. PostgreSQL refuses `\u0000` in text and JSONB
// (SQLSTATE 22021 / 22P05) and a lone UTF-16 surrogate cannot be encoded as UTF-8 (22P02); JSON has
// no NaN or Infinity (JSON.stringify writes null: the value would be lost silently). Each is refused
// here as a ZhiduError naming the field, so nothing raw escapes and nothing is stored altered.

/** The first `\u0000` or lone surrogate in `s`, as an index and a description; undefined when clean. */
function badChar(s: string): { index: number; what: string } | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return { index: i, what: 'NUL (\\u0000)' };
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return { index: i, what: `a lone surrogate (\\u${c.toString(16)})` };
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { index: i, what: `a lone surrogate (\\u${c.toString(16)})` };
  }
  return undefined;
}

/**
 * Refuses, as `invalid_input` at `path`, text PostgreSQL cannot store: a `\u0000` or a lone UTF-16
 * surrogate (half of an emoji cut in two).
 */
export function checkText(s: string, path: ErrorPath): void {
  const bad = badChar(s);
  if (bad) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `文本在第 ${bad.index} 个字符处含有 ${bad.what}，PostgreSQL 无法存储，未写入 / the text at ${formatPath(path)} contains ${bad.what} at index ${bad.index}, which PostgreSQL cannot store; nothing was written`,
    );
  }
}

/**
 * Refuses, as `invalid_input`, a required string that is not a non-empty string of storable text.
 *
 * @param what - the field, Chinese and English
 */
export function requireText(value: unknown, path: ErrorPath, what: { zh: string; en: string }): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `${what.zh}须为非空字符串 / ${what.en} must be a non-empty string, got ${describe(value)}`,
    );
  }
  checkText(value, path);
  return value;
}

/**
 * Refuses, as `invalid_input`, an integer option outside `[min, max]` (NaN, ±Infinity, fractions,
 * strings…). `undefined` passes: the caller's default applies.
 */
export function checkInteger(value: unknown, path: ErrorPath, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `${formatPath(path)} 须为 ${min}–${max} 之间的整数 / ${formatPath(path)} must be an integer from ${min} to ${max}, got ${describe(value)}`,
    );
  }
  return value;
}

/**
 * Refuses an options argument that is not a plain object, and (as `unknown_key`) a key the call does
 * not read, so that a misspelt `fromVerison` is not silently ignored.
 */
export function checkOptions(
  options: unknown,
  known: readonly string[],
  path: ErrorPath = ['options'],
): Record<string, unknown> {
  return options === undefined ? {} : expectKnownKeys(options, known, path);
}

/**
 * Walks a JSON value to be stored and refuses, at the exact path, what PostgreSQL or JSON would
 * refuse or alter: `\u0000` or a lone surrogate in a string or key, a NaN or ±Infinity (JSON writes
 * null). Depth is bounded by the value itself; a cycle is reported by JSON.stringify later.
 */
export function checkJson(value: unknown, path: ErrorPath, seen: Set<object> = new Set()): void {
  if (typeof value === 'string') {
    checkText(value, path);
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new ZhiduError(
        'invalid_input',
        path,
        `数值 ${String(value)} 无法以 JSON 存储（会被静默写成 null） / ${String(value)} cannot be stored as JSON (it would silently become null)`,
      );
    }
    return;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return; // e.g. a Date: stored as its JSON
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      checkJson(v, [...path, i], seen);
    });
  } else {
    for (const [k, v] of Object.entries(value)) {
      checkText(k, [...path, k]);
      checkJson(v, [...path, k], seen);
    }
  }
  seen.delete(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
