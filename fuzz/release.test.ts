// What a fuzzed call opens is closed before the next case. `modules.createEvaluationPool` starts its
// worker threads when it is called; the campaign never closed the pools its cases created, so with
// seed 12 45 threads, each loading all of zhidu from source, booted beside the two fuzz workers and
// lived to the end of the run (the run went from 71 s to 167–246 s, and the calls right after that
// plan took over 1 s of wall time while using ~0.1 s of CPU).
import * as calendarCn from '@zhidu/calendar-cn';
import * as core from '@zhidu/core';
import * as modules from '@zhidu/modules';
import { describe, expect, it } from 'vitest';
import { poolThreadIds } from '../packages/modules/src/parallel.js';
import { createExecutor } from './exec.js';
import { type LiveTarget, release } from './targets.js';

describe('fuzz: a call that opens something has it closed', () => {
  it('the executor closes every evaluation pool the createEvaluationPool cases create: no worker thread left', async () => {
    const pools: modules.EvaluationPool[] = [];
    const target: LiveTarget = {
      name: 'modules.createEvaluationPool',
      pkg: 'modules',
      kind: 'function',
      arity: 1,
      call: (args) => {
        const pool = modules.createEvaluationPool(...(args as [modules.EvaluationPoolOptions]));
        pools.push(pool);
        return pool;
      },
    };
    const run = createExecutor(
      { seed: 12, seeds: [], state: new SharedArrayBuffer(64), slowMs: 600_000 },
      { targets: [target], namespaces: { core, modules, 'calendar-cn': calendarCn } },
    );
    const r = await run({ plan: 'fn:0', start: 0, count: 80 });
    expect(r.cases).toBe(80);
    expect(r.failures).toEqual([]);
    // Some cases pass options the pool accepts (undefined, {}, `workers` / `load` of the right kind;
    // an object with any other key is refused, so it takes more cases to open a few pools).
    expect(pools.length).toBeGreaterThanOrEqual(5);
    expect(pools.flatMap((p) => poolThreadIds(p))).toEqual([]);
    const ready = await Promise.allSettled(pools.map((p) => p.ready()));
    expect(
      ready.map((s) => (s.status === 'rejected' ? (s.reason as { code?: string }).code : 'open')),
    ).toEqual(pools.map(() => 'invalid_state'));
  }, 120_000);

  it('release closes a value with a close() method, once, and reports it', async () => {
    let closed = 0;
    const pool = { close: async () => void closed++ };
    expect(await release(pool)).toBe(true);
    expect(closed).toBe(1);
  });

  it('release leaves the values it must keep (the shared store) and values without close() alone', async () => {
    let closed = 0;
    const store = { close: () => void closed++ };
    expect(await release(store, [store])).toBe(false);
    expect(await release({ id: 'p' })).toBe(false);
    expect(await release(null)).toBe(false);
    expect(await release('close')).toBe(false);
    expect(await release(42)).toBe(false);
    expect(closed).toBe(0);
  });

  it('release survives a close() that throws or rejects and a close getter that throws', async () => {
    expect(
      await release({
        close: () => {
          throw new TypeError('no');
        },
      }),
    ).toBe(true);
    expect(await release({ close: () => Promise.reject(new Error('no')) })).toBe(true);
    const trap = Object.defineProperty({}, 'close', {
      get() {
        throw new Error('getter');
      },
    });
    expect(await release(trap)).toBe(false);
  });
});
