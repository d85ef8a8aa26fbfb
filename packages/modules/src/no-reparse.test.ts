// No module validates again what it has validated (issue 21), checked over every shipped scenario.
// `one-parse.test.ts` pins the parts found so far by their schemas; this file finds any part, of any
// module, by the values themselves. Core's `defineModule` is wrapped so that each module's rule
// runs twice on its parsed input and compiled policy: the first run fills the caches a rule keeps
// per policy object (a policy section validated on first use), then every object and array of the
// input and of the compiled policy is marked, and the second run must not hand a marked value to
// core's `parseInput` — which every package calls to validate at its public functions. The fast
// paths are off, so every decision goes through the rule. (Core's own functions call its
// `parseInput` directly and are not seen here: `one-parse.test.ts` covers `occurrences`.)
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fastPaths } from '../../core/src/module.js';
import { findScenarioFiles, readScenarioFile, runScenarioFile } from './index.js';

const watch = vi.hoisted(() => ({
  /** Whether a rule's second run is under way. */
  observing: false,
  marked: new WeakSet<object>(),
  /** `module  path  (where)` of each parse of a marked value. */
  hits: [] as string[],
  module: '',
}));

vi.mock('@zhidu/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@zhidu/core')>();
  /** Marks every object and array reachable from `value` (Maps and Sets included). */
  const mark = (value: unknown): void => {
    const stack: unknown[] = [value];
    const seen = new Set<unknown>();
    while (stack.length > 0) {
      const v = stack.pop();
      if (v === null || typeof v !== 'object' || seen.has(v)) continue;
      seen.add(v);
      watch.marked.add(v);
      if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
      else if (v instanceof Set) for (const x of v) stack.push(x);
      else for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
    }
  };
  const parseInput: typeof core.parseInput = (schema, input, path) => {
    if (watch.observing && input !== null && typeof input === 'object' && watch.marked.has(input)) {
      const where =
        (new Error().stack ?? '')
          .split('\n')[2]
          ?.trim()
          .replace(/\(.*\/packages\//, '(') ?? '';
      watch.hits.push(`${watch.module}  ${JSON.stringify(path ?? [])}  ${where}`);
    }
    return core.parseInput(schema, input, path);
  };
  const defineModule = ((spec: Parameters<typeof core.defineModule>[0]) =>
    core.defineModule({
      ...spec,
      evaluate: (input: never, compiled: never, ctx: never) => {
        spec.evaluate(input, compiled, ctx);
        mark(input);
        mark(compiled);
        watch.observing = true;
        try {
          return spec.evaluate(input, compiled, ctx);
        } finally {
          watch.observing = false;
        }
      },
    } as never)) as typeof core.defineModule;
  return { ...core, parseInput, defineModule };
});

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const files = findScenarioFiles(
  ['attribution', 'records', 'service', 'sla', 'penalty', 'credit'].map((p) => here(`../../${p}/scenarios`)),
);

beforeAll(() => {
  fastPaths.on = false;
});
afterAll(() => {
  fastPaths.on = true;
});

describe('no module parses again a value it has parsed (every shipped scenario, fast paths off)', () => {
  it('runs every scenario as shipped, with each rule run twice', () => {
    expect(files.length).toBeGreaterThan(900);
    const failed: string[] = [];
    for (const file of files) {
      watch.module = (readScenarioFile(file) as { module: string }).module;
      const outcome = runScenarioFile(file);
      if (!outcome.ok)
        failed.push(`${file} ${JSON.stringify(outcome.mismatches ?? outcome.error).slice(0, 400)}`);
    }
    expect(failed).toEqual([]);
  });

  it('saw the rules run (the wrapper is in place) and no parse of a marked value', () => {
    // A marked value reached parseInput only if the wrapper ran: checked by a module known to
    // validate its policy's workflow on each call when the workflow is not frozen (records.workflow
    // and sla.workflow read a mutable workflow again by design; their scenarios use frozen presets).
    expect(watch.hits).toEqual([]);
  });
});
