import { z } from 'zod';
import { LatenessUnitSchema } from './duration.js';
import { describeValue, parseInput, ZhiduError } from './errors.js';
import { expectObject } from './guards.js';
import { MODULE_ID } from './module.js';
import { plainConstructor } from './plain.js';
import { recordOf } from './record.js';
import { InstantSchema, toInstant } from './time.js';

/**
 * A breach of a regulation, as modules emit it and `@zhidu/penalty` prices it — the common
 * currency between packages. It says who, what, when and how much (items, lateness); never the fine
 * itself, which belongs to the fine schedule.
 *
 * A module's violations may share sub-objects that are the same for many of them: `source` (one per
 * rule) and `lateBy` (one per lateness) can be frozen objects shared between violations and between
 * calls. Treat a decision as read-only; copy a violation (`{ ...v, source: { ...v.source } }`) before
 * changing one of its parts.
 */
export const ViolationSchema = z.strictObject({
  /** Namespaced code, e.g. `records.handover.late`. Fine schedules key on it. */
  code: z.string().min(1),
  /** The person answerable for it. */
  personId: z.string().min(1),
  role: z.string().optional(),
  departmentId: z.string().optional(),
  occurredAt: InstantSchema,
  /** How many items, vehicles, signatures … (default 1). */
  quantity: z.number().int().positive().optional(),
  /** How late, in the unit the regulation fines by. */
  lateBy: z
    .strictObject({
      unit: LatenessUnitSchema,
      units: z.number().int().nonnegative(),
      ms: z.number().int().nonnegative().optional(),
    })
    .optional(),
  /** What it concerns: a customer, a file, a complaint … */
  subject: z.strictObject({ kind: z.string().min(1), id: z.string().min(1) }).optional(),
  /** Which rule found it: the id of the module that emitted it, the catalog rule and the clause. */
  source: z.strictObject({
    /** The id of the module that emitted it, e.g. `records.handover` (see {@link violation}). */
    module: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().optional(),
  }),
  /** When it was put right, for fines that repeat until corrected. */
  correctedAt: InstantSchema.optional(),
  data: recordOf(z.string(), z.unknown()).optional(),
});
/** A breach of a regulation (see {@link ViolationSchema}). */
export type Violation = z.output<typeof ViolationSchema>;
/** A violation as JSON input (instants may carry any offset). */
export type ViolationInput = z.input<typeof ViolationSchema>;

/** Where a violation comes from: the catalog rule and, when known, the clause. */
export type ViolationCitation = { rule: string; clause?: string };

/**
 * Builds a violation as a module emits it: stamps `source` with the id of the registered module that
 * emits it and the rule (and clause) that found it, and validates the result against
 * {@link ViolationSchema} (instants normalised). The one way packages build violations, so
 * `source.module` is never forgotten or misspelt, always names a module (the same id as the decision's
 * `provenance.module`), and a malformed violation never reaches `@zhidu/penalty`. Fine schedules key on
 * `code`, not on `source.module`.
 *
 * @param module - the id of the module that emits the violation, `<package>.<name>` as registered
 *   (`'records.handover'`, `'sla.timers'`, `'attribution.ownership'`); a rule function shared by two
 *   modules is given the id by its caller
 * @param cite - the rule (and clause) that found the breach
 * @param fields - everything else: code, person, instant, quantity, lateness, subject, data…
 * @returns the validated violation
 * @throws ZhiduError `invalid_input` at `module` when `module` is not a module id (`'records'`, a package
 *   name, is refused); `invalid_input` (path under `violation`) when a field is malformed
 * @example
 * violation('records.handover', { rule: 'S000-ARCHIVE-07', clause: '000 L257' }, {
 *   code: 'records.handover.late', personId: 'u1', occurredAt: '2024-03-08T10:00:00+08:00',
 * }).source; //=> { module: 'records.handover', rule: 'S000-ARCHIVE-07', clause: '000 L257' }
 * violation('records', { rule: 'S000-ARCHIVE-07' }, {
 *   code: 'records.handover.late', personId: 'u1', occurredAt: '2024-03-08T10:00:00+08:00',
 * }); // throws ZhiduError invalid_input (a package name, not a module id)
 */
export function violation(
  module: string,
  cite: ViolationCitation,
  fields: Omit<ViolationInput, 'source'>,
): Violation {
  if (typeof module !== 'string' || !MODULE_ID.test(module)) {
    throw new ZhiduError(
      'invalid_input',
      ['module'],
      `violation 的 module 须为发出它的模块标识 <包>.<名称>（如 records.handover），实际为 ${describeValue(module)} / a violation's module is the id of the module that emits it, <package>.<name> (e.g. records.handover), got ${describeValue(module)}`,
    );
  }
  expectObject(cite, ['cite']);
  expectObject(fields, ['violation']);
  const source =
    cite.clause === undefined
      ? { module, rule: cite.rule }
      : { module, rule: cite.rule, clause: cite.clause };
  return plainViolation(fields, source) ?? parseInput(ViolationSchema, { ...fields, source }, ['violation']);
}

const VIOLATION_KEYS = new Set([
  'code',
  'personId',
  'role',
  'departmentId',
  'occurredAt',
  'quantity',
  'lateBy',
  'subject',
  'correctedAt',
  'data',
]);
const LATENESS_UNITS: ReadonlySet<string> = new Set(LatenessUnitSchema.options);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const count = (v: unknown, min: number): v is number => Number.isSafeInteger(v) && (v as number) >= min;
const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** A violation's `lateBy` with its milliseconds: `{ unit, units, ms }`, keys in that order. */
export type LateBy = { unit: z.infer<typeof LatenessUnitSchema>; units: number; ms: number };

/**
 * Builds a {@link LateBy} `{ unit, units, ms }` with `new` (see {@link plainConstructor}): the same plain
 * object, keys and JSON as the literal, without a V8 allocation site — for rule code building many
 * violations or timer states in one call. `value instanceof LateBy` asks for the shape (a plain object
 * with a lateness unit, and whole `units` and `ms` of its own).
 *
 * @throws ZhiduError `invalid_input` when called without `new`, for a unit that is not a lateness
 *   unit, or for `units` or `ms` that is not a whole number ≥ 0
 * @example
 * const late = new LateBy('workingDays', 2, 172_800_000);
 * JSON.stringify(late); //=> '{"unit":"workingDays","units":2,"ms":172800000}'
 * ({ unit: 'hours', units: 1, ms: 3_600_000 }) instanceof LateBy; //=> true
 */
export const LateBy = plainConstructor(function LateBy(
  this: LateBy,
  unit: LateBy['unit'],
  units: number,
  ms: number,
) {
  if (new.target === undefined || !LATENESS_UNITS.has(unit) || !count(units, 0) || !count(ms, 0)) {
    throw lateByRefusal(new.target !== undefined, unit, units, ms);
  }
  this.unit = unit;
  this.units = units;
  this.ms = ms;
});
Object.defineProperty(LateBy, Symbol.hasInstance, {
  value: (value: unknown): boolean =>
    isPlain(value) &&
    Object.hasOwn(value, 'unit') &&
    LATENESS_UNITS.has(value.unit as string) &&
    count(value.units, 0) &&
    count(value.ms, 0),
});

/** The refusal of {@link LateBy}'s arguments. */
function lateByRefusal(withNew: boolean, unit: unknown, units: unknown, ms: unknown): ZhiduError {
  if (!withNew)
    return new ZhiduError('invalid_input', [], 'LateBy 须用 new 调用 / LateBy is called with new');
  if (typeof unit !== 'string' || !LATENESS_UNITS.has(unit)) {
    return new ZhiduError(
      'invalid_input',
      ['unit'],
      `unit 须为 ${LatenessUnitSchema.options.join('、')} 之一，实际为 ${describeValue(unit)} / unit must be one of ${LatenessUnitSchema.options.join(', ')}, got ${describeValue(unit)}`,
    );
  }
  const [key, value] = count(units, 0) ? ['ms', ms] : ['units', units];
  return new ZhiduError(
    'invalid_input',
    [key],
    `${key} 须为不小于 0 的整数，实际为 ${describeValue(value)} / ${key} must be a whole number ≥ 0, got ${describeValue(value)}`,
  );
}

/**
 * The violation {@link ViolationSchema} would produce from `fields`, built directly when the fields are
 * plainly valid (what rule code emits, once per breach: a log of 10^5 breaches must not pay a zod parse
 * for each); `undefined` for anything else, which zod then parses or refuses with its usual error.
 * Mirrors the schema field by field; `violation.test.ts` checks it agrees with zod on arbitrary fields.
 */
function plainViolation(fields: Record<string, unknown>, source: Violation['source']): Violation | undefined {
  if (!isPlain(fields) || !nonEmpty(source.module) || !nonEmpty(source.rule)) return undefined;
  if ('clause' in source && typeof source.clause !== 'string') return undefined;
  for (const k of Object.keys(fields))
    if (!VIOLATION_KEYS.has(k) || fields[k] === undefined) return undefined;
  const { code, personId, role, departmentId, occurredAt, quantity, lateBy, subject, correctedAt, data } =
    fields;
  if (!nonEmpty(code) || !nonEmpty(personId) || typeof occurredAt !== 'string') return undefined;
  if (
    (role !== undefined && typeof role !== 'string') ||
    (departmentId !== undefined && typeof departmentId !== 'string')
  )
    return undefined;
  if (quantity !== undefined && !count(quantity, 1)) return undefined;
  if (correctedAt !== undefined && typeof correctedAt !== 'string') return undefined;
  let late: Violation['lateBy'];
  if (lateBy !== undefined) {
    if (!isPlain(lateBy)) return undefined;
    for (const k of Object.keys(lateBy)) if (k !== 'unit' && k !== 'units' && k !== 'ms') return undefined;
    const { unit, units, ms } = lateBy;
    if (typeof unit !== 'string' || !LATENESS_UNITS.has(unit) || !count(units, 0)) return undefined;
    if (ms !== undefined && !count(ms, 0)) return undefined;
    late = (ms === undefined ? { unit, units } : { unit, units, ms }) as Violation['lateBy'];
  }
  if (subject !== undefined) {
    if (!isPlain(subject) || !nonEmpty(subject.kind) || !nonEmpty(subject.id)) return undefined;
    if (Object.keys(subject).length !== 2) return undefined;
  }
  if (data !== undefined && (!isPlain(data) || Object.hasOwn(data, '__proto__'))) return undefined;
  let at: string;
  let corrected: string | undefined;
  try {
    at = toInstant(occurredAt);
    if (correctedAt !== undefined) corrected = toInstant(correctedAt);
  } catch {
    return undefined;
  }
  return {
    code,
    personId,
    ...(role !== undefined ? { role } : {}),
    ...(departmentId !== undefined ? { departmentId } : {}),
    occurredAt: at,
    ...(quantity !== undefined ? { quantity } : {}),
    ...(late !== undefined ? { lateBy: late } : {}),
    ...(subject !== undefined ? { subject: { kind: subject.kind as string, id: subject.id as string } } : {}),
    source,
    ...(corrected !== undefined ? { correctedAt: corrected } : {}),
    ...(data !== undefined ? { data: { ...data } } : {}),
  };
}
