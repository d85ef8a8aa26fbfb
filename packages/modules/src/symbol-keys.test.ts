// Symbol keys are not data (docs/concepts.md §4), checked over every shipped scenario: the same input
// and policy with an enumerable symbol key on every object and list (a framework's marker, as a
// proxy's brand or an ORM's state would be) get the very decision — value, trace and provenance — or
// the very refusal (code, path, message) the plain ones get. Before, zod's records refused such a key
// while its strict objects ignored it, and the modules' hand-written readers took either side.
import { isZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { scenarioContext, shippedPolicy, shippedScenarios } from '../test/shipped-scenarios.js';
import { getModule } from './index.js';

const MARK = Symbol('crm.brand');
const HIDDEN = Symbol('orm.state');

/** `value` with an enumerable and a non-enumerable symbol key on every object and list, deeply (in place). */
function marked<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) marked(v);
    (value as Record<symbol, unknown>)[MARK] = { tenant: 'x' };
    Object.defineProperty(value, HIDDEN, { value: 1, enumerable: false });
  }
  return value;
}

/** What a caller sees of one evaluation: the decision as JSON, or the refusal. */
function outcome(f: () => unknown): unknown {
  try {
    return { decision: JSON.parse(JSON.stringify(f())) };
  } catch (e) {
    if (!isZhiduError(e)) throw e;
    return { refused: [e.code, e.path, e.message] };
  }
}

const scenarios = shippedScenarios();

describe('symbol keys are not data: every shipped scenario decides the same with a marker on every object', () => {
  it('reads the shipped scenarios', () => {
    expect(scenarios.length).toBeGreaterThan(900);
    expect(new Set(scenarios.map((s) => s.scenario.module)).size).toBeGreaterThanOrEqual(75);
  });

  it('gives each module the same decision or refusal for a marked input and a marked policy', () => {
    let decided = 0;
    for (const { file, scenario } of scenarios) {
      const module = getModule(scenario.module);
      const policy = shippedPolicy(scenario);
      const run = (input: unknown, p: unknown) => () =>
        module.evaluate(input as never, p as never, scenarioContext(scenario));
      const plain = outcome(run(structuredClone(scenario.input), structuredClone(policy)));
      expect(
        outcome(run(marked(structuredClone(scenario.input)), structuredClone(policy))),
        `${file}: input`,
      ).toEqual(plain);
      expect(
        outcome(run(structuredClone(scenario.input), marked(structuredClone(policy)))),
        `${file}: policy`,
      ).toEqual(plain);
      if ('decision' in (plain as object)) decided++;
    }
    // Most scenarios decide; the rest are refusals the scenarios expect.
    expect(decided).toBeGreaterThan(scenarios.length / 2);
  });
});
