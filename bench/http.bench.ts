// HTTP load test of `@zhidu/http`: the server started in this process on 127.0.0.1 (a free port,
// loopback only), a bounded number of `POST /v1/sla.timers/evaluate` requests sent over Node's own
// fetch (undici, keep-alive) by a fixed number of concurrent senders, with a hard time cap. Prints
// requests/s and the p50/p90/p99 latency, then one `BENCH_JSON {...}` line for the bench runner.
//
//   pnpm bench http                                  20,000 requests, 32 at a time, 120 s cap
//   ZHIDU_BENCH_QUICK=1 pnpm bench http              ~200 requests, every answer checked
//   node --conditions=@zhidu/source --import tsx bench/http.bench.ts --quick
//   ZHIDU_BENCH_HTTP_REQUESTS=5000 ZHIDU_BENCH_HTTP_CONCURRENCY=8 ZHIDU_BENCH_HTTP_CAP_S=60 …
//
// In quick mode every answer must equal the in-process `evaluate` of `@zhidu/modules` (the same
// decision, trace and provenance as JSON); one differing answer fails the run (exit 1). In the full
// run every status must be 200 and a sample of answers is compared the same way. The server and the
// senders share this process (and its core): the figure is the server's throughput with its client
// beside it, not a multi-core capacity.

import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { startServer } from '@zhidu/http';
import { evaluate } from '@zhidu/modules';
import { rate, table } from './harness.js';

const quick = process.env.ZHIDU_BENCH_QUICK === '1' || process.argv.includes('--quick');
const positive = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} 须为正整数 / ${name} is a positive integer, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
};
const REQUESTS = positive('ZHIDU_BENCH_HTTP_REQUESTS', quick ? 200 : 20_000);
const CONCURRENCY = Math.min(positive('ZHIDU_BENCH_HTTP_CONCURRENCY', quick ? 8 : 32), REQUESTS);
const CAP_MS = positive('ZHIDU_BENCH_HTTP_CAP_S', quick ? 60 : 120) * 1000;
/** Full run: every Nth answer is compared with the in-process decision. */
const CHECK_EVERY = quick ? 1 : 100;

const MODULE = 'sla.timers';
const PRESET = 'retail-000';
const TOKEN = 'bench-token';

/**
 * Request `i`: one complaint of a retail store (S000-COMPLAINT-17, closed within 7 days), closed
 * after 1–12 days, so about half the answers carry a breach and its violation.
 */
function body(i: number): { preset: string; context: { now: string }; input: unknown } {
  const day = 1 + (i % 9);
  const closeAfter = 1 + (i % 12);
  const received = `2024-03-${String(day).padStart(2, '0')}T10:00:00+08:00`;
  const closed = new Date(Date.parse(received) + closeAfter * 86_400_000).toISOString();
  return {
    preset: PRESET,
    context: { now: '2024-04-01T00:00:00+08:00' },
    input: {
      events: [
        {
          type: 'received',
          subject: `r-${i}`,
          at: received,
          assignees: { opsCustomerService: `ops-${i % 5}` },
        },
        { type: 'closed', subject: `r-${i}`, at: closed },
      ],
    },
  };
}

/** The in-process answer of request `i`, as the server serialises it. */
function expected(i: number): unknown {
  const b = body(i);
  return JSON.parse(JSON.stringify(evaluate(MODULE, b.input, b.preset, b.context)));
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k] as number;
}

const server = await startServer({
  port: 0,
  hostname: '127.0.0.1',
  auth: { tokens: { [TOKEN]: { id: 'bench' } } },
  rateLimit: false,
  logger: false,
});
const url = `${server.url}/v1/${MODULE}/evaluate`;
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const payloads = Array.from({ length: Math.min(REQUESTS, 1000) }, (_, i) => JSON.stringify(body(i)));

let sent = 0;
let completed = 0;
let non200 = 0;
let mismatches = 0;
let checked = 0;
let capped = false;
const latencies = new Float64Array(REQUESTS);
const statuses = new Map<number, number>();
const firstProblems: string[] = [];

async function send(i: number): Promise<void> {
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body: payloads[i % payloads.length] });
  const text = await res.text();
  latencies[completed++] = performance.now() - t0;
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.status !== 200) {
    non200++;
    if (firstProblems.length < 3) firstProblems.push(`#${i}: HTTP ${res.status} ${text.slice(0, 200)}`);
    return;
  }
  if (i % CHECK_EVERY === 0) {
    checked++;
    if (!isDeepStrictEqual(JSON.parse(text), expected(i % payloads.length))) {
      mismatches++;
      if (firstProblems.length < 3)
        firstProblems.push(`#${i}: the answer differs from the in-process evaluate`);
    }
  }
}

// Warm-up (not measured): the first requests compile the policy and open the connections.
await Promise.all(Array.from({ length: Math.min(CONCURRENCY, 16) }, (_, i) => send(i)));
completed = 0;
non200 = 0;
checked = 0;
mismatches = 0;
statuses.clear();
firstProblems.length = 0;

const started = performance.now();
const deadline = started + CAP_MS;
async function sender(): Promise<void> {
  while (sent < REQUESTS) {
    if (performance.now() > deadline) {
      capped = true;
      return;
    }
    const i = sent++;
    try {
      await send(i);
    } catch (e) {
      non200++;
      if (firstProblems.length < 3) firstProblems.push(`#${i}: ${(e as Error).message}`);
    }
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, () => sender()));
const elapsedMs = performance.now() - started;
await server.close(2_000);

const done = latencies.subarray(0, completed).sort();
const rps = (completed / elapsedMs) * 1000;
const figures = {
  name: 'http.evaluate',
  module: MODULE,
  preset: PRESET,
  mode: quick ? 'quick' : 'full',
  requests: completed,
  planned: REQUESTS,
  concurrency: CONCURRENCY,
  capped,
  seconds: Math.round(elapsedMs) / 1000,
  requestsPerSecond: Math.round(rps),
  p50Ms: Math.round(percentile(done, 50) * 100) / 100,
  p90Ms: Math.round(percentile(done, 90) * 100) / 100,
  p99Ms: Math.round(percentile(done, 99) * 100) / 100,
  maxMs: Math.round((done[done.length - 1] ?? Number.NaN) * 100) / 100,
  non200,
  checked,
  mismatches,
};

table([
  {
    'POST /v1/sla.timers/evaluate': `${rate(completed)} requests, ${CONCURRENCY} concurrent`,
    'requests/s': rate(rps),
    'p50 ms': figures.p50Ms,
    'p99 ms': figures.p99Ms,
    'max ms': figures.maxMs,
    checked: `${checked} (${mismatches} differ)`,
  },
]);
if (capped) console.log(`time cap of ${CAP_MS / 1000} s reached after ${completed} requests`);
for (const p of firstProblems) console.error(p);
console.log(`BENCH_JSON ${JSON.stringify(figures)}`);
if (non200 > 0 || mismatches > 0 || completed === 0) process.exit(1);
