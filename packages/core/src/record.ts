/**
 * Records keyed by names a caller chooses, as schemas: zod's `z.record` with two differences — an own
 * key `__proto__` is refused instead of dropped, and symbol keys are not data (ignored, as zod's
 * strict objects ignore them) instead of refused.
 */

import { z } from 'zod';
import { assertSchema } from './errors.js';

/** The message of the refusal, Chinese and English. */
const PROTO_KEY_MESSAGE =
  '`__proto__` 不能用作键：JavaScript 读入时会丢弃或误作原型，数据会丢失 / `__proto__` cannot be used as a key: JavaScript drops it or takes it as the prototype when the record is read, so the value would be lost';

/**
 * `input` without its own enumerable symbol keys, or `input` itself when it has none (or is no
 * object, or a proxy whose trap throws: zod's own read then reports it). The copy keeps the
 * prototype and every own string key, in order: an enumerable one as a data property holding its
 * value, read once (a getter is called here and not again by zod); a non-enumerable one as it is
 * (an accessor still reads the original), since a record keyed by a fixed list reads its keys by
 * name, enumerable or not.
 */
function withoutSymbolKeys(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  let names: string[];
  try {
    const symbols = Object.getOwnPropertySymbols(input);
    if (symbols.length === 0 || !symbols.some((s) => Object.prototype.propertyIsEnumerable.call(input, s)))
      return input;
    names = Object.getOwnPropertyNames(input);
  } catch {
    return input;
  }
  const copy = Object.create(Object.getPrototypeOf(input)) as Record<string, unknown>;
  for (const k of names) {
    const d = Object.getOwnPropertyDescriptor(input, k);
    if (d === undefined) continue;
    if (d.enumerable === true) {
      const value = (input as Record<string, unknown>)[k];
      Object.defineProperty(copy, k, { value, enumerable: true, writable: true, configurable: true });
    } else if (d.get !== undefined || d.set !== undefined) {
      const get = d.get;
      Object.defineProperty(copy, k, {
        get: get === undefined ? undefined : () => get.call(input),
        enumerable: false,
        configurable: true,
      });
    } else Object.defineProperty(copy, k, { ...d, configurable: true });
  }
  return copy;
}

/** Whether `input` has an own enumerable key `__proto__` (as `JSON.parse` makes it). Never throws. */
function hasOwnProtoKey(input: unknown): boolean {
  if (input === null || typeof input !== 'object') return false;
  try {
    return Object.getOwnPropertyDescriptor(input, '__proto__')?.enumerable === true;
  } catch {
    // A Proxy whose trap throws: zod's own read of the record reports it.
    return false;
  }
}

type Payload = z.core.ParsePayload;
type Parse = (payload: Payload, ctx: z.core.ParseContextInternal) => Payload | Promise<Payload>;

/**
 * `z.record(key, value)`, except that an own enumerable key `__proto__` — which `JSON.parse` makes
 * from `{"__proto__": …}` — is refused (`invalid_input` at the key's path, with the record's other
 * problems reported beside it) instead of silently dropped, as zod's record does; and that symbol
 * keys are not data: a record ignores them (they are not in its output), as zod's strict objects —
 * every other object of zhidu's policies and inputs — and `JSON.stringify` do, where zod's record
 * refuses an enumerable one. No JSON names a symbol; what has one is a marker a framework put
 * there (a proxy's brand, an ORM's state), which must not turn a good input into a refusal. (A record keyed by
 * an enumeration, every key required, already refuses it as an unknown key: `unknown_key`.) Every record in
 * zhidu's policies and inputs is made with it, so nothing a caller sends is lost without a word.
 *
 * The schema is zod's record in every other way: the same `def` (so its JSON Schema, `knownKeysAt`
 * and core's fast parser read it as before), the same output, the same other issues. The schemas
 * made from it keep the refusal: `.optional()`, `.default()`, `.nullable()`, and the copies zod makes
 * (`.check()`, `.refine()`, `.superRefine()`, `.describe()`, `.meta()`).
 *
 * @param key - the key schema (`z.string()`, an id, an enum …)
 * @param value - the value schema
 * @returns a record schema that refuses a `__proto__` key
 * @throws ZhiduError `invalid_input` at `key` or `value` for an argument that is not a zod schema
 * @example
 * const Quotas = recordOf(z.string(), z.number());
 * Quotas.parse({ sales: 3 }); //=> { sales: 3 }
 * Quotas.safeParse(JSON.parse('{"sales":3,"__proto__":1}')).success; //=> false
 * z.record(z.string(), z.number()).parse(JSON.parse('{"sales":3,"__proto__":1}')); //=> { sales: 3 }
 * Quotas.parse({ sales: 3, [Symbol('brand')]: 'x' }); //=> { sales: 3 }
 */
export function recordOf<K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(
  key: K,
  value: V,
): z.ZodRecord<K, V> {
  assertSchema(key, ['key']);
  assertSchema(value, ['value']);
  const def = { type: 'record', keyType: key, valueType: value };
  return new ProtoRefusingRecord(def as unknown as z.core.$ZodRecordDef) as unknown as z.ZodRecord<K, V>;
}

/**
 * `z.partialRecord(key, value)` — a record whose keys are some of an enumeration's — that refuses an
 * own `__proto__` key as {@link recordOf} does (zod's partial record drops it before reading the key),
 * and ignores symbol keys as it does.
 *
 * @param key - the key schema (an enumeration)
 * @param value - the value schema
 * @returns a partial record schema that refuses a `__proto__` key
 * @throws ZhiduError `invalid_input` at `key` or `value` for an argument that is not a zod schema
 * @example
 * const ByChannel = partialRecordOf(z.enum(['walkIn', 'phone']), z.number());
 * ByChannel.parse({ phone: 10 }); //=> { phone: 10 }
 * ByChannel.safeParse(JSON.parse('{"phone":10,"__proto__":1}')).success; //=> false
 */
export function partialRecordOf<K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(
  key: K,
  value: V,
): z.ZodRecord<K & z.core.$partial, V> {
  assertSchema(key, ['key']);
  assertSchema(value, ['value']);
  const def = { type: 'record', keyType: key, valueType: value, partial: true };
  return new ProtoRefusingRecord(def as unknown as z.core.$ZodRecordDef) as unknown as z.ZodRecord<
    K & z.core.$partial,
    V
  >;
}

/**
 * Whether the guard check below runs: never. Core's fast parser leaves a check with this `when` out.
 *
 * @internal
 */
export const neverRuns = (): boolean => false;

/** A check that never runs, whose custom `when` zod's compiler refuses to compile (see below). */
const COMPILE_GUARD = z.refine(() => true, { when: neverRuns }) as unknown as z.core.$ZodCheck<unknown>;

/**
 * zod's record with the refusal (and without symbol keys), as a zod schema class of its own: a copy zod makes of it
 * (`.check()`, `.refine()`, `.describe()`, `.meta()` …) is made by this constructor again, so it
 * refuses too.
 */
const ProtoRefusingRecord = z.core.$constructor(
  'ZhiduProtoRefusingRecord',
  (inst: z.ZodRecord, def: z.core.$ZodRecordDef) => {
    // zod's compiler (`z.compile`, or every schema after `import "zod/compile"`) generates its code
    // from the definition and would not call the refusal below: a check it declines to compile (one
    // with a `when` of its own, which never runs) keeps it on the parser that does. Once per schema:
    // zod's copies hand the definition, guard included, to this constructor again.
    if (!def.checks?.includes(COMPILE_GUARD)) def.checks = [...(def.checks ?? []), COMPILE_GUARD];
    z.ZodRecord.init(inst, def);
    const internals = inst._zod as unknown as { parse: Parse };
    const parse = internals.parse;
    // zod runs `_zod.parse` itself when the schema has no checks (set after this initializer), and
    // from its check runner otherwise.
    // A record whose keys are a fixed list (an enumeration, not partial) already refuses any other
    // key, `__proto__` included, as unknown: one refusal is enough.
    const exhaustive =
      (def.keyType as { _zod: { values?: unknown } })._zod.values !== undefined && !def.partial;
    internals.parse = (payload, ctx) => {
      payload.value = withoutSymbolKeys(payload.value);
      if (!exhaustive && hasOwnProtoKey(payload.value)) {
        payload.issues.push({
          code: 'custom',
          message: PROTO_KEY_MESSAGE,
          path: ['__proto__'],
          input: payload.value,
          params: { zhiduCode: 'invalid_input' },
          inst,
        } as z.core.$ZodRawIssue);
      }
      return parse(payload, ctx);
    };
  },
);
