import { describe, expect, it } from 'vitest';
import {
  DurationSpecSchema,
  deadline,
  LatenessSpecSchema,
  parseInput,
  ViolationSchema,
  weekdayCalendar,
} from './index.js';

describe("core's own schemas are strict: a misspelt key is refused, never dropped", () => {
  it('a time limit with `amout` is refused with unknown_key and the field meant (was: silently a limit of no amount)', () => {
    expect(() =>
      parseInput(DurationSpecSchema, { unit: 'workingDays', amount: 3, amout: 5 }, ['limit']),
    ).toThrow(
      expect.objectContaining({
        code: 'unknown_key',
        path: ['limit', 'amout'],
        message: expect.stringContaining('did you mean `limit.amount`?'),
      }),
    );
    expect(() =>
      deadline('2025-03-03T10:00:00+08:00', { unit: 'workingDays', amount: 3, inclusve: false } as never, {
        calendar: weekdayCalendar(),
      }),
    ).toThrow(expect.objectContaining({ code: 'unknown_key' }));
  });

  it('lateness specs and violations refuse unknown keys', () => {
    expect(() => parseInput(LatenessSpecSchema, { unit: 'blocks24h', roundng: 'floor' })).toThrow(
      expect.objectContaining({ code: 'unknown_key', path: ['roundng'] }),
    );
    const v = {
      code: 'records.handover.late',
      personId: 'p1',
      occurredAt: '2025-03-03T10:00:00+08:00',
      source: { module: 'records.handover', rule: 'S000-FILE-05' },
    };
    expect(parseInput(ViolationSchema, v).personId).toBe('p1');
    expect(() =>
      parseInput(ViolationSchema, { ...v, lateBy: { unit: 'blocks24h', units: 1, unit_s: 2 } }, ['v']),
    ).toThrow(expect.objectContaining({ code: 'unknown_key', path: ['v', 'lateBy', 'unit_s'] }));
    expect(() => parseInput(ViolationSchema, { ...v, personID: 'p1' }, ['violations', 0])).toThrow(
      expect.objectContaining({ code: 'unknown_key', path: ['violations', 0, 'personID'] }),
    );
  });
});
