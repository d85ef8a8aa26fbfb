import { z } from 'zod';
import { assertSchema, errorAt, parseInput, ZhiduError } from './errors.js';
import { firstRepeat } from './guards.js';
import { deepFreeze } from './plain.js';
import { recordOf } from './record.js';
import {
  assertLocalDate,
  DEFAULT_ZONE,
  type Instant,
  type InstantInput,
  startOfLocalDay,
  toEpochMs,
  toInstant,
  ZoneSchema,
} from './time.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A policy boundary: a local date (midnight in the policy zone) or an instant with offset. */
export const PolicyBoundarySchema = z
  .union([z.string(), z.number()])
  .describe('YYYY-MM-DD (start of that day in the policy zone) or an ISO-8601 instant');

/**
 * A company's own citations beside policy values: a JSON pointer into the policy (`/params/protection/days`)
 * → the rule and clause of the company's regulation that sets it.
 */
export const CitationsSchema = recordOf(
  z.string().regex(/^\/.*/, 'a citation key is a JSON pointer into the policy, e.g. /params/days'),
  z.strictObject({ rule: z.string().min(1), clause: z.string().optional() }),
).describe('JSON pointer into the policy → { rule, clause } of the regulation that sets that value');

/** Where a policy's rules come from. */
export const PolicySourceSchema = z.strictObject({
  title: z.string().min(1).describe('Title of the regulation, e.g. 售楼处客户管理制度'),
  clause: z.string().optional().describe('Article / line the policy implements'),
  url: z.string().optional(),
});

function toBoundary(
  value: string | number,
  zone: string,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): Instant {
  try {
    if (typeof value === 'string' && DATE_ONLY.test(value))
      return startOfLocalDay(assertLocalDate(value), zone);
    return toInstant(value);
  } catch (e) {
    ctx.addIssue({
      code: 'custom',
      path,
      // The refusal's own text, without the "(at …)" of the function's argument.
      message:
        e instanceof ZhiduError
          ? errorAt(e, []).message
          : e instanceof Error
            ? e.message
            : 'invalid boundary',
      params: { zhiduCode: e instanceof ZhiduError ? e.code : 'invalid_date' },
    });
    return z.NEVER;
  }
}

/**
 * The envelope every policy shares, around a module's own `params` schema:
 * `{ id, version, effectiveFrom, effectiveTo?, zone, source: { title, clause? }, citations?, params }`.
 * Strict: an unknown key (`efectiveTo`) is refused with `unknown_key`, naming the field it most
 * likely meant; `$schema` is accepted and dropped.
 * `effectiveFrom` is inclusive, `effectiveTo` exclusive.
 *
 * @param params - the module's parameter schema
 * @returns a zod schema whose output has instants for both boundaries; the same schema object each
 *   time for the same `params` (it is built once per parameter schema)
 * @example
 * const SalesOfficePolicy = policySchema(z.object({ protectionMonths: z.number().int().positive() }));
 */
export function policySchema<P extends z.ZodType>(params: P): PolicySchema<P> {
  assertSchema(params, ['params']);
  // One envelope per parameter schema: building it (and zod's compiled parser for it) cost more
  // than validating a small policy, and `definePolicy` / `PolicyHistory` asked for it on every call.
  const known = envelopes.get(params);
  if (known !== undefined) return known as PolicySchema<P>;
  const made = buildPolicySchema(params);
  envelopes.set(params, made);
  return made;
}

/** The envelope built for each parameter schema (schemas are immutable: a schema's envelope is always the same). */
const envelopes = new WeakMap<z.ZodType, unknown>();

function buildPolicySchema<P extends z.ZodType>(params: P): PolicySchema<P> {
  const envelope: z.ZodObject<PolicyEnvelopeShape<P>, z.core.$strict> = z.strictObject({
    $schema: z.string().optional().describe('The JSON Schema this file follows (ignored)'),
    citations: CitationsSchema.optional(),
    id: z.string().min(1).describe('Stable policy id, e.g. sales-office.attribution'),
    version: z.string().min(1).describe('Version label, e.g. 2025.1'),
    effectiveFrom: PolicyBoundarySchema,
    effectiveTo: PolicyBoundarySchema.optional(),
    zone: ZoneSchema.default(DEFAULT_ZONE),
    source: PolicySourceSchema,
    params,
  });
  return envelope.transform((p, ctx): Policy<z.output<P>> => {
    const effectiveFrom = toBoundary(p.effectiveFrom, p.zone, ['effectiveFrom'], ctx);
    const effectiveTo =
      p.effectiveTo === undefined ? undefined : toBoundary(p.effectiveTo, p.zone, ['effectiveTo'], ctx);
    if (
      effectiveTo !== undefined &&
      effectiveFrom !== z.NEVER &&
      toEpochMs(effectiveTo) <= toEpochMs(effectiveFrom)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveTo'],
        message: 'effectiveTo 须晚于 effectiveFrom / effectiveTo must be after effectiveFrom',
      });
    }
    const repeated = repeatedId((p as { params: unknown }).params, ['params']);
    if (repeated !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: repeated.path,
        message: `同一列表中 id ${repeated.id} 出现两次 / the id ${repeated.id} appears twice in one list`,
        params: { zhiduCode: 'duplicate' },
      });
    }
    return {
      id: p.id,
      version: p.version,
      effectiveFrom,
      ...(effectiveTo === undefined ? {} : { effectiveTo }),
      zone: p.zone,
      source: p.source,
      ...(p.citations === undefined ? {} : { citations: p.citations }),
      params: (p as unknown as { params: z.output<P> }).params,
    };
  });
}

/**
 * The first id named twice in one list of a policy's parameters, or `undefined`. A list whose every
 * element is an object with a string `id` defines things (items, timers, rules, file types, fields…):
 * the same id twice is a copy left behind or a typo, and which of the two a rule would read is a guess
 * (issue 21's fuzzing found such repeats counted twice). Walks each object and list once, by identity.
 */
function repeatedId(
  value: unknown,
  path: (string | number)[],
  walked: Set<object> = new Set(),
): { id: string; path: (string | number)[] } | undefined {
  if (value === null || typeof value !== 'object' || walked.has(value)) return undefined;
  walked.add(value);
  if (Array.isArray(value)) {
    const ids = value.every(
      (v) =>
        v !== null &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        typeof (v as { id?: unknown }).id === 'string',
    );
    const i = ids ? firstRepeat(value as { id: string }[], (v) => v.id) : -1;
    if (i !== -1) return { id: (value[i] as { id: string }).id, path: [...path, i, 'id'] };
  }
  // The path grows and shrinks as the walk goes (copied only for a repeat found).
  for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
    path.push(key);
    const found = repeatedId((value as Record<string | number, unknown>)[key], path, walked);
    path.pop();
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The fields of the policy envelope around a module's `params` schema (see {@link policySchema}). */
export type PolicyEnvelopeShape<P extends z.ZodType> = {
  $schema: z.ZodOptional<z.ZodString>;
  citations: z.ZodOptional<typeof CitationsSchema>;
  id: z.ZodString;
  version: z.ZodString;
  effectiveFrom: typeof PolicyBoundarySchema;
  effectiveTo: z.ZodOptional<typeof PolicyBoundarySchema>;
  zone: z.ZodDefault<typeof ZoneSchema>;
  source: typeof PolicySourceSchema;
  params: P;
};

/**
 * What {@link policySchema} returns: policy JSON in, a validated {@link Policy} out. Named so that the
 * published declarations say `PolicySchema<P>` instead of zod's expanded mapped types, which do not
 * compile under `skipLibCheck: false` (TS2536).
 */
export type PolicySchema<P extends z.ZodType> = z.ZodPipe<
  z.ZodObject<PolicyEnvelopeShape<P>, z.core.$strict>,
  z.ZodTransform<Policy<z.output<P>>, z.output<z.ZodObject<PolicyEnvelopeShape<P>, z.core.$strict>>>
>;

/** A validated policy: versioned, dated, sourced parameters for one module. */
export interface Policy<P> {
  id: string;
  version: string;
  effectiveFrom: Instant;
  effectiveTo?: Instant;
  zone: string;
  source: z.output<typeof PolicySourceSchema>;
  /** The company's own citations beside values (JSON pointer → rule and clause). */
  citations?: z.output<typeof CitationsSchema>;
  params: P;
}

/**
 * The policy envelope of {@link policySchema}: strict (an unknown key is refused with the field it
 * most likely meant), accepting `$schema` and `citations` besides the documented fields.
 *
 * @example
 * const schema = strictPolicySchema(z.strictObject({ graceMinutes: z.number() }));
 * schema.safeParse({ id: 'p', version: '1', effectiveFrom: '2025-01-01', source: { title: '考勤' },
 *   params: { graceMinutes: 5 }, efectiveTo: '2026-01-01' }).success; //=> false
 */
export const strictPolicySchema = policySchema;

/** The JSON a policy is written as (before validation). */
export type PolicyInput<P extends z.ZodType> = z.input<ReturnType<typeof policySchema<P>>>;

/**
 * Validates a policy against a module's parameter schema.
 *
 * @param params - the module's parameter schema
 * @param input - the policy as JSON
 * @param path - where the policy sits in the caller's input
 * @returns the validated policy
 * @throws ZhiduError with the path of the first offending field
 * @example
 * const ParamsSchema = z.strictObject({ protectionMonths: z.number().int().positive() });
 * const policy = definePolicy(ParamsSchema, {
 *   id: 'demo', version: '1', effectiveFrom: '2025-01-01',
 *   source: { title: '售楼处客户管理制度' }, params: { protectionMonths: 2 },
 * });
 * policy.params.protectionMonths; //=> 2
 * policy.zone; //=> 'Asia/Shanghai'
 */
export function definePolicy<P extends z.ZodType>(
  params: P,
  input: unknown,
  path: (string | number)[] = ['policy'],
): Policy<z.output<P>> {
  return parseInput(policySchema(params), input, path) as Policy<z.output<P>>;
}

/**
 * JSON Schema for a module's full policy envelope, for ERPs that do not run TypeScript.
 * It describes the JSON a policy is written as (zod's input side).
 *
 * @example
 * const schema = policyJsonSchema(z.strictObject({ protectionMonths: z.number().int() }));
 * schema.$schema; //=> 'https://json-schema.org/draft/2020-12/schema'
 * // write it beside the policy files for editors and other languages:
 * // writeFileSync('policy.schema.json', JSON.stringify(schema, null, 2));
 */
export function policyJsonSchema(params: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(policySchema(params), { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}

/**
 * The versions of one policy over time. Picks the version in force at an instant, so an event
 * from last year is judged by last year's rules.
 *
 * @example
 * const ParamsSchema = z.strictObject({ protectionMonths: z.number().int() });
 * const version = (v: string, from: string, months: number) => ({
 *   id: 'office', version: v, effectiveFrom: from, source: { title: '客户管理制度' },
 *   params: { protectionMonths: months },
 * });
 * const history = new PolicyHistory(ParamsSchema, [version('2024.1', '2024-01-01', 2), version('2025.1', '2025-01-01', 3)]);
 * history.at('2024-06-01T00:00:00+08:00').version; //=> '2024.1'
 * history.at('2025-02-01T00:00:00+08:00').params.protectionMonths; //=> 3
 */
export class PolicyHistory<P> {
  /** The versions, validated, in time order; frozen through (a history is data, shared as it is). */
  readonly versions: readonly Policy<P>[];

  /**
   * @param params - the module's parameter schema
   * @param versions - policy versions (any order), all with the same id
   * @throws ZhiduError `invalid_input` for a version that does not validate, `policy_overlap` when two
   *   versions claim the same instant or ids differ
   */
  constructor(params: z.ZodType<P, unknown>, versions: readonly unknown[]) {
    assertSchema(params, ['params']);
    if (!Array.isArray(versions)) {
      throw new ZhiduError(
        'invalid_input',
        ['versions'],
        `制度版本须为数组 / versions must be an array of policies, got ${versions === null ? 'null' : typeof versions}`,
      );
    }
    if (versions.length === 0)
      throw new ZhiduError(
        'invalid_input',
        ['versions'],
        '制度历史须至少有一个版本 / a policy history needs at least one version',
      );
    const parsed = versions.map((v, i) => definePolicy(params, v, ['versions', i]) as Policy<P>);
    const id = parsed[0]?.id;
    parsed.forEach((p, i) => {
      if (p.id !== id) {
        throw new ZhiduError(
          'policy_overlap',
          ['versions', i, 'id'],
          `所有版本的制度编号须相同：${p.id} ≠ ${id} / all versions must share one id: ${p.id} ≠ ${id}`,
        );
      }
    });
    const sorted = [...parsed].sort((a, b) => toEpochMs(a.effectiveFrom) - toEpochMs(b.effectiveFrom));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1] as Policy<P>;
      const cur = sorted[i] as Policy<P>;
      const prevEnd = prev.effectiveTo === undefined ? undefined : toEpochMs(prev.effectiveTo);
      if (
        toEpochMs(prev.effectiveFrom) === toEpochMs(cur.effectiveFrom) ||
        (prevEnd !== undefined && prevEnd > toEpochMs(cur.effectiveFrom))
      ) {
        throw new ZhiduError(
          'policy_overlap',
          ['versions'],
          `版本 ${prev.version} 与 ${cur.version} 在 ${cur.effectiveFrom} 同时有效 / versions ${prev.version} and ${cur.version} are both in force at ${cur.effectiveFrom}`,
        );
      }
    }
    // A history is data: its versions are frozen (a store keeps one history for many records).
    this.versions = Object.freeze(sorted.map((v) => deepFreeze(v)));
    // And the history itself (a subclass may still add its own members before it freezes).
    if (new.target === PolicyHistory) Object.freeze(this);
  }

  /**
   * The version in force at `instant`: the latest one that has started and not ended.
   *
   * @param instant - the time an event or input is judged at
   * @param path - where that time sits in the caller's input, for the refusal (default `['instant']`)
   * @throws ZhiduError `policy_not_in_force` when none is
   */
  at(instant: InstantInput, path: readonly (string | number)[] = ['instant']): Policy<P> {
    const t = toEpochMs(instant, path);
    for (let i = this.versions.length - 1; i >= 0; i--) {
      const v = this.versions[i] as Policy<P>;
      if (toEpochMs(v.effectiveFrom) <= t) {
        if (v.effectiveTo !== undefined && t >= toEpochMs(v.effectiveTo)) break;
        return v;
      }
    }
    const first = this.versions[0] as Policy<P>;
    throw new ZhiduError(
      'policy_not_in_force',
      path,
      `制度 ${first.id} 没有在 ${toInstant(t)} 生效的版本 / no version of policy ${first.id} is in force at ${toInstant(t)}`,
    );
  }

  /**
   * Where a version's window ends: the `effectiveTo` it states, else the next version's
   * `effectiveFrom` (the latest version without `effectiveTo` has no end).
   *
   * @param version - one of {@link versions}
   * @returns the end instant (exclusive), or `undefined` for an open end
   * @example
   * const ParamsSchema = z.strictObject({ days: z.number().int() });
   * const v = (version: string, from: string, days: number) => ({
   *   id: 'office', version, effectiveFrom: from, source: { title: '客户管理制度' }, params: { days },
   * });
   * const h = new PolicyHistory(ParamsSchema, [v('1', '2024-01-01', 60), v('2', '2025-01-01', 90)]);
   * h.endOf(h.versions[0]!); //=> '2024-12-31T16:00:00.000Z' (the next version's start)
   * h.endOf(h.versions[1]!); //=> undefined
   */
  endOf(version: Policy<P>): Instant | undefined {
    const i = this.versions.indexOf(version);
    if (version.effectiveTo !== undefined) return version.effectiveTo;
    return i >= 0 ? this.versions[i + 1]?.effectiveFrom : undefined;
  }
}
