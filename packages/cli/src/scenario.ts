import { existsSync, statSync } from 'node:fs';
import { formatOutcome, isZhiduError, refusedOutcome, runScenario, type ScenarioOutcome } from '@zhidu/core';
import { type CliIo, oneLine, readJson } from './io.js';
import { loadRegistry } from './modules.js';

/**
 * `zhidu scenario <files|dirs>`: runs scenario files of every module (directories are searched
 * for `*.scenario.json`), prints a line per scenario and each mismatch under it, and returns the
 * outcomes. A malformed file is reported as failed with its reason; the run goes on.
 *
 * @param io - where files are read and lines written
 * @param paths - scenario files and directories
 * @param json - print the outcomes as JSON instead of text
 * @returns the outcomes, in file order
 */
export async function runScenarioCommand(
  io: CliIo,
  paths: readonly string[],
  json: boolean,
): Promise<ScenarioOutcome[]> {
  const zhidu = await loadRegistry();
  const resolver = zhidu.scenarioResolver();
  const files: string[] = [];
  for (const p of paths) {
    if (existsSync(p) && statSync(p).isDirectory()) files.push(...zhidu.findScenarioFiles([p]));
    else files.push(p);
  }
  const outcomes = files.map((file): ScenarioOutcome => {
    try {
      return runScenario(readJson(io, file), resolver, file);
    } catch (e) {
      if (!isZhiduError(e)) throw e;
      return refusedOutcome(file, e);
    }
  });
  const failed = outcomes.filter((o) => !o.ok).length;
  if (json) {
    io.out(
      JSON.stringify(
        {
          passed: outcomes.length - failed,
          failed,
          scenarios: outcomes.map(({ decision: _d, ...o }) => o),
        },
        null,
        2,
      ),
    );
  } else {
    // File names and messages cannot steer the terminal: control characters are escaped.
    for (const o of outcomes) for (const line of formatOutcome(o).split('\n')) io.out(oneLine(line));
    io.out(`${outcomes.length - failed} passed, ${failed} failed`);
  }
  return outcomes;
}
