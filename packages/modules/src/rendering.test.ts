import { renderTrace } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  messageProblems,
  REPO_ROOT,
  type RenderingFinding,
  renderingFindings,
  scenarioDirs,
} from '../test/rendering.js';
import { runScenarioFile } from './index.js';

// Every trace message of every scenario of every package, rendered in both languages, must read as
// text for a person: no raw ISO instant (`2024-03-08T15:59:59.999Z`; times are shown as
// `2024-03-08 23:59` in the policy's zone), no raw fen (`2000000 分`, `fen`; money is `¥20,000.00`),
// and no English unit or code identifier inside Chinese text (`minutes`, `workingDays`; 分钟, 工作日).
// Names the company's policy or the scenario's input defines (roles, sanctions, states) are the
// company's own words and are not counted.

/**
 * Modules whose messages still show a machine form, with the problems they still show. The list may
 * only shrink: a module listed here that now renders cleanly fails the test until it is removed, and
 * a module not listed that shows a problem fails it too.
 */
const STILL_FAILING: Record<string, readonly string[]> = {};

const KINDS = ['raw ISO instant', 'raw fen amount', 'English unit', 'identifier', 'English word'] as const;
const kindOf = (f: RenderingFinding): string => KINDS.find((k) => f.problem.startsWith(k)) ?? f.problem;

describe('every trace message of every scenario renders for a reader, in zh-CN and en', () => {
  const { findings, modules, messages } = renderingFindings(scenarioDirs(REPO_ROOT));
  const found = new Map<string, Set<string>>();
  for (const f of findings) {
    const kinds = found.get(f.module) ?? new Set<string>();
    kinds.add(kindOf(f));
    found.set(f.module, kinds);
  }

  it('sees the scenarios of every package (thousands of messages, dozens of modules)', () => {
    expect(messages).toBeGreaterThan(4000);
    expect(modules.size).toBeGreaterThan(50);
    for (const id of Object.keys(STILL_FAILING)) expect(modules.has(id), id).toBe(true);
  });

  it('no module outside the list shows a raw ISO instant, a raw fen amount or an English unit in Chinese', () => {
    const fresh = findings
      .filter((f) => !(STILL_FAILING[f.module] ?? []).includes(kindOf(f)))
      .slice(0, 20)
      .map(
        (f) =>
          `${f.module} ${f.lang} ${f.rule}: ${f.problem} — ${f.text.slice(0, 160)} (${f.file.slice(REPO_ROOT.length)})`,
      );
    expect(fresh).toEqual([]);
  });

  it('the list of modules still failing only shrinks: every listed problem is still found', () => {
    const fixed: string[] = [];
    for (const [id, kinds] of Object.entries(STILL_FAILING)) {
      for (const kind of kinds)
        if (!found.get(id)?.has(kind)) fixed.push(`${id}: ${kind} (now clean: remove it from STILL_FAILING)`);
    }
    expect(fixed).toEqual([]);
  });
});

describe('the rendering check bites', () => {
  it('finds a raw ISO instant, raw fen, an English unit and an unsupplied identifier; passes the rendered forms', () => {
    expect(messageProblems('时限 2024-03-08T15:59:59.999Z,超时 541 个单位(minutes)', 'zh-CN')).toEqual([
      'raw ISO instant',
      'English unit minutes',
    ]);
    expect(messageProblems('发货额 2000000 分', 'zh-CN')).toEqual(['raw fen amount 2000000 分']);
    expect(messageProblems('late by 3 days: 500 fen', 'en')).toEqual(['raw fen amount']);
    expect(messageProblems('须 stopShipment', 'zh-CN')).toEqual(['identifier stopShipment']);
    expect(messageProblems('须 stopShipment', 'zh-CN', new Set(['stopShipment']))).toEqual([]);
    expect(messageProblems('时限 2024-03-08 23:59（北京时间）,超时 9 小时 1 分钟', 'zh-CN')).toEqual([]);
  });

  it('finds an English status word in Chinese text (breached, recused, null), not ids, code spans, proper nouns or supplied names', () => {
    expect(messageProblems('受理时限:breached,时限 2024-03-08 23:59', 'zh-CN')).toEqual([
      'English word breached',
    ]);
    expect(
      messageProblems(
        '拒绝 x 的步骤 decide(recused),状态保持 open',
        'zh-CN',
        new Set(['x', 'decide', 'open']),
      ),
    ).toEqual(['English word recused']);
    expect(messageProblems('无法确定时限:contractKind=null', 'zh-CN', new Set(['contractKind']))).toEqual([
      'English word null',
    ]);
    expect(
      messageProblems('已归还的借阅须注明归还件数 / a returned loan must say', 'zh-CN', new Set(['a'])),
    ).toEqual(['English word returned', 'English word loan', 'English word must', 'English word say']);
    expect(
      messageProblems(
        '模块 sla.timers 在 PGlite 中运行,经 ERP/CRM/OMS 同步 KPI;档案 HT-2025-033 由 sa-a/2025-04 借出;见 `status`',
        'zh-CN',
      ),
    ).toEqual([]);
    expect(messageProblems('受理时限:breached', 'zh-CN', new Set(['breached']))).toEqual([]);
    expect(messageProblems('timer is breached, due 2024-03-08 23:59', 'en')).toEqual([]);
    expect(messageProblems('发货额 ¥20,000.00;奖励 200 分;评分 85 分;超时 120 分钟', 'zh-CN')).toEqual([]);
    expect(messageProblems('due 2024-03-08 23:59 (Beijing time), late by 9 hours 1 minute', 'en')).toEqual(
      [],
    );
  });
});

describe('status and reason words are said in Chinese in the zh trace (the code stays in data)', () => {
  const zh = (file: string): string[] => {
    const outcome = runScenarioFile(`${REPO_ROOT}packages/${file}`);
    return renderTrace(outcome.decision?.trace ?? [], 'zh-CN').map((e) => e.message);
  };
  it.each([
    ['sla/scenarios/construction-000/deadlines-after-completion-accepted.scenario.json', '=未填写', '=null'],
    ['service/scenarios/s002.projectCs/consultation.scenario.json', '前须填写咨询类别', 'category'],
    [
      'records/scenarios/exampleLantingRealty/loan-register-mixed-rows.scenario.json',
      '须注明归还件数',
      'returned loan',
    ],
    [
      'records/scenarios/exampleLantingRealty/copy-outside-archive-room.scenario.json',
      '缺少: 审批:',
      'approval:',
    ],
    [
      'attribution/scenarios/customerManagement000b/attrb06-one-contact-needs-more.scenario.json',
      '不符合:联系人人数不足',
      'needsMoreContacts',
    ],
    ['credit/scenarios/partner-grading/04-discount-rank-11.scenario.json', '排名未进前列', 'notTopRanked'],
  ])('%s reads %s in Chinese, not %s', (file, chinese, english) => {
    const messages = zh(file);
    expect(messages.some((m) => m.includes(chinese))).toBe(true);
    expect(messages.filter((m) => m.includes(english))).toEqual([]);
  });
});
