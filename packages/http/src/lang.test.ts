// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are JSON read field by field in assertions
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './index.js';
import { acceptLanguage } from './lang.js';

const HAN = /[\u4e00-\u9fff]/;
let server: RunningServer;
const TOKEN = 'lang-token';

beforeAll(async () => {
  server = await startServer({
    port: 0,
    auth: { tokens: { [TOKEN]: { id: 'erp' } } },
    rateLimit: { limit: 1000, windowMs: 60_000 },
    logger: pino(new Writable({ write: (_c, _e, done) => done() })),
    version: '0.1.0-test',
  });
});
afterAll(async () => {
  await server.close();
});

/** A request the server refuses: a policy field of the wrong type (a zod-level refusal). */
async function refused(acceptLang?: string) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${TOKEN}`,
    'content-type': 'application/json',
  };
  if (acceptLang !== undefined) headers['accept-language'] = acceptLang;
  const res = await fetch(`${server.url}/v1/sla.timers/evaluate`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      preset: 'retail-00',
      context: { now: '2024-03-20T00:00:00+08:00' },
      input: { events: [] },
    }),
  });
  return { res, json: (await res.json()) as Record<string, any> };
}

describe('acceptLanguage', () => {
  it('maps zh, zh-CN, zh-Hans to zh-CN and respects q-values', () => {
    expect(acceptLanguage('zh')).toBe('zh-CN');
    expect(acceptLanguage('zh-CN')).toBe('zh-CN');
    expect(acceptLanguage('zh-Hans')).toBe('zh-CN');
    expect(acceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(acceptLanguage('en;q=0.5, zh-Hans;q=0.9')).toBe('zh-CN');
    expect(acceptLanguage('zh;q=0.4, en-US;q=0.6')).toBe('en');
    expect(acceptLanguage('zh;q=0, en')).toBe('en');
    expect(acceptLanguage('fr-FR, de;q=0.8')).toBe('en');
    expect(acceptLanguage('fr, zh;q=0.1')).toBe('zh-CN');
  });

  it('gives no language (both texts) without a header or with only *; never throws on garbage', () => {
    expect(acceptLanguage(undefined)).toBeUndefined();
    expect(acceptLanguage('')).toBeUndefined();
    expect(acceptLanguage('*')).toBeUndefined();
    expect(acceptLanguage(';;;,,,')).toBeUndefined();
    expect(acceptLanguage('zh;q=abc')).toBe('zh-CN');
    expect(acceptLanguage('x'.repeat(100_000))).toBe('en');
  });
});

describe('error messages follow Accept-Language over real HTTP', () => {
  it('zh-CN: the message in Chinese, code and path kept, both texts in messages', async () => {
    const { res, json } = await refused('zh-CN,zh;q=0.9,en;q=0.8');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-language')).toBe('zh-CN');
    expect(res.headers.get('vary')).toMatch(/accept-language/i);
    expect(json.error.code).toBe('unknown_reference');
    expect(json.error.path).toEqual(['body', 'preset']);
    expect(json.error.message).toMatch(/^sla\.timers 没有预设 "retail-00"/);
    expect(json.error.message).toContain('（位置：body.preset）');
    expect(json.error.message).not.toContain('no preset');
    expect(json.error.messages.zh).toBe(json.error.message);
    expect(json.error.messages.en).toMatch(/^sla\.timers has no preset "retail-00".* \(at body\.preset\)$/);
  });

  it('en (and q-values preferring en): the message in English only', async () => {
    for (const header of ['en-US', 'zh;q=0.3, en;q=0.7', 'fr-FR']) {
      const { res, json } = await refused(header);
      expect(res.headers.get('content-language')).toBe('en');
      expect(json.error.message).toMatch(/^sla\.timers has no preset "retail-00"/);
      expect(HAN.test(json.error.message)).toBe(false);
      expect(json.error.messages.zh).toMatch(HAN);
    }
  });

  it('zh-Hans renders zod-level refusals (a wrong type) in Chinese, en in English', async () => {
    const send = (lang: string) =>
      fetch(`${server.url}/v1/sla.timers/evaluate`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
          'accept-language': lang,
        },
        body: JSON.stringify({
          preset: 'retail-000',
          context: { now: '2024-03-20T00:00:00+08:00' },
          input: { events: 'x' },
        }),
      }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, any> }));
    const zh = await send('zh-Hans');
    const en = await send('en');
    expect(zh.status).toBeGreaterThanOrEqual(400);
    expect(zh.json.error.code).toBe(en.json.error.code);
    expect(zh.json.error.path).toEqual(en.json.error.path);
    expect(zh.json.error.message).toMatch(HAN);
    expect(HAN.test(en.json.error.message)).toBe(false);
  });

  it('no Accept-Language: the message keeps both languages, as before', async () => {
    const { res, json } = await refused();
    expect(res.headers.get('content-language')).toBeNull();
    expect(json.error.message).toContain('没有预设');
    expect(json.error.message).toContain('has no preset');
    expect(json.error.messages.zh).toContain('没有预设');
  });

  it('renders the 404 of an unknown route and the 401 of a missing token too', async () => {
    const r404 = await fetch(`${server.url}/v1/nowhere`, {
      headers: { authorization: `Bearer ${TOKEN}`, 'accept-language': 'zh' },
    });
    const body404 = (await r404.json()) as Record<string, any>;
    expect(r404.status).toBe(404);
    expect(body404.error.message).toMatch(/^没有此路径/);
    const r401 = await fetch(`${server.url}/v1/modules`, { headers: { 'accept-language': 'en' } });
    const body401 = (await r401.json()) as Record<string, any>;
    expect(r401.status).toBe(401);
    expect(HAN.test(body401.error.message)).toBe(false);
    expect(body401.error.messages.zh).toMatch(HAN);
  });
});
