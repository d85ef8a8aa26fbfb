import type { Workflow } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { companyCopy } from '../../test/company-copy.js';
import { cn, ev, one, type Step, stepsAt, timersOf } from '../../test/helpers.js';
import { classifyComplaint, lawFirm001bPreset, runWorkflow, type SlaPolicy } from '../index.js';

const ctx = cn('2024-12-31T00:00');
const withEventTypes = (p: SlaPolicy, eventTypes: string[]): SlaPolicy => ({
  ...p,
  params: { ...p.params, eventTypes },
});
const steps = stepsAt('2024-06-01T01:00:00Z');
const flowOf = (p: { params: { workflows: Workflow[] } }): Workflow => {
  const w = p.params.workflows[0];
  if (!w) throw new Error('workflow');
  return w;
};

describe('law-firm complaints (001 L822–876)', () => {
  // 001 L852 "應及時…聯系" is not quantified: the company's copy times it (3 days here).
  const p = companyCopy('law-firm-001b', [
    {
      op: 'add',
      path: '/params/timers/-',
      value: {
        id: 'informComplainant',
        rule: 'S001B-COMPLAINT-05',
        clause: '001 L852',
        target: { kind: 'duration', spec: { unit: 'calendarDays', amount: 3, at: 'endOfDay' } },
        title: { zh: '及時告知投訴人處理的工作安排', en: 'Complainant told of the handling arrangement' },
        start: [{ type: 'accepted' }],
        stop: [{ type: 'contact', when: [{ attribute: 'contactType', equals: 'ARRANGEMENT_NOTICE' }] }],
      },
    },
  ]);
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
        // Without the option no timer reacts to `accepted`: the type is declared in `eventTypes`
        // (an undeclared type is refused since the module contract, not silently ignored).
        withEventTypes(lawFirm001bPreset(), ['accepted']),
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
