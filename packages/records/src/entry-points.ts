/**
 * The named rule functions of @zhidu/records: each one is a thin call of its module, with the
 * module's calling convention — `(input, policy, ctx)` → the module's decision `{ value: { result,
 * violations }, trace, provenance }`. The policy may be JSON, a validated policy, a compiled one or
 * a `PolicyHistory`; the context an `EvalContext` or the `{ now, zone?, calendar? }` that makes one.
 */
import { type ContextInput, type EvalContext, makeContext, PolicyHistory } from '@zhidu/core';
import { assembledFile } from './batch.js';
import { assembledTryDone, contextOfData } from './fast-decision.js';
import {
  recordsAccess,
  recordsBackup,
  recordsCompleteness,
  recordsCurrency,
  recordsDestruction,
  recordsHandover,
  recordsLedger,
  recordsLoan,
  recordsPurge,
  recordsSnapshots,
} from './modules.js';

/**
 * The file handed over within its deadline in working days from the triggering event (delivery,
 * sale, first contact …); `records.handover.late`. Counts working days: pass a calendar. A thin call
 * of the `records.handover` module (`recordsHandover`): the same input, policy and context, the same
 * decision (a caller passing the same policy and context objects call after call has them looked up
 * once: the module is then given its compiled policy and the context made from them).
 *
 * @param input - the `records.handover` input
 * @param policy - a records policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone` (and `calendar` where working days are counted)
 * @returns the `records.handover` decision
 * @throws ZhiduError for a malformed input or policy (`invalid_input`, `unknown_key` …, with the
 *   path under `input` or `policy`)
 * @example
 * const d = checkHandover(
 *   { fileTypeId: 'newCarSalesFile', fileId: 'VIN1', responsible: { personId: 'sc1', role: 'salesConsultant' },
 *     events: { delivery: '2024-03-04T10:00:00+08:00' }, handedOverAt: '2024-03-11T10:00:00+08:00' },
 *   recordsHandover.preset('dealer-files'),
 *   { now: '2024-03-12T00:00:00+08:00', calendar: chinaCalendar() },
 * );
 * d.value.result.outcomes[0]?.status; //=> 'late'
 * d.value.violations[0]?.code; //=> 'records.handover.late'
 */
export function checkHandover(
  input: Parameters<(typeof recordsHandover)['evaluate']>[0],
  policy: Parameters<(typeof recordsHandover)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof recordsHandover)['evaluate']> {
  return viaLastPair(recordsHandover, handoverPair, input, policy, ctx);
}

/**
 * Documents, fields, signatures, media, copies and arithmetic of a file; `records.item.missing`,
 * `records.item.defective`, `records.signature.missing`, `records.signature.staffMissing`,
 * `records.medium.missing`. A thin call of the `records.completeness` module
 * (`recordsCompleteness`): the same input, policy and context, the same decision (a caller passing
 * the same policy and context objects call after call has them looked up once: the module is then
 * given its compiled policy and the context made from them, and a well-formed file's decision is
 * assembled with the provenance the module gave the previous one under them).
 *
 * @param input - the `records.completeness` input
 * @param policy - a records policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone` (and `calendar` where working days are counted)
 * @returns the `records.completeness` decision
 * @throws ZhiduError for a malformed input or policy (`invalid_input`, `unknown_key` …, with the
 *   path under `input` or `policy`)
 * @example
 * checkCompleteness(
 *   { fileTypeId: 'afterSalesMaintenanceFile', fileId: 'RO-1', responsible: { personId: 'sa1' },
 *     documents: [{ id: 'receptionSheet', signatures: { customer: 'ok', staff: 'ok' } }] },
 *   recordsCompleteness.preset('dealer-files'),
 *   { now: '2024-03-06T10:00:00+08:00' },
 * ).value.result.complete; //=> false
 */
export function checkCompleteness(
  input: Parameters<(typeof recordsCompleteness)['evaluate']>[0],
  policy: Parameters<(typeof recordsCompleteness)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof recordsCompleteness)['evaluate']> {
  return viaLastPair(recordsCompleteness, completenessPair, input, policy, ctx, assembledFile);
}

/**
 * Whether a reader may view, copy, lend, disclose or share a file (default deny). A decision before
 * the fact: no violations (see `records.access-log` for accesses that happened). A thin call of the
 * `records.access` module (`recordsAccess`): the same input, policy and context, the same decision.
 *
 * @param input - the `records.access` input
 * @param policy - a records policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone` (and `calendar` where working days are counted)
 * @returns the `records.access` decision
 * @throws ZhiduError for a malformed input or policy (`invalid_input`, `unknown_key` …, with the
 *   path under `input` or `policy`)
 * @example
 * decideAccess(
 *   { actor: { id: 'u1', roles: ['salesperson'] }, action: 'view',
 *     file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' } },
 *   recordsAccess.preset('sales-company-files'), { now: '2024-03-05T10:00:00+08:00' },
 * ).value.result.allowed; //=> false
 */
export function decideAccess(
  input: Parameters<(typeof recordsAccess)['evaluate']>[0],
  policy: Parameters<(typeof recordsAccess)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof recordsAccess)['evaluate']> {
  return recordsAccess.evaluate(input, policy, ctx);
}

/**
 * A loan returned on time and complete, approved to be kept, or overdue; `records.loan.overdue`,
 * `records.file.lost`. A loan period may be in working days: pass a calendar. A thin call of the
 * `records.loan` module (`recordsLoan`): the same input, policy and context, the same decision.
 *
 * @param input - the `records.loan` input
 * @param policy - a records policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone` (and `calendar` where working days are counted)
 * @returns the `records.loan` decision
 * @throws ZhiduError for a malformed input or policy (`invalid_input`, `unknown_key` …, with the
 *   path under `input` or `policy`)
 * @example
 * checkLoan(
 *   { fileTypeId: 'newCarSalesFile', fileId: 'VIN1', borrower: { personId: 'u1' },
 *     lentAt: '2024-03-04T09:00:00+08:00', dueAt: '2024-03-06T18:00:00+08:00', piecesOut: 12,
 *     returnedAt: '2024-03-06T10:00:00+08:00', piecesReturned: 11 },
 *   recordsLoan.preset('dealer-files'), { now: '2024-03-07T08:00:00+08:00', calendar: chinaCalendar() },
 * ).value.result.piecesLost; //=> 1
 */
export function checkLoan(
  input: Parameters<(typeof recordsLoan)['evaluate']>[0],
  policy: Parameters<(typeof recordsLoan)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof recordsLoan)['evaluate']> {
  return recordsLoan.evaluate(input, policy, ctx);
}

/**
 * Destruction only after the retention period, with every approval in order and a destruction
 * record; `records.destruction.unauthorised` for one that happened without them. A thin call of the
 * `records.destruction` module (`recordsDestruction`): the same input, policy and context, the same
 * decision.
 *
 * @param input - the `records.destruction` input
 * @param policy - a records policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone` (and `calendar` where working days are counted)
 * @returns the `records.destruction` decision
 * @throws ZhiduError for a malformed input or policy (`invalid_input`, `unknown_key` …, with the
 *   path under `input` or `policy`)
 * @example
 * checkDestruction(
 *   { fileTypeId: 'leasingCustomerArchiveForm', fileId: 'A1', archivedOn: '2014-06-30' },
 *   recordsDestruction.preset('leasing-archive'), { now: '2024-07-01T10:00:00+08:00' },
 * ).value.result.missing; //=> ['approval:leasingHead', 'approval:generalManager']
 */
export function checkDestruction(
  input: Parameters<(typeof recordsDestruction)['evaluate']>[0],
  policy: Parameters<(typeof recordsDestruction)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof recordsDestruction)['evaluate']> {
  return recordsDestruction.evaluate(input, policy, ctx);
}

/**
 * Whether a long-inactive, unreachable customer's file may move to backup storage. Needs a policy
 * with `purgeInactivityMonths` (no shipped preset sets one: the seed gives no number). A thin call
 * of the `records.purge` module (`recordsPurge`): the same input, policy and context, the same
 * decision.
 *
 * @param input - the `records.purge` input
 * @param policy - a records policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone` (and `calendar` where working days are counted)
 * @returns the `records.purge` decision
 * @throws ZhiduError for a malformed input or policy (`invalid_input`, `unknown_key` …, with the
 *   path under `input` or `policy`)
 * @example
 * // the company's own number: files inactive for 36 months may be purged
 * const policy = defineRecordsPolicy({ ...customerArchivePreset,
 *   params: { ...customerArchivePreset.params, purgeInactivityMonths: 36 } });
 * checkPurge(
 *   { fileId: 'C1', lastBusinessAt: '2020-01-10T00:00:00Z', contactLost: true },
 *   policy, { now: '2024-03-04T10:00:00+08:00' },
 * ).value.result.eligible; //=> true
 */
export function checkPurge(
  input: Parameters<(typeof recordsPurge)['evaluate']>[0],
  policy: Parameters<(typeof recordsPurge)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof recordsPurge)['evaluate']> {
  return recordsPurge.evaluate(input, policy, ctx);
}

/**
 * Custodian, updates after transactions, periodic review, confirmation by the approver. A thin call
 * of the `records.currency` module (`recordsCurrency`): the same input, policy and context, the same
 * decision.
 *
 * @param input - the `records.currency` input
 * @param policy - a records policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone` (and `calendar` where working days are counted)
 * @returns the `records.currency` decision
 * @throws ZhiduError for a malformed input or policy (`invalid_input`, `unknown_key` …, with the
 *   path under `input` or `policy`)
 * @example
 * checkCurrency(
 *   { fileTypeId: 'salesDepartmentArchive', fileId: 'S1', custodianId: 'k1',
 *     lastTransactionAt: '2024-03-05T10:00:00+08:00', lastUpdatedAt: '2024-03-01T10:00:00+08:00' },
 *   recordsCurrency.preset('sales-site'), { now: '2024-03-06T08:00:00+08:00' },
 * ).value.result.stale; //=> true
 */
export function checkCurrency(
  input: Parameters<(typeof recordsCurrency)['evaluate']>[0],
  policy: Parameters<(typeof recordsCurrency)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof recordsCurrency)['evaluate']> {
  return recordsCurrency.evaluate(input, policy, ctx);
}

/**
 * The half-yearly snapshot duty of graded partner archives; `records.snapshot.missing`. A thin call
 * of the `records.snapshots` module (`recordsSnapshots`): the same input, policy and context, the
 * same decision.
 *
 * @param input - the `records.snapshots` input
 * @param policy - a records policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone` (and `calendar` where working days are counted)
 * @returns the `records.snapshots` decision
 * @throws ZhiduError for a malformed input or policy (`invalid_input`, `unknown_key` …, with the
 *   path under `input` or `policy`)
 * @example
 * checkSnapshots(
 *   { partnerId: 'p1', grade: 'A', year: 2024, half: 2, snapshots: [], custodian: { personId: 'k1' } },
 *   recordsSnapshots.preset('partner-archive'), { now: '2025-01-01T08:00:00+08:00' },
 * ).value.violations[0]?.code; //=> 'records.snapshot.missing'
 */
export function checkSnapshots(
  input: Parameters<(typeof recordsSnapshots)['evaluate']>[0],
  policy: Parameters<(typeof recordsSnapshots)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof recordsSnapshots)['evaluate']> {
  return recordsSnapshots.evaluate(input, policy, ctx);
}

/**
 * Every file received that day registered in the handover ledger with its electronic record;
 * `records.ledger.backlog`. A thin call of the `records.ledger` module (`recordsLedger`): the same
 * input, policy and context, the same decision.
 *
 * @param input - the `records.ledger` input
 * @param policy - a records policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone` (and `calendar` where working days are counted)
 * @returns the `records.ledger` decision
 * @throws ZhiduError for a malformed input or policy (`invalid_input`, `unknown_key` …, with the
 *   path under `input` or `policy`)
 * @example
 * checkLedger(
 *   { date: '2024-03-05', admin: { personId: 'a1' }, received: ['F1', 'F2'], registered: ['F1'],
 *     electronicCreated: ['F1'] },
 *   recordsLedger.preset('dealer-files'), { now: '2024-03-06T08:00:00+08:00' },
 * ).value.result.backlog; //=> ['F2']
 */
export function checkLedger(
  input: Parameters<(typeof recordsLedger)['evaluate']>[0],
  policy: Parameters<(typeof recordsLedger)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof recordsLedger)['evaluate']> {
  return recordsLedger.evaluate(input, policy, ctx);
}

/**
 * Whether the periodic backup is overdue. Needs a policy with `backupIntervalHours` (no shipped
 * preset sets one: the seed gives no number). A thin call of the `records.backup` module
 * (`recordsBackup`): the same input, policy and context, the same decision.
 *
 * @param input - the `records.backup` input
 * @param policy - a records policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone` (and `calendar` where working days are counted)
 * @returns the `records.backup` decision
 * @throws ZhiduError for a malformed input or policy (`invalid_input`, `unknown_key` …, with the
 *   path under `input` or `policy`)
 * @example
 * // the company's own number: a backup every 24 hours
 * const policy = defineRecordsPolicy({ ...customerArchivePreset,
 *   params: { ...customerArchivePreset.params, backupIntervalHours: 24 } });
 * checkBackup({ lastBackupAt: '2024-03-04T09:00:00+08:00' }, policy,
 *   { now: '2024-03-05T10:00:00+08:00' }).value.result.overdue; //=> true (25 hours since the last one)
 */
export function checkBackup(
  input: Parameters<(typeof recordsBackup)['evaluate']>[0],
  policy: Parameters<(typeof recordsBackup)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof recordsBackup)['evaluate']> {
  return recordsBackup.evaluate(input, policy, ctx);
}

/**
 * The (policy, context) pair a named function was called with last, per module: once the same two
 * objects come twice in a row, the module's compiled policy and the context made from them (what
 * the module's own caches find for them on every call) are kept, and the next calls with those
 * objects — while the context still holds the same `now`, `zone` and `calendar` — give the module
 * the compiled policy and that context, which it evaluates without looking either up again (core's
 * direct path; issue 21: the look-ups were about a fifth of a completeness check). Anything else
 * — a `PolicyHistory`, a context with a `seed` (its random source has state) or without a `now`
 * string, a context whose `now`, `zone`, `calendar` or `seed`, or whose calendar's `isWorkday` or
 * `zone`, is a getter (the module reads them more than once per call, or makes the context once
 * less), a policy or context the module refuses — is passed to the module as it is.
 */
type LastPair = {
  /** The pair seen last (a pair seen once is not prepared: alternating pairs cost two comparisons). */
  policy: unknown;
  ctx: unknown;
  /** The prepared pair, with the values its context was made from. */
  ready:
    | {
        policy: unknown;
        ctx: object;
        now: string;
        zone: unknown;
        calendar: unknown;
        compiled: unknown;
        evalCtx: EvalContext;
        /** The plain provenance of a decision the module made under them (`provisional: false`). */
        provenance: unknown;
      }
    | undefined;
};

const completenessPair: LastPair = { policy: undefined, ctx: undefined, ready: undefined };
const handoverPair: LastPair = { policy: undefined, ctx: undefined, ready: undefined };

/**
 * The module's decision of `input`, through the prepared pair when `policy` and `ctx` are its
 * objects and the context still holds its values. With `quick`: once the module has decided a
 * file under the prepared pair with a plain provenance, a file is first given to `quick`, which
 * returns its whole decision with that provenance (what the module's direct path returns) or
 * `undefined` (the file then goes through the module).
 */
function viaLastPair<I, P, D extends { provenance: { calendar: { provisional: boolean } } }>(
  module: {
    evaluate(input: I, policy: P, ctx: EvalContext | ContextInput): D;
    compile(policy: unknown): unknown;
  },
  pair: LastPair,
  input: I,
  policy: P,
  ctx: EvalContext | ContextInput,
  quick?: (file: unknown, compiled: unknown, ctx: EvalContext, provenance: D['provenance']) => D | undefined,
): D {
  const ready = pair.ready;
  if (ready !== undefined && policy === ready.policy && ctx === ready.ctx) {
    const c = ctx as ContextInput;
    const calendar = c.calendar as { isWorkday?: unknown } | undefined;
    if (
      c.now === ready.now &&
      c.zone === ready.zone &&
      calendar === ready.calendar &&
      c.seed === undefined &&
      (calendar === undefined || typeof calendar.isWorkday === 'function')
    ) {
      const provenance = ready.provenance as D['provenance'] | undefined;
      let d: D;
      if (provenance !== undefined && quick !== undefined) {
        const q = quick(input, ready.compiled, ready.evalCtx, provenance);
        if (q !== undefined) return q;
        // (the module's fast path takes the outcome `quick` had, not a second read of the file)
        try {
          d = module.evaluate(input, ready.compiled as P, ready.evalCtx);
        } finally {
          assembledTryDone();
        }
      } else d = module.evaluate(input, ready.compiled as P, ready.evalCtx);
      if (provenance === undefined && d.provenance.calendar.provisional === false)
        ready.provenance = d.provenance;
      return d;
    }
  }
  const d = module.evaluate(input, policy, ctx);
  if (policy === pair.policy && ctx === pair.ctx) pair.ready = prepared(module, policy, ctx);
  else {
    pair.policy = policy;
    pair.ctx = ctx;
  }
  return d;
}

/**
 * The compiled policy and the context the module makes of `policy` and `ctx` (an `EvalContext` is
 * taken as it is, as the module takes it; a plain context is made once, as the module's context
 * cache makes it), or `undefined` when the pair is passed to the module as it is.
 */
function prepared(
  module: { compile(policy: unknown): unknown },
  policy: unknown,
  ctx: EvalContext | ContextInput,
): LastPair['ready'] {
  if (policy instanceof PolicyHistory || ctx === null || typeof ctx !== 'object' || Array.isArray(ctx))
    return undefined;
  // (a context with a getter is read by the module on every call, as often as the module reads it)
  if (!contextOfData(ctx)) return undefined;
  const c = ctx as ContextInput;
  const { now, zone, calendar } = c;
  if (typeof now !== 'string' || c.seed !== undefined) return undefined;
  const workday = (calendar as { isWorkday?: unknown } | undefined)?.isWorkday;
  if (calendar !== undefined && typeof workday !== 'function') return undefined;
  try {
    // (the module's own test: a context naming its zone and a calendar is used as it is)
    const evalCtx =
      typeof zone === 'string' && calendar !== undefined ? (ctx as EvalContext) : makeContext(c);
    return {
      policy,
      ctx,
      now,
      zone,
      calendar,
      compiled: module.compile(policy),
      evalCtx,
      provenance: undefined,
    };
  } catch {
    return undefined;
  }
}
