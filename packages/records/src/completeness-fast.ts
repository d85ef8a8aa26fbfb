/**
 * The completeness decision assembled from prepared parts (issue 21). For a file type, the decision
 * of a well-formed file depends on the file only through
 * - its *state*: which required documents are there (after conditions and alternatives), the
 *   status of each required signature, and which media are there — a small integer;
 * - the values it echoes: the file id, the responsible person, role and department, the check and
 *   correction instants (in the violations).
 * Everything else (the missing-item lists, the trace entries and their texts, the violations'
 * codes, quantities, items and data) is built once per (file type, state) by the general rule
 * (`judgeCompleteness`) and shared, frozen, by every decision in that state; a call checks the
 * input by hand, computes the state and assembles the decision from references.
 *
 * A file this path does not read — file-level `fields` or `copies` given, a document with defects
 * or with a field defect, anything the hand-written check does not accept — returns `undefined`,
 * and the caller takes the module's general path (core's input parser or zod, then the rule), which
 * refuses or decides it exactly as before. The parts of a state met for the first time are kept
 * only when they say what the state's key says (see `partsMatchKey`).
 */
import type { Instant, Provenance, TraceEntry } from '@zhidu/core';
import { knownKeyCount, plainConstructor } from '@zhidu/core';
import {
  type CompiledFileType,
  type CompletenessResult,
  type CompletenessView,
  compiledFileTypeOf,
  judgeCompleteness,
} from './completeness.js';
import type { Violation } from './context.js';
import {
  hasSymbolKey,
  instantOrUndefined,
  isId,
  isRecord,
  readResponsible,
  responsibleRead,
  UNSEEN,
} from './fast-input.js';
import type { RecordsPolicy } from './policy.js';
import type { DocumentDef } from './schemas.js';

/** The module that emits the violations (as `judgeCompleteness` stamps them). */
const COMPLETENESS = 'records.completeness';
/** The largest state space prepared per file type (a small integer key). */
const MAX_STATES = 2 ** 30;
/** The most states remembered per file type (any further state is built per call, not stored). */
const MAX_ENTRIES = 4096;

const OBJECT_PROTO = Object.prototype;
const ARRAY_PROTO = Array.prototype;
/*
 * The keys each object is read by (a `for…in` key outside them, or a value read by name that
 * `for…in` does not show, takes the previous path: see core's `knownKeyCount`). A file's `fields`
 * and `copies` are read by the previous path.
 */
const FILE_KEYS: readonly string[] = [
  'fileTypeId',
  'fileId',
  'responsible',
  'flags',
  'documents',
  'media',
  'checkedAt',
  'correctedAt',
];
const MEDIA_KEYS: readonly string[] = ['paper', 'electronic'];
const DOCUMENT_KEYS: readonly string[] = ['id', 'signatures', 'fields', 'defects'];
const SIGNATURE_KEYS: readonly string[] = ['customer', 'staff'];
const EMPTY: readonly never[] = Object.freeze([]);

/** A signature status as a digit: ok 0, missing 1, wrong 2 (an absent status reads as missing). */
function statusDigit(v: unknown): number {
  if (v === 'ok') return 0;
  if (v === 'missing') return 1;
  if (v === 'wrong') return 2;
  return -1;
}

/** A document of the file type as the state reads it. */
type FastDocument = {
  readonly def: DocumentDef;
  /** Slots of the document's id and its alternatives, in order (the first one present counts). */
  readonly slots: readonly number[];
  readonly whenFlag: string | undefined;
  readonly whenEquals: boolean;
  /** 1 for the customer, 0 for staff, per required signer in order. */
  readonly customerSigner: readonly boolean[];
  /** The ids of the fields declared inside the document. */
  readonly declared: readonly string[];
  /** The document's field rules, patterns compiled. */
  readonly fieldRules: readonly FieldRule[];
  /** Whether a field is required (the document cannot be read without its `fields`). */
  readonly needsFields: boolean;
  /** The document's state weight in the key (mixed radix: 0 not required, 1 missing, 2 + signatures). */
  readonly weight: number;
  /** The index of `whenFlag` among the file type's known flags (-1: the document is always required). */
  readonly flagIndex: number;
  /** Its part of the key when present, per signature digits (customer + 3 × staff, 0…8). */
  readonly keyOf: Int32Array;
  /**
   * Whether the document is always required and has one id (no alternative): its part of the key
   * is added while it is read (`keyOf[digits] - weight` over the base key, which counts it missing).
   */
  readonly simple: boolean;
  /** The sealed read of its `fields` (`undefined`: read by `for…in`, see `fieldsWithoutDefect`). */
  readonly fieldSeal: Seal | undefined;
};

/**
 * A sealed read of a record with known keys (issue 21): a prototype-less, non-extensible object
 * whose only properties are one enumerable setter per key. `Object.assign(target, record)` reads
 * each own enumerable value once (string keys, then symbol keys, as zod's record does) and stores
 * it in `values`; any other own enumerable key — a symbol, `__proto__` or an unknown id included —
 * throws (the target cannot be extended), and so does a value whose `typeof` is not `type`. One
 * native call replaces `Object.getOwnPropertySymbols`, the `for…in` walk and the reads by name.
 */
type Seal = { readonly target: object; readonly values: unknown[] };

/** Thrown by a seal's setter for a value of the wrong type (caught by `readSealed`). */
const WRONG_TYPE: unknown = Object.freeze({ wrongType: true });

/** The seal of `ids` (values of `typeof` `type`), or `undefined` when an id cannot be sealed. */
function sealOf(ids: readonly string[], type: 'string' | 'boolean'): Seal | undefined {
  // (`__proto__` is skipped by zod's record, and an id twice would share a setter)
  if (ids.includes('__proto__') || new Set(ids).size !== ids.length) return undefined;
  const values: unknown[] = ids.map(() => undefined);
  const target: object = Object.create(null);
  ids.forEach((id, k) => {
    Object.defineProperty(target, id, {
      set(v: unknown) {
        if (typeof v !== type) throw WRONG_TYPE;
        values[k] = v;
      },
      enumerable: true,
    });
  });
  Object.preventExtensions(target);
  return { target, values };
}

/**
 * Reads `record` through `seal` into its values; false (values cleared) when a key is not one of
 * the seal's, a value is of another type, or a getter throws.
 */
function readSealed(seal: Seal, record: object): boolean {
  try {
    Object.assign(seal.target, record);
    return true;
  } catch {
    clearSeal(seal);
    return false;
  }
}

function clearSeal(seal: Seal): void {
  const values = seal.values;
  for (let i = 0; i < values.length; i++) values[i] = undefined;
}

/** A field inside a document: required or not, and its pattern (compiled once, as `matchesPattern` reads it). */
type FieldRule = { readonly id: string; readonly required: boolean; readonly re: RegExp | undefined };

/** What a violation of a state carries that does not depend on the file. */
type ViolationPart = {
  readonly code: string;
  readonly quantity: number | undefined;
  readonly data: Readonly<Record<string, unknown>>;
};

/** The shared parts of one state's decision. */
type StateParts = {
  readonly complete: boolean;
  readonly missingDocuments: string[];
  readonly defectiveDocuments: CompletenessResult['defectiveDocuments'];
  readonly missingCustomerSignatures: string[];
  readonly missingStaffSignatures: string[];
  readonly missingFields: string[];
  readonly invalidFields: CompletenessResult['invalidFields'];
  readonly missingMedia: CompletenessResult['missingMedia'];
  readonly missingCopies: CompletenessResult['missingCopies'];
  readonly filledCount: number;
  readonly trace: TraceEntry[];
  readonly violations: readonly ViolationPart[];
  /** Whether the trace names no figure beyond the calendar's data (a decision's provenance then says `provisional: false`). */
  readonly plain: boolean;
};

/** A file type prepared for assembled decisions. */
type FastType = {
  readonly ct: CompiledFileType;
  readonly slotOf: ReadonlyMap<string, number>;
  /** The id of each slot (a document listed in the policy's order is found without a map lookup). */
  readonly slotIds: readonly string[];
  /** The one document of the file type a slot belongs to (its fields are checked against it). */
  readonly ownerOf: readonly FastDocument[];
  readonly docs: readonly FastDocument[];
  readonly knownFlags: readonly string[];
  readonly media: readonly ('paper' | 'electronic')[];
  /** The weight of the media bits in the key. */
  readonly mediaWeight: number;
  readonly defaultRole: string | undefined;
  readonly source: Readonly<Record<string, unknown>>;
  readonly totalFields: number;
  readonly states: Map<number, StateParts>;
  /** A direct-mapped cache in front of `states` (slot `stateSlot(key)`: its key, -1 empty, and its parts). */
  readonly cachedKeys: Int32Array;
  readonly cachedParts: (StateParts | undefined)[];
  /** The key of a file with every always-required document missing (the simple documents' weights). */
  readonly baseKey: number;
  /** The documents whose part of the key is found after the read (a condition or alternatives). */
  readonly complex: readonly FastDocument[];
  /** The sealed read of the flags (`undefined`: read by `for…in`). */
  readonly flagSeal: Seal | undefined;
  /** Per slot while a call reads the documents: the signature digits (customer + 3 × staff). */
  readonly sig: Int8Array;
  /** Per slot: the number of the call that read it (a slot is present when it equals `call`). */
  readonly seen: Int32Array;
  /** The number of the call in progress (counts up; `seen` is cleared when it wraps). */
  call: number;
  /** Whether a call is reading the flags or documents (a getter calling back in takes the previous path). */
  busy: boolean;
};

/** The number of entries of a file type's direct-mapped state cache (a power of two). */
const CACHE_SIZE = 1024;
/** The direct-mapped cache slot of a state key (a multiplicative hash on the key's bits). */
const stateSlot = (key: number): number => Math.imul(key, 0x9e3779b1) >>> 22;

const prepared = new WeakMap<RecordsPolicy, Map<string, FastType | null>>();
let lastPolicy: RecordsPolicy | undefined;
let lastTypes: Map<string, FastType | null> | undefined;
/** The file type looked up last (under `lastPolicy`): a loop over files of one type skips the map. */
let lastTypeId: string | undefined;
let lastType: FastType | null = null;

/** The prepared file type of a validated policy (`null`: the file type or its state space does not fit). */
function fastTypeOf(policy: RecordsPolicy, fileTypeId: string): FastType | null {
  if (policy === lastPolicy && fileTypeId === lastTypeId) return lastType;
  lastTypeId = undefined;
  const found = lookUpFastType(policy, fileTypeId);
  lastTypeId = fileTypeId;
  lastType = found;
  return found;
}

function lookUpFastType(policy: RecordsPolicy, fileTypeId: string): FastType | null {
  let types = lastPolicy === policy ? lastTypes : prepared.get(policy);
  if (types === undefined) {
    types = new Map();
    prepared.set(policy, types);
  }
  lastPolicy = policy;
  lastTypes = types;
  const hit = types.get(fileTypeId);
  if (hit !== undefined) return hit;
  // Only ids of the policy are prepared (an unknown id would grow the map: it takes the other path).
  if (!policy.params.fileTypes.some((t) => t.id === fileTypeId)) return null;
  const built = prepare(compiledFileTypeOf(policy, fileTypeId));
  types.set(fileTypeId, built);
  return built;
}

function prepare(ct: CompiledFileType): FastType | null {
  const { fileType } = ct;
  if (typeof fileType.rule !== 'string' || fileType.rule.length === 0) return null;
  let weight = 1;
  const docs: FastDocument[] = [];
  const ownerOf: FastDocument[] = [];
  for (const cd of ct.documents) {
    const signers = cd.signers.map((s) => s.signer === 'customer');
    const fieldRules = cd.def.fields.map((f) => ({
      id: f.id,
      required: f.required,
      re: f.pattern === undefined ? undefined : new RegExp(f.pattern),
    }));
    const whenFlag = cd.def.when?.flag;
    const keyOf = new Int32Array(9);
    for (let digits = 0; digits < 9; digits++) {
      let state = 0;
      let radix = 1;
      for (const customer of signers) {
        state += (customer ? digits % 3 : (digits / 3) | 0) * radix;
        radix *= 3;
      }
      keyOf[digits] = weight * (2 + state);
    }
    const fd: FastDocument = {
      def: cd.def,
      slots: cd.slots,
      whenFlag,
      whenEquals: cd.def.when?.equals === true,
      customerSigner: signers,
      declared: cd.declared,
      fieldRules,
      needsFields: fieldRules.some((f) => f.required),
      weight,
      flagIndex: whenFlag === undefined ? -1 : ct.knownFlags.indexOf(whenFlag),
      keyOf,
      simple: whenFlag === undefined && cd.slots.length === 1,
      fieldSeal: sealOf(cd.declared, 'string'),
    };
    docs.push(fd);
    for (const slot of cd.slots) {
      // An id two documents of the file type accept: the file type takes the previous path.
      if (ownerOf[slot] !== undefined) return null;
      ownerOf[slot] = fd;
    }
    weight *= 2 + 3 ** signers.length;
    if (weight > MAX_STATES) return null;
  }
  const mediaWeight = weight;
  weight *= 2 ** fileType.media.length;
  if (weight > MAX_STATES) return null;
  const slotIds: string[] = [];
  for (const [id, slot] of ct.slotOf) slotIds[slot] = id;
  const { rule, clause } = fileType;
  return {
    ct,
    slotOf: ct.slotOf,
    slotIds,
    ownerOf,
    docs,
    knownFlags: ct.knownFlags,
    media: fileType.media,
    mediaWeight,
    defaultRole: fileType.handover[0]?.from,
    source: Object.freeze(
      clause === undefined ? { module: COMPLETENESS, rule } : { module: COMPLETENESS, rule, clause },
    ),
    totalFields: fileType.fields.length,
    states: new Map(),
    cachedKeys: new Int32Array(CACHE_SIZE).fill(-1),
    cachedParts: new Array(CACHE_SIZE).fill(undefined),
    baseKey: docs.reduce((sum, d) => (d.simple ? sum + d.weight : sum), 0),
    complex: docs.filter((d) => !d.simple),
    flagSeal: sealOf(ct.knownFlags, 'boolean'),
    sig: new Int8Array(ct.slotOf.size),
    seen: new Int32Array(ct.slotOf.size),
    call: 0,
    busy: false,
  };
}

/** A completeness decision before its provenance (what a module's fast path returns). */
export type AssembledCompleteness = {
  value: { result: Omit<CompletenessResult, 'violations'>; violations: Violation[] };
  trace: TraceEntry[];
};

/** An assembled decision with its provenance (what a module's evaluation returns). */
export type AssembledDecision = AssembledCompleteness & { provenance: Provenance };

/*
 * The objects of an assembled decision are built by `new` on constructors whose prototype is
 * `Object.prototype`: plain objects (the same prototype, own keys in the same order, the same JSON
 * as the literals they replace), but made without an allocation site. An object literal's site
 * learns from the objects it made: once many of them outlive a young-generation collection (a
 * batch, or a caller keeping the decisions of a loop), V8 allocates every later object of that
 * site in the old generation, where a decision that dies young costs a major collection
 * (issue 21: single calls after a kept batch 2-3.5x slower in CPU time under load).
 */

/** An object with `Object.prototype` and no own key (a violation with optional keys is filled in order). */
const PlainObject = plainConstructor(function PlainObject(this: object) {});

type ResultBody = Omit<CompletenessResult, 'violations'>;
/** The result of a file in a state (`judgeCompleteness`'s keys, in its order). */
const AssembledResult = plainConstructor(function AssembledResult(
  this: ResultBody,
  fileId: string,
  parts: StateParts,
  totalFields: number,
) {
  this.fileId = fileId;
  this.complete = parts.complete;
  this.missingDocuments = parts.missingDocuments;
  this.defectiveDocuments = parts.defectiveDocuments;
  this.missingCustomerSignatures = parts.missingCustomerSignatures;
  this.missingStaffSignatures = parts.missingStaffSignatures;
  this.missingFields = parts.missingFields;
  this.invalidFields = parts.invalidFields;
  this.missingMedia = parts.missingMedia;
  this.missingCopies = parts.missingCopies;
  this.filledCount = parts.filledCount;
  this.totalFields = totalFields;
});

/** `{ kind: 'file', id }`, a violation's subject. */
const FileSubject = plainConstructor(function FileSubject(this: { kind: string; id: string }, id: string) {
  this.kind = 'file';
  this.id = id;
});

/** A violation with a role, no department and no correction (core `violation()`'s keys, in its order). */
const FileViolation = plainConstructor(function FileViolation(
  this: Violation,
  p: ViolationPart,
  personId: string,
  role: string,
  at: Instant,
  fileId: string,
  source: Violation['source'],
) {
  this.code = p.code;
  this.personId = personId;
  this.role = role;
  this.occurredAt = at;
  this.quantity = p.quantity;
  this.subject = new FileSubject(fileId);
  this.source = source;
  this.data = p.data;
});

/** `{ result, violations }`, a decision's value. */
const AssembledValue = plainConstructor(function AssembledValue(
  this: AssembledCompleteness['value'],
  result: ResultBody,
  violations: Violation[],
) {
  this.result = result;
  this.violations = violations;
});

/** `{ value, trace }`: a decision before its provenance. */
const WithoutProvenance = plainConstructor(function WithoutProvenance(
  this: AssembledCompleteness,
  value: AssembledCompleteness['value'],
  trace: TraceEntry[],
) {
  this.value = value;
  this.trace = trace;
});

/** `{ value, trace, provenance }`: a whole decision. */
const WithProvenance = plainConstructor(function WithProvenance(
  this: AssembledDecision,
  value: AssembledCompleteness['value'],
  trace: TraceEntry[],
  provenance: Provenance,
) {
  this.value = value;
  this.trace = trace;
  this.provenance = provenance;
});

/**
 * The `records.completeness` decision of a well-formed file assembled from the shared parts of its
 * state (see the file comment), or `undefined` when this path does not read the file (the caller
 * then takes the previous path). Never throws on any input value it reads; `now` stamps the
 * violations when the file has no `checkedAt`. With `provenance` (the plain provenance of the
 * module's decisions under the policy and context, `provisional: false`), the whole decision is
 * returned with it, or without a provenance for a state whose trace names a figure beyond the
 * calendar's data (none does: the completeness rule counts no days).
 *
 * @internal
 */
export function assembledCompleteness(
  file: unknown,
  policy: RecordsPolicy,
  now: Instant,
): AssembledCompleteness | undefined;
export function assembledCompleteness(
  file: unknown,
  policy: RecordsPolicy,
  now: Instant,
  provenance: Provenance,
): AssembledDecision | AssembledCompleteness | undefined;
export function assembledCompleteness(
  file: unknown,
  policy: RecordsPolicy,
  now: Instant,
  provenance?: Provenance,
): AssembledCompleteness | AssembledDecision | undefined {
  // Each object's prototype is checked first (a class instance or a null prototype goes the
  // general way before any getter runs, so zod reads each of its values once, as without this
  // path; `UNSEEN` is read before, which runs no getter and makes the check cheap), then it is
  // read by name, then its number of keys is checked: the count equals the defined named keys
  // exactly when no other key (and no undefined value) is there, as the strict schema requires.
  // The responsible person is read by the reader the handover path uses.
  if (file === null || typeof file !== 'object') return undefined;
  const f = file as Record<string | symbol, unknown>;
  if (f[UNSEEN] !== undefined || Object.getPrototypeOf(f) !== OBJECT_PROTO) return undefined;
  const fileTypeId = f.fileTypeId;
  const fileId = f.fileId;
  const responsible = f.responsible;
  const flags = f.flags;
  const documents = f.documents;
  const media = f.media;
  const checkedAtRaw = f.checkedAt;
  const correctedAtRaw = f.correctedAt;
  // `fields` and `copies` are read by the general path: a file with them (hidden ones included,
  // which zod reads by name and `for…in` does not show) steps aside.
  if (f.fields !== undefined || f.copies !== undefined) return undefined;
  const keys =
    3 +
    (flags === undefined ? 0 : 1) +
    (documents === undefined ? 0 : 1) +
    (media === undefined ? 0 : 1) +
    (checkedAtRaw === undefined ? 0 : 1) +
    (correctedAtRaw === undefined ? 0 : 1);
  if (knownKeyCount(f, FILE_KEYS) !== keys || !isId(fileTypeId) || !isId(fileId)) return undefined;
  if (!readResponsible(responsible)) return undefined;
  const personId = responsibleRead.personId;
  const role = responsibleRead.role;
  const departmentId = responsibleRead.departmentId;
  const ft = fastTypeOf(policy, fileTypeId);
  if (ft === null) return undefined;

  const mediaBits = mediaBitsOf(ft, media);
  if (mediaBits < 0) return undefined;
  let checkedAt: Instant | undefined;
  let correctedAt: Instant | undefined;
  if (checkedAtRaw !== undefined) {
    const at = instantOrUndefined(checkedAtRaw);
    if (at === null || at === undefined) return undefined;
    checkedAt = at;
  }
  if (correctedAtRaw !== undefined) {
    const at = instantOrUndefined(correctedAtRaw);
    if (at === null || at === undefined) return undefined;
    correctedAt = at;
  }

  // The flags and the documents are read into the file type's scratch (a getter calling back in
  // while they are read takes the previous path).
  if (ft.busy) return undefined;
  ft.busy = true;
  let key: number;
  try {
    key = flagsAndDocumentState(ft, flags, documents);
  } finally {
    ft.busy = false;
  }
  if (key < 0) return undefined;
  key += mediaBits * ft.mediaWeight;

  const at = checkedAt ?? now;
  const slot = stateSlot(key);
  let parts = ft.cachedKeys[slot] === key ? ft.cachedParts[slot] : undefined;
  if (parts === undefined) {
    parts = ft.states.get(key);
    if (parts === undefined) {
      parts = stateParts(judgeCompleteness(file as CompletenessView, ft.ct, at, correctedAt));
      if (!partsMatchKey(ft, parts, key)) return undefined;
      if (ft.states.size < MAX_ENTRIES) ft.states.set(key, parts);
    }
    ft.cachedKeys[slot] = key;
    ft.cachedParts[slot] = parts;
  }

  const result = new AssembledResult(fileId, parts, ft.totalFields);
  const vs = parts.violations;
  let violations: Violation[] = EMPTY as never[];
  if (vs.length > 0) {
    // (sized once: a list grown by push reserves room for 16 or more)
    violations = new Array(vs.length);
    const who = (role as string | undefined) ?? ft.defaultRole;
    for (let i = 0; i < vs.length; i++) {
      const p = vs[i] as ViolationPart;
      // What `judgeCompleteness` builds (core `violation()`'s fields), key for key.
      if (who && !departmentId && !correctedAt) {
        violations[i] = new FileViolation(p, personId, who, at, fileId, ft.source as Violation['source']);
        continue;
      }
      const v = new PlainObject() as Record<string, unknown>;
      v.code = p.code;
      v.personId = personId;
      if (who) v.role = who;
      if (departmentId) v.departmentId = departmentId;
      v.occurredAt = at;
      v.quantity = p.quantity;
      v.subject = new FileSubject(fileId);
      v.source = ft.source;
      if (correctedAt) v.correctedAt = correctedAt;
      v.data = p.data;
      violations[i] = v as unknown as Violation;
    }
  }
  const value = new AssembledValue(result, violations);
  if (provenance !== undefined && parts.plain) return new WithProvenance(value, parts.trace, provenance);
  return new WithoutProvenance(value, parts.trace);
}

/** The media present as bits in the file type's order; -1 for media this path does not read. */
function mediaBitsOf(ft: FastType, media: unknown): number {
  let bits = 0;
  if (media === undefined) return bits;
  if (media === null || typeof media !== 'object') return -1;
  const m = media as Record<string | symbol, unknown>;
  if (m[UNSEEN] !== undefined || Object.getPrototypeOf(m) !== OBJECT_PROTO) return -1;
  const paper = m.paper;
  const electronic = m.electronic;
  if (paper !== undefined && typeof paper !== 'boolean') return -1;
  if (electronic !== undefined && typeof electronic !== 'boolean') return -1;
  if (knownKeyCount(m, MEDIA_KEYS) !== (paper === undefined ? 0 : 1) + (electronic === undefined ? 0 : 1))
    return -1;
  const list = ft.media;
  for (let j = 0; j < list.length; j++) {
    if ((list[j] === 'paper' ? paper : electronic) === true) bits |= 1 << j;
  }
  return bits;
}

/**
 * Whether the parts the general rule built for a state met for the first time say what its key
 * says, document by document (missing, or present with each signature ok, missing or wrong), medium
 * by medium, with no defect, and what a file without fields or copies gives. The rule reads the file again: a getter answering otherwise on that
 * read would give parts of another state, which every later file in this state would then get.
 * Reads only the parts and the file type (not the file).
 */
function partsMatchKey(ft: FastType, parts: StateParts, key: number): boolean {
  if (parts.defectiveDocuments.length > 0) return false;
  // A file without fields or copies: none filled or invalid, every required field missing, every
  // copy missing.
  const { fields, copies } = ft.ct.fileType;
  if (parts.filledCount !== 0 || parts.invalidFields.length > 0) return false;
  let f = 0;
  for (const field of fields) {
    if (!field.required) continue;
    if (parts.missingFields[f] !== field.id) return false;
    f++;
  }
  if (f !== parts.missingFields.length) return false;
  let c = 0;
  for (const copy of copies) {
    if (copy.count <= 0) continue;
    const m = parts.missingCopies[c];
    if (m === undefined || m.holder !== copy.holder || m.missing !== copy.count) return false;
    c++;
  }
  if (c !== parts.missingCopies.length) return false;
  let rest = key % ft.mediaWeight;
  const mediaBits = (key - rest) / ft.mediaWeight;
  for (let j = 0; j < ft.media.length; j++) {
    const given = ((mediaBits >> j) & 1) === 1;
    if (given === parts.missingMedia.includes(ft.media[j] as 'paper' | 'electronic')) return false;
  }
  const compiled = ft.ct.documents;
  for (let i = 0; i < ft.docs.length; i++) {
    const fd = ft.docs[i] as FastDocument;
    const signers = (compiled[i] as (typeof compiled)[number]).signers;
    const radix = 2 + 3 ** signers.length;
    const code = rest % radix;
    rest = (rest - code) / radix;
    const id = fd.def.id;
    const missing = parts.missingDocuments.includes(id);
    if (code < 2) {
      // 0: not required (its flag is off), 1: missing.
      if (missing !== (code === 1)) return false;
      if (parts.missingCustomerSignatures.includes(id) || parts.missingStaffSignatures.includes(id))
        return false;
      continue;
    }
    if (missing) return false;
    let state = code - 2;
    for (let k = 0; k < signers.length; k++) {
      const digit = state % 3; // 0 ok, 1 missing, 2 wrong
      state = (state - digit) / 3;
      const s = signers[k] as (typeof signers)[number];
      const list = s.signer === 'customer' ? parts.missingCustomerSignatures : parts.missingStaffSignatures;
      if (list.includes(id) !== (digit !== 0)) return false;
      if (digit !== 0 && !parts.trace.includes(digit === 2 ? s.wrong : s.missing)) return false;
    }
  }
  return rest === 0;
}

/**
 * Reads the flags and the documents (checking each as the input schema does) and returns the
 * documents' part of the state key, or -1 when this path does not read them. Uses the file type's
 * scratch (the seals' values are cleared before returning; a slot is present when `seen` holds
 * this call's number).
 */
function flagsAndDocumentState(ft: FastType, flags: unknown, documents: unknown): number {
  const flagSeal = ft.flagSeal;
  let flagValues: readonly unknown[] | undefined;
  if (flags !== undefined) {
    if (flagSeal !== undefined) {
      // (a record of known flags: an unknown flag, a symbol or a value that is not a boolean throws)
      if (!isRecord(flags) || !readSealed(flagSeal, flags)) return -1;
      flagValues = flagSeal.values;
    } else {
      if (!isRecord(flags) || hasSymbolKey(flags)) return -1;
      // The values `for…in` shows, as zod's record reads them (an own `__proto__` key, which zod
      // skips, or a hidden or inherited flag, which it does not read, takes the previous path or
      // stays unread).
      const values: unknown[] = ft.knownFlags.map(() => undefined);
      for (const k in flags) {
        // An unknown flag is refused by the rule: the previous path refuses it.
        const i = k === '__proto__' ? -1 : ft.knownFlags.indexOf(k);
        const v = flags[k];
        if (i < 0 || typeof v !== 'boolean') return -1;
        values[i] = v;
      }
      flagValues = values;
    }
  }
  try {
    return documentState(ft, documents, flagValues);
  } finally {
    if (flagSeal !== undefined && flagValues === flagSeal.values) clearSeal(flagSeal);
  }
}

/**
 * The documents' part of the state key (-1: this path does not read them). An always-required
 * document with one id adds its part while it is read (the base key counts it missing); the
 * others are looked at after the read, from the slots seen.
 */
function documentState(ft: FastType, documents: unknown, flagValues: readonly unknown[] | undefined): number {
  const { sig, seen } = ft;
  let call = ft.call + 1;
  if (call > 0x3fffffff) {
    seen.fill(0);
    call = 1;
  }
  ft.call = call;
  let key = ft.baseKey;
  if (documents !== undefined) {
    if (!Array.isArray(documents) || Object.getPrototypeOf(documents) !== ARRAY_PROTO) return -1;
    const slotIds = ft.slotIds;
    const ownerOf = ft.ownerOf;
    let guess = 0;
    for (let i = 0; i < documents.length; i++) {
      const d: unknown = documents[i];
      if (d === null || typeof d !== 'object') return -1;
      const doc = d as Record<string | symbol, unknown>;
      if (doc[UNSEEN] !== undefined || Object.getPrototypeOf(doc) !== OBJECT_PROTO) return -1;
      const id = doc.id;
      const signatures = doc.signatures;
      const docFields = doc.fields;
      const defects = doc.defects;
      if (!isId(id)) return -1;
      if (defects !== undefined) {
        // A defective document echoes its defects: the previous path reads it.
        if (!Array.isArray(defects) || Object.getPrototypeOf(defects) !== ARRAY_PROTO) return -1;
        if (defects.length > 0) return -1;
      }
      const keys =
        1 +
        (signatures === undefined ? 0 : 1) +
        (docFields === undefined ? 0 : 1) +
        (defects === undefined ? 0 : 1);
      if (knownKeyCount(doc, DOCUMENT_KEYS) !== keys) return -1;
      let digits = 4; // customer and staff both missing (1 + 3 × 1)
      if (signatures !== undefined) {
        if (signatures === null || typeof signatures !== 'object') return -1;
        const sg = signatures as Record<string | symbol, unknown>;
        if (sg[UNSEEN] !== undefined || Object.getPrototypeOf(sg) !== OBJECT_PROTO) return -1;
        const customer = sg.customer;
        const staff = sg.staff;
        const c = customer === undefined ? 1 : statusDigit(customer);
        const st = staff === undefined ? 1 : statusDigit(staff);
        if (c < 0 || st < 0) return -1;
        if (
          knownKeyCount(sg, SIGNATURE_KEYS) !==
          (customer === undefined ? 0 : 1) + (staff === undefined ? 0 : 1)
        )
          return -1;
        digits = c + 3 * st;
      }
      // The documents are usually listed in the policy's order, some left out.
      let slot: number | undefined;
      if (slotIds[guess] === id) slot = guess;
      else if (slotIds[guess + 1] === id) slot = guess + 1;
      else slot = ft.slotOf.get(id);
      // An unknown or repeated document is refused by the rule: the previous path refuses it.
      if (slot === undefined || seen[slot] === call) return -1;
      // The fields are checked here against the document the slot belongs to; a defect (or a
      // field it does not declare) takes the previous path, which reports (or refuses) it.
      const owner = ownerOf[slot] as FastDocument;
      if (docFields !== undefined ? !fieldsWithoutDefect(owner, docFields) : owner.needsFields) return -1;
      seen[slot] = call;
      if (owner.simple) key += (owner.keyOf[digits] as number) - owner.weight;
      else sig[slot] = digits;
      guess = slot + 1;
    }
  }
  const complex = ft.complex;
  for (let i = 0; i < complex.length; i++) {
    const fd = complex[i] as FastDocument;
    if (fd.flagIndex >= 0 && (flagValues === undefined || flagValues[fd.flagIndex] !== fd.whenEquals))
      continue;
    let slot = -1;
    const slots = fd.slots;
    for (let s = 0; s < slots.length; s++) {
      if (seen[slots[s] as number] === call) {
        slot = slots[s] as number;
        break;
      }
    }
    key += slot < 0 ? fd.weight : (fd.keyOf[sig[slot] as number] as number);
  }
  return key;
}

/**
 * Whether a document's `fields` are well-formed (a plain record of strings) and give no defect and
 * no refusal under `fd` (what `documentFieldDefects` returns `[]` for); anything else takes the
 * previous path. Read through the document's seal when it has one (the values are cleared before
 * returning), else by `for…in`.
 */
function fieldsWithoutDefect(fd: FastDocument, given: unknown): boolean {
  if (!isRecord(given)) return false;
  const seal = fd.fieldSeal;
  if (seal === undefined) return fieldsByKeys(fd, given);
  // (a record of declared fields: any other key, a symbol included, or a value that is not a string throws)
  if (!readSealed(seal, given)) return false;
  const values = seal.values;
  const rules = fd.fieldRules;
  let ok = true;
  for (let i = 0; i < rules.length; i++) {
    const value = values[i] as string | undefined;
    values[i] = undefined;
    if (!ok) continue;
    const f = rules[i] as FieldRule;
    if (value === undefined || value === '') {
      if (f.required) ok = false;
    } else if (f.re !== undefined && !f.re.test(value)) ok = false;
  }
  return ok;
}

/** `fieldsWithoutDefect` for a document without a seal: the keys walked by `for…in`. */
function fieldsByKeys(fd: FastDocument, given: Record<string, unknown>): boolean {
  // (a record: zod refuses a symbol key, which `for…in` does not see)
  if (hasSymbolKey(given)) return false;
  const declared = fd.declared;
  // The values `for…in` shows, as zod's record reads them (not a hidden or inherited one by name).
  const seen = new Map<string, string>();
  for (const k in given) {
    const v = given[k];
    if (typeof v !== 'string' || k === '__proto__' || !declared.includes(k)) return false;
    seen.set(k, v);
  }
  const rules = fd.fieldRules;
  for (let i = 0; i < rules.length; i++) {
    const f = rules[i] as FieldRule;
    const value = seen.get(f.id);
    if (value === undefined || value === '') {
      if (f.required) return false;
    } else if (f.re !== undefined && !f.re.test(value)) return false;
  }
  return true;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** The trace rules that make a decision's provenance `provisional` (core's provenance reads them). */
const PROVISIONAL_RULES: readonly string[] = ['zhidu.calendar.provisional', 'zhidu.calendar.workweek'];

/** The shared, frozen parts of a state's decision, from the general rule's decision of one file in it. */
function stateParts(j: ReturnType<typeof judgeCompleteness>): StateParts {
  const r = j.result;
  return Object.freeze({
    complete: r.complete,
    missingDocuments: deepFreeze(r.missingDocuments),
    defectiveDocuments: deepFreeze(r.defectiveDocuments),
    missingCustomerSignatures: deepFreeze(r.missingCustomerSignatures),
    missingStaffSignatures: deepFreeze(r.missingStaffSignatures),
    missingFields: deepFreeze(r.missingFields),
    invalidFields: deepFreeze(r.invalidFields),
    missingMedia: deepFreeze(r.missingMedia),
    missingCopies: deepFreeze(r.missingCopies),
    filledCount: r.filledCount,
    trace: deepFreeze(j.trace),
    violations: Object.freeze(
      j.violations.map((v) =>
        Object.freeze({ code: v.code, quantity: v.quantity, data: deepFreeze(v.data ?? {}) }),
      ),
    ),
    plain: !j.trace.some((e) => PROVISIONAL_RULES.includes(e.rule)),
  });
}
