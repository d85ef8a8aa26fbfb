/**
 * The named rule functions of @zhidu/sla: each one is a thin call of its module, with the module's
 * calling convention — `(input, policy, ctx)` → the module's decision `{ value: { result, violations },
 * trace, provenance }`. The policy may be JSON, a validated policy, a compiled one or a
 * `PolicyHistory`; the context an `EvalContext` or the `{ now, zone?, calendar? }` that makes one.
 */
import type { ContextInput, EvalContext } from '@zhidu/core';
import { slaChecklist, slaIncidents, slaQuota, slaTimers } from './modules.js';

/**
 * Every timer of a policy from an event log at `ctx.now` (compute-on-read): the `sla.timers` module.
 * `result` holds one state per timer instance (status, due instant, elapsed and remaining time,
 * lateness, warnings, escalations), `violations` what their breaches emit for @zhidu/penalty. Counts
 * working days, so the context must name its calendar (e.g. `chinaCalendar()`). With a company's own
 * rules: `slaTimersWith({ customRules }).evaluate(input, policy, ctx)`.
 *
 * @param input - `{ events }`: the event log, in time order within a subject
 * @param policy - an SLA policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone`, `calendar`
 * @returns the `sla.timers` decision
 * @throws ZhiduError `invalid_input` / `unknown_key` / `out_of_order` for a bad log or policy,
 *   `calendar_required` when the context names no calendar
 * @example
 * const ctx = { now: '2024-05-10T10:20:00+08:00', calendar: chinaCalendar() };
 * const d = evaluateTimers(
 *   { events: [{ type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' }] },
 *   logistics001bPreset(),
 *   ctx,
 * );
 * const plan = d.value.result.find((t) => t.timerId === 'plan30min');
 * plan?.status; //=> 'breached' (no plan 35 minutes after receipt)
 * plan?.dueAt; //=> '2024-05-10T02:15:00.000Z'
 * d.provenance.module; //=> 'sla.timers'
 * evaluateTimers({ events: [{ type: 'recieved', subject: 'c1', at: '2024-05-10T09:45:00+08:00' }] }, logistics001bPreset(), ctx); // throws ZhiduError invalid_input
 */
export function evaluateTimers(
  input: Parameters<(typeof slaTimers)['evaluate']>[0],
  policy: Parameters<(typeof slaTimers)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof slaTimers)['evaluate']> {
  return slaTimers.evaluate(input, policy, ctx);
}

/**
 * Occurrence-triggered sanctions ("each grievance found → 100 CNY") found in an event log up to
 * `ctx.now`: the `sla.incidents` module. `result` and `violations` hold the same list, one violation
 * per matching event and role.
 *
 * @param input - `{ events }`: the event log, in time order within a subject
 * @param policy - an SLA policy with `incidents`
 * @param ctx - `now`, `zone`
 * @returns the `sla.incidents` decision
 * @throws ZhiduError for a malformed or out-of-order log or a malformed policy
 * @example
 * const ctx = { now: '2024-05-02T00:00:00+08:00' };
 * const events = [
 *   { type: 'grievanceFound', subject: 'g1', at: '2024-05-01T09:00:00+08:00', assignees: { employee: 'e1' } },
 * ];
 * evaluateIncidents({ events }, conferenceMarketing001Preset(), ctx).value.violations[0]?.code
 * //=> 'sla.grievance.S001-COMPLAINT-02'
 * const noTime = { events: [{ type: 'grievanceFound', subject: 'g1' }] } as never;
 * evaluateIncidents(noTime, conferenceMarketing001Preset(), ctx); // throws ZhiduError invalid_input (no `at`)
 */
export function evaluateIncidents(
  input: Parameters<(typeof slaIncidents)['evaluate']>[0],
  policy: Parameters<(typeof slaIncidents)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof slaIncidents)['evaluate']> {
  return slaIncidents.evaluate(input, policy, ctx);
}

/**
 * Frequency commitments ("at least twice a day") of the policy's `quotas` counted per day or month
 * over a date range: the `sla.quota` module. `quota` names one quota, else every quota is counted;
 * `result` holds `{ id, rows }` per quota. Counts working days where a window excludes holidays, so
 * the context must name its calendar.
 *
 * @param input - `{ quota?, range: { from, to }, events }`
 * @param policy - an SLA policy with `quotas`
 * @param ctx - `now`, `zone`, `calendar`
 * @returns the `sla.quota` decision
 * @throws ZhiduError `unknown_reference` (naming the nearest quota id) for a quota the policy lacks
 * @example
 * const d = evaluateQuota(
 *   { quota: 'T6-02a', range: { from: '2024-03-04', to: '2024-03-04' },
 *     events: [{ type: 'perform', subject: 'lobby', at: '2024-03-04T09:00:00+08:00' }] },
 *   propertyService004Preset(),
 *   { now: '2024-03-05T00:00:00+08:00', calendar: chinaCalendar() },
 * );
 * d.value.result[0]?.id; //=> 'T6-02a'
 * d.value.result[0]?.rows[0]?.count; //=> 1
 */
export function evaluateQuota(
  input: Parameters<(typeof slaQuota)['evaluate']>[0],
  policy: Parameters<(typeof slaQuota)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof slaQuota)['evaluate']> {
  return slaQuota.evaluate(input, policy, ctx);
}

/**
 * The items of a policy checklist (named by `checklist`) missing at a moment: the `sla.checklist`
 * module. `result.missing` lists the items not in place (in checklist order); `violations` holds one
 * violation per responsible role, `quantity` = the number of missing items.
 *
 * @param input - `{ checklist, subject, at, record, assignees? }`
 * @param policy - an SLA policy with `checklists`
 * @param ctx - `now`, `zone`
 * @returns the `sla.checklist` decision
 * @throws ZhiduError `unknown_reference` (naming the nearest checklist id) for a checklist the policy lacks
 * @example
 * const record = { water: true, power: true, tv: true, telecom: true, smartSystems: true,
 *   emergencyBackupPower: true, roadsAndEnvironment: true, elevatorCertificate: true,
 *   fireCertificate: true, unitQualityAcceptanceRecord: true, gasSupply: false };
 * const d = evaluateChecklist(
 *   { checklist: 'M20.preCompletion', subject: 'phase-2', at: '2024-09-30T00:00:00+08:00', record,
 *     assignees: { emcDirector: 'u7' } },
 *   construction000Preset(),
 *   { now: '2024-09-30T00:00:00+08:00' },
 * );
 * d.value.result.missing; //=> ['starHygiene'] (no gas supply: the gas items are not required)
 * d.value.violations.map((v) => `${v.personId} ×${v.quantity}`); //=> ['u7 ×1']
 */
export function evaluateChecklist(
  input: Parameters<(typeof slaChecklist)['evaluate']>[0],
  policy: Parameters<(typeof slaChecklist)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof slaChecklist)['evaluate']> {
  return slaChecklist.evaluate(input, policy, ctx);
}
