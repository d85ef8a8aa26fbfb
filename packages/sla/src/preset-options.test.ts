// A preset's reading options: a misspelt option is named with the option meant (it was told the value
// "is a field of the policy JSON now"), and a boolean option's values are shown as booleans.
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { construction000Preset, propertyService004Preset } from './index.js';

describe('sla preset options', () => {
  it('a misspelt option is unknown_key at options.<key>, naming the option meant', () => {
    const e = zhiduError(() => construction000Preset({ fifthInclusve: false } as never));
    expect([e.code, e.path]).toEqual(['unknown_key', ['options', 'fifthInclusve']]);
    expect(e.message).toContain('did you mean `fifthInclusive`?');
    expect(construction000Preset({ fifthInclusive: false }).id).toBe(construction000Preset().id);
  });

  it('a boolean option given a string lists false / true as booleans', () => {
    const e = zhiduError(() => propertyService004Preset({ frontDeskBusinessHoursOnly: 'yes' } as never));
    expect([e.code, e.path]).toEqual(['invalid_input', ['options', 'frontDeskBusinessHoursOnly']]);
    expect(e.message).toMatch(/is one of (false, true|true, false), got "yes"/);
  });
});
