// Regressions found by `pnpm fuzz` (issue 12): sla's public helpers refuse bad arguments with a
// ZhiduError naming the argument, never a raw ZodError or a TypeError.
import { conditionsHold, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  assignRegisterNumbers,
  collectViolations,
  dedupeComplaints,
  eventsUpTo,
  handlingRate,
  knownEventTypes,
  parseEvents,
  periodDue,
  RecurringObligationSchema,
  runTimers,
  slaRecords,
  summarizeComplaints,
} from './index.js';

const statsBy10th = RecurringObligationSchema.parse({
  id: 'stats',
  rule: 'S000-COMPLAINT-18',
  clause: 'L1',
  title: { zh: '统计', en: 'statistics' },
  due: { kind: 'dayOfMonth', day: 10 },
  done: [{ type: 'complaintStatsSubmitted' }],
});

function refusal(f: () => unknown): { code: string; path: (string | number)[] } {
  try {
    f();
  } catch (e) {
    if (e instanceof ZhiduError) return { code: e.code, path: e.path };
    throw new Error(`expected a ZhiduError, got ${e instanceof Error ? e.constructor.name : typeof e}`);
  }
  throw new Error('expected a refusal');
}

describe('periodDue refuses bad arguments (fuzz regressions)', () => {
  it('periodDue(false, date) → invalid_input at obligation, not a raw ZodError', () => {
    expect(refusal(() => periodDue(false as never, '2024-04', 'Asia/Shanghai'))).toEqual({
      code: 'invalid_input',
      path: ['obligation'],
    });
  });

  it('periodDue(obligation, "2024-04-01") → invalid_input at period; a bad zone → invalid_zone', () => {
    expect(refusal(() => periodDue(statsBy10th, '2024-04-01', 'Asia/Shanghai')).path).toEqual(['period']);
    expect(refusal(() => periodDue(statsBy10th, '2024-13', 'Asia/Shanghai')).path[0]).toBe('period');
    expect(refusal(() => periodDue(statsBy10th, '2024-04', 'Mars/Olympus'))).toEqual({
      code: 'invalid_zone',
      path: ['zone'],
    });
  });

  it('a valid obligation still gets its due instant', () => {
    expect(periodDue(statsBy10th, '2024-04', 'Asia/Shanghai')).toEqual({
      at: '2024-04-10T15:59:59.999Z',
      inclusive: true,
    });
  });
});

describe('sla helpers refuse non-arrays and non-objects (fuzz regressions: TypeErrors before)', () => {
  it('dedupeComplaints(undefined) / summarizeComplaints(5, []) / handlingRate([null], 1) → invalid_input at the argument', () => {
    expect(refusal(() => dedupeComplaints(undefined as never))).toEqual({
      code: 'invalid_input',
      path: ['complaints'],
    });
    expect(refusal(() => summarizeComplaints(5 as never, []))).toEqual({
      code: 'invalid_input',
      path: ['rows'],
    });
    expect(refusal(() => handlingRate([null] as never, 1))).toEqual({
      code: 'invalid_input',
      path: ['items', 0],
    });
  });

  it('collectViolations({}) / assignRegisterNumbers([null]) / conditionsHold(1, {}) (core, was sla matchesAll) / knownEventTypes(null) → invalid_input', () => {
    expect(refusal(() => collectViolations({} as never))).toEqual({
      code: 'invalid_input',
      path: ['states'],
    });
    expect(refusal(() => assignRegisterNumbers([null] as never))).toEqual({
      code: 'invalid_input',
      path: ['complaints', 0],
    });
    expect(refusal(() => conditionsHold(1 as never, {}))).toEqual({
      code: 'invalid_input',
      path: ['conditions'],
    });
    expect(refusal(() => knownEventTypes(null as never))).toEqual({
      code: 'invalid_input',
      path: ['params'],
    });
  });

  it('runTimers([], [], undefined) → invalid_input at ctx, not "Cannot read properties of undefined (reading now)"', () => {
    expect(refusal(() => runTimers([], [], undefined as never))).toEqual({
      code: 'invalid_input',
      path: ['ctx'],
    });
  });

  it('handlingRate refuses a target that is not a rate and a handled flag that is not a boolean (pnpm fuzz seed 2612: a TypeError; "no" counted as handled)', () => {
    for (const target of [Object.create(null), Number.NaN, 100, -0.1, '1'])
      expect(refusal(() => handlingRate([], target as never))).toEqual({
        code: 'invalid_input',
        path: ['target'],
      });
    expect(refusal(() => handlingRate([{ handled: true }, { handled: 'no' }] as never, 1))).toEqual({
      code: 'invalid_input',
      path: ['items', 1, 'handled'],
    });
    // Other fields of an issue are the caller's: still counted by `handled` alone.
    expect(handlingRate([{ handled: true, id: 'q1' }] as never, 1).value.compliant).toBe(true);
  });

  it('sla.records refuses a handling-rate target that is not a fraction from 0 to 1 (a percentage read as more than 100 %)', () => {
    const p = slaRecords.preset('property-revisit-000b');
    const input = { complaints: [], items: [{ handled: true }] };
    const ctx = { now: '2024-03-05T00:00:00+08:00' };
    const withTarget = (t: unknown) => ({
      ...p,
      params: { ...p.params, settings: { ...p.params.settings, handlingRateTarget: t } },
    });
    expect(slaRecords.evaluate(input, withTarget(0.5) as never, ctx).value.result.handling.compliant).toBe(
      true,
    );
    for (const bad of [100, '1', -1, true]) {
      expect(refusal(() => slaRecords.evaluate(input, withTarget(bad) as never, ctx))).toEqual({
        code: 'invalid_input',
        path: ['params', 'settings', 'handlingRateTarget'],
      });
    }
  });

  it('valid calls are unchanged: handlingRate of 2 items, one handled', () => {
    expect(handlingRate([{ handled: true }, { handled: false }], 0.5).value).toMatchObject({
      raised: 2,
      handled: 1,
      rate: 0.5,
      compliant: true,
    });
  });
});

describe('eventsUpTo refuses what is not a parsed event (fuzz seed 20261206)', () => {
  it('an entry null, a number or without ms → invalid_input at events[i], not a TypeError', () => {
    const log = parseEvents([
      { type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' },
      { type: 'planProposed', subject: 'c1', at: '2024-05-10T10:30:00+08:00' },
    ]);
    expect(eventsUpTo(log, '2024-05-10T02:00:00.000Z').map((e) => e.type)).toEqual(['received']);
    for (const bad of [null, 3, { type: 'received' }, { ms: Number.NaN }]) {
      expect(refusal(() => eventsUpTo([...log, bad] as never, '2024-05-10T02:00:00.000Z'))).toEqual({
        code: 'invalid_input',
        path: ['events', 2],
      });
    }
  });
});
