import { PGlite } from '@electric-sql/pglite';
import { describeValue, ZhiduError } from '@zhidu/core';
import pg from 'pg';
import { fromPglite, fromPgPool, type SqlDatabase } from './client.js';
import { checkOptions } from './guard.js';
import { EventStore } from './store.js';

/** What {@link openStore} takes: where the database is, and the {@link EventStore} options. */
export type OpenStoreOptions = {
  /** A PostgreSQL server's connection string; without it, an embedded PGlite database. */
  connectionString?: string;
  /** Where the embedded PGlite database persists (in memory without it). */
  dataDir?: string;
} & NonNullable<ConstructorParameters<typeof EventStore>[1]>;

/** No database: the store is built on it only to check its options, and never reaches it. */
const NO_DATABASE: SqlDatabase = {
  query: () => Promise.reject(new Error('no database')),
  transaction: () => Promise.reject(new Error('no database')),
  close: () => Promise.resolve(),
};

/** The keys {@link openStore} reads; any other is refused before anything is opened. */
const OPEN_KEYS = [
  'connectionString',
  'dataDir',
  'tenant',
  'prefix',
  'partitions',
  'personalFields',
  'clock',
  'outsideData',
] as const;

/**
 * Opens a migrated store: on a PostgreSQL server when `connectionString` is given, otherwise on an
 * in-memory PGlite database (or one persisted at `dataDir`). The options are checked before anything
 * is opened: a misspelt key (`conectionString`) is refused with `unknown_key`, naming the key meant —
 * it would otherwise open an in-memory database and lose every event at exit.
 *
 * @param options - `connectionString` for a server, `dataDir` for a persistent PGlite, and the
 *   {@link EventStore} options: `tenant`, `prefix`, `partitions` (2–1024: a new events table is
 *   hash-partitioned by tenant and stream into that many partitions; an existing one must already be),
 *   `personalFields`, `clock`, `outsideData`
 * @returns the store and a `close()` that releases what was opened
 * @throws ZhiduError `unknown_key` at `options.<key>` for a key it does not read, `invalid_input` for a
 *   connection string or data directory that is not a non-empty string, and the store's refusals
 * @example
 * const { store, close } = await openStore();               // embedded, in memory
 * await store.append('customer:c-1', [{ type: 'registered', occurredAt: '2025-03-01T10:00:00+08:00' }]);
 * await close();
 * // The events table hash-partitioned by tenant and stream, for a large history:
 * const big = await openStore({ partitions: 8 });
 * await big.store.eventPartitions(); //=> 8
 * await big.close();
 * await openStore({ conectionString: 'postgres://db/zhidu' } as never); // throws ZhiduError unknown_key (did you mean connectionString?)
 */
export async function openStore(
  options: OpenStoreOptions = {},
): Promise<{ store: EventStore; close: () => Promise<void> }> {
  const o = checkOptions(options, OPEN_KEYS);
  for (const key of ['connectionString', 'dataDir'] as const) {
    const v = o[key];
    if (v !== undefined && (typeof v !== 'string' || v === ''))
      throw new ZhiduError(
        'invalid_input',
        ['options', key],
        `${key} 须为非空字符串 / ${key} is a non-empty string, got ${describeValue(v)}`,
      );
  }
  const { connectionString, dataDir, ...rest } = o as OpenStoreOptions;
  const storeOptions = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  // The store's own checks (partitions, tenant, outsideData, clock, personalFields, prefix) run
  // before a database is opened: a refused option starts no PGlite and opens no pool.
  new EventStore(NO_DATABASE, storeOptions);
  const db = connectionString
    ? fromPgPool(new pg.Pool({ connectionString, max: 4 }), { ownsPool: true })
    : fromPglite(new PGlite(dataDir), { ownsDb: true });
  // A refused option or a failed migration closes what was opened: nothing is left running.
  let store: EventStore;
  try {
    store = new EventStore(db, storeOptions);
    await store.migrate();
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
  return { store, close: () => db.close() };
}
