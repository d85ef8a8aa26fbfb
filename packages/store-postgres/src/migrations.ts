import { ZhiduError } from '@zhidu/core';
import type { SqlExecutor } from './client.js';

/** The table names of one store (one table prefix). */
export interface Tables {
  events: string;
  idem: string;
  proj: string;
  schema: string;
  streams: string;
  policies: string;
  personal: string;
  notices: string;
  owners: string;
  timers: string;
  violations: string;
  ledger: string;
  credit: string;
}

/**
 * The table names for a prefix.
 *
 * @example
 * tablesOf('zhidu').events; //=> 'zhidu_events'
 */
export function tablesOf(prefix: string): Tables {
  return {
    events: `${prefix}_events`,
    idem: `${prefix}_idempotency`,
    proj: `${prefix}_projections`,
    schema: `${prefix}_schema_version`,
    streams: `${prefix}_streams`,
    policies: `${prefix}_policies`,
    personal: `${prefix}_personal`,
    notices: `${prefix}_calendar_notices`,
    owners: `${prefix}_owners`,
    timers: `${prefix}_timers`,
    violations: `${prefix}_violations`,
    ledger: `${prefix}_penalty_ledger`,
    credit: `${prefix}_credit_accounts`,
  };
}

/** One schema version: what it adds, and the DDL that brings the previous version up to it. */
export interface Migration {
  version: number;
  description: string;
  /**
   * @param layout - `partitions`: create a new events table hash-partitioned by tenant and stream
   *   into that many partitions (only where the events table does not exist yet)
   */
  up(tx: SqlExecutor, t: Tables, layout?: { partitions?: number }): Promise<void>;
}

/**
 * The events table hash-partitioned by `(tenant, stream_id)` into `partitions` tables named
 * `<events>_p0` … `<events>_p<n-1>`: every event of a stream lands in one partition, and a read
 * or an append of one stream touches only that partition. The primary key is the stream's natural
 * key `(tenant, stream_id, version)` (a key of a partitioned table must hold the partition key);
 * `position` stays the store-wide order from one sequence, indexed per partition with the tenant.
 */
async function createPartitionedEvents(tx: SqlExecutor, t: Tables, partitions: number): Promise<void> {
  await tx.query(`CREATE TABLE ${t.events} (
    position BIGSERIAL NOT NULL,
    tenant TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0),
    type TEXT NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    payload JSONB NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, stream_id, version)
  ) PARTITION BY HASH (tenant, stream_id)`);
  await tx.query(`CREATE INDEX ${t.events}_position ON ${t.events} (tenant, position)`);
  for (let i = 0; i < partitions; i++) {
    await tx.query(
      `CREATE TABLE ${t.events}_p${i} PARTITION OF ${t.events} FOR VALUES WITH (MODULUS ${partitions}, REMAINDER ${i})`,
    );
  }
}

/**
 * How the events table is laid out: 0 when it is one table (or does not exist), else the number of
 * its hash partitions.
 *
 * @example
 * await eventPartitions(db, tablesOf('zhidu')); //=> 8
 */
export async function eventPartitions(tx: SqlExecutor, t: Tables): Promise<number> {
  const r = await tx.query<{ n: number | string | null }>(
    `SELECT (SELECT COUNT(*) FROM pg_inherits i WHERE i.inhparent = p.partrelid) AS n
       FROM pg_partitioned_table p WHERE p.partrelid = to_regclass($1)`,
    [t.events],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * The schema versions, in order. Version 1 is the event store as it was before the store knew the
 * domain (events, idempotency keys, generic projections); its DDL is idempotent, so a database
 * written by that code (which had no version table) is recognised as version 1 and upgraded.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'event streams, idempotency keys, generic projections',
    async up(tx, t, layout = {}) {
      if (layout.partitions !== undefined) {
        const exists = await tx.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [t.events]);
        if (exists.rows[0]?.t == null) await createPartitionedEvents(tx, t, layout.partitions);
      }
      await tx.query(`CREATE TABLE IF NOT EXISTS ${t.events} (
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
      await tx.query(`CREATE TABLE IF NOT EXISTS ${t.idem} (
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
      await tx.query(`ALTER TABLE ${t.idem} ADD COLUMN IF NOT EXISTS request_hash TEXT`);
      await tx.query(`CREATE TABLE IF NOT EXISTS ${t.proj} (
        tenant TEXT NOT NULL,
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        value JSONB NOT NULL,
        stream_version INTEGER NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, name, key)
      )`);
    },
  },
  {
    version: 2,
    description:
      'policies, streams bound to a module, personal data kept apart, calendar notices, domain projections',
    async up(tx, t) {
      await tx.query(`CREATE TABLE ${t.policies} (
        tenant TEXT NOT NULL,
        module_id TEXT NOT NULL,
        policy_id TEXT NOT NULL,
        version TEXT NOT NULL,
        effective_from TIMESTAMPTZ NOT NULL,
        effective_to TIMESTAMPTZ,
        hash TEXT NOT NULL,
        content JSONB NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, module_id, policy_id, version)
      )`);
      await tx.query(`CREATE TABLE ${t.streams} (
        tenant TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        module_id TEXT NOT NULL,
        policy_id TEXT NOT NULL,
        customer_id TEXT,
        input JSONB,
        PRIMARY KEY (tenant, stream_id)
      )`);
      await tx.query(`CREATE INDEX ${t.streams}_module ON ${t.streams} (tenant, module_id, policy_id)`);
      await tx.query(`CREATE TABLE ${t.personal} (
        tenant TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        pointer TEXT NOT NULL,
        value TEXT,
        erased_at TIMESTAMPTZ,
        PRIMARY KEY (tenant, stream_id, version, pointer)
      )`);
      await tx.query(`CREATE INDEX ${t.personal}_customer ON ${t.personal} (tenant, customer_id)`);
      await tx.query(`CREATE TABLE ${t.notices} (
        tenant TEXT NOT NULL,
        year INTEGER NOT NULL,
        hash TEXT NOT NULL,
        content JSONB NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, year, hash)
      )`);
      await tx.query(`CREATE TABLE ${t.owners} (
        tenant TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        owner TEXT,
        stream_id TEXT NOT NULL,
        stream_version INTEGER NOT NULL,
        result JSONB NOT NULL,
        trace JSONB NOT NULL,
        provenance JSONB NOT NULL,
        PRIMARY KEY (tenant, customer_id)
      )`);
      await tx.query(`CREATE TABLE ${t.timers} (
        tenant TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        timer_key TEXT NOT NULL,
        module_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        timer_id TEXT NOT NULL,
        rule TEXT NOT NULL,
        status TEXT NOT NULL,
        open BOOLEAN NOT NULL,
        due_at TIMESTAMPTZ,
        warn_at TIMESTAMPTZ,
        provisional BOOLEAN NOT NULL DEFAULT false,
        policy_hash TEXT NOT NULL,
        PRIMARY KEY (tenant, stream_id, timer_key)
      )`);
      // "What breaches in the next hour" is one range scan on this partial index.
      await tx.query(`CREATE INDEX ${t.timers}_due ON ${t.timers} (tenant, due_at) WHERE open`);
      await tx.query(`CREATE INDEX ${t.timers}_warn ON ${t.timers} (tenant, warn_at) WHERE open`);
      await tx.query(`CREATE TABLE ${t.violations} (
        tenant TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        module_id TEXT NOT NULL,
        code TEXT NOT NULL,
        rule TEXT NOT NULL,
        person_id TEXT NOT NULL,
        occurred_at TIMESTAMPTZ NOT NULL,
        period TEXT NOT NULL,
        violation JSONB NOT NULL,
        PRIMARY KEY (tenant, stream_id, seq)
      )`);
      await tx.query(`CREATE INDEX ${t.violations}_at ON ${t.violations} (tenant, occurred_at)`);
      await tx.query(`CREATE INDEX ${t.violations}_person ON ${t.violations} (tenant, person_id, period)`);
      await tx.query(`CREATE TABLE ${t.ledger} (
        tenant TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        person_id TEXT NOT NULL,
        period TEXT NOT NULL,
        total_fen BIGINT NOT NULL,
        lines JSONB NOT NULL,
        PRIMARY KEY (tenant, stream_id, person_id, period)
      )`);
      await tx.query(`CREATE INDEX ${t.ledger}_person ON ${t.ledger} (tenant, person_id, period)`);
      await tx.query(`CREATE TABLE ${t.credit} (
        tenant TEXT NOT NULL,
        account_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        stream_version INTEGER NOT NULL,
        limit_fen BIGINT,
        used_fen BIGINT NOT NULL,
        open_shipments JSONB NOT NULL,
        provenance JSONB NOT NULL,
        PRIMARY KEY (tenant, account_id)
      )`);
    },
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the tables up to {@link SCHEMA_VERSION} inside the caller's transaction: creates the
 * version table, reads the version (a database without it but with events is version 1's tables,
 * which the idempotent version-1 DDL recognises), and runs each missing step, recording it. With
 * `layout.partitions`, a new events table is created hash-partitioned, and an existing one must
 * already be partitioned that way.
 *
 * @returns the version before and after
 * @throws ZhiduError `invalid_state` when the database was written by a newer schema, or its events
 *   table is not partitioned into `layout.partitions`
 * @example
 * await db.transaction((tx) => upgrade(tx, tablesOf('zhidu'))); //=> { from: 0, to: 2 }
 */
export async function upgrade(
  tx: SqlExecutor,
  t: Tables,
  layout: { partitions?: number } = {},
): Promise<{ from: number; to: number }> {
  await tx.query(`CREATE TABLE IF NOT EXISTS ${t.schema} (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`);
  const r = await tx.query<{ v: number | string | null }>(`SELECT MAX(version) AS v FROM ${t.schema}`);
  const from = Number(r.rows[0]?.v ?? 0);
  if (from > SCHEMA_VERSION) {
    throw new ZhiduError(
      'invalid_state',
      ['schemaVersion'],
      `数据库表为版本 ${from}，本程序只认识到版本 ${SCHEMA_VERSION}：请升级 @zhidu/store-postgres / the tables are at schema version ${from}, this code knows up to ${SCHEMA_VERSION}: upgrade @zhidu/store-postgres`,
      { schemaVersion: from, known: SCHEMA_VERSION },
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    await m.up(tx, t, layout);
    await tx.query(`INSERT INTO ${t.schema} (version, description) VALUES ($1, $2)`, [
      m.version,
      m.description,
    ]);
  }
  if (layout.partitions !== undefined) {
    const have = await eventPartitions(tx, t);
    if (have !== layout.partitions) {
      throw new ZhiduError(
        'invalid_state',
        ['partitions'],
        have === 0
          ? `事件表 ${t.events} 已存在且未分区；已有数据的表不能就地分区，请按 docs/store.md 的迁移步骤复制到新的分区表 / the events table ${t.events} exists without partitions; a table with data is not partitioned in place: copy it into a partitioned table as docs/store.md describes`
          : `事件表 ${t.events} 已按哈希分为 ${have} 个分区，不是 ${layout.partitions} 个；哈希分区不能就地改分，请按 docs/store.md 的迁移步骤复制 / the events table ${t.events} has ${have} hash partitions, not ${layout.partitions}; hash partitions are not re-divided in place: copy as docs/store.md describes`,
        { partitions: have, asked: layout.partitions },
      );
    }
  }
  return { from, to: SCHEMA_VERSION };
}
