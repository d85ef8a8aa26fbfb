import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../test/helpers.js';
import { LateBy } from './violation.js';

describe('LateBy, a violation lateness built with new', () => {
  it('is the plain object the literal is: prototype, constructor, keys in order, JSON', () => {
    const late = new LateBy('workingDays', 2, 172_800_000);
    expect(Object.getPrototypeOf(late)).toBe(Object.prototype);
    expect(late.constructor).toBe(Object);
    expect(Object.keys(late)).toEqual(['unit', 'units', 'ms']);
    expect(late).toStrictEqual({ unit: 'workingDays', units: 2, ms: 172_800_000 });
    expect(JSON.stringify(late)).toBe('{"unit":"workingDays","units":2,"ms":172800000}');
  });

  it('instanceof asks for the shape, not the prototype every object shares', () => {
    expect(new LateBy('hours', 1, 3_600_000) instanceof LateBy).toBe(true);
    expect({ unit: 'hours', units: 1, ms: 0 } instanceof LateBy).toBe(true);
    for (const other of [
      {},
      [],
      new Date(0),
      { unit: 'hours', units: 1 },
      { unit: 'weeks', units: 1, ms: 0 },
      null,
    ]) {
      expect(other instanceof LateBy).toBe(false);
    }
  });

  it('refuses a call without new, a unit that is not a lateness unit, and units or ms not whole and ≥ 0', () => {
    const call = LateBy as unknown as (...a: unknown[]) => unknown;
    const New = LateBy as unknown as new (...a: unknown[]) => unknown;
    const noNew = refusal(() => call('hours', 1, 0));
    expect([noNew.code, noNew.path]).toEqual(['invalid_input', []]);
    for (const [args, path, text] of [
      [['weeks', 1, 0], ['unit'], 'unit must be one of'],
      [[undefined, 1, 0], ['unit'], 'got undefined'],
      [['hours', -1, 0], ['units'], 'units must be a whole number ≥ 0, got -1'],
      [['hours', 1.5, 0], ['units'], 'units must be a whole number'],
      [['hours', 1, Number.NaN], ['ms'], 'ms must be a whole number'],
      [['hours', 1, '5'], ['ms'], 'ms must be a whole number'],
    ] as const) {
      const e = refusal(() => new New(...args));
      expect([e.code, e.path]).toEqual(['invalid_input', path]);
      expect(e.message).toContain(text);
    }
  });
});
