import { describe, expect, it } from 'vitest';
import { cn, ev, one } from '../../test/helpers.js';
import {
  classifyComplaint,
  dealer000Preset,
  dealerGroup000Preset,
  gps000Preset,
  retail000Preset,
  runWorkflow,
  summarizeComplaints,
  validateIntake,
  type Workflow,
} from '../index.js';

const ctx = cn('2024-12-31T00:00');
type Step = [
  action: string,
  role: string,
  facts?: Record<string, string | number | boolean>,
  personId?: string,
];
const steps = (...s: Step[]) =>
  s.map(([action, role, facts, personId], i) => ({
    action,
    at: new Date(Date.parse('2024-03-04T01:00:00Z') + i * 60_000).toISOString(),
    actor: { personId: personId ?? `u-${role}`, role },
    ...(facts ? { facts } : {}),
  }));
const wf = (p: { params: { workflows: Workflow[] } }, id: string): Workflow => {
  const w = p.params.workflows.find((x) => x.id === id);
  if (!w) throw new Error(id);
  return w;
};

describe('4S dealer group complaints (000 L117–135)', () => {
  const p = dealerGroup000Preset({
    compensationApprovalMatrix: [
      { maxYuan: 1000, role: 'crManager' },
      { maxYuan: 5000, role: 'generalManager' },
    ],
  });
  const flow = wf(p, 'dealerGroupComplaint');

  it('knows the intake channels, including follow-up calls and the group call centre (S000-COMPLAINT-01)', () => {
    expect(
      classifyComplaint({ channel: 'FOLLOWUP_SALES_CONSULTANT' }, p.params).value.attributes.intakeSource,
    ).toBe('followUp');
    expect(classifyComplaint({ channel: 'GROUP_CALL_CENTER' }, p.params).value.attributes.intakeSource).toBe(
      'groupRelay',
    );
    expect(classifyComplaint({ channel: 'FAX' }, p.params).value.attributes.intakeSource).toBe('unknown');
  });

  it('keeps the receptionist complained about out of the handling (S000-COMPLAINT-02)', () => {
    const base: Step[] = [
      ['record', 'crSpecialist', { complainant: '张三', content: '服务态度', respondentId: 'SA1' }],
      ['verifyInOms', 'crSpecialist', { omsCheckedAt: '2024-03-04T09:01' }],
    ];
    const own = runWorkflow(
      steps(...base, ['joinHandling', 'serviceAdvisor', undefined, 'SA1']),
      flow,
      ctx,
    ).value;
    expect(own.rejected).toEqual([{ index: 2, action: 'joinHandling', reason: 'recused' }]);
    const other = runWorkflow(
      steps(...base, ['joinHandling', 'serviceAdvisor', undefined, 'SA2']),
      flow,
      ctx,
    ).value;
    expect(other.state).toBe('handling');
  });

  it('does not move past intake without the OMS verification (S000-COMPLAINT-03)', () => {
    const r = runWorkflow(
      steps(
        ['record', 'crSpecialist', { complainant: '张三', content: '维修延误' }],
        ['joinHandling', 'serviceAdvisor'],
      ),
      flow,
      ctx,
    ).value;
    expect(r.rejected[0]?.reason).toBe('not_allowed_from_state');
    expect(r.state).toBe('recorded');
  });

  it('requires the OMS ticket and the SMS to the CR manager for a call-centre relay (S000-COMPLAINT-04)', () => {
    const r = runWorkflow(
      steps(
        ['record', 'groupCallCenter', { complainant: '李四', content: '…' }],
        ['relayFromCallCenter', 'groupCallCenter', { omsTicketId: 'T-9' }],
      ),
      flow,
      ctx,
    ).value;
    expect(r.rejected[0]).toEqual({
      index: 1,
      action: 'relayFromCallCenter',
      reason: 'missing_facts',
      missing: ['smsSentTo'],
    });
  });

  it('wants the result at group customer service within 24 h of handling (S000-COMPLAINT-05)', () => {
    const events = (fb: string) => [
      ev('received', 'c', '2024-03-05T09:00', { channel: 'GROUP_CALL_CENTER' }),
      ev('handled', 'c', '2024-03-05T16:00'),
      ev('resultReportedToGroup', 'c', fb),
    ];
    expect(one(p, events('2024-03-06T15:30'), '2024-03-07T00:00', 'groupFeedback24h').status).toBe('met');
    const late = one(p, events('2024-03-06T16:01'), '2024-03-07T00:00', 'groupFeedback24h');
    expect(late.status).toBe('breached');
    expect(late.escalationsDue[0]?.notify).toEqual(['groupCustomerService']);
  });

  it('classifies a major complaint by its triggers (S000-COMPLAINT-06)', () => {
    expect(classifyComplaint({ returnOrExchangeRequested: true }, p.params).value.groups.major).toEqual([
      'returnOrExchange',
    ]);
    expect(classifyComplaint({ negativeMedia: true, isRepeat: true }, p.params).value.groups.major).toEqual([
      'repeat',
      'negativeMedia',
    ]);
    expect(classifyComplaint({ isRepeat: false }, p.params).value.attributes.major).toBe(false);
  });

  it('files the major-complaint early warning with the brand division and legal within 24 h (S000-COMPLAINT-07)', () => {
    const start = ev('received', 'm', '2024-03-05T09:00', { major: true });
    const both = one(
      p,
      [
        start,
        ev('warningFiled', 'm', '2024-03-05T18:00', { recipient: 'brandDivisionOrMgmtDept' }),
        ev('warningFiled', 'm', '2024-03-05T20:00', { recipient: 'legalDept' }),
      ],
      '2024-03-07T00:00',
      'majorWarning24h',
    );
    expect(both.status).toBe('met');
    const brandOnly = one(
      p,
      [start, ev('warningFiled', 'm', '2024-03-06T08:00', { recipient: 'brandDivisionOrMgmtDept' })],
      '2024-03-06T08:30',
      'majorWarning24h',
    );
    expect(brandOnly.status).toBe('running');
    const late = one(
      p,
      [start, ev('warningFiled', 'm', '2024-03-06T08:00', { recipient: 'brandDivisionOrMgmtDept' })],
      '2024-03-06T10:00',
      'majorWarning24h',
    );
    expect(late.status).toBe('breached');
    expect(late.escalationsDue.find((e) => e.level === 2)?.notify).toEqual(['opsVicePresident', 'ceo']);
  });

  it('starts the 24 h warning from a later reclassification as major (S000-COMPLAINT-07)', () => {
    const s = one(
      p,
      [ev('received', 'm', '2024-03-05T09:00'), ev('reclassifiedMajor', 'm', '2024-03-06T09:00')],
      '2024-03-06T10:00',
      'majorWarning24h',
    );
    expect(s.dueAt).toBe('2024-03-07T01:00:00.000Z');
  });

  it('notifies the department head and the GM at once on a major complaint (S000-COMPLAINT-08)', () => {
    const s = one(
      p,
      [ev('received', 'm', '2024-03-05T09:00', { major: true })],
      '2024-03-05T09:00',
      'majorWarning24h',
    );
    expect(s.escalationsDue.find((e) => e.level === 1)).toEqual({
      level: 1,
      notify: ['deptHead', 'generalManager'],
      at: '2024-03-05T01:00:00.000Z',
    });
    expect(classifyComplaint({ blockedEntrance: true }, p.params).value.attributes.notify).toEqual([
      'deptHead',
      'generalManager',
    ]);
  });

  it('holds the handler and dealer managers liable when no manufacturer warning was given and a loss followed (S000-COMPLAINT-09)', () => {
    expect(
      classifyComplaint({ warnedPerManufacturer: false, lossYuan: 8000 }, p.params).value.attributes.liable,
    ).toEqual(['caseHandler', 'dealerManagers']);
    expect(
      classifyComplaint({ warnedPerManufacturer: true, lossYuan: 8000 }, p.params).value.attributes.liable,
    ).toBeUndefined();
  });

  it('closes only complaints entered in OMS, and reports them weekly and monthly (S000-COMPLAINT-10)', () => {
    const r = runWorkflow(
      steps(
        ['record', 'crSpecialist', { complainant: '王五', content: '…' }],
        ['verifyInOms', 'crSpecialist', { omsCheckedAt: 'x' }],
        ['joinHandling', 'serviceAdvisor'],
        ['close', 'crManager'],
      ),
      flow,
      ctx,
    ).value;
    expect(r.rejected[0]?.reason).toBe('not_allowed_from_state');
    const week = summarizeComplaints(
      [
        { status: 'closed', major: true },
        { status: 'closed', major: false },
        { status: 'open', major: false },
      ],
      ['status', 'major'],
      { rule: 'S000-COMPLAINT-10', clause: '000 L133' },
    ).value;
    expect(week).toEqual({
      total: 3,
      counts: { status: { closed: 2, open: 1 }, major: { true: 1, false: 2 } },
    });
  });

  it('routes compensation to the approver of the configured authority matrix (S000-COMPLAINT-11)', () => {
    expect(classifyComplaint({ compensationYuan: 3000 }, p.params).value.attributes.approver).toBe(
      'generalManager',
    );
    expect(classifyComplaint({ compensationYuan: 800 }, p.params).value.attributes.approver).toBe(
      'crManager',
    );
    expect(
      classifyComplaint({ compensationYuan: 3000 }, dealerGroup000Preset().params).value.attributes.approver,
    ).toBe('authorityMatrixRequired');
  });
});

describe('GPS after-sales feedback (000 L53–115)', () => {
  const flow = wf(gps000Preset(), 'gpsFeedback');
  it('forwards valuable suggestions and tells the customer the result before closing (S000-COMPLAINT-12)', () => {
    const unforwarded = runWorkflow(
      steps(
        ['reply', 'hotline', { repliedAt: 'x', valuable: true }],
        ['notifyResult', 'centre', { resultNotifiedAt: 'y' }],
      ),
      flow,
      ctx,
    ).value;
    expect(unforwarded.rejected[0]?.reason).toBe('guard_failed');
    const ok = runWorkflow(
      steps(
        ['reply', 'hotline', { repliedAt: 'x', valuable: true }],
        ['forward', 'centre', { forwardedTo: 'R&D' }],
        ['notifyResult', 'centre', { resultNotifiedAt: 'y' }],
        ['close', 'centre'],
      ),
      flow,
      ctx,
    ).value;
    expect(ok.state).toBe('closed');
    const untold = runWorkflow(
      steps(['reply', 'hotline', { repliedAt: 'x' }], ['close', 'centre']),
      flow,
      ctx,
    ).value;
    expect(untold.closed).toBe(false);
  });
});

describe('retail complaints (000 L597–629)', () => {
  const p = retail000Preset();
  const flow = wf(p, 'retailComplaint');
  it('lets the supervisor accept, or reject with an explanation when the customer caused it (S000-COMPLAINT-13)', () => {
    expect(
      runWorkflow(steps(['accept', 'supervisor', { groundsChecked: true }]), flow, ctx).value.state,
    ).toBe('accepted');
    const noExplanation = runWorkflow(steps(['reject', 'supervisor']), flow, ctx).value;
    expect(noExplanation.rejected[0]?.missing).toEqual(['explanationSentAt']);
    expect(
      runWorkflow(steps(['accept', 'storeClerk', { groundsChecked: true }]), flow, ctx).value.rejected[0]
        ?.reason,
    ).toBe('role_not_permitted');
  });

  it('has admin-HR designate the handling department (S000-COMPLAINT-14)', () => {
    const r = runWorkflow(
      steps(
        ['accept', 'supervisor', { groundsChecked: true }],
        ['assignHandlingDept', 'adminHr', { handlingDept: 'quality' }],
      ),
      flow,
      ctx,
    ).value;
    expect(r.state).toBe('investigating');
    expect(r.facts.handlingDept).toBe('quality');
  });

  it('walks the eight-step chain in order and refuses a skipped step (S000-COMPLAINT-15)', () => {
    const chain: Step[] = [
      ['accept', 'supervisor', { groundsChecked: true }],
      ['assignHandlingDept', 'adminHr', { handlingDept: 'quality' }],
      ['submitReport', 'handlingDept', { investigationReport: 'r' }],
      ['supervisorApprove', 'deptSupervisor'],
      ['adminHrSubmit', 'adminHr', { adminHrOpinion: 'ok' }],
      ['gmReply', 'generalManager'],
      ['formOpinion', 'handlingDept', { handlingOpinionText: 'refund' }],
      ['supervisorApproveOpinion', 'deptSupervisor'],
      ['replyCustomer', 'opsCustomerService', { replyMode: 'ORAL' }],
      ['close', 'opsCustomerService'],
    ];
    expect(runWorkflow(steps(...chain), flow, ctx).value.state).toBe('closed');
    const skipped = runWorkflow(
      steps(...chain.slice(0, 2), ['adminHrSubmit', 'adminHr', { adminHrOpinion: 'x' }]),
      flow,
      ctx,
    ).value;
    expect(skipped.rejected[0]?.reason).toBe('not_allowed_from_state');
  });

  it('lets admin-HR supervise any case but not close it (S000-COMPLAINT-16)', () => {
    const r = runWorkflow(
      steps(
        ['accept', 'supervisor', { groundsChecked: true }],
        ['superviseNote', 'adminHr', { note: 'check' }],
        ['close', 'adminHr'],
      ),
      flow,
      ctx,
    ).value;
    expect(r.history.map((h) => h.action)).toEqual(['accept', 'superviseNote']);
    expect(r.rejected[0]?.reason).toBe('not_allowed_from_state');
  });

  it('closes complaints within 7 days of receipt (S000-COMPLAINT-17)', () => {
    expect(
      one(
        p,
        [ev('received', 'r', '2024-03-01T10:00'), ev('closed', 'r', '2024-03-08T20:00')],
        '2024-03-20T00:00',
        'close7d',
      ).status,
    ).toBe('met');
    const late = one(
      p,
      [ev('received', 'r', '2024-03-01T10:00'), ev('closed', 'r', '2024-03-09T09:00')],
      '2024-03-20T00:00',
      'close7d',
    );
    expect(late.lateness?.units).toBe(1);
    expect(
      one(p, [ev('received', 'r', '2024-03-01T10:00')], '2024-03-12T10:00', 'close7d').lateness?.units,
    ).toBe(4);
  });

  it('files the monthly complaint statistics by the 10th (S000-COMPLAINT-18)', () => {
    expect(
      one(
        p,
        [ev('complaintStatsSubmitted', 'company', '2024-04-10T18:00')],
        '2024-04-20T00:00',
        'monthlyStats',
      ).status,
    ).toBe('met');
    expect(
      one(
        p,
        [ev('complaintStatsSubmitted', 'company', '2024-04-11T09:00')],
        '2024-04-20T00:00',
        'monthlyStats',
      ).status,
    ).toBe('breached');
  });
});

describe('dealer complaint procedure (000 L701–770 and its copy L1209–1303)', () => {
  const p = dealer000Preset();
  const general = wf(p, 'general');
  const major = wf(p, 'major');

  it('covers the five complaint categories and nothing else (S000B-COMPLAINT-01)', () => {
    expect(classifyComplaint({ category: 'suggestion' }, p.params).value.attributes.inScope).toBe(true);
    expect(classifyComplaint({ category: 'parkingDispute' }, p.params).value.attributes.inScope).toBe(false);
  });

  it('requires the plate number only for vehicle complaints (S000B-COMPLAINT-02)', () => {
    const rec = {
      receivedAt: '2024-03-05T09:00',
      content: '…',
      complainant: '张三',
      recordedBy: 'crConsultant',
    };
    expect(validateIntake({ ...rec, category: 'repairQuality' }, p.params.intake).value.missing).toEqual([
      'complainantPlateNo',
    ]);
    expect(validateIntake({ ...rec, category: 'newCarSalesContract' }, p.params.intake).value.ok).toBe(true);
  });

  it('routes by category and records merit at triage (S000-COMPLAINT-19, S000B-COMPLAINT-03)', () => {
    expect(classifyComplaint({ category: 'repairQuality' }, p.params).value.attributes.handlingDept).toBe(
      'afterSales',
    );
    const r = runWorkflow(
      steps(
        ['record', 'crConsultant', { content: 'x', complainant: 'y' }],
        [
          'triage',
          'crManager',
          {
            category: 'newCarSalesContract',
            demandReasonable: false,
            handlingDept: 'sales',
            handlerId: 'sm1',
          },
        ],
      ),
      general,
      ctx,
    ).value;
    expect(r.rejected[0]?.missing).toEqual(['groundsSufficient']);
  });

  it('wants a solution within 1 working day of assignment (S000-COMPLAINT-20, S000B-COMPLAINT-04)', () => {
    const fri = (proposed: string) =>
      one(
        p,
        [
          ev('assigned', 'g', '2024-03-08T11:00', { level: 'general' }, { handlingOwner: 'sm1' }),
          ev('solutionProposed', 'g', proposed),
        ],
        '2024-03-20T00:00',
        'solution1wd',
      );
    expect(fri('2024-03-11T17:00').status).toBe('met');
    const late = fri('2024-03-12T09:00');
    expect(late.dueAt).toBe('2024-03-11T15:59:59.999Z');
    expect(late.violations[0]).toEqual(
      expect.objectContaining({
        code: 'sla.complaint.S000B-COMPLAINT-04.late',
        personId: 'sm1',
        lateBy: expect.objectContaining({ unit: 'workingDays', units: 1 }),
      }),
    );
    const fromReceipt = dealer000Preset({ solutionClockFrom: 'received' });
    expect(
      one(
        fromReceipt,
        [ev('received', 'g', '2024-03-05T15:00', { level: 'general' })],
        '2024-03-05T16:00',
        'solution1wd',
      ).dueAt,
    ).toBe('2024-03-06T15:59:59.999Z');
  });

  const toApproval: Step[] = [
    ['record', 'crConsultant', { content: 'x', complainant: 'y' }],
    [
      'triage',
      'crManager',
      {
        category: 'repairQuality',
        groundsSufficient: true,
        demandReasonable: true,
        handlingDept: 'afterSales',
        handlerId: 'sv1',
      },
    ],
    ['proposeSolution', 'serviceManager', { cause: 'part', solution: 'replace' }],
  ];

  it('tells the customer only after the GM approved the solution (S000-COMPLAINT-21, S000B-COMPLAINT-05)', () => {
    const r = runWorkflow(
      steps(...toApproval, ['notifyCustomer', 'crManager', { customerReaction: 'ok' }]),
      general,
      ctx,
    ).value;
    expect(r.rejected[0]?.reason).toBe('not_allowed_from_state');
    const ok = runWorkflow(
      steps(
        ...toApproval,
        ['approveSolution', 'generalManager'],
        ['notifyCustomer', 'crManager', { customerReaction: 'ok' }],
      ),
      general,
      ctx,
    ).value;
    expect(ok.state).toBe('customerNotified');
  });

  it('closes a general complaint only after satisfaction check and summary, in order (S000B-COMPLAINT-06)', () => {
    const full: Step[] = [
      ...toApproval,
      ['approveSolution', 'generalManager'],
      ['notifyCustomer', 'crSpecialist', { customerReaction: 'accepts' }],
      ['checkSatisfaction', 'crSpecialist', { satisfaction: 4 }],
      ['summarize', 'crManager', { reviewSummary: 'parts stock' }],
      ['close', 'crManager', { handlingOwner: 'sv1', causingDept: 'afterSales' }],
    ];
    expect(runWorkflow(steps(...full), general, ctx).value.state).toBe('closed');
    const skip = [...full.slice(0, 6), full[7] as Step];
    expect(runWorkflow(steps(...skip), general, ctx).value.closed).toBe(false);
  });

  it('escalates a major complaint to the responsible manager and the GM before the emergency meeting (S000-COMPLAINT-22, S000B-COMPLAINT-07)', () => {
    const onlyManager = runWorkflow(
      steps(
        ['record', 'crManager', { content: 'x', complainant: 'y' }],
        ['escalate', 'crManager', { notifiedResponsibleDeptManagerAt: 't' }],
      ),
      major,
      ctx,
    ).value;
    expect(onlyManager.rejected[0]?.missing).toEqual(['notifiedGeneralManagerAt']);
    const alone = runWorkflow(
      steps(
        ['record', 'crManager', { content: 'x', complainant: 'y' }],
        ['escalate', 'crManager', { notifiedResponsibleDeptManagerAt: 't', notifiedGeneralManagerAt: 't' }],
        ['holdEmergencyMeeting', 'generalManager', { meetingAt: 't' }],
        ['draftSolution', 'generalManager', { solution: 'buy back' }],
        ['negotiate', 'crManager', { crManagerPresent: true, businessDeptManagerPresent: false }],
      ),
      major,
      ctx,
    ).value;
    expect(alone.rejected[0]?.reason).toBe('guard_failed');
  });

  it('records who caused the complaint before closing (S000-COMPLAINT-23)', () => {
    const w = major.transitions.find((t) => t.action === 'close');
    expect(w?.requires).toEqual(['handlingOwner', 'causingDept']);
    expect(w?.rule).toBe('S000-COMPLAINT-23');
  });

  it('gives approval to the GM, proposals to the sales/service managers, recording to CR staff (S000B-COMPLAINT-08)', () => {
    const r = runWorkflow(steps(...toApproval, ['approveSolution', 'crSpecialist']), general, ctx).value;
    expect(r.rejected[0]?.reason).toBe('role_not_permitted');
    const byCr = runWorkflow(
      steps(toApproval[0] as Step, toApproval[1] as Step, [
        'proposeSolution',
        'crSpecialist',
        { cause: 'c', solution: 's' },
      ]),
      general,
      ctx,
    ).value;
    expect(byCr.rejected[0]?.reason).toBe('role_not_permitted');
  });
});
