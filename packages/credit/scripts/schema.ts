import { writeFileSync } from 'node:fs';
import { policySchemaFiles } from '../src/schema-files.js';

// Writes the policy JSON Schemas of the package's modules into schema/ (a test checks they are current):
//   node --conditions=@zhidu/source --import tsx packages/credit/scripts/schema.ts
for (const [file, { schema }] of policySchemaFiles()) {
  writeFileSync(new URL(`../schema/${file}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote packages/credit/schema/${file}`);
}
