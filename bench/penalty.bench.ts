// Pricing a million violations with the dealer customer-file schedule (seed 000 L245–265):
// zhidu's `assessPenalties` (validates every violation, canonical order, monthly doubling tallies,
// re-charge clock on the PRC calendar, per-line arithmetic and clause, trace) against a naive peer
// that prices each violation by scanning the item list and recounting the person's earlier
// violations in the month, with the month from a cached `Intl.DateTimeFormat`, and produces totals
// only. Both must agree on every person's total before anything is timed.
// PENALTY_BENCH_N=100000 pnpm bench penalty runs a smaller set.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type ViolationInput } from '@zhidu/core';
import { assessPenalties, dealerFileSchedule } from '@zhidu/penalty';
import { rate, table, timeOnce } from './harness.js';

const N = Number(process.env.PENALTY_BENCH_N ?? 1_000_000);
const PEOPLE = 20_000;
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

// Agreement check on a slice (the naive peer is the slow one).
const sample = violations.filter((v) => Number(v.personId.slice(1)) < 500);
const expected = naive(sample);
const got = assessPenalties(sample, schedule, ctx, { trace: 'summary' }).value;
for (const p of got.persons) {
  if (expected.get(p.personId) !== p.total)
    throw new Error(`mismatch for ${p.personId}: ${p.total} vs ${expected.get(p.personId)}`);
}

console.log(
  `@zhidu/penalty — pricing ${N.toLocaleString('en-US')} violations for ${PEOPLE.toLocaleString('en-US')} people (dealer file schedule, PRC calendar)`,
);
// One engine run at a time, each result dropped before the next, so heaps do not stack up.
function runEngine(trace: 'lines' | 'summary'): { ms: number; lines: number; total: number } {
  const r = timeOnce(() => assessPenalties(violations, schedule, ctx, { trace }));
  const lines = r.result.value.persons.reduce(
    (a, p) => a + p.periods.reduce((b, x) => b + x.lines.length, 0),
    0,
  );
  return { ms: r.ms, lines, total: r.result.value.total };
}
const full = runEngine('lines');
const summary = runEngine('summary');
const peer = timeOnce(() => naive(violations));
const peerTotal = [...peer.result.values()].reduce((a, b) => a + b, 0);
if (peerTotal !== full.total) throw new Error(`totals differ: ${full.total} vs ${peerTotal}`);
table([
  {
    engine: 'assessPenalties (trace: lines)',
    ms: Math.round(full.ms),
    'violations/s': rate((N / full.ms) * 1000),
    lines: full.lines,
  },
  {
    engine: 'assessPenalties (trace: summary)',
    ms: Math.round(summary.ms),
    'violations/s': rate((N / summary.ms) * 1000),
    lines: summary.lines,
  },
  {
    engine: 'naive peer (totals only, no validation)',
    ms: Math.round(peer.ms),
    'violations/s': rate((N / peer.ms) * 1000),
    lines: '—',
  },
]);
console.log(`ledger total: ¥${(full.total / 100).toLocaleString('en-US')} (both engines agree)`);
console.log(`ratio naive / assessPenalties (lines): ${(peer.ms / full.ms).toFixed(2)}×`);
console.log(`ratio naive / assessPenalties (summary): ${(peer.ms / summary.ms).toFixed(2)}×`);
