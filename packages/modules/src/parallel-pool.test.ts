import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isZhiduError, type ModuleDecision, seededRng, type ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhiduRejection as refusal } from '../../core/test/helpers.js';
import { createEvaluationPool, type EvaluationPool, evaluate, getPreset } from './index.js';
import { crashOnNextShare, poolThreadIds, poolTraffic } from './parallel.js';
import { builtIsCurrent, loadableUrl, withoutSourceCondition } from './worker-source.js';

const ctx = { now: '2024-03-20T00:00:00+08:00' };

/** One retail complaint's events: received, and closed (or not) some hours later. */
const complaint = (id: string, closedAfterHours: number | null) => {
  const received = Date.parse('2024-03-01T02:00:00Z');
  return {
    events: [
      {
        type: 'received',
        subject: id,
        at: new Date(received).toISOString(),
        assignees: { opsCustomerService: `ops${id.length % 3}` },
      },
      ...(closedAfterHours === null
        ? []
        : [
            {
              type: 'closed',
              subject: id,
              at: new Date(received + closedAfterHours * 3_600_000).toISOString(),
            },
          ]),
    ],
  };
};

const hours = fc.option(fc.integer({ min: 1, max: 24 * 28 }), { nil: null });
/** A generated log, seeded: 90 complaints closed within a few hours up to four weeks, or never. */
const log = (
  fc.sample(fc.array(hours, { minLength: 90, maxLength: 90 }), { seed: 2121, numRuns: 1 })[0] ?? []
).map((h, i) => complaint(`r-${i}`, h));

/** `inputs.map(evaluate)` in this thread, or the first refusal with the input's index in front. */
function sequential(
  inputs: readonly unknown[],
  policy: unknown,
  at: typeof ctx,
): ModuleDecision<unknown>[] | ZhiduError {
  const out: ModuleDecision<unknown>[] = [];
  for (let i = 0; i < inputs.length; i++) {
    try {
      out.push(evaluate('sla.timers', inputs[i], policy, at));
    } catch (e) {
      if (!isZhiduError(e)) throw e;
      return Object.assign(new Error(e.message), {
        code: e.code,
        path: [i, ...e.path],
      }) as unknown as ZhiduError;
    }
  }
  return out;
}

async function outcome(
  p: Promise<ModuleDecision<unknown>[]>,
): Promise<ModuleDecision<unknown>[] | ZhiduError> {
  try {
    return await p;
  } catch (e) {
    if (isZhiduError(e)) return e;
    throw e;
  }
}

describe('createEvaluationPool', () => {
  let pool: EvaluationPool;
  beforeAll(async () => {
    pool = createEvaluationPool({ workers: 2 });
    await pool.ready();
  }, 120_000);
  afterAll(async () => {
    await pool?.close();
  });

  it('returns the same decisions, in input order, as one thread, and keeps its workers between calls', async () => {
    const expected = log.map((input) => evaluate('sla.timers', input, 'retail-000', ctx));
    const threads = poolThreadIds(pool);
    expect(threads).toHaveLength(2);
    const first = await pool.evaluate('sla.timers', log, 'retail-000', { ctx });
    const second = await pool.evaluate('sla.timers', log.slice(10), 'retail-000', { ctx });
    expect(first).toEqual(expected);
    expect(second).toEqual(expected.slice(10));
    const breached = first.filter((d) => d.value.violations.length > 0).length;
    expect(breached).toBeGreaterThan(0);
    expect(breached).toBeLessThan(log.length);
    // The same two threads answered both calls: no worker was started again.
    expect(poolThreadIds(pool)).toEqual(threads);
    expect(pool.workers).toBe(2);
  }, 120_000);

  it("gives each decision's JSON text with output: 'json', the JSON of the one-thread decision, and refuses as one thread does", async () => {
    const expected = log.map((input) => JSON.stringify(evaluate('sla.timers', input, 'retail-000', ctx)));
    const texts = await pool.evaluate('sla.timers', log, 'retail-000', { ctx, output: 'json' });
    expect(texts).toHaveLength(log.length);
    // Text for text: the same keys in the same order, written by the workers.
    expect(texts).toEqual(expected);
    expect(texts.every((t) => typeof t === 'string')).toBe(true);
    const parsed = texts.map((t) => JSON.parse(t) as { value: { violations: unknown[] } });
    const breached = parsed.filter((d) => d.value.violations.length > 0).length;
    expect(breached).toBeGreaterThan(0);
    expect(breached).toBeLessThan(log.length);
    // The same pool still gives decision objects to a call that asks for them (the default).
    const objects = await pool.evaluate('sla.timers', log.slice(0, 3), 'retail-000', {
      ctx,
      output: 'decisions',
    });
    expect(objects.map((d) => JSON.stringify(d))).toEqual(expected.slice(0, 3));
    const refused = [...log.slice(0, 50), { events: 'x' }];
    const e = await refusal(pool.evaluate('sla.timers', refused, 'retail-000', { ctx, output: 'json' }));
    const one = sequential(refused, 'retail-000', ctx) as ZhiduError;
    expect([e.code, e.path]).toEqual([one.code, one.path]);
    expect(e.path[0]).toBe(50);
    expect(e.message).toContain('(at [50].input.events)');
  }, 120_000);

  it('sends each policy and context once per worker, recognised by content (a copy is not sent again)', async () => {
    const policy = JSON.parse(JSON.stringify(getPreset('sla.timers/retail-000'))) as Record<string, unknown>;
    const before = poolTraffic(pool);
    const a = await pool.evaluate('sla.timers', log, policy, { ctx });
    const afterFirst = poolTraffic(pool);
    // Two workers: the policy went to each once (the context too, unless already kept from earlier calls).
    expect(afterFirst.policies - before.policies).toBe(2);
    expect(afterFirst.shares - before.shares).toBe(8);
    const copy = JSON.parse(JSON.stringify(policy)) as Record<string, unknown>;
    const b = await pool.evaluate('sla.timers', log, copy, { ctx: { ...ctx } });
    const afterSecond = poolTraffic(pool);
    expect(afterSecond.policies).toBe(afterFirst.policies);
    expect(afterSecond.contexts).toBe(afterFirst.contexts);
    expect(b).toEqual(a);
    expect(a).toEqual(log.map((input) => evaluate('sla.timers', input, policy, ctx)));
    // A policy whose keys come in another order is another policy to a worker (its trace may differ).
    const reordered = Object.fromEntries(Object.entries(policy).reverse());
    await pool.evaluate('sla.timers', log.slice(0, 4), reordered, { ctx });
    expect(poolTraffic(pool).policies).toBeGreaterThan(afterSecond.policies);
  }, 120_000);

  it('re-throws the first refused input in input order, with its index in front of the path, whichever share fails first', async () => {
    // The refusal at 87 lies in the last share, the one at 5 in the first; 5 is the answer.
    const inputs = [
      ...log.slice(0, 5),
      { events: [{ type: 'received', at: 'not a date' }] },
      ...log.slice(5, 86),
      { events: 'x' },
    ];
    const e = await refusal(pool.evaluate('sla.timers', inputs, 'retail-000', { ctx }));
    const expected = sequential(inputs, 'retail-000', ctx) as ZhiduError;
    expect(e.code).toBe(expected.code);
    expect(e.path).toEqual(expected.path);
    expect(e.path[0]).toBe(5);
    expect(e.message).toContain('[5]');
    // Only the last input refused: its index, 87.
    const late = await refusal(
      pool.evaluate('sla.timers', [...log.slice(0, 87), { events: 'x' }], 'retail-000', { ctx }),
    );
    expect([late.code, late.path[0]]).toEqual(['invalid_input', 87]);
    // The pool still answers afterwards.
    expect(await pool.evaluate('sla.timers', log.slice(0, 3), 'retail-000', { ctx })).toEqual(
      log.slice(0, 3).map((input) => evaluate('sla.timers', input, 'retail-000', ctx)),
    );
  }, 120_000);

  it('answers overlapping calls with different policies and contexts, each as one thread would', async () => {
    const later = { now: '2024-04-20T00:00:00+08:00' };
    const policy = getPreset('sla.timers/retail-000');
    const [a, b, c] = await Promise.all([
      pool.evaluate('sla.timers', log, 'retail-000', { ctx }),
      pool.evaluate('sla.timers', log.slice(0, 30), JSON.parse(JSON.stringify(policy)), { ctx: later }),
      pool.evaluate('sla.timers', [], 'retail-000', { ctx }),
    ]);
    expect(a).toEqual(sequential(log, 'retail-000', ctx));
    expect(b).toEqual(sequential(log.slice(0, 30), policy, later));
    expect(c).toEqual([]);
  }, 120_000);

  it('gives the decisions (or the first refusal) of one thread for generated logs, policies and instants (seeded property)', async () => {
    const policy = JSON.parse(JSON.stringify(getPreset('sla.timers/retail-000')));
    const bad = [{ events: 'x' }, { events: [{ type: 'received', at: 'not a date' }] }, null];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            { weight: 12, arbitrary: hours },
            { weight: 1, arbitrary: fc.constantFrom(0, 1, 2).map((k) => ({ bad: k })) },
          ),
          {
            maxLength: 40,
          },
        ),
        fc.constantFrom('2024-03-05T00:00:00+08:00', '2024-03-20T00:00:00+08:00', '2024-06-01T12:00:00Z'),
        fc.boolean(),
        async (items, now, byName) => {
          const inputs = items.map((h, i) =>
            h !== null && typeof h === 'object' ? bad[h.bad] : complaint(`p-${i}`, h),
          );
          const at = { now };
          const chosen = byName ? 'retail-000' : policy;
          const got = await outcome(pool.evaluate('sla.timers', inputs, chosen, { ctx: at }));
          const want = sequential(inputs, chosen, at);
          if (Array.isArray(want)) {
            expect(got).toEqual(want);
          } else {
            expect(isZhiduError(got)).toBe(true);
            expect([(got as ZhiduError).code, (got as ZhiduError).path]).toEqual([want.code, want.path]);
          }
        },
      ),
      { seed: 2121, numRuns: 25 },
    );
  }, 240_000);

  it.each([
    [null, ['inputs']],
    [{ events: [] }, ['inputs']],
  ])('refuses inputs %p (not an array) at inputs', async (inputs, path) => {
    const e = await refusal(pool.evaluate('sla.timers', inputs as never, 'retail-000', { ctx }));
    expect([e.code, e.path]).toEqual(['invalid_input', path]);
  });

  it('refuses bad options, a calendar, an unknown module or preset and a policy that cannot be sent, as evaluateInParallel does', async () => {
    const opts = await refusal(pool.evaluate('sla.timers', log, 'retail-000', null as never));
    expect([opts.code, opts.path]).toEqual(['invalid_input', ['options']]);
    const noCtx = await refusal(pool.evaluate('sla.timers', log, 'retail-000', {} as never));
    expect([noCtx.code, noCtx.path]).toEqual(['invalid_input', ['ctx']]);
    const output = await refusal(
      pool.evaluate('sla.timers', log, 'retail-000', { ctx, output: 'text' as never }),
    );
    expect([output.code, output.path]).toEqual(['invalid_input', ['output']]);
    const calendar = await refusal(
      pool.evaluate('sla.timers', log, 'retail-000', {
        ctx: { ...ctx, calendar: { isWorkday: () => true } } as never,
      }),
    );
    expect([calendar.code, calendar.path]).toEqual(['invalid_input', ['ctx', 'calendar']]);
    const rng = await refusal(
      pool.evaluate('sla.timers', log, 'retail-000', { ctx: { ...ctx, rng: seededRng(1) } as never }),
    );
    expect([rng.code, rng.path]).toEqual(['invalid_input', ['ctx', 'rng']]);
    const now = await refusal(pool.evaluate('sla.timers', log, 'retail-000', { ctx: { now: 'yesterday' } }));
    expect(now.code).toBe('invalid_instant');
    const mod = await refusal(pool.evaluate('sla.timer', log, 'retail-000', { ctx }));
    expect([mod.code, mod.path]).toEqual(['unknown_reference', ['module']]);
    const preset = await refusal(pool.evaluate('sla.timers', log, 'retail-00', { ctx }));
    expect([preset.code, preset.path]).toEqual(['unknown_reference', ['preset']]);
    const fn = await refusal(pool.evaluate('sla.timers', log, { params: { f: () => 1 } }, { ctx }));
    expect([fn.code, fn.path]).toEqual(['invalid_input', ['policy']]);
    expect(fn.message).toContain('sent to a worker thread');
  });

  it('fails the call with internal_error when a worker dies, and puts a new worker in its place', async () => {
    const before = poolThreadIds(pool);
    crashOnNextShare(pool, 0);
    const e = await refusal(pool.evaluate('sla.timers', log, 'retail-000', { ctx }));
    expect(e.code).toBe('internal_error');
    expect(e.path).toEqual(['workers']);
    expect(e.message).toContain('exit code 70');
    expect(e.message).toContain('an evaluation worker failed');
    await pool.ready();
    const after = poolThreadIds(pool);
    expect(after).toHaveLength(2);
    expect(after).not.toEqual(before);
    expect(after).toContain(before[1]);
    // The new worker answers as the old one did.
    expect(await pool.evaluate('sla.timers', log, 'retail-000', { ctx })).toEqual(
      sequential(log, 'retail-000', ctx),
    );
  }, 120_000);
});

describe('createEvaluationPool: options and closing', () => {
  it.each([
    [{ workers: 0 }, ['workers']],
    [{ workers: -1 }, ['workers']],
    [{ workers: 1.5 }, ['workers']],
    [{ workers: '2' }, ['workers']],
    [{ load: 'fast' }, ['load']],
    [null, ['options']],
  ])('refuses options %p as invalid_input naming the field', (options, path) => {
    let e: unknown;
    try {
      createEvaluationPool(options as never);
    } catch (err) {
      e = err;
    }
    expect(isZhiduError(e)).toBe(true);
    expect([(e as ZhiduError).code, (e as ZhiduError).path]).toEqual(['invalid_input', path]);
    expect((e as ZhiduError).message).toMatch(/ \/ /);
  });

  it('close() refuses a call in flight and every later call with invalid_state, stops its workers, and may be called twice', async () => {
    const pool = createEvaluationPool({ workers: 1, load: 'source' });
    const running = refusal(pool.evaluate('sla.timers', log, 'retail-000', { ctx }));
    await pool.close();
    const e = await running;
    expect([e.code, e.path]).toEqual(['invalid_state', ['pool']]);
    expect(e.message).toContain('the evaluation pool is closed');
    expect(poolThreadIds(pool)).toEqual([]);
    const later = await refusal(pool.evaluate('sla.timers', log, 'retail-000', { ctx }));
    expect([later.code, later.path]).toEqual(['invalid_state', ['pool']]);
    const ready = await refusal(pool.ready());
    expect(ready.code).toBe('invalid_state');
    await pool.close();
  }, 120_000);

  it('lets the process end by itself: a closed pool and an idle pool left open keep nothing alive', async () => {
    const script = fileURLToPath(new URL('../test/pool-exit.ts', import.meta.url));
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--conditions=@zhidu/source', '--import', 'tsx', script],
        { timeout: 150_000, cwd: fileURLToPath(new URL('../../..', import.meta.url)) },
        (error, out) => resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout: out }),
      );
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toEqual({ closed: [0, 1], open: [0, 1] });
  }, 180_000);
});

describe('where workers load zhidu from', () => {
  it('uses a build only when it is at least as new as the sources of the package and of its workspace dependencies', () => {
    const root = mkdtempSync(join(tmpdir(), 'zhidu-built-'));
    try {
      const pkg = (dir: string, name: string, deps: Record<string, string>) => {
        mkdirSync(join(root, dir, 'src'), { recursive: true });
        mkdirSync(join(root, dir, 'dist'), { recursive: true });
        writeFileSync(join(root, dir, 'package.json'), JSON.stringify({ name, dependencies: deps }));
        writeFileSync(join(root, dir, 'src', 'index.ts'), 'export {};');
        writeFileSync(join(root, dir, 'dist', 'index.js'), 'export {};');
      };
      pkg('modules', '@zhidu/modules', { '@zhidu/core': 'workspace:^', zod: '^4.1.0' });
      pkg('core', '@zhidu/core', {});
      const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);
      for (const p of [
        'modules/package.json',
        'modules/src/index.ts',
        'modules/src',
        'core/package.json',
        'core/src/index.ts',
        'core/src',
      ])
        at(p, 1_000);
      at('modules/dist/index.js', 2_000);
      at('core/dist/index.js', 2_000);
      expect(builtIsCurrent(join(root, 'modules'))).toBe(true);
      // A dependency's source edited after its build: not current.
      at('core/src/index.ts', 3_000);
      expect(builtIsCurrent(join(root, 'modules'))).toBe(false);
      at('core/dist/index.js', 3_000);
      expect(builtIsCurrent(join(root, 'modules'))).toBe(true);
      // A test file edited after the build: still current (no bundle holds it).
      writeFileSync(join(root, 'core', 'src', 'index.test.ts'), 'export {};');
      at('core/src', 3_000);
      at('core/src/index.test.ts', 3_500);
      expect(builtIsCurrent(join(root, 'modules'))).toBe(true);
      // A preset newer than the build: not current.
      mkdirSync(join(root, 'core', 'presets'));
      writeFileSync(join(root, 'core', 'presets', 'a.json'), '{}');
      at('core/presets/a.json', 4_000);
      at('core/presets', 1_000);
      expect(builtIsCurrent(join(root, 'modules'))).toBe(false);
      rmSync(join(root, 'core', 'presets'), { recursive: true });
      // No build of a dependency at all: not current.
      rmSync(join(root, 'core', 'dist'), { recursive: true });
      expect(builtIsCurrent(join(root, 'modules'))).toBe(false);
      expect(builtIsCurrent(join(root, 'nothing-here'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('drops only the @zhidu/source condition from the Node options a worker on the build gets', () => {
    expect(
      withoutSourceCondition([
        '--conditions=@zhidu/source',
        '--import',
        'tsx',
        '-C',
        '@zhidu/source',
        '--conditions',
        'other',
        '-C=@zhidu/source',
      ]),
    ).toEqual(['--import', 'tsx', '--conditions', 'other']);
  });

  it('loads the CommonJS build in a worker through its index.cjs, whichever bundle asks; nothing without a file URL', () => {
    // The ES module bundle's chunk and a source file load themselves again.
    expect(loadableUrl('file:///app/node_modules/@zhidu/modules/dist/chunk-AB12.js')).toBe(
      'file:///app/node_modules/@zhidu/modules/dist/chunk-AB12.js',
    );
    expect(loadableUrl('file:///repo/packages/modules/src/parallel.ts')).toBe(
      'file:///repo/packages/modules/src/parallel.ts',
    );
    // The CommonJS bundles (tsup's shim gives their own file URL): the package's CommonJS entry.
    expect(loadableUrl('file:///app/node_modules/@zhidu/modules/dist/index.cjs')).toBe(
      'file:///app/node_modules/@zhidu/modules/dist/index.cjs',
    );
    expect(loadableUrl('file:///app/node_modules/@zhidu/modules/dist/vitest.cjs')).toBe(
      'file:///app/node_modules/@zhidu/modules/dist/index.cjs',
    );
    expect(loadableUrl('file:///C:/app/dist/vitest.cjs')).toBe('file:///C:/app/dist/index.cjs');
    // No URL (a bundler's empty import.meta), or one a worker cannot import from disk.
    expect(loadableUrl(undefined)).toBeUndefined();
    expect(loadableUrl('')).toBeUndefined();
    expect(loadableUrl('https://cdn.example/zhidu/index.js')).toBeUndefined();
    expect(loadableUrl('data:text/javascript,0')).toBeUndefined();
  });
});
