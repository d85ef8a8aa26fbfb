import type { CommanderError } from 'commander';

/** `(Did you mean x?)` / `(Did you mean one of x, y?)`, which commander puts on a line of its own. */
const SUGGESTION = /^\(Did you mean (?:one of )?(.+)\?\)$/;

/** Commander's usage errors (English only) and their Chinese, by the code commander gives them. */
const PATTERNS: readonly [code: string, english: RegExp, zh: (m: RegExpExecArray) => string][] = [
  ['commander.unknownCommand', /^unknown command '(.+)'$/, (m) => `未知命令 '${m[1]}'`],
  ['commander.unknownOption', /^unknown option '(.+)'$/, (m) => `未知选项 '${m[1]}'`],
  ['commander.missingArgument', /^missing required argument '(.+)'$/, (m) => `缺少必需的参数 '${m[1]}'`],
  ['commander.optionMissingArgument', /^option '(.+)' argument missing$/, (m) => `选项 '${m[1]}' 缺少取值`],
  [
    'commander.missingMandatoryOptionValue',
    /^required option '(.+)' not specified$/,
    (m) => `缺少必需的选项 '${m[1]}'`,
  ],
  [
    'commander.excessArguments',
    /^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) => `${m[1] === undefined ? '' : `命令 '${m[1]}' 的`}参数过多：应为 ${m[2]} 个，实际 ${m[3]} 个`,
  ],
  [
    'commander.conflictingOption',
    /^(?:option|environment variable) '(.+)' cannot be used with (?:option|environment variable) '(.+)'$/,
    (m) => `'${m[1]}' 不能与 '${m[2]}' 同用`,
  ],
];

/**
 * A command-line usage error of commander (an unknown command or option, a missing argument …) in
 * both languages, "中文 / English", on one line: commander writes English only, and puts its
 * "did you mean" on a line of its own. A message of a kind not known here keeps its English, after a
 * Chinese head.
 *
 * @param e - the error commander threw
 * @returns the message, "中文 / English"
 * @example
 * usageMessage({ code: 'commander.unknownOption', message: "error: unknown option '--nope'\n(Did you mean --done?)" } as never);
 * //=> "未知选项 '--nope'（是否想用 --done？） / unknown option '--nope' (did you mean --done?)"
 * @internal
 */
export function usageMessage(e: Pick<CommanderError, 'code' | 'message'>): string {
  const [first = '', ...rest] = e.message.replace(/^error: /, '').split('\n');
  const tail = rest.join(' ').trim();
  const suggested = SUGGESTION.exec(tail)?.[1];
  const zhHint = suggested === undefined ? '' : `（是否想用 ${suggested}？）`;
  const enHint = suggested !== undefined ? ` (did you mean ${suggested}?)` : tail === '' ? '' : ` ${tail}`;
  const en = `${first}${enHint}`;
  for (const [code, english, zh] of PATTERNS) {
    if (code !== e.code) continue;
    const m = english.exec(first);
    if (m) return `${zh(m)}${zhHint} / ${en}`;
  }
  return `命令行用法有误${zhHint} / ${en}`;
}
