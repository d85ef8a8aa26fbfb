import { readFileSync } from 'node:fs';
import { isZhiduError } from '@zhidu/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importErp, mapRows, readCsv, readSheet, toCsv } from './erp.js';
import { sampleWorkbook } from './make-sample.js';

const registrationsCsv = readFileSync(new URL('../data/registrations.csv', import.meta.url), 'utf8');

describe('erp-integration example', () => {
  it('the committed workbook is the one make-sample writes (same sheets and rows)', async () => {
    const committed = readFileSync(new URL('../data/workbook.xlsx', import.meta.url));
    const fresh = await sampleWorkbook();
    for (const sheet of ['开票', '发货', '违规记录']) {
      expect(await readSheet(committed, sheet)).toEqual(await readSheet(fresh, sheet));
    }
  });

  it('owners from the CSV: first registration wins the clash over c-88 (S001-ATTR-11), no names or phones out', async () => {
    const r = await importErp(
      { registrationsCsv, workbook: await sampleWorkbook() },
      '2024-04-30T18:00:00+08:00',
    );
    expect(r.json.owners).toEqual({
      'c-88': { owner: 'B', protectedUntil: '2024-05-31T16:00:00.000Z' },
      'c-89': { owner: 'A', protectedUntil: '2024-05-31T16:00:00.000Z' },
    });
    expect(r.ownersCsv).toBe(
      '\uFEFF客户编号,归属置业顾问,保护期至\r\nc-88,B,2024-05-31T16:00:00.000Z\r\nc-89,A,2024-05-31T16:00:00.000Z\r\n',
    );
    const all = JSON.stringify(r.json) + r.ownersCsv + r.ledgerCsv + r.shipmentsCsv;
    expect(all).not.toContain('13900001111');
    expect(all).not.toContain('李女士');
  });

  it('shipments against the rolling 30-day limit: within (S000-CREDIT-06), first over-limit step (S000-CREDIT-07), unsigned step refused', async () => {
    const r = await importErp(
      { registrationsCsv, workbook: await sampleWorkbook() },
      '2024-04-30T18:00:00+08:00',
    );
    expect(r.json.shipments.map((s) => [s.id, s.allowed, s.path])).toEqual([
      ['S1', true, 'withinLimit'],
      ['S2', true, 'overLimitStep'],
      ['S3', false, 'overLimitStep'],
    ]);
    expect(r.json.shipments[1]?.trace).toContain('S000-CREDIT-07');
    expect(r.shipmentsCsv.split('\r\n')[3]).toMatch(/^S3,拒绝,overLimitStep,/);
  });

  it('violations from the xlsx priced by the dealer-file schedule: two lost pieces, ¥40.00 (S000-PENALTY-08)', async () => {
    const r = await importErp(
      { registrationsCsv, workbook: await sampleWorkbook() },
      '2024-04-30T18:00:00+08:00',
    );
    expect(r.ledgerCsv).toBe(
      '\uFEFF人员编号,月份,罚款合计,条款,金额\r\naa-1,2024-04,¥40.00,S000-PENALTY-08,¥40.00\r\n',
    );
  });

  it('a row without a mapped column is refused naming the file, the row as the ERP numbers it, and the column', async () => {
    const rows = await readCsv(
      '登记时间,客户编号,置业顾问,来访渠道,客户姓名,联系电话\n2024-04-01T10:05:00+08:00,c-1,,walkIn,x,1\n',
    );
    try {
      mapRows(rows, { 置业顾问: 'salespersonId' }, 'registrations.csv');
      expect.unreachable();
    } catch (e) {
      expect(isZhiduError(e)).toBe(true);
      expect((e as { path: unknown[] }).path).toEqual(['registrations.csv', 2, '置业顾问']);
    }
    await expect(readSheet(await sampleWorkbook(), '收款')).rejects.toMatchObject({
      code: 'unknown_reference',
    });
  });

  const HEADER = '登记时间,客户编号,置业顾问,来访渠道,客户姓名,联系电话\n';
  const refusal = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (e) {
      expect(isZhiduError(e)).toBe(true);
      return e as { code: string; path: unknown[]; message: string };
    }
    return expect.unreachable();
  };

  it('CSV cells are kept as the text written: leading zeros, bare dates and offset-less times unchanged', async () => {
    expect(await readCsv('a,b,c,d\n2024-04-01T10:05:00,007,2024-04-01,059112345678\n')).toEqual([
      { a: '2024-04-01T10:05:00', b: '007', c: '2024-04-01', d: '059112345678' },
    ]);
  });

  it('customers 007 and 7 stay two customers', async () => {
    const r = await importErp(
      {
        registrationsCsv: `${HEADER}2024-04-01T10:05:00+08:00,007,B,walkIn,x,059112345678\n2024-04-01T11:00:00+08:00,7,A,walkIn,y,059187654321\n`,
        workbook: await sampleWorkbook(),
      },
      '2024-04-30T18:00:00+08:00',
    );
    expect(Object.keys(r.json.owners).sort()).toEqual(['007', '7']);
    expect(r.json.owners['007']?.owner).toBe('B');
    expect(r.json.owners['7']?.owner).toBe('A');
  });

  it('a time without an offset is refused by the module, named by file, row and column (never read as UTC)', async () => {
    const e = await refusal(async () =>
      importErp(
        {
          registrationsCsv: `${HEADER}2024-04-01T10:05:00+08:00,c-1,B,walkIn,x,1\n2024-04-01T20:00:00,c-2,A,walkIn,y,2\n`,
          workbook: await sampleWorkbook(),
        },
        '2024-04-30T18:00:00+08:00',
      ),
    );
    expect(e.code).toBe('invalid_instant');
    expect(e.path).toEqual(['registrations.csv', 3, '登记时间']);
    expect(e.message).toContain('(at registrations.csv[3].登记时间)');
  });

  it('an earlier registration after a later one is refused out_of_order at its file, row and column', async () => {
    const e = await refusal(async () =>
      importErp(
        {
          registrationsCsv: `${HEADER}2024-04-02T10:05:00+08:00,c-1,B,walkIn,x,1\n2024-04-01T10:05:00+08:00,c-1,A,walkIn,x,1\n`,
          workbook: await sampleWorkbook(),
        },
        '2024-04-30T18:00:00+08:00',
      ),
    );
    expect([e.code, e.path]).toEqual(['out_of_order', ['registrations.csv', 3, '登记时间']]);
  });

  it('typed xlsx cells: a date cell is its wall-clock text (refused where an instant is needed), a zero-padded number keeps its zeros, a bad amount names its cell', async () => {
    const edited = async (edit: (wb: ExcelJS.Workbook) => void) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await sampleWorkbook()) as unknown as ArrayBuffer);
      edit(wb);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const typed = await edited((wb) => {
      const sheet = wb.getWorksheet('违规记录');
      if (!sheet) throw new Error('no sheet');
      sheet.getCell('A2').value = 7;
      sheet.getCell('A2').numFmt = '000';
      sheet.getCell('D2').value = new Date(Date.UTC(2024, 3, 3, 20, 0, 0));
      sheet.getCell('D2').numFmt = 'yyyy-mm-dd hh:mm:ss';
    });
    expect(await readSheet(typed, '违规记录')).toMatchObject([
      { 人员编号: '007', 发生时间: '2024-04-03T20:00:00' },
    ]);
    const e = await refusal(async () =>
      importErp({ registrationsCsv, workbook: typed }, '2024-04-30T18:00:00+08:00'),
    );
    expect([e.code, e.path]).toEqual(['invalid_instant', ['workbook.xlsx#违规记录', 2, '发生时间']]);
    const badAmount = await edited((wb) => {
      const cell = wb.getWorksheet('发货')?.getCell('D3');
      if (cell) cell.value = '12.345';
    });
    const m = await refusal(async () =>
      importErp({ registrationsCsv, workbook: badAmount }, '2024-04-30T18:00:00+08:00'),
    );
    expect([m.code, m.path]).toEqual(['invalid_money', ['workbook.xlsx#发货', 3, '金额(元)']]);
  });

  it('CSV out quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(toCsv(['a'], [['x,y'], ['say "hi"'], ['1\n2']])).toBe(
      '\uFEFFa\r\n"x,y"\r\n"say ""hi"""\r\n"1\n2"\r\n',
    );
  });
});
