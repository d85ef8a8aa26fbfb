import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** A `zhidu serve` started as its own process (the real bin, from the sources), on a free port. */
export interface ServeChild {
  child: ChildProcessWithoutNullStreams;
  /** `http://127.0.0.1:<port>`, read from its banner. */
  url: string;
  /** Everything it wrote on stderr so far. */
  stderr: () => string;
  /** SIGTERM, and the exit code once it has closed (a child already gone: its code). */
  stop: () => Promise<number | null>;
}

/**
 * Starts `zhidu serve --port 0 …args` and resolves once it listens (rejects if it exits first).
 *
 * @param args - the flags after `serve --port 0`, e.g. `['--open']` or `['--token-file', file]`
 */
export async function startServeChild(args: readonly string[]): Promise<ServeChild> {
  const child = spawn(process.execPath, [
    '--conditions=@zhidu/source',
    '--import',
    'tsx',
    cli,
    'serve',
    '--port',
    '0',
    ...args,
  ]);
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += String(d);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) resolve(m[1] as string);
    });
    child.on('close', () => reject(new Error(`exited early: ${stderr}`)));
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    url,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return closed;
    },
  };
}

/**
 * Starts `zhidu serve --token-file <file>` with `tokens` written to a token file of its own, in a
 * temporary directory that `stop()` removes.
 *
 * @param tokens - the token file's content, `{ "<token>": { id, tenants?, scopes? } }`
 */
export async function startServeWithTokens(tokens: Record<string, unknown>): Promise<ServeChild> {
  const dir = mkdtempSync(join(tmpdir(), 'zhidu-serve-'));
  const file = join(dir, 'tokens.json');
  writeFileSync(file, JSON.stringify(tokens));
  const server = await startServeChild(['--token-file', file]).catch((e: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  return {
    ...server,
    stop: async () => {
      try {
        return await server.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
