import {
  AttributePathSchema,
  ConditionSchema,
  definePolicy,
  describeValue,
  LatenessUnitSchema,
  NonNegativeFenSchema,
  nearestKey,
  type Policy,
  parseInput,
  policyJsonSchema,
  policySchema,
  RatioSchema,
  recordOf,
  TextSchema,
  ViolationSchema,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';

// Every title and message in a schedule carries Chinese and English: core's TextSchema.

/**
 * Whom a charge falls on: the person the violation names (`violator`), or the holder of a named
 * role (工程管理中心总监, 部门负责人 …), resolved from the violation's `data.parties`, the violator's own
 * role, or the assessment roster — in that order.
 */
export const FineTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('violator') }).strict(),
  z.object({ kind: z.literal('role'), role: z.string().min(1) }).strict(),
]);

const GradesSchema = z
  .object({ min: z.number().int().min(1), max: z.number().int().min(1) })
  .strict()
  .refine((g) => g.max >= g.min, { message: 'grades.max 须 ≥ grades.min / grades.max must be ≥ grades.min' });

/**
 * One band of a loss-scaled liability (按损失大小): losses in `[from, to)` fen cost a fixed
 * `amount` or a `ratio` of the loss. Bands may not overlap (refused with `policy_overlap`).
 */
export const LossBandSchema = z
  .object({
    from: NonNegativeFenSchema,
    to: NonNegativeFenSchema.optional(),
    amount: NonNegativeFenSchema.optional(),
    ratio: RatioSchema.optional(),
  })
  .strict()
  .refine((b) => (b.amount === undefined) !== (b.ratio === undefined), {
    message: '损失档须且只须给出 amount 或 ratio 之一 / a loss band sets exactly one of amount or ratio',
  })
  .refine((b) => b.to === undefined || b.to > b.from, {
    message: '损失档须 to > from / a loss band needs to > from',
  });

/**
 * One band of a measured value (按分钟/天数/金额分档): the value passes the band's bounds — `gte` / `lte`
 * include the bound (以上/以内/以下), `gt` / `lt` exclude it (超过/不满) — and the band fixes an
 * `amount` (fen) or a `ratio` of the measured value (a loss in fen). A band without a lower (upper)
 * bound is open below (above). The bands of an outcome may neither overlap nor leave a gap between
 * them (refused with `policy_overlap` / `invalid_input` and the band's path): "≤ 15 分钟" and
 * "16–60 分钟" leave (15, 16) uncovered — write `gt: 15` for the second.
 */
export const BandSchema = z
  .object({
    gte: z.number().finite().optional(),
    gt: z.number().finite().optional(),
    lte: z.number().finite().optional(),
    lt: z.number().finite().optional(),
    amount: NonNegativeFenSchema.optional(),
    ratio: RatioSchema.optional(),
  })
  .strict()
  .refine((b) => (b.amount === undefined) !== (b.ratio === undefined), {
    message: '每档须恰好给出 amount 或 ratio 之一 / a band sets exactly one of amount or ratio',
  })
  .refine((b) => b.gte === undefined || b.gt === undefined, {
    message: '下限只能给 gte 或 gt 之一 / a band has one lower bound: gte or gt',
  })
  .refine((b) => b.lte === undefined || b.lt === undefined, {
    message: '上限只能给 lte 或 lt 之一 / a band has one upper bound: lte or lt',
  })
  .refine(
    (b) => {
      const lo = b.gte ?? b.gt;
      const hi = b.lte ?? b.lt;
      if (lo === undefined || hi === undefined) return true;
      return lo < hi || (lo === hi && b.gte !== undefined && b.lte !== undefined);
    },
    { message: '分档下限须小于上限 / a band’s lower bound must be below its upper bound' },
  );

/**
 * What a charge does. Money outcomes are in fen; everything a regulation leaves to a human
 * (可视情况, 情节严重, an amount it never states) is returned as a range, a menu or an open item —
 * never as a made-up number (catalog conventions C7, C8).
 */
export const OutcomeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('fine'),
      /** Amount per unit (per occurrence, per item, per unit of lateness). */
      amount: NonNegativeFenSchema,
      per: z.enum(['occurrence', 'item', 'lateUnit']),
      /** For `per: 'lateUnit'`: the unit the clause counts in (每超24小时 → `blocks24h`). */
      lateUnit: LatenessUnitSchema.optional(),
      /** For `per: 'item'`: only items beyond this many are charged (问题不得超过10处, 每超一处). */
      itemsOver: z.number().int().min(0).optional(),
      /** Whether the violator's escalation tier multiplies this fine (default true for the violator). */
      escalates: z.boolean().optional(),
    })
    .strict()
    .refine((o) => o.per !== 'lateUnit' || o.lateUnit !== undefined, {
      message: '按 lateUnit 计的罚款须写明 lateUnit / a per-lateUnit fine names its lateUnit',
    }),
  z
    .object({
      kind: z.literal('demotion'),
      /** 降N级工资: salary grades; a range `{min: 2, max: 3}` is left to a human (C7). */
      grades: GradesSchema,
      per: z.enum(['occurrence', 'item']),
      /**
       * Whether an escalation tier that names `demotion` in its `appliesTo` changes these grades
       * (default true; a tier's default `appliesTo` does not name demotions, so they stay as stated).
       */
      escalates: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('points'),
      /** 扣N分: points taken off a score (考核分, 绩效分), per occurrence or per item. */
      points: z.number().int().min(0),
      per: z.enum(['occurrence', 'item']),
      /**
       * The score the points come off, e.g. `performanceScore` (summed per scale in the ledger period).
       * Not `__proto__`: the ledger's record of points per scale would lose it when read back.
       */
      scale: z
        .string()
        .min(1)
        .refine((s) => s !== '__proto__', {
          message:
            '`__proto__` 不能用作分值名称：账本按分值记录扣分，读回时会丢失它 / `__proto__` cannot name a scale: the ledger records points per scale, and would lose it when read back',
        }),
      /** Whether the violator's escalation tier changes these points (default true, as for a fine). */
      escalates: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('payRange'),
      /** Pay component the percentage applies to, e.g. `performancePay` (绩效工资). */
      component: z.string().min(1),
      min: RatioSchema,
      max: RatioSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('payDeduction'),
      /** Sum of ratios of pay components, e.g. month base pay × 1 + month bonus × 50 %. */
      parts: z.array(z.object({ component: z.string().min(1), ratio: RatioSchema }).strict()).min(1),
      /**
       * Whether the violator's escalation tier multiplies this deduction (default true for the
       * violator, as for a fine: 扣一天工资, 两次以上加倍 deducts two days' pay from the 2nd time).
       */
      escalates: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('bands'),
      /**
       * What the bands measure: `lateBy` (the lateness, in `lateUnit`, converted as a per-lateUnit fine
       * is), or a path into the violation to a number — `quantity`, `['data', 'daysOverdue']`,
       * `['data', 'lossFen']`.
       */
      measure: AttributePathSchema,
      /** For `measure: 'lateBy'`: the unit the bands count in (迟到按分钟: `minutes`). */
      lateUnit: LatenessUnitSchema.optional(),
      bands: z.array(BandSchema).min(1),
      /**
       * What the ledger line is: `fine` (default; escalates like a fine), `loss` (loss-scaled
       * liability, as `lossBands`) or `liability`.
       */
      line: z.enum(['fine', 'loss', 'liability']).optional(),
      /** Whether the violator's escalation tier changes a `fine` band amount (default true). */
      escalates: z.boolean().optional(),
    })
    .strict()
    .refine((o) => (o.measure === 'lateBy') === (o.lateUnit !== undefined), {
      message:
        '按迟到分档须给出 lateUnit，其他度量不得给出 / bands on lateBy name their lateUnit; other measures take none',
    }),
  z
    .object({
      kind: z.literal('lossBands'),
      /** Field of `violation.data` holding the loss in fen. */
      lossField: z.string().min(1),
      bands: z.array(LossBandSchema),
    })
    .strict(),
  z
    .object({
      kind: z.literal('dataAmount'),
      /**
       * Field of `violation.data` holding an amount another module computed (a signer's share of an
       * uncollected over-limit shipment, 坏账承担): charged as is, validated as fen.
       */
      field: z.string().min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('notReimbursed'),
      /** Field of `violation.data` holding the refused expense in fen. */
      expenseField: z.string().min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('sanction'),
      /** Non-monetary measures: warning, dismissal, mandatory training, revocation … */
      measures: z.array(z.string().min(1)).min(1),
      /** `all` applies every measure; `oneOrMore` / `one` is a menu a human chooses from. */
      select: z.enum(['all', 'oneOrMore', 'one']),
    })
    .strict(),
  z
    .object({
      kind: z.literal('unspecified'),
      /** What the regulation says is affected (`fine`, `performanceScore`, `liability` …). */
      measure: z.string().min(1),
      note: TextSchema,
    })
    .strict(),
]);

/**
 * One consequence of a priced violation. `to` lists the people charged; without `weights` each
 * of them bears the full amount (C5: "扣罚A 100元、B 100元" fines each), with `weights` the amount is
 * shared among them by core `allocate()` (liability shares; never a fen lost).
 */
export const ChargeSchema = z
  .object({
    to: z.array(FineTargetSchema).min(1),
    weights: z.array(z.number().finite().nonnegative()).optional(),
    outcome: OutcomeSchema,
    /** `proposed`: the clause says 可 (may); the amount is shown but left out of the total. */
    status: z.enum(['charged', 'proposed']).optional(),
  })
  .strict()
  .refine((c) => c.weights === undefined || c.weights.length === c.to.length, {
    message: 'weights 须每个对象一项 / weights must have one entry per target',
    path: ['weights'],
  })
  .refine((c) => c.weights === undefined || c.weights.some((w) => w > 0), {
    message: '至少一个权重须为正数 / at least one weight must be positive',
    path: ['weights'],
  });

/**
 * Re-charging a violation for every working day it stays uncorrected (视同再次违规, 以此类推, 直至改正).
 * The clock starts at the end of the day of the correction order (`data.correctionOrderedAt`, else
 * `occurredAt`); each working day that ends without a correction is one more charge of the same
 * amount the original was charged (同额, doubling included but not doubled again).
 */
export const RepeatSchema = z
  .object({
    /** Catalog id and clause of the repeat rule, cited on every re-charge line. */
    rule: z.string().min(1),
    clause: z.string().min(1),
    /** Whether re-charges count toward the escalation tally (catalog S000-PENALTY-06 (d): yes). */
    countsTowardTally: z.boolean(),
    /** `charged` adds them to the total; `proposed` shows them for a human (the clause says 可予以). */
    status: z.enum(['charged', 'proposed']),
    /**
     * When the correction clock starts: `finding` — the violation is itself the admin's finding, so
     * the order is `data.correctionOrderedAt` or else `occurredAt`; `order` — only violations that
     * carry `data.correctionOrderedAt` are re-charged (a late handover already made needs no order).
     */
    clockStartsAt: z.enum(['finding', 'order']),
  })
  .strict();

/**
 * The window an item's tally counts over (see {@link FineItemSchema} `tallyWindow`): a calendar
 * period, the whole `history`, or the last `rollingDays` days.
 */
export const TallyWindowSchema = z.union([
  z.enum(['calendarMonth', 'calendarQuarter', 'calendarYear', 'history']),
  z.object({ rollingDays: z.number().int().min(1).max(36_600) }).strict(),
]);
/** A tally window (see {@link TallyWindowSchema}). */
export type TallyWindow = z.output<typeof TallyWindowSchema>;

/** A violation's fields, for a path into it. */
const VIOLATION_FIELDS: readonly string[] = Object.keys(ViolationSchema.shape);
/** The fields inside a violation's fields, for a path into it (`data` holds anything). */
const VIOLATION_SUBFIELDS: Readonly<Record<string, readonly string[] | 'any'>> = {
  lateBy: ['unit', 'units', 'ms'],
  subject: ['kind', 'id'],
  source: ['module', 'rule', 'clause'],
  data: 'any',
};

/**
 * What is wrong with a path into a violation (`['lateby', 'units']`), naming the field meant: an item
 * reading a field a violation does not have would never match (`when`) or price every line as pending
 * (`measure`), silently. `undefined` for a path a violation can hold.
 */
function violationPathProblem(attribute: string | readonly string[]): string | undefined {
  const path = typeof attribute === 'string' ? [attribute] : attribute;
  const shown = path.join('.');
  const fields = VIOLATION_FIELDS;
  const [first, second] = path;
  if (first === undefined) return undefined;
  if (!fields.includes(first)) {
    const near = nearestKey(first, fields);
    return `违规记录没有字段 ${first}（${shown}）${near ? `；是否应为 ${near}？` : ''} / a violation has no field ${JSON.stringify(first)} (${shown})${near ? `; did you mean ${JSON.stringify(near)}?` : ''} (fields: ${fields.join(', ')})`;
  }
  const inner = VIOLATION_SUBFIELDS[first];
  if (second === undefined || inner === 'any') return undefined;
  if (inner === undefined)
    return `违规记录的 ${first} 不含下级字段（${shown}） / a violation's ${first} has no fields inside (${shown})`;
  if (!inner.includes(second) || path.length > 2) {
    const near = nearestKey(second, inner);
    return `违规记录的 ${first} 没有字段 ${second}（${shown}）${near ? `；是否应为 ${near}？` : ''} / a violation's ${first} has no field ${JSON.stringify(second)} (${shown})${near ? `; did you mean ${JSON.stringify(near)}?` : ''} (fields: ${inner.join(', ')})`;
  }
  return undefined;
}

/** Adds an issue for every attribute of `condition` that names no field of a violation. */
function checkConditionPaths(condition: unknown, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (condition === null || typeof condition !== 'object') return;
  const c = condition as { attribute?: string | string[]; all?: unknown[]; any?: unknown[]; not?: unknown };
  if (c.attribute !== undefined) {
    const problem = violationPathProblem(c.attribute);
    if (problem !== undefined)
      ctx.addIssue({ code: 'custom', path: [...path, 'attribute'], message: problem });
  }
  for (const key of ['all', 'any'] as const) {
    const list = c[key];
    if (Array.isArray(list))
      for (let i = 0; i < list.length; i++) checkConditionPaths(list[i], [...path, key, i], ctx);
  }
  if (c.not !== undefined) checkConditionPaths(c.not, [...path, 'not'], ctx);
}

/** A price list entry: which violations it prices and what follows. */
export const FineItemSchema = z
  .object({
    /** Unique within the schedule; shown on every ledger line. */
    id: z.string().min(1),
    /** Stable catalog rule id, e.g. `S000-PENALTY-01`. */
    rule: z.string().min(1),
    /** Seed citation, e.g. `000 L247`. */
    clause: z.string().min(1),
    title: TextSchema,
    /** Department that checks and levies (考核, C6). */
    assessedBy: z.string().min(1).optional(),
    match: z
      .object({
        code: z.string().min(1),
        /** Only violations whose `role` is this (销售顾问 vs 服务顾问 are priced differently). */
        role: z.string().min(1).optional(),
        /** Only violations whose `data[key]` equals the value (severity, notice vs stop-work …). */
        data: recordOf(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
        /**
         * Only violations for which this core condition holds, tested on the violation itself:
         * ranges, sets and comparisons over any field (`{ attribute: ['data', 'lossFen'], gte: 100000 }`,
         * `{ attribute: 'quantity', gt: 3 }`, `{ attribute: ['data', 'channel'], in: ['hotline', '12345'] }`).
         * Each attribute it reads counts once toward the item's specificity (the most specific match wins).
         */
        when: ConditionSchema.optional(),
      })
      .strict(),
    charges: z.array(ChargeSchema),
    /** Escalation tally this violation counts toward (e.g. `dealerFile`); absent = not counted. */
    tally: z.string().min(1).optional(),
    /**
     * The window the tally counts over, when it is not the schedule's `window`: another calendar
     * period, `history` (every earlier violation of the tally: 屡犯), or `{ rollingDays: N }` — the
     * violations of the tally no more than N days (local dates in the schedule zone) before this one,
     * across month and year ends (90天内重复投诉). Items sharing a tally share its window. Under a
     * policy history, a tally carried across versions (`tallyAcrossVersions`) is the schedule-window one.
     */
    tallyWindow: TallyWindowSchema.optional(),
    /**
     * Violations of items sharing this key, for the same person, subject and instant, count as ONE
     * tally event (catalog S000 shared model: per-item defects found in one file under one clause
     * are one violation event).
     */
    countAs: z.string().min(1).optional(),
    repeatUntilCorrected: RepeatSchema.optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    // Paths into the violation must name its fields: a misspelt one matches nothing, silently.
    if (item.match.when !== undefined) checkConditionPaths(item.match.when, ['match', 'when'], ctx);
    item.charges.forEach((charge, i) => {
      const outcome = (charge as { outcome?: { kind?: string; measure?: string | string[] } }).outcome;
      if (outcome?.kind !== 'bands' || outcome.measure === undefined) return;
      const problem = violationPathProblem(outcome.measure);
      if (problem !== undefined)
        ctx.addIssue({ code: 'custom', path: ['charges', i, 'outcome', 'measure'], message: problem });
    });
  });

/** Every outcome kind, for a tier's `appliesTo`. */
export const OUTCOME_KINDS = [
  'fine',
  'bands',
  'payDeduction',
  'points',
  'demotion',
  'payRange',
  'lossBands',
  'dataAmount',
  'notReimbursed',
  'sanction',
  'unspecified',
] as const;
/** The outcome kinds a tier that computes (`multiplier`, `add`, `amount`) can change. */
export const ESCALATING_KINDS = ['fine', 'bands', 'payDeduction', 'points', 'demotion'] as const;
/** What a computing tier changes when it names no `appliesTo` (today's: money fines and wage deductions). */
export const DEFAULT_TIER_KINDS: readonly OutcomeKind[] = ['fine', 'bands', 'payDeduction'];
/** An outcome kind (see {@link OUTCOME_KINDS}). */
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

const TIER_STEPS = ['multiplier', 'add', 'amount', 'outcome'] as const;

/**
 * One tier of an escalation: the `from`-th to `to`-th violation in the window is escalated by
 * exactly one step —
 * - `multiplier`: ×k (两次以上加倍: `{ from: 2, multiplier: 2 }`);
 * - `add`: +N in the unit of what it changes (fen for fines and wage deductions, points, grades);
 * - `amount`: a fixed amount instead (fen per unit of a fine, fen for a wage deduction, points, grades);
 * - `outcome`: a different sanction instead (第三次予以辞退: `{ from: 3, outcome: { kind: 'sanction', … } }`).
 *
 * `appliesTo` names the outcome kinds the tier changes: for `multiplier`, `add` and `amount` any of
 * `fine`, `bands`, `payDeduction`, `points`, `demotion` (default `fine`, `bands`, `payDeduction`);
 * for `outcome`, the violator's charges it replaces (default every kind). Only charges on the violator
 * alone are escalated; named roles keep their amount.
 */
export const TierSchema = z
  .object({
    from: z.number().int().min(1),
    to: z.number().int().min(1).optional(),
    multiplier: z.number().int().min(0).optional(),
    add: NonNegativeFenSchema.optional(),
    amount: NonNegativeFenSchema.optional(),
    outcome: OutcomeSchema.optional(),
    appliesTo: z.array(z.enum(OUTCOME_KINDS)).min(1).optional(),
  })
  .strict()
  .refine((t) => t.to === undefined || t.to >= t.from, {
    message: 'tier.to 须 ≥ tier.from / tier.to must be ≥ tier.from',
  })
  .refine((t) => TIER_STEPS.filter((k) => t[k] !== undefined).length === 1, {
    message:
      '每档须恰好给出 multiplier、add、amount、outcome 之一 / a tier sets exactly one of multiplier, add, amount or outcome',
  });

/**
 * Escalation within a window (一月内累计…第N次违规起罚款翻倍): the violator's n-th counted violation in
 * the window gets the multiplier of the tier containing n (×1 outside every tier). Doubling does not
 * compound (catalog S000-PENALTY-06 (a)).
 */
export const FineEscalationSchema = z
  .object({
    id: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    tally: z.string().min(1),
    /** Applies to violations whose `role` is this; absent = any role. */
    role: z.string().min(1).optional(),
    tiers: z.array(TierSchema),
    /** Extra consequences once the tally reaches `count` in a window, once per window (S000-PENALTY-07). */
    onReach: z
      .array(
        z
          .object({
            count: z.number().int().min(1),
            rule: z.string().min(1),
            clause: z.string().min(1),
            title: TextSchema,
            charge: ChargeSchema,
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

/** A ceiling on the charged money (封顶), per violation or per person and period. */
export const CapSchema = z
  .object({
    id: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    scope: z.enum(['violation', 'personPeriod']),
    /** Item ids the cap covers; absent = every item. */
    items: z.array(z.string().min(1)).optional(),
    max: NonNegativeFenSchema,
  })
  .strict();

/**
 * The numbers of the exchange-member sanctions, each defaulting to the seed's: `inactivityMonths`
 * (X3, 「無正當理由連續3個月沒有貿易經營」, S001B-PENALTY-09, 001 L1312) and
 * `rectificationConductMax` (P1 … P<n> of 第十四條 are the rectification grounds R1 … R<n> of
 * 第十八條; the rest fall to the general menu, S001B-PENALTY-01, 001 L1208–1232).
 */
export const ExchangeMembershipRulesSchema = z
  .object({
    inactivityMonths: z.number().int().min(1).max(120).default(3),
    rectificationConductMax: z.number().int().min(0).max(12).default(9),
  })
  .strict();
/** The exchange-member numbers, defaults applied. */
export type ExchangeMembershipRules = z.output<typeof ExchangeMembershipRulesSchema>;

/** The parameters of a fine schedule (罚则): all numbers, roles and windows as data. */
export const FineScheduleParamsSchema = z
  .object({
    /** Period the ledger and the escalation tallies are kept by (C9: calendar month). */
    window: z.enum(['calendarMonth', 'calendarQuarter', 'calendarYear']),
    /** Started blocks (C3: `ceil`) or whole blocks (`floor`) when lateness is converted from ms. */
    latenessRounding: z.enum(['ceil', 'floor']).meta({
      'x-zhidu-inert-unless': {
        pointer: [
          '/params/items/*/charges/*/outcome/lateUnit',
          '/params/escalations/*/onReach/*/charge/outcome/lateUnit',
        ],
        min: 1,
        in: ['minutes', 'hours', 'blocks24h'],
        reason: {
          zh: '只有按分钟、小时或24小时计逾期的罚则才把逾期毫秒换算并取整',
          en: 'only a charge counting lateness in minutes, hours or 24-hour blocks converts and rounds a lateness given in ms',
        },
      },
    }),
    items: z.array(FineItemSchema),
    escalations: z.array(FineEscalationSchema),
    caps: z.array(CapSchema),
    /**
     * What a violation the schedule does not price becomes: `report` (absent = report) lists it in the
     * ledger's `unpriced` and the trace; `refuse` refuses it with `unknown_reference`, naming the
     * priced code it most likely meant — for an ERP that must not let a misspelt code go unfined.
     */
    unpriced: z.enum(['report', 'refuse']).optional(),
    /**
     * Under a policy history, when this schedule takes over mid-period from an earlier version: does
     * a violator's escalation tally (本月第 N 次) `continue` from the violations of the period already
     * counted under the earlier version (absent = continue: the regulation counts the violator's
     * repeats in the month, whatever price list was in force), or `restart` at the change? Each
     * violation is priced by the version in force at its `occurredAt` either way.
     */
    tallyAcrossVersions: z.enum(['continue', 'restart']).optional(),
    /**
     * The numbers of the exchange-member sanctions (seed 001 part B, 第十四、十八、二十條) that the
     * exchange functions (`exchangeTier`, `meetsInactivityGround`) read: absent = the seed's.
     */
    exchangeMembership: ExchangeMembershipRulesSchema.optional(),
    /** Who may levy these fines and who may order a correction (S000-PENALTY-11). */
    enforcement: z
      .object({
        rule: z.string().min(1),
        clause: z.string().min(1),
        levyBy: z.array(z.string().min(1)),
        correctionOrderBy: z.array(z.string().min(1)),
      })
      .strict()
      .optional(),
  })
  .strict();

export type FineTarget = z.output<typeof FineTargetSchema>;
/** @internal Short name used inside the package. */
export type Target = FineTarget;
export type Outcome = z.output<typeof OutcomeSchema>;
export type Charge = z.output<typeof ChargeSchema>;
export type FineItem = z.output<typeof FineItemSchema>;
export type Tier = z.output<typeof TierSchema>;
export type FineEscalation = z.output<typeof FineEscalationSchema>;
/** @internal Short name used inside the package. */
export type Escalation = FineEscalation;
export type Cap = z.output<typeof CapSchema>;
export type FineScheduleParams = z.output<typeof FineScheduleParamsSchema>;
export type FineScheduleParamsInput = z.input<typeof FineScheduleParamsSchema>;
/** A fine schedule is a versioned policy (`id`, `version`, `effectiveFrom`, `zone`, `source`, `params`). */
export type FineSchedule = Policy<FineScheduleParams>;

/** zod schema of the whole schedule envelope (a core policy around {@link FineScheduleParamsSchema}). */
export const FineScheduleSchema = policySchema(FineScheduleParamsSchema);
/** A fine schedule as JSON input (what {@link defineSchedule} and the `penalty.*` modules accept). */
export type FineScheduleInput = z.input<typeof FineScheduleSchema>;

function rangesOverlap(
  aFrom: number,
  aTo: number | undefined,
  bFrom: number,
  bTo: number | undefined,
): boolean {
  const aEnd = aTo ?? Number.POSITIVE_INFINITY;
  const bEnd = bTo ?? Number.POSITIVE_INFINITY;
  return aFrom <= bEnd && bFrom <= aEnd;
}

function matchKey(item: FineItem): string {
  const data = item.match.data ?? {};
  const keys = Object.keys(data).sort();
  return JSON.stringify([
    item.match.code,
    item.match.role ?? null,
    keys.map((k) => [k, data[k]]),
    item.match.when ?? null,
  ]);
}

/** A band's bounds as the one band mechanism reads them (a `lossBands` band is `[from, to)`). */
export type Band = z.output<typeof BandSchema>;

/** The `lossBands` spelling as bands of the one mechanism: `from` → `gte`, `to` → `lt`. */
export function lossBandsAsBands(bands: readonly z.output<typeof LossBandSchema>[]): Band[] {
  return bands.map((b) => {
    const band: Band = { gte: b.from };
    if (b.to !== undefined) band.lt = b.to;
    if (b.amount !== undefined) band.amount = b.amount;
    if (b.ratio !== undefined) band.ratio = b.ratio;
    return band;
  });
}

/** The band a measured value falls in (the first whose bounds it passes), or undefined. */
export function bandFor(bands: readonly Band[], value: number): Band | undefined {
  return bands.find(
    (b) =>
      (b.gte === undefined || value >= b.gte) &&
      (b.gt === undefined || value > b.gt) &&
      (b.lte === undefined || value <= b.lte) &&
      (b.lt === undefined || value < b.lt),
  );
}

/** A band's bounds in words: `> 15 且 ≤ 60` / `> 15 and ≤ 60` (`任意值` / `any value` when open). */
export function bandBounds(b: Band): { zh: string; en: string } {
  const parts: string[] = [];
  if (b.gte !== undefined) parts.push(`≥ ${b.gte}`);
  if (b.gt !== undefined) parts.push(`> ${b.gt}`);
  if (b.lte !== undefined) parts.push(`≤ ${b.lte}`);
  if (b.lt !== undefined) parts.push(`< ${b.lt}`);
  if (parts.length === 0) return { zh: '任意值', en: 'any value' };
  return { zh: parts.join(' 且 '), en: parts.join(' and ') };
}

/**
 * Bands are contiguous and disjoint: sorted by lower bound, each band's upper bound meets the next
 * band's lower bound with exactly one of them including the point. Overlaps are refused with
 * `policy_overlap`; gaps (when `refuseGaps`, as for `bands`; `lossBands` leaves a loss below or
 * between its bands to a manager) with `invalid_input`, at the later band's path.
 */
function checkBands(bands: readonly Band[], path: readonly (string | number)[], refuseGaps: boolean): void {
  const order = bands
    .map((b, index) => ({ b, index, lo: b.gte ?? b.gt ?? Number.NEGATIVE_INFINITY }))
    .sort(
      (x, y) =>
        x.lo - y.lo || (x.b.gt !== undefined ? 1 : 0) - (y.b.gt !== undefined ? 1 : 0) || x.index - y.index,
    );
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1];
    const next = order[k];
    if (prev === undefined || next === undefined) continue;
    const up = prev.b.lte ?? prev.b.lt ?? Number.POSITIVE_INFINITY;
    const upIn = prev.b.lt === undefined;
    const lo = next.lo;
    const loIn = next.b.gt === undefined;
    const where = [...path, next.index];
    const names = `${bandBounds(prev.b).en} / ${bandBounds(next.b).en}`;
    if (up > lo || (up === lo && upIn && loIn)) {
      throw new ZhiduError(
        'policy_overlap',
        where,
        `分档 ${prev.index} 与 ${next.index} 重叠（${bandBounds(prev.b).zh} / ${bandBounds(next.b).zh}） / bands ${prev.index} and ${next.index} overlap (${names})`,
      );
    }
    if (refuseGaps && (up < lo || (up === lo && !upIn && !loIn))) {
      throw new ZhiduError(
        'invalid_input',
        where,
        `分档 ${prev.index} 与 ${next.index} 之间有空档（${bandBounds(prev.b).zh} / ${bandBounds(next.b).zh}），请用 gt/lt 让两档相接 / bands ${prev.index} and ${next.index} leave a gap (${names}); make them meet with gt/lt`,
      );
    }
  }
}

const UNIT_OF: Record<(typeof ESCALATING_KINDS)[number], string> = {
  fine: 'fen',
  bands: 'fen',
  payDeduction: 'fen',
  points: 'points',
  demotion: 'grades',
};

/**
 * A tier on what it cannot change is refused: a computing tier (`multiplier`, `add`, `amount`) on a
 * sanction, a discretionary range, a loss or an unstated consequence; `add` / `amount` across kinds
 * counted in different units (fen, points, grades); an `appliesTo` no item of the tally charges the
 * violator with.
 */
function checkTier(
  params: FineScheduleParams,
  esc: FineEscalation,
  tier: Tier,
  path: readonly (string | number)[],
): void {
  const computing = tier.outcome === undefined;
  const kinds = tier.appliesTo;
  if (computing && kinds !== undefined) {
    kinds.forEach((kind, k) => {
      if (!(ESCALATING_KINDS as readonly string[]).includes(kind)) {
        const step =
          tier.multiplier !== undefined
            ? `×${tier.multiplier}`
            : tier.add !== undefined
              ? `+${tier.add}`
              : `= ${tier.amount}`;
        throw new ZhiduError(
          'invalid_input',
          [...path, 'appliesTo', k],
          `升级档 ${step} 无法作用于 ${kind}（只能作用于 ${ESCALATING_KINDS.join('、')}；改用其他处罚请写 outcome） / escalation ${esc.id}: a ${step} tier cannot apply to ${kind} (only to ${ESCALATING_KINDS.join(', ')}; to switch to another sanction use outcome)`,
        );
      }
    });
  }
  if (computing && tier.multiplier === undefined) {
    const units = new Set((kinds ?? DEFAULT_TIER_KINDS).map((k) => UNIT_OF[k as keyof typeof UNIT_OF]));
    if (units.size > 1) {
      const key = tier.add !== undefined ? 'add' : 'amount';
      throw new ZhiduError(
        'invalid_input',
        [...path, key],
        `升级档的 ${key} 作用于不同单位（${[...units].join('、')}）的处罚，数值含义不明 / escalation ${esc.id}: a tier's ${key} applies to outcomes counted in different units (${[...units].join(', ')}); give one tier per unit`,
      );
    }
  }
  if (kinds !== undefined) {
    const charged = new Set<string>();
    for (const item of params.items) {
      if (item.tally !== esc.tally) continue;
      for (const c of item.charges) {
        if (c.to.length === 1 && c.to[0]?.kind === 'violator') charged.add(c.outcome.kind);
      }
    }
    if (!kinds.some((k) => charged.has(k))) {
      throw new ZhiduError(
        'invalid_input',
        [...path, 'appliesTo'],
        `升级档作用于 ${kinds.join('、')}，但计数 ${esc.tally} 的各项没有对违规人本人的此类处罚 / escalation ${esc.id}: the tier applies to ${kinds.join(', ')}, but no item of tally ${esc.tally} charges the violator alone with one`,
      );
    }
  }
}

/**
 * Checks what a zod schema cannot: unique ids, no two items pricing the same violations, no
 * overlapping escalation tiers or loss bands, caps naming existing items. The parameters are
 * validated first, so anything but schedule parameters is refused with `invalid_input`.
 *
 * @param params - schedule parameters (`schedule.params`)
 * @param base - JSON path of `params` in the caller's input (an array of keys and indices)
 * @returns nothing; throws on the first problem
 * @throws ZhiduError `invalid_input` (not schedule parameters, or `base` not a path),
 *   `policy_overlap`, `duplicate` or `unknown_reference`
 * @example
 * const params = dealerFileSchedule().params;
 * assertScheduleConsistent(params); //=> undefined (consistent)
 * const twice = { ...params, escalations: [...params.escalations, params.escalations[0]!] };
 * assertScheduleConsistent(twice); // throws ZhiduError policy_overlap (two escalations for one tally and role)
 * assertScheduleConsistent(null); // throws ZhiduError invalid_input at params
 */
export function assertScheduleConsistent(
  params: FineScheduleParams,
  base: (string | number)[] = ['params'],
): void {
  if (
    !Array.isArray(base) ||
    base.length > 64 ||
    !base.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isInteger(k)))
  ) {
    throw new ZhiduError(
      'invalid_input',
      ['base'],
      `须为 JSON 路径（键与下标的数组） / expected a JSON path (an array of keys and indices), got ${describeValue(base)}`,
    );
  }
  checkScheduleConsistency(parseInput(FineScheduleParamsSchema, params, base), base);
}

/**
 * {@link assertScheduleConsistent} on parameters the schema has already parsed (within the package:
 * `defineSchedule` and the modules, which have just parsed them).
 *
 * @internal
 */
export function checkScheduleConsistency(
  params: FineScheduleParams,
  base: readonly (string | number)[],
): void {
  const ids = new Map<string, number>();
  const keys = new Map<string, number>();
  params.items.forEach((item, i) => {
    if (ids.has(item.id)) {
      throw new ZhiduError(
        'duplicate',
        [...base, 'items', i, 'id'],
        `罚则条目编号 ${item.id} 重复使用 / item id ${item.id} is used twice`,
      );
    }
    ids.set(item.id, i);
    const key = matchKey(item);
    const prior = keys.get(key);
    if (prior !== undefined) {
      throw new ZhiduError(
        'policy_overlap',
        [...base, 'items', i, 'match'],
        `罚则条目 ${params.items[prior]?.id} 与 ${item.id} 对相同的违规定价 / items ${params.items[prior]?.id} and ${item.id} price the same violations`,
      );
    }
    keys.set(key, i);
    item.charges.forEach((charge, c) => {
      if (charge.outcome.kind === 'bands') {
        checkBands(charge.outcome.bands, [...base, 'items', i, 'charges', c, 'outcome', 'bands'], true);
        return;
      }
      if (charge.outcome.kind !== 'lossBands') return;
      // The lossBands spelling: the same band mechanism, `[from, to)`, gaps left to a manager.
      checkBands(
        lossBandsAsBands(charge.outcome.bands),
        [...base, 'items', i, 'charges', c, 'outcome', 'bands'],
        false,
      );
    });
  });
  const windows = new Map<string, { window: string; item: number }>();
  params.items.forEach((item, i) => {
    if (item.tally === undefined) return;
    const window = JSON.stringify(item.tallyWindow ?? params.window);
    const first = windows.get(item.tally);
    if (first === undefined) windows.set(item.tally, { window, item: i });
    else if (first.window !== window) {
      throw new ZhiduError(
        'invalid_input',
        [...base, 'items', i, 'tallyWindow'],
        `计数 ${item.tally} 的各项须按同一窗口计数：${params.items[first.item]?.id} 为 ${first.window}，${item.id} 为 ${window} / items sharing tally ${item.tally} count it over one window: ${params.items[first.item]?.id} uses ${first.window}, ${item.id} ${window}`,
      );
    }
  });
  const escalationKeys = new Set<string>();
  params.escalations.forEach((esc, e) => {
    const key = `${esc.tally}\u0000${esc.role ?? ''}`;
    if (escalationKeys.has(key)) {
      throw new ZhiduError(
        'policy_overlap',
        [...base, 'escalations', e],
        `有两条加重处罚规则覆盖岗位 ${esc.role ?? '（任意）'} 的计次 ${esc.tally} / two escalations cover tally ${esc.tally} for role ${esc.role ?? '(any)'}`,
      );
    }
    escalationKeys.add(key);
    esc.tiers.forEach((tier, t) => {
      checkTier(params, esc, tier, [...base, 'escalations', e, 'tiers', t]);
    });
    for (let a = 0; a < esc.tiers.length; a++) {
      for (let b = a + 1; b < esc.tiers.length; b++) {
        const x = esc.tiers[a];
        const y = esc.tiers[b];
        if (x && y && rangesOverlap(x.from, x.to, y.from, y.to)) {
          throw new ZhiduError(
            'policy_overlap',
            [...base, 'escalations', e, 'tiers', b],
            `加重处罚规则 ${esc.id}：档次 ${a} 与 ${b} 都覆盖第 ${Math.max(x.from, y.from)} 次违规 / escalation ${esc.id}: tiers ${a} and ${b} both cover violation #${Math.max(x.from, y.from)}`,
          );
        }
      }
    }
  });
  params.caps.forEach((cap, c) => {
    cap.items?.forEach((id, k) => {
      if (!ids.has(id)) {
        throw new ZhiduError(
          'unknown_reference',
          [...base, 'caps', c, 'items', k],
          `上限 ${cap.id} 引用了未知罚则条目 ${id} / cap ${cap.id} names unknown item ${id}`,
        );
      }
    });
  });
}

/**
 * Builds a fine schedule (罚则) from plain data: validates it with zod and refuses overlapping tiers,
 * overlapping loss bands, two items pricing the same violations and duplicate ids.
 *
 * @param input - the policy envelope: `{ id, version, effectiveFrom, zone?, source, params }`
 * @returns the validated schedule
 * @throws ZhiduError `invalid_input`, `policy_overlap`, `duplicate`, `unknown_reference`
 * @example
 * const schedule = defineSchedule({
 *   id: 'my-fines', version: '1', effectiveFrom: '2024-01-01', source: { title: 'House rules' },
 *   params: { window: 'calendarMonth', latenessRounding: 'ceil', escalations: [], caps: [],
 *     items: [{ id: 'late', rule: 'X-01', clause: 'art. 1', title: { zh: '迟交', en: 'Late' },
 *       match: { code: 'records.handover.late' },
 *       charges: [{ to: [{ kind: 'violator' }], outcome: { kind: 'fine', amount: 5000, per: 'occurrence' } }] }] },
 * });
 * schedule.params.items.length; //=> 1
 */
export function defineSchedule(input: unknown): FineSchedule {
  const policy = definePolicy(FineScheduleParamsSchema, input);
  checkScheduleConsistency(policy.params, ['params']);
  return policy;
}

/**
 * JSON Schema of a fine schedule, for ERPs that are not written in TypeScript.
 *
 * @returns a JSON Schema object (draft 2020-12) of the whole policy envelope
 * @example
 * const schema = fineScheduleJsonSchema();
 * typeof schema; //=> 'object'
 */
export function fineScheduleJsonSchema(): object {
  return policyJsonSchema(FineScheduleParamsSchema);
}
