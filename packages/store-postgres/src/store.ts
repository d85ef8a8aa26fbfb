import { describeValue, InstantSchema, parseInput, recordOf, toInstant, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import type { SqlDatabase, SqlExecutor } from './client.js';
import {
  type DomainHost,
  type ErasureResult,
  eraseCustomer,
  importCalendarNotice,
  moduleInput,
  type NoticeImportResult,
  type PutPolicyResult,
  personalOf,
  putPolicy,
  type RebuildReport,
  type RecordOptions,
  type RecordResult,
  rebuild,
  recordEvents,
  type StreamInfo,
  type StreamModuleInput,
  streamInfo,
} from './domain.js';
import { storeError } from './faults.js';
import { checkInteger, checkJson, checkOptions, requireText } from './guard.js';
import { insertRows, streamColumns } from './insert.js';
import { eventPartitions, type Tables, tablesOf, upgrade } from './migrations.js';
import {
  type CreditAccountView,
  creditAccountOf,
  type LedgerView,
  ledgerOf,
  type OwnerView,
  ownerOf,
  type TimerView,
  timersDue,
  type ViolationView,
  violationsIn,
} from './queries.js';
import { canonicalEvents, type EventRecord, payloadJson, requestFingerprint } from './request.js';
import { utcText } from './sql-text.js';
import { DEFAULT_PERSONAL_FIELDS, joinPersonal, PERSONAL_MARK } from './streams.js';

/**
 * An event to append: its type, when it happened, and a JSON payload. Strict: a misspelt key
 * (`occuredAt`, `paylod`) is refused with `unknown_key` rather than dropped.
 */
export const NewEventSchema = z.strictObject({
  type: z.string().min(1),
  occurredAt: InstantSchema,
  payload: recordOf(z.string(), z.unknown()).default({}),
});
/** An event to append. */
export type NewEvent = z.input<typeof NewEventSchema>;

/** An event as stored: with its stream, version within the stream and global position. */
export interface StoredEvent {
  tenant: string;
  streamId: string;
  version: number;
  position: number;
  type: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** Options for {@link EventStore.append}. */
export interface AppendOptions {
  /**
   * The stream version the caller's decision was based on (0 for a new stream). If another writer
   * appended in between, the append is refused with `concurrency_conflict` and nothing is written.
   * Omit it only for streams where order does not matter.
   */
  expectedVersion?: number;
  /**
   * A key that makes retries safe: the same key with the same request appends once, and every
   * later or concurrent call returns the first result. Reusing the key for a different stream,
   * different events or a different `expectedVersion` is refused with `idempotency_mismatch`.
   */
  idempotencyKey?: string;
  /** Projections to write in the same transaction, computed from the stream's full event list. */
  project?: (events: StoredEvent[]) => ProjectionWrite[];
}

/** One row of a projection (a read model such as "current owner of each customer"). */
export interface ProjectionWrite {
  name: string;
  key: string;
  value: unknown;
}

/** What an append did. */
export interface AppendResult {
  streamId: string;
  fromVersion: number;
  toVersion: number;
  /** True when an earlier call with the same idempotency key had already appended. */
  replayed: boolean;
}

const IDENT = /^[a-z_][a-z0-9_]{0,40}$/;

/** The largest stream version (the column is a PostgreSQL INTEGER). */
const MAX_VERSION = 2_147_483_647;

/**
 * Rows per multi-row INSERT of a batch append: 1,000 rows × 4 parameters stays far below the
 * protocol's 65,535 parameters and keeps each statement's text small.
 */
const INSERT_CHUNK = 1_000;
/** The columns an event row is inserted with, after its tenant and stream. */
const EVENT_INSERT_COLUMNS = [
  { name: 'version', cast: 'integer' },
  { name: 'type' },
  { name: 'occurred_at', cast: 'timestamptz' },
  { name: 'payload', cast: 'jsonb' },
] as const;

/** The stored columns, JSON as text: the store parses it itself, so any JSON value round-trips. */
const EVENT_COLUMNS = `tenant, stream_id, version, position, type, ${utcText('occurred_at')} AS occurred_at, payload::text AS payload`;

/**
 * Refuses a JSON value the store cannot keep exactly (see `checkJson`), also one nested so deep that
 * walking it overflows the stack.
 */
function checkStorable(value: unknown, path: readonly (string | number)[]): void {
  try {
    checkJson(value, path);
  } catch (e) {
    if (e instanceof RangeError) {
      throw new ZhiduError(
        'invalid_input',
        path,
        `值嵌套过深，无法存储 / the value is nested too deeply to be stored (${e.message})`,
      );
    }
    throw e;
  }
}

/** The JSON text of a value to store, after {@link checkStorable}. */
function storableJson(value: unknown, path: readonly (string | number)[]): string {
  checkStorable(value, path);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `值无法表示为 JSON（${(e as Error).message}） / the value cannot be stored as JSON (${(e as Error).message})`,
    );
  }
  // undefined, a function or a symbol has no JSON text: stored as null, as before.
  return text ?? 'null';
}

/** A JSON column read back: PGlite and pg may hand JSONB as text or parsed; text is parsed here. */
function parseJsonColumn(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** A 31-bit key for `pg_advisory_xact_lock`, from the table prefix (FNV-1a). */
function lockKey(prefix: string): number {
  let h = 0x811c9dc5;
  for (const ch of `zhidu-migrate:${prefix}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 0x7fffffff;
}

interface IdempotencyRow {
  stream_id: string;
  from_version: number;
  to_version: number;
  request_hash: string | null;
}

/**
 * How many times an append with an idempotency key runs when its transaction loses a race on a
 * server, before `concurrency_conflict` is reported. A call sharing its key with the winner needs
 * one re-run; only writers with different keys racing on one stream use more.
 */
const MAX_ATTEMPTS = 8;

/** Unique violation, serialization failure, deadlock: the transaction lost a race and may be re-run. */
function isTransient(e: unknown): boolean {
  const code = e !== null && typeof e === 'object' ? (e as { code?: unknown }).code : undefined;
  return code === '23505' || code === '40001' || code === '40P01';
}

/** Checks the `personal` option of `read` / `readAll`: a boolean, default `true`. */
function checkReveal(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'boolean')
    throw new ZhiduError(
      'invalid_input',
      ['options', 'personal'],
      `personal 须为 true 或 false / personal is true or false, got ${typeof value}`,
    );
  return value;
}

/**
 * An event with its personal values put back: each value (or `'[erased]'`), or — not revealed —
 * `'[personal]'` for a value still held and `'[erased]'` for one erased.
 */
function withPersonal(
  e: StoredEvent,
  values: readonly { pointer: string; value: string | null }[] | undefined,
  reveal: boolean,
): StoredEvent {
  if (!values || values.length === 0) return e;
  const shown = reveal
    ? values
    : values.map((v) => ({ pointer: v.pointer, value: v.value === null ? null : PERSONAL_MARK }));
  return { ...e, payload: joinPersonal(e.payload, shown) };
}

function toStored(row: Record<string, unknown>): StoredEvent {
  return {
    tenant: String(row.tenant),
    streamId: String(row.stream_id),
    version: Number(row.version),
    position: Number(row.position),
    type: String(row.type),
    occurredAt: new Date(row.occurred_at as string | Date).toISOString(),
    payload: parseJsonColumn(row.payload) as Record<string, unknown>,
  };
}

/**
 * Append-only event streams (one per customer, complaint, file or credit account), idempotency keys
 * and projections, on PostgreSQL. The store holds no rule logic: rule packages compute decisions
 * from the events it returns, and `project` writes their results atomically with the events.
 *
 * Concurrency follows the regulations' own demand: two salespeople registering the same customer at
 * the same moment append to the same stream with the same `expectedVersion`; exactly one succeeds,
 * the other receives `concurrency_conflict`, re-reads, and is judged on the events as they now stand.
 *
 * Open one with {@link openStore} (embedded PGlite, or a PostgreSQL URL) rather than `new EventStore`.
 *
 * @example
 * const { store, close } = await openStore();
 * await store.append('customer-c1', [{ type: 'registration', occurredAt: '2025-03-01T10:05:00+08:00',
 *   payload: { salespersonId: 'B' } }], { expectedVersion: 0 });
 * (await store.read('customer-c1')).map((e) => e.type); //=> ['registration']
 * await close();
 */
export class EventStore {
  /** @internal the table names */
  protected readonly t: Tables;

  /**
   * @param db - a {@link SqlDatabase} (see `fromPgPool`, `fromPglite`)
   * @param options - `tenant` partitions every row (default `default`); `prefix` names the tables;
   *   `partitions` (2–1024) makes {@link EventStore.migrate} create the events table hash-partitioned
   *   by tenant and stream into that many partitions, and check that an existing one is
   */
  constructor(
    private readonly db: SqlDatabase,
    private readonly options: {
      tenant?: string;
      prefix?: string;
      personalFields?: readonly string[];
      clock?: () => string;
      outsideData?: 'error' | 'provisional' | 'weekdays';
      partitions?: number;
    } = {},
  ) {
    const opts = checkOptions(options, [
      'tenant',
      'prefix',
      'personalFields',
      'clock',
      'outsideData',
      'partitions',
    ]);
    if (
      opts.partitions !== undefined &&
      !(
        Number.isSafeInteger(opts.partitions) &&
        (opts.partitions as number) >= 2 &&
        (opts.partitions as number) <= 1024
      )
    )
      throw new ZhiduError(
        'invalid_input',
        ['partitions'],
        `partitions 须为 2 到 1024 的整数（事件表的哈希分区数） / partitions is an integer from 2 to 1024 (hash partitions of the events table), got ${describeValue(opts.partitions)}`,
      );
    if (
      opts.outsideData !== undefined &&
      !['error', 'provisional', 'weekdays'].includes(opts.outsideData as string)
    )
      throw new ZhiduError(
        'invalid_input',
        ['outsideData'],
        "outsideData 须为 error、provisional 或 weekdays / outsideData is 'error', 'provisional' or 'weekdays'",
      );
    const prefix = opts.prefix ?? 'zhidu';
    if (typeof prefix !== 'string' || !IDENT.test(prefix))
      throw new ZhiduError(
        'invalid_input',
        ['prefix'],
        `表名前缀须匹配 ${IDENT} / the table prefix must match ${IDENT}`,
      );
    if (opts.tenant !== undefined) requireText(opts.tenant, ['tenant'], { zh: '租户', en: 'the tenant' });
    this.t = tablesOf(prefix);
    this.lock = lockKey(prefix);
    const fields = opts.personalFields ?? DEFAULT_PERSONAL_FIELDS;
    if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string' || f === ''))
      throw new ZhiduError(
        'invalid_input',
        ['personalFields'],
        'personalFields 须为非空字符串数组 / personalFields is a list of non-empty keys',
      );
    if (opts.clock !== undefined && typeof opts.clock !== 'function')
      throw new ZhiduError('invalid_input', ['clock'], 'clock 须为函数 / clock must be a function');
    this.personalKeys = new Set(fields as string[]);
  }

  private readonly personalKeys: ReadonlySet<string>;

  /** What the domain operations (record, policies, rebuild, erasure) use of the store. */
  private get host(): DomainHost {
    return {
      t: this.t,
      tenant: this.tenant,
      personalKeys: this.personalKeys,
      ...(this.options.outsideData === undefined ? {} : { outsideData: this.options.outsideData }),
      clock: () => toInstant(this.options.clock ? this.options.clock() : new Date().toISOString(), ['clock']),
      transaction: async (operation, fn, retry) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await this.db.transaction(fn);
          } catch (e) {
            if (retry && isTransient(e) && attempt < MAX_ATTEMPTS) continue;
            throw storeError(this.translate(e, operation), operation);
          }
        }
      },
      appendIn: (tx, streamId, records, expectedVersion, request, head) =>
        this.appendOnce(
          tx,
          streamId,
          records,
          expectedVersion === undefined ? {} : { expectedVersion },
          request,
          head,
        ),
      // The stream's lock, and the tenant's calendar notices shared: a notice import (which takes them
      // alone) waits for the records and recomputations under way, and they for it; either the import
      // sees their timers or they see its notice. One statement; no import holds a stream lock.
      lockStream: async (tx, streamId) => {
        await tx.query(
          'SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0)), pg_advisory_xact_lock(hashtextextended($2, 0))',
          [this.noticesLockKey, JSON.stringify([this.t.events, this.tenant, streamId])],
        );
      },
      lockNotices: async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [this.noticesLockKey]);
      },
      fingerprint: requestFingerprint,
    };
  }

  private readonly lock: number;

  /** Runs a query outside a transaction, reporting database failures as ZhiduErrors. */
  private async run<R>(operation: string, text: string, params: unknown[]): Promise<{ rows: R[] }> {
    try {
      return await this.db.query<R>(text, params);
    } catch (e) {
      throw storeError(e, operation);
    }
  }

  /**
   * The tenant this store reads and writes (`'default'` unless the `tenant` option says otherwise).
   *
   * @example
   * const { store, close } = await openStore({ tenant: 'acme' });
   * store.tenant; //=> 'acme'
   * await close();
   */
  get tenant(): string {
    return this.options.tenant ?? 'default';
  }

  /**
   * The same database, tables and options for another tenant: what a server that serves several
   * tenants from one database uses per request (no migration: the tables are the same). Each tenant's
   * events, policies, notices and projections are apart; a store refuses a request naming another
   * tenant.
   *
   * @param tenant - the other tenant (a non-empty string)
   * @returns a store of that tenant
   * @throws ZhiduError `invalid_input` at `tenant` for an empty or non-string tenant
   * @example
   * const { store, close } = await openStore();
   * const acme = store.forTenant('acme');
   * await acme.append('customer:c-1', [{ type: 'registered', occurredAt: '2025-03-01T10:00:00+08:00' }]);
   * (await acme.read('customer:c-1')).length; //=> 1
   * (await store.read('customer:c-1')).length; //=> 0 (the default tenant's stream of that id)
   * await close();
   */
  forTenant(tenant: string): EventStore {
    requireText(tenant, ['tenant'], { zh: '租户', en: 'the tenant' });
    return tenant === this.tenant ? this : new EventStore(this.db, { ...this.options, tenant });
  }

  /**
   * Creates the tables if they do not exist and brings older ones up to date, step by step under a
   * schema-version table (`<prefix>_schema_version`; see `MIGRATIONS`): the tables of the store
   * before it had one are version 1 (the idempotency table gains its `request_hash` column), and
   * version 2 adds policies, stream bindings, personal data and the domain projections. Every step
   * runs in the one transaction, so an upgrade is all or nothing. Returns the versions before and
   * after. Safe to call on every start, also from several processes at
   * once: the DDL runs in one transaction under a transaction-scoped advisory lock keyed by the
   * table prefix, so concurrent starts wait for each other instead of colliding on the catalog.
   *
   * @throws ZhiduError `unavailable` when the database cannot be reached, `invalid_state` when the
   *   tables were written by a newer schema than this code knows
   * @example
   * await new EventStore(fromPglite(new PGlite(), { ownsDb: true })).migrate();
   */
  async migrate(): Promise<{ from: number; to: number }> {
    let upgraded = { from: 0, to: 0 };
    try {
      await this.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [this.lock]);
        upgraded = await upgrade(
          tx,
          this.t,
          this.options.partitions === undefined ? {} : { partitions: this.options.partitions },
        );
      });
    } catch (e) {
      throw storeError(e, 'migrate');
    }
    return upgraded;
  }

  /**
   * How the events table is laid out: the number of its hash partitions (by tenant and stream; see
   * the `partitions` option), or 0 when it is one table or does not exist yet.
   *
   * @example
   * const { store, close } = await openStore({ partitions: 8 });
   * await store.eventPartitions(); //=> 8
   * await close();
   */
  async eventPartitions(): Promise<number> {
    try {
      return await eventPartitions(this.db, this.t);
    } catch (e) {
      throw storeError(e, 'read the events table layout');
    }
  }

  /**
   * The schema version of the tables (0 before {@link EventStore.migrate} ran on them).
   *
   * @example
   * await store.schemaVersion(); //=> 2
   */
  async schemaVersion(): Promise<number> {
    const exists = await this.run<{ t: string | null }>(
      'read the schema version',
      'SELECT to_regclass($1)::text AS t',
      [this.t.schema],
    );
    if (!exists.rows[0]?.t) return 0;
    const r = await this.run<{ v: number | string | null }>(
      'read the schema version',
      `SELECT MAX(version) AS v FROM ${this.t.schema}`,
      [],
    );
    return Number(r.rows[0]?.v ?? 0);
  }

  /**
   * Appends events to a stream, atomically with any projections.
   *
   * With an `idempotencyKey` a retry is safe: the key, a fingerprint of the request (stream id,
   * expected version, events) and the result are written in the same transaction as the events.
   * A later or concurrent call with the same key and the same request gets that one result
   * (`replayed: true`) — checked before `expectedVersion`, so a retry is never a conflict — and a
   * call that reuses the key for a different request is refused with `idempotency_mismatch`.
   * Transactions that lose a race on a server are re-run (a few
   * times), so `project` may be called more than once; it must be pure.
   *
   * @param streamId - e.g. `customer:c-1024`
   * @param events - at least one event, in order
   * @param options - expected version, idempotency key, projections
   * @returns the versions written, or those the key's first call wrote
   * Events are written with multi-row INSERTs (1,000 rows a statement), so one call may carry a
   * large batch (10^5 events). Text that PostgreSQL cannot store (`\u0000`, a lone surrogate) in the
   * stream id, key, a type or anywhere in a payload, and NaN or ±Infinity in a payload, are refused
   * before any SQL runs.
   *
   * @throws ZhiduError `concurrency_conflict` when the stream moved past `expectedVersion`,
   *   `idempotency_mismatch` when the key was used for a different request,
   *   `invalid_state` at `['streamId']` when the stream belongs to a module (it was written with
   *   {@link EventStore.record}, which validates, judges and projects its events: use that;
   *   `details.streamModule` names the module),
   *   `invalid_input` / `invalid_instant` / `unknown_key` for malformed input,
   *   `unavailable` (`details.retryable: true`) when the database cannot be reached or the connection
   *   broke: nothing, or the whole append, was written — retry with the same idempotency key
   * @example
   * await store.append('customer:c-1', [{ type: 'registered', occurredAt: '2025-03-01T10:00:00+08:00', payload: { by: 'A' } }], { expectedVersion: 0, idempotencyKey: 'desk:8841' });
   */
  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    requireText(streamId, ['streamId'], { zh: '流标识', en: 'a stream id' });
    if (!Array.isArray(events) || events.length === 0)
      throw new ZhiduError('invalid_input', ['events'], '至少追加一个事件 / append at least one event');
    checkOptions(options, ['expectedVersion', 'idempotencyKey', 'project']);
    const records: EventRecord[] = events.map((e, i) => {
      const parsed = parseInput(NewEventSchema, e, ['events', i]);
      requireText(parsed.type, ['events', i, 'type'], { zh: '事件类型', en: 'an event type' });
      checkStorable(parsed.payload, ['events', i, 'payload']);
      const json = payloadJson(parsed.payload, ['events', i, 'payload']);
      return { type: parsed.type, occurredAt: parsed.occurredAt, payload: JSON.parse(json) as unknown };
    });
    const { expectedVersion, idempotencyKey } = options;
    if (expectedVersion !== undefined && (!Number.isInteger(expectedVersion) || expectedVersion < 0)) {
      throw new ZhiduError(
        'invalid_input',
        ['expectedVersion'],
        'expectedVersion 须为非负整数 / expectedVersion must be a non-negative integer',
      );
    }
    if (idempotencyKey !== undefined)
      requireText(idempotencyKey, ['idempotencyKey'], { zh: '幂等键', en: 'an idempotency key' });
    if (options.project !== undefined && typeof options.project !== 'function') {
      throw new ZhiduError(
        'invalid_input',
        ['project'],
        'project 须为函数 / project must be a function (events → projection writes)',
      );
    }
    const request =
      idempotencyKey === undefined
        ? undefined
        : { key: idempotencyKey, fingerprint: requestFingerprint(streamId, expectedVersion, records) };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(async (tx) => {
          await this.refuseModuleStream(tx, streamId);
          return this.appendOnce(tx, streamId, records, options, request, true);
        });
      } catch (e) {
        // A transaction that lost a race (serialization failure, unique violation, deadlock) saw a
        // snapshot from before the winner committed. With a key, run it again on fresh data: the
        // replay check then finds the winner's record, or the expected-version check reports a
        // genuine conflict. Without a key the caller decides, as before.
        if (request && isTransient(e) && attempt < MAX_ATTEMPTS) continue;
        throw storeError(this.translate(e, streamId), `append to ${streamId}`);
      }
    }
  }

  /**
   * Refuses a raw append to a stream bound to a module (one written with `record`): its events are
   * judged and projected by the module, and an append would leave them unvalidated and the
   * projections stale. Takes the stream's lock (the append that follows runs under it), so a
   * concurrent first `record` cannot slip in between the check and the append.
   */
  private async refuseModuleStream(tx: SqlExecutor, streamId: string): Promise<void> {
    await this.lockStreamIn(tx, streamId);
    const bound = await tx.query<{ module_id: string }>(
      `SELECT module_id FROM ${this.t.streams} WHERE tenant = $1 AND stream_id = $2`,
      [this.tenant, streamId],
    );
    const moduleId = bound.rows[0]?.module_id;
    if (moduleId === undefined) return;
    throw new ZhiduError(
      'invalid_state',
      ['streamId'],
      `流 ${streamId} 属于模块 ${moduleId}：其事件须经 store.record(${JSON.stringify(moduleId)}, …) 校验、判定并更新投影，不能用 append 直接写入；未写入任何内容 / stream ${streamId} belongs to module ${moduleId}: its events go through store.record(${JSON.stringify(moduleId)}, …), which validates them, judges them and updates the projections, not through append; nothing was written`,
      { streamModule: moduleId, use: 'record' },
    );
  }

  /** The advisory lock of the tenant's calendar notices (a JSON text hashed by the server). */
  private get noticesLockKey(): string {
    return JSON.stringify([this.t.notices, this.tenant]);
  }

  /** Takes the stream's transaction-scoped advisory lock (held until the transaction ends). */
  private async lockStreamIn(tx: SqlExecutor, streamId: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      JSON.stringify([this.t.events, this.tenant, streamId]),
    ]);
  }

  /** One attempt of {@link EventStore.append}, inside one transaction. */
  private async appendOnce(
    tx: SqlExecutor,
    streamId: string,
    records: readonly EventRecord[],
    options: AppendOptions,
    request: { key: string; fingerprint: string } | undefined,
    /**
     * `true`: the caller's transaction holds the stream's lock already (`append` takes it in its
     * module check); a number: it also read the stream's head version under that lock (`record`).
     */
    locked: boolean | number = false,
  ): Promise<AppendResult> {
    const { expectedVersion } = options;
    // One appender per stream at a time (transaction-scoped advisory lock on the stream): the head
    // read below is then the stream as committed, and only a genuine interleaving — another writer
    // appended since the caller's read — is a conflict. Appends to other streams do not wait.
    if (locked === false) await this.lockStreamIn(tx, streamId);
    // The replay check comes first: a retry of an append that went through must not be judged on
    // the stream as it stands now.
    if (request) {
      const prior = await tx.query<IdempotencyRow>(
        `SELECT stream_id, from_version, to_version, request_hash FROM ${this.t.idem} WHERE tenant = $1 AND key = $2`,
        [this.tenant, request.key],
      );
      const row = prior.rows[0];
      if (row) return this.replay(tx, row, request, streamId, records);
    }
    const head = typeof locked === 'number' ? locked : await this.version(tx, streamId);
    if (expectedVersion !== undefined && head !== expectedVersion) {
      throw new ZhiduError(
        'concurrency_conflict',
        ['expectedVersion'],
        `流 ${streamId} 已到版本 ${head}，而非 ${expectedVersion}：请重读后重新判定 / stream ${streamId} is at version ${head}, not ${expectedVersion}: re-read and decide again`,
      );
    }
    const toVersion = head + records.length;
    if (request) {
      // Written before the events, so a concurrent call with the same key waits here on the
      // primary key until this transaction ends, then re-runs and replays (or is refused).
      await tx.query(
        `INSERT INTO ${this.t.idem} (tenant, key, stream_id, from_version, to_version, request_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
        [this.tenant, request.key, streamId, head + 1, toVersion, request.fingerprint],
      );
    }
    if (toVersion > MAX_VERSION) {
      throw new ZhiduError(
        'invalid_input',
        ['events'],
        `流 ${streamId} 的版本将超过 ${MAX_VERSION} / stream ${streamId} would pass version ${MAX_VERSION}`,
      );
    }
    await this.insertEvents(tx, streamId, head, records);
    const version = toVersion;
    if (options.project) {
      const all = await this.readWith(tx, streamId);
      const writes: unknown = options.project(all);
      if (!Array.isArray(writes)) {
        throw new ZhiduError(
          'invalid_input',
          ['project'],
          'project 须返回投影写入的数组 / project must return an array of projection writes',
        );
      }
      for (const [i, p] of (writes as unknown[]).entries()) {
        const w = p as ProjectionWrite;
        if (w === null || typeof w !== 'object') {
          throw new ZhiduError(
            'invalid_input',
            ['project', i],
            '投影写入须为 { name, key, value } / a projection write is { name, key, value }',
          );
        }
        requireText(w.name, ['project', i, 'name'], { zh: '投影名称', en: 'a projection name' });
        requireText(w.key, ['project', i, 'key'], { zh: '投影键', en: 'a projection key' });
        const value = storableJson(w.value ?? null, ['project', i, 'value']);
        await tx.query(
          `INSERT INTO ${this.t.proj} (tenant, name, key, value, stream_version) VALUES ($1, $2, $3, $4::jsonb, $5)
           ON CONFLICT (tenant, name, key) DO UPDATE SET value = EXCLUDED.value, stream_version = EXCLUDED.stream_version, updated_at = now()`,
          [this.tenant, w.name, w.key, value, version],
        );
      }
    }
    return { streamId, fromVersion: head + 1, toVersion, replayed: false };
  }

  /**
   * Inserts the records as versions `head + 1 …`, {@link INSERT_CHUNK} rows per statement (one
   * multi-row INSERT for a usual append; 100 statements for 10^5 events instead of 10^5).
   */
  private async insertEvents(
    tx: SqlExecutor,
    streamId: string,
    head: number,
    records: readonly EventRecord[],
  ): Promise<void> {
    await insertRows(
      tx,
      this.t.events,
      streamColumns(this.tenant, streamId),
      EVENT_INSERT_COLUMNS,
      records.map((e, i) => [head + i + 1, e.type, e.occurredAt, JSON.stringify(e.payload)]),
      { chunkRows: INSERT_CHUNK },
    );
  }

  /**
   * The first call's result for a key, if this call is the same request; `idempotency_mismatch`
   * otherwise. Keys recorded before fingerprints existed (`request_hash` NULL) are checked against
   * what they wrote — the stream and its events — since their expected version was not kept.
   */
  private async replay(
    tx: SqlExecutor,
    row: IdempotencyRow,
    request: { key: string; fingerprint: string },
    streamId: string,
    records: readonly EventRecord[],
  ): Promise<AppendResult> {
    const result: AppendResult = {
      streamId: row.stream_id,
      fromVersion: Number(row.from_version),
      toVersion: Number(row.to_version),
      replayed: true,
    };
    let same: boolean;
    if (row.request_hash !== null && row.request_hash !== undefined) {
      same = row.request_hash === request.fingerprint;
    } else {
      const written =
        row.stream_id === streamId
          ? (await this.readWith(tx, streamId, result.fromVersion)).filter(
              (e) => e.version <= result.toVersion,
            )
          : [];
      same = row.stream_id === streamId && canonicalEvents(written) === canonicalEvents(records);
    }
    if (same) return result;
    throw new ZhiduError(
      'idempotency_mismatch',
      ['idempotencyKey'],
      `幂等键 "${request.key}" 已用于另一请求（流 ${result.streamId}，版本 ${result.fromVersion}–${result.toVersion}）；本次请求的流、事件或预期版本与之不同，未写入任何事件，新请求请用新键 / idempotency key "${request.key}" was already used for a different request (stream ${result.streamId}, versions ${result.fromVersion}–${result.toVersion}); this request differs in stream, events or expected version, so nothing was written: use a new key for a new request`,
      { streamId: result.streamId, fromVersion: result.fromVersion, toVersion: result.toVersion },
    );
  }

  /** Maps a server's unique-violation / serialization failure to `concurrency_conflict`. */
  private translate(e: unknown, streamId: string): unknown {
    if (isTransient(e)) {
      return new ZhiduError(
        'concurrency_conflict',
        ['streamId'],
        `另一写入方同时追加了流 ${streamId}：请重读后重新判定 / another writer appended to ${streamId} at the same moment: re-read and decide again`,
      );
    }
    return e;
  }

  private async version(tx: SqlExecutor, streamId: string): Promise<number> {
    const r = await tx.query<{ v: number | string | null }>(
      `SELECT MAX(version) AS v FROM ${this.t.events} WHERE tenant = $1 AND stream_id = $2`,
      [this.tenant, streamId],
    );
    return Number(r.rows[0]?.v ?? 0);
  }

  private async readWith(tx: SqlExecutor, streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    const r = await tx.query<Record<string, unknown>>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.t.events} WHERE tenant = $1 AND stream_id = $2 AND version >= $3 ORDER BY version`,
      [this.tenant, streamId, fromVersion],
    );
    return r.rows.map(toStored);
  }

  /**
   * Reads a stream in version order. Personal values recorded with {@link EventStore.record} are
   * put back in place (as {@link EventStore.readAll} does): the value, `'[erased]'` once
   * {@link EventStore.erase} deleted it; with `personal: false`, `'[personal]'` for a value still
   * held, for a caller not allowed to see personal information.
   *
   * @param streamId - a non-empty stream id
   * @param options - `fromVersion`: the first version to return (an integer ≥ 0, default 1);
   *   `personal`: whether personal values are shown (default `true`)
   * @throws ZhiduError `invalid_input` for a bad stream id, `fromVersion` (NaN, fractional,
   *   negative) or a non-boolean `personal`, `unknown_key` for another option, `unavailable` when the
   *   database cannot be reached
   * @example
   * const events = await store.read('customer:c-1');
   * const masked = await store.read('customer:c-1', { personal: false }); // names read '[personal]'
   */
  async read(
    streamId: string,
    options: { fromVersion?: number; personal?: boolean } = {},
  ): Promise<StoredEvent[]> {
    requireText(streamId, ['streamId'], { zh: '流标识', en: 'a stream id' });
    const opts = checkOptions(options, ['fromVersion', 'personal']);
    const from = checkInteger(opts.fromVersion, ['options', 'fromVersion'], 0, MAX_VERSION) ?? 1;
    const reveal = checkReveal(opts.personal);
    try {
      const events = await this.readWith(this.db, streamId, from);
      const personal = await personalOf({ t: this.t, tenant: this.tenant }, this.db, streamId);
      if (personal.size === 0) return events;
      return events.map((e) => withPersonal(e, personal.get(e.version), reveal));
    } catch (e) {
      throw storeError(e, `read ${streamId}`);
    }
  }

  /**
   * The stream's current version (0 when empty).
   *
   * @example
   * await store.streamVersion('customer:c-1'); //=> 2
   */
  async streamVersion(streamId: string): Promise<number> {
    requireText(streamId, ['streamId'], { zh: '流标识', en: 'a stream id' });
    try {
      return await this.version(this.db, streamId);
    } catch (e) {
      throw storeError(e, `read ${streamId}`);
    }
  }

  /**
   * Reads every stream of the tenant in global order — for rebuilding projections after a policy
   * change, or for replaying history through a new policy. Page with `afterPosition` (the last
   * position read) until fewer than `limit` events come back. Personal values are shown as by
   * {@link EventStore.read}: the value, `'[erased]'` after erasure, `'[personal]'` with
   * `personal: false`.
   *
   * @param options - `afterPosition` (an integer ≥ 0, default 0), `limit` (an integer from 1 to
   *   1,000,000, default 10,000), `personal` (whether personal values are shown, default `true`)
   * @throws ZhiduError `invalid_input` for a negative, fractional or NaN `limit` / `afterPosition` or
   *   a non-boolean `personal`, `unknown_key` for another option, `unavailable` when the database
   *   cannot be reached
   * @example
   * const page = await store.readAll({ afterPosition: 0, limit: 1000 });
   */
  async readAll(
    options: { afterPosition?: number; limit?: number; personal?: boolean } = {},
  ): Promise<StoredEvent[]> {
    const opts = checkOptions(options, ['afterPosition', 'limit', 'personal']);
    const after =
      checkInteger(opts.afterPosition, ['options', 'afterPosition'], 0, Number.MAX_SAFE_INTEGER) ?? 0;
    const limit = checkInteger(opts.limit, ['options', 'limit'], 1, 1_000_000) ?? 10_000;
    const reveal = checkReveal(opts.personal);
    const r = await this.run<Record<string, unknown>>(
      'readAll',
      `SELECT ${EVENT_COLUMNS} FROM ${this.t.events} WHERE tenant = $1 AND position > $2 ORDER BY position LIMIT $3`,
      [this.tenant, after, limit],
    );
    const events = r.rows.map(toStored);
    // Only events recorded with personal values carry the mark; a page without any needs no lookup.
    const last = events[events.length - 1];
    if (!last || !r.rows.some((row) => String(row.payload).includes(JSON.stringify(PERSONAL_MARK))))
      return events;
    const p = await this.run<{ stream_id: string; version: number; pointer: string; value: string | null }>(
      'readAll',
      `SELECT p.stream_id, p.version, p.pointer, p.value FROM ${this.t.personal} p
       JOIN ${this.t.events} e ON e.tenant = p.tenant AND e.stream_id = p.stream_id AND e.version = p.version
       WHERE e.tenant = $1 AND e.position > $2 AND e.position <= $3 AND p.version > 0`,
      [this.tenant, after, last.position],
    );
    const byEvent = new Map<string, { pointer: string; value: string | null }[]>();
    for (const row of p.rows) {
      const k = JSON.stringify([row.stream_id, Number(row.version)]);
      const list = byEvent.get(k) ?? [];
      list.push({ pointer: row.pointer, value: row.value });
      byEvent.set(k, list);
    }
    return events.map((e) => withPersonal(e, byEvent.get(JSON.stringify([e.streamId, e.version])), reveal));
  }

  /**
   * Reads one projection row. Its value comes back exactly as written: any JSON value, a string such
   * as `'sp-7'` or `'123'` included.
   *
   * @returns the value and the stream version it reflects, or `undefined`
   * @throws ZhiduError `invalid_input` for an empty name or key or unstorable text in them,
   *   `unavailable` when the database cannot be reached
   * @example
   * await store.projection('owner', 'c-3'); //=> { value: 'sp-7', streamVersion: 2 }
   */
  async projection<T = unknown>(
    name: string,
    key: string,
  ): Promise<{ value: T; streamVersion: number } | undefined> {
    requireText(name, ['name'], { zh: '投影名称', en: 'a projection name' });
    requireText(key, ['key'], { zh: '投影键', en: 'a projection key' });
    const r = await this.run<{ value: unknown; stream_version: number }>(
      `read projection ${name}`,
      `SELECT value::text AS value, stream_version FROM ${this.t.proj} WHERE tenant = $1 AND name = $2 AND key = $3`,
      [this.tenant, name, key],
    );
    const row = r.rows[0];
    if (!row) return undefined;
    return { value: parseJsonColumn(row.value) as T, streamVersion: Number(row.stream_version) };
  }

  // ——— The domain: policies, module streams, projections, queries, erasure (issue 18) ———

  private get queryHost() {
    return {
      t: this.t,
      tenant: this.tenant,
      run: <R>(operation: string, text: string, params: unknown[]) => this.run<R>(operation, text, params),
    };
  }

  /**
   * Stores a policy version for a module (append-only: a stored version is never edited). The
   * policy is validated by the module's schema and stored with its provenance hash (`sha256:` of
   * its canonical JSON, as in every decision's `provenance.policy.hash`). The versions of one
   * policy id form the history the module's streams are judged under; a version whose window
   * covers events already recorded re-judges those streams at once (reported in `recomputed`).
   *
   * @param moduleId - e.g. `sla.timers`
   * @param policy - the policy JSON, or a preset name (`retail-000` or `sla.timers/retail-000`)
   * @param options - `now` (the evaluation instant for re-judged streams), `tenant` (refused unless the store's)
   * @returns the id, version and hash, whether it was stored, and what re-judging changed
   * @throws ZhiduError `duplicate` at `['policy', 'version']` when that version is stored with other
   *   content, `policy_overlap` when it would be in force together with another version,
   *   `unknown_reference` for an unknown module or preset, the module's refusals for a bad policy
   * @example
   * await store.putPolicy('sla.timers', 'retail-000'); //=> { stored: true, hash: 'sha256:…', … }
   */
  async putPolicy(
    moduleId: string,
    policy: unknown,
    options: { now?: string; tenant?: string } = {},
  ): Promise<PutPolicyResult> {
    return putPolicy(this.host, moduleId, policy, options);
  }

  /**
   * Records events on a module's stream, in one transaction: validates them with the module's
   * input schema (refused with the path of the event, nothing written), appends them, evaluates
   * the module over the stream's events (in time order) under the stream's policy history, and
   * writes the projections the registry defines — violations for every module; the owner
   * (`attribution.ownership`), open timers (`sla.timers`), monthly penalty tallies
   * (`penalty.ledger`), the credit account (`credit.account`). Personal fields (names, phones, ID
   * numbers …) are stored apart and never reach the evaluation, its trace or a projection.
   *
   * A stream belongs to the module of its first record. For a module with an event list
   * (`events`, `violations` …) each event is one element of that list and `input` gives the rest
   * of the module's input; for any other module each event is a whole input, judged on its own.
   *
   * @param moduleId - e.g. `attribution.ownership`
   * @param streamId - e.g. `customer:c-1024`
   * @param events - the module's own events, at least one
   * @param options - `expectedVersion`, `idempotencyKey` (as in {@link EventStore.append}),
   *   `policyId`, `input`, `customerId`, `now`, `tenant`, `project` (a projection of your own),
   *   `recordedAt`: `'store'` stamps the append time as the `recordedAt` of each event given without
   *   one, so a late entry is judged as recorded late (default `'event'`: as today, for a backfill)
   * @returns the versions written and the stream's decision(s)
   * @throws ZhiduError the module's own codes at `['events', i, …]` for an event it refuses,
   *   `invalid_state` at `['streamId']` for a stream of another module, `unknown_reference` when no
   *   policy is stored, `invalid_state` at `['options', 'tenant']` for another tenant,
   *   `concurrency_conflict`, `idempotency_mismatch`, `unavailable` as for `append`
   * @example
   * await store.putPolicy('sla.timers', 'retail-000');
   * const r = await store.record('sla.timers', 'complaint:r-5', [
   *   { type: 'received', subject: 'r-5', at: '2024-03-01T10:00+08:00', assignees: { opsCustomerService: 'ops1' } },
   * ], { expectedVersion: 0, now: '2024-03-02T00:00:00+08:00' });
   * r.toVersion; //=> 1
   */
  async record(
    moduleId: string,
    streamId: string,
    events: readonly unknown[],
    options: RecordOptions = {},
  ): Promise<RecordResult> {
    return recordEvents(this.host, moduleId, streamId, events, options);
  }

  /**
   * Which module a stream is bound to and under which policy it is judged: the module id, the
   * policy id with the version in force at the stream's latest event and every stored version, the
   * customer whose personal data it carries, its version and how many events it holds. A stream
   * written with {@link EventStore.append} has `module: null`; an unknown stream gives `undefined`.
   *
   * @param streamId - a non-empty stream id
   * @throws ZhiduError `invalid_input` for an empty stream id, `unavailable` when the database cannot be reached
   * @example
   * await store.streamInfo('customer:c-liu');
   * //=> { streamId: 'customer:c-liu', module: 'attribution.ownership',
   * //     policy: { id: 'guanlan-ownership', version: '2023.1', versions: ['2023.1'] },
   * //     customerId: 'c-liu', version: 4, events: 4 }
   */
  async streamInfo(streamId: string): Promise<StreamInfo | undefined> {
    return streamInfo(this.host, streamId);
  }

  /**
   * The module input(s) the store evaluates for a stream, exactly as {@link EventStore.record} and
   * {@link EventStore.rebuild} build them: for a module with an event list, the stream's `input`
   * with its events in time order under the list's key (one input); otherwise each event (one
   * input per event). Personal values read `'[personal]'` (they never reach an evaluation), so
   * `evaluate(module, input, policy, ctx)` of `@zhidu/modules` on each input replays the stream
   * under any policy — e.g. a revision before it is adopted.
   *
   * @param streamId - a stream written with `record`
   * @throws ZhiduError `unknown_reference` at `['streamId']` for an unknown stream, `invalid_state`
   *   for a stream written with `append` (it has no module), `unavailable` when the database cannot be reached
   * @example
   * const { module, inputs } = await store.moduleInput('customer:c-liu');
   * const replayed = inputs.map((input) => evaluate(module, input, revisedPolicy, { now }));
   */
  async moduleInput(streamId: string): Promise<StreamModuleInput> {
    return moduleInput(this.host, streamId);
  }

  /**
   * Recomputes the projections of a module's streams from their events — after a policy change, a
   * fix, or to see what a change did — and reports every row that differs (timers with their due
   * instants, violations, owners, ledgers, credit accounts). Each stream is recomputed in its own
   * transaction under its lock.
   *
   * @param options - `from`: only streams with an event at or after this instant; `now`; `tenant`
   * @example
   * const report = await store.rebuild('sla.timers', { from: '2025-01-01T00:00:00+08:00' });
   * report.changes.filter((c) => c.projection === 'timers');
   */
  async rebuild(
    moduleId: string,
    options: { from?: string; now?: string; tenant?: string } = {},
  ): Promise<RebuildReport> {
    return rebuild(this.host, moduleId, options);
  }

  /**
   * Imports a State Council holiday notice (the `@zhidu/calendar-cn` notice format) for every
   * later evaluation, and recomputes the streams with an open timer due in that year or computed
   * provisionally: their due instants now count that year's holidays and make-up workdays.
   *
   * @example
   * const { recomputed } = await store.importCalendarNotice(notice2027);
   */
  async importCalendarNotice(
    notice: unknown,
    options: { now?: string; tenant?: string } = {},
  ): Promise<NoticeImportResult> {
    return importCalendarNotice(this.host, notice, options);
  }

  /**
   * Erases a customer's personal information (PIPL 个人信息保护法 第四十七条): every personal
   * value recorded for them is deleted; the events, decisions, traces and projections — which
   * hold ids and decisions only — stay, so the decision trail and a rebuild still work. Reading the
   * events afterwards shows `'[erased]'` where the values were.
   *
   * @returns how many values were erased, from which streams
   * @example
   * await store.erase('c-1024'); //=> { customerId: 'c-1024', erased: 2, streams: ['customer:c-1024'] }
   */
  async erase(customerId: string, options: { tenant?: string } = {}): Promise<ErasureResult> {
    return eraseCustomer(this.host, customerId, options);
  }

  /**
   * The current owner of a customer, with the trace and provenance of the decision.
   *
   * @example
   * (await store.owner('c1'))?.owner; //=> 'B'
   */
  async owner(customerId: string): Promise<OwnerView | undefined> {
    return ownerOf(this.queryHost, customerId);
  }

  /**
   * Open timers due (or, with `by: 'warning'`, warning) in `[from, to)`, earliest first — one
   * range scan of a partial index: "what breaches in the next hour".
   *
   * @example
   * await store.timersDue('2024-03-08T15:00:00Z', '2024-03-08T16:00:00Z');
   */
  async timersDue(
    from: string,
    to: string,
    options: { limit?: number; by?: 'due' | 'warning' } = {},
  ): Promise<TimerView[]> {
    return timersDue(this.queryHost, from, to, options);
  }

  /**
   * Violations found by any module, filtered by time (`from` inclusive, `to` exclusive), local
   * month (`period: 'YYYY-MM'`), person or module.
   *
   * @example
   * await store.violations({ period: '2024-03', personId: 'ops1' });
   */
  async violations(
    options: { from?: string; to?: string; personId?: string; moduleId?: string; period?: string } = {},
  ): Promise<ViolationView[]> {
    return violationsIn(this.queryHost, options);
  }

  /**
   * A person's penalty ledger for a month (`YYYY-MM`): total in fen and its lines.
   *
   * @example
   * (await store.ledger('sp-7', '2024-09')).totalFen; //=> 40_000
   */
  async ledger(personId: string, period: string): Promise<LedgerView> {
    return ledgerOf(this.queryHost, personId, period);
  }

  /**
   * A credit account's state: limit, used (receivables), what is left, the released shipments.
   *
   * @example
   * (await store.creditAccount('C1'))?.usedFen; //=> 8_500_000
   */
  async creditAccount(accountId: string): Promise<CreditAccountView | undefined> {
    return creditAccountOf(this.queryHost, accountId);
  }
}
