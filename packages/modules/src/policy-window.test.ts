// Every registered module refuses to apply a single policy outside its window: each module's first
// scenario that decides, run again under the same policy moved to start in 2099 (and, apart, to have
// ended in 1990), is refused with `policy_not_in_force`. Before, only `penalty.ledger` refused; the
// 75 other modules decided today's input under a regulation not yet in force.
import { fileURLToPath } from 'node:url';
import { runScenario, type Scenario } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { findScenarioFiles, readScenarioFile, registry, scenarioResolver } from './index.js';

const packages = fileURLToPath(new URL('../../', import.meta.url));
const firstDeciding = new Map<string, { file: string; scenario: Scenario }>();
const dirs = ['attribution', 'credit', 'penalty', 'records', 'service', 'sla'].map(
  (p) => `${packages}${p}/scenarios`,
);
for (const file of findScenarioFiles(dirs)) {
  const scenario = readScenarioFile(file) as Scenario;
  if (scenario.expected?.error !== undefined || firstDeciding.has(scenario.module)) continue;
  firstDeciding.set(scenario.module, { file, scenario });
}

/** The scenario with its policy's window replaced. */
const moved = (scenario: Scenario, window: { effectiveFrom: string; effectiveTo?: string }): Scenario => {
  const patch = scenario.policyPatch;
  if (Array.isArray(patch)) {
    const ops = Object.entries(window).map(([k, value]) => ({ op: 'add', path: `/${k}`, value }));
    return { ...scenario, policyPatch: [...patch, ...ops] } as Scenario;
  }
  return { ...scenario, policyPatch: { ...(patch ?? {}), ...window } } as Scenario;
};

const resolver = scenarioResolver();

describe('every module applies a single policy only inside its window', () => {
  it('the modules without a scenario that decides are these (their readings are the core ones module-window.test.ts pins)', () => {
    const without = [...registry.values()].filter((m) => !firstDeciding.has(m.id));
    expect(without.map((m) => m.id).sort()).toEqual([
      'attribution.claims',
      'attribution.duplicates',
      'attribution.outreach-allocation',
      'attribution.venue',
      'credit.account',
      'credit.blacklist-filing',
      'credit.blacklist-management',
      'credit.credit-preference',
      'credit.decision-table',
      'credit.grade-assignment',
      'credit.key-grade',
      'credit.major-loss',
      'credit.rolling-limits',
      'credit.tier-upgrade',
      'records.currency',
      'records.ledger',
      'records.open-file',
      'records.purge',
      'sla.inspection-window',
    ]);
    for (const m of without) expect(['now', 'judgedAt', 'anchored']).toContain(m.historyReading);
  });

  for (const [id, { file, scenario }] of firstDeciding) {
    it(`${id}: its scenario decides under the policy as given, and is refused under one in force from 2099 or only in 1990`, () => {
      expect(runScenario(scenario, resolver, file).error).toBeUndefined();
      for (const window of [
        { effectiveFrom: '2099-01-01' },
        { effectiveFrom: '1990-01-01', effectiveTo: '1990-01-02' },
      ]) {
        const o = runScenario(moved(scenario, window), resolver, file);
        expect(o.decision, JSON.stringify(window)).toBeUndefined();
        expect(o.error?.code, JSON.stringify(window)).toBe('policy_not_in_force');
      }
    });
  }
});
