// The ERP export in data/ through the modules; results written to out/ as CSV and JSON.
//   pnpm --filter @zhidu/example-erp-integration start
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { importErp } from './erp.js';

const data = (f: string) => new URL(`../data/${f}`, import.meta.url);
const result = await importErp(
  {
    registrationsCsv: readFileSync(data('registrations.csv'), 'utf8'),
    workbook: readFileSync(data('workbook.xlsx')),
  },
  '2024-04-30T18:00:00+08:00',
);
const out = new URL('../out/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('owners.csv', out), result.ownersCsv);
writeFileSync(new URL('ledger.csv', out), result.ledgerCsv);
writeFileSync(new URL('shipments.csv', out), result.shipmentsCsv);
writeFileSync(new URL('decisions.json', out), `${JSON.stringify(result.json, null, 2)}\n`);
console.log(result.ownersCsv.replace(/^\uFEFF/, ''));
console.log(result.shipmentsCsv.replace(/^\uFEFF/, ''));
console.log(result.ledgerCsv.replace(/^\uFEFF/, ''));
console.log('written: out/owners.csv, out/ledger.csv, out/shipments.csv, out/decisions.json');
