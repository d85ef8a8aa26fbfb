// The implementation before issue 21's prepared file types and batch entry points, kept verbatim
// (imports aside) as the oracle of the property tests in batch.test.ts: the new paths must decide
// every file exactly as this one did. Not exported by the package.
import {
  type Decision,
  InstantSchema,
  nearestKey,
  parseInput,
  recordOf,
  Trace,
  violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import {
  findFileType,
  type RecordsContext,
  refuseUnknownHolders,
  resolveContext,
  type Violation,
} from '../context.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from '../policy.js';
import { type DocumentDef, type FieldDef, type FileType, IdSchema } from '../schemas.js';
import { ResponsibleSchema } from './handover.js';

/** The module that emits the violations of `checkCompleteness`. */
const COMPLETENESS = 'records.completeness';

const SignatureStatusSchema = z.enum(['ok', 'missing', 'wrong']);
const FieldValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.unknown()),
  recordOf(z.string(), z.unknown()),
  z.null(),
]);

/** Input of `checkCompleteness`: what the file administrator found in the file bag or record. */
export const CompletenessInputSchema = z.strictObject({
  fileTypeId: IdSchema,
  fileId: IdSchema,
  responsible: ResponsibleSchema,
  /** Flags that switch conditional items on (e.g. `requiresExtraDocs`, `organization`). */
  flags: recordOf(IdSchema, z.boolean()).default({}),
  documents: z
    .array(
      z.strictObject({
        id: IdSchema,
        /** Defects of a document that is there: 不完整 / 错误 / 不符合要求. */
        defects: z.array(z.enum(['incomplete', 'error', 'nonconforming'])).default([]),
        signatures: z
          .strictObject({
            customer: SignatureStatusSchema.optional(),
            staff: SignatureStatusSchema.optional(),
          })
          .default({}),
        fields: recordOf(IdSchema, z.string()).default({}),
      }),
    )
    .default([]),
  fields: recordOf(IdSchema, FieldValueSchema).default({}),
  media: z.strictObject({ paper: z.boolean().optional(), electronic: z.boolean().optional() }).default({}),
  copies: z.array(z.strictObject({ holder: IdSchema, count: z.number().int().min(0) })).default([]),
  /** When the administrator checked (and ordered correction); `ctx.now` when absent. */
  checkedAt: InstantSchema.optional(),
  /** When the gaps were made good (S000-PENALTY-09 prices each working day without correction). */
  correctedAt: InstantSchema.optional(),
});
export type CompletenessInput = z.input<typeof CompletenessInputSchema>;

/** What is wrong with a file, item by item. */
export type CompletenessResult = {
  fileId: string;
  complete: boolean;
  missingDocuments: string[];
  defectiveDocuments: { id: string; defects: string[] }[];
  missingCustomerSignatures: string[];
  missingStaffSignatures: string[];
  missingFields: string[];
  invalidFields: { id: string; reason: 'pattern' | 'oneOf' | 'inconsistent' }[];
  missingMedia: ('paper' | 'electronic')[];
  missingCopies: { holder: string; missing: number }[];
  /** Filled fields out of all declared fields (a collection-progress figure, not a pass mark). */
  filledCount: number;
  totalFields: number;
  violations: Violation[];
};

type Parsed = z.output<typeof CompletenessInputSchema>;
type ParsedDoc = Parsed['documents'][number];

/**
 * Checks a customer file against its file type (档案构成): missing documents and fields, defective
 * documents, missing or wrong customer and staff signatures, missing paper/electronic form, missing
 * copies and broken arithmetic (余额 = 房价 − 定金). Every gap becomes a core `Violation`
 * (`records.item.missing`, `records.item.defective`, `records.signature.missing`,
 * `records.signature.staffMissing`, `records.medium.missing`) that @zhidu/penalty prices per item.
 *
 * @param input - the file as found: documents with their defects and signatures, field values, media, copies
 * @param policyInput - a records policy
 * @param ctx - `{ now }`; `now` stamps the violations when `checkedAt` is absent
 * @returns the gaps item by item and the violations, with one trace entry per finding
 * @throws ZhiduError `unknown_reference` for an unknown file type, document or field; `duplicate` for a
 *   document listed twice; `invalid_input` for a negative copy count
 * @example
 * const d = completenessOf({
 *   fileTypeId: 'afterSalesMaintenanceFile', fileId: 'RO-1', responsible: { personId: 'sa1', role: 'serviceAdvisor' },
 *   documents: [
 *     { id: 'receptionSheet', signatures: { customer: 'ok', staff: 'ok' } },
 *     { id: 'taskOrder', signatures: { customer: 'missing', staff: 'ok' } },
 *     { id: 'settlementSheet', signatures: { customer: 'ok', staff: 'ok' } },
 *   ],
 *   media: { paper: true, electronic: true },
 * }, dealerFilesPreset, { now: '2024-03-06T02:00:00Z' });
 * d.value.missingDocuments; //=> ['freeCheck12']
 * d.value.missingCustomerSignatures; //=> ['taskOrder']
 */
export function completenessOf(
  input: CompletenessInput,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<CompletenessResult> {
  const policy = asRecordsPolicy(policyInput);
  return completenessOfParsed(parseInput(CompletenessInputSchema, input), policy, ctx);
}

/**
 * `completenessOf` on an input already validated by `CompletenessInputSchema` (the module's input, parsed once by
 * the module) and a validated policy: the same decision, without validating the input again.
 *
 * @internal
 */
export function completenessOfParsed(
  parsed: Parsed,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): Decision<CompletenessResult> {
  const time = resolveContext(ctx, policy);
  const fileType = findFileType(policy, parsed.fileTypeId, ['fileTypeId']);
  const trace = new Trace();
  const { rule, clause } = fileType;

  // A flag no conditional item of the file type reads is a typo (`organisation`), refused rather than
  // ignored: ignoring it would silently leave the conditional item not required.
  const knownFlags = [...new Set(fileType.documents.flatMap((d) => (d.when ? [d.when.flag] : [])))];
  for (const flag of Object.keys(parsed.flags)) {
    if (knownFlags.includes(flag)) continue;
    const near = nearestKey(flag, knownFlags);
    throw new ZhiduError(
      'unknown_key',
      ['flags', flag],
      `"${flag}" 不是${fileType.id}的条件标记${near ? `;是否应为 \`${near}\`?` : ''} / "${flag}" is not a flag of ${fileType.id} (known: ${knownFlags.join(', ') || 'none'})${near ? `; did you mean \`${near}\`?` : ''}`,
    );
  }
  const docsById = indexDocuments(fileType, parsed.documents);
  const missingDocuments: string[] = [];
  const defectiveDocuments: { id: string; defects: string[] }[] = [];
  const missingCustomerSignatures: string[] = [];
  const missingStaffSignatures: string[] = [];

  for (const def of fileType.documents) {
    if (def.when && parsed.flags[def.when.flag] !== def.when.equals) continue;
    const found = [def.id, ...def.acceptedAs].map((id) => docsById.get(id)).find((d) => d !== undefined);
    if (!found) {
      missingDocuments.push(def.id);
      trace.add(rule, clause, `缺少${def.name.zh}`, `Missing: ${def.name.en}`, { item: def.id });
      continue;
    }
    const fieldDefects = documentFieldDefects(def, found, parsed.documents.indexOf(found));
    const defects = [...found.defects, ...fieldDefects];
    if (defects.length > 0) {
      defectiveDocuments.push({ id: def.id, defects });
      // In Chinese a field's defect is said with its Chinese name (客户姓名缺失); the codes stay in the value and data.
      const zh = [...found.defects, ...fieldDefects.map((d) => fieldDefectZh(def, d))];
      trace.add(
        rule,
        clause,
        `${def.name.zh}不完整或有误: ${zh.join('、')}`,
        `${def.name.en} is defective: ${defects.join(', ')}`,
        {
          item: def.id,
          defects,
        },
      );
    }
    for (const signer of def.signatures) {
      const status = found.signatures[signer] ?? 'missing';
      if (status === 'ok') continue;
      (signer === 'customer' ? missingCustomerSignatures : missingStaffSignatures).push(def.id);
      const who =
        signer === 'customer'
          ? { zh: '用户签名', en: 'customer signature' }
          : { zh: '内部人员签名', en: 'staff signature' };
      trace.add(
        rule,
        clause,
        `${def.name.zh}${status === 'wrong' ? '签名错误' : `无${who.zh}`}`,
        `${def.name.en}: ${who.en} ${status === 'wrong' ? 'wrong' : 'missing'}`,
        { item: def.id, signer, status },
      );
    }
  }

  const { missingFields, invalidFields, filledCount } = checkFields(fileType, parsed, trace);
  const missingMedia = fileType.media.filter((m) => parsed.media[m] !== true);
  for (const m of missingMedia) {
    trace.add(
      rule,
      clause,
      `缺少${m === 'paper' ? '纸质档案' : '电子档案'}`,
      `The ${m} form of the file is missing`,
      { medium: m },
    );
  }
  // A copy for a holder the file type does not name is refused, as the module refuses it.
  refuseUnknownHolders(parsed.copies, fileType);
  const missingCopies = fileType.copies
    .map((c) => ({ holder: c.holder, missing: c.count - sumCopies(parsed.copies, c.holder) }))
    .filter((c) => c.missing > 0);
  for (const c of missingCopies) {
    trace.add(
      rule,
      clause,
      `${c.holder}份数不足,缺${c.missing}份`,
      `${c.missing} copy/copies missing for ${c.holder}`,
      c,
    );
  }

  const complete =
    missingDocuments.length +
      defectiveDocuments.length +
      missingCustomerSignatures.length +
      missingStaffSignatures.length +
      missingFields.length +
      invalidFields.length +
      missingMedia.length +
      missingCopies.length ===
    0;
  if (complete) trace.add(rule, clause, `${fileType.name.zh}齐全`, `${fileType.name.en} is complete`);

  const at = parsed.checkedAt ?? time.now;
  // The person who hands the file over answers for its contents (S000-PENALTY-02/05 fine the handing role).
  const role = parsed.responsible.role ?? fileType.handover[0]?.from;
  const emit = (code: string, quantity: number, items: unknown): Violation[] =>
    quantity === 0
      ? []
      : [
          violation(
            COMPLETENESS,
            { rule, clause },
            {
              code,
              personId: parsed.responsible.personId,
              ...(role ? { role } : {}),
              ...(parsed.responsible.departmentId ? { departmentId: parsed.responsible.departmentId } : {}),
              occurredAt: at,
              quantity,
              subject: { kind: 'file', id: parsed.fileId },
              ...(parsed.correctedAt ? { correctedAt: parsed.correctedAt } : {}),
              data: { fileTypeId: fileType.id, items },
            },
          ),
        ];
  const missingCopyCount = missingCopies.reduce((n, c) => n + c.missing, 0);
  const violations = [
    ...emit('records.item.missing', missingDocuments.length + missingFields.length + missingCopyCount, [
      ...missingDocuments,
      ...missingFields,
      ...missingCopies.map((c) => `copy:${c.holder}`),
    ]),
    ...emit('records.item.defective', defectiveDocuments.length + invalidFields.length, [
      ...defectiveDocuments.map((d) => d.id),
      ...invalidFields.map((f) => f.id),
    ]),
    ...emit('records.signature.missing', missingCustomerSignatures.length, missingCustomerSignatures),
    ...emit('records.signature.staffMissing', missingStaffSignatures.length, missingStaffSignatures),
    ...emit('records.medium.missing', missingMedia.length, missingMedia),
  ];

  return trace.decide({
    fileId: parsed.fileId,
    complete,
    missingDocuments,
    defectiveDocuments,
    missingCustomerSignatures,
    missingStaffSignatures,
    missingFields,
    invalidFields,
    missingMedia,
    missingCopies,
    filledCount,
    totalFields: fileType.fields.length,
    violations,
  });
}

// Document ids a file type accepts, computed once per (immutable, validated) file type.
const knownIds = new WeakMap<FileType, ReadonlySet<string>>();

function indexDocuments(fileType: FileType, docs: readonly ParsedDoc[]): Map<string, ParsedDoc> {
  let known = knownIds.get(fileType);
  if (!known) {
    known = new Set(fileType.documents.flatMap((d) => [d.id, ...d.acceptedAs]));
    knownIds.set(fileType, known);
  }
  const byId = new Map<string, ParsedDoc>();
  docs.forEach((doc, i) => {
    if (!known.has(doc.id)) {
      throw new ZhiduError(
        'unknown_reference',
        ['documents', i, 'id'],
        `"${doc.id}" 不是 ${fileType.id} 档案的文件 / "${doc.id}" is not a document of ${fileType.id}`,
      );
    }
    if (byId.has(doc.id)) {
      throw new ZhiduError(
        'duplicate',
        ['documents', i, 'id'],
        `文件 "${doc.id}" 重复列出 / document "${doc.id}" is listed twice`,
      );
    }
    byId.set(doc.id, doc);
  });
  return byId;
}

// A field's pattern compiled once per (immutable, validated) field definition, not once per check.
const patterns = new WeakMap<{ pattern?: string | undefined }, RegExp>();

function matchesPattern(field: { pattern?: string | undefined }, value: string): boolean {
  if (field.pattern === undefined) return true;
  let re = patterns.get(field);
  if (!re) {
    re = new RegExp(field.pattern);
    patterns.set(field, re);
  }
  return re.test(value);
}

function documentFieldDefects(def: DocumentDef, doc: ParsedDoc, index: number): string[] {
  // A value under a field the document does not declare is a typo (`landlne`), refused rather than ignored.
  const declared = def.fields.map((f) => f.id);
  for (const key of Object.keys(doc.fields)) {
    if (declared.includes(key)) continue;
    const near = nearestKey(key, declared);
    throw new ZhiduError(
      'unknown_key',
      ['documents', index, 'fields', key],
      `"${key}" 不是${def.name.zh}的字段${near ? `;是否应为 \`${near}\`?` : ''} / "${key}" is not a field of ${def.name.en} (known: ${declared.join(', ') || 'none'})${near ? `; did you mean \`${near}\`?` : ''}`,
    );
  }
  const defects: string[] = [];
  for (const f of def.fields) {
    const value = doc.fields[f.id];
    if (value === undefined || value === '') {
      if (f.required) defects.push(`${f.id}:missing`);
    } else if (!matchesPattern(f, value)) {
      defects.push(`${f.id}:format`);
    }
  }
  return defects;
}

/** A field defect code (`mobile:missing`, `mobile:format`) in Chinese, with the field's Chinese name. */
function fieldDefectZh(def: DocumentDef, code: string): string {
  const at = code.lastIndexOf(':');
  const field = def.fields.find((f) => f.id === code.slice(0, at));
  if (field === undefined) return code;
  return `${field.name.zh}${code.slice(at + 1) === 'missing' ? '缺失' : '格式不符'}`;
}

function isFilled(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function checkFields(fileType: FileType, parsed: Parsed, trace: Trace) {
  const defs = new Map<string, FieldDef>(fileType.fields.map((f) => [f.id, f]));
  for (const key of Object.keys(parsed.fields)) {
    if (!defs.has(key)) {
      throw new ZhiduError(
        'unknown_reference',
        ['fields', key],
        `"${key}" 不是 ${fileType.id} 档案的字段 / "${key}" is not a field of ${fileType.id}`,
      );
    }
  }
  const missingFields: string[] = [];
  const invalidFields: { id: string; reason: 'pattern' | 'oneOf' | 'inconsistent' }[] = [];
  let filledCount = 0;
  for (const f of fileType.fields) {
    const value = parsed.fields[f.id];
    const declined = value === 'declined';
    const filled = isFilled(value) && (!declined || f.allowDeclined);
    if (filled) filledCount += 1;
    if (!filled) {
      if (f.required) {
        missingFields.push(f.id);
        trace.add(fileType.rule, fileType.clause, `缺少字段${f.name.zh}`, `Missing field: ${f.name.en}`, {
          field: f.id,
        });
      }
      continue;
    }
    if (typeof value !== 'string' || declined) continue;
    if (!matchesPattern(f, value)) {
      invalidFields.push({ id: f.id, reason: 'pattern' });
      trace.add(fileType.rule, fileType.clause, `${f.name.zh}格式错误`, `${f.name.en} has a wrong format`, {
        field: f.id,
      });
    } else if (f.oneOf && !f.oneOf.includes(value)) {
      invalidFields.push({ id: f.id, reason: 'oneOf' });
      trace.add(
        fileType.rule,
        fileType.clause,
        `${f.name.zh}取值不在${f.oneOf.join('/')}之内`,
        `${f.name.en} must be one of ${f.oneOf.join(', ')}`,
        { field: f.id, value },
      );
    }
  }
  for (const c of fileType.consistency) {
    const [a, b] = c.equalsDifferenceOf;
    const [v, x, y] = [parsed.fields[c.field], parsed.fields[a], parsed.fields[b]];
    if (typeof v === 'number' && typeof x === 'number' && typeof y === 'number' && v !== x - y) {
      invalidFields.push({ id: c.field, reason: 'inconsistent' });
      trace.add(
        c.rule,
        c.clause,
        `${c.field}应等于${a}−${b}=${x - y},实为${v}`,
        `${c.field} must equal ${a} − ${b} = ${x - y}, found ${v}`,
        {
          field: c.field,
          expected: x - y,
          actual: v,
        },
      );
    }
  }
  return { missingFields, invalidFields, filledCount };
}

function sumCopies(copies: readonly { holder: string; count: number }[], holder: string): number {
  return copies.filter((c) => c.holder === holder).reduce((n, c) => n + c.count, 0);
}
