// Grading throughput of @zhidu/credit decision tables: a 50-row first-hit scorecard (5 hospital
// grade groups × 10 yearly-business bands), evaluated through the public API (validation of the
// inputs and a full trace included), against a naive peer that walks the JSON rows on every call.
import { type ValueTest as Condition, makeContext } from '@zhidu/core';
import {
  creditDecisionTableModule,
  type DecisionTableInput,
  evaluateDecisionTable,
  type Scalar,
} from '@zhidu/credit';

const groups: string[][] = [['3S', '3A'], ['3B', '3C'], ['2A'], ['2B', '2C'], ['1A', '1B', '1C']];
const rules: DecisionTableInput['rules'] = [];
groups.forEach((levels, g) => {
  for (let b = 0; b < 10; b++) {
    const band: Condition = b === 9 ? { gte: 900 } : { gte: b * 100, lt: (b + 1) * 100 };
    rules.push({
      id: `g${g}b${b}`,
      when: { hospitalLevel: { in: levels }, annualBusinessWan: band },
      result: {
        tier: g === 0 && b >= 5 ? 'vip' : g <= 2 && b >= 3 ? 'preferred' : 'qualified',
        points: (5 - g) * 10 + b,
      },
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

// Naive peer: what a hand-written loop over the same JSON does — no compilation, no trace.
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
function naiveEvaluate(input: Record<string, Scalar>): Record<string, Scalar> | null {
  for (const row of tableJson.rules) {
    const when = (row.when ?? {}) as Record<string, Condition>;
    if (Object.keys(when).every((k) => naiveMatch(when[k], input[k] as Scalar))) return row.result;
  }
  return null;
}

// Deterministic inputs (a fixed LCG; benchmarks are not rule code).
let seed = 20240331;
const next = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const levels = groups.flat();
const inputs = Array.from({ length: 10_000 }, () => ({
  hospitalLevel: levels[Math.floor(next() * levels.length)] ?? '3A',
  annualBusinessWan: Math.floor(next() * 1200),
}));

// Both must agree before we time them.
for (const i of inputs.slice(0, 1000)) {
  const a = evaluateDecisionTable({ facts: i }, table, ctx).value.result.output;
  const b = naiveEvaluate(i);
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`mismatch for ${JSON.stringify(i)}`);
}

function measure(
  label: string,
  fn: (i: { hospitalLevel: string; annualBusinessWan: number }) => unknown,
): number {
  for (let k = 0; k < 20_000; k++)
    fn(inputs[k % inputs.length] ?? { hospitalLevel: '3A', annualBusinessWan: 0 });
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < 1000) {
    for (let k = 0; k < 1000; k++, n++)
      fn(inputs[n % inputs.length] ?? { hospitalLevel: '3A', annualBusinessWan: 0 });
    elapsed = performance.now() - start;
  }
  const perSecond = (n / elapsed) * 1000;
  console.log(
    `${label.padEnd(46)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} decisions/s`,
  );
  return perSecond;
}

console.log('@zhidu/credit — grading decisions on a 50-row first-hit decision table');
const compiled = measure('evaluateDecisionTable (validated, traced)', (i) =>
  evaluateDecisionTable({ facts: i }, table, ctx),
);
const naive = measure('naive JSON row walk (no validation, no trace)', naiveEvaluate);
const defineEach = measure('define + evaluate per call (no reuse)', (i) =>
  evaluateDecisionTable({ facts: i }, { ...tablePolicy }, ctx),
);
console.log(`ratio compiled / naive: ${(compiled / naive).toFixed(2)}×`);
console.log(`ratio compiled / define-per-call: ${(compiled / defineEach).toFixed(1)}×`);
