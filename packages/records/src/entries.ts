import {
  compareInstants,
  type Decision,
  InstantSchema,
  localDateOf,
  parseInput,
  toEpochMs,
  Trace,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { type RecordsContext, resolveContext } from './context.js';
import type { RecordsPolicy } from './policy.js';

const IdSchema = z.string().min(1);
const S003 = '003_cb606191094b0008.txt';

/** One value in a customer file with its provenance (真实性: source; 动态性: updatedAt; 核实). */
export const FileEntrySchema = z.strictObject({
  field: IdSchema,
  value: z.unknown(),
  source: z.string().min(1).optional(),
  updatedAt: InstantSchema.optional(),
  verification: z.enum(['unverified', 'verified', 'disputed']).default('unverified'),
});
export type FileEntryInput = z.input<typeof FileEntrySchema>;

/**
 * Validates one file entry against the file principles of seed 003: a reliable source must be recorded
 * (真实性原则) and an update time (动态性原则); a value the customer disputes or shown untrue is flagged
 * (客户义务: 如实提供、接受核实).
 *
 * @param entry - field, value, source, updatedAt, verification status
 * @returns `{ valid, errors }` with errors `SOURCE_MISSING`, `UPDATED_AT_MISSING`, `DISPUTED`
 * @example
 * validateEntry({ field: 'contact', value: '13800000000', updatedAt: '2024-03-04T00:00:00Z' }).value;
 * //=> { valid: false, errors: ['SOURCE_MISSING'], verification: 'unverified' }
 */
export function validateEntry(
  entry: FileEntryInput,
): Decision<{ valid: boolean; errors: string[]; verification: 'unverified' | 'verified' | 'disputed' }> {
  const e = parseInput(FileEntrySchema, entry);
  const errors: string[] = [];
  const trace = new Trace();
  if (e.source === undefined) {
    errors.push('SOURCE_MISSING');
    trace.add('S003-ARCHIVE-01', `${S003} L9 §一.3`, `${e.field}未注明信息来源`, `${e.field} has no recorded source`);
  }
  if (e.updatedAt === undefined) {
    errors.push('UPDATED_AT_MISSING');
    trace.add('S003-ARCHIVE-01', `${S003} L9 §一.3`, `${e.field}无更新时间`, `${e.field} has no update time`);
  }
  if (e.verification === 'disputed') {
    errors.push('DISPUTED');
    trace.add('S003-ARCHIVE-14', `${S003} L9 §四.4`, `${e.field}经核实存疑`, `${e.field} is disputed after verification`);
  }
  if (errors.length === 0) trace.add('S003-ARCHIVE-01', `${S003} L9 §一.3`, `${e.field}符合建档原则`, `${e.field} meets the file principles`);
  return trace.decide({ valid: errors.length === 0, errors, verification: e.verification });
}

/**
 * Whether the periodic backup of the electronic archive is overdue (定期备份, S003-ARCHIVE-09). The seed
 * gives no frequency; the policy's `backupIntervalHours` must be set.
 *
 * @param lastBackupAt - when the last backup finished
 * @param policy - a records policy with `backupIntervalHours`
 * @param ctx - `{ now }`
 * @returns `{ overdue }`
 * @throws ZhiduError `invalid_input` when the policy sets no interval
 * @example
 * checkBackup('2024-03-04T01:00:00Z', policyWith24h, { now: '2024-03-05T02:00:00Z' }).value.overdue; //=> true
 */
export function checkBackup(lastBackupAt: string, policy: RecordsPolicy, ctx: RecordsContext): Decision<{ overdue: boolean }> {
  const time = resolveContext(ctx, policy);
  const hours = policy.params.backupIntervalHours;
  if (hours === null) {
    throw new ZhiduError('invalid_input', ['policy', 'params', 'backupIntervalHours'], `policy ${policy.id} sets no backup interval`);
  }
  const last = toEpochMs(lastBackupAt, ['lastBackupAt']);
  const overdue = toEpochMs(time.now) - last > hours * 3_600_000;
  return new Trace()
    .add('S003-ARCHIVE-09', `${S003} L9 §三.3`, overdue ? `超过${hours}小时未备份` : `${hours}小时内已备份`, overdue ? `No backup within ${hours} hours` : `Backed up within ${hours} hours`, {
      lastBackupAt,
    })
    .decide({ overdue });
}

/** Input of {@link archiveComplaintCase}. */
export const ComplaintCaseSchema = z.strictObject({
  caseId: IdSchema,
  state: IdSchema,
  closedAt: InstantSchema.optional(),
  archivist: z.strictObject({ id: IdSchema, roles: z.array(IdSchema) }),
});
export type ComplaintCaseInput = z.input<typeof ComplaintCaseSchema>;

/**
 * Files a closed complaint case into its yearly case volume (按年度建立案宗, S001B-ARCHIVE-03): only
 * administrative staff archive, and only closed cases; the volume is the local year of closure.
 *
 * @param input - the case, its state and closure instant, and who archives it
 * @param ctx - `{ now, zone? }`
 * @returns `{ archived, volumeYear }` (`archived: false` when the archivist is not administrative staff)
 * @throws ZhiduError `invalid_state` for a case that is not closed
 * @example
 * archiveComplaintCase({ caseId: 'K1', state: 'closed', closedAt: '2024-01-05T02:00:00Z',
 *   archivist: { id: 'a1', roles: ['adminStaff'] } }, { now: '2024-01-06T00:00:00Z' }).value.volumeYear; //=> 2024
 */
export function archiveComplaintCase(
  input: ComplaintCaseInput,
  ctx: RecordsContext,
): Decision<{ archived: boolean; volumeYear: number }> {
  const c = parseInput(ComplaintCaseSchema, input);
  const time = resolveContext(ctx);
  if (c.state !== 'closed' || c.closedAt === undefined) {
    throw new ZhiduError('invalid_state', ['state'], `case ${c.caseId} is ${c.state}; only closed cases are archived`);
  }
  if (compareInstants(c.closedAt, time.now) > 0) {
    throw new ZhiduError('out_of_order', ['closedAt'], 'a case cannot be archived before it closes');
  }
  const volumeYear = Number(localDateOf(c.closedAt, time.zone).slice(0, 4));
  const archived = c.archivist.roles.includes('adminStaff');
  return new Trace()
    .add(
      'S001B-ARCHIVE-03',
      '001_b5a166781b06eda6.txt L870',
      archived ? `结案材料归入${volumeYear}年度案宗` : '归档须由行政人员办理',
      archived ? `Case materials filed in the ${volumeYear} volume` : 'Only administrative staff may archive case materials',
      { volumeYear },
    )
    .decide({ archived, volumeYear });
}

/** Blacklists as they stand: the company list (营销事业部) and each department's list. */
export const BlacklistsSchema = z.strictObject({
  company: z.array(IdSchema).default([]),
  departments: z.record(IdSchema, z.array(IdSchema)).default({}),
});
export type BlacklistsInput = z.input<typeof BlacklistsSchema>;

/**
 * Whether a department may still do business with a customer (S001-ACCESS-08): not if the customer is
 * on the company blacklist (no department may), nor on that department's own list.
 *
 * @param customerId - the customer
 * @param departmentId - the sales department
 * @param blacklists - the company list and the department lists
 * @returns `{ allowed, listedBy }`
 * @example
 * canTransact('c1', 'X', { departments: { X: ['c1'] } }).value.allowed; //=> false
 */
export function canTransact(
  customerId: string,
  departmentId: string,
  blacklists: BlacklistsInput,
): Decision<{ allowed: boolean; listedBy: 'company' | 'department' | null }> {
  const lists = parseInput(BlacklistsSchema, blacklists, ['blacklists']);
  const clause = '001_b5a166781b06eda6.txt L654, L662';
  const listedBy = lists.company.includes(customerId)
    ? 'company'
    : (lists.departments[departmentId] ?? []).includes(customerId)
      ? 'department'
      : null;
  return new Trace()
    .add(
      'S001-ACCESS-08',
      clause,
      listedBy === null ? `${customerId}不在黑名单,${departmentId}可以交易` : `${customerId}在${listedBy === 'company' ? '公司' : '部门'}黑名单,${departmentId}不得交易`,
      listedBy === null ? `${customerId} is on no blacklist; ${departmentId} may trade` : `${customerId} is on the ${listedBy} blacklist; ${departmentId} may not trade`,
      { listedBy },
    )
    .decide({ allowed: listedBy === null, listedBy });
}
