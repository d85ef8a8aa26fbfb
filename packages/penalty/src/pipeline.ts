import {
  type CustomRule,
  checkCustomRules,
  type Decision,
  type ErrorPath,
  type EvalContext,
  parseInput,
  RulePipeline,
  type RuleStep,
  type StepContext,
  type TraceEntry,
  type Violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { type Ledger, LedgerSchema, LineSchema } from './ledger.js';
import type { Entry } from './matching.js';
import type { DraftLine, PayEntry } from './outcomes.js';
import {
  type AssessOptions,
  type EscalationNote,
  fileLedger,
  matchViolations,
  noteEnforcement,
  PayEntrySchema,
  type PriceInputs,
  priceEntries,
  RosterSchema,
} from './price.js';
import { FineItemSchema, type FineSchedule } from './schedule.js';
import { fastViolation, ViolationInputSchema, ViolationParts } from './violation-input.js';

/**
 * What each step of the ledger pipeline sees and returns. The built-in steps fill it in order:
 * matched `entries`, priced `lines` (unnumbered) with the `escalations` that multiplied them, then
 * the filed `ledger`.
 */
export interface PenaltyStage {
  /** The validated schedule (罚则). */
  schedule: FineSchedule;
  /** The validated violations, in the caller's order (`entries[i].index` points here). */
  violations: Violation[];
  /** Role → person, for charges that name a role. */
  roster: Record<string, string>;
  /** Pay figures for pay deductions and discretionary ranges. */
  pay: PayEntry[];
  /**
   * The violations in pricing order (violators by id, each one's in canonical order), each with
   * the schedule item that prices it (`undefined`: unpriced). Set by the match step.
   */
  entries: Entry[];
  /** Violations no item prices (reported, not refused). Set by the match step. */
  unpriced: Ledger['unpriced'];
  /** The priced lines, not yet numbered (`id` is given when filed). Set by the pricing step. */
  lines: DraftLine[];
  /** Each escalated tally event's trace entry and the lines its tier multiplied. */
  escalations: EscalationNote[];
  /** The ledger: `null` until the filing step (or a replacement) has run. */
  ledger: Ledger | null;
  /**
   * Under a policy history (`tallyAcrossVersions: 'continue'`): the tally counts each violator
   * reached in a period under the earlier schedule versions, keyed `personId␀tally␀period`.
   */
  priorTallies?: ReadonlyMap<string, number>;
}

/** A step of the ledger pipeline (a built-in one, or a company's own). */
export type PenaltyRuleStep = RuleStep<PenaltyStage>;
/** A company's own pricing rule: `{ before | after | replace: <step id>, step }`. */
export type PenaltyCustomRule = CustomRule<PenaltyStage>;

/**
 * The ids of the ledger pipeline's built-in steps, in order, each named by the first catalog id of
 * the group it implements:
 *
 * | step | stage | catalog ids |
 * | --- | --- | --- |
 * | `S000-PENALTY-01` | match: each violation against the schedule in force, to the item pricing it; unpriced ones reported | S000-PENALTY-01 and every priced rule's item (S000-PENALTY-01…05, -08, -12…39, S000B-PENALTY-01…04, S001-PENALTY-01…08 …) |
 * | `S000-PENALTY-06` | pricing: amounts, escalation / doubling tallies, consequences at a tally, re-charges until corrected, per-violation caps — one walk, since re-charges count in the tallies in time order and repeat the doubled amount | S000-PENALTY-06, S000-PENALTY-07, S000-PENALTY-09, S000B-PENALTY-05 |
 * | `S000-PENALTY-11` | who levies and who may order corrections | S000-PENALTY-11 |
 * | `S000-PENALTY-07` | filing: lines by person and period, period caps, per-period and per-person totals (charged, proposed, discretionary ranges, grades, expenses withheld) | S000-PENALTY-07 (discretionary range summed apart), S000-PENALTY-14 (grades), S000B-PENALTY-04 (not reimbursed) |
 */
export const LEDGER_STEPS = {
  match: 'S000-PENALTY-01',
  price: 'S000-PENALTY-06',
  enforcement: 'S000-PENALTY-11',
  file: 'S000-PENALTY-07',
} as const;

/** Records entries in bounded batches (a bulk ledger's trace may hold millions). */
function recordAll(step: StepContext, entries: readonly TraceEntry[]): void {
  for (let i = 0; i < entries.length; i += 10_000) step.record(...entries.slice(i, i + 10_000));
}

/**
 * The pricing procedure of `assessPenalties` and `penalty.ledger` as a core `RulePipeline` of the
 * {@link LEDGER_STEPS}. Extend it through
 * `penaltyLedgerWith({ customRules })`.
 *
 * @param options - `trace: 'summary'` for one trace entry per person and period instead of per line
 * @returns a fresh pipeline
 * @example
 * ledgerPipeline().ids; //=> ['S000-PENALTY-01', 'S000-PENALTY-06', 'S000-PENALTY-11', 'S000-PENALTY-07']
 */
export function ledgerPipeline(options: Pick<AssessOptions, 'trace'> = {}): RulePipeline<PenaltyStage> {
  return builtInPipeline(options, true);
}

/**
 * The built-in pipeline. `mayCopyLines`: whether a company's rule may run before filing and copy
 * the draft lines an escalation names (then the filing step finds them again by identity); without
 * custom rules the lines are the drafts themselves and that search is skipped.
 */
function builtInPipeline(
  options: Pick<AssessOptions, 'trace'>,
  mayCopyLines: boolean,
): RulePipeline<PenaltyStage> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      '选项须为对象 { trace? } / options must be an object { trace? }',
    );
  }
  const traceMode = options.trace ?? 'lines';
  const step = (
    id: string,
    clause: string,
    run: (stage: PenaltyStage, ctx: EvalContext, trace: TraceEntry[]) => PenaltyStage,
  ): PenaltyRuleStep => ({
    id,
    clause,
    run: (stage, s) => {
      const trace: TraceEntry[] = [];
      const next = run(stage, s.eval, trace);
      recordAll(s, trace);
      return next;
    },
  });
  return new RulePipeline<PenaltyStage>([
    step(LEDGER_STEPS.match, '000 L247', (stage, _ctx, trace) => matchViolations(stage, trace)),
    // Without a company's rules no one sees the drafts before filing: fine lines keep an id slot.
    step(LEDGER_STEPS.price, '000 L257', (stage, ctx, trace) =>
      priceEntries(stage, ctx, trace, !mayCopyLines),
    ),
    step(LEDGER_STEPS.enforcement, '000 L263–265', (stage, _ctx, trace) => noteEnforcement(stage, trace)),
    step(LEDGER_STEPS.file, '000 L257', (stage, _ctx, trace) =>
      fileLedger(stage, traceMode, trace, mayCopyLines),
    ),
  ]);
}

const EntryShapeSchema = z.object({
  v: z.unknown(),
  index: z.number().int().nonnegative(),
  item: z.unknown(),
});
const DraftLineSchema = LineSchema.omit({ id: true });

/**
 * Re-validates the stage a custom rule returned, as the built-in steps leave it: violations and
 * entries well formed, items of the schedule's shape, lines and the ledger as the ledger schema says.
 */
function checkStage(stage: PenaltyStage): void {
  if (stage === null || typeof stage !== 'object') {
    throw new ZhiduError(
      'invalid_state',
      [],
      '自定义规则须返回流程状态对象 / a custom rule must return the stage object',
    );
  }
  for (const key of ['violations', 'pay', 'entries', 'unpriced', 'lines', 'escalations'] as const) {
    if (!Array.isArray(stage[key])) {
      throw new ZhiduError(
        'invalid_state',
        [key],
        `自定义规则使 ${key} 不再是数组 / a custom rule left ${key} not an array`,
      );
    }
  }
  stage.violations.forEach((v, i) => {
    parseInput(ViolationInputSchema, v, ['violations', i]);
  });
  parseInput(RosterSchema, stage.roster, ['roster']);
  stage.pay.forEach((p, i) => {
    parseInput(PayEntrySchema, p, ['pay', i]);
  });
  stage.entries.forEach((e, i) => {
    parseInput(EntryShapeSchema, e, ['entries', i]);
    parseInput(ViolationInputSchema, e.v, ['entries', i, 'v']);
    if (e.item !== undefined) parseInput(FineItemSchema, e.item, ['entries', i, 'item']);
  });
  stage.lines.forEach((l, i) => {
    parseInput(DraftLineSchema, l, ['lines', i]);
  });
  if (stage.ledger !== null) parseInput(LedgerSchema, stage.ledger, ['ledger']);
}

/**
 * Runs the ledger pipeline from an initial stage, with a company's rules when given.
 *
 * @internal
 */
export function runLedgerPipeline(
  initial: PenaltyStage,
  ctx: EvalContext,
  options: AssessOptions,
  customRulesPath: ErrorPath,
): Decision<Ledger> {
  if (options.customRules === undefined) {
    const d = builtInPipeline(options, false).run(initial, ctx);
    return { value: d.value.ledger as Ledger, trace: d.trace };
  }
  const pipeline = ledgerPipeline(options);
  const rules = checkCustomRules(options.customRules, pipeline, customRulesPath);
  const d = pipeline.withCustomRules(rules).run(initial, ctx, checkStage);
  if (d.value.ledger === null) {
    throw new ZhiduError(
      'invalid_state',
      customRulesPath,
      '流程中没有规则产生台账 / no rule in the pipeline produced a ledger',
    );
  }
  return { value: d.value.ledger, trace: d.trace };
}

/**
 * The pricing engine behind {@link assessPenalties} and the `penalty.ledger` module: validates the
 * roster, pay figures and violations (unless `parsed`), then runs the ledger pipeline
 * ({@link ledgerPipeline}) — with a company's own rules when given. Paths of refusals are relative
 * to the caller's input (`violations[i]…`, `ctx.roster`, `ctx.pay[i]`).
 *
 * @param violations - violations; validated here unless `parsed` (the module's input schema did it)
 * @param schedule - a validated schedule whose consistency was checked
 * @param ctx - `now` and `calendar`
 * @param extra - roster and pay (validated here), and the paths they came from
 * @param options - trace detail and custom rules
 * @param parsed - whether `violations`, the roster and the pay figures already went through their
 *   schemas (the module's input schema parsed them)
 * @param customRulesPath - where `options.customRules` sits in the caller's arguments
 * @returns the ledger and its trace
 */
export function priceViolations(
  violations: readonly unknown[],
  schedule: FineSchedule,
  ctx: EvalContext,
  extra: PriceInputs & { priorTallies?: ReadonlyMap<string, number> },
  options: AssessOptions = {},
  parsed = false,
  customRulesPath: ErrorPath = ['options', 'customRules'],
): Decision<Ledger> {
  if (!Array.isArray(violations)) {
    throw new ZhiduError('invalid_input', ['violations'], '违规记录须为数组 / violations must be an array');
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      '选项须为对象 { trace?, customRules? } / options must be an object { trace?, customRules? }',
    );
  }
  // The module's input schema parsed the roster and the pay figures too: read as they are; a direct
  // caller's come from its context (`ctx.roster`, `ctx.pay`).
  const roster =
    extra.roster === undefined
      ? {}
      : parsed
        ? (extra.roster as z.output<typeof RosterSchema>)
        : parseInput(RosterSchema, extra.roster, ['ctx', 'roster']);
  const pay = parsed
    ? ((extra.pay ?? []) as z.output<typeof PayEntrySchema>[])
    : (extra.pay ?? []).map((p, i) => parseInput(PayEntrySchema, p, ['ctx', 'pay', i]));
  let parsedViolations: Violation[];
  if (parsed) parsedViolations = (violations as Violation[]).slice();
  else {
    parsedViolations = new Array(violations.length);
    const parts = new ViolationParts();
    for (let index = 0; index < violations.length; index++) {
      const raw = violations[index];
      parsedViolations[index] =
        fastViolation(raw, parts) ?? parseInput(ViolationInputSchema, raw, ['violations', index]);
    }
  }
  return runLedgerPipeline(
    {
      schedule,
      violations: parsedViolations,
      roster,
      pay,
      entries: [],
      unpriced: [],
      lines: [],
      escalations: [],
      ledger: null,
      ...(extra.priorTallies === undefined ? {} : { priorTallies: extra.priorTallies }),
    },
    ctx,
    options,
    customRulesPath,
  );
}
