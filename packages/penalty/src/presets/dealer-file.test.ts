import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type ViolationInput, yuan } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from '../assess.js';
import { departmentFileRates, mayLevyFine, mayOrderCorrection } from '../enforcement.js';
import type { Ledger } from '../ledger.js';
import { dealerFileSchedule } from './dealer-file.js';

const calendar = chinaCalendar();
const ctx = makeContext({ now: '2024-04-30T18:00:00+08:00', calendar });
const schedule = dealerFileSchedule();
const SC = 'salesConsultant';
const SA = 'serviceAdvisor';

function v(
  code: string,
  personId: string,
  role: string,
  day: string,
  extra: Partial<ViolationInput> = {},
): ViolationInput {
  return {
    code,
    personId,
    role,
    occurredAt: `${day}T17:00:00+08:00`,
    source: { module: 'records', rule: 'S000-ARCHIVE-07' },
    correctedAt: `${day}T17:30:00+08:00`,
    ...extra,
  };
}
const lateFile = (p: string, role: string, day: string, extra: Partial<ViolationInput> = {}) =>
  v('records.handover.late', p, role, day, { lateBy: { unit: 'workingDays', units: 1 }, ...extra });

function assess(
  violations: ViolationInput[],
  pay?: { personId: string; component: string; amount: number }[],
) {
  return ledgerOf(violations, schedule, pay === undefined ? ctx : { ...ctx, pay });
}
const amounts = (l: Ledger, person: string, period: string) =>
  l.persons
    .find((p) => p.personId === person)
    ?.periods.find((p) => p.period === period)
    ?.lines.map((x) => x.amount);
const total = (l: Ledger, person: string, period: string) =>
  l.persons.find((p) => p.personId === person)?.periods.find((p) => p.period === period)?.total;

describe('dealer customer-file fines (seed 000 L245–265)', () => {
  it('worked example: a sales consultant hands over 5 working days after delivery as the 2nd violation of the month → 100 CNY (S000-PENALTY-01, S000-PENALTY-06)', () => {
    // Delivered Mon 2024-03-04; due end of the 3rd working day, Thu 03-07; handed over Mon 03-11
    // (5 working days after delivery, 2 late). records emits the breach at the deadline.
    const deadline = calendar.addWorkdays('2024-03-04', 3);
    expect(deadline).toBe('2024-03-07');
    const second: ViolationInput = {
      code: 'records.handover.late',
      personId: 'sc-1',
      role: SC,
      occurredAt: '2024-03-07T23:59:59.999+08:00',
      quantity: 1,
      lateBy: { unit: 'workingDays', units: calendar.workdaysBetween('2024-03-07', '2024-03-11') },
      subject: { kind: 'file', id: 'VIN-2' },
      source: { module: 'records', rule: 'S000-ARCHIVE-07', clause: '000 L217' },
    };
    const first = lateFile('sc-1', SC, '2024-03-01');
    const { value, trace } = assess([second, first]);
    const march = value.persons[0]?.periods[0];
    expect(march?.lines.map((l) => [l.rule, l.amount, l.tallyIndex])).toEqual([
      ['S000-PENALTY-01', 5000, 1],
      ['S000-PENALTY-01', 10000, 2],
    ]);
    expect(march?.lines[1]?.arithmetic).toBe('50.00 × 1 × 2 = 100.00');
    expect(march?.total).toBe(yuan(150));
    expect(trace.find((t) => t.data?.line === march?.lines[1]?.id)?.clause).toBe('000 L247');
  });

  it('fines a late sales file 50 CNY per vehicle occasion however many days late (S000-PENALTY-01)', () => {
    const { value } = assess([
      lateFile('sc-1', SC, '2024-03-08', { lateBy: { unit: 'workingDays', units: 5 } }),
    ]);
    expect(value.total).toBe(yuan(50));
  });

  it('fines 20 CNY per inspection document the customer did not sign, as one event (S000-PENALTY-02)', () => {
    const { value } = assess([v('records.signature.missing', 'sc-1', SC, '2024-03-12', { quantity: 2 })]);
    expect(value.total).toBe(yuan(40));
    expect(value.persons[0]?.periods[0]?.lines[0]?.arithmetic).toBe('20.00 × 2 = 40.00');
  });

  it('does not price a missing document for a sales consultant: the seed fines only signatures (S000-PENALTY-02)', () => {
    const { value } = assess([v('records.item.missing', 'sc-1', SC, '2024-03-12')]);
    expect(value.total).toBe(0);
    expect(value.unpriced).toHaveLength(1);
  });

  it('fines three unconfirmed intake contacts on one day 50 + 50 + 100 (S000-PENALTY-03)', () => {
    const intakes = [1, 2, 3].map((n) =>
      v('service.intake.contactUnconfirmed', 'sa-1', SA, '2024-03-04', {
        subject: { kind: 'vehicle', id: `V${n}` },
      }),
    );
    const { value } = assess(intakes);
    expect(amounts(value, 'sa-1', '2024-03')?.filter((a) => a > 0)).toEqual([5000, 5000, 10000]);
    expect(total(value, 'sa-1', '2024-03')).toBe(yuan(200));
  });

  it('fines a service advisor’s late after-sales file 50 CNY (S000-PENALTY-04)', () => {
    const { value } = assess([lateFile('sa-1', SA, '2024-03-07')]);
    expect(value.persons[0]?.periods[0]?.lines[0]).toMatchObject({
      rule: 'S000-PENALTY-04',
      amount: yuan(50),
    });
  });

  it('prices paper-file defects 20 per item, 50 per customer signature, 20 per internal signature, as one event: 110 (S000-PENALTY-05)', () => {
    const file = { subject: { kind: 'file', id: 'RO-9' } };
    const { value } = assess([
      v('records.item.missing', 'sa-1', SA, '2024-03-05', { quantity: 2, ...file }),
      v('records.signature.missing', 'sa-1', SA, '2024-03-05', file),
      v('records.signature.staffMissing', 'sa-1', SA, '2024-03-05', file),
    ]);
    expect(total(value, 'sa-1', '2024-03')).toBe(yuan(110));
    expect(new Set(value.persons[0]?.periods[0]?.lines.map((l) => l.tallyIndex))).toEqual(new Set([1]));
  });

  it('doubles a sales consultant from the 2nd violation in March and restarts in April: 50, 40, 100 then 50 (S000-PENALTY-06)', () => {
    const { value } = assess([
      lateFile('sc-1', SC, '2024-03-05'),
      v('records.signature.missing', 'sc-1', SC, '2024-03-12'),
      lateFile('sc-1', SC, '2024-03-20'),
      lateFile('sc-1', SC, '2024-04-02'),
    ]);
    expect(amounts(value, 'sc-1', '2024-03')).toEqual([5000, 4000, 10000]);
    expect(total(value, 'sc-1', '2024-03')).toBe(yuan(190));
    expect(amounts(value, 'sc-1', '2024-04')).toEqual([5000]);
  });

  it('doubles a service advisor from the 3rd violation: 50, 50, 80, 100 = 280, plus the 10–30 % range (S000-PENALTY-06, S000-PENALTY-07)', () => {
    const { value } = assess(
      [
        v('service.intake.contactUnconfirmed', 'sa-1', SA, '2024-03-04'),
        lateFile('sa-1', SA, '2024-03-06'),
        v('records.item.missing', 'sa-1', SA, '2024-03-08', { quantity: 2 }),
        v('records.signature.missing', 'sa-1', SA, '2024-03-11'),
      ],
      [{ personId: 'sa-1', component: 'performancePay', amount: yuan(4000) }],
    );
    const march = value.persons[0]?.periods[0];
    expect(march?.lines.filter((l) => l.kind === 'fine').map((l) => l.amount)).toEqual([
      5000, 5000, 8000, 10000,
    ]);
    expect(march?.total).toBe(yuan(280));
    const range = march?.lines.find((l) => l.kind === 'payRange');
    expect(range).toMatchObject({ rule: 'S000-PENALTY-07', status: 'info', amount: 0 });
    expect(range?.range).toEqual({
      component: 'performancePay',
      minRatio: '10%',
      maxRatio: '30%',
      min: yuan(400),
      max: yuan(1200),
    });
    expect(march?.discretionary).toEqual({ min: yuan(400), max: yuan(1200), count: 1 });
  });

  it('gives no range and no doubling to a service advisor with 2 violations, nor a range to a sales consultant with 5 (S000-PENALTY-07)', () => {
    const sa = assess([
      v('service.intake.contactUnconfirmed', 'sa-1', SA, '2024-03-04'),
      lateFile('sa-1', SA, '2024-03-06'),
    ]);
    expect(sa.value.persons[0]?.periods[0]?.lines.map((l) => l.kind)).toEqual(['fine', 'fine']);
    const sc = assess([1, 2, 3, 4, 5].map((d) => lateFile('sc-1', SC, `2024-03-0${d}`)));
    expect(sc.value.persons[0]?.periods[0]?.lines.some((l) => l.kind === 'payRange')).toBe(false);
  });

  it('leaves the range open when the performance pay is not given — never a made-up number (S000-PENALTY-07)', () => {
    const { value } = assess(
      [1, 4, 5].map((d) => v('service.intake.contactUnconfirmed', 'sa-1', SA, `2024-03-0${d}`)),
    );
    const range = value.persons[0]?.periods[0]?.lines.find((l) => l.kind === 'payRange')?.range;
    expect(range).toMatchObject({ min: null, max: null });
    expect(value.persons[0]?.periods[0]?.openItems).toBe(1);
  });

  it('fines a lost file 20 CNY per piece on top of other fines, and counts it in the monthly tally (S000-PENALTY-08)', () => {
    const { value } = assess([
      lateFile('sc-1', SC, '2024-03-04'),
      v('records.file.lost', 'sc-1', SC, '2024-03-15', { quantity: 12 }),
    ]);
    expect(amounts(value, 'sc-1', '2024-03')).toEqual([5000, 48000]);
    const byAdmin = assess([
      v('records.file.lost', 'admin-1', 'archiveAdmin', '2024-03-15', { quantity: 2 }),
    ]);
    expect(byAdmin.value.total).toBe(yuan(40));
  });

  it('re-charges the same amount for each working day without correction: none next day, 20 after one missed day (S000-PENALTY-09)', () => {
    const order = { occurredAt: '2024-03-04T10:00:00+08:00' };
    const nextDay = assess([
      v('records.item.missing', 'sa-1', SA, '2024-03-04', {
        ...order,
        correctedAt: '2024-03-05T16:00:00+08:00',
      }),
    ]);
    expect(nextDay.value.total).toBe(yuan(20));
    const dayAfter = assess([
      v('records.item.missing', 'sa-1', SA, '2024-03-04', {
        ...order,
        correctedAt: '2024-03-06T09:00:00+08:00',
      }),
    ]);
    const lines = dayAfter.value.persons[0]?.periods[0]?.lines;
    expect(lines?.map((l) => [l.kind, l.amount])).toEqual([
      ['fine', 2000],
      ['recharge', 2000],
    ]);
    expect(lines?.[1]?.at).toBe('2024-03-05T16:00:00.000Z');
  });

  it('re-charges a 50 CNY late file ordered Thu and corrected the next Tue twice: 150 in all (S000-PENALTY-09)', () => {
    const { value } = assess([
      lateFile('sc-1', SC, '2024-03-07', {
        correctedAt: '2024-03-12T11:00:00+08:00',
        data: { correctionOrderedAt: '2024-03-07T17:00:00+08:00' },
      }),
    ]);
    const lines = value.persons[0]?.periods[0]?.lines;
    expect(lines?.map((l) => [l.kind, l.amount, l.repeat])).toEqual([
      ['fine', 5000, undefined],
      ['recharge', 5000, 1],
      ['recharge', 5000, 2],
    ]);
    expect(value.total).toBe(yuan(150));
  });

  it('counts an uncorrected finding up to now and skips statutory holidays, counting make-up workdays (S000-PENALTY-09)', () => {
    // Found Fri 2024-09-27; Sun 09-29 and Mon 09-30 are working days, 10-01…07 a holiday; now Tue 10-08 noon.
    const found = v('records.item.missing', 'sa-1', SA, '2024-09-27', { correctedAt: undefined });
    const { value } = ledgerOf([found], schedule, { ...ctx, now: '2024-10-08T04:00:00.000Z' });
    const recharges = value.persons[0]?.periods.flatMap((p) => p.lines).filter((l) => l.kind === 'recharge');
    expect(recharges?.map((l) => l.at)).toEqual(['2024-09-29T16:00:00.000Z', '2024-09-30T16:00:00.000Z']);
  });

  it('counts re-charges only up to ctx.now when the correction comes later (S000-PENALTY-09)', () => {
    const found = v('records.item.missing', 'sa-1', SA, '2024-03-04', {
      correctedAt: '2024-03-20T10:00:00+08:00',
    });
    const { value } = ledgerOf([found], schedule, { ...ctx, now: '2024-03-07T12:00:00+08:00' });
    // Order Mon 03-04; Tue 03-05 and Wed 03-06 ended uncorrected by now (Thu noon).
    expect(value.persons[0]?.periods[0]?.lines.filter((l) => l.kind === 'recharge')).toHaveLength(2);
  });

  it('does not re-charge a late handover that was made without a correction order (S000-PENALTY-09)', () => {
    const { value } = assess([lateFile('sc-1', SC, '2024-03-07', { correctedAt: undefined })]);
    expect(value.total).toBe(yuan(50));
  });

  it('computes department timeliness and completeness rates, null for a department with no files (S000-PENALTY-10)', () => {
    const records = Array.from({ length: 40 }, (_, i) => ({
      departmentId: 'sales',
      onTime: i >= 4,
      complete: i >= 2,
    }));
    expect(departmentFileRates(records, ['service'])).toEqual([
      { departmentId: 'sales', files: 40, timelyRate: 0.9, completeRate: 0.95 },
      { departmentId: 'service', files: 0, timelyRate: null, completeRate: null },
    ]);
  });

  it('lets only the customer director levy file fines, and the archive admin order corrections (S000-PENALTY-11)', () => {
    expect(mayLevyFine(schedule, 'customerDirector')).toBe(true);
    expect(mayLevyFine(schedule, 'archiveAdmin')).toBe(false);
    expect(mayLevyFine(schedule, 'salesManager')).toBe(false);
    expect(mayOrderCorrection(schedule, 'archiveAdmin')).toBe(true);
    expect(mayOrderCorrection(schedule, 'customerDirector')).toBe(true);
    expect(mayOrderCorrection(schedule, 'salesConsultant')).toBe(false);
  });
});
