import { type ChecklistResult, type Decision, runChecklist, ZhiduError } from '@zhidu/core';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { requireSection } from '../shared.js';

/**
 * Checks a record (repair intake, move-in registration, visit record, lead …) against a checklist
 * of the policy. Which fields are required, under which conditions and with which allowed values is
 * data (core's `ChecklistSchema`); core's `runChecklist` is the single mechanism behind the "must
 * record X, Y and Z" clauses.
 *
 * @param key - checklist id in the policy, e.g. `'repairIntake'`
 * @param record - the record as a flat object
 * @param policy - a service policy with `checklists`
 * @returns `{ complete, missing, invalid }` with a trace naming the rule
 * @throws ZhiduError `unknown_reference` when the policy has no such checklist
 * @example
 * const r = recordCheck('repairIntake', { customerName: '王先生', contact: '13800000001' }, s001bGpsServicePolicy).value;
 * r.missing; //=> ['address', 'productModel', 'purchaseDate', 'faultSymptom']
 * recordCheck('moveIn', {}, s001bGpsServicePolicy); // throws ZhiduError unknown_reference
 */
export function recordCheck(
  key: string,
  record: Record<string, unknown>,
  policy: ServicePolicy,
): Decision<ChecklistResult> {
  const lists = requireSection(paramsOf(policy).checklists, 'checklists');
  const index = lists.findIndex((l) => l.id === key);
  const list = lists[index];
  if (list === undefined) {
    throw new ZhiduError(
      'unknown_reference',
      ['key'],
      `制度 ${policy.id} 中没有检查清单 "${key}" / no checklist "${key}" in policy ${policy.id}`,
    );
  }
  return runChecklist(list, record, ['policy', 'params', 'checklists', index]);
}
