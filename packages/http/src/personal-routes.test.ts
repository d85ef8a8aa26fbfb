// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are JSON read field by field in assertions
import { openStore } from '@zhidu/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './index.js';

// Personal values over HTTP are a permission (the personal:read scope), and a stream's module and
// input can be read back — over real sockets on 127.0.0.1, on PGlite and on the PostgreSQL server
// when ZHIDU_PG_URL is set.
const targets: { name: string; connectionString?: string }[] = [{ name: 'PGlite' }];
if (process.env.ZHIDU_PG_URL)
  targets.push({ name: 'PostgreSQL server', connectionString: process.env.ZHIDU_PG_URL });

const staff = [{ id: 'A' }, { id: 'B' }];
const registration = {
  type: 'registration',
  at: '2024-01-05T10:30+08:00',
  customerId: 'c-lt1',
  salespersonId: 'B',
  channel: 'walkIn',
  fields: { name: '兰亭测试客户', phone: '13800000017' },
};

for (const target of targets) {
  describe(`personal data and stream reads over HTTP on ${target.name}`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const prefix = `hp${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
      const opened = await openStore({
        ...(target.connectionString ? { connectionString: target.connectionString } : {}),
        prefix,
      });
      close = opened.close;
      server = await startServer({
        port: 0,
        auth: {
          tokens: {
            desk: { id: 'desk' },
            privacy: { id: 'privacy-officer', scopes: ['personal:read'] },
          },
        },
        logger: false,
        store: opened.store,
      });
      const headers = { authorization: 'Bearer desk', 'content-type': 'application/json' };
      const put = await fetch(`${server.url}/v1/attribution.ownership/policies`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ preset: 'sales-office-001' }),
      });
      expect(put.status).toBe(201);
      const rec = await fetch(`${server.url}/v1/attribution.ownership/streams/customer:c-lt1/events`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          events: [registration],
          input: { customerId: 'c-lt1', staff },
          now: '2024-01-06T00:00:00+08:00',
        }),
      });
      expect(rec.status).toBe(201);
    });
    afterAll(async () => {
      await server?.close();
      await close?.();
    });

    const get = async (path: string, token: string) => {
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, json: (await res.json()) as any };
    };

    it('a stream read is masked by default, also for a token with the personal:read scope', async () => {
      for (const token of ['desk', 'privacy']) {
        const r = await get('/v1/streams/customer:c-lt1', token);
        expect(r.status).toBe(200);
        expect(r.json[0].payload.fields).toEqual({ name: '[personal]', phone: '[personal]' });
      }
      const explicit = await get('/v1/streams/customer:c-lt1?personal=false', 'desk');
      expect(explicit.json[0].payload.fields).toEqual({ name: '[personal]', phone: '[personal]' });
    });

    it('?personal=true gives the values to a token with the personal:read scope', async () => {
      const r = await get('/v1/streams/customer:c-lt1?personal=true', 'privacy');
      expect(r.status).toBe(200);
      expect(r.json[0].payload.fields).toEqual({ name: '兰亭测试客户', phone: '13800000017' });
    });

    it('?personal=true from a token without the scope is refused 403 forbidden at query.personal, nothing shown', async () => {
      const r = await get('/v1/streams/customer:c-lt1?personal=true', 'desk');
      expect(r.status).toBe(403);
      expect(r.json.error).toMatchObject({ code: 'forbidden', path: ['query', 'personal'] });
      expect(JSON.stringify(r.json)).not.toContain('13800000017');
      const bad = await get('/v1/streams/customer:c-lt1?personal=yes', 'privacy');
      expect(bad.status).toBe(400);
      expect(bad.json.error).toMatchObject({ code: 'invalid_input', path: ['query', 'personal'] });
    });

    it('GET /v1/streams/{stream}/info names the module and policy; 404 for no stream', async () => {
      const r = await get('/v1/streams/customer:c-lt1/info', 'desk');
      expect(r.status).toBe(200);
      expect(r.json).toEqual({
        streamId: 'customer:c-lt1',
        module: 'attribution.ownership',
        policy: { id: 'seed-001-sales-office', version: expect.any(String), versions: [expect.any(String)] },
        customerId: 'c-lt1',
        version: 1,
        events: 1,
      });
      const none = await get('/v1/streams/customer:none/info', 'desk');
      expect(none.status).toBe(404);
      expect(none.json.error).toMatchObject({ code: 'unknown_reference', path: ['stream'] });
    });

    it('S001-ATTR-12: GET /v1/streams/{stream}/input is the input the store evaluates; evaluating it gives the owner', async () => {
      const r = await get('/v1/streams/customer:c-lt1/input', 'desk');
      expect(r.status).toBe(200);
      expect(r.json.module).toBe('attribution.ownership');
      expect(r.json.inputs).toHaveLength(1);
      expect(r.json.inputs[0].events[0].fields).toEqual({ name: '[personal]', phone: '[personal]' });
      const evaluated = await fetch(`${server.url}/v1/attribution.ownership/evaluate`, {
        method: 'POST',
        headers: { authorization: 'Bearer desk', 'content-type': 'application/json' },
        body: JSON.stringify({
          preset: 'sales-office-001',
          input: r.json.inputs[0],
          context: { now: '2024-01-06T00:00:00+08:00' },
        }),
      });
      expect(((await evaluated.json()) as any).value.result.owner).toBe('B');
      const none = await get('/v1/streams/customer:none/input', 'desk');
      expect(none.status).toBe(404);
      expect(none.json.error).toMatchObject({ code: 'unknown_reference', path: ['streamId'] });
    });
  });
}
