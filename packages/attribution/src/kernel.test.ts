import { addMonthsClamped as coreAddMonths } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonthsClamped } from './kernel.js';

describe('kernel date arithmetic', () => {
  it('agrees with core addMonthsClamped on every date and offset (S001-ATTR-12 month-end clamping)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.integer({ min: -30, max: 30 }),
        (d, n) => {
          const date = d.toISOString().slice(0, 10);
          expect(addMonthsClamped(date, n)).toBe(coreAddMonths(date, n));
        },
      ),
      { numRuns: 300 },
    );
    expect(addMonthsClamped('2023-12-31', 2)).toBe('2024-02-29');
  });
});
