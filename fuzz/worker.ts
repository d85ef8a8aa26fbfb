// One fuzz worker: loads every package, then runs the chunks of cases the runner sends. Before each
// call it writes the case index and start time into shared memory, so the runner can see a call that
// hangs and terminate this worker (a hang cannot report itself).
import { parentPort, workerData } from 'node:worker_threads';
import { type Chunk, caseSeed, functionCase, nearCase } from './cases.js';
import type { ModuleSeed } from './seeds.js';
import { type LiveTarget, loadTargets } from './targets.js';
import type { Domain } from './values.js';

/** What the runner passes each worker. */
export interface WorkerInit {
  seed: number;
  seeds: ModuleSeed[];
  /** Float64Array over it: [case index, start time (performance.timeOrigin + now), 0 when idle]. */
  state: SharedArrayBuffer;
  /** Calls at least this long are reported with their case. */
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
  ms: number;
  mutated?: string;
}

/** What a worker reports for a chunk. */
export interface ChunkResult {
  chunk: Chunk;
  cases: number;
  ok: number;
  refused: number;
  failures: Failure[];
  slow: Slow[];
  /** The chunk's slowest call. */
  slowest?: Slow;
  /** Refusals by ZhiduError code. */
  codes: Record<string, number>;
}

const init = workerData as WorkerInit;
const state = new Float64Array(init.state);
const now = (): number => performance.timeOrigin + performance.now();

const { targets, namespaces } = await loadTargets();
const core = namespaces.core as { isZhiduError?: (e: unknown) => boolean; ZhiduError: new () => Error };
const mods = namespaces.modules as {
  registry: ReadonlyMap<string, { evaluate: (i: unknown, p: unknown, c: unknown) => unknown }>;
  evaluate: (id: string, i: unknown, p: unknown, c: unknown) => unknown;
};
const calendarCn = namespaces['calendar-cn'] as { chinaCalendar: () => unknown };
const prc = calendarCn.chinaCalendar();

const domain: Domain = {
  strings: [
    ...init.seeds.map((s) => s.id),
    ...init.seeds.flatMap((s) => s.presets.flatMap((p) => [p.name, `${s.id}/${p.name}`])).slice(0, 200),
    'Asia/Shanghai',
    '2024-03-01',
    '2024-03-01T10:00:00+08:00',
  ],
  values: [
    ...init.seeds.flatMap((s) => s.inputs.slice(0, 1).map((i) => i.input)),
    ...init.seeds.flatMap((s) => s.presets.slice(0, 1).map((p) => p.policy)),
    prc,
    (core as unknown as { weekdayCalendar: () => unknown }).weekdayCalendar(),
    { now: '2024-03-01T10:00:00+08:00', calendar: prc },
  ],
};

function isZhidu(e: unknown): boolean {
  if (core.isZhiduError) return core.isZhiduError(e);
  return e instanceof core.ZhiduError;
}

function frameOf(e: unknown): string {
  const stack = e instanceof Error ? (e.stack ?? '') : '';
  const line = stack.split('\n').find((l) => l.includes('/packages/') && !l.includes('node_modules'));
  if (!line) return '';
  const m = /packages\/[^):]+:\d+/.exec(line);
  return m ? m[0] : line.trim();
}

/** `undefined` when the throw is allowed (a ZhiduError with a code and a path), else its class. */
function classify(e: unknown): string | undefined {
  if (isZhidu(e)) {
    const z = e as { code?: unknown; path?: unknown; message?: unknown };
    if (typeof z.code !== 'string' || z.code === '') return 'ZhiduError without code';
    if (!Array.isArray(z.path)) return 'ZhiduError without path';
    if (typeof z.message !== 'string' || z.message === '') return 'ZhiduError without message';
    return undefined;
  }
  if (e instanceof Error) return e.constructor?.name || e.name || 'Error';
  return `thrown ${e === null ? 'null' : typeof e}`;
}

let unhandled: unknown[] = [];
process.on('unhandledRejection', (e) => unhandled.push(e));

const prepared = new Set<LiveTarget>();

async function runChunk(chunk: Chunk): Promise<ChunkResult> {
  const r: ChunkResult = { chunk, cases: 0, ok: 0, refused: 0, failures: [], slow: [], codes: {} };
  const [kind, a, b] = chunk.plan.split(':');
  const target = kind === 'fn' ? (targets[Number(a)] as LiveTarget) : undefined;
  const mseed = kind === 'near' ? (init.seeds[Number(a)] as ModuleSeed) : undefined;
  if (target?.prepare && !prepared.has(target)) {
    await target.prepare();
    prepared.add(target);
  }
  for (let index = chunk.start; index < chunk.start + chunk.count; index++) {
    // Seeded by the callable's (or module preset's) name, not its position: adding an export does
    // not change the cases of the others.
    const s = caseSeed(
      init.seed,
      target ? target.name : `near:${mseed?.id}/${mseed?.presets[Number(b)]?.name}`,
      index,
    );
    let call: () => unknown;
    let name = target?.name ?? chunk.plan;
    let mutated: string | undefined;
    try {
      if (target) {
        const args = functionCase(target.arity, domain, s);
        name = target.name;
        call = () => target.call(args);
      } else {
        const m = mseed as ModuleSeed;
        const c = nearCase(m, Number(b), domain, s);
        mutated = c.mutated;
        name = `${c.route === 'registry' ? 'modules.evaluate' : `${m.id}.evaluate`} (near-valid ${m.id}/${m.presets[Number(b)]?.name ?? '-'})`;
        if (c.route === 'registry') call = () => mods.evaluate(m.id, c.input, c.policy, c.ctx);
        else {
          const mod = mods.registry.get(m.id);
          const ctx = c.ctx !== null && typeof c.ctx === 'object' ? { ...c.ctx, calendar: prc } : c.ctx;
          call = () => mod?.evaluate(c.input, c.policy, ctx);
        }
      }
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
    state[0] = index;
    const t0 = now();
    state[1] = t0;
    let thrown: unknown;
    let threw = false;
    try {
      const out = call();
      if (out !== null && typeof out === 'object' && typeof (out as Promise<unknown>).then === 'function') {
        await out;
      }
    } catch (e) {
      threw = true;
      thrown = e;
    }
    const ms = now() - t0;
    state[1] = 0;
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
    const slow: Slow = { target: name, plan: chunk.plan, index, ms, ...(mutated ? { mutated } : {}) };
    if (!r.slowest || ms > r.slowest.ms) r.slowest = slow;
    if (ms >= init.slowMs) r.slow.push(slow);
    if (!threw) {
      r.ok++;
      continue;
    }
    const cls = classify(thrown);
    if (cls === undefined) {
      r.refused++;
      const code = (thrown as { code: string }).code;
      r.codes[code] = (r.codes[code] ?? 0) + 1;
      continue;
    }
    r.failures.push({
      target: name,
      plan: chunk.plan,
      index,
      errorClass: cls,
      message: (thrown instanceof Error ? thrown.message : String(thrown)).slice(0, 300),
      at: frameOf(thrown),
      ms,
      ...(mutated ? { mutated } : {}),
    });
  }
  return r;
}

const port = parentPort;
if (!port) throw new Error('fuzz/worker.ts runs as a worker thread');
port.on('message', (chunk: Chunk) => {
  runChunk(chunk).then(
    (r) => port.postMessage({ type: 'result', result: r }),
    (e) =>
      port.postMessage({ type: 'fatal', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
port.postMessage({ type: 'ready', targets: targets.length });
