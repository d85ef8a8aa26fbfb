import { describe, expect, it } from 'vitest';
import { cn, ev, one, type Step, steps, wf } from '../../test/helpers.js';
import { classifyComplaint, dealer000Preset, runWorkflow, validateIntake } from '../index.js';

const ctx = cn('2024-12-31T00:00');

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
