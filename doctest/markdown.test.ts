import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownFiles, markdownSnippets, ROOT } from './extract.js';
import { KNOWN_BLOCKS } from './known.js';
import { runSnippet } from './run.js';

// Every ```ts block of the READMEs and guides runs unchanged: a block a user copies is complete,
// imports included. A block that is not meant to run says so: `<!-- doctest: fragment — reason -->`.
for (const file of markdownFiles()) {
  const snippets = markdownSnippets(file);
  if (snippets.length === 0) continue;
  const rel = relative(ROOT, file);
  describe(rel, { timeout: 120_000 }, () => {
    snippets.forEach((s, i) => {
      const key = `${rel}#${i + 1}`;
      if (s.fragment !== undefined) {
        it(`${key} (${s.where}) is a fragment with a reason`, () => {
          expect(s.fragment?.length ?? 0, 'a fragment marker names its reason').toBeGreaterThan(3);
        });
        return;
      }
      it(`${key} (${s.where}) runs`, async () => {
        if (!KNOWN_BLOCKS.has(key) || process.env.DOCTEST_ALL) return runSnippet(s.code, [], s.where, s.pkg);
        let passed = false;
        try {
          await runSnippet(s.code, [], s.where, s.pkg);
          passed = true;
        } catch {
          // known, not fixed yet
        }
        expect(passed, `${key} runs now: remove it from doctest/known.ts`).toBe(false);
      });
    });
  });
}
