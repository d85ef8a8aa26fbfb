/**
 * Evaluating a large log in parallel: per-subject inputs (one customer's events, one complaint's
 * timers …) spread over worker threads, each evaluated with the registry's `evaluate`, the
 * decisions returned in input order — the same decisions as one `inputs.map(…)` in this thread.
 *
 * {@link createEvaluationPool} starts the workers once and keeps them for every call;
 * {@link evaluateInParallel} is one call on a pool of its own, closed when the call ends.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import {
  describeValue,
  expectKnownKeys,
  isZhiduError,
  type ModuleDecision,
  makeContext,
  ZhiduError,
} from '@zhidu/core';
import { evaluate, getModule, getPreset } from './index.js';
import type { RegistryContextInput } from './registry.js';
import { loadableUrl, type WorkerEntry, workerEntry } from './worker-source.js';

// The worker loads this file (from source under tsx, or the bundle it is part of) and calls the
// `evaluate` it re-exports: in the bundle, the chunk holding this code exports `evaluate` as well.
export { evaluate } from './index.js';

/**
 * The context {@link evaluateInParallel} and {@link EvaluationPool.evaluate} take: the registry's
 * context without `calendar` (a calendar is code and cannot cross to a worker thread; the workers
 * use the PRC calendar, set up by `outsideData` and `notices`).
 */
export type ParallelContextInput = Omit<RegistryContextInput, 'calendar'>;

/** Options of one {@link EvaluationPool.evaluate} call. */
export interface PoolEvaluateOptions {
  /** The evaluation context (`now` at least), the same for every input. */
  ctx: ParallelContextInput;
  /**
   * What comes back for each input: `'decisions'` (default) the decision objects; `'json'` each
   * decision's JSON text, `JSON.stringify(decision)` written by the worker that evaluated it — for a
   * caller that sends or stores the decisions as JSON (an HTTP response, a file, a database), which
   * then neither rebuilds the decision objects in its own thread nor writes their JSON there.
   */
  output?: ParallelOutput;
}

/** What {@link EvaluationPool.evaluate} and {@link evaluateInParallel} give for each input. */
export type ParallelOutput = 'decisions' | 'json';

/** Options of one {@link EvaluationPool.evaluate} call whose decisions come back as JSON text. */
export type PoolJsonOptions = PoolEvaluateOptions & { output: 'json' };

/** Options of {@link evaluateInParallel}. */
export interface ParallelOptions extends PoolEvaluateOptions {
  /** Worker threads (default: the machine's available parallelism − 1, at least 1); 1 evaluates in this thread. */
  workers?: number;
}

/** Options of {@link createEvaluationPool}. */
export interface EvaluationPoolOptions {
  /** Worker threads (default: the machine's available parallelism − 1, at least 1). */
  workers?: number;
  /**
   * Where the workers load zhidu from when this package itself runs from its sources (a checkout of
   * the zhidu repository, under tsx): `'built'` the bundle in `dist/`, `'source'` the sources under
   * tsx (seconds per worker), `'auto'` (default) the bundle when it is at least as new as the
   * sources of this package and of every zhidu package it uses, else the sources. An installed
   * package always runs its bundle and ignores this.
   */
  load?: 'auto' | 'built' | 'source';
}

/**
 * Worker threads that evaluate modules, started once and kept: each call sends its inputs in shares
 * to idle workers and resolves to the decisions in input order. Made by {@link createEvaluationPool}.
 */
export interface EvaluationPool {
  /** The number of worker threads. */
  readonly workers: number;
  /**
   * Resolves when every worker has loaded zhidu (calls made earlier wait for it anyway): to start
   * the workers ahead of the first call, or to time the start-up on its own.
   * @throws ZhiduError `internal_error` when a worker cannot load zhidu; `invalid_state` once closed
   */
  ready(): Promise<void>;
  /**
   * The decisions of `moduleId` over `inputs` (one per subject), in input order: the same decisions
   * as `inputs.map((input) => evaluate(moduleId, input, policy, options.ctx))` — with
   * `output: 'json'`, each decision's JSON text, written by the workers. Calls may overlap; their
   * shares are taken in the order the calls were made.
   * @throws ZhiduError as {@link evaluateInParallel}; `internal_error` at `workers` when a worker
   *   dies during the call (the pool starts a new worker in its place); `invalid_state` at `pool`
   *   once the pool is closed
   */
  evaluate(
    moduleId: string,
    inputs: readonly unknown[],
    policy: unknown,
    options: PoolJsonOptions,
  ): Promise<string[]>;
  evaluate(
    moduleId: string,
    inputs: readonly unknown[],
    policy: unknown,
    options: PoolEvaluateOptions & { output?: 'decisions' },
  ): Promise<ModuleDecision<unknown>[]>;
  evaluate(
    moduleId: string,
    inputs: readonly unknown[],
    policy: unknown,
    options: PoolEvaluateOptions,
  ): Promise<ModuleDecision<unknown>[] | string[]>;
  /**
   * Terminates the workers; resolves when they have stopped. Calls still running are refused with
   * `invalid_state`. Closing twice is harmless.
   */
  close(): Promise<void>;
}

/**
 * The worker's program: registers the source loaders when needed, loads zhidu, then evaluates the
 * shares it is sent. A share names its policy and context by key; the value comes along the first
 * time this worker sees the key (and `drop` lists keys the pool no longer tracks for it).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const boot = workerData.tsx
  ? import('node:module').then((nm) => import(workerData.tsx).then((api) => {
      api.register();
      nm.register('data:text/javascript,' + encodeURIComponent(workerData.hook));
    }))
  : Promise.resolve();
boot.then(() => import(workerData.url)).then((m) => {
  const kept = new Map();
  let crash = false;
  parentPort.on('message', (share) => {
    if (share.crashOnNextShare) { crash = true; return; }
    if (crash) process.exit(70);
    if (share.drop) for (const key of share.drop) kept.delete(key);
    if (share.sendPolicy) kept.set(share.policyKey, share.policy);
    if (share.sendCtx) kept.set(share.ctxKey, share.ctx);
    const policy = kept.get(share.policyKey);
    const ctx = kept.get(share.ctxKey);
    const decisions = [];
    for (let i = 0; i < share.inputs.length; i++) {
      try {
        const d = m.evaluate(share.moduleId, share.inputs[i], policy, ctx);
        decisions.push(share.json ? JSON.stringify(d) : d);
      } catch (e) {
        const zhidu = e && typeof e === 'object' && typeof e.code === 'string' && Array.isArray(e.path);
        const message = String((e && e.message) || e);
        const at = zhidu && e.path.length > 0 ? message.lastIndexOf(' (at ') : -1;
        parentPort.postMessage({
          failed: share.start + i,
          error: zhidu
            ? { code: e.code, path: e.path, message: at >= 0 ? message.slice(0, at) : message, details: e.details }
            : { message },
        });
        return;
      }
    }
    parentPort.postMessage({ decisions });
  });
  parentPort.postMessage({ ready: true });
}).catch((e) => {
  parentPort.postMessage({ boot: String((e && e.message) || e) });
});
`;

/** Adds the `@zhidu/source` export condition, so workspace packages resolve to their sources. */
const SOURCE_CONDITION_HOOK = `export async function resolve(specifier, context, next) {
  return next(specifier, { ...context, conditions: [...(context.conditions ?? []), '@zhidu/source'] });
}`;

/** Policies and contexts a worker keeps at most (the least recently used go first). */
const KEPT_PER_WORKER = 64;

function invalid(path: (string | number)[], message: string): ZhiduError {
  return new ZhiduError('invalid_input', path, message);
}

/** `e` with the input's index in front of its path. */
function atIndex(index: number, e: unknown): ZhiduError {
  if (isZhiduError(e)) {
    const raw = e.path.length > 0 ? e.message.slice(0, e.message.lastIndexOf(' (at ')) : e.message;
    return new ZhiduError(e.code, [index, ...e.path], raw, e.details);
  }
  return new ZhiduError(
    'internal_error',
    [index],
    `第 ${index} 项求值失败 / evaluating input ${index} failed: ${String((e as Error)?.message ?? e)}`,
  );
}

function workerFailed(message: string): ZhiduError {
  return new ZhiduError(
    'internal_error',
    ['workers'],
    `求值工作线程失败 / an evaluation worker failed: ${message}`,
  );
}

function closedPool(): ZhiduError {
  return new ZhiduError('invalid_state', ['pool'], '求值池已关闭 / the evaluation pool is closed');
}

/** `workers` checked, or the default (available parallelism − 1, at least 1). */
function workerCount(asked: unknown): number {
  const workers = asked ?? Math.max(1, availableParallelism() - 1);
  if (typeof workers !== 'number' || !Number.isSafeInteger(workers) || workers < 1) {
    throw invalid(['workers'], `须为正整数 / workers is a positive integer, got ${describeValue(asked)}`);
  }
  return workers;
}

/**
 * The checks of a call that concern no single input, in the order they are reported: the inputs
 * (an array), the options and context, the module, the preset. Throws the first refusal.
 */
function checkCall(
  moduleId: string,
  inputs: unknown,
  policy: unknown,
  options: unknown,
): ParallelContextInput {
  checkShape(inputs, options, ['ctx', 'output']);
  return checkContext(moduleId, policy, (options as PoolEvaluateOptions).ctx);
}

/** `inputs` an array and `options` an object, or the refusal. */
function checkShape(inputs: unknown, options: unknown, known: readonly string[]): void {
  if (!Array.isArray(inputs)) {
    throw invalid(
      ['inputs'],
      `须为输入数组（每个主体一项） / inputs is an array (one per subject), got ${describeValue(inputs)}`,
    );
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalid(
      ['options'],
      `须为选项对象（至少含 ctx） / options is an object with at least ctx, got ${describeValue(options)}`,
    );
  }
  // A misspelt `outpt` or `worker` was dropped: decisions came back instead of JSON text, and the
  // default thread count was used.
  expectKnownKeys(options, known, []);
  const output = (options as PoolEvaluateOptions).output;
  if (output !== undefined && output !== 'decisions' && output !== 'json') {
    throw invalid(
      ['output'],
      `须为 decisions 或 json / output is decisions or json, got ${describeValue(output)}`,
    );
  }
}

/** Whether the call asks for each decision's JSON text. */
const asJson = (options: PoolEvaluateOptions): boolean => options.output === 'json';

function checkContext(moduleId: string, policy: unknown, ctx: unknown): ParallelContextInput {
  if (ctx === null || typeof ctx !== 'object' || Array.isArray(ctx)) {
    throw invalid(
      ['ctx'],
      `须给出上下文（至少 now） / a context is required (at least now), got ${describeValue(ctx)}`,
    );
  }
  if ((ctx as RegistryContextInput).calendar !== undefined) {
    throw invalid(
      ['ctx', 'calendar'],
      '日历是代码，不能传给工作线程；请用 outsideData 和 notices 设置中国日历 / a calendar is code and cannot be sent to a worker thread; configure the PRC calendar with outsideData and notices',
    );
  }
  if ((ctx as { rng?: unknown }).rng !== undefined) {
    throw invalid(
      ['ctx', 'rng'],
      '随机数发生器是代码，不能传给工作线程；请给出 seed（每个工作线程按它抽取，与单线程相同） / a random source is code and cannot be sent to a worker thread; give a seed (each worker draws from it, as one thread does)',
    );
  }
  // Refusals that concern no input come first, without an index: the module, the preset, the context.
  const m = getModule(moduleId);
  if (typeof policy === 'string') {
    if (policy.includes('/') && policy.slice(0, policy.lastIndexOf('/')) !== m.id) {
      throw invalid(
        ['policy'],
        `预设 ${policy} 属于另一个模块，不是 ${m.id} / preset ${policy} belongs to another module, not ${m.id}`,
      );
    }
    getPreset(policy.includes('/') ? policy : `${m.id}/${policy}`);
  }
  const { outsideData: _o, notices: _n, ...plain } = ctx as ParallelContextInput;
  makeContext(plain);
  return ctx as ParallelContextInput;
}

/**
 * The key a worker keeps a policy or context under: a digest of its structured-clone serialization,
 * the very bytes a worker receives (so two values with one key are indistinguishable there: the
 * same key order, `undefined`, `NaN` and `-0` alike). Throws for a value that cannot be sent.
 */
function keyOf(kind: 'p' | 'c', value: unknown): string {
  return `${kind}:${createHash('sha256').update(serialize(value)).digest('base64')}`;
}

/** One call on the pool. */
interface Call {
  readonly moduleId: string;
  readonly inputs: readonly unknown[];
  readonly policy: unknown;
  readonly policyKey: string;
  readonly ctx: ParallelContextInput;
  readonly ctxKey: string;
  /** Whether the workers send each decision's JSON text instead of the decision. */
  readonly json: boolean;
  /** One decision (or its JSON text) per input. */
  readonly out: unknown[];
  /** First input of each share. */
  readonly starts: number[];
  readonly per: number;
  /** The next share to hand out. */
  next: number;
  /** Shares sent and not yet answered. */
  inFlight: number;
  firstFailed: number;
  firstError: ZhiduError | undefined;
  done: boolean;
  readonly resolve: (decisions: unknown[]) => void;
  readonly reject: (e: ZhiduError) => void;
}

/** One worker thread of the pool. */
interface Slot {
  readonly worker: Worker;
  ready: boolean;
  dead: boolean;
  /** The share it is working on. */
  busy: { call: Call; start: number } | undefined;
  /** Policy and context keys it keeps, least recently used first. */
  readonly kept: Map<string, true>;
}

/** A pool's state, reached by the pool object (and by the internal test hook below). */
interface PoolState {
  readonly entry: WorkerEntry;
  readonly slots: Slot[];
  readonly queue: Call[];
  closed: boolean;
  /** Set when a worker cannot load zhidu: every call is refused with it. */
  broken: ZhiduError | undefined;
  waiting: { resolve: () => void; reject: (e: ZhiduError) => void }[];
  /** What was sent to workers so far: policies, contexts, shares. */
  readonly traffic: { policies: number; contexts: number; shares: number };
}

const states = new WeakMap<EvaluationPool, PoolState>();

/**
 * Starts worker threads that evaluate zhidu modules, and keeps them for every call: the workers
 * load zhidu once (the bundle; from a checkout of the repository, the bundle when current, else
 * the sources under tsx), each policy and context is sent once per worker (kept by the digest of
 * its content), and each call's per-subject inputs go out in shares (about four per worker) that
 * idle workers take in turn. The decisions come back in input order, the same as
 * `inputs.map((input) => evaluate(moduleId, input, policy, ctx))` in one thread.
 *
 * Idle workers do not keep the process alive; `close()` terminates them. The CommonJS build uses
 * workers too (they load its `index.cjs`); where no worker can load this package (no file URL of
 * its own, as in an application bundled into one file), the pool evaluates in the calling thread.
 *
 * @param options - `workers` (default: available parallelism − 1, at least 1) and `load`
 * @returns the pool: `evaluate(moduleId, inputs, policy, { ctx })`, `ready()`, `close()`
 * @throws ZhiduError `invalid_input` for `workers` not a positive integer, `load` not one of
 *   `auto`, `built`, `source`, or `load: 'built'` without a build
 * @example
 * const pool = createEvaluationPool({ workers: 2 });
 * const complaint = (id: string, closed: string) => ({
 *   events: [
 *     { type: 'received', subject: id, at: '2024-03-01T10:00+08:00', assignees: { opsCustomerService: 'ops1' } },
 *     { type: 'closed', subject: id, at: closed },
 *   ],
 * });
 * try {
 *   const decisions = await pool.evaluate(
 *     'sla.timers',
 *     [complaint('r-1', '2024-03-04T09:00+08:00'), complaint('r-2', '2024-03-10T09:00+08:00')],
 *     'retail-000',
 *     { ctx: { now: '2024-03-20T00:00:00+08:00' } },
 *   );
 *   decisions.map((d) => d.value.violations.length); //=> [0, 1]
 * } finally {
 *   await pool.close();
 * }
 */
export function createEvaluationPool(options: EvaluationPoolOptions = {}): EvaluationPool {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalid(['options'], `须为选项对象 / options is an object, got ${describeValue(options)}`);
  }
  expectKnownKeys(options, ['workers', 'load'], []);
  const workers = workerCount(options.workers);
  const load = options.load ?? 'auto';
  if (load !== 'auto' && load !== 'built' && load !== 'source') {
    throw invalid(
      ['load'],
      `须为 auto、built 或 source / load is auto, built or source, got ${describeValue(options.load)}`,
    );
  }
  const entry = workerEntry(loadableUrl(import.meta.url), load);
  if (
    entry !== undefined &&
    load === 'built' &&
    entry.url.startsWith('file:') &&
    !existsSync(new URL(entry.url))
  ) {
    throw invalid(
      ['load'],
      `没有构建产物 ${entry.url}；请先运行 pnpm build / there is no build at ${entry.url}; run pnpm build first`,
    );
  }

  const state: PoolState = {
    entry: entry ?? { url: '' },
    slots: [],
    queue: [],
    closed: false,
    broken: undefined,
    waiting: [],
    traffic: { policies: 0, contexts: 0, shares: 0 },
  };

  /** Workers keep the process alive only while a call or `ready()` waits on them. */
  const refresh = () => {
    const wanted = state.queue.length > 0 || state.waiting.length > 0 || state.slots.some((s) => s.busy);
    for (const s of state.slots) {
      if (wanted) s.worker.ref();
      else s.worker.unref();
    }
  };

  const settleWaiting = () => {
    if (state.broken !== undefined) {
      for (const w of state.waiting.splice(0)) w.reject(state.broken);
    } else if (state.slots.length > 0 && state.slots.every((s) => s.ready)) {
      for (const w of state.waiting.splice(0)) w.resolve();
    }
  };

  const finish = (call: Call) => {
    if (call.done || call.inFlight > 0 || call.next < call.starts.length) return;
    call.done = true;
    const at = state.queue.indexOf(call);
    if (at >= 0) state.queue.splice(at, 1);
    if (call.firstError !== undefined) call.reject(call.firstError);
    else call.resolve(call.out);
  };

  const fail = (call: Call, e: ZhiduError) => {
    if (call.done) return;
    call.done = true;
    const at = state.queue.indexOf(call);
    if (at >= 0) state.queue.splice(at, 1);
    call.reject(e);
  };

  /** Marks `key` as kept by `slot`; returns whether it was already, and the keys it drops to make room. */
  const keep = (slot: Slot, key: string, drop: string[]): boolean => {
    const had = slot.kept.delete(key);
    slot.kept.set(key, true);
    while (slot.kept.size > KEPT_PER_WORKER) {
      const oldest = slot.kept.keys().next().value as string;
      slot.kept.delete(oldest);
      drop.push(oldest);
    }
    return had;
  };

  const dispatch = () => {
    for (const slot of state.slots) {
      if (!slot.ready || slot.dead || slot.busy) continue;
      let call: Call | undefined;
      let start: number | undefined;
      while (state.queue.length > 0 && start === undefined) {
        call = state.queue[0] as Call;
        const s = call.starts[call.next];
        // Shares after the first refused input cannot change the answer.
        if (call.done || s === undefined || s > call.firstFailed) {
          call.next = call.starts.length;
          state.queue.shift();
          finish(call);
          continue;
        }
        call.next++;
        start = s;
        if (call.next >= call.starts.length) state.queue.shift();
      }
      if (call === undefined || start === undefined) break;
      const drop: string[] = [];
      const sendPolicy = !keep(slot, call.policyKey, drop);
      const sendCtx = !keep(slot, call.ctxKey, drop);
      call.inFlight++;
      slot.busy = { call, start };
      state.traffic.shares++;
      if (sendPolicy) state.traffic.policies++;
      if (sendCtx) state.traffic.contexts++;
      slot.worker.postMessage({
        moduleId: call.moduleId,
        start,
        inputs: call.inputs.slice(start, start + call.per),
        policyKey: call.policyKey,
        ctxKey: call.ctxKey,
        ...(call.json ? { json: true } : {}),
        ...(sendPolicy ? { sendPolicy, policy: call.policy } : {}),
        ...(sendCtx ? { sendCtx, ctx: call.ctx } : {}),
        ...(drop.length > 0 ? { drop } : {}),
      });
    }
    refresh();
  };

  const spawn = (): Slot => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      ...(state.entry.execArgv === undefined ? {} : { execArgv: state.entry.execArgv }),
      workerData: {
        url: state.entry.url,
        // From source (`.ts`, run with tsx), the worker registers tsx's loader and the
        // `@zhidu/source` condition, as the fuzz campaign's workers do.
        tsx: state.entry.tsx,
        hook: SOURCE_CONDITION_HOOK,
      },
    });
    const slot: Slot = { worker, ready: false, dead: false, busy: undefined, kept: new Map() };
    const died = (why: string) => {
      if (slot.dead) return;
      slot.dead = true;
      const at = state.slots.indexOf(slot);
      if (at >= 0) state.slots.splice(at, 1);
      if (state.closed) return;
      const e = workerFailed(why);
      if (!slot.ready) {
        // It could not load zhidu: another would not either. Every call is refused with the cause.
        state.broken = e;
        for (const call of [...state.queue]) fail(call, e);
        for (const s of state.slots) if (s.busy) fail(s.busy.call, e);
        settleWaiting();
        for (const s of state.slots) void s.worker.terminate();
        state.slots.length = 0;
        return;
      }
      if (slot.busy) {
        slot.busy.call.inFlight--;
        fail(slot.busy.call, e);
      }
      void worker.terminate();
      state.slots.push(spawn());
      dispatch();
    };
    worker.on(
      'message',
      (msg: {
        ready?: boolean;
        boot?: string;
        decisions?: unknown[];
        failed?: number;
        error?: { code?: string; path?: (string | number)[]; message: string; details?: unknown };
      }) => {
        if (msg.boot !== undefined) {
          died(msg.boot);
          return;
        }
        if (msg.ready) {
          slot.ready = true;
          settleWaiting();
          dispatch();
          return;
        }
        const busy = slot.busy;
        slot.busy = undefined;
        if (busy === undefined) return;
        const call = busy.call;
        call.inFlight--;
        if (!call.done) {
          if (msg.decisions !== undefined) {
            for (let i = 0; i < msg.decisions.length; i++) call.out[busy.start + i] = msg.decisions[i];
          } else if (msg.failed !== undefined && msg.error !== undefined && msg.failed < call.firstFailed) {
            call.firstFailed = msg.failed;
            const e = msg.error;
            call.firstError =
              e.code !== undefined
                ? new ZhiduError(e.code as never, [msg.failed, ...(e.path ?? [])], e.message, e.details)
                : atIndex(msg.failed, new Error(e.message));
          }
          finish(call);
        }
        dispatch();
      },
    );
    worker.on('error', (e) => died(e.message));
    worker.on('exit', (code) => died(`exit code ${code}`));
    worker.unref();
    return slot;
  };

  if (entry !== undefined) for (let i = 0; i < workers; i++) state.slots.push(spawn());

  const pool: EvaluationPool = {
    workers,
    ready() {
      if (state.closed) return Promise.reject(closedPool());
      if (state.broken !== undefined) return Promise.reject(state.broken);
      if (entry === undefined) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        state.waiting.push({ resolve, reject });
        settleWaiting();
        refresh();
      });
    },
    async evaluate(
      moduleId: string,
      inputs: readonly unknown[],
      policy: unknown,
      callOptions: PoolEvaluateOptions,
      // (decisions or their JSON text, as the interface's overloads say for each `output`)
    ): Promise<never[]> {
      if (state.closed) throw closedPool();
      const ctx = checkCall(moduleId, inputs, policy, callOptions);
      const json = asJson(callOptions);
      if (state.broken !== undefined) throw state.broken;
      if (inputs.length === 0) return [];
      if (entry === undefined) return sequential(moduleId, inputs, policy, ctx, json) as never[];
      let policyKey: string;
      let ctxKey: string;
      try {
        policyKey = keyOf('p', policy);
        ctxKey = keyOf('c', ctx);
      } catch (e) {
        throw invalid(
          ['policy'],
          `制度须为可传给工作线程的 JSON 或预设名 / the policy is JSON or a preset name that can be sent to a worker thread: ${(e as Error).message}`,
        );
      }
      const per = Math.max(1, Math.ceil(inputs.length / (workers * 4)));
      const starts: number[] = [];
      for (let s = 0; s < inputs.length; s += per) starts.push(s);
      return new Promise<never[]>((resolve, reject) => {
        state.queue.push({
          moduleId,
          inputs,
          policy,
          policyKey,
          ctx,
          ctxKey,
          json,
          out: new Array(inputs.length),
          starts,
          per,
          next: 0,
          inFlight: 0,
          firstFailed: Number.POSITIVE_INFINITY,
          firstError: undefined,
          done: false,
          resolve: resolve as (decisions: unknown[]) => void,
          reject,
        });
        dispatch();
      });
    },
    async close() {
      if (state.closed) return;
      state.closed = true;
      const e = closedPool();
      for (const call of [...state.queue]) fail(call, e);
      for (const s of state.slots) if (s.busy) fail(s.busy.call, e);
      for (const w of state.waiting.splice(0)) w.reject(e);
      const slots = state.slots.splice(0);
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
  states.set(pool, state);
  return pool;
}

/**
 * `inputs.map(evaluate)` in this thread (each decision's JSON text with `json`), a refusal re-thrown
 * with the input's index in front.
 */
function sequential(
  moduleId: string,
  inputs: readonly unknown[],
  policy: unknown,
  ctx: ParallelContextInput,
  json: boolean,
): unknown[] {
  return inputs.map((input, i) => {
    let d: ModuleDecision<unknown>;
    try {
      d = evaluate(moduleId, input, policy, ctx);
    } catch (e) {
      throw atIndex(i, e);
    }
    return json ? JSON.stringify(d) : d;
  });
}

/**
 * Makes worker `index` of `pool` exit (code 70) when it receives its next share, as a crash would.
 * For the pool's own tests. @internal
 */
export function crashOnNextShare(pool: EvaluationPool, index = 0): void {
  const slot = states.get(pool)?.slots[index];
  if (slot === undefined) throw new Error(`no worker ${index}`);
  slot.worker.postMessage({ crashOnNextShare: true });
}

/** How many policies, contexts and shares `pool` has sent to its workers, for its own tests. @internal */
export function poolTraffic(pool: EvaluationPool): { policies: number; contexts: number; shares: number } {
  return { ...(states.get(pool)?.traffic ?? { policies: 0, contexts: 0, shares: 0 }) };
}

/** The workers' thread ids, for the pool's own tests. @internal */
export function poolThreadIds(pool: EvaluationPool): number[] {
  return (states.get(pool)?.slots ?? []).map((s) => s.worker.threadId);
}

/**
 * Evaluates one module over many per-subject inputs (one customer's events, one complaint's events
 * …) on worker threads, and returns the decisions in input order: the same decisions as
 * `inputs.map((input) => evaluate(moduleId, input, policy, ctx))`, the inputs split into shares
 * that idle workers take in turn. Partition a log by subject first (a subject's events all in one
 * input): a module judges each input alone. With one worker, one input, or where this module cannot
 * be loaded in a worker (no file URL of its own), it evaluates in this thread.
 *
 * Each call starts its workers and stops them at the end (a pool of its own): for repeated calls,
 * {@link createEvaluationPool} keeps the workers, and zhidu loaded in them, between calls.
 *
 * @param moduleId - e.g. `sla.timers` or `attribution.ownership`
 * @param inputs - one module input per subject
 * @param policy - a policy (JSON) or a preset name, the same for every input
 * @param options - `ctx` (`now` at least; `zone`, `seed`, `outsideData`, `notices`; no `calendar`),
 *   `workers` (default: available parallelism − 1, at least 1) and `output` (`'json'`: each
 *   decision's JSON text, written by the workers)
 * @returns one decision (or its JSON text) per input, in input order
 * @throws ZhiduError `invalid_input` for `inputs` not an array, `workers` not a positive integer,
 *   `output` not `'decisions'` or `'json'`, a context with a `calendar` or a policy that cannot be
 *   sent to a worker; an unknown module or
 *   preset as `evaluate`; the refusal of the first input (in input order) that is refused, with the
 *   input's index in front of its path (`[3, 'events', 0, 'at']`); `internal_error` when a worker
 *   dies
 * @example
 * const complaint = (id: string, closed: string) => ({
 *   events: [
 *     { type: 'received', subject: id, at: '2024-03-01T10:00+08:00', assignees: { opsCustomerService: 'ops1' } },
 *     { type: 'closed', subject: id, at: closed },
 *   ],
 * });
 * const decisions = await evaluateInParallel(
 *   'sla.timers',
 *   [complaint('r-1', '2024-03-04T09:00+08:00'), complaint('r-2', '2024-03-10T09:00+08:00')],
 *   'retail-000',
 *   { ctx: { now: '2024-03-20T00:00:00+08:00' }, workers: 2 },
 * );
 * decisions.map((d) => d.value.violations.length); //=> [0, 1]
 */
export async function evaluateInParallel(
  moduleId: string,
  inputs: readonly unknown[],
  policy: unknown,
  options: ParallelOptions & { output: 'json' },
): Promise<string[]>;
export async function evaluateInParallel(
  moduleId: string,
  inputs: readonly unknown[],
  policy: unknown,
  options: ParallelOptions & { output?: 'decisions' },
): Promise<ModuleDecision<unknown>[]>;
export async function evaluateInParallel(
  moduleId: string,
  inputs: readonly unknown[],
  policy: unknown,
  options: ParallelOptions,
): Promise<ModuleDecision<unknown>[] | string[]>;
export async function evaluateInParallel(
  moduleId: string,
  inputs: readonly unknown[],
  policy: unknown,
  options: ParallelOptions,
): Promise<unknown[]> {
  checkShape(inputs, options, ['ctx', 'output', 'workers']);
  const workers = workerCount(options.workers);
  const ctx = checkContext(moduleId, policy, options.ctx);
  const json = asJson(options);
  const threads = Math.min(workers, inputs.length);
  if (threads <= 1 || loadableUrl(import.meta.url) === undefined)
    return sequential(moduleId, inputs, policy, ctx, json);
  try {
    structuredClone([policy, ctx]);
  } catch (e) {
    throw invalid(
      ['policy'],
      `制度须为可传给工作线程的 JSON 或预设名 / the policy is JSON or a preset name that can be sent to a worker thread: ${(e as Error).message}`,
    );
  }
  const pool = createEvaluationPool({ workers: threads });
  try {
    return await pool.evaluate(moduleId, inputs, policy, { ctx, output: json ? 'json' : 'decisions' });
  } finally {
    await pool.close();
  }
}
