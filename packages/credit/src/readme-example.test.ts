import { makeContext, yuan } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { distributorCreditLinePolicy } from './credit-line/policy.js';
import { dailyGoodsFromInvoices } from './credit-line/rolling-limit.js';
import { SHIPMENT_STEPS, type ShipmentCustomRule, shipmentCheck } from './credit-line/shipment.js';
import { defineDecisionTable, runDecisionTable } from './decision-table/table.js';
import { checkShipment } from './entries.js';
import { creditShipmentModule, creditShipmentModuleWith } from './modules.js';

// The README's 30-second example, kept honest.
describe('README example', () => {
  it('releases the first over-limit shipment signed by the regional manager (S000-CREDIT-07)', () => {
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
    const goods = dailyGoodsFromInvoices(
      [
        { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
        { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
        { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
      ],
      { from: '2024-02-01', through: '2024-03-31' },
      policy.zone,
    );
    const decision = shipmentCheck(
      {
        customerId: 'C1',
        file: { exists: true, openerIdCopy: true },
        contract: { type: 'distribution', settlementAgreement: true },
        priorYearOutstanding: 0,
        goods,
        outstanding: yuan(80_000),
      },
      { id: 'S-9', amount: yuan(20_000), signatures: [{ personId: 'wang', role: 'regionalManager' }] },
      policy,
      makeContext({ now: '2024-03-31T10:00:00+08:00' }),
    );
    expect(decision.value).toMatchObject({
      allowed: true,
      path: 'overLimitStep',
      step: 'first',
      limit: 9_000_000,
    });
    expect(decision.trace.at(-1)?.message.zh).toBe(
      '超授信额第 1 次（first）开票发货：发货额 ¥20,000.00 小于授信额的 1/3；由 wang（regionalManager）签发',
    );
  });

  it('README 30 seconds: checkShipment (thin call) gives the same figures and the same last trace line', () => {
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
    const goods = dailyGoodsFromInvoices(
      [
        { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
        { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
        { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
      ],
      { from: '2024-02-01', through: '2024-03-31' },
      policy.zone,
    );
    const decision = checkShipment(
      {
        account: {
          customerId: 'C1',
          file: { exists: true, openerIdCopy: true },
          contract: { type: 'distribution', settlementAgreement: true },
          priorYearOutstanding: 0,
          goods,
          outstanding: yuan(80_000),
        },
        shipment: {
          id: 'S-9',
          amount: yuan(20_000),
          signatures: [{ personId: 'wang', role: 'regionalManager' }],
        },
      },
      policy,
      { now: '2024-03-31T10:00:00+08:00' },
    );
    expect(decision.value.result).toMatchObject({
      allowed: true,
      path: 'overLimitStep',
      step: 'first',
      limit: 9_000_000,
    });
    expect(decision.value.violations).toEqual([]);
    expect(decision.provenance.module).toBe('credit.shipment');
    expect(decision.trace.at(-1)?.message.zh).toBe(
      '超授信额第 1 次（first）开票发货：发货额 ¥20,000.00 小于授信额的 1/3；由 wang（regionalManager）签发',
    );
  });

  it('evaluates the same shipment through its module, with the distributor-000 preset (README Modules)', () => {
    const goods = dailyGoodsFromInvoices(
      [
        { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
        { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
        { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
      ],
      { from: '2024-02-01', through: '2024-03-31' },
      'Asia/Shanghai',
    );
    const account = {
      customerId: 'C1',
      file: { exists: true, openerIdCopy: true },
      contract: { type: 'distribution', settlementAgreement: true },
      priorYearOutstanding: 0,
      goods,
      outstanding: yuan(80_000),
    };
    const shipment = {
      id: 'S-9',
      amount: yuan(20_000),
      signatures: [{ personId: 'wang', role: 'regionalManager' }],
    };
    const d = creditShipmentModule.evaluate(
      { account, shipment },
      creditShipmentModule.preset('distributor-000'),
      { now: '2024-03-31T10:00:00+08:00' },
    );
    expect(d.value.result.allowed).toBe(true);
    expect(d.value.result.path).toBe('overLimitStep');
    expect(d.value.violations).toEqual([]);
    expect(d.provenance.policy.id).toBe('zhidu.credit.distributorCreditLine');
  });

  it('grades with a scorecard stated as data', () => {
    const grade = defineDecisionTable({
      id: 'acme.creditGrade',
      hitPolicy: 'first',
      inputs: [
        { name: 'yearsTrading', type: 'number' },
        { name: 'latePayments', type: 'number' },
      ],
      outputs: [{ name: 'grade', type: 'string' }],
      rules: [
        {
          id: 'A',
          when: { yearsTrading: { gte: 5 }, latePayments: { equals: 0 } },
          result: { grade: 'A' },
        },
        { id: 'D', when: { latePayments: { gte: 5 } }, result: { grade: 'D' } },
      ],
      defaultOutput: { grade: 'C' },
    });
    expect(runDecisionTable(grade, { yearsTrading: 6, latePayments: 0 }).value.output).toEqual({
      grade: 'A',
    });
  });

  it('runs the README custom-rule example: a VIP line 120 % of the rolling limit (S000-CREDIT-06)', () => {
    const policy = distributorCreditLinePolicy({
      withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
      monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
    });
    const goods = dailyGoodsFromInvoices(
      [
        { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
        { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
        { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
      ],
      { from: '2024-02-01', through: '2024-03-31' },
      policy.zone,
    );
    const account = {
      customerId: 'C1',
      file: { exists: true, openerIdCopy: true },
      contract: { type: 'distribution' as const, settlementAgreement: true },
      priorYearOutstanding: 0,
      goods,
      outstanding: yuan(80_000),
    };
    const shipment = {
      id: 'S-9',
      amount: yuan(20_000),
      signatures: [{ personId: 'wang', role: 'regionalManager' }],
    };
    const ctx = makeContext({ now: '2024-03-31T10:00:00+08:00' });
    const vipLimit: ShipmentCustomRule = {
      after: SHIPMENT_STEPS.limit,
      step: {
        id: 'acme.vipLimit',
        clause: 'ACME 大客户授信办法 §2',
        run: (stage, step) => {
          if (stage.limit === null) return stage;
          const limit = Math.floor((stage.limit * 12) / 10);
          step.note(`大客户授信额上浮20%：${limit} 分`, `VIP line raised by 20 %: ${limit} fen`);
          return { ...stage, limit };
        },
      },
    };
    expect(shipmentCheck(account, shipment, policy, ctx).value.path).toBe('overLimitStep');
    expect(shipmentCheck(account, shipment, policy, ctx, { customRules: [vipLimit] }).value.path).toBe(
      'withinLimit',
    );
    const m = creditShipmentModuleWith({ customRules: [vipLimit] }).evaluate(
      { account, shipment },
      policy,
      ctx,
    );
    expect(m.value.result.limit).toBe(yuan(108_000));
  });
});
