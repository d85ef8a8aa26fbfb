// The seeded sample of `pnpm fuzz` that `pnpm test` runs: a few cases of every exported callable and
// of every registry module × preset, in worker threads with a per-call timeout. Any throw that is
// not a ZhiduError with a code and a path, and any hang, fails it with the replayable case.
import { describe, expect, it } from 'vitest';
import { isKnown } from './known.js';
import { formatSummary, runFuzz } from './runner.js';

describe('fuzz sample (seeded)', () => {
  it('every exported function and every module preset: only ZhiduErrors with code and path, no hang', async () => {
    const s = await runFuzz({
      seed: 20261204,
      perFunction: 3,
      perPreset: 3,
      workers: 2,
      timeoutMs: 15_000,
      slowMs: 5_000,
    });
    if (s.failures > 0) console.error(formatSummary(s));
    expect(s.targets).toBeGreaterThan(700);
    expect(s.cases).toBeGreaterThanOrEqual(3 * s.targets + 3 * s.presets);
    const fresh = s.groups.filter((g) => !isKnown(g.target));
    expect(fresh.map((g) => `${g.target}: ${g.errorClass} ${g.example.message.slice(0, 80)}`)).toEqual([]);
    expect(s.hangs).toBe(0);
  }, 240_000);
});
