import { afterEach, describe, expect, it, vi } from 'vitest';
import { LatenessSpecSchema, lateness } from './duration.js';
import { ZhiduError } from './errors.js';

const due = '2025-03-01T00:00:00Z';
const actual = '2025-03-02T01:00:00Z'; // 25 hours late

afterEach(() => vi.restoreAllMocks());

describe('lateness: a frozen spec is checked once', () => {
  it('checks a frozen spec of data properties once over many calls, with the same answer each time', () => {
    const spy = vi.spyOn(LatenessSpecSchema, 'safeParse');
    const spec = Object.freeze({ unit: 'blocks24h' as const });
    for (let i = 0; i < 5; i++) {
      expect(lateness(due, actual, spec)).toEqual({
        late: true,
        units: 2,
        unit: 'blocks24h',
        ms: 90_000_000,
      });
    }
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('checks a spec that is not frozen on every call, so a change between calls is seen and refused', () => {
    const spy = vi.spyOn(LatenessSpecSchema, 'safeParse');
    const spec: { unit: string; rounding?: string } = { unit: 'hours' };
    expect(lateness(due, actual, spec as never).units).toBe(25);
    spec.unit = 'fortnights';
    expect(() => lateness(due, actual, spec as never)).toThrow(ZhiduError);
    spec.unit = 'blocks24h';
    spec.rounding = 'floor';
    expect(lateness(due, actual, spec as never).units).toBe(1);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('checks a frozen spec with a getter on every call (a getter may answer differently)', () => {
    const spy = vi.spyOn(LatenessSpecSchema, 'safeParse');
    let calls = 0;
    const spec = Object.freeze({
      get unit() {
        calls += 1;
        return calls === 1 ? 'hours' : 'nonsense';
      },
    });
    expect(lateness(due, actual, spec as never).units).toBe(25);
    let err: unknown;
    try {
      lateness(due, actual, spec as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ZhiduError);
    expect((err as ZhiduError).code).toBe('invalid_duration');
    expect((err as ZhiduError).path).toEqual(['spec', 'unit']);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('refuses a frozen bad spec every time, with the same code and path (a refusal is never cached)', () => {
    const spec = Object.freeze({ unit: 'blocks24h', extra: 1 });
    for (let i = 0; i < 2; i++) {
      let err: unknown;
      try {
        lateness(due, actual, spec as never);
      } catch (e) {
        err = e;
      }
      expect((err as ZhiduError).code).toBe('unknown_key');
      expect((err as ZhiduError).path).toEqual(['spec', 'extra']);
    }
  });

  it('counts rounding from a cached frozen spec: floor of 25 h in 24 h blocks is 1', () => {
    const spec = Object.freeze({ unit: 'blocks24h' as const, rounding: 'floor' as const });
    expect(lateness(due, actual, spec).units).toBe(1);
    expect(lateness(due, actual, spec).units).toBe(1);
  });
});
