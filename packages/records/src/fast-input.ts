/**
 * Hand-written checks of the `records.completeness` and `records.handover` input schemas (issue 21):
 * they accept only plain data that zod would accept and read the same way, and say "not sure" for
 * anything else, which then goes through zod and is refused (or decided) exactly as before. Used by
 * the modules' fast paths and by the batch entry points.
 */
import { type Instant, knownKeyCount, plainConstructor, toInstant } from '@zhidu/core';
import type { HandoverView } from './handover.js';

/** An instant input as its canonical instant; `undefined` when absent, `null` when not one. */
export function instantOrUndefined(value: unknown): Instant | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  try {
    return toInstant(value);
  } catch {
    return null;
  }
}

/** An object whose prototype is `Object.prototype` (what the fast readers read; anything else is zod's). */
const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
/**
 * A plain object zod's record reads as one: its `constructor` is `Object` (an own one naming a
 * class, enumerable or not, makes it no record to zod: the general path refuses it).
 */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  isPlain(v) && (v as { constructor?: unknown }).constructor === Object;
/** A non-empty string (an id's `min(1)`). */
export const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Whether an object has a symbol key (a zod record refuses one; `for…in` does not see it). */
export const hasSymbolKey = (o: object): boolean => Object.getOwnPropertySymbols(o).length > 0;

/**
 * A key no input holds (a symbol private to this package): reading it from an object runs no code
 * of the caller's (no getter can be defined for it) and lets the engine learn the object's shape,
 * so the prototype check after it is a comparison the engine folds, where a prototype check first
 * is a call (issue 21: 12–27 % of a completeness check). Read before an object's prototype is
 * checked, which comes before any other read. A `Proxy` (or an object with one among its
 * prototypes) is the exception: its `get` trap is called with this symbol, as with every key the
 * fast paths read; if the trap throws, the module's general path decides the file.
 */
export const UNSEEN: unique symbol = Symbol('records.unseen');

/*
 * The check of every object the fast paths read by hand is written where the object is read:
 * `o[UNSEEN] !== undefined || Object.getPrototypeOf(o) !== Object.prototype` (UNSEEN first, no
 * getter runs; a class instance, a null prototype or a proxy goes the module's general way before
 * any of its getters runs). Not one shared function: the engine learns the shapes a read meets at
 * the read, and one function reading the file, its responsible person, media, documents and
 * signatures meets every shape of them; its read of UNSEEN then looks each shape up in a shared
 * cache, and the prototype check is a call again (issue 21: one process, alternating, CPU per
 * completeness file 489-581 ns with the reads in place, 720-776 ns through one function).
 */

/** The keys of a responsible person, of a handover file (as `handoverView` reads them). */
const RESPONSIBLE_NAMES: readonly string[] = ['personId', 'role', 'departmentId'];
const HANDOVER_KEYS: readonly string[] = [
  'fileTypeId',
  'fileId',
  'responsible',
  'events',
  'handedOverAt',
  'completedAt',
  'quantity',
];

/**
 * The values `readResponsible` read last (valid until the next call: a caller copies them at once,
 * before any other code runs).
 */
export const responsibleRead: {
  personId: string;
  role: string | undefined;
  departmentId: string | undefined;
} = { personId: '', role: undefined, departmentId: undefined };

/**
 * Reads a responsible person (`ResponsibleSchema`: a person id, an optional role and department) by
 * hand into {@link responsibleRead}; false for anything else, which the module's general path then
 * refuses or decides. The one reader of the completeness and handover fast paths, in one order: the
 * prototype first (a class instance or a null prototype goes the general way before any getter
 * runs, so zod reads each of its values once, as without the fast path), then each key by name,
 * then the number of keys (it equals the defined named keys exactly when no other key, and no
 * undefined value, is there).
 */
export function readResponsible(responsible: unknown): boolean {
  if (responsible === null || typeof responsible !== 'object') return false;
  const r = responsible as Record<string | symbol, unknown>;
  if (r[UNSEEN] !== undefined || Object.getPrototypeOf(r) !== Object.prototype) return false;
  const personId = r.personId;
  const role = r.role;
  const departmentId = r.departmentId;
  if (!isId(personId)) return false;
  if ((role !== undefined && !isId(role)) || (departmentId !== undefined && !isId(departmentId)))
    return false;
  if (
    knownKeyCount(r, RESPONSIBLE_NAMES) !==
    1 + (role === undefined ? 0 : 1) + (departmentId === undefined ? 0 : 1)
  )
    return false;
  responsibleRead.personId = personId;
  responsibleRead.role = role as string | undefined;
  responsibleRead.departmentId = departmentId as string | undefined;
  return true;
}

/*
 * The handover view's objects are built by `new` (prototype `Object.prototype`) rather than as
 * literals: no V8 allocation site, so a batch keeping its decisions does not have every later view
 * allocated in the old generation (issue 21; see completeness-fast.ts).
 */
/** A file's events by name, as canonical instants (keys added as read). */
const EventTimes = plainConstructor(function EventTimes(this: Record<string, Instant>) {});
/** The responsible person as read (`readResponsible`), keys in the schema's order. */
const Responsible = plainConstructor(function Responsible(
  this: { personId: string; role?: string; departmentId?: string },
  personId: string,
  role: string | undefined,
  departmentId: string | undefined,
) {
  this.personId = personId;
  if (role !== undefined) this.role = role;
  if (departmentId !== undefined) this.departmentId = departmentId;
});
/** A handover view: `HandoverView`'s keys in order (the instants added after). */
const View = plainConstructor(function View(
  this: HandoverView,
  fileTypeId: string,
  fileId: string,
  responsible: HandoverView['responsible'],
  events: Record<string, Instant>,
  quantity: number,
) {
  this.fileTypeId = fileTypeId;
  this.fileId = fileId;
  this.responsible = responsible;
  this.events = events;
  this.quantity = quantity;
});

/**
 * The handover file as `HandoverInputSchema` parses it, read by hand (instants made canonical,
 * `quantity` defaulted); `undefined` for anything else, which the module then refuses or decides.
 * Each object's prototype is checked first (a class instance or a proxy goes the general way before
 * any getter runs), then it is read by name, then its number of keys is checked (the count equals
 * the defined named keys exactly when no other key, and no undefined value, is there).
 */
export function handoverView(f: unknown): HandoverView | undefined {
  if (f === null || typeof f !== 'object') return undefined;
  const o = f as Record<string | symbol, unknown>;
  // The prototype first: a class instance or a proxy goes the general way before any getter runs,
  // so zod reads each of its values once, as it did before the file was read by hand.
  if (o[UNSEEN] !== undefined || Object.getPrototypeOf(o) !== Object.prototype) return undefined;
  const fileTypeId = o.fileTypeId;
  const fileId = o.fileId;
  const responsible = o.responsible;
  const raw = o.events;
  const handedOverAtRaw = o.handedOverAt;
  const completedAtRaw = o.completedAt;
  const quantityRaw = o.quantity;
  const keys =
    4 +
    (handedOverAtRaw === undefined ? 0 : 1) +
    (completedAtRaw === undefined ? 0 : 1) +
    (quantityRaw === undefined ? 0 : 1);
  if (knownKeyCount(o, HANDOVER_KEYS) !== keys || !isId(fileTypeId) || !isId(fileId)) return undefined;
  if (!readResponsible(responsible)) return undefined;
  // The responsible person as read, copied at once (the rule reads it again, and a getter of the
  // caller's object would answer anew).
  const person = new Responsible(
    responsibleRead.personId,
    responsibleRead.role,
    responsibleRead.departmentId,
  );
  // (a record to zod: no symbol key, and no `constructor` but Object's)
  if (!isRecord(raw) || hasSymbolKey(raw)) return undefined;
  const events = new EventTimes();
  for (const k in raw) {
    if (k.length === 0 || k === '__proto__') return undefined;
    const at = instantOrUndefined(raw[k]);
    if (at === undefined || at === null) return undefined;
    events[k] = at;
  }
  const handedOverAt = instantOrUndefined(handedOverAtRaw);
  const completedAt = instantOrUndefined(completedAtRaw);
  if (handedOverAt === null || completedAt === null) return undefined;
  const quantity = quantityRaw === undefined ? 1 : quantityRaw;
  if (!Number.isSafeInteger(quantity) || (quantity as number) < 1) return undefined;
  const view = new View(fileTypeId, fileId, person, events, quantity as number);
  if (handedOverAt !== undefined) view.handedOverAt = handedOverAt;
  if (completedAt !== undefined) view.completedAt = completedAt;
  return view;
}
