import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type ViolationInput } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { ledgerOf } from './assess.js';
import type { Ledger, Line } from './ledger.js';
import { defineSchedule, type FineScheduleParamsInput } from './schedule.js';

// Issue 16 §2: an amount chosen by a measured value (minutes late, days overdue, a loss), with
// inclusive / exclusive bounds; lossBands is a spelling of the same mechanism.

const ctx = makeContext({ now: '2024-05-15T12:00:00+08:00', calendar: chinaCalendar() });
const src = { module: 'records.handover', rule: 'T-01' };
type Outcome = FineScheduleParamsInput['items'][number]['charges'][number]['outcome'];
type EscalationInput = FineScheduleParamsInput['escalations'][number];

function schedule(outcome: Outcome, escalations: EscalationInput[] = []) {
  return defineSchedule({
    id: 'bands',
    version: '1',
    effectiveFrom: '2024-01-01',
    zone: 'Asia/Shanghai',
    source: { title: '考勤管理办法' },
    params: {
      window: 'calendarMonth',
      latenessRounding: 'ceil',
      caps: [],
      escalations,
      items: [
        {
          id: 'late',
          rule: 'T-BAND-01',
          clause: 'art. 3',
          title: { zh: '迟到', en: 'Late for work' },
          match: { code: 'staff.late' },
          tally: 'lateness',
          charges: [{ to: [{ kind: 'violator' }], outcome }],
        },
      ],
    },
  });
}

/** 迟到15分钟以内(含)罚20元，15—60分钟(含)罚50元，超过60分钟罚100元. */
const LATENESS: Outcome = {
  kind: 'bands',
  measure: 'lateBy',
  lateUnit: 'minutes',
  bands: [
    { lte: 15, amount: 2000 },
    { gt: 15, lte: 60, amount: 5000 },
    { gt: 60, amount: 10000 },
  ],
};

const late = (
  day: number,
  lateBy: ViolationInput['lateBy'],
  data?: Record<string, unknown>,
): ViolationInput => ({
  code: 'staff.late',
  personId: 'p1',
  occurredAt: `2024-03-${String(day).padStart(2, '0')}T09:00:00+08:00`,
  ...(lateBy === undefined ? {} : { lateBy }),
  ...(data === undefined ? {} : { data }),
  source: src,
});
const minutes = (n: number) => ({ unit: 'minutes' as const, units: n });
const lines = (l: Ledger): Line[] => l.persons.flatMap((p) => p.periods.flatMap((x) => x.lines));

describe('bands chosen by a measured value (issue 16 §2)', () => {
  it('minutes late at the band boundaries: 15 → 20, 16 → 50, 60 → 50, 61 → 100 CNY', () => {
    const d = ledgerOf(
      [late(4, minutes(15)), late(5, minutes(16)), late(6, minutes(60)), late(7, minutes(61))],
      schedule(LATENESS),
      ctx,
    );
    expect(lines(d.value).map((l) => l.amount)).toEqual([2000, 5000, 5000, 10000]);
    expect(lines(d.value)[1]).toMatchObject({
      kind: 'fine',
      band: { measured: 16, bounds: '> 15 and ≤ 60' },
      arithmetic: 'lateBy minutes 16 in > 15 and ≤ 60: 50.00 × 1 = 50.00',
    });
    expect(lines(d.value)[1]?.message.zh).toContain('属于 > 15 且 ≤ 60 档');
  });

  it('converts lateBy from ms like a per-minute fine: 15 min 1 s is a started 16th minute', () => {
    const d = ledgerOf(
      [late(4, { unit: 'hours', units: 0, ms: 15 * 60_000 + 1000 })],
      schedule(LATENESS),
      ctx,
    );
    expect(d.value.total).toBe(5000);
  });

  it('bands on a data field (days overdue) and on quantity', () => {
    const overdue = schedule({
      kind: 'bands',
      measure: ['data', 'daysOverdue'],
      bands: [
        { gte: 1, lte: 30, amount: 10000 },
        { gt: 30, lte: 60, amount: 30000 },
        { gt: 60, amount: 50000 },
      ],
    });
    const d = ledgerOf(
      [late(4, undefined, { daysOverdue: 30 }), late(5, undefined, { daysOverdue: 31 })],
      overdue,
      ctx,
    );
    expect(lines(d.value).map((l) => l.amount)).toEqual([10000, 30000]);
    const byQuantity = schedule({
      kind: 'bands',
      measure: 'quantity',
      bands: [
        { lt: 3, amount: 1000 },
        { gte: 3, amount: 3000 },
      ],
    });
    const q = ledgerOf([{ ...late(4, undefined), quantity: 3 }, late(5, undefined)], byQuantity, ctx);
    expect(lines(q.value).map((l) => l.amount)).toEqual([3000, 1000]);
  });

  it('a value below every band is left to a manager; a missing one is pending', () => {
    const overdue = schedule({
      kind: 'bands',
      measure: ['data', 'daysOverdue'],
      bands: [{ gte: 1, amount: 10000 }],
    });
    const d = ledgerOf([late(4, undefined, { daysOverdue: 0 }), late(5, undefined)], overdue, ctx);
    expect(lines(d.value).map((l) => [l.kind, l.status, l.arithmetic])).toEqual([
      ['unspecified', 'info', 'data.daysOverdue 0: no band'],
      ['fine', 'pending', 'needs data.daysOverdue'],
    ]);
    expect(d.value.persons[0]?.periods[0]?.openItems).toBe(2);
  });

  it('band fines escalate like fines: ×2 from the 2nd lateness in a month', () => {
    const d = ledgerOf(
      [late(4, minutes(10)), late(5, minutes(30))],
      schedule(LATENESS, [
        {
          id: 'again',
          rule: 'T-BAND-02',
          clause: 'art. 4',
          tally: 'lateness',
          tiers: [{ from: 2, multiplier: 2 }],
        },
      ]),
      ctx,
    );
    expect(lines(d.value).map((l) => l.amount)).toEqual([2000, 10000]);
    expect(lines(d.value)[1]?.arithmetic).toBe('lateBy minutes 30 in > 15 and ≤ 60: 50.00 × 1 × 2 = 100.00');
  });

  it('lossBands is a spelling of bands on the loss field: the same amounts for any loss (property)', () => {
    const spelt = schedule({
      kind: 'lossBands',
      lossField: 'lossFen',
      bands: [
        { from: 0, to: 100_000, amount: 5000 },
        { from: 100_000, to: 1_000_000, ratio: '10%' },
        { from: 1_000_000, amount: 200_000 },
      ],
    });
    const general = schedule({
      kind: 'bands',
      measure: ['data', 'lossFen'],
      line: 'loss',
      bands: [
        { gte: 0, lt: 100_000, amount: 5000 },
        { gte: 100_000, lt: 1_000_000, ratio: '10%' },
        { gte: 1_000_000, amount: 200_000 },
      ],
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), (loss) => {
        const v = [late(4, undefined, { lossFen: loss })];
        const a = lines(ledgerOf(v, spelt, ctx).value);
        const b = lines(ledgerOf(v, general, ctx).value);
        expect(b.map((l) => [l.kind, l.amount])).toEqual(a.map((l) => [l.kind, l.amount]));
      }),
      { numRuns: 100, seed: 162 },
    );
  });

  describe('bad bands', () => {
    it('refuses overlapping bands (≤ 15 and ≥ 15 both own 15) with policy_overlap at the later band', () => {
      const e = refusal(() =>
        schedule({
          ...LATENESS,
          bands: [
            { lte: 15, amount: 2000 },
            { gte: 15, amount: 5000 },
          ],
        } as Outcome),
      );
      expect(e.code).toBe('policy_overlap');
      expect(e.path).toEqual(['params', 'items', 0, 'charges', 0, 'outcome', 'bands', 1]);
    });

    it('refuses a gap (≤ 15, then ≥ 16 leaves (15, 16) uncovered) with invalid_input at the band', () => {
      const e = refusal(() =>
        schedule({
          ...LATENESS,
          bands: [
            { gte: 16, amount: 5000 },
            { lte: 15, amount: 2000 },
          ],
        } as Outcome),
      );
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['params', 'items', 0, 'charges', 0, 'outcome', 'bands', 0]);
      expect(e.message).toContain('gap');
    });

    it('refuses two open-below bands, a band with two lower bounds, an empty band, lateBy without its unit', () => {
      expect(
        refusal(() =>
          schedule({
            ...LATENESS,
            bands: [
              { lte: 15, amount: 1 },
              { lt: 60, amount: 2 },
            ],
          } as Outcome),
        ).code,
      ).toBe('policy_overlap');
      const two = refusal(() => schedule({ ...LATENESS, bands: [{ gt: 1, gte: 2, amount: 1 }] } as Outcome));
      expect(two.path).toEqual(['policy', 'params', 'items', 0, 'charges', 0, 'outcome', 'bands', 0]);
      const empty = refusal(() => schedule({ ...LATENESS, bands: [{ gt: 5, lt: 5, amount: 1 }] } as Outcome));
      expect(empty.code).toBe('invalid_input');
      const unit = refusal(() => schedule({ kind: 'bands', measure: 'lateBy', bands: [{ amount: 1 }] }));
      expect(unit.path).toEqual(['policy', 'params', 'items', 0, 'charges', 0, 'outcome']);
    });

    it('refuses a measured field that is not a number, naming the violation field', () => {
      const overdue = schedule({ kind: 'bands', measure: ['data', 'daysOverdue'], bands: [{ amount: 1 }] });
      const e = refusal(() => ledgerOf([late(4, undefined, { daysOverdue: '3' })], overdue, ctx));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['violations', 0, 'data', 'daysOverdue']);
    });
  });
});
