import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ERROR_CODES, isZhiduError } from '@zhidu/core';
import { expect } from 'vitest';
import { importedNames, ROOT, transform } from './extract.js';

/** Deep equality of an example's value and its `//=>` comment. */
export function expectEqual(actual: unknown, expected: unknown, at: string): void {
  expect(actual, at).toEqual(expected);
}

/** An example's `// throws` comment: the call must throw a ZhiduError (with that code, if it is one). */
export async function expectThrows(
  call: () => Promise<unknown>,
  word: string | null,
  at: string,
): Promise<void> {
  let thrown: unknown;
  try {
    await call();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `${at}: nothing was thrown`).toBeDefined();
  expect(isZhiduError(thrown), `${at}: ${String(thrown)} is not a ZhiduError`).toBe(true);
  if (word !== null && Object.hasOwn(ERROR_CODES, word))
    expect((thrown as { code: string }).code, at).toBe(word);
}

/**
 * Runs a snippet as an ES module. `scope` lists the packages whose exports it sees unqualified
 * (later ones win; its own imports win over all).
 */
export async function runSnippet(
  code: string,
  scope: readonly string[],
  where: string,
  pkg?: string,
): Promise<void> {
  // Written inside the package it documents, so that the package's own dependencies resolve.
  const DIR = pkg ? join(ROOT, 'packages', pkg, '.doctest') : join(ROOT, 'doctest', '.generated');
  const { imports, body } = transform(code);
  const mine = importedNames(imports);
  const lines = [
    `// ${where}`,
    `import { expectEqual as __expectEqual, expectThrows as __expectThrows } from ${JSON.stringify(join(ROOT, 'doctest', 'run.ts'))};`,
  ];
  const names = new Map<string, string>();
  if (!mine.has('z')) lines.push(`import { z } from 'zod';`);
  for (const [i, spec] of scope.entries()) {
    const ns = (await import(spec)) as Record<string, unknown>;
    lines.push(`import * as __ns${i} from ${JSON.stringify(spec)};`);
    for (const k of Object.keys(ns)) {
      if (k !== 'default' && k !== 'z' && !mine.has(k) && /^[A-Za-z_$][\w$]*$/.test(k))
        names.set(k, `__ns${i}`);
    }
  }
  lines.push(...imports);
  for (const [name, ns] of names) lines.push(`const ${name} = ${ns}.${name};`);
  lines.push('{', body, '}', 'export {};');
  const text = lines.join('\n');
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `${createHash('sha256').update(text).digest('hex').slice(0, 16)}.ts`);
  writeFileSync(file, text);
  await import(pathToFileURL(file).href);
  // Kept only when the snippet fails (the error's stack points into it).
  rmSync(file, { force: true });
}
