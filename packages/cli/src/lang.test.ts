import { describe, expect, it } from 'vitest';
import { fakeIo } from '../test/fake-io.js';
import { run } from './index.js';
import { envLang, takeLang } from './lang.js';

const HAN = /[\u4e00-\u9fff]/;

function withEnv(env: Record<string, string | undefined>) {
  const f = fakeIo({ 'in.json': [] });
  f.io.env = env;
  return f;
}

// The first command loads every module of the registry: slow on a busy machine.
describe('--lang and the locale choose the language of traces and errors', { timeout: 120_000 }, () => {
  it('the default comes from LC_ALL, LC_MESSAGES, LANG in that order; C or none prints both', () => {
    expect(envLang({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(envLang({ LANG: 'zh_TW.UTF-8' })).toBe('zh-CN');
    expect(envLang({ LC_MESSAGES: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(envLang({ LC_ALL: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(envLang({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(envLang({ LANG: 'C.UTF-8' })).toBeUndefined();
    expect(envLang({ LC_ALL: '', LANG: 'POSIX' })).toBeUndefined();
    expect(envLang({})).toBeUndefined();
  });

  it('takes --lang and --lang= out of the arguments, not after --', () => {
    expect(takeLang(['presets', '--lang', 'zh-CN'], {})).toEqual({ args: ['presets'], lang: 'zh-CN' });
    expect(takeLang(['--lang=en', 'presets'], { LANG: 'zh_CN.UTF-8' })).toEqual({
      args: ['presets'],
      lang: 'en',
    });
    expect(takeLang(['presets', '--', '--lang', 'x'], { LANG: 'zh_CN' })).toEqual({
      args: ['presets', '--', '--lang', 'x'],
      lang: 'zh-CN',
    });
  });

  it('--lang zh-CN prints a refusal in Chinese only, --lang en in English only', async () => {
    const zh = withEnv({});
    expect(
      await run(['evaluate', 'sla.timers', 'in.json', '--preset', 'dealer-00', '--lang', 'zh-CN'], zh.io),
    ).toBe(2);
    expect(zh.err).toHaveLength(1);
    expect(zh.err[0]).toMatch(/^error \[unknown_reference\]: 模块 sla\.timers 没有预设 "dealer-00"/);
    expect(zh.err[0]).toContain('（位置：preset）');
    expect(zh.err[0]).not.toContain('did you mean');

    const en = withEnv({ LANG: 'zh_CN.UTF-8' });
    expect(
      await run(['evaluate', 'sla.timers', 'in.json', '--preset', 'dealer-00', '--lang=en'], en.io),
    ).toBe(2);
    expect(en.err[0]).toMatch(/^error \[unknown_reference\]: module sla\.timers has no preset "dealer-00"/);
    expect(en.err[0]).toMatch(/ \(at preset\)$/);
    expect(HAN.test(en.err[0] ?? '')).toBe(false);
  });

  it('LANG=zh_CN.UTF-8 without --lang prints Chinese; no locale prints both languages as before', async () => {
    const zh = withEnv({ LANG: 'zh_CN.UTF-8' });
    expect(await run(['evaluate', 'sla.timers', 'in.json', '--preset', 'dealer-00'], zh.io)).toBe(2);
    expect(zh.err[0]).toContain('是否应为 sla.timers/dealer-000？');
    expect(zh.err[0]).not.toContain('did you mean');
    const both = withEnv({});
    expect(await run(['evaluate', 'sla.timers', 'in.json', '--preset', 'dealer-00'], both.io)).toBe(2);
    expect(both.err[0]).toContain('是否应为 sla.timers/dealer-000？');
    expect(both.err[0]).toContain('did you mean sla.timers/dealer-000?');
  });

  it('refuses an unknown --lang with invalid_input at lang, naming the supported ones', async () => {
    for (const args of [
      ['presets', '--lang', 'fr'],
      ['presets', '--lang=zh-TW'],
      ['presets', '--lang'],
    ]) {
      const f = withEnv({ LANG: 'en_US.UTF-8' });
      expect(await run(args, f.io)).toBe(2);
      expect(f.err).toHaveLength(1);
      expect(f.err[0]).toMatch(
        /^error \[invalid_input\]: unsupported language .* \(supported: zh-CN, en\) \(at lang\)$/,
      );
      expect(f.out).toEqual([]);
    }
    const zh = withEnv({ LANG: 'zh_CN.UTF-8' });
    expect(await run(['presets', '--lang', 'fr'], zh.io)).toBe(2);
    expect(zh.err[0]).toBe('error [invalid_input]: 不支持的语言 "fr"（支持 zh-CN、en）（位置：lang）');
  });

  it('prints trace messages in the chosen language (deadline --trace)', async () => {
    const zh = withEnv({});
    const args = ['deadline', '2025-09-30T17:40:00+08:00', '3', 'workingDays', '--trace'];
    expect(await run([...args, '--lang', 'zh-CN'], zh.io)).toBe(0);
    const zhTrace = zh.out.slice(zh.out.indexOf('trace:') + 1);
    expect(zhTrace.length).toBeGreaterThan(0);
    for (const line of zhTrace) expect(line).toMatch(HAN);
    expect(zhTrace.join('\n')).not.toContain(' / ');
    const en = withEnv({});
    expect(await run([...args, '--lang', 'en'], en.io)).toBe(0);
    const enTrace = en.out.slice(en.out.indexOf('trace:') + 1);
    expect(enTrace).toHaveLength(zhTrace.length);
    expect(enTrace.some((l) => l.includes('zhidu.deadline'))).toBe(true);
    expect(enTrace.find((l) => l.includes('zhidu.deadline'))).not.toMatch(HAN);
  });
});
