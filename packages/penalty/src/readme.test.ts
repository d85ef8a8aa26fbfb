import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { assessPenalties, dealerFileSchedule, preset } from './index.js';

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
      [late('2024-03-20'), late('2024-03-07')],
      dealerFileSchedule(),
      ctx,
    );

    const march = value.persons[0]?.periods[0];
    expect(march?.lines.map((l) => l.arithmetic)).toEqual(['50.00 × 1 = 50.00', '50.00 × 1 × 2 = 100.00']);
    expect(march?.total).toBe(15000);
    expect(trace[0]?.rule).toBe('S000-PENALTY-06');
  });

  it('looks presets up by name and refuses unknown ones', () => {
    expect(preset('dealerFile').id).toBe('dealer-customer-file-fines');
    expect(() => preset('nope')).toThrowError(expect.objectContaining({ code: 'unknown_reference' }));
  });
});
