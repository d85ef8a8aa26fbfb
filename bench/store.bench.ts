// Throughput of `@zhidu/store-postgres` on embedded PGlite and (when ZHIDU_PG_URL is set) on a
// PostgreSQL server:
//
// - record + project per module: `store.record` of realistic events of one module of each rule
//   package (attribution.ownership, sla.timers, penalty.ledger, records.access-log, credit.account,
//   service.frequency) — validate, append, judge the stream under its policy history and write the
//   projections, in one transaction. "single": one event per record call, the way a front desk
//   records; "batched": each stream's events in one call, the way an import does. Events/s counts
//   recorded events.
// - rebuild per module: `store.rebuild` of the module's streams (both modes) right after its records,
//   under the same `now`: every stream judged again from its stored events and its projections
//   compared with those stored; a changed row fails the run. Events/s counts the streams' events.
// - raw append: one append of ZHIDU_BENCH_EVENTS events (default 10^5) to one stream (multi-row
//   INSERTs), reading them back, and ZHIDU_BENCH_APPENDS single-event appends (default 2,000) to
//   separate streams, four at a time.
//
//   pnpm bench store                                   full sizes, under ~3 minutes on both backends
//   ZHIDU_BENCH_QUICK=1 pnpm bench store               tiny sizes; checks answers, not speed
//   node --conditions=@zhidu/source --import tsx bench/store.bench.ts --quick
//   ZHIDU_BENCH_STREAMS=40 ZHIDU_BENCH_EVENTS=100000 ZHIDU_BENCH_APPENDS=10000 pnpm bench store
//
// Defaults: 20 streams per module and mode (80–120 events), 10^5 events in the one append, 2,000
// single appends; quick: 3 streams, 200 events, 20 appends.
//
// After each module's records, the projections are checked against evaluating the same events in
// process (`evaluate` of `@zhidu/modules` under the same policy, then `projectDecisions`): the
// violations per stream, the owner (attribution), the open timers (sla), the monthly tallies
// (penalty) and the credit used (credit). In quick mode that check is the point; a difference
// fails the run (exit 1) in either mode. The last line is `BENCH_JSON {...}` with every figure, for
// the bench runner. Figures are wall-clock on a shared machine; compare runs on the same machine.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { type ModuleDecision, PolicyHistory } from '@zhidu/core';
import { evaluate, getModule, getPreset } from '@zhidu/modules';
import {
  type EventStore,
  eventInstant,
  openStore,
  projectDecisions,
  type RecordResult,
  streamShape,
} from '@zhidu/store-postgres';
import { rate, table } from './harness.js';

const quick = process.env.ZHIDU_BENCH_QUICK === '1' || process.argv.includes('--quick');
const positive = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} 须为正整数 / ${name} is a positive integer, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
};
/** Streams per module and mode. */
const STREAMS = positive('ZHIDU_BENCH_STREAMS', quick ? 3 : 20);
/** Events of the one large append. */
const EVENTS = positive('ZHIDU_BENCH_EVENTS', quick ? 200 : 100_000);
/** Single-event appends. */
const APPENDS = positive('ZHIDU_BENCH_APPENDS', quick ? 20 : 2_000);

// ——— Realistic streams of each module (fictitious 兰亭置业 people and files) ———

interface Stream {
  streamId: string;
  events: Record<string, unknown>[];
  input?: Record<string, unknown>;
}
interface Workload {
  moduleId: string;
  preset: string;
  /** The evaluation instant of every record (after the streams' events). */
  now: string;
  streams(mode: string, n: number): Stream[];
}

const day = (base: string, days: number, time = '10:00'): string => {
  const d = new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return `${d}T${time}:00+08:00`;
};
const staff = ['A', 'B', 'C', 'D'].map((id) => ({ id }));

/** A daily goods series (fen) for the credit ledger: three invoices in March 2024. */
function goods(): { date: string; amount: number }[] {
  const out: { date: string; amount: number }[] = [];
  const invoices: Record<string, number> = {
    '2024-03-05': 3_000_000,
    '2024-03-15': 2_500_000,
    '2024-03-28': 3_500_000,
  };
  for (let t = Date.UTC(2024, 1, 1); t <= Date.UTC(2024, 3, 30); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    out.push({ date, amount: invoices[date] ?? 0 });
  }
  return out;
}
const GOODS = goods();

const WORKLOADS: Workload[] = [
  {
    moduleId: 'attribution.ownership',
    preset: 'sales-office-001',
    now: '2024-06-01T00:00:00+08:00',
    streams: (mode, n) =>
      Array.from({ length: n }, (_, i) => {
        const customerId = `${mode}-c${i}`;
        const sp = staff[i % staff.length]?.id ?? 'A';
        const other = staff[(i + 1) % staff.length]?.id ?? 'B';
        const d = i % 60;
        return {
          streamId: `${mode}:customer:${i}`,
          input: { customerId, staff },
          events: [
            {
              type: 'visit',
              at: day('2024-03-01', d, '10:00'),
              customerId,
              onTurnId: sp,
              intake: { visitedBefore: 'no', named: [] },
              presentIds: [sp, other],
            },
            {
              type: 'registration',
              at: day('2024-03-01', d, '10:30'),
              customerId,
              salespersonId: sp,
              channel: 'walkIn',
              fields: { name: `兰亭客户${i}`, phone: `138${String(10_000_000 + i).slice(-8)}` },
            },
            {
              type: 'visit',
              at: day('2024-03-01', d + 5, '15:00'),
              customerId,
              onTurnId: other,
              intake: { visitedBefore: 'yes', named: i % 3 === 0 ? [] : [sp] },
              presentIds: [other],
            },
            {
              type: 'deal',
              at: day('2024-03-01', d + 12, '16:00'),
              customerId,
              stage: 'contract',
              closerId: i % 2 === 0 ? sp : other,
            },
          ],
        };
      }),
  },
  {
    moduleId: 'sla.timers',
    preset: 'retail-000',
    now: '2024-06-01T00:00:00+08:00',
    streams: (mode, n) =>
      Array.from({ length: n }, (_, i) => {
        const d = i % 60;
        const complaint = (k: number) => {
          const subject = `${mode}-r${i}-${k}`;
          // Every third complaint is closed on day 9: the 7-day limit is breached.
          const closedAfter = (i + k) % 3 === 0 ? 9 : 2;
          return [
            {
              type: 'received',
              subject,
              at: day('2024-03-01', d + k, '09:00'),
              assignees: { opsCustomerService: `${mode}-ops${i % 5}` },
            },
            { type: 'closed', subject, at: day('2024-03-01', d + k + closedAfter, '17:00') },
          ];
        };
        const events = [...complaint(0), ...complaint(1)].sort((a, b) => a.at.localeCompare(b.at));
        return { streamId: `${mode}:complaint:${i}`, events };
      }),
  },
  {
    moduleId: 'penalty.ledger',
    preset: 'construction',
    now: '2024-10-01T00:00:00+08:00',
    streams: (mode, n) =>
      Array.from({ length: n }, (_, i) => ({
        streamId: `${mode}:penalties:dept-${i}:2024-09`,
        events: Array.from({ length: 6 }, (_, k) => ({
          code: 'sla.milestone.S000-MILESTONE-03',
          personId: `${mode}-d${i}-p${k % 3}`,
          occurredAt: `2024-09-${String(2 + k * 4).padStart(2, '0')}T10:00:00+08:00`,
          source: { module: 'sla.timers', rule: 'S000-MILESTONE-03' },
        })),
      })),
  },
  {
    moduleId: 'records.access-log',
    preset: 'example-lanting-realty',
    now: '2025-06-01T00:00:00+08:00',
    streams: (mode, n) =>
      Array.from({ length: n }, (_, i) => ({
        streamId: `${mode}:file-log:${i}`,
        events: Array.from({ length: 4 }, (_, k) => {
          const d = ((i * 3) % 60) + k * 7;
          return {
            actor: { id: `${mode}-sc${i % 4}`, roles: ['salesConsultant'], departmentId: 'salesDept' },
            action: 'takeOut',
            proofs: ['borrowSlip'],
            recordId: `JY-${mode}-${i}-${k}`,
            file: { id: `HT-2025-${i}`, fileTypeId: 'buyerFile' },
            at: day('2025-01-06', d, '10:00'),
            approvals: [
              { approverId: 'director-gao', role: 'salesDirector', at: day('2025-01-06', d, '09:30') },
            ],
            // Every fourth one comes back a week later: returned late.
            returnedAt: day('2025-01-06', d + (k === 3 ? 7 : 1), '17:00'),
          };
        }),
      })),
  },
  {
    moduleId: 'credit.account',
    preset: 'distributor-000',
    now: '2024-03-31T18:00:00+08:00',
    streams: (mode, n) =>
      Array.from({ length: n }, (_, i) => ({
        streamId: `${mode}:credit:${i}`,
        input: {
          ledger: {
            customerId: `${mode}-C${i}`,
            file: { exists: true, openerIdCopy: true },
            contract: { type: 'distribution', settlementAgreement: true },
            priorYearOutstanding: 0,
            goods: GOODS,
            openingOutstanding: 8_000_000,
          },
        },
        events: Array.from({ length: 4 }, (_, k) => ({
          type: 'shipment',
          shipment: {
            id: `${mode}-S${i}-${k}`,
            at: `2024-03-31T${String(9 + k).padStart(2, '0')}:00:00+08:00`,
            amount: 200_000 + ((i + k) % 4) * 150_000,
            signatures: [],
          },
        })),
      })),
  },
  {
    moduleId: 'service.frequency',
    preset: 's000-customer-info',
    now: '2025-01-01T00:00:00+08:00',
    streams: (mode, n) =>
      Array.from({ length: n }, (_, i) => ({
        streamId: `${mode}:survey:${i}`,
        input: { key: 'comprehensiveSurvey', range: { from: '2024-01-01', to: '2024-12-31' } },
        events: Array.from({ length: 3 }, (_, k) => ({
          activity: 'satisfactionSurvey',
          at: day('2024-02-01', ((i * 11) % 60) + k * 90, '10:00'),
          // A third of the customers never get a comprehensive survey: the yearly minimum is missed.
          tags: i % 3 === 0 ? [] : k === 2 ? ['comprehensive'] : [],
        })),
      })),
  },
];

// ——— In-process answers ———

interface Expected {
  violations: Map<string, number>;
  owners: Map<string, string | null>;
  openTimers: Map<string, string[]>;
  ledger: Map<string, number>;
  credit: Map<string, number>;
  /** Per stream: the result and violations of its decision(s) after its last record. */
  decisions: Map<string, unknown>;
}

/** The part of decisions compared: each result, and each violation's code, person and instant. */
const summary = (decisions: readonly ModuleDecision<unknown>[]) =>
  decisions.map((d) => ({
    result: d.value.result,
    violations: d.value.violations.map((v) => [v.code, v.personId, v.occurredAt]),
  }));

/** What evaluating the streams in process gives, through the same projection rules. */
function expected(w: Workload, streams: readonly Stream[]): Expected {
  const mod = getModule(w.moduleId);
  const shape = streamShape(mod);
  const history = new PolicyHistory(mod.schemas.params as never, [getPreset(`${w.moduleId}/${w.preset}`)]);
  const out: Expected = {
    violations: new Map(),
    owners: new Map(),
    openTimers: new Map(),
    ledger: new Map(),
    credit: new Map(),
    decisions: new Map(),
  };
  for (const s of streams) {
    // As the store judges a stream: its events in their own time order, stable in recorded order.
    const when = (e: Record<string, unknown>) => Date.parse(eventInstant(e) ?? w.now);
    const events = s.events
      .map((e, i) => ({ e, i }))
      .sort((a, b) => when(a.e) - when(b.e) || a.i - b.i)
      .map((x) => x.e);
    const inputs =
      shape.kind === 'list'
        ? [{ ...(s.input ?? {}), [shape.key]: events }]
        : (events as Record<string, unknown>[]);
    const decisions = inputs.map((input) => evaluate(w.moduleId, input, history, { now: w.now }));
    const rows = projectDecisions(decisions, {
      moduleId: w.moduleId,
      streamId: s.streamId,
      streamVersion: events.length,
      input: inputs[inputs.length - 1] ?? {},
      history,
    });
    out.violations.set(s.streamId, rows.violations.length);
    out.decisions.set(s.streamId, JSON.parse(JSON.stringify(summary(decisions))));
    if (rows.owner) out.owners.set(rows.owner.customerId, rows.owner.owner);
    out.openTimers.set(
      s.streamId,
      rows.timers
        .filter((t) => t.open)
        .map((t) => t.key)
        .sort(),
    );
    for (const l of rows.ledger)
      out.ledger.set(
        `${l.personId}|${l.period}`,
        (out.ledger.get(`${l.personId}|${l.period}`) ?? 0) + l.totalFen,
      );
    if (rows.credit) out.credit.set(rows.credit.accountId, rows.credit.usedFen);
  }
  return out;
}

/** The store's projections for the streams, read through its query API. */
async function projected(
  store: EventStore,
  w: Workload,
  streams: readonly Stream[],
  want: Expected,
  decided: Map<string, unknown>,
): Promise<Expected> {
  const ids = new Set(streams.map((s) => s.streamId));
  const out: Expected = {
    violations: new Map(streams.map((s) => [s.streamId, 0])),
    owners: new Map(),
    openTimers: new Map(streams.map((s) => [s.streamId, []])),
    ledger: new Map(),
    credit: new Map(),
    decisions: decided,
  };
  for (const v of await store.violations({ moduleId: w.moduleId }))
    if (ids.has(v.streamId)) out.violations.set(v.streamId, (out.violations.get(v.streamId) ?? 0) + 1);
  for (const customerId of want.owners.keys())
    out.owners.set(customerId, (await store.owner(customerId))?.owner ?? null);
  for (const t of await store.timersDue('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z', {
    limit: 1_000_000,
  } as never))
    if (ids.has(t.streamId)) out.openTimers.get(t.streamId)?.push(t.key);
  for (const list of out.openTimers.values()) list.sort();
  for (const key of want.ledger.keys()) {
    const [personId = '', period = ''] = key.split('|');
    out.ledger.set(key, (await store.ledger(personId, period)).totalFen);
  }
  for (const accountId of want.credit.keys())
    out.credit.set(accountId, (await store.creditAccount(accountId))?.usedFen ?? -1);
  return out;
}

/** The differences between the store's projections and the in-process answers. */
function differences(got: Expected, want: Expected): string[] {
  const out: string[] = [];
  for (const part of ['violations', 'owners', 'openTimers', 'ledger', 'credit', 'decisions'] as const) {
    for (const [key, value] of want[part]) {
      const g = got[part].get(key);
      if (!isDeepStrictEqual(g, value))
        out.push(`${part} ${key}: store ${JSON.stringify(g)}, in process ${JSON.stringify(value)}`);
    }
  }
  return out;
}

// ——— The runs ———

interface Figure {
  backend: 'pglite' | 'postgres';
  case: string;
  module?: string;
  mode?: 'single' | 'batched';
  streams?: number;
  events: number;
  ms: number;
  eventsPerSecond: number;
  checked?: number;
  /** Violations the streams hold (in process and in the store alike when `mismatches` is 0). */
  violations?: number;
  mismatches?: number;
}
const figures: Figure[] = [];
const problems: string[] = [];
const per = (events: number, ms: number) => Math.round((events / Math.max(ms, 0.001)) * 1000);

const targets: { backend: Figure['backend']; name: string; connectionString?: string }[] = [
  { backend: 'pglite', name: 'PGlite (in memory)' },
];
if (process.env.ZHIDU_PG_URL)
  targets.push({
    backend: 'postgres',
    name: 'PostgreSQL server',
    connectionString: process.env.ZHIDU_PG_URL,
  });

for (const target of targets) {
  const prefix = `bench${Date.now().toString(36)}`;
  const { store, close } = await openStore({
    ...(target.connectionString ? { connectionString: target.connectionString } : {}),
    prefix,
  });
  try {
    // record + project, per module, single and batched.
    for (const w of WORKLOADS) {
      await store.putPolicy(w.moduleId, w.preset, { now: w.now });
      let recorded = 0;
      for (const mode of ['single', 'batched'] as const) {
        const streams = w.streams(mode, STREAMS);
        const events = streams.reduce((n, s) => n + s.events.length, 0);
        const start = performance.now();
        const decided = new Map<string, unknown>();
        for (const s of streams) {
          const options = { now: w.now, ...(s.input ? { input: s.input } : {}) };
          let r: RecordResult | undefined;
          if (mode === 'batched')
            r = await store.record(w.moduleId, s.streamId, s.events, { ...options, expectedVersion: 0 });
          else
            for (const [i, e] of s.events.entries())
              r = await store.record(w.moduleId, s.streamId, [e], { ...options, expectedVersion: i });
          decided.set(s.streamId, JSON.parse(JSON.stringify(summary(r?.decisions ?? []))));
        }
        const ms = performance.now() - start;
        const want = expected(w, streams);
        const wrong = differences(await projected(store, w, streams, want, decided), want);
        problems.push(...wrong.map((p) => `${target.name} ${w.moduleId} ${mode}: ${p}`));
        const checked = [...Object.values(want)].reduce((n, m: Map<string, unknown>) => n + m.size, 0);
        figures.push({
          backend: target.backend,
          case: 'record',
          module: w.moduleId,
          mode,
          streams: streams.length,
          events,
          ms: Math.round(ms),
          eventsPerSecond: per(events, ms),
          checked,
          violations: [...want.violations.values()].reduce((n, v) => n + v, 0),
          mismatches: wrong.length,
        });
        recorded += events;
      }
      // Rebuild: every stream of the module (both modes) judged again from its events and its
      // projections compared with those stored; under the same `now` nothing may change.
      const start = performance.now();
      const rebuilt = await store.rebuild(w.moduleId, { now: w.now });
      const ms = performance.now() - start;
      if (rebuilt.changes.length > 0)
        problems.push(
          `${target.name} ${w.moduleId} rebuild: ${rebuilt.changes.length} projection rows changed, first ${JSON.stringify(rebuilt.changes[0])}`,
        );
      figures.push({
        backend: target.backend,
        case: 'rebuild',
        module: w.moduleId,
        streams: rebuilt.streams.length,
        events: recorded,
        ms: Math.round(ms),
        eventsPerSecond: per(recorded, ms),
        mismatches: rebuilt.changes.length,
      });
    }

    // Raw appends: one large batch, read back; single-event appends, four at a time.
    const big = Array.from({ length: EVENTS }, (_, i) => ({
      type: i % 2 === 0 ? 'visited' : 'called',
      occurredAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      payload: { salesperson: `s-${i % 17}`, note: `event ${i}`, fen: i * 100 },
    }));
    let start = performance.now();
    const r = await store.append('bench:one-call', big, { expectedVersion: 0, idempotencyKey: 'bench-1' });
    let ms = performance.now() - start;
    if (r.toVersion !== EVENTS)
      problems.push(`${target.name}: one append wrote ${r.toVersion} events, not ${EVENTS}`);
    figures.push({
      backend: target.backend,
      case: 'append, one call',
      events: EVENTS,
      ms: Math.round(ms),
      eventsPerSecond: per(EVENTS, ms),
    });
    start = performance.now();
    const back = await store.read('bench:one-call');
    ms = performance.now() - start;
    if (back.length !== EVENTS || !isDeepStrictEqual(back[EVENTS - 1]?.payload, big[EVENTS - 1]?.payload))
      problems.push(`${target.name}: read back ${back.length} events, not the ${EVENTS} appended`);
    figures.push({
      backend: target.backend,
      case: 'read back',
      events: back.length,
      ms: Math.round(ms),
      eventsPerSecond: per(back.length, ms),
    });
    start = performance.now();
    let next = 0;
    const appender = async () => {
      for (let i = next++; i < APPENDS; i = next++) {
        await store.append(
          `bench:single-${i}`,
          [{ type: 'visited', occurredAt: '2025-01-01T10:00:00+08:00', payload: { i } }],
          {
            expectedVersion: 0,
          },
        );
      }
    };
    await Promise.all(Array.from({ length: 4 }, appender));
    ms = performance.now() - start;
    const spot = await store.read(`bench:single-${APPENDS - 1}`);
    if (spot.length !== 1 || spot[0]?.payload.i !== APPENDS - 1)
      problems.push(`${target.name}: a single append is missing`);
    figures.push({
      backend: target.backend,
      case: 'append, single events, 4 at a time',
      events: APPENDS,
      ms: Math.round(ms),
      eventsPerSecond: per(APPENDS, ms),
    });
  } finally {
    if (target.connectionString) {
      // pg is a dependency of the store package, not of this one: required from where the package resolves
      // (wherever this file runs from: bench/ under tsx, bench/.compiled/ compiled).
      const pg = createRequire(import.meta.resolve('@zhidu/store-postgres'))('pg');
      const pool = new pg.Pool({ connectionString: target.connectionString });
      const tables = await pool.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE $1`, [
        `${prefix}\\_%`,
      ]);
      const names = tables.rows.map((row: { tablename: string }) => row.tablename);
      if (names.length > 0) await pool.query(`DROP TABLE IF EXISTS ${names.join(', ')}`);
      await pool.end();
    }
    await close();
  }
}

table(
  figures.map((f) => ({
    backend: f.backend,
    case: f.module ? `${f.case} ${f.module}${f.mode ? ` (${f.mode})` : ` (${f.streams} streams)`}` : f.case,
    events: rate(f.events),
    ms: f.ms,
    'events/s': rate(f.eventsPerSecond),
    ...(f.case === 'rebuild'
      ? { violations: '', checked: `${f.streams} streams (${f.mismatches} rows changed)` }
      : f.checked === undefined
        ? {}
        : { violations: f.violations ?? 0, checked: `${f.checked} (${f.mismatches} differ)` }),
  })),
);
for (const p of problems.slice(0, 20)) console.error(p);
console.log(
  `BENCH_JSON ${JSON.stringify({
    name: 'store',
    mode: quick ? 'quick' : 'full',
    sizes: { streamsPerModule: STREAMS, oneAppendEvents: EVENTS, singleAppends: APPENDS },
    backends: targets.map((t) => t.backend),
    figures,
    mismatches: problems.length,
  })}`,
);
if (problems.length > 0) process.exit(1);
