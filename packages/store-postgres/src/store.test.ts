import { ZhiduError } from '@zhidu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitioned } from '../test/backends.js';
import { openStore } from './open.js';
import type { EventStore } from './store.js';

// The same suite runs on embedded PGlite always and on a PostgreSQL server when ZHIDU_PG_URL is set
// (CI starts one). Each server run uses its own table prefix so runs never see each other's rows.
const targets: { name: string; connectionString?: string }[] = [{ name: 'PGlite' }];
if (process.env.ZHIDU_PG_URL)
  targets.push({ name: 'PostgreSQL server', connectionString: process.env.ZHIDU_PG_URL });

const at = '2025-03-01T10:00:00+08:00';

describe.each(targets)('event store on $name', ({ connectionString }) => {
  let store: EventStore;
  let close: () => Promise<void>;
  const prefix = `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

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

  it('appends and reads a stream in order with versions and normalised instants', async () => {
    const r = await store.append(
      'customer:c-1',
      [
        { type: 'registered', occurredAt: at, payload: { salesperson: 'A' } },
        { type: 'visited', occurredAt: '2025-03-02T10:00:00+08:00', payload: { receivedBy: 'A' } },
      ],
      { expectedVersion: 0 },
    );
    expect(r).toEqual({ streamId: 'customer:c-1', fromVersion: 1, toVersion: 2, replayed: false });
    const events = await store.read('customer:c-1');
    expect(events.map((e) => [e.version, e.type, e.occurredAt, e.payload])).toEqual([
      [1, 'registered', '2025-03-01T02:00:00.000Z', { salesperson: 'A' }],
      [2, 'visited', '2025-03-02T02:00:00.000Z', { receivedBy: 'A' }],
    ]);
    expect(await store.streamVersion('customer:c-1')).toBe(2);
  });

  it('lets exactly one of two simultaneous registrations of the same customer through', async () => {
    const register = (salesperson: string) =>
      store.append('customer:c-race', [{ type: 'registered', occurredAt: at, payload: { salesperson } }], {
        expectedVersion: 0,
      });
    const results = await Promise.allSettled([register('A'), register('B')]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason).toBeInstanceOf(ZhiduError);
    expect(refused[0]?.reason).toMatchObject({ code: 'concurrency_conflict' });
    expect(await store.read('customer:c-race')).toHaveLength(1);
  });

  it('appends once per idempotency key and reports the replay', async () => {
    const event = [{ type: 'deposit', occurredAt: at, payload: { fen: 500_000 } }];
    const first = await store.append('customer:c-2', event, { idempotencyKey: 'pos-8841' });
    const again = await store.append('customer:c-2', event, { idempotencyKey: 'pos-8841' });
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await store.read('customer:c-2')).toHaveLength(1);
  });

  it('writes projections in the same transaction as the events', async () => {
    const ownerOf = (events: { payload: Record<string, unknown> }[]) => [
      {
        name: 'owner',
        key: 'c-3',
        value: { owner: events[0]?.payload.salesperson ?? null, events: events.length },
      },
    ];
    await store.append(
      'customer:c-3',
      [{ type: 'registered', occurredAt: at, payload: { salesperson: 'B' } }],
      {
        expectedVersion: 0,
        project: ownerOf,
      },
    );
    await store.append('customer:c-3', [{ type: 'visited', occurredAt: at }], {
      expectedVersion: 1,
      project: ownerOf,
    });
    expect(await store.projection('owner', 'c-3')).toEqual({
      value: { owner: 'B', events: 2 },
      streamVersion: 2,
    });
    // A projection that throws rolls the events back too.
    await expect(
      store.append('customer:c-3', [{ type: 'visited', occurredAt: at }], {
        project: () => {
          throw new Error('projection failed');
        },
      }),
    ).rejects.toThrow('projection failed');
    expect(await store.streamVersion('customer:c-3')).toBe(2);
  });

  it('refuses a stale expected version, malformed events and an empty append', async () => {
    const stale = await store
      .append('customer:c-1', [{ type: 'visited', occurredAt: at }], { expectedVersion: 1 })
      .catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: 'concurrency_conflict', path: ['expectedVersion'] });
    const bad = await store
      .append('customer:c-4', [{ type: 'x', occurredAt: '2025-03-01 10:00' }])
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'invalid_instant', path: ['events', 0, 'occurredAt'] });
    await expect(store.append('customer:c-4', [])).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(store.append('', [{ type: 'x', occurredAt: at }])).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('reads every stream in global order for replays', async () => {
    const all = await store.readAll();
    const positions = all.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(all.map((e) => e.streamId))).toEqual(
      new Set(['customer:c-1', 'customer:c-race', 'customer:c-2', 'customer:c-3']),
    );
  });
});
