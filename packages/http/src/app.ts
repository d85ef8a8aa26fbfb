import { chinaCalendar } from '@zhidu/calendar-cn';
import {
  assertNoDuplicateJsonKey,
  describeValue,
  errorAt,
  exactJson,
  expectKnownKeys,
  httpStatusOf,
  isZhiduError,
  makeContext,
  nearestKey,
  RecentByText,
  renderError,
  runScenario,
  weekdayCalendar,
  ZhiduError,
} from '@zhidu/core';
import {
  getModule,
  listModules,
  listPresets,
  parameterCoverage,
  registry,
  scenarioResolver,
} from '@zhidu/modules';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { rateLimiter } from 'hono-rate-limiter';
import pino, { type Logger } from 'pino';
import { acceptLanguage } from './lang.js';
import { type JsonObject, openApiDocument } from './openapi.js';
import { queryOnly, type StoreOption, storeRoutes } from './store-routes.js';

/** Who a bearer token belongs to, and which tenants it may act for (all when omitted). */
export interface Principal {
  /** A stable id for logs and the rate limit (never the token itself). */
  id: string;
  /** Tenants the token may name in the tenant header; omitted: any. */
  tenants?: readonly string[];
  /**
   * What the token may do beyond the default: `'personal:read'` lets it read personal values
   * (names, phones, ID numbers) back from the store with `GET /v1/streams/{stream}?personal=true`.
   * Omitted: none — stream reads show `'[personal]'`, and asking for the values is 403 `forbidden`.
   */
  scopes?: readonly string[];
}

/** How requests are authenticated. */
export type AuthOption =
  /** Fixed tokens, each with its principal. */
  | { tokens: Readonly<Record<string, Principal>> }
  /** Your own check (a database, an identity provider): a principal, or `undefined` to refuse. */
  | { verify: (token: string) => Principal | undefined | Promise<Principal | undefined> }
  /**
   * No authentication: only for a server on loopback or behind a gateway that authenticates. Every
   * request gets the `scopes` given here (default none: personal values stay masked).
   */
  | { open: true; scopes?: readonly string[] };

/** Options of {@link createApp}. */
export interface ServerOptions {
  /** Authentication: required (there is no default, so a server is never open by accident). */
  auth: AuthOption;
  /** The tenant header (default `x-zhidu-tenant`) and whether a request must carry it. */
  tenant?: { header?: string; required?: boolean };
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Requests per window per token (default 600 per 60 s); `false` turns the limit off. */
  rateLimit?: { limit: number; windowMs: number } | false;
  /** A pino logger (default: JSON lines on stdout at `info`); `false` for none. */
  logger?: Logger | false;
  /** Version reported by `/healthz` and the OpenAPI document. */
  version?: string;
  /**
   * An event store (`@zhidu/store-postgres`), or one per tenant: adds the store-backed routes
   * (policies, recording events, streams, owners, timers due, violations, ledgers, credit accounts,
   * erasure). Without it those routes answer 404.
   */
  store?: StoreOption;
}

/** What a request carries through the app: the token's principal, the tenant, its logger and id. */
export type AppVariables = {
  principal: Principal;
  tenant: string | undefined;
  log: Logger;
  requestId: string;
};
type Vars = AppVariables;

const MAX_SCENARIOS = 500;
const MAX_COVERAGE_SCENARIOS = 200;

/**
 * The JSON body of an error response: the `ZhiduError`'s code and path, its message in the language
 * of `Accept-Language` (both, "中文 / English", without one), the message in each language
 * (`messages`), and the request id.
 */
export interface ErrorBody {
  error: {
    code: string;
    path: (string | number)[];
    message: string;
    messages: { zh: string; en: string };
    details?: unknown;
    requestId: string;
  };
}

function errorResponse(c: Context<{ Variables: Vars }>, e: ZhiduError) {
  const lang = acceptLanguage(c.req.header('accept-language'));
  const rendered = lang === undefined ? undefined : renderError(e, lang);
  const details = rendered === undefined ? e.details : rendered.details;
  const body: ErrorBody = {
    error: {
      code: e.code,
      path: [...e.path],
      message: rendered === undefined ? e.message : rendered.message,
      messages: { zh: renderError(e, 'zh-CN').message, en: renderError(e, 'en').message },
      ...(details === undefined ? {} : { details }),
      requestId: c.get('requestId') ?? '',
    },
  };
  c.header('vary', 'Accept-Language', { append: true });
  if (lang !== undefined) c.header('content-language', lang);
  // The rest of an oversized body is never read: the connection cannot be reused for the next request.
  if (e.code === 'payload_too_large') c.header('connection', 'close');
  return c.json(body, httpStatusOf(e) as 400);
}

async function jsonBody(c: Context<{ Variables: Vars }>): Promise<unknown> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The body is never echoed back: it may hold personal data.
    throw new ZhiduError(
      'invalid_input',
      ['body'],
      '请求体不是合法 JSON / the request body is not valid JSON',
    );
  }
  // A key written twice: JSON.parse kept the last value and dropped the first.
  assertNoDuplicateJsonKey(text, ['body']);
  return value;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ZhiduError(
      'invalid_input',
      ['body'],
      `请求体须为 JSON 对象 / the request body is a JSON object, got ${describeValue(body)}`,
    );
  }
  return body as Record<string, unknown>;
}

function onlyKeys(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      const near = nearestKey(key, allowed);
      throw new ZhiduError(
        'unknown_key',
        ['body', key],
        `未知字段 ${JSON.stringify(key)}${near ? `；是否应为 ${near}？` : ''} / unknown field ${JSON.stringify(key)}${near ? `; did you mean ${near}?` : ''}`,
      );
    }
  }
}

function moduleOf(id: string) {
  if (!registry.has(id)) {
    const near = nearestKey(
      id,
      listModules().map((m) => m.id),
    );
    throw new ZhiduError(
      'unknown_reference',
      ['module'],
      `没有模块 ${JSON.stringify(id)}${near ? `；是否应为 ${near}？` : ''} / no module ${JSON.stringify(id)}${near ? `; did you mean ${near}?` : ''}`,
      near ? { suggestion: near } : undefined,
    );
  }
  return getModule(id);
}

/** The policy of a request: a preset name of the module, or a policy object. */
function policyOf(moduleId: string, body: Record<string, unknown>): unknown {
  const has = (k: string) => body[k] !== undefined;
  if (has('preset') === has('policy')) {
    throw new ZhiduError(
      'invalid_input',
      ['body', has('preset') ? 'policy' : 'preset'],
      '须给出 preset 与 policy 之一（恰好一个） / give exactly one of preset and policy',
    );
  }
  if (has('policy')) return body.policy;
  const name = body.preset;
  const names = moduleOf(moduleId).presetNames;
  if (typeof name !== 'string' || !names.includes(name)) {
    const near = typeof name === 'string' ? nearestKey(name, names) : undefined;
    throw new ZhiduError(
      'unknown_reference',
      ['body', 'preset'],
      `${moduleId} 没有预设 ${JSON.stringify(name)}${near ? `；是否应为 ${near}？` : ''} / ${moduleId} has no preset ${JSON.stringify(name)}${near ? `; did you mean ${near}?` : ''}`,
    );
  }
  return name;
}

function contextOf(raw: unknown) {
  const ctx = objectBody(raw === undefined ? undefined : raw);
  for (const key of Object.keys(ctx)) {
    if (!['now', 'zone', 'calendar', 'seed'].includes(key)) {
      throw new ZhiduError(
        'unknown_key',
        ['body', 'context', key],
        `未知字段 / unknown field ${JSON.stringify(key)}`,
      );
    }
  }
  const calendar = ctx.calendar ?? 'prc';
  if (calendar !== 'prc' && calendar !== 'weekdays') {
    throw new ZhiduError(
      'invalid_input',
      ['body', 'context', 'calendar'],
      `日历须为 prc 或 weekdays / calendar is prc or weekdays, not ${describeValue(calendar)}`,
    );
  }
  try {
    return makeContext({
      now: ctx.now as string,
      calendar: calendar === 'prc' ? chinaCalendar() : weekdayCalendar(),
      ...(ctx.zone === undefined ? {} : { zone: ctx.zone as string }),
      ...(ctx.seed === undefined ? {} : { seed: ctx.seed as string }),
    });
  } catch (e) {
    if (isZhiduError(e)) throw errorAt(e, ['body', 'context', ...e.path]);
    throw e;
  }
}

async function authenticate(auth: AuthOption, header: string | undefined): Promise<Principal | undefined> {
  if ('open' in auth && auth.open === true)
    return auth.scopes === undefined ? { id: 'anonymous' } : { id: 'anonymous', scopes: auth.scopes };
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header ?? '');
  if (!match) return undefined;
  const token = match[1] as string;
  if ('tokens' in auth) return Object.hasOwn(auth.tokens, token) ? auth.tokens[token] : undefined;
  if ('verify' in auth) return await auth.verify(token);
  return undefined;
}

/** The keys of {@link ServerOptions}. */
const SERVER_KEYS = ['auth', 'tenant', 'bodyLimitBytes', 'rateLimit', 'logger', 'version', 'store'];

function checkOptions(options: ServerOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new ZhiduError('invalid_input', ['options'], '须为选项对象 / expected an options object');
  }
  // A misspelt option is refused, not ignored: `tenant: { requird: true }` would let requests
  // through without the tenant header, `rateLimt` would leave the default limit in place.
  expectKnownKeys(options, SERVER_KEYS, ['options']);
  const auth = options.auth as unknown;
  if (auth !== null && typeof auth === 'object') {
    const kind =
      'tokens' in auth
        ? ['tokens']
        : 'verify' in auth
          ? ['verify']
          : 'open' in auth
            ? ['open', 'scopes']
            : ['tokens', 'verify', 'open', 'scopes'];
    expectKnownKeys(auth, kind, ['options', 'auth']);
    // Each token's entry too: `tenant: ['acme']` for `tenants` would let the token act for every
    // tenant. The path names the entry by its position, never the token.
    const tokens = (auth as { tokens?: unknown }).tokens;
    if (tokens !== null && typeof tokens === 'object')
      Object.values(tokens).forEach((entry, i) => {
        if (entry !== null && typeof entry === 'object')
          expectKnownKeys(entry, ['id', 'tenants', 'scopes'], ['options', 'auth', 'tokens', i]);
      });
  }
  if (options.tenant !== undefined)
    expectKnownKeys(options.tenant, ['header', 'required'], ['options', 'tenant']);
  if (options.rateLimit !== undefined && options.rateLimit !== false)
    expectKnownKeys(options.rateLimit, ['limit', 'windowMs'], ['options', 'rateLimit']);
  const ok =
    auth !== null &&
    typeof auth === 'object' &&
    (('open' in auth && (auth as { open: unknown }).open === true) ||
      ('tokens' in auth && typeof (auth as { tokens: unknown }).tokens === 'object') ||
      ('verify' in auth && typeof (auth as { verify: unknown }).verify === 'function'));
  if (!ok) {
    throw new ZhiduError(
      'invalid_input',
      ['options', 'auth'],
      '须配置认证：{ tokens } / { verify } / { open: true } / auth is required: { tokens }, { verify } or { open: true }',
    );
  }
  const limit = options.bodyLimitBytes;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit > 0)) {
    throw new ZhiduError('invalid_input', ['options', 'bodyLimitBytes'], '须为正整数 / a positive integer');
  }
  const rl = options.rateLimit;
  if (
    rl !== undefined &&
    rl !== false &&
    !(Number.isSafeInteger(rl.limit) && rl.limit > 0 && Number.isSafeInteger(rl.windowMs) && rl.windowMs > 0)
  ) {
    throw new ZhiduError(
      'invalid_input',
      ['options', 'rateLimit'],
      '须为 { limit, windowMs }（正整数）或 false / { limit, windowMs } (positive integers) or false',
    );
  }
}

/**
 * The zhidu HTTP API as a Hono app: every module of the registry over JSON, with OpenAPI 3.1 at
 * `/openapi.json`, a docs page at `/docs`, bearer-token authentication, tenants from a header,
 * a body size limit, a rate limit per token, a request id on every response and log line, and
 * errors as JSON `{ error: { code, path, message, requestId } }` with the status of the error code.
 *
 * Serve it with {@link startServer} (Node) or any Hono adapter.
 *
 * @param options - authentication (required), tenant header, limits, logger
 * @returns the app; `app.request(...)` answers without a socket (handy in tests)
 * @throws ZhiduError `invalid_input` for missing authentication or malformed limits
 * @example
 * const app = createApp({ auth: { tokens: { 's3cret': { id: 'erp' } } }, logger: false });
 * const res = await app.request('/v1/sla.timers/evaluate', {
 *   method: 'POST',
 *   headers: { authorization: 'Bearer s3cret', 'content-type': 'application/json' },
 *   body: JSON.stringify({
 *     preset: 'retail-000',
 *     context: { now: '2024-03-20T00:00:00+08:00' },
 *     input: { events: [
 *       { type: 'received', subject: 'r-5', at: '2024-03-01T10:00+08:00', assignees: { opsCustomerService: 'ops1' } },
 *       { type: 'closed', subject: 'r-5', at: '2024-03-10T09:00+08:00' },
 *     ] },
 *   }),
 * });
 * res.status; //=> 200
 * (await res.json()).value.violations[0].code; //=> 'sla.complaint.S000-COMPLAINT-17'
 */
export function createApp(options: ServerOptions): Hono<{ Variables: Vars }> {
  checkOptions(options);
  const logger: Logger = options.logger === false ? pino({ enabled: false }) : (options.logger ?? pino());
  const tenantHeader = (options.tenant?.header ?? 'x-zhidu-tenant').toLowerCase();
  const version = options.version ?? '0';
  const app = new Hono<{ Variables: Vars }>();
  let openapi: JsonObject | undefined;
  const inline = inlinePolicies();

  app.use(
    requestId({
      // An incoming id is kept when it is short and plain (a gateway's trace id); otherwise a new one.
      limitLength: 64,
      headerName: 'x-request-id',
    }),
  );
  app.use(async (c, next) => {
    const started = performance.now();
    const log = logger.child({ requestId: c.get('requestId') });
    c.set('log', log);
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        principal: c.get('principal')?.id,
        tenant: c.get('tenant'),
      },
      'request',
    );
  });
  app.onError((e, c) => {
    if (isZhiduError(e)) return errorResponse(c, e);
    c.get('log')?.error(
      { err: e instanceof Error ? { name: e.name, message: e.message } : String(e) },
      'internal',
    );
    return errorResponse(c, new ZhiduError('internal_error', [], '服务器内部错误 / internal error'));
  });
  app.notFound((c) =>
    errorResponse(
      c,
      new ZhiduError(
        'unknown_reference',
        ['url'],
        `没有此路径 / no such route: ${c.req.method} ${c.req.path}`,
      ),
    ),
  );

  app.get('/healthz', (c) => c.json({ ok: true, version, modules: registry.size }));
  app.get('/openapi.json', (c) => {
    openapi ??= openApiDocument({ version, tenantHeader, store: options.store !== undefined });
    return c.json(openapi);
  });
  app.get('/docs', (c) => c.html(docsPage()));

  // Everything under /v1 is authenticated, tenant-checked, size-limited and rate-limited.
  app.use('/v1/*', async (c, next) => {
    const principal = await authenticate(options.auth, c.req.header('authorization'));
    if (!principal) {
      c.header('www-authenticate', 'Bearer');
      throw new ZhiduError(
        'unauthorized',
        ['headers', 'authorization'],
        '缺少或错误的 Bearer 令牌 / missing or wrong bearer token',
      );
    }
    c.set('principal', principal);
    const tenant = c.req.header(tenantHeader);
    if (tenant === undefined && options.tenant?.required) {
      throw new ZhiduError(
        'invalid_input',
        ['headers', tenantHeader],
        `缺少租户头 / the ${tenantHeader} header is required`,
      );
    }
    if (tenant !== undefined && principal.tenants && !principal.tenants.includes(tenant)) {
      throw new ZhiduError(
        'forbidden',
        ['headers', tenantHeader],
        `此令牌不能代表租户 ${JSON.stringify(tenant)} / this token may not act for tenant ${JSON.stringify(tenant)}`,
      );
    }
    c.set('tenant', tenant);
    await next();
  });
  const rl = options.rateLimit ?? { limit: 600, windowMs: 60_000 };
  if (rl !== false) {
    app.use(
      '/v1/*',
      rateLimiter<{ Variables: Vars }>({
        windowMs: rl.windowMs,
        limit: rl.limit,
        standardHeaders: 'draft-6',
        keyGenerator: (c) => c.get('principal').id,
        handler: () => {
          throw new ZhiduError(
            'rate_limited',
            [],
            `请求过于频繁（每 ${rl.windowMs / 1000} 秒 ${rl.limit} 次） / rate limit exceeded (${rl.limit} per ${rl.windowMs / 1000} s)`,
          );
        },
      }),
    );
  }
  const maxBytes = options.bodyLimitBytes ?? 1024 * 1024;
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new ZhiduError(
          'payload_too_large',
          ['body'],
          `请求体超过 ${maxBytes} 字节 / the request body is over ${maxBytes} bytes`,
        );
      },
    }),
  );

  if (options.store) {
    storeRoutes(app, options.store, {
      jsonBody: jsonBody as never,
      objectBody,
      onlyKeys,
      moduleOf,
      underBody: underBodyAsync,
      tenantHeader,
    });
  }
  app.get('/v1/modules', queryOnly([]), (c) => c.json(listModules()));
  app.get('/v1/presets', queryOnly([]), (c) => c.json(listPresets()));
  app.get('/v1/:module/schema', queryOnly([]), (c) => {
    const m = moduleOf(c.req.param('module'));
    return c.json({ policy: m.jsonSchema.policy, input: m.jsonSchema.input });
  });
  app.post('/v1/:module/evaluate', queryOnly([]), async (c) => {
    const id = c.req.param('module');
    const m = moduleOf(id);
    const body = objectBody(await jsonBody(c));
    onlyKeys(body, ['input', 'preset', 'policy', 'context']);
    const policy = policyOf(id, body);
    const ctx = contextOf(body.context);
    if (typeof policy === 'string')
      return c.json(underBody(() => m.evaluate(body.input, m.preset(policy), ctx)));
    // A policy given inline: the one validated for an earlier request with the same JSON text, if any.
    const key = inline.keyOf(id, policy);
    const known = key === undefined ? undefined : inline.get(key);
    const decision = underBody(() => m.evaluate(body.input, known ?? policy, ctx));
    if (key !== undefined && known === undefined) inline.set(key, () => m.policy(policy));
    return c.json(decision);
  });
  app.post('/v1/:module/scenario', queryOnly([]), async (c) => {
    const id = c.req.param('module');
    moduleOf(id);
    const body = await jsonBody(c);
    const list = Array.isArray(body) ? body : [body];
    if (list.length > MAX_SCENARIOS) {
      throw new ZhiduError(
        'invalid_input',
        ['body'],
        `最多 ${MAX_SCENARIOS} 个场景 / at most ${MAX_SCENARIOS} scenarios`,
      );
    }
    const resolver = scenarioResolver();
    const outcomes = list.map((s, i) => {
      const module = (s as { module?: unknown } | null)?.module;
      if (module !== id) {
        throw new ZhiduError(
          'invalid_input',
          Array.isArray(body) ? ['body', i, 'module'] : ['body', 'module'],
          `场景的 module 须为 ${id} / the scenario's module must be ${id}, got ${describeValue(module)}`,
        );
      }
      return underBody(() => runScenario(s, resolver), Array.isArray(body) ? [i] : []);
    });
    return c.json({ ok: outcomes.every((o) => o.ok), outcomes });
  });
  app.post('/v1/:module/coverage', queryOnly([]), async (c) => {
    const id = c.req.param('module');
    const m = moduleOf(id);
    const body = objectBody(await jsonBody(c));
    onlyKeys(body, ['preset', 'policy', 'scenarios']);
    const policy = policyOf(id, body);
    if (!Array.isArray(body.scenarios) || body.scenarios.length === 0) {
      throw new ZhiduError(
        'invalid_input',
        ['body', 'scenarios'],
        '须为非空场景数组 / a non-empty array of scenarios',
      );
    }
    if (body.scenarios.length > MAX_COVERAGE_SCENARIOS) {
      throw new ZhiduError(
        'invalid_input',
        ['body', 'scenarios'],
        `最多 ${MAX_COVERAGE_SCENARIOS} 个场景 / at most ${MAX_COVERAGE_SCENARIOS} scenarios`,
      );
    }
    // Objects only: a string would be read as a file path on the server.
    const scenarios = body.scenarios.map((s, i) => {
      if (s === null || typeof s !== 'object' || Array.isArray(s)) {
        throw new ZhiduError(
          'invalid_input',
          ['body', 'scenarios', i],
          `场景须为 JSON 对象 / a scenario is a JSON object, got ${describeValue(s)}`,
        );
      }
      return s as Record<string, unknown>;
    });
    const report = underBody(() =>
      parameterCoverage({
        module: m,
        policy: typeof policy === 'string' ? `${id}/${policy}` : policy,
        scenarios,
        match: 'all',
      }),
    );
    return c.json(report);
  });
  return app;
}

/** {@link underBody} for a store call. */
async function underBodyAsync<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (isZhiduError(e)) throw e.path[0] === 'body' ? e : errorAt(e, ['body', ...e.path]);
    throw e;
  }
}

/** How many inline policies an app keeps validated, and how many characters of their JSON in all. */
const INLINE_POLICIES = 64;
const INLINE_POLICY_CHARS = 1_000_000;

/**
 * Inline policies already validated, by module and JSON text (the oldest out first): a client
 * sending the same policy with every request has it validated once, not per request. A request's
 * policy comes from `JSON.parse`; only one that `JSON.stringify` gives back exactly is kept (see
 * `exactJson`: not `-0`, nor a number too large that parsed as `Infinity`), so the same text
 * validates to the same policy; a policy that differs in anything, its keys' order included, is
 * validated anew.
 */
function inlinePolicies() {
  const byText = new RecentByText<object>(INLINE_POLICIES, INLINE_POLICY_CHARS);
  return {
    /** The key of a parsed policy, or `undefined` for one not kept (not exact JSON, or too large). */
    keyOf(moduleId: string, policy: unknown): string | undefined {
      const json = exactJson(policy);
      return json === undefined ? undefined : `${moduleId}\u0000${json}`;
    },
    get: (key: string): object | undefined => byText.get(key),
    /** Keeps the policy `validate` returns (the module's own validated policy, already made by `evaluate`). */
    set(key: string, validate: () => object): void {
      try {
        byText.set(key, validate());
      } catch {
        // Not kept: the next request validates it again.
      }
    },
  };
}

/** Runs `f`, putting `body` in front of a refusal's path (the caller sent a body, not an argument list). */
function underBody<T>(f: () => T, prefix: (string | number)[] = []): T {
  try {
    return f();
  } catch (e) {
    if (isZhiduError(e)) throw e.path[0] === 'body' ? e : errorAt(e, ['body', ...prefix, ...e.path]);
    throw e;
  }
}

function docsPage(): string {
  const rows = listModules()
    .map(
      (m) =>
        `<tr><td><code>${m.id}</code></td><td>${escapeHtml(m.title.zh)} / ${escapeHtml(m.title.en)}</td><td><code>POST /v1/${m.id}/evaluate</code>, <code>/scenario</code>, <code>/coverage</code>, <code>GET /v1/${m.id}/schema</code></td><td>${m.presets.length}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>zhidu API</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}</style></head>
<body><h1>zhidu API</h1>
<p>OpenAPI 3.1: <a href="/openapi.json">/openapi.json</a>（可导入 Postman、openapi-generator 生成 Java / .NET 客户端 / import it into Postman or openapi-generator for Java and .NET clients）.</p>
<p>认证 / authentication: <code>Authorization: Bearer &lt;token&gt;</code>; 租户 / tenant: <code>x-zhidu-tenant</code>; 错误 / errors: <code>{ "error": { "code", "path", "message", "requestId" } }</code>.</p>
<table><thead><tr><th>module</th><th>title</th><th>endpoints</th><th>presets</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
