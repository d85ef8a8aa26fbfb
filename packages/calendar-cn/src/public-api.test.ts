import { describePublicApi } from '../../core/test/public-api.js';
import * as api from './index.js';

// The public names of @zhidu/calendar-cn, pinned: an export added or removed by accident fails here. A
// deliberate change updates these lists together with the changeset that announces it.
const RUNTIME_NAMES: readonly string[] = [
  'CompanyDaysSchema',
  'NoticeFileSchema',
  'PROVISIONAL_BASIS',
  'PROVISIONAL_LAST_YEAR',
  'PROVISIONAL_TABLE_SOURCE',
  'YearNoticeSchema',
  'calendarFileJsonSchemas',
  'chinaCalendar',
  'provisionalHolidays',
  'statutoryCoverage',
  'statutoryDay',
  'yearSchedule',
];

const TYPE_NAMES: readonly string[] = [
  'ChinaCalendarOptions',
  'CompanyDays',
  'NoticeFile',
  'StatutoryDay',
  'YearNotice',
  'YearSchedule',
];

describePublicApi('@zhidu/calendar-cn', api, new URL('./index.ts', import.meta.url), {
  runtime: RUNTIME_NAMES,
  types: TYPE_NAMES,
});
