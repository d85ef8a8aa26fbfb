// Timing helpers shared by the benchmarks. Figures are wall-clock on a shared machine: read the
// ratios between peers measured in the same run, not the absolute numbers.
//
// Every bench file: builds its inputs, cross-checks that each peer computes the same headline answer
// (a disagreement throws, so the process exits 1, in quick mode too), then times medians of at least
// five runs (after the same untimed warm-up for every path) and reports each comparison through
// `Report`, which prints a table with the targets (MET / NOT MET) and one `BENCH_JSON {...}` line that bench/run.ts collects into
// bench/results/latest.json. In quick mode (`pnpm bench --quick`, or ZHIDU_BENCH_QUICK=1) inputs are
// small, answers are still cross-checked, and targets are reported as "not checked".
import { performance } from 'node:perf_hooks';

/** True when the run only checks that answers agree (`--quick` or ZHIDU_BENCH_QUICK=1). */
export const quick = process.env.ZHIDU_BENCH_QUICK === '1' || process.argv.includes('--quick');

/** The number of timed runs whose median is reported (≥ 5; 1 in quick mode, where time is not read). */
export const RUNS = quick ? 1 : Math.max(5, Number(process.env.ZHIDU_BENCH_RUNS ?? 5));

/** Picks the full size, or the quick size in quick mode. An env var (when set) wins over both. */
export function size(full: number, small: number, env?: string): number {
  const fromEnv = env === undefined ? undefined : process.env[env];
  if (fromEnv !== undefined && fromEnv !== '') return Number(fromEnv);
  return quick ? small : full;
}

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? Number.NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** Throws (the bench exits 1) when two answers differ. */
export function agree(what: string, a: unknown, b: unknown): void {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  if (x !== y)
    throw new Error(`answers differ: ${what}\n  zhidu: ${x?.slice(0, 400)}\n  peer:  ${y?.slice(0, 400)}`);
}

/**
 * A copy of an answer: every object and array that is not frozen allocated again with the same keys in
 * the same order, every value read once; frozen objects (the decisions and trace entries a module builds
 * once and shares between answers) kept as they are, as the module keeps them. Timed on a module's
 * answer, it is the cost of building an answer of that shape with no validation and no rule: a figure
 * beside the floor, which builds only the headline answer.
 */
export function copyAnswer<T>(v: T): T {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyAnswer(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = copyAnswer((v as Record<string, unknown>)[k]);
  return out as T;
}

/** How many objects and arrays an answer allocates of its own (frozen ones are shared: not counted). */
export function ownObjects(v: unknown): number {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return 0;
  let n = 1;
  if (Array.isArray(v)) for (const x of v) n += ownObjects(x);
  else for (const k in v) n += ownObjects((v as Record<string, unknown>)[k]);
  return n;
}

/** Runs `fn` repeatedly for at least `minMs` (after a warm-up) and returns operations per second. */
export function opsPerSecond(fn: () => unknown, minMs = 300): number {
  for (let i = 0; i < 50; i++) fn();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}

/** The median of `RUNS` measurements of `opsPerSecond(fn, minMs)`. */
export function medianOps(fn: () => unknown, minMs = quick ? 20 : 200): number {
  const xs: number[] = [];
  for (let r = 0; r < RUNS; r++) xs.push(opsPerSecond(fn, minMs));
  return median(xs);
}

/** Times one run of `fn` in milliseconds. */
export function timeOnce<T>(fn: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

/**
 * Untimed runs before `medianMs` times any: every path, zhidu's and each peer's, gets the same warm-up, as
 * `opsPerSecond` warms before it counts, so a median of whole-log runs reads code the engine has compiled (a
 * large function is optimised only after a few calls) rather than its first calls. None in quick mode.
 */
export const WARMUP_RUNS = quick ? 0 : 2;

/** The median wall time of `RUNS` runs of `fn` after `WARMUP_RUNS` untimed ones (each result dropped before the next run). */
export function medianMs(fn: () => unknown, runs = RUNS): number {
  for (let w = 0; w < WARMUP_RUNS; w++) fn();
  const xs: number[] = [];
  for (let r = 0; r < runs; r++) xs.push(timeOnce(fn).ms);
  return median(xs);
}

/**
 * The median wall time of each path, timed in rounds: every path warmed the same way first (`WARMUP_RUNS`),
 * then each round times every path once, in the order given. On a shared machine whose load swings, a path
 * timed only early or only late would otherwise meet a different machine than its peer (the credit bench
 * times its rounds the same way).
 */
export function medianMsEach<K extends string>(
  paths: Record<K, () => unknown>,
  runs = RUNS,
): Record<K, number> {
  const names = Object.keys(paths) as K[];
  for (const name of names) for (let w = 0; w < WARMUP_RUNS; w++) paths[name]();
  const xs = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < runs; r++) for (const name of names) xs[name].push(timeOnce(paths[name]).ms);
  return Object.fromEntries(names.map((n) => [n, median(xs[n])])) as Record<K, number>;
}

/**
 * {@link medianMsEach} for paths that may return a promise (each awaited before the next starts):
 * every path warmed the same way, then timed once per round, in the order given.
 */
export async function medianMsEachAsync<K extends string>(
  paths: Record<K, () => unknown>,
  runs = RUNS,
): Promise<Record<K, number>> {
  const names = Object.keys(paths) as K[];
  for (const name of names) for (let w = 0; w < WARMUP_RUNS; w++) await paths[name]();
  const xs = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < runs; r++)
    for (const name of names) {
      const start = performance.now();
      await paths[name]();
      xs[name].push(performance.now() - start);
    }
  return Object.fromEntries(names.map((n) => [n, median(xs[n])])) as Record<K, number>;
}

/** Formats a rate with thousands separators. */
export function rate(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Prints a table of rows. */
export function table(rows: Record<string, string | number>[]): void {
  console.table(rows);
}

/**
 * A target of the issue on one comparison: the ratio zhidu ÷ peer (speeds, higher is faster for
 * zhidu) must be at least `min`, or (for growth ratios) at most `max`.
 */
export interface Target {
  readonly min?: number;
  readonly max?: number;
  readonly text: string;
}

/** One comparison: zhidu against a peer or floor on the same inputs, as rates (higher is faster). */
export interface Comparison {
  readonly path: string;
  readonly zhidu: number;
  readonly peer: number;
  readonly peerName: string;
  readonly unit: string;
  /** zhidu ÷ peer, speeds: 2 means zhidu is twice as fast; 0.2 means 5× slower. */
  readonly ratio: number;
  readonly target?: string;
  readonly met?: boolean;
}

/** Collects a bench file's figures and comparisons, prints them and the `BENCH_JSON` line. */
export class Report {
  readonly comparisons: Comparison[] = [];
  readonly figures: Record<string, number | string> = {};
  constructor(readonly name: string) {}

  /** Records an absolute figure (no target). */
  figure(key: string, value: number | string): void {
    this.figures[key] = typeof value === 'number' ? Math.round(value * 100) / 100 : value;
  }

  /** Records zhidu against a peer, both as rates; `target` on the ratio zhidu ÷ peer. */
  compare(
    path: string,
    zhidu: number,
    peerName: string,
    peer: number,
    unit: string,
    target?: Target,
  ): Comparison {
    const ratio = zhidu / peer;
    const met =
      target === undefined || quick
        ? undefined
        : (target.min === undefined || ratio >= target.min) &&
          (target.max === undefined || ratio <= target.max);
    const c: Comparison = {
      path,
      zhidu: Math.round(zhidu),
      peer: Math.round(peer),
      peerName,
      unit,
      ratio: Math.round(ratio * 1000) / 1000,
      ...(target === undefined ? {} : { target: target.text }),
      ...(met === undefined ? {} : { met }),
    };
    this.comparisons.push(c);
    return c;
  }

  /** Prints the table and the `BENCH_JSON` line. */
  print(): void {
    if (this.comparisons.length > 0) {
      table(
        this.comparisons.map((c) => ({
          path: c.path,
          zhidu: `${rate(c.zhidu)} ${c.unit}`,
          peer: `${c.peerName}: ${rate(c.peer)}`,
          'zhidu ÷ peer': `${c.ratio < 10 ? c.ratio.toFixed(2) : c.ratio.toFixed(0)}×`,
          target:
            c.target === undefined
              ? '—'
              : `${c.target} ${c.met === undefined ? '(not checked)' : c.met ? 'MET' : 'NOT MET'}`,
        })),
      );
    }
    // A small figure that is not a whole number (a ratio, objects per event) keeps two decimals.
    for (const [k, v] of Object.entries(this.figures))
      console.log(
        `${k}: ${typeof v !== 'number' ? v : Math.abs(v) < 10 && !Number.isInteger(v) ? v.toFixed(2) : rate(v)}`,
      );
    console.log(
      `BENCH_JSON ${JSON.stringify({ name: this.name, mode: quick ? 'quick' : 'full', comparisons: this.comparisons, figures: this.figures })}`,
    );
  }
}
