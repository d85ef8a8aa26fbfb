import { parseInput, ViolationSchema, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ViolationInputSchema } from './violation-input.js';

const base = { code: 'x.a', personId: 'p1', source: { module: 'm', rule: 'R' } };

describe('violation input (fast instant path)', () => {
  it('parses exactly as core’s ViolationSchema for canonical, offset and epoch instants', () => {
    const instant = fc.oneof(
      fc
        .date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2090-01-01T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
      fc
        .date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2090-01-01T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.getTime()),
      fc.constantFrom(
        '2024-03-07T23:59:59+08:00',
        '2024-03-07T15:59:59Z',
        '2024-02-30T00:00:00.000Z',
        'nonsense',
        '2024-03-07T15:59:59.999Z',
      ),
    );
    fc.assert(
      fc.property(instant, fc.option(instant), (occurredAt, correctedAt) => {
        const input = { ...base, occurredAt, ...(correctedAt === null ? {} : { correctedAt }) };
        const core = ViolationSchema.safeParse(input);
        const fast = ViolationInputSchema.safeParse(input);
        expect(fast.success).toBe(core.success);
        if (core.success && fast.success) expect(fast.data).toEqual(core.data);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps core’s error code for a bad instant', () => {
    try {
      parseInput(ViolationInputSchema, { ...base, occurredAt: '2024-02-30T00:00:00.000Z' }, [
        'violations',
        0,
      ]);
      throw new Error('expected a ZhiduError');
    } catch (e) {
      expect(e).toBeInstanceOf(ZhiduError);
      expect((e as ZhiduError).code).toBe('invalid_instant');
      expect((e as ZhiduError).path).toEqual(['violations', 0, 'occurredAt']);
    }
  });
});
