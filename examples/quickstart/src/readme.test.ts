// The README and package READMEs promise these results; keep them true.
import { chinaCalendar, statutoryDay } from '@zhidu/calendar-cn';
import { allocate, deadline, formatMoney, lateness, multiplyMoney, weekdayCalendar, yuan } from '@zhidu/core';
import { describe, expect, it } from 'vitest';

describe('README examples', () => {
  it('root README: a 1-working-day limit lands on the make-up Sunday, lateness counts workdays', () => {
    const calendar = chinaCalendar();
    const due = deadline('2025-01-24T17:40:00+08:00', { unit: 'workingDays', amount: 1 }, { calendar });
    expect(due.at).toBe('2025-01-26T15:59:59.999Z');
    expect(lateness(due, '2025-02-06T10:00:00+08:00', { unit: 'workingDays' }, { calendar }).units).toBe(3);
    expect(allocate(yuan(100), [1, 1, 1]).map((f) => formatMoney(f))).toEqual(['¥33.34', '¥33.33', '¥33.33']);
  });

  it('core README: money, business hours and started 24-hour blocks', () => {
    expect(multiplyMoney(yuan(1999), '15%')).toBe(29985);
    const due = deadline(
      '2025-03-07T16:00:00+08:00',
      { unit: 'workingHours', amount: 4 },
      { calendar: weekdayCalendar() },
    );
    expect(due.at).toBe('2025-03-10T03:00:00.000Z');
    expect(lateness('2025-03-01T00:00:00Z', '2025-03-02T01:00:00Z', { unit: 'blocks24h' }).units).toBe(2);
  });

  it('calendar-cn README: holiday weeks and make-up days', () => {
    const cal = chinaCalendar();
    expect(cal.addWorkdays('2025-09-30', 3)).toBe('2025-10-11');
    expect(cal.addWorkdays('2025-01-24', 1)).toBe('2025-01-26');
    expect(statutoryDay('2025-10-03')).toEqual({
      date: '2025-10-03',
      workday: false,
      kind: 'holiday',
      name: '国庆节',
    });
    expect(
      deadline('2025-09-30T17:40:00+08:00', { unit: 'workingHours', amount: 2 }, { calendar: cal }).at,
    ).toBe('2025-10-09T02:40:00.000Z');
  });
});
