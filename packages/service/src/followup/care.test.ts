import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { serviceCare } from '../modules.js';
import { defineServicePolicy } from '../policy.js';
import { s000bSalesSitePolicy as S, s000bRelationshipPolicy, s002CsSystemPolicy } from '../presets/index.js';
import { greetingsDue, paymentRemindersDue, promotionNotifications, statutoryHolidays } from './care.js';

const holidays = [
  { name: '中秋节', dates: ['2024-09-15', '2024-09-16', '2024-09-17'] },
  {
    name: '国庆节',
    dates: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-05', '2024-10-06', '2024-10-07'],
  },
];

describe('customer care', () => {
  it('calls a closed-deal customer on their birthday (S000B-FOLLOWUP-01)', () => {
    expect(
      greetingsDue('2024-03-12', [{ id: 'c1', birthDate: '1985-03-12', closedDeal: true }], [], S).value,
    ).toEqual([
      {
        customerId: 'c1',
        personId: 'c1',
        occasion: 'birthday',
        holiday: null,
        action: 'phoneGreeting',
        channels: ['phone'],
      },
    ]);
  });

  it('refuses a customer listed twice, who was greeted twice (S000B-FOLLOWUP-01)', () => {
    const c1 = { id: 'c1', birthDate: '1985-03-12', closedDeal: true };
    const c2 = { id: 'c2', birthDate: '1990-07-01', closedDeal: true };
    // Each customer once: one birthday call.
    expect(greetingsDue('2024-03-12', [c1, c2], [], S).value.map((t) => t.personId)).toEqual(['c1']);
    expect(() => greetingsDue('2024-03-12', [c1, c2, c1], [], S)).toThrow(
      expect.objectContaining({
        code: 'duplicate',
        path: ['customers', 2, 'id'],
        message: expect.stringContaining('客户 c1 重复列出 / customer c1 is listed twice'),
      }),
    );
    expect(() =>
      serviceCare.evaluate(
        { op: 'greetingsDue', date: '2024-03-12', customers: [c1, c2, c1] },
        serviceCare.preset('s000b-sales-site'),
        { now: '2024-03-12T09:00:00+08:00' },
      ),
    ).toThrow(expect.objectContaining({ code: 'duplicate', path: ['input', 'customers', 2, 'id'] }));
  });

  it('greets an important customer’s child on their birthday with a call or gift (S000B-FOLLOWUP-01)', () => {
    const c = {
      id: 'c2',
      closedDeal: true,
      important: true,
      family: [{ id: 'c2-child1', birthDate: '2015-03-12' }],
    };
    expect(greetingsDue('2024-03-12', [c], [], S).value).toEqual([
      expect.objectContaining({ customerId: 'c2', personId: 'c2-child1', action: 'phoneGreetingOrGift' }),
    ]);
    // The child listed twice under the customer was greeted twice: refused at the second listing.
    const child = c.family[0] as (typeof c.family)[number];
    const twice = { ...c, family: [child, { id: 'c2-child2', birthDate: '2018-05-01' }, child] };
    expect(() => greetingsDue('2024-03-12', [twice], [], S)).toThrow(
      expect.objectContaining({ code: 'duplicate', path: ['customers', 0, 'family', 2, 'id'] }),
    );
    expect(() =>
      serviceCare.evaluate(
        { op: 'greetingsDue', date: '2024-03-12', customers: [twice] },
        serviceCare.preset('s000b-sales-site'),
        { now: '2024-03-12T09:00:00+08:00' },
      ),
    ).toThrow(
      expect.objectContaining({ code: 'duplicate', path: ['input', 'customers', 0, 'family', 2, 'id'] }),
    );
  });

  it('greets a 29 February birthday on 28 February in a common year, and not non-deal customers (S000B-FOLLOWUP-01)', () => {
    expect(
      greetingsDue('2025-02-28', [{ id: 'c', birthDate: '1988-02-29', closedDeal: true }], [], S).value,
    ).toHaveLength(1);
    expect(
      greetingsDue('2025-03-01', [{ id: 'c', birthDate: '1988-02-29', closedDeal: true }], [], S).value,
    ).toHaveLength(0);
    expect(
      greetingsDue('2024-03-12', [{ id: 'p', birthDate: '1985-03-12', closedDeal: false }], [], S).value,
    ).toEqual([]);
  });

  it('greets every general closed-deal customer by phone or SMS on the first day of each holiday only (S000B-FOLLOWUP-02)', () => {
    const cs = [
      { id: 'c1', closedDeal: true },
      { id: 'c3', closedDeal: true },
    ];
    expect(
      greetingsDue('2024-09-15', cs, holidays, S).value.map((t) => [t.customerId, t.holiday, t.channels]),
    ).toEqual([
      ['c1', '中秋节', ['phone', 'sms']],
      ['c3', '中秋节', ['phone', 'sms']],
    ]);
    expect(greetingsDue('2024-03-12', cs, holidays, S).value).toEqual([]);
    expect(greetingsDue('2024-10-02', cs, holidays, S).value).toEqual([]);
    expect(greetingsDue('2024-10-01', cs, holidays, S).value).toHaveLength(2);
  });

  it('sends birthday and configured holiday greetings to all customers (S002-FOLLOW-01)', () => {
    const P = defineServicePolicy({
      ...s002CsSystemPolicy,
      params: {
        ...s002CsSystemPolicy.params,
        care: {
          ...s002CsSystemPolicy.params.care,
          holiday: { holidays: ['春节'], channels: ['message'], closedDealOnly: false, firstDayOnly: true },
        },
      },
    });
    expect(
      greetingsDue('2024-03-04', [{ id: 'c', birthDate: '1985-03-04', closedDeal: false }], [], P).value,
    ).toHaveLength(1);
    const sf = [{ name: '春节', dates: ['2024-02-10', '2024-02-11'] }, ...holidays];
    expect(
      greetingsDue(
        '2024-02-10',
        [
          { id: 'a', closedDeal: false },
          { id: 'b', closedDeal: true },
        ],
        sf,
        P,
      ).value.map((t) => t.customerId),
    ).toEqual(['a', 'b']);
    expect(greetingsDue('2024-09-15', [{ id: 'a', closedDeal: false }], sf, P).value).toEqual([]);
    expect(
      greetingsDue('2025-02-28', [{ id: 'l', birthDate: '1988-02-29', closedDeal: false }], [], P).value,
    ).toHaveLength(1);
  });

  it('reminds unpaid instalments within the configured lead days, and needs that lead time (S002-FOLLOW-02)', () => {
    expect(() => paymentRemindersDue('2024-03-07', [], s002CsSystemPolicy)).toThrow(ZhiduError);
    const P = defineServicePolicy({
      ...s002CsSystemPolicy,
      params: {
        ...s002CsSystemPolicy.params,
        care: { ...s002CsSystemPolicy.params.care, paymentLeadDays: 3 },
      },
    });
    const inst = [
      { contractId: 'k1', dueDate: '2024-03-10', paid: false },
      { contractId: 'k2', dueDate: '2024-03-10', paid: true },
      { contractId: 'k3', dueDate: '2024-03-20', paid: false },
    ];
    expect(paymentRemindersDue('2024-03-07', inst, P).value).toEqual([
      { contractId: 'k1', dueDate: '2024-03-10' },
    ]);
  });

  it('notifies every active customer of a promotion (S000B-FOLLOWUP-24)', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `c${i}`);
    expect(promotionNotifications('P1', ids, s000bRelationshipPolicy).value).toHaveLength(30);
  });

  it('greets once per festival with the statutory calendar, also inside a combined holiday block (S000B-FOLLOWUP-02)', () => {
    expect(statutoryHolidays('2024-09-01', '2024-09-30')).toEqual([
      { name: '中秋', dates: ['2024-09-15', '2024-09-16', '2024-09-17'] },
    ]);
    const h2025 = statutoryHolidays('2025-10-01', '2025-10-08');
    expect(h2025.map((h) => [h.name, h.dates[0]])).toEqual([
      ['国庆节', '2025-10-01'],
      ['中秋', '2025-10-06'],
    ]);
    const cs = [{ id: 'c1', closedDeal: true }];
    expect(greetingsDue('2025-10-06', cs, h2025, S).value.map((t) => t.holiday)).toEqual(['中秋']);
    expect(greetingsDue('2025-10-07', cs, h2025, S).value).toEqual([]);
    expect(() => statutoryHolidays('2025-01-02', '2025-01-01')).toThrow(ZhiduError);
  });

  it('refuses a malformed birth date', () => {
    expect(() =>
      greetingsDue('2024-03-12', [{ id: 'c', birthDate: '1985-13-12', closedDeal: true }], [], S),
    ).toThrow(ZhiduError);
  });
});
