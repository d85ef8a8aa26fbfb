// penalty.ledger's re-charges (S000-PENALTY-09: the same fine again for each working day without a
// correction) counted on working days beyond the calendar's data (the embedded PRC data ends on
// 2026-12-31): the decision's trace names 2027 as provisional and its provenance says provisional, as
// the deadline modules do.
import { chinaCalendar } from '@zhidu/calendar-cn';
import type { TraceEntry } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { penaltyLedger } from './modules.js';

const calendarEntries = (trace: readonly TraceEntry[]) =>
  trace.filter((t) => t.rule.startsWith('zhidu.calendar.')).map((t) => [t.rule, t.data?.year]);

/** A late file found on Wednesday 30 December 2026, ordered corrected that afternoon. */
const late = (personId: string, correctedAt: string) => ({
  code: 'records.handover.late',
  personId,
  role: 'salesConsultant',
  occurredAt: '2026-12-30T09:00:00+08:00',
  correctedAt,
  lateBy: { unit: 'workingDays' as const, units: 1 },
  source: { module: 'records', rule: 'S000-ARCHIVE-07' },
  data: { correctionOrderedAt: '2026-12-30T17:00:00+08:00', orderedBy: 'archiveAdmin' },
});
const NOW = '2027-01-10T18:00:00+08:00';
const recharges = (d: ReturnType<typeof penaltyLedger.evaluate>) =>
  d.value.result.persons.flatMap((p) =>
    p.periods.flatMap((q) => q.lines.filter((l) => l.kind === 'recharge').map((l) => [l.at, l.repeat])),
  );

describe('penalty.ledger: re-charges counted beyond the calendar data make the provenance provisional', () => {
  it('corrected on Wed 6 Jan 2027: 3 re-charges (31 Dec, 4 Jan, 5 Jan; 元旦 by law) and a provisional provenance', () => {
    const d = penaltyLedger.evaluate(
      { violations: [late('sc-1', '2027-01-06T11:00:00+08:00'), late('sc-2', '2027-01-06T11:00:00+08:00')] },
      penaltyLedger.preset('dealer-file'),
      { now: NOW, calendar: chinaCalendar({ outsideData: 'provisional' }) },
    );
    const each = [
      ['2026-12-31T16:00:00.000Z', 1],
      ['2027-01-04T16:00:00.000Z', 2],
      ['2027-01-05T16:00:00.000Z', 3],
    ];
    expect(recharges(d)).toEqual([...each, ...each]);
    expect(d.value.result.total).toBe(2 * 4 * 5000);
    expect(d.provenance.calendar.provisional).toBe(true);
    // 2027 named once for both violators.
    expect(calendarEntries(d.trace)).toEqual([
      ['zhidu.calendar.data', 2026],
      ['zhidu.calendar.provisional', 2027],
    ]);
  });

  it('under the default calendar the ledger is refused at ctx.calendar (calendar_out_of_range)', () => {
    const e = zhiduError(() =>
      penaltyLedger.evaluate(
        { violations: [late('sc-1', '2027-01-06T11:00:00+08:00')] },
        penaltyLedger.preset('dealer-file'),
        { now: NOW, calendar: chinaCalendar() },
      ),
    );
    expect([e.code, e.path]).toEqual(['calendar_out_of_range', ['ctx', 'calendar']]);
  });

  it('corrected on 31 Dec 2026 the clock stays inside the data: no calendar entry, provenance not provisional', () => {
    const d = penaltyLedger.evaluate(
      { violations: [late('sc-1', '2026-12-31T11:00:00+08:00')] },
      penaltyLedger.preset('dealer-file'),
      { now: NOW, calendar: chinaCalendar({ outsideData: 'provisional' }) },
    );
    expect(recharges(d)).toEqual([]);
    expect(d.provenance.calendar.provisional).toBe(false);
    expect(calendarEntries(d.trace)).toEqual([]);
  });
});
