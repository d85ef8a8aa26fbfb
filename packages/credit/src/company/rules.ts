import {
  AttributeValueSchema,
  addDays,
  allocate,
  type Decision,
  daysBetween,
  evaluateCondition,
  evaluateFormula,
  type FormulaStep,
  formatMoney,
  InstantSchema,
  LocalDateSchema,
  multiplyMoney,
  NonNegativeFenSchema,
  ownValue,
  recordOf,
  Trace,
  type Violation,
  violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { ScalarSchema } from '../decision-table/schema.js';
import { runDecisionTable } from '../decision-table/table.js';
import { StaffListSchema } from '../shared.js';
import { type CompiledCreditRules, LIMIT_INPUTS, requirePart } from './policy.js';

type Bands = NonNullable<CompiledCreditRules['grading']>['bands'];

// ─── 5. Grade scale ─────────────────────────────────────────────────────────────────────────

/** The facts a customer is graded on (the scorecard's factors or the table's input columns). */
export const GradeFactsSchema = recordOf(z.string(), ScalarSchema);

/** What grading found: the grade, its rank on the scale (0 = best), the score and each factor's points. */
export interface GradeResult {
  grade: string;
  rank: number;
  /** The weighted score (null when a table gave the grade directly). */
  score: number | null;
  factors: { name: string; value: string | number | boolean; points: number; weightBp: number }[];
}

function bandOf(bands: Bands, score: number): number {
  const i = bands.findIndex(
    (b) =>
      (b.minScore === undefined || score >= b.minScore) && (b.maxScore === undefined || score <= b.maxScore),
  );
  // The scale is contiguous and open at both ends (checked when compiled): every score has a band.
  return i;
}

/**
 * Grades a customer on the company's scale: the scorecard's weighted points, or the grading table.
 *
 * @param facts - the facts, one per factor (or table input column)
 * @param rules - the compiled rules (with `grading`)
 * @returns a decision: the grade, its rank, the score and each factor's points
 */
export function gradeOnScale(
  facts: Readonly<Record<string, string | number | boolean>>,
  rules: CompiledCreditRules,
): Decision<GradeResult> {
  const g = requirePart(rules.params, 'grading');
  const bands = rules.grading?.bands ?? g.grades;
  const trace = new Trace();
  if (g.scorecard !== undefined && rules.factorTables !== undefined) {
    let weighted = 0n;
    const factors: GradeResult['factors'] = [];
    g.scorecard.factors.forEach((f, i) => {
      if (!Object.hasOwn(facts, f.name))
        throw new ZhiduError(
          'invalid_input',
          ['facts', f.name],
          `缺少评分因素 ${f.name} / the scorecard's factor ${f.name} is missing from the facts`,
        );
      const value = facts[f.name] as string | number | boolean;
      const table = rules.factorTables?.[i];
      const out = table === undefined ? null : runDecisionTable(table, { [f.name]: value }).value.output;
      if (out === null)
        throw new ZhiduError(
          'invalid_input',
          ['facts', f.name],
          `因素 ${f.name} 的值 ${JSON.stringify(value)} 不在任何分档内 / no band of factor ${f.name} holds ${JSON.stringify(value)}: state a band for it`,
        );
      const points = out.points as number;
      weighted += BigInt(points) * BigInt(f.weightBp);
      factors.push({ name: f.name, value, points, weightBp: f.weightBp });
    });
    const score = multiplyMoney(Number(weighted), { numerator: 1, denominator: 10000 }, g.scorecard.rounding);
    const rank = bandOf(bands, score);
    const grade = (bands[rank] as { grade: string }).grade;
    trace.add(
      g.rule,
      g.clause,
      `评分 ${factors.map((f) => `${f.name} ${f.points}分×${f.weightBp / 100}%`).join(' + ')} = ${score} 分：${grade} 级`,
      `score ${factors.map((f) => `${f.name} ${f.points} × ${f.weightBp / 100} %`).join(' + ')} = ${score}: grade ${grade}`,
      { score, grade, rank, factors },
    );
    return trace.decide({ grade, rank, score, factors });
  }
  const table = rules.grading?.table;
  const d = runDecisionTable(table as NonNullable<typeof table>, facts);
  trace.append(d.trace);
  const out = d.value.output;
  if (out === null)
    throw new ZhiduError(
      'invalid_input',
      ['facts'],
      '评级表没有一行与这些事实相符，也没有 defaultOutput / no row of the grading table matches these facts and it has no defaultOutput',
    );
  let score: number | null = null;
  let rank: number;
  if (out.grade !== undefined) rank = bands.findIndex((b) => b.grade === out.grade);
  else {
    score = out.score as number;
    rank = bandOf(bands, score);
  }
  const grade = (bands[rank] as { grade: string }).grade;
  trace.add(
    g.rule,
    g.clause,
    `评级表：${grade} 级${score === null ? '' : `（${score} 分）`}`,
    `grading table: grade ${grade}${score === null ? '' : ` (score ${score})`}`,
    { grade, rank, score },
  );
  return trace.decide({ grade, rank, score, factors: [] });
}

// ─── 6. Limit formula ───────────────────────────────────────────────────────────────────────

const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

/** The facts a limit is computed from: the date, monthly sales, the customer, and any extra inputs. */
export const LimitInputSchema = z.strictObject({
  /** The day the limit is set (the window is the complete months before its month). */
  date: LocalDateSchema,
  /** Sales (invoiced goods) per calendar month, a month without sales given as 0. */
  sales: z.array(z.strictObject({ month: MonthSchema, amount: NonNegativeFenSchema })),
  customer: z.strictObject({
    /** When the customer relationship began (tenure is counted in whole months from it). */
    since: LocalDateSchema,
    /** The grade, if already known; else graded from `facts` on the policy's scale. */
    grade: z.string().min(1).optional(),
    facts: GradeFactsSchema.optional(),
    /** The agreed payment term in days. */
    termDays: z.number().int().min(0).optional(),
    /** Receivables now open, in fen. */
    outstanding: NonNegativeFenSchema.optional(),
  }),
  /** Values of the policy's `extraInputs`. */
  inputs: recordOf(z.string(), z.union([z.number().int(), z.string(), z.boolean()])).default({}),
});

/** A computed limit, its inputs and the formula's working. */
export interface LimitResult {
  limit: number;
  window: { from: string; through: string };
  inputs: Record<string, number | string | boolean>;
  steps: FormulaStep[];
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}
function monthText(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whole months from `since` to `date` (a month is complete on the same day of the month). */
function wholeMonths(since: string, date: string): number {
  const months = monthIndex(date.slice(0, 7)) - monthIndex(since.slice(0, 7));
  return Number(date.slice(8, 10)) < Number(since.slice(8, 10)) ? months - 1 : months;
}

/**
 * Computes a credit limit with the policy's formula over the sales window and the customer's facts.
 *
 * @param input - see {@link LimitInputSchema}
 * @param rules - the compiled rules (with `limit`)
 * @returns a decision: the limit, the window, the inputs the formula saw and its steps
 */
export function limitByFormula(
  input: z.output<typeof LimitInputSchema>,
  rules: CompiledCreditRules,
): Decision<LimitResult> {
  const l = requirePart(rules.params, 'limit');
  const formula = rules.limit as NonNullable<CompiledCreditRules['limit']>;
  const trace = new Trace();
  const current = monthIndex(input.date.slice(0, 7));
  const first = current - l.windowMonths;
  const byMonth = new Map<number, number>();
  input.sales.forEach((s, i) => {
    const m = monthIndex(s.month);
    if (byMonth.has(m))
      throw new ZhiduError(
        'duplicate',
        ['sales', i, 'month'],
        `月份 ${s.month} 重复 / month ${s.month} is given twice`,
      );
    byMonth.set(m, s.amount);
  });
  let total = 0n;
  let max = 0;
  let active = 0;
  const needsSales = formula.reads.some((r) => ['salesTotal', 'salesMonthlyMax', 'activeMonths'].includes(r));
  for (let m = first; m < current; m++) {
    const v = byMonth.get(m);
    if (v === undefined) {
      if (!needsSales) continue;
      throw new ZhiduError(
        'incomplete_history',
        ['sales'],
        `缺少 ${monthText(m)} 的销售额：窗口 ${monthText(first)}–${monthText(current - 1)} 的每个月都须给出（无销售记 0） / sales of ${monthText(m)} are missing: every month of the window ${monthText(first)}–${monthText(current - 1)} must be given (0 for a month without sales)`,
      );
    }
    total += BigInt(v);
    if (v > max) max = v;
    if (v > 0) active++;
  }
  const values: Record<string, number | string | boolean> = {
    salesTotal: Number(total),
    salesMonthlyMax: max,
    activeMonths: active,
    windowMonths: l.windowMonths,
    tenureMonths: wholeMonths(input.customer.since, input.date),
  };
  if (input.customer.termDays !== undefined) values.termDays = input.customer.termDays;
  if (input.customer.outstanding !== undefined) values.outstanding = input.customer.outstanding;
  if (input.customer.grade !== undefined) {
    const scale = rules.params.grading?.grades;
    if (scale !== undefined && !scale.some((b) => b.grade === input.customer.grade))
      throw new ZhiduError(
        'unknown_reference',
        ['customer', 'grade'],
        `等级 ${input.customer.grade} 不在本公司的等级表中（${scale.map((b) => b.grade).join('、')}） / grade ${input.customer.grade} is not on the company's scale (${scale.map((b) => b.grade).join(', ')})`,
      );
    values.grade = input.customer.grade;
  } else if (input.customer.facts !== undefined && rules.params.grading !== undefined) {
    const graded = gradeOnScale(input.customer.facts, rules);
    trace.append(graded.trace);
    values.grade = graded.value.grade;
  }
  for (const name of l.extraInputs) {
    // Own keys only: an extra input named `constructor` the caller left out is missing, not the
    // Object function.
    const v = ownValue(input.inputs, name);
    if (v !== undefined) values[name] = v;
  }
  for (const k of Object.keys(input.inputs)) {
    if (!l.extraInputs.includes(k))
      throw new ZhiduError(
        'unknown_key',
        ['inputs', k],
        `制度的 extraInputs 中没有 ${k} / ${k} is not one of the policy's extraInputs (${l.extraInputs.join(', ') || 'none'})`,
      );
  }
  for (const name of formula.reads) {
    if (Object.hasOwn(values, name)) continue;
    const where = (LIMIT_INPUTS as readonly string[]).includes(name)
      ? name === 'grade'
        ? ['customer', 'grade']
        : ['customer', name]
      : ['inputs', name];
    throw new ZhiduError(
      'invalid_input',
      where,
      `额度公式需要 ${name}，输入中没有 / the limit formula reads ${name}, which the input does not give`,
    );
  }
  const { value, steps } = evaluateFormula(formula, values, ['inputs']);
  const limit = Math.max(0, value);
  const window = { from: monthText(first), through: monthText(current - 1) };
  trace.add(
    l.rule,
    l.clause,
    `授信额度 ${formatMoney(limit)}（近 ${l.windowMonths} 个月 ${window.from}–${window.through} 销售额 ${formatMoney(Number(total))}）`,
    `credit limit ${formatMoney(limit)} (sales of the ${l.windowMonths} months ${window.from}–${window.through}: ${formatMoney(Number(total))})`,
    { limit, window, inputs: values, steps },
  );
  return trace.decide({ limit, window, inputs: values, steps });
}

// ─── 7. Bad-debt liability ──────────────────────────────────────────────────────────────────

/** A bad-debt case: the loss, its circumstances (for the table's conditions) and who was involved. */
export const BadDebtCaseSchema = z.strictObject({
  debtId: z.string().min(1),
  /** When the loss was established (the violations' time). */
  at: InstantSchema,
  /** The loss in fen (principal plus recoverable costs not collected). */
  loss: NonNegativeFenSchema,
  customerClass: z.string().min(1).optional(),
  /** Whether the shipment was within the customer's limit. */
  withinLimit: z.boolean().optional(),
  /** The role of whoever signed the shipment or its over-limit approval (null: nobody signed). */
  signedBy: z.string().min(1).nullable().optional(),
  /** How far over the limit the shipment went, in fen. */
  overLimitBy: NonNegativeFenSchema.optional(),
  /** Further facts the table's conditions may read. */
  attributes: recordOf(z.string(), AttributeValueSchema).default({}),
  /** The people involved, by role (a role held by several shares its part evenly). */
  staff: StaffListSchema,
});

/** Who bears a bad debt: the row that decided, each person's share, and the company's part. */
export interface BadDebtSharesResult {
  row: string;
  shares: { personId: string; role: string; bp: number; amount: number }[];
  company: number;
}

/**
 * Splits a bad debt by the policy's liability table: the first row whose condition holds; each
 * role's basis points of the loss (largest remainder over the roles and the company, ties to the
 * earlier), split evenly among the people holding the role (largest remainder again) — the parts sum
 * to the loss exactly. Each person's part is a violation penalty can price.
 *
 * @param c - the case
 * @param rules - the compiled rules (with `liability`)
 * @param module - the emitting module's id (for the violations)
 * @returns a decision and the violations
 */
export function shareBadDebt(
  c: z.output<typeof BadDebtCaseSchema>,
  rules: CompiledCreditRules,
  module: string,
): Decision<BadDebtSharesResult> & { violations: Violation[] } {
  const table = requirePart(rules.params, 'liability');
  const subject: Record<string, unknown> = {
    ...c.attributes,
    loss: c.loss,
    ...(c.customerClass === undefined ? {} : { customerClass: c.customerClass }),
    ...(c.withinLimit === undefined ? {} : { withinLimit: c.withinLimit }),
    ...(c.signedBy === undefined ? {} : { signedBy: c.signedBy }),
    ...(c.overLimitBy === undefined ? {} : { overLimitBy: c.overLimitBy }),
  };
  const trace = new Trace();
  let why = { zh: '无条件', en: 'no condition' };
  const index = table.rows.findIndex((r, i) => {
    if (r.when === undefined) return true;
    const res = evaluateCondition(r.when, subject, ['policy', 'params', 'liability', 'rows', i, 'when']);
    if (res.holds) why = res.explanation;
    return res.holds;
  });
  const row = table.rows[index];
  if (row === undefined)
    throw new ZhiduError(
      'invalid_input',
      ['case'],
      `坏账责任表中没有一行适用于此案（${JSON.stringify(subject)}）：请补充一行 / no row of the liability table applies to this case (${JSON.stringify(subject)}): add a row for it`,
    );
  const parts = allocate(c.loss, [...row.shares.map((s) => s.bp), row.companyBp]);
  const shares: BadDebtSharesResult['shares'] = [];
  row.shares.forEach((s, k) => {
    const holders = c.staff.filter((p) => p.role === s.role);
    if (holders.length === 0)
      throw new ZhiduError(
        'invalid_input',
        ['case', 'staff'],
        `责任表行 ${row.id} 要求 ${s.role} 分担，但案件中无人担任此角色 / row ${row.id} charges the role ${s.role}, but no one in the case holds it`,
      );
    const each = allocate(
      parts[k] as number,
      holders.map(() => 1),
    );
    holders.forEach((h, j) => {
      shares.push({ personId: h.personId, role: s.role, bp: s.bp, amount: each[j] as number });
    });
  });
  const company = parts[row.shares.length] as number;
  trace.add(
    row.rule,
    row.clause,
    `坏账 ${formatMoney(c.loss)} 按 ${row.id} 分担（${why.zh}）：${shares.map((s) => `${s.personId}(${s.role}) ${formatMoney(s.amount)}`).join('，') || '无个人分担'}；公司 ${formatMoney(company)}`,
    `bad debt ${formatMoney(c.loss)} shared by row ${row.id} (${why.en}): ${shares.map((s) => `${s.personId} (${s.role}) ${formatMoney(s.amount)}`).join(', ') || 'no personal share'}; company ${formatMoney(company)}`,
    { row: row.id, shares, company },
  );
  const violations = shares
    .filter((s) => s.amount > 0)
    .map((s) =>
      violation(
        module,
        row.clause === undefined ? { rule: row.rule } : { rule: row.rule, clause: row.clause },
        {
          code: table.code,
          personId: s.personId,
          role: s.role,
          occurredAt: c.at,
          subject: { kind: 'debt', id: c.debtId },
          data: { amount: s.amount, bp: s.bp, loss: c.loss, row: row.id },
        },
      ),
    );
  return { ...trace.decide({ row: row.id, shares, company }), violations };
}

// ─── 8. Debt ageing ─────────────────────────────────────────────────────────────────────────

const DatedAmountSchema = z.strictObject({ date: LocalDateSchema, amount: NonNegativeFenSchema });

/** A customer's debts on a date: each invoice's due date, principal, payments and collection costs. */
export const AgeingInputSchema = z.strictObject({
  date: LocalDateSchema,
  customerId: z.string().min(1),
  debts: z.array(
    z.strictObject({
      id: z.string().min(1),
      dueDate: LocalDateSchema,
      amount: NonNegativeFenSchema,
      payments: z.array(DatedAmountSchema).default([]),
      /** Collection costs spent on the debt (lawyer, travel, court fees). */
      costs: z.array(DatedAmountSchema.extend({ kind: z.string().min(1).optional() })).default([]),
    }),
  ),
});

/** One debt aged on the date. */
export interface AgedDebt {
  id: string;
  daysOverdue: number;
  /** The bucket, or null when the debt is settled. */
  bucket: string | null;
  principalOpen: number;
  costsOpen: number;
  open: number;
  /** Paid beyond the debt (kept, never applied elsewhere). */
  overpaid: number;
  badDebt: {
    status: 'bad' | 'notBad' | 'pending';
    measuredOn: string;
    collectBy: string;
    arrears: number;
    collected: number;
  } | null;
}

/** The account aged: each debt, each bucket's total, the actions the account triggers, the bad debts. */
export interface AgeingResult {
  debts: AgedDebt[];
  buckets: { name: string; amount: number; debts: string[] }[];
  actions: string[];
  worstBucket: string | null;
  badDebts: string[];
}

/** Principal and costs open on `date` (payments settle costs first, then principal). */
function openOn(
  debt: z.output<typeof AgeingInputSchema>['debts'][number],
  date: string,
  cap: { capBp?: number; rounding?: Parameters<typeof multiplyMoney>[2] } | undefined,
): { principal: number; costs: number; overpaid: number } {
  let costs = 0;
  if (cap !== undefined) {
    for (const c of debt.costs) if (c.date <= date) costs += c.amount;
    if (cap.capBp !== undefined) {
      const most = multiplyMoney(
        debt.amount,
        { numerator: cap.capBp, denominator: 10000 },
        cap.rounding ?? 'halfUp',
      );
      if (costs > most) costs = most;
    }
  }
  let paid = 0;
  for (const p of debt.payments) if (p.date <= date) paid += p.amount;
  const toCosts = Math.min(paid, costs);
  const toPrincipal = Math.min(paid - toCosts, debt.amount);
  return {
    principal: debt.amount - toPrincipal,
    costs: costs - toCosts,
    overpaid: paid - toCosts - toPrincipal,
  };
}

/**
 * Ages a customer's debts on a date: days past due, the bucket, the open amount (collection costs
 * added when the policy says so, payments settling costs first), the actions of every bucket that
 * holds an open debt, and which debts are deemed bad.
 *
 * @param input - see {@link AgeingInputSchema}
 * @param rules - the compiled rules (with `ageing`)
 * @returns a decision
 */
export function ageDebts(
  input: z.output<typeof AgeingInputSchema>,
  rules: CompiledCreditRules,
): Decision<AgeingResult> {
  const a = requirePart(rules.params, 'ageing');
  const trace = new Trace();
  const ids = new Set<string>();
  const debts: AgedDebt[] = input.debts.map((d, i) => {
    if (ids.has(d.id))
      throw new ZhiduError(
        'duplicate',
        ['debts', i, 'id'],
        `欠款 ${d.id} 重复 / debt ${d.id} is given twice`,
      );
    ids.add(d.id);
    const daysOverdue = Math.max(0, daysBetween(d.dueDate, input.date));
    const open = openOn(d, input.date, a.collectionCosts);
    const total = open.principal + open.costs;
    let bucket: string | null = null;
    if (total > 0) {
      for (const b of a.buckets) if (daysOverdue >= b.minDaysOverdue) bucket = b.name;
    }
    let badDebt: AgedDebt['badDebt'] = null;
    if (a.badDebt !== undefined && daysOverdue >= a.badDebt.measureAtDaysOverdue) {
      const measuredOn = addDays(d.dueDate, a.badDebt.measureAtDaysOverdue);
      const collectBy = addDays(measuredOn, a.badDebt.collectWithinDays);
      const at = openOn(d, measuredOn, a.collectionCosts);
      const arrears = at.principal + at.costs;
      let collected = 0;
      for (const p of d.payments)
        if (p.date > measuredOn && p.date <= collectBy && p.date <= input.date) collected += p.amount;
      let status: 'bad' | 'notBad' | 'pending';
      // collected < arrears × bp / 10000, compared exactly
      const below = BigInt(collected) * 10000n < BigInt(arrears) * BigInt(a.badDebt.collectedBelowBp);
      if (arrears === 0 || !below) status = 'notBad';
      else status = input.date >= collectBy ? 'bad' : 'pending';
      badDebt = { status, measuredOn, collectBy, arrears, collected };
    }
    return {
      id: d.id,
      daysOverdue,
      bucket,
      principalOpen: open.principal,
      costsOpen: open.costs,
      open: total,
      overpaid: open.overpaid,
      badDebt,
    };
  });
  const buckets = a.buckets.map((b) => {
    const mine = debts.filter((d) => d.bucket === b.name);
    return { name: b.name, amount: mine.reduce((s, d) => s + d.open, 0), debts: mine.map((d) => d.id) };
  });
  const actions: string[] = [];
  let worstBucket: string | null = null;
  a.buckets.forEach((b, i) => {
    if ((buckets[i]?.debts.length ?? 0) === 0) return;
    worstBucket = b.name;
    for (const x of b.actions) if (!actions.includes(x)) actions.push(x);
  });
  const badDebts = debts.filter((d) => d.badDebt?.status === 'bad').map((d) => d.id);
  trace.add(
    a.rule,
    a.clause,
    `${input.customerId} 于 ${input.date} 的账龄：${
      buckets
        .filter((b) => b.debts.length > 0)
        .map((b) => `${b.name} ${formatMoney(b.amount)}`)
        .join('，') || '无未清欠款'
    }${actions.length > 0 ? `；须 ${actions.join('、')}` : ''}${badDebts.length > 0 ? `；认定坏账 ${badDebts.join('、')}` : ''}`,
    `ageing of ${input.customerId} on ${input.date}: ${
      buckets
        .filter((b) => b.debts.length > 0)
        .map((b) => `${b.name} ${formatMoney(b.amount)}`)
        .join(', ') || 'nothing open'
    }${actions.length > 0 ? `; triggers ${actions.join(', ')}` : ''}${badDebts.length > 0 ? `; deemed bad: ${badDebts.join(', ')}` : ''}`,
    { buckets, actions, badDebts },
  );
  return trace.decide({ debts, buckets, actions, worstBucket, badDebts });
}
