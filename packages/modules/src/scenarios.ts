import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chinaCalendar } from '@zhidu/calendar-cn';
import {
  duplicateJsonKey,
  isZhiduError,
  runScenario as runWith,
  type Scenario,
  type ScenarioOutcome,
  type ScenarioResolver,
  type WorkCalendar,
  weekdayCalendar,
  ZhiduError,
} from '@zhidu/core';
import type { Registry } from './registry.js';

/** The largest scenario file read (64 MiB). */
const MAX_SCENARIO_BYTES = 64 * 1024 * 1024;

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
  if (
    registry === null ||
    typeof registry !== 'object' ||
    typeof (registry as { getModule?: unknown }).getModule !== 'function'
  ) {
    throw new ZhiduError(
      'invalid_input',
      ['registry'],
      '须为提供 getModule 的注册表 / expected a registry with getModule',
    );
  }
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
  if (!Array.isArray(paths)) {
    throw new ZhiduError('invalid_input', ['paths'], '须为路径列表 / expected a list of paths');
  }
  const out = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(SCENARIO_SUFFIX)) out.add(p);
    }
  };
  paths.forEach((p, i) => {
    if (typeof p !== 'string' || p.includes('\u0000') || !existsSync(p)) {
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
  if (typeof file !== 'string' || file === '' || file.includes('\u0000')) {
    throw new ZhiduError(
      'invalid_input',
      ['file'],
      '文件路径须为非空字符串 / a file path is a non-empty string',
    );
  }
  let text: string;
  try {
    const info = statSync(file);
    if (!info.isFile()) {
      throw new ZhiduError(
        'invalid_input',
        ['file'],
        `${file} 不是普通文件 / ${file} is not a regular file`,
        { file },
      );
    }
    if (info.size > MAX_SCENARIO_BYTES) {
      throw new ZhiduError(
        'invalid_input',
        ['file'],
        `${file} 超过 ${MAX_SCENARIO_BYTES / 1024 / 1024} MiB / ${file} is larger than ${MAX_SCENARIO_BYTES / 1024 / 1024} MiB`,
        { file },
      );
    }
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (isZhiduError(e)) throw e;
    const code = (e as { code?: string }).code;
    throw new ZhiduError(
      code === 'ENOENT' ? 'unknown_reference' : 'invalid_input',
      ['file'],
      `无法读取 ${file}（${code ?? 'error'}） / cannot read ${file} (${code ?? 'error'})`,
      { file },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw new ZhiduError(
      'invalid_input',
      [],
      `${file}: 不是合法的 JSON / is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
      { file },
    );
  }
  // A key written twice in one object (an expected value copied and edited): JSON.parse kept the last.
  const dup = duplicateJsonKey(text);
  if (dup !== undefined) {
    throw new ZhiduError(
      'invalid_input',
      [...dup.path],
      `${file}: 第 ${dup.line} 行第 ${dup.column} 列，键 ${JSON.stringify(dup.key)} 在同一对象中出现两次（JSON 解析只保留后一个） / ${file}: line ${dup.line}, column ${dup.column}: the key ${JSON.stringify(dup.key)} appears twice in one object (JSON readers keep only the last)`,
      { file, line: dup.line, column: dup.column },
    );
  }
  return value;
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
  const json = readScenarioFile(file);
  const shown = relative(process.cwd(), resolve(file)) || file;
  return runWith(json, resolver, shown);
}
