import { type Decision, InstantSchema, parseInput, Trace, toEpochMs, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { paramsOf, SEED_001 } from '../shared.js';
import { TierParamsSchema, type TierPolicy } from './policy.js';

/** A blacklist entry (銷售客戶黑名單): the company list, or one department's own list. */
export const BlacklistEntrySchema = z
  .strictObject({
    customerId: z.string().min(1),
    scope: z.enum(['company', 'department']),
    /** The department whose list it is (scope `department` only). */
    departmentId: z.string().min(1).optional(),
    listedAt: InstantSchema,
    /** Entries stay until the list's owner removes them (the seed sets no expiry). */
    removedAt: InstantSchema.optional(),
  })
  .refine((e) => (e.scope === 'department') === (e.departmentId !== undefined), {
    message:
      '部门条目须写明部门，公司条目不写部门 / a department entry names its department, and a company entry names none',
    path: ['departmentId'],
  });
/** A blacklist entry (see {@link BlacklistEntrySchema}). */
export type BlacklistEntry = z.output<typeof BlacklistEntrySchema>;
/** The entries of one or more blacklists (see {@link BlacklistEntrySchema}). */
export const BlacklistEntriesSchema = z.array(BlacklistEntrySchema);

/** Who acts on a list: the marketing division, or a sales department. */
export const BlacklistActorSchema = z.strictObject({
  unit: z.string().min(1),
  departmentId: z.string().min(1).optional(),
});

/** Which blacklist: the company's, or one department's. */
export const BlacklistScopeSchema = z.strictObject({
  scope: z.enum(['company', 'department']),
  departmentId: z.string().min(1).optional(),
});

/** A department's request to deal with a customer, at an instant (see {@link canTransact}). */
export const TransactRequestSchema = z.strictObject({
  customerId: z.string().min(1),
  departmentId: z.string().min(1),
  /** `quote`, `newContract`, `newOrder`, `shipment`, `openContract` … (the policy's `blacklist.blocks`). */
  action: z.string().min(1),
  at: InstantSchema,
});

/** A department's report of a customer who caused a major loss (see {@link blacklistForMajorLoss}). */
export const MajorLossReportSchema = z.strictObject({
  customerId: z.string().min(1),
  reportedBy: z.string().min(1),
  verified: z.boolean(),
  decision: z.enum(['blacklist', 'noBlacklist']),
  by: z.string().min(1),
  at: InstantSchema,
});

/** The departments to notify and purge after a major loss (see {@link blacklistForMajorLoss}). */
export const MajorLossDepartmentsSchema = z.array(z.string().min(1));

/**
 * Who may manage which blacklist (S001B-BLACKLIST-01): only the marketing division (營銷事業部)
 * manages the company list; each sales department manages only its own list, and must file it with
 * the marketing division. The division receives department filings but does not edit them.
 *
 * @param actor - `{ unit: 'marketingDivision' }` or `{ unit: 'salesDepartment', departmentId }`
 * @param list - `{ scope: 'company' }` or `{ scope: 'department', departmentId }`
 * @param policy - a tier policy (`blacklist.companyManager`)
 * @returns a decision: allowed, and whether a filing report to the marketing division follows
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * const dept2 = { unit: 'salesDepartment', departmentId: 'D2' };
 * canManageBlacklist(dept2, { scope: 'department', departmentId: 'D2' }, tiers).value; //=> { allowed: true, fileWith: 'marketingDivision' }
 * canManageBlacklist(dept2, { scope: 'department', departmentId: 'D3' }, tiers).value.allowed; //=> false
 */
export function canManageBlacklist(
  actor: z.input<typeof BlacklistActorSchema>,
  list: z.input<typeof BlacklistScopeSchema>,
  policy: TierPolicy,
): Decision<{ allowed: boolean; fileWith: string | null }> {
  paramsOf(policy, TierParamsSchema);
  return manageBlacklistParsed(
    parseInput(BlacklistActorSchema, actor, ['actor']),
    parseInput(BlacklistScopeSchema, list, ['list']),
    policy,
  );
}

/**
 * {@link canManageBlacklist} on an actor and a list its module has parsed already (one parse, not
 * two; issue 21). @internal
 */
export function manageBlacklistParsed(
  a: z.output<typeof BlacklistActorSchema>,
  l: z.output<typeof BlacklistScopeSchema>,
  policy: TierPolicy,
): Decision<{ allowed: boolean; fileWith: string | null }> {
  const p = paramsOf(policy, TierParamsSchema).blacklist;
  const isManager = a.unit === p.companyManager;
  const allowed =
    l.scope === 'company'
      ? isManager
      : !isManager && a.departmentId !== undefined && a.departmentId === l.departmentId;
  const fileWith = allowed && l.scope === 'department' ? p.companyManager : null;
  return new Trace()
    .add(
      'S001B-BLACKLIST-01',
      `${SEED_001} L660 3.5 a)`,
      l.scope === 'company'
        ? `公司黑名單由 ${p.companyManager} 管理：${allowed ? '可' : '不可'}`
        : `部門黑名單由該部門自行管理並報 ${p.companyManager} 備案：${allowed ? '可' : '不可'}`,
      l.scope === 'company'
        ? `the company blacklist is managed by ${p.companyManager}: ${allowed ? 'allowed' : 'not allowed'}`
        : `a department blacklist is managed by that department and filed with ${p.companyManager}: ${allowed ? 'allowed' : 'not allowed'}`,
      { actor: a, list: l },
    )
    .decide({ allowed, fileWith });
}

/**
 * The filing report a department sends the marketing division when its blacklist changes
 * (以報表的形式上報營銷事業部備案, S001B-BLACKLIST-01).
 *
 * @param departmentId - the department
 * @param entries - the department's whole current list
 * @param at - when it is submitted
 * @param policy - a tier policy
 * @returns the report: to whom, which department, which customers, when
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * const entries = [
 *   { customerId: 'C9', scope: 'department' as const, departmentId: 'D2', listedAt: '2024-04-02T10:00:00+08:00' },
 *   { customerId: 'C4', scope: 'department' as const, departmentId: 'D3', listedAt: '2024-04-03T10:00:00+08:00' },
 * ];
 * const filing = departmentBlacklistFiling('D2', entries.slice(0, 1), '2024-05-06T09:00:00+08:00', tiers).value;
 * filing.customerIds; //=> ['C9']
 * filing.to; //=> 'marketingDivision'
 * // A department files its own list only:
 * departmentBlacklistFiling('D2', entries, '2024-05-06T09:00:00+08:00', tiers); // throws ZhiduError invalid_input
 */
export function departmentBlacklistFiling(
  departmentId: string,
  entries: readonly z.input<typeof BlacklistEntrySchema>[],
  at: string,
  policy: TierPolicy,
): Decision<{ to: string; departmentId: string; customerIds: string[]; submittedAt: string }> {
  paramsOf(policy, TierParamsSchema);
  const list = parseInput(BlacklistEntriesSchema, entries, ['entries']);
  return blacklistFilingParsed(departmentId, list, parseInput(InstantSchema, at, ['at']), policy);
}

/**
 * {@link departmentBlacklistFiling} on entries and an instant its module has parsed already (one
 * parse, not two; issue 21). @internal
 */
export function blacklistFilingParsed(
  departmentId: string,
  list: readonly BlacklistEntry[],
  submittedAt: z.output<typeof InstantSchema>,
  policy: TierPolicy,
): Decision<{ to: string; departmentId: string; customerIds: string[]; submittedAt: string }> {
  const p = paramsOf(policy, TierParamsSchema).blacklist;
  list.forEach((e, i) => {
    if (e.scope !== 'department' || e.departmentId !== departmentId) {
      throw new ZhiduError(
        'invalid_input',
        ['entries', i],
        `${e.customerId} 的条目不在部门 ${departmentId} 的名单上 / entry for ${e.customerId} is not on department ${departmentId}'s list`,
      );
    }
  });
  const customerIds = list.filter((e) => e.removedAt === undefined).map((e) => e.customerId);
  return new Trace()
    .add(
      'S001B-BLACKLIST-01',
      `${SEED_001} L660 3.5 a)`,
      `部門 ${departmentId} 黑名單（${customerIds.length} 家）報 ${p.companyManager} 備案`,
      `department ${departmentId}'s blacklist (${customerIds.length}) filed with ${p.companyManager}`,
      { customerIds },
    )
    .decide({ to: p.companyManager, departmentId, customerIds, submittedAt });
}

function activeAt(e: BlacklistEntry, t: number): boolean {
  return toEpochMs(e.listedAt) <= t && (e.removedAt === undefined || toEpochMs(e.removedAt) > t);
}

/** Whether a customer may transact ({@link canTransact}): the blacklist that stops it, and what to review. */
export type TransactDecision = {
  allowed: boolean;
  reason: 'COMPANY_BLACKLIST' | 'DEPARTMENT_BLACKLIST' | null;
  reviewRequired: boolean;
  notices: string[];
};

/**
 * May a department deal with a customer (S001B-BLACKLIST-02)? A customer on the company list is
 * barred for every department; one on a department's list is barred for that department only (the
 * literal reading, a policy switch). Other departments' listings come back as information. This is
 * zhidu's one blacklist check: `@zhidu/records` keeps the lists on file and its `blacklistEntries`
 * turns them into `entries` (S001-ACCESS-08 is the same clause).
 *
 * @param request - customer, department, the dealing (`quote`, `newContract`, `newOrder`, `shipment`, `openContract` …) and when
 * @param entries - the company list and every department list
 * @param policy - a tier policy
 * @returns a decision: allowed, the reason (company reason first), and notices of other departments' listings
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * const entries = [{ customerId: 'C1', scope: 'department' as const, departmentId: 'D1', listedAt: '2024-04-02T10:00:00+08:00' }];
 * const at = '2024-05-06T09:00:00+08:00';
 * const d = canTransact({ customerId: 'C1', departmentId: 'D1', action: 'newOrder', at }, entries, tiers).value;
 * d; //=> { allowed: false, reason: 'DEPARTMENT_BLACKLIST', reviewRequired: false, notices: [] }
 * canTransact({ customerId: 'C1', departmentId: 'D2', action: 'newOrder', at }, entries, tiers).value.allowed; //=> true
 */
export function canTransact(
  request: z.input<typeof TransactRequestSchema>,
  entries: readonly z.input<typeof BlacklistEntrySchema>[],
  policy: TierPolicy,
): Decision<TransactDecision> {
  paramsOf(policy, TierParamsSchema);
  return canTransactParsed(
    parseInput(TransactRequestSchema, request, ['request']),
    parseInput(BlacklistEntriesSchema, entries, ['entries']),
    policy,
  );
}

/**
 * {@link canTransact} on a request and entries its module has parsed already (one parse, not two;
 * issue 21). @internal
 */
export function canTransactParsed(
  r: z.output<typeof TransactRequestSchema>,
  entries: readonly BlacklistEntry[],
  policy: TierPolicy,
): Decision<TransactDecision> {
  const p = paramsOf(policy, TierParamsSchema).blacklist;
  const t = toEpochMs(r.at);
  const mine = entries.filter((e) => e.customerId === r.customerId && activeAt(e, t));
  const onCompany = mine.some((e) => e.scope === 'company');
  const onOwn = mine.some((e) => e.scope === 'department' && e.departmentId === r.departmentId);
  const others = mine
    .filter((e) => e.scope === 'department' && e.departmentId !== r.departmentId)
    .map((e) => e.departmentId ?? '');
  const binding = onCompany || onOwn || (p.departmentListBindsOthers && others.length > 0);
  const reason = onCompany ? 'COMPANY_BLACKLIST' : binding ? 'DEPARTMENT_BLACKLIST' : null;
  const isOpen = r.action === 'openContract';
  const blocked = binding && (isOpen ? p.openContracts === 'block' : p.blocks.includes(r.action));
  const reviewRequired = binding && isOpen && p.openContracts === 'flagForReview';
  const trace = new Trace().add(
    'S001B-BLACKLIST-02',
    `${SEED_001} L662 3.5 b)`,
    reason === null
      ? `客戶 ${r.customerId} 不在公司或本部門黑名單：可 ${r.action}`
      : `客戶 ${r.customerId} 在${reason === 'COMPANY_BLACKLIST' ? '公司' : '本部門'}黑名單：${blocked ? `不得 ${r.action}` : reviewRequired ? '在執行合同須人工複核' : `${r.action} 不受限`}`,
    reason === null
      ? `customer ${r.customerId} is on neither the company nor this department's blacklist: ${r.action} allowed`
      : `customer ${r.customerId} is on the ${reason === 'COMPANY_BLACKLIST' ? 'company' : "department's"} blacklist: ${blocked ? `no ${r.action}` : reviewRequired ? 'running contract flagged for review' : `${r.action} not restricted`}`,
    { reason, action: r.action },
  );
  if (others.length > 0 && !p.departmentListBindsOthers) {
    trace.add(
      'S001B-BLACKLIST-02',
      `${SEED_001} L662 3.5 b)`,
      `提示：該客戶在部門 ${others.join('、')} 的黑名單上（不約束本部門）`,
      `notice: the customer is on department ${others.join(', ')}'s blacklist (not binding here)`,
      { others },
    );
  }
  return trace.decide({
    allowed: !blocked,
    reason,
    reviewRequired,
    notices: others.length > 0 && !p.departmentListBindsOthers ? others : [],
  });
}

/**
 * A customer who caused a major loss or damaged the company's reputation (S001-GRADE-11): the
 * department reports to the marketing division, which verifies and **may** list the customer
 * company-wide; then the listing is published, every department notified and the customer removed
 * from every department's roster. Without verification, or if the division declines, nothing changes.
 *
 * @param report - the customer, the reporting department, whether verified, the division's decision and when
 * @param departments - every sales department (to notify and purge)
 * @param policy - a tier policy
 * @returns a decision: the company entry (or null), departments to notify and to purge from
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * const report = {
 *   customerId: 'C7',
 *   reportedBy: 'D1',
 *   verified: true,
 *   decision: 'blacklist' as const,
 *   by: 'marketingDivision',
 *   at: '2024-05-06T09:00:00+08:00',
 * };
 * const d = blacklistForMajorLoss(report, ['D1', 'D2'], tiers).value;
 * d.entry?.scope; //=> 'company'
 * d.purgeFrom; //=> ['D1', 'D2']
 */
export function blacklistForMajorLoss(
  report: z.input<typeof MajorLossReportSchema>,
  departments: readonly string[],
  policy: TierPolicy,
): Decision<{ entry: BlacklistEntry | null; notify: string[]; purgeFrom: string[] }> {
  paramsOf(policy, TierParamsSchema);
  return majorLossParsed(
    parseInput(MajorLossReportSchema, report, ['report']),
    parseInput(MajorLossDepartmentsSchema, departments, ['departments']),
    policy,
  );
}

/**
 * {@link blacklistForMajorLoss} on a report and departments its module has parsed already (one
 * parse, not two; issue 21). @internal
 */
export function majorLossParsed(
  r: z.output<typeof MajorLossReportSchema>,
  depts: string[],
  policy: TierPolicy,
): Decision<{ entry: BlacklistEntry | null; notify: string[]; purgeFrom: string[] }> {
  const p = paramsOf(policy, TierParamsSchema).blacklist;
  const clause = `${SEED_001} L654 3.3`;
  const trace = new Trace();
  if (r.by !== p.companyManager) {
    trace.add(
      'S001-GRADE-11',
      clause,
      `只有 ${p.companyManager} 有權列入公司黑名單，${r.by} 無權`,
      `only ${p.companyManager} may list a customer company-wide, not ${r.by}`,
      { by: r.by },
    );
    return trace.decide({ entry: null, notify: [], purgeFrom: [] });
  }
  if (!r.verified || r.decision === 'noBlacklist') {
    trace.add(
      'S001-GRADE-11',
      clause,
      r.verified ? `${p.companyManager} 核實後決定不列入公司黑名單` : `${p.companyManager} 尚未核實部門報告`,
      r.verified
        ? `${p.companyManager} verified and chose not to list the customer`
        : `${p.companyManager} has not verified the report yet`,
      { report: r },
    );
    return trace.decide({ entry: null, notify: [], purgeFrom: [] });
  }
  const entry: BlacklistEntry = { customerId: r.customerId, scope: 'company', listedAt: r.at };
  trace.add(
    'S001-GRADE-11',
    clause,
    `客戶 ${r.customerId} 導致公司重大損失：${p.companyManager} 核實後列入公司黑名單，內網公布，通報並在各銷售部門清除`,
    `customer ${r.customerId} caused a major loss: verified by ${p.companyManager}, listed company-wide, published, all departments notified and purged`,
    { entry, departments: depts },
  );
  return trace.decide({ entry, notify: depts, purgeFrom: depts });
}
