import '../test/pii-guard.js';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, PolicyHistory, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { recordsAccess, recordsAccessLog, recordsLoan } from './modules.js';

const preset = () =>
  structuredClone(recordsAccessLog.preset('sales-company-files')) as unknown as Record<string, unknown> & {
    params: { accessRules: { exemptRoles?: string[] }[] };
  };
// Until 2024-03-10 salespeople could view customer files freely; from then on only with the GM's approval.
const v1 = preset();
v1.version = 'open';
v1.effectiveFrom = '2024-01-01';
v1.effectiveTo = '2024-03-10';
for (const rule of v1.params.accessRules) rule.exemptRoles = [...(rule.exemptRoles ?? []), 'salesperson'];
const v2 = preset();
v2.version = 'approval';
v2.effectiveFrom = '2024-03-10';
const history = new PolicyHistory(recordsAccessLog.schemas.params as never, [v1, v2]);
const entry = (time: string) => ({
  actor: { id: 'u1', roles: ['salesperson'] },
  action: 'view' as const,
  file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' },
  at: time,
});
const ctx = makeContext({ now: '2024-03-20T10:00:00+08:00', calendar: chinaCalendar() });

describe('records.access-log under a policy history (S000-ACCESS-03)', () => {
  it('policy history: each access is judged under the rules in force at its own time', () => {
    const d = recordsAccessLog.evaluate(
      { log: [entry('2024-03-05T10:00:00+08:00'), entry('2024-03-12T10:00:00+08:00')] },
      history,
      ctx,
    );
    expect(d.value.result).toEqual({ checked: 2, denied: 1 });
    expect(d.value.violations.map((v) => [v.personId, v.code, v.occurredAt])).toEqual([
      ['u1', 'records.access.unauthorised', '2024-03-12T02:00:00.000Z'],
    ]);
    expect(d.trace.filter((t) => t.rule === 'zhidu.policy.version').map((t) => t.data?.version)).toEqual([
      'open',
      'approval',
    ]);
    expect(d.provenance.versions?.map((v) => v.version)).toEqual(['open', 'approval']);
  });

  it('policy history: a log entry before every version is refused with policy_not_in_force at its path', () => {
    let caught: unknown;
    try {
      recordsAccessLog.evaluate({ log: [entry('2023-06-01T10:00:00+08:00')] }, history, ctx);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ZhiduError);
    expect([(caught as ZhiduError).code, (caught as ZhiduError).path]).toEqual([
      'policy_not_in_force',
      ['input', 'log', 0, 'at'],
    ]);
  });

  it('policy history: an access request is decided under the rules in force at ctx.now; a loan at lentAt', () => {
    const { at: _at, ...request } = entry('2024-03-05T10:00:00+08:00');
    const early = recordsAccess.evaluate(request, history, { ...ctx, now: '2024-03-05T10:00:00.000Z' });
    expect(early.provenance.policy.version).toBe('open');
    expect(recordsAccess.evaluate(request, history, ctx).provenance.policy.version).toBe('approval');
    expect([recordsAccess.historyReading, recordsLoan.historyReading]).toEqual(['now', 'judgedAt']);
  });
});
