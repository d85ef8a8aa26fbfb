/**
 * Issue 14 capability 6 (who counts as the customer: related customers, staff relatives, referral
 * prior records) and the relation between the people of a split row (capability 5), with their
 * refusals and seeded properties over the new fields.
 */
import { isZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReferralRuleSchema, referrerRecord } from './customer-scope.js';
import type { CustomerEvent, SalesHistoryInput } from './events.js';
import { makeContext, type ZhiduError } from './kernel.js';
import { defineSalesOfficePolicy } from './policy.js';
import { salesOffice001 } from './presets.js';
import { ownershipOf } from './resolve.js';

type EventInput = SalesHistoryInput['events'][number];
type StaffInput = SalesHistoryInput['staff'][number];
const at = (date: string, time = '10:00'): string => `${date}T${time}+08:00`;
const ctx = (date: string, time = '23:00') => makeContext({ now: at(date, time) });
const STAFF: StaffInput[] = ['A', 'B', 'C'].map((id) => ({ id }));

const reg = (who: string, date: string, customerId = 'c1'): EventInput => ({
  type: 'registration',
  at: at(date),
  customerId,
  salespersonId: who,
  channel: 'walkIn',
  fields: { name: '王先生', phone: '13800000000' },
});
const visit = (date: string, turn: string, customerId = 'c1', named: string[] = []): EventInput =>
  ({
    type: 'visit',
    at: at(date, '11:00'),
    customerId,
    onTurnId: turn,
    intake: { visitedBefore: named.length > 0 ? 'yes' : 'no', named },
    presentIds: ['A', 'B', 'C'],
  }) as EventInput;
const deal = (date: string, closer: string, customerId = 'c1', stage = 'contract'): EventInput =>
  ({ type: 'deal', at: at(date, '16:00'), customerId, stage, closerId: closer }) as EventInput;
const link = (
  date: string,
  kind: 'household' | 'referral',
  customerId: string,
  other: string,
  relation?: string,
): EventInput =>
  ({
    type: 'link',
    at: at(date, '09:00'),
    customerId,
    kind,
    otherCustomerId: other,
    ...(relation ? { relation } : {}),
  }) as EventInput;

/** Seed 001's preset with an office's own rules added. */
const office = (extra: Record<string, unknown>) =>
  defineSalesOfficePolicy({
    ...salesOffice001,
    id: 'example-office',
    params: { ...salesOffice001.params, ...extra },
  });
const days = (amount: number, inclusive = false) => ({ unit: 'calendarDays' as const, amount, inclusive });

const own = (
  customerId: string,
  events: EventInput[],
  now: string,
  policy: ReturnType<typeof office>,
  staff: StaffInput[] = STAFF,
) => ownershipOf({ customerId, staff, events }, policy, ctx(now)).value;

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

describe('related customers (customerScope.related, S001-ATTR-27 generalised)', () => {
  const colleagues = office({
    customerScope: {
      related: [
        { relations: ['spouse', 'parent', 'child'], requireValidFile: true },
        { relations: ['sameCompany'], requireValidFile: true, within: days(15) },
      ],
    },
  });
  // c1 registered by B on 1 March; c2 (c1's colleague) first comes on day X and A is on turn.
  const colleagueLog = (day: string, relation = 'sameCompany') => [
    reg('B', '2024-03-01'),
    link('2024-03-02', 'household', 'c2', 'c1', relation),
    reg('A', day, 'c2'),
    visit(day, 'A', 'c2'),
  ];

  it('S001-ATTR-27: a colleague of B’s customer visiting on the last day of the 15-day window belongs to B', () => {
    // 15 days counted from 1 March, the last day not included: 15 March is the last day inside.
    const d = own('c2', colleagueLog('2024-03-15'), '2024-03-20', colleagues);
    expect(d.owner).toBe('B');
    expect(d.basis).toBe('household');
  });

  it('S001-ATTR-27: a colleague visiting on the first day outside the window is a new customer of the receiver', () => {
    const d = own('c2', colleagueLog('2024-03-16'), '2024-03-20', colleagues);
    expect(d.owner).toBe('A');
    expect(d.basis).toBe('registration');
  });

  it('a relation no rule names does not count, though the seed household switch would have taken any link', () => {
    const sibling = own('c2', colleagueLog('2024-03-05', 'sibling'), '2024-03-20', colleagues);
    expect(sibling.owner).toBe('A');
    const spouse = own('c2', colleagueLog('2024-03-25', 'spouse'), '2024-03-30', colleagues);
    expect(spouse.owner).toBe('B');
  });

  it('an empty list of relations turns the household rule off even where the seed switch is on', () => {
    const none = office({ customerScope: { related: [] } });
    expect(own('c2', colleagueLog('2024-03-05', 'spouse'), '2024-03-20', none).owner).toBe('A');
  });

  it('refuses a household link without its relation when the office’s relation rules need it, naming the fact', () => {
    const events = [
      reg('B', '2024-03-01'),
      link('2024-03-02', 'household', 'c2', 'c1'),
      visit('2024-03-05', 'A', 'c2'),
    ];
    const e = refusal(() => own('c2', events, '2024-03-20', colleagues));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['history', 'events', 1, 'relation']);
    expect(e.message).toContain('relation');
  });

  it('without customerScope a household link without a relation still counts (seed behaviour kept)', () => {
    const events = [
      reg('B', '2024-03-01'),
      link('2024-03-02', 'household', 'c2', 'c1'),
      visit('2024-03-05', 'A', 'c2'),
    ];
    expect(own('c2', events, '2024-03-20', salesOffice001).owner).toBe('B');
  });
});

describe('staff relatives (customerScope.staffRelatives, 员工亲属登记)', () => {
  const staffWith = (declaredAt: string, joinedAt?: string): StaffInput[] => [
    { id: 'A' },
    {
      id: 'B',
      ...(joinedAt ? { joinedAt: at(joinedAt) } : {}),
      relatives: [{ customerId: 'c1', relation: 'parent', declaredAt: at(declaredAt) }],
    },
    { id: 'C' },
  ];
  const beforeJoining = office({
    customerScope: { staffRelatives: [{ relations: ['parent', 'spouse'], declared: 'beforeJoining' }] },
  });

  it('S001-ATTR-27: a relative declared before the salesperson joined belongs to them, over an earlier registration', () => {
    const d = own(
      'c1',
      [reg('A', '2024-03-01')],
      '2024-03-10',
      beforeJoining,
      staffWith('2024-01-31', '2024-02-01'),
    );
    expect(d.owner).toBe('B');
    expect(d.basis).toBe('staffRelative');
    expect(d.protectedUntil).toBeNull();
  });

  it('a relative declared on the day the salesperson joined (not before) does not belong to them', () => {
    const d = own(
      'c1',
      [reg('A', '2024-03-01')],
      '2024-03-10',
      beforeJoining,
      staffWith('2024-02-01', '2024-02-01'),
    );
    expect(d.owner).toBe('A');
  });

  it('a relation the rule does not name does not count', () => {
    const staff: StaffInput[] = [
      { id: 'A' },
      {
        id: 'B',
        joinedAt: at('2024-02-01'),
        relatives: [{ customerId: 'c1', relation: 'sibling', declaredAt: at('2024-01-01') }],
      },
    ];
    expect(own('c1', [reg('A', '2024-03-01')], '2024-03-10', beforeJoining, staff).owner).toBe('A');
  });

  it('refuses a beforeJoining rule for a staff member whose roster entry lacks joinedAt, naming the fact', () => {
    const e = refusal(() =>
      own('c1', [reg('A', '2024-03-01')], '2024-03-10', beforeJoining, staffWith('2024-01-01')),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['history', 'staff', 1, 'joinedAt']);
    expect(e.message).toContain('joinedAt');
  });

  it('with minAge 30 days, a declaration is old enough on the 30th day after it and not the day before', () => {
    const aged = office({
      customerScope: {
        staffRelatives: [{ relations: ['parent'], declared: 'beforeFirstContact', minAge: days(30) }],
      },
    });
    // declared 1 Feb 2024; 30 days counted from it (the day itself not counted) run out on 2 March.
    const staff = staffWith('2024-02-01');
    expect(own('c1', [reg('A', '2024-03-02')], '2024-03-10', aged, staff).owner).toBe('B');
    expect(own('c1', [reg('A', '2024-03-01')], '2024-03-10', aged, staff).owner).toBe('A');
  });

  it('a declaration made after the customer’s first contact does not count under beforeFirstContact', () => {
    const first = office({
      customerScope: { staffRelatives: [{ relations: ['parent'], declared: 'beforeFirstContact' }] },
    });
    expect(own('c1', [reg('A', '2024-03-01')], '2024-03-10', first, staffWith('2024-03-02')).owner).toBe('A');
    const any = office({ customerScope: { staffRelatives: [{ relations: ['parent'], declared: 'any' }] } });
    expect(own('c1', [reg('A', '2024-03-01')], '2024-03-10', any, staffWith('2024-03-02')).owner).toBe('B');
    // …but not before it is declared.
    expect(own('c1', [reg('A', '2024-03-01')], '2024-03-01', any, staffWith('2024-03-02')).owner).toBe('A');
  });
});

describe('referrals (customerScope.referral, 老带新)', () => {
  const signed = office({
    customerScope: { referral: { requires: 'deal', stages: ['contract'], minAge: days(30) } },
  });
  const log = (referralDay: string, stage = 'contract') => [
    reg('B', '2024-02-20', 'c0'),
    deal('2024-03-01', 'B', 'c0', stage),
    link(referralDay, 'referral', 'c1', 'c0'),
    reg('A', referralDay, 'c1'),
    visit(referralDay, 'A', 'c1'),
  ];

  it('S001-ATTR-26: a referrer whose contract is 30 days old on the referral day passes the referral to its owner', () => {
    const d = own('c1', log('2024-03-31'), '2024-04-05', signed);
    expect(d.owner).toBe('B');
    expect(d.basis).toBe('referral');
  });

  it('S001-ATTR-26: one day short of 30 days the referral does not count, and the trace says why', () => {
    const full = ownershipOf(
      { customerId: 'c1', staff: STAFF, events: log('2024-03-30') },
      signed,
      ctx('2024-04-05'),
    );
    expect(full.value.owner).toBe('A');
    const note = full.trace.find((t) => t.rule === 'S001-ATTR-26' && t.message.en.includes('does not count'));
    expect(note?.data).toMatchObject({ referrer: 'c0', requires: 'deal' });
  });

  it('a small deposit is not the contract the rule asks for', () => {
    expect(own('c1', log('2024-04-15', 'smallDeposit'), '2024-04-20', signed).owner).toBe('A');
  });

  it('a registration rule counts the referrer’s registration, and none when the referrer never registered', () => {
    const registered = office({ customerScope: { referral: { requires: 'registration', minAge: days(7) } } });
    const byRegistration = (day: string, first: EventInput = reg('B', '2024-02-20', 'c0')) => [
      first,
      link(day, 'referral', 'c1', 'c0'),
      reg('A', day, 'c1'),
      visit(day, 'A', 'c1'),
    ];
    // registered 20 Feb: 7 days counted from it run out on 27 Feb
    expect(own('c1', byRegistration('2024-02-27'), '2024-03-05', registered).owner).toBe('B');
    expect(own('c1', byRegistration('2024-02-26'), '2024-03-05', registered).owner).toBe('A');
    // a referrer who only visited has no registration
    expect(
      own('c1', byRegistration('2024-02-27', visit('2024-02-20', 'B', 'c0', [])), '2024-03-05', registered)
        .owner,
    ).toBe('A');
  });

  it('referrerRecord returns the qualifying record, or null', () => {
    const rule = ReferralRuleSchema.parse({ requires: 'deal', minAge: days(30) });
    const events = [log('2024-03-31')[1]] as CustomerEvent[];
    expect(referrerRecord(rule, events, at('2024-03-31'), 'Asia/Shanghai')).toBe(at('2024-03-01', '16:00'));
    expect(referrerRecord(rule, events, at('2024-03-30'), 'Asia/Shanghai')).toBeNull();
    expect(
      referrerRecord(ReferralRuleSchema.parse({ requires: 'none' }), [], at('2024-03-30'), 'Asia/Shanghai'),
    ).toBe('none');
  });

  it('refuses a referral rule missing what it requires, at its path', () => {
    const e = refusal(() => office({ customerScope: { referral: { minAge: days(30) } } }));
    expect(e.path).toEqual(['policy', 'params', 'customerScope', 'referral', 'requires']);
    const f = refusal(() =>
      office({ customerScope: { staffRelatives: [{ relations: [], declared: 'any' }] } }),
    );
    expect(f.path).toEqual(['policy', 'params', 'customerScope', 'staffRelatives', 0, 'relations']);
  });
});

describe('split matrix relations between the people involved (splitMatrix[].between)', () => {
  const staff: StaffInput[] = [
    { id: 'A', departmentId: 'team1' },
    { id: 'B', departmentId: 'team1' },
    { id: 'C', departmentId: 'team2' },
  ];
  const sameTeam = {
    cases: ['ASSIST'],
    between: { relation: 'sameDepartment' },
    performance: { previous: 50, receiver: 50 },
    bonus: { previous: 50, receiver: 50 },
  };
  const otherTeam = {
    cases: ['ASSIST'],
    between: { roles: ['receiver', 'previous'], relation: 'differentDepartment' },
    performance: { previous: 100 },
    bonus: { previous: 70, receiver: 30 },
  };
  const policy = office({ splitMatrix: [sameTeam, otherTeam] });
  // B registered; B absent at the visit, receiver X assists; X closes the same day.
  const assist = (receiver: string) => [
    reg('B', '2024-03-01'),
    { ...visit('2024-03-10', receiver, 'c1', ['B']), presentIds: [receiver] } as EventInput,
    deal('2024-03-10', receiver),
  ];

  it('a receiver of B’s own team splits 50/50 (the same-department row)', () => {
    const full = ownershipOf({ customerId: 'c1', staff, events: assist('A') }, policy, ctx('2024-03-20'));
    expect(full.value.deals[0]?.performance.map((s) => [s.party, s.bp])).toEqual([
      ['A', 5000],
      ['B', 5000],
    ]);
    expect(full.trace.find((t) => t.rule === 'attribution.splitMatrix')?.data).toMatchObject({ row: 0 });
  });

  it('a receiver of another team gets no performance and 30 % of the bonus (the different-department row)', () => {
    const d = own('c1', assist('C'), '2024-03-20', policy, staff);
    expect(d.deals[0]?.performance.map((s) => [s.party, s.bp])).toEqual([['B', 10_000]]);
    expect(d.deals[0]?.bonus.map((s) => [s.party, s.bp])).toEqual([
      ['B', 7000],
      ['C', 3000],
    ]);
  });

  it('samePerson / differentPerson compare the people of two roles', () => {
    const closerIsReceiver = office({
      splitMatrix: [
        {
          cases: ['ASSIST'],
          between: { roles: ['receiver', 'closer'], relation: 'differentPerson' },
          performance: { closer: 100 },
          bonus: { closer: 100 },
        },
      ],
    });
    // the receiver closed: the row does not apply, seed criterion (3) does (B 80 / A 20)
    const d = own('c1', assist('A'), '2024-03-20', closerIsReceiver, staff);
    expect(d.deals[0]?.bonus.map((s) => s.bp)).toEqual([8000, 2000]);
  });

  it('refuses a department relation when the roster gives a person no departmentId, naming the fact', () => {
    const e = refusal(() => own('c1', assist('A'), '2024-03-20', policy, STAFF));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['history', 'staff', 0, 'departmentId']);
    expect(e.message).toContain('departmentId');
  });

  it('refuses an unknown relation or role at its path', () => {
    const e = refusal(() => office({ splitMatrix: [{ ...sameTeam, between: { relation: 'sameFloor' } }] }));
    expect(e.path).toEqual(['policy', 'params', 'splitMatrix', 0, 'between', 'relation']);
    const f = refusal(() =>
      office({
        splitMatrix: [{ ...sameTeam, between: { roles: ['receiver', 'boss'], relation: 'samePerson' } }],
      }),
    );
    expect(f.path).toEqual(['policy', 'params', 'splitMatrix', 0, 'between', 'roles', 1]);
  });
});

describe('properties of who counts as the customer (seeded)', () => {
  const dateOf = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
  const scopeArb = fc.record({
    related: fc.option(
      fc.array(
        fc.record({
          relations: fc.subarray(['spouse', 'sameCompany', 'sameHousehold'], { minLength: 1 }),
          requireValidFile: fc.boolean(),
          within: fc.option(
            fc.integer({ min: 1, max: 40 }).map((n) => days(n)),
            { nil: null },
          ),
        }),
        { maxLength: 2 },
      ),
      { nil: undefined },
    ),
    staffRelatives: fc.array(
      fc.record({
        relations: fc.constant(['parent']),
        declared: fc.constantFrom('beforeJoining', 'beforeFirstContact', 'any'),
        minAge: fc.option(
          fc.integer({ min: 1, max: 40 }).map((n) => days(n)),
          { nil: null },
        ),
      }),
      { maxLength: 1 },
    ),
    referral: fc.option(
      fc.record({
        requires: fc.constantFrom('none', 'deal', 'registration'),
        minAge: fc.option(
          fc.integer({ min: 1, max: 40 }).map((n) => days(n)),
          { nil: null },
        ),
      }),
      { nil: undefined },
    ),
  });
  type EventSpec = { day: number; who: string; customer: string; kind: string; relation: string };
  const eventArb = fc.record({
    day: fc.integer({ min: 1, max: 90 }),
    who: fc.constantFrom('A', 'B', 'C'),
    customer: fc.constantFrom('c0', 'c1', 'c2'),
    kind: fc.constantFrom('registration', 'visit', 'deal', 'household', 'referral'),
    relation: fc.constantFrom('spouse', 'sameCompany', 'sameHousehold', 'sibling'),
  });
  const logOf = (xs: EventSpec[]): EventInput[] =>
    xs
      .map((x): EventInput => {
        const d = dateOf(x.day);
        const other = x.customer === 'c0' ? 'c1' : 'c0';
        if (x.kind === 'registration') return reg(x.who, d, x.customer);
        if (x.kind === 'visit') return visit(d, x.who, x.customer);
        if (x.kind === 'deal') return deal(d, x.who, x.customer);
        return link(
          d,
          x.kind as 'household' | 'referral',
          x.customer,
          other,
          x.kind === 'household' ? x.relation : undefined,
        );
      })
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .filter(
        (e, i, all) =>
          e.type !== 'deal' ||
          all
            .slice(0, i)
            .some(
              (x) =>
                (x.type === 'registration' || x.type === 'visit') &&
                x.customerId === (e as { customerId: string }).customerId,
            ),
      );
  const staff: StaffInput[] = [
    { id: 'A', joinedAt: at(dateOf(10)), departmentId: 't1' },
    {
      id: 'B',
      joinedAt: at(dateOf(20)),
      departmentId: 't1',
      relatives: [{ customerId: 'c2', relation: 'parent', declaredAt: at(dateOf(15)) }],
    },
    { id: 'C', joinedAt: at(dateOf(0)), departmentId: 't2' },
  ];

  it('has at most one owner at any instant, a rostered salesperson, for any log and customer scope in the space', () => {
    fc.assert(
      fc.property(
        scopeArb,
        fc.array(eventArb, { maxLength: 10 }),
        fc.integer({ min: 0, max: 100 }),
        (sc, xs, probe) => {
          const p = office({ customerScope: sc });
          for (const c of ['c0', 'c1', 'c2']) {
            const d = own(c, logOf(xs), dateOf(probe), p, staff);
            expect(d.owner === null || ['A', 'B', 'C'].includes(d.owner)).toBe(true);
            if (d.owner !== null) expect(d.needsManagerReview).toBe(false);
          }
        },
      ),
      { numRuns: 100, seed: 1406 },
    );
  });

  it('splits performance and bonus into shares summing to exactly 100 % under rows with any relation between people', () => {
    const rowArb = fc
      .record({
        p: fc.integer({ min: 0, max: 10_000 }),
        b: fc.integer({ min: 0, max: 10_000 }),
        roles: fc.tuple(
          fc.constantFrom('receiver', 'previous', 'closer'),
          fc.constantFrom('receiver', 'previous', 'closer'),
        ),
        relation: fc.constantFrom('sameDepartment', 'differentDepartment', 'samePerson', 'differentPerson'),
      })
      .map(({ p, b, roles, relation }) => ({
        cases: ['ASSIST', 'REFUSED', 'NEW', 'DESIGNATED', 'NTH_DESIGNATED', 'FORGOT', 'MULTI_NAMED'],
        between: { roles, relation },
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
          }),
          { maxLength: 4 },
        ),
        (rows, visits) => {
          const events: EventInput[] = [reg('B', dateOf(0))];
          for (const v of visits)
            events.push(visit(dateOf(v.day), v.turn, 'c1', v.named), deal(dateOf(v.day), v.closer));
          events.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
          const d = own('c1', events, dateOf(60), office({ splitMatrix: rows }), staff);
          for (const dl of d.deals) {
            for (const shares of [dl.performance, dl.bonus]) {
              if (shares.length > 0) expect(shares.reduce((s, x) => s + x.bp, 0)).toBe(10_000);
            }
          }
        },
      ),
      { numRuns: 100, seed: 1405 },
    );
  });
});
