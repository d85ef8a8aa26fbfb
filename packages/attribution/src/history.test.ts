import { PolicyHistory, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { attributionOwnership, attributionOwnershipBatch, salesOffice001 } from './index.js';

const fields = { name: '王先生', phone: '13800000000' };
const reg = (customerId: string, salespersonId: string, at: string) => ({
  type: 'registration' as const,
  at,
  customerId,
  salespersonId,
  channel: 'walkIn' as const,
  fields,
});
const staff = [{ id: 'A' }, { id: 'B' }];

// The sales office extends protection from 60 to 90 days on 2024-03-01.
const version = (v: string, from: string, days: number, to?: string) => ({
  ...structuredClone(salesOffice001),
  version: v,
  effectiveFrom: from,
  ...(to === undefined ? {} : { effectiveTo: to }),
  params: {
    ...structuredClone(salesOffice001.params),
    protection: { ...salesOffice001.params.protection, default: { unit: 'days' as const, amount: days } },
  },
});
const history = new PolicyHistory(attributionOwnership.schemas.params as never, [
  version('60d', '2024-01-01', 60, '2024-03-01'),
  version('90d', '2024-03-01', 90),
]);

describe('attribution.ownership under a policy history (S001-ATTR protection)', () => {
  it('policy history: a customer registered before a 60 → 90 day change keeps 60, one registered after gets 90', () => {
    const events = [reg('c1', 'B', '2024-02-20T10:00+08:00'), reg('c2', 'A', '2024-03-05T10:00+08:00')];
    const d = attributionOwnershipBatch.evaluate({ staff, events }, history, {
      now: '2024-04-25T00:00+08:00',
    });
    const { c1, c2 } = d.value.result.customers;
    // c1: 60 days from 2024-02-20 ended on 2024-04-20: unprotected by 04-25; c2: 90 days from 03-05
    expect(c1?.owner).toBeNull();
    expect(c2?.owner).toBe('A');
    expect(c2?.protectedUntil?.slice(0, 10)).toBe('2024-06-02');
    expect(d.trace.filter((t) => t.rule === 'zhidu.policy.version').map((t) => t.data?.version)).toEqual([
      '60d',
      '90d',
    ]);
    // each customer's entries follow the version that judged it
    const order = d.trace.map((t) =>
      t.rule === 'zhidu.policy.version' ? t.data?.version : t.data?.customerId,
    );
    expect(order.lastIndexOf('c1')).toBeLessThan(order.indexOf('90d'));
    expect(order.indexOf('c2')).toBeGreaterThan(order.indexOf('90d'));
    expect(d.provenance.versions?.map((v) => v.version)).toEqual(['60d', '90d']);
    // the single-customer module reads its history the same way
    const one = attributionOwnership.evaluate(
      { customerId: 'c1', staff, events: [events[0] as never] },
      history,
      {
        now: '2024-04-10T00:00+08:00',
      },
    );
    expect([one.value.result.owner, one.provenance.policy.version]).toEqual(['B', '60d']);
  });

  it('policy history: a registration before every version is refused with policy_not_in_force at its path', () => {
    const events = [reg('c1', 'B', '2024-02-20T10:00+08:00'), reg('c2', 'A', '2023-12-05T10:00+08:00')];
    let caught: unknown;
    try {
      attributionOwnershipBatch.evaluate({ staff, events }, history, { now: '2024-04-25T00:00+08:00' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ZhiduError);
    expect([(caught as ZhiduError).code, (caught as ZhiduError).path]).toEqual([
      'policy_not_in_force',
      ['input', 'events', 1, 'at'],
    ]);
  });
});
