import { describeValue, ZhiduError } from './errors.js';

/**
 * Makes `ctor` a constructor of plain objects: sets its `prototype` to `Object.prototype`, so that
 * `new ctor(...)` builds an object with the same prototype, `constructor === Object`, own keys (in the
 * order the function assigns them) and JSON as the object literal it replaces — but made without a V8
 * allocation site. A literal's site whose objects once outlive a young-generation collection (a call
 * building 10^5 answer objects, or a caller keeping them) has every later object of that site allocated
 * in the old generation for the rest of the process ("pretenured", never reverted), so later
 * short-lived answers pay major collections; `new` on a constructor has no such site. The type of the
 * objects is the function's `this` type.
 *
 * Keys are assigned (`this.x = …`), not defined as a literal defines them: a setter installed on
 * `Object.prototype` under one of the keys would see the assignment. With the prototype shared by every
 * object, `x instanceof ctor` holds for any object `x`; a constructor that is exported should define
 * `Symbol.hasInstance` (as core's `BilingualText` does).
 *
 * @param ctor - a `function` (not an arrow or a class) assigning the object's keys to `this`
 * @returns the same function, typed as a constructor
 * @throws ZhiduError `invalid_input` at `['ctor']` for anything but a `function` with a writable
 *   `prototype` (an arrow function, a method, a bound function or a class has none)
 * @example
 * const Point = plainConstructor(function Point(this: { x: number; y: number }, x: number, y: number) {
 *   this.x = x;
 *   this.y = y;
 * });
 * const p = new Point(1, 2);
 * JSON.stringify(p); //=> '{"x":1,"y":2}'
 * Object.getPrototypeOf(p) === Object.prototype; //=> true
 */
export function plainConstructor<T, A extends unknown[]>(
  ctor: (this: T, ...args: A) => void,
): new (
  ...args: A
) => T {
  const own = typeof ctor === 'function' ? Object.getOwnPropertyDescriptor(ctor, 'prototype') : undefined;
  if (own === undefined || own.writable !== true) {
    throw new ZhiduError(
      'invalid_input',
      ['ctor'],
      `须为带可写 prototype 的普通 function（箭头函数、方法、绑定函数和类都不行），实际为 ${typeof ctor === 'function' ? '没有可写 prototype 的函数' : typeof ctor} / expects a plain \`function\` with a writable prototype (not an arrow function, a method, a bound function or a class), got ${typeof ctor === 'function' ? 'a function without one' : typeof ctor}`,
    );
  }
  (ctor as unknown as { prototype: object }).prototype = Object.prototype;
  return ctor as unknown as new (
    ...args: A
  ) => T;
}

/**
 * The number of keys `for…in` shows on `o` (own and inherited enumerable string keys), or -1 as soon
 * as one of them is not in `names`. A hand-written reader of a strict object reads each of `names`
 * by name (which also finds a non-enumerable or inherited value) and compares this count with the
 * number of values it found. A bare count is not enough: a hidden known key would make room for an
 * unknown one (which zod's strict object refuses). Equal counts still pair a hidden known key with a
 * shown one holding `undefined`: a reader for which the two differ checks the shown values too.
 *
 * @param o - the object read
 * @param names - the keys the reader knows
 * @returns the count, or -1 for a key not in `names`
 * @throws ZhiduError `invalid_input` at `['names']` when `names` is not an array
 * @example
 * knownKeyCount({ id: 'F1', kind: 'file' }, ['id', 'kind']); //=> 2
 * knownKeyCount({ id: 'F1', extra: 1 }, ['id', 'kind']); //=> -1
 */
export function knownKeyCount(o: object, names: readonly string[]): number {
  if (!Array.isArray(names)) {
    throw new ZhiduError(
      'invalid_input',
      ['names'],
      `须为键名列表 / names is a list of keys, got ${describeValue(names)}`,
    );
  }
  let n = 0;
  for (const k in o) {
    let i = 0;
    while (i < names.length && names[i] !== k) i++;
    if (i === names.length) return -1;
    n++;
  }
  return n;
}

const OBJECT_PROTO = Object.prototype;

/**
 * Whether a hand-written reader may read `v` where a schema has `z.record(…)` (or an object it
 * walks with `for…in`): an object, not an array, whose prototype is `Object.prototype` or `null`,
 * and whose `constructor` (own or inherited, enumerable or not) is `Object` or absent. zod's record
 * asks for the `constructor`: an own one naming a class makes the value no record to it, so a reader
 * leaves any other to zod. With no enumerable key on `Object.prototype`, `for…in` over such an object
 * shows its own enumerable string keys only. Symbol keys are not looked at: zod's record reads the
 * enumerable ones (and refuses them), so a reader checks them in its own way.
 *
 * @param v - the value read
 * @returns whether `v` has the shape a reader reads as zod reads a record
 * @example
 * recordShaped({ row: 'T5-03' }); //=> true
 * recordShaped(Object.create(null)); //=> true
 * recordShaped([]); //=> false
 * recordShaped(new Map()); //=> false
 * recordShaped(Object.defineProperty({}, 'constructor', { value: class Row {} })); //=> false
 */
export function recordShaped(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== OBJECT_PROTO && proto !== null) return false;
  const ctor = (v as { constructor?: unknown }).constructor;
  return ctor === Object || ctor === undefined;
}

/**
 * Whether a value cannot change after it was checked: it and every object reachable from it frozen,
 * with data properties only (a getter could answer differently on the next read), each a plain object
 * (prototype `Object.prototype` or `null`) or an array (zod reads inherited fields too: a frozen
 * object whose fields come from a prototype that can still change is not frozen through).
 *
 * @param value - any value
 * @returns true for a primitive, and for a plain object or array frozen through with no accessor property
 * @example
 * frozenThrough(Object.freeze({ unit: 'hours' })); //=> true
 * frozenThrough(Object.freeze({ spec: { unit: 'hours' } })); //=> false (the inner object is not frozen)
 * frozenThrough(Object.freeze(Object.create({ unit: 'hours' }))); //=> false (its field is inherited)
 * @internal
 */
export function frozenThrough(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (!Object.isFrozen(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== OBJECT_PROTO && proto !== null && !(Array.isArray(value) && proto === Array.prototype))
    return false;
  for (const d of Object.values(Object.getOwnPropertyDescriptors(value)))
    if (!('value' in d) || !frozenThrough(d.value)) return false;
  return true;
}

/**
 * Freezes a value and everything reachable from it (own enumerable data properties; an accessor is
 * neither called nor followed; a typed array, which cannot be frozen, is left as it is), in place; an
 * object already frozen is taken as frozen through. For data zhidu parsed and owns (a policy, a
 * workflow).
 *
 * @param value - any value
 * @returns `value`, frozen
 * @example
 * const policy = deepFreeze({ params: { days: [1, 2] } });
 * Object.isFrozen(policy.params.days); //=> true
 * @internal
 */
export function deepFreeze<T>(value: T): T {
  // A typed array or a Buffer cannot be frozen (its elements can always change): left as it is,
  // and never frozen through.
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    for (const k of Object.keys(value as object)) {
      const d = Object.getOwnPropertyDescriptor(value, k);
      if (d !== undefined && 'value' in d) deepFreeze(d.value);
    }
  }
  return value;
}
