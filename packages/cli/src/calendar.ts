import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  type CompanyDays,
  CompanyDaysSchema,
  chinaCalendar,
  type NoticeFile,
  NoticeFileSchema,
  yearSchedule,
} from '@zhidu/calendar-cn';
import {
  assertLocalDate,
  describeValue,
  isZhiduError,
  type LocalDate,
  parseInput,
  type WorkCalendar,
  weekdayCalendar,
  weekdayOf,
  ZhiduError,
} from '@zhidu/core';
import type { Command } from 'commander';
import { type CliIo, processIo, readJson } from './io.js';

/**
 * The directory the CLI stores imported calendar files in: `$ZHIDU_HOME/calendar`, or
 * `~/.zhidu/calendar` when `ZHIDU_HOME` is not set. Notices go to `notices/`, company days to
 * `company/`; every deadline and calendar command loads them all.
 *
 * @throws ZhiduError `invalid_input` at `['env']` for an `env` that is not an object, at
 *   `['ZHIDU_HOME']` for a `ZHIDU_HOME` that is not a path string (a NUL, a number)
 * @example
 * calendarHome({ ZHIDU_HOME: '/srv/zhidu' }); //=> '/srv/zhidu/calendar'
 */
export function calendarHome(env: Record<string, string | undefined> = process.env): string {
  if (env === null || typeof env !== 'object' || Array.isArray(env)) {
    throw new ZhiduError(
      'invalid_input',
      ['env'],
      `须为环境变量对象 / env is an object of environment variables, got ${describeValue(env)}`,
    );
  }
  const home = env.ZHIDU_HOME;
  if (home === undefined || home === '') return join(homedir(), '.zhidu', 'calendar');
  return join(dirArg(home, 'ZHIDU_HOME'), 'calendar');
}

/** Everything stored under {@link calendarHome}, validated. */
export interface StoredCalendarFiles {
  notices: NoticeFile[];
  companyDays: CompanyDays[];
}

/** A directory argument: a non-empty string without NUL (which no file system path holds). */
function dirArg(dir: unknown, path: string): string {
  if (typeof dir !== 'string' || dir === '' || dir.includes('\u0000')) {
    throw new ZhiduError(
      'invalid_input',
      [path],
      `目录须为非空路径字符串 / ${path} is a non-empty path string, got ${describeValue(dir)}`,
    );
  }
  return dir;
}

/** Why a file-system call failed, as `invalid_input` at `path`: the error code, never a stack. */
function fsFailure(path: string, zh: string, en: string, e: unknown): ZhiduError {
  if (isZhiduError(e)) return e;
  const code = (e as { code?: unknown } | null)?.code;
  const why = typeof code === 'string' ? code : e instanceof Error ? e.name : 'failed';
  return new ZhiduError('invalid_input', [path], `${zh} ${path}（${why}） / ${en} ${path} (${why})`);
}

function readStored(dir: string, schema: typeof NoticeFileSchema | typeof CompanyDaysSchema): unknown[] {
  if (!existsSync(dir)) return [];
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch (e) {
    // A file where the directory should be (ENOTDIR), no permission (EACCES) …
    throw fsFailure(dir, '无法列出目录', 'cannot list the directory', e);
  }
  return files
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      // Named by file, line and column, never quoted: parseJson does not echo the file's content.
      return parseInput(schema, readJson(processIo, path), [path]);
    });
}

/**
 * Loads every notice and company-days file stored under `dir` (see {@link calendarHome}).
 *
 * @throws ZhiduError `invalid_input` naming the stored file that does not validate or the directory
 *   that cannot be listed, and for a `dir` that is not a non-empty path string
 * @example
 * const { notices, companyDays } = loadCalendarFiles(calendarHome());
 * chinaCalendar({ notices, companyDays });
 */
export function loadCalendarFiles(dir: string): StoredCalendarFiles {
  dirArg(dir, 'dir');
  return {
    notices: readStored(join(dir, 'notices'), NoticeFileSchema) as NoticeFile[],
    companyDays: readStored(join(dir, 'company'), CompanyDaysSchema) as CompanyDays[],
  };
}

/** What {@link importCalendarFile} stored. */
export interface ImportResult {
  kind: 'notice' | 'companyDays';
  path: string;
  /** For a notice: the source in effect for its year after the import (a newer notice may win). */
  inEffect?: string;
}

/**
 * Validates a notice file (`NoticeFileSchema` of `@zhidu/calendar-cn`) or a company-days file (`CompanyDaysSchema`)
 * and stores it under `dir`, after checking that it combines with what is already stored (no gap
 * between years, no two different notices for one year published the same day).
 *
 * @throws ZhiduError `invalid_input` for a malformed file, a `dir` that is not a non-empty path
 *   string (or cannot be written), a non-string `name`; `duplicate` for a conflicting notice
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 *
 * const home = mkdtempSync(join(tmpdir(), 'zhidu-calendar-')); // in practice: calendarHome()
 * // in practice: JSON.parse(readFileSync('notice-2027.json', 'utf8'))
 * const notice = { year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知', published: '2026-11-05',
 *   holidays: { '2027-01-01': '元旦' }, makeUpWorkdays: {} };
 * importCalendarFile(home, notice, 'notice-2027.json').kind; //=> 'notice'
 * loadCalendarFiles(home).notices?.length; //=> 1
 */
export function importCalendarFile(dir: string, value: unknown, name: string): ImportResult {
  dirArg(dir, 'dir');
  if (typeof name !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['name'],
      `文件名须为字符串 / the file name is a string, got ${describeValue(name)}`,
    );
  }
  const stored = loadCalendarFiles(dir);
  const isCompany = typeof value === 'object' && value !== null && 'days' in value;
  if (isCompany) {
    const file = parseInput(CompanyDaysSchema, value, [name]);
    chinaCalendar({ outsideData: 'weekdays', companyDays: [...stored.companyDays, file] });
    const slug = createSlug(file.source);
    return { kind: 'companyDays', path: write(join(dir, 'company'), `${file.published}-${slug}.json`, file) };
  }
  const notice = parseInput(NoticeFileSchema, value, [name]);
  const notices = [...stored.notices, notice];
  try {
    chinaCalendar({ notices });
  } catch (e) {
    if (e instanceof ZhiduError && e.code !== 'calendar_out_of_range') {
      throw new ZhiduError(e.code, [name], e.message.replace(/ \(at [^()]*\)$/, ''), e.details);
    }
    throw e;
  }
  const path = write(join(dir, 'notices'), `${notice.year}-${notice.published}.json`, notice);
  return {
    kind: 'notice',
    path,
    inEffect: yearSchedule(notice.year, { notices }).basis.source ?? '',
  };
}

function createSlug(source: string): string {
  // A stable, file-system-safe name from the title (Chinese titles hash to hex).
  let h = 0;
  for (const ch of source) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * `mkdir -p` that cannot spin: Node's `mkdirSync(dir, { recursive: true })` loops for ever where a
 * directory cannot be made although its parent exists (under `/proc`, ENOENT). The missing directories
 * are made one by one, each once; the first that cannot be made throws its error.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  let d = resolve(dir);
  while (!existsSync(d)) {
    missing.push(d);
    const parent = dirname(d);
    if (parent === d) break;
    d = parent;
  }
  for (const m of missing.reverse()) mkdirSync(m);
}

function write(dir: string, file: string, value: unknown): string {
  const path = join(dir, file);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  let stored: string | undefined;
  try {
    makeDirs(dir);
    stored = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  } catch (e) {
    throw fsFailure(path, '无法存储', 'cannot store', e);
  }
  if (stored !== undefined && stored !== text) {
    throw new ZhiduError(
      'duplicate',
      [path],
      `已存储一份同年同日发布但内容不同的文件 / a different file with the same year and publication date is already stored at ${path}`,
    );
  }
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw fsFailure(path, '无法存储', 'cannot store', e);
  }
  return path;
}

const OUTSIDE_DATA = ['error', 'provisional', 'weekdays'] as const;

function outsideDataArg(value: string | undefined): (typeof OUTSIDE_DATA)[number] {
  const mode = value ?? 'error';
  if ((OUTSIDE_DATA as readonly string[]).includes(mode)) return mode as (typeof OUTSIDE_DATA)[number];
  throw new ZhiduError(
    'invalid_input',
    ['outside-data'],
    `--outside-data 须为 error、provisional 或 weekdays / --outside-data is error, provisional or weekdays, not ${mode}`,
  );
}

/** Calendar options every deadline and calendar command takes. */
export interface CalendarFlags {
  calendar: string;
  outsideData?: string;
  notice?: string[];
  companyDays?: string[];
}

/** The options `chinaCalendar` is built with for a command: stored files, then `--notice` files. */
function chinaOptions(io: CliIo, o: CalendarFlags) {
  const stored = loadCalendarFiles(calendarHome(io.env ?? process.env));
  const outsideData = outsideDataArg(o.outsideData);
  return {
    outsideData,
    notices: [
      ...stored.notices,
      ...(o.notice ?? []).map((f) => parseInput(NoticeFileSchema, readJson(io, f), [f]) as NoticeFile),
    ],
    companyDays: [
      ...stored.companyDays,
      ...(o.companyDays ?? []).map((f) => parseInput(CompanyDaysSchema, readJson(io, f), [f]) as CompanyDays),
    ],
  };
}

/**
 * The calendar a command runs on: `--calendar weekdays`, or the PRC calendar with every stored
 * notice and company file, the `--notice` / `--company-days` files, and `--outside-data`.
 *
 * @throws ZhiduError `invalid_input` for an unknown `--calendar` or `--outside-data`, or a bad file
 * @example
 * calendarFor(processIo, { calendar: 'prc', outsideData: 'provisional' }).addWorkdays('2026-12-30', 3);
 */
export function calendarFor(io: CliIo, o: CalendarFlags): WorkCalendar {
  if (o.calendar === 'weekdays') return weekdayCalendar();
  if (o.calendar !== 'prc') {
    throw new ZhiduError(
      'invalid_input',
      ['calendar'],
      `--calendar 须为 prc 或 weekdays / --calendar is prc or weekdays, not ${o.calendar}`,
    );
  }
  return chinaCalendar(chinaOptions(io, o));
}

/** ` [provisional: 2027 without its notice]` when part of `[from, to]` lies beyond the data. */
export function provisionalNote(cal: WorkCalendar, from: LocalDate, to: LocalDate): string {
  const beyond = (cal.basis?.(from, to) ?? []).filter((b) => b.kind !== 'data');
  if (beyond.length === 0) return '';
  return ` [provisional: ${beyond
    .map((b) => `${b.year} ${b.kind === 'provisional' ? 'on statutory holidays only' : 'on Mon–Fri only'}`)
    .join(', ')}, no notice loaded]`;
}

/** Adds `--calendar`, `--outside-data`, `--notice` and `--company-days` to a command. */
export function withCalendarOptions(command: Command): Command {
  return command
    .option('--calendar <calendar>', 'prc or weekdays', 'prc')
    .option(
      '--outside-data <mode>',
      'beyond the loaded notices: error (default), provisional (statutory holidays, flagged) or weekdays',
    )
    .option('--notice <file>', 'a holiday notice JSON file (repeatable)', collect, [])
    .option(
      '--company-days <file>',
      "a company's closures / extra workdays JSON file (repeatable)",
      collect,
      [],
    );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function intArg(value: string, name: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n)) {
    throw new ZhiduError(
      'invalid_input',
      [name],
      `${name} 须为整数 / ${name} must be an integer, got ${value}`,
    );
  }
  return n;
}

/** Registers `zhidu calendar import|is-workday|add|between|year`. */
export function registerCalendar(program: Command, io: CliIo): void {
  const calendar = program
    .command('calendar')
    .description('the working-day calendar: import notices, ask about days, list a year');

  calendar
    .command('import')
    .description(`validate a holiday notice or company-days JSON file and store it (${calendarHome(io.env)})`)
    .argument('<file>', 'JSON file in the year-notice or company-days format (- for stdin)')
    .action((file: string) => {
      const r = importCalendarFile(calendarHome(io.env ?? process.env), readJson(io, file), file);
      io.out(`stored ${r.kind === 'notice' ? 'notice' : 'company days'}: ${r.path}`);
      if (r.inEffect !== undefined) io.out(`in effect for its year: ${r.inEffect}`);
    });

  withCalendarOptions(
    calendar.command('is-workday').description('whether a date is a working day, and why').argument('<date>'),
  ).action((date: string, o: CalendarFlags) => {
    assertLocalDate(date, ['date']);
    const cal = calendarFor(io, o);
    const workday = cal.isWorkday(date);
    let name: string | undefined;
    if (o.calendar === 'prc') {
      const s = yearSchedule(Number(date.slice(0, 4)), chinaOptions(io, o));
      name = s.holidays[date] ?? s.makeUpWorkdays[date];
    }
    const kind = workday
      ? weekdayOf(date) >= 6
        ? 'workday (weekend make-up or extra workday)'
        : 'workday'
      : weekdayOf(date) >= 6 && name === undefined
        ? 'day off (weekend)'
        : 'day off';
    io.out(`${date}: ${kind}${name ? ` (${name})` : ''}${provisionalNote(cal, date, date)}`);
  });

  withCalendarOptions(
    calendar
      .command('add')
      .description('the N-th working day after a date (negative: before)')
      .argument('<date>')
      .argument('<n>'),
  ).action((date: string, n: string, o: CalendarFlags) => {
    const cal = calendarFor(io, o);
    const result = cal.addWorkdays(date, intArg(n, 'n'));
    const [from, to] = result < date ? [result, date] : [date, result];
    io.out(`${result}${provisionalNote(cal, from, to)}`);
  });

  withCalendarOptions(
    calendar.command('between').description('working days in (a, b]').argument('<a>').argument('<b>'),
  ).action((a: string, b: string, o: CalendarFlags) => {
    const cal = calendarFor(io, o);
    const n = cal.workdaysBetween(a, b);
    io.out(`${n}${provisionalNote(cal, a < b ? a : b, a < b ? b : a)}`);
  });

  withCalendarOptions(
    calendar
      .command('year')
      .description('the holidays and make-up workdays of a year, and the notice they come from')
      .argument('<year>', 'YYYY'),
  ).action((year: string, o: CalendarFlags) => {
    const y = intArg(year, 'year');
    const s = yearSchedule(y, chinaOptions(io, o));
    const b = s.basis;
    io.out(
      b.kind === 'provisional'
        ? `${y}: provisional — no notice loaded; statutory holidays of ${b.source} without make-up swaps`
        : b.kind === 'workweek'
          ? `${y}: no notice loaded; plain Mon–Fri (no holidays)`
          : `${y}: ${b.source ?? 'built-in data'}${b.published ? ` (published ${b.published})` : ''}`,
    );
    io.out('holidays:');
    for (const [date, name] of Object.entries(s.holidays)) io.out(`  ${date}  ${name}`);
    io.out('make-up workdays:');
    for (const [date, name] of Object.entries(s.makeUpWorkdays)) io.out(`  ${date}  ${name}`);
  });
}
