// What one fuzz case is: for a target, an argument list drawn by fast-check from a seed; for a
// registry module and preset, a valid input, policy and context with one field mutated. Every case is
// a pure function of (run seed, plan name, case index), so any failure replays exactly.
import fc from 'fast-check';
import type { ModuleSeed } from './seeds.js';
import { argsFor, type Domain, type Mutation, mutate, mutationArb } from './values.js';

/** A batch of cases: `count` cases from index `start` of one plan. */
export interface Chunk {
  /** `fn:<target index>` or `near:<module index>:<preset index>`. */
  plan: string;
  start: number;
  count: number;
}

/** FNV-1a of a string, for per-plan seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** The fast-check seed of case `index` of the callable or module preset `planName` in a run seeded `seed`. */
export function caseSeed(seed: number, planName: string, index: number): number {
  return (hash32(`${seed}:${planName}`) + Math.imul(index, 0x9e3779b1)) | 0;
}

/** One draw of an arbitrary, reproducible from its seed. */
export function draw<T>(arb: fc.Arbitrary<T>, seed: number): T {
  return fc.sample(arb, { seed, numRuns: 1 })[0] as T;
}

/**
 * The values and strings function cases draw from and near-valid cases mutate with: module ids and
 * preset names, instants, a valid input and policy of each module, calendars and a context. A case
 * is a function of it, so the worker, the replay and the fast/general comparison build the same one.
 */
export function nearDomain(seeds: readonly ModuleSeed[], prc: unknown, weekday: unknown): Domain {
  return {
    strings: [
      ...seeds.map((s) => s.id),
      ...seeds.flatMap((s) => s.presets.flatMap((p) => [p.name, `${s.id}/${p.name}`])).slice(0, 200),
      'Asia/Shanghai',
      '2024-03-01',
      '2024-03-01T10:00:00+08:00',
    ],
    values: [
      ...seeds.flatMap((s) => s.inputs.slice(0, 1).map((i) => i.input)),
      ...seeds.flatMap((s) => s.presets.slice(0, 1).map((p) => p.policy)),
      prc,
      weekday,
      { now: '2024-03-01T10:00:00+08:00', calendar: prc },
    ],
  };
}

/** The arguments of a function case. */
export function functionCase(arity: number, domain: Domain, seed: number): unknown[] {
  return draw(argsFor(arity, domain), seed);
}

/** A near-valid module case: what is called and what was mutated. */
export interface NearCase {
  route: 'registry' | 'module';
  input: unknown;
  policy: unknown;
  ctx: Record<string, unknown>;
  /** e.g. `input.events[0].at: null`. */
  mutated: string;
}

const nearArb = (domain: Domain) =>
  fc.record({
    part: fc.constantFrom('input', 'input', 'input', 'policy', 'policy', 'ctx'),
    route: fc.constantFrom('registry' as const, 'registry' as const, 'module' as const),
    inputIndex: fc.nat({ max: 100 }),
    m: mutationArb(domain),
  });

/**
 * A valid input, policy and context of a module, one field mutated.
 *
 * @param seed - the module's harvested inputs and presets
 * @param presetIndex - which preset
 */
export function nearCase(
  module: ModuleSeed,
  presetIndex: number,
  domain: Domain,
  caseSeedValue: number,
): NearCase {
  const c = draw(nearArb(domain), caseSeedValue);
  const base = module.inputs[c.inputIndex % Math.max(module.inputs.length, 1)];
  const preset = module.presets[presetIndex];
  let input: unknown = base?.input ?? {};
  let policy: unknown = preset?.policy ?? {};
  let ctx: unknown = { now: base?.now ?? '2024-06-01T10:00:00+08:00' };
  const m = (v: unknown): { value: unknown; path: (string | number)[] } =>
    mutate(v, c.m.pick, c.m.mutation as Mutation, c.m.replacement);
  let where: { value: unknown; path: (string | number)[] };
  if (c.part === 'input') {
    where = m(input);
    input = where.value;
  } else if (c.part === 'policy') {
    where = m(policy);
    policy = where.value;
  } else {
    where = m(ctx);
    ctx = where.value;
  }
  const shown = (v: unknown): string => {
    if (Array.isArray(v) && v.length > 20) return `Array(${v.length})`;
    if (typeof v === 'string' && v.length > 40) return `${JSON.stringify(v.slice(0, 40))}…`;
    if (typeof v === 'number' || v === undefined) return String(v);
    try {
      return (JSON.stringify(v) ?? String(v)).slice(0, 60);
    } catch {
      return typeof v;
    }
  };
  return {
    route: c.route,
    input,
    policy,
    ctx: ctx as Record<string, unknown>,
    mutated: `${c.part}${where.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}: ${c.m.mutation}${c.m.mutation === 'replace' || c.m.mutation === 'big-array-bad' ? ` ${shown(c.m.replacement)}` : ''}`,
  };
}
