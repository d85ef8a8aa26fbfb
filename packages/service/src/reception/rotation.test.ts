import type { RotationState } from '@zhidu/attribution';
import { ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceRotation } from '../modules.js';
import { s001SalesOfficePolicy as P } from '../presets/index.js';
import {
  assignWalkIn,
  consumesTurn,
  intakeCase,
  newRotation,
  nextUp,
  setDeskStatus,
  standbyCompliance,
} from './rotation.js';

const at = (hm: string) => `2024-03-01T${hm}:00+08:00`;

function walk(state: RotationState, hm: string) {
  return assignWalkIn(state, { kind: 'newWalkIn', at: at(hm) }, P).value;
}

describe('rotation reception (001 L100–112)', () => {
  it('gives new walk-ins to A, B, C in turn and requires registration (S001-RECEP-01)', () => {
    let s = newRotation(['A', 'B', 'C']);
    const got: (string | null)[] = [];
    for (const hm of ['09:10', '09:20', '09:30', '09:40']) {
      const r = walk(s, hm);
      expect(r.registrationRequired).toBe(true);
      got.push(r.receiver);
      s = r.state;
    }
    expect(got).toEqual(['A', 'B', 'C', 'A']);
    expect(s.order[s.pointer]).toBe('B');
  });

  it('flags B taking a walk-in while the pointer is at A as grabbing, a Violation for penalty (S001-RECEP-01)', () => {
    const r = assignWalkIn(
      newRotation(['A', 'B', 'C']),
      { kind: 'newWalkIn', at: at('09:40'), takenBy: 'B' },
      P,
    ).value;
    expect(r.receiver).toBe('A');
    expect(r.violations).toEqual([
      expect.objectContaining({
        code: 'service.rotation.outOfTurn',
        personId: 'B',
        source: expect.objectContaining({ rule: 'S001-RECEP-01' }),
      }),
    ]);
  });

  it('needs the next salesperson at the desk; with B out, C is next up (S001-RECEP-02)', () => {
    const s = walk(newRotation(['A', 'B', 'C']), '09:10').state;
    expect(standbyCompliance(s, ['B'], P).value).toEqual({ compliant: true, nextUp: 'B' });
    expect(standbyCompliance(s, ['C'], P).value.compliant).toBe(false);
    const out = { ...s, status: { ...s.status, A: 'busy' as const, B: 'outOnBusiness' as const } };
    expect(nextUp(out)).toBe('C');
  });

  it('walks the catalog example: B out on business earns two make-up turns and A 3, B 3, C 2 (S001-RECEP-03)', () => {
    let s = newRotation(['A', 'B', 'C']);
    const seq: (string | null)[] = [];
    const step = (hm: string) => {
      const r = walk(s, hm);
      seq.push(r.receiver);
      s = r.state;
      return r;
    };
    s = { ...s, status: { ...s.status, B: 'outOnBusiness' } }; // 09:00
    step('09:10');
    step('09:20');
    expect(s.makeUp.B).toBe(1);
    step('09:30');
    step('09:40');
    expect(s.makeUp.B).toBe(2);
    s = { ...s, status: { ...s.status, B: 'available' } }; // 10:00 B returns
    const m1 = step('10:05');
    expect(m1.makeUpTurn).toBe(true);
    expect(s.order[s.pointer]).toBe('A');
    step('10:10');
    expect(s.makeUp.B).toBe(0);
    step('10:15');
    step('10:20');
    expect(seq).toEqual(['A', 'C', 'A', 'C', 'B', 'B', 'A', 'B']);
    const totals = Object.fromEntries(['A', 'B', 'C'].map((p) => [p, seq.filter((x) => x === p).length]));
    expect(totals).toEqual({ A: 3, B: 3, C: 2 });
  });

  it('gives no make-up credit for a busy skip and lets B take two walk-ins while A is busy (S001-RECEP-03)', () => {
    let s = newRotation(['A', 'B']);
    s = { ...s, status: { A: 'busy', B: 'available' } };
    const r1 = walk(s, '10:10');
    expect(r1.receiver).toBe('B');
    expect(r1.state.makeUp.A).toBe(0);
    const r2 = walk(r1.state, '10:20');
    expect(r2.receiver).toBe('B');
    expect(r2.state.order[r2.state.pointer]).toBe('A');
  });

  it('keeps a returnee’s credit while they are busy and serves it when they are free (S001-RECEP-03)', () => {
    let s = newRotation(['A', 'B', 'C']);
    s = { ...s, status: { ...s.status, B: 'busy' }, makeUp: { ...s.makeUp, B: 1 }, returnQueue: ['B'] };
    const r = walk(s, '11:00');
    expect(r.receiver).toBe('A');
    expect(r.state.makeUp.B).toBe(1);
    const r2 = walk({ ...r.state, status: { ...r.state.status, B: 'available' } }, '11:10');
    expect(r2.receiver).toBe('B');
    // B's ordinary turn comes first (the pointer is at B): B takes it and keeps the credit, which the
    // next walk-in serves — the same receivers, without an ordinary turn back-to-back after a make-up.
    expect(r2.makeUpTurn).toBe(false);
    expect(r2.state.makeUp.B).toBe(1);
    const r3 = walk(r2.state, '11:20');
    expect(r3.receiver).toBe('B');
    expect(r3.makeUpTurn).toBe(true);
    expect(r3.state.makeUp.B).toBe(0);
  });

  it('leaves the customer waiting when nobody is available', () => {
    const s = { ...newRotation(['A']), status: { A: 'offDuty' as const } };
    expect(walk(s, '12:00').receiver).toBeNull();
  });

  it.each([
    ['returnVisit', false],
    ['assistForAbsent', false],
    ['forgotWhoServed', true],
    ['newWalkIn', true],
    ['firstVisitDesignated', false],
  ] as const)('decides whether %s uses a turn: %s (S001-RECEP-04)', (kind, uses) => {
    expect(consumesTurn(kind, P).value).toBe(uses);
  });

  it('leaves the rotation unchanged for a revisit received by the salesperson on turn (S001-RECEP-04)', () => {
    const s = newRotation(['T', 'U']);
    const r = assignWalkIn(s, { kind: 'returnVisit', at: at('09:00'), receiverId: 'T' }, P).value;
    expect(r.usedTurn).toBe(false);
    expect(nextUp(r.state)).toBe('T');
  });

  it('routes intake answers to the attribution case (S001-RECEP-05)', () => {
    expect(intakeCase({ visitedBefore: 'no' }, P).value.case).toBe('newWalkIn');
    expect(
      intakeCase({ visitedBefore: 'yes', previousSalespeople: ['B'], presentSalespeople: ['B'] }, P).value
        .case,
    ).toBe('criterion1');
    expect(
      intakeCase({ visitedBefore: 'yes', previousSalespeople: ['B'], presentSalespeople: [] }, P).value.case,
    ).toBe('criterion3');
    expect(intakeCase({ visitedBefore: 'forgot' }, P).value).toEqual({
      case: 'criterion7',
      kind: 'forgotWhoServed',
    });
    expect(intakeCase({ visitedBefore: 'no', designatedOnEntry: 'D' }, P).value.case).toBe(
      'designatedFirstVisit',
    );
  });

  it('refuses a malformed rotation state', () => {
    expect(() =>
      assignWalkIn(
        { order: [], pointer: 0, status: {}, makeUp: {}, returnQueue: [], day: null, last: null },
        { kind: 'newWalkIn', at: at('09:00') },
        P,
      ),
    ).toThrow(ZhiduError);
    expect(() => assignWalkIn(newRotation(['A']), { kind: 'newWalkIn', at: 'yesterday' }, P)).toThrow(
      ZhiduError,
    );
  });

  it('setDeskStatus queues a returnee’s make-up turns and refuses someone not in the rotation (S001-RECEP-03)', () => {
    let s = setDeskStatus(newRotation(['A', 'B', 'C']), { B: 'outOnBusiness' });
    s = walk(walk(s, '09:10').state, '09:20').state; // A, then C (B credited)
    s = setDeskStatus(s, { B: 'available' });
    expect(s.returnQueue).toEqual(['B']);
    expect(walk(s, '10:05')).toMatchObject({ receiver: 'B', makeUpTurn: true });
    const refused = (() => {
      try {
        setDeskStatus(s, { Z: 'busy' });
      } catch (e) {
        return e as ZhiduError;
      }
      throw new Error('expected a refusal');
    })();
    expect(refused).toBeInstanceOf(ZhiduError);
    expect([refused.code, refused.path]).toEqual(['unknown_reference', ['changes', 'Z']]);
    expect(() => setDeskStatus(s, { A: 'asleep' } as never)).toThrowError(
      expect.objectContaining({ code: 'invalid_input', path: ['changes', 'A'] }),
    );
  });

  it('service.rotation refuses a status event for someone not in the order, naming the event (was silently added)', () => {
    const input = {
      op: 'walkIns' as const,
      order: ['A', 'B'],
      events: [
        { type: 'status' as const, at: at('09:00'), status: { Z: 'outOnBusiness' as const } },
        { type: 'walkIn' as const, kind: 'newWalkIn' as const, at: at('09:10') },
      ],
    };
    expect(() =>
      serviceRotation.evaluate(input, serviceRotation.preset('s001-sales-office'), { now: at('18:00') }),
    ).toThrowError(
      expect.objectContaining({ code: 'unknown_reference', path: ['input', 'events', 0, 'status', 'Z'] }),
    );
  });

  it('a grabbed walk-in leaves the rotation as it was: A keeps the turn (S001-RECEP-01)', () => {
    const s = newRotation(['A', 'B', 'C']);
    const r = assignWalkIn(s, { kind: 'newWalkIn', at: at('09:40'), takenBy: 'B' }, P).value;
    expect(r.state).toEqual(s);
    expect(nextUp(r.state)).toBe('A');
    const ok = assignWalkIn(s, { kind: 'newWalkIn', at: at('09:40'), takenBy: 'A' }, P).value;
    expect([ok.violations, nextUp(ok.state)]).toEqual([[], 'B']);
  });

  it('property: with everyone available, n·k walk-ins give each of n salespeople exactly k receptions (S001-RECEP-01)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), (n, k) => {
        let s = newRotation(Array.from({ length: n }, (_, i) => `S${i}`));
        const counts = new Map<string, number>();
        for (let i = 0; i < n * k; i++) {
          const r = walk(s, '09:00');
          counts.set(r.receiver ?? '', (counts.get(r.receiver ?? '') ?? 0) + 1);
          s = r.state;
        }
        expect([...counts.values()].every((c) => c === k)).toBe(true);
      }),
    );
  });
});
