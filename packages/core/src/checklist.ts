import { z } from 'zod';
import { type Condition, ConditionSchema, conditionsHold } from './condition.js';
import { type Decision, Trace } from './decision.js';
import type { ErrorPath } from './errors.js';
import { expectObject } from './guards.js';
import { parseOnceFrozen } from './parse-once.js';
import { TextSchema } from './text.js';

/**
 * One thing a record must contain (a field to fill in, a certificate to hold, an action taken):
 * - `when`: the item applies only when every condition holds on the record (no gas supply → no gas
 *   certificate; a phone revisit needs the note "电话回访");
 * - `anyOf`: satisfied when any one of these fields is present (phone or contact name);
 * - `equals`: the value must be exactly this (`true` for a done flag, a fixed note);
 * - `min`: a number of at least this; `oneOf`: a present value from a closed list.
 * A field counts as present when it is not missing, null, `false`, a blank string or an empty list.
 */
export const ChecklistItemSchema = z.strictObject({
  field: z.string().min(1),
  label: TextSchema.optional(),
  when: z.array(ConditionSchema).optional(),
  anyOf: z.array(z.string().min(1)).min(1).optional(),
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  min: z.number().optional(),
  oneOf: z.array(z.string()).min(1).optional(),
});
/** One checklist item (see {@link ChecklistItemSchema}). */
export type ChecklistItem = z.output<typeof ChecklistItemSchema>;

/**
 * A named list of what must be in place — the fields of a repair intake, the 13 pre-completion
 * items, the certificates of a handover — with the rule and clause that require it. The one
 * checklist of zhidu: sla's checklists and service's record checklists are this schema.
 */
export const ChecklistSchema = z.strictObject({
  id: z.string().min(1),
  rule: z.string().min(1),
  clause: z.string().min(1),
  title: TextSchema,
  items: z.array(ChecklistItemSchema).min(1),
});
/** A checklist (see {@link ChecklistSchema}). */
export type Checklist = z.output<typeof ChecklistSchema>;
/** A checklist as JSON input. */
export type ChecklistInput = z.input<typeof ChecklistSchema>;

const parseChecklist = parseOnceFrozen(ChecklistSchema);

/** What {@link runChecklist} found. */
export type ChecklistResult = {
  complete: boolean;
  /** Applicable items not present (for `anyOf` items, the item's `field`), in checklist order. */
  missing: string[];
  /** Applicable items present with a value the checklist does not allow, in checklist order. */
  invalid: string[];
};

/**
 * Whether a recorded value counts as present: not missing or null, not `false`, not a blank
 * string, not an empty list.
 *
 * @param value - any field value
 * @returns true when present
 * @example
 * isPresent('  '); //=> false
 * isPresent(0); //=> true
 */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function verdict(item: ChecklistItem, record: Record<string, unknown>): 'ok' | 'missing' | 'invalid' {
  if (item.anyOf) return item.anyOf.some((f) => isPresent(record[f])) ? 'ok' : 'missing';
  const v = Object.hasOwn(record, item.field) ? record[item.field] : undefined;
  if (item.equals !== undefined) return v === item.equals ? 'ok' : isPresent(v) ? 'invalid' : 'missing';
  if (!isPresent(v)) return 'missing';
  if (item.min !== undefined && (typeof v !== 'number' || !(v >= item.min))) return 'invalid';
  if (item.oneOf !== undefined) {
    // Only a scalar can be one of the listed values (String() of an object without a prototype throws).
    const scalar = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    if (!scalar || !item.oneOf.includes(String(v))) return 'invalid';
  }
  return 'ok';
}

/**
 * Checks a record against a checklist: which applicable items are missing, which hold a value the
 * checklist does not allow. The trace names the checklist's rule and lists what is wrong by label.
 *
 * @param checklist - the checklist (validated)
 * @param record - the record as a flat object (item fields and the attributes `when` reads)
 * @param path - where the checklist sits in the caller's input, for error paths (default `['checklist']`)
 * @returns `{ complete, missing, invalid }` with one trace entry citing the checklist
 * @throws ZhiduError `invalid_input` / `unknown_key` for a malformed checklist, `invalid_input` at `record` when it is not an object
 * @example
 * runChecklist({ id: 'intake', rule: 'S001B-SERVICE-04', clause: '001b L12', title: { zh: '报修登记', en: 'Repair intake' },
 *   items: [{ field: 'address' }, { field: 'phone' }] }, { address: 'A-1' }).value;
 * //=> { complete: false, missing: ['phone'], invalid: [] }
 */
export function runChecklist(
  checklist: ChecklistInput,
  record: Readonly<Record<string, unknown>>,
  path: ErrorPath = ['checklist'],
): Decision<ChecklistResult> {
  // A validated policy's checklist (frozen through) is parsed once, not on every call (issue 21).
  const list = parseChecklist(checklist, path);
  expectObject(record, ['record']);
  const missing: string[] = [];
  const invalid: string[] = [];
  list.items.forEach((item, i) => {
    if (item.when && !conditionsHold(item.when as Condition[], record, [...path, 'items', i, 'when'])) return;
    const v = verdict(item, record);
    if (v === 'missing') missing.push(item.field);
    if (v === 'invalid') invalid.push(item.field);
  });
  const complete = missing.length === 0 && invalid.length === 0;
  const label = (f: string) => list.items.find((i) => i.field === f)?.label;
  const zh = complete
    ? `${list.title.zh}:内容齐全`
    : `${list.title.zh}:${[
        ...missing.map((f) => `缺少${label(f)?.zh ?? f}`),
        ...invalid.map((f) => `${label(f)?.zh ?? f}不符合要求`),
      ].join(';')}`;
  const en = complete
    ? `${list.title.en}: complete`
    : `${list.title.en}: ${[...missing.map((f) => `missing ${f}`), ...invalid.map((f) => `invalid ${f}`)].join('; ')}`;
  return new Trace()
    .add(list.rule, list.clause, zh, en, { checklist: list.id, missing, invalid })
    .decide({ complete, missing, invalid });
}
