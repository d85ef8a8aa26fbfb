import { ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exchangeTier, meetsInactivityGround } from './exchange.js';
import { exchangeMemberSchedule } from './presets/exchange-member.js';

// The seed numbers of the exchange-member sanctions are policy parameters: the preset states them,
// the schema defaults to them, and a changed value changes the decision.
const x3 = {
  lastTradeDate: '2024-01-15',
  justifiedReason: false,
  otherVenueQualificationWithoutApproval: true,
} as const;

describe('exchange-member numbers are parameters (S001B-PENALTY-01, S001B-PENALTY-09)', () => {
  it('the exchange-member preset states the seed values: 3 months, P1–P9', () => {
    expect(exchangeMemberSchedule().params.exchangeMembership).toEqual({
      inactivityMonths: 3,
      rectificationConductMax: 9,
    });
  });

  it('S001B-PENALTY-09: 连续3个月 — inactive from the same day three months on, not the day before; 4 months when the policy says 4', () => {
    const rules = exchangeMemberSchedule().params.exchangeMembership;
    expect(meetsInactivityGround({ ...x3, asOf: '2024-04-14' }, rules)).toBe(false);
    expect(meetsInactivityGround({ ...x3, asOf: '2024-04-15' }, rules)).toBe(true);
    expect(meetsInactivityGround({ ...x3, asOf: '2024-04-15' })).toBe(true);
    expect(meetsInactivityGround({ ...x3, asOf: '2024-04-15' }, { inactivityMonths: 4 })).toBe(false);
    expect(meetsInactivityGround({ ...x3, asOf: '2024-05-15' }, { inactivityMonths: 4 })).toBe(true);
    expect(meetsInactivityGround({ ...x3, asOf: '2024-03-15' }, { inactivityMonths: 2 })).toBe(true);
  });

  it('S001B-PENALTY-01: P9 is a rectification ground under the seed, the general menu when the policy ends them at P8; P10 follows a boundary of 10', () => {
    const rules = exchangeMemberSchedule().params.exchangeMembership;
    expect(exchangeTier('P9', rules)).toBe('RECTIFICATION');
    expect(exchangeTier('P10', rules)).toBe('GENERAL_MENU');
    expect(exchangeTier('P9', { rectificationConductMax: 8 })).toBe('GENERAL_MENU');
    expect(exchangeTier('P8', { rectificationConductMax: 8 })).toBe('RECTIFICATION');
    expect(exchangeTier('P10', { rectificationConductMax: 10 })).toBe('RECTIFICATION');
    // The boundary moves P codes only.
    expect(exchangeTier('W1', { rectificationConductMax: 0 })).toBe('WARNING_TALK');
    expect(exchangeTier('R10', { rectificationConductMax: 0 })).toBe('RECTIFICATION');
  });

  it('P<n> is a rectification ground exactly when n ≤ rectificationConductMax (property, seeded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 12 }), (n, max) => {
        const tier = exchangeTier(`P${n}` as 'P1', { rectificationConductMax: max });
        expect(tier).toBe(n <= max ? 'RECTIFICATION' : 'GENERAL_MENU');
      }),
      { seed: 13, numRuns: 150 },
    );
  });

  it('refuses bad numbers with a ZhiduError naming the field', () => {
    const bad: [unknown, string][] = [
      [{ inactivityMonths: 0 }, 'inactivityMonths'],
      [{ inactivityMonths: 2.5 }, 'inactivityMonths'],
      [{ rectificationConductMax: 13 }, 'rectificationConductMax'],
      [{ rectificationConductMax: '9' }, 'rectificationConductMax'],
      [{ months: 3 }, 'months'],
    ];
    for (const [rules, field] of bad) {
      for (const call of [
        () => exchangeTier('P1', rules as never),
        () => meetsInactivityGround({ ...x3, asOf: '2024-04-15' }, rules as never),
      ]) {
        try {
          call();
          expect.unreachable(`accepted ${JSON.stringify(rules)}`);
        } catch (e) {
          expect(e).toBeInstanceOf(ZhiduError);
          expect((e as ZhiduError).path).toEqual(['rules', field]);
        }
      }
    }
    expect(() => exchangeTier('P1', 'nine' as never)).toThrow(ZhiduError);
  });
});
