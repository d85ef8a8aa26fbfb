import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import { defineCalendar, weekdayCalendar } from './calendar.js';
import {
  compileDeadline,
  type DurationSpec,
  DurationSpecSchema,
  deadline,
  explainDeadline,
  isLate,
  lateness,
} from './duration.js';
import { ZhiduError } from './errors.js';

/** A wall-clock time in Asia/Shanghai, as the regulations state them. */
const sh = (date: string, time: string) => `${date}T${time}+08:00`;
/** The canonical UTC instant of a Shanghai wall-clock time. */
const at = (date: string, time: string) => new Date(sh(date, time)).toISOString();
/** 23:59:59.999 on a Shanghai date: the catalog's "end of the N-th day" (convention C2). */
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

describe('minutes and hours: wall clock from the exact event instant', () => {
  it('gives a plan 30 minutes, met at exactly 10:15:00, breached at 10:15:01 (S001B-SLA-01)', () => {
    const due = deadline(sh('2024-05-10', '09:45:00'), { unit: 'minutes', amount: 30 });
    expect(due).toEqual({ at: at('2024-05-10', '10:15:00'), inclusive: true });
    expect(isLate(due, sh('2024-05-10', '10:15:00'))).toBe(false);
    expect(isLate(due, sh('2024-05-10', '10:15:01'))).toBe(true);
    // received 23:50 → due 00:20 the next day
    expect(deadline(sh('2024-05-10', '23:50:00'), { unit: 'minutes', amount: 30 }).at).toBe(
      at('2024-05-11', '00:20:00'),
    );
  });

  it('answers a complaint within 1 hour: 14:50 met, 15:05 not (S004-SLA-04)', () => {
    const due = deadline(sh('2024-03-04', '14:00:00'), { unit: 'hours', amount: 1 });
    expect(due.at).toBe(at('2024-03-04', '15:00:00'));
    expect(isLate(due, sh('2024-03-04', '14:50:00'))).toBe(false);
    expect(isLate(due, sh('2024-03-04', '15:05:00'))).toBe(true);
  });

  it('takes fractional hours', () => {
    expect(deadline(sh('2024-03-04', '14:00:00'), { unit: 'hours', amount: 1.5 }).at).toBe(
      at('2024-03-04', '15:30:00'),
    );
  });

  it('counts each started 24-hour block of lateness: 23 h → 1, 49 h → 3 (S000-MILESTONE-12, 每延迟24小时)', () => {
    const due = deadline(sh('2024-07-16', '10:00:00'), { unit: 'hours', amount: 48 });
    expect(due.at).toBe(at('2024-07-18', '10:00:00'));
    expect(lateness(due, sh('2024-07-18', '09:00:00'), { unit: 'blocks24h' })).toEqual({
      late: false,
      units: 0,
      unit: 'blocks24h',
      ms: 0,
    });
    expect(lateness(due, sh('2024-07-19', '09:00:00'), { unit: 'blocks24h' }).units).toBe(1);
    const late = lateness(due, sh('2024-07-20', '11:00:00'), { unit: 'blocks24h' });
    expect(late).toEqual({ late: true, units: 3, unit: 'blocks24h', ms: 49 * 3_600_000 });
    // the alternative `floor` reading (C3): only completed blocks count
    expect(lateness(due, sh('2024-07-20', '11:00:00'), { unit: 'blocks24h', rounding: 'floor' }).units).toBe(
      2,
    );
  });

  it('counts started minutes and hours of lateness (C3 "每超1小时")', () => {
    const due = at('2024-03-04', '15:00:00');
    expect(lateness(due, sh('2024-03-04', '15:00:30'), { unit: 'minutes' }).units).toBe(1);
    expect(lateness(due, sh('2024-03-04', '16:01:00'), { unit: 'hours' }).units).toBe(2);
    expect(lateness(due, sh('2024-03-04', '16:01:00'), { unit: 'hours', rounding: 'floor' }).units).toBe(1);
  });
});

describe('calendar days: start day not counted, due at the end of the N-th day (C2)', () => {
  it('closes a complaint within 7 days of 2024-03-01: 03-08 on time, 03-09 one day over (S000-COMPLAINT-17)', () => {
    const due = deadline(sh('2024-03-01', '10:00:00'), { unit: 'calendarDays', amount: 7 });
    expect(due.at).toBe(endOf('2024-03-08'));
    expect(isLate(due, sh('2024-03-08', '23:59:59'))).toBe(false);
    expect(lateness(due, sh('2024-03-09', '10:00:00'), { unit: 'calendarDays' }).units).toBe(1);
    // still open at 2024-03-12 10:00 → overdue 4 days, by calendar day and by started 24-hour block alike
    expect(lateness(due, sh('2024-03-12', '10:00:00'), { unit: 'calendarDays' }).units).toBe(4);
    expect(lateness(due, sh('2024-03-12', '10:00:00'), { unit: 'blocks24h' }).units).toBe(4);
  });

  it('runs 90 days from 2024-01-10 to 2024-04-09; met 04-12 is 3 days late (S000-MILESTONE-01)', () => {
    const due = deadline(sh('2024-01-10', '12:00:00'), { unit: 'calendarDays', amount: 90 });
    expect(due.at).toBe(endOf('2024-04-09'));
    expect(isLate(due, sh('2024-04-09', '18:00:00'))).toBe(false);
    expect(lateness(due, sh('2024-04-12', '09:00:00'), { unit: 'calendarDays' }).units).toBe(3);
    expect(lateness(due, sh('2024-04-10', '09:00:00'), { unit: 'calendarDays' }).units).toBe(1);
  });

  it('can keep the start time instead of the end of day', () => {
    expect(
      deadline(sh('2024-03-01', '10:00:00'), { unit: 'calendarDays', amount: 7, at: 'sameTime' }).at,
    ).toBe(at('2024-03-08', '10:00:00'));
  });
});

describe('working days (工作日) on the context calendar', () => {
  const ctx = { calendar: weekdayCalendar() };

  it('gives a solution 1 working day: Mon 15:00 → end of Tue; Fri → end of Mon (S000-COMPLAINT-20)', () => {
    const mon = deadline(sh('2024-03-04', '15:00:00'), { unit: 'workingDays', amount: 1 }, ctx);
    expect(mon.at).toBe(endOf('2024-03-05'));
    expect(isLate(mon, sh('2024-03-05', '17:00:00'))).toBe(false);
    const fri = deadline(sh('2024-03-08', '15:00:00'), { unit: 'workingDays', amount: 1 }, ctx);
    expect(fri.at).toBe(endOf('2024-03-11'));
    expect(isLate(fri, sh('2024-03-11', '17:00:00'))).toBe(false);
    expect(lateness(fri, sh('2024-03-12', '17:00:00'), { unit: 'workingDays' }, ctx).units).toBe(1);
  });

  it('uses Mon–Fri when no calendar is given', () => {
    expect(deadline(sh('2024-03-08', '15:00:00'), { unit: 'workingDays', amount: 1 }).at).toBe(
      endOf('2024-03-11'),
    );
  });

  it('hands over a new-car file within 3 working days: Mon 03-04 → Thu 03-07 (S000-ARCHIVE-07)', () => {
    expect(deadline(sh('2024-03-04', '10:00:00'), { unit: 'workingDays', amount: 3 }, ctx).at).toBe(
      endOf('2024-03-07'),
    );
  });

  it('gives a multi-trade repair 7 working days: 03-04 → Wed 03-13 24:00 (S002-SLA-04)', () => {
    expect(deadline(sh('2024-03-04', '10:00:00'), { unit: 'workingDays', amount: 7 }, ctx).at).toBe(
      endOf('2024-03-13'),
    );
    expect(deadline(sh('2024-03-08', '10:00:00'), { unit: 'workingDays', amount: 3 }, ctx).at).toBe(
      endOf('2024-03-13'),
    );
  });

  it('gives a written reply 3 working days from Fri 2024-03-08 11:00: Wed 03-13 24:00 (S004-SLA-04)', () => {
    const due = deadline(sh('2024-03-08', '11:00:00'), { unit: 'workingDays', amount: 3 }, ctx);
    expect(due.at).toBe(endOf('2024-03-13'));
    // the same limit read to the end of business hours, or to the start's time of day
    expect(
      deadline(sh('2024-03-08', '11:00:00'), { unit: 'workingDays', amount: 3, at: 'endOfWork' }, ctx).at,
    ).toBe(at('2024-03-13', '18:00:00'));
    expect(
      deadline(sh('2024-03-08', '11:00:00'), { unit: 'workingDays', amount: 3, at: 'sameTime' }, ctx).at,
    ).toBe(at('2024-03-13', '11:00:00'));
  });

  it('counts repeat violations per missed working day after the order (S000-PENALTY-09)', () => {
    // order Thu 2024-03-07 → corrected Tue 03-12: the deadlines Fri 03-08 and Mon 03-11 were both missed → n = 2
    const due = deadline(sh('2024-03-07', '10:00:00'), { unit: 'workingDays', amount: 1 }, ctx);
    expect(lateness(due, sh('2024-03-12', '10:00:00'), { unit: 'workingDays' }, ctx).units).toBe(2);
    // order Mon 03-04, corrected Tue 03-05 → 0; corrected Wed 03-06 → 1
    const mon = deadline(sh('2024-03-04', '10:00:00'), { unit: 'workingDays', amount: 1 }, ctx);
    expect(lateness(mon, sh('2024-03-05', '16:00:00'), { unit: 'workingDays' }, ctx).units).toBe(0);
    expect(lateness(mon, sh('2024-03-06', '16:00:00'), { unit: 'workingDays' }, ctx).units).toBe(1);
  });

  it('starts counting from the next working day when the event falls on a weekend', () => {
    expect(deadline(sh('2024-03-09', '10:00:00'), { unit: 'workingDays', amount: 1 }, ctx).at).toBe(
      endOf('2024-03-11'),
    );
  });
});

describe('working hours / minutes within business hours (lunch excluded)', () => {
  const ctx = { calendar: weekdayCalendar() };

  it('reads "1 working day" as 24 working hours when so configured (S000B-COMPLAINT-04, alternative reading)', () => {
    // Fri 17:40–18:00 (20 min), Mon and Tue 8 h each, Wed 09:00–12:00 and 13:00–17:40
    const due = deadline(sh('2024-03-08', '17:40:00'), { unit: 'workingHours', amount: 24 }, ctx);
    expect(due.at).toBe(at('2024-03-13', '17:40:00'));
  });

  it('skips the lunch break and the weekend', () => {
    expect(deadline(sh('2024-03-04', '11:30:00'), { unit: 'workingHours', amount: 1 }, ctx).at).toBe(
      at('2024-03-04', '13:30:00'),
    );
    expect(deadline(sh('2024-03-08', '17:50:00'), { unit: 'workingMinutes', amount: 30 }, ctx).at).toBe(
      at('2024-03-11', '09:20:00'),
    );
    expect(deadline(sh('2024-03-09', '10:00:00'), { unit: 'workingMinutes', amount: 30 }, ctx).at).toBe(
      at('2024-03-11', '09:30:00'),
    );
  });

  it('follows the calendar configured hours', () => {
    const calendar = defineCalendar({ hours: { spans: [{ start: '08:30', end: '17:30' }] } });
    expect(deadline(sh('2024-03-04', '17:00:00'), { unit: 'workingHours', amount: 1 }, { calendar }).at).toBe(
      at('2024-03-05', '09:00:00'),
    );
  });

  it('counts late business minutes only inside business hours', () => {
    const due = at('2024-03-08', '17:50:00');
    expect(lateness(due, sh('2024-03-11', '09:20:00'), { unit: 'workingMinutes' }, ctx)).toMatchObject({
      late: true,
      units: 30,
    });
  });
});

describe('calendar months (N个月): same day-of-month, clamped to month end', () => {
  it('clamps Jan 31 + 1 month to Feb 29 in a leap year and Feb 28 otherwise', () => {
    expect(deadline(sh('2024-01-31', '10:00:00'), { unit: 'calendarMonths', amount: 1 }).at).toBe(
      endOf('2024-02-29'),
    );
    expect(deadline(sh('2025-01-31', '10:00:00'), { unit: 'calendarMonths', amount: 1 }).at).toBe(
      endOf('2025-02-28'),
    );
  });

  it('gives interim acceptance 3 months: 2024-05-20 → 08-20, obtained 08-25 is 5 days late (S000-MILESTONE-18)', () => {
    const due = deadline(sh('2024-05-20', '16:00:00'), { unit: 'calendarMonths', amount: 3 });
    expect(due.at).toBe(endOf('2024-08-20'));
    expect(lateness(due, sh('2024-08-25', '10:00:00'), { unit: 'calendarDays' }).units).toBe(5);
  });

  it('refunds the margin reserve at +4 and +6 months: 2024-08-31 → 12-31 and 2025-02-28 (S001B-MILESTONE-04)', () => {
    const announced = sh('2024-08-31', '00:00:00');
    expect(deadline(announced, { unit: 'calendarMonths', amount: 4, at: 'sameTime' }).at).toBe(
      at('2024-12-31', '00:00:00'),
    );
    expect(deadline(announced, { unit: 'calendarMonths', amount: 6, at: 'sameTime' }).at).toBe(
      at('2025-02-28', '00:00:00'),
    );
  });

  it('expires a 2-month file at the start of the same day two months on, exclusive (S001-ATTR-12)', () => {
    const expiry = deadline(sh('2024-01-15', '00:00:00'), {
      unit: 'calendarMonths',
      amount: 2,
      at: 'sameTime',
      inclusive: false,
    });
    expect(expiry).toEqual({ at: at('2024-03-15', '00:00:00'), inclusive: false });
    expect(isLate(expiry, sh('2024-03-14', '18:00:00'))).toBe(false); // still valid on 03-14
    expect(isLate(expiry, sh('2024-03-15', '00:00:00'))).toBe(true); // expired on 03-15
    const clamped = deadline(sh('2023-12-31', '00:00:00'), {
      unit: 'calendarMonths',
      amount: 2,
      at: 'sameTime',
    });
    expect(clamped.at).toBe(at('2024-02-29', '00:00:00'));
  });
});

describe('end of month (当月底)', () => {
  it('collects a shipment by the last day of its month: 2024-03-12 and 2024-03-30 → 03-31 (S000-CREDIT-13)', () => {
    expect(deadline(sh('2024-03-12', '10:00:00'), { unit: 'endOfMonth' }).at).toBe(endOf('2024-03-31'));
    expect(deadline(sh('2024-03-30', '10:00:00'), { unit: 'endOfMonth' }).at).toBe(endOf('2024-03-31'));
  });

  it('wants next month’s visit plan by the end of this month (S001B-FOLLOWUP-13)', () => {
    // target 2024-03 → due 2024-02-29; target 2025-01 → due 2024-12-31
    expect(deadline(sh('2024-02-10', '10:00:00'), { unit: 'endOfMonth' }).at).toBe(endOf('2024-02-29'));
    expect(deadline(sh('2024-12-05', '10:00:00'), { unit: 'endOfMonth' }).at).toBe(endOf('2024-12-31'));
    // target 2024-05 submitted 2024-05-01 08:00 → late
    expect(
      isLate(deadline(sh('2024-04-01', '09:00:00'), { unit: 'endOfMonth' }), sh('2024-05-01', '08:00:00')),
    ).toBe(true);
  });

  it('can look months ahead, clamping from the 31st', () => {
    expect(deadline(sh('2024-01-31', '10:00:00'), { unit: 'endOfMonth', monthsAhead: 1 }).at).toBe(
      endOf('2024-02-29'),
    );
    expect(deadline(sh('2024-12-15', '10:00:00'), { unit: 'endOfMonth', monthsAhead: 2 }).at).toBe(
      endOf('2025-02-28'),
    );
  });
});

describe('day of month ("before the Nth of next month", 次月N日前)', () => {
  it('wants last month’s complaint statistics by the 10th: 04-10 18:00 on time, 04-11 late (S000-COMPLAINT-18)', () => {
    const due = deadline(sh('2024-03-20', '10:00:00'), { unit: 'dayOfMonth', day: 10 });
    expect(due).toEqual({ at: endOf('2024-04-10'), inclusive: true });
    expect(isLate(due, sh('2024-04-10', '18:00:00'))).toBe(false);
    expect(isLate(due, sh('2024-04-11', '09:00:00'))).toBe(true);
  });

  it('reads "5日前" either inclusively (by the 5th) or exclusively (before the 5th begins) (S000-MILESTONE-26)', () => {
    const start = sh('2024-02-20', '10:00:00');
    const by5th = deadline(start, { unit: 'dayOfMonth', day: 5 });
    expect(by5th.at).toBe(endOf('2024-03-05'));
    expect(isLate(by5th, sh('2024-03-05', '20:00:00'))).toBe(false);
    expect(isLate(by5th, sh('2024-03-08', '10:00:00'))).toBe(true); // meeting on 03-08 → 200 CNY
    const before5th = deadline(start, { unit: 'dayOfMonth', day: 5, inclusive: false });
    expect(before5th).toEqual({ at: at('2024-03-05', '00:00:00'), inclusive: false });
    expect(isLate(before5th, sh('2024-03-04', '23:59:59'))).toBe(false);
    expect(isLate(before5th, sh('2024-03-05', '00:00:00'))).toBe(true);
  });

  it('takes a time of day and the current month: next month’s plan by 17:00 on the 28th (S000-MILESTONE-09)', () => {
    const due = deadline(sh('2024-02-01', '09:00:00'), {
      unit: 'dayOfMonth',
      day: 28,
      monthsAhead: 0,
      time: '17:00',
    });
    expect(due.at).toBe(at('2024-02-28', '17:00:00'));
    expect(isLate(due, sh('2024-02-28', '16:30:00'))).toBe(false);
    expect(isLate(due, sh('2024-02-28', '17:00:00'))).toBe(false); // "17:00前" read as ≤ 17:00
    expect(isLate(due, sh('2024-02-28', '17:05:00'))).toBe(true);
  });

  it('clamps the day to the month’s length', () => {
    expect(deadline(sh('2025-01-15', '10:00:00'), { unit: 'dayOfMonth', day: 31 }).at).toBe(
      endOf('2025-02-28'),
    );
    expect(deadline(sh('2024-12-15', '10:00:00'), { unit: 'dayOfMonth', day: 5 }).at).toBe(
      endOf('2025-01-05'),
    );
  });
});

describe('next day (次日) and same day (当日)', () => {
  it('formalises minutes the next day: meeting 05-10 14:00 → end of 05-11; draft 24 h → 05-11 14:00 (S000-MILESTONE-05)', () => {
    const meeting = sh('2024-05-10', '14:00:00');
    const formal = deadline(meeting, { unit: 'nextDay' });
    expect(formal.at).toBe(endOf('2024-05-11'));
    expect(isLate(formal, sh('2024-05-11', '18:00:00'))).toBe(false);
    const draft = deadline(meeting, { unit: 'hours', amount: 24 });
    expect(draft.at).toBe(at('2024-05-11', '14:00:00'));
    expect(isLate(draft, sh('2024-05-11', '16:00:00'))).toBe(true);
  });

  it('allows a special-case registration form until 10:00 the next day, inclusive (S000B-MILESTONE-01)', () => {
    const due = deadline(sh('2024-03-05', '15:00:00'), { unit: 'nextDay', time: '10:00' });
    expect(due.at).toBe(at('2024-03-06', '10:00:00'));
    expect(isLate(due, sh('2024-03-06', '09:55:00'))).toBe(false);
    expect(isLate(due, sh('2024-03-06', '10:00:00'))).toBe(false);
    expect(isLate(due, sh('2024-03-06', '10:05:00'))).toBe(true);
    // the strict reading
    const strict = deadline(sh('2024-03-05', '15:00:00'), {
      unit: 'nextDay',
      time: '10:00',
      inclusive: false,
    });
    expect(isLate(strict, sh('2024-03-06', '10:00:00'))).toBe(true);
  });

  it('expects a normal repair the same day, by 24:00 (S004-SLA-01)', () => {
    const due = deadline(sh('2024-03-04', '16:00:00'), { unit: 'sameDay' });
    expect(due.at).toBe(endOf('2024-03-04'));
    expect(isLate(due, sh('2024-03-05', '09:50:00'))).toBe(true);
    expect(deadline(sh('2024-03-04', '09:00:00'), { unit: 'sameDay', time: '17:00' }).at).toBe(
      at('2024-03-04', '17:00:00'),
    );
  });

  it('reads the day in the policy zone: 16:30Z on the 4th is already 00:30 on the 5th in Shanghai', () => {
    // 2024-03-04T16:30Z is 2024-03-05 00:30 in Shanghai
    expect(deadline('2024-03-04T16:30:00Z', { unit: 'sameDay' }).at).toBe(endOf('2024-03-05'));
    expect(deadline('2024-03-04T16:30:00Z', { unit: 'sameDay' }, { zone: 'UTC' }).at).toBe(
      '2024-03-04T23:59:59.999Z',
    );
  });
});

describe('before end of work (下班前)', () => {
  const ctx = { calendar: weekdayCalendar() };

  it('sends the daily registration form before going off work, workday end 18:00 (S000B-MILESTONE-01)', () => {
    const due = deadline(sh('2024-03-05', '10:00:00'), { unit: 'endOfWork', time: '18:00' }, ctx);
    expect(due.at).toBe(at('2024-03-05', '18:00:00'));
    expect(isLate(due, sh('2024-03-05', '17:40:00'))).toBe(false);
    expect(isLate(due, sh('2024-03-05', '18:10:00'))).toBe(true);
  });

  it('defaults to the calendar’s end of business hours, and takes a configured time', () => {
    expect(deadline(sh('2024-03-05', '10:00:00'), { unit: 'endOfWork' }, ctx).at).toBe(
      at('2024-03-05', '18:00:00'),
    );
    expect(deadline(sh('2024-03-05', '10:00:00'), { unit: 'endOfWork', time: '17:30' }, ctx).at).toBe(
      at('2024-03-05', '17:30:00'),
    );
    const calendar = defineCalendar({ hours: { spans: [{ start: '08:30', end: '17:00' }] } });
    expect(deadline(sh('2024-03-05', '10:00:00'), { unit: 'endOfWork' }, { calendar }).at).toBe(
      at('2024-03-05', '17:00:00'),
    );
  });

  it('moves to the next workday from a weekend, and can look workdays ahead', () => {
    expect(deadline(sh('2024-03-09', '10:00:00'), { unit: 'endOfWork' }, ctx).at).toBe(
      at('2024-03-11', '18:00:00'),
    );
    expect(deadline(sh('2024-03-08', '10:00:00'), { unit: 'endOfWork', workdaysAhead: 1 }, ctx).at).toBe(
      at('2024-03-11', '18:00:00'),
    );
  });

  it('S000B-MILESTONE-01: a form for a customer received after work ended is due at the end of the next workday’s work, not before it arrived', () => {
    // Received Tuesday 19:30, after the 18:00 end: the due was Tuesday 18:00, before the reception,
    // so the form was late on arrival.
    const evening = deadline(sh('2024-03-05', '19:30:00'), { unit: 'endOfWork', time: '18:00' }, ctx);
    expect(evening.at).toBe(at('2024-03-06', '18:00:00'));
    expect(isLate(evening, sh('2024-03-06', '09:10:00'))).toBe(false);
    // Friday evening: Monday's end of work; the calendar's own end the same way.
    expect(deadline(sh('2024-03-08', '18:30:00'), { unit: 'endOfWork' }, ctx).at).toBe(
      at('2024-03-11', '18:00:00'),
    );
    // Exactly at the end is still that day (the due instant is the start, inclusive).
    expect(deadline(sh('2024-03-05', '18:00:00'), { unit: 'endOfWork' }, ctx).at).toBe(
      at('2024-03-05', '18:00:00'),
    );
    // Workdays ahead count from the start day as before: Tuesday evening + 1 is Wednesday.
    expect(deadline(sh('2024-03-05', '19:30:00'), { unit: 'endOfWork', workdaysAhead: 1 }, ctx).at).toBe(
      at('2024-03-06', '18:00:00'),
    );
  });
});

describe('inclusive and exclusive ends', () => {
  it('treats the due instant as on time when inclusive (以内/届满), late when exclusive', () => {
    const inc = deadline(sh('2024-03-04', '10:00:00'), { unit: 'hours', amount: 1 });
    const exc = deadline(sh('2024-03-04', '10:00:00'), { unit: 'hours', amount: 1, inclusive: false });
    expect(inc.inclusive).toBe(true);
    expect(exc.inclusive).toBe(false);
    expect(isLate(inc, inc.at)).toBe(false);
    expect(isLate(exc, exc.at)).toBe(true);
    expect(lateness(exc, exc.at, { unit: 'minutes' })).toMatchObject({ late: true, units: 1, ms: 0 });
    // a bare instant is read as inclusive
    expect(isLate(inc.at, inc.at)).toBe(false);
  });
});

describe('refused specs and inputs', () => {
  const negatives: DurationSpec[] = [
    { unit: 'minutes', amount: -1 },
    { unit: 'hours', amount: -0.5 },
    { unit: 'calendarDays', amount: -1 },
    { unit: 'workingDays', amount: -1 },
    { unit: 'workingHours', amount: -2 },
    { unit: 'workingMinutes', amount: -30 },
    { unit: 'calendarMonths', amount: -1 },
  ];
  it.each(negatives)('refuses a negative duration %j with invalid_duration', (spec) => {
    const e = zhiduError(() => deadline(sh('2024-03-04', '10:00:00'), spec));
    expect(e.code).toBe('invalid_duration');
    expect(e.path).toEqual(['spec', 'amount']);
  });

  it.each([
    ['negative monthsAhead', { unit: 'endOfMonth', monthsAhead: -1 }],
    ['day 32', { unit: 'dayOfMonth', day: 32 }],
    ['a fractional day count', { unit: 'calendarDays', amount: 1.5 }],
    ['a bad time', { unit: 'nextDay', time: '25:00' }],
    ['an unknown unit', { unit: 'fortnights', amount: 1 }],
    ['NaN', { unit: 'hours', amount: Number.NaN }],
  ])('refuses %s with invalid_duration', (_label, spec) => {
    expect(zhiduError(() => deadline(sh('2024-03-04', '10:00:00'), spec as DurationSpec)).code).toBe(
      'invalid_duration',
    );
  });

  it('refuses a bad start, an unknown zone and an unknown lateness unit', () => {
    const e = zhiduError(() => deadline('2024-03-04 10:00', { unit: 'hours', amount: 1 }));
    expect(e.code).toBe('invalid_instant');
    expect(e.path).toEqual(['start']);
    expect(
      zhiduError(() => deadline(sh('2024-03-04', '10:00:00'), { unit: 'sameDay' }, { zone: 'Mars/Olympus' }))
        .code,
    ).toBe('invalid_zone');
    expect(
      zhiduError(() =>
        lateness(sh('2024-03-04', '10:00:00'), sh('2024-03-05', '10:00:00'), { unit: 'weeks' as 'hours' }),
      ).code,
    ).toBe('invalid_duration');
    expect(zhiduError(() => isLate(sh('2024-03-04', '10:00:00'), 'tomorrow')).code).toBe('invalid_instant');
  });

  // core-bugs.md #7: a huge calendar-day amount throws a bare RangeError instead of a ZhiduError.
  it('refuses a calendar-day amount past the Date range with a ZhiduError (core-bugs.md #7)', () => {
    const e = zhiduError(() => deadline(sh('2025-01-01', '00:00:00'), { unit: 'calendarDays', amount: 1e9 }));
    expect(e.path[0]).toBe('spec');
  });

  it('exports a JSON Schema for DurationSpec (policies embed it)', async () => {
    const { z } = await import('zod');
    const schema = z.toJSONSchema(DurationSpecSchema, { io: 'input' }) as {
      oneOf?: unknown[];
      anyOf?: unknown[];
    };
    expect((schema.oneOf ?? schema.anyOf ?? []).length).toBe(13);
  });
});

describe('exclusive day-end limits and business-hour lateness', () => {
  const cal = weekdayCalendar();

  it('reads an exclusive day-end limit as "before that day begins"', () => {
    const start = '2025-03-10T10:00:00+08:00';
    expect(deadline(start, { unit: 'calendarDays', amount: 3 }).at).toBe('2025-03-13T15:59:59.999Z');
    expect(deadline(start, { unit: 'calendarDays', amount: 3, inclusive: false })).toEqual({
      at: '2025-03-12T16:00:00.000Z',
      inclusive: false,
    });
    expect(deadline(start, { unit: 'endOfMonth', inclusive: false }).at).toBe('2025-03-30T16:00:00.000Z');
    expect(deadline(start, { unit: 'nextDay', inclusive: false }).at).toBe('2025-03-10T16:00:00.000Z');
    const strict = deadline(start, { unit: 'dayOfMonth', day: 5, inclusive: false });
    expect(isLate(strict, '2025-04-04T23:59:59+08:00')).toBe(false);
    expect(isLate(strict, '2025-04-05T00:00:00+08:00')).toBe(true);
  });

  it('counts lateness in started business hours', () => {
    // Due Friday 17:00; done Monday 10:30 → 1 h Friday + 1.5 h Monday = 2.5 business hours → 3 started hours.
    const due = '2025-03-07T17:00:00+08:00';
    const late = lateness(due, '2025-03-10T10:30:00+08:00', { unit: 'workingHours' }, { calendar: cal });
    expect(late).toMatchObject({ late: true, units: 3, unit: 'workingHours' });
    expect(
      lateness(
        due,
        '2025-03-10T10:30:00+08:00',
        { unit: 'workingHours', rounding: 'floor' },
        { calendar: cal },
      ).units,
    ).toBe(2);
  });
});

describe('compileDeadline and seconds', () => {
  it('validates once and computes the same deadlines as deadline()', async () => {
    const { compileDeadline } = await import('./duration.js');
    const cal = weekdayCalendar();
    const due = compileDeadline({ unit: 'workingDays', amount: 3 }, { calendar: cal });
    for (const start of ['2025-03-07T17:40:00+08:00', '2025-03-10T09:00:00+08:00']) {
      expect(due(start)).toEqual(deadline(start, { unit: 'workingDays', amount: 3 }, { calendar: cal }));
    }
    expect(() => compileDeadline({ unit: 'workingDays', amount: -1 })).toThrowError(ZhiduError);
  });

  it('counts seconds (30秒内, seed 004 T6-08b)', () => {
    expect(deadline('2025-03-07T17:40:00+08:00', { unit: 'seconds', amount: 30 }).at).toBe(
      '2025-03-07T09:40:30.000Z',
    );
  });
});

describe('a deadline is a plain object', () => {
  it('prototype Object.prototype, constructor Object, keys at and inclusive in order', () => {
    const due = deadline(sh('2024-05-10', '09:45:00'), { unit: 'minutes', amount: 30 });
    expect(Object.getPrototypeOf(due)).toBe(Object.prototype);
    expect(due.constructor).toBe(Object);
    expect(Object.keys(due)).toEqual(['at', 'inclusive']);
    expect(JSON.stringify(due)).toBe(`{"at":"${at('2024-05-10', '10:15:00')}","inclusive":true}`);
    expect(structuredClone(due)).toStrictEqual({ at: at('2024-05-10', '10:15:00'), inclusive: true });
  });
});

describe('the time context of deadline, explainDeadline, compileDeadline and lateness is checked', () => {
  // 2025-01-24 (Fri) 17:40 + 1 working day on a calendar where Sunday the 26th is a make-up workday.
  const makeUp = defineCalendar({ overrides: { '2025-01-26': { workday: true, note: 'make-up day' } } });
  const start = '2025-01-24T17:40:00+08:00';
  const one = { unit: 'workingDays', amount: 1 } as const;

  it('a misspelt key is refused with unknown_key naming the key meant, never read as the Mon–Fri default', () => {
    expect(deadline(start, one, { calendar: makeUp }).at).toBe('2025-01-26T15:59:59.999Z');
    for (const call of [
      () => deadline(start, one, { calender: makeUp } as never),
      () => explainDeadline(start, one, { calender: makeUp } as never),
      () => compileDeadline(one, { calender: makeUp } as never),
      () =>
        lateness(
          { at: '2025-01-26T15:59:59.999Z', inclusive: true },
          '2025-01-28T10:00:00+08:00',
          { unit: 'workingDays' },
          { calender: makeUp } as never,
        ),
    ]) {
      const e = zhiduError(call);
      expect(e.code).toBe('unknown_key');
      expect(e.path).toEqual(['ctx', 'calender']);
      expect(e.message).toContain('calendar');
    }
    expect(zhiduError(() => deadline(start, one, { zon: 'UTC' } as never)).path).toEqual(['ctx', 'zon']);
  });

  it('a context that is not an object, or a calendar without its methods, is refused (was a bare TypeError)', () => {
    for (const bad of [null, 'UTC', 7, []]) {
      const e = zhiduError(() => deadline(start, one, bad as never));
      expect([e.code, e.path]).toEqual(['invalid_input', ['ctx']]);
    }
    for (const calendar of [{}, null, { isWorkday: () => true }]) {
      const e = zhiduError(() => deadline(start, one, { calendar } as never));
      expect([e.code, e.path]).toEqual(['invalid_input', ['ctx', 'calendar']]);
      expect(e.message).toContain('addWorkdays');
      const l = zhiduError(() =>
        lateness(
          { at: '2025-01-26T15:59:59.999Z', inclusive: true },
          '2025-01-28T10:00:00+08:00',
          { unit: 'workingDays' },
          {
            calendar,
          } as never,
        ),
      );
      expect(l.path).toEqual(['ctx', 'calendar']);
    }
  });
});
