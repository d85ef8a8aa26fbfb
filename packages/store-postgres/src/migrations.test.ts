import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPglite, fromPgPool, type SqlDatabase } from './client.js';
import { MIGRATIONS, SCHEMA_VERSION, tablesOf } from './migrations.js';
import { EventStore } from './store.js';

// Migrations (issue 18): a schema-version table; the tables written by the store before it had one
// are version 1 and are upgraded in one transaction. Runs on PGlite always and on a PostgreSQL
// server when ZHIDU_PG_URL is set.
const targets: { name: string; connectionString?: string }[] = [{ name: 'PGlite' }];
if (process.env.ZHIDU_PG_URL)
  targets.push({ name: 'PostgreSQL server', connectionString: process.env.ZHIDU_PG_URL });

/** The DDL of the store before schema versions (the 0.0.0 release), verbatim. */
async function writeLegacyTables(db: SqlDatabase, prefix: string, withRequestHash: boolean): Promise<void> {
  await db.query(`CREATE TABLE ${prefix}_events (
    position BIGSERIAL PRIMARY KEY, tenant TEXT NOT NULL, stream_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0), type TEXT NOT NULL, occurred_at TIMESTAMPTZ NOT NULL,
    payload JSONB NOT NULL, recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(), UNIQUE (tenant, stream_id, version))`);
  await db.query(`CREATE TABLE ${prefix}_idempotency (
    tenant TEXT NOT NULL, key TEXT NOT NULL, stream_id TEXT NOT NULL, from_version INTEGER NOT NULL,
    to_version INTEGER NOT NULL, ${withRequestHash ? 'request_hash TEXT,' : ''} PRIMARY KEY (tenant, key))`);
  await db.query(`CREATE TABLE ${prefix}_projections (
    tenant TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, value JSONB NOT NULL,
    stream_version INTEGER NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (tenant, name, key))`);
  await db.query(
    `INSERT INTO ${prefix}_events (tenant, stream_id, version, type, occurred_at, payload) VALUES ('default', 'customer:old', 1, 'registered', '2024-05-01T02:00:00Z', '{"salesperson":"A"}')`,
  );
  await db.query(
    `INSERT INTO ${prefix}_idempotency (tenant, key, stream_id, from_version, to_version) VALUES ('default', 'desk-1', 'customer:old', 1, 1)`,
  );
  await db.query(
    `INSERT INTO ${prefix}_projections (tenant, name, key, value, stream_version) VALUES ('default', 'owner', 'old', '"A"', 1)`,
  );
}

describe.each(targets)('migrations on $name', ({ connectionString }) => {
  // One database per target (a PGlite takes seconds to start); each test uses its own prefix.
  const pools: pg.Pool[] = [];
  const made: string[] = [];
  let shared: SqlDatabase | undefined;
  const open = (): SqlDatabase => {
    if (shared) return shared;
    if (!connectionString) {
      shared = fromPglite(new PGlite(), { ownsDb: true });
      return shared;
    }
    const pool = new pg.Pool({ connectionString, max: 2 });
    pools.push(pool);
    shared = fromPgPool(pool);
    return shared;
  };
  const fresh = () => {
    const prefix = `m${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    made.push(prefix);
    return prefix;
  };
  beforeAll(async () => {
    await open().query('SELECT 1'); // start the database outside the tests' time limit
  });
  afterAll(async () => {
    if (connectionString && pools[0]) {
      for (const prefix of made) {
        const names = [...Object.values(tablesOf(prefix))];
        await pools[0].query(`DROP TABLE IF EXISTS ${names.join(', ')}`);
      }
    }
    for (const pool of pools) await pool.end();
    if (!connectionString) await shared?.close();
  });

  it('upgrades a database written before schema versions (version 1 tables) to the current version', async () => {
    for (const withRequestHash of [false, true]) {
      const db = open();
      const prefix = fresh();
      await writeLegacyTables(db, prefix, withRequestHash);
      const store = new EventStore(db, { prefix });
      expect(await store.schemaVersion()).toBe(0);
      expect(await store.migrate()).toEqual({ from: 0, to: SCHEMA_VERSION });
      expect(await store.schemaVersion()).toBe(2);
      // Everything written before is still there and still works.
      expect((await store.read('customer:old')).map((e) => [e.version, e.type, e.payload])).toEqual([
        [1, 'registered', { salesperson: 'A' }],
      ]);
      expect(await store.projection('owner', 'old')).toEqual({ value: 'A', streamVersion: 1 });
      const replay = await store.append(
        'customer:old',
        [{ type: 'registered', occurredAt: '2024-05-01T10:00:00+08:00', payload: { salesperson: 'A' } }],
        { idempotencyKey: 'desk-1' },
      );
      expect(replay).toEqual({ streamId: 'customer:old', fromVersion: 1, toVersion: 1, replayed: true });
      const versions = await db.query<{ version: number; description: string }>(
        `SELECT version, description FROM ${prefix}_schema_version ORDER BY version`,
      );
      expect(versions.rows.map((r) => Number(r.version))).toEqual([1, 2]);
      // A second start changes nothing.
      expect(await store.migrate()).toEqual({ from: 2, to: 2 });
    }
  });

  it('an upgrade that fails part-way leaves the tables as they were (one transaction)', async () => {
    const db = open();
    const prefix = fresh();
    await writeLegacyTables(db, prefix, true);
    // A table in the way of version 2: its CREATE TABLE fails after several others succeeded.
    await db.query(`CREATE TABLE ${prefix}_credit_accounts (unrelated INTEGER)`);
    const store = new EventStore(db, { prefix });
    const e = await store.migrate().catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'internal_error', details: { sqlstate: '42P07' } });
    expect(await store.schemaVersion()).toBe(0);
    const policies = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
      `${prefix}_policies`,
    ]);
    expect(policies.rows[0]?.t ?? null).toBeNull();
    // Out of the way, the same upgrade goes through.
    await db.query(`DROP TABLE ${prefix}_credit_accounts`);
    expect(await store.migrate()).toEqual({ from: 0, to: 2 });
  });

  it('refuses tables written by a newer schema with invalid_state, changing nothing', async () => {
    const db = open();
    const prefix = fresh();
    const store = new EventStore(db, { prefix });
    await store.migrate();
    await db.query(`INSERT INTO ${prefix}_schema_version (version, description) VALUES (99, 'future')`);
    const e = await store.migrate().catch((x: unknown) => x);
    expect(e).toMatchObject({
      code: 'invalid_state',
      path: ['schemaVersion'],
      details: { schemaVersion: 99 },
    });
    expect(await store.schemaVersion()).toBe(99);
  });

  it('lists its versions in order, each with a description', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2]);
    expect(SCHEMA_VERSION).toBe(2);
    expect(MIGRATIONS.every((m) => m.description.length > 10)).toBe(true);
  });
});
