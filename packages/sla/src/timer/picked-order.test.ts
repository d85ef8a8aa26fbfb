import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortAscending } from './engine.js';

// Issue 21: the timers a subject picks are put in policy order without a comparator per call.

describe('sortAscending: the picked timers in policy order (issue 21)', () => {
  it('property: any list of distinct indices, short or long, ends as sort((x, y) => x - y) leaves it (seeded)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 500 }), { maxLength: 40 }), (xs) => {
        const mine = [...xs];
        sortAscending(mine);
        expect(mine).toEqual([...xs].sort((x, y) => x - y));
      }),
      { seed: 2145, numRuns: 400 },
    );
  });

  it('property: with a count, the first count items end sorted and the items after them stay as they were (seeded)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: 500 }), { maxLength: 40 }),
        fc.array(fc.nat({ max: 500 }), { maxLength: 10 }),
        (xs, tail) => {
          const mine = [...xs, ...tail];
          sortAscending(mine, xs.length);
          expect(mine).toEqual([...[...xs].sort((x, y) => x - y), ...tail]);
        },
      ),
      { seed: 2146, numRuns: 400 },
    );
  });

  it('a bucket after the untested timers is moved before them', () => {
    const picked = [40, 41, 3, 90];
    sortAscending(picked);
    expect(picked).toEqual([3, 40, 41, 90]);
  });
});
