import { makeContext, yuan, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceReception } from '../modules.js';
import { defineServicePolicy } from '../policy.js';
import { s000bCorporatePolicy, s000ReceptionPolicy, s001VisitorReceptionPolicy } from '../presets/index.js';
import {
  greetingCheck,
  handleRestrictedRequest,
  isClassVenueAllowed,
  receptionLevel,
  responsibleRoles,
} from './conduct.js';
import { classifyGuest, planReception } from './plan.js';

const P = s000ReceptionPolicy;

describe('reception classes and plans (000 L137–149)', () => {
  it.each([
    [['foreignGuest'], 'B'],
    [['marketingCustomer'], 'C'],
    [['generalVisitor'], 'D'],
    [['seniorMgmtGuest', 'marketingCustomer'], 'A'],
    [[], 'D'],
  ] as const)('classifies %j as class %s, the highest class winning (S000-RECEPTION-01)', (flags, cls) => {
    const d = classifyGuest(flags, P);
    expect(d.value).toBe(cls);
    expect(d.trace[0]?.rule).toBe('S000-RECEPTION-01');
  });

  it('hosts class A by senior management with a cap of 2,000 for 4 guests (S000-RECEPTION-02)', () => {
    const plan = planReception({ class: 'A', guests: 4 }, P).value;
    expect(plan.host.role).toBe('seniorManagement');
    expect(plan.budget).toMatchObject({
      perPerson: yuan(500),
      cap: yuan(2000),
      kind: 'cap',
      flagAbove: yuan(2000),
    });
  });

  it('gives class B about 1,800 for 6 guests and flags only above 1,980 with the 10 % tolerance (S000-RECEPTION-02)', () => {
    expect(planReception({ class: 'B', guests: 6, spend: yuan(1980) }, P).value.spend?.over).toBe(false);
    const over = planReception({ class: 'B', guests: 6, spend: yuan('1980.01') }, P).value;
    expect(over.budget?.cap).toBe(yuan(1800));
    expect(over.spend).toEqual({ amount: 198001, over: true, overBy: 18001 });
    expect(over.flags.map((f) => f.code)).toContain('service.reception.overspend');
  });

  it('flags class D, 12 guests spending 1,900 against a cap of 1,800 and emits a Violation for the host (S000-RECEPTION-02)', () => {
    const ctx = makeContext({ now: '2024-03-05T20:00:00+08:00' });
    const plan = planReception({ class: 'D', guests: 12, spend: yuan(1900), hostId: 'p7' }, P, ctx).value;
    expect(plan.budget?.cap).toBe(yuan(1800));
    expect(plan.spend?.over).toBe(true);
    expect(plan.violations).toEqual([
      expect.objectContaining({
        code: 'service.reception.overspend',
        personId: 'p7',
        source: expect.objectContaining({ rule: 'S000-RECEPTION-02' }),
      }),
    ]);
  });

  it.each([
    [3, 1, 1],
    [4, 1, 1],
    [5, 2, 2],
    [10, 2, 2],
    [11, 3, null],
  ])(
    'sends companions for %i guests: %i..%s, 5 and 10 in the middle band (S000-RECEPTION-03)',
    (guests, min, max) => {
      expect(planReception({ class: 'C', guests }, P).value.companions).toEqual({ min, max });
    },
  );

  it('flags a companion count outside the band unless a reason is given ("原则上") (S000-RECEPTION-03)', () => {
    expect(planReception({ class: 'C', guests: 3, companions: 2 }, P).value.flags.map((f) => f.code)).toEqual(
      ['service.reception.companions'],
    );
    expect(
      planReception({ class: 'C', guests: 3, companions: 2, companionsReason: 'VIP request' }, P).value.flags,
    ).toEqual([]);
    expect(planReception({ class: 'C', guests: 12, companions: 5 }, P).value.flags).toEqual([]);
  });

  it('sends important gifts to the executive-committee chair and others to the supervisor (S000-RECEPTION-04)', () => {
    const plan = planReception(
      { class: 'B', guests: 2, gifts: [{ id: 'g1', important: true }, { id: 'g2' }] },
      P,
    ).value;
    expect(plan.gifts).toEqual([
      { id: 'g1', important: true, approverRole: 'execCommitteeChair' },
      { id: 'g2', important: false, approverRole: 'departmentSupervisor' },
    ]);
  });

  it('refuses a gift listed twice, which was planned and sent for approval twice (S000-RECEPTION-04)', () => {
    const gifts = [{ id: 'g1', important: true }, { id: 'g2' }];
    // Each gift once: one approval each.
    expect(planReception({ class: 'B', guests: 2, gifts }, P).value.gifts.map((g) => g.id)).toEqual([
      'g1',
      'g2',
    ]);
    const request = { class: 'B' as const, guests: 2, gifts: [...gifts, { id: 'g1', important: true }] };
    expect(() => planReception(request, P)).toThrow(
      expect.objectContaining({
        code: 'duplicate',
        path: ['request', 'gifts', 2, 'id'],
        message: expect.stringContaining('礼品 g1 重复列出 / gift g1 is listed twice'),
      }),
    );
    expect(() =>
      serviceReception.evaluate({ op: 'planReception', request }, serviceReception.preset('s000-reception'), {
        now: '2024-03-01T10:00:00+08:00',
      }),
    ).toThrow(expect.objectContaining({ code: 'duplicate', path: ['input', 'request', 'gifts', 2, 'id'] }));
  });

  it('treats a gift at or above a configured value as important (S000-RECEPTION-04)', () => {
    const withThreshold = defineServicePolicy({
      ...P,
      params: {
        reception: {
          ...P.params.reception,
          gifts: {
            arrangedBy: 'departmentSupervisor',
            importantApprover: 'execCommitteeChair',
            importantFrom: yuan(1000),
          },
        },
      },
    });
    const plan = planReception(
      { class: 'B', guests: 2, gifts: [{ id: 'g', value: yuan(1000) }] },
      withThreshold,
    ).value;
    expect(plan.gifts[0]?.approverRole).toBe('execCommitteeChair');
  });

  it('accepts a higher host than the class minimum and flags a lower one (S000-RECEPTION-05)', () => {
    expect(planReception({ class: 'C', guests: 2, hostRole: 'departmentDirector' }, P).value.flags).toEqual(
      [],
    );
    const low = planReception({ class: 'B', guests: 2, hostRole: 'departmentManager' }, P).value;
    expect(low.flags.map((f) => f.code)).toEqual(['service.reception.host']);
    expect(responsibleRoles('receptionSupplies', P).value).toEqual(['departmentSupervisor']);
  });

  it('declines a request to see another customer file and lets other restricted requests be escalated (S000-RECEPTION-06)', () => {
    expect(handleRestrictedRequest('otherCustomerFile', P).value).toEqual(['decline']);
    expect(handleRestrictedRequest('unauthorisedDiscount', P).value).toEqual(['decline', 'escalate']);
  });

  it('flags a clerk meeting a senior guest without explanation, and a greeter arriving after the flight (S000-RECEPTION-07)', () => {
    const base = {
      guestRank: 'seniorManagement',
      greeterRank: 'seniorManagement',
      arrivalInfoKnown: true,
      guestArrivesAt: '2024-03-05T10:00:00+08:00',
      greeterArrivedAt: '2024-03-05T09:30:00+08:00',
      transportBooked: true,
      lodgingBooked: true,
    };
    expect(greetingCheck(base, P).value).toEqual([]);
    expect(greetingCheck({ ...base, greeterRank: 'departmentSupervisor' }, P).value).toEqual([
      'GREETER_RANK_TOO_LOW',
    ]);
    expect(
      greetingCheck({ ...base, greeterRank: 'departmentSupervisor', explanationGiven: true }, P).value,
    ).toEqual([]);
    expect(
      greetingCheck({ ...base, greeterArrivedAt: '2024-03-05T10:05:00+08:00', lodgingBooked: false }, P)
        .value,
    ).toEqual(['GREETER_LATE', 'LODGING_NOT_BOOKED']);
  });

  it('receives key-category and hand-flagged important customers at VIP level (S000B-RECEPTION-01)', () => {
    expect(receptionLevel({ category: 'key' }, s000bCorporatePolicy).value).toBe('vip');
    expect(receptionLevel({ category: 'general' }, s000bCorporatePolicy).value).toBe('standard');
    expect(receptionLevel({ category: 'target', important: true }, s000bCorporatePolicy).value).toBe('vip');
  });

  it('maps visitor categories to their venue and allows only that room or the GM office (S001-RECEP-06)', () => {
    const V = s001VisitorReceptionPolicy;
    expect(classifyGuest(['delegation'], V).value).toBe('A');
    expect(planReception({ flags: ['marketingCustomer'], guests: 2 }, V).value.venue).toBe('businessRoom');
    expect(isClassVenueAllowed('A', 'gmOffice', V).value).toBe(true);
    expect(isClassVenueAllowed('C', 'meetingRoom3', V).value).toBe(false);
    expect(isClassVenueAllowed('C', 'cultureHall', V).value).toBe(false);
    expect(
      planReception({ class: 'C', guests: 1, venue: 'cultureHall' }, V).value.flags.map((f) => f.code),
    ).toEqual(['service.reception.venue']);
  });

  it('names the role responsible for each reception duty (S001-RECEP-07)', () => {
    const V = s001VisitorReceptionPolicy;
    expect(responsibleRoles('visitorLog', V).value).toEqual(['frontDeskClerk']);
    expect(responsibleRoles('accompanyNegotiation', V).value).toEqual(['handlingDepartment', 'secretary']);
    expect(responsibleRoles('overall', V).value).toEqual(['officeDirector']);
  });

  it('refuses bad input with ZhiduError: no class, zero guests, negative spend, unknown field', () => {
    expect(() => planReception({ guests: 2 }, P)).toThrow(ZhiduError);
    expect(() => planReception({ class: 'A', guests: 0 }, P)).toThrow(ZhiduError);
    expect(() => planReception({ class: 'A', guests: 2, spend: -1 }, P)).toThrow(ZhiduError);
    expect(() => planReception({ class: 'A', guests: 2, extra: 1 } as never, P)).toThrow(ZhiduError);
    expect(() => planReception({ class: 'A', guests: 2 }, s000bCorporatePolicy)).toThrow(ZhiduError);
  });

  it('refuses a policy whose companion bands overlap or leave a gap', () => {
    const bad = (bands: unknown) => () =>
      defineServicePolicy({ ...P, params: { reception: { ...P.params.reception, companionBands: bands } } });
    expect(
      bad([
        { minGuests: 1, maxGuests: 5, companionsMin: 1, companionsMax: 1 },
        { minGuests: 5, maxGuests: null, companionsMin: 2, companionsMax: null },
      ]),
    ).toThrow(ZhiduError);
    expect(bad([{ minGuests: 1, maxGuests: 4, companionsMin: 1, companionsMax: 1 }])).toThrow(ZhiduError);
  });

  it('property: every party size gets exactly one band and the cap is per person × guests (S000-RECEPTION-02, -03)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom('A', 'B', 'C', 'D' as const),
        (guests, cls) => {
          const plan = planReception({ class: cls, guests }, P).value;
          const expected = guests < 5 ? 1 : guests <= 10 ? 2 : 3;
          expect(plan.companions.min).toBe(expected);
          expect(plan.budget?.cap).toBe((plan.budget?.perPerson ?? 0) * guests);
          expect(plan.budget?.flagAbove ?? 0).toBeGreaterThanOrEqual(plan.budget?.cap ?? 0);
        },
      ),
    );
  });
});

describe('refusing malformed arguments from untyped callers', () => {
  it('throws ZhiduError with the path instead of a TypeError', () => {
    expect(() => receptionLevel(null as never, s000bCorporatePolicy)).toThrow(ZhiduError);
    expect(() => isClassVenueAllowed('E' as never, 'x', s001VisitorReceptionPolicy)).toThrow(ZhiduError);
    expect(() => greetingCheck({ guestRank: 'a' } as never, P)).toThrow(ZhiduError);
    try {
      responsibleRoles(42 as never, P);
      expect.unreachable();
    } catch (e) {
      expect((e as ZhiduError).path).toEqual(['task']);
    }
  });
});
