import { PGlite } from '@electric-sql/pglite';
import { canonicalJson, isZhiduError, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitioned } from '../test/backends.js';
import { refusal } from '../test/refusal.js';
import { fromPglite, fromPgPool, type SqlDatabase } from './client.js';
import { openStore } from './open.js';
import { EventStore } from './store.js';

// Store edge cases (issue 12): values PostgreSQL would refuse or alter are refused as ZhiduErrors
// before any SQL runs; projections round-trip any JSON value; batch appends; database failures are
// ZhiduErrors. Runs on PGlite always and on a PostgreSQL server when ZHIDU_PG_URL is set.
const targets: { name: string; connectionString?: string }[] = [{ name: 'PGlite' }];
if (process.env.ZHIDU_PG_URL)
  targets.push({ name: 'PostgreSQL server', connectionString: process.env.ZHIDU_PG_URL });

const at = '2025-03-01T10:00:00+08:00';
const NUL = 'a\u0000b';
const LONE_HIGH = 'x\ud83dy';
const LONE_LOW = '\ude00';

/** The refusal of a call: a ZhiduError's code and path, or a description of what else happened. */

describe.each(targets)('store edge cases on $name', ({ connectionString }) => {
  let store: EventStore;
  let close: () => Promise<void>;
  const prefix = `e${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

  beforeAll(async () => {
    ({ store, close } = await openStore({
      ...(connectionString ? { connectionString } : {}),
      prefix,
      ...partitioned,
    }));
  });
  afterAll(async () => {
    await close();
  });

  it('projection values round-trip as written: a string stays a string ("sp-7", "123")', async () => {
    const values: unknown[] = [
      'sp-7',
      '123',
      '',
      'null',
      '"quoted"',
      123,
      0,
      -1.5,
      1e308,
      true,
      false,
      null,
      [],
      ['sp-7', 1, null],
      {},
      { owner: 'sp-7', n: '42' },
      '业主 🏠',
    ];
    await store.append('customer:proj-values', [{ type: 'registered', occurredAt: at }], {
      project: () => values.map((value, i) => ({ name: 'owner', key: `v${i}`, value })),
    });
    for (const [i, value] of values.entries()) {
      expect(await store.projection('owner', `v${i}`)).toEqual({ value, streamVersion: 1 });
    }
    expect(await store.projection('owner', 'missing')).toBeUndefined();
  });

  it('property: any JSON value round-trips through a projection and an event payload', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        n += 1;
        const stream = `customer:prop-${n}`;
        await store.append(stream, [{ type: 'noted', occurredAt: at, payload: { value } }], {
          project: () => [{ name: 'prop', key: stream, value }],
        });
        // JSON has no -0 and JSONB orders keys its own way: compare canonical JSON text.
        const expected = canonicalJson(JSON.parse(JSON.stringify(value)));
        const projected = await store.projection('prop', stream);
        expect(canonicalJson(projected?.value)).toBe(expected);
        const [event] = await store.read(stream);
        expect(canonicalJson(event?.payload.value)).toBe(expected);
      }),
      { seed: 120412, numRuns: 25 },
    );
  });

  it('refuses NUL and lone surrogates in stream id, type, idempotency key and payload before SQL', async () => {
    const ev = (over: Record<string, unknown> = {}) => [{ type: 'visited', occurredAt: at, ...over }];
    expect(await refusal(() => store.append(`s:${NUL}`, ev()))).toEqual({
      code: 'invalid_input',
      path: ['streamId'],
    });
    expect(await refusal(() => store.append(`s:${LONE_HIGH}`, ev()))).toEqual({
      code: 'invalid_input',
      path: ['streamId'],
    });
    expect(await refusal(() => store.append('s:ok', ev({ type: NUL })))).toEqual({
      code: 'invalid_input',
      path: ['events', 0, 'type'],
    });
    expect(await refusal(() => store.append('s:ok', ev({ type: LONE_LOW })))).toEqual({
      code: 'invalid_input',
      path: ['events', 0, 'type'],
    });
    expect(await refusal(() => store.append('s:ok', ev(), { idempotencyKey: NUL }))).toEqual({
      code: 'invalid_input',
      path: ['idempotencyKey'],
    });
    expect(await refusal(() => store.append('s:ok', ev(), { idempotencyKey: LONE_HIGH }))).toEqual({
      code: 'invalid_input',
      path: ['idempotencyKey'],
    });
    expect(
      await refusal(() => store.append('s:ok', ev({ payload: { note: { lines: ['fine', NUL] } } }))),
    ).toEqual({ code: 'invalid_input', path: ['events', 0, 'payload', 'note', 'lines', 1] });
    expect(await refusal(() => store.append('s:ok', ev({ payload: { [`k${NUL}`]: 1 } })))).toEqual({
      code: 'invalid_input',
      path: ['events', 0, 'payload', `k${NUL}`],
    });
    expect(await refusal(() => store.append('s:ok', ev({ payload: { name: `A${LONE_HIGH}` } })))).toEqual({
      code: 'invalid_input',
      path: ['events', 0, 'payload', 'name'],
    });
    // A well-formed surrogate pair (an emoji) is text like any other.
    await store.append('s:emoji 🏠', ev({ type: '看房 🏠', payload: { note: '😀' } }), {
      idempotencyKey: 'desk-😀',
    });
    const [stored] = await store.read('s:emoji 🏠');
    expect([stored?.type, stored?.payload]).toEqual(['看房 🏠', { note: '😀' }]);
    // Nothing of the refused appends reached the table.
    expect(await store.streamVersion('s:ok')).toBe(0);
  });

  it('refuses NUL and lone surrogates in reads, projection names, keys and values', async () => {
    expect(await refusal(() => store.read(NUL))).toEqual({ code: 'invalid_input', path: ['streamId'] });
    expect(await refusal(() => store.streamVersion(LONE_HIGH))).toEqual({
      code: 'invalid_input',
      path: ['streamId'],
    });
    expect(await refusal(() => store.projection(NUL, 'k'))).toEqual({
      code: 'invalid_input',
      path: ['name'],
    });
    expect(await refusal(() => store.projection('owner', LONE_LOW))).toEqual({
      code: 'invalid_input',
      path: ['key'],
    });
    const project = (w: Record<string, unknown>) => () => [{ name: 'owner', key: 'k', value: 1, ...w }];
    const ev = [{ type: 'visited', occurredAt: at }];
    expect(await refusal(() => store.append('s:proj', ev, { project: project({ key: NUL }) }))).toEqual({
      code: 'invalid_input',
      path: ['project', 0, 'key'],
    });
    expect(await refusal(() => store.append('s:proj', ev, { project: project({ value: [NUL] }) }))).toEqual({
      code: 'invalid_input',
      path: ['project', 0, 'value', 0],
    });
    expect(
      await refusal(() => store.append('s:proj', ev, { project: project({ value: Number.NaN }) })),
    ).toEqual({
      code: 'invalid_input',
      path: ['project', 0, 'value'],
    });
    // The refused projection rolled the events back with it.
    expect(await store.streamVersion('s:proj')).toBe(0);
  });

  it('refuses NaN and ±Infinity in a payload instead of storing null', async () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(
        await refusal(() =>
          store.append('s:nan', [{ type: 'deposit', occurredAt: at, payload: { fen: 1, split: [1, bad] } }]),
        ),
      ).toEqual({ code: 'invalid_input', path: ['events', 0, 'payload', 'split', 1] });
    }
    expect(await store.streamVersion('s:nan')).toBe(0);
  });

  it('refuses negative, fractional and NaN limits and versions, and misspelt options', async () => {
    for (const limit of [-1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10', 1_000_001]) {
      expect(await refusal(() => store.readAll({ limit: limit as number }))).toEqual({
        code: 'invalid_input',
        path: ['options', 'limit'],
      });
    }
    for (const afterPosition of [-1, Number.NaN, 0.5]) {
      expect(await refusal(() => store.readAll({ afterPosition }))).toEqual({
        code: 'invalid_input',
        path: ['options', 'afterPosition'],
      });
    }
    for (const fromVersion of [Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY, 2 ** 31]) {
      expect(await refusal(() => store.read('customer:proj-values', { fromVersion }))).toEqual({
        code: 'invalid_input',
        path: ['options', 'fromVersion'],
      });
    }
    expect(await refusal(() => store.read('customer:proj-values', { fromVerison: 2 } as never))).toEqual({
      code: 'unknown_key',
      path: ['options', 'fromVerison'],
    });
    expect(await refusal(() => store.readAll({ limt: 5 } as never))).toEqual({
      code: 'unknown_key',
      path: ['options', 'limt'],
    });
    expect(
      await refusal(() =>
        store.append('s:opt', [{ type: 'x', occurredAt: at }], { expectedVersoin: 0 } as never),
      ),
    ).toEqual({ code: 'unknown_key', path: ['options', 'expectedVersoin'] });
    expect(
      await refusal(() => store.append('s:opt', [{ type: 'x', occuredAt: at, occurredAt: at } as never])),
    ).toMatchObject({ code: 'unknown_key', path: ['events', 0, 'occuredAt'] });
    expect(await refusal(() => store.append('s:opt', null as never))).toEqual({
      code: 'invalid_input',
      path: ['events'],
    });
    expect(await refusal(() => store.read(null as never))).toEqual({
      code: 'invalid_input',
      path: ['streamId'],
    });
    expect(await refusal(() => store.readAll(null as never))).toEqual({
      code: 'invalid_input',
      path: ['options'],
    });
    // In range, the same options read as documented.
    expect((await store.read('customer:proj-values', { fromVersion: 0 })).map((e) => e.version)).toEqual([1]);
    expect(await store.readAll({ limit: 1 })).toHaveLength(1);
  });

  it('appends 2,500 events in one call (three multi-row INSERTs) with contiguous versions, atomically', async () => {
    const events = Array.from({ length: 2_500 }, (_, i) => ({
      type: i % 2 ? 'called' : 'visited',
      occurredAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      payload: { i, note: `n${i}` },
    }));
    // A failing projection after the inserts rolls back all three statements.
    await expect(
      store.append('customer:batch', events, {
        expectedVersion: 0,
        project: () => {
          throw new Error('projection failed');
        },
      }),
    ).rejects.toThrow('projection failed');
    expect(await store.streamVersion('customer:batch')).toBe(0);
    const r = await store.append('customer:batch', events, { expectedVersion: 0, idempotencyKey: 'batch-1' });
    expect(r).toEqual({ streamId: 'customer:batch', fromVersion: 1, toVersion: 2_500, replayed: false });
    expect(
      await store.append('customer:batch', events, { expectedVersion: 0, idempotencyKey: 'batch-1' }),
    ).toEqual({ ...r, replayed: true });
    const back = await store.read('customer:batch');
    expect(back.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    expect(back.map((e) => e.payload.i)).toEqual(events.map((_, i) => i));
    expect(back[1_999]?.occurredAt).toBe(events[1_999]?.occurredAt);
    const more = await store.append('customer:batch', events.slice(0, 3), { expectedVersion: 2_500 });
    expect([more.fromVersion, more.toVersion]).toEqual([2_501, 2_503]);
  }, 120_000);

  it('appends to different streams at the same moment never conflict (16 writers, no keys)', async () => {
    const refused: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        for (let i = 0; i < 25; i++) {
          await store
            .append(`customer:parallel-${w}`, [{ type: 'visited', occurredAt: at, payload: { i } }])
            .catch((e: unknown) => refused.push(isZhiduError(e) ? e.code : String(e)));
        }
      }),
    );
    expect(refused).toEqual([]);
    for (let w = 0; w < 16; w++) expect(await store.streamVersion(`customer:parallel-${w}`)).toBe(25);
  }, 120_000);

  it('migrate() is idempotent and may run several times at once', async () => {
    const results = await Promise.allSettled([store.migrate(), store.migrate(), store.migrate()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(await store.streamVersion('customer:proj-values')).toBe(1);
  });
});

describe('database failures are ZhiduErrors', () => {
  it('a server that cannot be reached gives a retryable unavailable, not a raw socket error', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const pool = new pg.Pool({
      connectionString: 'postgres://u:p@127.0.0.1:1/none',
      connectionTimeoutMillis: 2_000,
    });
    const store = new EventStore(fromPgPool(pool, { ownsPool: true }));
    const appended = await store.append('s:1', [{ type: 'x', occurredAt: at }]).catch((e: unknown) => e);
    expect(appended).toBeInstanceOf(ZhiduError);
    expect(appended).toMatchObject({ code: 'unavailable', details: { retryable: true } });
    expect((appended as Error).message).toMatch(
      /数据库暂时不可用.* \/ the database is temporarily unavailable/,
    );
    await expect(store.read('s:1')).rejects.toMatchObject({ code: 'unavailable' });
    await expect(store.migrate()).rejects.toMatchObject({ code: 'unavailable' });
    await pool.end();
  });

  it('a server restarting (57P01, 57P03) or a dropped connection is unavailable; other SQL errors internal_error', async () => {
    const failing = (err: unknown): SqlDatabase => ({
      query: () => Promise.reject(err),
      transaction: () => Promise.reject(err),
      close: async () => undefined,
    });
    const codeOf = async (err: unknown) => {
      const e = await new EventStore(failing(err))
        .append('s:1', [{ type: 'x', occurredAt: at }])
        .catch((x) => x);
      return isZhiduError(e) ? [e.code, (e.details as { retryable?: boolean }).retryable] : String(e);
    };
    const pgError = (code: string, message: string) =>
      Object.assign(new Error(message), { code, severity: 'FATAL' });
    expect(await codeOf(pgError('57P01', 'terminating connection due to administrator command'))).toEqual([
      'unavailable',
      true,
    ]);
    expect(await codeOf(pgError('57P03', 'the database system is starting up'))).toEqual([
      'unavailable',
      true,
    ]);
    expect(await codeOf(pgError('08006', 'connection failure'))).toEqual(['unavailable', true]);
    expect(await codeOf(new Error('Connection terminated unexpectedly'))).toEqual(['unavailable', true]);
    expect(await codeOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toEqual([
      'unavailable',
      true,
    ]);
    expect(await codeOf(pgError('42501', 'permission denied for table zhidu_events'))).toEqual([
      'internal_error',
      false,
    ]);
  });

  it('a table that does not exist (migrate not run) is internal_error with its SQLSTATE', async () => {
    const store = new EventStore(fromPglite(new PGlite(), { ownsDb: true }), { prefix: 'never_migrated' });
    const e = await store.read('s:1').catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'internal_error', details: { sqlstate: '42P01' } });
  });

  it('refuses a bad table prefix or tenant when the store is made', () => {
    const db = fromPglite(new PGlite(), { ownsDb: true });
    expect(() => new EventStore(db, { prefix: 'x; DROP TABLE y' })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['prefix'] }),
    );
    expect(() => new EventStore(db, { tenant: `t${NUL}` })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['tenant'] }),
    );
    expect(() => new EventStore(db, { tenent: 'x' } as never)).toThrow(
      expect.objectContaining({ code: 'unknown_key', path: ['options', 'tenent'] }),
    );
  });
});
