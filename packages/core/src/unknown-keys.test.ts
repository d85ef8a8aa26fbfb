import { describe, expect, it } from 'vitest';
import { nearestKey } from './unknown-keys.js';

describe('nearestKey skips candidates whose length alone rules them out (a 10^5-character key took minutes)', () => {
  const known = Array.from({ length: 84 }, (_, i) => `attribution.module-name-${i}`);
  it('answers "none" for a 10^5-character key without comparing it letter by letter', () => {
    expect(nearestKey('a'.repeat(100_000), known)).toBeUndefined();
    expect(nearestKey(`${'attribution.module-name-1'.repeat(4_000)}`, known)).toBeUndefined();
  });
  it('still finds a near key of similar length, and the same letters in another case at any length', () => {
    expect(nearestKey('attribution.module-nam-7', known)).toBe('attribution.module-name-7');
    expect(nearestKey('ATTRIBUTION.MODULE-NAME-12', known)).toBe('attribution.module-name-12');
    expect(nearestKey('defualt', ['default', 'a'.repeat(50_000)])).toBe('default');
  });
});
