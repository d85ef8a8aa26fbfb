import { defineModule, type EvalContext, InstantSchema, recordOf, Trace, type Violation } from '@zhidu/core';
import { z } from 'zod';
import { auditParsed, decideParsed, precheckLog } from './access.js';
import { AccessRequestSchema } from './access-schema.js';
import { cadenceParsed, FormCadenceInputSchema, periodic } from './cadence.js';
import { CompletenessInputSchema, completenessModuleParts } from './completeness.js';
import { type RecordsContext, resolveContext, underPath } from './context.js';
import { backupState } from './entries.js';
import { completenessFast, handoverFast } from './fast-decision.js';
import { filingParsed } from './filing.js';
import { FilingInputSchema } from './filing-schema.js';
import { HandoverInputSchema, handoverModuleParts } from './handover.js';
import { LoanRegisterInputSchema, loanRegisterParsed } from './loan-register.js';
import { judgeLoan, LoanInputSchema } from './loans.js';
import { readParsed } from './masking.js';
import { RecordsParamsSchema, type RecordsPolicy, trustRecordsPolicy } from './policy.js';
import { PRESET_JSON, recordsPresets } from './presets/index.js';
import { OpenFileInputSchema, openFileParsed } from './registry.js';
import { DestructionInputSchema, destructionParsed, PurgeInputSchema, purgeParsed } from './retention.js';
import {
  CurrencyInputSchema,
  currencyParsed,
  HandoverLedgerInputSchema,
  ledgerDayParsed,
  SnapshotInputSchema,
  snapshotsParsed,
} from './upkeep.js';
import { AdvanceInputSchema, advanceWorkflowParsed } from './workflow.js';

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The shipped presets a module can use, as the policy JSON of `presets/<name>.json` (`dealerFiles` →
 * `dealer-files`): only those whose policy has what the module checks (a loan rule, a ledger rule …).
 */
function presetsWhere(applies: (policy: RecordsPolicy) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, policy] of Object.entries(recordsPresets)) {
    if (applies(policy)) out[kebab(name)] = PRESET_JSON[kebab(name)];
  }
  return out;
}

/** The records checks take `{ now, zone, calendar }`; a module's context is explicit about all three. */
const timeOf = (ctx: EvalContext): RecordsContext => ({
  now: ctx.now,
  zone: ctx.zone,
  calendar: ctx.calendar,
});

/** `{ result, violations }` from a check whose value carries its violations beside its findings. */
function split<V extends { violations: Violation[] }>(value: V) {
  const { violations, ...result } = value;
  return { result: result as Omit<V, 'violations'>, violations };
}

const params = RecordsParamsSchema;
const all = (): boolean => true;
const hasAccessRules = (p: RecordsPolicy): boolean => p.params.accessRules.length > 0;

/** The earliest triggering event of a handover, and where it sits (`events.<name>`). */
function earliestTrigger(
  events: Readonly<Record<string, string>>,
): { at: string; path: string[] } | undefined {
  let best: { at: string; path: string[]; ms: number } | undefined;
  for (const [name, at] of Object.entries(events)) {
    const ms = Date.parse(at);
    if (best === undefined || ms < best.ms) best = { at, path: ['events', name], ms };
  }
  return best === undefined ? undefined : { at: best.at, path: best.path };
}

/**
 * `records.handover`: the file handed over within its deadline in working days from the triggering event
 * (delivery, sale, first contact …); `records.handover.late`. Counts working days: pass a calendar.
 *
 * @example
 * const d = recordsHandover.evaluate(
 *   { fileTypeId: 'newCarSalesFile', fileId: 'VIN1', responsible: { personId: 'sc1', role: 'salesConsultant' },
 *     events: { delivery: '2024-03-04T10:00:00+08:00' }, handedOverAt: '2024-03-11T10:00:00+08:00' },
 *   recordsHandover.preset('dealer-files'),
 *   { now: '2024-03-12T00:00:00+08:00', calendar: chinaCalendar() },
 * );
 * d.value.result.outcomes[0]?.status; //=> 'late'
 * d.value.violations[0]?.code; //=> 'records.handover.late'
 */
export const recordsHandover = defineModule({
  id: 'records.handover',
  title: { zh: '档案移交期限', en: 'File handover deadline' },
  params,
  input: HandoverInputSchema,
  // The handover duty under the rules in force at its triggering event (the earliest one given).
  history: { kind: 'judgedAt', at: (input) => earliestTrigger(input.events) },
  needsCalendar: true,
  presets: presetsWhere((p) => p.params.fileTypes.some((t) => t.handover.length > 0)),
  evaluate: (input, policy, ctx) => {
    // The module parsed the input with HandoverInputSchema: it is not validated again. The decision
    // is built directly, without copying its trace.
    const d = underPath(['input'], () => handoverModuleParts(input, trustRecordsPolicy(policy), timeOf(ctx)));
    return { value: { result: d.result, violations: d.violations }, trace: d.trace };
  },
  // A well-formed file read by hand (no parsed copy); anything else, or any refusal, takes the
  // general path, which parses with zod and refuses exactly as before.
  fast: (input, policy, ctx) => {
    try {
      // (a getter or proxy that throws while it is read: the general path reads it again)
      return handoverFast(input, policy, ctx);
    } catch {
      return undefined;
    }
  },
});

/**
 * `records.completeness`: documents, fields, signatures, media, copies and arithmetic of a file;
 * `records.item.missing`, `records.item.defective`, `records.signature.missing`,
 * `records.signature.staffMissing`, `records.medium.missing`.
 *
 * @example
 * recordsCompleteness.evaluate(
 *   { fileTypeId: 'afterSalesMaintenanceFile', fileId: 'RO-1', responsible: { personId: 'sa1' },
 *     documents: [{ id: 'receptionSheet', signatures: { customer: 'ok', staff: 'ok' } }] },
 *   recordsCompleteness.preset('dealer-files'),
 *   { now: '2024-03-06T10:00:00+08:00' },
 * ).value.result.complete; //=> false
 */
export const recordsCompleteness = defineModule({
  id: 'records.completeness',
  title: { zh: '档案完整性', en: 'File completeness' },
  params,
  input: CompletenessInputSchema,
  history: {
    kind: 'now',
    reason: {
      zh: '完整性按检查时的制度判断',
      en: 'completeness is judged under the rules in force when it is checked',
    },
  },
  presets: presetsWhere(all),
  evaluate: (input, policy, ctx) => {
    // The module parsed the input with CompletenessInputSchema: it is not validated again. The
    // decision is built directly, without copying its trace.
    const d = underPath(['input'], () =>
      completenessModuleParts(input, trustRecordsPolicy(policy), timeOf(ctx)),
    );
    return { value: { result: d.result, violations: d.violations }, trace: d.trace };
  },
  // A well-formed file read by hand (no parsed copy); anything else, or any refusal, takes the
  // general path, which parses with zod and refuses exactly as before.
  fast: (input, policy, ctx) => {
    try {
      return completenessFast(input, policy, ctx);
    } catch {
      return undefined;
    }
  },
});

/**
 * `records.access`: whether a reader may view, copy, lend, disclose or share a file (default deny). A
 * decision before the fact: no violations (see `records.access-log` for accesses that happened).
 *
 * @example
 * recordsAccess.evaluate(
 *   { actor: { id: 'u1', roles: ['salesperson'] }, action: 'view',
 *     file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' } },
 *   recordsAccess.preset('sales-company-files'), { now: '2024-03-05T10:00:00+08:00' },
 * ).value.result.allowed; //=> false
 */
export const recordsAccess = defineModule({
  id: 'records.access',
  title: { zh: '档案查阅与外传权限', en: 'File access' },
  params,
  input: AccessRequestSchema,
  history: {
    kind: 'now',
    reason: {
      zh: '访问请求在提出时（ctx.now）判断',
      en: 'an access request is decided when it is made (ctx.now)',
    },
  },
  presets: presetsWhere(hasAccessRules),
  evaluate: (input, policy, ctx) => {
    const d = underPath(['input'], () => {
      // The module parsed the request: judged as it is, not parsed again.
      const trusted = trustRecordsPolicy(policy);
      return decideParsed(input, trusted, resolveContext(timeOf(ctx), trusted));
    });
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});

/** Input of `records.read`: the access request and the record as stored. */
export const ReadInputSchema = z.strictObject({
  request: AccessRequestSchema,
  record: recordOf(z.string(), z.unknown()),
});

/**
 * `records.read`: the access decision and, when allowed, the record as this reader may see it (undeclared
 * fields withheld, sensitive fields and every phone, ID-card and bank number masked).
 *
 * @example
 * recordsRead.evaluate(
 *   { request: { actor: { id: 'a1', roles: ['archiveAdmin'] }, action: 'view',
 *       file: { id: 'C1', fileTypeId: 'customerArchive003' } },
 *     record: { name: '李四' } },
 *   recordsRead.preset('customer-archive'), { now: '2024-03-06T10:00:00+08:00' },
 * ).value.result.record; //=> { name: '李四' }
 */
export const recordsRead = defineModule({
  id: 'records.read',
  title: { zh: '档案读取(脱敏)', en: 'Reading a file (masked)' },
  params,
  input: ReadInputSchema,
  history: {
    kind: 'now',
    reason: { zh: '查阅请求在提出时（ctx.now）判断', en: 'a read is decided when it is made (ctx.now)' },
  },
  presets: presetsWhere(hasAccessRules),
  evaluate: (input, policy, ctx) => {
    // The module parsed the request: read as it is, not parsed again.
    const d = underPath(['input', 'request'], () =>
      readParsed(input.request, input.record, trustRecordsPolicy(policy), timeOf(ctx)),
    );
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});

/** How many accesses of a log were denied (a file kept out past its return deadline is not a denial). */
const unauthorised = (violations: readonly Violation[]): number =>
  violations.filter((v) => v.code === 'records.access.unauthorised').length;

/** One access that happened: an access request whose `at` is required (a log says when). */
export const AccessLogEntrySchema = z.strictObject({ ...AccessRequestSchema.shape, at: InstantSchema });

/** Input of `records.access-log`: accesses as they happened, in time order per file. */
export const AccessLogInputSchema = z.strictObject({ log: z.array(AccessLogEntrySchema) });

/**
 * `records.access-log`: re-judges accesses that already happened; `records.access.unauthorised` for each
 * one the rules would have denied. The log is in time order within each file (any interleaving between
 * files).
 *
 * @example
 * recordsAccessLog.evaluate(
 *   { log: [{ actor: { id: 'u1', roles: ['salesperson'] }, action: 'view',
 *     file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' }, at: '2024-03-05T10:00:00+08:00' }] },
 *   recordsAccessLog.preset('sales-company-files'), { now: '2024-03-06T00:00:00+08:00' },
 * ).value.violations.length; //=> 1
 */
export const recordsAccessLog = defineModule({
  id: 'records.access-log',
  title: { zh: '档案访问日志审计', en: 'Access log audit' },
  params,
  input: AccessLogInputSchema,
  presets: presetsWhere(hasAccessRules),
  order: {
    path: ['input', 'log'],
    events: (input) => input.log,
    subject: (entry) => (entry as { file: { id: string } }).file.id,
    at: (entry) => (entry as { at: string }).at,
  },
  // A large log naming an unknown file type, action or place is refused at that entry before it is parsed.
  precheck: (input, policy) =>
    precheckLog((input as { log?: unknown } | null)?.log, trustRecordsPolicy(policy), AccessLogEntrySchema, [
      'input',
      'log',
    ]),
  evaluate: (input, policy, ctx) => {
    const trusted = trustRecordsPolicy(policy);
    // The module has parsed the log: judged as is, not parsed again entry by entry.
    const d = underPath(['input'], () =>
      auditParsed(input.log, trusted, resolveContext(timeOf(ctx), trusted)),
    );
    const result = { checked: input.log.length, denied: unauthorised(d.value) };
    return new Trace().append(d.trace).decide({ result, violations: d.value });
  },
  // Each log entry under the rules in force at its own time.
  history: {
    kind: 'anchored',
    events: { path: ['log'], events: (input) => input.log, at: (e) => (e as { at: string }).at },
    keep: (value, trace, inWindow, input) => {
      const violations = value.violations.filter((v) => inWindow(v.occurredAt));
      const checked = input.log.filter((e) => inWindow(e.at)).length;
      return {
        value: { result: { checked, denied: unauthorised(violations) }, violations },
        trace: trace.filter((t) => typeof t.data?.at !== 'string' || inWindow(t.data.at)),
      };
    },
    merge: (parts) => ({
      result: {
        checked: parts.reduce((n, p) => n + p.result.checked, 0),
        denied: parts.reduce((n, p) => n + p.result.denied, 0),
      },
      violations: parts.flatMap((p) => p.violations),
    }),
  },
});

/**
 * `records.loan`: a loan returned on time and complete, approved to be kept, or overdue;
 * `records.loan.overdue`, `records.file.lost`. A loan period may be in working days: pass a calendar.
 *
 * @example
 * recordsLoan.evaluate(
 *   { fileTypeId: 'newCarSalesFile', fileId: 'VIN1', borrower: { personId: 'u1' },
 *     lentAt: '2024-03-04T09:00:00+08:00', dueAt: '2024-03-06T18:00:00+08:00', piecesOut: 12,
 *     returnedAt: '2024-03-06T10:00:00+08:00', piecesReturned: 11 },
 *   recordsLoan.preset('dealer-files'), { now: '2024-03-07T08:00:00+08:00', calendar: chinaCalendar() },
 * ).value.result.piecesLost; //=> 1
 */
export const recordsLoan = defineModule({
  id: 'records.loan',
  title: { zh: '档案借阅', en: 'File loans' },
  params,
  input: LoanInputSchema,
  history: { kind: 'judgedAt', at: (input) => ({ at: input.lentAt, path: ['lentAt'] }) },
  needsCalendar: true,
  presets: presetsWhere((p) => p.params.loans !== null),
  evaluate: (input, policy, ctx) => {
    const d = underPath(['input'], () => {
      // The module parsed the loan: judged as it is, not parsed again.
      const trusted = trustRecordsPolicy(policy);
      return judgeLoan(input, trusted, resolveContext(timeOf(ctx), trusted), new Set());
    });
    return new Trace().append(d.trace).decide(split(d.value));
  },
});

/**
 * `records.destruction`: destruction only after the retention period, with every approval in order and a
 * destruction record; `records.destruction.unauthorised` for one that happened without them.
 *
 * @example
 * recordsDestruction.evaluate(
 *   { fileTypeId: 'leasingCustomerArchiveForm', fileId: 'A1', archivedOn: '2014-06-30' },
 *   recordsDestruction.preset('leasing-archive'), { now: '2024-07-01T10:00:00+08:00' },
 * ).value.result.missing; //=> ['approval:leasingHead', 'approval:generalManager']
 */
export const recordsDestruction = defineModule({
  id: 'records.destruction',
  title: { zh: '档案保管期限与销毁', en: 'Retention and destruction' },
  params,
  input: DestructionInputSchema,
  // The request for destruction; without one, the decision is made now.
  history: {
    kind: 'judgedAt',
    at: (input) =>
      input.requestedAt === undefined ? undefined : { at: input.requestedAt, path: ['requestedAt'] },
  },
  presets: presetsWhere((p) => p.params.fileTypes.some((t) => t.retention !== null)),
  evaluate: (input, policy, ctx) => {
    const d = underPath(['input'], () => destructionParsed(input, trustRecordsPolicy(policy), timeOf(ctx)));
    return new Trace().append(d.trace).decide(split(d.value));
  },
});

/**
 * `records.purge`: whether a long-inactive, unreachable customer's file may move to backup storage. Needs
 * a policy with `purgeInactivityMonths` (no shipped preset sets one: the seed gives no number).
 *
 * @example
 * // the company's own number: files inactive for 36 months may be purged
 * const policy = defineRecordsPolicy({ ...customerArchivePreset,
 *   params: { ...customerArchivePreset.params, purgeInactivityMonths: 36 } });
 * recordsPurge.evaluate(
 *   { fileId: 'C1', lastBusinessAt: '2020-01-10T00:00:00Z', contactLost: true },
 *   policy, { now: '2024-03-04T10:00:00+08:00' },
 * ).value.result.eligible; //=> true
 */
export const recordsPurge = defineModule({
  id: 'records.purge',
  title: { zh: '失联客户档案清理', en: 'Purging inactive files' },
  params,
  input: PurgeInputSchema,
  history: {
    kind: 'now',
    reason: {
      zh: '清理按决定清理时的保存规则判断',
      en: 'a purge is decided under the retention rules in force when it is decided',
    },
  },
  presets: presetsWhere((p) => p.params.purgeInactivityMonths !== null),
  evaluate: (input, policy, ctx) => {
    const d = underPath(['input'], () => purgeParsed(input, trustRecordsPolicy(policy), timeOf(ctx)));
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});

/**
 * `records.currency`: custodian, updates after transactions, periodic review, confirmation by the approver.
 *
 * @example
 * recordsCurrency.evaluate(
 *   { fileTypeId: 'salesDepartmentArchive', fileId: 'S1', custodianId: 'k1',
 *     lastTransactionAt: '2024-03-05T10:00:00+08:00', lastUpdatedAt: '2024-03-01T10:00:00+08:00' },
 *   recordsCurrency.preset('sales-site'), { now: '2024-03-06T08:00:00+08:00' },
 * ).value.result.stale; //=> true
 */
export const recordsCurrency = defineModule({
  id: 'records.currency',
  title: { zh: '档案及时更新', en: 'Keeping files current' },
  params,
  input: CurrencyInputSchema,
  history: {
    kind: 'now',
    reason: {
      zh: '资料是否过期按当前制度判断',
      en: 'whether records are current is judged under the rules of now',
    },
  },
  presets: presetsWhere(all),
  evaluate: (input, policy, ctx) => {
    const d = underPath(['input'], () => currencyParsed(input, trustRecordsPolicy(policy), timeOf(ctx)));
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});

/**
 * `records.snapshots`: the half-yearly snapshot duty of graded partner archives; `records.snapshot.missing`.
 *
 * @example
 * recordsSnapshots.evaluate(
 *   { partnerId: 'p1', grade: 'A', year: 2024, half: 2, snapshots: [], custodian: { personId: 'k1' } },
 *   recordsSnapshots.preset('partner-archive'), { now: '2025-01-01T08:00:00+08:00' },
 * ).value.violations[0]?.code; //=> 'records.snapshot.missing'
 */
export const recordsSnapshots = defineModule({
  id: 'records.snapshots',
  title: { zh: '合作伙伴档案定期存档', en: 'Partner archive snapshots' },
  params,
  input: SnapshotInputSchema,
  history: {
    kind: 'judgedAt',
    at: (input) => ({ date: `${input.year}-${input.half === 1 ? '01' : '07'}-01`, path: ['half'] }),
  },
  presets: presetsWhere((p) => p.params.snapshots !== null),
  evaluate: (input, policy, ctx) => {
    const d = underPath(['input'], () => snapshotsParsed(input, trustRecordsPolicy(policy), timeOf(ctx)));
    return new Trace().append(d.trace).decide(split(d.value));
  },
});

/**
 * `records.cadence`: the periodic forms and reports (daily visitor/call statistics, weekly and monthly
 * analyses, daily and weekly plans, S001-ARCHIVE-04/06/07) produced for every period of their
 * `cadence` that is over; `records.cadence.missed` per period without one.
 *
 * @example
 * recordsCadence.evaluate(
 *   { range: { from: '2024-03-04', to: '2024-03-10' }, fileTypeIds: ['weeklyPlan'],
 *     produced: [{ fileTypeId: 'weeklyPlan', period: '2024-03-09T18:00:00+08:00' }],
 *     responsible: { personId: 'm1' } },
 *   recordsCadence.preset('sales-office'), { now: '2024-03-11T09:00:00+08:00' },
 * ).value.violations.length; //=> 0
 */
export const recordsCadence = defineModule({
  id: 'records.cadence',
  title: { zh: '定期报表按时填写', en: 'Periodic forms on time' },
  params,
  input: FormCadenceInputSchema,
  history: {
    kind: 'judgedAt',
    at: (input) => ({ date: input.range.from, path: ['range', 'from'] }),
  },
  presets: presetsWhere((p) => p.params.fileTypes.some((t) => periodic(p, t))),
  evaluate: (input, policy, ctx) => {
    const d = underPath(['input'], () => cadenceParsed(input, trustRecordsPolicy(policy), timeOf(ctx)));
    return new Trace().append(d.trace).decide(split(d.value));
  },
});

/**
 * `records.ledger`: every file received that day registered in the handover ledger with its electronic
 * record; `records.ledger.backlog`.
 *
 * @example
 * recordsLedger.evaluate(
 *   { date: '2024-03-05', admin: { personId: 'a1' }, received: ['F1', 'F2'], registered: ['F1'],
 *     electronicCreated: ['F1'] },
 *   recordsLedger.preset('dealer-files'), { now: '2024-03-06T08:00:00+08:00' },
 * ).value.result.backlog; //=> ['F2']
 */
export const recordsLedger = defineModule({
  id: 'records.ledger',
  title: { zh: '档案签收登记', en: 'Daily handover ledger' },
  params,
  input: HandoverLedgerInputSchema,
  history: { kind: 'judgedAt', at: (input) => ({ date: input.date, path: ['date'] }) },
  presets: presetsWhere((p) => p.params.ledger !== null),
  evaluate: (input, policy, ctx) => {
    const d = underPath(['input'], () => ledgerDayParsed(input, trustRecordsPolicy(policy), timeOf(ctx)));
    return new Trace().append(d.trace).decide(split(d.value));
  },
});

/** Input of `records.backup`: when the last backup of the electronic archive finished. */
export const BackupInputSchema = z.strictObject({ lastBackupAt: InstantSchema });

/**
 * `records.backup`: whether the periodic backup is overdue. Needs a policy with `backupIntervalHours`
 * (no shipped preset sets one: the seed gives no number).
 *
 * @example
 * // the company's own number: a backup every 24 hours
 * const policy = defineRecordsPolicy({ ...customerArchivePreset,
 *   params: { ...customerArchivePreset.params, backupIntervalHours: 24 } });
 * recordsBackup.evaluate({ lastBackupAt: '2024-03-04T09:00:00+08:00' }, policy,
 *   { now: '2024-03-05T10:00:00+08:00' }).value.result.overdue; //=> true (25 hours since the last one)
 */
export const recordsBackup = defineModule({
  id: 'records.backup',
  title: { zh: '电子档案定期备份', en: 'Electronic archive backup' },
  params,
  input: BackupInputSchema,
  history: {
    kind: 'now',
    reason: {
      zh: '备份是否逾期按当前制度判断',
      en: 'whether a backup is overdue is judged under the rules of now',
    },
  },
  presets: presetsWhere((p) => p.params.backupIntervalHours !== null),
  evaluate: (input, policy, ctx) => {
    const d = underPath(['input'], () =>
      backupState(input.lastBackupAt, trustRecordsPolicy(policy), timeOf(ctx)),
    );
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});

/**
 * `records.filing`: rows audited against a one-party filing duty of the policy (经办人限期归入档案柜、录入
 * 档案系统): each row filed on time, late, still missing after its due time, or dated before its trigger;
 * `records.filing.late`, `records.filing.missing`, `records.register.rowInvalid`. A row without a person
 * is attributed to the duty's role. Working days use the calendar.
 *
 * @example
 * recordsFiling.evaluate(
 *   { duty: 'contractIntoCabinet', rows: [
 *     { id: 'HT-1', triggeredAt: '2025-03-03T10:00:00+08:00', filedAt: '2025-03-04T09:00:00+08:00', personId: 'wang' },
 *     { id: 'HT-2', triggeredAt: '2025-03-03T11:00:00+08:00' }] },
 *   recordsFiling.preset('example-lanting-realty'), { now: '2025-03-12T09:00:00+08:00', calendar: chinaCalendar() },
 * ).value.violations[0]?.code; //=> 'records.filing.missing' (HT-2, attributed to the duty's role)
 */
export const recordsFiling = defineModule({
  id: 'records.filing',
  title: { zh: '限期归档登记', en: 'Filing into a register' },
  params,
  input: FilingInputSchema,
  history: {
    kind: 'now',
    reason: {
      zh: '登记簿按审计时的制度核对',
      en: 'a register is audited under the rules in force when it is audited',
    },
  },
  needsCalendar: true,
  presets: presetsWhere((p) => p.params.filingDuties.length > 0),
  evaluate: (input, policy, ctx) => {
    const d = underPath(['input'], () => filingParsed(input, trustRecordsPolicy(policy), timeOf(ctx)));
    return new Trace().append(d.trace).decide(split(d.value));
  },
});

/**
 * `records.loan-register`: a loan register (借阅登记簿) audited row by row; a row that breaks the
 * register's rules (no due time, no count of pieces returned …) is a finding `records.register.rowInvalid`
 * naming the row, and the other rows are judged as `records.loan` judges one loan.
 *
 * @example
 * recordsLoanRegister.evaluate({ rows: [
 *   { fileTypeId: 'newCarSalesFile', fileId: 'VIN2', borrower: { personId: 'u2' },
 *     lentAt: '2024-03-04T09:00:00+08:00', piecesOut: 3 }] },
 *   recordsLoanRegister.preset('dealer-files'), { now: '2024-03-07T08:00:00+08:00', calendar: chinaCalendar() },
 * ).value.result.invalid; //=> 1
 */
export const recordsLoanRegister = defineModule({
  id: 'records.loan-register',
  title: { zh: '借阅登记簿审计', en: 'Loan register audit' },
  params,
  input: LoanRegisterInputSchema,
  history: {
    kind: 'now',
    reason: {
      zh: '登记簿按审计时的制度核对',
      en: 'a register is audited under the rules in force when it is audited',
    },
  },
  needsCalendar: true,
  presets: presetsWhere((p) => p.params.loans !== null),
  evaluate: (input, policy, ctx) => {
    const d = underPath(['input'], () => loanRegisterParsed(input, trustRecordsPolicy(policy), timeOf(ctx)));
    return new Trace().append(d.trace).decide(split(d.value));
  },
});

/**
 * `records.open-file`: one file per vehicle or customer (一车一档): the existing file, or a new
 * deterministic id `<fileTypeId>:<key>`.
 *
 * @example
 * recordsOpenFile.evaluate({ fileTypeId: 'newCarSalesFile', key: 'LSV123' },
 *   recordsOpenFile.preset('dealer-files'), { now: '2024-03-06T08:00:00+08:00' }).value.result
 * //=> { fileId: 'newCarSalesFile:LSV123', created: true }
 */
export const recordsOpenFile = defineModule({
  id: 'records.open-file',
  title: { zh: '建档(一车一档)', en: 'Opening a file' },
  params,
  input: OpenFileInputSchema,
  history: { kind: 'now', reason: { zh: '建档不含时间', en: 'opening a file carries no time' } },
  presets: presetsWhere((p) => p.params.fileTypes.some((t) => t.uniqueKey !== undefined)),
  evaluate: (input, policy) => {
    const d = underPath(['input'], () => openFileParsed(input, trustRecordsPolicy(policy)));
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});

/**
 * `records.workflow`: moves a file one step through its workflow (初审 → 归档审核 …).
 *
 * @example
 * recordsWorkflow.evaluate({ workflowId: 'archiveReview', state: 'entered', action: 'preliminaryPass',
 *   actor: { id: 'm1', roles: ['salesManager'] } }, recordsWorkflow.preset('customer-archive'),
 *   { now: '2024-03-06T08:00:00+08:00' }).value.result.state; //=> 'preReviewed'
 */
export const recordsWorkflow = defineModule({
  id: 'records.workflow',
  title: { zh: '档案流转', en: 'File workflow' },
  params,
  input: AdvanceInputSchema,
  history: { kind: 'now', reason: { zh: '流程步骤不含时间', en: 'a workflow step carries no time' } },
  presets: presetsWhere((p) => p.params.workflows.length > 0),
  evaluate: (input, policy) => {
    const d = underPath(['input'], () => advanceWorkflowParsed(input, trustRecordsPolicy(policy)));
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});

/** Every records module, for the registry and the CLI. */
export const recordsModules = [
  recordsHandover,
  recordsCompleteness,
  recordsAccess,
  recordsRead,
  recordsAccessLog,
  recordsLoan,
  recordsDestruction,
  recordsPurge,
  recordsCurrency,
  recordsSnapshots,
  recordsCadence,
  recordsLedger,
  recordsBackup,
  recordsFiling,
  recordsLoanRegister,
  recordsOpenFile,
  recordsWorkflow,
] as const;
