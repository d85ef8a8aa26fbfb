// A sales office's log evaluated per customer (`attribution.ownership`, preset sales-office-001, ten
// events per customer), partitioned by subject: one input per customer holding that customer's
// events. Compared:
// - single thread: `inputs.map((input) => evaluate('attribution.ownership', input, policy, ctx))`,
//   the registry's `evaluate` of @zhidu/modules, one customer after another;
// - parallel: `evaluateInParallel` over N worker threads (default: the machine's parallelism, at
//   least 2; ZHIDU_BENCH_WORKERS to choose). Its time includes starting the workers and loading
//   zhidu in each (from source under tsx here, seconds on a loaded machine), once per call; the
//   start-up alone (one customer per worker) is reported, and the rate after it as an estimate.
// Both evaluate everything (validation, trace, provenance). Every decision is cross-checked — the
// parallel answer must equal the single-thread one, customer by customer, in quick mode too —
// before timing. PARALLEL_BENCH_CUSTOMERS=2000 pnpm bench parallel is smaller.

import { availableParallelism } from 'node:os';
import { evaluate, evaluateInParallel } from '@zhidu/modules';
import { agree, medianMs, medianMsAsync, quick, Report, size } from './harness.js';

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

const CUSTOMERS = size(5_000, 200, 'PARALLEL_BENCH_CUSTOMERS');
const WORKERS = Number(process.env.ZHIDU_BENCH_WORKERS ?? Math.max(2, availableParallelism()));
const inputs = Array.from({ length: CUSTOMERS }, (_, c) => customer(c));
const EVENTS = inputs.length * 10;
const MODULE = 'attribution.ownership';
const POLICY = 'sales-office-001';
const ctx = { now: '2025-06-01T00:00:00+08:00' };
const report = new Report('parallel');

const single = () => inputs.map((input) => evaluate(MODULE, input, POLICY, ctx));
const parallel = () => evaluateInParallel(MODULE, inputs, POLICY, { ctx, workers: WORKERS });

// Cross-check every decision before timing.
{
  const one = single();
  const many = await parallel();
  agree('number of decisions (parallel vs single thread)', many.length, one.length);
  for (let i = 0; i < one.length; i++) {
    const x = JSON.stringify(one[i]);
    if (x !== JSON.stringify(many[i])) agree(`decision of customer c${i}`, many[i], one[i]);
  }
  const owned = one.filter((d) => (d.value.result as { owner?: unknown }).owner != null).length;
  if (owned === 0)
    throw new Error('the generated log gives no customer an owner: the comparison would be empty');
}

const sMs = medianMs(single);
const pMs = await medianMsAsync(parallel);
// Start-up alone: the same call with one customer per worker.
const bootMs = await medianMsAsync(() =>
  evaluateInParallel(MODULE, inputs.slice(0, WORKERS), POLICY, { ctx, workers: WORKERS }),
);
const eps = (ms: number) => (EVENTS / ms) * 1000;
report.compare(
  `evaluateInParallel, ${WORKERS} workers, ${EVENTS.toLocaleString('en-US')} events over ${CUSTOMERS.toLocaleString('en-US')} customers (identical decisions)`,
  eps(pMs),
  'single thread',
  eps(sMs),
  'events/s',
);
report.figure('single-thread events/s', eps(sMs));
report.figure('parallel events/s', eps(pMs));
report.figure('parallel start-up ms (workers started, zhidu loaded in each)', bootMs);
report.figure(
  'parallel events/s after start-up (estimate: total − start-up)',
  eps(Math.max(1, pMs - bootMs)),
);
report.figure('workers', WORKERS);
report.figure('available parallelism', availableParallelism());
if (quick) console.log(`quick: ${CUSTOMERS} customers' decisions identical in parallel and in one thread`);
report.print();
