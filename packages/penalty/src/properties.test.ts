import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type ViolationInput } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from './assess.js';
import type { Ledger } from './ledger.js';
import { dealerFileSchedule } from './presets/dealer-file.js';
import { defineSchedule } from './schedule.js';

const ctx = {
  ...makeContext({ now: '2024-05-15T12:00:00+08:00', calendar: chinaCalendar() }),
  pay: [{ personId: 'sa-1', component: 'performancePay', amount: 400_000 }],
};
const schedule = dealerFileSchedule();
const codes = [
  'records.handover.late',
  'records.item.missing',
  'records.item.defective',
  'records.signature.missing',
  'records.signature.staffMissing',
  'records.file.lost',
  'service.intake.contactUnconfirmed',
];
const start = Date.parse('2024-03-01T00:00:00+08:00');

const violation = fc
  .record({
    code: fc.constantFrom(...codes),
    person: fc.constantFrom(
      ['sc-1', 'salesConsultant'],
      ['sc-2', 'salesConsultant'],
      ['sa-1', 'serviceAdvisor'],
    ),
    minutes: fc.integer({ min: 0, max: 60 * 24 * 60 }),
    quantity: fc.integer({ min: 1, max: 5 }),
    fixMinutes: fc.option(fc.integer({ min: 0, max: 60 * 24 * 10 })),
    file: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ code, person, minutes, quantity, fixMinutes, file }): ViolationInput => {
    const at = start + minutes * 60_000;
    return {
      code,
      personId: person[0] ?? '',
      role: person[1] ?? '',
      occurredAt: new Date(at).toISOString(),
      quantity,
      lateBy: { unit: 'workingDays', units: 1 },
      subject: { kind: 'file', id: `F${file}` },
      source: { module: 'records', rule: 'S000-ARCHIVE-07' },
      ...(fixMinutes === null ? {} : { correctedAt: new Date(at + fixMinutes * 60_000).toISOString() }),
    };
  });

function sumsHold(l: Ledger): boolean {
  let ledgerTotal = 0;
  for (const p of l.persons) {
    let personTotal = 0;
    for (const period of p.periods) {
      const charged = period.lines.filter((x) => x.status === 'charged').reduce((a, x) => a + x.amount, 0);
      if (charged !== period.total) return false;
      personTotal += period.total;
    }
    if (personTotal !== p.total) return false;
    ledgerTotal += p.total;
  }
  return ledgerTotal === l.total;
}

describe('ledger invariants (fast-check)', () => {
  it('totals equal the sum of the charged lines, per period, per person and overall', () => {
    fc.assert(
      fc.property(fc.array(violation, { maxLength: 40 }), (vs) =>
        sumsHold(ledgerOf(vs, schedule, ctx).value),
      ),
      { numRuns: 150 },
    );
  });

  it('gives the same ledger whatever the order of the violations', () => {
    fc.assert(
      fc.property(
        fc
          .array(violation, { maxLength: 40 })
          .chain((vs) =>
            fc.tuple(
              fc.constant(vs),
              fc.shuffledSubarray(vs, { minLength: vs.length, maxLength: vs.length }),
            ),
          ),
        ([vs, shuffled]) => {
          const a = ledgerOf(vs, schedule, ctx).value;
          const b = ledgerOf(shuffled, schedule, ctx).value;
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never loses or invents a fen when a liability is shared among named roles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 })
          .filter((w) => w.some((x) => x > 0)),
        (amount, weights) => {
          const roles = weights.map((_, i) => ({ kind: 'role' as const, role: `r${i}` }));
          const shared = defineSchedule({
            id: 'shared',
            version: '1',
            effectiveFrom: '2024-01-01',
            source: { title: 'shares' },
            params: {
              window: 'calendarMonth',
              latenessRounding: 'ceil',
              escalations: [],
              caps: [],
              items: [
                {
                  id: 's',
                  rule: 'T',
                  clause: 'c',
                  title: { zh: '分担', en: 'shared' },
                  match: { code: 'x.s' },
                  charges: [{ to: roles, weights, outcome: { kind: 'fine', amount, per: 'occurrence' } }],
                },
              ],
            },
          });
          const roster = Object.fromEntries(weights.map((_, i) => [`r${i}`, `p${i}`]));
          const { value } = ledgerOf(
            [
              {
                code: 'x.s',
                personId: 'v',
                occurredAt: '2024-03-05T10:00:00+08:00',
                source: { module: 't', rule: 'T' },
              },
            ],
            shared,
            { ...ctx, roster },
          );
          const lines = value.persons.flatMap((p) => p.periods.flatMap((x) => x.lines));
          expect(lines.reduce((a, l) => a + l.amount, 0)).toBe(amount);
          expect(value.total).toBe(amount);
        },
      ),
      { numRuns: 200 },
    );
  });
});
