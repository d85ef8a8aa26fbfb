import { describe, expect, it } from 'vitest';
import { cn, ev, one, timersOf, utc } from '../../test/helpers.js';
import {
  classifyComplaint,
  evaluateChecklist,
  exchangeMembership001bPreset,
  gpsAfterSales001bPreset,
  isInAnnualInspectionWindow,
  isLateAttitudeComplaint,
  lawFirm001bPreset,
  logistics001bPreset,
  marginRefundSchedule,
  runWorkflow,
  summarizeComplaints,
  validateIntake,
  type Workflow,
} from '../index.js';

const ctx = cn('2024-12-31T00:00');
type Step = [string, string, Record<string, string | number | boolean | string[]>?, string?];
const steps = (...s: Step[]) =>
  s.map(([action, role, facts, personId], i) => ({
    action,
    at: new Date(Date.parse('2024-06-01T01:00:00Z') + i * 60_000).toISOString(),
    actor: { personId: personId ?? `u-${role}`, role },
    ...(facts ? { facts } : {}),
  }));
const flowOf = (p: { params: { workflows: Workflow[] } }): Workflow => {
  const w = p.params.workflows[0];
  if (!w) throw new Error('workflow');
  return w;
};

describe('law-firm complaints (001 L822–876)', () => {
  const p = lawFirm001bPreset({ informWithinDays: 3 });
  const w = flowOf(p);
  const registered: Step[] = [
    [
      'register',
      'frontDesk',
      {
        registerFilled: true,
        ledgerEntryId: 'L-1',
        originalsRetained: true,
        forwardedTo: 'designatedOfficer',
        respondentIds: ['lawyerX'],
      },
    ],
    ['startHandling', 'designatedOfficer'],
  ];
  const decided: Step[] = [
    ...registered,
    ['writtenOpinion', 'designatedOfficer', { writtenOpinion: 'o' }],
    ['investigate', 'designatedOfficer', { investigationCompleted: true }],
    [
      'decide',
      'supervisingPartner',
      { opinion: 'apologise and re-assign', signedBy: 'P1', outcomeCode: 'REASSIGN' },
      'P1',
    ],
  ];

  it('routes intake by channel (S001B-COMPLAINT-01)', () => {
    const r = (channel: string) => classifyComplaint({ channel }, p.params).value.attributes;
    expect(r('PHONE')).toEqual(
      expect.objectContaining({ receiver: 'frontDesk', acceptor: 'designatedOfficer' }),
    );
    expect(r('WRITTEN')).toEqual(
      expect.objectContaining({ receiver: 'adminFrontDesk', acceptor: 'adminFrontDesk' }),
    );
    expect(r('REFERRAL_BAR_ASSOCIATION')).toEqual(expect.objectContaining({ receiver: 'designatedOfficer' }));
  });

  it('registers, ledgers, keeps originals and forwards before handling (S001B-COMPLAINT-02)', () => {
    const r = runWorkflow(
      steps(['register', 'frontDesk', { registerFilled: true, originalsRetained: true, forwardedTo: 'x' }]),
      w,
      ctx,
    ).value;
    expect(r.rejected[0]?.missing).toEqual(['ledgerEntryId']);
  });

  it('picks the decider: partner, director, another partner, or the meeting for major matters (S001B-COMPLAINT-03)', () => {
    const d = (f: Record<string, boolean>) => classifyComplaint(f, p.params).value.attributes;
    expect(d({ supervisingPartnerAvailable: true }).decider).toBe('SUPERVISING_PARTNER');
    expect(d({ supervisingPartnerAvailable: false, directorAvailable: true }).decider).toBe('DIRECTOR');
    expect(
      d({ supervisingPartnerAvailable: false, directorAvailable: false, otherPartnerAvailable: true })
        .decider,
    ).toBe('OTHER_PARTNER');
    expect(d({ isMajor: true, supervisingPartnerAvailable: true })).toEqual(
      expect.objectContaining({ decider: 'MEETING', mustDecideRegulatorNotification: true }),
    );
    const recused = runWorkflow(
      steps(...decided.slice(0, 4), [
        'decide',
        'partner',
        { opinion: 'o', signedBy: 'lawyerX', outcomeCode: 'X' },
        'lawyerX',
      ]),
      w,
      ctx,
    ).value;
    expect(recused.rejected[0]?.reason).toBe('recused');
  });

  it('investigates before deciding and makes no promise before the decision (S001B-COMPLAINT-04)', () => {
    const early = runWorkflow(
      steps(
        ...registered,
        ['writtenOpinion', 'designatedOfficer', { writtenOpinion: 'o' }],
        ['sendCommitment', 'designatedOfficer', { commitment: 'refund' }],
      ),
      w,
      ctx,
    ).value;
    expect(early.rejected[0]?.reason).toBe('not_allowed_from_state');
    const noInvestigation = runWorkflow(
      steps(
        ...registered,
        ['writtenOpinion', 'designatedOfficer', { writtenOpinion: 'o' }],
        ['investigate', 'designatedOfficer', { investigationCompleted: false }],
      ),
      w,
      ctx,
    ).value;
    expect(noInvestigation.rejected[0]?.reason).toBe('guard_failed');
    expect(
      runWorkflow(
        steps(...decided, ['sendCommitment', 'designatedOfficer', { commitment: 'refund' }]),
        w,
        ctx,
      ).value.rejected,
    ).toEqual([]);
  });

  it('tells the complainant the handling arrangement within the configured days (S001B-COMPLAINT-05)', () => {
    expect(
      one(p, [ev('accepted', 'k', '2024-06-01T10:00')], '2024-06-05T10:00', 'informComplainant').status,
    ).toBe('breached');
    expect(
      one(
        p,
        [
          ev('accepted', 'k', '2024-06-01T10:00'),
          ev('contact', 'k', '2024-06-02T10:00', { contactType: 'ARRANGEMENT_NOTICE' }),
        ],
        '2024-06-05T10:00',
        'informComplainant',
      ).status,
    ).toBe('met');
    expect(
      timersOf(
        lawFirm001bPreset(),
        [ev('accepted', 'k', '2024-06-01T10:00')],
        '2024-06-05T10:00',
        'informComplainant',
      ),
    ).toEqual([]);
  });

  it('needs a signed opinion, implemented by the designated officer (S001B-COMPLAINT-06)', () => {
    const unsigned = runWorkflow(
      steps(...decided.slice(0, 4), [
        'decide',
        'supervisingPartner',
        { opinion: 'o', outcomeCode: 'X' },
        'P1',
      ]),
      w,
      ctx,
    ).value;
    expect(unsigned.rejected[0]?.missing).toEqual(['signedBy']);
    const byPartner = runWorkflow(
      steps(...decided, ['startImplementation', 'supervisingPartner']),
      w,
      ctx,
    ).value;
    expect(byPartner.rejected[0]?.reason).toBe('role_not_permitted');
    expect(
      runWorkflow(steps(...decided, ['startImplementation', 'designatedOfficer']), w, ctx).value.state,
    ).toBe('implementing');
  });

  it('replies in writing unless an exception reason is recorded (S001B-COMPLAINT-07)', () => {
    const impl: Step[] = [...decided, ['startImplementation', 'designatedOfficer']];
    expect(
      runWorkflow(steps(...impl, ['reply', 'designatedOfficer', { replyForm: 'WRITTEN' }]), w, ctx).value
        .state,
    ).toBe('replied');
    expect(
      runWorkflow(steps(...impl, ['reply', 'designatedOfficer', { replyForm: 'ORAL' }]), w, ctx).value
        .rejected[0]?.reason,
    ).toBe('guard_failed');
    expect(
      runWorkflow(
        steps(...impl, [
          'reply',
          'designatedOfficer',
          { replyForm: 'ORAL', exceptionReason: 'complainant refused written reply' },
        ]),
        w,
        ctx,
      ).value.state,
    ).toBe('replied');
  });

  it('follows up when either side is dissatisfied (S001B-COMPLAINT-08)', () => {
    const s = (f: Record<string, string>) => classifyComplaint(f, p.params).value.attributes;
    expect(s({ complainant: 'SATISFIED', respondent: 'SATISFIED' })).toEqual(
      expect.objectContaining({ followUpRequired: false, notify: ['designatedOfficer'] }),
    );
    expect(s({ complainant: 'DISSATISFIED', respondent: 'SATISFIED' }).followUpRequired).toBe(true);
    expect(s({ respondent: 'DISSATISFIED' }).notify).toEqual(['handler', 'designatedOfficer']);
  });
});

describe('GPS after-sales (001 L878–954)', () => {
  it('lists the outstanding reply, forwarding and result-notice duties (S001B-COMPLAINT-09)', () => {
    const list = gpsAfterSales001bPreset().params.checklists[0];
    if (!list) throw new Error('checklist');
    const at = { subject: 'k', at: '2024-06-01T10:00:00+08:00' };
    expect(
      evaluateChecklist({ reply: true, fromServiceCentre: true, customerNotifiedOfResult: true }, list, at)
        .value.missing,
    ).toEqual(['forwardToCompanyDept']);
    expect(evaluateChecklist({ fromServiceCentre: false }, list, at).value.missing).toEqual(['reply']);
  });
});

describe('logistics complaints (001 L956–1064)', () => {
  const p = logistics001bPreset();
  const w = flowOf(p);
  const cls = (f: Record<string, unknown>) => classifyComplaint(f, p.params).value;

  it('keeps case ownership with customer service while anyone may assist (S001B-COMPLAINT-10)', () => {
    const r = runWorkflow(steps(['register', 'salesManager', { registerEntryId: 'R1' }]), w, ctx).value;
    expect(r.rejected[0]?.reason).toBe('role_not_permitted');
    const assist = runWorkflow(
      steps(
        ['register', 'customerService', { registerEntryId: 'R1' }],
        ['assignInvestigator', 'customerService', { investigatorId: 'i1' }],
        ['assistInvestigation', 'warehouseClerk'],
      ),
      w,
      ctx,
    ).value;
    expect(assist.rejected).toEqual([]);
  });

  it('classifies content as service or business with its subtype (S001B-CCLASS-01)', () => {
    expect(cls({ serviceFeatures: ['1'] }).attributes.contentType).toBe('SERVICE');
    expect(cls({ businessSubtype: 'TIMELINESS' }).attributes.contentType).toBe('BUSINESS');
  });

  it('normalises the channel to phone or chat tool and flags anything else (S001B-CCLASS-02)', () => {
    expect(cls({ rawChannel: 'hotline' }).attributes.channel).toBe('PHONE');
    expect(cls({ rawChannel: 'WeChat' }).attributes.channel).toBe('CHAT_TOOL');
    expect(cls({ rawChannel: 'letter' }).attributes).toEqual(
      expect.objectContaining({ channel: 'OTHER', channelFlagged: true }),
    );
  });

  it('finds a complaint invalid on any of the six grounds, needing both parts of ground 1 (S001B-CCLASS-03)', () => {
    expect(
      cls({
        investigated: true,
        factsSeriouslyInconsistent: true,
        complainantAtFault: false,
        anonymous: false,
        hasSpecificFacts: true,
      }).attributes.validity,
    ).toBe('VALID');
    expect(cls({ anonymous: true, hasSpecificFacts: false, investigated: false })).toEqual(
      expect.objectContaining({ groups: expect.objectContaining({ invalid: ['INV_ANONYMOUS_UNFOUNDED'] }) }),
    );
    expect(cls({ investigated: false, anonymous: false, hasSpecificFacts: true }).attributes.validity).toBe(
      'PENDING_INVESTIGATION',
    );
    expect(
      cls({ investigated: true, provocationOrThreat: true, lateAttitudeComplaint: true }).groups.invalid,
    ).toEqual(['INV_PROVOCATION_OR_THREAT', 'INV_LATE_ATTITUDE_COMPLAINT']);
  });

  it('bars service-attitude complaints filed more than one month after the incident (S001B-CCLASS-04)', () => {
    const months = Number(p.params.settings.attitudeLimitMonths);
    expect(
      isLateAttitudeComplaint(
        { isServiceAttitude: true, incidentDate: '2024-01-31', complaintDate: '2024-02-29' },
        months,
      ),
    ).toBe(false);
    expect(
      isLateAttitudeComplaint(
        { isServiceAttitude: true, incidentDate: '2024-01-31', complaintDate: '2024-03-01' },
        months,
      ),
    ).toBe(true);
    expect(
      isLateAttitudeComplaint(
        { isServiceAttitude: false, incidentDate: '2024-01-01', complaintDate: '2024-06-01' },
        months,
      ),
    ).toBe(false);
    expect(() =>
      isLateAttitudeComplaint(
        { isServiceAttitude: true, incidentDate: '2024-03-01', complaintDate: '2024-02-01' },
        months,
      ),
    ).toThrow(expect.objectContaining({ code: 'out_of_order' }));
  });

  it('grades valid complaints vicious or general (S001B-CCLASS-05)', () => {
    expect(cls({ investigated: true, wideMediaImpact: true }).attributes.severity).toBe('VICIOUS');
    expect(cls({ investigated: true, conflictWithCustomer: true }).attributes.severity).toBe('VICIOUS');
    expect(cls({ investigated: true }).attributes.severity).toBe('GENERAL');
    expect(cls({ provocationOrThreat: true }).attributes.severity).toBeNull();
  });

  it('separates malicious from general-invalid motives (S001B-CCLASS-06)', () => {
    expect(
      cls({ unmetDemandOutsideCommitmentOrProhibited: true, improperDemandUnmet: true }).attributes
        .invalidMotive,
    ).toBe('MALICIOUS');
    expect(
      cls({ factsIncompleteUnverifiable: true, misunderstanding: true, anonymous: false }).attributes
        .invalidMotive,
    ).toBe('GENERAL_INVALID');
    expect(cls({ lateAttitudeComplaint: true }).attributes.invalidMotive).toBe('UNSPECIFIED');
    expect(cls({ investigated: true }).attributes.invalidMotive).toBeNull();
  });

  it('records name and phone unless anonymous, and always the target and the narrative (S001B-COMPLAINT-11)', () => {
    expect(
      validateIntake({ anonymous: false, target: 'driver Li', narrative: '…' }, p.params.intake).value
        .missing,
    ).toEqual(['complainantName', 'phone']);
    expect(
      validateIntake({ anonymous: true, target: 'warehouse', narrative: '…' }, p.params.intake).value.ok,
    ).toBe(true);
  });

  it('flags investigations that skip the respondent side, make promises or omit management gaps (S001B-COMPLAINT-12)', () => {
    const ok = cls({
      assignedByDept: 'customerService',
      communicatedTo: ['complainant', 'respondentLeader'],
      managementGaps: ['no dispatch SOP'],
      commitmentsMade: 0,
    });
    expect(ok.groups.investigationDefect).toEqual([]);
    expect(
      cls({
        assignedByDept: 'customerService',
        communicatedTo: ['complainant'],
        managementGaps: [],
        commitmentsMade: 1,
      }).groups.investigationDefect,
    ).toEqual(['RESPONDENT_SIDE_NOT_INFORMED', 'INVESTIGATOR_MAY_NOT_COMMIT']);
  });

  it('wants a handling plan within 30 minutes, inclusive of the 30th minute (S001B-SLA-01)', () => {
    const run = (plan?: string, now = '2024-05-10T12:00') =>
      one(
        p,
        [ev('received', 'c', '2024-05-10T09:45:00'), ...(plan ? [ev('planProposed', 'c', plan)] : [])],
        now,
        'plan30min',
      );
    expect(run('2024-05-10T10:15:00').status).toBe('met');
    expect(run('2024-05-10T10:15:01').status).toBe('breached');
    const open = run(undefined, '2024-05-10T10:05');
    expect([open.status, open.remainingMs]).toEqual(['running', 600_000]);
    expect(open.warningsReached).toEqual([utc('2024-05-10T10:05')]);
  });

  it('escalates to the direct leader with a holding reply when unresolved (S001B-SLA-02)', () => {
    expect(
      one(p, [ev('received', 'c', '2024-05-10T09:00')], '2024-05-10T09:30', 'plan30min').escalationsDue[0]
        ?.notify,
    ).toEqual(['directLeader']);
    expect(
      one(
        logistics001bPreset({ autoEscalateAtPlanDeadline: false }),
        [ev('received', 'c', '2024-05-10T09:00')],
        '2024-05-10T09:31',
        'plan30min',
      ).escalationsDue,
    ).toEqual([]);
    const r = runWorkflow(
      steps(
        ['register', 'customerService', { registerEntryId: 'R' }],
        ['proposePlan', 'handler', { plan: 'p' }],
        ['markUnresolvable', 'handler', { escalatedTo: 'L' }],
      ),
      w,
      ctx,
    ).value;
    expect(r.rejected[0]?.missing).toEqual(['holdingReplySentAt']);
  });

  it('summarises a month of complaints by taxonomy for the analysis report (S001B-SLA-03)', () => {
    const r = summarizeComplaints(
      [
        { contentType: 'SERVICE', plan: 'met' },
        { contentType: 'BUSINESS', plan: 'met' },
        { contentType: 'BUSINESS', plan: 'breached' },
      ],
      ['contentType', 'plan'],
    ).value;
    expect(r.counts).toEqual({ contentType: { SERVICE: 1, BUSINESS: 2 }, plan: { met: 2, breached: 1 } });
  });
});

describe('commodity-exchange members (001 L1066–1322)', () => {
  const p = exchangeMembership001bPreset();

  it('allows the on-site review only after fees, designated-bank account and tripartite agreement; qualifies only when it passes (S001B-MILESTONE-01)', () => {
    const list = p.params.checklists[0];
    if (!list) throw new Error('checklist');
    const at = { subject: 'm', at: '2024-06-01T10:00:00+08:00' };
    expect(
      evaluateChecklist({ feesPaidInFull: true, tripartiteAgreementSigned: true }, list, at).value.missing,
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
