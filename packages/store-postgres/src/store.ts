import { InstantSchema, parseInput, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import type { SqlDatabase, SqlExecutor } from './client.js';

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
  /** A key that makes retries safe: the same key appends once and later calls return the first result. */
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

  /** Creates the tables if they do not exist. Safe to call on every start. */
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
      PRIMARY KEY (tenant, key)
    )`);
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
   * @param streamId - e.g. `customer:c-1024`
   * @param events - at least one event, in order
   * @param options - expected version, idempotency key, projections
   * @returns the versions written
   * @throws ZhiduError `concurrency_conflict` when the stream moved past `expectedVersion`,
   *   `invalid_input` for malformed events
   * @example
   * await store.append('customer:c-1', [{ type: 'registered', occurredAt: '2025-03-01T10:00:00+08:00', payload: { by: 'A' } }], { expectedVersion: 0 });
   */
  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (typeof streamId !== 'string' || streamId.length === 0) {
      throw new ZhiduError('invalid_input', ['streamId'], 'a stream id is required');
    }
    if (events.length === 0) throw new ZhiduError('invalid_input', ['events'], 'append at least one event');
    const parsed = events.map((e, i) => parseInput(NewEventSchema, e, ['events', i]));
    const { expectedVersion, idempotencyKey } = options;
    if (expectedVersion !== undefined && (!Number.isInteger(expectedVersion) || expectedVersion < 0)) {
      throw new ZhiduError(
        'invalid_input',
        ['expectedVersion'],
        'expectedVersion must be a non-negative integer',
      );
    }
    try {
      return await this.db.transaction(async (tx) => {
        if (idempotencyKey !== undefined) {
          const prior = await tx.query<{ stream_id: string; from_version: number; to_version: number }>(
            `SELECT stream_id, from_version, to_version FROM ${this.t.idem} WHERE tenant = $1 AND key = $2`,
            [this.tenant, idempotencyKey],
          );
          const row = prior.rows[0];
          if (row) {
            return {
              streamId: row.stream_id,
              fromVersion: row.from_version,
              toVersion: row.to_version,
              replayed: true,
            };
          }
        }
        const head = await this.version(tx, streamId);
        if (expectedVersion !== undefined && head !== expectedVersion) {
          throw new ZhiduError(
            'concurrency_conflict',
            ['expectedVersion'],
            `stream ${streamId} is at version ${head}, not ${expectedVersion}: re-read and decide again`,
          );
        }
        let version = head;
        for (const e of parsed) {
          version += 1;
          await tx.query(
            `INSERT INTO ${this.t.events} (tenant, stream_id, version, type, occurred_at, payload) VALUES ($1, $2, $3, $4, $5, $6)`,
            [this.tenant, streamId, version, e.type, e.occurredAt, JSON.stringify(e.payload)],
          );
        }
        if (idempotencyKey !== undefined) {
          await tx.query(
            `INSERT INTO ${this.t.idem} (tenant, key, stream_id, from_version, to_version) VALUES ($1, $2, $3, $4, $5)`,
            [this.tenant, idempotencyKey, streamId, head + 1, version],
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
        return { streamId, fromVersion: head + 1, toVersion: version, replayed: false };
      });
    } catch (e) {
      throw this.translate(e, streamId);
    }
  }

  /** Maps a server's unique-violation / serialization failure to `concurrency_conflict`. */
  private translate(e: unknown, streamId: string): unknown {
    const code = (e as { code?: unknown }).code;
    if (code === '23505' || code === '40001') {
      return new ZhiduError(
        'concurrency_conflict',
        ['streamId'],
        `another writer appended to ${streamId} at the same moment: re-read and decide again`,
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
