import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type ViolationInput } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from './assess.js';
import type { Ledger } from './ledger.js';
import { PRESETS } from './presets/index.js';

// Issue 16: whatever bands, tiers (×, +N, fixed amounts, other sanctions), tally windows and
// conditions a schedule uses, a ledger's totals are exactly the sum of its charged lines, in fen —
// per period, per person and overall — and the ledger does not depend on the order of the violations.

const ctx = {
  ...makeContext({ now: '2026-06-30T18:00:00+08:00', calendar: chinaCalendar() }),
  pay: ['p1', 'p2', 'p3'].map((personId, i) => ({
    personId,
    component: 'monthlyBasePay',
    amount: 400_000 + 12_345 * i,
  })),
};
const start = Date.parse('2025-01-01T00:00:00+08:00');
const SCHEDULES = [PRESETS.exampleJinmaAutoGroup(), PRESETS.exampleQingshanBuildingMaterials()];

/** Violations of every code the example companies price, with the fields their items read. */
const violation: fc.Arbitrary<ViolationInput> = fc
  .record({
    kind: fc.integer({ min: 0, max: 8 }),
    person: fc.constantFrom('p1', 'p2', 'p3'),
    minutes: fc.integer({ min: 0, max: 60 * 24 * 500 }),
    late: fc.integer({ min: 0, max: 200 }),
    quantity: fc.integer({ min: 1, max: 4 }),
    fen: fc.integer({ min: 0, max: 3_000_000 }),
    row: fc.constantFrom('fleet-over-limit-unsigned', 'over-limit-unapproved', 'within-limit'),
  })
  .map(({ kind, person, minutes, late, quantity, fen, row }): ViolationInput => {
    const occurredAt = new Date(start + minutes * 60_000).toISOString();
    const base = { personId: person, occurredAt, quantity, source: { module: 'test.gen', rule: 'T-1' } };
    switch (kind) {
      case 0:
        return { ...base, code: 'staff.attendance.late', lateBy: { unit: 'minutes', units: late } };
      case 1:
        return { ...base, code: 'service.complaint.upheld' };
      case 2:
        return {
          ...base,
          code: 'records.handover.late',
          role: 'salesConsultant',
          lateBy: { unit: 'workingDays', units: late % 10 },
        };
      case 3:
        return { ...base, code: 'credit.badDebt.share', role: 'salesRep', data: { amount: fen, row } };
      case 4:
        return {
          ...base,
          code: 'records.deliveryNote.late',
          lateBy: { unit: 'calendarDays', units: late % 20 },
        };
      case 5:
        return { ...base, code: 'credit.collection.overdue', data: { daysOverdue: late } };
      case 6:
        return { ...base, code: 'sales.price.belowFloor', data: { shortfallFen: fen } };
      case 7:
        return { ...base, code: 'sales.visit.missed' };
      default:
        return { ...base, code: 'unknown.code' };
    }
  });

function sumProblems(l: Ledger): string[] {
  const problems: string[] = [];
  let ledgerTotal = 0;
  for (const p of l.persons) {
    let personTotal = 0;
    for (const period of p.periods) {
      const charged = period.lines.filter((x) => x.status === 'charged').reduce((a, x) => a + x.amount, 0);
      if (charged !== period.total)
        problems.push(`${p.personId} ${period.period}: ${charged} ≠ ${period.total}`);
      const points = period.lines.filter((x) => x.kind === 'points').reduce((a, x) => a + (x.points ?? 0), 0);
      const stated = Object.values(period.points ?? {}).reduce((a, x) => a + x, 0);
      if (points !== stated) problems.push(`${p.personId} ${period.period}: points ${points} ≠ ${stated}`);
      personTotal += period.total;
    }
    if (personTotal !== p.total) problems.push(`${p.personId}: ${personTotal} ≠ ${p.total}`);
    ledgerTotal += p.total;
  }
  if (ledgerTotal !== l.total) problems.push(`ledger: ${ledgerTotal} ≠ ${l.total}`);
  return problems;
}

describe('example schedules: ledger sums and order independence (property)', () => {
  for (const schedule of SCHEDULES) {
    it(`${schedule.id}: totals equal the sum of the charged lines in fen (and points the points lines), in any order`, () => {
      fc.assert(
        fc.property(
          fc
            .array(violation, { maxLength: 30 })
            .chain((vs) =>
              fc.tuple(
                fc.constant(vs),
                fc.shuffledSubarray(vs, { minLength: vs.length, maxLength: vs.length }),
              ),
            ),
          ([vs, shuffled]) => {
            const a = ledgerOf(vs, schedule, ctx).value;
            expect(sumProblems(a)).toEqual([]);
            expect(ledgerOf(shuffled, schedule, ctx).value).toEqual(a);
          },
        ),
        { numRuns: 80, seed: 16_016 },
      );
    });
  }
});
