import { z } from 'zod';
import { type ErrorPath, ZhiduError } from './errors.js';

/**
 * An amount of money in integer fen (分, 0.01 CNY). Plain numbers keep ledgers JSON-friendly;
 * every function here refuses non-integers, NaN and values beyond `Number.MAX_SAFE_INTEGER`.
 */
export type Fen = number;

/** zod schema for an amount in fen: a safe integer. */
export const FenSchema = z
  .number()
  .refine(Number.isSafeInteger, {
    message: 'money must be a whole number of fen within the safe integer range',
    params: { zhiduCode: 'invalid_money' },
  })
  .meta({ type: 'integer', description: 'Amount in fen (分, 0.01 CNY)' });

/** zod schema for a non-negative amount in fen. */
export const NonNegativeFenSchema = FenSchema.refine((n) => n >= 0, {
  message: 'money must not be negative',
  params: { zhiduCode: 'invalid_money' },
});

/**
 * How a fractional fen is rounded. `halfUp` (四舍五入, away from zero on .5) is the default
 * everywhere; `halfEven` is banker's rounding; `up`/`down` are away from / toward zero;
 * `ceil`/`floor` toward +∞ / −∞.
 */
export type RoundingMode = 'halfUp' | 'halfEven' | 'halfDown' | 'up' | 'down' | 'ceil' | 'floor';

/** zod schema for {@link RoundingMode}. */
export const RoundingModeSchema = z.enum(['halfUp', 'halfEven', 'halfDown', 'up', 'down', 'ceil', 'floor']);

/**
 * A ratio: a decimal number (`0.2`), a percentage string (`'20%'`) or an exact fraction
 * (`{ numerator: 1, denominator: 3 }`).
 */
export type RatioInput = number | `${number}%` | { numerator: number; denominator: number };

/** zod schema for {@link RatioInput}. */
export const RatioSchema = z.union([
  z.number().finite(),
  z.templateLiteral([z.number(), '%']),
  z.object({ numerator: z.number().int(), denominator: z.number().int().positive() }),
]);

/**
 * Checks that `value` is a valid amount of fen and returns it.
 *
 * @param value - the amount in fen
 * @param path - where the value sits in the caller's input, for the error
 * @returns the same number
 * @throws ZhiduError `invalid_money` for NaN, fractions or unsafe integers
 * @example
 * fen(12345); //=> 12345
 * fen(12.5);  // throws ZhiduError invalid_money
 */
export function fen(value: number, path: ErrorPath = []): Fen {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ZhiduError('invalid_money', path, `money must be a finite number of fen, got ${String(value)}`);
  }
  if (!Number.isInteger(value)) {
    throw new ZhiduError('invalid_money', path, `money must be a whole number of fen, got ${value}`);
  }
  if (!Number.isSafeInteger(value)) {
    throw new ZhiduError('invalid_money', path, `money ${value} exceeds the safe integer range`);
  }
  return value;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Builds an amount from yuan (元). Strings are parsed exactly; numbers are read through their
 * shortest decimal form, so `19.99` gives 1999 fen, not 1998.
 *
 * @param amount - yuan as a number or decimal string with at most two decimals
 * @param path - where the value sits in the caller's input, for the error
 * @returns the amount in fen
 * @throws ZhiduError `invalid_money` for more than two decimals, NaN or unsafe values
 * @example
 * yuan(50);        //=> 5000
 * yuan('1234.5');  //=> 123450
 * yuan(0.1 + 0.2); // throws: 0.30000000000000004 has more than two decimals
 */
export function yuan(amount: number | string, path: ErrorPath = []): Fen {
  const text =
    typeof amount === 'number' ? (Number.isFinite(amount) ? String(amount) : 'NaN') : amount.trim();
  const m = DECIMAL.exec(text);
  if (!m) {
    throw new ZhiduError(
      'invalid_money',
      path,
      `yuan amount must be a decimal with at most two decimals, got ${JSON.stringify(amount)}`,
    );
  }
  const whole = m[2] ?? '0';
  const cents = (m[3] ?? '').padEnd(2, '0');
  const value = Number(whole) * 100 + Number(cents);
  return fen(m[1] ? -value : value, path);
}

/**
 * Adds amounts.
 *
 * @param amounts - amounts in fen
 * @returns their sum
 * @example
 * addMoney(yuan(1), yuan('0.5')); //=> 150
 */
export function addMoney(...amounts: Fen[]): Fen {
  let total = 0;
  amounts.forEach((a, i) => {
    total += fen(a, [i]);
  });
  return fen(total);
}

/**
 * Subtracts `b` from `a`.
 *
 * @example
 * subtractMoney(500, 120); //=> 380
 */
export function subtractMoney(a: Fen, b: Fen): Fen {
  return fen(fen(a, [0]) - fen(b, [1]));
}

/** An exact non-negative-denominator fraction of bigints. */
interface Fraction {
  n: bigint;
  d: bigint;
}

function toFraction(ratio: RatioInput, path: ErrorPath): Fraction {
  if (typeof ratio === 'object') {
    const { numerator, denominator } = ratio;
    if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
      throw new ZhiduError(
        'invalid_ratio',
        path,
        'a fraction needs integer numerator and positive integer denominator',
      );
    }
    return { n: BigInt(numerator), d: BigInt(denominator) };
  }
  let text: string;
  let scale = 1n;
  if (typeof ratio === 'string') {
    if (!ratio.endsWith('%'))
      throw new ZhiduError('invalid_ratio', path, `bad ratio ${JSON.stringify(ratio)}`);
    text = ratio.slice(0, -1).trim();
    scale = 100n;
  } else {
    if (!Number.isFinite(ratio))
      throw new ZhiduError('invalid_ratio', path, `ratio must be finite, got ${ratio}`);
    text = String(ratio);
  }
  const m = /^(-)?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m) throw new ZhiduError('invalid_ratio', path, `bad ratio ${JSON.stringify(ratio)}`);
  const frac = m[3] ?? '';
  let n = BigInt(`${m[2] ?? '0'}${frac}`);
  let d = 10n ** BigInt(frac.length) * scale;
  const exp = Number(m[4] ?? '0');
  if (exp > 0) n *= 10n ** BigInt(exp);
  if (exp < 0) d *= 10n ** BigInt(-exp);
  return { n: m[1] ? -n : n, d };
}

function divideRounded(n: bigint, d: bigint, mode: RoundingMode): bigint {
  // d > 0 always.
  const q = n / d; // truncates toward zero
  const r = n % d;
  if (r === 0n) return q;
  const negative = n < 0n;
  const twice = (r < 0n ? -r : r) * 2n;
  const awayFromZero = negative ? q - 1n : q + 1n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return awayFromZero;
    case 'ceil':
      return negative ? q : q + 1n;
    case 'floor':
      return negative ? q - 1n : q;
    case 'halfUp':
      return twice >= d ? awayFromZero : q;
    case 'halfDown':
      return twice > d ? awayFromZero : q;
    case 'halfEven':
      if (twice > d) return awayFromZero;
      if (twice < d) return q;
      return q % 2n === 0n ? q : awayFromZero;
  }
}

/**
 * Multiplies an amount by a ratio and rounds to whole fen, computed exactly (no float error).
 *
 * @param amount - amount in fen
 * @param ratio - `0.2`, `'20%'` or `{ numerator: 1, denominator: 3 }`
 * @param rounding - rounding mode, default `halfUp` (四舍五入)
 * @returns the rounded product in fen
 * @example
 * multiplyMoney(yuan(100), '15%');                     //=> 1500
 * multiplyMoney(1001, 0.5);                            //=> 501 (half-up)
 * multiplyMoney(1001, 0.5, 'halfEven');                //=> 500
 * multiplyMoney(yuan(100), { numerator: 1, denominator: 3 }); //=> 3333
 */
export function multiplyMoney(amount: Fen, ratio: RatioInput, rounding: RoundingMode = 'halfUp'): Fen {
  const a = BigInt(fen(amount, [0]));
  const f = toFraction(ratio, [1]);
  const result = divideRounded(a * f.n, f.d, rounding);
  return fen(Number(result));
}

/**
 * Splits `total` by `shares` with the largest-remainder method: every part is the floor of its
 * exact share, and the fen left over go one each to the largest fractional remainders (ties to the
 * earlier share). The parts always sum to `total` exactly.
 *
 * @param total - the amount to split (may be negative: the split mirrors the positive one)
 * @param shares - non-negative weights (integers, decimals, percentages as numbers); at least one positive
 * @returns one amount per share, in order
 * @throws ZhiduError `invalid_ratio` for an empty list, negative or non-finite weights, or all zero
 * @example
 * allocate(10000, [1, 1, 1]);  //=> [3334, 3333, 3333]
 * allocate(yuan(100), [80, 20]); //=> [8000, 2000]
 */
export function allocate(total: Fen, shares: readonly number[]): Fen[] {
  fen(total, ['total']);
  if (shares.length === 0)
    throw new ZhiduError('invalid_ratio', ['shares'], 'allocate needs at least one share');
  const fracs = shares.map((s, i) => {
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) {
      throw new ZhiduError(
        'invalid_ratio',
        ['shares', i],
        `share must be a finite non-negative number, got ${s}`,
      );
    }
    return toFraction(s, ['shares', i]);
  });
  // Bring every weight to one common denominator so the split is exact.
  const common = fracs.reduce((acc, f) => lcm(acc, f.d), 1n);
  const weights = fracs.map((f) => (f.n * common) / f.d);
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n)
    throw new ZhiduError('invalid_ratio', ['shares'], 'allocate needs at least one positive share');
  const sign = total < 0 ? -1n : 1n;
  const t = BigInt(total) * sign;
  const parts = weights.map((w) => (t * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (t * w) % sum }));
  let left = t - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(p * sign) + 0);
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/**
 * Formats fen as yuan with a thousands separator: `¥1,234.50`.
 *
 * @param amount - amount in fen
 * @param options - `symbol` to print instead of `¥` (use `''` for none)
 * @returns the formatted string; negatives as `-¥12.00`
 * @example
 * formatMoney(123450);   //=> '¥1,234.50'
 * formatMoney(-1200);    //=> '-¥12.00'
 */
export function formatMoney(amount: Fen, options: { symbol?: string } = {}): string {
  fen(amount);
  const symbol = options.symbol ?? '¥';
  const abs = Math.abs(amount);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${amount < 0 ? '-' : ''}${symbol}${whole}.${cents}`;
}
