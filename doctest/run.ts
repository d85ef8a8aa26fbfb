import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { importedNames, ROOT, transform } from './extract.js';

const DIR = join(ROOT, 'doctest', '.generated');

/** Deep equality of an example's value and its `//=>` comment. */
export function expectEqual(actual: unknown, expected: unknown, at: string): void {
  expect(actual, at).toEqual(expected);
}

/**
 * Runs a snippet as an ES module. `scope` lists the packages whose exports it sees unqualified
 * (later ones win; its own imports win over all).
 */
export async function runSnippet(code: string, scope: readonly string[], where: string): Promise<void> {
  const { imports, body } = transform(code);
  const mine = importedNames(imports);
  const lines = [
    `// ${where}`,
    `import { expectEqual as __expectEqual } from ${JSON.stringify(join(ROOT, 'doctest', 'run.ts'))};`,
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
}
