/**
 * Regression tests for "lost and invented fen" (urgent issue, point 5, attribution half):
 * `splitAmount` must never drop a repeated party's money, lose a party named `__proto__`, or drift by a
 * fen on large totals; `sharesOf` must not turn a negative percentage into an invented share.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZhiduError } from './kernel.js';
import { type Share, sharesOf, splitAmount } from './shares.js';

const staff = (party: string, bp: number): Share => ({ party, kind: 'staff', bp });

function refused(fn: () => unknown): ZhiduError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ZhiduError) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError');
}

const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);

describe('splitAmount refuses a party named twice (no share overwritten)', () => {
  it('refuses A named twice at 50 % each instead of returning { A: 50 } for 100 fen', () => {
    const e = refused(() => splitAmount(100, [staff('A', 5_000), staff('A', 5_000)]));
    expect(e.code).toBe('duplicate');
    expect(e.path).toEqual(['shares', 1, 'party']);
    expect(e.message).toContain('A');
    expect(e.message).toContain('重复');
  });
  it('refuses the same name even when the two entries differ in kind (one result key per party)', () => {
    const e = refused(() =>
      splitAmount(100, [staff('D1', 4_000), { party: 'D1', kind: 'department', bp: 6_000 }]),
    );
    expect(e.code).toBe('duplicate');
    expect(e.path).toEqual(['shares', 1, 'party']);
  });
  it('still splits shares built by sharesOf, which merges a repeated party before splitting', () => {
    const shares = sharesOf([
      ['A', 50],
      ['A', 50],
    ]);
    expect(splitAmount(100, shares)).toEqual({ A: 100 });
  });
});

describe('splitAmount keeps a party named __proto__ (results have no prototype keys)', () => {
  it('gives __proto__ its own share as a plain key', () => {
    const r = splitAmount(101, [staff('__proto__', 5_000), staff('A', 5_000)]);
    expect(Object.getPrototypeOf(r)).toBeNull();
    expect(Object.keys(r)).toEqual(['__proto__', 'A']);
    expect(Object.getOwnPropertyDescriptor(r, '__proto__')?.value).toBe(51);
    expect(r.A).toBe(50);
    expect(sum(r)).toBe(101);
  });
  it('gives constructor and toString their shares, and an absent party reads as undefined', () => {
    const r = splitAmount(300, [staff('constructor', 5_000), staff('toString', 5_000)]);
    expect({ ...r }).toEqual({ constructor: 150, toString: 150 });
    expect(r.hasOwnProperty).toBeUndefined();
    expect(JSON.parse(JSON.stringify(r))).toEqual({ constructor: 150, toString: 150 });
  });
});

describe('splitAmount is exact on large totals (no fen drift)', () => {
  it('splits MAX_SAFE_INTEGER by 0.01 % / 99.99 % with the largest remainder, not float rounding', () => {
    // exact: 900 719 925 474.0991 and 9 006 298 534 815 516.9009 → the spare fen goes to the second
    expect(splitAmount(Number.MAX_SAFE_INTEGER, [staff('A', 1), staff('B', 9_999)])).toEqual({
      A: 900_719_925_474,
      B: 9_006_298_534_815_517,
    });
  });
  it('does not invent a fen on 8 481 455 119 921 209 split 3.4 % / 96.6 %', () => {
    const r = splitAmount(8_481_455_119_921_209, [staff('A', 340), staff('B', 9_660)]);
    expect(sum(r)).toBe(8_481_455_119_921_209);
    expect(r).toEqual({ A: 288_369_474_077_321, B: 8_193_085_645_843_888 });
  });
  it('does not lose a fen on −8 276 328 624 295 287 split 46.9 % / 53.1 % (negatives mirror positives)', () => {
    const r = splitAmount(-8_276_328_624_295_287, [staff('A', 4_690), staff('B', 5_310)]);
    expect(sum(r)).toBe(-8_276_328_624_295_287);
    expect(r).toEqual({ A: -3_881_598_124_794_490, B: -4_394_730_499_500_797 });
  });
  it('mirrors a negative total exactly: −101 fen 50/50 is −51 / −50 like 101 is 51 / 50', () => {
    expect(splitAmount(101, [staff('A', 5_000), staff('B', 5_000)])).toEqual({ A: 51, B: 50 });
    expect(splitAmount(-101, [staff('A', 5_000), staff('B', 5_000)])).toEqual({ A: -51, B: -50 });
  });
  it('gives a zero-share party 0 fen and keeps its key', () => {
    expect(splitAmount(99, [staff('A', 10_000), staff('B', 0)])).toEqual({ A: 99, B: 0 });
  });
});

describe('splitAmount refuses bad input with ZhiduError', () => {
  const half = [staff('A', 5_000), staff('B', 5_000)];
  it.each([
    ['a fraction of a fen', 12.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an unsafe integer', Number.MAX_SAFE_INTEGER + 1],
  ])('refuses %s as the total (invalid_money at totalFen)', (_, total) => {
    const e = refused(() => splitAmount(total, half));
    expect(e.code).toBe('invalid_money');
    expect(e.path).toEqual(['totalFen']);
  });
  it('refuses shares that do not sum to 10 000 bp (invalid_ratio)', () => {
    const e = refused(() => splitAmount(100, [staff('A', 5_000), staff('B', 4_999)]));
    expect(e.code).toBe('invalid_ratio');
    expect(e.path).toEqual(['shares']);
    expect(e.message).toContain('9999');
  });
  it('refuses an empty share list (invalid_ratio)', () => {
    expect(refused(() => splitAmount(100, [])).code).toBe('invalid_ratio');
  });
  it('refuses a negative share that makes the others exceed 100 % (invalid_input at the bp)', () => {
    const e = refused(() => splitAmount(100, [staff('A', 15_000), staff('B', -5_000)]));
    expect(e.code).toBe('invalid_input');
    expect(e.path[0]).toBe('shares');
    expect(e.path).toContain('bp');
  });
  it('refuses a fractional basis point and an empty party name', () => {
    expect(refused(() => splitAmount(100, [staff('A', 5_000.5), staff('B', 4_999.5)])).path).toEqual([
      'shares',
      0,
      'bp',
    ]);
    expect(refused(() => splitAmount(100, [staff('', 10_000)])).path).toEqual(['shares', 0, 'party']);
  });
});

describe('sharesOf refuses percentages outside 0–100 instead of dropping them', () => {
  it('refuses A 150 % / B −50 % (would invent a 150 % share)', () => {
    const e = refused(() =>
      sharesOf([
        ['A', 150],
        ['B', -50],
      ]),
    );
    expect(e.code).toBe('invalid_ratio');
    expect(e.path).toEqual(['parts', 0, 1]);
  });
  it('refuses a NaN percentage', () => {
    const e = refused(() =>
      sharesOf([
        ['A', 100],
        ['B', Number.NaN],
      ]),
    );
    expect(e.code).toBe('invalid_ratio');
    expect(e.path).toEqual(['parts', 1, 1]);
  });
});

describe('splitAmount property: no fen lost or invented over the whole safe range', () => {
  /** 1–6 distinct parties (including prototype names) with basis points summing to 10 000. */
  const sharesArb = fc
    .uniqueArray(
      fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
        fc.string({ minLength: 1, maxLength: 4 }),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .chain((parties) =>
      fc
        .array(fc.integer({ min: 0, max: 10_000 }), {
          minLength: parties.length - 1,
          maxLength: parties.length - 1,
        })
        .map((cuts) => {
          const sorted = [0, ...cuts.sort((a, b) => a - b), 10_000];
          return parties.map((p, i) => staff(p, (sorted[i + 1] ?? 0) - (sorted[i] ?? 0)));
        }),
    );
  const totalArb = fc.oneof(
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.integer({ min: -10_000, max: 10_000 }),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 0, 1, -1),
  );

  it('parts sum exactly to the total, each part is the floor or ceiling of its exact share, one key per party', () => {
    fc.assert(
      fc.property(totalArb, sharesArb, (total, shares) => {
        const r = splitAmount(total, shares);
        expect(Object.keys(r).sort()).toEqual(shares.map((s) => s.party).sort());
        let acc = 0n;
        for (const s of shares) {
          const part = r[s.party];
          expect(Number.isSafeInteger(part)).toBe(true);
          const exact = BigInt(total) * BigInt(s.bp);
          const lo = exact / 10_000n - (exact < 0n && exact % 10_000n !== 0n ? 1n : 0n);
          const got = BigInt(part as number);
          expect(got === lo || got === lo + 1n).toBe(true);
          acc += got;
        }
        expect(acc).toBe(BigInt(total));
      }),
      { seed: 20_240_301, numRuns: 400 },
    );
  });

  it('a negative total splits as the mirror of the positive one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), sharesArb, (total, shares) => {
        const pos = splitAmount(total, shares);
        const neg = splitAmount(-total, shares);
        for (const s of shares) expect(neg[s.party]).toBe(0 - (pos[s.party] as number));
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('a repeated party is always refused with the index of its second entry', () => {
    fc.assert(
      fc.property(sharesArb, fc.nat(), (shares, k) => {
        const dup = shares[k % shares.length] as Share;
        const list = [...shares, { ...dup, bp: 0 }];
        const e = refused(() => splitAmount(1_000, list));
        expect(e.code).toBe('duplicate');
        expect(e.path).toEqual(['shares', shares.length, 'party']);
      }),
      { seed: 7, numRuns: 100 },
    );
  });
});
