import { z } from 'zod';
import { firstBadLargeEntry } from './large-arrays.js';
import type { Lang } from './render.js';
import { knownKeysAt, nearestKey } from './unknown-keys.js';

/** A location inside the refused input, as a JSON path: `['events', 3, 'at']`. */
export type ErrorPath = readonly (string | number)[];

/**
 * Stable error codes. Modules may add their own (any string), but these are the shared vocabulary.
 */
export type ZhiduErrorCode =
  | 'invalid_input'
  | 'invalid_date'
  | 'invalid_instant'
  | 'invalid_zone'
  | 'invalid_money'
  | 'invalid_ratio'
  | 'invalid_duration'
  | 'out_of_order'
  | 'unknown_reference'
  | 'policy_not_in_force'
  | 'policy_overlap'
  | 'calendar_out_of_range'
  | 'invalid_state'
  | 'duplicate'
  | 'unknown_key'
  | (string & {});

/**
 * The brand every `ZhiduError` carries, shared through the global symbol registry: the ESM and CJS
 * builds of `@zhidu/core` (an app that both `import`s and `require`s it, two installed versions) each
 * define their own class, and the brand is how they recognise each other's errors.
 */
const ZHIDU_ERROR_BRAND: unique symbol = Symbol.for('zhidu.error');

/**
 * Whether `value` is a `ZhiduError` from any copy of `@zhidu/core` (ESM or CJS build, another
 * version): it checks the `Symbol.for('zhidu.error')` brand, not the class. Never throws.
 *
 * @param value - anything caught
 * @returns `true` for a `ZhiduError` of any copy
 * @example
 * let code = '';
 * try {
 *   yuan('12.345');
 * } catch (e) {
 *   if (isZhiduError(e)) code = e.code;
 * }
 * code; //=> 'invalid_money'
 * isZhiduError(new Error('x')); //=> false
 */
export function isZhiduError(value: unknown): value is ZhiduError {
  try {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [ZHIDU_ERROR_BRAND]?: unknown })[ZHIDU_ERROR_BRAND] === true
    );
  } catch {
    // A Proxy whose get trap throws is not a ZhiduError.
    return false;
  }
}

/**
 * The only exception zhidu throws: input it refuses. Rule outcomes (a breach, a rejected shipment,
 * an invalid registration) are values in a `Decision`, never exceptions.
 *
 * `e instanceof ZhiduError` holds for a `ZhiduError` thrown by any copy of `@zhidu/core` (ESM and
 * CJS builds loaded side by side), through `Symbol.hasInstance` and the `Symbol.for('zhidu.error')`
 * brand; {@link isZhiduError} is the same test as a function. The codes, their meaning and HTTP
 * status are listed in `ERROR_CODES`.
 *
 * @example
 * const e = new ZhiduError('invalid_date', ['events', 3, 'at'], '日期不存在 / no such date');
 * e.code; //=> 'invalid_date'
 * e.message; //=> '日期不存在 / no such date (at events[3].at)'
 * e.toJSON().path; //=> ['events', 3, 'at']
 */
export class ZhiduError extends Error {
  /**
   * `instanceof` by brand, so that errors of another copy of the class (the other module format)
   * are recognised; a subclass keeps the ordinary prototype test.
   */
  static override [Symbol.hasInstance]<T extends abstract new (...args: never[]) => unknown>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof (a subclass or this one)
    if ((this as unknown) !== ZhiduError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return isZhiduError(value);
  }

  override readonly name = 'ZhiduError';
  /** Machine-readable reason, e.g. `invalid_money`. */
  readonly code: ZhiduErrorCode;
  /** Where in the input the problem is (empty for a scalar argument). */
  readonly path: (string | number)[];
  /** Extra structured information (e.g. every zod issue when several fields failed). */
  readonly details?: unknown;

  /**
   * @param code - stable machine-readable code
   * @param path - JSON path of the offending value
   * @param message - readable explanation, naming the value and what was expected
   * @param details - optional structured extras
   */
  constructor(code: ZhiduErrorCode, path: ErrorPath, message: string, details?: unknown) {
    // The error that reports bad input must not itself fail on a bad path (a caller's `path`
    // argument passed through): anything but a list of keys and indexes becomes the root.
    const safe = asErrorPath(path);
    super(safe.length > 0 ? `${message} (at ${formatPath(safe)})` : message);
    this.code = typeof code === 'string' && code !== '' ? code : 'invalid_input';
    this.path = safe;
    if (details !== undefined) this.details = details;
    Object.defineProperty(this, ZHIDU_ERROR_BRAND, { value: true, enumerable: false });
  }

  /**
   * The message in one language: zhidu writes every refusal in both ("中文 / English"); this is
   * its half in `lang`, with the location (`（位置：events[3].at）` / ` (at events[3].at)`).
   * `message` keeps both languages.
   *
   * @param lang - `'zh-CN'` or `'en'`
   * @returns the message in that language
   * @example
   * const e = new ZhiduError('invalid_date', ['events', 3, 'at'], '日期不存在 / no such date');
   * e.messageIn('zh-CN'); //=> '日期不存在（位置：events[3].at）'
   * e.messageIn('en');    //=> 'no such date (at events[3].at)'
   */
  messageIn(lang: Lang): string {
    const zh = lang === 'zh-CN' || (typeof lang === 'string' && /^zh/i.test(lang));
    const path = asErrorPath(this.path);
    const suffix = path.length > 0 ? ` (at ${formatPath(path)})` : '';
    const raw = String(this.message);
    const text = suffix && raw.endsWith(suffix) ? raw.slice(0, -suffix.length) : raw;
    const parts = bilingualParts(text);
    if (path.length === 0) return zh ? parts.zh : parts.en;
    return zh ? `${parts.zh}（位置：${formatPath(path)}）` : `${parts.en}${suffix}`;
  }

  /** A plain object for logs and JSON APIs. */
  toJSON(): { code: string; path: (string | number)[]; message: string; details?: unknown } {
    return {
      code: this.code,
      path: this.path,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/**
 * Runs `run`, and moves a refusal of the argument named `key` (a `ZhiduError` whose path begins with
 * `key`) under `at`, with {@link errorAt}. For a module that hands one part of its input to a function
 * naming its own argument (`range.to` from a range check), so the refusal names the value where the
 * caller sent it (`input.range.to`), like the input schema's own refusals. Any other error passes
 * through unchanged.
 *
 * @param key - the first path segment of the refusals to move
 * @param at - where that argument sits for the caller
 * @param run - the work
 * @returns what `run` returns
 * @throws ZhiduError `invalid_input` for a `key` that is not a string or number, an `at` that is not a
 *   path, or a `run` that is not a function; whatever `run` throws, moved as above
 * @example
 * const check = (range: { to: string }) => {
 *   throw new ZhiduError('invalid_input', ['range', 'to'], '区间过长 / the range is too long');
 * };
 * try {
 *   refusalsAt('range', ['input'], () => check({ to: '9999-12-31' }));
 * } catch (e) {
 *   (e as ZhiduError).path; //=> ['input', 'range', 'to']
 * }
 */
export function refusalsAt<T>(key: string | number, at: ErrorPath, run: () => T): T {
  if (typeof key !== 'string' && typeof key !== 'number') {
    throw new ZhiduError(
      'invalid_input',
      ['key'],
      `须为字符串或数字 / expected a string or a number, got ${describeValue(key)}`,
    );
  }
  if (!isErrorPath(at)) {
    throw new ZhiduError(
      'invalid_input',
      ['at'],
      `须为由字符串和数字组成的路径 / expected a path of strings and numbers, got ${describeValue(at)}`,
    );
  }
  if (typeof run !== 'function') {
    throw new ZhiduError(
      'invalid_input',
      ['run'],
      `须为函数 / expected a function, got ${describeValue(run)}`,
    );
  }
  try {
    return run();
  } catch (e) {
    if (isZhiduError(e) && e.path[0] === key) throw errorAt(e, [...at, ...e.path]);
    throw e;
  }
}

/**
 * The same refusal at another path: code and details kept, the message without its old `(at …)`
 * suffix (the new path adds its own). For a caller that nests a checked value — `['body', 'policy', …]`
 * over HTTP, `['input', 'log', 3, …]` for one entry of a log — so the path names the value in what the
 * caller sent.
 *
 * @param error - the refusal (of any copy of `@zhidu/core`)
 * @param path - where the value sits for the caller
 * @param prefix - text put in front of the message (a file name, say)
 * @returns a new `ZhiduError`
 * @example
 * const e = new ZhiduError('invalid_date', ['at'], '日期不存在 / no such date');
 * const moved = errorAt(e, ['body', 'events', 3, 'at']);
 * moved.message; //=> '日期不存在 / no such date (at body.events[3].at)'
 */
export function errorAt(error: ZhiduError, path: ErrorPath, prefix = ''): ZhiduError {
  if (!isZhiduError(error)) {
    throw new ZhiduError(
      'invalid_input',
      ['error'],
      `须为 ZhiduError / expected a ZhiduError, got ${describeValue(error)}`,
    );
  }
  if (typeof prefix !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['prefix'],
      `须为字符串 / expected a string, got ${describeValue(prefix)}`,
    );
  }
  const suffix = error.path.length > 0 ? ` (at ${formatPath(error.path)})` : '';
  const message =
    suffix && error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message;
  return new ZhiduError(error.code, path, `${prefix}${message}`, error.details);
}

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

/**
 * The two halves of a "中文 / English" text: split at the first ` / ` with Chinese before it. A
 * text in one language only is both halves. Never throws. @internal
 */
export function bilingualParts(text: string): { zh: string; en: string } {
  const s = typeof text === 'string' ? text : String(text);
  let from = 0;
  for (;;) {
    const at = s.indexOf(' / ', from);
    if (at < 0) return { zh: s, en: s };
    const zh = s.slice(0, at);
    if (CJK.test(zh)) {
      const en = s.slice(at + 3);
      // A lead-in before the Chinese (a file name, `prefix` of errorAt) belongs to both halves.
      const lead = /^[^\u3400-\u9fff]*?:\s/.exec(zh)?.[0] ?? '';
      return { zh, en: lead && !en.startsWith(lead) ? `${lead}${en}` : en };
    }
    from = at + 3;
  }
}

const zhLocaleError = z.locales.zhCN().localeError;

/** Type names zod's `zhCN` locale leaves in English. */
const ZH_TYPES: Record<string, string> = {
  string: '字符串',
  boolean: '布尔值',
  object: '对象',
  undefined: '空（未填写）',
  bigint: '大整数',
  int: '整数',
  symbol: '符号',
  date: '日期',
  function: '函数',
  map: 'Map',
  set: 'Set',
  record: '键值对象',
  tuple: '元组',
  nan: 'NaN',
  file: '文件',
};

/** zod's `zhCN` message with the type names it leaves in English said in Chinese. */
const zhIssue: typeof zhLocaleError = (issue) => {
  const out = zhLocaleError(issue);
  const text = typeof out === 'string' ? out : out?.message;
  if (typeof text !== 'string') return out;
  const named = text.replace(/(期望|实际接收) ([a-z]+)(?=，|$)/g, (m, verb: string, type: string) =>
    Object.hasOwn(ZH_TYPES, type) ? `${verb} ${ZH_TYPES[type]}` : m,
  );
  // A number that is not finite is no number to zod ("received Infinity" in English); zhCN calls it
  // a number ("期望 数字，实际接收 数字").
  const input = (issue as { input?: unknown }).input;
  return issue.code === 'invalid_type' && typeof input === 'number' && !Number.isFinite(input)
    ? named.replace(/实际接收 数字$/, `实际接收 ${String(input)}（非有限数）`)
    : named;
};
const enIssue = z.locales.en().localeError;

/**
 * A union none of whose options took the value for its type alone (`string | number | boolean` given
 * an object): which types it expects and which it got, where zod says only "Invalid input". Any other
 * union issue (an option that failed deeper, at a check or a key) keeps zod's message.
 */
function unionOfTypesMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const branches = (
    issue as {
      errors?: readonly (readonly { code?: string; expected?: unknown; path?: readonly unknown[] }[])[];
    }
  ).errors;
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const expected: string[] = [];
  for (const branch of branches) {
    const only = branch.length === 1 ? branch[0] : undefined;
    if (only?.code !== 'invalid_type' || typeof only.expected !== 'string' || (only.path?.length ?? 0) > 0)
      return undefined;
    if (!expected.includes(only.expected)) expected.push(only.expected);
  }
  const got = receivedType(issue.input);
  const zhName = (t: string) =>
    ZH_TYPES[t] ?? (t === 'number' ? '数字' : t === 'array' ? '数组' : t === 'null' ? '空值(null)' : t);
  const zhList = expected.map(zhName).join('、');
  const enList =
    expected.length === 1
      ? expected[0]
      : `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}`;
  const zhExpected = expected.length === 1 ? zhList : `${zhList} 之一`;
  return `无效输入：期望 ${zhExpected}，实际接收 ${zhName(got)} / Invalid input: expected ${enList}, received ${got}`;
}

/**
 * A discriminated union given no option's discriminator value: the values it takes, in both
 * languages (zod's Chinese said only "无效输入").
 */
function discriminatorMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const { discriminator, options } = issue as { discriminator?: unknown; options?: unknown };
  if (typeof discriminator !== 'string' || !Array.isArray(options) || options.length === 0) return undefined;
  const list = options.map((o) => JSON.stringify(o)).join(' | ');
  return `无效的 ${discriminator}：期望以下之一 ${list} / Invalid ${discriminator}: expected one of ${list}`;
}

/** The type name zod's messages use for a value. */
function receivedType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : 'Infinity';
  return typeof value;
}

/**
 * The per-parse error map zhidu passes to zod (never `z.config`, so an embedding app's own zod
 * keeps its language): zod's own messages in Chinese and English, "中文 / English". Messages a
 * schema writes itself (zhidu's refinements) take precedence, as zod orders them.
 */
function bilingualZodMessage(issue: z.core.$ZodRawIssue): string {
  const union = unionOfTypesMessage(issue);
  if (union !== undefined) return union;
  const choice = discriminatorMessage(issue);
  if (choice !== undefined) return choice;
  const zh = zhIssue(issue as never);
  const en = enIssue(issue as never);
  const zhText = typeof zh === 'string' ? zh : zh?.message;
  const enText = typeof en === 'string' ? en : en?.message;
  if (!zhText || !enText) return enText || zhText || 'invalid input';
  return `${zhText} / ${enText}`;
}

/**
 * The options zhidu parses untrusted input with: zod's own messages in both languages (zod 4's
 * `zhCN` locale passed per parse, the app's global zod configuration untouched). @internal
 */
export const ZOD_PARSE_OPTIONS = { error: bilingualZodMessage } as const;

/** A sample value of a type zod named in "received X", so the Chinese locale can say it too. */
const RECEIVED_SAMPLES: Record<string, unknown> = {
  string: '',
  number: 0,
  nan: Number.NaN,
  boolean: false,
  bigint: 0n,
  symbol: Symbol.for('zhidu.sample'),
  undefined: undefined,
  null: null,
  array: [],
  object: {},
  date: new Date(0),
  function: () => undefined,
};

/**
 * A zod issue's message in both languages: a message a schema wrote (zhidu's, already bilingual, or
 * any other with Chinese in it) is kept; zod's own English message gets its Chinese from zod's
 * `zhCN` locale.
 */
function bilingualIssueMessage(issue: z.core.$ZodIssue): string {
  const message = typeof issue.message === 'string' ? issue.message : '';
  if (CJK.test(message) || issue.code === 'custom') return message;
  try {
    const received = /received (\w+)/.exec(message)?.[1];
    const raw = { ...issue, input: received !== undefined ? RECEIVED_SAMPLES[received] : undefined };
    const zh = zhIssue(raw as never);
    const zhText = typeof zh === 'string' ? zh : zh?.message;
    return zhText ? `${zhText} / ${message || 'invalid input'}` : message;
  } catch {
    return message;
  }
}

/** Whether `path` is a list (of at most 10,000) of keys and finite indexes. Never throws. */
function isErrorPath(path: unknown): path is (string | number)[] {
  return (
    Array.isArray(path) &&
    path.length <= 10_000 &&
    path.every((p) => typeof p === 'string' || (typeof p === 'number' && Number.isFinite(p)))
  );
}

/** A copy of `path` when it is a list of keys and indexes, else the root (`[]`). Never throws. @internal */
export function asErrorPath(path: unknown): (string | number)[] {
  if (!Array.isArray(path) || path.length > 10_000) return [];
  return isErrorPath(path)
    ? [...path]
    : path.map((p) =>
        typeof p === 'number' && Number.isFinite(p) ? p : typeof p === 'string' ? p : describeValue(p),
      );
}

/**
 * Formats a JSON path the way messages print it: `events[3].at`.
 *
 * @example
 * formatPath(['events', 3, 'at']); //=> 'events[3].at'
 */
export function formatPath(path: ErrorPath): string {
  let out = '';
  for (const part of asErrorPath(path)) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out === '' ? '(root)' : out;
}

type IssuePath = (string | number)[];

/**
 * The innermost issues zod wrapped (record keys, map keys, unions), with the path leading to each.
 *
 * A union none of whose options took an object says only "Invalid input" at the object; where its
 * options' own issues tell what was meant, those are given instead:
 * - a key every option refuses (a misspelt `alll` beside `all`, `any`, `not`) is that unknown key
 *   (the caller names the field most likely meant among every option's keys);
 * - else, when exactly one option took the object's keys and failed deeper (a misspelt key inside
 *   `all: [...]`), that option's issues, each followed in turn.
 */
function innermost(
  issue: z.core.$ZodIssue,
  path: IssuePath,
  parsed?: ParsedValue,
): { issue: z.core.$ZodIssue; path: IssuePath }[] {
  const here = [...path, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const nested = (issue as { issues?: unknown }).issues;
  if (
    (issue.code === 'invalid_key' || issue.code === 'invalid_element') &&
    Array.isArray(nested) &&
    nested[0]
  ) {
    return innermost(nested[0] as z.core.$ZodIssue, here, parsed);
  }
  if (issue.code === 'invalid_union') {
    const misspelt = parsed === undefined ? undefined : misspeltDiscriminator(issue, here, parsed);
    if (misspelt !== undefined) return [misspelt];
    const chosen = unionBranchIssues(issue, parsed === undefined ? NOT_FOUND : valueAt(parsed, here));
    if (chosen !== undefined) return chosen.flatMap((i) => innermost(i, here, parsed));
  }
  return [{ issue, path: here }];
}

/** The value zod parsed, and where it sits, so that an issue can look at the object it is about. */
interface ParsedValue {
  value: unknown;
  /** How many segments of an issue's full path are the caller's prefix. */
  baseLength: number;
  schema: z.ZodType | undefined;
}

/**
 * A discriminated union whose object has no discriminator (`kindd: 'fine'` for `kind`): zod says
 * "Invalid discriminator value" at `kind`; the object's keys no option knows are the misspelt ones.
 */
function misspeltDiscriminator(
  issue: z.core.$ZodIssue,
  here: IssuePath,
  parsed: ParsedValue,
): { issue: z.core.$ZodIssue; path: IssuePath } | undefined {
  const discriminator = (issue as { discriminator?: unknown }).discriminator;
  if (
    typeof discriminator !== 'string' ||
    here[here.length - 1] !== discriminator ||
    parsed.schema === undefined
  )
    return undefined;
  const at = here.slice(parsed.baseLength, -1);
  const object = valueAt(parsed, here.slice(0, -1));
  if (
    object === NOT_FOUND ||
    object === null ||
    typeof object !== 'object' ||
    Array.isArray(object) ||
    Object.hasOwn(object, discriminator)
  )
    return undefined;
  const known = knownKeysAt(parsed.schema, at);
  const unknown = Object.keys(object).filter((k) => !known.includes(k));
  if (unknown.length === 0) return undefined;
  return {
    issue: {
      code: 'unrecognized_keys',
      keys: unknown,
      path: [],
      message: `Unrecognized key(s): ${unknown.join(', ')}`,
    } as unknown as z.core.$ZodIssue,
    path: here.slice(0, -1),
  };
}

/** No value at a path (an own key missing on the way). @internal */
export const NOT_FOUND: unique symbol = Symbol('not found');

/**
 * The value at `path` inside `value`, read by own keys only (an error path into a caller's input);
 * {@link NOT_FOUND} when a key on the way is missing. @internal
 */
export function ownPathValue(value: unknown, path: readonly (string | number)[]): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return NOT_FOUND;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** The value an issue at `here` (the caller's prefix included) is about. */
function valueAt(parsed: ParsedValue, here: IssuePath): unknown {
  return ownPathValue(parsed.value, here.slice(parsed.baseLength));
}

/**
 * See {@link innermost}: the issues that explain a failed union better than "Invalid input", if any.
 * `value` is the value the union was given, when known: an object is compared with the object
 * forms only (an enum beside them did not take it either), and a value only one option takes for
 * its type gets that option's own refusal (`calendarYeer` beside `{ rollingDays }`: the enum's).
 */
function unionBranchIssues(issue: z.core.$ZodIssue, value: unknown): z.core.$ZodIssue[] | undefined {
  const branches = (issue as { errors?: unknown }).errors;
  if (!Array.isArray(branches) || branches.length < 2) return undefined;
  const lists = branches.filter(
    (b): b is z.core.$ZodIssue[] =>
      Array.isArray(b) &&
      b.length > 0 &&
      b.every((i) => i !== null && typeof i === 'object' && Array.isArray((i as { path?: unknown }).path)),
  );
  if (lists.length !== branches.length) return undefined;
  // Options of another type (a number beside an object form) say nothing about the object's keys.
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const shaped = lists.filter(
    (b) =>
      !b.some(
        (i) => i.path.length === 0 && (i.code === 'invalid_type' || (isObject && i.code === 'invalid_value')),
      ),
  );
  if (value !== NOT_FOUND && !isObject && shaped.length === 1) return shaped[0];
  return chooseBranch(issue, shaped.length === 0 ? lists : shaped);
}

/** The issues of the options of a union that took the value for its type (see {@link innermost}). */
function chooseBranch(issue: z.core.$ZodIssue, lists: z.core.$ZodIssue[][]): z.core.$ZodIssue[] | undefined {
  // The keys an option refuses at the union's own level.
  const refused = lists.map((b) => {
    const keys = new Set<string>();
    for (const i of b) {
      if (i.code === 'unrecognized_keys' && i.path.length === 0) for (const k of i.keys) keys.add(k);
    }
    return keys;
  });
  const everywhere = [...(refused[0] as Set<string>)].filter((k) => refused.every((r) => r.has(k)));
  if (everywhere.length > 0) {
    return [
      {
        code: 'unrecognized_keys',
        keys: everywhere,
        path: [],
        message: `Unrecognized key(s): ${everywhere.join(', ')}`,
        input: (issue as { input?: unknown }).input,
      } as unknown as z.core.$ZodIssue,
    ];
  }
  // The options that took the object's keys and failed only below it.
  const deeper = lists.filter(
    (b, n) => (refused[n] as Set<string>).size === 0 && b.every((i) => i.path.length > 0),
  );
  return deeper.length === 1 ? deeper[0] : undefined;
}

function issueCode(issue: z.core.$ZodIssue): ZhiduErrorCode {
  // Refinements inside core schemas tag themselves with `params.zhiduCode` so that, say, a bad
  // instant inside a policy still reports `invalid_instant` rather than a generic code.
  if (issue.code === 'custom') {
    const params = (issue as { params?: { zhiduCode?: unknown } }).params;
    if (params && typeof params.zhiduCode === 'string') return params.zhiduCode;
  }
  return 'invalid_input';
}

/** How many zod issues {@link zodIssuesToError} explains; the rest are counted in `details`. */
const MAX_ISSUES = 50;

/**
 * Bridges zod issues to a single `ZhiduError`: the first issue gives code, path and message,
 * all issues are kept in `details`.
 *
 * @param issues - `error.issues` of a failed `safeParse`
 * @param basePath - path of the parsed value inside the caller's input
 * @param schema - the schema that failed, so an unknown key's message can name the field it most
 *   likely meant (code `unknown_key`, path ending in the key)
 * @param input - the value that failed, so that a choice whose `kind` is missing beside a misspelt
 *   `kindd` names that key (with `schema`)
 * @returns the error to throw
 * @example
 * const r = z.object({ n: z.number() }).safeParse({ n: 'x' });
 * const e = r.success ? undefined : zodIssuesToError(r.error.issues, ['policy']);
 * e?.code; //=> 'invalid_input'
 * e?.path; //=> ['policy', 'n']
 */
export function zodIssuesToError(
  issues: readonly z.core.$ZodIssue[],
  basePath: ErrorPath = [],
  schema?: z.ZodType,
  input?: unknown,
): ZhiduError {
  const base = asErrorPath(basePath);
  const parsed: ParsedValue = { value: input, baseLength: base.length, schema };
  // 10^5 bad array elements give 10^5 issues: explain the first MAX_ISSUES, count the rest.
  // Only issue-shaped entries (a caller may pass anything): objects with a path list.
  const list = (Array.isArray(issues) ? issues : []).filter(
    (i): i is z.core.$ZodIssue =>
      i !== null && typeof i === 'object' && Array.isArray((i as { path?: unknown }).path),
  );
  const all = list
    .slice(0, MAX_ISSUES)
    .flatMap((i) =>
      innermost(i, [...base], parsed).flatMap((inner) => expandUnknownKeys(inner, base, schema)),
    );
  // A misspelt key usually explains the "missing" field beside it: report it first.
  const flat = [
    ...all.filter((i) => i.code === 'unknown_key'),
    ...all.filter((i) => i.code !== 'unknown_key'),
  ];
  const first = flat[0];
  if (!first) return new ZhiduError('invalid_input', base, '输入无效 / invalid input');
  const details: { code: string; path: (string | number)[]; message: string }[] = flat.map(
    ({ code, path, message }) => ({ code, path, message }),
  );
  if (list.length > MAX_ISSUES) {
    details.push({
      code: 'more_issues',
      path: base,
      message: `另有 ${list.length - MAX_ISSUES} 处问题未列出 / ${list.length - MAX_ISSUES} more issues not listed`,
    });
  }
  return new ZhiduError(first.code, first.path, first.message, details.length > 1 ? details : undefined);
}

interface FlatIssue {
  code: ZhiduErrorCode;
  path: IssuePath;
  message: string;
}

/**
 * One entry per unknown key (`unrecognized_keys` lists several at once), each naming the key in
 * its path and, when the schema is known, the field it most likely meant.
 */
function expandUnknownKeys(
  { issue, path }: { issue: z.core.$ZodIssue; path: IssuePath },
  basePath: ErrorPath,
  schema: z.ZodType | undefined,
): FlatIssue[] {
  if (issue.code !== 'unrecognized_keys')
    return [{ code: issueCode(issue), path, message: bilingualIssueMessage(issue) }];
  const known = schema ? knownKeysAt(schema, path.slice(basePath.length)) : [];
  return issue.keys.map((key) => {
    const at = [...path, key];
    const shown = formatPath(at);
    // A key another form at this place takes (`rounding` beside `multiply … by`, which has none):
    // not misspelt, so no "did you mean" itself.
    if (known.includes(key)) {
      return {
        code: 'unknown_key',
        path: at,
        message: `\`${shown}\` 与此处的其他字段不能同用（此处的另一种写法才有该字段） / \`${shown}\` does not go with the other fields here (another form at this place takes it)`,
      };
    }
    const guess = nearestKey(key, known);
    const zh = guess
      ? `\`${shown}\` 不是可识别的字段；是否应为 \`${formatPath([...path, guess])}\`？`
      : `\`${shown}\` 不是可识别的字段`;
    const en = guess
      ? `\`${shown}\` is not a known field; did you mean \`${formatPath([...path, guess])}\`?`
      : `\`${shown}\` is not a known field${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`;
    return { code: 'unknown_key', path: at, message: `${zh} / ${en}` };
  });
}

/**
 * Parses `input` with a zod schema and returns the parsed output, or throws a `ZhiduError` whose
 * path points into the input. Use it at every public boundary.
 *
 * @param schema - any zod schema
 * @param input - untrusted value
 * @param path - where `input` sits inside the caller's argument (prefix for error paths)
 * @returns the schema's output
 * @example
 * const Params = z.strictObject({ graceMinutes: z.number().int() });
 * parseInput(Params, { graceMinutes: 5 }, ['params']); //=> { graceMinutes: 5 }
 * parseInput(Params, { graceMinuts: 5 }, ['params']); // throws ZhiduError unknown_key (did you mean graceMinutes?)
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  path: ErrorPath = [],
): z.output<S> {
  assertSchema(schema, ['schema']);
  refuseBadLargeEntry(schema, input, path);
  const result = schema.safeParse(input, ZOD_PARSE_OPTIONS);
  if (!result.success) throw zodIssuesToError(result.error.issues, path, schema, input);
  return result.data;
}

/**
 * The pre-pass of {@link parseInput}: throws the refusal of the first large array (or record) in
 * `input` that is longer than its schema's bound or whose sampled entries include a bad one (see
 * `firstBadLargeEntry`, which visits at most `budget` objects and lists), without parsing the rest;
 * returns when there is none. zod describes every bad element of an array: a large one is refused at
 * its first bad element. @internal
 */
export function refuseBadLargeEntry(
  schema: z.ZodType,
  input: unknown,
  path: ErrorPath,
  budget = Number.POSITIVE_INFINITY,
): void {
  const bad = firstBadLargeEntry(schema, input, budget);
  if (bad?.tooLong) {
    // An array over its schema's bound is refused before zod parses (and describes) every entry.
    const { maximum, length, message } = bad.tooLong;
    throw new ZhiduError(
      'invalid_input',
      [...asErrorPath(path), ...bad.path],
      message ?? `最多 ${maximum} 项，实为 ${length} 项 / at most ${maximum} entries, got ${length}`,
    );
  }
  if (bad) {
    const r = bad.schema.safeParse(bad.value, ZOD_PARSE_OPTIONS);
    if (!r.success)
      throw zodIssuesToError(r.error.issues, [...asErrorPath(path), ...bad.path], bad.schema, bad.value);
  }
}

/**
 * Refuses anything that is not a zod schema where a function expects one (a module's `params`, a
 * schema to parse with), before zod or the unknown-key walk trips over it with a `TypeError`.
 *
 * @param schema - the value passed as a schema
 * @param path - the argument's name, e.g. `['params']`
 * @throws ZhiduError `invalid_input`
 * @example
 * assertSchema(z.string(), ['params']); // passes
 * assertSchema({}, ['params']);          // throws invalid_input at params
 */
export function assertSchema(schema: unknown, path: ErrorPath): asserts schema is z.ZodType {
  const s = schema as { _zod?: { def?: unknown }; safeParse?: unknown } | null;
  if (
    s === null ||
    typeof s !== 'object' ||
    typeof s.safeParse !== 'function' ||
    typeof s._zod !== 'object' ||
    s._zod === null ||
    typeof s._zod.def !== 'object'
  ) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `须为 zod 模式（z.object(...) 等） / expected a zod schema (z.object(...) and the like), got ${s === null ? 'null' : Array.isArray(s) ? 'an array' : typeof s}`,
    );
  }
}

/**
 * A short description of any value for an error message, which never throws (unlike `String(v)` on
 * an object without a prototype, or `JSON.stringify` on a cycle or a BigInt).
 *
 * @param value - the refused value
 * @returns e.g. `12.5`, `"abc"`, `null`, `an object`, `an array of 3`
 * @example
 * describeValue(Object.create(null)); //=> 'an object'
 * describeValue('x'.repeat(100));     //=> '"xxxxxxxxxxxxxxxxxxxx…"'
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…` : value);
    case 'number':
    case 'boolean':
    case 'undefined':
    case 'bigint':
      return `${String(value)}${typeof value === 'bigint' ? 'n' : ''}`;
    case 'object':
      return value instanceof Date ? 'a Date' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}
