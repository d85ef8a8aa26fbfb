/**
 * @packageDocumentation
 * Persistence for zhidu: append-only event streams with optimistic concurrency, idempotency keys
 * and projections, on PostgreSQL through `pg` or on embedded PGlite (the zero-setup default).
 */
export {
  fromPglite,
  fromPgPool,
  type PgliteLike,
  type PgPoolClientLike,
  type PgPoolLike,
  type QueryFn,
  type SqlDatabase,
  type SqlExecutor,
} from './client.js';
export { openStore } from './open.js';
export {
  type AppendOptions,
  type AppendResult,
  EventStore,
  type NewEvent,
  NewEventSchema,
  type ProjectionWrite,
  type StoredEvent,
} from './store.js';
