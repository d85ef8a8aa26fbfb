import {
  definePolicy,
  type ErrorPath,
  expectArray,
  expectObject,
  formatPath,
  nearestKey,
  type Policy,
  policyJsonSchema,
  WorkflowSchema,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { SlaChecklistSchema } from './checklist.js';
import { FlagRuleSchema, IntakeFieldSchema, RoutingTableSchema } from './complaint/classify.js';
import { IncidentSchema } from './incident-schema.js';
import { QuotaSchema } from './quota.js';
import { RateSchema } from './rates.js';
import { RecurringObligationSchema } from './recurring.js';
import { TimerDefinitionSchema } from './timer/definition.js';
import { ExcuseSchema } from './timer/excuses.js';

/**
 * Everything one company's regulation states about complaint and service timing, as data:
 * timers, monthly obligations, the complaint workflow with its guards, classification rules
 * (major-complaint triggers, invalidity grounds…), routing tables and intake fields.
 */
/**
 * The most timers an SLA policy may hold: the largest shipped preset has a few hundred (one per service
 * table row and grade), so 10,000 is beyond any real company's regulation, and a longer list is refused
 * at once instead of being parsed for seconds.
 */
export const MAX_SLA_TIMERS = 10_000;
/** The most entries of the other lists of an SLA policy (workflows, checklists, incidents, rules…). */
export const MAX_SLA_LIST = 1000;
const atMost = (n: number, zh: string, en: string) => ({
  message: `最多 ${n} 个${zh} / at most ${n.toLocaleString('en')} ${en} in a policy`,
});

/** A setting's value: a string, a number or a boolean. */
const SettingValue = z.union([z.string(), z.number(), z.boolean()]);

/**
 * The settings an sla policy may carry, each optional: read by `sla.margin-refund`
 * (`reservePercent`, `firstRefundPercent`, `firstRefundMonths`, `secondRefundMonths`), the exchange
 * window (`annualWindowFrom`, `annualWindowTo`), `sla.attitude-limit` (`attitudeLimitMonths`),
 * `sla.records` (`handlingRateTarget`, `dedupeOnlyWhileOpen`), and recorded by presets for the reader
 * (`effectiveRule`, `dedupeAcrossDepartments`, `carParkRestoreFrom`, `frontDeskBusinessHoursOnly`).
 */
const SETTING_KEYS = [
  'attitudeLimitMonths',
  'handlingRateTarget',
  'dedupeOnlyWhileOpen',
  'dedupeAcrossDepartments',
  'annualWindowFrom',
  'annualWindowTo',
  'reservePercent',
  'firstRefundPercent',
  'firstRefundMonths',
  'secondRefundMonths',
  'effectiveRule',
  'carParkRestoreFrom',
  'frontDeskBusinessHoursOnly',
] as const;

const SettingsSchema = z.strictObject(
  Object.fromEntries(SETTING_KEYS.map((k) => [k, SettingValue.optional()])) as Record<
    (typeof SETTING_KEYS)[number],
    z.ZodOptional<typeof SettingValue>
  >,
);

export const SlaPolicyParamsSchema = z
  .object({
    timers: z
      .array(TimerDefinitionSchema)
      .max(MAX_SLA_TIMERS, atMost(MAX_SLA_TIMERS, '计时器', 'timers'))
      .default([]),
    recurring: z
      .array(RecurringObligationSchema)
      .max(MAX_SLA_TIMERS, atMost(MAX_SLA_TIMERS, '周期性义务', 'recurring obligations'))
      .default([]),
    /**
     * How a breach already reported can be excused by a fact recorded later (see `ExcuseSchema`).
     * Default none: a reported breach stays a breach whatever is recorded afterwards.
     */
    excuses: z
      .array(ExcuseSchema)
      .max(MAX_SLA_LIST, atMost(MAX_SLA_LIST, '免责规则', 'excuse rules'))
      .default([]),
    /** Rates across timers (回访率100%, 及时处理率≥95%), evaluated by the `sla.rates` module. */
    rates: z
      .array(RateSchema)
      .max(MAX_SLA_LIST, atMost(MAX_SLA_LIST, '比率要求', 'rates'))
      .default([]),
    workflows: z
      .array(WorkflowSchema)
      .max(MAX_SLA_LIST, atMost(MAX_SLA_LIST, '流程', 'workflows'))
      .default([]),
    flagRules: z
      .array(FlagRuleSchema)
      .max(MAX_SLA_LIST, atMost(MAX_SLA_LIST, '标记规则', 'flag rules'))
      .default([]),
    routing: z
      .array(RoutingTableSchema)
      .max(MAX_SLA_LIST, atMost(MAX_SLA_LIST, '分派表', 'routing tables'))
      .default([]),
    intake: z
      .array(IntakeFieldSchema)
      .max(MAX_SLA_LIST, atMost(MAX_SLA_LIST, '登记字段', 'intake fields'))
      .default([]),
    checklists: z
      .array(SlaChecklistSchema)
      .max(MAX_SLA_LIST, atMost(MAX_SLA_LIST, '检查清单', 'checklists'))
      .default([]),
    incidents: z
      .array(IncidentSchema)
      .max(MAX_SLA_LIST, atMost(MAX_SLA_LIST, '事件规则', 'incident rules'))
      .default([]),
    /** Frequency commitments ("at least twice a day"), evaluated by the `sla.quota` module. */
    quotas: z
      .array(QuotaSchema)
      .max(MAX_SLA_LIST, atMost(MAX_SLA_LIST, '频次要求', 'quotas'))
      .default([]),
    /**
     * Further event types the company logs that no timer, obligation, incident or quota reacts to
     * but that carry attributes or assignees (e.g. `graded`). An event of a type neither named by
     * the policy nor listed here is refused, so a misspelt type is never silently ignored.
     */
    eventTypes: z.array(z.string().min(1)).default([]),
    /**
     * The named settings some sla modules and presets read (a margin refund's percentages and months,
     * the attitude limit, a handling-rate target, the exchange window …): strict, so a misspelt
     * setting (`reservePercnt`) is refused with `unknown_key` instead of falling back to the default.
     */
    settings: SettingsSchema.default({}),
  })
  .strict()
  .superRefine((params, ctx) => {
    const seen = new Set<string>();
    const n = params.timers.length;
    for (const [i, t] of [...params.timers, ...params.recurring].entries()) {
      if (seen.has(t.id))
        ctx.addIssue({
          code: 'custom',
          // a recurring obligation shares the timers' id space but is named at its own index
          path: i < n ? ['timers', i, 'id'] : ['recurring', i - n, 'id'],
          message: `计时器 id 重复 ${t.id} / duplicate timer id ${t.id}`,
          params: { zhiduCode: 'duplicate' },
        });
      seen.add(t.id);
    }
    const refs = [
      ...params.excuses.map((x, i) => ({ list: 'excuses', i, id: x.id, timers: x.timers })),
      ...params.rates.map((x, i) => ({ list: 'rates', i, id: x.id, timers: x.timers })),
    ];
    refs.forEach((x) => {
      const i = x.i;
      x.timers.forEach((id, j) => {
        if (seen.has(id)) return;
        const guess = nearestKey(id, [...seen]);
        ctx.addIssue({
          code: 'custom',
          path: [x.list, i, 'timers', j],
          message: `${x.list === 'rates' ? '比率要求' : '免责规则'} ${x.id} 引用了不存在的计时器 "${id}"${guess ? `；是否应为 "${guess}"？` : ''} / ${x.list === 'rates' ? 'rate' : 'excuse rule'} ${x.id} names no timer of the policy: "${id}"${guess ? `; did you mean "${guess}"?` : ''}`,
          params: { zhiduCode: 'unknown_reference' },
        });
      });
    });
    // An excuse rule may also name incident rules and quotas; each must exist.
    const named = {
      incidents: { ids: params.incidents.map((x) => x.id), zh: '事件规则', en: 'incident rule' },
      quotas: { ids: params.quotas.map((x) => x.id), zh: '频次要求', en: 'quota' },
    } as const;
    params.excuses.forEach((x, i) => {
      for (const list of ['incidents', 'quotas'] as const) {
        const { ids, zh, en } = named[list];
        x[list].forEach((id, j) => {
          if (ids.includes(id)) return;
          const guess = nearestKey(id, ids);
          ctx.addIssue({
            code: 'custom',
            path: ['excuses', i, list, j],
            message: `免责规则 ${x.id} 引用了不存在的${zh} "${id}"${guess ? `；是否应为 "${guess}"？` : ''} / excuse rule ${x.id} names no ${en} of the policy: "${id}"${guess ? `; did you mean "${guess}"?` : ''}`,
            params: { zhiduCode: 'unknown_reference' },
          });
        });
      }
    });
  });
export type SlaPolicyParams = z.output<typeof SlaPolicyParamsSchema>;
export type SlaPolicyParamsInput = z.input<typeof SlaPolicyParamsSchema>;
export type SlaPolicy = Policy<SlaPolicyParams>;

/**
 * Validates an SLA policy (envelope + params) and returns it typed; refuses bad input with a
 * `ZhiduError` whose path points into the policy (a negative target, a duplicate timer id…).
 *
 * @param input - the policy as JSON
 * @returns the validated policy
 * @throws ZhiduError when the policy does not validate
 * @example
 * const policy = defineSlaPolicy({ id: 'my-desk', version: '1', effectiveFrom: '2024-01-01', zone: 'Asia/Shanghai',
 *   source: { title: 'Complaint desk rules' }, params: { timers: [] } });
 */
export function defineSlaPolicy(input: unknown): SlaPolicy {
  const policy = definePolicy(SlaPolicyParamsSchema, input) as SlaPolicy;
  checked.add(policy);
  return policy;
}

/** Policies that went through validation here (by identity), and raw objects already validated. */
const checked = new WeakSet<object>();
const validatedFrom = new WeakMap<object, SlaPolicy>();

/**
 * Validates an SLA policy that may never have gone through `defineSlaPolicy` (a hand-built object,
 * a JSON file), once per object identity, so an entry point refuses a malformed policy with a
 * `ZhiduError` instead of crashing deep inside with a `TypeError`.
 *
 * @param policy - a validated policy or raw policy JSON
 * @param path - where the policy sits in the caller's input (default `['policy']`)
 * @returns the validated policy (the same object when it was already validated)
 * @throws ZhiduError `invalid_input` / `unknown_key` naming the offending field
 * @example
 * const json = JSON.parse(JSON.stringify(logistics001bPreset())); // e.g. read from a policy file
 * const p = asSlaPolicy(json);
 * p.params.timers.length > 0; //=> true
 * asSlaPolicy(p) === p; //=> true (validated once)
 * asSlaPolicy({ ...json, parms: json.params }); // throws ZhiduError unknown_key
 */
export function asSlaPolicy(policy: unknown, path: ErrorPath = ['policy']): SlaPolicy {
  expectArray(path, ['path']);
  if (policy !== null && typeof policy === 'object') {
    if (checked.has(policy)) return policy as SlaPolicy;
    const cached = validatedFrom.get(policy);
    if (cached) return cached;
  }
  const parsed = definePolicy(SlaPolicyParamsSchema, policy, [...path]) as SlaPolicy;
  checked.add(parsed);
  if (policy !== null && typeof policy === 'object') validatedFrom.set(policy, parsed);
  return parsed;
}

/**
 * Every event type an SLA policy reacts to or declares: the matchers of its timers (open, start,
 * stop, pause, resume, reset, cancel, extensions, `beforeEvent` targets), the completions of its
 * recurring obligations and what gives rise to them (`arisesFrom`), its incidents, quotas and `eventTypes`.
 *
 * @param params - the policy's params
 * @returns the known event types
 * @example
 * knownEventTypes(logistics001bPreset().params).has('received'); //=> true
 */
export function knownEventTypes(params: SlaPolicyParams): Set<string> {
  expectObject(params, ['params']);
  expectArray(params.timers, ['params', 'timers'], 'object');
  expectArray(params.eventTypes ?? [], ['params', 'eventTypes']);
  const known = new Set<string>(params.eventTypes);
  for (const t of params.timers) {
    // Each matcher list in turn, in the order a flattened list of them would give (issue 21: no
    // flattened copy per timer and call).
    addTypes(known, t.open);
    addTypes(known, t.start);
    addTypes(known, t.stop);
    addTypes(known, t.pause);
    addTypes(known, t.resume);
    addTypes(known, t.reset);
    addTypes(known, t.cancel);
    for (const x of t.extend) known.add(x.type);
    if (t.target.kind === 'beforeEvent') known.add(t.target.type);
  }
  for (const r of params.recurring)
    for (const m of [...r.done, ...(r.arisesFrom?.events ?? [])]) known.add(m.type);
  for (const i of params.incidents) known.add(i.on.type);
  for (const q of params.quotas) known.add(q.type);
  for (const x of params.excuses ?? []) known.add(x.event.type);
  return known;
}

/**
 * Adds the event type of every matcher of a list, in order, reading the list as `flat()` reads an
 * item of the list it flattens (a hole skipped, an item that is not an array read as one matcher).
 */
function addTypes(known: Set<string>, matchers: readonly { type: string }[]): void {
  if (!Array.isArray(matchers)) {
    known.add((matchers as unknown as { type: string }).type);
    return;
  }
  for (let i = 0; i < matchers.length; i++)
    if (i in matchers) known.add((matchers[i] as { type: string }).type);
}

/**
 * Refuses an event whose type the policy does not know (see {@link knownEventTypes}), naming the
 * nearest known type: a misspelt `type` must not yield an empty result.
 *
 * @param events - the raw events (only their `type` is read)
 * @param params - the policy's params
 * @param path - where the events sit (default `['events']`)
 * @throws ZhiduError `invalid_input` at `[...path, i, 'type']`
 * @example
 * assertKnownEventTypes([{ type: 'received' }], logistics001bPreset().params); //=> undefined
 * assertKnownEventTypes([{ type: 'recieved' }], logistics001bPreset().params); // throws ZhiduError invalid_input: … did you mean "received"?
 */
export function assertKnownEventTypes(
  events: readonly unknown[],
  params: SlaPolicyParams,
  path: ErrorPath = ['events'],
): void {
  if (!Array.isArray(events)) return;
  let known: Set<string> | undefined;
  events.forEach((e, i) => {
    const type = (e as { type?: unknown } | null)?.type;
    if (typeof type !== 'string') return;
    known ??= knownEventTypes(params);
    if (known.has(type)) return;
    const at = [...path, i, 'type'];
    const guess = nearestKey(type, [...known]);
    const hint = guess ? `；是否应为 "${guess}"？` : '';
    const hintEn = guess ? `; did you mean "${guess}"?` : '';
    throw new ZhiduError(
      'invalid_input',
      at,
      `\`${formatPath(at)}\` 的事件类型 "${type}" 不在制度中（计时器、周期义务、事件处罚、频次要求或 eventTypes 均未提及）${hint} / \`${formatPath(at)}\` event type "${type}" is unknown to the policy (no timer, obligation, incident, quota or eventTypes entry names it)${hintEn}`,
      { known: [...known].sort() },
    );
  });
}

/**
 * The JSON Schema of an SLA policy, for ERPs that do not speak TypeScript.
 *
 * @returns a JSON Schema object
 * @example
 * const schema = slaPolicyJsonSchema(); // write it next to your policy files
 */
export function slaPolicyJsonSchema(): object {
  return policyJsonSchema(SlaPolicyParamsSchema);
}
