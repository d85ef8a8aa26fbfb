import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { penaltyLedger } from './modules.js';

const ctx = makeContext({ now: '2024-04-30T18:00:00+08:00', calendar: chinaCalendar() });
const late = (day: string) => ({
  code: 'records.item.missing',
  personId: 'sa-1',
  role: 'serviceAdvisor',
  occurredAt: `${day}T09:00:00+08:00`,
  correctedAt: `${day}T15:00:00+08:00`,
  source: { module: 'records', rule: 'S000-ARCHIVE-09' },
});

describe('pay components in Chinese messages', () => {
  it('S000-PENALTY-07: the third violation in a month names 绩效工资 in Chinese, with or without the pay figure', () => {
    const violations = [late('2024-04-01'), late('2024-04-02'), late('2024-04-03')];
    const policy = penaltyLedger.preset('dealer-file');
    const without = penaltyLedger.evaluate({ violations }, policy, ctx).value.result;
    const range = without.persons[0]?.periods[0]?.lines.find((l) => l.kind === 'payRange');
    expect(range?.message.zh).toContain('可视情况扣罚绩效工资 10%–30% × 绩效工资(未提供)');
    expect(range?.message.zh).not.toMatch(/performancePay|not given/);
    expect(range?.message.en).toContain('performancePay');
    const pay = [{ personId: 'sa-1', period: '2024-04', component: 'performancePay', amount: 300000 }];
    const withPay = penaltyLedger.evaluate({ violations, pay }, policy, ctx).value.result;
    const line = withPay.persons[0]?.periods[0]?.lines.find((l) => l.kind === 'payRange');
    expect(line?.range).toEqual({
      component: 'performancePay',
      minRatio: '10%',
      maxRatio: '30%',
      min: 30000,
      max: 90000,
    });
    expect(line?.message.zh).toContain('可视情况扣罚绩效工资 10%–30% × 3000.00 = 300.00–900.00');
  });
});
