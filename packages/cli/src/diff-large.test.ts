import { describe, expect, it } from 'vitest';
import { diffJson } from './diff.js';

describe('diffJson on two 10^5-element arrays', () => {
  it('equal elements cost no change and no path: only the differing element is reported, at its index', () => {
    const shared = { owner: 'B', until: 1 };
    const base = new Array(100_000).fill(shared);
    const candidate = [...base];
    candidate[77_777] = { owner: 'C', until: 1 };
    expect(diffJson(base, candidate)).toEqual([{ path: '[77777].owner', base: 'B', candidate: 'C' }]);
    expect(diffJson(base, candidate, 'value.result')).toEqual([
      { path: 'value.result[77777].owner', base: 'B', candidate: 'C' },
    ]);
  });

  it('a longer candidate reports each added element under its index', () => {
    const base = new Array(100_000).fill(0);
    const candidate = [...base, 1, 2];
    expect(diffJson(base, candidate)).toEqual([
      { path: '[100000]', base: undefined, candidate: 1 },
      { path: '[100001]', base: undefined, candidate: 2 },
    ]);
  });
});
