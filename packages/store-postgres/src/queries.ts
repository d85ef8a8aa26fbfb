import { toInstant, ZhiduError } from '@zhidu/core';
import { checkInteger, checkOptions, requireText } from './guard.js';
import type { Tables } from './migrations.js';
import { utcText } from './sql-text.js';

/** The current owner of a customer as stored: who, and the decision that says so. */
export interface OwnerView {
  customerId: string;
  owner: string | null;
  streamId: string;
  streamVersion: number;
  /** The `attribution.ownership` result (ids and decisions; no names or phone numbers). */
  result: unknown;
  /** The decision's trace, each entry citing its clause. */
  trace: unknown[];
  /** Module, policy id, version and hash, calendar, library. */
  provenance: unknown;
}

/** An open timer with its due and warning instants. */
export interface TimerView {
  streamId: string;
  key: string;
  subject: string;
  timerId: string;
  rule: string;
  status: string;
  dueAt: string | null;
  warnAt: string | null;
  provisional: boolean;
  policyHash: string;
}

/** A violation as stored. */
export interface ViolationView {
  streamId: string;
  moduleId: string;
  code: string;
  rule: string;
  personId: string;
  occurredAt: string;
  period: string;
  violation: unknown;
}

/** One person's penalty ledger for one month, summed over the ledger streams that name them. */
export interface LedgerView {
  personId: string;
  period: string;
  totalFen: number;
  lines: unknown[];
  streams: string[];
}

/** A credit account's state. */
export interface CreditAccountView {
  accountId: string;
  streamId: string;
  streamVersion: number;
  limitFen: number | null;
  usedFen: number;
  /** The limit left (`null` when no limit was computed yet). */
  availableFen: number | null;
  openShipments: unknown[];
  provenance: unknown;
}

interface QueryHost {
  t: Tables;
  tenant: string;
  run<R>(operation: string, text: string, params: unknown[]): Promise<{ rows: R[] }>;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
const iso = (v: unknown): string | null =>
  v === null || v === undefined ? null : new Date(v as string | Date).toISOString();
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** @internal use `EventStore.owner` */
export async function ownerOf(host: QueryHost, customerId: string): Promise<OwnerView | undefined> {
  requireText(customerId, ['customerId'], { zh: '客户标识', en: 'a customer id' });
  const r = await host.run<Record<string, unknown>>(
    `read the owner of ${customerId}`,
    `SELECT customer_id, owner, stream_id, stream_version, result::text AS result, trace::text AS trace, provenance::text AS provenance
     FROM ${host.t.owners} WHERE tenant = $1 AND customer_id = $2`,
    [host.tenant, customerId],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return {
    customerId: String(row.customer_id),
    owner: row.owner === null ? null : String(row.owner),
    streamId: String(row.stream_id),
    streamVersion: Number(row.stream_version),
    result: json(row.result),
    trace: json(row.trace) as unknown[],
    provenance: json(row.provenance),
  };
}

/** @internal use `EventStore.timersDue` */
export async function timersDue(
  host: QueryHost,
  from: string,
  to: string,
  options: { limit?: number; by?: 'due' | 'warning' } = {},
): Promise<TimerView[]> {
  const start = toInstant(from, ['from']);
  const end = toInstant(to, ['to']);
  if (Date.parse(end) < Date.parse(start))
    throw new ZhiduError(
      'invalid_input',
      ['to'],
      `to（${end}）早于 from（${start}） / to (${end}) is before from (${start})`,
    );
  const opts = checkOptions(options, ['limit', 'by']);
  const limit = checkInteger(opts.limit, ['options', 'limit'], 1, 1_000_000) ?? 10_000;
  if (opts.by !== undefined && opts.by !== 'due' && opts.by !== 'warning')
    throw new ZhiduError(
      'invalid_input',
      ['options', 'by'],
      `by 须为 due 或 warning / by is 'due' or 'warning'`,
    );
  const column = opts.by === 'warning' ? 'warn_at' : 'due_at';
  // One range scan of the partial index (tenant, due_at) WHERE open (or its warn_at twin).
  const r = await host.run<Record<string, unknown>>(
    'read timers due',
    `SELECT stream_id, timer_key, subject, timer_id, rule, status, ${utcText('due_at')} AS due_text,
            ${utcText('warn_at')} AS warn_text, provisional, policy_hash
     FROM ${host.t.timers} WHERE tenant = $1 AND open AND ${column} >= $2::timestamptz AND ${column} < $3::timestamptz
     ORDER BY ${column}, stream_id, timer_key LIMIT $4`,
    [host.tenant, start, end, limit],
  );
  return r.rows.map((row) => ({
    streamId: String(row.stream_id),
    key: String(row.timer_key),
    subject: String(row.subject),
    timerId: String(row.timer_id),
    rule: String(row.rule),
    status: String(row.status),
    dueAt: iso(row.due_text),
    warnAt: iso(row.warn_text),
    provisional: row.provisional === true,
    policyHash: String(row.policy_hash),
  }));
}

/** The SQL a query for timers due runs, for `EXPLAIN` (tests check it uses the index). @internal */
export function timersDueSql(t: Tables): string {
  return `SELECT timer_key FROM ${t.timers} WHERE tenant = $1 AND open AND due_at >= $2::timestamptz AND due_at < $3::timestamptz ORDER BY due_at`;
}

/** @internal use `EventStore.violations` */
export async function violationsIn(
  host: QueryHost,
  options: { from?: string; to?: string; personId?: string; moduleId?: string; period?: string } = {},
): Promise<ViolationView[]> {
  const opts = checkOptions(options, ['from', 'to', 'personId', 'moduleId', 'period']);
  const where = ['tenant = $1'];
  const params: unknown[] = [host.tenant];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (opts.from !== undefined)
    add('occurred_at >= ?::timestamptz', toInstant(opts.from as string, ['options', 'from']));
  if (opts.to !== undefined)
    add('occurred_at < ?::timestamptz', toInstant(opts.to as string, ['options', 'to']));
  if (opts.personId !== undefined)
    add(
      'person_id = ?',
      requireText(opts.personId, ['options', 'personId'], { zh: '人员', en: 'a person id' }),
    );
  if (opts.moduleId !== undefined)
    add(
      'module_id = ?',
      requireText(opts.moduleId, ['options', 'moduleId'], { zh: '模块', en: 'a module id' }),
    );
  if (opts.period !== undefined) {
    if (typeof opts.period !== 'string' || !PERIOD.test(opts.period))
      throw new ZhiduError('invalid_input', ['options', 'period'], '月份须为 YYYY-MM / a period is YYYY-MM');
    add('period = ?', opts.period);
  }
  const r = await host.run<Record<string, unknown>>(
    'read violations',
    `SELECT stream_id, module_id, code, rule, person_id, ${utcText('occurred_at')} AS occurred_text, period,
            violation::text AS violation
     FROM ${host.t.violations} WHERE ${where.join(' AND ')} ORDER BY occurred_at, stream_id, seq`,
    params,
  );
  return r.rows.map((row) => ({
    streamId: String(row.stream_id),
    moduleId: String(row.module_id),
    code: String(row.code),
    rule: String(row.rule),
    personId: String(row.person_id),
    occurredAt: iso(row.occurred_text) as string,
    period: String(row.period),
    violation: json(row.violation),
  }));
}

/** @internal use `EventStore.ledger` */
export async function ledgerOf(host: QueryHost, personId: string, period: string): Promise<LedgerView> {
  requireText(personId, ['personId'], { zh: '人员', en: 'a person id' });
  if (typeof period !== 'string' || !PERIOD.test(period))
    throw new ZhiduError(
      'invalid_input',
      ['period'],
      `月份须为 YYYY-MM / a period is YYYY-MM, got ${JSON.stringify(period)}`,
    );
  const r = await host.run<Record<string, unknown>>(
    `read the ledger of ${personId}`,
    `SELECT stream_id, total_fen, lines::text AS lines FROM ${host.t.ledger}
     WHERE tenant = $1 AND person_id = $2 AND period = $3 ORDER BY stream_id`,
    [host.tenant, personId, period],
  );
  return {
    personId,
    period,
    totalFen: r.rows.reduce((sum, row) => sum + Number(row.total_fen), 0),
    lines: r.rows.flatMap((row) => json(row.lines) as unknown[]),
    streams: r.rows.map((row) => String(row.stream_id)),
  };
}

/** @internal use `EventStore.creditAccount` */
export async function creditAccountOf(
  host: QueryHost,
  accountId: string,
): Promise<CreditAccountView | undefined> {
  requireText(accountId, ['accountId'], { zh: '账户', en: 'an account id' });
  const r = await host.run<Record<string, unknown>>(
    `read credit account ${accountId}`,
    `SELECT account_id, stream_id, stream_version, limit_fen, used_fen, open_shipments::text AS open_shipments, provenance::text AS provenance
     FROM ${host.t.credit} WHERE tenant = $1 AND account_id = $2`,
    [host.tenant, accountId],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  const limitFen = row.limit_fen === null ? null : Number(row.limit_fen);
  const usedFen = Number(row.used_fen);
  return {
    accountId: String(row.account_id),
    streamId: String(row.stream_id),
    streamVersion: Number(row.stream_version),
    limitFen,
    usedFen,
    availableFen: limitFen === null ? null : limitFen - usedFen,
    openShipments: json(row.open_shipments) as unknown[],
    provenance: json(row.provenance),
  };
}
