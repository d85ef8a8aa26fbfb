// December 2026, with the embedded data ending on 2026-12-31: a deadline that runs into 2027 under the
// default calendar is refused at the context's calendar (it was `n`, or `input.n` through a module: the
// calendar method's own argument), and a decision's provenance no longer lists 2027 as `data`.
import { deadline, lateness, makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { recordsHandover } from '../../records/src/modules.js';
import { slaQuota, slaTimers } from '../../sla/src/modules.js';
import { chinaCalendar } from './index.js';

const handover = (delivery: string) => ({
  fileTypeId: 'newCarSalesFile',
  fileId: 'VIN1',
  responsible: { personId: 'sc1', role: 'salesConsultant' },
  events: { delivery },
});

describe('year-end under the default PRC calendar (data through 2026)', () => {
  it('deadline and lateness refuse a 2027 date at ctx.calendar, naming the year', () => {
    const e = zhiduError(() =>
      deadline(
        '2026-12-30T10:00:00+08:00',
        { unit: 'workingDays', amount: 3 },
        { calendar: chinaCalendar() },
      ),
    );
    expect([e.code, e.path]).toEqual(['calendar_out_of_range', ['ctx', 'calendar']]);
    expect(e.message).toContain('2027');
    const late = zhiduError(() =>
      lateness(
        '2026-12-31T10:00:00+08:00',
        '2027-01-05T10:00:00+08:00',
        { unit: 'workingDays' },
        {
          calendar: chinaCalendar(),
        },
      ),
    );
    expect([late.code, late.path]).toEqual(['calendar_out_of_range', ['ctx', 'calendar']]);
    // Within 2026 nothing changes: 3 working days from Monday 28 December end on Thursday 31 December.
    expect(
      deadline('2026-12-28T10:00:00+08:00', { unit: 'workingDays', amount: 3 }, { calendar: chinaCalendar() })
        .at,
    ).toBe('2026-12-31T15:59:59.999Z');
  });

  it('records.handover: a handover due in 2027 is refused at ctx.calendar, not input.n', () => {
    const e = zhiduError(() =>
      recordsHandover.evaluate(
        handover('2026-12-30T10:00:00+08:00'),
        recordsHandover.preset('dealer-files'),
        {
          now: '2026-12-31T00:00:00+08:00',
          calendar: chinaCalendar(),
        },
      ),
    );
    expect([e.code, e.path]).toEqual(['calendar_out_of_range', ['ctx', 'calendar']]);
    // Provisionally, it is decided and says so.
    const d = recordsHandover.evaluate(
      handover('2026-12-30T10:00:00+08:00'),
      recordsHandover.preset('dealer-files'),
      { now: '2026-12-31T00:00:00+08:00', calendar: chinaCalendar({ outsideData: 'provisional' }) },
    );
    expect(d.provenance.calendar.provisional).toBe(true);
  });

  it('sla.quota: a range ending in 2027 is refused at ctx.calendar (it was `date`, the calendar method argument)', () => {
    const e = zhiduError(() =>
      slaQuota.evaluate(
        { range: { from: '2026-12-01', to: '2027-01-31' }, events: [] },
        slaQuota.preset('property-service-004-notices-before-10th'),
        makeContext({ now: '2026-12-07T10:00:00+08:00', calendar: chinaCalendar() }),
      ),
    );
    expect([e.code, e.path]).toEqual(['calendar_out_of_range', ['ctx', 'calendar']]);
    expect(e.message).toContain('2027');
  });

  it("a decision's provenance lists 2026's notice and not 2027 as data (the calendar has none for it)", () => {
    const d = slaTimers.evaluate(
      {
        events: [
          {
            type: 'assigned',
            subject: 'g1',
            at: '2026-12-07T10:00+08:00',
            attributes: { level: 'general' },
            assignees: { handlingOwner: 'sm' },
          },
        ],
      },
      slaTimers.preset('dealer-000'),
      makeContext({ now: '2026-12-07T12:00:00+08:00', calendar: chinaCalendar() }),
    );
    expect(d.provenance.calendar.basis.map((b) => [b.year, b.kind])).toEqual([[2026, 'data']]);
    expect(d.provenance.calendar.basis[0]?.source).toContain('2026');
    // With the provisional fallback, 2027 is listed as provisional.
    const p = slaTimers.evaluate(
      { events: [] },
      slaTimers.preset('dealer-000'),
      makeContext({
        now: '2026-12-07T12:00:00+08:00',
        calendar: chinaCalendar({ outsideData: 'provisional' }),
      }),
    );
    expect(p.provenance.calendar.basis.map((b) => [b.year, b.kind])).toEqual([
      [2026, 'data'],
      [2027, 'provisional'],
    ]);
  });
});
