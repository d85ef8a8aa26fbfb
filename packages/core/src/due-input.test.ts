import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import { defineCalendar } from './calendar.js';
import { citationHref } from './citation-href.js';
import { Trace } from './decision.js';
import { calendarBasisTrace, deadline, dueByDateAlone, isLate, lateness } from './duration.js';
import { formatMoney } from './money.js';
import { formatInstant } from './render.js';
import { startOfLocalDay } from './time.js';

const X = '2025-03-12T10:00:00.000Z';
const hourLater = '2025-03-12T11:00:00.000Z';

describe('a due given by hand is read as written, or refused', () => {
  it('reads a due without `inclusive` as inclusive (the spec’s default): done on the instant is on time', () => {
    // It was read as exclusive: done exactly at the due instant counted late by one minute.
    expect(isLate({ at: X } as never, X)).toBe(false);
    expect(lateness({ at: X } as never, X, { unit: 'minutes' })).toEqual({
      late: false,
      units: 0,
      unit: 'minutes',
      ms: 0,
    });
    expect(lateness({ at: X, inclusive: false }, X, { unit: 'minutes' })).toEqual({
      late: true,
      units: 1,
      unit: 'minutes',
      ms: 0,
    });
  });

  it('refuses an `inclusive` that is not a boolean (the string "false" was read as inclusive)', () => {
    const e = zhiduError(() => isLate({ at: X, inclusive: 'false' } as never, X));
    expect(e).toMatchObject({ code: 'invalid_input', path: ['due', 'inclusive'] });
    expect(e.message).toContain('inclusive 须为 true 或 false');
    expect(zhiduError(() => lateness({ at: X, inclusive: 1 } as never, X, { unit: 'hours' }))).toMatchObject({
      code: 'invalid_input',
      path: ['due', 'inclusive'],
    });
  });

  it('refuses an array as a due (its `at` was Array.prototype.at, "got function")', () => {
    const e = zhiduError(() => isLate([] as never, X));
    expect(e).toMatchObject({ code: 'invalid_instant', path: ['due'] });
    expect(e.message).toContain('got an array');
  });
});

describe('a lateness spec is refused at the field that is wrong', () => {
  it('names the rounding, not the unit, when only the rounding is wrong', () => {
    const e = zhiduError(() => lateness(X, hourLater, { unit: 'hours', rounding: 'round' } as never));
    expect(e).toMatchObject({ code: 'invalid_duration', path: ['spec', 'rounding'] });
    expect(e.message).toContain('rounding is ceil or floor, got "round"');
    expect(e.message).toContain('取整方式须为 ceil 或 floor');
  });

  it('names an unknown unit with the units there are', () => {
    const e = zhiduError(() => lateness(X, hourLater, { unit: 'hourz' } as never));
    expect(e).toMatchObject({ code: 'invalid_duration', path: ['spec', 'unit'] });
    expect(e.message).toContain('unknown lateness unit "hourz" (one of minutes, hours, blocks24h');
  });

  it.each([
    ['a bigint', 10n, '10n'],
    ['a bare unit name', 'hours', '"hours"'],
  ])(
    'refuses %s as the spec with a ZhiduError (a bigint threw a TypeError while the message was built)',
    (_n, spec, shown) => {
      const e = zhiduError(() => lateness(X, hourLater, spec as never));
      expect(e).toMatchObject({ code: 'invalid_duration', path: ['spec'] });
      expect(e.message).toContain(`got ${shown}`);
    },
  );

  it('still counts a valid spec', () => {
    expect(lateness(X, hourLater, { unit: 'minutes', rounding: 'floor' }).units).toBe(60);
  });
});

describe('refusals name what the caller gave', () => {
  it('refuses business time longer than the calendar adds at the spec’s amount, in the spec’s unit (was at the calendar’s own minutes)', () => {
    const hours = zhiduError(() => deadline(X, { unit: 'workingHours', amount: 200_000 }));
    expect(hours).toMatchObject({ code: 'invalid_duration', path: ['spec', 'amount'] });
    expect(hours.message).toContain('at most 166666 business hours');
    const minutes = zhiduError(() => deadline(X, { unit: 'workingMinutes', amount: 20_000_000 }));
    expect(minutes).toMatchObject({ code: 'invalid_duration', path: ['spec', 'amount'] });
    expect(minutes.message).toContain('at most 10000000 business minutes');
    // 8 business hours from 09:00 on a Monday (lunch 12–13) end at 18:00.
    expect(deadline('2025-03-03T09:00:00+08:00', { unit: 'workingHours', amount: 8 }).at).toBe(
      '2025-03-03T10:00:00.000Z',
    );
  });

  it('names a local date outside the years 1000–9999 in UTC as a date in its zone, not as an instant', () => {
    const e = zhiduError(() => startOfLocalDay('1000-01-01', 'Asia/Shanghai'));
    expect(e).toMatchObject({ code: 'invalid_instant', path: [0] });
    expect(e.message).toContain(
      'the local date "1000-01-01" in Asia/Shanghai is outside the years 1000–9999 in UTC',
    );
    expect(e.message).toContain('Asia/Shanghai 的本地日期 "1000-01-01" 的时刻');
    expect(startOfLocalDay('1000-01-02', 'Asia/Shanghai')).toBe('1000-01-01T15:54:17.000Z'); // local mean time, +08:05:43
  });
});

describe('display options are read strictly', () => {
  it('formatInstant refuses a misspelt zone key (it showed Beijing time), and formats with the right one', () => {
    const e = zhiduError(() => formatInstant('2025-01-01T00:00:00Z', { zon: 'UTC' } as never));
    expect(e).toMatchObject({ code: 'unknown_key', path: ['options', 'zon'] });
    expect(e.message).toContain('did you mean `zone`');
    expect(formatInstant('2025-01-01T00:00:00Z', { zone: 'UTC', lang: 'en' })).toBe('2025-01-01 00:00 (UTC)');
  });

  it('citationHref refuses a misspelt lang key (it linked the Chinese page)', () => {
    expect(zhiduError(() => citationHref('S000-CORE-01', { lnag: 'en' } as never))).toMatchObject({
      code: 'unknown_key',
      path: ['options', 'lnag'],
    });
    expect(citationHref('S000-CORE-01', { lang: 'en' })).toBe('docs/catalog.md#s000-core-01');
  });
});

describe('formatting and tracing options are read strictly', () => {
  it('formatMoney refuses options that are not an object and a symbol that is not a string (a bare TypeError, "null", "[object Object]")', () => {
    expect(zhiduError(() => formatMoney(12345, null as never))).toMatchObject({
      code: 'invalid_input',
      path: ['options'],
    });
    expect(zhiduError(() => formatMoney(12345, [] as never))).toMatchObject({
      code: 'invalid_input',
      path: ['options'],
    });
    expect(zhiduError(() => formatMoney(12345, { symbol: null } as never))).toMatchObject({
      code: 'invalid_input',
      path: ['options', 'symbol'],
    });
    expect(zhiduError(() => formatMoney(12345, { symbol: {} } as never))).toMatchObject({
      code: 'invalid_input',
      path: ['options', 'symbol'],
    });
    expect(formatMoney(12345, { symbol: '' })).toBe('123.45');
    expect(formatMoney(12345, { symbol: undefined })).toBe('¥123.45');
  });

  it('formatMoney refuses a misspelt symbol key (it printed ¥), and prints with the right one', () => {
    expect(zhiduError(() => formatMoney(12345, { symbl: 'CNY ' } as never))).toMatchObject({
      code: 'unknown_key',
      path: ['options', 'symbl'],
    });
    expect(formatMoney(123456, { symbol: 'CNY ' })).toBe('CNY 1,234.56');
  });

  it('calendarBasisTrace refuses a misspelt or unknown `when` (it traced every year)', () => {
    const cal = defineCalendar({ coverage: { from: '2025-01-01', to: '2025-12-31' } });
    expect(
      zhiduError(() =>
        calendarBasisTrace(new Trace(), cal, '2025-01-01', '2025-02-01', { whn: 'notable' } as never),
      ),
    ).toMatchObject({ code: 'unknown_key', path: ['options', 'whn'] });
    expect(
      zhiduError(() =>
        calendarBasisTrace(new Trace(), cal, '2025-01-01', '2025-02-01', { when: 'sometimes' } as never),
      ),
    ).toMatchObject({ code: 'invalid_input', path: ['options', 'when'] });
    // Data years only: with `notable` nothing is traced.
    const trace = new Trace();
    expect(calendarBasisTrace(trace, cal, '2025-01-01', '2025-02-01', { when: 'notable' })).toEqual([
      { year: 2025, kind: 'data' },
    ]);
    expect(trace.entries).toEqual([]);
  });
});

describe('dueByDateAlone', () => {
  it('says which specs a caller may compute once per date, and refuses a spec that is no object', () => {
    expect(dueByDateAlone({ unit: 'workingDays', amount: 3 })).toBe(true);
    expect(dueByDateAlone({ unit: 'workingDays', amount: 3, at: 'sameTime' })).toBe(false);
    expect(dueByDateAlone({ unit: 'endOfWork' })).toBe(false);
    expect(dueByDateAlone({ unit: 'endOfWork', workdaysAhead: 1 })).toBe(true);
    expect(dueByDateAlone({ unit: 'hours', amount: 2 })).toBe(false);
    for (const bad of [undefined, null, 'workingDays', []])
      expect(zhiduError(() => dueByDateAlone(bad as never))).toMatchObject({
        code: 'invalid_duration',
        path: ['spec'],
      });
  });
});
