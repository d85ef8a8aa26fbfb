import { type Decision, parseInput, Trace } from '@zhidu/core';
import { z } from 'zod';
import { IdSchema } from './schemas.js';

/** Blacklists as they stand: the company list (营销事业部) and each department's list. */
export const BlacklistsSchema = z.strictObject({
  company: z.array(IdSchema).default([]),
  departments: z.record(IdSchema, z.array(IdSchema)).default({}),
});
export type BlacklistsInput = z.input<typeof BlacklistsSchema>;

/**
 * Whether a department may still do business with a customer (S001-ACCESS-08): not if the customer is
 * on the company blacklist (no department may), nor on that department's own list.
 *
 * @param customerId - the customer
 * @param departmentId - the sales department
 * @param blacklists - the company list and the department lists
 * @returns `{ allowed, listedBy }`
 * @example
 * canTransact('c1', 'X', { departments: { X: ['c1'] } }).value.allowed; //=> false
 */
export function canTransact(
  customerId: string,
  departmentId: string,
  blacklists: BlacklistsInput,
): Decision<{ allowed: boolean; listedBy: 'company' | 'department' | null }> {
  const lists = parseInput(BlacklistsSchema, blacklists, ['blacklists']);
  const clause = '001_b5a166781b06eda6.txt L654, L662';
  const listedBy = lists.company.includes(customerId)
    ? 'company'
    : (lists.departments[departmentId] ?? []).includes(customerId)
      ? 'department'
      : null;
  return new Trace()
    .add(
      'S001-ACCESS-08',
      clause,
      listedBy === null
        ? `${customerId}不在黑名单,${departmentId}可以交易`
        : `${customerId}在${listedBy === 'company' ? '公司' : '部门'}黑名单,${departmentId}不得交易`,
      listedBy === null
        ? `${customerId} is on no blacklist; ${departmentId} may trade`
        : `${customerId} is on the ${listedBy} blacklist; ${departmentId} may not trade`,
      { listedBy },
    )
    .decide({ allowed: listedBy === null, listedBy });
}
