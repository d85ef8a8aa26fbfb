/**
 * @packageDocumentation
 * The `zhidu` command: deadlines on the PRC calendar, every rule module of the registry by id
 * (`zhidu evaluate|diff|schema|presets`), scenario runs and replays from the event store.
 */
import { ZhiduError } from '@zhidu/core';
import { CommanderError } from 'commander';
import { type CliIo, processIo } from './io.js';
import { buildProgram } from './program.js';

export {
  type CalendarFlags,
  calendarFor,
  calendarHome,
  type ImportResult,
  importCalendarFile,
  loadCalendarFiles,
  provisionalNote,
  type StoredCalendarFiles,
} from './calendar.js';
export { type Change, diffJson } from './diff.js';
export { contextFor, evaluate, MODULES, type ModuleName, presetNames, resolvePolicy } from './evaluate.js';
export { renderDecision } from './format.js';
export { type CliIo, processIo, readJson } from './io.js';
export {
  type ContextFlags,
  contextOf,
  DEPRECATED_ALIASES,
  inputFor,
  loadRegistry,
  type ModuleTarget,
  moduleArg,
  policyArgument,
  policyFor,
} from './modules.js';
export { buildProgram } from './program.js';

/**
 * Runs the CLI with arguments (without `node` and the script path) and returns the exit code:
 * 0 success, 1 failed scenarios or usage errors, 2 refused input.
 *
 * @example
 * await run(['deadline', '2025-09-30T17:40:00+08:00', '3', 'workingDays']); // prints "due 2025-10-11 23:59 …"
 */
export async function run(args: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...args], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof ZhiduError) {
      io.err(`error [${e.code}]: ${e.message}`);
      return 2;
    }
    if (e instanceof CommanderError) return e.exitCode;
    throw e;
  }
}
