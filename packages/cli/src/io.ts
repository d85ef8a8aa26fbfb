import { readFileSync } from 'node:fs';
import { ZhiduError } from '@zhidu/core';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): string;
  /** Whether progress bars may draw (a terminal on stderr). */
  interactive: boolean;
  /** Environment variables (`ZHIDU_HOME` locates stored calendar files); the process's when absent. */
  env?: Record<string, string | undefined>;
}

/** The process's own streams and file system. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  interactive: Boolean(process.stderr.isTTY),
  env: process.env,
};

/**
 * Reads and parses a JSON file (`-` for standard input), refusing unreadable or malformed files with
 * a `ZhiduError` that names the file.
 */
export function readJson(io: CliIo, path: string): unknown {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    throw new ZhiduError(
      'invalid_input',
      [path],
      `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ZhiduError(
      'invalid_input',
      [path],
      `${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
