import {
  type Decision,
  describeValue,
  errorAt,
  isZhiduError,
  parseInput,
  Trace,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import type { TableInput } from '../decision-table/schema.js';
import { defineDecisionTable, runDecisionTable } from '../decision-table/table.js';
import { ActorSchema, paramsOf, SEED_001 } from '../shared.js';
import {
  type CreditGrade,
  CreditGradeParamsSchema,
  type CreditGradePolicy,
  CreditGradeSchema,
} from './policy.js';

/** A proposed change of a customer's credit grade. */
export const GradeChangeSchema = z.strictObject({
  customerId: z.string().min(1),
  from: CreditGradeSchema,
  to: CreditGradeSchema,
  proposedBy: ActorSchema,
  approvals: z.array(ActorSchema).default([]),
});

/**
 * Grade governance (S001-GRADE-02): finance reviews grades and proposes changes; a change takes
 * effect only when the sales manager and the marketing director have both approved, after which
 * salespeople apply the new terms. A salesperson cannot change a grade directly.
 *
 * @param change - the proposal and the approvals so far
 * @param policy - a credit-grade policy
 * @returns a decision: effective, the grade in force, and what is missing
 * @example
 * const grades = creditGradePolicy({ gradeCMaxLimit: yuan(10_000), presidentWhenOverBy: { numerator: 1, denominator: 5 } });
 * const change = {
 *   customerId: 'C-118',
 *   from: 'B' as const,
 *   to: 'C' as const,
 *   proposedBy: { personId: 'zhou', role: 'finance' },
 *   approvals: [{ personId: 'liu', role: 'salesManager' }],
 * };
 * gradeChangeOf(change, grades).value; //=> { effective: false, grade: 'B', missing: ['marketingDirector'], refused: false }
 * const director = { personId: 'he', role: 'marketingDirector' };
 * gradeChangeOf({ ...change, approvals: [...change.approvals, director] }, grades).value.grade; //=> 'C'
 */
export function gradeChangeOf(
  change: z.input<typeof GradeChangeSchema>,
  policy: CreditGradePolicy,
): Decision<{ effective: boolean; grade: CreditGrade; missing: string[]; refused: boolean }> {
  paramsOf(policy, CreditGradeParamsSchema);
  return gradeChangeParsed(parseInput(GradeChangeSchema, change, ['change']), policy);
}

/** {@link gradeChangeOf} on a change its module has parsed already (one parse, not two; issue 21). @internal */
export function gradeChangeParsed(
  c: z.output<typeof GradeChangeSchema>,
  policy: CreditGradePolicy,
): Decision<{ effective: boolean; grade: CreditGrade; missing: string[]; refused: boolean }> {
  const p = paramsOf(policy, CreditGradeParamsSchema);
  const clause = `${SEED_001} L248–L270 第3、8、9條`;
  const trace = new Trace();
  if (!p.gradeChangeProposers.includes(c.proposedBy.role)) {
    trace.add(
      'S001-GRADE-02',
      clause,
      `${c.proposedBy.role} 不能直接調整信用等級，只能向 ${p.gradeChangeProposers.join('、')} 提出建議`,
      `${c.proposedBy.role} cannot change a grade; only ${p.gradeChangeProposers.join(', ')} proposes, others suggest`,
      { proposedBy: c.proposedBy },
    );
    return trace.decide({ effective: false, grade: c.from, missing: [], refused: true });
  }
  const missing = p.gradeChangeApprovers.filter((role) => !c.approvals.some((a) => a.role === role));
  const effective = missing.length === 0;
  trace.add(
    'S001-GRADE-02',
    clause,
    effective
      ? `${c.customerId} 信用等級由 ${c.from} 調為 ${c.to}，已經 ${p.gradeChangeApprovers.join('、')} 審批`
      : `尚缺 ${missing.join('、')} 審批：仍為 ${c.from}`,
    effective
      ? `${c.customerId} moves from ${c.from} to ${c.to}, approved by ${p.gradeChangeApprovers.join(', ')}`
      : `awaiting ${missing.join(', ')}: still ${c.from}`,
    { missing },
  );
  return trace.decide({ effective, grade: effective ? c.to : c.from, missing, refused: false });
}

/**
 * What a credit event requires (S001-CREDIT-06 credit worsening → urgent report to the superior;
 * S001-CREDIT-08 an anomaly → report at once, supply may be held; S001-CREDIT-09 a dishonoured or
 * delayed bill → detailed report and recovery).
 *
 * @param event - `creditWorsened`, `anomalyFound` or `billDishonoured` (or a policy-defined event)
 * @param policy - a credit-grade policy
 * @returns a decision: the report to file and the follow-up tasks
 * @throws ZhiduError `invalid_input` for an event that is not a string; `unknown_reference` for an event
 *   the policy does not define
 * @example
 * const grades = creditGradePolicy({ gradeCMaxLimit: yuan(10_000), presidentWhenOverBy: { numerator: 1, denominator: 5 } });
 * const r = creditEventResponse('billDishonoured', grades).value;
 * r; //=> { report: 'detailed', to: 'superior', tasks: ['recoverPayment', 'awaitSuperiorInstruction'] }
 * creditEventResponse('customerMoved', grades); // throws ZhiduError unknown_reference
 */
export function creditEventResponse(
  event: string,
  policy: CreditGradePolicy,
): Decision<{ report: string; to: 'superior'; tasks: string[] }> {
  if (typeof event !== 'string')
    throw new ZhiduError(
      'invalid_input',
      ['event'],
      `信用事件须为字符串 / a credit event is a string, got ${describeValue(event)}`,
    );
  const p = paramsOf(policy, CreditGradeParamsSchema);
  const e = p.events.find((x) => x.event === event);
  if (e === undefined)
    throw new ZhiduError(
      'unknown_reference',
      ['event'],
      `制度未定义信用事件 "${event}" / the policy defines no credit event "${event}"`,
    );
  return new Trace()
    .add(
      e.rule,
      e.clause,
      `${event}：向上級主管作${e.report}報告；${e.tasks.join('、')}`,
      `${event}: ${e.report} report to the superior; ${e.tasks.join(', ')}`,
      {
        event: e,
      },
    )
    .decide({ report: e.report, to: 'superior', tasks: e.tasks });
}

/** A credit action a salesperson wants to take, with the instruction or report behind it. */
export const CreditActionSchema = z.strictObject({
  action: z.string().min(1),
  /** The superior's explicit instruction (上級主管的明確指示 / 批示). */
  instructedBy: ActorSchema.nullable().default(null),
  /** A report to the superior is on file (the emergency supply hold). */
  reportFiled: z.boolean().default(false),
});

/**
 * May this credit action be taken? Countermeasures on a worsening customer and ending the trading
 * relationship need the superior's explicit instruction — no unilateral action (S001-CREDIT-06/09);
 * a temporary supply hold is an emergency step allowed once the anomaly is reported (S001-CREDIT-08).
 *
 * @param request - the action and the instruction or report behind it
 * @param policy - a credit-grade policy
 * @returns a decision: allowed, and what is missing
 * @example
 * const grades = creditGradePolicy({ gradeCMaxLimit: yuan(10_000), presidentWhenOverBy: { numerator: 1, denominator: 5 } });
 * creditActionCheck({ action: 'restrictShipment' }, grades).value; //=> { allowed: false, missing: 'superiorInstruction' }
 * const instructedBy = { personId: 'liu', role: 'salesManager' };
 * creditActionCheck({ action: 'restrictShipment', instructedBy }, grades).value; //=> { allowed: true, missing: null }
 */
export function creditActionCheck(
  request: z.input<typeof CreditActionSchema>,
  policy: CreditGradePolicy,
): Decision<{ allowed: boolean; missing: 'superiorInstruction' | 'reportFiled' | null }> {
  paramsOf(policy, CreditGradeParamsSchema);
  return creditActionParsed(parseInput(CreditActionSchema, request, ['request']), policy);
}

/**
 * {@link creditActionCheck} on a request its module has parsed already (one parse, not two; issue
 * 21). @internal
 */
export function creditActionParsed(
  r: z.output<typeof CreditActionSchema>,
  policy: CreditGradePolicy,
): Decision<{ allowed: boolean; missing: 'superiorInstruction' | 'reportFiled' | null }> {
  const p = paramsOf(policy, CreditGradeParamsSchema);
  const rule = p.actions.find((a) => a.action === r.action);
  if (rule === undefined)
    throw new ZhiduError(
      'unknown_reference',
      ['request', 'action'],
      `制度未定义信用措施 "${r.action}" / the policy defines no credit action "${r.action}"`,
    );
  const needsInstruction = rule.requires === 'superiorInstruction';
  const ok = needsInstruction ? r.instructedBy !== null : r.reportFiled || r.instructedBy !== null;
  return new Trace()
    .add(
      rule.rule,
      rule.clause,
      ok
        ? `${r.action}：已具備${needsInstruction ? '上級明確指示' : '報告'}`
        : `${r.action}：${needsInstruction ? '須有上級主管明確指示，不得擅自處理' : '須先向上級報告'}`,
      ok
        ? `${r.action}: ${rule.requires} in place`
        : `${r.action}: needs ${needsInstruction ? "the superior's explicit instruction; no unilateral action" : 'a report to the superior first'}`,
      { action: r.action, instructedBy: r.instructedBy },
    )
    .decide({ allowed: ok, missing: ok ? null : rule.requires });
}

/**
 * Grades a customer A–D with the company's own grading table (the seed's table is missing, so a
 * company states it as data in `gradingTable`; S001-GRADE-01). The table's output column `grade`
 * must be A–D.
 *
 * @param facts - the table's input columns (e.g. years trading, late payments, capital)
 * @param policy - a credit-grade policy with a `gradingTable`
 * @param factsPath - where the facts are in the caller's input: a missing or mistyped column is cited
 *   below it (the module `credit.grade-assignment` gives `['input', 'facts']`); none by default
 * @returns a decision: the grade (null when no row matched and there is no default), with the table's trace
 * @throws ZhiduError `invalid_state` when the policy has no grading table; `invalid_input` for a non A–D output
 * @example
 * const grades = creditGradePolicy({
 *   gradeCMaxLimit: yuan(10_000),
 *   presidentWhenOverBy: { numerator: 1, denominator: 5 },
 *   gradingTable: {
 *     id: 'acme.creditGrade',
 *     hitPolicy: 'first',
 *     inputs: [
 *       { name: 'yearsTrading', type: 'number' },
 *       { name: 'latePayments', type: 'number' },
 *     ],
 *     outputs: [{ name: 'grade', type: 'string' }],
 *     rules: [
 *       { id: 'A', when: { yearsTrading: { gte: 5 }, latePayments: { equals: 0 } }, result: { grade: 'A' } },
 *       { id: 'D', when: { latePayments: { gte: 5 } }, result: { grade: 'D' } },
 *     ],
 *     defaultOutput: { grade: 'C' },
 *   },
 * });
 * assignCreditGrade({ yearsTrading: 6, latePayments: 0 }, grades).value; //=> { grade: 'A' }
 * assignCreditGrade({ yearsTrading: 2, latePayments: 1 }, grades).value; //=> { grade: 'C' }
 * // Without a table (the seed's is missing) finance sets the grade:
 * const noTable = creditGradePolicy({ gradeCMaxLimit: yuan(10_000), presidentWhenOverBy: { numerator: 1, denominator: 5 } });
 * assignCreditGrade({ yearsTrading: 6, latePayments: 0 }, noTable); // throws ZhiduError invalid_state
 */
export function assignCreditGrade(
  facts: TableInput,
  policy: CreditGradePolicy,
  factsPath: readonly (string | number)[] = [],
): Decision<{ grade: CreditGrade | null }> {
  const p = paramsOf(policy, CreditGradeParamsSchema);
  if (p.gradingTable === undefined) {
    throw new ZhiduError(
      'invalid_state',
      ['policy', 'params', 'gradingTable'],
      '制度没有评级表；原文略去了该表（“具體如下表所示”），等级由财务评定或由你提供的表确定 / the policy has no grading table; the seed leaves it out (具體如下表所示), so grades are set by finance or by a table you supply',
    );
  }
  const table = defineDecisionTable(p.gradingTable);
  let result: ReturnType<typeof runDecisionTable>;
  try {
    result = runDecisionTable(table, facts);
  } catch (e) {
    // A missing or mistyped column, cited where the caller's facts are.
    throw isZhiduError(e) && factsPath.length > 0 ? errorAt(e, [...factsPath, ...e.path]) : e;
  }
  const out = result.value.output?.grade;
  const grade =
    out === undefined ? null : parseInput(CreditGradeSchema, out, ['gradingTable', 'output', 'grade']);
  return new Trace()
    .append(result.trace)
    .add(
      'S001-GRADE-01',
      `${SEED_001} L254 第5條`,
      grade === null ? '評級表無結果：等級由財務部確定' : `依信用調查結果評為 ${grade} 級`,
      grade === null
        ? 'the grading table gave no grade: finance sets it'
        : `graded ${grade} from the credit investigation`,
      { grade },
    )
    .decide({ grade });
}
