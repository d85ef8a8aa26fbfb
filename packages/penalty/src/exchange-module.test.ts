import { isZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { penaltyExchangeMembership } from './exchange-module.js';

const now = { now: '2024-06-30T12:00:00+08:00' };
const preset = penaltyExchangeMembership.preset('exchange-member');
const withNumbers = (n: { rectificationConductMax?: number; inactivityMonths?: number }) => ({
  ...preset,
  params: {
    ...preset.params,
    exchangeMembership: {
      rectificationConductMax: 9,
      inactivityMonths: 3,
      ...preset.params.exchangeMembership,
      ...n,
    },
  },
});
const inactivity = (asOf: string) => ({
  lastTradeDate: '2024-01-15',
  asOf,
  justifiedReason: false,
  otherVenueQualificationWithoutApproval: true,
});
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (isZhiduError(e)) return { code: e.code, path: e.path };
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('penalty.exchange-membership reads the schedule numbers the ledger does not', () => {
  it('S001B-PENALTY-01: the rectification boundary is the schedule’s rectificationConductMax (P9 in at 9, out at 8)', () => {
    expect(penaltyExchangeMembership.evaluate({ conduct: 'P9' }, preset, now).value.result).toEqual({
      tier: 'RECTIFICATION',
    });
    const at8 = penaltyExchangeMembership.evaluate(
      { conduct: 'P9' },
      withNumbers({ rectificationConductMax: 8 }),
      now,
    );
    expect(at8.value.result).toEqual({ tier: 'GENERAL_MENU' });
    expect(at8.trace.map((e) => e.rule)).toEqual(['S001B-PENALTY-01']);
    expect(penaltyExchangeMembership.evaluate({ conduct: 'P10' }, preset, now).value.result.tier).toBe(
      'GENERAL_MENU',
    );
    expect(penaltyExchangeMembership.evaluate({ conduct: 'X1' }, preset, now).value.result.tier).toBe(
      'REVOCATION',
    );
  });

  it('S001B-PENALTY-09: the inactivity ground counts the schedule’s inactivityMonths (3 by the seed, 4 when a schedule says so)', () => {
    const at = (asOf: string, p = preset) =>
      penaltyExchangeMembership.evaluate({ inactivity: inactivity(asOf) }, p, now).value.result;
    expect(at('2024-04-15')).toEqual({ inactivityGround: true });
    expect(at('2024-04-14')).toEqual({ inactivityGround: false });
    expect(at('2024-04-15', withNumbers({ inactivityMonths: 4 }))).toEqual({ inactivityGround: false });
    expect(at('2024-05-15', withNumbers({ inactivityMonths: 4 }))).toEqual({ inactivityGround: true });
  });

  it('answers both questions at once, citing both rules, with no violations', () => {
    const d = penaltyExchangeMembership.evaluate(
      { conduct: 'P6', inactivity: inactivity('2024-04-15') },
      preset,
      now,
    );
    expect(d.value.result).toEqual({ tier: 'RECTIFICATION', inactivityGround: true });
    expect(d.value.violations).toEqual([]);
    expect(d.trace.map((e) => e.rule)).toEqual(['S001B-PENALTY-01', 'S001B-PENALTY-09']);
  });

  it('a schedule without exchangeMembership gets the seed’s 9 and 3', () => {
    const { exchangeMembership: _, ...params } = preset.params;
    const bare = { ...preset, params };
    expect(penaltyExchangeMembership.evaluate({ conduct: 'P9' }, bare, now).value.result.tier).toBe(
      'RECTIFICATION',
    );
    expect(
      penaltyExchangeMembership.evaluate({ inactivity: inactivity('2024-04-15') }, bare, now).value.result,
    ).toEqual({ inactivityGround: true });
  });

  it('refuses an empty question, an unknown conduct code, a bad date and an unknown key, each with its path', () => {
    expect(refusal(() => penaltyExchangeMembership.evaluate({}, preset, now)).code).toBe('invalid_input');
    expect(
      refusal(() => penaltyExchangeMembership.evaluate({ conduct: 'P13' } as never, preset, now)),
    ).toMatchObject({
      path: ['input', 'conduct'],
    });
    expect(
      refusal(() => penaltyExchangeMembership.evaluate({ inactivity: inactivity('2024-02-30') }, preset, now))
        .path,
    ).toEqual(['input', 'inactivity', 'asOf']);
    expect(
      refusal(() => penaltyExchangeMembership.evaluate({ conduct: 'P1', tier: 'x' } as never, preset, now))
        .code,
    ).toBe('unknown_key');
    expect(
      refusal(() =>
        penaltyExchangeMembership.evaluate(
          { conduct: 'P9' },
          withNumbers({ rectificationConductMax: 13 }),
          now,
        ),
      ).code,
    ).toBe('invalid_input');
  });
});
