import '../test/pii-guard.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodStart } from './cadence.js';
import { recordsCadence } from './modules.js';

const salesOffice = recordsCadence.preset('sales-office');
const manager = { personId: 'u-manager-wang', role: 'salesManager' };
const run = (input: Record<string, unknown>, now = '2024-04-01T09:00:00+08:00') =>
  recordsCadence.evaluate(input as never, salesOffice, { now });

describe('records.cadence: periodic forms (S001-ARCHIVE-04/06/07)', () => {
  it('S001-ARCHIVE-04: a month without its analysis is one missed period, due at the end of its last day', () => {
    const d = run({
      range: { from: '2024-02-01', to: '2024-02-29' },
      fileTypeIds: ['monthlyVisitCallAnalysis'],
      responsible: manager,
    });
    expect(d.value.result.fileTypes[0]?.periods).toEqual([
      { from: '2024-02-01', to: '2024-02-29', produced: 0, status: 'missed' },
    ]);
    expect(d.value.violations.map((v) => [v.code, v.occurredAt, v.role])).toEqual([
      ['records.cadence.missed', '2024-02-29T15:59:59.999Z', 'salesManager'],
    ]);
    expect(d.trace.at(-1)?.message.zh).toBe(
      '月来人来电统计成交状况分析表每月填写：2024-02-01 至 2024-02-29 共 1 期，已填 0 期，缺 1 期',
    );
  });

  it('without fileTypeIds every periodic file type of the policy is judged (seven in sales-office)', () => {
    const d = run(
      { range: { from: '2024-03-04', to: '2024-03-04' }, responsible: manager },
      '2024-03-05T09:00:00+08:00',
    );
    expect(d.value.result.fileTypes.map((t) => [t.fileTypeId, t.cadence])).toEqual([
      ['dailyVisitCallStats', 'daily'],
      ['weeklyVisitCallAnalysis', 'weekly'],
      ['monthlyVisitCallAnalysis', 'monthly'],
      ['dailyPlan', 'daily'],
      ['weeklyPlan', 'weekly'],
      ['weeklySalesAnalysis', 'weekly'],
      ['weeklyBusinessReport', 'weekly'],
    ]);
    // Only the day is over: the week and the month still run.
    expect(d.value.violations.map((v) => v.data?.fileTypeId)).toEqual(['dailyVisitCallStats', 'dailyPlan']);
  });

  it('weeks run Monday to Sunday, half-years January–June and July–December', () => {
    expect(periodStart('weekly', '2024-03-10')).toBe('2024-03-04');
    expect(periodStart('weekly', '2024-03-11')).toBe('2024-03-11');
    expect(periodStart('weekly', '2024-01-01')).toBe('2024-01-01');
    expect(periodStart('weekly', '2023-12-31')).toBe('2023-12-25');
    expect(periodStart('monthly', '2024-02-29')).toBe('2024-02-01');
    expect(periodStart('halfYearly', '2024-06-30')).toBe('2024-01-01');
    expect(periodStart('halfYearly', '2024-07-01')).toBe('2024-07-01');
  });

  it('property: every produced day falls in exactly one period, and produced counts add up', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 59 }), { maxLength: 20 }),
        fc.constantFrom('dailyPlan', 'weeklyPlan', 'monthlyVisitCallAnalysis'),
        (offsets, fileTypeId) => {
          const produced = offsets.map((o) => ({
            fileTypeId,
            period: new Date(Date.parse('2024-03-01T02:00:00Z') + o * 86_400_000).toISOString(),
          }));
          const d = run(
            {
              range: { from: '2024-03-01', to: '2024-04-29' },
              fileTypeIds: [fileTypeId],
              produced,
              responsible: manager,
            },
            '2024-06-01T00:00:00+08:00',
          );
          const t = d.value.result.fileTypes[0];
          expect(t?.periods.reduce((n, p) => n + p.produced, 0)).toBe(offsets.length);
          expect(t?.missed).toBe(t?.periods.filter((p) => p.produced === 0).length);
          expect(d.value.violations).toHaveLength(t?.missed ?? -1);
        },
      ),
      { seed: 13, numRuns: 60 },
    );
  });

  describe('bad input', () => {
    const refused = (input: Record<string, unknown>) => {
      try {
        run(input);
      } catch (e) {
        return e as { code: string; path: (string | number)[]; message: string };
      }
      throw new Error('accepted');
    };
    it('a reversed range', () => {
      const e = refused({ range: { from: '2024-03-10', to: '2024-03-01' }, responsible: manager });
      expect([e.code, e.path]).toEqual(['invalid_input', ['input', 'range', 'to']]);
      expect(e.message).toContain('the range ends (2024-03-01) before it starts (2024-03-10)');
    });
    it('a range over ten years', () => {
      const e = refused({ range: { from: '2000-01-01', to: '2024-01-01' }, responsible: manager });
      expect([e.code, e.path]).toEqual(['invalid_input', ['input', 'range']]);
    });
    it('a file type kept per event', () => {
      const e = refused({
        range: { from: '2024-03-01', to: '2024-03-02' },
        fileTypeIds: ['visitorRegister'],
        responsible: manager,
      });
      expect([e.code, e.path]).toEqual(['invalid_input', ['input', 'fileTypeIds', 0]]);
      expect(e.message).toContain('按事件填写');
    });
    it('an unknown file type, named or produced', () => {
      expect(
        refused({
          range: { from: '2024-03-01', to: '2024-03-02' },
          fileTypeIds: ['dailyPlna'],
          responsible: manager,
        }).code,
      ).toBe('unknown_reference');
      const e = refused({
        range: { from: '2024-03-01', to: '2024-03-02' },
        produced: [{ fileTypeId: 'nope', period: '2024-03-01T10:00:00+08:00' }],
        responsible: manager,
      });
      expect([e.code, e.path]).toEqual(['unknown_reference', ['input', 'produced', 0, 'fileTypeId']]);
    });
    it('a file type named twice (it would be judged twice; a list of 10^5 repeats took a second)', () => {
      const e = refused({
        range: { from: '2024-03-01', to: '2024-03-02' },
        fileTypeIds: ['weeklyPlan', 'dailyPlan', 'weeklyPlan', ...Array(100_000).fill('weeklyPlan')],
        responsible: manager,
      });
      expect([e.code, e.path]).toEqual(['duplicate', ['input', 'fileTypeIds', 2]]);
      expect(e.message).toContain('listed twice');
    });
    it('the graded partner snapshots are records.snapshots, not a cadence', () => {
      const partner = recordsCadence.presetNames.includes('partner-archive');
      expect(partner).toBe(false);
    });
  });
});
