import { type Decision, parseInput, ZhiduError } from '@zhidu/core';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, isPresent, requireSection } from '../shared.js';
import { type Checklist, ChecklistSchema } from './checklist-schema.js';

/** Result of checking a record against a checklist. */
export type ChecklistResult = {
  complete: boolean;
  /** Required fields that are absent (for `anyOf` items, the item's `field` name). */
  missing: string[];
  /** Fields present but with a value the checklist does not allow. */
  invalid: string[];
};

function conditionHolds(record: Record<string, unknown>, field: string, equals: unknown): boolean {
  const v = record[field];
  const actual = v === undefined && typeof equals === 'boolean' ? false : v === undefined ? null : v;
  return actual === equals;
}

/**
 * Checks a record (repair intake, move-in registration, visit record, lead …) against a checklist
 * of the policy. Which fields are required, under which conditions and with which allowed values is
 * data; this is the single mechanism behind the "must record X, Y and Z" clauses.
 *
 * @param key - checklist key in the policy, e.g. `'repairIntake'`
 * @param record - the record as a flat object
 * @param policy - a service policy with `checklists`
 * @returns `{ complete, missing, invalid }` with a trace naming the rule
 * @throws ZhiduError `unknown_reference` when the policy has no such checklist
 * @example
 * checkRecord('repairIntake', { customerName: 'Wang' }, s001bServicePolicy).value.missing;
 * //=> ['address', 'contact', 'productModel', 'purchaseDate', 'faultSymptom']
 */
export function checkRecord(
  key: string,
  record: Record<string, unknown>,
  policy: ServicePolicy,
): Decision<ChecklistResult> {
  const lists = requireSection(paramsOf(policy).checklists, 'checklists');
  const list = lists.find((l) => l.key === key);
  if (list === undefined) {
    throw new ZhiduError('unknown_reference', ['key'], `no checklist "${key}" in policy ${policy.id}`);
  }
  return runChecklist(list, record);
}

// Checklists validated once per object identity (a checklist taken from a parsed policy is reused).
const validChecklists = new WeakMap<object, Checklist>();

function asChecklist(list: unknown): Checklist {
  if (list !== null && typeof list === 'object') {
    const cached = validChecklists.get(list);
    if (cached) return cached;
  }
  const parsed = parseInput(ChecklistSchema, list, ['list']);
  if (list !== null && typeof list === 'object') validChecklists.set(list, parsed);
  return parsed;
}

/**
 * Runs one checklist (already taken from a policy) on a record.
 *
 * @param listInput - the checklist
 * @param record - the record
 * @returns `{ complete, missing, invalid }`
 * @throws ZhiduError `invalid_input` when the checklist is malformed (at `list…`) or the record is
 *   not an object
 * @example
 * runChecklist(list, { mode: 'phone', modeNote: '电话回访' }).value.complete; //=> true
 */
export function runChecklist(
  listInput: Checklist,
  record: Record<string, unknown>,
): Decision<ChecklistResult> {
  const list = asChecklist(listInput);
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new ZhiduError('invalid_input', ['record'], '记录须为对象 / a record must be an object');
  }
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const item of list.items) {
    if (item.when && !item.when.every((c) => conditionHolds(record, c.field, c.equals))) continue;
    if (item.anyOf) {
      if (!item.anyOf.some((f) => isPresent(record[f]))) missing.push(item.field);
      continue;
    }
    const v = record[item.field];
    if (item.equals !== undefined) {
      if (v !== item.equals) (isPresent(v) ? invalid : missing).push(item.field);
      continue;
    }
    if (!isPresent(v)) {
      missing.push(item.field);
      continue;
    }
    if (item.min !== undefined && (typeof v !== 'number' || v < item.min)) invalid.push(item.field);
    else if (item.oneOf !== undefined && (typeof v === 'object' || !item.oneOf.includes(String(v)))) {
      // An object is never one of the listed values (and String() of one without a prototype throws).
      invalid.push(item.field);
    }
  }
  const complete = missing.length === 0 && invalid.length === 0;
  const label = (f: string): string => list.items.find((i) => i.field === f)?.zh ?? f;
  return {
    value: { complete, missing, invalid },
    trace: [
      entry(
        list,
        complete
          ? `${list.zh}:内容齐全`
          : `${list.zh}:${[...missing.map((f) => `缺少${label(f)}`), ...invalid.map((f) => `${label(f)}不符合要求`)].join(';')}`,
        complete
          ? `${list.en}: complete`
          : `${list.en}: ${[...missing.map((f) => `missing ${f}`), ...invalid.map((f) => `invalid ${f}`)].join('; ')}`,
        { key: list.key, missing, invalid },
      ),
    ],
  };
}
