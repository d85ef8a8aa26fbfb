import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meetsPercent, requiredCount } from './shared.js';

describe('rate arithmetic (C6: 达X% means ≥ X %, needed = ceil(total × X / 100))', () => {
  it.each([
    [9, 50, 5],
    [20, 30, 6],
    [7, 30, 3],
    [45, 10, 5],
    [8, 10, 1],
    [437, 90, 394],
    [0, 50, 0],
  ])('needs ceil(%i × %i %%) = %i (S000B-FOLLOWUP-04, -05, -06, S002-REVISIT-02)', (total, pct, need) => {
    expect(requiredCount(total, pct)).toBe(need);
  });

  it('property: meetsPercent agrees with exact integer arithmetic for integer targets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (total, pct, rawDone) => {
          const done = Math.min(rawDone, total);
          expect(meetsPercent(done, total, pct)).toBe(done * 100 >= pct * total);
          const need = requiredCount(total, pct);
          expect(need * 100 >= pct * total && (need === 0 || (need - 1) * 100 < pct * total)).toBe(true);
        },
      ),
    );
  });
});
