// The service modules take the policy core validated (and froze) as it is: not parsed a second time
// into an unfrozen copy, so a result that hands back part of the policy cannot change the policy
// every later decision reads (S001-RECEP-07).
import { describe, expect, it } from 'vitest';
import { serviceReception } from './modules.js';

describe('a module policy is the one core validated', () => {
  it('hands back the policy’s duty roles frozen, and the next decision reads them unchanged (S001-RECEP-07)', () => {
    const policy = serviceReception.compile(serviceReception.preset('s001-visitor-reception'));
    const ask = () =>
      serviceReception.evaluate({ op: 'responsibleRoles', task: 'mealsAndLodging' }, policy, {
        now: '2024-05-01T00:00:00+08:00',
      }).value.result as string[];
    const roles = ask();
    expect(roles).toEqual(['frontDeskClerk']);
    expect(Object.isFrozen(roles)).toBe(true);
    expect(() => roles.push('intruder')).toThrow(TypeError);
    expect(ask()).toEqual(['frontDeskClerk']);
    // The compiled form is the validated policy itself, not a copy.
    expect(policy.compiled).toBe(policy.policy);
  });
});
