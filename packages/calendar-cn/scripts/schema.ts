import { writeFileSync } from 'node:fs';
import { calendarFileJsonSchemas } from '../src/notice.js';

// Writes the JSON Schemas of the file formats into schema/ (a test checks they are current):
//   node --conditions=@zhidu/source --import tsx scripts/schema.ts
const { notice, companyDays } = calendarFileJsonSchemas();
for (const [name, schema] of [
  ['year-notice', notice],
  ['company-days', companyDays],
] as const) {
  writeFileSync(
    new URL(`../schema/${name}.schema.json`, import.meta.url),
    `${JSON.stringify(schema, null, 2)}\n`,
  );
}
console.log('wrote schema/year-notice.schema.json and schema/company-days.schema.json');
