/**
 * Cheap argument checks for the package's exported helpers that take already-shaped values (ids,
 * id lists, flags): a bad argument is refused with a `ZhiduError` naming it, never a `TypeError`.
 * Loops, not zod, so a 10^5-element list is checked (or refused at its first bad element) at once.
 */
import { describeValue, type ErrorPath, expectArray, expectObject, ZhiduError } from '@zhidu/core';

export { expectArray, expectObject };

/**
 * Refuses anything but a non-empty string.
 *
 * @param value - the argument
 * @param path - its name, e.g. `['divisionId']`
 * @returns the string
 * @throws ZhiduError `invalid_input`
 * @example
 * expectId('B', ['salespersonId']); //=> 'B'
 * @internal
 */
export function expectId(value: unknown, path: ErrorPath): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `须为非空字符串标识 / expected a non-empty string id, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * Refuses anything but a boolean (a flag is never guessed from a truthy value).
 *
 * @param value - the argument
 * @param path - its name, e.g. `['consentGiven']`
 * @returns the flag
 * @throws ZhiduError `invalid_input`
 * @example
 * expectFlag(true, ['consentGiven']); //=> true
 * @internal
 */
export function expectFlag(value: unknown, path: ErrorPath): boolean {
  if (typeof value !== 'boolean') {
    throw new ZhiduError(
      'invalid_input',
      path,
      `须为布尔值 true/false / expected true or false, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * Refuses anything but an array of non-empty string ids; with `unique`, an id named twice is refused
 * as `duplicate` (a customer listed twice would silently be handled once).
 *
 * @param value - the argument
 * @param path - its name, e.g. `['customers']`
 * @param unique - refuse repeated ids
 * @returns the ids
 * @throws ZhiduError `invalid_input` at the list or its first bad element; `duplicate` at a repeat
 * @example
 * expectIdList(['c1', 'c2'], ['customers'], true); //=> ['c1', 'c2']
 * @internal
 */
export function expectIdList(value: unknown, path: ErrorPath, unique = false): readonly string[] {
  expectArray(value, path);
  const seen = new Map<string, number>();
  for (let i = 0; i < value.length; i++) {
    const id = expectId(value[i], [...path, i]);
    if (!unique) continue;
    const first = seen.get(id);
    if (first !== undefined) {
      throw new ZhiduError(
        'duplicate',
        [...path, i],
        `${JSON.stringify(id)} 重复出现(第${first + 1}项与第${i + 1}项) / ${JSON.stringify(id)} is listed twice (entries ${first} and ${i})`,
      );
    }
    seen.set(id, i);
  }
  return value as string[];
}

/**
 * Refuses anything but a non-negative finite number (a count of days, a threshold).
 *
 * @param value - the argument
 * @param path - its name
 * @returns the number
 * @throws ZhiduError `invalid_input`
 * @example
 * expectNonNegative(45, ['leaveDays']); //=> 45
 * @internal
 */
export function expectNonNegative(value: unknown, path: ErrorPath): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `须为非负有限数 / expected a non-negative finite number, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * Refuses a value that is not one of `allowed`.
 *
 * @param value - the argument
 * @param allowed - the accepted values
 * @param path - its name
 * @returns the value
 * @throws ZhiduError `invalid_input`
 * @example
 * expectOneOf('independent', ['independent', 'shuffleRoundRobin'], ['mode']);
 * @internal
 */
export function expectOneOf<T extends string>(value: unknown, allowed: readonly T[], path: ErrorPath): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `须为 ${allowed.join(' | ')} 之一 / expected one of ${allowed.join(', ')}, got ${describeValue(value)}`,
    );
  }
  return value as T;
}

/**
 * A record whose every value is a non-empty string id (a replacement map, region → manager), refused
 * otherwise; read it with `ownValue` of `@zhidu/core` so an id like `constructor` never reads the prototype.
 *
 * @param value - the argument
 * @param path - its name
 * @returns the record
 * @throws ZhiduError `invalid_input` at the record or its first bad value
 * @example
 * expectIdRecord({ c1: 'e2' }, ['replacementMap']);
 * @internal
 */
export function expectIdRecord(value: unknown, path: ErrorPath): Readonly<Record<string, string>> {
  expectObject(value, path);
  for (const key of Object.keys(value)) expectId(value[key], [...path, key]);
  return value as Record<string, string>;
}
