import { allocate, makeContext, ViolationSchema, yuan, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badDebtLiability, monthEndRecovery, unapprovedShipmentLiability } from './liability.js';
import { distributorCreditLinePolicy } from './policy.js';

// The catalog's placeholder ratios (salesRep 10 %, regionalManager 5 %) — the seed gives none.
const policy = distributorCreditLinePolicy({
  withinLimitShares: {
    shares: [
      { role: 'salesRep', weight: 10 },
      { role: 'regionalManager', weight: 5 },
    ],
    of: 100,
  },
  monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
});
const staff = [
  { personId: 'li', role: 'salesRep' },
  { personId: 'wang', role: 'regionalManager' },
];
const duty = [
  { personId: 'zhou', role: 'logisticsSpecialist' },
  { personId: 'wu', role: 'warehouseKeeper' },
  { personId: 'zheng', role: 'marketingDeptHead' },
];
/** An unapproved ¥18,000 batch shipped on 2024-04-02 and verified by audit, staffed by `duty` (S000-CREDIT-12). */
const BATCH_AT = '2024-04-02T10:00:00+08:00';
const batchB7 = {
  shipmentId: 'B7',
  at: BATCH_AT,
  amount: yuan(18_000),
  prepaid: false,
  approved: false,
  verified: { at: BATCH_AT, by: 'audit' },
  staff: duty,
};

describe('bad-debt liability (坏账承担)', () => {
  it('shares a ¥40,000 bad debt within the limit by ratio; the company bears ¥34,000 (S000-CREDIT-10)', () => {
    const d = badDebtLiability(
      { shipmentId: 'S1', amount: yuan(40_000), regime: 'withinLimit', staff },
      policy,
    );
    expect(d.value).toEqual({
      shares: [
        { personId: 'li', role: 'salesRep', amount: yuan(4_000) },
        { personId: 'wang', role: 'regionalManager', amount: yuan(2_000) },
      ],
      company: yuan(34_000),
    });
    expect(d.trace[0]?.rule).toBe('S000-CREDIT-10');
  });

  it("refuses a person listed twice in one role, who split that role's share with themself (S000-CREDIT-10, S000-CREDIT-12)", () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as ZhiduError).code, (e as ZhiduError).path];
      }
      return undefined;
    };
    const li = staff[0] as (typeof staff)[number];
    expect(
      refusal(() =>
        badDebtLiability(
          { shipmentId: 'S1', amount: yuan(40_000), regime: 'withinLimit', staff: [...staff, li] },
          policy,
        ),
      ),
    ).toEqual(['duplicate', ['debt', 'staff', 2, 'personId']]);
    expect(
      refusal(() =>
        unapprovedShipmentLiability(
          { ...batchB7, staff: [...duty, duty[0] as (typeof duty)[number]] },
          policy,
        ),
      ),
    ).toEqual(['duplicate', ['batch', 'staff', 3, 'personId']]);
    // One person in two roles takes both roles' shares (¥4,000 + ¥2,000).
    const both = badDebtLiability(
      {
        shipmentId: 'S1',
        amount: yuan(40_000),
        regime: 'withinLimit',
        staff: [li, { personId: 'li', role: 'regionalManager' }],
      },
      policy,
    ).value;
    expect(both.shares.map((x) => [x.personId, x.role, x.amount])).toEqual([
      ['li', 'salesRep', yuan(4_000)],
      ['li', 'regionalManager', yuan(2_000)],
    ]);
  });

  it('treats a first over-limit shipment of ¥20,000 that goes bad as within the limit (S000-CREDIT-10)', () => {
    const d = badDebtLiability(
      { shipmentId: 'S2', amount: yuan(20_000), regime: 'withinLimit', staff },
      policy,
    );
    expect(d.value.shares.map((s) => s.amount)).toEqual([yuan(2_000), yuan(1_000)]);
  });

  it('puts the whole final over-limit shipment on its signer by default (S000-CREDIT-11)', () => {
    const d = badDebtLiability(
      {
        shipmentId: 'S3',
        amount: yuan(25_000),
        regime: 'finalOverLimit',
        staff,
        signatory: { personId: 'R', role: 'regionalManager' },
      },
      policy,
    );
    expect(d.value).toEqual({
      shares: [{ personId: 'R', role: 'signatory', amount: yuan(25_000) }],
      company: 0,
    });
  });

  it('splits the final shipment 60/40 when finance configures it so (S000-CREDIT-11)', () => {
    const split = {
      ...policy,
      params: {
        ...policy.params,
        liability: {
          ...policy.params.liability,
          finalOverLimit: {
            shares: [
              { role: 'signatory', weight: 60 },
              { role: 'salesRep', weight: 40 },
            ],
            of: 100,
          },
        },
      },
    };
    const d = badDebtLiability(
      {
        shipmentId: 'S3',
        amount: yuan(25_000),
        regime: 'finalOverLimit',
        staff: [{ personId: 'S', role: 'salesRep' }],
        signatory: { personId: 'R', role: 'regionalManager' },
      },
      split,
    );
    expect(d.value.shares).toEqual([
      { personId: 'R', role: 'signatory', amount: yuan(15_000) },
      { personId: 'S', role: 'salesRep', amount: yuan(10_000) },
    ]);
  });

  it('never loses or invents a fen, whatever the amount and the staff (S000-CREDIT-10)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        (amount, reps) => {
          const people = [
            ...Array.from({ length: reps }, (_, i) => ({ personId: `r${i}`, role: 'salesRep' })),
            staff[1] ?? staff[0],
          ];
          const v = badDebtLiability(
            { shipmentId: 'X', amount, regime: 'withinLimit', staff: people.filter((p) => p !== undefined) },
            policy,
          ).value;
          expect(v.shares.reduce((s, x) => s + x.amount, 0) + v.company).toBe(amount);
        },
      ),
    );
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
  });

  it('charges an unapproved ¥18,000 batch in equal thirds to logistics, warehouse and market head, as violations (S000-CREDIT-12)', () => {
    const d = unapprovedShipmentLiability(batchB7, policy);
    expect(d.value.shares.map((s) => [s.role, s.amount])).toEqual([
      ['logisticsSpecialist', yuan(6_000)],
      ['warehouseKeeper', yuan(6_000)],
      ['marketingDeptHead', yuan(6_000)],
    ]);
    expect(d.value.legalActionReserved).toBe(true);
    expect(d.value.violations).toHaveLength(3);
    for (const v of d.value.violations) {
      expect(ViolationSchema.parse(v).code).toBe('credit.overLimit.unapproved');
      expect(v.source.rule).toBe('S000-CREDIT-12');
      // the module that emits it, not the package name '@zhidu/credit'
      expect(v.source.module).toBe('credit.unapproved-shipment');
    }
  });

  it('charges only the uncollected half when ¥9,000 of the batch came back, and nobody for a prepaid batch (S000-CREDIT-12)', () => {
    expect(
      unapprovedShipmentLiability({ ...batchB7, collected: yuan(9_000) }, policy).value.shares.map(
        (s) => s.amount,
      ),
    ).toEqual([yuan(3_000), yuan(3_000), yuan(3_000)]);
    expect(unapprovedShipmentLiability({ ...batchB7, prepaid: true }, policy).value).toMatchObject({
      liable: false,
      shares: [],
    });
    expect(unapprovedShipmentLiability({ ...batchB7, verified: null }, policy).value.liable).toBe(false);
  });
});

describe('month-end recovery of the final over-limit shipment (S000-CREDIT-13)', () => {
  const signatory = { personId: 'wang', role: 'regionalManager' };
  const shipment = { shipmentId: 'S2', at: '2024-03-12T10:00:00+08:00', amount: yuan(25_000), signatory };
  const april = makeContext({ now: '2024-04-01T09:00:00+08:00' });

  it('deducts nothing when all ¥25,000 is collected by 2024-03-31 (S000-CREDIT-13)', () => {
    const d = monthEndRecovery(
      shipment,
      [{ at: '2024-03-31T23:00:00+08:00', amount: yuan(25_000) }],
      policy,
      april,
    );
    expect(d.value).toMatchObject({
      status: 'recovered',
      deadline: '2024-03-31',
      deduction: 0,
      violation: null,
    });
  });

  it('deducts ¥15,000 × 1/5 = ¥3,000 from the signer when only ¥10,000 is back by month-end (S000-CREDIT-13)', () => {
    const d = monthEndRecovery(
      shipment,
      [
        { at: '2024-03-20T10:00:00+08:00', amount: yuan(10_000) },
        { at: '2024-04-01T08:00:00+08:00', amount: yuan(15_000) },
      ],
      policy,
      april,
    );
    expect(d.value).toMatchObject({
      status: 'unrecovered',
      uncollected: yuan(15_000),
      deduction: yuan(3_000),
    });
    const v = ViolationSchema.parse(d.value.violation);
    expect(v).toMatchObject({
      code: 'credit.overLimit.unrecovered',
      personId: 'wang',
      occurredAt: '2024-03-31T15:59:59.999Z',
      source: { module: 'credit.month-end-recovery', rule: 'S000-CREDIT-13' },
    });
  });

  it('gives a shipment of 2024-03-30 until 2024-03-31, and is pending before then (S000-CREDIT-13)', () => {
    const d = monthEndRecovery(
      { ...shipment, at: '2024-03-30T10:00:00+08:00' },
      [],
      policy,
      makeContext({ now: '2024-03-31T20:00:00+08:00' }),
    );
    expect(d.value).toMatchObject({ status: 'pending', deadline: '2024-03-31', violation: null });
  });

  it('refuses a negative collection as bad input', () => {
    expect(() =>
      monthEndRecovery(shipment, [{ at: '2024-03-20T10:00:00+08:00', amount: -1 }], policy, april),
    ).toThrow(ZhiduError);
  });
});
