import { isZhiduError, type ZhiduError } from '@zhidu/core';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { departmentFileRates } from './enforcement.js';
import { penaltyLedger } from './modules.js';
import { dealerFileSchedule } from './presets/dealer-file.js';
import { preset } from './presets/index.js';
import { assertScheduleConsistent, type FineScheduleParams } from './schedule.js';

/** The ZhiduError a call throws (fails the test when it throws anything else or nothing). */
function refusal(call: () => unknown): ZhiduError {
  try {
    call();
  } catch (e) {
    if (isZhiduError(e)) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError, got a value');
}

const asParams = (v: unknown) => v as FineScheduleParams;

describe('assertScheduleConsistent refuses what is not schedule parameters', () => {
  it('refuses undefined and null params with invalid_input at params (was a TypeError reading items)', () => {
    for (const bad of [undefined, null]) {
      const e = refusal(() => assertScheduleConsistent(asParams(bad)));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['params']);
    }
  });

  it('refuses params without items or with non-array items at the field (was forEach of undefined)', () => {
    const params = dealerFileSchedule().params;
    const e = refusal(() => assertScheduleConsistent(asParams({ ...params, items: 'x' })));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['params', 'items']);
    const { items: _items, ...noItems } = params;
    expect(refusal(() => assertScheduleConsistent(asParams(noItems))).path).toEqual(['params', 'items']);
  });

  it('refuses an item without match under the caller base path (was reading data of undefined)', () => {
    const params = dealerFileSchedule().params;
    const [first, ...rest] = params.items;
    const { match: _match, ...noMatch } = first as NonNullable<typeof first>;
    const e = refusal(() =>
      assertScheduleConsistent(asParams({ ...params, items: [noMatch, ...rest] }), ['policy', 'params']),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'items', 0, 'match']);
  });

  it('refuses a base that is not a JSON path with invalid_input at base (was a TypeError spreading it)', () => {
    const params = dealerFileSchedule().params;
    for (const bad of [7, null, 'params', [{}], [Number.NaN]]) {
      const e = refusal(() => assertScheduleConsistent(params, bad as unknown as string[]));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['base']);
    }
  });

  it('still accepts a consistent schedule and still reports overlaps at the caller path', () => {
    const params = dealerFileSchedule().params;
    expect(assertScheduleConsistent(params)).toBeUndefined();
    const first = params.escalations[0];
    if (first === undefined) throw new Error('dealer-file schedule has escalations');
    const e = refusal(() =>
      assertScheduleConsistent({ ...params, escalations: [...params.escalations, first] }, ['p']),
    );
    expect(e.code).toBe('policy_overlap');
    expect(e.path[0]).toBe('p');
  });

  it('any JSON value as params is a ZhiduError or consistent (seeded property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          assertScheduleConsistent(asParams(v));
          return true;
        } catch (e) {
          return isZhiduError(e);
        }
      }),
      { seed: 12, numRuns: 200 },
    );
  });
});

describe('departmentFileRates refuses what is not records and department ids', () => {
  it('refuses non-array records with invalid_input at records (was records.forEach is not a function)', () => {
    for (const bad of [undefined, null, 'x', 3, {}]) {
      const e = refusal(() => departmentFileRates(bad as never));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['records']);
    }
  });

  it('refuses non-array departments with invalid_input at departments (was departments is not iterable)', () => {
    for (const bad of [null, 5, {}]) {
      const e = refusal(() => departmentFileRates([], bad as never));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['departments']);
    }
  });

  it('refuses a department id that is not a non-empty string, naming its index', () => {
    const e = refusal(() => departmentFileRates([], ['sales', 3 as unknown as string]));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['departments', 1]);
    expect(refusal(() => departmentFileRates([], [''])).path).toEqual(['departments', 0]);
  });

  it('refuses 10^5 bad records at the first one', () => {
    const e = refusal(() => departmentFileRates(Array.from({ length: 100_000 }, () => null) as never));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['records', 0]);
  });

  it('still computes the rates of valid records', () => {
    expect(
      departmentFileRates(
        [
          { departmentId: 'sales', onTime: true, complete: false },
          { departmentId: 'sales', onTime: false, complete: false },
        ],
        ['service'],
      ),
    ).toEqual([
      { departmentId: 'sales', files: 2, timelyRate: 0.5, completeRate: 0 },
      { departmentId: 'service', files: 0, timelyRate: null, completeRate: null },
    ]);
  });
});

describe('preset refuses a name that is not a string', () => {
  it('refuses an object name with invalid_input at preset (was Cannot convert object to primitive value)', () => {
    const e = refusal(() => preset(Object.create(null) as string));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['preset']);
    expect(e.message).toContain('dealerFile');
  });

  it('still refuses an unknown string name with unknown_reference and returns a known one', () => {
    expect(refusal(() => preset('nope')).code).toBe('unknown_reference');
    expect(preset('dealerFile').id).toBe('dealer-customer-file-fines');
  });
});

describe('a ratio of a pay deduction is a strict object', () => {
  it('refuses a misspelt key beside numerator and denominator at that key (it was dropped without a word)', () => {
    const text = JSON.stringify(penaltyLedger.preset('sales-office'));
    expect(text).toContain('"denominator":2175');
    const policy = JSON.parse(text.replace('"denominator":2175', '"denominator":2175,"denominatr":2175'));
    const e = refusal(() => penaltyLedger.compile(policy));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual([
      'policy',
      'params',
      'items',
      0,
      'charges',
      0,
      'outcome',
      'parts',
      0,
      'ratio',
      'denominatr',
    ]);
    expect(e.message).toContain(
      'did you mean `policy.params.items[0].charges[0].outcome.parts[0].ratio.denominator`',
    );
    expect(penaltyLedger.compile(JSON.parse(text))).toBeDefined();
  });
});
