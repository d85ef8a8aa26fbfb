// HTTP load test of `@zhidu/http`, twice: the server started in this process, and `zhidu serve` started
// as a process of its own, each on 127.0.0.1 (a free port, loopback only). A bounded number of
// `POST /v1/sla.timers/evaluate` requests is sent over Node's own fetch (undici, keep-alive) by a fixed
// number of concurrent senders, with a hard time cap. Prints requests/s and the p50/p90/p99 latency of
// each, then one `BENCH_JSON {...}` line per server for the bench runner.
//
//   pnpm bench http                                  20,000 requests, 32 at a time, 120 s cap, each server
//   ZHIDU_BENCH_QUICK=1 pnpm bench http              ~200 requests, every answer checked
//   node --conditions=@zhidu/source --import tsx bench/http.bench.ts --quick
//   ZHIDU_BENCH_HTTP_REQUESTS=5000 ZHIDU_BENCH_HTTP_CONCURRENCY=8 ZHIDU_BENCH_HTTP_CAP_S=60 …
//
// In quick mode every answer must equal the in-process `evaluate` of `@zhidu/modules` (the same
// decision, trace and provenance as JSON); one differing answer fails the run (exit 1). In the full
// run every status must be 200 and a sample of answers is compared the same way.
// - in process: `startServer` without a request log; the server and the senders share this process
//   (and its core): the server's throughput with its client beside it.
// - zhidu serve: the CLI of this checkout (`zhidu serve --port 0 --token-file …`, the build, or the
//   sources under tsx), as deployed — its own process (on a 2-core machine, its own core), the store
//   routes on in-memory PGlite, its request log (pino, a JSON line per request) on and written to
//   nowhere. The senders' fetch costs about as much CPU per request as the server: on two cores the
//   figure is bounded by the client as much as by the server.
// The child is stopped (SIGTERM, then SIGKILL after 5 s) when the run ends or fails.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
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

/** The figures of one load run against `url` (`name` tells the runs apart in bench/results). */
interface LoadFigures {
  name: string;
  server: string;
  module: string;
  preset: string;
  mode: 'quick' | 'full';
  requests: number;
  planned: number;
  concurrency: number;
  capped: boolean;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non200: number;
  checked: number;
  mismatches: number;
  problems: string[];
}

const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const payloads = Array.from({ length: Math.min(REQUESTS, 1000) }, (_, i) => JSON.stringify(body(i)));

/**
 * Sends REQUESTS requests to `url`, CONCURRENCY at a time, within CAP_MS (after an untimed warm-up
 * that compiles the policy and opens the connections), checking every CHECK_EVERY-th answer.
 */
async function load(url: string, name: string, server: string): Promise<LoadFigures> {
  let sent = 0;
  let completed = 0;
  let non200 = 0;
  let mismatches = 0;
  let checked = 0;
  let capped = false;
  const latencies = new Float64Array(REQUESTS + CONCURRENCY);
  const problems: string[] = [];

  async function send(i: number): Promise<void> {
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', headers, body: payloads[i % payloads.length] });
    const text = await res.text();
    latencies[completed++] = performance.now() - t0;
    if (res.status !== 200) {
      non200++;
      if (problems.length < 3) problems.push(`#${i}: HTTP ${res.status} ${text.slice(0, 200)}`);
      return;
    }
    if (i % CHECK_EVERY === 0) {
      checked++;
      if (!isDeepStrictEqual(JSON.parse(text), expected(i % payloads.length))) {
        mismatches++;
        if (problems.length < 3) problems.push(`#${i}: the answer differs from the in-process evaluate`);
      }
    }
  }

  // Warm-up (not measured): the first requests compile the policy and open the connections.
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, 16) }, (_, i) => send(i)));
  completed = 0;
  non200 = 0;
  checked = 0;
  mismatches = 0;
  problems.length = 0;

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
        if (problems.length < 3) problems.push(`#${i}: ${(e as Error).message}`);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, () => sender()));
  const elapsedMs = performance.now() - started;
  const done = latencies.subarray(0, completed).sort();
  const ms = (x: number) => Math.round(x * 100) / 100;
  return {
    name,
    server,
    module: MODULE,
    preset: PRESET,
    mode: quick ? 'quick' : 'full',
    requests: completed,
    planned: REQUESTS,
    concurrency: CONCURRENCY,
    capped,
    seconds: Math.round(elapsedMs) / 1000,
    requestsPerSecond: Math.round((completed / elapsedMs) * 1000),
    p50Ms: ms(percentile(done, 50)),
    p90Ms: ms(percentile(done, 90)),
    p99Ms: ms(percentile(done, 99)),
    maxMs: ms(done[done.length - 1] ?? Number.NaN),
    non200,
    checked,
    mismatches,
    problems,
  };
}

/**
 * `zhidu serve` in a process of its own, as it is deployed: the CLI of this checkout (the build, or the
 * sources when this file runs under tsx), a free port on 127.0.0.1, one bearer token, a rate limit no
 * run reaches, its request log (pino, JSON lines) written to nowhere. Resolves with its URL and a stop
 * function; a server that has not said where it listens within 60 s is killed and the run fails.
 */
async function zhiduServe(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'zhidu-bench-'));
  const tokenFile = join(dir, 'tokens.json');
  writeFileSync(tokenFile, JSON.stringify({ [TOKEN]: { id: 'bench' } }));
  const entry = fileURLToPath(import.meta.resolve('@zhidu/cli'));
  const bin = join(dirname(entry), entry.endsWith('.ts') ? 'cli.ts' : 'cli.js');
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      bin,
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--token-file',
      tokenFile,
      '--rate-limit',
      '1000000000',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let said = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`zhidu serve did not start within 60 s: ${said.slice(0, 500)}`));
    }, 60_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      said += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(said);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`zhidu serve exited (${code}) before it listened: ${said.slice(0, 500)}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, stop };
}

const runs: LoadFigures[] = [];
// 1. The server started in this process (the senders share its core).
const server = await startServer({
  port: 0,
  hostname: '127.0.0.1',
  auth: { tokens: { [TOKEN]: { id: 'bench' } } },
  rateLimit: false,
  logger: false,
});
try {
  runs.push(
    await load(
      `${server.url}/v1/${MODULE}/evaluate`,
      'http.evaluate in process',
      'in process (startServer, no request log)',
    ),
  );
} finally {
  await server.close(2_000);
}
// 2. `zhidu serve` in its own process (its own core on a 2-core machine; request log on).
const served = await zhiduServe();
try {
  runs.push(
    await load(
      `${served.url}/v1/${MODULE}/evaluate`,
      'http.evaluate zhidu serve',
      'zhidu serve (own process, request log on)',
    ),
  );
} finally {
  await served.stop();
}

table(
  runs.map((f) => ({
    'POST /v1/sla.timers/evaluate': f.server,
    requests: `${rate(f.requests)}, ${CONCURRENCY} concurrent`,
    'requests/s': rate(f.requestsPerSecond),
    'p50 ms': f.p50Ms,
    'p99 ms': f.p99Ms,
    'max ms': f.maxMs,
    checked: `${f.checked} (${f.mismatches} differ)`,
  })),
);
let failed = false;
for (const { problems, ...f } of runs) {
  if (f.capped)
    console.log(`${f.server}: time cap of ${CAP_MS / 1000} s reached after ${f.requests} requests`);
  for (const p of problems) console.error(`${f.server}: ${p}`);
  console.log(`BENCH_JSON ${JSON.stringify(f)}`);
  if (f.non200 > 0 || f.mismatches > 0 || f.requests === 0) failed = true;
}
if (failed) process.exit(1);
