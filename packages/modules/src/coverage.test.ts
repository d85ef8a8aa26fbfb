import * as attribution from '@zhidu/attribution';
import * as credit from '@zhidu/credit';
import * as penalty from '@zhidu/penalty';
import * as records from '@zhidu/records';
import * as service from '@zhidu/service';
import * as sla from '@zhidu/sla';
import { describe, expect, it } from 'vitest';
import {
  BACKED_BY,
  NOT_POLICY_TAKING,
  PENDING,
  RULE_FUNCTION_PREFIXES,
  RULE_PACKAGES,
  type RulePackage,
  registry,
} from './index.js';

const namespaces: Record<RulePackage, Record<string, unknown>> = {
  sla,
  attribution,
  penalty,
  records,
  credit,
  service,
};

const ruleFunctions = (pkg: RulePackage): string[] =>
  Object.keys(namespaces[pkg])
    .filter(
      (name) =>
        typeof namespaces[pkg][name] === 'function' && RULE_FUNCTION_PREFIXES.some((p) => name.startsWith(p)),
    )
    .sort();

describe('every exported rule function that takes a policy is backed by a registered module', () => {
  for (const pkg of RULE_PACKAGES) {
    it(`@zhidu/${pkg}: each evaluate*/resolve*/assess*/check*/decide*/compute* export is backed, pending or not policy-taking`, () => {
      const unlisted: string[] = [];
      for (const name of ruleFunctions(pkg)) {
        const places = [
          name in BACKED_BY[pkg] ? 'BACKED_BY' : '',
          PENDING[pkg].includes(name) ? 'PENDING' : '',
          name in NOT_POLICY_TAKING[pkg] ? 'NOT_POLICY_TAKING' : '',
        ].filter(Boolean);
        if (places.length === 0) unlisted.push(name);
        // listed exactly once
        expect(places.length, `${pkg}.${name} is listed in ${places.join(' and ')}`).toBeLessThanOrEqual(1);
      }
      expect(unlisted, `@zhidu/${pkg} exports rule functions no module backs and no list names`).toEqual([]);
    });

    it(`@zhidu/${pkg}: every BACKED_BY entry names an export and a registered module of the same package`, () => {
      for (const [name, id] of Object.entries(BACKED_BY[pkg])) {
        expect(typeof namespaces[pkg][name], `${pkg}.${name} is no longer exported`).toBe('function');
        expect(registry.has(id), `${pkg}.${name} is mapped to ${id}, which is not registered`).toBe(true);
        expect(id.startsWith(`${pkg}.`)).toBe(true);
      }
    });

    it(`@zhidu/${pkg}: every PENDING and NOT_POLICY_TAKING entry is still an export (the lists cannot rot)`, () => {
      for (const name of [...PENDING[pkg], ...Object.keys(NOT_POLICY_TAKING[pkg])]) {
        expect(typeof namespaces[pkg][name], `${pkg}.${name} is listed but not exported`).toBe('function');
      }
    });
  }

  it('prints how many policy-taking functions are still pending', () => {
    const pending = RULE_PACKAGES.flatMap((pkg) => PENDING[pkg].map((n) => `${pkg}.${n}`));
    const backed = RULE_PACKAGES.flatMap((pkg) => Object.keys(BACKED_BY[pkg]));
    console.info(
      `module coverage: ${backed.length} backed, ${pending.length} pending${pending.length ? `: ${pending.join(', ')}` : ''}`,
    );
    expect(pending.length + backed.length).toBeGreaterThan(0);
  });
});
