import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { fromPglite, fromPgPool } from './client.js';
import { EventStore } from './store.js';

/**
 * Opens a migrated store: on a PostgreSQL server when `connectionString` is given, otherwise on an
 * in-memory PGlite database (or one persisted at `dataDir`).
 *
 * @param options - `connectionString` for a server, `dataDir` for a persistent PGlite, `tenant`, `prefix`,
 *   `partitions` (2–1024: a new events table is hash-partitioned by tenant and stream into that many
 *   partitions; an existing one must already be)
 * @returns the store and a `close()` that releases what was opened
 * @example
 * const { store, close } = await openStore();               // embedded, in memory
 * await store.append('customer:c-1', [{ type: 'registered', occurredAt: '2025-03-01T10:00:00+08:00' }]);
 * await close();
 * // The events table hash-partitioned by tenant and stream, for a large history:
 * const big = await openStore({ partitions: 8 });
 * await big.store.eventPartitions(); //=> 8
 * await big.close();
 */
export async function openStore(
  options: {
    connectionString?: string;
    dataDir?: string;
    tenant?: string;
    prefix?: string;
    partitions?: number;
  } = {},
): Promise<{ store: EventStore; close: () => Promise<void> }> {
  const db = options.connectionString
    ? fromPgPool(new pg.Pool({ connectionString: options.connectionString, max: 4 }), { ownsPool: true })
    : fromPglite(new PGlite(options.dataDir), { ownsDb: true });
  // A refused option or a failed migration closes what was opened: nothing is left running.
  let store: EventStore;
  try {
    store = new EventStore(db, {
      ...(options.tenant === undefined ? {} : { tenant: options.tenant }),
      ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
      ...(options.partitions === undefined ? {} : { partitions: options.partitions }),
    });
    await store.migrate();
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
  return { store, close: () => db.close() };
}
