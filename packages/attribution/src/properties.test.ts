import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SalesHistoryInput } from './events.js';
import { makeContext } from './kernel.js';
import { salesOffice001 } from './presets.js';
import { ownershipOf, ownershipOfAll } from './resolve.js';
import { ReceptionRotation } from './rotation.js';
import { sharesOf } from './shares.js';

type EventInput = SalesHistoryInput['events'][number];
const STAFF = ['A', 'B', 'C', 'D'];
const staffArb = fc.constantFrom(...STAFF);
const stamp = (minute: number) => new Date(Date.UTC(2024, 0, 1) + minute * 60_000).toISOString();

const eventArb = (customerId: string) =>
  fc.oneof(
    fc.record({ who: staffArb }).map(
      ({ who }) =>
        (at: string): EventInput => ({
          type: 'registration',
          at,
          customerId,
          salespersonId: who,
          channel: 'walkIn',
          fields: { name: 'x', phone: '1' },
        }),
    ),
    fc
      .record({
        turn: staffArb,
        before: fc.constantFrom('no', 'yes', 'forgot'),
        named: fc.subarray(STAFF),
        present: fc.subarray(STAFF),
        designated: fc.option(staffArb, { nil: undefined }),
        refuses: fc.boolean(),
        complains: fc.boolean(),
      })
      .map(
        (v) =>
          (at: string): EventInput => ({
            type: 'visit',
            at,
            customerId,
            onTurnId: v.turn,
            ...(v.designated !== undefined ? { designatedOnEntry: v.designated } : {}),
            intake: {
              visitedBefore: v.before as 'no',
              named: v.named,
              refusesPrevious: v.refuses,
              complaintAgainstPrevious: v.complains,
            },
            presentIds: v.present,
          }),
      ),
    fc.record({ who: staffArb }).map(
      ({ who }) =>
        (at: string): EventInput => ({ type: 'deal', at, customerId, stage: 'contract', closerId: who }),
    ),
    fc.record({ who: staffArb, reached: fc.boolean() }).map(
      ({ who, reached }) =>
        (at: string): EventInput => ({
          type: 'followUp',
          at,
          customerId,
          salespersonId: who,
          reached,
        }),
    ),
    fc.record({ against: staffArb, upheld: fc.boolean() }).map(
      ({ against, upheld }) =>
        (at: string): EventInput => ({
          type: 'complaintVerification',
          at,
          customerId,
          againstId: against,
          upheld,
        }),
    ),
  );

const historyArb = (customerId: string) =>
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: 60 * 24 * 120 }), eventArb(customerId)), { maxLength: 12 })
    .map((xs) => {
      const sorted = [...xs].sort((a, b) => a[0] - b[0]);
      const first = (at: string): EventInput => ({
        type: 'registration',
        at,
        customerId,
        salespersonId: 'A',
        channel: 'walkIn',
        fields: { name: 'x', phone: '1' },
      });
      return [[0, first] as const, ...sorted].map(([m, f]) => ({ minute: m, make: f }));
    });

const NOW = makeContext({ now: stamp(60 * 24 * 130) });
const build = (xs: { minute: number; make: (at: string) => EventInput }[]) =>
  xs.map((x) => x.make(stamp(x.minute)));

describe('properties', () => {
  it('has at most one owner at any instant, always a rostered salesperson, never alongside a pending review', () => {
    fc.assert(
      fc.property(historyArb('c1'), fc.integer({ min: 0, max: 60 * 24 * 130 }), (xs, probe) => {
        const h = { customerId: 'c1', staff: STAFF.map((id) => ({ id })), events: build(xs) };
        const d = ownershipOf(h, salesOffice001, makeContext({ now: stamp(probe) }));
        const owner = d.value.owner;
        expect(owner === null || STAFF.includes(owner)).toBe(true);
        if (owner !== null) expect(d.value.needsManagerReview).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('always splits performance and bonus into shares summing to exactly 100 %', () => {
    fc.assert(
      fc.property(historyArb('c1'), (xs) => {
        const h = { customerId: 'c1', staff: STAFF.map((id) => ({ id })), events: build(xs) };
        for (const deal of ownershipOf(h, salesOffice001, NOW).value.deals) {
          for (const shares of [deal.performance, deal.bonus]) {
            if (shares.length > 0) expect(shares.reduce((s, x) => s + x.bp, 0)).toBe(10_000);
          }
          if (deal.status === 'final') expect(deal.performance.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        const shares = sharesOf([
          ['A', bp / 100],
          ['B', (10_000 - bp) / 100],
        ]);
        expect(shares.reduce((s, x) => s + x.bp, 0)).toBe(10_000);
      }),
    );
  });

  it('is unchanged by events of another, unrelated customer', () => {
    fc.assert(
      fc.property(historyArb('c1'), historyArb('c2'), (mine, theirs) => {
        const staff = STAFF.map((id) => ({ id }));
        const alone = ownershipOf({ customerId: 'c1', staff, events: build(mine) }, salesOffice001, NOW);
        const merged = [...mine.map((x) => ({ ...x, k: 0 })), ...theirs.map((x) => ({ ...x, k: 1 }))].sort(
          (a, b) => a.minute - b.minute || a.k - b.k,
        );
        const mixed = ownershipOf({ customerId: 'c1', staff, events: build(merged) }, salesOffice001, NOW);
        expect(mixed.value).toEqual(alone.value);
        // The one-pass batch gives every customer the same answer as resolving them one by one.
        const batch = ownershipOfAll({ staff, events: build(merged) }, salesOffice001, NOW);
        expect(batch.get('c1')?.value).toEqual(alone.value);
      }),
      { numRuns: 150 },
    );
  });

  it('never gives two consecutive new customers to the same person while others are available and nobody is owed', () => {
    const op = fc.oneof(
      fc.constant({ kind: 'walkIn' as const }),
      fc.record({
        kind: fc.constant('status' as const),
        id: staffArb,
        status: fc.constantFrom('available', 'busy', 'outOnBusiness', 'offDuty'),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let r = ReceptionRotation.create(STAFF);
        let last: string | null = null;
        for (const o of ops) {
          if (o.kind === 'status') {
            r = r.setStatus(o.id, o.status as 'available');
            continue;
          }
          const before = r.toJSON();
          const { assignment, rotation } = r.assignNewWalkIn();
          if (assignment.receiver !== null && assignment.receiver === last && !assignment.makeUp) {
            const othersAvailable = STAFF.filter((p) => p !== last && before.status[p] === 'available');
            expect(othersAvailable).toEqual([]);
          }
          if (assignment.receiver !== null) last = assignment.receiver;
          r = rotation;
        }
      }),
      { numRuns: 3000 },
    );
  });
});
