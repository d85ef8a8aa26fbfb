import { deadline, lateness, weekdayCalendar, withOverrides, type ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { chinaCalendar, statutoryCoverage, statutoryDay } from './china-calendar.js';
import { type CompanyDays, type YearNotice, YearNoticeSchema } from './notice.js';

function zhiduError(fn: () => unknown): ZhiduError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).name).toBe('ZhiduError');
    return e as ZhiduError;
  }
  throw new Error('expected a ZhiduError, nothing was thrown');
}

const sh = (date: string, time: string) => `${date}T${time}:00+08:00`;
const at = (date: string, time: string) => new Date(sh(date, time)).toISOString();
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

const cal = chinaCalendar();

describe('the issue’s two anchor cases', () => {
  it('3 working days after 2025-09-30 is Sat 2025-10-11, a make-up workday after the National Day week', () => {
    expect(cal.addWorkdays('2025-09-30', 3)).toBe('2025-10-11');
    expect(cal.workdaysBetween('2025-09-30', '2025-10-11')).toBe(3);
    // plain Mon–Fri would say Fri 10-03
    expect(weekdayCalendar().addWorkdays('2025-09-30', 3)).toBe('2025-10-03');
  });

  it('1 working day after Fri 2025-01-24 is Sun 2025-01-26, the Spring Festival make-up workday', () => {
    expect(cal.addWorkdays('2025-01-24', 1)).toBe('2025-01-26');
    expect(
      deadline(sh('2025-01-24', '17:40'), { unit: 'workingDays', amount: 1 }, { calendar: cal }),
    ).toEqual({ at: endOf('2025-01-26'), inclusive: true });
  });
});

describe('2025 holiday weeks', () => {
  it('Spring Festival: 01-28 to 02-04 off, Sun 01-26 and Sat 02-08 worked', () => {
    for (const d of ['2025-01-28', '2025-01-31', '2025-02-04']) expect(cal.isWorkday(d)).toBe(false);
    expect(cal.isWorkday('2025-01-26')).toBe(true);
    expect(cal.isWorkday('2025-02-08')).toBe(true);
    expect(cal.addWorkdays('2025-01-27', 1)).toBe('2025-02-05');
    expect(cal.workdaysBetween('2025-01-24', '2025-02-05')).toBe(3); // 01-26, 01-27, 02-05
    expect(cal.addWorkdays('2025-02-05', -3)).toBe('2025-01-24');
    expect(cal.addWorkdays('2025-02-07', 1)).toBe('2025-02-08');
  });

  it('Qingming: 04-04 to 04-06 off', () => {
    expect(cal.isWorkday('2025-04-04')).toBe(false);
    expect(cal.addWorkdays('2025-04-03', 1)).toBe('2025-04-07');
  });

  it('Labour Day: 05-01 to 05-05 off, Sun 04-27 worked', () => {
    expect(cal.isWorkday('2025-04-27')).toBe(true);
    expect(cal.addWorkdays('2025-04-25', 1)).toBe('2025-04-27');
    expect(cal.addWorkdays('2025-04-30', 1)).toBe('2025-05-06');
  });

  it('Dragon Boat: 05-31 to 06-02 off', () => {
    expect(cal.isWorkday('2025-06-02')).toBe(false);
    expect(cal.addWorkdays('2025-05-30', 1)).toBe('2025-06-03');
  });

  it('National Day and Mid-Autumn: 10-01 to 10-08 off, Sun 09-28 and Sat 10-11 worked', () => {
    expect(cal.isWorkday('2025-09-28')).toBe(true);
    for (let d = 1; d <= 8; d++) expect(cal.isWorkday(`2025-10-0${d}`)).toBe(false);
    expect(cal.addWorkdays('2025-10-11', -1)).toBe('2025-10-10');
    expect(cal.addWorkdays('2025-10-09', -1)).toBe('2025-09-30');
    // 09-28, 09-29, 09-30, 10-09, 10-10, 10-11 and 10-13
    expect(cal.workdaysBetween('2025-09-26', '2025-10-13')).toBe(7);
  });
});

describe('2024 holiday weeks', () => {
  it('Spring Festival: 02-10 to 02-17 off, Sun 02-04 and Sun 02-18 worked', () => {
    expect(cal.isWorkday('2024-02-04')).toBe(true);
    expect(cal.isWorkday('2024-02-09')).toBe(true); // 除夕 is a workday under the 2024 notice
    expect(cal.isWorkday('2024-02-12')).toBe(false);
    expect(cal.addWorkdays('2024-02-09', 1)).toBe('2024-02-18');
    expect(cal.addWorkdays('2024-02-18', 1)).toBe('2024-02-19');
  });

  it('Qingming: 04-04 to 04-06 off, Sun 04-07 worked', () => {
    expect(cal.isWorkday('2024-04-05')).toBe(false);
    expect(cal.addWorkdays('2024-04-03', 1)).toBe('2024-04-07');
  });

  it('Labour Day: 05-01 to 05-05 off, Sun 04-28 and Sat 05-11 worked', () => {
    expect(cal.isWorkday('2024-04-28')).toBe(true);
    expect(cal.isWorkday('2024-05-11')).toBe(true);
    expect(cal.addWorkdays('2024-04-30', 1)).toBe('2024-05-06');
    expect(cal.workdaysBetween('2024-05-06', '2024-05-13')).toBe(6);
  });

  it('Dragon Boat: Mon 06-10 off', () => {
    expect(cal.isWorkday('2024-06-10')).toBe(false);
    expect(cal.addWorkdays('2024-06-07', 1)).toBe('2024-06-11');
  });

  it('National Day: 10-01 to 10-07 off, Sun 09-29 and Sat 10-12 worked', () => {
    expect(cal.isWorkday('2024-09-29')).toBe(true);
    expect(cal.addWorkdays('2024-09-30', 1)).toBe('2024-10-08');
    expect(cal.addWorkdays('2024-10-11', 1)).toBe('2024-10-12');
  });
});

describe('business hours on the statutory calendar', () => {
  it('defaults to 09:00–18:00 with lunch 12:00–13:00, on make-up days too', () => {
    expect(cal.workEnd('2025-10-11')).toBe(at('2025-10-11', '18:00'));
    expect(cal.spansOn('2025-10-01')).toEqual([]);
    expect(cal.addBusinessTime(sh('2025-09-30', '17:40'), 60)).toBe(at('2025-10-09', '09:40'));
    expect(cal.businessTimeBetween(sh('2025-09-30', '17:40'), sh('2025-10-09', '09:40'))).toBe(60);
  });

  it('takes configured hours', () => {
    const c = chinaCalendar({ hours: { spans: [{ start: '08:30', end: '17:30' }] } });
    expect(c.workEnd('2025-01-26')).toBe(at('2025-01-26', '17:30'));
    expect(deadline(sh('2025-01-24', '17:00'), { unit: 'workingHours', amount: 1 }, { calendar: c }).at).toBe(
      at('2025-01-26', '09:00'),
    );
  });

  it('counts lateness in statutory working days across the holiday week', () => {
    const due = deadline(sh('2025-09-29', '10:00'), { unit: 'workingDays', amount: 1 }, { calendar: cal });
    expect(due.at).toBe(endOf('2025-09-30'));
    expect(lateness(due, sh('2025-10-10', '09:00'), { unit: 'workingDays' }, { calendar: cal }).units).toBe(
      2,
    );
    expect(lateness(due, sh('2025-10-10', '09:00'), { unit: 'calendarDays' }, { calendar: cal }).units).toBe(
      10,
    );
  });
});

describe('dates outside the data', () => {
  it('are refused with calendar_out_of_range by default, never guessed', () => {
    expect(statutoryCoverage()).toEqual({ from: 2004, to: 2026, source: 'chinese-days@1.5.7' });
    for (const fn of [
      () => cal.isWorkday('2027-01-04'),
      () => cal.isWorkday('2003-12-31'),
      () => cal.addWorkdays('2026-12-30', 3),
      () => cal.workdaysBetween('2026-12-01', '2027-01-10'),
      () => cal.spansOn('2027-01-04'),
      () => statutoryDay('2027-01-04'),
    ]) {
      expect(zhiduError(fn).code).toBe('calendar_out_of_range');
    }
  });

  it('are plain Mon–Fri when the user opts in with outsideData: weekdays', () => {
    const lenient = chinaCalendar({ outsideData: 'weekdays' });
    expect(lenient.isWorkday('2027-01-04')).toBe(true); // Monday
    expect(lenient.isWorkday('2027-01-02')).toBe(false); // Saturday
    expect(lenient.addWorkdays('2026-12-30', 3)).toBe('2027-01-04');
    expect(lenient.isWorkday('2025-10-01')).toBe(false); // inside the data nothing changes
  });
});

/** A made-up notice for 2027, to show how a newly published year is registered. */
const notice2027: YearNotice = {
  year: 2027,
  holidays: {
    '2027-01-01': '元旦',
    '2027-02-05': '春节',
    '2027-02-06': '春节',
    '2027-02-07': '春节',
    '2027-02-08': '春节',
    '2027-02-09': '春节',
    '2027-02-10': '春节',
    '2027-02-11': '春节',
  },
  makeUpWorkdays: { '2027-02-13': '春节' },
};

describe('registering a newly published year (extraYears)', () => {
  it('extends the calendar to the new year', () => {
    const c = chinaCalendar({ extraYears: [notice2027] });
    expect(c.isWorkday('2027-01-01')).toBe(false);
    expect(c.isWorkday('2027-02-08')).toBe(false);
    expect(c.isWorkday('2027-02-13')).toBe(true); // Saturday make-up
    expect(c.addWorkdays('2027-02-04', 1)).toBe('2027-02-12');
    expect(c.addWorkdays('2026-12-30', 3)).toBe('2027-01-05');
    expect(zhiduError(() => c.isWorkday('2028-01-03')).code).toBe('calendar_out_of_range');
    expect(statutoryDay('2027-02-13', [notice2027])).toEqual({
      date: '2027-02-13',
      workday: true,
      kind: 'makeUpWorkday',
      name: '春节',
    });
  });

  it('replaces a built-in year with a correction', () => {
    const corrected = chinaCalendar({
      extraYears: [{ year: 2025, holidays: { '2025-01-01': '元旦' }, makeUpWorkdays: {} }],
    });
    expect(corrected.isWorkday('2025-10-01')).toBe(true);
    expect(corrected.isWorkday('2025-01-01')).toBe(false);
    expect(cal.isWorkday('2025-10-01')).toBe(false); // the default calendar is untouched
  });

  it('refuses a registration that leaves a gap', () => {
    const e = zhiduError(() =>
      chinaCalendar({ extraYears: [{ ...notice2027, year: 2028, holidays: {}, makeUpWorkdays: {} }] }),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['options', 'extraYears']);
    expect(e.message).toContain('2027');
  });

  it('refuses a misspelt key of a notice or a company file instead of dropping it (published decides which file wins)', () => {
    const typo = zhiduError(() =>
      chinaCalendar({ extraYears: [{ ...notice2027, publised: '2026-11-04' } as YearNotice] }),
    );
    expect([typo.code, typo.path]).toEqual(['unknown_key', ['options', 'extraYears', 0, 'publised']]);
    expect(typo.message).toContain('published');
    const company = zhiduError(() =>
      chinaCalendar({
        companyDays: [
          { source: '年会', published: '2025-01-02', days: {}, dayz: {} } as unknown as CompanyDays,
        ],
      }),
    );
    expect([company.code, company.path]).toEqual(['unknown_key', ['options', 'companyDays', 0, 'dayz']]);
  });

  it('refuses a malformed notice', () => {
    const wrongYear = zhiduError(() =>
      chinaCalendar({ extraYears: [{ ...notice2027, holidays: { '2026-12-31': '元旦' } }] }),
    );
    expect(wrongYear.path).toEqual(['options', 'extraYears', 0, 'holidays', '2026-12-31']);
    expect(
      YearNoticeSchema.safeParse({ ...notice2027, makeUpWorkdays: { '2027-01-01': '元旦' } }).success,
    ).toBe(false);
    expect(YearNoticeSchema.safeParse({ ...notice2027, holidays: { '2027-02-30': '春节' } }).success).toBe(
      false,
    );
    expect(zhiduError(() => chinaCalendar({ outsideData: 'guess' as 'error' })).path).toEqual([
      'options',
      'outsideData',
    ]);
  });
});

describe('statutoryDay(): explaining a day in a trace', () => {
  it('names holidays and make-up workdays', () => {
    expect(statutoryDay('2025-10-11')).toEqual({
      date: '2025-10-11',
      workday: true,
      kind: 'makeUpWorkday',
      name: '国庆节',
    });
    expect(statutoryDay('2025-10-06')).toEqual({
      date: '2025-10-06',
      workday: false,
      kind: 'holiday',
      name: '中秋',
    });
    expect(statutoryDay('2025-01-29')).toMatchObject({ workday: false, kind: 'holiday', name: '春节' });
    expect(statutoryDay('2025-03-08')).toEqual({ date: '2025-03-08', workday: false, kind: 'weekend' });
    expect(statutoryDay('2025-03-10')).toEqual({ date: '2025-03-10', workday: true, kind: 'workday' });
    expect(zhiduError(() => statutoryDay('2025-02-30')).code).toBe('invalid_date');
  });
});

describe('company overrides on the statutory calendar', () => {
  const closures = {
    '2025-12-26': { workday: false, note: 'annual company closure' },
    '2025-12-31': { workday: true, spans: [{ start: '09:00', end: '15:00' }], note: 'short day' },
    '2025-10-08': { workday: true, note: 'duty day during the holiday' },
  };

  it('layers closures, short days and extra days over the statutory data (withOverrides)', () => {
    const c = withOverrides(cal, closures);
    expect(c.isWorkday('2025-12-26')).toBe(false);
    expect(c.isWorkday('2025-10-08')).toBe(true);
    expect(c.addWorkdays('2025-09-30', 1)).toBe('2025-10-08');
    expect(c.addWorkdays('2025-09-30', 3)).toBe('2025-10-10');
    expect(c.workEnd('2025-12-31')).toBe(at('2025-12-31', '15:00'));
    expect(c.addWorkdays('2025-12-25', 1)).toBe('2025-12-29');
    expect(c.isWorkday('2025-01-26')).toBe(true); // the statutory make-up day is still there
    expect(zhiduError(() => c.isWorkday('2027-01-04')).code).toBe('calendar_out_of_range');
  });

  it('does the same through the overrides option', () => {
    const c = chinaCalendar({ overrides: closures });
    expect(c.addWorkdays('2025-09-30', 3)).toBe('2025-10-10');
    expect(c.addWorkdays('2025-12-25', 1)).toBe('2025-12-29');
    expect(c.addWorkdays('2026-12-20', 3)).toBe('2026-12-23');
  });

  // core-bugs.md #4: the overlay's galloping search asks the statutory calendar about 2027.
  it('withOverrides over chinaCalendar near the end of the data still answers inside it (core-bugs.md #4)', () => {
    const c = withOverrides(cal, closures);
    expect(c.addWorkdays('2026-12-20', 3)).toBe('2026-12-23');
  });

  it('refuses an unknown zone', () => {
    expect(zhiduError(() => chinaCalendar({ zone: 'Mars/Olympus' })).code).toBe('invalid_zone');
  });
});
