// A frequency check makes one row per period and scope. The range (at most 36,600 days) and the
// scopes (at most 1,000) were bounded each on its own, so a daily per-scope check over 100 years could
// still make 36.6 million rows. Their product is bounded too: at most MAX_FREQUENCY_ROWS = 100,000
// rows, refused before any row is made with `invalid_input` at `input.range.to` through the module
// (`range.to` from frequencyCheck), the message naming the periods and scopes it counted.
import { addDays, makeContext, weekdayCalendar } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../../core/test/helpers.js';
import { serviceFrequency } from '../modules.js';
import { s004PropertyPolicy as P } from '../presets/index.js';
import { frequencyCheck, MAX_FREQUENCY_ROWS } from './frequency.js';
import type { PeriodUnit } from './frequency-schema.js';

const ctx = makeContext({ now: '2024-05-01T00:00:00+08:00', calendar: weekdayCalendar() });
const preset = serviceFrequency.preset('s004-property');
const floors = (n: number) => Array.from({ length: n }, (_, i) => `F${i + 1}`);
const cleaning = P.params.frequencies?.find((f) => f.key === 'corridorCleaning');
if (!cleaning?.perScope) throw new Error('s004-property has no per-floor corridor cleaning');
/** The per-floor corridor cleaning of the preset counted per `unit`. */
const perUnit = (period: PeriodUnit) => ({
  ...P,
  params: { frequencies: [{ ...cleaning, key: 'perFloor', period }] },
});

describe('a frequency check makes at most MAX_FREQUENCY_ROWS rows (periods × scopes)', () => {
  it('1,000 floors over 100 days (100,000 rows) are checked; 101 days are refused at input.range.to (range.to from frequencyCheck)', () => {
    expect(MAX_FREQUENCY_ROWS).toBe(100_000);
    const from = '2024-01-01';
    const to = addDays(from, 99);
    const rows = serviceFrequency.evaluate(
      {
        key: 'corridorCleaning',
        activities: [{ activity: 'corridorCleaning', at: '2024-02-05T10:00:00+08:00', scopeId: 'F7' }],
        range: { from, to, scopes: floors(1000) },
      },
      preset,
      ctx,
    ).value.result;
    expect(rows.length).toBe(100_000);
    expect(rows.filter((r) => r.count > 0).map((r) => [r.period, r.scope, r.count])).toEqual([
      ['2024-02-05', 'F7', 1],
    ]);

    const over = { from, to: addDays(to, 1), scopes: floors(1000) };
    const message =
      '频次检查最多 100000 行（期间数 × 统计范围数），2024-01-01 至 2024-04-10 为 101 个期间 × 1000 个统计范围 = 101000 行，请分段检查 / a frequency check makes at most 100,000 rows (periods × scopes); 2024-01-01 to 2024-04-10 is 101 periods × 1,000 scopes = 101,000 rows, split the range';
    const viaModule = refusal(() =>
      serviceFrequency.evaluate({ key: 'corridorCleaning', activities: [], range: over }, preset, ctx),
    );
    expect([viaModule.code, viaModule.path, viaModule.message]).toEqual([
      'invalid_input',
      ['input', 'range', 'to'],
      `${message} (at input.range.to)`,
    ]);
    const direct = refusal(() => frequencyCheck('corridorCleaning', [], over, P, ctx));
    expect([direct.code, direct.path, direct.message]).toEqual([
      'invalid_input',
      ['range', 'to'],
      `${message} (at range.to)`,
    ]);
  });

  it('the scopes the activities bring count as the listed ones: 999 listed and one counted over 100 days are checked, one more day is refused', () => {
    const from = '2024-01-01';
    const activities = [{ activity: 'corridorCleaning', at: '2024-01-02T10:00:00+08:00', scopeId: 'X' }];
    const ok = frequencyCheck(
      'corridorCleaning',
      activities,
      { from, to: addDays(from, 99), scopes: floors(999) },
      P,
      ctx,
    ).value;
    expect(ok.length).toBe(100_000);
    const e = refusal(() =>
      frequencyCheck(
        'corridorCleaning',
        activities,
        { from, to: addDays(from, 100), scopes: floors(999) },
        P,
        ctx,
      ),
    );
    expect([e.code, e.path]).toEqual(['invalid_input', ['range', 'to']]);
    expect(e.message).toContain('101 periods × 1,000 scopes = 101,000 rows');
    // An activity outside the range brings no scope: 999 floors over 101 days are 100,899 rows, refused as such.
    const outside = [{ activity: 'corridorCleaning', at: '2023-12-31T10:00:00+08:00', scopeId: 'X' }];
    const e2 = refusal(() =>
      frequencyCheck(
        'corridorCleaning',
        outside,
        { from, to: addDays(from, 100), scopes: floors(999) },
        P,
        ctx,
      ),
    );
    expect(e2.message).toContain('101 periods × 999 scopes = 100,899 rows');
  });

  it('a single-scope range of 36,600 days (the range bound) stays within the rows bound', () => {
    const rows = frequencyCheck(
      'corridorCleaning',
      [],
      { from: '1950-01-01', to: addDays('1950-01-01', 36_599), scopes: ['F1'] },
      P,
      ctx,
    ).value;
    expect(rows.length).toBe(36_600);
  });

  it('for every period unit, the periods the refusal counts are the rows a single scope gets (seeded)', () => {
    const units: PeriodUnit[] = ['day', 'week', 'month', 'quarter', 'halfYear', 'year'];
    fc.assert(
      fc.property(
        fc.constantFrom(...units),
        fc.integer({ min: 0, max: 200 * 365 }),
        fc.integer({ min: 0, max: 36_599 }),
        (unit, start, length) => {
          const from = addDays('1900-01-01', start);
          const to = addDays(from, length);
          const policy = perUnit(unit);
          const periods = frequencyCheck('perFloor', [], { from, to, scopes: ['F1'] }, policy, ctx).value
            .length;
          const scopes = Math.floor(MAX_FREQUENCY_ROWS / periods) + 1;
          if (scopes > 1000) return;
          const e = refusal(() =>
            frequencyCheck('perFloor', [], { from, to, scopes: floors(scopes) }, policy, ctx),
          );
          expect([e.code, e.path]).toEqual(['invalid_input', ['range', 'to']]);
          expect(e.message).toContain(
            ` periods × ${scopes.toLocaleString('en')} scopes = ${(periods * scopes).toLocaleString('en')} rows`,
          );
          expect(e.message).toContain(`is ${periods.toLocaleString('en')} periods`);
          // One scope fewer fits: the bound is the product, not either factor.
          expect((scopes - 1) * periods).toBeLessThanOrEqual(MAX_FREQUENCY_ROWS);
        },
      ),
      { seed: 2171, numRuns: 80 },
    );
  });

  it('at the ends of the accepted dates (from 1000-01-01, to 9999-12-31), every unit over ranges of 100 periods or more: the refusal counts the single-scope rows (seeded)', () => {
    // The property above rarely reaches 100 yearly periods (a range of 99 years or more), the least
    // the bound can refuse with 1,000 scopes: here each unit's range is long enough that it can.
    const shortest: Record<PeriodUnit, number> = {
      day: 99,
      week: 700,
      month: 3_040,
      quarter: 9_100,
      halfYear: 18_200,
      year: 36_160,
    };
    const units = Object.keys(shortest) as PeriodUnit[];
    let checked = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...units),
        fc.boolean(),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 36_599 }),
        (unit, atEnd, shift, spread) => {
          const length = shortest[unit] + (spread % (36_600 - shortest[unit]));
          const from = atEnd ? addDays('9999-12-31', -length - shift) : addDays('1000-01-01', shift);
          const to = addDays(from, length);
          if (to > '9999-12-31') return;
          const policy = perUnit(unit);
          const one = { from, to, scopes: ['F1'] };
          if (unit === 'week' && from < '1000-01-07') return;
          const periods = frequencyCheck('perFloor', [], one, policy, ctx).value.length;
          const scopes = Math.floor(MAX_FREQUENCY_ROWS / periods) + 1;
          if (scopes > 1000) return;
          checked++;
          const e = refusal(() =>
            frequencyCheck('perFloor', [], { from, to, scopes: floors(scopes) }, policy, ctx),
          );
          expect([e.code, e.path]).toEqual(['invalid_input', ['range', 'to']]);
          expect(e.message).toContain(
            `is ${periods.toLocaleString('en')} periods × ${scopes.toLocaleString('en')} scopes = ${(periods * scopes).toLocaleString('en')} rows`,
          );
          // One scope fewer is checked, not refused.
          expect(
            frequencyCheck('perFloor', [], { from, to, scopes: floors(scopes - 1) }, policy, ctx).value
              .length,
          ).toBe(periods * (scopes - 1));
        },
      ),
      { seed: 2181, numRuns: 40 },
    );
    expect(checked).toBeGreaterThan(25);
  });
});
