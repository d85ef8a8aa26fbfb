import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { weekdayCalendar } from './calendar.js';
import { Trace } from './decision.js';
import { isZhiduError, ZhiduError } from './errors.js';
import { defineModule } from './module.js';
import {
  assertScenario,
  formatOutcome,
  jsonPatch,
  matchExpected,
  mergePatch,
  parseScenario,
  refusedOutcome,
  runScenario,
  type ScenarioResolver,
  scenarioJsonSchema,
  scenarioPolicy,
} from './scenario.js';

const lateness = defineModule({
  id: 'demo.lateness',
  title: { zh: '迟到', en: 'Lateness' },
  params: z.strictObject({ graceMinutes: z.number().int().nonnegative(), fine: z.number().int() }),
  input: z.strictObject({ personId: z.string(), minutesLate: z.number().int() }),
  presets: {
    'office-001': {
      id: 'office-001',
      version: '1',
      effectiveFrom: '2024-01-01',
      source: { title: '考勤制度' },
      params: { graceMinutes: 5, fine: 5000 },
    },
  },
  evaluate: (input, policy) => {
    const late = input.minutesLate > policy.params.graceMinutes;
    return new Trace()
      .add('S001-PENALTY-01', undefined, late ? '迟到' : '准时', late ? 'late' : 'on time')
      .decide({
        result: { late, fine: late ? policy.params.fine : 0, checks: [{ id: 'grace', ok: !late }] },
        violations: late
          ? [
              {
                code: 'demo.late',
                personId: input.personId,
                occurredAt: '2024-06-03T09:10:00+08:00',
                source: { module: 'demo.lateness', rule: 'S001-PENALTY-01' },
              },
            ]
          : [],
      });
  },
});

const resolver: ScenarioResolver = {
  module: (id) => {
    if (id !== lateness.id) throw Object.assign(new Error('no'), {});
    return lateness;
  },
  calendar: () => weekdayCalendar(),
};

const base = {
  name: 'seven minutes late costs 50 CNY',
  rules: ['S001-PENALTY-01'],
  module: 'demo.lateness',
  preset: 'office-001',
  context: { now: '2024-06-03T18:00:00+08:00' },
  input: { personId: 'p1', minutesLate: 7 },
  expected: { result: { late: true, fine: 5000 } },
};

const refusal = (f: () => unknown): ZhiduError => {
  try {
    f();
  } catch (e) {
    if (isZhiduError(e)) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError');
};

describe('scenario format', () => {
  it('runs a scenario: preset, context, input and a partial match of the result', () => {
    const o = runScenario(base, resolver, 'late.scenario.json');
    expect(o.ok).toBe(true);
    expect(o.mismatches).toEqual([]);
    expect(o.decision?.provenance.policy.id).toBe('office-001');
  });

  it('lists each differing field with its path', () => {
    const o = runScenario({ ...base, expected: { result: { late: true, fine: 6000 } } }, resolver);
    expect(o.ok).toBe(false);
    expect(o.mismatches.map((m) => [m.path, m.expected, m.actual])).toEqual([
      [['result', 'fine'], 6000, 5000],
    ]);
    expect(() => assertScenario(o)).toThrow(/scenario "seven minutes late costs 50 CNY" does not hold/);
    expect(refusal(() => assertScenario(o)).code).toBe('scenario_failed');
  });

  it('applies a merge patch and a JSON patch to the preset', () => {
    const merged = runScenario(
      { ...base, policyPatch: { params: { fine: 8000 } }, expected: { result: { fine: 8000 } } },
      resolver,
    );
    expect(merged.ok).toBe(true);
    const patched = runScenario(
      {
        ...base,
        policyPatch: [{ op: 'replace', path: '/params/graceMinutes', value: 10 }],
        expected: { result: { late: false, fine: 0 }, violations: [] },
      },
      resolver,
    );
    expect(patched.ok).toBe(true);
  });

  it('matches violations in any order with $contains, and trace rule ids', () => {
    const o = runScenario(
      {
        ...base,
        expected: {
          violations: { $contains: [{ code: 'demo.late', personId: 'p1' }] },
          trace: ['S001-PENALTY-01'],
        },
      },
      resolver,
    );
    expect(o.ok).toBe(true);
    const missing = runScenario({ ...base, expected: { trace: ['S001-PENALTY-02'] } }, resolver);
    expect(missing.mismatches.map((m) => m.path)).toEqual([['trace']]);
  });

  it('fails a scenario none of whose rules appears in the trace or the violations', () => {
    const o = runScenario({ ...base, rules: ['S000-MILESTONE-01'] }, resolver);
    expect(o.ok).toBe(false);
    expect(o.mismatches[0]?.path).toEqual(['rules']);
  });

  it('expects a refusal with its code and path', () => {
    const o = runScenario(
      {
        ...base,
        input: { personId: 'p1', minutesLate: 'seven' },
        expected: { error: { code: 'invalid_input', path: ['input', 'minutesLate'] } },
      },
      resolver,
    );
    expect(o.ok).toBe(true);
    expect(o.error?.code).toBe('invalid_input');
    const unexpected = runScenario({ ...base, input: { personId: 'p1', minutesLate: 'seven' } }, resolver);
    expect(unexpected.ok).toBe(false);
    expect(unexpected.mismatches[0]?.message).toContain('refused');
  });
});

describe('scenario format: bad scenarios are refused with the file and the JSON path', () => {
  it('a misspelled top-level key, with the nearest key', () => {
    const e = refusal(() => runScenario({ ...base, policyPach: {} }, resolver, 'x.scenario.json'));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['policyPach']);
    expect(e.message).toContain('x.scenario.json');
    expect(e.message).toContain('policyPatch');
    expect(e.details).toMatchObject({ file: 'x.scenario.json' });
  });

  it('an unknown preset, with the nearest preset', () => {
    const e = refusal(() => runScenario({ ...base, preset: 'ofice-001' }, resolver));
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['preset']);
    expect(e.message).toContain('office-001');
  });

  it('an expected field the decision does not have', () => {
    const e = refusal(() =>
      runScenario({ ...base, expected: { result: { fines: 5000 } } }, resolver, 'y.scenario.json'),
    );
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['expected', 'result', 'fines']);
    expect(e.message).toContain('did you mean "fine"');
    const inContains = refusal(() =>
      runScenario({ ...base, expected: { violations: { $contains: [{ kode: 'demo.late' }] } } }, resolver),
    );
    expect(inContains.path).toEqual(['expected', 'violations', '$contains', 0, 'kode']);
  });

  it('both a preset and a policy, or neither', () => {
    expect(refusal(() => runScenario({ ...base, policy: {} }, resolver)).path).toEqual(['preset']);
    const { preset: _p, ...none } = base;
    expect(refusal(() => runScenario(none, resolver)).path).toEqual(['preset']);
  });

  it('a rule id that is not a catalog id', () => {
    expect(refusal(() => parseScenario({ ...base, rules: ['late-rule'] })).path).toEqual(['rules', 0]);
  });

  it('a JSON patch whose path does not exist', () => {
    const e = refusal(() =>
      runScenario({ ...base, policyPatch: [{ op: 'replace', path: '/params/grace', value: 1 }] }, resolver),
    );
    expect(e.path).toEqual(['policyPatch', 0, 'path']);
  });
});

describe('matchExpected', () => {
  it('arrays match element by element and by length; $length, $exact and $absent', () => {
    expect(matchExpected([{ a: 1 }], [{ a: 1, b: 2 }])).toEqual([]);
    expect(matchExpected([{ a: 1 }], [{ a: 1 }, { a: 2 }])[0]?.message).toContain('length 2, expected 1');
    expect(matchExpected({ $length: 2 }, [1, 2])).toEqual([]);
    expect(matchExpected({ $exact: { a: 1 } }, { a: 1, b: 2 })).toHaveLength(1);
    expect(matchExpected({ x: { $absent: true } }, { y: 1 })).toEqual([]);
    expect(matchExpected({ x: { $absent: true } }, { x: 1 })).toHaveLength(1);
    expect(() => matchExpected({ $near: 1 }, 1)).toThrow(/unknown matcher \$near/);
  });

  it('a value with no JSON text (a BigInt, a cycle) is a ZhiduError under $exact and printed, never a TypeError', () => {
    const e = refusal(() => matchExpected({ total: { $exact: 10n } }, { total: 10 }));
    expect([e.code, e.path]).toEqual(['invalid_input', ['expected', 'total', '$exact']]);
    expect(e.message).toContain('the expected value is not JSON');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const a = refusal(() => matchExpected({ total: { $exact: { a: 1 } } }, { total: cyclic }));
    expect([a.code, a.path]).toEqual(['invalid_input', ['actual', 'total']]);
    expect(a.message).toContain('the actual value is not JSON');
    // Outside $exact they are compared by identity, and printed: 1n, [cycle].
    const m = matchExpected({ total: 1 }, { total: 1n });
    expect(m.map((x) => x.message)).toEqual(['total: 期待 1，实际 1n / expected 1, got 1n']);
    expect(matchExpected({ total: 1 }, { total: cyclic })[0]?.message).toBe(
      'total: 期待 1，实际 [cycle] / expected 1, got [cycle]',
    );
    expect(matchExpected({ total: 2n }, { total: 2n })).toEqual([]);
    // Inside an object a BigInt is written 1n too, not the string "1n"; a getter that throws, unprintable.
    expect(matchExpected({ row: 1 }, { row: { id: 'r', n: 7n } })[0]?.message).toBe(
      'row: 期待 1，实际 {"id":"r","n":7n} / expected 1, got {"id":"r","n":7n}',
    );
    expect(matchExpected({ row: 1 }, { row: { id: 'r(7n)' } })[0]?.message).toContain('{"id":"r(7n)"}');
    const broken = {
      get id(): string {
        throw new Error('读取失败 / read failed');
      },
    };
    expect(matchExpected({ row: 1 }, { row: broken })[0]?.message).toBe(
      'row: 期待 1，实际 [unprintable] / expected 1, got [unprintable]',
    );
    // Under $exact the getter's own error is the caller's, not a refusal of the value.
    expect(() => matchExpected({ row: { $exact: 1 } }, { row: broken })).toThrow('read failed');
    expect(matchExpected({ list: { $contains: [3n] } }, { list: [1] })[0]?.message).toContain(
      'no element matches 3n',
    );
  });
});

describe('patches', () => {
  it('RFC 7396 merge patch: null removes, arrays replace', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, d: [1] }, { a: { c: null }, d: [2] })).toEqual({
      a: { b: 1 },
      d: [2],
    });
  });
  it('RFC 6902 add/remove/test on arrays', () => {
    expect(
      jsonPatch({ l: [1, 2] }, [
        { op: 'add', path: '/l/-', value: 3 },
        { op: 'remove', path: '/l/0' },
        { op: 'test', path: '/l/0', value: 2 },
      ]),
    ).toEqual({ l: [2, 3] });
    expect(() => jsonPatch({ l: [1] }, [{ op: 'test', path: '/l/0', value: 2 }])).toThrow(
      /test operation failed/,
    );
  });
});

describe('the published scenario JSON Schema', () => {
  it('is the one generated from the zod schema (regenerate: node --conditions=@zhidu/source --import tsx packages/core/scripts/schema.ts)', () => {
    const shipped = JSON.parse(
      readFileSync(new URL('../schema/scenario.schema.json', import.meta.url), 'utf8'),
    );
    expect(shipped).toEqual(scenarioJsonSchema());
    expect(shipped.required).toEqual(['name', 'rules', 'module', 'context', 'input', 'expected']);
  });
});

describe('scenario functions refuse malformed arguments with a ZhiduError, not a TypeError', () => {
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      return isZhiduError(e) ? `${e.code} ${e.path.join('.')}` : `not a ZhiduError: ${String(e)}`;
    }
    return undefined;
  };
  it('outcomes that are not outcomes', () => {
    expect(code(() => assertScenario(null as never))).toBe('invalid_input outcome');
    expect(code(() => formatOutcome({ ok: true } as never))).toMatch(/^invalid_input outcome/);
  });
  it('patches that are not patches', () => {
    expect(code(() => jsonPatch({}, 'x' as never))).toBe('invalid_input policyPatch');
    expect(code(() => jsonPatch({}, [{ op: 'move', path: '/a' }] as never))).toMatch(
      /^invalid_input policyPatch\.0/,
    );
  });
  it('a resolver without module/calendar, and a module that is not one', () => {
    expect(code(() => runScenario(base, null as never))).toBe('invalid_input resolver');
    expect(code(() => runScenario(base, { module: () => lateness } as never))).toBe(
      'invalid_input resolver.calendar',
    );
    expect(code(() => scenarioPolicy(base, {} as never))).toBe('invalid_input module');
  });
  it('a refused outcome needs a file name and a ZhiduError', () => {
    expect(code(() => refusedOutcome(3 as never, new ZhiduError('invalid_input', [], 'x')))).toBe(
      'invalid_input file',
    );
    expect(code(() => refusedOutcome('a.scenario.json', new Error('x') as never))).toBe('invalid_input e');
    expect(
      refusedOutcome('a.scenario.json', new ZhiduError('unknown_key', ['name'], 'x')).error?.path,
    ).toEqual(['name']);
  });
  it('match paths that are not lists', () => {
    expect(code(() => matchExpected(1, 1, 'x' as never))).toBe('invalid_input path');
    expect(code(() => matchExpected(1, 1, 7 as never))).toBe('invalid_input path');
  });
});

describe('mergePatch refuses a patch that is not JSON (never a SyntaxError or TypeError)', () => {
  it('a function, a symbol, a BigInt or a cycle: invalid_input at patch', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [() => 1, Symbol('x'), 10n, { a: { b: () => 1 } }, { a: cyclic }]) {
      expect(() => mergePatch({ a: 1 }, bad)).toThrow(
        expect.objectContaining({ code: 'invalid_input', path: ['patch'] }),
      );
    }
    expect(mergePatch({ a: 1 }, { a: [1, 2] })).toEqual({ a: [1, 2] });
  });
});
