import { isZhiduError } from '@zhidu/core';

/**
 * How an async store call ended: `{ code, path }` of its ZhiduError, `'resolved'`, or a line naming
 * anything else it threw (so a test's `toEqual` shows a bare error as a difference, not a crash).
 */
export async function refusal(
  call: () => Promise<unknown>,
): Promise<{ code: string; path: unknown[] } | string> {
  try {
    await call();
    return 'resolved';
  } catch (e) {
    if (isZhiduError(e)) return { code: e.code, path: e.path };
    return `not a ZhiduError: ${String(e)}`;
  }
}
