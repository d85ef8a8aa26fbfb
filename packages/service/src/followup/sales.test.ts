import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { defineServicePolicy, type ServicePolicy } from '../policy.js';
import {
  s001bSalesVisitPolicy as S9,
  s000bCorporatePolicy,
  s000bPartnerPolicy,
  s000bRelationshipPolicy,
  s000bSalesVisitPolicy,
  s001CreditManagementPolicy,
  s001SalesOfficePolicy,
} from '../presets/index.js';
import { maintenanceReadiness, partnerVisitDuties, visitCoverage } from './relationship.js';
import {
  appraisalInputs,
  commitmentTasks,
  dailyNotices,
  isCorroborated,
  preApprovalCheck,
  pruneVisitPlan,
  trackingFormRequired,
  visitQuotaStatus,
} from './sales.js';

function withSales(policy: ServicePolicy, patch: Record<string, unknown>): ServicePolicy {
  return defineServicePolicy({
    ...policy,
    params: { ...policy.params, sales: { ...policy.params.sales, ...patch } },
  });
}
const t = (d: string, h = '10:00') => `${d}T${h}:00+08:00`;

describe('sales visits (001 L732–820, 000 L1329–1407)', () => {
  it('compares visits with the quota configured per position and flags unconfigured positions (S001B-FOLLOWUP-12)', () => {
    const P = withSales(S9, { visitQuotas: { areaManager: 20, salesRep: 12 } });
    expect(visitQuotaStatus('salesRep', 12, P).value).toEqual({
      required: 12,
      actual: 12,
      shortfall: 0,
      met: true,
      flags: [],
    });
    expect(visitQuotaStatus('areaManager', 18, P).value).toMatchObject({
      required: 20,
      shortfall: 2,
      met: false,
    });
    expect(visitQuotaStatus('trainee', 3, P).value).toEqual({
      required: 0,
      actual: 3,
      shortfall: 0,
      met: true,
      flags: ['UNCONFIGURED'],
    });
    expect(() => visitQuotaStatus('salesRep', -1, P)).toThrow(ZhiduError);
  });

  it('sets visit counts per position from configuration: 区域销售 at 20, 17 visits → not compliant (S000B-FOLLOWUP-15)', () => {
    const P = withSales(s000bSalesVisitPolicy, { visitQuotas: { 区域销售: 20 } });
    const d = visitQuotaStatus('区域销售', 17, P);
    expect(d.value).toMatchObject({ required: 20, met: false });
    expect(d.trace[0]?.rule).toBe('S000B-FOLLOWUP-15');
  });

  it('needs prior contact and gifts/entertainment approved before the visit (S000B-FOLLOWUP-17)', () => {
    const base = { visitAt: t('2024-03-06'), priorContactAt: t('2024-03-01') };
    expect(
      preApprovalCheck(
        { ...base, items: [{ kind: 'gift', appliedAt: t('2024-03-03'), approvedAt: t('2024-03-04') }] },
        s000bSalesVisitPolicy,
      ).value,
    ).toEqual([]);
    expect(
      preApprovalCheck(
        {
          ...base,
          items: [{ kind: 'entertainment', appliedAt: t('2024-03-05'), approvedAt: t('2024-03-07') }],
        },
        s000bSalesVisitPolicy,
      ).value,
    ).toEqual(['entertainment:NOT_PRE_APPROVED']);
    expect(preApprovalCheck({ visitAt: t('2024-03-06'), items: [] }, s000bSalesVisitPolicy).value).toEqual([
      'PRIOR_CONTACT_REQUIRED',
    ]);
  });

  it('needs an application filed and approved before gifts or entertainment (S001B-FOLLOWUP-15)', () => {
    const base = { visitAt: t('2024-04-10', '19:00'), priorContactAt: t('2024-04-01') };
    expect(
      preApprovalCheck(
        {
          ...base,
          items: [{ kind: 'entertainment', appliedAt: t('2024-04-08'), approvedAt: t('2024-04-09') }],
        },
        S9,
      ).value,
    ).toEqual([]);
    expect(
      preApprovalCheck(
        { ...base, items: [{ kind: 'gift', appliedAt: t('2024-04-11'), approvedAt: t('2024-04-11') }] },
        S9,
      ).value,
    ).toEqual(['gift:NOT_PRE_APPROVED']);
    expect(preApprovalCheck({ ...base, items: [{ kind: 'gift' }] }, S9).value).toEqual([
      'gift:NOT_PRE_APPROVED',
    ]);
  });

  it('turns each commitment into an open task owned by the visitor at once (S001B-FOLLOWUP-17)', () => {
    const d = commitmentTasks(
      { visitId: 'v1', visitorId: 's1', commitments: ['send quotation', 'arrange demo'] },
      t('2024-03-05'),
      S9,
    ).value;
    expect(d.map((x) => [x.ownerId, x.status, x.createdAt])).toEqual([
      ['s1', 'OPEN', '2024-03-05T02:00:00.000Z'],
      ['s1', 'OPEN', '2024-03-05T02:00:00.000Z'],
    ]);
    expect(
      commitmentTasks({ visitId: 'v2', visitorId: 's1', commitments: [] }, t('2024-03-05'), S9).value,
    ).toEqual([]);
    expect(() =>
      commitmentTasks({ visitId: 'v3', visitorId: 's1', commitments: [''] }, t('2024-03-05'), S9),
    ).toThrow(ZhiduError);
  });

  it('exposes appraisal metrics from reports, commitments and plans (S001B-FOLLOWUP-18, S000B-FOLLOWUP-18)', () => {
    const reports = [...Array(9).fill('done'), 'doneLate'];
    expect(
      appraisalInputs(
        {
          reportStatuses: reports,
          commitments: ['CLOSED', 'CLOSED', 'CLOSED', 'OPEN'],
          planStatuses: ['done'],
        },
        S9,
      ).value,
    ).toEqual({
      reportsDue: 10,
      reportsOnTime: 9,
      commitmentsOpened: 4,
      commitmentsClosed: 3,
      plansOnTime: 1,
    });
    expect(
      appraisalInputs(
        { reportStatuses: [], commitments: [], planStatuses: ['doneLate'] },
        s000bSalesVisitPolicy,
      ).value.plansOnTime,
    ).toBe(0);
  });

  it('removes a customer after 5 fruitless visits but keeps one whose order reset the count (S001-FOLLOW-05)', () => {
    const v = (c: string, n: number, orderAt?: number) =>
      Array.from({ length: n }, (_, i) => ({
        customerId: c,
        at: t(`2024-03-${String(i + 1).padStart(2, '0')}`),
        resulted: orderAt === i + 1,
      }));
    const d = pruneVisitPlan(
      ['c5', 'c4', 'c6'],
      [...v('c5', 5), ...v('c4', 4), ...v('c6', 6, 3)],
      s001CreditManagementPolicy,
    ).value;
    expect(d).toEqual({ kept: ['c4', 'c6'], removed: ['c5'] });
  });

  it('needs a tracking form for A and B intent grades (S001-FOLLOW-02)', () => {
    expect(trackingFormRequired('A', s001SalesOfficePolicy).value).toBe(true);
    expect(trackingFormRequired('B', s001SalesOfficePolicy).value).toBe(true);
    expect(trackingFormRequired('C', s001SalesOfficePolicy).value).toBe(false);
  });

  it('corroborates a registration only with the same evening’s minutes (S001-FOLLOW-01)', () => {
    const reg = { salespersonId: 'A', customerId: 'c', date: '2024-03-01' };
    expect(
      isCorroborated(
        reg,
        [{ date: '2024-03-01', salespersonId: 'A', customerId: 'c' }],
        s001SalesOfficePolicy,
      ).value,
    ).toBe(true);
    expect(
      isCorroborated(
        reg,
        [{ date: '2024-03-02', salespersonId: 'A', customerId: 'c' }],
        s001SalesOfficePolicy,
      ).value,
    ).toBe(false);
  });

  it('lists the manager’s daily invitations, signing and payment notices once a lead time is set (S001-FOLLOW-04)', () => {
    expect(() => dailyNotices('2024-03-01', [], s001SalesOfficePolicy)).toThrow(ZhiduError);
    const P = withSales(s001SalesOfficePolicy, { noticeLeadDays: 3 });
    const d = dailyNotices(
      '2024-03-01',
      [
        { id: 'c1', rep: 'r1', signingDate: '2024-03-02' },
        { id: 'c2', rep: 'r2', paymentDueDates: ['2024-03-03'] },
        { id: 'c3', rep: 'r3', invite: true, paymentDueDates: ['2024-03-20'] },
      ],
      P,
    ).value;
    expect(d).toEqual([
      { type: 'signNotice', customerId: 'c1', rep: 'r1' },
      { type: 'paymentNotice', customerId: 'c2', rep: 'r2' },
      { type: 'invite', customerId: 'c3', rep: 'r3' },
    ]);
  });

  it('requires a yearly senior visit for all A partners and selected B partners (S000B-FOLLOWUP-20)', () => {
    expect(partnerVisitDuties({ grade: 'a' }, s000bPartnerPolicy).value.seniorVisitRequired).toBe(true);
    expect(partnerVisitDuties({ grade: 'b' }, s000bPartnerPolicy).value.seniorVisitRequired).toBe(false);
    expect(
      partnerVisitDuties({ grade: 'b', seniorVisitSelected: true }, s000bPartnerPolicy).value
        .seniorVisitRequired,
    ).toBe(true);
  });

  it('intensifies visits to a partner with an upcoming project (S000B-FOLLOWUP-21)', () => {
    expect(partnerVisitDuties({ grade: 'c', upcomingProjects: 1 }, s000bPartnerPolicy).value.intensify).toBe(
      true,
    );
    expect(partnerVisitDuties({ grade: 'c' }, s000bPartnerPolicy).value.intensify).toBe(false);
  });

  it('names missing category plans and missing department guest lists (S000B-FOLLOWUP-22)', () => {
    expect(
      maintenanceReadiness(
        { plans: ['key', 'general', 'target'], departments: ['D1', 'D2', 'D3'], listsFrom: ['D1', 'D2'] },
        s000bCorporatePolicy,
      ).value,
    ).toEqual({
      missingPlans: ['potential'],
      missingLists: ['D3'],
    });
  });

  it('measures a specialist’s rotation coverage: 5 of 40 is 12.5 %, flagged only below a configured minimum (S000B-FOLLOWUP-24)', () => {
    const assigned = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const visited = ['c0', 'c1', 'c2', 'c3', 'c4', 'c0'];
    expect(visitCoverage(assigned, visited, s000bRelationshipPolicy).value).toEqual({
      coveragePercent: 12.5,
      flagged: false,
    });
    expect(visitCoverage(assigned, visited, s000bRelationshipPolicy, 50).value.flagged).toBe(true);
  });
});
