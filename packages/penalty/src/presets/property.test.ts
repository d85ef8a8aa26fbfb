import { makeContext, type ViolationInput } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from '../assess.js';
import {
  assessmentConsequence,
  incentiveReview,
  propertyServiceSchedule,
  rewardEligible,
} from './property.js';

const ctx = makeContext({ now: '2024-06-30T12:00:00+08:00' });
function v(code: string, data?: Record<string, unknown>): ViolationInput {
  return {
    code,
    personId: 'cs-1',
    occurredAt: '2024-05-01T10:00:00+08:00',
    source: { module: 'records', rule: 'S003-ACCESS-01' },
    ...(data === undefined ? {} : { data }),
  };
}
const lines = (x: ViolationInput) =>
  ledgerOf([x], propertyServiceSchedule(), ctx).value.persons[0]?.periods[0]?.lines.map((l) => [
    l.select,
    l.measures,
  ]);

describe('property-company sanctions (seeds 002, 003)', () => {
  it('opens the incentive-bonus review only at the end of the quarter or year (S002-PEN-01)', () => {
    expect(incentiveReview({ period: 'Q1', year: 2024, asOf: '2024-02-15' })).toEqual({
      periodEnd: '2024-03-31',
      open: false,
    });
    expect(incentiveReview({ period: 'Q1', year: 2024, asOf: '2024-03-31' }).open).toBe(true);
    expect(incentiveReview({ period: 'year', year: 2024, asOf: '2024-12-30' }).open).toBe(false);
  });

  it('rewards excellent staff, trains or penalises unqualified ones, and offers warning, penalty or sanction for breaches (S002-PEN-02)', () => {
    expect(assessmentConsequence('excellent')).toBe('reward');
    expect(assessmentConsequence('pass')).toBe('none');
    expect(assessmentConsequence('unqualified')).toBe('trainingOrPenalty');
    expect(lines(v('service.cs.ruleBreach'))).toEqual([
      ['one', ['warning', 'penalty', 'disciplinarySanction']],
    ]);
  });

  it('sanctions a leak by severity and always pursues legal liability (S003-PENALTY-01)', () => {
    expect(lines(v('records.access.unauthorised', { severity: 3 }))).toEqual([
      ['all', ['demotion']],
      ['all', ['pursueLegalLiability']],
    ]);
    expect(lines(v('records.access.unauthorised'))).toEqual([
      ['one', ['warning', 'fine', 'demotion', 'dismissal']],
      ['all', ['pursueLegalLiability']],
    ]);
  });

  it('penalises erroneous information only when it had an adverse effect, by a scale the source lost (S003-PENALTY-02)', () => {
    const hit = ledgerOf(
      [v('records.info.erroneous', { adverseImpact: true })],
      propertyServiceSchedule(),
      ctx,
    ).value;
    expect(hit.persons[0]?.periods[0]?.lines[0]).toMatchObject({
      kind: 'unspecified',
      rule: 'S003-PENALTY-02',
    });
    const miss = ledgerOf(
      [v('records.info.erroneous', { adverseImpact: false })],
      propertyServiceSchedule(),
      ctx,
    ).value;
    expect(miss.persons).toEqual([]);
  });

  it('rewards an innovation only when adopted and effective, and satisfaction only when the survey improved (S003-PENALTY-03)', () => {
    expect(rewardEligible({ kind: 'innovation', adopted: true, goodResult: false })).toBe(false);
    expect(rewardEligible({ kind: 'innovation', adopted: true, goodResult: true })).toBe(true);
    expect(rewardEligible({ kind: 'satisfaction', surveyImprovement: 0.05 })).toBe(true);
    expect(rewardEligible({ kind: 'satisfaction', surveyImprovement: 0 })).toBe(false);
    expect(rewardEligible({ kind: 'information', valuable: true })).toBe(true);
  });
});
