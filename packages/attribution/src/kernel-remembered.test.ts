import { localDateOf as coreLocalDateOf, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { localDateOf, remembered, ZONE_LIMIT } from './kernel.js';

describe('remembered date functions (kernel)', () => {
  it('an invalid zone gets no cache: 1,000 distinct bad zones leave the remembered function at zero zones', () => {
    const date = remembered(coreLocalDateOf);
    for (let i = 0; i < 1000; i++) {
      expect(() => date('2025-03-01T17:05:00.000Z', `Nowhere/Zone${i}`)).toThrow(ZhiduError);
    }
    expect(date.zones()).toBe(0);
    expect(date('2025-03-01T17:05:00.000Z', 'Asia/Shanghai')).toBe('2025-03-02');
    expect(date.zones()).toBe(1);
  });

  it('the zone caches are bounded: many distinct valid zones keep at most ZONE_LIMIT caches', () => {
    const date = remembered(coreLocalDateOf);
    const zones = Intl.supportedValuesOf('timeZone').slice(0, 200);
    for (const z of zones)
      expect(date('2025-03-01T17:05:00.000Z', z)).toBe(coreLocalDateOf('2025-03-01T17:05:00.000Z', z));
    expect(date.zones()).toBeLessThanOrEqual(ZONE_LIMIT);
    expect(date.zones()).toBeGreaterThan(0);
  });

  it('a bad zone is refused as core refuses it, before and after the good zone is cached', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return { code: (e as ZhiduError).code, path: (e as ZhiduError).path, message: (e as Error).message };
      }
      return null;
    };
    const core = err(() => coreLocalDateOf('2025-03-01T17:05:00.000Z', 'Mars/Olympus'));
    expect(core).not.toBeNull();
    expect(err(() => localDateOf('2025-03-01T17:05:00.000Z', 'Mars/Olympus'))).toEqual(core);
    expect(localDateOf('2025-03-01T17:05:00.000Z', 'Asia/Shanghai')).toBe('2025-03-02');
    expect(err(() => localDateOf('2025-03-01T17:05:00.000Z', 'Mars/Olympus'))).toEqual(core);
    // a remembered answer is core's answer
    expect(localDateOf('2025-03-01T15:59:59.999Z', 'Asia/Shanghai')).toBe(
      coreLocalDateOf('2025-03-01T15:59:59.999Z', 'Asia/Shanghai'),
    );
  });
});
