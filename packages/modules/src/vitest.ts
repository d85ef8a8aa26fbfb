/**
 * @packageDocumentation
 * `describeScenarios(dir)`: every `*.scenario.json` under a directory becomes a vitest test named
 * after its catalog rules and its name, failing with a readable list of mismatches.
 *
 * ```ts
 * import { describeScenarios } from '@zhidu/modules/vitest';
 * describeScenarios(new URL('../scenarios', import.meta.url));
 * ```
 *
 * `describeParameterCoverage({ policy, scenarios, min })`: a test that fails when fewer than `min`
 * percent of the policy's parameters are pinned by the scenarios (see docs/coverage.md).
 */
import { fileURLToPath } from 'node:url';
import { assertScenario, describeValue, isZhiduError, ZhiduError } from '@zhidu/core';
import { describe, it } from 'vitest';
import { getModule } from './index.js';
import { coverageTotals, type ParameterCoverageOptions, parameterCoverage } from './parameter-coverage.js';
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

/**
 * Declares a vitest test that measures the policy-parameter coverage of a policy (see
 * `parameterCoverage`) and fails when fewer than `min` percent of its parameters are pinned,
 * listing every parameter that is not pinned with the perturbations that escaped. A scenario that
 * fails on the unperturbed policy fails the test too.
 *
 * @param options - what `parameterCoverage` takes, plus `min` (percent, default 100), a test `title`
 *   and a `timeout` in ms (default 120000)
 * @throws ZhiduError `invalid_input` (when declaring) for a `min` outside 0–100
 * @example
 * describeParameterCoverage({
 *   policy: 'sla.timers/retail-000',
 *   scenarios: [new URL('../scenarios/retail-000', import.meta.url).pathname],
 *   min: 30,
 * });
 */
export function describeParameterCoverage(
  options: ParameterCoverageOptions & { min?: number; title?: string; timeout?: number },
): void {
  const min = options.min ?? 100;
  if (typeof min !== 'number' || !(min >= 0 && min <= 100)) {
    throw new ZhiduError(
      'invalid_input',
      ['min'],
      `min 须为 0–100 的百分比 / min is a percentage from 0 to 100, got ${describeValue(min)}`,
    );
  }
  const name =
    options.title ??
    `policy parameters of ${typeof options.policy === 'string' ? options.policy : ((options.policy as { id?: unknown })?.id ?? 'the policy')} pinned by scenarios (≥ ${min}%)`;
  describe('parameter coverage', () => {
    it(
      String(name),
      () => {
        const { min: _min, title: _title, timeout: _timeout, ...rest } = options;
        const c = parameterCoverage(rest);
        const { percent } = coverageTotals([c]);
        const problems: string[] = c.baselineFailures.map(
          (f) => `  scenario fails on the unperturbed policy: ${f.file ?? f.name}: ${f.message}`,
        );
        if (percent < min) {
          problems.push(
            ...c.parameters
              .filter((p) => !p.pinned && p.inert === undefined)
              .map((p) => `  ${p.path} (${p.rule ?? '-'}, ${p.kind}) escaped: ${p.escaped.join(', ')}`),
          );
        }
        if (problems.length > 0) {
          throw new ZhiduError(
            'scenario_failed',
            [],
            `${c.id}: ${percent}% 的参数被钉住（要求 ${min}%） / ${percent}% of parameters pinned (min ${min}%):\n${problems.join('\n')}\n`,
            { percent, min },
          );
        }
      },
      options.timeout ?? 120_000,
    );
  });
}
