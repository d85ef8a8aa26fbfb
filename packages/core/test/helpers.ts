import { expect } from 'vitest';
import { ZhiduError } from '../src/errors.js';

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
