// S002-REVISIT-06 (抽取20%的业主进行抽查回访,完成率不低于90%): a sample given smaller than the rule draws
// was measured over itself, so 1 owner of 100, followed up, met the rule. It is measured against the
// 20 the rule draws: 1 of 18 needed, the rate is below target.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { describe, expect, it } from 'vitest';
import { serviceSampling } from '../modules.js';

const population = Array.from({ length: 100 }, (_, i) => ({
  id: `b${String(i).padStart(3, '0')}`,
  at: '2025-03-01T10:00:00+08:00',
}));
const run = (drawn: string[]) =>
  serviceSampling.evaluate(
    {
      sample: 'handoverSpotCheck',
      population,
      drawn,
      done: drawn.map((ref) => ({ ref, at: '2025-03-05T10:00:00+08:00', personId: 'm' })),
    },
    serviceSampling.preset('example-lanting-realty'),
    { now: '2025-05-01T00:00:00+08:00', calendar: chinaCalendar() },
  );

describe('a sample given smaller than the rule draws (S002-REVISIT-06)', () => {
  it('S002-REVISIT-06: 1 owner drawn of 100 under 抽取20%: measured over 20, 1 of 18 needed, below target', () => {
    const d = run(['b001']);
    const rate = (
      d.value.result as { rate: { total: number; counted: number; required: number; met: boolean } }
    ).rate;
    expect([rate.total, rate.counted, rate.required, rate.met]).toEqual([20, 1, 18, false]);
    const below = d.value.violations.find((v) => v.code === 'service.handoverSpotCheck.rateBelowTarget');
    expect(below?.quantity).toBe(17);
    expect(d.trace.find((t) => t.rule === 'S002-REVISIT-06')?.message.en).toContain(
      'of the 20 the rule draws: the sample given is smaller',
    );
  });

  it('S002-REVISIT-06: a full sample of 20, all followed up, meets the rule as before', () => {
    const d = run(population.slice(0, 20).map((p) => p.id));
    const rate = (
      d.value.result as { rate: { total: number; counted: number; required: number; met: boolean } }
    ).rate;
    expect([rate.total, rate.counted, rate.required, rate.met]).toEqual([20, 20, 18, true]);
    expect(d.value.violations).toEqual([]);
  });
});
