// An ERP export in, zhidu decisions out. The ERP (a sales-office CRM, a dealer DMS, an HR system)
// exports three tables; each column is mapped to a field of a module's input by the tables below,
// the modules decide, and the results go back as CSV (for the ERP's import) and JSON (for programs).
import { Readable } from 'node:stream';
import { addDays, formatMoney, yuan, ZhiduError } from '@zhidu/core';
import { dailyGoodsFromInvoices } from '@zhidu/credit';
import { evaluate } from '@zhidu/modules';
import ExcelJS from 'exceljs';

/** One row of an export: column header → cell text. */
export type Row = Record<string, string>;

/** How an export's columns become a module's input fields (header → field path). */
export type ColumnMapping = Readonly<Record<string, string>>;

/** registrations.csv (来访登记) → `attribution.ownership-batch` registration events. */
export const REGISTRATION_COLUMNS: ColumnMapping = {
  登记时间: 'at',
  客户编号: 'customerId',
  置业顾问: 'salespersonId',
  来访渠道: 'channel',
  客户姓名: 'fields.name',
  联系电话: 'fields.phone',
};

/** Sheet 违规记录 of the workbook → `penalty.ledger` violations. */
export const VIOLATION_COLUMNS: ColumnMapping = {
  人员编号: 'personId',
  岗位: 'role',
  违规代码: 'code',
  发生时间: 'occurredAt',
  数量: 'quantity',
  来源模块: 'source.module',
  条款: 'source.rule',
};

/** Sheet 开票 of the workbook → the customer's invoiced goods (the rolling limit is computed from them). */
export const INVOICE_COLUMNS: ColumnMapping = {
  客户编号: 'customerId',
  开票时间: 'at',
  '金额(元)': 'amount',
};

/** Sheet 发货 of the workbook → `credit.shipment` requests (amounts in yuan become fen). */
export const SHIPMENT_COLUMNS: ColumnMapping = {
  发货单号: 'id',
  客户编号: 'customerId',
  发货日期: 'date',
  '金额(元)': 'amount',
  '当前欠款(元)': 'outstanding',
  签字人: 'signer',
  签字人岗位: 'signerRole',
};

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  if (typeof value === 'object' && 'result' in value) return String(value.result);
  return String(value);
}

function rowsOf(sheet: ExcelJS.Worksheet): Row[] {
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    headers[col] = cellText(cell.value).trim();
  });
  const rows: Row[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const r: Row = {};
    headers.forEach((h, col) => {
      if (h) r[h] = cellText(row.getCell(col).value).trim();
    });
    rows.push(r);
  });
  return rows;
}

/** Reads a CSV export (UTF-8, first row the headers) with exceljs. */
export async function readCsv(text: string): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = await workbook.csv.read(Readable.from([text.replace(/^\uFEFF/, '')]));
  return rowsOf(sheet);
}

/** Reads one sheet of an .xlsx export by its name. */
export async function readSheet(xlsx: Buffer | ArrayBuffer, name: string): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as ArrayBuffer);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) {
    throw new ZhiduError('unknown_reference', ['sheet'], `没有工作表 ${name} / no sheet named ${name}`);
  }
  return rowsOf(sheet);
}

/**
 * Maps rows to input objects: each mapped column is written at its field path; a missing column is
 * refused naming the file, the row (1-based, as the ERP shows it, header = row 1) and the column.
 */
export function mapRows(
  rows: readonly Row[],
  mapping: ColumnMapping,
  file: string,
): Record<string, unknown>[] {
  return rows.map((row, i) => {
    const out: Record<string, unknown> = {};
    for (const [header, path] of Object.entries(mapping)) {
      const value = row[header];
      if (value === undefined || value === '') {
        throw new ZhiduError(
          'invalid_input',
          [file, i + 2, header],
          `第 ${i + 2} 行缺少「${header}」 / row ${i + 2} has no ${header}`,
        );
      }
      const keys = path.split('.');
      let at = out;
      for (const k of keys.slice(0, -1)) {
        at[k] ??= {};
        at = at[k] as Record<string, unknown>;
      }
      at[keys[keys.length - 1] as string] = value;
    }
    return out;
  });
}

/** Writes rows as CSV (RFC 4180 quoting, UTF-8 with a BOM so that Excel reads the Chinese headers). */
export function toCsv(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const q = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[headers, ...rows].map((r) => r.map(q).join(',')).join('\r\n')}\r\n`;
}

/** What one import produces. */
export interface ErpResult {
  /** owners.csv: customer, owner, protected until — ids only, no names or phone numbers. */
  ownersCsv: string;
  /** ledger.csv: person, month, total and each line. */
  ledgerCsv: string;
  /** shipments.csv: each shipment allowed or not, and why. */
  shipmentsCsv: string;
  /** Everything as JSON, decisions with their traces and provenance. */
  json: {
    owners: Record<string, { owner: string | null; protectedUntil?: string }>;
    ledger: unknown;
    shipments: { id: string; allowed: boolean; path: string; trace: string[] }[];
    violations: unknown[];
  };
}

/**
 * Runs an export through the modules: registrations → ownership (sales-office-001), violations →
 * monthly fines (dealer-file), shipments → credit decisions (distributor-000) against the rolling
 * 30-day limit of the customer's invoices and its receivables at the time.
 */
export async function importErp(
  files: { registrationsCsv: string; workbook: Buffer | ArrayBuffer },
  now: string,
): Promise<ErpResult> {
  const registrations = mapRows(
    await readCsv(files.registrationsCsv),
    REGISTRATION_COLUMNS,
    'registrations.csv',
  );
  const staff = [...new Set(registrations.map((r) => r.salespersonId as string))]
    .sort()
    .map((id) => ({ id }));
  const ownership = evaluate(
    'attribution.ownership-batch',
    { staff, events: registrations.map((r) => ({ type: 'registration', ...r })) },
    'sales-office-001',
    { now },
  );
  const customers = (ownership.value.result as { customers: ErpResult['json']['owners'] }).customers;
  const owners = Object.fromEntries(
    Object.entries(customers).map(([id, c]) => [
      id,
      { owner: c.owner ?? null, ...(c.protectedUntil ? { protectedUntil: c.protectedUntil } : {}) },
    ]),
  );

  const violations = mapRows(
    await readSheet(files.workbook, '违规记录'),
    VIOLATION_COLUMNS,
    'workbook.xlsx#违规记录',
  ).map((v) => ({ ...v, quantity: Number(v.quantity) }));
  const ledger = evaluate('penalty.ledger', { violations }, 'dealer-file', { now });
  const result = ledger.value.result as {
    persons: {
      personId: string;
      periods: { period: string; total: number; lines: { rule: string; amount: number }[] }[];
    }[];
  };

  const invoices = mapRows(await readSheet(files.workbook, '开票'), INVOICE_COLUMNS, 'workbook.xlsx#开票');
  const shipmentRows = mapRows(
    await readSheet(files.workbook, '发货'),
    SHIPMENT_COLUMNS,
    'workbook.xlsx#发货',
  );
  const shipments: ErpResult['json']['shipments'] = [];
  for (const s of shipmentRows) {
    const customerId = s.customerId as string;
    const date = s.date as string;
    // Every day of the limit window must be present: the 60 days before the shipment, days without goods as 0.
    const goods = dailyGoodsFromInvoices(
      invoices
        .filter((i) => i.customerId === customerId)
        .map((i) => ({ at: i.at as string, amount: yuan(i.amount as string) })),
      { from: addDays(date, -60), through: date },
      'Asia/Shanghai',
    );
    const d = evaluate(
      'credit.shipment',
      {
        account: {
          customerId,
          file: { exists: true, openerIdCopy: true },
          contract: { type: 'distribution', settlementAgreement: true },
          priorYearOutstanding: 0,
          paymentTermDays: 30,
          goods,
          outstanding: yuan(s.outstanding as string),
        },
        shipment: {
          id: s.id,
          amount: yuan(s.amount as string),
          signatures: [{ personId: s.signer, role: s.signerRole }],
        },
      },
      'distributor-000',
      { now: `${date}T10:00:00+08:00` },
    );
    const r = d.value.result as { allowed: boolean; path: string };
    shipments.push({
      id: s.id as string,
      allowed: r.allowed,
      path: r.path,
      trace: d.trace.map((t) => t.rule),
    });
  }

  return {
    ownersCsv: toCsv(
      ['客户编号', '归属置业顾问', '保护期至'],
      Object.entries(owners).map(([id, o]) => [id, o.owner ?? '', o.protectedUntil ?? '']),
    ),
    ledgerCsv: toCsv(
      ['人员编号', '月份', '罚款合计', '条款', '金额'],
      result.persons.flatMap((p) =>
        p.periods.flatMap((per) =>
          per.lines.map((l) => [
            p.personId,
            per.period,
            formatMoney(per.total),
            l.rule,
            formatMoney(l.amount),
          ]),
        ),
      ),
    ),
    shipmentsCsv: toCsv(
      ['发货单号', '是否放行', '路径', '依据条款'],
      shipments.map((s) => [s.id, s.allowed ? '放行' : '拒绝', s.path, [...new Set(s.trace)].join(' ')]),
    ),
    json: {
      owners,
      ledger: ledger.value.result,
      shipments,
      violations: [...ownership.value.violations, ...ledger.value.violations],
    },
  };
}
