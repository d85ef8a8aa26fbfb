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
/**
 * A lowercase English word of 3+ letters standing on its own (`breached`, `recused`, `null`): not part
 * of an id (`sla.timers`, `HT-2025-033`, `sa-a/2025-04`, `not_allowed`) nor a capitalised proper noun
 * (PGlite, ERP, CRM, OMS, KPI never match: they start with a capital).
 */
const ZH_ENGLISH_WORD = /(?<![A-Za-z0-9_.\-/])[a-z]{3,}(?![A-Za-z0-9_\-/]|\.[A-Za-z0-9])/g;
/** A code span (`` `x` ``) shows code on purpose. */
const CODE_SPAN = /`[^`]*`/g;

/**
 * What in one rendered message shows a machine form: a raw ISO instant (either language), raw fen
 * (`2000000 分` over ¥1 that is not points or a score; `fen` in English), an English unit, an
 * identifier or a lowercase English word (a status such as `breached`) the caller did not supply
 * inside Chinese text. @internal
 */
export function messageProblems(
  text: string,
  lang: Lang,
  supplied: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  if (ISO_INSTANT.test(text)) problems.push('raw ISO instant');
  if (lang === 'en' && EN_FEN.test(text)) problems.push('raw fen amount');
  if (lang === 'zh-CN') {
    for (const m of text.matchAll(ZH_FEN)) {
      // Points (奖励 200 分, 扣 3 分, 积分) and scores (评分 85 分) are 分 too; money is the rest.
      const before = text.slice(Math.max(0, (m.index ?? 0) - 8), m.index);
      if (Number(m[1]) > 100 && !/奖励|扣|积分|评分|得分|分数|记/.test(before))
        problems.push(`raw fen amount ${m[0]}`);
    }
    const unit = EN_UNIT.exec(text);
    if (unit) problems.push(`English unit ${unit[0]}`);
    for (const m of text.matchAll(CAMEL)) if (!supplied.has(m[0])) problems.push(`identifier ${m[0]}`);
    for (const m of text.replace(CODE_SPAN, '').matchAll(ZH_ENGLISH_WORD))
      if (!supplied.has(m[0]) && !EN_UNIT.test(m[0])) problems.push(`English word ${m[0]}`);
  }
  return problems;
}

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
    // Only what the caller hands in counts: the scenario's title and its expected result are not
    // input, so a machine value (`"status": "breached"`) that only they spell is still a finding.
    const scenario = readScenarioFile(file) as Record<string, unknown> & { preset?: unknown };
    const { name: _name, expected: _expected, rules: _rules, $schema: _schema, ...given } = scenario;
    let json = JSON.stringify(given);
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
        for (const problem of messageProblems(entry.message, lang, supplied))
          findings.push({ module, file, rule: entry.rule, lang, problem, text: entry.message });
      }
    }
  }
  return { findings, modules, messages };
}

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
