// Tiny timing helpers shared by the benchmarks. Figures are wall-clock on a shared machine: read the
// ratios between peers measured in the same run, not the absolute numbers.
import { performance } from 'node:perf_hooks';

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

/** Times one run of `fn` in milliseconds. */
export function timeOnce<T>(fn: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

/** Formats a rate with thousands separators. */
export function rate(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Prints a table of rows. */
export function table(rows: Record<string, string | number>[]): void {
  console.table(rows);
}
