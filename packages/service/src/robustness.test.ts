import { isZhiduError, type ZhiduError } from '@zhidu/core';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodOf } from './followup/frequency.js';
import type { PeriodUnit } from './followup/frequency-schema.js';
import { meetsPercent, requiredCount } from './shared.js';

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

describe('periodOf refuses what is not a date and a period unit', () => {
  it('refuses a date that is not a string with a ZhiduError at date (was date.slice is not a function)', () => {
    for (const bad of [undefined, null, 20240305, {}, []]) {
      const e = refusal(() => periodOf(bad as never, 'month'));
      expect(e.path).toEqual(['date']);
    }
  });

  it('refuses a string that is not a real date at date', () => {
    for (const bad of ['2024-02-30', 'x', '']) {
      expect(refusal(() => periodOf(bad, 'week')).path).toEqual(['date']);
    }
  });

  it('refuses an unknown unit at unit (was an undefined label)', () => {
    const e = refusal(() => periodOf('2024-03-05', 'fortnight' as PeriodUnit));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['unit']);
  });

  it('still labels every unit', () => {
    expect(
      (['day', 'week', 'month', 'quarter', 'halfYear', 'year'] as const).map((u) =>
        periodOf('2024-08-15', u),
      ),
    ).toEqual(['2024-08-15', '2024-08-12', '2024-08', '2024-Q3', '2024-H2', '2024']);
  });

  it('any JSON arguments give a label or a ZhiduError (seeded property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (date, unit) => {
        try {
          return typeof periodOf(date as never, unit as never) === 'string';
        } catch (e) {
          return isZhiduError(e);
        }
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('requiredCount and meetsPercent refuse what is not a count or a percentage', () => {
  it('refuses an object total or percent with invalid_input naming it (was Cannot convert object to primitive value)', () => {
    expect(refusal(() => requiredCount(Object.create(null), 50)).path).toEqual(['total']);
    expect(refusal(() => requiredCount(10, {} as never)).path).toEqual(['percent']);
    expect(refusal(() => meetsPercent(Object.create(null), 10, 50)).path).toEqual(['done']);
    expect(refusal(() => meetsPercent(1, Object.create(null), 50)).path).toEqual(['total']);
  });

  it('refuses NaN, negative, infinite counts and a percentage over 100', () => {
    for (const [call, at] of [
      [() => requiredCount(Number.NaN, 50), 'total'],
      [() => requiredCount(-1, 50), 'total'],
      [() => requiredCount(Number.POSITIVE_INFINITY, 50), 'total'],
      [() => requiredCount(10, 101), 'percent'],
      [() => meetsPercent(-1, 10, 50), 'done'],
      [() => meetsPercent('3' as never, 10, 50), 'done'],
    ] as const) {
      const e = refusal(call);
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual([at]);
    }
  });

  it('still rounds the required count up and meets a zero base', () => {
    expect(requiredCount(437, 90)).toBe(394);
    expect(meetsPercent(4, 9, 50)).toBe(false);
    expect(meetsPercent(0, 0, 50)).toBe(true);
  });
});
