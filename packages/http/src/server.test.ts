// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are JSON read field by field in assertions
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { getModule } from '@zhidu/modules';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningServer, startServer } from './index.js';

// End to end over real sockets on 127.0.0.1: the server is started here and every request is a
// real HTTP request (fetch), as an ERP in Java or .NET would send it.

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
    done();
  },
});

let server: RunningServer;
const TOKEN = 'erp-token-1';
const ACME_ONLY = 'acme-token';

beforeAll(async () => {
  server = await startServer({
    port: 0,
    auth: { tokens: { [TOKEN]: { id: 'erp' }, [ACME_ONLY]: { id: 'acme-erp', tenants: ['acme'] } } },
    bodyLimitBytes: 256 * 1024,
    rateLimit: { limit: 1000, windowMs: 60_000 },
    logger: pino(sink),
    version: '0.1.0-test',
  });
});
afterAll(async () => {
  await server.close();
});

const events = [
  {
    type: 'received',
    subject: 'r-5',
    at: '2024-03-01T10:00+08:00',
    assignees: { opsCustomerService: 'ops1' },
  },
  { type: 'closed', subject: 'r-5', at: '2024-03-10T09:00+08:00' },
];

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { res, json: (await res.json()) as Record<string, any> };
}

describe('@zhidu/http over real HTTP on 127.0.0.1', () => {
  it('listens on loopback and answers /healthz without a token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: '0.1.0-test', modules: expect.any(Number) });
  });

  it('evaluates a module with a preset: the 7-day limit of S000-COMPLAINT-17 breached, with trace and provenance', async () => {
    const { res, json } = await post('/v1/sla.timers/evaluate', {
      preset: 'retail-000',
      context: { now: '2024-03-20T00:00:00+08:00' },
      input: { events },
    });
    expect(res.status).toBe(200);
    expect(
      json.value.violations.map((v: { code: string; personId: string }) => [v.code, v.personId]),
    ).toEqual([['sla.complaint.S000-COMPLAINT-17', 'ops1']]);
    expect(json.provenance.module).toBe('sla.timers');
    expect(json.provenance.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(json.trace.length).toBeGreaterThan(0);
  });

  it('evaluates with a policy sent as JSON: the same decision as the preset it copies', async () => {
    const policy = JSON.parse(JSON.stringify(getModule('sla.timers').preset('retail-000')));
    const viaPolicy = await post('/v1/sla.timers/evaluate', {
      policy,
      context: { now: '2024-03-20T00:00:00+08:00' },
      input: { events },
    });
    const viaPreset = await post('/v1/sla.timers/evaluate', {
      preset: 'retail-000',
      context: { now: '2024-03-20T00:00:00+08:00' },
      input: { events },
    });
    expect(viaPolicy.res.status).toBe(200);
    expect(viaPolicy.json.value).toEqual(viaPreset.json.value);
    expect(viaPolicy.json.provenance.policy.hash).toBe(viaPreset.json.provenance.policy.hash);
  });

  it('a misspelt policy key is refused with its path under body.policy (unknown_key, 400)', async () => {
    const policy = JSON.parse(JSON.stringify(getModule('sla.timers').preset('retail-000')));
    policy.params.timerz = [];
    const { res, json } = await post('/v1/sla.timers/evaluate', {
      policy,
      context: { now: '2024-03-20T00:00:00+08:00' },
      input: { events },
    });
    expect(res.status).toBe(400);
    expect(json.error.code).toBe('unknown_key');
    expect(json.error.path.slice(0, 2)).toEqual(['body', 'policy']);
    expect(json.error.path).toContain('timerz');
  });

  it('every response carries a request id; one sent by a gateway is kept; log lines carry it', async () => {
    const res = await fetch(`${server.url}/v1/presets`, {
      headers: { authorization: `Bearer ${TOKEN}`, 'x-request-id': 'gw-1234' },
    });
    expect(res.headers.get('x-request-id')).toBe('gw-1234');
    expect((await res.json()) as string[]).toContain('sla.timers/retail-000');
    const fresh = await fetch(`${server.url}/v1/modules`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const id = fresh.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await fresh.json();
    const logged = lines.filter((l) => l.requestId === id);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      msg: 'request',
      method: 'GET',
      path: '/v1/modules',
      status: 200,
      principal: 'erp',
    });
    expect(lines.find((l) => l.requestId === 'gw-1234')).toMatchObject({ path: '/v1/presets' });
  });

  it('serves OpenAPI 3.1 built from the zod schemas: every module has its paths and every $ref resolves', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as Record<string, any>;
    expect(doc.openapi).toBe('3.1.0');
    const modules = (await (
      await fetch(`${server.url}/v1/modules`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as { id: string }[];
    for (const m of modules) {
      expect(Object.keys(doc.paths)).toContain(`/v1/${m.id}/evaluate`);
      expect(doc.components.schemas[`${m.id}.input`]).toBeTypeOf('object');
    }
    const refs: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) k === '$ref' ? refs.push(x as string) : walk(x);
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(100);
    const missing = refs.filter((r) => {
      const name = r.replace('#/components/schemas/', '');
      return !r.startsWith('#/components/schemas/') || !(name in doc.components.schemas);
    });
    expect(missing).toEqual([]);
    const page = await fetch(`${server.url}/docs`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/v1/sla.timers/evaluate');
  });

  it('returns a module’s policy and input JSON Schemas', async () => {
    const res = await fetch(`${server.url}/v1/penalty.ledger/schema`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const json = (await res.json()) as { policy: Record<string, unknown>; input: Record<string, unknown> };
    expect(json.policy.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(json.input.type).toBe('object');
  });

  it('runs scenarios of a module (S000-COMPLAINT-17) and refuses one of another module', async () => {
    const scenario = JSON.parse(
      readFileSync(
        new URL('../../sla/scenarios/retail-000/seven-day-close.scenario.json', import.meta.url),
        'utf8',
      ),
    );
    const ok = await post('/v1/sla.timers/scenario', [scenario]);
    expect(ok.res.status).toBe(200);
    expect(ok.json.ok).toBe(true);
    expect(ok.json.outcomes[0].rules).toContain('S000-COMPLAINT-17');
    const broken = structuredClone(scenario);
    broken.expected.violations = [];
    const failing = await post('/v1/sla.timers/scenario', broken);
    expect(failing.json, JSON.stringify(failing.json).slice(0, 400)).toMatchObject({ ok: false });
    expect(failing.json.outcomes[0].mismatches.length).toBeGreaterThan(0);
    const other = await post('/v1/penalty.ledger/scenario', scenario);
    expect(other.res.status).toBe(400);
    expect(other.json.error).toMatchObject({ code: 'invalid_input', path: ['body', 'module'] });
  });

  it('measures policy-parameter coverage of a preset against scenarios sent in the body; file paths are refused', async () => {
    const scenario = JSON.parse(
      readFileSync(
        new URL('../../sla/scenarios/retail-000/seven-day-close.scenario.json', import.meta.url),
        'utf8',
      ),
    );
    const { res, json } = await post('/v1/sla.timers/coverage', {
      preset: 'retail-000',
      scenarios: [scenario],
    });
    expect(res.status).toBe(200);
    const duration = json.parameters.find((p: { kind: string }) => p.kind === 'duration');
    expect(duration).toMatchObject({ rule: 'S000-COMPLAINT-17', pinned: true });
    const paths = await post('/v1/sla.timers/coverage', { preset: 'retail-000', scenarios: ['/etc/passwd'] });
    expect(paths.res.status).toBe(400);
    expect(paths.json.error.path).toEqual(['body', 'scenarios', 0]);
    expect(JSON.stringify(paths.json)).not.toContain('root:');
  });
});

describe('bad requests get a JSON error with code, path, status and request id; nothing else leaks', () => {
  it('no token or a wrong token: 401 unauthorized, with WWW-Authenticate', async () => {
    const none = await fetch(`${server.url}/v1/presets`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const body = (await none.json()) as Record<string, any>;
    expect(body.error).toMatchObject({ code: 'unauthorized', path: ['headers', 'authorization'] });
    expect(body.error.requestId).toBe(none.headers.get('x-request-id'));
    const wrong = await fetch(`${server.url}/v1/presets`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('a token limited to tenant acme naming another tenant: 403 forbidden; its own tenant passes', async () => {
    const other = await fetch(`${server.url}/v1/presets`, {
      headers: { authorization: `Bearer ${ACME_ONLY}`, 'x-zhidu-tenant': 'globex' },
    });
    expect(other.status).toBe(403);
    expect(((await other.json()) as Record<string, any>).error.code).toBe('forbidden');
    const own = await fetch(`${server.url}/v1/presets`, {
      headers: { authorization: `Bearer ${ACME_ONLY}`, 'x-zhidu-tenant': 'acme' },
    });
    expect(own.status).toBe(200);
    await own.json();
  });

  it('malformed JSON: 400 invalid_input at body, the body never echoed', async () => {
    const { res, json } = await post('/v1/sla.timers/evaluate', '{"input": 13800138000 "phone"');
    expect(res.status).toBe(400);
    expect(json.error).toMatchObject({ code: 'invalid_input', path: ['body'] });
    expect(JSON.stringify(json)).not.toContain('13800138000');
  });

  it('a body over the limit: 413 payload_too_large', async () => {
    const { res, json } = await post('/v1/sla.timers/evaluate', {
      input: { events: [], pad: 'x'.repeat(300 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(json.error.code).toBe('payload_too_large');
  });

  it('an unknown module: 404 unknown_reference with the nearest id; an unknown route: 404', async () => {
    const { res, json } = await post('/v1/sla.timer/evaluate', {
      preset: 'retail-000',
      input: {},
      context: {},
    });
    expect(res.status).toBe(404);
    expect(json.error).toMatchObject({
      code: 'unknown_reference',
      path: ['module'],
      details: { suggestion: 'sla.timers' },
    });
    const route = await fetch(`${server.url}/nowhere`);
    expect(route.status).toBe(404);
    expect(((await route.json()) as Record<string, any>).error.code).toBe('unknown_reference');
  });

  it('a misspelt body field, both or neither of preset and policy, an unknown preset, a bad context', async () => {
    const typo = await post('/v1/sla.timers/evaluate', { inputs: {}, preset: 'retail-000', context: {} });
    expect(typo.json.error).toMatchObject({ code: 'unknown_key', path: ['body', 'inputs'] });
    expect(typo.json.error.message).toContain('input');
    const both = await post('/v1/sla.timers/evaluate', {
      input: {},
      preset: 'retail-000',
      policy: {},
      context: {},
    });
    expect(both.json.error).toMatchObject({ code: 'invalid_input', path: ['body', 'policy'] });
    const preset = await post('/v1/sla.timers/evaluate', { input: {}, preset: 'retail-00', context: {} });
    expect(preset.res.status).toBe(404);
    expect(preset.json.error.message).toContain('retail-000');
    const ctx = await post('/v1/sla.timers/evaluate', {
      input: { events },
      preset: 'retail-000',
      context: { now: '2024-03-20 00:00' },
    });
    expect(ctx.res.status).toBe(422);
    expect(ctx.json.error.path.slice(0, 3)).toEqual(['body', 'context', 'now']);
  });
});

describe('limits and lifecycle', () => {
  it('a token over its rate limit gets 429 rate_limited (retryable), other tokens are not affected', async () => {
    const limited = await startServer({
      port: 0,
      auth: { tokens: { a: { id: 'a' }, b: { id: 'b' } } },
      rateLimit: { limit: 3, windowMs: 60_000 },
      logger: false,
    });
    try {
      const get = (t: string) =>
        fetch(`${limited.url}/v1/presets`, { headers: { authorization: `Bearer ${t}` } });
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const r = await get('a');
        statuses.push(r.status);
        await r.arrayBuffer();
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const fourth = await get('a');
      expect(((await fourth.json()) as Record<string, any>).error.code).toBe('rate_limited');
      const other = await get('b');
      expect(other.status).toBe(200);
      await other.arrayBuffer();
    } finally {
      await limited.close();
    }
  });

  it('graceful shutdown: a request in flight is answered, then the port is closed', async () => {
    const s = await startServer({ port: 0, auth: { open: true }, logger: false });
    const scenario = JSON.parse(
      readFileSync(
        new URL('../../sla/scenarios/retail-000/seven-day-close.scenario.json', import.meta.url),
        'utf8',
      ),
    );
    const inFlight = fetch(`${s.url}/v1/sla.timers/coverage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ preset: 'retail-000', scenarios: [scenario, scenario, scenario] }),
    });
    await new Promise((r) => setTimeout(r, 20));
    const closed = s.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { parameters: unknown[] }).parameters.length).toBeGreaterThan(0);
    await closed;
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
  });

  it('refuses a misspelt option, naming the option meant (tenant.requird let requests through without the header)', async () => {
    const auth = { tokens: { t: { id: 'desk' } } };
    const cases: [unknown, (string | number)[], string][] = [
      [{ auth, tenant: { requird: true } }, ['options', 'tenant', 'requird'], 'required'],
      [{ auth, rateLimt: false }, ['options', 'rateLimt'], 'rateLimit'],
      [{ auth, rateLimit: { limit: 5, windowMS: 1000 } }, ['options', 'rateLimit', 'windowMS'], 'windowMs'],
      [{ auth: { open: true, scope: ['personal:read'] } }, ['options', 'auth', 'scope'], 'scopes'],
      [{ auth: { tokns: { t: { id: 'x' } } } }, ['options', 'auth', 'tokns'], 'tokens'],
      [{ auth, bodyLimitByte: 10 }, ['options', 'bodyLimitByte'], 'bodyLimitBytes'],
    ];
    for (const [options, path, meant] of cases) {
      await expect(
        startServer({ port: 0, logger: false, ...(options as object) } as never),
      ).rejects.toMatchObject({
        code: 'unknown_key',
        path,
        message: expect.stringContaining(`did you mean \`${meant}\`?`),
      });
    }
    // `port` and `hostname` are startServer's: createApp, which does not listen, refuses them.
    expect(() => createApp({ auth, port: 8080 } as never)).toThrow(
      expect.objectContaining({ code: 'unknown_key', path: ['options', 'port'] }),
    );
    // The same options spelt right start a server.
    const ok = await startServer({
      port: 0,
      logger: false,
      auth,
      tenant: { required: true },
      rateLimit: false,
    });
    const res = await fetch(`${ok.url}/v1/modules`, { headers: { authorization: 'Bearer t' } });
    expect(res.status).toBe(400); // the tenant header is required
    await ok.close();
  });

  it('refuses to start without authentication, or on a taken port', async () => {
    await expect(startServer({ port: 0 } as never)).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['options', 'auth'],
    });
    await expect(
      startServer({ port: server.port, auth: { open: true }, logger: false }),
    ).rejects.toMatchObject({
      code: 'unavailable',
      path: ['port'],
    });
  });
});
