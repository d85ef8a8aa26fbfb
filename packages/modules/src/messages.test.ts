import { fileURLToPath } from 'node:url';
import { renderTrace } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { evaluate, runScenarioFile } from './index.js';

const scenario = (path: string) => runScenarioFile(fileURLToPath(new URL(`../../${path}`, import.meta.url)));
const messages = (trace: Parameters<typeof renderTrace>[0], rule: string, lang: 'zh-CN' | 'en') =>
  renderTrace(trace, lang)
    .filter((t) => t.rule === rule)
    .map((t) => t.message);

describe('trace messages read as Chinese and English, machine fields stay in data', () => {
  const events = [
    {
      type: 'received',
      subject: 'r-5',
      at: '2024-03-01T10:00+08:00',
      assignees: { opsCustomerService: 'ops1' },
    },
    { type: 'closed', subject: 'r-5', at: '2024-03-10T09:00+08:00' },
  ];

  it('S000-COMPLAINT-17 sla timer: due in Beijing time and lateness in calendar days, ISO instant kept in data', () => {
    const d = evaluate('sla.timers', { events }, 'retail-000', { now: '2024-03-20T00:00:00+08:00' });
    expect(messages(d.trace, 'S000-COMPLAINT-17', 'zh-CN')).toEqual([
      '接到投诉7天内结案:已超时,时限 2024-03-08 23:59（北京时间）,超时 2 个自然日',
    ]);
    expect(messages(d.trace, 'S000-COMPLAINT-17', 'en')).toEqual([
      'Closed within 7 days of receipt: breached, due 2024-03-08 23:59 (Beijing time), late by 2 calendar days',
    ]);
    expect(d.trace.find((t) => t.rule === 'S000-COMPLAINT-17')?.data?.dueAt).toBe('2024-03-08T15:59:59.999Z');
  });

  it('S000-COMPLAINT-17 sla timer in another zone names the zone', () => {
    const d = evaluate('sla.timers', { events }, 'retail-000', {
      now: '2024-03-20T00:00:00+08:00',
      zone: 'Europe/Berlin',
    });
    expect(messages(d.trace, 'S000-COMPLAINT-17', 'zh-CN')[0]).toContain(
      '时限 2024-03-08 23:59（Europe/Berlin）',
    );
  });

  it('S000B-MILESTONE-01 sla timer late in minutes: 超时 15 小时 55 分钟, never "个单位(minutes)"', () => {
    const o = scenario('sla/scenarios/leasing-000b/registration.scenario.json');
    const zh = renderTrace(o.decision?.trace ?? [], 'zh-CN').map((t) => t.message);
    expect(zh).toContain(
      '每天下班前报送当天客户登记表(特殊情况次日10:00前):已超时,时限 2024-03-05 18:00（北京时间）,超时 15 小时 55 分钟',
    );
    expect(zh.join('\n')).not.toMatch(/个单位|minutes/);
  });

  it('S000-MILESTONE-40 sla timer late in hours keeps the count fines use: 超时 3 小时 30 分钟(计 4 小时)', () => {
    const o = scenario('sla/scenarios/construction-000/design-review.scenario.json');
    const en = renderTrace(o.decision?.trace ?? [], 'en').map((t) => t.message);
    const zh = renderTrace(o.decision?.trace ?? [], 'zh-CN').map((t) => t.message);
    expect(
      zh.some((m) => m.endsWith('时限 2024-07-02 10:00（北京时间）,超时 3 小时 30 分钟(计 4 小时)')),
    ).toBe(true);
    expect(
      en.some((m) =>
        m.endsWith('due 2024-07-02 10:00 (Beijing time), late by 3 hours 30 minutes (counted as 4 hours)'),
      ),
    ).toBe(true);
  });

  it('S000-PENALTY-04 a band on lateness says 超时 15 分钟, not "lateBy minutes"', () => {
    const o = scenario(
      'penalty/scenarios/exampleJinmaAutoGroup/bands-lateness-15-16-60-61-minutes.scenario.json',
    );
    const zh = messages(o.decision?.trace ?? [], 'S000-PENALTY-04', 'zh-CN');
    expect(zh).toContain(
      '上班迟到：15分钟以内(含)罚20元，15至60分钟(含)罚50元，超过60分钟罚100元:超时 15 分钟 属于 ≤ 15 档,20.00 × 1 = 20.00 元',
    );
    expect(zh.join('\n')).not.toMatch(/lateBy|minutes/);
  });

  it('S000-ACCESS-02 a loan and a take-out are due back in Beijing time, the status in Chinese', () => {
    const loan = scenario('records/scenarios/dealerFiles/loan-returned-short.scenario.json');
    expect(messages(loan.decision?.trace ?? [], 'S000-ACCESS-02', 'zh-CN')).toContain(
      '借阅应于2024-03-06 18:00（北京时间）前归还,状态:已归还',
    );
    expect(messages(loan.decision?.trace ?? [], 'S000-ACCESS-02', 'en')).toContain(
      'Loan due back by 2024-03-06 18:00 (Beijing time); status: returned',
    );
    const takeOut = scenario(
      'records/scenarios/exampleLantingRealty/take-out-returned-in-time.scenario.json',
    );
    expect(messages(takeOut.decision?.trace ?? [], 'S000-ACCESS-02', 'zh-CN')).toContain(
      'HT-2025-031应于2025-03-10 23:59（北京时间）前归还,实际2025-03-11 09:00（北京时间）归还',
    );
  });

  it('S000-CREDIT-02 the rolling credit limit is shown in yuan, data keeps fen', () => {
    const o = scenario('credit/scenarios/distributor-credit-line/01-within-limit.scenario.json');
    expect(messages(o.decision?.trace ?? [], 'S000-CREDIT-02', 'zh-CN')).toContain(
      '授信额 = 2024-03-01 至 2024-03-30 共 30 天货款（开票）合计 ¥90,000.00',
    );
    expect(messages(o.decision?.trace ?? [], 'S000-CREDIT-02', 'en')).toContain(
      'credit limit = goods (invoiced) from 2024-03-01 through 2024-03-30, 30 days: ¥90,000.00',
    );
  });

  it('S001-ATTR-09 inadequate service names its reasons in Chinese', () => {
    const o = scenario(
      'attribution/scenarios/conferenceMarketing001/attr09-owned-exactly-three-months-is-evaluated.scenario.json',
    );
    expect(messages(o.decision?.trace ?? [], 'S001-ATTR-09', 'zh-CN')).toContain('服务不到位:未邀约、未家访');
  });
});
