// conditionsHold answers without building explanations (issue 21: evaluateTimers spent a third of
// its time describing conditions whose text nobody read). Same answer as evaluateCondition.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Condition, conditionsHold, evaluateCondition } from './condition.js';

describe('conditionsHold (boolean path, no explanation built)', () => {
  it('agrees with evaluateCondition on nested all/any/not (seeded property)', () => {
    const leaf = fc.oneof(
      fc.record({
        attribute: fc.constantFrom('row', 'amount'),
        equals: fc.constantFrom('T5-03', 'T4-07', 5),
      }),
      fc.record({ attribute: fc.constant('amount'), gte: fc.integer({ min: 0, max: 10 }) }),
      fc.record({ attribute: fc.constantFrom('row', 'missing'), exists: fc.boolean() }),
    ) as fc.Arbitrary<Condition>;
    const cond = fc.letrec<{ c: Condition }>((tie) => ({
      c: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ not: tie('c') }),
      ) as fc.Arbitrary<Condition>,
    })).c;
    fc.assert(
      fc.property(
        fc.array(cond, { maxLength: 3 }),
        fc.record({ row: fc.constantFrom('T5-03', 'T4-07'), amount: fc.integer({ min: 0, max: 10 }) }),
        (conds, subject) => {
          const expected = conds.every((c) => evaluateCondition(c, subject).holds);
          expect(conditionsHold(conds, subject)).toBe(expected);
        },
      ),
      { seed: 21, numRuns: 200 },
    );
  });

  it('answers for a subject value JSON cannot show (a BigInt), where an explanation would throw', () => {
    const subject = { row: 'T5-03', big: 10n };
    expect(
      conditionsHold(
        [
          { attribute: 'row', equals: 'T5-03' },
          { attribute: 'big', exists: true },
        ],
        subject,
      ),
    ).toBe(true);
    expect(conditionsHold([{ attribute: 'row', equals: 'T4-07' }], subject)).toBe(false);
  });

  it('still refuses a malformed condition at its path', () => {
    expect(() => conditionsHold([{ attribute: 'row', bogus: 1 } as never], {})).toThrow(
      /bogus|unknown|invalid/i,
    );
  });
});
