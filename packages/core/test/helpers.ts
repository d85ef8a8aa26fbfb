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
