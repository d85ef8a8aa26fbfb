import { PGlite } from '@electric-sql/pglite';
import { isZhiduError } from '@zhidu/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitioned, targets } from '../test/backends.js';
import { fromPglite, fromPgPool, type SqlDatabase, type SqlExecutor } from './client.js';
import { insertAll, insertRows } from './insert.js';
import { tablesOf } from './migrations.js';
import { EventStore } from './store.js';

// The statements a record sends (issue 21): every statement is a round trip to the server, and a
// record sent one per projection row, took the stream's lock twice and cleared three projections
// with three statements; its policy history was validated again on every record.

/** A database that notes every statement sent inside its transactions. */
function counting(db: SqlDatabase): { db: SqlDatabase; statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    db: {
      query: (text, params) => db.query(text, params),
      transaction: (fn) =>
        db.transaction((tx) =>
          fn({
            query: (text, params) => {
              statements.push(text.replace(/\s+/g, ' ').trim());
              return tx.query(text, params);
            },
          } as SqlExecutor),
        ),
      close: () => db.close(),
    },
  };
}

const received = (subject: string, at: string) => ({
  type: 'received',
  subject,
  at,
  assignees: { opsCustomerService: 'ops1' },
});
const closed = (subject: string, at: string) => ({ type: 'closed', subject, at });

describe.each(targets)('the statements of a record on $name', ({ connectionString }) => {
  let raw: SqlDatabase;
  let db: SqlDatabase;
  let statements: string[];
  let store: EventStore;
  let pool: pg.Pool | undefined;
  const prefix = `rt${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const t = tablesOf(prefix);
  const now = '2024-04-01T00:00:00+08:00';

  beforeAll(async () => {
    if (connectionString) {
      pool = new pg.Pool({ connectionString, max: 4 });
      raw = fromPgPool(pool);
    } else raw = fromPglite(new PGlite(), { ownsDb: true });
    ({ db, statements } = counting(raw));
    store = new EventStore(db, { prefix, clock: () => now, ...partitioned });
    await store.migrate();
    await store.putPolicy('sla.timers', 'retail-000', { now: '2024-01-01T00:00:00+08:00' });
  });
  afterAll(async () => {
    if (pool) {
      await pool.query(`DROP TABLE IF EXISTS ${Object.values(t).join(', ')}`);
      await pool.end();
    } else await raw.close();
  });

  const count = (pattern: RegExp) => statements.filter((s) => pattern.test(s)).length;
  /**
   * The record's personal values (the events' and the input's) and the stream's row were written by
   * one statement: one statement per list and one for the row before.
   */
  const personalWrittenWithRow = () => {
    const writes = statements.filter((x) =>
      new RegExp(`INSERT INTO (${t.personal}|${t.streams})\\b`).test(x),
    );
    expect(writes.length).toBe(1);
    expect(writes[0]).toMatch(
      new RegExp(`^WITH .*INSERT INTO ${t.personal}\\b.*\\) INSERT INTO ${t.streams}\\b`),
    );
  };

  it('takes the stream lock once, clears the projections in one statement and writes each projection in one INSERT', async () => {
    // Three complaints of one stream, two closed late (S000-COMPLAINT-17: closed within 7 days).
    const events = [
      received('a', '2024-03-01T10:00:00+08:00'),
      received('b', '2024-03-02T10:00:00+08:00'),
      received('c', '2024-03-03T10:00:00+08:00'),
      closed('a', '2024-03-20T10:00:00+08:00'),
      closed('b', '2024-03-04T10:00:00+08:00'),
      closed('c', '2024-03-25T10:00:00+08:00'),
    ];
    statements.length = 0;
    const r = await store.record('sla.timers', 'complaints:1', events, { now });
    const violations = r.decisions.flatMap(
      (d) => (d.value as { violations: { personId: string }[] }).violations,
    );
    expect(violations.map((v) => v.personId)).toEqual(['ops1', 'ops1']);
    expect(count(/pg_advisory_xact_lock\(hashtextextended/)).toBe(1);
    expect(count(new RegExp(`DELETE FROM ${t.timers}\\b`))).toBe(1);
    expect(count(new RegExp(`DELETE FROM ${t.violations}\\b`))).toBe(1);
    expect(count(new RegExp(`DELETE FROM ${t.ledger}\\b`))).toBe(1);
    expect(count(/^(WITH \w+ AS \(DELETE|DELETE)/)).toBe(1);
    // The timers and the violations written by one statement (the ledger has no rows here).
    const writes = statements.filter((x) =>
      new RegExp(`INSERT INTO (${t.timers}|${t.violations})\\b`).test(x),
    );
    expect(writes.length).toBe(1);
    expect(writes[0]).toMatch(
      new RegExp(`^WITH w1 AS \\(INSERT INTO ${t.timers}\\b.*\\) INSERT INTO ${t.violations}\\b`),
    );
    expect(count(new RegExp(`INSERT INTO ${t.ledger}\\b`))).toBe(0);
    // Every row is there, as the queries read them.
    const timers = await raw.query<{ subject: string }>(
      `SELECT subject FROM ${t.timers} WHERE stream_id = $1 ORDER BY subject, timer_key`,
      ['complaints:1'],
    );
    expect(new Set(timers.rows.map((row) => row.subject))).toEqual(new Set(['a', 'b', 'c']));
    expect((await store.violations({ personId: 'ops1' })).length).toBe(2);

    // The next record of the stream replaces the rows: the projections hold no leftovers.
    statements.length = 0;
    await store.record('sla.timers', 'complaints:1', [received('d', '2024-03-26T10:00:00+08:00')], {
      now,
    });
    expect(count(/pg_advisory_xact_lock\(hashtextextended/)).toBe(1);
    expect(count(/^(WITH \w+ AS \(DELETE|DELETE)/)).toBe(1);
    // The stream's binding and head are read together, its policy versions and the tenant's notices
    // together: no statement of their own for the head, an event count or the notices.
    expect(count(/^SELECT MAX\(version\)/)).toBe(0);
    expect(count(/COUNT\(\*\)/)).toBe(0);
    expect(count(new RegExp(`FROM ${t.notices}\\b`))).toBe(1);
    expect(count(new RegExp(`FROM ${t.policies}\\b`))).toBe(1);
    // BEGIN and COMMIT are the adapter's; these are the record's own (16 before issue 21's round, 8
    // while each projection's rows had a statement of their own): the lock, the binding with the head,
    // the policies with the notices, the events written, the events read, the projections cleared, and
    // their rows written.
    expect(statements.length).toBe(7);
    // Recorded without `input`, the bound stream keeps its input: its row is not written again.
    expect(count(new RegExp(`INSERT INTO ${t.streams}\\b`))).toBe(0);
    const after = await raw.query<{ subject: string }>(
      `SELECT subject FROM ${t.timers} WHERE stream_id = $1`,
      ['complaints:1'],
    );
    expect(new Set(after.rows.map((row) => row.subject))).toEqual(new Set(['a', 'b', 'c', 'd']));
    expect(after.rows.length).toBe(timers.rows.length + 1);
    expect((await store.violations({ personId: 'ops1' })).length).toBe(2);
  });

  it("writes a record's personal values in one statement, and reads them back in place", async () => {
    await store.putPolicy('attribution.ownership', 'sales-office-001', { now: '2024-01-01T00:00:00+08:00' });
    const registration = (customerId: string, at: string, phone: string) => ({
      type: 'registration',
      at,
      customerId,
      salespersonId: 'B',
      channel: 'walkIn',
      fields: { name: `客户${customerId}`, phone },
    });
    statements.length = 0;
    await store.record(
      'attribution.ownership',
      'customer:p1',
      [
        registration('p1', '2024-01-05T10:30:00+08:00', '13800000001'),
        registration('p1', '2024-01-06T10:30:00+08:00', '13800000002'),
      ],
      { input: { customerId: 'p1', staff: [{ id: 'A' }, { id: 'B' }] }, now, expectedVersion: 0 },
    );
    personalWrittenWithRow();
    const personal = await raw.query<{ version: number; pointer: string; value: string }>(
      `SELECT version, pointer, value FROM ${t.personal} WHERE stream_id = $1 ORDER BY version, pointer`,
      ['customer:p1'],
    );
    expect(personal.rows.map((r) => [Number(r.version), r.pointer, r.value])).toEqual([
      [1, '/fields/name', '客户p1'],
      [1, '/fields/phone', '13800000001'],
      [2, '/fields/name', '客户p1'],
      [2, '/fields/phone', '13800000002'],
    ]);
    const events = await store.read('customer:p1');
    expect(events.map((e) => (e.payload as { fields: unknown }).fields)).toEqual([
      { name: '客户p1', phone: '13800000001' },
      { name: '客户p1', phone: '13800000002' },
    ]);
  });

  it("writes the input's personal values in one statement, replacing them when the input changes", async () => {
    const staff = (a: string, b: string) => [
      { id: 'A', name: a },
      { id: 'B', name: b },
    ];
    const visit = (at: string) => ({
      type: 'visit',
      at,
      customerId: 'p2',
      onTurnId: 'A',
      intake: { visitedBefore: 'no', named: [] },
      presentIds: ['A', 'B'],
    });
    statements.length = 0;
    await store.record('attribution.ownership', 'customer:p2', [visit('2024-01-05T10:00:00+08:00')], {
      input: { customerId: 'p2', staff: staff('甲', '乙') },
      now,
      expectedVersion: 0,
    });
    personalWrittenWithRow();
    statements.length = 0;
    await store.record('attribution.ownership', 'customer:p2', [visit('2024-01-06T10:00:00+08:00')], {
      input: { customerId: 'p2', staff: staff('甲', '丙') },
      now,
      expectedVersion: 1,
    });
    personalWrittenWithRow();
    const rows = await raw.query<{ pointer: string; value: string }>(
      `SELECT pointer, value FROM ${t.personal} WHERE stream_id = $1 AND version = 0 ORDER BY pointer`,
      ['customer:p2'],
    );
    expect(rows.rows.map((r) => [r.pointer, r.value])).toEqual([
      ['/input/staff/0/name', '甲'],
      ['/input/staff/1/name', '丙'],
    ]);
    // The stored input holds the marks, never the values.
    const stored = await raw.query<{ input: string }>(
      `SELECT input::text AS input FROM ${t.streams} WHERE stream_id = $1`,
      ['customer:p2'],
    );
    expect(JSON.parse(stored.rows[0]?.input ?? 'null')).toEqual({
      customerId: 'p2',
      staff: [
        { id: 'A', name: '[personal]' },
        { id: 'B', name: '[personal]' },
      ],
    });
  });

  it('a rebuild reads the five projections of a stream in one statement, and reports a change made by hand', async () => {
    statements.length = 0;
    const report = await store.rebuild('sla.timers', { now });
    expect(report.streams).toEqual(['complaints:1']);
    expect(report.changes).toEqual([]);
    // Read before and after writing them (the change report compares the two): two statements a stream.
    const reads = statements.filter((x) => x.includes(`FROM ${t.credit}`));
    expect(reads.length).toBe(2 * report.streams.length);
    for (const x of reads)
      for (const table of [t.timers, t.violations, t.ledger, t.owners]) expect(x).toContain(`FROM ${table}`);
    // A change in the table is reported against what was stored: a due instant moved by hand comes back.
    await raw.query(
      `UPDATE ${t.timers} SET due_at = due_at + interval '1 day' WHERE stream_id = 'complaints:1' AND subject = 'd'`,
    );
    const again = await store.rebuild('sla.timers', { now });
    const moved = again.changes.filter((c) => c.streamId === 'complaints:1');
    expect(moved.length).toBe(1);
    expect(moved[0]).toMatchObject({ projection: 'timers', change: 'changed' });
    const change = moved[0] as unknown as { before: { dueAt: string }; after: { dueAt: string } };
    expect(Date.parse(change.before.dueAt) - Date.parse(change.after.dueAt)).toBe(86_400_000);
  });

  it('a bound stream recorded without input by a store with more personal fields has its input written again with marks', async () => {
    // A store that takes only phones as personal wrote the staff's names into the stream's input …
    const phonesOnly = new EventStore(db, {
      prefix,
      clock: () => now,
      personalFields: ['phone'],
      ...partitioned,
    });
    const visit = (at: string) => ({
      type: 'visit',
      at,
      customerId: 'p9',
      onTurnId: 'A',
      intake: { visitedBefore: 'no', named: [] },
      presentIds: ['A', 'B'],
    });
    await phonesOnly.record('attribution.ownership', 'customer:p9', [visit('2024-01-05T10:00:00+08:00')], {
      input: {
        customerId: 'p9',
        staff: [
          { id: 'A', name: '甲' },
          { id: 'B', name: '乙' },
        ],
      },
      now,
      expectedVersion: 0,
    });
    const input = async () =>
      (
        await raw.query<{ input: string }>(
          `SELECT input::text AS input FROM ${t.streams} WHERE stream_id = $1`,
          ['customer:p9'],
        )
      ).rows[0]?.input ?? '';
    expect(await input()).toContain('甲');
    // … a store with the default fields (names included) records on it without input: the names move
    // to the personal table and the row keeps marks, so the erasure leaves them nowhere.
    await store.record('attribution.ownership', 'customer:p9', [visit('2024-01-06T10:00:00+08:00')], {
      now,
      expectedVersion: 1,
    });
    expect(await input()).not.toContain('甲');
    expect(JSON.parse(await input()).staff).toEqual([
      { id: 'A', name: '[personal]' },
      { id: 'B', name: '[personal]' },
    ]);
    await store.erase('p9');
    const left = await raw.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM ${t.personal} WHERE stream_id = $1 AND value IS NOT NULL`,
      ['customer:p9'],
    );
    expect(Number(left.rows[0]?.n)).toBe(0);
    expect(await input()).not.toContain('乙');
  });

  it('an append takes the stream lock once', async () => {
    statements.length = 0;
    await store.append('raw:1', [
      { type: 'note', occurredAt: '2024-03-01T10:00:00+08:00', payload: { n: 1 } },
    ]);
    expect(count(/pg_advisory_xact_lock\(hashtextextended/)).toBe(1);
  });

  it('a stored policy version changed in the table is read again, not taken from the history of the last record', async () => {
    await store.record('sla.timers', 'complaints:2', [received('e', '2024-03-05T10:00:00+08:00')], {
      now,
    });
    // An operator moves the version's start after the events (by hand, in the table).
    await raw.query(
      `UPDATE ${t.policies} SET content = jsonb_set(content, '{effectiveFrom}', '"2024-06-01"') WHERE module_id = 'sla.timers'`,
    );
    const refused = await store
      .record('sla.timers', 'complaints:3', [received('f', '2024-03-05T10:00:00+08:00')], { now })
      .then(
        () => 'recorded',
        (e: unknown) => (isZhiduError(e) ? e.code : String(e)),
      );
    expect(refused).toBe('policy_not_in_force');
    await raw.query(
      `UPDATE ${t.policies} SET content = jsonb_set(content, '{effectiveFrom}', '"2024-01-01T00:00:00+08:00"') WHERE module_id = 'sla.timers'`,
    );
    const again = await store.record(
      'sla.timers',
      'complaints:3',
      [received('f', '2024-03-05T10:00:00+08:00')],
      {
        now,
      },
    );
    expect(again.toVersion).toBe(1);
  });

  it('insertRows sends one statement per chunk and none for no rows', async () => {
    const table = `${prefix}_rows`;
    await raw.query(`CREATE TABLE ${table} (tenant TEXT, k INTEGER, at TIMESTAMPTZ, doc JSONB)`);
    try {
      const sent: string[] = [];
      await raw.transaction(async (tx) => {
        const noted: SqlExecutor = {
          query: (text, params) => {
            sent.push(text);
            return tx.query(text, params);
          },
        };
        await insertRows(noted, table, [{ name: 'tenant', value: 't1' }], [], []);
        expect(sent).toEqual([]);
        await insertRows(
          noted,
          table,
          [{ name: 'tenant', value: 't1' }],
          [
            { name: 'k', cast: 'integer' },
            { name: 'at', cast: 'timestamptz' },
            { name: 'doc', cast: 'jsonb' },
          ],
          [1, 2, 3, 4, 5].map((k) => [k, `2024-03-0${k}T10:00:00+08:00`, JSON.stringify({ k })]),
          { chunkRows: 2 },
        );
      });
      expect(sent.length).toBe(3);
      // A chunk size past the parameter limit is taken as the limit (25,000 rows of three parameters
      // would be 75,001 in one statement, more than PostgreSQL takes), and one below 1 too.
      sent.length = 0;
      await raw.transaction(async (tx) => {
        const noted: SqlExecutor = {
          query: (text, params) => {
            sent.push(text);
            return tx.query(text, params);
          },
        };
        const columns = [
          { name: 'k', cast: 'integer' },
          { name: 'at', cast: 'timestamptz' },
          { name: 'doc', cast: 'jsonb' },
        ];
        const many = Array.from({ length: 25_000 }, (_, i) => [100 + i, '2024-03-01T10:00:00+08:00', '{}']);
        await insertRows(noted, table, [{ name: 'tenant', value: 't2' }], columns, many, {
          chunkRows: 25_000,
        });
        expect(sent.length).toBe(3);
        await insertRows(noted, table, [{ name: 'tenant', value: 't3' }], columns, many.slice(0, 10), {
          chunkRows: 0,
        });
        expect(sent.length).toBe(4);
      });
      const counted = await raw.query<{ tenant: string; n: number | string }>(
        `SELECT tenant, COUNT(*) AS n FROM ${table} WHERE tenant <> 't1' GROUP BY tenant ORDER BY tenant`,
      );
      expect(counted.rows.map((r) => [r.tenant, Number(r.n)])).toEqual([
        ['t2', 25_000],
        ['t3', 10],
      ]);
      const rows = await raw.query<{ tenant: string; k: number; at: string; doc: unknown }>(
        `SELECT tenant, k, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at, doc FROM ${table} WHERE tenant = 't1' ORDER BY k`,
      );
      expect(rows.rows).toEqual(
        [1, 2, 3, 4, 5].map((k) => ({ tenant: 't1', k, at: `2024-03-0${k} 02:00`, doc: { k } })),
      );
    } finally {
      await raw.query(`DROP TABLE ${table}`);
    }
  });

  it("insertAll joins several tables' rows in one statement, and splits only past the parameter limit", async () => {
    const a = `${prefix}_a`;
    const b = `${prefix}_b`;
    await raw.query(
      `CREATE TABLE ${a} (tenant TEXT, k INTEGER, at TIMESTAMPTZ, doc JSONB, PRIMARY KEY (tenant, k))`,
    );
    await raw.query(`CREATE TABLE ${b} (tenant TEXT, name TEXT PRIMARY KEY, n INTEGER)`);
    try {
      await raw.query(`INSERT INTO ${b} (tenant, name, n) VALUES ('t1', 'kept', 1)`);
      const sent: string[] = [];
      const shared = [{ name: 'tenant', value: 't1' }];
      const columnsA = [
        { name: 'k', cast: 'integer' },
        { name: 'at', cast: 'timestamptz' },
        { name: 'doc', cast: 'jsonb' },
      ];
      const rowsA = (n: number, from = 0) =>
        Array.from({ length: n }, (_, i) => [
          from + i,
          '2024-03-01T10:00:00+08:00',
          JSON.stringify({ i: from + i }),
        ]);
      await raw.transaction(async (tx) => {
        const noted: SqlExecutor = {
          query: (text, params) => {
            sent.push(text);
            return tx.query(text, params);
          },
        };
        // No rows anywhere: nothing sent.
        await insertAll(noted, [
          { table: a, shared, columns: columnsA, rows: [] },
          { table: b, shared, columns: [{ name: 'name' }, { name: 'n' }], rows: [] },
        ]);
        expect(sent).toEqual([]);
        // Two tables, a few rows each, one of them an upsert: one statement.
        await insertAll(noted, [
          { table: a, shared, columns: columnsA, rows: rowsA(3) },
          {
            table: b,
            shared,
            columns: [{ name: 'name' }, { name: 'n' }],
            rows: [
              ['kept', 2],
              ['new', 3],
            ],
            suffix: 'ON CONFLICT (name) DO UPDATE SET n = EXCLUDED.n',
          },
        ]);
        expect(sent.length).toBe(1);
        expect(sent[0]).toMatch(new RegExp(`^WITH w1 AS \\(INSERT INTO ${a} .*\\) INSERT INTO ${b} `));
        // 7,600 rows of three parameters and the tenant's (22,801) and 2,600 more (7,801): past 30,000
        // together, so two statements; the second table's rows join the last chunk.
        sent.length = 0;
        await insertAll(noted, [
          { table: a, shared, columns: columnsA, rows: rowsA(7_600, 100) },
          { table: a, shared, columns: columnsA, rows: rowsA(2_600, 10_000) },
          { table: b, shared, columns: [{ name: 'name' }, { name: 'n' }], rows: [['last', 4]] },
        ]);
        expect(sent.length).toBe(2);
        expect(sent[0]).toMatch(new RegExp(`^INSERT INTO ${a} `));
        expect(sent[1]).toMatch(new RegExp(`^WITH w1 AS \\(INSERT INTO ${a} .*\\) INSERT INTO ${b} `));
      });
      const countA = await raw.query<{ n: number | string; docs: number | string }>(
        `SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE (doc->>'i')::integer = k) AS docs FROM ${a}`,
      );
      expect(Number(countA.rows[0]?.n)).toBe(3 + 7_600 + 2_600);
      expect(Number(countA.rows[0]?.docs)).toBe(3 + 7_600 + 2_600);
      const rowsB = await raw.query<{ name: string; n: number }>(`SELECT name, n FROM ${b} ORDER BY name`);
      expect(rowsB.rows).toEqual([
        { name: 'kept', n: 2 },
        { name: 'last', n: 4 },
        { name: 'new', n: 3 },
      ]);
    } finally {
      await raw.query(`DROP TABLE ${a}, ${b}`);
    }
  });
});
