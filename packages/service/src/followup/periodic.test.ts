import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceSampling } from '../modules.js';
import { defineServicePolicy } from '../policy.js';
import { exampleLantingRealtyPolicy as lanting } from '../presets/index.js';
import { periodicDuties, sampleFollowUps } from './periodic.js';

const calendar = chinaCalendar();
const ctx = (now: string, seed?: number) =>
  makeContext({ now, calendar, ...(seed === undefined ? {} : { seed }) });
const refusal = (f: () => unknown): ZhiduError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    return e as ZhiduError;
  }
  throw new Error('expected a ZhiduError');
};
const withParams = (params: Record<string, unknown>) => ({
  ...JSON.parse(JSON.stringify(lanting)),
  params: { ...JSON.parse(JSON.stringify(lanting.params)), ...params },
});
const population = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `B${String(i).padStart(3, '0')}`,
    at: '2025-03-05T10:00:00+08:00',
  }));

describe('periodic duties from the policy (issue 17 point 4, core recurrence)', () => {
  it('S001-FOLLOW-10: generates one weekly report per week, due 12:00 the next Monday, missing ones answered by the role', () => {
    const d = periodicDuties(
      { duty: 'weeklyRevisitReport', from: '2025-03-03', to: '2025-03-23', done: [] },
      lanting,
      ctx('2025-03-18T09:00:00+08:00'),
    );
    expect(d.value.periods.map((p) => [p.period, p.due, p.status])).toEqual([
      ['2025-03-03', '2025-03-10T04:00:00.000Z', 'overdue'],
      ['2025-03-10', '2025-03-17T04:00:00.000Z', 'overdue'],
      ['2025-03-17', '2025-03-24T04:00:00.000Z', 'pending'],
    ]);
    expect(d.value.violations.map((v) => [v.code, v.personId, v.departmentId])).toEqual([
      ['service.weeklyRevisitReport.missing', 'role:customerServiceSupervisor', 'customerServiceDept'],
      ['service.weeklyRevisitReport.missing', 'role:customerServiceSupervisor', 'customerServiceDept'],
    ]);
  });

  it('S000B-FOLLOWUP-09: the monthly summary of every month is due by the end of the 3rd of the next one', () => {
    const d = periodicDuties(
      { duty: 'monthlyRevisitSummary', from: '2025-01-01', to: '2025-03-31', done: [] },
      lanting,
      ctx('2025-03-01T09:00:00+08:00'),
    );
    expect(d.value.periods.map((p) => [p.period, p.due])).toEqual([
      ['2025-01', '2025-02-03T15:59:59.999Z'],
      ['2025-02', '2025-03-03T15:59:59.999Z'],
      ['2025-03', '2025-04-03T15:59:59.999Z'],
    ]);
  });

  it('refuses a duty the policy does not define, and a recurrence without its anchor, with their paths', () => {
    const e = refusal(() =>
      periodicDuties(
        { duty: 'weeklyReport', from: '2025-03-03', to: '2025-03-09', done: [] },
        lanting,
        ctx('2025-03-18T09:00:00+08:00'),
      ),
    );
    expect([e.code, e.path]).toEqual(['unknown_reference', ['duty']]);
    const duty = lanting.params.periodicDuties?.[0];
    const bad = refusal(() =>
      defineServicePolicy(
        withParams({ periodicDuties: [{ ...duty, recurrence: { every: 'week', weekday: 1, interval: 2 } }] }),
      ),
    );
    expect(bad.path).toEqual(['policy', 'params', 'periodicDuties', 0, 'recurrence', 'anchor']);
  });
});

describe('sampling as data (issue 17 point 4)', () => {
  it('S002-REVISIT-06: draws ceil(rate × N) reproducibly from the seed, a subset of the population (seeded property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const input = { sample: 'handoverSpotCheck', population: population(n), done: [] };
        const a = sampleFollowUps(input, lanting, ctx('2025-03-20T09:00:00+08:00', seed)).value;
        const b = sampleFollowUps(input, lanting, ctx('2025-03-20T09:00:00+08:00', seed)).value;
        expect(a.sample).toEqual(b.sample);
        expect(a.sample.length).toBe(Math.ceil((n * 20) / 100));
        expect(new Set(a.sample).size).toBe(a.sample.length);
        for (const id of a.sample) expect(input.population.some((p) => p.id === id)).toBe(true);
      }),
      { seed: 17, numRuns: 40 },
    );
  });

  it('measures the rate over the sample only: buyers not drawn owe nothing', () => {
    const d = sampleFollowUps(
      {
        sample: 'handoverSpotCheck',
        population: population(10),
        drawn: ['B001', 'B002'],
        done: [{ ref: 'B001', at: '2025-03-20T10:00:00+08:00' }],
      },
      lanting,
      ctx('2025-04-10T09:00:00+08:00'),
    ).value;
    expect(d.rate).toEqual({ total: 2, counted: 1, required: 2, targetPercent: 90, met: false, final: true });
    expect(d.violations.map((v) => v.code)).toEqual([
      'service.handoverSpotCheck.missing',
      'service.handoverSpotCheck.rateBelowTarget',
    ]);
  });

  it('refuses a sample rate outside 0–100 %, a rule with neither size nor rate, a draw without a seed, an id not in the population', () => {
    const rule = lanting.params.samples?.[0];
    expect(
      refusal(() => defineServicePolicy(withParams({ samples: [{ ...rule, ratePercent: 120 }] }))).path,
    ).toEqual(['policy', 'params', 'samples', 0, 'ratePercent']);
    expect(
      refusal(() => defineServicePolicy(withParams({ samples: [{ ...rule, ratePercent: -1 }] }))).path,
    ).toEqual(['policy', 'params', 'samples', 0, 'ratePercent']);
    const { ratePercent: _r, ...neither } = rule as Record<string, unknown>;
    expect(refusal(() => defineServicePolicy(withParams({ samples: [neither] }))).path).toEqual([
      'policy',
      'params',
      'samples',
      0,
      'size',
    ]);
    const input = { sample: 'handoverSpotCheck', population: population(5), done: [] };
    expect(refusal(() => sampleFollowUps(input, lanting, ctx('2025-03-20T09:00:00+08:00'))).path).toEqual([
      'ctx',
      'seed',
    ]);
    expect(
      refusal(() => sampleFollowUps({ ...input, drawn: ['X'] }, lanting, ctx('2025-03-20T09:00:00+08:00')))
        .path,
    ).toEqual(['drawn', 0]);
  });

  it('S002-REVISIT-06: refuses a follow-up of an id outside the population, naming the id meant (it was dropped, and its item left overdue)', () => {
    const input = {
      sample: 'handoverSpotCheck',
      population: population(10),
      drawn: ['B001', 'B002'],
      done: [
        { ref: 'B001', at: '2025-03-20T10:00:00+08:00' },
        { ref: 'B02', at: '2025-03-20T11:00:00+08:00' },
      ],
    };
    const e = refusal(() => sampleFollowUps(input, lanting, ctx('2025-04-10T09:00:00+08:00')));
    expect([e.code, e.path]).toEqual(['unknown_reference', ['done', 1, 'ref']]);
    expect(e.message).toContain('did you mean "B002"');
    expect(e.message).toContain('不在抽样总体中');
    // Spelt right, both drawn items are done in time and the rate is met.
    const fixed = {
      ...input,
      done: [
        { ref: 'B001', at: '2025-03-20T10:00:00+08:00' },
        { ref: 'B002', at: '2025-03-20T11:00:00+08:00' },
      ],
    };
    expect(sampleFollowUps(fixed, lanting, ctx('2025-04-10T09:00:00+08:00')).value.rate).toMatchObject({
      total: 2,
      counted: 2,
      met: true,
    });
  });

  it('S002-REVISIT-06: refuses a member listed twice in the population (it was counted twice, and drawn for)', () => {
    const members = population(100);
    const input = { sample: 'handoverSpotCheck', population: members, done: [] };
    // Each member once: 20 % of 100 drawn.
    const once = sampleFollowUps(input, lanting, ctx('2025-03-20T09:00:00+08:00', 7)).value;
    expect([once.populationSize, once.sample.length]).toEqual([100, 20]);
    const twice = { ...input, population: [...members, { ...(members[0] as (typeof members)[number]) }] };
    const e = refusal(() => sampleFollowUps(twice, lanting, ctx('2025-03-20T09:00:00+08:00', 7)));
    expect([e.code, e.path]).toEqual(['duplicate', ['population', 100, 'id']]);
    expect(e.message).toContain('"B000" 在抽样总体中重复列出 / "B000" is listed twice in the population');
    expect(() =>
      serviceSampling.evaluate(twice, serviceSampling.preset('example-lanting-realty'), {
        now: '2025-03-20T09:00:00+08:00',
        calendar,
        seed: 7,
      }),
    ).toThrow(expect.objectContaining({ code: 'duplicate', path: ['input', 'population', 100, 'id'] }));
  });

  it('S002-REVISIT-06: judges an item by its earliest follow-up, whatever the order given', () => {
    const at = (ref: string, day: string) => ({ ref, at: `2025-${day}T10:00:00+08:00` });
    const judged = (done: { ref: string; at: string }[]) =>
      sampleFollowUps(
        { sample: 'handoverSpotCheck', population: population(10), drawn: ['B001'], done },
        lanting,
        ctx('2025-06-10T09:00:00+08:00'),
      ).value.items[0]?.status;
    const late = at('B001', '05-30');
    const early = at('B001', '03-20');
    expect(judged([late, early])).toBe('done');
    expect(judged([early, late])).toBe('done');
    expect(judged([late])).toBe('doneLate');
  });
});
