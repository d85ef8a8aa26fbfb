// Replays fuzz cases alone, in this process, and prints each call's wall and CPU time and outcome:
// the way to reproduce a slow call or a failure of `pnpm fuzz` from its summary (seed, plan, index).
//
//   node --conditions=@zhidu/source --import tsx fuzz/replay.ts --plan near:75:9 --index 0
//   node --conditions=@zhidu/source --import tsx fuzz/replay.ts --seed 12 --plan fn:412 --index 3 --index 7
//   node --conditions=@zhidu/source --import tsx fuzz/replay.ts --summary fuzz/results/summary.json
//
// `--summary` replays every call listed under `slowest` in a summary file (with the summary's seed).
// `--repeat n` calls each case n times (the first call includes one-off warm-up such as zod's
// schema compilation; later calls show the steady state a worker sees).
// `--profile <file>` writes a V8 CPU profile (.cpuprofile, for Chrome DevTools or speedscope) of the
// replayed calls only, without the setup (loading every package, harvesting seeds) around them.
// `--show` prints each case (what was mutated, and the input, policy and context, long arrays and
// strings shortened) without calling it: the way to look at a case that hangs.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { caseSeed, functionCase, nearCase, nearDomain } from './cases.js';
import { harvestSeeds, type ModuleSeed } from './seeds.js';
import { loadTargets, release } from './targets.js';
import type { Domain } from './values.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '12' },
    plan: { type: 'string' },
    index: { type: 'string', multiple: true },
    summary: { type: 'string' },
    repeat: { type: 'string', default: '1' },
    profile: { type: 'string' },
    show: { type: 'boolean', default: false },
  },
});

let seed = Number(values.seed);
const cases: { plan: string; index: number }[] = [];
if (values.summary) {
  const s = JSON.parse(readFileSync(values.summary, 'utf8')) as {
    seed: number;
    slowest: { plan: string; index: number }[];
  };
  seed = s.seed;
  for (const c of s.slowest) cases.push({ plan: c.plan, index: c.index });
}
if (values.plan) for (const i of values.index ?? ['0']) cases.push({ plan: values.plan, index: Number(i) });
if (cases.length === 0) {
  console.error('usage: replay.ts --plan <plan> --index <n> [--seed <n>] | --summary <file>');
  process.exit(2);
}

const { targets, namespaces } = await loadTargets();
const core = namespaces.core as { isZhiduError: (e: unknown) => boolean; knownKeysAt: never };
const mods = namespaces.modules as {
  registry: ReadonlyMap<string, { evaluate: (i: unknown, p: unknown, c: unknown) => unknown }>;
  evaluate: (id: string, i: unknown, p: unknown, c: unknown) => unknown;
};
const seeds: ModuleSeed[] = harvestSeeds([...mods.registry.values()] as never[], core.knownKeysAt);
const prc = (namespaces['calendar-cn'] as { chinaCalendar: () => unknown }).chinaCalendar();
// The same domain as fuzz/worker.ts (a case is a function of it).
const domain: Domain = nearDomain(
  seeds,
  prc,
  (core as unknown as { weekdayCalendar: () => unknown }).weekdayCalendar(),
);

/** JSON.stringify replacer for `--show`: long arrays and strings shortened. */
function shorten(_key: string, v: unknown): unknown {
  if (Array.isArray(v) && v.length > 20) return [...v.slice(0, 3), `… ${v.length} members`];
  if (typeof v === 'string' && v.length > 80) return `${v.slice(0, 40)}… (${v.length} characters)`;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}

const inspector = values.profile ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 100 });
}

for (const { plan, index } of cases) {
  const [kind, a, b] = plan.split(':');
  let name: string;
  let call: () => unknown;
  let keep: readonly unknown[] = [];
  let mutated = '';
  if (kind === 'fn') {
    const t = targets[Number(a)];
    if (!t) throw new Error(`no target ${plan}`);
    await t.prepare?.();
    const args = functionCase(t.arity, domain, caseSeed(seed, t.name, index));
    name = t.name;
    call = () => t.call(args);
    keep = t.shared?.() ?? [];
  } else {
    const m = seeds[Number(a)] as ModuleSeed;
    const c = nearCase(
      m,
      Number(b),
      domain,
      caseSeed(seed, `near:${m.id}/${m.presets[Number(b)]?.name}`, index),
    );
    mutated = ` [${c.mutated}]`;
    name = `${c.route === 'registry' ? 'modules.evaluate' : `${m.id}.evaluate`} (${m.id}/${m.presets[Number(b)]?.name})`;
    if (values.show) {
      console.log(`${plan} #${index} ${name}${mutated}`);
      console.log(JSON.stringify({ input: c.input, policy: c.policy, ctx: c.ctx }, shorten, 2));
      continue;
    }
    if (c.route === 'registry') call = () => mods.evaluate(m.id, c.input, c.policy, c.ctx);
    else {
      const mod = mods.registry.get(m.id);
      const ctx = c.ctx !== null && typeof c.ctx === 'object' ? { ...c.ctx, calendar: prc } : c.ctx;
      call = () => mod?.evaluate(c.input, c.policy, ctx);
    }
  }
  for (let r = 0; r < Number(values.repeat); r++) {
    if (inspector) await inspector.post('Profiler.start');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let outcome = 'value';
    let out: unknown;
    try {
      out = call();
      if (out !== null && typeof out === 'object' && typeof (out as Promise<unknown>).then === 'function')
        out = await out;
    } catch (e) {
      outcome = core.isZhiduError(e)
        ? `ZhiduError ${(e as { code: string }).code} at ${JSON.stringify((e as { path: unknown }).path).slice(0, 80)}`
        : `${e instanceof Error ? e.constructor.name : typeof e}: ${String(e).slice(0, 120)}`;
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (await release(out, keep)) outcome += ' (closed after the call)';
    if (inspector && values.profile) {
      const { profile } = await inspector.post('Profiler.stop');
      const file = values.profile.replace(
        /(\.cpuprofile)?$/,
        `-${plan.replaceAll(':', '_')}-${index}-${r}.cpuprofile`,
      );
      writeFileSync(file, JSON.stringify(profile));
    }
    console.log(
      `${ms.toFixed(1).padStart(9)} ms wall ${((cpu.user + cpu.system) / 1000).toFixed(1).padStart(9)} ms cpu  ${plan} #${index} ${name}${mutated} → ${outcome}`,
    );
  }
}
process.exit(0);
