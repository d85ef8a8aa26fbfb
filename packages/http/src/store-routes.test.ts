// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are JSON read field by field in assertions
import { openStore } from '@zhidu/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './index.js';

// The store-backed routes over real HTTP on 127.0.0.1, on embedded PGlite always and on the
// PostgreSQL server CI starts when ZHIDU_PG_URL is set.
const targets: { name: string; connectionString?: string }[] = [{ name: 'PGlite' }];
if (process.env.ZHIDU_PG_URL)
  targets.push({ name: 'PostgreSQL server', connectionString: process.env.ZHIDU_PG_URL });

const H = { authorization: 'Bearer t', 'content-type': 'application/json' };

for (const target of targets) {
  describe(`store routes on ${target.name}`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const prefix = `h${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
      const opened = await openStore({
        ...(target.connectionString ? { connectionString: target.connectionString } : {}),
        prefix,
      });
      close = opened.close;
      server = await startServer({
        port: 0,
        auth: { tokens: { t: { id: 'desk', tenants: ['default'] } } },
        logger: false,
        store: opened.store,
      });
    });
    afterAll(async () => {
      await server?.close();
      await close?.();
    });

    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: H,
        body: JSON.stringify(body),
      });
      return { res, json: (await res.json()) as any };
    };
    const get = async (path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers: H });
      return { res, json: (await res.json()) as any };
    };

    it('stores a preset policy, records a complaint, and answers what breaches next (S000-COMPLAINT-17)', async () => {
      const policy = await post('/v1/sla.timers/policies', { preset: 'retail-000' });
      expect(policy.res.status).toBe(201);
      expect(policy.json.hash).toMatch(/^sha256:/);
      const recorded = await post('/v1/sla.timers/streams/complaint:r-5/events', {
        events: [
          {
            type: 'received',
            subject: 'r-5',
            at: '2024-03-01T10:00+08:00',
            assignees: { opsCustomerService: 'ops1' },
          },
        ],
        expectedVersion: 0,
        now: '2024-03-02T00:00:00+08:00',
      });
      expect(recorded.res.status).toBe(201);
      expect(recorded.json).toMatchObject({ streamId: 'complaint:r-5', fromVersion: 1, toVersion: 1 });
      const due = await get('/v1/timers/due?from=2024-03-01T00:00:00Z&to=2024-04-01T00:00:00Z');
      expect(due.res.status).toBe(200);
      const close7d = due.json.find((t: { timerId: string }) => t.timerId === 'close7d');
      expect(close7d).toMatchObject({ subject: 'r-5' });
      expect(close7d.dueAt).toBe('2024-03-08T15:59:59.999Z');
      const stream = await get('/v1/streams/complaint:r-5');
      expect(stream.json).toHaveLength(1);
    });

    it('a late close is a violation, queried by month and person', async () => {
      const recorded = await post('/v1/sla.timers/streams/complaint:r-5/events', {
        events: [{ type: 'closed', subject: 'r-5', at: '2024-03-10T09:00+08:00' }],
        expectedVersion: 1,
        now: '2024-03-20T00:00:00+08:00',
      });
      expect(recorded.res.status).toBe(201);
      const v = await get('/v1/violations?period=2024-03&personId=ops1');
      expect(v.json.map((x: { code: string }) => x.code)).toContain('sla.complaint.S000-COMPLAINT-17');
    });

    it('refuses a stale expected version (409) and a bad event with its path under body, writing nothing', async () => {
      const stale = await post('/v1/sla.timers/streams/complaint:r-5/events', {
        events: [{ type: 'closed', subject: 'r-5', at: '2024-03-11T09:00+08:00' }],
        expectedVersion: 0,
      });
      expect(stale.res.status).toBe(409);
      expect(stale.json.error.code).toBe('concurrency_conflict');
      const bad = await post('/v1/sla.timers/streams/complaint:r-6/events', {
        events: [{ type: 'received', subject: 'r-6', at: 'yesterday' }],
      });
      expect(bad.res.status).toBeGreaterThanOrEqual(400);
      expect(bad.json.error.path.slice(0, 3)).toEqual(['body', 'events', 0]);
      expect((await get('/v1/streams/complaint:r-6')).json).toEqual([]);
      const typo = await post('/v1/sla.timers/streams/complaint:r-6/events', { event: [] });
      expect(typo.json.error).toMatchObject({ code: 'unknown_key', path: ['body', 'event'] });
    });

    it('queries without a result are 404; a bad query parameter is 400', async () => {
      expect((await get('/v1/owners/nobody')).res.status).toBe(404);
      expect((await get('/v1/credit-accounts/nothing')).res.status).toBe(404);
      const noTo = await get('/v1/timers/due?from=2024-03-01T00:00:00Z');
      expect(noTo.json.error).toMatchObject({ code: 'invalid_input', path: ['query', 'to'] });
    });

    it('a token of another tenant cannot reach the store (403)', async () => {
      const res = await fetch(`${server.url}/v1/violations`, {
        headers: { ...H, 'x-zhidu-tenant': 'other' },
      });
      expect(res.status).toBe(403);
      await res.arrayBuffer();
    });
  });
}

describe('the store routes and tenants', () => {
  let server: RunningServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openStore();
    close = opened.close;
    await opened.store.putPolicy('penalty.ledger', 'dealer-file');
    await opened.store.record('penalty.ledger', 'fines:default', [
      {
        code: 'records.handover.late',
        personId: 'sc-wang',
        role: 'salesConsultant',
        occurredAt: '2024-03-05T10:00:00+08:00',
        lateBy: { unit: 'workingDays', units: 2 },
        subject: { kind: 'file', id: 'VIN-1' },
        source: { module: 'records', rule: 'S000-ARCHIVE-07' },
      },
    ]);
    server = await startServer({
      port: 0,
      auth: {
        tokens: {
          any: { id: 'ops' },
          acme: { id: 'acme-erp', tenants: ['acme'] },
          both: { id: 'group', tenants: ['default', 'acme'] },
        },
      },
      logger: false,
      store: opened.store,
    });
  });
  afterAll(async () => {
    await server?.close();
    await close?.();
  });
  const get = async (path: string, token: string, tenant?: string) => {
    const res = await fetch(`${server.url}${path}`, {
      headers: {
        authorization: `Bearer ${token}`,
        ...(tenant === undefined ? {} : { 'x-zhidu-tenant': tenant }),
      },
    });
    return { status: res.status, json: (await res.json()) as any };
  };

  it("a store of one tenant refuses a read for another (422 invalid_state), never answering with its own tenant's rows", async () => {
    const own = await get('/v1/streams/fines:default', 'any');
    expect(own.status).toBe(200);
    expect(own.json.length).toBe(1);
    for (const path of ['/v1/streams/fines:default', '/v1/ledgers/sc-wang/2024-03', '/v1/violations']) {
      const r = await get(path, 'any', 'acme');
      expect(r.status).toBe(422);
      expect(r.json.error).toMatchObject({ code: 'invalid_state', path: ['headers', 'x-zhidu-tenant'] });
      expect(JSON.stringify(r.json)).not.toContain('sc-wang');
    }
  });

  it('a token limited to tenants without `default` must name one (403); one with `default` need not', async () => {
    const r = await get('/v1/streams/fines:default', 'acme');
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({ code: 'forbidden', path: ['headers', 'x-zhidu-tenant'] });
    expect(r.json.error.message).toContain('"acme"');
    expect((await get('/v1/streams/fines:default', 'both')).json.length).toBe(1);
  });

  it('a misspelt key of a token entry is refused at start (unknown_key), naming its position, not the token', async () => {
    const refused = await startServer({
      port: 0,
      auth: { tokens: { s3cret: { id: 'erp', tenant: ['acme'] } as never } },
      logger: false,
    }).then(
      () => undefined,
      (e: unknown) => e as { code: string; path: unknown[]; message: string },
    );
    expect(refused).toMatchObject({ code: 'unknown_key', path: ['options', 'auth', 'tokens', 0, 'tenant'] });
    expect(refused?.message).not.toContain('s3cret');
  });
});
