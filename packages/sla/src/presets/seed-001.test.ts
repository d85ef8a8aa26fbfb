import { describe, expect, it } from 'vitest';
import { cn, ev, one, timersOf, utc } from '../../test/helpers.js';
import {
  classifyComplaint,
  conferenceMarketing001Preset,
  dedupeComplaints,
  evaluateIncidents,
  evaluateTimers,
  newCustomerDevelopment001Preset,
  prosthetics001Preset,
  runWorkflow,
  salesOffice001Preset,
  serviceSupervision001Preset,
  validateIntake,
  type Workflow,
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

describe('conference-marketing grievances (001 L68–74)', () => {
  const p = conferenceMarketing001Preset();
  const who = { employee: 'E', deptManager: 'M' };
  const codes = (events: ReturnType<typeof ev>[], now: string) => [
    ...evaluateIncidents(events, p, cn(now)).value.map((v) => `${v.personId}:${v.code.split('.').pop()}`),
    ...evaluateTimers(events, p, cn(now)).value.flatMap((s) =>
      s.violations.map((v) => `${v.personId}:${v.code.split('.').pop()}`),
    ),
  ];

  it('records at least one grievance cause from the five (S001-COMPLAINT-01)', () => {
    expect(classifyComplaint({ causes: ['interDepartmentDispute'] }, p.params).value.groups.cause).toEqual([
      'interDepartmentDispute',
    ]);
    expect(validateIntake({ causes: [] }, p.params.intake).value.missing).toEqual(['causes']);
  });

  it('fines the employee 100 for a grievance found without a complaint (S001-COMPLAINT-02)', () => {
    expect(
      codes(
        [
          ev('grievanceFound', 'g', '2024-05-01T09:00', {}, who),
          ev('grievanceResolved', 'g', '2024-05-02T09:00'),
        ],
        '2024-05-10T00:00',
      ),
    ).toEqual(['E:S001-COMPLAINT-02']);
  });

  it('fines the manager and the employee 100 each for a complaint to the executive (S001-COMPLAINT-03)', () => {
    expect(
      codes(
        [
          ev('grievanceFound', 'g', '2024-05-01T09:00', { formalComplaintToExecutive: true }, who),
          ev('grievanceResolved', 'g', '2024-05-03T18:00'),
        ],
        '2024-05-10T00:00',
      ),
    ).toEqual(['M:S001-COMPLAINT-03', 'E:S001-COMPLAINT-03']);
  });

  it('adds 500 each and moves the customer when unresolved after 3 days (S001-COMPLAINT-04)', () => {
    const events = [
      ev('grievanceFound', 'g', '2024-05-01T09:00', {}, who),
      ev('grievanceResolved', 'g', '2024-05-04T10:00'),
    ];
    expect(codes(events, '2024-05-10T00:00')).toEqual([
      'E:S001-COMPLAINT-02',
      'M:S001-COMPLAINT-04',
      'E:S001-COMPLAINT-04',
    ]);
    expect(one(p, events, '2024-05-10T00:00', 'grievance3d').consequences).toEqual([
      'transferCustomerToOtherDepartment',
    ]);
    expect(
      one(
        p,
        [ev('grievanceFound', 'g', '2024-05-01T09:00', { formalComplaintToExecutive: true }, who)],
        '2024-05-04T09:01',
        'grievance3d',
      ).status,
    ).toBe('breached');
    const calendar = conferenceMarketing001Preset({ resolutionClock: 'calendarDays' });
    expect(one(calendar, events, '2024-05-10T00:00', 'grievance3d').dueAt).toBe(
      utc('2024-05-03T23:59:59.999'),
    );
  });
});

describe('service supervision (001 L456–540)', () => {
  const p = serviceSupervision001Preset({ onSiteMinutesBySite: { plantA: 240 } });

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

describe('new-customer development projects (001 L338–412)', () => {
  const p = newCustomerDevelopment001Preset({
    monthlySupplyThreshold: 500_000,
    threeMonthSupplyThreshold: 1_000_000,
  });
  const w = wf(p, 'project');

  it('opens a project only for a new customer at 3,000,000 cast balls or 1,000,000 equipment (S001-MILE-01)', () => {
    const q = (f: Record<string, number | boolean>) =>
      classifyComplaint(f, p.params).value.attributes.qualifies;
    expect(q({ inDirectory: false, castBallYuan: 3_000_000 })).toBe(true);
    expect(q({ inDirectory: false, castBallYuan: 2_000_000, equipmentYuan: 900_000 })).toBe(false);
    expect(q({ inDirectory: true, castBallYuan: 5_000_000 })).toBe(false);
  });

  it('runs the approval chain application → group → deputy → leader (S001-MILE-02)', () => {
    expect(
      runWorkflow(
        steps(
          ['submit', 'implementer', { applicationForm: 'f' }],
          ['evaluate', 'reviewGroup', { feasibility: 'good' }],
          ['approve', 'leader'],
        ),
        w,
        ctx,
      ).value.rejected[0]?.reason,
    ).toBe('not_allowed_from_state');
    expect(
      runWorkflow(
        steps(
          ['submit', 'implementer', { applicationForm: 'f' }],
          ['evaluate', 'reviewGroup', { feasibility: 'good' }],
          ['deputyReview', 'deputyLeader'],
          ['approve', 'leader'],
        ),
        w,
        ctx,
      ).value.state,
    ).toBe('active');
  });

  it('raises special attention at 3 months, a special study at 6 and a written report at 12 (S001-MILE-03)', () => {
    const v = evaluateTimers(
      [ev('projectApproved', 'np', '2024-01-10T00:00'), ev('obviousProgress', 'np', '2024-05-01T00:00')],
      p,
      cn('2024-07-11T00:00'),
    ).value;
    expect(v.map((s) => [s.timerId, s.status, s.consequences])).toEqual([
      ['checkpoint3m', 'breached', ['specialAttention']],
      ['checkpoint6m', 'breached', ['specialStudy']],
      ['checkpoint12m', 'running', []],
    ]);
    expect(
      classifyComplaint({ threeMonthSupply: 900_000 }, p.params).value.attributes.developmentStandardMet,
    ).toBe(false);
  });

  it('ends a project on approval with cost reconciliation when money was spent; restarting needs a new approval (S001-MILE-04)', () => {
    const active: Step[] = [
      ['submit', 'i', { applicationForm: 'f' }],
      ['evaluate', 'reviewGroup', { feasibility: 'ok' }],
      ['deputyReview', 'deputyLeader'],
      ['approve', 'leader'],
    ];
    const spent = runWorkflow(
      steps(...active, [
        'terminate',
        'reviewGroup',
        { writtenApplication: 'w', reviewGroupApproval: 'y', spentYuan: 12_000 },
      ]),
      w,
      ctx,
    ).value;
    expect(spent.rejected[0]?.missing).toEqual(['costReconciliation']);
    const ended = runWorkflow(
      steps(
        ...active,
        ['terminate', 'reviewGroup', { writtenApplication: 'w', reviewGroupApproval: 'y', spentYuan: 0 }],
        ['resume', 'leader'],
      ),
      w,
      ctx,
    ).value;
    expect(ended.state).toBe('terminated');
    expect(ended.rejected[0]?.reason).toBe('not_allowed_from_state');
  });

  it('moves the 3-month checkpoint by the paused time (S001-MILE-05)', () => {
    const s = one(
      p,
      [
        ev('projectApproved', 'np', '2024-01-10T00:00'),
        ev('projectPaused', 'np', '2024-03-01T00:00'),
        ev('projectResumed', 'np', '2024-04-01T00:00'),
      ],
      '2024-04-15T00:00',
      'checkpoint3m',
    );
    expect(s.dueAt).toBe(utc('2024-05-11T00:00'));
    expect(s.status).toBe('running');
    const w2 = runWorkflow(
      steps(['submit', 'i', { applicationForm: 'f' }], ['resume', 'leader']),
      w,
      ctx,
    ).value;
    expect(w2.rejected[0]?.reason).toBe('not_allowed_from_state');
  });

  it('closes a project and hands it to the sales company once monthly supply reaches the threshold (S001-MILE-06)', () => {
    expect(classifyComplaint({ monthlySupply: 600_000 }, p.params).value.attributes).toEqual(
      expect.objectContaining({ complete: true, handoverTo: 'salesCompany' }),
    );
    expect(classifyComplaint({ monthlySupply: 100_000 }, p.params).value.attributes.complete).toBe(false);
    expect(newCustomerDevelopment001Preset().params.routing.some((t) => t.id === 'completion')).toBe(false);
  });

  it('moves a payment default of more than 2 months to breach-of-contract handling (S001-MILE-07)', () => {
    const p7 = salesOffice001Preset();
    const at = (now: string) =>
      one(p7, [ev('paymentOverdue', 'buyer', '2024-01-10T00:00')], now, 'paymentDefault');
    expect(at('2024-01-11T10:00').escalationsDue[0]?.notify).toEqual(['paymentReminderNotice']);
    expect(at('2024-03-10T20:00').status).toBe('running');
    expect(at('2024-03-11T00:01').consequences).toEqual(['breachLiability']);
    expect(
      timersOf(
        p7,
        [ev('paymentOverdue', 'buyer', '2024-01-10T00:00'), ev('paid', 'buyer', '2024-02-01T00:00')],
        '2024-06-01T00:00',
        'paymentDefault',
      )[0]?.status,
    ).toBe('met');
  });
});
