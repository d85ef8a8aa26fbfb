import { InstantSchema, parseInput, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import type { SqlDatabase, SqlExecutor } from './client.js';
import { canonicalEvents, type EventRecord, payloadJson, requestFingerprint } from './request.js';

/** An event to append: its type, when it happened, and a JSON payload. */
export const NewEventSchema = z.object({
  type: z.string().min(1),
  occurredAt: InstantSchema,
  payload: z.record(z.string(), z.unknown()).default({}),
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

function toStored(row: Record<string, unknown>): StoredEvent {
  return {
    tenant: String(row.tenant),
    streamId: String(row.stream_id),
    version: Number(row.version),
    position: Number(row.position),
    type: String(row.type),
    occurredAt: new Date(row.occurred_at as string | Date).toISOString(),
    payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<
      string,
      unknown
    >,
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
 */
export class EventStore {
  private readonly t: { events: string; idem: string; proj: string };

  /**
   * @param db - a {@link SqlDatabase} (see `fromPgPool`, `fromPglite`)
   * @param options - `tenant` partitions every row (default `default`); `prefix` names the tables
   */
  constructor(
    private readonly db: SqlDatabase,
    private readonly options: { tenant?: string; prefix?: string } = {},
  ) {
    const prefix = options.prefix ?? 'zhidu';
    if (!IDENT.test(prefix))
      throw new ZhiduError('invalid_input', ['prefix'], `table prefix must match ${IDENT}`);
    this.t = { events: `${prefix}_events`, idem: `${prefix}_idempotency`, proj: `${prefix}_projections` };
  }

  private get tenant(): string {
    return this.options.tenant ?? 'default';
  }

  /**
   * Creates the tables if they do not exist and brings older ones up to date (adds the idempotency
   * table's `request_hash` column). Safe to call on every start.
   */
  async migrate(): Promise<void> {
    const { events, idem, proj } = this.t;
    await this.db.query(`CREATE TABLE IF NOT EXISTS ${events} (
      position BIGSERIAL PRIMARY KEY,
      tenant TEXT NOT NULL,
      stream_id TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version > 0),
      type TEXT NOT NULL,
      occurred_at TIMESTAMPTZ NOT NULL,
      payload JSONB NOT NULL,
      recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      UNIQUE (tenant, stream_id, version)
    )`);
    await this.db.query(`CREATE TABLE IF NOT EXISTS ${idem} (
      tenant TEXT NOT NULL,
      key TEXT NOT NULL,
      stream_id TEXT NOT NULL,
      from_version INTEGER NOT NULL,
      to_version INTEGER NOT NULL,
      request_hash TEXT,
      PRIMARY KEY (tenant, key)
    )`);
    // Tables created before request fingerprints: add the column; their rows keep NULL and are
    // checked against the events they wrote (see replay()).
    await this.db.query(`ALTER TABLE ${idem} ADD COLUMN IF NOT EXISTS request_hash TEXT`);
    await this.db.query(`CREATE TABLE IF NOT EXISTS ${proj} (
      tenant TEXT NOT NULL,
      name TEXT NOT NULL,
      key TEXT NOT NULL,
      value JSONB NOT NULL,
      stream_version INTEGER NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant, name, key)
    )`);
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
   * @throws ZhiduError `concurrency_conflict` when the stream moved past `expectedVersion`,
   *   `idempotency_mismatch` when the key was used for a different request,
   *   `invalid_input` / `invalid_instant` for malformed input
   * @example
   * await store.append('customer:c-1', [{ type: 'registered', occurredAt: '2025-03-01T10:00:00+08:00', payload: { by: 'A' } }], { expectedVersion: 0, idempotencyKey: 'desk:8841' });
   */
  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (typeof streamId !== 'string' || streamId.length === 0) {
      throw new ZhiduError('invalid_input', ['streamId'], '流标识必填 / a stream id is required');
    }
    if (!Array.isArray(events) || events.length === 0)
      throw new ZhiduError('invalid_input', ['events'], '至少追加一个事件 / append at least one event');
    const records: EventRecord[] = events.map((e, i) => {
      const parsed = parseInput(NewEventSchema, e, ['events', i]);
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
    if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || idempotencyKey.length === 0)) {
      throw new ZhiduError(
        'invalid_input',
        ['idempotencyKey'],
        '幂等键须为非空字符串 / an idempotency key must be a non-empty string',
      );
    }
    const request =
      idempotencyKey === undefined
        ? undefined
        : { key: idempotencyKey, fingerprint: requestFingerprint(streamId, expectedVersion, records) };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((tx) => this.appendOnce(tx, streamId, records, options, request));
      } catch (e) {
        // A transaction that lost a race (serialization failure, unique violation, deadlock) saw a
        // snapshot from before the winner committed. With a key, run it again on fresh data: the
        // replay check then finds the winner's record, or the expected-version check reports a
        // genuine conflict. Without a key the caller decides, as before.
        if (request && isTransient(e) && attempt < MAX_ATTEMPTS) continue;
        throw this.translate(e, streamId);
      }
    }
  }

  /** One attempt of {@link EventStore.append}, inside one transaction. */
  private async appendOnce(
    tx: SqlExecutor,
    streamId: string,
    records: readonly EventRecord[],
    options: AppendOptions,
    request: { key: string; fingerprint: string } | undefined,
  ): Promise<AppendResult> {
    const { expectedVersion } = options;
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
    const head = await this.version(tx, streamId);
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
    let version = head;
    for (const e of records) {
      version += 1;
      await tx.query(
        `INSERT INTO ${this.t.events} (tenant, stream_id, version, type, occurred_at, payload) VALUES ($1, $2, $3, $4, $5, $6)`,
        [this.tenant, streamId, version, e.type, e.occurredAt, JSON.stringify(e.payload)],
      );
    }
    if (options.project) {
      const all = await this.readWith(tx, streamId);
      for (const p of options.project(all)) {
        await tx.query(
          `INSERT INTO ${this.t.proj} (tenant, name, key, value, stream_version) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (tenant, name, key) DO UPDATE SET value = EXCLUDED.value, stream_version = EXCLUDED.stream_version, updated_at = now()`,
          [this.tenant, p.name, p.key, JSON.stringify(p.value ?? null), version],
        );
      }
    }
    return { streamId, fromVersion: head + 1, toVersion, replayed: false };
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
      `SELECT * FROM ${this.t.events} WHERE tenant = $1 AND stream_id = $2 AND version >= $3 ORDER BY version`,
      [this.tenant, streamId, fromVersion],
    );
    return r.rows.map(toStored);
  }

  /**
   * Reads a stream in version order.
   *
   * @example
   * const events = await store.read('customer:c-1');
   */
  async read(streamId: string, options: { fromVersion?: number } = {}): Promise<StoredEvent[]> {
    return this.readWith(this.db, streamId, options.fromVersion ?? 1);
  }

  /** The stream's current version (0 when empty). */
  async streamVersion(streamId: string): Promise<number> {
    return this.version(this.db, streamId);
  }

  /**
   * Reads every stream of the tenant in global order — for rebuilding projections after a policy
   * change, or for replaying history through a new policy.
   */
  async readAll(options: { afterPosition?: number; limit?: number } = {}): Promise<StoredEvent[]> {
    const r = await this.db.query<Record<string, unknown>>(
      `SELECT * FROM ${this.t.events} WHERE tenant = $1 AND position > $2 ORDER BY position LIMIT $3`,
      [this.tenant, options.afterPosition ?? 0, options.limit ?? 10_000],
    );
    return r.rows.map(toStored);
  }

  /**
   * Reads one projection row.
   *
   * @returns the value and the stream version it reflects, or `undefined`
   */
  async projection<T = unknown>(
    name: string,
    key: string,
  ): Promise<{ value: T; streamVersion: number } | undefined> {
    const r = await this.db.query<{ value: unknown; stream_version: number }>(
      `SELECT value, stream_version FROM ${this.t.proj} WHERE tenant = $1 AND name = $2 AND key = $3`,
      [this.tenant, name, key],
    );
    const row = r.rows[0];
    if (!row) return undefined;
    const value = (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as T;
    return { value, streamVersion: Number(row.stream_version) };
  }
}
