import {
  addDays,
  compareInstants,
  type Decision,
  daysBetween,
  type InstantInput,
  LocalDateSchema,
  ownValue,
  parseInput,
  toInstant,
  ZhiduError,
} from '@zhidu/core';
import {
  AppraisalArg,
  CommitmentReportArg,
  MinutesArg,
  NoticeCustomersArg,
  PreApprovalArg,
  RegistrationArg,
  StringArg,
  StringListArg,
  VisitListArg,
  VisitsArg,
} from '../inputs.js';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, isPresent, requireSection } from '../shared.js';

function salesSection(policy: ServicePolicy) {
  return requireSection(paramsOf(policy).sales, 'sales');
}
const cite = (c: { rule: string; clause: string } | undefined, rule: string, clause: string) =>
  c ?? { rule, clause };

/**
 * Visit quota status for a sales position (拜访次数): required visits come from the policy (the
 * seeds give no numbers); an unconfigured position requires 0 and is flagged (S001B-FOLLOWUP-12,
 * S000B-FOLLOWUP-15).
 *
 * @param position - sales position
 * @param actualVisits - visits made in the month
 * @param policy - a service policy with a `sales` section
 * @returns `{ required, actual, shortfall, met, flags }`
 * @example
 * // The seed gives no numbers: an unconfigured position requires 0 and is flagged.
 * visitQuotaStatus('salesRep', 12, s001bSalesVisitPolicy).value.flags; //=> ['UNCONFIGURED']
 * const policy = defineServicePolicy({
 *   ...s001bSalesVisitPolicy,
 *   params: { ...s001bSalesVisitPolicy.params, sales: { ...s001bSalesVisitPolicy.params.sales, visitQuotas: { salesRep: 20 } } },
 * });
 * visitQuotaStatus('salesRep', 12, policy).value; //=> { required: 20, actual: 12, shortfall: 8, met: false, flags: [] }
 */
export function visitQuotaStatus(
  position: string,
  actualVisits: number,
  policy: ServicePolicy,
): Decision<{ required: number; actual: number; shortfall: number; met: boolean; flags: string[] }> {
  parseInput(StringArg, position, ['position']);
  return visitQuotaParsed(position, actualVisits, policy);
}

/** {@link visitQuotaStatus} on a position its module has parsed already (one parse, not two; issue 21). @internal */
export function visitQuotaParsed(
  position: string,
  actualVisits: number,
  policy: ServicePolicy,
): Decision<{ required: number; actual: number; shortfall: number; met: boolean; flags: string[] }> {
  const s = salesSection(policy);
  if (!Number.isInteger(actualVisits) || actualVisits < 0)
    throw new ZhiduError(
      'invalid_input',
      ['actualVisits'],
      '拜访次数须为非负整数 / visits must be a non-negative integer',
    );
  const q = ownValue(s.visitQuotas, position);
  const required = q ?? 0;
  const shortfall = Math.max(0, required - actualVisits);
  const flags = q === undefined ? ['UNCONFIGURED'] : [];
  return {
    value: { required, actual: actualVisits, shortfall, met: shortfall === 0, flags },
    trace: [
      entry(
        cite(s.citations.quota, 'S001B-FOLLOWUP-12', '001 L784'),
        q === undefined
          ? `岗位${position}未设定拜访次数`
          : `岗位${position}应拜访${required}次,实际${actualVisits}次`,
        q === undefined
          ? `no visit quota configured for ${position}`
          : `${position} needs ${required} visits; made ${actualVisits}`,
      ),
    ],
  };
}

/** An activity that needs advance application (gift, entertainment, expenses). */
export type PreApproval = { kind: string; appliedAt?: InstantInput; approvedAt?: InstantInput };

/**
 * Checks that gifts, entertainment and expenses for a visit were applied for — and approved, where
 * the policy requires — before the visit, and that the visited organisation was contacted first
 * (S000B-FOLLOWUP-17, S001B-FOLLOWUP-15).
 *
 * @param visit - `{ visitAt, priorContactAt?, items }`
 * @param policy - a service policy with a `sales` section
 * @returns error codes (e.g. `entertainment:NOT_PRE_APPROVED`, `PRIOR_CONTACT_REQUIRED`)
 * @example
 * preApprovalCheck(
 *   {
 *     visitAt: '2024-03-06T10:00:00+08:00',
 *     priorContactAt: '2024-03-01T10:00:00+08:00',
 *     items: [{ kind: 'entertainment', appliedAt: '2024-03-05T10:00:00+08:00', approvedAt: '2024-03-07T10:00:00+08:00' }],
 *   },
 *   s001bSalesVisitPolicy,
 * ).value; //=> ['entertainment:NOT_PRE_APPROVED']
 */
export function preApprovalCheck(
  visit: { visitAt: InstantInput; priorContactAt?: InstantInput; items: readonly PreApproval[] },
  policy: ServicePolicy,
): Decision<string[]> {
  parseInput(PreApprovalArg, visit, ['visit']);
  return preApprovalParsed(visit, policy);
}

/** {@link preApprovalCheck} on a visit its module has parsed already (one parse, not two; issue 21). @internal */
export function preApprovalParsed(
  visit: { visitAt: InstantInput; priorContactAt?: InstantInput; items: readonly PreApproval[] },
  policy: ServicePolicy,
): Decision<string[]> {
  const s = salesSection(policy);
  const at = toInstant(visit.visitAt, ['visit', 'visitAt']);
  const errors: string[] = [];
  if (visit.priorContactAt === undefined || compareInstants(toInstant(visit.priorContactAt), at) > 0)
    errors.push('PRIOR_CONTACT_REQUIRED');
  visit.items.forEach((it, i) => {
    if (!s.preApprovalKinds.includes(it.kind)) return;
    const applied =
      it.appliedAt === undefined ? null : toInstant(it.appliedAt, ['visit', 'items', i, 'appliedAt']);
    const approved =
      it.approvedAt === undefined ? null : toInstant(it.approvedAt, ['visit', 'items', i, 'approvedAt']);
    const gate = s.approvalRequiredBeforeActivity ? approved : applied;
    if (gate === null || compareInstants(gate, at) > 0) errors.push(`${it.kind}:NOT_PRE_APPROVED`);
  });
  return {
    value: errors,
    trace: [
      entry(
        cite(s.citations.preApproval, 'S000B-FOLLOWUP-17', '000 L1397'),
        errors.length ? `拜访前准备不符:${errors.join('、')}` : '拜访前已联系并提前申请',
        errors.length
          ? `visit preparation problems: ${errors.join(', ')}`
          : 'contacted and applied in advance',
      ),
    ],
  };
}

/**
 * Checks a visit list: every customer once, each with a specific purpose (S001B-FOLLOWUP-02).
 *
 * @param entries - `{ customerId, purpose? }[]`
 * @param policy - a service policy with a `sales` section
 * @returns errors like `C2: PURPOSE_REQUIRED`, `C1: DUPLICATE_CUSTOMER`
 * @example
 * validateVisitList(
 *   [{ customerId: 'C1', purpose: '介绍新型号' }, { customerId: 'C2', purpose: '' }, { customerId: 'C1', purpose: '回收货款' }],
 *   s001bSalesVisitPolicy,
 * ).value; //=> ['C2: PURPOSE_REQUIRED', 'C1: DUPLICATE_CUSTOMER']
 */
export function validateVisitList(
  entries: readonly { customerId: string; purpose?: string }[],
  policy: ServicePolicy,
): Decision<string[]> {
  parseInput(VisitListArg, entries, ['entries']);
  return visitListParsed(entries, policy);
}

/** {@link validateVisitList} on entries its module has parsed already (one parse, not two; issue 21). @internal */
export function visitListParsed(
  entries: readonly { customerId: string; purpose?: string }[],
  policy: ServicePolicy,
): Decision<string[]> {
  const citation = paramsOf(policy).sales?.citations.visitList ?? paramsOf(policy).revisit?.citations.plan;
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.customerId)) errors.push(`${e.customerId}: DUPLICATE_CUSTOMER`);
    else if (!isPresent(e.purpose)) errors.push(`${e.customerId}: PURPOSE_REQUIRED`);
    seen.add(e.customerId);
  }
  return {
    value: errors,
    trace: [
      entry(
        cite(citation, 'S001B-FOLLOWUP-02', '001 L682'),
        errors.length ? `拜访名单有误:${errors.join('、')}` : '拜访名单及目的齐全',
        errors.length ? `visit list problems: ${errors.join(', ')}` : 'visit list complete',
      ),
    ],
  };
}

/** A tracked commitment made during a visit. */
export type CommitmentTask = {
  id: string;
  visitId: string;
  ownerId: string;
  text: string;
  status: 'OPEN';
  createdAt: string;
};

/**
 * Turns commitments made during a visit into tracked tasks at once (即时跟踪), owned by the visitor
 * (S001B-FOLLOWUP-17).
 *
 * @param report - `{ visitId, visitorId, commitments }`
 * @param now - when the report is recorded
 * @param policy - a service policy with a `sales` section
 * @returns one open task per commitment
 * @example
 * const tasks = commitmentTasks(
 *   { visitId: 'V-0306', visitorId: 'li', commitments: ['send quotation', 'arrange a factory visit'] },
 *   '2024-03-06T17:00:00+08:00',
 *   s001bSalesVisitPolicy,
 * ).value;
 * tasks.length; //=> 2
 * tasks[0].status; //=> 'OPEN'
 * tasks[0].ownerId; //=> 'li'
 */
export function commitmentTasks(
  report: { visitId: string; visitorId: string; commitments: readonly string[] },
  now: InstantInput,
  policy: ServicePolicy,
): Decision<CommitmentTask[]> {
  parseInput(CommitmentReportArg, report, ['report']);
  return commitmentTasksParsed(report, now, policy);
}

/** {@link commitmentTasks} on a report its module has parsed already (one parse, not two; issue 21). @internal */
export function commitmentTasksParsed(
  report: { visitId: string; visitorId: string; commitments: readonly string[] },
  now: InstantInput,
  policy: ServicePolicy,
): Decision<CommitmentTask[]> {
  const s = salesSection(policy);
  const createdAt = toInstant(now, ['now']);
  const tasks = report.commitments.map((text, i) => {
    if (!isPresent(text))
      throw new ZhiduError(
        'invalid_input',
        ['report', 'commitments', i],
        '承诺事项须有内容 / a commitment needs a text',
      );
    return {
      id: `${report.visitId}#${i + 1}`,
      visitId: report.visitId,
      ownerId: report.visitorId,
      text,
      status: 'OPEN' as const,
      createdAt,
    };
  });
  return {
    value: tasks,
    trace: [
      entry(
        cite(s.citations.commitments, 'S001B-FOLLOWUP-17', '001 L818'),
        `拜访中答应事项${tasks.length}项已立即转为跟踪任务`,
        `${tasks.length} commitment(s) became tracked tasks`,
      ),
    ],
  };
}

/** What {@link appraisalInputs} reads: the statuses of the reports, commitments and plans of a period. */
export type AppraisalStatuses = {
  reportStatuses: readonly string[];
  commitments: readonly ('OPEN' | 'CLOSED')[];
  planStatuses: readonly string[];
};

/** What {@link appraisalInputs} counts for the appraisal (S001B-FOLLOWUP-*). */
export type AppraisalCounts = {
  reportsDue: number;
  reportsOnTime: number;
  commitmentsOpened: number;
  commitmentsClosed: number;
  plansOnTime: number;
};

/**
 * Appraisal inputs from follow-up work (拜访后续作业列入考核): reports due and on time, commitments
 * opened and closed, plans on time. The seeds give no weights, so only the metrics are exposed
 * (S001B-FOLLOWUP-18, S000B-FOLLOWUP-18).
 *
 * @param input - counts taken from `measureProgramme` and the commitment tasks
 * @param policy - a service policy with a `sales` section
 * @returns the metrics
 * @example
 * appraisalInputs(
 *   { reportStatuses: ['done', 'doneLate', 'overdue'], commitments: ['OPEN', 'CLOSED'], planStatuses: ['done'] },
 *   s001bSalesVisitPolicy,
 * ).value; //=> { reportsDue: 3, reportsOnTime: 1, commitmentsOpened: 2, commitmentsClosed: 1, plansOnTime: 1 }
 */
export function appraisalInputs(input: AppraisalStatuses, policy: ServicePolicy): Decision<AppraisalCounts> {
  parseInput(AppraisalArg, input, ['input']);
  return appraisalInputsParsed(input, policy);
}

/** {@link appraisalInputs} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function appraisalInputsParsed(
  input: AppraisalStatuses,
  policy: ServicePolicy,
): Decision<AppraisalCounts> {
  const s = salesSection(policy);
  const value = {
    reportsDue: input.reportStatuses.length,
    reportsOnTime: input.reportStatuses.filter((x) => x === 'done').length,
    commitmentsOpened: input.commitments.length,
    commitmentsClosed: input.commitments.filter((x) => x === 'CLOSED').length,
    plansOnTime: input.planStatuses.filter((x) => x === 'done').length,
  };
  return {
    value,
    trace: [
      entry(
        cite(s.citations.appraisal, 'S001B-FOLLOWUP-18', '001 L820'),
        '拜访后续作业结果列入员工考核',
        'follow-up results feed the appraisal',
        value,
      ),
    ],
  };
}

/**
 * Removes customers visited the configured number of times ("5次以上", inclusive) without result
 * since their last order from the visit plan (S001-FOLLOW-05).
 *
 * @param plan - customer ids on the plan
 * @param visits - `{ customerId, at, resulted }` (an order or deal resets the count)
 * @param policy - a service policy with a `sales` section
 * @returns `{ kept, removed }`
 * @example
 * // Five visits since the last order without result: the customer leaves the plan (S001-FOLLOW-05).
 * const visits = ['03-01', '03-05', '03-08', '03-12', '03-15'].map((d) => ({
 *   customerId: 'C-07',
 *   at: `2024-${d}T10:00:00+08:00`,
 *   resulted: false,
 * }));
 * pruneVisitPlan(['C-07', 'C-08'], visits, s001CreditManagementPolicy).value; //=> { kept: ['C-08'], removed: ['C-07'] }
 */
export function pruneVisitPlan(
  plan: readonly string[],
  visits: readonly { customerId: string; at: InstantInput; resulted: boolean }[],
  policy: ServicePolicy,
): Decision<{ kept: string[]; removed: string[] }> {
  parseInput(StringListArg, plan, ['plan']);
  parseInput(VisitsArg, visits, ['visits']);
  return pruneVisitPlanParsed(plan, visits, policy);
}

/** {@link pruneVisitPlan} on a plan and visits its module has parsed already (one parse, not two; issue 21). @internal */
export function pruneVisitPlanParsed(
  plan: readonly string[],
  visits: readonly { customerId: string; at: InstantInput; resulted: boolean }[],
  policy: ServicePolicy,
): Decision<{ kept: string[]; removed: string[] }> {
  const s = salesSection(policy);
  const limit = s.pruneAfterFruitlessVisits;
  if (limit === null)
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'sales', 'pruneAfterFruitlessVisits'],
      '本制度未设定无效拜访淘汰次数 / no pruning threshold in this policy',
    );
  const sorted = visits
    .map((v, i) => ({ ...v, t: toInstant(v.at, ['visits', i, 'at']) }))
    .sort((a, b) => compareInstants(a.t, b.t));
  const fruitless = new Map<string, number>();
  for (const v of sorted)
    fruitless.set(v.customerId, v.resulted ? 0 : (fruitless.get(v.customerId) ?? 0) + 1);
  const removed = plan.filter((c) => (fruitless.get(c) ?? 0) >= limit);
  const kept = plan.filter((c) => !removed.includes(c));
  return {
    value: { kept, removed },
    trace: [
      entry(
        cite(s.citations.prune, 'S001-FOLLOW-05', '001 L320'),
        `访问${limit}次以上无实效的${removed.length}位客户从计划中删除`,
        `${removed.length} customer(s) with ${limit}+ fruitless visits removed from the plan`,
      ),
    ],
  };
}

/**
 * Whether a customer needs a tracking form (客戶追蹤表) kept by the sales supervisor: A and B intent grades (S001-FOLLOW-02).
 *
 * @param intentGrade - the salesperson's intent grade
 * @param policy - a service policy with a `sales` section
 * @returns true when required
 * @example
 * trackingFormRequired('A', s001SalesOfficePolicy).value; //=> true
 */
export function trackingFormRequired(intentGrade: string, policy: ServicePolicy): Decision<boolean> {
  parseInput(StringArg, intentGrade, ['intentGrade']);
  return trackingFormParsed(intentGrade, policy);
}

/** {@link trackingFormRequired} on a grade its module has parsed already (one parse, not two; issue 21). @internal */
export function trackingFormParsed(intentGrade: string, policy: ServicePolicy): Decision<boolean> {
  const s = salesSection(policy);
  const req = s.trackingFormGrades.includes(intentGrade);
  return {
    value: req,
    trace: [
      entry(
        cite(s.citations.trackingForm, 'S001-FOLLOW-02', '001 L144'),
        req ? `${intentGrade}类客户须填写客户追踪表` : `${intentGrade}类客户无须追踪表`,
        req ? `grade ${intentGrade} needs a tracking form` : `grade ${intentGrade} needs no tracking form`,
      ),
    ],
  };
}

/**
 * When the sales supervisor's next periodic check of the tracking forms is due (S001-FOLLOW-02,
 * 001 L144 由銷售主任保管…定期檢查): the last check plus `sales.supervisorCheckPeriodDays` calendar
 * days, or `null` when the policy states no period (the seed gives none).
 *
 * @param lastCheck - the date of the last check, `YYYY-MM-DD`
 * @param policy - a service policy with a `sales` section
 * @returns the due date, or null when no period is configured
 * @throws ZhiduError `invalid_date` at `lastCheck` for a date that is not `YYYY-MM-DD`
 * @example
 * const weekly = { ...s001SalesOfficePolicy, params: { ...s001SalesOfficePolicy.params,
 *   sales: { ...s001SalesOfficePolicy.params.sales!, supervisorCheckPeriodDays: 7 } } };
 * supervisorCheckDue('2024-03-01', weekly).value; //=> '2024-03-08'
 * supervisorCheckDue('2024-03-01', s001SalesOfficePolicy).value; //=> null
 */
export function supervisorCheckDue(lastCheck: string, policy: ServicePolicy): Decision<string | null> {
  return supervisorCheckParsed(parseInput(LocalDateSchema, lastCheck, ['lastCheck']), policy);
}

/** {@link supervisorCheckDue} on a date its module has parsed already (one parse, not two; issue 21). @internal */
export function supervisorCheckParsed(last: string, policy: ServicePolicy): Decision<string | null> {
  const s = salesSection(policy);
  const days = s.supervisorCheckPeriodDays;
  const due = days === null ? null : addDays(last, days);
  const c = cite(s.citations.supervisorCheck ?? s.citations.trackingForm, 'S001-FOLLOW-02', '001 L144');
  return {
    value: due,
    trace: [
      entry(
        c,
        due === null
          ? '制度未规定销售主任定期检查的周期,不计算到期日'
          : `销售主任每${days}天检查客户追踪表,上次${last},下次${due}前`,
        due === null
          ? 'The policy states no period for the supervisor’s checks: no due date'
          : `The supervisor checks the tracking forms every ${days} days: last ${last}, next due ${due}`,
      ),
    ],
  };
}

/**
 * Whether a registration is corroborated by the same day's evening-meeting minutes (S001-FOLLOW-01).
 *
 * @param registration - `{ salespersonId, customerId, date }`
 * @param minutes - entries of the manager's minutes `{ date, salespersonId, customerId }`
 * @param policy - a service policy with a `sales` section
 * @returns true when reported at that day's meeting
 * @example
 * const registration = { salespersonId: 'wang', customerId: 'C-21', date: '2024-03-01' };
 * isCorroborated(registration, [{ date: '2024-03-01', salespersonId: 'wang', customerId: 'C-21' }], s001SalesOfficePolicy).value; //=> true
 * isCorroborated(registration, [{ date: '2024-03-02', salespersonId: 'wang', customerId: 'C-21' }], s001SalesOfficePolicy).value; //=> false
 */
export function isCorroborated(
  registration: { salespersonId: string; customerId: string; date: string },
  minutes: readonly { date: string; salespersonId: string; customerId: string }[],
  policy: ServicePolicy,
): Decision<boolean> {
  parseInput(RegistrationArg, registration, ['registration']);
  parseInput(MinutesArg, minutes, ['minutes']);
  return corroboratedParsed(registration, minutes, policy);
}

/** {@link isCorroborated} on a registration and minutes its module has parsed already (one parse, not two; issue 21). @internal */
export function corroboratedParsed(
  registration: { salespersonId: string; customerId: string; date: string },
  minutes: readonly { date: string; salespersonId: string; customerId: string }[],
  policy: ServicePolicy,
): Decision<boolean> {
  const s = salesSection(policy);
  const ok = minutes.some(
    (m) =>
      m.date === registration.date &&
      m.salespersonId === registration.salespersonId &&
      m.customerId === registration.customerId,
  );
  return {
    value: ok,
    trace: [
      entry(
        cite(s.citations.corroboration, 'S001-FOLLOW-01', '001 L126'),
        ok ? '当晚例会记录可佐证登记' : '当晚例会记录中无此客户',
        ok ? 'corroborated by that evening’s minutes' : 'not in that evening’s minutes',
      ),
    ],
  };
}

/** A customer {@link dailyNotices} reads: the rep, and the dates that call for a notice. */
export type NoticeCustomer = {
  id: string;
  rep: string;
  invite?: boolean;
  signingDate?: string;
  paymentDueDates?: readonly string[];
};

/** One notice {@link dailyNotices} gives a rep for the day. */
export type DailyNotice = {
  type: 'invite' | 'signNotice' | 'paymentNotice';
  customerId: string;
  rep: string;
};

/**
 * The manager's daily notices (S001-FOLLOW-04): invite, signing notice for deals signing within the
 * lead days, payment notice for instalments due within the lead days.
 *
 * @param date - today (local date)
 * @param customers - `{ id, rep, invite?, signingDate?, paymentDueDates? }`
 * @param policy - a service policy with `sales.noticeLeadDays`
 * @returns tasks
 * @throws ZhiduError `invalid_input` when no lead time is configured (the seed gives none)
 * @example
 * // The seed gives no lead time: a company sets one (here 3 days) before notices can be listed.
 * dailyNotices('2024-03-01', [], s001SalesOfficePolicy); // throws ZhiduError invalid_input
 * const policy = defineServicePolicy({
 *   ...s001SalesOfficePolicy,
 *   params: { ...s001SalesOfficePolicy.params, sales: { ...s001SalesOfficePolicy.params.sales, noticeLeadDays: 3 } },
 * });
 * const notices = dailyNotices('2024-03-01', [{ id: 'C-31', rep: 'zhao', signingDate: '2024-03-02' }], policy).value;
 * notices; //=> [{ type: 'signNotice', customerId: 'C-31', rep: 'zhao' }]
 */
export function dailyNotices(
  date: string,
  customers: readonly NoticeCustomer[],
  policy: ServicePolicy,
): Decision<DailyNotice[]> {
  parseInput(NoticeCustomersArg, customers, ['customers']);
  noticeLeadDays(policy);
  parseInput(LocalDateSchema, date, ['date']);
  return dailyNoticesParsed(date, customers, policy);
}

/** The sales section and its notice lead days, refused when the policy sets none. */
function noticeLeadDays(policy: ServicePolicy): { s: ReturnType<typeof salesSection>; lead: number } {
  const s = salesSection(policy);
  if (s.noticeLeadDays === null)
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'sales', 'noticeLeadDays'],
      '制度未规定通知提前天数，请自行设定 / the regulation gives no notice lead time; configure one',
    );
  return { s, lead: s.noticeLeadDays };
}

/** {@link dailyNotices} on a date and customers its module has parsed already (one parse, not two; issue 21). @internal */
export function dailyNoticesParsed(
  date: string,
  customers: readonly NoticeCustomer[],
  policy: ServicePolicy,
): Decision<DailyNotice[]> {
  const { s, lead } = noticeLeadDays(policy);
  const within = (d: string): boolean => d >= date && daysBetween(date, d) <= lead;
  const tasks: DailyNotice[] = [];
  for (const c of customers) {
    if (c.invite === true) tasks.push({ type: 'invite', customerId: c.id, rep: c.rep });
    if (c.signingDate !== undefined && within(c.signingDate))
      tasks.push({ type: 'signNotice', customerId: c.id, rep: c.rep });
    if ((c.paymentDueDates ?? []).some(within))
      tasks.push({ type: 'paymentNotice', customerId: c.id, rep: c.rep });
  }
  return {
    value: tasks,
    trace: [
      entry(
        cite(s.citations.dailyTasks, 'S001-FOLLOW-04', '001 L138'),
        `经理每日组织邀约、签约及交款通知${tasks.length}项`,
        `${tasks.length} daily invitation/signing/payment notice(s)`,
      ),
    ],
  };
}
