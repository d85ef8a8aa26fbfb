import { fileURLToPath } from 'node:url';
import { type EvalContext, parseScenario, type Scenario, scenarioPolicy } from '@zhidu/core';
import { RULE_PACKAGES } from '../src/coverage.js';
import { findScenarioFiles, getModule, readScenarioFile, scenarioResolver } from '../src/index.js';

/** The repository's root (ends with a `/`). */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const resolver = scenarioResolver();

/** One shipped scenario: its file (from the repository root) and its parsed content. */
export interface ShippedScenario {
  file: string;
  scenario: Scenario;
}

/** Every `*.scenario.json` the rule packages ship, parsed, in file order. */
export function shippedScenarios(): ShippedScenario[] {
  return findScenarioFiles(RULE_PACKAGES.map((p) => `${REPO_ROOT}packages/${p}/scenarios`)).map((file) => ({
    file: file.slice(REPO_ROOT.length),
    scenario: parseScenario(readScenarioFile(file)),
  }));
}

/** The context a scenario is evaluated in, made afresh: its calendar resolved as the scenario runner resolves it. */
export function scenarioContext(scenario: Scenario): EvalContext {
  return {
    now: scenario.context.now,
    calendar: resolver.calendar(scenario.context.calendar),
    ...(scenario.context.zone === undefined ? {} : { zone: scenario.context.zone }),
    ...(scenario.context.seed === undefined ? {} : { seed: scenario.context.seed }),
  } as unknown as EvalContext;
}

/** The policy a scenario is evaluated under (its inline policy or its module's preset, patched). */
export function shippedPolicy(scenario: Scenario): unknown {
  return scenarioPolicy(scenario, getModule(scenario.module));
}
