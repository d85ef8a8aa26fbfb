// Pricing a million violations with the dealer customer-file schedule (seed 000 L245–265).
// zhidu's `assessPenalties` (validates every violation, canonical order, monthly doubling tallies,
// re-charge clock on the PRC calendar, per-line arithmetic and clause, trace) against two naive
// peers in the same run:
// - a naive ledger peer doing the same job the obvious way: core schema validation, item lookup by
//   scanning, core `localDateOf` per violation, tallies recounted by rescanning the person's history,
//   one line per fine;
// - a naive totals loop (the floor): reads code, role, person, instant and quantity; groups by person,
//   takes the month from a cached `Intl` formatter, looks the item up, counts the monthly tally and
//   doubles from the threshold; computes each person's total. Skips validation, lines, clauses,
//   the re-charge clock and the trace: the price of validation and explanation.
// All three must agree on the ledger total (and per person on a slice) before anything is timed.
// The floor agrees on this data only: each violation has a subject of its own (so no two items share
// a `countAs` tally event) and is corrected within the hour, on its own day (so nothing is
// re-charged); on other data it would count and price differently. It is not the least work either:
// it formats the month through `Intl` and rescans the person's tallies for every violation.
// Targets (issue 21): assessPenalties within 2× of the floor loop, and faster than the naive ledger.
// PENALTY_BENCH_N=100000 pnpm bench penalty runs a smaller set; --quick runs 5,000 (one run of each,
// answers checked); ZHIDU_BENCH_QUICK=1 PENALTY_BENCH_N=1000000 times the full set once each.
// The generator's linear congruential stream ties each person to a few instants: about nine
// violations in ten share their person's instant with another, so zhidu's canonical order (time,
// then code, subject, content) is decided by its tie-break for most entries.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { localDateOf, makeContext, parseInput, type ViolationInput, ViolationSchema } from '@zhidu/core';
import { assessPenalties, dealerFileSchedule } from '@zhidu/penalty';
import {
  agree,
  copyAnswer,
  medianMs,
  medianMsEach,
  ownObjects,
  Report,
  rate,
  size,
  timeOnce,
} from './harness.js';

const N = size(1_000_000, 5_000, 'PENALTY_BENCH_N');
// 50 violations a person on average, as in a dealer group's quarter.
const PEOPLE = Math.max(1, Math.round(N / 50));
const schedule = dealerFileSchedule();
const ctx = makeContext({ now: '2024-06-30T18:00:00+08:00', calendar: chinaCalendar() });

// Deterministic pseudo-random stream (no Math.random: the figures must be reproducible).
let seed = 42;
const next = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const salesCodes = ['records.handover.late', 'records.signature.missing', 'records.file.lost'];
const serviceCodes = [
  'records.handover.late',
  'records.item.missing',
  'records.item.defective',
  'records.signature.missing',
  'records.signature.staffMissing',
  'service.intake.contactUnconfirmed',
];
const start = Date.parse('2024-03-01T00:00:00+08:00');
const violations: ViolationInput[] = [];
for (let i = 0; i < N; i++) {
  const person = Math.floor(next() * PEOPLE);
  const sales = person % 2 === 0;
  const pool = sales ? salesCodes : serviceCodes;
  const code = pool[Math.floor(next() * pool.length)] ?? 'records.handover.late';
  const role = sales ? 'salesConsultant' : 'serviceAdvisor';
  const at = start + Math.floor(next() * 90 * 86_400) * 1000;
  violations.push({
    code,
    personId: `p${person}`,
    role,
    occurredAt: new Date(at).toISOString(),
    quantity: 1 + Math.floor(next() * 3),
    lateBy: { unit: 'workingDays', units: 1 },
    subject: { kind: 'file', id: `f${i}` },
    correctedAt: new Date(at + 3_600_000).toISOString(),
    source: { module: 'records', rule: 'S000-ARCHIVE-07' },
  });
}

/** The naive peer: item lookup by linear scan, month via Intl per call, tally by rescanning. */
function naive(vs: readonly ViolationInput[]): Map<string, number> {
  const items = schedule.params.items;
  const formatter = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  });
  const fmt = (iso: string) => formatter.format(new Date(iso));
  const byPerson = new Map<string, ViolationInput[]>();
  for (const v of vs) {
    const list = byPerson.get(v.personId) ?? [];
    list.push(v);
    byPerson.set(v.personId, list);
  }
  const totals = new Map<string, number>();
  for (const [person, list] of byPerson) {
    list.sort((a, b) => (String(a.occurredAt) < String(b.occurredAt) ? -1 : 1));
    const seen: { month: string; tally?: string }[] = [];
    let total = 0;
    for (const v of list) {
      const item = items.find(
        (it) => it.match.code === v.code && (it.match.role === undefined || it.match.role === v.role),
      );
      if (item === undefined) continue;
      const month = fmt(String(v.occurredAt));
      const n =
        item.tally === undefined
          ? 0
          : seen.filter((s) => s.month === month && s.tally === item.tally).length + 1;
      seen.push({ month, tally: item.tally });
      const threshold = v.role === 'salesConsultant' ? 2 : 3;
      const outcome = item.charges[0]?.outcome;
      if (outcome?.kind !== 'fine') continue;
      total += outcome.amount * (v.quantity ?? 1) * (n >= threshold ? 2 : 1);
    }
    totals.set(person, total);
  }
  return totals;
}

/**
 * The naive peer that does the same job: validates each violation with core's schema, finds its
 * item by scanning, takes the month from core's `localDateOf` every time, recounts the person's tally
 * by rescanning their history, and writes a line with rule, clause and arithmetic.
 */
function naiveLedger(vs: readonly ViolationInput[]): Map<string, number> {
  const items = schedule.params.items;
  const parsed = vs.map((v, i) => parseInput(ViolationSchema, v, ['violations', i]));
  parsed.sort((a, b) =>
    a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : a.occurredAt < b.occurredAt ? -1 : 1,
  );
  const history: { personId: string; month: string; tally?: string }[] = [];
  const lines: {
    personId: string;
    period: string;
    rule: string;
    clause: string;
    amount: number;
    arithmetic: string;
  }[] = [];
  const totals = new Map<string, number>();
  let personStart = 0;
  for (const v of parsed) {
    if (history.length > 0 && history[history.length - 1]?.personId !== v.personId)
      personStart = history.length;
    const item = items.find(
      (it) => it.match.code === v.code && (it.match.role === undefined || it.match.role === v.role),
    );
    const month = localDateOf(v.occurredAt, 'Asia/Shanghai').slice(0, 7);
    history.push({
      personId: v.personId,
      month,
      ...(item?.tally === undefined ? {} : { tally: item.tally }),
    });
    const outcome = item?.charges[0]?.outcome;
    if (item === undefined || outcome?.kind !== 'fine') continue;
    let n = 0;
    for (let k = personStart; k < history.length; k++)
      if (history[k]?.month === month && history[k]?.tally === item.tally) n++;
    const multiplier = n >= (v.role === 'salesConsultant' ? 2 : 3) ? 2 : 1;
    const amount = outcome.amount * (v.quantity ?? 1) * multiplier;
    lines.push({
      personId: v.personId,
      period: month,
      rule: item.rule,
      clause: item.clause,
      amount,
      arithmetic: `${outcome.amount / 100} × ${v.quantity ?? 1} × ${multiplier} = ${amount / 100}`,
    });
    totals.set(v.personId, (totals.get(v.personId) ?? 0) + amount);
  }
  return totals;
}

// Agreement check on a slice (the naive peer is the slow one).
const sample = violations.filter((v) => Number(v.personId.slice(1)) < 500);
const expected = naive(sample);
const got = assessPenalties({ violations: sample, trace: 'summary' }, schedule, ctx).value.result;
for (const p of got.persons) {
  if (expected.get(p.personId) !== p.total)
    throw new Error(`mismatch for ${p.personId}: ${p.total} vs ${expected.get(p.personId)}`);
}

console.log(
  `@zhidu/penalty — pricing ${N.toLocaleString('en-US')} violations for ${PEOPLE.toLocaleString('en-US')} people (dealer file schedule, PRC calendar)`,
);
// Every peer's ledger total must equal zhidu's before timing.
const full = timeOnce(() => assessPenalties({ violations, trace: 'lines' }, schedule, ctx)).result.value
  .result;
const totalOf = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
agree('ledger total: naive ledger peer', full.total, totalOf(naiveLedger(violations)));
agree('ledger total: floor loop', full.total, totalOf(naive(violations)));
const lines = full.persons.reduce((a, p) => a + p.periods.reduce((b, x) => b + x.lines.length, 0), 0);
// Medians of RUNS runs each, timed in rounds (every path once per round), one run at a time (each result dropped
// before the next).
const {
  lines: linesMs,
  summary: summaryMs,
  ledger: ledgerMs,
  floor: floorMs,
} = medianMsEach({
  lines: () => assessPenalties({ violations, trace: 'lines' }, schedule, ctx),
  summary: () => assessPenalties({ violations, trace: 'summary' }, schedule, ctx),
  ledger: () => naiveLedger(violations),
  floor: () => naive(violations),
});
const vps = (ms: number) => (N / ms) * 1000;
// The answer's own allocation (figures, no target): the lines decision copied by `copyAnswer` — every
// object and array it allocates built again, no validation, no pricing — timed after the paths above. The
// floor builds one total per person; the decision holds a line per fine and a trace.
const answer = assessPenalties({ violations, trace: 'lines' }, schedule, ctx);
agree(
  'answer copy (first person)',
  copyAnswer(answer).value.result.persons[0],
  answer.value.result.persons[0],
);
const copyMs = medianMs(() => copyAnswer(answer));
const answerObjects = ownObjects(answer);
const report = new Report('penalty');
const u = 'violations/s';
report.compare('assessPenalties (trace: lines) vs floor loop', vps(linesMs), 'floor loop', vps(floorMs), u, {
  min: 0.5,
  text: 'within 2× (≥ 0.5×)',
});
report.compare(
  'assessPenalties (trace: summary) vs floor loop',
  vps(summaryMs),
  'floor loop',
  vps(floorMs),
  u,
  {
    min: 0.5,
    text: 'within 2× (≥ 0.5×)',
  },
);
report.compare(
  'assessPenalties (trace: lines) vs naive ledger',
  vps(linesMs),
  'naive ledger',
  vps(ledgerMs),
  u,
  {
    min: 1,
    text: 'faster (≥ 1×)',
  },
);
report.figure('violations', N);
report.figure('penalty lines', lines);
report.figure('assessPenalties violations/s (trace: lines)', vps(linesMs));
report.figure('ledger total yuan', full.total / 100);
report.figure('answer objects per violation (trace: lines; allocated, not shared)', answerObjects / N);
report.figure('answer copy ms (the lines decision built again, no pricing)', copyMs);
report.figure('answer copy ÷ floor (time)', copyMs / floorMs);
console.log(`ledger total: ¥${rate(full.total / 100)} (all agree)`);
report.print();
