// What a worker thread needs to load a module of this package again: the module's own file URL, and
// tsx's loader API when it runs from source. Shared by the coverage workers and evaluateInParallel.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The URL of tsx's ESM loader API, when this package runs from source under tsx. @internal */
export function tsxApi(): string | undefined {
  try {
    return (import.meta as { resolve?: (s: string) => string }).resolve?.('tsx/esm/api');
  } catch {
    return undefined;
  }
}

/**
 * The URL a worker imports to load this package again, from the `import.meta.url` of the module
 * asking (the ES module bundle's chunk, or a source file under tsx), or `undefined` when there is
 * none. The CommonJS bundle has no `import.meta`: its build defines `import.meta.url` as the bundle's
 * own file URL (tsup's shims), and a worker imports the package's CommonJS entry beside it
 * (`index.cjs`, which exports everything a worker calls, whichever entry the caller required).
 * @internal
 */
export function loadableUrl(url: unknown): string | undefined {
  if (typeof url !== 'string' || !url.startsWith('file:')) return undefined;
  return url.endsWith('.cjs') ? new URL('index.cjs', url).href : url;
}

/**
 * Whether the built bundle (`dist/index.js`) of the workspace package in `packageDir` and of every
 * workspace package it depends on (`workspace:` dependencies, followed) exists and is at least as
 * new as every file of that package's `src/` (test files aside), `presets/` and `package.json`: then a worker can load
 * the bundle (a second or less) instead of the sources under tsx (seconds) and evaluate the same code.
 * Any doubt (a missing bundle, an unexpected layout, a file that cannot be read) answers `false`.
 * @internal
 */
export function builtIsCurrent(packageDir: string): boolean {
  try {
    const root = dirname(packageDir);
    const seen = new Set<string>();
    const todo = [packageDir];
    while (todo.length > 0) {
      const dir = todo.pop() as string;
      if (seen.has(dir)) continue;
      seen.add(dir);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        dependencies?: Record<string, string>;
      };
      const built = statSync(join(dir, 'dist', 'index.js')).mtimeMs;
      if (newest(join(dir, 'package.json')) > built) return false;
      if (newest(join(dir, 'src')) > built) return false;
      if (newest(join(dir, 'presets')) > built) return false;
      for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
        if (!range.startsWith('workspace:')) continue;
        const next = join(root, name.slice(name.indexOf('/') + 1));
        const named = (JSON.parse(readFileSync(join(next, 'package.json'), 'utf8')) as { name?: string })
          .name;
        if (named !== name) return false;
        todo.push(next);
      }
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The newest modification time (ms) of a file or of any file under a folder (the folders' own times
 * included: a file added or removed), test files (`*.test.ts`, not in any bundle) left out; 0 when it
 * does not exist.
 */
function newest(path: string): number {
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(path);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return 0;
    throw e;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let most = info.mtimeMs;
  for (const name of readdirSync(path))
    if (!name.endsWith('.test.ts')) most = Math.max(most, newest(join(path, name)));
  return most;
}

/** Where a worker loads this package from: the module URL, and tsx's loader API when that is a source file. @internal */
export interface WorkerEntry {
  url: string;
  tsx?: string | undefined;
  /** The worker's Node options, when they must differ from this process's. */
  execArgv?: string[] | undefined;
}

/**
 * This process's Node options without the `@zhidu/source` export condition: a worker that loads the
 * build must resolve the other zhidu packages to their builds too, not to sources it cannot run.
 * @internal
 */
export function withoutSourceCondition(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--conditions=@zhidu/source' || a === '-C=@zhidu/source') continue;
    if ((a === '--conditions' || a === '-C') && argv[i + 1] === '@zhidu/source') {
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * What a worker thread loads to evaluate with this package: the same file when this package runs
 * from its build; from the sources (`packages/modules/src/…`), the build beside them when `load` is
 * `'built'`, or `'auto'` and the build is current ({@link builtIsCurrent}), else the sources under
 * tsx. `undefined` where no worker can load it (no file URL: see {@link loadableUrl}). @internal
 */
export function workerEntry(
  selfUrl: string | undefined,
  load: 'auto' | 'built' | 'source',
): WorkerEntry | undefined {
  if (selfUrl === undefined) return undefined;
  if (!selfUrl.endsWith('.ts')) return { url: selfUrl };
  if (load !== 'source') {
    const built = new URL('../dist/index.js', selfUrl);
    if (load === 'built' || builtIsCurrent(fileURLToPath(new URL('..', selfUrl)).replace(/[\\/]$/, ''))) {
      return { url: built.href, execArgv: withoutSourceCondition(process.execArgv) };
    }
  }
  return { url: selfUrl, tsx: tsxApi() };
}
