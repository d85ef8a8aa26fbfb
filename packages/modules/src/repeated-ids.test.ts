// An entity listed twice is refused, not counted twice, checked over every shipped scenario. In each
// scenario's input, every list whose elements are all objects with a string `id` (sales, triggers,
// complaints, rows, divisions, customers, gifts…) gets a copy of its first element appended; the
// module must refuse it with `duplicate` at the copy's `id`, under `input`. Before, a repeat was
// accepted by 19 lists and counted twice: points doubled, a population of 101, a complaint linked as a
// repeat of itself, a shipment added to the receivables again.
import { isZhiduError, type Scenario } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { scenarioContext, shippedPolicy, shippedScenarios } from '../test/shipped-scenarios.js';
import { getModule } from './index.js';

type Path = (string | number)[];

/** Every list in `value` whose elements are all objects with a string `id`. */
function idLists(value: unknown, path: Path, out: Path[]): Path[] {
  if (Array.isArray(value)) {
    const ids =
      value.length > 0 &&
      value.every(
        (v) => v !== null && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string',
      );
    if (ids) out.push(path);
    value.forEach((v, i) => {
      idLists(v, [...path, i], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) idLists(v, [...path, k], out);
  }
  return out;
}

const at = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);

// One case per module and list (named by its keys, without the indices), from the first scenario that has it.
const cases = new Map<string, { file: string; scenario: Scenario; path: Path }>();
for (const { file, scenario } of shippedScenarios()) {
  for (const path of idLists(scenario.input, [], [])) {
    const key = `${scenario.module} ${path.filter((k) => typeof k === 'string').join('.')}`;
    if (!cases.has(key)) cases.set(key, { file, scenario, path });
  }
}

describe('an entity listed twice is refused, at the repeat (every shipped scenario)', () => {
  it('finds the id-bearing lists of the scenarios', () => {
    // The 20 lists the shipped scenarios hold today; a new one joins this check by itself. (Ids under
    // other names — a shipment's id inside an account event, a person in a role — have tests of their own.)
    expect(cases.size).toBeGreaterThanOrEqual(20);
  });

  it.each([...cases.keys()])('%s', (key) => {
    const { scenario, path } = cases.get(key) as { scenario: Scenario; path: Path };
    const module = getModule(scenario.module);
    const policy = shippedPolicy(scenario);
    const ctx = scenarioContext(scenario);
    const input = structuredClone(scenario.input);
    const list = at(input, path) as unknown[];
    list.push(structuredClone(list[0]));
    let refusal: unknown;
    try {
      module.evaluate(input as never, policy as never, ctx as never);
    } catch (e) {
      refusal = e;
    }
    expect(isZhiduError(refusal), `${key}: accepted`).toBe(true);
    expect({ code: (refusal as { code: string }).code, path: (refusal as { path: Path }).path }).toEqual({
      code: 'duplicate',
      path: ['input', ...path, list.length - 1, 'id'],
    });
  });
});
