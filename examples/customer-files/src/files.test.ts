import { isZhiduError } from '@zhidu/core';
import { evaluate } from '@zhidu/modules';
import { describe, expect, it } from 'vitest';
import {
  completeness,
  handovers,
  loans,
  maskedReads,
  monthFines,
  PRESET,
  RECORD,
  REVIEW_AT,
} from './files.js';

describe('customer-files example', () => {
  it('S000-ARCHIVE-07: handover deadlines skip the National Day week and count the make-up Sunday', () => {
    const h = handovers();
    expect(h.lines).toEqual([
      {
        fileId: 'LCH-0927',
        delivered: '2024-09-27 15:00',
        due: '2024-10-08 23:59',
        handedOver: '2024-10-08 17:00',
        status: 'onTime',
        workingDaysLate: 0,
      },
      {
        fileId: 'LCH-0929',
        delivered: '2024-09-29 11:00',
        due: '2024-10-09 23:59',
        handedOver: '2024-10-11 10:00',
        status: 'late',
        workingDaysLate: 2,
      },
      {
        fileId: 'LCH-0930',
        delivered: '2024-09-30 10:00',
        due: '2024-10-10 23:59',
        handedOver: null,
        status: 'overdue',
        workingDaysLate: 2,
      },
    ]);
    expect(h.violations.map((v) => [v.code, v.personId, v.subject?.id])).toEqual([
      ['records.handover.late', 'sc-li', 'LCH-0929'],
      ['records.handover.late', 'sc-li', 'LCH-0930'],
    ]);
  });

  it('S000-ARCHIVE-10 / S000-ARCHIVE-02: a maintenance file missing two documents and two signatures', () => {
    expect(completeness()).toEqual({
      complete: false,
      missingDocuments: ['settlementSheet', 'freeCheck12'],
      missingCustomerSignatures: ['taskOrder'],
      missingStaffSignatures: ['receptionSheet'],
      violations: [
        'records.item.missing ×2',
        'records.signature.missing ×1',
        'records.signature.staffMissing ×1',
      ],
    });
  });

  it('S000-ACCESS-02: a loan back with 11 of 12 pieces loses one, a loan still out is overdue', () => {
    const lo = loans();
    expect(lo.lines).toEqual([
      { fileId: 'LCH-0927', due: '2024-10-10 18:00', status: 'returned', piecesLost: 1 },
      { fileId: 'LCH-0812', due: '2024-10-10 18:00', status: 'overdue', piecesLost: 0 },
    ]);
    expect(lo.violations.map((v) => [v.code, v.quantity])).toEqual([
      ['records.file.lost', 1],
      ['records.loan.overdue', 1],
    ]);
  });

  it('S000-ACCESS-01: the archive administrator reads as stored, a service advisor masked, an anonymous reader is refused', () => {
    expect(maskedReads().map((r) => [r.action, r.allowed, r.record, r.missing])).toEqual([
      ['view', true, RECORD, []],
      ['view', true, { customerName: '张三', mobile: '139****5678' }, []],
      ['share', true, { customerName: '张三', mobile: '139****5678' }, []],
      ['view', false, null, ['authenticated']],
    ]);
    // No masked read carries the ID-card number.
    expect(JSON.stringify(maskedReads().slice(1))).not.toContain('11010519491231002X');
  });

  it('S000-PENALTY-01/06/08: two late handovers ¥50 + ¥100 (second doubled), one lost piece ¥20; the overdue loan is not priced', () => {
    const fines = monthFines([...handovers().violations, ...loans().violations]);
    expect(fines.lines).toEqual([
      'sc-li S000-PENALTY-01 LCH-0929: 50.00 × 1 = 50.00',
      'sc-li S000-PENALTY-01 LCH-0930: 50.00 × 1 × 2 = 100.00',
      'sm-chen S000-PENALTY-08 LCH-0927: 20.00 × 1 = 20.00',
    ]);
    expect(fines.totals).toEqual(['sc-li 2024-10 ¥150.00', 'sm-chen 2024-10 ¥20.00']);
    expect(fines.unpriced).toEqual([
      'records.loan.overdue: not priced by schedule dealer-customer-file-fines; left out of the ledger',
    ]);
  });

  it('a handover of a file type the policy does not know is refused naming the field', () => {
    let error: unknown;
    try {
      evaluate(
        'records.handover',
        {
          fileTypeId: 'newCarSaleFile',
          fileId: 'X',
          responsible: { personId: 'sc-li', role: 'salesConsultant' },
          events: { delivery: '2024-09-27T15:00:00+08:00' },
        },
        PRESET,
        { now: REVIEW_AT },
      );
    } catch (e) {
      error = e;
    }
    expect(isZhiduError(error)).toBe(true);
    expect((error as { path: unknown[] }).path).toContain('fileTypeId');
  });
});
