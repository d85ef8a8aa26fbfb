import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './extract.js';

// A package README's install line names every package its examples import: under pnpm (strict
// node_modules) an example importing `@zhidu/core` fails unless `@zhidu/core` is installed too.

/** The package an import specifier belongs to (`@zhidu/core/schema/x.json` → `@zhidu/core`). */
const packageOf = (spec: string): string =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);

function blocks(markdown: string, langs: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```/gm)) {
    if (langs.includes(m[1] as string)) out.push(m[2] as string);
  }
  return out;
}

const readmes = readdirSync(join(ROOT, 'packages'))
  .map((dir) => join(ROOT, 'packages', dir, 'README.md'))
  .filter((f) => {
    try {
      readFileSync(f);
      return true;
    } catch {
      return false;
    }
  });

describe('package READMEs: install lines name what their examples import', () => {
  for (const file of readmes) {
    const rel = file.slice(ROOT.length + 1);
    it(rel, () => {
      const md = readFileSync(file, 'utf8');
      const imported = new Set<string>();
      for (const code of blocks(md, ['ts', 'typescript', 'js', 'javascript'])) {
        for (const m of code.matchAll(/(?:from\s+|import\(\s*|require\(\s*)['"]([^'"]+)['"]/g)) {
          const spec = m[1] as string;
          if (spec.startsWith('.') || spec.startsWith('node:')) continue;
          imported.add(packageOf(spec));
        }
      }
      const installed = new Set<string>();
      for (const code of blocks(md, ['sh', 'bash', 'shell'])) {
        for (const line of code.split('\n')) {
          const m = /^\s*(?:\$\s*)?(?:npm (?:i|install)|pnpm add|yarn add)\s+(.*)$/.exec(line);
          if (!m) continue;
          for (const word of (m[1] as string).split(/\s+/)) {
            if (word === '#' || word.startsWith('#')) break;
            if (!word.startsWith('-') && word) installed.add(packageOf(word.replace(/@[\^~\d][^/]*$/, '')));
          }
        }
      }
      const missing = [...imported].filter((p) => !installed.has(p)).sort();
      expect(missing, `${rel}: imported by an example but not on an install line`).toEqual([]);
    });
  }
});
