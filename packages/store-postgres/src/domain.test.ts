import { PGlite } from '@electric-sql/pglite';
import { getPreset } from '@zhidu/modules';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitioned } from '../test/backends.js';
import { refusal } from '../test/refusal.js';
import { fromPglite, fromPgPool, type SqlDatabase } from './client.js';
import { tablesOf } from './migrations.js';
import { timersDueSql } from './queries.js';
import { EventStore } from './store.js';

// The store knows the domain (issue 18): policies, module streams judged by the registry's modules,
// projections and their queries, recomputation, concurrency, erasure, refusals. Runs on PGlite
// always and on a PostgreSQL server when ZHIDU_PG_URL is set.
const targets: { name: string; connectionString?: string }[] = [{ name: 'PGlite' }];
if (process.env.ZHIDU_PG_URL)
  targets.push({ name: 'PostgreSQL server', connectionString: process.env.ZHIDU_PG_URL });

/** The refusal of a call: a ZhiduError's code and path, or what else happened. */

const received = (subject: string, at: string) => ({
  type: 'received',
  subject,
  at,
  assignees: { opsCustomerService: 'ops1' },
});

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
const creditLedger = {
  customerId: 'C1',
  file: { exists: true, openerIdCopy: true },
  contract: { type: 'distribution', settlementAgreement: true },
  priorYearOutstanding: 0,
  goods: goods(),
  openingOutstanding: 8_000_000,
};
const shipment = (id: string, amount: number) => ({
  type: 'shipment',
  shipment: { id, at: '2024-03-31T10:00:00+08:00', amount, signatures: [] },
});

describe.each(targets)('the store knows the domain on $name', ({ connectionString }) => {
  let db: SqlDatabase;
  let store: EventStore;
  let pool: pg.Pool | undefined;
  const prefix = `d${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const t = tablesOf(prefix);

  beforeAll(async () => {
    if (connectionString) {
      pool = new pg.Pool({ connectionString, max: 4 });
      db = fromPgPool(pool);
    } else db = fromPglite(new PGlite(), { ownsDb: true });
    store = new EventStore(db, { prefix, clock: () => '2024-03-02T00:00:00+08:00', ...partitioned });
    await store.migrate();
  });
  let closedAlready = false;
  afterAll(async () => {
    if (pool) {
      await pool.query(`DROP TABLE IF EXISTS ${Object.values(t).join(', ')}`);
      await pool.end();
    } else if (!closedAlready) await db.close();
  });

  it('putPolicy is append-only: same content is idempotent, other content under the same version is duplicate', async () => {
    const first = await store.putPolicy('sla.timers', 'retail-000');
    expect(first).toMatchObject({
      moduleId: 'sla.timers',
      id: 'zhidu.sla.retail-000',
      version: '1',
      stored: true,
    });
    expect(first.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const again = await store.putPolicy('sla.timers', getPreset('sla.timers/retail-000'));
    expect(again).toMatchObject({ stored: false, hash: first.hash });
    const edited = JSON.parse(JSON.stringify(getPreset('sla.timers/retail-000')));
    edited.params.timers[0].target.spec.amount = 6;
    const e = await store.putPolicy('sla.timers', edited).catch((x: unknown) => x);
    expect(e).toMatchObject({
      code: 'duplicate',
      path: ['policy', 'version'],
      details: { storedHash: first.hash },
    });
    const rows = await db.query<{ n: string | number }>(`SELECT COUNT(*) AS n FROM ${t.policies}`);
    expect(Number(rows.rows[0]?.n)).toBe(1);
    // The stored hash is the module contract's provenance hash.
    const r = await store.record('sla.timers', 'complaint:r-1', [received('r-1', '2024-03-01T10:00+08:00')]);
    expect(r.decisions[0]?.provenance.policy.hash).toBe(first.hash);
  });

  it('S000-COMPLAINT-17: record opens a timer; "what breaches in the next hour" finds it; closing late records the violation', async () => {
    const r = await store.record('sla.timers', 'complaint:r-5', [received('r-5', '2024-03-01T10:00+08:00')], {
      expectedVersion: 0,
      idempotencyKey: 'desk-r-5',
    });
    expect(r).toMatchObject({ streamId: 'complaint:r-5', fromVersion: 1, toVersion: 1, replayed: false });
    const due = await store.timersDue('2024-03-08T15:30:00Z', '2024-03-08T16:30:00Z');
    expect(due.filter((x) => x.streamId === 'complaint:r-5').map((x) => [x.key, x.status, x.dueAt])).toEqual([
      ['r-5/close7d/0', 'running', '2024-03-08T15:59:59.999Z'],
    ]);
    // A retry with the same key replays; nothing is evaluated twice.
    const replay = await store.record(
      'sla.timers',
      'complaint:r-5',
      [received('r-5', '2024-03-01T10:00+08:00')],
      {
        expectedVersion: 0,
        idempotencyKey: 'desk-r-5',
      },
    );
    expect(replay).toMatchObject({ replayed: true, toVersion: 1, decisions: [] });
    await store.record(
      'sla.timers',
      'complaint:r-5',
      [{ type: 'closed', subject: 'r-5', at: '2024-03-10T09:00+08:00' }],
      { expectedVersion: 1, now: '2024-03-20T00:00:00+08:00' },
    );
    expect(
      (await store.timersDue('2024-03-08T15:30:00Z', '2024-03-08T16:30:00Z')).filter(
        (x) => x.streamId === 'complaint:r-5',
      ),
    ).toEqual([]);
    const found = await store.violations({ period: '2024-03', personId: 'ops1' });
    expect(found.map((v) => [v.streamId, v.code, v.occurredAt])).toEqual([
      ['complaint:r-5', 'sla.complaint.S000-COMPLAINT-17', '2024-03-08T15:59:59.999Z'],
    ]);
    expect(await store.violations({ from: '2024-04-01T00:00:00+08:00' })).toEqual([]);
  });

  it('the timers-due query is served by the partial index on (tenant, due_at)', async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query<Record<string, string>>(
        `EXPLAIN ${timersDueSql(t).replace(/\$\d/g, (m) => ({ $1: "'default'", $2: "'2024-03-08T15:00:00Z'", $3: "'2024-03-08T16:00:00Z'" })[m] ?? m)}`,
      );
    });
    const text = plan.rows.map((row) => Object.values(row).join(' ')).join('\n');
    expect(text).toContain(`${t.timers}_due`);
  });

  it('recomputes due instants on a late-recorded fact: a cancellation recorded after the close takes its place in time', async () => {
    await store.record('sla.timers', 'complaint:r-7', [received('r-7', '2024-03-01T10:00+08:00')]);
    await store.record(
      'sla.timers',
      'complaint:r-7',
      [{ type: 'closed', subject: 'r-7', at: '2024-03-12T09:00+08:00' }],
      {
        now: '2024-03-20T00:00:00+08:00',
      },
    );
    expect(
      (await store.violations({ personId: 'ops1' })).filter((v) => v.streamId === 'complaint:r-7'),
    ).toHaveLength(1);
    // Recorded last, happened second: the customer's own cause, which cancels the 7-day timer.
    const late = await store.record(
      'sla.timers',
      'complaint:r-7',
      [{ type: 'rejectedCustomerCause', subject: 'r-7', at: '2024-03-03T09:00+08:00' }],
      { now: '2024-03-20T00:00:00+08:00' },
    );
    const timer = (
      (late.decisions[0]?.value.result ?? []) as { subject: string; timerId: string; status: string }[]
    ).find((x) => x.subject === 'r-7' && x.timerId === 'close7d');
    expect(timer?.status).toBe('cancelled');
    expect(
      (await store.violations({ personId: 'ops1' })).filter((v) => v.streamId === 'complaint:r-7'),
    ).toEqual([]);
  });

  it('recomputes due instants when a policy version becoming effective covers recorded events, and reports the change', async () => {
    await store.record('sla.timers', 'complaint:r-9', [received('r-9', '2024-03-05T10:00+08:00')], {
      now: '2024-03-06T00:00:00+08:00',
    });
    const before = await store.timersDue('2024-03-12T00:00:00Z', '2024-03-13T00:00:00Z');
    expect(before.find((x) => x.streamId === 'complaint:r-9')?.dueAt).toBe('2024-03-12T15:59:59.999Z');
    const v2 = JSON.parse(JSON.stringify(getPreset('sla.timers/retail-000')));
    v2.version = '2';
    v2.effectiveFrom = '2024-03-04T00:00:00+08:00';
    v2.params.timers[0].target.spec.amount = 5;
    const put = await store.putPolicy('sla.timers', v2, { now: '2024-03-06T00:00:00+08:00' });
    expect(put.stored).toBe(true);
    expect(put.recomputed.streams).toContain('complaint:r-9');
    expect(put.recomputed.streams).not.toContain('complaint:r-1'); // all its events before 4 March
    expect(
      put.recomputed.changes.find((c) => c.streamId === 'complaint:r-9' && c.projection === 'timers'),
    ).toMatchObject({
      key: 'r-9/close7d/0',
      change: 'changed',
      before: { dueAt: '2024-03-12T15:59:59.999Z' },
      after: { dueAt: '2024-03-10T15:59:59.999Z' },
    });
    // A rebuild from the events finds nothing left to change.
    expect((await store.rebuild('sla.timers', { now: '2024-03-06T00:00:00+08:00' })).changes).toEqual([]);
  });

  it('S001-ATTR-12: the owner per customer with trace and provenance; names and phones never reach them; erasure', async () => {
    await store.putPolicy('attribution.ownership', 'sales-office-001');
    const input = { customerId: 'c1', staff: [{ id: 'A' }, { id: 'B' }, { id: 'C' }] };
    await store.record(
      'attribution.ownership',
      'customer:c1',
      [
        {
          type: 'visit',
          at: '2024-01-05T10:00+08:00',
          customerId: 'c1',
          onTurnId: 'B',
          intake: { visitedBefore: 'no', named: [] },
          presentIds: ['A', 'B', 'C'],
        },
        {
          type: 'registration',
          at: '2024-01-05T10:30+08:00',
          customerId: 'c1',
          salespersonId: 'B',
          channel: 'walkIn',
          fields: { name: '兰亭测试客户', phone: '13800000017' },
        },
      ],
      { input, now: '2024-01-06T00:00:00+08:00', expectedVersion: 0 },
    );
    const owner = await store.owner('c1');
    expect(owner).toMatchObject({ customerId: 'c1', owner: 'B', streamId: 'customer:c1', streamVersion: 2 });
    expect(owner?.trace.length).toBeGreaterThan(0);
    expect(owner?.provenance).toMatchObject({ module: 'attribution.ownership' });
    const everything = async () => {
      const texts: string[] = [];
      for (const table of Object.values(t)) {
        const r = await db.query<{ x: string }>(`SELECT t::text AS x FROM ${table} t`);
        texts.push(...r.rows.map((row) => row.x));
      }
      return texts.join('\n');
    };
    // Only the personal table holds them; events, traces and projections hold '[personal]'.
    const personalRows = await db.query<{ x: string }>(`SELECT t::text AS x FROM ${t.personal} t`);
    expect(personalRows.rows.map((r) => r.x).join()).toContain('13800000017');
    const elsewhere = (await everything())
      .split('\n')
      .filter((line) => !personalRows.rows.some((r) => r.x === line));
    expect(elsewhere.join('\n')).not.toContain('13800000017');
    expect(elsewhere.join('\n')).not.toContain('兰亭测试客户');
    const [, registration] = await store.read('customer:c1');
    expect(registration?.payload.fields).toEqual({ name: '兰亭测试客户', phone: '13800000017' });

    const erased = await store.erase('c1');
    expect(erased).toEqual({ customerId: 'c1', erased: 2, streams: ['customer:c1'] });
    const all = await everything();
    expect(all).not.toContain('13800000017');
    expect(all).not.toContain('兰亭测试客户');
    const [, after] = await store.read('customer:c1');
    expect(after?.payload.fields).toEqual({ name: '[erased]', phone: '[erased]' });
    // The decision trail is intact: a rebuild recomputes the same owner and changes nothing.
    const rebuilt = await store.rebuild('attribution.ownership', { now: '2024-01-06T00:00:00+08:00' });
    expect(rebuilt).toEqual({ streams: ['customer:c1'], changes: [] });
    expect((await store.owner('c1'))?.owner).toBe('B');
    expect(await store.erase('c1')).toEqual({ customerId: 'c1', erased: 0, streams: [] });
  });

  it('S000-MILESTONE-03: two violations for one person recorded at the same moment are each counted once in the monthly tally', async () => {
    await store.putPolicy('penalty.ledger', 'construction');
    const violation = (day: string) => ({
      code: 'sla.milestone.S000-MILESTONE-03',
      personId: 'ms03',
      occurredAt: `2024-09-${day}T10:00:00+08:00`,
      source: { module: 'sla.timers', rule: 'S000-MILESTONE-03' },
    });
    const now = '2024-10-01T00:00:00+08:00';
    const results = await Promise.allSettled([
      store.record('penalty.ledger', 'penalties:2024-09', [violation('02')], { now }),
      store.record('penalty.ledger', 'penalties:2024-09', [violation('03')], { now }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const tally = await store.ledger('ms03', '2024-09');
    expect(tally.totalFen).toBe(40_000);
    expect(tally.lines).toHaveLength(2);
    // With the version each decided on, one of two writers at the same moment is told to re-read.
    const raced = await Promise.allSettled([
      store.record('penalty.ledger', 'penalties:2024-09', [violation('04')], { now, expectedVersion: 2 }),
      store.record('penalty.ledger', 'penalties:2024-09', [violation('05')], { now, expectedVersion: 2 }),
    ]);
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = raced.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost?.reason).toMatchObject({ code: 'concurrency_conflict' });
    expect((await store.ledger('ms03', '2024-09')).totalFen).toBe(60_000);
  });

  it('S000-CREDIT-07: two shipments against one credit account at the same moment never exceed the limit together', async () => {
    await store.putPolicy('credit.account', 'distributor-000');
    const now = '2024-03-31T18:00:00+08:00';
    // Each fits alone (¥80,000 + ¥8,000 ≤ ¥90,000); together they would not.
    const results = await Promise.allSettled([
      store.record('credit.account', 'credit:C1', [shipment('S1', 500_000)], {
        input: { ledger: creditLedger },
        now,
      }),
      store.record('credit.account', 'credit:C1', [shipment('S2', 800_000)], {
        input: { ledger: creditLedger },
        now,
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const account = await store.creditAccount('C1');
    expect(account?.limitFen).toBe(9_000_000);
    expect(account?.openShipments).toHaveLength(1);
    expect(account?.usedFen).toBeLessThanOrEqual(account?.limitFen ?? 0);
    expect([8_500_000, 8_800_000]).toContain(account?.usedFen);
    expect(account?.availableFen).toBe(9_000_000 - (account?.usedFen ?? 0));
  });

  it('refuses bad input with an actionable code, writing nothing', async () => {
    await store.putPolicy('sla.timers', 'retail-000'); // stored before: nothing changes
    await store.putPolicy('attribution.ownership', 'sales-office-001');
    await store.record('sla.timers', 'complaint:own', [received('own', '2024-03-01T10:00+08:00')]);
    const count = async () =>
      Number((await db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${t.events}`)).rows[0]?.n);
    const before = await count();
    // An event its module's schema refuses: the path names the event.
    expect(
      await refusal(() =>
        store.record('sla.timers', 'complaint:bad', [{ type: 'received', subject: 'x', at: 'soon' }]),
      ),
    ).toEqual({ code: 'invalid_instant', path: ['events', 0, 'at'] });
    expect(await store.streamVersion('complaint:bad')).toBe(0);
    // A stream of another module.
    expect(
      await refusal(() =>
        store.record('attribution.ownership', 'complaint:own', [
          { type: 'visit', at: '2024-03-01T10:00+08:00' },
        ]),
      ),
    ).toEqual({ code: 'invalid_state', path: ['streamId'] });
    // Another tenant's request.
    expect(
      await refusal(() =>
        store.record('sla.timers', 'complaint:own', [received('own', '2024-03-21T10:00+08:00')], {
          tenant: 'other',
        }),
      ),
    ).toEqual({ code: 'invalid_state', path: ['options', 'tenant'] });
    expect(await refusal(() => store.putPolicy('sla.timers', 'retail-000', { tenant: 'other' }))).toEqual({
      code: 'invalid_state',
      path: ['options', 'tenant'],
    });
    // No policy stored for the module; an unknown module; a misspelt option.
    expect(await refusal(() => store.record('records.loan', 'loan:1', [{}]))).toEqual({
      code: 'unknown_reference',
      path: ['options', 'policyId'],
    });
    expect(await refusal(() => store.record('sla.timer', 's:1', [{}]))).toEqual({
      code: 'unknown_reference',
      path: ['moduleId'],
    });
    expect(
      await refusal(() => store.record('sla.timers', 's:1', [{}], { expectedVersoin: 0 } as never)),
    ).toEqual({
      code: 'unknown_key',
      path: ['options', 'expectedVersoin'],
    });
    // Values JSON cannot hold: a BigInt, a cycle.
    const cyclic: Record<string, unknown> = { type: 'received' };
    cyclic.self = cyclic;
    expect(await refusal(() => store.record('sla.timers', 's:1', [{ type: 'received', n: 1n }]))).toEqual({
      code: 'invalid_input',
      path: ['events', 0],
    });
    expect(await refusal(() => store.record('sla.timers', 's:1', [cyclic]))).toEqual({
      code: 'invalid_input',
      path: ['events', 0],
    });
    expect(await count()).toBe(before);
  });

  it('S000B-COMPLAINT-04: a calendar notice import recomputes the open timers due in its year, and reports the change', async () => {
    // A second store on the same tables, computing beyond the calendar's data provisionally.
    const provisional = new EventStore(db, { prefix, outsideData: 'provisional', ...partitioned });
    await provisional.putPolicy('sla.timers', 'dealer-000');
    const now = '2027-03-10T12:00:00+08:00';
    await provisional.record(
      'sla.timers',
      'complaint:g-27',
      [
        {
          type: 'assigned',
          subject: 'g-27',
          at: '2027-03-10T11:00+08:00',
          attributes: { level: 'general' },
          assignees: { handlingOwner: 'sm1' },
        },
      ],
      { policyId: 'zhidu.sla.dealer-000', now },
    );
    const before = (
      await provisional.timersDue('2027-03-11T00:00:00+08:00', '2027-03-12T00:00:00+08:00')
    ).find((x) => x.streamId === 'complaint:g-27');
    expect(before).toMatchObject({
      timerId: 'solution1wd',
      dueAt: '2027-03-11T15:59:59.999Z',
      provisional: true,
    });
    const notice = {
      year: 2027,
      source: '兰亭置业测试用：2027年放假安排（虚构）',
      published: '2026-11-05',
      holidays: { '2027-03-11': '测试假日' },
      makeUpWorkdays: {},
    };
    const imported = await provisional.importCalendarNotice(notice, { now });
    expect(imported).toMatchObject({ year: 2027, stored: true });
    expect(imported.recomputed.streams).toEqual(['complaint:g-27']);
    expect(imported.recomputed.changes).toContainEqual(
      expect.objectContaining({
        streamId: 'complaint:g-27',
        projection: 'timers',
        key: 'g-27/solution1wd/0',
        change: 'changed',
        before: expect.objectContaining({ dueAt: '2027-03-11T15:59:59.999Z', provisional: true }),
        after: expect.objectContaining({ dueAt: '2027-03-12T15:59:59.999Z', provisional: false }),
      }),
    );
    // The same notice again is stored once and changes no working day: nothing is recomputed.
    expect(await provisional.importCalendarNotice(notice, { now })).toMatchObject({
      stored: false,
      recomputed: { streams: [], changes: [] },
    });
    expect(
      await refusal(() => provisional.importCalendarNotice({ year: 2027, holidays: { '2026-01-01': 'x' } })),
    ).toMatchObject({
      code: expect.any(String),
      path: expect.arrayContaining(['notice']),
    });
  });

  it('stores the first warning instant of an open timer and finds timers by warning (a fictitious 兰亭置业 policy)', async () => {
    const lanting = JSON.parse(JSON.stringify(getPreset('sla.timers/retail-000')));
    lanting.id = 'example-lanting-realty.complaints';
    lanting.source = { title: '兰亭置业客户投诉处理办法（示例）' };
    lanting.params.timers[0].warnings = [{ minutesBeforeDue: 1440 }, { fraction: 0.5 }];
    await store.putPolicy('sla.timers', lanting);
    await store.record('sla.timers', 'complaint:lt-1', [received('lt-1', '2024-03-01T12:00+08:00')], {
      policyId: 'example-lanting-realty.complaints',
      now: '2024-03-01T13:00:00+08:00',
    });
    // Due at the end of 8 March (15:59:59.999Z); half-way from noon on the 1st (04:00Z) is
    // 2024-03-04T22:00:00.000Z (rounded to the ms), one day before due is 7 March: the first is stored.
    const warned = await store.timersDue('2024-03-04T21:30:00Z', '2024-03-04T22:30:00Z', { by: 'warning' });
    expect(
      warned.filter((x) => x.streamId === 'complaint:lt-1').map((x) => [x.key, x.warnAt, x.dueAt]),
    ).toEqual([['lt-1/close7d/0', '2024-03-04T22:00:00.000Z', '2024-03-08T15:59:59.999Z']]);
    expect(await refusal(() => store.timersDue('2024-03-06T00:00:00Z', '2024-03-05T00:00:00Z'))).toEqual({
      code: 'invalid_input',
      path: ['to'],
    });
    expect(
      await refusal(() =>
        store.timersDue('2024-03-05T00:00:00Z', '2024-03-06T00:00:00Z', { by: 'soon' } as never),
      ),
    ).toEqual({
      code: 'invalid_input',
      path: ['options', 'by'],
    });
    expect(await refusal(() => store.ledger('ms03', '2024-9'))).toEqual({
      code: 'invalid_input',
      path: ['period'],
    });
  });

  // Last: on PGlite it closes the suite's own database (a new PGlite takes seconds to start).
  it('a closed database is unavailable (retryable), not a raw driver error', async () => {
    const closedDb = connectionString
      ? fromPgPool(new pg.Pool({ connectionString, max: 1 }), { ownsPool: true })
      : db;
    const closed = new EventStore(closedDb, { prefix });
    await closedDb.close();
    closedAlready = true;
    const e = await closed
      .record('sla.timers', 'complaint:r-5', [received('r-5', '2024-03-01T10:00+08:00')])
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'unavailable', details: { retryable: true } });
    expect(await refusal(() => closed.owner('c1'))).toMatchObject({ code: 'unavailable' });
  });
});
