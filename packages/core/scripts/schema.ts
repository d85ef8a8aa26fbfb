import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../src/scenario.js';

// Writes the JSON Schema of the scenario format into schema/ (a test checks it is current):
//   node --conditions=@zhidu/source --import tsx packages/core/scripts/schema.ts
writeFileSync(
  new URL('../schema/scenario.schema.json', import.meta.url),
  `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`,
);
console.log('wrote packages/core/schema/scenario.schema.json');
