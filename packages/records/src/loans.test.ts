import '../test/pii-guard.js';
import { describe, expect, it } from 'vitest';
import { type LoanInput, loanOf } from './loans.js';
import { defineRecordsPolicy } from './policy.js';
import { dealerFilesPreset, returnVisitPreset } from './presets/index.js';

const ctx = { now: '2024-03-07T08:00:00Z' };

describe('loanOf: dealer files (S000-ACCESS-02)', () => {
  const loan = (over: Partial<LoanInput> = {}): LoanInput => ({
    fileTypeId: 'newCarSalesFile',
    fileId: 'VIN-1',
    borrower: { personId: 'u1', role: 'salesConsultant' },
    lentAt: '2024-03-04T09:00:00+08:00',
    dueAt: '2024-03-06T18:00:00+08:00',
    piecesOut: 12,
    ...over,
  });

  it('flags a file returned with one document fewer: 1 piece lost (S000-ACCESS-02)', () => {
    const d = loanOf(
      loan({ returnedAt: '2024-03-06T10:00:00+08:00', piecesReturned: 11 }),
      dealerFilesPreset,
      ctx,
    );
    expect(d.value).toMatchObject({ status: 'returned', piecesLost: 1 });
    expect(d.value.violations).toEqual([
      expect.objectContaining({
        code: 'records.file.lost',
        quantity: 1,
        personId: 'u1',
        source: expect.objectContaining({ rule: 'S000-ACCESS-02' }),
      }),
    ]);
  });

  it('counts a lost file bag once when the policy counts per file (S000-ACCESS-02)', () => {
    const perFile = defineRecordsPolicy({
      ...dealerFilesPreset,
      params: {
        ...dealerFilesPreset.params,
        loans: { ...dealerFilesPreset.params.loans, lostPieceUnit: 'file' },
      },
    });
    const d = loanOf(loan({ returnedAt: '2024-03-06T10:00:00+08:00', piecesReturned: 0 }), perFile, ctx);
    expect(d.value.violations[0]).toMatchObject({ code: 'records.file.lost', quantity: 1 });
    expect(
      loanOf(loan({ returnedAt: '2024-03-06T10:00:00+08:00', piecesReturned: 0 }), dealerFilesPreset, ctx)
        .value.violations[0]?.quantity,
    ).toBe(12);
  });

  it('reports an overdue loan and a late return (S000-ACCESS-02)', () => {
    const open = loanOf(loan(), dealerFilesPreset, ctx);
    expect(open.value.status).toBe('overdue');
    expect(open.value.violations[0]).toMatchObject({
      code: 'records.loan.overdue',
      lateBy: { unit: 'calendarDays', units: 1 },
    });
    const late = loanOf(
      loan({ returnedAt: '2024-03-07T10:00:00+08:00', piecesReturned: 12 }),
      dealerFilesPreset,
      ctx,
    );
    expect(late.value.status).toBe('returnedLate');
    expect(late.value.violations[0]?.correctedAt).toBe('2024-03-07T02:00:00.000Z');
  });

  it('refuses impossible piece counts, negative counts, a return before the loan and a loan with no due time', () => {
    expect(() =>
      loanOf(loan({ returnedAt: '2024-03-05T10:00:00+08:00', piecesReturned: 13 }), dealerFilesPreset, ctx),
    ).toThrowError(expect.objectContaining({ code: 'invalid_input', path: ['piecesReturned'] }));
    expect(() => loanOf(loan({ piecesOut: -1 }), dealerFilesPreset, ctx)).toThrowError(
      expect.objectContaining({ code: 'invalid_input', path: ['piecesOut'] }),
    );
    expect(() =>
      loanOf(loan({ returnedAt: '2024-03-01T10:00:00+08:00', piecesReturned: 12 }), dealerFilesPreset, ctx),
    ).toThrowError(expect.objectContaining({ code: 'out_of_order' }));
    const { dueAt: _d, ...noDue } = loan();
    expect(() => loanOf(noDue, dealerFilesPreset, ctx)).toThrowError(
      expect.objectContaining({ code: 'invalid_input', path: ['dueAt'] }),
    );
  });
});

describe('loanOf: visit materials (S001B-ARCHIVE-01)', () => {
  const visit = (over: Partial<LoanInput> = {}): LoanInput => ({
    fileTypeId: 'visitMaterials',
    fileId: 'M1',
    borrower: { personId: 'e1', role: 'customerServiceSpecialist' },
    lentAt: '2024-03-05T08:00:00+08:00',
    returnFrom: '2024-03-05T17:00:00+08:00',
    piecesOut: 3,
    ...over,
  });

  it('counts materials returned the day after the visit as returned (S001B-ARCHIVE-01)', () => {
    const d = loanOf(
      visit({ returnedAt: '2024-03-06T10:00:00+08:00', piecesReturned: 3 }),
      returnVisitPreset,
      ctx,
    );
    expect(d.value).toMatchObject({ status: 'returned', violations: [] });
  });

  it('is pending on the next day and overdue the day after (S001B-ARCHIVE-01)', () => {
    expect(loanOf(visit(), returnVisitPreset, { now: '2024-03-06T08:00:00Z' }).value.status).toBe('pending');
    expect(loanOf(visit(), returnVisitPreset, { now: '2024-03-07T08:00:00Z' }).value.status).toBe('overdue');
  });

  it('accepts the customer-service supervisor approval to keep materials, but not self-approval (S001B-ARCHIVE-01)', () => {
    const approval = {
      approverId: 's9',
      role: 'customerServiceSupervisor',
      reason: 'kept by client for signature',
      at: '2024-03-06T01:00:00Z',
    };
    expect(loanOf(visit({ nonReturnApproval: approval }), returnVisitPreset, ctx).value.status).toBe(
      'approvedNonReturn',
    );
    const self = loanOf(
      visit({ nonReturnApproval: { ...approval, approverId: 'e1' } }),
      returnVisitPreset,
      ctx,
    );
    expect(self.value.status).toBe('overdue');
    expect(self.trace[0]?.message.en).toContain('invalid');
  });
});
