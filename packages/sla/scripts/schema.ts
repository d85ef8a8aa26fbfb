import { writeFileSync } from 'node:fs';
import { slaTimers } from '../src/modules.js';

// Writes the JSON Schema of an SLA policy (every sla.* module shares it) into schema/, where each
// preset's `$schema` points (a test checks it is current):
//   node --conditions=@zhidu/source --import tsx packages/sla/scripts/schema.ts
writeFileSync(
  new URL('../schema/sla.policy.schema.json', import.meta.url),
  `${JSON.stringify(slaTimers.jsonSchema.policy, null, 2)}\n`,
);
console.log('wrote packages/sla/schema/sla.policy.schema.json');
