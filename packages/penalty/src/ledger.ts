import { FenSchema, recordOf, TextSchema } from '@zhidu/core';
import { z } from 'zod';

/**
 * What a ledger line records:
 * - `fine`: money charged for the violation (per occurrence, per item, per unit of lateness);
 * - `recharge`: the same amount again for a working day without correction;
 * - `payDeduction`: a share of pay (a day's base pay, 50 % of the month's bonus);
 * - `loss`: loss-scaled liability;
 * - `liability`: an amount another module computed (bad-debt share) and passed in the violation;
 * - `payRange`: a discretionary range of pay for a human to settle (never in the total);
 * - `demotion`: salary grades (降级);
 * - `points`: points off a score (扣分, summed per scale in the period's `points`);
 * - `sanction`: non-monetary measures (warning, dismissal, training …);
 * - `notReimbursed`: an expense finance must refuse (不予报销);
 * - `unspecified`: the regulation names a consequence but no amount;
 * - `cap`: a negative adjustment down to a ceiling.
 */
export const LineKindSchema = z.enum([
  'fine',
  'recharge',
  'payDeduction',
  'loss',
  'liability',
  'payRange',
  'demotion',
  'points',
  'sanction',
  'notReimbursed',
  'unspecified',
  'cap',
]);

/**
 * `charged` lines make the total; `proposed` lines carry an amount a human may levy (可予以);
 * `pending` lines miss an input (pay, loss) to be computed; `info` lines carry no money.
 */
export const LineStatusSchema = z.enum(['charged', 'proposed', 'pending', 'info']);

/** One line of a person's ledger: which clause, what arithmetic, how much. */
export const LineSchema = z.object({
  /** Deterministic id: `personId/period/#n`. */
  id: z.string(),
  personId: z.string(),
  /** Role the person is charged in (the violator's role, or the named role). */
  role: z.string().optional(),
  period: z.string(),
  /** When the charge arises (the violation, or the end of the missed correction day). */
  at: z.string(),
  item: z.string(),
  rule: z.string(),
  clause: z.string(),
  code: z.string(),
  /** The violator (the same as `personId` unless a named role or a share is charged). */
  violatorId: z.string(),
  subject: z.object({ kind: z.string(), id: z.string() }).optional(),
  assessedBy: z.string().optional(),
  kind: LineKindSchema,
  status: LineStatusSchema,
  /** Money in fen: counted in the total only when `status` is `charged`. */
  amount: FenSchema,
  /** The arithmetic, in yuan: `50.00 × 1 × 2 = 100.00`. */
  arithmetic: z.string(),
  base: FenSchema.optional(),
  units: z.number().optional(),
  multiplier: z.number().optional(),
  /**
   * A tier step other than ×k (which `multiplier` records): `add` (+ `value` in the line's unit),
   * `amount` (a fixed `value` instead of the stated one), `outcome` (a different sanction instead).
   */
  escalation: z
    .object({ tier: z.enum(['add', 'amount', 'outcome']), value: z.number().optional() })
    .optional(),
  /** The violator's n-th counted violation in the window. */
  tallyIndex: z.number().optional(),
  /** Working days without correction (for `recharge`). */
  repeat: z.number().optional(),
  range: z
    .object({
      component: z.string(),
      minRatio: z.string(),
      maxRatio: z.string(),
      min: FenSchema.nullable(),
      max: FenSchema.nullable(),
    })
    .optional(),
  grades: z.object({ min: z.number(), max: z.number() }).optional(),
  /** Points off a score (for `points`), and the score (`scale`) they come off. */
  points: z.number().optional(),
  scale: z.string().optional(),
  /** The band a `bands` outcome chose, in words (`> 15 且 ≤ 60` / `> 15 and ≤ 60`), and the measured value. */
  band: z.object({ measured: z.number(), bounds: z.string() }).optional(),
  measures: z.array(z.string()).optional(),
  select: z.enum(['all', 'oneOrMore', 'one']).optional(),
  withheld: FenSchema.optional(),
  message: TextSchema,
});

/** A person's lines for one period (a calendar month by default) and their sums. */
export const PeriodLedgerSchema = z.object({
  period: z.string(),
  lines: z.array(LineSchema),
  /** Sum of the `charged` lines (cap adjustments included), in fen. */
  total: FenSchema,
  /** Sum of the `proposed` lines, in fen: a human decides. */
  proposed: FenSchema,
  /** Sum of the known ends of discretionary pay ranges (`null` when a pay figure is missing). */
  discretionary: z.object({ min: FenSchema.nullable(), max: FenSchema.nullable(), count: z.number() }),
  /** Salary grades of demotion (a range when a clause leaves the number open). */
  demotionGrades: z.object({ min: z.number(), max: z.number() }),
  /** Expenses refused (不予报销), in fen. */
  withheld: FenSchema,
  /** Points off each score (`points` lines), by scale; absent when no line takes points. */
  points: recordOf(z.string(), z.number()).optional(),
  /** Lines a human must complete: `pending`, `unspecified` and menus of sanctions. */
  openItems: z.number(),
});

/** Everything one person is charged, period by period. */
export const PersonLedgerSchema = z.object({
  personId: z.string(),
  periods: z.array(PeriodLedgerSchema),
  total: FenSchema,
});

/** The result of pricing a set of violations against one schedule. */
export const LedgerSchema = z.object({
  scheduleId: z.string(),
  scheduleVersion: z.string(),
  persons: z.array(PersonLedgerSchema),
  total: FenSchema,
  /** Violations no item of the schedule prices (reported, not refused). */
  unpriced: z.array(
    z.object({ code: z.string(), personId: z.string(), occurredAt: z.string(), role: z.string().optional() }),
  ),
});

export type LineKind = z.output<typeof LineKindSchema>;
export type LineStatus = z.output<typeof LineStatusSchema>;
export type Line = z.output<typeof LineSchema>;
export type PeriodLedger = z.output<typeof PeriodLedgerSchema>;
export type PersonLedger = z.output<typeof PersonLedgerSchema>;
export type Ledger = z.output<typeof LedgerSchema>;
