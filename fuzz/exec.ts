// Runs chunks of fuzz cases in the calling thread: in a worker under `pnpm fuzz` (fuzz/worker.ts), or
// in the main thread under fuzz/profile.ts. Before each call it writes the case index and start time
// into shared memory, so the runner can see a call that hangs and terminate the worker (a hang
// cannot report itself). Each call is timed on the wall clock and on the thread's own CPU clock
// (fuzz/meter.ts); a call is slow when its CPU time reaches `slowMs` and a second run of the same
// case, alone after a full garbage collection, takes as long (fuzz/README.md, "Slow calls").
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type Chunk, caseSeed, functionCase, nearCase, nearDomain } from './cases.js';
import { gcLog, heapUsedMb, threadClock, threadId } from './meter.js';
import type { ModuleSeed } from './seeds.js';
import { type LiveTarget, release } from './targets.js';
import type { Domain } from './values.js';

/** What the runner passes each worker. */
export interface WorkerInit {
  seed: number;
  seeds: ModuleSeed[];
  /**
   * Float64Array over it (64 bytes): [case index, start time (performance.timeOrigin + now; 0 when
   * idle), the thread's Linux id, its run-queue wait (ms) when the call started].
   */
  state: SharedArrayBuffer;
  /** Calls whose CPU time (wall time where the thread's CPU clock cannot be read) reaches this are slow. */
  slowMs: number;
}

/** One call that did not end in a value or a ZhiduError with a code and a path. */
export interface Failure {
  target: string;
  plan: string;
  index: number;
  /** `TypeError`, `ZodError`, `Error`, `ZhiduError without path`, `hang`, `worker exit`… */
  errorClass: string;
  message: string;
  /** First frame inside the repository, to tell distinct faults apart. */
  at: string;
  /** Near-valid cases: what was mutated. */
  mutated?: string;
  ms: number;
}

/** A timed call. */
export interface Slow {
  target: string;
  plan: string;
  index: number;
  /** Wall time of the call, ms. */
  ms: number;
  /** The thread's CPU time during the call, ms (absent where the thread's clock cannot be read). */
  cpuMs?: number;
  /** Time the thread was runnable but waiting for a core during the call (descheduled), ms. */
  waitMs?: number;
  /** Garbage-collection pauses on the thread during the call, ms (wall time, part of `ms`). */
  gcMs?: number;
  /** The case run again alone, after a full garbage collection: its CPU time (or wall time), ms. */
  rerunMs?: number;
  mutated?: string;
}

/** What a chunk cost its thread: for the run's totals and the heap across the run. */
export interface ChunkStats {
  wallMs: number;
  cpuMs?: number;
  waitMs?: number;
  /** GC pauses during the chunk, ms, and how many were major (mark-compact). */
  gcMs: number;
  majorGcs: number;
  /** V8 heap in use after the chunk, MiB. */
  heapMb: number;
}

/** What a worker reports for a chunk. */
export interface ChunkResult {
  chunk: Chunk;
  cases: number;
  ok: number;
  refused: number;
  failures: Failure[];
  /** Slow calls: CPU time ≥ slowMs, confirmed by a second run alone. */
  slow: Slow[];
  /** Calls ≥ slowMs on the wall clock that are not slow (the thread waited for a core or for GC). */
  slowWall: Slow[];
  /** The chunk's slowest call (wall time). */
  slowest?: Slow;
  /** Refusals by ZhiduError code. */
  codes: Record<string, number>;
  stats: ChunkStats;
}

/** What the executor needs, loaded once per thread. */
export interface Loaded {
  targets: LiveTarget[];
  namespaces: Record<string, unknown>;
}

/** A full garbage collection, or `undefined` when the runtime does not allow one. */
function fullGc(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  try {
    setFlagsFromString('--expose-gc');
    const f = runInNewContext('gc') as unknown;
    return typeof f === 'function' ? (f as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The chunk runner of one thread.
 *
 * @param init - the run's seed, module seeds, shared state and slow threshold
 * @param loaded - the targets and package namespaces (fuzz/targets.ts `loadTargets()`)
 * @example
 * const run = createExecutor(init, await loadTargets());
 * const r = await run({ plan: 'fn:0', start: 0, count: 25 });
 * r.cases; //=> 25
 */
export function createExecutor(init: WorkerInit, loaded: Loaded): (chunk: Chunk) => Promise<ChunkResult> {
  const { targets, namespaces } = loaded;
  const state = new Float64Array(init.state);
  const now = (): number => performance.timeOrigin + performance.now();
  const clock = threadClock();
  state[2] = threadId() ?? 0;
  /** Marks the start of a call in shared memory, for the runner's hang watch. */
  const started = (index: number): void => {
    state[0] = index;
    state[3] = clock?.().waitMs ?? 0;
    state[1] = now();
  };
  const gc = gcLog();
  const collect = fullGc();

  const core = namespaces.core as { isZhiduError?: (e: unknown) => boolean; ZhiduError: new () => Error };
  const mods = namespaces.modules as {
    registry: ReadonlyMap<string, { evaluate: (i: unknown, p: unknown, c: unknown) => unknown }>;
    evaluate: (id: string, i: unknown, p: unknown, c: unknown) => unknown;
  };
  const calendarCn = namespaces['calendar-cn'] as { chinaCalendar: () => unknown };
  const prc = calendarCn.chinaCalendar();

  const domain: Domain = nearDomain(
    init.seeds,
    prc,
    (core as unknown as { weekdayCalendar: () => unknown }).weekdayCalendar(),
  );

  const isZhidu = (e: unknown): boolean => {
    if (core.isZhiduError) return core.isZhiduError(e);
    return e instanceof core.ZhiduError;
  };

  const frameOf = (e: unknown): string => {
    const stack = e instanceof Error ? (e.stack ?? '') : '';
    const line = stack.split('\n').find((l) => l.includes('/packages/') && !l.includes('node_modules'));
    if (!line) return '';
    const m = /packages\/[^):]+:\d+/.exec(line);
    return m ? m[0] : line.trim();
  };

  /** `undefined` when the throw is allowed (a ZhiduError with a code and a path), else its class. */
  const classify = (e: unknown): string | undefined => {
    if (isZhidu(e)) {
      const z = e as { code?: unknown; path?: unknown; message?: unknown };
      if (typeof z.code !== 'string' || z.code === '') return 'ZhiduError without code';
      if (!Array.isArray(z.path)) return 'ZhiduError without path';
      if (typeof z.message !== 'string' || z.message === '') return 'ZhiduError without message';
      return undefined;
    }
    if (e instanceof Error) return e.constructor?.name || e.name || 'Error';
    return `thrown ${e === null ? 'null' : typeof e}`;
  };

  let unhandled: unknown[] = [];
  process.on('unhandledRejection', (e) => unhandled.push(e));

  const prepared = new Set<LiveTarget>();

  /** The case of a plan and index: its name, what was mutated and a thunk making the call. */
  const caseOf = (
    plan: string,
    index: number,
  ): { name: string; mutated?: string; call: () => unknown; keep?: () => readonly unknown[] } => {
    const [kind, a, b] = plan.split(':');
    const target = kind === 'fn' ? (targets[Number(a)] as LiveTarget) : undefined;
    const mseed = kind === 'near' ? (init.seeds[Number(a)] as ModuleSeed) : undefined;
    // Seeded by the callable's (or module preset's) name, not its position: adding an export does
    // not change the cases of the others.
    const s = caseSeed(
      init.seed,
      target ? target.name : `near:${mseed?.id}/${mseed?.presets[Number(b)]?.name}`,
      index,
    );
    if (target) {
      const args = functionCase(target.arity, domain, s);
      return {
        name: target.name,
        call: () => target.call(args),
        ...(target.shared ? { keep: target.shared } : {}),
      };
    }
    const m = mseed as ModuleSeed;
    const c = nearCase(m, Number(b), domain, s);
    const name = `${c.route === 'registry' ? 'modules.evaluate' : `${m.id}.evaluate`} (near-valid ${m.id}/${m.presets[Number(b)]?.name ?? '-'})`;
    if (c.route === 'registry')
      return { name, mutated: c.mutated, call: () => mods.evaluate(m.id, c.input, c.policy, c.ctx) };
    const mod = mods.registry.get(m.id);
    const ctx = c.ctx !== null && typeof c.ctx === 'object' ? { ...c.ctx, calendar: prc } : c.ctx;
    return { name, mutated: c.mutated, call: () => mod?.evaluate(c.input, c.policy, ctx) };
  };

  /** Makes a call; its outcome and what it cost this thread. */
  const timed = async (
    call: () => unknown,
  ): Promise<{
    out: unknown;
    threw: boolean;
    thrown: unknown;
    t0: number;
    t1: number;
    cpuMs?: number;
    waitMs?: number;
  }> => {
    const c0 = clock?.();
    const t0 = performance.now();
    let thrown: unknown;
    let threw = false;
    let out: unknown;
    try {
      out = call();
      if (out !== null && typeof out === 'object' && typeof (out as Promise<unknown>).then === 'function') {
        out = await out;
      }
    } catch (e) {
      threw = true;
      thrown = e;
    }
    const t1 = performance.now();
    const c1 = clock?.();
    return {
      out,
      threw,
      thrown,
      t0,
      t1,
      ...(c0 && c1 ? { cpuMs: c1.cpuMs - c0.cpuMs, waitMs: c1.waitMs - c0.waitMs } : {}),
    };
  };

  return async (chunk: Chunk): Promise<ChunkResult> => {
    const start = performance.now();
    const c0 = clock?.();
    const r: ChunkResult = {
      chunk,
      cases: 0,
      ok: 0,
      refused: 0,
      failures: [],
      slow: [],
      slowWall: [],
      codes: {},
      stats: { wallMs: 0, gcMs: 0, majorGcs: 0, heapMb: 0 },
    };
    const [kind, a] = chunk.plan.split(':');
    const target = kind === 'fn' ? (targets[Number(a)] as LiveTarget) : undefined;
    if (target?.prepare && !prepared.has(target)) {
      await target.prepare();
      prepared.add(target);
    }
    /** Calls over the threshold on either clock: judged at the end of the chunk. */
    const candidates: { slow: Slow; t0: number; t1: number }[] = [];
    for (let index = chunk.start; index < chunk.start + chunk.count; index++) {
      let name = target?.name ?? chunk.plan;
      let made: ReturnType<typeof caseOf>;
      try {
        made = caseOf(chunk.plan, index);
        name = made.name;
      } catch (e) {
        // A fault of the fuzzer itself (generating the case), not of zhidu: reported as such.
        r.cases++;
        r.failures.push({
          target: name,
          plan: chunk.plan,
          index,
          errorClass: 'harness error',
          message: String(e).slice(0, 300),
          at: frameOf(e),
          ms: 0,
        });
        continue;
      }
      const { mutated } = made;
      started(index);
      const t = await timed(made.call);
      // What the call opened is closed before the next case (still watched for a hang, not timed).
      await release(t.out, made.keep?.() ?? []);
      state[1] = 0;
      const ms = t.t1 - t.t0;
      r.cases++;
      if (unhandled.length > 0) {
        const e = unhandled[0];
        unhandled = [];
        r.failures.push({
          target: name,
          plan: chunk.plan,
          index,
          errorClass: `unhandled rejection: ${classify(e) ?? 'ZhiduError'}`,
          message: e instanceof Error ? e.message.slice(0, 300) : String(e),
          at: frameOf(e),
          ms,
          ...(mutated ? { mutated } : {}),
        });
      }
      const slow: Slow = {
        target: name,
        plan: chunk.plan,
        index,
        ms,
        ...(t.cpuMs === undefined ? {} : { cpuMs: t.cpuMs, waitMs: t.waitMs }),
        ...(mutated ? { mutated } : {}),
      };
      if (!r.slowest || ms > r.slowest.ms) r.slowest = slow;
      if (ms >= init.slowMs || (t.cpuMs ?? 0) >= init.slowMs) candidates.push({ slow, t0: t.t0, t1: t.t1 });
      if (!t.threw) {
        r.ok++;
        continue;
      }
      const cls = classify(t.thrown);
      if (cls === undefined) {
        r.refused++;
        const code = (t.thrown as { code: string }).code;
        r.codes[code] = (r.codes[code] ?? 0) + 1;
        continue;
      }
      r.failures.push({
        target: name,
        plan: chunk.plan,
        index,
        errorClass: cls,
        message: (t.thrown instanceof Error ? t.thrown.message : String(t.thrown)).slice(0, 300),
        at: frameOf(t.thrown),
        ms,
        ...(mutated ? { mutated } : {}),
      });
    }
    const end = performance.now();
    const c1 = clock?.();
    await gc.settle();
    for (const c of candidates) c.slow.gcMs = gc.within(c.t0, c.t1);
    const pauses = gc.since(start).filter((p) => p.start <= end);
    r.stats = {
      wallMs: end - start,
      ...(c0 && c1 ? { cpuMs: c1.cpuMs - c0.cpuMs, waitMs: c1.waitMs - c0.waitMs } : {}),
      gcMs: pauses.reduce((s, p) => s + p.ms, 0),
      majorGcs: pauses.filter((p) => p.kind === 2).length,
      heapMb: heapUsedMb(),
    };
    // A candidate is slow when the call itself is: CPU time over the threshold (wall time where the
    // thread's clock cannot be read), and again when the same case is run alone after a full GC
    // (a fresh copy of its arguments, so no cache keyed by them helps; the garbage of the cases
    // before it is gone).
    for (const c of candidates) {
      const cost = c.slow.cpuMs ?? c.slow.ms;
      if (cost < init.slowMs) {
        r.slowWall.push(c.slow);
        continue;
      }
      collect?.();
      started(c.slow.index);
      const rerun = caseOf(chunk.plan, c.slow.index);
      const again = await timed(rerun.call);
      await release(again.out, rerun.keep?.() ?? []);
      state[1] = 0;
      c.slow.rerunMs = again.cpuMs ?? again.t1 - again.t0;
      if (c.slow.rerunMs >= init.slowMs) r.slow.push(c.slow);
      else r.slowWall.push(c.slow);
    }
    return r;
  };
}
