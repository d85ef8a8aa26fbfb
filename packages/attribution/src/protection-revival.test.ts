/**
 * Regression tests for "an expired claim comes back" (urgent issue, point 2): after a file expires
 * (S001-ATTR-12: "after it expires, the salesperson has no claim"), the old holder's later follow-up
 * must not revive it; a claim may come back only through the policy's explicit renewal rule
 * (`protection.renewal`), and never over a claim someone else made in between (S001-ATTR-11 example 3).
 */
import { describe, expect, it } from 'vitest';
import type { SalesHistoryInput } from './events.js';
import { makeContext } from './kernel.js';
import type { SalesOfficeParams } from './policy.js';
import { salesOffice001 } from './presets.js';
import { claimOf } from './protection.js';
import { ownershipOf, ownershipOfAll } from './resolve.js';

type EventInput = SalesHistoryInput['events'][number];
type RegistrationInput = Extract<EventInput, { type: 'registration' }>;

const STAFF = ['A', 'B', 'C'].map((id) => ({ id }));
const COUNT_FROM = ['registration', 'latestEffectiveFollowUp'] as const;
const RENEWAL = ['none', 'managerApproval', 'free'] as const;

const at = (date: string, time = '10:00'): string => `${date}T${time}+08:00`;
const ctx = (date: string) => makeContext({ now: at(date, '23:00') });

function reg(who: string, date: string, extra: Partial<RegistrationInput> = {}): EventInput {
  return {
    type: 'registration',
    at: at(date),
    customerId: 'c1',
    salespersonId: who,
    channel: 'walkIn',
    fields: { name: '王先生', phone: '13800000000' },
    ...extra,
  } as EventInput;
}

function call(who: string, date: string, reached = true): EventInput {
  return { type: 'followUp', at: at(date, '15:00'), customerId: 'c1', salespersonId: who, reached };
}

/** A re-registration that asks for renewal, signed off by the manager. */
const renewal = (who: string, date: string): EventInput =>
  reg(who, date, { renewal: { managerApproved: true } } as Partial<RegistrationInput>);

/** Seed 001's preset with a 15-day protection and the given counting / renewal settings. */
function policy(
  countFrom: SalesOfficeParams['protection']['countFrom'],
  renewalMode: SalesOfficeParams['protection']['renewal'],
) {
  return {
    ...salesOffice001,
    params: {
      ...salesOffice001.params,
      protection: {
        ...salesOffice001.params.protection,
        default: { unit: 'days' as const, amount: 15 },
        countFrom,
        renewal: renewalMode,
      },
    },
  };
}

const history = (events: EventInput[]): SalesHistoryInput => ({ customerId: 'c1', staff: STAFF, events });

/** The trace's final ownership line (S001-ATTR-25) names the owner. */
function ownerLine(trace: { rule: string; data?: Record<string, unknown> }[]): unknown {
  return trace.filter((t) => t.rule === 'S001-ATTR-25').at(-1)?.data?.owner;
}

// A registers 1 March: with 15 days the file is protected through 15 March and expires on 16 March.
// B validly registers on 20 March, while A has no claim. A then reaches the customer on 25 March.
const ISSUE = [reg('A', '2024-03-01'), reg('B', '2024-03-20'), call('A', '2024-03-25')];

describe('an expired claim does not revive over a claim made in between (S001-ATTR-11, S001-ATTR-12)', () => {
  for (const countFrom of COUNT_FROM) {
    for (const renewalMode of RENEWAL) {
      const pol = policy(countFrom, renewalMode);
      it(`S001-ATTR-12: A's follow-up after expiry does not revive A over B (countFrom ${countFrom}, renewal ${renewalMode})`, () => {
        const d = ownershipOf(history(ISSUE), pol, ctx('2024-03-26'));
        expect(d.value.owner).toBe('B');
        expect(d.value.basis).toBe('registration');
        // B's own 15 days from 20 March: protected until 4 April (exclusive).
        expect(d.value.protectedUntil).toBe('2024-04-03T16:00:00.000Z');
      });
      it(`S001-ATTR-25: the trace names B as owner and records A's expiry (countFrom ${countFrom}, renewal ${renewalMode})`, () => {
        const d = ownershipOf(history(ISSUE), pol, ctx('2024-03-26'));
        expect(ownerLine(d.trace)).toBe('B');
        const first = d.trace.find((t) => t.rule === 'S001-ATTR-11');
        expect(first?.message.en).toContain('B registered first');
        const expired = d.trace.find((t) => t.rule === 'S001-ATTR-12' && t.data?.salespersonId === 'A');
        expect(expired?.data?.expiresOn).toBe('2024-03-16');
      });
      it(`S001-ATTR-12: A's re-registration after expiry does not beat B's claim made in between (countFrom ${countFrom}, renewal ${renewalMode})`, () => {
        const events = [reg('A', '2024-03-01'), reg('B', '2024-03-20'), renewal('A', '2024-03-25')];
        const d = ownershipOf(history(events), pol, ctx('2024-03-26'));
        expect(d.value.owner).toBe('B');
        expect(ownerLine(d.trace)).toBe('B');
      });
      it(`S001-ATTR-12: a visit by the customer is still classified against B, not A (countFrom ${countFrom}, renewal ${renewalMode})`, () => {
        const events: EventInput[] = [
          ...ISSUE,
          {
            type: 'visit',
            at: at('2024-03-27'),
            customerId: 'c1',
            onTurnId: 'C',
            intake: {
              visitedBefore: 'yes',
              named: [],
              refusesPrevious: false,
              complaintAgainstPrevious: false,
            },
            presentIds: ['A', 'B', 'C'],
          },
        ];
        const d = ownershipOf(history(events), pol, ctx('2024-03-27'));
        expect(d.value.visits[0]?.previous).toBe('B');
        expect(d.value.visits[0]?.previousExpiresOn).toBe('2024-04-04');
      });
    }
  }

  it('S001-ATTR-12: the nightly batch (ownershipOfAll) gives the same owner B', () => {
    for (const countFrom of COUNT_FROM) {
      for (const renewalMode of RENEWAL) {
        const all = ownershipOfAll(
          { staff: STAFF, events: ISSUE },
          policy(countFrom, renewalMode),
          ctx('2024-03-26'),
        );
        expect(all.get('c1')?.value.owner).toBe('B');
      }
    }
  });

  it('S001-ATTR-23: a forgot-who lookup finding A does not count A as valid when only a late follow-up backs A', () => {
    const events: EventInput[] = [
      reg('A', '2024-03-01'),
      call('A', '2024-03-20'),
      {
        type: 'visit',
        at: at('2024-03-22'),
        customerId: 'c1',
        onTurnId: 'C',
        intake: {
          visitedBefore: 'forgot',
          named: [],
          refusesPrevious: false,
          complaintAgainstPrevious: false,
        },
        presentIds: ['A', 'B', 'C'],
      },
      { type: 'lookup', at: at('2024-03-22', '16:00'), customerId: 'c1', foundSalespersonId: 'A' },
      { type: 'deal', at: at('2024-03-28'), customerId: 'c1', stage: 'contract', closerId: 'C' },
    ];
    const d = ownershipOf(history(events), policy('latestEffectiveFollowUp', 'free'), ctx('2024-03-28'));
    expect(d.value.deals[0]?.bonus).toEqual([{ party: 'C', kind: 'staff', bp: 10_000 }]);
  });
});

describe('a claim returns after expiry only through the explicit renewal rule (S001-ATTR-12)', () => {
  for (const countFrom of COUNT_FROM) {
    it(`S001-ATTR-12: renewal 'free' brings A back when nobody claimed in between (countFrom ${countFrom})`, () => {
      const events = [reg('A', '2024-03-01'), reg('A', '2024-03-20')];
      const d = ownershipOf(history(events), policy(countFrom, 'free'), ctx('2024-03-26'));
      expect(d.value.owner).toBe('A');
      // 15 days counted from the renewal on 20 March.
      expect(d.value.protectedUntil).toBe('2024-04-03T16:00:00.000Z');
      const lapse = d.trace.find((t) => t.rule === 'S001-ATTR-12' && t.data?.lapsedOn !== undefined);
      expect(lapse?.data).toMatchObject({ salespersonId: 'A', lapsedOn: '2024-03-16' });
    });
    it(`S001-ATTR-12: renewal 'managerApproval' brings A back only with the manager's sign-off (countFrom ${countFrom})`, () => {
      const pol = policy(countFrom, 'managerApproval');
      const approved = ownershipOf(
        history([reg('A', '2024-03-01'), renewal('A', '2024-03-20')]),
        pol,
        ctx('2024-03-26'),
      );
      expect(approved.value.owner).toBe('A');
      expect(approved.value.protectedUntil).toBe('2024-04-03T16:00:00.000Z');
      const refused = ownershipOf(
        history([
          reg('A', '2024-03-01'),
          reg('A', '2024-03-20', { renewal: { managerApproved: false } } as Partial<RegistrationInput>),
        ]),
        pol,
        ctx('2024-03-26'),
      );
      expect(refused.value.owner).toBeNull();
    });
    it(`S001-ATTR-12: renewal 'none' never brings an expired claim back (countFrom ${countFrom})`, () => {
      const events = [reg('A', '2024-03-01'), renewal('A', '2024-03-20'), call('A', '2024-03-21')];
      const d = ownershipOf(history(events), policy(countFrom, 'none'), ctx('2024-03-26'));
      expect(d.value.owner).toBeNull();
    });
    it(`S001-ATTR-12: a returned claim takes over once the claim made in between has expired (countFrom ${countFrom})`, () => {
      // B: 20 March → expires 4 April. A renews on 25 March → protected until 9 April.
      const events = [reg('A', '2024-03-01'), reg('B', '2024-03-20'), renewal('A', '2024-03-25')];
      const pol = policy(countFrom, 'free');
      expect(ownershipOf(history(events), pol, ctx('2024-04-03')).value.owner).toBe('B');
      const later = ownershipOf(history(events), pol, ctx('2024-04-05'));
      expect(later.value.owner).toBe('A');
      expect(later.value.protectedUntil).toBe('2024-04-08T16:00:00.000Z');
    });
  }

  it("S001-ATTR-12: a follow-up after expiry is not a renewal, even with nobody in between (countFrom 'latestEffectiveFollowUp')", () => {
    for (const renewalMode of RENEWAL) {
      const events = [reg('A', '2024-03-01'), call('A', '2024-03-20')];
      const d = ownershipOf(
        history(events),
        policy('latestEffectiveFollowUp', renewalMode),
        ctx('2024-03-21'),
      );
      expect(d.value.owner).toBeNull();
      const late = d.trace.find((t) => t.rule === 'S001-ATTR-12' && t.data?.salespersonId === 'A');
      expect(late?.data).toMatchObject({
        expiresOn: '2024-03-16',
        ignoredAfterExpiry: ['2024-03-20T07:00:00.000Z'],
      });
    }
  });

  it("S001-ATTR-12: a follow-up while the file is protected still extends it (countFrom 'latestEffectiveFollowUp')", () => {
    // A: 1 March, reached on 10 March → protected through 24 March; B's registration on 12 March ranks after A.
    const events = [reg('A', '2024-03-01'), call('A', '2024-03-10'), reg('B', '2024-03-12')];
    const d = ownershipOf(history(events), policy('latestEffectiveFollowUp', 'none'), ctx('2024-03-20'));
    expect(d.value.owner).toBe('A');
    expect(d.value.protectedUntil).toBe('2024-03-24T16:00:00.000Z');
    // The last protected day of the extended period still holds; the next day A is gone and B (12 → 27 March) owns.
    expect(
      ownershipOf(history(events), policy('latestEffectiveFollowUp', 'none'), ctx('2024-03-24')).value.owner,
    ).toBe('A');
    expect(
      ownershipOf(history(events), policy('latestEffectiveFollowUp', 'none'), ctx('2024-03-25')).value.owner,
    ).toBe('B');
  });

  it("S001-ATTR-12: a renewal while the file is protected keeps A's place ahead of a claim made meanwhile (renewal 'free')", () => {
    const events = [reg('A', '2024-03-01'), reg('B', '2024-03-05'), reg('A', '2024-03-10')];
    const d = ownershipOf(history(events), policy('registration', 'free'), ctx('2024-03-22'));
    // A renewed on 10 March before the 16 March expiry: protected through 24 March, still ranked from 1 March.
    expect(d.value.owner).toBe('A');
    expect(d.value.protectedUntil).toBe('2024-03-24T16:00:00.000Z');
  });

  it('S001-ATTR-11: a returned claim does not outrank an uncorroborated claim made in between; the manager decides', () => {
    const events = [
      reg('A', '2024-03-01'),
      reg('B', '2024-03-20', { eveningRecord: false } as Partial<RegistrationInput>),
      reg('A', '2024-03-25'),
    ];
    const d = ownershipOf(history(events), policy('registration', 'free'), ctx('2024-03-26'));
    expect(d.value.owner).toBeNull();
    expect(d.value.needsManagerReview).toBe(true);
    const yielded = d.trace.find((t) => t.rule === 'S001-ATTR-12' && t.data?.yieldsTo !== undefined);
    expect(yielded?.data).toMatchObject({ salespersonId: 'A', yieldsTo: ['B'] });
  });

  it('S000B-ATTR-01: an invalid re-registration (missing phone) does not renew the claim', () => {
    const events = [reg('A', '2024-03-01'), reg('A', '2024-03-20', { fields: { name: '王先生' } })];
    const d = ownershipOf(history(events), policy('registration', 'free'), ctx('2024-03-26'));
    expect(d.value.owner).toBeNull();
  });
});

describe('claimOf walks the history in order (S001-ATTR-12)', () => {
  const params = policy('latestEffectiveFollowUp', 'free').params;
  const first = {
    type: 'registration' as const,
    at: at('2024-03-01'),
    customerId: 'c1',
    salespersonId: 'A',
    channel: 'walkIn' as const,
    fields: { name: '王先生', phone: '13800000000' },
    eveningRecord: true,
  };
  it('S001-ATTR-12: ignores a follow-up after expiry and reports it', () => {
    const claim = claimOf(
      first,
      [
        {
          type: 'followUp',
          at: at('2024-03-20'),
          customerId: 'c1',
          salespersonId: 'A',
          reached: true,
          method: 'phoneCall',
        },
      ],
      params,
      'Asia/Shanghai',
    );
    expect(claim).toMatchObject({
      from: '2024-03-01',
      expiresOn: '2024-03-16',
      registeredAt: first.at,
      lapsedOn: null,
      ignoredAfterExpiry: [at('2024-03-20')],
    });
  });
  it('S001-ATTR-12: a renewal after a lapse starts a fresh claim ranked from the renewal', () => {
    const again = { ...first, at: at('2024-03-20'), eveningRecord: false };
    const claim = claimOf(first, [again], params, 'Asia/Shanghai');
    expect(claim).toMatchObject({
      from: '2024-03-20',
      expiresOn: '2024-04-04',
      registeredAt: again.at,
      corroborated: false,
      lapsedOn: '2024-03-16',
    });
  });
});
