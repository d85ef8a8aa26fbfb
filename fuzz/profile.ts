// Runs fuzz chunks in this process, one thread, and prints what they cost over the run: per window of
// cases, the wall time, the thread's CPU time, the time it waited for a core, GC pauses and the heap
// in use — the way to see a worker's whole run (heap growth, GC, a cache that keeps every case) rather
// than one replayed call. With node's `--cpu-prof`, the profile is of the whole run.
//
//   node --conditions=@zhidu/source --import tsx fuzz/profile.ts --worker 0/2          what worker 0 of 2 runs
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --conditions=@zhidu/source --import tsx fuzz/profile.ts --filter credit.
//   node --trace-gc --conditions=@zhidu/source --import tsx fuzz/profile.ts --worker 1/2 --window 500
//
// `--worker i/n` runs every n-th chunk from the i-th (as the runner's n workers share the queue on an
// idle machine); `--window` sets how many cases each printed row covers (default 2500).

import { parseArgs } from 'node:util';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createExecutor } from './exec.js';
import { heapUsedMb } from './meter.js';
import { planRun } from './runner.js';
import { harvestSeeds, type ModuleSeed } from './seeds.js';
import { loadTargets } from './targets.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '12' },
    'per-function': { type: 'string', default: '100' },
    'per-preset': { type: 'string', default: '70' },
    filter: { type: 'string' },
    worker: { type: 'string', default: '0/1' },
    window: { type: 'string', default: '2500' },
    'slow-ms': { type: 'string', default: '1000' },
    'gc-every': { type: 'string' },
    snapshot: { type: 'string' },
  },
});

const [part, parts] = (values.worker ?? '0/1').split('/').map(Number) as [number, number];
const loaded = await loadTargets();
const mods = loaded.namespaces.modules as { registry: ReadonlyMap<string, never> };
const core = loaded.namespaces.core as { knownKeysAt: never };
const seeds: ModuleSeed[] = harvestSeeds([...mods.registry.values()], core.knownKeysAt);
const { queue } = planRun(loaded.targets, seeds, {
  perFunction: Number(values['per-function']),
  perPreset: Number(values['per-preset']),
  ...(values.filter ? { filter: values.filter } : {}),
});
const mine = queue.filter((_, i) => i % parts === part);
const run = createExecutor(
  { seed: Number(values.seed), seeds, state: new SharedArrayBuffer(64), slowMs: Number(values['slow-ms']) },
  loaded,
);

const window = Number(values.window);
const row = { cases: 0, wall: 0, cpu: 0, wait: 0, gc: 0, major: 0, heap: 0 };
const all = { cases: 0, wall: 0, cpu: 0, wait: 0, gc: 0, major: 0 };
const slow: string[] = [];
const s = (ms: number): string => (ms / 1000).toFixed(1).padStart(7);
console.log(
  `${'cases'.padStart(7)} ${'wall s'.padStart(7)} ${'cpu s'.padStart(7)} ${'wait s'.padStart(7)} ${'gc s'.padStart(7)} ${'major'.padStart(6)} ${'heap MiB'.padStart(9)}`,
);
const flush = (): void => {
  console.log(
    `${String(all.cases).padStart(7)} ${s(row.wall)} ${s(row.cpu)} ${s(row.wait)} ${s(row.gc)} ${String(row.major).padStart(6)} ${row.heap.toFixed(0).padStart(9)}`,
  );
  Object.assign(row, { cases: 0, wall: 0, cpu: 0, wait: 0, gc: 0, major: 0 });
};
// `--gc-every n`: a full GC every n chunks, then the heap still in use (what the run retains).
const gcEvery = values['gc-every'] ? Number(values['gc-every']) : 0;
setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;
const retained: string[] = [];
let n = 0;
for (const chunk of mine) {
  const r = await run(chunk);
  n++;
  if (gcEvery > 0 && n % gcEvery === 0) {
    fullGc();
    retained.push(
      `${String(all.cases + r.cases).padStart(7)} cases: ${heapUsedMb().toFixed(1).padStart(8)} MiB retained after ${chunk.plan}`,
    );
  }
  const st = r.stats;
  for (const [k, v] of [
    ['cases', r.cases],
    ['wall', st.wallMs],
    ['cpu', st.cpuMs ?? 0],
    ['wait', st.waitMs ?? 0],
    ['gc', st.gcMs],
    ['major', st.majorGcs],
  ] as const) {
    row[k] += v;
    all[k] += v;
  }
  row.heap = st.heapMb;
  for (const x of [...r.slow, ...r.slowWall])
    slow.push(
      `${x.ms.toFixed(0).padStart(6)} ms wall ${(x.cpuMs ?? Number.NaN).toFixed(0).padStart(6)} cpu ${(x.waitMs ?? Number.NaN).toFixed(0).padStart(6)} wait ${(x.gcMs ?? 0).toFixed(0).padStart(5)} gc ${x.rerunMs === undefined ? '' : `rerun ${x.rerunMs.toFixed(0)} `}${r.slow.includes(x) ? 'SLOW' : 'wall only'}  ${x.target} [${x.mutated ?? ''}] (${x.plan} #${x.index})`,
    );
  if (row.cases >= window) flush();
}
if (row.cases > 0) flush();
console.log(
  `\ntotal: ${all.cases} cases, ${s(all.wall)} s wall, ${s(all.cpu)} s cpu, ${s(all.wait)} s waiting, GC ${s(all.gc)} s (${all.major} major)`,
);
if (retained.length > 0) console.log(`\nheap after a full GC:\n${retained.join('\n')}`);
if (values.snapshot) {
  fullGc();
  console.log(`heap snapshot: ${writeHeapSnapshot(values.snapshot)}`);
}
console.log(`calls ≥ ${values['slow-ms']} ms on either clock:\n${slow.join('\n') || '  none'}`);
process.exit(0);
