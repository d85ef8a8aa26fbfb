// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are JSON read field by field in assertions
import { openStore } from '@zhidu/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './index.js';

// The open-auth mode's `scopes` (`auth: { open: true, scopes }`): every request gets them, so an open
// server given `personal:read` shows personal values on ?personal=true and one without it refuses —
// over real sockets on 127.0.0.1, on PGlite.
const registration = {
  type: 'registration',
  at: '2024-01-05T10:30+08:00',
  customerId: 'c-lt2',
  salespersonId: 'B',
  channel: 'walkIn',
  fields: { name: '兰亭开放测试', phone: '13800000029' },
};

const cases: { name: string; auth: { open: true; scopes?: readonly string[] } }[] = [
  { name: 'open with scopes ["personal:read"]', auth: { open: true, scopes: ['personal:read'] } },
  { name: 'open without scopes', auth: { open: true } },
  { name: 'open with scopes []', auth: { open: true, scopes: [] } },
];

for (const c of cases) {
  describe(`auth ${c.name} over 127.0.0.1`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const opened = await openStore({ prefix: `ho${Date.now().toString(36)}` });
      close = opened.close;
      server = await startServer({ port: 0, auth: c.auth, logger: false, store: opened.store });
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const headers = { 'content-type': 'application/json' };
      const put = await fetch(`${server.url}/v1/attribution.ownership/policies`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ preset: 'sales-office-001' }),
      });
      expect(put.status).toBe(201);
      const rec = await fetch(`${server.url}/v1/attribution.ownership/streams/customer:c-lt2/events`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          events: [registration],
          input: { customerId: 'c-lt2', staff: [{ id: 'A' }, { id: 'B' }] },
          now: '2024-01-06T00:00:00+08:00',
        }),
      });
      expect(rec.status).toBe(201);
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await close?.();
    });

    const get = async (path: string) => {
      const res = await fetch(`${server.url}${path}`);
      return { status: res.status, json: (await res.json()) as any };
    };

    it('a stream read without ?personal=true is masked', async () => {
      const r = await get('/v1/streams/customer:c-lt2');
      expect(r.status).toBe(200);
      expect(r.json[0].payload.fields).toEqual({ name: '[personal]', phone: '[personal]' });
    });

    if (c.auth.scopes?.includes('personal:read')) {
      it('open auth with the personal:read scope: ?personal=true gives the values', async () => {
        const r = await get('/v1/streams/customer:c-lt2?personal=true');
        expect(r.status).toBe(200);
        expect(r.json[0].payload.fields).toEqual({ name: '兰亭开放测试', phone: '13800000029' });
      });
    } else {
      it('open auth without the personal:read scope: ?personal=true is refused 403 forbidden, nothing shown', async () => {
        const r = await get('/v1/streams/customer:c-lt2?personal=true');
        expect(r.status).toBe(403);
        expect(r.json.error).toMatchObject({ code: 'forbidden', path: ['query', 'personal'] });
        expect(JSON.stringify(r.json)).not.toContain('13800000029');
      });
    }
  });
}
