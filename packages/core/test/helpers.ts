import { afterEach, expect } from 'vitest';
import { isZhiduError, ZhiduError } from '../src/errors.js';

/** Runs `fn` and returns the ZhiduError it throws (fails the test if it throws anything else or nothing). */
export function zhiduError(fn: () => unknown): ZhiduError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    return e as ZhiduError;
  }
  throw new Error('expected a ZhiduError, nothing was thrown');
}

/** Awaits `p` and returns the ZhiduError it rejects with (fails the test on anything else, or on a value). */
export async function zhiduRejection(p: Promise<unknown>): Promise<ZhiduError> {
  try {
    await p;
  } catch (e) {
    if (isZhiduError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** A call's decision (its JSON, key order included, and its value) or its refusal (code, path, message). */
export type Outcome = { json: string; value: unknown } | { code: string; path: unknown; message: string };

/**
 * What `fn` returns or refuses, as comparable data, for holding one path to another: equal outcomes
 * are the same decision (deep and as JSON) or the same refusal. Anything but a `ZhiduError` is thrown on.
 */
export function outcome(fn: () => unknown): Outcome {
  try {
    const value = fn();
    return { json: JSON.stringify(value), value };
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
    return { code: e.code, path: e.path, message: e.message };
  }
}

/** Names of `Object.prototype` members a caller may choose as an id, a role or a key. */
export const ODD_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;

/**
 * After each test of the calling file: `Object.prototype` has the same own members as before, and an
 * empty object reads none of `leaks` (the keys a write onto the prototype would have set).
 */
export function keepObjectPrototypeClean(...leaks: string[]): void {
  const names = () => Object.getOwnPropertyNames(Object.prototype).sort();
  const before = names();
  afterEach(() => {
    expect(names()).toEqual(before);
    for (const k of leaks) expect(({} as Record<string, unknown>)[k]).toBeUndefined();
  });
}

/** `value` with one JSON string replaced everywhere (an id, a role or an event renamed). */
export function renamed<T>(value: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(value).replaceAll(JSON.stringify(from), JSON.stringify(to))) as T;
}
