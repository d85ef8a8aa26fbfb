// service.periodic and service.sampling with a company's working-day rules (the shipped presets count
// calendar days): a due counted on working days beyond the calendar's data (the embedded PRC data ends
// on 2026-12-31) makes the decision's provenance provisional, its trace naming 2027 as provisional —
// as service.followup does. The dues themselves are plain instants (no flag in these results).
import { chinaCalendar } from '@zhidu/calendar-cn';
import type { ModuleDecision, TraceEntry } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../../core/test/helpers.js';
import { servicePeriodic, serviceSampling } from '../modules.js';
import { defineServicePolicy, type ServicePolicy } from '../policy.js';
import { exampleLantingRealtyPolicy as lanting } from '../presets/index.js';

const provisional = () => chinaCalendar({ outsideData: 'provisional' });
const calendarEntries = (trace: readonly TraceEntry[]) =>
  trace.filter((t) => t.rule.startsWith('zhidu.calendar.')).map((t) => [t.rule, t.data?.year]);
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

/** 兰亭置业 with its own working-day readings: the monthly summary moved off a day off, spot checks in 3 working days. */
const workingDays = (shift: 'nextWorkday' | 'previousWorkday'): ServicePolicy =>
  defineServicePolicy({
    ...lanting,
    params: {
      ...lanting.params,
      periodicDuties: (lanting.params.periodicDuties ?? []).map((d) =>
        d.key === 'monthlyRevisitSummary'
          ? { ...d, recurrence: { every: 'month', due: { kind: 'dayOfNextPeriod', day: 1, shift } } }
          : d,
      ),
      samples: (lanting.params.samples ?? []).map((s) => ({
        ...s,
        due: { unit: 'workingDays', amount: 3, at: 'endOfDay' },
      })),
    },
  });
const december = { duty: 'monthlyRevisitSummary', from: '2026-12-01', to: '2026-12-31', done: [] };
const spotCheck = {
  sample: 'handoverSpotCheck',
  population: [
    { id: 'B1', at: '2026-12-30T10:00:00+08:00' },
    { id: 'B2', at: '2026-12-30T15:00:00+08:00' },
  ],
  drawn: ['B1', 'B2'],
  done: [],
};

function expectProvisional(d: ModuleDecision<unknown>, entries: [string, number][]): void {
  expect(d.provenance.calendar.provisional).toBe(true);
  expect(calendarEntries(d.trace)).toEqual(entries);
}

describe('service.periodic and service.sampling: working days beyond the calendar data make the provenance provisional', () => {
  it('service.periodic: December 2026 summary due on 1 Jan 2027 moved to Mon 4 Jan is provisional in trace and provenance', () => {
    const d = servicePeriodic.evaluate(december, workingDays('nextWorkday'), {
      now: '2027-01-08T09:00:00+08:00',
      calendar: provisional(),
    });
    expect(d.value.result.periods).toEqual([
      { period: '2026-12', due: endOf('2027-01-04'), status: 'overdue', doneAt: null },
    ]);
    expectProvisional(d, [['zhidu.calendar.provisional', 2027]]);
  });

  it('service.periodic: moved back to Thu 31 Dec 2026 it is still provisional (1 January 2027 was read beyond the data)', () => {
    const d = servicePeriodic.evaluate(december, workingDays('previousWorkday'), {
      now: '2027-01-08T09:00:00+08:00',
      calendar: provisional(),
    });
    expect(d.value.result.periods[0]?.due).toBe(endOf('2026-12-31'));
    expectProvisional(d, [
      ['zhidu.calendar.data', 2026],
      ['zhidu.calendar.provisional', 2027],
    ]);
  });

  it('service.sampling: two spot checks due on 5 Jan 2027 (3 working days) name 2027 once, provisional in provenance', () => {
    const d = serviceSampling.evaluate(spotCheck, workingDays('nextWorkday'), {
      now: '2026-12-31T09:00:00+08:00',
      calendar: provisional(),
    });
    expect(d.value.result.items).toEqual([
      { id: 'B1', due: endOf('2027-01-05'), status: 'pending' },
      { id: 'B2', due: endOf('2027-01-05'), status: 'pending' },
    ]);
    expectProvisional(d, [
      ['zhidu.calendar.data', 2026],
      ['zhidu.calendar.provisional', 2027],
    ]);
  });

  it('under the default calendar both are refused at ctx.calendar (calendar_out_of_range)', () => {
    const ctx = { now: '2027-01-08T09:00:00+08:00', calendar: chinaCalendar() };
    for (const refused of [
      () => servicePeriodic.evaluate(december, workingDays('nextWorkday'), ctx),
      () => servicePeriodic.evaluate(december, workingDays('previousWorkday'), ctx),
      () => serviceSampling.evaluate(spotCheck, workingDays('nextWorkday'), ctx),
    ]) {
      const e = zhiduError(refused);
      expect([e.code, e.path]).toEqual(['calendar_out_of_range', ['ctx', 'calendar']]);
    }
  });

  it('inside the data, and with the calendar-day presets, no calendar entry is added and the provenance is not provisional', () => {
    const ctx = { now: '2027-01-08T09:00:00+08:00', calendar: provisional() };
    const decisions = [
      servicePeriodic.evaluate(
        { ...december, from: '2026-11-01', to: '2026-11-30' },
        workingDays('nextWorkday'),
        ctx,
      ),
      serviceSampling.evaluate(
        { ...spotCheck, population: [{ id: 'B1', at: '2026-12-01T10:00:00+08:00' }], drawn: ['B1'] },
        workingDays('nextWorkday'),
        ctx,
      ),
      // The preset's own rules: the 3rd of the next month and one calendar month, no working days read.
      servicePeriodic.evaluate(december, servicePeriodic.preset('example-lanting-realty'), ctx),
      serviceSampling.evaluate(spotCheck, serviceSampling.preset('example-lanting-realty'), ctx),
    ];
    for (const d of decisions) {
      expect(d.provenance.calendar.provisional).toBe(false);
      expect(calendarEntries(d.trace)).toEqual([]);
    }
    expect(decisions[0]?.value.result).toMatchObject({ periods: [{ due: endOf('2026-12-01') }] });
    expect(decisions[1]?.value.result).toMatchObject({ items: [{ due: endOf('2026-12-04') }] });
  });
});
