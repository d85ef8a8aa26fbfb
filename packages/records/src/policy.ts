import {
  definePolicy,
  type ErrorPath,
  type Policy,
  parseInput,
  policyJsonSchema,
  policySchema,
  WorkflowSchema,
} from '@zhidu/core';
import { z } from 'zod';
import { AccessActionSchema, AccessRuleSchema, ActionDefSchema, PlaceDefSchema } from './access-schema.js';
import { FilingDutySchema, RegisterDefSchema } from './filing-schema.js';
import {
  atMost,
  FileTypeSchema,
  IdSchema,
  MAX_POLICY_LIST,
  RuleRefSchema,
  StrictDurationSpecSchema,
} from './schemas.js';

/** Borrowing (借阅): loan period, who may approve keeping materials, how lost pieces are counted. */
export const LoanParamsSchema = z.strictObject({
  ...RuleRefSchema.shape,
  /** Loan period from the loan; `null` when the regulation gives none (each loan then states its due time). */
  period: StrictDurationSpecSchema.nullable(),
  /** Role that may approve keeping borrowed materials (报客户服务主管批准, S001B-ARCHIVE-01). */
  nonReturnApproverRole: IdSchema.optional(),
  /**
   * 件 in 另罚款20元/件 (S000-PENALTY-08): each lost document counts (`document`, the reading a compliance
   * officer would defend) or the whole file bag counts once (`file`).
   */
  lostPieceUnit: z.enum(['document', 'file']).default('document'),
});
export type LoanParams = z.output<typeof LoanParamsSchema>;

/** The parameters of a records policy: file types, access rules and the upkeep duties around them. */
export const RecordsParamsSchema = z
  .strictObject({
    fileTypes: z.array(FileTypeSchema).min(1).max(MAX_POLICY_LIST, atMost('档案类型', 'file types')),
    accessRules: z
      .array(AccessRuleSchema)
      .max(MAX_POLICY_LIST, atMost('查阅规则', 'access rules'))
      .default([]),
    /**
     * What happens when no access rule covers a request. `deny` is the least-privilege reading of every
     * confidentiality clause in the seeds (未经授权,任何人不得查阅). Inert under a policy without access
     * rules (the access modules serve only policies with some).
     */
    defaultAccess: z
      .enum(['deny', 'allow'])
      .default('deny')
      .meta({
        'x-zhidu-inert-unless': {
          pointer: '/params/accessRules',
          min: 1,
          reason: {
            zh: '只有查阅模块(records.access、records.read、records.access-log)按此裁决无规则覆盖的请求，而没有查阅规则的制度不提供这些模块',
            en: 'only the access modules (records.access, records.read, records.access-log) decide by it a request no rule covers, and a policy without access rules is not served by them',
          },
        },
      }),
    /** Roles that read phone and ID-card numbers unmasked (e.g. the file administrator). */
    unmaskRoles: z.array(IdSchema).default([]),
    loans: LoanParamsSchema.nullable().default(null),
    /** File workflows (handover, CRM processing, review) as data. */
    workflows: z
      .array(
        WorkflowSchema.refine((w) => w.states !== undefined, {
          message: '档案流程须声明状态 / a file workflow declares its states',
          path: ['states'],
        }),
      )
      .default([]),
    /** Snapshot duty for graded partner archives (A/B: 每半年存档一次). */
    snapshots: z
      .strictObject({ ...RuleRefSchema.shape, grades: z.array(IdSchema).min(1) })
      .nullable()
      .default(null),
    /** Same-day registration of received files in the handover ledger (每日登记). */
    ledger: RuleRefSchema.nullable().default(null),
    /**
     * Review interval for keeping files current (定期更新). The seeds give no number, so presets leave it
     * `null` (not enforced) and a company sets its own.
     */
    reviewIntervalDays: z.number().int().min(1).nullable().default(null),
    /** Backup interval in hours (定期备份); no number in the seeds. */
    backupIntervalHours: z.number().int().min(1).nullable().default(null),
    /** Inactivity before a lost-contact customer may be purged to backup (长期无业务往来); no number in the seeds. */
    purgeInactivityMonths: z.number().int().min(1).nullable().default(null),
    /**
     * The rule and clause the backup duty is cited by (定期备份). `null`: the policy's citation of
     * `/params/backupIntervalHours`, else the policy's own source.
     */
    backupRule: RuleRefSchema.nullable().default(null),
    /**
     * The company's own access actions (附加标注, 室内查阅, 复印, 带出 …) with their conditions. Empty (the
     * default): the built-in actions (`view`, `copy`, `lend` …) without conditions of their own. When
     * given, they are the only actions the policy knows.
     */
    actions: z.array(ActionDefSchema).max(MAX_POLICY_LIST, atMost('操作', 'actions')).default([]),
    /** Places where accesses happen (档案室, 营业厅 …), named by actions and requests. */
    places: z.array(PlaceDefSchema).max(MAX_POLICY_LIST, atMost('场所', 'places')).default([]),
    /** Registers, cabinets and archive systems files are entered into (登记簿, 档案柜, 档案系统). */
    registers: z.array(RegisterDefSchema).max(MAX_POLICY_LIST, atMost('登记簿', 'registers')).default([]),
    /** Filing duties: one person enters something into a register within a time (一方归档、登记). */
    filingDuties: z
      .array(FilingDutySchema)
      .max(MAX_POLICY_LIST, atMost('归档义务', 'filing duties'))
      .default([]),
  })
  .superRefine((p, ctx) => {
    // Ids are references: a duplicate file type or an access rule naming an unknown one is a typo.
    const ids = new Set<string>();
    p.fileTypes.forEach((t, i) => {
      if (ids.has(t.id))
        ctx.addIssue({
          code: 'custom',
          path: ['fileTypes', i, 'id'],
          message: `档案类型重复 "${t.id}" / duplicate file type "${t.id}"`,
        });
      ids.add(t.id);
    });
    const actionIds = knownActions(p.actions);
    const placeIds = new Set(p.places.map((x) => x.id));
    const registerIds = new Set(p.registers.map((x) => x.id));
    const unknown = (path: (string | number)[], what: string, id: string, known: Iterable<string>) =>
      ctx.addIssue({
        code: 'custom',
        path,
        message: `制度未定义${what} "${id}"(已定义: ${[...known].join(', ') || '无'}) / the policy defines no ${what === '操作' ? 'action' : what === '场所' ? 'place' : 'register'} "${id}" (defined: ${[...known].join(', ') || 'none'})`,
      });
    p.actions.forEach((a, i) => {
      a.places.forEach((id, j) => {
        if (!placeIds.has(id)) unknown(['actions', i, 'places', j], '场所', id, placeIds);
      });
    });
    p.filingDuties.forEach((d, i) => {
      if (!registerIds.has(d.register))
        unknown(['filingDuties', i, 'register'], '登记簿', d.register, registerIds);
    });
    p.accessRules.forEach((r, i) => {
      r.actions.forEach((id, j) => {
        if (!actionIds.has(id)) unknown(['accessRules', i, 'actions', j], '操作', id, actionIds);
      });
      r.requires.forEach((q, j) => {
        if (q.kind !== 'place') return;
        q.anyOf.forEach((id, k) => {
          if (!placeIds.has(id)) unknown(['accessRules', i, 'requires', j, 'anyOf', k], '场所', id, placeIds);
        });
      });
      r.fileTypes.forEach((id, j) => {
        if (id !== '*' && !ids.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['accessRules', i, 'fileTypes', j],
            message: `未知档案类型 "${id}" / unknown file type "${id}"`,
          });
        }
      });
    });
  });
export type RecordsParams = z.output<typeof RecordsParamsSchema>;

/**
 * The action ids a policy knows: its own `actions` when it lists some, else the built-in ones.
 *
 * @param actions - the policy's `params.actions`
 * @returns the set of known action ids
 * @example
 * knownActions([]).has('view'); //=> true
 */
export function knownActions(actions: readonly { id: string }[]): Set<string> {
  return new Set(actions.length > 0 ? actions.map((a) => a.id) : AccessActionSchema.options);
}
export type RecordsParamsInput = z.input<typeof RecordsParamsSchema>;

/** A records policy: the core policy envelope around {@link RecordsParamsSchema}. */
export const RecordsPolicySchema = policySchema(RecordsParamsSchema);
export type RecordsPolicy = Policy<RecordsParams>;
/** A records policy as JSON, before validation (what a file or an ERP hands over). */
export type RecordsPolicyInput = z.input<typeof RecordsPolicySchema>;
/** What the `check*` functions accept as the policy: a validated policy, or its JSON (validated on use). */
export type RecordsPolicyLike = RecordsPolicy | RecordsPolicyInput;

// Policies known to be validated (by defineRecordsPolicy or a records module), and raw objects validated
// once: the hot path pays for validation once per object identity.
const trusted = new WeakSet<object>();
const validatedOnce = new WeakMap<object, RecordsPolicy>();

/**
 * Marks a policy validated elsewhere (a records module's `policy()`) so the checks do not parse it again.
 * Internal to the package.
 *
 * @param policy - a policy validated by the records params schema
 * @returns the same policy
 * @example
 * trustRecordsPolicy(recordsHandover.preset('dealer-files'));
 */
export function trustRecordsPolicy<P extends RecordsPolicy>(policy: P): P {
  trusted.add(policy);
  return policy;
}

/**
 * The validated form of a policy handed to a check: a policy from {@link defineRecordsPolicy} or a records
 * module as it is; anything else is validated strictly (once per object identity), so a policy that never
 * went through `defineRecordsPolicy` is refused with a `ZhiduError` instead of crashing with a `TypeError`.
 *
 * @param policy - the policy as the caller passed it
 * @param path - where it sits in the caller's arguments (for the error)
 * @returns the validated policy
 * @throws ZhiduError `invalid_input` / `unknown_key` with the path of the first problem
 * @example
 * asRecordsPolicy(dealerFilesPreset) === dealerFilesPreset; //=> true
 */
export function asRecordsPolicy(policy: unknown, path: ErrorPath = ['policy']): RecordsPolicy {
  if (policy !== null && typeof policy === 'object') {
    if (trusted.has(policy)) return policy as RecordsPolicy;
    const cached = validatedOnce.get(policy);
    if (cached) return cached;
  }
  const parsed = parseInput(RecordsPolicySchema, policy, path) as RecordsPolicy;
  trusted.add(parsed);
  if (policy !== null && typeof policy === 'object') validatedOnce.set(policy, parsed);
  return parsed;
}

/**
 * Builds a validated records policy (档案管理制度) from plain data.
 *
 * @param input - the policy envelope `{ id, version, effectiveFrom, zone, source, params }`
 * @returns the validated policy
 * @throws ZhiduError `invalid_input` with the JSON path of the first problem
 * @example
 * const policy = defineRecordsPolicy({
 *   id: 'my-dealer', version: '1', effectiveFrom: '2025-01-01', zone: 'Asia/Shanghai',
 *   source: { title: '客户档案管理制度' }, params: { fileTypes: [newCarSalesFile] },
 * });
 */
export function defineRecordsPolicy(input: unknown): RecordsPolicy {
  return trustRecordsPolicy(definePolicy(RecordsParamsSchema, input));
}

/**
 * The JSON Schema of a records policy, for ERPs that are not written in TypeScript.
 *
 * @returns a JSON Schema object (draft 2020-12)
 * @example
 * const schema = recordsPolicyJsonSchema();
 * schema.type; //=> 'object'
 */
export function recordsPolicyJsonSchema(): object {
  return policyJsonSchema(RecordsParamsSchema);
}
