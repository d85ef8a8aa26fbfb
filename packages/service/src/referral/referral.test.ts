import { yuan, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceReferral } from '../modules.js';
import { defineServicePolicy } from '../policy.js';
import {
  s001ConferenceMarketingPolicy as C,
  s004LeasingPolicy as L,
  s000bRelationshipPolicy,
  s000bSalesSitePolicy,
} from '../presets/index.js';
import {
  agentHandling,
  classifyAgent,
  normaliseClientProfile,
  referredProspect,
  repeatPurchaseDiscount,
  validateLead,
} from './leads.js';
import { referralPoints } from './points.js';

const att = (eventId: string, day: string) => ({ eventId, at: `2024-03-${day}T10:00:00+08:00` });
const ref = (n: string, attendances: { eventId: string; at: string }[], extra: object = {}) => ({
  newCustomerId: n,
  referrerId: 'O',
  referrerIsClubMember: true,
  attendances,
  ...extra,
});

describe('referral points (001 L28–32)', () => {
  it('gives 200 points when O brings N1 and N2 who both attend (S001-REFERRAL-01)', () => {
    const d = referralPoints([ref('N1', [att('E1', '01')]), ref('N2', [att('E1', '01')])], [], C);
    expect(d.value).toEqual([
      {
        referrerId: 'O',
        attendancePoints: 200,
        salesPoints: 0,
        total: 200,
        rewardedNewCustomers: ['N1', 'N2'],
      },
    ]);
    expect(d.trace.every((t) => t.rule === 'S001-REFERRAL-01')).toBe(true);
  });

  it('gives nothing for a second attendance, a no-show, an existing customer or a non-member referrer (S001-REFERRAL-01)', () => {
    const d = referralPoints(
      [
        ref('N1', [att('E1', '01'), att('E2', '08')]),
        ref('N3', []),
        ref('N4', [att('E1', '01')], { alreadyCustomer: true }),
        ref('N5', [att('E1', '01')], { referrerId: 'Q', referrerIsClubMember: false }),
      ],
      [],
      C,
    ).value;
    expect(d.find((r) => r.referrerId === 'O')?.total).toBe(100);
    expect(d.find((r) => r.referrerId === 'Q')?.total).toBe(0);
  });

  it('pays per attendance when the company chooses that reading (S001-REFERRAL-01)', () => {
    const perAttendance = defineServicePolicy({
      ...C,
      params: { referral: { ...C.params.referral, perAttendance: true } },
    });
    expect(
      referralPoints([ref('N1', [att('E1', '01'), att('E2', '08')])], [], perAttendance).value[0]
        ?.attendancePoints,
    ).toBe(200);
  });

  it.each([
    [[2500], true, 200],
    [[999], true, 0],
    [[600, 600], true, 100],
    [[3000], false, 0],
  ])(
    'gives sales points for on-site sales %j (onSite=%s): %i points (S001-REFERRAL-02)',
    (amounts, onSite, points) => {
      const sales = amounts.map((a, i) => ({
        id: `s${i}`,
        newCustomerId: 'N1',
        eventId: 'E1',
        amount: yuan(a),
        onSite,
      }));
      const d = referralPoints([ref('N1', [])], sales, C).value;
      expect(d[0]?.salesPoints).toBe(points);
    },
  );

  it('floors per transaction when configured: 600 + 600 gives 0 (S001-REFERRAL-02)', () => {
    const perTx = defineServicePolicy({
      ...C,
      params: { referral: { ...C.params.referral, salesRounding: 'floorPerTransaction' } },
    });
    const sales = [0, 1].map((i) => ({
      id: `s${i}`,
      newCustomerId: 'N1',
      eventId: 'E1',
      amount: yuan(600),
      onSite: true,
    }));
    expect(referralPoints([ref('N1', [])], sales, perTx).value[0]?.salesPoints).toBe(0);
  });

  it('reverses points for refunded sales (S001-REFERRAL-02)', () => {
    const sales = [
      { id: 's', newCustomerId: 'N1', eventId: 'E1', amount: yuan(5000), onSite: true, refunded: true },
    ];
    expect(referralPoints([ref('N1', [])], sales, C).value[0]?.salesPoints).toBe(0);
  });

  it('refuses a referral without a referrer, a negative sale, a duplicate and a sale to an unreferred customer', () => {
    expect(() =>
      referralPoints([{ newCustomerId: 'N1', referrerIsClubMember: true, attendances: [] } as never], [], C),
    ).toThrow(ZhiduError);
    expect(() => referralPoints([{ ...ref('N1', []), referrerId: '' }], [], C)).toThrow(ZhiduError);
    expect(() =>
      referralPoints(
        [ref('N1', [])],
        [{ id: 's', newCustomerId: 'N1', eventId: 'E', amount: -100, onSite: true }],
        C,
      ),
    ).toThrow(ZhiduError);
    expect(() => referralPoints([ref('N1', []), ref('N1', [])], [], C)).toThrow(ZhiduError);
    expect(() =>
      referralPoints([], [{ id: 's', newCustomerId: 'NX', eventId: 'E', amount: 100, onSite: true }], C),
    ).toThrow(ZhiduError);
  });

  it('refuses a sale listed twice, whose points were counted twice (S001-REFERRAL-02)', () => {
    const referrals = [ref('N3', [att('E2', '01')]), ref('N4', [att('E2', '01')])];
    const s3 = { id: 's3', newCustomerId: 'N3', eventId: 'E2', amount: yuan(1000), onSite: true };
    const s4 = { id: 's4', newCustomerId: 'N4', eventId: 'E2', amount: 199_999, onSite: true };
    // Each sale once: one full ¥1,000 each, 100 points each.
    expect(referralPoints(referrals, [s3, s4], C).value[0]).toMatchObject({ salesPoints: 200, total: 400 });
    const twice = [s3, s4, s3];
    expect(() => referralPoints(referrals, twice, C)).toThrow(
      expect.objectContaining({
        code: 'duplicate',
        path: ['sales', 2, 'id'],
        message: expect.stringContaining('销售 s3 重复列出 / sale s3 is listed twice'),
      }),
    );
    expect(() =>
      serviceReferral.evaluate(
        { op: 'computeReferralPoints', referrals, sales: twice },
        serviceReferral.preset('s001-conference-marketing'),
        { now: '2024-03-02T10:00:00+08:00' },
      ),
    ).toThrow(expect.objectContaining({ code: 'duplicate', path: ['input', 'sales', 2, 'id'] }));
  });

  it('property: sales points equal 100 × floor(sum / 1000) per customer and event, and never decrease when a sale is added (S001-REFERRAL-02)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500_000 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 500_000 }),
        (amounts, extra) => {
          const sales = amounts.map((a, i) => ({
            id: `s${i}`,
            newCustomerId: 'N1',
            eventId: 'E1',
            amount: a,
            onSite: true,
          }));
          const pts = referralPoints([ref('N1', [])], sales, C).value[0]?.salesPoints ?? 0;
          expect(pts).toBe(100 * Math.floor(amounts.reduce((a, b) => a + b, 0) / 100_000));
          const more =
            referralPoints(
              [ref('N1', [])],
              [...sales, { id: 'x', newCustomerId: 'N1', eventId: 'E1', amount: extra, onSite: true }],
              C,
            ).value[0]?.salesPoints ?? 0;
          expect(more).toBeGreaterThanOrEqual(pts);
        },
      ),
    );
  });
});

describe('lead sources and prospects (000 L827–869, L1171)', () => {
  it.each([
    [{ source: 'chainReferral', referrerId: 'c1' }, []],
    [{ source: 'chainReferral' }, ['REFERRER_REQUIRED']],
    [{ source: 'personalObservation' }, []],
    [{ source: 'crossCooperation' }, ['REFERRER_REQUIRED']],
  ])('validates lead %j → %j (S000B-REFERRAL-01)', (lead, errors) => {
    expect(validateLead(lead, s000bSalesSitePolicy).value).toEqual(errors);
  });

  it('refuses an unknown lead source', () => {
    expect(() => validateLead({ source: 'coldCall' }, s000bSalesSitePolicy)).toThrow(ZhiduError);
  });

  it('links a referred friend as a quasi-intent prospect, promoted to intent with contact and intent, refused without a referrer (S000B-REFERRAL-02)', () => {
    expect(referredProspect({ referrerCustomerId: 'c1', name: 'f1' }, s000bSalesSitePolicy).value).toEqual({
      name: 'f1',
      referrerCustomerId: 'c1',
      phone: null,
      status: 'quasiIntent',
    });
    expect(
      referredProspect(
        { referrerCustomerId: 'c1', name: 'f1', phone: '13800000000', statedIntent: true },
        s000bSalesSitePolicy,
      ).value.status,
    ).toBe('intent');
    expect(
      referredProspect({ referrerCustomerId: 'c1', name: 'f1', statedIntent: true }, s000bSalesSitePolicy)
        .value.status,
    ).toBe('quasiIntent');
    expect(() => referredProspect({ name: 'f1' }, s000bSalesSitePolicy)).toThrow(ZhiduError);
  });

  it('makes a customer with a completed purchase eligible for a repeat discount whose rate is unspecified (S000B-REFERRAL-03)', () => {
    expect(repeatPurchaseDiscount(1, s000bRelationshipPolicy).value).toEqual({
      eligible: true,
      rate: 'UNSPECIFIED',
    });
    expect(repeatPurchaseDiscount(0, s000bRelationshipPolicy).value.eligible).toBe(false);
    const configured = defineServicePolicy({
      ...s000bRelationshipPolicy,
      params: {
        ...s000bRelationshipPolicy.params,
        leads: { ...s000bRelationshipPolicy.params.leads, repeatDiscountRate: 0.02 },
      },
    });
    expect(repeatPurchaseDiscount(3, configured).value.rate).toBe(0.02);
    expect(() => repeatPurchaseDiscount(-1, s000bRelationshipPolicy)).toThrow(ZhiduError);
  });
});

describe('visiting agents (004 L172–195)', () => {
  it.each([
    [{ pastDeals: 2, frequentContact: true }, 1],
    [{ firstVisit: true, suspectedMarketResearch: false }, 2],
    [{ firstVisit: true, suspectedMarketResearch: true }, 3],
    [{ pastDeals: 3, suspectedMarketResearch: true }, 3],
  ])('classifies %j as type %i (S004-REFERRAL-01)', (facts, type) => {
    expect(classifyAgent(facts, L).value).toBe(type);
  });

  it('takes a type-1 agent with a client on a viewing with matched quote, and gives only vacancy info otherwise (S004-REFERRAL-02)', () => {
    expect(agentHandling(1, true, L).value).toMatchObject({
      viewing: true,
      materials: ['quotation', 'floorPlans', 'colourBrochure'],
      quoteMode: 'matched',
    });
    expect(agentHandling(1, false, L).value).toMatchObject({
      viewing: false,
      materials: ['vacancyInfo'],
      quoteMode: 'conservative',
    });
    expect(normaliseClientProfile({ nature: 'stateOwned', scope: 'finance' }, L).value).toEqual({
      nature: 'other',
      scope: 'finance',
    });
  });

  it('gives a type-2 agent brochure and vacancy info with a reserved quote and optional monitoring (S004-REFERRAL-03)', () => {
    expect(agentHandling(2, false, L).value).toEqual({
      viewing: false,
      materials: ['brochure', 'vacancyInfo'],
      quoteMode: 'reserved',
      maxBrochures: null,
      escortRequired: false,
      notifyMonitoringRoom: 'optional',
    });
  });

  it('gives a type-3 agent one brochure, no quote, and an escort out (S004-REFERRAL-04)', () => {
    expect(agentHandling(3, true, L).value).toMatchObject({
      viewing: false,
      quoteMode: 'none',
      maxBrochures: 1,
      escortRequired: true,
    });
  });
});
