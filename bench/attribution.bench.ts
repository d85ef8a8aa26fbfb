// Customer attribution over a sales office's event log: zhidu's one-pass batch
// (`resolveAllOwnership`: validate and index the log once) against the naive peer of calling
// `resolveOwnership` once per customer over the whole log. Same policy, same events, same answers.

import {
  resolveAllOwnership,
  resolveOwnership,
  type SalesLogInput,
  salesOffice001,
} from '@zhidu/attribution';
import { makeContext } from '@zhidu/core';
import { rate, table, timeOnce } from './harness.js';

type Ev = Record<string, unknown> & { at: string };
const STAFF = Array.from({ length: 20 }, (_, i) => ({ id: `S${i}` }));
const pick = (i: number) => `S${i % 20}`;
const base = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

/** Ten events per customer: registration, visits of several kinds, a lookup, a deal. */
function makeLog(customers: number): SalesLogInput['events'] {
  const out: { t: number; e: Ev }[] = [];
  for (let c = 0; c < customers; c++) {
    const id = `c${c}`;
    const t0 = base + (c % 50_000) * 90_000;
    const day = 86_400_000;
    const b = pick(c);
    const a = pick(c + 7);
    const visit = (t: number, onTurnId: string, extra: Record<string, unknown>) => ({
      t,
      e: { type: 'visit', at: iso(t), customerId: id, onTurnId, presentIds: [a, b], ...extra },
    });
    out.push(visit(t0, b, { intake: { visitedBefore: 'no' } }));
    out.push({
      t: t0 + 60_000,
      e: {
        type: 'registration',
        at: iso(t0 + 60_000),
        customerId: id,
        salespersonId: b,
        channel: 'walkIn',
        fields: { name: 'x', phone: '1' },
      },
    });
    out.push({
      t: t0 + day,
      e: { type: 'followUp', at: iso(t0 + day), customerId: id, salespersonId: b, reached: c % 3 !== 0 },
    });
    out.push(visit(t0 + 5 * day, a, { intake: { visitedBefore: 'yes', named: [b] }, presentIds: [a] }));
    out.push(visit(t0 + 9 * day, a, { intake: { visitedBefore: 'yes', named: [b] } }));
    out.push(visit(t0 + 12 * day, a, { intake: { visitedBefore: 'forgot' } }));
    out.push({
      t: t0 + 12 * day + 3_600_000,
      e: { type: 'lookup', at: iso(t0 + 12 * day + 3_600_000), customerId: id, foundSalespersonId: b },
    });
    out.push(
      visit(t0 + 20 * day, a, {
        intake: { visitedBefore: 'yes', named: [b] },
        designatedOnEntry: c % 2 ? a : b,
      }),
    );
    out.push(
      visit(t0 + 25 * day, a, { intake: { visitedBefore: 'yes', named: [b], refusesPrevious: true } }),
    );
    out.push({
      t: t0 + 30 * day,
      e: { type: 'deal', at: iso(t0 + 30 * day), customerId: id, stage: 'contract', closerId: a },
    });
  }
  out.sort((x, y) => x.t - y.t);
  // The generator builds well-formed events; the schema validates them at the library boundary.
  return out.map((x) => x.e) as unknown as SalesLogInput['events'];
}

const ctx = () => makeContext({ now: '2025-06-01T00:00:00+08:00' });

// Peer comparison on a slice both can finish.
const small = makeLog(200);
// Warm-up so that both peers run on optimised code.
resolveAllOwnership({ staff: STAFF, events: small }, salesOffice001, ctx());
const batchSmall = timeOnce(() =>
  resolveAllOwnership({ staff: STAFF, events: small }, salesOffice001, ctx()),
);
const ids = Object.keys(batchSmall.result.value.result.customers);
const naive = timeOnce(() =>
  ids.map((id) => resolveOwnership({ customerId: id, staff: STAFF, events: small }, salesOffice001, ctx())),
);
ids.forEach((id, i) => {
  if (
    JSON.stringify(naive.result[i]?.value.result) !==
    JSON.stringify(batchSmall.result.value.result.customers[id])
  ) {
    throw new Error(`batch and per-customer answers differ for ${id}`);
  }
});

// The 1 M-event run.
const big = makeLog(100_000);
const batchBig = timeOnce(() => resolveAllOwnership({ staff: STAFF, events: big }, salesOffice001, ctx()));

table([
  {
    run: `${small.length.toLocaleString('en-US')} events, ${ids.length} customers`,
    'batch events/s': rate(small.length / (batchSmall.ms / 1000)),
    'per-customer events/s': rate(small.length / (naive.ms / 1000)),
    'speed-up': `${(naive.ms / batchSmall.ms).toFixed(1)}×`,
  },
  {
    run: `${big.length.toLocaleString('en-US')} events, ${Object.keys(batchBig.result.value.result.customers).length.toLocaleString('en-US')} customers`,
    'batch events/s': rate(big.length / (batchBig.ms / 1000)),
    'per-customer events/s': 'n/a (quadratic)',
    'speed-up': '',
  },
]);
