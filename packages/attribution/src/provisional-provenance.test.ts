// An office's own lifecycle counting working days (issue 14) beyond the calendar's data (the embedded
// PRC data ends on 2026-12-31): the protection period is counted provisionally, so the decision's
// trace names 2027 as provisional and its provenance says provisional — on the general path and on
// the batch's fast path alike.
import { chinaCalendar } from '@zhidu/calendar-cn';
import type { TraceEntry } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { attributionOwnership, attributionOwnershipBatch } from './modules.js';
import { defineSalesOfficePolicy } from './policy.js';
import { salesOffice001 } from './presets.js';
import { engineSwitches } from './resolve.js';

/** Seed 001's office protecting a registration for 3 working days (its own rule). */
const threeWorkingDays = defineSalesOfficePolicy({
  ...salesOffice001,
  id: 'example-office',
  params: {
    ...salesOffice001.params,
    lifecycle: {
      initial: 'protected',
      phases: { protected: { duration: { unit: 'workingDays', amount: 3, inclusive: true } } },
    },
  },
});
const registration = (customerId: string, date: string) => ({
  type: 'registration' as const,
  at: `${date}T10:00+08:00`,
  customerId,
  salespersonId: 'B',
  channel: 'walkIn' as const,
  fields: { name: '王先生', phone: '13800000000' },
});
/** Registered on Wednesday 30 December 2026: 31 Dec, Mon 4 Jan, Tue 5 Jan (元旦 by law); free from 6 Jan. */
const first = registration('c1', '2026-12-30');
const events = [first, registration('c2', '2026-12-30')];
const staff = [{ id: 'B' }];
const provisional = () => chinaCalendar({ outsideData: 'provisional' });
const calendarEntries = (trace: readonly TraceEntry[]) =>
  trace.filter((t) => t.rule.startsWith('zhidu.calendar.')).map((t) => [t.rule, t.data?.year]);
const PROVISIONAL_2027 = [
  ['zhidu.calendar.data', 2026],
  ['zhidu.calendar.provisional', 2027],
];

describe('attribution: a working-day lifecycle counted beyond the calendar data makes the provenance provisional', () => {
  it('attribution.ownership: protected until 6 Jan 2027 (exclusive), provisional in the trace and the provenance', () => {
    const d = attributionOwnership.evaluate({ customerId: 'c1', staff, events: [first] }, threeWorkingDays, {
      now: '2026-12-31T12:00+08:00',
      calendar: provisional(),
    });
    expect(d.value.result.owner).toBe('B');
    expect(d.value.result.protectedUntil).toBe('2027-01-05T16:00:00.000Z');
    expect(d.provenance.calendar.provisional).toBe(true);
    expect(calendarEntries(d.trace)).toEqual(PROVISIONAL_2027);
  });

  it('attribution.ownership: once the provisional period has run out (8 Jan 2027) nobody owns the customer, still provisional', () => {
    const d = attributionOwnership.evaluate({ customerId: 'c1', staff, events: [first] }, threeWorkingDays, {
      now: '2027-01-08T12:00+08:00',
      calendar: provisional(),
    });
    expect(d.value.result.owner).toBeNull();
    expect(d.provenance.calendar.provisional).toBe(true);
    expect(calendarEntries(d.trace)).toEqual(PROVISIONAL_2027);
  });

  it('attribution.ownership-batch: two customers name 2027 once, the same trace on the fast and the general path', () => {
    const ctx = { now: '2026-12-31T12:00+08:00', calendar: provisional() };
    const fast = attributionOwnershipBatch.evaluate({ staff, events }, threeWorkingDays, ctx);
    engineSwitches.fastLog = false;
    let general: typeof fast;
    try {
      general = attributionOwnershipBatch.evaluate({ staff, events }, threeWorkingDays, { ...ctx });
    } finally {
      engineSwitches.fastLog = true;
    }
    for (const d of [fast, general]) {
      expect(Object.values(d.value.result.customers).map((o) => o.protectedUntil)).toEqual([
        '2027-01-05T16:00:00.000Z',
        '2027-01-05T16:00:00.000Z',
      ]);
      expect(d.provenance.calendar.provisional).toBe(true);
      expect(calendarEntries(d.trace)).toEqual(PROVISIONAL_2027);
    }
    expect(JSON.stringify(general.trace)).toBe(JSON.stringify(fast.trace));
  });

  it('under the default calendar both are refused at ctx.calendar (calendar_out_of_range)', () => {
    const ctx = { now: '2026-12-31T12:00+08:00', calendar: chinaCalendar() };
    for (const refused of [
      () =>
        attributionOwnership.evaluate({ customerId: 'c1', staff, events: [first] }, threeWorkingDays, ctx),
      () => attributionOwnershipBatch.evaluate({ staff, events }, threeWorkingDays, ctx),
    ]) {
      const e = zhiduError(refused);
      expect([e.code, e.path]).toEqual(['calendar_out_of_range', ['ctx', 'calendar']]);
    }
  });

  it('a period inside the calendar data adds no calendar entry and the provenance stays not provisional', () => {
    const inside = [registration('c1', '2026-12-21')];
    const ctx = { now: '2026-12-22T12:00+08:00', calendar: provisional() };
    const one = attributionOwnership.evaluate(
      { customerId: 'c1', staff, events: inside },
      threeWorkingDays,
      ctx,
    );
    const batch = attributionOwnershipBatch.evaluate({ staff, events: inside }, threeWorkingDays, ctx);
    for (const d of [one, batch]) {
      expect(d.provenance.calendar.provisional).toBe(false);
      expect(calendarEntries(d.trace)).toEqual([]);
    }
    // 22, 23, 24 December: free from Christmas Day.
    expect(one.value.result.protectedUntil).toBe('2026-12-24T16:00:00.000Z');
  });
});
