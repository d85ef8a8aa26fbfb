import * as attribution from '@zhidu/attribution';
import { type EvalContext, type Scenario, ZhiduError } from '@zhidu/core';
import * as credit from '@zhidu/credit';
import * as penalty from '@zhidu/penalty';
import * as records from '@zhidu/records';
import * as service from '@zhidu/service';
import * as sla from '@zhidu/sla';
import { describe, expect, it } from 'vitest';
import { scenarioContext, shippedPolicy, shippedScenarios } from '../test/shipped-scenarios.js';
import { BACKED_BY, RULE_PACKAGES, type RulePackage } from './coverage.js';
import { getModule, scenarioResolver } from './index.js';

// Every rule function the coverage map names is a thin call of its module (issue 10: "each one is a
// thin call of its module, takes a context the same way and returns the same Decision shape"). This
// test runs each such function on the input of every scenario file of its module — with the
// scenario's preset (and patch) and context — and requires exactly what `getModule(id).evaluate`
// gives: the same decision (result, violations, trace, provenance), or the same refusal.
//
// A module that covers several functions takes `{ op, … }` (service): a function is run on the
// scenarios whose `op` is its name, without the `op` (the function supplies it).

const NAMESPACES: Readonly<Record<RulePackage, Record<string, unknown>>> = {
  sla,
  attribution,
  penalty,
  records,
  credit,
  service,
};

/**
 * Thin calls whose module has no scenario file that runs them yet, so the comparison below has no
 * input to run: each is compared with its module in its package's `entries.test.ts` (a preset and a
 * real input) and here on a refused input only. Must only shrink: an entry whose module gains a
 * scenario file for it fails the test below until it is removed.
 */
const WITHOUT_SCENARIOS: ReadonlySet<string> = new Set([
  'attribution.resolveClaims',
  'credit.checkTierUpgrade',
  'credit.evaluateDecisionTable',
  'service.checkAssessment',
  'service.checkGreeting',
  'records.checkCurrency',
  'records.checkLedger',
  'records.checkPurge',
]);

const resolver = scenarioResolver();

interface Run {
  file: string;
  scenario: Scenario;
  /** The input the function takes (the module's, without the `op` the function supplies). */
  input: unknown;
  ctx: EvalContext;
  policy: unknown;
}

const scenarios = shippedScenarios();

/** The scenario runs of one function: its module's scenarios (for an op module, those of its op). */
function runsOf(fn: string, moduleId: string): Run[] {
  const runs: Run[] = [];
  for (const { file, scenario } of scenarios) {
    if (scenario.module !== moduleId) continue;
    const input = scenario.input as Record<string, unknown> | null;
    let own: unknown = input;
    if (input !== null && typeof input === 'object' && 'op' in input) {
      if (input.op !== fn) continue;
      const { op: _op, ...rest } = input;
      own = rest;
    }
    runs.push({
      file,
      scenario,
      input: own,
      ctx: scenarioContext(scenario),
      policy: shippedPolicy(scenario),
    });
  }
  return runs;
}

/** Whether a module's input is `{ op, … }` (one module, several functions). */
function isOpModule(module: { schemas: { input: unknown } }): boolean {
  const def = (module.schemas.input as { _zod?: { def?: { discriminator?: unknown } } })._zod?.def;
  return def?.discriminator === 'op';
}

/** A policy for a module without presets (the company's own decision table). */
const EMPTY_TABLE = {
  id: 'acme.table',
  version: '1',
  effectiveFrom: '2024-01-01',
  source: { title: 'table' },
  params: {
    id: 'acme.table',
    hitPolicy: 'first',
    inputs: [{ name: 'score', type: 'number' }],
    outputs: [{ name: 'grade', type: 'string' }],
    rules: [{ id: 'A', when: { score: { gte: 90 } }, result: { grade: 'A' } }],
  },
};

type Outcome = { decision: unknown } | { refused: { code: string; path: unknown[]; message: string } };

function outcome(f: () => unknown): Outcome {
  try {
    return { decision: f() };
  } catch (e) {
    if (e instanceof ZhiduError) return { refused: { code: e.code, path: [...e.path], message: e.message } };
    return { refused: { code: 'not a ZhiduError', path: [], message: String(e) } };
  }
}

const entries = RULE_PACKAGES.flatMap((pkg) =>
  Object.entries(BACKED_BY[pkg]).map(([fn, moduleId]) => ({ pkg, fn, moduleId, key: `${pkg}.${fn}` })),
);

describe('the rule functions of the coverage map are thin calls of their modules', () => {
  for (const { pkg, fn, moduleId, key } of entries) {
    it(`${key} gives what ${moduleId} gives on each of its scenario files (thin call)`, () => {
      const call = NAMESPACES[pkg][fn] as (input: unknown, policy: unknown, ctx: unknown) => unknown;
      expect(typeof call).toBe('function');
      const module = getModule(moduleId);
      const runs = runsOf(fn, moduleId);
      if (WITHOUT_SCENARIOS.has(key)) return;
      expect(runs.length, `${key}: no scenario file of ${moduleId} runs it`).toBeGreaterThan(0);
      for (const r of runs) {
        const thin = outcome(() => call(r.input, r.policy, r.ctx));
        const direct = outcome(() => module.evaluate(r.scenario.input, r.policy, r.ctx));
        expect(thin, `${key} on ${r.file}`).toEqual(direct);
        if ('decision' in thin) {
          expect((thin.decision as { provenance: { module: string } }).provenance.module).toBe(moduleId);
        }
      }
    });
  }

  for (const { pkg, fn, moduleId, key } of entries) {
    it(`${key} refuses an input missing its fields exactly as ${moduleId} does (thin call)`, () => {
      const call = NAMESPACES[pkg][fn] as (input: unknown, policy: unknown, ctx: unknown) => unknown;
      const module = getModule(moduleId);
      const name = module.presetNames[0];
      const policy = name === undefined ? EMPTY_TABLE : module.preset(name);
      const ctx = { now: '2024-03-01T10:00:00+08:00', calendar: resolver.calendar(undefined) };
      const thin = outcome(() => call({}, policy, ctx));
      const direct = outcome(() => module.evaluate(isOpModule(module) ? { op: fn } : {}, policy, ctx));
      expect('refused' in thin, `${key} accepted an empty input`).toBe(true);
      expect(thin).toEqual(direct);
    });
  }

  it('WITHOUT_SCENARIOS names functions of the coverage map only', () => {
    const known = new Set(entries.map((e) => e.key));
    expect([...WITHOUT_SCENARIOS].filter((k) => !known.has(k))).toEqual([]);
  });

  it('WITHOUT_SCENARIOS only shrinks: a function whose module has a scenario file for it must be removed', () => {
    const run = entries.filter((e) => WITHOUT_SCENARIOS.has(e.key) && runsOf(e.fn, e.moduleId).length > 0);
    expect(run.map((e) => e.key)).toEqual([]);
  });
});
