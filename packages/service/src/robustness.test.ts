import { isZhiduError, type ZhiduError } from '@zhidu/core';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodOf } from './followup/frequency.js';
import type { PeriodUnit } from './followup/frequency-schema.js';
import { runChecklist } from './records/checklist.js';
import type { Checklist } from './records/checklist-schema.js';

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

const list: Checklist = {
  rule: 'TEST-01',
  clause: 'art. 1',
  key: 'visit',
  zh: '回访记录',
  en: 'Visit record',
  items: [
    { field: 'mode', zh: '方式', en: 'Mode', oneOf: ['phone', 'visit'] },
    { field: 'contact', zh: '联系方式', en: 'Contact', anyOf: ['phone', 'wechat'] },
  ],
} as Checklist;

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

describe('runChecklist refuses what is not a checklist', () => {
  it('refuses an undefined or null checklist with invalid_input at list (was reading items of undefined)', () => {
    for (const bad of [undefined, null, 5, {}]) {
      const e = refusal(() => runChecklist(bad as never, {}));
      expect(e.code).toBe('invalid_input');
      expect(e.path[0]).toBe('list');
    }
  });

  it('refuses a checklist whose items are not a list, naming the field', () => {
    const e = refusal(() => runChecklist({ ...list, items: 'mode' } as never, {}));
    expect(e.path).toEqual(['list', 'items']);
    const f = refusal(() =>
      runChecklist({ ...list, items: [{ field: 'mode', zh: 'x', en: 'x', when: 3 }] } as never, {}),
    );
    expect(f.path).toEqual(['list', 'items', 0, 'when']);
  });

  it('refuses a record that is not an object at record', () => {
    expect(refusal(() => runChecklist(list, null as never)).path).toEqual(['record']);
  });

  it('counts an object without a prototype as an invalid closed-list value (String() of it threw)', () => {
    const r = runChecklist(list, { mode: Object.create(null), phone: '1' });
    expect(r.value).toEqual({ complete: false, missing: [], invalid: ['mode'] });
  });

  it('still checks a record', () => {
    expect(runChecklist(list, { mode: 'phone', wechat: 'w' }).value.complete).toBe(true);
    expect(runChecklist(list, { mode: 'fax' }).value).toEqual({
      complete: false,
      missing: ['contact'],
      invalid: ['mode'],
    });
  });
});
