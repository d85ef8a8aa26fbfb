import {
  addDays,
  compareInstants,
  type Decision,
  endOfLocalDay,
  InstantSchema,
  LocalDateSchema,
  localDateOf,
  parseInput,
  Trace,
  violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { answerable, findFileType, type RecordsContext, resolveContext, type Violation } from './context.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';
import { IdSchema } from './schemas.js';

/** The modules that emit the violations of `checkSnapshots` and `checkLedger`. */
const SNAPSHOTS = 'records.snapshots';
const LEDGER = 'records.ledger';

/** Input of `checkCurrency`: the upkeep facts of one file. */
export const CurrencyInputSchema = z.strictObject({
  fileTypeId: IdSchema,
  fileId: IdSchema,
  custodianId: IdSchema.optional(),
  lastTransactionAt: InstantSchema.optional(),
  lastUpdatedAt: InstantSchema.optional(),
  lastReviewedAt: InstantSchema.optional(),
  /** Who confirmed the file and in which role (审批确认). */
  confirmedBy: z.strictObject({ id: IdSchema, roles: z.array(IdSchema) }).optional(),
});
export type CurrencyInput = z.input<typeof CurrencyInputSchema>;

/** The value of `checkCurrency`. */
export type CurrencyResult = {
  fileId: string;
  custodianMissing: boolean;
  /** A transaction postdates the last update (根据交易情况及时更新). */
  stale: boolean;
  /** The periodic review is due (定期更新/检查); `false` when the policy sets no interval. */
  reviewDue: boolean;
  /** Confirmed by the file type's approver role (e.g. 销售总监). */
  confirmed: boolean;
};

/**
 * Checks that a customer file is kept current: it has a designated custodian (专人管理), it was updated
 * after the customer's latest transaction, its periodic review is not overdue, and it was confirmed by
 * the approver role its file type names (销售总监审批确认). "及时" has no number in the seeds, so a file
 * is stale as soon as a transaction postdates its last update.
 *
 * @param input - custodian, last transaction, last update, last review, confirmation
 * @param policyInput - a records policy (its `reviewIntervalDays`, when set, drives `reviewDue`)
 * @param ctx - `{ now }`
 * @returns the four findings with a trace
 * @example
 * currencyOf({ fileTypeId: 'salesDepartmentArchive', fileId: 'S1', custodianId: 'k1',
 *   lastTransactionAt: '2024-03-05T02:00:00Z', lastUpdatedAt: '2024-03-01T02:00:00Z' },
 *   salesSitePreset, { now: '2024-03-06T00:00:00Z' }).value.stale; //=> true
 */
export function currencyOf(
  input: CurrencyInput,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<CurrencyResult> {
  const policy = asRecordsPolicy(policyInput);
  return currencyParsed(parseInput(CurrencyInputSchema, input), policy, ctx);
}

/** {@link currencyOf} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function currencyParsed(
  req: z.output<typeof CurrencyInputSchema>,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): Decision<CurrencyResult> {
  const time = resolveContext(ctx, policy);
  const fileType = findFileType(policy, req.fileTypeId, ['fileTypeId']);
  const { rule, clause } = fileType;
  const trace = new Trace();
  const custodianMissing = fileType.custodianRole !== undefined && req.custodianId === undefined;
  if (custodianMissing) trace.add(rule, clause, '未指定专人管理', 'No designated custodian', {});
  const stale =
    req.lastTransactionAt !== undefined &&
    (req.lastUpdatedAt === undefined || compareInstants(req.lastUpdatedAt, req.lastTransactionAt) < 0);
  trace.add(
    rule,
    clause,
    stale ? '最近交易后档案未更新' : '档案已随交易更新',
    stale
      ? 'The file was not updated after the latest transaction'
      : 'The file is up to date with transactions',
    { lastTransactionAt: req.lastTransactionAt, lastUpdatedAt: req.lastUpdatedAt },
  );
  const interval = policy.params.reviewIntervalDays;
  let reviewDue = false;
  if (interval !== null) {
    const last = req.lastReviewedAt ?? req.lastUpdatedAt;
    reviewDue =
      last === undefined ||
      addDays(localDateOf(last, time.zone), interval) <= localDateOf(time.now, time.zone);
    trace.add(
      rule,
      clause,
      reviewDue ? `超过${interval}天未复核` : `${interval}天内已复核`,
      reviewDue ? `Not reviewed within ${interval} days` : `Reviewed within ${interval} days`,
      {
        lastReviewedAt: last,
      },
    );
  }
  const approver = fileType.approverRole;
  const confirmed = approver === undefined || (req.confirmedBy?.roles.includes(approver) ?? false);
  if (approver !== undefined) {
    trace.add(
      rule,
      clause,
      confirmed ? `已由${approver}审批确认` : `须由${approver}审批确认`,
      confirmed ? `Confirmed by the ${approver}` : `Must be confirmed by the ${approver}`,
      { confirmedBy: req.confirmedBy?.id },
    );
  }
  return trace.decide({ fileId: req.fileId, custodianMissing, stale, reviewDue, confirmed });
}

/** Input of `checkSnapshots`. */
export const SnapshotInputSchema = z.strictObject({
  partnerId: IdSchema,
  /** The grade on the last day of the half-year (the catalog's reading when the grade changes). */
  grade: IdSchema,
  year: z.number().int().min(1900).max(9999),
  half: z.union([z.literal(1), z.literal(2)]),
  snapshots: z.array(InstantSchema).default([]),
  custodian: z.strictObject({ personId: IdSchema, role: IdSchema.optional() }),
});
export type SnapshotInput = z.input<typeof SnapshotInputSchema>;

/**
 * Checks the half-yearly snapshot duty of partner archives (a类和b类客户的档案每半年存档一次, c/d 不需存档但要
 * 即时更新): graded partners in the policy's list need at least one snapshot dated in the calendar half-year.
 *
 * @param input - partner, grade, half-year and snapshot instants
 * @param policyInput - a records policy with a `snapshots` section
 * @param ctx - `{ now }`
 * @returns `{ required, taken, compliant, violations }` (`records.snapshot.missing` when short)
 * @throws ZhiduError `invalid_input` when the policy has no snapshot rule
 * @example
 * snapshotsOf({ partnerId: 'p1', grade: 'A', year: 2024, half: 2, snapshots: [],
 *   custodian: { personId: 'k1' } }, partnerArchivePreset, { now: '2025-01-01T00:00:00Z' }).value.compliant; //=> false
 */
export function snapshotsOf(
  input: SnapshotInput,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<{ required: number; taken: number; compliant: boolean; violations: Violation[] }> {
  const policy = asRecordsPolicy(policyInput);
  return snapshotsParsed(parseInput(SnapshotInputSchema, input), policy, ctx);
}

/** {@link snapshotsOf} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function snapshotsParsed(
  req: z.output<typeof SnapshotInputSchema>,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): Decision<{ required: number; taken: number; compliant: boolean; violations: Violation[] }> {
  const time = resolveContext(ctx, policy);
  const duty = policy.params.snapshots;
  if (!duty)
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'snapshots'],
      `制度 ${policy.id} 没有快照规定 / policy ${policy.id} has no snapshot rule`,
    );
  const start = `${req.year}-${req.half === 1 ? '01' : '07'}-01`;
  const end = req.half === 1 ? `${req.year}-06-30` : `${req.year}-12-31`;
  const taken = req.snapshots.filter((s) => {
    const d = localDateOf(s, time.zone);
    return d >= start && d <= end;
  }).length;
  const required = duty.grades.includes(req.grade) ? 1 : 0;
  const compliant = taken >= required;
  const trace = new Trace().add(
    duty.rule,
    duty.clause,
    `${req.grade}类合作伙伴${req.year}年${req.half === 1 ? '上' : '下'}半年应存档${required}次,实际${taken}次`,
    `Grade ${req.grade} partner, ${req.year} H${req.half}: ${required} snapshot(s) required, ${taken} taken`,
    { required, taken },
  );
  const violations: Violation[] = compliant
    ? []
    : [
        violation(
          SNAPSHOTS,
          { rule: duty.rule, clause: duty.clause },
          {
            code: 'records.snapshot.missing',
            ...answerable(req.custodian),
            occurredAt: endOfLocalDay(end, time.zone),
            quantity: required - taken,
            subject: { kind: 'partner', id: req.partnerId },
          },
        ),
      ];
  return trace.decide({ required, taken, compliant, violations });
}

/** Input of `checkLedger`: one day of the handover ledger (用户档案签收薄). */
export const HandoverLedgerInputSchema = z.strictObject({
  date: LocalDateSchema,
  admin: z.strictObject({ personId: IdSchema, role: IdSchema.optional() }),
  received: z.array(IdSchema),
  registered: z.array(IdSchema),
  electronicCreated: z.array(IdSchema),
});
export type HandoverLedgerInput = z.input<typeof HandoverLedgerInputSchema>;

/**
 * Checks the file administrator's daily duty (每日登记, 建立相应的电子信息档案): every file received that day is
 * registered in the handover ledger and has its electronic record. The backlog emits `records.ledger.backlog`.
 *
 * @param input - the day's received, registered and electronically created file ids
 * @param policyInput - a records policy with a `ledger` rule
 * @param ctx - `{ now }`
 * @returns `{ backlog, violations }`
 * @throws ZhiduError `invalid_input` when the policy has no ledger rule, or a registered file was never received
 * @example
 * ledgerDayOf({ date: '2024-03-05', admin: { personId: 'a1' }, received: ['F1','F2'], registered: ['F1'],
 *   electronicCreated: ['F1'] }, dealerFilesPreset, { now: '2024-03-06T00:00:00Z' }).value.backlog; //=> ['F2']
 */
export function ledgerDayOf(
  input: HandoverLedgerInput,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<{ backlog: string[]; violations: Violation[] }> {
  const policy = asRecordsPolicy(policyInput);
  return ledgerDayParsed(parseInput(HandoverLedgerInputSchema, input), policy, ctx);
}

/** {@link ledgerDayOf} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function ledgerDayParsed(
  req: z.output<typeof HandoverLedgerInputSchema>,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): Decision<{ backlog: string[]; violations: Violation[] }> {
  const time = resolveContext(ctx, policy);
  const rule = policy.params.ledger;
  if (!rule)
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'ledger'],
      `制度 ${policy.id} 没有台账规定 / policy ${policy.id} has no ledger rule`,
    );
  const received = new Set(req.received);
  req.registered.forEach((id, i) => {
    if (!received.has(id))
      throw new ZhiduError(
        'unknown_reference',
        ['registered', i],
        `${id} 已登记但未接收 / ${id} was registered but not received`,
      );
  });
  const registered = new Set(req.registered);
  const electronic = new Set(req.electronicCreated);
  const backlog = req.received.filter((id) => !registered.has(id) || !electronic.has(id));
  const trace = new Trace().add(
    rule.rule,
    rule.clause,
    `${req.date}收到${received.size}份,当日登记并建电子档${received.size - backlog.length}份,积压${backlog.length}份`,
    `${req.date}: ${received.size} received, ${received.size - backlog.length} registered with electronic record, backlog ${backlog.length}`,
    { backlog },
  );
  const violations: Violation[] =
    backlog.length === 0
      ? []
      : [
          violation(
            LEDGER,
            { rule: rule.rule, clause: rule.clause },
            {
              code: 'records.ledger.backlog',
              ...answerable(req.admin),
              occurredAt: endOfLocalDay(req.date, time.zone),
              quantity: backlog.length,
              data: { backlog },
            },
          ),
        ];
  return trace.decide({ backlog, violations });
}
