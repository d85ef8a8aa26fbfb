import { readFileSync } from 'node:fs';
import { chinaCalendar, type YearNotice } from '@zhidu/calendar-cn';
import { makeContext, type TraceEntry, type WorkCalendar, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { defineServicePolicy, type ServicePolicy } from '../policy.js';
import { s000bPropertyRevisitPolicy, s002CsProcedurePolicy, s004PropertyPolicy } from '../presets/index.js';
import { frequencyCheck } from './frequency.js';
import { measureProgramme } from './measure.js';
import { scheduleFollowUps } from './programme.js';

/** FICTITIOUS 2027 notice (calendar-cn test fixture, marked as such in its `source`): never shipped data. */
const notice2027: YearNotice = JSON.parse(
  readFileSync(
    new URL('../../../calendar-cn/test/fixtures/fictitious-2027-notice.json', import.meta.url),
    'utf8',
  ),
);
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();
const ctxOn = (calendar: WorkCalendar, now: string) => makeContext({ now: `${now}+08:00`, calendar });
const calendarEntries = (trace: TraceEntry[]) => trace.filter((t) => t.rule.startsWith('zhidu.calendar.'));

/** 000 complaint revisit "三天内", read on working days as the preset's comment allows a company to. */
const workingDayRevisit: ServicePolicy = defineServicePolicy({
  ...s000bPropertyRevisitPolicy,
  params: {
    ...s000bPropertyRevisitPolicy.params,
    followUps: (s000bPropertyRevisitPolicy.params.followUps ?? []).map((r) =>
      r.key === 'complaintRevisit'
        ? { ...r, due: { unit: 'workingDays', amount: 3 }, latenessUnit: 'workingDays' }
        : r,
    ),
  },
});
/** A complaint handled on Wednesday 2026-12-30, two days before the embedded data ends. */
const complaint = { id: 'k1', type: 'complaintHandled', at: '2026-12-30T10:00:00+08:00', personId: 'pa1' };

describe('follow-up deadlines beyond the calendar data (issue: the embedded PRC calendar ends on 2026-12-31)', () => {
  it('provisional calendar: the task and its due are flagged with 2027 and the trace names 2027 as provisional', () => {
    const d = scheduleFollowUps(
      [complaint],
      workingDayRevisit,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2026-12-30T12:00'),
    );
    const task = d.value.find((t) => t.ruleKey === 'complaintRevisit');
    // 元旦 (Fri 1 Jan 2027) is a holiday by law: 31 Dec, 4 Jan, 5 Jan.
    expect(task?.due).toEqual({
      at: endOf('2027-01-05'),
      inclusive: true,
      provisional: true,
      provisionalYears: [2027],
    });
    expect(task?.provisional).toBe(true);
    expect(task?.provisionalYears).toEqual([2027]);
    const entries = calendarEntries(d.trace);
    expect(entries.map((t) => [t.rule, t.data?.year])).toEqual([
      ['zhidu.calendar.data', 2026],
      ['zhidu.calendar.provisional', 2027],
    ]);
    expect(entries[1]?.message.zh).toContain('2027年的放假通知尚未载入');
  });

  it('with the 2027 notice loaded from a file: not provisional, and the trace names that notice and its date', () => {
    const d = scheduleFollowUps(
      [complaint],
      workingDayRevisit,
      ctxOn(chinaCalendar({ notices: [notice2027] }), '2026-12-30T12:00'),
    );
    const task = d.value.find((t) => t.ruleKey === 'complaintRevisit');
    expect(task?.due).toEqual({ at: endOf('2027-01-05'), inclusive: true });
    expect(task?.provisional).toBeUndefined();
    const notice = d.trace.find((t) => t.rule === 'zhidu.calendar.data' && t.data?.year === 2027);
    expect(notice?.clause).toBe(notice2027.source);
    expect(notice?.message.en).toContain('(published 2026-11-05)');
    expect(d.trace.some((t) => t.rule === 'zhidu.calendar.provisional')).toBe(false);
  });

  it('default calendar: refused with calendar_out_of_range naming 2027', () => {
    let error: unknown;
    try {
      scheduleFollowUps([complaint], workingDayRevisit, ctxOn(chinaCalendar(), '2026-12-30T12:00'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZhiduError);
    expect((error as ZhiduError).code).toBe('calendar_out_of_range');
    expect((error as ZhiduError).message).toContain('2027');
  });

  it('a preset working-day limit (002 repair phone revisit, 1 working day) signed off on 31 Dec is provisional', () => {
    const d = scheduleFollowUps(
      [{ id: 'r1', type: 'repairSignedOff', at: '2026-12-31T16:00:00+08:00' }],
      s002CsProcedurePolicy,
      ctxOn(chinaCalendar({ outsideData: 'weekdays' }), '2026-12-31T17:00'),
    );
    // Mon–Fri alone counts Fri 1 January (no holiday beyond the data).
    expect(d.value[0]?.due?.at).toBe(endOf('2027-01-01'));
    expect(d.value[0]?.provisionalYears).toEqual([2027]);
    expect(calendarEntries(d.trace).map((t) => t.rule)).toEqual([
      'zhidu.calendar.data',
      'zhidu.calendar.workweek',
    ]);
  });

  it('names each year once for a whole programme of triggers', () => {
    const triggers = Array.from({ length: 12 }, (_, i) => ({ ...complaint, id: `k${i}` }));
    const d = scheduleFollowUps(
      triggers,
      workingDayRevisit,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2026-12-30T12:00'),
    );
    expect(d.value.filter((t) => t.provisional).length).toBe(12);
    expect(calendarEntries(d.trace)).toHaveLength(2);
  });

  it('keeps in-data deadlines and calendar-day limits unflagged, without calendar entries', () => {
    const inside = scheduleFollowUps(
      [{ ...complaint, at: '2026-12-21T10:00:00+08:00' }],
      workingDayRevisit,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2026-12-21T12:00'),
    );
    expect(inside.value[0]?.due).toEqual({ at: endOf('2026-12-24'), inclusive: true });
    expect(inside.value[0]?.provisional).toBeUndefined();
    expect(calendarEntries(inside.trace)).toEqual([]);
    const calendarDays = scheduleFollowUps(
      [complaint],
      s000bPropertyRevisitPolicy,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2026-12-30T12:00'),
    );
    expect(calendarDays.value[0]?.due).toEqual({ at: endOf('2027-01-02'), inclusive: true });
    expect(calendarEntries(calendarDays.trace)).toEqual([]);
  });

  it('measureProgramme: an overdue revisit on a provisional due time is a violation that says so', () => {
    const d = measureProgramme(
      { triggers: [complaint], completions: [] },
      workingDayRevisit,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2027-01-07T09:00'),
      { ruleKeys: ['complaintRevisit'] },
    );
    const [task] = d.value.tasks;
    expect(task?.status).toBe('overdue');
    expect(task?.provisionalYears).toEqual([2027]);
    const [v] = d.value.violations;
    expect(v?.code).toBe('service.complaintRevisit.missing');
    expect(v?.lateBy?.units).toBe(2);
    expect(v?.data).toMatchObject({ due: endOf('2027-01-05'), provisional: true, provisionalYears: [2027] });
    expect(calendarEntries(d.trace).map((t) => t.rule)).toEqual([
      'zhidu.calendar.data',
      'zhidu.calendar.provisional',
    ]);
  });

  it('measureProgramme with the notice loaded: a plain violation, and the notice is named', () => {
    const d = measureProgramme(
      { triggers: [complaint], completions: [] },
      workingDayRevisit,
      ctxOn(chinaCalendar({ notices: [notice2027] }), '2027-01-07T09:00'),
      { ruleKeys: ['complaintRevisit'] },
    );
    expect(d.value.violations[0]?.data).toEqual({ taskId: 'complaintRevisit:k1', due: endOf('2027-01-05') });
    expect(calendarEntries(d.trace).map((t) => t.clause)).toContain(notice2027.source);
  });
});

describe('working-days-only frequencies beyond the calendar data', () => {
  it('flags the 2027 days provisional and names 2027 in the trace', () => {
    const d = frequencyCheck(
      'washroomFullClean',
      [],
      { from: '2026-12-31', to: '2027-01-04' },
      s004PropertyPolicy,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2027-01-05T09:00'),
    );
    expect(d.value.map((r) => [r.period, r.status, r.provisional ?? false])).toEqual([
      ['2026-12-31', 'notMet', false],
      ['2027-01-01', 'notEvaluated', true],
      ['2027-01-02', 'notEvaluated', true],
      ['2027-01-03', 'notEvaluated', true],
      ['2027-01-04', 'notMet', true],
    ]);
    expect(calendarEntries(d.trace).map((t) => t.rule)).toEqual([
      'zhidu.calendar.data',
      'zhidu.calendar.provisional',
    ]);
  });

  it('adds no calendar entry inside the built-in data', () => {
    const d = frequencyCheck(
      'washroomFullClean',
      [],
      { from: '2026-03-02', to: '2026-03-03' },
      s004PropertyPolicy,
      ctxOn(chinaCalendar(), '2026-03-04T09:00'),
    );
    expect(d.value.every((r) => r.provisional === undefined)).toBe(true);
    expect(calendarEntries(d.trace)).toEqual([]);
  });
});
