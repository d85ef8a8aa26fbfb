import { isZhiduError, type ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { limitWindow } from './credit-line/rolling-limit.js';
import { defineDecisionTable, runDecisionTable } from './decision-table/table.js';

/** The ZhiduError a call throws (fails the test when it throws anything else or nothing). */
function refusal(call: () => unknown): ZhiduError {
  try {
    call();
  } catch (e) {
    if (isZhiduError(e)) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError, got a value');
}

const bands = {
  id: 'acme.scoreBand',
  hitPolicy: 'first' as const,
  inputs: [{ name: 'score', type: 'number' as const }],
  outputs: [{ name: 'grade', type: 'string' as const }],
  rules: [{ id: 'A', when: { score: { gte: 80 } }, result: { grade: 'A' } }],
  defaultOutput: { grade: 'C' },
};

describe('runDecisionTable refuses what defineDecisionTable did not compile', () => {
  it('refuses undefined, null and a plain table with invalid_input at compiled (was reading inputNames of undefined)', () => {
    for (const bad of [undefined, null, 3, bands, { inputNames: 'x' }]) {
      const e = refusal(() => runDecisionTable(bad as never, { score: 1 }));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['compiled']);
    }
  });

  it('describes a wrong-typed input without JSON.stringify (a BigInt made it throw)', () => {
    const t = defineDecisionTable(bands);
    const e = refusal(() => runDecisionTable(t, { score: 10n as never }));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['score']);
    expect(e.message).toContain('10n');
  });

  it('still evaluates a compiled table', () => {
    const t = defineDecisionTable(bands);
    expect(runDecisionTable(t, { score: 85 }).value.output).toEqual({ grade: 'A' });
    expect(runDecisionTable(t, { score: 5 }).value.output).toEqual({ grade: 'C' });
  });
});

describe('limitWindow refuses a bad date or limit', () => {
  const limit = { windowDays: 30, includeShipmentDay: false, basis: 'invoiced' as const };

  it('refuses undefined and null limits at limit (was reading includeShipmentDay of undefined)', () => {
    for (const bad of [undefined, null, {}, { ...limit, windowDays: -1 }]) {
      const e = refusal(() => limitWindow('2024-03-31', bad as never));
      expect(e.path[0]).toBe('limit');
    }
  });

  it('refuses a date that is not a real date at date', () => {
    for (const bad of [undefined, 20240331, '2024-02-30']) {
      expect(refusal(() => limitWindow(bad as never, limit)).path).toEqual(['date']);
    }
  });

  it('still computes the window of the seed (日前三十天) and with the shipment day', () => {
    expect(limitWindow('2024-03-31', limit)).toEqual({ from: '2024-03-01', through: '2024-03-30' });
    expect(limitWindow('2024-03-31', { ...limit, includeShipmentDay: true })).toEqual({
      from: '2024-03-02',
      through: '2024-03-31',
    });
  });

  it('any JSON arguments give a window or a ZhiduError (seeded property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (date, l) => {
        try {
          return typeof limitWindow(date as never, l as never).from === 'string';
        } catch (e) {
          return isZhiduError(e);
        }
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});
