// Through `sla.quota` a refusal names the field in the module's input: a range of more than
// MAX_QUOTA_RANGE_DAYS days is refused at `input.range.to` (it was `range.to`, the path quotaRows gives
// its own argument), like every other input refusal of the module.
import { addDays, makeContext, weekdayCalendar } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { slaQuota } from './modules.js';
import { MAX_QUOTA_RANGE_DAYS } from './quota.js';

// In force from 1900, so that a range from 1950 is judged under it (the preset starts in 2000).
const notices = slaQuota.policy({
  ...slaQuota.preset('property-service-004-notices-before-10th'),
  effectiveFrom: '1900-01-01',
});
const ctx = makeContext({ now: '2024-05-01T00:00:00+08:00', calendar: weekdayCalendar() });
const from = '1950-01-01';
const last = addDays(from, MAX_QUOTA_RANGE_DAYS - 1);

describe('sla.quota refusals at the path of the module input', () => {
  it('refuses a range one day longer than MAX_QUOTA_RANGE_DAYS at input.range.to, for one quota and for all', () => {
    const tooLong = { from, to: addDays(last, 1) };
    for (const input of [
      { quota: 'T4-03', range: tooLong, events: [] },
      { range: tooLong, events: [] },
    ]) {
      const e = refusal(() => slaQuota.evaluate(input, notices, ctx));
      expect([e.code, e.path]).toEqual(['invalid_input', ['input', 'range', 'to']]);
      expect(e.message).toBe(
        `频次统计区间最多 36600 天（约 100 年），1950-01-01 至 ${tooLong.to} 为 36601 天，请分段统计 / a quota range covers at most 36600 days (about 100 years); 1950-01-01 to ${tooLong.to} is 36601 days, split it (at input.range.to)`,
      );
    }
  });

  it('still counts a range of exactly MAX_QUOTA_RANGE_DAYS days, and an empty range (from after to) gives no rows', () => {
    const d = slaQuota.evaluate({ quota: 'T4-03', range: { from, to: last }, events: [] }, notices, ctx);
    const rows = (d.value.result[0]?.rows ?? []) as { period: string }[];
    expect(rows.length).toBe(36_600);
    expect([rows[0]?.period, rows.at(-1)?.period]).toEqual([from, last]);
    const empty = slaQuota.evaluate(
      { quota: 'T4-03', range: { from: '2024-05-02', to: '2024-05-01' }, events: [] },
      notices,
      ctx,
    );
    expect(empty.value.result).toEqual([{ id: 'T4-03', rows: [] }]);
  });

  it('keeps the other input refusals where they were: an unknown quota at input.quota, a malformed date at input.range.to', () => {
    const unknown = refusal(() =>
      slaQuota.evaluate({ quota: 'T4-99', range: { from, to: from }, events: [] }, notices, ctx),
    );
    expect([unknown.code, unknown.path]).toEqual(['unknown_reference', ['input', 'quota']]);
    const malformed = refusal(() =>
      slaQuota.evaluate({ quota: 'T4-03', range: { from, to: '2024-02-30' }, events: [] }, notices, ctx),
    );
    expect([malformed.code, malformed.path]).toEqual(['invalid_date', ['input', 'range', 'to']]);
  });
});
