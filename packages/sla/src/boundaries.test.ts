import { isZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  asSlaPolicy,
  classifyComplaint,
  construction000Preset,
  dealer000Preset,
  eventsUpTo,
  lawFirm001bPreset,
  logistics001bPreset,
  resolveTarget,
} from './index.js';

const refused = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return isZhiduError(e) ? `${e.code} ${e.path.join('.')}` : `not a ZhiduError: ${String(e)}`;
  }
  return 'no error';
};

// Found by the full fuzz campaign: TypeErrors where a ZhiduError with a path belongs.
describe('sla boundaries', () => {
  it('preset factories refuse null options instead of reading a property of null', () => {
    for (const preset of [construction000Preset, dealer000Preset, lawFirm001bPreset, logistics001bPreset]) {
      expect(refused(() => (preset as (o: unknown) => unknown)(null))).toBe('invalid_input options');
    }
    expect(construction000Preset().params.timers.length).toBeGreaterThan(0);
  });
  it('classifyComplaint refuses params without rule lists', () => {
    expect(refused(() => classifyComplaint({}, {} as never))).toBe('invalid_input params.flagRules');
  });
  it('asSlaPolicy refuses a path that is not a list', () => {
    expect(refused(() => asSlaPolicy({}, 7 as never))).toBe('invalid_input path');
  });
  it('eventsUpTo refuses events that are not a list', () => {
    expect(refused(() => eventsUpTo({} as never, '2024-01-01T00:00:00.000Z' as never))).toBe(
      'invalid_input events',
    );
  });
  it('resolveTarget refuses a missing context', () => {
    expect(
      refused(() =>
        resolveTarget(
          { kind: 'duration', spec: { unit: 'minutes', amount: 30 } },
          '2024-05-10T01:45:00.000Z',
          {},
          [],
          null as never,
        ),
      ),
    ).toMatch(/^invalid_input ctx/);
  });
});
