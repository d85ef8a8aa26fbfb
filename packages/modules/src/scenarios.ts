import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chinaCalendar } from '@zhidu/calendar-cn';
import {
  runScenario as runWith,
  type Scenario,
  type ScenarioOutcome,
  type ScenarioResolver,
  type WorkCalendar,
  weekdayCalendar,
  ZhiduError,
} from '@zhidu/core';
import type { Registry } from './registry.js';

/** The suffix every scenario file carries. */
export const SCENARIO_SUFFIX = '.scenario.json';

/**
 * A scenario resolver over a registry: modules by id, and the calendar a scenario names — the PRC
 * statutory calendar by default (with its `notices` and `outsideData`), or plain Mon–Fri.
 *
 * @param registry - the modules (default: every zhidu module)
 * @returns the resolver `runScenario` of `@zhidu/core` takes
 * @example
 * const resolver = scenarioResolver({ getModule });
 * resolver.module('sla.timers').id; //=> 'sla.timers'
 */
export function scenarioResolver(registry: Pick<Registry, 'getModule'>): ScenarioResolver {
  const prc = chinaCalendar();
  return {
    module: (id) => registry.getModule(id),
    calendar(spec: Scenario['context']['calendar']): WorkCalendar {
      if (spec === undefined || spec === 'prc') return prc;
      if (spec === 'weekdays') return weekdayCalendar();
      return chinaCalendar({
        ...(spec.outsideData === undefined ? {} : { outsideData: spec.outsideData }),
        ...(spec.notices === undefined ? {} : { notices: spec.notices as never }),
      });
    },
  };
}

/**
 * Every `*.scenario.json` file under the given files and directories (directories recursively),
 * sorted, each once.
 *
 * @throws ZhiduError `unknown_reference` for a path that does not exist, `invalid_input` for a file
 *   that is not a `*.scenario.json`
 * @example
 * findScenarioFiles(['packages/sla/scenarios']).length > 0; //=> true
 */
export function findScenarioFiles(paths: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(SCENARIO_SUFFIX)) out.add(p);
    }
  };
  paths.forEach((p, i) => {
    if (typeof p !== 'string' || !existsSync(p)) {
      throw new ZhiduError(
        'unknown_reference',
        ['paths', i],
        `没有这个文件或目录：${String(p)} / no such file or directory: ${String(p)}`,
      );
    }
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith(SCENARIO_SUFFIX)) out.add(p);
    else {
      throw new ZhiduError(
        'invalid_input',
        ['paths', i],
        `场景文件须以 ${SCENARIO_SUFFIX} 结尾 / a scenario file ends in ${SCENARIO_SUFFIX}: ${p}`,
      );
    }
  });
  return [...out].sort();
}

/**
 * Reads and parses a scenario file's JSON.
 *
 * @example
 * readScenarioFile('packages/modules/test/fixtures/scenarios/nested/retail-close.scenario.json').module; //=> 'sla.timers'
 * readScenarioFile('README.md'); // throws ZhiduError invalid_input (not JSON)
 *
 * @throws ZhiduError `invalid_input` naming the file when it is not JSON
 */
export function readScenarioFile(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ZhiduError(
      'invalid_input',
      [],
      `${file}: 不是合法的 JSON / is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
      { file },
    );
  }
}

/**
 * Runs one scenario file against a registry's modules.
 *
 * @param file - a `*.scenario.json` file
 * @param registry - the modules
 * @returns the outcome
 * @throws ZhiduError when the file is malformed (not JSON, not the format, an unknown module or
 *   preset, an `expected` field the decision does not have); `details.file` names it
 */
export function runScenarioFileWith(
  file: string,
  registry: Pick<Registry, 'getModule'>,
  resolver: ScenarioResolver = scenarioResolver(registry),
): ScenarioOutcome {
  const shown = relative(process.cwd(), resolve(file)) || file;
  return runWith(readScenarioFile(file), resolver, shown);
}

/** The outcome of a file that could not be run as a scenario (malformed, unknown module…). */
export function brokenOutcome(file: string, e: ZhiduError): ScenarioOutcome {
  return {
    name: '(unreadable scenario)',
    file,
    module: '?',
    rules: [],
    ok: false,
    error: { code: e.code, path: [...e.path], message: e.message },
    mismatches: [{ path: [...e.path], expected: 'a valid scenario', actual: e.code, message: e.message }],
  };
}
