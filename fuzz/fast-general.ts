// The fast paths against the general path (issue 21): every registry module × preset, near-valid
// inputs of the fuzz campaign (one field mutated, as `pnpm fuzz` makes them), the same inputs with
// one key made non-enumerable, and valid inputs as they are and reshaped without changing what they
// say to zod (a key hidden, a key read through a getter, an object's keys in reverse order), each evaluated with core's fast paths on (a module's own `fast`
// reading, core's fast input parser; once from the raw policy and once more on the direct path,
// from the compiled policy and the same context object) and with them off (zod's parse, the order
// check, the rule). The decisions must be the same JSON — keys in the same order — and the refusals
// the same code, path and message.
//
//   node --conditions=@zhidu/source --import tsx fuzz/fast-general.ts [--seed 1] [--per-preset 20] [--filter records.]
//
// Modules with a fast path and no preset (the credit decision table) get policies and inputs of their
// own below. `fuzz/fast-general.test.ts` runs a seeded sample in `pnpm test`.
import fc from 'fast-check';
import { acmeCreditGradeTable } from '../packages/credit/src/decision-table/examples.js';
import { caseSeed, draw, nearCase, nearDomain } from './cases.js';
import { harvestSeeds, type ModuleSeed } from './seeds.js';
import { loadTargets } from './targets.js';

/** A first-hit decision table as a policy of `credit.decision-table`. */
const table = (id: string, params: Record<string, unknown>) => ({
  id,
  version: '1',
  effectiveFrom: '2024-01-01',
  source: { title: id },
  params: { id, hitPolicy: 'first', ...params },
});

/**
 * Policies and valid inputs for modules with a fast path and no preset (a company brings its own
 * policy): the decision table of the credit README, and a scorecard of sets and bands read by the
 * table's index (the benchmark's shape, smaller).
 */
const WITHOUT_PRESETS: Record<string, Pick<ModuleSeed, 'presets' | 'inputs'>> = {
  'credit.decision-table': {
    presets: [
      {
        name: 'acme.creditGrade',
        policy: table('acme.creditGrade', acmeCreditGradeTable),
      },
      {
        name: 'scorecard',
        policy: table('example.scorecard', {
          inputs: [
            { name: 'hospitalLevel', type: 'string' },
            { name: 'annualBusinessWan', type: 'number' },
            { name: 'vip', type: 'boolean' },
          ],
          outputs: [
            { name: 'tier', type: 'string' },
            { name: 'points', type: 'number' },
          ],
          rules: [
            { id: 'v', when: { vip: { equals: true } }, result: { tier: 'vip', points: 99 } },
            ...[0, 1, 2].flatMap((b) => [
              {
                id: `s${b}`,
                when: {
                  hospitalLevel: { in: ['3S', '3A'] },
                  annualBusinessWan: b === 2 ? { gte: 200 } : { gte: b * 100, lt: (b + 1) * 100 },
                },
                result: { tier: b === 2 ? 'preferred' : 'qualified', points: 10 + b },
              },
              {
                id: `t${b}`,
                when: {
                  hospitalLevel: { in: ['2A'] },
                  annualBusinessWan: b === 2 ? { gte: 200 } : { gte: b * 100, lt: (b + 1) * 100 },
                },
                result: { tier: 'qualified', points: b },
              },
            ]),
          ],
        }),
      },
    ],
    inputs: [
      {
        input: { facts: { yearsTrading: 6, latePayments: 0 } },
        now: '2024-07-01T09:00:00+08:00',
        from: 'credit README',
      },
      {
        input: { facts: { yearsTrading: 2, latePayments: 7 } },
        now: '2024-07-01T09:00:00+08:00',
        from: 'credit README',
      },
      {
        input: { facts: { hospitalLevel: '3A', annualBusinessWan: 150, vip: false } },
        now: '2024-07-01T09:00:00+08:00',
        from: 'scorecard',
      },
      {
        input: { facts: { hospitalLevel: '2A', annualBusinessWan: 100, vip: false } },
        now: '2024-07-01T09:00:00+08:00',
        from: 'scorecard',
      },
      {
        input: { facts: { hospitalLevel: '1C', annualBusinessWan: 900, vip: true } },
        now: '2024-07-01T09:00:00+08:00',
        from: 'scorecard',
      },
      // Every column of both tables (facts beside a table's columns are read too).
      {
        input: {
          facts: {
            yearsTrading: 5,
            latePayments: 0,
            hospitalLevel: '3S',
            annualBusinessWan: 200,
            vip: false,
          },
        },
        now: '2024-07-01T09:00:00+08:00',
        from: 'both tables',
      },
      {
        input: {
          facts: {
            hospitalLevel: '2A',
            latePayments: 5,
            vip: false,
            annualBusinessWan: 99.5,
            yearsTrading: 1,
          },
        },
        now: '2024-07-01T09:00:00+08:00',
        from: 'both tables',
      },
    ],
  },
};

/** What one evaluation gave: a decision's JSON, or a refusal's code, path and message. */
type Outcome = string;

/** One input on which the paths differ. */
export interface Mismatch {
  module: string;
  preset: string;
  /** What was mutated (`input.events[0].at: null`, `… hidden`). */
  mutated: string;
  /** The general path's outcome, then the fast path's (first call, direct call). */
  general: Outcome;
  fast: Outcome;
  direct: Outcome;
}

export interface FastGeneralOptions {
  seed: number;
  /** Near-valid cases per module preset (each also run with a key hidden). */
  perPreset: number;
  /** Only modules whose id contains this. */
  filter?: string;
}

export interface FastGeneralSummary {
  modules: number;
  presets: number;
  cases: number;
  /** Cases the general path decided (the rest it refused). */
  decided: number;
  mismatches: Mismatch[];
}

type Evaluating = {
  evaluate(i: unknown, p: unknown, c: unknown): unknown;
  compile?(p: unknown): unknown;
};

/** How a valid input is reshaped without changing what it says to zod. */
type Reshape = 'hidden' | 'getter' | 'reversed';

/**
 * Reshapes one object of `value` (the `pick`-th own key, in walk order): `hidden` makes the key
 * non-enumerable, `getter` turns it into an accessor answering the same value on every read,
 * `reversed` writes the object's own keys again in reverse order. The path reshaped, or null.
 */
function reshape(value: unknown, pick: number, how: Reshape): string | null {
  const spots: { o: Record<string, unknown>; k: string; path: string }[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    // Plain objects and arrays only: a calendar or another shared object is not the input's to reshape.
    const proto = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return;
    if (Array.isArray(v)) {
      v.slice(0, 10).forEach((x, i) => {
        walk(x, `${path}[${i}]`, depth + 1);
      });
      return;
    }
    for (const k of Object.keys(v)) {
      spots.push({ o: v as Record<string, unknown>, k, path: `${path}.${k}` });
      walk((v as Record<string, unknown>)[k], `${path}.${k}`, depth + 1);
    }
  };
  walk(value, 'input', 0);
  if (spots.length === 0) return null;
  const { o, k, path } = spots[pick % spots.length] as (typeof spots)[number];
  if (how === 'hidden') {
    Object.defineProperty(o, k, { value: o[k], enumerable: false, writable: true, configurable: true });
    return path;
  }
  if (how === 'getter') {
    const held = o[k];
    Object.defineProperty(o, k, { get: () => held, enumerable: true, configurable: true });
    return path;
  }
  const keys = Object.keys(o);
  if (keys.length < 2) return null;
  const values = keys.map((key) => o[key]);
  for (const key of keys) delete o[key];
  for (let i = keys.length - 1; i >= 0; i--) o[keys[i] as string] = values[i];
  return path.slice(0, path.lastIndexOf('.')) || 'input';
}

/**
 * A deep copy of the arrays and plain objects of `v` (their own enumerable keys, in order, and array
 * holes kept as holes), sharing what is shared in `v` (one copy per object: a 10^5-member array of one
 * 10^5-character string stays one string, where `structuredClone` would write it 10^5 times) and
 * keeping anything else as it is (a calendar, a Date, a function): the modules do not change their input.
 */
function copy<T>(v: T, seen = new Map<object, unknown>()): T {
  if (v === null || typeof v !== 'object') return v;
  const done = seen.get(v);
  if (done !== undefined) return done as T;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    seen.set(v, out);
    for (let i = 0; i < v.length; i++) if (i in v) out[i] = copy(v[i], seen);
    return out as T;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Record<string, unknown> = Object.create(proto);
  seen.set(v, out);
  for (const k of Object.keys(v)) {
    const x = copy((v as Record<string, unknown>)[k], seen);
    // An own `__proto__` key (JSON.parse makes one) stays a key, not the copy's prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out as T;
}

/**
 * Runs the comparison.
 *
 * @example
 * const s = await compareFastAndGeneral({ seed: 1, perPreset: 2, filter: 'credit.decision-table' });
 * s.mismatches; //=> []
 */
export async function compareFastAndGeneral(options: FastGeneralOptions): Promise<FastGeneralSummary> {
  const { namespaces } = await loadTargets();
  const core = namespaces.core as {
    isZhiduError: (e: unknown) => boolean;
    knownKeysAt: never;
    weekdayCalendar: () => unknown;
  };
  const mods = namespaces.modules as { registry: ReadonlyMap<string, Evaluating> };
  const prc = (namespaces['calendar-cn'] as { chinaCalendar: () => unknown }).chinaCalendar();
  // The switch lives in core's module file: the same module instance the packages' modules use.
  const { fastPaths } = (await import('../packages/core/src/module.js')) as { fastPaths: { on: boolean } };
  const seeds: ModuleSeed[] = harvestSeeds([...mods.registry.values()] as never[], core.knownKeysAt).map(
    (m) => {
      const own = WITHOUT_PRESETS[m.id];
      return own === undefined || m.presets.length > 0
        ? m
        : { ...m, presets: own.presets, inputs: [...own.inputs, ...m.inputs] };
    },
  );
  const domain = nearDomain(seeds, prc, core.weekdayCalendar());

  const outcome = (f: () => unknown): Outcome => {
    try {
      return `decided ${JSON.stringify(f())}`;
    } catch (e) {
      if (!core.isZhiduError(e)) return `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
      const z = e as { code: string; path: unknown; message: string };
      return `refused ${z.code} at ${JSON.stringify(z.path)}: ${z.message}`;
    }
  };

  const summary: FastGeneralSummary = { modules: 0, presets: 0, cases: 0, decided: 0, mismatches: [] };
  for (const m of seeds) {
    if (options.filter !== undefined && !m.id.includes(options.filter)) continue;
    const mod = mods.registry.get(m.id);
    if (mod === undefined) continue;
    summary.modules++;
    m.presets.forEach((preset, p) => {
      summary.presets++;
      for (let i = 0; i < options.perPreset; i++) {
        const s = caseSeed(options.seed, `fast-general:${m.id}/${preset.name}`, i);
        const c = nearCase(m, p, domain, s);
        // Each variant builds its input afresh for every evaluation (a copy would drop a hidden key).
        const pick = draw(fc.nat(), s ^ 0x5bd1e995);
        const entry = m.inputs[i % Math.max(m.inputs.length, 1)];
        const valid = entry?.input;
        // The near case's policy and context go with its input; a valid input goes with the preset
        // as it is and the context of the scenario it came from.
        const nearCtx = c.ctx !== null && typeof c.ctx === 'object' ? { ...c.ctx, calendar: prc } : c.ctx;
        const validCtx = { now: entry?.now ?? '2024-06-01T10:00:00+08:00', calendar: prc };
        type Variant = { mutated: string; make: () => unknown; policy: unknown; ctx: unknown };
        const variants: Variant[] = [
          { mutated: c.mutated, make: () => copy(c.input), policy: c.policy, ctx: nearCtx },
        ];
        const add = (label: string, from: unknown, how: Reshape, policy: unknown, ctx: unknown): void => {
          const make = () => {
            const v = copy(from);
            return { v, where: reshape(v, pick, how) };
          };
          const where = make().where;
          if (where !== null)
            variants.push({ mutated: `${label}; ${where} ${how}`, make: () => make().v, policy, ctx });
        };
        add(c.mutated, c.input, 'hidden', c.policy, nearCtx);
        if (valid !== undefined) {
          variants.push({
            mutated: 'valid input',
            make: () => copy(valid),
            policy: preset.policy,
            ctx: validCtx,
          });
          add('valid input', valid, 'hidden', preset.policy, validCtx);
          add('valid input', valid, 'getter', preset.policy, validCtx);
          add('valid input', valid, 'reversed', preset.policy, validCtx);
        }
        for (const v of variants) {
          summary.cases++;
          const ctx = v.ctx;
          fastPaths.on = false;
          let general: Outcome;
          try {
            general = outcome(() => mod.evaluate(v.make(), v.policy, ctx));
          } finally {
            fastPaths.on = true;
          }
          if (general.startsWith('decided')) summary.decided++;
          const fast = outcome(() => mod.evaluate(v.make(), v.policy, ctx));
          // The direct path: the compiled policy and one context object, met twice.
          let direct = fast;
          let compiled: unknown;
          try {
            compiled = mod.compile?.(v.policy);
          } catch {
            compiled = undefined;
          }
          if (compiled !== undefined) {
            const sameCtx = ctx;
            outcome(() => mod.evaluate(v.make(), compiled, sameCtx));
            direct = outcome(() => mod.evaluate(v.make(), compiled, sameCtx));
          }
          if (fast !== general || direct !== general) {
            summary.mismatches.push({
              module: m.id,
              preset: preset.name,
              mutated: v.mutated,
              general,
              fast,
              direct,
            });
          }
        }
      }
    });
  }
  return summary;
}

/** The mismatches as lines, each outcome cut to `width` characters. */
export function formatMismatches(list: readonly Mismatch[], width = 300): string {
  const cut = (s: string) => (s.length > width ? `${s.slice(0, width)}…` : s);
  return list
    .map(
      (x) =>
        `${x.module}/${x.preset} [${x.mutated}]\n  general: ${cut(x.general)}\n  fast:    ${cut(x.fast)}\n  direct:  ${cut(x.direct)}`,
    )
    .join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      'per-preset': { type: 'string', default: '20' },
      filter: { type: 'string' },
    },
  });
  const started = Date.now();
  const s = await compareFastAndGeneral({
    seed: Number(values.seed),
    perPreset: Number(values['per-preset']),
    ...(values.filter === undefined ? {} : { filter: values.filter }),
  });
  console.log(formatMismatches(s.mismatches));
  console.log(
    `fast vs general — seed ${values.seed}: ${s.modules} modules, ${s.presets} presets, ${s.cases} cases (${s.decided} decided by the general path), ${s.mismatches.length} mismatches, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  process.exit(s.mismatches.length > 0 ? 1 : 0);
}
