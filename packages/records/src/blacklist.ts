/**
 * The file-keeping side of the blacklists (S001-ACCESS-08): the company list and each department's
 * list as they are kept on file. Whether a department may still deal with a customer is decided once,
 * by `canTransact` of `@zhidu/credit` (S001B-BLACKLIST-02, the same clause 001 L662); this module turns
 * the kept lists into the entries that function reads.
 */

import { InstantSchema, parseInput, recordOf } from '@zhidu/core';
import { type BlacklistEntry, BlacklistEntrySchema } from '@zhidu/credit';
import { z } from 'zod';
import { IdSchema } from './schemas.js';

/** Blacklists as they stand: the company list (营销事业部) and each department's list. */
export const BlacklistsSchema = z.strictObject({
  company: z.array(IdSchema).default([]),
  departments: recordOf(IdSchema, z.array(IdSchema)).default({}),
});
/** Blacklists as they stand (input of {@link blacklistEntries}). */
export type BlacklistsInput = z.input<typeof BlacklistsSchema>;

/**
 * The entries of the kept blacklists, for `canTransact` of `@zhidu/credit` (S001-ACCESS-08): one
 * company entry per customer on the company list, one department entry per customer on a
 * department's list, each listed at `listedAt` (the kept lists carry no dates, so give the instant
 * the lists were read as of; the decision's `at` must not be earlier).
 *
 * @param blacklists - the company list and the department lists
 * @param listedAt - instant the lists stand as of (an ISO instant with offset)
 * @returns credit's blacklist entries, company entries first, in list order
 * @throws ZhiduError `invalid_input` (or `unknown_key`) at `blacklists`, `invalid_instant` at `listedAt`
 * @example
 * import { canTransact, customerTierPolicy } from '@zhidu/credit';
 * const at = '2024-05-06T09:00:00+08:00';
 * const entries = blacklistEntries({ company: ['c9'], departments: { X: ['c1'] } }, at);
 * entries.map((e) => `${e.customerId} ${e.scope}`); //=> ['c9 company', 'c1 department']
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * canTransact({ customerId: 'c1', departmentId: 'X', action: 'newContract', at }, entries, tiers).value.allowed; //=> false
 * canTransact({ customerId: 'c1', departmentId: 'Y', action: 'newContract', at }, entries, tiers).value.allowed; //=> true
 * blacklistEntries({ departments: { X: ['c1'] } }, '6 May'); // throws ZhiduError invalid_instant
 */
export function blacklistEntries(blacklists: BlacklistsInput, listedAt: string): BlacklistEntry[] {
  const lists = parseInput(BlacklistsSchema, blacklists, ['blacklists']);
  const at = parseInput(InstantSchema, listedAt, ['listedAt']);
  const entries = [
    ...lists.company.map((customerId) => ({ customerId, scope: 'company' as const, listedAt: at })),
    ...Object.entries(lists.departments).flatMap(([departmentId, ids]) =>
      ids.map((customerId) => ({ customerId, scope: 'department' as const, departmentId, listedAt: at })),
    ),
  ];
  return parseInput(z.array(BlacklistEntrySchema), entries, ['blacklists']);
}
