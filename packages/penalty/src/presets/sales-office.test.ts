import { makeContext, type ViolationInput, yuan } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from '../assess.js';
import { conferenceMarketingSchedule, salesOfficeSchedule } from './sales-office.js';

const ctx = makeContext({ now: '2024-06-30T12:00:00+08:00' });
function v(code: string, personId: string, extra: Partial<ViolationInput> = {}): ViolationInput {
  return {
    code,
    personId,
    occurredAt: '2024-06-12T18:20:00+08:00',
    source: { module: 'attribution', rule: 'S001-ATTR-02' },
    ...extra,
  };
}

describe('conference marketing fines (seed 001 篇1)', () => {
  const schedule = conferenceMarketingSchedule();

  it('fines the division head 10 CNY for each late or missing daily list: two missing days → 20 (S001-PENALTY-01)', () => {
    const { value } = ledgerOf(
      [
        v('attribution.sharedBox.late', 'head-2', {
          occurredAt: '2024-06-13T18:00:00+08:00',
          data: { missing: true },
        }),
        v('attribution.sharedBox.late', 'head-2', {
          occurredAt: '2024-06-14T18:00:00+08:00',
          data: { missing: true },
        }),
      ],
      schedule,
      ctx,
    );
    expect(value.total).toBe(yuan(20));
    expect(value.persons[0]?.periods[0]?.lines[0]?.rule).toBe('S001-PENALTY-01');
  });

  it('fines each party arguing in front of customers 100 CNY (S001-PENALTY-02)', () => {
    const { value } = ledgerOf(
      [v('attribution.jointEvent.quarrel', 'E1'), v('attribution.jointEvent.quarrel', 'E2')],
      schedule,
      ctx,
    );
    expect(value.persons.map((p) => [p.personId, p.total])).toEqual([
      ['E1', yuan(100)],
      ['E2', yuan(100)],
    ]);
  });

  it('prices grievances per person the timer names: 100; 100 each to employee and manager; 500 each and a transfer after 3 days (S001-COMPLAINT-02, S001-COMPLAINT-03, S001-COMPLAINT-04)', () => {
    const employee = { role: 'employee' };
    const manager = { role: 'deptManager' };
    const { value } = ledgerOf(
      [
        v('sla.grievance.S001-COMPLAINT-02', 'E1', employee),
        v('sla.grievance.S001-COMPLAINT-03', 'E2', employee),
        v('sla.grievance.S001-COMPLAINT-03', 'M2', manager),
        v('sla.grievance.S001-COMPLAINT-04', 'E3', employee),
        v('sla.grievance.S001-COMPLAINT-04', 'M3', manager),
      ],
      schedule,
      ctx,
    );
    const totals = Object.fromEntries(value.persons.map((p) => [p.personId, p.total]));
    expect(totals).toEqual({ E1: yuan(100), E2: yuan(100), M2: yuan(100), E3: yuan(500), M3: yuan(500) });
    const e3 = value.persons.find((p) => p.personId === 'E3')?.periods[0]?.lines;
    expect(e3?.find((l) => l.kind === 'sanction')?.measures).toEqual(['transferCustomerToOtherDepartment']);
    const m3 = value.persons.find((p) => p.personId === 'M3')?.periods[0]?.lines;
    expect(m3?.map((l) => l.kind)).toEqual(['fine']);
  });

  it('fines a missing daily list like a late one (S001-PENALTY-01)', () => {
    const { value } = ledgerOf([v('attribution.sharedBox.missing', 'head-1')], schedule, ctx);
    expect(value.total).toBe(yuan(10));
  });
});

describe('sales office sanctions (seed 001 精選篇2)', () => {
  const schedule = salesOfficeSchedule();
  const pay = [
    { personId: 'S1', component: 'monthlyBasePay', amount: yuan(4350) },
    { personId: 'S1', component: 'monthBonus', amount: yuan(10000) },
    { personId: 'S2', component: 'monthlyBasePay', amount: yuan(3000) },
    { personId: 'S2', component: 'monthBonus', amount: 0 },
    { personId: 'S3', component: 'monthDealBonus', amount: yuan(8000) },
  ];
  const withPay = { ...ctx, pay };

  it('deducts the day’s base pay (monthly base ÷ 21.75) for grabbing a customer: 4,350 → 200.00 (S001-PENALTY-03)', () => {
    const { value } = ledgerOf([v('attribution.reception.grabbing', 'S1')], schedule, withPay);
    expect(value.total).toBe(yuan(200));
    expect(value.persons[0]?.periods[0]?.lines[0]?.arithmetic).toBe('4350.00 × 100/2175 = 200.00');
  });

  it('deducts the month’s base pay and 50 % of the bonus when serious: 9,350 and 3,000 (S001-PENALTY-03)', () => {
    const serious = { data: { severity: 'serious' } };
    const { value } = ledgerOf(
      [v('attribution.reception.neglect', 'S1', serious), v('service.rotation.outOfTurn', 'S2', serious)],
      schedule,
      withPay,
    );
    expect(value.persons.map((p) => p.total)).toEqual([yuan(9350), yuan(3000)]);
  });

  it('leaves the deduction pending when pay figures are missing, rather than guessing (S001-PENALTY-03)', () => {
    const { value } = ledgerOf([v('attribution.reception.grabbing', 'S9')], schedule, ctx);
    expect(value.persons[0]?.periods[0]?.lines[0]).toMatchObject({ status: 'pending', amount: 0 });
    expect(value.persons[0]?.periods[0]?.openItems).toBe(1);
  });

  it('prices refusing a returning customer as neglect: a day’s base pay (S001-PENALTY-04)', () => {
    const { value } = ledgerOf([v('attribution.reception.refusedReturning', 'S1')], schedule, withPay);
    expect(value.total).toBe(yuan(200));
  });

  it('dismisses a salesperson who provokes disputes and deducts 50 % of the month’s deal bonus: 4,000 (S001-PENALTY-05)', () => {
    const { value } = ledgerOf([v('attribution.conduct.provokedDispute', 'S3')], schedule, withPay);
    const lines = value.persons[0]?.periods[0]?.lines;
    expect(lines?.map((l) => l.kind)).toEqual(['sanction', 'payDeduction']);
    expect(lines?.[0]?.measures).toEqual(['dismissal']);
    expect(value.total).toBe(yuan(4000));
  });

  it('dismisses a salesperson who collects a deposit privately (S001-PENALTY-06)', () => {
    const { value } = ledgerOf([v('attribution.payment.privateCollection', 'S1')], schedule, ctx);
    expect(value.persons[0]?.periods[0]?.lines[0]?.measures).toEqual(['dismissal']);
  });

  it('criticises, educates and sanctions a shirking first responder, and removes them from post if serious (S001-PENALTY-07)', () => {
    const { value } = ledgerOf(
      [
        v('service.firstResponder.shirking', 'A'),
        v('service.firstResponder.shirking', 'B', { data: { severity: 'serious' } }),
      ],
      schedule,
      ctx,
    );
    expect(value.persons.map((p) => p.periods[0]?.lines[0]?.measures)).toEqual([
      ['criticism', 'education', 'disciplinarySanction'],
      ['criticism', 'education', 'disciplinarySanction', 'removeFromPost'],
    ]);
  });

  it('pursues liability for a confidentiality breach that caused a loss, and prices none without a loss (S001-PENALTY-08)', () => {
    const { value } = ledgerOf(
      [
        v('records.confidentiality.breach', 'A', { data: { lossCaused: true } }),
        v('records.confidentiality.breach', 'B', { data: { lossCaused: false } }),
      ],
      schedule,
      ctx,
    );
    expect(value.persons.map((p) => p.personId)).toEqual(['A']);
    expect(value.persons[0]?.periods[0]?.lines[0]).toMatchObject({
      kind: 'unspecified',
      rule: 'S001-PENALTY-08',
    });
    expect(value.unpriced.map((u) => u.personId)).toEqual(['B']);
  });
});
