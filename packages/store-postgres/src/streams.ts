import { describeValue, setOwn, toInstant, ZhiduError } from '@zhidu/core';
import type { AnyModule } from '@zhidu/modules';

/**
 * How a module's stream becomes the module's input:
 * - `list`: the module reads a list of events (`events`, `violations`, `log` …); each recorded
 *   event is one element of that list, and the rest of the input (a customer id, the staff, a
 *   credit ledger, a roster) is the stream's `input`, given with `record(…, { input })`;
 * - `facts`: the module judges one input at a time (a role, a file, a request); each recorded event
 *   is a whole input, judged on its own.
 */
export type StreamShape = { kind: 'list'; key: string } | { kind: 'facts' };

/** The input keys read as a module's event list, in order of preference. */
const LIST_KEYS = ['events', 'violations', 'log', 'claims', 'submissions', 'entries', 'activities'] as const;

interface ZodLike {
  _zod?: {
    def?: {
      type?: string;
      innerType?: ZodLike;
      in?: ZodLike;
      shape?: Record<string, ZodLike>;
      getter?: () => ZodLike;
    };
  };
}

function unwrap(schema: ZodLike | undefined): ZodLike | undefined {
  let cur = schema;
  for (let i = 0; i < 16 && cur; i++) {
    const def = cur._zod?.def;
    if (!def) return cur;
    if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch'].includes(def.type ?? '')) {
      cur = def.innerType;
    } else if (def.type === 'pipe') cur = def.in;
    // A lazy field (penalty.ledger's `violations`): the schema it stands for.
    else if (def.type === 'lazy' && typeof def.getter === 'function') cur = def.getter();
    else return cur;
  }
  return cur;
}

/**
 * How a module's stream becomes its input (see {@link StreamShape}), read from the module's input
 * schema: a top-level array under one of the usual event-list keys makes a `list` stream.
 *
 * @example
 * import { getModule } from '@zhidu/modules';
 * streamShape(getModule('sla.timers')); //=> { kind: 'list', key: 'events' }
 * streamShape(getModule('penalty.enforcement')); //=> { kind: 'facts' }
 */
export function streamShape(mod: AnyModule): StreamShape {
  if (mod === null || typeof mod !== 'object' || typeof (mod as { schemas?: unknown }).schemas !== 'object') {
    throw new ZhiduError(
      'invalid_input',
      ['module'],
      `须为注册表中的模块 / expected a module of the registry, got ${describeValue(mod)}`,
    );
  }
  const root = unwrap(mod.schemas.input as ZodLike);
  const shape = root?._zod?.def?.type === 'object' ? root._zod.def.shape : undefined;
  if (shape) {
    for (const key of LIST_KEYS) {
      const field = unwrap(shape[key]);
      if (field?._zod?.def?.type === 'array') return { kind: 'list', key };
    }
  }
  return { kind: 'facts' };
}

/**
 * The instant an event happened, read from its own fields: `at`, `occurredAt`, `date`, or an `at`
 * one level down (a credit event's `shipment.at`); `undefined` when it carries none.
 *
 * @example
 * eventInstant({ type: 'shipment', shipment: { at: '2024-03-31T10:00:00+08:00' } }); //=> '2024-03-31T02:00:00.000Z'
 */
export function eventInstant(event: unknown): string | undefined {
  if (event === null || typeof event !== 'object') return undefined;
  const e = event as Record<string, unknown>;
  const tryAt = (v: unknown): string | undefined => {
    if (typeof v !== 'string') return undefined;
    try {
      return toInstant(v);
    } catch {
      return undefined;
    }
  };
  for (const key of ['at', 'occurredAt', 'date']) {
    const t = tryAt(e[key]);
    if (t) return t;
  }
  for (const v of Object.values(e)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const t = tryAt((v as Record<string, unknown>).at);
      if (t) return t;
    }
  }
  return undefined;
}

/** What a personal value is replaced by in stored payloads, traces and projections. */
export const PERSONAL_MARK = '[personal]';
/** What an erased personal value reads as. */
export const ERASED_MARK = '[erased]';

/**
 * The keys whose string values are personal information under PIPL (个人信息保护法) by default:
 * names, phone numbers, ID numbers, addresses, e-mail and messaging accounts.
 */
export const DEFAULT_PERSONAL_FIELDS: readonly string[] = Object.freeze([
  'name',
  'customerName',
  'fullName',
  'phone',
  'mobile',
  'telephone',
  'tel',
  'idNumber',
  'idCard',
  'idNo',
  'passport',
  'email',
  'address',
  'wechat',
]);

/** One personal value taken out of a payload: where it was (a JSON pointer) and what it was. */
export interface PersonalValue {
  pointer: string;
  value: string;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapePointer = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * Splits a payload into what is stored with the event — the payload with every string under a
 * personal key replaced by {@link PERSONAL_MARK} — and the personal values, stored apart.
 *
 * @example
 * splitPersonal({ fields: { name: '王先生', hasAgent: false } }, new Set(['name']));
 * //=> { stored: { fields: { name: '[personal]', hasAgent: false } }, personal: [{ pointer: '/fields/name', value: '王先生' }] }
 */
export function splitPersonal(
  payload: unknown,
  keys: ReadonlySet<string>,
): { stored: unknown; personal: PersonalValue[] } {
  const personal: PersonalValue[] = [];
  const walk = (v: unknown, pointer: string): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${pointer}/${i}`));
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const p = `${pointer}/${escapePointer(k)}`;
      // Written as own members: a member `__proto__` (own in parsed JSON) stays one, not the copy's prototype.
      if (keys.has(k) && typeof x === 'string' && x !== PERSONAL_MARK && x !== ERASED_MARK) {
        personal.push({ pointer: p, value: x });
        setOwn(out, k, PERSONAL_MARK);
      } else setOwn(out, k, walk(x, p));
    }
    return out;
  };
  return { stored: walk(payload, ''), personal };
}

/**
 * Puts personal values back into a stored payload: each at its pointer, or {@link ERASED_MARK}
 * when the value was erased (`null`).
 *
 * @example
 * joinPersonal({ fields: { name: '[personal]' } }, [{ pointer: '/fields/name', value: null }]);
 * //=> { fields: { name: '[erased]' } }
 */
export function joinPersonal(
  payload: Record<string, unknown>,
  values: readonly { pointer: string; value: string | null }[],
): Record<string, unknown> {
  if (values.length === 0) return payload;
  const copy = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
  for (const { pointer, value } of values) {
    const tokens = pointer.split('/').slice(1).map(unescapePointer);
    let node: unknown = copy;
    // Own members only: a pointer through `__proto__` or `constructor` that the payload lacks must
    // not reach Object.prototype or the Object function (it wrote the personal value onto them).
    for (const t of tokens.slice(0, -1)) {
      node =
        node !== null && typeof node === 'object' && Object.hasOwn(node, t) ? (node as never)[t] : undefined;
    }
    const last = tokens[tokens.length - 1];
    if (node !== null && typeof node === 'object' && last !== undefined) {
      setOwn(node as Record<string, unknown>, last, value ?? ERASED_MARK);
    }
  }
  return copy;
}
