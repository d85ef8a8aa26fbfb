// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are JSON read field by field in assertions
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeIo } from '../test/fake-io.js';
import { type ServeChild, startServeWithTokens } from '../test/serve-child.js';
import { run } from './index.js';

// `zhidu serve --token-file`: a token's `scopes` decide who reads personal values back from the
// store — the real bin over 127.0.0.1, on its default in-memory PGlite store.
describe('zhidu serve --token-file with scopes', () => {
  let server: ServeChild;
  let url: string;

  beforeAll(async () => {
    server = await startServeWithTokens({
      'desk-token': { id: 'desk' },
      'dpo-token': { id: 'privacy-officer', scopes: ['personal:read'] },
    });
    url = server.url;
    const headers = { authorization: 'Bearer desk-token', 'content-type': 'application/json' };
    const put = await fetch(`${url}/v1/attribution.ownership/policies`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ preset: 'sales-office-001' }),
    });
    expect(put.status).toBe(201);
    const rec = await fetch(`${url}/v1/attribution.ownership/streams/customer:c-lt9/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        events: [
          {
            type: 'registration',
            at: '2024-01-05T10:30+08:00',
            customerId: 'c-lt9',
            salespersonId: 'B',
            channel: 'walkIn',
            fields: { name: '兰亭测试客户', phone: '13800000019' },
          },
        ],
        input: { customerId: 'c-lt9', staff: [{ id: 'A' }, { id: 'B' }] },
        now: '2024-01-06T00:00:00+08:00',
      }),
    });
    expect(rec.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  const get = async (path: string, token: string) => {
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, json: (await res.json()) as any };
  };

  it('a token-file entry with scopes ["personal:read"] reads the values with ?personal=true', async () => {
    const r = await get('/v1/streams/customer:c-lt9?personal=true', 'dpo-token');
    expect(r.status).toBe(200);
    expect(r.json[0].payload.fields).toEqual({ name: '兰亭测试客户', phone: '13800000019' });
    const masked = await get('/v1/streams/customer:c-lt9', 'dpo-token');
    expect(masked.json[0].payload.fields).toEqual({ name: '[personal]', phone: '[personal]' });
  });

  it('a token-file entry without scopes asking ?personal=true is refused 403 forbidden, nothing shown', async () => {
    const r = await get('/v1/streams/customer:c-lt9?personal=true', 'desk-token');
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({ code: 'forbidden', path: ['query', 'personal'] });
    expect(JSON.stringify(r.json)).not.toContain('13800000019');
    const masked = await get('/v1/streams/customer:c-lt9', 'desk-token');
    expect(masked.status).toBe(200);
    expect(masked.json[0].payload.fields).toEqual({ name: '[personal]', phone: '[personal]' });
  });
});

describe('zhidu serve refuses a malformed scopes in the token file at start', () => {
  const refuse = async (tokens: unknown) => {
    const { io, err } = fakeIo({ 'tokens.json': tokens });
    const status = await run(['serve', '--port', '0', '--token-file', 'tokens.json'], io);
    return { status, err: err.join('\n') };
  };

  it('scopes that are not an array: invalid_input at token-file[entry].scopes, naming the id, not the token', async () => {
    for (const scopes of ['personal:read', { read: true }, null, 7]) {
      const r = await refuse({ 'desk-token': { id: 'desk' }, s3cret: { id: 'erp', scopes } });
      expect(r.status).toBe(2);
      expect(r.err).toMatch(/^error \[invalid_input\]: /);
      expect(r.err).toContain('token-file[1].scopes');
      expect(r.err).toContain('the scopes of token-file entry 2 (id "erp") are an array of strings');
      expect(r.err).toContain('令牌文件第 2 项');
      expect(r.err).not.toContain('s3cret');
    }
  });

  it('a scope that is not a string: invalid_input at token-file[entry].scopes[i]', async () => {
    const r = await refuse({ s3cret: { id: 'erp', scopes: ['personal:read', 42] } });
    expect(r.status).toBe(2);
    expect(r.err).toContain('token-file[0].scopes[1]');
    expect(r.err).toContain('token-file entry 1 (id "erp"): a scope is a string (known: personal:read)');
    expect(r.err).not.toContain('s3cret');
  });

  it('an unknown scope (a typo, a scope the server does not have): invalid_input naming it and the known ones', async () => {
    for (const scope of ['personal:write', 'Personal:Read', 'personal-read', '']) {
      const r = await refuse({ s3cret: { id: 'erp', scopes: [scope] } });
      expect(r.status).toBe(2);
      expect(r.err).toContain('token-file[0].scopes[0]');
      expect(r.err).toContain(`unknown scope ${JSON.stringify(scope)} (known: personal:read)`);
      expect(r.err).toContain(`未知权限 ${JSON.stringify(scope)}`);
      expect(r.err).not.toContain('s3cret');
    }
  });

  it('scopes omitted or empty pass validation (no scope: personal values stay masked)', async () => {
    // The token file is read before the store flags are checked: giving both store flags stops the
    // command right after a file that passed, without starting a server.
    const { io, err } = fakeIo({ 'tokens.json': { s3cret: { id: 'erp', scopes: [] }, other: { id: 'b' } } });
    const args = [
      'serve',
      '--port',
      '0',
      '--token-file',
      'tokens.json',
      '--data-dir',
      'd',
      '--database-url',
      'u',
    ];
    expect(await run(args, io)).toBe(2);
    expect(err.join('\n')).toContain('give --data-dir or --database-url, not both');
    expect(err.join('\n')).not.toContain('token-file');
  });
});
