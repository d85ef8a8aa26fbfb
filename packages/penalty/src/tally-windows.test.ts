import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type ViolationInput } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { ledgerOf } from './assess.js';
import type { Ledger, Line } from './ledger.js';
import { defineSchedule, type FineScheduleParamsInput } from './schedule.js';

// Issue 16 §3: a tally window per item — rolling N days and the whole history besides the
// schedule's month / quarter / year — so a repeat complaint within 90 days counts across a month or
// year end while lateness tallies stay monthly.

const ctx = makeContext({ now: '2025-12-31T12:00:00+08:00', calendar: chinaCalendar() });
const src = { module: 'service.complaints', rule: 'T-01' };
type Window = FineScheduleParamsInput['items'][number]['tallyWindow'];

function schedule(complaintWindow: Window, lateWindow?: Window) {
  return defineSchedule({
    id: 'windows',
    version: '1',
    effectiveFrom: '2024-01-01',
    zone: 'Asia/Shanghai',
    source: { title: '客服人员考核办法' },
    params: {
      window: 'calendarMonth',
      latenessRounding: 'ceil',
      caps: [],
      items: [
        {
          id: 'complaint',
          rule: 'T-WIN-01',
          clause: 'art. 5',
          title: { zh: '有效投诉', en: 'Upheld complaint' },
          match: { code: 'service.complaint.upheld' },
          tally: 'complaints',
          ...(complaintWindow === undefined ? {} : { tallyWindow: complaintWindow }),
          charges: [
            { to: [{ kind: 'violator' }], outcome: { kind: 'fine', amount: 10000, per: 'occurrence' } },
          ],
        },
        {
          id: 'late',
          rule: 'T-WIN-02',
          clause: 'art. 6',
          title: { zh: '迟到', en: 'Late' },
          match: { code: 'staff.late' },
          tally: 'lateness',
          ...(lateWindow === undefined ? {} : { tallyWindow: lateWindow }),
          charges: [
            { to: [{ kind: 'violator' }], outcome: { kind: 'fine', amount: 2000, per: 'occurrence' } },
          ],
        },
      ],
      escalations: [
        {
          id: 'complaints',
          rule: 'T-WIN-03',
          clause: 'art. 7',
          tally: 'complaints',
          tiers: [{ from: 2, multiplier: 2 }],
        },
        {
          id: 'lateness',
          rule: 'T-WIN-04',
          clause: 'art. 8',
          tally: 'lateness',
          tiers: [{ from: 2, multiplier: 2 }],
        },
      ],
    },
  });
}

const v = (code: string, at: string): ViolationInput => ({
  code,
  personId: 'cs-1',
  occurredAt: `${at}T10:00:00+08:00`,
  source: src,
});
const complaint = (at: string) => v('service.complaint.upheld', at);
const late = (at: string) => v('staff.late', at);
const lines = (l: Ledger): Line[] => l.persons.flatMap((p) => p.periods.flatMap((x) => x.lines));
const amountsOf = (l: Ledger, item: string) =>
  lines(l)
    .filter((x) => x.item === item)
    .map((x) => x.amount);

describe('tally windows per item (issue 16 §3)', () => {
  it('a repeat complaint within 90 days counts across the year end; lateness stays monthly', () => {
    const d = ledgerOf(
      [complaint('2024-12-15'), late('2024-12-20'), complaint('2025-01-10'), late('2025-01-06')],
      schedule({ rollingDays: 90 }),
      ctx,
    );
    expect(amountsOf(d.value, 'complaint')).toEqual([10000, 20000]);
    expect(amountsOf(d.value, 'late')).toEqual([2000, 2000]);
    expect(lines(d.value).find((l) => l.amount === 20000)).toMatchObject({
      period: '2025-01',
      tallyIndex: 2,
    });
    // the ledger is still kept by month
    expect(d.value.persons[0]?.periods.map((p) => p.period)).toEqual(['2024-12', '2025-01']);
  });

  it('rolling 90 days: a repeat exactly 90 days later counts, 91 days later does not', () => {
    // 2024-01-01 + 90 days = 2024-03-31 (2024 is a leap year)
    const at90 = ledgerOf(
      [complaint('2024-01-01'), complaint('2024-03-31')],
      schedule({ rollingDays: 90 }),
      ctx,
    );
    expect(amountsOf(at90.value, 'complaint')).toEqual([10000, 20000]);
    const at91 = ledgerOf(
      [complaint('2024-01-01'), complaint('2024-04-01')],
      schedule({ rollingDays: 90 }),
      ctx,
    );
    expect(amountsOf(at91.value, 'complaint')).toEqual([10000, 10000]);
  });

  it('rolling windows drop old violations: the 3rd complaint counts only those within the window', () => {
    const d = ledgerOf(
      [complaint('2024-01-01'), complaint('2024-02-01'), complaint('2024-04-15')],
      schedule({ rollingDays: 90 }),
      ctx,
    );
    expect(lines(d.value).map((l) => l.tallyIndex)).toEqual([1, 2, 2]);
  });

  it('the whole history: a repeat two years later still counts (屡犯)', () => {
    const d = ledgerOf([complaint('2024-01-05'), complaint('2025-11-05')], schedule('history'), ctx);
    expect(amountsOf(d.value, 'complaint')).toEqual([10000, 20000]);
  });

  it('a calendar year for one tally while the ledger and the other tally stay monthly', () => {
    const d = ledgerOf(
      [
        complaint('2024-02-05'),
        complaint('2024-11-05'),
        complaint('2025-01-05'),
        late('2024-02-06'),
        late('2024-03-06'),
      ],
      schedule('calendarYear'),
      ctx,
    );
    expect(amountsOf(d.value, 'complaint')).toEqual([10000, 20000, 10000]);
    expect(amountsOf(d.value, 'late')).toEqual([2000, 2000]);
  });

  it('without tallyWindow the schedule window counts, as before', () => {
    const d = ledgerOf([complaint('2024-12-15'), complaint('2025-01-10')], schedule(undefined), ctx);
    expect(amountsOf(d.value, 'complaint')).toEqual([10000, 10000]);
  });

  it('refuses items sharing a tally over different windows, naming the second item’s tallyWindow', () => {
    const base = schedule({ rollingDays: 90 });
    const e = refusal(() =>
      defineSchedule({
        ...base,
        params: {
          ...base.params,
          items: base.params.items.map((i) => (i.id === 'late' ? { ...i, tally: 'complaints' } : i)),
        },
      }),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['params', 'items', 1, 'tallyWindow']);
  });

  it('refuses a rolling window of 0 days and an unknown window name', () => {
    expect(refusal(() => schedule({ rollingDays: 0 })).path).toEqual([
      'policy',
      'params',
      'items',
      0,
      'tallyWindow',
      'rollingDays',
    ]);
    expect(refusal(() => schedule('fortnight' as Window)).code).toBe('invalid_input');
  });
});
