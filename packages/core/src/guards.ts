import { asErrorPath, describeValue, type ErrorPath, ZhiduError } from './errors.js';
import { nearestKey } from './unknown-keys.js';

/**
 * Refuses an argument that is not an array (optionally: of non-null objects) with a `ZhiduError`
 * naming it — the cheap guard at a public boundary whose elements a schema checks later, or whose
 * callers pass already-parsed values (so a careless `fn(null)` is a refusal, not a `TypeError`).
 *
 * @param value - the argument
 * @param path - its name, e.g. `['complaints']`
 * @param elements - `'object'` to require every element to be a non-null object
 * @throws ZhiduError `invalid_input` at the argument (or at the first bad element)
 * @example
 * expectArray([{ id: 'a' }], ['rows'], 'object'); // passes: an array of objects
 * expectArray(null, ['rows']); // throws invalid_input at rows
 */
export function expectArray(
  value: unknown,
  path: ErrorPath,
  elements?: 'object',
): asserts value is unknown[] {
  if (!Array.isArray(value)) {
    throw new ZhiduError('invalid_input', path, `须为数组 / expected an array, got ${describeValue(value)}`);
  }
  if (elements === 'object') {
    const i = value.findIndex((v) => v === null || typeof v !== 'object' || Array.isArray(v));
    if (i >= 0) {
      throw new ZhiduError(
        'invalid_input',
        [...path, i],
        `须为对象 / expected an object, got ${describeValue(value[i])}`,
      );
    }
  }
}

/**
 * Refuses an argument that is not a plain object (not null, not an array) with a `ZhiduError`.
 *
 * @param value - the argument
 * @param path - its name, e.g. `['params']`
 * @throws ZhiduError `invalid_input`
 * @example
 * expectObject({ graceMinutes: 5 }, ['params']); // passes
 * expectObject([1], ['params']); // throws invalid_input
 */
export function expectObject(value: unknown, path: ErrorPath): asserts value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ZhiduError('invalid_input', path, `须为对象 / expected an object, got ${describeValue(value)}`);
  }
}

/**
 * Refuses options (or any object of named settings) that are not an object, or that carry a key the
 * caller does not read: `unknown_key` at `path` followed by the key, naming the key most likely meant.
 * A misspelt setting is never ignored (`{ conectionString }` would otherwise open another database,
 * `{ calender }` keep the default calendar).
 *
 * @param value - the options
 * @param known - the keys read
 * @param path - where they sit, e.g. `['options']`
 * @returns the options, as a record
 * @throws ZhiduError `invalid_input` at `path` for anything but an object, at `known` for a list that is
 *   not of strings; `unknown_key` at the key
 * @example
 * expectKnownKeys({ limit: 5 }, ['limit', 'windowMs'], ['rateLimit']); //=> { limit: 5 }
 * expectKnownKeys({ windowMS: 5 }, ['limit', 'windowMs'], ['rateLimit']); // throws ZhiduError unknown_key (did you mean `windowMs`?)
 */
export function expectKnownKeys(
  value: unknown,
  known: readonly string[],
  path: ErrorPath,
): Record<string, unknown> {
  if (!Array.isArray(known) || known.some((k) => typeof k !== 'string'))
    throw new ZhiduError(
      'invalid_input',
      ['known'],
      `须为字段名（字符串）数组 / expected a list of key names, got ${describeValue(known)}`,
    );
  expectObject(value, path);
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const near = nearestKey(key, known);
    throw new ZhiduError(
      'unknown_key',
      [...asErrorPath(path), key],
      `\`${key}\` 不是可识别的字段${near ? `；是否应为 \`${near}\`？` : ''} / \`${key}\` is not a known field${near ? `; did you mean \`${near}\`?` : ` (known: ${known.join(', ')})`}`,
    );
  }
  return value;
}

/**
 * Refuses an argument that is not a string (`invalid_input` at `path`).
 *
 * @internal
 */
export function expectString(value: unknown, path: ErrorPath): asserts value is string {
  if (typeof value !== 'string')
    throw new ZhiduError(
      'invalid_input',
      path,
      `须为字符串 / expected a string, got ${describeValue(value)}`,
    );
}

/**
 * Whether `value` is an object whose members `names` are all functions: what a calendar or a random
 * source given by a caller is checked for, before anything calls them.
 *
 * @example
 * hasMethods({ next: () => 0.5 }, ['next']); //=> true
 * hasMethods({}, ['isWorkday']); //=> false
 * @internal
 */
export function hasMethods(value: unknown, names: readonly string[]): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    names.every((n) => typeof (value as Record<string, unknown>)[n] === 'function')
  );
}

/**
 * Refuses a context that is not an evaluation context built by `makeContext` (an instant `now`, a
 * zone and a calendar), for functions that take an `EvalContext` as is.
 *
 * @param ctx - the argument
 * @param path - its name (default `['ctx']`)
 * @throws ZhiduError `invalid_input`
 * @example
 * expectEvalContext(makeContext({ now: '2024-03-01T10:00:00+08:00' }));
 */
export function expectEvalContext(ctx: unknown, path: ErrorPath = ['ctx']): void {
  const c = ctx as { now?: unknown; zone?: unknown; calendar?: { isWorkday?: unknown } } | null;
  if (
    c === null ||
    typeof c !== 'object' ||
    typeof c.now !== 'string' ||
    typeof c.zone !== 'string' ||
    !hasMethods(c.calendar, ['isWorkday'])
  ) {
    throw new ZhiduError(
      'invalid_input',
      path,
      '须为 makeContext(...) 构建的求值上下文 / expected an evaluation context built by makeContext(...)',
    );
  }
}

/**
 * The index of the first element whose key an earlier element of the list already has, or `-1`: where
 * a list that names each thing once repeats one.
 *
 * @param list - the elements, in order
 * @param keyOf - what names an element (an id, or a person and role joined)
 * @returns the index of the second element with a key, or -1
 * @throws ZhiduError `invalid_input` at `list` for a list that is not an array, at `keyOf` for a
 *   `keyOf` that is not a function
 * @example
 * firstRepeat([{ id: 'a' }, { id: 'b' }, { id: 'a' }], (x) => x.id); //=> 2
 * firstRepeat([{ id: 'a' }, { id: 'b' }], (x) => x.id); //=> -1
 */
export function firstRepeat<T>(list: readonly T[], keyOf: (item: T) => string): number {
  expectArray(list, ['list']);
  expectFunction(keyOf, ['keyOf']);
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const key = keyOf(list[i] as T);
    if (seen.has(key)) return i;
    seen.add(key);
  }
  return -1;
}

/**
 * Refuses a list that names a thing twice (a customer, a trigger, a sale…): `duplicate` at the second
 * one, since a repeat would otherwise be counted twice.
 *
 * @param list - the elements, in order
 * @param keyOf - what names an element
 * @param at - the error path of the repeated element's key, from its index
 * @param message - the bilingual message (`中文 / English`), from the repeated key
 * @throws ZhiduError `duplicate` at `at(i)` for the first element whose key an earlier one has;
 *   `invalid_input` for a list that is not an array or `keyOf`, `at` or `message` not a function
 * @example
 * refuseRepeats([{ id: 'c1' }, { id: 'c1' }], (c) => c.id, (i) => ['customers', i, 'id'],
 *   (id) => `客户 ${id} 重复列出 / customer ${id} is listed twice`); // throws duplicate at customers[1].id
 */
export function refuseRepeats<T>(
  list: readonly T[],
  keyOf: (item: T) => string,
  at: (index: number) => ErrorPath,
  message: (key: string) => string,
): void {
  expectFunction(at, ['at']);
  expectFunction(message, ['message']);
  const i = firstRepeat(list, keyOf);
  if (i !== -1) throw new ZhiduError('duplicate', at(i), message(keyOf(list[i] as T)));
}

/** Refuses an argument that is not a function (`invalid_input` at `path`). */
function expectFunction(value: unknown, path: ErrorPath): void {
  if (typeof value !== 'function')
    throw new ZhiduError(
      'invalid_input',
      path,
      `须为函数 / expected a function, got ${describeValue(value)}`,
    );
}
