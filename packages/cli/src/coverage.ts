import { describeValue, ZhiduError } from '@zhidu/core';
import type { ParameterCoverage, ParameterKind } from '@zhidu/modules';
import { type Command, CommanderError } from 'commander';
import { type CliIo, oneLine, readJson } from './io.js';
import { loadRegistry } from './modules.js';

type CoverageFlags = {
  all?: boolean;
  sample?: string;
  seed?: string;
  json?: boolean;
  min?: string;
  module?: string;
  workers?: string;
  kind?: string;
  minKind?: string[];
};

function numberFlag(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const ok = value.trim() !== '' && Number.isFinite(n) && (!integer || Number.isSafeInteger(n));
  if (!ok || (name !== 'seed' && n < 0) || (name === 'min' && n > 100)) {
    throw new ZhiduError(
      'invalid_input',
      [name],
      `--${name} 须为${name === 'min' ? ' 0–100 的百分比' : integer ? '非负整数' : '数'} / --${name} is ${name === 'min' ? 'a percentage from 0 to 100' : name === 'seed' ? 'an integer' : 'a non-negative integer'}, got ${describeValue(value)}`,
    );
  }
  return n;
}

const KIND_ORDER = [
  'money',
  'duration',
  'count',
  'threshold',
  'ratio',
  'time',
  'enum',
  'boolean',
  'list',
] as const satisfies readonly ParameterKind[];
// Every kind of @zhidu/modules is listed (a kind added there fails to compile here until it is).
const everyKindListed: [Exclude<ParameterKind, (typeof KIND_ORDER)[number]>] extends [never] ? true : false =
  true;
void everyKindListed;

const KINDS = KIND_ORDER.join(', ');

const isKind = (k: string): k is ParameterKind => (KIND_ORDER as readonly string[]).includes(k);

/** `--kind money,duration`: the kinds, in the order given, without repeats. */
function kindFlag(value: string | undefined): ParameterKind[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((k) => k.trim());
  const bad = names.filter((k) => !isKind(k));
  if (names.length === 0 || bad.length > 0) {
    throw new ZhiduError(
      'invalid_input',
      ['kind'],
      `--kind 须为逗号分隔的参数种类（${KINDS}），未知：${bad.map((k) => describeValue(k)).join('、')} / --kind is a comma-separated list of parameter kinds (${KINDS}); unknown: ${bad.map((k) => describeValue(k)).join(', ')}`,
    );
  }
  return [...new Set(names as ParameterKind[])];
}

/** `--min-kind money=100,duration=100` (repeatable; a later value of a kind wins): kind → percent. */
function minKindFlag(values: readonly string[] | undefined): Map<ParameterKind, number> {
  const out = new Map<ParameterKind, number>();
  for (const item of (values ?? []).flatMap((v) => v.split(','))) {
    const eq = item.indexOf('=');
    const kind = eq < 0 ? item.trim() : item.slice(0, eq).trim();
    const raw = eq < 0 ? '' : item.slice(eq + 1).trim();
    const n = Number(raw);
    let problem: { zh: string; en: string } | undefined;
    if (eq < 0) problem = { zh: '缺少“=”', en: "missing '='" };
    else if (!isKind(kind)) {
      problem = {
        zh: `未知的参数种类 ${describeValue(kind)}，可用：${KINDS}`,
        en: `unknown parameter kind ${describeValue(kind)}; the kinds are ${KINDS}`,
      };
    } else if (raw === '' || !Number.isFinite(n) || n < 0 || n > 100) {
      problem = { zh: '下限须为 0–100 的百分比', en: 'the minimum is a percentage from 0 to 100' };
    }
    if (problem !== undefined) {
      throw new ZhiduError(
        'invalid_input',
        ['min-kind'],
        `--min-kind 须为 <种类>=<百分比>[,…]，${describeValue(item)}：${problem.zh} / --min-kind is <kind>=<percent>[,…]; ${describeValue(item)}: ${problem.en}`,
      );
    }
    out.set(kind as ParameterKind, n);
  }
  return out;
}

function pct(pinned: number, total: number): string {
  return total === 0 ? '100.0' : (Math.floor((pinned / total) * 1000) / 10).toFixed(1);
}

function printTable(io: CliIo, c: ParameterCoverage): void {
  const names = c.presets?.length ? c.presets.join(', ') : c.module;
  io.out(oneLine(`== ${c.id}  (${names})  ${c.scenarios} scenario(s), ${c.runs} run(s), ${c.runMs} ms`));
  for (const f of c.baselineFailures) {
    io.out(oneLine(`   baseline failure (left out): ${f.file ?? f.name}: ${f.message}`));
  }
  // Older results (a worker of another build) may lack it.
  const inherited = c.inherited ?? { scenarios: 0, leftOut: [] };
  if (inherited.scenarios > 0) {
    io.out(
      `   inherited ${inherited.scenarios} scenario(s) of the policies with id ${c.id}, ${inherited.leftOut.length} left out${inherited.leftOut.length > 0 ? ': the variant changes their answer' : ''}`,
    );
    for (const f of inherited.leftOut) {
      io.out(oneLine(`   inherited, left out: ${f.file ?? f.name}: ${f.message}`));
    }
  }
  const pathWidth = Math.min(60, Math.max(4, ...c.parameters.map((p) => p.path.length)));
  const ruleWidth = Math.max(4, ...c.parameters.map((p) => (p.rule ?? '').length));
  for (const p of c.parameters) {
    const status =
      p.inert !== undefined
        ? `not applicable (${p.inert.en})`
        : p.pinned
          ? 'pinned'
          : `NOT pinned (escaped: ${p.escaped.join(', ')})`;
    io.out(
      oneLine(
        `   ${p.path.padEnd(pathWidth)}  ${(p.rule ?? '-').padEnd(ruleWidth)}  ${p.kind.padEnd(9)}  ${status}`,
      ),
    );
  }
  const counted = c.parameters.filter((p) => p.inert === undefined);
  const pinned = counted.filter((p) => p.pinned).length;
  const inert = c.parameters.length - counted.length;
  io.out(
    `   ${pinned}/${counted.length} pinned (${pct(pinned, counted.length)}%)${inert > 0 ? `; ${inert} not applicable` : ''}`,
  );
}

function printTotals(io: CliIo, policies: readonly ParameterCoverage[], ms: number): void {
  const byKind = new Map<string, { pinned: number; total: number }>();
  let inert = 0;
  for (const c of policies) {
    for (const p of c.parameters) {
      if (p.inert !== undefined) {
        inert++;
        continue;
      }
      const k = byKind.get(p.kind) ?? { pinned: 0, total: 0 };
      k.total++;
      if (p.pinned) k.pinned++;
      byKind.set(p.kind, k);
    }
  }
  let pinned = 0;
  let total = 0;
  for (const k of byKind.values()) {
    pinned += k.pinned;
    total += k.total;
  }
  io.out('');
  io.out(
    `total: ${pinned}/${total} parameters pinned (${pct(pinned, total)}%) over ${policies.length} policy(ies)`,
  );
  if (inert > 0)
    io.out(`  not applicable (cannot change an answer under their policy, not counted): ${inert}`);
  for (const kind of KIND_ORDER) {
    const k = byKind.get(kind);
    if (k) io.out(`  ${kind.padEnd(9)} ${k.pinned}/${k.total} (${pct(k.pinned, k.total)}%)`);
  }
  io.out(`run time: ${ms} ms`);
}

/**
 * Registers `zhidu coverage`: policy-parameter coverage. Every leaf parameter of a policy (money,
 * durations, counts, thresholds, ratios, times of day, enum switches, role lists) is perturbed and
 * the scenarios rerun in process; a parameter is pinned when a scenario catches every perturbation.
 * `zhidu coverage <preset|policy.json> <scenario files|dirs…>` or `zhidu coverage --all`; `--kind`
 * perturbs only parameters of those kinds; exits 1 when the pinned percentage is under `--min` or a
 * kind's under its `--min-kind`, 2 on bad arguments.
 *
 * @example
 * registerCoverage(program, processIo); // zhidu coverage sla.timers/retail-000 packages/sla/scenarios/retail-000
 * // CI: zhidu coverage --all --kind money,duration --min-kind money=100,duration=100
 */
export function registerCoverage(program: Command, io: CliIo): void {
  program
    .command('coverage')
    .description(
      'policy-parameter coverage: which numbers, durations, switches and role lists of a policy no scenario notices; exits 1 under --min',
    )
    .argument('[policy]', 'preset name (<module-id>/<preset>) or policy JSON file')
    .argument('[scenarios...]', 'scenario files or directories (with a policy file: run against it)')
    .option('--all', 'every bundled preset against the scenarios under packages/*/scenarios')
    .option('--sample <n>', 'with --all: a seeded sample of n parameters per policy')
    .option('--seed <s>', 'seed of --sample', '1')
    .option('--workers <n>', 'with --all: worker threads over the policies (default 1: in process)')
    .option('--module <id>', 'the module of a policy JSON file (default: from the scenarios)')
    .option('--kind <kinds>', `only parameters of these kinds, comma-separated (${KINDS})`)
    .option('--json', 'print { policies, pinned, total, percent, inert, byKind, ms } as JSON')
    .option('--min <percent>', 'exit 1 when fewer parameters are pinned (percent)')
    .option(
      '--min-kind <kind=percent,...>',
      'exit 1 when fewer parameters of a kind are pinned, e.g. money=100,enum=90 (repeatable)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .action(async (policyArg: string | undefined, scenarioArgs: string[], o: CoverageFlags) => {
      const min = numberFlag('min', o.min, false);
      const kinds = kindFlag(o.kind);
      const minKind = minKindFlag(o.minKind);
      const unmeasured = kinds === undefined ? [] : [...minKind.keys()].filter((k) => !kinds.includes(k));
      if (unmeasured.length > 0) {
        throw new ZhiduError(
          'invalid_input',
          ['min-kind'],
          `--min-kind 的种类 ${unmeasured.join('、')} 不在 --kind ${kinds?.join(',')} 之中，无从衡量 / --min-kind names ${unmeasured.join(', ')}, not among --kind ${kinds?.join(',')}: nothing would be measured`,
        );
      }
      const sample = numberFlag('sample', o.sample, true);
      const seed = numberFlag('seed', o.seed, true) ?? 1;
      const workers = numberFlag('workers', o.workers, true);
      if (workers !== undefined && (workers < 1 || !o.all)) {
        throw new ZhiduError(
          'invalid_input',
          ['workers'],
          `--workers 须为正整数且与 --all 同用 / --workers is a positive integer and goes with --all, got ${describeValue(o.workers)}`,
        );
      }
      const zhidu = await loadRegistry();
      const started = performance.now();
      let policies: ParameterCoverage[];
      if (o.all) {
        if (policyArg !== undefined) {
          throw new ZhiduError(
            'invalid_input',
            ['policy'],
            '--all 不接受制度或场景参数 / --all takes no policy or scenario arguments',
          );
        }
        if (o.module !== undefined) {
          throw new ZhiduError(
            'invalid_input',
            ['module'],
            '--module 不能与 --all 同用 / --module does not go with --all',
          );
        }
        const all = await zhidu.coverageOfPresetsInWorkers({
          // In process unless asked: on a busy machine workers measured slower (docs/coverage.md).
          workers: workers ?? 1,
          ...(sample === undefined ? {} : { sample: { perPolicy: sample, seed } }),
          ...(kinds === undefined ? {} : { kinds }),
          ...(io.interactive
            ? {
                onPolicy: (c: ParameterCoverage, i: number, n: number) =>
                  io.err(oneLine(`[${i + 1}/${n}] ${c.id} ${c.runMs} ms`)),
              }
            : {}),
        });
        policies = all.policies;
        for (const u of all.unreadable) {
          io.err(oneLine(`warning: ${u.file} left out (not a readable scenario): ${u.message}`));
        }
      } else {
        if (policyArg === undefined || scenarioArgs.length === 0) {
          throw new ZhiduError(
            'invalid_input',
            ['policy'],
            '须给出制度（预设名或 JSON 文件）与场景文件或目录，或用 --all / give a policy (preset name or JSON file) and scenario files or directories, or --all',
          );
        }
        if (sample !== undefined) {
          throw new ZhiduError(
            'invalid_input',
            ['sample'],
            '--sample 须与 --all 同用 / --sample goes with --all',
          );
        }
        const file = policyArg.endsWith('.json');
        policies = [
          zhidu.parameterCoverage({
            policy: file ? readJson(io, policyArg) : policyArg,
            scenarios: scenarioArgs,
            // The scenarios named beside a company's policy file are run against that file.
            match: file ? 'all' : 'hash',
            ...(o.module === undefined ? {} : { module: o.module }),
            ...(kinds === undefined ? {} : { kinds }),
          }),
        ];
      }
      const ms = Math.round(performance.now() - started);
      const { pinned, total, percent, inert, byKind } = zhidu.coverageTotals(policies);
      if (o.json) {
        io.out(
          JSON.stringify(
            {
              policies: policies.map((c) => ({
                id: c.id,
                ...(c.presets ? { presets: c.presets } : {}),
                hash: c.hash,
                scenarios: c.scenarios,
                baselineFailures: c.baselineFailures,
                inherited: c.inherited ?? { scenarios: 0, leftOut: [] },
                ms: c.runMs,
                parameters: c.parameters.map(({ path, rule, kind, pinned: p, escaped, inert: why }) => ({
                  path,
                  rule: rule ?? null,
                  kind,
                  pinned: p,
                  escaped,
                  ...(why === undefined ? {} : { inert: why }),
                })),
              })),
              pinned,
              total,
              percent,
              inert,
              byKind,
              ms,
            },
            null,
            2,
          ),
        );
      } else {
        for (const c of policies) printTable(io, c);
        printTotals(io, policies, ms);
      }
      const failures: string[] = [];
      if (min !== undefined && percent < min) {
        failures.push(
          `${percent}% 的参数被场景钉住，低于 --min ${min}% / ${percent}% of parameters pinned, under --min ${min}%`,
        );
      }
      for (const [kind, floor] of minKind) {
        // A kind with no counted parameter is 0/0, 100 % (as the totals count nothing).
        const k = byKind[kind] ?? { pinned: 0, total: 0, percent: 100 };
        if (k.percent < floor) {
          failures.push(
            `${kind} 参数 ${k.pinned}/${k.total}（${k.percent}%）被场景钉住，低于 --min-kind ${kind}=${floor}% / ${kind}: ${k.pinned}/${k.total} (${k.percent}%) pinned, under --min-kind ${kind}=${floor}%`,
          );
        }
      }
      const last = failures.pop();
      if (last !== undefined) {
        // One error line per minimum missed: the others here, the last one as the command's error.
        for (const f of failures) io.err(oneLine(`error [scenario_failed]: ${f}`));
        throw new CommanderError(1, 'zhidu.coverage', last);
      }
    });
}
