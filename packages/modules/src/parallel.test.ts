import { type ModuleDecision, seededRng, type ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { zhiduRejection as refusal } from '../../core/test/helpers.js';
import { evaluate, evaluateInParallel, type ParallelOutput } from './index.js';

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

/** A generated log, seeded: 120 complaints closed within a few hours up to four weeks, or never. */
const log = fc
  .sample(
    fc.array(fc.option(fc.integer({ min: 1, max: 24 * 28 }), { nil: null }), {
      minLength: 120,
      maxLength: 120,
    }),
    {
      seed: 21,
      numRuns: 1,
    },
  )[0]
  ?.map((hours, i) => complaint(`r-${i}`, hours)) as ReturnType<typeof complaint>[];

describe('evaluateInParallel', () => {
  it('returns the same decisions, in input order, as a sequential map over a generated sla.timers log (2 workers)', async () => {
    const sequential = log.map((input) => evaluate('sla.timers', input, 'retail-000', ctx));
    const parallel = await evaluateInParallel('sla.timers', log, 'retail-000', { ctx, workers: 2 });
    expect(parallel).toHaveLength(120);
    expect(parallel).toEqual(sequential);
    // The log is not trivial: some complaints breach the seven-day limit and some do not.
    const breached = parallel.filter((d) => d.value.violations.length > 0).length;
    expect(breached).toBeGreaterThan(0);
    expect(breached).toBeLessThan(120);
    expect(parallel.map((d) => d.provenance.module)).toEqual(Array(120).fill('sla.timers'));
  }, 120_000);

  it('re-throws the first refused input (in input order) with its index in front of the path', async () => {
    const inputs = [
      ...log.slice(0, 40),
      { events: [{ type: 'received', at: 'not a date' }] },
      ...log.slice(40, 80),
      { events: 'x' },
    ];
    const e = await refusal(evaluateInParallel('sla.timers', inputs, 'retail-000', { ctx, workers: 2 }));
    let sequential: ZhiduError | undefined;
    try {
      evaluate('sla.timers', inputs[40], 'retail-000', ctx);
    } catch (err) {
      sequential = err as ZhiduError;
    }
    expect(sequential?.code).toBeDefined();
    expect(e.code).toBe(sequential?.code);
    expect(e.path).toEqual([40, ...(sequential?.path ?? [])]);
    expect(e.path[0]).toBe(40);
    expect(e.message).toContain('[40]');
  }, 120_000);

  it('evaluates in this thread with workers: 1, with the same decisions and the index on a refusal', async () => {
    const few = log.slice(0, 5);
    const one = await evaluateInParallel('sla.timers', few, 'retail-000', { ctx, workers: 1 });
    expect(one).toEqual(few.map((input) => evaluate('sla.timers', input, 'retail-000', ctx)));
    const e = await refusal(
      evaluateInParallel('sla.timers', [few[0], { events: 3 }], 'retail-000', { ctx, workers: 1 }),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path[0]).toBe(1);
    expect(await evaluateInParallel('sla.timers', [], 'retail-000', { ctx, workers: 4 })).toEqual([]);
  });

  it("gives each decision's JSON text with output: 'json', on workers and in this thread alike", async () => {
    const expected = log.map((input) => JSON.stringify(evaluate('sla.timers', input, 'retail-000', ctx)));
    const two = await evaluateInParallel('sla.timers', log, 'retail-000', {
      ctx,
      workers: 2,
      output: 'json',
    });
    expect(two).toEqual(expected);
    const one = await evaluateInParallel('sla.timers', log.slice(0, 5), 'retail-000', {
      ctx,
      workers: 1,
      output: 'json',
    });
    expect(one).toEqual(expected.slice(0, 5));
    expect((JSON.parse(one[0] as string) as { provenance: { module: string } }).provenance.module).toBe(
      'sla.timers',
    );
  }, 120_000);

  it('types the result by output: JSON text, decisions, or either when output is not known statically (checked by tsc)', () => {
    const json = () => evaluateInParallel('sla.timers', log, 'retail-000', { ctx, output: 'json' });
    const objects = () => evaluateInParallel('sla.timers', log, 'retail-000', { ctx });
    const either = (output: ParallelOutput) =>
      evaluateInParallel('sla.timers', log, 'retail-000', { ctx, output });
    expectTypeOf(json).returns.resolves.toEqualTypeOf<string[]>();
    expectTypeOf(objects).returns.resolves.toEqualTypeOf<ModuleDecision<unknown>[]>();
    expectTypeOf(either).returns.resolves.toEqualTypeOf<ModuleDecision<unknown>[] | string[]>();
  });

  it.each([['JSON'], ['objects'], [true], [null]])(
    'refuses output %p as invalid_input at output before any worker starts',
    async (output) => {
      const e = await refusal(
        evaluateInParallel('sla.timers', log, 'retail-000', { ctx, workers: 2, output: output as never }),
      );
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['output']);
      expect(e.message).toMatch(/须为 decisions 或 json \/ output is decisions or json/);
    },
  );

  it.each([
    [0, ['workers']],
    [-1, ['workers']],
    [1.5, ['workers']],
    ['2', ['workers']],
    [Number.NaN, ['workers']],
  ])('refuses workers %p as invalid_input at workers', async (workers, path) => {
    const e = await refusal(
      evaluateInParallel('sla.timers', log, 'retail-000', { ctx, workers: workers as number }),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(path);
    expect(e.message).toMatch(/正整数 \/ workers is a positive integer/);
  });

  it.each([[null], [{ events: [] }], ['inputs'], [undefined]])(
    'refuses inputs %p (not an array) as invalid_input at inputs',
    async (inputs) => {
      const e = await refusal(evaluateInParallel('sla.timers', inputs as never, 'retail-000', { ctx }));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['inputs']);
      expect(e.message).toContain('inputs is an array');
    },
  );

  it('refuses bad options, a calendar, a bad context, an unknown module or preset before any worker starts', async () => {
    const opts = await refusal(evaluateInParallel('sla.timers', log, 'retail-000', null as never));
    expect([opts.code, opts.path]).toEqual(['invalid_input', ['options']]);
    const noCtx = await refusal(evaluateInParallel('sla.timers', log, 'retail-000', {} as never));
    expect([noCtx.code, noCtx.path]).toEqual(['invalid_input', ['ctx']]);
    const calendar = await refusal(
      evaluateInParallel('sla.timers', log, 'retail-000', {
        ctx: { ...ctx, calendar: { isWorkday: () => true } } as never,
      }),
    );
    expect([calendar.code, calendar.path]).toEqual(['invalid_input', ['ctx', 'calendar']]);
    expect(calendar.message).toContain('cannot be sent to a worker thread');
    // A random source likewise (it was refused at `policy`, as though the policy could not be sent).
    const rng = await refusal(
      evaluateInParallel('sla.timers', log, 'retail-000', { ctx: { ...ctx, rng: seededRng(1) } as never }),
    );
    expect([rng.code, rng.path]).toEqual(['invalid_input', ['ctx', 'rng']]);
    expect(rng.message).toContain('give a seed');
    const now = await refusal(
      evaluateInParallel('sla.timers', log, 'retail-000', { ctx: { now: 'yesterday' } }),
    );
    expect(now.code).toBe('invalid_instant');
    const mod = await refusal(evaluateInParallel('sla.timer', log, 'retail-000', { ctx }));
    expect([mod.code, mod.path]).toEqual(['unknown_reference', ['module']]);
    expect(mod.message).toContain('sla.timers');
    const preset = await refusal(evaluateInParallel('sla.timers', log, 'retail-00', { ctx }));
    expect([preset.code, preset.path]).toEqual(['unknown_reference', ['preset']]);
    const other = await refusal(
      evaluateInParallel('sla.timers', log, 'attribution.ownership/sales-office-001', { ctx }),
    );
    expect([other.code, other.path]).toEqual(['invalid_input', ['policy']]);
  });

  it('refuses a policy that cannot be sent to a worker thread', async () => {
    const e = await refusal(
      evaluateInParallel('sla.timers', log, { params: { f: () => 1 } }, { ctx, workers: 2 }),
    );
    expect([e.code, e.path]).toEqual(['invalid_input', ['policy']]);
    expect(e.message).toContain('sent to a worker thread');
  });
});
