import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES } from './error-codes.js';
import { bilingualParts, parseInput, ZhiduError, zodIssuesToError } from './errors.js';
import {
  formatDuration,
  formatElapsed,
  formatFen,
  formatInstant,
  formatRatio,
  parseLang,
  RENDER_TEXTS,
  renderError,
  renderMessage,
  renderTrace,
  SUPPORTED_LANGS,
  UNIT_NAMES,
  zoneName,
} from './render.js';
import { localDateOf, localTimeOf } from './time.js';

function refusal(fn: () => unknown): ZhiduError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ZhiduError) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError');
}

const HAN = /[\u4e00-\u9fff]/;

describe('parseLang', () => {
  it('reads zh-CN and en in their usual spellings', () => {
    expect(SUPPORTED_LANGS).toEqual(['zh-CN', 'en']);
    expect(['zh-CN', 'zh', 'zh-Hans', 'zh_CN.UTF-8', 'ZH-cn'].map((v) => parseLang(v))).toEqual(
      Array(5).fill('zh-CN'),
    );
    expect(['en', 'en-US', 'EN', 'en_GB.UTF-8'].map((v) => parseLang(v))).toEqual(Array(4).fill('en'));
  });

  it('refuses an unknown lang as invalid_input at lang, listing the supported ones in both languages', () => {
    for (const bad of ['fr', 'zh-TW', '', 'chinese', 42, null, undefined, {}]) {
      const e = refusal(() => parseLang(bad));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['lang']);
      expect(e.messageIn('zh-CN')).toContain('支持 zh-CN、en');
      expect(e.messageIn('en')).toContain('supported: zh-CN, en');
    }
    expect(refusal(() => parseLang('de', ['query', 'lang'])).path).toEqual(['query', 'lang']);
  });
});

describe('formatInstant', () => {
  it('shows an instant as Beijing wall-clock time to the minute', () => {
    expect(formatInstant('2024-03-08T15:59:59.999Z')).toBe('2024-03-08 23:59');
    expect(formatInstant('2024-03-08T15:59:59.999Z', { lang: 'en' })).toBe('2024-03-08 23:59');
    expect(formatInstant('2024-03-08T15:59:59.999Z', { showZone: true })).toBe(
      '2024-03-08 23:59（北京时间）',
    );
    expect(formatInstant('2024-03-08T15:59:59.999Z', { showZone: true, lang: 'en' })).toBe(
      '2024-03-08 23:59 (Beijing time)',
    );
    expect(formatInstant('2024-12-31T16:00:00Z')).toBe('2025-01-01 00:00');
  });

  it('names the zone when it is not Asia/Shanghai', () => {
    expect(formatInstant('2024-03-08T15:59:59.999Z', { zone: 'Europe/Berlin' })).toBe(
      '2024-03-08 16:59（Europe/Berlin）',
    );
    expect(formatInstant('2024-07-01T00:00:00Z', { zone: 'Asia/Hong_Kong', lang: 'en' })).toBe(
      '2024-07-01 08:00 (Hong Kong time)',
    );
    expect(zoneName('Asia/Shanghai', 'zh-CN')).toBe('北京时间');
    expect(zoneName('America/New_York', 'zh-CN')).toBe('America/New_York');
  });

  it('refuses a bad instant or zone with the core codes', () => {
    expect(refusal(() => formatInstant('2024-03-08 23:59')).code).toBe('invalid_instant');
    expect(refusal(() => formatInstant('2024-03-08T00:00:00Z', { zone: 'Mars/Base' })).code).toBe(
      'invalid_zone',
    );
  });

  it('agrees with localDateOf and localTimeOf for any instant and zone (property)', () => {
    const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const text = formatInstant(ms, { zone, showZone: false });
          expect(text).toBe(`${localDateOf(ms, zone)} ${localTimeOf(ms, zone)}`);
        },
      ),
      { seed: 20, numRuns: 300 },
    );
  });
});

describe('durations, money and ratios', () => {
  it('names each unit in both languages', () => {
    expect(formatDuration(3, 'workingDays', 'zh-CN')).toBe('3 个工作日');
    expect(formatDuration(3, 'calendarDays', 'zh-CN')).toBe('3 个自然日');
    expect(formatDuration(90, 'minutes', 'zh-CN')).toBe('90 分钟');
    expect(formatDuration(2, 'hours', 'zh-CN')).toBe('2 小时');
    expect(formatDuration(1, 'minutes', 'en')).toBe('1 minute');
    expect(formatDuration(3, 'workingDays', 'en')).toBe('3 working days');
    expect(formatDuration(1, 'calendarDays', 'en')).toBe('1 calendar day');
  });

  it('refuses an unknown unit and a non-finite amount as invalid_duration', () => {
    expect(refusal(() => formatDuration(1, 'fortnights' as never, 'en')).path).toEqual(['unit']);
    expect(refusal(() => formatDuration(Number.NaN, 'hours', 'en')).code).toBe('invalid_duration');
    expect(refusal(() => formatElapsed(-1, 'en')).code).toBe('invalid_duration');
  });

  it('says elapsed time in days, hours and minutes', () => {
    expect(formatElapsed(541 * 60_000, 'zh-CN')).toBe('9 小时 1 分钟');
    expect(formatElapsed(541 * 60_000, 'en')).toBe('9 hours 1 minute');
    expect(formatElapsed(25 * 3_600_000, 'en')).toBe('1 day 1 hour');
    expect(formatElapsed(30_000, 'zh-CN')).toBe('不足 1 分钟');
    expect(formatElapsed(0, 'en')).toBe('0 minutes');
  });

  it('shows fen as yuan with separators and sign', () => {
    expect(formatFen(2_000_000)).toBe('¥20,000.00');
    expect(formatFen(-150)).toBe('-¥1.50');
    expect(formatFen(0)).toBe('¥0.00');
    expect(refusal(() => formatFen(1.5)).code).toBe('invalid_money');
  });

  it('shows ratios as percent', () => {
    expect(formatRatio({ numerator: 1, denominator: 3 })).toBe('33.33%');
    expect(formatRatio(0.5)).toBe('50%');
    expect(formatRatio('12.5%')).toBe('12.5%');
    expect(refusal(() => formatRatio({ numerator: 1, denominator: 0 })).code).toBe('invalid_ratio');
  });
});

describe('renderMessage and renderTrace', () => {
  it('picks one language of bilingual text, and keeps data as it is', () => {
    expect(renderMessage({ zh: '已超时', en: 'overdue' }, 'zh-CN')).toBe('已超时');
    expect(renderMessage('日期不存在 / no such date', 'en')).toBe('no such date');
    expect(renderMessage('only one language', 'zh-CN')).toBe('only one language');
    const trace = [
      {
        rule: 'S000-COMPLAINT-17',
        clause: '000 L621',
        message: { zh: '时限 2024-03-08 23:59', en: 'due 2024-03-08 23:59' },
        data: { dueAt: '2024-03-08T15:59:59.999Z', amount: 2_000_000 },
      },
    ];
    expect(renderTrace(trace, 'zh-CN')).toEqual([
      {
        rule: 'S000-COMPLAINT-17',
        clause: '000 L621',
        message: '时限 2024-03-08 23:59',
        data: { dueAt: '2024-03-08T15:59:59.999Z', amount: 2_000_000 },
      },
    ]);
    expect(renderTrace(trace, 'en')[0]?.message).toBe('due 2024-03-08 23:59');
  });

  it('refuses a bad trace, text or lang with a path', () => {
    expect(refusal(() => renderTrace('x' as never, 'en')).path).toEqual(['trace']);
    expect(refusal(() => renderTrace([null] as never, 'en')).path).toEqual(['trace', 0]);
    expect(refusal(() => renderMessage(42 as never, 'en')).path).toEqual(['text']);
    expect(refusal(() => renderTrace([], 'fr' as never)).path).toEqual(['lang']);
  });
});

describe('ZhiduError in one language', () => {
  it('messageIn gives the half in that language with the location', () => {
    const e = new ZhiduError('invalid_date', ['events', 3, 'at'], '日期不存在 / no such date');
    expect(e.message).toBe('日期不存在 / no such date (at events[3].at)');
    expect(e.messageIn('zh-CN')).toBe('日期不存在（位置：events[3].at）');
    expect(e.messageIn('en')).toBe('no such date (at events[3].at)');
    expect(new ZhiduError('invalid_money', [], '金额无效 / bad amount').messageIn('en')).toBe('bad amount');
    expect(renderError(e, 'zh-CN')).toEqual({
      code: 'invalid_date',
      path: ['events', 3, 'at'],
      message: '日期不存在（位置：events[3].at）',
    });
  });

  it('keeps a lead-in before the Chinese in both halves', () => {
    expect(bilingualParts('a.json: 日期不存在 / no such date')).toEqual({
      zh: 'a.json: 日期不存在',
      en: 'a.json: no such date',
    });
    expect(bilingualParts('a / b')).toEqual({ zh: 'a / b', en: 'a / b' });
  });

  const Schema = z.strictObject({ name: z.string(), kind: z.enum(['sale', 'lease']), fen: z.number() });

  it('a zod wrong type renders Chinese in zh-CN and English in en', () => {
    const e = refusal(() => parseInput(Schema, { name: 1, kind: 'sale', fen: 1 }, ['policy']));
    expect(e.path).toEqual(['policy', 'name']);
    expect(e.messageIn('zh-CN')).toBe('无效输入：期望 字符串，实际接收 数字（位置：policy.name）');
    expect(e.messageIn('en')).toBe('Invalid input: expected string, received number (at policy.name)');
  });

  it('a number that is not finite is named as such in Chinese too (zhCN called Infinity a number)', () => {
    for (const [fen, name] of [
      [Number.POSITIVE_INFINITY, 'Infinity（非有限数）'],
      [Number.NEGATIVE_INFINITY, '-Infinity（非有限数）'],
      [Number.NaN, 'NaN'],
    ] as const) {
      const e = refusal(() => parseInput(Schema, { name: 'a', kind: 'sale', fen }));
      expect(e.messageIn('zh-CN')).toBe(`无效输入：期望 数字，实际接收 ${name}（位置：fen）`);
      expect(e.messageIn('en')).toMatch(
        /^Invalid input: expected number, received (-?Infinity|NaN) \(at fen\)$/,
      );
    }
  });

  it('a zod missing field renders Chinese in zh-CN and English in en', () => {
    const e = refusal(() => parseInput(Schema, { name: 'a', kind: 'sale' }));
    expect(e.path).toEqual(['fen']);
    expect(e.messageIn('zh-CN')).toMatch(/^无效输入：期望 数字，实际接收 空（未填写）/);
    expect(e.messageIn('en')).toMatch(/^Invalid input: expected number, received undefined/);
  });

  it('a zod record or tuple expected is named in Chinese in the Chinese half (it said “期望 record”)', () => {
    const record = refusal(() => parseInput(z.record(z.string(), z.number()), [], ['facts']));
    expect(record.messageIn('zh-CN')).toBe('无效输入：期望 键值对象，实际接收 数组（位置：facts）');
    expect(record.messageIn('en')).toBe('Invalid input: expected record, received array (at facts)');
    const tuple = refusal(() => parseInput(z.tuple([z.number()]), 'x', ['pair']));
    expect(tuple.messageIn('zh-CN')).toBe('无效输入：期望 元组，实际接收 字符串（位置：pair）');
  });

  it('a zod bad enum renders Chinese in zh-CN and English in en, details too', () => {
    const e = refusal(() => parseInput(Schema, { name: 'a', kind: 'rent', fen: 'x' }));
    expect(e.messageIn('zh-CN')).toBe('无效选项：期望以下之一 "sale"|"lease"（位置：kind）');
    expect(e.messageIn('en')).toBe('Invalid option: expected one of "sale"|"lease" (at kind)');
    const details = renderError(e, 'zh-CN').details as { message: string }[];
    expect(details.map((d) => d.message)).toEqual([
      '无效选项：期望以下之一 "sale"|"lease"',
      '无效输入：期望 数字，实际接收 字符串',
    ]);
    expect((renderError(e, 'en').details as { message: string }[])[1]?.message).toBe(
      'Invalid input: expected number, received string',
    );
  });

  it('issues from a plain safeParse get their Chinese too (zodIssuesToError)', () => {
    const r = Schema.safeParse({ name: 'a', kind: 'sale', fen: null });
    expect(r.success).toBe(false);
    const e = zodIssuesToError(r.success ? [] : r.error.issues, ['p']);
    expect(e.messageIn('zh-CN')).toBe('无效输入：期望 数字，实际接收 空值(null)（位置：p.fen）');
    expect(e.messageIn('en')).toBe('Invalid input: expected number, received null (at p.fen)');
  });

  it("leaves an embedding app's zod in English after zhidu parsed (no global z.config)", () => {
    refusal(() => parseInput(Schema, { name: 1 }));
    const own = z.object({ n: z.number() }).safeParse({ n: 'x' });
    expect(own.success).toBe(false);
    expect(own.success ? '' : own.error.issues[0]?.message).toBe(
      'Invalid input: expected number, received string',
    );
    expect(HAN.test(own.success ? '' : (own.error.issues[0]?.message ?? ''))).toBe(false);
  });

  it("keeps zhidu's own bilingual refinement messages as they are", () => {
    const S = z.string().refine((s) => s.length > 2, { message: '太短 / too short' });
    const e = refusal(() => parseInput(S, 'a'));
    expect(e.message).toBe('太短 / too short');
    expect(e.messageIn('en')).toBe('too short');
  });
});

describe('text tables have both languages', () => {
  it('every ERROR_CODES meaning and action, every unit name and every render text has non-blank zh and en', () => {
    const blank: string[] = [];
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      for (const field of ['meaning', 'action'] as const) {
        const { zh, en } = bilingualParts(info[field]);
        if (zh.trim() === '' || en.trim() === '' || zh === en || !HAN.test(zh) || HAN.test(en))
          blank.push(`${code}.${field}`);
      }
    }
    for (const [unit, names] of Object.entries(UNIT_NAMES)) {
      if (!HAN.test(names.zh) || names.en.some((n) => n.trim() === '' || HAN.test(n)))
        blank.push(`unit ${unit}`);
    }
    for (const [key, text] of Object.entries(RENDER_TEXTS)) {
      if (!HAN.test(text.zh) || text.en.trim() === '' || HAN.test(text.en)) blank.push(`text ${key}`);
    }
    expect(blank).toEqual([]);
    expect(Object.keys(UNIT_NAMES).length).toBeGreaterThanOrEqual(9);
  });

  describe('a union of types refused (zod says only "Invalid input")', () => {
    const Scalar = z.union([z.string(), z.number().finite(), z.boolean()]);
    const refusedBy = (schema: z.ZodType, value: unknown) => {
      try {
        parseInput(schema, value, ['z']);
      } catch (e) {
        return e as ZhiduError;
      }
      throw new Error('not refused');
    };
    const refused = (value: unknown) => {
      try {
        parseInput(Scalar, value, ['facts', 'x']);
      } catch (e) {
        return e as ZhiduError;
      }
      throw new Error('not refused');
    };
    it('names the types it expects and the one it got, in both languages', () => {
      const e = refused({});
      expect([e.code, e.path]).toEqual(['invalid_input', ['facts', 'x']]);
      expect(e.messageIn('zh-CN')).toBe(
        '无效输入：期望 字符串、数字、布尔值 之一，实际接收 对象（位置：facts.x）',
      );
      expect(e.messageIn('en')).toBe(
        'Invalid input: expected string, number or boolean, received object (at facts.x)',
      );
      expect(refused(null).messageIn('zh-CN')).toContain('实际接收 空值(null)');
      expect(refused([1]).messageIn('en')).toContain('received array');
      expect(refused(Number.POSITIVE_INFINITY).messageIn('en')).toContain('received Infinity');
      expect(refused(new Date(0)).messageIn('zh-CN')).toContain('实际接收 日期');
      // Options of one type: no "one of".
      const Twice = z.union([z.string().describe('a'), z.string().describe('b')]);
      expect(refusedBy(Twice, 1).messageIn('zh-CN')).toBe('无效输入：期望 字符串，实际接收 数字（位置：z）');
    });
    it('follows the one option that took the value and failed deeper than its type', () => {
      const U = z.union([z.strictObject({ a: z.string() }), z.number()]);
      try {
        parseInput(U, { a: 1 }, ['y']);
        throw new Error('not refused');
      } catch (e) {
        expect((e as ZhiduError).messageIn('en')).toBe(
          'Invalid input: expected string, received number (at y.a)',
        );
        expect((e as ZhiduError).path).toEqual(['y', 'a']);
      }
    });

    it("keeps zod's message when two options failed deeper (which was meant is not known)", () => {
      const U = z.union([z.strictObject({ a: z.string() }), z.strictObject({ a: z.boolean() })]);
      try {
        parseInput(U, { a: 1 }, ['y']);
        throw new Error('not refused');
      } catch (e) {
        expect((e as ZhiduError).messageIn('en')).toBe('Invalid input (at y)');
      }
    });
  });
});
