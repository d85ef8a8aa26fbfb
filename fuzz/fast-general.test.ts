// The seeded sample of `fuzz/fast-general.ts` that `pnpm test` runs: for every registry module and
// preset, near-valid inputs and reshaped valid ones, evaluated with core's fast paths on and off —
// the same decisions (JSON, keys in order) and the same refusals (code, path, message).
import { describe, expect, it } from 'vitest';
import { compareFastAndGeneral, formatMismatches } from './fast-general.js';

describe('fast paths against the general path (seeded)', () => {
  it('every module preset: the fast paths decide and refuse as the general path does', async () => {
    const s = await compareFastAndGeneral({ seed: 20261206, perPreset: 1 });
    expect(s.modules).toBeGreaterThan(90);
    expect(s.presets).toBeGreaterThan(500);
    // Valid inputs are among the cases: the comparison is not only of refusals.
    expect(s.decided).toBeGreaterThan(s.presets / 2);
    expect(formatMismatches(s.mismatches)).toBe('');
  }, 240_000);
});
