/**
 * @packageDocumentation
 * The `zhidu` command: deadlines on the PRC calendar, every rule module of the registry by id
 * (`zhidu evaluate|diff|schema|presets`), scenario runs and replays from the event store.
 */
import { isZhiduError, type Lang, renderError, renderMessage, ZhiduError } from '@zhidu/core';
import { CommanderError } from 'commander';
import { assertCliIo, type CliIo, oneLine, processIo } from './io.js';
import { envLang, takeLang } from './lang.js';
import { buildProgram } from './program.js';
import { usageMessage } from './usage.js';

// The public API is the program (`run`, `buildProgram`) and the functions a script embeds: the
// module and policy lookups, the renderer, the JSON readers and the stored calendar files. The
// command-line plumbing (flag parsing, the former CLI-only evaluations) stays internal.
export {
  calendarHome,
  type ImportResult,
  importCalendarFile,
  loadCalendarFiles,
  type StoredCalendarFiles,
} from './calendar.js';
export { type Change, diffJson } from './diff.js';
export { MODULES, type ModuleName } from './evaluate.js';
export { renderDecision } from './format.js';
export { type CliIo, MAX_INPUT_BYTES, parseJson, processIo, readJson } from './io.js';
export { DEPRECATED_ALIASES, type ModuleTarget, moduleArg, policyFor } from './modules.js';
export { buildProgram } from './program.js';

/** The ways past the calendar's data, in the CLI's terms (the refusal gives them in the library's). */
const CALENDAR_HINT =
  '在命令行中：--outside-data provisional（按法定节日暂定计算）或 --outside-data weekdays（按周一至周五），或 --notice <通知文件>，或先 zhidu calendar import <通知文件> / on the command line: --outside-data provisional (statutory holidays, marked provisional) or --outside-data weekdays (Mon–Fri), or --notice <notice file>, or zhidu calendar import <notice file> first';

/**
 * Runs the CLI with arguments (without `node` and the script path) and returns the exit code:
 * 0 success; 1 failed scenarios or a usage error (unknown command or option, missing argument);
 * 2 refused input. `--lang zh-CN|en` (anywhere before `--`; default from `LC_ALL` / `LC_MESSAGES` /
 * `LANG`: `zh*` is Chinese, another locale English, none or `C` both) chooses the language of traces
 * and error messages.
 * Every failure ends with one line `error [code]: message` on stderr — a usage
 * error is `invalid_input`, an unexpected failure (a defect) `internal_error` — and never a stack
 * trace (set `ZHIDU_DEBUG=1` to print one for a bug report). It does not throw for any arguments.
 *
 * @throws ZhiduError `invalid_input` only when `io` is not a {@link CliIo} (there is nowhere to report to)
 * @example
 * await run(['deadline', '2025-09-30T17:40:00+08:00', '3', 'workingDays']); // prints "due 2025-10-11 23:59 …"
 * await run(['evaluate', 'sla.timers', '--preset', 'constructor']); //=> 2, "error [unknown_reference]: …"
 */
export async function run(args: readonly string[], io: CliIo = processIo): Promise<number> {
  assertCliIo(io);
  const fail = (code: string, message: string, status: number): number => {
    io.err(`error [${oneLine(code)}]: ${oneLine(message)}`);
    return status;
  };
  // Errors are printed in the language of --lang, else of the environment's locale.
  // Without either, both languages ("中文 / English"), as zhidu writes them.
  let lang: Lang | undefined;
  const say = (text: string): string => (lang === undefined ? text : renderMessage(text, lang));
  try {
    lang = envLang(io.env ?? process.env);
    if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) {
      throw new ZhiduError(
        'invalid_input',
        ['args'],
        '参数须为字符串数组 / the arguments are an array of strings',
      );
    }
    const taken = takeLang(args, io.env ?? process.env);
    lang = taken.lang;
    await buildProgram(io, { lang }).parseAsync(taken.args, { from: 'user' });
    return 0;
  } catch (e) {
    if (isZhiduError(e)) {
      const message = lang ? renderError(e, lang).message : e.message;
      // The refusal names the library's options; on the command line the ways out are flags (on the
      // same line: an error is one line).
      const hint = e.code === 'calendar_out_of_range' ? ` — hint: ${say(CALENDAR_HINT)}` : '';
      return fail(e.code, `${message}${hint}`, 2);
    }
    if (e instanceof CommanderError) {
      // --help, --version: done.
      if (e.exitCode === 0) return e.exitCode;
      // A failed scenario has printed its report on stdout; stderr gets the one error line.
      if (e.code === 'zhidu.scenario') return fail('scenario_failed', say(e.message), e.exitCode);
      // Too few policy parameters pinned (`zhidu coverage --min`): the table went to stdout.
      if (e.code === 'zhidu.coverage') return fail('scenario_failed', say(e.message), e.exitCode);
      if (e.code === 'commander.help') {
        // A command group without its command (`zhidu`, `zhidu calendar`): the usage went to stdout.
        return fail(
          'invalid_input',
          say('须给出命令，见上方用法 / a command is required: see the usage above'),
          1,
        );
      }
      // Commander's own usage errors are English only: given in both languages, on one line.
      return fail('invalid_input', say(usageMessage(e)), 1);
    }
    const env = io.env ?? process.env;
    const name = e instanceof Error ? e.name : typeof e;
    const first = e instanceof Error ? (e.message.split('\n')[0] ?? '') : '';
    const status = fail(
      'internal_error',
      say(
        `意外错误（缺陷），请附上命令报告 / unexpected ${name}${first ? `: ${first}` : ''} — a defect in zhidu; please report it with the command that caused it`,
      ),
      2,
    );
    if (env.ZHIDU_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    return status;
  }
}
