// A module evaluated many times with one context reads the calendar's basis once (issue 21: the
// credit decision table spent ~20 % of each evaluation recomputing the provenance's calendar basis).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type CalendarBasis,
  defineModule,
  makeContext,
  Trace,
  type WorkCalendar,
  weekdayCalendar,
} from './index.js';

const echo = defineModule({
  id: 'demo.basis-cache',
  title: { zh: '演示', en: 'Demo' },
  params: z.strictObject({ n: z.number() }),
  input: z.strictObject({ x: z.number() }),
  compile: (policy) => policy.params.n,
  evaluate: (input, n) =>
    new Trace().add('DEMO-1', 'demo §1', '乘', 'times').decide({ result: input.x * n, violations: [] }),
});
const policy = {
  id: 'demo',
  version: '1',
  effectiveFrom: '2024-01-01',
  source: { title: '演示' },
  params: { n: 2 },
};

/** A weekday calendar whose basis names the year asked for and counts the calls. */
function countingCalendar(): { cal: WorkCalendar; calls: () => number } {
  const base = weekdayCalendar();
  let calls = 0;
  const cal: WorkCalendar = Object.assign(Object.create(Object.getPrototypeOf(base)), base, {
    basis: (from: string): readonly CalendarBasis[] => {
      calls++;
      return [{ year: Number(from.slice(0, 4)), kind: 'data', source: `table ${from.slice(0, 4)}` }];
    },
  });
  return { cal, calls: () => calls };
}

describe('provenance calendar basis cache', () => {
  it('reads the basis once for repeated evaluations with one context, one frozen array shared by the decisions', () => {
    const { cal, calls } = countingCalendar();
    const ctx = makeContext({ now: '2025-03-03T09:00:00+08:00', calendar: cal });
    const a = echo.evaluate({ x: 1 }, policy, ctx);
    const b = echo.evaluate({ x: 2 }, policy, ctx);
    expect(b.value.result).toBe(4);
    expect(a.provenance.calendar.basis).toEqual([{ year: 2025, kind: 'data', source: 'table 2025' }]);
    expect(b.provenance.calendar.basis).toEqual(a.provenance.calendar.basis);
    // Shared, so frozen: no decision can change another's provenance (issue 21).
    expect(b.provenance.calendar.basis).toBe(a.provenance.calendar.basis);
    expect(Object.isFrozen(b.provenance.calendar.basis)).toBe(true);
    expect(Object.isFrozen(b.provenance.calendar.basis[0])).toBe(true);
    expect(Object.isFrozen(b.provenance)).toBe(true);
    expect(() => {
      (b.provenance.calendar.basis as unknown[]).push({ year: 1 });
    }).toThrow(TypeError);
    expect(a.provenance.calendar.basis).toHaveLength(1);
    expect(calls()).toBe(1);
  });

  it('reads it again when the instant or the zone changes (the year of the decision)', () => {
    const { cal, calls } = countingCalendar();
    echo.evaluate({ x: 1 }, policy, makeContext({ now: '2025-03-03T09:00:00+08:00', calendar: cal }));
    const next = echo.evaluate({ x: 1 }, policy, makeContext({ now: '2026-12-31T20:00:00Z', calendar: cal }));
    // 2026-12-31T20:00Z is 2027-01-01 in Asia/Shanghai: the basis of 2027.
    expect(next.provenance.calendar.basis[0]?.year).toBe(2027);
    const utc = echo.evaluate(
      { x: 1 },
      policy,
      makeContext({ now: '2026-12-31T20:00:00Z', zone: 'UTC', calendar: cal }),
    );
    expect(utc.provenance.calendar.basis[0]?.year).toBe(2026);
    expect(calls()).toBe(3);
  });
});
