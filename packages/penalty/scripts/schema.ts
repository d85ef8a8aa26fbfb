import { writeFileSync } from 'node:fs';
import { penaltyModules } from '../src/modules.js';

// Writes the JSON Schema of a fine schedule policy into schema/ (the presets' `$schema`; a test checks it
// is current). Both penalty modules take the same policy, so there is one file:
//   node --conditions=@zhidu/source --import tsx packages/penalty/scripts/schema.ts
const [first, ...rest] = penaltyModules;
for (const m of rest) {
  if (JSON.stringify(m.jsonSchema.policy) !== JSON.stringify(first.jsonSchema.policy))
    throw new Error(`${m.id} has a policy schema of its own: give it its own file`);
}
writeFileSync(
  new URL('../schema/penalty.policy.schema.json', import.meta.url),
  `${JSON.stringify(first.jsonSchema.policy, null, 2)}\n`,
);
console.log('wrote packages/penalty/schema/penalty.policy.schema.json');
