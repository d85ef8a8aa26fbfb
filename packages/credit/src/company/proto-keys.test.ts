import { makeContext, yuan } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { keepObjectPrototypeClean, zhiduError as refusal } from '../../../core/test/helpers.js';
import { defineDecisionTable } from '../decision-table/table.js';
import { creditLimitFormulaModule } from './modules.js';

// Extra formula inputs a policy names freely, named after members of Object.prototype: each must
// behave like any other name (`depositFen`), and nothing may be written onto Object.prototype.
keepObjectPrototypeClean();

const qingshan = creditLimitFormulaModule.preset('example-qingshan-building-materials');
const customer = { since: '2021-05-10', grade: 'A', termDays: 30 };
const sales12 = () =>
  Array.from({ length: 12 }, (_, i) => ({
    month: `2024-${String(i + 1).padStart(2, '0')}`,
    amount: yuan(100_000),
  }));
const judge = (input: object, policy: typeof qingshan) =>
  creditLimitFormulaModule.evaluate(
    input as never,
    policy,
    makeContext({ now: '2025-01-15T09:00:00+08:00' }),
  );

/** The preset reading one extra input `name` (deposit plus 100 fen). */
function withExtra(name: string) {
  const copy = structuredClone(qingshan) as unknown as {
    params: { limit: { extraInputs: string[]; formula: unknown } };
  };
  copy.params.limit.extraInputs = [name];
  copy.params.limit.formula = { sum: [{ input: name }, { fen: 100 }] };
  return copy as unknown as typeof qingshan;
}

describe('credit.limit-formula: an extra input named after an Object.prototype member', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'depositFen'])(
    'extra input %s: given, it is read; left out, it is refused as missing like any extra input',
    (name) => {
      const policy = withExtra(name);
      const inputs = JSON.parse(`{"${name}":5000}`);
      expect(
        judge({ date: '2025-01-15', sales: sales12(), customer, inputs }, policy).value.result.limit,
      ).toBe(5100);
      const missing = refusal(() => judge({ date: '2025-01-15', sales: sales12(), customer }, policy));
      const usual = refusal(() =>
        judge({ date: '2025-01-15', sales: sales12(), customer }, withExtra('depositFen')),
      );
      expect({ code: missing.code, path: missing.path, message: missing.message }).toEqual({
        code: usual.code,
        path: ['input', 'inputs', name],
        message: usual.message.replaceAll('depositFen', name),
      });
    },
  );
});

describe('defineDecisionTable: an output column named after an Object.prototype member', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'tier'])(
    'a row without output %s is refused as missing it, like any output',
    (name) => {
      const e = refusal(() =>
        defineDecisionTable({
          id: 'example.odd-outputs',
          hitPolicy: 'first',
          inputs: [{ name: 'a', type: 'number' }],
          outputs: [{ name, type: 'string' }],
          rules: [{ id: 'r1', when: { a: { gte: 1 } }, result: { other: 'x' } }],
        }),
      );
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['rules', 0, 'result', name]);
      expect(e.message.startsWith(`缺少输出列 "${name}" / output "${name}" is missing`)).toBe(true);
    },
  );
});
