// Runs every bench/*.bench.ts in its own process (so one benchmark's heap does not colour the
// next), prints their output, and collects every `BENCH_JSON {...}` line into
// bench/results/latest.json with the machine (CPU model, cores, Node version) and the date.
//
//   pnpm bench               every comparison, full sizes (bench/results/latest.json)
//   pnpm bench sla           only files whose name contains "sla"
//   pnpm bench --quick       small inputs; checks that answers agree (exit 1 if not), no speed
//                            targets; ZHIDU_BENCH_QUICK=1 is passed to each file
//                            (written to bench/results/quick.json, not committed)
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.ZHIDU_BENCH_QUICK === '1';
const filter = args.find((a) => !a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

/** Runs one file, echoing its output, and returns its exit status and BENCH_JSON lines. */
function runFile(file: string): Promise<{ status: number; json: unknown[]; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@zhidu/source', '--import', 'tsx', join(here, file)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, ...(quick ? { ZHIDU_BENCH_QUICK: '1' } : {}) },
      },
    );
    const json: unknown[] = [];
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      buffered += chunk.toString('utf8');
      let nl = buffered.indexOf('\n');
      while (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const at = line.indexOf('BENCH_JSON ');
        if (at >= 0) {
          try {
            json.push(JSON.parse(line.slice(at + 'BENCH_JSON '.length)));
          } catch {
            json.push({ unparsed: line.slice(at) });
          }
        }
        nl = buffered.indexOf('\n');
      }
    });
    child.on('close', (code) => resolve({ status: code ?? 1, json, ms: Date.now() - started }));
  });
}

let failed = 0;
const benches: Record<string, { status: number; seconds: number; results: unknown[] }> = {};
for (const file of files) {
  console.log(`\n=== ${file}${quick ? ' (quick)' : ''} ===`);
  const r = await runFile(file);
  if (r.status !== 0) failed++;
  benches[file.replace(/\.bench\.ts$/, '')] = {
    status: r.status,
    seconds: Math.round(r.ms / 100) / 10,
    results: r.json,
  };
}

const cpu = cpus();
const out = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  filter: filter ?? null,
  // Size and run-count overrides in force (ATTRIBUTION_BENCH_CUSTOMERS, PENALTY_BENCH_N, ZHIDU_BENCH_RUNS…).
  env: Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => /^(ZHIDU_)?[A-Z]+_BENCH_[A-Z]+$/.test(k) && k !== 'ZHIDU_BENCH_QUICK',
    ),
  ),
  machine: {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  },
  benches,
};
mkdirSync(join(here, 'results'), { recursive: true });
const target = join(here, 'results', quick ? 'quick.json' : filter ? `latest-${filter}.json` : 'latest.json');
writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
console.log(`\nfigures written to ${target}`);
if (failed > 0) {
  console.error(`${failed} benchmark(s) failed`);
  process.exit(1);
}
