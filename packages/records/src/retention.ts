import {
  addMonthsClamped,
  compareInstants,
  type Decision,
  InstantSchema,
  type LocalDate,
  LocalDateSchema,
  localDateOf,
  parseInput,
  Trace,
  violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { answerable, findFileType, type RecordsContext, resolveContext, type Violation } from './context.js';
import { ResponsibleSchema } from './handover.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';
import { IdSchema } from './schemas.js';

/** The module that emits the violations of `checkDestruction`. */
const DESTRUCTION = 'records.destruction';

/** Input of `checkDestruction`. */
export const DestructionInputSchema = z.strictObject({
  fileTypeId: IdSchema,
  fileId: IdSchema,
  /** The day the file was archived; the retention period runs from it (the catalog's recommended start). */
  archivedOn: LocalDateSchema,
  /** When destruction is requested (or was carried out); `ctx.now` when absent. */
  requestedAt: InstantSchema.optional(),
  approvals: z.array(z.strictObject({ role: IdSchema, approverId: IdSchema, at: InstantSchema })).default([]),
  /** Set when the file has actually been destroyed: the check then emits a violation if it should not have been. */
  destroyedAt: InstantSchema.optional(),
  destructionRecord: z.strictObject({ by: IdSchema, at: InstantSchema }).optional(),
  /** Who destroyed it (answerable when it was unauthorised). */
  responsible: ResponsibleSchema.optional(),
});
export type DestructionInput = z.input<typeof DestructionInputSchema>;

/** The value of a destruction check. */
export type DestructionResult = {
  fileId: string;
  allowed: boolean;
  /** First day destruction is possible: archive date + retention years (clamped, 2016-02-29 → 2026-02-28). */
  retentionEnd: LocalDate;
  /** `retentionNotExpired`, `approval:<role>`, `approvalOrder`, `destructionRecord`. */
  missing: string[];
  violations: Violation[];
};

/**
 * Checks a request to destroy an archived customer file (销毁): only after the retention period (保管期限,
 * e.g. 10 years from archiving), only with every approval in order (招商部负责人审核, then 总经理审批), and
 * with a destruction record (销毁记录). A destruction that already happened without all of this emits
 * `records.destruction.unauthorised`.
 *
 * @param input - file, archive date, approvals, and (if done) when it was destroyed and by whom
 * @param policyInput - a records policy whose file type has a retention rule
 * @param ctx - `{ now }`
 * @returns whether destruction is allowed, the retention end and what is missing
 * @throws ZhiduError `unknown_reference` for an unknown file type; `invalid_input` when the file type has no
 *   retention rule, or a destruction is reported without the person responsible
 * @example
 * destructionOf({ fileTypeId: 'leasingCustomerArchiveForm', fileId: 'A1', archivedOn: '2014-06-30',
 *   requestedAt: '2024-07-01T02:00:00Z', approvals: [
 *     { role: 'leasingHead', approverId: 'h1', at: '2024-07-01T01:00:00Z' },
 *     { role: 'generalManager', approverId: 'gm', at: '2024-07-01T01:30:00Z' }] },
 *   leasingArchivePreset, { now: '2024-07-01T03:00:00Z' }).value.allowed; //=> true
 */
export function destructionOf(
  input: DestructionInput,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<DestructionResult> {
  const policy = asRecordsPolicy(policyInput);
  return destructionParsed(parseInput(DestructionInputSchema, input), policy, ctx);
}

/** {@link destructionOf} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function destructionParsed(
  req: z.output<typeof DestructionInputSchema>,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): Decision<DestructionResult> {
  const time = resolveContext(ctx, policy);
  const fileType = findFileType(policy, req.fileTypeId, ['fileTypeId']);
  const retention = fileType.retention;
  if (!retention) {
    throw new ZhiduError(
      'invalid_input',
      ['fileTypeId'],
      `制度 ${policy.id} 中档案类型 ${fileType.id} 没有保管期限规定 / file type ${fileType.id} has no retention rule in policy ${policy.id}`,
    );
  }
  if (req.destroyedAt && !req.responsible) {
    throw new ZhiduError(
      'invalid_input',
      ['responsible'],
      '上报的档案销毁须注明责任人 / a reported destruction must name the person responsible',
    );
  }
  const at = req.destroyedAt ?? req.requestedAt ?? time.now;
  const trace = new Trace();
  const { rule, clause } = retention;
  const retentionEnd = addMonthsClamped(req.archivedOn, retention.years * 12);
  const day = localDateOf(at, time.zone);
  const missing: string[] = [];

  if (day < retentionEnd) {
    missing.push('retentionNotExpired');
    trace.add(
      rule,
      clause,
      `保管期限${retention.years}年至${retentionEnd}方届满,${day}不得销毁`,
      `Retention of ${retention.years} years runs until ${retentionEnd}; no destruction on ${day}`,
      {
        archivedOn: req.archivedOn,
        retentionEnd,
      },
    );
  } else {
    trace.add(rule, clause, `保管期限已于${retentionEnd}届满`, `Retention period ended on ${retentionEnd}`, {
      retentionEnd,
    });
  }

  let previous: string | undefined;
  for (const role of retention.destructionApprovals) {
    const approval = req.approvals.find((a) => a.role === role && compareInstants(a.at, at) <= 0);
    if (!approval) {
      missing.push(`approval:${role}`);
      trace.add(rule, clause, `缺少${role}的审批`, `Approval by ${role} is missing`, { role });
      continue;
    }
    if (previous !== undefined && compareInstants(approval.at, previous) < 0) {
      missing.push('approvalOrder');
      trace.add(rule, clause, `${role}的审批早于前一级审核`, `${role} approved before the previous step`, {
        role,
      });
    }
    previous = approval.at;
  }
  if (retention.destructionRecordRequired && req.destroyedAt && !req.destructionRecord) {
    missing.push('destructionRecord');
    trace.add(rule, clause, '未做销毁记录', 'No destruction record was made', {});
  }

  const allowed = missing.length === 0;
  const violations: Violation[] = [];
  if (req.destroyedAt && !allowed && req.responsible) {
    violations.push(
      violation(
        DESTRUCTION,
        { rule, clause },
        {
          code: 'records.destruction.unauthorised',
          ...answerable(req.responsible),
          occurredAt: req.destroyedAt,
          quantity: 1,
          subject: { kind: 'file', id: req.fileId },
          data: { missing, retentionEnd },
        },
      ),
    );
  }
  trace.add(
    rule,
    clause,
    allowed ? '可以销毁' : `不得销毁: ${missing.join(', ')}`,
    allowed ? 'Destruction allowed' : `Destruction not allowed: ${missing.join(', ')}`,
  );
  return trace.decide({ fileId: req.fileId, allowed, retentionEnd, missing, violations });
}

/** Input of `checkPurge`. */
export const PurgeInputSchema = z.strictObject({
  fileId: IdSchema,
  lastBusinessAt: InstantSchema,
  /** Contact attempts failed (已失去联系). */
  contactLost: z.boolean(),
  /** The administrator's verification before purging (清理前充分核实和确认). */
  verification: z.strictObject({ by: IdSchema, at: InstantSchema }).optional(),
});
export type PurgeInput = z.input<typeof PurgeInputSchema>;

/**
 * Whether a long-inactive, unreachable customer's file may be purged (清理) — to backup storage, never
 * deleted: both long inactivity (policy `purgeInactivityMonths`, no number in the seed) and lost contact,
 * and a recorded verification first.
 *
 * @param input - last business instant, lost contact, verification
 * @param policyInput - a records policy with `purgeInactivityMonths` set
 * @param ctx - `{ now }`
 * @returns `{ eligible, allowed, disposition: 'moveToBackup' | 'keep' }`
 * @throws ZhiduError `invalid_input` when the policy sets no inactivity threshold
 * @example
 * const policy = defineRecordsPolicy({ ...customerArchivePreset,
 *   params: { ...customerArchivePreset.params, purgeInactivityMonths: 36 } });
 * purgeOf({ fileId: 'C1', lastBusinessAt: '2020-01-10T00:00:00Z', contactLost: true,
 *   verification: { by: 'a1', at: '2024-03-04T01:00:00Z' } }, policy, { now: '2024-03-04T02:00:00Z' })
 *   .value.disposition; //=> 'moveToBackup'
 */
export function purgeOf(
  input: PurgeInput,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<{ eligible: boolean; allowed: boolean; disposition: 'moveToBackup' | 'keep' }> {
  const policy = asRecordsPolicy(policyInput);
  return purgeParsed(parseInput(PurgeInputSchema, input), policy, ctx);
}

/** {@link purgeOf} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function purgeParsed(
  req: z.output<typeof PurgeInputSchema>,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): Decision<{ eligible: boolean; allowed: boolean; disposition: 'moveToBackup' | 'keep' }> {
  const time = resolveContext(ctx, policy);
  const months = policy.params.purgeInactivityMonths;
  if (months === null) {
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'purgeInactivityMonths'],
      `制度 ${policy.id} 未规定不活跃期限（原文只写“长期”），请设定 purgeInactivityMonths / policy ${policy.id} sets no inactivity period (the seed says only 长期); set purgeInactivityMonths`,
    );
  }
  const rule = 'S003-ARCHIVE-12';
  const clause = '003_cb606191094b0008.txt L9 §三.5';
  const lastBusinessDay = localDateOf(req.lastBusinessAt, time.zone);
  const threshold = addMonthsClamped(lastBusinessDay, months);
  const inactive = localDateOf(time.now, time.zone) >= threshold;
  const eligible = inactive && req.contactLost;
  const allowed = eligible && req.verification !== undefined;
  const trace = new Trace().add(
    rule,
    clause,
    `最后业务往来${lastBusinessDay},满${months}个月于${threshold};失联: ${req.contactLost ? '是' : '否'};核实记录: ${req.verification ? '有' : '无'}`,
    `Last business ${lastBusinessDay}, ${months} months reached on ${threshold}; contact lost: ${req.contactLost}; verification: ${req.verification ? 'recorded' : 'missing'}`,
    { threshold, inactive, contactLost: req.contactLost },
  );
  trace.add(
    rule,
    clause,
    allowed ? '清理:数据转入备份存储,保留以备查询和审计' : '不得清理',
    allowed
      ? 'Purge: the data moves to backup storage, kept for queries and audits'
      : 'The file may not be purged',
  );
  return trace.decide({ eligible, allowed, disposition: allowed ? 'moveToBackup' : 'keep' });
}
