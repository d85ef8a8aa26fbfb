import { makeContext, type ViolationInput, yuan, type ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from '../assess.js';
import { customerFilingSchedule, ignoredFilingUrgings } from './corporate.js';

const ctx = { ...makeContext({ now: '2024-03-31T12:00:00+08:00' }), roster: { departmentSupervisor: 's1' } };
function v(code: string, personId: string, extra: Partial<ViolationInput> = {}): ViolationInput {
  return {
    code,
    personId,
    occurredAt: '2024-03-06T10:00:00+08:00',
    source: { module: 'sla', rule: 'S000B-COMPLAINT-01' },
    ...extra,
  };
}

describe('customer filing and complaint liability (seed 000 part B)', () => {
  it('holds the person and the supervisor liable for a complaint loss, leaving the amount open without a scale (S000B-PENALTY-01)', () => {
    const { value } = ledgerOf(
      [v('service.complaint.loss', 'p1', { data: { lossFen: yuan(20000) } })],
      customerFilingSchedule(),
      ctx,
    );
    expect(value.persons.map((p) => [p.personId, p.periods[0]?.lines[0]?.kind])).toEqual([
      ['p1', 'unspecified'],
      ['s1', 'unspecified'],
    ]);
    expect(value.total).toBe(0);
  });

  it('charges nothing for a complaint that caused no loss (S000B-PENALTY-01)', () => {
    const { value } = ledgerOf(
      [v('service.complaint.loss', 'p1', { data: { lossFen: 0 } })],
      customerFilingSchedule(),
      ctx,
    );
    expect(value.persons).toEqual([]);
  });

  it('applies a company loss scale and shares it 70/30 without losing a fen (S000B-PENALTY-01)', () => {
    const schedule = customerFilingSchedule({ lossBands: [{ from: 0, ratio: '1%' }], shares: [70, 30] });
    const { value } = ledgerOf(
      [v('service.complaint.loss', 'p1', { data: { lossFen: 500_001 } })],
      schedule,
      ctx,
    );
    const amounts = value.persons.map((p) => p.total);
    expect(amounts).toEqual([3500, 1500]);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(5000);
  });

  it('refuses overlapping loss bands (S000B-PENALTY-01)', () => {
    expect(() =>
      customerFilingSchedule({
        lossBands: [
          { from: 0, to: 100_000, amount: 5000 },
          { from: 50_000, amount: 10000 },
        ],
      }),
    ).toThrowError(expect.objectContaining({ code: 'policy_overlap' }) as ZhiduError);
  });

  it('holds the complaint handler liable for a delay without inventing an amount (S000B-PENALTY-02)', () => {
    const { value } = ledgerOf(
      [v('sla.complaint.S000B-COMPLAINT-04.late', 'h1')],
      customerFilingSchedule(),
      ctx,
    );
    expect(value.persons[0]?.periods[0]?.lines[0]).toMatchObject({
      kind: 'unspecified',
      rule: 'S000B-PENALTY-02',
      amount: 0,
    });
  });

  it('takes points off a leasing manager’s monthly score for a late form, in the month it was due (S000B-PENALTY-03)', () => {
    const late = v('records.handover.late', 'm1', {
      role: 'leasingManager',
      lateBy: { unit: 'workingDays', units: 1 },
    });
    const { value } = ledgerOf([late], customerFilingSchedule(), ctx);
    expect(value.persons[0]?.periods[0]).toMatchObject({ period: '2024-03', openItems: 1 });
    expect(value.persons[0]?.periods[0]?.lines[0]?.arithmetic).toBe('performanceScore: not stated');
  });

  it('refuses to reimburse a 500 CNY gift for a customer never filed (S000B-PENALTY-04)', () => {
    const { value } = ledgerOf(
      [v('records.customer.unfiledExpense', 'e1', { data: { expenseFen: yuan(500) } })],
      customerFilingSchedule(),
      ctx,
    );
    expect(value.persons[0]?.periods[0]).toMatchObject({ withheld: yuan(500), total: 0 });
  });

  it('flags a month-end KPI penalty after 2 ignored filing requests, not after 1 (S000B-PENALTY-05)', () => {
    const urgings = ['2024-03-12T10:00:00+08:00', '2024-03-19T10:00:00+08:00'];
    const monthEnd = '2024-03-31T23:59:59+08:00';
    expect(ignoredFilingUrgings({ urgings, monthEnd })).toEqual({ ignored: 2, flag: true });
    expect(ignoredFilingUrgings({ urgings, monthEnd, filedAt: '2024-03-20T10:00:00+08:00' })).toEqual({
      ignored: 1,
      flag: false,
    });
    expect(ignoredFilingUrgings({ urgings: [urgings[0] ?? ''], monthEnd })).toEqual({
      ignored: 1,
      flag: false,
    });
    const { value } = ledgerOf([v('records.filing.urgingsIgnored', 'dept-a')], customerFilingSchedule(), ctx);
    expect(value.persons[0]?.periods[0]?.lines[0]?.rule).toBe('S000B-PENALTY-05');
  });
});
