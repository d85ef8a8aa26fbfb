/**
 * @packageDocumentation
 * `describeScenarios(dir)`: every `*.scenario.json` under a directory becomes a vitest test named
 * after its catalog rules and its name, failing with a readable list of mismatches.
 *
 * ```ts
 * import { describeScenarios } from '@zhidu/modules/vitest';
 * describeScenarios(new URL('../scenarios', import.meta.url));
 * ```
 */
import { fileURLToPath } from 'node:url';
import { assertScenario, isZhiduError } from '@zhidu/core';
import { describe, it } from 'vitest';
import { getModule } from './index.js';
import type { Registry } from './registry.js';
import { findScenarioFiles, readScenarioFile, runScenarioFileWith, scenarioResolver } from './scenarios.js';

const title = (file: string): string => {
  try {
    const json = readScenarioFile(file) as { rules?: unknown; name?: unknown };
    const rules = Array.isArray(json.rules) ? json.rules.filter((r) => typeof r === 'string').join(' ') : '';
    const name = typeof json.name === 'string' ? json.name : file;
    return `${rules ? `${rules} — ` : ''}${name}`;
  } catch (e) {
    return `${file} (${isZhiduError(e) ? e.code : 'unreadable'})`;
  }
};

/**
 * Declares one vitest test per `*.scenario.json` file under the given directories or files. Each
 * test is titled with the scenario's catalog rule ids and name, and fails with every mismatch (or
 * the reason the file is malformed).
 *
 * @param paths - a directory, a file, a `file:` URL, or a list of them
 * @param options - `registry`: your own modules (default: every zhidu module)
 * @example
 * describeScenarios(new URL('../scenarios', import.meta.url));
 */
export function describeScenarios(
  paths: string | URL | readonly (string | URL)[],
  options: { registry?: Pick<Registry, 'getModule'> } = {},
): void {
  const list = (Array.isArray(paths) ? paths : [paths]).map((p: string | URL) =>
    p instanceof URL ? fileURLToPath(p) : p,
  );
  const registry = options.registry ?? { getModule };
  const resolver = scenarioResolver(registry);
  const files = findScenarioFiles(list);
  describe(`scenarios (${files.length} files)`, () => {
    it('finds at least one scenario file', () => {
      if (files.length === 0) throw new Error(`no *.scenario.json under ${list.join(', ')}`);
    });
    for (const file of files) {
      it(title(file), () => {
        assertScenario(runScenarioFileWith(file, registry, resolver));
      });
    }
  });
}
