import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type ViolationInput } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { ledgerOf } from './assess.js';
import { priceViolations as oraclePrice } from './oracle/pipeline.js';
import { defineSchedule } from './schedule.js';

// A points outcome's `scale` is a name the schedule's author chooses: the ledger sums points per
// scale in a record keyed by it. Names of Object.prototype members are ordinary scales; `__proto__`
// is refused (the ledger's record of points would lose it when a stored ledger is read back).

const ctx = makeContext({ now: '2024-05-15T12:00:00+08:00', calendar: chinaCalendar() });
const src = { module: 'records', rule: 'T-01' };

function schedule(scale: string) {
  return {
    id: 'points',
    version: '1',
    effectiveFrom: '2024-01-01',
    zone: 'Asia/Shanghai',
    source: { title: '员工奖惩办法' },
    params: {
      window: 'calendarMonth' as const,
      latenessRounding: 'ceil' as const,
      caps: [],
      escalations: [],
      items: [
        {
          id: 'misconduct',
          rule: 'T-PENALTY-01',
          clause: 'art. 1',
          title: { zh: '违规', en: 'Misconduct' },
          match: { code: 'staff.misconduct' },
          charges: [
            {
              to: [{ kind: 'violator' as const }],
              outcome: { kind: 'points' as const, points: 2, per: 'occurrence' as const, scale },
            },
          ],
        },
      ],
    },
  };
}

const violations: ViolationInput[] = ['2024-03-04T10:00:00+08:00', '2024-03-05T10:00:00+08:00'].map(
  (occurredAt) => ({ code: 'staff.misconduct', personId: 'p1', occurredAt, source: src }),
);

describe('points summed per scale by own key (a scale named after an Object.prototype member)', () => {
  for (const scale of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`scale ${scale}: 2 × 2 points summed to 4 in the period, as for any other scale`, () => {
      const period = ledgerOf(violations, defineSchedule(schedule(scale)), ctx).value.persons[0]?.periods[0];
      expect(period?.points).toEqual({ [scale]: 4 });
      expect(Object.keys(period?.points ?? {})).toEqual([scale]);
      expect(JSON.parse(JSON.stringify(period?.points))).toEqual({ [scale]: 4 });
      // the same as a scale of any other name
      const control = ledgerOf(violations, defineSchedule(schedule('performanceScore')), ctx).value.persons[0]
        ?.periods[0];
      expect(control?.points).toEqual({ performanceScore: 4 });
      // and as the reference implementation sums them
      const oracle = oraclePrice(violations, defineSchedule(schedule(scale)), ctx, {}).value.persons[0]
        ?.periods[0];
      expect(oracle?.points).toEqual({ [scale]: 4 });
    });
  }

  it('a scale named __proto__ is refused at its path, bilingual; Object.prototype is untouched', () => {
    const e = refusal(() => defineSchedule(schedule('__proto__')));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'items', 0, 'charges', 0, 'outcome', 'scale']);
    expect(e.message).toContain('__proto__');
    expect(e.message).toMatch(/[\u4e00-\u9fff].* \/ .*scale/);
    expect(({} as Record<string, unknown>).points).toBeUndefined();
  });
});
