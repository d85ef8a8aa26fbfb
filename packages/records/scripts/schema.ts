import { writeFileSync } from 'node:fs';
import { recordsModules } from '../src/modules.js';

// Writes the JSON Schema of a records policy into schema/ (the presets' `$schema`; a test checks it
// is current). Every records module takes the same policy, so there is one file:
//   node --conditions=@zhidu/source --import tsx packages/records/scripts/schema.ts
const [first, ...rest] = recordsModules;
for (const m of rest) {
  if (JSON.stringify(m.jsonSchema.policy) !== JSON.stringify(first.jsonSchema.policy))
    throw new Error(`${m.id} has a policy schema of its own: give it its own file`);
}
writeFileSync(
  new URL('../schema/records.policy.schema.json', import.meta.url),
  `${JSON.stringify(first.jsonSchema.policy, null, 2)}\n`,
);
console.log('wrote packages/records/schema/records.policy.schema.json');
