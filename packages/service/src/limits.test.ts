import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { serviceSales } from './modules.js';
import { MAX_CHECKLISTS } from './policy.js';

describe('service policy checklists are bounded and refused before they are parsed', () => {
  it('10^5 copies of a checklist: invalid_input at policy.params.checklists naming the limit', () => {
    const name = serviceSales.presetNames.find(
      (n) => (serviceSales.preset(n).params.checklists?.length ?? 0) > 0,
    );
    expect(name).toBeDefined();
    const base = serviceSales.preset(name as string);
    const checklists = new Array(100_000).fill(base.params.checklists?.[0]);
    let e: unknown;
    try {
      serviceSales.policy({ ...base, params: { ...base.params, checklists } });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ZhiduError);
    expect((e as ZhiduError).code).toBe('invalid_input');
    expect((e as ZhiduError).path).toEqual(['policy', 'params', 'checklists']);
    expect((e as ZhiduError).message).toContain(`at most ${MAX_CHECKLISTS.toLocaleString('en')} checklists`);
  });
});
