// Regressions found by `pnpm fuzz` (issue 12) in the record templates and taxonomies, moved here from
// core with the models: every public boundary refuses bad input with a ZhiduError carrying a code and
// a path, never a TypeError, a plain Error or a raw ZodError.
import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { isWorkOrderNumberFree, listWorkOrders, nextWorkOrderNumber } from './numbering.js';
import { classifyArchive, isIntentCustomer } from './rules.js';

function refusal(f: () => unknown): { code: string; path: (string | number)[] } {
  try {
    f();
  } catch (e) {
    if (e instanceof ZhiduError) return { code: e.code, path: e.path };
    throw new Error(
      `expected a ZhiduError, got ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`,
    );
  }
  throw new Error('expected a refusal, got a value');
}

describe('record models refuse bad input with a ZhiduError (fuzz regressions)', () => {
  it('isWorkOrderNumberFree("x", null) → invalid_input at issued', () => {
    expect(refusal(() => isWorkOrderNumberFree('x', null as never))).toEqual({
      code: 'invalid_input',
      path: ['issued'],
    });
  });

  it('10^5 bad array elements: refused at the first bad element, the explanation bounded (≤ 50 issues + a count)', () => {
    const e = (() => {
      try {
        listWorkOrders(new Array(100_000).fill({ x: 1 }) as never);
      } catch (err) {
        return err as ZhiduError;
      }
      throw new Error('expected a refusal');
    })();
    expect(e).toBeInstanceOf(ZhiduError);
    // core's parseInput refuses a large array at its first bad entry (large-arrays.ts), so zod no
    // longer describes all 10^5 elements; the capped list of issues stays the upper bound.
    expect(e.path.slice(0, 2)).toEqual(['orders', 0]);
    const details = e.details as { code: string; path: (string | number)[] }[];
    // The element's unknown key first (a strict object: a misspelt key is never dropped).
    expect(details.map((d) => d.path)).toEqual([
      ['orders', 0, 'x'],
      ['orders', 0, 'workOrderNo'],
      ['orders', 0, 'reportedAt'],
    ]);
    expect(details.length).toBeLessThanOrEqual(51);
  });

  it('classifyArchive(a, b, null) → invalid_input at options', () => {
    expect(refusal(() => classifyArchive({} as never, {} as never, null as never)).code).toBe(
      'invalid_input',
    );
  });

  it('a misspelt option or field is refused at it, not dropped (a seqDigit of 6 made 4-digit numbers)', () => {
    const at = '2024-03-04T09:05:00+08:00';
    expect(nextWorkOrderNumber([], at, { seqDigits: 6 }).value).toBe('WO20240304-000001');
    expect(refusal(() => nextWorkOrderNumber([], at, { seqDigit: 6 } as never))).toEqual({
      code: 'unknown_key',
      path: ['options', 'seqDigit'],
    });
    expect(
      refusal(() =>
        isIntentCustomer({ contact: { phone: '13800000000' }, intent: 'lease', intnt: 'x' } as never),
      ),
    ).toEqual({ code: 'unknown_key', path: ['input', 'intnt'] });
  });
});
