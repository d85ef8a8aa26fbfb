import {
  type BilingualText,
  type Citation,
  CitationSchema,
  StrictDurationSpecSchema,
  TextSchema,
} from '@zhidu/core';
import { z } from 'zod';

// Labels, citations and strict time limits are core's (TextSchema, CitationSchema,
// StrictDurationSpecSchema); records modules read them under their local names.
export { StrictDurationSpecSchema };
/** A bilingual label: core's `TextSchema`. */
export const LabelSchema = TextSchema;
export type Label = BilingualText;
/** Where a rule comes from: core's `CitationSchema` (`{ rule, clause }`). */
export const RuleRefSchema = CitationSchema;
export type RuleRef = Citation;

/** A non-empty identifier (file type, field, role, person): shared by every input schema of the package. */
export const IdSchema = z.string().min(1);

/** A regular expression given as a string; refused at policy definition when it does not compile. */
const PatternSchema = z.string().refine(
  (p) => {
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  },
  { message: '不是有效的正则表达式 / not a valid regular expression' },
);

/**
 * A required item of a file (档案构成): one document of a document set, e.g. the delivery checklist
 * (交车检查表) of a new-car file.
 */
export const DocumentDefSchema = z.strictObject({
  id: IdSchema,
  name: LabelSchema,
  /** Only required when the file's flag has this value (e.g. `{ flag: 'organization', equals: true }`). */
  when: z.strictObject({ flag: IdSchema, equals: z.boolean() }).optional(),
  /** Other item ids that satisfy this item (e.g. 身份证复印件 *or* 组织机构代码证复印件). */
  acceptedAs: z.array(IdSchema).default([]),
  /** Signatures the document must carry. `customer`: 用户签名; `staff`: 内部人员签名. */
  signatures: z.array(z.enum(['customer', 'staff'])).default([]),
  /** The original, not a copy, must be filed (e.g. 销售合同原件). Informational for the custodian. */
  original: z.boolean().default(false),
  /** Field checks inside the document (e.g. a landline on the green card must carry an area code). */
  fields: z
    .array(
      z.strictObject({
        id: IdSchema,
        name: LabelSchema,
        required: z.boolean().default(true),
        pattern: PatternSchema.optional(),
      }),
    )
    .default([]),
});
export type DocumentDef = z.output<typeof DocumentDefSchema>;

/**
 * Masking switches of a field (`sensitive`, `internalOnly`) matter only to the modules that read a file
 * (`records.read`, `records.access`), and those serve only a policy with at least one access rule.
 */
const WITHOUT_ACCESS_RULES = {
  pointer: '/params/accessRules',
  min: 1,
  reason: {
    zh: '只有查阅/读取档案(records.read、records.access)才按此遮蔽字段，而没有查阅规则的制度不提供这两个模块',
    en: 'only reading a file (records.read, records.access) masks by it, and a policy without access rules is not served by those modules',
  },
};

/** A field of a field-based file (e.g. the 42-item customer information file). */
export const FieldDefSchema = z.strictObject({
  id: IdSchema,
  name: LabelSchema,
  required: z.boolean().default(false),
  /** A customer may refuse to give it; the literal value `declined` then counts as filled (S003-ARCHIVE-02). */
  allowDeclined: z.boolean().default(false),
  /** Regular expression a string value must match (format validation, S003-ARCHIVE-05). */
  pattern: PatternSchema.optional(),
  /** Allowed values (enumerations, e.g. the collection channel). */
  oneOf: z.array(z.string()).optional(),
  /**
   * Personal data masked unless the reader is authorised. Read only by `records.read` / `records.access`,
   * which serve a policy with access rules: without any it cannot change an answer (declared inert).
   */
  sensitive: z
    .enum(['phone', 'idCard', 'personal'])
    .optional()
    .meta({ 'x-zhidu-inert-unless': WITHOUT_ACCESS_RULES }),
  /**
   * Never shown outside the company (e.g. a partner's grade, S000B-ACCESS-03). Read only by
   * `records.read` / `records.access`: inert under a policy without access rules, like `sensitive`.
   */
  internalOnly: z.boolean().default(false).meta({ 'x-zhidu-inert-unless': WITHOUT_ACCESS_RULES }),
});
export type FieldDef = z.output<typeof FieldDefSchema>;

/** When a file must be handed over, from whom to whom, counted from which triggering event. */
export const HandoverRuleSchema = z.strictObject({
  ...RuleRefSchema.shape,
  /** Role that hands the file over and is fined when late (e.g. `salesConsultant`). */
  from: IdSchema,
  /** Role that receives it (e.g. `archiveAdmin` of the customer-care department). */
  to: IdSchema,
  /** Event that starts the clock: `delivery`, `sale`, `firstContact`, `dealClosed`, `collected` … */
  trigger: IdSchema,
  /** Deadline from the trigger; `null` when the regulation gives none (the check then only orders events). */
  within: StrictDurationSpecSchema.nullable(),
  /**
   * `handover`: the file counts as handed over when it changes hands; `complete`: only when the full
   * set is in (服务顾问未在交车后一个工作日内移交或完善补齐全套档案, S000-PENALTY-04).
   */
  measuredAt: z.enum(['handover', 'complete']).default('handover'),
  /**
   * A second clock reported for information only: S000-ARCHIVE-07 counts from the sale (销售车3个工作日内)
   * while the fine (S000-PENALTY-01) counts from delivery; enforcement follows `trigger`.
   */
  informationalTrigger: IdSchema.optional(),
});
export type HandoverRule = z.output<typeof HandoverRuleSchema>;

/**
 * The most entries a list in a records policy may hold (file types, access rules, a file type's
 * documents and fields, a rule's requirements): the regulations behind the presets need at most a few
 * dozen, so 1,000 is far beyond any real archive regulation, and a longer list (a generated or corrupted
 * policy) is refused at once instead of being parsed entry by entry for seconds.
 */
export const MAX_POLICY_LIST = 1000;

/** The `.max()` message of a bounded policy list: what it holds, in Chinese and English. */
export const atMost = (zh: string, en: string) => ({
  message: `最多 ${MAX_POLICY_LIST} 个${zh} / at most ${MAX_POLICY_LIST.toLocaleString('en')} ${en} per list`,
});

/** A file type as data: items, fields, signatures, handover, custody and retention. */
export const FileTypeSchema = z.strictObject({
  id: IdSchema,
  name: LabelSchema,
  ...RuleRefSchema.shape,
  /**
   * Family of the file (车辆档案、客户档案、表单、台账…): a label for people grouping files in reports;
   * no rule reads it (access rules name file types), so `zhidu coverage` does not perturb it.
   */
  family: z
    .enum(['vehicle', 'customer', 'corporate', 'partner', 'form', 'register', 'complaint', 'visit'])
    .meta({ 'x-zhidu-parameter': false }),
  /** Key that makes a file unique (一车一档: `vin`; one archive account per customer: `customerId`). */
  uniqueKey: IdSchema.optional(),
  /** Media the file must exist in (纸质档案 and 电子档案, S000-ARCHIVE-02). */
  media: z.array(z.enum(['paper', 'electronic'])).default([]),
  documents: z.array(DocumentDefSchema).max(MAX_POLICY_LIST, atMost('文件', 'documents')).default([]),
  fields: z.array(FieldDefSchema).max(MAX_POLICY_LIST, atMost('字段', 'fields')).default([]),
  /** Copies and who holds them (认购书一式四份: customer 1, finance 1, sales 2). */
  copies: z.array(z.strictObject({ holder: IdSchema, count: z.number().int().min(1) })).default([]),
  /** Field arithmetic that must hold, e.g. balance = price − deposit (余额一定要细心填写). */
  consistency: z
    .array(
      z.strictObject({
        ...RuleRefSchema.shape,
        field: IdSchema,
        equalsDifferenceOf: z.tuple([IdSchema, IdSchema]),
      }),
    )
    .default([]),
  handover: z
    .array(HandoverRuleSchema)
    .max(MAX_POLICY_LIST, atMost('移交规则', 'handover rules'))
    .default([]),
  /** Role that keeps the file (专人管理). */
  custodianRole: IdSchema.optional(),
  /** Role whose confirmation makes the file final (销售总监审批确认). */
  approverRole: IdSchema.optional(),
  /** Roles accountable for completeness and timely handover (责任人). */
  accountable: z.array(IdSchema).default([]),
  /** Role that writes the form (which role fills in which form, S001-ACCESS-03). */
  author: IdSchema.optional(),
  /** Cadence of periodic forms and reports. */
  cadence: z.enum(['perEvent', 'daily', 'weekly', 'monthly', 'halfYearly']).default('perEvent'),
  /** The triggering event that opens the file (e.g. `dealClosed`, `firstContact`). */
  openedOn: IdSchema.optional(),
  /** Retention (保管期限) and destruction approvals in order; `null` when the regulation states none. */
  retention: z
    .strictObject({
      ...RuleRefSchema.shape,
      years: z.number().int().min(1),
      /** Approver roles, in the order they must sign (审核 then 审批). */
      destructionApprovals: z.array(IdSchema).min(1),
      destructionRecordRequired: z.boolean().default(true),
    })
    .nullable()
    .default(null),
  /** Classification axes and other notes that describe, rather than check, the file. */
  notes: z.array(z.string()).default([]),
});
export type FileType = z.output<typeof FileTypeSchema>;
export type FileTypeInput = z.input<typeof FileTypeSchema>;
