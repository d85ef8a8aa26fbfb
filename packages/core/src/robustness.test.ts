// Regressions found by `pnpm fuzz` (issue 12): every public boundary of core refuses bad input with a
// ZhiduError carrying a code and a path, never a TypeError, a plain Error or a raw ZodError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  assertSchema,
  calendarBasisTrace,
  decision,
  defineModule,
  definePolicy,
  describeValue,
  expectObject,
  formatPath,
  isLate,
  knownKeysAt,
  makeContext,
  nearestKey,
  PolicyHistory,
  parseInput,
  policyJsonSchema,
  RulePipeline,
  seededRng,
  subtractMoney,
  Trace,
  weekdayCalendar,
  withOverrides,
  yuan,
  ZhiduError,
  zodIssuesToError,
} from './index.js';

const NOW = '2024-03-01T10:00:00+08:00';

function refusal(f: () => unknown): { code: string; path: (string | number)[] } {
  try {
    f();
  } catch (e) {
    if (e instanceof ZhiduError) return { code: e.code, path: e.path };
    throw new Error(
      `expected a ZhiduError, got ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`,
    );
  }
  throw new Error('expected a refusal, got a value');
}

describe('core refuses bad input with a ZhiduError (fuzz regressions)', () => {
  it('makeContext({ now, seed: null }) → invalid_input at seed, not a TypeError', () => {
    expect(refusal(() => makeContext({ now: NOW, seed: null as never }))).toEqual({
      code: 'invalid_input',
      path: ['seed'],
    });
    expect(refusal(() => seededRng({} as never))).toEqual({ code: 'invalid_input', path: ['seed'] });
  });

  it('makeContext(null) and makeContext({ now, calendar: {} }) are refused', () => {
    expect(refusal(() => makeContext(null as never))).toEqual({ code: 'invalid_input', path: [] });
    expect(refusal(() => makeContext({ now: NOW, calendar: {} as never }))).toEqual({
      code: 'invalid_input',
      path: ['calendar'],
    });
  });

  it('definePolicy(x) with something that is not a zod schema → invalid_input at params, not a plain Error', () => {
    expect(refusal(() => definePolicy('x' as never, {}))).toEqual({
      code: 'invalid_input',
      path: ['params'],
    });
    expect(refusal(() => policyJsonSchema(undefined as never))).toEqual({
      code: 'invalid_input',
      path: ['params'],
    });
    expect(refusal(() => parseInput({} as never, 1))).toEqual({ code: 'invalid_input', path: ['schema'] });
    expect(() => assertSchema(z.string(), ['params'])).not.toThrow();
  });

  it('new PolicyHistory(schema, "x") and new RulePipeline(null / [null]) are refused', () => {
    expect(refusal(() => new PolicyHistory(z.object({}), 'x' as never))).toEqual({
      code: 'invalid_input',
      path: ['versions'],
    });
    expect(refusal(() => new RulePipeline(null as never))).toEqual({
      code: 'invalid_input',
      path: ['steps'],
    });
    expect(refusal(() => new RulePipeline([null] as never))).toEqual({
      code: 'invalid_input',
      path: ['steps', 0],
    });
  });

  it('a bad path argument (yuan("x", 42), module.policy(json, null)) still yields a ZhiduError at the root', () => {
    expect(refusal(() => yuan('x', 42 as never))).toEqual({ code: 'invalid_money', path: [] });
    const demo = defineModule({
      id: 'demo.robust',
      title: { zh: '演示', en: 'Demo' },
      params: z.strictObject({ n: z.number() }),
      input: z.strictObject({}),
      evaluate: () => new Trace().decide({ result: null, violations: [] }),
    });
    expect(refusal(() => demo.policy({}, null as never)).code).toBe('invalid_input');
    expect(refusal(() => demo.preset({} as never))).toEqual({ code: 'invalid_input', path: ['preset'] });
  });

  it('ZhiduError accepts any path without throwing (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (path) => {
        const e = new ZhiduError('invalid_input', path as never, 'm');
        expect(Array.isArray(e.path)).toBe(true);
        expect(typeof formatPath(path as never)).toBe('string');
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('formatPath, knownKeysAt, nearestKey and zodIssuesToError tolerate non-lists', () => {
    expect(formatPath(null as never)).toBe('(root)');
    expect(knownKeysAt(undefined as never, [])).toEqual([]);
    expect(knownKeysAt(z.strictObject({ a: z.string() }), null as never)).toEqual([]);
    expect(nearestKey(1 as never, ['a'])).toBeUndefined();
    expect(nearestKey('countfrom', null as never)).toBeUndefined();
    expect(zodIssuesToError(null as never).code).toBe('invalid_input');
  });

  it('subtractMoney(1, Object.create(null)) → invalid_money, not "Cannot convert object to primitive value"', () => {
    expect(refusal(() => subtractMoney(1 as never, Object.create(null)))).toMatchObject({
      code: 'invalid_money',
    });
    expect(describeValue(Object.create(null))).toBe('an object');
    expect(describeValue([1, 2, 3])).toBe('an array of 3');
  });

  it('calendarBasisTrace(trace, undefined, …) → invalid_input at calendar', () => {
    expect(
      refusal(() => calendarBasisTrace(new Trace(), undefined as never, '2024-01-01', '2024-01-02')),
    ).toEqual({
      code: 'invalid_input',
      path: ['calendar'],
    });
    expect(
      refusal(() => calendarBasisTrace({} as never, weekdayCalendar(), '2024-01-01', '2024-01-02')),
    ).toEqual({
      code: 'invalid_input',
      path: ['trace'],
    });
  });

  it('zodIssuesToError([null, 1]) / defineModule(undefined) / decision(1, 5) / weekdayCalendar(null) → ZhiduError', () => {
    expect(zodIssuesToError([null, 1] as never).code).toBe('invalid_input');
    expect(refusal(() => defineModule(undefined as never))).toEqual({
      code: 'invalid_input',
      path: ['spec'],
    });
    expect(refusal(() => decision(1, 5 as never))).toEqual({ code: 'invalid_input', path: ['trace'] });
    expect(refusal(() => weekdayCalendar(null as never))).toEqual({
      code: 'invalid_input',
      path: ['options'],
    });
  });

  it('isLate(null, actual) → invalid_instant at due', () => {
    expect(refusal(() => isLate(null as never, NOW))).toEqual({ code: 'invalid_instant', path: ['due'] });
  });

  it('expectObject(1, [Object.create(null)]) → invalid_input, the odd path element described, not a TypeError', () => {
    expect(refusal(() => expectObject(1, [Object.create(null)] as never))).toEqual({
      code: 'invalid_input',
      path: ['an object'],
    });
  });
});

describe('withOverrides refuses a base that is not a calendar (fuzz seed 20261206)', () => {
  it('withOverrides(undefined | null | {} | a string, overrides) → invalid_input at base, not a TypeError', () => {
    for (const bad of [
      undefined,
      null,
      {},
      'chinaCalendar',
      { zone: 'Asia/Shanghai', isWorkday: () => true },
    ]) {
      expect(refusal(() => withOverrides(bad as never, {}))).toEqual({
        code: 'invalid_input',
        path: ['base'],
      });
    }
    const cal = withOverrides(weekdayCalendar(), { '2025-12-26': { workday: false } });
    expect([cal.isWorkday('2025-12-26'), cal.isWorkday('2025-12-25')]).toEqual([false, true]);
  });
});
