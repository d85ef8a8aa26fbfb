import { describe, expect, it } from 'vitest';
import { ev, one, timersOf, utc } from '../../test/helpers.js';
import { checklistOutcome } from '../checklist.js';
import {
  classifyComplaint,
  exchangeMembership001bPreset,
  isInAnnualInspectionWindow,
  marginRefundSchedule,
} from '../index.js';

describe('commodity-exchange members (001 L1066–1322)', () => {
  const p = exchangeMembership001bPreset();

  it('allows the on-site review only after fees, designated-bank account and tripartite agreement; qualifies only when it passes (S001B-MILESTONE-01)', () => {
    const list = p.params.checklists[0];
    if (!list) throw new Error('checklist');
    const at = { subject: 'm', at: '2024-06-01T10:00:00+08:00' };
    expect(
      checklistOutcome({ feesPaidInFull: true, tripartiteAgreementSigned: true }, list, at).value.missing,
    ).toEqual(['dedicatedAccountOpenedAtDesignatedBank']);
    expect(
      classifyComplaint({ onSiteReview: 'PENDING' }, p.params).value.attributes.tradingQualification,
    ).toBe(false);
    expect(
      classifyComplaint({ onSiteReview: 'PASSED' }, p.params).value.attributes.tradingQualification,
    ).toBe(true);
  });

  it('keeps the annual inspection window 1 July – 31 August and terminates members who fail (S001B-MILESTONE-02)', () => {
    expect(
      ['2024-06-30', '2024-07-01', '2024-08-31', '2024-09-01'].map((d) => isInAnnualInspectionWindow(d, p)),
    ).toEqual([false, true, true, false]);
    expect(classifyComplaint({ annualInspection: 'FAIL' }, p.params).value.attributes).toEqual(
      expect.objectContaining({ memberStatus: 'TERMINATED', announce: true }),
    );
    expect(classifyComplaint({}, p.params).value.attributes.flag).toBe('ANNUAL_INSPECTION_NOT_REGISTERED');
  });

  it('wants a written change report within 10 working days, for litigation from RMB 50,000 (S001B-MILESTONE-03)', () => {
    expect(
      one(
        p,
        [ev('memberChangeOccurred', 'm', '2024-09-27T10:00', { changeType: 'LEGAL_REPRESENTATIVE' })],
        '2024-09-28T00:00',
        'changeReport',
      ).dueAt,
    ).toBe(utc('2024-10-16T23:59:59.999'));
    expect(
      timersOf(
        p,
        [
          ev('memberChangeOccurred', 'm', '2024-03-04T10:00', {
            changeType: 'LITIGATION',
            amountYuan: 50_000,
          }),
        ],
        '2024-03-05T00:00',
        'litigationReport',
      ),
    ).toHaveLength(1);
    expect(
      timersOf(
        p,
        [
          ev('memberChangeOccurred', 'm', '2024-03-04T10:00', {
            changeType: 'LITIGATION',
            amountYuan: 49_999.99,
          }),
        ],
        '2024-03-05T00:00',
        'litigationReport',
      ),
    ).toEqual([]);
  });

  it('keeps 20 % of the peak margin and refunds it 40 % at 4 months and 60 % at 6 months (S001B-MILESTONE-04)', () => {
    const s = marginRefundSchedule(
      { peakMarginFen: 200_000_000, currentBalanceFen: 150_000_000, announcementDate: '2024-01-31' },
      p,
    );
    expect(s.riskReserveFen).toBe(40_000_000);
    expect(s.instalments).toEqual([
      { dueDate: '2024-01-31', amountFen: 110_000_000, kind: 'NON_RESERVED' },
      { dueDate: '2024-05-31', amountFen: 16_000_000, kind: 'RESERVE_40' },
      { dueDate: '2024-07-31', amountFen: 24_000_000, kind: 'RESERVE_60' },
    ]);
    const odd = marginRefundSchedule(
      { peakMarginFen: 33_333_333, currentBalanceFen: 33_333_333, announcementDate: '2024-08-31' },
      p,
    );
    expect(odd.instalments.map((i) => [i.dueDate, i.amountFen])).toEqual([
      ['2024-08-31', 26_666_666],
      ['2024-12-31', 2_666_667],
      ['2025-02-28', 4_000_000],
    ]);
    expect(
      one(p, [ev('terminationAnnounced', 'm', '2024-01-31T10:00')], '2024-06-01T00:00', 'reserveRefund40')
        .status,
    ).toBe('breached');
  });
});
