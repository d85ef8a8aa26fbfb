import { describePublicApi } from '../../core/test/public-api.js';
import * as api from './index.js';

// The public names of @zhidu/modules, pinned: an export added or removed by accident fails here. A
// deliberate change updates these lists together with the changeset that announces it.
const RUNTIME_NAMES: readonly string[] = [
  'BACKED_BY',
  'NOT_POLICY_TAKING',
  'PENDING',
  'RULE_FUNCTION_PREFIXES',
  'RULE_PACKAGES',
  'SCENARIO_SUFFIX',
  'SOURCES',
  'coverageOfPresets',
  'coverageOfPresetsInWorkers',
  'coverageTotals',
  'createEvaluationPool',
  'createRegistry',
  'evaluate',
  'evaluateInParallel',
  'findScenarioFiles',
  'getModule',
  'getPreset',
  'listModules',
  'listPresets',
  'parameterCoverage',
  'perturbationsOf',
  'policyParameters',
  'readScenarioFile',
  'registry',
  'runScenarioFile',
  'runScenarios',
  'sampleParameters',
  'scenarioResolver',
];

const TYPE_NAMES: readonly string[] = [
  'AnyModule',
  'BaselineFailure',
  'EvaluationPool',
  'EvaluationPoolOptions',
  'InheritedScenarios',
  'ModuleInfo',
  'ModuleSource',
  'ParallelContextInput',
  'ParallelOptions',
  'ParallelOutput',
  'ParameterCoverage',
  'ParameterCoverageOptions',
  'ParameterKind',
  'ParameterResult',
  'Perturbation',
  'PolicyParameter',
  'PoolEvaluateOptions',
  'PoolJsonOptions',
  'PresetName',
  'PresetsCoverage',
  'PresetsCoverageOptions',
  'Registry',
  'RegistryContextInput',
  'RulePackage',
  'ScenarioSource',
];

describePublicApi('@zhidu/modules', api, new URL('./index.ts', import.meta.url), {
  runtime: RUNTIME_NAMES,
  types: TYPE_NAMES,
});
