// toEpochMs reads the canonical instant shapes digit by digit (issue 21, canonicalEpochMs): the
// same epoch milliseconds as Date.parse for every such string naming a real date and time, and
// NaN (the regular-expression reading, with its refusals) for everything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZhiduError } from './errors.js';
import { canonicalEpochMs, toEpochMs, toInstant } from './time.js';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** Days in month `m` (1–12) of year `y`, by the Date's own calendar. */
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Components around every boundary, some out of range. */
const parts = fc.record({
  y: fc.oneof(fc.integer({ min: 1000, max: 9999 }), fc.constantFrom(999, 1600, 1900, 2000, 2024, 2100)),
  mo: fc.integer({ min: 0, max: 13 }),
  d: fc.integer({ min: 0, max: 32 }),
  h: fc.integer({ min: 0, max: 25 }),
  mi: fc.integer({ min: 0, max: 60 }),
  s: fc.integer({ min: 0, max: 60 }),
  ms: fc.option(fc.integer({ min: 0, max: 999 })),
  offset: fc.oneof(
    fc.constant('Z'),
    fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 60 })),
  ),
});

describe('canonicalEpochMs (issue 21)', () => {
  it('agrees with Date.parse on every canonical string of a real instant, and leaves the rest to toEpochMs', () => {
    fc.assert(
      fc.property(parts, ({ y, mo, d, h, mi, s, ms, offset }) => {
        const off = offset === 'Z' ? 'Z' : `${offset[0]}${pad(offset[1], 2)}:${pad(offset[2], 2)}`;
        const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${ms === null ? '' : `.${pad(ms, 3)}`}${off}`;
        const real =
          y >= 1000 &&
          mo >= 1 &&
          mo <= 12 &&
          d >= 1 &&
          d <= daysIn(y, mo) &&
          h <= 23 &&
          mi <= 59 &&
          s <= 59 &&
          (offset === 'Z' || (offset[1] <= 23 && offset[2] <= 59));
        const quick = canonicalEpochMs(text);
        if (real) {
          expect(quick).toBe(Date.parse(text));
          expect(toEpochMs(text)).toBe(quick);
        } else {
          expect(quick).toBeNaN();
          // toEpochMs reads it as before: a refusal for a date or time that does not exist.
          let refused: unknown;
          try {
            toEpochMs(text, ['at']);
          } catch (e) {
            refused = e;
          }
          if (offset === 'Z' || (offset[1] <= 23 && offset[2] <= 59)) {
            expect(refused).toBeInstanceOf(ZhiduError);
            expect((refused as ZhiduError).code).toBe('invalid_instant');
            expect((refused as ZhiduError).path).toEqual(['at']);
          }
        }
      }),
      { seed: 2131, numRuns: 3000 },
    );
  });

  it('reads only the canonical shapes; other valid ones take the regular-expression path, same value', () => {
    for (const other of [
      '2025-01-24T17:40+08:00',
      '2025-01-24T17:40:00.5+08:00',
      '2025-01-24T17:40:00.123456Z',
      '2025-01-24t17:40:00z',
      '2025-01-24T17:40:00+0800',
    ]) {
      expect(canonicalEpochMs(other), other).toBeNaN();
      expect(toEpochMs(other), other).toBe(Date.parse(other.replace('t', 'T').replace('z', 'Z')));
    }
    expect(canonicalEpochMs('2025-01-24T17:40:00+08:00')).toBe(1737711600000);
    expect(canonicalEpochMs('1969-12-31T23:59:59.999Z')).toBe(-1);
    expect(canonicalEpochMs('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(canonicalEpochMs('2023-02-29T00:00:00Z')).toBeNaN();
    expect(canonicalEpochMs('２０２５-01-24T17:40:00Z')).toBeNaN();
    expect(canonicalEpochMs('2025-01-24T17:40:0xZ')).toBeNaN();
  });
});

describe('toInstant writes epoch milliseconds from the digits (issue 21)', () => {
  it('property: any millisecond from 1970 to 9999 gives new Date(ms).toISOString() (seeded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(toInstant(ms)).toBe(iso);
        expect(toInstant(new Date(ms))).toBe(iso);
      }),
      { seed: 2145, numRuns: 5_000 },
    );
  });

  it('leap days, centuries, range edges and an offset string give toISOString’s instant', () => {
    const edges = [
      -1,
      0,
      Date.parse('2000-02-29T23:59:59.999Z'),
      Date.parse('2100-03-01T00:00:00.000Z'),
      253_402_300_799_999,
      -30_610_224_000_000,
    ];
    expect(edges.map((ms) => toInstant(ms))).toEqual(edges.map((ms) => new Date(ms).toISOString()));
    expect(toInstant('2024-02-29T08:00:00+08:00')).toBe('2024-02-29T00:00:00.000Z');
    expect(toInstant(-30_610_224_000_000)).toBe('1000-01-01T00:00:00.000Z');
  });

  it('an instant outside the years 1000–9999 in UTC is refused, not written in a form zhidu would refuse', () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
        return 'accepted';
      } catch (e) {
        const z = e as ZhiduError;
        return `${z.code} ${JSON.stringify(z.path)} ${z.message}`;
      }
    };
    // 1000-01-01 00:00 in Beijing is 0999-12-31T16:00Z, which toEpochMs refuses to read back.
    expect(refusal(() => toInstant('1000-01-01T00:00:00+08:00', ['at']))).toBe(
      'invalid_instant ["at"] 时刻 "1000-01-01T00:00:00+08:00" 换算为 UTC 后超出 1000–9999 年的范围 / the instant "1000-01-01T00:00:00+08:00" is outside the years 1000–9999 in UTC (at at)',
    );
    expect(refusal(() => toInstant('9999-12-31T23:00:00-08:00'))).toMatch(/^invalid_instant \[\] /);
    expect(refusal(() => toInstant(253_402_300_800_000))).toMatch(/^invalid_instant \[\] /);
    expect(refusal(() => toInstant(-30_610_224_000_001))).toMatch(/^invalid_instant \[\] /);
    // The last instant of 9999 and the first of 1000 (UTC) are written and read back.
    expect(toEpochMs(toInstant('9999-12-31T23:59:59.999Z'))).toBe(253_402_300_799_999);
    expect(toEpochMs(toInstant('1000-01-01T08:00:00+08:00'))).toBe(-30_610_224_000_000);
  });
});
