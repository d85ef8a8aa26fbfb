// Large violation lists (fuzz finding): `penalty.ledger` with 10^5 junk violations took about a
// second to refuse. The module's fast input parser runs the (lazy) violation list's own parser, which
// fell back to zod's array parser at the first entry its plain check did not accept; zod then
// described every bad entry before the fast parser gave up and `parseInput` (core's large-array
// pre-check) refused the list at its first bad entry. A list of 1,000 entries or more now stops at
// its first entry zod refuses; the refusal (code, path, message, details) is the one of before.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { parseInput, type ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { LedgerInputSchema, penaltyLedger } from './modules.js';
import { PayEntrySchema, RosterSchema } from './price.js';
import { ViolationInputSchema, violationListSchema } from './violation-input.js';

const good = {
  code: 'records.handover.late',
  personId: 'sc-1',
  role: 'salesConsultant',
  occurredAt: '2024-03-08T10:00:00+08:00',
  source: { module: 'records', rule: 'S000-ARCHIVE-07' },
};
const policy = penaltyLedger.preset('dealer-file');
const ctx = { now: '2024-03-31T12:00:00+08:00', calendar: chinaCalendar() };

/** The ledger input as plain zod reads it (the list without its fast path): the refusal of before. */
const PlainLedgerInput = z.strictObject({
  violations: z.array(ViolationInputSchema),
  roster: RosterSchema.optional(),
  pay: z.array(PayEntrySchema).optional(),
  trace: z.enum(['lines', 'summary']).optional(),
});

const BAD: readonly unknown[] = [
  7,
  null,
  'violation',
  { code: 1 },
  { ...good, personId: '' },
  { ...good, personID: 'sc-1' },
  { ...good, occurredAt: 'yesterday' },
  { ...good, quantity: 0 },
  { ...good, lateBy: { unit: 'fortnight', units: 1 } },
  { ...good, source: { module: 'records' } },
];

const shape = (e: ZhiduError) => ({ code: e.code, path: e.path, message: e.message, details: e.details });

/** An array whose index reads are counted (the entries the parse looked at). */
function counted(list: unknown[]): { list: unknown[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(list, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { list: proxy, reads: () => reads };
}

describe('penalty.ledger: a large violation list is refused at its first bad entry', () => {
  it('the fuzz case: 10^5 junk violations get the refusal of before (code, path, message, details), for every kind of junk', () => {
    for (const junk of BAD) {
      const input = { violations: Array.from({ length: 100_000 }, () => junk) };
      const now = refusal(() => penaltyLedger.evaluate(input as never, policy, ctx));
      const before = refusal(() => parseInput(PlainLedgerInput, input, ['input']));
      expect(shape(now)).toEqual(shape(before));
      expect(now.path.slice(0, 3)).toEqual(['input', 'violations', 0]);
      // The entry alone gives the same code, path and message.
      const alone = refusal(() => parseInput(ViolationInputSchema, junk, ['input', 'violations', 0]));
      expect([now.code, now.path, now.message]).toEqual([alone.code, alone.path, alone.message]);
    }
  });

  it('the message of the fuzz case names the first entry in both languages', () => {
    const input = { violations: Array.from({ length: 100_000 }, () => ({ code: 1 })) };
    const e = refusal(() => penaltyLedger.evaluate(input as never, policy, ctx));
    expect([e.code, e.path, e.message]).toEqual([
      'invalid_input',
      ['input', 'violations', 0, 'code'],
      '无效输入：期望 字符串，实际接收 数字 / Invalid input: expected string, received number (at input.violations[0].code)',
    ]);
  });

  it('entries read: 10^5 junk violations are refused after reading a few hundred entries, not every entry (was > 100,000)', () => {
    const all = counted(Array.from({ length: 100_000 }, () => ({ code: 1 })));
    const e = refusal(() => penaltyLedger.evaluate({ violations: all.list } as never, policy, ctx));
    expect(e.path).toEqual(['input', 'violations', 0, 'code']);
    // The list's own parse stops at entry 0; core's pre-check samples 65 entries.
    expect(all.reads()).toBeLessThan(300);

    // 1,500 good entries, then junk: the list's parse reads up to the first bad entry, the pre-check
    // its samples and the entries before the first failing sample.
    const late = counted(
      Array.from({ length: 100_000 }, (_, i) => (i < 1500 ? good : { ...good, quantity: 0 })),
    );
    const f = refusal(() => penaltyLedger.evaluate({ violations: late.list } as never, policy, ctx));
    expect([f.code, f.path]).toEqual(['invalid_input', ['input', 'violations', 1500, 'quantity']]);
    expect(late.reads()).toBeLessThan(5000);
  });

  it('a large valid list with entries only zod reads (epoch-ms instants) has zod’s value, and is priced', () => {
    const epoch = Date.parse('2024-03-08T10:00:00+08:00');
    const list = Array.from({ length: 1200 }, (_, i) =>
      i % 300 === 7 ? { ...good, personId: `sc-${i}`, occurredAt: epoch } : { ...good, personId: `sc-${i}` },
    );
    expect(violationListSchema().parse(list)).toEqual(z.array(ViolationInputSchema).parse(list));
    const d = penaltyLedger.evaluate({ violations: list } as never, policy, ctx);
    expect(d.value.result.total).toBe(1200 * 5000);
  });

  it('a small list (under 1,000 entries) still lists every bad entry, as zod does', () => {
    const input = { violations: [good, { code: 1 }, good, { ...good, quantity: 0 }] };
    const e = refusal(() => penaltyLedger.evaluate(input as never, policy, ctx));
    expect(shape(e)).toEqual(shape(refusal(() => parseInput(PlainLedgerInput, input, ['input']))));
    expect((e.details as { path: unknown }[] | undefined)?.map((x) => x.path)).toEqual([
      ['input', 'violations', 1, 'code'],
      ['input', 'violations', 1, 'personId'],
      ['input', 'violations', 1, 'occurredAt'],
      ['input', 'violations', 1, 'source'],
      ['input', 'violations', 3, 'quantity'],
    ]);
  });

  it('property: a large list with bad entries anywhere gets zod’s issues of its first bad entry, and with one bad entry the refusal of before (seeded)', () => {
    const list = violationListSchema();
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 1300 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: BAD.length - 1 })), { minLength: 1, maxLength: 4 }),
        (length, bad) => {
          const input: unknown[] = Array.from({ length }, (_, i) => ({ ...good, personId: `sc-${i}` }));
          for (const [at, kind] of bad) input[at % length] = BAD[kind];
          const first = Math.min(...bad.map(([at]) => at % length));
          const ours = list.safeParse(input);
          const plain = z.array(ViolationInputSchema).safeParse(input);
          expect(ours.success).toBe(false);
          expect(plain.success).toBe(false);
          if (ours.success || plain.success) return;
          expect(ours.error.issues).toEqual(plain.error.issues.filter((x) => x.path[0] === first));
          if (new Set(bad.map(([at]) => at % length)).size === 1) {
            const now = refusal(() => penaltyLedger.evaluate({ violations: input } as never, policy, ctx));
            const before = refusal(() => parseInput(PlainLedgerInput, { violations: input }, ['input']));
            expect(shape(now)).toEqual(shape(before));
          }
        },
      ),
      { seed: 21, numRuns: 60 },
    );
  });

  it('the ledger input schema keeps the list of before (same JSON Schema as the plain list)', () => {
    expect(z.toJSONSchema(LedgerInputSchema, { io: 'input' })).toEqual(
      z.toJSONSchema(PlainLedgerInput, { io: 'input' }),
    );
  });
});
