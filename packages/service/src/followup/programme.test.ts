import { chinaCalendar } from '@zhidu/calendar-cn';
import { atLocal, localDateOf, localTimeOf, makeContext, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceFollowUp } from '../modules.js';
import { defineServicePolicy, type ServicePolicy } from '../policy.js';
import {
  s000bPropertyRevisitPolicy as R,
  s000bSalesVisitPolicy,
  s001bReturnVisitPolicy,
  s001bSalesVisitPolicy,
  s001SalesOfficePolicy,
  s001ServiceSupervisionPolicy,
  s002CsProcedurePolicy,
  s002CsRolesPolicy,
  s004LeasingPolicy,
  s004PropertyPolicy,
} from '../presets/index.js';
import { measureProgramme } from './measure.js';
import { scheduleFollowUps } from './programme.js';
import { answerByOpenLetter } from './revisit.js';

const cal = chinaCalendar();
const ctxAt = (now: string) => makeContext({ now, calendar: cal });
const sh = (date: string, time = '10:00') => atLocal(date, time, 'Asia/Shanghai');
const dueDay = (at: string) => `${localDateOf(at, 'Asia/Shanghai')} ${localTimeOf(at, 'Asia/Shanghai')}`;

function withRule(policy: ServicePolicy, key: string, patch: Record<string, unknown>): ServicePolicy {
  return defineServicePolicy({
    ...policy,
    params: {
      ...policy.params,
      followUps: (policy.params.followUps ?? []).map((r) => (r.key === key ? { ...r, ...patch } : r)),
    },
  });
}

describe('property revisits (000 L1015–1053)', () => {
  it('makes an important complaint handled Fri 2024-03-08 due Mon 03-11 23:59, revisited by the department supervisor (S000B-FOLLOWUP-04)', () => {
    const [task] = scheduleFollowUps(
      [{ id: 'k1', type: 'complaintHandled', at: sh('2024-03-08'), level: 'important' }],
      R,
      ctxAt(sh('2024-03-08')),
    ).value;
    expect(task && dueDay(task.due?.at ?? '')).toBe('2024-03-11 23:59');
    expect(task?.assigneeRole).toBe('departmentSupervisor');
    expect(task?.rule).toBe('S000B-FOLLOWUP-04');
  });

  it('needs 5 of 9 March complaints revisited in time: 4 fails, 5 meets; a late revisit does not count and is a Violation (S000B-FOLLOWUP-04)', () => {
    const triggers = Array.from({ length: 9 }, (_, i) => ({
      id: `k${i}`,
      type: 'complaintHandled',
      at: sh('2024-03-08'),
      personId: 'pa1',
    }));
    const onTime = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ triggerId: `k${i}`, action: 'revisit', at: sh('2024-03-10') }));
    const ctx = ctxAt(sh('2024-04-02'));
    const four = measureProgramme(
      { triggers, completions: [...onTime(4), { triggerId: 'k8', action: 'revisit', at: sh('2024-03-12') }] },
      R,
      ctx,
    ).value;
    expect(four.rates).toEqual([
      expect.objectContaining({
        ruleKey: 'complaintRevisit',
        period: '2024-03',
        total: 9,
        counted: 4,
        required: 5,
        met: false,
        final: true,
      }),
    ]);
    const late = four.violations.find((v) => v.code === 'service.complaintRevisit.late');
    expect(late).toMatchObject({
      personId: 'pa1',
      lateBy: { unit: 'calendarDays', units: 1 },
      source: { rule: 'S000B-FOLLOWUP-04' },
    });
    expect(four.violations.filter((v) => v.code === 'service.complaintRevisit.missing')).toHaveLength(4);
    const five = measureProgramme({ triggers, completions: onTime(5) }, R, ctx).value;
    expect(five.rates[0]?.met).toBe(true);
  });

  it('refuses a trigger listed twice, whose follow-up and breach were counted twice (S000B-FOLLOWUP-04)', () => {
    const k1 = { id: 'k1', type: 'complaintHandled', at: sh('2024-03-08'), personId: 'pa1' };
    const k2 = { id: 'k2', type: 'complaintHandled', at: sh('2024-03-08'), personId: 'pa1' };
    const completions = [{ triggerId: 'k2', action: 'revisit', at: sh('2024-03-10') }];
    const ctx = ctxAt(sh('2024-04-02'));
    const opts = { ruleKeys: ['complaintRevisit'] };
    // Each trigger once: k2 revisited in time, k1 missed (one Violation), 1 of 2 meets 50 %.
    const once = measureProgramme({ triggers: [k1, k2], completions }, R, ctx, opts).value;
    expect(once.tasks.map((t) => [t.id, t.status])).toEqual([
      ['complaintRevisit:k1', 'overdue'],
      ['complaintRevisit:k2', 'done'],
    ]);
    expect(once.violations.map((v) => v.code)).toEqual(['service.complaintRevisit.missing']);
    expect(once.rates[0]).toMatchObject({ total: 2, counted: 1, met: true });
    const twice = [k1, k2, k1];
    const duplicate = (path: (string | number)[]) =>
      expect.objectContaining({
        code: 'duplicate',
        path,
        message: expect.stringContaining('触发事项 k1 重复列出 / trigger k1 is listed twice'),
      });
    expect(() => measureProgramme({ triggers: twice, completions }, R, ctx, opts)).toThrow(
      duplicate(['input', 'triggers', 2, 'id']),
    );
    expect(() => scheduleFollowUps(twice, R, ctx)).toThrow(duplicate(['triggers', 2, 'id']));
    const policy = serviceFollowUp.preset('s000b-property-revisit');
    expect(() =>
      serviceFollowUp.evaluate({ op: 'measureProgramme', triggers: twice, completions }, policy, ctx),
    ).toThrow(duplicate(['input', 'triggers', 2, 'id']));
    expect(() => serviceFollowUp.evaluate({ op: 'scheduleFollowUps', triggers: twice }, policy, ctx)).toThrow(
      duplicate(['input', 'triggers', 2, 'id']),
    );
  });

  it('emits a rate-below-target Violation for the accountable supervisor (S000B-FOLLOWUP-04)', () => {
    const triggers = [{ id: 'k', type: 'complaintHandled', at: sh('2024-03-08') }];
    const m = measureProgramme({ triggers, completions: [] }, R, ctxAt(sh('2024-04-02')), {
      accountable: { personId: 'sup', role: 'csSupervisor' },
    }).value;
    expect(m.violations).toEqual([
      expect.objectContaining({
        code: 'service.complaintRevisit.missing',
        personId: `role:${m.tasks[0]?.assigneeRole}`,
        data: expect.objectContaining({ attributedTo: 'role' }),
      }),
      expect.objectContaining({
        code: 'service.complaintRevisit.rateBelowTarget',
        personId: 'sup',
        quantity: 1,
      }),
    ]);
    // Without a responsible person on the trigger, the missing revisit stays a breach (issue 17 point 5):
    // attributed to the rule's role, not downgraded to a warning.
    expect(m.warnings.map((w) => w.code)).not.toContain('service.complaintRevisit.missing');
  });

  it('S000B-FOLLOWUP-04: a missed revisit with no person is a Violation of the responsible role, and the trace says so', () => {
    const triggers = [{ id: 'k', type: 'complaintHandled', at: sh('2024-03-08'), level: 'general' }];
    const policy = defineServicePolicy({
      ...R,
      params: {
        ...R.params,
        followUps: R.params.followUps?.map((r) =>
          r.key === 'complaintRevisit'
            ? { ...r, responsible: { role: 'csSupervisor', departmentId: 'csDept' } }
            : r,
        ),
      },
    });
    const d = measureProgramme({ triggers, completions: [] }, policy, ctxAt(sh('2024-04-02')), {
      ruleKeys: ['complaintRevisit'],
    });
    expect(d.value.violations.map((v) => [v.code, v.personId, v.role, v.departmentId])).toEqual([
      ['service.complaintRevisit.missing', 'role:csSupervisor', 'csSupervisor', 'csDept'],
    ]);
    expect(d.trace.some((t) => t.message.en.includes('attributed to the role csSupervisor'))).toBe(true);
  });

  it.each([
    ['2024-01-31', '2024-02-29'],
    ['2024-03-15', '2024-04-15'],
  ])('makes a repair completed %s due for revisit on %s (S000B-FOLLOWUP-05)', (done, due) => {
    const [t] = scheduleFollowUps(
      [{ id: 'r', type: 'repairCompleted', at: sh(done) }],
      R,
      ctxAt(sh(done)),
    ).value;
    expect(dueDay(t?.due?.at ?? '')).toBe(`${due} 23:59`);
    expect(t?.assigneeRole).toBe('zonePropertyAssistant');
  });

  it.each([
    [20, 6, 6, true],
    [20, 5, 6, false],
    [7, 3, 3, true],
  ])(
    'needs 30 %% of %i repairs: %i revisited in time, %i required → %s (S000B-FOLLOWUP-05)',
    (total, done, required, met) => {
      const triggers = Array.from({ length: total }, (_, i) => ({
        id: `r${i}`,
        type: 'repairCompleted',
        at: sh('2024-03-05'),
      }));
      const completions = Array.from({ length: done }, (_, i) => ({
        triggerId: `r${i}`,
        action: 'revisit',
        at: sh('2024-03-20'),
      }));
      const rate = measureProgramme({ triggers, completions }, R, ctxAt(sh('2024-05-01'))).value.rates[0];
      expect(rate).toMatchObject({ total, counted: done, required, met });
    },
  );

  it('makes an activity ended 2024-05-31 due 06-30 and needs 5 of 45 or 1 of 8 participants revisited (S000B-FOLLOWUP-06)', () => {
    const mk = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `h${i}`,
        type: 'activityParticipation',
        at: sh('2024-05-31'),
      }));
    const [t] = scheduleFollowUps(mk(1), R, ctxAt(sh('2024-05-31'))).value;
    expect(dueDay(t?.due?.at ?? '')).toBe('2024-06-30 23:59');
    const ctx = ctxAt(sh('2024-07-05'));
    const revisit = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ triggerId: `h${i}`, action: 'revisit', at: sh('2024-06-10') }));
    expect(
      measureProgramme({ triggers: mk(45), completions: revisit(5) }, R, ctx).value.rates[0],
    ).toMatchObject({ required: 5, met: true });
    expect(measureProgramme({ triggers: mk(45), completions: revisit(4) }, R, ctx).value.rates[0]?.met).toBe(
      false,
    );
    expect(measureProgramme({ triggers: mk(8), completions: [] }, R, ctx).value.rates[0]?.required).toBe(1);
  });

  it('opens holiday-visit, move-in and emergency revisit tasks with no deadline from the text (S000B-FOLLOWUP-07)', () => {
    const tasks = scheduleFollowUps(
      [
        { id: 'i7', type: 'emergencyResolved', at: sh('2024-03-05') },
        { id: 'sf', type: 'majorHoliday', at: sh('2024-02-10') },
        { id: '3-502', type: 'moveIn', at: sh('2024-03-01') },
      ],
      R,
      ctxAt(sh('2024-03-05')),
    ).value;
    expect(tasks.map((t) => [t.ruleKey, t.assigneeRole, t.due])).toEqual([
      ['emergencyRevisit', 'propertyAssistant', null],
      ['holidayVisit', 'companyManager', null],
      ['moveInRevisit', 'propertyAssistant', null],
    ]);
    const m = measureProgramme(
      {
        triggers: [{ id: 'i7', type: 'emergencyResolved', at: sh('2024-03-05'), personId: 'p' }],
        completions: [],
      },
      R,
      ctxAt(sh('2025-01-01')),
    ).value;
    expect(m.due.map((t) => t.id)).toEqual(['emergencyRevisit:i7']);
    expect(m.violations).toEqual([]);
  });

  it('keeps the monthly summary to leadership open until submitted, and late once a company sets a deadline (S000B-FOLLOWUP-09)', () => {
    const trig = [{ id: 'm2024-03', type: 'revisitMonth', at: sh('2024-03-01', '00:00'), personId: 'sup' }];
    expect(
      measureProgramme({ triggers: trig, completions: [] }, R, ctxAt(sh('2024-05-01'))).value.due.map(
        (t) => t.ruleKey,
      ),
    ).toEqual(['monthlySummary']);
    const by5th = withRule(R, 'monthlySummary', { due: { unit: 'dayOfMonth', day: 5, monthsAhead: 1 } });
    const m = measureProgramme({ triggers: trig, completions: [] }, by5th, ctxAt(sh('2024-04-06'))).value;
    expect(m.violations.map((v) => v.code)).toEqual(['service.revisitSummary.missing']);
  });

  it('counts an archived open letter as the revisit of every linked complaint (S000B-FOLLOWUP-11)', () => {
    const triggers = Array.from({ length: 12 }, (_, i) => ({
      id: `k${i + 1}`,
      type: 'complaintHandled',
      at: sh('2024-03-05'),
    }));
    const letter = answerByOpenLetter(
      {
        issueKey: 'water-outage-B',
        triggerIds: triggers.map((t) => t.id),
        at: sh('2024-03-06'),
        archived: true,
      },
      R,
    ).value;
    expect(letter.errors).toEqual([]);
    const m = measureProgramme(
      { triggers, completions: letter.completions },
      R,
      ctxAt(sh('2024-04-01')),
    ).value;
    expect(m.rates[0]).toMatchObject({ total: 12, counted: 12, met: true });
    expect(
      answerByOpenLetter({ issueKey: 'x', triggerIds: ['k1'], at: sh('2024-03-06'), archived: false }, R)
        .value.errors,
    ).toEqual(['OPEN_LETTER_NOT_ARCHIVED']);
  });

  it('leaves anonymous and reply-letter-only complaints out of the revisit base (S000B-FOLLOWUP-12)', () => {
    const triggers = [
      { id: 'a', type: 'complaintHandled', at: sh('2024-03-05'), flags: ['anonymous'] },
      { id: 'b', type: 'complaintHandled', at: sh('2024-03-05'), flags: ['replyLetterOnly'] },
      { id: 'c', type: 'complaintHandled', at: sh('2024-03-05') },
    ];
    const m = measureProgramme(
      { triggers, completions: [{ triggerId: 'c', action: 'revisit', at: sh('2024-03-06') }] },
      R,
      ctxAt(sh('2024-04-01')),
    ).value;
    expect(m.tasks.map((t) => t.status)).toEqual(['exempt', 'exempt', 'done']);
    expect(m.rates[0]).toMatchObject({ total: 1, counted: 1, met: true });
  });
});

describe('sales visit plans and reports (000 L1379–1407, 001 L790–816)', () => {
  it.each([
    [s000bSalesVisitPolicy, 'S000B-FOLLOWUP-16', '2024-03-01', '2024-03-31'],
    [s000bSalesVisitPolicy, 'S000B-FOLLOWUP-16', '2024-02-01', '2024-02-29'],
    [s001bSalesVisitPolicy, 'S001B-FOLLOWUP-13', '2024-12-01', '2024-12-31'],
  ])(
    'makes the next month’s plan due at the end of the planning month (%s, %s): %s → %s',
    (policy, rule, planningStart, due) => {
      const [t] = scheduleFollowUps(
        [{ id: 'p', type: 'planningMonth', at: sh(planningStart, '00:00') }],
        policy,
        ctxAt(sh(planningStart)),
      ).value;
      expect(t?.rule).toBe(rule);
      expect(dueDay(t?.due?.at ?? '')).toBe(`${due} 23:59`);
    },
  );

  it('marks the April plan submitted 03-29 on time and one submitted 04-01 late (S000B-FOLLOWUP-16, S001B-FOLLOWUP-13)', () => {
    for (const policy of [s000bSalesVisitPolicy, s001bSalesVisitPolicy]) {
      const triggers = [{ id: 'p', type: 'planningMonth', at: sh('2024-03-01', '00:00'), personId: 's1' }];
      const ok = measureProgramme(
        { triggers, completions: [{ triggerId: 'p', action: 'visitPlan', at: sh('2024-03-29') }] },
        policy,
        ctxAt(sh('2024-04-02')),
      ).value;
      expect(ok.tasks[0]?.status).toBe('done');
      const late = measureProgramme(
        { triggers, completions: [{ triggerId: 'p', action: 'visitPlan', at: sh('2024-04-01', '08:00') }] },
        policy,
        ctxAt(sh('2024-04-02')),
      ).value;
      expect(late.violations).toEqual([
        expect.objectContaining({ code: 'service.visitPlan.late', personId: 's1' }),
      ]);
    }
  });

  it('makes a visit report due two calendar days after the visit, or two working days when configured (S000B-FOLLOWUP-18)', () => {
    const trig = [{ id: 'v', type: 'salesVisit', at: sh('2024-03-07'), personId: 's1' }];
    const report = [{ triggerId: 'v', action: 'visitReport', at: sh('2024-03-10') }];
    const cal2 = measureProgramme(
      { triggers: trig, completions: report },
      s000bSalesVisitPolicy,
      ctxAt(sh('2024-03-20')),
    ).value;
    expect(dueDay(cal2.tasks[0]?.due?.at ?? '')).toBe('2024-03-09 23:59');
    expect(cal2.tasks[0]?.status).toBe('doneLate');
    const working = withRule(s000bSalesVisitPolicy, 'visitReport', {
      due: { unit: 'workingDays', amount: 2 },
    });
    const w = measureProgramme(
      { triggers: trig, completions: report },
      working,
      ctxAt(sh('2024-03-20')),
    ).value;
    expect(dueDay(w.tasks[0]?.due?.at ?? '')).toBe('2024-03-11 23:59');
    expect(w.tasks[0]?.status).toBe('done');
    const early = measureProgramme(
      {
        triggers: [{ ...trig[0], at: sh('2024-03-04') } as never],
        completions: [{ triggerId: 'v', action: 'visitReport', at: sh('2024-03-05') }],
      },
      s000bSalesVisitPolicy,
      ctxAt(sh('2024-03-20')),
    ).value;
    expect(early.tasks[0]?.status).toBe('done');
  });

  it.each([
    ['2024-03-01', '2024-03-03', '2024-03-05'],
    ['2024-02-28', '2024-03-01', '2024-03-01'],
    ['2024-03-08', '2024-03-10', '2024-03-12'],
  ])(
    'makes a sales-visit report for %s due %s (calendar) / %s (working days) (S001B-FOLLOWUP-16)',
    (visit, calDue, workDue) => {
      const trig = [{ id: 'v', type: 'salesVisit', at: sh(visit) }];
      expect(
        dueDay(scheduleFollowUps(trig, s001bSalesVisitPolicy, ctxAt(sh(visit))).value[0]?.due?.at ?? ''),
      ).toBe(`${calDue} 23:59`);
      const working = withRule(s001bSalesVisitPolicy, 'visitReport', {
        due: { unit: 'workingDays', amount: 2 },
      });
      expect(dueDay(scheduleFollowUps(trig, working, ctxAt(sh(visit))).value[0]?.due?.at ?? '')).toBe(
        `${workDue} 23:59`,
      );
    },
  );
});

describe('return visits (001 L664–730)', () => {
  it('makes the return-visit report due the next calendar day, weekends included (S001B-FOLLOWUP-07)', () => {
    const trig = [{ id: 'rv', type: 'returnVisitEnded', at: sh('2024-03-29', '16:00'), personId: 'cs1' }];
    const ctx = ctxAt(sh('2024-04-02'));
    const ok = measureProgramme(
      { triggers: trig, completions: [{ triggerId: 'rv', action: 'report', at: sh('2024-03-30', '18:00') }] },
      s001bReturnVisitPolicy,
      ctx,
    ).value;
    expect(dueDay(ok.tasks.find((t) => t.ruleKey === 'returnVisitReport')?.due?.at ?? '')).toBe(
      '2024-03-30 23:59',
    );
    expect(ok.violations).toEqual([]);
    const late = measureProgramme(
      { triggers: trig, completions: [{ triggerId: 'rv', action: 'report', at: sh('2024-03-31', '09:00') }] },
      s001bReturnVisitPolicy,
      ctx,
    ).value;
    expect(late.violations.map((v) => v.code)).toEqual(['service.returnVisitReport.late']);
    const ny = scheduleFollowUps(
      [{ id: 'x', type: 'returnVisitEnded', at: sh('2024-12-31') }],
      s001bReturnVisitPolicy,
      ctx,
    ).value;
    expect(dueDay(ny[0]?.due?.at ?? '')).toBe('2025-01-01 23:59');
  });

  it.each([
    ['13:55', 'done', 0],
    ['14:00', 'done', 0],
    ['14:01', 'doneLate', 1],
  ])(
    'judges arrival at %s for a 14:00 appointment: %s, %i minute(s) late (S001B-FOLLOWUP-06)',
    (arrival, status, minutes) => {
      const m = measureProgramme(
        {
          triggers: [{ id: 'ap', type: 'appointment', at: sh('2024-04-10', '14:00'), personId: 'cs1' }],
          completions: [{ triggerId: 'ap', action: 'arrival', at: sh('2024-04-10', arrival) }],
        },
        s001bReturnVisitPolicy,
        ctxAt(sh('2024-04-11')),
      ).value;
      expect(m.tasks[0]?.status).toBe(status);
      expect(m.violations[0]?.lateBy?.units ?? 0).toBe(minutes);
    },
  );
});

describe('other follow-up deadlines', () => {
  it('makes a phone revisit due within 1 working day of repair sign-off, across weekends and holidays (S002-SLA-07)', () => {
    const P = s002CsProcedurePolicy;
    const t = (at: string) =>
      scheduleFollowUps([{ id: 'r', type: 'repairSignedOff', at }], P, ctxAt(at)).value[0]?.due?.at ?? '';
    expect(dueDay(t(sh('2024-03-08', '17:00')))).toBe('2024-03-11 23:59');
    expect(dueDay(t(sh('2024-09-30', '17:00')))).toBe('2024-10-08 23:59');
    const trig = [{ id: 'r', type: 'repairSignedOff', at: sh('2024-03-04', '10:00'), personId: 'clerk' }];
    expect(
      measureProgramme(
        {
          triggers: trig,
          completions: [
            { triggerId: 'r', action: 'revisit', at: sh('2024-03-05', '09:30'), channel: 'phone' },
          ],
        },
        P,
        ctxAt(sh('2024-03-06')),
      ).value.tasks[0]?.status,
    ).toBe('done');
    const overdue = measureProgramme(
      { triggers: trig, completions: [] },
      P,
      ctxAt(sh('2024-03-06', '08:00')),
    ).value;
    expect(overdue.tasks[0]?.status).toBe('overdue');
    expect(overdue.violations[0]).toMatchObject({
      code: 'service.repairPhoneRevisit.missing',
      lateBy: { unit: 'workingDays', units: 1 },
    });
    const wrongChannel = measureProgramme(
      {
        triggers: trig,
        completions: [{ triggerId: 'r', action: 'revisit', at: sh('2024-03-05'), channel: 'onSite' }],
      },
      P,
      ctxAt(sh('2024-03-06', '08:00')),
    ).value;
    expect(wrongChannel.tasks[0]).toMatchObject({ status: 'invalid', reason: 'channel onSite not allowed' });
  });

  it('revisits new residents within a month of move-in, only by the department head or an administrator (S004-FOLLOW-01)', () => {
    const P = s004PropertyPolicy;
    const trig = [{ id: 'm', type: 'moveIn', at: sh('2024-03-15'), personId: 'adm' }];
    const late = measureProgramme(
      {
        triggers: trig,
        completions: [
          { triggerId: 'm', action: 'revisit', at: sh('2024-04-16'), role: 'propertyAdministrator' },
        ],
      },
      P,
      ctxAt(sh('2024-05-01')),
    ).value;
    expect(dueDay(late.tasks[0]?.due?.at ?? '')).toBe('2024-04-15 23:59');
    expect(late.tasks[0]?.status).toBe('doneLate');
    expect(
      dueDay(
        scheduleFollowUps([{ id: 'x', type: 'moveIn', at: sh('2024-01-31') }], P, ctxAt(sh('2024-01-31')))
          .value[0]?.due?.at ?? '',
      ),
    ).toBe('2024-02-29 23:59');
    const clerk = measureProgramme(
      {
        triggers: trig,
        completions: [{ triggerId: 'm', action: 'revisit', at: sh('2024-04-01'), role: 'frontDeskClerk' }],
      },
      P,
      ctxAt(sh('2024-05-01')),
    ).value;
    expect(clerk.tasks[0]?.status).toBe('invalid');
  });

  it('wants the post-visit call two to three days after the visit: too early or late are warnings (S004-FOLLOW-04)', () => {
    const P = s004LeasingPolicy;
    const trig = [{ id: 'v', type: 'leasingVisit', at: sh('2024-03-04'), personId: 'ag' }];
    const [t] = scheduleFollowUps(trig, P, ctxAt(sh('2024-03-04'))).value;
    expect(localDateOf(t?.earliest ?? '', 'Asia/Shanghai')).toBe('2024-03-06');
    expect(dueDay(t?.due?.at ?? '')).toBe('2024-03-07 23:59');
    const call = (d: string) =>
      measureProgramme(
        {
          triggers: trig,
          completions: [{ triggerId: 'v', action: 'followUpCall', at: sh(d), channel: 'phone' }],
        },
        P,
        ctxAt(sh('2024-03-20')),
      ).value;
    expect(call('2024-03-05').tasks[0]?.status).toBe('tooEarly');
    expect(call('2024-03-06').tasks[0]?.status).toBe('done');
    const late = call('2024-03-08');
    expect(late.tasks[0]?.status).toBe('doneLate');
    expect(late.violations).toEqual([]);
    expect(late.warnings.map((w) => w.code)).toEqual(['service.postVisitCall.late']);
  });

  it('expects the daily registration by the end of the day (S001-FOLLOW-03)', () => {
    const trig = [
      { id: 'd1', type: 'workday', at: sh('2024-03-01', '00:00'), personId: 'A' },
      { id: 'd2', type: 'workday', at: sh('2024-03-02', '00:00'), personId: 'A' },
    ];
    const m = measureProgramme(
      {
        triggers: trig,
        completions: [{ triggerId: 'd1', action: 'registration', at: sh('2024-03-01', '19:00') }],
      },
      s001SalesOfficePolicy,
      ctxAt(sh('2024-03-03')),
    ).value;
    expect(m.tasks.map((t) => t.status)).toEqual(['done', 'overdue']);
  });

  it('makes the New Year gift and demand survey due by 31 December (S001-FOLLOW-09)', () => {
    const [t] = scheduleFollowUps(
      [{ id: 'c1', type: 'decemberCampaign', at: sh('2024-12-01', '00:00') }],
      s001ServiceSupervisionPolicy,
      ctxAt(sh('2024-12-01')),
    ).value;
    expect(dueDay(t?.due?.at ?? '')).toBe('2024-12-31 23:59');
  });

  it('makes the weekly service report due Friday 12:00 and counts 30 minutes late at 12:30 (S001-FOLLOW-10)', () => {
    const trig = [{ id: 'w', type: 'serviceWeek', at: sh('2024-06-10', '00:00'), personId: 't1' }];
    const m = measureProgramme(
      {
        triggers: trig,
        completions: [{ triggerId: 'w', action: 'weeklyReport', at: sh('2024-06-14', '12:30') }],
      },
      s001ServiceSupervisionPolicy,
      ctxAt(sh('2024-06-15')),
    ).value;
    expect(dueDay(m.tasks[0]?.due?.at ?? '')).toBe('2024-06-14 12:00');
    expect(m.violations[0]?.lateBy).toMatchObject({ unit: 'minutes', units: 30 });
  });

  it('tracks the analyst monthly report; with a company deadline of the following month-end, March is overdue on 1 May (S002-KPI-03)', () => {
    const trig = [{ id: 'mar', type: 'reportingMonth', at: sh('2024-03-01', '00:00'), personId: 'an' }];
    expect(
      measureProgramme({ triggers: trig, completions: [] }, s002CsRolesPolicy, ctxAt(sh('2024-05-01'))).value
        .tasks[0]?.status,
    ).toBe('pending');
    const dl = withRule(s002CsRolesPolicy, 'analystMonthlyReport', {
      due: { unit: 'endOfMonth', monthsAhead: 1 },
    });
    expect(
      measureProgramme({ triggers: trig, completions: [] }, dl, ctxAt(sh('2024-05-01'))).value.tasks[0]
        ?.status,
    ).toBe('overdue');
    expect(
      measureProgramme(
        {
          triggers: trig,
          completions: [{ triggerId: 'mar', action: 'monthlyReport', at: sh('2024-04-05') }],
        },
        dl,
        ctxAt(sh('2024-05-01')),
      ).value.tasks[0]?.status,
    ).toBe('done');
  });
});

describe('programme input checks and invariants', () => {
  it('refuses a completion of an unknown trigger, a bad instant and a policy without follow-ups', () => {
    expect(() =>
      measureProgramme(
        { triggers: [], completions: [{ triggerId: 'nope', action: 'revisit', at: sh('2024-03-01') }] },
        R,
        ctxAt(sh('2024-03-01')),
      ),
    ).toThrow(ZhiduError);
    expect(() =>
      scheduleFollowUps([{ id: 'x', type: 'moveIn', at: '2024-13-01' }], R, ctxAt(sh('2024-03-01'))),
    ).toThrow(ZhiduError);
    expect(() =>
      scheduleFollowUps(
        [],
        s001ServiceSupervisionPolicy.params.followUps ? s004LeasingPolicy : R,
        ctxAt(sh('2024-03-01')),
      ),
    ).not.toThrow();
    expect(() =>
      measureProgramme({ triggers: [], completions: [] }, s002CsRolesPolicy, ctxAt(sh('2024-03-01')), {
        bogus: 1,
      } as never),
    ).toThrow(ZhiduError);
  });

  it('property: the rate is met exactly when counted × 100 ≥ target × total, and no due time precedes its trigger (S000B-FOLLOWUP-04)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 6 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (rows) => {
          const triggers = rows.map(([d], i) => ({
            id: `k${i}`,
            type: 'complaintHandled',
            at: sh(`2024-03-${String(d).padStart(2, '0')}`),
          }));
          const completions = rows.map(([d, after], i) => ({
            triggerId: `k${i}`,
            action: 'revisit',
            at: sh(`2024-04-${String(Math.min(28, d + after)).padStart(2, '0')}`),
          }));
          const m = measureProgramme(
            { triggers: triggers.slice(), completions: completions.filter((_, i) => i % 2 === 0) },
            R,
            ctxAt(sh('2024-06-01')),
          ).value;
          for (const r of m.rates) expect(r.met).toBe(r.counted * 100 >= r.targetPercent * r.total);
          for (const t of m.tasks)
            expect(Date.parse(t.due?.at ?? '')).toBeGreaterThan(
              Date.parse(triggers.find((x) => x.id === t.triggerId)?.at ?? ''),
            );
        },
      ),
      { numRuns: 50 },
    );
  });
});
