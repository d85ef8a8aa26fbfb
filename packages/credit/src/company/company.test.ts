import { makeContext, yuan, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  creditBadDebtSharesModule,
  creditDebtAgeingModule,
  creditGradeScaleModule,
  creditLimitFormulaModule,
} from './modules.js';

const Q = 'example-qingshan-building-materials';
const J = 'example-jinma-auto-group';
const ctx = makeContext({ now: '2025-06-30T18:00:00+08:00' });
const qingshan = creditGradeScaleModule.preset(Q);
const jinma = creditGradeScaleModule.preset(J);

function refusal(fn: () => unknown): ZhiduError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    return e as ZhiduError;
  }
  throw new Error('expected a ZhiduError');
}

/** Policy JSON as a test edits it: any path, any value (the module then judges the result). */
// biome-ignore lint/suspicious/noExplicitAny: the tests write arbitrary (often invalid) policy JSON
type Json = Record<string, any>;

/** The preset with `params` changed by `edit` (a deep copy). */
function patched(base: typeof qingshan, edit: (p: Json) => void) {
  const copy = structuredClone(base) as unknown as { params: Json };
  edit(copy.params);
  return copy as unknown as typeof qingshan;
}

const sales12 = (first = yuan(100_000)) =>
  Array.from({ length: 12 }, (_, i) => ({
    month: `2024-${String(i + 1).padStart(2, '0')}`,
    amount: i === 0 ? first : yuan(100_000),
  }));

describe('capability 5: any grade scale (S001-GRADE-01)', () => {
  it('S001-GRADE-01 grades on five labels AAA…C from weighted factor points, 64.5 rounding half up to 65 (B)', () => {
    const d = creditGradeScaleModule.evaluate(
      { facts: { yearsTrading: 1, overdueTimes12m: 1, registeredCapitalWan: 100 } },
      qingshan,
      ctx,
    );
    expect(d.value.result).toMatchObject({ grade: 'B', rank: 3, score: 65 });
    expect(d.trace.map((t) => t.rule)).toContain('S001-GRADE-01');
  });

  it('S001-GRADE-01 grades with a decision table whose score falls in a band of the scale (金卡 at 75)', () => {
    const d = creditGradeScaleModule.evaluate({ facts: { fleetSize: 20, yearsAsCustomer: 0 } }, jinma, ctx);
    expect(d.value.result).toMatchObject({ grade: '金卡', rank: 1, score: 75 });
  });

  it('refuses overlapping score bands with the path of the overlapping bound', () => {
    const bad = patched(qingshan, (p) => {
      p.grading.grades[2].maxScore = 80; // A 70–80 overlaps AA from 80
    });
    const e = refusal(() => creditGradeScaleModule.compile(bad));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'grading', 'grades', 2, 'maxScore']);
    expect(e.message).toContain('overlap');
  });

  it('refuses a gap between score bands, a capped best grade and a floored worst grade', () => {
    const gap = patched(qingshan, (p) => {
      p.grading.grades[2].maxScore = 78;
    });
    expect(refusal(() => creditGradeScaleModule.compile(gap)).message).toContain('79–79');
    // Both grades around the gap are named, as for an overlap.
    expect(refusal(() => creditGradeScaleModule.compile(gap)).message).toMatch(
      /scores 79–79 between \S+'s maxScore 78 and \S+'s minScore 80 belong to no grade/,
    );
    const capped = patched(qingshan, (p) => {
      p.grading.grades[0].maxScore = 100;
    });
    expect(refusal(() => creditGradeScaleModule.compile(capped)).path).toEqual([
      'policy',
      'params',
      'grading',
      'grades',
      0,
      'maxScore',
    ]);
    const floored = patched(qingshan, (p) => {
      p.grading.grades[4].minScore = 0;
    });
    expect(refusal(() => creditGradeScaleModule.compile(floored)).path).toEqual([
      'policy',
      'params',
      'grading',
      'grades',
      4,
      'minScore',
    ]);
  });

  it('refuses weights that do not sum to 100 %, overlapping factor bands and a duplicate grade', () => {
    const weights = patched(qingshan, (p) => {
      p.grading.scorecard.factors[0].weightBp = 3001;
    });
    expect(refusal(() => creditGradeScaleModule.compile(weights)).path).toEqual([
      'policy',
      'params',
      'grading',
      'scorecard',
      'factors',
    ]);
    const bands = patched(qingshan, (p) => {
      p.grading.scorecard.factors[0].bands[0].when = { lte: 1 };
    });
    const e = refusal(() => creditGradeScaleModule.compile(bands));
    expect(e.code).toBe('table_overlap');
    expect(e.path.slice(0, 7)).toEqual(['policy', 'params', 'grading', 'scorecard', 'factors', 0, 'bands']);
    const dup = patched(qingshan, (p) => {
      p.grading.grades[1].grade = 'AAA';
    });
    expect(refusal(() => creditGradeScaleModule.compile(dup)).code).toBe('duplicate');
  });

  it('refuses a missing fact and a fact no band holds, at the fact', () => {
    expect(
      refusal(() =>
        creditGradeScaleModule.evaluate({ facts: { yearsTrading: 1, overdueTimes12m: 0 } }, qingshan, ctx),
      ).path,
    ).toEqual(['input', 'facts', 'registeredCapitalWan']);
    expect(
      refusal(() =>
        creditGradeScaleModule.evaluate(
          { facts: { yearsTrading: -1, overdueTimes12m: 0, registeredCapitalWan: 100 } },
          patched(qingshan, (p) => {
            p.grading.scorecard.factors[0].bands[0].when = { gte: 0, lt: 1 };
          }),
          ctx,
        ),
      ).path,
    ).toEqual(['input', 'facts', 'yearsTrading']);
  });

  it('a policy without a grading is refused with invalid_state naming the field', () => {
    const none = patched(qingshan, (p) => {
      delete p.grading;
    });
    const e = refusal(() => creditGradeScaleModule.evaluate({ facts: {} }, none, ctx));
    expect(e).toMatchObject({ code: 'invalid_state', path: ['policy', 'params', 'grading'] });
  });
});

describe('capability 6: limit formulas (S000-CREDIT-02)', () => {
  const customer = { since: '2021-05-10', grade: 'A', termDays: 30 };
  const judge = (input: object, policy = qingshan) =>
    creditLimitFormulaModule.evaluate(
      input as never,
      policy,
      makeContext({ now: '2025-01-15T09:00:00+08:00' }),
    );

  it('S000-CREDIT-02 20 % of the 12 months before the date × grade coefficient, with the working', () => {
    const d = judge({ date: '2025-01-15', sales: sales12(), customer });
    expect(d.value.result.limit).toBe(24_000_000);
    expect(d.value.result.window).toEqual({ from: '2024-01', through: '2024-12' });
    expect(d.value.result.inputs).toMatchObject({
      salesTotal: 120_000_000,
      activeMonths: 12,
      tenureMonths: 44,
    });
    expect(d.value.result.steps.at(-1)).toEqual({ at: '', op: 'min', value: 24_000_000 });
  });

  it('S000-CREDIT-02 a customer of 5 months 30 days is new (capped at ¥50,000); of exactly 6 months is not', () => {
    expect(
      judge({ date: '2025-01-15', sales: sales12(), customer: { ...customer, since: '2024-07-16' } }).value
        .result.limit,
    ).toBe(5_000_000);
    expect(
      judge({ date: '2025-01-15', sales: sales12(), customer: { ...customer, since: '2024-07-15' } }).value
        .result.limit,
    ).toBe(24_000_000);
  });

  it('refuses a formula naming an unknown input, with the path and the nearest name', () => {
    const bad = patched(qingshan, (p) => {
      p.limit.formula.min[1].divide.multiply = { input: 'salesTotl' };
    });
    const e = refusal(() => creditLimitFormulaModule.compile(bad));
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['policy', 'params', 'limit', 'formula', 'min', 1, 'divide', 'multiply', 'input']);
    expect(e.message).toContain('did you mean salesTotal');
  });

  it('an extra input declared by the policy may be read; an undeclared one is refused', () => {
    const withDeposit = patched(qingshan, (p) => {
      p.limit.extraInputs = ['depositFen'];
      p.limit.formula = { sum: [{ input: 'depositFen' }, { fen: 100 }] };
    });
    const d = judge(
      { date: '2025-01-15', sales: sales12(), customer, inputs: { depositFen: 5000 } },
      withDeposit,
    );
    expect(d.value.result.limit).toBe(5100);
    expect(
      refusal(() =>
        judge({ date: '2025-01-15', sales: sales12(), customer, inputs: { deposit: 1 } }, withDeposit),
      ),
    ).toMatchObject({ code: 'unknown_key', path: ['input', 'inputs', 'deposit'] });
    expect(
      refusal(() => judge({ date: '2025-01-15', sales: sales12(), customer }, withDeposit)),
    ).toMatchObject({
      code: 'invalid_input',
      // A missing extra input is under `input` too, as a misnamed one is (it was `['inputs', …]`).
      path: ['input', 'inputs', 'depositFen'],
    });
  });

  it('refuses a missing month, a repeated month, a grade off the scale and a missing term', () => {
    expect(refusal(() => judge({ date: '2025-01-15', sales: sales12().slice(1), customer })).code).toBe(
      'incomplete_history',
    );
    expect(
      refusal(() =>
        judge({ date: '2025-01-15', sales: [...sales12(), { month: '2024-03', amount: 1 }], customer }),
      ).path,
    ).toEqual(['input', 'sales', 12, 'month']);
    expect(
      refusal(() => judge({ date: '2025-01-15', sales: sales12(), customer: { ...customer, grade: 'D' } })),
    ).toMatchObject({ code: 'unknown_reference', path: ['input', 'customer', 'grade'] });
    expect(
      refusal(() =>
        judge({ date: '2025-01-15', sales: sales12(), customer: { since: '2021-05-10', grade: 'A' } }),
      ),
    ).toMatchObject({ code: 'invalid_input', path: ['input', 'customer', 'termDays'] });
  });

  it('the limit is monotone in the sales of the window (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 0, max: 1e8 }), (first, more) => {
        const a = judge({ date: '2025-01-15', sales: sales12(first), customer }).value.result.limit;
        const b = judge({ date: '2025-01-15', sales: sales12(first + more), customer }).value.result.limit;
        return b >= a && a >= 0;
      }),
      { seed: 1604, numRuns: 60 },
    );
  });
});

describe('capability 7: bad-debt liability by case (S000-CREDIT-10)', () => {
  const at = '2025-06-30T17:00:00+08:00';
  const staff = [
    { personId: 'li', role: 'salesRep' },
    { personId: 'wang', role: 'regionalManager' },
    { personId: 'zhu', role: 'warehouseKeeper' },
  ];
  const share = (c: object, policy = qingshan) =>
    creditBadDebtSharesModule.evaluate({ case: { debtId: 'D1', at, staff, ...c } } as never, policy, ctx)
      .value;

  it('S000-CREDIT-10 the first row whose condition holds decides; each share is a violation penalty can price', () => {
    const d = share({ loss: yuan(50_000), withinLimit: false, signedBy: 'regionalManager' });
    expect(d.result.row).toBe('over-limit-approved');
    expect(d.result.shares.map((s) => [s.personId, s.amount])).toEqual([
      ['li', 1_000_000],
      ['wang', 1_500_000],
    ]);
    expect(d.result.company).toBe(2_500_000);
    expect(d.violations.map((v) => [v.code, v.personId, v.data?.amount, v.source.module])).toEqual([
      ['credit.badDebt.share', 'li', 1_000_000, 'credit.bad-debt-shares'],
      ['credit.badDebt.share', 'wang', 1_500_000, 'credit.bad-debt-shares'],
    ]);
  });

  it('refuses a row whose shares and company part do not sum to 100 %, at the row', () => {
    const bad = patched(qingshan, (p) => {
      p.liability.rows[1].companyBp = 8400;
    });
    const e = refusal(() => creditBadDebtSharesModule.compile(bad));
    expect(e.path).toEqual(['policy', 'params', 'liability', 'rows', 1, 'shares']);
    expect(e.message).toContain('10000');
  });

  it('refuses a case no row applies to, and a row charging a role nobody in the case holds', () => {
    const narrow = patched(qingshan, (p) => {
      p.liability.rows = p.liability.rows.slice(0, 1);
    });
    expect(refusal(() => share({ loss: 100, withinLimit: false }, narrow)).path).toEqual(['input', 'case']);
    expect(
      refusal(() =>
        creditBadDebtSharesModule.evaluate(
          { case: { debtId: 'D1', at, staff: [], loss: 100, withinLimit: true } },
          qingshan,
          ctx,
        ),
      ).path,
    ).toEqual(['input', 'case', 'staff']);
  });

  it('the shares and the company part always sum to the loss, to the fen (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('project', 'dealer'),
        fc.boolean(),
        fc.constantFrom('regionalManager', null),
        (loss, reps, customerClass, withinLimit, signedBy) => {
          const people = [
            ...Array.from({ length: reps }, (_, i) => ({ personId: `r${i}`, role: 'salesRep' })),
            { personId: 'wang', role: 'regionalManager' },
            { personId: 'zhu', role: 'warehouseKeeper' },
            { personId: 'sun', role: 'projectManager' },
          ];
          const d = creditBadDebtSharesModule.evaluate(
            { case: { debtId: 'D1', at, staff: people, loss, customerClass, withinLimit, signedBy } },
            qingshan,
            ctx,
          ).value;
          const total = d.result.shares.reduce((s, x) => s + x.amount, d.result.company);
          return total === loss && d.result.shares.every((s) => s.amount >= 0);
        },
      ),
      { seed: 160716, numRuns: 150 },
    );
  });
});

describe('capability 8: debt ageing (S000-GRADE-01)', () => {
  const age = (debts: object[], date = '2025-06-30', policy = qingshan) =>
    creditDebtAgeingModule.evaluate({ date, customerId: 'C1', debts } as never, policy, ctx).value.result;

  it('S000-GRADE-01 exactly 30 days past due is 1-30 (reminder), 31 days is 31-60 (stop shipment)', () => {
    expect(age([{ id: 'a', dueDate: '2025-05-31', amount: 100 }]).actions).toEqual(['reminder']);
    expect(age([{ id: 'a', dueDate: '2025-05-30', amount: 100 }]).actions).toEqual([
      'reminder',
      'stopShipment',
    ]);
    expect(age([{ id: 'a', dueDate: '2025-07-30', amount: 100 }]).debts[0]).toMatchObject({
      daysOverdue: 0,
      bucket: 'current',
    });
  });

  it('S000-GRADE-01 a settled debt is in no bucket; an overpayment is reported, never applied elsewhere', () => {
    const r = age([
      { id: 'a', dueDate: '2025-05-30', amount: 100, payments: [{ date: '2025-06-01', amount: 150 }] },
    ]);
    expect(r.debts[0]).toMatchObject({ bucket: null, open: 0, overpaid: 50 });
    expect(r.actions).toEqual([]);
  });

  it('refuses buckets out of order, with the path of the bucket', () => {
    const bad = patched(qingshan, (p) => {
      p.ageing.buckets[3].minDaysOverdue = 31;
    });
    const e = refusal(() => creditDebtAgeingModule.compile(bad));
    expect(e).toMatchObject({
      code: 'out_of_order',
      path: ['policy', 'params', 'ageing', 'buckets', 3, 'minDaysOverdue'],
    });
    const first = patched(qingshan, (p) => {
      p.ageing.buckets[0].minDaysOverdue = 1;
    });
    expect(refusal(() => creditDebtAgeingModule.compile(first)).path).toEqual([
      'policy',
      'params',
      'ageing',
      'buckets',
      0,
      'minDaysOverdue',
    ]);
  });

  it('refuses a cost cap without its rounding, and a repeated debt', () => {
    const cap = patched(qingshan, (p) => {
      delete p.ageing.collectionCosts.rounding;
    });
    expect(refusal(() => creditDebtAgeingModule.compile(cap)).path).toEqual([
      'policy',
      'params',
      'ageing',
      'collectionCosts',
      'rounding',
    ]);
    const d = { id: 'a', dueDate: '2025-05-30', amount: 100 };
    expect(refusal(() => age([d, d])).code).toBe('duplicate');
  });

  it('S000-GRADE-01 the bad-debt test is pending until the collection window ends', () => {
    const debt = { id: 'b', dueDate: '2025-01-01', amount: 1_000_000 };
    // measured 2025-04-01 (90 days), collections counted through 2025-05-31
    expect(age([debt], '2025-05-30', jinma).debts[0]?.badDebt?.status).toBe('pending');
    expect(age([debt], '2025-05-31', jinma).badDebts).toEqual(['b']);
  });

  it('a debt never moves to an earlier bucket as time passes (property)', () => {
    const order = ['current', '1-30', '31-60', '61-90', 'over-90'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (d1, extra) => {
        const due = '2024-01-01';
        const on = (n: number) => {
          const t = new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
          return age([{ id: 'x', dueDate: due, amount: 100 }], t).debts[0]?.bucket as string;
        };
        return order.indexOf(on(d1 + extra)) >= order.indexOf(on(d1));
      }),
      { seed: 90, numRuns: 80 },
    );
  });
});
