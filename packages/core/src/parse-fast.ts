import { z } from 'zod';
import { recordShaped } from './plain.js';
import { neverRuns } from './record.js';

/**
 * The fast path of input validation (issue 21): a zod schema compiled, once, into a tree of plain
 * closures that checks a value and builds exactly the value zod's `safeParse` would return — for
 * the part of zod that rule inputs are made of (strict and stripping objects, records with string
 * keys, arrays, unions, strings, numbers, booleans, literals, enums, optional / nullable / default
 * wrappers, and the common length, bound and integer checks).
 *
 * It only ever says "valid, and here is the parsed value" or "not sure": on any value it does not
 * accept (a bad value, or a shape it does not read, such as an inherited key or a class instance)
 * it answers {@link NOT_PARSED}, and the caller parses with zod, which then builds the refusal
 * (code, path and bilingual message exactly as before). Checks it does not know (refinements,
 * string formats, trims) are run by zod's own check functions; a part it does not read at all (a
 * transform, a pipe, a lazy schema, an intersection…) is run by zod's own parser for that part,
 * without building any message. A schema whose root is such a part gets no fast path.
 */

/** What a fast parser returns for a value it does not accept (zod then decides). @internal */
export const NOT_PARSED: unique symbol = Symbol('zhidu.notParsed');

/** A compiled fast parser: the parsed value, or {@link NOT_PARSED}. @internal */
export type FastParser = (value: unknown) => unknown;

type Zod = {
  _zod: { def: Record<string, unknown>; traits: Set<string>; optin?: string; optout?: string; run?: unknown };
};
type Check = { _zod: { def: Record<string, unknown> } };

const NO = NOT_PARSED;
const { codePointLength, NUMBER_FORMAT_RANGES } = z.core.util as unknown as {
  codePointLength(s: string): number;
  NUMBER_FORMAT_RANGES: Record<string, [number, number]>;
};
const UNSUPPORTED = new Error('unsupported schema');

/** A length check's `when` is zod's default one ("the value has a length"), or absent. */
const defaultWhen = (when: unknown): boolean =>
  when === undefined || (typeof when === 'function' && when.name === '_whenHasLength');

/** The tests of the length checks of a string or array schema, or throws UNSUPPORTED. */
function lengthTest(checks: readonly Check[], strings: boolean): ((v: { length: number }) => boolean) | null {
  if (checks.length === 0) return null;
  const tests: ((v: { length: number }) => boolean)[] = [];
  for (const c of checks) {
    const d = c._zod.def;
    if (!defaultWhen(d.when)) throw UNSUPPORTED;
    const len = (v: { length: number }): number =>
      strings ? codePointLength(v as unknown as string) : v.length;
    switch (d.check) {
      case 'min_length': {
        const min = d.minimum as number;
        // zod: fewer units than the floor never reach it; twice the floor always clears it.
        tests.push((v) => v.length >= min && (v.length >= min * 2 || !strings || len(v) >= min));
        break;
      }
      case 'max_length': {
        const max = d.maximum as number;
        tests.push((v) => v.length <= max || (strings && len(v) <= max));
        break;
      }
      case 'length_equals': {
        const n = d.length as number;
        tests.push((v) => (strings ? len(v) === n : v.length === n));
        break;
      }
      default:
        throw UNSUPPORTED;
    }
  }
  if (tests.length === 1) return tests[0] as (v: { length: number }) => boolean;
  return (v) => {
    for (const t of tests) if (!t(v)) return false;
    return true;
  };
}

/** The test of a number schema's checks (bounds, integer formats), or throws UNSUPPORTED. */
function numberTest(checks: readonly Check[]): ((v: number) => boolean) | null {
  if (checks.length === 0) return null;
  const tests: ((v: number) => boolean)[] = [];
  for (const c of checks) {
    const d = c._zod.def;
    if (d.when !== undefined) throw UNSUPPORTED;
    switch (d.check) {
      case 'greater_than': {
        const value = d.value;
        if (typeof value !== 'number') throw UNSUPPORTED;
        tests.push(d.inclusive ? (v) => v >= value : (v) => v > value);
        break;
      }
      case 'less_than': {
        const value = d.value;
        if (typeof value !== 'number') throw UNSUPPORTED;
        tests.push(d.inclusive ? (v) => v <= value : (v) => v < value);
        break;
      }
      case 'number_format': {
        const format = (d.format as string | undefined) ?? 'float64';
        const range = NUMBER_FORMAT_RANGES[format];
        if (range === undefined) throw UNSUPPORTED;
        const [min, max] = range;
        const isInt = format.includes('int');
        tests.push((v) => (!isInt || Number.isSafeInteger(v)) && v >= min && v <= max);
        break;
      }
      default:
        throw UNSUPPORTED;
    }
  }
  if (tests.length === 1) return tests[0] as (v: number) => boolean;
  return (v) => {
    for (const t of tests) if (!t(v)) return false;
    return true;
  };
}

type Payload = { value: unknown; issues: unknown[] };
type RunnableCheck = {
  _zod: { def: { when?: (p: Payload) => boolean }; check(p: Payload): unknown };
};

/**
 * A node's checks run by zod's own check functions on a payload of the parsed value, in zod's order
 * (a check whose `when` says no is skipped): the value (an overwrite check may change it), or
 * {@link NOT_PARSED} as soon as one check reports an issue or answers asynchronously.
 */
function zodChecks(checks: readonly unknown[]): FastParser {
  const list = checks as readonly RunnableCheck[];
  return (v) => {
    const payload: Payload = { value: v, issues: [] };
    for (const ch of list) {
      const when = ch._zod.def.when;
      if (when !== undefined && !when(payload)) continue;
      if (ch._zod.check(payload) instanceof Promise || payload.issues.length > 0) return NO;
    }
    return payload.value;
  };
}

/** A part the fast path does not read, run by zod's own parser (no message is built on failure). */
function zodRun(schema: unknown): FastParser {
  const zod = (schema as { _zod: { run(p: Payload, ctx: { async: false }): unknown } })._zod;
  return (v) => {
    const r = zod.run({ value: v, issues: [] }, { async: false }) as Payload | Promise<unknown>;
    if (r instanceof Promise) {
      r.catch(() => undefined);
      return NO;
    }
    return r.issues.length > 0 ? NO : r.value;
  };
}

/** `parse` followed by `checks` (a node's type test, then its checks by zod's functions). */
function thenChecks(parse: FastParser, all: readonly unknown[]): FastParser {
  // A check that never runs (core's records carry one, to keep zod's compiler away) is no check.
  const checks = all.filter((c) => (c as RunnableCheck)._zod.def.when !== neverRuns);
  if (checks.length === 0) return parse;
  const run = zodChecks(checks);
  return (v) => {
    const r = parse(v);
    return r === NO ? NO : run(r);
  };
}

/** Marks a node whose checks are not all known natively: zod's check functions run them. */
const BY_ZOD = Symbol('byZod');

/** The native test of a node's checks, or {@link BY_ZOD} when one of them is not known. */
function nativeTest<T>(native: () => T | null): T | null | typeof BY_ZOD {
  try {
    return native();
  } catch (e) {
    if (e !== UNSUPPORTED) throw e;
    return BY_ZOD;
  }
}

/**
 * A plain object (see {@link recordShaped}: prototype `Object.prototype` or null, `constructor`
 * `Object` or absent) without a symbol key: what the fast path reads; any other is zod's to judge.
 */
function plainRecord(v: unknown): v is Record<string, unknown> {
  return recordShaped(v) && Object.getOwnPropertySymbols(v).length === 0;
}

/**
 * Whether a schema refuses `v` for certain, by its type alone (a string schema a value that is not a
 * string …): a union may then try its next option. `false` whenever it cannot tell (a fast parser's
 * NOT_PARSED means "not sure", and zod may still accept the value).
 */
function refusesByType(schema: unknown): (v: unknown) => boolean {
  const def = (schema as Zod | undefined)?._zod?.def;
  const never = () => false;
  if (def === undefined) return never;
  switch (def.type) {
    case 'string':
      return (v) => typeof v !== 'string';
    case 'number':
      return (v) => typeof v !== 'number';
    case 'boolean':
      return (v) => typeof v !== 'boolean';
    case 'array':
      return (v) => !Array.isArray(v);
    case 'object':
    case 'record':
      return (v) => v === null || typeof v !== 'object' || Array.isArray(v);
    case 'optional': {
      const inner = refusesByType(def.innerType);
      return (v) => v !== undefined && inner(v);
    }
    case 'nullable': {
      const inner = refusesByType(def.innerType);
      return (v) => v !== null && inner(v);
    }
    default:
      return never;
  }
}

function compileNode(schema: unknown, depth: number): FastParser {
  try {
    return compileKnown(schema, depth);
  } catch (e) {
    // The root must be read natively (else zod alone parses, as before); below it, zod runs the part.
    if (e !== UNSUPPORTED || depth === 0) throw e;
    const run = (schema as Zod | undefined)?._zod?.run;
    if (typeof run !== 'function') throw e;
    return zodRun(schema);
  }
}

function compileKnown(schema: unknown, depth: number): FastParser {
  if (depth > 32) throw UNSUPPORTED;
  const leaf = typeof schema === 'object' && schema !== null ? leaves.get(schema) : undefined;
  if (leaf !== undefined) return leaf;
  const zs = schema as Zod;
  const def = zs?._zod?.def;
  if (def === undefined || typeof def !== 'object') throw UNSUPPORTED;
  const own = (def.checks ?? []) as readonly Check[];
  // A schema that is itself a check (a string format such as z.email(), z.int()) runs as its first check.
  const selfCheck = zs._zod.traits.has('$ZodCheck');
  const checks = selfCheck ? [zs as unknown as Check, ...own] : own;
  if (def.coerce) throw UNSUPPORTED;
  if (selfCheck && def.type !== 'string' && def.type !== 'number') throw UNSUPPORTED;
  switch (def.type) {
    case 'string': {
      const isString: FastParser = (v) => (typeof v === 'string' ? v : NO);
      const test = selfCheck ? BY_ZOD : nativeTest(() => lengthTest(own, true));
      if (test === BY_ZOD) return thenChecks(isString, checks);
      return test === null ? isString : (v) => (typeof v === 'string' && test(v) ? v : NO);
    }
    case 'number': {
      const isNumber: FastParser = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : NO);
      const test = selfCheck ? BY_ZOD : nativeTest(() => numberTest(own));
      if (test === BY_ZOD) return thenChecks(isNumber, checks);
      return test === null
        ? isNumber
        : (v) => (typeof v === 'number' && Number.isFinite(v) && test(v) ? v : NO);
    }
    case 'boolean':
      return thenChecks((v) => (typeof v === 'boolean' ? v : NO), checks);
    case 'unknown':
    case 'any':
      return thenChecks((v) => v, checks);
    case 'literal':
    case 'enum': {
      const values = (zs._zod as { values?: unknown }).values;
      if (!(values instanceof Set)) throw UNSUPPORTED;
      return thenChecks((v) => (values.has(v) ? v : NO), checks);
    }
    case 'optional': {
      const innerSchema = def.innerType as Zod;
      const inner = compileNode(innerSchema, depth + 1);
      if (zs._zod.traits.has('$ZodExactOptional')) return thenChecks(inner, checks);
      if (innerSchema._zod.optin === 'defaulted') throw UNSUPPORTED;
      return thenChecks((v) => (v === undefined ? undefined : inner(v)), checks);
    }
    case 'nullable': {
      const inner = compileNode(def.innerType, depth + 1);
      return thenChecks((v) => (v === null ? null : inner(v)), checks);
    }
    case 'default': {
      if (checks.length > 0) throw UNSUPPORTED;
      const inner = compileNode(def.innerType, depth + 1);
      // zod's own getter: it hands out the default (a fresh copy of an object default).
      const fallback = () => (def as { defaultValue: unknown }).defaultValue;
      return (v) => {
        if (v === undefined) return fallback();
        const r = inner(v);
        return r === undefined ? fallback() : r;
      };
    }
    case 'array': {
      const native = nativeTest(() => lengthTest(own, false));
      const test = native === BY_ZOD ? null : native;
      const element = compileNode(def.element, depth + 1);
      const parse: FastParser = (v) => {
        if (!Array.isArray(v)) return NO;
        if (test !== null && !test(v)) return NO;
        const n = v.length;
        const out = new Array(n);
        for (let i = 0; i < n; i++) {
          const r = element(v[i]);
          if (r === NO) return NO;
          out[i] = r;
        }
        return out;
      };
      return native === BY_ZOD ? thenChecks(parse, checks) : parse;
    }
    case 'union': {
      if (checks.length > 0) throw UNSUPPORTED;
      if (typeof def.discriminator === 'string') return discriminated(zs, depth);
      if (def.inclusive === false) throw UNSUPPORTED; // z.xor: exactly one option
      const options = (def.options as unknown[]).map((o) => compileNode(o, depth + 1));
      if (options.length === 1) return options[0] as FastParser;
      // Scalars only (string / number / boolean without checks): one typeof test.
      const kinds = (def.options as Zod[]).map((o) => {
        const d = o._zod.def;
        const bare =
          !(d.checks as unknown[] | undefined)?.length &&
          d.format === undefined &&
          !d.coerce &&
          !o._zod.traits.has('$ZodCheck');
        const plain = bare ? d.type : undefined;
        return plain === 'string' || plain === 'boolean' || plain === 'number' ? plain : undefined;
      });
      if (kinds.every((k) => k !== undefined)) {
        const str = kinds.includes('string');
        const num = kinds.includes('number');
        const bool = kinds.includes('boolean');
        const scalar: FastParser = (v) => {
          const t = typeof v;
          return (t === 'string' && str) ||
            (t === 'number' && num && Number.isFinite(v as number)) ||
            (t === 'boolean' && bool)
            ? v
            : NO;
        };
        if (str && num && bool) ANY_SCALAR.add(scalar);
        return scalar;
      }
      // zod returns the first option that accepts the value. An option's NOT_PARSED means "not
      // sure" (an inherited or `__proto__` key, a class-like record …): a later option is tried
      // only after one that refuses the value for certain, by its type.
      const refuses = (def.options as unknown[]).map(refusesByType);
      return (v) => {
        for (let i = 0; i < options.length; i++) {
          const r = (options[i] as FastParser)(v);
          if (r !== NO) return r;
          if (!(refuses[i] as (v: unknown) => boolean)(v)) return NO;
        }
        return NO;
      };
    }
    case 'record': {
      if (def.mode !== undefined) throw UNSUPPORTED;
      const key = def.keyType as Zod;
      const kd = key?._zod?.def;
      if (
        kd?.type !== 'string' ||
        kd.format !== undefined ||
        kd.coerce ||
        key._zod.traits.has('$ZodCheck') ||
        (key._zod as { values?: unknown }).values !== undefined
      )
        throw UNSUPPORTED;
      // Keys with length checks only (an id's `min(1)`), tested natively; a key that fails them is
      // zod's to refuse (any other check: no fast path for the record).
      const keyTest = lengthTest((kd.checks ?? []) as readonly Check[], true);
      const value = compileNode(def.valueType, depth + 1);
      if (ANY_SCALAR.has(value)) {
        // A record of scalars (a decision table's facts): the value test inline.
        return thenChecks((v) => {
          if (!plainRecord(v)) return NO;
          // One read of each value, as zod reads it (a getter runs once), into the copy returned;
          // the copy is what is checked.
          const out: Record<string, unknown> = { ...v };
          const keys = Object.keys(out);
          for (let i = 0; i < keys.length; i++) {
            const k = keys[i] as string;
            if (k === '__proto__' || k === 'constructor' || (keyTest !== null && !keyTest(k))) return NO;
            const x = out[k];
            const t = typeof x;
            if (t !== 'string' && t !== 'boolean' && !(t === 'number' && Number.isFinite(x))) return NO;
          }
          return out;
        }, checks);
      }
      return thenChecks((v) => {
        if (!plainRecord(v)) return NO;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v)) {
          if (k === '__proto__' || k === 'constructor' || (keyTest !== null && !keyTest(k))) return NO;
          const r = value(v[k]);
          if (r === NO) return NO;
          out[k] = r;
        }
        return out;
      }, checks);
    }
    case 'object': {
      const catchall = def.catchall as Zod | undefined;
      const strict = catchall !== undefined;
      if (strict && catchall._zod.def.type !== 'never') throw UNSUPPORTED;
      const shape = def.shape as Record<string, Zod>;
      if (Object.getOwnPropertySymbols(shape).length > 0) throw UNSUPPORTED;
      const keys = Object.keys(shape);
      if (keys.includes('__proto__')) throw UNSUPPORTED;
      const known = new Set(keys);
      const fields = keys.map((k) => {
        const s = shape[k] as Zod;
        return {
          key: k,
          parse: compileNode(s, depth + 1),
          optin: s._zod.optin,
          optional: s._zod.optout === 'optional',
        };
      });
      const n = fields.length;
      const parse: FastParser = (v) => {
        // zod's own test of an object (any non-array object; its keys are read below).
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return NO;
        const out: Record<string, unknown> = {};
        let seen = 0;
        for (let i = 0; i < n; i++) {
          const f = fields[i] as (typeof fields)[number];
          const present = Object.hasOwn(v, f.key);
          if (!present && f.key in v) return NO; // an inherited key: zod's `in` would see it
          if (present) seen++;
          const r = f.parse(present ? (v as Record<string, unknown>)[f.key] : undefined);
          // The assignment rules of zod's compiled object parser, for a value that parsed.
          if (f.optin !== undefined && f.optional) {
            if (r === NO) {
              if (present) return NO;
              continue;
            }
            if (f.optin === 'optional' ? present : r !== undefined || present) out[f.key] = r;
          } else if (f.optin === undefined) {
            if (r === NO || !present) return NO;
            out[f.key] = r;
          } else {
            if (r === NO) return NO;
            if (f.optin === 'defaulted' || r !== undefined || present) out[f.key] = r;
          }
        }
        if (strict) {
          // Every own key must be declared (and nothing enumerable inherited).
          let count = 0;
          for (const k in v) {
            if (!known.has(k) || !Object.hasOwn(v, k)) return NO;
            count++;
          }
          if (count !== seen) return NO;
        } else {
          for (const k in v) if (!Object.hasOwn(v, k)) return NO;
        }
        return out;
      };
      return thenChecks(parse, checks);
    }
    default:
      throw UNSUPPORTED;
  }
}

/**
 * A discriminated union as zod reads it: the option whose discriminator claims the value's tag
 * (zod's own map of tags to options; a tag two options claim picks none), and no other.
 */
function discriminated(schema: Zod, depth: number): FastParser {
  const def = schema._zod.def;
  if (def.unionFallback) throw UNSUPPORTED;
  const key = def.discriminator as string;
  const byTag = new Map<unknown, FastParser | null>();
  for (const option of def.options as Zod[]) {
    const values = (option._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[key];
    if (!(values instanceof Set) || values.size === 0) throw UNSUPPORTED;
    const parse = compileNode(option, depth + 1);
    for (const value of values) byTag.set(value, byTag.has(value) ? null : parse);
  }
  return (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return NO;
    const parse = byTag.get((v as Record<string, unknown>)[key]);
    return parse == null ? NO : parse(v);
  };
}

/** Leaf schemas the tree cannot read (a transform…) with a parser of their own: {@link fastLeaf}. */
const leaves = new WeakMap<object, FastParser>();

/**
 * Gives a schema the tree cannot read (a transform such as core's `InstantSchema`) a fast parser
 * of its own, used wherever the schema sits in an input: it must return exactly zod's parsed value
 * for a value it accepts, and {@link NOT_PARSED} for anything else (zod then parses and refuses).
 *
 * @param schema - the zod schema
 * @param parse - its fast parser
 * @example
 * const Upper = z.string().transform((s) => s.toUpperCase());
 * fastLeaf(Upper, (v) => (typeof v === 'string' ? v.toUpperCase() : NOT_PARSED));
 * fastParser(z.strictObject({ code: Upper }))?.({ code: 'a1' }); //=> { code: 'A1' }
 * @internal
 */
export function fastLeaf(schema: z.ZodType, parse: FastParser): void {
  leaves.set(schema, parse);
}

/** Parsers of a union of bare string, number and boolean (read inline by records). */
const ANY_SCALAR = new WeakSet<FastParser>();

const cache = new WeakMap<object, FastParser | null>();

/**
 * The fast parser of a zod schema (compiled on first use, then cached), or `undefined` when the
 * schema uses anything it does not read — zod then parses every value, as before.
 *
 * @param schema - a zod schema
 * @returns a function giving zod's parsed value for a value it accepts, {@link NOT_PARSED} otherwise
 * @example
 * const fast = fastParser(z.strictObject({ facts: z.record(z.string(), z.number()) }));
 * fast?.({ facts: { score: 95 } }); //=> { facts: { score: 95 } } (a copy, as zod returns)
 * fast?.({ facts: { score: '95' } }) === NOT_PARSED; //=> true (zod then builds the refusal)
 * @internal
 */
export function fastParser(schema: z.ZodType): FastParser | undefined {
  const hit = cache.get(schema);
  if (hit !== undefined) return hit ?? undefined;
  let parser: FastParser | null;
  try {
    parser = compileNode(schema, 0);
  } catch (e) {
    if (e !== UNSUPPORTED) throw e;
    parser = null;
  }
  cache.set(schema, parser);
  return parser ?? undefined;
}
