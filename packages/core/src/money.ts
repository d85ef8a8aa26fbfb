import { z } from 'zod';
import { bilingualParts, describeValue, type ErrorPath, ZhiduError } from './errors.js';
import { expectKnownKeys, expectObject } from './guards.js';

/**
 * An amount of money in integer fen (分, 0.01 CNY). Plain numbers keep ledgers JSON-friendly;
 * every function here refuses non-integers, NaN and values beyond `Number.MAX_SAFE_INTEGER`.
 */
export type Fen = number;

/** zod schema for an amount in fen: a safe integer. */
export const FenSchema = z
  .number()
  .refine(Number.isSafeInteger, {
    message:
      '金额须为安全整数范围内的整数分 / money must be a whole number of fen within the safe integer range',
    params: { zhiduCode: 'invalid_money' },
  })
  .meta({ type: 'integer', description: 'Amount in fen (分, 0.01 CNY)' });

/** zod schema for a non-negative amount in fen. */
export const NonNegativeFenSchema = FenSchema.refine((n) => n >= 0, {
  message: '金额不能为负 / money must not be negative',
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
export const RatioSchema = z
  .union([
    z.number().finite(),
    z.templateLiteral([z.number(), '%']),
    z.strictObject({ numerator: z.number().int(), denominator: z.number().int().positive() }),
  ])
  .superRefine((ratio, ctx) => {
    try {
      toFraction(ratio as RatioInput, []);
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        message: e instanceof Error ? e.message : 'invalid ratio',
        params: { zhiduCode: 'invalid_ratio' },
      });
    }
  });

const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/** Longest yuan or ratio text accepted: far beyond any real amount, short enough that parsing stays cheap. */
const MAX_TEXT_LENGTH = 64;

/**
 * Largest decimal exponent accepted in a ratio (`1e-7`, `'2.5e1%'`). Every finite JS number prints
 * with an exponent within ±324, so this admits every number ratio and bounds `10 ** exponent`.
 */
const MAX_RATIO_EXPONENT = 400;

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
    throw new ZhiduError(
      'invalid_money',
      path,
      `金额须为有限的分值 / money must be a finite number of fen, got ${describeValue(value)}`,
    );
  }
  if (!Number.isInteger(value)) {
    throw new ZhiduError(
      'invalid_money',
      path,
      `金额须为整数分 / money must be a whole number of fen, got ${value}`,
    );
  }
  if (!Number.isSafeInteger(value)) {
    throw new ZhiduError(
      'invalid_money',
      path,
      `金额超出安全整数范围 / money ${value} exceeds the safe integer range (±${Number.MAX_SAFE_INTEGER} fen)`,
    );
  }
  return value;
}

/** An exact amount as fen, refused when it leaves the safe integer range. */
function fenFromBigInt(value: bigint, path: ErrorPath, zh: string, en: string): Fen {
  if (value > MAX_FEN || value < -MAX_FEN) {
    throw new ZhiduError(
      'invalid_money',
      path,
      `${zh}超出安全整数范围 / the ${en} ${value} fen exceeds the safe integer range (±${Number.MAX_SAFE_INTEGER} fen)`,
    );
  }
  return Number(value);
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** Fen as exact yuan text (`-12345` → `-123.45`), the form `yuan()` reads back. */
function fenText(f: bigint): string {
  const abs = f < 0n ? -f : f;
  return `${f < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Parses `-?digits(.d{1,2})?` to exact fen, or `undefined` when the text is not such a decimal. */
function parseYuanText(text: string, amount: unknown, path: ErrorPath): bigint | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const whole = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
  // 16 whole-yuan digits are already beyond the safe range; refusing longer ones keeps BigInt cheap.
  if (whole.length > 16) {
    throw new ZhiduError(
      'invalid_money',
      path,
      `金额超出安全整数范围 / yuan amount ${JSON.stringify(amount)} exceeds the safe integer range of fen`,
    );
  }
  const value = BigInt(whole) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -value : value;
}

/**
 * Builds an amount from yuan (元). Strings are parsed exactly; numbers are read through their
 * shortest decimal form, so `19.99` gives 1999 fen, not 1998. A number is accepted only when it
 * names exactly one amount of fen: beyond about 7 × 10^13 yuan neighbouring fen share one JS
 * number (`70368744177664.01 === 70368744177664.02`), and such numbers are refused — pass a string.
 *
 * @param amount - yuan as a number or decimal string with at most two decimals
 * @param path - where the value sits in the caller's input, for the error
 * @returns the amount in fen
 * @throws ZhiduError `invalid_money` for more than two decimals, exponent notation, NaN, unsafe
 *   values, text longer than 64 characters, or a number that does not identify one amount of fen
 * @example
 * yuan(50);        //=> 5000
 * yuan('1234.5');  //=> 123450
 * yuan(0.1 + 0.2); // throws: 0.30000000000000004 has more than two decimals
 * yuan('90071992547409.91'); //=> 9007199254740991
 * yuan(90071992547409.91);   // throws: the number cannot tell .90 from .91; pass a string
 */
export function yuan(amount: number | string, path: ErrorPath = []): Fen {
  if (typeof amount === 'number') return yuanFromNumber(amount, path);
  if (typeof amount !== 'string') {
    throw new ZhiduError(
      'invalid_money',
      path,
      `元金额须为数字或十进制字符串 / yuan amount must be a number or a decimal string, got ${typeof amount}`,
    );
  }
  if (amount.length > MAX_TEXT_LENGTH) {
    throw new ZhiduError(
      'invalid_money',
      path,
      `元金额文本过长(${amount.length} 个字符,上限 ${MAX_TEXT_LENGTH}) / yuan text of ${amount.length} characters is longer than the ${MAX_TEXT_LENGTH} allowed`,
    );
  }
  const value = parseYuanText(amount.trim(), amount, path);
  if (value === undefined) {
    throw new ZhiduError(
      'invalid_money',
      path,
      `元金额须为最多两位小数的十进制数 / yuan amount must be a decimal with at most two decimals, got ${JSON.stringify(amount)}`,
    );
  }
  return fenFromBigInt(value, path, '金额', 'amount');
}

function yuanFromNumber(amount: number, path: ErrorPath): Fen {
  const text = Number.isFinite(amount) ? String(amount) : 'NaN';
  const value = parseYuanText(text, amount, path);
  if (value === undefined) {
    throw new ZhiduError(
      'invalid_money',
      path,
      /e/i.test(text)
        ? `元金额 ${text} 为指数形式,请以字符串传入 / yuan amount ${text} is in exponent form; pass the amount as a decimal string`
        : `元金额须为最多两位小数的十进制数 / yuan amount must be a decimal with at most two decimals, got ${text}`,
    );
  }
  const result = fenFromBigInt(value, path, '金额', 'amount');
  // Numbers are monotone in their value: if neither neighbouring fen reads as the same number, none does.
  for (const neighbour of [value - 1n, value + 1n]) {
    if (Number(fenText(neighbour)) === amount) {
      throw new ZhiduError(
        'invalid_money',
        path,
        `数字 ${text} 无法区分 ${fenText(value)} 元与 ${fenText(neighbour)} 元,请以字符串传入 / the number ${text} cannot tell ${fenText(value)} from ${fenText(neighbour)} yuan; pass the amount as a string`,
      );
    }
  }
  return result;
}

/**
 * Adds amounts exactly: a running total that leaves the safe range and comes back (overflow that
 * cancels) still gives the exact sum.
 *
 * @param amounts - amounts in fen
 * @returns their sum
 * @throws ZhiduError `invalid_money` for an invalid operand (path `[i]`) or a sum beyond the safe range
 * @example
 * addMoney(yuan(1), yuan('0.5')); //=> 150
 * addMoney(Number.MAX_SAFE_INTEGER, 2, -2); //=> 9007199254740991
 */
export function addMoney(...amounts: Fen[]): Fen {
  let total = 0;
  let exact = true;
  for (let i = 0; i < amounts.length; i++) {
    total += fen(amounts[i] as number, [i]);
    if (!Number.isSafeInteger(total)) exact = false;
  }
  if (exact) return total;
  // A running total passed through unsafe floats: add again in BigInt.
  let big = 0n;
  for (const a of amounts) big += BigInt(a);
  return fenFromBigInt(big, [], '合计', 'sum');
}

/**
 * Subtracts `b` from `a`. Exact: the difference of two safe integers is computed without rounding
 * whenever it is itself safe, and refused otherwise.
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

const RATIO_TEXT = /^(-)?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

function badRatio(ratio: unknown, path: ErrorPath, why: string): ZhiduError {
  let shown: string;
  try {
    shown =
      typeof ratio === 'string' && ratio.length > MAX_TEXT_LENGTH
        ? `${ratio.slice(0, 20)}…`
        : JSON.stringify(ratio);
  } catch {
    shown = describeValue(ratio);
  }
  return new ZhiduError(
    'invalid_ratio',
    path,
    `${bilingualParts(why).zh}，实为 ${shown} / ${bilingualParts(why).en}, got ${shown}`,
  );
}

function toFraction(ratio: RatioInput, path: ErrorPath): Fraction {
  if (typeof ratio === 'object' && ratio !== null) {
    const { numerator, denominator } = ratio;
    if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
      throw new ZhiduError(
        'invalid_ratio',
        path,
        '分数须有整数分子和正整数分母 / a fraction needs a safe integer numerator and a positive safe integer denominator',
      );
    }
    return { n: BigInt(numerator), d: BigInt(denominator) };
  }
  let text: string;
  let scale = 1n;
  if (typeof ratio === 'string') {
    if (ratio.length > MAX_TEXT_LENGTH) {
      throw badRatio(
        ratio,
        path,
        `比例文本过长(上限 ${MAX_TEXT_LENGTH} 个字符)/ ratio text is longer than the ${MAX_TEXT_LENGTH} characters allowed`,
      );
    }
    if (!ratio.endsWith('%'))
      throw badRatio(ratio, path, '百分比须以 % 结尾 / a percentage string must end with %');
    text = ratio.slice(0, -1).trim();
    scale = 100n;
  } else if (typeof ratio === 'number') {
    if (!Number.isFinite(ratio)) throw badRatio(ratio, path, '比例须为有限数 / a ratio must be finite');
    text = String(ratio);
  } else {
    throw badRatio(
      ratio,
      path,
      '比例须为数字、百分比字符串或分数 / a ratio must be a number, a percentage string or a fraction',
    );
  }
  const m = RATIO_TEXT.exec(text);
  if (!m) throw badRatio(ratio, path, '无法识别的比例 / not a decimal ratio');
  const exp = Number(m[4] ?? '0');
  if (!(Math.abs(exp) <= MAX_RATIO_EXPONENT)) {
    throw badRatio(
      ratio,
      path,
      `比例的指数须在 ±${MAX_RATIO_EXPONENT} 以内 / a ratio's exponent must be within ±${MAX_RATIO_EXPONENT}`,
    );
  }
  const frac = m[3] ?? '';
  let n = BigInt(`${m[2] ?? '0'}${frac}`);
  let d = 10n ** BigInt(frac.length) * scale;
  if (exp > 0) n *= 10n ** BigInt(exp);
  if (exp < 0) d *= 10n ** BigInt(-exp);
  return { n: m[1] ? -n : n, d };
}

/**
 * Checks a ratio the way {@link multiplyMoney} reads it, without multiplying anything.
 *
 * @param ratio - `0.2`, `'20%'` or `{ numerator: 1, denominator: 3 }`
 * @param path - where the ratio sits in the caller's input, for the error
 * @returns nothing
 * @throws ZhiduError `invalid_ratio` for NaN, a malformed or over-long percentage, an exponent beyond
 *   ±400 (`'1e999999999%'`), or a fraction without a positive safe integer denominator
 * @example
 * assertRatio('15%');          // passes
 * assertRatio('1e999999999%'); // throws ZhiduError invalid_ratio
 */
export function assertRatio(ratio: RatioInput, path: ErrorPath = []): void {
  toFraction(ratio, path);
}

/** `n / d` rounded by `mode` (exact, on bigints; `d` > 0). Shared with the formula language. @internal */
export function divideRounded(n: bigint, d: bigint, mode: RoundingMode): bigint {
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
 * @throws ZhiduError `invalid_money` for an invalid amount or a product beyond the safe range;
 *   `invalid_ratio` for a ratio {@link assertRatio} refuses (e.g. `'1e999999999%'`, refused at once);
 *   `invalid_input` for an unknown rounding mode
 * @example
 * multiplyMoney(yuan(100), '15%');                     //=> 1500
 * multiplyMoney(1001, 0.5);                            //=> 501 (half away from zero)
 * multiplyMoney(1001, 0.5, 'halfEven');                //=> 500
 * multiplyMoney(yuan(100), { numerator: 1, denominator: 3 }); //=> 3333
 */
export function multiplyMoney(amount: Fen, ratio: RatioInput, rounding: RoundingMode = 'halfUp'): Fen {
  const a = BigInt(fen(amount, [0]));
  const f = toFraction(ratio, [1]);
  if (!ROUNDING_MODES.has(rounding)) {
    throw new ZhiduError(
      'invalid_input',
      [2],
      `未知的舍入方式 / unknown rounding mode ${JSON.stringify(rounding)}; expected one of ${[...ROUNDING_MODES].join(', ')}`,
    );
  }
  return fenFromBigInt(divideRounded(a * f.n, f.d, rounding), [], '乘积', 'product');
}

const ROUNDING_MODES: ReadonlySet<string> = new Set(RoundingModeSchema.options);

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
  if (!Array.isArray(shares) || shares.length === 0)
    throw new ZhiduError(
      'invalid_ratio',
      ['shares'],
      '分摊至少需要一个份额 / allocate needs a non-empty array of shares',
    );
  const fracs = shares.map((s, i) => {
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) {
      throw new ZhiduError(
        'invalid_ratio',
        ['shares', i],
        `份额须为有限的非负数 / share must be a finite non-negative number, got ${describeValue(s)}`,
      );
    }
    return toFraction(s, ['shares', i]);
  });
  // Bring every weight to one common denominator so the split is exact.
  const common = fracs.reduce((acc, f) => lcm(acc, f.d), 1n);
  const weights = fracs.map((f) => (f.n * common) / f.d);
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n)
    throw new ZhiduError(
      'invalid_ratio',
      ['shares'],
      '分摊至少需要一个正份额 / allocate needs at least one positive share',
    );
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
  // Every part lies between 0 and |total|, so it is a safe integer; `+ 0` turns −0 into 0.
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
 * @throws ZhiduError `invalid_input` for an amount that is not whole fen, options that are not an object
 *   (at `options`) or a symbol that is not a string (at `options.symbol`); `unknown_key` for another option
 * @example
 * formatMoney(123450);   //=> '¥1,234.50'
 * formatMoney(-1200);    //=> '-¥12.00'
 */
export function formatMoney(amount: Fen, options: { symbol?: string } = {}): string {
  fen(amount);
  expectObject(options, ['options']);
  // A misspelt `symbl` printed ¥ without a word (checked key by key: this formats every fine line).
  for (const k in options) if (k !== 'symbol') expectKnownKeys(options, ['symbol'], ['options']);
  const given = options.symbol;
  if (given !== undefined && typeof given !== 'string')
    throw new ZhiduError(
      'invalid_input',
      ['options', 'symbol'],
      `货币符号须为字符串（'' 表示不加符号） / the symbol is a string ('' for none), got ${describeValue(given)}`,
    );
  const symbol = given ?? '¥';
  const abs = Math.abs(amount);
  // abs − cents is a multiple of 100, so the division is exact for every safe amount.
  const whole = ((abs - (abs % 100)) / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${amount < 0 ? '-' : ''}${symbol}${whole}.${cents}`;
}
