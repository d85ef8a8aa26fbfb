import { readFileSync } from 'node:fs';
import { chinaCalendar, type YearNotice } from '@zhidu/calendar-cn';
import { addDays, deadline, makeContext, type TraceEntry, type WorkCalendar, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ev, utc } from '../../test/helpers.js';
import {
  defineSlaPolicy,
  propertyRepair002Preset,
  type TimerDefinitionInput,
  TimerStateSchema,
} from '../index.js';
import { quotaRows } from '../quota.js';
import { timerStates } from './evaluate.js';

/** FICTITIOUS 2027 notice (calendar-cn test fixture, marked as such in its `source`): never shipped data. */
const notice2027: YearNotice = JSON.parse(
  readFileSync(
    new URL('../../../calendar-cn/test/fixtures/fictitious-2027-notice.json', import.meta.url),
    'utf8',
  ),
);

const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();
const ctxOn = (calendar: WorkCalendar, now: string) => makeContext({ now: `${now}+08:00`, calendar });

const reply: TimerDefinitionInput = {
  id: 'reply3wd',
  rule: 'TEST-REPLY-01',
  clause: 'test L1',
  title: { zh: '3个工作日内答复', en: 'reply within 3 working days' },
  start: [{ type: 'complaint.received' }],
  stop: [{ type: 'complaint.replied' }],
  target: { kind: 'duration', spec: { unit: 'workingDays', amount: 3 } },
  breach: { code: 'sla.test.reply', roles: ['handler'], lateness: { unit: 'workingDays', rounding: 'ceil' } },
};
const policyOf = (...timers: TimerDefinitionInput[]) =>
  defineSlaPolicy({
    id: 'provisional-test',
    version: '1',
    effectiveFrom: '2024-01-01',
    zone: 'Asia/Shanghai',
    source: { title: 'provisional test' },
    params: { timers },
  });
const policy = policyOf(reply);
/** A complaint received on Wednesday 2026-12-30, two days before the embedded data ends. */
const received = [ev('complaint.received', 'c1', '2026-12-30T10:00', undefined, { handler: 'p1' })];
const calendarRules = (trace: TraceEntry[]) => trace.filter((t) => t.rule.startsWith('zhidu.calendar.'));

describe('SLA timers beyond the calendar data (issue: the embedded PRC calendar ends on 2026-12-31)', () => {
  it('provisional calendar: the timer state is flagged provisional with 2027 and the trace names 2027 as provisional', () => {
    const d = timerStates(
      received,
      policy,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2026-12-30T12:00'),
    );
    const [s] = d.value;
    // 元旦 (Fri 1 Jan 2027) is a holiday by law: 31 Dec, 4 Jan, 5 Jan.
    expect(s?.dueAt).toBe(endOf('2027-01-05'));
    expect(s?.status).toBe('running');
    expect(s?.provisional).toBe(true);
    expect(s?.provisionalYears).toEqual([2027]);
    expect(TimerStateSchema.parse(s).provisionalYears).toEqual([2027]);
    const entries = calendarRules(d.trace);
    expect(entries.map((t) => [t.rule, t.data?.year])).toEqual([
      ['zhidu.calendar.data', 2026],
      ['zhidu.calendar.provisional', 2027],
    ]);
    const provisional = d.trace.find((t) => t.rule === 'zhidu.calendar.provisional');
    expect(provisional?.message.zh).toContain('2027年的放假通知尚未载入');
    expect(provisional?.message.en).toContain('No holiday notice for 2027 is loaded');
    const status = d.trace.find((t) => t.rule === 'TEST-REPLY-01');
    expect(status?.message.en).toContain('(provisional: no holiday notice for 2027 yet)');
    expect(status?.data).toMatchObject({ provisional: true, provisionalYears: [2027] });
  });

  it('a breach on a provisional due time says so on the violation (a fine an ERP may have to recompute)', () => {
    const d = timerStates(
      received,
      policy,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2027-01-07T09:00'),
    );
    const [s] = d.value;
    expect(s?.status).toBe('breached');
    expect(s?.lateness).toEqual({ unit: 'workingDays', units: 2, ms: 33 * 3_600_000 + 1 });
    expect(s?.violations[0]?.data).toMatchObject({
      dueAt: endOf('2027-01-05'),
      provisional: true,
      provisionalYears: [2027],
    });
  });

  it('with the 2027 notice loaded from a file: not provisional, and the trace names that notice and its date', () => {
    const d = timerStates(
      received,
      policy,
      ctxOn(chinaCalendar({ notices: [notice2027] }), '2026-12-30T12:00'),
    );
    const [s] = d.value;
    expect(s?.dueAt).toBe(endOf('2027-01-05'));
    expect(s?.provisional).toBeUndefined();
    expect(s?.provisionalYears).toBeUndefined();
    const notice = d.trace.find((t) => t.rule === 'zhidu.calendar.data' && t.data?.year === 2027);
    expect(notice?.clause).toBe(notice2027.source);
    expect(notice?.message.zh).toContain('2026-11-05发布');
    expect(d.trace.some((t) => t.rule === 'zhidu.calendar.provisional')).toBe(false);
  });

  it('default calendar: refused with calendar_out_of_range naming 2027', () => {
    let error: unknown;
    try {
      timerStates(received, policy, ctxOn(chinaCalendar(), '2026-12-30T12:00'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZhiduError);
    expect((error as ZhiduError).code).toBe('calendar_out_of_range');
    expect((error as ZhiduError).message).toContain('2027');
  });

  it("outsideData 'weekdays': flagged provisional, the trace names 2027 as counted on Mon–Fri alone", () => {
    const d = timerStates(
      received,
      policy,
      ctxOn(chinaCalendar({ outsideData: 'weekdays' }), '2026-12-30T12:00'),
    );
    const [s] = d.value;
    // Mon–Fri alone counts Fri 1 January: 31 Dec, 1 Jan, 4 Jan.
    expect(s?.dueAt).toBe(endOf('2027-01-04'));
    expect(s?.provisionalYears).toEqual([2027]);
    expect(calendarRules(d.trace).map((t) => t.rule)).toEqual([
      'zhidu.calendar.data',
      'zhidu.calendar.workweek',
    ]);
  });

  it('a preset working-day timer (002 department feedback in 3 working days) carries the flag too', () => {
    const d = timerStates(
      [ev('receivedByDept', 'r1', '2026-12-30T10:00')],
      propertyRepair002Preset(),
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2026-12-30T12:00'),
    );
    const s = d.value.find((t) => t.timerId === 'deptFeedback3wd');
    expect(s?.dueAt).toBe(endOf('2027-01-05'));
    expect(s?.provisional).toBe(true);
    expect(d.trace.filter((t) => t.rule === 'zhidu.calendar.provisional')).toHaveLength(1);
  });

  it('names each year once per evaluation, however many timers span it', () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      ev('complaint.received', `c${i}`, '2026-12-30T10:00', undefined, { handler: 'p1' }),
    );
    const d = timerStates(
      many,
      policy,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2026-12-30T12:00'),
    );
    expect(d.value.every((s) => s.provisional === true)).toBe(true);
    expect(calendarRules(d.trace)).toHaveLength(2);
  });

  it('working-hour targets and business minutes crossing into 2027 are flagged', () => {
    const hours = policyOf({
      ...reply,
      id: 'reply16wh',
      target: { kind: 'duration', spec: { unit: 'workingHours', amount: 16 } },
    });
    const d = timerStates(
      [ev('complaint.received', 'c1', '2026-12-31T10:00')],
      hours,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2026-12-31T12:00'),
    );
    const [s] = d.value;
    // 31 Dec 10:00–18:00 (7 h with lunch), then Mon 4 Jan 09:00–18:00 (8 h), then 1 h on 5 Jan.
    expect(s?.dueAt).toBe(utc('2027-01-05T10:00'));
    // At 12:00 on 31 Dec: 13:00–18:00, all of 4 Jan and one hour of 5 Jan remain.
    expect(s?.remainingBusinessMinutes).toBe(14 * 60);
    expect(s?.provisionalYears).toEqual([2027]);
  });

  it('stays unflagged and adds no calendar entry inside the built-in data, or when the chosen limit is in calendar days', () => {
    const inside = timerStates(
      [ev('complaint.received', 'c1', '2026-12-21T10:00')],
      policy,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2026-12-21T12:00'),
    );
    expect(inside.value[0]?.dueAt).toBe(endOf('2026-12-24'));
    expect(inside.value[0]?.provisional).toBeUndefined();
    expect(calendarRules(inside.trace)).toEqual([]);
    const byDays = policyOf({
      ...reply,
      target: { kind: 'duration', spec: { unit: 'calendarDays', amount: 7 } },
      breach: { code: 'sla.test.reply', roles: ['handler'] },
    });
    const d = timerStates(
      [ev('complaint.received', 'c1', '2026-12-30T10:00')],
      byDays,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2026-12-30T12:00'),
    );
    expect(d.value[0]?.dueAt).toBe(endOf('2027-01-06'));
    expect(d.value[0]?.provisional).toBeUndefined();
    expect(calendarRules(d.trace)).toEqual([]);
  });

  it('a calendar-day case chosen by attribute keeps a fixed due time, but its business minutes into 2027 are flagged', () => {
    const graded = policyOf({
      ...reply,
      target: {
        kind: 'byAttribute',
        cases: [{ when: [{ attribute: 'urgent', equals: true }], spec: { unit: 'workingDays', amount: 1 } }],
        otherwise: { unit: 'calendarDays', amount: 7 },
      },
    });
    const d = timerStates(
      [ev('complaint.received', 'c1', '2026-12-30T10:00')],
      graded,
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2026-12-30T12:00'),
    );
    const [s] = d.value;
    expect(s?.dueAt).toBe(endOf('2027-01-06'));
    // 30 Dec 13:00–18:00, 31 Dec, 4–6 Jan (1 Jan is a provisional holiday): 5 + 4 × 8 hours.
    expect(s?.remainingBusinessMinutes).toBe(37 * 60);
    expect(s?.provisionalYears).toEqual([2027]);
  });
});

describe('provisional flag and trace, property', () => {
  const lenient = chinaCalendar({ outsideData: 'provisional' });
  it('a working-day timer is flagged (and 2027 traced) exactly when its due day is beyond 2026, and its due time is core’s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 45 }), fc.integer({ min: 0, max: 15 }), (back, amount) => {
        const day = addDays('2026-12-31', -back);
        const p = policyOf({ ...reply, target: { kind: 'duration', spec: { unit: 'workingDays', amount } } });
        const start = `${day}T10:00:00+08:00`;
        const d = timerStates([ev('complaint.received', 'c1', start)], p, ctxOn(lenient, `${day}T11:00`));
        const [s] = d.value;
        const due = deadline(start, { unit: 'workingDays', amount }, { calendar: lenient });
        const beyond = (s?.dueAt ?? '') > endOf('2026-12-31');
        expect(s?.dueAt).toBe(due.at);
        expect(s?.provisional === true).toBe(beyond);
        expect(d.trace.some((t) => t.rule === 'zhidu.calendar.provisional' && t.data?.year === 2027)).toBe(
          beyond,
        );
        if (!beyond) expect(calendarRules(d.trace)).toEqual([]);
      }),
      { seed: 20261230, numRuns: 60 },
    );
  });
});

describe('quotas counted on working days beyond the calendar data', () => {
  const quota = {
    id: 'patrol',
    rule: 'TEST-QUOTA-01',
    clause: 'test L2',
    type: 'patrol',
    atLeast: 1,
    per: 'day' as const,
    perSubject: false,
    window: { from: '08:00', to: '18:00', excludeHolidays: true },
  };

  it('flags the 2027 rows provisional and names 2027 in the trace', () => {
    const d = quotaRows(
      [ev('patrol', 'x', '2026-12-31T09:00'), ev('patrol', 'x', '2027-01-04T09:00')],
      quota,
      { from: '2026-12-31', to: '2027-01-05' },
      ctxOn(chinaCalendar({ outsideData: 'provisional' }), '2027-01-06T09:00'),
    );
    expect(d.value).toEqual([
      { period: '2026-12-31', subject: null, count: 1, met: true },
      { period: '2027-01-04', subject: null, count: 1, met: true, provisional: true },
      { period: '2027-01-05', subject: null, count: 0, met: false, provisional: true },
    ]);
    expect(calendarRules(d.trace).map((t) => t.rule)).toEqual([
      'zhidu.calendar.data',
      'zhidu.calendar.provisional',
    ]);
  });

  it('with the notice loaded: no provisional rows, the notice is named', () => {
    const d = quotaRows(
      [],
      quota,
      { from: '2027-01-04', to: '2027-01-04' },
      ctxOn(chinaCalendar({ notices: [notice2027] }), '2027-01-06T09:00'),
    );
    expect(d.value).toEqual([{ period: '2027-01-04', subject: null, count: 0, met: false }]);
    expect(calendarRules(d.trace).map((t) => t.clause)).toEqual([notice2027.source]);
  });

  it('adds no calendar entry inside the built-in data', () => {
    const d = quotaRows(
      [],
      quota,
      { from: '2026-03-02', to: '2026-03-03' },
      ctxOn(chinaCalendar(), '2026-03-04T09:00'),
    );
    expect(d.value.map((r) => r.period)).toEqual(['2026-03-02', '2026-03-03']);
    expect(calendarRules(d.trace)).toEqual([]);
  });
});
