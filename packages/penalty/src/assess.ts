import type { Decision, EvalContext } from '@zhidu/core';
import type { Ledger } from './ledger.js';
import { penaltyLedger } from './modules.js';
import type { PayEntry } from './outcomes.js';
import { priceViolations } from './pipeline.js';
import type { AssessOptions } from './price.js';
import type { FineSchedule, FineScheduleInput } from './schedule.js';
import type { ViolationInput } from './violation-input.js';

export type { AssessOptions } from './price.js';

/** What an assessment may know beyond the violations: the clock, the calendar, who holds which role, pay. */
export interface AssessContext extends EvalContext {
  /** Role → person for charges that name a role (工程管理中心总监 → `p-emc`). */
  roster?: Readonly<Record<string, string>>;
  /** Pay figures for percentage deductions and discretionary ranges. */
  pay?: readonly PayEntry[];
}

/**
 * Prices violations against a fine schedule (罚则) and returns, per person and per period, a ledger
 * of lines — clause, arithmetic, amount in integer fen — with totals. The result depends only on the
 * set of violations, never on their order: each person's violations are put in canonical order
 * (time, code, subject, content) before escalation tallies are counted.
 *
 * What it does, by schedule data: fines per occurrence, per item (or per item over a threshold), per
 * unit of lateness; fixed amounts to named roles; liability shares (`allocate`, no fen lost);
 * escalation tiers within a window ("from the 2nd violation in a month, doubled"); extra
 * consequences when a tally is reached; re-charges for each working day without correction (on the
 * `ctx.calendar`); discretionary pay ranges and demotion ranges left to a human; sanctions, "not
 * reimbursed" outcomes and consequences the regulation leaves unquantified; caps.
 *
 * Internal (the public entry is `assessPenalties(input, schedule, ctx)`, a thin call of the
 * `penalty.ledger` module {@link penaltyLedger}): the schedule is validated by the module (strict,
 * cached per object identity, consistency checked), so a schedule that never went through
 * {@link defineSchedule} is refused with a `ZhiduError`, never a `TypeError`. Unlike the module it
 * takes `roster` and `pay` on the context, returns the bare ledger and keeps the context's calendar as
 * given (Mon–Fri when `makeContext` had none).
 *
 * @param violations - `Violation`s (core schema, strict) from any module; validated, bad ones refused
 * @param schedule - a fine schedule (a preset, {@link defineSchedule}, or its JSON)
 * @param ctx - evaluation context (`now` for uncorrected violations, `calendar` for working days),
 *   plus `roster` (role → person) and `pay` figures where the schedule needs them
 * @param options - trace detail, and `customRules`: a company's own steps before, after or instead of
 *   a built-in step of the ledger pipeline (`LEDGER_STEPS`: match, pricing, enforcement, filing); the
 *   stage a custom rule returns is re-validated, a refusal's path starting at `['customRules', <id>]`
 * @returns the ledger and a trace naming the rule and clause of every line
 * @throws ZhiduError `invalid_input` / `unknown_key` (a malformed schedule or violation, a misspelt
 *   field), `policy_not_in_force` (a violation outside the schedule's dates), `unknown_reference` (a
 *   named role no one holds), `policy_overlap` (two items price the same violation)
 * @example
 * const ctx = { ...makeContext({ now: '2024-03-31T12:00:00+08:00', calendar: chinaCalendar() }) };
 * const { value } = ledgerOf(
 *   [{ code: 'records.handover.late', personId: 'sc-1', role: 'salesConsultant',
 *      occurredAt: '2024-03-08T10:00:00+08:00', source: { module: 'records', rule: 'S000-ARCHIVE-07' } }],
 *   dealerFileSchedule(), ctx);
 * value.total; //=> 5000 (50 CNY)
 */
export function ledgerOf(
  violations: readonly ViolationInput[],
  schedule: FineSchedule | FineScheduleInput,
  ctx: AssessContext,
  options: AssessOptions = {},
): Decision<Ledger> {
  const compiled = penaltyLedger.compile(schedule).compiled;
  return priceViolations(violations, compiled, ctx, { roster: ctx.roster, pay: ctx.pay }, options);
}
