import {
  InstantSchema,
  knownKeyCount,
  LateBy,
  LatenessUnitSchema,
  toInstant,
  type Violation,
  ViolationSchema,
} from '@zhidu/core';
import { z } from 'zod';
import { BulkViolation, LateByUnits, Source, SourceClause, Subject } from './plain.js';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, from: number, len: number): number {
  let x = 0;
  for (let k = from; k < from + len; k++) x = x * 10 + (s.charCodeAt(k) - 48);
  return x;
}

/** `d` a digit, anything else itself: the shape of a canonical instant, as {@link CANONICAL} says. */
const SHAPE = 'dddd-dd-ddTdd:dd:dd.dddZ';

/** Whether a string has the shape of {@link CANONICAL} (ASCII digits where it has `\d`), read char by char. */
function canonicalShape(s: string): boolean {
  if (s.length !== 24) return false;
  for (let i = 0; i < 24; i++) {
    const c = s.charCodeAt(i);
    const m = SHAPE.charCodeAt(i);
    if (m === 100 ? c < 48 || c > 57 : c !== m) return false;
  }
  return true;
}

/**
 * Whether a string is a canonical UTC instant (`YYYY-MM-DDTHH:mm:ss.sssZ`, ASCII digits, fields
 * naming a real date and time): the one string of its instant, so two such strings are equal exactly
 * when their instants are.
 *
 * @example
 * isCanonicalInstant('2024-03-01T00:00:00.000Z'); //=> true
 * isCanonicalInstant('2024-03-01 00:00:00.000Z'); //=> false
 * isCanonicalInstant('2024-02-30T00:00:00.000Z'); //=> false
 */
export function isCanonicalInstant(s: string): boolean {
  return canonicalShape(s) && fieldsValid(s);
}

/** Whether the fields of a `YYYY-MM-DDTHH:mm:ss.sssZ` string name a real instant. */
function fieldsValid(s: string): boolean {
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
  return day <= max && digits(s, 11, 2) <= 23 && digits(s, 14, 2) <= 59 && digits(s, 17, 2) <= 59;
}

/**
 * Core's `InstantSchema` with a fast path: a canonical UTC instant (`2024-03-07T15:59:59.999Z`, what
 * every zhidu module emits) whose fields name a real date and time is already its own canonical
 * form, so the zone arithmetic is skipped. Anything else goes through core's schema unchanged, with
 * its error codes. The output is identical in both cases (checked by a property test).
 */
const FastInstantSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  if (typeof value === 'string' && CANONICAL.test(value) && fieldsValid(value)) return value;
  const parsed = InstantSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const params = (issue as { params?: Record<string, unknown> }).params;
    ctx.addIssue({ code: 'custom', message: issue.message, ...(params === undefined ? {} : { params }) });
  }
  return z.NEVER;
});

/**
 * Core's `ViolationSchema`, strict (a misspelt field such as `personID` or `occuredAt` is refused
 * with `unknown_key` and the field meant, instead of being dropped), with the fast instant path for
 * `occurredAt` and `correctedAt`: pricing a million violations spends most of its validation time
 * there. A company's own fields go in `data` (any JSON values), where schedule items can match them
 * (`match.data`) and outcomes read them (`lossField`, `expenseField`, `field`, `parties`).
 */
export const ViolationInputSchema = ViolationSchema.extend({
  occurredAt: FastInstantSchema,
  correctedAt: FastInstantSchema.optional(),
});

/** A violation as `assessPenalties` and `penalty.ledger` accept it (instants may carry any offset). */
export type ViolationInput = z.input<typeof ViolationInputSchema>;

const LATENESS_UNITS: ReadonlySet<string> = new Set(LatenessUnitSchema.options);

/*
 * The keys each object is read by (the schema's own): a `for…in` key outside them, or a value read
 * by name that `for…in` does not show (a hidden key, which would make room for an unknown one),
 * leaves the violation to zod (core's `knownKeyCount`).
 */
const VIOLATION_KEYS: readonly string[] = Object.keys(ViolationInputSchema.shape);
const SOURCE_KEYS: readonly string[] = ['module', 'rule', 'clause'];
const LATE_BY_KEYS: readonly string[] = ['unit', 'units', 'ms'];
const SUBJECT_KEYS: readonly string[] = ['kind', 'id'];

/** The most distinct `source` or `lateBy` values one list shares (past them, each violation gets its own). */
const MAX_SHARED_PARTS = 1024;

/**
 * The `source` and `lateBy` copies of one list's violations (issue 21): one frozen object per
 * distinct value, shared by every violation of the list that gives it, as core's decisions share
 * parts that are the same across many items (see docs/concepts.md). A bulk list's violations mostly
 * come from a few emitting rules with the same lateness, and each copy outlived the young generation
 * of a call pricing a million of them: the collector copied 2 M small objects that said the same
 * thing. Values are compared field by field (the last one first, then a map); at most
 * {@link MAX_SHARED_PARTS} of each are kept in the map, and any further value gets a frozen object of
 * its own (shared only by the entries right after it that give the same value).
 *
 * @example
 * const parts = new ViolationParts();
 * parts.source('records', 'S000-ARCHIVE-07', undefined) === parts.source('records', 'S000-ARCHIVE-07', undefined); //=> true
 * Object.isFrozen(parts.lateBy('workingDays', 1, undefined)); //=> true
 */
export class ViolationParts {
  // The last part given of each kind: the next value is compared with its fields first.
  private lastSource: SourcePart | undefined = undefined;
  private lastLate: LateByPart | undefined = undefined;
  private readonly sources = new Map<string, SourcePart>();
  private readonly lates = new Map<string, LateByPart>();

  /** `{ module, rule }` or `{ module, rule, clause }`, frozen, shared by equal values. */
  source(module: string, rule: string, clause: string | undefined): SourcePart {
    const last = this.lastSource;
    if (last !== undefined && last.module === module && last.rule === rule && last.clause === clause)
      return last;
    // The lengths first: any text (U+0000 included) splits back into one triple.
    const key = `${module.length},${rule.length},${clause === undefined ? -1 : clause.length}:${module}${rule}${clause ?? ''}`;
    const part = keptPart(this.sources, key, () => ownSource(module, rule, clause));
    this.lastSource = part;
    return part;
  }

  /** `{ unit, units }` or `{ unit, units, ms }`, frozen, shared by equal values. */
  lateBy(unit: string, units: number, ms: number | undefined): LateByPart {
    const last = this.lastLate;
    if (last !== undefined && last.unit === unit && last.units === units && last.ms === ms) return last;
    // A lateness unit holds no `|`, and numbers are written without one.
    const key = `${unit}|${units}|${ms ?? ''}`;
    const part = keptPart(this.lates, key, () => ownLateBy(unit, units, ms));
    this.lastLate = part;
    return part;
  }
}

/** A violation's `source` as parsed. */
type SourcePart = { readonly module: string; readonly rule: string; readonly clause?: string };
/** A violation's `lateBy` as parsed. */
type LateByPart = { readonly unit: string; readonly units: number; readonly ms?: number };

/** A `source` of its own: `{ module, rule }`, or with its clause (keys in the schema's order). */
function ownSource(module: string, rule: string, clause: string | undefined): SourcePart {
  return clause === undefined ? new Source(module, rule) : new SourceClause(module, rule, clause);
}

/** A `lateBy` of its own: `{ unit, units }`, or with its milliseconds (core's `LateBy`). */
function ownLateBy(unit: string, units: number, ms: number | undefined): LateByPart {
  return ms === undefined ? new LateByUnits(unit, units) : new LateBy(unit as LateBy['unit'], units, ms);
}

/**
 * The part `parts` keeps under `key`, or `make()`'s frozen, kept while `parts` holds fewer than
 * {@link MAX_SHARED_PARTS}.
 */
function keptPart<T extends object>(parts: Map<string, T>, key: string, make: () => T): T {
  let part = parts.get(key);
  if (part === undefined) {
    part = Object.freeze(make());
    if (parts.size < MAX_SHARED_PARTS) parts.set(key, part);
  }
  return part;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/** A safe integer ≥ `min` (never -0, which is left to zod). */
const count = (v: unknown, min: number): v is number =>
  Number.isSafeInteger(v) && (v as number) >= min && !Object.is(v, -0);

/** A canonical instant as is, any other instant string converted; undefined for anything zod must judge. */
function fastInstant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (canonicalShape(value) && fieldsValid(value)) return value;
  try {
    return toInstant(value);
  } catch {
    return undefined;
  }
}

/**
 * Accepts a plain, well-formed violation without zod: the value {@link ViolationInputSchema} would
 * return for it (same keys in the same order, nested objects copied), or `undefined` whenever
 * anything is unusual — an unknown or misspelt key, a key present with the value `undefined`, a
 * wrong type, an empty string, an instant that is not a valid string, a non-plain object — so that
 * zod parses it and refuses it with its own code, path and message. Seeded properties check that
 * both give the same value on valid input and that every input this accepts zod accepts too.
 *
 * @param raw - one entry of a violation list, as given
 * @param parts - the list's shared `source` and `lateBy` copies (a loop over a list passes one
 *   {@link ViolationParts} for all its entries); without it each violation gets copies of its own
 * @returns the parsed violation, or `undefined` to let zod decide
 * @example
 * fastViolation({ code: 'records.handover.late', personId: 'sc-1', occurredAt: '2024-03-08T10:00:00+08:00',
 *   source: { module: 'records', rule: 'S000-ARCHIVE-07' } })?.occurredAt; //=> '2024-03-08T02:00:00.000Z'
 * fastViolation({ code: 'x', personID: 'sc-1' }); //=> undefined (zod refuses it with unknown_key)
 */
export function fastViolation(raw: unknown, parts?: ViolationParts): Violation | undefined {
  if (!isPlainObject(raw)) return undefined;
  // Each value is read once (a getter returning another value on a second read cannot pass the
  // check with one value and be copied with another).
  const { code, personId, role, departmentId, occurredAt: at, quantity, lateBy, subject, source } = raw;
  const { correctedAt: correctedRaw, data } = raw;
  // No key but the schema's, none present with the value undefined: the keys for-in sees are
  // exactly the fields read that hold a value (an unknown key, or a known one holding undefined,
  // makes the counts differ).
  const held =
    (code !== undefined ? 1 : 0) +
    (personId !== undefined ? 1 : 0) +
    (role !== undefined ? 1 : 0) +
    (departmentId !== undefined ? 1 : 0) +
    (at !== undefined ? 1 : 0) +
    (quantity !== undefined ? 1 : 0) +
    (lateBy !== undefined ? 1 : 0) +
    (subject !== undefined ? 1 : 0) +
    (source !== undefined ? 1 : 0) +
    (correctedRaw !== undefined ? 1 : 0) +
    (data !== undefined ? 1 : 0);
  if (knownKeyCount(raw, VIOLATION_KEYS) !== held) return undefined;
  if (!nonEmpty(code) || !nonEmpty(personId)) return undefined;
  if (role !== undefined && typeof role !== 'string') return undefined;
  if (departmentId !== undefined && typeof departmentId !== 'string') return undefined;
  const occurredAt = fastInstant(at);
  if (occurredAt === undefined) return undefined;
  if (quantity !== undefined && !count(quantity, 1)) return undefined;
  if (!isPlainObject(source)) return undefined;
  const { module, rule, clause } = source;
  if (!nonEmpty(module) || !nonEmpty(rule)) return undefined;
  let keys = 2;
  if (clause !== undefined) {
    if (typeof clause !== 'string') return undefined;
    keys = 3;
  }
  if (knownKeyCount(source, SOURCE_KEYS) !== keys) return undefined;
  let lateCopy: Record<string, unknown> | undefined;
  if (lateBy !== undefined) {
    if (!isPlainObject(lateBy)) return undefined;
    const { unit, units, ms } = lateBy;
    if (typeof unit !== 'string' || !LATENESS_UNITS.has(unit)) return undefined;
    if (!count(units, 0)) return undefined;
    if (ms !== undefined && !count(ms, 0)) return undefined;
    if (knownKeyCount(lateBy, LATE_BY_KEYS) !== (ms === undefined ? 2 : 3)) return undefined;
    lateCopy =
      parts !== undefined
        ? parts.lateBy(unit, units as number, ms as number | undefined)
        : ownLateBy(unit, units as number, ms as number | undefined);
  }
  let subjectCopy: { kind: string; id: string } | undefined;
  if (subject !== undefined) {
    if (!isPlainObject(subject)) return undefined;
    const { kind, id } = subject;
    if (!nonEmpty(kind) || !nonEmpty(id) || knownKeyCount(subject, SUBJECT_KEYS) !== 2) return undefined;
    subjectCopy = new Subject(kind, id);
  }
  const sourceCopy =
    parts !== undefined ? parts.source(module, rule, clause) : ownSource(module, rule, clause);
  let correctedAt: string | undefined;
  if (correctedRaw !== undefined) {
    correctedAt = fastInstant(correctedRaw);
    if (correctedAt === undefined) return undefined;
  }
  let dataCopy: Record<string, unknown> | undefined;
  if (data !== undefined) {
    // zod's record refuses an object whose own `constructor` is a class-like function (not a plain
    // object to it); a symbol key (not data: core's recordOf leaves it out) is left to the general
    // path too, which copies the record without it.
    if (
      !isPlainObject(data) ||
      Object.getOwnPropertySymbols(data).length > 0 ||
      Object.hasOwn(data, '__proto__') ||
      Object.hasOwn(data, 'constructor')
    )
      return undefined;
    dataCopy = {};
    for (const k of Object.keys(data)) dataCopy[k] = data[k];
  }
  // The shape bulk emitters give (every optional field but the department and data): one object
  // built with every key, in the schema's order, instead of a property added at a time (each addition
  // past the literal's own fields grows a property store); by a constructor, not a literal (see
  // ./plain.ts: a bulk list's violations outlive young collections during the call).
  if (
    role !== undefined &&
    departmentId === undefined &&
    quantity !== undefined &&
    lateCopy !== undefined &&
    subjectCopy !== undefined &&
    correctedAt !== undefined &&
    dataCopy === undefined
  ) {
    return new BulkViolation(
      code,
      personId,
      role,
      occurredAt,
      quantity as number,
      lateCopy,
      subjectCopy,
      sourceCopy,
      correctedAt,
    ) as unknown as Violation;
  }
  // Keys in the schema's order, as zod writes them.
  const v: Record<string, unknown> = { code, personId };
  if (role !== undefined) v.role = role;
  if (departmentId !== undefined) v.departmentId = departmentId;
  v.occurredAt = occurredAt;
  if (quantity !== undefined) v.quantity = quantity;
  if (lateCopy !== undefined) v.lateBy = lateCopy;
  if (subjectCopy !== undefined) v.subject = subjectCopy;
  v.source = sourceCopy;
  if (correctedAt !== undefined) v.correctedAt = correctedAt;
  if (dataCopy !== undefined) v.data = dataCopy;
  return v as Violation;
}

type ParseFn = (
  payload: { value: unknown; issues: unknown[] },
  ctx?: { direction?: string; async?: boolean },
) => unknown;

/**
 * A list from this many entries on is "large" (core's `LARGE_COLLECTION`, from which `parseInput`
 * refuses an array at its first bad entry instead of letting zod describe every bad entry).
 */
const LARGE_LIST = 1000;

type Issue = { path?: PropertyKey[] };

/**
 * The rest of a large list from entry `from` on (the entries before it passed {@link fastViolation}):
 * an entry the plain check does not accept is parsed by zod alone, as zod's array parser would
 * (same context, same value), and the list stops at the first entry zod refuses, with that entry's
 * issues under its index. zod's array parser describes every bad entry: 10^5 junk violations cost a
 * second before the module's input parser fell back to `parseInput`, which refuses the list at its
 * first bad entry anyway (the refusal's code, path and message come from there, unchanged).
 */
function largeList(
  input: readonly unknown[],
  out: Violation[],
  from: number,
  payload: { value: unknown; issues: unknown[] },
  ctx: Parameters<ParseFn>[1],
  zodParse: ParseFn,
  parts: ViolationParts,
): unknown {
  const element = ViolationInputSchema._zod as unknown as { run: ParseFn };
  for (let i = from; i < input.length; i++) {
    const v = fastViolation(input[i], parts);
    if (v !== undefined) {
      out[i] = v;
      continue;
    }
    const r = element.run({ value: input[i], issues: [] }, ctx) as {
      value: unknown;
      issues: Issue[];
    };
    // The violation schema is synchronous; were it not, zod parses the list as before.
    if (r instanceof Promise) return zodParse(payload, ctx);
    out[i] = r.value as Violation;
    if (r.issues.length > 0) {
      for (const issue of r.issues) {
        issue.path = [i, ...(issue.path ?? [])];
        payload.issues.push(issue);
      }
      payload.value = out;
      return payload;
    }
  }
  payload.value = out;
  return payload;
}

/**
 * The schema of a violation list: `z.array(ViolationInputSchema)` (the same JSON Schema, the same
 * values, the same refusals) whose parse first tries {@link fastViolation} on every entry. When all
 * entries pass, their values are the list's value and zod never walks them; at the first entry that
 * does not, zod parses the whole list exactly as before, so a refusal carries zod's own issues (core
 * turns them into the same code, path and message). A large list (1,000 entries or more) goes on
 * instead entry by entry, zod parsing only the entries the plain check does not accept, and stops
 * at the first entry zod refuses, with that entry's issues alone (as `parseInput` refuses a large
 * array): 10^5 junk violations are refused after one entry, not after zod described them all. Pricing a million violations spent most of its
 * validation time in zod's per-field bookkeeping.
 *
 * @returns a fresh array schema
 * @example
 * const list = violationListSchema();
 * list.parse([{ code: 'records.handover.late', personId: 'sc-1', occurredAt: '2024-03-08T10:00:00+08:00',
 *   source: { module: 'records', rule: 'S000-ARCHIVE-07' } }])[0]?.occurredAt; //=> '2024-03-08T02:00:00.000Z'
 */
export function violationListSchema() {
  const list = z.array(ViolationInputSchema);
  const internals = list._zod as unknown as { parse: ParseFn; run: ParseFn };
  const zodParse = internals.parse;
  // Without checks zod runs `parse` directly; with checks it would wrap it, and the fast path is left out.
  if (internals.run !== zodParse) return list;
  const parse: ParseFn = (payload, ctx) => {
    const input = payload.value;
    if (Array.isArray(input) && (ctx?.direction === undefined || ctx.direction === 'forward')) {
      const out: Violation[] = new Array(input.length);
      const parts = new ViolationParts();
      let i = 0;
      for (; i < input.length; i++) {
        const v = fastViolation(input[i], parts);
        if (v === undefined) break;
        out[i] = v;
      }
      if (i === input.length) {
        payload.value = out;
        return payload;
      }
      if (input.length >= LARGE_LIST) return largeList(input, out, i, payload, ctx, zodParse, parts);
    }
    return zodParse(payload, ctx);
  };
  internals.parse = parse;
  internals.run = parse;
  return list;
}
