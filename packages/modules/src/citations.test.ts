// Citations a reader can follow (issue 20): every rule id a preset cites (its `citations`, the `rule` of
// a parameter) and every rule id in the trace of a scenario run has an entry in the rule statements of
// docs/rules/*.json, so citationHref(id) lands on a stated rule of docs/catalog.md / docs/zh/catalog.md.
import { readdirSync, readFileSync } from 'node:fs';
import { citationAnchor, citationHref } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, scenarioDirs } from '../test/rendering.js';
import { findScenarioFiles, runScenarioFile } from './index.js';

const ID = /(?<![A-Za-z0-9])S\d{3}[A-Z]?-[A-Z]+-\d+(?![0-9])/g;
const idsIn = (text: string): string[] => text.match(ID) ?? [];

/** Every rule id with a statement in docs/rules/*.json. */
const stated = new Set<string>();
for (const f of readdirSync(`${REPO_ROOT}/docs/rules`).filter((n) => n.endsWith('.json'))) {
  const json = JSON.parse(readFileSync(`${REPO_ROOT}/docs/rules/${f}`, 'utf8')) as { rules: object };
  for (const id of Object.keys(json.rules)) stated.add(id);
}
const zhPage = readFileSync(`${REPO_ROOT}/docs/zh/catalog.md`, 'utf8');
const enPage = readFileSync(`${REPO_ROOT}/docs/catalog.md`, 'utf8');

/** id → the first place that cites it */
function unresolved(cited: Map<string, string>): string[] {
  return [...cited].filter(([id]) => !stated.has(id)).map(([id, where]) => `${id} (${where})`);
}

describe('every cited rule id resolves to a catalog entry', () => {
  it('the ids cited by the presets of every package (citations and parameter rules)', () => {
    const cited = new Map<string, string>();
    for (const pkg of readdirSync(`${REPO_ROOT}/packages`)) {
      let files: string[];
      try {
        files = readdirSync(`${REPO_ROOT}/packages/${pkg}/presets`).filter((f) => f.endsWith('.json'));
      } catch {
        continue;
      }
      for (const f of files) {
        const text = readFileSync(`${REPO_ROOT}/packages/${pkg}/presets/${f}`, 'utf8');
        for (const id of idsIn(text)) if (!cited.has(id)) cited.set(id, `${pkg}/presets/${f}`);
      }
    }
    expect(cited.size).toBeGreaterThan(100);
    expect(unresolved(cited)).toEqual([]);
  });

  it('the ids in the traces of every scenario run, and in the scenario files', () => {
    const cited = new Map<string, string>();
    let runs = 0;
    for (const file of findScenarioFiles(scenarioDirs(REPO_ROOT))) {
      const where = file.slice(REPO_ROOT.length);
      for (const id of idsIn(readFileSync(file, 'utf8'))) if (!cited.has(id)) cited.set(id, where);
      let outcome: ReturnType<typeof runScenarioFile>;
      try {
        outcome = runScenarioFile(file);
      } catch {
        continue; // a scenario that expects a refusal has no trace
      }
      if (!outcome.decision) continue;
      runs++;
      for (const id of idsIn(JSON.stringify(outcome.decision.trace)))
        if (!cited.has(id)) cited.set(id, where);
    }
    expect(runs).toBeGreaterThan(500);
    expect(cited.size).toBeGreaterThan(300);
    expect(unresolved(cited)).toEqual([]);
  });

  it('each stated id has its anchor on both catalog pages, where citationHref links', () => {
    const missing = [...stated].filter((id) => {
      const anchor = `<a id="${citationAnchor(id)}"></a>`;
      return !zhPage.includes(anchor) || !enPage.includes(anchor);
    });
    expect(missing).toEqual([]);
    expect(citationHref('S004-SLA-26', { lang: 'en' })).toBe('docs/catalog.md#s004-sla-26');
  });
});
