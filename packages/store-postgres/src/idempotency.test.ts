import { PGlite } from '@electric-sql/pglite';
import { ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitioned } from '../test/backends.js';
import { fromPglite, fromPgPool, type SqlDatabase } from './client.js';
import { type AppendResult, EventStore, type NewEvent } from './store.js';

// Idempotency keys under retries and concurrency (issue §7). The suite runs on embedded PGlite always
// and on a PostgreSQL server when ZHIDU_PG_URL is set. On the server the store gets a pool of 20
// clients, so the concurrent appends below really run in separate sessions and transactions; PGlite
// is one embedded session that queues its transactions, which the same tests cover as well.
const targets: { name: string; connectionString?: string }[] = [{ name: 'PGlite' }];
if (process.env.ZHIDU_PG_URL)
  targets.push({ name: 'PostgreSQL server', connectionString: process.env.ZHIDU_PG_URL });

const at = '2025-03-01T10:00:00+08:00';

function openDb(connectionString: string | undefined): SqlDatabase {
  return connectionString
    ? fromPgPool(new pg.Pool({ connectionString, max: 20 }), { ownsPool: true })
    : fromPglite(new PGlite(), { ownsDb: true });
}

async function settle<T>(calls: Promise<T>[]) {
  const results = await Promise.allSettled(calls);
  return {
    ok: results
      .filter((r): r is PromiseFulfilledResult<Awaited<T>> => r.status === 'fulfilled')
      .map((r) => r.value),
    refused: results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as unknown),
  };
}

function codeOf(e: unknown): string {
  return e instanceof ZhiduError ? e.code : `not a ZhiduError: ${String(e)}`;
}

describe.each(targets)('idempotency keys on $name', ({ connectionString }) => {
  let db: SqlDatabase;
  let store: EventStore;
  const storePrefix = `i${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

  beforeAll(async () => {
    db = openDb(connectionString);
    store = new EventStore(db, { prefix: storePrefix, ...partitioned });
    await store.migrate();
    // Open every pool client up front, so the concurrent appends start together rather than one
    // connection at a time.
    if (connectionString)
      await Promise.all(Array.from({ length: 20 }, () => db.query('SELECT pg_sleep(0.05)')));
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives 100 concurrent appends with one key and one request the same result and appends once', async () => {
    const events: NewEvent[] = [
      { type: 'registered', occurredAt: at, payload: { salesperson: 'A' } },
      { type: 'deposit', occurredAt: at, payload: { fen: 500_000 } },
    ];
    const { ok, refused } = await settle(
      Array.from({ length: 100 }, () =>
        store.append('customer:k-100', events, { expectedVersion: 0, idempotencyKey: 'pos-100' }),
      ),
    );
    expect(refused.map(codeOf)).toEqual([]);
    expect(ok).toHaveLength(100);
    expect(ok.filter((r) => !r.replayed)).toHaveLength(1);
    expect(ok.filter((r) => r.replayed)).toHaveLength(99);
    expect(new Set(ok.map((r) => JSON.stringify({ ...r, replayed: undefined })))).toEqual(
      new Set([JSON.stringify({ streamId: 'customer:k-100', fromVersion: 1, toVersion: 2 })]),
    );
    const stored = await store.read('customer:k-100');
    expect(stored.map((e) => [e.version, e.type])).toEqual([
      [1, 'registered'],
      [2, 'deposit'],
    ]);
    const all = (await store.readAll()).filter((e) => e.streamId === 'customer:k-100');
    expect(all.map((e) => e.position)).toEqual(stored.map((e) => e.position));
  });

  it('gives 100 concurrent appends with one key and no expected version the same result and appends once', async () => {
    const events: NewEvent[] = [{ type: 'visited', occurredAt: at, payload: { receivedBy: 'B' } }];
    const { ok, refused } = await settle(
      Array.from({ length: 100 }, () =>
        store.append('customer:k-101', events, { idempotencyKey: 'pos-101' }),
      ),
    );
    expect(refused.map(codeOf)).toEqual([]);
    expect(ok.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(ok.map((r) => `${r.streamId}#${r.fromVersion}-${r.toVersion}`))).toEqual(
      new Set(['customer:k-101#1-1']),
    );
    expect(await store.streamVersion('customer:k-101')).toBe(1);
  });

  it('replays a key whose stream has moved on instead of reporting a stale expected version', async () => {
    const event: NewEvent[] = [{ type: 'registered', occurredAt: at, payload: { salesperson: 'A' } }];
    const first = await store.append('customer:k-moved', event, {
      expectedVersion: 0,
      idempotencyKey: 'pos-moved',
    });
    await store.append('customer:k-moved', [{ type: 'visited', occurredAt: at }], { expectedVersion: 1 });
    const retry = await store.append('customer:k-moved', event, {
      expectedVersion: 0,
      idempotencyKey: 'pos-moved',
    });
    expect(retry).toEqual({ streamId: 'customer:k-moved', fromVersion: 1, toVersion: 1, replayed: true });
    expect(first).toEqual({ ...retry, replayed: false });
    expect(await store.streamVersion('customer:k-moved')).toBe(2);
  });

  it('refuses a key reused on a different stream with idempotency_mismatch and writes nothing', async () => {
    const event: NewEvent[] = [{ type: 'deposit', occurredAt: at, payload: { fen: 100 } }];
    await store.append('customer:k-a', event, { idempotencyKey: 'pos-stream' });
    const e = await store
      .append('customer:k-b', event, { idempotencyKey: 'pos-stream' })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ZhiduError);
    expect(e).toMatchObject({ code: 'idempotency_mismatch', path: ['idempotencyKey'] });
    expect((e as Error).message).toContain('幂等键');
    expect((e as Error).message).toContain('idempotency key "pos-stream"');
    expect((e as Error).message).toContain('customer:k-a');
    expect(await store.read('customer:k-b')).toEqual([]);
    expect(await store.streamVersion('customer:k-a')).toBe(1);
  });

  it('refuses a key reused with a different payload, type, instant, event count or expected version', async () => {
    const base: NewEvent = { type: 'deposit', occurredAt: at, payload: { fen: 100, by: 'A' } };
    await store.append('customer:k-p', [base], { expectedVersion: 0, idempotencyKey: 'pos-payload' });
    const variants: { events: NewEvent[]; expectedVersion?: number }[] = [
      { events: [{ ...base, payload: { fen: 200, by: 'A' } }], expectedVersion: 0 },
      { events: [{ ...base, payload: { fen: 100 } }], expectedVersion: 0 },
      { events: [{ ...base, type: 'refund' }], expectedVersion: 0 },
      { events: [{ ...base, occurredAt: '2025-03-01T10:00:01+08:00' }], expectedVersion: 0 },
      { events: [base, base], expectedVersion: 0 },
      { events: [base], expectedVersion: 1 },
      { events: [base] },
    ];
    for (const v of variants) {
      const e = await store
        .append('customer:k-p', v.events, {
          idempotencyKey: 'pos-payload',
          ...(v.expectedVersion === undefined ? {} : { expectedVersion: v.expectedVersion }),
        })
        .catch((x: unknown) => x);
      expect(e, JSON.stringify(v)).toMatchObject({ code: 'idempotency_mismatch', path: ['idempotencyKey'] });
    }
    const stored = await store.read('customer:k-p');
    expect(stored.map((e) => [e.version, e.type, e.payload])).toEqual([
      [1, 'deposit', { fen: 100, by: 'A' }],
    ]);
  });

  it('replays the same request written differently: key order, instant offset, omitted empty payload', async () => {
    await store.append(
      'customer:k-same',
      [
        { type: 'deposit', occurredAt: at, payload: { fen: 100, meta: { by: 'A', desk: 3 } } },
        { type: 'note', occurredAt: at },
      ],
      { idempotencyKey: 'pos-same' },
    );
    const again = await store.append(
      'customer:k-same',
      [
        {
          type: 'deposit',
          occurredAt: '2025-03-01T02:00:00Z',
          payload: { meta: { desk: 3, by: 'A' }, fen: 100 },
        },
        { type: 'note', occurredAt: '2025-03-01T02:00:00.000Z', payload: {} },
      ],
      { idempotencyKey: 'pos-same' },
    );
    expect(again).toEqual({ streamId: 'customer:k-same', fromVersion: 1, toVersion: 2, replayed: true });
    expect(await store.streamVersion('customer:k-same')).toBe(2);
  });

  it('under concurrency, one key with differing requests: one appends, identical ones replay, the rest get idempotency_mismatch', async () => {
    const request = (i: number) => ({
      streamId: i % 3 === 1 ? 'customer:k-c2' : 'customer:k-c1',
      events: [{ type: 'deposit', occurredAt: at, payload: { fen: i % 3 === 2 ? 999 : 100 } }] as NewEvent[],
    });
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => {
        const r = request(i);
        return store.append(r.streamId, r.events, { idempotencyKey: 'pos-mixed' });
      }),
    );
    const appended = results.flatMap((r, i) =>
      r.status === 'fulfilled' && !r.value.replayed ? [{ i, result: r.value }] : [],
    );
    expect(appended).toHaveLength(1);
    const winner = request(appended[0]?.i ?? -1);
    const sameAsWinner = (i: number) => JSON.stringify(request(i)) === JSON.stringify(winner);
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') {
        expect(sameAsWinner(i)).toBe(true);
        expect({ ...r.value, replayed: false }).toEqual(appended[0]?.result);
      } else {
        expect(sameAsWinner(i)).toBe(false);
        expect(r.reason).toMatchObject({ code: 'idempotency_mismatch', path: ['idempotencyKey'] });
      }
    });
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    const c1 = await store.read('customer:k-c1');
    const c2 = await store.read('customer:k-c2');
    expect(c1.length + c2.length).toBe(1);
    expect([...c1, ...c2][0]?.streamId).toBe(winner.streamId);
  });

  it('still lets exactly one of two concurrent registrations with different keys through', async () => {
    const register = (who: string) =>
      store.append(
        'customer:k-race',
        [{ type: 'registered', occurredAt: at, payload: { salesperson: who } }],
        {
          expectedVersion: 0,
          idempotencyKey: `reg-${who}`,
        },
      );
    const { ok, refused } = await settle([register('A'), register('B')]);
    expect(ok).toHaveLength(1);
    expect(refused.map(codeOf)).toEqual(['concurrency_conflict']);
    expect(await store.streamVersion('customer:k-race')).toBe(1);
  });

  it('refuses an empty or non-string idempotency key and a payload JSON cannot hold', async () => {
    const event: NewEvent[] = [{ type: 'x', occurredAt: at }];
    for (const key of ['', 42 as unknown as string]) {
      const e = await store.append('customer:k-bad', event, { idempotencyKey: key }).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'invalid_input', path: ['idempotencyKey'] });
    }
    const big = await store
      .append('customer:k-bad', [{ type: 'x', occurredAt: at, payload: { fen: 10n } }], {
        idempotencyKey: 'pos-big',
      })
      .catch((x: unknown) => x);
    expect(big).toMatchObject({ code: 'invalid_input', path: ['events', 0, 'payload'] });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const loop = await store
      .append('customer:k-bad', [{ type: 'x', occurredAt: at, payload: cyclic }])
      .catch((x: unknown) => x);
    expect(loop).toMatchObject({ code: 'invalid_input', path: ['events', 0, 'payload'] });
    expect(await store.streamVersion('customer:k-bad')).toBe(0);
  });

  it('property: a reused key replays exactly when the request is the same, and never writes twice', async () => {
    const payloadArb = fc.dictionary(
      fc.constantFrom('fen', 'by', 'desk', 'note'),
      fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('A', 'B'), fc.boolean()),
      { maxKeys: 3 },
    );
    const requestArb = fc.record({
      stream: fc.constantFrom('s1', 's2'),
      expectedVersion: fc.constantFrom(undefined, 0),
      events: fc.array(fc.record({ type: fc.constantFrom('a', 'b'), payload: payloadArb }), {
        minLength: 1,
        maxLength: 2,
      }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(requestArb, requestArb, async (first, second) => {
        run += 1;
        const key = `prop-${run}`;
        const call = (r: typeof first): Promise<AppendResult> =>
          store.append(
            `customer:prop-${run}-${r.stream}`,
            r.events.map((e) => ({ ...e, occurredAt: at })),
            { idempotencyKey: key, ...(r.expectedVersion === undefined ? {} : { expectedVersion: 0 }) },
          );
        const a = await call(first);
        const b = await call(second).catch((x: unknown) => x);
        const same =
          first.stream === second.stream &&
          first.expectedVersion === second.expectedVersion &&
          JSON.stringify(first.events.map(sorted)) === JSON.stringify(second.events.map(sorted));
        if (same) expect(b).toEqual({ ...a, replayed: true });
        else expect(b).toMatchObject({ code: 'idempotency_mismatch' });
        const written =
          (await store.streamVersion(`customer:prop-${run}-s1`)) +
          (await store.streamVersion(`customer:prop-${run}-s2`));
        expect(written).toBe(first.events.length);
      }),
      { seed: 20250301, numRuns: 40 },
    );
  });

  it('adds the fingerprint column, keeps legacy keys, and checks them against the events they wrote', async () => {
    const prefix = `${storePrefix}old`;
    // The schema and rows as the previous release wrote them: no fingerprint column.
    await db.query(`CREATE TABLE ${prefix}_events (
    position BIGSERIAL PRIMARY KEY, tenant TEXT NOT NULL, stream_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0), type TEXT NOT NULL, occurred_at TIMESTAMPTZ NOT NULL,
    payload JSONB NOT NULL, recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(), UNIQUE (tenant, stream_id, version))`);
    await db.query(`CREATE TABLE ${prefix}_idempotency (
    tenant TEXT NOT NULL, key TEXT NOT NULL, stream_id TEXT NOT NULL, from_version INTEGER NOT NULL,
    to_version INTEGER NOT NULL, PRIMARY KEY (tenant, key))`);
    await db.query(
      `INSERT INTO ${prefix}_events (tenant, stream_id, version, type, occurred_at, payload) VALUES
     ('default', 'customer:old', 1, 'registered', '2025-03-01T02:00:00Z', '{"salesperson":"A"}'),
     ('default', 'customer:old', 2, 'deposit', '2025-03-02T02:00:00Z', '{"fen":500000,"by":"A"}'),
     ('default', 'customer:old', 3, 'visited', '2025-03-03T02:00:00Z', '{}')`,
    );
    await db.query(
      `INSERT INTO ${prefix}_idempotency (tenant, key, stream_id, from_version, to_version)
     VALUES ('default', 'legacy-1', 'customer:old', 2, 2)`,
    );
    // Tables of the previous release are unpartitioned (with `partitions`, migrate refuses them).
    const store = new EventStore(db, { prefix });
    await store.migrate();
    await store.migrate(); // safe to run on every start
    const deposit: NewEvent[] = [
      { type: 'deposit', occurredAt: '2025-03-02T10:00:00+08:00', payload: { by: 'A', fen: 500_000 } },
    ];
    expect(await store.append('customer:old', deposit, { idempotencyKey: 'legacy-1' })).toEqual({
      streamId: 'customer:old',
      fromVersion: 2,
      toVersion: 2,
      replayed: true,
    });
    // The previous release did not record the expected version, so a legacy key cannot be checked on it.
    expect(
      await store.append('customer:old', deposit, { idempotencyKey: 'legacy-1', expectedVersion: 1 }),
    ).toMatchObject({ replayed: true, fromVersion: 2 });
    for (const [streamId, events] of [
      ['customer:other', deposit],
      [
        'customer:old',
        [{ type: 'deposit', occurredAt: '2025-03-02T10:00:00+08:00', payload: { by: 'A', fen: 1 } }],
      ],
      ['customer:old', [{ type: 'deposit', occurredAt: at, payload: { by: 'A', fen: 500_000 } }]],
      [
        'customer:old',
        [{ type: 'refund', occurredAt: '2025-03-02T10:00:00+08:00', payload: { by: 'A', fen: 500_000 } }],
      ],
      ['customer:old', [...deposit, ...deposit]],
    ] as [string, NewEvent[]][]) {
      await expect(store.append(streamId, events, { idempotencyKey: 'legacy-1' })).rejects.toMatchObject({
        code: 'idempotency_mismatch',
        path: ['idempotencyKey'],
      });
    }
    expect(await store.streamVersion('customer:old')).toBe(3);
    expect(await store.read('customer:other')).toEqual([]);
    // New keys on the migrated table carry a fingerprint.
    await store.append('customer:old', [{ type: 'visited', occurredAt: at }], { idempotencyKey: 'new-1' });
    const rows = await db.query<{ key: string; fp: boolean }>(
      `SELECT key, request_hash IS NOT NULL AS fp FROM ${prefix}_idempotency ORDER BY key`,
    );
    expect(rows.rows).toEqual([
      { key: 'legacy-1', fp: false },
      { key: 'new-1', fp: true },
    ]);
  });
});

function sorted(e: { type: string; payload: Record<string, unknown> }) {
  return {
    type: e.type,
    payload: Object.fromEntries(Object.entries(e.payload).sort(([x], [y]) => (x < y ? -1 : 1))),
  };
}
