import { writeFileSync } from 'node:fs';
import { policySchemaFiles } from '@zhidu/core';
import { penaltyLedger, penaltyModules } from '../src/modules.js';

// Writes the JSON Schema of a fine schedule policy into schema/ (the presets' `$schema`; a test checks it
// is current). Both penalty modules take the same policy, so there is one file
// (a module given a policy schema of its own would get its own file, and the schema test fails):
//   node --conditions=@zhidu/source --import tsx packages/penalty/scripts/schema.ts
for (const [file, { schema }] of policySchemaFiles(penaltyModules, { [penaltyLedger.id]: 'penalty' })) {
  writeFileSync(new URL(`../schema/${file}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote packages/penalty/schema/${file}`);
}
