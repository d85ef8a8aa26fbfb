import type { CliIo } from '../src/index.js';

/**
 * An in-memory `CliIo` for the command tests: lines written to stdout and stderr are collected, and
 * `readFile` serves the given files (a string as is, anything else as JSON; a missing one is ENOENT).
 */
export function fakeIo(files: Record<string, unknown> = {}): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readFile: (p) => {
      if (!(p in files)) throw new Error('ENOENT');
      const v = files[p];
      return typeof v === 'string' ? v : JSON.stringify(v);
    },
    interactive: false,
  };
  return { io, out, err };
}
