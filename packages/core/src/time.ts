import { tzOffset } from '@date-fns/tz';
import { z } from 'zod';
import { type ErrorPath, ZhiduError } from './errors.js';
import { fastLeaf, NOT_PARSED } from './parse-fast.js';

/** An instant in time as canonical ISO-8601 UTC: `2025-01-24T09:40:00.000Z`. */
export type Instant = string;
/** What public functions accept for an instant: ISO-8601 with an explicit offset, epoch ms, or a Date. */
export type InstantInput = string | number | Date;
/** A calendar date in the policy zone: `YYYY-MM-DD`. */
export type LocalDate = string;
/** A wall-clock time of day: `HH:mm` (or `HH:mm:ss`). */
export type LocalTime = string;

/** The zone regulations are read in unless a policy says otherwise. */
export const DEFAULT_ZONE = 'Asia/Shanghai';

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const MS_PER_DAY = 86_400_000;
/** First and last epoch day zhidu handles: 1000-01-01 and 9999-12-31. */
const MIN_EPOCH_DAY = -354_285;
const MAX_EPOCH_DAY = 2_932_896;
/** 1000-01-01T00:00:00.000Z: the first instant whose canonical form zhidu reads back. */
const YEAR_1000_MS = MIN_EPOCH_DAY * MS_PER_DAY;
/** 10000-01-01T00:00:00.000Z: from there `toISOString` writes a six-digit signed year. */
const YEAR_10000_MS = (MAX_EPOCH_DAY + 1) * MS_PER_DAY;
const parsedInstants = new Map<string, number>();
/** The largest distance from the epoch a JavaScript Date can hold. */
const MAX_EPOCH_MS = 8.64e15;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (MONTH_DAYS[month - 1] ?? 31);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A refused value as messages print it; never throws (BigInt, symbols, cycles, hostile toString). */
function show(value: unknown): string {
  try {
    if (typeof value === 'string')
      return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
    if (value === undefined) return 'undefined';
    if (value instanceof Date) return 'a Date';
    if (Array.isArray(value)) return 'an array';
    return typeof value === 'object' ? 'an object' : typeof value;
  } catch {
    return typeof value;
  }
}

/** Whether a string is a `YYYY-MM-DD` date that exists. */
function isValidLocalDate(s: unknown): s is LocalDate {
  const m = typeof s === 'string' ? LOCAL_DATE.exec(s) : null;
  return m !== null && validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

function validYmd(y: number, m: number, d: number): boolean {
  // Years before 1000 are refused: a date like 0025-03-01 is a typo, not a regulation's date, and
  // Date-based code elsewhere would read years 0–99 as 1900–1999.
  return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** The value of the two ASCII digits at `i`, or NaN. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/**
 * The epoch milliseconds of an instant written in the common canonical shapes —
 * `YYYY-MM-DDTHH:mm:ssZ`, `YYYY-MM-DDTHH:mm:ss.sssZ`, and the same with a `±HH:MM` offset — read
 * digit by digit without a regular expression or `Date.parse` (issue 21), or NaN for anything
 * else (another shape, a date or time that does not exist, an offset beyond ±23:59), which
 * {@link toEpochMs} then reads as before, refusals included. A seeded property in
 * time-fast.test.ts shows it agrees with that reading on every string of these shapes.
 *
 * @param s - the instant text
 * @returns epoch milliseconds, or NaN
 * @example
 * canonicalEpochMs('2025-01-24T09:40:00.000Z'); //=> 1737711600000
 * canonicalEpochMs('2025-01-24T17:40:00+08:00'); //=> 1737711600000
 * canonicalEpochMs('2025-02-30T00:00:00Z'); //=> NaN (toEpochMs refuses it)
 * @internal
 */
export function canonicalEpochMs(s: string): number {
  const n = s.length;
  if (n !== 20 && n !== 24 && n !== 25 && n !== 29) return Number.NaN;
  if (
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 || // :
    s.charCodeAt(16) !== 58
  )
    return Number.NaN;
  const y = digits2(s, 0) * 100 + digits2(s, 2);
  const mo = digits2(s, 5);
  const d = digits2(s, 8);
  const h = digits2(s, 11);
  const mi = digits2(s, 14);
  const sec = digits2(s, 17);
  // y < 1000 and NaN both fail here (NaN compares false).
  if (!(y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && h <= 23 && mi <= 59 && sec <= 59)) return Number.NaN;
  if (d > (mo === 2 && isLeap(y) ? 29 : (MONTH_DAYS[mo - 1] as number))) return Number.NaN;
  let at = 19;
  let ms = 0;
  if (n === 24 || n === 29) {
    if (s.charCodeAt(19) !== 46) return Number.NaN; // .
    const c = s.charCodeAt(22) - 48;
    ms = digits2(s, 20) * 10 + (c >= 0 && c <= 9 ? c : Number.NaN);
    if (!(ms >= 0)) return Number.NaN;
    at = 23;
  }
  let offsetMinutes = 0;
  const sign = s.charCodeAt(at);
  if (n - at === 1) {
    if (sign !== 90) return Number.NaN; // Z
  } else {
    if ((sign !== 43 && sign !== 45) || s.charCodeAt(at + 3) !== 58) return Number.NaN; // + - :
    const oh = digits2(s, at + 1);
    const om = digits2(s, at + 4);
    if (!(oh <= 23 && om <= 59)) return Number.NaN;
    offsetMinutes = sign === 43 ? oh * 60 + om : -(oh * 60 + om);
  }
  // Days from 1970-01-01 of a proleptic Gregorian date (years from March, so leap days come last).
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * 86_400_000 + ((h * 60 + mi - offsetMinutes) * 60 + sec) * 1000 + ms;
}

/**
 * Converts an instant input to epoch milliseconds. Strings must carry an explicit offset
 * (`Z` or `+08:00`): a local time without a zone is ambiguous and refused.
 *
 * @param input - ISO-8601 string with offset, epoch ms, or Date
 * @param path - where the value sits in the caller's input, for the error
 * @returns epoch milliseconds
 * @throws ZhiduError `invalid_instant`
 * @example
 * toEpochMs('2025-01-24T17:40:00+08:00'); //=> 1737711600000
 */
export function toEpochMs(input: InstantInput, path: ErrorPath = []): number {
  if (input instanceof Date) {
    const t = input.getTime();
    if (Number.isNaN(t))
      throw new ZhiduError('invalid_instant', path, '无效的 Date 对象 / invalid Date object');
    return t;
  }
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || Math.abs(input) > MAX_EPOCH_MS) {
      throw new ZhiduError(
        'invalid_instant',
        path,
        `纪元毫秒数须为 ±${MAX_EPOCH_MS} 以内的整数，实为 ${show(input)} / epoch milliseconds must be an integer within ±${MAX_EPOCH_MS}, got ${show(input)}`,
      );
    }
    return input;
  }
  if (typeof input !== 'string') {
    throw new ZhiduError(
      'invalid_instant',
      path,
      `须为 ISO-8601 时刻，实为 ${show(input)} / expected an ISO-8601 instant, got ${show(input)}`,
    );
  }
  const quick = canonicalEpochMs(input);
  if (!Number.isNaN(quick)) return quick;
  const cached = parsedInstants.get(input);
  if (cached !== undefined) return cached;
  const m = ISO_WITH_OFFSET.exec(input);
  if (!m) {
    throw new ZhiduError(
      'invalid_instant',
      path,
      `须为带时区偏移的 ISO-8601 时刻（如 2025-01-24T17:40:00+08:00），实为 ${show(input)} / expected an ISO-8601 instant with an offset (e.g. 2025-01-24T17:40:00+08:00), got ${show(input)}`,
    );
  }
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || Number(m[6] ?? 0) > 59) {
    throw new ZhiduError(
      'invalid_instant',
      path,
      `日期或时间不存在：${show(input)} / no such date or time: ${show(input)}`,
    );
  }
  const t = Date.parse(input);
  if (Number.isNaN(t) || Math.abs(t) > MAX_EPOCH_MS)
    throw new ZhiduError(
      'invalid_instant',
      path,
      `无法解析的时刻 ${show(input)} / unparseable instant ${show(input)}`,
    );
  // Rule code parses the same instants over and over (policy boundaries, `now`, due dates).
  if (parsedInstants.size >= 20_000) parsedInstants.clear();
  parsedInstants.set(input, t);
  return t;
}

/**
 * Normalises an instant input to canonical ISO UTC.
 *
 * @example
 * toInstant('2025-01-24T17:40:00+08:00'); //=> '2025-01-24T09:40:00.000Z'
 * toInstant(0);                            //=> '1970-01-01T00:00:00.000Z'
 */
export function toInstant(input: InstantInput, path: ErrorPath = []): Instant {
  if (typeof input === 'string') {
    // Logs repeat the same instants (every InstantSchema field parses one): building the ISO
    // string is most of the cost, so the canonical form of a string is remembered.
    const known = canonicalInstants.get(input);
    if (known !== undefined) return known;
    const ms = inInstantRange(toEpochMs(input, path), input, path);
    // Already canonical (what every zhidu output is): no need to build a new string.
    const out = input.length === 24 && CANONICAL.test(input) ? input : instantOfEpochMs(ms);
    if (canonicalInstants.size >= 20_000) canonicalInstants.clear();
    canonicalInstants.set(input, out);
    return out;
  }
  return instantOfEpochMs(inInstantRange(toEpochMs(input, path), input, path));
}

/**
 * `ms` when its canonical form (UTC) falls within the years 1000–9999, which is what
 * {@link toEpochMs} reads back: `1000-01-01T00:00:00+08:00` is `0999-12-31T16:00:00.000Z` in UTC and
 * is refused here rather than written as an instant zhidu itself would refuse.
 */
function inInstantRange(ms: number, input: InstantInput, path: ErrorPath, zone?: string): number {
  if (ms >= YEAR_1000_MS && ms < YEAR_10000_MS) return ms;
  // A local date read in a zone (atLocal, startOfLocalDay, endOfLocalDay) is named as a date.
  const what =
    zone === undefined
      ? { zh: `时刻 ${show(input)} `, en: `the instant ${show(input)}` }
      : { zh: `${zone} 的本地日期 ${show(input)} 的时刻`, en: `the local date ${show(input)} in ${zone}` };
  throw new ZhiduError(
    'invalid_instant',
    path,
    `${what.zh}换算为 UTC 后超出 1000–9999 年的范围 / ${what.en} is outside the years 1000–9999 in UTC`,
  );
}

/** Two-digit and three-digit zero-padded numbers. */
const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * `new Date(ms).toISOString()` of valid epoch milliseconds, written from the digits from 1970 to
 * 9999 (about 3× cheaper: every timer turns its due time from milliseconds into an instant);
 * `toISOString` itself otherwise.
 */
function instantOfEpochMs(ms: number): Instant {
  if (!(ms >= 0 && ms < YEAR_10000_MS)) return new Date(ms).toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const [y, m, d] = civilFromDays(days);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  return `${PAD2[Math.floor(y / 100)]}${PAD2[y % 100]}-${PAD2[m]}-${PAD2[d]}T${PAD2[h]}:${PAD2[mi]}:${PAD2[s]}.${PAD3[milli]}Z`;
}

/** Canonical form of instant strings already converted (bounded like `parsedInstants`). */
const canonicalInstants = new Map<string, Instant>();

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Compares two instants.
 *
 * @returns negative if `a` is earlier, 0 if equal, positive if later
 * @example
 * compareInstants('2025-01-01T00:00:00Z', '2025-01-01T08:00:00+08:00'); //=> 0
 */
export function compareInstants(a: InstantInput, b: InstantInput): number {
  return toEpochMs(a, [0]) - toEpochMs(b, [1]);
}

/**
 * Adds (or subtracts) minutes of wall-clock time.
 *
 * @example
 * addMinutes('2025-01-24T09:40:00Z', 30); //=> '2025-01-24T10:10:00.000Z'
 */
export function addMinutes(instant: InstantInput, minutes: number): Instant {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes))
    throw new ZhiduError(
      'invalid_duration',
      [1],
      `分钟数须为有限数，实为 ${show(minutes)} / minutes must be finite, got ${show(minutes)}`,
    );
  return toInstant(toEpochMs(instant) + Math.round(minutes * 60_000));
}

const zoneCache = new Map<string, boolean>();

/**
 * Checks that `zone` is an IANA time zone this runtime knows.
 *
 * @throws ZhiduError `invalid_zone`
 * @example
 * assertZone('Asia/Shanghai'); //=> 'Asia/Shanghai'
 * assertZone('Mars/Olympus');  // throws
 */
export function assertZone(zone: string, path: ErrorPath = []): string {
  if (!isKnownZone(zone))
    throw new ZhiduError('invalid_zone', path, `未知时区 ${show(zone)} / unknown time zone ${show(zone)}`);
  return zone;
}

/** Whether `zone` is an IANA time zone this runtime knows (what {@link assertZone} checks), cached. @internal */
export function isKnownZone(zone: unknown): zone is string {
  if (typeof zone !== 'string') return false;
  let ok = zoneCache.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      ok = zone.length > 0;
    } catch {
      ok = false;
    }
    if (zoneCache.size >= 1_000) zoneCache.clear();
    zoneCache.set(zone, ok);
  }
  return ok;
}

/**
 * Checks a `YYYY-MM-DD` string names a real date.
 *
 * @throws ZhiduError `invalid_date`
 * @example
 * assertLocalDate('2024-02-29'); //=> '2024-02-29'
 * assertLocalDate('2025-02-29'); // throws
 */
export function assertLocalDate(date: string, path: ErrorPath = []): LocalDate {
  if (!isValidLocalDate(date)) {
    throw new ZhiduError(
      'invalid_date',
      path,
      `须为 YYYY-MM-DD 格式的日期，实为 ${show(date)} / expected a date as YYYY-MM-DD, got ${show(date)}`,
    );
  }
  return date;
}

/**
 * Checks an `HH:mm` or `HH:mm:ss` string and returns minutes since midnight (fractional with seconds).
 *
 * @example
 * parseLocalTime('17:30'); //=> 1050
 */
export function parseLocalTime(time: string, path: ErrorPath = []): number {
  const m = typeof time === 'string' ? LOCAL_TIME.exec(time) : null;
  if (!m) {
    if (time === '24:00') return 1440;
    throw new ZhiduError(
      'invalid_date',
      path,
      `须为 HH:mm 格式的时间，实为 ${show(time)} / expected a time as HH:mm, got ${show(time)}`,
    );
  }
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3] ?? 0) / 60;
}

/**
 * Days since 1970-01-01 for a local date (no zone involved).
 *
 * @example
 * toEpochDay('1970-01-02'); //=> 1
 */
export function toEpochDay(date: LocalDate): number {
  const m = typeof date === 'string' ? LOCAL_DATE.exec(date) : null;
  if (!m)
    throw new ZhiduError(
      'invalid_date',
      [],
      `须为 YYYY-MM-DD 格式的日期，实为 ${show(date)} / expected a date as YYYY-MM-DD, got ${show(date)}`,
    );
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * The local date `days` after 1970-01-01 (years 1000–9999).
 *
 * @example
 * fromEpochDay(-1); //=> '1969-12-31'
 */
export function fromEpochDay(days: number, path: ErrorPath = []): LocalDate {
  if (!Number.isInteger(days) || days < MIN_EPOCH_DAY || days > MAX_EPOCH_DAY) {
    throw new ZhiduError(
      'invalid_date',
      path,
      '计算所得日期超出 1000–9999 年的范围 / the resulting date is outside the years 1000–9999',
    );
  }
  const [y, m, d] = civilFromDays(days);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * Adds calendar days to a local date.
 *
 * @example
 * addDays('2025-01-31', 1); //=> '2025-02-01'
 */
export function addDays(date: LocalDate, n: number): LocalDate {
  assertLocalDate(date, [0]);
  if (!Number.isSafeInteger(n)) {
    throw new ZhiduError(
      'invalid_duration',
      [1],
      `天数须为整数，实为 ${show(n)} / days must be an integer, got ${show(n)}`,
    );
  }
  return fromEpochDay(toEpochDay(date) + n, [1]);
}

/**
 * Calendar days from `a` to `b` (`b − a`).
 *
 * @example
 * daysBetween('2025-01-24', '2025-02-05'); //=> 12
 */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(assertLocalDate(b, [1])) - toEpochDay(assertLocalDate(a, [0]));
}

/**
 * ISO weekday of a local date: 1 = Monday … 7 = Sunday.
 *
 * @example
 * weekdayOf('2025-10-11'); //=> 6 (a Saturday — a make-up workday in 2025)
 */
export function weekdayOf(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toEpochDay(assertLocalDate(date)) + 3) % 7) + 7) % 7) + 1;
}

/**
 * Adds calendar months, clamping to the month's end (N个月: same day-of-month N months later).
 *
 * @example
 * addMonthsClamped('2024-01-31', 1); //=> '2024-02-29'
 * addMonthsClamped('2025-01-31', 1); //=> '2025-02-28'
 */
export function addMonthsClamped(date: LocalDate, n: number): LocalDate {
  assertLocalDate(date, [0]);
  if (!Number.isInteger(n) || Math.abs(n) > 120_000) {
    throw new ZhiduError(
      'invalid_duration',
      [1],
      `月数须为 ±120000 以内的整数，实为 ${show(n)} / months must be an integer within ±120000, got ${show(n)}`,
    );
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  if (year < 1000 || year > 9999) {
    throw new ZhiduError(
      'invalid_date',
      [1],
      '计算所得日期超出 1000–9999 年的范围 / the resulting date is outside the years 1000–9999',
    );
  }
  return `${year}-${pad2(month)}-${pad2(Math.min(d, daysInMonth(year, month)))}`;
}

/**
 * The last day of the month `date` falls in (当月底).
 *
 * @example
 * endOfMonthDate('2024-02-10'); //=> '2024-02-29'
 */
export function endOfMonthDate(date: LocalDate): LocalDate {
  assertLocalDate(date);
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${date.slice(0, 8)}${pad2(daysInMonth(y, m))}`;
}

/**
 * The date `date` with its day-of-month replaced, clamped to the month's length. `day` must be an
 * integer from 1 to 31.
 *
 * @throws ZhiduError `invalid_date` (path `[1]`) for a day outside 1–31 or not an integer
 * @example
 * withDayOfMonth('2025-02-10', 31); //=> '2025-02-28'
 */
export function withDayOfMonth(date: LocalDate, day: number): LocalDate {
  assertLocalDate(date);
  if (!Number.isInteger(day) || day < 1 || day > 31) {
    throw new ZhiduError(
      'invalid_date',
      [1],
      `日须为 1 到 31 之间的整数，实为 ${show(day)} / day of month must be an integer from 1 to 31, got ${show(day)}`,
    );
  }
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${date.slice(0, 8)}${pad2(Math.min(day, daysInMonth(y, m)))}`;
}

const WEEK_MS = 7 * MS_PER_DAY;
const offsetCache = new Map<string, Map<number, number | null>>();

/**
 * UTC offset of `zone` at `ms`, in milliseconds (whole: local mean times such as Shanghai's +08:05:43
 * before 1901 have seconds). Asking Intl is slow (microseconds), and rule code asks constantly, so
 * offsets are cached per zone and week: when a week starts and ends on the same offset it holds
 * throughout (zones change offset at most a few times a year), otherwise the week is asked per call.
 */
function zoneOffset(zone: string, ms: number): number {
  let byWeek = offsetCache.get(zone);
  if (!byWeek) {
    byWeek = new Map();
    offsetCache.set(zone, byWeek);
  }
  const week = Math.floor(ms / WEEK_MS);
  let cached = byWeek.get(week);
  if (cached === undefined) {
    const a = offsetMs(zone, week * WEEK_MS);
    const b = offsetMs(zone, (week + 1) * WEEK_MS - 1);
    cached = a === b ? a : null;
    if (byWeek.size > 50_000) byWeek.clear();
    byWeek.set(week, cached);
  }
  return cached ?? offsetMs(zone, ms);
}

/** The offset Intl reports (through `@date-fns/tz`), in whole milliseconds; NaN outside the Date range. */
function offsetMs(zone: string, ms: number): number {
  const minutes = tzOffset(zone, new Date(ms));
  // @date-fns/tz (1.5) reads an offset west of Greenwich by less than an hour, `GMT-00:01:15`
  // (London's mean time until December 1847; Monrovia was −00:44:30 until 1972), as east: the sign
  // of `-00` is lost. An offset under an hour east is asked again for its sign.
  if (minutes > 0 && minutes < 60 && westOfGreenwich(zone, ms)) return -Math.round(minutes * 60_000);
  return Math.round(minutes * 60_000);
}

const LONG_OFFSETS = new Map<string, Intl.DateTimeFormat>();

/** Whether Intl writes the zone's offset at `ms` with a minus sign (`GMT-00:44:30`). */
function westOfGreenwich(zone: string, ms: number): boolean {
  let f = LONG_OFFSETS.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    if (LONG_OFFSETS.size > 64) LONG_OFFSETS.clear();
    LONG_OFFSETS.set(zone, f);
  }
  return f.format(ms).includes('GMT-');
}

/** Epoch ms shifted so that its UTC fields read as the wall clock in `zone`. */
function wallClockMs(ms: number, zone: string): number {
  return ms + zoneOffset(zone, ms);
}

/**
 * The wall clock of epoch ms in `zone`, to the minute, as `YYYY-MM-DD HH:mm` (seconds dropped; the
 * year as many digits as it has, `999` or `10000` at the ends of the range, as Intl writes it). The
 * offset comes from the weekly cache, not from an `Intl.DateTimeFormat` per call (about 3 µs, issue
 * 21); `formatInstant` shows times with it, and its oracle test compares it with Intl's
 * `formatToParts`. `zone` must be known (checked by the caller). @internal
 */
export function wallClockText(ms: number, zone: string): string {
  const wall = wallClockMs(ms, zone);
  const day = Math.floor(wall / MS_PER_DAY);
  const [y, m, d] = civilFromDays(day);
  return `${y}-${pad2(m)}-${pad2(d)} ${clockOf(Math.floor((wall - day * MS_PER_DAY) / 60_000))}`;
}

/** `HH:mm` of whole minutes since local midnight (0–1439). */
const clockOf = (minutes: number): LocalTime => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

/**
 * The local date of an instant in `zone`.
 *
 * @example
 * localDateOf('2025-01-24T16:30:00Z', 'Asia/Shanghai'); //=> '2025-01-25'
 */
export function localDateOf(instant: InstantInput, zone: string = DEFAULT_ZONE): LocalDate {
  const ms = toEpochMs(instant, [0]);
  return fromEpochDay(Math.floor(wallClockMs(ms, assertZone(zone, [1])) / MS_PER_DAY), [0]);
}

/**
 * Minutes since local midnight of an instant in `zone` (fractional when seconds are set).
 *
 * @example
 * localMinutesOf('2025-01-24T09:40:00Z', 'Asia/Shanghai'); //=> 1060 (17:40)
 */
export function localMinutesOf(instant: InstantInput, zone: string = DEFAULT_ZONE): number {
  const wall = wallClockMs(toEpochMs(instant, [0]), assertZone(zone, [1]));
  return (((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000;
}

/**
 * The wall-clock time of an instant in `zone`, as `HH:mm`.
 *
 * @example
 * localTimeOf('2025-01-24T09:40:00Z', 'Asia/Shanghai'); //=> '17:40'
 */
export function localTimeOf(instant: InstantInput, zone: string = DEFAULT_ZONE): LocalTime {
  const wall = wallClockMs(toEpochMs(instant, [0]), assertZone(zone, [1]));
  // Arithmetic, not Date: near the ends of the Date range the wall clock lies outside it.
  return clockOf(Math.floor((((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000));
}

/**
 * The instant of a wall-clock time on a local date in `zone`. Accepts fractional minutes-of-day
 * too (e.g. from {@link parseLocalTime}, 0–1440); `24:00` means the start of the next day.
 *
 * Around a daylight-saving change it follows Temporal's `"compatible"` disambiguation: a wall time
 * that does not exist (in the gap when clocks spring forward) moves forward by the length of the
 * gap; a wall time that exists twice (in the overlap when clocks fall back) is the earlier instant.
 *
 * @throws ZhiduError `invalid_date` for a bad date or time, `invalid_zone` for an unknown zone,
 *   `invalid_instant` (at the date) when the instant falls outside the years 1000–9999 in UTC
 *   (`1000-01-01` at midnight in Shanghai is in 999)
 * @example
 * atLocal('2025-01-24', '17:40', 'Asia/Shanghai'); //=> '2025-01-24T09:40:00.000Z'
 * atLocal('2022-03-13', '02:30', 'America/New_York'); //=> '2022-03-13T07:30:00.000Z' (03:30 EDT)
 * atLocal('2022-11-06', '01:30', 'America/New_York'); //=> '2022-11-06T05:30:00.000Z' (01:30 EDT)
 */
export function atLocal(date: LocalDate, time: LocalTime | number, zone: string = DEFAULT_ZONE): Instant {
  // An instant zhidu reads back only: 1000-01-01 at midnight in Shanghai is in 999 in UTC.
  return new Date(inInstantRange(atLocalMs(date, time, zone), date, [0], zone)).toISOString();
}

function atLocalMs(date: LocalDate, time: LocalTime | number, zone: string): number {
  assertLocalDate(date, [0]);
  assertZone(zone, [2]);
  if (typeof time === 'number' && !(time >= 0 && time <= 1440)) {
    throw new ZhiduError(
      'invalid_date',
      [1],
      `当日分钟数须在 0 到 1440 之间，实为 ${show(time)} / minutes of the day must be from 0 to 1440, got ${show(time)}`,
    );
  }
  const minutes = typeof time === 'number' ? time : parseLocalTime(time, [1]);
  return instantOfWallClock(toEpochDay(date) * MS_PER_DAY + Math.round(minutes * 60_000), zone);
}

/**
 * The instant whose wall clock in `zone` reads `wall` (epoch ms read as UTC fields), disambiguated
 * as Temporal's `"compatible"`. The offsets a day either side bracket any change near the wall time
 * (the instant sought lies within ±14 h of `wall`); zones change offset at most once a day.
 */
function instantOfWallClock(wall: number, zone: string): number {
  const before = zoneOffset(zone, wall - MS_PER_DAY);
  const early = wall - before;
  // Valid under the earlier offset: the usual case, and in an overlap the earlier of the two instants.
  if (zoneOffset(zone, early) === before) return early;
  const after = zoneOffset(zone, wall + MS_PER_DAY);
  const late = wall - after;
  if (zoneOffset(zone, late) === after) return late;
  // In a gap: read the wall time with the offset before the change, i.e. moved forward by the gap.
  return early;
}

/**
 * The first instant of a local date in `zone`.
 *
 * @example
 * startOfLocalDay('2025-01-24', 'Asia/Shanghai'); //=> '2025-01-23T16:00:00.000Z'
 */
export function startOfLocalDay(date: LocalDate, zone: string = DEFAULT_ZONE): Instant {
  return atLocal(date, 0, zone);
}

/**
 * The last millisecond of a local date in `zone` (23:59:59.999) — how the catalog's "end of the
 * N-th day" deadlines are stated.
 *
 * @example
 * endOfLocalDay('2025-01-24', 'Asia/Shanghai'); //=> '2025-01-24T15:59:59.999Z'
 */
export function endOfLocalDay(date: LocalDate, zone: string = DEFAULT_ZONE): Instant {
  return new Date(inInstantRange(atLocalMs(date, 1440, zone) - 1, date, [0], zone)).toISOString();
}

/** zod schema for an instant input; outputs canonical ISO UTC. */
export const InstantSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return toInstant(value);
  } catch (e) {
    ctx.addIssue({
      code: 'custom',
      message: e instanceof Error ? e.message : 'invalid instant',
      params: { zhiduCode: 'invalid_instant' },
    });
    return z.NEVER;
  }
});
// Inputs are read by core's fast parser (parse-fast.ts), which cannot read a transform: an instant
// is its transform run directly — the same `toInstant`, and zod decides (and refuses) the rest.
fastLeaf(InstantSchema, (v) => {
  if (typeof v !== 'string' && typeof v !== 'number') return NOT_PARSED;
  try {
    return toInstant(v);
  } catch {
    return NOT_PARSED;
  }
});

/** zod schema for a `YYYY-MM-DD` local date that must exist. */
export const LocalDateSchema = z.string().refine(isValidLocalDate, {
  message: '日期须为 YYYY-MM-DD / expected a date as YYYY-MM-DD',
  params: { zhiduCode: 'invalid_date' },
});

/** zod schema for an `HH:mm` or `HH:mm:ss` wall-clock time. */
export const LocalTimeSchema = z.string().refine((s) => LOCAL_TIME.test(s) || s === '24:00', {
  message: '时刻须为 HH:mm / expected a time as HH:mm',
  params: { zhiduCode: 'invalid_date' },
});

/** zod schema for an IANA time zone known to the runtime. */
export const ZoneSchema = z.string().refine(
  (z) => {
    try {
      assertZone(z);
      return true;
    } catch {
      return false;
    }
  },
  { message: '未知时区 / unknown time zone', params: { zhiduCode: 'invalid_zone' } },
);
