import { isZhiduError } from '@zhidu/core';
import { openStore } from '@zhidu/store-postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { runWeek, STAFF, type WeekReport } from './office.js';

describe('sales-office example', () => {
  let report: WeekReport;
  beforeAll(async () => {
    report = await runWeek();
  });

  it('S001-ATTR-11: the clash (撞单) on 王建国 goes to the first registration, 林晓, not 陈默', () => {
    const wang = report.owners.find((o) => o.customerId === 'c-wang');
    expect(wang?.owner).toBe('lin-xiao');
    expect(wang?.claims).toEqual(['lin-xiao', 'chen-mo']);
    expect(wang?.trace[0]).toEqual({
      rule: 'S001-ATTR-11',
      zh: 'lin-xiao登记最早(2024-03-04 10:05),为其客户',
    });
  });

  it('S001-ATTR-17/30/13: the return visit, the manager ruling on 5-1502 and the contract, in the trace', () => {
    const wang = report.owners.find((o) => o.customerId === 'c-wang');
    expect(wang?.trace.map((t) => t.rule)).toEqual([
      'S001-ATTR-11',
      'S001-ATTR-17',
      'S001-ATTR-30',
      'S001-ATTR-13',
      'S001-ATTR-25',
    ]);
    expect(wang?.trace[2]?.zh).toBe('客户交叉经经理界定归lin-xiao');
    // a deal-backed owner never expires: no protection end any more
    expect(wang?.protectedUntil).toBeNull();
  });

  it('S001-ATTR-19: 赵敏 assisted by 许乐 while 周宁 was out: performance 周宁, bonus 80/20', () => {
    expect(report.owners.find((o) => o.customerId === 'c-zhao')?.owner).toBe('zhou-ning');
    expect(report.deals).toEqual([
      { customerId: 'c-wang', unit: '5-1502', performance: '林晓 100%', bonus: '林晓 100%' },
      { customerId: 'c-zhao', unit: '5-0801', performance: '周宁 100%', bonus: '周宁 80% / 许乐 20%' },
    ]);
  });

  it('the commission of ¥12,345.67 splits 80/20 to the fen, summing to the whole', () => {
    expect(report.commission).toEqual({
      total: '¥12,345.67',
      shares: { 周宁: '¥9,876.54', 许乐: '¥2,469.13' },
    });
  });

  it('S001-RECEP-01: 许乐 taking 陈默’s walk-in is a grabbing violation stored for March', () => {
    expect(report.violations).toEqual([
      {
        code: 'attribution.reception.grabbing',
        personId: 'xu-le',
        at: '2024-03-05 10:20',
        rule: 'S001-RECEP-01',
      },
    ]);
    expect(report.storedEvents).toBe(11);
  });

  it('a registration without its channel is refused at the event’s field and nothing is written', async () => {
    const { store, close } = await openStore();
    try {
      await store.putPolicy('attribution.ownership', 'sales-office-001');
      let error: unknown;
      try {
        await store.record(
          'attribution.ownership',
          'customer:c-li',
          [
            {
              type: 'registration',
              at: '2024-03-04T10:05:00+08:00',
              customerId: 'c-li',
              salespersonId: 'lin-xiao',
              fields: { name: '李华', phone: '13600003333' },
            },
          ],
          { input: { customerId: 'c-li', staff: STAFF.map((s) => ({ id: s.id })) } },
        );
      } catch (e) {
        error = e;
      }
      expect(isZhiduError(error)).toBe(true);
      expect((error as { path: unknown[] }).path).toEqual(['events', 0, 'channel']);
      expect(await store.read('customer:c-li')).toEqual([]);
      expect(await store.owner('c-li')).toBeUndefined();
    } finally {
      await close();
    }
  }, 120_000); // its own PGlite database: slow to open on a busy machine
});
