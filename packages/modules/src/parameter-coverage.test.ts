import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DurationSpecSchema,
  defineModule,
  LocalTimeSchema,
  NonNegativeFenSchema,
  RatioSchema,
  type ScenarioResolver,
  Trace,
  weekdayCalendar,
  ZhiduError,
} from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  coverageOfPresets,
  coverageOfPresetsInWorkers,
  coverageTotals,
  getModule,
  getPreset,
  type ParameterKind,
  parameterCoverage,
  perturbationsOf,
  policyParameters,
  sampleParameters,
} from './index.js';

// A small hand-made module whose result shows each parameter, so scenarios can pin (or not) each one.
const demo = defineModule({
  id: 'demo.fines',
  title: { zh: '罚款', en: 'Fines' },
  params: z.strictObject({
    fineFen: NonNegativeFenSchema,
    window: DurationSpecSchema,
    cutoff: LocalTimeSchema,
    mode: z.enum(['strict', 'lenient', 'off']),
    notify: z.boolean(),
    roles: z.array(z.string()).min(1),
    notifyRoles: z.array(z.enum(['manager', 'director', 'clerk'])),
    share: RatioSchema,
    maxWarnings: z.number().int().min(0).max(5),
    note: z.string(),
    items: z.array(z.strictObject({ rule: z.string(), amountFen: NonNegativeFenSchema })),
  }),
  input: z.strictObject({ count: z.number().int() }),
  evaluate: (input, policy) => {
    const p = policy.params;
    return new Trace().add('S001-PENALTY-01', undefined, '罚款', 'fine').decide({
      result: {
        totalFen: p.fineFen * input.count,
        fined: p.fineFen * input.count > 0,
        windowAmount: 'amount' in p.window ? p.window.amount : null,
        cutoff: p.cutoff,
        mode: p.mode,
        notify: p.notify,
        roles: p.roles,
        notifyRoles: p.notifyRoles,
        share: p.share,
        maxWarnings: p.maxWarnings,
        items: p.items.map((i) => i.amountFen),
      },
      violations: [],
    });
  },
});

const policy = {
  id: 'demo-policy',
  version: '1',
  effectiveFrom: '2025-01-01',
  source: { title: '罚款制度' },
  citations: { '/params/fineFen': { rule: 'S001-PENALTY-01', clause: '第三条' } },
  params: {
    fineFen: 20000,
    window: { unit: 'calendarDays', amount: 3 },
    cutoff: '18:00',
    mode: 'strict',
    notify: true,
    roles: ['manager'],
    notifyRoles: ['manager', 'director'],
    share: 0.2,
    maxWarnings: 5,
    note: '自由文本',
    items: [{ rule: 'S001-PENALTY-02', amountFen: 5000 }],
  },
};

const resolver: ScenarioResolver = {
  module: (id) => {
    if (id !== 'demo.fines') throw new ZhiduError('unknown_reference', ['module'], `no module ${id}`);
    return demo;
  },
  calendar: () => weekdayCalendar(),
};

const scenario = (name: string, result: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name,
  rules: ['S001-PENALTY-01'],
  module: 'demo.fines',
  policy,
  context: { now: '2025-06-02T09:00:00+08:00' },
  input: { count: 1 },
  expected: { result },
  ...extra,
});

const byPath = <T extends { path: string }>(list: readonly T[], path: string): T => {
  const found = list.find((p) => p.path === path);
  if (!found) throw new Error(`no parameter ${path} in ${list.map((p) => p.path).join(', ')}`);
  return found;
};

describe('policyParameters', () => {
  it('finds every leaf parameter with its kind from the schema, and no text', () => {
    const params = policyParameters(demo, policy);
    expect(params.map((p) => [p.path, p.kind])).toEqual([
      ['/params/fineFen', 'money'],
      ['/params/window', 'duration'],
      ['/params/cutoff', 'time'],
      ['/params/mode', 'enum'],
      ['/params/notify', 'boolean'],
      ['/params/roles', 'list'],
      ['/params/notifyRoles', 'list'],
      ['/params/share', 'ratio'],
      ['/params/maxWarnings', 'threshold'],
      ['/params/items/0/amountFen', 'money'],
    ]);
    expect(byPath(params, '/params/mode').alternatives).toEqual(['lenient', 'off']);
    expect(byPath(params, '/params/window').alternatives).toContain('workingDays');
  });

  it('takes the rule from the citations map, else from the enclosing object, else none', () => {
    const params = policyParameters(demo, policy);
    expect(byPath(params, '/params/fineFen').rule).toBe('S001-PENALTY-01');
    expect(byPath(params, '/params/items/0/amountFen').rule).toBe('S001-PENALTY-02');
    expect(byPath(params, '/params/mode').rule).toBeUndefined();
    // An ancestor pointer in the citations map wins over the object's own rule field.
    const cited = { ...policy, citations: { '/params/items': { rule: 'S001-PENALTY-09' } } };
    expect(byPath(policyParameters(demo, cited), '/params/items/0/amountFen').rule).toBe('S001-PENALTY-09');
  });

  it('reads a real preset: the retail complaint limit is a duration of S000-COMPLAINT-17', () => {
    const params = policyParameters(getModule('sla.timers'), getPreset('sla.timers/retail-000'));
    const spec = byPath(params, '/params/timers/0/target/spec');
    expect(spec.kind).toBe('duration');
    expect(spec.rule).toBe('S000-COMPLAINT-17');
    expect(spec.value).toMatchObject({ unit: 'calendarDays', amount: 7 });
    expect(byPath(params, '/params/timers/0/breach/roles').kind).toBe('list');
    expect(params.some((p) => p.path.endsWith('/id') || p.path.includes('/title'))).toBe(false);
  });

  it('refuses a module not made by defineModule and an invalid policy', () => {
    expect(() => policyParameters({} as never, policy)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => policyParameters(demo, { ...policy, params: { ...policy.params, fineFen: -1 } })).toThrow(
      ZhiduError,
    );
  });
});

describe('perturbationsOf', () => {
  it('numbers: +1, -1, ×2, ÷2 of the smallest unit; integers halved are rounded; no-op changes skipped', () => {
    expect(perturbationsOf({ path: '/a', kind: 'money', value: 20000 })).toEqual([
      { label: '+1', value: 20001 },
      { label: '-1', value: 19999 },
      { label: '×2', value: 40000 },
      { label: '÷2', value: 10000 },
    ]);
    expect(
      perturbationsOf({ path: '/a', kind: 'count', value: 3 }).find((p) => p.label === '÷2')?.value,
    ).toBe(2);
    // 1 halved rounds back to 1: skipped. 0 doubled is 0: skipped.
    expect(perturbationsOf({ path: '/a', kind: 'count', value: 1 }).map((p) => p.label)).toEqual([
      '+1',
      '-1',
      '×2',
    ]);
    expect(perturbationsOf({ path: '/a', kind: 'count', value: 0 }).map((p) => p.label)).toEqual([
      '+1',
      '-1',
    ]);
    expect(perturbationsOf({ path: '/a', kind: 'ratio', value: 0.2 }).map((p) => p.value)).toEqual([
      0.2001, 0.1999, 0.4, 0.1,
    ]);
    expect(perturbationsOf({ path: '/a', kind: 'ratio', value: '20%' }).map((p) => p.value)).toEqual([
      '20.01%',
      '19.99%',
      '40%',
      '10%',
    ]);
  });

  it('times of day: ±1 minute and ±1 hour, never across midnight', () => {
    expect(
      perturbationsOf({ path: '/t', kind: 'time', value: '18:00' }).map((p) => [p.label, p.value]),
    ).toEqual([
      ['+1min', '18:01'],
      ['-1min', '17:59'],
      ['+1h', '19:00'],
      ['-1h', '17:00'],
    ]);
    expect(perturbationsOf({ path: '/t', kind: 'time', value: '00:00' }).map((p) => p.label)).toEqual([
      '+1min',
      '+1h',
    ]);
  });

  it('durations, enums, booleans and lists', () => {
    const d = perturbationsOf({
      path: '/d',
      kind: 'duration',
      value: { unit: 'calendarDays', amount: 3 },
      alternatives: ['workingDays'],
    });
    expect(d.map((p) => p.label)).toEqual(['+1', '-1', '×2', '÷2', 'unit=workingDays']);
    expect(d[4]?.value).toEqual({ unit: 'workingDays', amount: 3 });
    expect(
      perturbationsOf({ path: '/e', kind: 'enum', value: 'a', alternatives: ['b', 'c'] }).map((p) => p.label),
    ).toEqual(['=b', '=c']);
    expect(perturbationsOf({ path: '/b', kind: 'boolean', value: true, alternatives: [false] })).toEqual([
      { label: '=false', value: false },
    ]);
    expect(perturbationsOf({ path: '/l', kind: 'list', value: ['manager', 'clerk'] })).toEqual([
      { label: "-member 'manager'", value: ['clerk'] },
      { label: "-member 'clerk'", value: ['manager'] },
    ]);
  });

  it('refuses what is not a parameter with a ZhiduError, never a TypeError', () => {
    for (const bad of [null, undefined, 42, 'x', {}, { kind: 1 }]) {
      expect(() => perturbationsOf(bad as never)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
    expect(() =>
      perturbationsOf({ path: '/e', kind: 'enum', value: 'a', alternatives: 'b' as never }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['parameter', 'alternatives'] }));
    expect(() => sampleParameters('x' as never, 1, 1)).toThrow(expect.objectContaining({ path: ['paths'] }));
    expect(() => sampleParameters([], 1, 1, 5 as never)).toThrow(expect.objectContaining({ path: ['salt'] }));
    expect(() => coverageTotals(null as never)).toThrow(expect.objectContaining({ path: ['policies'] }));
    expect(() => coverageTotals([{ parameters: [null] }] as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => parameterCoverage({ policy, scenarios: [], resolver: {} as never })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['resolver'] }),
    );
  });

  it('property: every numeric perturbation differs from the value and stays finite', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (n) => {
        const ps = perturbationsOf({ path: '/n', kind: 'money', value: n });
        return ps.every((p) => p.value !== n && Number.isInteger(p.value)) && ps.length >= 2;
      }),
      { seed: 13, numRuns: 200 },
    );
  });
});

describe('parameterCoverage', () => {
  it('a money amount is pinned only by a scenario that checks the exact figure', () => {
    const loose = parameterCoverage({ policy, scenarios: [scenario('fined', { fined: true })], resolver });
    expect(byPath(loose.parameters, '/params/fineFen')).toMatchObject({
      pinned: false,
      escaped: ['+1', '-1', '×2', '÷2'],
    });
    const exact = parameterCoverage({
      policy,
      scenarios: [scenario('200 CNY', { totalFen: 20000 })],
      resolver,
    });
    expect(byPath(exact.parameters, '/params/fineFen')).toMatchObject({ pinned: true, escaped: [] });
    expect(exact.scenarios).toBe(1);
  });

  it('a duration whose amount is checked but whose unit is not: the unit changes escape', () => {
    const c = parameterCoverage({ policy, scenarios: [scenario('3 days', { windowAmount: 3 })], resolver });
    const window = byPath(c.parameters, '/params/window');
    expect(window.pinned).toBe(false);
    expect(window.escaped).toContain('unit=workingDays');
    expect(window.escaped.some((l) => !l.startsWith('unit='))).toBe(false);
  });

  it('enum, boolean, time, ratio and list perturbations are caught by exact scenarios', () => {
    const c = parameterCoverage({
      policy,
      scenarios: [
        scenario('all', {
          mode: 'strict',
          notify: true,
          cutoff: '18:00',
          share: 0.2,
          notifyRoles: ['manager', 'director'],
          roles: ['manager'],
          maxWarnings: 5,
          items: [5000],
        }),
      ],
      resolver,
    });
    for (const path of [
      '/params/mode',
      '/params/notify',
      '/params/cutoff',
      '/params/share',
      '/params/notifyRoles',
    ]) {
      expect(byPath(c.parameters, path)).toMatchObject({ pinned: true, escaped: [] });
    }
    expect(byPath(c.parameters, '/params/items/0/amountFen').pinned).toBe(true);
    // Not checked by any scenario: every perturbation escapes.
    expect(byPath(c.parameters, '/params/window').pinned).toBe(false);
  });

  it('a perturbation the schema refuses is counted not applicable, not escaped', () => {
    const c = parameterCoverage({ policy, scenarios: [scenario('fined', { fined: true })], resolver });
    // maxWarnings is at its maximum 5: +1 (6) and ×2 (10) are refused by the schema.
    expect(byPath(c.parameters, '/params/maxWarnings')).toMatchObject({
      notApplicable: 2,
      escaped: ['-1', '÷2'],
    });
    // roles has one member and must keep one: its only perturbation is refused, so nothing escapes.
    expect(byPath(c.parameters, '/params/roles')).toMatchObject({
      notApplicable: 1,
      escaped: [],
      pinned: true,
    });
  });

  it('a scenario that fails on the unperturbed policy is reported and left out', () => {
    const c = parameterCoverage({
      policy,
      scenarios: [scenario('wrong figure', { totalFen: 1 }), scenario('fined', { fined: true })],
      resolver,
    });
    expect(c.baselineFailures.map((f) => f.name)).toEqual(['wrong figure']);
    expect(c.scenarios).toBe(1);
    expect(byPath(c.parameters, '/params/fineFen').pinned).toBe(false);
  });

  it('applies the scenario patch after the perturbation: a patch that sets the value hides it', () => {
    const patched = scenario('patched', { totalFen: 30000 }, { policyPatch: { params: { fineFen: 30000 } } });
    const c = parameterCoverage({ policy, scenarios: [patched], resolver });
    expect(c.baselineFailures).toEqual([]);
    expect(byPath(c.parameters, '/params/fineFen').escaped).toEqual(['+1', '-1', '×2', '÷2']);
  });

  it('by default only scenarios of a policy with the same content hash (or id) apply; match all runs every one', () => {
    // Another policy id: not this policy's scenario (one with the same id is inherited, below).
    const other = scenario(
      'other policy',
      { totalFen: 20000 },
      { policy: { ...policy, id: 'other-policy', version: '2' } },
    );
    const own = parameterCoverage({ policy, scenarios: [other], resolver });
    expect(own.scenarios).toBe(0);
    expect(own.inherited).toEqual({ scenarios: 0, leftOut: [] });
    const all = parameterCoverage({ policy, scenarios: [other], resolver, match: 'all' });
    expect(all.scenarios).toBe(1);
    expect(byPath(all.parameters, '/params/fineFen').pinned).toBe(true);
  });

  describe('variants: scenarios of the policies with the same id are inherited', () => {
    // A variant shares its base's id and differs in a value: another content hash.
    const variant = { ...policy, params: { ...policy.params, mode: 'lenient' } };
    const repriced = { ...policy, params: { ...policy.params, fineFen: 30000 } };

    it("a variant's inherited scenario catches a perturbation of the variant", () => {
      const ofBase = scenario('200 CNY on the base', { totalFen: 20000 });
      const alone = parameterCoverage({ policy: variant, scenarios: [], resolver, module: 'demo.fines' });
      expect(byPath(alone.parameters, '/params/fineFen').pinned).toBe(false);
      const c = parameterCoverage({ policy: variant, scenarios: [ofBase], resolver });
      expect(c.inherited).toEqual({ scenarios: 1, leftOut: [] });
      expect(c.scenarios).toBe(1);
      expect(c.baselineFailures).toEqual([]);
      expect(byPath(c.parameters, '/params/fineFen')).toMatchObject({ pinned: true, escaped: [] });
      // The variant's own value is not checked by the base's scenario.
      expect(byPath(c.parameters, '/params/mode').pinned).toBe(false);
    });

    it('an inherited scenario whose answer the variant changes is left out and counted, not a baseline failure', () => {
      const ofBase = scenario('200 CNY on the base', { totalFen: 20000 });
      const fined = scenario('fined on the base', { fined: true });
      const c = parameterCoverage({ policy: repriced, scenarios: [ofBase, fined], resolver });
      expect(c.inherited.scenarios).toBe(2);
      expect(c.inherited.leftOut.map((f) => f.name)).toEqual(['200 CNY on the base']);
      expect(c.inherited.leftOut[0]?.message).toContain('30000');
      expect(c.baselineFailures).toEqual([]);
      expect(c.scenarios).toBe(1);
      // The one left out would have caught the change; the one kept does not.
      expect(byPath(c.parameters, '/params/fineFen').escaped).toEqual(['+1', '-1', '×2', '÷2']);
    });

    it("the variant's scenario patch is still applied on top of the variant", () => {
      const patched = scenario(
        'patched to 300 CNY',
        { totalFen: 30000 },
        { policyPatch: { params: { fineFen: 30000 } } },
      );
      const c = parameterCoverage({ policy: variant, scenarios: [patched], resolver });
      expect(c.inherited).toEqual({ scenarios: 1, leftOut: [] });
      expect(byPath(c.parameters, '/params/fineFen').pinned).toBe(false);
    });

    it("the base inherits its variants' scenarios the same way; match all inherits nothing", () => {
      const ofVariant = scenario('lenient', { mode: 'lenient' }, { policy: variant });
      const base = parameterCoverage({ policy, scenarios: [ofVariant], resolver });
      expect(base.inherited.scenarios).toBe(1);
      expect(base.inherited.leftOut.map((f) => f.name)).toEqual(['lenient']);
      const all = parameterCoverage({ policy, scenarios: [ofVariant], resolver, match: 'all' });
      expect(all.inherited).toEqual({ scenarios: 0, leftOut: [] });
      expect(all.baselineFailures.map((f) => f.name)).toEqual(['lenient']);
    });

    it('a bundled variant: construction-000-before-fifth inherits the scenarios of construction-000', () => {
      const dir = new URL('../../sla/scenarios', import.meta.url).pathname;
      const c = parameterCoverage({
        policy: 'sla.timers/construction-000-before-fifth',
        scenarios: [join(dir, 'construction-000'), join(dir, 'construction-000-before-fifth')],
        parameters: ['/params/timers/0/target/spec'],
      });
      expect(c.inherited.scenarios).toBeGreaterThan(10);
      expect(c.scenarios).toBeGreaterThan(c.inherited.scenarios - c.inherited.leftOut.length);
      expect(c.parameters).toHaveLength(1);
      expect(c.parameters[0]?.pinned).toBe(true);
    }, 120_000);
  });

  it('restricts to the given parameter paths', () => {
    const c = parameterCoverage({
      policy,
      scenarios: [scenario('fined', { fined: true })],
      resolver,
      parameters: ['/params/mode'],
    });
    expect(c.parameters.map((p) => p.path)).toEqual(['/params/mode']);
  });

  it('refuses malformed options with ZhiduErrors naming the field', () => {
    const code = (f: () => unknown): [string, unknown[]] => {
      try {
        f();
      } catch (e) {
        if (e instanceof ZhiduError) return [e.code, [...e.path]];
        throw e;
      }
      throw new Error('did not throw');
    };
    expect(code(() => parameterCoverage(null as never))).toEqual(['invalid_input', ['options']]);
    expect(code(() => parameterCoverage({ policy, scenarios: 'x' as never, resolver }))).toEqual([
      'invalid_input',
      ['scenarios'],
    ]);
    expect(code(() => parameterCoverage({ policy, scenarios: [42 as never], resolver }))).toEqual([
      'invalid_input',
      ['scenarios', 0],
    ]);
    expect(
      code(() => parameterCoverage({ policy, scenarios: [], resolver, match: 'some' as never }))[0],
    ).toBe('invalid_input');
    expect(code(() => parameterCoverage({ policy: 'nope', scenarios: [], resolver }))).toEqual([
      'invalid_input',
      ['policy'],
    ]);
    expect(code(() => parameterCoverage({ policy, scenarios: ['/no/such/dir'], resolver }))[0]).toBe(
      'unknown_reference',
    );
    expect(code(() => parameterCoverage({ policy, scenarios: [{ name: 'x' }], resolver }))[0]).toBe(
      'invalid_input',
    );
  });

  it('runs over a real preset: sla.timers/retail-000 with its seven-day scenario', () => {
    const c = parameterCoverage({
      policy: 'sla.timers/retail-000',
      scenarios: [
        new URL('../../sla/scenarios/retail-000/seven-day-close.scenario.json', import.meta.url).pathname,
      ],
    });
    expect(c.module).toBe('sla.timers');
    expect(c.scenarios).toBe(1);
    expect(c.baselineFailures).toEqual([]);
    // The 7-day limit (amount and unit) and the breached role are pinned by the day-9 close.
    expect(byPath(c.parameters, '/params/timers/0/target/spec')).toMatchObject({
      rule: 'S000-COMPLAINT-17',
      kind: 'duration',
      pinned: true,
    });
    expect(byPath(c.parameters, '/params/timers/0/breach/roles').pinned).toBe(true);
    // The monthly statistics deadline (S000-COMPLAINT-18) is not exercised by that scenario.
    expect(byPath(c.parameters, '/params/recurring/0/due/day')).toMatchObject({
      rule: 'S000-COMPLAINT-18',
      kind: 'count',
      pinned: false,
    });
    expect(byPath(c.parameters, '/params/recurring/0/due/day').escaped).toContain('-1');
  });
});

describe('coverageOfPresets and sampling', () => {
  it('groups presets with the same policy and reports totals', () => {
    const dir = new URL('../../sla/scenarios/retail-000', import.meta.url).pathname;
    const all = coverageOfPresets({
      presets: ['sla.timers/retail-000', 'sla.workflow/retail-000'],
      scenarioDirs: [dir],
      sample: { perPolicy: 3, seed: 1 },
    });
    expect(all.policies).toHaveLength(1);
    expect(all.policies[0]?.presets).toEqual(['sla.timers/retail-000', 'sla.workflow/retail-000']);
    expect(all.policies[0]?.parameters).toHaveLength(3);
    expect(all.total).toBe(3);
    expect(all.percent).toBe(coverageTotals(all.policies).percent);
    expect(all.unreadable).toEqual([]);
  });

  it('a malformed scenario file under the directories is reported and left out, not fatal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhidu-cov-'));
    try {
      writeFileSync(join(dir, 'broken.scenario.json'), '{ "name": ');
      copyFileSync(
        new URL('../../sla/scenarios/retail-000/seven-day-close.scenario.json', import.meta.url),
        join(dir, 'seven-day-close.scenario.json'),
      );
      const all = coverageOfPresets({
        presets: ['sla.timers/retail-000'],
        scenarioDirs: [dir],
        sample: { perPolicy: 1, seed: 1 },
      });
      expect(all.unreadable.map((u) => u.file)).toEqual([join(dir, 'broken.scenario.json')]);
      expect(all.policies[0]?.scenarios).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a seeded sample is stable, in document order, and of the size asked', () => {
    const paths = Array.from({ length: 20 }, (_, i) => `/p/${i}`);
    const a = sampleParameters(paths, 5, 7, 'sha256:x');
    expect(a).toEqual(sampleParameters(paths, 5, 7, 'sha256:x'));
    expect(a).toHaveLength(5);
    expect([...a].sort((x, y) => Number(x.slice(3)) - Number(y.slice(3)))).toEqual(a);
    expect(sampleParameters(paths, 50, 1)).toHaveLength(20);
    expect(() => sampleParameters(paths, -1, 1)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => sampleParameters(paths, 1, 0.5)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('totals: percentage floored to one decimal, 100 when there is nothing', () => {
    expect(coverageTotals([])).toEqual({ pinned: 0, total: 0, percent: 100, inert: 0, byKind: {} });
    const ps = (pinned: boolean[]) => ({
      parameters: pinned.map((p, i) => ({
        path: `/${i}`,
        kind: 'count' as const,
        pinned: p,
        escaped: [],
        notApplicable: 0,
      })),
    });
    expect(coverageTotals([ps([true, true, false])])).toEqual({
      pinned: 2,
      total: 3,
      percent: 66.6,
      inert: 0,
      byKind: { count: { pinned: 2, total: 3, percent: 66.6 } },
    });
  });

  it('refuses a malformed sample', () => {
    expect(() => coverageOfPresets({ sample: { perPolicy: -2, seed: 1 } })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['sample', 'perPolicy'] }),
    );
  });
});

describe('kinds: coverage of some parameter kinds only, and totals per kind', () => {
  const kindError = (f: () => unknown): [string, unknown[], string] => {
    try {
      f();
    } catch (e) {
      if (e instanceof ZhiduError) return [e.code, [...e.path], e.message];
      throw e;
    }
    throw new Error('did not throw');
  };

  it('kinds filter: only money and time parameters are perturbed and listed; the others are never run', () => {
    const all = scenario('everything', {
      totalFen: 20000,
      fined: true,
      windowAmount: 3,
      cutoff: '18:00',
      mode: 'strict',
      notify: true,
      roles: ['manager'],
      notifyRoles: ['manager', 'director'],
      share: 0.2,
      maxWarnings: 5,
      items: [5000],
    });
    const c = parameterCoverage({ policy, scenarios: [all], resolver, kinds: ['money', 'time'] });
    expect(c.parameters.map((p) => [p.path, p.kind, p.pinned])).toEqual([
      ['/params/fineFen', 'money', true],
      ['/params/cutoff', 'time', true],
      ['/params/items/0/amountFen', 'money', true],
    ]);
    // One baseline run, then one run per perturbation of the three parameters: 4 + 4 + 4.
    const perturbations = policyParameters(demo, policy)
      .filter((p) => p.kind === 'money' || p.kind === 'time')
      .reduce((n, p) => n + perturbationsOf(p).length, 0);
    expect(perturbations).toBe(12);
    expect(c.runs).toBe(1 + perturbations);
    // Every kind: the same scenario runs for the other seven parameters too.
    const every = parameterCoverage({ policy, scenarios: [all], resolver });
    expect(every.parameters).toHaveLength(10);
    expect(every.runs).toBeGreaterThan(c.runs);
    expect(coverageTotals([c]).byKind).toEqual({
      money: { pinned: 2, total: 2, percent: 100 },
      time: { pinned: 1, total: 1, percent: 100 },
    });
  });

  it('kinds and sample together: the sample is drawn from the parameters of those kinds', () => {
    const dir = new URL('../../sla/scenarios/retail-000', import.meta.url).pathname;
    const enums = policyParameters(getModule('sla.timers'), getPreset('sla.timers/retail-000')).filter(
      (p) => p.kind === 'enum',
    );
    expect(enums.length).toBeGreaterThan(2);
    const all = coverageOfPresets({
      presets: ['sla.timers/retail-000'],
      scenarioDirs: [dir],
      kinds: ['enum'],
      sample: { perPolicy: 2, seed: 1 },
    });
    const listed = all.policies[0]?.parameters ?? [];
    expect(listed).toHaveLength(2);
    expect(listed.every((p) => p.kind === 'enum')).toBe(true);
    expect(listed.every((p) => enums.some((e) => e.path === p.path))).toBe(true);
    // Inert ones are listed but not counted.
    expect((all.byKind.enum?.total ?? 0) + all.inert).toBe(2);
    expect(Object.keys(all.byKind).filter((k) => k !== 'enum')).toEqual([]);
  });

  it('totals per kind: inert parameters left out, kinds in their fixed order, figures floored', () => {
    const r = (kind: ParameterKind, pinned: boolean, inert = false) => ({
      path: `/params/${kind}`,
      kind,
      pinned,
      escaped: pinned ? [] : ['+1'],
      notApplicable: 0,
      ...(inert ? { inert: { zh: '无', en: 'none' } } : {}),
    });
    const t = coverageTotals([
      { parameters: [r('enum', true), r('enum', false), r('enum', true), r('money', true)] },
      { parameters: [r('list', false), r('money', false, true), r('duration', true)] },
    ]);
    expect(Object.keys(t.byKind)).toEqual(['money', 'duration', 'enum', 'list']);
    expect(t.byKind).toEqual({
      money: { pinned: 1, total: 1, percent: 100 },
      duration: { pinned: 1, total: 1, percent: 100 },
      enum: { pinned: 2, total: 3, percent: 66.6 },
      list: { pinned: 0, total: 1, percent: 0 },
    });
    expect([t.pinned, t.total, t.inert]).toEqual([4, 6, 1]);
  });

  it('property: the per-kind figures add up to the totals', () => {
    const kinds: ParameterKind[] = [
      'money',
      'duration',
      'count',
      'threshold',
      'ratio',
      'time',
      'enum',
      'boolean',
      'list',
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.record({ kind: fc.constantFrom(...kinds), pinned: fc.boolean(), inert: fc.boolean() }),
            {
              maxLength: 12,
            },
          ),
          { maxLength: 5 },
        ),
        (policies) => {
          const t = coverageTotals(
            policies.map((ps) => ({
              parameters: ps.map((p, i) => ({
                path: `/${i}`,
                kind: p.kind,
                pinned: p.pinned,
                escaped: [],
                notApplicable: 0,
                ...(p.inert ? { inert: { zh: '无', en: 'none' } } : {}),
              })),
            })),
          );
          const figures = Object.values(t.byKind);
          expect(figures.reduce((n, k) => n + k.total, 0)).toBe(t.total);
          expect(figures.reduce((n, k) => n + k.pinned, 0)).toBe(t.pinned);
          for (const k of figures) expect(k.percent).toBe(Math.floor((k.pinned / k.total) * 1000) / 10);
          expect(Object.keys(t.byKind)).toEqual(kinds.filter((k) => k in t.byKind));
        },
      ),
      { seed: 131, numRuns: 200 },
    );
  });

  it('refuses unknown kinds with invalid_input at kinds, listing the kinds, in every entry point', async () => {
    const [code, path, message] = kindError(() =>
      parameterCoverage({ policy, scenarios: [], resolver, kinds: ['money', 'colour' as never] }),
    );
    expect([code, path]).toEqual(['invalid_input', ['kinds', 1]]);
    expect(message).toMatch(
      /未知的参数种类 .* \/ unknown parameter kind "colour"; the kinds are money, duration, count, threshold, ratio, time, enum, boolean, list/,
    );
    expect(
      kindError(() => parameterCoverage({ policy, scenarios: [], resolver, kinds: [] })).slice(0, 2),
    ).toEqual(['invalid_input', ['kinds']]);
    expect(
      kindError(() => parameterCoverage({ policy, scenarios: [], resolver, kinds: 'money' as never })).slice(
        0,
        2,
      ),
    ).toEqual(['invalid_input', ['kinds']]);
    expect(kindError(() => coverageOfPresets({ kinds: ['Money' as never] })).slice(0, 2)).toEqual([
      'invalid_input',
      ['kinds', 0],
    ]);
    await expect(coverageOfPresetsInWorkers({ workers: 2, kinds: ['enums' as never] })).rejects.toMatchObject(
      {
        code: 'invalid_input',
        path: ['kinds', 0],
      },
    );
  });
});

describe('coverageOfPresetsInWorkers', () => {
  it('gives the same coverage over two worker threads as in process', async () => {
    const options = {
      presets: ['sla.timers/retail-000', 'sla.timers/dealer-000'],
      scenarioDirs: [
        new URL('../../sla/scenarios/retail-000', import.meta.url).pathname,
        new URL('../../sla/scenarios/dealer-000', import.meta.url).pathname,
      ],
      sample: { perPolicy: 2, seed: 3 },
    };
    const strip = (r: { policies: { id: string; parameters: unknown[] }[] }) =>
      r.policies.map((p) => ({ id: p.id, parameters: p.parameters }));
    const inProcess = coverageOfPresets(options);
    const inWorkers = await coverageOfPresetsInWorkers({ ...options, workers: 2 });
    expect(inWorkers.policies).toHaveLength(2);
    expect(strip(inWorkers)).toEqual(strip(inProcess));
    expect(inWorkers.percent).toBe(inProcess.percent);
  }, 180_000);

  it('passes kinds to the workers: only those kinds come back, as in process', async () => {
    const options = {
      presets: ['sla.timers/retail-000', 'sla.timers/dealer-000'],
      scenarioDirs: [
        new URL('../../sla/scenarios/retail-000', import.meta.url).pathname,
        new URL('../../sla/scenarios/dealer-000', import.meta.url).pathname,
      ],
      kinds: ['enum', 'boolean'] as ParameterKind[],
      sample: { perPolicy: 2, seed: 5 },
    };
    const inWorkers = await coverageOfPresetsInWorkers({ ...options, workers: 2 });
    const kinds = new Set(inWorkers.policies.flatMap((p) => p.parameters.map((q) => q.kind)));
    expect([...kinds].every((k) => k === 'enum' || k === 'boolean')).toBe(true);
    expect(inWorkers.policies.map((p) => p.parameters.length)).toEqual([2, 2]);
    const inProcess = coverageOfPresets(options);
    expect(inWorkers.policies.map((p) => p.parameters)).toEqual(inProcess.policies.map((p) => p.parameters));
    expect(inWorkers.byKind).toEqual(inProcess.byKind);
  }, 180_000);

  it('refuses a worker count that is not a positive integer', async () => {
    await expect(coverageOfPresetsInWorkers({ workers: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['workers'],
    });
    await expect(coverageOfPresetsInWorkers({ workers: 1.5 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
