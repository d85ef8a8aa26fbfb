// `pnpm fuzz`: the full campaign (≥ 100,000 cases), its table printed and its summary written to
// fuzz/results/summary.json. Exit status 1 when any call threw anything but a ZhiduError with a code
// and a path, hung, or took 1 s or more.
//
//   pnpm fuzz                      full run, seed 12
//   pnpm fuzz --seed 7             another seed
//   pnpm fuzz --filter sla.        only callables / modules whose name contains "sla."
//   pnpm fuzz --per-function 20 --per-preset 10   a quicker run
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatSummary, runFuzz } from './runner.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '12' },
    'per-function': { type: 'string', default: '100' },
    'per-preset': { type: 'string', default: '70' },
    workers: { type: 'string' },
    filter: { type: 'string' },
    'timeout-ms': { type: 'string', default: '10000' },
    out: { type: 'string' },
  },
});

let last = 0;
const summary = await runFuzz({
  seed: Number(values.seed),
  perFunction: Number(values['per-function']),
  perPreset: Number(values['per-preset']),
  ...(values.workers ? { workers: Number(values.workers) } : {}),
  ...(values.filter ? { filter: values.filter } : {}),
  timeoutMs: Number(values['timeout-ms']),
  onProgress: (done, total) => {
    const step = Math.max(Math.floor(total / 20), 1);
    if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total} cases`);
    else if (Math.floor(done / step) !== Math.floor(last / step)) console.error(`${done}/${total} cases`);
    last = done;
  },
});
if (process.stderr.isTTY) process.stderr.write('\n');
const out = values.out ?? join(dirname(fileURLToPath(import.meta.url)), 'results', 'summary.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
console.log(formatSummary(summary));
console.log(`\nsummary written to ${out}`);
process.exit(summary.failures > 0 || summary.slowCalls > 0 ? 1 : 0);
