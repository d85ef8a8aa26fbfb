import { describe, expect, it } from 'vitest';
import { makeContext } from './kernel.js';
import { salesOffice001 } from './presets.js';
import { resolveOwnership } from './resolve.js';
import { at, deal, history, reg, visit } from './testing/fixtures.js';

const ctx = (date: string) => makeContext({ now: at(date, '23:00') });
const pct = (shares: { party: string; bp: number }[]) => Object.fromEntries(shares.map((s) => [s.party, s.bp / 100]));

describe('end-to-end examples of the catalog (Procedure II)', () => {
  it('1: assist then handback — performance B, bonus B 80 / A 20 (S001-ATTR-19)', () => {
    const h = history([
      visit('2024-03-01', '10:00', 'B'),
      reg('B', '2024-03-01'),
      visit('2024-03-20', '14:00', 'A', { visitedBefore: 'yes', named: ['B'], present: ['A', 'C'] }),
      visit('2024-03-25', '14:00', 'C', { visitedBefore: 'yes', named: ['B'], present: ['B', 'C'] }),
      deal('2024-03-28', 'B'),
    ]);
    const d = resolveOwnership(h, salesOffice001, ctx('2024-03-28'));
    const dealOut = d.value.deals[0];
    expect(d.value.visits.map((v) => v.case)).toEqual(['NEW', 'ASSIST', 'HANDBACK']);
    expect(pct(dealOut?.performance ?? [])).toEqual({ B: 100 });
    expect(pct(dealOut?.bonus ?? [])).toEqual({ B: 80, A: 20 });
    expect(dealOut?.followUp).toBe('B');
  });
});
