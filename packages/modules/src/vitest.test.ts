import { describeScenarios } from './vitest.js';

// The helper declares one test per scenario file, titled with its rule ids and name.
describeScenarios(new URL('../test/fixtures/scenarios/nested', import.meta.url));
