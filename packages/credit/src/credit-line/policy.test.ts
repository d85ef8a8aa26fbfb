import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { creditLinePolicyJsonSchema, distributorCreditLinePolicy } from './policy.js';

const required = {
  withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
  monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
};

describe('distributor credit-line preset (seed 000 L7–L51)', () => {
  it('encodes the seed’s numbers: 30-day window excluding the day, first and final steps below 1/3 signed by the regional manager (S000-CREDIT-02, S000-CREDIT-07, S000-CREDIT-08)', () => {
    const p = distributorCreditLinePolicy(required).params;
    expect(p.limit).toEqual({ windowDays: 30, includeShipmentDay: false, basis: 'invoiced' });
    expect(
      p.overLimitSteps.map((s) => [s.name, s.maxFractionOfLimit, s.strict, s.signerRoles, s.badDebtRegime]),
    ).toEqual([
      ['first', { numerator: 1, denominator: 3 }, true, ['regionalManager'], 'withinLimit'],
      ['final', { numerator: 1, denominator: 3 }, true, ['regionalManager'], 'finalOverLimit'],
    ]);
    expect(p.liability.unapproved.shares.map((s) => s.role)).toEqual([
      'logisticsSpecialist',
      'warehouseKeeper',
      'marketingDeptHead',
    ]);
  });

  it('requires the bad-debt ratios and the signer’s month-end ratio the seed leaves blank (S000-CREDIT-10, S000-CREDIT-13)', () => {
    expect(() =>
      distributorCreditLinePolicy({ monthEndSignatoryRatio: required.monthEndSignatoryRatio } as never),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['withinLimitShares'] }));
    expect(() =>
      distributorCreditLinePolicy({ withinLimitShares: required.withinLimitShares } as never),
    ).toThrow(ZhiduError);
    expect(() =>
      distributorCreditLinePolicy({
        ...required,
        withinLimitShares: { shares: [{ role: 'salesRep', weight: 120 }], of: 100 },
      }),
    ).toThrow(/more than the whole/);
  });

  it('exports a JSON Schema of the policy for non-TypeScript ERPs', () => {
    const schema = creditLinePolicyJsonSchema() as { properties?: Record<string, unknown> };
    expect(schema.properties).toHaveProperty('params');
  });
});

describe('a policy with an absurd number of over-limit steps is refused at once', () => {
  it('10^5 over-limit steps: invalid_input at params.overLimitSteps, the bound named, without parsing each step', async () => {
    const { parseInput } = await import('@zhidu/core');
    const { CreditLineParamsSchema } = await import('./policy.js');
    const params = distributorCreditLinePolicy(required).params;
    const step = params.overLimitSteps[0];
    const e = (() => {
      try {
        parseInput(CreditLineParamsSchema, { ...params, overLimitSteps: new Array(100_000).fill(step) }, [
          'policy',
          'params',
        ]);
      } catch (err) {
        return err as ZhiduError;
      }
      throw new Error('not refused');
    })();
    expect(e).toBeInstanceOf(ZhiduError);
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'overLimitSteps']);
    expect(e.message).toContain('at most 100 over-limit steps');
    expect(
      parseInput(CreditLineParamsSchema, { ...params, overLimitSteps: new Array(100).fill(step) })
        .overLimitSteps,
    ).toHaveLength(100);
  });
});
