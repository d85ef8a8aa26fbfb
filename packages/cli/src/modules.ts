import {
  describeValue,
  type EvalContext,
  expectObject,
  makeContext,
  nearestKey,
  type Policy,
  ZhiduError,
} from '@zhidu/core';
import type { AnyModule } from '@zhidu/modules';
import { type CalendarFlags, calendarFor } from './calendar.js';
import { MODULES, type ModuleName } from './evaluate.js';
import { assertCliIo, type CliIo, readJson } from './io.js';

/**
 * The CLI's former module names, kept as deprecated aliases of their module ids. Their inputs
 * were bare JSON arrays; `arrayKey` names the field of the module's input such an array becomes.
 */
export const DEPRECATED_ALIASES: Readonly<Record<ModuleName, { id: string; arrayKey?: string }>> = {
  timers: { id: 'sla.timers', arrayKey: 'events' },
  // The former `ownership` took a whole sales log (every customer): that is the batch module.
  ownership: { id: 'attribution.ownership-batch' },
  penalties: { id: 'penalty.ledger', arrayKey: 'violations' },
};

/** What a `<module>` argument names: a registered module, or (alias not ported yet) a former CLI module. */
export type ModuleTarget =
  | { kind: 'module'; module: AnyModule; alias?: ModuleName }
  | { kind: 'legacy'; name: ModuleName };

let loaded: Promise<typeof import('@zhidu/modules')> | undefined;

/**
 * The `@zhidu/modules` registry, imported on first use so that commands which evaluate no module
 * (`deadline`, `calendar …`) start without loading every rule package.
 */
export function loadRegistry(): Promise<typeof import('@zhidu/modules')> {
  loaded ??= import('@zhidu/modules');
  return loaded;
}

const kebab = (name: string): string =>
  name
    .replace(/([a-z])([A-Z0-9])/g, '$1-$2')
    .replace(/([0-9])([A-Za-z])/g, '$1-$2')
    .toLowerCase();

/**
 * Resolves a `<module>` argument: a module id of the registry (`sla.timers`, `credit.shipment` …),
 * or a former name (`timers`, `ownership`, `penalties`) with a one-line deprecation notice on stderr.
 *
 * @throws ZhiduError `unknown_reference` naming the nearest module id
 * @example
 * const target = await moduleArg(processIo, 'penalty.ledger');
 * target.kind; //=> 'module'
 * target.kind === 'module' && target.module.id; //=> 'penalty.ledger'
 */
export async function moduleArg(io: CliIo, name: string): Promise<ModuleTarget> {
  assertCliIo(io);
  if (typeof name !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['module'],
      `模块 id 须为字符串 / a module id is a string, got ${describeValue(name)}`,
    );
  }
  const { getModule, registry } = await loadRegistry();
  if ((MODULES as readonly string[]).includes(name)) {
    const alias = name as ModuleName;
    const { id } = DEPRECATED_ALIASES[alias];
    io.err(`notice: module name "${alias}" is deprecated; use ${id}`);
    const module = registry.get(id);
    return module ? { kind: 'module', module, alias } : { kind: 'legacy', name: alias };
  }
  return { kind: 'module', module: getModule(name) };
}

/**
 * Refuses a `target` that is not a registered module's {@link ModuleTarget} (what {@link moduleArg}
 * returns): an object of kind `module` whose module has an id, preset names and `policy`/`preset`.
 */
function expectModuleTarget(target: unknown): asserts target is ModuleTarget & { kind: 'module' } {
  expectObject(target, ['target']);
  if (target.kind !== 'module') {
    throw new ZhiduError(
      'invalid_input',
      ['target', 'kind'],
      `须为 moduleArg 返回的已注册模块 / expected a registered module as moduleArg returns it (kind "module"), got ${describeValue(target.kind)}`,
    );
  }
  expectObject(target.module, ['target', 'module']);
  const m = target.module;
  const bad = (key: string, zh: string, en: string): ZhiduError =>
    new ZhiduError(
      'invalid_input',
      ['target', 'module', key],
      `模块的 ${key} 须为${zh} / the module's ${key} is ${en}, got ${describeValue(m[key])}`,
    );
  if (typeof m.id !== 'string') throw bad('id', '字符串', 'a string');
  if (!Array.isArray(m.presetNames) || !m.presetNames.every((n) => typeof n === 'string'))
    throw bad('presetNames', '字符串数组', 'an array of strings');
  if (typeof m.policy !== 'function') throw bad('policy', '函数', 'a function');
  if (typeof m.preset !== 'function') throw bad('preset', '函数', 'a function');
}

/**
 * A policy named on the command line: a preset of the module (`dealer-000` or
 * `sla.timers/dealer-000`) or a policy JSON file (`*.json`, `-` for stdin), validated strictly.
 *
 * @throws ZhiduError `unknown_reference` for an unknown preset (with the nearest name), `unknown_key`
 *   or `invalid_input` for a policy file that does not validate, and `invalid_input` for an `io`
 *   that is not a {@link CliIo}, a `target` that is not a registered module's, or a non-string `value`
 * @example
 * const target = await moduleArg(processIo, 'sla.timers');
 * policyFor(processIo, target as ModuleTarget & { kind: 'module' }, 'sla.timers/construction-000');
 */
export function policyFor(
  io: CliIo,
  target: ModuleTarget & { kind: 'module' },
  value: string,
): Readonly<Policy<unknown>> {
  assertCliIo(io);
  expectModuleTarget(target);
  if (typeof value !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['policy'],
      `制度须为预设名或 JSON 文件路径 / a policy is a preset name or a JSON file path, got ${describeValue(value)}`,
    );
  }
  const m = target.module;
  if (value.endsWith('.json') || value === '-')
    return m.policy(readJson(io, value)) as Readonly<Policy<unknown>>;
  const slash = value.lastIndexOf('/');
  if (slash > 0) {
    const owner = value.slice(0, slash);
    if (owner !== m.id) {
      throw new ZhiduError(
        'invalid_input',
        ['preset'],
        `预设 ${value} 属于 ${owner}，不是 ${m.id} / preset ${value} belongs to ${owner}, not ${m.id}`,
      );
    }
    return policyFor(io, target, value.slice(slash + 1));
  }
  // Only the module's own preset names: `constructor`, `__proto__`, `toString` … are unknown presets,
  // never a property every object inherits.
  if (m.presetNames.includes(value)) return m.preset(value) as Readonly<Policy<unknown>>;
  const renamed = kebab(value);
  if (target.alias && renamed !== value && m.presetNames.includes(renamed)) {
    io.err(`notice: preset name "${value}" is deprecated; use ${m.id}/${renamed}`);
    return m.preset(renamed) as Readonly<Policy<unknown>>;
  }
  throw unknownPreset(m.id, m.presetNames, value);
}

/** `unknown_reference` for a preset the module does not have, with the nearest name and the list. */
function unknownPreset(id: string, names: readonly string[], value: string): ZhiduError {
  const near = nearestKey(value, names);
  const shown = JSON.stringify(value);
  const have = names.length > 0 ? names.map((n) => `${id}/${n}`).join(', ') : 'none';
  const haveZh = names.length > 0 ? names.map((n) => `${id}/${n}`).join('、') : '无';
  return new ZhiduError(
    'unknown_reference',
    ['preset'],
    `模块 ${id} 没有预设 ${shown}${near ? `；是否应为 ${id}/${near}？` : ''}（现有：${haveZh}） / module ${id} has no preset ${shown}${near ? `; did you mean ${id}/${near}?` : ''} (have: ${have})`,
    near ? { suggestion: `${id}/${near}` } : undefined,
  );
}

/** Picks the one policy argument of `--preset` / `--policy`. */
export function policyArgument(
  o: { preset?: string; policy?: string },
  names = ['--preset', '--policy'],
): string {
  if (o.preset !== undefined && o.policy !== undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['policy'],
      `${names[0]} 与 ${names[1]} 只能给一个 / give ${names[0]} or ${names[1]}, not both`,
    );
  }
  const value = o.preset ?? o.policy;
  if (value === undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['policy'],
      `须给出 ${names[0]} <预设> 或 ${names[1]} <文件> / give ${names[0]} <name> or ${names[1]} <file.json>`,
    );
  }
  return value;
}

/**
 * The input file of a command: `--input <file>` (or the former positional argument). Under a
 * deprecated alias a bare JSON array becomes the module's event or violation list, as before.
 *
 * @throws ZhiduError `invalid_input` when no input, or two, are given, or the file is unreadable
 */
export function inputFor(
  io: CliIo,
  target: ModuleTarget,
  o: { input?: string },
  positional?: string,
): unknown {
  if (o.input !== undefined && positional !== undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['input'],
      `输入文件只能给一个 / give the input file once (--input or the argument)`,
    );
  }
  const path = o.input ?? positional;
  if (path === undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['input'],
      `须给出 --input <文件> / give --input <file.json> (- for stdin)`,
    );
  }
  const input = readJson(io, path);
  if (target.kind === 'module' && target.alias) {
    const key = DEPRECATED_ALIASES[target.alias].arrayKey;
    if (key !== undefined && Array.isArray(input)) return { [key]: input };
    // A former name keeps its former input: a bare array (use the module id for `{ events: [...] }`).
    if (key !== undefined) {
      throw new ZhiduError(
        'invalid_input',
        [path],
        `${target.alias} 的输入须为 JSON 数组；对象形式的输入请用 ${target.module.id} / ${target.alias} input must be a JSON array of ${key}; for the { ${key}: [...] } form use ${target.module.id}`,
      );
    }
  }
  return input;
}

/** Command-line flags that make the evaluation context. */
export type ContextFlags = CalendarFlags & { now?: string; seed?: string };

/**
 * The evaluation context of a command: `--now` (default: the current instant), the calendar of
 * the calendar flags (the PRC calendar with stored notices by default), and `--seed`.
 */
export function contextOf(io: CliIo, o: ContextFlags): EvalContext {
  return makeContext({
    now: o.now ?? new Date().toISOString(),
    calendar: calendarFor(io, o),
    ...(o.seed === undefined ? {} : { seed: o.seed }),
  });
}
