import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { z } from 'zod';
import type { CalendarBasis } from './calendar.js';
import {
  type ContextInput,
  checkContextKeys,
  type EvalContext,
  isCalendarDefaulted,
  isMadeContext,
  makeContext,
} from './context.js';
import type { Decision, TraceEntry } from './decision.js';
import {
  asErrorPath,
  type ErrorPath,
  errorAt,
  formatPath,
  isZhiduError,
  NOT_FOUND,
  ownPathValue,
  parseInput,
  refuseBadLargeEntry,
  ZhiduError,
  zodIssuesToError,
} from './errors.js';
import { expectObject } from './guards.js';
import { type FastParser, fastParser, NOT_PARSED } from './parse-fast.js';
import { deepFreeze } from './plain.js';
import { exactJson, RecentByText } from './plain-json.js';
import { type Policy, PolicyHistory, strictPolicySchema } from './policy.js';
import {
  assertLocalDate,
  canonicalEpochMs,
  type InstantInput,
  isKnownZone,
  localDateOf,
  startOfLocalDay,
  toEpochMs,
  toInstant,
} from './time.js';
import { VERSION } from './version.js';
import type { Violation } from './violation.js';

/** What every module's evaluation returns: its own result, and the violations it found. */
export interface ModuleResult<R> {
  result: R;
  violations: Violation[];
}

/**
 * What produced a decision, so an auditor can reproduce it later: the module, the exact policy
 * (id, version and a SHA-256 of its canonical JSON), the calendar's data source, and the library.
 */
export interface Provenance {
  /** Module id, e.g. `sla.timers`. */
  module: string;
  policy: {
    id: string;
    version: string;
    /** `sha256:` + hex digest of the validated policy as canonical JSON (sorted keys). */
    hash: string;
  };
  calendar: {
    zone: string;
    /** Where the working days of the evaluation year and the next come from (built-in years, loaded notices, provisional). */
    basis: CalendarBasis[];
    /** True when any figure in the decision was computed beyond the calendar's data. */
    provisional: boolean;
  };
  /** The zhidu library that computed it. */
  library: { name: '@zhidu/core'; version: string };
  /**
   * Under a {@link PolicyHistory}: every version the decision used, in time order (`policy` is the
   * latest of them). Absent when a single policy was given.
   */
  versions?: { id: string; version: string; hash: string }[];
}

/** A module's decision: `{ value: { result, violations }, trace, provenance }`. */
export interface ModuleDecision<R> extends Decision<ModuleResult<R>> {
  provenance: Provenance;
}

/** Where core keeps, on a reusable decision, the provenance of the module decision it last made of it. */
const MADE_FOR: unique symbol = Symbol('zhidu.core.madeFor');
/** Where core keeps that module decision (frozen). */
const MADE: unique symbol = Symbol('zhidu.core.made');

/**
 * A decision a module's fast path gives for every input it decides the same way (a decision table's
 * row), made once by {@link reusableDecision}: `{ value, trace }`, both read-only and frozen
 * through. A module whose spec says `fastShared` returns only these from `fast`; core then gives,
 * for the last provenance it met with it, one frozen {@link ModuleDecision} made of it — the same
 * object for every call until the policy or context changes (issue 21) — and keeps it on the
 * reusable decision under a key of its own.
 */
export interface ReusableDecision<R> extends Readonly<Decision<ModuleResult<R>>> {}

/** A reusable decision as core reads it. */
type Kept<R> = ReusableDecision<R> & {
  [MADE_FOR]: Provenance | undefined;
  [MADE]: ModuleDecision<R> | undefined;
};

/** The decisions {@link reusableDecision} made (the general path asks whether a decision is one). */
const reusables = new WeakSet<object>();

/**
 * A decision to be shared by every input a module decides the same way (see
 * {@link ReusableDecision}): its value and trace, checked to be plain data (plain objects and
 * arrays, data properties only; symbol keys are not data) and then frozen through, in place (they
 * are the module's own data, built for this decision: a caller given the decision cannot change it
 * for the next one). Nothing is frozen when a part is refused.
 *
 * @param value - the decision's `{ result, violations }`
 * @param trace - its trace
 * @returns the reusable decision (read-only `value` and `trace`)
 * @throws ZhiduError `invalid_input` at `value` / `trace` when a part is not plain data (an accessor
 *   property, a typed array, an object that is neither plain nor an array)
 * @example
 * const entry = { rule: 'ACME-01', clause: '第一条', message: { zh: '通过', en: 'passed' } };
 * const passed = reusableDecision({ result: 'pass', violations: [] }, [entry]);
 * passed.value.result; //=> 'pass'
 * Object.keys(passed); //=> ['value', 'trace']
 * Object.isFrozen(entry.message); //=> true
 * reusableDecision({ result: new Date(0), violations: [] }, []); // throws ZhiduError (a Date is not plain data)
 */
export function reusableDecision<R>(
  value: ModuleResult<R>,
  trace: readonly TraceEntry[],
): ReusableDecision<R> {
  const objects: object[] = [];
  const seen = new Set<object>();
  plainParts(value, 'value', seen, objects);
  plainParts(trace, 'trace', seen, objects);
  for (const o of objects) Object.freeze(o);
  const d = {} as Kept<R>;
  Object.defineProperty(d, 'value', { value, enumerable: true });
  Object.defineProperty(d, 'trace', { value: trace, enumerable: true });
  Object.defineProperty(d, MADE_FOR, { value: undefined, writable: true });
  Object.defineProperty(d, MADE, { value: undefined, writable: true });
  Object.preventExtensions(d);
  reusables.add(d);
  return d;
}

/**
 * Lists in `objects` every object `value` reaches through own string-keyed data properties (each
 * once: shared and cyclic parts are walked once), refusing at `part` what is not plain data.
 */
function plainParts(value: unknown, part: 'value' | 'trace', seen: Set<object>, objects: object[]): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    const proto = Object.getPrototypeOf(v);
    const plain = Array.isArray(v) ? proto === Array.prototype : proto === Object.prototype || proto === null;
    if (!plain || ArrayBuffer.isView(v)) throw notPlain(part);
    for (const k of Object.getOwnPropertyNames(v)) {
      const desc = Object.getOwnPropertyDescriptor(v, k);
      if (desc === undefined) continue;
      if (!('value' in desc)) throw notPlain(part);
      stack.push(desc.value);
    }
    objects.push(v);
  }
}

const notPlain = (part: 'value' | 'trace'): ZhiduError =>
  new ZhiduError(
    'invalid_input',
    [part],
    `可复用决定的 ${part} 须为纯数据（纯对象与数组，无访问器） / a reusable decision's ${part} is plain data (plain objects and arrays, no accessors)`,
  );

/**
 * The module decision of a decision under `provenance`: for a reusable decision, the frozen one kept
 * on it, made and kept when it carries another provenance; for any other decision (a module whose
 * spec says `fastShared` wrongly), a new one, as without `fastShared`.
 */
function sharedDecision<R>(d: Decision<ModuleResult<R>>, provenance: Provenance): ModuleDecision<R> {
  const r = d as Kept<R>;
  return r[MADE_FOR] === provenance ? (r[MADE] as ModuleDecision<R>) : madeOf(r, provenance);
}

function madeOf<R>(d: Kept<R>, provenance: Provenance): ModuleDecision<R> {
  // Not one of reusableDecision's, or frozen since (nothing can be kept on it): a new one each time.
  if (!reusables.has(d) || Object.isFrozen(d)) return { value: d.value, trace: d.trace, provenance };
  const made = Object.freeze({ value: d.value, trace: d.trace, provenance }) as ModuleDecision<R>;
  d[MADE_FOR] = provenance;
  d[MADE] = made;
  return made;
}

/** The events of an input that must be in time order within their subject. */
export interface EventOrder<I> {
  /** Where the events sit in the input, e.g. `['events']`. */
  path: ErrorPath;
  /** The events, in the order given. */
  events(input: I): readonly unknown[];
  /** The subject an event belongs to (customer, complaint, file, account…). */
  subject(event: unknown): string;
  /** When the event happened. */
  at(event: unknown): InstantInput;
  /** The event's field holding its time, for the error path (default `at`). */
  field?: string;
}

/**
 * The time a single-decision input is judged at — an instant (`at`), or a local date (`date`,
 * judged at the start of that day in the context's zone) — and where it sits in the input.
 */
export type JudgedInstant =
  | {
      at: InstantInput;
      /** Path of the time inside the input, e.g. `['shipment', 'at']` (refusals point here). */
      path: ErrorPath;
    }
  | { date: string; path: ErrorPath };

/** What a module that reads a history itself sees: the versions, each compiled on demand. */
export interface HistoryView<P, C> {
  /** The versions, in time order. */
  readonly versions: readonly Readonly<Policy<P>>[];
  /** The version in force at `at`; refused with `policy_not_in_force` at `path` when none is. */
  at(at: InstantInput, path: ErrorPath): Readonly<Policy<P>>;
  /** Where a version's window ends (exclusive; `undefined` when open). */
  endOf(version: Readonly<Policy<P>>): string | undefined;
  /** A version compiled for the module's rule (the version is then listed in the provenance). */
  compiled(version: Readonly<Policy<P>>): C;
}

/**
 * How a module reads a {@link PolicyHistory} (docs/concepts.md, "Policies that change over time"):
 * - `judgedAt`: one decision, judged under the version in force at the input's own time (a
 *   shipment's `at`, a request's time); `at` returns `undefined` only for an input that carries
 *   no time, which is then judged at `ctx.now` (the trace says so);
 * - `now`: the input carries no time at all (a role, a grade, a set of facts): judged under the
 *   version in force at `ctx.now`; `reason` says why, in both languages;
 * - `anchored`: an event stream. Every event must fall in some version's window; the input is
 *   evaluated under each version whose window meets an event, and `keep` takes from each run the
 *   parts (timers, claims, entries) anchored in that version's window; `merge` joins them;
 * - `custom`: the module judges each part itself through a {@link HistoryView} (e.g. the penalty
 *   ledger prices each violation under the schedule in force at its `occurredAt`).
 */
export type HistoryReading<I, R, P, C> =
  | { kind: 'judgedAt'; at(input: I): JudgedInstant | undefined }
  | { kind: 'now'; reason: { zh: string; en: string } }
  | {
      kind: 'anchored';
      /** The events whose times must be covered (default: the module's `order`). */
      events?: Pick<EventOrder<I>, 'path' | 'events' | 'at' | 'field'>;
      /** What one run keeps: the parts anchored at an instant for which `inWindow` holds, and their trace. */
      keep(
        value: ModuleResult<R>,
        trace: readonly TraceEntry[],
        inWindow: (at: InstantInput) => boolean,
        input: I,
      ): { value: ModuleResult<R>; trace: TraceEntry[] };
      /** Joins the kept parts of the runs, in version order. */
      merge(parts: readonly ModuleResult<R>[]): ModuleResult<R>;
    }
  | {
      kind: 'custom';
      evaluate(input: I, history: HistoryView<P, C>, ctx: EvalContext): Decision<ModuleResult<R>>;
      /**
       * The events a single policy must be in force at (each, or `ctx.now` when there are none), as
       * for an `anchored` reading. Without it the module checks a single policy's window itself.
       */
      events?: Pick<EventOrder<I>, 'path' | 'events' | 'at' | 'field'>;
    };

/**
 * The trace entry naming the policy version a decision (or a part of it) was judged under:
 * rule `zhidu.policy.version`, data `{ id, version, from, to }` (`to` is `null` for an open end).
 *
 * @param version - the policy version
 * @param to - where its window ends (exclusive), when known
 * @param scope - what was judged under it, in both languages (default: the decision)
 * @returns the trace entry
 * @example
 * const entry = policyVersionEntry(
 *   { id: 'office', version: '2', effectiveFrom: '2025-01-01T00:00:00.000Z', zone: 'Asia/Shanghai',
 *     source: { title: '客户管理制度' }, params: {} },
 *   undefined,
 *   { zh: '2025 年起登记的客户', en: 'customers registered from 2025' },
 * );
 * entry.data; //=> { id: 'office', version: '2', from: '2025-01-01T00:00:00.000Z', to: null }
 */
export function policyVersionEntry(
  version: Pick<Policy<unknown>, 'id' | 'version' | 'effectiveFrom'>,
  to: string | undefined,
  scope: { zh: string; en: string } = { zh: '本决定', en: 'this decision' },
): TraceEntry {
  expectObject(version, ['version']);
  for (const key of ['id', 'version', 'effectiveFrom'] as const) {
    if (typeof version[key] !== 'string') {
      throw new ZhiduError(
        'invalid_input',
        ['version', key],
        `制度版本的 ${key} 须为字符串 / the policy version's ${key} must be a string`,
      );
    }
  }
  if (to !== undefined && typeof to !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['to'],
      '结束时间须为字符串或省略 / to must be a string or omitted',
    );
  }
  expectObject(scope, ['scope']);
  if (typeof scope.zh !== 'string' || typeof scope.en !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['scope'],
      '范围须为 { zh, en } 两个字符串 / scope must be { zh, en }, both strings',
    );
  }
  const window = `${version.effectiveFrom} – ${to ?? '…'}`;
  return {
    rule: 'zhidu.policy.version',
    message: {
      zh: `${scope.zh}按制度版本 ${version.id}@${version.version}（有效期 ${window}）判断`,
      en: `${scope.en} judged under ${version.id}@${version.version} (in force ${window})`,
    },
    data: { id: version.id, version: version.version, from: version.effectiveFrom, to: to ?? null },
  };
}

/** What a package writes to define a module (see {@link defineModule}). */
export interface ModuleSpec<PS extends z.ZodType, IS extends z.ZodType, R, C> {
  /** `<package>.<name>`, e.g. `sla.timers`, `attribution.ownership`. */
  id: string;
  /** What the module decides, in Chinese and English. */
  title: { zh: string; en: string };
  /** The policy's `params` schema (strict: unknown keys are refused). */
  params: PS;
  /** The input schema (strict). */
  input: IS;
  /** Prepares a validated policy for repeated evaluation (default: the policy itself). */
  compile?(policy: Policy<z.output<PS>>): C;
  /** The rule: pure, deterministic, explaining itself in its trace. */
  evaluate(input: z.output<IS>, compiled: C, ctx: EvalContext): Decision<ModuleResult<R>>;
  /** Preset policies as JSON, by kebab-case name; validated on first use. */
  presets?: Record<string, unknown>;
  /** Whether the module counts working days (a calendar must then be given explicitly). */
  needsCalendar?: boolean;
  /** The ordering rule: events in time order within a subject; interleaving between subjects is free. */
  order?: EventOrder<z.output<IS>>;
  /**
   * Refuses a large input early: called with the raw input and the compiled policy before the input
   * is parsed, it may throw the `ZhiduError` the evaluation would throw for one entry (a log entry
   * naming a file type the policy lacks), so that a 10^5-entry log is refused at that entry without
   * the whole log being parsed first. It throws with the full path (`['input', 'log', 7, …]`) and
   * returns when it has nothing to say. Not called under a {@link PolicyHistory}.
   */
  precheck?(input: unknown, compiled: C): void;
  /**
   * The module's own fast path (issue 21): called with the raw input, the compiled policy and the
   * context before anything else reads the input, it returns the decision for an input it has
   * checked completely itself — the very decision the general path (parse, precheck, order,
   * `evaluate`) would return — or `undefined` for anything it does not accept or does not read,
   * and the general path then runs (and builds any refusal, with its code, path and message). It
   * must not throw. A decision it returns may share frozen parts (its trace, its value) with
   * other decisions. Not called under a {@link PolicyHistory}.
   */
  fast?(input: unknown, compiled: C, ctx: EvalContext): Decision<ModuleResult<R>> | undefined;
  /**
   * With `fast`: every trace the fast path can return for a compiled policy (a decision table's
   * rows and its no-match entry), when it returns only traces built once. Read once per compiled
   * policy: when each of them is a frozen array of frozen entries, none naming a figure beyond the
   * calendar's data (`zhidu.calendar.provisional` / `zhidu.calendar.workweek`), the decisions of
   * the fast path take the plain provenance without their trace being read again (issue 21).
   */
  fastTraces?(compiled: C): Iterable<readonly TraceEntry[]>;
  /**
   * With `fast` and `fastTraces`: every decision `fast` returns is a {@link ReusableDecision},
   * shared by the inputs it decides (a decision table's row). While no trace of the fast path is
   * provisional, each of them gives one frozen module decision for the last provenance it met — the
   * same object on every call until the policy or context changes — where core would otherwise build
   * a new `{ value, trace, provenance }` for each call (issue 21). So does a reusable decision
   * `evaluate` returns.
   */
  fastShared?: boolean;
  /**
   * How the module reads a {@link PolicyHistory}: each input or event judged under the version in
   * force at its own time (see {@link HistoryReading}). Without it, a history is read at `ctx.now`.
   */
  history?: HistoryReading<z.output<IS>, NoInfer<R>, z.output<PS>, NoInfer<C>>;
}

/** A policy prepared by {@link RuleModule.compile}, reusable across evaluations. */
export interface CompiledPolicy<P, C> {
  readonly module: string;
  readonly policy: Readonly<Policy<P>>;
  readonly hash: string;
  readonly compiled: C;
}

/** Anything `evaluate` accepts as the policy: JSON, a validated policy, a compiled one, or a history. */
export type PolicyLike<P, C> = Policy<P> | CompiledPolicy<P, C> | PolicyHistory<P> | unknown;

/** One module of the contract every rule package follows. */
export interface RuleModule<P, I, R, C = Policy<P>, IIn = I> {
  readonly id: string;
  readonly title: { zh: string; en: string };
  /** The zod schemas: the policy envelope, its params, and the input. */
  readonly schemas: { policy: z.ZodType; params: z.ZodType; input: z.ZodType };
  /** Validates a policy (strict), returning it frozen. */
  policy(json: unknown, path?: ErrorPath): Readonly<Policy<P>>;
  /**
   * Validates (if needed) and prepares a policy for repeated evaluation. A policy compiled before
   * (the same object, or one of the module's last 64 policies, up to 1 M characters of JSON in all,
   * with the same content, keys in the same order, such as the same JSON read again from each
   * request; content counts only for a validated policy that is plain JSON data, see
   * {@link exactJson}). The compiled policy's `policy` is then the first validated policy of that
   * content. gives the same compiled policy without compiling
   * again; `evaluate` compiles through it too.
   */
  compile(policy: unknown): CompiledPolicy<P, C>;
  /**
   * Evaluates one input under a policy (JSON, validated, compiled, or a {@link PolicyHistory}: each
   * input or event judged under the version in force at its own time, as the module's
   * {@link HistoryReading} says). A single policy is read as a history of that one version: it is
   * applied only inside its `effectiveFrom`–`effectiveTo` window, else `policy_not_in_force` at the
   * time's path. Refusals are `ZhiduError`s; nothing else escapes.
   */
  evaluate(input: IIn, policy: PolicyLike<P, C>, ctx: EvalContext | ContextInput): ModuleDecision<R>;
  /** JSON Schemas (draft 2020-12) of the policy and the input, for callers in any language. */
  readonly jsonSchema: { readonly policy: Record<string, unknown>; readonly input: Record<string, unknown> };
  /** Preset names, kebab-case. */
  readonly presetNames: readonly string[];
  /** A preset policy, validated. */
  preset(name: string): Readonly<Policy<P>>;
  /** Whether the module counts working days. */
  readonly needsCalendar: boolean;
  /**
   * How the module reads a {@link PolicyHistory}: `judgedAt`, `now`, `anchored` or `custom` (see
   * {@link HistoryReading}); `undeclared` when the module does not say (judged at `ctx.now`).
   */
  readonly historyReading: HistoryReading<unknown, unknown, unknown, unknown>['kind'] | 'undeclared';
}

/** The form of a module id, `<package>.<name>` (also what `violation()` stamps in `source.module`). @internal */
export const MODULE_ID = /^[a-z][a-z0-9-]*\.[a-z][a-zA-Z0-9-]*$/;
const PRESET_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Canonical JSON: object keys sorted, `undefined` left out — the input of a policy's hash.
 *
 * Plain JSON data (what a parsed policy is) is written by the engine's own `JSON.stringify` with a
 * replacer that sorts each object's keys, about three times faster than walking it in JavaScript (a
 * 10^5-entry policy list took most of a second to hash). Anything else — a `Date`, a class instance,
 * a sparse array, an object with integer-like keys out of order — takes the general walk, so the text
 * (and every hash) is the same either way.
 *
 * @param value - any value; what has no JSON text (a BigInt, a cycle) is refused
 * @returns the canonical JSON text
 * @throws ZhiduError `invalid_input` at the path of a BigInt (no JSON number holds one exactly), or at
 *   the path where a value contains itself (a cycle); a value of any depth is written
 * @example
 * canonicalJson({ b: 1, a: [2, { d: undefined, c: 3 }] }); //=> '{"a":[2,{"c":3}],"b":1}'
 * canonicalJson({ amount: 10n }); // throws ZhiduError invalid_input at ['amount']
 */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(value, sortedKeys) ?? 'null';
  } catch {
    // Not plain data (or a BigInt, a cycle, a value deeper than the engine's stringify goes): the
    // general walk, which refuses what has no JSON text.
    return canonicalWalk(value);
  }
}

/** Thrown by {@link sortedKeys} when a value needs the general walk. */
const NOT_PLAIN = new Error('not plain JSON data');
const INTEGER_KEY = /^(?:0|[1-9]\d*)$/;

/** `JSON.stringify` replacer of {@link canonicalJson}: plain objects with their keys sorted. */
function sortedKeys(this: unknown, key: string, value: unknown): unknown {
  // The value before any toJSON: the general walk ignores toJSON, so such a value takes it.
  const raw = (this as Record<string, unknown>)[key];
  if (raw === null) return raw;
  const type = typeof raw;
  if (type === 'function' || type === 'symbol') return null; // the walk writes null for these
  if (type !== 'object') return value;
  if (Array.isArray(raw)) {
    for (let i = 0; i < raw.length; i++) if (!(i in raw)) throw NOT_PLAIN; // a hole: the walk writes nothing
    return raw;
  }
  const proto = Object.getPrototypeOf(raw);
  if (
    (proto !== Object.prototype && proto !== null) ||
    typeof (raw as { toJSON?: unknown }).toJSON === 'function'
  )
    throw NOT_PLAIN;
  const keys = Object.keys(raw as object);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = (keys[i - 1] as string) < (keys[i] as string);
  if (sorted) return raw;
  keys.sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    // Integer-like keys always come first in an object, whatever order they are added in; a key
    // `__proto__` assigned here would set the copy's prototype (the key was lost from the text).
    if (INTEGER_KEY.test(k) || k === '__proto__') throw NOT_PLAIN;
    out[k] = (raw as Record<string, unknown>)[k];
  }
  return out;
}

/** A value the canonical walk has opened: its members' texts so far. */
interface WalkFrame {
  readonly value: object;
  /** The keys with a value, sorted (an object), or null (an array: every index, holes included). */
  readonly keys: string[] | null;
  /** The values of `keys`, each read once (an object), or the array itself. */
  readonly values: unknown[];
  i: number;
  readonly parts: string[];
}

/** What the member a frame walks now (its `i - 1`-th) is written after: `"key":` in an object, nothing in an array. */
function memberPrefix(f: WalkFrame): string {
  return f.keys === null ? '' : `${JSON.stringify(f.keys[f.i - 1])}:`;
}

/**
 * The general canonical walk (any value): keys sorted, `undefined` left out, a hole in an array
 * written as nothing (as the walk always wrote it: every hash stays what it was). Iterative, so any
 * depth is walked; a BigInt is refused at its path, and a value that contains itself where the cycle
 * closes.
 */
function canonicalWalk(root: unknown): string {
  const path: (string | number)[] = [];
  const scalar = (v: unknown): string => {
    if (typeof v === 'bigint')
      throw new ZhiduError(
        'invalid_input',
        [...path],
        `BigInt 不能写成 JSON（JSON 数字无法精确表示它） / a BigInt cannot be written as JSON (no JSON number holds it exactly), got ${String(v)}n`,
      );
    const s = JSON.stringify(v);
    return s === undefined ? 'null' : s;
  };
  if (root === null || typeof root !== 'object') return scalar(root);
  const onPath = new Set<object>();
  const open = (v: object): WalkFrame => {
    if (onPath.has(v))
      throw new ZhiduError(
        'invalid_input',
        [...path],
        '值包含自身（循环引用），无法写成 JSON / the value contains itself (a cycle) and cannot be written as JSON',
      );
    onPath.add(v);
    if (Array.isArray(v)) return { value: v, keys: null, values: v, i: 0, parts: [] };
    const keys: string[] = [];
    const values: unknown[] = [];
    const all = Object.keys(v).sort();
    for (const k of all) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined) continue;
      keys.push(k);
      values.push(x);
    }
    return { value: v, keys, values, i: 0, parts: [] };
  };
  const stack: WalkFrame[] = [open(root)];
  for (;;) {
    const f = stack[stack.length - 1] as WalkFrame;
    if (f.i < f.values.length) {
      const i = f.i++;
      if (f.keys === null && !(i in f.values)) {
        f.parts.push('');
        continue;
      }
      const child = f.values[i];
      path.push(f.keys === null ? i : (f.keys[i] as string));
      if (child === null || typeof child !== 'object') {
        f.parts.push(memberPrefix(f) + scalar(child));
        path.pop();
        continue;
      }
      stack.push(open(child));
      continue;
    }
    stack.pop();
    onPath.delete(f.value);
    const text = f.keys === null ? `[${f.parts.join(',')}]` : `{${f.parts.join(',')}}`;
    const parent = stack[stack.length - 1];
    if (parent === undefined) return text;
    parent.parts.push(memberPrefix(parent) + text);
    path.pop();
  }
}

/**
 * The most JSON values a policy may hold: every object, array and scalar counted once for each place
 * its JSON would write it (an object listed twice counts twice). The largest preset holds 3,733;
 * a regulation written as data stays far below. A policy beyond it is refused with
 * `policy_too_large` before it is validated, hashed or compiled, each of which costs time in
 * proportion to its JSON (a policy of 10^5 tier copies, 90 MB of JSON, took 10 s to compile).
 *
 * @example
 * MAX_POLICY_VALUES; //=> 100000
 */
export const MAX_POLICY_VALUES = 100_000;

/**
 * How many objects and lists of a policy refused for its size the large-list pre-pass looks at for a
 * more precise refusal (a list over its own bound): bounded, so that the refusal stays cheap. @internal
 */
const POLICY_PRE_PASS = 10_000;

/** Marks, on {@link checkPolicySize}'s stack, that the object below it has been walked. */
const WALKED: unique symbol = Symbol('walked');

/**
 * Refuses a policy of more than {@link MAX_POLICY_VALUES} JSON values with `policy_too_large`, at the
 * path (below `path`) of the value at which the count passed the limit, walking it no further than
 * the limit: a list or object with more entries than are left is refused at its own path by its
 * length, unread. Arrays and other objects are walked (own enumerable keys, as JSON writes them;
 * an `undefined` value is not counted); a typed array counts as one value and is left to the schema,
 * as is a cycle (an object inside itself is not walked again). @internal
 */
export function checkPolicySize(json: unknown, path: ErrorPath): void {
  if (json === null || typeof json !== 'object') return;
  /** Where a value is: its key and the place of the object or list holding it (the root: null). */
  type Place = { readonly up: Place | null; readonly key: string | number } | null;
  const tooLarge = (place: Place): ZhiduError => {
    const keys: (string | number)[] = [];
    for (let p = place; p !== null; p = p.up) keys.push(p.key);
    return new ZhiduError(
      'policy_too_large',
      [...asErrorPath(path), ...keys.reverse()],
      `制度含超过 ${MAX_POLICY_VALUES} 个 JSON 值（对象、数组和标量）：制度不是数据集，请把大的名单放进输入 / the policy holds more than ${MAX_POLICY_VALUES} JSON values (objects, arrays and scalars): a policy is a regulation, not a data set; pass large lists as input`,
      { limit: MAX_POLICY_VALUES },
    );
  };
  let count = 0;
  const onPath = new Set<object>();
  // Pairs: a value and its place, or an object walked and the WALKED mark.
  const stack: unknown[] = [json, null];
  while (stack.length > 0) {
    const place = stack.pop() as Place | typeof WALKED;
    const v = stack.pop();
    if (place === WALKED) {
      onPath.delete(v as object);
      continue;
    }
    if (v === undefined) continue; // (JSON writes no undefined value)
    if (++count > MAX_POLICY_VALUES) throw tooLarge(place);
    // Any object is walked (zod reads a class instance or an object of another realm as well),
    // but a typed array or a DataView, which is no JSON and which zod refuses.
    if (v === null || typeof v !== 'object' || onPath.has(v) || ArrayBuffer.isView(v)) continue;
    const list = Array.isArray(v);
    const keys: readonly string[] = list ? [] : Object.keys(v);
    const n = list ? (v as unknown[]).length : keys.length;
    if (count + n > MAX_POLICY_VALUES) throw tooLarge(place);
    onPath.add(v);
    stack.push(v, WALKED);
    for (let i = n - 1; i >= 0; i--) {
      const key = list ? i : (keys[i] as string);
      stack.push((v as Record<string | number, unknown>)[key], { up: place, key });
    }
  }
}

/**
 * A content hash of any JSON value: `sha256:` and the hex digest of its canonical JSON.
 *
 * @example
 * contentHash({ b: 1, a: 2 }) === contentHash({ a: 2, b: 1 }); //=> true
 */
export function contentHash(value: unknown): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(value))))}`;
}

/** How many compiled policies each module keeps by content (the most recent ones). */
const COMPILED_BY_CONTENT = 64;
/**
 * At most this many characters of policy JSON kept as keys per module: the oldest contents go first.
 * A larger policy is not kept by content at all (a caller giving it as a new object each time has it
 * compiled each time, as before). The compiled forms kept beside the keys are of the same order.
 */
const CONTENT_KEY_CHARS = 1_000_000;

/**
 * A validated policy's content as a key: its hash and its JSON in its own key order, or `undefined`
 * when that JSON would not tell it from another policy — anything but plain JSON data (a `Date`, a
 * `Map` or `RegExp` from a transform, an `undefined` value, `-0`, a non-finite number; see
 * {@link exactJson}) — or when it is longer than {@link CONTENT_KEY_CHARS}: then only the same
 * object finds its compiled policy.
 */
function contentKey(hash: string, policy: object): string | undefined {
  const json = exactJson(policy);
  if (json === undefined) return undefined;
  const key = `${hash}\u0000${json}`;
  return key.length > CONTENT_KEY_CHARS ? undefined : key;
}

function isEvalContext(ctx: EvalContext | ContextInput): ctx is EvalContext {
  if (ctx === null || typeof ctx !== 'object') return false;
  const c = ctx as Partial<EvalContext>;
  return (
    typeof c.now === 'string' && typeof c.zone === 'string' && typeof c.calendar?.isWorkday === 'function'
  );
}

/** Any throw inside a module becomes a `ZhiduError`: refusals pass through, bugs are named as such. */
function asZhiduError(e: unknown, moduleId: string): ZhiduError {
  if (e instanceof ZhiduError) return e;
  if (e instanceof z.ZodError) return zodIssuesToError(e.issues, []);
  const message = e instanceof Error ? e.message : String(e);
  return new ZhiduError(
    'internal_error',
    ['module', moduleId],
    `模块 ${moduleId} 内部错误（请报告此问题）：${message} / internal error in module ${moduleId} (please report it): ${message}`,
    { cause: e instanceof Error ? e.name : typeof e },
  );
}

/**
 * A module's refusal: `asZhiduError`, and a `calendar_out_of_range` whose path names no field of the
 * input (a calendar method's own argument, `input.n`) re-anchored at `ctx.calendar`, where the caller
 * loads the year's notice or chooses `outsideData` (the message names the date). One that names an
 * input field (a quota range's `to` beyond the data) keeps it.
 */
function refusalOf(e: unknown, moduleId: string, input: unknown, inputKeys: ReadonlySet<string>): ZhiduError {
  const error = asZhiduError(e, moduleId);
  if (error.code === 'calendar_out_of_range') {
    // A calendar method's own argument (`date`, `n`) is no field of the input, even when the input
    // has a field of that name: only a path the rule wrote under `input` is kept.
    if (error.path[0] === 'ctx') return error;
    if (error.path[0] === 'input' && ownPathValue(input, error.path.slice(1)) !== NOT_FOUND) return error;
    return errorAt(error, ['ctx', 'calendar']);
  }
  // A rule's own refusal of an input field (`out_of_order` at `events[1].at`) is put under `input`,
  // where the schema's refusals are: one prefix for every refusal of the same input. A field is one
  // the input has, or one its schema declares (a refusal of a missing optional field).
  const head = error.path[0];
  if (
    typeof head === 'string' &&
    head !== 'input' &&
    head !== 'ctx' &&
    head !== 'policy' &&
    (inputKeys.has(head) || ownPathValue(input, [head]) !== NOT_FOUND)
  )
    return errorAt(error, ['input', ...error.path]);
  return error;
}

/**
 * Whether modules take their fast paths (issue 21): a module's own `fast` reading and core's fast
 * input parser. With `on` false every decision and refusal comes from the general path (zod's
 * parse, the order check, the rule), which the fast paths must agree with: the differential tests
 * (`fuzz/fast-general.test.ts`) switch it off and compare. Not for production use. @internal
 */
export const fastPaths = { on: true };

/**
 * Defines a module: one shape for every rule package — a strict policy schema, a strict input
 * schema, `evaluate(input, policy, ctx)` returning `{ result, violations }` with a trace and its
 * provenance, JSON Schemas, and presets by name.
 *
 * @param spec - the module's id, schemas, rule and presets
 * @returns the module
 * @throws ZhiduError `invalid_input` for a malformed id or preset name
 * @example
 * const lateness = defineModule({
 *   id: 'demo.lateness',
 *   title: { zh: '迟到', en: 'Lateness' },
 *   params: z.strictObject({ graceMinutes: z.number().int().nonnegative() }),
 *   input: z.strictObject({ minutesLate: z.number().int() }),
 *   evaluate: (input, policy) => {
 *     const late = input.minutesLate > policy.params.graceMinutes;
 *     return new Trace()
 *       .add('DEMO-1', undefined, late ? '迟到' : '准时', late ? 'late' : 'on time')
 *       .decide({ result: { late }, violations: [] });
 *   },
 * });
 * const d = lateness.evaluate({ minutesLate: 7 }, {
 *   id: 'demo', version: '1', effectiveFrom: '2025-01-01', source: { title: '考勤制度' },
 *   params: { graceMinutes: 5 },
 * }, { now: '2025-06-01T09:00:00+08:00' });
 * d.value.result.late; //=> true
 */
export function defineModule<PS extends z.ZodType, IS extends z.ZodType, R, C = Policy<z.output<PS>>>(
  spec: ModuleSpec<PS, IS, R, C>,
): RuleModule<z.output<PS>, z.output<IS>, R, C, z.input<IS>> {
  type P = z.output<PS>;
  expectObject(spec, ['spec']);
  if (typeof spec.id !== 'string' || !MODULE_ID.test(spec.id)) {
    throw new ZhiduError(
      'invalid_input',
      ['id'],
      `模块标识须为 <包>.<名称> / a module id is <package>.<name>, got ${JSON.stringify(spec.id)}`,
    );
  }
  for (const name of Object.keys(spec.presets ?? {})) {
    if (!PRESET_NAME.test(name)) {
      throw new ZhiduError(
        'invalid_input',
        ['presets', name],
        `预设名称须为 kebab-case / preset names are kebab-case, got ${JSON.stringify(name)}`,
      );
    }
  }
  const policySchema = strictPolicySchema(spec.params);
  const validated = new WeakMap<object, Readonly<Policy<P>>>();
  const ours = new WeakSet<object>();
  const hashes = new WeakMap<object, string>();
  const compiledSet = new WeakSet<object>();
  const compiledOf = new WeakMap<object, CompiledPolicy<P, C>>();
  // The compiled policies of the last COMPILED_BY_CONTENT contents, oldest first: a policy given as
  // a new JSON object with the same content (a server reading it from each request) is validated
  // again but not compiled again (issue 21). Keyed by the content hash and the validated policy's
  // JSON in its own key order: a compiled policy may follow the order of an object's keys (the
  // order of a list it writes), and the hash sorts them.
  const compiledByContent = new RecentByText<CompiledPolicy<P, C>>(COMPILED_BY_CONTENT, CONTENT_KEY_CHARS);
  const presetCache = new Map<string, Readonly<Policy<P>>>();
  let schemas: { policy: Record<string, unknown>; input: Record<string, unknown> } | undefined;

  const policy = (json: unknown, path: ErrorPath = ['policy']): Readonly<Policy<P>> => {
    if (json !== null && typeof json === 'object') {
      if (ours.has(json)) return json as Readonly<Policy<P>>;
      const cached = validated.get(json);
      if (cached) return cached;
    }
    try {
      checkPolicySize(json, path);
    } catch (e) {
      // A list over its own bound (or with a bad entry the pre-pass samples) among the first
      // POLICY_PRE_PASS objects and lists is named by its own, more precise refusal; else the
      // policy is refused for its size. (A getter that threw: its error, as the parse would give.)
      if (isZhiduError(e) && e.code === 'policy_too_large')
        refuseBadLargeEntry(policySchema, json, path, POLICY_PRE_PASS);
      throw e;
    }
    const parsed = deepFreeze(parseInput(policySchema, json, path) as Policy<P>);
    ours.add(parsed);
    hashes.set(parsed, contentHash(parsed));
    if (json !== null && typeof json === 'object') validated.set(json, parsed);
    return parsed;
  };

  // The compiled policy last seen (a caller evaluating many inputs under one policy): an identity
  // check instead of a WeakSet lookup per call.
  let lastCompiled: object | undefined;
  const compile = (p: unknown): CompiledPolicy<P, C> => {
    if (p === lastCompiled && p !== undefined) return p as CompiledPolicy<P, C>;
    if (p !== null && typeof p === 'object' && compiledSet.has(p)) {
      lastCompiled = p;
      return p as CompiledPolicy<P, C>;
    }
    const v = policy(p);
    // A validated policy is frozen and compiling it is pure: compiled once (issue 21: a policy
    // given as the same JSON object, or the same validated one, on every call was compiled again).
    const known = compiledOf.get(v);
    if (known !== undefined) return known;
    // The same content compiled before, as another object: the same compiled policy (compiling is
    // pure, and the hash is the policy's identity in every provenance).
    const hash = hashes.get(v) as string;
    const key = contentKey(hash, v);
    const same = key === undefined ? undefined : compiledByContent.get(key);
    if (same !== undefined) {
      compiledOf.set(v, same);
      return same;
    }
    const compiled = spec.compile ? spec.compile(v) : (v as unknown as C);
    const out: CompiledPolicy<P, C> = Object.freeze({ module: spec.id, policy: v, hash, compiled });
    compiledSet.add(out);
    compiledOf.set(v, out);
    if (key !== undefined) compiledByContent.set(key, out);
    return out;
  };

  // The input's fast parser (issue 21), compiled on first use: zod's parsed value for an input it
  // accepts; anything else goes through parseInput, which builds the refusal exactly as before.
  /** The fields the input schema declares (an object schema's), for {@link refusalOf}. */
  const inputKeys: ReadonlySet<string> = new Set(
    Object.keys((spec.input as unknown as { shape?: Record<string, unknown> }).shape ?? {}),
  );
  let inputParser: FastParser | null | undefined;
  const parseModuleInput = (input: unknown): z.output<IS> => {
    if (inputParser === undefined) inputParser = fastParser(spec.input) ?? null;
    if (inputParser !== null && fastPaths.on) {
      const fast = inputParser(input);
      if (fast !== NOT_PARSED) return fast as z.output<IS>;
    }
    return parseInput(spec.input, input, ['input']) as z.output<IS>;
  };

  const checkOrder = (input: z.output<IS>): void => {
    const order = spec.order;
    if (!order) return;
    const last = new Map<string, number>();
    const events = order.events(input);
    const field = order.field ?? 'at';
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      const subject = order.subject(event);
      const value = order.at(event);
      // A canonical instant is read by its digits without an error path; only anything else
      // (offsets, Date, epoch ms, a bad value) pays for the path toEpochMs may need to cite.
      let t = typeof value === 'string' ? canonicalEpochMs(value) : Number.NaN;
      if (Number.isNaN(t)) t = toEpochMs(value, [...order.path, i, field]);
      const prev = last.get(subject);
      if (prev !== undefined && t < prev) {
        const at = [...order.path, i, field];
        throw new ZhiduError(
          'out_of_order',
          at,
          `${formatPath(at)} 早于同一对象（${subject}）的前一事件：同一对象的事件须按时间顺序 / ${formatPath(at)} is earlier than the previous event of the same subject (${subject}): events of one subject must be in time order`,
        );
      }
      last.set(subject, t);
    }
  };

  /**
   * A single policy is applied only inside its own window, read as a history of that one version
   * would read it (`effectiveFrom` inclusive, `effectiveTo` exclusive): the input's own time for a
   * `judgedAt` module, every event for an `anchored` one (and a `custom` one that names its
   * events), `ctx.now` for a `now` module, one that does not say, or an input without a time.
   * Another `custom` module judges its parts itself (the penalty ledger refuses a violation
   * outside its schedule's dates). Refused with `policy_not_in_force` at the time's path, as under
   * a history.
   */
  const checkInForce = (policy: Readonly<Policy<P>>, input: unknown, ctx: EvalContext): void => {
    const from = toEpochMs(policy.effectiveFrom);
    const to = policy.effectiveTo === undefined ? Number.POSITIVE_INFINITY : toEpochMs(policy.effectiveTo);
    const reading = spec.history;
    if (reading === undefined || reading.kind === 'now') {
      inForceAt(policy, from, to, ctx.now, NOW_PATH);
    } else if (reading.kind === 'judgedAt') {
      const j = reading.at(input as z.output<IS>);
      if (j === undefined) inForceAt(policy, from, to, ctx.now, NOW_PATH);
      else if ('date' in j) {
        const where = ['input', ...j.path];
        inForceAt(policy, from, to, startOfLocalDay(assertLocalDate(j.date, where), ctx.zone), where);
      } else {
        // A canonical instant inside the window costs a read of its digits and no allocation.
        const t = typeof j.at === 'string' ? canonicalEpochMs(j.at) : Number.NaN;
        if (!(t >= from && t < to)) inForceAt(policy, from, to, j.at, ['input', ...j.path]);
      }
    } else if (reading.kind === 'anchored' || reading.events !== undefined) {
      const events = reading.events ?? spec.order;
      if (events === undefined) return;
      const list = events.events(input as z.output<IS>);
      if (list.length === 0) inForceAt(policy, from, to, ctx.now, NOW_PATH);
      for (let i = 0; i < list.length; i++) {
        const at = events.at(list[i]);
        const t = typeof at === 'string' ? canonicalEpochMs(at) : Number.NaN;
        if (!(t >= from && t < to))
          inForceAt(policy, from, to, at, ['input', ...events.path, i, events.field ?? 'at']);
      }
    }
  };

  let lastProvenance: SharedProvenance | undefined;
  // Whether a single policy's window is checked against the input (else against ctx.now, once per context).
  const inputTimed =
    spec.history?.kind === 'judgedAt' ||
    spec.history?.kind === 'anchored' ||
    (spec.history?.kind === 'custom' && spec.history.events !== undefined);
  const fast = spec.fast;
  // Whether the fast path's decisions are reusable ones (see ReusableDecision).
  const shareFast = fast !== undefined && spec.fastShared === true;
  // Per compiled policy: whether no trace of the fast path is provisional (see `fastTraces`).
  const plainFastTraces = new WeakMap<object, boolean>();
  const fastNeverProvisional = (compiled: CompiledPolicy<P, C>): boolean => {
    const known = plainFastTraces.get(compiled);
    if (known !== undefined) return known;
    let plain = false;
    if (fast !== undefined && spec.fastTraces !== undefined) {
      plain = true;
      for (const trace of spec.fastTraces(compiled.compiled)) {
        if (!Object.isFrozen(trace) || !trace.every((e) => Object.isFrozen(e)) || isProvisional(trace)) {
          plain = false;
          break;
        }
      }
    }
    plainFastTraces.set(compiled, plain);
    return plain;
  };
  /**
   * The direct path (issue 21), for the compiled policy and the very context object of the last
   * decision, its now, zone and calendar unchanged (checked by `evaluate`): those passed every
   * check of the general path when the slot was made (and a context's defaulted calendar is a
   * property of the object), so only the module's fast path reads the input. `undefined` when the
   * fast path leaves the input to the general path, which then does not call it again (it would
   * be given the same compiled policy and context). Kept apart from the general path, and small,
   * so that the engine can inline it into the caller.
   */
  const direct = (
    last: SharedProvenance,
    fastPath: NonNullable<typeof fast>,
    input: unknown,
  ): ModuleDecision<R> | undefined => {
    const ctx = last.ctx;
    let d: Decision<ModuleResult<R>> | undefined;
    try {
      d = fastPath(input, last.compiled.compiled as C, ctx);
      // The policy's window at the input's own time (at ctx.now it was checked with the slot).
      if (d !== undefined && inputTimed)
        checkInForce(last.compiled.policy as Readonly<Policy<P>>, input, ctx);
    } catch (e) {
      throw refusalOf(e, spec.id, input, inputKeys);
    }
    if (d === undefined) return undefined;
    if (shareFast && last.fastPlain) {
      const p = last.plain;
      if (p !== undefined) return sharedDecision(d, p);
    }
    const trace = d.trace;
    const provenance =
      (last.fastPlain ? last.plain : isProvisional(trace) ? last.provisional : last.plain) ??
      sharedProvenance(spec.id, last, trace);
    return { value: d.value, trace, provenance };
  };
  const evaluate = (
    input: z.input<IS>,
    policyLike: PolicyLike<P, C>,
    ctxInput: EvalContext | ContextInput,
  ): ModuleDecision<R> => {
    const last = lastProvenance;
    if (
      fast !== undefined &&
      fastPaths.on &&
      last !== undefined &&
      policyLike === last.compiled &&
      ctxInput === last.ctx
    ) {
      const ctx = last.ctx;
      if (
        ctx.now === last.now &&
        ctx.zone === last.zone &&
        ctx.calendar === last.calendar &&
        typeof ctx.calendar.isWorkday === 'function'
      ) {
        const d = direct(last, fast, input);
        return d !== undefined ? d : general(input, policyLike, ctxInput, false);
      }
    }
    return general(input, policyLike, ctxInput, true);
  };
  /**
   * Everything but the direct path: the context, the policy, the fast path (unless the direct
   * path has just been refused by it) or the parse and the rule.
   */
  const general = (
    input: z.input<IS>,
    policyLike: PolicyLike<P, C>,
    ctxInput: EvalContext | ContextInput,
    tryFast: boolean,
  ): ModuleDecision<R> => {
    try {
      if (ctxInput === null || typeof ctxInput !== 'object' || Array.isArray(ctxInput)) {
        throw new ZhiduError(
          'invalid_input',
          ['ctx'],
          `上下文须为对象（至少含 now） / the context is an object with at least now, got ${ctxInput === null ? 'null' : Array.isArray(ctxInput) ? 'an array' : typeof ctxInput}`,
        );
      }
      // A context makeContext built is read as it is; any other is checked for keys nothing reads
      // (before the caches below, which a fresh `{ now, calender }` would otherwise hit).
      let ctx: EvalContext;
      if (isMadeContext(ctxInput) && isEvalContext(ctxInput)) ctx = ctxInput;
      else {
        checkContextKeys(ctxInput, ['ctx']);
        // A context-shaped object is read as it is when its zone is one (else makeContext refuses it at
        // `zone`, where a module would have failed on the zone later, at a path of its own).
        ctx =
          isEvalContext(ctxInput) &&
          (ctxInput as ContextInput).seed === undefined &&
          isKnownZone(ctxInput.zone)
            ? ctxInput
            : contextOf(ctxInput as ContextInput);
      }
      if (spec.needsCalendar && isCalendarDefaulted(ctx)) {
        throw new ZhiduError(
          'calendar_required',
          ['ctx', 'calendar'],
          `模块 ${spec.id} 计算工作日，须明确给出日历（例如 chinaCalendar()），不会默认按周一至周五 / module ${spec.id} counts working days: pass a calendar explicitly (e.g. chinaCalendar()); it never assumes Mon–Fri`,
        );
      }
      if (policyLike !== lastCompiled && policyLike instanceof PolicyHistory) {
        const parsedInput = parseModuleInput(input);
        checkOrder(parsedInput);
        return underHistory(parsedInput, policyLike as PolicyHistory<P>, ctx);
      }
      const compiled = compile(policyLike);
      let d =
        fast === undefined || !tryFast || !fastPaths.on ? undefined : fast(input, compiled.compiled, ctx);
      if (d === undefined) {
        spec.precheck?.(input, compiled.compiled);
        const parsedInput = parseModuleInput(input);
        checkOrder(parsedInput);
        checkInForce(compiled.policy, parsedInput, ctx);
        d = spec.evaluate(parsedInput, compiled.compiled, ctx);
      } else checkInForce(compiled.policy, input, ctx);
      // The provenance shared by the decisions of the last (compiled policy, context) pair.
      let slot = lastProvenance;
      if (
        slot === undefined ||
        slot.compiled !== compiled ||
        slot.ctx !== ctx ||
        slot.now !== ctx.now ||
        slot.zone !== ctx.zone ||
        slot.calendar !== ctx.calendar
      ) {
        slot = provenanceSlot(compiled, ctx);
        slot.fastPlain = fastNeverProvisional(compiled);
        lastProvenance = slot;
      }
      const provenance = sharedProvenance(spec.id, slot, d.trace);
      if (shareFast && slot.fastPlain && provenance === slot.plain) return sharedDecision(d, provenance);
      return { value: d.value, trace: d.trace, provenance };
    } catch (e) {
      throw refusalOf(e, spec.id, input, inputKeys);
    }
  };

  /** Judges an input under a history as the module's {@link HistoryReading} says. */
  const underHistory = (
    input: z.output<IS>,
    history: PolicyHistory<P>,
    ctx: EvalContext,
  ): ModuleDecision<R> => {
    const used: CompiledPolicy<P, C>[] = [];
    const use = (v: Policy<P>): CompiledPolicy<P, C> => {
      const c = compile(v);
      if (!used.includes(c)) used.push(c);
      return c;
    };
    const finish = (d: Decision<ModuleResult<R>>): ModuleDecision<R> => {
      if (used.length === 0)
        throw new ZhiduError(
          'internal_error',
          ['module', spec.id],
          '没有使用任何制度版本 / no policy version used',
        );
      const ordered = [...used].sort(
        (a, b) => toEpochMs(a.policy.effectiveFrom) - toEpochMs(b.policy.effectiveFrom),
      );
      const latest = ordered[ordered.length - 1] as CompiledPolicy<P, C>;
      return {
        value: d.value,
        trace: d.trace,
        provenance: {
          ...provenanceOf(spec.id, latest, ctx, d.trace),
          versions: ordered.map((c) => ({ id: c.policy.id, version: c.policy.version, hash: c.hash })),
        },
      };
    };
    const single = (v: Policy<P>, scope?: { zh: string; en: string }): ModuleDecision<R> => {
      const c = use(v);
      const d = spec.evaluate(input, c.compiled, ctx);
      return finish({ value: d.value, trace: [policyVersionEntry(v, history.endOf(v), scope), ...d.trace] });
    };
    const atNow = (why: { zh: string; en: string }): ModuleDecision<R> =>
      single(history.at(ctx.now, ['ctx', 'now']), {
        zh: `${why.zh}，按 ${ctx.now} 判断：本决定`,
        en: `${why.en}; judged at ${ctx.now}: this decision`,
      });
    const reading = spec.history;
    if (reading === undefined) {
      return atNow({
        zh: '模块未声明如何读取制度历史',
        en: 'the module does not declare how it reads a history',
      });
    }
    switch (reading.kind) {
      case 'now':
        return atNow(reading.reason);
      case 'judgedAt': {
        const j = reading.at(input);
        if (j === undefined) return atNow({ zh: '输入不含时间', en: 'the input carries no time' });
        const where = ['input', ...j.path];
        const at =
          'date' in j ? startOfLocalDay(assertLocalDate(j.date, where), ctx.zone) : toInstant(j.at, where);
        const v = history.at(at, where);
        return single(v, {
          zh: `${formatPath(where)}（${at}）时：本决定`,
          en: `At ${formatPath(where)} (${at}), this decision`,
        });
      }
      case 'custom': {
        const view: HistoryView<P, C> = {
          versions: history.versions,
          at: (at, path) => history.at(at, path),
          endOf: (v) => history.endOf(v as Policy<P>),
          compiled: (v) => use(v as Policy<P>).compiled,
        };
        return finish(reading.evaluate(input, view, ctx));
      }
      case 'anchored': {
        const events = reading.events ?? spec.order;
        if (events === undefined) {
          throw new ZhiduError(
            'internal_error',
            ['module', spec.id],
            '按锚定时间读取制度历史须提供其事件 / an anchored history reading needs its events',
          );
        }
        const list = events.events(input);
        if (list.length === 0) return atNow({ zh: '没有事件', en: 'there are no events' });
        const versions: Policy<P>[] = [];
        list.forEach((event, i) => {
          const v = history.at(events.at(event), ['input', ...events.path, i, events.field ?? 'at']);
          if (!versions.includes(v)) versions.push(v);
        });
        versions.sort((a, b) => toEpochMs(a.effectiveFrom) - toEpochMs(b.effectiveFrom));
        if (versions.length === 1) return single(versions[0] as Policy<P>);
        const parts: ModuleResult<R>[] = [];
        const trace: TraceEntry[] = [];
        for (const v of versions) {
          const from = toEpochMs(v.effectiveFrom);
          const end = history.endOf(v);
          const to = end === undefined ? Number.POSITIVE_INFINITY : toEpochMs(end);
          const d = spec.evaluate(input, use(v).compiled, ctx);
          const kept = reading.keep(
            d.value,
            d.trace,
            (at) => {
              const t = toEpochMs(at);
              return t >= from && t < to;
            },
            input,
          );
          parts.push(kept.value);
          trace.push(
            policyVersionEntry(v, end, {
              zh: `锚定于 ${v.effectiveFrom} – ${end ?? '…'} 的部分`,
              en: `The parts anchored in ${v.effectiveFrom} – ${end ?? '…'} were`,
            }),
            ...kept.trace,
          );
        }
        return finish({ value: reading.merge(parts), trace });
      }
    }
  };

  return {
    id: spec.id,
    title: spec.title,
    schemas: { policy: policySchema, params: spec.params, input: spec.input },
    policy,
    compile,
    evaluate,
    get jsonSchema() {
      schemas ??= {
        policy: z.toJSONSchema(policySchema, { io: 'input', unrepresentable: 'any' }) as Record<
          string,
          unknown
        >,
        input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
      };
      return schemas;
    },
    presetNames: Object.keys(spec.presets ?? {}),
    preset(name: string): Readonly<Policy<P>> {
      if (typeof name !== 'string') {
        throw new ZhiduError(
          'invalid_input',
          ['preset'],
          `预设名称须为字符串 / a preset name is a string, got ${name === null ? 'null' : typeof name}`,
        );
      }
      const cached = presetCache.get(name);
      if (cached) return cached;
      // Own names only: `constructor` or `__proto__` is not a preset.
      const json = spec.presets && Object.hasOwn(spec.presets, name) ? spec.presets[name] : undefined;
      if (json === undefined) {
        throw new ZhiduError(
          'unknown_reference',
          ['preset'],
          `模块 ${spec.id} 没有预设 ${name}（现有：${Object.keys(spec.presets ?? {}).join('、') || '无'}） / module ${spec.id} has no preset ${JSON.stringify(name)} (have: ${Object.keys(spec.presets ?? {}).join(', ') || 'none'})`,
        );
      }
      const p = policy(json, ['presets', name]);
      presetCache.set(name, p);
      return p;
    },
    needsCalendar: spec.needsCalendar === true,
    historyReading: spec.history?.kind ?? 'undeclared',
  };
}

/**
 * The last calendar basis computed per calendar, keyed by zone and instant: a module evaluated
 * many times with one context (a batch, a server) reads the calendar's basis once, not per call
 * (issue 21). Calendars are immutable, and so is the basis: one frozen array, shared by every
 * decision made with that calendar, zone and instant.
 */
const basisCache = new WeakMap<object, { key: string; basis: readonly CalendarBasis[] }>();

function calendarBasisOf(ctx: EvalContext): readonly CalendarBasis[] {
  const key = `${ctx.zone}\u0000${ctx.now}`;
  const hit = basisCache.get(ctx.calendar);
  if (hit !== undefined && hit.key === key) return hit.basis;
  const year = Number(localDateOf(ctx.now, ctx.zone).slice(0, 4));
  let basis: CalendarBasis[] = [];
  try {
    basis = (ctx.calendar.basis?.(`${year}-01-01`, `${year + 1}-12-31`) ?? []).map((b) =>
      Object.freeze({ ...b }),
    );
  } catch {
    basis = [];
  }
  const frozen = Object.freeze(basis);
  basisCache.set(ctx.calendar, { key, basis: frozen });
  return frozen;
}

/** Whether a trace has a figure computed beyond the calendar's data (the provenance's `provisional`). */
function isProvisional(trace: readonly TraceEntry[]): boolean {
  for (let i = 0; i < trace.length; i++) {
    const rule = (trace[i] as TraceEntry).rule;
    if (rule === 'zhidu.calendar.provisional' || rule === 'zhidu.calendar.workweek') return true;
  }
  return false;
}

function provenanceOf(
  moduleId: string,
  compiled: CompiledPolicy<unknown, unknown>,
  ctx: EvalContext,
  trace: readonly TraceEntry[],
): Provenance {
  return {
    module: moduleId,
    policy: { id: compiled.policy.id, version: compiled.policy.version, hash: compiled.hash },
    calendar: {
      zone: ctx.zone,
      basis: calendarBasisOf(ctx) as CalendarBasis[],
      provisional: isProvisional(trace),
    },
    library: { name: '@zhidu/core', version: VERSION },
  };
}

/** The provenances built for a compiled policy and a context: one per `provisional`. */
type SharedProvenance = {
  compiled: CompiledPolicy<unknown, unknown>;
  ctx: EvalContext;
  now: string;
  zone: string;
  calendar: object;
  basis: readonly CalendarBasis[];
  plain: Provenance | undefined;
  provisional: Provenance | undefined;
  /** Whether no trace the module's fast path returns is provisional (its `fastTraces`). */
  fastPlain: boolean;
};
const provenanceCache = new WeakMap<object, SharedProvenance>();

const NOW_PATH: ErrorPath = Object.freeze(['ctx', 'now']) as unknown as ErrorPath;

/**
 * Refuses `at` with `policy_not_in_force` at `path` unless it lies in the policy's window
 * `[from, to)` (epoch ms), as a history of that one version would.
 */
function inForceAt(
  policy: Readonly<Policy<unknown>>,
  from: number,
  to: number,
  at: InstantInput,
  path: ErrorPath,
): void {
  const t = toEpochMs(at, path);
  if (t >= from && t < to) return;
  const window = `${policy.effectiveFrom} – ${policy.effectiveTo ?? '…'}`;
  throw new ZhiduError(
    'policy_not_in_force',
    [...path],
    `制度 ${policy.id}@${policy.version} 在 ${toInstant(t)} 不在有效期内（${window}）；多个版本请用 PolicyHistory / policy ${policy.id}@${policy.version} is not in force at ${toInstant(t)} (in force ${window}); give a PolicyHistory for several versions`,
  );
}

/** The shared provenances of a compiled policy under a context (the last pair per compiled policy). */
function provenanceSlot(compiled: CompiledPolicy<unknown, unknown>, ctx: EvalContext): SharedProvenance {
  const hit = provenanceCache.get(compiled);
  if (
    hit !== undefined &&
    hit.ctx === ctx &&
    hit.now === ctx.now &&
    hit.zone === ctx.zone &&
    hit.calendar === ctx.calendar
  )
    return hit;
  const slot: SharedProvenance = {
    compiled,
    ctx,
    now: ctx.now,
    zone: ctx.zone,
    calendar: ctx.calendar,
    basis: calendarBasisOf(ctx),
    plain: undefined,
    provisional: undefined,
    fastPlain: false,
  };
  provenanceCache.set(compiled, slot);
  return slot;
}

/**
 * A decision's provenance, built once per (compiled policy, context) and shared, deeply frozen, by
 * every decision made with them (issue 21: a decision table evaluated 10^6 times with one context
 * built the same provenance 10^6 times). Same content as {@link provenanceOf}.
 */
function sharedProvenance(
  moduleId: string,
  slot: SharedProvenance,
  trace: readonly TraceEntry[],
): Provenance {
  const provisional = isProvisional(trace);
  const cached = provisional ? slot.provisional : slot.plain;
  if (cached !== undefined) return cached;
  const { compiled } = slot;
  const built = deepFreeze<Provenance>({
    module: moduleId,
    policy: { id: compiled.policy.id, version: compiled.policy.version, hash: compiled.hash },
    calendar: { zone: slot.zone, basis: slot.basis as CalendarBasis[], provisional },
    library: { name: '@zhidu/core', version: VERSION },
  });
  if (provisional) slot.provisional = built;
  else slot.plain = built;
  return built;
}

/**
 * The contexts built from plain `{ now, zone?, calendar? }` objects, per object: a caller passing
 * the same context object to every call (a batch, a loop) has it validated once. A hit needs the
 * same `now` (a string), `zone` and `calendar`; a context with a `seed` is built per call (its
 * random source has state).
 */
const contextCache = new WeakMap<
  object,
  { now: string; zone: unknown; calendar: unknown; ctx: EvalContext }
>();

/**
 * The context built last from a plain object, by content: a caller building a fresh `{ now }` (or
 * `{ now, calendar }`) object per call with the same values (the registry supplying the PRC
 * calendar, a server per request) gets the context built for the first of them. The context made
 * from the same `now` string, `zone` and `calendar` object is the same in every field (and in
 * whether its calendar was defaulted), so sharing it changes no decision.
 */
let lastContext: { now: string; zone: unknown; calendar: unknown; ctx: EvalContext } | undefined;

function contextOf(input: ContextInput): EvalContext {
  // A context with a random source (a seed, or a generator given as `rng`) is made afresh: two such
  // contexts with the same `now` differ in what they draw.
  if (
    input.seed !== undefined ||
    (input as { rng?: unknown }).rng !== undefined ||
    typeof input.now !== 'string'
  )
    return makeContext(input);
  const { now, zone, calendar } = input;
  const last = lastContext;
  if (last !== undefined && last.now === now && last.zone === zone && last.calendar === calendar)
    return last.ctx;
  const hit = contextCache.get(input);
  if (hit !== undefined && hit.now === now && hit.zone === zone && hit.calendar === calendar) {
    lastContext = hit;
    return hit.ctx;
  }
  const ctx = makeContext(input);
  const entry = { now, zone, calendar, ctx };
  contextCache.set(input, entry);
  lastContext = entry;
  return ctx;
}
