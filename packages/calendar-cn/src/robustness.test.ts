// Regressions found by `pnpm fuzz` (issue 12): calendar-cn refuses bad arguments with a ZhiduError.
import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { chinaCalendar, provisionalHolidays, yearSchedule } from './index.js';

function refusal(f: () => unknown): { code: string; path: (string | number)[] } {
  try {
    f();
  } catch (e) {
    if (e instanceof ZhiduError) return { code: e.code, path: e.path };
    throw new Error(`expected a ZhiduError, got ${e instanceof Error ? e.constructor.name : typeof e}`);
  }
  throw new Error('expected a refusal');
}

describe('calendar-cn refuses bad arguments (fuzz regressions)', () => {
  it('yearSchedule(Object.create(null)) → invalid_input at year, not "Cannot convert object to primitive value"', () => {
    expect(refusal(() => yearSchedule(Object.create(null)))).toEqual({
      code: 'invalid_input',
      path: ['year'],
    });
  });

  it('provisionalHolidays({}) → invalid_input at year; chinaCalendar(null) → invalid_input at options', () => {
    expect(refusal(() => provisionalHolidays({} as never))).toEqual({
      code: 'invalid_input',
      path: ['year'],
    });
    expect(refusal(() => chinaCalendar(null as never))).toEqual({ code: 'invalid_input', path: ['options'] });
  });

  it('valid calls still work: 2025 has the provisional Spring Festival', () => {
    expect(Object.keys(provisionalHolidays(2025)).length).toBeGreaterThan(0);
    expect(chinaCalendar().isWorkday('2024-10-01')).toBe(false);
  });
});
