import { describe, expect, it } from 'vitest';
import { ReceptionRotation } from './rotation.js';

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

  it('keeps an id named __proto__ as an own key of the copied records (not the prototype)', () => {
    const r = ReceptionRotation.create(['A', '__proto__']);
    const copy = r.toJSON();
    expect(Object.keys(copy.status)).toEqual(['A', '__proto__']);
    expect(Object.getPrototypeOf(copy.status)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(r.state));
    expect(r.assignNewWalkIn().rotation.assignNewWalkIn().assignment.receiver).toBe('__proto__');
  });

  it('counts for people and kinds named __proto__ or toString as keys of their own: nothing reaches Object.prototype', () => {
    let r = ReceptionRotation.create(['A', '__proto__']);
    r = r.tally('__proto__', 'deal', 2).tally('A', '__proto__').tally('A', 'toString', 3);
    expect(({} as Record<string, unknown>).deal).toBeUndefined();
    expect(Object.getPrototypeOf(r.state.counters)).toBe(Object.prototype);
    expect(Object.keys(r.state.counters ?? {})).toEqual(['__proto__', 'A']);
    expect(JSON.stringify(r.toJSON().counters)).toBe(
      '{"__proto__":{"deal":2},"A":{"__proto__":1,"toString":3}}',
    );
  });
});
