import { type Decision, InstantSchema, parseInput, Trace, toEpochMs, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { type RecordsContext, resolveContext } from './context.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';
import { IdSchema } from './schemas.js';

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
 * validateEntry({ field: 'contact', value: '13800000000', updatedAt: '2024-03-04T00:00:00Z' }).value
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
    trace.add(
      'S003-ARCHIVE-01',
      `${S003} L9 §一.3`,
      `${e.field}未注明信息来源`,
      `${e.field} has no recorded source`,
    );
  }
  if (e.updatedAt === undefined) {
    errors.push('UPDATED_AT_MISSING');
    trace.add('S003-ARCHIVE-01', `${S003} L9 §一.3`, `${e.field}无更新时间`, `${e.field} has no update time`);
  }
  if (e.verification === 'disputed') {
    errors.push('DISPUTED');
    trace.add(
      'S003-ARCHIVE-14',
      `${S003} L9 §四.4`,
      `${e.field}经核实存疑`,
      `${e.field} is disputed after verification`,
    );
  }
  if (errors.length === 0)
    trace.add(
      'S003-ARCHIVE-01',
      `${S003} L9 §一.3`,
      `${e.field}符合建档原则`,
      `${e.field} meets the file principles`,
    );
  return trace.decide({ valid: errors.length === 0, errors, verification: e.verification });
}

/**
 * The citation of a duty as the policy states it: its own rule (a `{ rule, clause }` field of the
 * params), else the policy's citation of the value (`citations['/params/…']`), else the policy itself
 * (`fallbackRule`, clause: the policy's source title and clause). Never a seed's clause the policy
 * does not state.
 *
 * @param policy - the records policy
 * @param own - the duty's own citation field, `null` when unset
 * @param pointer - the JSON pointer of the value in the policy
 * @param fallbackRule - the rule id used with the policy's source
 * @returns the rule and clause to cite
 * @example
 * policyCitation(customerArchivePreset, null, '/params/backupIntervalHours', 'records.backup').rule;
 * //=> 'S003-ARCHIVE-09' (the preset states its backup rule)
 */
export function policyCitation(
  policy: RecordsPolicy,
  own: { rule: string; clause: string } | null,
  pointer: string,
  fallbackRule: string,
): { rule: string; clause: string } {
  if (own !== null) return own;
  const cited = policy.citations?.[pointer];
  if (cited !== undefined) return { rule: cited.rule, clause: cited.clause ?? policy.source.title };
  const { title, clause } = policy.source;
  return { rule: fallbackRule, clause: clause === undefined ? title : `${title} ${clause}` };
}

/**
 * Whether the periodic backup of the electronic archive is overdue (定期备份, S003-ARCHIVE-09). The seed
 * gives no frequency; the policy's `backupIntervalHours` must be set. The trace cites the policy's
 * `backupRule`, else its citation of `/params/backupIntervalHours`, else its own source.
 *
 * @param lastBackupAt - when the last backup finished
 * @param policyInput - a records policy with `backupIntervalHours`
 * @param ctx - `{ now }`
 * @returns `{ overdue }`
 * @throws ZhiduError `invalid_input` when the policy sets no interval
 * @example
 * const policy = defineRecordsPolicy({ ...customerArchivePreset,
 *   params: { ...customerArchivePreset.params, backupIntervalHours: 24 } });
 * backupState('2024-03-04T01:00:00Z', policy, { now: '2024-03-05T02:00:00Z' }).value.overdue; //=> true
 */
export function backupState(
  lastBackupAt: string,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<{ overdue: boolean }> {
  const policy = asRecordsPolicy(policyInput);
  const time = resolveContext(ctx, policy);
  const hours = policy.params.backupIntervalHours;
  if (hours === null) {
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'backupIntervalHours'],
      `制度 ${policy.id} 未规定备份间隔 / policy ${policy.id} sets no backup interval`,
    );
  }
  const last = toEpochMs(lastBackupAt, ['lastBackupAt']);
  const overdue = toEpochMs(time.now) - last > hours * 3_600_000;
  const cite = policyCitation(
    policy,
    policy.params.backupRule,
    '/params/backupIntervalHours',
    'records.backup',
  );
  return new Trace()
    .add(
      cite.rule,
      cite.clause,
      overdue ? `超过${hours}小时未备份` : `${hours}小时内已备份`,
      overdue ? `No backup within ${hours} hours` : `Backed up within ${hours} hours`,
      {
        lastBackupAt,
      },
    )
    .decide({ overdue });
}
