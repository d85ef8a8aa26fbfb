// A sales office's log evaluated per customer (`attribution.ownership`, preset sales-office-001, ten
// events per customer), partitioned by subject: one input per customer holding that customer's
// events. Compared, at 1,000 and 10,000 customers (PARALLEL_BENCH_SIZES=1000,10000 to change):
// - single thread: `inputs.map((input) => evaluate('attribution.ownership', input, policy, ctx))`,
//   the registry's `evaluate` of @zhidu/modules, one customer after another;
// - pool: `createEvaluationPool({ workers: N })` warmed up (workers started, zhidu loaded, the
//   policy and context sent once), then `pool.evaluate(…)` over the same inputs; N is the machine's
//   parallelism, at least 2 (ZHIDU_BENCH_WORKERS to choose). Its time includes sending the inputs to
//   the workers and the decisions back (structured clone), not the start-up;
// - start-up, its own figure: `createEvaluationPool` to `ready()` (threads started and zhidu loaded
//   in each: the build when current, else the sources under tsx, seconds on a loaded machine), and
//   one `evaluateInParallel` call, which starts and stops a pool of its own every time.
// Both sides evaluate everything (validation, trace, provenance): the pool returns the full public
// decisions. Every decision is cross-checked — the pool's answer must equal the single-thread one,
// customer by customer, in quick mode too — before timing. There is no target: the pool can beat
// one thread only by the number of cores left idle by other work, less the cost of copying inputs
// and decisions between threads.

import { availableParallelism } from 'node:os';
import { createEvaluationPool, evaluate, evaluateInParallel } from '@zhidu/modules';
import { agree, medianMsEachAsync, quick, Report } from './harness.js';

const STAFF = Array.from({ length: 20 }, (_, i) => ({ id: `S${i}` }));
const pick = (i: number) => `S${i % 20}`;
const base = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

/** One customer's ten events: visits of several kinds, a registration, a follow-up, a lookup, a deal. */
function customer(c: number) {
  const customerId = `c${c}`;
  const t0 = base + (c % 50_000) * 90_000;
  const b = pick(c);
  const a = pick(c + 7);
  const visit = (t: number, onTurnId: string, extra: Record<string, unknown>) => ({
    type: 'visit',
    at: iso(t),
    customerId,
    onTurnId,
    presentIds: [a, b],
    ...extra,
  });
  const events = [
    visit(t0, b, { intake: { visitedBefore: 'no' } }),
    {
      type: 'registration',
      at: iso(t0 + 60_000),
      customerId,
      salespersonId: b,
      channel: 'walkIn',
      fields: { name: 'x', phone: '1' },
    },
    { type: 'followUp', at: iso(t0 + DAY), customerId, salespersonId: b, reached: c % 3 !== 0 },
    visit(t0 + 5 * DAY, a, { intake: { visitedBefore: 'yes', named: [b] }, presentIds: [a] }),
    visit(t0 + 9 * DAY, a, { intake: { visitedBefore: 'yes', named: [b] } }),
    visit(t0 + 12 * DAY, a, { intake: { visitedBefore: 'forgot' } }),
    { type: 'lookup', at: iso(t0 + 12 * DAY + 3_600_000), customerId, foundSalespersonId: b },
    visit(t0 + 20 * DAY, a, {
      intake: { visitedBefore: 'yes', named: [b] },
      designatedOnEntry: c % 2 ? a : b,
    }),
    visit(t0 + 25 * DAY, a, { intake: { visitedBefore: 'yes', named: [b], refusesPrevious: c % 4 === 0 } }),
    { type: 'deal', at: iso(t0 + 30 * DAY), customerId, stage: 'contract', closerId: a },
  ];
  return { customerId, staff: STAFF, events };
}

const SIZES = (process.env.PARALLEL_BENCH_SIZES ?? (quick ? '200' : '1000,10000'))
  .split(',')
  .map((n) => Number(n))
  .filter((n) => Number.isSafeInteger(n) && n > 0);
const WORKERS = Number(process.env.ZHIDU_BENCH_WORKERS ?? Math.max(2, availableParallelism()));
const MODULE = 'attribution.ownership';
const POLICY = 'sales-office-001';
const ctx = { now: '2025-06-01T00:00:00+08:00' };
const report = new Report('parallel');

// Start-up on its own: a pool from creation to every worker ready.
const bootStarted = performance.now();
const pool = createEvaluationPool({ workers: WORKERS });
await pool.ready();
const bootMs = performance.now() - bootStarted;

try {
  for (const customers of SIZES) {
    const inputs = Array.from({ length: customers }, (_, c) => customer(c));
    const events = inputs.length * 10;
    const single = () => inputs.map((input) => evaluate(MODULE, input, POLICY, ctx));
    const pooled = () => pool.evaluate(MODULE, inputs, POLICY, { ctx });
    // The same decisions wanted as JSON text (to send or store): one thread writes each decision's
    // JSON after evaluating it; the pool's workers write it (`output: 'json'`) and send the text.
    const singleJson = () => inputs.map((input) => JSON.stringify(evaluate(MODULE, input, POLICY, ctx)));
    const pooledJson = () => pool.evaluate(MODULE, inputs, POLICY, { ctx, output: 'json' });

    // Cross-check every decision before timing (this also warms the pool: policy and context sent).
    {
      const one = single();
      const many = await pooled();
      agree(`number of decisions at ${customers} customers (pool vs single thread)`, many.length, one.length);
      for (let i = 0; i < one.length; i++) {
        if (JSON.stringify(one[i]) !== JSON.stringify(many[i]))
          agree(`decision of customer c${i}`, many[i], one[i]);
      }
      const owned = one.filter((d) => (d.value.result as { owner?: unknown }).owner != null).length;
      if (owned === 0)
        throw new Error('the generated log gives no customer an owner: the comparison would be empty');
      const texts = singleJson();
      const pooledTexts = await pooledJson();
      agree(`number of JSON decisions at ${customers} customers`, pooledTexts.length, texts.length);
      for (let i = 0; i < texts.length; i++) {
        if (pooledTexts[i] !== texts[i]) agree(`JSON decision of customer c${i}`, pooledTexts[i], texts[i]);
      }
    }

    // Timed in rounds (every path once per round), so that each meets the same machine.
    const {
      single: sMs,
      pooled: pMs,
      singleJson: sjMs,
      pooledJson: pjMs,
    } = await medianMsEachAsync({ single, pooled, singleJson, pooledJson });
    const eps = (ms: number) => (events / ms) * 1000;
    const n = customers.toLocaleString('en-US');
    report.compare(
      `pool of ${WORKERS} workers (warm), ${events.toLocaleString('en-US')} events over ${n} customers (identical decisions)`,
      eps(pMs),
      'single thread',
      eps(sMs),
      'events/s',
    );
    report.compare(
      `pool of ${WORKERS} workers (warm), decisions as JSON text (output: 'json'), ${n} customers (identical text)`,
      eps(pjMs),
      'single thread + JSON.stringify',
      eps(sjMs),
      'events/s',
    );
    report.figure(`single-thread events/s, ${n} customers`, eps(sMs));
    report.figure(`pool events/s (warm), ${n} customers`, eps(pMs));
    report.figure(`single-thread events/s with JSON text, ${n} customers`, eps(sjMs));
    report.figure(`pool events/s (warm) with JSON text from the workers, ${n} customers`, eps(pjMs));
    if (quick)
      console.log(`quick: ${customers} customers' decisions identical in the pool and in one thread`);
  }

  // evaluateInParallel starts and stops a pool of its own on every call: one small call, timed once.
  const few = Array.from({ length: WORKERS }, (_, c) => customer(c));
  const oneShotStarted = performance.now();
  const oneShot = await evaluateInParallel(MODULE, few, POLICY, { ctx, workers: WORKERS });
  const oneShotMs = performance.now() - oneShotStarted;
  agree(
    'evaluateInParallel (one-shot pool) vs single thread',
    JSON.stringify(oneShot),
    JSON.stringify(few.map((input) => evaluate(MODULE, input, POLICY, ctx))),
  );
  report.figure('pool start-up ms (threads started, zhidu loaded in each)', bootMs);
  report.figure(`evaluateInParallel ms, ${WORKERS} customers (start-up included, once)`, oneShotMs);
  report.figure('workers', WORKERS);
  report.figure('available parallelism', availableParallelism());
} finally {
  await pool.close();
}
report.print();
