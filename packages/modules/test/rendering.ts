import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Lang, renderTrace } from '@zhidu/core';
import { findScenarioFiles, getPreset, readScenarioFile, runScenarioFile } from '../src/index.js';

/** One message that shows a machine form to a reader. */
export interface RenderingFinding {
  module: string;
  file: string;
  rule: string;
  lang: Lang;
  problem: string;
  text: string;
}

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** A number of fen written as `N 分` (not 分钟, 分担, 分期 …): money over ¥1 shown unformatted. */
const ZH_FEN = /(?<![\d.])(\d{3,})\s?分(?![钟担期配数段摊析类别级])/g;
const EN_FEN = /\bfen\b/i;
const EN_UNIT =
  /\b(seconds?|minutes?|hours?|days?|workingDays|calendarDays|workingHours|workingMinutes|calendarMonths|blocks24h)\b/;
const CAMEL = /\b[a-z]+[A-Z][A-Za-z0-9]*\b/g;

/** The scenario directories of every package. @internal */
export function scenarioDirs(root: string): string[] {
  return readdirSync(`${root}/packages`, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${root}/packages/${d.name}/scenarios`)
    .filter((dir) => {
      try {
        readdirSync(dir);
        return true;
      } catch {
        return false;
      }
    });
}

/** Every finding in the traces of every scenario under `dirs`, rendered in both languages. @internal */
export function renderingFindings(dirs: readonly string[]): {
  findings: RenderingFinding[];
  modules: Set<string>;
  messages: number;
} {
  const findings: RenderingFinding[] = [];
  const modules = new Set<string>();
  let messages = 0;
  for (const file of findScenarioFiles([...dirs])) {
    let outcome: ReturnType<typeof runScenarioFile>;
    try {
      outcome = runScenarioFile(file);
    } catch {
      continue;
    }
    if (!outcome.decision) continue;
    const module = outcome.module;
    modules.add(module);
    // Identifiers the scenario itself supplies (person ids, roles, subjects) are the caller's data.
    // Names the scenario or its policy define (roles, sanctions, states, table ids) are the
    // company's own words, shown as the company wrote them.
    const scenario = readScenarioFile(file) as { preset?: unknown };
    let json = JSON.stringify(scenario);
    if (typeof scenario.preset === 'string') {
      try {
        const name = scenario.preset.includes('/') ? scenario.preset : `${module}/${scenario.preset}`;
        json += JSON.stringify(getPreset(name));
      } catch {
        // an inline policy is in the scenario already
      }
    }
    const supplied = new Set(json.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []);
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const entry of renderTrace(outcome.decision.trace, lang)) {
        messages++;
        const add = (problem: string) =>
          findings.push({ module, file, rule: entry.rule, lang, problem, text: entry.message });
        const text = entry.message;
        if (ISO_INSTANT.test(text)) add('raw ISO instant');
        if (lang === 'en' && EN_FEN.test(text)) add('raw fen amount');
        if (lang === 'zh-CN') {
          for (const m of text.matchAll(ZH_FEN)) if (Number(m[1]) > 100) add(`raw fen amount ${m[0]}`);
          const unit = EN_UNIT.exec(text);
          if (unit) add(`English unit ${unit[0]}`);
          for (const m of text.matchAll(CAMEL)) if (!supplied.has(m[0])) add(`identifier ${m[0]}`);
        }
      }
    }
  }
  return { findings, modules, messages };
}

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
