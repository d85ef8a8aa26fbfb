import { NoticeFileSchema, YearNoticeSchema } from '@zhidu/calendar-cn';
import {
  canonicalJson,
  contentHash,
  type ErrorPath,
  isZhiduError,
  type ModuleDecision,
  type Policy,
  PolicyHistory,
  parseInput,
  RecentByText,
  toInstant,
  ZhiduError,
} from '@zhidu/core';
import { type AnyModule, evaluate as evaluateModule, getModule, getPreset } from '@zhidu/modules';
import type { SqlExecutor } from './client.js';
import { checkJson, checkOptions, requireText } from './guard.js';
import { type InsertPart, insertAll, replaceOnConflict, streamColumns } from './insert.js';
import type { Tables } from './migrations.js';
import {
  type CreditRow,
  type LedgerRow,
  type OwnerRow,
  type ProjectionRows,
  projectDecisions,
  type TimerRow,
  type ViolationRow,
} from './projections.js';
import type { EventRecord } from './request.js';
import { utcText } from './sql-text.js';
import { eventInstant, type PersonalValue, type StreamShape, splitPersonal, streamShape } from './streams.js';

/** What the domain operations need from the store. @internal */
export interface DomainHost {
  t: Tables;
  tenant: string;
  personalKeys: ReadonlySet<string>;
  /** How the PRC calendar answers beyond its data (default: error, a refusal). */
  outsideData?: 'error' | 'provisional' | 'weekdays';
  clock: () => string;
  /** Runs `fn` in a transaction, re-running it when it lost a race (with a key), mapping errors. */
  transaction<T>(operation: string, fn: (tx: SqlExecutor) => Promise<T>, retry: boolean): Promise<T>;
  /**
   * Appends inside the caller's transaction (idempotency, expected version). The caller holds the
   * stream's lock already ({@link DomainHost.lockStream}): the append does not take it again.
   */
  appendIn(
    tx: SqlExecutor,
    streamId: string,
    records: readonly EventRecord[],
    expectedVersion: number | undefined,
    request: { key: string; fingerprint: string } | undefined,
    /** The stream's head version, read by the caller under the lock. */
    head: number,
  ): Promise<{ streamId: string; fromVersion: number; toVersion: number; replayed: boolean }>;
  /**
   * Takes the stream's transaction-scoped lock (held until the transaction ends), and the tenant's
   * calendar notices shared: what judges a stream holds it, so a notice import waits for it.
   */
  lockStream(tx: SqlExecutor, streamId: string): Promise<void>;
  /** Takes the tenant's calendar notices alone, until the transaction ends (a notice import). */
  lockNotices(tx: SqlExecutor): Promise<void>;
  fingerprint(streamId: string, expectedVersion: number | undefined, records: readonly EventRecord[]): string;
}

/** A stream's binding: the module it belongs to, its policy id, its customer and its input. */
interface StreamRow {
  module_id: string;
  policy_id: string;
  customer_id: string | null;
  input: unknown;
}

/** Options of `store.record`. */
export interface RecordOptions {
  /** The stream version the caller decided on (0 for a new stream); see `append`. */
  expectedVersion?: number;
  /** Makes retries safe; see `append`. */
  idempotencyKey?: string;
  /**
   * The policy id the stream is judged under (its versions form the history). Needed on a
   * stream's first record when the tenant holds policies of several ids for the module.
   */
  policyId?: string;
  /**
   * The rest of the module's input besides its event list (`customerId` and `staff` for
   * `attribution.ownership`, `ledger` for `credit.account`, `roster` for `penalty.ledger`). Kept with
   * the stream; a later record may replace it.
   */
  input?: Record<string, unknown>;
  /** Whose personal data the events carry (for erasure); default: the event's or input's `customerId`, else the stream id. */
  customerId?: string;
  /** The evaluation instant (default: the store's clock). */
  now?: string;
  /**
   * Whose time says when each event was recorded (facts as of their time, for modules whose events
   * carry `recordedAt`: `sla.timers`, `sla.incidents`, `sla.quota`, `sla.rates`):
   * - `'event'` (default, today's behaviour): an event's own `recordedAt`, else its `at` — right for
   *   a backfill of historical events, which were recorded when they happened;
   * - `'store'`: an event given without its own `recordedAt` is stored with the append time (the
   *   store's clock) as its `recordedAt`, so a fact entered after a breach was reported is judged as
   *   recorded late — the breach stays reported unless the policy's `excuses` allow it — now and on
   *   every `rebuild`. An event dated after the append time is refused (it cannot be recorded before
   *   it happened), and so is this option for a module whose events carry no `recordedAt`.
   */
  recordedAt?: 'event' | 'store';
  /** The tenant the caller means; refused with `invalid_state` when it is not the store's. */
  tenant?: string;
  /** A projection of your own, written in the same transaction: decision(s) and events → rows. */
  project?: (
    decisions: readonly ModuleDecision<unknown>[],
    events: readonly unknown[],
  ) => { name: string; key: string; value: unknown }[];
}

/** What `store.record` did. */
export interface RecordResult {
  streamId: string;
  fromVersion: number;
  toVersion: number;
  /** True when an earlier call with the same idempotency key had already recorded these events. */
  replayed: boolean;
  /** The stream's decision(s) after the append: one for an event-list module, one per event otherwise. Empty on a replay. */
  decisions: ModuleDecision<unknown>[];
}

/** One projection row that a recomputation added, removed or changed. */
export interface ProjectionChange {
  streamId: string;
  projection: 'owner' | 'timers' | 'violations' | 'ledger' | 'credit';
  key: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** What a recomputation (rebuild, a policy version, a calendar notice) did. */
export interface RebuildReport {
  /** The streams recomputed. */
  streams: string[];
  /** Every projection row that differs from before. */
  changes: ProjectionChange[];
}

const OPTION_KEYS = [
  'expectedVersion',
  'idempotencyKey',
  'policyId',
  'input',
  'customerId',
  'now',
  'recordedAt',
  'tenant',
  'project',
] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Refuses, at `path`, a value the store cannot keep exactly as JSON: what `checkJson` refuses, a
 * BigInt, a cycle, or nesting too deep to walk.
 */
function checkStorableJson(value: unknown, path: ErrorPath): void {
  try {
    checkJson(value, path);
    JSON.stringify(value);
  } catch (e) {
    if (isZhiduError(e)) throw e;
    throw new ZhiduError(
      'invalid_input',
      path,
      `值无法以 JSON 存储（${(e as Error).message}） / the value cannot be stored as JSON (${(e as Error).message})`,
    );
  }
}

/** The same error at another path (the message's `(at …)` suffix follows it). */
function moved(e: ZhiduError, path: ErrorPath): ZhiduError {
  const message = e.message.replace(/ \(at [^)]*\)$/, '');
  return new ZhiduError(e.code, path, message, e.details);
}

/** Refuses a tenant other than the store's. */
export function checkTenant(host: DomainHost, tenant: unknown): void {
  if (tenant === undefined) return;
  requireText(tenant, ['options', 'tenant'], { zh: '租户', en: 'the tenant' });
  if (tenant !== host.tenant) {
    throw new ZhiduError(
      'invalid_state',
      ['options', 'tenant'],
      `此存储写入租户 ${JSON.stringify(host.tenant)}，请求的是 ${JSON.stringify(tenant)}：请使用该租户的存储，未写入任何内容 / this store writes tenant ${JSON.stringify(host.tenant)}, the request is for ${JSON.stringify(tenant)}: use that tenant's store; nothing was written`,
      { storeTenant: host.tenant, requested: tenant },
    );
  }
}

function moduleOf(moduleId: unknown): AnyModule {
  requireText(moduleId, ['moduleId'], { zh: '模块标识', en: 'a module id' });
  try {
    return getModule(moduleId as string);
  } catch (e) {
    throw isZhiduError(e) ? moved(e, ['moduleId']) : e;
  }
}

/** The columns of a stream's binding, as {@link boundOf} reads them. */
const BINDING_COLUMNS = 'module_id, policy_id, customer_id, input::text AS input';

/** A stream row as read (or the empty side of a LEFT JOIN) as its binding; `undefined` for none. */
function boundOf(row: Partial<StreamRow> | undefined): StreamRow | undefined {
  if (!row || row.module_id === null || row.module_id === undefined) return undefined;
  return {
    module_id: row.module_id,
    policy_id: row.policy_id as string,
    customer_id: row.customer_id ?? null,
    input: typeof row.input === 'string' ? JSON.parse(row.input) : row.input,
  };
}

/** A stream's binding: its module, policy, customer and input; `undefined` for a stream bound to none. */
async function streamRow(
  host: DomainHost,
  tx: SqlExecutor,
  streamId: string,
): Promise<StreamRow | undefined> {
  const r = await tx.query<StreamRow>(
    `SELECT ${BINDING_COLUMNS} FROM ${host.t.streams} WHERE tenant = $1 AND stream_id = $2`,
    [host.tenant, streamId],
  );
  return boundOf(r.rows[0]);
}

/**
 * A stream's binding (if it has one) and its head version (0 for no events), in one statement: a
 * record needs both, and the head tells apart a stream written with `append` (events, no binding).
 */
async function streamState(
  host: DomainHost,
  tx: SqlExecutor,
  streamId: string,
): Promise<{ bound: StreamRow | undefined; head: number }> {
  const r = await tx.query<Partial<StreamRow> & { head: number | string | null }>(
    `SELECT ${BINDING_COLUMNS},
            (SELECT MAX(version) FROM ${host.t.events} WHERE tenant = $1 AND stream_id = $2) AS head
       FROM (SELECT 1) AS one
       LEFT JOIN ${host.t.streams} s ON s.tenant = $1 AND s.stream_id = $2`,
    [host.tenant, streamId],
  );
  const row = r.rows[0];
  return { bound: boundOf(row), head: Number(row?.head ?? 0) };
}

/** The policy versions of a module and policy id, as a history; `undefined` when there are none. */
async function historyOf(
  host: DomainHost,
  tx: SqlExecutor,
  mod: AnyModule,
  policyId: string,
): Promise<PolicyHistory<unknown> | undefined> {
  const r = await tx.query<{ content: unknown }>(
    `SELECT content::text AS content FROM ${host.t.policies} WHERE tenant = $1 AND module_id = $2 AND policy_id = $3 ORDER BY version`,
    [host.tenant, mod.id, policyId],
  );
  return historyFrom(
    mod,
    r.rows.map((row) => (typeof row.content === 'string' ? row.content : JSON.stringify(row.content))),
  );
}

/**
 * What a stream is judged under, in one statement: its policy history (`undefined` when the module
 * has no versions under that id) and the tenant's calendar notices, by year and then in the order
 * they were recorded.
 */
async function judgedUnder(
  host: DomainHost,
  tx: SqlExecutor,
  mod: AnyModule,
  policyId: string,
): Promise<{ history: PolicyHistory<unknown> | undefined; notices: unknown[] }> {
  const r = await tx.query<{ versions: string | null; notices: string | null }>(
    `SELECT (SELECT json_agg(content::text ORDER BY version) FROM ${host.t.policies}
              WHERE tenant = $1 AND module_id = $2 AND policy_id = $3)::text AS versions,
            (SELECT json_agg(content ORDER BY year, recorded_at) FROM ${host.t.notices}
              WHERE tenant = $1)::text AS notices`,
    [host.tenant, mod.id, policyId],
  );
  const row = r.rows[0];
  const texts = row?.versions ? (JSON.parse(row.versions) as string[]) : [];
  const notices = row?.notices ? (JSON.parse(row.notices) as unknown[]) : [];
  return { history: historyFrom(mod, texts), notices };
}

/** The history of the stored version texts of one policy: the one validated before for the same texts. */
function historyFrom(mod: AnyModule, texts: readonly string[]): PolicyHistory<unknown> | undefined {
  if (texts.length === 0) return undefined;
  // The same versions as the last record read: the history validated then (every record of a
  // stream judged it again — validation was most of a small record's own work, issue 21). Keyed by
  // the module and the stored texts themselves, so a version changed in the table is read afresh.
  // A JSON text holds no raw U+0000, so the joined key is unambiguous.
  const key = `${mod.id}\u0000${texts.join('\u0000')}`;
  const known = histories.get(key);
  if (known !== undefined) return known;
  const history = new PolicyHistory(
    mod.schemas.params as never,
    texts.map((text) => JSON.parse(text)),
  );
  histories.set(key, history);
  return history;
}

/** The policy histories the store read last, by module and stored texts (a history is immutable). */
const histories = new RecentByText<PolicyHistory<unknown>>(64, 4_000_000);

async function policyIdsOf(host: DomainHost, tx: SqlExecutor, moduleId: string): Promise<string[]> {
  const r = await tx.query<{ policy_id: string }>(
    `SELECT DISTINCT policy_id FROM ${host.t.policies} WHERE tenant = $1 AND module_id = $2 ORDER BY policy_id`,
    [host.tenant, moduleId],
  );
  return r.rows.map((row) => row.policy_id);
}

/** A stream's stored events (personal values pseudonymised), in time order, stable by version. */
async function streamEvents(
  host: DomainHost,
  tx: SqlExecutor,
  streamId: string,
): Promise<{ version: number; occurredAt: number; payload: unknown }[]> {
  const r = await tx.query<{ version: number; occurred_at: string | Date; payload: unknown }>(
    `SELECT version, ${utcText('occurred_at')} AS occurred_at, payload::text AS payload FROM ${host.t.events} WHERE tenant = $1 AND stream_id = $2 ORDER BY version`,
    [host.tenant, streamId],
  );
  return r.rows
    .map((row) => ({
      version: Number(row.version),
      occurredAt: new Date(row.occurred_at).getTime(),
      payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    }))
    .sort((a, b) => a.occurredAt - b.occurredAt || a.version - b.version);
}

/**
 * Evaluates a module over a stream's events under its policy history. Refusals name the recorded
 * event (`['events', i, …]`) when it is one of those being recorded (`newFrom`: the first new version).
 */
function judge(
  mod: AnyModule,
  shape: StreamShape,
  input: Record<string, unknown>,
  events: readonly { version: number; payload: unknown }[],
  history: PolicyHistory<unknown>,
  ctx: { now: string; notices: unknown[]; outsideData?: 'error' | 'provisional' | 'weekdays' | undefined },
  newFrom: number,
): { decisions: ModuleDecision<unknown>[]; inputs: Record<string, unknown>[] } {
  const context = {
    now: ctx.now,
    ...(ctx.notices.length > 0 ? { notices: ctx.notices as never } : {}),
    ...(ctx.outsideData === undefined ? {} : { outsideData: ctx.outsideData }),
  };
  const where = (version: number, rest: ErrorPath): ErrorPath =>
    version >= newFrom ? ['events', version - newFrom, ...rest] : ['stream', 'version', version, ...rest];
  if (shape.kind === 'list') {
    const full = { ...input, [shape.key]: events.map((e) => e.payload) };
    try {
      return { decisions: [evaluateModule(mod.id, full, history, context)], inputs: [full] };
    } catch (e) {
      if (!isZhiduError(e)) throw e;
      const [root, key, index, ...rest] = e.path;
      if (root === 'input' && key === shape.key && typeof index === 'number') {
        const ev = events[index];
        if (ev) throw moved(e, where(ev.version, rest));
      }
      if (root === 'input' && key !== undefined) throw moved(e, ['options', 'input', ...e.path.slice(1)]);
      throw e;
    }
  }
  const decisions: ModuleDecision<unknown>[] = [];
  const inputs: Record<string, unknown>[] = [];
  for (const ev of events) {
    try {
      decisions.push(evaluateModule(mod.id, ev.payload, history, context));
      inputs.push(ev.payload as Record<string, unknown>);
    } catch (e) {
      if (!isZhiduError(e)) throw e;
      const [root, ...rest] = e.path;
      if (root === 'input') throw moved(e, where(ev.version, rest));
      throw e;
    }
  }
  return { decisions, inputs };
}

/** The projection rows stored for a stream, keyed for comparison. */
async function storedRows(
  host: DomainHost,
  tx: SqlExecutor,
  streamId: string,
): Promise<Map<string, { projection: ProjectionChange['projection']; key: string; value: unknown }>> {
  const { t, tenant } = host;
  const out = new Map<string, { projection: ProjectionChange['projection']; key: string; value: unknown }>();
  const put = (projection: ProjectionChange['projection'], key: string, value: unknown) =>
    out.set(`${projection}\u0001${key}`, { projection, key, value });
  // The five projections in one statement (one round trip instead of five), each as a JSON list.
  const lists = await tx.query<Record<string, string | null>>(
    `SELECT
       (SELECT json_agg(x) FROM (SELECT timer_key, status, open, ${utcText('due_at')} AS due_at,
          ${utcText('warn_at')} AS warn_at, provisional FROM ${t.timers}
          WHERE tenant = $1 AND stream_id = $2) x)::text AS timers,
       (SELECT json_agg(x) FROM (SELECT code, person_id, ${utcText('occurred_at')} AS occurred_at FROM ${t.violations}
          WHERE tenant = $1 AND stream_id = $2) x)::text AS violations,
       (SELECT json_agg(x) FROM (SELECT person_id, period, total_fen FROM ${t.ledger}
          WHERE tenant = $1 AND stream_id = $2) x)::text AS ledger,
       (SELECT json_agg(x) FROM (SELECT customer_id, owner FROM ${t.owners}
          WHERE tenant = $1 AND stream_id = $2) x)::text AS owners,
       (SELECT json_agg(x) FROM (SELECT account_id, limit_fen, used_fen FROM ${t.credit}
          WHERE tenant = $1 AND stream_id = $2) x)::text AS credit`,
    [tenant, streamId],
  );
  const list = (name: string): Record<string, unknown>[] => {
    const text = lists.rows[0]?.[name];
    return typeof text === 'string' ? (JSON.parse(text) as Record<string, unknown>[]) : [];
  };
  for (const r of list('timers')) {
    put('timers', String(r.timer_key), {
      status: r.status,
      open: r.open,
      dueAt: r.due_at ? new Date(r.due_at as string).toISOString() : null,
      warnAt: r.warn_at ? new Date(r.warn_at as string).toISOString() : null,
      provisional: r.provisional,
    });
  }
  for (const r of list('violations')) {
    const at = new Date(r.occurred_at as string).toISOString();
    put('violations', `${String(r.code)}/${String(r.person_id)}/${at}`, {
      code: r.code,
      personId: r.person_id,
    });
  }
  for (const r of list('ledger'))
    put('ledger', `${String(r.person_id)}/${String(r.period)}`, Number(r.total_fen));
  for (const r of list('owners')) put('owner', String(r.customer_id), r.owner ?? null);
  for (const r of list('credit')) {
    put('credit', String(r.account_id), {
      limitFen: r.limit_fen === null ? null : Number(r.limit_fen),
      usedFen: Number(r.used_fen),
    });
  }
  return out;
}

/** The columns of the projection rows after their tenant and stream. */
const TIMER_COLUMNS = [
  { name: 'timer_key' },
  { name: 'module_id' },
  { name: 'subject' },
  { name: 'timer_id' },
  { name: 'rule' },
  { name: 'status' },
  { name: 'open' },
  { name: 'due_at', cast: 'timestamptz' },
  { name: 'warn_at', cast: 'timestamptz' },
  { name: 'provisional' },
  { name: 'policy_hash' },
] as const;
const VIOLATION_COLUMNS = [
  { name: 'seq' },
  { name: 'module_id' },
  { name: 'code' },
  { name: 'rule' },
  { name: 'person_id' },
  { name: 'occurred_at', cast: 'timestamptz' },
  { name: 'period' },
  { name: 'violation', cast: 'jsonb' },
] as const;
const PERSONAL_COLUMNS = [
  { name: 'customer_id' },
  { name: 'version' },
  { name: 'pointer' },
  { name: 'value' },
] as const;
const LEDGER_COLUMNS = [
  { name: 'person_id' },
  { name: 'period' },
  { name: 'total_fen' },
  { name: 'lines', cast: 'jsonb' },
] as const;
const STREAM_ROW_COLUMNS = [
  { name: 'module_id' },
  { name: 'policy_id' },
  { name: 'customer_id' },
  { name: 'input', cast: 'jsonb' },
] as const;
const OWNER_COLUMNS = [
  { name: 'customer_id' },
  { name: 'owner' },
  { name: 'stream_id' },
  { name: 'stream_version' },
  { name: 'result', cast: 'jsonb' },
  { name: 'trace', cast: 'jsonb' },
  { name: 'provenance', cast: 'jsonb' },
] as const;
const CREDIT_COLUMNS = [
  { name: 'account_id' },
  { name: 'stream_id' },
  { name: 'stream_version' },
  { name: 'limit_fen' },
  { name: 'used_fen' },
  { name: 'open_shipments', cast: 'jsonb' },
  { name: 'provenance', cast: 'jsonb' },
] as const;

/** Replaces a stream's projection rows with `rows`, inside the caller's transaction. */
async function writeRows(
  host: DomainHost,
  tx: SqlExecutor,
  streamId: string,
  rows: ProjectionRows,
): Promise<void> {
  const { t, tenant } = host;
  // One statement clears the three projections of the stream (a round trip each before), and one
  // more writes every projection's rows (below; a statement per row once, then one per projection).
  await tx.query(
    `WITH timers AS (DELETE FROM ${t.timers} WHERE tenant = $1 AND stream_id = $2),
          ledger AS (DELETE FROM ${t.ledger} WHERE tenant = $1 AND stream_id = $2)
     DELETE FROM ${t.violations} WHERE tenant = $1 AND stream_id = $2`,
    [tenant, streamId],
  );
  const stream = streamColumns(tenant, streamId);
  const parts: InsertPart[] = [
    {
      table: t.timers,
      shared: stream,
      columns: TIMER_COLUMNS,
      rows: (rows.timers as TimerRow[]).map((r) => [
        r.key,
        r.moduleId,
        r.subject,
        r.timerId,
        r.rule,
        r.status,
        r.open,
        r.dueAt,
        r.warnAt,
        r.provisional,
        r.policyHash,
      ]),
    },
    {
      table: t.violations,
      shared: stream,
      columns: VIOLATION_COLUMNS,
      rows: (rows.violations as ViolationRow[]).map((r) => [
        r.seq,
        r.moduleId,
        r.code,
        r.rule,
        r.personId,
        r.occurredAt,
        r.period,
        JSON.stringify(r.violation),
      ]),
    },
    {
      table: t.ledger,
      shared: stream,
      columns: LEDGER_COLUMNS,
      rows: (rows.ledger as LedgerRow[]).map((r) => [
        r.personId,
        r.period,
        r.totalFen,
        JSON.stringify(r.lines),
      ]),
    },
  ];
  const owner: OwnerRow | undefined = rows.owner;
  if (owner) {
    parts.push({
      table: t.owners,
      shared: [{ name: 'tenant', value: tenant }],
      columns: OWNER_COLUMNS,
      rows: [
        [
          owner.customerId,
          owner.owner,
          streamId,
          owner.streamVersion,
          JSON.stringify(owner.result),
          JSON.stringify(owner.trace),
          JSON.stringify(owner.provenance),
        ],
      ],
      suffix: replaceOnConflict(['tenant', 'customer_id'], OWNER_COLUMNS),
    });
  }
  const credit: CreditRow | undefined = rows.credit;
  if (credit) {
    parts.push({
      table: t.credit,
      shared: [{ name: 'tenant', value: tenant }],
      columns: CREDIT_COLUMNS,
      rows: [
        [
          credit.accountId,
          streamId,
          credit.streamVersion,
          credit.limitFen,
          credit.usedFen,
          JSON.stringify(credit.openShipments),
          JSON.stringify(credit.provenance),
        ],
      ],
      suffix: replaceOnConflict(['tenant', 'account_id'], CREDIT_COLUMNS),
    });
  }
  // Every projection's rows in one statement (one per table before), unless they pass the
  // parameter limit.
  await insertAll(tx, parts);
}

function diff(
  streamId: string,
  before: Awaited<ReturnType<typeof storedRows>>,
  after: Awaited<ReturnType<typeof storedRows>>,
): ProjectionChange[] {
  const changes: ProjectionChange[] = [];
  for (const [k, b] of before) {
    const a = after.get(k);
    if (!a)
      changes.push({ streamId, projection: b.projection, key: b.key, change: 'removed', before: b.value });
    else if (contentHash(a.value) !== contentHash(b.value))
      changes.push({
        streamId,
        projection: b.projection,
        key: b.key,
        change: 'changed',
        before: b.value,
        after: a.value,
      });
  }
  for (const [k, a] of after) {
    if (!before.has(k))
      changes.push({ streamId, projection: a.projection, key: a.key, change: 'added', after: a.value });
  }
  return changes;
}

/** Recomputes one stream's projections inside the caller's transaction (the stream is locked). */
async function reproject(
  host: DomainHost,
  tx: SqlExecutor,
  streamId: string,
  now: string,
): Promise<ProjectionChange[]> {
  const row = await streamRow(host, tx, streamId);
  if (!row) return [];
  const mod = getModule(row.module_id);
  const { history, notices } = await judgedUnder(host, tx, mod, row.policy_id);
  if (!history) return [];
  const events = await streamEvents(host, tx, streamId);
  const input = isObject(row.input) ? row.input : {};
  const { decisions, inputs } = judge(
    mod,
    streamShape(mod),
    input,
    events,
    history,
    { now, notices, outsideData: host.outsideData },
    Number.MAX_SAFE_INTEGER,
  );
  const version = events.reduce((m, e) => Math.max(m, e.version), 0);
  const before = await storedRows(host, tx, streamId);
  await writeRows(
    host,
    tx,
    streamId,
    projectDecisions(decisions, {
      moduleId: mod.id,
      streamId,
      streamVersion: version,
      input: inputs[inputs.length - 1] ?? input,
      history,
    }),
  );
  return diff(streamId, before, await storedRows(host, tx, streamId));
}

/**
 * Whether `record` stamps the append time as `recordedAt` (`options.recordedAt === 'store'`); refuses
 * an unknown mode, and `'store'` for a module whose events carry no `recordedAt`.
 */
function recordedByStore(mod: AnyModule, shape: StreamShape, mode: unknown): boolean {
  if (mode === undefined || mode === 'event') return false;
  if (mode !== 'store') {
    throw new ZhiduError(
      'invalid_input',
      ['options', 'recordedAt'],
      `recordedAt 须为 'event' 或 'store' / recordedAt must be 'event' or 'store', got ${JSON.stringify(mode) ?? String(mode)}`,
    );
  }
  const input = mod.jsonSchema.input as { properties?: Record<string, { items?: { properties?: object } }> };
  const element = shape.kind === 'list' ? input.properties?.[shape.key]?.items?.properties : undefined;
  if (element === undefined || !('recordedAt' in element)) {
    throw new ZhiduError(
      'invalid_input',
      ['options', 'recordedAt'],
      `模块 ${mod.id} 的事件不含记录时间 recordedAt，不能使用 recordedAt: 'store'（适用于 sla.timers、sla.incidents、sla.quota、sla.rates） / the events of module ${mod.id} carry no recordedAt, so recordedAt: 'store' does not apply (it does to sla.timers, sla.incidents, sla.quota, sla.rates)`,
    );
  }
  return true;
}

/**
 * The events with `recordedAt` set to the append time where they carry none; an event dated after
 * the append time is refused at its `at` (nothing is written).
 */
function stampRecordedAt(events: readonly unknown[], appendedAt: string): unknown[] {
  const appendedMs = Date.parse(appendedAt);
  return events.map((e, i) => {
    const event = e as Record<string, unknown>;
    if (event.recordedAt !== undefined) return e;
    const at = eventInstant(e);
    if (at !== undefined && Date.parse(at) > appendedMs) {
      throw new ZhiduError(
        'invalid_input',
        ['events', i, 'at'],
        `事件 ${i} 发生于 ${at}，晚于记录时间 ${appendedAt}：事件不能在发生前记录 / event ${i} happens at ${at}, after it is recorded (${appendedAt}): an event cannot be recorded before it happened`,
      );
    }
    return { ...event, recordedAt: appendedAt };
  });
}

/**
 * What of `record`'s options belongs to a retry's fingerprint besides the events: the policy id, the
 * customer id and the input (its personal values taken out), each only when given, so a request
 * without them keeps the fingerprint it had before they were part of it. Also the input's personal
 * values, compared on a replay.
 */
function retryOptions(
  opts: RecordOptions,
  keys: ReadonlySet<string>,
): { label: string; inputPersonal: PersonalValue[] | undefined } {
  let label = '';
  if (opts.policyId !== undefined) label += `|policyId=${canonicalJson(opts.policyId)}`;
  if (opts.customerId !== undefined) label += `|customerId=${canonicalJson(opts.customerId)}`;
  if (opts.input === undefined) return { label, inputPersonal: undefined };
  const input = splitPersonal(JSON.parse(JSON.stringify(opts.input)), keys);
  return { label: `${label}|input=${canonicalJson(input.stored)}`, inputPersonal: input.personal };
}

/**
 * On a replay (the same key, the same fingerprint), compares the retry's personal values with the
 * ones the first call stored, pointer by pointer, and refuses a retry whose names, phones … differ
 * (`idempotency_mismatch` at `['idempotencyKey']`; the values are never quoted). A value erased
 * since (PIPL) cannot be compared and is not restored: the replay stays a no-op. The input's personal
 * values are compared while the stream is still at the first call's version (a later record may
 * have replaced the input since).
 */
async function checkRetryPersonal(
  host: DomainHost,
  tx: SqlExecutor,
  appended: { streamId: string; fromVersion: number; toVersion: number },
  split: readonly { personal: PersonalValue[] }[],
  inputPersonal: readonly PersonalValue[] | undefined,
  key: string,
): Promise<void> {
  const rows = await tx.query<{ version: number; pointer: string; value: string | null }>(
    `SELECT version, pointer, value FROM ${host.t.personal} WHERE tenant = $1 AND stream_id = $2 AND
       ((version >= $3 AND version <= $4) OR version = 0)`,
    [host.tenant, appended.streamId, appended.fromVersion, appended.toVersion],
  );
  const stored = new Map<string, string | null>();
  for (const r of rows.rows) stored.set(`${Number(r.version)}\u0001${r.pointer}`, r.value);
  const retry = new Map<string, string>();
  split.forEach((s, i) => {
    for (const p of s.personal) retry.set(`${appended.fromVersion + i}\u0001${p.pointer}`, p.value);
  });
  let compareInput = false;
  if (inputPersonal !== undefined) {
    const head = await tx.query<{ v: number | string | null }>(
      `SELECT MAX(version) AS v FROM ${host.t.events} WHERE tenant = $1 AND stream_id = $2`,
      [host.tenant, appended.streamId],
    );
    compareInput = Number(head.rows[0]?.v ?? 0) === appended.toVersion;
    if (compareInput) for (const p of inputPersonal) retry.set(`0\u0001/input${p.pointer}`, p.value);
  }
  const differs = [...new Set([...stored.keys(), ...retry.keys()])].filter((k) => {
    if (k.startsWith('0\u0001') && !compareInput) return false;
    const before = stored.get(k);
    if (before === null) return false; // erased: nothing to compare, nothing restored
    return before === undefined || retry.get(k) !== before;
  });
  if (differs.length === 0) return;
  const where = differs
    .map((k) => {
      const [version, pointer] = k.split('\u0001') as [string, string];
      // The input's pointers are stored as `/input/…` already.
      return version === '0' ? pointer.slice(1) : `v${version}${pointer}`;
    })
    .sort();
  throw new ZhiduError(
    'idempotency_mismatch',
    ['idempotencyKey'],
    `幂等键 "${key}" 已用于另一请求：本次重试的个人信息字段（姓名、电话、证件号等：${where.join('、')}）与首次记录的不同，未写入任何内容；请重发与首次完全相同的请求，新的请求请用新键 / idempotency key "${key}" was already used for a different request: the personal fields of this retry (names, phones, ID numbers …: ${where.join(', ')}) differ from those first recorded, so nothing was written; resend exactly the first request, or use a new key for a new request`,
    {
      streamId: appended.streamId,
      fromVersion: appended.fromVersion,
      toVersion: appended.toVersion,
      differs: where,
    },
  );
}

/**
 * Records events on a module's stream: validates them with the module's input schema, appends
 * them, evaluates the module over the stream's events under its policy history and writes the
 * projections — all in one transaction.
 *
 * @internal use `EventStore.record`
 */
export async function recordEvents(
  host: DomainHost,
  moduleId: string,
  streamId: string,
  events: readonly unknown[],
  options: RecordOptions = {},
): Promise<RecordResult> {
  const mod = moduleOf(moduleId);
  requireText(streamId, ['streamId'], { zh: '流标识', en: 'a stream id' });
  if (!Array.isArray(events) || events.length === 0)
    throw new ZhiduError('invalid_input', ['events'], '至少记录一个事件 / record at least one event');
  const opts = checkOptions(options, OPTION_KEYS) as RecordOptions;
  checkTenant(host, opts.tenant);
  const { expectedVersion, idempotencyKey } = opts;
  if (expectedVersion !== undefined && (!Number.isInteger(expectedVersion) || expectedVersion < 0)) {
    throw new ZhiduError(
      'invalid_input',
      ['options', 'expectedVersion'],
      'expectedVersion 须为非负整数 / expectedVersion must be a non-negative integer',
    );
  }
  if (idempotencyKey !== undefined)
    requireText(idempotencyKey, ['options', 'idempotencyKey'], { zh: '幂等键', en: 'an idempotency key' });
  if (opts.policyId !== undefined)
    requireText(opts.policyId, ['options', 'policyId'], { zh: '制度标识', en: 'a policy id' });
  if (opts.customerId !== undefined)
    requireText(opts.customerId, ['options', 'customerId'], { zh: '客户标识', en: 'a customer id' });
  if (opts.input !== undefined) {
    if (!isObject(opts.input))
      throw new ZhiduError(
        'invalid_input',
        ['options', 'input'],
        '输入须为对象 / the input must be an object',
      );
    checkStorableJson(opts.input, ['options', 'input']);
  }
  if (opts.project !== undefined && typeof opts.project !== 'function')
    throw new ZhiduError(
      'invalid_input',
      ['options', 'project'],
      'project 须为函数 / project must be a function',
    );
  const now = opts.now === undefined ? host.clock() : toInstant(opts.now, ['options', 'now']);
  const shape = streamShape(mod);
  // A module whose every event is a whole input has no stream input: one given would be stored and
  // never read (a list module refuses a key it does not read the same way).
  if (shape.kind === 'facts' && opts.input !== undefined && Object.keys(opts.input as object).length > 0) {
    throw new ZhiduError(
      'invalid_input',
      ['options', 'input'],
      `模块 ${mod.id} 的每个事件就是一个完整的输入，它的流没有 input（请把这些字段放进事件） / module ${mod.id} records each event as a whole input: its streams take no input (put these fields in the events)`,
    );
  }
  const byStore = recordedByStore(mod, shape, opts.recordedAt);
  events.forEach((e, i) => {
    if (!isObject(e))
      throw new ZhiduError('invalid_input', ['events', i], '事件须为对象 / an event must be an object');
    checkStorableJson(e, ['events', i]);
  });
  // With `recordedAt: 'store'`, each event without its own recorded time takes the append time.
  const stored = byStore ? stampRecordedAt(events, opts.now === undefined ? now : host.clock()) : events;
  // What is stored: each event with its personal values taken out.
  const recordsOf = (list: readonly unknown[]) => {
    const parts = list.map((e) => splitPersonal(JSON.parse(JSON.stringify(e)), host.personalKeys));
    const out: EventRecord[] = list.map((e, i) => ({
      type:
        typeof (e as Record<string, unknown>).type === 'string'
          ? String((e as { type: string }).type)
          : mod.id,
      occurredAt: eventInstant(e) ?? now,
      payload: parts[i]?.stored,
    }));
    return { split: parts, records: out };
  };
  const { split, records } = recordsOf(stored);
  // A retry of the same request (same key) is recognised by the events as given, not by the time
  // the store stamped on them; the mode is part of the request, and so are the options that shape
  // what is stored (a policy id, a customer id, the input without its personal values). Personal
  // values never enter the fingerprint (a hash of a phone number outlives its erasure): a replay
  // compares them with the values the first call stored (`checkRetryPersonal`).
  const given = retryOptions(opts, host.personalKeys);
  const request =
    idempotencyKey === undefined
      ? undefined
      : {
          key: idempotencyKey,
          fingerprint: byStore
            ? host.fingerprint(
                `${mod.id}|${streamId}|recordedAt=store${given.label}`,
                expectedVersion,
                recordsOf(events).records,
              )
            : host.fingerprint(`${mod.id}|${streamId}${given.label}`, expectedVersion, records),
        };

  return host.transaction(
    `record to ${streamId}`,
    async (tx) => {
      await host.lockStream(tx, streamId);
      const { bound, head } = await streamState(host, tx, streamId);
      if (bound && bound.module_id !== mod.id) {
        throw new ZhiduError(
          'invalid_state',
          ['streamId'],
          `流 ${streamId} 属于模块 ${bound.module_id}，不能记录 ${mod.id} 的事件；请使用另一个流 / stream ${streamId} belongs to module ${bound.module_id}; events of ${mod.id} cannot be recorded on it: use another stream`,
          { streamModule: bound.module_id },
        );
      }
      if (!bound) {
        if (head > 0) {
          throw new ZhiduError(
            'invalid_state',
            ['streamId'],
            `流 ${streamId} 已由 append 写入、未绑定模块：请使用另一个流 / stream ${streamId} was written with append and belongs to no module: use another stream`,
          );
        }
      }
      if (bound && opts.policyId !== undefined && bound.policy_id !== opts.policyId) {
        throw new ZhiduError(
          'invalid_state',
          ['options', 'policyId'],
          `流 ${streamId} 按制度 ${bound.policy_id} 判断，而非 ${opts.policyId} / stream ${streamId} is judged under policy ${bound.policy_id}, not ${opts.policyId}`,
        );
      }
      let policyId = bound?.policy_id ?? opts.policyId;
      if (policyId === undefined) {
        const ids = await policyIdsOf(host, tx, mod.id);
        if (ids.length > 1) {
          throw new ZhiduError(
            'invalid_input',
            ['options', 'policyId'],
            `模块 ${mod.id} 有多个制度（${ids.join('、')}）：请用 policyId 指明本流按哪一个判断 / module ${mod.id} has several policies (${ids.join(', ')}): say which one this stream is judged under with policyId`,
            { policyIds: ids },
          );
        }
        policyId = ids[0];
      }
      const { history, notices } =
        policyId === undefined
          ? { history: undefined, notices: [] }
          : await judgedUnder(host, tx, mod, policyId);
      if (!history || policyId === undefined) {
        throw new ZhiduError(
          'unknown_reference',
          ['options', 'policyId'],
          `存储中没有模块 ${mod.id} 的制度${opts.policyId ? ` ${opts.policyId}` : ''}：请先用 store.putPolicy 存入 / the store holds no policy${opts.policyId ? ` ${opts.policyId}` : ''} for module ${mod.id}: put one first with store.putPolicy`,
        );
      }
      const input = opts.input ?? (isObject(bound?.input) ? bound.input : {});
      // Validate the events as given (before any write): element paths become ['events', i, …].
      if (shape.kind === 'list') {
        try {
          parseInput(mod.schemas.input, { ...input, [shape.key]: stored }, []);
        } catch (e) {
          if (!isZhiduError(e)) throw e;
          const [key, ...rest] = e.path;
          throw key === shape.key ? moved(e, ['events', ...rest]) : moved(e, ['options', 'input', ...e.path]);
        }
      } else {
        stored.forEach((e, i) => {
          parseInput(mod.schemas.input, e, ['events', i]);
        });
      }
      const appended = await host.appendIn(tx, streamId, records, expectedVersion, request, head);
      if (appended.replayed) {
        await checkRetryPersonal(host, tx, appended, split, given.inputPersonal, request?.key ?? '');
        return { ...appended, decisions: [] };
      }
      const customerOf = (e: unknown): string => {
        const own = isObject(e) && typeof e.customerId === 'string' ? e.customerId : undefined;
        const fromInput = typeof input.customerId === 'string' ? input.customerId : undefined;
        return own ?? opts.customerId ?? bound?.customer_id ?? fromInput ?? streamId;
      };
      // The personal values kept apart (the events' and the input's), and the stream's row: one
      // statement (a statement per value before, then one per list and one for the row).
      const storedInput = splitPersonal(input, host.personalKeys);
      const stream = streamColumns(host.tenant, streamId);
      const parts: InsertPart[] = [
        {
          table: host.t.personal,
          shared: stream,
          columns: PERSONAL_COLUMNS,
          rows: split.flatMap((s, i) =>
            (s.personal as PersonalValue[]).map((p) => [
              customerOf(stored[i]),
              appended.fromVersion + i,
              p.pointer,
              p.value,
            ]),
          ),
        },
        // The stream's input is stored pseudonymised too (its pointers are distinct, and its version
        // 0 is no event's).
        {
          table: host.t.personal,
          shared: stream,
          columns: PERSONAL_COLUMNS,
          rows: storedInput.personal.map((p) => [customerOf(undefined), 0, `/input${p.pointer}`, p.value]),
          suffix:
            'ON CONFLICT (tenant, stream_id, version, pointer) DO UPDATE SET value = EXCLUDED.value, erased_at = NULL',
        },
      ];
      const customerId = bound?.customer_id ?? opts.customerId ?? customerOf(stored[0]);
      // A bound stream recorded without `input` keeps the input it has — unless it holds values this
      // store takes as personal (written by a store with other `personalFields`): then it is written
      // again with their marks, so an erasure leaves none of them in the stream's row.
      if (!bound || opts.input !== undefined || storedInput.personal.length > 0) {
        parts.push({
          table: host.t.streams,
          shared: stream,
          columns: STREAM_ROW_COLUMNS,
          rows: [[mod.id, policyId, customerId, JSON.stringify(storedInput.stored)]],
          suffix: 'ON CONFLICT (tenant, stream_id) DO UPDATE SET input = EXCLUDED.input',
        });
      }
      await insertAll(tx, parts);
      const all = await streamEvents(host, tx, streamId);
      const { decisions, inputs } = judge(
        mod,
        shape,
        storedInput.stored as Record<string, unknown>,
        all,
        history,
        { now, notices, outsideData: host.outsideData },
        appended.fromVersion,
      );
      await writeRows(
        host,
        tx,
        streamId,
        projectDecisions(decisions, {
          moduleId: mod.id,
          streamId,
          streamVersion: appended.toVersion,
          input: inputs[inputs.length - 1] ?? (storedInput.stored as Record<string, unknown>),
          history,
        }),
      );
      if (opts.project) {
        const writes = opts.project(
          decisions,
          all.map((e) => e.payload),
        );
        if (!Array.isArray(writes))
          throw new ZhiduError(
            'invalid_input',
            ['options', 'project'],
            'project 须返回数组 / project must return an array',
          );
        for (const [i, w] of writes.entries()) {
          requireText(w?.name, ['project', i, 'name'], { zh: '投影名称', en: 'a projection name' });
          requireText(w?.key, ['project', i, 'key'], { zh: '投影键', en: 'a projection key' });
          checkStorableJson(w.value ?? null, ['project', i, 'value']);
          await tx.query(
            `INSERT INTO ${host.t.proj} (tenant, name, key, value, stream_version) VALUES ($1, $2, $3, $4::jsonb, $5)
             ON CONFLICT (tenant, name, key) DO UPDATE SET value = EXCLUDED.value, stream_version = EXCLUDED.stream_version, updated_at = now()`,
            [host.tenant, w.name, w.key, JSON.stringify(w.value ?? null), appended.toVersion],
          );
        }
      }
      return { ...appended, decisions };
    },
    request !== undefined,
  );
}

/** What `store.putPolicy` did. */
export interface PutPolicyResult {
  moduleId: string;
  id: string;
  version: string;
  /** The provenance hash (`sha256:` of the validated policy's canonical JSON). */
  hash: string;
  /** False when the same version with the same content was already stored (nothing written). */
  stored: boolean;
  /** The streams re-judged because the version covers some of their events, and what changed. */
  recomputed: RebuildReport;
}

/** @internal use `EventStore.putPolicy` */
export async function putPolicy(
  host: DomainHost,
  moduleId: string,
  policy: unknown,
  options: { tenant?: string; now?: string } = {},
): Promise<PutPolicyResult> {
  const mod = moduleOf(moduleId);
  const opts = checkOptions(options, ['tenant', 'now']);
  checkTenant(host, opts.tenant);
  let json = policy;
  if (typeof policy === 'string') {
    try {
      json = getPreset(policy.includes('/') ? policy : `${mod.id}/${policy}`);
    } catch (e) {
      throw isZhiduError(e) ? moved(e, ['policy']) : e;
    }
  }
  const validated = mod.policy(json, ['policy']) as Readonly<Policy<unknown>>;
  const hash = mod.compile(validated).hash;
  const now = opts.now === undefined ? host.clock() : toInstant(opts.now as string, ['options', 'now']);
  const base = { moduleId: mod.id, id: validated.id, version: validated.version, hash };
  return host.transaction(
    `put policy ${validated.id}@${validated.version}`,
    async (tx) => {
      await host.lockStream(tx, `\u0001policy:${mod.id}:${validated.id}`);
      const existing = await tx.query<{ hash: string }>(
        `SELECT hash FROM ${host.t.policies} WHERE tenant = $1 AND module_id = $2 AND policy_id = $3 AND version = $4`,
        [host.tenant, mod.id, validated.id, validated.version],
      );
      const row = existing.rows[0];
      if (row) {
        if (row.hash === hash) return { ...base, stored: false, recomputed: { streams: [], changes: [] } };
        throw new ZhiduError(
          'duplicate',
          ['policy', 'version'],
          `制度 ${validated.id} 的版本 ${validated.version} 已以另一内容存入（${row.hash}，本次 ${hash}）；版本一经存入不可修改，请用新的版本号 / version ${validated.version} of policy ${validated.id} is already stored with other content (${row.hash}, this one ${hash}); a stored version is never edited: give the change a new version`,
          { storedHash: row.hash, hash },
        );
      }
      // The history with the new version must still be one history (no two versions in force at once).
      const current = await historyOf(host, tx, mod, validated.id);
      new PolicyHistory(mod.schemas.params as never, [...(current?.versions ?? []), validated]);
      await tx.query(
        `INSERT INTO ${host.t.policies} (tenant, module_id, policy_id, version, effective_from, effective_to, hash, content)
         VALUES ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7, $8::jsonb)`,
        [
          host.tenant,
          mod.id,
          validated.id,
          validated.version,
          toInstant(validated.effectiveFrom),
          validated.effectiveTo === undefined ? null : toInstant(validated.effectiveTo),
          hash,
          JSON.stringify(validated),
        ],
      );
      // A version covering events already recorded re-judges their streams now.
      const streams = await tx.query<{ stream_id: string }>(
        `SELECT DISTINCT s.stream_id FROM ${host.t.streams} s JOIN ${host.t.events} e ON e.tenant = s.tenant AND e.stream_id = s.stream_id
         WHERE s.tenant = $1 AND s.module_id = $2 AND s.policy_id = $3 AND e.occurred_at >= $4::timestamptz ORDER BY s.stream_id`,
        [host.tenant, mod.id, validated.id, toInstant(validated.effectiveFrom)],
      );
      const report: RebuildReport = { streams: [], changes: [] };
      for (const { stream_id } of streams.rows) {
        await host.lockStream(tx, stream_id);
        report.streams.push(stream_id);
        report.changes.push(...(await reproject(host, tx, stream_id, now)));
      }
      return { ...base, stored: true, recomputed: report };
    },
    false,
  );
}

/** @internal use `EventStore.rebuild` */
export async function rebuild(
  host: DomainHost,
  moduleId: string,
  options: { from?: string; now?: string; tenant?: string } = {},
): Promise<RebuildReport> {
  const mod = moduleOf(moduleId);
  const opts = checkOptions(options, ['from', 'now', 'tenant']);
  checkTenant(host, opts.tenant);
  const from = opts.from === undefined ? undefined : toInstant(opts.from as string, ['options', 'from']);
  const now = opts.now === undefined ? host.clock() : toInstant(opts.now as string, ['options', 'now']);
  const ids = await host.transaction(
    `rebuild ${mod.id}`,
    async (tx) =>
      (
        await tx.query<{ stream_id: string }>(
          from === undefined
            ? `SELECT stream_id FROM ${host.t.streams} WHERE tenant = $1 AND module_id = $2 ORDER BY stream_id`
            : `SELECT DISTINCT s.stream_id FROM ${host.t.streams} s JOIN ${host.t.events} e ON e.tenant = s.tenant AND e.stream_id = s.stream_id
               WHERE s.tenant = $1 AND s.module_id = $2 AND e.occurred_at >= $3::timestamptz ORDER BY s.stream_id`,
          from === undefined ? [host.tenant, mod.id] : [host.tenant, mod.id, from],
        )
      ).rows.map((r) => r.stream_id),
    false,
  );
  return recomputeStreams(host, ids, now);
}

/** Recomputes each stream in its own transaction (under the stream's lock). */
async function recomputeStreams(
  host: DomainHost,
  ids: readonly string[],
  now: string,
): Promise<RebuildReport> {
  const report: RebuildReport = { streams: [], changes: [] };
  for (const id of ids) {
    const changes = await host.transaction(
      `rebuild ${id}`,
      async (tx) => {
        await host.lockStream(tx, id);
        return reproject(host, tx, id, now);
      },
      false,
    );
    report.streams.push(id);
    report.changes.push(...changes);
  }
  return report;
}

/** What `store.importCalendarNotice` did. */
export interface NoticeImportResult {
  year: number;
  /** False when the same notice was already imported. */
  stored: boolean;
  /** Streams with an open timer due in that year (or computed provisionally), re-judged, and what changed. */
  recomputed: RebuildReport;
}

/** @internal use `EventStore.importCalendarNotice` */
export async function importCalendarNotice(
  host: DomainHost,
  notice: unknown,
  options: { now?: string; tenant?: string } = {},
): Promise<NoticeImportResult> {
  const opts = checkOptions(options, ['now', 'tenant']);
  checkTenant(host, opts.tenant);
  const parsed = parseInput(NoticeFileSchema.or(YearNoticeSchema), notice, ['notice']) as { year: number };
  const now = opts.now === undefined ? host.clock() : toInstant(opts.now as string, ['options', 'now']);
  const hash = contentHash(notice);
  const year = parsed.year;
  const { stored, ids } = await host.transaction(
    `import the ${year} calendar notice`,
    async (tx) => {
      // Alone on the notices: the records and recomputations under way finish first (their timers
      // are then in the SELECT below), and those that start now wait and read this notice.
      await host.lockNotices(tx);
      const r = await tx.query<{ year: number }>(
        `INSERT INTO ${host.t.notices} (tenant, year, hash, content) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (tenant, year, hash) DO NOTHING RETURNING year`,
        [host.tenant, year, hash, JSON.stringify(notice)],
      );
      // Open timers due in that year (China Standard Time, UTC+8 all year) or computed provisionally.
      const streams = await tx.query<{ stream_id: string }>(
        `SELECT DISTINCT stream_id FROM ${host.t.timers} WHERE tenant = $1 AND open AND
           ((due_at >= $2::timestamptz AND due_at < $3::timestamptz) OR provisional) ORDER BY stream_id`,
        [host.tenant, `${year}-01-01T00:00:00+08:00`, `${year + 1}-01-01T00:00:00+08:00`],
      );
      // The same notice imported again changes no working day: nothing to recompute.
      const stored = r.rows.length > 0;
      return { stored, ids: stored ? streams.rows.map((s) => s.stream_id) : [] };
    },
    false,
  );
  return { year, stored, recomputed: await recomputeStreams(host, ids, now) };
}

/** What `store.erase` did. */
export interface ErasureResult {
  customerId: string;
  /** How many personal values were erased. */
  erased: number;
  /** The streams that held them. */
  streams: string[];
}

/** @internal use `EventStore.erase` */
export async function eraseCustomer(
  host: DomainHost,
  customerId: string,
  options: { tenant?: string } = {},
): Promise<ErasureResult> {
  requireText(customerId, ['customerId'], { zh: '客户标识', en: 'a customer id' });
  const opts = checkOptions(options, ['tenant']);
  checkTenant(host, opts.tenant);
  return host.transaction(
    `erase ${customerId}`,
    async (tx) => {
      const r = await tx.query<{ stream_id: string }>(
        `UPDATE ${host.t.personal} SET value = NULL, erased_at = now()
         WHERE tenant = $1 AND customer_id = $2 AND value IS NOT NULL RETURNING stream_id`,
        [host.tenant, customerId],
      );
      return {
        customerId,
        erased: r.rows.length,
        streams: [...new Set(r.rows.map((row) => row.stream_id))].sort(),
      };
    },
    false,
  );
}

/** The personal values of a stream's events, by version (`null` once erased). @internal */
export async function personalOf(
  host: Pick<DomainHost, 't' | 'tenant'>,
  tx: SqlExecutor,
  streamId: string,
): Promise<Map<number, { pointer: string; value: string | null }[]>> {
  const r = await tx.query<{ version: number; pointer: string; value: string | null }>(
    `SELECT version, pointer, value FROM ${host.t.personal} WHERE tenant = $1 AND stream_id = $2 AND version > 0`,
    [host.tenant, streamId],
  );
  const out = new Map<number, { pointer: string; value: string | null }[]>();
  for (const row of r.rows) {
    const list = out.get(Number(row.version)) ?? [];
    list.push({ pointer: row.pointer, value: row.value });
    out.set(Number(row.version), list);
  }
  return out;
}

/** What `store.streamInfo` tells of a stream. */
export interface StreamInfo {
  streamId: string;
  /** The module the stream is bound to (its first `record`); `null` for a stream written with `append`. */
  module: string | null;
  /**
   * The policy the stream is judged under: its id, the version in force at the stream's latest
   * event (`null` when none is), and every stored version of that id, earliest first; `null` for a
   * stream written with `append`.
   */
  policy: { id: string; version: string | null; versions: string[] } | null;
  /** Whose personal data the stream's events carry (for erasure); `null` for a stream written with `append`. */
  customerId: string | null;
  /** The stream's version (its last event's). */
  version: number;
  /** How many events the stream holds. */
  events: number;
}

/** What `store.moduleInput` returns: the input(s) the store evaluates for a stream. */
export interface StreamModuleInput {
  streamId: string;
  module: string;
  policyId: string;
  /**
   * The module inputs, exactly as the store evaluates them (personal values read `'[personal]'`:
   * they never reach an evaluation): one input for a module with an event list (the stream's
   * `input` with its events in time order under the list's key), one per event otherwise.
   */
  inputs: Record<string, unknown>[];
}

/** @internal use `EventStore.streamInfo` */
export async function streamInfo(host: DomainHost, streamId: string): Promise<StreamInfo | undefined> {
  requireText(streamId, ['streamId'], { zh: '流标识', en: 'a stream id' });
  return host.transaction(
    `read ${streamId}`,
    async (tx) => {
      const head = await tx.query<{ v: number | string | null; n: number | string }>(
        `SELECT MAX(version) AS v, COUNT(*) AS n FROM ${host.t.events} WHERE tenant = $1 AND stream_id = $2`,
        [host.tenant, streamId],
      );
      const version = Number(head.rows[0]?.v ?? 0);
      const count = Number(head.rows[0]?.n ?? 0);
      const row = await streamRow(host, tx, streamId);
      if (!row) {
        if (count === 0) return undefined;
        return { streamId, module: null, policy: null, customerId: null, version, events: count };
      }
      const history = await historyOf(host, tx, getModule(row.module_id), row.policy_id);
      const last = await tx.query<{ at: string | Date | null }>(
        `SELECT MAX(occurred_at) AS at FROM ${host.t.events} WHERE tenant = $1 AND stream_id = $2`,
        [host.tenant, streamId],
      );
      const at = last.rows[0]?.at;
      let inForce: string | null = null;
      if (history && at) {
        try {
          inForce = history.at(new Date(at).toISOString()).version;
        } catch (e) {
          if (!isZhiduError(e)) throw e;
        }
      }
      return {
        streamId,
        module: row.module_id,
        policy: {
          id: row.policy_id,
          version: inForce,
          versions: history ? history.versions.map((v) => v.version) : [],
        },
        customerId: row.customer_id,
        version,
        events: count,
      };
    },
    false,
  );
}

/** @internal use `EventStore.moduleInput` */
export async function moduleInput(host: DomainHost, streamId: string): Promise<StreamModuleInput> {
  requireText(streamId, ['streamId'], { zh: '流标识', en: 'a stream id' });
  return host.transaction(
    `read ${streamId}`,
    async (tx) => {
      const { bound: row, head } = await streamState(host, tx, streamId);
      if (!row) {
        if (head > 0) {
          throw new ZhiduError(
            'invalid_state',
            ['streamId'],
            `流 ${streamId} 由 append 写入、未绑定模块，没有模块输入 / stream ${streamId} was written with append and belongs to no module: it has no module input`,
          );
        }
        throw new ZhiduError('unknown_reference', ['streamId'], `没有流 ${streamId} / no stream ${streamId}`);
      }
      const mod = getModule(row.module_id);
      const shape = streamShape(mod);
      const input = isObject(row.input) ? row.input : {};
      const events = await streamEvents(host, tx, streamId);
      const inputs =
        shape.kind === 'list'
          ? [{ ...input, [shape.key]: events.map((e) => e.payload) }]
          : events.map((e) => e.payload as Record<string, unknown>);
      return { streamId, module: mod.id, policyId: row.policy_id, inputs };
    },
    false,
  );
}
