// Runs fuzz cases over worker threads and summarises them. A call that runs past the timeout is a
// hang: its worker is terminated, the hang reported with its case (replayable from seed, plan and
// index), a fresh worker started, and the rest of the chunk run there.
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Chunk } from './cases.js';
import type { ChunkResult, Failure, Slow, WorkerInit } from './exec.js';
import { type ThreadTimes, taskClock } from './meter.js';
import { harvestSeeds, type ModuleSeed } from './seeds.js';
import { loadTargets, SKIPPED } from './targets.js';

/** How a run is sized. */
export interface FuzzOptions {
  /** The run seed: the same seed, options and code give the same cases. */
  seed: number;
  /** Cases per exported function, method or constructor. */
  perFunction: number;
  /** Near-valid cases per registry module and preset. */
  perPreset: number;
  /** Worker threads (default: CPUs, at least 2). */
  workers?: number;
  /** A call running this long is a hang: its worker is terminated (default 10 s). */
  timeoutMs?: number;
  /**
   * Calls whose own cost reaches this are slow (default 1 s): the thread's CPU time during the call
   * (wall time where it cannot be read), confirmed by a second run of the case alone after a full GC.
   */
  slowMs?: number;
  /** Only plans whose target or module name contains this. */
  filter?: string;
  /** Called after each chunk. */
  onProgress?: (done: number, total: number) => void;
}

/** One group of failures: the same function, error class, place and message. */
export interface FailureGroup {
  target: string;
  errorClass: string;
  at: string;
  count: number;
  /** The first case, replayable: `plan` and `index` under the run's seed. */
  example: Failure;
}

/** What `pnpm fuzz` writes to fuzz/results/summary.json. */
export interface FuzzSummary {
  seed: number;
  options: { perFunction: number; perPreset: number; workers: number; timeoutMs: number; slowMs: number };
  targets: number;
  modules: number;
  presets: number;
  skipped: Readonly<Record<string, string>>;
  cases: number;
  ok: number;
  refused: number;
  /** Calls that ended in anything but a value or a ZhiduError with code and path (hangs included). */
  failures: number;
  hangs: number;
  /** Calls that cost at least `slowMs` of CPU time, twice (hangs included). */
  slowCalls: number;
  /** Calls of at least `slowMs` on the wall clock that are not slow calls (waiting for a core or a GC). */
  slowWallCalls: number;
  byFunction: { target: string; errorClass: string; count: number }[];
  groups: FailureGroup[];
  slowest: Slow[];
  codes: Record<string, number>;
  wallMs: number;
  /** What the run cost the worker threads (CPU and wait read where the platform allows). */
  cost: RunCost;
}

/** What the run cost its worker threads, summed over chunks. */
export interface RunCost {
  /** Wall time inside chunks, summed over workers, ms. */
  chunkWallMs: number;
  /** The workers' own CPU time, ms (absent where the thread's clock cannot be read). */
  cpuMs?: number;
  /** Time the workers were runnable but waiting for a core, ms. */
  waitMs?: number;
  /** GC pauses on the worker threads, ms, and how many were major (mark-compact). */
  gcMs: number;
  majorGcs: number;
  /** V8 heap in use after chunks, per worker slot: after its first chunk, the highest, after its last. */
  heapMb: { first: number; max: number; last: number }[];
}

/** A plan (`fn:<n>`, `near:<module>:<preset>`), its name and its number of cases. */
export interface Plan {
  plan: string;
  name: string;
  total: number;
}

/**
 * The plans of a run and its queue of chunks (25 cases each), in the order workers take them.
 *
 * @example
 * const { queue } = planRun(targets, seeds, { perFunction: 100, perPreset: 70 });
 * queue[0]; //=> { plan: 'fn:0', start: 0, count: 25 }
 */
export function planRun(
  targets: readonly { name: string }[],
  seeds: readonly ModuleSeed[],
  options: Pick<FuzzOptions, 'perFunction' | 'perPreset' | 'filter'>,
): { plans: Plan[]; queue: Chunk[] } {
  const plans: Plan[] = [];
  targets.forEach((t, i) => {
    plans.push({ plan: `fn:${i}`, name: t.name, total: options.perFunction });
  });
  seeds.forEach((s, m) => {
    s.presets.forEach((p, i) => {
      plans.push({ plan: `near:${m}:${i}`, name: `${s.id}/${p.name}`, total: options.perPreset });
    });
  });
  const chosen = plans.filter((p) => !options.filter || p.name.includes(options.filter));
  const queue: Chunk[] = [];
  const CHUNK = 25;
  for (const p of chosen) {
    for (let s = 0; s < p.total; s += CHUNK)
      queue.push({ plan: p.plan, start: s, count: Math.min(CHUNK, p.total - s) });
  }
  return { plans, queue };
}

const normalise = (m: string): string => m.replace(/\d+/g, 'N').slice(0, 120);

/**
 * Runs a fuzz campaign: every exported callable `perFunction` times with arbitrary arguments, and
 * every registry module × preset `perPreset` times with a near-valid input.
 *
 * @example
 * const s = await runFuzz({ seed: 12, perFunction: 3, perPreset: 3 });
 * s.failures; //=> 0
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const started = Date.now();
  const workers = Math.max(options.workers ?? cpus().length, 1);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const slowMs = options.slowMs ?? 1000;
  const { targets, namespaces } = await loadTargets();
  const mods = namespaces.modules as { registry: ReadonlyMap<string, never> };
  const core = namespaces.core as { knownKeysAt: never };
  const seeds: ModuleSeed[] = harvestSeeds([...mods.registry.values()], core.knownKeysAt);

  const { plans, queue } = planRun(targets, seeds, options);
  const total = queue.reduce((a, c) => a + c.count, 0);

  const results: ChunkResult[] = [];
  const extra: Failure[] = [];
  let done = 0;
  const nameOf = (plan: string): string => plans.find((p) => p.plan === plan)?.name ?? plan;

  const heaps: { first: number; max: number; last: number }[] = [];
  const runWorker = (slot: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const state = new SharedArrayBuffer(64);
      const view = new Float64Array(state);
      const init: WorkerInit = { seed: options.seed, seeds, state, slowMs };
      let current: Chunk | undefined;
      let finished = false;
      const w = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
        workerData: init,
        stdout: true,
        stderr: true,
        resourceLimits: { maxOldGenerationSizeMb: 3072 },
      });
      // Whatever a fuzzed function prints (the CLI's processIo) is dropped.
      w.stdout.resume();
      w.stderr.resume();
      const next = (): void => {
        current = queue.shift();
        if (!current) {
          finished = true;
          clearInterval(watch);
          void w.terminate();
          resolve();
          return;
        }
        view[0] = -1;
        view[1] = 0;
        if (process.env.FUZZ_DEBUG) console.error('chunk', nameOf(current.plan), current.plan, current.start);
        w.postMessage(current);
      };
      /** The current chunk failed at its case `view[0]`: record it, requeue the rest, replace the worker. */
      const lose = (errorClass: string, message: string, ms: number): void => {
        if (finished) return;
        finished = true;
        clearInterval(watch);
        const c = current;
        if (c) {
          // -1: the worker died before its first call of this chunk; charge the chunk's first case.
          const index = Math.max(view[0] as number, c.start);
          if (process.env.FUZZ_DEBUG) console.error('lost', errorClass, message.slice(0, 300));
          extra.push({ target: nameOf(c.plan), plan: c.plan, index, errorClass, message, at: '', ms });
          if (index > c.start) queue.unshift({ plan: c.plan, start: c.start, count: index - c.start });
          const after = c.start + c.count - index - 1;
          if (after > 0) queue.unshift({ plan: c.plan, start: index + 1, count: after });
          done += 1;
        }
        void w.terminate();
        runWorker(slot).then(resolve, reject);
      };
      // A call is hung when it has run past the timeout not counting the time its thread waited for
      // a core (read from the worker's scheduler clock where Linux gives it): on a machine shared by
      // many processes a call can wait longer for a core than it runs. Past ten times the timeout
      // on the wall clock it is hung whatever the clock says.
      let clock: { tid: number; read: (() => ThreadTimes) | undefined } | undefined;
      const watch = setInterval(() => {
        const t0 = view[1] as number;
        if (current && t0 > 0) {
          const ms = performance.timeOrigin + performance.now() - t0;
          if (ms <= timeoutMs) return;
          const tid = view[2] as number;
          if (clock?.tid !== tid) clock = { tid, read: taskClock(tid) };
          let waited = 0;
          try {
            waited = clock.read ? Math.max(clock.read().waitMs - (view[3] as number), 0) : 0;
          } catch {
            waited = 0;
          }
          const ran = ms - waited;
          if (ran > timeoutMs || ms > 10 * timeoutMs)
            lose(
              'hang',
              `still running after ${Math.round(ms)} ms (${Math.round(ran)} ms not counting the wait for a core): terminated`,
              ms,
            );
        }
      }, 50);
      w.on('message', (m: { type: string; result?: ChunkResult; message?: string }) => {
        if (m.type === 'ready') next();
        else if (m.type === 'result' && m.result) {
          results.push(m.result);
          const h = m.result.stats.heapMb;
          const seen = heaps[slot];
          if (seen) {
            seen.max = Math.max(seen.max, h);
            seen.last = h;
          } else heaps[slot] = { first: h, max: h, last: h };
          done += m.result.cases;
          options.onProgress?.(done, total);
          next();
        } else if (m.type === 'fatal') lose('harness error', String(m.message), 0);
      });
      w.on('error', (e) => lose('worker crash', e instanceof Error ? e.message : String(e), 0));
      w.on('exit', (code) => lose('worker exit', `worker exited with code ${code}`, 0));
    });

  await Promise.all(
    Array.from({ length: Math.min(workers, Math.max(queue.length, 1)) }, (_, slot) => runWorker(slot)),
  );

  const failures = [...results.flatMap((r) => r.failures), ...extra];
  const groups = new Map<string, FailureGroup>();
  for (const f of failures) {
    const key = `${f.target}\u0000${f.errorClass}\u0000${f.at}\u0000${normalise(f.message)}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { target: f.target, errorClass: f.errorClass, at: f.at, count: 1, example: f });
  }
  const byFn = new Map<string, { target: string; errorClass: string; count: number }>();
  for (const f of failures) {
    const key = `${f.target}\u0000${f.errorClass}`;
    const g = byFn.get(key) ?? { target: f.target, errorClass: f.errorClass, count: 0 };
    g.count++;
    byFn.set(key, g);
  }
  const codes: Record<string, number> = {};
  for (const r of results) for (const [c, n] of Object.entries(r.codes)) codes[c] = (codes[c] ?? 0) + n;
  const slowest = results
    .flatMap((r) => [...(r.slowest ? [r.slowest] : []), ...r.slow, ...r.slowWall])
    .sort((a, b) => b.ms - a.ms)
    .filter((s, i, all) => i === 0 || s !== all[i - 1])
    .slice(0, 20);
  const hangs = extra.filter((f) => f.errorClass === 'hang').length;
  return {
    seed: options.seed,
    options: { perFunction: options.perFunction, perPreset: options.perPreset, workers, timeoutMs, slowMs },
    targets: targets.length,
    modules: seeds.length,
    presets: seeds.reduce((a, s) => a + s.presets.length, 0),
    skipped: SKIPPED,
    cases: results.reduce((a, r) => a + r.cases, 0) + extra.length,
    ok: results.reduce((a, r) => a + r.ok, 0),
    refused: results.reduce((a, r) => a + r.refused, 0),
    failures: failures.length,
    hangs,
    slowCalls: results.reduce((a, r) => a + r.slow.length, 0) + hangs,
    slowWallCalls: results.reduce((a, r) => a + r.slowWall.length, 0),
    byFunction: [...byFn.values()].sort((a, b) => b.count - a.count),
    groups: [...groups.values()].sort((a, b) => b.count - a.count),
    slowest,
    codes,
    wallMs: Date.now() - started,
    cost: costOf(results, heaps),
  };
}

function costOf(results: ChunkResult[], heaps: RunCost['heapMb']): RunCost {
  const sum = (f: (r: ChunkResult) => number | undefined): number | undefined => {
    let total = 0;
    for (const r of results) {
      const v = f(r);
      if (v === undefined) return undefined;
      total += v;
    }
    return total;
  };
  const cpuMs = sum((r) => r.stats.cpuMs);
  const waitMs = sum((r) => r.stats.waitMs);
  return {
    chunkWallMs: sum((r) => r.stats.wallMs) ?? 0,
    ...(cpuMs === undefined || waitMs === undefined ? {} : { cpuMs, waitMs }),
    gcMs: sum((r) => r.stats.gcMs) ?? 0,
    majorGcs: sum((r) => r.stats.majorGcs) ?? 0,
    heapMb: heaps.filter((h) => h !== undefined),
  };
}

/** The summary as a printed table. */
export function formatSummary(s: FuzzSummary): string {
  const lines: string[] = [];
  const pad = (t: string, n: number): string => (t.length > n ? `${t.slice(0, n - 1)}…` : t.padEnd(n));
  lines.push(
    `zhidu fuzz — seed ${s.seed}: ${s.targets} callables, ${s.modules} modules / ${s.presets} presets, ${s.options.workers} workers, ${(s.wallMs / 1000).toFixed(1)} s`,
  );
  lines.push(
    `cases ${s.cases}   values ${s.ok}   ZhiduError refusals ${s.refused}   failures ${s.failures} (hangs ${s.hangs})   slow calls (≥ ${s.options.slowMs} ms CPU, twice): ${s.slowCalls}   ≥ ${s.options.slowMs} ms wall only: ${s.slowWallCalls}`,
  );
  const c = s.cost;
  const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  lines.push(
    `workers: ${sec(c.chunkWallMs)} in chunks${c.cpuMs === undefined ? '' : `, ${sec(c.cpuMs)} on CPU, ${sec(c.waitMs ?? 0)} waiting for a core`}, GC ${sec(c.gcMs)} (${c.majorGcs} major); heap MiB per worker (first/max/last): ${c.heapMb.map((h) => `${h.first.toFixed(0)}/${h.max.toFixed(0)}/${h.last.toFixed(0)}`).join(', ')}`,
  );
  if (s.byFunction.length > 0) {
    lines.push('', 'failures by function and error class:');
    lines.push(`  ${pad('function', 70)} ${pad('error class', 24)} count`);
    for (const g of s.byFunction.slice(0, 60))
      lines.push(`  ${pad(g.target, 70)} ${pad(g.errorClass, 24)} ${g.count}`);
    lines.push('', `distinct faults (${s.groups.length}), first case of each:`);
    for (const g of s.groups.slice(0, 60)) {
      const e = g.example;
      lines.push(
        `  ${g.count} × ${g.target} ${g.errorClass} at ${g.at || '?'}: ${e.message.slice(0, 140)}${e.mutated ? ` [${e.mutated}]` : ''} (plan ${e.plan} #${e.index})`,
      );
    }
  }
  lines.push('', 'slowest calls:');
  lines.push(
    `  ${'wall ms'.padStart(9)} ${'cpu ms'.padStart(9)} ${'wait ms'.padStart(9)} ${'gc ms'.padStart(8)} ${'rerun'.padStart(8)}`,
  );
  const ms = (v: number | undefined, n: number): string => (v === undefined ? '-' : v.toFixed(1)).padStart(n);
  for (const x of s.slowest.slice(0, 10)) {
    lines.push(
      `  ${ms(x.ms, 9)} ${ms(x.cpuMs, 9)} ${ms(x.waitMs, 9)} ${ms(x.gcMs, 8)} ${ms(x.rerunMs, 8)}  ${x.target}${x.mutated ? ` [${x.mutated}]` : ''} (plan ${x.plan} #${x.index})`,
    );
  }
  return lines.join('\n');
}
