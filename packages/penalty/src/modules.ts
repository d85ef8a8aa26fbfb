import {
  checkCustomRules,
  type Decision,
  defineModule,
  type EvalContext,
  formatPath,
  type ModuleResult,
  Trace,
  type Violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { penaltyExchangeMembership } from './exchange-module.js';
import { ledgerUnderHistory } from './history.js';
import type { Ledger } from './ledger.js';
import { ledgerPipeline, type PenaltyCustomRule, priceViolations } from './pipeline.js';
import { PRESET_JSON } from './presets/index.js';
import { type AssessOptions, PayEntrySchema, RosterSchema } from './price.js';
import { checkScheduleConsistency, type FineSchedule, FineScheduleParamsSchema } from './schedule.js';
import { violationListSchema } from './violation-input.js';

const VIOLATION_LIST = violationListSchema();

/**
 * The input of `penalty.ledger`: the violations to price (strict: a misspelt field is refused with
 * `unknown_key`; a company's own fields go in each violation's `data`), who holds the roles charges
 * name, pay figures for percentage deductions, and the trace detail.
 */
export const LedgerInputSchema = z.strictObject({
  // Lazy: core's generic fast input parser hands the list to this schema's own parser (the
  // plain-object check per violation) instead of walking each violation field by field.
  /** `Violation`s from any module, in any order (the ledger depends only on the set). */
  violations: z.lazy(() => VIOLATION_LIST),
  /** Role → person for charges that name a role (工程管理中心总监 → `p-emc`). */
  roster: RosterSchema.optional(),
  /** Pay figures (fen) for pay deductions and discretionary pay ranges. */
  pay: z.array(PayEntrySchema).optional(),
  /** `lines` (default): one trace entry per ledger line; `summary`: one per person and period. */
  trace: z.enum(['lines', 'summary']).optional(),
});
/** What `penalty.ledger` accepts as input. */
export type LedgerInput = z.input<typeof LedgerInputSchema>;

/** The input of `penalty.enforcement`: the role of the person who levies a fine or orders a correction. */
export const EnforcementInputSchema = z.strictObject({ role: z.string().min(1) });
/** What `penalty.enforcement` accepts as input. */
export type EnforcementInput = z.input<typeof EnforcementInputSchema>;

/** What `penalty.enforcement` decides for a role under a schedule (S000-PENALTY-11). */
export interface EnforcementResult {
  role: string;
  /** Whether the role may levy the schedule's fines (no `enforcement` section: anyone). */
  mayLevyFine: boolean;
  /** Whether the role may order a correction, which starts the re-charge clock. */
  mayOrderCorrection: boolean;
}

const consistent = new WeakSet<object>();

/** The checks a zod schema cannot make (overlaps, duplicate ids, caps naming unknown items), once per policy. */
function checkedSchedule(schedule: FineSchedule): FineSchedule {
  if (!consistent.has(schedule)) {
    checkScheduleConsistency(schedule.params, ['policy', 'params']);
    consistent.add(schedule);
  }
  return schedule;
}

/** Refusals of the pricing engine name paths of the module's input: `input.violations[3].lateBy`. */
function underInput<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
    // A company's rules are not input: their refusals keep their own path (['customRules', <id>, …]).
    if (e.path[0] === 'customRules') throw e;
    const suffix = e.path.length > 0 ? ` (at ${formatPath(e.path)})` : '';
    const message =
      suffix !== '' && e.message.endsWith(suffix) ? e.message.slice(0, -suffix.length) : e.message;
    throw new ZhiduError(e.code, ['input', ...e.path], message, e.details);
  }
}

/**
 * `penalty.ledger`: prices violations against a fine schedule (罚则) — per person and period, every
 * line with its catalog rule, clause, arithmetic and amount in integer fen — exactly as
 * {@link assessPenalties} does. The result is the {@link Ledger}; `violations` is always empty (the
 * package prices violations, it finds none). Counts working days (re-charges per uncorrected working
 * day, S000-PENALTY-09), so the context must name its calendar. With a company's own rules:
 * {@link penaltyLedgerWith}.
 *
 * @example
 * const d = penaltyLedger.evaluate(
 *   { violations: [{ code: 'records.handover.late', personId: 'sc-1', role: 'salesConsultant',
 *       occurredAt: '2024-03-08T10:00:00+08:00', source: { module: 'records', rule: 'S000-ARCHIVE-07' } }] },
 *   penaltyLedger.preset('dealer-file'),
 *   { now: '2024-03-31T12:00:00+08:00', calendar: chinaCalendar() },
 * );
 * d.value.result.total; //=> 5000 (50 CNY)
 * d.provenance.module; //=> 'penalty.ledger'
 */
export const penaltyLedger = ledgerModule(undefined);

/**
 * `penalty.ledger` run with a company's own rules (functions, so not part of the JSON policy or
 * input): the same module id, schemas and presets, its evaluation placing `customRules` before, after
 * or instead of the ledger pipeline's steps (see `LEDGER_STEPS`). The rules are checked when the
 * module is built.
 *
 * @param options - the company's rules (`customRules`, see `LEDGER_STEPS`)
 * @returns the module
 * @throws ZhiduError `unknown_reference` (naming the nearest step id), `invalid_input`, `duplicate`
 * @example
 * const acme = penaltyLedgerWith({
 *   customRules: [{ after: 'S000-PENALTY-01', step: { id: 'acme.audit', run: (s, step) => { step.note('已复核', 'Reviewed'); return s; } } }],
 * });
 * const d = acme.evaluate(
 *   { violations: [{ code: 'records.handover.late', personId: 'sc-1', role: 'salesConsultant',
 *       occurredAt: '2024-03-08T10:00:00+08:00', source: { module: 'records', rule: 'S000-ARCHIVE-07' } }] },
 *   acme.preset('dealer-file'),
 *   { now: '2024-03-31T12:00:00+08:00', calendar: chinaCalendar() },
 * );
 * d.value.result.total; //=> 5000 (50 CNY)
 * d.trace[0]?.rule; //=> 'acme.audit'
 */
export function penaltyLedgerWith(options: Pick<AssessOptions, 'customRules'>) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      '选项须为对象 { customRules? } / options must be an object { customRules? }',
    );
  }
  if (options.customRules !== undefined)
    checkCustomRules(options.customRules, ledgerPipeline(), ['customRules']);
  return ledgerModule(options.customRules);
}

function ledgerModule(customRules: readonly PenaltyCustomRule[] | undefined) {
  return defineModule({
    id: 'penalty.ledger',
    title: { zh: '罚则定价与个人罚款台账', en: 'Fine schedule pricing and per-person ledgers' },
    params: FineScheduleParamsSchema,
    input: LedgerInputSchema,
    needsCalendar: true,
    compile: (policy) => checkedSchedule(policy as FineSchedule),
    // Each violation priced by the schedule in force at its occurredAt (tallies: tallyAcrossVersions).
    history: { kind: 'custom', evaluate: ledgerUnderHistory(customRules) },
    presets: PRESET_JSON,
    evaluate: (input, schedule, ctx): Decision<ModuleResult<Ledger>> => {
      const d = underInput(() =>
        priceViolations(
          input.violations,
          schedule,
          ctx,
          { roster: input.roster, pay: input.pay },
          {
            ...(input.trace === undefined ? {} : { trace: input.trace }),
            ...(customRules === undefined ? {} : { customRules }),
          },
          true,
          ['customRules'],
        ),
      );
      // Not `new Trace().append(d.trace)`: a million-line trace would overflow append's argument spread.
      const violations: Violation[] = [];
      return { value: { result: d.value, violations }, trace: d.trace };
    },
  });
}

/** Whether `role` may levy fines and order corrections under `schedule` (S000-PENALTY-11). */
export function enforcementOf(schedule: FineSchedule, role: string): Decision<EnforcementResult> {
  const e = schedule.params.enforcement;
  const result: EnforcementResult = {
    role,
    mayLevyFine: e === undefined || e.levyBy.includes(role),
    mayOrderCorrection: e === undefined || e.correctionOrderBy.includes(role),
  };
  const yes = (b: boolean, zh: string, en: string): [string, string] =>
    b ? [zh, en] : [`不${zh}`, `not ${en}`];
  const [levyZh, levyEn] = yes(result.mayLevyFine, '可执行罚款', 'may levy the fines');
  const [orderZh, orderEn] = yes(result.mayOrderCorrection, '可责令改正', 'may order corrections');
  const t = new Trace();
  if (e === undefined) {
    t.add(
      'S000-PENALTY-11',
      schedule.source.clause ?? schedule.source.title,
      `罚则 ${schedule.id} 未规定执行人，${role} 不受限制`,
      `schedule ${schedule.id} names no one who levies: ${role} is not refused`,
      { ...result },
    );
  } else {
    t.add(
      e.rule,
      e.clause,
      `${role}：${levyZh}（${e.levyBy.join('、')}），${orderZh}（${e.correctionOrderBy.join('、')}）`,
      `${role}: ${levyEn} (${e.levyBy.join(', ')}), ${orderEn} (${e.correctionOrderBy.join(', ')})`,
      { ...result },
    );
  }
  return t.decide(result);
}

/**
 * `penalty.enforcement`: who may levy a schedule's fines and who may order a correction, which starts
 * the re-charge clock (S000-PENALTY-11: "以上违规处罚由客户总监负责检查、执行"). A schedule without an
 * `enforcement` section names no one, so nobody is refused. `violations` is always empty.
 *
 * @example
 * const d = penaltyEnforcement.evaluate({ role: 'archiveAdmin' }, penaltyEnforcement.preset('dealer-file'),
 *   { now: '2024-03-31T12:00:00+08:00' });
 * d.value.result; //=> { role: 'archiveAdmin', mayLevyFine: false, mayOrderCorrection: true }
 */
export const penaltyEnforcement = defineModule({
  id: 'penalty.enforcement',
  title: { zh: '罚则执行人与责令改正人', en: 'Who levies fines and orders corrections' },
  params: FineScheduleParamsSchema,
  input: EnforcementInputSchema,
  history: { kind: 'now', reason: { zh: '角色不含时间', en: 'a role carries no time' } },
  presets: PRESET_JSON,
  evaluate: (input, schedule, _ctx: EvalContext) => {
    const d = enforcementOf(schedule, input.role);
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] as Violation[] });
  },
});

/** Every module of `@zhidu/penalty`, for the registry and the CLI. */
export const penaltyModules = [penaltyLedger, penaltyEnforcement, penaltyExchangeMembership] as const;
