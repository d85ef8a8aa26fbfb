import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import { parseInput } from './errors.js';
import {
  addMoney,
  allocate,
  assertRatio,
  FenSchema,
  fen,
  formatMoney,
  multiplyMoney,
  NonNegativeFenSchema,
  type RatioInput,
  RatioSchema,
  type RoundingMode,
  subtractMoney,
  yuan,
} from './money.js';

describe('fen()', () => {
  it('accepts safe integers, including zero and negatives', () => {
    expect(fen(12345)).toBe(12345);
    expect(fen(0)).toBe(0);
    expect(fen(-500)).toBe(-500);
    expect(fen(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    ['a fraction of a fen', 12.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an unsafe integer', 2 ** 53],
    ['a negative unsafe integer', -(2 ** 53)],
  ])('refuses %s with invalid_money', (_label, value) => {
    const e = zhiduError(() => fen(value, ['fine', 'amount']));
    expect(e.code).toBe('invalid_money');
    expect(e.path).toEqual(['fine', 'amount']);
  });
});

describe('yuan()', () => {
  it('builds fen from numbers and decimal strings', () => {
    expect(yuan(50)).toBe(5000);
    expect(yuan('1234.5')).toBe(123450);
    expect(yuan('1234.56')).toBe(123456);
    expect(yuan(' 12.5 ')).toBe(1250);
    expect(yuan('-3.05')).toBe(-305);
    expect(yuan(0)).toBe(0);
  });

  it('reads a float through its shortest decimal form, so 19.99 is 1999 fen, not 1998', () => {
    expect(yuan(19.99)).toBe(1999);
    expect(yuan(0.07)).toBe(7);
    expect(yuan(1.1)).toBe(110);
  });

  it.each([
    ['more than two decimals (string)', '12.345'],
    ['more than two decimals (float noise 0.1 + 0.2)', 0.1 + 0.2],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['text', 'abc'],
    ['a bare decimal point', '5.'],
    ['a leading decimal point', '.5'],
    ['thousands separators', '1,234.50'],
    ['an amount beyond the safe integer range', '100000000000000000'],
    ['exponent notation', 1e21],
  ])('refuses %s with invalid_money', (_label, value) => {
    expect(zhiduError(() => yuan(value)).code).toBe('invalid_money');
  });
});

describe('addMoney() / subtractMoney()', () => {
  it('adds and subtracts whole fen', () => {
    expect(addMoney(yuan(1), yuan('0.5'))).toBe(150);
    expect(addMoney()).toBe(0);
    expect(addMoney(100, -250, 30)).toBe(-120);
    expect(subtractMoney(500, 120)).toBe(380);
    expect(subtractMoney(120, 500)).toBe(-380);
  });

  it('refuses a non-integer operand and names its position', () => {
    const e = zhiduError(() => addMoney(100, 0.5));
    expect(e.code).toBe('invalid_money');
    expect(e.path).toEqual([1]);
    expect(zhiduError(() => subtractMoney(0.5, 1)).path).toEqual([0]);
    expect(zhiduError(() => subtractMoney(1, Number.NaN)).path).toEqual([1]);
  });

  it('refuses a sum that leaves the safe integer range', () => {
    expect(zhiduError(() => addMoney(Number.MAX_SAFE_INTEGER, 1)).code).toBe('invalid_money');
    expect(zhiduError(() => subtractMoney(-Number.MAX_SAFE_INTEGER, 2)).code).toBe('invalid_money');
  });
});

describe('multiplyMoney()', () => {
  it('takes decimals, percentage strings and exact fractions', () => {
    expect(multiplyMoney(yuan(100), '15%')).toBe(1500);
    expect(multiplyMoney(yuan(100), 0.15)).toBe(1500);
    expect(multiplyMoney(yuan(100), { numerator: 1, denominator: 3 })).toBe(3333);
    expect(multiplyMoney(yuan(100), '12.5%')).toBe(1250);
    expect(multiplyMoney(1, 1e-7)).toBe(0);
    expect(multiplyMoney(yuan(100), 2)).toBe(20000);
    expect(multiplyMoney(yuan(100), -0.2)).toBe(-2000);
  });

  it('computes exactly where floats would not: 0.29 × 100 fen is 29, not 28.999…', () => {
    expect(0.29 * 100).not.toBe(29);
    expect(multiplyMoney(100, 0.29, 'floor')).toBe(29);
    expect(multiplyMoney(yuan('333333.33'), '20%')).toBe(6666667);
  });

  it('rounds half-up (四舍五入, away from zero on .5) by default', () => {
    expect(multiplyMoney(1001, 0.5)).toBe(501);
    expect(multiplyMoney(-1001, 0.5)).toBe(-501);
    expect(multiplyMoney(1003, { numerator: 1, denominator: 3 })).toBe(334);
    expect(multiplyMoney(1004, { numerator: 1, denominator: 3 })).toBe(335);
  });

  // amount × ratio gives the exact value in the first column; each mode's expected result follows.
  const cases: [
    string,
    number,
    number | { numerator: number; denominator: number },
    Record<RoundingMode, number>,
  ][] = [
    [
      '500.5',
      1001,
      0.5,
      { halfUp: 501, halfEven: 500, halfDown: 500, up: 501, down: 500, ceil: 501, floor: 500 },
    ],
    [
      '501.5',
      1003,
      0.5,
      { halfUp: 502, halfEven: 502, halfDown: 501, up: 502, down: 501, ceil: 502, floor: 501 },
    ],
    [
      '-500.5',
      -1001,
      0.5,
      { halfUp: -501, halfEven: -500, halfDown: -500, up: -501, down: -500, ceil: -500, floor: -501 },
    ],
    [
      '334.33…',
      1003,
      { numerator: 1, denominator: 3 },
      { halfUp: 334, halfEven: 334, halfDown: 334, up: 335, down: 334, ceil: 335, floor: 334 },
    ],
    [
      '-334.66…',
      -1004,
      { numerator: 1, denominator: 3 },
      { halfUp: -335, halfEven: -335, halfDown: -335, up: -335, down: -334, ceil: -334, floor: -335 },
    ],
    [
      '335 (exact)',
      1005,
      { numerator: 1, denominator: 3 },
      { halfUp: 335, halfEven: 335, halfDown: 335, up: 335, down: 335, ceil: 335, floor: 335 },
    ],
  ];
  for (const [exact, amount, ratio, expected] of cases) {
    for (const [mode, want] of Object.entries(expected) as [RoundingMode, number][]) {
      it(`rounds ${exact} with ${mode} to ${want}`, () => {
        expect(multiplyMoney(amount, ratio, mode)).toBe(want);
      });
    }
  }

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a percentage without %', '15' as `${number}%`],
    ['a zero denominator', { numerator: 1, denominator: 0 }],
    ['a fractional numerator', { numerator: 1.5, denominator: 2 }],
  ])('refuses %s as a ratio with invalid_ratio', (_label, ratio) => {
    const e = zhiduError(() => multiplyMoney(100, ratio));
    expect(e.code).toBe('invalid_ratio');
    expect(e.path).toEqual([1]);
  });

  it('refuses a non-integer amount and a product beyond the safe range with invalid_money', () => {
    expect(zhiduError(() => multiplyMoney(10.5, 2)).code).toBe('invalid_money');
    expect(zhiduError(() => multiplyMoney(Number.MAX_SAFE_INTEGER, 2)).code).toBe('invalid_money');
  });

  /** Reference rounding of n/d (d > 0) written independently of the library: from floor division. */
  function referenceRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
    const floor = n >= 0n ? n / d : -((-n + d - 1n) / d);
    const r = n - floor * d; // 0 ≤ r < d
    if (r === 0n) return floor;
    const ceil = floor + 1n;
    const twice = 2n * r;
    const towardZero = n >= 0n ? floor : ceil;
    const awayFromZero = n >= 0n ? ceil : floor;
    switch (mode) {
      case 'floor':
        return floor;
      case 'ceil':
        return ceil;
      case 'down':
        return towardZero;
      case 'up':
        return awayFromZero;
      case 'halfUp':
        return twice === d ? awayFromZero : twice < d ? floor : ceil;
      case 'halfDown':
        return twice === d ? towardZero : twice < d ? floor : ceil;
      case 'halfEven':
        return twice === d ? (floor % 2n === 0n ? floor : ceil) : twice < d ? floor : ceil;
    }
  }

  const modes: RoundingMode[] = ['halfUp', 'halfEven', 'halfDown', 'up', 'down', 'ceil', 'floor'];

  it('agrees with an exact rational reference for fractions (property)', () => {
    fc.assert(
      fc.property(
        // |amount × numerator| ≤ 10^15 keeps every product inside the safe integer range
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(...modes),
        (amount, numerator, denominator, mode) => {
          const want = referenceRound(BigInt(amount) * BigInt(numerator), BigInt(denominator), mode);
          expect(multiplyMoney(amount, { numerator, denominator }, mode)).toBe(Number(want));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees with the exact reference for decimal ratios and percentage strings (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: -200_000, max: 200_000 }),
        fc.constantFrom(...modes),
        (amount, tenThousandths, mode) => {
          // ratio = tenThousandths / 10^4, written as a decimal number and as a percentage with two decimals
          const want = Number(referenceRound(BigInt(amount) * BigInt(tenThousandths), 10_000n, mode));
          expect(multiplyMoney(amount, tenThousandths / 10_000, mode)).toBe(want);
          expect(multiplyMoney(amount, `${tenThousandths / 100}%`, mode)).toBe(want);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('allocate()', () => {
  it('splits by largest remainder, leftover fen to the earliest equal remainders', () => {
    expect(allocate(10000, [1, 1, 1])).toEqual([3334, 3333, 3333]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(yuan(100), [80, 20])).toEqual([8000, 2000]);
    // exact shares 33.3, 33.3, 33.4 → floors 33/33/33, the extra fen goes to the largest remainder (0.4)
    expect(allocate(100, [0.333, 0.333, 0.334])).toEqual([33, 33, 34]);
    expect(allocate(100, [0, 1])).toEqual([0, 100]);
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
  });

  it('mirrors the positive split for a negative total (a refund)', () => {
    expect(allocate(-10000, [1, 1, 1])).toEqual([-3334, -3333, -3333]);
    for (const part of allocate(-10000, [1, 1, 1])) expect(Object.is(part, -0)).toBe(false);
  });

  it.each([
    ['an empty list', [], ['shares']],
    ['a negative share', [1, -1], ['shares', 1]],
    ['a NaN share', [Number.NaN], ['shares', 0]],
    ['only zero shares', [0, 0], ['shares']],
  ])('refuses %s with invalid_ratio', (_label, shares, path) => {
    const e = zhiduError(() => allocate(100, shares));
    expect(e.code).toBe('invalid_ratio');
    expect(e.path).toEqual(path);
  });

  it('refuses a non-integer total with invalid_money', () => {
    const e = zhiduError(() => allocate(100.5, [1]));
    expect(e.code).toBe('invalid_money');
    expect(e.path).toEqual(['total']);
  });

  it('always sums exactly to the total, each part within 1 fen of its exact share (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (total, hundredths, asDecimals) => {
          fc.pre(hundredths.some((h) => h > 0));
          // The same weights, either as integers or as two-decimal numbers (h / 100).
          const shares = asDecimals ? hundredths.map((h) => h / 100) : hundredths;
          const parts = allocate(total, shares);
          expect(parts).toHaveLength(shares.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = BigInt(hundredths.reduce((a, b) => a + b, 0));
          parts.forEach((part, i) => {
            expect(Number.isSafeInteger(part)).toBe(true);
            // |part − total·w/Σw| < 1  ⇔  |part·Σw − total·w| < Σw
            const diff = BigInt(part) * sum - BigInt(total) * BigInt(hundredths[i] ?? 0);
            expect(diff < sum && -diff < sum).toBe(true);
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('formatMoney()', () => {
  it.each([
    [123450, '¥1,234.50'],
    [-1200, '-¥12.00'],
    [0, '¥0.00'],
    [5, '¥0.05'],
    [99, '¥0.99'],
    [100000000, '¥1,000,000.00'],
    [123456789012, '¥1,234,567,890.12'],
  ])('formats %i fen as %s', (amount, text) => {
    expect(formatMoney(amount)).toBe(text);
  });

  it('takes another symbol or none', () => {
    expect(formatMoney(123450, { symbol: '' })).toBe('1,234.50');
    expect(formatMoney(-123450, { symbol: 'CNY ' })).toBe('-CNY 1,234.50');
  });

  it('refuses a non-integer amount', () => {
    expect(zhiduError(() => formatMoney(1.5)).code).toBe('invalid_money');
  });
});

describe('FenSchema / NonNegativeFenSchema', () => {
  it('accept safe integers and refuse negatives where required', () => {
    expect(FenSchema.parse(-5)).toBe(-5);
    expect(NonNegativeFenSchema.parse(0)).toBe(0);
    const e = zhiduError(() => parseInput(NonNegativeFenSchema, -1, ['deposit']));
    expect(e.code).toBe('invalid_money');
    expect(e.path).toEqual(['deposit']);
  });

  it('refuse fractions, NaN and unsafe integers', () => {
    for (const bad of [1.5, Number.NaN, 2 ** 53]) {
      expect(FenSchema.safeParse(bad).success).toBe(false);
    }
  });

  // core-bugs.md #1 (fixed for fractions and unsafe integers): these used to be `invalid_input`.
  it('report a fractional or unsafe fen inside a policy as invalid_money, like fen()', () => {
    for (const bad of [1.5, 2 ** 53]) {
      const e = zhiduError(() => parseInput(FenSchema, bad, ['fine']));
      expect(e.code).toBe('invalid_money');
      expect(e.path).toEqual(['fine']);
    }
  });

  // NaN and Infinity cannot appear in JSON; inside a schema they fail zod's number check first and are
  // refused as invalid_input (fen() itself says invalid_money). Either way they never pass.
  it('refuses NaN and Infinity inside a policy with the path of the field', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = zhiduError(() => parseInput(FenSchema, bad, ['fine']));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['fine']);
    }
  });
});

// Urgent fix, issue §4 (hangs) and §5 (lost and invented fen).
describe('bounded parsing: no input makes money.ts do unbounded work', () => {
  it('refuses multiplyMoney(100, "1e999999999%") with invalid_ratio instead of hanging', () => {
    const e = zhiduError(() => multiplyMoney(100, '1e999999999%' as RatioInput));
    expect(e.code).toBe('invalid_ratio');
    expect(e.path).toEqual([1]);
    expect(e.message).toContain('±400');
  });

  it.each([
    ['a huge positive exponent', '1e401%'],
    ['a huge negative exponent', '1e-999999999%'],
    ['an exponent with a million digits', `1e${'9'.repeat(1_000_000)}%`],
    ['a million-digit percentage', `${'9'.repeat(1_000_000)}%`],
    ['a percentage 65 characters long', `${'1'.repeat(64)}%`],
    ['an empty percentage', '%'],
    ['a percentage with two signs', '--5%'],
  ])('refuses %s as a ratio with invalid_ratio', (_label, ratio) => {
    const e = zhiduError(() => multiplyMoney(100, ratio as `${number}%`));
    expect(e.code).toBe('invalid_ratio');
    expect(e.path).toEqual([1]);
  });

  it('still reads every finite number as a ratio exactly, extremes included', () => {
    expect(multiplyMoney(1, Number.MIN_VALUE, 'up')).toBe(1);
    expect(multiplyMoney(1, Number.MIN_VALUE)).toBe(0);
    expect(multiplyMoney(0, Number.MAX_VALUE)).toBe(0);
    expect(zhiduError(() => multiplyMoney(1, Number.MAX_VALUE)).code).toBe('invalid_money');
    expect(multiplyMoney(yuan(100), '2.5e1%')).toBe(2500);
    expect(multiplyMoney(yuan(100), '1e-2%')).toBe(1);
  });

  it('refuses a product beyond the safe range from the exact value, not a rounded float', () => {
    // 2^53 − 1 is safe; one more fen is not, although Number(2n ** 53n) would print as 9007199254740992.
    expect(multiplyMoney(Number.MAX_SAFE_INTEGER, 1)).toBe(Number.MAX_SAFE_INTEGER);
    const e = zhiduError(() =>
      multiplyMoney(Number.MAX_SAFE_INTEGER, { numerator: 9007199254740991, denominator: 9007199254740990 }),
    );
    expect(e.code).toBe('invalid_money');
    expect(e.message).toContain('9007199254740992');
  });

  it('refuses an unknown rounding mode with invalid_input at path [2]', () => {
    const e = zhiduError(() => multiplyMoney(1001, 0.5, 'nearest' as RoundingMode));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual([2]);
  });

  it.each([
    ['a million-digit yuan string', '9'.repeat(1_000_000)],
    ['a yuan string 65 characters long', `${'0'.repeat(61)}1.00`],
    ['seventeen whole-yuan digits', '10000000000000000'],
    ['exponent notation in a string', '1e5'],
  ])('refuses %s with invalid_money', (_label, text) => {
    const e = zhiduError(() => yuan(text, ['price']));
    expect(e.code).toBe('invalid_money');
    expect(e.path).toEqual(['price']);
  });

  it('refuses a yuan number in exponent form and tells the caller to pass a string', () => {
    const e = zhiduError(() => yuan(1e-7));
    expect(e.code).toBe('invalid_money');
    expect(e.message).toContain('string');
  });

  it('refuses a value that is neither number nor string with invalid_money', () => {
    expect(zhiduError(() => yuan(null as unknown as string)).code).toBe('invalid_money');
  });

  it('accepts leading zeros within the length bound', () => {
    expect(yuan('0000000000000000000012.50')).toBe(1250);
  });

  it('RatioSchema refuses what multiplyMoney refuses, with invalid_ratio', () => {
    // zod's template literal already refuses exponents and blanks; a million-digit percentage passes it.
    expect(parseInput(RatioSchema, '15%')).toBe('15%');
    expect(RatioSchema.safeParse('1e999999999%').success).toBe(false);
    const e = zhiduError(() => parseInput(RatioSchema, `${'9'.repeat(1_000_000)}%`, ['deduction', 'ratio']));
    expect(e.code).toBe('invalid_ratio');
    expect(e.path).toEqual(['deduction', 'ratio']);
    expect(RatioSchema.parse('15%')).toBe('15%');
    expect(RatioSchema.parse(0.5)).toBe(0.5);
    expect(RatioSchema.parse({ numerator: 1, denominator: 3 })).toEqual({ numerator: 1, denominator: 3 });
  });

  it('RatioSchema refuses an unknown key beside numerator and denominator (a typo is never dropped)', () => {
    const e = zhiduError(() =>
      parseInput(RatioSchema, { numerator: 1, denominator: 3, denominatr: 4 }, ['outcome', 'ratio']),
    );
    expect([e.code, e.path]).toEqual(['unknown_key', ['outcome', 'ratio', 'denominatr']]);
    expect(e.message).toContain('denominator');
  });

  it('assertRatio checks a ratio without multiplying', () => {
    expect(() => assertRatio('15%')).not.toThrow();
    const e = zhiduError(() => assertRatio('1e999999999%' as RatioInput, ['r']));
    expect(e.code).toBe('invalid_ratio');
    expect(e.path).toEqual(['r']);
  });
});

const MAX = Number.MAX_SAFE_INTEGER;
/** Any safe amount of fen, negatives and both ends of the range included. */
const anyFen = fc.oneof(
  fc.integer({ min: -MAX, max: MAX }),
  fc.constantFrom(-MAX, -MAX + 1, -1, 0, 1, MAX - 1, MAX),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
);
/** Exact yuan text of a BigInt amount of fen, written independently of money.ts. */
function referenceYuanText(f: bigint): string {
  const abs = f < 0n ? -f : f;
  const cents = abs % 100n;
  return `${f < 0n ? '-' : ''}${abs / 100n}.${cents < 10n ? '0' : ''}${cents}`;
}

describe('addMoney(): no fen lost or invented over the whole safe range', () => {
  it('gives MAX_SAFE_INTEGER for addMoney(MAX_SAFE_INTEGER, 2, -2): overflow that cancels is exact', () => {
    expect(addMoney(MAX, 2, -2)).toBe(MAX);
    expect(addMoney(-MAX, -2, 2)).toBe(-MAX);
    expect(addMoney(MAX, MAX, -MAX)).toBe(MAX);
    expect(addMoney(MAX, 1, MAX, -MAX, -1)).toBe(MAX);
  });

  it('refuses a final sum beyond the safe range with invalid_money at the root', () => {
    const e = zhiduError(() => addMoney(MAX, MAX, -MAX, 1));
    expect(e.code).toBe('invalid_money');
    expect(e.path).toEqual([]);
    expect(e.message).toContain('9007199254740992');
  });

  it('equals the exact BigInt sum, or refuses exactly when that sum is unsafe (property)', () => {
    fc.assert(
      fc.property(fc.array(anyFen, { maxLength: 8 }), (amounts) => {
        const exact = amounts.reduce((a, b) => a + BigInt(b), 0n);
        if (exact > BigInt(MAX) || exact < -BigInt(MAX)) {
          expect(zhiduError(() => addMoney(...amounts)).code).toBe('invalid_money');
        } else {
          expect(BigInt(addMoney(...amounts))).toBe(exact);
        }
      }),
      { numRuns: 3000, seed: 20240531 },
    );
  });

  it('subtractMoney equals the exact BigInt difference, or refuses exactly when it is unsafe (property)', () => {
    fc.assert(
      fc.property(anyFen, anyFen, (a, b) => {
        const exact = BigInt(a) - BigInt(b);
        if (exact > BigInt(MAX) || exact < -BigInt(MAX)) {
          expect(zhiduError(() => subtractMoney(a, b)).code).toBe('invalid_money');
        } else {
          expect(BigInt(subtractMoney(a, b))).toBe(exact);
        }
      }),
      { numRuns: 3000, seed: 20240531 },
    );
  });
});

describe('yuan(): a number is accepted only when it names exactly one amount of fen', () => {
  it('refuses yuan(90071992547409.91), which would differ from yuan("90071992547409.91")', () => {
    expect(yuan('90071992547409.91')).toBe(9007199254740991);
    const e = zhiduError(() => yuan(Number('90071992547409.91'), ['amount']));
    expect(e.code).toBe('invalid_money');
    expect(e.path).toEqual(['amount']);
    expect(e.message).toContain('string');
  });

  it('refuses 70368744177664.01, the same JS number as 70368744177664.02', () => {
    // Written as strings: the literal 70368744177664.01 would itself be the number …02 (biome noPrecisionLoss).
    expect(Number('70368744177664.01')).toBe(Number('70368744177664.02'));
    expect(zhiduError(() => yuan(Number('70368744177664.01'))).code).toBe('invalid_money');
    expect(yuan('70368744177664.01')).toBe(7036874417766401);
  });

  it('still accepts large whole-yuan numbers that no neighbouring fen shares', () => {
    expect(yuan(80000000000000)).toBe(8000000000000000);
    expect(yuan(-90071992547409)).toBe(-9007199254740900);
    expect(yuan(70368744177663.99)).toBe(7036874417766399);
  });

  it('string and number agree on every amount the number can name; the string is exact everywhere (property)', () => {
    fc.assert(
      fc.property(anyFen, (f) => {
        const text = referenceYuanText(BigInt(f));
        expect(yuan(text)).toBe(f);
        const asNumber = Number(text);
        const shared =
          Number(referenceYuanText(BigInt(f) - 1n)) === asNumber ||
          Number(referenceYuanText(BigInt(f) + 1n)) === asNumber;
        if (shared) {
          expect(zhiduError(() => yuan(asNumber)).code).toBe('invalid_money');
        } else {
          // Never a different amount: either the exact fen or a refusal.
          expect(yuan(asNumber)).toBe(f);
        }
      }),
      { numRuns: 5000, seed: 20240531 },
    );
  });

  it('formatMoney prints every safe amount exactly (property)', () => {
    fc.assert(
      fc.property(anyFen, (f) => {
        const plain = formatMoney(f, { symbol: '' }).replaceAll(',', '');
        expect(plain).toBe(referenceYuanText(BigInt(f)));
        expect(yuan(plain)).toBe(f);
      }),
      { numRuns: 3000, seed: 20240531 },
    );
  });
});

describe('allocate(): exact over the whole safe range, negatives included', () => {
  it('splits MAX_SAFE_INTEGER and its negative without losing a fen', () => {
    expect(allocate(MAX, [1, 1])).toEqual([4503599627370496, 4503599627370495]);
    expect(allocate(-MAX, [1, 1])).toEqual([-4503599627370496, -4503599627370495]);
    expect(allocate(MAX, [1, 2, 3]).reduce((a, b) => a + b, 0)).toBe(MAX);
    expect(allocate(MAX, [Number.MAX_VALUE, Number.MIN_VALUE])).toEqual([MAX, 0]);
  });

  it('refuses shares that are not an array with invalid_ratio', () => {
    expect(zhiduError(() => allocate(100, 'abc' as unknown as number[])).path).toEqual(['shares']);
  });

  it('parts sum exactly to any safe total and mirror the positive split (property)', () => {
    fc.assert(
      fc.property(
        anyFen,
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: MAX }),
            fc.integer({ min: 0, max: 1000 }),
            fc.double({ min: 0, max: 1e6, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (total, shares) => {
          fc.pre(shares.some((s) => s > 0));
          const parts = allocate(total, shares);
          expect(parts.reduce((a, b) => a + BigInt(b), 0n)).toBe(BigInt(total));
          for (const p of parts) {
            expect(Number.isSafeInteger(p)).toBe(true);
            expect(Object.is(p, -0)).toBe(false);
          }
          expect(allocate(-total, shares)).toEqual(parts.map((p) => -p + 0));
        },
      ),
      { numRuns: 500, seed: 20240531 },
    );
  });
});
