import { describe, expect, it } from 'vitest';
import { isLongLeave, reassignByLottery } from './draw.js';
import type { SalesHistoryInput } from './events.js';
import { makeContext, seededRng, ZhiduError } from './kernel.js';
import { defineSalesOfficePolicy, salesOfficePolicyJsonSchema } from './policy.js';
import { dealerRegistration000b, salesOffice001 } from './presets.js';
import { expiryDate } from './protection.js';
import { ownershipOf } from './resolve.js';
import { sharesOf, splitAmount } from './shares.js';

type EventInput = SalesHistoryInput['events'][number];

const STAFF = ['A', 'B', 'C', 'D', 'E', 'K', 'L', 'R', 'S', 'T'].map((id) => ({ id }));

function at(date: string, time = '10:00'): string {
  return `${date}T${time}+08:00`;
}

function reg(
  who: string,
  date: string,
  time = '10:30',
  customerId = 'c1',
  extra: Record<string, unknown> = {},
): EventInput {
  return {
    type: 'registration',
    at: at(date, time),
    customerId,
    salespersonId: who,
    channel: 'walkIn',
    fields: { name: '王先生', phone: '13800000000' },
    ...extra,
  } as EventInput;
}

function visit(
  date: string,
  time: string,
  onTurnId: string,
  opts: {
    customerId?: string;
    visitedBefore?: 'no' | 'yes' | 'forgot';
    named?: string[];
    designatedOnEntry?: string;
    present?: string[];
    refusesPrevious?: boolean;
    complaintAgainstPrevious?: boolean;
    context?: 'normal' | 'propertyExpo' | 'launch' | 'otherEvent';
    discountApproachTo?: string;
    neglectedBy?: string[];
  } = {},
): EventInput {
  const e: Record<string, unknown> = {
    type: 'visit',
    at: at(date, time),
    customerId: opts.customerId ?? 'c1',
    onTurnId,
    intake: {
      visitedBefore: opts.visitedBefore ?? 'no',
      named: opts.named ?? [],
      refusesPrevious: opts.refusesPrevious ?? false,
      complaintAgainstPrevious: opts.complaintAgainstPrevious ?? false,
    },
    presentIds: opts.present ?? ['A', 'B', 'C', 'T'],
    context: opts.context ?? 'normal',
  };
  if (opts.designatedOnEntry !== undefined) e.designatedOnEntry = opts.designatedOnEntry;
  if (opts.discountApproachTo !== undefined) e.discountApproachTo = opts.discountApproachTo;
  if (opts.neglectedBy !== undefined) e.neglectedBy = opts.neglectedBy;
  return e as EventInput;
}

function deal(
  date: string,
  closerId: string,
  opts: { time?: string; unitId?: string; customerId?: string } = {},
): EventInput {
  const e: Record<string, unknown> = {
    type: 'deal',
    at: at(date, opts.time ?? '16:00'),
    customerId: opts.customerId ?? 'c1',
    stage: 'contract',
    closerId,
  };
  if (opts.unitId !== undefined) e.unitId = opts.unitId;
  return e as EventInput;
}

function history(events: EventInput[], customerId = 'c1'): SalesHistoryInput {
  return { customerId, staff: STAFF, events };
}

const ctx = (date: string, seed?: number) =>
  makeContext({ now: at(date, '23:00'), ...(seed !== undefined ? { seed } : {}) });

function refused(fn: () => unknown): ZhiduError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ZhiduError) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError');
}

describe('bad input is refused with ZhiduError', () => {
  it('refuses events out of time order', () => {
    const e = refused(() =>
      ownershipOf(
        history([reg('B', '2024-03-02'), reg('A', '2024-03-01')]),
        salesOffice001,
        ctx('2024-03-05'),
      ),
    );
    expect(e.code).toBe('out_of_order');
    expect(e.path).toEqual(['history', 'events', 1, 'at']);
  });
  it('refuses a deal before any registration or visit', () => {
    const e = refused(() =>
      ownershipOf(history([deal('2024-03-01', 'A')]), salesOffice001, ctx('2024-03-05')),
    );
    expect(e.code).toBe('invalid_state');
  });
  it('refuses an unknown salesperson', () => {
    const e = refused(() =>
      ownershipOf(history([reg('Z', '2024-03-01')]), salesOffice001, ctx('2024-03-05')),
    );
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['history', 'events', 0, 'salespersonId']);
  });
  it('refuses a policy whose split does not sum to 100 %', () => {
    const bad = {
      ...salesOffice001,
      params: {
        ...salesOffice001.params,
        splits: { ...salesOffice001.params.splits, refused: { receiver: 80, previous: 30 } },
      },
    };
    const e = refused(() => defineSalesOfficePolicy(bad));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'splits', 'refused']);
  });
  it('refuses a manager decision whose shares do not sum to 100 %', () => {
    const h = history([
      reg('A', '2024-03-01'),
      {
        type: 'managerDecision',
        at: at('2024-03-02'),
        customerId: 'c1',
        ownerId: 'A',
        performance: { A: 60 },
        bonus: { A: 100 },
      },
    ]);
    expect(refused(() => ownershipOf(h, salesOffice001, ctx('2024-03-05'))).code).toBe('invalid_ratio');
  });
  it('refuses an instant without an offset', () => {
    const h = history([{ ...reg('A', '2024-03-01'), at: '2024-03-01T10:00' }]);
    const e = refused(() => ownershipOf(h, salesOffice001, ctx('2024-03-05')));
    expect(e.path).toEqual(['history', 'events', 0, 'at']);
  });
  it('refuses a random draw without a seeded rng in the context (S001-ATTR-28)', () => {
    const h = history([
      reg('S', '2024-03-01'),
      { type: 'departure', at: at('2024-03-10'), salespersonId: 'S', kind: 'transfer' },
    ]);
    expect(refused(() => ownershipOf(h, salesOffice001, ctx('2024-03-20'))).path).toEqual(['ctx', 'rng']);
  });
  it('reports a registration missing required fields as an invalid registration outcome, not an error (S000B-ATTR-01)', () => {
    const d = ownershipOf(
      history([reg('A', '2024-03-01', '10:00', 'c1', { fields: { name: '王' } })]),
      salesOffice001,
      ctx('2024-03-02'),
    );
    expect(d.value.owner).toBeNull();
    expect(d.value.invalidRegistrations).toEqual([
      { at: '2024-03-01T02:00:00.000Z', salespersonId: 'A', missing: ['phone'], badChannel: false },
    ]);
  });
});

describe('random draw on leave or transfer (S001-ATTR-28)', () => {
  const h = history([
    reg('S', '2024-03-01'),
    { type: 'departure', at: at('2024-03-10'), salespersonId: 'S', kind: 'transfer' },
  ]);
  it('draws an heir other than the departing salesperson, reproducibly from the seed (S001-ATTR-28)', () => {
    const a = ownershipOf(h, salesOffice001, ctx('2024-03-20', 42)).value;
    const b = ownershipOf(h, salesOffice001, ctx('2024-03-20', 42)).value;
    expect(a.owner).toBe(b.owner);
    expect(a.owner).not.toBe('S');
    expect(a.basis).toBe('heir');
    const owners = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((s) => ownershipOf(h, salesOffice001, ctx('2024-03-20', s)).value.owner),
    );
    expect(owners.size).toBeGreaterThan(1);
  });
  it('reassigns only after a long leave when a threshold is configured (S001-ATTR-28)', () => {
    const policy = {
      ...salesOffice001,
      params: {
        ...salesOffice001.params,
        departure: { ...salesOffice001.params.departure, longLeaveDays: 30 },
      },
    };
    const leave = (days: number) =>
      history([
        reg('S', '2024-03-01'),
        { type: 'departure', at: at('2024-03-10'), salespersonId: 'S', kind: 'longLeave', leaveDays: days },
      ]);
    expect(ownershipOf(leave(10), policy, ctx('2024-03-20', 1)).value.owner).toBe('S');
    expect(ownershipOf(leave(45), policy, ctx('2024-03-20', 1)).value.owner).not.toBe('S');
    expect(isLongLeave(10, 30)).toBe(false);
  });
  it('deals customers by independent draws or by a shuffled round-robin (S001-ATTR-28)', () => {
    const input = { departing: 'S', customers: ['c1', 'c2', 'c3'], eligible: ['B', 'C', 'D', 'S'] };
    const ind = reassignByLottery(input, seededRng(3)).value;
    expect(Object.values(ind).every((x) => ['B', 'C', 'D'].includes(x))).toBe(true);
    const rr = reassignByLottery({ ...input, mode: 'shuffleRoundRobin' }, seededRng(3)).value;
    expect(new Set(Object.values(rr)).size).toBe(3);
    expect(reassignByLottery(input, seededRng(3)).value).toEqual(ind);
  });
});

describe('general policy model', () => {
  it('counts protection from the latest effective follow-up when the policy says so; an unanswered call does not count', () => {
    const policy = {
      ...salesOffice001,
      params: {
        ...salesOffice001.params,
        protection: { ...salesOffice001.params.protection, countFrom: 'latestEffectiveFollowUp' as const },
      },
    };
    const follow = (reached: boolean) => ({
      type: 'followUp' as const,
      at: at('2024-04-20'),
      customerId: 'c1',
      salespersonId: 'B',
      reached,
    });
    expect(
      ownershipOf(history([reg('B', '2024-03-01'), follow(true)]), policy, ctx('2024-05-10')).value.owner,
    ).toBe('B');
    expect(
      ownershipOf(history([reg('B', '2024-03-01'), follow(false)]), policy, ctx('2024-05-10')).value.owner,
    ).toBeNull();
    expect(
      ownershipOf(history([reg('B', '2024-03-01'), follow(true)]), salesOffice001, ctx('2024-05-10')).value
        .owner,
    ).toBeNull();
  });
  it('gives each channel its own protection period', () => {
    const policy = {
      ...salesOffice001,
      params: {
        ...salesOffice001.params,
        protection: {
          ...salesOffice001.params.protection,
          byChannel: { phoneCall: { unit: 'days' as const, amount: 7 } },
        },
      },
    };
    const phone = reg('B', '2024-03-01', '10:00', 'c1', { channel: 'phoneCall' });
    expect(ownershipOf(history([phone]), policy, ctx('2024-03-07')).value.owner).toBe('B');
    expect(ownershipOf(history([phone]), policy, ctx('2024-03-08')).value.owner).toBeNull();
  });
  it("renews protection by re-registration only with the manager's approval when so configured", () => {
    const policy = {
      ...salesOffice001,
      params: {
        ...salesOffice001.params,
        protection: { ...salesOffice001.params.protection, renewal: 'managerApproval' as const },
      },
    };
    const renew = (ok: boolean) =>
      reg('B', '2024-04-25', '10:00', 'c1', { renewal: { managerApproved: ok } });
    expect(
      ownershipOf(history([reg('B', '2024-03-01'), renew(true)]), policy, ctx('2024-05-10')).value.owner,
    ).toBe('B');
    expect(
      ownershipOf(history([reg('B', '2024-03-01'), renew(false)]), policy, ctx('2024-05-10')).value.owner,
    ).toBeNull();
  });
  it('computes file expiry with month-end clamping (S001-ATTR-12)', () => {
    expect(expiryDate('2024-01-15', { unit: 'months', amount: 2 }, false)).toBe('2024-03-15');
    expect(expiryDate('2023-12-31', { unit: 'months', amount: 2 }, false)).toBe('2024-02-29');
  });
  it('splits money exactly by shares, never losing a fen', () => {
    expect(
      splitAmount(
        100_001,
        sharesOf([
          ['A', 80],
          ['B', 20],
        ]),
      ),
    ).toEqual({ A: 80_001, B: 20_000 });
    expect(
      sharesOf([
        ['A', 50],
        ['A', 50],
      ]),
    ).toEqual([{ party: 'A', kind: 'staff', bp: 10_000 }]);
  });
  it('exports the policy as JSON Schema', () => {
    const s = salesOfficePolicyJsonSchema();
    expect(JSON.stringify(s)).toContain('returningCustomerPolicy');
  });
  it('encodes the seed numbers in the presets (S001-ATTR-12, -18, -19, -23, -24, S000B-ATTR-01)', () => {
    const p = salesOffice001.params;
    expect(p.protection.default).toEqual({ unit: 'months', amount: 2 });
    expect(p.splits.refused).toEqual({ receiver: 80, previous: 20 });
    expect(p.splits.assist).toEqual({ previous: 80, assistant: 20 });
    expect(p.splits.forgotFound).toEqual({ receiver: 50, previous: 50 });
    expect(p.splits.nthDesignated).toEqual({ designee: 50, previous: 50 });
    expect(dealerRegistration000b.params.registration.requiredFields).toContain('hasAgent');
    expect(dealerRegistration000b.params.protection.default).toBeNull();
  });
});

describe('company reassignment', () => {
  it('moves an inadequately served customer to the employee the company chose, with no expiry (S001-ATTR-10)', () => {
    const h = history([
      reg('B', '2024-03-01'),
      {
        type: 'reassignment',
        at: at('2024-03-20'),
        customerId: 'c1',
        toId: 'E',
        reason: 'inadequateService',
      },
    ]);
    const d = ownershipOf(h, salesOffice001, ctx('2024-09-01'));
    expect(d.value).toMatchObject({ owner: 'E', basis: 'reassignment', protectedUntil: null });
    expect(d.trace.map((t) => t.rule)).toContain('S001-ATTR-10');
  });
});

describe('end-to-end example 1 in code', () => {
  it("keeps B's assist share through a later handback (S001-ATTR-19, S001-ATTR-17)", () => {
    const h = history([
      visit('2024-03-01', '10:00', 'B'),
      reg('B', '2024-03-01'),
      visit('2024-03-20', '14:00', 'A', { visitedBefore: 'yes', named: ['B'], present: ['A', 'C'] }),
      visit('2024-03-25', '14:00', 'C', { visitedBefore: 'yes', named: ['B'], present: ['B', 'C'] }),
      deal('2024-03-28', 'B'),
    ]);
    const d = ownershipOf(h, salesOffice001, ctx('2024-03-28'));
    expect(d.value.deals[0]?.bonus).toEqual([
      { party: 'B', kind: 'staff', bp: 8000 },
      { party: 'A', kind: 'staff', bp: 2000 },
    ]);
    expect(d.trace.map((t) => t.rule)).toContain('S001-ATTR-19');
  });
});
