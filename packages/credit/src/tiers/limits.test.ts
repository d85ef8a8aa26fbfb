import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { creditMajorLossModule } from '../modules.js';
import { MAX_ATTESTATIONS } from './policy.js';

describe('a credit tier lists at most MAX_ATTESTATIONS attested facts', () => {
  it('10^5 copies of an attestation: invalid_input at that tier’s attestations, refused before parsing', () => {
    const name = creditMajorLossModule.presetNames[0] as string;
    const base = creditMajorLossModule.preset(name) as unknown as {
      params: { tiers: { attestations: unknown[] }[] };
    };
    const tiers = base.params.tiers.map((t, i) =>
      i === 0
        ? {
            ...t,
            attestations: new Array(100_000).fill(
              t.attestations[0] ?? { fact: 'f', label: { zh: '事实', en: 'fact' } },
            ),
          }
        : t,
    );
    let e: unknown;
    try {
      creditMajorLossModule.policy({ ...base, params: { ...base.params, tiers } });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ZhiduError);
    expect((e as ZhiduError).code).toBe('invalid_input');
    expect((e as ZhiduError).path).toEqual(['policy', 'params', 'tiers', 0, 'attestations']);
    expect((e as ZhiduError).message).toContain(
      `at most ${MAX_ATTESTATIONS.toLocaleString('en')} attested facts`,
    );
  });
});
