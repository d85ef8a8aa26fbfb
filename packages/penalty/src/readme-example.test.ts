import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  assessPenalties,
  dealerFileSchedule,
  LEDGER_STEPS,
  type PenaltyCustomRule,
  penaltyLedgerWith,
  preset,
} from './index.js';

// The README's 30-second example, verbatim, so it cannot rot.
describe('README example', () => {
  it('prices two late new-car files in one month: 50 then doubled to 100 (S000-PENALTY-01, S000-PENALTY-06)', () => {
    const late = (day: string) => ({
      code: 'records.handover.late', // as @zhidu/records emits it
      personId: 'sc-wang',
      role: 'salesConsultant',
      occurredAt: `${day}T23:59:59+08:00`,
      lateBy: { unit: 'workingDays' as const, units: 2 },
      source: { module: '@zhidu/records', rule: 'S000-ARCHIVE-07' },
    });

    const ctx = makeContext({ now: '2024-03-31T18:00:00+08:00', calendar: chinaCalendar() });
    const { value, trace } = assessPenalties(
      { violations: [late('2024-03-20'), late('2024-03-07')] },
      dealerFileSchedule(),
      ctx,
    );

    const march = value.result.persons[0]?.periods[0];
    expect(march?.lines.map((l) => l.arithmetic)).toEqual(['50.00 × 1 = 50.00', '50.00 × 1 × 2 = 100.00']);
    expect(march?.total).toBe(15000);
    expect(trace[0]?.rule).toBe('S000-PENALTY-06');
  });

  it('looks presets up by name and refuses unknown ones', () => {
    expect(preset('dealerFile').id).toBe('dealer-customer-file-fines');
    expect(() => preset('nope')).toThrowError(expect.objectContaining({ code: 'unknown_reference' }));
  });

  it('runs the README custom-rule example: an excused violation is not counted, so no doubling (S000-PENALTY-06)', () => {
    const late = (day: string) => ({
      code: 'records.handover.late',
      personId: 'sc-wang',
      role: 'salesConsultant',
      occurredAt: `${day}T23:59:59+08:00`,
      lateBy: { unit: 'workingDays' as const, units: 2 },
      source: { module: '@zhidu/records', rule: 'S000-ARCHIVE-07' },
    });
    const ctx = makeContext({ now: '2024-03-31T18:00:00+08:00', calendar: chinaCalendar() });
    const excused: PenaltyCustomRule = {
      after: LEDGER_STEPS.match,
      step: {
        id: 'acme.excused',
        clause: 'ACME 档案管理补充规定 §1',
        run: (stage, step) => {
          const entries = stage.entries.filter((e) => e.v.data?.excused !== true);
          step.note('经理免除的违规不计', 'Excused violations are not counted');
          return { ...stage, entries };
        },
      },
    };
    const violations = [{ ...late('2024-03-07'), data: { excused: true } }, late('2024-03-20')];
    expect(assessPenalties({ violations }, dealerFileSchedule(), ctx).value.result.total).toBe(15000);
    const acme = penaltyLedgerWith({ customRules: [excused] });
    const m = acme.evaluate({ violations }, dealerFileSchedule(), ctx);
    expect(m.value.result.total).toBe(5000);
    expect(acme.evaluate({ violations }, acme.preset('dealer-file'), ctx).value.result).toEqual(
      m.value.result,
    );
  });
});
