// Every service violation comes from core's violation() builder and names the module that emits it
// in source.module (issue 11): not the package name 'service'.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { describe, expect, it } from 'vitest';
import { serviceFollowUp, serviceReception, serviceRotation } from './index.js';

describe('violation source.module is the emitting module id (service)', () => {
  it('a reception overspend is service.reception', () => {
    const d = serviceReception.evaluate(
      {
        op: 'planReception',
        request: {
          class: 'D',
          guests: 12,
          spend: 190000,
          hostId: 'h1',
          occurredAt: '2024-03-01T12:00:00+08:00',
        },
      },
      serviceReception.preset('s000-reception'),
      { now: '2024-03-01T12:00:00+08:00' },
    );
    expect(d.value.violations.map((v) => [v.code, v.source.module, v.occurredAt])).toEqual([
      ['service.reception.overspend', 'service.reception', '2024-03-01T04:00:00.000Z'],
    ]);
  });

  it('a late follow-up is service.followup', () => {
    const d = serviceFollowUp.evaluate(
      {
        op: 'measureProgramme',
        triggers: [{ id: 'k2', type: 'complaintHandled', at: '2024-03-08T11:00:00+08:00', personId: 'pa2' }],
        completions: [{ triggerId: 'k2', action: 'revisit', at: '2024-03-12T15:00:00+08:00' }],
      },
      serviceFollowUp.preset('s000b-property-revisit'),
      { now: '2024-04-01T09:00:00+08:00', calendar: chinaCalendar() },
    );
    expect(d.value.violations.map((v) => [v.code, v.source.module])).toEqual([
      ['service.complaintRevisit.late', 'service.followup'],
    ]);
  });

  it('taking a walk-in out of turn is service.rotation', () => {
    const d = serviceRotation.evaluate(
      {
        op: 'walkIns',
        order: ['A', 'B', 'C'],
        events: [{ type: 'walkIn', kind: 'newWalkIn', at: '2024-03-01T09:10:00+08:00', takenBy: 'C' }],
      },
      serviceRotation.preset('s001-sales-office'),
      { now: '2024-03-01T18:00:00+08:00' },
    );
    expect(d.value.violations.map((v) => [v.code, v.source.module, v.data?.expectedReceiver])).toEqual([
      ['service.rotation.outOfTurn', 'service.rotation', 'A'],
    ]);
  });
});
