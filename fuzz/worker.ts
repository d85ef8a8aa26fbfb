// One fuzz worker: loads every package, then runs the chunks of cases the runner sends (fuzz/exec.ts
// makes and times the calls, writing each call's case index and start time into shared memory so the
// runner can see a call that hangs and terminate this worker).
import { parentPort, workerData } from 'node:worker_threads';
import { createExecutor, type WorkerInit } from './exec.js';
import { loadTargets } from './targets.js';

export type { ChunkResult, ChunkStats, Failure, Slow, WorkerInit } from './exec.js';

const loaded = await loadTargets();
const runChunk = createExecutor(workerData as WorkerInit, loaded);

const port = parentPort;
if (!port) throw new Error('fuzz/worker.ts runs as a worker thread');
port.on('message', (chunk: Parameters<typeof runChunk>[0]) => {
  runChunk(chunk).then(
    (r) => port.postMessage({ type: 'result', result: r }),
    (e) =>
      port.postMessage({ type: 'fatal', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
port.postMessage({ type: 'ready', targets: loaded.targets.length });
