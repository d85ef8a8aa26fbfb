// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are JSON read field by field in assertions
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeIo } from '../test/fake-io.js';
import { type ServeChild, startServeWithTokens } from '../test/serve-child.js';
import { run } from './index.js';
import { VERSION } from './version.js';

// `zhidu serve --token-file` with tenants: one database, each tenant's store picked by the tenant
// header — the real bin over 127.0.0.1, on its default in-memory PGlite store. A token limited to
// some tenants must name one; a read for one tenant never answers with another's rows.
describe('zhidu serve --token-file with tenants', () => {
  let server: ServeChild;
  let url: string;

  beforeAll(async () => {
    server = await startServeWithTokens({
      'acme-token': { id: 'acme-erp', tenants: ['acme'] },
      'beta-token': { id: 'beta-erp', tenants: ['beta'] },
      'ops-token': { id: 'ops' },
    });
    url = server.url;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  const call = async (method: string, path: string, token: string, tenant?: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(tenant === undefined ? {} : { 'x-zhidu-tenant': tenant }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as any };
  };
  const late = (subject: string) => ({
    events: [
      {
        code: 'records.handover.late',
        personId: 'sc-wang',
        role: 'salesConsultant',
        occurredAt: '2024-03-05T10:00:00+08:00',
        lateBy: { unit: 'workingDays', units: 2 },
        subject: { kind: 'file', id: subject },
        source: { module: 'records', rule: 'S000-ARCHIVE-07' },
      },
    ],
    now: '2024-03-31T18:00:00+08:00',
  });

  it("records and reads each tenant's fines apart in one database (S000-PENALTY-01)", async () => {
    expect(
      (await call('POST', '/v1/penalty.ledger/policies', 'acme-token', 'acme', { preset: 'dealer-file' }))
        .status,
    ).toBe(201);
    const rec = await call(
      'POST',
      '/v1/penalty.ledger/streams/fines:acme/events',
      'acme-token',
      'acme',
      late('VIN-1'),
    );
    expect(rec.status).toBe(201);
    // Acme's ledger holds the fine (50 CNY a late handover, S000-PENALTY-01).
    const ledger = (token: string, tenant?: string) =>
      call('GET', '/v1/ledgers/sc-wang/2024-03', token, tenant);
    const acme = await ledger('acme-token', 'acme');
    expect(acme.status).toBe(200);
    expect(JSON.stringify(acme.json)).toContain('"totalFen":5000');
    expect((await call('GET', '/v1/streams/fines:acme', 'acme-token', 'acme')).json.length).toBe(1);
    // The default tenant and beta have none of it; beta has no policy to record under either.
    const none = await ledger('ops-token');
    expect(none.status).toBe(200);
    expect(JSON.stringify(none.json)).not.toContain('5000');
    expect((await call('GET', '/v1/streams/fines:acme', 'ops-token')).json).toEqual([]);
    expect(JSON.stringify((await ledger('beta-token', 'beta')).json)).not.toContain('5000');
    const beta = await call(
      'POST',
      '/v1/penalty.ledger/streams/fines:beta/events',
      'beta-token',
      'beta',
      late('VIN-2'),
    );
    expect(beta.status).toBeGreaterThanOrEqual(400);
    // The token with any tenant reads acme's when it names acme.
    expect(JSON.stringify((await ledger('ops-token', 'acme')).json)).toContain('"totalFen":5000');
  });

  it('a token limited to some tenants must name one (403 without the header), and only its own', async () => {
    const bare = await call('GET', '/v1/violations', 'acme-token');
    expect(bare.status).toBe(403);
    expect(bare.json.error).toMatchObject({ code: 'forbidden', path: ['headers', 'x-zhidu-tenant'] });
    const write = await call('POST', '/v1/penalty.ledger/policies', 'acme-token', undefined, {
      preset: 'dealer-file',
    });
    expect(write.status).toBe(403);
    const other = await call('GET', '/v1/violations', 'beta-token', 'acme');
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.json)).not.toContain('sc-wang');
  });

  it("answers /healthz with the CLI's version", async () => {
    const res = await fetch(`${url}/healthz`);
    expect(((await res.json()) as { version: string }).version).toBe(VERSION);
  });
});

describe('zhidu serve refuses a misspelt key in the token file', () => {
  it('`tenant` for `tenants` (the token would act for every tenant): unknown_key, naming the entry, not the token', async () => {
    const { io, err } = fakeIo({ 'tokens.json': { s3cret: { id: 'erp', tenant: ['acme'] } } });
    expect(await run(['serve', '--port', '0', '--token-file', 'tokens.json'], io)).toBe(2);
    const text = err.join('\n');
    expect(text).toMatch(/^error \[unknown_key\]: /);
    expect(text).toContain('tenants');
    expect(text).toContain('token-file[0].tenant');
    expect(text).not.toContain('s3cret');
  });
});
