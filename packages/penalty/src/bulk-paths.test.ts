import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type TraceEntry, type Violation, type ViolationInput } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessPenalties } from './entry-points.js';
import { compareEntries, compareEntriesByKey, type Entry } from './matching.js';
import { penaltyLedgerWith } from './modules.js';
import { dealerFileSchedule } from './presets/dealer-file.js';

// The bulk-pricing paths (issue 21) against the paths they replaced: the field-by-field tie-break
// against the joined key, and the escalation messages built from shared parts against the full text.

const ctx = makeContext({ now: '2024-06-30T18:00:00+08:00', calendar: chinaCalendar() });
const schedule = dealerFileSchedule();

/** Violations that mostly share an instant, with fields that stress the joined key (U+0000, 9 vs 10). */
const tied = fc
  .record({
    code: fc.constantFrom('a', 'ab', 'a\u0000', 'a\u0000b', 'b', ''),
    role: fc.option(fc.constantFrom('', 'r', 'r\u0000', 'rr'), { nil: undefined }),
    subject: fc.option(
      fc.record({
        kind: fc.constantFrom('file', 'f', 'f\u0000'),
        id: fc.constantFrom('1', '10', '9', '1\u0000'),
      }),
      { nil: undefined },
    ),
    quantity: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    at: fc.constantFrom('2024-03-01T00:00:00.000Z', '2024-03-01T00:00:01.000Z'),
    data: fc.option(fc.record({ n: fc.integer({ min: 0, max: 3 }) }), { nil: undefined }),
  })
  .map(({ code, role, subject, quantity, at, data }): Entry => {
    const v: Violation = { code, personId: 'p', occurredAt: at, source: { module: 'm', rule: 'r' } };
    if (role !== undefined) v.role = role;
    if (quantity !== undefined) v.quantity = quantity;
    if (subject !== undefined) v.subject = subject;
    if (data !== undefined) v.data = data;
    return { v, index: 0, item: undefined };
  });

const sign = (n: number) => Math.sign(n);

describe('penalty bulk paths: the field-by-field tie-break', () => {
  it('orders every pair of violations as the joined canonical key did (seeded)', () => {
    fc.assert(
      fc.property(tied, tied, (a, b) => {
        expect(sign(compareEntries(a, b))).toBe(sign(compareEntriesByKey(a, b)));
        expect(sign(compareEntries(b, a))).toBe(sign(compareEntriesByKey(b, a)));
      }),
      { seed: 2101, numRuns: 1000 },
    );
  });

  it('sorts a quantity of 10 before 9, as the key text does', () => {
    const at = '2024-03-01T00:00:00.000Z';
    const e = (quantity: number): Entry => ({
      v: { code: 'c', personId: 'p', occurredAt: at, quantity, source: { module: 'm', rule: 'r' } },
      index: 0,
      item: undefined,
    });
    expect(compareEntries(e(10), e(9))).toBe(-1);
    expect(compareEntries(e(9), e(10))).toBe(1);
  });

  it('falls back to the joined key when the first differing field holds U+0000', () => {
    const at = '2024-03-01T00:00:00.000Z';
    const e = (code: string, role: string): Entry => ({
      v: { code, personId: 'p', role, occurredAt: at, source: { module: 'm', rule: 'r' } },
      index: 0,
      item: undefined,
    });
    // Keys `a\0\0z…` and `a\0y…`: the joined key puts the first one first, although `a\0` > `a`.
    expect(compareEntries(e('a\u0000', 'z'), e('a', 'y'))).toBe(-1);
    expect(compareEntriesByKey(e('a\u0000', 'z'), e('a', 'y'))).toBe(-1);
    expect(compareEntries(e('a', 'y'), e('a\u0000', 'z'))).toBe(1);
  });
});

/** The escalation message as it was written in full for every entry (the reference). */
function fullMessage(t: TraceEntry, tally: string): { zh: string; en: string } {
  const d = t.data ?? {};
  const ids = d.lines as string[];
  const step =
    d.multiplier !== undefined ? { zh: `罚款 ×${d.multiplier}`, en: `fines ×${d.multiplier}` } : undefined;
  if (step === undefined) throw new Error('the dealer schedule doubles');
  return {
    zh: `${d.personId} 在 ${d.period} 第${d.tallyIndex}次违规(${tally}),${step.zh}(${ids.join('、')})`,
    en: `${d.personId}: violation #${d.tallyIndex} of ${d.period} in tally ${tally}, ${step.en} (${ids.join(', ')})`,
  };
}

const codes = [
  'records.handover.late',
  'records.signature.missing',
  'records.item.missing',
  'records.file.lost',
];
const bulk = fc.array(
  fc.record({
    person: fc.constantFrom(
      ['sc-1', 'salesConsultant'],
      ['sc-2', 'salesConsultant'],
      ['sa-1', 'serviceAdvisor'],
    ),
    code: fc.constantFrom(...codes),
    day: fc.integer({ min: 0, max: 70 }),
    quantity: fc.integer({ min: 1, max: 3 }),
  }),
  { maxLength: 60 },
);
const toInputs = (
  rows: { person: readonly string[]; code: string; day: number; quantity: number }[],
): ViolationInput[] =>
  rows.map((r, i) => ({
    code: r.code,
    personId: r.person[0] ?? '',
    role: r.person[1] ?? '',
    occurredAt: new Date(Date.parse('2024-03-01T02:00:00Z') + r.day * 86_400_000).toISOString(),
    quantity: r.quantity,
    subject: { kind: 'file', id: `f${i}` },
    source: { module: 'records', rule: 'S000-ARCHIVE-07' },
  }));

describe('penalty bulk paths: escalation entries', () => {
  it('writes every escalation message exactly as the full text, data keys in the same order (seeded)', () => {
    fc.assert(
      fc.property(bulk, (rows) => {
        const d = assessPenalties({ violations: toInputs(rows) }, schedule, ctx);
        const lineIds = new Set(
          d.value.result.persons.flatMap((p) => p.periods.flatMap((x) => x.lines.map((l) => l.id))),
        );
        for (const t of d.trace) {
          if (t.rule !== 'S000-PENALTY-06' || t.data?.escalation === undefined) continue;
          expect(Object.keys(t.data)).toEqual([
            'personId',
            'period',
            'tallyIndex',
            'multiplier',
            'escalation',
            'lines',
          ]);
          expect(t.message).toEqual(fullMessage(t, 'dealerFile'));
          for (const id of t.data.lines as string[]) expect(lineIds.has(id)).toBe(true);
        }
      }),
      { seed: 2102, numRuns: 60 },
    );
  });

  it('names the lines of the second doubled violation of a month: S000-PENALTY-06 × 2 for sc-1', () => {
    const d = assessPenalties(
      {
        violations: toInputs([
          { person: ['sc-1', 'salesConsultant'], code: 'records.handover.late', day: 1, quantity: 1 },
          { person: ['sc-1', 'salesConsultant'], code: 'records.handover.late', day: 2, quantity: 1 },
          { person: ['sc-1', 'salesConsultant'], code: 'records.handover.late', day: 3, quantity: 1 },
        ]),
      },
      schedule,
      ctx,
    );
    const doubled = d.trace.filter((t) => t.data?.escalation !== undefined);
    expect(doubled.map((t) => t.message.en)).toEqual([
      'sc-1: violation #2 of 2024-03 in tally dealerFile, fines ×2 (sc-1/2024-03/#2)',
      'sc-1: violation #3 of 2024-03 in tally dealerFile, fines ×2 (sc-1/2024-03/#3)',
    ]);
    expect(doubled[1]?.message.zh).toBe('sc-1 在 2024-03 第3次违规(dealerFile),罚款 ×2(sc-1/2024-03/#3)');
    expect(d.value.result.total).toBe(5000 + 10000 + 10000);
  });

  it('shows a rule before filing an escalation entry with no lines named yet (lines [], empty message)', () => {
    let seen: { lines: unknown; message: unknown } | undefined;
    const m = penaltyLedgerWith({
      customRules: [
        {
          after: 'S000-PENALTY-06',
          step: {
            id: 'acme.peek',
            run: (s) => {
              const e = s.escalations[0]?.entry;
              seen = { lines: e?.data?.lines, message: e?.message };
              return s;
            },
          },
        },
      ],
    });
    const d = m.evaluate(
      {
        violations: toInputs([
          { person: ['sc-1', 'salesConsultant'], code: 'records.handover.late', day: 1, quantity: 1 },
          { person: ['sc-1', 'salesConsultant'], code: 'records.handover.late', day: 2, quantity: 1 },
        ]),
      },
      schedule,
      ctx,
    );
    expect(seen).toEqual({ lines: [], message: { zh: '', en: '' } });
    const entry = d.trace.find((t) => t.data?.escalation !== undefined);
    expect(entry?.data?.lines).toEqual(['sc-1/2024-03/#2']);
  });
});
