import { describePublicApi } from '../../core/test/public-api.js';
import * as api from './index.js';

// The public names of @zhidu/store-postgres, pinned: an export added or removed by accident fails here. A
// deliberate change updates these lists together with the changeset that announces it.
const RUNTIME_NAMES: readonly string[] = [
  'DEFAULT_PERSONAL_FIELDS',
  'DOMAIN_PROJECTIONS',
  'ERASED_MARK',
  'EventStore',
  'MIGRATIONS',
  'NewEventSchema',
  'PERSONAL_MARK',
  'SCHEMA_VERSION',
  'eventInstant',
  'fromPgPool',
  'fromPglite',
  'openStore',
  'projectDecisions',
  'streamShape',
];

const TYPE_NAMES: readonly string[] = [
  'AppendOptions',
  'AppendResult',
  'CreditAccountView',
  'CreditRow',
  'ErasureResult',
  'LedgerRow',
  'LedgerView',
  'Migration',
  'NewEvent',
  'NoticeImportResult',
  'OpenStoreOptions',
  'OwnerRow',
  'OwnerView',
  'PgPoolClientLike',
  'PgPoolLike',
  'PgliteLike',
  'ProjectionChange',
  'ProjectionRows',
  'ProjectionWrite',
  'PutPolicyResult',
  'QueryFn',
  'RebuildReport',
  'RecordOptions',
  'RecordResult',
  'SqlDatabase',
  'SqlExecutor',
  'StoredEvent',
  'StreamFacts',
  'StreamInfo',
  'StreamModuleInput',
  'StreamShape',
  'Tables',
  'TimerRow',
  'TimerView',
  'ViolationRow',
  'ViolationView',
];

describePublicApi('@zhidu/store-postgres', api, new URL('./index.ts', import.meta.url), {
  runtime: RUNTIME_NAMES,
  types: TYPE_NAMES,
});
