import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import {
  coverageOfPresets,
  coverageOfPresetsInWorkers,
  parameterCoverage,
  perturbationsOf,
} from './index.js';

const dealer = {
  policy: 'penalty.ledger/dealer-file',
  scenarios: ['packages/penalty/scenarios/dealerFile'],
};

describe('coverage options are read strictly (a typo measured nothing, or everything)', () => {
  it('refuses a parameters path that is no parameter of the policy, naming the nearest (0 of 0 read as 100 %)', () => {
    const e = zhiduError(() => parameterCoverage({ ...dealer, parameters: ['/nope'] }));
    expect(e).toMatchObject({ code: 'unknown_reference', path: ['parameters', 0] });
    const near = zhiduError(() => parameterCoverage({ ...dealer, parameters: ['/params/latenessRoundng'] }));
    expect(near.message).toContain('did you mean /params/latenessRounding');
    const one = parameterCoverage({ ...dealer, parameters: ['/params/latenessRounding'] });
    expect(one.parameters.map((p) => p.path)).toEqual(['/params/latenessRounding']);
  });

  it('refuses a misspelt option of parameterCoverage (`kind` ran every kind)', () => {
    const e = zhiduError(() => parameterCoverage({ ...dealer, kind: ['money'] } as never));
    expect(e).toMatchObject({ code: 'unknown_key', path: ['kind'] });
    expect(e.message).toContain('did you mean `kinds`');
  });

  it('refuses a misspelt option of coverageOfPresets before running anything (`preset` ran every preset)', () => {
    expect(
      zhiduError(() => coverageOfPresets({ preset: ['penalty.ledger/dealer-file'] } as never)),
    ).toMatchObject({
      code: 'unknown_key',
      path: ['preset'],
    });
    expect(
      zhiduError(() => coverageOfPresets({ presets: [], sample: { perPolicy: 2, sed: 3 } } as never)),
    ).toMatchObject({ code: 'unknown_key', path: ['sample', 'sed'] });
  });

  it('refuses a preset name at its place in presets (it was at `module` or `preset`)', () => {
    const other = zhiduError(() =>
      coverageOfPresets({ presets: ['penalty.ledger/dealer-file', 'nope/x'], scenarioDirs: [] }),
    );
    expect(other).toMatchObject({ code: 'unknown_reference', path: ['presets', 1] });
    const missing = zhiduError(() =>
      coverageOfPresets({ presets: ['penalty.ledger/nope'], scenarioDirs: [] }),
    );
    expect(missing).toMatchObject({ code: 'unknown_reference', path: ['presets', 0] });
    expect(missing.message).toMatch(/\(at presets\[0\]\)$/);
  });

  it('refuses a parameter perturbationsOf cannot perturb (it returned [])', () => {
    expect(zhiduError(() => perturbationsOf({ path: '/a', kind: 'x', value: 1 } as never))).toMatchObject({
      code: 'invalid_input',
      path: ['parameter', 'kind'],
    });
    const money = zhiduError(() => perturbationsOf({ path: '/a', kind: 'money', value: 'abc' } as never));
    expect(money).toMatchObject({ code: 'invalid_input', path: ['parameter', 'value'] });
    expect(money.message).toContain('got "abc"');
    expect(perturbationsOf({ path: '/a', kind: 'money', value: 10000 } as never).length).toBeGreaterThan(0);
  });

  it('coverageOfPresetsInWorkers refuses a misspelt option and a preset name up front, as coverageOfPresets does', async () => {
    await expect(coverageOfPresetsInWorkers({ preset: [], workers: 2 } as never)).rejects.toMatchObject({
      code: 'unknown_key',
      path: ['preset'],
    });
    await expect(
      coverageOfPresetsInWorkers({
        presets: ['penalty.ledger/dealer-file', 'nope/x'],
        scenarioDirs: [],
        workers: 2,
      }),
    ).rejects.toMatchObject({ code: 'unknown_reference', path: ['presets', 1] });
  });
});
