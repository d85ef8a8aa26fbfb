import type { Workflow } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { companyCopy } from '../../test/company-copy.js';
import { cn, ev, one, timersOf, utc } from '../../test/helpers.js';
import {
  classifyComplaint,
  dedupeComplaints,
  prosthetics001Preset,
  runWorkflow,
  validateIntake,
} from '../index.js';

const ctx = cn('2024-12-31T00:00');
const wf = (p: { params: { workflows: Workflow[] } }, id: string): Workflow => {
  const w = p.params.workflows.find((x) => x.id === id);
  if (!w) throw new Error(id);
  return w;
};
type Step = [string, string, Record<string, string | number | boolean>?];
const steps = (...s: Step[]) =>
  s.map(([action, role, facts], i) => ({
    action,
    at: new Date(Date.parse('2024-01-10T01:00:00Z') + i * 60_000).toISOString(),
    actor: { personId: `u-${role}`, role },
    ...(facts ? { facts } : {}),
  }));

describe('service supervision (001 L456–540)', () => {
  // The per-site dispatch limits (001 L536) are not in the source: the company's copy adds its sites.
  const p = companyCopy('service-supervision-001', [
    {
      op: 'add',
      path: '/params/timers/-',
      value: {
        id: 'onSiteArrival',
        rule: 'S001-COMPLAINT-09',
        clause: '001 L536',
        target: {
          kind: 'byAttribute',
          cases: [
            { when: [{ attribute: 'site', equals: 'plantA' }], spec: { unit: 'minutes', amount: 240 } },
          ],
        },
        title: {
          zh: '現場服務:按站點規定時間抵達',
          en: 'On-site service: arrive within the site dispatch time',
        },
        start: [{ type: 'onSiteDispatched' }],
        stop: [{ type: 'arrivedOnSite' }],
      },
    },
  ]);

  it('routes complaints to technical service and wants the supervision report by month end (S001-COMPLAINT-05)', () => {
    expect(classifyComplaint({}, p.params).value.attributes.intakeOwner).toBe('technicalService');
    const feb = timersOf(
      p,
      [ev('supervisionReportSubmitted', 'company', '2024-02-29T18:00')],
      '2024-03-05T00:00',
      'supervisionReport',
    ).find((s) => s.subject === 'company@2024-02');
    if (!feb) throw new Error('no February report timer');
    expect(feb.dueAt).toBe(utc('2024-02-29T23:59:59.999'));
    expect(feb.status).toBe('met');
  });

  it('has the first responder resolve at once, or hand over to the leader or a colleague, and report major matters (S001-COMPLAINT-06)', () => {
    const route = (f: Record<string, boolean>) => classifyComplaint(f, p.params).value.attributes;
    expect(route({ inRemit: true, oneStepResolvable: true })).toEqual(
      expect.objectContaining({ action: 'resolveNow', notifyGM: false }),
    );
    expect(route({ inRemit: false, leaderPresent: true })).toEqual(
      expect.objectContaining({ action: 'handOver', to: 'leaderInCharge' }),
    );
    expect(route({ inRemit: false, leaderPresent: false })).toEqual(
      expect.objectContaining({ to: 'colleagueInCharge' }),
    );
    expect(route({ inRemit: true, oneStepResolvable: true, major: true }).notifyGM).toBe(true);
  });

  it('logs and forwards every call, and flags a second call about an open issue (S001-COMPLAINT-07)', () => {
    const w = wf(p, 'customerCall');
    expect(
      runWorkflow(steps(['log', 'warehouse', { details: 'system down' }]), w, ctx).value.rejected[0]?.missing,
    ).toEqual(['forwardedTo']);
    const repeat = dedupeComplaints(
      [
        { id: 'T1', complainantId: 'cust', issueKey: 'systemDown', receivedAt: '2024-05-01T09:00:00+08:00' },
        { id: 'T2', complainantId: 'cust', issueKey: 'systemDown', receivedAt: '2024-05-02T09:00:00+08:00' },
        { id: 'T3', complainantId: 'cust', issueKey: 'printer', receivedAt: '2024-05-02T10:00:00+08:00' },
      ],
      { onlyWhileOpen: true, rule: 'S001-COMPLAINT-07', clause: '001 L478' },
    ).value;
    expect(repeat.links).toEqual([{ duplicateId: 'T2', primaryId: 'T1' }]);
  });

  it('lets the issue be resolved before the work contact sheet, which is still required to close (S001-COMPLAINT-08)', () => {
    const w = wf(p, 'customerCall');
    const r = runWorkflow(
      steps(
        ['log', 'support', { details: 'd', forwardedTo: 'cs' }],
        ['resolve', 'support'],
        ['close', 'support'],
      ),
      w,
      ctx,
    ).value;
    expect(r.rejected[0]?.reason).toBe('not_allowed_from_state');
    expect(
      runWorkflow(
        steps(
          ['log', 'support', { details: 'd', forwardedTo: 'cs' }],
          ['resolve', 'support'],
          ['fileWorkOrder', 'support', { workOrderId: 'W1' }],
          ['close', 'support'],
        ),
        w,
        ctx,
      ).value.state,
    ).toBe('closed');
  });

  it('escalates hotline → remote (with authorisation) → on site within the site limit (S001-COMPLAINT-09)', () => {
    const tier = (f: Record<string, boolean>) => classifyComplaint(f, p.params).value.attributes.tier;
    expect(tier({ hotlineFailed: false })).toBe('hotline');
    expect(tier({ hotlineFailed: true, remoteAuthorized: true })).toBe('remote');
    expect(tier({ hotlineFailed: true, remoteAuthorized: false })).toBe('onSite');
    expect(tier({ hotlineFailed: true, remoteAuthorized: true, remoteFailed: true })).toBe('onSite');
    expect(
      one(
        p,
        [ev('onSiteDispatched', 't', '2024-05-01T09:00', { site: 'plantA' })],
        '2024-05-01T14:00',
        'onSiteArrival',
      ).status,
    ).toBe('breached');
    expect(
      one(
        p,
        [ev('onSiteDispatched', 't', '2024-05-01T09:00', { site: 'plantB' })],
        '2024-05-01T14:00',
        'onSiteArrival',
      ).anomalies[0]?.kind,
    ).toBe('unknown_target_case');
  });

  it('needs time, place, symptoms and plan to report a major fault, and an analysis report to finish (S001-COMPLAINT-10)', () => {
    expect(
      validateIntake({ time: 't', location: 'l', symptoms: 's' }, p.params.intake).value.missing,
    ).toEqual(['responsePlan']);
    const w = wf(p, 'majorFault');
    const r = runWorkflow(
      steps(
        [
          'report',
          'staff',
          {
            time: 't',
            location: 'l',
            symptoms: 's',
            responsePlan: 'p',
            notifiedSalesperson: 'x',
            notifiedManager: 'y',
          },
        ],
        ['escalateToLeadership', 'managerInCharge'],
        ['endFault', 'managerInCharge'],
      ),
      w,
      ctx,
    ).value;
    expect(r.state).toBe('ended');
    expect(r.closed).toBe(false);
  });

  it('requires each sales department to define types, scope, owner and handling time (S001-COMPLAINT-11)', () => {
    const intake = prosthetics001Preset().params.intake;
    expect(
      validateIntake({ types: ['quality'], scope: 'all', responsibleDeptOrPerson: 'QA' }, intake).value
        .missing,
    ).toEqual(['handlingTime']);
    expect(
      validateIntake(
        { types: ['quality'], scope: 'all', responsibleDeptOrPerson: 'QA', handlingTime: '3 days' },
        intake,
      ).value.ok,
    ).toBe(true);
  });
});
