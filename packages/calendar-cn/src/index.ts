/**
 * @packageDocumentation
 * The PRC statutory working-day calendar for zhidu: public holidays and make-up workdays (调休)
 * from each year's State Council notice, with configurable business hours.
 */
export {
  type ChinaCalendarOptions,
  chinaCalendar,
  type StatutoryDay,
  statutoryCoverage,
  statutoryDay,
} from './china-calendar.js';
export { type YearNotice, YearNoticeSchema } from './notice.js';
