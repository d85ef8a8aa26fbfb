/**
 * Issue 14 capability 7: rotation strategies as data — orderings (round-robin, per-person counters,
 * a company's own), queues per contact kind, skips with or without make-up, make-up grants as
 * events — and the refusals of a strategy missing its data.
 */
import { isZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ZhiduError } from './kernel.js';
import { attributionRotation, attributionRotationWith, type RotationOutcome } from './modules.js';
import { ReceptionRotation, rotation001 } from './rotation.js';

const NOW = { now: '2024-03-01T20:00+08:00' };
const base = attributionRotation.preset('rotation-001');
const withStrategy = (strategy: unknown) => ({ ...base, params: { ...base.params, strategy } });
const t = (minute: number) => `2024-03-01T09:${String(minute).padStart(2, '0')}+08:00`;
type Ev = Record<string, unknown>;

const run = (policy: unknown, events: Ev[], order = ['A', 'B', 'C'], module = attributionRotation) =>
  module.evaluate(
    { order, events: events.map((e, i) => ({ at: t(i), ...e })) } as never,
    policy as never,
    NOW,
  ).value.result as { outcomes: RotationOutcome[]; state: ReturnType<ReceptionRotation['toJSON']> };
const receivers = (r: { outcomes: RotationOutcome[] }) =>
  r.outcomes.filter((o) => o.type === 'walkIn').map((o) => (o as { receiver: string | null }).receiver);

/** The ZhiduError a call throws. */
function refusal(f: () => unknown): ZhiduError {
  try {
    f();
  } catch (e) {
    if (isZhiduError(e)) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError');
}

const walkIn = (contact?: string): Ev => ({ type: 'walkIn', ...(contact ? { contact } : {}) });
const status = (id: string, s: string): Ev => ({ type: 'status', salespersonId: id, status: s });

describe('orderings as data (strategy.ordering)', () => {
  it('S001-RECEP-01: roundRobin as data gives the seed order table exactly (B out: A C A C, then B’s two make-ups)', () => {
    const events = [
      status('B', 'outOnBusiness'),
      walkIn(),
      walkIn(),
      walkIn(),
      walkIn(),
      status('B', 'available'),
      walkIn(),
      walkIn(),
      walkIn(),
    ];
    const seed = receivers(run(base, events));
    expect(seed).toEqual(['A', 'C', 'A', 'C', 'B', 'B', 'A']);
    expect(receivers(run(withStrategy({ ordering: { kind: 'roundRobin' } }), events))).toEqual(seed);
  });

  it('orders by a counter of tally events the policy names: fewest deals first, ties in table order', () => {
    const policy = withStrategy({ ordering: { kind: 'counter', counts: ['deal'], order: 'fewestFirst' } });
    const r = run(policy, [
      { type: 'tally', salespersonId: 'A', kind: 'deal', count: 2 },
      { type: 'tally', salespersonId: 'B', kind: 'deal' },
      { type: 'tally', salespersonId: 'C', kind: 'visitLed' },
      walkIn(),
      { type: 'tally', salespersonId: 'C', kind: 'deal', count: 2 },
      walkIn(),
    ]);
    // C has no deal: C first; then B (1) before A and C (2 each)
    expect(receivers(r)).toEqual(['C', 'B']);
    expect(r.state.counters).toMatchObject({
      A: { deal: 2 },
      B: { deal: 1, assigned: 1 },
      C: { deal: 2, visitLed: 1 },
    });
  });

  it('orders most first (业绩优先) and sums several kinds', () => {
    const policy = withStrategy({
      ordering: { kind: 'counter', counts: ['deal', 'referral'], order: 'mostFirst' },
    });
    const r = run(policy, [
      { type: 'tally', salespersonId: 'A', kind: 'deal' },
      { type: 'tally', salespersonId: 'C', kind: 'referral', count: 2 },
      walkIn(),
    ]);
    expect(receivers(r)).toEqual(['C']);
  });

  it('balances by the walk-ins each person was given (counter `assigned`): a returnee catches up without a make-up rule', () => {
    const policy = withStrategy({
      ordering: { kind: 'counter', counts: ['assigned'], order: 'fewestFirst' },
      makeUpFor: [],
    });
    const r = run(policy, [
      status('B', 'outOnBusiness'),
      walkIn(),
      walkIn(),
      status('B', 'available'),
      walkIn(),
      walkIn(),
    ]);
    // all tied at one each after B: the table goes on from B's place (C)
    expect(receivers(r)).toEqual(['A', 'C', 'B', 'C']);
    expect(r.state.makeUp.B).toBe(0);
  });

  it('a company’s own ordering is a function supplied by name (custom rule hook)', () => {
    const seniorFirst = attributionRotationWith({ orderings: { seniority: (v) => [...v.order].reverse() } });
    const policy = withStrategy({ ordering: { kind: 'custom', rule: 'seniority' } });
    expect(receivers(run(policy, [walkIn(), walkIn()], ['A', 'B', 'C'], seniorFirst))).toEqual(['C', 'C']);
  });
});

describe('queues per contact kind (strategy.queues, 来电/来访分开轮)', () => {
  const policy = withStrategy({
    ordering: { kind: 'roundRobin' },
    queues: [
      { name: 'phone', contacts: ['phoneCall'] },
      { name: 'visit', contacts: ['walkIn', 'appointment'] },
    ],
  });

  it('S001-RECEP-01: each queue keeps its own turn', () => {
    const r = run(policy, [
      walkIn('phoneCall'),
      walkIn('walkIn'),
      walkIn('phoneCall'),
      walkIn('appointment'),
      walkIn('phoneCall'),
    ]);
    expect(receivers(r)).toEqual(['A', 'A', 'B', 'B', 'C']);
    expect(r.outcomes[0]).toMatchObject({ queue: 'phone' });
    expect(r.state.queues?.phone?.pointer).toBe(0);
    expect(r.state.queues?.visit?.pointer).toBe(2);
  });

  it('a queue may have its own ordering', () => {
    const mixed = withStrategy({
      ordering: { kind: 'roundRobin' },
      queues: [
        { name: 'phone', contacts: ['phoneCall'] },
        {
          name: 'visit',
          contacts: ['walkIn'],
          ordering: { kind: 'counter', counts: ['deal'], order: 'fewestFirst' },
        },
      ],
    });
    const r = run(mixed, [
      { type: 'tally', salespersonId: 'A', kind: 'deal' },
      walkIn('walkIn'),
      walkIn('phoneCall'),
    ]);
    expect(receivers(r)).toEqual(['B', 'A']);
  });

  it('refuses a walk-in without its contact kind when the policy keeps queues, at the event’s field', () => {
    const e = refusal(() => run(policy, [walkIn()]));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['input', 'events', 0, 'contact']);
    expect(e.message).toContain('contact');
  });

  it('refuses a contact kind no queue takes, naming the kinds', () => {
    const e = refusal(() => run(policy, [walkIn('email')]));
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['input', 'events', 0, 'contact']);
    expect(e.message).toContain('phoneCall');
  });

  it('refuses a contact kind in two queues, and a queue named twice, at their paths', () => {
    const e = refusal(() =>
      attributionRotation.policy(
        withStrategy({
          ordering: { kind: 'roundRobin' },
          queues: [
            { name: 'phone', contacts: ['phoneCall'] },
            { name: 'phone', contacts: ['phoneCall'] },
          ],
        }),
      ),
    );
    expect(e.path.slice(-4)).toEqual(['strategy', 'queues', 1, 'name']);
  });
});

describe('skips and make-up turns (strategy.makeUpFor, makeUpGrant events)', () => {
  it('S001-RECEP-03: skips without make-up (makeUpFor: []) give the returnee no extra turn', () => {
    const r = run(withStrategy({ ordering: { kind: 'roundRobin' }, makeUpFor: [] }), [
      status('B', 'outOnBusiness'),
      walkIn(),
      walkIn(),
      status('B', 'available'),
      walkIn(),
    ]);
    expect(receivers(r)).toEqual(['A', 'C', 'A']);
  });

  it('S001-RECEP-03: a busy skip earns a make-up when the policy lists busy', () => {
    const r = run(withStrategy({ ordering: { kind: 'roundRobin' }, makeUpFor: ['busy', 'outOnBusiness'] }), [
      status('A', 'busy'),
      walkIn(),
      status('A', 'available'),
      walkIn(),
    ]);
    expect(receivers(r)).toEqual(['B', 'A']);
    expect(r.outcomes[3]).toMatchObject({ receiver: 'A', makeUp: true });
  });

  it('S001-RECEP-03: a make-up grant is an event: the granted person takes the next customer as a make-up', () => {
    const r = run(withStrategy({ ordering: { kind: 'roundRobin' } }), [
      walkIn(),
      { type: 'makeUpGrant', salespersonId: 'C', turns: 2 },
      walkIn(),
      walkIn(),
      walkIn(),
    ]);
    expect(receivers(r)).toEqual(['A', 'C', 'C', 'B']);
    expect(r.outcomes[1]).toMatchObject({ type: 'makeUpGrant', salespersonId: 'C', turns: 2 });
  });

  it('the seed preset takes a make-up grant too (no strategy needed)', () => {
    expect(receivers(run(base, [{ type: 'makeUpGrant', salespersonId: 'B' }, walkIn(), walkIn()]))).toEqual([
      'B',
      'A',
    ]);
  });

  it('refuses a make-up grant without its queue when the policy keeps queues, and one for someone off the table', () => {
    const queued = withStrategy({
      ordering: { kind: 'roundRobin' },
      queues: [{ name: 'phone', contacts: ['phoneCall'] }],
    });
    const e = refusal(() => run(queued, [{ type: 'makeUpGrant', salespersonId: 'B' }]));
    expect(e.path).toEqual(['input', 'events', 0, 'queue']);
    const f = refusal(() => run(queued, [{ type: 'makeUpGrant', salespersonId: 'B', queue: 'fax' }]));
    expect(f.code).toBe('unknown_reference');
    const g = refusal(() => run(base, [{ type: 'makeUpGrant', salespersonId: 'Z' }]));
    expect(g.path).toEqual(['input', 'events', 0, 'salespersonId']);
  });
});

describe('a strategy missing its required data is refused with the path', () => {
  it('a counter ordering without the kinds it counts', () => {
    const e = refusal(() =>
      attributionRotation.policy(withStrategy({ ordering: { kind: 'counter', order: 'fewestFirst' } })),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'strategy', 'ordering', 'counts']);
  });

  it('a custom ordering the module was not given', () => {
    const e = refusal(() =>
      run(withStrategy({ ordering: { kind: 'custom', rule: 'seniority' } }), [walkIn()]),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['params', 'strategy', 'ordering', 'rule']);
    expect(e.message).toContain('seniority');
    const q = refusal(() =>
      ReceptionRotation.create(['A'], {
        ...rotation001,
        strategy: {
          ordering: { kind: 'roundRobin' },
          queues: [{ name: 'phone', contacts: ['phoneCall'], ordering: { kind: 'custom', rule: 'x' } }],
        },
      }),
    );
    expect(q.path).toEqual(['params', 'strategy', 'queues', 0, 'ordering', 'rule']);
  });

  it('a custom ordering naming someone off the table, or returning no list', () => {
    const params = { ...rotation001, strategy: { ordering: { kind: 'custom' as const, rule: 'bad' } } };
    const offTable = ReceptionRotation.create(['A', 'B'], params, { orderings: { bad: () => ['Z'] } });
    expect(refusal(() => offTable.nextUp()).code).toBe('invalid_state');
    const noList = ReceptionRotation.create(['A', 'B'], params, { orderings: { bad: () => 'A' as never } });
    expect(refusal(() => noList.nextUp()).path).toEqual(['options', 'orderings', 'bad']);
    expect(refusal(() => attributionRotationWith({ orderings: { bad: 'A' as never } })).path).toEqual([
      'options',
      'orderings',
      'bad',
    ]);
  });

  it('bad counts and turns on the class', () => {
    const r = ReceptionRotation.create(['A']);
    expect(refusal(() => r.tally('A', 'deal', 0)).path).toEqual(['count']);
    expect(refusal(() => r.grantMakeUp('A', 1.5)).path).toEqual(['turns']);
    expect(refusal(() => r.tally('Z', 'deal')).code).toBe('unknown_reference');
    expect(refusal(() => r.tally('A', 7 as never)).path).toEqual(['kind']);
    expect(refusal(() => r.nextUp(7 as never)).code).toBe('invalid_input');
  });

  it('a stored state keeps its queues and counters (fromJSON → toJSON round trip)', () => {
    const params = {
      ...rotation001,
      resets: 'never' as const,
      strategy: {
        ordering: { kind: 'counter' as const, counts: ['assigned'], order: 'fewestFirst' as const },
        queues: [{ name: 'phone', contacts: ['phoneCall'] }],
      },
    };
    const r = ReceptionRotation.create(['A', 'B'], params).assignNewWalkIn('phoneCall').rotation;
    const back = ReceptionRotation.fromJSON(JSON.parse(JSON.stringify(r.toJSON())), params);
    expect(back.toJSON()).toEqual(r.toJSON());
    expect(back.nextUp('phoneCall')).toBe('B');
  });
});

describe('properties of rotation strategies (seeded)', () => {
  const strategyArb = fc.record({
    ordering: fc.oneof(
      fc.constant({ kind: 'roundRobin' }),
      fc.record({
        kind: fc.constant('counter'),
        counts: fc.subarray(['assigned', 'deal'], { minLength: 1 }),
        order: fc.constantFrom('fewestFirst', 'mostFirst'),
      }),
    ),
    makeUpFor: fc.option(fc.subarray(['busy', 'outOnBusiness', 'offDuty']), { nil: undefined }),
    queued: fc.boolean(),
  });
  const eventArb = fc.oneof(
    fc.record({ type: fc.constant('walkIn'), contact: fc.constantFrom('phoneCall', 'walkIn') }),
    fc.record({
      type: fc.constant('status'),
      salespersonId: fc.constantFrom('A', 'B', 'C'),
      status: fc.constantFrom('available', 'busy', 'outOnBusiness', 'offDuty'),
    }),
    fc.record({
      type: fc.constant('tally'),
      salespersonId: fc.constantFrom('A', 'B', 'C'),
      kind: fc.constant('deal'),
    }),
    fc.record({
      type: fc.constant('makeUpGrant'),
      salespersonId: fc.constantFrom('A', 'B', 'C'),
      queue: fc.constantFrom('phone', 'visit'),
    }),
  );

  it('gives each walk-in at most one receiver, an available person on the table, and counts every assignment once', () => {
    fc.assert(
      fc.property(strategyArb, fc.array(eventArb, { maxLength: 30 }), (st, events) => {
        const { queued, ...strategy } = st;
        const policy = withStrategy({
          ...strategy,
          ...(queued
            ? {
                queues: [
                  { name: 'phone', contacts: ['phoneCall'] },
                  { name: 'visit', contacts: ['walkIn'] },
                ],
              }
            : {}),
        });
        const evs = events.map((e) => {
          if (queued || e.type !== 'makeUpGrant') return e;
          const { queue: _q, ...rest } = e as { queue: string };
          return rest;
        });
        const r = run(policy, evs);
        const desk: Record<string, string> = { A: 'available', B: 'available', C: 'available' };
        let assigned = 0;
        r.outcomes.forEach((o, i) => {
          const e = evs[i] as Ev;
          if (e.type === 'status') desk[e.salespersonId as string] = e.status as string;
          if (o.type === 'walkIn' && o.receiver !== null) {
            expect(desk[o.receiver]).toBe('available');
            assigned += 1;
          }
          if (o.type === 'walkIn' && o.receiver === null)
            expect(Object.values(desk)).not.toContain('available');
        });
        const counted = Object.values(r.state.counters ?? {}).reduce((s, c) => s + (c.assigned ?? 0), 0);
        expect(counted).toBe(assigned);
      }),
      { numRuns: 150, seed: 1407 },
    );
  });
});
