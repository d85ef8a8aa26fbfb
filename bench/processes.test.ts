import { describe, expect, it } from 'vitest';
import { compareTrees, medianOfProcesses } from './processes.js';

const c = (path: string, ratio: number, zhidu = ratio * 100) => ({
  path,
  ratio,
  zhidu,
  peer: 100,
  target: '≥ 1×',
});
const result = (
  name: string,
  comparisons: ReturnType<typeof c>[],
  figures: Record<string, unknown> = {},
) => ({
  name,
  mode: 'full',
  comparisons,
  figures,
});

describe('medianOfProcesses: a bench file run in several processes, merged', () => {
  it('takes the process with the median ratio per comparison, lists every ratio in run order, medians the figures', () => {
    const merged = medianOfProcesses([
      [result('r', [c('a', 0.3), c('b', 2)], { fps: 10, label: 'x' })],
      [result('r', [c('a', 0.1), c('b', 4)], { fps: 30, label: 'y' })],
      [result('r', [c('a', 0.2), c('b', 3)], { fps: 20, label: 'z' })],
    ]) as {
      comparisons: { path: string; ratio: number; zhidu: number; ratios: number[] }[];
      figures: object;
    }[];
    expect(merged[0]?.comparisons).toEqual([
      { path: 'a', ratio: 0.2, zhidu: 20, peer: 100, target: '≥ 1×', ratios: [0.3, 0.1, 0.2] },
      { path: 'b', ratio: 3, zhidu: 300, peer: 100, target: '≥ 1×', ratios: [2, 4, 3] },
    ]);
    expect(merged[0]?.figures).toEqual({ fps: 20, label: 'x' });
  });

  it('an even count takes the lower middle', () => {
    const merged = medianOfProcesses([[result('r', [c('a', 0.5)])], [result('r', [c('a', 0.25)])]]) as {
      comparisons: { ratio: number }[];
    }[];
    expect(merged[0]?.comparisons[0]?.ratio).toBe(0.25);
  });

  it('pairs by name and path, not by position: a failed process, a missing comparison, results in another order', () => {
    const merged = medianOfProcesses([
      [],
      [result('one', [c('b', 2), c('c', 2)], { n: 1 }), result('two', [c('x', 5)], { m: 7 })],
      [result('two', [c('x', 6)], { m: 9 }), result('one', [c('a', 1), c('b', 3), c('c', 3)], { n: 3 })],
    ]) as {
      name: string;
      comparisons: { path: string; ratio: number; ratios: (number | null)[] }[];
      figures: object;
      missingIn?: number[];
    }[];
    expect(merged.map((r) => r.name)).toEqual(['one', 'two']);
    const one = merged[0];
    expect(one?.comparisons.map((x) => [x.path, x.ratio, x.ratios])).toEqual([
      ['b', 2, [null, 2, 3]],
      ['c', 2, [null, 2, 3]],
      ['a', 1, [null, null, 1]],
    ]);
    expect(one?.figures).toEqual({ n: 1 });
    expect(one?.missingIn).toEqual([1]);
    expect(merged[1]?.comparisons.map((x) => x.ratios)).toEqual([[null, 5, 6]]);
    expect(merged[1]?.figures).toEqual({ m: 7 });
  });

  it('a result without comparisons is the first present process\u2019s, the others kept beside it', () => {
    const merged = medianOfProcesses([
      [{ name: 'store', figures: [{ case: 'append', ms: 5 }] }],
      [{ name: 'store', figures: [{ case: 'append', ms: 7 }] }],
    ]) as { name: string; figures: unknown; otherProcesses: unknown[] }[];
    expect(merged[0]?.figures).toEqual([{ case: 'append', ms: 5 }]);
    expect(merged[0]?.otherProcesses).toEqual([{ name: 'store', figures: [{ case: 'append', ms: 7 }] }]);
  });
});

describe('compareTrees: a bench file run here and in another checkout, side by side', () => {
  it("pairs comparisons by result and path, takes each side's median, and divides here by there", () => {
    const rows = compareTrees(
      [
        [result('r', [c('a', 0.5), c('b', 2)])],
        [result('r', [c('a', 0.4), c('b', 3)])],
        [result('r', [c('a', 0.6)])],
      ],
      [
        [result('r', [c('b', 1), c('a', 0.4)])],
        [result('r', [c('a', 0.3), c('b', 2)])],
        [result('r', [c('a', 0.35), c('b', 4)])],
      ],
    );
    expect(rows).toEqual([
      {
        name: 'r',
        path: 'a',
        here: 0.5,
        hereRatios: [0.5, 0.4, 0.6],
        there: 0.35,
        thereRatios: [0.4, 0.3, 0.35],
        change: 0.5 / 0.35,
      },
      // `b` is missing from the third process here: the median of the two it has is the lower middle.
      {
        name: 'r',
        path: 'b',
        here: 2,
        hereRatios: [2, 3, null],
        there: 2,
        thereRatios: [1, 2, 4],
        change: 1,
      },
    ]);
  });

  it('a comparison printed on one side only has null on the other and no change', () => {
    const rows = compareTrees(
      [[result('r', [c('a', 0.5)])]],
      [[result('r', [c('z', 0.2)]), result('s', [c('a', 1)])]],
    );
    expect(rows.map((r) => [r.name, r.path, r.here, r.there, r.change])).toEqual([
      ['r', 'a', 0.5, null, null],
      ['r', 'z', null, 0.2, null],
      ['s', 'a', null, 1, null],
    ]);
    expect(rows[1]?.hereRatios).toEqual([null]);
  });
});
