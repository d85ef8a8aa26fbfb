import { expect, it } from 'vitest';
import { describeParameterCoverage, describeScenarios } from './vitest.js';

// The helper declares one test per scenario file, titled with its rule ids and name.
describeScenarios(new URL('../test/fixtures/scenarios/nested', import.meta.url));

// The coverage helper: the one real scenario of the retail preset pins its 7-day limit among others.
describeParameterCoverage({
  policy: 'sla.timers/retail-000',
  scenarios: [
    new URL('../../sla/scenarios/retail-000/seven-day-close.scenario.json', import.meta.url).pathname,
  ],
  parameters: ['/params/timers/0/target/spec', '/params/timers/0/breach/roles'],
  min: 100,
});

it('describeParameterCoverage refuses a minimum outside 0–100 when declaring', () => {
  expect(() =>
    describeParameterCoverage({ policy: 'sla.timers/retail-000', scenarios: [], min: 101 }),
  ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['min'] }));
});
