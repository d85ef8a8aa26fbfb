// Writes data/workbook.xlsx: the sample export (sheets 开票, 发货, 违规记录) the example reads, as an
// ERP would produce it. `pnpm --filter @zhidu/example-erp-integration sample` rewrites it.
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

/** The sample workbook, built in memory. */
export async function sampleWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const invoices = wb.addWorksheet('开票');
  invoices.addRow(['客户编号', '开票时间', '金额(元)']);
  invoices.addRow(['C1', '2024-03-05T10:00:00+08:00', '30000.00']);
  invoices.addRow(['C1', '2024-03-15T10:00:00+08:00', '25000.00']);
  invoices.addRow(['C1', '2024-03-25T10:00:00+08:00', '35000.00']);
  const shipments = wb.addWorksheet('发货');
  shipments.addRow(['发货单号', '客户编号', '发货日期', '金额(元)', '当前欠款(元)', '签字人', '签字人岗位']);
  shipments.addRow(['S1', 'C1', '2024-03-31', '30000.00', '60000.00', 'wang', 'regionalManager']);
  shipments.addRow(['S2', 'C1', '2024-03-31', '20000.00', '80000.00', 'wang', 'regionalManager']);
  shipments.addRow(['S3', 'C1', '2024-03-31', '20000.00', '80000.00', 'li', 'salesRep']);
  const violations = wb.addWorksheet('违规记录');
  violations.addRow(['人员编号', '岗位', '违规代码', '发生时间', '数量', '来源模块', '条款']);
  violations.addRow([
    'aa-1',
    'archiveAdmin',
    'records.file.lost',
    '2024-04-03T10:00:00+08:00',
    '2',
    'records',
    'S000-ACCESS-02',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(new URL('../data/workbook.xlsx', import.meta.url), await sampleWorkbook());
  console.log('wrote data/workbook.xlsx');
}
