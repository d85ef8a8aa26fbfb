import { describe, expect, it } from 'vitest';
import { companyCopy } from '../../test/company-copy.js';
import { cn, ev, one, type Step, steps, wf } from '../../test/helpers.js';
import { classifyComplaint, dealerGroup000Preset, runWorkflow, summarizeComplaints } from '../index.js';

const ctx = cn('2024-12-31T00:00');

describe('4S dealer group complaints (000 L117–135)', () => {
  // The seed's approval matrix (权限核决表) has no figures: the company's copy adds its rows.
  const p = companyCopy('dealer-group-000', [
    {
      op: 'add',
      path: '/params/routing/2/routes/0',
      value: { when: [{ attribute: 'compensationYuan', lte: 5000 }], result: { approver: 'generalManager' } },
    },
    {
      op: 'add',
      path: '/params/routing/2/routes/0',
      value: { when: [{ attribute: 'compensationYuan', lte: 1000 }], result: { approver: 'crManager' } },
    },
  ]);
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
