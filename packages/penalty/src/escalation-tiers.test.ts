import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type ViolationInput, yuan } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { ledgerOf } from './assess.js';
import type { Ledger, Line } from './ledger.js';
import { defineSchedule, type FineScheduleParamsInput } from './schedule.js';

// Issue 16 §1: escalation tiers (×2 from the 2nd, +N, a fixed amount at the Nth, a different
// sanction at the Nth) on every sanction kind — fines, wage deductions, points and demotions.

const ctx = {
  ...makeContext({ now: '2024-05-15T12:00:00+08:00', calendar: chinaCalendar() }),
  pay: [{ personId: 'p1', component: 'monthlyBasePay', amount: yuan(4350) }],
};
const src = { module: 'attribution.ownership', rule: 'T-01' };
const DAY = { numerator: 100, denominator: 2175 };

type Outcome = FineScheduleParamsInput['items'][number]['charges'][number]['outcome'];
type TierInput = FineScheduleParamsInput['escalations'][number]['tiers'][number];

function schedule(outcomes: Outcome[], tiers: TierInput[]) {
  return defineSchedule({
    id: 'tiers',
    version: '1',
    effectiveFrom: '2024-01-01',
    zone: 'Asia/Shanghai',
    source: { title: '员工奖惩办法' },
    params: {
      window: 'calendarMonth',
      latenessRounding: 'ceil',
      caps: [],
      items: [
        {
          id: 'misconduct',
          rule: 'T-PENALTY-01',
          clause: 'art. 1',
          title: { zh: '违规', en: 'Misconduct' },
          match: { code: 'staff.misconduct' },
          tally: 'conduct',
          charges: outcomes.map((outcome) => ({ to: [{ kind: 'violator' as const }], outcome })),
        },
      ],
      escalations: [{ id: 'repeat', rule: 'T-PENALTY-02', clause: 'art. 2', tally: 'conduct', tiers }],
    },
  });
}

const times = (n: number, personId = 'p1'): ViolationInput[] =>
  Array.from({ length: n }, (_, i) => ({
    code: 'staff.misconduct',
    personId,
    occurredAt: `2024-03-${String(i + 2).padStart(2, '0')}T10:00:00+08:00`,
    source: src,
  }));

const lines = (l: Ledger): Line[] => l.persons.flatMap((p) => p.periods.flatMap((x) => x.lines));
const FINE: Outcome = { kind: 'fine', amount: 5000, per: 'occurrence' };

describe('escalation tiers on every sanction kind (issue 16 §1)', () => {
  it('+N: a 50 CNY fine plus 30 CNY from the 2nd time (每再犯一次加罚30元)', () => {
    const d = ledgerOf(times(3), schedule([FINE], [{ from: 2, add: 3000 }]), ctx);
    expect(lines(d.value).map((l) => l.amount)).toEqual([5000, 8000, 8000]);
    expect(lines(d.value)[1]?.arithmetic).toBe('50.00 × 1 + 30.00 = 80.00');
    expect(lines(d.value)[1]?.escalation).toEqual({ tier: 'add', value: 3000 });
    const entry = d.trace.find((t) => t.rule === 'T-PENALTY-02' && t.data?.tallyIndex === 2);
    expect(entry?.data).toMatchObject({ add: 3000, lines: ['p1/2024-03/#2'] });
  });

  it('a fixed amount at the 3rd (第三次起每次罚200元), the 2nd doubled', () => {
    const d = ledgerOf(
      times(4),
      schedule(
        [FINE],
        [
          { from: 2, to: 2, multiplier: 2 },
          { from: 3, amount: 20000 },
        ],
      ),
      ctx,
    );
    expect(lines(d.value).map((l) => l.amount)).toEqual([5000, 10000, 20000, 20000]);
    expect(lines(d.value)[2]?.arithmetic).toBe('200.00 × 1 = 200.00');
    expect(d.value.total).toBe(55000);
  });

  it('a different sanction at the 3rd: dismissal instead of the fine, named in the trace', () => {
    const dismissal: Outcome = { kind: 'sanction', measures: ['dismissal'], select: 'all' };
    const d = ledgerOf(times(3), schedule([FINE], [{ from: 3, outcome: dismissal }]), ctx);
    const ls = lines(d.value);
    expect(ls.map((l) => [l.kind, l.amount])).toEqual([
      ['fine', 5000],
      ['fine', 5000],
      ['sanction', 0],
    ]);
    expect(ls[2]?.measures).toEqual(['dismissal']);
    expect(ls[2]?.escalation).toEqual({ tier: 'outcome' });
    const entry = d.trace.find((t) => t.rule === 'T-PENALTY-02');
    expect(entry?.data).toMatchObject({ outcome: 'sanction', lines: ['p1/2024-03/#3'] });
    expect(entry?.message.en).toContain('sanction instead');
  });

  it('a day’s wage, doubled from the 2nd and a fixed 300 CNY from the 4th', () => {
    const d = ledgerOf(
      times(4),
      schedule(
        [{ kind: 'payDeduction', parts: [{ component: 'monthlyBasePay', ratio: DAY }] }],
        [
          { from: 2, to: 3, multiplier: 2 },
          { from: 4, amount: 30000 },
        ],
      ),
      ctx,
    );
    expect(lines(d.value).map((l) => l.amount)).toEqual([20000, 40000, 40000, 30000]);
    expect(lines(d.value)[3]?.arithmetic).toBe('fixed 300.00 = 300.00');
  });

  it('10 % of pay plus 100 CNY from the 2nd (+N on a wage deduction)', () => {
    const d = ledgerOf(
      times(2),
      schedule(
        [{ kind: 'payDeduction', parts: [{ component: 'monthlyBasePay', ratio: '10%' }] }],
        [{ from: 2, add: 10000 }],
      ),
      ctx,
    );
    expect(lines(d.value).map((l) => l.amount)).toEqual([43500, 53500]);
    expect(lines(d.value)[1]?.arithmetic).toBe('4350.00 × 10% = 435.00 + 100.00 = 535.00');
  });

  it('points: 2 points off, doubled from the 2nd; summed per scale in the period', () => {
    const d = ledgerOf(
      times(3),
      schedule(
        [{ kind: 'points', points: 2, per: 'occurrence', scale: 'performanceScore' }],
        [{ from: 2, multiplier: 2, appliesTo: ['points'] }],
      ),
      ctx,
    );
    expect(lines(d.value).map((l) => l.points)).toEqual([2, 4, 4]);
    expect(d.value.persons[0]?.periods[0]?.points).toEqual({ performanceScore: 10 });
    expect(d.value.total).toBe(0);
  });

  it('demotions: 1 grade, one more from the 2nd; a fine on the same item stays at its tier', () => {
    const d = ledgerOf(
      times(2),
      schedule(
        [{ kind: 'demotion', grades: { min: 1, max: 1 }, per: 'occurrence' }, FINE],
        [{ from: 2, add: 1, appliesTo: ['demotion'] }],
      ),
      ctx,
    );
    const ls = lines(d.value);
    expect(ls.filter((l) => l.kind === 'demotion').map((l) => l.grades)).toEqual([
      { min: 1, max: 1 },
      { min: 2, max: 2 },
    ]);
    expect(ls.filter((l) => l.kind === 'fine').map((l) => l.amount)).toEqual([5000, 5000]);
    expect(d.value.persons[0]?.periods[0]?.demotionGrades).toEqual({ min: 3, max: 3 });
  });

  it('a demotion without appliesTo keeps its grades (today’s reading: tiers change money)', () => {
    const d = ledgerOf(
      times(2),
      schedule(
        [{ kind: 'demotion', grades: { min: 1, max: 1 }, per: 'occurrence' }, FINE],
        [{ from: 2, multiplier: 2 }],
      ),
      ctx,
    );
    const ls = lines(d.value);
    expect(ls.filter((l) => l.kind === 'demotion').map((l) => l.grades?.min)).toEqual([1, 1]);
    expect(ls.filter((l) => l.kind === 'fine').map((l) => l.amount)).toEqual([5000, 10000]);
  });

  it('refuses points or grades beyond the safe integer range with invalid_money, never an inexact count', () => {
    const s = schedule(
      [{ kind: 'points', points: 2, per: 'occurrence', scale: 'performanceScore' }],
      [{ from: 2, add: Number.MAX_SAFE_INTEGER, appliesTo: ['points'] }],
    );
    const e = refusal(() => ledgerOf(times(2), s, ctx));
    expect(e.code).toBe('invalid_money');
    expect(e.path).toEqual(['violations', 1]);
  });

  describe('a tier on a sanction it cannot apply to', () => {
    it('refuses ×2 on a sanction, naming the appliesTo entry', () => {
      const e = refusal(() =>
        schedule(
          [{ kind: 'sanction', measures: ['warning'], select: 'all' }],
          [{ from: 2, multiplier: 2, appliesTo: ['sanction'] }],
        ),
      );
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['params', 'escalations', 0, 'tiers', 0, 'appliesTo', 0]);
      expect(e.message).toContain('use outcome');
    });

    it('refuses +N across fen and grades, naming add', () => {
      const e = refusal(() =>
        schedule(
          [FINE, { kind: 'demotion', grades: { min: 1, max: 1 }, per: 'occurrence' }],
          [{ from: 2, add: 1, appliesTo: ['fine', 'demotion'] }],
        ),
      );
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['params', 'escalations', 0, 'tiers', 0, 'add']);
    });

    it('refuses a tier on demotions when no item of the tally demotes', () => {
      const e = refusal(() => schedule([FINE], [{ from: 2, multiplier: 2, appliesTo: ['demotion'] }]));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['params', 'escalations', 0, 'tiers', 0, 'appliesTo']);
    });

    it('refuses a tier with two steps, or none', () => {
      const two = refusal(() => schedule([FINE], [{ from: 2, multiplier: 2, add: 100 }]));
      expect(two.code).toBe('invalid_input');
      expect(two.path).toEqual(['policy', 'params', 'escalations', 0, 'tiers', 0]);
      const none = refusal(() => schedule([FINE], [{ from: 2 }]));
      expect(none.path).toEqual(['policy', 'params', 'escalations', 0, 'tiers', 0]);
    });
  });
});

describe('escalation never lowers a later occurrence under non-decreasing tiers (property)', () => {
  const step = fc.constantFrom('multiplier' as const, 'add' as const, 'amount' as const);
  it('the n-th violation costs at least the (n−1)-th, for fines, wage deductions and points', () => {
    fc.assert(
      fc.property(
        step,
        fc.uniqueArray(fc.integer({ min: 2, max: 6 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.constantFrom<Outcome>(
          FINE,
          { kind: 'payDeduction', parts: [{ component: 'monthlyBasePay', ratio: DAY }] },
          { kind: 'points', points: 3, per: 'occurrence', scale: 's' },
        ),
        fc.integer({ min: 1, max: 8 }),
        (kind, starts, raw, baseBump, outcome, n) => {
          const sorted = [...starts].sort((a, b) => a - b);
          const values = [...raw].sort((a, b) => a - b);
          const stated = outcome.kind === 'points' ? 3 : outcome.kind === 'fine' ? 5000 : 20000;
          const tiers = sorted.map((from, i) => {
            const next = sorted[i + 1];
            const v = values[i] ?? 0;
            const value =
              kind === 'multiplier' ? 1 + (v % 4) + i : kind === 'add' ? v : stated + baseBump + v;
            return { from, ...(next === undefined ? {} : { to: next - 1 }), [kind]: value } as {
              from: number;
              to?: number;
              multiplier?: number;
              add?: number;
              amount?: number;
            };
          });
          // non-decreasing: multipliers 1 + (v % 4) + i are not sorted by construction; sort them
          if (kind === 'multiplier') {
            const ms = tiers.map((t) => t.multiplier as number).sort((a, b) => a - b);
            tiers.forEach((t, i) => {
              t.multiplier = ms[i];
            });
          }
          const appliesTo = outcome.kind === 'points' ? { appliesTo: ['points' as const] } : {};
          const s = schedule(
            [outcome],
            tiers.map((t) => ({ ...t, ...appliesTo })),
          );
          const ls = lines(ledgerOf(times(n), s, ctx).value);
          const sizes = ls.map((l) => (l.kind === 'points' ? (l.points ?? 0) : l.amount));
          for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThanOrEqual(sizes[i - 1] ?? 0);
        },
      ),
      { numRuns: 120, seed: 1616 },
    );
  });
});
