import { yuan, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { serviceLeasing } from '../modules.js';
import { defineServicePolicy } from '../policy.js';
import { s004LeasingPolicy as L, s000bLeasingInfoPolicy, s002ProjectCsPolicy } from '../presets/index.js';
import { advanceConsultation, bookViewing, dutyLogCompleteness } from './desk.js';
import {
  flexibleTermAllowed,
  monthlyCost,
  negotiationLocationOk,
  recommendVacancies,
  visitNextStep,
  visitorRisk,
} from './leasing.js';

const withTolerance = defineServicePolicy({
  ...L,
  params: { ...L.params, leasing: { ...(L.params.leasing ?? {}), areaTolerancePercent: 10 } },
});

describe('leasing reception (004 L127–195)', () => {
  it('recommends vacancies within the configured area tolerance and refuses without one (S004-RECEPT-03)', () => {
    const v = [
      { id: 'u1', areaSqm: 280 },
      { id: 'u2', areaSqm: 320 },
      { id: 'u3', areaSqm: 500 },
    ];
    expect(recommendVacancies(300, v, withTolerance).value.map((x) => x.id)).toEqual(['u1', 'u2']);
    expect(() => recommendVacancies(300, v, L)).toThrow(ZhiduError);
    expect(() => recommendVacancies(0, v, withTolerance)).toThrow(ZhiduError);
  });

  it('offers no flexible terms by phone, only during a visit (S004-RECEPT-03, S004-RECEPT-05)', () => {
    expect(flexibleTermAllowed('rentFreePeriod', 'phone', L).value).toBe(false);
    expect(flexibleTermAllowed('rentFreePeriod', 'visit', L).value).toBe(true);
    expect(flexibleTermAllowed('freeParking', 'visit', L).value).toBe(false);
  });

  it('quotes first when a unit fits the visitor’s area, else introduces (S004-RECEPT-04)', () => {
    expect(visitNextStep(300, [{ id: 'u', areaSqm: 310 }], withTolerance).value).toBe('quote');
    expect(visitNextStep(300, [{ id: 'u', areaSqm: 900 }], withTolerance).value).toBe('introduce');
  });

  it.each([
    ['meetingRoom', true],
    ['lift', false],
    ['frontDesk', false],
  ])('allows negotiation in %s: %s (S004-RECEPT-06)', (loc, ok) => {
    expect(negotiationLocationOk(loc, L).value).toBe(ok);
  });

  it('computes the monthly cost of the catalog example as 30,000 and refuses 0 m² (S004-RECEPT-07)', () => {
    const c = monthlyCost({
      areaSqm: 200,
      rentPerSqmMonth: yuan(120),
      mgmtFeePerSqmMonth: yuan(25),
      phoneLines: 2,
      phoneRentalPerLine: yuan(100),
      parkingSpaces: 1,
      parkingFeePerSpace: yuan(800),
    }).value;
    expect(c).toEqual({
      rent: yuan(24000),
      managementFee: yuan(5000),
      phone: yuan(200),
      parking: yuan(800),
      total: yuan(30000),
    });
    const noExtras = {
      areaSqm: 150,
      rentPerSqmMonth: yuan(100),
      mgmtFeePerSqmMonth: yuan(20),
      phoneLines: 0,
      phoneRentalPerLine: 0,
      parkingSpaces: 0,
      parkingFeePerSpace: 0,
    };
    expect(monthlyCost(noExtras).value.total).toBe(yuan(18000));
    expect(() => monthlyCost({ ...noExtras, areaSqm: 0 })).toThrow(ZhiduError);
    expect(() => monthlyCost({ ...noExtras, rentPerSqmMonth: -1 })).toThrow(ZhiduError);
  });

  it.each([
    [false, false, 'anonymous'],
    [false, true, 'normal'],
    [true, false, 'normal'],
  ] as const)(
    'flags a visitor with card=%s phone=%s as %s (S004-RECEPT-09)',
    (cardGiven, phoneGiven, risk) => {
      expect(visitorRisk({ cardGiven, phoneGiven }, L).value).toBe(risk);
    },
  );

  it('books a free viewing slot and refuses the same slot for the same salesperson (S002-SYS-03)', () => {
    const req = {
      customerId: 'c1',
      salespersonId: 's1',
      start: '2024-03-09T10:00:00+08:00',
      end: '2024-03-09T10:30:00+08:00',
    };
    const first = bookViewing([], req, s002ProjectCsPolicy).value;
    expect(first.status).toBe('booked');
    expect(bookViewing([req], { ...req, customerId: 'c2' }, s002ProjectCsPolicy).value.status).toBe(
      'SLOT_UNAVAILABLE',
    );
    expect(bookViewing([req], { ...req, salespersonId: 's2' }, s002ProjectCsPolicy).value.status).toBe(
      'booked',
    );
    expect(() => bookViewing([], { ...req, customerId: '' }, s002ProjectCsPolicy)).toThrow(ZhiduError);
  });

  it('finds calls and walk-ins missing from the daily registration form, one entry per customer per day (S000B-RECEPTION-02)', () => {
    const log = [
      { id: 'x1', at: '2024-03-05T09:00:00+08:00', phone: '13800000001' },
      { id: 'x2', at: '2024-03-05T10:00:00+08:00', phone: '13800000002' },
      { id: 'x3', at: '2024-03-05T15:00:00+08:00', phone: '13800000001' },
      { id: 'x4', at: '2024-03-05T16:00:00+08:00', name: 'Li' },
    ];
    const form = [
      { phone: '13800000001', date: '2024-03-05' },
      { name: 'Li', date: '2024-03-05' },
    ];
    expect(dutyLogCompleteness(log, form, s000bLeasingInfoPolicy).value.missing.map((c) => c.id)).toEqual([
      'x2',
    ]);
    expect(
      dutyLogCompleteness(
        log,
        [...form, { phone: '13800000002', date: '2024-03-05' }],
        s000bLeasingInfoPolicy,
      ).value.missing,
    ).toEqual([]);
    expect(() =>
      dutyLogCompleteness([{ id: 'y', at: '2024-03-05T09:00:00+08:00' }], [], s000bLeasingInfoPolicy),
    ).toThrow(ZhiduError);
  });

  it('refuses a contact listed twice, which was reported missing twice (S000B-RECEPTION-02)', () => {
    const x1 = { id: 'x1', at: '2024-03-05T09:00:00+08:00', phone: '13800000001' };
    const x2 = { id: 'x2', at: '2024-03-05T11:00:00+08:00', phone: '13800000002' };
    const form = [{ phone: '13800000001', date: '2024-03-05' }];
    // Each contact once: x2 is missing from the form, once.
    expect(
      dutyLogCompleteness([x1, x2], form, s000bLeasingInfoPolicy).value.missing.map((c) => c.id),
    ).toEqual(['x2']);
    expect(() => dutyLogCompleteness([x1, x2, x2], form, s000bLeasingInfoPolicy)).toThrow(
      expect.objectContaining({
        code: 'duplicate',
        path: ['log', 2, 'id'],
        message: expect.stringContaining('来访记录 x2 重复列出 / contact x2 is listed twice'),
      }),
    );
    expect(() =>
      serviceLeasing.evaluate(
        { op: 'dutyLogCompleteness', log: [x1, x2, x2], form },
        serviceLeasing.preset('s000b-leasing-info'),
        { now: '2025-01-01T00:00:00+08:00' },
      ),
    ).toThrow(expect.objectContaining({ code: 'duplicate', path: ['input', 'log', 2, 'id'] }));
  });

  it('moves a consultation through collect → classify → assign → answer → record, refusing steps with missing data (S002-FLOW-05)', () => {
    const P = s002ProjectCsPolicy;
    expect(advanceConsultation({ step: 'collected', contact: 'x', content: 'y' }, P).value).toEqual({
      ok: false,
      error: 'CATEGORY_REQUIRED',
    });
    expect(
      advanceConsultation({ step: 'collected', contact: 'x', content: 'y', category: 'price' }, P).value,
    ).toEqual({ ok: true, step: 'classified' });
    expect(advanceConsultation({ step: 'answered', channel: 'email', solution: '' }, P).value).toEqual({
      ok: false,
      error: 'SOLUTION_REQUIRED',
    });
    expect(
      advanceConsultation({ step: 'answered', channel: 'email', solution: 'price list sent' }, P).value,
    ).toEqual({ ok: true, step: 'recorded' });
  });
});
