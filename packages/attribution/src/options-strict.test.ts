// attributionOwnershipWith's options are strict: a misspelt `customRule` dropped the company's rules
// without a word (the decision came out as if none were given).
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { attributionOwnershipWith } from './index.js';

describe('attributionOwnershipWith refuses an option it does not read', () => {
  it('`customRule` is refused at options.customRule, naming customRules', () => {
    const e = zhiduError(() => attributionOwnershipWith({ customRule: [] } as never));
    expect([e.code, e.path]).toEqual(['unknown_key', ['options', 'customRule']]);
    expect(e.message).toContain('customRules');
    const step = zhiduError(() => attributionOwnershipWith({ stepRule: [] } as never));
    expect([step.code, step.path]).toEqual(['unknown_key', ['options', 'stepRule']]);
    expect(attributionOwnershipWith({ customRules: [], stepRules: [] }).id).toBe('attribution.ownership');
  });
});
