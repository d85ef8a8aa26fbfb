import { makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from './assess.js';
import {
  exchangeMemberSchedule,
  exchangeTier,
  feeRefundOnRevocation,
  meetsInactivityGround,
  minCompensation,
  rectificationOutcome,
  validateSanctionSet,
} from './exchange.js';

const ctx = makeContext({ now: '2024-06-30T12:00:00+08:00' });
const found = { complianceReviewDone: true, exchangeDetermination: true };
function measuresFor(code: string) {
  const { value } = ledgerOf(
    [
      {
        code: `exchange.conduct.${code}`,
        personId: 'member-1',
        occurredAt: '2024-04-01T10:00:00+08:00',
        source: { module: 'exchange', rule: 'audit' },
      },
    ],
    exchangeMemberSchedule(),
    ctx,
  );
  return value.persons[0]?.periods[0]?.lines.map((l) => [l.rule, l.select, l.measures ?? l.kind]);
}

describe('exchange member sanctions (seed 001 part B, 第七章)', () => {
  it('maps prohibited conduct P1–P9 to rectification and P10–P12 to the general menu (S001B-PENALTY-01)', () => {
    expect(exchangeTier('P6')).toBe('RECTIFICATION');
    expect(exchangeTier('P1')).toBe('RECTIFICATION');
    expect(exchangeTier('P10')).toBe('GENERAL_MENU');
    expect(() => exchangeTier('P13' as 'P1')).toThrow(/P13|option|Invalid/);
  });

  it('offers the whole M1–M7 menu, one or more, for serious violations V1–V8 (S001B-PENALTY-02)', () => {
    expect(measuresFor('V3')).toEqual([
      [
        'S001B-PENALTY-02',
        'oneOrMore',
        [
          'oralWarning',
          'writtenCircular',
          'mandatoryTraining',
          'suspendMembership',
          'revokeMembership',
          'economicCompensation',
          'judicialReferral',
        ],
      ],
    ]);
  });

  it('needs the compliance department’s check and the exchange’s determination before any sanction (S001B-PENALTY-03)', () => {
    expect(validateSanctionSet({ measures: ['M1'], ...found })).toEqual([]);
    expect(
      validateSanctionSet({ measures: ['M1'], complianceReviewDone: true, exchangeDetermination: false }),
    ).toEqual(['EXCHANGE_DETERMINATION_MISSING']);
    expect(
      validateSanctionSet({ measures: ['M1'], complianceReviewDone: false, exchangeDetermination: false }),
    ).toHaveLength(2);
  });

  it('requires at least one measure, M7 only for a suspected crime, and not suspension with revocation (S001B-PENALTY-04)', () => {
    expect(validateSanctionSet({ measures: ['M1', 'M3'], ...found })).toEqual([]);
    expect(validateSanctionSet({ measures: [], ...found })).toEqual(['AT_LEAST_ONE_MEASURE']);
    expect(validateSanctionSet({ measures: ['M7'], suspectedCrime: false, ...found })).toEqual([
      'M7_REQUIRES_SUSPECTED_CRIME',
    ]);
    expect(validateSanctionSet({ measures: ['M4', 'M5'], ...found })).toEqual([
      'SUSPEND_AND_REVOKE_TOGETHER',
    ]);
    expect(measuresFor('P11')?.[0]?.[0]).toBe('S001B-PENALTY-04');
  });

  it('sets economic compensation at no less than the illicit gain (S001B-PENALTY-05)', () => {
    expect(minCompensation(12_000_000)).toBe(12_000_000);
    expect(minCompensation(0)).toBe(0);
    const base = { measures: ['M6' as const], illicitGainFen: 12_000_000, ...found };
    expect(validateSanctionSet({ ...base, compensationFen: 15_000_000 })).toEqual([]);
    expect(validateSanctionSet({ ...base, compensationFen: 10_000_000 })).toEqual(['M6_BELOW_ILLICIT_GAIN']);
    expect(() => minCompensation(-1)).toThrowError(expect.objectContaining({ code: 'invalid_money' }));
  });

  it('issues a notice or criticism with a deadline and cancels membership when the fix fails or never comes (S001B-PENALTY-06)', () => {
    expect(measuresFor('R10')?.map((l) => l[0])).toEqual(['S001B-PENALTY-06', 'S001B-PENALTY-06']);
    expect(measuresFor('R10')?.[0]).toEqual([
      'S001B-PENALTY-06',
      'one',
      ['rectificationNotice', 'circulatedCriticism'],
    ]);
    expect(rectificationOutcome('PASSED')).toBe('ACTIVE');
    expect(rectificationOutcome('FAILED')).toBe('CANCELLED');
    expect(rectificationOutcome('NOT_SUBMITTED')).toBe('CANCELLED');
  });

  it('answers late fees and improper charging with a warning talk and mandatory training (S001B-PENALTY-07)', () => {
    expect(measuresFor('W2')).toEqual([
      ['S001B-PENALTY-07', 'all', ['warningTalkSeniorManagement', 'mandatoryTrainingStaff']],
    ]);
  });

  it('revokes membership on the X grounds, fees kept (S001B-PENALTY-08)', () => {
    expect(measuresFor('X1')).toEqual([['S001B-PENALTY-08', 'all', ['revokeMembership', 'feesNotRefunded']]]);
  });

  it('needs 3 months without trading AND an unfiled membership elsewhere for X3, by the text’s 且 (S001B-PENALTY-09)', () => {
    const base = {
      lastTradeDate: '2024-01-15',
      justifiedReason: false,
      otherVenueQualificationWithoutApproval: true,
    };
    expect(meetsInactivityGround({ ...base, asOf: '2024-04-14' })).toBe(false);
    expect(meetsInactivityGround({ ...base, asOf: '2024-04-15' })).toBe(true);
    const noOther = { ...base, asOf: '2024-04-15', otherVenueQualificationWithoutApproval: false };
    expect(meetsInactivityGround(noOther)).toBe(false);
    expect(meetsInactivityGround({ ...noOther, mode: 'EITHER' })).toBe(true);
    expect(measuresFor('X3')?.[0]?.[0]).toBe('S001B-PENALTY-09');
  });

  it('refunds no membership fee on revocation (S001B-PENALTY-10)', () => {
    expect(feeRefundOnRevocation({ qualificationFeeFen: 10_000_000, managementFeeFen: 2_000_000 })).toEqual({
      refundFen: 0,
      keptFen: 12_000_000,
    });
  });
});
