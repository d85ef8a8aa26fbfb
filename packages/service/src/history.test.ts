import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, PolicyHistory, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { serviceFollowUp, serviceReception, serviceRotation } from './modules.js';

// The complaint revisit period goes from 3 to 5 calendar days on 2024-03-10.
const v1 = structuredClone(serviceFollowUp.preset('s000b-property-revisit')) as unknown as Record<
  string,
  unknown
> & {
  params: { followUps: { key: string; due: { amount: number } }[] };
};
v1.version = '3d';
v1.effectiveTo = '2024-03-10';
const v2 = structuredClone(v1);
v2.version = '5d';
v2.effectiveFrom = '2024-03-10';
delete v2.effectiveTo;
for (const r of v2.params.followUps) if (r.key === 'complaintRevisit') r.due.amount = 5;
const history = new PolicyHistory(serviceFollowUp.schemas.params as never, [v1, v2]);
const ctx = makeContext({ now: '2024-03-20T09:00:00+08:00', calendar: chinaCalendar() });
const trigger = (id: string, at: string) => ({ id, type: 'complaintHandled', at, personId: 'pa1' });

describe('service.followup under a policy history (S000B revisit periods)', () => {
  it('policy history: a complaint handled before a 3 → 5 day change keeps 3 days, one after gets 5', () => {
    const d = serviceFollowUp.evaluate(
      {
        op: 'scheduleFollowUps',
        triggers: [trigger('k1', '2024-03-08T10:00:00+08:00'), trigger('k2', '2024-03-12T10:00:00+08:00')],
      },
      history,
      ctx,
    );
    const tasks = d.value.result as { triggerId: string; ruleKey: string; due: { at: string } }[];
    const revisits = tasks.filter((t) => t.ruleKey === 'complaintRevisit');
    expect(revisits.map((t) => [t.triggerId, t.due.at])).toEqual([
      ['k1', '2024-03-11T15:59:59.999Z'], // 3 days: the end of 03-11, Shanghai time
      ['k2', '2024-03-17T15:59:59.999Z'], // 5 days: the end of 03-17
    ]);
    expect(d.trace.filter((t) => t.rule === 'zhidu.policy.version').map((t) => t.data?.version)).toEqual([
      '3d',
      '5d',
    ]);
    expect(d.provenance.versions?.map((v) => v.version)).toEqual(['3d', '5d']);
  });

  it('policy history: a trigger listed twice is refused at its place in the input, also when its copies fall under two versions (S000B-FOLLOWUP-04)', () => {
    const k1 = trigger('k1', '2024-03-08T10:00:00+08:00');
    const k2 = trigger('k2', '2024-03-12T10:00:00+08:00');
    // Each trigger once: one complaint revisit under each version.
    const once = serviceFollowUp.evaluate({ op: 'scheduleFollowUps', triggers: [k1, k2] }, history, ctx);
    expect(
      (once.value.result as { ruleKey: string; triggerId: string }[])
        .filter((t) => t.ruleKey === 'complaintRevisit')
        .map((t) => t.triggerId),
    ).toEqual(['k1', 'k2']);
    for (const twice of [
      [k1, k2, k2],
      [k1, k2, { ...k1, at: '2024-03-13T10:00:00+08:00' }],
    ]) {
      expect(() =>
        serviceFollowUp.evaluate({ op: 'scheduleFollowUps', triggers: twice }, history, ctx),
      ).toThrow(expect.objectContaining({ code: 'duplicate', path: ['input', 'triggers', 2, 'id'] }));
    }
  });

  it('policy history: a trigger before every version is refused with policy_not_in_force at its path', () => {
    let caught: unknown;
    try {
      serviceFollowUp.evaluate(
        { op: 'scheduleFollowUps', triggers: [trigger('k0', '1999-01-01T10:00:00+08:00')] },
        history,
        ctx,
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ZhiduError);
    expect([(caught as ZhiduError).code, (caught as ZhiduError).path]).toEqual([
      'policy_not_in_force',
      ['input', 'triggers', 0, 'at'],
    ]);
  });

  it('policy history: a programme measured across versions is refused, naming the versions', () => {
    let caught: unknown;
    try {
      serviceFollowUp.evaluate(
        {
          op: 'measureProgramme',
          triggers: [trigger('k1', '2024-03-08T10:00:00+08:00'), trigger('k2', '2024-03-12T10:00:00+08:00')],
          completions: [],
        },
        history,
        ctx,
      );
    } catch (e) {
      caught = e;
    }
    expect([(caught as ZhiduError).code, (caught as ZhiduError).path]).toEqual([
      'invalid_input',
      ['input', 'triggers'],
    ]);
    expect((caught as ZhiduError).message).toContain('3d, 5d');
    expect([serviceReception.historyReading, serviceRotation.historyReading]).toEqual(['now', 'judgedAt']);
  });
});
