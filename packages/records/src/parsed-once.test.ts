import '../test/pii-guard.js';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completenessOf } from './completeness.js';
import { checkCompleteness, checkHandover } from './entry-points.js';
import { handoverOf } from './handover.js';
import { dealerFilesPreset } from './presets/index.js';

// Issue 21: the records.handover and records.completeness modules validate their input once (the
// module's own parse) instead of parsing it again inside the check. The decision stays the one the
// checks give when they validate the input themselves.

const calendar = chinaCalendar();
const ctx = { now: '2025-01-01T00:00:00Z', calendar };
const DOCS = [
  'greenCard',
  'invoiceCopy',
  'salesContract',
  'idCardCopy',
  'deliveryChecklist',
  'drivingLicenceCopy',
  'insuranceCopy',
  'derivativeServices',
  'conformityCertCopy',
  'deliveryPhotos',
  'pdiChecklist',
  'unknownPaper',
];

const file = fc.record({
  documents: fc.subarray(DOCS).chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.record(
          {
            id: fc.constant(id),
            signatures: fc.record(
              {
                customer: fc.constantFrom('ok', 'missing', 'wrong'),
                staff: fc.constantFrom('ok', 'missing'),
              },
              { requiredKeys: [] },
            ),
            fields: fc.record(
              {
                customerName: fc.constantFrom('张三', ''),
                mobile: fc.constantFrom('13912345678', '123'),
                address: fc.constant('上海'),
              },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: ['id'] },
        ),
      ),
    ),
  ),
  media: fc.record({ paper: fc.boolean(), electronic: fc.boolean() }, { requiredKeys: [] }),
  role: fc.option(fc.constantFrom('salesConsultant', 'salesManager'), { nil: undefined }),
});

const handover = fc.record({
  deliveryDay: fc.integer({ min: 0, max: 400 }),
  after: fc.option(fc.integer({ min: -2, max: 12 }), { nil: undefined }),
  eventName: fc.constantFrom('delivery', 'delivery', 'delivry'),
});

/** The decision, or the refusal's code, path and message. */
function outcome(f: () => { value: unknown; trace: unknown }): unknown {
  try {
    const d = f();
    return { value: d.value, trace: d.trace };
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
    return { code: e.code, path: e.path, message: e.message };
  }
}

describe('records checks validate their input once (issue 21)', () => {
  it('property: checkCompleteness gives the decision completenessOf gives on the same file (seeded)', () => {
    let incomplete = 0;
    let refused = 0;
    fc.assert(
      fc.property(file, ({ documents, media, role }) => {
        const input = {
          fileTypeId: 'newCarSalesFile',
          fileId: 'VIN-1',
          responsible: { personId: 'sc1', ...(role === undefined ? {} : { role }) },
          media,
          documents,
        };
        const viaModule = outcome(() => {
          const d = checkCompleteness(input as never, dealerFilesPreset, ctx);
          return {
            value: { ...d.value.result, violations: d.value.violations },
            trace: d.trace,
          };
        });
        const direct = outcome(() => completenessOf(input as never, dealerFilesPreset, ctx));
        if ('code' in (direct as object)) {
          expect((viaModule as { path: unknown[] }).path).toEqual([
            'input',
            ...(direct as { path: unknown[] }).path,
          ]);
          expect(viaModule).toMatchObject({ code: (direct as { code: string }).code });
          refused++;
          return;
        }
        expect(viaModule).toEqual(direct);
        if (!(direct as { value: { complete: boolean } }).value.complete) incomplete++;
      }),
      { seed: 2127, numRuns: 200 },
    );
    expect(incomplete).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });

  it('property: checkHandover gives the decision handoverOf gives on the same file (seeded)', () => {
    let late = 0;
    fc.assert(
      fc.property(handover, ({ deliveryDay, after, eventName }) => {
        const delivery = Date.parse('2024-01-02T08:00:00Z') + deliveryDay * 86_400_000;
        const input = {
          fileTypeId: 'newCarSalesFile',
          fileId: 'VIN-1',
          responsible: { personId: 'sc1', role: 'salesConsultant' },
          events: { [eventName]: new Date(delivery).toISOString() },
          ...(after === undefined
            ? {}
            : { handedOverAt: new Date(delivery + after * 86_400_000).toISOString() }),
        };
        const viaModule = outcome(() => {
          const d = checkHandover(input as never, dealerFilesPreset, ctx);
          return { value: { ...d.value.result, violations: d.value.violations }, trace: d.trace };
        });
        const direct = outcome(() => handoverOf(input as never, dealerFilesPreset, ctx));
        if ('code' in (direct as object)) {
          expect(viaModule).toEqual({
            ...(direct as object),
            path: ['input', ...(direct as { path: unknown[] }).path],
            message: expect.any(String),
          });
          return;
        }
        expect(viaModule).toEqual(direct);
        if ((direct as { value: { violations: unknown[] } }).value.violations.length > 0) late++;
      }),
      { seed: 2128, numRuns: 200 },
    );
    expect(late).toBeGreaterThan(20);
  });
});
