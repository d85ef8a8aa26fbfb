import { describeValue, nearestKey, ZhiduError } from '@zhidu/core';
import type { Hono } from 'hono';
import type { Principal } from './app.js';

/** The scope a token needs to read personal values (names, phones, ID numbers) back from the store. */
const PERSONAL_READ = 'personal:read';

/**
 * Whether a stream read shows personal values: only on `?personal=true`, and only for a token with
 * the `personal:read` scope (403 `forbidden` otherwise); masked (`'[personal]'`) by default.
 */
function personalOf(c: Ctx): boolean {
  const asked = c.req.query('personal');
  if (asked === undefined || asked === 'false') return false;
  if (asked !== 'true') {
    throw new ZhiduError(
      'invalid_input',
      ['query', 'personal'],
      `personal 须为 true 或 false / personal is true or false, got ${JSON.stringify(asked)}`,
    );
  }
  if (!c.get('principal')?.scopes?.includes(PERSONAL_READ)) {
    throw new ZhiduError(
      'forbidden',
      ['query', 'personal'],
      `此令牌无权读取个人信息（需要 ${PERSONAL_READ} 权限）；不带 personal=true 的请求返回遮蔽后的值 / this token may not read personal data (it needs the ${PERSONAL_READ} scope); without personal=true the values come back masked`,
    );
  }
  return true;
}

/**
 * What the server needs of an event store (`@zhidu/store-postgres`'s `EventStore` has all of it):
 * kept structural so that `@zhidu/http` does not pull in the database drivers.
 */
export interface DomainStore {
  /** The tenant the store reads and writes; a request naming another tenant is refused. */
  readonly tenant?: string;
  putPolicy(moduleId: string, policy: unknown, options?: { now?: string; tenant?: string }): Promise<unknown>;
  record(
    moduleId: string,
    streamId: string,
    events: readonly unknown[],
    options?: {
      expectedVersion?: number;
      idempotencyKey?: string;
      policyId?: string;
      input?: Record<string, unknown>;
      customerId?: string;
      now?: string;
      tenant?: string;
    },
  ): Promise<unknown>;
  read(streamId: string, options?: { fromVersion?: number; personal?: boolean }): Promise<unknown>;
  streamInfo(streamId: string): Promise<unknown>;
  moduleInput(streamId: string): Promise<unknown>;
  owner(customerId: string): Promise<unknown>;
  timersDue(from: string, to: string, options?: { limit?: number; by?: 'due' | 'warning' }): Promise<unknown>;
  violations(options?: {
    from?: string;
    to?: string;
    personId?: string;
    moduleId?: string;
    period?: string;
  }): Promise<unknown>;
  ledger(personId: string, period: string): Promise<unknown>;
  creditAccount(accountId: string): Promise<unknown>;
  erase(customerId: string, options?: { tenant?: string }): Promise<unknown>;
}

/** The store of a request: one store, or one per tenant (the tenant header's value, `undefined` without it). */
export type StoreOption = DomainStore | ((tenant: string | undefined) => DomainStore | Promise<DomainStore>);

type Ctx = {
  get(key: 'tenant'): string | undefined;
  get(key: 'principal'): Principal;
  get(key: 'log'): { info(fields: object, message: string): void } | undefined;
  req: {
    param(name: string): string;
    query(name: string): string | undefined;
    text(): Promise<string>;
  };
  json(value: unknown, status?: number): Response;
};

/**
 * The query parameters each route reads (routes as registered); a request to a `/v1` route with any
 * other, or with one of them twice, is refused (`unknown_key` / `invalid_input` at `query.<name>`): a
 * misspelt filter (`?personID=`) must not widen what comes back. Routes not listed read none. Each
 * route checks its own ({@link queryOnly}), so the check holds however the app is mounted.
 */
export const QUERY_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  '/v1/streams/:stream': ['fromVersion', 'personal'],
  '/v1/timers/due': ['from', 'to', 'by', 'limit'],
  '/v1/violations': ['from', 'to', 'period', 'personId', 'moduleId'],
};

/**
 * Refuses a query parameter the route does not read, or one given more than once.
 *
 * @param queries - the request's query, each name with its values
 * @param allowed - the names the route reads
 */
export function onlyQuery(
  queries: Readonly<Record<string, readonly string[]>>,
  allowed: readonly string[],
): void {
  for (const [name, values] of Object.entries(queries)) {
    if (!allowed.includes(name)) {
      const near = nearestKey(name, allowed);
      throw new ZhiduError(
        'unknown_key',
        ['query', name],
        `未知查询参数 ${JSON.stringify(name)}${near ? `；是否应为 ${near}？` : ''} / unknown query parameter ${JSON.stringify(name)}${near ? `; did you mean ${near}?` : allowed.length === 0 ? ' (this route reads none)' : ` (known: ${allowed.join(', ')})`}`,
      );
    }
    if (values.length > 1) {
      throw new ZhiduError(
        'invalid_input',
        ['query', name],
        `查询参数 ${name} 给了 ${values.length} 次，只能给一次 / the query parameter ${name} was given ${values.length} times; give it once`,
      );
    }
  }
}

/** A route's first handler: refuses any query parameter but `allowed`, and any given twice. */
export function queryOnly(allowed: readonly string[]) {
  return async (c: { req: { queries(): Record<string, string[]> } }, next: () => Promise<void>) => {
    onlyQuery(c.req.queries(), allowed);
    await next();
  };
}

const RECORD_KEYS = ['events', 'expectedVersion', 'idempotencyKey', 'policyId', 'input', 'customerId', 'now'];

function queryNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    throw new ZhiduError(
      'invalid_input',
      ['query', name],
      `须为非负整数 / ${name} is a non-negative integer`,
    );
  }
  return Number(value);
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') {
    throw new ZhiduError(
      'invalid_input',
      ['query', name],
      `缺少查询参数 ${name} / the query parameter ${name} is required`,
    );
  }
  return value;
}

/**
 * Adds the store-backed routes: policies, recording events (the module evaluates and projects in
 * the same transaction), reading a stream, and the projections' queries. Every store call is given
 * the request's tenant, and a store refuses another tenant's request.
 */
export function storeRoutes(
  // biome-ignore lint/suspicious/noExplicitAny: the app's variables are typed by createApp
  app: Hono<any>,
  store: StoreOption,
  helpers: {
    jsonBody: (c: never) => Promise<unknown>;
    objectBody: (v: unknown) => Record<string, unknown>;
    onlyKeys: (body: Record<string, unknown>, allowed: readonly string[]) => void;
    moduleOf: (id: string) => unknown;
    underBody: <T>(f: () => Promise<T>) => Promise<T>;
    /** The tenant header's name (for the refusals' paths). */
    tenantHeader: string;
  },
): void {
  const header = ['headers', helpers.tenantHeader];
  /**
   * The request's store. A token that may act only for some tenants must name one of them (it would
   * otherwise act for the default tenant, which it may not, unless `default` is one of them); a store
   * of one tenant refuses a request naming another, reads included (a read for `acme` must not answer
   * with the `default` tenant's rows).
   */
  const storeFor = async (c: Ctx): Promise<DomainStore> => {
    const tenant = c.get('tenant');
    const allowed = c.get('principal')?.tenants;
    if (tenant === undefined && allowed !== undefined && !allowed.includes('default')) {
      throw new ZhiduError(
        'forbidden',
        header,
        `此令牌只能代表租户 ${allowed.map((t) => JSON.stringify(t)).join('、')}：请在 ${helpers.tenantHeader} 头中指明租户 / this token acts only for tenant(s) ${allowed.map((t) => JSON.stringify(t)).join(', ')}: name one in the ${helpers.tenantHeader} header`,
      );
    }
    if (typeof store === 'function') return await store(tenant);
    const own = store.tenant ?? 'default';
    if (tenant !== undefined && tenant !== own) {
      throw new ZhiduError(
        'invalid_state',
        header,
        `此服务器的存储只保存租户 ${JSON.stringify(own)}，请求的是 ${JSON.stringify(tenant)}：未读写任何内容 / this server's store holds tenant ${JSON.stringify(own)} only, the request is for ${JSON.stringify(tenant)}: nothing was read or written`,
      );
    }
    return store;
  };
  const tenantOf = (c: Ctx) => {
    const t = c.get('tenant');
    return t === undefined ? {} : { tenant: t };
  };

  app.post('/v1/:module/policies', queryOnly([]), async (c: Ctx) => {
    const id = c.req.param('module');
    helpers.moduleOf(id);
    const body = helpers.objectBody(await helpers.jsonBody(c as never));
    // `{ "preset": "retail-000" }` stores a bundled preset; anything else is the policy itself.
    const policy =
      Object.keys(body).length === 1 && typeof body.preset === 'string' ? body.preset : (body as unknown);
    const s = await storeFor(c);
    return c.json(await helpers.underBody(() => s.putPolicy(id, policy, tenantOf(c))), 201);
  });

  app.post('/v1/:module/streams/:stream/events', queryOnly([]), async (c: Ctx) => {
    const id = c.req.param('module');
    helpers.moduleOf(id);
    const body = helpers.objectBody(await helpers.jsonBody(c as never));
    helpers.onlyKeys(body, RECORD_KEYS);
    if (!Array.isArray(body.events)) {
      throw new ZhiduError(
        'invalid_input',
        ['body', 'events'],
        `须为事件数组 / events is an array, got ${describeValue(body.events)}`,
      );
    }
    const { events, ...options } = body;
    const s = await storeFor(c);
    const result = await helpers.underBody(() =>
      s.record(id, c.req.param('stream'), events as unknown[], { ...(options as object), ...tenantOf(c) }),
    );
    return c.json(result, 201);
  });

  app.get('/v1/streams/:stream', queryOnly(QUERY_PARAMETERS['/v1/streams/:stream'] ?? []), async (c: Ctx) => {
    const personal = personalOf(c);
    const s = await storeFor(c);
    const fromVersion = queryNumber(c.req.query('fromVersion'), 'fromVersion');
    const events = await s.read(c.req.param('stream'), {
      ...(fromVersion === undefined ? {} : { fromVersion }),
      personal,
    });
    // A read of personal values is logged (who, which stream), never the values.
    if (personal)
      c.get('log')?.info(
        { principal: c.get('principal')?.id, streamId: c.req.param('stream') },
        'personal data read',
      );
    return c.json(events);
  });

  app.get('/v1/streams/:stream/info', queryOnly([]), async (c: Ctx) => {
    const s = await storeFor(c);
    const info = await s.streamInfo(c.req.param('stream'));
    if (info === undefined) {
      throw new ZhiduError('unknown_reference', ['stream'], '没有该流 / no such stream');
    }
    return c.json(info);
  });

  app.get('/v1/streams/:stream/input', queryOnly([]), async (c: Ctx) => {
    const s = await storeFor(c);
    return c.json(await s.moduleInput(c.req.param('stream')));
  });

  app.get('/v1/owners/:customer', queryOnly([]), async (c: Ctx) => {
    const s = await storeFor(c);
    const owner = await s.owner(c.req.param('customer'));
    if (owner === undefined) {
      throw new ZhiduError(
        'unknown_reference',
        ['customer'],
        '该客户尚无归属记录 / no owner recorded for this customer',
      );
    }
    return c.json(owner);
  });

  app.get('/v1/timers/due', queryOnly(QUERY_PARAMETERS['/v1/timers/due'] ?? []), async (c: Ctx) => {
    const s = await storeFor(c);
    const by = c.req.query('by');
    if (by !== undefined && by !== 'due' && by !== 'warning') {
      throw new ZhiduError('invalid_input', ['query', 'by'], 'by 须为 due 或 warning / by is due or warning');
    }
    const limit = queryNumber(c.req.query('limit'), 'limit');
    return c.json(
      await s.timersDue(required(c.req.query('from'), 'from'), required(c.req.query('to'), 'to'), {
        ...(limit === undefined ? {} : { limit }),
        ...(by === undefined ? {} : { by }),
      }),
    );
  });

  app.get('/v1/violations', queryOnly(QUERY_PARAMETERS['/v1/violations'] ?? []), async (c: Ctx) => {
    const s = await storeFor(c);
    const filter: Record<string, string> = {};
    for (const key of ['from', 'to', 'personId', 'moduleId', 'period']) {
      const v = c.req.query(key);
      if (v !== undefined) filter[key] = v;
    }
    return c.json(await s.violations(filter));
  });

  app.get('/v1/ledgers/:person/:period', queryOnly([]), async (c: Ctx) => {
    const s = await storeFor(c);
    return c.json(await s.ledger(c.req.param('person'), c.req.param('period')));
  });

  app.get('/v1/credit-accounts/:account', queryOnly([]), async (c: Ctx) => {
    const s = await storeFor(c);
    const account = await s.creditAccount(c.req.param('account'));
    if (account === undefined) {
      throw new ZhiduError('unknown_reference', ['account'], '没有该授信账户 / no such credit account');
    }
    return c.json(account);
  });

  app.delete('/v1/customers/:customer/personal-data', queryOnly([]), async (c: Ctx) => {
    const s = await storeFor(c);
    return c.json(await s.erase(c.req.param('customer'), tenantOf(c)));
  });
}
