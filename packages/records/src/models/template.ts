import {
  type Decision,
  FenSchema,
  IdCardSchema,
  InstantSchema,
  LocalDateSchema,
  PhoneSchema,
  parseInput,
  TextSchema,
  Trace,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';

/**
 * A label in Chinese (from the seed) and English (from the catalog): core's `TextSchema` under the name
 * the models use (both non-empty; a key other than `zh` and `en` is refused).
 */
export const BilingualLabelSchema = TextSchema;
/** A label in Chinese and English. */
export type BilingualLabel = z.infer<typeof BilingualLabelSchema>;

/** Where a model comes from: the seed file and the lines that state it (e.g. `L123, L125`). */
export const ModelSourceSchema = z.strictObject({ seed: z.string().min(1), lines: z.string().min(1) });
/** Where a model comes from. */
export type ModelSource = z.infer<typeof ModelSourceSchema>;

/** Value kinds a record field can hold; each is checked with core's own schema where one exists. */
export const FieldTypeSchema = z.enum([
  'text',
  'longText',
  'date',
  'instant',
  'money',
  'number',
  'boolean',
  'phone',
  'idCard',
  'enum',
  'list',
]);
/** A field's value kind. */
export type FieldType = z.infer<typeof FieldTypeSchema>;

/** One allowed value of an enum field. */
export const FieldOptionSchema = z.strictObject({ value: z.string().min(1), label: BilingualLabelSchema });
/** One allowed value of an enum field. */
export type FieldOption = z.infer<typeof FieldOptionSchema>;

/** A condition on another field of the same record: `key`'s value is one of `in`. */
export const FieldConditionSchema = z.strictObject({
  key: z.string().min(1),
  in: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
});
/** A condition on another field. */
export type FieldCondition = z.infer<typeof FieldConditionSchema>;

const CAMEL = /^[a-z][A-Za-z0-9]*$/;

/** One field of a record template. */
export const TemplateFieldSchema = z.strictObject({
  /** English camelCase key the record uses. */
  key: z.string().regex(CAMEL, { message: '字段键须为英文 camelCase / field keys are English camelCase' }),
  label: BilingualLabelSchema,
  type: FieldTypeSchema,
  /** Must be present and non-empty. */
  required: z.boolean().default(false),
  /** Required only when another field has one of the given values (e.g. a terminal was swapped). */
  requiredWhen: FieldConditionSchema.optional(),
  /** Required unless another field has one of the given values (e.g. plate, unless a suggestion). */
  requiredUnless: FieldConditionSchema.optional(),
  /** Not required, but its absence is reported (`missingRecommended`), e.g. age in a visit dossier. */
  recommended: z.boolean().default(false),
  /** Allowed values of an `enum` field. */
  options: z.array(FieldOptionSchema).min(1).optional(),
  /** Kind of each element of a `list` field (any value when absent). */
  items: FieldTypeSchema.exclude(['enum', 'list']).optional(),
  /** A `list` field whose empty list counts as filled in (e.g. "no transactions yet"). */
  allowEmpty: z.boolean().default(false),
  /** Group heading on the form (e.g. 客户基本信息). */
  group: z.string().min(1).optional(),
});
/** One field of a record template. */
export type TemplateField = z.output<typeof TemplateFieldSchema>;

/**
 * A record template (记录模板): the fields a regulation says a record, card, file or form must carry.
 * `open` marks lists the seed ends with 等 / 包括但不限于: extra keys are then reported but accepted.
 */
export const RecordTemplateSchema = z
  .strictObject({
    /** The catalog id that states the field list, e.g. `S000-CORE-01`. */
    id: z.string().min(1),
    /** Distinguishes several templates stated by one catalog id (e.g. `contract` in S002-FIELD-02). */
    name: z.string().regex(CAMEL).optional(),
    title: BilingualLabelSchema,
    source: ModelSourceSchema,
    open: z.boolean().default(false),
    fields: z.array(TemplateFieldSchema).min(1),
  })
  .superRefine((t, ctx) => {
    const keys = new Set<string>();
    t.fields.forEach((f, i) => {
      if (keys.has(f.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'key'],
          message: `字段键重复 ${f.key} / duplicate field key ${f.key}`,
        });
      }
      keys.add(f.key);
      if (f.type === 'enum' && !f.options) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'options'],
          message: '枚举字段须有 options / an enum field needs options',
        });
      }
      if (f.type !== 'enum' && f.options) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'options'],
          message: '只有枚举字段可以有 options / only enum fields take options',
        });
      }
      if (f.type !== 'list' && (f.items || f.allowEmpty)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i],
          message: 'items/allowEmpty 只适用于列表字段 / items/allowEmpty apply to list fields',
        });
      }
      const values = f.options?.map((o) => o.value) ?? [];
      if (new Set(values).size !== values.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'options'],
          message: '选项值重复 / duplicate option value',
        });
      }
    });
    t.fields.forEach((f, i) => {
      for (const which of ['requiredWhen', 'requiredUnless'] as const) {
        const c = f[which];
        if (c && (!keys.has(c.key) || c.key === f.key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['fields', i, which, 'key'],
            message: `条件引用了未知字段 ${c.key} / condition refers to unknown field ${c.key}`,
          });
        }
      }
    });
  });
/** A record template as validated. */
export type RecordTemplate = z.output<typeof RecordTemplateSchema>;
/** A record template as written (defaults may be omitted). */
export type RecordTemplateInput = z.input<typeof RecordTemplateSchema>;

/**
 * Validates a template definition; use it for a company's own templates.
 *
 * @param input - the template as data (e.g. parsed from JSON)
 * @returns the template with defaults filled in
 * @throws ZhiduError `invalid_input` for a malformed template (duplicate keys, enum without options…)
 * @example
 * const visitLog = defineTemplate({
 *   id: 'ACME-VISIT', title: { zh: '拜访记录', en: 'Visit log' }, source: { seed: 'acme.md', lines: 'L3' },
 *   fields: [{ key: 'visitedAt', label: { zh: '拜访时间', en: 'Visited at' }, type: 'instant', required: true }],
 * });
 */
export function defineTemplate(input: RecordTemplateInput): RecordTemplate {
  return parseInput(RecordTemplateSchema, input, ['template']);
}

/** What {@link checkRecordTemplate} finds. */
export interface RecordCheck {
  /** No required field missing, no invalid value, and no unknown key in a closed template. */
  complete: boolean;
  /** Required (or conditionally required) keys that are absent or empty, in template order. */
  missing: string[];
  /**
   * Values of the wrong kind: a malformed phone, ID-card number, date…, each with its reason in
   * Chinese and English (`金额须为整数分 / expected money as a whole number of fen`).
   */
  invalid: { key: string; reason: string }[];
  /** Keys the template does not define (accepted when the template is open). */
  unknown: string[];
  /** Recommended keys left empty. */
  missingRecommended: string[];
}

/** Options of {@link checkRecordTemplate}. */
export interface CheckRecordOptions {
  /** Accept keys the template does not define even when it is closed (default false). */
  allowUnknown?: boolean;
}

// A misspelt option, or `allowUnknown: 'yes'` (read as false), is refused rather than ignored.
const CheckRecordOptionsSchema = z.strictObject({ allowUnknown: z.boolean().optional() });

function isEmpty(v: unknown, allowEmptyList: boolean): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0 && !allowEmptyList;
  return false;
}

// 电话 in the seeds is not always a mobile: a landline (区号-号码) is accepted besides core's PhoneSchema.
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/** Why a value is not of its field's kind, in Chinese and English (`null` when it is). */
type Reason = { zh: string; en: string };

function checkScalar(
  type: FieldType,
  value: unknown,
  options: readonly FieldOption[] | undefined,
): Reason | null {
  switch (type) {
    case 'text':
    case 'longText':
      return typeof value === 'string' ? null : { zh: '须为文本', en: 'expected text' };
    case 'date':
      return LocalDateSchema.safeParse(value).success
        ? null
        : { zh: '须为 YYYY-MM-DD 格式的日期', en: 'expected a date as YYYY-MM-DD' };
    case 'instant':
      return InstantSchema.safeParse(value).success
        ? null
        : {
            zh: '须为带时区偏移的 ISO-8601 时间（如 2024-03-04T10:00:00+08:00）',
            en: 'expected an ISO-8601 date-time with an offset (e.g. 2024-03-04T10:00:00+08:00)',
          };
    case 'money':
      return FenSchema.safeParse(value).success
        ? null
        : { zh: '金额须为整数分', en: 'expected money as a whole number of fen' };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : { zh: '须为有限数字', en: 'expected a finite number' };
    case 'boolean':
      return typeof value === 'boolean' ? null : { zh: '须为 true 或 false', en: 'expected true or false' };
    case 'phone':
      return PhoneSchema.safeParse(value).success || (typeof value === 'string' && LANDLINE.test(value))
        ? null
        : {
            zh: '须为大陆手机号或带区号的固定电话',
            en: 'expected a mainland mobile number or a landline with area code',
          };
    case 'idCard':
      return IdCardSchema.safeParse(value).success
        ? null
        : { zh: '不是有效的居民身份证号', en: 'not a valid PRC ID-card number' };
    case 'enum': {
      if (typeof value === 'string' && (options ?? []).some((o) => o.value === value)) return null;
      const values = (options ?? []).map((o) => o.value);
      return { zh: `须为 ${values.join('、')} 之一`, en: `expected one of ${values.join(', ')}` };
    }
    case 'list':
      return Array.isArray(value) ? null : { zh: '须为列表', en: 'expected a list' };
  }
}

function holds(c: FieldCondition | undefined, record: Record<string, unknown>): boolean {
  return c?.in.some((v) => v === record[c.key]) ?? false;
}

/**
 * Checks a record against a template: required fields present, every value of the right kind (phones,
 * ID-card numbers, dates, instants and money checked with core's schemas), unknown keys reported.
 * Missing fields and bad values are rule outcomes (values), not errors; only a malformed template or a
 * record that is not an object is refused.
 *
 * @param template - a template from the catalog or from {@link defineTemplate}
 * @param record - the record as a plain object
 * @param options - {@link CheckRecordOptions}
 * @returns `{ complete, missing, invalid, unknown, missingRecommended }` with a trace citing the template
 * @throws ZhiduError `invalid_input` when the template is malformed, the record is not an object or
 *   `allowUnknown` is not a boolean; `unknown_key` for another option
 * @example
 * checkRecordTemplate(dealerComplaintIntakeTemplate, {
 *   complainantName: '王某', phone: '13812345678', vehicleModel: '明锐', content: '保养后异响',
 * }).value; //=> { complete: false, missing: ['plateNumber'], invalid: [], unknown: [], missingRecommended: [] }
 */
export function checkRecordTemplate(
  template: RecordTemplateInput,
  record: Record<string, unknown>,
  options: CheckRecordOptions = {},
): Decision<RecordCheck> {
  const t = parseInput(RecordTemplateSchema, template, ['template']);
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new ZhiduError('invalid_input', ['record'], '记录须为普通对象 / a record must be a plain object');
  }
  const o = parseInput(CheckRecordOptionsSchema, options, ['options']);
  const clause = `${t.source.seed} ${t.source.lines}`;
  const trace = new Trace();
  const missing: string[] = [];
  const invalid: { key: string; reason: string }[] = [];
  const missingRecommended: string[] = [];
  for (const f of t.fields) {
    const value = record[f.key];
    if (isEmpty(value, f.allowEmpty)) {
      const required =
        f.required ||
        holds(f.requiredWhen, record) ||
        (f.requiredUnless !== undefined && !holds(f.requiredUnless, record));
      if (required) {
        missing.push(f.key);
        trace.add(t.id, clause, `缺少必填项「${f.label.zh}」`, `required field "${f.label.en}" is missing`, {
          key: f.key,
        });
      } else if (f.recommended) {
        missingRecommended.push(f.key);
        trace.add(t.id, clause, `建议填写「${f.label.zh}」`, `recommended field "${f.label.en}" is empty`, {
          key: f.key,
        });
      }
      continue;
    }
    let reason = checkScalar(f.type, value, f.options);
    if (reason === null && f.type === 'list' && f.items && Array.isArray(value)) {
      const items = f.items;
      const bad = value.findIndex((v) => checkScalar(items, v, undefined) !== null);
      const why = bad >= 0 ? checkScalar(items, value[bad], undefined) : null;
      if (why) reason = { zh: `第 ${bad} 项：${why.zh}`, en: `item ${bad}: ${why.en}` };
    }
    if (reason !== null) {
      invalid.push({ key: f.key, reason: `${reason.zh} / ${reason.en}` });
      trace.add(t.id, clause, `「${f.label.zh}」取值无效：${reason.zh}`, `"${f.label.en}": ${reason.en}`, {
        key: f.key,
        value,
      });
    }
  }
  const known = new Set(t.fields.map((f) => f.key));
  const unknown = Object.keys(record).filter((k) => !known.has(k));
  const unknownAccepted = t.open || o.allowUnknown === true;
  for (const k of unknown) {
    trace.add(
      t.id,
      clause,
      unknownAccepted ? `模板外字段「${k}」(清单未穷尽,予以保留)` : `模板未定义字段「${k}」`,
      unknownAccepted ? `extra field "${k}" kept (the list is open)` : `field "${k}" is not in the template`,
      { key: k },
    );
  }
  const complete = missing.length === 0 && invalid.length === 0 && (unknownAccepted || unknown.length === 0);
  trace.add(
    t.id,
    clause,
    complete ? `记录符合「${t.title.zh}」的要求` : `记录不符合「${t.title.zh}」的要求`,
    complete ? `the record meets "${t.title.en}"` : `the record does not meet "${t.title.en}"`,
    { missing, invalid: invalid.map((i) => i.key), unknown },
  );
  return trace.decide({ complete, missing, invalid, unknown, missingRecommended });
}

/** Changes a company makes to a reference template (S000B-CORE-04: 各项目可根据项目特性进行添减). */
export const TemplateCustomisationSchema = z.strictObject({
  /** Company id of the derived template. */
  id: z.string().min(1).optional(),
  title: BilingualLabelSchema.optional(),
  add: z.array(TemplateFieldSchema).default([]),
  remove: z.array(z.string().min(1)).default([]),
  /** Keys that become required (a company may tighten the reference). */
  require: z.array(z.string().min(1)).default([]),
});
/** Changes a company makes to a reference template. */
export type TemplateCustomisation = z.input<typeof TemplateCustomisationSchema>;

/**
 * Derives a company's or project's own template from a reference one: add fields, remove fields, make
 * fields required. Removing a key the template lacks, or adding one it has, is refused, so a typo cannot
 * silently leave a field in place.
 *
 * @param base - the reference template
 * @param change - fields to add, remove or require
 * @returns the derived template, validated
 * @throws ZhiduError `unknown_reference` / `duplicate` / `invalid_input` (at `change.require[i]` for a
 *   key both removed and required)
 * @example
 * const p2 = customizeTemplate(customerInformationFileTemplate, { remove: ['licensePlate', 'carBrand'] });
 * checkRecordTemplate(p2, { salespersonId: 'u17', licensePlate: '豫A12345' }).value.unknown; //=> ['licensePlate']
 */
export function customizeTemplate(base: RecordTemplateInput, change: TemplateCustomisation): RecordTemplate {
  const t = parseInput(RecordTemplateSchema, base, ['base']);
  const c = parseInput(TemplateCustomisationSchema, change, ['change']);
  const keys = new Set(t.fields.map((f) => f.key));
  c.remove.forEach((k, i) => {
    if (!keys.has(k))
      throw new ZhiduError(
        'unknown_reference',
        ['change', 'remove', i],
        `没有可删除的字段 ${k} / no field ${k} to remove`,
      );
  });
  c.require.forEach((k, i) => {
    const added = c.add.some((f) => f.key === k);
    if (!keys.has(k) && !added) {
      throw new ZhiduError(
        'unknown_reference',
        ['change', 'require', i],
        `没有可设为必填的字段 ${k} / no field ${k} to require`,
      );
    }
    // Removed and not added back: the requirement would be dropped with the field, without a word.
    const removed = c.remove.indexOf(k);
    if (removed >= 0 && !added) {
      throw new ZhiduError(
        'invalid_input',
        ['change', 'require', i],
        `字段 ${k} 既在 change.remove[${removed}] 中被删除，又在此被设为必填：删除先于必填执行，必填将落空；请二选一 / field ${k} is removed at change.remove[${removed}] and required here: removal is applied first, so the requirement would be lost; keep one of the two`,
      );
    }
  });
  c.add.forEach((f, i) => {
    if (keys.has(f.key) && !c.remove.includes(f.key)) {
      throw new ZhiduError(
        'duplicate',
        ['change', 'add', i, 'key'],
        `字段 ${f.key} 已存在 / field ${f.key} already exists`,
      );
    }
  });
  const fields = [...t.fields.filter((f) => !c.remove.includes(f.key)), ...c.add].map((f) =>
    c.require.includes(f.key) ? { ...f, required: true } : f,
  );
  return parseInput(
    RecordTemplateSchema,
    { ...t, ...(c.id ? { id: c.id } : {}), ...(c.title ? { title: c.title } : {}), fields },
    ['change'],
  );
}
