// The pg and PGlite adapters take structural types, not the libraries' own: zhidu's published
// declarations then compile without @types/pg and without PGlite's Emscripten/WebAssembly/DOM types
// (skipLibCheck: false, issue 12). A `pg.Pool` and a `PGlite` instance satisfy them as they are.

import { describeValue, expectKnownKeys, ZhiduError } from '@zhidu/core';

/**
 * Refuses an adapter's options other than its one ownership flag (`ownsPool`, `ownsDb`), and a flag
 * that is not a boolean.
 */
function ownershipOption(options: object, key: 'ownsPool' | 'ownsDb'): void {
  expectKnownKeys(options, [key], ['options']);
  const flag = (options as Record<string, unknown>)[key];
  if (flag !== undefined && typeof flag !== 'boolean')
    throw new ZhiduError(
      'invalid_input',
      ['options', key],
      `${key} 须为 true 或 false，收到 ${describeValue(flag)} / ${key} is true or false, got ${describeValue(flag)}`,
    );
}

/** One query on a `pg` connection or a PGlite database: the result's rows. */
export type QueryFn = <R = Record<string, unknown>>(
  text: string,
  params?: unknown[],
) => Promise<{ rows: R[] }>;

/** The part of a `pg.Pool` the store uses; a `new pg.Pool(…)` satisfies it. */
export interface PgPoolLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<PgPoolClientLike>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of a `pg.PoolClient` the store uses. */
export interface PgPoolClientLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  /** `release(error)` destroys a broken connection instead of returning it to the pool. */
  release(error?: Error | boolean): void;
  /** A checked-out client reports a dropped connection (a server restart) as an 'error' event. */
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of a PGlite database the store uses; a `new PGlite(…)` satisfies it. */
export interface PgliteLike {
  query: QueryFn;
  transaction<T>(fn: (tx: { query: QueryFn }) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The few things the store needs from a PostgreSQL connection. */
export interface SqlExecutor {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * A database the store can run on: queries, and transactions that commit only if the callback
 * resolves. Adapters exist for `pg` pools and for embedded PGlite; both speak the same SQL.
 */
export interface SqlDatabase extends SqlExecutor {
  /**
   * Runs `fn` in one transaction, at READ COMMITTED on a server (PGlite is single-connection). The
   * store serializes the appends of one stream with an advisory lock and backs it with a unique key,
   * so appends to different streams never fail each other; it takes its locks (the stream's, the
   * tenant's calendar notices') and then reads what they guard, which needs each statement to see what
   * committed before it started: at REPEATABLE READ or SERIALIZABLE the transaction's snapshot is
   * taken when the lock statement starts, before the lock is granted, so a record that waited for a
   * notice import would judge under the notices from before it. {@link fromPgPool} begins every
   * transaction `ISOLATION LEVEL READ COMMITTED` whatever the server's default; an adapter of your own
   * must do the same.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Releases the connection(s) this adapter opened itself. */
  close(): Promise<void>;
}

/**
 * Wraps a `pg` pool. Transactions take one client from the pool for their duration.
 *
 * @param pool - a `pg.Pool` (the caller keeps ownership unless `ownsPool` is true)
 * @param options - `ownsPool`: end the pool on `close()`
 * @returns a {@link SqlDatabase}
 * @example
 * import pg from 'pg';
 * const db = fromPgPool(new pg.Pool({ connectionString: process.env.DATABASE_URL }), { ownsPool: true });
 */
export function fromPgPool(pool: PgPoolLike, options: { ownsPool?: boolean } = {}): SqlDatabase {
  // A misspelt `ownPool` left the pool open after `close()` without a word.
  ownershipOption(options, 'ownsPool');
  // An idle client whose server goes away (a restart, a failover) makes the pool emit 'error'; with
  // no listener Node would end the process. The pool drops that client and opens a new one on the
  // next query, so the store recovers by itself: the error is noted here and not rethrown.
  pool.on('error', () => undefined);
  return {
    async query<R>(text: string, params: unknown[] = []) {
      const r = await pool.query(text, params);
      return { rows: r.rows as R[] };
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client: PgPoolClientLike = await pool.connect();
      let broken: Error | undefined;
      // While checked out, a client whose connection is cut (57P01 on a server restart) emits
      // 'error'; unheard, Node would end the process. Note it: the client is released as broken and
      // the query under way fails on its own, which the store reports as `unavailable`.
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        // READ COMMITTED whatever the server's `default_transaction_isolation`: the store takes its
        // locks first and then reads, and at REPEATABLE READ the snapshot would be the one taken when
        // the lock statement started, before the lock was granted (a record that waited for a notice
        // import would judge under the notices from before it).
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        const tx: SqlExecutor = {
          async query<R>(text: string, params: unknown[] = []) {
            const r = await client.query(text, params);
            return { rows: r.rows as R[] };
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        // A client whose ROLLBACK fails has lost its connection: release it as broken so the pool
        // destroys it rather than handing it to the next caller.
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw e;
      } finally {
        client.removeListener('error', onError);
        client.release(broken);
      }
    },
    async close() {
      if (options.ownsPool) await pool.end();
    },
  };
}

/**
 * Wraps an embedded PGlite database — the zero-setup default for tests, demos and single-process use.
 *
 * @param db - a PGlite instance
 * @param options - `ownsDb`: close it on `close()`
 * @returns a {@link SqlDatabase}
 * @example
 * import { PGlite } from '@electric-sql/pglite';
 * const db = fromPglite(new PGlite(), { ownsDb: true });
 */
export function fromPglite(db: PgliteLike, options: { ownsDb?: boolean } = {}): SqlDatabase {
  // A misspelt `ownDb` left the database open after `close()` without a word.
  ownershipOption(options, 'ownsDb');
  return {
    async query<R>(text: string, params: unknown[] = []) {
      const r = await db.query<R>(text, params);
      return { rows: r.rows };
    },
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return db.transaction(async (t) =>
        fn({
          async query<R>(text: string, params: unknown[] = []) {
            const r = await t.query<R>(text, params);
            return { rows: r.rows };
          },
        }),
      );
    },
    async close() {
      if (options.ownsDb) await db.close();
    },
  };
}
