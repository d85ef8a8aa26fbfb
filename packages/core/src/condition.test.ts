import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../test/helpers.js';
import {
  type Condition,
  conditionAttributes,
  conditionsHold,
  describeValueTest,
  evaluateCondition,
  valuePasses,
} from './condition.js';
import { isZhiduError } from './errors.js';

describe('condition bounds', () => {
  it('gte/lte include the bound, gt/lt exclude it (以上/以下 vs 超过/不满)', () => {
    const inclusive = { attribute: 'amount', gte: 100000, lte: 500000 };
    const exclusive = { attribute: 'amount', gt: 100000, lt: 500000 };
    expect(evaluateCondition(inclusive, { amount: 100000 }).holds).toBe(true);
    expect(evaluateCondition(inclusive, { amount: 500000 }).holds).toBe(true);
    expect(evaluateCondition(exclusive, { amount: 100000 }).holds).toBe(false);
    expect(evaluateCondition(exclusive, { amount: 500000 }).holds).toBe(false);
    expect(evaluateCondition(exclusive, { amount: 100001 }).holds).toBe(true);
  });

  it('a bound never matches a missing, null, non-number or NaN value', () => {
    const c = { attribute: 'amount', gte: 0 };
    expect(evaluateCondition(c, {}).holds).toBe(false);
    expect(evaluateCondition(c, { amount: null }).holds).toBe(false);
    expect(evaluateCondition(c, { amount: '5' }).holds).toBe(false);
    expect(valuePasses({ gte: 0 }, Number.NaN)).toBe(false);
  });

  it('adjacent bands [a, b) and [b, c) never both hold (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: -3000, max: 3000 }),
        (a, width, v) => {
          const b = a + width;
          const low = valuePasses({ gte: a, lt: b }, v);
          const high = valuePasses({ gte: b, lt: b + width }, v);
          expect(low && high).toBe(false);
          expect(low).toBe(v >= a && v < b);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe('condition equality and set membership', () => {
  it('equals compares scalars and lists; null equals only null', () => {
    expect(evaluateCondition({ attribute: 'grade', equals: 'critical' }, { grade: 'critical' }).holds).toBe(
      true,
    );
    expect(evaluateCondition({ attribute: 'grade', equals: 'critical' }, { grade: 'minor' }).holds).toBe(
      false,
    );
    expect(evaluateCondition({ attribute: 'tags', equals: ['a', 'b'] }, { tags: ['a', 'b'] }).holds).toBe(
      true,
    );
    expect(evaluateCondition({ attribute: 'tags', equals: ['a', 'b'] }, { tags: ['b', 'a'] }).holds).toBe(
      false,
    );
    expect(evaluateCondition({ attribute: 'x', equals: null }, { x: null }).holds).toBe(true);
    expect(evaluateCondition({ attribute: 'x', equals: null }, {}).holds).toBe(false);
  });

  it('in needs a member; notIn and excludes hold on a missing value, includes does not', () => {
    expect(evaluateCondition({ attribute: 's', in: ['a', 'b'] }, { s: 'b' }).holds).toBe(true);
    expect(evaluateCondition({ attribute: 's', in: ['a', 'b'] }, { s: 'c' }).holds).toBe(false);
    expect(evaluateCondition({ attribute: 's', in: ['a', 'b'] }, {}).holds).toBe(false);
    expect(evaluateCondition({ attribute: 's', notIn: [false] }, {}).holds).toBe(true);
    expect(evaluateCondition({ attribute: 's', notIn: [false] }, { s: false }).holds).toBe(false);
    expect(evaluateCondition({ attribute: 'l', includes: 'x' }, { l: ['x'] }).holds).toBe(true);
    expect(evaluateCondition({ attribute: 'l', includes: 'x' }, {}).holds).toBe(false);
    expect(evaluateCondition({ attribute: 'l', excludes: 'x' }, {}).holds).toBe(true);
    expect(evaluateCondition({ attribute: 'l', exists: false }, { l: null }).holds).toBe(true);
  });

  it('an attribute path walks own properties; a dotted string is one key', () => {
    const subject = { customer: { grade: 'A' }, 'customer.grade': 'B' };
    expect(evaluateCondition({ attribute: ['customer', 'grade'], equals: 'A' }, subject).holds).toBe(true);
    expect(evaluateCondition({ attribute: 'customer.grade', equals: 'B' }, subject).holds).toBe(true);
    expect(evaluateCondition({ attribute: ['toString', 'name'], exists: true }, {}).holds).toBe(false);
  });
});

describe('condition combinators and explanations', () => {
  const band: Condition = {
    all: [{ attribute: 'amount', gte: 100, lte: 500 }, { not: { attribute: 'tier', equals: 'vip' } }],
  };

  it('all / any / not combine and explain what was tested', () => {
    const r = evaluateCondition(band, { amount: 300, tier: 'std' });
    expect(r.holds).toBe(true);
    expect(r.explanation.en).toBe(
      'all (amount (300) ≥ 100 and ≤ 500: holds; not (tier ("std") = "vip": fails): holds): holds',
    );
    expect(r.explanation.zh).toContain('amount(值 300)≥ 100 且 ≤ 500:成立');
    expect(evaluateCondition(band, { amount: 300, tier: 'vip' }).holds).toBe(false);
    const either = {
      any: [
        { attribute: 'a', equals: 1 },
        { attribute: 'b', equals: 2 },
      ],
    };
    expect(evaluateCondition(either, { b: 2 }).holds).toBe(true);
    expect(evaluateCondition(either, { a: 2 }).explanation.en).toBe(
      'any (a (2) = 1: fails or b (—) = 2: fails): fails',
    );
  });

  it('describes value tests in both languages', () => {
    expect(describeValueTest({ gte: 60, lt: 80 })).toEqual({ zh: '≥ 60 且 < 80', en: '≥ 60 and < 80' });
    expect(describeValueTest({})).toEqual({ zh: '任意值', en: 'any value' });
    expect(describeValueTest({ in: ['a'] }).zh).toBe('属于 {"a"}');
  });

  it('conditionsHold ANDs a list; an absent or empty list holds', () => {
    expect(conditionsHold(undefined, {})).toBe(true);
    expect(conditionsHold([], {})).toBe(true);
    expect(
      conditionsHold(
        [
          { attribute: 'a', equals: 1 },
          { attribute: 'b', gt: 0 },
        ],
        { a: 1, b: 0 },
      ),
    ).toBe(false);
  });
});

describe('condition bad input', () => {
  it('a misspelt operator is refused with unknown_key naming it', () => {
    const e = refusal(() => evaluateCondition({ attribute: 'a', gtee: 1 } as unknown as Condition, {}));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['condition', 'gtee']);
  });

  it('a condition that tests nothing, or an empty combinator, is refused', () => {
    expect(refusal(() => evaluateCondition({ attribute: 'a' } as Condition, {})).path[0]).toBe('condition');
    expect(refusal(() => evaluateCondition({ all: [] }, {})).code).toBe('invalid_input');
  });

  it('a bound that is not a number, or a subject that is not an object, is refused with its path', () => {
    const e = refusal(() => conditionsHold([{ attribute: 'a', gte: '5' } as unknown as Condition], {}));
    expect(e.code).toBe('invalid_input');
    expect(e.path.slice(0, 2)).toEqual(['conditions', 0]);
    const s = refusal(() =>
      evaluateCondition({ attribute: 'a', equals: 1 }, null as unknown as Record<string, unknown>),
    );
    expect(s.path).toEqual(['subject']);
  });
});

describe('condition helpers refuse what is not a test or a condition (fuzz found TypeErrors)', () => {
  const refused = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return isZhiduError(e) ? `${e.code} ${e.path.join('.')}` : `not a ZhiduError: ${String(e)}`;
    }
    return 'no error';
  };
  it('valuePasses, describeValueTest and conditionAttributes given null or undefined', () => {
    expect(refused(() => valuePasses(null as never, 1))).toBe('invalid_input test');
    expect(refused(() => describeValueTest(undefined as never))).toBe('invalid_input test');
    expect(refused(() => conditionAttributes(null as never))).toBe('invalid_input condition');
  });
  it('still answers for valid tests', () => {
    expect(valuePasses({ gte: 60, lt: 80 }, 79)).toBe(true);
    expect(conditionAttributes({ attribute: 'grade', equals: 'A' })).toEqual(['grade']);
  });
});
