/**
 * Policy-parameter coverage: find every leaf parameter of a policy (money, durations, counts,
 * thresholds, ratios, times of day, enum switches, role lists), perturb it, rerun the scenarios
 * that apply to the policy, and report which parameters no scenario notices.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  type CompiledPolicy,
  DurationSpecSchema,
  describeValue,
  errorAt,
  expectKnownKeys,
  FenSchema,
  isZhiduError,
  LocalTimeSchema,
  nearestKey,
  type Policy,
  parseScenario,
  RatioSchema,
  runScenario,
  type Scenario,
  type ScenarioResolver,
  ZhiduError,
} from '@zhidu/core';
import type { z } from 'zod';
import { getModule, getPreset, listPresets, scenarioResolver } from './index.js';
import type { AnyModule } from './registry.js';
import { findScenarioFiles, readScenarioFile } from './scenarios.js';
import { loadableUrl, tsxApi } from './worker-source.js';

/** What a parameter is: how it is perturbed and how totals are grouped. */
export type ParameterKind =
  | 'money'
  | 'duration'
  | 'count'
  | 'threshold'
  | 'ratio'
  | 'time'
  | 'enum'
  | 'boolean'
  | 'list';

/** Every parameter kind, in the order totals list them. */
const PARAMETER_KINDS: readonly ParameterKind[] = [
  'money',
  'duration',
  'count',
  'threshold',
  'ratio',
  'time',
  'enum',
  'boolean',
  'list',
];

/**
 * The kinds option checked: undefined when absent; a ZhiduError `invalid_input` at `path` for what
 * is not a non-empty list of known kinds (the message lists them).
 */
function checkKinds(kinds: unknown, path: (string | number)[]): ReadonlySet<ParameterKind> | undefined {
  if (kinds === undefined) return undefined;
  const known = PARAMETER_KINDS.join(', ');
  if (!Array.isArray(kinds) || kinds.length === 0) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `须为参数种类的非空列表（${known}） / kinds is a non-empty list of parameter kinds (${known}), got ${describeValue(kinds)}`,
    );
  }
  kinds.forEach((k, i) => {
    if (!PARAMETER_KINDS.includes(k as ParameterKind)) {
      throw new ZhiduError(
        'invalid_input',
        [...path, i],
        `未知的参数种类 ${describeValue(k)}，可用：${known} / unknown parameter kind ${describeValue(k)}; the kinds are ${known}`,
      );
    }
  });
  return new Set(kinds as ParameterKind[]);
}

/** One leaf parameter of a policy. */
export interface PolicyParameter {
  /** JSON pointer into the policy, e.g. `/params/fines/0/amountFen`. */
  path: string;
  kind: ParameterKind;
  /** Its value in the policy. */
  value: unknown;
  /** The catalog rule that states it (from the policy's `citations`, else the nearest object's `rule`). */
  rule?: string;
  /** The other values the schema allows (enums, booleans; a duration's other units). */
  alternatives?: readonly unknown[];
  /**
   * Why no value of it can change an answer under this policy, when its schema says so
   * (`x-zhidu-inert-unless`): e.g. `startMode` of a timer with one start event, where "any" and
   * "all" of one event agree. It is listed, not perturbed, and left out of the totals.
   */
  inert?: { zh: string; en: string };
}

/** One changed value of a parameter, labelled (`+1`, `÷2`, `unit=calendarDays`, `-member 'manager'`). */
export interface Perturbation {
  label: string;
  /** The value written at the parameter's path. */
  value: unknown;
}

/** How one parameter fared: pinned when every applicable perturbation is caught by a scenario. */
export interface ParameterResult {
  path: string;
  rule?: string;
  kind: ParameterKind;
  pinned: boolean;
  /** Labels of the perturbations no scenario caught. */
  escaped: string[];
  /** Perturbations the schema refused (not counted either way). */
  notApplicable: number;
  /** Set when the parameter cannot change an answer under this policy (see {@link PolicyParameter.inert}): not counted. */
  inert?: { zh: string; en: string };
}

/** A scenario that already fails on the unperturbed policy: reported and left out. */
export interface BaselineFailure {
  name: string;
  file?: string;
  message: string;
}

/**
 * Scenarios of other policies with the same policy `id` (a preset's variants, or the base of a
 * variant), run against this policy: those that pass on it count like its own scenarios; those
 * that do not are left out (the variant changes their answer) and listed here.
 */
export interface InheritedScenarios {
  /** Scenarios of a policy with the same `id` and another content hash that were tried. */
  scenarios: number;
  /** Those that do not pass on this (unperturbed) policy: left out of its run. */
  leftOut: BaselineFailure[];
}

/** The coverage of one policy. */
export interface ParameterCoverage {
  /** The policy id. */
  id: string;
  /** The policy's content hash (`sha256:…`). */
  hash: string;
  /** The module whose schema the parameters were read from. */
  module: string;
  /** The preset names with this policy (by `coverageOfPresets`). */
  presets?: string[];
  parameters: ParameterResult[];
  /** Scenarios that apply and pass on the unperturbed policy (its own and inherited ones). */
  scenarios: number;
  baselineFailures: BaselineFailure[];
  /** Scenarios inherited from the policies with the same `id` (by `hash` matching only). */
  inherited: InheritedScenarios;
  /** Scenario evaluations run. */
  runs: number;
  runMs: number;
}

/** A scenario given as parsed JSON, or a file or directory of `*.scenario.json`. */
export type ScenarioSource = string | Record<string, unknown>;

/** Options of {@link parameterCoverage}. */
export interface ParameterCoverageOptions {
  /** The module (or its id) whose `params` schema is walked; default: the preset's, or the first scenario module accepting the policy. */
  module?: AnyModule | string;
  /** Policy JSON, a validated policy, or a preset name `<module-id>/<preset>`. */
  policy: unknown;
  /** Scenario JSON objects, files or directories. */
  scenarios: readonly ScenarioSource[];
  /** Modules and calendars (default: every zhidu module, the PRC calendar). */
  resolver?: ScenarioResolver;
  /**
   * Which scenarios apply: `hash` (default) those whose preset or policy has the same content hash,
   * and, inherited, those of a policy with the same `id` (a variant, or its base) that pass on this
   * one; `all` every scenario given, run against this policy instead of its own (its `policyPatch`
   * still applied).
   */
  match?: 'hash' | 'all';
  /** Only these parameter paths (a sample); default every parameter. */
  parameters?: readonly string[];
  /**
   * Only parameters of these kinds (e.g. `['money', 'duration']`): the others are neither perturbed
   * nor listed; default every kind.
   */
  kinds?: readonly ParameterKind[];
}

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown>; parent?: unknown } };

/** Keys whose scalar values are text, ids or citations: never perturbed. */
const NOT_PARAMETERS = new Set([
  '$schema',
  'id',
  'ids',
  'rule',
  'rules',
  'clause',
  'clauses',
  'citation',
  'citations',
  'line',
  'lines',
  'seedLine',
  'source',
  'title',
  'name',
  'names',
  'label',
  'labels',
  'description',
  'note',
  'notes',
  'text',
  'message',
  'messages',
  'zh',
  'en',
  'code',
  'codes',
  'version',
]);

const THRESHOLD_KEY = /min|max|threshold|limit|cap|floor|ceil|above|below|over|under|least|most|upTo/i;
const HHMM = /^(?:([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?|24:00)$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether a value is a plain object, without narrowing its declared type. */
const isPlainOptions = (v: unknown): boolean => isObject(v);

const defOf = (s: unknown): Record<string, unknown> =>
  ((s as AnySchema | undefined)?._zod?.def ?? {}) as Record<string, unknown>;

/** Whether `schema` is `target` or was derived from it (`.refine`, `.meta` keep a parent link). */
/**
 * Whether a schema declares its value a label for people, not a rule parameter
 * (`.meta({ 'x-zhidu-parameter': false })`): such a field is never perturbed, like text.
 */
function declaredNotAParameter(schema: AnySchema): boolean {
  const meta =
    typeof schema.meta === 'function' ? (schema.meta() as Record<string, unknown> | undefined) : undefined;
  return meta?.['x-zhidu-parameter'] === false;
}

/**
 * The reason a field is inert in this object, when its schema declares when it is
 * (`.meta({ 'x-zhidu-inert-unless': { items: 'start', min: 2, reason: { zh, en } } })`: the field
 * can change an answer only when the sibling list `items` has at least `min` members; or
 * `{ pointer: '/params/accessRules', min: 1, reason }`: only when the list at that JSON pointer from
 * the policy's root has at least `min` members (a pointer with `*` tokens counts the places it reaches
 * where the field is set, e.g. every charge outcome's `lateUnit` of every item; a list of pointers
 * adds up what each reaches; `in: [...]` counts only the members or values listed); or
 * `{ absent: '/params/lifecycle', reason }`: only while nothing is set at that pointer (a section that
 * replaces this field's); or `{ present: ['due', 'targetPercent'], reason }`:
 * only when at least one of those sibling fields is set, neither absent nor null).
 */
function inertReason(
  schema: unknown,
  object: Record<string, unknown>,
  root: unknown,
): { zh: string; en: string } | undefined {
  let s = schema as AnySchema | undefined;
  for (let i = 0; s && i < 16; i++) {
    const meta = typeof s.meta === 'function' ? (s.meta() as Record<string, unknown> | undefined) : undefined;
    const rule = meta?.['x-zhidu-inert-unless'];
    if (isObject(rule) && typeof rule.absent === 'string') {
      // Inert while the field at that pointer is set (a section that replaces this one).
      const set = atPointer(root, rule.absent);
      if (set === undefined || set === null) return undefined;
      const reason = isObject(rule.reason) ? rule.reason : {};
      return {
        zh: `${String(reason.zh ?? '不影响结果')}（已设定 ${rule.absent}）`,
        en: `${String(reason.en ?? 'cannot change an answer')} (${rule.absent} is set)`,
      };
    }
    if (isObject(rule) && Array.isArray(rule.present)) {
      const names = rule.present.filter((k): k is string => typeof k === 'string');
      if (names.some((k) => object[k] !== undefined && object[k] !== null)) return undefined;
      const reason = isObject(rule.reason) ? rule.reason : {};
      return {
        zh: `${String(reason.zh ?? '不影响结果')}（未设定 ${names.join('、')}）`,
        en: `${String(reason.en ?? 'cannot change an answer')} (no ${names.join(' or ')})`,
      };
    }
    const where = isObject(rule)
      ? typeof rule.items === 'string'
        ? { name: rule.items, list: object[rule.items] }
        : typeof rule.pointer === 'string'
          ? rule.pointer.includes('/*')
            ? { name: rule.pointer, list: allAtPointer(root, rule.pointer) }
            : { name: rule.pointer, list: atPointer(root, rule.pointer) }
          : Array.isArray(rule.pointer)
            ? {
                name: rule.pointer.join(' + '),
                list: rule.pointer.flatMap((p) => (typeof p === 'string' ? allAtPointer(root, p) : [])),
              }
            : undefined
      : undefined;
    if (isObject(rule) && where && typeof rule.min === 'number') {
      const only = Array.isArray(rule.in) ? rule.in : undefined;
      const n = Array.isArray(where.list)
        ? only === undefined
          ? where.list.length
          : where.list.filter((v) => only.includes(v)).length
        : 0;
      if (n >= rule.min) return undefined;
      const reason = isObject(rule.reason) ? rule.reason : {};
      return {
        zh: `${String(reason.zh ?? '不影响结果')}（${where.name} 只有 ${n} 项）`,
        en: `${String(reason.en ?? 'cannot change an answer')} (${where.name} has ${n} member${n === 1 ? '' : 's'})`,
      };
    }
    const def = defOf(s);
    s = def.innerType as AnySchema | undefined;
  }
  return undefined;
}

/**
 * Every value a JSON pointer with `*` tokens reaches from `root` (for example every charge outcome's
 * `lateUnit` of every schedule item): `*` stands for each member of a list or each key of an object; absent values are left
 * out, so the result's length counts the places where the field is set.
 */
function allAtPointer(root: unknown, ptr: string): unknown[] {
  let level: unknown[] = [root];
  for (const raw of ptr.split('/').slice(1)) {
    const next: unknown[] = [];
    for (const v of level) {
      if (raw === '*') {
        if (Array.isArray(v)) next.push(...v);
        else if (isObject(v)) next.push(...Object.values(v));
        continue;
      }
      const k = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      const child = Array.isArray(v) ? v[Number(k)] : isObject(v) ? v[k] : undefined;
      if (child !== undefined && child !== null) next.push(child);
    }
    level = next;
  }
  return level;
}

/** The value at a JSON pointer (`/params/accessRules`) from `root`; undefined when absent. */
function atPointer(root: unknown, ptr: string): unknown {
  let v = root;
  for (const raw of ptr.split('/').slice(1)) {
    const k = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(v)) v = v[Number(k)];
    else if (isObject(v)) v = v[k];
    else return undefined;
  }
  return v;
}

function derivedFrom(schema: unknown, target: unknown): boolean {
  let s = schema as AnySchema | undefined;
  for (let i = 0; s && i < 32; i++) {
    if (s === target) return true;
    s = s._zod?.parent as AnySchema | undefined;
  }
  return false;
}

const escapeToken = (t: string | number): string => String(t).replace(/~/g, '~0').replace(/\//g, '~1');

const pointer = (tokens: readonly (string | number)[]): string =>
  tokens.length === 0 ? '' : `/${tokens.map(escapeToken).join('/')}`;

function accepts(schema: unknown, value: unknown): boolean {
  try {
    return (schema as z.ZodType).safeParse(value).success;
  } catch {
    return false;
  }
}

/** The values a string or literal schema is restricted to, or undefined when it is free text. */
function choicesOf(schema: unknown, depth = 0): unknown[] | undefined {
  if (depth > 16) return undefined;
  const def = defOf(schema);
  switch (def.type) {
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>);
    case 'literal':
      return [...(def.values as unknown[])];
    case 'boolean':
      return [true, false];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return choicesOf(def.innerType, depth + 1);
    case 'union': {
      const all: unknown[] = [];
      for (const o of def.options as unknown[]) {
        const c = choicesOf(o, depth + 1);
        if (!c) return undefined;
        all.push(...c);
      }
      return [...new Set(all)];
    }
    default:
      return undefined;
  }
}

/** The element schema of an array schema (through wrappers), or undefined. */
function unwrap(schema: unknown): AnySchema {
  let s = schema as AnySchema;
  for (let i = 0; i < 16; i++) {
    const def = defOf(s);
    if (
      ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(
        def.type as string,
      )
    ) {
      s = def.innerType as AnySchema;
    } else if (def.type === 'lazy') {
      s = (def.getter as () => AnySchema)();
    } else return s;
  }
  return s;
}

interface WalkState {
  out: PolicyParameter[];
  /** The inert reason for the field being walked (set by its object). */
  inert?: { zh: string; en: string } | undefined;
  /** The validated policy (for `x-zhidu-inert-unless` pointers from its root). */
  root: unknown;
  citations: Record<string, { rule: string }>;
  seen: Set<string>;
}

function ruleFor(
  state: WalkState,
  tokens: readonly (string | number)[],
  enclosing?: string,
): string | undefined {
  for (let n = tokens.length; n >= 1; n--) {
    const c = state.citations[pointer(tokens.slice(0, n))];
    if (c && typeof c.rule === 'string') return c.rule;
  }
  return enclosing;
}

function emit(
  state: WalkState,
  tokens: readonly (string | number)[],
  kind: ParameterKind,
  value: unknown,
  enclosing: string | undefined,
  alternatives?: readonly unknown[],
): void {
  const path = pointer(tokens);
  if (state.seen.has(path)) return;
  state.seen.add(path);
  const rule = ruleFor(state, tokens, enclosing);
  state.out.push({
    path,
    kind,
    value,
    ...(rule === undefined ? {} : { rule }),
    ...(alternatives === undefined ? {} : { alternatives }),
    ...(state.inert === undefined ? {} : { inert: state.inert }),
  });
}

/** The duration units a DurationSpec-like union offers for this spec's amount (other than its own). */
function durationUnits(schema: AnySchema, spec: Record<string, unknown>): unknown[] {
  const def = defOf(schema);
  const units: unknown[] = [];
  // Zero of one clock unit is zero of another ("on time": 0 minutes = 0 seconds = 0 hours, when
  // nothing rounds it to a day boundary): those units are the same value, not a perturbation.
  const sameZero = spec.amount === 0 && spec.at === undefined && CLOCK_UNITS.has(spec.unit as string);
  for (const o of (def.options as unknown[] | undefined) ?? []) {
    const shape = defOf(o).shape as Record<string, unknown> | undefined;
    if (!shape || !('amount' in shape)) continue;
    const u = choicesOf(shape.unit)?.[0];
    if (u === undefined || u === spec.unit) continue;
    if (sameZero && CLOCK_UNITS.has(u as string)) continue;
    units.push(u);
  }
  return units;
}

/** Units that are fixed lengths of clock time (no calendar, no working time). */
const CLOCK_UNITS = new Set(['seconds', 'minutes', 'hours']);

function walk(
  schema: unknown,
  value: unknown,
  tokens: (string | number)[],
  key: string | number | undefined,
  enclosing: string | undefined,
  state: WalkState,
  depth: number,
): void {
  if (depth > 64 || value === undefined || value === null || schema === undefined) return;
  const s = schema as AnySchema;
  // A field its schema declares a label for people (`.meta({ 'x-zhidu-parameter': false })`): like text.
  if (declaredNotAParameter(s)) return;
  const skip = typeof key === 'string' && NOT_PARAMETERS.has(key);
  if (derivedFrom(s, FenSchema)) {
    if (typeof value === 'number' && !skip) emit(state, tokens, 'money', value, enclosing);
    return;
  }
  if (derivedFrom(s, RatioSchema)) {
    if (!skip) emit(state, tokens, 'ratio', value, enclosing);
    return;
  }
  if (derivedFrom(s, LocalTimeSchema)) {
    if (typeof value === 'string' && HHMM.test(value) && !skip) emit(state, tokens, 'time', value, enclosing);
    return;
  }
  const def = defOf(s);
  const isDuration =
    derivedFrom(s, DurationSpecSchema) ||
    (def.type === 'union' && def.discriminator === 'unit' && isObject(value));
  if (isDuration && isObject(value)) {
    if (typeof value.amount === 'number') {
      emit(state, tokens, 'duration', value, enclosing, durationUnits(s, value));
      // `at` and `inclusive` are switches of their own.
      const branch = (def.options as unknown[]).find((o) => accepts(o, value));
      const shape = defOf(branch).shape as Record<string, unknown> | undefined;
      for (const k of ['at', 'inclusive']) {
        if (shape && k in shape && value[k] !== undefined) {
          walk(shape[k], value[k], [...tokens, k], k, enclosing, state, depth + 1);
        }
      }
      return;
    }
    // endOfMonth, dayOfMonth …: no amount; their fields are counts and times.
  }
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      walk(def.innerType, value, tokens, key, enclosing, state, depth + 1);
      return;
    case 'lazy':
      walk((def.getter as () => unknown)(), value, tokens, key, enclosing, state, depth + 1);
      return;
    case 'pipe': {
      // A transform's output cannot be walked: read the input side (`z.preprocess` reads the output side).
      const inner = defOf(def.in).type === 'transform' ? def.out : def.in;
      walk(inner, value, tokens, key, enclosing, state, depth + 1);
      return;
    }
    case 'object': {
      if (!isObject(value)) return;
      const rule = typeof value.rule === 'string' ? value.rule : enclosing;
      const shape = def.shape as Record<string, unknown>;
      for (const [k, sub] of Object.entries(shape)) {
        if (!Object.hasOwn(value, k)) continue;
        const outer = state.inert;
        state.inert = inertReason(sub, value, state.root) ?? outer;
        walk(sub, value[k], [...tokens, k], k, rule, state, depth + 1);
        state.inert = outer;
      }
      return;
    }
    case 'record': {
      if (!isObject(value)) return;
      for (const [k, v] of Object.entries(value)) {
        walk(def.valueType, v, [...tokens, k], k, enclosing, state, depth + 1);
      }
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) return;
      const element = unwrap(def.element);
      const elementType = defOf(element).type;
      const scalarList =
        value.length > 0 &&
        value.every((v) => typeof v === 'string' || typeof v === 'boolean') &&
        !derivedFrom(element, LocalTimeSchema) &&
        (elementType === 'string' ||
          elementType === 'enum' ||
          elementType === 'literal' ||
          elementType === 'boolean' ||
          choicesOf(element) !== undefined);
      if (scalarList) {
        if (!skip) emit(state, tokens, 'list', value, enclosing);
        return;
      }
      value.forEach((v, i) => {
        walk(def.element, v, [...tokens, i], key, enclosing, state, depth + 1);
      });
      return;
    }
    case 'tuple': {
      if (!Array.isArray(value)) return;
      (def.items as unknown[]).forEach((item, i) => {
        walk(item, value[i], [...tokens, i], key, enclosing, state, depth + 1);
      });
      return;
    }
    case 'intersection':
      walk(def.left, value, tokens, key, enclosing, state, depth + 1);
      walk(def.right, value, tokens, key, enclosing, state, depth + 1);
      return;
    case 'union': {
      const choices = choicesOf(s);
      if (choices !== undefined && (typeof value === 'string' || typeof value === 'boolean')) {
        if (!skip && choices.length > 1) {
          emit(
            state,
            tokens,
            typeof value === 'boolean' ? 'boolean' : 'enum',
            value,
            enclosing,
            choices.filter((c) => c !== value),
          );
        }
        return;
      }
      const branch = (def.options as unknown[]).find((o) => accepts(o, value));
      if (branch !== undefined) walk(branch, value, tokens, key, enclosing, state, depth + 1);
      return;
    }
    case 'enum': {
      const choices = choicesOf(s) ?? [];
      if (!skip && choices.length > 1) {
        emit(
          state,
          tokens,
          'enum',
          value,
          enclosing,
          choices.filter((c) => c !== value),
        );
      }
      return;
    }
    case 'boolean':
      if (typeof value === 'boolean' && !skip) emit(state, tokens, 'boolean', value, enclosing, [!value]);
      return;
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value) && !skip) {
        const threshold = typeof key === 'string' && THRESHOLD_KEY.test(key);
        emit(state, tokens, threshold ? 'threshold' : 'count', value, enclosing);
      }
      return;
    case 'string':
      if (typeof value === 'string' && HHMM.test(value) && !skip)
        emit(state, tokens, 'time', value, enclosing);
      return;
    default:
      return;
  }
}

function checkResolver(resolver: unknown): ScenarioResolver | undefined {
  if (resolver === undefined) return undefined;
  const r = resolver as Partial<ScenarioResolver> | null;
  if (
    r === null ||
    typeof r !== 'object' ||
    typeof r.module !== 'function' ||
    typeof r.calendar !== 'function'
  ) {
    throw new ZhiduError(
      'invalid_input',
      ['resolver'],
      `解析器须提供函数 module 与 calendar / a scenario resolver provides functions module and calendar, got ${describeValue(resolver)}`,
    );
  }
  return r as ScenarioResolver;
}

function checkModule(module: unknown, path: (string | number)[]): AnyModule {
  const m = module as Partial<AnyModule> | null;
  if (
    m === null ||
    typeof m !== 'object' ||
    typeof m.id !== 'string' ||
    typeof m.policy !== 'function' ||
    typeof m.compile !== 'function' ||
    m.schemas === undefined
  ) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `须为 defineModule 定义的模块 / expected a module made by defineModule, got ${describeValue(module)}`,
    );
  }
  return m as AnyModule;
}

/**
 * Every leaf parameter of a validated policy, read from the module's `params` schema beside the
 * value: money (integer fen), durations (a core `DurationSpec`), counts and thresholds (other
 * numbers), ratios, times of day (`HH:mm`), enum switches, booleans and lists of scalars (role
 * lists…). Text, ids and citations are not parameters; neither is anything outside `params`.
 *
 * @param module - the module whose policy it is
 * @param policy - policy JSON or a validated policy (validated here)
 * @returns the parameters in document order, each with its JSON pointer, kind, value and catalog rule
 * @throws ZhiduError `invalid_input` for a module not made by `defineModule`; the module's refusal for an invalid policy
 * @example
 * const params = policyParameters(getModule('sla.timers'), getPreset('sla.timers/retail-000'));
 * params.find((p) => p.path === '/params/timers/0/target/spec');
 * //=> { path: '/params/timers/0/target/spec', kind: 'duration', value: { unit: 'calendarDays', amount: 7, at: 'endOfDay' }, rule: 'S000-COMPLAINT-17', alternatives: [...] }
 */
export function policyParameters(module: AnyModule, policy: unknown): PolicyParameter[] {
  const m = checkModule(module, ['module']);
  const validated = m.policy(policy) as Readonly<Policy<unknown>>;
  const state: WalkState = {
    out: [],
    root: validated,
    citations: (validated.citations ?? {}) as Record<string, { rule: string }>,
    seen: new Set(),
  };
  walk(m.schemas.params, validated.params, ['params'], 'params', undefined, state, 0);
  return state.out;
}

const roundTo = (x: number): number => Math.round(x * 1e10) / 1e10;

function numberPerturbations(v: number, fraction: boolean): Perturbation[] {
  const integer = Number.isInteger(v) && !fraction;
  const unit = integer ? 1 : 0.0001;
  const half = integer ? Math.round(v / 2) : roundTo(v / 2);
  return [
    { label: '+1', value: roundTo(v + unit) },
    { label: '-1', value: roundTo(v - unit) },
    { label: '×2', value: roundTo(v * 2) },
    { label: '÷2', value: half },
  ].filter((p) => p.value !== v);
}

function ratioPerturbations(v: unknown): Perturbation[] {
  if (typeof v === 'number') return numberPerturbations(v, true);
  if (typeof v === 'string' && v.endsWith('%')) {
    const p = Number(v.slice(0, -1));
    if (!Number.isFinite(p)) return [];
    // A basis point of a percentage is 0.01 %.
    return [
      { label: '+1', value: `${roundTo(p + 0.01)}%` },
      { label: '-1', value: `${roundTo(p - 0.01)}%` },
      { label: '×2', value: `${roundTo(p * 2)}%` },
      { label: '÷2', value: `${roundTo(p / 2)}%` },
    ].filter((x) => x.value !== v);
  }
  if (isObject(v) && typeof v.numerator === 'number' && typeof v.denominator === 'number' && v.denominator) {
    return numberPerturbations(v.numerator / v.denominator, true);
  }
  return [];
}

function timePerturbations(v: string): Perturbation[] {
  const m = HHMM.exec(v);
  if (!m) return [];
  const minutes = v === '24:00' ? 1440 : Number(m[1]) * 60 + Number(m[2]);
  const seconds = m[3] === undefined ? '' : `:${m[3]}`;
  const show = (t: number): string | undefined => {
    if (t < 0 || t > 1440 || (t === 1440 && seconds)) return undefined;
    if (t === 1440) return '24:00';
    return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}${seconds}`;
  };
  const out: Perturbation[] = [];
  for (const [label, d] of [
    ['+1min', 1],
    ['-1min', -1],
    ['+1h', 60],
    ['-1h', -60],
  ] as const) {
    const t = show(minutes + d);
    if (t !== undefined) out.push({ label, value: t });
  }
  return out;
}

/** What a value of each kind must be for {@link perturbationsOf} to perturb it, and how to say so. */
const VALUE_OF_KIND: Partial<Record<ParameterKind, [(v: unknown) => boolean, string]>> = {
  money: [(v) => typeof v === 'number', 'a number'],
  count: [(v) => typeof v === 'number', 'a number'],
  threshold: [(v) => typeof v === 'number', 'a number'],
  time: [(v) => typeof v === 'string', 'a time of day "HH:mm"'],
  duration: [(v) => isObject(v) && typeof v.amount === 'number', 'a duration { unit, amount }'],
  list: [Array.isArray, 'a list'],
};

/**
 * The perturbations of a parameter: numbers +1 and −1 of their smallest unit (1 fen, 1 minute, 1 day;
 * 0.0001 for fractions and ratios), ×2 and ÷2 (integers rounded; a change equal to the value is
 * skipped); a duration's amount the same way and every other unit; a time of day ±1 minute and ±1
 * hour (never across midnight); an enum every other allowed value; a boolean the other; a list each
 * member removed.
 *
 * @example
 * perturbationsOf({ path: '/params/fineFen', kind: 'money', value: 20000 }).map((p) => p.label);
 * //=> ['+1', '-1', '×2', '÷2']
 */
export function perturbationsOf(parameter: PolicyParameter): Perturbation[] {
  if (!isObject(parameter) || typeof parameter.kind !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['parameter'],
      `须为 policyParameters 给出的参数 / expected a parameter from policyParameters, got ${describeValue(parameter)}`,
    );
  }
  const { kind, value } = parameter;
  if (parameter.alternatives !== undefined && !Array.isArray(parameter.alternatives)) {
    throw new ZhiduError('invalid_input', ['parameter', 'alternatives'], '须为列表 / alternatives is a list');
  }
  // A kind that is none, or a value its kind cannot hold, gave no perturbation: a parameter nothing
  // could test, without a word.
  if (!PARAMETER_KINDS.includes(kind as ParameterKind)) {
    const guess = nearestKey(kind, PARAMETER_KINDS);
    throw new ZhiduError(
      'invalid_input',
      ['parameter', 'kind'],
      `未知的参数类别 ${describeValue(kind)}${guess ? `；是否应为 ${guess}？` : ''} / unknown parameter kind ${describeValue(kind)}${guess ? `; did you mean ${guess}?` : ''} (one of ${PARAMETER_KINDS.join(', ')})`,
    );
  }
  const check = VALUE_OF_KIND[kind as ParameterKind];
  if (check !== undefined && !check[0](value)) {
    throw new ZhiduError(
      'invalid_input',
      ['parameter', 'value'],
      `${kind} 参数的值须为 ${check[1]}，收到 ${describeValue(value)} / the value of a ${kind} parameter is ${check[1]}, got ${describeValue(value)}`,
    );
  }
  switch (kind) {
    case 'money':
    case 'count':
    case 'threshold':
      return numberPerturbations(value as number, false);
    case 'ratio':
      return ratioPerturbations(value);
    case 'time':
      return timePerturbations(value as string);
    case 'duration': {
      // An object with a numeric amount (checked above).
      const spec = value as Record<string, unknown> & { amount: number };
      const amounts = numberPerturbations(spec.amount, false).map((p) => ({
        label: p.label,
        value: { ...spec, amount: p.value },
      }));
      const units = (parameter.alternatives ?? []).map((u) => ({
        label: `unit=${String(u)}`,
        value: { ...spec, unit: u },
      }));
      return [...amounts, ...units];
    }
    case 'enum':
    case 'boolean':
      return (parameter.alternatives ?? []).map((a) => ({ label: `=${String(a)}`, value: a }));
    case 'list': {
      // A list (checked above).
      const members = value as unknown[];
      return members.map((member, i) => ({
        label: `-member ${JSON.stringify(member).replace(/^"(.*)"$/, "'$1'")}`,
        value: members.filter((_, j) => j !== i),
      }));
    }
    default:
      return [];
  }
}

function tokensOf(path: string): string[] {
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function setAt(doc: unknown, path: string, value: unknown): unknown {
  const root = structuredClone(doc) as Record<string, unknown>;
  const tokens = tokensOf(path);
  let node: unknown = root;
  for (const t of tokens.slice(0, -1)) node = (node as Record<string, unknown>)[t];
  (node as Record<string, unknown>)[tokens[tokens.length - 1] as string] = structuredClone(value);
  return root;
}

function withoutAt(spec: unknown): unknown {
  if (!isObject(spec)) return spec;
  const { at: _at, ...rest } = spec;
  return rest;
}

interface Prepared {
  json: Record<string, unknown>;
  scenario: Scenario;
  file?: string;
  hasPatch: boolean;
}

/** Reads scenario sources: JSON objects as given, files and directories read from disk. */
function loadScenarios(
  sources: readonly ScenarioSource[],
): { json: Record<string, unknown>; file?: string }[] {
  if (!Array.isArray(sources)) {
    throw new ZhiduError(
      'invalid_input',
      ['scenarios'],
      `场景须为列表（对象、文件或目录） / scenarios are a list of scenario objects, files or directories, got ${describeValue(sources)}`,
    );
  }
  const out: { json: Record<string, unknown>; file?: string }[] = [];
  sources.forEach((s, i) => {
    if (typeof s === 'string') {
      for (const file of findScenarioFiles([s])) {
        const json = readScenarioFile(file);
        if (!isObject(json)) {
          throw new ZhiduError(
            'invalid_input',
            ['scenarios', i],
            `${file}: 场景须为对象 / a scenario is an object`,
            {
              file,
            },
          );
        }
        out.push({ json, file });
      }
    } else if (isObject(s)) out.push({ json: s });
    else {
      throw new ZhiduError(
        'invalid_input',
        ['scenarios', i],
        `场景须为对象、文件或目录 / a scenario is an object, a file or a directory, got ${describeValue(s)}`,
      );
    }
  });
  return out;
}

function prepare(loaded: { json: Record<string, unknown>; file?: string }, i: number): Prepared {
  try {
    const scenario = parseScenario(loaded.json);
    return {
      json: loaded.json,
      scenario,
      ...(loaded.file === undefined ? {} : { file: loaded.file }),
      hasPatch: scenario.policyPatch !== undefined,
    };
  } catch (e) {
    if (isZhiduError(e)) {
      throw new ZhiduError(
        e.code as never,
        ['scenarios', i, ...e.path],
        `${loaded.file ?? `scenarios[${i}]`}: ${e.message}`,
        {
          ...(loaded.file === undefined ? {} : { file: loaded.file }),
        },
      );
    }
    throw e;
  }
}

/** The content hash and id of the policy a scenario names (before its patch), or undefined when it names none valid. */
function scenarioPolicy(p: Prepared, resolver: ScenarioResolver): { hash: string; id: string } | undefined {
  try {
    const module = resolver.module(p.scenario.module);
    const name = p.scenario.preset;
    const base =
      name !== undefined
        ? module.preset(name.slice(name.lastIndexOf('/') + 1))
        : module.policy(p.scenario.policy);
    const compiled = module.compile(base);
    return { hash: compiled.hash, id: compiled.policy.id };
  } catch (e) {
    if (isZhiduError(e)) return undefined;
    throw e;
  }
}

/** The scenarios of a policy: its own (same content hash) and those of the other policies with its id. */
interface Applicable {
  own: readonly Prepared[];
  inherited: readonly Prepared[];
}

function applicableOf(
  tagged: readonly { p: Prepared; hash: string; id: string }[],
  hash: string,
  id: string,
): Applicable {
  return {
    own: tagged.filter((t) => t.hash === hash).map((t) => t.p),
    inherited: tagged.filter((t) => t.hash !== hash && t.id === id).map((t) => t.p),
  };
}

function tagScenarios(
  prepared: readonly Prepared[],
  resolver: ScenarioResolver,
): { p: Prepared; hash: string; id: string }[] {
  return prepared.flatMap((p) => {
    const k = scenarioPolicy(p, resolver);
    return k === undefined ? [] : [{ p, ...k }];
  });
}

/** Runs scenarios against variants of one policy, reusing compiled policies where a scenario has no patch. */
class Runner {
  runs = 0;
  constructor(private readonly resolver: ScenarioResolver) {}

  /** Whether the scenario passes under `policyJson`; a throw is a failure. */
  passes(
    p: Prepared,
    policyJson: unknown,
    compiled: Map<string, CompiledPolicy<unknown, unknown> | ZhiduError>,
  ): boolean {
    this.runs++;
    let policy: unknown = policyJson;
    if (!p.hasPatch) {
      let c = compiled.get(p.scenario.module);
      if (c === undefined) {
        try {
          c = this.resolver.module(p.scenario.module).compile(policyJson) as CompiledPolicy<unknown, unknown>;
        } catch (e) {
          c = isZhiduError(e) ? e : new ZhiduError('internal_error', ['policy'], String(e));
        }
        compiled.set(p.scenario.module, c);
      }
      if (c instanceof ZhiduError) return false;
      policy = c;
    }
    const { preset: _preset, ...rest } = p.json;
    try {
      return runScenario({ ...rest, policy }, this.resolver).ok;
    } catch {
      return false;
    }
  }
}

function resolveTarget(
  options: ParameterCoverageOptions,
  resolver: ScenarioResolver,
  prepared: readonly Prepared[],
): { module: AnyModule; policy: Readonly<Policy<unknown>> } {
  let module: AnyModule | undefined;
  if (typeof options.module === 'string') module = checkModule(resolver.module(options.module), ['module']);
  else if (options.module !== undefined) module = checkModule(options.module, ['module']);
  const policy = options.policy;
  if (typeof policy === 'string') {
    const slash = policy.lastIndexOf('/');
    if (slash < 0) {
      if (!module) {
        throw new ZhiduError(
          'invalid_input',
          ['policy'],
          `预设名须为 <模块>/<预设>，或另给出 module / a preset name is <module-id>/<preset>, or give the module: ${policy}`,
        );
      }
      return { module, policy: module.preset(policy) as Readonly<Policy<unknown>> };
    }
    module ??= checkModule(resolver.module(policy.slice(0, slash)), ['policy']);
    return { module, policy: module.preset(policy.slice(slash + 1)) as Readonly<Policy<unknown>> };
  }
  if (module) return { module, policy: module.policy(policy) as Readonly<Policy<unknown>> };
  let first: unknown;
  for (const id of new Set(prepared.map((p) => p.scenario.module))) {
    try {
      const m = checkModule(resolver.module(id), ['module']);
      return { module: m, policy: m.policy(policy) as Readonly<Policy<unknown>> };
    } catch (e) {
      if (!isZhiduError(e)) throw e;
      first ??= e;
    }
  }
  if (first) throw first;
  throw new ZhiduError(
    'invalid_input',
    ['module'],
    '没有场景可推断模块，请给出 module / no scenario names a module: give the module',
  );
}

/**
 * Policy-parameter coverage of one policy: every leaf parameter is perturbed (see
 * {@link perturbationsOf}) and the scenarios that apply are rerun in process; a perturbation is
 * caught when a scenario that passed on the unperturbed policy now fails or throws. A parameter is
 * pinned when every perturbation the schema accepts is caught. Scenarios that already fail on the
 * unperturbed policy are reported in `baselineFailures` and left out.
 *
 * @param options - the policy (JSON, validated, or a preset name), the scenarios, the module
 * @returns each parameter with its rule, kind, whether it is pinned, the perturbations that escaped
 * @throws ZhiduError `invalid_input` for malformed options or scenarios, the module's refusal of the policy
 * @example
 * const cov = parameterCoverage({
 *   policy: 'sla.timers/retail-000',
 *   scenarios: ['packages/sla/scenarios/retail-000'],
 * });
 * cov.parameters.find((p) => p.path === '/params/timers/0/target/spec')?.pinned; //=> true
 */
export function parameterCoverage(options: ParameterCoverageOptions): ParameterCoverage {
  const started = performance.now();
  if (!isPlainOptions(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      `须为选项对象 / expected an options object, got ${describeValue(options)}`,
    );
  }
  // A misspelt `kind` ran every kind; a misspelt `parameter` every parameter.
  expectKnownKeys(options, PARAMETER_COVERAGE_KEYS, []);
  const match = options.match ?? 'hash';
  if (match !== 'hash' && match !== 'all') {
    throw new ZhiduError(
      'invalid_input',
      ['match'],
      `match 须为 hash 或 all / match is hash or all, got ${describeValue(match)}`,
    );
  }
  if (options.parameters !== undefined && !Array.isArray(options.parameters)) {
    throw new ZhiduError(
      'invalid_input',
      ['parameters'],
      '须为路径列表 / parameters is a list of JSON pointers',
    );
  }
  const kinds = checkKinds(options.kinds, ['kinds']);
  const resolver = checkResolver(options.resolver) ?? scenarioResolver();
  const prepared = loadScenarios(options.scenarios).map(prepare);
  const { module, policy } = resolveTarget(options, resolver, prepared);
  const hash = module.compile(policy).hash;
  const applicable: Applicable =
    match === 'all'
      ? { own: prepared, inherited: [] }
      : applicableOf(tagScenarios(prepared, resolver), hash, policy.id);
  return coverWith(module, policy, hash, applicable, resolver, options.parameters, started, kinds);
}

/** The option keys of {@link parameterCoverage}. */
const PARAMETER_COVERAGE_KEYS = ['module', 'policy', 'scenarios', 'resolver', 'match', 'parameters', 'kinds'];
/** The option keys of {@link coverageOfPresets}. */
const PRESETS_COVERAGE_KEYS = ['presets', 'scenarioDirs', 'sample', 'kinds', 'resolver', 'onPolicy'];

/**
 * Refuses a `parameters` path that is no parameter of the policy (`unknown_reference` at
 * `['parameters', i]`, naming the nearest path): it measured nothing, and 0 of 0 read as 100 %.
 */
function checkParameterPaths(only: readonly unknown[], parameters: readonly PolicyParameter[]): void {
  const paths = parameters.map((p) => p.path);
  const known = new Set(paths);
  only.forEach((path, i) => {
    if (typeof path === 'string' && known.has(path)) return;
    const guess = typeof path === 'string' ? nearestKey(path, paths) : undefined;
    throw new ZhiduError(
      'unknown_reference',
      ['parameters', i],
      `${describeValue(path)} 不是该制度的参数路径${guess ? `；是否应为 ${guess}？` : ''} / ${describeValue(path)} is no parameter path of the policy${guess ? `; did you mean ${guess}?` : ''}`,
    );
  });
}

function coverWith(
  module: AnyModule,
  policy: Readonly<Policy<unknown>>,
  hash: string,
  applicable: Applicable,
  resolver: ScenarioResolver,
  only: readonly string[] | undefined,
  started: number,
  kinds?: ReadonlySet<ParameterKind>,
): ParameterCoverage {
  const runner = new Runner(resolver);
  const base = JSON.parse(JSON.stringify(policy)) as unknown;
  const baseCompiled = new Map<string, CompiledPolicy<unknown, unknown> | ZhiduError>();
  const baselineFailures: BaselineFailure[] = [];
  const passing: Prepared[] = [];
  const failure = (p: Prepared): BaselineFailure => ({
    name: p.scenario.name,
    ...(p.file === undefined ? {} : { file: p.file }),
    message: failureOf(p, base, resolver),
  });
  for (const p of applicable.own) {
    if (runner.passes(p, base, baseCompiled)) passing.push(p);
    else baselineFailures.push(failure(p));
  }
  // A variant's inherited scenarios: those whose answer it does not change count like its own.
  const leftOut: BaselineFailure[] = [];
  for (const p of applicable.inherited) {
    if (runner.passes(p, base, baseCompiled)) passing.push(p);
    else leftOut.push(failure(p));
  }
  let parameters = policyParameters(module, policy);
  if (only !== undefined) checkParameterPaths(only, parameters);
  if (kinds !== undefined) parameters = parameters.filter((p) => kinds.has(p.kind));
  if (only !== undefined) {
    const wanted = new Set(only);
    parameters = parameters.filter((p) => wanted.has(p.path));
  }
  // Scenarios that caught something are tried first next time: most perturbations are caught early.
  const order = passing.map((_, i) => i);
  const results: ParameterResult[] = parameters.map((param) => {
    if (param.inert !== undefined) {
      return {
        path: param.path,
        ...(param.rule === undefined ? {} : { rule: param.rule }),
        kind: param.kind,
        pinned: false,
        escaped: [],
        notApplicable: perturbationsOf(param).length,
        inert: param.inert,
      };
    }
    const escaped: string[] = [];
    let notApplicable = 0;
    for (const perturbation of perturbationsOf(param)) {
      let candidate = setAt(base, param.path, perturbation.value);
      let valid = tryPolicy(module, candidate);
      if (!valid && param.kind === 'duration' && perturbation.label.startsWith('unit=')) {
        // `at: endOfWork` exists for working days only: the other unit without it.
        candidate = setAt(base, param.path, withoutAt(perturbation.value));
        valid = tryPolicy(module, candidate);
      }
      if (!valid) {
        notApplicable++;
        continue;
      }
      const compiled = new Map<string, CompiledPolicy<unknown, unknown> | ZhiduError>();
      const k = order.findIndex((i) => !runner.passes(passing[i] as Prepared, candidate, compiled));
      if (k < 0) escaped.push(perturbation.label);
      else if (k > 0) order.unshift(...order.splice(k, 1));
    }
    return {
      path: param.path,
      ...(param.rule === undefined ? {} : { rule: param.rule }),
      kind: param.kind,
      pinned: escaped.length === 0,
      escaped,
      notApplicable,
    };
  });
  return {
    id: policy.id,
    hash,
    module: module.id,
    parameters: results,
    scenarios: passing.length,
    baselineFailures,
    inherited: { scenarios: applicable.inherited.length, leftOut },
    runs: runner.runs,
    runMs: Math.round(performance.now() - started),
  };
}

function tryPolicy(module: AnyModule, json: unknown): boolean {
  try {
    module.policy(json);
    return true;
  } catch (e) {
    if (isZhiduError(e)) return false;
    throw e;
  }
}

function failureOf(p: Prepared, base: unknown, resolver: ScenarioResolver): string {
  const { preset: _preset, ...rest } = p.json;
  try {
    const o = runScenario({ ...rest, policy: base }, resolver);
    return o.mismatches[0]?.message ?? 'failed';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Options of {@link coverageOfPresets}. */
export interface PresetsCoverageOptions {
  /** Preset names `<module-id>/<preset>` (default: every bundled preset). */
  presets?: readonly string[];
  /** Scenario files and directories (default: every `packages/<pkg>/scenarios` under the working directory). */
  scenarioDirs?: readonly string[];
  /** A seeded sample of parameters per policy, for CI (drawn from the parameters of `kinds` when given). */
  sample?: { perPolicy: number; seed: number };
  /** Only parameters of these kinds (e.g. `['money', 'duration']`); default every kind. */
  kinds?: readonly ParameterKind[];
  resolver?: ScenarioResolver;
  /** Called after each policy (progress). */
  onPolicy?: (coverage: ParameterCoverage, index: number, total: number) => void;
}

/** The coverage of many policies, with totals. */
export interface PresetsCoverage {
  policies: ParameterCoverage[];
  pinned: number;
  total: number;
  /** Pinned parameters in percent of all (100 when there are none), one decimal. */
  percent: number;
  /** Parameters that cannot change an answer under their policy: listed with the reason, not in `total`. */
  inert: number;
  /**
   * The same counts per kind, only the kinds with at least one counted parameter, in the order money,
   * duration, count, threshold, ratio, time, enum, boolean, list (see {@link coverageTotals}).
   */
  byKind: Partial<Record<ParameterKind, { pinned: number; total: number; percent: number }>>;
  ms: number;
  /** Scenario files that could not be read as scenarios: reported, and left out of the run. */
  unreadable: { file: string; message: string }[];
}

function defaultScenarioDirs(): string[] {
  const root = join(process.cwd(), 'packages');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((d) => join(root, d, 'scenarios'))
    .filter((d) => existsSync(d) && statSync(d).isDirectory())
    .sort();
}

/** A seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seeded sample of `n` parameter paths, in document order (the same seed and policy give the same sample).
 *
 * @example
 * sampleParameters(['/a', '/b', '/c'], 2, 1, 'sha256:00').length; //=> 2
 */
export function sampleParameters(paths: readonly string[], n: number, seed: number, salt = ''): string[] {
  if (!Number.isInteger(n) || n < 0) {
    throw new ZhiduError(
      'invalid_input',
      ['sample', 'perPolicy'],
      `须为非负整数 / a non-negative integer, got ${describeValue(n)}`,
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new ZhiduError(
      'invalid_input',
      ['sample', 'seed'],
      `须为整数 / an integer, got ${describeValue(seed)}`,
    );
  }
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) {
    throw new ZhiduError('invalid_input', ['paths'], '须为路径字符串列表 / paths is a list of strings');
  }
  if (typeof salt !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['salt'],
      `须为字符串 / salt is a string, got ${describeValue(salt)}`,
    );
  }
  let h = seed >>> 0;
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 0x01000193) >>> 0;
  const random = prng(h);
  const idx = paths.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
  }
  return idx
    .slice(0, n)
    .sort((a, b) => a - b)
    .map((i) => paths[i] as string);
}

/**
 * Policy-parameter coverage of every bundled preset (or those named) against the scenario files:
 * presets with the same content hash are one policy (the `sla.*` modules share theirs), and the
 * scenarios of each are those naming a preset or policy with that hash.
 *
 * @param options - presets, scenario directories, a seeded sample of parameters per policy
 * @returns each policy's coverage and the totals
 * @throws ZhiduError `invalid_input` for a malformed option, `unknown_reference` for an unknown preset or path
 * @example
 * const all = coverageOfPresets({ presets: ['sla.timers/retail-000'], scenarioDirs: ['packages/sla/scenarios'] });
 * all.policies[0]?.presets; //=> ['sla.timers/retail-000']
 */
export function coverageOfPresets(options: PresetsCoverageOptions = {}): PresetsCoverage {
  const started = performance.now();
  if (!isPlainOptions(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      `须为选项对象 / expected an options object, got ${describeValue(options)}`,
    );
  }
  // A misspelt `preset` ran every bundled preset (minutes), a `sed` in the sample was told "seed: got
  // undefined".
  expectKnownKeys(options, PRESETS_COVERAGE_KEYS, []);
  const { sample } = options;
  if (sample !== undefined) {
    if (!isPlainOptions(sample))
      throw new ZhiduError(
        'invalid_input',
        ['sample'],
        '须为 { perPolicy, seed } / sample is { perPolicy, seed }',
      );
    expectKnownKeys(sample, ['perPolicy', 'seed'], ['sample']);
    sampleParameters([], sample.perPolicy, sample.seed);
  }
  const kinds = checkKinds(options.kinds, ['kinds']);
  const resolver = checkResolver(options.resolver) ?? scenarioResolver();
  const names = options.presets ?? listPresets();
  if (!Array.isArray(names))
    throw new ZhiduError('invalid_input', ['presets'], '须为预设名列表 / presets is a list of names');
  const groups = new Map<
    string,
    { module: AnyModule; policy: Readonly<Policy<unknown>>; presets: string[] }
  >();
  names.forEach((name, i) => {
    const { policy, module } = presetAt(name, i);
    const hash = module.compile(policy).hash;
    const g = groups.get(hash);
    if (g) g.presets.push(name);
    else groups.set(hash, { module, policy, presets: [name] });
  });
  const dirs = options.scenarioDirs ?? defaultScenarioDirs();
  // One malformed file must not stop a run over every preset: it is reported and left out.
  const unreadable: { file: string; message: string }[] = [];
  const prepared: Prepared[] = [];
  for (const file of findScenarioFiles(dirs)) {
    try {
      prepared.push(...loadScenarios([file]).map(prepare));
    } catch (e) {
      if (!isZhiduError(e)) throw e;
      unreadable.push({ file, message: e.message });
    }
  }
  const tagged = tagScenarios(prepared, resolver);
  const policies: ParameterCoverage[] = [];
  let i = 0;
  for (const [hash, g] of groups) {
    const t0 = performance.now();
    const only = sample
      ? sampleParameters(
          policyParameters(g.module, g.policy)
            .filter((p) => kinds === undefined || kinds.has(p.kind))
            .map((p) => p.path),
          sample.perPolicy,
          sample.seed,
          hash,
        )
      : undefined;
    const applicable = applicableOf(tagged, hash, g.policy.id);
    const c = coverWith(g.module, g.policy, hash, applicable, resolver, only, t0, kinds);
    const withPresets = { ...c, presets: g.presets };
    policies.push(withPresets);
    options.onPolicy?.(withPresets, i++, groups.size);
  }
  return { policies, ...coverageTotals(policies), ms: Math.round(performance.now() - started), unreadable };
}

/**
 * A preset named in `presets` and its module; a name that is not one is refused at `['presets', i]`
 * (it was refused at `module` or `preset`, which named no option given).
 */
function presetAt(name: unknown, i: number): { policy: Readonly<Policy<unknown>>; module: AnyModule } {
  try {
    if (typeof name !== 'string')
      throw new ZhiduError('invalid_input', [], `须为预设名 / a preset name, got ${describeValue(name)}`);
    const policy = getPreset(name) as Readonly<Policy<unknown>>;
    return { policy, module: getModule(name.slice(0, name.lastIndexOf('/'))) };
  } catch (e) {
    if (!isZhiduError(e)) throw e;
    throw errorAt(e, ['presets', i]);
  }
}

/** Pinned parameters per kind (as `coverageTotals` gives them). */
type KindTotals = Partial<Record<ParameterKind, { pinned: number; total: number; percent: number }>>;

const percentOf = (pinned: number, total: number): number =>
  total === 0 ? 100 : Math.floor((pinned / total) * 1000) / 10;

/**
 * Pinned parameters of many policies: counts and the percentage (one decimal, floored; 100 when
 * there are none), overall and per kind (`byKind`, only the kinds present). Inert parameters (that
 * cannot change an answer under their policy) are counted apart, not in `total`.
 *
 * @example
 * coverageTotals([]); //=> { pinned: 0, total: 0, percent: 100, inert: 0, byKind: {} }
 * coverageTotals([{ parameters: [{ path: '/params/fineFen', kind: 'money', pinned: true, escaped: [], notApplicable: 0 }] }])
 *   .byKind; //=> { money: { pinned: 1, total: 1, percent: 100 } }
 */
export function coverageTotals(policies: readonly Pick<ParameterCoverage, 'parameters'>[]): {
  pinned: number;
  total: number;
  percent: number;
  inert: number;
  /** Per kind: only the kinds with at least one counted parameter, in the order of {@link ParameterKind}. */
  byKind: Partial<Record<ParameterKind, { pinned: number; total: number; percent: number }>>;
} {
  const ok =
    Array.isArray(policies) &&
    policies.every((p) => isObject(p) && Array.isArray(p.parameters) && p.parameters.every(isObject));
  if (!ok) {
    throw new ZhiduError(
      'invalid_input',
      ['policies'],
      '须为覆盖率结果列表（每项含 parameters） / policies is a list of coverage results with parameters',
    );
  }
  let pinned = 0;
  let total = 0;
  let inert = 0;
  const counts = new Map<string, { pinned: number; total: number }>();
  for (const p of policies) {
    for (const r of p.parameters) {
      if (r.inert !== undefined) {
        inert++;
        continue;
      }
      total++;
      if (r.pinned) pinned++;
      const k = counts.get(r.kind) ?? { pinned: 0, total: 0 };
      k.total++;
      if (r.pinned) k.pinned++;
      counts.set(r.kind, k);
    }
  }
  // Known kinds in their order, then any other (a result of another build) by name.
  const order = [
    ...PARAMETER_KINDS.filter((k) => counts.has(k)),
    ...[...counts.keys()].filter((k) => !PARAMETER_KINDS.includes(k as ParameterKind)).sort(),
  ];
  const byKind: Record<string, { pinned: number; total: number; percent: number }> = {};
  for (const kind of order) {
    const k = counts.get(kind) as { pinned: number; total: number };
    byKind[kind] = { ...k, percent: percentOf(k.pinned, k.total) };
  }
  return { pinned, total, percent: percentOf(pinned, total), inert, byKind: byKind as KindTotals };
}

/** The worker's program: imports this module (source or bundle) and covers the presets it is given. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(workerData.tsx ? import(workerData.tsx).then((api) => api.register()) : Promise.resolve())
.then(() => import(workerData.url)).then((m) => {
  const r = m.coverageOfPresets({
    ...workerData.options,
    onPolicy: (coverage) => parentPort.postMessage({ type: 'policy', coverage }),
  });
  parentPort.postMessage({ type: 'done', ms: r.ms, unreadable: r.unreadable });
}).catch((e) => {
  parentPort.postMessage({ type: 'error', code: e && e.code, path: e && e.path, message: String(e && e.message || e) });
});
`;

/**
 * {@link coverageOfPresets} spread over worker threads, one share of the policies each (the largest
 * policies first, each to the least loaded worker); the same result, in the same order. With one
 * worker, a custom `resolver`, or where this module cannot be loaded in a worker (no file URL of its
 * own, as in an application bundled into one file), it runs in process. The CommonJS build uses
 * workers too (they load its `index.cjs`).
 *
 * @param options - as {@link coverageOfPresets}, and `workers` (default: 2, at most the machine's parallelism)
 * @returns each policy's coverage and the totals
 * @throws ZhiduError as {@link coverageOfPresets}; `invalid_input` for a `workers` that is not a positive integer
 * @example
 * const all = await coverageOfPresetsInWorkers({ workers: 2, sample: { perPolicy: 10, seed: 1 } });
 * all.percent; // the pinned share of the sampled parameters, e.g. 18.1
 */
export async function coverageOfPresetsInWorkers(
  options: PresetsCoverageOptions & { workers?: number } = {},
): Promise<PresetsCoverage> {
  const started = performance.now();
  if (!isPlainOptions(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      `须为选项对象 / expected an options object, got ${describeValue(options)}`,
    );
  }
  // Checked here, not first in a worker after every preset was grouped (a misspelt `preset` ran them all).
  expectKnownKeys(options, [...PRESETS_COVERAGE_KEYS, 'workers'], []);
  const { workers: asked, onPolicy, ...rest } = options;
  const workers = asked ?? Math.min(2, availableParallelism());
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new ZhiduError(
      'invalid_input',
      ['workers'],
      `须为正整数 / workers is a positive integer, got ${describeValue(asked)}`,
    );
  }
  // Checked here, not first in a worker.
  checkKinds(rest.kinds, ['kinds']);
  const url = loadableUrl(import.meta.url);
  const names = rest.presets ?? listPresets();
  if (!Array.isArray(names)) {
    throw new ZhiduError('invalid_input', ['presets'], '须为预设名列表 / presets is a list of names');
  }
  // Groups by hash, each with a cost estimate: validating a perturbed policy grows with its size,
  // and so does the number of its parameters.
  const groups = new Map<string, { presets: string[]; cost: number }>();
  for (const [i, name] of names.entries()) {
    const { policy, module } = presetAt(name, i);
    const hash = module.compile(policy).hash;
    const g = groups.get(hash);
    if (g) g.presets.push(name);
    else groups.set(hash, { presets: [name], cost: JSON.stringify(policy).length ** 2 });
  }
  if (workers === 1 || groups.size < 2 || url === undefined || rest.resolver !== undefined) {
    return coverageOfPresets(options);
  }
  const shares = Array.from({ length: Math.min(workers, groups.size) }, () => ({
    presets: [] as string[],
    cost: 0,
  }));
  for (const g of [...groups.values()].sort((a, b) => b.cost - a.cost)) {
    const least = shares.reduce((a, b) => (b.cost < a.cost ? b : a));
    least.presets.push(...g.presets);
    least.cost += g.cost;
  }
  const byHash = new Map<string, ParameterCoverage>();
  let done = 0;
  // Every worker reads the same scenario files: one list of the unreadable ones.
  let unreadable: { file: string; message: string }[] = [];
  const { sample, scenarioDirs, kinds } = rest;
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(WORKER_SOURCE, {
            eval: true,
            workerData: {
              url,
              // From source (`.ts`, run with tsx), the worker registers tsx's loader as well.
              tsx: url.endsWith('.ts') ? tsxApi() : undefined,
              options: {
                presets: share.presets,
                ...(sample === undefined ? {} : { sample }),
                ...(scenarioDirs === undefined ? {} : { scenarioDirs }),
                ...(kinds === undefined ? {} : { kinds: [...kinds] }),
              },
            },
          });
          worker.on(
            'message',
            (m: {
              type: string;
              coverage?: ParameterCoverage;
              code?: string;
              path?: (string | number)[];
              message?: string;
              unreadable?: { file: string; message: string }[];
            }) => {
              if (m.type === 'policy' && m.coverage) {
                byHash.set(m.coverage.hash, m.coverage);
                onPolicy?.(m.coverage, done++, groups.size);
              } else if (m.type === 'done') {
                unreadable = m.unreadable ?? [];
                void worker.terminate();
                resolve();
              } else if (m.type === 'error') {
                void worker.terminate();
                reject(
                  m.code
                    ? new ZhiduError(m.code as never, m.path ?? [], m.message ?? '错误 / error')
                    : new ZhiduError(
                        'internal_error',
                        ['workers'],
                        `覆盖率工作线程失败 / a coverage worker failed: ${m.message}`,
                      ),
                );
              }
            },
          );
          worker.on('error', (e) =>
            reject(
              new ZhiduError(
                'internal_error',
                ['workers'],
                `覆盖率工作线程失败 / a coverage worker failed: ${e.message}`,
              ),
            ),
          );
        }),
    ),
  );
  const policies = [...groups.keys()].flatMap((h) => {
    const c = byHash.get(h);
    return c ? [c] : [];
  });
  return { policies, ...coverageTotals(policies), ms: Math.round(performance.now() - started), unreadable };
}
