import {
  type Decision,
  describeValue,
  expectArray,
  expectKnownKeys,
  expectObject,
  isValidIdCard,
  maskIdCard,
  maskPhone,
  PhoneSchema,
  parseInput,
  setOwn,
  Trace,
  ZhiduError,
} from '@zhidu/core';
import { type AccessDecision, decideParsed } from './access.js';
import { type AccessRequest, type AccessRequestInput, AccessRequestSchema } from './access-schema.js';
import { expectJsonPath, findFileType, type RecordsContext, resolveContext } from './context.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';
import { type FieldDef, type FileType, FileTypeSchema } from './schemas.js';

/** Kinds of number {@link findPii} recognises. */
export type PiiKind = 'mobile' | 'landline' | 'idCard' | 'bankCard';

/** One number found in a text: its kind and where it sits (`start` inclusive, `end` exclusive, UTF-16 indices). */
export type PiiMatch = { kind: PiiKind; start: number; end: number };

/** A run of digits (ASCII or full-width), with the index of a trailing `X` when one follows it. */
type DigitRun = { start: number; end: number; digits: string; x: number | null };

/** Characters that may separate the groups of one number: spaces, hyphens, dots, brackets. */
const SEPARATOR = /^[\s\u3000\-\u2010-\u2015.\u00b7()\uff08\uff09]{1,3}$/;
/** Longest number recognised (a 19-digit bank card). */
const MAX_DIGITS = 19;

function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  for (const m of text.matchAll(/[0-9\uff10-\uff19]+([Xx\uff38\uff58])?/g)) {
    const start = m.index;
    const length = m[0].length - (m[1] ? 1 : 0);
    let digits = '';
    for (let i = start; i < start + length; i++) {
      const code = text.charCodeAt(i);
      digits += code >= 0xff10 ? String.fromCharCode(code - 0xff10 + 48) : text[i];
    }
    runs.push({ start, end: start + length, digits, x: m[1] ? start + length : null });
  }
  return runs;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A 15-digit first-generation ID card: region code, YYMMDD of a real 19xx date, sequence. */
function isLegacyIdCard(digits: string): boolean {
  const m = /^[1-8]\d{5}(\d{2})(\d{2})(\d{2})\d{3}$/.exec(digits);
  if (!m) return false;
  const y = 1900 + Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The kind of a candidate number and which of its characters to hide (`[from, to)`), or null. */
function classify(digits: string, x: boolean): { kind: PiiKind; from: number; to: number } | null {
  const n = digits.length;
  if (x) return n === 17 && isValidIdCard(`${digits}X`) ? { kind: 'idCard', from: 4, to: 14 } : null;
  if (n === 18 && isValidIdCard(digits)) return { kind: 'idCard', from: 4, to: 14 };
  if (/^(?:0086|86)?1[3-9]\d{9}$/.test(digits)) return { kind: 'mobile', from: n - 8, to: n - 4 };
  if (n === 15 && isLegacyIdCard(digits)) return { kind: 'idCard', from: 4, to: 11 };
  if (n >= 16 && n <= MAX_DIGITS && luhn(digits)) return { kind: 'bankCard', from: 3, to: n - 4 };
  if (/^0[1-9]\d{8,10}$/.test(digits)) return { kind: 'landline', from: 3, to: n - 4 };
  return null;
}

type Found = PiiMatch & { positions: number[]; from: number; to: number };

function scan(text: string): Found[] {
  const runs = digitRuns(text);
  const found: Found[] = [];
  let i = 0;
  while (i < runs.length) {
    // The runs i..j that may form one number: joined by short separators, at most 19 digits.
    const chain: DigitRun[] = [];
    let total = 0;
    for (let j = i; j < runs.length; j++) {
      const run = runs[j] as DigitRun;
      const prev = chain.at(-1);
      if (prev && (prev.x !== null || !SEPARATOR.test(text.slice(prev.end, run.start)))) break;
      total += run.digits.length;
      if (total > MAX_DIGITS) break;
      chain.push(run);
    }
    let matched = 0;
    // Longest candidate first, so that a bank card is not read as a shorter number inside it.
    for (let k = chain.length; k > 0 && matched === 0; k--) {
      const parts = chain.slice(0, k);
      const last = parts[k - 1] as DigitRun;
      const digits = parts.map((r) => r.digits).join('');
      const hit = (last.x !== null ? classify(digits, true) : null) ?? classify(digits, false);
      if (!hit) continue;
      const withX = hit.kind === 'idCard' && digits.length === 17;
      const positions = parts.flatMap((r) => Array.from({ length: r.end - r.start }, (_, p) => r.start + p));
      if (withX && last.x !== null) positions.push(last.x);
      const start = (parts[0] as DigitRun).start;
      found.push({
        kind: hit.kind,
        start,
        end: (positions.at(-1) ?? start) + 1,
        positions,
        from: hit.from,
        to: hit.to,
      });
      matched = k;
    }
    i += matched || 1;
  }
  return found;
}

/**
 * Finds the personal numbers in a text: PRC mobile numbers (`1[3-9]` + 9 digits, with or without a
 * `+86` / `0086` / `86` prefix and with spaces, hyphens or dots between groups), landlines with an area
 * code (`0\d{2,3}-?\d{7,8}`), 18-digit ID-card numbers with a valid check character (and 15-digit
 * first-generation ones with a real birth date), and bank-card numbers (16–19 digits passing the Luhn
 * check). Full-width digits count. A number glued to further digits is not split out of them.
 *
 * @param text - any text (a field value, free-text notes, a message)
 * @returns every number found, in order
 * @example
 * findPii('客户电话 139 1234 5678,身份证11010519491231002X').map((m) => m.kind); //=> ['mobile', 'idCard']
 */
export function findPii(text: string): PiiMatch[] {
  if (typeof text !== 'string') return [];
  return scan(text).map(({ kind, start, end }) => ({ kind, start, end }));
}

/**
 * Masks every personal number {@link findPii} finds in a text, the way declared sensitive fields are
 * masked: a mobile as `139****5678` (a prefix such as `+86` kept), an ID card as `1101**********002X`,
 * a landline or bank card keeping its first 3 and last 4 digits. Separators and the rest of the text are
 * kept.
 *
 * @param text - any text
 * @returns the text with the numbers masked
 * @example
 * maskPii('请致电+86 139-1234-5678'); //=> '请致电+86 139-****-5678'
 */
export function maskPii(text: string): string {
  if (typeof text !== 'string') return text;
  const found = scan(text);
  if (found.length === 0) return text;
  const chars = text.split('');
  for (const f of found) {
    f.positions.forEach((p, k) => {
      if (k >= f.from && k < f.to) chars[p] = '*';
    });
  }
  return chars.join('');
}

/**
 * Masks personal numbers anywhere inside a value: strings, object keys and values, array elements at any
 * depth, and integers that spell a number (`13912345678` as a JS number comes back as `'139****5678'`).
 * Other values are returned unchanged; the input is not modified.
 *
 * @param value - a JSON-like value (a record field, a nested document)
 * @param path - where the value sits, for the error path
 * @returns a copy with every number masked
 * @throws ZhiduError `invalid_input` when the value contains a cycle or `path` is not a JSON path
 * @example
 * maskPiiDeep({ notes: ['回访 13912345678'], bank: { card: '6228480012345671' } })
 * //=> { notes: ['回访 139****5678'], bank: { card: '622*********5671' } }
 */
export function maskPiiDeep(value: unknown, path: (string | number)[] = []): unknown {
  expectJsonPath(path, 'path');
  return deep(value, path, new Set(), { found: 0 }, new Map());
}

/** An object already masked in this walk: its masked copy and how many texts in it were masked. */
type Masked = { readonly out: unknown; readonly found: number };

/**
 * {@link maskPiiDeep}, counting the texts it masked in `hits`. An object met again in the same walk
 * (the value holds it in two places) is masked once: its copy is used again and its count added again,
 * so a list holding one object 10^5 times is walked once, not 10^5 times (it took seconds).
 */
function deep(
  value: unknown,
  path: (string | number)[],
  open: Set<object>,
  hits: { found: number },
  done: Map<object, Masked>,
): unknown {
  if (typeof value === 'string') return maskCounting(value, hits);
  if ((typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint') {
    const text = String(value);
    const masked = maskCounting(text, hits);
    return masked === text ? value : masked;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const seen = done.get(value);
  if (seen !== undefined) {
    hits.found += seen.found;
    return seen.out;
  }
  if (open.has(value)) {
    throw new ZhiduError(
      'invalid_input',
      path,
      '记录中有循环引用,无法脱敏 / the record refers to itself, so it cannot be masked',
    );
  }
  open.add(value);
  const before = hits.found;
  const out: unknown = Array.isArray(value)
    ? value.map((v, i) => deep(v, [...path, i], open, hits, done))
    : Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          maskCounting(k, hits),
          deep(v, [...path, k], open, hits, done),
        ]),
      );
  open.delete(value);
  done.set(value, { out, found: hits.found - before });
  return out;
}

function maskCounting(text: string, hits: { found: number }): string {
  const masked = maskPii(text);
  if (masked !== text) hits.found++;
  return masked;
}

/** Rule id of the masking step in the trace. */
export const MASKING_RULE = 'records.access.masking';

/** A file record as stored: field id → value. */
export type FileRecord = Record<string, unknown>;

/** Who will see a serialised record: staff inside the company, or a partner / third party. */
export type Readership = 'internal' | 'partner' | 'external';

/**
 * Masks a value the way the sensitivity of its field asks: a phone as `138****1234`, an ID card as
 * `1101**********1234`, other personal data fully. Values the core maskers would refuse (a landline, a
 * foreign number) are masked generically rather than leaked, and never echoed in an error.
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
  if (sensitivity === 'phone' && PhoneSchema.safeParse(value).success) return maskPhone(value);
  if (sensitivity === 'idCard' && isValidIdCard(value)) return maskIdCard(value);
  if (sensitivity !== 'personal' && value.length > 7) {
    return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
  }
  return '*'.repeat(Math.max(3, value.length));
}

/** Options of {@link redactRecord}. */
export type RedactOptions = {
  /**
   * The reader has full authority over the file (see `AccessDecision.fullAuthority`): undeclared fields
   * are kept and numbers in free text stay in clear. Default `false`.
   */
  fullAuthority?: boolean;
};

/** What {@link redactRecord} did to a record, by field id (logged in the trace of {@link readFile}). */
export type Redaction = {
  /** Declared sensitive fields masked because the reader is not authorised to see them. */
  masked: string[];
  /** Declared internal-only fields withheld from a reader outside the company. */
  dropped: string[];
  /** Fields the file type does not declare, withheld from a reader without full authority. */
  undeclared: string[];
  /** Other fields in which phone, ID-card or bank numbers were masked. */
  scrubbed: string[];
};

/** Every field id a file type declares: its fields, its documents and the fields checked inside them. */
function declaredIds(fileType: FileType): Set<string> {
  const ids = new Set(fileType.fields.map((f) => f.id));
  for (const d of fileType.documents) {
    ids.add(d.id);
    for (const f of d.fields) ids.add(f.id);
  }
  return ids;
}

function redact(
  record: FileRecord,
  fileType: FileType,
  readership: Readership,
  unmaskedFields: readonly string[],
  fullAuthority: boolean,
): { record: FileRecord; redaction: Redaction } {
  const defs = new Map(fileType.fields.map((f) => [f.id, f]));
  const declared = declaredIds(fileType);
  const redaction: Redaction = { masked: [], dropped: [], undeclared: [], scrubbed: [] };
  const out: FileRecord = {};
  for (const [key, value] of Object.entries(record)) {
    const def = defs.get(key);
    if (def?.internalOnly && readership !== 'internal') {
      redaction.dropped.push(key);
    } else if (fullAuthority) {
      setOwn(out, key, value);
    } else if (!declared.has(key)) {
      redaction.undeclared.push(maskPii(key));
    } else if (def?.sensitive) {
      if (unmaskedFields.includes(key)) {
        setOwn(out, key, value);
      } else {
        setOwn(out, key, maskValue(value, def.sensitive));
        redaction.masked.push(key);
      }
    } else {
      const hits = { found: 0 };
      setOwn(out, key, deep(value, [key], new Set(), hits, new Map()));
      if (hits.found > 0) redaction.scrubbed.push(key);
    }
  }
  return { record: out, redaction };
}

/**
 * Makes a record safe for a reader (default deny). Internal-only fields (e.g. a partner's grade,
 * 分级结果为公司内部使用,不对合作伙伴公开) never leave the company. A reader without full authority gets only
 * the fields the file type declares (its `fields`, its `documents` and the fields checked inside them):
 * declared sensitive fields are masked unless listed in `unmaskedFields`, and every phone, ID-card or
 * bank number in the other fields — free text, nested objects and arrays included — is masked with
 * {@link maskPiiDeep}. A reader with full authority gets the record as stored, internal-only fields
 * aside.
 *
 * @param record - the stored record
 * @param fileType - its file type (which fields are declared, sensitive or internal-only)
 * @param readership - who will see it
 * @param unmaskedFields - sensitive fields this reader is authorised to see in clear
 * @param options - `{ fullAuthority }`; without it the reader has none
 * @returns a new record, safe for that readership
 * @throws ZhiduError `invalid_input` when the record or options are not objects, the file type is not
 *   a file type, the readership is not `internal`, `partner` or `external`, or `unmaskedFields` is
 *   not an array of field ids
 * @example
 * const partnerType = findFileType(partnerArchivePreset, 'partnerArchive', []);
 * redactRecord({ partnerName: 'X', grade: 'B', mobile: '13912345678' }, partnerType, 'partner', [])
 * //=> { partnerName: 'X' } (grade internal only, mobile not declared)
 */
export function redactRecord(
  record: FileRecord,
  fileType: FileType,
  readership: Readership,
  unmaskedFields: readonly string[],
  options: RedactOptions = {},
): FileRecord {
  expectObject(record, ['record']);
  const type = asFileType(fileType);
  if (!READERSHIPS.includes(readership)) {
    throw new ZhiduError(
      'invalid_input',
      ['readership'],
      `须为 internal、partner 或 external / expected internal, partner or external, got ${describeValue(readership)}`,
    );
  }
  expectArray(unmaskedFields, ['unmaskedFields']);
  const bad = unmaskedFields.findIndex((f) => typeof f !== 'string');
  if (bad >= 0) {
    throw new ZhiduError(
      'invalid_input',
      ['unmaskedFields', bad],
      `须为字段编号 / expected a field id, got ${describeValue(unmaskedFields[bad])}`,
    );
  }
  if (options !== undefined) {
    expectObject(options, ['options']);
    // A misspelt `fullAuthorty` applied the default deny without a word.
    expectKnownKeys(options, ['fullAuthority'], ['options']);
    if (options.fullAuthority !== undefined && typeof options.fullAuthority !== 'boolean') {
      throw new ZhiduError(
        'invalid_input',
        ['options', 'fullAuthority'],
        `须为布尔值 / expected a boolean, got ${describeValue(options.fullAuthority)}`,
      );
    }
  }
  return redact(record, type, readership, unmaskedFields, options?.fullAuthority === true).record;
}

const READERSHIPS: readonly unknown[] = ['internal', 'partner', 'external'] satisfies Readership[];

// File types validated once per object identity (a file type is usually taken from a policy and reused).
const validFileTypes = new WeakMap<object, FileType>();

function asFileType(fileType: unknown): FileType {
  if (fileType !== null && typeof fileType === 'object') {
    const cached = validFileTypes.get(fileType);
    if (cached) return cached;
  }
  const parsed = parseInput(FileTypeSchema, fileType, ['fileType']);
  if (fileType !== null && typeof fileType === 'object') validFileTypes.set(fileType, parsed);
  return parsed;
}

/** The value of {@link readFile}: the access decision and, when allowed, the record as this reader may see it. */
export type ReadResult = AccessDecision & { record: FileRecord | null };

/**
 * Reads a file for a reader: decides access (every decision logged in the trace), then returns the
 * requested fields the way {@link redactRecord} makes them safe — default deny: a reader without full
 * authority (a role in the policy's `unmaskRoles`, reading inside the company) gets only the fields the
 * file type declares, with sensitive fields masked unless an approval or the customer's authorisation
 * names them, and every phone, ID-card or bank number elsewhere masked, free text included. Readers
 * outside the company never get internal-only fields. What was masked or withheld is logged in the trace.
 *
 * @param request - the access request (action `view`, `copy`, `disclose` or `share`)
 * @param record - the stored record
 * @param policyInput - a records policy
 * @param ctx - `{ now }`
 * @returns the access decision and the redacted record (`null` when denied)
 * @throws ZhiduError `invalid_input` for a malformed request or a record that refers to itself,
 *   `unknown_reference` for an unknown file type
 * @example
 * const d = readFile({ actor: { id: 'u1', roles: ['archiveAdmin'] }, action: 'view',
 *   file: { id: 'C1', fileTypeId: 'customerArchive003' } }, { name: '李四', contact: '13912345678' },
 *   customerArchivePreset, { now: '2024-03-06T02:00:00Z' });
 * d.value.record; //=> { name: '李四', contact: '13912345678' } (the administrator sees numbers in clear)
 */
export function readFile(
  request: AccessRequestInput,
  record: FileRecord,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<ReadResult> {
  const policy = asRecordsPolicy(policyInput);
  const req = parseInput(AccessRequestSchema, request);
  expectObject(record, ['record']);
  return readParsed(req, record, policy, ctx);
}

/** {@link readFile} on a request its module has parsed already (one parse, not two; issue 21). @internal */
export function readParsed(
  req: AccessRequest,
  record: FileRecord,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): Decision<ReadResult> {
  const decision = decideParsed(req, policy, resolveContext(ctx, policy));
  const fileType = findFileType(policy, req.file.fileTypeId, ['file', 'fileTypeId']);
  const trace = new Trace();
  trace.append(decision.trace);
  if (!decision.value.allowed) return trace.decide({ ...decision.value, record: null });
  const requested = req.fields;
  const selected = requested
    ? Object.fromEntries(Object.entries(record).filter(([k]) => requested.includes(k)))
    : record;
  const readership: Readership =
    req.recipient === undefined ? 'internal' : req.recipient.kind === 'partner' ? 'partner' : 'external';
  const { fullAuthority, unmaskedFields } = decision.value;
  const { record: safe, redaction } = redact(selected, fileType, readership, unmaskedFields, fullAuthority);
  const { masked, dropped, undeclared, scrubbed } = redaction;
  const list = (ids: string[], none: string) => ids.join(', ') || none;
  trace.add(
    MASKING_RULE,
    undefined,
    `${fullAuthority ? '读者有完全权限,按原样提供; ' : ''}脱敏字段: ${list(masked, '无')}; 仅限内部的字段不对外: ${list(dropped, '无')}; 未声明的字段不提供: ${list(undeclared, '无')}; 已遮盖其中号码的字段: ${list(scrubbed, '无')}`,
    `${fullAuthority ? 'The reader has full authority; fields as stored. ' : ''}Masked (reader not authorised): ${list(masked, 'none')}; internal-only fields withheld: ${list(dropped, 'none')}; undeclared fields withheld: ${list(undeclared, 'none')}; numbers masked inside: ${list(scrubbed, 'none')}`,
    { masked, dropped, undeclared, scrubbed },
  );
  return trace.decide({ ...decision.value, record: safe });
}
