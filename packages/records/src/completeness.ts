import {
  type Decision,
  type Instant,
  InstantSchema,
  nearestKey,
  parseInput,
  recordOf,
  type TraceEntry,
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
} from './context.js';
import { ResponsibleSchema } from './handover.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';
import { type DocumentDef, type FieldDef, type FileType, IdSchema } from './schemas.js';

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
  const d = judgeCompleteness(
    parsed,
    compiledFileType(fileType),
    parsed.checkedAt ?? time.now,
    parsed.correctedAt,
  );
  return { value: { ...d.result, violations: d.violations }, trace: d.trace };
}

/**
 * What `judgeCompleteness` reads of a file: the parsed input, or a raw input the fast check of
 * `completenessBatch` accepted (where a defaulted part may be absent: absent reads as its default).
 *
 * @internal
 */
export type CompletenessView = {
  readonly fileTypeId: string;
  readonly fileId: string;
  readonly responsible: {
    readonly personId: string;
    readonly role?: string | undefined;
    readonly departmentId?: string | undefined;
  };
  readonly flags?: Readonly<Record<string, boolean>> | undefined;
  readonly documents?: readonly DocumentView[] | undefined;
  readonly fields?: Readonly<Record<string, unknown>> | undefined;
  readonly media?:
    | { readonly paper?: boolean | undefined; readonly electronic?: boolean | undefined }
    | undefined;
  readonly copies?: readonly { readonly holder: string; readonly count: number }[] | undefined;
};
type DocumentView = {
  readonly id: string;
  readonly defects?: readonly string[] | undefined;
  readonly signatures?:
    | { readonly customer?: string | undefined; readonly staff?: string | undefined }
    | undefined;
  readonly fields?: Readonly<Record<string, string>> | undefined;
};

/** One signer of a document with its two trace entries (missing, wrong), built once. */
type CompiledSigner = {
  readonly signer: 'customer' | 'staff';
  readonly missing: TraceEntry;
  readonly wrong: TraceEntry;
};
type CompiledDocument = {
  readonly def: DocumentDef;
  /** Slots (in `CompiledFileType.slotOf`) of the document's id and its accepted alternatives, in order. */
  readonly slots: readonly number[];
  readonly missing: TraceEntry;
  readonly signers: readonly CompiledSigner[];
  readonly declared: readonly string[];
};
/**
 * A file type prepared once (per validated, immutable file type): the lookups and the trace entries
 * whose text depends on the policy only, shared frozen by every decision (issue 21).
 */
export type CompiledFileType = {
  readonly fileType: FileType;
  readonly knownFlags: readonly string[];
  /** Every document id the file type accepts (its documents and their alternatives) → a slot. */
  readonly slotOf: ReadonlyMap<string, number>;
  readonly documents: readonly CompiledDocument[];
  readonly fieldDefs: ReadonlyMap<string, FieldDef>;
  readonly missingField: ReadonlyMap<string, TraceEntry>;
  readonly missingMedium: { readonly paper: TraceEntry; readonly electronic: TraceEntry };
  readonly complete: TraceEntry;
};

const EMPTY: readonly never[] = Object.freeze([]);
const NO_KEYS: Readonly<Record<string, never>> = Object.freeze({});

/** A trace entry as `Trace.add` builds it (rule, message, clause?, data?), frozen to be shared. */
function constantEntry(
  rule: string,
  clause: string | undefined,
  zh: string,
  en: string,
  data?: Record<string, unknown>,
): TraceEntry {
  const entry: TraceEntry = { rule, message: Object.freeze({ zh, en }) };
  if (clause !== undefined) entry.clause = clause;
  if (data !== undefined) entry.data = Object.freeze(data);
  return Object.freeze(entry);
}

const compiledTypes = new WeakMap<FileType, CompiledFileType>();

/** The prepared form of a (validated, frozen) file type, built on first use. @internal */
export function compiledFileType(fileType: FileType): CompiledFileType {
  const hit = compiledTypes.get(fileType);
  if (hit !== undefined) return hit;
  const { rule, clause } = fileType;
  const knownFlags = [...new Set(fileType.documents.flatMap((d) => (d.when ? [d.when.flag] : [])))];
  const slotOf = new Map<string, number>();
  for (const d of fileType.documents) {
    for (const id of [d.id, ...d.acceptedAs]) if (!slotOf.has(id)) slotOf.set(id, slotOf.size);
  }
  const who = {
    customer: { zh: '用户签名', en: 'customer signature' },
    staff: { zh: '内部人员签名', en: 'staff signature' },
  } as const;
  const documents = fileType.documents.map(
    (def): CompiledDocument => ({
      def,
      slots: [def.id, ...def.acceptedAs].map((id) => slotOf.get(id) as number),
      missing: constantEntry(rule, clause, `缺少${def.name.zh}`, `Missing: ${def.name.en}`, { item: def.id }),
      signers: def.signatures.map((signer) => ({
        signer,
        missing: constantEntry(
          rule,
          clause,
          `${def.name.zh}无${who[signer].zh}`,
          `${def.name.en}: ${who[signer].en} missing`,
          { item: def.id, signer, status: 'missing' },
        ),
        wrong: constantEntry(
          rule,
          clause,
          `${def.name.zh}签名错误`,
          `${def.name.en}: ${who[signer].en} wrong`,
          {
            item: def.id,
            signer,
            status: 'wrong',
          },
        ),
      })),
      declared: def.fields.map((f) => f.id),
    }),
  );
  const compiled: CompiledFileType = {
    fileType,
    knownFlags,
    slotOf,
    documents,
    fieldDefs: new Map(fileType.fields.map((f) => [f.id, f])),
    missingField: new Map(
      fileType.fields.map((f) => [
        f.id,
        constantEntry(rule, clause, `缺少字段${f.name.zh}`, `Missing field: ${f.name.en}`, { field: f.id }),
      ]),
    ),
    missingMedium: {
      paper: constantEntry(rule, clause, '缺少纸质档案', 'The paper form of the file is missing', {
        medium: 'paper',
      }),
      electronic: constantEntry(rule, clause, '缺少电子档案', 'The electronic form of the file is missing', {
        medium: 'electronic',
      }),
    },
    complete: constantEntry(rule, clause, `${fileType.name.zh}齐全`, `${fileType.name.en} is complete`),
  };
  compiledTypes.set(fileType, compiled);
  return compiled;
}

/** A completeness check's parts: the result (without its violations), the violations, the trace. */
type Judged = {
  result: Omit<CompletenessResult, 'violations'>;
  violations: Violation[];
  trace: TraceEntry[];
};

/**
 * The completeness rule on a validated file: what `completenessOf` decides, from the file type's
 * prepared form (constant trace entries shared, documents found by slot, no per-call sets or maps).
 * `at` stamps the violations (the check instant), `correctedAt` is the correction instant; both
 * canonical instants. Refusals (an unknown flag, document or field, a duplicate document) are the
 * same, in the same order, with paths relative to the file.
 *
 * @internal
 */
export function judgeCompleteness(
  file: CompletenessView,
  ct: CompiledFileType,
  at: Instant,
  correctedAt: Instant | undefined,
): Judged {
  const { fileType } = ct;
  const { rule, clause } = fileType;
  const trace: TraceEntry[] = [];

  // A flag no conditional item of the file type reads is a typo (`organisation`), refused rather than
  // ignored: ignoring it would silently leave the conditional item not required.
  const flags = file.flags ?? NO_KEYS;
  for (const flag in flags) {
    if (!Object.hasOwn(flags, flag) || ct.knownFlags.includes(flag)) continue;
    unknownFlag(fileType, ct.knownFlags, flag);
  }
  const docs = file.documents ?? EMPTY;
  // The document found in each slot and its place in the list (-1: none).
  const found: (DocumentView | undefined)[] = new Array(ct.slotOf.size);
  const place: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] as DocumentView;
    const slot = ct.slotOf.get(doc.id);
    if (slot === undefined) {
      throw new ZhiduError(
        'unknown_reference',
        ['documents', i, 'id'],
        `"${doc.id}" 不是 ${fileType.id} 档案的文件 / "${doc.id}" is not a document of ${fileType.id}`,
      );
    }
    if (found[slot] !== undefined) {
      throw new ZhiduError(
        'duplicate',
        ['documents', i, 'id'],
        `文件 "${doc.id}" 重复列出 / document "${doc.id}" is listed twice`,
      );
    }
    found[slot] = doc;
    place[slot] = i;
  }
  const missingDocuments: string[] = [];
  const defectiveDocuments: { id: string; defects: string[] }[] = [];
  const missingCustomerSignatures: string[] = [];
  const missingStaffSignatures: string[] = [];

  for (const cd of ct.documents) {
    const def = cd.def;
    if (def.when && flags[def.when.flag] !== def.when.equals) continue;
    let doc: DocumentView | undefined;
    let index = -1;
    for (const slot of cd.slots) {
      doc = found[slot];
      if (doc !== undefined) {
        index = place[slot] as number;
        break;
      }
    }
    if (doc === undefined) {
      missingDocuments.push(def.id);
      trace.push(cd.missing);
      continue;
    }
    const given = doc.defects ?? EMPTY;
    const fieldDefects =
      cd.declared.length === 0 && isEmptyRecord(doc.fields)
        ? EMPTY
        : documentFieldDefects(def, cd.declared, doc, index);
    if (given.length + fieldDefects.length > 0) {
      const defects = [...given, ...fieldDefects];
      defectiveDocuments.push({ id: def.id, defects });
      // In Chinese a field's defect is said with its Chinese name (客户姓名缺失); the codes stay in the value and data.
      const zh = [...given, ...fieldDefects.map((d) => fieldDefectZh(def, d))];
      trace.push(
        entry(
          rule,
          clause,
          `${def.name.zh}不完整或有误: ${zh.join('、')}`,
          `${def.name.en} is defective: ${defects.join(', ')}`,
          {
            item: def.id,
            defects,
          },
        ),
      );
    }
    for (const s of cd.signers) {
      const status = doc.signatures?.[s.signer] ?? 'missing';
      if (status === 'ok') continue;
      (s.signer === 'customer' ? missingCustomerSignatures : missingStaffSignatures).push(def.id);
      trace.push(status === 'wrong' ? s.wrong : s.missing);
    }
  }

  const { missingFields, invalidFields, filledCount } = checkFields(ct, file.fields ?? NO_KEYS, trace);
  const media = file.media;
  const missingMedia: ('paper' | 'electronic')[] = [];
  for (const m of fileType.media) {
    // (own keys only: nothing on `Object.prototype` stands for a medium)
    if (media !== undefined && Object.hasOwn(media, m) && media[m] === true) continue;
    missingMedia.push(m);
    trace.push(ct.missingMedium[m]);
  }
  const missingCopies: { holder: string; missing: number }[] = [];
  refuseUnknownHolders(file.copies ?? EMPTY, fileType);
  for (const c of fileType.copies) {
    const missing = c.count - sumCopies(file.copies ?? EMPTY, c.holder);
    if (missing <= 0) continue;
    const gap = { holder: c.holder, missing };
    missingCopies.push(gap);
    trace.push(
      entry(
        rule,
        clause,
        `${c.holder}份数不足,缺${missing}份`,
        `${missing} copy/copies missing for ${c.holder}`,
        gap,
      ),
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
  if (complete) trace.push(ct.complete);

  // The person who hands the file over answers for its contents (S000-PENALTY-02/05 fine the handing role).
  const responsible = file.responsible;
  const role = responsible.role ?? fileType.handover[0]?.from;
  const violations: Violation[] = [];
  const who: Emitter = { file, fileType, role, at, correctedAt, violations };
  if (!complete) {
    let missingCopyCount = 0;
    for (const c of missingCopies) missingCopyCount += c.missing;
    emitViolation(
      who,
      'records.item.missing',
      missingDocuments.length + missingFields.length + missingCopyCount,
      missingFields.length + missingCopies.length === 0
        ? [...missingDocuments]
        : [...missingDocuments, ...missingFields, ...missingCopies.map((c) => `copy:${c.holder}`)],
    );
    emitViolation(who, 'records.item.defective', defectiveDocuments.length + invalidFields.length, [
      ...defectiveDocuments.map((d) => d.id),
      ...invalidFields.map((f) => f.id),
    ]);
    emitViolation(
      who,
      'records.signature.missing',
      missingCustomerSignatures.length,
      missingCustomerSignatures,
    );
    emitViolation(
      who,
      'records.signature.staffMissing',
      missingStaffSignatures.length,
      missingStaffSignatures,
    );
    emitViolation(who, 'records.medium.missing', missingMedia.length, missingMedia);
  }

  return {
    result: {
      fileId: file.fileId,
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
    },
    violations,
    trace,
  };
}

/**
 * The completeness rule on a module's parsed input: `{ result, violations }` and its trace, the
 * module's decision before its provenance.
 *
 * @internal
 */
export function completenessModuleParts(parsed: Parsed, policy: RecordsPolicy, ctx: RecordsContext): Judged {
  const time = resolveContext(ctx, policy);
  const fileType = findFileType(policy, parsed.fileTypeId, ['fileTypeId']);
  return judgeCompleteness(
    parsed,
    compiledFileType(fileType),
    parsed.checkedAt ?? time.now,
    parsed.correctedAt,
  );
}

/** The prepared form of a policy's file type by id (`unknown_reference` at `fileTypeId` when absent). @internal */
export function compiledFileTypeOf(policy: RecordsPolicy, fileTypeId: string): CompiledFileType {
  return compiledFileType(findFileType(policy, fileTypeId, ['fileTypeId']));
}

/** Who and what a completeness violation names (the file, its type, the answerable role, the instants). */
type Emitter = {
  readonly file: CompletenessView;
  readonly fileType: FileType;
  readonly role: string | undefined;
  readonly at: Instant;
  readonly correctedAt: Instant | undefined;
  readonly violations: Violation[];
};

/** Emits one completeness violation when `quantity` is not 0. */
function emitViolation(e: Emitter, code: string, quantity: number, items: unknown): void {
  if (quantity === 0) return;
  const { file, fileType, role, at, correctedAt } = e;
  const { rule, clause } = fileType;
  const responsible = file.responsible;
  if (typeof rule !== 'string' || rule.length === 0) {
    // A rule id zod would refuse takes core's `violation()`, which refuses it as before.
    e.violations.push(
      violation(
        COMPLETENESS,
        { rule, clause },
        {
          code,
          personId: responsible.personId,
          ...(role ? { role } : {}),
          ...(responsible.departmentId ? { departmentId: responsible.departmentId } : {}),
          occurredAt: at,
          quantity,
          subject: { kind: 'file', id: file.fileId },
          ...(correctedAt ? { correctedAt } : {}),
          data: { fileTypeId: fileType.id, items },
        },
      ),
    );
    return;
  }
  // What `violation()` builds from these fields (all valid, instants canonical), key for key.
  const v: Record<string, unknown> = { code, personId: responsible.personId };
  if (role) v.role = role;
  if (responsible.departmentId) v.departmentId = responsible.departmentId;
  v.occurredAt = at;
  v.quantity = quantity;
  v.subject = { kind: 'file', id: file.fileId };
  v.source = clause === undefined ? { module: COMPLETENESS, rule } : { module: COMPLETENESS, rule, clause };
  if (correctedAt) v.correctedAt = correctedAt;
  v.data = { fileTypeId: fileType.id, items };
  e.violations.push(v as unknown as Violation);
}

function unknownFlag(fileType: FileType, knownFlags: readonly string[], flag: string): never {
  const near = nearestKey(flag, knownFlags);
  throw new ZhiduError(
    'unknown_key',
    ['flags', flag],
    `"${flag}" 不是${fileType.id}的条件标记${near ? `;是否应为 \`${near}\`?` : ''} / "${flag}" is not a flag of ${fileType.id} (known: ${knownFlags.join(', ') || 'none'})${near ? `; did you mean \`${near}\`?` : ''}`,
  );
}

function isEmptyRecord(record: Readonly<Record<string, unknown>> | undefined): boolean {
  if (record === undefined) return true;
  for (const key in record) if (Object.hasOwn(record, key)) return false;
  return true;
}

// A field's pattern compiled once per (immutable, validated) field definition, not once per check.
const patterns = new WeakMap<{ pattern?: string | undefined }, RegExp>();

/** Whether a field value matches the field's pattern (compiled once per field definition). @internal */
export function matchesPattern(field: { pattern?: string | undefined }, value: string): boolean {
  if (field.pattern === undefined) return true;
  let re = patterns.get(field);
  if (!re) {
    re = new RegExp(field.pattern);
    patterns.set(field, re);
  }
  return re.test(value);
}

function documentFieldDefects(
  def: DocumentDef,
  declared: readonly string[],
  doc: DocumentView,
  index: number,
): string[] {
  const values = doc.fields ?? NO_KEYS;
  // A value under a field the document does not declare is a typo (`landlne`), refused rather than ignored.
  for (const key in values) {
    if (!Object.hasOwn(values, key) || declared.includes(key)) continue;
    const near = nearestKey(key, declared);
    throw new ZhiduError(
      'unknown_key',
      ['documents', index, 'fields', key],
      `"${key}" 不是${def.name.zh}的字段${near ? `;是否应为 \`${near}\`?` : ''} / "${key}" is not a field of ${def.name.en} (known: ${declared.join(', ') || 'none'})${near ? `; did you mean \`${near}\`?` : ''}`,
    );
  }
  const defects: string[] = [];
  for (const f of def.fields) {
    // (own keys only: a field named `toString` is not read through the prototype)
    const value = Object.hasOwn(values, f.id) ? values[f.id] : undefined;
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

/** A trace entry exactly as `Trace.add` builds it (rule, message, clause?, data?). */
function entry(
  rule: string,
  clause: string | undefined,
  zh: string,
  en: string,
  data?: Record<string, unknown>,
): TraceEntry {
  const e: TraceEntry = { rule, message: { zh, en } };
  if (clause !== undefined) e.clause = clause;
  if (data !== undefined) e.data = data;
  return e;
}

function isFilled(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function checkFields(ct: CompiledFileType, values: Readonly<Record<string, unknown>>, trace: TraceEntry[]) {
  const { fileType } = ct;
  for (const key of Object.keys(values)) {
    if (!ct.fieldDefs.has(key)) {
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
    // (own keys only: a field named `toString` is not read through the prototype)
    const value = Object.hasOwn(values, f.id) ? values[f.id] : undefined;
    const declined = value === 'declined';
    const filled = isFilled(value) && (!declined || f.allowDeclined);
    if (filled) filledCount += 1;
    if (!filled) {
      if (f.required) {
        missingFields.push(f.id);
        trace.push(ct.missingField.get(f.id) as TraceEntry);
      }
      continue;
    }
    if (typeof value !== 'string' || declined) continue;
    if (!matchesPattern(f, value)) {
      invalidFields.push({ id: f.id, reason: 'pattern' });
      trace.push(
        entry(fileType.rule, fileType.clause, `${f.name.zh}格式错误`, `${f.name.en} has a wrong format`, {
          field: f.id,
        }),
      );
    } else if (f.oneOf && !f.oneOf.includes(value)) {
      invalidFields.push({ id: f.id, reason: 'oneOf' });
      trace.push(
        entry(
          fileType.rule,
          fileType.clause,
          `${f.name.zh}取值不在${f.oneOf.join('/')}之内`,
          `${f.name.en} must be one of ${f.oneOf.join(', ')}`,
          { field: f.id, value },
        ),
      );
    }
  }
  for (const c of fileType.consistency) {
    const [a, b] = c.equalsDifferenceOf;
    const [v, x, y] = [values[c.field], values[a], values[b]];
    if (typeof v === 'number' && typeof x === 'number' && typeof y === 'number' && v !== x - y) {
      invalidFields.push({ id: c.field, reason: 'inconsistent' });
      trace.push(
        entry(
          c.rule,
          c.clause,
          `${c.field}应等于${a}−${b}=${x - y},实为${v}`,
          `${c.field} must equal ${a} − ${b} = ${x - y}, found ${v}`,
          { field: c.field, expected: x - y, actual: v },
        ),
      );
    }
  }
  return { missingFields, invalidFields, filledCount };
}

function sumCopies(copies: readonly { holder: string; count: number }[], holder: string): number {
  let n = 0;
  for (const c of copies) if (c.holder === holder) n += c.count;
  return n;
}
