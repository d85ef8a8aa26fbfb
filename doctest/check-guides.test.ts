// scripts/check-guides.mjs: every guide in English and Chinese, linked both ways, relative links that
// resolve, Chinese guides that are Chinese. Each case builds a small tree in a temp directory and runs
// the script on it as CI does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STEP_PENDING, stepProblems } from '../scripts/check-guides.mjs';
import { ROOT } from './extract.js';

const SCRIPT = join(ROOT, 'scripts', 'check-guides.mjs');
const ZH_BODY =
  '这是一篇中文指南：客户归属、保护期、撞单、调休、授信额、坏账、档案移交、回访、时限、罚则、台账都用制度原文的说法。\n';
const EN_BODY = 'This is an English guide about customer ownership, protection periods and time limits.\n';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A tree of files under a new temp directory. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'zhidu-guides-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A complete, valid pair of READMEs and one guide pair. */
const good = (): Record<string, string> => ({
  'README.md': `[中文](README.zh-CN.md)\n\n# zhidu\n\n${EN_BODY}\nSee [time](docs/time.md#zones).\n`,
  'README.zh-CN.md': `[English](README.md)\n\n# zhidu 制度\n\n${ZH_BODY}\n见[时限](docs/zh/time.md#时区)。\n`,
  'docs/time.md': `[中文](zh/time.md)\n\n# Time limits\n\n${EN_BODY}\n## Zones\n\n${EN_BODY}`,
  'docs/zh/time.md': `[English](../time.md)\n\n# 时限\n\n${ZH_BODY}\n## 时区\n\n${ZH_BODY}`,
});

function check(root: string, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, '--root', root, ...args], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('scripts/check-guides.mjs (issue 20: guides in both languages)', () => {
  it('passes a tree whose guides are paired, linked both ways and Chinese', () => {
    const r = check(tree(good()));
    expect(r.out).toContain(
      'check-guides: 4 guides, every one in English and Chinese (0 Chinese guide(s) pending)',
    );
    expect(r.status).toBe(0);
  });

  it('fails a guide with no Chinese counterpart (docs/x.md without docs/zh/x.md)', () => {
    const r = check(tree({ ...good(), 'docs/store.md': `# Store\n\n${EN_BODY}` }));
    expect(r.status).toBe(1);
    expect(r.out).toContain('docs/store.md has no Chinese counterpart docs/zh/store.md');
  });

  it('fails a Chinese guide with no English counterpart, and a README without its Chinese README', () => {
    const files = good();
    delete files['README.zh-CN.md'];
    files['README.md'] = `# zhidu\n\n${EN_BODY}`;
    const r = check(tree({ ...files, 'docs/zh/cli.md': `[English](../cli.md)\n\n# 命令行\n\n${ZH_BODY}` }));
    expect(r.status).toBe(1);
    expect(r.out).toContain('docs/zh/cli.md has no English counterpart docs/cli.md');
    expect(r.out).toContain('README.md has no Chinese counterpart README.zh-CN.md');
  });

  it("fails a Chinese README whose quick-start commands differ from the English README's", () => {
    const files = good();
    files['README.md'] +=
      '\n## Quick start\n\n```sh\nnpx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 demo\n```\n';
    files['README.zh-CN.md'] += '\n## 快速开始\n\n```sh\npnpm install && pnpm demo\n```\n';
    const r = check(tree(files));
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'README.zh-CN.md: does not repeat verbatim a code block of README.md (npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 demo …)',
    );
    files['README.zh-CN.md'] = (files['README.zh-CN.md'] ?? '').replace(
      'pnpm install && pnpm demo',
      'npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 demo',
    );
    expect(check(tree(files)).status).toBe(0);
  });

  it('fails a pair whose counterpart links are missing at the top (a link further down does not count)', () => {
    const files = good();
    files['docs/time.md'] = `# Time limits\n\n${EN_BODY}\n## Zones\n\n[中文](zh/time.md)\n`;
    files['docs/zh/time.md'] = `# 时限\n\n${ZH_BODY}\n## 时区\n\n${ZH_BODY}`;
    const r = check(tree(files));
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'docs/time.md: no link to its Chinese counterpart at the top: [中文](zh/time.md)',
    );
    expect(r.out).toContain(
      'docs/zh/time.md: no link to its English counterpart at the top: [English](../time.md)',
    );
  });

  it('fails a relative link to a missing file and an anchor no heading has; external links and code are not read', () => {
    const files = good();
    files['docs/zh/time.md'] +=
      '\n见[存储](store.md)与[时区](../time.md#no-such-heading)。[外部](https://example.com/x.md) `[代码](missing.md)`\n\n```md\n[块内](missing-too.md)\n```\n';
    const r = check(tree(files));
    expect(r.status).toBe(1);
    expect(r.out).toContain('docs/zh/time.md:11: link to a missing file: store.md');
    expect(r.out).toContain('docs/zh/time.md:11: no heading #no-such-heading in docs/time.md');
    expect(r.out).not.toContain('missing.md');
    expect(r.out).not.toContain('missing-too.md');
    expect(r.out).not.toContain('example.com');
  });

  it('fails an untranslated copy under docs/zh (under 40 % of its prose in CJK characters)', () => {
    const files = good();
    files['docs/zh/time.md'] =
      `[English](../time.md)\n\n# Time limits 时限\n\n${EN_BODY}\n## Zones\n\n${EN_BODY}`;
    const r = check(tree(files));
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/docs\/zh\/time\.md: \d+\.\d % of its prose is Chinese \(at least 40 %\)/);
  });

  it('does not count code blocks, inline code or link targets as English prose of a Chinese guide', () => {
    const files = good();
    files['docs/zh/time.md'] +=
      '\n```ts\nconst deadline = computeTheDeadlineWithAVeryLongEnglishIdentifierName();\n```\n\n`workingDays` 与 `calendarDays`。\n';
    files['docs/time.md'] +=
      '\n```ts\nconst deadline = computeTheDeadlineWithAVeryLongEnglishIdentifierName();\n```\n';
    expect(check(tree(files)).status).toBe(0);
  });

  it('reports a PENDING Chinese guide without failing, and fails once it exists (the list only shrinks)', () => {
    const files = { ...good(), 'docs/sla.md': `# SLA\n\n${EN_BODY}` };
    const pending = check(tree(files), '--pending', 'sla.md');
    expect(pending.status).toBe(0);
    expect(pending.out).toContain('check-guides: pending docs/zh/sla.md');
    const landed = check(
      tree({ ...files, 'docs/zh/sla.md': `[English](../sla.md)\n\n# 时限\n\n${ZH_BODY}` }),
      '--pending',
      'sla.md',
    );
    expect(landed.status).toBe(1);
    expect(landed.out).toContain('docs/zh/sla.md exists now: take sla.md off PENDING');
  });

  it('reports, without failing, a link to a PENDING Chinese guide that is not written yet', () => {
    const files: Record<string, string> = { ...good(), 'docs/sla.md': `# SLA\n\n${EN_BODY}` };
    files['docs/zh/time.md'] += '\n见[时限模块](sla.md)。\n';
    files['docs/time.md'] += '\nSee [the SLA module](sla.md).\n';
    const r = check(tree(files), '--pending', 'sla.md');
    expect(r.status).toBe(0);
    expect(r.out).toContain('check-guides: note docs/zh/time.md:11 links to docs/zh/sla.md (pending)');
  });

  it('fails a PENDING name that is no guide at all (a stale entry)', () => {
    const r = check(tree(good()), '--pending', 'nothing.md');
    expect(r.status).toBe(1);
    expect(r.out).toContain('PENDING names nothing.md, which is no guide under docs/');
  });

  it('passes on this checkout (README, docs/ and docs/zh/, with the PENDING list)', () => {
    const r = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toMatch(/check-guides: \d+ guides, every one in English and Chinese/);
    expect(r.status).toBe(0);
  });
});

describe('scripts/check-guides.mjs step rule (issue 20: the Chinese guide carries what the English one does)', () => {
  it('stepProblems finds nothing in a pair with the same sections, tables, code blocks, ids and links', () => {
    const en =
      '## Rules\n\n| id | rule |\n|---|---|\n| S000-MILESTONE-27 | x |\n\n```ts\nconst a = 1;\n```\n\nSee [time](time.md#zones).\n';
    const zh =
      '## 规则\n\n| 编号 | 规则 |\n|---|---|\n| S000-MILESTONE-27 | 甲 |\n\n```ts\nconst a = 1; // 注释\n```\n\n见[时限](time.md#时区)。\n';
    expect(stepProblems(en, zh)).toEqual([]);
  });

  it('rule 1: fails a pair whose Chinese guide misses a section (same sequence of ##/###/#### levels)', () => {
    const files = good();
    files['docs/time.md'] += `\n### Notice files\n\n${EN_BODY}`;
    const r = check(tree(files));
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'docs/zh/time.md is out of step with docs/time.md: headings: 2 sections (##–####) in English, 1 in Chinese; the first difference is heading 2: "### Notice files" (line 11) in English, none in Chinese',
    );
    expect(stepProblems('## A\n### B\n', '## 甲\n## 乙\n')).toEqual([
      'headings: 2 sections (##–####) in English, 2 in Chinese; the first difference is heading 2: "### B" (line 2) in English, "## 乙" (line 2) in Chinese',
    ]);
  });

  it('rule 2: fails a pair whose Chinese table is short of rows, or one table short', () => {
    const files = good();
    files['docs/time.md'] +=
      '\n| unit | meaning |\n|---|---|\n| minutes | 60 s |\n| workingDays | Mon–Fri |\n';
    files['docs/zh/time.md'] += '\n| 单位 | 含义 |\n|---|---|\n| minutes | 60 秒 |\n';
    const r = check(tree(files));
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'docs/zh/time.md is out of step with docs/time.md: table 1: 3 rows in English (line 11), 2 in Chinese (line 11)',
    );
    expect(stepProblems('| a |\n|---|\n| 1 |\n\n| b |\n|---|\n', '| 甲 |\n|---|\n| 1 |\n')).toEqual([
      'tables: 2 in English, 1 in Chinese',
    ]);
  });

  it('rule 3: fails a pair whose Chinese guide misses a code block or changes its info string; tables in code do not count', () => {
    const files = good();
    files['docs/time.md'] += '\n```ts\nconst x = 1;\n```\n\n```sh\nzhidu presets\n```\n';
    files['docs/zh/time.md'] += '\n```ts\nconst x = 1;\n```\n';
    const r = check(tree(files));
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'docs/zh/time.md is out of step with docs/time.md: code blocks: 2 in English, 1 in Chinese',
    );
    expect(stepProblems('```json\n{}\n```\n', '```js\n{}\n```\n')).toEqual([
      'code block 1: ```json in English (line 1), ```js in Chinese (line 1)',
    ]);
    expect(stepProblems('```md\n| a |\n|---|\n## x\n```\n', '```md\n## y\n```\n')).toEqual([]);
  });

  it('rule 4: fails a pair whose Chinese guide misses a catalog rule id, links elsewhere, or links to an English guide that has a Chinese version', () => {
    const files = good();
    files['docs/time.md'] +=
      '\nDeadlines follow S000-MILESTONE-27 and S001-COMPLAINT-02; see [SLA](sla.md).\n';
    files['docs/zh/time.md'] += '\n时限依 S000-MILESTONE-27；见[时限](../sla.md)。\n';
    files['docs/sla.md'] = `[中文](zh/sla.md)\n\n# SLA\n\n${EN_BODY}`;
    files['docs/zh/sla.md'] = `[English](../sla.md)\n\n# 时限\n\n${ZH_BODY}`;
    const r = check(tree(files));
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'docs/zh/time.md is out of step with docs/time.md: rule ids only in English: S001-COMPLAINT-02',
    );
    expect(r.out).toContain(
      'docs/zh/time.md is out of step with docs/time.md: line 11: the Chinese guide links to docs/sla.md, which has a Chinese version docs/zh/sla.md',
    );
    expect(
      stepProblems('See [a](store.md) and [b](cli.md#x).\n', '见[甲](store.md)与[丙](server.md)。\n'),
    ).toEqual(['links only in English: docs/cli.md', 'links only in Chinese: docs/server.md']);
  });

  it('reports a STEP_PENDING pair without failing, fails it once it is in step, and fails a stale name (the list only shrinks)', () => {
    const files = good();
    files['docs/time.md'] += `\n### Notice files\n\n${EN_BODY}`;
    const pending = check(tree(files), '--step-pending', 'time.md');
    expect(pending.status).toBe(0);
    expect(pending.out).toContain(
      'check-guides: step pending docs/zh/time.md (1 difference(s) from the English guide)',
    );
    const json = check(tree(files), '--step-pending', 'time.md', '--json');
    expect(JSON.parse(json.out).step).toEqual([
      {
        guide: 'docs/zh/time.md',
        pending: true,
        problems: [
          'headings: 2 sections (##–####) in English, 1 in Chinese; the first difference is heading 2: "### Notice files" (line 11) in English, none in Chinese',
        ],
      },
    ]);
    const inStep = check(tree(good()), '--step-pending', 'time.md');
    expect(inStep.status).toBe(1);
    expect(inStep.out).toContain(
      'docs/zh/time.md is in step with docs/time.md now: take time.md off STEP_PENDING in scripts/check-guides.mjs',
    );
    const stale = check(tree(good()), '--step-pending', 'nothing.md');
    expect(stale.status).toBe(1);
    expect(stale.out).toContain('STEP_PENDING names nothing.md, which is no pair of guides: take it off');
  });

  it('STEP_PENDING of this checkout is sorted and lists each pair once (empty once every pair is in step)', () => {
    expect(STEP_PENDING).toEqual([...new Set(STEP_PENDING)].sort());
  });
});
