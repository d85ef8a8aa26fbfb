import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { fromPglite, fromPgPool } from './client.js';
import { EventStore } from './store.js';

/**
 * Opens a migrated store: on a PostgreSQL server when `connectionString` is given, otherwise on an
 * in-memory PGlite database (or one persisted at `dataDir`).
 *
 * @param options - `connectionString` for a server, `dataDir` for a persistent PGlite, `tenant`, `prefix`
 * @returns the store and a `close()` that releases what was opened
 * @example
 * const { store, close } = await openStore();               // embedded, in memory
 * await store.append('customer:c-1', [{ type: 'registered', occurredAt: '2025-03-01T10:00:00+08:00' }]);
 * await close();
 */
export async function openStore(
  options: { connectionString?: string; dataDir?: string; tenant?: string; prefix?: string } = {},
): Promise<{ store: EventStore; close: () => Promise<void> }> {
  const db = options.connectionString
    ? fromPgPool(new pg.Pool({ connectionString: options.connectionString, max: 4 }), { ownsPool: true })
    : fromPglite(new PGlite(options.dataDir), { ownsDb: true });
  const store = new EventStore(db, {
    ...(options.tenant === undefined ? {} : { tenant: options.tenant }),
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
  });
  await store.migrate();
  return { store, close: () => db.close() };
}
