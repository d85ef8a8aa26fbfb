import { PGlite } from '@electric-sql/pglite';
import { isZhiduError } from '@zhidu/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targets } from '../test/backends.js';
import { fromPglite, fromPgPool, type SqlDatabase } from './client.js';
import { tablesOf } from './migrations.js';
import { EventStore } from './store.js';

// The events table hash-partitioned by tenant and stream (`partitions`): rows land in partitions,
// one stream in one partition, and the store answers exactly as an unpartitioned one does —
// reads, the store-wide order, idempotency, conflicts, module decisions and their projections.
// On PGlite always and on a PostgreSQL server when ZHIDU_PG_URL is set.

async function refusal(call: () => unknown): Promise<Record<string, unknown> | string> {
  try {
    await call();
    return 'resolved';
  } catch (e) {
    if (isZhiduError(e)) return { code: e.code, path: e.path, message: e.message, details: e.details };
    return `not a ZhiduError: ${String(e)}`;
  }
}

const CLOCK = () => '2024-03-02T00:00:00+08:00';
const NOW = '2024-03-20T00:00:00+08:00';
const staff = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];
const registration = (customerId: string, at: string) => ({
  type: 'registration',
  at,
  customerId,
  salespersonId: 'B',
  channel: 'walkIn',
  fields: { name: '王测试', phone: '13800000017' },
});
const complaint = (id: string, closed: string | null) => [
  { type: 'received', subject: id, at: '2024-03-01T10:00+08:00', assignees: { opsCustomerService: 'ops1' } },
  ...(closed === null ? [] : [{ type: 'closed', subject: id, at: closed }]),
];

/** The same history written to a store: plain streams, retries, a conflict, module streams. */
async function history(store: EventStore) {
  await store.putPolicy('sla.timers', 'retail-000');
  await store.putPolicy('attribution.ownership', 'sales-office-001');
  const outcomes: unknown[] = [];
  for (let i = 0; i < 24; i++) {
    outcomes.push(
      await store.append(
        `customer:c-${i}`,
        [1, 2, 3].map((n) => ({
          type: n === 1 ? 'registered' : 'visited',
          occurredAt: `2024-03-0${n}T10:00:00+08:00`,
          payload: { by: `S${i % 5}`, n },
        })),
        { expectedVersion: 0, idempotencyKey: `desk:${i}` },
      ),
    );
  }
  // A retry is a replay; a reused key for other events is refused; a stale version conflicts.
  outcomes.push(
    await store.append(
      'customer:c-3',
      [1, 2, 3].map((n) => ({
        type: n === 1 ? 'registered' : 'visited',
        occurredAt: `2024-03-0${n}T10:00:00+08:00`,
        payload: { by: 'S3', n },
      })),
      { expectedVersion: 0, idempotencyKey: 'desk:3' },
    ),
  );
  outcomes.push(
    await refusal(() =>
      store.append('customer:c-4', [{ type: 'visited', occurredAt: '2024-03-05T10:00:00+08:00' }], {
        idempotencyKey: 'desk:4',
      }),
    ),
  );
  outcomes.push(
    await refusal(() =>
      store.append('customer:c-5', [{ type: 'visited', occurredAt: '2024-03-05T10:00:00+08:00' }], {
        expectedVersion: 1,
      }),
    ),
  );
  for (const [id, closed] of [
    ['r-1', '2024-03-04T09:00+08:00'],
    ['r-2', null],
    ['r-3', '2024-03-12T09:00+08:00'],
  ] as const) {
    const d = await store.record('sla.timers', `complaint:${id}`, complaint(id, closed), { now: NOW });
    outcomes.push(d.decisions.map((x) => x.value.violations.length));
  }
  for (const c of ['o1', 'o2']) {
    const d = await store.record(
      'attribution.ownership',
      `customer:${c}`,
      [registration(c, '2024-03-05T10:30+08:00')],
      {
        input: { customerId: c, staff },
        now: NOW,
      },
    );
    outcomes.push(d.toVersion);
  }
  return outcomes;
}

/** What the store answers after {@link history}, positions replaced by their rank. */
async function answers(store: EventStore) {
  const all = await store.readAll({ afterPosition: 0, limit: 1_000 });
  const streams: Record<string, unknown> = {};
  for (const id of [...new Set(all.map((e) => e.streamId))].sort()) {
    streams[id] = (await store.read(id)).map(({ position: _p, ...e }) => e);
  }
  return {
    order: all.map((e) => `${e.streamId}@${e.version}`),
    positionsIncrease: all.every((e, i) => i === 0 || e.position > (all[i - 1]?.position ?? 0)),
    streams,
    versions: await Promise.all(
      ['customer:c-0', 'customer:c-3', 'complaint:r-2'].map((s) => store.streamVersion(s)),
    ),
    owners: await Promise.all(['o1', 'o2'].map(async (c) => (await store.owner(c))?.owner)),
    due: (await store.timersDue('2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z')).map((t) => [
      t.streamId,
      t.timerId,
      t.dueAt,
    ]),
    violations: (await store.violations({ moduleId: 'sla.timers' })).map((v) => [
      v.streamId,
      v.code,
      v.personId,
    ]),
  };
}

describe.each(targets)('events hash-partitioned by tenant and stream on $name', ({ connectionString }) => {
  const tag = `pt${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const plainT = tablesOf(`${tag}_plain`);
  const partT = tablesOf(`${tag}_part`);
  let db: SqlDatabase;
  let pool: pg.Pool | undefined;
  let plain: EventStore;
  let part: EventStore;
  let plainOutcomes: unknown[];
  let partOutcomes: unknown[];

  beforeAll(async () => {
    if (connectionString) {
      pool = new pg.Pool({ connectionString, max: 4 });
      db = fromPgPool(pool);
    } else db = fromPglite(new PGlite(), { ownsDb: true });
    plain = new EventStore(db, { prefix: `${tag}_plain`, clock: CLOCK });
    part = new EventStore(db, { prefix: `${tag}_part`, clock: CLOCK, partitions: 4 });
    await plain.migrate();
    await part.migrate();
    plainOutcomes = await history(plain);
    partOutcomes = await history(part);
  }, 120_000);
  afterAll(async () => {
    if (pool) {
      await pool.query(
        `DROP TABLE IF EXISTS ${[...Object.values(plainT), ...Object.values(partT)].join(', ')}`,
      );
      await pool.end();
    } else await db?.close();
  });

  it('creates the events table partitioned by hash into 4 partitions, and reports the layout', async () => {
    expect(await part.eventPartitions()).toBe(4);
    expect(await plain.eventPartitions()).toBe(0);
    const layout = await db.query<{ strategy: string; key: string }>(
      `SELECT p.partstrat AS strategy, pg_get_partkeydef(p.partrelid) AS key
         FROM pg_partitioned_table p WHERE p.partrelid = to_regclass($1)`,
      [partT.events],
    );
    expect(layout.rows).toEqual([{ strategy: 'h', key: 'HASH (tenant, stream_id)' }]);
    const children = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = to_regclass($1) ORDER BY c.relname`,
      [partT.events],
    );
    expect(children.rows.map((r) => r.name)).toEqual([0, 1, 2, 3].map((i) => `${partT.events}_p${i}`));
  });

  it('puts every row in a partition (tableoid::regclass), all of one stream in the same one, and uses more than one', async () => {
    const rows = await db.query<{ part: string; stream_id: string }>(
      `SELECT tableoid::regclass::text AS part, stream_id FROM ${partT.events}`,
    );
    expect(rows.rows.length).toBe(24 * 3 + 3 * 2 - 1 + 2);
    const byStream = new Map<string, Set<string>>();
    for (const r of rows.rows) {
      expect(r.part).toMatch(new RegExp(`^${partT.events}_p[0-3]$`));
      byStream.set(r.stream_id, (byStream.get(r.stream_id) ?? new Set()).add(r.part));
    }
    for (const parts of byStream.values()) expect(parts.size).toBe(1);
    const used = new Set(rows.rows.map((r) => r.part));
    expect(used.size).toBeGreaterThan(1);
    // A stream's partition is the one PostgreSQL's own routing gives its (tenant, stream) key.
    const one = await db.query<{ part: string }>(
      `SELECT tableoid::regclass::text AS part FROM ${partT.events} WHERE tenant = 'default' AND stream_id = 'customer:c-7' LIMIT 1`,
    );
    expect(one.rows[0]?.part).toBe([...(byStream.get('customer:c-7') ?? [])][0]);
    // The unpartitioned store keeps every row in its one table.
    const flat = await db.query<{ part: string }>(
      `SELECT DISTINCT tableoid::regclass::text AS part FROM ${plainT.events}`,
    );
    expect(flat.rows).toEqual([{ part: plainT.events }]);
  });

  it('answers idempotent retries, reused keys and conflicts exactly as the unpartitioned store', () => {
    expect(partOutcomes).toEqual(plainOutcomes);
    expect(partOutcomes[24]).toMatchObject({
      streamId: 'customer:c-3',
      fromVersion: 1,
      toVersion: 3,
      replayed: true,
    });
    expect(partOutcomes[25]).toMatchObject({ code: 'idempotency_mismatch', path: ['idempotencyKey'] });
    expect(partOutcomes[26]).toMatchObject({ code: 'concurrency_conflict' });
    // sla.timers: r-1 closed within the limit, r-2 never closed and r-3 late, judged at NOW.
    expect(partOutcomes.slice(27, 30)).toEqual([[0], [1], [1]]);
  });

  it('reads streams, the store-wide order and the projections exactly as the unpartitioned store', async () => {
    const a = await answers(plain);
    const b = await answers(part);
    expect(b).toEqual(a);
    expect(b.positionsIncrease).toBe(true);
    expect(b.order).toHaveLength(24 * 3 + 3 * 2 - 1 + 2);
    expect(b.order.slice(0, 4)).toEqual([
      'customer:c-0@1',
      'customer:c-0@2',
      'customer:c-0@3',
      'customer:c-1@1',
    ]);
    expect(b.versions).toEqual([3, 3, 1]);
    expect(b.owners).toEqual(['B', 'B']);
    expect(b.violations.length).toBeGreaterThan(0);
    // A rebuild recomputes the same projections: nothing differs.
    expect((await part.rebuild('sla.timers', { now: NOW })).changes).toEqual([]);
  });

  it('refuses a partitions option on a table laid out otherwise (invalid_state at partitions), changing nothing', async () => {
    const onPlain = await refusal(() =>
      new EventStore(db, { prefix: `${tag}_plain`, partitions: 4 }).migrate(),
    );
    expect(onPlain).toMatchObject({
      code: 'invalid_state',
      path: ['partitions'],
      details: { partitions: 0, asked: 4 },
    });
    expect((onPlain as { message: string }).message).toContain('exists without partitions');
    expect((onPlain as { message: string }).message).toContain('未分区');
    const recount = await refusal(() =>
      new EventStore(db, { prefix: `${tag}_part`, partitions: 8 }).migrate(),
    );
    expect(recount).toMatchObject({
      code: 'invalid_state',
      path: ['partitions'],
      details: { partitions: 4, asked: 8 },
    });
    expect((recount as { message: string }).message).toContain('has 4 hash partitions, not 8');
    expect(await plain.eventPartitions()).toBe(0);
    expect(await part.eventPartitions()).toBe(4);
    // Opened without the option, a partitioned store works as it is.
    const again = new EventStore(db, { prefix: `${tag}_part` });
    expect(await again.migrate()).toEqual({ from: 2, to: 2 });
    expect(await again.streamVersion('customer:c-9')).toBe(3);
  });
});

describe('the partitions option', () => {
  // The constructor refuses before any SQL runs: a database that fails every call shows it.
  const unused = {
    query: () => Promise.reject(new Error('no SQL expected')),
    transaction: () => Promise.reject(new Error('no SQL expected')),
    close: () => Promise.resolve(),
  } as unknown as SqlDatabase;

  it.each([[1], [0], [-4], [1025], [2.5], ['8'], [Number.NaN]])(
    'refuses partitions %p as invalid_input at partitions, naming the range',
    async (partitions) => {
      const e = await refusal(() => new EventStore(unused, { partitions: partitions as number }));
      expect(e).toMatchObject({ code: 'invalid_input', path: ['partitions'] });
      expect((e as { message: string }).message).toContain('partitions is an integer from 2 to 1024');
      expect((e as { message: string }).message).toContain('2 到 1024');
    },
  );

  it('accepts the bounds 2 and 1024, and the longest table prefix with its partition names', async () => {
    expect(() => new EventStore(unused, { partitions: 2 })).not.toThrow();
    expect(() => new EventStore(unused, { partitions: 1024 })).not.toThrow();
    const db = fromPglite(new PGlite(), { ownsDb: true });
    try {
      // 41 characters, the longest prefix: `<prefix>_events_p1023` (54) stays under PostgreSQL's 63.
      const prefix = `w${'x'.repeat(40)}`;
      const wide = new EventStore(db, { prefix, partitions: 16 });
      await wide.migrate();
      expect(await wide.eventPartitions()).toBe(16);
      await wide.append('s-1', [{ type: 'x', occurredAt: '2024-03-01T10:00:00+08:00' }]);
      expect((await wide.read('s-1')).map((e) => e.version)).toEqual([1]);
      const part = await db.query<{ part: string }>(
        `SELECT tableoid::regclass::text AS part FROM ${prefix}_events`,
      );
      expect(part.rows[0]?.part).toMatch(new RegExp(`^${prefix}_events_p\\d+$`));
    } finally {
      await db.close();
    }
  }, 120_000);
});
