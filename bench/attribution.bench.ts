// Customer attribution over a sales office's event log (1 M events over 100 k customers, ten events
// each): zhidu's one-pass batch `resolveAllOwnership` (validates every event with zod, indexes the log
// once, runs the whole 售楼处 rule set — rotation, protection windows, returning-customer criteria,
// splits — and writes each customer's visits, deals, performance splits and violations) against:
// - the bare-loop floor: reads the same events; `Date.parse` of each `at`, a first-registration map
//   (customer → salesperson, registered at), and at the deal the protection check (deal before
//   registration + 2 months, the preset's window) giving the owner. Computes the headline answer, the
//   owner of every customer (a visit where the customer refuses the previous salesperson hands the
//   customer to that visit's receiver); skips validation, visits, splits, violations and trace.
// - the naive peer (on a 200-customer slice, it is quadratic): `resolveOwnership` once per customer
//   over the whole log.
// Owners are cross-checked for every customer (floor) and whole answers on the slice (naive peer)
// before timing. Target (issue 21): the batch within 5× of the floor. Peak RSS of the process after
// the first 1 M-event run (and after all of them), and the heap the answer keeps, are reported.
// ATTRIBUTION_BENCH_CUSTOMERS=20000 pnpm bench attribution is smaller.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  resolveAllOwnership,
  resolveOwnership,
  type SalesLogInput,
  salesOffice001,
} from '@zhidu/attribution';
import { makeContext } from '@zhidu/core';
import { benchLikeLog } from '../packages/attribution/src/bench-like-log.js';
import {
  agree,
  copyAnswer,
  medianMs,
  medianMsEach,
  ownObjects,
  quick,
  Report,
  size,
  timeOnce,
} from './harness.js';

const STAFF = Array.from({ length: 20 }, (_, i) => ({ id: `S${i}` }));
const STAFF_IDS = STAFF.map((s) => s.id);

/** Ten events per customer (registration, visits of several kinds, a lookup, a deal): the generator the tests of the batch's fast paths read too. */
function makeLog(customers: number): SalesLogInput['events'] {
  // The generator builds well-formed events; the schema validates them at the library boundary.
  return benchLikeLog(customers, {
    staff: STAFF_IDS,
    partner: 7,
    wrap: 50_000,
  }) as unknown as SalesLogInput['events'];
}

const ctx = () => makeContext({ now: '2025-06-01T00:00:00+08:00' });
const report = new Report('attribution');

// Peer comparison on a slice both can finish.
const small = makeLog(quick ? 30 : 200);
resolveAllOwnership({ staff: STAFF, events: small }, salesOffice001, ctx());
const batchSmall = timeOnce(() =>
  resolveAllOwnership({ staff: STAFF, events: small }, salesOffice001, ctx()),
);
const ids = Object.keys(batchSmall.result.value.result.customers);
const naive = timeOnce(() =>
  ids.map((id) => resolveOwnership({ customerId: id, staff: STAFF, events: small }, salesOffice001, ctx())),
);
ids.forEach((id, i) => {
  agree(
    `batch and per-customer answers for ${id}`,
    batchSmall.result.value.result.customers[id],
    naive.result[i]?.value.result,
  );
});

/** The floor: first registration per customer, protection (2 months) checked at the deal. */
function floor(events: readonly Record<string, unknown>[]): Map<string, string> {
  const reg = new Map<string, { by: string; at: number }>();
  const owners = new Map<string, string>();
  for (const e of events) {
    const id = e.customerId as string;
    if (e.type === 'registration') {
      if (!reg.has(id)) reg.set(id, { by: e.salespersonId as string, at: Date.parse(e.at as string) });
    } else if (
      e.type === 'visit' &&
      (e.intake as { refusesPrevious?: boolean } | undefined)?.refusesPrevious
    ) {
      // A customer who refuses the previous salesperson goes to the one who received the visit.
      reg.set(id, { by: e.onTurnId as string, at: Date.parse(e.at as string) });
    } else if (e.type === 'deal') {
      const r = reg.get(id);
      const at = Date.parse(e.at as string);
      if (r !== undefined) {
        const until = new Date(r.at + 8 * 3_600_000);
        until.setUTCMonth(until.getUTCMonth() + 2);
        owners.set(id, at < until.getTime() - 8 * 3_600_000 ? r.by : (e.closerId as string));
      } else owners.set(id, e.closerId as string);
    }
  }
  return owners;
}

/** The heap in use after a full collection (V8's `gc`, exposed for this process without a flag on its command line). */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

const CUSTOMERS = size(100_000, 500, 'ATTRIBUTION_BENCH_CUSTOMERS');
const big = makeLog(CUSTOMERS) as unknown as Record<string, unknown>[];
const bigInput = { staff: STAFF, events: big as unknown as SalesLogInput['events'] };
// Cross-check the owner of every customer before timing. The process's peak RSS just after this first
// run is the figure of one run (the log built, one batch, its answer kept): the later runs' garbage
// raises the process's peak without the batch needing it.
const inputHeap = heapAfterGc();
let rssOneRun: number;
let answerHeap: number;
{
  const decision = resolveAllOwnership(bigInput, salesOffice001, ctx());
  rssOneRun = process.resourceUsage().maxRSS / 1024;
  answerHeap = heapAfterGc() - inputHeap;
  const z = decision.value.result.customers;
  const f = floor(big);
  const owners: Record<string, string | null> = {};
  for (const [id, c] of Object.entries(z)) owners[id] = c.owner;
  agree('owner of every customer (batch vs floor)', Object.keys(owners).length, f.size);
  for (const [id, o] of f) if (owners[id] !== o) agree(`owner of ${id}`, owners[id], o);
}
const { zhidu: zMs, floor: fMs } = medianMsEach({
  zhidu: () => resolveAllOwnership(bigInput, salesOffice001, ctx()),
  floor: () => floor(big),
});
const rss = process.resourceUsage().maxRSS / 1024;
// The answer's own allocation (figures, no target): the batch's decision copied by `copyAnswer` — every
// object and array it allocates built again, no validation, no rule — timed like the batch, after it. The
// floor builds one map entry per customer; the batch's answer is each customer's visits, deals, splits
// and violations, with a trace entry per customer: what that shape costs to build alone, beside the floor.
const answer = resolveAllOwnership(bigInput, salesOffice001, ctx());
{
  const copied = copyAnswer(answer).value.result.customers;
  for (const id of Object.keys(answer.value.result.customers).slice(0, 200))
    agree(`answer copy of ${id}`, copied[id], answer.value.result.customers[id]);
}
const copyMs = medianMs(() => copyAnswer(answer));
const answerObjects = ownObjects(answer);
const eps = (ms: number) => (big.length / ms) * 1000;
report.compare(
  `resolveAllOwnership, ${big.length.toLocaleString('en-US')} events over ${CUSTOMERS.toLocaleString('en-US')} customers`,
  eps(zMs),
  'bare-loop floor',
  eps(fMs),
  'events/s',
  { min: 0.2, text: 'within 5× of the floor (≥ 0.2×)' },
);
report.compare(
  `batch vs resolveOwnership per customer (${small.length} events, ${ids.length} customers)`,
  small.length / (batchSmall.ms / 1000),
  'per-customer calls',
  small.length / (naive.ms / 1000),
  'events/s',
);
report.figure('attribution events/s', eps(zMs));
report.figure('peak RSS MiB (after one batch run: the log, one batch and its answer)', rssOneRun);
report.figure('peak RSS MiB (after every timed run)', rss);
report.figure(
  'answer heap bytes per event (after a full collection, the answer alive)',
  answerHeap / big.length,
);
report.figure('answer objects per event (allocated, not shared)', answerObjects / big.length);
report.figure('answer copy ms (the batch decision built again, no rule)', copyMs);
report.figure('answer copy ÷ floor (time)', copyMs / fMs);
report.figure('batch ÷ answer copy (time)', zMs / copyMs);
report.print();
