import { type Instant, toInstant } from '@zhidu/core';

/** Two-digit and three-digit zero-padded numbers. */
const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** 10000-01-01T00:00:00.000Z: from there `toISOString` writes a six-digit signed year. */
const YEAR_10000_MS = 253_402_300_800_000;
const DAY_MS = 86_400_000;

/**
 * The canonical instant of epoch milliseconds — exactly core's `toInstant(ms)`, i.e.
 * `new Date(ms).toISOString()` — written from the digits (issue 21: every started timer turns its
 * due time, and some their end, from milliseconds into an instant; `toISOString` was the largest
 * single cost of the deadline step). From 1970 to 9999; anything else (before 1970, a fraction, an
 * out-of-range value) is core's `toInstant`, which also refuses what it refuses.
 *
 * @param ms - epoch milliseconds
 * @returns the instant, `YYYY-MM-DDTHH:mm:ss.sssZ`
 * @example
 * instantOfMs(1_709_514_000_000); //=> '2024-03-04T01:00:00.000Z'
 * @internal
 */
export function instantOfMs(ms: number): Instant {
  if (!(ms >= 0 && ms < YEAR_10000_MS) || !Number.isInteger(ms)) return toInstant(ms);
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  // Civil date from days since 1970-01-01 (proleptic Gregorian, eras of 400 years from 0000-03-01).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  return `${PAD2[Math.floor(y / 100)]}${PAD2[y % 100]}-${PAD2[m]}-${PAD2[d]}T${PAD2[h]}:${PAD2[mi]}:${PAD2[s]}.${PAD3[milli]}Z`;
}
