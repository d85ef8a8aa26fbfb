// A frequency range's `scopes` (floors, partners … reported even without activity) make a row each in
// every period of the range: 10^5 scopes over a month of daily rows were 3 × 10^6 rows. The list is
// bounded like a policy's lists (at most MAX_FREQUENCY_SCOPES = 1,000 entries), refused with
// `invalid_input` at the list before its entries are parsed: `input.range.scopes` through the module,
// `range.scopes` from frequencyCheck.
import { makeContext, weekdayCalendar } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../../core/test/helpers.js';
import { serviceFrequency } from '../modules.js';
import { s004PropertyPolicy as P } from '../presets/index.js';
import { frequencyCheck, MAX_FREQUENCY_SCOPES } from './frequency.js';

const ctx = makeContext({ now: '2024-05-01T00:00:00+08:00', calendar: weekdayCalendar() });
const preset = serviceFrequency.preset('s004-property');
const floors = (n: number) => Array.from({ length: n }, (_, i) => `F${i + 1}`);
const MESSAGE = '最多 1000 个统计范围 / at most 1,000 scopes in a frequency range';
const range = (scopes: unknown) => ({ from: '2024-03-01', to: '2024-03-31', scopes: scopes as string[] });

describe('frequency range scopes are bounded (service.frequency, corridor cleaning per floor)', () => {
  it('10^5 scopes are refused at input.range.scopes through the module, range.scopes from frequencyCheck', () => {
    expect(MAX_FREQUENCY_SCOPES).toBe(1000);
    const scopes = floors(100_000);
    const input = { key: 'corridorCleaning', activities: [], range: range(scopes) };
    const viaModule = refusal(() => serviceFrequency.evaluate(input, preset, ctx));
    expect([viaModule.code, viaModule.path, viaModule.message]).toEqual([
      'invalid_input',
      ['input', 'range', 'scopes'],
      `${MESSAGE} (at input.range.scopes)`,
    ]);
    const direct = refusal(() => frequencyCheck('corridorCleaning', [], range(scopes), P, ctx));
    expect([direct.code, direct.path, direct.message]).toEqual([
      'invalid_input',
      ['range', 'scopes'],
      `${MESSAGE} (at range.scopes)`,
    ]);
  });

  it('the list is refused before its entries are parsed: 10^5 entries that are not strings give the same refusal', () => {
    const junk = new Array(100_000).fill(42);
    const e = refusal(() =>
      serviceFrequency.evaluate({ key: 'corridorCleaning', activities: [], range: range(junk) }, preset, ctx),
    );
    expect([e.code, e.path, e.message]).toEqual([
      'invalid_input',
      ['input', 'range', 'scopes'],
      `${MESSAGE} (at input.range.scopes)`,
    ]);
  });

  it('1,000 scopes are checked (a row per floor and day), 1,001 are refused; a bad entry of a shorter list keeps its own refusal', () => {
    const rows = serviceFrequency.evaluate(
      {
        key: 'corridorCleaning',
        activities: [{ activity: 'corridorCleaning', at: '2024-03-05T10:00:00+08:00', scopeId: 'F7' }],
        range: { from: '2024-03-04', to: '2024-03-05', scopes: floors(1000) },
      },
      preset,
      ctx,
    ).value.result;
    expect(rows.length).toBe(2000);
    expect(rows.filter((r) => r.count > 0).map((r) => [r.period, r.scope, r.count])).toEqual([
      ['2024-03-05', 'F7', 1],
    ]);
    const over = refusal(() =>
      frequencyCheck(
        'corridorCleaning',
        [],
        { from: '2024-03-04', to: '2024-03-05', scopes: floors(1001) },
        P,
        ctx,
      ),
    );
    expect([over.code, over.path]).toEqual(['invalid_input', ['range', 'scopes']]);
    const bad = refusal(() =>
      serviceFrequency.evaluate(
        { key: 'corridorCleaning', activities: [], range: range([...floors(10), 7]) },
        preset,
        ctx,
      ),
    );
    expect([bad.code, bad.path]).toEqual(['invalid_input', ['input', 'range', 'scopes', 10]]);
  });

  // The activities' scopeIds of a per-scope frequency are rows too (each distinct scope in every period):
  // with range.scopes, at most MAX_FREQUENCY_SCOPES distinct scopes, refused at the activities' list.
  const ACTIVITIES_MESSAGE =
    "最多 1000 个统计范围（range.scopes 与活动的 scopeId 合计） / at most 1,000 distinct scopes in a frequency check (range.scopes and the activities' scopeId together)";
  const cleaning = (scopes: readonly string[], day = '2024-03-05') =>
    scopes.map((scopeId) => ({ activity: 'corridorCleaning', at: `${day}T10:00:00+08:00`, scopeId }));

  it('20,000 distinct activity scopeIds are refused at input.activities through the module, activities from frequencyCheck', () => {
    const activities = cleaning(floors(20_000));
    const viaModule = refusal(() =>
      serviceFrequency.evaluate(
        { key: 'corridorCleaning', activities, range: range(undefined) },
        preset,
        ctx,
      ),
    );
    expect([viaModule.code, viaModule.path, viaModule.message]).toEqual([
      'invalid_input',
      ['input', 'activities'],
      `${ACTIVITIES_MESSAGE} (at input.activities)`,
    ]);
    const direct = refusal(() => frequencyCheck('corridorCleaning', activities, range(undefined), P, ctx));
    expect([direct.code, direct.path, direct.message]).toEqual([
      'invalid_input',
      ['activities'],
      `${ACTIVITIES_MESSAGE} (at activities)`,
    ]);
  });

  it('range.scopes and the activities count together: 1,000 distinct are checked, 1,001 refused; repeated scopes count once', () => {
    // 600 listed floors, 500 cleanings of which 100 on listed floors: 1,000 distinct scopes, each twice.
    const listed = floors(600);
    const extra = Array.from({ length: 400 }, (_, i) => `G${i + 1}`);
    const activities = [...cleaning([...listed.slice(0, 100), ...extra]), ...cleaning(extra, '2024-03-04')];
    const rows = frequencyCheck(
      'corridorCleaning',
      activities,
      { from: '2024-03-04', to: '2024-03-05', scopes: listed },
      P,
      ctx,
    ).value;
    expect(rows.length).toBe(2000);
    expect(rows.filter((r) => r.count > 0).length).toBe(900);
    const over = refusal(() =>
      frequencyCheck(
        'corridorCleaning',
        [...activities, ...cleaning(['H1'])],
        { from: '2024-03-04', to: '2024-03-05', scopes: listed },
        P,
        ctx,
      ),
    );
    expect([over.code, over.path, over.message]).toEqual([
      'invalid_input',
      ['activities'],
      `${ACTIVITIES_MESSAGE} (at activities)`,
    ]);
  });

  it('only counted activities bring scopes: other activities and days outside the range do not', () => {
    const outside = [
      ...cleaning(floors(2000), '2024-02-28'),
      ...floors(2000).map((scopeId) => ({ activity: 'other', at: '2024-03-05T10:00:00+08:00', scopeId })),
    ];
    const rows = frequencyCheck(
      'corridorCleaning',
      [...outside, ...cleaning(['F1'])],
      { from: '2024-03-04', to: '2024-03-05', scopes: floors(1000) },
      P,
      ctx,
    ).value;
    expect(rows.length).toBe(2000);
    expect(rows.filter((r) => r.count > 0).map((r) => [r.period, r.scope, r.count])).toEqual([
      ['2024-03-05', 'F1', 1],
    ]);
  });
});

describe('service.frequency names the activities where its input has them', () => {
  it('an activity refused by the check (no subjectId where distinct subjects count) is at input.activities.<i> through the module', () => {
    const activities = [
      { activity: 'revisit', at: '2024-03-05T10:00:00+08:00', subjectId: 'H-1' },
      { activity: 'revisit', at: '2024-03-06T10:00:00+08:00' },
    ];
    const e = refusal(() =>
      serviceFrequency.evaluate(
        { key: 'householdRevisits', activities, range: { from: '2024-03-01', to: '2024-03-31' } },
        preset,
        ctx,
      ),
    );
    expect([e.code, e.path]).toEqual(['invalid_input', ['input', 'activities', 1, 'subjectId']]);
    const direct = refusal(() =>
      frequencyCheck('householdRevisits', activities, { from: '2024-03-01', to: '2024-03-31' }, P, ctx),
    );
    expect([direct.code, direct.path]).toEqual(['invalid_input', ['activities', 1, 'subjectId']]);
  });
});
