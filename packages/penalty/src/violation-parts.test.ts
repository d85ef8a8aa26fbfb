import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type ViolationInput } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dealerFileSchedule,
  LEDGER_STEPS,
  type PenaltyCustomRule,
  type PenaltyStage,
  penaltyLedger,
  penaltyLedgerWith,
} from './index.js';
import { priceViolations as oraclePrice } from './oracle/pipeline.js';
import { priceViolations } from './pipeline.js';
import {
  fastViolation,
  ViolationInputSchema,
  ViolationParts,
  violationListSchema,
} from './violation-input.js';

const ctx = makeContext({ now: '2024-03-31T18:00:00+08:00', calendar: chinaCalendar() });
const violation = (
  i: number,
  source: { module: string; rule: string; clause?: string },
  lateBy: Record<string, unknown>,
): ViolationInput =>
  ({
    code: 'records.handover.late',
    personId: `sc-${i % 3}`,
    role: 'salesConsultant',
    occurredAt: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+08:00`,
    quantity: 1,
    lateBy,
    subject: { kind: 'file', id: `F${i}` },
    source,
    correctedAt: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T11:00:00+08:00`,
  }) as ViolationInput;

/** `n` violations of one source, their lateness alternating between 1 and 2 working days. */
const sameSource = (n: number): ViolationInput[] =>
  Array.from({ length: n }, (_, i) =>
    violation(i, { module: 'records', rule: 'S000-ARCHIVE-07' }, { unit: 'workingDays', units: 1 + (i % 2) }),
  );

/** A company's step after the match that keeps the violations it was given (and changes nothing). */
function looking(): { rule: PenaltyCustomRule; seen: () => PenaltyStage['violations'] } {
  let seen: PenaltyStage['violations'] = [];
  const rule: PenaltyCustomRule = {
    after: LEDGER_STEPS.match,
    step: {
      id: 'acme.look',
      run: (stage: PenaltyStage) => {
        seen = stage.violations;
        return stage;
      },
    },
  };
  return { rule, seen: () => seen };
}

describe('a list shares its violations’ source and lateBy copies (issue 21)', () => {
  it('gives one frozen object per distinct value, equal to what zod parses', () => {
    const parts = new ViolationParts();
    const a = parts.source('records', 'S000-ARCHIVE-07', undefined);
    expect(parts.source('records', 'S000-ARCHIVE-07', undefined)).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a).toStrictEqual({ module: 'records', rule: 'S000-ARCHIVE-07' });
    const b = parts.source('records', 'S000-ARCHIVE-07', '000 L247');
    expect(b).not.toBe(a);
    expect(b).toStrictEqual({ module: 'records', rule: 'S000-ARCHIVE-07', clause: '000 L247' });
    // Back to the first value after another one: found in the map, not built again.
    parts.source('service', 'S002-SVC-01', undefined);
    expect(parts.source('records', 'S000-ARCHIVE-07', undefined)).toBe(a);
    const late = parts.lateBy('workingDays', 2, undefined);
    expect(parts.lateBy('workingDays', 2, undefined)).toBe(late);
    expect(late).toStrictEqual({ unit: 'workingDays', units: 2 });
    expect(parts.lateBy('workingDays', 3, undefined)).toStrictEqual({ unit: 'workingDays', units: 3 });
    const withMs = parts.lateBy('hours', 2, 7_200_000);
    expect(withMs).toStrictEqual({ unit: 'hours', units: 2, ms: 7_200_000 });
    expect(parts.lateBy('hours', 2, undefined)).not.toBe(withMs);
    expect(Object.isFrozen(withMs)).toBe(true);
  });

  it('tells apart texts that read alike once joined (U+0000 and commas in a field)', () => {
    const parts = new ViolationParts();
    const x = parts.source('a\u0000b', 'c', undefined);
    const y = parts.source('a', 'b\u0000c', undefined);
    const z = parts.source('a', 'b', '\u0000c');
    const w = parts.source('1,1,-1:a', 'b', undefined);
    parts.source('other', 'other', undefined);
    expect([x, y, z, w].map((s) => ({ ...s }))).toEqual([
      { module: 'a\u0000b', rule: 'c' },
      { module: 'a', rule: 'b\u0000c' },
      { module: 'a', rule: 'b', clause: '\u0000c' },
      { module: '1,1,-1:a', rule: 'b' },
    ]);
    expect(parts.source('a', 'b\u0000c', undefined)).toBe(y);
    // No clause and an empty clause are two values, whichever was met first.
    const none = parts.source('a', 'b', undefined);
    parts.source('other', 'other', undefined);
    const empty = parts.source('a', 'b', '');
    expect(empty).not.toBe(none);
    expect(empty).toStrictEqual({ module: 'a', rule: 'b', clause: '' });
    parts.source('other', 'other', undefined);
    expect(parts.source('a', 'b', undefined)).toBe(none);
    expect(none).toStrictEqual({ module: 'a', rule: 'b' });
  });

  it('keeps at most 1,024 values of each and still copies every further one exactly', () => {
    const parts = new ViolationParts();
    const first = Array.from({ length: 1_100 }, (_, i) => parts.source('m', `r${i}`, undefined));
    parts.source('m', 'between', undefined);
    // A kept value is shared; one past the bound is built again (equal, frozen, not the same object).
    expect(parts.source('m', 'r5', undefined)).toBe(first[5]);
    const again = parts.source('m', 'r1050', undefined);
    expect(again).not.toBe(first[1050]);
    expect(again).toStrictEqual({ module: 'm', rule: 'r1050' });
    expect(Object.isFrozen(again)).toBe(true);
  });

  it('property: a list parsed with shared parts equals zod’s parse entry by entry, and equal parts are one object', () => {
    const source = fc.constantFrom(
      { module: 'records', rule: 'S000-ARCHIVE-07' },
      { module: 'records', rule: 'S000-ARCHIVE-08', clause: '000 L250' },
      { module: 'service', rule: 'S002-SVC-01' },
    );
    const lateBy = fc.oneof(
      fc.record({
        unit: fc.constantFrom('workingDays', 'calendarDays'),
        units: fc.integer({ min: 0, max: 3 }),
      }),
      fc.record({ unit: fc.constant('hours'), units: fc.integer({ min: 0, max: 3 }), ms: fc.nat(10_000) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(source, lateBy), { minLength: 1, maxLength: 60 }), (rows) => {
        // (fast-check's records have no prototype: spread into plain objects, as JSON gives them)
        const list = rows.map(([s, l], i) => violation(i, s, { ...l }));
        const parsed = violationListSchema().parse(list);
        expect(parsed).toStrictEqual(list.map((v) => ViolationInputSchema.parse(v)));
        const seen = new Map<string, unknown>();
        for (const v of parsed) {
          for (const part of [v.source, v.lateBy]) {
            expect(Object.isFrozen(part)).toBe(true);
            const key = JSON.stringify(part);
            if (!seen.has(key)) seen.set(key, part);
            expect(part).toBe(seen.get(key));
          }
        }
      }),
      { seed: 2026120701, numRuns: 150 },
    );
  });

  it('without a list’s parts, each violation gets copies of its own (not frozen), as before', () => {
    const raw = violation(
      1,
      { module: 'records', rule: 'S000-ARCHIVE-07' },
      { unit: 'workingDays', units: 1 },
    );
    const a = fastViolation(raw);
    const b = fastViolation(raw);
    expect(a?.source).not.toBe(b?.source);
    expect(Object.isFrozen(a?.source)).toBe(false);
    expect(a?.source).not.toBe(raw.source);
  });

  it('a company’s step under the module sees the shared, frozen parts (the list schema’s parse)', () => {
    const list = sameSource(12);
    const look = looking();
    const module = penaltyLedgerWith({ customRules: [look.rule] });
    const schedule = dealerFileSchedule();
    const withRule = module.evaluate({ violations: list }, schedule, ctx);
    const seen = look.seen();
    expect(seen).toHaveLength(12);
    expect(seen[0]?.source).toBe(seen[11]?.source);
    expect(seen[0]?.lateBy).toBe(seen[2]?.lateBy);
    expect(seen[0]?.lateBy).not.toBe(seen[1]?.lateBy);
    expect(Object.isFrozen(seen[0]?.source)).toBe(true);
    // The input's own objects are never shared into the stage.
    expect(seen[0]?.source).not.toBe(list[0]?.source);
    const plain = penaltyLedger.evaluate({ violations: list }, schedule, ctx);
    expect(withRule.value.result.total).toBe(plain.value.result.total);
    expect(plain.value.result.total).toBeGreaterThan(0);
  });

  it('the pricing engine’s own loop (assessPenalties, ledgerOf) shares them too, and prices exactly as the code before did', () => {
    const list = sameSource(30);
    const look = looking();
    const schedule = penaltyLedger.compile(dealerFileSchedule()).compiled;
    const fresh = priceViolations(list, schedule, ctx, {}, { trace: 'lines', customRules: [look.rule] });
    const seen = look.seen();
    expect(seen).toHaveLength(30);
    expect(seen[0]?.source).toBe(seen[29]?.source);
    expect(seen[0]?.lateBy).toBe(seen[2]?.lateBy);
    expect(seen[1]?.lateBy).not.toBe(seen[2]?.lateBy);
    expect(Object.isFrozen(seen[0]?.lateBy)).toBe(true);
    // The code before issue 21 (each violation with copies of its own) gives the same ledger and trace.
    const old = oraclePrice(list, schedule, ctx, {}, { trace: 'lines', customRules: [look.rule] });
    expect(JSON.stringify(fresh)).toBe(JSON.stringify(old));
    expect(fresh.value.total).toBeGreaterThan(0);
  });

  it('a large list that zod must read in part shares the parts of the entries read by hand before and after it', () => {
    const list: unknown[] = Array.from({ length: 1_200 }, (_, i) =>
      violation(i, { module: 'records', rule: 'S000-ARCHIVE-07' }, { unit: 'workingDays', units: 1 }),
    );
    // A symbol key in `data` is not data: zod's record leaves it out, the hand-written reading leaves the
    // entry to zod.
    list[5] = { ...(list[5] as object), data: { note: 'x', [Symbol('s')]: 1 } };
    const parsed = violationListSchema().parse(list);
    expect(parsed[5]?.data).toStrictEqual({ note: 'x' });
    expect(Object.isFrozen(parsed[5]?.source)).toBe(false);
    expect(parsed[0]?.source).toBe(parsed[1_199]?.source);
    expect(parsed[4]?.lateBy).toBe(parsed[6]?.lateBy);
    expect(Object.isFrozen(parsed[1_199]?.source)).toBe(true);
    expect(parsed).toStrictEqual(list.map((v) => ViolationInputSchema.parse(v)));
  });
});
