/**
 * A company's own credit rules as data (issue 16, capabilities 5–8): a grade scale of any labels
 * with a scorecard or a decision table, a limit formula over sales-history aggregates, a bad-debt
 * liability table, and debt ageing. Every field is optional: a policy states the parts its
 * regulation has, and a module asked for a part the policy lacks refuses with `invalid_state`
 * naming the field. The seed presets and their modules are unchanged.
 */
import {
  type CompiledFormula,
  ConditionSchema,
  compileFormula,
  type ErrorPath,
  FormulaSchema,
  type Policy,
  RoundingModeSchema,
  ValueTestSchema,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { DecisionTableSchema } from '../decision-table/schema.js';
import { type CompiledDecisionTable, defineDecisionTable } from '../decision-table/table.js';

const Int = z.number().int();
const Label = z.string().min(1);
/** Basis points: 10000 = 100 %. */
const Bp = Int.min(0).max(10000);

// ─── 5. Grade scale ─────────────────────────────────────────────────────────────────────────

/** One grade of the scale and the scores it owns (both bounds inclusive; open at the ends of the scale). */
export const GradeBandSchema = z.strictObject({
  /** The grade's label, any text: `AAA`, `A+`, `优`, `一级`. */
  grade: Label,
  /** Lowest score of the grade (inclusive); absent only on the last (worst) grade. */
  minScore: Int.optional(),
  /** Highest score of the grade (inclusive); absent only on the first (best) grade. */
  maxScore: Int.optional(),
});

/** One band of a scorecard factor: the facts it matches (core's value tests) and the points it gives. */
export const FactorBandSchema = z.strictObject({ when: ValueTestSchema, points: Int });

/** A weighted factor of a scorecard: its fact, its weight in basis points, and its bands (no overlap). */
export const ScoreFactorSchema = z.strictObject({
  /** The fact the factor reads (`yearsTrading`, `overdueTimes12m`, `registeredCapitalFen` …). */
  name: Label,
  type: z.enum(['number', 'string', 'boolean']),
  /** The factor's weight in basis points (3000 = 30 %). */
  weightBp: Bp,
  bands: z.array(FactorBandSchema).min(1),
});

/** Weighted factors → points → score: `score = round(Σ points × weightBp / 10000)`. */
export const ScorecardSchema = z.strictObject({
  factors: z.array(ScoreFactorSchema).min(1),
  /** How the weighted sum is rounded to a whole score. */
  rounding: RoundingModeSchema,
});

/** A grade scale: the grades best first, and how a customer is scored (a scorecard or a decision table). */
export const GradingSchema = z.strictObject({
  /** The catalog rule the company's grading clause plays the part of (cited in the trace). */
  rule: Label.default('S001-GRADE-01'),
  /** The company's clause (`《客户信用管理办法》第5条`). */
  clause: z.string().optional(),
  grades: z.array(GradeBandSchema).min(1),
  scorecard: ScorecardSchema.optional(),
  /** A decision table whose output column `grade` (a label of `grades`) or `score` (a number) grades the facts. */
  table: DecisionTableSchema.optional(),
});

// ─── 6. Limit formula ───────────────────────────────────────────────────────────────────────

/** The inputs every limit formula may read (see docs/credit.md). */
export const LIMIT_INPUTS = [
  'salesTotal',
  'salesMonthlyMax',
  'activeMonths',
  'windowMonths',
  'tenureMonths',
  'termDays',
  'outstanding',
  'grade',
] as const;

/** A credit limit as a formula over sales-history aggregates and the customer's facts. */
export const LimitFormulaSchema = z.strictObject({
  /** The catalog rule the company's limit clause plays the part of (cited in the trace). */
  rule: Label.default('S000-CREDIT-02'),
  clause: z.string().optional(),
  /** The window: this many complete calendar months before the month of the date (近12个月 = 12). */
  windowMonths: Int.min(1).max(120),
  /** Names of further inputs the caller supplies (`depositFen`, `isGroupMember` …). */
  extraInputs: z.array(Label).default([]),
  formula: FormulaSchema,
});

// ─── 7. Bad-debt liability table ────────────────────────────────────────────────────────────

/** One role's share of a loss, in basis points. */
export const RoleShareSchema = z.strictObject({ role: Label, bp: Int.min(1).max(10000) });

/** One case of the liability table: when it applies and who bears what (shares + company = 100 %). */
export const LiabilityRowSchema = z.strictObject({
  id: Label,
  /** The catalog rule the row plays the part of, cited in the trace and the violations. */
  rule: Label.default('S000-CREDIT-10'),
  clause: z.string().optional(),
  /** When the row applies, over the case (`customerClass`, `withinLimit`, `signedBy`, `overLimitBy` …); absent: always. */
  when: ConditionSchema.optional(),
  shares: z.array(RoleShareSchema),
  /** What the company bears, in basis points. */
  companyBp: Bp.default(0),
});

/** The liability table: the first row whose condition holds decides the case. */
export const LiabilityTableSchema = z.strictObject({
  rows: z.array(LiabilityRowSchema).min(1),
  /** The violation code of each person's share (penalty prices it; `data.amount` is the share in fen). */
  code: Label.default('credit.badDebt.share'),
});

// ─── 8. Debt ageing ─────────────────────────────────────────────────────────────────────────

/** An ageing bucket: from how many days overdue it starts, and what it triggers. */
export const AgeingBucketSchema = z.strictObject({
  /** `current`, `1-30`, `31-60` … */
  name: Label,
  /** Days past the due date from which the bucket applies (0 = not yet overdue). */
  minDaysOverdue: Int.min(0),
  /** What a debt in this bucket triggers: `reminder`, `stopShipment`, `cashOnly`, `referToLegal` … */
  actions: z.array(Label).default([]),
});

/** When an overdue debt is deemed bad: less than `collectedBelowBp` of the arrears collected in the window. */
export const BadDebtTestSchema = z.strictObject({
  /** The arrears are measured when the debt is this many days overdue. */
  measureAtDaysOverdue: Int.min(0),
  /** … and the collections counted over the following days. */
  collectWithinDays: Int.min(1),
  /** Deemed bad when the collections are below this share of the arrears (strictly less). */
  collectedBelowBp: Int.min(1).max(10000),
});

/** Collection costs (催收费用: lawyer, travel, court fees) added to the debt, up to a cap. */
export const CollectionCostsSchema = z.strictObject({
  /** The cap, in basis points of the principal (absent: no cap). */
  capBp: Int.min(0).optional(),
  /** How the cap is rounded to whole fen (required with `capBp`). */
  rounding: RoundingModeSchema.optional(),
});

/** Ageing: the buckets in order, what each triggers, when a debt is bad, and collection costs. */
export const AgeingSchema = z.strictObject({
  /** The catalog rule the company's ageing clause plays the part of (cited in the trace). */
  rule: Label.default('S000-GRADE-01'),
  clause: z.string().optional(),
  buckets: z.array(AgeingBucketSchema).min(1),
  badDebt: BadDebtTestSchema.optional(),
  /** Absent: collection costs are not added to the debt. */
  collectionCosts: CollectionCostsSchema.optional(),
});

/** A company's credit rules (every part optional; see the module of each part). */
export const CreditRulesParamsSchema = z.strictObject({
  grading: GradingSchema.optional(),
  limit: LimitFormulaSchema.optional(),
  liability: LiabilityTableSchema.optional(),
  ageing: AgeingSchema.optional(),
});
/** A company's credit rules (see {@link CreditRulesParamsSchema}). */
export type CreditRulesParams = z.output<typeof CreditRulesParamsSchema>;
/** A policy of a company's credit rules. */
export type CreditRulesPolicy = Policy<CreditRulesParams>;

/** The validated, compiled rules a module runs. */
export interface CompiledCreditRules {
  readonly params: CreditRulesParams;
  readonly grading?: {
    readonly bands: z.output<typeof GradeBandSchema>[];
    readonly table?: CompiledDecisionTable;
  };
  readonly factorTables?: readonly CompiledDecisionTable[];
  readonly limit?: CompiledFormula;
}

const P = ['policy', 'params'] as const;

function refuse(path: ErrorPath, zh: string, en: string, code = 'invalid_input'): never {
  throw new ZhiduError(code, path, `${zh} / ${en}`);
}

/** Re-throws a decision-table error at the policy path of the table it came from. */
function rePath<T>(base: ErrorPath, map: (p: (string | number)[]) => (string | number)[], fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ZhiduError) {
      const msg = e.message.replace(/ \(at [^)]*\)$/, '');
      throw new ZhiduError(e.code, [...base, ...map(e.path)], msg, e.details);
    }
    throw e;
  }
}

function checkScale(bands: z.output<typeof GradeBandSchema>[]): void {
  const at = [...P, 'grading', 'grades'];
  const seen = new Set<string>();
  bands.forEach((b, i) => {
    if (seen.has(b.grade))
      refuse([...at, i, 'grade'], `等级 ${b.grade} 重复`, `grade ${b.grade} appears twice`, 'duplicate');
    seen.add(b.grade);
    const last = i === bands.length - 1;
    if (i === 0 && b.maxScore !== undefined)
      refuse(
        [...at, 0, 'maxScore'],
        '最高等级不设上限（分数再高也是最高等级）',
        'the best grade has no maxScore: any higher score is still the best grade',
      );
    if (last && b.minScore !== undefined)
      refuse(
        [...at, i, 'minScore'],
        '最低等级不设下限（分数再低也是最低等级）',
        'the worst grade has no minScore: any lower score is still the worst grade',
      );
    if (!last && b.minScore === undefined)
      refuse([...at, i, 'minScore'], `等级 ${b.grade} 须有 minScore`, `grade ${b.grade} needs a minScore`);
    if (i > 0 && b.maxScore === undefined)
      refuse([...at, i, 'maxScore'], `等级 ${b.grade} 须有 maxScore`, `grade ${b.grade} needs a maxScore`);
    if (b.minScore !== undefined && b.maxScore !== undefined && b.minScore > b.maxScore)
      refuse(
        [...at, i, 'maxScore'],
        `等级 ${b.grade} 的 maxScore ${b.maxScore} 小于 minScore ${b.minScore}`,
        `grade ${b.grade} has maxScore ${b.maxScore} below its minScore ${b.minScore}`,
      );
    const below = bands[i + 1];
    if (below !== undefined && b.minScore !== undefined && below.maxScore !== undefined) {
      if (below.maxScore >= b.minScore)
        refuse(
          [...at, i + 1, 'maxScore'],
          `分数段重叠：${below.grade} 的 maxScore ${below.maxScore} 不小于 ${b.grade} 的 minScore ${b.minScore}`,
          `score bands overlap: ${below.grade}'s maxScore ${below.maxScore} is not below ${b.grade}'s minScore ${b.minScore} (grades are listed best first)`,
        );
      if (below.maxScore + 1 < b.minScore)
        refuse(
          [...at, i + 1, 'maxScore'],
          `分数段有缺口：${below.grade} 的 maxScore ${below.maxScore} 与 ${b.grade} 的 minScore ${b.minScore} 之间，${below.maxScore + 1}–${b.minScore - 1} 分不属于任何等级`,
          `score bands leave a gap: scores ${below.maxScore + 1}–${b.minScore - 1} between ${below.grade}'s maxScore ${below.maxScore} and ${b.grade}'s minScore ${b.minScore} belong to no grade`,
        );
    }
  });
}

function compileFactor(f: z.output<typeof ScoreFactorSchema>, i: number): CompiledDecisionTable {
  const base = [...P, 'grading', 'scorecard', 'factors', i];
  return rePath(
    base,
    (p) => (p[0] === 'rules' ? ['bands', p[1] as number, ...(p.length > 3 ? ['when'] : [])] : p),
    () =>
      defineDecisionTable({
        id: `factor.${f.name}`,
        hitPolicy: 'unique',
        inputs: [{ name: f.name, type: f.type }],
        outputs: [{ name: 'points', type: 'number' }],
        rules: f.bands.map((b, k) => ({
          id: `band${k}`,
          when: { [f.name]: b.when },
          result: { points: b.points },
        })),
      }),
  );
}

/**
 * Checks a company's credit rules once (score bands, factor bands, formula inputs, liability shares,
 * ageing buckets), refusing a mistake at its path in the policy.
 *
 * @param params - the validated params
 * @returns the compiled rules
 */
export function compileCreditRules(params: CreditRulesParams): CompiledCreditRules {
  let grading: CompiledCreditRules['grading'];
  let factorTables: CompiledDecisionTable[] | undefined;
  if (params.grading !== undefined) {
    const g = params.grading;
    checkScale(g.grades);
    if ((g.scorecard === undefined) === (g.table === undefined))
      refuse(
        [...P, 'grading'],
        '评级须给出 scorecard 或 table 之一',
        'a grading states exactly one of scorecard and table',
      );
    if (g.scorecard !== undefined) {
      const sc = g.scorecard;
      const names = new Set<string>();
      sc.factors.forEach((f, i) => {
        if (names.has(f.name))
          refuse(
            [...P, 'grading', 'scorecard', 'factors', i, 'name'],
            `因素 ${f.name} 重复`,
            `factor ${f.name} appears twice`,
            'duplicate',
          );
        names.add(f.name);
      });
      const total = sc.factors.reduce((s, f) => s + f.weightBp, 0);
      if (total !== 10000)
        refuse(
          [...P, 'grading', 'scorecard', 'factors'],
          `各因素权重之和须为 10000 基点（100%），实际为 ${total}`,
          `the factors' weights must sum to 10000 bp (100 %), got ${total}`,
        );
      factorTables = sc.factors.map(compileFactor);
    }
    let table: CompiledDecisionTable | undefined;
    if (g.table !== undefined) {
      const t = g.table;
      table = rePath(
        [...P, 'grading', 'table'],
        (p) => p,
        () => defineDecisionTable(t),
      );
      const outs = t.outputs.map((o) => o.name);
      if (!outs.includes('grade') && !outs.includes('score'))
        refuse(
          [...P, 'grading', 'table', 'outputs'],
          '评级表须有输出列 grade 或 score',
          'the grading table needs an output column grade or score',
        );
      const labels = new Set(g.grades.map((b) => b.grade));
      t.rules.forEach((r, i) => {
        const out = (r.result as Record<string, unknown>).grade;
        if (out !== undefined && !labels.has(String(out)))
          refuse(
            [...P, 'grading', 'table', 'rules', i, 'result', 'grade'],
            `评级表给出了等级表中没有的等级 ${String(out)}`,
            `the table gives grade ${String(out)}, which is not on the scale (${[...labels].join(', ')})`,
            'unknown_reference',
          );
      });
    }
    grading = table === undefined ? { bands: g.grades } : { bands: g.grades, table };
  }
  let limit: CompiledFormula | undefined;
  if (params.limit !== undefined) {
    const extra = params.limit.extraInputs;
    extra.forEach((name, i) => {
      if ((LIMIT_INPUTS as readonly string[]).includes(name) || extra.indexOf(name) !== i)
        refuse(
          [...P, 'limit', 'extraInputs', i],
          `输入名 ${name} 重复（或与内置输入同名）`,
          `input ${name} is given twice (or is a built-in input)`,
          'duplicate',
        );
    });
    limit = compileFormula(params.limit.formula, [...LIMIT_INPUTS, ...extra], [...P, 'limit', 'formula']);
  }
  if (params.liability !== undefined) {
    const ids = new Set<string>();
    params.liability.rows.forEach((row, i) => {
      const at = [...P, 'liability', 'rows', i];
      if (ids.has(row.id))
        refuse([...at, 'id'], `行 ${row.id} 重复`, `row ${row.id} appears twice`, 'duplicate');
      ids.add(row.id);
      const roles = new Set<string>();
      row.shares.forEach((s, k) => {
        if (roles.has(s.role))
          refuse(
            [...at, 'shares', k, 'role'],
            `角色 ${s.role} 在同一行出现两次`,
            `role ${s.role} appears twice in the row`,
            'duplicate',
          );
        roles.add(s.role);
      });
      const total = row.shares.reduce((sum, s) => sum + s.bp, row.companyBp);
      if (total !== 10000)
        refuse(
          [...at, 'shares'],
          `行 ${row.id} 的分担比例（含公司 ${row.companyBp}）合计须为 10000 基点（100%），实际为 ${total}`,
          `row ${row.id}: the shares and the company's ${row.companyBp} bp must sum to 10000 bp (100 % of the loss), got ${total}`,
        );
    });
  }
  if (params.ageing !== undefined) {
    const costs = params.ageing.collectionCosts;
    if (costs?.capBp !== undefined && costs.rounding === undefined)
      refuse(
        [...P, 'ageing', 'collectionCosts', 'rounding'],
        '催收费用上限按本金的比例计算，须写明舍入方式',
        'a cap as a share of the principal needs its rounding stated',
      );
    const b = params.ageing.buckets;
    if ((b[0]?.minDaysOverdue ?? 0) !== 0)
      refuse(
        [...P, 'ageing', 'buckets', 0, 'minDaysOverdue'],
        '第一个账龄段须从 0 天（未逾期）开始',
        'the first ageing bucket starts at 0 days overdue (not yet due)',
      );
    const names = new Set<string>();
    b.forEach((x, i) => {
      if (names.has(x.name))
        refuse(
          [...P, 'ageing', 'buckets', i, 'name'],
          `账龄段 ${x.name} 重复`,
          `bucket ${x.name} appears twice`,
          'duplicate',
        );
      names.add(x.name);
      const prev = b[i - 1];
      if (prev !== undefined && x.minDaysOverdue <= prev.minDaysOverdue)
        refuse(
          [...P, 'ageing', 'buckets', i, 'minDaysOverdue'],
          `账龄段须按逾期天数从小到大排列：${x.name} 从 ${x.minDaysOverdue} 天起，不大于前一段 ${prev.name} 的 ${prev.minDaysOverdue} 天`,
          `ageing buckets must be in increasing order of days overdue: ${x.name} starts at ${x.minDaysOverdue}, not after ${prev.name} (${prev.minDaysOverdue})`,
          'out_of_order',
        );
    });
  }
  return Object.freeze({
    params,
    ...(grading === undefined ? {} : { grading }),
    ...(factorTables === undefined ? {} : { factorTables }),
    ...(limit === undefined ? {} : { limit }),
  });
}

/** The part of the rules a module needs, or `invalid_state` naming the missing policy field. */
export function requirePart<K extends keyof CreditRulesParams>(
  params: CreditRulesParams,
  key: K,
): NonNullable<CreditRulesParams[K]> {
  const part = params[key];
  if (part === undefined)
    refuse(
      ['policy', 'params', key],
      `该制度未规定 ${key}，本模块无从判断`,
      `the policy states no ${key}, which this module needs`,
      'invalid_state',
    );
  return part as NonNullable<CreditRulesParams[K]>;
}
