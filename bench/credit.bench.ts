// Grading throughput of @zhidu/credit decision tables: a 50-row first-hit scorecard (5 hospital
// grade groups × 10 yearly-business bands), evaluated through the public API (validation of the
// inputs and a full trace included), against the real peers and two hand-written ones, in the same
// process on the same 10,000 inputs. Every peer's answer (tier and points) is cross-checked against
// zhidu's on every input before anything is timed.
//
// Peers (what each reads / computes / skips):
// - @gorules/zen-engine (Rust core, N-API): reads the same table as a JDM decision-table node
//   (unary tests `"3S","3A"` and `[100..200)`), computes the first hit; skips nothing it offers
//   (its own trace off). Awaited one by one, and with 200 evaluations in flight.
// - json-rules-engine: reads the table as 50 rules with `in` / `greaterThanInclusive` / `lessThan`
//   conditions, each firing an event carrying the row's result; the table does not overlap, so
//   exactly one event fires per input. Awaited one by one.
// - naive JSON row walk: reads the same JSON rows on every call, first row whose conditions all hold;
//   skips compilation, validation and trace.
// - hand-written if-chain (the floor): the table written as code — group by `if`, band by
//   arithmetic; reads two fields, builds the result; skips validation, trace, and the table itself.
// Also figures (no target): the same module through `evaluate` of @zhidu/modules (the registry
// path users call), with the same context, with a plain `{ now }` (the registry then supplies
// the PRC calendar), and with a new `{ now }` object per call. All paths are timed in rounds (every
// path once per round, medians over rounds).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { type ValueTest as Condition, makeContext } from '@zhidu/core';
import {
  creditDecisionTableModule,
  type DecisionTableInput,
  evaluateDecisionTable,
  type Scalar,
} from '@zhidu/credit';
import { evaluate as registryEvaluate } from '@zhidu/modules';
import { agree, median, opsPerSecond, quick, Report, RUNS, rate, size } from './harness.js';

const require = createRequire(import.meta.url);
const { ZenEngine } = require('@gorules/zen-engine') as typeof import('@gorules/zen-engine');
const { Engine } = require('json-rules-engine') as typeof import('json-rules-engine');

const groups: string[][] = [['3S', '3A'], ['3B', '3C'], ['2A'], ['2B', '2C'], ['1A', '1B', '1C']];
const tierOf = (g: number, b: number) =>
  g === 0 && b >= 5 ? 'vip' : g <= 2 && b >= 3 ? 'preferred' : 'qualified';
const rules: DecisionTableInput['rules'] = [];
groups.forEach((levels, g) => {
  for (let b = 0; b < 10; b++) {
    const band: Condition = b === 9 ? { gte: 900 } : { gte: b * 100, lt: (b + 1) * 100 };
    rules.push({
      id: `g${g}b${b}`,
      when: { hospitalLevel: { in: levels }, annualBusinessWan: band },
      result: { tier: tierOf(g, b), points: (5 - g) * 10 + b },
    });
  }
});
const tableJson: DecisionTableInput = {
  id: 'bench.scorecard',
  hitPolicy: 'first',
  inputs: [
    { name: 'hospitalLevel', type: 'string' },
    { name: 'annualBusinessWan', type: 'number' },
  ],
  outputs: [
    { name: 'tier', type: 'string' },
    { name: 'points', type: 'number' },
  ],
  rules,
};
// The table as a policy of credit.decision-table, compiled (validated and checked for overlap) once.
const tablePolicy = {
  id: 'bench.scorecard',
  version: '1',
  effectiveFrom: '2024-01-01',
  source: { title: 'bench scorecard' },
  params: tableJson,
};
const table = creditDecisionTableModule.compile(tablePolicy);
const ctx = makeContext({ now: '2024-07-01T09:00:00+08:00' });
type Facts = { hospitalLevel: string; annualBusinessWan: number };
type Out = { tier: string; points: number } | null;

// Naive peer: a hand-written loop over the same JSON rows — no compilation, no trace.
function naiveMatch(c: Condition | undefined, v: Scalar): boolean {
  if (c === undefined) return true;
  if (c.equals !== undefined && c.equals !== v) return false;
  if (c.in !== undefined && !c.in.includes(v)) return false;
  if (c.notIn?.includes(v)) return false;
  const bounded = c.gte !== undefined || c.gt !== undefined || c.lte !== undefined || c.lt !== undefined;
  if (!bounded) return true;
  if (typeof v !== 'number') return false;
  return (
    (c.gte === undefined || v >= c.gte) &&
    (c.gt === undefined || v > c.gt) &&
    (c.lte === undefined || v <= c.lte) &&
    (c.lt === undefined || v < c.lt)
  );
}
function naiveEvaluate(input: Facts): Out {
  for (const row of tableJson.rules) {
    const when = (row.when ?? {}) as Record<string, Condition>;
    if (Object.keys(when).every((k) => naiveMatch(when[k], (input as Record<string, Scalar>)[k] as Scalar)))
      return row.result as Out;
  }
  return null;
}

// The floor: the same table written by hand as an if-chain.
function ifChain(i: Facts): Out {
  const l = i.hospitalLevel;
  let g: number;
  if (l === '3S' || l === '3A') g = 0;
  else if (l === '3B' || l === '3C') g = 1;
  else if (l === '2A') g = 2;
  else if (l === '2B' || l === '2C') g = 3;
  else if (l === '1A' || l === '1B' || l === '1C') g = 4;
  else return null;
  const w = i.annualBusinessWan;
  if (!(w >= 0)) return null;
  const b = w >= 900 ? 9 : Math.floor(w / 100);
  return { tier: tierOf(g, b), points: (5 - g) * 10 + b };
}

// zen-engine: the same table as a JDM graph (input → decision table → output).
const unary = (c: Condition): string =>
  c.in !== undefined
    ? c.in.map((v) => JSON.stringify(v)).join(',')
    : c.lt !== undefined
      ? `[${c.gte}..${c.lt})`
      : `>= ${c.gte}`;
const jdm = {
  contentType: 'application/vnd.gorules.decision',
  nodes: [
    { id: 'in', type: 'inputNode', name: 'request', position: { x: 0, y: 0 } },
    {
      id: 'table',
      type: 'decisionTableNode',
      name: 'scorecard',
      position: { x: 200, y: 0 },
      content: {
        hitPolicy: 'first',
        inputs: [
          { id: 'level', name: 'hospitalLevel', field: 'hospitalLevel' },
          { id: 'wan', name: 'annualBusinessWan', field: 'annualBusinessWan' },
        ],
        outputs: [
          { id: 'tier', name: 'tier', field: 'tier' },
          { id: 'points', name: 'points', field: 'points' },
        ],
        rules: rules.map((r) => {
          const when = r.when as Record<string, Condition>;
          const res = r.result as { tier: string; points: number };
          return {
            _id: r.id,
            level: unary(when.hospitalLevel as Condition),
            wan: unary(when.annualBusinessWan as Condition),
            tier: JSON.stringify(res.tier),
            points: String(res.points),
          };
        }),
      },
    },
    { id: 'out', type: 'outputNode', name: 'response', position: { x: 400, y: 0 } },
  ],
  edges: [
    { id: 'e1', sourceId: 'in', targetId: 'table', type: 'edge' },
    { id: 'e2', sourceId: 'table', targetId: 'out', type: 'edge' },
  ],
};
const zen = new ZenEngine();
const zenDecision = zen.createDecision(jdm);
const zenEvaluate = async (i: Facts): Promise<Out> => {
  const r = (await zenDecision.evaluate(i)).result as { tier?: string; points?: number };
  return r.tier === undefined ? null : { tier: r.tier, points: Number(r.points) };
};

// json-rules-engine: the same table as 50 rules, each firing an event with the row's result.
const jre = new Engine(
  rules.map((r) => {
    const when = r.when as Record<string, Condition>;
    const band = when.annualBusinessWan as Condition;
    return {
      name: r.id,
      conditions: {
        all: [
          { fact: 'hospitalLevel', operator: 'in', value: (when.hospitalLevel as Condition).in as string[] },
          { fact: 'annualBusinessWan', operator: 'greaterThanInclusive', value: band.gte as number },
          ...(band.lt === undefined
            ? []
            : [{ fact: 'annualBusinessWan', operator: 'lessThan', value: band.lt }]),
        ],
      },
      event: { type: 'grade', params: r.result as Record<string, unknown> },
    };
  }),
  { allowUndefinedFacts: true },
);
const jreEvaluate = async (i: Facts): Promise<Out> => {
  const r = await jre.run(i);
  const p = r.events[0]?.params as { tier: string; points: number } | undefined;
  return p === undefined ? null : { tier: p.tier, points: p.points };
};

// Deterministic inputs (a fixed LCG; benchmarks are not rule code), some outside every row.
let seed = 20240331;
const next = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const levels = [...groups.flat(), '0X'];
const inputs: Facts[] = Array.from({ length: 10_000 }, () => ({
  hospitalLevel: levels[Math.floor(next() * levels.length)] ?? '3A',
  annualBusinessWan: Math.floor(next() * 1200),
}));
const zhiduEvaluate = (i: Facts): Out => {
  const o = evaluateDecisionTable({ facts: i }, table, ctx).value.result.output;
  return o === null || o === undefined ? null : (o as Out);
};

// The same module through the registry (`evaluate('credit.decision-table', …)` of @zhidu/modules),
// with the same context, and with a plain `{ now }` (the registry then supplies the PRC calendar).
const plainCtx = { now: '2024-07-01T09:00:00+08:00' };
const registryOutput = (i: Facts, c: typeof ctx | typeof plainCtx): Out => {
  const r = registryEvaluate('credit.decision-table', { facts: i }, table, c).value.result as {
    output: Out | undefined;
  };
  return r.output === null || r.output === undefined ? null : r.output;
};

// Every peer must give zhidu's answer on every input before anything is timed.
const CHECK = size(inputs.length, 2_000);
for (const i of inputs.slice(0, CHECK)) {
  const a = zhiduEvaluate(i);
  agree(`registry evaluate on ${JSON.stringify(i)}`, a, registryOutput(i, ctx));
  agree(`registry evaluate ({ now }) on ${JSON.stringify(i)}`, a, registryOutput(i, plainCtx));
  agree(`registry evaluate (fresh { now }) on ${JSON.stringify(i)}`, a, registryOutput(i, { ...plainCtx }));
  agree(`naive row walk on ${JSON.stringify(i)}`, a, naiveEvaluate(i));
  agree(`if-chain on ${JSON.stringify(i)}`, a, ifChain(i));
  agree(`zen-engine on ${JSON.stringify(i)}`, a, await zenEvaluate(i));
}
for (const i of inputs.slice(0, size(2_000, 300))) {
  agree(`json-rules-engine on ${JSON.stringify(i)}`, zhiduEvaluate(i), await jreEvaluate(i));
}

let k = 0;
const pick = (): Facts => {
  k = (k + 1) % inputs.length;
  return inputs[k] as Facts;
};
const report = new Report('credit');
console.log('@zhidu/credit — grading decisions on a 50-row first-hit decision table (decisions/s)');
// The paths are measured in rounds, each round timing every path once, and each figure is the
// median over the rounds: on a shared machine whose load swings, a path timed only early or only late
// in the run would otherwise meet a different machine than its peer.
const Z = size(4_000, 200);
const J = size(1_500, 100);
const timed: Record<string, number[]> = {};
const record = (name: string, value: number): void => {
  const list = timed[name] ?? [];
  list.push(value);
  timed[name] = list;
};
const slice = quick ? 20 : 200;
for (let round = 0; round < RUNS; round++) {
  record(
    'zhidu',
    opsPerSecond(() => evaluateDecisionTable({ facts: pick() }, table, ctx), slice),
  );
  record(
    'chain',
    opsPerSecond(() => ifChain(pick()), slice),
  );
  record(
    'naive',
    opsPerSecond(() => naiveEvaluate(pick()), slice),
  );
  record(
    'perCall',
    opsPerSecond(() => evaluateDecisionTable({ facts: pick() }, { ...tablePolicy }, ctx), slice),
  );
  record(
    'registry',
    opsPerSecond(() => registryEvaluate('credit.decision-table', { facts: pick() }, table, ctx), slice),
  );
  record(
    'registryPlain',
    opsPerSecond(() => registryEvaluate('credit.decision-table', { facts: pick() }, table, plainCtx), slice),
  );
  // A caller (a server per request) building a new `{ now }` object for every call.
  record(
    'registryFresh',
    opsPerSecond(
      () => registryEvaluate('credit.decision-table', { facts: pick() }, table, { now: plainCtx.now }),
      slice,
    ),
  );
  let start = performance.now();
  for (let n = 0; n < Z; n++) await zenEvaluate(pick());
  record('zenSerial', (Z / (performance.now() - start)) * 1000);
  start = performance.now();
  for (let n = 0; n < Z; n += 200) await Promise.all(Array.from({ length: 200 }, () => zenEvaluate(pick())));
  record('zenParallel', ((Math.ceil(Z / 200) * 200) / (performance.now() - start)) * 1000);
  start = performance.now();
  for (let n = 0; n < J; n++) await jreEvaluate(pick());
  record('jre', (J / (performance.now() - start)) * 1000);
}
const fig = (name: string): number => median(timed[name] ?? []);
const zhidu = fig('zhidu');
const naive = fig('naive');
const chain = fig('chain');
const perCall = fig('perCall');
const viaRegistry = fig('registry');
const viaRegistryPlain = fig('registryPlain');
const viaRegistryFresh = fig('registryFresh');
const zenSerial = fig('zenSerial');
const zenParallel = fig('zenParallel');
const jreRate = fig('jre');

const u = 'decisions/s';
report.compare('decision table vs zen-engine (awaited one by one)', zhidu, 'zen-engine', zenSerial, u, {
  min: 20,
  text: '≥ 20×',
});
report.compare('decision table vs zen-engine (200 in flight)', zhidu, 'zen-engine ×200', zenParallel, u, {
  min: 20,
  text: '≥ 20×',
});
report.compare('decision table vs json-rules-engine', zhidu, 'json-rules-engine', jreRate, u, {
  min: 100,
  text: '≥ 100×',
});
report.compare('decision table vs hand-written if-chain', zhidu, 'if-chain', chain, u, {
  min: 1 / 3,
  text: 'within 3× (≥ 0.33×)',
});
report.compare('decision table vs naive JSON row walk', zhidu, 'naive row walk', naive, u);
report.compare('decision table vs define + evaluate per call', zhidu, 'policy parsed per call', perCall, u);
report.compare('decision table: registry evaluate vs direct call', viaRegistry, 'direct call', zhidu, u);
report.figure('decision table decisions/s (validated, traced)', zhidu);
report.figure('decision table decisions/s through @zhidu/modules evaluate (same context)', viaRegistry);
report.figure(
  'decision table decisions/s through @zhidu/modules evaluate ({ now }: PRC calendar supplied per call)',
  viaRegistryPlain,
);
report.figure(
  'decision table decisions/s through @zhidu/modules evaluate (a new { now } object per call)',
  viaRegistryFresh,
);
report.print();
if (quick) console.log(`quick: ${CHECK} inputs checked against every peer; ${rate(zhidu)} ${u}`);
