/**
 * The named rule function of @zhidu/penalty: a thin call of its module, with the module's calling
 * convention — `(input, policy, ctx)` → the module's decision `{ value: { result, violations }, trace,
 * provenance }`.
 */
import type { ContextInput, EvalContext } from '@zhidu/core';
import { penaltyLedger } from './modules.js';

/**
 * Prices violations against a fine schedule (罚则): the `penalty.ledger` module. `result` is the
 * ledger — per person and period, every line with its catalog rule, clause, arithmetic and amount in
 * integer fen, with totals; `violations` is always empty (the package prices violations, it finds
 * none). The same violations in any order give the same ledger. `roster` (role → person) and `pay`
 * figures go in the input; the schedule is JSON, a preset, `defineSchedule(...)`, a compiled schedule
 * or a `PolicyHistory`. Counts working days, so the context must name its calendar. With a company's
 * own rules: `penaltyLedgerWith({ customRules }).evaluate(input, schedule, ctx)`.
 *
 * @param input - `{ violations, roster?, pay?, trace? }`
 * @param schedule - a fine schedule
 * @param ctx - `now` (for uncorrected violations), `zone`, `calendar`
 * @returns the `penalty.ledger` decision
 * @throws ZhiduError `invalid_input` / `unknown_key` (a malformed schedule or violation, a misspelt
 *   field, with a path under `input` or `policy`), `policy_not_in_force`, `unknown_reference` (a
 *   named role no one holds), `policy_overlap`, `calendar_required`
 * @example
 * const d = assessPenalties(
 *   { violations: [{ code: 'records.handover.late', personId: 'sc-1', role: 'salesConsultant',
 *      occurredAt: '2024-03-08T10:00:00+08:00', source: { module: 'records', rule: 'S000-ARCHIVE-07' } }] },
 *   dealerFileSchedule(),
 *   { now: '2024-03-31T12:00:00+08:00', calendar: chinaCalendar() },
 * );
 * d.value.result.total; //=> 5000 (50 CNY)
 * d.provenance.module; //=> 'penalty.ledger'
 */
export function assessPenalties(
  input: Parameters<(typeof penaltyLedger)['evaluate']>[0],
  schedule: Parameters<(typeof penaltyLedger)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof penaltyLedger)['evaluate']> {
  return penaltyLedger.evaluate(input, schedule, ctx);
}
