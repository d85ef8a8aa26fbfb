import { describe, expect, it } from 'vitest';
import { cn, ev, one, type Step, steps, wf } from '../../test/helpers.js';
import { retail000Preset, runWorkflow } from '../index.js';

const ctx = cn('2024-12-31T00:00');

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
