import { type Decision, parseInput, Trace, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { findFileType } from './context.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';
import { IdSchema } from './schemas.js';

/** Input of {@link openFile}. */
export const OpenFileInputSchema = z.strictObject({
  fileTypeId: IdSchema,
  /** The value of the file type's unique key (the VIN for 一车一档, the customer id for 档案户头). */
  key: IdSchema,
  /** Files already open: their type, key and id. */
  existing: z.array(z.strictObject({ fileTypeId: IdSchema, key: IdSchema, fileId: IdSchema })).default([]),
});
export type OpenFileInput = z.input<typeof OpenFileInputSchema>;

/**
 * Opens a file for a vehicle or customer, or returns the one that exists: one file per vehicle
 * (一车一档, S000-ARCHIVE-04), one archive account per new customer (每发展一个新客户,均应建立客户档案户头,
 * S000B-ARCHIVE-07), one closed-deal entry per customer (S000B-ARCHIVE-01). The new id is
 * deterministic: `<fileTypeId>:<key>`.
 *
 * @param input - file type, key, and the files already open
 * @param policyInput - a records policy
 * @returns `{ fileId, created }`
 * @throws ZhiduError `invalid_input` when the file type has no unique key; `duplicate` when the existing
 *   list already holds two files for the key
 * @example
 * openFile({ fileTypeId: 'newCarSalesFile', key: 'LSV123', existing: [
 *   { fileTypeId: 'newCarSalesFile', key: 'LSV123', fileId: 'F-7' }] }, dealerFilesPreset).value
 * //=> { fileId: 'F-7', created: false }
 */
export function openFile(
  input: OpenFileInput,
  policyInput: RecordsPolicyLike,
): Decision<{ fileId: string; created: boolean }> {
  const policy = asRecordsPolicy(policyInput);
  return openFileParsed(parseInput(OpenFileInputSchema, input), policy);
}

/** {@link openFile} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function openFileParsed(
  req: z.output<typeof OpenFileInputSchema>,
  policy: RecordsPolicy,
): Decision<{ fileId: string; created: boolean }> {
  const fileType = findFileType(policy, req.fileTypeId, ['fileTypeId']);
  if (!fileType.uniqueKey) {
    throw new ZhiduError(
      'invalid_input',
      ['fileTypeId'],
      `档案类型 ${fileType.id} 没有唯一键 / file type ${fileType.id} has no unique key`,
    );
  }
  const same = req.existing.filter((f) => f.fileTypeId === fileType.id && f.key === req.key);
  if (same.length > 1) {
    throw new ZhiduError(
      'duplicate',
      ['existing'],
      `${fileType.uniqueKey} ${req.key} 已有 ${same.length} 份档案 / ${same.length} files already exist for ${fileType.uniqueKey} ${req.key}`,
    );
  }
  const trace = new Trace();
  const found = same[0];
  if (found) {
    trace.add(
      fileType.rule,
      fileType.clause,
      `${fileType.uniqueKey} ${req.key}已有档案${found.fileId},不重复建档`,
      `A file already exists for ${fileType.uniqueKey} ${req.key} (${found.fileId}); no duplicate is created`,
    );
    return trace.decide({ fileId: found.fileId, created: false });
  }
  const fileId = `${fileType.id}:${req.key}`;
  trace.add(
    fileType.rule,
    fileType.clause,
    `为${fileType.uniqueKey} ${req.key}新建档案`,
    `New file opened for ${fileType.uniqueKey} ${req.key}`,
    { fileId },
  );
  return trace.decide({ fileId, created: true });
}

/** A customer record from one channel or department, for {@link matchCustomer}. */
export const CustomerRecordSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1),
  phones: z.array(z.string()).default([]),
  idCard: z.string().optional(),
  address: z.string().optional(),
});
export type CustomerRecordInput = z.input<typeof CustomerRecordSchema>;

const digits = (s: string): string => s.replace(/\D/g, '');

/**
 * Finds the file a customer record belongs to, so that records from different channels and departments
 * end in one consistent file (同一客户的信息保持一致性, S003-ARCHIVE-08). Match keys in order: a normalised
 * phone number, else the ID-card number, else name + address. A record matching two files is ambiguous
 * and is returned with `ambiguous: true` for the administrator.
 *
 * @param record - the incoming record
 * @param files - the existing files' identity records
 * @returns `{ fileId, matchedOn, ambiguous }` (`fileId` null when new)
 * @example
 * matchCustomer({ id: 'r', name: '李四', phones: ['139-1234-5678'] },
 *   [{ id: 'F1', name: '李四', phones: ['13912345678'] }]).value.fileId; //=> 'F1'
 */
export function matchCustomer(
  record: CustomerRecordInput,
  files: readonly CustomerRecordInput[],
): Decision<{
  fileId: string | null;
  matchedOn: 'phone' | 'idCard' | 'nameAndAddress' | null;
  ambiguous: boolean;
}> {
  const r = parseInput(CustomerRecordSchema, record, ['record']);
  const fs = files.map((f, i) => parseInput(CustomerRecordSchema, f, ['files', i]));
  const rule = 'S003-ARCHIVE-08';
  const clause = '003_cb606191094b0008.txt L9 §三.2';
  const phones = new Set(r.phones.map(digits).filter((p) => p.length > 0));
  const keys = [
    ['phone', (f: (typeof fs)[number]) => f.phones.some((p) => phones.has(digits(p)))],
    [
      'idCard',
      (f: (typeof fs)[number]) =>
        r.idCard !== undefined && f.idCard?.toUpperCase() === r.idCard.toUpperCase(),
    ],
    [
      'nameAndAddress',
      (f: (typeof fs)[number]) => r.address !== undefined && f.name === r.name && f.address === r.address,
    ],
  ] as const;
  const trace = new Trace();
  for (const [matchedOn, test] of keys) {
    const hits = fs.filter(test);
    const first = hits[0];
    if (!first) continue;
    const ambiguous = hits.length > 1;
    trace.add(
      rule,
      clause,
      `按${matchedOn}匹配到${hits.map((h) => h.id).join(', ')}`,
      `Matched on ${matchedOn}: ${hits.map((h) => h.id).join(', ')}`,
      { ambiguous },
    );
    return trace.decide({ fileId: first.id, matchedOn, ambiguous });
  }
  trace.add(rule, clause, '未匹配到已有档案,应新建', 'No existing file matches; a new file is needed');
  return trace.decide({ fileId: null, matchedOn: null, ambiguous: false });
}
