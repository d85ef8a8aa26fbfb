import { makeContext, type ViolationInput } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { assessPenalties } from '../assess.js';
import { constructionSchedule } from './construction.js';

const ctx = { ...makeContext({ now: '2024-12-31T12:00:00+08:00' }), roster: { emcDirector: 'emc', cengoHead: 'cengo', documentClerk: 'clerk', supervisingEngineer: 'eng', amcDirector: 'amc', mpcDirector: 'mpc' } };
const src = { module: 'construction', rule: 'site-inspection' };
const v = (code: string, personId: string, extra: Partial<ViolationInput> = {}): ViolationInput => ({
  code,
  personId,
  occurredAt: '2024-06-10T10:00:00+08:00',
  source: src,
  ...extra,
});

function totals(violations: ViolationInput[]) {
  const { value } = assessPenalties(violations, constructionSchedule(), ctx);
  return Object.fromEntries(value.persons.map((p) => [p.personId, p.total]));
}

describe('construction management fines (seed 000 L349–595)', () => {
  it('validates as a schedule', () => {
    expect(constructionSchedule().params.items.length).toBeGreaterThan(60);
  });
});
