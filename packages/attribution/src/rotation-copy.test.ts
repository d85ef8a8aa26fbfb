import { describe, expect, it } from 'vitest';
import { ReceptionRotation, rotation001 } from './rotation.js';

describe('ReceptionRotation#toJSON: a deep copy of the state', () => {
  it('gives the same JSON, keys in the same order, and sharing nothing with the rotation', () => {
    let r = ReceptionRotation.create(['A', 'B', 'C']);
    r = r.assignNewWalkIn().rotation.setStatus('B', 'outOnBusiness').assignNewWalkIn().rotation;
    const copy = r.toJSON();
    const credits = r.state.makeUp.B;
    expect(JSON.stringify(copy)).toBe(JSON.stringify(r.state));
    expect(copy).not.toBe(r.state);
    expect(copy.status).not.toBe(r.state.status);
    expect(copy.order).not.toBe(r.state.order);
    copy.status.A = 'offDuty';
    copy.order.push('Z');
    copy.makeUp.B = 99;
    expect(r.state.status.A).toBe('available');
    expect(r.state.order).toEqual(['A', 'B', 'C']);
    expect(r.state.makeUp.B).toBe(credits);
    // A restored copy goes on as the original does.
    const back = ReceptionRotation.fromJSON(JSON.parse(JSON.stringify(r.toJSON())));
    expect(back.assignNewWalkIn().assignment).toEqual(r.assignNewWalkIn().assignment);
  });

  it('refuses a person, a tally kind, a stored order entry or a queue named __proto__ (a stored state would lose it), as invalid_input at the entry', () => {
    let e: unknown;
    try {
      ReceptionRotation.create(['A', '__proto__']);
    } catch (x) {
      e = x;
    }
    expect(e).toMatchObject({ code: 'invalid_input', path: ['order', 1] });
    expect((e as Error).message).toMatch(
      /不能用作人员或计数类别的标识.* \/ `__proto__` cannot name a person or a tally kind/,
    );
    let k: unknown;
    try {
      ReceptionRotation.create(['A']).tally('A', '__proto__');
    } catch (x) {
      k = x;
    }
    expect(k).toMatchObject({ code: 'invalid_input', path: ['kind'] });
    // A stored state naming one, read back: refused at its entry in the order.
    const stored = { ...ReceptionRotation.create(['A', 'B']).toJSON(), order: ['A', '__proto__'] };
    let f: unknown;
    try {
      ReceptionRotation.fromJSON(stored);
    } catch (x) {
      f = x;
    }
    expect(f).toMatchObject({ code: 'invalid_input', path: ['state', 'order', 1] });
    // A queue named so, in the policy's strategy: refused by the schema at the queue's name.
    const strategy = {
      ordering: { kind: 'roundRobin' },
      queues: [{ name: '__proto__', contacts: ['walkIn'] }],
    };
    let q: unknown;
    try {
      ReceptionRotation.create(['A'], { ...rotation001, strategy } as never);
    } catch (x) {
      q = x;
    }
    expect(q).toMatchObject({ code: 'invalid_input', path: ['params', 'strategy', 'queues', 0, 'name'] });
    expect(({} as Record<string, unknown>).pointer).toBeUndefined();
  });

  it('counts for people and kinds named constructor or toString as keys of their own: nothing reaches Object or its prototype', () => {
    let r = ReceptionRotation.create(['A', 'constructor']);
    r = r.tally('constructor', 'deal', 2).tally('A', 'constructor').tally('A', 'toString', 3);
    expect((Object as unknown as Record<string, unknown>).deal).toBeUndefined();
    expect(({} as Record<string, unknown>).deal).toBeUndefined();
    expect(JSON.stringify(r.toJSON().counters)).toBe(
      '{"constructor":{"deal":2},"A":{"constructor":1,"toString":3}}',
    );
    // A stored state reads back and counts on from the same figures.
    const back = ReceptionRotation.fromJSON(JSON.parse(JSON.stringify(r.toJSON())));
    expect(JSON.stringify(back.tally('constructor', 'deal').state.counters)).toBe(
      '{"constructor":{"deal":3},"A":{"constructor":1,"toString":3}}',
    );
  });
});
