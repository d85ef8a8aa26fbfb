// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are JSON read field by field in assertions
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { openStore } from '@zhidu/store-postgres';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningServer, startServer } from './index.js';
import { openApiDocument } from './openapi.js';
import { QUERY_PARAMETERS } from './store-routes.js';

// A query parameter a route does not read is refused, over real HTTP on 127.0.0.1: a misspelt filter
// (`?personID=`) used to be ignored, so the answer silently covered every person.
const H = { authorization: 'Bearer t', 'content-type': 'application/json' };

describe('query parameters are the route’s, or refused', () => {
  let server: RunningServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openStore({ prefix: `q${Date.now().toString(36)}` });
    close = opened.close;
    server = await startServer({
      port: 0,
      auth: { tokens: { t: { id: 'desk' } } },
      logger: false,
      store: opened.store,
    });
  });
  afterAll(async () => {
    await server?.close();
    await close?.();
  });

  const call = async (path: string, method = 'GET', body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: H,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as any };
  };

  it('a misspelt filter of /v1/violations is refused with the name meant (it answered for every person)', async () => {
    const ok = await call('/v1/violations?personId=p1&period=2024-03');
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual([]);
    const typo = await call('/v1/violations?personID=p1');
    expect(typo.status).toBe(400);
    expect(typo.json.error).toMatchObject({ code: 'unknown_key', path: ['query', 'personID'] });
    expect(typo.json.error.message).toContain('did you mean personId?');
  });

  it('a parameter given twice is refused (only the first was read)', async () => {
    const twice = await call('/v1/violations?personId=p1&personId=p2');
    expect(twice.status).toBe(400);
    expect(twice.json.error).toMatchObject({ code: 'invalid_input', path: ['query', 'personId'] });
    expect(twice.json.error.message).toContain('given 2 times');
  });

  it('every route refuses a parameter it does not read, names of Object.prototype members included', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/v1/modules'],
      ['GET', '/v1/presets'],
      ['GET', '/v1/sla.timers/schema'],
      [
        'POST',
        '/v1/sla.timers/evaluate',
        { input: { events: [] }, preset: 'retail-000', context: { now: '2024-03-01T00:00:00+08:00' } },
      ],
      ['POST', '/v1/sla.timers/policies', { preset: 'retail-000' }],
      ['GET', '/v1/streams/s-1'],
      ['GET', '/v1/streams/s-1/info'],
      ['GET', '/v1/streams/s-1/input'],
      ['GET', '/v1/owners/c-1'],
      ['GET', '/v1/timers/due?from=2024-03-01T00:00:00Z&to=2024-04-01T00:00:00Z'],
      ['GET', '/v1/violations'],
      ['GET', '/v1/ledgers/p1/2024-03'],
      ['GET', '/v1/credit-accounts/a-1'],
      ['DELETE', '/v1/customers/c-1/personal-data'],
    ];
    for (const [method, path, body] of routes) {
      for (const name of ['verbose', 'constructor', '__proto__', 'toString']) {
        const r = await call(`${path}${path.includes('?') ? '&' : '?'}${name}=1`, method, body);
        expect([`${method} ${path} ?${name}`, r.status, r.json.error?.code, r.json.error?.path]).toEqual([
          `${method} ${path} ?${name}`,
          400,
          'unknown_key',
          ['query', name],
        ]);
      }
    }
    // Without the extra parameter the same requests are not refused for their query.
    const plain = await call('/v1/sla.timers/evaluate', 'POST', routes[3]?.[2]);
    expect(plain.status).toBe(200);
  });

  it('a stream named like another route reads its own parameters (the route that answers checks them)', async () => {
    // `/v1/streams/schema` matches `/v1/streams/:stream` (which answers) and `/v1/:module/schema`.
    const r = await call('/v1/streams/schema?fromVersion=0');
    expect([r.status, r.json]).toEqual([200, []]);
  });

  it('a path no route matches is still a 404, whatever its query', async () => {
    const r = await call('/v1/nowhere/at/all?x=1');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('unknown_reference');
  });
});

describe('the routes’ query parameters are the ones the OpenAPI document declares', () => {
  it('for every route that reads any', () => {
    const doc = openApiDocument({ store: true }) as any;
    const declared = (path: string) =>
      (doc.paths[path].get.parameters as { name: string; in: string }[])
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort();
    for (const [route, names] of Object.entries(QUERY_PARAMETERS)) {
      expect([route, declared(route.replace(/:(\w+)/g, '{$1}'))]).toEqual([route, [...names].sort()]);
    }
  });
});

describe('the query check holds with the app mounted under a prefix of a server of one’s own', () => {
  let close: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    const opened = await openStore({ prefix: `m${Date.now().toString(36)}` });
    const parent = new Hono();
    parent.route(
      '/zhidu',
      createApp({ auth: { tokens: { t: { id: 'desk' } } }, logger: false, store: opened.store }),
    );
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: parent.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zhidu`;
    close = async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await opened.close();
    };
  });
  afterAll(async () => {
    await close?.();
  });
  const get = async (path: string) => {
    const res = await fetch(`${url}${path}`, { headers: H });
    return { status: res.status, json: (await res.json()) as any };
  };

  it('reads the routes’ parameters, refuses others, and leaves an unknown path to the 404', async () => {
    expect((await get('/v1/violations?personId=p1')).status).toBe(200);
    expect((await get('/v1/timers/due?from=2024-03-01T00:00:00Z&to=2024-04-01T00:00:00Z')).status).toBe(200);
    const typo = await get('/v1/violations?personID=p1');
    expect([typo.status, typo.json.error?.code, typo.json.error?.path]).toEqual([
      400,
      'unknown_key',
      ['query', 'personID'],
    ]);
    // The parent answers a path none of its routes matches (its own 404, plain text here).
    const nowhere = await fetch(`${url}/v1/nowhere?x=1`, { headers: H });
    expect(nowhere.status).toBe(404);
  });
});
