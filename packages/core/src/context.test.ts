import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import { defineCalendar } from './calendar.js';
import { type ContextInput, freshRng, makeContext, type Rng, seededRng } from './context.js';

describe('seededRng(): reproducible draws an auditor can replay (S001-ATTR-28)', () => {
  it('gives the same sequence for the same seed, number or string', () => {
    const draw = (seed: number | string) => {
      const r = seededRng(seed);
      return [
        r.int(1000),
        r.int(1000),
        r.next(),
        r.pick(['A', 'B', 'C']),
        r.shuffle([1, 2, 3, 4, 5, 6, 7, 8]),
      ];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('2025-06 reassignment')).toEqual(draw('2025-06 reassignment'));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('pins the draws of a known seed, so a release cannot silently change a replayed draw', () => {
    const r = seededRng(42);
    expect(r.seed).toBe(42);
    expect([r.int(1000), r.int(1000), r.int(1000)]).toEqual([525, 215, 99]);
    const s = seededRng('2025-06 reassignment');
    expect(s.seed).toBe(1836100913);
    expect(s.pick(['A', 'B', 'C'])).toBe('A');
    expect(s.shuffle([1, 2, 3, 4, 5, 6, 7, 8])).toEqual([8, 6, 1, 5, 4, 7, 3, 2]);
  });

  it('stays in range and shuffles into a permutation (property)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.integer(), { maxLength: 30 }),
        (seed, max, items) => {
          const r = seededRng(seed);
          const n = r.int(max);
          expect(Number.isInteger(n) && n >= 0 && n < max).toBe(true);
          const x = r.next();
          expect(x >= 0 && x < 1).toBe(true);
          expect([...r.shuffle(items)].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('freshRng starts the stream of a seeded generator again, whatever it has drawn (S001-ATTR-28)', () => {
    const rng = seededRng('2025-06 reassignment');
    const start = [rng.int(1000), rng.int(1000), rng.int(1000)];
    // The generator has moved on; a fresh one from it starts where it started.
    expect([rng.int(1000), rng.int(1000)]).not.toEqual(start.slice(0, 2));
    const again = freshRng(rng);
    expect([again.int(1000), again.int(1000), again.int(1000)]).toEqual(start);
    expect(again.seed).toBe(rng.seed);
    // The context's generator is left where it was.
    const ctx = makeContext({ now: '2024-01-01T00:00:00Z', seed: 42 });
    expect(freshRng(ctx.rng as Rng).int(1000)).toBe(525);
    expect(freshRng(ctx.rng as Rng).int(1000)).toBe(525);
  });

  it('freshRng of a generator it made starts the seed again too, and a context given one draws alike', () => {
    const twice = freshRng(freshRng(seededRng(42)));
    twice.int(1000);
    expect(freshRng(twice).int(1000)).toBe(525);
    const ctx = makeContext({ now: '2024-01-01T00:00:00Z', rng: freshRng(seededRng(42)) } as ContextInput);
    (ctx.rng as Rng).int(1000);
    expect(freshRng(ctx.rng as Rng).int(1000)).toBe(525);
  });

  it("freshRng returns a generator it did not make as it is (its state is its owner's)", () => {
    let n = 0;
    const own: Rng = {
      seed: 1,
      next: () => (n++ % 10) / 10,
      int: (max) => n++ % max,
      pick: (items) => items[0] as never,
      shuffle: (items) => [...items],
    };
    expect(freshRng(own)).toBe(own);
  });

  // core-bugs.md #8: `seed | 0` keeps only the low 32 bits, so 2^32 and 0 draw alike.
  it('gives different integer seeds different draws beyond 32 bits (core-bugs.md #8)', () => {
    const draw = (seed: number) => seededRng(seed).shuffle([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(draw(2 ** 32)).not.toEqual(draw(0));
    expect(draw(2 ** 40 + 7)).not.toEqual(draw(7));
  });

  it('refuses a fractional seed, an empty pick and a non-positive bound', () => {
    expect(zhiduError(() => seededRng(1.5)).code).toBe('invalid_input');
    expect(zhiduError(() => seededRng(1).pick([])).code).toBe('invalid_input');
    expect(zhiduError(() => seededRng(1).int(0)).code).toBe('invalid_input');
    expect(zhiduError(() => seededRng(1).int(2.5)).code).toBe('invalid_input');
  });
});

describe('makeContext()', () => {
  it('normalises now, defaults zone and calendar, and seeds the rng', () => {
    const ctx = makeContext({ now: '2025-02-05T09:00:00+08:00', seed: 42 });
    expect(ctx.now).toBe('2025-02-05T01:00:00.000Z');
    expect(ctx.zone).toBe('Asia/Shanghai');
    expect(ctx.calendar.isWorkday('2025-01-29')).toBe(true); // Mon–Fri by default
    expect(ctx.rng?.seed).toBe(42);
    expect(makeContext({ now: 0 }).rng).toBeUndefined();
  });

  it('takes the zone from the calendar unless given', () => {
    const calendar = defineCalendar({ zone: 'UTC' });
    expect(makeContext({ now: 0, calendar }).zone).toBe('UTC');
    expect(makeContext({ now: 0, calendar, zone: 'Asia/Tokyo' }).zone).toBe('Asia/Tokyo');
  });

  it('refuses a bad now and an unknown zone at their paths', () => {
    const e = zhiduError(() => makeContext({ now: '2025-02-05 09:00' }));
    expect(e.code).toBe('invalid_instant');
    expect(e.path).toEqual(['now']);
    const z = zhiduError(() => makeContext({ now: 0, zone: 'Mars/Olympus' }));
    expect(z.code).toBe('invalid_zone');
    expect(z.path).toEqual(['zone']);
  });
});
