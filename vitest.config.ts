import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/** The repository root (this file's folder): every path below is read from here, so `npx vitest` runs the same from any folder. */
const root = fileURLToPath(new URL('.', import.meta.url));

const include = [
  'packages/*/src/**/*.test.ts',
  'packages/*/test/**/*.test.ts',
  'examples/*/src/**/*.test.ts',
  'fuzz/**/*.test.ts',
  'doctest/**/*.test.ts',
  'bench/*.test.ts',
];

/**
 * Test files that change what other files would see, and so run in a module graph of their own:
 * module mocks and spies (`vi.mock`, `vi.spyOn`, …) and the records PII guard, which patches
 * core's `Trace` and `ZhiduError` for the file that imports it and counts every run it sees.
 * Every other file shares its worker's module graph with the files run before it (`isolate:
 * false`): the packages are imported once per worker instead of once per file, which was about a
 * third of the suite's time. A file added with a mock or the guard is found here by its text.
 */
const ISOLATED = /\bvi\.(?:mock|doMock|unmock|stubGlobal|stubEnv|useFakeTimers|spyOn)\b|pii-guard/;

function testFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) testFiles(path, out);
    else if (e.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}
const isolated = ['packages', 'examples', 'fuzz', 'doctest']
  .flatMap((d) => testFiles(join(root, d)))
  .filter((f) => ISOLATED.test(readFileSync(f, 'utf8')))
  .map((f) => relative(root, f).split('\\').join('/'));

const shared = {
  resolve: { conditions: ['@zhidu/source'] },
  ssr: { resolve: { conditions: ['@zhidu/source'] } },
};
const timeouts = { testTimeout: 30_000, hookTimeout: 120_000 };

export default defineConfig({
  ...shared,
  root,
  test: {
    projects: [
      {
        ...shared,
        root,
        test: {
          name: 'shared',
          include,
          exclude: [...configDefaults.exclude, ...isolated],
          isolate: false,
          ...timeouts,
        },
      },
      {
        ...shared,
        root,
        test: { name: 'isolated', include: isolated, isolate: true, ...timeouts },
      },
    ],
  },
});
