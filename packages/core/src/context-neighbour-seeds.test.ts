/**
 * Neighbouring seeds draw like unrelated seeds (S001-ATTR-28 and every other draw by lot): a lottery
 * seeded by consecutive ids, dates or customer keys must not let anyone predict one draw from its
 * neighbour's. Fixed seeds, so the counts are the same on every run.
 */
import { describe, expect, it } from 'vitest';
import { seededRng } from './context.js';

const N = 3000;

/** The first `int(3)` of each seed of every triple: how often two neighbours share it, and all three. */
function rates(triples: readonly (readonly [number | string, number | string, number | string])[]) {
  let pairs = 0;
  let allSame = 0;
  for (const [a, b, c] of triples) {
    const [x, y, z] = [a, b, c].map((s) => seededRng(s).int(3));
    if (x === y) pairs += 1;
    if (y === z) pairs += 1;
    if (x === y && y === z) allSame += 1;
  }
  return { pair: pairs / (2 * triples.length), all: allSame / triples.length };
}

const triples = <T extends number | string>(f: (k: number) => [T, T, T]) =>
  Array.from({ length: N }, (_, k) => f(k));

const families = {
  'consecutive integers i, i + 1, i + 2': triples((k) => [3 * k, 3 * k + 1, 3 * k + 2]),
  'integers beyond 32 bits, consecutive': triples((k) => [
    2 ** 40 + 3 * k,
    2 ** 40 + 3 * k + 1,
    2 ** 40 + 3 * k + 2,
  ]),
  'strings differing in the last character': triples((k) => [`order-${k}-a`, `order-${k}-b`, `order-${k}-c`]),
  'strings differing in the first character': triples((k) => [
    `a-order-${k}`,
    `b-order-${k}`,
    `c-order-${k}`,
  ]),
  'consecutive dates': triples((k) => {
    const day = (d: number) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    return [day(3 * k), day(3 * k + 1), day(3 * k + 2)];
  }),
};

describe('seededRng(): neighbouring seeds draw like independent seeds', () => {
  // Independent uniform draws over 3: two share one time in three, all three one time in nine.
  // Over 3,000 triples the standard deviations are about 0.007 (pairs, 6,000 of them, not all
  // independent) and 0.006 (triples); the bounds below are over five of them.
  for (const [name, family] of Object.entries(families)) {
    it(`the first int(3) of ${name}: pairs share it 1/3 of the time, triples 1/9`, () => {
      const { pair, all } = rates(family);
      expect(pair).toBeGreaterThan(1 / 3 - 0.045);
      expect(pair).toBeLessThan(1 / 3 + 0.045);
      expect(all).toBeGreaterThan(1 / 9 - 0.03);
      expect(all).toBeLessThan(1 / 9 + 0.03);
    });
  }

  it('the first int(2 ** 31) of consecutive integer seeds: half of the neighbours draw a larger number', () => {
    let larger = 0;
    for (let i = 0; i < N; i++) if (seededRng(i + 1).int(2 ** 31) > seededRng(i).int(2 ** 31)) larger += 1;
    expect(larger / N).toBeGreaterThan(0.5 - 0.05);
    expect(larger / N).toBeLessThan(0.5 + 0.05);
  });
});
