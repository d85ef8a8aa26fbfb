// The fast violation check before its objects were built by constructors (issue 21: allocation
// sites), kept verbatim (imports aside: the canonical shape test is the module's exported one) as
// the oracle of the seeded properties in plain-objects.test.ts and of the oracle pipeline.
import { LatenessUnitSchema, toInstant, type Violation } from '@zhidu/core';
import { isCanonicalInstant } from '../violation-input.js';

const LATENESS_UNITS: ReadonlySet<string> = new Set(LatenessUnitSchema.options);

/** The keys for-in sees (own and inherited enumerable string keys), counted without an array. */
function keyCount(o: object): number {
  let n = 0;
  for (const _k in o) n++;
  return n;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/** A safe integer ≥ `min` (never -0, which is left to zod). */
const count = (v: unknown, min: number): v is number =>
  Number.isSafeInteger(v) && (v as number) >= min && !Object.is(v, -0);

/** A canonical instant as is, any other instant string converted; undefined for anything zod must judge. */
/** A canonical instant as is, any other instant string converted; undefined for anything zod must judge. */
function fastInstant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (isCanonicalInstant(value)) return value;
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
 * @returns the parsed violation, or `undefined` to let zod decide
 * @example
 * fastViolation({ code: 'records.handover.late', personId: 'sc-1', occurredAt: '2024-03-08T10:00:00+08:00',
 *   source: { module: 'records', rule: 'S000-ARCHIVE-07' } })?.occurredAt; //=> '2024-03-08T02:00:00.000Z'
 * fastViolation({ code: 'x', personID: 'sc-1' }); //=> undefined (zod refuses it with unknown_key)
 */
export function fastViolation(raw: unknown): Violation | undefined {
  if (!isPlainObject(raw)) return undefined;
  const { code, personId, role, departmentId, quantity, lateBy, subject, source, data } = raw;
  // No key but the schema's, none present with the value undefined: the keys for-in sees are
  // exactly the fields read that hold a value (an unknown key, or a known one holding undefined,
  // makes the counts differ).
  const held =
    (code !== undefined ? 1 : 0) +
    (personId !== undefined ? 1 : 0) +
    (role !== undefined ? 1 : 0) +
    (departmentId !== undefined ? 1 : 0) +
    (raw.occurredAt !== undefined ? 1 : 0) +
    (quantity !== undefined ? 1 : 0) +
    (lateBy !== undefined ? 1 : 0) +
    (subject !== undefined ? 1 : 0) +
    (source !== undefined ? 1 : 0) +
    (raw.correctedAt !== undefined ? 1 : 0) +
    (data !== undefined ? 1 : 0);
  if (keyCount(raw) !== held) return undefined;
  if (!nonEmpty(code) || !nonEmpty(personId)) return undefined;
  if (role !== undefined && typeof role !== 'string') return undefined;
  if (departmentId !== undefined && typeof departmentId !== 'string') return undefined;
  const occurredAt = fastInstant(raw.occurredAt);
  if (occurredAt === undefined) return undefined;
  if (quantity !== undefined && !count(quantity, 1)) return undefined;
  if (!isPlainObject(source) || !nonEmpty(source.module) || !nonEmpty(source.rule)) return undefined;
  const clause = source.clause;
  let keys = 2;
  if (clause !== undefined) {
    if (typeof clause !== 'string') return undefined;
    keys = 3;
  }
  if (keyCount(source) !== keys) return undefined;
  let lateCopy: Record<string, unknown> | undefined;
  if (lateBy !== undefined) {
    if (!isPlainObject(lateBy)) return undefined;
    const { unit, units, ms } = lateBy;
    if (typeof unit !== 'string' || !LATENESS_UNITS.has(unit)) return undefined;
    if (!count(units, 0)) return undefined;
    if (ms !== undefined && !count(ms, 0)) return undefined;
    if (keyCount(lateBy) !== (ms === undefined ? 2 : 3)) return undefined;
    lateCopy = ms === undefined ? { unit, units } : { unit, units, ms };
  }
  let subjectCopy: { kind: string; id: string } | undefined;
  if (subject !== undefined) {
    if (!isPlainObject(subject) || !nonEmpty(subject.kind) || !nonEmpty(subject.id)) return undefined;
    if (keyCount(subject) !== 2) return undefined;
    subjectCopy = { kind: subject.kind, id: subject.id };
  }
  const sourceCopy =
    clause === undefined
      ? { module: source.module, rule: source.rule }
      : { module: source.module, rule: source.rule, clause };
  let correctedAt: string | undefined;
  if (raw.correctedAt !== undefined) {
    correctedAt = fastInstant(raw.correctedAt);
    if (correctedAt === undefined) return undefined;
  }
  let dataCopy: Record<string, unknown> | undefined;
  if (data !== undefined) {
    if (
      !isPlainObject(data) ||
      Object.getOwnPropertySymbols(data).length > 0 ||
      Object.hasOwn(data, '__proto__')
    )
      return undefined;
    dataCopy = {};
    for (const k of Object.keys(data)) dataCopy[k] = data[k];
  }
  // The shape bulk emitters give (every optional field but the department and data): one literal,
  // keys in the schema's order, instead of a property added at a time (each addition past the
  // literal's own fields grows a property store).
  if (
    role !== undefined &&
    departmentId === undefined &&
    quantity !== undefined &&
    lateCopy !== undefined &&
    subjectCopy !== undefined &&
    correctedAt !== undefined &&
    dataCopy === undefined
  ) {
    return {
      code,
      personId,
      role,
      occurredAt,
      quantity,
      lateBy: lateCopy,
      subject: subjectCopy,
      source: sourceCopy,
      correctedAt,
    } as Violation;
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
