/**
 * @packageDocumentation
 * The registry of every zhidu rule module: sla, attribution, penalty, records, credit and service
 * modules by id (`sla.timers`, `attribution.ownership` …), their presets in one naming form
 * (`sla.timers/dealer-000`), and `evaluate` by id on the PRC calendar by default — what the CLI,
 * the store and any adapter iterate.
 */
import * as attribution from '@zhidu/attribution';
import { isZhiduError, refusedOutcome, type ScenarioOutcome, type ScenarioResolver } from '@zhidu/core';
import * as credit from '@zhidu/credit';
import * as penalty from '@zhidu/penalty';
import * as records from '@zhidu/records';
import * as service from '@zhidu/service';
import * as sla from '@zhidu/sla';
import {
  type AnyModule,
  createRegistry,
  type ModuleInfo,
  type ModuleSource,
  type PresetName,
  type Registry,
  type RegistryContextInput,
} from './registry.js';
import { findScenarioFiles, scenarioResolver as resolverOver, runScenarioFileWith } from './scenarios.js';

export {
  BACKED_BY,
  NOT_POLICY_TAKING,
  PENDING,
  RULE_FUNCTION_PREFIXES,
  RULE_PACKAGES,
  type RulePackage,
} from './coverage.js';
export {
  createEvaluationPool,
  type EvaluationPool,
  type EvaluationPoolOptions,
  evaluateInParallel,
  type ParallelContextInput,
  type ParallelOptions,
  type ParallelOutput,
  type PoolEvaluateOptions,
  type PoolJsonOptions,
} from './parallel.js';
export {
  type BaselineFailure,
  coverageOfPresets,
  coverageOfPresetsInWorkers,
  coverageTotals,
  type InheritedScenarios,
  type ParameterCoverage,
  type ParameterCoverageOptions,
  type ParameterKind,
  type ParameterResult,
  type Perturbation,
  type PolicyParameter,
  type PresetsCoverage,
  type PresetsCoverageOptions,
  parameterCoverage,
  perturbationsOf,
  policyParameters,
  type ScenarioSource,
  sampleParameters,
} from './parameter-coverage.js';
export { findScenarioFiles, readScenarioFile, SCENARIO_SUFFIX } from './scenarios.js';
export {
  type AnyModule,
  createRegistry,
  type ModuleInfo,
  type ModuleSource,
  type PresetName,
  type Registry,
  type RegistryContextInput,
};

/**
 * The `<pkg>Modules` array a rule package exports (`slaModules` from `@zhidu/sla` …), or none when
 * the package has not exported one yet.
 */
function modulesOf(pkg: string, ns: object): readonly AnyModule[] {
  const list = (ns as Record<string, unknown>)[`${pkg}Modules`];
  return Array.isArray(list) ? (list as AnyModule[]) : [];
}

/** The six rule packages' modules, by package. */
export const SOURCES: readonly ModuleSource[] = Object.freeze([
  { package: '@zhidu/sla', modules: modulesOf('sla', sla) },
  { package: '@zhidu/attribution', modules: modulesOf('attribution', attribution) },
  { package: '@zhidu/penalty', modules: modulesOf('penalty', penalty) },
  { package: '@zhidu/records', modules: modulesOf('records', records) },
  { package: '@zhidu/credit', modules: modulesOf('credit', credit) },
  { package: '@zhidu/service', modules: modulesOf('service', service) },
]);

const zhidu: Registry = createRegistry(SOURCES);

/**
 * Every module of the rule packages by id.
 *
 * @example
 * registry.get('sla.timers')?.needsCalendar; //=> true
 */
export const registry: ReadonlyMap<string, AnyModule> = zhidu.registry;

/**
 * A module by id.
 *
 * @param id - `<package>.<name>`, e.g. `sla.timers`
 * @returns the module
 * @throws ZhiduError `unknown_reference`, naming the nearest id ("did you mean sla.timers?")
 * @example
 * getModule('sla.timers').needsCalendar; //=> true
 * getModule('sla.timers').jsonSchema.input.type; //=> 'object'
 */
export function getModule(id: string): AnyModule {
  return zhidu.getModule(id);
}

/**
 * Every module: id, package, title, whether it needs a calendar, its presets.
 *
 * @example
 * listModules().map((m) => m.id); //=> ['attribution.ownership', …, 'sla.timers', …]
 */
export function listModules(): ModuleInfo[] {
  return zhidu.listModules();
}

/**
 * Every preset of every module in the one form `<module-id>/<preset>`, sorted.
 *
 * @example
 * listPresets().includes('sla.timers/dealer-000'); //=> true
 */
export function listPresets(): PresetName[] {
  return zhidu.listPresets();
}

/**
 * A preset policy, validated and frozen.
 *
 * @param name - `<module-id>/<preset>`, e.g. `sla.timers/dealer-000`
 * @throws ZhiduError `unknown_reference` (with the nearest name) or `invalid_input` for a name not in that form
 * @example
 * getPreset('sla.timers/retail-000').params.timers.length > 0; //=> true
 */
export function getPreset(name: string): ReturnType<Registry['getPreset']> {
  return zhidu.getPreset(name);
}

/**
 * Evaluates a module by id: `{ result, violations }` with its trace and provenance. The policy is
 * JSON, a validated or compiled policy, a `PolicyHistory`, or a preset name (`dealer-000` or
 * `sla.timers/dealer-000`). Without a calendar in the context the PRC calendar is used
 * (`chinaCalendar({ outsideData, notices })` from the context's options).
 *
 * @param moduleId - e.g. `sla.timers`
 * @param input - the module's input (its JSON Schema: `getModule(id).jsonSchema.input`)
 * @param policy - a policy or a preset name
 * @param ctx - `now` at least; `zone`, `calendar`, `seed`, `outsideData`, `notices` optional
 * @throws ZhiduError for an unknown module or preset and for anything the module refuses
 * @example
 * const events = [
 *   { type: 'received', subject: 'r-5', at: '2024-03-01T10:00+08:00', assignees: { opsCustomerService: 'ops1' } },
 *   { type: 'closed', subject: 'r-5', at: '2024-03-10T09:00+08:00' },
 * ];
 * const d = evaluate('sla.timers', { events }, 'retail-000', { now: '2024-03-20T00:00:00+08:00' });
 * d.value.violations.map((v) => [v.code, v.personId]); //=> [['sla.complaint.S000-COMPLAINT-17', 'ops1']]
 * d.provenance.module; //=> 'sla.timers'
 */
export function evaluate(
  moduleId: string,
  input: unknown,
  policy: unknown,
  ctx: Parameters<Registry['evaluate']>[3],
): ReturnType<Registry['evaluate']> {
  return zhidu.evaluate(moduleId, input, policy, ctx);
}

/**
 * A scenario resolver over every zhidu module (or the registry you give): pass it to core's
 * `runScenario(json, resolver)` to run scenarios you hold in memory.
 *
 * @param over - a registry of your own modules (default: every zhidu module)
 * @example
 * const outcome = runScenario(
 *   {
 *     name: 'A retail complaint closed on day 9 breaches the 7-day limit',
 *     rules: ['S000-COMPLAINT-17'],
 *     module: 'sla.timers',
 *     preset: 'retail-000',
 *     context: { now: '2024-03-20T00:00:00+08:00' },
 *     input: { events: [
 *       { type: 'received', subject: 'r-5', at: '2024-03-01T10:00+08:00', assignees: { opsCustomerService: 'ops1' } },
 *       { type: 'closed', subject: 'r-5', at: '2024-03-10T09:00+08:00' },
 *     ] },
 *     expected: { violations: [{ code: 'sla.complaint.S000-COMPLAINT-17', personId: 'ops1' }] },
 *   },
 *   scenarioResolver(),
 * );
 * outcome.ok; //=> true
 */
export function scenarioResolver(over: Pick<Registry, 'getModule'> = zhidu): ScenarioResolver {
  return resolverOver(over);
}

/**
 * Runs one `*.scenario.json` file against every zhidu module (or the registry you give).
 *
 * @param file - the scenario file
 * @param over - a registry of your own modules (default: every zhidu module)
 * @returns the outcome (`ok`, `mismatches`, the decision or refusal)
 * @throws ZhiduError when the file is malformed — not JSON, not the format, an unknown module or
 *   preset, an `expected` field the decision does not have — with the file in the message and `details.file`
 * @example
 * runScenarioFile('packages/sla/scenarios/retail-000/seven-day-close.scenario.json').ok; //=> true
 */
export function runScenarioFile(file: string, over: Pick<Registry, 'getModule'> = zhidu): ScenarioOutcome {
  return runScenarioFileWith(file, over);
}

/**
 * Runs every scenario file under the given files and directories. A malformed file does not stop
 * the run: its outcome is not ok and carries the refusal.
 *
 * @param paths - files and directories (searched recursively for `*.scenario.json`)
 * @param over - a registry of your own modules (default: every zhidu module)
 * @returns one outcome per file, in file order
 * @throws ZhiduError `unknown_reference` for a path that does not exist
 * @example
 * const outcomes = runScenarios(['packages/sla/scenarios']);
 * outcomes.every((o) => o.ok); //=> true
 */
export function runScenarios(
  paths: readonly string[],
  over: Pick<Registry, 'getModule'> = zhidu,
): ScenarioOutcome[] {
  const resolver = resolverOver(over);
  return findScenarioFiles(paths).map((file) => {
    try {
      return runScenarioFileWith(file, over, resolver);
    } catch (e) {
      if (isZhiduError(e)) return refusedOutcome(file, e);
      throw e;
    }
  });
}
