import { InstantSchema, recordOf } from '@zhidu/core';
import { z } from 'zod';
import {
  atMost,
  IdSchema,
  LabelSchema,
  MAX_POLICY_LIST,
  RuleRefSchema,
  StrictDurationSpecSchema,
} from './schemas.js';

/**
 * The built-in access actions: what a reader may want to do with a file when the policy names no
 * actions of its own. The regulations name viewing (查阅), copying/backing up (复印, 备份), lending
 * (借阅), disclosing (外传, 透露), sharing with a partner (共享), and writing forms. A policy that lists
 * `actions` replaces this vocabulary with its own (附加标注, 室内查阅, 带出 …).
 */
export const AccessActionSchema = z.enum([
  'view',
  'copy',
  'backup',
  'lend',
  'export',
  'disclose',
  'share',
  'write',
  'store',
  'manage',
  'handle',
  'decide',
  'collectPayment',
  'issueBlankForm',
  'remoteAccess',
  'editBlacklist',
]);
export type AccessAction = z.output<typeof AccessActionSchema>;

/**
 * Whose file it is, seen from the reader: own business department (本业务部门), another department
 * (非本业务部门) or outside the company (合作伙伴, 第三方).
 */
export const AudienceSchema = z.enum(['ownDepartment', 'otherDepartment', 'internal', 'external', 'any']);
export type Audience = z.output<typeof AudienceSchema>;

/** One condition an access rule imposes. */
export const RequirementSchema = z.discriminatedUnion('kind', [
  /** Logged in with credentials (用户名和密码). */
  z.strictObject({ kind: z.literal('authenticated') }),
  /**
   * An approval by someone holding `role`. `fileDepartment`: the approver belongs to the department that
   * owns the file; `actorDepartment`: to the reader's own department (部门负责人审批); `any`: anywhere.
   */
  z.strictObject({
    kind: z.literal('approval'),
    role: IdSchema,
    scope: z.enum(['fileDepartment', 'actorDepartment', 'any']).default('any'),
  }),
  /** The reader holds one of these roles. */
  z.strictObject({ kind: z.literal('role'), anyOf: z.array(IdSchema).min(1) }),
  /** The reader belongs to one of these departments. */
  z.strictObject({ kind: z.literal('department'), anyOf: z.array(IdSchema).min(1) }),
  /** The reader belongs to the department that owns the file. */
  z.strictObject({ kind: z.literal('sameDepartment') }),
  /** A stated purpose (使用目的); when `anyOf` is given the purpose must be one of them. */
  z.strictObject({ kind: z.literal('purpose'), anyOf: z.array(IdSchema).optional() }),
  /** A legal basis for sharing outside the company (符合法律法规). */
  z.strictObject({ kind: z.literal('lawfulBasis') }),
  /** The customer's authorisation (客户授权 / 客户同意), covering the requested fields when fields are named. */
  z.strictObject({ kind: z.literal('customerAuthorization') }),
  /** A non-disclosure agreement with the recipient signed before the access (共享前签订保密协议). */
  z.strictObject({ kind: z.literal('nda') }),
  /** The reader is one of the persons involved in the case (不得告知不相关人员). */
  z.strictObject({ kind: z.literal('participant') }),
  /** The reader is not a person complained about (被投诉人应当回避). */
  z.strictObject({ kind: z.literal('notRespondent') }),
  /** The file is in one of these states (e.g. the complaint is closed, the agreement is signed). */
  z.strictObject({
    kind: z.literal('fileState'),
    anyOf: z.array(IdSchema).min(1),
    /** Only readers holding one of these roles are bound (e.g. the archivist only after closure). */
    forRoles: z.array(IdSchema).optional(),
  }),
  /** The reader is the person named in a file attribute (e.g. the receiving salesperson writes the register). */
  z.strictObject({ kind: z.literal('self'), attribute: IdSchema }),
  /** The file is not already out on loan (在借档案不得再借). */
  z.strictObject({ kind: z.literal('notOnLoan') }),
  /** The reader holds a system permission (module-level rights in the CS system). */
  z.strictObject({ kind: z.literal('permission'), permission: IdSchema }),
  /** The access happens in one of these places (复印须在档案室内进行); ids of the policy's `places`. */
  z.strictObject({ kind: z.literal('place'), anyOf: z.array(IdSchema).min(1) }),
  /** The reader shows every one of these proofs (介绍信, 身份证明 …), as the request's `proofs`. */
  z.strictObject({ kind: z.literal('proof'), allOf: z.array(IdSchema).min(1) }),
  /** A written record of the access is made (登记), as the request's `recordId`. */
  z.strictObject({ kind: z.literal('record') }),
]);
export type Requirement = z.output<typeof RequirementSchema>;

/** An access rule as the regulation states it: which files, which actions, for whom, under which conditions. */
export const AccessRuleSchema = z.strictObject({
  ...RuleRefSchema.shape,
  /** File type ids, or `*` for every file type. */
  fileTypes: z.array(IdSchema).min(1),
  /** Actions covered: built-in ones, or the ids of the policy's own `actions` when it lists some. */
  actions: z.array(IdSchema).min(1),
  audience: AudienceSchema.default('any'),
  /** `deny` rules forbid outright (e.g. grades are never shown to partners). */
  effect: z.enum(['allow', 'deny']).default('allow'),
  /** Roles that hold a standing grant under this rule (the GM, the designated custodian). */
  exemptRoles: z.array(IdSchema).default([]),
  requires: z.array(RequirementSchema).max(MAX_POLICY_LIST, atMost('条件', 'requirements')).default([]),
});
export type AccessRule = z.output<typeof AccessRuleSchema>;
export type AccessRuleInput = z.input<typeof AccessRuleSchema>;

/** An approval given for one request (审批). */
export const ApprovalSchema = z.strictObject({
  approverId: IdSchema,
  role: IdSchema,
  departmentId: IdSchema.optional(),
  at: InstantSchema,
  /** Actions covered; all when absent. */
  actions: z.array(IdSchema).optional(),
  /** Fields covered (使用内容); also unmasks sensitive fields it names. All non-sensitive fields when absent. */
  fields: z.array(IdSchema).optional(),
  /** Period of use (使用期限). */
  from: InstantSchema.optional(),
  to: InstantSchema.optional(),
});
export type Approval = z.output<typeof ApprovalSchema>;

/** A request to access a file: who, what, which file, with which approvals and authorisations. */
export const AccessRequestSchema = z.strictObject({
  actor: z.strictObject({
    id: IdSchema,
    roles: z.array(IdSchema).default([]),
    departmentId: IdSchema.optional(),
    permissions: z.array(IdSchema).default([]),
    /** Logged in with credentials (用户名和密码). Unauthenticated unless the request says so. */
    authenticated: z.boolean().default(false),
  }),
  /** A built-in action, or one of the policy's own `actions` when it lists some. */
  action: IdSchema,
  /** Where the access happens: one of the policy's `places` (档案室, 营业厅 …). */
  place: IdSchema.optional(),
  /** Proofs the reader shows (介绍信, 身份证明 …), matched by a `proof` requirement. */
  proofs: z.array(IdSchema).default([]),
  /** The id of the written record of this access (登记簿), matched by a `record` requirement. */
  recordId: IdSchema.optional(),
  /** When a file taken out came back (带出 with a return deadline); an access log audit checks it. */
  returnedAt: InstantSchema.optional(),
  file: z.strictObject({
    id: IdSchema,
    fileTypeId: IdSchema,
    ownerDepartmentId: IdSchema.optional(),
    state: IdSchema.optional(),
    onLoan: z.boolean().default(false),
    participants: z.array(IdSchema).default([]),
    respondents: z.array(IdSchema).default([]),
    attributes: recordOf(z.string(), z.string()).default({}),
  }),
  /** Fields requested (使用内容); every field when absent. */
  fields: z.array(IdSchema).optional(),
  purpose: z.string().min(1).optional(),
  approvals: z.array(ApprovalSchema).default([]),
  /** Set when the recipient is outside the company (a partner, a financial institution, a third party). */
  recipient: z
    .strictObject({ id: IdSchema, kind: z.enum(['partner', 'thirdParty', 'authority']) })
    .optional(),
  /** A legal basis for the access or sharing (符合法律法规). */
  lawfulBasis: z.boolean().default(false),
  /** The customer's authorisation or consent (客户授权, 客户同意), limited to `fields` when given. */
  customerAuthorization: z
    .strictObject({ at: InstantSchema, fields: z.array(IdSchema).optional() })
    .optional(),
  /** When a non-disclosure agreement with the recipient was signed (保密协议). */
  ndaSignedAt: InstantSchema.optional(),
  /** When the access happens; `ctx.now` when absent. */
  at: InstantSchema.optional(),
});
export type AccessRequest = z.output<typeof AccessRequestSchema>;
export type AccessRequestInput = z.input<typeof AccessRequestSchema>;

/**
 * An access action a company names itself, with the conditions of the regulation attached to it: who
 * approves, which proofs the reader shows, where it may happen, whether a written record is made and
 * by when a file taken out must come back (及时归还, given a number). `forbidden` actions (不得附加标注)
 * are refused to everyone but `exemptRoles`. Conditions are judged like an access rule covering every
 * file type and audience, cited by the action's own `rule` and `clause`.
 */
export const ActionDefSchema = z.strictObject({
  ...RuleRefSchema.shape,
  id: IdSchema,
  name: LabelSchema,
  /** Nobody may do it (附加标注、涂改), except `exemptRoles`. */
  forbidden: z.boolean().default(false),
  /** Roles that may always do it (the archivist). */
  exemptRoles: z.array(IdSchema).default([]),
  /** Role whose approval is needed (经档案管理员同意). */
  approverRole: IdSchema.optional(),
  /** Proofs the reader must show (介绍信, 身份证明). */
  proofs: z.array(IdSchema).default([]),
  /** Places where it may happen (ids of the policy's `places`); anywhere when empty. */
  places: z.array(IdSchema).default([]),
  /** A written record of the access must be made (书面登记). */
  record: z.boolean().default(false),
  /** A file taken out must be back within this time of the access (及时归还); `null`: no deadline. */
  returnWithin: StrictDurationSpecSchema.nullable().default(null),
});
export type ActionDef = z.output<typeof ActionDefSchema>;
export type ActionDefInput = z.input<typeof ActionDefSchema>;

/** A place a company names, where accesses happen (档案室, 阅档室, 营业厅). */
export const PlaceDefSchema = z.strictObject({ id: IdSchema, name: LabelSchema });
export type PlaceDef = z.output<typeof PlaceDefSchema>;
