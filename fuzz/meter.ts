// What a fuzz call costs, measured from inside the thread that makes it: wall time, the thread's own
// CPU time, the time it was runnable but waiting for a core (descheduled: on a shared 2-core machine
// this is most of the wall time), and the garbage-collection pauses on the thread during the call.
// Wall time alone says how busy the machine was; CPU time says what the call cost.
import { closeSync, openSync, readlinkSync, readSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/** A reading of the calling thread's scheduler clock, in ms: on CPU, and runnable but waiting. */
export interface ThreadTimes {
  cpuMs: number;
  waitMs: number;
}

/**
 * The calling thread's CPU and run-queue wait times, read from Linux's `/proc/thread-self/schedstat`
 * (nanoseconds on CPU, nanoseconds runnable but waiting, time slices), or `undefined` where there is
 * no such file. Node 20 has no per-thread CPU clock (`process.cpuUsage()` sums every thread of the
 * process: both workers and V8's helper threads). One read costs ~6 µs of CPU.
 *
 * @returns a function reading the clock, on the thread that calls it
 * @example
 * const clock = threadClock();
 * const t0 = clock?.();
 * work();
 * const cpuMs = clock && t0 ? clock().cpuMs - t0.cpuMs : undefined;
 */
export function threadClock(file = '/proc/thread-self/schedstat'): (() => ThreadTimes) | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  const buf = Buffer.alloc(128);
  const read = (): ThreadTimes => {
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.toString('latin1', 0, n);
    const a = text.indexOf(' ');
    const b = text.indexOf(' ', a + 1);
    return { cpuMs: Number(text.slice(0, a)) / 1e6, waitMs: Number(text.slice(a + 1, b)) / 1e6 };
  };
  try {
    const t = read();
    if (!Number.isFinite(t.cpuMs) || !Number.isFinite(t.waitMs)) throw new Error('unreadable');
  } catch {
    closeSync(fd);
    return undefined;
  }
  return read;
}

/**
 * The Linux thread id of the calling thread (`/proc/thread-self` → `<pid>/task/<tid>`), or
 * `undefined`: a worker tells the runner, which reads the worker's clock through
 * {@link taskClock} while a call runs (a hung call cannot report its own time).
 *
 * @example
 * threadId(); //=> 4242 (on Linux)
 */
export function threadId(): number | undefined {
  try {
    const m = /task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The scheduler clock of another thread of this process, by its Linux thread id.
 *
 * @example
 * const clock = taskClock(threadId() ?? 0);
 * clock?.().waitMs; //=> ms this thread spent runnable but waiting for a core
 */
export function taskClock(tid: number): (() => ThreadTimes) | undefined {
  if (!Number.isSafeInteger(tid) || tid <= 0) return undefined;
  return threadClock(`/proc/self/task/${tid}/schedstat`);
}

/** One garbage collection on this thread: start (performance.now() time base) and duration, ms. */
export interface GcPause {
  start: number;
  ms: number;
  /** V8's kind: 1 minor (scavenge), 2 major (mark-compact), 4 incremental, 8 weak callbacks. */
  kind: number;
}

/**
 * The garbage collections of this thread (a PerformanceObserver of `gc` entries). Entries arrive
 * asynchronously: call {@link GcLog.settle} before reading the pauses of a call that just ended.
 *
 * @example
 * const gc = gcLog();
 * const t0 = performance.now();
 * work();
 * const t1 = performance.now();
 * await gc.settle();
 * gc.within(t0, t1); //=> ms of GC pauses between t0 and t1
 */
export interface GcLog {
  /** Milliseconds of GC pause overlapping [from, to] (performance.now() time base). */
  within(from: number, to: number): number;
  /** Every pause logged since `from`, and forgets the older ones. */
  since(from: number): GcPause[];
  /** Waits until the entries of the collections so far have been delivered. */
  settle(): Promise<void>;
  stop(): void;
}

/**
 * Starts logging this thread's garbage collections.
 *
 * @example
 * const gc = gcLog();
 * await gc.settle();
 * gc.since(0).length >= 0; //=> true
 */
export function gcLog(): GcLog {
  let pauses: GcPause[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as { detail?: { kind?: number } }).detail?.kind ?? 0;
      pauses.push({ start: e.startTime, ms: e.duration, kind });
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  return {
    within(from, to) {
      let ms = 0;
      for (const p of pauses) {
        const a = Math.max(p.start, from);
        const b = Math.min(p.start + p.ms, to);
        if (b > a) ms += b - a;
      }
      return ms;
    },
    since(from) {
      pauses = pauses.filter((p) => p.start + p.ms >= from);
      return pauses.slice();
    },
    settle: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
    stop: () => obs.disconnect(),
  };
}

/** The V8 heap in use on this thread, in MiB. */
export function heapUsedMb(): number {
  return getHeapStatistics().used_heap_size / 2 ** 20;
}
