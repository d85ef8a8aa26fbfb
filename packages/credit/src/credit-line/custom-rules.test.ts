import { makeContext, yuan, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditAccountModuleWith, creditShipmentModule, creditShipmentModuleWith } from '../modules.js';
import { replayCreditAccount } from './account.js';
import { distributorCreditLinePolicy } from './policy.js';
import { dailyGoodsFromInvoices } from './rolling-limit.js';
import {
  SHIPMENT_STEPS,
  type ShipmentCustomRule,
  type ShipmentStage,
  shipmentCheck,
  shipmentPipeline,
} from './shipment.js';

const policy = distributorCreditLinePolicy({
  withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
  monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
});
const ctx = makeContext({ now: '2024-03-31T10:00:00+08:00' });
// Goods of 03-01…03-30 total ¥90,000: the limit on 2024-03-31 is ¥90,000.
const goods = dailyGoodsFromInvoices(
  [
    { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
    { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
    { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
  ],
  { from: '2024-01-01', through: '2024-04-30' },
  'Asia/Shanghai',
);
const customer = {
  customerId: 'C1',
  file: { exists: true, openerIdCopy: true },
  contract: { type: 'distribution' as const, settlementAgreement: true },
  priorYearOutstanding: 0,
  paymentTermDays: 30,
};
const account = { ...customer, goods, outstanding: yuan(80_000) };
const rm = { personId: 'wang', role: 'regionalManager' };
const shipment = { id: 'S1', at: '2024-03-31T10:00:00+08:00', amount: yuan(20_000), signatures: [rm] };

/** ACME: a VIP customer's line is 120 % of the rolling limit. */
const vipLimit: ShipmentCustomRule = {
  after: SHIPMENT_STEPS.limit,
  step: {
    id: 'acme.vipLimit',
    clause: 'ACME 大客户授信办法 §2',
    run: (stage: ShipmentStage, step) => {
      if (stage.limit === null) return stage;
      const limit = Math.floor((stage.limit * 12) / 10);
      step.note(`大客户授信额上浮20%：${limit} 分`, `VIP line raised by 20 %: ${limit} fen`, { limit });
      return { ...stage, limit };
    },
  },
};

const refusal = (f: () => unknown): ZhiduError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    return e as ZhiduError;
  }
  throw new Error('expected a refusal');
};

describe('credit shipment as a rule pipeline (custom rules)', () => {
  it('names its steps by catalog id, in the regulation’s order', () => {
    expect(shipmentPipeline().ids).toEqual([
      'S000-GRADE-01',
      'S000-CREDIT-04',
      'S000-CREDIT-02',
      'S000-CREDIT-06',
      'S000-CREDIT-09',
      'S000-CREDIT-07',
    ]);
    expect(Object.values(SHIPMENT_STEPS)).toEqual(shipmentPipeline().ids);
  });

  it('a custom rule between the limit and the within-limit steps changes the outcome: the VIP shipment is within the raised line', () => {
    const plain = shipmentCheck(account, shipment, policy, ctx).value;
    expect([plain.path, plain.step, plain.limit]).toEqual(['overLimitStep', 'first', yuan(90_000)]);
    const d = shipmentCheck(account, shipment, policy, ctx, { customRules: [vipLimit] });
    expect(d.value).toMatchObject({
      allowed: true,
      path: 'withinLimit',
      step: null,
      limit: yuan(108_000),
      exposure: yuan(100_000),
      endsEpisode: true,
      recordAs: null,
    });
  });

  it('the trace shows the custom step in place: after the limit entries, before the within-limit entry', () => {
    const d = shipmentCheck(account, shipment, policy, ctx, { customRules: [vipLimit] });
    const rules = d.trace.map((t) => t.rule);
    const at = rules.indexOf('acme.vipLimit');
    expect(at).toBeGreaterThan(0);
    expect(rules[at - 1]).toBe('S000-CREDIT-03');
    expect(rules[at + 1]).toBe('S000-CREDIT-06');
    expect(d.trace[at]).toMatchObject({ clause: 'ACME 大客户授信办法 §2', data: { limit: yuan(108_000) } });
    expect(d.trace[at + 1]?.message.en).toContain('within the limit of ¥108,000.00');
  });

  it('replacing the over-limit step: the company ships nothing over the limit without prepayment', () => {
    const d = shipmentCheck(account, shipment, policy, ctx, {
      customRules: [
        {
          replace: SHIPMENT_STEPS.overLimit,
          step: {
            id: 'acme.noOverLimit',
            run: (stage: ShipmentStage, step) => {
              if (stage.check !== null) return stage;
              step.note('本公司不做超授信额发货', 'No over-limit shipments at this company');
              return {
                ...stage,
                check: {
                  allowed: false,
                  status: stage.status ?? 'credited',
                  path: 'prepaid',
                  step: null,
                  date: stage.date,
                  limit: stage.limit ?? 0,
                  outstanding: stage.account.outstanding,
                  exposure: stage.account.outstanding + stage.shipment.amount,
                  prepaidCap: Math.min(stage.shipment.paidInAdvance, stage.shipment.amount),
                  approvals: [],
                  reasons: ['PREPAYMENT_REQUIRED'],
                  badDebtRegime: 'none',
                  collectBy: null,
                  recordAs: null,
                  endsEpisode: false,
                },
              };
            },
          },
        },
      ],
    });
    expect(d.value).toMatchObject({ allowed: false, path: 'prepaid', reasons: ['PREPAYMENT_REQUIRED'] });
    const rules = d.trace.map((t) => t.rule);
    expect(rules[rules.length - 1]).toBe('acme.noOverLimit');
    expect(rules).not.toContain('S000-CREDIT-07');
    // A shipment within the limit is decided before the replaced step and is not touched.
    const small = shipmentCheck(account, { ...shipment, amount: yuan(5_000) }, policy, ctx, {
      customRules: [{ replace: SHIPMENT_STEPS.overLimit, step: { id: 'x', run: (s: ShipmentStage) => s } }],
    });
    expect(small.value.path).toBe('withinLimit');
  });

  it('an unknown step id is refused naming the nearest step id', () => {
    const e = refusal(() =>
      shipmentCheck(account, shipment, policy, ctx, {
        customRules: [{ before: 'S000-CREDIT-7', step: { id: 'x', run: (s: ShipmentStage) => s } }],
      }),
    );
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['options', 'customRules', 0, 'before']);
    expect(e.message).toContain('did you mean "S000-CREDIT-07"');
    expect(refusal(() => shipmentCheck(account, shipment, policy, ctx, 'x' as never)).path).toEqual([
      'options',
    ]);
  });

  it('refuses a custom rule returning a malformed stage; the path names the custom rule', () => {
    const withStep = (run: (s: ShipmentStage) => ShipmentStage) => () =>
      shipmentCheck(account, shipment, policy, ctx, {
        customRules: [{ after: SHIPMENT_STEPS.limit, step: { id: 'acme.bad', run } }],
      });
    expect(refusal(withStep((s) => ({ ...s, limit: -5 })))).toMatchObject({
      path: ['customRules', 'acme.bad', 'limit'],
    });
    expect(refusal(withStep((s) => ({ ...s, limit: 1.5 }))).path).toEqual([
      'customRules',
      'acme.bad',
      'limit',
    ]);
    expect(refusal(withStep((s) => ({ ...s, status: 'vip' as never }))).path).toEqual([
      'customRules',
      'acme.bad',
      'status',
    ]);
    expect(refusal(withStep((s) => ({ ...s, shipment: { ...s.shipment, amount: 0 } }))).path).toEqual([
      'customRules',
      'acme.bad',
      'shipment',
      'amount',
    ]);
    expect(refusal(withStep((s) => (s as unknown as { x: { y: ShipmentStage } }).x.y))).toMatchObject({
      code: 'invalid_state',
      path: ['customRules', 'acme.bad'],
    });
    // A decision whose path the regulation does not know.
    const badCheck = refusal(() =>
      shipmentCheck(account, shipment, policy, ctx, {
        customRules: [
          {
            after: SHIPMENT_STEPS.overLimit,
            step: {
              id: 'acme.bad',
              run: (s: ShipmentStage) => ({ ...s, check: { ...(s.check as object), path: 'gift' } as never }),
            },
          },
        ],
      }),
    );
    expect(badCheck.path).toEqual(['customRules', 'acme.bad', 'check', 'path']);
    // Replacing the deciding step with one that decides nothing.
    expect(
      refusal(() =>
        shipmentCheck(account, shipment, policy, ctx, {
          customRules: [
            { replace: SHIPMENT_STEPS.overLimit, step: { id: 'acme.none', run: (s: ShipmentStage) => s } },
          ],
        }),
      ),
    ).toMatchObject({ code: 'invalid_state', path: ['options', 'customRules'] });
  });

  it('creditShipmentModuleWith builds the credit.shipment module with the rules: same effect, rules checked when built', () => {
    const acme = creditShipmentModuleWith({ customRules: [vipLimit] });
    expect(acme.id).toBe('credit.shipment');
    const d = acme.evaluate({ account, shipment }, policy, ctx);
    expect(d.value.result).toEqual(
      shipmentCheck(account, shipment, policy, ctx, { customRules: [vipLimit] }).value,
    );
    expect(d.value.result.path).toBe('withinLimit');
    expect(d.trace.some((t) => t.rule === 'acme.vipLimit')).toBe(true);
    expect(
      refusal(() =>
        creditShipmentModuleWith({
          customRules: [{ after: 'S000-CREDIT-2', step: { id: 'x', run: (s: ShipmentStage) => s } }],
        }),
      ),
    ).toMatchObject({ code: 'unknown_reference', path: ['customRules', 0, 'after'] });
    expect(refusal(() => creditShipmentModuleWith(7 as never)).path).toEqual(['options']);
    const bad = creditShipmentModuleWith({
      customRules: [
        {
          after: SHIPMENT_STEPS.limit,
          step: { id: 'acme.bad', run: (s: ShipmentStage) => ({ ...s, limit: -1 }) },
        },
      ],
    });
    expect(refusal(() => bad.evaluate({ account, shipment }, policy, ctx)).path).toEqual([
      'customRules',
      'acme.bad',
      'limit',
    ]);
    // The JSON input stays data: a customRules field is an unknown key.
    expect(
      refusal(() =>
        creditShipmentModule.evaluate({ account, shipment, customRules: [] } as never, policy, ctx),
      ).code,
    ).toBe('unknown_key');
  });

  it('the batch replay (replayCreditAccount, credit.account) applies the custom rules to every shipment', () => {
    const ledger = { ...customer, goods, openingOutstanding: yuan(80_000) };
    const ship = (id: string, hour: number, amount: number) => ({
      type: 'shipment' as const,
      shipment: { id, at: `2024-03-31T${hour}:00:00+08:00`, amount, signatures: [rm] },
    });
    const events = [ship('S1', 10, yuan(20_000)), ship('S2', 11, yuan(25_000)), ship('S3', 12, yuan(10_000))];
    const plain = replayCreditAccount(ledger, events, policy, ctx).value.shipments;
    expect(plain.map((s) => [s.path, s.step])).toEqual([
      ['overLimitStep', 'first'],
      ['overLimitStep', 'final'],
      ['prepaid', null],
    ]);
    const vip = replayCreditAccount(ledger, events, policy, ctx, { customRules: [vipLimit] });
    expect(vip.value.shipments.map((s) => [s.path, s.step, s.allowed])).toEqual([
      ['withinLimit', null, true],
      ['overLimitStep', 'first', true],
      ['overLimitStep', 'final', true],
    ]);
    expect(vip.trace.filter((t) => t.rule === 'acme.vipLimit')).toHaveLength(3);
    const viaModule = creditAccountModuleWith({ customRules: [vipLimit] }).evaluate(
      { ledger, events },
      policy,
      ctx,
    );
    expect(viaModule.value.result).toEqual(vip.value);
    expect(
      refusal(() =>
        replayCreditAccount(ledger, events, policy, ctx, {
          customRules: [{ after: 'nope', step: { id: 'x', run: (s: ShipmentStage) => s } }],
        }),
      ).path,
    ).toEqual(['options', 'customRules', 0, 'after']);
  });

  it('an identity custom rule at any place leaves the decision and the trace unchanged (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          outstanding: fc.integer({ min: 0, max: 120_000 }),
          amount: fc.integer({ min: 1, max: 60_000 }),
          paid: fc.integer({ min: 0, max: 60_000 }),
          plan: fc.boolean(),
          signed: fc.boolean(),
          episode: fc.integer({ min: 0, max: 2 }),
          eligible: fc.boolean(),
        }),
        fc.constantFrom(...shipmentPipeline().ids),
        fc.constantFrom('before', 'after'),
        (x, id, place) => {
          const acc = {
            ...customer,
            ...(x.eligible ? {} : { priorYearOutstanding: yuan(1) }),
            goods,
            outstanding: yuan(x.outstanding),
            overLimitEpisode: Array.from({ length: x.episode }, (_, i) => ({
              shipmentId: `E${i}`,
              step: i === 0 ? 'first' : 'final',
              at: '2024-03-30T10:00:00+08:00',
              amount: yuan(1_000),
            })),
          };
          const s = {
            ...shipment,
            amount: yuan(x.amount),
            paidInAdvance: yuan(x.paid),
            collectionPlan: x.plan,
            signatures: x.signed ? [rm] : [],
          };
          const base = shipmentCheck(acc, s, policy, ctx);
          const rule = { [place]: id, step: { id: 'acme.identity', run: (st: ShipmentStage) => st } };
          const d = shipmentCheck(acc, s, policy, ctx, {
            customRules: [rule as unknown as ShipmentCustomRule],
          });
          expect(d.value).toEqual(base.value);
          expect(d.trace).toEqual(base.trace);
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });
});
