import { type Decision, maskIdCard, maskPhone, Trace, ZhiduError } from '@zhidu/core';
import { type AccessDecision, decideAccess } from './access.js';
import type { AccessRequestInput } from './access-schema.js';
import { findFileType, type RecordsContext } from './context.js';
import type { RecordsPolicy } from './policy.js';
import type { FieldDef, FileType } from './schemas.js';

/** Rule id of the masking step in the trace. */
export const MASKING_RULE = 'records.access.masking';

/** A file record as stored: field id → value. */
export type FileRecord = Record<string, unknown>;

/** Who will see a serialised record: staff inside the company, or a partner / third party. */
export type Readership = 'internal' | 'partner' | 'external';

/**
 * Masks a value the way the sensitivity of its field asks: a phone as `138****1234`, an ID card as
 * `1101**********1234`, other personal data fully. Values the core maskers refuse (a landline, a
 * foreign number) are masked generically rather than leaked.
 *
 * @param value - the stored value
 * @param sensitivity - the field's sensitivity
 * @returns the masked value
 * @example
 * maskValue('13812341234', 'phone'); //=> '138****1234'
 */
export function maskValue(value: unknown, sensitivity: NonNullable<FieldDef['sensitive']>): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value !== 'string') return '***';
  try {
    if (sensitivity === 'phone') return maskPhone(value);
    if (sensitivity === 'idCard') return maskIdCard(value);
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
  }
  if (sensitivity !== 'personal' && value.length > 7) {
    return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
  }
  return '*'.repeat(Math.max(3, value.length));
}

/**
 * Removes internal-only fields (e.g. a partner's grade, 分级结果为公司内部使用,不对合作伙伴公开) from a
 * record that leaves the company, and masks sensitive fields unless they are listed as unmasked.
 *
 * @param record - the stored record
 * @param fileType - its file type (which fields are sensitive or internal-only)
 * @param readership - who will see it
 * @param unmaskedFields - sensitive fields this reader is authorised to see in clear
 * @returns a new record, safe for that readership
 * @example
 * const partnerType = findFileType(partnerArchivePreset, 'partnerArchive', []);
 * redactRecord({ partnerName: 'X', grade: 'B' }, partnerType, 'partner', []); //=> { partnerName: 'X' }
 */
export function redactRecord(
  record: FileRecord,
  fileType: FileType,
  readership: Readership,
  unmaskedFields: readonly string[],
): FileRecord {
  const defs = new Map(fileType.fields.map((f) => [f.id, f]));
  const out: FileRecord = {};
  for (const [key, value] of Object.entries(record)) {
    const def = defs.get(key);
    if (def?.internalOnly && readership !== 'internal') continue;
    out[key] = def?.sensitive && !unmaskedFields.includes(key) ? maskValue(value, def.sensitive) : value;
  }
  return out;
}

/** The value of {@link readFile}: the access decision and, when allowed, the record as this reader may see it. */
export type ReadResult = AccessDecision & { record: FileRecord | null };

/**
 * Reads a file for a reader: decides access (every decision logged in the trace), then returns only the
 * requested fields, with internal-only fields dropped for outside readers and phone and ID-card numbers
 * masked unless the reader is authorised to see them.
 *
 * @param request - the access request (action `view`, `copy`, `disclose` or `share`)
 * @param record - the stored record
 * @param policy - a records policy
 * @param ctx - `{ now }`
 * @returns the access decision and the redacted record (`null` when denied)
 * @example
 * const d = readFile({ actor: { id: 'u1', roles: ['archiveAdmin'] }, action: 'view',
 *   file: { id: 'C1', fileTypeId: 'customerArchive003' } }, { name: '李四', contact: '13912345678' },
 *   customerArchivePreset, { now: '2024-03-06T02:00:00Z' });
 * d.value.record; //=> { name: '李四', contact: '13912345678' } (the administrator sees numbers in clear)
 */
export function readFile(
  request: AccessRequestInput,
  record: FileRecord,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): Decision<ReadResult> {
  const decision = decideAccess(request, policy, ctx);
  const fileType = findFileType(policy, request.file.fileTypeId, ['file', 'fileTypeId']);
  const trace = new Trace();
  trace.append(decision.trace);
  if (!decision.value.allowed) return trace.decide({ ...decision.value, record: null });
  const requested = request.fields;
  const selected = requested
    ? Object.fromEntries(Object.entries(record).filter(([k]) => requested.includes(k)))
    : record;
  const readership: Readership =
    request.recipient === undefined
      ? 'internal'
      : request.recipient.kind === 'partner'
        ? 'partner'
        : 'external';
  const masked = fileType.fields
    .filter((f) => f.sensitive && f.id in selected && !decision.value.unmaskedFields.includes(f.id))
    .map((f) => f.id);
  const dropped =
    readership === 'internal'
      ? []
      : fileType.fields.filter((f) => f.internalOnly && f.id in selected).map((f) => f.id);
  trace.add(
    MASKING_RULE,
    undefined,
    `脱敏字段: ${masked.join(', ') || '无'}; 仅限内部的字段不对外: ${dropped.join(', ') || '无'}`,
    `Masked (reader not authorised): ${masked.join(', ') || 'none'}; internal-only fields withheld: ${dropped.join(', ') || 'none'}`,
    { masked, dropped },
  );
  return trace.decide({
    ...decision.value,
    record: redactRecord(selected, fileType, readership, decision.value.unmaskedFields),
  });
}
