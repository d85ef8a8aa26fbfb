import { makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { conferenceMarketing001 } from './conference.js';
import { jointEventOf } from './joint-event.js';
import { attributionJointEvent } from './modules.js';

const caseInput = {
  customerId: 'X',
  event: { id: 'J2', date: '2024-06-15', start: '19:00' },
  divisions: [
    { id: 'division1', headId: 'H1' },
    { id: 'division2', headId: 'H2' },
  ],
  staff: [
    { id: 'E1', divisionId: 'division1' },
    { id: 'E2', divisionId: 'division2' },
  ],
  crmOwner: { employeeId: 'E1', since: '2023-11-01T10:00:00.5+08:00' },
  activities: [{ kind: 'homeVisit' as const, at: '2024-04-02T15:00+08:00' }],
  invitations: [
    { at: '2024-06-10T14:00+08:00', employeeId: 'E1', confirmed: true },
    { at: '2024-06-11T10:00+08:00', employeeId: 'E2', confirmed: true },
  ],
  submissions: [
    {
      divisionId: 'division1',
      headId: 'H1',
      day: '2024-06-10',
      kind: 'confirmed' as const,
      submittedAt: '2024-06-10T17:00+08:00',
      entries: [{ customerId: 'X', employeeId: 'E1' }],
    },
    {
      divisionId: 'division2',
      headId: 'H2',
      day: '2024-06-11',
      kind: 'confirmed' as const,
      submittedAt: '2024-06-11T19:30+08:00',
      entries: [{ customerId: 'X', employeeId: 'E2' }],
    },
  ],
  sale: { at: '2024-06-15T20:00+08:00', helpers: ['E2'] },
};
const ctx = makeContext({ now: '2024-06-16T00:00+08:00' });

describe('attribution.joint-event judges the case it parsed once', () => {
  it.each([
    ['the full case (activities, a late list, a helper at the sale)', caseInput],
    [
      'defaults left to the schema (no activities, no sale, no lists)',
      { ...caseInput, activities: undefined, sale: undefined, submissions: undefined },
    ],
  ])('gives what jointEventOf gives, trace included: %s', (_, input) => {
    const direct = jointEventOf(input as never, conferenceMarketing001, ctx);
    const viaModule = attributionJointEvent.evaluate(
      input as never,
      attributionJointEvent.preset('conference-marketing-001'),
      ctx,
    );
    expect(viaModule.value.result).toEqual(direct.value);
    expect(viaModule.trace).toEqual(direct.trace);
    expect(viaModule.value.violations).toEqual(direct.value.violations);
  });

  it('S001-ATTR-09 and S001-ATTR-06 on the parsed case: no invitation in the window hands the customer to E2, whose division wins', () => {
    const d = attributionJointEvent.evaluate(
      caseInput,
      attributionJointEvent.preset('conference-marketing-001'),
      ctx,
    );
    expect(d.value.result.inadequateService).toBe(true);
    expect(d.value.result.crmOwner).toEqual({
      employeeId: 'E2',
      changed: true,
      task: 'reportToCustomerResourceDirector',
    });
    const ruling = d.value.result.ruling;
    expect(ruling && 'winner' in ruling ? ruling.winner.divisionId : null).toBe('division2');
    expect(d.value.result.performance).toEqual({ E2: 100 });
    expect(d.trace[0]?.message.en).toBe('Inadequate service: noInvitation');
  });
});
