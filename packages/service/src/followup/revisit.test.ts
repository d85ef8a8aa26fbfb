import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { serviceRevisit } from '../modules.js';
import { defineServicePolicy } from '../policy.js';
import {
  s002CsProcedurePolicy as P2,
  s000bPropertyRevisitPolicy as R,
  s000bPropertyCommsPolicy,
  s001bReturnVisitPolicy,
  s004PropertyPolicy,
} from '../presets/index.js';
import { dissatisfactionFollowUp, estateCampaignCheck, firstRevisitTriggered } from './estate.js';
import {
  allowedRevisitModes,
  prioritiseVisits,
  reviewReturnVisitReport,
  revisitPlanCheck,
  validateReturnVisit,
} from './revisit.js';
import { validateVisitList } from './sales.js';

describe('revisit rules', () => {
  it('accepts a plan by the CS supervisor covering every handled complaint, and lists what is wrong otherwise (S000B-FOLLOWUP-03)', () => {
    const triggers = [{ id: 'k1', type: 'complaintHandled' }];
    expect(
      revisitPlanCheck({ createdByRole: 'csSupervisor', items: [{ triggerId: 'k1' }] }, triggers, R).value,
    ).toEqual([]);
    expect(
      revisitPlanCheck({ createdByRole: 'propertyAssistant', items: [{ triggerId: 'k1' }] }, triggers, R)
        .value,
    ).toEqual(['PLAN_OWNER_MUST_BE_csSupervisor']);
    expect(revisitPlanCheck({ createdByRole: 'csSupervisor', items: [] }, triggers, R).value).toEqual([
      'MISSING_REVISIT:k1',
    ]);
  });

  it('refuses a trigger listed twice, which was reported missing twice (S000B-FOLLOWUP-03)', () => {
    const plan = { createdByRole: 'csSupervisor', items: [{ triggerId: 'k1' }] };
    const triggers = [
      { id: 'k1', type: 'complaintHandled' },
      { id: 'k2', type: 'complaintHandled' },
    ];
    // Each trigger once: k2 has no plan item.
    expect(revisitPlanCheck(plan, triggers, R).value).toEqual(['MISSING_REVISIT:k2']);
    const twice = [...triggers, { id: 'k2', type: 'complaintHandled' }];
    expect(() => revisitPlanCheck(plan, twice, R)).toThrow(
      expect.objectContaining({
        code: 'duplicate',
        path: ['triggers', 2, 'id'],
        message: expect.stringContaining('触发事项 k2 重复列出 / trigger k2 is listed twice'),
      }),
    );
    expect(() =>
      serviceRevisit.evaluate(
        { op: 'checkRevisitPlan', plan, triggers: twice },
        serviceRevisit.preset('s000b-property-revisit'),
        { now: '2024-03-01T10:00:00+08:00' },
      ),
    ).toThrow(expect.objectContaining({ code: 'duplicate', path: ['input', 'triggers', 2, 'id'] }));
  });

  it.each([
    [1, 'general', 2, ['onSite']],
    [2, 'general', 2, ['onSite', 'phone']],
    [2, 'general', 3, ['onSite']],
    [4, 'major', 2, ['onSite']],
  ])(
    'allows revisit %i of a %s complaint (phone from revisit %i): %j (S000B-FOLLOWUP-10)',
    (n, level, from, modes) => {
      const policy =
        from === 2
          ? R
          : defineServicePolicy({
              ...R,
              params: { ...R.params, revisit: { ...R.params.revisit, phoneAllowedFromRevisitNumber: from } },
            });
      expect(allowedRevisitModes({ revisitNumber: n, level }, policy).value).toEqual(modes);
    },
  );

  it('refuses revisit number 0', () => {
    expect(() => allowedRevisitModes({ revisitNumber: 0 }, R)).toThrow(ZhiduError);
  });

  it('puts customers with complaints or suggestions first, most recent first (S000B-FOLLOWUP-25)', () => {
    const list = [
      { id: 'c1' },
      { id: 'c2', lastFeedbackAt: '2024-03-05T00:00:00Z' },
      { id: 'c3', lastFeedbackAt: '2024-03-01T00:00:00Z' },
    ];
    const d = prioritiseVisits(list, s000bPropertyCommsPolicy);
    expect(d.value.map((c) => c.id)).toEqual(['c2', 'c3', 'c1']);
    expect(d.trace[0]?.rule).toBe('S000B-FOLLOWUP-25');
    expect(
      prioritiseVisits([{ id: 'a' }, { id: 'b' }], s000bPropertyCommsPolicy).value.map((c) => c.id),
    ).toEqual(['a', 'b']);
  });

  it('refuses a customer listed twice, who was put on the visit list twice (S000B-FOLLOWUP-25)', () => {
    const list = [{ id: 'c1' }, { id: 'c2', lastFeedbackAt: '2024-03-05T00:00:00Z' }];
    // Each customer once: the one with feedback first.
    expect(prioritiseVisits(list, s000bPropertyCommsPolicy).value.map((c) => c.id)).toEqual(['c2', 'c1']);
    const twice = [...list, { id: 'c2', lastFeedbackAt: '2024-03-05T00:00:00Z' }];
    expect(() => prioritiseVisits(twice, s000bPropertyCommsPolicy)).toThrow(
      expect.objectContaining({
        code: 'duplicate',
        path: ['customers', 2, 'id'],
        message: expect.stringContaining('客户 c2 重复列出 / customer c2 is listed twice'),
      }),
    );
    expect(() =>
      serviceRevisit.evaluate(
        { op: 'prioritiseVisits', customers: twice },
        serviceRevisit.preset('s000b-property-comms'),
        { now: '2024-03-06T10:00:00+08:00' },
      ),
    ).toThrow(expect.objectContaining({ code: 'duplicate', path: ['input', 'customers', 2, 'id'] }));
  });

  it('ranks property customers with feedback first in the visit plan (S004-FOLLOW-02)', () => {
    const d = prioritiseVisits(
      [{ id: 'B' }, { id: 'A', lastFeedbackAt: '2024-03-01T00:00:00Z' }],
      s004PropertyPolicy,
    );
    expect(d.value.map((c) => c.id)).toEqual(['A', 'B']);
    expect(d.trace[0]?.rule).toBe('S004-FOLLOW-02');
  });

  it.each([
    [249, 500, false],
    [250, 500, true],
    [301, 600, true],
  ])('triggers the first estate revisit at %i of %i occupied: %s (S002-REVISIT-01)', (occ, total, hit) => {
    expect(firstRevisitTriggered({ occupiedHouseholds: occ, totalHouseholds: total }, P2).value).toBe(hit);
  });

  it('refuses more occupied than total households', () => {
    expect(() => firstRevisitTriggered({ occupiedHouseholds: 600, totalHouseholds: 500 }, P2)).toThrow(
      ZhiduError,
    );
  });

  it('needs ≥ 90 % of occupied households in the first campaign and warns when not in-home (S002-REVISIT-02)', () => {
    expect(
      estateCampaignCheck({ kind: 'first', occupiedHouseholds: 300, revisited: 270, inHome: 270 }, P2).value,
    ).toEqual({ minimum: 270, suggestedMaxSample: null, compliant: true, warnings: [] });
    expect(
      estateCampaignCheck({ kind: 'first', occupiedHouseholds: 437, revisited: 393 }, P2).value,
    ).toMatchObject({ minimum: 394, compliant: false });
    expect(
      estateCampaignCheck({ kind: 'first', occupiedHouseholds: 250, revisited: 230, inHome: 0 }, P2).value,
    ).toMatchObject({ compliant: true, warnings: ['IN_HOME_PREFERRED'] });
  });

  it('needs ≥ 10 % in an annual campaign with a suggested sample up to 25 % (S002-REVISIT-03)', () => {
    expect(
      estateCampaignCheck({ kind: 'annual', occupiedHouseholds: 437, revisited: 44 }, P2).value,
    ).toMatchObject({ minimum: 44, suggestedMaxSample: 109, compliant: true });
    expect(
      estateCampaignCheck({ kind: 'annual', occupiedHouseholds: 1000, revisited: 95 }, P2).value,
    ).toMatchObject({ minimum: 100, suggestedMaxSample: 250, compliant: false });
  });

  it('re-revisits every seriously dissatisfied customer with the CS manager, and investigates clusters once a threshold is set (S002-REVISIT-05)', () => {
    const responses = [
      ...Array.from({ length: 7 }, (_, i) => ({ customerId: `u${i}`, scores: { parking: 1, service: 4 } })),
      ...Array.from({ length: 13 }, (_, i) => ({ customerId: `s${i}`, scores: { parking: 4, service: 5 } })),
    ];
    const d = dissatisfactionFollowUp(responses, P2).value;
    expect(d.reRevisits).toHaveLength(7);
    expect(d.reRevisits.every((t) => t.participant === 'csDeptManager')).toBe(true);
    expect(d.clusters).toEqual([]);
    const withThreshold = defineServicePolicy({
      ...P2,
      params: {
        ...P2.params,
        revisit: {
          ...P2.params.revisit,
          dissatisfied: { ...P2.params.revisit?.dissatisfied, clusterThresholdPercent: 20 },
        },
      },
    });
    expect(dissatisfactionFollowUp(responses, withThreshold).value.clusters).toEqual(['parking']);
  });

  it("refuses a customer's response listed twice, which was re-revisited twice and weighed twice (S002-REVISIT-05)", () => {
    const responses = [
      { customerId: 'u1', scores: { parking: 1 } },
      { customerId: 's1', scores: { parking: 4 } },
    ];
    expect(dissatisfactionFollowUp(responses, P2).value.reRevisits).toEqual([
      { customerId: 'u1', participant: 'csDeptManager' },
    ]);
    const twice = [...responses, responses[0]] as typeof responses;
    expect(() => dissatisfactionFollowUp(twice, P2)).toThrow(
      expect.objectContaining({ code: 'duplicate', path: ['responses', 2, 'customerId'] }),
    );
    expect(() =>
      serviceRevisit.evaluate(
        { op: 'dissatisfactionFollowUp', responses: twice },
        serviceRevisit.preset('s002-cs-procedure'),
        { now: '2024-03-01T10:00:00+08:00' },
      ),
    ).toThrow(expect.objectContaining({ code: 'duplicate', path: ['input', 'responses', 2, 'customerId'] }));
  });

  it.each([
    [{ type: 'SPECIAL', isMajorCustomer: true, assigneeRole: 'customerServiceSpecialist' }, []],
    [{ type: 'ROUTINE', isMajorCustomer: false, assigneeRole: 'customerServiceSpecialist' }, []],
    [
      { type: 'SPECIAL', isMajorCustomer: false, assigneeRole: 'salesperson' },
      ['SPECIAL_VISIT_REQUIRES_MAJOR_CUSTOMER', 'ASSIGNEE_MUST_BE_CS_SPECIALIST'],
    ],
  ] as const)('validates return visit %j → %j (S001B-FOLLOWUP-01)', (input, errors) => {
    expect(validateReturnVisit(input, s001bReturnVisitPolicy).value).toEqual(errors);
  });

  it('requires a specific purpose for each customer on the visit list, once each (S001B-FOLLOWUP-02)', () => {
    expect(
      validateVisitList([{ customerId: 'C1', purpose: 'confirm renewal intent' }], s001bReturnVisitPolicy)
        .value,
    ).toEqual([]);
    expect(validateVisitList([{ customerId: 'C2', purpose: '' }], s001bReturnVisitPolicy).value).toEqual([
      'C2: PURPOSE_REQUIRED',
    ]);
    expect(
      validateVisitList(
        [
          { customerId: 'C1', purpose: 'a' },
          { customerId: 'C1', purpose: 'b' },
        ],
        s001bReturnVisitPolicy,
      ).value,
    ).toEqual(['C1: DUPLICATE_CUSTOMER']);
  });

  it('accepts a supervisor review with guidance and refuses other reviewers or an empty comment (S001B-FOLLOWUP-08)', () => {
    expect(
      reviewReturnVisitReport(
        { reviewerRole: 'customerServiceSupervisor', comment: 'follow up price concern' },
        s001bReturnVisitPolicy,
      ).value,
    ).toEqual({ status: 'REVIEWED' });
    expect(
      reviewReturnVisitReport(
        { reviewerRole: 'customerServiceSpecialist', comment: 'x' },
        s001bReturnVisitPolicy,
      ).value,
    ).toEqual({ status: 'ERROR', error: 'REVIEWER_MUST_BE_CS_SUPERVISOR' });
    expect(
      reviewReturnVisitReport(
        { reviewerRole: 'customerServiceSupervisor', comment: ' ' },
        s001bReturnVisitPolicy,
      ).value,
    ).toEqual({ status: 'ERROR', error: 'GUIDANCE_COMMENT_REQUIRED' });
  });
});
