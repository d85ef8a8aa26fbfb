/**
 * Exact credit shares. Shares are integer basis points (1/10 000) so that a split such as 80/20 or
 * 50/50 is exact and always sums to 100 %; money is divided with the largest-remainder method so
 * that no fen is lost or invented.
 */
import { describeValue } from '@zhidu/core';
import { z } from 'zod';
import { expectArray, expectId, expectOneOf } from './boundary.js';
import { allocate, parseInput, ZhiduError } from './kernel.js';

/** Who a share goes to: a salesperson, or the department (forfeiture, S001-ATTR-30). */
export const ShareSchema = z.strictObject({
  party: z.string().min(1),
  kind: z.enum(['staff', 'department']),
  /** basis points: 10 000 = 100 % */
  bp: z.number().int().min(0).max(10_000),
});
/** One party's share of performance credit (业绩) or bonus (奖金/提成). */
export type Share = z.output<typeof ShareSchema>;

/** A percentage in a policy split table: 0–100 with at most two decimals. */
export const PercentSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, {
    message: '百分比最多两位小数 / a percentage may have at most two decimals',
  });

/**
 * A two-way split table as a policy states it: `{ first: 80, second: 20 }` must sum to 100.
 *
 * @example
 * TwoWaySplitSchema.parse({ first: 80, second: 20 });
 */
export const TwoWaySplitSchema = z
  .strictObject({ first: PercentSchema, second: PercentSchema })
  .refine((s) => Math.round(s.first * 100) + Math.round(s.second * 100) === 10_000, {
    message: '一次分成的各份额之和须恰为 100% / the shares of a split must sum to exactly 100 %',
  });
/** A two-way split in percent. */
export type TwoWaySplit = z.output<typeof TwoWaySplitSchema>;

/**
 * Builds an exact share list from `[party, percent]` pairs, merging repeated parties (a split where
 * both sides are the same person is 100 % to that person).
 *
 * @param parts - parties with percentages (each 0–100); must sum to 100
 * @param kind - party kind
 * @returns shares in basis points, largest first, summing to 10 000
 * @throws ZhiduError `invalid_input` at `['parts']` for a non-array, at `['parts', i]` for an entry
 *   that is not a `[party, percent]` pair, at `['parts', i, 0]` for a party that is not a non-empty
 *   string, at `['kind']` for an unknown kind; `invalid_ratio` at `['parts', i, 1]` for a percentage
 *   that is not a finite number in 0–100, and at `['parts']` when the percentages do not sum to 100
 * @example
 * sharesOf([['A', 80], ['B', 20]]); //=> [{ party: 'A', kind: 'staff', bp: 8000 }, { party: 'B', kind: 'staff', bp: 2000 }]
 * sharesOf([['A', 50], ['A', 50]]); //=> [{ party: 'A', kind: 'staff', bp: 10000 }] (merged)
 * sharesOf([['A', 80], ['B', 30]]); // throws ZhiduError invalid_ratio (110 %)
 */
export function sharesOf(
  parts: readonly (readonly [string, number])[],
  kind: Share['kind'] = 'staff',
): Share[] {
  expectArray(parts, ['parts']);
  expectOneOf(kind, ['staff', 'department'], ['kind']);
  const merged = new Map<string, number>();
  parts.forEach((part, i) => {
    if (!Array.isArray(part) || part.length !== 2) {
      throw new ZhiduError(
        'invalid_input',
        ['parts', i],
        `须为 [分配对象, 百分比] 二元组 / expected a [party, percent] pair, got ${describeValue(part)}`,
      );
    }
    const party = expectId(part[0], ['parts', i, 0]);
    const pct: unknown = part[1];
    if (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100) {
      throw new ZhiduError(
        'invalid_ratio',
        ['parts', i, 1],
        `${party}的比例须为0–100之间的数,实为${describeValue(pct)} / the share of ${party} must be a number from 0 to 100 %, got ${describeValue(pct)}`,
      );
    }
    merged.set(party, (merged.get(party) ?? 0) + Math.round(pct * 100));
  });
  const out: Share[] = [];
  let sum = 0;
  for (const [party, bp] of merged) {
    sum += bp;
    if (bp > 0) out.push({ party, kind, bp });
  }
  if (sum !== 10_000) {
    throw new ZhiduError(
      'invalid_ratio',
      ['parts'],
      `各份额合计${sum / 100}%,应为100% / shares sum to ${sum / 100} %, not 100 %`,
    );
  }
  return out.sort((a, b) => b.bp - a.bp || a.party.localeCompare(b.party));
}

/** Whether the rule code writes its shares through {@link twoShares} (on) or `sharesOf` (off, the previous path). @internal */
export const shareSwitch = { fast: true };

/**
 * `sharesOf([[x, xPct], [y, yPct]])` for staff (the rule code's one-party and two-party lines) without
 * the general list's map, closures and sort: the same shares in the same order (largest first, ties by
 * `localeCompare`); anything `sharesOf` would refuse (an id that is not a non-empty string, a
 * percentage outside 0–100, a sum that is not 100 %) goes to `sharesOf`, which refuses it as before.
 * Pass `y = x` and `yPct = 0` for one party.
 *
 * @example
 * twoShares('A', 20, 'B', 80); //=> [{ party: 'B', kind: 'staff', bp: 8000 }, { party: 'A', kind: 'staff', bp: 2000 }]
 * twoShares('A', 100, 'A', 0); //=> [{ party: 'A', kind: 'staff', bp: 10000 }]
 * @internal
 */
export function twoShares(x: string, xPct: number, y: string, yPct: number): Share[] {
  if (
    typeof x !== 'string' ||
    x.length === 0 ||
    typeof y !== 'string' ||
    y.length === 0 ||
    typeof xPct !== 'number' ||
    typeof yPct !== 'number' ||
    !(xPct >= 0 && xPct <= 100) ||
    !(yPct >= 0 && yPct <= 100)
  )
    return general(x, xPct, y, yPct);
  const xb = Math.round(xPct * 100);
  const yb = Math.round(yPct * 100);
  if (x === y) {
    if (xb + yb !== 10_000) return general(x, xPct, y, yPct);
    return [{ party: x, kind: 'staff', bp: 10_000 }];
  }
  if (xb + yb !== 10_000) return general(x, xPct, y, yPct);
  if (xb === 0) return [{ party: y, kind: 'staff', bp: yb }];
  if (yb === 0) return [{ party: x, kind: 'staff', bp: xb }];
  const a: Share = { party: x, kind: 'staff', bp: xb };
  const b: Share = { party: y, kind: 'staff', bp: yb };
  // sharesOf's comparator on (a, b): b.bp - a.bp || a.party.localeCompare(b.party); > 0 puts b first.
  const c = yb - xb || x.localeCompare(y);
  return c > 0 ? [b, a] : [a, b];
}

function general(x: string, xPct: number, y: string, yPct: number): Share[] {
  return sharesOf(
    x === y && yPct === 0
      ? [[x, xPct]]
      : [
          [x, xPct],
          [y, yPct],
        ],
  );
}

const SharesSchema = z.array(ShareSchema);

/**
 * Divides an amount in fen by shares with the largest-remainder method (core `allocate`, computed
 * exactly over the whole safe-integer range): each party gets the floor of its exact share and the
 * fen left over go one each to the largest remainders (ties to the earlier share). A negative amount
 * (a refund, a claw-back) splits as the mirror image of the positive one.
 *
 * Each party may appear once: a repeated party is refused rather than merged, so a mistyped split
 * table is caught instead of silently paying one person twice or once. (Use {@link sharesOf} to
 * build shares when merging is what you mean.) The result has no prototype, so a party named
 * `__proto__` or `constructor` is a plain key, and a party not in the split reads as `undefined`.
 *
 * @param totalFen - integer amount in fen (may be negative)
 * @param shares - shares summing to 10 000 bp, each party named once
 * @returns the amount per party (one own key each); the parts sum exactly to `totalFen`
 * @throws ZhiduError `invalid_money` at `['totalFen']` for a non-integer or unsafe amount;
 *   `invalid_input` at `['shares', i, …]` for a malformed share; `duplicate` at
 *   `['shares', i, 'party']` for a party named a second time; `invalid_ratio` at `['shares']` when
 *   the shares do not sum to 10 000 bp
 * @example
 * splitAmount(100_000, sharesOf([['A', 80], ['B', 20]])); //=> { A: 80000, B: 20000 }
 * splitAmount(101, [{ party: 'A', kind: 'staff', bp: 5000 }, { party: 'B', kind: 'staff', bp: 5000 }]); //=> { A: 51, B: 50 }
 * splitAmount(-101, [{ party: 'A', kind: 'staff', bp: 5000 }, { party: 'B', kind: 'staff', bp: 5000 }]); //=> { A: -51, B: -50 }
 */
export function splitAmount(totalFen: number, shares: readonly Share[]): Record<string, number> {
  if (typeof totalFen !== 'number' || !Number.isSafeInteger(totalFen)) {
    throw new ZhiduError(
      'invalid_money',
      ['totalFen'],
      `金额须为安全整数范围内的整数分,实为${describeValue(totalFen)} / the amount must be a whole number of fen within the safe integer range, got ${describeValue(totalFen)}`,
    );
  }
  const list = parseInput(SharesSchema, shares, ['shares']);
  const firstIndex = new Map<string, number>();
  list.forEach((s, i) => {
    const first = firstIndex.get(s.party);
    if (first !== undefined) {
      throw new ZhiduError(
        'duplicate',
        ['shares', i, 'party'],
        `分配对象${JSON.stringify(s.party)}重复出现(第${first + 1}项与第${i + 1}项),请合并为一项 / party ${JSON.stringify(s.party)} is named twice (entries ${first} and ${i}); give each party one share`,
      );
    }
    firstIndex.set(s.party, i);
  });
  const sum = list.reduce((acc, s) => acc + s.bp, 0);
  if (sum !== 10_000) {
    throw new ZhiduError(
      'invalid_ratio',
      ['shares'],
      `各份额合计${sum}基点,应为10000 / shares sum to ${sum} bp, not 10000`,
    );
  }
  const parts = allocate(
    totalFen,
    list.map((s) => s.bp),
  );
  const out: Record<string, number> = Object.create(null);
  list.forEach((s, i) => {
    out[s.party] = parts[i] ?? 0;
  });
  return out;
}
