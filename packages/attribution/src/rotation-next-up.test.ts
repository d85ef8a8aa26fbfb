import { describe, expect, it } from 'vitest';
import { ReceptionRotation } from './rotation.js';

// Who waits at the desk between receptions (`nextUp`, S001-RECEP-02) is not part of the
// `attribution.rotation` module's result, so the scenario files
// (scenarios/rotation001/recep01-grabbing, recep04-turn-table) pin the stored state and these tests
// keep the intermediate `nextUp` checks of those scenarios.
describe('reception rotation: who is next after each reception', () => {
  it('S001-RECEP-01 S001-RECEP-02: a grabbed walk-in leaves A on turn (A is still next)', () => {
    let r = ReceptionRotation.create(['A', 'B', 'C']);
    expect(r.nextUp()).toBe('A');
    const out = r.record({ kind: 'newWalkIn', receiverId: 'B', at: '2024-03-01T09:40+08:00' });
    expect(out.violations.map((v) => v.code)).toEqual(['attribution.reception.grabbing']);
    expect(out.expected).toBe('A');
    r = ReceptionRotation.fromJSON(JSON.parse(JSON.stringify(out.rotation.toJSON())));
    expect(r.nextUp()).toBe('A');
  });

  it('S001-RECEP-04: a return visit and an assist leave A next; a forgot-who visit uses the turn (B next)', () => {
    let r = ReceptionRotation.create(['A', 'B']);
    const steps = [
      { kind: 'returnVisit', at: '2024-03-01T09:00+08:00', next: 'A' },
      { kind: 'assistForAbsent', at: '2024-03-01T09:10+08:00', next: 'A' },
      { kind: 'forgotWhoServed', at: '2024-03-01T09:20+08:00', next: 'B' },
    ] as const;
    const seen: (string | null)[] = [];
    for (const s of steps) {
      const out = r.record({ kind: s.kind, receiverId: 'A', at: s.at });
      expect(out.violations).toEqual([]);
      r = ReceptionRotation.fromJSON(JSON.parse(JSON.stringify(out.rotation.toJSON())));
      seen.push(r.nextUp());
    }
    expect(seen).toEqual(steps.map((s) => s.next));
  });
});
