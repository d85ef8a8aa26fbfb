/**
 * Procedure I end to end for one customer and one joint event: CRM owner, the poaching window,
 * the divisions' claims against their shared-box lists, and the sale at the event.
 */
import { z } from 'zod';
import {
  auditParsedSharedBox,
  type Claim,
  type ClaimRuling,
  type ConferenceParams,
  ConferenceParamsSchema,
  claimsRulingParsed,
  DivisionSchema,
  eventSaleParsed,
  invitationDateOf,
  JointEventSchema,
  refuseRepeatedDivisions,
  ServiceActivitySchema,
  SubmissionSchema,
  serviceInadequacyOf,
} from './conference.js';
import {
  type Decision,
  type EvalContext,
  InstantSchema,
  parseInput,
  refuseRepeats,
  Trace,
  type Violation,
  ZhiduError,
} from './kernel.js';

/** Input of `resolveJointEvent`. */
export const JointEventCaseSchema = z.strictObject({
  customerId: z.string().min(1),
  event: JointEventSchema,
  divisions: z.array(DivisionSchema).min(2),
  staff: z.array(z.strictObject({ id: z.string().min(1), divisionId: z.string().min(1) })).min(1),
  crmOwner: z.strictObject({ employeeId: z.string().min(1), since: InstantSchema }),
  activities: z.array(ServiceActivitySchema).default([]),
  invitations: z.array(
    z.strictObject({
      at: InstantSchema,
      employeeId: z.string().min(1),
      confirmed: z.boolean(),
      role: z.enum(['invitee', 'speaker', 'mobilizer']).default('invitee'),
    }),
  ),
  submissions: z.array(SubmissionSchema).default([]),
  sale: z
    .strictObject({
      at: InstantSchema,
      helpers: z.array(z.string().min(1)).default([]),
      consentGiven: z.boolean().default(true),
      simultaneousPitch: z.boolean().default(false),
    })
    .optional(),
});
/** Input of `resolveJointEvent` before parsing. */
export type JointEventCaseInput = z.input<typeof JointEventCaseSchema>;

/** Outcome of `resolveJointEvent`. */
export type JointEventOutcome = {
  crmOwner: { employeeId: string; changed: boolean; task: 'reportToCustomerResourceDirector' | null };
  inadequateService: boolean;
  ruling: ClaimRuling | null;
  performance: Record<string, number>;
  violations: Violation[];
};

/**
 * Attribution of one customer at a joint event (Procedure I, catalog end-to-end example 6).
 *
 * @param input - customer, event, divisions, staff, CRM owner, service activities, invitations, lists, sale
 * @param params - conference-marketing parameters (e.g. `conferenceMarketing001`)
 * @param ctx - evaluation context
 * @returns the CRM owner, the winning division and the sale's performance, with violations
 * @example
 * // E1 (division 1) confirmed customer X on 10 June and listed it on time; E2 (division 2) invited X the next day.
 * const caseInput = {
 *   customerId: 'X',
 *   event: { id: 'J2', date: '2024-06-15', start: '19:00' },
 *   divisions: [{ id: 'division1', headId: 'H1' }, { id: 'division2', headId: 'H2' }],
 *   staff: [{ id: 'E1', divisionId: 'division1' }, { id: 'E2', divisionId: 'division2' }],
 *   crmOwner: { employeeId: 'E1', since: '2024-05-01T10:00+08:00' },
 *   invitations: [
 *     { at: '2024-06-10T14:00+08:00', employeeId: 'E1', confirmed: true },
 *     { at: '2024-06-11T10:00+08:00', employeeId: 'E2', confirmed: true },
 *   ],
 *   submissions: [
 *     { divisionId: 'division1', headId: 'H1', day: '2024-06-10', kind: 'confirmed' as const,
 *       submittedAt: '2024-06-10T17:00+08:00', entries: [{ customerId: 'X', employeeId: 'E1' }] },
 *   ],
 *   sale: { at: '2024-06-15T20:00+08:00' },
 * };
 * const d = jointEventOf(caseInput, conferenceMarketing001, makeContext({ now: '2024-06-16T00:00+08:00' }));
 * d.value.performance; //=> { E1: 100 }
 * d.value.ruling && 'winner' in d.value.ruling ? d.value.ruling.winner.divisionId : null; //=> 'division1'
 */
export function jointEventOf(
  input: JointEventCaseInput,
  params: ConferenceParams,
  ctx: EvalContext,
): Decision<JointEventOutcome> {
  const p = parseInput(ConferenceParamsSchema, params, ['params']);
  const c = parseInput(JointEventCaseSchema, input, ['input']);
  return judgeJointEvent(c, p, ctx);
}

/**
 * {@link jointEventOf} on a case parsed by `JointEventCaseSchema` and checked params: the module
 * `attribution.joint-event` has parsed both, and nothing in the case is parsed again (10^5 lists
 * were parsed four times). @internal
 */
export function judgeJointEvent(
  c: z.output<typeof JointEventCaseSchema>,
  p: ConferenceParams,
  ctx: EvalContext,
): Decision<JointEventOutcome> {
  const zone = ctx.zone;
  const trace = new Trace();
  refuseRepeatedDivisions(c.divisions, ['input', 'divisions']);
  // An employee listed twice (in two divisions, the last one won): refused as the sales log's roster is.
  refuseRepeats(
    c.staff,
    (s) => s.id,
    (i) => ['input', 'staff', i, 'id'],
    (id) => `员工编号 ${id} 重复列出 / staff id ${id} is listed twice`,
  );
  const divisionOf = new Map(c.staff.map((s) => [s.id, s.divisionId]));
  const div = (id: string, path: (string | number)[]): string => {
    const d = divisionOf.get(id);
    if (d === undefined)
      throw new ZhiduError(
        'unknown_reference',
        ['input', ...path],
        `未知员工 "${id}" / unknown employee "${id}"`,
      );
    return d;
  };
  const ownerDivision = div(c.crmOwner.employeeId, ['crmOwner', 'employeeId']);
  c.invitations.forEach((inv, i) => {
    div(inv.employeeId, ['invitations', i, 'employeeId']);
    const prev = c.invitations[i - 1];
    if (prev && inv.at < prev.at)
      throw new ZhiduError(
        'out_of_order',
        ['input', 'invitations', i, 'at'],
        '邀约记录须按时间顺序排列 / invitations must be in time order',
      );
  });

  const audit = auditParsedSharedBox({ event: c.event, divisions: c.divisions }, c.submissions, p, zone);
  const onTime = audit.value.statuses.filter((s) => s.status === 'onTime');

  // Step I-2: the poaching window (S001-ATTR-09) is judged when another department first invites.
  const firstForeign = c.invitations.find((inv) => divisionOf.get(inv.employeeId) !== ownerDivision);
  const inad = serviceInadequacyOf(c.crmOwner.since, firstForeign?.at ?? ctx.now, c.activities, p, zone);
  trace.entries.push(...inad.trace);
  let owner = c.crmOwner.employeeId;
  let changed = false;
  if (inad.value.inadequate && firstForeign) {
    owner = firstForeign.employeeId;
    changed = true;
    trace.add(
      'S001-ATTR-09',
      '001 L64 該員工應立即將該邀約的顧客檔案上報給顧客資源總監',
      `${firstForeign.employeeId}邀约服务不到位的顾客,须立即上报顾客资源总监变更档案`,
      `${firstForeign.employeeId} invited an inadequately served customer and must report to the Customer Resource Director, who changes the owner`,
    );
  }

  const claims: Claim[] = c.invitations.map((inv) => {
    const divisionId = div(inv.employeeId, []);
    const effectiveDate = invitationDateOf(inv.at, p, zone);
    const listed = c.submissions.some(
      (s) =>
        s.divisionId === divisionId &&
        s.day === effectiveDate &&
        (s.kind === 'confirmed' || s.kind === 'eventDay') &&
        s.entries.some((e) => e.customerId === c.customerId) &&
        onTime.some((o) => o.divisionId === divisionId && o.day === s.day && o.kind === s.kind),
    );
    trace.add(
      'S001-ATTR-03',
      '001 L36 每晚6點后再邀約算作第二天邀約',
      `${inv.employeeId}的邀约计为${effectiveDate}`,
      `${inv.employeeId}'s invitation counts for ${effectiveDate}`,
    );
    return {
      divisionId,
      employeeId: inv.employeeId,
      effectiveDate,
      listed,
      role: inv.role,
      confirmed: inv.confirmed,
    };
  });
  // K-I1: in the poaching window the owner's earlier claim does not block the other department.
  const effectiveClaims = inad.value.inadequate
    ? claims.filter((cl) => cl.divisionId !== ownerDivision || cl.employeeId === owner)
    : claims;
  const ruling = claimsRulingParsed(effectiveClaims, p);
  trace.entries.push(...ruling.trace);
  const violations: Violation[] = [];
  let performance: Record<string, number> = {};
  if (c.sale && ruling.value && 'winner' in ruling.value) {
    const sale = eventSaleParsed({
      customerId: c.customerId,
      at: c.sale.at,
      currentInviter: ruling.value.winner.employeeId,
      helpers: c.sale.helpers,
      consentGiven: c.sale.consentGiven,
      simultaneousPitch: c.sale.simultaneousPitch,
    });
    trace.entries.push(...sale.trace);
    performance = sale.value.performance;
    violations.push(...sale.value.violations);
  }
  return trace.decide({
    crmOwner: { employeeId: owner, changed, task: changed ? 'reportToCustomerResourceDirector' : null },
    inadequateService: inad.value.inadequate,
    ruling: ruling.value,
    performance,
    violations,
  });
}
