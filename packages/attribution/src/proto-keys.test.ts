import { PolicyHistory } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  keepObjectPrototypeClean,
  ODD_NAMES as ODD,
  zhiduError as refusal,
} from '../../core/test/helpers.js';
import {
  attributionOwnership,
  attributionOwnershipBatch,
  attributionRotation,
  checkRegistration,
  ReceptionRotation,
  resolveAllOwnership,
  rotation001,
  salesOffice001,
} from './index.js';

// Customer ids and registration fields a caller chooses freely, named after members of
// Object.prototype: each must behave like any other id (`c1`), and nothing may be written onto
// Object.prototype or the Object function.
keepObjectPrototypeClean('owner');

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
const ctx = { now: '2024-03-10T00:00+08:00' };

describe('attribution.ownership-batch: a customer id named after an Object.prototype member', () => {
  it.each([...ODD, 'c9'])('customer %s is an own key of the result, judged like c2', (id) => {
    const events = [reg('c1', 'B', '2024-03-01T10:05+08:00'), reg(id, 'A', '2024-03-02T15:00+08:00')];
    const d = resolveAllOwnership({ staff, events }, salesOffice001, ctx);
    const customers = d.value.result.customers;
    expect(Object.getPrototypeOf(customers)).toBe(Object.prototype);
    expect(Object.keys(customers)).toEqual(['c1', id]);
    expect(Object.hasOwn(customers, id)).toBe(true);
    expect(customers[id]?.owner).toBe('A');
    // The same ownership as a customer c2 registered alike.
    const usual = resolveAllOwnership(
      { staff, events: [events[0] as never, reg('c2', 'A', '2024-03-02T15:00+08:00')] },
      salesOffice001,
      ctx,
    ).value.result.customers.c2;
    const sameAs = (o: unknown) => JSON.stringify(o).replaceAll(JSON.stringify(id), '"c2"');
    expect(sameAs(customers[id])).toBe(JSON.stringify(usual));
    expect(sameAs(JSON.parse(JSON.stringify(customers))[id])).toBe(JSON.stringify(usual));
  });

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

  it.each([...ODD, 'c9'])(
    'under a policy history, customer %s is kept by the version that judged it, its trace with it',
    (id) => {
      const events = [reg(id, 'B', '2024-02-20T10:00+08:00'), reg('c2', 'A', '2024-03-05T10:00+08:00')];
      const d = attributionOwnershipBatch.evaluate({ staff, events }, history, {
        now: '2024-04-25T00:00+08:00',
      });
      const customers = d.value.result.customers;
      expect(Object.getPrototypeOf(customers)).toBe(Object.prototype);
      expect(Object.keys(customers).sort()).toEqual([id, 'c2'].sort());
      // 60 days from 2024-02-20 ended on 2024-04-20.
      expect(customers[id]?.owner).toBeNull();
      expect(customers.c2?.owner).toBe('A');
      // Its trace entries come from the 60-day version only (none kept from the 90-day one).
      const order = d.trace.map((t) =>
        t.rule === 'zhidu.policy.version' ? t.data?.version : t.data?.customerId,
      );
      expect(order.includes(id)).toBe(true);
      expect(order.lastIndexOf(id)).toBeLessThan(order.indexOf('90d'));
    },
  );
});

describe('attribution.registration: a required field named after an Object.prototype member', () => {
  const policyRequiring = (field: string) => {
    const p = structuredClone(salesOffice001);
    p.params.registration.requiredFields = ['name', field];
    return p;
  };
  it.each(['constructor', 'toString', 'hasOwnProperty', 'idCard'])(
    'a registration without field %s misses it; with it, is valid',
    (field) => {
      const policy = policyRequiring(field);
      const without = checkRegistration(reg('c1', 'B', '2024-03-01T10:30+08:00'), policy, ctx);
      expect(without.value.result).toEqual({ valid: false, missing: [field], badChannel: false });
      const withIt = checkRegistration(
        { ...reg('c1', 'B', '2024-03-01T10:30+08:00'), fields: { ...fields, [field]: 'x' } },
        policy,
        ctx,
      );
      expect(withIt.value.result).toEqual({ valid: true });
    },
  );
});

describe('ReceptionRotation.fromJSON: a queue named after an Object.prototype member', () => {
  const base = attributionRotation.preset('rotation-001');
  it.each(['constructor', 'toString', 'hasOwnProperty', 'phone'])(
    'a stored state without queue %s gets a fresh lane for it, which takes turns like any queue',
    (name) => {
      const params = {
        ...base.params,
        strategy: {
          ordering: { kind: 'roundRobin' },
          queues: [
            { name, contacts: ['phoneCall'] },
            { name: 'visit', contacts: ['walkIn'] },
          ],
        },
      };
      let r = ReceptionRotation.fromJSON(ReceptionRotation.create(['A', 'B', 'C']).toJSON(), params as never);
      const receivers: (string | null)[] = [];
      for (let i = 0; i < 4; i++) {
        const a = r.assignNewWalkIn('phoneCall');
        receivers.push(a.assignment.receiver);
        r = a.rotation;
      }
      expect(receivers).toEqual(['A', 'B', 'C', 'A']);
      const queues = r.toJSON().queues ?? {};
      expect(Object.keys(queues)).toEqual([name, 'visit']);
      expect(Object.hasOwn(queues, name)).toBe(true);
      expect(JSON.parse(JSON.stringify(queues))[name].last).toBe('A');
    },
  );
});

describe('ReceptionRotation.fromJSON: a stored state lacking the status or make-up of a person named after an Object.prototype member', () => {
  // A hand-edited (or older) state may leave a person out of `status` and `makeUp`: that person is
  // off duty with no make-up turns owed, whatever their id — not the Object.prototype member of that name.
  const stored = (id: string) => {
    const s = ReceptionRotation.create(['A', id, 'C'])
      .setStatus('A', 'available')
      .setStatus('C', 'available')
      .toJSON();
    delete (s.status as Record<string, unknown>)[id];
    delete (s.makeUp as Record<string, unknown>)[id];
    return s;
  };
  const walk = (id: string) => {
    let r = ReceptionRotation.fromJSON(stored(id));
    const seen: { receiver: string | null; skipped: { id: string; status: string }[] }[] = [];
    for (let i = 0; i < 3; i++) {
      const a = r.assignNewWalkIn();
      seen.push({
        receiver: a.assignment.receiver,
        skipped: a.assignment.skipped.map(({ id, status }) => ({ id, status })),
      });
      r = a.rotation;
    }
    r = r.grantMakeUp(id, 2);
    return { seen, makeUp: (r.toJSON().makeUp as Record<string, unknown>)[id] };
  };
  it.each(['constructor', 'toString', 'valueOf'])(
    '%s is skipped as off duty and owed exactly the turns granted, as B is',
    (id) => {
      const got = walk(id);
      const control = walk('B');
      const rename = (x: unknown) => JSON.parse(JSON.stringify(x).replaceAll('"B"', JSON.stringify(id)));
      expect(got).toEqual(rename(control));
      expect(got.seen.flatMap((s) => s.skipped)).toContainEqual({ id, status: 'offDuty' });
      expect(got.makeUp).toBe(2);
    },
  );
});

describe('a custom rotation ordering named after an Object.prototype member', () => {
  const params = (rule: string) => ({
    ...rotation001,
    strategy: { ordering: { kind: 'custom' as const, rule } },
  });
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])(
    'rule %s not supplied is refused at the rule, as any unsupplied rule',
    (rule) => {
      const e = refusal(() => ReceptionRotation.create(['A', 'B'], params(rule), { orderings: {} }));
      expect([e.code, e.path]).toEqual(['invalid_input', ['params', 'strategy', 'ordering', 'rule']]);
      expect(e.message).toContain(rule);
    },
  );
  it.each(['constructor', 'toString'])(
    'rule %s supplied as the company\u2019s own ordering is the one called',
    (rule) => {
      const r = ReceptionRotation.create(['A', 'B', 'C'], params(rule), {
        orderings: { [rule]: (v: { order: readonly string[] }) => [...v.order].reverse() },
      })
        .setStatus('A', 'available')
        .setStatus('B', 'available')
        .setStatus('C', 'available');
      expect(r.assignNewWalkIn().assignment.receiver).toBe('C');
    },
  );
});

describe('a registration field or required field named __proto__ is refused, not dropped', () => {
  it('a registration whose fields carry __proto__ is refused at that key (zod’s record would drop it)', () => {
    const given = {
      ...reg('c1', 'B', '2024-03-01T10:30+08:00'),
      fields: JSON.parse('{"name":"王","__proto__":"x"}'),
    };
    const e = refusal(() => checkRegistration(given, salesOffice001, ctx));
    expect([e.code, e.path.slice(-2)]).toEqual(['invalid_input', ['fields', '__proto__']]);
  });

  it('a policy requiring a field __proto__ is refused at it: no registration could carry it', () => {
    const p = structuredClone(salesOffice001);
    p.params.registration.requiredFields = ['name', '__proto__'];
    const e = refusal(() => checkRegistration(reg('c1', 'B', '2024-03-01T10:30+08:00'), p, ctx));
    expect(e.code).toBe('invalid_input');
    expect(e.path.slice(-3)).toEqual(['registration', 'requiredFields', 1]);
    expect(e.message).toContain('`__proto__` cannot name a required field');
  });
});
