// The well-named entry points of @zhidu/service that the registry's coverage map names: each is a
// thin call of its module, with the module's signature (input object, policy, context) and the
// module's decision. Where one module covers several entry points, the function supplies the
// module's `op`. Nothing here computes anything.
import {
  type ChecklistResult,
  type ContextInput,
  type EvalContext,
  type ModuleDecision,
  ZhiduError,
} from '@zhidu/core';
import type { z } from 'zod';
import type { FrequencyResult } from './followup/frequency.js';
import {
  type KpiInputSchema,
  type ReceptionInputSchema,
  type ReferralInputSchema,
  type RevisitInputSchema,
  type SalesInputSchema,
  serviceFrequency,
  serviceKpi,
  serviceReception,
  serviceRecords,
  serviceReferral,
  serviceRevisit,
  serviceSales,
} from './modules.js';
import type { ReferrerPoints } from './referral/points.js';

/**
 * The module input of an op entry point: `{ op, …input }`. An input that is not an object goes to
 * the module as it is (the module refuses it at `input`); one that names an `op` of its own is
 * refused, since the entry point decides the op.
 */
function withOp<N extends string, T>(op: N, input: T): T & { op: N } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input as T & { op: N };
  if (Object.hasOwn(input, 'op')) {
    throw new ZhiduError(
      'unknown_key',
      ['input', 'op'],
      `此函数自行指定 op（${op}），输入不得含 op / this function supplies the op (${op}) itself: the input must not name one`,
    );
  }
  return { op, ...input } as T & { op: N };
}

/**
 * Whether a staff assessment record carries every required dimension (S002-KPI-02): the call of
 * `service.kpi` with `op: 'checkAssessment'`.
 *
 * @param input - `{ record }`: dimension → score
 * @param policy - a service policy with a `surveys` section (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` lists the missing dimensions
 * @throws ZhiduError when the policy, the input or the context is refused
 * @example
 * const policy = serviceKpi.preset('s002-cs-system');
 * const d = checkAssessment({ record: { complaintHandlingRate: 0.9 } }, policy, { now: '2024-03-01T10:00:00+08:00' });
 * d.value.result; //=> ['customerSatisfaction', 'serviceAttitude']
 * d.provenance.module; //=> 'service.kpi'
 */
export function checkAssessment(
  input: Omit<Extract<z.input<typeof KpiInputSchema>, { op: 'checkAssessment' }>, 'op'>,
  policy: Parameters<typeof serviceKpi.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ModuleDecision<string[]> {
  return serviceKpi.evaluate(withOp('checkAssessment', input), policy, ctx) as ModuleDecision<string[]>;
}

/**
 * A minimum-frequency requirement over every calendar period of a range (每月至少…次): the call of
 * `service.frequency`. Rows that count working days need a calendar in the context.
 *
 * @param input - `{ key, activities, range }`
 * @param policy - a service policy with `frequencies` (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone`, `calendar` …)
 * @returns the module decision; `value.result` has one entry per period (and scope)
 * @throws ZhiduError when the policy, the input or the context is refused (`calendar_required` without a calendar)
 * @example
 * const d = checkFrequency(
 *   { key: 'disinfection', activities: [{ activity: 'disinfection', at: '2024-03-05T10:00:00+08:00' }],
 *     range: { from: '2024-03-01', to: '2024-03-31' } },
 *   serviceFrequency.preset('s000-property-centre'),
 *   { now: '2024-04-01T09:00:00+08:00', calendar: chinaCalendar() },
 * );
 * d.value.result.map((r) => [r.period, r.count, r.met]); //=> [['2024-03', 1, false]]
 */
export function checkFrequency(
  input: Parameters<typeof serviceFrequency.evaluate>[0],
  policy: Parameters<typeof serviceFrequency.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ModuleDecision<FrequencyResult[]> {
  return serviceFrequency.evaluate(input, policy, ctx);
}

/**
 * The meeting of an arriving guest (S000-RECEPTION-07): a greeter of matching rank (or an
 * explanation) who arrives first, arrival details, transport and lodging. The call of
 * `service.reception` with `op: 'checkGreeting'`.
 *
 * @param input - `{ check }`: the facts of the meeting
 * @param policy - a service policy with a `reception` section (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` lists the problems (empty when compliant)
 * @throws ZhiduError when the policy, the input or the context is refused
 * @example
 * const check = {
 *   guestRank: 'seniorManagement',
 *   greeterRank: 'departmentSupervisor',
 *   arrivalInfoKnown: true,
 *   guestArrivesAt: '2024-03-06T14:30:00+08:00',
 *   greeterArrivedAt: '2024-03-06T14:10:00+08:00',
 *   transportBooked: true,
 *   lodgingBooked: true,
 * };
 * const policy = serviceReception.preset('s000-reception');
 * checkGreeting({ check }, policy, { now: '2024-03-06T15:00:00+08:00' }).value.result; //=> ['GREETER_RANK_TOO_LOW']
 */
export function checkGreeting(
  input: Omit<Extract<z.input<typeof ReceptionInputSchema>, { op: 'checkGreeting' }>, 'op'>,
  policy: Parameters<typeof serviceReception.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ModuleDecision<string[]> {
  return serviceReception.evaluate(withOp('checkGreeting', input), policy, ctx) as ModuleDecision<string[]>;
}

/**
 * Whether gifts, entertainment and expenses of a visit were applied for (and approved, where the
 * policy requires) before the visit, and the visited organisation contacted first (S000B-FOLLOWUP-17,
 * S001B-FOLLOWUP-15): the call of `service.sales` with `op: 'checkPreApproval'`.
 *
 * @param input - `{ visit }`: `{ visitAt, priorContactAt?, items }`
 * @param policy - a service policy with a `sales` section (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` lists error codes (e.g. `entertainment:NOT_PRE_APPROVED`)
 * @throws ZhiduError when the policy, the input or the context is refused
 * @example
 * const visit = {
 *   visitAt: '2024-03-06T10:00:00+08:00',
 *   priorContactAt: '2024-03-01T10:00:00+08:00',
 *   items: [{ kind: 'entertainment', appliedAt: '2024-03-05T10:00:00+08:00', approvedAt: '2024-03-07T10:00:00+08:00' }],
 * };
 * const policy = serviceSales.preset('s001b-sales-visit');
 * checkPreApproval({ visit }, policy, { now: '2024-03-08T10:00:00+08:00' }).value.result; //=> ['entertainment:NOT_PRE_APPROVED']
 */
export function checkPreApproval(
  input: Omit<Extract<z.input<typeof SalesInputSchema>, { op: 'checkPreApproval' }>, 'op'>,
  policy: Parameters<typeof serviceSales.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ModuleDecision<string[]> {
  return serviceSales.evaluate(withOp('checkPreApproval', input), policy, ctx) as ModuleDecision<string[]>;
}

/**
 * A service record (repair intake, move-in registration, visit record, lead …) checked against a
 * checklist of the policy: the call of `service.records`.
 *
 * @param input - `{ key, record }`: the checklist id and the record as a flat object
 * @param policy - a service policy with `checklists` (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` is `{ complete, missing, invalid }`
 * @throws ZhiduError when the policy, the input or the context is refused (`unknown_reference` for an unknown checklist)
 * @example
 * const policy = serviceRecords.preset('s001b-gps-service');
 * const now = '2024-03-01T10:00:00+08:00';
 * const d = checkRecord({ key: 'repairIntake', record: { customerName: '王先生', contact: '13800000001' } }, policy, { now });
 * d.value.result.missing; //=> ['address', 'productModel', 'purchaseDate', 'faultSymptom']
 * checkRecord({ key: 'moveIn', record: {} }, policy, { now }); // throws ZhiduError unknown_reference
 */
export function checkRecord(
  input: Parameters<typeof serviceRecords.evaluate>[0],
  policy: Parameters<typeof serviceRecords.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ModuleDecision<ChecklistResult> {
  return serviceRecords.evaluate(input, policy, ctx);
}

/**
 * A revisit plan (回访计划) checked: drawn up by the owner role and covering every trigger of the
 * kinds it must cover (S000B-FOLLOWUP-03). The call of `service.revisit` with `op: 'checkRevisitPlan'`.
 *
 * @param input - `{ plan, triggers }`
 * @param policy - a service policy with a `revisit` section (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` lists the problems (empty when complete)
 * @throws ZhiduError when the policy, the input or the context is refused (`duplicate` at
 *   `input.triggers[i].id` for a trigger listed twice)
 * @example
 * const policy = serviceRevisit.preset('s000b-property-revisit');
 * const plan = { createdByRole: 'propertyAssistant', items: [] };
 * checkRevisitPlan({ plan, triggers: [] }, policy, { now: '2024-03-01T10:00:00+08:00' }).value.result;
 * //=> ['PLAN_OWNER_MUST_BE_csSupervisor']
 */
export function checkRevisitPlan(
  input: Omit<Extract<z.input<typeof RevisitInputSchema>, { op: 'checkRevisitPlan' }>, 'op'>,
  policy: Parameters<typeof serviceRevisit.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ModuleDecision<string[]> {
  return serviceRevisit.evaluate(withOp('checkRevisitPlan', input), policy, ctx) as ModuleDecision<string[]>;
}

/**
 * Referral points (老顧客帶新顧客積分) per referrer: for each new customer brought to a meeting
 * (S001-REFERRAL-01) and per full sales unit bought on site at a club event (S001-REFERRAL-02). The
 * call of `service.referral` with `op: 'computeReferralPoints'`.
 *
 * @param input - `{ referrals, sales }`
 * @param policy - a service policy with a `referral` section (JSON, validated, compiled or a `PolicyHistory`)
 * @param ctx - the context (`now`, `zone` …)
 * @returns the module decision; `value.result` has the points of each referrer
 * @throws ZhiduError when the policy, the input or the context is refused (`duplicate` for a new
 *   customer referred twice or a sale listed twice, `unknown_reference` for a sale to an unreferred customer)
 * @example
 * const referrals = [
 *   {
 *     newCustomerId: 'N1',
 *     referrerId: 'O',
 *     referrerIsClubMember: true,
 *     attendances: [{ eventId: 'E1', at: '2024-03-01T10:00:00+08:00' }],
 *   },
 * ];
 * const sales = [{ id: 's1', newCustomerId: 'N1', eventId: 'E1', amount: yuan(2500), onSite: true }];
 * const policy = serviceReferral.preset('s001-conference-marketing');
 * computeReferralPoints({ referrals, sales }, policy, { now: '2024-03-02T10:00:00+08:00' }).value.result;
 * //=> [{ referrerId: 'O', attendancePoints: 100, salesPoints: 200, total: 300, rewardedNewCustomers: ['N1'] }]
 */
export function computeReferralPoints(
  input: Omit<Extract<z.input<typeof ReferralInputSchema>, { op: 'computeReferralPoints' }>, 'op'>,
  policy: Parameters<typeof serviceReferral.evaluate>[1],
  ctx: EvalContext | ContextInput,
): ModuleDecision<ReferrerPoints[]> {
  return serviceReferral.evaluate(withOp('computeReferralPoints', input), policy, ctx) as ModuleDecision<
    ReferrerPoints[]
  >;
}
