// Every refusal in both languages: each `ZhiduError` message in the sources of every package is
// "中文说明 / English explanation" (the scan of bilingual-errors.ts), and real refusals render in
// Chinese with `messageIn('zh-CN')` and in English with `messageIn('en')`.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are TypeScript sources held as strings
import { assertLocalDate, assertZone, isZhiduError, renderError, toEpochMs } from '@zhidu/core';
import { evaluate } from '@zhidu/modules';
import { describe, expect, it } from 'vitest';
import { isBilingual, scanBilingual, scanSources, sourceFiles } from './bilingual-errors.js';

const CJK = /[\u3400-\u9fff]/;

function findingsOf(text: string): string[] {
  return scanSources([{ file: 'packages/x/src/x.ts', text }]).map((f) => `${f.line}: ${f.why}`);
}

describe('every ZhiduError message in the sources is "中文 / English"', () => {
  it('the scan reads every package and finds no message in one language only (file:line listed)', () => {
    const files = sourceFiles();
    // Every package's sources are read, tests left out.
    for (const pkg of ['core', 'sla', 'service', 'records', 'credit', 'attribution', 'penalty', 'cli']) {
      expect(files.some((f) => f.startsWith(`packages/${pkg}/src/`))).toBe(true);
    }
    expect(files.some((f) => f.endsWith('.test.ts'))).toBe(false);
    const found = scanBilingual(files).map((f) => `${f.file}:${f.line}: ${f.why}: ${f.text}`);
    expect(found).toEqual([]);
  });

  it('isBilingual wants Chinese, then " / ", then English', () => {
    expect(isBilingual('日期不存在 / no such date')).toBe(true);
    expect(isBilingual('未知时区 ${} / unknown time zone ${}')).toBe(true);
    expect(isBilingual('no such date')).toBe(false);
    expect(isBilingual('日期不存在')).toBe(false);
    // No space before the slash: `bilingualParts` would not split it.
    expect(isBilingual('上限 5）/ at most 5')).toBe(false);
    expect(isBilingual('a / b 日期')).toBe(false);
    expect(isBilingual('日期不存在 / 日期')).toBe(false);
  });

  it('an English-only string or template literal is listed with its line', () => {
    const text = [
      "import { ZhiduError } from '@zhidu/core';",
      "throw new ZhiduError('invalid_input', ['a'], 'a must be positive');",
      "throw new ZhiduError('invalid_input', ['b'], `b is ${b}, expected more`);",
      "throw new ZhiduError('invalid_input', ['c'], '须为正数 / c must be positive');",
      "throw new ZhiduError('invalid_input', ['d'], `数值 ${d} 过大）/ ${d} is too large`);",
    ].join('\n');
    expect(findingsOf(text)).toEqual([
      '2: no Chinese',
      '3: no Chinese',
      '5: no " / " between a Chinese and an English half',
    ]);
  });

  it('the branches of a conditional, a const message and a message-building function are checked', () => {
    const text = [
      'function f(x: boolean) {',
      "  const msg = 'no such thing';",
      "  if (x) throw new ZhiduError('a', [], x ? '甲 / a' : 'only english');",
      "  throw new ZhiduError('a', [], msg);",
      '}',
      "const why = (n: number) => (n > 0 ? '过大 / too large' : 'too small');",
      "throw new ZhiduError('a', [], why(1));",
    ].join('\n');
    expect(findingsOf(text)).toEqual(['2: no Chinese', '3: no Chinese', '6: no Chinese']);
  });

  it("a helper's callers are checked: a whole message, or its Chinese and English halves", () => {
    const text = [
      "function invalid(path: string[], message: string) { return new ZhiduError('invalid_input', path, message); }",
      "throw invalid(['a'], 'english only');",
      "throw invalid(['b'], '中文 / English');",
      "function refuse(path: string[], zh: string, en: string) { throw new ZhiduError('x', path, `${zh} / ${en}`); }",
      "refuse(['c'], 'not chinese', 'english');",
      "refuse(['d'], '中文', 'english');",
    ].join('\n');
    expect(findingsOf(text)).toEqual(['2: no Chinese', '5: no Chinese in the Chinese half']);
  });

  it('a message passed through from another refusal is not re-checked', () => {
    const text = [
      'try { f(); } catch (e) {',
      "  throw new ZhiduError(e.code, ['input', ...e.path], e.message.replace(/ \\(at .*\\)$/, ''));",
      '}',
      'function moved(e: ZhiduError, path: string[]) {',
      "  const message = e.message.replace(/ \\(at .*\\)$/, '');",
      '  return new ZhiduError(e.code, path, `${prefix}${message}`);',
      '}',
    ].join('\n');
    expect(findingsOf(text)).toEqual([]);
  });
});

describe('real refusals render in either language', () => {
  const now = { now: '2024-03-20T00:00:00+08:00' };
  const refusals: [string, () => unknown][] = [
    ['an unknown module', () => evaluate('sla.nope', {}, 'retail-000', now)],
    ['an unknown preset', () => evaluate('sla.timers', { events: [] }, 'no-such-preset', now)],
    ['events that are not a list', () => evaluate('sla.timers', { events: 'x' }, 'retail-000', now)],
    [
      'a date that does not exist',
      () =>
        evaluate(
          'sla.timers',
          { events: [{ type: 'received', subject: 'r', at: '2024-02-30T10:00+08:00' }] },
          'retail-000',
          now,
        ),
    ],
    [
      'a `now` without an offset',
      () => evaluate('sla.timers', { events: [] }, 'retail-000', { now: 'yesterday' }),
    ],
    [
      'a goods history with one date twice',
      () =>
        evaluate(
          'credit.rolling-limits',
          {
            history: [
              { date: '2024-01-01', amount: 100 },
              { date: '2024-01-01', amount: 100 },
            ],
          },
          'distributor-000',
          now,
        ),
    ],
    [
      'a state the archive workflow does not have',
      () =>
        evaluate(
          'records.workflow',
          { workflowId: 'no-such-workflow', state: 'x', action: 'y', actor: { id: 'p1' } },
          'records.workflow/customer-archive',
          now,
        ),
    ],
    ['an instant without an offset', () => toEpochMs('2024-03-01 10:00')],
    ['a date with slashes', () => assertLocalDate('2024/03/01')],
    ['an unknown time zone', () => assertZone('Mars/Olympus')],
  ];

  it.each(refusals)('%s: messageIn("zh-CN") is Chinese, messageIn("en") has no Chinese', (_name, refuse) => {
    let caught: unknown;
    try {
      refuse();
    } catch (e) {
      caught = e;
    }
    expect(isZhiduError(caught)).toBe(true);
    if (!isZhiduError(caught)) return;
    const zh = caught.messageIn('zh-CN');
    const en = caught.messageIn('en');
    expect(zh).toMatch(CJK);
    expect(en).not.toMatch(CJK);
    expect(en).toMatch(/[A-Za-z]{3}/);
    expect(renderError(caught, 'zh-CN').message).toBe(zh);
    expect(renderError(caught, 'en').message).toBe(en);
  });
});

describe('a zod issue message written in a schema is "中文 / English" too', () => {
  it('an English-only message of refine, regex, a bound or addIssue is listed; a bilingual one is not', () => {
    const text = [
      "const A = z.number().refine((n) => n > 0, { message: 'must be positive' });",
      "const B = z.string().regex(/^a$/, { message: 'expected a' });",
      "const C = z.number().max(5, { message: '至多 5 / at most 5' });",
      "const D = z.object({}).superRefine((v, ctx) => ctx.addIssue({ code: 'custom', path: [], message: `bad ${v}` }));",
      "const E = z.number().refine((n) => n > 0, { message: '须为正数 / must be positive' });",
    ].join('\n');
    expect(findingsOf(text).map((f) => f.split(':')[0])).toEqual(['1', '2', '4']);
  });
});
