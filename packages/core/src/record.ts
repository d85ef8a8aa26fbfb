/**
 * Records keyed by names a caller chooses, as schemas: zod's `z.record` with one difference — an own
 * key `__proto__` is refused instead of dropped.
 */

import { z } from 'zod';

/** The message of the refusal, Chinese and English. */
const PROTO_KEY_MESSAGE =
  '`__proto__` 不能用作键：JavaScript 读入时会丢弃或误作原型，数据会丢失 / `__proto__` cannot be used as a key: JavaScript drops it or takes it as the prototype when the record is read, so the value would be lost';

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
 * problems reported beside it) instead of silently dropped, as zod's record does. Every record in
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
 * @example
 * const Quotas = recordOf(z.string(), z.number());
 * Quotas.parse({ sales: 3 }); //=> { sales: 3 }
 * Quotas.safeParse(JSON.parse('{"sales":3,"__proto__":1}')).success; //=> false
 * z.record(z.string(), z.number()).parse(JSON.parse('{"sales":3,"__proto__":1}')); //=> { sales: 3 }
 */
export function recordOf<K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(
  key: K,
  value: V,
): z.ZodRecord<K, V> {
  const def = { type: 'record', keyType: key, valueType: value };
  return new ProtoRefusingRecord(def as unknown as z.core.$ZodRecordDef) as unknown as z.ZodRecord<K, V>;
}

/**
 * `z.partialRecord(key, value)` — a record whose keys are some of an enumeration's — that refuses an
 * own `__proto__` key as {@link recordOf} does (zod's partial record drops it before reading the key).
 *
 * @param key - the key schema (an enumeration)
 * @param value - the value schema
 * @returns a partial record schema that refuses a `__proto__` key
 * @example
 * const ByChannel = partialRecordOf(z.enum(['walkIn', 'phone']), z.number());
 * ByChannel.parse({ phone: 10 }); //=> { phone: 10 }
 * ByChannel.safeParse(JSON.parse('{"phone":10,"__proto__":1}')).success; //=> false
 */
export function partialRecordOf<K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(
  key: K,
  value: V,
): z.ZodRecord<K & z.core.$partial, V> {
  const def = { type: 'record', keyType: key, valueType: value, partial: true };
  return new ProtoRefusingRecord(def as unknown as z.core.$ZodRecordDef) as unknown as z.ZodRecord<
    K & z.core.$partial,
    V
  >;
}

/**
 * zod's record with the refusal, as a zod schema class of its own: a copy zod makes of it
 * (`.check()`, `.refine()`, `.describe()`, `.meta()` …) is made by this constructor again, so it
 * refuses too.
 */
const ProtoRefusingRecord = z.core.$constructor(
  'ZhiduProtoRefusingRecord',
  (inst: z.ZodRecord, def: z.core.$ZodRecordDef) => {
    z.ZodRecord.init(inst, def);
    const internals = inst._zod as unknown as { parse: Parse };
    const parse = internals.parse;
    // zod runs `_zod.parse` itself when the schema has no checks (set after this initializer), and
    // from its check runner otherwise.
    internals.parse = (payload, ctx) => {
      if (hasOwnProtoKey(payload.value)) {
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
