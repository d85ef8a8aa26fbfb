/**
 * @packageDocumentation
 * Persistence for zhidu: append-only event streams with optimistic concurrency, idempotency keys
 * and projections; policies, module streams judged by the registry's modules, domain projections
 * (owners, timers, violations, penalty ledgers, credit accounts) with queries, and erasure of
 * personal data, on PostgreSQL through `pg` or on embedded PGlite (the zero-setup default).
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
export type {
  ErasureResult,
  NoticeImportResult,
  ProjectionChange,
  PutPolicyResult,
  RebuildReport,
  RecordOptions,
  RecordResult,
  StreamInfo,
  StreamModuleInput,
} from './domain.js';
export { MIGRATIONS, type Migration, SCHEMA_VERSION, type Tables } from './migrations.js';
export { type OpenStoreOptions, openStore } from './open.js';
export {
  type CreditRow,
  DOMAIN_PROJECTIONS,
  type LedgerRow,
  type OwnerRow,
  type ProjectionRows,
  projectDecisions,
  type StreamFacts,
  type TimerRow,
  type ViolationRow,
} from './projections.js';
export type { CreditAccountView, LedgerView, OwnerView, TimerView, ViolationView } from './queries.js';
export {
  type AppendOptions,
  type AppendResult,
  EventStore,
  type NewEvent,
  NewEventSchema,
  type ProjectionWrite,
  type StoredEvent,
} from './store.js';
export {
  DEFAULT_PERSONAL_FIELDS,
  ERASED_MARK,
  eventInstant,
  PERSONAL_MARK,
  type StreamShape,
  streamShape,
} from './streams.js';
