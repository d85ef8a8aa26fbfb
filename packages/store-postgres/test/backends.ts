// Shared set-up of the store tests that run on both backends: PGlite always, and a PostgreSQL server
// when ZHIDU_PG_URL is set (CI starts one). Each suite gets its own table prefix, and drops its
// tables (server) or closes its database (PGlite) when it is done.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { fromPglite, fromPgPool, type SqlDatabase } from '../src/client.js';
import { tablesOf } from '../src/migrations.js';
import { EventStore } from '../src/store.js';

/**
 * `ZHIDU_STORE_PARTITIONS=8` runs every store suite with its events table hash-partitioned into 8
 * (the store's `partitions` option): spread {@link partitioned} into the store's options.
 */
export const PARTITIONS: number | undefined = process.env.ZHIDU_STORE_PARTITIONS
  ? Number(process.env.ZHIDU_STORE_PARTITIONS)
  : undefined;
/** `{ partitions }` when `ZHIDU_STORE_PARTITIONS` is set, else nothing: the store's options to spread. */
export const partitioned: { partitions?: number } =
  PARTITIONS === undefined ? {} : { partitions: PARTITIONS };

/** The backends a suite runs on: `describe.each(targets)('… on $name', ({ connectionString }) => …)`. */
export const targets: { name: string; connectionString?: string }[] = [{ name: 'PGlite' }];
if (process.env.ZHIDU_PG_URL)
  targets.push({ name: 'PostgreSQL server', connectionString: process.env.ZHIDU_PG_URL });

/** A migrated store on one backend, live between the suite's `beforeAll` and `afterAll`. */
export interface StoreOnBackend {
  readonly store: EventStore;
  readonly db: SqlDatabase;
  /** The suite's table names. */
  readonly tables: ReturnType<typeof tablesOf>;
}

/**
 * Opens a migrated store for the enclosing `describe` (in `beforeAll`) on PGlite or on the server at
 * `connectionString`, puts `policies` (module id and preset name or policy JSON), and drops or closes
 * it in `afterAll`. Read `store` and `db` inside tests, not at collection time.
 */
export function storeOnBackend(
  connectionString: string | undefined,
  options: {
    tag: string;
    clock: () => string;
    policies?: readonly (readonly [module: string, policy: Parameters<EventStore['putPolicy']>[1]])[];
  },
): StoreOnBackend {
  const prefix = `${options.tag}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const tables = tablesOf(prefix);
  let db: SqlDatabase | undefined;
  let store: EventStore | undefined;
  let pool: pg.Pool | undefined;
  beforeAll(async () => {
    if (connectionString) {
      pool = new pg.Pool({ connectionString, max: 4 });
      db = fromPgPool(pool);
    } else db = fromPglite(new PGlite(), { ownsDb: true });
    store = new EventStore(db, { prefix, clock: options.clock, ...partitioned });
    await store.migrate();
    for (const [module, policy] of options.policies ?? []) await store.putPolicy(module, policy);
  });
  afterAll(async () => {
    if (pool) {
      await pool.query(`DROP TABLE IF EXISTS ${Object.values(tables).join(', ')}`);
      await pool.end();
    } else await db?.close();
  });
  return {
    get store() {
      if (!store) throw new Error('the store opens in beforeAll');
      return store;
    },
    get db() {
      if (!db) throw new Error('the store opens in beforeAll');
      return db;
    },
    tables,
  };
}
