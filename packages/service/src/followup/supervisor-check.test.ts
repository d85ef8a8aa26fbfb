import { addDays, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceSales } from '../modules.js';
import { defineServicePolicy, type ServicePolicy } from '../policy.js';
import { s001SalesOfficePolicy } from '../presets/index.js';
import { supervisorCheckDue } from './sales.js';

function every(days: unknown): ServicePolicy {
  const p = s001SalesOfficePolicy;
  return defineServicePolicy({
    ...p,
    params: { ...p.params, sales: { ...p.params.sales, supervisorCheckPeriodDays: days } },
  });
}

describe('S001-FOLLOW-02: the sales supervisor’s periodic check of the tracking forms', () => {
  it('S001-FOLLOW-02: every 7 days, last check 1 March → due 8 March; across a month end 29 Feb 2024 → 7 March', () => {
    expect(supervisorCheckDue('2024-03-01', every(7)).value).toBe('2024-03-08');
    expect(supervisorCheckDue('2024-02-29', every(7)).value).toBe('2024-03-07');
    expect(supervisorCheckDue('2024-03-01', every(30)).value).toBe('2024-03-31');
    const d = supervisorCheckDue('2024-03-01', every(7));
    expect(d.trace[0]?.rule).toBe('S001-FOLLOW-02');
    expect(d.trace[0]?.message.en).toBe(
      'The supervisor checks the tracking forms every 7 days: last 2024-03-01, next due 2024-03-08',
    );
  });

  it('S001-FOLLOW-02: the bundled preset states no period (the seed says 定期 only) — no due date', () => {
    expect(s001SalesOfficePolicy.params.sales?.supervisorCheckPeriodDays).toBeNull();
    expect(supervisorCheckDue('2024-03-01', s001SalesOfficePolicy).value).toBeNull();
  });

  it('S001-FOLLOW-02: the module answers what the function answers (service.sales op supervisorCheckDue)', () => {
    const d = serviceSales.evaluate({ op: 'supervisorCheckDue', lastCheck: '2024-03-01' }, every(14), {
      now: '2024-03-02T00:00:00+08:00',
    });
    expect(d.value.result).toBe('2024-03-15');
  });

  it('S001-FOLLOW-02: due is the last check plus the period (property, seeded)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 366 }),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        (days, date) => {
          const last = date.toISOString().slice(0, 10);
          expect(supervisorCheckDue(last, every(days)).value).toBe(addDays(last, days));
        },
      ),
      { seed: 13, numRuns: 100 },
    );
  });

  it('S001-FOLLOW-02: refuses a bad period in the policy and a bad last-check date, naming the field', () => {
    for (const bad of [0, -7, 1.5, '7', 367]) {
      try {
        every(bad);
        expect.unreachable(`accepted ${String(bad)}`);
      } catch (e) {
        expect(e).toBeInstanceOf(ZhiduError);
        expect((e as ZhiduError).path.slice(-2)).toEqual(['sales', 'supervisorCheckPeriodDays']);
      }
    }
    for (const bad of ['2024-02-30', '1 March', 20240301, null]) {
      try {
        supervisorCheckDue(bad as string, every(7));
        expect.unreachable(`accepted ${String(bad)}`);
      } catch (e) {
        expect(e).toBeInstanceOf(ZhiduError);
        expect((e as ZhiduError).path).toEqual(['lastCheck']);
      }
    }
  });
});
