import { describe, expect, it } from 'vitest';
import { fakeIo } from '../test/fake-io.js';
import { run } from './index.js';
import { usageMessage } from './usage.js';

// Commander writes its usage errors in English only, with "(Did you mean …?)" on a line of its own;
// zhidu's one error line is "中文 / English" (or the language of --lang), all on one line.
describe('usage errors in both languages', () => {
  it('gives each kind of commander usage error its Chinese, on one line with the suggestion', () => {
    const cases: [string, string, string][] = [
      [
        'commander.unknownCommand',
        "error: unknown command 'frobnicate'",
        "未知命令 'frobnicate' / unknown command 'frobnicate'",
      ],
      [
        'commander.unknownOption',
        "error: unknown option '--nope'\n(Did you mean --done?)",
        "未知选项 '--nope'（是否想用 --done？） / unknown option '--nope' (did you mean --done?)",
      ],
      [
        'commander.unknownOption',
        "error: unknown option '--cal'\n(Did you mean one of --calendar, --clock?)",
        "未知选项 '--cal'（是否想用 --calendar, --clock？） / unknown option '--cal' (did you mean --calendar, --clock?)",
      ],
      [
        'commander.missingArgument',
        "error: missing required argument 'module'",
        "缺少必需的参数 'module' / missing required argument 'module'",
      ],
      [
        'commander.optionMissingArgument',
        "error: option '--seed <seed>' argument missing",
        "选项 '--seed <seed>' 缺少取值 / option '--seed <seed>' argument missing",
      ],
      [
        'commander.missingMandatoryOptionValue',
        "error: required option '--candidate <policy>' not specified",
        "缺少必需的选项 '--candidate <policy>' / required option '--candidate <policy>' not specified",
      ],
      [
        'commander.excessArguments',
        "error: too many arguments for 'deadline'. Expected 3 arguments but got 4.",
        "命令 'deadline' 的参数过多：应为 3 个，实际 4 个 / too many arguments for 'deadline'. Expected 3 arguments but got 4.",
      ],
      [
        'commander.conflictingOption',
        "error: option '--open' cannot be used with option '--token-file <file>'",
        "'--open' 不能与 '--token-file <file>' 同用 / option '--open' cannot be used with option '--token-file <file>'",
      ],
      ['commander.somethingNew', 'error: a new complaint', '命令行用法有误 / a new complaint'],
    ];
    for (const [code, message, expected] of cases) expect(usageMessage({ code, message })).toBe(expected);
  });

  it('prints them in the language of --lang, and in both without it, on one line', async () => {
    const zh = fakeIo();
    expect(await run(['--lang', 'zh-CN', 'frobnicate'], zh.io)).toBe(1);
    expect(zh.err).toEqual(["error [invalid_input]: 未知命令 'frobnicate'"]);
    const en = fakeIo();
    expect(
      await run(
        ['--lang', 'en', 'deadline', '2025-09-30T17:40:00+08:00', '3', 'workingDays', '--nope'],
        en.io,
      ),
    ).toBe(1);
    expect(en.err).toEqual([
      expect.stringMatching(/^error \[invalid_input\]: unknown option '--nope'( \(did you mean [^)]+\?\))?$/),
    ]);
    expect(en.err.join('')).not.toContain('\\n');
    const both = fakeIo();
    expect(await run(['evaluate'], both.io)).toBe(1);
    expect(both.err).toEqual([
      "error [invalid_input]: 缺少必需的参数 'module' / missing required argument 'module'",
    ]);
  });
});
