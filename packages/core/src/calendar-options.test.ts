import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import { defineCalendar } from './calendar.js';

const data = { coverage: { from: '2025-01-01', to: '2025-12-31' } };

describe('defineCalendar options are read strictly', () => {
  it.each([
    ['null', null, ['options']],
    ['years as a string', { years: 'x' }, ['options', 'years']],
    [
      'a year entry of the wrong shape (was dropped)',
      { years: [{ year: 'x', kind: 'data' }] },
      ['options', 'years', 0, 'year'],
    ],
    [
      'a year of an unknown kind (was dropped)',
      { years: [{ year: 2025, kind: 'nope' }] },
      ['options', 'years', 0, 'kind'],
    ],
    [
      'a message that is not a function (threw only when a date beyond the data was asked)',
      { outOfRangeMessage: 'x' },
      ['options', 'outOfRangeMessage'],
    ],
  ])('refuses %s with a ZhiduError at its path, not a TypeError', (_name, options, path) => {
    expect(zhiduError(() => defineCalendar(data, options as never))).toMatchObject({
      code: 'invalid_input',
      path,
    });
  });

  it('keeps the years it is given and uses the message beyond the data', () => {
    const cal = defineCalendar(data, {
      years: [{ year: 2025, kind: 'data', source: 'notice 2024-11', published: '2024-11-12' }],
      outOfRangeMessage: (d) => `no data for ${d}`,
    });
    expect(cal.basis?.('2025-03-01', '2025-03-31')).toEqual([
      { year: 2025, kind: 'data', source: 'notice 2024-11', published: '2024-11-12' },
    ]);
    expect(zhiduError(() => cal.isWorkday('2026-01-05'))).toMatchObject({
      code: 'calendar_out_of_range',
      message: 'no data for 2026-01-05 (at date)',
    });
  });

  it('names a workday count that is no number without throwing a TypeError while building the message', () => {
    const cal = defineCalendar(data);
    expect(zhiduError(() => cal.addWorkdays('2025-03-03', Symbol('n') as never)).message).toContain(
      'got a symbol',
    );
    expect(zhiduError(() => cal.addWorkdays('2025-03-03', Object.create(null) as never)).message).toContain(
      'got an object',
    );
    expect(
      zhiduError(() => cal.addBusinessTime('2025-03-03T09:00:00+08:00', Symbol('m') as never)),
    ).toMatchObject({
      code: 'invalid_duration',
      path: ['minutes'],
    });
  });
});
