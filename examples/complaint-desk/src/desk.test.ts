import { beforeAll, describe, expect, it } from 'vitest';
import { type DeskReport, runDesk } from './desk.js';

describe('complaint-desk example (over HTTP on 127.0.0.1)', () => {
  let report: DeskReport;
  beforeAll(async () => {
    report = await runDesk();
  });

  it('files six complaints, one stream each, and a retried form is replayed, not recorded twice', () => {
    expect(report.health).toEqual({ ok: true });
    expect(report.filed.map((f) => [f.id, f.version])).toEqual([
      ['LD-0301', 1],
      ['LD-0302', 1],
      ['LD-0303', 1],
      ['LD-0305', 1],
      ['LD-0314', 1],
      ['LD-0318', 1],
    ]);
    expect(report.retry).toEqual({ replayed: true, version: 1 });
  });

  it('S000-COMPLAINT-17: the open complaints fall due at the end of their 7th day', () => {
    expect(report.due).toEqual([
      { complaint: 'LD-0314', dueAt: '2024-03-21 23:59', status: 'running' },
      { complaint: 'LD-0318', dueAt: '2024-03-25 23:59', status: 'running' },
    ]);
  });

  it('S000-COMPLAINT-17: two complaints closed late breach; the one closed on day 5 and the one rejected for the customer’s cause do not', () => {
    expect(report.breaches).toEqual([
      { complaint: 'LD-0302', personId: 'he-jing', daysLate: 3, rule: 'S000-COMPLAINT-17' },
      { complaint: 'LD-0303', personId: 'sun-qian', daysLate: 1, rule: 'S000-COMPLAINT-17' },
    ]);
  });

  it('the month’s fines: ¥100 a late complaint plus ¥20 a day late, per person', () => {
    expect(report.fines).toEqual([
      {
        personId: 'he-jing',
        name: '何静',
        total: '¥160.00',
        lines: ['LD-0302: 100.00 × 1 = 100.00', 'LD-0302: 20.00 × 3 = 60.00'],
      },
      {
        personId: 'sun-qian',
        name: '孙倩',
        total: '¥120.00',
        lines: ['LD-0303: 100.00 × 1 = 100.00', 'LD-0303: 20.00 × 1 = 20.00'],
      },
    ]);
  });

  it('a misspelt key, an unknown module and a wrong token are refused with status, code and path; nothing is written', () => {
    expect(report.refused).toEqual([
      {
        what: 'a misspelt event key (assignee for assignees)',
        status: 400,
        code: 'unknown_key',
        path: ['body', 'events', 0, 'assignee'],
      },
      { what: 'a module that does not exist', status: 404, code: 'unknown_reference', path: ['module'] },
      { what: 'a wrong token', status: 401, code: 'unauthorized', path: ['headers', 'authorization'] },
    ]);
    expect(report.refusedStreamEvents).toBe(0);
  });
});
