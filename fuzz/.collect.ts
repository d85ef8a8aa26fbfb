import { writeFileSync } from 'node:fs';
import { formatSummary, runFuzz } from './runner.js';

const s = await runFuzz({
  seed: 20261204,
  perFunction: 3,
  perPreset: 3,
  workers: 2,
  timeoutMs: 15_000,
  slowMs: 5_000,
});
writeFileSync('/tmp/fz/sample.json', JSON.stringify(s, null, 1));
console.log(formatSummary(s));
