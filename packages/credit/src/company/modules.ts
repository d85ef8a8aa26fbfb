import { defineModule, Trace } from '@zhidu/core';
import { z } from 'zod';
import { creditPresetJson } from '../presets.js';
import { type CompiledCreditRules, CreditRulesParamsSchema, compileCreditRules } from './policy.js';
import {
  AgeingInputSchema,
  ageDebts,
  BadDebtCaseSchema,
  GradeFactsSchema,
  gradeOnScale,
  LimitInputSchema,
  limitByFormula,
  shareBadDebt,
} from './rules.js';

/** The presets of a company's credit rules: fictitious companies, each using several parts. */
const companyPresets = {
  'example-qingshan-building-materials': creditPresetJson['example-qingshan-building-materials'],
  'example-jinma-auto-group': creditPresetJson['example-jinma-auto-group'],
};

const compile = (policy: { params: z.output<typeof CreditRulesParamsSchema> }): CompiledCreditRules =>
  compileCreditRules(policy.params);

const DECIDED_NOW = {
  kind: 'now' as const,
  reason: {
    zh: '评级的输入不含时间，按作出决定时（ctx.now）的制度',
    en: 'the facts of a grading carry no time: graded under the rules in force when it is made (ctx.now)',
  },
};

/**
 * A customer graded on the company's own scale (any labels, any number of grades, best first): a
 * scorecard of weighted factors (each factor's bands give points; `score = round(Σ points × weightBp /
 * 10000)`; the grade whose score band holds it), or a decision table. Score bands that overlap or
 * leave a gap are refused when the policy is compiled, with the path.
 *
 * @example
 * const policy = creditGradeScaleModule.preset('example-qingshan-building-materials');
 * const facts = { yearsTrading: 6, overdueTimes12m: 0, registeredCapitalWan: 800 };
 * const d = creditGradeScaleModule.evaluate({ facts }, policy, { now: '2025-03-01T09:00:00+08:00' });
 * d.value.result.grade; //=> 'AAA'
 * d.value.result.score; //=> 100
 */
export const creditGradeScaleModule = defineModule({
  id: 'credit.grade-scale',
  title: { zh: '信用等级评分', en: 'Credit grade on the company scale' },
  params: CreditRulesParamsSchema,
  input: z.strictObject({ facts: GradeFactsSchema }),
  history: DECIDED_NOW,
  presets: companyPresets,
  compile,
  evaluate: (input, rules) => {
    const d = gradeOnScale(input.facts, rules);
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});

/**
 * A credit limit computed by the policy's formula (core's formulas as data) over the complete months
 * of the sales window before the date, the customer's tenure, term, grade and any extra inputs; a
 * month of the window without data is refused (`incomplete_history`), a quiet month is given as 0.
 *
 * @example
 * const policy = creditLimitFormulaModule.preset('example-qingshan-building-materials');
 * const sales = Array.from({ length: 12 }, (_, i) => ({ month: `2024-${String(i + 1).padStart(2, '0')}`, amount: yuan(100_000) }));
 * const customer = { since: '2021-05-10', grade: 'A', termDays: 30 };
 * const d = creditLimitFormulaModule.evaluate({ date: '2025-01-15', sales, customer }, policy, { now: '2025-01-15T09:00:00+08:00' });
 * d.value.result.limit; //=> 24_000_000 (¥1,200,000 × 20 % = ¥240,000, grade A × 100 %)
 */
export const creditLimitFormulaModule = defineModule({
  id: 'credit.limit-formula',
  title: { zh: '授信额度公式', en: 'Credit limit by formula' },
  params: CreditRulesParamsSchema,
  input: LimitInputSchema,
  history: { kind: 'judgedAt', at: (i) => ({ date: i.date, path: ['date'] }) },
  presets: companyPresets,
  compile,
  evaluate: (input, rules) => {
    const d = limitByFormula(input, rules);
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});

/**
 * Who bears a bad debt, by the policy's liability table (rows by customer class, within or over the
 * limit, who signed …; each row's shares and the company's part sum to 100 %): each person's part is
 * a violation (`credit.badDebt.share`, `data.amount` in fen) that a fine schedule can price. The parts
 * sum to the loss exactly (largest remainder, ties to the earlier share).
 *
 * @example
 * const policy = creditBadDebtSharesModule.preset('example-jinma-auto-group');
 * const c = {
 *   debtId: 'JM-2025-007', at: '2025-06-30T17:00:00+08:00', loss: yuan(100_000),
 *   customerClass: 'fleet', withinLimit: false, signedBy: 'storeManager',
 *   staff: [{ personId: 'zhao', role: 'salesConsultant' }, { personId: 'qian', role: 'storeManager' }],
 * };
 * const d = creditBadDebtSharesModule.evaluate({ case: c }, policy, { now: '2025-06-30T17:00:00+08:00' }).value;
 * d.result.shares.map((s) => [s.personId, s.amount]); //=> [['zhao', 1_500_000], ['qian', 2_500_000]]
 * d.violations.map((v) => v.code); //=> ['credit.badDebt.share', 'credit.badDebt.share']
 */
export const creditBadDebtSharesModule = defineModule({
  id: 'credit.bad-debt-shares',
  title: { zh: '坏账责任分担', en: 'Bad-debt liability by case' },
  params: CreditRulesParamsSchema,
  input: z.strictObject({ case: BadDebtCaseSchema }),
  history: { kind: 'judgedAt', at: (i) => ({ at: i.case.at, path: ['case', 'at'] }) },
  presets: companyPresets,
  compile,
  evaluate: (input, rules) => {
    const d = shareBadDebt(input.case, rules, 'credit.bad-debt-shares');
    return new Trace().append(d.trace).decide({ result: d.value, violations: d.violations });
  },
});

/**
 * A customer's debts aged on a date: each debt's days past due and bucket (buckets in increasing order
 * of days overdue, the first from 0), the open amount (collection costs added when the policy says
 * so, capped; payments settle costs first, then principal), what the account triggers (every action
 * of every bucket holding an open debt), and which debts are deemed bad (less than the stated share
 * of the arrears at a point collected by a later one).
 *
 * @example
 * const policy = creditDebtAgeingModule.preset('example-jinma-auto-group');
 * const debts = [{ id: 'INV-1', dueDate: '2025-03-01', amount: yuan(50_000) }];
 * const d = creditDebtAgeingModule.evaluate({ date: '2025-03-31', customerId: 'C8', debts }, policy, { now: '2025-03-31T09:00:00+08:00' });
 * d.value.result.debts[0].bucket; //=> '1-30'
 * d.value.result.actions; //=> ['reminder', 'stopShipment']
 */
export const creditDebtAgeingModule = defineModule({
  id: 'credit.debt-ageing',
  title: { zh: '账龄分析', en: 'Debt ageing' },
  params: CreditRulesParamsSchema,
  input: AgeingInputSchema,
  history: { kind: 'judgedAt', at: (i) => ({ date: i.date, path: ['date'] }) },
  presets: companyPresets,
  compile,
  evaluate: (input, rules) => {
    const d = ageDebts(input, rules);
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});
