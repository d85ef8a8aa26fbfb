import { z } from 'zod';
import type { WorkCalendar } from './calendar.js';
import type { EvalContext } from './context.js';
import {
  describeValue,
  type ErrorPath,
  errorAt,
  formatPath,
  isZhiduError,
  parseInput,
  ZhiduError,
} from './errors.js';
import { expectArray, expectObject } from './guards.js';
import type { ModuleDecision, RuleModule } from './module.js';
import { ownValue, setOwn } from './own.js';
import { recordOf } from './record.js';
import { nearestKey } from './unknown-keys.js';

/**
 * The one scenario format of every module: a JSON file named `*.scenario.json` that pins what a
 * module decides for one input under one policy. Its JSON Schema is published as
 * `@zhidu/core/schema/scenario.schema.json`.
 */

/** A catalog rule id, e.g. `S001-ATTR-29`, `S000B-COMPLAINT-03`. */
const RuleId = z
  .string()
  .regex(
    /^S\d{3}[A-Z]?-[A-Z]+-\d+[a-z]?$/,
    '目录规则 id，如 S001-ATTR-29 / a catalog rule id, e.g. S001-ATTR-29',
  );

const PatchOp = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), path: z.string(), value: z.unknown() }),
  z.strictObject({ op: z.literal('replace'), path: z.string(), value: z.unknown() }),
  z.strictObject({ op: z.literal('remove'), path: z.string() }),
  z.strictObject({ op: z.literal('test'), path: z.string(), value: z.unknown() }),
]);

/** How a scenario's context is given: an instant, a zone, the calendar to count working days on, a seed. */
export const ScenarioContextSchema = z.strictObject({
  /** The evaluation instant (ISO 8601 with offset). */
  now: z.string().min(1),
  /** IANA zone (default: the policy's or Asia/Shanghai). */
  zone: z.string().min(1).optional(),
  /**
   * `prc` (default): the PRC statutory calendar; `weekdays`: plain Mon–Fri; or the PRC calendar with
   * options: notices published after the release, and what to do beyond the data.
   */
  calendar: z
    .union([
      z.literal('prc'),
      z.literal('weekdays'),
      z.strictObject({
        notices: z.array(z.unknown()).optional(),
        outsideData: z.enum(['error', 'provisional', 'weekdays']).optional(),
      }),
    ])
    .optional(),
  /** Seed of the context's random source (lotteries, draws). */
  seed: z.union([z.number().int(), z.string().min(1)]).optional(),
});

/** What a scenario expects: partial matches of the decision (see {@link matchExpected}). */
export const ScenarioExpectedSchema = z
  .strictObject({
    /** A partial deep match of the decision's `value.result`. */
    result: z.unknown().optional(),
    /** A match of the decision's `value.violations` (an array matches element by element; `{ "$contains": [...] }` in any order). */
    violations: z.unknown().optional(),
    /** Catalog rule ids (or other trace rule names) that must each appear in the trace. */
    trace: z.array(z.string().min(1)).optional(),
    /** The evaluation must be refused with this error code (and path, when given). */
    error: z
      .strictObject({
        code: z.string().min(1),
        path: z.array(z.union([z.string(), z.number().int()])).optional(),
      })
      .optional(),
  })
  .refine((e) => Object.keys(e).length > 0, {
    message:
      'expected 至少给出 result、violations、trace 或 error 之一 / expected names at least one of result, violations, trace, error',
  })
  .refine((e) => e.error === undefined || (e.result === undefined && e.violations === undefined), {
    message:
      '期待拒绝（error）时不能同时期待结果 / an expected error cannot be combined with an expected result or violations',
  });

/** A scenario, as parsed from a `*.scenario.json` file. */
export const ScenarioSchema = z
  .strictObject({
    /** The published JSON Schema of this format (any string; editors use it). */
    $schema: z.string().optional(),
    /** What the scenario shows, in a sentence. */
    name: z.string().min(1),
    /** Longer explanation, e.g. the seed line it pins. */
    description: z.string().optional(),
    /** The catalog rule ids it pins; at least one must appear in the decision's trace or violations. */
    rules: z.array(RuleId).min(1),
    /** The module id, e.g. `sla.timers`. */
    module: z.string().min(1),
    /** A preset of the module: `dealer-000` or `sla.timers/dealer-000`. */
    preset: z.string().min(1).optional(),
    /** An inline policy (the envelope with `params`), instead of a preset. */
    policy: z.unknown().optional(),
    /**
     * Changes applied to the preset or policy before evaluation: a JSON Merge Patch (RFC 7396, an
     * object) or a JSON Patch (RFC 6902, an array of `add`/`replace`/`remove`/`test` operations).
     */
    policyPatch: z.union([recordOf(z.string(), z.unknown()), z.array(PatchOp)]).optional(),
    context: ScenarioContextSchema,
    /** The module's input. */
    input: z.unknown(),
    expected: ScenarioExpectedSchema,
  })
  .refine((s) => (s.preset === undefined) !== (s.policy === undefined), {
    message: '须给出 preset 或 policy 之一（且只给一个） / give exactly one of preset and policy',
    path: ['preset'],
  });

/** A scenario (parsed). */
export type Scenario = z.output<typeof ScenarioSchema>;
/** A scenario as written in JSON. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/** One difference between what a scenario expects and what the module decided. */
export interface ScenarioMismatch {
  /** Where, from the decision value: e.g. `['result', 'timers', 0, 'status']`. */
  path: (string | number)[];
  expected: unknown;
  actual: unknown;
  /** What differs, Chinese and English. */
  message: string;
}

/** The outcome of running one scenario. */
export interface ScenarioOutcome {
  name: string;
  /** The file it came from, when run from a file. */
  file?: string;
  module: string;
  rules: string[];
  /** True when nothing differs. */
  ok: boolean;
  mismatches: ScenarioMismatch[];
  /** The decision, when the module decided. */
  decision?: ModuleDecision<unknown>;
  /** The refusal, when the module refused. */
  error?: { code: string; path: (string | number)[]; message: string };
}

/** What a scenario runner needs from its surroundings: modules by id, and calendars. */
export interface ScenarioResolver {
  /** A module by id (throws `unknown_reference` otherwise). */
  // biome-ignore lint/suspicious/noExplicitAny: a resolver serves modules of every type
  module(id: string): RuleModule<any, any, any, any, any>;
  /** The calendar for a scenario's `context.calendar` (`undefined`/`'prc'` → the PRC calendar). */
  calendar(spec: Scenario['context']['calendar']): WorkCalendar;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function clone<T>(v: T): T {
  if (v === undefined) return v;
  let text: string | undefined;
  try {
    text = JSON.stringify(v);
  } catch {
    text = undefined; // a BigInt or a cycle
  }
  if (text === undefined) {
    // A function or a symbol: not JSON, so not a patch value.
    throw new ZhiduError(
      'invalid_input',
      ['patch'],
      `补丁须为 JSON 值 / a patch is a JSON value, got ${describeValue(v)}`,
    );
  }
  return JSON.parse(text) as T;
}

/**
 * Applies a JSON Merge Patch (RFC 7396): objects merge key by key, `null` removes a key, anything
 * else (arrays included) replaces.
 *
 * @example
 * mergePatch({ a: { b: 1, c: 2 }, d: [1] }, { a: { c: null }, d: [2] }); //=> { a: { b: 1 }, d: [2] }
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  return merged(target, patch, 0);
}

function merged(target: unknown, patch: unknown, depth: number): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  // JSON nests a few levels; a patch this deep is a cycle or not a policy patch.
  if (depth > 256) {
    throw new ZhiduError(
      'invalid_input',
      ['patch'],
      '补丁嵌套过深或含环 / the patch nests too deep or contains a cycle',
    );
  }
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    // Own members only: a member `constructor` the target lacks is not Object's, and `__proto__`
    // is written as a member, not as the copy's prototype.
    if (v === null) delete out[k];
    else setOwn(out, k, merged(ownValue(out, k), v, depth + 1));
  }
  return out;
}

function pointerTokens(pointer: string, path: ErrorPath): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `JSON 指针须以 / 开头 / a JSON pointer starts with /, got ${JSON.stringify(pointer)}`,
    );
  }
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Applies a JSON Patch (RFC 6902: `add`, `replace`, `remove`, `test`) to a copy of a document.
 *
 * @throws ZhiduError `invalid_input` naming the operation when its path does not exist or a `test` fails
 * @example
 * jsonPatch({ fines: [100, 200] }, [{ op: 'replace', path: '/fines/1', value: 300 }]); //=> { fines: [100, 300] }
 */
export function jsonPatch(
  doc: unknown,
  ops: readonly z.input<typeof PatchOp>[],
  path: ErrorPath = ['policyPatch'],
): unknown {
  const checked = parseInput(z.array(PatchOp), ops, path);
  let root = clone(doc);
  checked.forEach((op, i) => {
    const at = [...path, i, 'path'];
    const tokens = pointerTokens(op.path, at);
    if (tokens.length === 0) {
      if (op.op === 'test') {
        if (JSON.stringify(root) !== JSON.stringify(op.value)) fail(at, op.path);
        return;
      }
      if (op.op === 'remove') root = undefined;
      else root = clone(op.value);
      return;
    }
    let parent: unknown = root;
    for (const t of tokens.slice(0, -1)) {
      parent = step(parent, t);
      if (parent === undefined) fail(at, op.path);
    }
    const last = tokens[tokens.length - 1] as string;
    if (Array.isArray(parent)) {
      const idx = last === '-' ? parent.length : Number(last);
      const bound = op.op === 'add' ? parent.length : parent.length - 1;
      if (!/^(0|[1-9]\d*|-)$/.test(last) || idx > bound) fail(at, op.path);
      if (op.op === 'add') parent.splice(idx, 0, clone(op.value));
      else if (op.op === 'replace') parent[idx] = clone(op.value);
      else if (op.op === 'remove') parent.splice(idx, 1);
      else if (JSON.stringify(parent[idx]) !== JSON.stringify(op.value)) fail(at, op.path, true);
    } else if (isPlainObject(parent)) {
      if (op.op !== 'add' && !Object.hasOwn(parent, last)) fail(at, op.path);
      if (op.op === 'add' || op.op === 'replace') setOwn(parent, last, clone(op.value));
      else if (op.op === 'remove') delete parent[last];
      else if (JSON.stringify(parent[last]) !== JSON.stringify(op.value)) fail(at, op.path, true);
    } else fail(at, op.path);
  });
  return root;
}

function step(v: unknown, token: string): unknown {
  if (Array.isArray(v)) return /^(0|[1-9]\d*)$/.test(token) ? v[Number(token)] : undefined;
  if (isPlainObject(v)) return Object.hasOwn(v, token) ? v[token] : undefined;
  return undefined;
}

function fail(path: ErrorPath, pointer: string, test = false): never {
  throw new ZhiduError(
    'invalid_input',
    path,
    test
      ? `补丁的 test 操作不成立：${pointer} 处的值不同 / the patch's test operation failed: the value at ${pointer} differs`
      : `补丁路径 ${pointer} 在制度中不存在 / the patch path ${pointer} does not exist in the policy`,
  );
}

/** What a BigInt is written as inside JSON text before {@link show} turns it into `1n`. */
const BIGINT_MARK = '\u0000bigint:';
const BIGINT_TEXT = /"\\u0000bigint:(-?\d+)"/g;

/**
 * A value as a mismatch message prints it; never throws: a BigInt is written `1n` (inside an object
 * too), a cycle `[cycle]`, a value whose getter or `toJSON` throws `[unprintable]`.
 */
const show = (v: unknown): string => {
  if (v === undefined) return 'undefined';
  if (typeof v === 'bigint') return `${v}n`;
  let s: string | undefined;
  try {
    s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${BIGINT_MARK}${x}` : x))?.replace(
      BIGINT_TEXT,
      '$1n',
    );
  } catch (e) {
    s = e instanceof TypeError ? '[cycle]' : '[unprintable]';
  }
  if (s === undefined) s = typeof v;
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
};

/** How a refusal of {@link exactText} names the value it could not write. */
const EXACT_SIDE = {
  expected: { zh: '期待值', en: 'the expected value' },
  actual: { zh: '实际值', en: 'the actual value' },
} as const;

/**
 * The JSON text `$exact` compares, or a refusal at `at`: a value with no JSON text (a BigInt, a cycle)
 * cannot be compared as JSON.
 */
function exactText(v: unknown, at: ErrorPath, side: keyof typeof EXACT_SIDE): string | undefined {
  try {
    return JSON.stringify(v);
  } catch (e) {
    // (JSON.stringify throws a TypeError for a BigInt or a cycle; a getter's own error is the caller's)
    if (!(e instanceof TypeError)) throw e;
    const name = EXACT_SIDE[side];
    throw new ZhiduError(
      'invalid_input',
      at,
      `${name.zh}不是 JSON 值（含 BigInt 或循环引用），$exact 无法比较 / ${name.en} is not JSON (it holds a BigInt or a cycle): $exact cannot compare it`,
    );
  }
}

const MATCHERS = ['$contains', '$exact', '$absent', '$length'] as const;

function isMatcher(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/**
 * Matches an expected value against an actual one and lists every difference (empty: it matches).
 *
 * - an object matches when each of its keys matches the actual value's key (other keys are free);
 *   a key the actual object does not have is refused as `unknown_key` (a typo in `expected` would
 *   otherwise pass silently), unless the expected value is `{ "$absent": true }`;
 * - an array matches an array of the same length, element by element;
 * - `{ "$contains": [..] }`: each listed element matches some element of the actual array;
 * - `{ "$length": n }`: an array (or string) of that length; `{ "$exact": v }`: deep equality;
 * - anything else: strict equality (`-0` equals `0`).
 *
 * @param expected - the expected (partial) value
 * @param actual - the decision's value
 * @param path - where `actual` sits, for the mismatch paths
 * @returns the mismatches
 * @throws ZhiduError `unknown_key` when `expected` names a field the decision does not have, `invalid_input` for an unknown `$` matcher
 *   or for a `$exact` whose value or actual value is not JSON (a BigInt, a cycle: at the matcher, or at `['actual', …path]`)
 * @example
 * matchExpected({ status: 'breached', latenessUnits: 2 }, { status: 'breached', latenessUnits: 3, subject: 'r-5' })
 *   .map((m) => m.path.join('.')); //=> ['latenessUnits']
 */
export function matchExpected(
  expected: unknown,
  actual: unknown,
  path: (string | number)[] = [],
  errorPathGiven?: ErrorPath,
): ScenarioMismatch[] {
  expectArray(path, ['path']);
  const errorPath: ErrorPath = errorPathGiven ?? ['expected', ...path];
  expectArray(errorPath, ['errorPath']);
  const out: ScenarioMismatch[] = [];
  const differ = (why?: string): void => {
    out.push({
      path,
      expected,
      actual,
      message: `${formatPath(path) || '(decision)'}: 期待 ${show(expected)}，实际 ${show(actual)} / expected ${show(expected)}, got ${show(actual)}${why ? ` (${why})` : ''}`,
    });
  };
  if (isMatcher(expected)) {
    for (const k of Object.keys(expected)) {
      if (!(MATCHERS as readonly string[]).includes(k)) {
        throw new ZhiduError(
          'invalid_input',
          [...errorPath, k],
          `未知的匹配符 ${k}（可用：${MATCHERS.join(', ')}） / unknown matcher ${k} (known: ${MATCHERS.join(', ')})`,
        );
      }
    }
    if ('$absent' in expected) {
      if (actual !== undefined) differ('should be absent');
    }
    if ('$exact' in expected) {
      const want = exactText(expected.$exact, [...errorPath, '$exact'], 'expected');
      if (want !== exactText(actual, ['actual', ...path], 'actual')) differ('exact');
    }
    if ('$length' in expected) {
      const len = Array.isArray(actual) || typeof actual === 'string' ? actual.length : undefined;
      if (len !== expected.$length) differ(`length ${len ?? 'n/a'}`);
    }
    if ('$contains' in expected) {
      const want = expected.$contains;
      if (!Array.isArray(want) || !Array.isArray(actual)) {
        differ('$contains needs arrays');
      } else {
        want.forEach((w, i) => {
          // A key no element has is a typo, not a mismatch: refused like any unknown field.
          let typo: unknown;
          let typos = 0;
          const found = actual.some((a, j) => {
            try {
              return matchExpected(w, a, [...path, j], [...errorPath, '$contains', i]).length === 0;
            } catch (e) {
              if (isZhiduError(e) && e.code === 'unknown_key') {
                typo ??= e;
                typos++;
                return false;
              }
              throw e;
            }
          });
          if (!found && typos > 0 && typos === actual.length) throw typo;
          if (!found) {
            out.push({
              path: [...path, '$contains', i],
              expected: w,
              actual,
              message: `${formatPath(path) || '(decision)'}: 没有元素匹配 ${show(w)} / no element matches ${show(w)}`,
            });
          }
        });
      }
    }
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      differ('not an array');
      return out;
    }
    if (actual.length !== expected.length) {
      differ(`length ${actual.length}, expected ${expected.length}`);
      return out;
    }
    expected.forEach((e, i) => {
      out.push(...matchExpected(e, actual[i], [...path, i], [...errorPath, i]));
    });
    return out;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) {
      differ('not an object');
      return out;
    }
    for (const [k, e] of Object.entries(expected)) {
      const absentOk = isMatcher(e) && '$absent' in e;
      if (!Object.hasOwn(actual, k) && !absentOk) {
        const near = nearestKey(k, Object.keys(actual));
        throw new ZhiduError(
          'unknown_key',
          [...errorPath, k],
          `决定中没有字段 ${k}${near ? `；是否应为 ${near}？` : ''} / the decision has no field ${JSON.stringify(k)}${near ? `; did you mean ${JSON.stringify(near)}?` : ''}`,
          near ? { suggestion: near } : undefined,
        );
      }
      out.push(...matchExpected(e, actual[k], [...path, k], [...errorPath, k]));
    }
    return out;
  }
  if (!(expected === actual || (Number.isNaN(expected) && Number.isNaN(actual)))) differ();
  return out;
}

/**
 * Validates a scenario against the format (strict: a misspelled key is refused with the nearest one).
 *
 * @param json - the parsed JSON of a `*.scenario.json` file
 * @returns the scenario
 * @throws ZhiduError `invalid_input` / `unknown_key` with the JSON path
 * @example
 * parseScenario({ name: 'x', rules: ['S000-COMPLAINT-17'], module: 'sla.timers', preset: 'retail-000',
 *   context: { now: '2024-04-20T00:00:00+08:00' }, input: { events: [] }, expected: { result: {} } }).module;
 * //=> 'sla.timers'
 */
export function parseScenario(json: unknown): Scenario {
  return parseInput(ScenarioSchema, json, []);
}

/**
 * The policy a scenario is evaluated under: its inline policy or its module's preset, with its
 * `policyPatch` applied (validated by the module).
 *
 * @throws ZhiduError `unknown_reference` for a preset the module does not have, `invalid_input` for a preset of another module or a bad patch
 * @example
 * const m = defineModule({
 *   id: 'demo.lateness', title: { zh: '迟到', en: 'Lateness' },
 *   params: z.strictObject({ graceMinutes: z.number().int() }), input: z.strictObject({}),
 *   presets: { office: { id: 'office', version: '1', effectiveFrom: '2025-01-01', source: { title: '考勤制度' },
 *     params: { graceMinutes: 5 } } },
 *   evaluate: () => new Trace().decide({ result: {}, violations: [] }),
 * });
 * const s = parseScenario({ name: 'ten minutes of grace', rules: ['S001-PENALTY-01'], module: 'demo.lateness',
 *   preset: 'office', policyPatch: { params: { graceMinutes: 10 } },
 *   context: { now: '2025-06-02T09:00:00+08:00' }, input: {}, expected: { result: {} } });
 * (scenarioPolicy(s, m) as { params: { graceMinutes: number } }).params.graceMinutes; //=> 10
 */
export function scenarioPolicy(
  scenarioInput: Scenario | ScenarioInput,
  // biome-ignore lint/suspicious/noExplicitAny: any module
  module: RuleModule<any, any, any, any, any>,
): unknown {
  const scenario = parseScenario(scenarioInput);
  expectObject(module, ['module']);
  if (
    typeof module.id !== 'string' ||
    !Array.isArray(module.presetNames) ||
    typeof module.preset !== 'function'
  ) {
    throw new ZhiduError(
      'invalid_input',
      ['module'],
      '须为 defineModule 定义的模块 / expected a module made by defineModule',
    );
  }
  let base: unknown;
  if (scenario.preset !== undefined) {
    const name = scenario.preset;
    const slash = name.lastIndexOf('/');
    if (slash >= 0 && name.slice(0, slash) !== module.id) {
      throw new ZhiduError(
        'invalid_input',
        ['preset'],
        `预设 ${name} 属于另一个模块，不是 ${module.id} / preset ${name} belongs to another module, not ${module.id}`,
      );
    }
    const short = slash >= 0 ? name.slice(slash + 1) : name;
    if (!module.presetNames.includes(short)) {
      const near = nearestKey(short, module.presetNames);
      throw new ZhiduError(
        'unknown_reference',
        ['preset'],
        `模块 ${module.id} 没有预设 ${short}${near ? `；是否应为 ${near}？` : ''}（现有：${module.presetNames.join('、') || '无'}） / module ${module.id} has no preset ${JSON.stringify(short)}${near ? `; did you mean ${JSON.stringify(near)}?` : ''} (have: ${module.presetNames.join(', ') || 'none'})`,
        near ? { suggestion: near } : undefined,
      );
    }
    base = module.preset(short);
  } else {
    base = scenario.policy;
  }
  const patch = scenario.policyPatch;
  if (patch === undefined) return base;
  const plain = clone(base);
  return Array.isArray(patch) ? jsonPatch(plain, patch) : mergePatch(plain, patch);
}

/**
 * Runs one scenario: resolves its module and policy, evaluates its input in its context, and
 * matches the decision against `expected`. A scenario that names no rule of the trace (or of the
 * violations' sources) fails: a scenario pins the rules it lists.
 *
 * @param json - the scenario (parsed JSON)
 * @param resolver - modules by id and calendars (`@zhidu/modules` provides the full one)
 * @param file - the file it came from, for messages
 * @returns the outcome: `ok`, the mismatches, the decision or refusal
 * @throws ZhiduError when the scenario itself is malformed: not the format, an unknown module or
 *   preset, a bad patch, an `expected` field the decision does not have (`details.file` names the file)
 * @example
 * const lateness = defineModule({
 *   id: 'demo.lateness',
 *   title: { zh: '迟到', en: 'Lateness' },
 *   params: z.strictObject({ graceMinutes: z.number().int() }),
 *   input: z.strictObject({ minutesLate: z.number().int() }),
 *   evaluate: (input, policy) =>
 *     new Trace()
 *       .add('S001-PENALTY-01', undefined, '迟到判定', 'lateness')
 *       .decide({ result: { late: input.minutesLate > policy.params.graceMinutes }, violations: [] }),
 * });
 * const outcome = runScenario(
 *   {
 *     name: 'seven minutes late',
 *     rules: ['S001-PENALTY-01'],
 *     module: 'demo.lateness',
 *     policy: { id: 'office', version: '1', effectiveFrom: '2025-01-01', source: { title: '考勤制度' },
 *       params: { graceMinutes: 5 } },
 *     context: { now: '2025-06-02T09:07:00+08:00' },
 *     input: { minutesLate: 7 },
 *     expected: { result: { late: true } },
 *   },
 *   { module: () => lateness, calendar: () => weekdayCalendar() },
 * );
 * outcome.ok; //=> true
 * formatOutcome(outcome); //=> '✓ demo.lateness  seven minutes late'
 */
export function runScenario(json: unknown, resolver: ScenarioResolver, file?: string): ScenarioOutcome {
  checkResolver(resolver);
  if (file !== undefined && typeof file !== 'string') {
    throw new ZhiduError('invalid_input', ['file'], '文件名须为字符串 / a file name is a string');
  }
  try {
    return runParsed(parseScenario(json), resolver, file);
  } catch (e) {
    if (isZhiduError(e) && file !== undefined) {
      throw new ZhiduError(e.code as never, e.path, `${file}: ${errorAt(e, []).message}`, {
        file,
        ...(isPlainObject(e.details) ? e.details : e.details === undefined ? {} : { details: e.details }),
      });
    }
    throw e;
  }
}

function checkResolver(resolver: unknown): asserts resolver is ScenarioResolver {
  expectObject(resolver, ['resolver']);
  for (const k of ['module', 'calendar'] as const) {
    if (typeof (resolver as Record<string, unknown>)[k] !== 'function') {
      throw new ZhiduError(
        'invalid_input',
        ['resolver', k],
        `解析器须提供函数 ${k} / a scenario resolver provides a function ${k}`,
      );
    }
  }
}

const OutcomeShape = z.looseObject({
  name: z.string(),
  module: z.string(),
  file: z.string().optional(),
  ok: z.boolean(),
  mismatches: z.array(
    z.looseObject({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }),
  ),
});

/** Checks the fields of an outcome that formatting and assertions read (an outcome may come from JSON). */
function checkOutcome(o: unknown): ScenarioOutcome {
  return parseInput(OutcomeShape, o, ['outcome']) as unknown as ScenarioOutcome;
}

function runParsed(s: Scenario, resolver: ScenarioResolver, file?: string): ScenarioOutcome {
  const module = (() => {
    try {
      return resolver.module(s.module);
    } catch (e) {
      if (isZhiduError(e)) throw errorAt(e, ['module']);
      throw e;
    }
  })();
  const policy = scenarioPolicy(s, module);
  const calendar = resolver.calendar(s.context.calendar);
  const ctx = {
    now: s.context.now,
    calendar,
    ...(s.context.zone === undefined ? {} : { zone: s.context.zone }),
    ...(s.context.seed === undefined ? {} : { seed: s.context.seed }),
  };
  const base = { name: s.name, ...(file === undefined ? {} : { file }), module: s.module, rules: s.rules };
  let decision: ModuleDecision<unknown>;
  try {
    decision = module.evaluate(s.input, policy, ctx as unknown as EvalContext) as ModuleDecision<unknown>;
  } catch (e) {
    if (!isZhiduError(e)) throw e;
    const error = { code: e.code, path: [...e.path], message: e.message };
    const want = s.expected.error;
    if (!want) {
      return {
        ...base,
        ok: false,
        error,
        mismatches: [
          {
            path: [],
            expected: 'a decision',
            actual: error,
            message: `模块拒绝了输入：${e.message} / the module refused the input: ${e.message}`,
          },
        ],
      };
    }
    const mismatches = matchExpected(
      want.path === undefined ? { code: want.code } : want,
      { code: e.code, path: [...e.path] },
      ['error'],
    );
    return { ...base, ok: mismatches.length === 0, error, mismatches };
  }
  const mismatches: ScenarioMismatch[] = [];
  if (s.expected.error) {
    mismatches.push({
      path: ['error'],
      expected: s.expected.error,
      actual: 'a decision',
      message: `期待拒绝（${s.expected.error.code}），模块却作出了决定 / expected a refusal (${s.expected.error.code}) but the module decided`,
    });
  } else {
    const value = decision.value as { result?: unknown; violations?: unknown };
    if (s.expected.result !== undefined) {
      mismatches.push(...matchExpected(s.expected.result, value.result, ['result'], ['expected', 'result']));
    }
    if (s.expected.violations !== undefined) {
      mismatches.push(
        ...matchExpected(s.expected.violations, value.violations, ['violations'], ['expected', 'violations']),
      );
    }
  }
  const seen = new Set(decision.trace.map((t) => t.rule));
  const violations = (decision.value as { violations?: { source?: { rule?: string } }[] }).violations ?? [];
  for (const v of violations) if (v?.source?.rule) seen.add(v.source.rule);
  for (const rule of s.expected.trace ?? []) {
    if (!seen.has(rule)) {
      mismatches.push({
        path: ['trace'],
        expected: rule,
        actual: [...seen],
        message: `追踪中没有规则 ${rule} / rule ${rule} does not appear in the trace`,
      });
    }
  }
  if (!s.rules.some((r) => seen.has(r))) {
    mismatches.push({
      path: ['rules'],
      expected: s.rules,
      actual: [...seen],
      message: `追踪与违规中都没有出现所列规则（${s.rules.join(', ')}） / none of the listed rules (${s.rules.join(', ')}) appears in the trace or the violations`,
    });
  }
  return { ...base, ok: mismatches.length === 0, mismatches, decision };
}

/**
 * A scenario's outcome as readable text: a line for the scenario and one per mismatch.
 *
 * @example
 * formatOutcome({ name: 'late', module: 'demo.lateness', rules: ['S001-PENALTY-01'], ok: false,
 *   mismatches: [{ path: ['result', 'late'], expected: true, actual: false, message: 'result.late: expected true, got false' }] });
 * //=> '✗ demo.lateness  late\n    result.late: expected true, got false'
 */
export function formatOutcome(outcome: ScenarioOutcome): string {
  const o = checkOutcome(outcome);
  const head = `${o.ok ? '✓' : '✗'} ${o.module}  ${o.name}${o.file ? `  (${o.file})` : ''}`;
  if (o.ok) return head;
  return [head, ...o.mismatches.map((m) => `    ${m.message}`)].join('\n');
}

/**
 * Throws when a scenario's outcome is not ok, with every mismatch in the message — for test runners.
 *
 * @throws ZhiduError `scenario_failed` whose path is the first mismatch's and whose details list them all
 * @example
 * assertScenario({ name: 'fine', module: 'demo.lateness', rules: [], ok: true, mismatches: [] }); // passes
 * assertScenario({ name: 'late', module: 'demo.lateness', rules: [], ok: false,
 *   mismatches: [{ path: ['result', 'late'], expected: true, actual: false, message: 'result.late differs' }] }); // throws ZhiduError scenario_failed
 */
export function assertScenario(outcome: ScenarioOutcome): void {
  const o = checkOutcome(outcome);
  if (o.ok) return;
  const first = o.mismatches[0];
  throw new ZhiduError(
    'scenario_failed',
    first ? first.path : [],
    `${o.file ? `${o.file}: ` : ''}场景「${o.name}」不符 / scenario "${o.name}" does not hold:\n${o.mismatches.map((m) => `  ${m.message}`).join('\n')}\n`,
    {
      file: o.file,
      mismatches: o.mismatches.map(({ path, expected, actual }) => ({ path, expected, actual })),
    },
  );
}

/**
 * The outcome of a file that could not be run as a scenario (not JSON, not the format, an unknown
 * module or preset…): not ok, carrying the refusal, so a run of many files reports it and goes on.
 *
 * @param file - the file
 * @param e - the refusal
 * @returns the failed outcome
 * @example
 * const o = refusedOutcome('x.scenario.json', new ZhiduError('unknown_key', ['expected', 'result', 'statuss'], 'no field'));
 * [o.ok, o.error?.code, o.mismatches[0]?.path]; //=> [false, 'unknown_key', ['expected', 'result', 'statuss']]
 */
export function refusedOutcome(file: string, e: ZhiduError): ScenarioOutcome {
  if (typeof file !== 'string') {
    throw new ZhiduError('invalid_input', ['file'], '文件名须为字符串 / a file name is a string');
  }
  if (!isZhiduError(e)) {
    throw new ZhiduError('invalid_input', ['e'], '须为 ZhiduError / expected a ZhiduError');
  }
  return {
    name: '(unreadable scenario)',
    file,
    module: '?',
    rules: [],
    ok: false,
    error: { code: e.code, path: [...e.path], message: e.message },
    mismatches: [{ path: [...e.path], expected: 'a valid scenario', actual: e.code, message: e.message }],
  };
}

/**
 * The JSON Schema (draft 2020-12) of the scenario format, as shipped in
 * `@zhidu/core/schema/scenario.schema.json`.
 *
 * @example
 * scenarioJsonSchema().required; //=> ['name', 'rules', 'module', 'context', 'input', 'expected']
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://zhidu.dev/schema/scenario.schema.json',
    title: 'zhidu scenario',
    description:
      '一个场景：某模块在某制度下对某输入应作出的决定 / one scenario: what a module should decide for one input under one policy',
    ...(z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
  };
}
