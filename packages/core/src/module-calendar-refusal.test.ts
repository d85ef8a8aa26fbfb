// A module's `calendar_out_of_range` refusal names the context's calendar unless its path names a
// field of the input: a calendar method's own argument (`n`, `date`) means nothing to the caller.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhiduError } from '../test/helpers.js';
import { defineModule, type ErrorPath, makeContext, weekdayCalendar, ZhiduError } from './index.js';

const refusingAt = (path: ErrorPath) =>
  defineModule({
    id: 'demo.calendar-refusal',
    title: { zh: '日历', en: 'Calendar' },
    params: z.strictObject({}),
    input: z.strictObject({ at: z.string() }),
    evaluate: () => {
      throw new ZhiduError(
        'calendar_out_of_range',
        path,
        '2027 年的放假通知尚未载入 / no holiday notice for 2027 is loaded',
      );
    },
    history: { kind: 'now', reason: { zh: '演示', en: 'demo' } },
  });
const policy = { id: 'p', version: '1', effectiveFrom: '2000-01-01', source: { title: '演示' }, params: {} };
const ctx = makeContext({ now: '2026-12-07T10:00:00+08:00', calendar: weekdayCalendar() });

describe('a calendar refusal inside a module', () => {
  it("names ctx.calendar when its path is the calendar method's argument (n, date, input.n)", () => {
    for (const path of [['n'], ['date'], ['input', 'n']]) {
      const e = zhiduError(() => refusingAt(path).evaluate({ at: '2026-12-30' }, policy, ctx));
      expect([e.code, e.path]).toEqual(['calendar_out_of_range', ['ctx', 'calendar']]);
      expect(e.message).toBe(
        '2027 年的放假通知尚未载入 / no holiday notice for 2027 is loaded (at ctx.calendar)',
      );
    }
  });

  it('keeps a path naming a field of the input, or the context', () => {
    expect(
      zhiduError(() => refusingAt(['input', 'at']).evaluate({ at: '2027-01-04' }, policy, ctx)).path,
    ).toEqual(['input', 'at']);
    expect(zhiduError(() => refusingAt(['ctx', 'now']).evaluate({ at: 'x' }, policy, ctx)).path).toEqual([
      'ctx',
      'now',
    ]);
  });
});
