import type { Workflow } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { companyCopy } from '../../test/company-copy.js';
import { cn, ev, one, timersOf, utc } from '../../test/helpers.js';
import { checklistOutcome } from '../checklist.js';
import {
  assignRegisterNumbers,
  classifyComplaint,
  propertyRepair002Preset,
  runWorkflow,
  validateIntake,
} from '../index.js';

// 002 §3.4.5 leaves the exemption amount blank: the company's copy states it (1000 yuan here).
const p = companyCopy('property-repair-002', [
  { op: 'test', path: '/params/routing/7/id', value: 'surveyAttendees' },
  {
    op: 'add',
    path: '/params/routing/7/routes/0/when/-',
    value: { attribute: 'estimatedWorksYuan', lte: 1000 },
  },
  { op: 'replace', path: '/params/routing/7/routes/0/result/contractorRequired', value: false },
]);
const ctx = cn('2024-12-31T00:00');
const w = p.params.workflows[0] as Workflow;
type Step = [string, string, Record<string, string | number | boolean | string[]>?];
const steps = (...s: Step[]) =>
  s.map(([action, role, facts], i) => ({
    action,
    at: new Date(Date.parse('2024-03-04T01:00:00Z') + i * 60_000).toISOString(),
    actor: { personId: `u-${role}`, role },
    ...(facts ? { facts } : {}),
  }));
const cls = (f: Record<string, unknown>) => classifyComplaint(f, p.params).value;
const toAssigned: Step[] = [
  ['accept', 'customerServiceDept'],
  ['register', 'customerServiceDept', { registerNo: '2024-0001', distributedTo: ['estateServiceOffice:E1'] }],
  ['verify', 'customerServiceDept'],
  ['classify', 'customerServiceDept', { category: 'leak' }],
  ['assign', 'customerServiceDept', { responsibleDept: 'engineeringMaterialsDept' }],
];

describe('seed 002 complaints and warranty repairs', () => {
  it('closes only with the result fed back to the customer and a review note (S002-FLOW-06)', () => {
    const done: Step[] = [
      ...toAssigned,
      ['startWork', 'customerServiceDept', { csTracker: 'u1', deptHandler: 'u9' }],
      ['resolve', 'engineering'],
    ];
    expect(
      runWorkflow(steps(...done, ['close', 'customerServiceDept', { resultFedBackAt: 't' }]), w, ctx).value
        .rejected[0]?.missing,
    ).toEqual(['reviewNote']);
    expect(
      runWorkflow(
        steps(...done, [
          'close',
          'customerServiceDept',
          { resultFedBackAt: 't', reviewNote: 'pipe joint defect' },
        ]),
        w,
        ctx,
      ).value.state,
    ).toBe('closed');
  });

  it('makes the CS department the acceptor from inspection to warranty, sales before that (S002-CPL-02)', () => {
    expect(cls({ phase: 'handover' }).attributes.acceptor).toBe('customerServiceDept');
    expect(cls({ phase: 'inSale' }).attributes.acceptor).toBe('salesDept');
  });

  it('lets only the CS department and its estate offices accept complaints (S002-CPL-03)', () => {
    expect(runWorkflow(steps(['accept', 'propertyCompany']), w, ctx).value.rejected[0]?.reason).toBe(
      'role_not_permitted',
    );
    expect(runWorkflow(steps(['accept', 'estateServiceOffice']), w, ctx).value.state).toBe('accepted');
  });

  it('numbers every complaint uniquely and refuses a reused number (S002-CPL-04)', () => {
    expect(
      assignRegisterNumbers(
        [
          { id: 'a', year: 2024 },
          { id: 'b', year: 2024 },
        ],
        ['2024-0007'],
      ),
    ).toEqual({ a: '2024-0008', b: '2024-0009' });
    expect(() =>
      assignRegisterNumbers([{ id: 'a', year: 2024, registerNo: '2024-0001' }], ['2024-0001']),
    ).toThrow(expect.objectContaining({ code: 'duplicate' }));
    expect(
      runWorkflow(
        steps(
          ['accept', 'customerServiceDept'],
          ['register', 'customerServiceDept', { registerNo: '2024-0001' }],
        ),
        w,
        ctx,
      ).value.rejected[0]?.missing,
    ).toEqual(['distributedTo']);
  });

  it("continues a year's register numbers after one a complaint already has, and after the highest used (S002-CPL-04)", () => {
    // A complaint registered with its number moves the sequence on (it was given again: a false duplicate).
    expect(
      assignRegisterNumbers([
        { id: 'a', year: 2024, registerNo: '2024-0007' },
        { id: 'b', year: 2024 },
        { id: 'c', year: 2025 },
      ]),
    ).toEqual({ a: '2024-0007', b: '2024-0008', c: '2025-0001' });
    // Only numbers of the form YYYY-NNNN count: '2024-12ab' is kept from reuse, not read as 12 (it gave '2024-0NaN').
    expect(assignRegisterNumbers([{ id: 'a', year: 2024 }], ['2024-12ab', 'HQ-77', '2024-0003'])).toEqual({
      a: '2024-0004',
    });
    expect(() => assignRegisterNumbers([{ id: 'a', year: 2024, registerNo: 'HQ-77' }], ['HQ-77'])).toThrow(
      expect.objectContaining({ code: 'duplicate', path: ['complaints', 0, 'registerNo'] }),
    );
    // An id named '__proto__' is an own key of the result, not its prototype.
    const out = assignRegisterNumbers([{ id: '__proto__', year: 2024 }]);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(JSON.stringify(out)).toBe('{"__proto__":"2024-0001"}');
  });

  it('refuses a complaint listed twice and malformed complaints or numbers, with their paths (S002-CPL-04)', () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return { code: (e as { code?: string }).code, path: (e as { path?: unknown }).path };
      }
      return undefined;
    };
    // Two complaints with one id: the second number would have overwritten the first.
    expect(
      refusal(() =>
        assignRegisterNumbers([
          { id: 'a', year: 2024 },
          { id: 'a', year: 2024 },
        ]),
      ),
    ).toEqual({ code: 'duplicate', path: ['complaints', 1, 'id'] });
    // A number that is not a string (it threw a bare TypeError).
    expect(refusal(() => assignRegisterNumbers([{ id: 'a', year: 2024 }], [5 as never]))).toEqual({
      code: 'invalid_input',
      path: ['existing', 0],
    });
    expect(refusal(() => assignRegisterNumbers([{ id: 'a', year: '2024' as never }]))).toEqual({
      code: 'invalid_input',
      path: ['complaints', 0, 'year'],
    });
    expect(refusal(() => assignRegisterNumbers([{ id: 'a', year: 2024.5 }]))).toEqual({
      code: 'invalid_input',
      path: ['complaints', 0, 'year'],
    });
    expect(refusal(() => assignRegisterNumbers([{ id: '', year: 2024 }]))).toEqual({
      code: 'invalid_input',
      path: ['complaints', 0, 'id'],
    });
    expect(
      refusal(() => assignRegisterNumbers([{ id: 'a', year: 2024, registerNO: '2024-0001' } as never])),
    ).toEqual({ code: 'unknown_key', path: ['complaints', 0, 'registerNO'] });
  });

  it('starts work only with category, responsible department, CS tracker and department handler (S002-CPL-05)', () => {
    expect(
      runWorkflow(steps(...toAssigned, ['startWork', 'customerServiceDept', { csTracker: 'u1' }]), w, ctx)
        .value.rejected[0]?.missing,
    ).toEqual(['deptHandler']);
  });

  it('routes the lead by phase and the assisting units by cause (S002-ROUTE-01)', () => {
    expect(cls({ phase: 'warranty', causes: ['design'] }).groups.assist).toEqual(['designDept']);
    expect(cls({ phase: 'warranty', causes: ['constructionQuality', 'pricing'] }).groups.assist).toEqual([
      'engineeringMaterialsDept',
      'deputyChiefEngineerQuality',
    ]);
    expect(cls({ phase: 'inSale', causes: ['payment'] })).toEqual(
      expect.objectContaining({
        attributes: expect.objectContaining({ lead: 'salesDept' }),
        groups: expect.objectContaining({ assist: ['financeDept'] }),
      }),
    );
  });

  it('gives the responsible department 3 working days to feed back (S002-SLA-01)', () => {
    expect(
      one(p, [ev('receivedByDept', 'c', '2024-03-08T09:00')], '2024-03-09T00:00', 'deptFeedback3wd').dueAt,
    ).toBe(utc('2024-03-13T23:59:59.999'));
    expect(
      one(p, [ev('receivedByDept', 'c', '2024-09-30T09:00')], '2024-10-01T00:00', 'deptFeedback3wd').dueAt,
    ).toBe(utc('2024-10-10T23:59:59.999'));
  });

  it('has the estate office report within a week and annotate what is unresolved (S002-SLA-02)', () => {
    expect(
      one(p, [ev('distributedToOffice', 'c', '2024-03-04T10:00')], '2024-03-12T00:00', 'officeWeeklyReport')
        .status,
    ).toBe('breached');
    expect(cls({ resolved: false }).groups.reportDefect).toEqual(['PROCESS_NOTE_MISSING']);
    expect(cls({ resolved: false, processNote: 'waiting for parts' }).groups.reportDefect).toEqual([]);
  });

  it('surveys repair sites within 1 working day, without the contractor for small works (S002-SLA-03)', () => {
    expect(
      one(
        p,
        [ev('accepted', 'r', '2024-03-05T16:30', { kind: 'repair' })],
        '2024-03-06T00:00',
        'siteSurvey1wd',
      ).dueAt,
    ).toBe(utc('2024-03-06T23:59:59.999'));
    expect(cls({ estimatedWorksYuan: 800 }).attributes.contractorRequired).toBe(false);
    expect(cls({ estimatedWorksYuan: 3000 }).attributes.contractorRequired).toBe(true);
    expect(
      classifyComplaint({ estimatedWorksYuan: 800 }, propertyRepair002Preset().params).value.attributes
        .contractorRequired,
    ).toBe(true);
    expect(validateIntake({ signatures: ['cs', 'leader'] }, p.params.intake).value.missing).toEqual([
      'responsibleParty',
    ]);
  });

  it('completes single-trade repairs in 3 working days and multi-trade in 7 (S002-SLA-04)', () => {
    expect(
      one(
        p,
        [ev('siteSurveyHeld', 'r', '2024-03-04T10:00', { tradeCount: 1 })],
        '2024-03-05T00:00',
        'repairCompletion',
      ).dueAt,
    ).toBe(utc('2024-03-07T23:59:59.999'));
    expect(
      one(
        p,
        [ev('siteSurveyHeld', 'r', '2024-03-04T10:00', { tradeCount: 3 })],
        '2024-03-05T00:00',
        'repairCompletion',
      ).dueAt,
    ).toBe(utc('2024-03-13T23:59:59.999'));
  });

  it('extends a complex repair only with the customer’s consent before the original deadline (S002-SLA-05)', () => {
    const ext = (consentAt: string) =>
      one(
        p,
        [
          ev('siteSurveyHeld', 'r', '2024-03-04T10:00', { tradeCount: 1 }),
          ev('extensionAgreed', 'r', consentAt, { newDueAt: '2024-03-20T23:59:59+08:00' }),
        ],
        '2024-03-15T00:00',
        'repairCompletion',
      );
    expect(ext('2024-03-06T10:00').dueAt).toBe(utc('2024-03-20T23:59:59'));
    expect(ext('2024-03-06T10:00').status).toBe('running');
    const tooLate = ext('2024-03-09T10:00');
    expect(tooLate.dueAt).toBe(utc('2024-03-07T23:59:59.999'));
    expect(tooLate.status).toBe('breached');
  });

  it('treats the one-week target for other complaints as a warning only (S002-SLA-06)', () => {
    const s = one(
      p,
      [ev('accepted', 'o', '2024-03-04T10:00', { kind: 'noise' })],
      '2024-03-12T10:00',
      'otherComplaintWeek',
    );
    expect([s.status, s.severity, s.violations]).toEqual(['breached', 'soft', []]);
    expect(
      timersOf(
        p,
        [ev('accepted', 'o', '2024-03-04T10:00', { kind: 'noise' }), ev('resolved', 'o', '2024-03-10T10:00')],
        '2024-03-12T10:00',
        'otherComplaintWeek',
      )[0]?.status,
    ).toBe('met');
  });

  it('hands claims of 10,000 yuan or more, major and group complaints to the CR manager (S002-ESC-01)', () => {
    expect(cls({ claimYuan: 10_000 }).attributes.handlerLevel).toBe('crManager');
    expect(cls({ claimYuan: 9999.99, isMajor: false, isGroup: false }).attributes.handlerLevel).toBe(
      'standard',
    );
    expect(cls({ claimYuan: 0, isGroup: true }).attributes.handlerLevel).toBe('crManager');
  });

  it('escalates a complaint beyond CS/sales that may greatly damage the company to the GM and deputy GM (S002-ESC-02)', () => {
    expect(cls({ unresolvableByCsOrSales: true, potentialGreatDamage: true }).attributes).toEqual(
      expect.objectContaining({ major: true, notify: ['generalManager', 'deputyGeneralManager'] }),
    );
    expect(cls({ unresolvableByCsOrSales: false, potentialGreatDamage: true }).attributes.major).toBe(false);
  });

  it('reports emergencies and serious complaints upward at once (S002-ESC-03)', () => {
    expect(cls({ tag: 'emergency' }).attributes.reportTo).toEqual(['complaintSupervisor', 'crManager']);
    expect(cls({}).attributes.reportTo).toEqual([]);
  });

  it('raises an early warning for a likely major complaint (S002-ESC-04)', () => {
    expect(cls({ likelyMajor: true }).attributes).toEqual(
      expect.objectContaining({ warningRequired: true, warningTo: 'csDeptManager' }),
    );
    expect(cls({ likelyMajor: false }).attributes.warningRequired).toBe(false);
  });

  it('sends repairs the team cannot handle to the contractor and accepts them with three signers (S002-REPAIR-01)', () => {
    expect(cls({ teamCanHandle: false }).attributes).toEqual(
      expect.objectContaining({ executor: 'contractor', urgedBy: 'engineeringMaterialsDept' }),
    );
    expect(cls({ teamCanHandle: true }).attributes.executor).toBe('csRepairTeam');
    const list = p.params.checklists.find((c) => c.id === 'repairAcceptance');
    if (!list) throw new Error('checklist');
    expect(
      checklistOutcome({ customerServiceDept: true, repairTeamLeader: true }, list, {
        subject: 'r',
        at: '2024-03-07T10:00:00+08:00',
      }).value.missing,
    ).toEqual(['engineeringMaterialsDeptOrPropertyCompany']);
  });

  it('completes a repair only with inspection and the customer’s signature (S002-REPAIR-03)', () => {
    const list = p.params.checklists.find((c) => c.id === 'completionSignOff');
    if (!list) throw new Error('checklist');
    const at = { subject: 'r', at: '2024-03-07T10:00:00+08:00' };
    expect(
      checklistOutcome({ inspectedByCsOrProperty: true, inspectedByLeader: true }, list, at).value.missing,
    ).toEqual(['customerSigned']);
    expect(
      checklistOutcome(
        { inspectedByCsOrProperty: true, inspectedByLeader: true, customerSigned: true },
        list,
        at,
      ).value.missing,
    ).toEqual([]);
  });
});
