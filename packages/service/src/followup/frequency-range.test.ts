// Frequency ranges (fuzz finding): `service.frequency` over 2024-03-01 … 9999-04-30 cost about 0.9 s
// CPU: it built ~95,000 monthly rows and validated the date of every period again. As for `sla.quota`,
// a range of more than MAX_FREQUENCY_RANGE_DAYS days (about 100 years) is refused with
// `invalid_input` at `input.range.to` (`range.to` from frequencyCheck), and the walk labels its periods without validating them again. A
// range ending in the year 9999 stepped past 9999-12-31 and was refused with `invalid_date` at `[1]`
// (a path naming nothing of the input): it is now counted.
import { addDays, makeContext, weekdayCalendar } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../../core/test/helpers.js';
import { serviceFrequency } from '../modules.js';
import { s000PropertyCentrePolicy as PC } from '../presets/index.js';
import { frequencyCheck, MAX_FREQUENCY_RANGE_DAYS, periodOf } from './frequency.js';

const ctx = makeContext({ now: '2024-05-01T00:00:00+08:00', calendar: weekdayCalendar() });
const preset = serviceFrequency.preset('s000-property-centre');
const patrol = PC.params.frequencies?.[0];
if (!patrol) throw new Error('s000-property-centre has no frequency');
/** The daily patrol of the preset counted per week instead. */
const weekly = {
  ...PC,
  params: {
    frequencies: [
      { ...patrol, key: 'weeklyPatrol', period: 'week' as const, zh: '每周巡视', en: 'weekly patrol' },
    ],
  },
};
const check = (key: string, from: string, to: string) =>
  serviceFrequency.evaluate({ key, activities: [], range: { from, to } }, preset, ctx).value.result;

describe('frequency ranges (service.frequency over 2024-03-01 … 9999-04-30)', () => {
  it('S000-FOLLOWUP-02: the fuzz case, disinfection over 2024-03-01 … 9999-04-30, is refused at input.range.to through the module (range.to from frequencyCheck)', () => {
    const input = { key: 'disinfection', activities: [], range: { from: '2024-03-01', to: '9999-04-30' } };
    const viaModule = refusal(() => serviceFrequency.evaluate(input, preset, ctx));
    // Through the module at the input's path (as the input schema's own range refusals).
    expect([viaModule.code, viaModule.path]).toEqual(['invalid_input', ['input', 'range', 'to']]);
    expect(viaModule.message).toMatch(/split it \(at input\.range\.to\)$/);
    expect(viaModule.message).toContain(
      '频次检查区间最多 36600 天（约 100 年），2024-03-01 至 9999-04-30 为 2912869 天，请分段检查 / a frequency range covers at most 36600 days (about 100 years); 2024-03-01 to 9999-04-30 is 2912869 days, split it',
    );
    const direct = refusal(() => frequencyCheck('disinfection', [], input.range, PC, ctx));
    expect([direct.code, direct.path, direct.message]).toEqual([
      viaModule.code,
      ['range', 'to'],
      viaModule.message.replace('(at input.range.to)', '(at range.to)'),
    ]);
  });

  it('S000-FOLLOWUP-02: MAX_FREQUENCY_RANGE_DAYS — a range of exactly 36,600 days is checked (daily and monthly rows), one day more is refused for every period unit', () => {
    expect(MAX_FREQUENCY_RANGE_DAYS).toBe(36_600);
    const from = '1950-01-01';
    const to = addDays(from, MAX_FREQUENCY_RANGE_DAYS - 1);
    const days = check('dailyPatrol', from, to);
    expect(days.length).toBe(36_600);
    expect([days[0]?.period, days.at(-1)?.period, days.at(-1)?.status]).toEqual(['1950-01-01', to, 'notMet']);
    const months = check('disinfection', from, to);
    expect(months.length).toBe(1203);
    expect([months[0]?.period, months.at(-1)?.period]).toEqual(['1950-01', to.slice(0, 7)]);
    expect(check('tankCleaning', from, to).length).toBe(101);
    for (const key of ['dailyPatrol', 'disinfection', 'feeDisclosure', 'tankCleaning', 'opinionSurvey']) {
      const bad = refusal(() => check(key, from, addDays(to, 1)));
      expect([bad.code, bad.path]).toEqual(['invalid_input', ['input', 'range', 'to']]);
      expect(bad.message).toContain(`${from} 至 ${addDays(to, 1)} 为 36601 天`);
    }
  });

  it('the bound is checked after the range itself: a bad date or a range ending before it starts keeps its own refusal', () => {
    const late = refusal(() => check('disinfection', '2024-03-01', '2024-02-30'));
    // The module's input schema refuses these first (its paths start at `input`).
    expect([late.code, late.path]).toEqual(['invalid_date', ['input', 'range', 'to']]);
    const backwards = refusal(() => check('disinfection', '2024-03-01', '2024-02-01'));
    expect([backwards.code, backwards.path]).toEqual(['invalid_input', ['input', 'range', 'to']]);
    expect(backwards.message).toContain('from must not be after to');
  });

  it('S000-FOLLOWUP-02: a range ending in 9999 is checked to its last period (was invalid_date at [1] once the walk stepped past 9999-12-31)', () => {
    expect(check('dailyPatrol', '9999-12-30', '9999-12-31').map((r) => r.period)).toEqual([
      '9999-12-30',
      '9999-12-31',
    ]);
    expect(check('disinfection', '9999-11-30', '9999-12-31').map((r) => r.period)).toEqual([
      '9999-11',
      '9999-12',
    ]);
    expect(check('feeDisclosure', '9999-01-01', '9999-12-31').map((r) => r.period)).toEqual([
      '9999-Q1',
      '9999-Q2',
      '9999-Q3',
      '9999-Q4',
    ]);
    expect(check('tankCleaning', '9998-06-01', '9999-12-31').map((r) => [r.period, r.status])).toEqual([
      ['9998', 'notMet'],
      ['9999', 'notMet'],
    ]);
    // A weekly row whose next week would start in the year 10000.
    const weeks = serviceFrequency.evaluate(
      { key: 'weeklyPatrol', activities: [], range: { from: '9999-12-20', to: '9999-12-31' } },
      weekly,
      ctx,
    ).value.result;
    expect(weeks.map((r) => r.period)).toEqual(['9999-12-20', '9999-12-27']);
  });

  it('a week starting before the year 1000 is refused at input.range.from / date with invalid_input (was invalid_date at [1]); the next week is counted', () => {
    const run = (from: string, to: string) =>
      serviceFrequency.evaluate({ key: 'weeklyPatrol', activities: [], range: { from, to } }, weekly, ctx)
        .value.result;
    const e = refusal(() => run('1000-01-05', '1000-01-20'));
    expect([e.code, e.path, e.message]).toEqual([
      'invalid_input',
      ['input', 'range', 'from'],
      '1000-01-05 所在的周始于 1000 年之前，无法按周统计 / the week of 1000-01-05 starts before the year 1000 and cannot be counted by week (at input.range.from)',
    ]);
    expect(run('1000-01-06', '1000-01-20').map((r) => r.period)).toEqual([
      '1000-01-06',
      '1000-01-13',
      '1000-01-20',
    ]);
    const p = refusal(() => periodOf('1000-01-01', 'week'));
    expect([p.code, p.path]).toEqual(['invalid_input', ['date']]);
    expect(periodOf('1000-01-06', 'week')).toBe('1000-01-06');
    // Other units are not concerned.
    expect(periodOf('1000-01-01', 'month')).toBe('1000-01');
  });

  it('S000-FOLLOWUP-02: activities still count in a long range (one disinfection a year over 99 years)', () => {
    const activities = Array.from({ length: 99 }, (_, i) => ({
      activity: 'disinfection',
      at: `${1950 + i}-06-15T10:00:00+08:00`,
    }));
    const rows = serviceFrequency.evaluate(
      { key: 'disinfection', activities, range: { from: '1950-01-01', to: '2048-12-31' } },
      // In force from 1950 (the preset starts in 2000, after the first activity it is judged at).
      serviceFrequency.policy({ ...preset, effectiveFrom: '1950-01-01' }),
      ctx,
    ).value.result;
    expect(rows.length).toBe(99 * 12);
    expect(rows.filter((r) => r.count === 1).map((r) => r.period)).toEqual(
      Array.from({ length: 99 }, (_, i) => `${1950 + i}-06`),
    );
    expect(rows.every((r) => r.status === 'notMet')).toBe(true);
  });
});
