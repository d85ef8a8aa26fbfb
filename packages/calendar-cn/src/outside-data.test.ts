import { readFileSync } from 'node:fs';
import {
  deadline,
  explainDeadline,
  fromEpochDay,
  toEpochDay,
  weekdayCalendar,
  withOverrides,
} from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import {
  chinaCalendar,
  PROVISIONAL_BASIS,
  PROVISIONAL_LAST_YEAR,
  provisionalHolidays,
  statutoryDay,
  yearSchedule,
} from './china-calendar.js';
import { LUNAR_HOLIDAYS } from './data/provisional.js';
import { STATUTORY_YEARS } from './data/statutory.js';
import { CompanyDaysSchema, calendarFileJsonSchemas, NoticeFileSchema, type YearNotice } from './notice.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8'));
/** FICTITIOUS 2027 notices (test fixtures, clearly marked as such in their `source`): never shipped data. */
const notice2027: YearNotice = fixture('fictitious-2027-notice.json');
const amended2027: YearNotice = fixture('fictitious-2027-notice-amended.json');
const companyDays = fixture('fictitious-company-days.json');

/** A complaint received on 2026-12-30, answerable within 3 working days. */
const received = '2026-12-30T10:00:00+08:00';
const threeWorkdays = { unit: 'workingDays', amount: 3 } as const;
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

describe('issue 1: the calendar ended on 2026-12-31', () => {
  it('the default still refuses 2027, naming the missing year and the three ways out in zh and en, at ctx.calendar', () => {
    const e = zhiduError(() => deadline(received, threeWorkdays, { calendar: chinaCalendar() }));
    expect(e.code).toBe('calendar_out_of_range');
    // The context's calendar lacks the year (it was the calendar method's own argument, `n`).
    expect(e.path).toEqual(['ctx', 'calendar']);
    expect(e.message.endsWith('(at ctx.calendar)')).toBe(true);
    for (const text of [
      '2027 年的放假通知尚未载入',
      'no holiday notice for 2027 is loaded',
      'notices',
      'zhidu calendar import',
      "outsideData: 'provisional'",
      "outsideData: 'weekdays'",
    ])
      expect(e.message).toContain(text);
    expect(e.message).not.toContain('[1]');
    expect(zhiduError(() => chinaCalendar().isWorkday('2027-01-04')).path).toEqual(['date']);
    expect(zhiduError(() => statutoryDay('2027-01-04')).message).toContain('2027');
  });

  it('with the notice loaded from a file: a deadline, and the trace names the notice', () => {
    const calendar = chinaCalendar({ notices: [notice2027] });
    const d = explainDeadline(received, threeWorkdays, { calendar });
    expect(d.value).toEqual({ at: endOf('2027-01-05'), inclusive: true });
    const notice = d.trace.find((t) => t.data?.year === 2027);
    expect(notice?.rule).toBe('zhidu.calendar.data');
    expect(notice?.clause).toBe(notice2027.source);
    expect(notice?.message.zh).toContain('2026-11-05发布');
    expect(calendar.isWorkday('2027-02-13')).toBe(true); // the fixture's make-up Saturday
  });

  it('provisionally: the statutory holidays without make-up swaps, flagged with the missing year', () => {
    const calendar = chinaCalendar({ outsideData: 'provisional' });
    const d = explainDeadline(received, threeWorkdays, { calendar });
    // 元旦 (Fri 1 January 2027) is a holiday by law: plain Mon–Fri would count it.
    expect(d.value).toEqual({
      at: endOf('2027-01-05'),
      inclusive: true,
      provisional: true,
      provisionalYears: [2027],
    });
    const p = d.trace.find((t) => t.rule === 'zhidu.calendar.provisional');
    expect(p?.data).toEqual({ year: 2027, kind: 'provisional', source: PROVISIONAL_BASIS });
    expect(p?.message.zh).toContain('2027年的放假通知尚未载入');
    expect(p?.message.en).toContain('No holiday notice for 2027 is loaded');
    expect(calendar.isWorkday('2027-02-05')).toBe(false); // 除夕
    expect(calendar.isWorkday('2027-02-09')).toBe(true); // 正月初四: beyond the statutory days
    expect(calendar.isWorkday('2027-02-13')).toBe(false); // no make-up Saturday is guessed
    expect(calendar.isWorkday('2026-10-10')).toBe(true); // inside the data, the notice's make-up day stands
  });

  it('on plain Mon–Fri when asked, flagged provisional too', () => {
    const d = deadline(received, threeWorkdays, { calendar: chinaCalendar({ outsideData: 'weekdays' }) });
    expect(d).toEqual({
      at: endOf('2027-01-04'),
      inclusive: true,
      provisional: true,
      provisionalYears: [2027],
    });
  });

  it('inside the data nothing changes in any mode, and no flag is set', () => {
    for (const outsideData of ['error', 'weekdays', 'provisional'] as const) {
      const d = deadline('2025-09-30T17:40:00+08:00', threeWorkdays, {
        calendar: chinaCalendar({ outsideData }),
      });
      expect(d).toEqual({ at: endOf('2025-10-11'), inclusive: true });
    }
  });

  it('provisional mode refuses years before the data and beyond the generated table', () => {
    const calendar = chinaCalendar({ outsideData: 'provisional' });
    const early = zhiduError(() => calendar.isWorkday('2003-12-31'));
    expect(early.code).toBe('calendar_out_of_range');
    expect(early.message).toContain('2004');
    const late = zhiduError(() => calendar.isWorkday(`${PROVISIONAL_LAST_YEAR + 1}-01-04`));
    expect(late.message).toContain(String(PROVISIONAL_LAST_YEAR));
  });
});

describe('the provisional holiday table (generated from chinese-days)', () => {
  it('matches the published notices of 2025 and 2026, the first years of the 2024 amendment', () => {
    expect(LUNAR_HOLIDAYS[0]).toEqual([2025, '2025-01-28', '2025-04-04', '2025-05-31', '2025-10-06']);
    for (const year of [2025, 2026]) {
      const published = STATUTORY_YEARS.find((y) => y.year === year)?.holidays ?? {};
      const provisional = provisionalHolidays(year);
      for (const [date, name] of Object.entries(provisional)) {
        expect(published[date], `${date} ${name}`).toBeDefined();
        for (const part of name.split('、')) expect(published[date]).toContain(part.slice(0, 2));
      }
    }
  });

  it('has the 13 statutory days every year (12 dates when 中秋 falls in 国庆)', () => {
    for (let year = 2027; year <= PROVISIONAL_LAST_YEAR; year++) {
      const h = provisionalHolidays(year);
      const dates = Object.keys(h);
      expect(dates.length === 13 || (dates.length === 12 && Object.values(h).includes('国庆节、中秋'))).toBe(
        true,
      );
      for (const d of ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'])
        expect(h[`${year}-${d}`]).toBeDefined();
      expect(Object.values(h).filter((n) => n === '春节')).toHaveLength(4);
      expect(dates.every((d) => d.startsWith(String(year)))).toBe(true);
    }
    expect(provisionalHolidays(2028)['2028-10-03']).toBe('国庆节、中秋');
  });

  it('refuses a year outside the table', () => {
    expect(zhiduError(() => provisionalHolidays(2024)).path).toEqual(['year']);
    expect(zhiduError(() => provisionalHolidays(2100)).code).toBe('calendar_out_of_range');
  });

  it('differs from Mon–Fri exactly on the provisional holidays (property, seeded)', () => {
    const calendar = chinaCalendar({ outsideData: 'provisional' });
    const mondayToFriday = weekdayCalendar();
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay('2027-01-01'), max: toEpochDay('2099-12-31') }), (day) => {
        const date = fromEpochDay(day);
        const holiday = provisionalHolidays(Number(date.slice(0, 4)))[date] !== undefined;
        expect(calendar.isWorkday(date)).toBe(mondayToFriday.isWorkday(date) && !holiday);
      }),
      { seed: 2027, numRuns: 500 },
    );
  });
});

describe('loading notices and company days', () => {
  it('a later notice supersedes only when published later, whatever the order given', () => {
    const amended = chinaCalendar({ notices: [notice2027, amended2027] });
    const reversed = chinaCalendar({ notices: [amended2027, notice2027] });
    for (const c of [amended, reversed]) {
      expect(c.isWorkday('2027-01-04')).toBe(false);
      expect(c.addWorkdays('2026-12-30', 3)).toBe('2027-01-06');
      expect(c.basis?.('2027-01-01', '2027-01-01')).toEqual([
        { year: 2027, kind: 'data', source: amended2027.source, published: '2026-12-01' },
      ]);
    }
    const older = { ...amended2027, published: '2026-10-01' };
    expect(chinaCalendar({ notices: [notice2027, older] }).isWorkday('2027-01-04')).toBe(true);
  });

  it('refuses two different notices for one year published the same day', () => {
    const e = zhiduError(() =>
      chinaCalendar({ notices: [notice2027, { ...amended2027, published: notice2027.published }] }),
    );
    expect(e.code).toBe('duplicate');
    expect(e.path).toEqual(['options', 'notices', 1, 'published']);
    // Two titles are both named; one title both carry is named once.
    expect(e.message).toContain(`「${notice2027.source}」与「${amended2027.source}」`);
    const sameTitle = zhiduError(() =>
      chinaCalendar({
        notices: [notice2027, { ...amended2027, source: notice2027.source, published: notice2027.published }],
      }),
    );
    expect(sameTitle.message).toContain(`两份都题为「${notice2027.source}」`);
    expect(sameTitle.message).toContain(`both titled "${notice2027.source}"`);
    // the same notice twice is harmless
    expect(chinaCalendar({ notices: [notice2027, notice2027] }).isWorkday('2027-01-04')).toBe(true);
  });

  it('a dated notice replaces a built-in year; an undated one never supersedes a dated one', () => {
    const correction = {
      year: 2025,
      source: 'correction',
      published: '2025-01-10',
      holidays: {},
      makeUpWorkdays: {},
    };
    expect(chinaCalendar({ notices: [correction] }).isWorkday('2025-10-01')).toBe(true);
    const undated = { year: 2025, holidays: { '2025-03-03': '测试' }, makeUpWorkdays: {} };
    expect(chinaCalendar({ notices: [correction, undated] }).isWorkday('2025-03-03')).toBe(true);
  });

  it('layers company closures and extra workdays; the newer company file wins a date', () => {
    const c = chinaCalendar({ notices: [notice2027], companyDays: [companyDays] });
    expect(c.isWorkday('2026-12-31')).toBe(false);
    expect(c.isWorkday('2027-01-02')).toBe(true);
    expect(c.addWorkdays('2026-12-30', 1)).toBe('2027-01-02');
    const newer = { ...companyDays, published: '2026-12-15', days: { '2026-12-31': { workday: true } } };
    expect(chinaCalendar({ companyDays: [newer, companyDays] }).isWorkday('2026-12-31')).toBe(true);
    expect(withOverrides(c, {}).basis?.('2027-01-01', '2027-01-01')?.[0]?.source).toBe(notice2027.source);
  });

  it('lists a year’s schedule from the notice in effect or provisionally', () => {
    expect(yearSchedule(2025).holidays['2025-01-28']).toBe('春节');
    expect(yearSchedule(2025).makeUpWorkdays['2025-01-26']).toBe('春节');
    const p = yearSchedule(2027, { outsideData: 'provisional' });
    expect(p.basis.kind).toBe('provisional');
    expect(p.makeUpWorkdays).toEqual({});
    expect(p.holidays).toEqual(provisionalHolidays(2027));
    expect(yearSchedule(2027, { notices: [notice2027] }).basis.published).toBe('2026-11-05');
    expect(zhiduError(() => yearSchedule(2027)).message).toContain("outsideData: 'provisional'");
    expect(zhiduError(() => yearSchedule(20.5)).code).toBe('invalid_input');
  });

  it('refuses malformed files with a path into the file', () => {
    const { source: _s, ...noSource } = notice2027 as Record<string, unknown>;
    expect(NoticeFileSchema.safeParse(noSource).success).toBe(false);
    expect(
      zhiduError(() => chinaCalendar({ notices: [{ ...notice2027, published: '2026-13-01' }] })).path,
    ).toEqual(['options', 'notices', 0, 'published']);
    expect(
      zhiduError(() => chinaCalendar({ notices: [{ ...notice2027, holidays: { '2028-01-01': '元旦' } }] }))
        .path,
    ).toEqual(['options', 'notices', 0, 'holidays', '2028-01-01']);
    expect(
      CompanyDaysSchema.safeParse({ ...companyDays, days: { '2027-01-02': { workday: 'yes' } } }).success,
    ).toBe(false);
    expect(zhiduError(() => chinaCalendar({ outsideData: 'guess' as 'error' })).path).toEqual([
      'options',
      'outsideData',
    ]);
  });

  it('refuses a gap between the data and a loaded notice', () => {
    const e = zhiduError(() =>
      chinaCalendar({ notices: [{ ...notice2027, year: 2028, holidays: {}, makeUpWorkdays: {} }] }),
    );
    expect(e.path).toEqual(['options', 'notices']);
    expect(e.message).toContain('2027');
  });
});

describe('the shipped JSON Schemas', () => {
  it('are the ones generated from the zod schemas (regenerate: node --conditions=@zhidu/source --import tsx scripts/schema.ts)', () => {
    const shipped = (name: string) =>
      JSON.parse(readFileSync(new URL(`../schema/${name}.schema.json`, import.meta.url), 'utf8'));
    const generated = calendarFileJsonSchemas();
    expect(shipped('year-notice')).toEqual(generated.notice);
    expect(shipped('company-days')).toEqual(generated.companyDays);
    expect((generated.notice as { required: string[] }).required).toEqual([
      'year',
      'source',
      'published',
      'holidays',
      'makeUpWorkdays',
    ]);
  });

  it('the fixtures validate as files', () => {
    expect(NoticeFileSchema.safeParse(notice2027).success).toBe(true);
    expect(NoticeFileSchema.safeParse(amended2027).success).toBe(true);
    expect(CompanyDaysSchema.safeParse(companyDays).success).toBe(true);
  });
});

describe('chinaCalendar options are strict', () => {
  it('a misspelt outsideData is refused with unknown_key naming the option meant (it left the default "error" in place)', () => {
    const e = zhiduError(() => chinaCalendar({ outsidedata: 'provisional' } as never));
    expect(e.code).toBe('unknown_key');
    expect(e.path.at(-1)).toBe('outsidedata');
    expect(e.message).toContain('outsideData');
    // Spelt right, 2027 is provisional rather than refused.
    expect(chinaCalendar({ outsideData: 'provisional' }).isWorkday('2027-01-05')).toBe(true);
  });
});
