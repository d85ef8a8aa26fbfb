import { describePublicApi } from '../../core/test/public-api.js';
import * as api from './index.js';

// The public names of @zhidu/cli, pinned: an export added or removed by accident fails here. A
// deliberate change updates these lists together with the changeset that announces it.
const RUNTIME_NAMES: readonly string[] = [
  'DEPRECATED_ALIASES',
  'MAX_INPUT_BYTES',
  'MODULES',
  'buildProgram',
  'calendarHome',
  'diffJson',
  'importCalendarFile',
  'loadCalendarFiles',
  'moduleArg',
  'parseJson',
  'policyFor',
  'processIo',
  'readJson',
  'renderDecision',
  'run',
];

const TYPE_NAMES: readonly string[] = [
  'Change',
  'CliIo',
  'ImportResult',
  'ModuleName',
  'ModuleTarget',
  'StoredCalendarFiles',
];

describePublicApi('@zhidu/cli', api, new URL('./index.ts', import.meta.url), {
  runtime: RUNTIME_NAMES,
  types: TYPE_NAMES,
});
