import { MAX_POLICY_VALUES } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { getPreset, listPresets } from './index.js';

/** The JSON values of `v`: every object, list and scalar, once for each place JSON writes it. */
function jsonValues(v: unknown): number {
  if (v === undefined) return 0;
  if (v === null || typeof v !== 'object') return 1;
  let n = 1;
  for (const x of Array.isArray(v) ? v : Object.values(v)) n += jsonValues(x);
  return n;
}

describe('shipped presets and the policy size limit (MAX_POLICY_VALUES)', () => {
  it('every preset holds less than a tenth of the limit, the largest a few thousand values', () => {
    const sizes = listPresets().map((name) => ({ name, values: jsonValues(getPreset(name)) }));
    expect(sizes.length).toBeGreaterThan(500);
    const largest = sizes.reduce((a, b) => (b.values > a.values ? b : a));
    expect(largest.values).toBeLessThan(MAX_POLICY_VALUES / 10);
    // (3,733 when the limit was set: the property-service 004 checklists)
    expect(largest.values).toBeGreaterThan(1_000);
  });
});
