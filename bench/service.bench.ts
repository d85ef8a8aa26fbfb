// Follow-up programmes (seed 000 L1015–1053): measuring a property company's complaint-revisit
// programme — due times (3 calendar days, Asia/Shanghai), late and missing revisits as Violations,
// and the monthly 50 % revisit rate — over 100,000 handled complaints. zhidu validates every trigger
// and completion (read field by field in one pass; anything it cannot vouch for goes through zod,
// which refuses it as before), computes each deadline with core `deadline()` (once per local date),
// builds every task (100,000) and Violation (about 52,000), writes a bilingual trace; the naive peer
// does what a hand-written ERP report would (string dates, a Map from trigger to completion, no
// validation, no trace). Both must agree on every monthly rate before anything is timed; read the
// ratios, not the absolute figures. The peer computes the headline answer (the monthly
// rates) and nothing else: zhidu's answer also holds every task and Violation, and keeping those
// 10^5 objects alive (allocation and garbage collection) costs about as much as the whole peer run.
// - naive peer: reads each trigger's id, instant and flags and each completion's trigger and instant;
//   local dates through core `localDateOf`, due = local date + 3 days, on time when the completion's
//   local date ≤ due; per month total, counted and met (≥ 50 %). Skips validation, due instants,
//   late/missing Violations, the action's kind and trace.
// Target (issue 21): measureProgramme at least as fast as the naive peer.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { addDays, atLocal, localDateOf, makeContext } from '@zhidu/core';
import {
  measureProgramme,
  planReception,
  s000bPropertyRevisitPolicy,
  s000ReceptionPolicy,
} from '@zhidu/service';
import { medianMsEach, medianOps, Report, rate, size } from './harness.js';

const N = size(100_000, 5_000, 'SERVICE_BENCH_N');
const ZONE = 'Asia/Shanghai';
const ctx = makeContext({ now: '2025-03-01T00:00:00+08:00', calendar: chinaCalendar() });

let seed = 11;
const next = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

const triggers: { id: string; type: string; at: string; personId: string; flags?: string[] }[] = [];
const completions: { triggerId: string; action: string; at: string }[] = [];
for (let i = 0; i < N; i++) {
  const day = addDays('2024-01-01', Math.floor(next() * 366));
  const at = atLocal(
    day,
    `${String(8 + Math.floor(next() * 10)).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')}`,
    ZONE,
  );
  const t = {
    id: `k${i}`,
    type: 'complaintHandled',
    at,
    personId: `pa${i % 40}`,
    ...(next() < 0.03 ? { flags: ['anonymous'] } : {}),
  };
  triggers.push(t);
  const r = next();
  if (r < 0.7)
    completions.push({
      triggerId: t.id,
      action: 'revisit',
      at: atLocal(addDays(day, Math.floor(next() * 6)), '15:00', ZONE),
    });
}

// The naive peer: due = local date + 3 days, on time when the completion's local date ≤ due date.
function naive(): Map<string, { total: number; counted: number; met: boolean }> {
  const done = new Map<string, string>();
  for (const c of completions) done.set(c.triggerId, localDateOf(c.at, ZONE));
  const out = new Map<string, { total: number; counted: number; met: boolean }>();
  for (const t of triggers) {
    if (t.flags?.includes('anonymous')) continue;
    const d = localDateOf(t.at, ZONE);
    const month = d.slice(0, 7);
    const g = out.get(month) ?? { total: 0, counted: 0, met: false };
    g.total++;
    const c = done.get(t.id);
    if (c !== undefined && c <= addDays(d, 3)) g.counted++;
    out.set(month, g);
  }
  for (const g of out.values()) g.met = g.counted * 100 >= 50 * g.total;
  return out;
}

const zhidu = () => measureProgramme({ triggers, completions }, s000bPropertyRevisitPolicy, ctx).value;

// Agreement check before timing.
const a = zhidu();
const b = naive();
for (const r of a.rates) {
  const n = b.get(r.period);
  if (!n || n.total !== r.total || n.counted !== r.counted || n.met !== r.met) {
    throw new Error(`disagreement in ${r.period}: zhidu ${JSON.stringify(r)} vs naive ${JSON.stringify(n)}`);
  }
}

const { zhidu: zMs, naive: nMs } = medianMsEach({ zhidu, naive });
const receptionOps = medianOps(() =>
  planReception(
    { class: 'B', guests: 6, spend: 198_001, gifts: [{ id: 'g', important: true }] },
    s000ReceptionPolicy,
  ),
);
const report = new Report('service');
report.compare(
  `measureProgramme, ${rate(N)} complaint follow-ups`,
  (N * 1000) / zMs,
  'naive peer',
  (N * 1000) / nMs,
  'follow-ups/s',
  { min: 1, text: 'at least as fast (≥ 1×)' },
);
report.figure('measureProgramme ms per run', zMs);
report.figure('planReception plans/s', receptionOps);
console.log(
  `violations ${rate(a.violations.length)}, months ${a.rates.length}, agreement: all ${a.rates.length} monthly rates identical`,
);
report.print();
