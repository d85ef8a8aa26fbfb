import '../test/pii-guard.js';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { ViolationSchema, weekdayCalendar, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HandoverInput, handoverOf } from './handover.js';
import { defineRecordsPolicy } from './policy.js';
import {
  corporateArchivePreset,
  customerArchivePreset,
  dealerFilesPreset,
  leasingArchivePreset,
} from './presets/index.js';

const now = { now: '2025-01-01T00:00:00Z' };
const sc = { personId: 'sc1', role: 'salesConsultant' };
const sa = { personId: 'sa1', role: 'serviceAdvisor' };

function newCar(delivery: string, handedOverAt?: string, extra: Partial<HandoverInput> = {}): HandoverInput {
  return {
    fileTypeId: 'newCarSalesFile',
    fileId: 'VIN-1',
    responsible: sc,
    events: { delivery: `${delivery}T16:00:00+08:00` },
    ...(handedOverAt ? { handedOverAt: `${handedOverAt}T10:00:00+08:00` } : {}),
    ...extra,
  };
}

describe('handoverOf: new-car file (S000-ARCHIVE-07)', () => {
  it('is on time when handed over on the 3rd working day after delivery (S000-ARCHIVE-07)', () => {
    const d = handoverOf(newCar('2024-03-04', '2024-03-07'), dealerFilesPreset, now);
    expect(d.value.outcomes[0]?.status).toBe('onTime');
    expect(d.value.violations).toEqual([]);
    expect(d.trace[0]?.rule).toBe('S000-ARCHIVE-07');
  });

  it('fines 1 vehicle occasion when a sales consultant hands over 5 working days after delivery (S000-ARCHIVE-07)', () => {
    // Delivered Mon 2024-03-04, handed over Mon 2024-03-11: 5 working days later, 2 past the deadline.
    const d = handoverOf(newCar('2024-03-04', '2024-03-11'), dealerFilesPreset, now);
    const [v] = d.value.violations;
    expect(d.value.outcomes[0]?.status).toBe('late');
    expect(v).toMatchObject({
      code: 'records.handover.late',
      personId: 'sc1',
      role: 'salesConsultant',
      quantity: 1,
      lateBy: { unit: 'workingDays', units: 2 },
      subject: { kind: 'file', id: 'VIN-1' },
      source: { module: 'records.handover', rule: 'S000-ARCHIVE-07' },
    });
    expect(ViolationSchema.parse(v)).toBeTruthy();
    expect(d.trace.some((t) => t.message.zh.includes('超期2个工作日'))).toBe(true);
  });

  it('counts PRC working days across the National Day holiday and its make-up Sunday (S000-ARCHIVE-07)', () => {
    // Fri 2024-09-27: working days are Sun 09-29 (调休), Mon 09-30, Tue 10-08.
    const onTime = handoverOf(newCar('2024-09-27', '2024-10-08'), dealerFilesPreset, now);
    expect(onTime.value.outcomes[0]?.due?.at).toBe('2024-10-08T15:59:59.999Z');
    expect(onTime.value.violations).toEqual([]);
    const late = handoverOf(newCar('2024-09-27', '2024-10-09'), dealerFilesPreset, now);
    expect(late.value.violations[0]?.lateBy?.units).toBe(1);
  });

  it('enforces from delivery and reports the sale-date deadline only for information (S000-ARCHIVE-07)', () => {
    const d = handoverOf(
      newCar('2024-03-06', '2024-03-11', {
        events: { sale: '2024-03-04T10:00:00+08:00', delivery: '2024-03-06T10:00:00+08:00' },
      }),
      dealerFilesPreset,
      now,
    );
    const [o] = d.value.outcomes;
    expect(o?.informationalDue?.at).toBe('2024-03-07T15:59:59.999Z');
    expect(o?.due?.at).toBe('2024-03-11T15:59:59.999Z');
    expect(o?.status).toBe('onTime');
    expect(d.trace[0]?.message.en).toContain('informational');
  });

  it('reports an open handover as overdue once the deadline has passed, and pending before (S000-ARCHIVE-07)', () => {
    const open = newCar('2024-03-04');
    expect(
      handoverOf(open, dealerFilesPreset, { now: '2024-03-07T08:00:00Z' }).value.outcomes[0]?.status,
    ).toBe('pending');
    const overdue = handoverOf(open, dealerFilesPreset, { now: '2024-03-12T08:00:00Z' });
    expect(overdue.value.outcomes[0]?.status).toBe('overdue');
    expect(overdue.value.violations[0]?.lateBy?.units).toBe(3);
  });

  it('uses the calendar from the context when given (a Mon–Fri calendar ignores the make-up Sunday)', () => {
    const d = handoverOf(newCar('2024-09-27', '2024-10-08'), dealerFilesPreset, {
      ...now,
      calendar: weekdayCalendar(),
    });
    expect(d.value.outcomes[0]?.due?.at).toBe('2024-10-02T15:59:59.999Z');
  });

  it('counts each vehicle occasion covered by one handover (S000-ARCHIVE-07)', () => {
    const d = handoverOf(newCar('2024-03-04', '2024-03-08', { quantity: 2 }), dealerFilesPreset, now);
    expect(d.value.violations[0]?.quantity).toBe(2);
  });
});

describe('handoverOf: after-sales file (S000-ARCHIVE-09)', () => {
  const file = (delivery: string, handedOverAt: string, completedAt?: string): HandoverInput => ({
    fileTypeId: 'afterSalesMaintenanceFile',
    fileId: 'RO-1',
    responsible: sa,
    events: { delivery: `${delivery}T15:00:00+08:00` },
    handedOverAt: `${handedOverAt}T09:00:00+08:00`,
    ...(completedAt ? { completedAt: `${completedAt}T09:00:00+08:00` } : {}),
  });

  it('is due the next working day: delivered Tue, complete Wed is on time (S000-ARCHIVE-09)', () => {
    expect(handoverOf(file('2024-03-05', '2024-03-06'), dealerFilesPreset, now).value.violations).toEqual([]);
  });

  it('is due Monday for a Friday delivery (S000-ARCHIVE-09)', () => {
    const d = handoverOf(file('2024-03-08', '2024-03-11'), dealerFilesPreset, now);
    expect(d.value.outcomes[0]?.due?.at).toBe('2024-03-11T15:59:59.999Z');
    expect(d.value.violations).toEqual([]);
  });

  it('measures the complete set: handed over on time but completed Thu is late (S000-ARCHIVE-09)', () => {
    const d = handoverOf(file('2024-03-05', '2024-03-06', '2024-03-07'), dealerFilesPreset, now);
    expect(d.value.violations[0]).toMatchObject({
      code: 'records.handover.late',
      role: 'serviceAdvisor',
      lateBy: { units: 1 },
    });
  });
});

describe('handoverOf: deadlines the seeds leave open', () => {
  it('only orders events when the leasing archive form has no deadline in the seed (S000B-ARCHIVE-02)', () => {
    const d = handoverOf(
      {
        fileTypeId: 'leasingCustomerArchiveForm',
        fileId: 'L1',
        responsible: { personId: 'm1', role: 'leasingManager' },
        events: { dealClosed: '2024-03-01T10:00:00+08:00' },
        handedOverAt: '2024-05-01T10:00:00+08:00',
      },
      leasingArchivePreset,
      now,
    );
    expect(d.value.outcomes[0]?.status).toBe('noDeadline');
    expect(d.value.violations).toEqual([]);
  });

  it('enforces a company-set entry deadline of 1 working day after collection (S003-ARCHIVE-05)', () => {
    const fileTypes = customerArchivePreset.params.fileTypes.map((t) =>
      t.id === 'customerArchive003'
        ? {
            ...t,
            handover: t.handover.map((h) => ({ ...h, within: { unit: 'workingDays' as const, amount: 1 } })),
          }
        : t,
    );
    const policy = defineRecordsPolicy({
      ...customerArchivePreset,
      params: { ...customerArchivePreset.params, fileTypes },
    });
    const input = (entered: string): HandoverInput => ({
      fileTypeId: 'customerArchive003',
      fileId: 'C1',
      responsible: { personId: 'u1', role: 'salesperson' },
      events: { collected: '2024-03-04T10:00:00+08:00' },
      handedOverAt: `${entered}T10:00:00+08:00`,
    });
    expect(handoverOf(input('2024-03-05'), policy, now).value.violations).toEqual([]);
    expect(handoverOf(input('2024-03-07'), policy, now).value.violations[0]?.lateBy?.units).toBe(2);
  });

  it('files a new corporate customer within 5 working days of first contact (S000B-ARCHIVE-07)', () => {
    const input: HandoverInput = {
      fileTypeId: 'corporateCustomerArchive',
      fileId: 'c10',
      responsible: { personId: 'b1', role: 'businessDepartment' },
      events: { firstContact: '2024-03-04T10:00:00+08:00' },
      handedOverAt: '2024-03-12T10:00:00+08:00',
    };
    const d = handoverOf(input, corporateArchivePreset, now);
    expect(d.value.outcomes[0]?.due?.at).toBe('2024-03-11T15:59:59.999Z');
    expect(d.value.violations[0]?.code).toBe('records.handover.late');
  });
});

describe('handoverOf: bad input', () => {
  it('refuses an unknown file type', () => {
    const bad = { ...newCar('2024-03-04', '2024-03-05'), fileTypeId: 'carFile' };
    expect(() => handoverOf(bad, dealerFilesPreset, now)).toThrow(ZhiduError);
    try {
      handoverOf(bad, dealerFilesPreset, now);
    } catch (e) {
      expect(e).toMatchObject({ code: 'unknown_reference', path: ['fileTypeId'] });
    }
  });

  it('refuses a handover before the triggering event', () => {
    const bad = newCar('2024-03-04', '2024-03-01');
    expect(() => handoverOf(bad, dealerFilesPreset, now)).toThrowError(
      expect.objectContaining({ code: 'out_of_order', path: ['handedOverAt'] }),
    );
  });

  it('refuses a missing trigger, and a completion before the handover', () => {
    expect(() =>
      handoverOf({ ...newCar('2024-03-04', '2024-03-05'), events: {} }, dealerFilesPreset, now),
    ).toThrowError(expect.objectContaining({ code: 'invalid_input', path: ['events', 'delivery'] }));
    const early = { ...newCar('2024-03-04', '2024-03-06'), completedAt: '2024-03-05T10:00:00+08:00' };
    expect(() => handoverOf(early, dealerFilesPreset, now)).toThrowError(
      expect.objectContaining({ code: 'out_of_order' }),
    );
  });

  it('refuses negative or zero quantities', () => {
    for (const quantity of [-1, 0, 1.5]) {
      expect(() =>
        handoverOf(newCar('2024-03-04', '2024-03-05', { quantity }), dealerFilesPreset, now),
      ).toThrowError(expect.objectContaining({ code: 'invalid_input', path: ['quantity'] }));
    }
  });
});

describe('handoverOf: properties', () => {
  const calendar = chinaCalendar();
  it('never reports less lateness for a later handover (S000-ARCHIVE-07)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        (d0, gap, extra) => {
          const delivery = new Date(Date.UTC(2024, 0, 1) + d0 * 86_400_000).toISOString().slice(0, 10);
          const at = (days: number) =>
            new Date(Date.parse(`${delivery}T02:00:00Z`) + days * 86_400_000).toISOString();
          const run = (days: number) =>
            handoverOf(
              {
                fileTypeId: 'newCarSalesFile',
                fileId: 'V',
                responsible: sc,
                events: { delivery: at(0) },
                handedOverAt: at(days),
              },
              dealerFilesPreset,
              { now: at(200), calendar },
            ).value.outcomes[0]?.workingDaysLate ?? 0;
          expect(run(gap + extra)).toBeGreaterThanOrEqual(run(gap));
        },
      ),
      { numRuns: 200 },
    );
  });
});
