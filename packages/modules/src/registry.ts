import { type ChinaCalendarOptions, chinaCalendar } from '@zhidu/calendar-cn';
import {
  type ContextInput,
  describeValue,
  type EvalContext,
  expectArray,
  expectKnownKeys,
  type ModuleDecision,
  makeContext,
  nearestKey,
  type Policy,
  type RuleModule,
  ZhiduError,
} from '@zhidu/core';

/**
 * A module of any package, as the registry holds it. The registry cannot know each module's types,
 * so policy, input and result are `unknown` here; import the module constant from its package
 * (e.g. `slaTimers` from `@zhidu/sla`) for the precise types.
 */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds modules of every input and result type
export type AnyModule = RuleModule<any, any, any, any, any>;

/** A preset in its one public form: `<module-id>/<preset>`, e.g. `sla.timers/dealer-000`. */
export type PresetName = `${string}.${string}/${string}`;

/** One module as {@link listModules} describes it. */
export interface ModuleInfo {
  /** `<package>.<name>`, e.g. `sla.timers`. */
  id: string;
  /** The package it comes from, e.g. `@zhidu/sla`. */
  package: string;
  title: { zh: string; en: string };
  /** Whether it counts working days (the registry then supplies the PRC calendar by default). */
  needsCalendar: boolean;
  /** Its presets in the `<module-id>/<preset>` form. */
  presets: PresetName[];
}

/**
 * The context {@link Registry.evaluate} accepts: core's context input (`now`, `zone`, `calendar`,
 * `seed`) plus the PRC calendar's `outsideData` and `notices`, used when no calendar is given.
 */
export interface RegistryContextInput extends ContextInput {
  /** Beyond the loaded notices: refuse (default), compute provisionally, or plain Mon–Fri. */
  outsideData?: ChinaCalendarOptions['outsideData'];
  /** Holiday notices published after this release (see `@zhidu/calendar-cn`). */
  notices?: ChinaCalendarOptions['notices'];
}

/** The keys of a {@link RegistryContextInput}, and an `EvalContext`'s `rng`. */
const REGISTRY_CONTEXT_KEYS: readonly string[] = [
  'now',
  'zone',
  'calendar',
  'seed',
  'rng',
  'outsideData',
  'notices',
];

/** A set of modules by id, with their presets in one naming form. */
export interface Registry {
  /** Every module by id. */
  readonly registry: ReadonlyMap<string, AnyModule>;
  /** A module by id; `unknown_reference` naming the nearest id otherwise. */
  getModule(id: string): AnyModule;
  /** Every module, sorted by id. */
  listModules(): ModuleInfo[];
  /** Every preset as `<module-id>/<preset>`, sorted. */
  listPresets(): PresetName[];
  /** A preset policy (validated, frozen) by its `<module-id>/<preset>` name. */
  getPreset(name: string): Readonly<Policy<unknown>>;
  /** Evaluates a module by id under a policy or a preset name, on the PRC calendar unless one is given. */
  evaluate(
    moduleId: string,
    input: unknown,
    policy: unknown,
    ctx: EvalContext | RegistryContextInput,
  ): ModuleDecision<unknown>;
}

/** One package's modules, for {@link createRegistry}. */
export interface ModuleSource {
  /** The npm package, e.g. `@zhidu/sla`. */
  package: string;
  modules: readonly AnyModule[];
}

function isModule(value: unknown): value is AnyModule {
  const m = value as Partial<AnyModule> | null;
  return (
    m !== null &&
    typeof m === 'object' &&
    typeof m.id === 'string' &&
    typeof m.evaluate === 'function' &&
    typeof m.policy === 'function' &&
    typeof m.preset === 'function' &&
    Array.isArray(m.presetNames)
  );
}

function isEvalContext(ctx: EvalContext | RegistryContextInput): ctx is EvalContext {
  const c = ctx as Partial<EvalContext>;
  return (
    typeof c.now === 'string' && typeof c.zone === 'string' && typeof c.calendar?.isWorkday === 'function'
  );
}

/** A plain context input the registry built a context input from, with its own keys and values. */
interface PlainContext {
  keys: readonly string[];
  values: readonly unknown[];
  built: EvalContext | ContextInput;
}

/**
 * Whether `ctx` has exactly the remembered own keys, in order, each with the identical value (symbol
 * keys are not data: no context reads them).
 */
function sameOwnValues(ctx: object, last: PlainContext): boolean {
  const keys = Object.keys(ctx);
  const n = keys.length;
  if (n !== last.keys.length) return false;
  for (let i = 0; i < n; i++) {
    const k = keys[i] as string;
    if (k !== last.keys[i] || (ctx as Record<string, unknown>)[k] !== last.values[i]) return false;
  }
  return true;
}

/**
 * The context a module would make of `built`, made here once so that every later call with an equal
 * plain context passes the very same made context, which the module reads by its direct path
 * (issue 21). `built` itself when `now` is not a string (a `Date` can change in place without the
 * registry seeing it: core makes a context of it per call), when the module reads it as given (it has
 * a zone: core then takes it as a context), when it draws lots (a seed or a generator: core makes it
 * afresh per call), or when `makeContext` refuses it (the module then refuses it with its own path).
 */
function madeOrBuilt(built: ContextInput): EvalContext | ContextInput {
  if (
    typeof built.now !== 'string' ||
    built.zone !== undefined ||
    built.seed !== undefined ||
    (built as { rng?: unknown }).rng !== undefined
  )
    return built;
  try {
    return makeContext(built);
  } catch {
    return built;
  }
}

const unknownModule = (id: string, known: readonly string[]): ZhiduError => {
  const near = nearestKey(id, known);
  const hint = near ? `；是否应为 ${near}？` : '';
  const hintEn = near ? `; did you mean ${near}?` : '';
  return new ZhiduError(
    'unknown_reference',
    ['module'],
    `没有模块 ${JSON.stringify(id)}${hint} / no module ${JSON.stringify(id)}${hintEn} (known: ${known.join(', ') || 'none'})`,
    near ? { suggestion: near } : undefined,
  );
};

/**
 * Builds a registry over modules: lookup by id with a "did you mean", presets in the one
 * `<module-id>/<preset>` form, and `evaluate` supplying the PRC calendar when none is given.
 *
 * @param sources - the modules, grouped by the package that exports them
 * @returns the registry
 * @throws ZhiduError `invalid_input` at `['sources', …]` when `sources` is not a list of
 *   `{ package, modules }` (a non-empty package name and a list), at `[package, i]` when an entry is not
 *   a module; `duplicate` when two modules share an id
 * @example
 * const lateness = defineModule({
 *   id: 'acme.lateness',
 *   title: { zh: '迟到', en: 'Lateness' },
 *   params: z.strictObject({ graceMinutes: z.number().int() }),
 *   input: z.strictObject({ minutesLate: z.number().int() }),
 *   presets: {
 *     default: { id: 'acme-attendance', version: '1', effectiveFrom: '2025-01-01',
 *       source: { title: '考勤制度' }, params: { graceMinutes: 5 } },
 *   },
 *   evaluate: (input, policy) =>
 *     new Trace().decide({ result: { late: input.minutesLate > policy.params.graceMinutes }, violations: [] }),
 * });
 * const mine = createRegistry([{ package: '@acme/rules', modules: [lateness] }]);
 * mine.listPresets(); //=> ['acme.lateness/default']
 * mine.evaluate('acme.lateness', { minutesLate: 7 }, 'default', { now: '2025-06-02T09:07:00+08:00' }).value.result;
 * //=> { late: true }
 */
export function createRegistry(sources: readonly ModuleSource[]): Registry {
  const byId = new Map<string, AnyModule>();
  const packageOf = new Map<string, string>();
  expectArray(sources, ['sources'], 'object');
  sources.forEach((source, s) => {
    if (typeof source.package !== 'string' || source.package.length === 0) {
      throw new ZhiduError(
        'invalid_input',
        ['sources', s, 'package'],
        `包名须为非空字符串 / the package name is a non-empty string, got ${describeValue(source.package)}`,
      );
    }
    expectArray(source.modules, ['sources', s, 'modules']);
  });
  for (const source of sources) {
    source.modules.forEach((m, i) => {
      if (!isModule(m)) {
        throw new ZhiduError(
          'invalid_input',
          [source.package, i],
          `${source.package} 的第 ${i} 项不是 defineModule 定义的模块 / entry ${i} of ${source.package} is not a module made by defineModule`,
        );
      }
      const other = packageOf.get(m.id);
      if (other !== undefined) {
        throw new ZhiduError(
          'duplicate',
          [source.package, m.id],
          `模块标识 ${m.id} 重复（${other} 与 ${source.package}） / module id ${m.id} is defined twice (${other} and ${source.package})`,
        );
      }
      byId.set(m.id, m);
      packageOf.set(m.id, source.package);
    });
  }
  const ids = [...byId.keys()].sort();
  const registry: ReadonlyMap<string, AnyModule> = new Map(ids.map((id) => [id, byId.get(id) as AnyModule]));

  const getModule = (id: string): AnyModule => {
    if (typeof id !== 'string') {
      throw new ZhiduError('invalid_input', ['module'], `模块标识须为字符串 / a module id is a string`);
    }
    const m = registry.get(id);
    if (!m) throw unknownModule(id, ids);
    return m;
  };

  const presetsOf = (m: AnyModule): PresetName[] =>
    [...m.presetNames].sort().map((p) => `${m.id}/${p}` as PresetName);

  const listPresets = (): PresetName[] => ids.flatMap((id) => presetsOf(registry.get(id) as AnyModule));

  const getPreset = (name: string): Readonly<Policy<unknown>> => {
    const slash = typeof name === 'string' ? name.lastIndexOf('/') : -1;
    if (slash <= 0) {
      throw new ZhiduError(
        'invalid_input',
        ['preset'],
        `预设名称的形式为 <模块标识>/<预设>，例如 sla.timers/dealer-000 / a preset is named <module-id>/<preset>, e.g. sla.timers/dealer-000; got ${JSON.stringify(name)}`,
      );
    }
    const m = getModule(name.slice(0, slash));
    const preset = name.slice(slash + 1);
    if (!m.presetNames.includes(preset)) {
      const near = nearestKey(preset, m.presetNames);
      throw new ZhiduError(
        'unknown_reference',
        ['preset'],
        `模块 ${m.id} 没有预设 ${preset}${near ? `；是否应为 ${m.id}/${near}？` : ''}（现有：${presetsOf(m).join('、') || '无'}） / module ${m.id} has no preset ${JSON.stringify(preset)}${near ? `; did you mean ${m.id}/${near}?` : ''} (have: ${presetsOf(m).join(', ') || 'none'})`,
        near ? { suggestion: `${m.id}/${near}` } : undefined,
      );
    }
    return m.preset(preset) as Readonly<Policy<unknown>>;
  };

  let lastPlain: PlainContext | undefined;
  const remember = (
    ctx: object,
    built: ContextInput,
    outsideData: unknown,
    notices: unknown,
  ): EvalContext | ContextInput => {
    if (outsideData !== undefined || notices !== undefined) return built;
    const keys = Object.keys(ctx);
    const values = keys.map((k) => (ctx as Record<string, unknown>)[k]);
    const ready = madeOrBuilt(built);
    lastPlain = { keys, values, built: ready };
    return ready;
  };

  const contextOf = (ctx: EvalContext | RegistryContextInput): EvalContext | ContextInput => {
    if (ctx === null || typeof ctx !== 'object') {
      throw new ZhiduError(
        'invalid_input',
        ['ctx'],
        `须给出上下文（至少 now） / a context is required (at least now)`,
      );
    }
    // An array is refused as the module refuses it, before `...rest` copies its members (a
    // 10^5-member array cost about 90 ms to copy before the refusal: fuzz, seed 7).
    if (Array.isArray(ctx)) {
      throw new ZhiduError(
        'invalid_input',
        ['ctx'],
        '上下文须为对象（至少含 now） / the context is an object with at least now, got an array',
      );
    }
    if (isEvalContext(ctx)) return ctx;
    // The plain context built last (issue 21): a caller passing `{ now }` (a fresh object or the same
    // one) on every call gets the object built for the first of them, so core's context cache and
    // its direct path hit instead of a copy and a context per call (~2 µs of a ~0.1 µs decision).
    // Reused only when the input has the same own keys in the same order with the same values
    // (compared by identity, read afresh: a context changed in place is built again; symbol keys
    // are not data), and no outsideData or notices (those build a calendar of their own every call).
    const last = lastPlain;
    if (last !== undefined && sameOwnValues(ctx, last)) return last.built;
    // Checked here, with the two keys only the registry reads: core's check, after them, listed
    // neither and so could not name `outsideData` for a misspelt `outsideDta`.
    expectKnownKeys(ctx, REGISTRY_CONTEXT_KEYS, ['ctx']);
    const { outsideData, notices, ...rest } = ctx;
    if (rest.calendar !== undefined) {
      if (outsideData !== undefined || notices !== undefined) {
        throw new ZhiduError(
          'invalid_input',
          ['ctx', outsideData !== undefined ? 'outsideData' : 'notices'],
          `outsideData/notices 只用于默认的中国日历；已给出 calendar 时请在该日历上设置 / outsideData and notices configure the default PRC calendar; with your own calendar, set them on it`,
        );
      }
      return remember(ctx, rest, outsideData, notices);
    }
    const built: ContextInput = {
      ...rest,
      calendar: chinaCalendar({
        ...(outsideData === undefined ? {} : { outsideData }),
        ...(notices === undefined ? {} : { notices }),
      }),
    };
    return remember(ctx, built, outsideData, notices);
  };

  const evaluate = (
    moduleId: string,
    input: unknown,
    policy: unknown,
    ctx: EvalContext | RegistryContextInput,
  ): ModuleDecision<unknown> => {
    const m = getModule(moduleId);
    let chosen = policy;
    if (typeof policy === 'string') {
      if (policy.includes('/') && policy.slice(0, policy.lastIndexOf('/')) !== m.id) {
        throw new ZhiduError(
          'invalid_input',
          ['policy'],
          `预设 ${policy} 属于另一个模块，不是 ${m.id} / preset ${policy} belongs to another module, not ${m.id}`,
        );
      }
      chosen = getPreset(policy.includes('/') ? policy : `${m.id}/${policy}`);
    }
    return m.evaluate(input, chosen, contextOf(ctx)) as ModuleDecision<unknown>;
  };

  return {
    registry,
    getModule,
    listModules: () =>
      ids.map((id) => {
        const m = registry.get(id) as AnyModule;
        return {
          id,
          package: packageOf.get(id) as string,
          title: m.title,
          needsCalendar: m.needsCalendar,
          presets: presetsOf(m),
        };
      }),
    listPresets,
    getPreset,
    evaluate,
  };
}
