import type { TraceEntry } from './decision.js';
import { bilingualParts, describeValue, type ErrorPath, isZhiduError, ZhiduError } from './errors.js';
import { expectKnownKeys } from './guards.js';
import { assertRatio, type Fen, formatMoney, type RatioInput } from './money.js';
import type { BilingualText } from './text.js';
import { assertZone, DEFAULT_ZONE, type InstantInput, toEpochMs, wallClockText } from './time.js';

/**
 * A language zhidu renders text in. Traces and errors keep both (`{ zh, en }`, "中文 / English");
 * a `Lang` chooses what a reader is shown.
 */
export type Lang = 'zh-CN' | 'en';

/**
 * Every language zhidu renders, Chinese first.
 *
 * @example
 * SUPPORTED_LANGS; //=> ['zh-CN', 'en']
 */
export const SUPPORTED_LANGS: readonly Lang[] = Object.freeze(['zh-CN', 'en'] as const);

/**
 * Reads a language name: `zh-CN` or `en` (case-insensitive; `zh`, `zh-Hans` and `zh_CN` are
 * `zh-CN`, `en-US` and the like are `en`). Anything else is refused, never guessed.
 *
 * @param value - the language a caller asked for
 * @param path - where the value sits in the caller's input (default `['lang']`)
 * @returns the language
 * @throws ZhiduError `invalid_input` at `lang`, naming the supported languages
 * @example
 * parseLang('zh-CN'); //=> 'zh-CN'
 * parseLang('zh_CN.UTF-8'); //=> 'zh-CN'
 * parseLang('EN'); //=> 'en'
 * parseLang('fr'); // throws invalid_input at lang: 不支持的语言 "fr"（支持 zh-CN、en） / unsupported language …
 */
export function parseLang(value: unknown, path: ErrorPath = ['lang']): Lang {
  const lang = typeof value === 'string' ? langOf(value) : undefined;
  if (lang !== undefined) return lang;
  throw new ZhiduError(
    'invalid_input',
    path,
    `不支持的语言 ${describeValue(value)}（支持 ${SUPPORTED_LANGS.join('、')}） / unsupported language ${describeValue(value)} (supported: ${SUPPORTED_LANGS.join(', ')})`,
  );
}

/** `zh-CN`, `en` or nothing for a language tag or POSIX locale name. */
function langOf(value: string): Lang | undefined {
  // The two tags zhidu itself passes, without the split and the patterns (every formatted time asks).
  if (value === 'zh-CN' || value === 'en') return value;
  const tag = value.trim().split('.')[0]?.split('@')[0]?.replace(/_/g, '-').toLowerCase() ?? '';
  if (/^zh(-(cn|hans|hans-cn|sg))?$/.test(tag)) return 'zh-CN';
  if (/^en(-[a-z0-9]{2,8})*$/.test(tag)) return 'en';
  return undefined;
}

/**
 * The text in one language: `{ zh, en }` picks its field, a "中文 / English" string its half (a
 * string in one language only is returned as it is).
 *
 * @param text - bilingual text, or a "中文 / English" string
 * @param lang - the language to show
 * @returns the text in that language
 * @example
 * renderMessage({ zh: '已超时', en: 'overdue' }, 'zh-CN'); //=> '已超时'
 * renderMessage('日期不存在 / no such date', 'en'); //=> 'no such date'
 */
export function renderMessage(text: BilingualText | string, lang: Lang): string {
  const l = parseLang(lang);
  if (typeof text === 'string') {
    const parts = bilingualParts(text);
    return l === 'zh-CN' ? parts.zh : parts.en;
  }
  if (
    text === null ||
    typeof text !== 'object' ||
    typeof text.zh !== 'string' ||
    typeof text.en !== 'string'
  ) {
    throw new ZhiduError(
      'invalid_input',
      ['text'],
      `须为 { zh, en } 或字符串 / expected { zh, en } or a string, got ${describeValue(text)}`,
    );
  }
  return l === 'zh-CN' ? text.zh : text.en;
}

/** One trace entry with its message in one language; `data` (ISO instants, fen) unchanged. */
export interface RenderedTraceEntry {
  rule: string;
  clause?: string;
  message: string;
  data?: Record<string, unknown>;
}

/**
 * A decision's trace with each message in one language. The machine fields (`rule`, `clause`,
 * `data` with its ISO instants and fen) are kept as they are, for programs.
 *
 * @param trace - the trace entries of a decision
 * @param lang - the language to show
 * @returns the entries, each with a one-language `message`
 * @example
 * renderTrace([{ rule: 'R1', message: { zh: '通过', en: 'passed' } }], 'zh-CN');
 * //=> [{ rule: 'R1', message: '通过' }]
 */
export function renderTrace(trace: readonly TraceEntry[], lang: Lang): RenderedTraceEntry[] {
  const l = parseLang(lang);
  if (!Array.isArray(trace)) {
    throw new ZhiduError(
      'invalid_input',
      ['trace'],
      `轨迹须为数组 / trace must be an array, got ${describeValue(trace)}`,
    );
  }
  return trace.map((entry, i) => {
    if (
      entry === null ||
      typeof entry !== 'object' ||
      entry.message === null ||
      typeof entry.message !== 'object'
    ) {
      throw new ZhiduError(
        'invalid_input',
        ['trace', i],
        `须为轨迹条目 { rule, message: { zh, en } } / expected a trace entry { rule, message: { zh, en } }, got ${describeValue(entry)}`,
      );
    }
    const out: RenderedTraceEntry = { rule: entry.rule, message: renderMessage(entry.message, l) };
    if (entry.clause !== undefined) out.clause = entry.clause;
    if (entry.data !== undefined) out.data = entry.data;
    return out;
  });
}

/** A `ZhiduError` as JSON in one language: code and path kept, the message in that language. */
export interface RenderedError {
  code: string;
  path: (string | number)[];
  message: string;
  details?: unknown;
}

/**
 * A refusal (a `ZhiduError` of any copy of `@zhidu/core`) in one language: its message's half in
 * that language, with the location (`（位置：events[3].at）` / ` (at events[3].at)`); code, path and
 * details unchanged. The error's own `message` keeps both languages.
 *
 * @param error - the refusal
 * @param lang - the language to show
 * @returns `{ code, path, message, details? }`
 * @example
 * const e = new ZhiduError('invalid_date', ['events', 3, 'at'], '日期不存在 / no such date');
 * renderError(e, 'zh-CN').message; //=> '日期不存在（位置：events[3].at）'
 * renderError(e, 'en').message;    //=> 'no such date (at events[3].at)'
 */
export function renderError(error: ZhiduError, lang: Lang): RenderedError {
  const l = parseLang(lang);
  if (!isZhiduError(error)) {
    throw new ZhiduError(
      'invalid_input',
      ['error'],
      `须为 ZhiduError / expected a ZhiduError, got ${describeValue(error)}`,
    );
  }
  const out: RenderedError = {
    code: error.code,
    path: [...error.path],
    message: ZhiduError.prototype.messageIn.call(error, l),
  };
  if (error.details !== undefined) {
    out.details = Array.isArray(error.details)
      ? error.details.map((d: unknown) =>
          d !== null && typeof d === 'object' && typeof (d as { message?: unknown }).message === 'string'
            ? { ...d, message: renderMessage((d as { message: string }).message, l) }
            : d,
        )
      : error.details;
  }
  return out;
}

/** The names zhidu's text uses, in both languages: time units, zones, words of the formatters. */
export const UNIT_NAMES = {
  seconds: { zh: '秒', en: ['second', 'seconds'] },
  minutes: { zh: '分钟', en: ['minute', 'minutes'] },
  hours: { zh: '小时', en: ['hour', 'hours'] },
  blocks24h: { zh: '个 24 小时', en: ['24-hour block', '24-hour blocks'] },
  calendarDays: { zh: '个自然日', en: ['calendar day', 'calendar days'] },
  workingDays: { zh: '个工作日', en: ['working day', 'working days'] },
  workingHours: { zh: '个工作小时', en: ['working hour', 'working hours'] },
  workingMinutes: { zh: '工作分钟', en: ['working minute', 'working minutes'] },
  calendarMonths: { zh: '个月', en: ['month', 'months'] },
  days: { zh: '天', en: ['day', 'days'] },
} as const satisfies Record<string, { zh: string; en: readonly [string, string] }>;

/** A unit {@link formatDuration} names. */
export type DurationUnitName = keyof typeof UNIT_NAMES;

/** Zones with a name a reader knows; any other zone is shown by its IANA name. */
const ZONE_NAMES: Record<string, BilingualText> = {
  'Asia/Shanghai': { zh: '北京时间', en: 'Beijing time' },
  'Asia/Hong_Kong': { zh: '香港时间', en: 'Hong Kong time' },
  'Asia/Macau': { zh: '澳门时间', en: 'Macau time' },
  'Asia/Taipei': { zh: '台北时间', en: 'Taipei time' },
};

/** The words the formatters use, in both languages (tested: none is blank). */
export const RENDER_TEXTS = {
  underAMinute: { zh: '不足 1 分钟', en: 'under a minute' },
  none: { zh: '0 分钟', en: '0 minutes' },
  ...ZONE_NAMES,
} as const satisfies Record<string, BilingualText>;

/**
 * The name of a time zone for a reader: `北京时间` / `Beijing time` for Asia/Shanghai, the IANA
 * name for a zone without a common name.
 *
 * @param zone - an IANA zone
 * @param lang - the language to show
 * @example
 * zoneName('Asia/Shanghai', 'zh-CN'); //=> '北京时间'
 * zoneName('Europe/Berlin', 'en');    //=> 'Europe/Berlin'
 */
export function zoneName(zone: string, lang: Lang): string {
  const z = assertZone(zone, ['zone']);
  const l = parseLang(lang);
  const known = Object.hasOwn(ZONE_NAMES, z) ? ZONE_NAMES[z] : undefined;
  if (known === undefined) return z;
  return l === 'zh-CN' ? known.zh : known.en;
}

/** Options of {@link formatInstant}. */
export interface FormatInstantOptions {
  /** The zone the reader lives in (the policy's zone); default Asia/Shanghai. */
  zone?: string;
  /** The language of the zone's name; default `zh-CN`. */
  lang?: Lang;
  /**
   * Whether to name the zone. Default: only when it is not Asia/Shanghai (a Chinese reader's
   * times are Beijing time unless said otherwise).
   */
  showZone?: boolean;
}

/** The options {@link formatInstant} reads. */
const FORMAT_INSTANT_KEYS: readonly string[] = ['zone', 'lang', 'showZone'];

/**
 * An instant as a reader reads it: the wall clock in the policy's zone, to the minute,
 * `2024-03-08 23:59`. The zone is named when it is not Asia/Shanghai, or when `showZone` asks:
 * `2024-03-08 23:59（北京时间）` / `2024-03-08 23:59 (Beijing time)`. Machine fields keep the ISO instant.
 *
 * @param instant - an ISO instant with offset, epoch milliseconds or a Date
 * @param options - zone, language and whether to name the zone
 * @returns the local date and time
 * @throws ZhiduError `invalid_instant` for an unreadable instant, `invalid_zone` for an unknown zone
 * @example
 * formatInstant('2024-03-08T15:59:59.999Z'); //=> '2024-03-08 23:59'
 * formatInstant('2024-03-08T15:59:59.999Z', { showZone: true }); //=> '2024-03-08 23:59（北京时间）'
 * formatInstant('2024-03-08T15:59:59.999Z', { zone: 'Europe/Berlin', lang: 'en' }); //=> '2024-03-08 16:59 (Europe/Berlin)'
 */
export function formatInstant(instant: InstantInput, options: FormatInstantOptions = {}): string {
  const ms = toEpochMs(instant, ['instant']);
  const opts = options ?? {};
  // A misspelt `zon` showed Beijing time without a word. Checked key by key (this formats every
  // due time of a trace); the refusal names the key meant.
  for (const k in opts)
    if (k !== 'zone' && k !== 'lang' && k !== 'showZone')
      expectKnownKeys(opts, FORMAT_INSTANT_KEYS, ['options']);
  const zone = assertZone(opts.zone ?? DEFAULT_ZONE, ['zone']);
  const lang = parseLang(opts.lang ?? 'zh-CN');
  const text = wallClockText(ms, zone);
  const show = opts.showZone ?? zone !== DEFAULT_ZONE;
  if (!show) return text;
  const name = zoneName(zone, lang);
  return lang === 'zh-CN' ? `${text}（${name}）` : `${text} (${name})`;
}

/**
 * An amount of time with its unit's name: `3 个工作日`, `90 分钟` / `3 working days`, `1 minute`.
 *
 * @param amount - how many units
 * @param unit - `minutes`, `hours`, `calendarDays`, `workingDays`, `workingHours`, … (see {@link UNIT_NAMES})
 * @param lang - the language to show
 * @returns the amount and the unit's name
 * @throws ZhiduError `invalid_duration` for an unknown unit or an amount that is not a finite number
 * @example
 * formatDuration(3, 'workingDays', 'zh-CN'); //=> '3 个工作日'
 * formatDuration(1, 'minutes', 'en');        //=> '1 minute'
 */
export function formatDuration(amount: number, unit: DurationUnitName, lang: Lang): string {
  const l = parseLang(lang);
  if (typeof unit !== 'string' || !Object.hasOwn(UNIT_NAMES, unit)) {
    throw new ZhiduError(
      'invalid_duration',
      ['unit'],
      `未知的时间单位 ${describeValue(unit)}（可用 ${Object.keys(UNIT_NAMES).join('、')}） / unknown time unit ${describeValue(unit)} (known: ${Object.keys(UNIT_NAMES).join(', ')})`,
    );
  }
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw new ZhiduError(
      'invalid_duration',
      ['amount'],
      `须为有限数 / expected a finite number, got ${describeValue(amount)}`,
    );
  }
  const names = UNIT_NAMES[unit];
  if (l === 'zh-CN') return `${amount} ${names.zh}`;
  return `${amount} ${Math.abs(amount) === 1 ? names.en[0] : names.en[1]}`;
}

/**
 * Elapsed time in days, hours and minutes, as a reader says it: `9 小时 1 分钟` / `9 hours 1 minute`
 * (seconds are dropped; under a minute is `不足 1 分钟` / `under a minute`). Days are 24 hours.
 *
 * @param ms - milliseconds, 0 or more
 * @param lang - the language to show
 * @returns the elapsed time
 * @throws ZhiduError `invalid_duration` for a negative or non-finite amount
 * @example
 * formatElapsed(32_460_000, 'zh-CN'); //=> '9 小时 1 分钟'
 * formatElapsed(90_000_000, 'en');    //=> '1 day 1 hour'
 */
export function formatElapsed(ms: number, lang: Lang): string {
  const l = parseLang(lang);
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new ZhiduError(
      'invalid_duration',
      ['ms'],
      `须为非负有限毫秒数 / expected milliseconds ≥ 0, got ${describeValue(ms)}`,
    );
  }
  const total = Math.floor(ms / 60_000);
  if (total === 0) return renderMessage(ms === 0 ? RENDER_TEXTS.none : RENDER_TEXTS.underAMinute, l);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(formatDuration(days, 'days', l));
  if (hours > 0) parts.push(formatDuration(hours, 'hours', l));
  if (minutes > 0) parts.push(formatDuration(minutes, 'minutes', l));
  return parts.join(' ');
}

/**
 * Money from integer fen as yuan, the same in both languages: `¥20,000.00`, `-¥1.50`
 * (`formatMoney` under the name the trace formatters share).
 *
 * @param amount - integer fen
 * @returns the amount in yuan
 * @throws ZhiduError `invalid_money` for an amount that is not integer fen
 * @example
 * formatFen(2_000_000); //=> '¥20,000.00'
 * formatFen(-150);      //=> '-¥1.50'
 */
export function formatFen(amount: Fen): string {
  return formatMoney(amount);
}

/**
 * A ratio as a percentage, to at most two decimals: `0.5` → `50%`, `{ numerator: 1, denominator: 3 }`
 * → `33.33%`, `'12.5%'` → `12.5%`.
 *
 * @param ratio - a fraction, a `'n%'` string or `{ numerator, denominator }`
 * @returns the percentage
 * @throws ZhiduError `invalid_ratio` for a ratio that is not one
 * @example
 * formatRatio({ numerator: 3, denominator: 10 }); //=> '30%'
 * formatRatio(0.125); //=> '12.5%'
 */
export function formatRatio(ratio: RatioInput): string {
  assertRatio(ratio, ['ratio']);
  let percent: number;
  if (typeof ratio === 'number') percent = ratio * 100;
  else if (typeof ratio === 'string') percent = Number(ratio.slice(0, -1));
  else percent = (ratio.numerator * 100) / ratio.denominator;
  const rounded = Math.round(percent * 100) / 100;
  return `${Object.is(rounded, -0) ? 0 : rounded}%`;
}
