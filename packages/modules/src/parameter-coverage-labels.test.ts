import { recordsModules } from '@zhidu/records';
import { describe, expect, it } from 'vitest';
import { policyParameters } from './parameter-coverage.js';

describe('parameters a schema declares labels for people', () => {
  it('records fileTypes/*/family (x-zhidu-parameter: false) is not perturbed; cadence and media still are', () => {
    const access = recordsModules.find((m) => m.id === 'records.access');
    if (!access) throw new Error('records.access is registered');
    const policy = access.preset('sales-office');
    const params = policyParameters(access, policy);
    const paths = params.map((p) => p.path);
    expect(paths.filter((p) => /\/fileTypes\/\d+\/family$/.test(p))).toEqual([]);
    // The files do carry a family: it is skipped, not absent.
    expect((policy.params as { fileTypes: { family: string }[] }).fileTypes[0]?.family).toMatch(/^[a-z]+$/);
    const cadence = params.filter((p) => /\/fileTypes\/\d+\/cadence$/.test(p.path));
    expect(cadence.length).toBeGreaterThan(0);
    expect(cadence[0]?.kind).toBe('enum');
  });
});
