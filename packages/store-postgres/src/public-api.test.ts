import { describePublicApi } from '../../core/test/public-api.js';
import * as api from './index.js';

// The public names of @zhidu/store-postgres, pinned: an export added or removed by accident fails here. A
// deliberate change updates these lists together with the changeset that announces it.
const RUNTIME_NAMES: readonly string[] = [
  'EventStore',
  'NewEventSchema',
  'fromPgPool',
  'fromPglite',
  'openStore',
];

const TYPE_NAMES: readonly string[] = [
  'AppendOptions',
  'AppendResult',
  'NewEvent',
  'PgPoolClientLike',
  'PgPoolLike',
  'PgliteLike',
  'ProjectionWrite',
  'QueryFn',
  'SqlDatabase',
  'SqlExecutor',
  'StoredEvent',
];

describePublicApi('@zhidu/store-postgres', api, new URL('./index.ts', import.meta.url), {
  runtime: RUNTIME_NAMES,
  types: TYPE_NAMES,
});
