import { toInstant, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantOfMs } from './iso.js';

// Issue 21: due and end instants written from their digits, held to core's toInstant (seeded).

describe('instantOfMs: core’s toInstant of epoch milliseconds, from the digits (issue 21)', () => {
  it('property: any millisecond from 1970 to 9999 gives toInstant’s instant (seeded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        expect(instantOfMs(ms)).toBe(new Date(ms).toISOString());
      }),
      { seed: 2144, numRuns: 5_000 },
    );
  });

  it('month, leap-day, century and range edges give toInstant’s instant', () => {
    const edges = [
      0,
      86_399_999,
      Date.parse('2000-02-29T23:59:59.999Z'),
      Date.parse('2100-02-28T23:59:59.999Z'),
      Date.parse('2100-03-01T00:00:00.000Z'),
      Date.parse('2024-12-31T23:59:59.999Z'),
      253_402_300_799_999,
    ];
    expect(edges.map(instantOfMs)).toEqual(edges.map((ms) => new Date(ms).toISOString()));
    expect(instantOfMs(Date.parse('2024-03-04T01:00:00Z'))).toBe('2024-03-04T01:00:00.000Z');
  });

  it('before 1970 and from the year 10000 on it is toInstant itself', () => {
    expect(instantOfMs(-1)).toBe('1969-12-31T23:59:59.999Z');
    // From the year 10000 on core's toInstant refuses the instant (it used to write
    // +010000-01-01T00:00:00.000Z, which toEpochMs does not read back): so does instantOfMs.
    const ms = 253_402_300_800_000;
    const refusal = (f: () => unknown): ZhiduError => {
      try {
        f();
      } catch (e) {
        return e as ZhiduError;
      }
      throw new Error('expected a refusal');
    };
    const mine = refusal(() => instantOfMs(ms));
    const core = refusal(() => toInstant(ms));
    expect(mine).toBeInstanceOf(ZhiduError);
    expect([mine.code, mine.path, mine.message]).toEqual([core.code, core.path, core.message]);
  });

  it('a fraction, NaN or an out-of-range number is refused as toInstant refuses it', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 9e15]) {
      let mine: unknown;
      let core: unknown;
      try {
        instantOfMs(bad);
      } catch (e) {
        mine = e;
      }
      try {
        toInstant(bad);
      } catch (e) {
        core = e;
      }
      expect(mine).toBeInstanceOf(ZhiduError);
      expect({ ...(mine as ZhiduError), message: (mine as ZhiduError).message }).toEqual({
        ...(core as ZhiduError),
        message: (core as ZhiduError).message,
      });
    }
  });
});
