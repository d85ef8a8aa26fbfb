/**
 * Evaluating a large log in parallel: per-subject inputs (one customer's events, one complaint's
 * timers …) spread over worker threads, each evaluated with the registry's `evaluate`, the
 * decisions returned in input order — the same decisions as one `inputs.map(…)` in this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describeValue, isZhiduError, type ModuleDecision, makeContext, ZhiduError } from '@zhidu/core';
import { evaluate, getModule, getPreset } from './index.js';
import type { RegistryContextInput } from './registry.js';
import { loadableUrl, tsxApi } from './worker-source.js';

// The worker loads this file (from source under tsx, or the bundle it is part of) and calls the
// `evaluate` it re-exports: in the bundle, the chunk holding this code exports `evaluate` as well.
export { evaluate } from './index.js';

/**
 * The context {@link evaluateInParallel} takes: the registry's context without `calendar` (a
 * calendar is code and cannot cross to a worker thread; the workers use the PRC calendar, set up by
 * `outsideData` and `notices`).
 */
export type ParallelContextInput = Omit<RegistryContextInput, 'calendar'>;

/** Options of {@link evaluateInParallel}. */
export interface ParallelOptions {
  /** The evaluation context (`now` at least), the same for every input. */
  ctx: ParallelContextInput;
  /** Worker threads (default: the machine's available parallelism − 1, at least 1); 1 evaluates in this thread. */
  workers?: number;
}

/** The worker's program: registers the source loaders when needed, then evaluates the shares it is sent. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const boot = workerData.tsx
  ? import('node:module').then((nm) => import(workerData.tsx).then((api) => {
      api.register();
      nm.register('data:text/javascript,' + encodeURIComponent(workerData.hook));
    }))
  : Promise.resolve();
boot.then(() => import(workerData.url)).then((m) => {
  parentPort.on('message', (share) => {
    const decisions = [];
    for (let i = 0; i < share.inputs.length; i++) {
      try {
        decisions.push(m.evaluate(workerData.moduleId, share.inputs[i], workerData.policy, workerData.ctx));
      } catch (e) {
        const zhidu = e && typeof e === 'object' && typeof e.code === 'string' && Array.isArray(e.path);
        const message = String((e && e.message) || e);
        const at = zhidu && e.path.length > 0 ? message.lastIndexOf(' (at ') : -1;
        parentPort.postMessage({
          start: share.start,
          failed: share.start + i,
          error: zhidu
            ? { code: e.code, path: e.path, message: at >= 0 ? message.slice(0, at) : message, details: e.details }
            : { message },
        });
        return;
      }
    }
    parentPort.postMessage({ start: share.start, decisions });
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

/**
 * Evaluates one module over many per-subject inputs (one customer's events, one complaint's events
 * …) on worker threads, and returns the decisions in input order: the same decisions as
 * `inputs.map((input) => evaluate(moduleId, input, policy, ctx))`, the inputs split into shares
 * that idle workers take in turn. Partition a log by subject first (a subject's events all in one
 * input): a module judges each input alone. With one worker, one input, or where this module cannot
 * be loaded in a worker (the CommonJS build), it evaluates in this thread.
 *
 * @param moduleId - e.g. `sla.timers` or `attribution.ownership`
 * @param inputs - one module input per subject
 * @param policy - a policy (JSON) or a preset name, the same for every input
 * @param options - `ctx` (`now` at least; `zone`, `seed`, `outsideData`, `notices`; no `calendar`)
 *   and `workers` (default: available parallelism − 1, at least 1)
 * @returns one decision per input, in input order
 * @throws ZhiduError `invalid_input` for `inputs` not an array, `workers` not a positive integer, a
 *   context with a `calendar` or a policy that cannot be sent to a worker; an unknown module or
 *   preset as `evaluate`; the refusal of the first input (in input order) that is refused, with the
 *   input's index in front of its path (`[3, 'events', 0, 'at']`)
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
  options: ParallelOptions,
): Promise<ModuleDecision<unknown>[]> {
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
  const asked = options.workers;
  const workers = asked ?? Math.max(1, availableParallelism() - 1);
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw invalid(['workers'], `须为正整数 / workers is a positive integer, got ${describeValue(asked)}`);
  }
  const ctx = options.ctx;
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
  const { outsideData: _o, notices: _n, ...plain } = ctx;
  makeContext(plain);
  const sequential = (): ModuleDecision<unknown>[] =>
    inputs.map((input, i) => {
      try {
        return evaluate(moduleId, input, policy, ctx);
      } catch (e) {
        throw atIndex(i, e);
      }
    });
  const url = loadableUrl(import.meta);
  const threads = Math.min(workers, inputs.length);
  if (threads <= 1 || url === undefined) return sequential();
  try {
    structuredClone([policy, ctx]);
  } catch (e) {
    throw invalid(
      ['policy'],
      `策略须为可传给工作线程的 JSON 或预设名 / the policy is JSON or a preset name that can be sent to a worker thread: ${(e as Error).message}`,
    );
  }
  // Shares small enough that a worker finishing early takes another (about four per worker).
  const per = Math.max(1, Math.ceil(inputs.length / (threads * 4)));
  const starts: number[] = [];
  for (let s = 0; s < inputs.length; s += per) starts.push(s);
  const out: ModuleDecision<unknown>[] = new Array(inputs.length);
  let next = 0;
  let firstFailed = Number.POSITIVE_INFINITY;
  let firstError: ZhiduError | undefined;
  const pool: Worker[] = [];
  const stop = () => {
    for (const w of pool) void w.terminate();
  };
  const failed = (message: string) =>
    new ZhiduError(
      'internal_error',
      ['workers'],
      `求值工作线程失败 / an evaluation worker failed: ${message}`,
    );
  try {
    await Promise.all(
      Array.from(
        { length: threads },
        () =>
          new Promise<void>((resolve, reject) => {
            const worker = new Worker(WORKER_SOURCE, {
              eval: true,
              workerData: {
                url,
                // From source (`.ts`, run with tsx), the worker registers tsx's loader and the
                // `@zhidu/source` condition, as the fuzz campaign's workers do.
                tsx: url.endsWith('.ts') ? tsxApi() : undefined,
                hook: SOURCE_CONDITION_HOOK,
                moduleId,
                policy,
                ctx,
              },
            });
            pool.push(worker);
            const send = () => {
              // Shares after the first refused input cannot change the answer.
              const start = starts[next];
              if (start === undefined || start > firstFailed) {
                resolve();
                return;
              }
              next++;
              worker.postMessage({ start, inputs: inputs.slice(start, start + per) });
            };
            worker.on(
              'message',
              (msg: {
                ready?: boolean;
                boot?: string;
                start?: number;
                decisions?: ModuleDecision<unknown>[];
                failed?: number;
                error?: { code?: string; path?: (string | number)[]; message: string; details?: unknown };
              }) => {
                if (msg.boot !== undefined) {
                  reject(failed(msg.boot));
                  return;
                }
                if (msg.decisions !== undefined && msg.start !== undefined) {
                  for (let i = 0; i < msg.decisions.length; i++)
                    out[msg.start + i] = msg.decisions[i] as ModuleDecision<unknown>;
                } else if (msg.failed !== undefined && msg.error !== undefined && msg.failed < firstFailed) {
                  firstFailed = msg.failed;
                  const e = msg.error;
                  firstError =
                    e.code !== undefined
                      ? new ZhiduError(e.code as never, [msg.failed, ...(e.path ?? [])], e.message, e.details)
                      : atIndex(msg.failed, new Error(e.message));
                }
                send();
              },
            );
            worker.on('error', (e) => reject(failed(e.message)));
            worker.on('exit', (code) => {
              if (code !== 0) reject(failed(`exit code ${code}`));
            });
          }),
      ),
    );
  } finally {
    stop();
  }
  if (firstError !== undefined) throw firstError;
  return out;
}
