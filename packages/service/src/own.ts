/**
 * Reads and writes of records keyed by names a caller chooses (categories, positions, grades, levels, survey items):
 * own keys only, so a name such as `constructor`, `toString` or `__proto__` is an ordinary key —
 * never a member of `Object.prototype` read as its value, nor the prototype itself written to.
 */

/** `record[key]` when `key` is the record's own key, else `undefined`. @internal */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** `record[key] = value` as an own, enumerable data property (also for the key `__proto__`). @internal */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
