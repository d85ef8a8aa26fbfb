/**
 * Reads and writes of records keyed by names a caller chooses (roles, ids, categories, attribute
 * values, a payload's members): own keys only, so a name such as `constructor`, `toString` or
 * `__proto__` is an ordinary key — never a member of `Object.prototype` read as its value, nor the
 * prototype itself written to.
 */

import { ZhiduError } from './errors.js';
import { expectObject, expectString } from './guards.js';

/**
 * `record[key]` when `key` is an own key of `record`, else `undefined`: a name a caller chose never
 * reads a member of `Object.prototype` (`constructor`, `toString`, `__proto__` …).
 *
 * @param record - a record keyed by caller-chosen names, or `undefined`
 * @param key - the name
 * @returns the record's own value under `key`, or `undefined`
 * @throws ZhiduError `invalid_input` at `['record']` for anything but an object or `undefined`, at
 *   `['key']` for a key that is not a string
 * @example
 * const quota = { salesConsultant: 3 };
 * ownValue(quota, 'salesConsultant'); //=> 3
 * ownValue(quota, 'constructor'); //=> undefined
 * ownValue(undefined, 'salesConsultant'); //=> undefined
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  if (record === undefined) return undefined;
  expectObject(record, ['record']);
  expectString(key, ['key']);
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * `record[key] = value` as an own, enumerable data property, for every key: `__proto__` too, which an
 * assignment would take as the record's prototype (and so lose from its keys and its JSON).
 *
 * @param record - a record keyed by caller-chosen names
 * @param key - the name
 * @param value - the value
 * @throws ZhiduError `invalid_input` at `['record']` for anything but an object, or a record that
 *   cannot take the value (frozen, sealed, a read-only key, a setter that throws); at `['key']` for a
 *   key that is not a string
 * @example
 * const counts: Record<string, number> = {};
 * setOwn(counts, '__proto__', 2);
 * JSON.stringify(counts); //=> '{"__proto__":2}'
 * Object.getPrototypeOf(counts) === Object.prototype; //=> true
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  expectObject(record, ['record']);
  expectString(key, ['key']);
  try {
    if (key === '__proto__')
      Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    else record[key] = value;
  } catch (e) {
    throw new ZhiduError(
      'invalid_input',
      ['record'],
      `无法写入键 ${JSON.stringify(key)}（对象已冻结、已密封、该键只读，或其设置器出错） / cannot write the key ${JSON.stringify(key)}: the record is frozen or sealed, the key is read-only, or its setter threw (${e instanceof Error ? e.message : String(e)})`,
    );
  }
}
