/**
 * @packageDocumentation
 * The PRC statutory working-day calendar for zhidu: public holidays and make-up workdays (调休)
 * from each year's State Council notice, with configurable business hours; notices and company
 * closures loadable from JSON files, and a provisional mode beyond the data.
 */
export {
  type ChinaCalendarOptions,
  chinaCalendar,
  PROVISIONAL_BASIS,
  PROVISIONAL_LAST_YEAR,
  PROVISIONAL_TABLE_SOURCE,
  provisionalHolidays,
  type StatutoryDay,
  statutoryCoverage,
  statutoryDay,
  type YearSchedule,
  yearSchedule,
} from './china-calendar.js';
export {
  type CompanyDays,
  CompanyDaysSchema,
  calendarFileJsonSchemas,
  type NoticeFile,
  NoticeFileSchema,
  type YearNotice,
  YearNoticeSchema,
} from './notice.js';
