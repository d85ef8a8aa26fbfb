/**
 * Exact credit shares. Shares are integer basis points (1/10 000) so that a split such as 80/20 or
 * 50/50 is exact and always sums to 100 %; money is divided with the largest-remainder method so
 * that no fen is lost or invented.
 */
import { z } from 'zod';
import { ZhiduError } from './kernel.js';

/** Who a share goes to: a salesperson, or the department (forfeiture, S001-ATTR-30). */
export const ShareSchema = z.object({
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
    message: 'a percentage may have at most two decimals',
  });

/**
 * A two-way split table as a policy states it: `{ first: 80, second: 20 }` must sum to 100.
 *
 * @example
 * TwoWaySplitSchema.parse({ first: 80, second: 20 });
 */
export const TwoWaySplitSchema = z
  .object({ first: PercentSchema, second: PercentSchema })
  .refine((s) => Math.round(s.first * 100) + Math.round(s.second * 100) === 10_000, {
    message: 'the shares of a split must sum to exactly 100 %',
  });
/** A two-way split in percent. */
export type TwoWaySplit = z.output<typeof TwoWaySplitSchema>;

/**
 * Builds an exact share list from `[party, percent]` pairs, merging repeated parties (a split where
 * both sides are the same person is 100 % to that person).
 *
 * @param parts - parties with percentages; must sum to 100
 * @param kind - party kind
 * @returns shares in basis points, largest first, summing to 10 000
 * @example
 * sharesOf([['A', 80], ['B', 20]]); //=> [{ party: 'A', kind: 'staff', bp: 8000 }, { party: 'B', ... bp: 2000 }]
 */
export function sharesOf(
  parts: readonly (readonly [string, number])[],
  kind: Share['kind'] = 'staff',
): Share[] {
  const merged = new Map<string, number>();
  for (const [party, pct] of parts) merged.set(party, (merged.get(party) ?? 0) + Math.round(pct * 100));
  const out: Share[] = [];
  let sum = 0;
  for (const [party, bp] of merged) {
    sum += bp;
    if (bp > 0) out.push({ party, kind, bp });
  }
  if (sum !== 10_000) throw new ZhiduError('invalid_ratio', [], `shares sum to ${sum / 100} %, not 100 %`);
  return out.sort((a, b) => b.bp - a.bp || a.party.localeCompare(b.party));
}

/**
 * Divides an amount in fen by shares with the largest-remainder method.
 *
 * @param totalFen - integer amount in fen
 * @param shares - shares summing to 10 000 bp
 * @returns the amount per party; the parts sum exactly to `totalFen`
 * @example
 * splitAmount(100_000, sharesOf([['A', 80], ['B', 20]])); //=> { A: 80000, B: 20000 }
 */
export function splitAmount(totalFen: number, shares: readonly Share[]): Record<string, number> {
  if (!Number.isSafeInteger(totalFen))
    throw new ZhiduError('invalid_money', ['totalFen'], 'amount must be integer fen');
  const sum = shares.reduce((s, x) => s + x.bp, 0);
  if (sum !== 10_000) throw new ZhiduError('invalid_ratio', ['shares'], `shares sum to ${sum} bp, not 10000`);
  const raw = shares.map((s) => (totalFen * s.bp) / 10_000);
  const floors = raw.map((r) => Math.floor(r));
  let rest = totalFen - floors.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    rest--;
  }
  const out: Record<string, number> = {};
  shares.forEach((s, i) => {
    out[s.party] = floors[i] ?? 0;
  });
  return out;
}
