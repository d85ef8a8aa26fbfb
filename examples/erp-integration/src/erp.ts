// An ERP export in, zhidu decisions out. The ERP (a sales-office CRM, a dealer DMS, an HR system)
// exports three tables; each column is mapped to a field of a module's input by the tables below,
// the modules decide, and the results go back as CSV (for the ERP's import) and JSON (for programs).
import { Readable } from 'node:stream';
import { addDays, errorAt, formatMoney, isZhiduError, yuan, ZhiduError } from '@zhidu/core';
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

/** The columns of sheet 发货 in the `credit.shipment` input, for naming the cell of a refusal. */
const SHIPMENT_INPUT: ColumnMapping = {
  发货单号: 'shipment.id',
  客户编号: 'account.customerId',
  '金额(元)': 'shipment.amount',
  '当前欠款(元)': 'account.outstanding',
  签字人: 'shipment.signatures.0.personId',
  签字人岗位: 'shipment.signatures.0.role',
};

/**
 * A cell as the text written in it, never reinterpreted. A CSV cell is text already (see
 * {@link readCsv}). An .xlsx cell is typed: a date cell holds a wall-clock time without a zone
 * (exceljs hands it over as a `Date` whose UTC fields are that time), so it becomes
 * `2024-04-01T20:00:00` (or `2024-04-01` at midnight in a date-only format), and zhidu refuses it
 * where an instant is needed rather than guessing a zone; a number cell becomes its digits, padded
 * to the width of a `000000` number format (ids exported as numbers with leading zeros).
 */
function cellText(value: ExcelJS.CellValue, numFmt = ''): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const wall = value.toISOString().replace(/(\.000)?Z$/, '');
    return wall.endsWith('T00:00:00') && !/[hs]/i.test(numFmt) ? wall.slice(0, 10) : wall;
  }
  if (typeof value === 'number') {
    const digits = String(value);
    return /^0+$/.test(numFmt) && Number.isInteger(value) && value >= 0
      ? digits.padStart(numFmt.length, '0')
      : digits;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return cellText(value.text);
    if ('error' in value) return value.error;
    if ('formula' in value || 'sharedFormula' in value) return cellText(value.result, numFmt);
  }
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
      const cell = row.getCell(col);
      if (h) r[h] = cellText(cell.value, cell.numFmt).trim();
    });
    rows.push(r);
  });
  return rows;
}

/**
 * Reads a CSV export (UTF-8, first row the headers) with exceljs, every cell kept as the text
 * written: exceljs's default would turn `007` into 7, `0591…` into 591…, and read
 * `2024-04-01T20:00:00` (no offset) as UTC. The modules check the text themselves: a time without
 * an offset is refused, not given a zone.
 */
export async function readCsv(text: string): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = await workbook.csv.read(Readable.from([text.replace(/^\uFEFF/, '')]), {
    map: (datum: string) => datum,
  });
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

/** The refusal `e` of a value read from row `index` (0 = the first after the header) of `file`, at `field` of the input. */
function refusalAt(
  e: ZhiduError,
  file: string,
  index: number,
  mapping: ColumnMapping,
  field: readonly (string | number)[],
) {
  const name = field.join('.');
  const header = Object.keys(mapping).find((h) => mapping[h] === name || name.startsWith(`${mapping[h]}.`));
  return errorAt(e, header === undefined ? [file, index + 2] : [file, index + 2, header]);
}

/**
 * Runs `run`, a module (or function) fed with `list` built from the mapped rows of `file`, and moves
 * a refusal of `list[i].<field>` — the module's input path, with or without its leading `input` —
 * back to the file, the row the ERP shows and the column mapped to that field, the way
 * {@link mapRows} names a missing cell: an offset-less 登记时间 in the third row is refused at
 * `registrations.csv[3].登记时间`, not at `input.events[1].at`. `rowOf` gives the row index (0 = the
 * first row after the header) of `list[i]` when the list is not the rows in order. Any other error
 * passes through unchanged.
 */
export function fromRows<T>(
  file: string,
  mapping: ColumnMapping,
  list: string,
  run: () => T,
  rowOf: (i: number) => number = (i) => i,
): T {
  try {
    return run();
  } catch (e) {
    if (!isZhiduError(e)) throw e;
    const [key, i, ...field] = e.path[0] === 'input' ? e.path.slice(1) : e.path;
    if (key !== list || typeof i !== 'number') throw e;
    throw refusalAt(e, file, rowOf(i), mapping, field);
  }
}

/**
 * Runs `run`, a module fed with one row (`index`) of `file`, and moves a refusal of its input to the
 * file, row and column, `mapping` naming the column of each input path.
 */
export function fromRow<T>(file: string, index: number, mapping: ColumnMapping, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!isZhiduError(e) || e.path[0] !== 'input') throw e;
    throw refusalAt(e, file, index, mapping, e.path.slice(1));
  }
}

/** Runs `run` on one cell, and moves its refusal (`yuan()` of an amount, say) to the file, row and column. */
export function fromCell<T>(file: string, index: number, header: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw isZhiduError(e) ? errorAt(e, [file, index + 2, header]) : e;
  }
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
  const ownership = fromRows('registrations.csv', REGISTRATION_COLUMNS, 'events', () =>
    evaluate(
      'attribution.ownership-batch',
      { staff, events: registrations.map((r) => ({ type: 'registration', ...r })) },
      'sales-office-001',
      { now },
    ),
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
  const ledger = fromRows('workbook.xlsx#违规记录', VIOLATION_COLUMNS, 'violations', () =>
    evaluate('penalty.ledger', { violations }, 'dealer-file', { now }),
  );
  const result = ledger.value.result as {
    persons: {
      personId: string;
      periods: { period: string; total: number; lines: { rule: string; amount: number }[] }[];
    }[];
  };

  const invoices = mapRows(
    await readSheet(files.workbook, '开票'),
    INVOICE_COLUMNS,
    'workbook.xlsx#开票',
  ).map((i, n) => ({
    n,
    customerId: i.customerId as string,
    at: i.at as string,
    amount: fromCell('workbook.xlsx#开票', n, '金额(元)', () => yuan(i.amount as string)),
  }));
  const shipmentRows = mapRows(
    await readSheet(files.workbook, '发货'),
    SHIPMENT_COLUMNS,
    'workbook.xlsx#发货',
  );
  const shipments: ErpResult['json']['shipments'] = [];
  for (const [n, s] of shipmentRows.entries()) {
    const file = 'workbook.xlsx#发货';
    const customerId = s.customerId as string;
    const date = s.date as string;
    const amount = fromCell(file, n, '金额(元)', () => yuan(s.amount as string));
    const outstanding = fromCell(file, n, '当前欠款(元)', () => yuan(s.outstanding as string));
    // Every day of the limit window must be present: the 60 days before the shipment, days without goods as 0.
    const from = fromCell(file, n, '发货日期', () => addDays(date, -60));
    const own = invoices.filter((i) => i.customerId === customerId);
    const goods = fromRows(
      'workbook.xlsx#开票',
      INVOICE_COLUMNS,
      'events',
      () =>
        dailyGoodsFromInvoices(
          own.map((i) => ({ at: i.at, amount: i.amount })),
          { from, through: date },
          'Asia/Shanghai',
        ),
      (i) => own[i]?.n ?? i,
    );
    const d = fromRow(file, n, SHIPMENT_INPUT, () =>
      evaluate(
        'credit.shipment',
        {
          account: {
            customerId,
            file: { exists: true, openerIdCopy: true },
            contract: { type: 'distribution', settlementAgreement: true },
            priorYearOutstanding: 0,
            paymentTermDays: 30,
            goods,
            outstanding,
          },
          shipment: {
            id: s.id,
            amount,
            signatures: [{ personId: s.signer, role: s.signerRole }],
          },
        },
        'distributor-000',
        { now: `${date}T10:00:00+08:00` },
      ),
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
