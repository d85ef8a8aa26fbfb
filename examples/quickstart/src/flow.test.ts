import { describe, expect, it } from 'vitest';
import { milestoneToLedger } from './milestone.js';
import { ownershipClash } from './ownership.js';

describe('quickstart flows', () => {
  it('gives a clashing customer to the first registration and says why (S001-ATTR-11)', () => {
    const clash = ownershipClash();
    expect(clash.owner).toBe('B');
    expect(clash.reasons[0]).toMatch(/^S001-ATTR-11 /);
  });

  it('times a missed milestone and fines each director per started 24 hours (S000-MILESTONE-01)', () => {
    expect(milestoneToLedger()).toEqual({
      status: 'breached',
      lines: ['u-emc: 100.00 × 3 = 300.00', 'u-pdc: 100.00 × 3 = 300.00'],
      totals: ['u-emc ¥300.00', 'u-pdc ¥300.00'],
    });
  });
});
