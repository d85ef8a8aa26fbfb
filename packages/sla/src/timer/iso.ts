import { type Instant, toInstant } from '@zhidu/core';

/**
 * The canonical instant of epoch milliseconds — exactly core's `toInstant(ms)`, i.e.
 * `new Date(ms).toISOString()`, which core writes from the digits from 1970 to 9999 (issue 21:
 * every started timer turns its due time, and some their end, from milliseconds into an instant;
 * `toISOString` was the largest single cost of the deadline step). It refuses what `toInstant`
 * refuses (a fraction, an out-of-range value).
 *
 * @param ms - epoch milliseconds
 * @returns the instant, `YYYY-MM-DDTHH:mm:ss.sssZ`
 * @example
 * instantOfMs(1_709_514_000_000); //=> '2024-03-04T01:00:00.000Z'
 * @internal
 */
export function instantOfMs(ms: number): Instant {
  return toInstant(ms);
}
