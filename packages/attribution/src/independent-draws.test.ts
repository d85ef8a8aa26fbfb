/**
 * S001-ATTR-28 under `lotteryMode: 'independent'`: the manager reassigns **each** of the departing
 * salesperson's customers by random draw, so each customer has a draw of its own (its id in the
 * seed), the same whether one customer or the whole batch is resolved; and a departure's recorded
 * `assignments` are read by their own keys only (a customer id such as `constructor` is not a
 * recorded heir).
 */
import { seededRng } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { drawHeirs } from './draw.js';
import { resolveAllOwnership, resolveOwnership } from './entry-points.js';
import type { SalesHistoryInput } from './events.js';
import type { SalesOfficePolicy } from './policy.js';
import { salesOffice001 } from './presets.js';

type EventInput = SalesHistoryInput['events'][number];
type Entry = { rule: string; data?: Record<string, unknown> };

const withMode = (mode: 'independent' | 'shuffleRoundRobin'): SalesOfficePolicy => ({
  ...salesOffice001,
  params: { ...salesOffice001.params, departure: { ...salesOffice001.params.departure, lotteryMode: mode } },
});
const INDEPENDENT = withMode('independent');
const SHUFFLE = withMode('shuffleRoundRobin');

const DEPARTS = '2024-01-15T02:00:00.000Z';
const NOW = '2024-02-01T00:00:00.000Z';
const STAFF = ['B', 'C', 'D', 'S'].map((id) => ({ id }));
const HEIRS = ['B', 'C', 'D'];

const reg = (customerId: string, who: string, at: string): EventInput => ({
  type: 'registration',
  at,
  customerId,
  salespersonId: who,
  channel: 'walkIn',
  fields: { name: 'x', phone: '1' },
  eveningRecord: true,
});

/** The seed of one customer's draw: the customer, the context rng's first draw, who left and when. */
const customerSeed = (ctxSeed: number, who: string, at: string, customerId: string): string =>
  `${customerId}|${seededRng(ctxSeed).int(2 ** 31)}|${who}|${at}`;

/** The seed of a departure's deal (shuffleRoundRobin): the customers are dealt together. */
const dealSeed = (ctxSeed: number, who: string, at: string): string =>
  `${seededRng(ctxSeed).int(2 ** 31)}|${who}|${at}`;

const handOvers = (trace: readonly Entry[]) => trace.filter((t) => t.data?.from !== undefined);

/** S registers `customers` (one a day from 2024-01-02) and transfers out. */
function departureOf(customers: readonly string[], assignments?: Record<string, string>): EventInput[] {
  return [
    ...customers.map((c, i) => reg(c, 'S', new Date(Date.UTC(2024, 0, 2, 2, i)).toISOString())),
    {
      type: 'departure',
      at: DEPARTS,
      salespersonId: 'S',
      kind: 'transfer',
      ...(assignments ? { assignments } : {}),
    },
  ];
}

function owners(events: EventInput[], policy: SalesOfficePolicy, seed: number) {
  const batch = resolveAllOwnership({ staff: STAFF, events }, policy, { now: NOW, seed }).value.result
    .customers;
  const all: Record<string, unknown> = {};
  const one: Record<string, unknown> = {};
  for (const [c, o] of Object.entries(batch)) {
    all[c] = o.owner;
    one[c] = resolveOwnership({ customerId: c, staff: STAFF, events }, policy, {
      now: NOW,
      seed,
    }).value.result.owner;
  }
  return { one, all };
}

describe('S001-ATTR-28 independent draws: each customer of a departure drawn on its own', () => {
  const thirty = Array.from({ length: 30 }, (_, i) => `c${String(i).padStart(2, '0')}`);
  const events = departureOf(thirty);

  it('S001-ATTR-28: 30 customers over 3 heirs are not all handed to one heir, and each heir replays with drawHeirs', () => {
    const tally: Record<string, number> = { B: 0, C: 0, D: 0 };
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const { one, all } = owners(events, INDEPENDENT, seed);
      expect(one).toEqual(all);
      const expected = Object.fromEntries(
        thirty.map((c) => [c, drawHeirs([c], HEIRS, customerSeed(seed, 'S', DEPARTS, c), 'independent')[c]]),
      );
      expect(all).toEqual(expected);
      const heirs = new Set(Object.values(all));
      // 30 independent uniform draws over 3 heirs: all to one heir has probability 3 / 3^30.
      expect(heirs.size).toBeGreaterThan(1);
      for (const h of Object.values(all)) tally[h as string] = (tally[h as string] ?? 0) + 1;
    }
    // 240 draws: each heir drawn for a fair share (expected 80 each).
    for (const h of HEIRS) expect(tally[h]).toBeGreaterThan(40);
  });

  it('S001-ATTR-28: the draws of three customers are not correlated (600 context seeds, batch and replay)', () => {
    const three = departureOf(['c1', 'c2', 'c3']);
    let pairs = 0;
    let allSame = 0;
    const N = 600;
    for (let seed = 1; seed <= N; seed++) {
      const o = resolveAllOwnership({ staff: STAFF, events: three }, INDEPENDENT, { now: NOW, seed }).value
        .result.customers;
      const [h1, h2, h3] = ['c1', 'c2', 'c3'].map((c) => o[c]?.owner);
      expect([h1, h2, h3]).toEqual(
        ['c1', 'c2', 'c3'].map(
          (c) => drawHeirs([c], HEIRS, customerSeed(seed, 'S', DEPARTS, c), 'independent')[c],
        ),
      );
      if (h1 === h2) pairs += 1;
      if (h1 === h2 && h2 === h3) allSame += 1;
    }
    // Independent uniform draws over 3 heirs: two customers share an heir one time in three, all
    // three one time in nine (binomial, N = 600: about ±0.06 and ±0.04 at four standard deviations).
    expect(pairs / N).toBeGreaterThan(1 / 3 - 0.08);
    expect(pairs / N).toBeLessThan(1 / 3 + 0.08);
    expect(allSame / N).toBeGreaterThan(1 / 9 - 0.05);
    expect(allSame / N).toBeLessThan(1 / 9 + 0.05);
  });

  it('S001-ATTR-28: the trace entry carries the seed of the customer’s own draw, which replays the heir', () => {
    for (const c of ['c00', 'c17']) {
      const d = resolveOwnership({ customerId: c, staff: STAFF, events }, INDEPENDENT, { now: NOW, seed: 5 });
      const [entry, ...rest] = handOvers(d.trace as Entry[]);
      expect(rest).toEqual([]);
      const seed = customerSeed(5, 'S', DEPARTS, c);
      expect(entry?.data).toEqual({
        from: 'S',
        to: d.value.result.owner,
        drawnFrom: HEIRS,
        recorded: false,
        seed,
      });
      expect(drawHeirs([c], HEIRS, seed, 'independent')[c]).toBe(d.value.result.owner);
    }
  });
});

describe('S001-ATTR-28 recorded assignments: own keys only', () => {
  // `constructor` and `toString` are Object.prototype members; `c1` has a recorded heir.
  const events = departureOf(['c1', 'constructor', 'toString', 'hasOwnProperty'], { c1: 'D' });

  it('S001-ATTR-28: under independent, a customer id naming a prototype member is drawn, not given a function', () => {
    for (const seed of [2, 3]) {
      const { one, all } = owners(events, INDEPENDENT, seed);
      expect(one).toEqual(all);
      expect(all.c1).toBe('D');
      for (const c of ['constructor', 'toString', 'hasOwnProperty']) {
        expect(typeof all[c]).toBe('string');
        expect(all[c]).toBe(drawHeirs([c], HEIRS, customerSeed(seed, 'S', DEPARTS, c), 'independent')[c]);
      }
      const d = resolveOwnership({ customerId: 'constructor', staff: STAFF, events }, INDEPENDENT, {
        now: NOW,
        seed,
      });
      expect(handOvers(d.trace as Entry[]).map((t) => t.data?.recorded)).toEqual([false]);
      expect(JSON.parse(JSON.stringify(d.value.result))).toEqual(d.value.result);
    }
  });

  it('S001-ATTR-28: under shuffleRoundRobin, such customers are dealt with the others S held', () => {
    for (const seed of [2, 3]) {
      const { one, all } = owners(events, SHUFFLE, seed);
      expect(one).toEqual(all);
      expect(all.c1).toBe('D');
      const dealt = ['constructor', 'hasOwnProperty', 'toString'];
      const replayed = drawHeirs(dealt, HEIRS, dealSeed(seed, 'S', DEPARTS), 'shuffleRoundRobin');
      for (const c of dealt) expect(all[c]).toBe(replayed[c]);
      const d = resolveOwnership({ customerId: 'toString', staff: STAFF, events }, SHUFFLE, {
        now: NOW,
        seed,
      });
      expect(handOvers(d.trace as Entry[]).map((t) => t.data)).toMatchObject([
        { recorded: false, mode: 'shuffleRoundRobin', position: 2, dealt: 3 },
      ]);
    }
  });
});
