/**
 * Issue 14: an office's own attribution rules as data — claim lifecycle, revival, checks at the deal,
 * dispute window, split matrix — and the refusals of a policy or an event that cannot be judged.
 */
import { chinaCalendar } from '@zhidu/calendar-cn';
import { isZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SalesHistoryInput } from './events.js';
import { makeContext, type ZhiduError } from './kernel.js';
import { eventMatches, periodEnd, walkLifecycle } from './lifecycle.js';
import { defineSalesOfficePolicy } from './policy.js';
import { salesOffice001 } from './presets.js';
import { claimOf } from './protection.js';
import { ownershipOf } from './resolve.js';

type EventInput = SalesHistoryInput['events'][number];
const STAFF = ['A', 'B', 'C'].map((id) => ({ id }));
const at = (date: string, time = '10:00'): string => `${date}T${time}+08:00`;
const ctx = (date: string, time = '23:00') => makeContext({ now: at(date, time) });

const reg = (who: string, date: string, extra: Record<string, unknown> = {}): EventInput =>
  ({
    type: 'registration',
    at: at(date),
    customerId: 'c1',
    salespersonId: who,
    channel: 'walkIn',
    fields: { name: '王先生', phone: '13800000000' },
    ...extra,
  }) as EventInput;
const call = (who: string, date: string, reached = true, attrs?: Record<string, number | string | boolean>) =>
  ({
    type: 'followUp',
    at: at(date, '15:00'),
    customerId: 'c1',
    salespersonId: who,
    reached,
    ...(attrs ? { attrs } : {}),
  }) as EventInput;
const visit = (date: string, turn: string, named: string[] = [], extra: Record<string, unknown> = {}) =>
  ({
    type: 'visit',
    at: at(date, '11:00'),
    customerId: 'c1',
    onTurnId: turn,
    intake: { visitedBefore: named.length > 0 ? 'yes' : 'no', named },
    presentIds: ['A', 'B', 'C'],
    ...extra,
  }) as EventInput;
const deal = (date: string, closer: string, stage = 'contract', time = '16:00') =>
  ({ type: 'deal', at: at(date, time), customerId: 'c1', stage, closerId: closer }) as EventInput;

/** Seed 001's preset with an office's own rules added. */
const office = (extra: Record<string, unknown>) =>
  defineSalesOfficePolicy({
    ...salesOffice001,
    id: 'example-office',
    params: { ...salesOffice001.params, ...extra },
  });

const days = (amount: number, inclusive = true) => ({ unit: 'calendarDays' as const, amount, inclusive });

/** 30 days from the registration or the latest effective follow-up (reached, at least 3 minutes). */
const thirtyDays = {
  initial: 'protected',
  phases: { protected: { duration: days(30), countFrom: 'latestEffectiveContact' } },
  effectiveContact: [
    {
      kind: 'followUp',
      when: {
        all: [
          { attribute: 'reached', equals: true },
          { attribute: ['attrs', 'minutes'], gte: 3 },
        ],
      },
    },
  ],
};

const owner = (events: EventInput[], now: string, policy: ReturnType<typeof office>, time?: string) =>
  ownershipOf({ customerId: 'c1', staff: STAFF, events }, policy, ctx(now, time)).value;

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

describe('claim lifecycle (issue 14 capability 1)', () => {
  it("expresses today's protection as one lifecycle: 2 months from registration, end exclusive, same owner as the preset (S001-ATTR-12)", () => {
    const lc = office({
      lifecycle: {
        initial: 'protected',
        phases: { protected: { duration: { unit: 'calendarMonths', amount: 2, inclusive: false } } },
      },
    });
    const events = [reg('B', '2024-03-01')];
    for (const [day, expected] of [
      ['2024-04-30', 'B'],
      ['2024-05-01', null],
    ] as const) {
      expect(owner(events, day, lc).owner).toBe(expected);
      expect(owner(events, day, salesOffice001).owner).toBe(expected);
    }
  });

  it('keeps a 30-day inclusive claim on its last day and drops it on the first day outside', () => {
    const p = office({ lifecycle: thirtyDays });
    const events = [reg('B', '2024-03-01')];
    expect(periodEnd('2024-03-01', days(30), 'Asia/Shanghai')).toBe('2024-04-01');
    expect(owner(events, '2024-03-31', p).owner).toBe('B');
    expect(owner(events, '2024-04-01', p).owner).toBeNull();
  });

  it('restarts the count on an effective follow-up but not on an ineffective one (unreached, or under 3 minutes)', () => {
    const p = office({ lifecycle: thirtyDays });
    const effective = [reg('B', '2024-03-01'), call('B', '2024-03-20', true, { minutes: 5 })];
    expect(owner(effective, '2024-04-15', p).owner).toBe('B');
    expect(owner(effective, '2024-04-15', p).protectedUntil).toBe('2024-04-19T16:00:00.000Z');
    const short = [reg('B', '2024-03-01'), call('B', '2024-03-20', true, { minutes: 2 })];
    expect(owner(short, '2024-04-15', p).owner).toBeNull();
    const unreached = [reg('B', '2024-03-01'), call('B', '2024-03-20', false, { minutes: 9 })];
    expect(owner(unreached, '2024-04-15', p).owner).toBeNull();
  });

  it('refuses a follow-up lacking the attrs fact the effective-contact condition reads, naming the fact', () => {
    const p = office({ lifecycle: thirtyDays });
    const e = refusal(() => owner([reg('B', '2024-03-01'), call('B', '2024-03-20')], '2024-04-15', p));
    expect(e.code).toBe('invalid_input');
    // At the follow-up itself, the second event of the history.
    expect(e.path).toEqual(['history', 'events', 1, 'attrs', 'minutes']);
    expect(e.message).toContain('attrs.minutes');
  });

  it('moves a reported claim (7 days) into a viewing phase (60 days) on the customer’s visit naming the claimant, from that day on', () => {
    const p = office({
      lifecycle: {
        initial: 'reported',
        phases: {
          reported: { label: '报备期', duration: days(7) },
          viewing: { label: '带看保护期', duration: days(60) },
        },
        transitions: [{ from: ['reported'], on: { kind: 'visit' }, to: 'viewing' }],
      },
    });
    const noVisit = [reg('B', '2024-03-01')];
    expect(owner(noVisit, '2024-03-08', p).owner).toBe('B');
    expect(owner(noVisit, '2024-03-09', p).owner).toBeNull();
    const visited = [reg('B', '2024-03-01'), visit('2024-03-05', 'A', ['B'])];
    // 60 days counted from the visit (5 March), not from the registration: valid through 4 May.
    expect(owner(visited, '2024-05-04', p, '12:00').owner).toBe('B');
    expect(owner(visited, '2024-05-05', p, '12:00').owner).toBeNull();
    // A visit after the report lapsed does not move it (the claim is gone; no revival rule): the
    // receiver on turn takes the visit as new, and nobody holds a registration.
    const lapsed = owner([reg('B', '2024-03-01'), visit('2024-03-10', 'A', ['B'])], '2024-03-20', p);
    expect(lapsed.owner).toBeNull();
    expect(lapsed.visits[0]?.previous).toBeNull();
  });

  it('shortens a claim when another salesperson reports the customer (a transition on another claim’s event)', () => {
    const p = office({
      lifecycle: {
        initial: 'protected',
        phases: { protected: { duration: days(30) }, contested: { duration: days(3) } },
        transitions: [{ from: ['protected'], on: { kind: 'registration', by: 'other' }, to: 'contested' }],
      },
    });
    const events = [reg('B', '2024-03-01'), reg('C', '2024-03-10')];
    expect(owner(events, '2024-03-13', p).owner).toBe('B');
    // B's contested phase ends after 13 March; C's own claim takes over.
    expect(owner(events, '2024-03-14', p).owner).toBe('C');
  });

  it('counts working days on the context’s calendar (the National Day holiday does not count)', () => {
    const p = office({
      lifecycle: {
        initial: 'protected',
        phases: { protected: { duration: { unit: 'workingDays', amount: 3, inclusive: true } } },
      },
    });
    const claim = claimOf(reg('B', '2024-09-30') as never, [], p.params, 'Asia/Shanghai', chinaCalendar());
    // 30 Sept: 1–7 Oct are holidays; the 3rd working day after is 10 Oct.
    expect(claim.expiresOn).toBe('2024-10-11');
    expect(claim.phase).toBe('protected');
  });

  it('refuses phases that do not connect, an unknown phase, the reserved name and a cycle of elapsed time, each at its path', () => {
    const bad = (lifecycle: unknown) => refusal(() => office({ lifecycle }));
    const island = bad({
      initial: 'a',
      phases: { a: { duration: days(3) }, island: { duration: days(3) } },
    });
    expect(island.path).toEqual(['policy', 'params', 'lifecycle', 'phases', 'island']);
    expect(island.message).toContain('does not connect');
    const unknown = bad({ initial: 'a', phases: { a: { duration: days(3), next: 'grace' } } });
    expect(unknown.path).toEqual(['policy', 'params', 'lifecycle', 'phases', 'a', 'next']);
    expect(unknown.message).toContain('no phase grace');
    expect(bad({ initial: 'x', phases: { a: { duration: days(3) } } }).path).toEqual([
      'policy',
      'params',
      'lifecycle',
      'initial',
    ]);
    expect(bad({ initial: 'expired', phases: { expired: { duration: days(3) } } }).path).toContain('phases');
    const cycle = bad({
      initial: 'a',
      phases: { a: { duration: days(3), next: 'b' }, b: { duration: days(3), next: 'a' } },
    });
    expect(cycle.path.slice(-1)).toEqual(['next']);
    expect(cycle.message).toContain('never end');
  });
});

describe('revival rules (issue 14 capability 2)', () => {
  const withRevival = office({
    lifecycle: {
      initial: 'protected',
      phases: { protected: { duration: days(30) } },
      revival: [
        {
          after: 'expiry',
          within: days(7),
          on: { kind: 'registration', when: { attribute: ['renewal', 'managerApproved'], equals: true } },
          to: 'protected',
        },
      ],
    },
  });
  const renew = (who: string, date: string) => reg(who, date, { renewal: { managerApproved: true } });

  it('gives an expired claim back on an approved re-registration inside the window (last day inside)', () => {
    // Expired on 1 April; the 7-day window after the expiry covers 1–7 April.
    const events = [reg('B', '2024-03-01'), renew('B', '2024-04-07')];
    expect(owner(events, '2024-04-09', withRevival).owner).toBe('B');
  });

  it('does not revive on the first day outside the window, nor on a plain follow-up', () => {
    expect(
      owner([reg('B', '2024-03-01'), renew('B', '2024-04-08')], '2024-04-10', withRevival).owner,
    ).toBeNull();
    expect(
      owner([reg('B', '2024-03-01'), call('B', '2024-04-03')], '2024-04-04', withRevival).owner,
    ).toBeNull();
  });

  it('never revives over a claim made between the expiry and the revival', () => {
    const events = [reg('B', '2024-03-01'), reg('C', '2024-04-02'), renew('B', '2024-04-05')];
    const d = owner(events, '2024-04-06', withRevival);
    expect(d.owner).toBe('C');
  });
});

describe('staleness hand-over (issue 14 capability 4)', () => {
  const handOver = office({
    lifecycle: {
      initial: 'protected',
      phases: { protected: { duration: days(10) }, held: { label: '经理暂管期', duration: days(5) } },
      handOver: { role: 'salesManager', phase: 'held' },
    },
  });
  const staff = [...STAFF, { id: 'M', roles: ['salesManager'] }];
  const at_ = (events: EventInput[], now: string) =>
    ownershipOf({ customerId: 'c1', staff, events }, handOver, ctx(now)).value;

  it('hands a stale customer to the first staff member with the role, counted from the stale day (S001-ATTR-10)', () => {
    // B: 2–11 March; stale on 12 March; M holds 13–17 March; the pool on the 18th.
    expect(at_([reg('B', '2024-03-01')], '2024-03-11').owner).toBe('B');
    expect(at_([reg('B', '2024-03-01')], '2024-03-12').owner).toBe('M');
    expect(at_([reg('B', '2024-03-01')], '2024-03-17').owner).toBe('M');
    expect(at_([reg('B', '2024-03-01')], '2024-03-18').owner).toBeNull();
  });

  it('does not hand over while another claim is live, and ranks a later registration after the hand-over', () => {
    expect(at_([reg('B', '2024-03-01'), reg('C', '2024-03-05')], '2024-03-13').owner).toBe('C');
    expect(at_([reg('B', '2024-03-01'), reg('C', '2024-03-14')], '2024-03-15').owner).toBe('M');
  });

  it('makes a reassignment a claim with a lifecycle: it ends, and earlier claims do not come back (S001-ATTR-10)', () => {
    const p = office({
      lifecycle: {
        initial: 'protected',
        phases: {
          protected: { duration: days(60) },
          reassigned: { label: '调配跟进期', duration: days(10) },
        },
        reassignment: { phase: 'reassigned' },
      },
    });
    const reassign = {
      type: 'reassignment',
      at: at('2024-03-05', '09:00'),
      customerId: 'c1',
      toId: 'C',
      reason: 'inadequateService',
    } as EventInput;
    const events = [reg('B', '2024-03-01'), reassign];
    expect(owner(events, '2024-03-15', p).owner).toBe('C');
    expect(owner(events, '2024-03-15', p).protectedUntil).toBe('2024-03-15T16:00:00.000Z');
    // Ended on 16 March: B's registration (made before the reassignment) does not come back.
    expect(owner(events, '2024-03-16', p).owner).toBeNull();
    expect(owner([...events, reg('A', '2024-03-20')], '2024-03-21', p).owner).toBe('A');
    // Without `reassignment` a reassignment holds without expiry, as before.
    expect(
      owner(
        events,
        '2024-04-30',
        office({ lifecycle: { initial: 'protected', phases: { protected: { duration: days(60) } } } }),
      ).owner,
    ).toBe('C');
  });

  it('refuses a hand-over when nobody on the roster has the role, naming the role', () => {
    const e = refusal(() =>
      ownershipOf(
        { customerId: 'c1', staff: STAFF, events: [reg('B', '2024-03-01')] },
        handOver,
        ctx('2024-03-12'),
      ),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['history', 'staff']);
    expect(e.message).toContain('salesManager');
  });

  it('refuses a hand-over to an unknown phase, at its path', () => {
    const e = refusal(() =>
      office({
        lifecycle: {
          initial: 'a',
          phases: { a: { duration: days(3) } },
          handOver: { role: 'x', phase: 'held' },
        },
      }),
    );
    expect(e.path).toEqual(['policy', 'params', 'lifecycle', 'handOver', 'phase']);
  });
});

describe('checks at the deal and the dispute window (issue 14 capability 3)', () => {
  const checks = (otherwise: string) =>
    office({
      dealChecks: {
        checks: [
          {
            stages: ['smallDeposit', 'contract'],
            within: days(15),
            require: { kind: 'followUp', when: { attribute: 'reached', equals: true } },
            otherwise,
          },
        ],
      },
    });
  // B registered; A received the returning customer with B absent (ASSIST: B 100 % performance).
  const base = (lastCall: string) => [
    reg('B', '2024-03-01'),
    call('B', lastCall),
    { ...visit('2024-03-25', 'A', ['B']), presentIds: ['A', 'C'] } as EventInput,
    deal('2024-03-25', 'A'),
  ];

  it('deems B to have given up when B made no effective follow-up in the 15 days before the deal: deal and customer to the closer', () => {
    const d = owner(base('2024-03-09'), '2024-03-26', checks('deemedGivenUp'));
    expect(d.deals[0]?.performance).toEqual([{ party: 'A', kind: 'staff', bp: 10_000 }]);
    expect(d.deals[0]?.bonus).toEqual([{ party: 'A', kind: 'staff', bp: 10_000 }]);
    expect(d.owner).toBe('A');
  });

  it('keeps the catalog split when B’s last follow-up is on the last day of the window', () => {
    // A follow-up on 10 March covers 11–25 March: the deal on the 25th is inside.
    const d = owner(base('2024-03-10'), '2024-03-26', checks('deemedGivenUp'));
    expect(d.deals[0]?.performance).toEqual([{ party: 'B', kind: 'staff', bp: 10_000 }]);
    expect(d.deals[0]?.governingCase).toBe('ASSIST');
  });

  it('sends the deal to the manager, or keeps it with B, as the check says', () => {
    const manager = owner(base('2024-03-09'), '2024-03-26', checks('managerDecides'));
    expect(manager.deals[0]?.status).toBe('requiresManagerDecision');
    expect(manager.deals[0]?.performance).toEqual([]);
    const keeps = owner(base('2024-03-09'), '2024-03-26', checks('ownerKeeps'));
    expect(keeps.deals[0]?.performance).toEqual([{ party: 'B', kind: 'staff', bp: 10_000 }]);
  });

  it('hears a dispute after the deal only inside the dispute window', () => {
    const p = office({ dealChecks: { disputeWindow: days(3) } });
    const dispute = (date: string) =>
      ({
        type: 'dispute',
        at: at(date, '09:00'),
        customerId: 'c1',
        parties: ['A', 'B'],
        outcome: 'managerRuling',
        winnerId: 'C',
      }) as EventInput;
    const events = [reg('A', '2024-03-01'), visit('2024-03-02', 'A'), deal('2024-03-02', 'A')];
    expect(owner([...events, dispute('2024-03-05')], '2024-03-06', p).deals[0]?.governingCase).toBe(
      'CROSSOVER',
    );
    expect(owner([...events, dispute('2024-03-06')], '2024-03-07', p).deals[0]?.governingCase).not.toBe(
      'CROSSOVER',
    );
  });
});

describe('split matrix (issue 14 capability 5)', () => {
  const matrix = (rows: unknown[]) => office({ splitMatrix: rows });
  const informedRow = {
    cases: ['ASSIST'],
    when: { attribute: ['visit', 'attrs', 'informedPrevious'], equals: true },
    performance: { previous: 70, receiver: 30 },
    bonus: { previous: 50, receiver: 50 },
  };
  const sameDayRow = {
    cases: ['ASSIST'],
    when: { attribute: 'sameDay', equals: true },
    performance: { previous: 100 },
    bonus: { previous: 60, closer: 40 },
  };
  const assist = (attrs?: Record<string, boolean>, dealDate = '2024-03-10') => [
    reg('B', '2024-03-01'),
    { ...visit('2024-03-10', 'A', ['B']), presentIds: ['A', 'C'], ...(attrs ? { attrs } : {}) } as EventInput,
    deal(dealDate, 'A'),
  ];

  it('splits performance and bonus separately by role when the row’s condition on the visit’s attrs holds', () => {
    const d = owner(assist({ informedPrevious: true }), '2024-03-20', matrix([informedRow, sameDayRow]));
    expect(d.deals[0]?.performance).toEqual([
      { party: 'B', kind: 'staff', bp: 7000 },
      { party: 'A', kind: 'staff', bp: 3000 },
    ]);
    expect(d.deals[0]?.bonus.map((s) => s.bp)).toEqual([5000, 5000]);
  });

  it('falls through to the next row (same-day deal) and to the catalog split when none applies', () => {
    const d = owner(assist({ informedPrevious: false }), '2024-03-20', matrix([informedRow, sameDayRow]));
    expect(d.deals[0]?.bonus).toEqual([
      { party: 'B', kind: 'staff', bp: 6000 },
      { party: 'A', kind: 'staff', bp: 4000 },
    ]);
    const later = owner(
      assist({ informedPrevious: false }, '2024-03-12'),
      '2024-03-20',
      matrix([informedRow, sameDayRow]),
    );
    // seed criterion (3): B 80 / A 20
    expect(later.deals[0]?.bonus.map((s) => s.bp)).toEqual([8000, 2000]);
  });

  it('refuses a visit lacking the fact a row reads, naming the fact', () => {
    const e = refusal(() => owner(assist(), '2024-03-20', matrix([informedRow])));
    // At the visit the row reads (the second event), not at the deal.
    expect(e.path).toEqual(['history', 'events', 1, 'attrs', 'informedPrevious']);
    expect(e.message).toContain('visit.attrs.informedPrevious');
    // A row reading the deal's facts is cited at the deal (the third event).
    const fullPayment = {
      ...informedRow,
      when: { attribute: ['deal', 'attrs', 'fullPayment'], equals: true },
    };
    const atDeal = refusal(() =>
      owner(assist({ informedPrevious: true }), '2024-03-20', matrix([fullPayment])),
    );
    expect(atDeal.path).toEqual(['history', 'events', 2, 'attrs', 'fullPayment']);
    expect(atDeal.message).toContain('deal.attrs.fullPayment');
  });

  it('refuses a row whose performance or bonus does not sum to exactly 100 %, at its path', () => {
    const e = refusal(() =>
      matrix([{ cases: ['ASSIST'], performance: { previous: 70, receiver: 20 }, bonus: { previous: 100 } }]),
    );
    expect(e.path).toEqual(['policy', 'params', 'splitMatrix', 0, 'performance']);
    expect(e.message).toContain('90 %');
  });
});

describe('the exported helpers refuse malformed arguments with a ZhiduError (never a TypeError)', () => {
  it('eventMatches, periodEnd and walkLifecycle name the argument at fault', () => {
    expect(refusal(() => eventMatches({ kind: 'followUp' }, undefined as never, 'B')).path[0]).toBe('event');
    // A fact the pattern reads and the event lacks: at the event's attrs.
    const needsMinutes = { kind: 'followUp' as const, when: { attribute: ['attrs', 'minutes'], gte: 3 } };
    expect(refusal(() => eventMatches(needsMinutes, call('B', '2024-03-01') as never, 'B')).path).toEqual([
      'event',
      'attrs',
      'minutes',
    ]);
    expect(eventMatches(needsMinutes, call('B', '2024-03-01', true, { minutes: 4 }) as never, 'B')).toBe(
      true,
    );
    expect(
      refusal(() => eventMatches({ kind: 'folowUp' } as never, call('B', '2024-03-01') as never, 'B'))
        .path[0],
    ).toBe('match');
    expect(refusal(() => periodEnd('2024-13-01', days(3), 'Asia/Shanghai')).path[0]).toBe('from');
    expect(
      refusal(() => periodEnd('2024-03-01', { unit: 'weeks', amount: 1 } as never, 'Asia/Shanghai')).path[0],
    ).toBe('duration');
    expect(
      refusal(() => walkLifecycle({ salespersonId: 'B' } as never, [], thirtyDays as never, 'Asia/Shanghai'))
        .path[0],
    ).toBe('reg');
    expect(
      walkLifecycle(
        { salespersonId: 'B', at: at('2024-03-01'), channel: 'walkIn', eveningRecord: true },
        [call('B', '2024-03-20', true, { minutes: 4 }) as never],
        thirtyDays as never,
        'Asia/Shanghai',
      ).expiresOn,
    ).toBe('2024-04-20');
    // The second later event lacks the minutes the effective-contact condition reads.
    expect(
      refusal(() =>
        walkLifecycle(
          { salespersonId: 'B', at: at('2024-03-01'), channel: 'walkIn', eveningRecord: true },
          [call('B', '2024-03-10', true, { minutes: 4 }) as never, call('B', '2024-03-20') as never],
          thirtyDays as never,
          'Asia/Shanghai',
        ),
      ).path,
    ).toEqual(['later', 1, 'attrs', 'minutes']);
    // claimOf walks the same lifecycle: the same event, at the same index of its own later list.
    expect(
      refusal(() =>
        claimOf(
          reg('B', '2024-03-01') as never,
          [call('B', '2024-03-10', true, { minutes: 4 }) as never, call('B', '2024-03-20') as never],
          office({ lifecycle: thirtyDays }).params,
          'Asia/Shanghai',
        ),
      ).path,
    ).toEqual(['later', 1, 'attrs', 'minutes']);
  });
});

describe('properties of the office vocabulary (seeded)', () => {
  const lifecycleArb = fc.record({
    amount: fc.integer({ min: 1, max: 40 }),
    inclusive: fc.boolean(),
    grace: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
    revive: fc.boolean(),
  });
  const policyOf = (l: { amount: number; inclusive: boolean; grace?: number; revive: boolean }) =>
    office({
      lifecycle: {
        initial: 'protected',
        phases: {
          protected: {
            duration: days(l.amount, l.inclusive),
            countFrom: 'latestEffectiveContact',
            ...(l.grace !== undefined ? { next: 'grace' } : {}),
          },
          ...(l.grace !== undefined ? { grace: { duration: days(l.grace) } } : {}),
        },
        effectiveContact: [{ kind: 'followUp', when: { attribute: 'reached', equals: true } }],
        revival: l.revive
          ? [
              {
                after: 'expiry',
                within: days(10),
                on: { kind: 'followUp', when: { attribute: 'reached', equals: true } },
                to: 'protected',
              },
            ]
          : [],
      },
    });
  const eventArb = fc.record({
    day: fc.integer({ min: 1, max: 120 }),
    who: fc.constantFrom('A', 'B', 'C'),
    kind: fc.constantFrom('registration', 'followUp', 'followUpMissed'),
  });
  const dateOf = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
  const logOf = (xs: { day: number; who: string; kind: string }[]): EventInput[] =>
    [{ day: 0, who: 'A', kind: 'registration' }, ...xs]
      .map((x) =>
        x.kind === 'registration'
          ? reg(x.who, dateOf(x.day))
          : call(x.who, dateOf(x.day), x.kind === 'followUp'),
      )
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  it('has at most one owner at any instant, a rostered salesperson, for any log and lifecycle in the space', () => {
    fc.assert(
      fc.property(
        lifecycleArb,
        fc.array(eventArb, { maxLength: 10 }),
        fc.integer({ min: 0, max: 130 }),
        (l, xs, probe) => {
          const d = owner(logOf(xs), dateOf(probe), policyOf(l));
          expect(d.owner === null || ['A', 'B', 'C'].includes(d.owner)).toBe(true);
          if (d.owner !== null) expect(d.needsManagerReview).toBe(false);
        },
      ),
      { numRuns: 150, seed: 14 },
    );
  });

  it('never lets an expired claim beat a claim made after its expiry unless a revival rule fires', () => {
    fc.assert(
      fc.property(
        lifecycleArb,
        fc.array(eventArb, { maxLength: 8 }),
        fc.integer({ min: 0, max: 30 }),
        (l, xs, gap) => {
          const p = policyOf(l);
          const aExpires = claimOf(reg('A', dateOf(0)) as never, [], p.params, 'Asia/Shanghai')
            .expiresOn as string;
          const bDay = Math.round((Date.parse(aExpires) - Date.UTC(2024, 0, 1)) / 86_400_000) + gap;
          // A's claim, never touched before B's, is gone when B registers; only A's contacts follow.
          const after = xs
            .filter((x) => x.who === 'A' && x.kind !== 'registration')
            .map((x) => ({ ...x, day: bDay + 1 + (x.day % 20) }));
          const events = logOf([{ day: bDay, who: 'B', kind: 'registration' }, ...after]);
          const probe = dateOf(bDay + 1 + (gap % 25));
          const d = owner(events, probe, p);
          if (!l.revive) expect(d.owner).not.toBe('A');
          // Even with a revival rule, a revived A ranks from its revival, after B: B keeps it while protected.
          const b = claimOf(events[1] as never, events.slice(2) as never, p.params, 'Asia/Shanghai');
          if (b.expiresOn === null || probe < b.expiresOn) expect(d.owner).toBe('B');
          if (d.owner === 'A') expect(l.revive).toBe(true);
        },
      ),
      { numRuns: 150, seed: 1414 },
    );
  });

  it('splits performance and bonus of every deal into shares summing to exactly 100 % under any valid matrix', () => {
    const rowArb = fc
      .record({
        p: fc.integer({ min: 0, max: 10_000 }),
        b: fc.integer({ min: 0, max: 10_000 }),
        sameDay: fc.boolean(),
      })
      .map(({ p, b, sameDay }) => ({
        cases: ['ASSIST', 'REFUSED', 'NEW', 'DESIGNATED', 'NTH_DESIGNATED', 'FORGOT', 'MULTI_NAMED'],
        when: { attribute: 'sameDay', equals: sameDay },
        performance: { receiver: p / 100, closer: (10_000 - p) / 100 },
        bonus: { previous: b / 100, receiver: (10_000 - b) / 100 },
      }));
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 3 }),
        fc.array(
          fc.record({
            day: fc.integer({ min: 1, max: 40 }),
            turn: fc.constantFrom('A', 'B', 'C'),
            named: fc.subarray(['A', 'B', 'C']),
            closer: fc.constantFrom('A', 'B', 'C'),
            gap: fc.integer({ min: 0, max: 2 }),
          }),
          { maxLength: 4 },
        ),
        (rows, visits) => {
          const events: EventInput[] = [reg('B', dateOf(0))];
          for (const v of [...visits].sort((a, b) => a.day - b.day)) {
            events.push(visit(dateOf(v.day), v.turn, v.named), deal(dateOf(v.day + v.gap), v.closer));
          }
          events.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
          const d = owner(events, dateOf(60), office({ splitMatrix: rows }));
          for (const dl of d.deals) {
            for (const shares of [dl.performance, dl.bonus]) {
              if (shares.length > 0) expect(shares.reduce((s, x) => s + x.bp, 0)).toBe(10_000);
            }
          }
        },
      ),
      { numRuns: 120, seed: 141414 },
    );
  });
});
