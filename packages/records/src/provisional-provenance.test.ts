// A due beyond the calendar's data (the embedded PRC data ends on 2026-12-31) is `provisional: true`
// on the result; the decision's trace then names where the working days come from
// (`zhidu.calendar.provisional`), so its provenance says provisional too — as records.handover does.
import '../test/pii-guard.js';
import { chinaCalendar } from '@zhidu/calendar-cn';
import type { ModuleDecision, TraceEntry } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import {
  recordsAccess,
  recordsAccessLog,
  recordsFiling,
  recordsLoan,
  recordsLoanRegister,
  recordsRead,
} from './modules.js';

const PRESET = 'example-lanting-realty';
const provisional = () => chinaCalendar({ outsideData: 'provisional' });
const calendarEntries = (trace: readonly TraceEntry[]) =>
  trace.filter((t) => t.rule.startsWith('zhidu.calendar.')).map((t) => [t.rule, t.data?.year]);
/** 2027 named once as provisional, beside 2026's data, and the provenance says so. */
function expectProvisional(d: ModuleDecision<unknown>): void {
  expect(d.provenance.calendar.provisional).toBe(true);
  expect(calendarEntries(d.trace)).toEqual([
    ['zhidu.calendar.data', 2026],
    ['zhidu.calendar.provisional', 2027],
  ]);
}
/** A due at the end of a local day in Beijing. */
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();
const provisionalDue = (date: string) => ({
  at: endOf(date),
  inclusive: true,
  provisional: true,
  provisionalYears: [2027],
});

/** A file lent on Wednesday 30 December 2026: 2 working days are 31 Dec and Mon 4 Jan (元旦 by law). */
const loan = (fileId = 'HT-2026-031') => ({
  fileTypeId: 'buyerFile',
  fileId,
  borrower: { personId: 'zhou', role: 'salesConsultant' },
  lentAt: '2026-12-30T10:00:00+08:00',
  piecesOut: 4,
});
/** The same file taken out of the archive room with the director's approval (2 working days). */
const takeOut = {
  actor: { id: 'zhou', roles: ['salesConsultant'], departmentId: 'salesDept' },
  action: 'takeOut',
  proofs: ['borrowSlip'],
  recordId: 'JY-2026-011',
  file: { id: 'HT-2026-031', fileTypeId: 'buyerFile' },
  at: '2026-12-30T10:00:00+08:00',
  approvals: [{ approverId: 'director-gao', role: 'salesDirector', at: '2026-12-30T09:30:00+08:00' }],
};
const NOW = '2026-12-31T09:00:00+08:00';
const LATER = '2027-01-08T09:00:00+08:00';

describe('records: a working-day due beyond the calendar data makes the provenance provisional', () => {
  it('records.loan: a loan due back on 4 Jan 2027 is provisional in its due, its trace and its provenance', () => {
    const d = recordsLoan.evaluate(loan(), recordsLoan.preset(PRESET), { now: NOW, calendar: provisional() });
    expect(d.value.result.due).toEqual(provisionalDue('2027-01-04'));
    expect(d.value.result.status).toBe('pending');
    expectProvisional(d);
    // Overdue after it: still provisional, the lateness counted from the provisional due.
    const late = recordsLoan.evaluate(loan(), recordsLoan.preset(PRESET), {
      now: LATER,
      calendar: provisional(),
    });
    expect(late.value.result.status).toBe('overdue');
    expect(late.value.violations[0]?.occurredAt).toBe(endOf('2027-01-04'));
    expectProvisional(late);
  });

  it('records.loan-register: two rows due in 2027 name 2027 once, and the provenance is provisional', () => {
    const d = recordsLoanRegister.evaluate(
      { rows: [loan('HT-1'), loan('HT-2')] },
      recordsLoanRegister.preset(PRESET),
      { now: NOW, calendar: provisional() },
    );
    expect(d.value.result.rows.map((r) => (r.valid ? r.due : null))).toEqual([
      provisionalDue('2027-01-04'),
      provisionalDue('2027-01-04'),
    ]);
    expectProvisional(d);
  });

  it('records.filing: contract papers due on 5 Jan 2027 (3 working days) are provisional in the trace and provenance', () => {
    const d = recordsFiling.evaluate(
      {
        duty: 'contractIntoCabinet',
        rows: [
          { id: 'HT-1', triggeredAt: '2026-12-30T10:00:00+08:00' },
          { id: 'HT-2', triggeredAt: '2026-12-30T11:00:00+08:00' },
        ],
      },
      recordsFiling.preset(PRESET),
      { now: NOW, calendar: provisional() },
    );
    expect(d.value.result.rows.map((r) => r.due)).toEqual([
      provisionalDue('2027-01-05'),
      provisionalDue('2027-01-05'),
    ]);
    expectProvisional(d);
  });

  it('records.access and records.read: a return deadline on 4 Jan 2027 is provisional in the trace and provenance', () => {
    const a = recordsAccess.evaluate(takeOut, recordsAccess.preset(PRESET), {
      now: NOW,
      calendar: provisional(),
    });
    expect(a.value.result.allowed).toBe(true);
    expect(a.value.result.returnBy).toEqual(provisionalDue('2027-01-04'));
    expectProvisional(a);
    const r = recordsRead.evaluate({ request: takeOut, record: { name: '周' } }, recordsRead.preset(PRESET), {
      now: NOW,
      calendar: provisional(),
    });
    expect(r.value.result.returnBy).toEqual(provisionalDue('2027-01-04'));
    expectProvisional(r);
  });

  it('records.access-log: a late return judged against a provisional deadline names 2027 once for the whole log', () => {
    const d = recordsAccessLog.evaluate(
      { log: [takeOut, { ...takeOut, recordId: 'JY-2026-012', file: { ...takeOut.file, id: 'HT-2' } }] },
      recordsAccessLog.preset(PRESET),
      { now: LATER, calendar: provisional() },
    );
    expect(d.value.violations.map((v) => [v.code, v.occurredAt])).toEqual([
      ['records.access.returnLate', endOf('2027-01-04')],
      ['records.access.returnLate', endOf('2027-01-04')],
    ]);
    expectProvisional(d);
  });

  it('under the default calendar each of them is refused at ctx.calendar (calendar_out_of_range)', () => {
    const ctx = { now: NOW, calendar: chinaCalendar() };
    const refusals = [
      () => recordsLoan.evaluate(loan(), recordsLoan.preset(PRESET), ctx),
      () => recordsLoanRegister.evaluate({ rows: [loan()] }, recordsLoanRegister.preset(PRESET), ctx),
      () =>
        recordsFiling.evaluate(
          { duty: 'contractIntoCabinet', rows: [{ id: 'HT-1', triggeredAt: '2026-12-30T10:00:00+08:00' }] },
          recordsFiling.preset(PRESET),
          ctx,
        ),
      () => recordsAccess.evaluate(takeOut, recordsAccess.preset(PRESET), ctx),
      () => recordsAccessLog.evaluate({ log: [takeOut] }, recordsAccessLog.preset(PRESET), ctx),
    ];
    for (const refused of refusals) {
      const e = zhiduError(refused);
      expect([e.code, e.path]).toEqual(['calendar_out_of_range', ['ctx', 'calendar']]);
    }
  });

  it('a due inside the calendar data adds no calendar entry and the provenance stays not provisional', () => {
    const ctx = { now: '2025-03-14T09:00:00+08:00', calendar: provisional() };
    const ordinary = { ...loan(), lentAt: '2025-03-06T10:00:00+08:00' };
    const decisions = [
      recordsLoan.evaluate(ordinary, recordsLoan.preset(PRESET), ctx),
      recordsLoanRegister.evaluate({ rows: [ordinary] }, recordsLoanRegister.preset(PRESET), ctx),
      recordsAccess.evaluate(
        { ...takeOut, at: '2025-03-06T10:00:00+08:00' },
        recordsAccess.preset(PRESET),
        ctx,
      ),
    ];
    for (const d of decisions) {
      expect(d.provenance.calendar.provisional).toBe(false);
      expect(calendarEntries(d.trace)).toEqual([]);
    }
    expect(decisions[0]?.value.result).toMatchObject({ due: { at: endOf('2025-03-10'), inclusive: true } });
  });
});
