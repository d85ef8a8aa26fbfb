import { describe, expect, it } from 'vitest';
import { cn, ev, one, utc } from '../../test/helpers.js';
import { incidentsFromLog } from '../incidents.js';
import { classifyComplaint, conferenceMarketing001Preset, validateIntake } from '../index.js';
import { timerStates } from '../timer/evaluate.js';

describe('conference-marketing grievances (001 L68–74)', () => {
  const p = conferenceMarketing001Preset();
  const who = { employee: 'E', deptManager: 'M' };
  const codes = (events: ReturnType<typeof ev>[], now: string) => [
    ...incidentsFromLog(events, p, cn(now)).value.map((v) => `${v.personId}:${v.code.split('.').pop()}`),
    ...timerStates(events, p, cn(now)).value.flatMap((s) =>
      s.violations.map((v) => `${v.personId}:${v.code.split('.').pop()}`),
    ),
  ];

  it('records at least one grievance cause from the five (S001-COMPLAINT-01)', () => {
    expect(classifyComplaint({ causes: ['interDepartmentDispute'] }, p.params).value.groups.cause).toEqual([
      'interDepartmentDispute',
    ]);
    expect(validateIntake({ causes: [] }, p.params.intake).value.missing).toEqual(['causes']);
  });

  it('fines the employee 100 for a grievance found without a complaint (S001-COMPLAINT-02)', () => {
    expect(
      codes(
        [
          ev('grievanceFound', 'g', '2024-05-01T09:00', {}, who),
          ev('grievanceResolved', 'g', '2024-05-02T09:00'),
        ],
        '2024-05-10T00:00',
      ),
    ).toEqual(['E:S001-COMPLAINT-02']);
  });

  it('fines the manager and the employee 100 each for a complaint to the executive (S001-COMPLAINT-03)', () => {
    expect(
      codes(
        [
          ev('grievanceFound', 'g', '2024-05-01T09:00', { formalComplaintToExecutive: true }, who),
          ev('grievanceResolved', 'g', '2024-05-03T18:00'),
        ],
        '2024-05-10T00:00',
      ),
    ).toEqual(['M:S001-COMPLAINT-03', 'E:S001-COMPLAINT-03']);
  });

  it('adds 500 each and moves the customer when unresolved after 3 days (S001-COMPLAINT-04)', () => {
    const events = [
      ev('grievanceFound', 'g', '2024-05-01T09:00', {}, who),
      ev('grievanceResolved', 'g', '2024-05-04T10:00'),
    ];
    expect(codes(events, '2024-05-10T00:00')).toEqual([
      'E:S001-COMPLAINT-02',
      'M:S001-COMPLAINT-04',
      'E:S001-COMPLAINT-04',
    ]);
    expect(one(p, events, '2024-05-10T00:00', 'grievance3d').consequences).toEqual([
      'transferCustomerToOtherDepartment',
    ]);
    expect(
      one(
        p,
        [ev('grievanceFound', 'g', '2024-05-01T09:00', { formalComplaintToExecutive: true }, who)],
        '2024-05-04T09:01',
        'grievance3d',
      ).status,
    ).toBe('breached');
    const calendar = conferenceMarketing001Preset({ resolutionClock: 'calendarDays' });
    expect(one(calendar, events, '2024-05-10T00:00', 'grievance3d').dueAt).toBe(
      utc('2024-05-03T23:59:59.999'),
    );
  });
});
