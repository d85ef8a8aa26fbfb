import { ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORE_MODELS } from './catalog.js';
import * as models from './index.js';
import { canEnterStep, checkPurchaseSequence } from './lifecycle.js';
import {
  isWorkOrderNumberFree,
  listWorkOrders,
  nextCustomerNumber,
  nextWorkOrderNumber,
} from './numbering.js';
import { checkPartnerFormSets, isIntentCustomer } from './rules.js';

describe('numbering', () => {
  it('generates unique work-order numbers per day and lists orders by report time (S002-SYS-01)', () => {
    const first = nextWorkOrderNumber([], '2024-03-04T09:00:00+08:00');
    expect(first.value).toBe('WO20240304-0001');
    expect(first.trace[0]).toMatchObject({ rule: 'S002-SYS-01', clause: '002_30394bec54f702c8.txt L106' });
    expect(nextWorkOrderNumber([first.value], '2024-03-04T09:05:00+08:00').value).toBe('WO20240304-0002');
    // 23:30 UTC on the 4th is already the 5th in Shanghai.
    expect(nextWorkOrderNumber([first.value], '2024-03-04T23:30:00Z').value).toBe('WO20240305-0001');
    expect(nextWorkOrderNumber(['GD-7'], 0, { format: 'GD-{seq}', seqDigits: 1 }).value).toBe('GD-8');
    expect(
      listWorkOrders([
        { workOrderNo: 'WO-2', reportedAt: '2024-03-04T09:05:00+08:00' },
        { workOrderNo: 'WO-1', reportedAt: '2024-03-04T09:00:00+08:00' },
      ]).value,
    ).toEqual(['WO-1', 'WO-2']);
    expect(isWorkOrderNumberFree('WO20240304-0001', [first.value]).value).toBe(false);
    expect(() => nextWorkOrderNumber([], 0, { format: 'WO-{yyyy}' })).toThrow(ZhiduError);
    expect(() =>
      listWorkOrders([
        { workOrderNo: 'A', reportedAt: 0 },
        { workOrderNo: 'A', reportedAt: 1 },
      ]),
    ).toThrow(/not unique/);
  });

  it('never issues the same work-order number twice, however many are created (S002-SYS-01)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 * 86_400_000 }), { maxLength: 200 }), (offsets) => {
        const issued: string[] = [];
        for (const ms of [...offsets].sort((a, b) => a - b)) {
          issued.push(nextWorkOrderNumber(issued, 1_709_500_000_000 + ms).value);
        }
        return new Set(issued).size === issued.length;
      }),
    );
  });

  it('numbers every site customer and never reuses a deleted record’s number (S000B-CORE-01)', () => {
    expect(nextCustomerNumber([], { siteCode: 'JY01' }).value).toBe('JY01-000001');
    expect(nextCustomerNumber(['JY01-000001'], { siteCode: 'JY01' }).value).toBe('JY01-000002');
    // JY01-000002 was deleted but stays in the issued list: the next is 000003.
    const d = nextCustomerNumber(['JY01-000001', 'JY01-000002', 'QT02-000009'], { siteCode: 'JY01' });
    expect(d.value).toBe('JY01-000003');
    expect(d.trace[0]?.rule).toBe('S000B-CORE-01');
    expect(() => nextCustomerNumber([], { siteCode: 'JY 01' })).toThrow(ZhiduError);
  });
});

describe('workflow and lifecycle', () => {
  it('runs steps 1–4 in order and needs the customer file first (S002-FLOW-01)', () => {
    expect(canEnterStep({ hasFile: false, completedSteps: [] }, 'productIntroduction').value).toEqual({
      ok: false,
      reason: 'FILE_REQUIRED',
    });
    expect(
      canEnterStep(
        { hasFile: true, completedSteps: ['reception', 'productIntroduction'] },
        'inspectionHandover',
      ).value,
    ).toEqual({ ok: false, reason: 'PREVIOUS_STEP_MISSING', missing: ['contractSigned'] });
    const done = ['reception', 'productIntroduction', 'contractSigned', 'inspectionHandover'] as const;
    expect(canEnterStep({ hasFile: true, completedSteps: [...done] }, 'repairFollowUp').value).toEqual({
      ok: true,
    });
    expect(canEnterStep({ hasFile: true, completedSteps: ['reception'] }, 'support').value.ok).toBe(true);
    expect(
      canEnterStep({ hasFile: true, completedSteps: ['reception'] }, 'satisfactionSurvey').value.ok,
    ).toBe(false);
    expect(canEnterStep({ hasFile: false, completedSteps: [] }, 'internalCollaboration').value.ok).toBe(true);
  });

  it('puts the intent letter before the contract and delivery after construction completion (S002-FLOW-04)', () => {
    const good = checkPurchaseSequence([
      { stage: 'intentReception', at: '2024-01-05T10:00:00+08:00' },
      { stage: 'intentLetterSigned', at: '2024-01-10T10:00:00+08:00' },
      { stage: 'contractSigned', at: '2024-01-20T10:00:00+08:00' },
      { stage: 'constructionCompleted', at: '2025-06-30T10:00:00+08:00' },
      { stage: 'deliveredAccepted', at: '2025-07-15T10:00:00+08:00' },
    ]);
    expect(good.value).toEqual({ ok: true, breaches: [] });
    const bad = checkPurchaseSequence([
      { stage: 'deliveredAccepted', at: '2025-05-01T10:00:00+08:00' },
      { stage: 'contractSigned', at: '2024-01-20T10:00:00+08:00' },
      { stage: 'intentLetterSigned', at: '2024-01-25T10:00:00+08:00' },
      { stage: 'constructionCompleted', at: '2025-06-30T10:00:00+08:00' },
    ]);
    expect(bad.value.breaches.map((b) => b.reason)).toEqual([
      'INTENT_LETTER_MISSING',
      'CONSTRUCTION_NOT_COMPLETE',
    ]);
    expect(bad.trace.every((t) => t.rule === 'S002-FLOW-04')).toBe(true);
    expect(
      checkPurchaseSequence([{ stage: 'contractSigned', at: 0 }], { requireIntentLetter: false }).value.ok,
    ).toBe(true);
    expect(() => checkPurchaseSequence([{ stage: 'moveIn' as 'afterSales', at: 0 }])).toThrow(ZhiduError);
  });
});

describe('small behaviours', () => {
  it('calls a customer an intent customer only with contact and an intention to buy or lease (S000B-CORE-02)', () => {
    expect(isIntentCustomer({ contact: { phone: '13800000000' }, intent: 'lease' }).value).toBe(true);
    expect(isIntentCustomer({ contact: {}, intent: 'purchase' }).value).toBe(false);
    expect(isIntentCustomer({ contact: { phone: ' ' }, intent: 'purchase' }).value).toBe(false);
    const none = isIntentCustomer({ contact: { phone: '13800000000' }, intent: 'none' });
    expect(none.value).toBe(false);
    expect(none.trace.map((t) => t.rule)).toEqual(['S000B-CORE-02', 'S000B-CORE-02']);
  });

  it('wants exactly one set of 1 main + 3 attached forms per partner (S000B-CORE-08)', () => {
    const full = {
      main: { complete: true },
      attachments: [{ complete: true }, { complete: true }, { complete: true }],
    };
    const d = checkPartnerFormSets([
      { partnerId: 'P1', ...full },
      { partnerId: 'P2', main: { complete: true }, attachments: [{ complete: true }, { complete: true }] },
      { partnerId: 'P3', ...full },
      { partnerId: 'P3', ...full },
    ]);
    expect(d.value).toEqual({
      P1: { complete: true, reasons: [] },
      P2: { complete: false, reasons: ['ATTACHMENTS_NOT_THREE'] },
      P3: { complete: false, reasons: ['MORE_THAN_ONE_SET'] },
    });
  });
});

describe('CORE_MODELS registry', () => {
  it('covers the 37 core-model ids, each with data or a function, and templates cite their own id', () => {
    const ids = Object.keys(CORE_MODELS);
    expect(ids).toHaveLength(37);
    for (const [id, e] of Object.entries(CORE_MODELS)) {
      const size =
        e.templates.length +
        e.taxonomies.length +
        e.matrices.length +
        e.stageGraphs.length +
        e.functions.length;
      expect(size, id).toBeGreaterThan(0);
      for (const t of [...e.taxonomies, ...e.matrices, ...e.stageGraphs]) expect(t.id, id).toBe(id);
    }
    // A template listed under another id is shared on purpose (the handover under S002-FIELD-02, the
    // information file under S000B-CORE-04, the work order under S002-SYS-01).
    expect(CORE_MODELS['S000B-CORE-04'].templates[0]?.id).toBe('S000B-CORE-03');
    const exported = models as Record<string, unknown>;
    for (const e of Object.values(CORE_MODELS)) {
      for (const fn of e.functions) expect(typeof exported[fn], fn).toBe('function');
    }
  });
});
