import { DeskStatusSchema, ReceptionKindSchema, type RotationState } from '@zhidu/attribution';
import { Trace, type Violation } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceRotation } from '../modules.js';
import { type ServicePolicy, servicePolicy } from '../policy.js';
import { assignWalkIn, newRotation, setDeskStatus, type WalkIn } from './rotation.js';

// The module service.rotation carries one rotation from event to event (issue 21: 10^5 walk-ins took
// 3.8 s when every event re-checked and rebuilt the state through the public functions). Held here to
// that former loop — newRotation, then setDeskStatus / assignWalkIn per event — on random event lists:
// the same receivers, make-up, state, violations and trace, entry by entry.

type Event =
  | { type: 'status'; at: string; status: Record<string, string> }
  | { type: 'walkIn'; at: string; kind: string; takenBy?: string; receiverId?: string };

function stepByStep(order: string[], events: Event[], policy: ServicePolicy) {
  let state: RotationState = newRotation(order);
  const trace = new Trace();
  const receivers: (string | null)[] = [];
  const violations: Violation[] = [];
  for (const e of events) {
    if (e.type === 'status') {
      state = setDeskStatus(state, e.status as never);
      continue;
    }
    const { type: _type, ...walkIn } = e;
    const r = assignWalkIn(state, walkIn as WalkIn, policy);
    trace.append(r.trace);
    receivers.push(r.value.receiver);
    violations.push(...r.value.violations);
    state = r.value.state;
  }
  return trace.decide({ result: { receivers, makeUp: state.makeUp, state }, violations });
}

const ids = ['A', 'B', 'C', 'D'];
const at = (minute: number) => new Date(Date.UTC(2024, 2, 1, 1, minute)).toISOString();
const eventsArb = fc
  .array(
    fc.oneof(
      fc.record({
        type: fc.constant('status' as const),
        status: fc.dictionary(fc.constantFrom(...ids), fc.constantFrom(...DeskStatusSchema.options), {
          minKeys: 1,
          maxKeys: 3,
        }),
      }),
      fc.record(
        {
          type: fc.constant('walkIn' as const),
          kind: fc.constantFrom(...ReceptionKindSchema.options),
          takenBy: fc.constantFrom(...ids),
          receiverId: fc.constantFrom(...ids),
        },
        { requiredKeys: ['type', 'kind'] },
      ),
    ),
    { maxLength: 40 },
  )
  .map((list) => list.map((e, i) => ({ ...e, at: at(i) }) as Event));

describe('service.rotation carries one rotation through the events (issue 21)', () => {
  it('the same decision as the step-by-step loop over the public functions, on random event lists', () => {
    const compiled = serviceRotation.preset('s001-sales-office');
    const policy = servicePolicy(compiled);
    const ctx = { now: '2024-03-01T18:00:00+08:00' };
    let grabs = 0;
    let madeUp = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), eventsArb, (n, events) => {
        const order = ids.slice(0, n);
        const inOrder = events.filter((e) =>
          e.type === 'status' ? Object.keys(e.status).every((id) => order.includes(id)) : true,
        );
        const d = serviceRotation.evaluate({ op: 'walkIns', order, events: inOrder } as never, compiled, ctx);
        const want = stepByStep(order, inOrder, policy);
        expect(d.value).toEqual(want.value);
        expect(JSON.stringify(d.value)).toBe(JSON.stringify(want.value));
        expect(d.trace).toEqual(want.trace);
        grabs += d.value.violations.length;
        madeUp += JSON.stringify(d.trace).match(/make-up turn/g)?.length ?? 0;
      }),
      { numRuns: 300, seed: 21 },
    );
    // The lists exercised grabbing (out-of-turn violations) and make-up turns (credited, taken), not only plain turns.
    expect(grabs).toBeGreaterThan(20);
    expect(madeUp).toBeGreaterThan(10);
  });

  it('10^4 walk-ins: the same decision as the step-by-step loop', () => {
    const compiled = serviceRotation.preset('s001-sales-office');
    const events: Event[] = Array.from({ length: 10_000 }, (_, i) =>
      i % 7 === 3
        ? { type: 'status', at: at(i), status: { B: i % 2 === 0 ? 'outOnBusiness' : 'available' } }
        : { type: 'walkIn', at: at(i), kind: i % 5 === 0 ? 'returnVisit' : 'newWalkIn' },
    );
    const ctx = { now: '2024-03-20T18:00:00+08:00' };
    const d = serviceRotation.evaluate(
      { op: 'walkIns', order: ['A', 'B', 'C'], events } as never,
      compiled,
      ctx,
    );
    const want = stepByStep(['A', 'B', 'C'], events, servicePolicy(compiled));
    expect(d.value).toEqual(want.value);
    expect(d.trace.length).toBe(want.trace.length);
    expect((d.value.result as { receivers: unknown[] }).receivers).toHaveLength(8_571);
  });
});
