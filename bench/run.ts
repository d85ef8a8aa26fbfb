// Runs every bench/*.bench.ts in its own process (so one benchmark's heap does not colour the
// next), prints their output, and collects every `BENCH_JSON {...}` line into
// bench/results/latest.json with the machine (CPU model, cores, Node version) and the date.
//
//   pnpm bench               every comparison, full sizes (bench/results/latest.json)
//   pnpm bench sla           only files whose name contains "sla"
//   pnpm bench --quick       small inputs; checks that answers agree (exit 1 if not), no speed
//                            targets; ZHIDU_BENCH_QUICK=1 is passed to each file
//                            (written to bench/results/quick.json, not committed)
//   pnpm bench --source      zhidu's sources under tsx instead of its build (no build needed; the
//                            figures then include tsx's name-keeping wrappers, see below)
//   pnpm bench --processes 3 each file run in 3 processes one after another; each comparison takes
//                            the process with the median ratio (its figures and MET / NOT MET) and
//                            lists every process's ratio (`ratios`): on a shared machine one process
//                            can run a path at half the speed of the next, peers included. Without
//                            it a full run gives the short files several processes of their own
//                            (FULL_RUN_PROCESSES: credit 5; calendar, records, service, sla 3) and
//                            the others one
//   pnpm bench penalty --against ../zhidu-base --processes 3
//                            the same files, each process here followed by one in the other checkout
//                            (installed and built, e.g. a `git worktree` of another revision; run
//                            there by its own runner): both sides' median ratios and every process's,
//                            side by side (bench/results/against-<filter>.json). A change too small
//                            for one run to show against the noise shows as a steady difference here
//
// What is measured is what npm installs: zhidu's packages from their build (`dist/`, built first by
// `pnpm build` when a source is newer than its bundle), and each bench file compiled by esbuild (the
// compiler of the build) into bench/.compiled/, the peers and floors in it included, so both sides
// are the same kind of JavaScript. Run from the sources under tsx, every closure a function creates
// is wrapped in a `__name(…)` call (tsx keeps function names), a cost no installed package pays, and
// unequal between zhidu and the peers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { builtIsCurrent } from '../packages/modules/src/worker-source.js';
import { compareTrees, medianOfProcesses, type Result } from './processes.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.ZHIDU_BENCH_QUICK === '1';
const source = args.includes('--source');
/** The value of `--name <value>` or `--name=<value>` (`''` when the value is missing), or undefined without the option. */
function optionValue(name: string): string | undefined {
  const arg = args.find((a) => a === name || a.startsWith(`${name}=`));
  if (arg === undefined) return undefined;
  return arg === name ? (args[args.indexOf(arg) + 1] ?? '') : arg.slice(name.length + 1);
}
/** The options that take a value (their value is not the filter). */
const VALUED = ['--processes', '--against'];
const processesValue = optionValue('--processes');
const processes = processesValue === undefined ? 1 : Number(processesValue);
if (!Number.isInteger(processes) || processes < 1 || processes > 15) {
  console.error('--processes takes a whole number from 1 to 15');
  process.exit(2);
}
/**
 * Processes per file in a full run without `--processes`. The files that time calls of nanoseconds
 * to microseconds run several times and report the median process: one process's luck with the
 * engine moves their ratios by a third (the credit bench's if-chain ran at 42 M decisions/s in one
 * process and 57–71 M in every other of the same day, so a single run read the decision table as
 * meeting its target when the median of five did not). They take seconds each; the files that run
 * for minutes (attribution, penalty at 1 M violations, the pool, the server, the store) run once.
 */
const FULL_RUN_PROCESSES: Readonly<Record<string, number>> = {
  credit: 5,
  calendar: 3,
  records: 3,
  service: 3,
  sla: 3,
};
const againstValue = optionValue('--against');
const against = againstValue === undefined ? undefined : resolve(againstValue);
if (against !== undefined && !existsSync(join(against, 'bench', 'run.ts'))) {
  console.error(`--against takes another zhidu checkout (with bench/run.ts): ${against}`);
  process.exit(1);
}
if (against !== undefined && source) {
  console.error('--against compares builds: it does not take --source');
  process.exit(1);
}
/** Whether each file runs in its own full-run count: a full run without `--processes` or `--against`. */
const perFile = processesValue === undefined && !quick && against === undefined;
/** How many processes run a bench file: `--processes` when given, else its full-run count (quick: one). */
const processesOf = (name: string): number => (perFile ? (FULL_RUN_PROCESSES[name] ?? 1) : processes);
const filter = args.find((a, i) => !a.startsWith('--') && !VALUED.includes(args[i - 1] ?? ''));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

/**
 * Builds the zhidu packages (`pnpm build`) unless every one this package uses has a bundle at least
 * as new as its sources. Exits when it cannot build.
 */
function ensureBuilt(): void {
  const root = resolve(here, '..');
  const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const stale = Object.entries(manifest.dependencies ?? {})
    .filter(([, range]) => range.startsWith('workspace:'))
    .map(([name]) => name)
    .filter((name) => !builtIsCurrent(join(root, 'packages', name.slice(name.indexOf('/') + 1))));
  if (stale.length === 0) return;
  const pnpm = process.env.npm_execpath;
  if (pnpm === undefined || !/\.(c|m)?js$/.test(pnpm)) {
    console.error(
      `the build of ${stale.join(', ')} is missing or older than its sources: run \`pnpm build\` first (or \`pnpm bench --source\`)`,
    );
    process.exit(1);
  }
  console.log(`building the packages first (${stale.join(', ')} older than their sources): pnpm build`);
  const r = spawnSync(process.execPath, [pnpm, 'run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Compiles one bench file (with harness.ts) to bench/.compiled/<name>.mjs; packages stay imports. */
async function compile(file: string): Promise<string> {
  const outfile = join(here, '.compiled', file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(here, file)],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return outfile;
}

/** Runs one bench file with Node's arguments `argv`, echoing its output; its exit status and BENCH_JSON lines. */
function runFile(argv: string[], cwd?: string): Promise<{ status: number; json: unknown[]; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, {
      ...(cwd === undefined ? {} : { cwd }),
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...(quick ? { ZHIDU_BENCH_QUICK: '1' } : {}) },
    });
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

/** A ratio as printed (`—`: not printed by that process or side). */
const ratioText = (x: number | null): string => (x === null ? '—' : x.toFixed(3));
/** Every process's ratio, in run order. */
const ratiosText = (xs: readonly (number | null)[]): string => xs.map(ratioText).join(' / ');

/** Prints, for every comparison with a target, each process's ratio and the median's verdict. */
function printMedians(): void {
  console.log('\nmedian process of each file run in several (ratios zhidu ÷ peer, in run order):');
  for (const [name, b] of Object.entries(benches)) {
    if (b.processes < 2) continue;
    for (const r of b.results as Result[]) {
      for (const c of r.comparisons ?? []) {
        if (c.target === undefined) continue;
        const ratios = ratiosText(c.ratios as (number | null)[]);
        const verdict = c.met === undefined ? '' : c.met ? ' MET' : ' NOT MET';
        console.log(`  ${name}: ${c.path}: ${ratios} → ${c.ratio.toFixed(3)} (${c.target}${verdict})`);
      }
    }
  }
}

/** The same bench file run once by the other checkout's own runner (`--against`), in that checkout. */
function runThere(file: string): Promise<{ status: number; json: unknown[]; ms: number }> {
  const name = file.replace(/\.bench\.ts$/, '');
  const argv = ['--import', 'tsx', join(against as string, 'bench', 'run.ts'), name, '--processes', '1'];
  return runFile(quick ? [...argv, '--quick'] : argv, against);
}

/** Prints, per comparison, both checkouts' median ratios and every process's. */
function printAgainst(): void {
  console.log(`\nthis checkout against ${against} (ratios zhidu ÷ peer, each process in run order):`);
  for (const [name, b] of Object.entries(versus)) {
    for (const row of b.rows) {
      console.log(
        `  ${name}: ${row.path}: here ${ratiosText(row.hereRatios)} → ${ratioText(row.here)}; there ${ratiosText(row.thereRatios)} → ${ratioText(row.there)}; here ÷ there ${row.change === null ? '—' : `${row.change.toFixed(3)}×`}`,
      );
    }
  }
}

if (!source) ensureBuilt();
let failed = 0;
const benches: Record<string, { status: number; seconds: number; processes: number; results: unknown[] }> =
  {};
const versus: Record<string, { status: number; rows: ReturnType<typeof compareTrees> }> = {};
for (const file of files) {
  // Compiled once, however many processes run it.
  const argv = source
    ? ['--conditions=@zhidu/source', '--import', 'tsx', join(here, file)]
    : [await compile(file)];
  const runs: { status: number; json: unknown[]; ms: number }[] = [];
  const thereRuns: { status: number; json: unknown[]; ms: number }[] = [];
  const name = file.replace(/\.bench\.ts$/, '');
  const count = processesOf(name);
  for (let p = 1; p <= count; p++) {
    console.log(
      `\n=== ${file}${quick ? ' (quick)' : ''}${count > 1 ? `, process ${p} of ${count}` : ''} ===`,
    );
    runs.push(await runFile(argv));
    if (against !== undefined) {
      console.log(`\n=== ${file} in ${against}${count > 1 ? `, process ${p} of ${count}` : ''} ===`);
      thereRuns.push(await runThere(file));
    }
  }
  if (against !== undefined) {
    const thereStatus = Math.max(...thereRuns.map((r) => r.status));
    versus[name] = {
      status: thereStatus,
      rows: compareTrees(
        runs.map((r) => r.json),
        thereRuns.map((r) => r.json),
      ),
    };
    if (thereStatus !== 0) failed++;
  }
  const status = Math.max(...runs.map((r) => r.status));
  if (status !== 0) failed++;
  benches[name] = {
    status,
    seconds: Math.round(runs.reduce((t, r) => t + r.ms, 0) / 100) / 10,
    processes: count,
    results: count === 1 ? (runs[0]?.json ?? []) : medianOfProcesses(runs.map((r) => r.json)),
  };
}
if (Object.values(benches).some((b) => b.processes > 1)) printMedians();
if (against !== undefined) printAgainst();

const cpu = cpus();
const out = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  filter: filter ?? null,
  // `--processes` as given, or null: each file then ran in its full-run count (FULL_RUN_PROCESSES;
  // every bench says its own `processes`, and a comparison is the median process's).
  processes: perFile ? null : processes,
  // zhidu as installed (its build, the bench files compiled by esbuild) or its sources under tsx.
  code: source ? 'sources under tsx' : 'build (dist), bench files compiled by esbuild',
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
  // With --against: the other checkout, its commit, and each comparison on both sides.
  ...(against === undefined
    ? {}
    : {
        against: {
          dir: against,
          commit: spawnSync('git', ['rev-parse', 'HEAD'], { cwd: against, encoding: 'utf8' }).stdout.trim(),
          benches: versus,
        },
      }),
};
mkdirSync(join(here, 'results'), { recursive: true });
const target = join(
  here,
  'results',
  against !== undefined
    ? `against-${filter ?? 'all'}${quick ? '-quick' : ''}.json`
    : quick
      ? 'quick.json'
      : filter
        ? `latest-${filter}.json`
        : 'latest.json',
);
writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
console.log(`\nfigures written to ${target}`);
if (failed > 0) {
  console.error(`${failed} benchmark(s) failed`);
  process.exit(1);
}
