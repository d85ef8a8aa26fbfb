import { describe, expect, it } from 'vitest';
import { evaluate } from './index.js';

// A zone that is none, given to the registry's `evaluate` (which builds the context it hands the
// module): refused where it was given, at `zone`, as the module itself refuses it — not later inside
// the module at a path of the module's own ([1]).
describe('evaluate through the registry with an unknown zone', () => {
  it('is refused invalid_zone at zone', () => {
    let e: unknown;
    try {
      evaluate('sla.timers', { events: [] }, 'retail-000', {
        now: '2024-03-01T00:00:00+08:00',
        zone: 'Mars/X',
      });
    } catch (x) {
      e = x;
    }
    expect(e).toMatchObject({ code: 'invalid_zone', path: ['zone'] });
    // A zone that is one still decides.
    const d = evaluate('sla.timers', { events: [] }, 'retail-000', {
      now: '2024-03-01T00:00:00+08:00',
      zone: 'Asia/Urumqi',
    });
    expect(d.value.violations).toEqual([]);
  });
});
