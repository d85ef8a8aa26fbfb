import { describe, expect, it } from 'vitest';
import { ZhiduError } from './kernel.js';
import { isVenueAllowed, responsibleRole, routeIntake } from './reception.js';
import { ReceptionRotation, rotation001 } from './rotation.js';

describe('reception rotation', () => {
  it('serves new walk-ins strictly in order and wraps around (S001-RECEP-01)', () => {
    let r = ReceptionRotation.create(['A', 'B', 'C']);
    const got: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const { assignment, rotation } = r.assignNewWalkIn();
      got.push(assignment.receiver);
      r = rotation;
    }
    expect(got).toEqual(['A', 'B', 'C', 'A']);
  });
  it('names the next available salesperson who must wait at the desk (S001-RECEP-02)', () => {
    const r = ReceptionRotation.create(['A', 'B', 'C'])
      .assignNewWalkIn()
      .rotation.setStatus('A', 'busy')
      .setStatus('B', 'outOnBusiness');
    expect(r.nextUp()).toBe('C');
  });
  it('gives no make-up turn for a skip while busy, and keeps credits of a busy returnee (S001-RECEP-03)', () => {
    let r = ReceptionRotation.create(['A', 'B']).setStatus('A', 'busy');
    let step = r.assignNewWalkIn();
    expect(step.assignment.receiver).toBe('B');
    expect(step.rotation.toJSON().makeUp.A).toBe(0);
    r = ReceptionRotation.create(['A', 'B', 'C']).setStatus('B', 'outOnBusiness');
    step = r.assignNewWalkIn();
    step = step.rotation.assignNewWalkIn();
    r = step.rotation.setStatus('B', 'available').setStatus('B', 'busy');
    step = r.assignNewWalkIn();
    expect(step.assignment.receiver).not.toBe('B');
    expect(step.rotation.toJSON().makeUp.B).toBe(1);
    step = step.rotation.setStatus('B', 'available').assignNewWalkIn();
    expect(step.assignment).toMatchObject({ receiver: 'B', makeUp: false });
    expect(step.rotation.toJSON().makeUp.B).toBe(1);
    step = step.rotation.assignNewWalkIn();
    expect(step.assignment).toMatchObject({ receiver: 'B', makeUp: true });
  });
  it('serves the make-up credit of a returnee who came back through busy, or whose status was set outside setStatus (S001-RECEP-03)', () => {
    // B is skipped while out (1 credit), then comes back already busy with a customer, then is free.
    let step = ReceptionRotation.create(['A', 'B', 'C']).setStatus('B', 'outOnBusiness').assignNewWalkIn();
    step = step.rotation.assignNewWalkIn(); // C; B earns a credit
    expect(step.assignment.receiver).toBe('C');
    const back = step.rotation.setStatus('B', 'busy').setStatus('B', 'available');
    expect(back.toJSON().returnQueue).toEqual([]);
    step = back.assignNewWalkIn();
    expect(step.assignment).toMatchObject({ receiver: 'B', makeUp: true });
    expect(step.rotation.toJSON().makeUp.B).toBe(0);
    // A stored state whose status was edited directly: the credit is still owed.
    const edited = ReceptionRotation.fromJSON({
      ...ReceptionRotation.create(['A', 'B', 'C']).toJSON(),
      pointer: 2,
      makeUp: { A: 0, B: 2, C: 0 },
    });
    expect(edited.assignNewWalkIn().assignment).toMatchObject({ receiver: 'B', makeUp: true });
  });
  it('credits busy skips when the policy says so, and makes the customer wait when nobody is free (S001-RECEP-03)', () => {
    const r = ReceptionRotation.create(['A', 'B'], { ...rotation001, creditBusySkips: true }).setStatus(
      'A',
      'busy',
    );
    expect(r.assignNewWalkIn().rotation.toJSON().makeUp.A).toBe(1);
    const none = ReceptionRotation.create(['A']).setStatus('A', 'offDuty').assignNewWalkIn();
    expect(none.assignment.receiver).toBeNull();
  });
  it('restarts the order each day under the daily reset (S001-RECEP-01)', () => {
    const r = ReceptionRotation.create(['A', 'B'])
      .startDay('2024-03-01')
      .assignNewWalkIn()
      .rotation.startDay('2024-03-02');
    expect(r.nextUp()).toBe('A');
  });
  it('uses a turn only for new walk-ins and forgot-who visits (S001-RECEP-04)', () => {
    const r = ReceptionRotation.create(['A']);
    expect(r.consumesTurn('newWalkIn')).toBe(true);
    expect(r.consumesTurn('forgotWhoServed')).toBe(true);
    expect(r.consumesTurn('returnVisit')).toBe(false);
    expect(r.consumesTurn('assistForAbsent')).toBe(false);
    expect(r.consumesTurn('firstVisitDesignated')).toBe(false);
  });
  it('refuses a duplicate order, an unknown person and a corrupt stored state', () => {
    expect(() => ReceptionRotation.create(['A', 'A'])).toThrow(ZhiduError);
    expect(() => ReceptionRotation.create(['A']).setStatus('Z', 'busy')).toThrow(ZhiduError);
    expect(() =>
      ReceptionRotation.fromJSON({
        order: ['A'],
        pointer: 3,
        status: {},
        makeUp: {},
        returnQueue: [],
        day: null,
      }),
    ).toThrow(ZhiduError);
    expect(() => ReceptionRotation.fromJSON({ order: [] })).toThrow(ZhiduError);
  });
});

describe('reception intake, venues and duties', () => {
  it('routes every reception by the been-here-before questions (S001-RECEP-05)', () => {
    expect(routeIntake({ visitedBefore: 'no' }).value).toBe('newWalkIn');
    expect(routeIntake({ visitedBefore: 'yes', named: ['B'], presentIds: ['B'] }).value).toBe('criterion1');
    expect(routeIntake({ visitedBefore: 'yes', named: ['B'], presentIds: [] }).value).toBe('criterion3');
    expect(routeIntake({ visitedBefore: 'yes', named: ['B'], refusesPrevious: true }).value).toBe(
      'criterion2',
    );
    expect(
      routeIntake({
        visitedBefore: 'yes',
        named: ['B'],
        refusesPrevious: true,
        complaintAgainstPrevious: true,
      }).value,
    ).toBe('criterion4');
    expect(routeIntake({ visitedBefore: 'yes', named: ['B', 'C'] }).value).toBe('criterion5');
    expect(routeIntake({ visitedBefore: 'forgot' }).value).toBe('criterion7');
  });
  it("allows each reception category only its own venue or the GM's office (S001-RECEP-06)", () => {
    expect(isVenueAllowed('business', 'businessRoom').value).toBe(true);
    expect(isVenueAllowed('vip', 'gmOffice').value).toBe(true);
    expect(isVenueAllowed('general', 'meetingRoom3').value).toBe(false);
    expect(isVenueAllowed('general', 'cultureHall').value).toBe(false);
  });
  it('assigns reception duties by role (S001-RECEP-07)', () => {
    expect(responsibleRole('visitorLog').value).toBe('frontDeskClerk');
    expect(responsibleRole('accompanyNegotiation').value).toBe('handlingDepartment');
    expect(responsibleRole('overall').value).toBe('officeDirector');
  });
});
