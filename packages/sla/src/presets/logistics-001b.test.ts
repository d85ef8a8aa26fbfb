import type { Workflow } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { cn, ev, one, stepsAt, utc } from '../../test/helpers.js';
import {
  classifyComplaint,
  isLateAttitudeComplaint,
  logistics001bPreset,
  runWorkflow,
  summarizeComplaints,
  validateIntake,
} from '../index.js';

const ctx = cn('2024-12-31T00:00');
const steps = stepsAt('2024-06-01T01:00:00Z');
const flowOf = (p: { params: { workflows: Workflow[] } }): Workflow => {
  const w = p.params.workflows[0];
  if (!w) throw new Error('workflow');
  return w;
};

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
