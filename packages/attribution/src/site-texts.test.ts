import { describe, expect, it } from 'vitest';
import { SITE_TEXTS_TOTAL, SiteTexts } from './engine-state.js';

describe('SiteTexts: the batch texts kept across calls are bounded', () => {
  it(`keeps at most ${SITE_TEXTS_TOTAL} texts in all, then starts again, each answer still the one built for its values`, () => {
    let built = 0;
    const texts = new SiteTexts<string, string>((a, b) => {
      built += 1;
      return [`${a}→${b}`, `${a} to ${b}`] as const;
    });
    // 100 × 100 distinct pairs: within the per-level limit of 256, past the total.
    for (let i = 0; i < 100; i++)
      for (let j = 0; j < 100; j++) expect(texts.of(`S${i}`, `T${j}`)[0]).toBe(`S${i}→T${j}`);
    expect(built).toBe(10_000);
    // The first pair was let go when the total was reached, so it is built again, with the same words.
    expect(texts.of('S0', 'T0')).toEqual(['S0→T0', 'S0 to T0']);
    expect(built).toBe(10_001);
    // A pair asked just before is still held (no build).
    expect(texts.of('S99', 'T99')).toEqual(['S99→T99', 'S99 to T99']);
    expect(built).toBe(10_001);
  });

  it('builds a text once while it is held, and again after the context changes', () => {
    let built = 0;
    const texts = new SiteTexts<string, null, object>((a, _b, ctx) => {
      built += 1;
      return [`${a}:${JSON.stringify(ctx)}`, a] as const;
    });
    const p = { split: 80 };
    const q = { split: 70 };
    expect(texts.of('S1', null, p)[0]).toBe('S1:{"split":80}');
    expect(texts.of('S1', null, p)[0]).toBe('S1:{"split":80}');
    expect(built).toBe(1);
    expect(texts.of('S1', null, q)[0]).toBe('S1:{"split":70}');
    expect(built).toBe(2);
  });
});
