import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isZhiduError } from '@zhidu/core';
import { evaluate } from '@zhidu/modules';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOW, POLICIES, pinRevisions, type ReplayReport, replayQuarter, SCENARIO_DIRS } from './diff.js';

describe('policy-diff example', () => {
  let report: ReplayReport;
  beforeAll(async () => {
    report = await replayQuarter();
  });

  it('the revision changes the protection period (2 months → 45 days) and the grabbing fine (¥200 → ¥500)', () => {
    expect(report.parameters.map((p) => [p.policy, p.path, p.current, p.revised])).toEqual([
      ['ownership', 'params.protection.default.unit', 'months', 'days'],
      ['ownership', 'params.protection.default.amount', 2, 45],
      [
        'fines',
        'params.items[0].title.zh',
        '未按轮序抢接新客，每次罚款200元',
        '未按轮序抢接新客，每次罚款500元',
      ],
      [
        'fines',
        'params.items[0].title.en',
        'Taking a walk-in out of turn: ¥200 each time',
        'Taking a walk-in out of turn: ¥500 each time',
      ],
      ['fines', 'params.items[0].charges[0].outcome.amount', 20000, 50000],
    ]);
  });

  it('S001-ATTR-11/12/19: replayed under 45 days, two customers change owner and their deals follow; one file ends earlier', () => {
    expect(report.events).toBe(18);
    expect(report.streams).toBe(5);
    expect(report.changes.filter((c) => c.stream.startsWith('customer:'))).toEqual([
      { stream: 'customer:c-liu', what: 'owner', current: '唐雨', revised: '方哲' },
      { stream: 'customer:c-liu', what: 'visit 1 case 来访情形', current: 'HANDBACK', revised: 'OWNER' },
      {
        stream: 'customer:c-liu',
        what: 'deal 2-1101 performance 业绩',
        current: '唐雨 100%',
        revised: '方哲 100%',
      },
      {
        stream: 'customer:c-liu',
        what: 'deal 2-1101 bonus 奖金',
        current: '唐雨 100%',
        revised: '方哲 100%',
      },
      { stream: 'customer:c-qian', what: 'owner', current: '顾明', revised: '唐雨' },
      { stream: 'customer:c-qian', what: 'visit 1 case 来访情形', current: 'ASSIST', revised: 'NEW' },
      {
        stream: 'customer:c-qian',
        what: 'deal 1-1803 performance 业绩',
        current: '顾明 100%',
        revised: '唐雨 100%',
      },
      {
        stream: 'customer:c-qian',
        what: 'deal 1-1803 bonus 奖金',
        current: '顾明 80% / 唐雨 20%',
        revised: '唐雨 100%',
      },
      {
        stream: 'customer:c-sun',
        what: 'protected until 保护至',
        current: '2024-04-20',
        revised: '2024-04-05',
      },
    ]);
    // 黄蕾 signed within a month: the same decision under both versions
    expect(report.changes.some((c) => c.stream === 'customer:c-huang')).toBe(false);
  });

  it('S001-PENALTY-03: each month’s grabbing fine goes from ¥200 to ¥500', () => {
    expect(report.changes.filter((c) => c.stream === 'fines:guanlan')).toEqual([
      { stream: 'fines:guanlan', what: 'fines 方哲 2024-03', current: '¥200.00', revised: '¥500.00' },
      { stream: 'fines:guanlan', what: 'fines 顾明 2024-02', current: '¥200.00', revised: '¥500.00' },
    ]);
  });

  it('adopting the revision from 1 April recomputes nothing in the store: every recorded event is older', () => {
    expect(report.recomputedOnAdoption).toEqual([]);
  });

  it('S001-ATTR-12, S001-PENALTY-03: every changed parameter of the revision is pinned by its scenarios', () => {
    expect(pinRevisions()).toEqual([
      {
        policy: 'example-guanlan-sales-office@2024-04',
        scenarios: 2,
        baselineFailures: 0,
        changed: [
          { path: '/params/protection/default/unit', kind: 'enum', pinned: true, escaped: [] },
          { path: '/params/protection/default/amount', kind: 'count', pinned: true, escaped: [] },
        ],
        numbers: { pinned: 13, total: 13 },
      },
      {
        policy: 'example-guanlan-sales-office-fines@2024-04',
        scenarios: 1,
        baselineFailures: 0,
        changed: [
          { path: '/params/items/0/charges/0/outcome/amount', kind: 'money', pinned: true, escaped: [] },
        ],
        numbers: { pinned: 2, total: 2 },
      },
    ]);
  });

  it('each scenario carries the revised policy file exactly (the scenarios cannot drift from the file)', () => {
    const files = [
      ...readdirSync(SCENARIO_DIRS.ownership).map(
        (f) => [join(SCENARIO_DIRS.ownership, f), 'ownership'] as const,
      ),
      ...readdirSync(SCENARIO_DIRS.fines).map((f) => [join(SCENARIO_DIRS.fines, f), 'fines'] as const),
    ];
    expect(files).toHaveLength(3);
    for (const [file, policy] of files) {
      const { $schema: _schema, ...revised } = POLICIES[policy].revised;
      expect(JSON.parse(readFileSync(file, 'utf8')).policy).toEqual(revised);
    }
  });

  it('a revision with a unit the schema does not know is refused naming the field', () => {
    const bad = structuredClone(POLICIES.ownership.revised) as {
      params: { protection: { default: unknown } };
    };
    bad.params.protection.default = { unit: 'weeks', amount: 6 };
    let error: unknown;
    try {
      evaluate('attribution.ownership', { customerId: 'c', staff: [{ id: 'a' }], events: [] }, bad, {
        now: NOW,
      });
    } catch (e) {
      error = e;
    }
    expect(isZhiduError(error)).toBe(true);
    expect((error as { path: unknown[] }).path).toEqual([
      'policy',
      'params',
      'protection',
      'default',
      'unit',
    ]);
  });
});
