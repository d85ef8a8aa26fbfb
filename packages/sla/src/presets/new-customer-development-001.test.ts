import type { Workflow } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { companyCopy } from '../../test/company-copy.js';
import { cn, ev, one, timersOf, utc } from '../../test/helpers.js';
import {
  classifyComplaint,
  newCustomerDevelopment001Preset,
  runWorkflow,
  salesOffice001Preset,
} from '../index.js';
import { timerStates } from '../timer/evaluate.js';

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

describe('new-customer development projects (001 L338–412)', () => {
  // The two supply thresholds are blank in the source: the company's copy states them.
  const p = companyCopy('new-customer-development-001', [
    {
      op: 'add',
      path: '/params/routing/-',
      value: {
        id: 'completion',
        rule: 'S001-MILE-06',
        clause: '001 L384',
        routes: [
          {
            when: [{ attribute: 'monthlySupply', gte: 500_000 }],
            result: { complete: true, handoverTo: 'salesCompany' },
          },
        ],
        otherwise: { complete: false },
      },
    },
    {
      op: 'add',
      path: '/params/routing/-',
      value: {
        id: 'developmentStandard',
        rule: 'S001-MILE-03',
        clause: '001 L378',
        routes: [
          {
            when: [{ attribute: 'threeMonthSupply', gte: 1_000_000 }],
            result: { developmentStandardMet: true },
          },
        ],
        otherwise: { developmentStandardMet: false },
      },
    },
  ]);
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
    const v = timerStates(
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
