import { expectKnownKeys, ZhiduError } from '@zhidu/core';
import type { Command } from 'commander';
import { type CliIo, readJson } from './io.js';
import { optionalPackage } from './optional.js';
import { VERSION } from './version.js';

type ServeFlags = {
  port: string;
  host: string;
  tokenFile?: string;
  open?: boolean;
  bodyLimit?: string;
  rateLimit?: string;
  tenantRequired?: boolean;
  dataDir?: string;
  databaseUrl?: string;
};

function positiveInt(value: string, flag: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > max) {
    throw new ZhiduError(
      'invalid_input',
      [flag],
      `--${flag} 须为整数 / --${flag} is an integer, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

const stringList = (v: unknown): boolean =>
  v === undefined || (Array.isArray(v) && v.every((t) => typeof t === 'string'));

/** The scopes a token may carry (`@zhidu/http`'s `Principal.scopes`). */
const KNOWN_SCOPES = ['personal:read'] as const;

/**
 * Refuses a malformed `scopes` of the entry at position `entry` (0-based, in file order) whose
 * principal is `id`: the path names the entry by position (`['token-file', 1, 'scopes', 0]`),
 * never by its token, and the message by its id.
 */
function checkScopes(scopes: unknown, entry: number, id: string): void {
  if (scopes === undefined) return;
  const known = KNOWN_SCOPES.join(', ');
  if (!Array.isArray(scopes)) {
    throw new ZhiduError(
      'invalid_input',
      ['token-file', entry, 'scopes'],
      `令牌文件第 ${entry + 1} 项（id ${JSON.stringify(id)}）的 scopes 须为字符串数组（可选：${known}） / the scopes of token-file entry ${entry + 1} (id ${JSON.stringify(id)}) are an array of strings (known: ${known})`,
    );
  }
  scopes.forEach((scope: unknown, i) => {
    if (typeof scope === 'string' && (KNOWN_SCOPES as readonly string[]).includes(scope)) return;
    const what = typeof scope === 'string' ? `未知权限 ${JSON.stringify(scope)}` : '权限须为字符串';
    const whatEn =
      typeof scope === 'string' ? `unknown scope ${JSON.stringify(scope)}` : 'a scope is a string';
    throw new ZhiduError(
      'invalid_input',
      ['token-file', entry, 'scopes', i],
      `令牌文件第 ${entry + 1} 项（id ${JSON.stringify(id)}）：${what}（可选：${known}） / token-file entry ${entry + 1} (id ${JSON.stringify(id)}): ${whatEn} (known: ${known})`,
    );
  });
}

/**
 * Reads `{ "<token>": { "id": "erp", "tenants": ["acme"], "scopes": ["personal:read"] } }`
 * (`scopes` optional: `personal:read` lets the token read personal values back from the store;
 * any other scope is refused at start); never echoes a token.
 */
function tokensFrom(
  io: CliIo,
  file: string,
): Record<string, { id: string; tenants?: string[]; scopes?: string[] }> {
  const json = readJson(io, file);
  const ok =
    json !== null &&
    typeof json === 'object' &&
    !Array.isArray(json) &&
    Object.keys(json).length > 0 &&
    Object.values(json).every(
      (p) =>
        p !== null &&
        typeof p === 'object' &&
        typeof (p as { id?: unknown }).id === 'string' &&
        stringList((p as { tenants?: unknown }).tenants),
    );
  if (!ok) {
    throw new ZhiduError(
      'invalid_input',
      ['token-file'],
      '令牌文件须为 { "<令牌>": { "id": "…", "tenants"?: […], "scopes"?: ["personal:read"] } } / the token file is { "<token>": { "id": "…", "tenants"?: […], "scopes"?: ["personal:read"] } }',
    );
  }
  const tokens = json as Record<string, { id: string; tenants?: string[]; scopes?: string[] }>;
  for (const [entry, p] of Object.values(tokens).entries()) {
    // A misspelt key (`tenant` for `tenants`) would let the token act for every tenant: refused.
    expectKnownKeys(p, ['id', 'tenants', 'scopes'], ['token-file', entry]);
    checkScopes(p.scopes as unknown, entry, p.id);
  }
  return tokens;
}

/**
 * `zhidu serve`: the HTTP API (`@zhidu/http`, an optional dependency of the CLI) until SIGINT or
 * SIGTERM, then a graceful shutdown.
 */
export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      'serve every module over HTTP with OpenAPI (needs @zhidu/http): POST /v1/{module}/evaluate …',
    )
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option('--host <address>', 'address to listen on (loopback unless you say otherwise)', '127.0.0.1')
    .option(
      '--token-file <file>',
      'bearer tokens: { "<token>": { "id": "erp", "tenants": ["acme"], "scopes": ["personal:read"] } } (scopes optional)',
    )
    .option('--open', 'no authentication (only behind a gateway that authenticates, or on loopback)')
    .option('--body-limit <bytes>', 'largest request body', String(1024 * 1024))
    .option('--rate-limit <n>', 'requests per minute per token', '600')
    .option('--tenant-required', 'refuse requests without the x-zhidu-tenant header')
    .option(
      '--data-dir <dir>',
      'the event store in a PGlite data directory (default: in memory, gone at exit)',
    )
    .option('--database-url <url>', 'the event store on a PostgreSQL server')
    .action(async (o: ServeFlags) => {
      if (Boolean(o.open) === (o.tokenFile !== undefined)) {
        throw new ZhiduError(
          'invalid_input',
          ['token-file'],
          '须给出 --token-file 或 --open 之一 / give --token-file or --open (exactly one)',
        );
      }
      const port = positiveInt(o.port, 'port', 65535);
      const bodyLimitBytes = positiveInt(o.bodyLimit ?? '', 'body-limit');
      const perMinute = positiveInt(o.rateLimit ?? '', 'rate-limit');
      const auth = o.open ? ({ open: true } as const) : { tokens: tokensFrom(io, o.tokenFile as string) };
      if (o.dataDir !== undefined && o.databaseUrl !== undefined) {
        throw new ZhiduError(
          'invalid_input',
          ['data-dir'],
          '--data-dir 与 --database-url 只能给一个 / give --data-dir or --database-url, not both',
        );
      }
      const { startServer } = await optionalPackage('@zhidu/http', 'serve', () => import('@zhidu/http'));
      // The store-backed routes run on embedded PGlite by default; without @zhidu/store-postgres
      // installed, the server still serves the modules (and says so) unless a store was asked for.
      const wantsStore = o.dataDir !== undefined || o.databaseUrl !== undefined;
      const storePackage = await optionalPackage(
        '@zhidu/store-postgres',
        'serve',
        () => import('@zhidu/store-postgres'),
      ).catch((e: unknown) => {
        if (wantsStore) throw e;
        io.err(
          'zhidu serve: @zhidu/store-postgres is not installed — serving the modules without the store routes',
        );
        return undefined;
      });
      const opened = storePackage
        ? await storePackage.openStore({
            ...(o.dataDir !== undefined ? { dataDir: o.dataDir } : {}),
            ...(o.databaseUrl !== undefined ? { connectionString: o.databaseUrl } : {}),
          })
        : undefined;
      // One database for every tenant: a request's tenant header picks its tenant's store (the
      // default tenant without one); the token file says which tenants each token may name.
      const server = await startServer({
        ...(opened
          ? {
              store: (tenant: string | undefined) =>
                tenant === undefined ? opened.store : opened.store.forTenant(tenant),
            }
          : {}),
        port,
        hostname: o.host,
        auth,
        version: VERSION,
        bodyLimitBytes,
        rateLimit: { limit: perMinute, windowMs: 60_000 },
        ...(o.tenantRequired ? { tenant: { required: true } } : {}),
      });
      const where = o.databaseUrl ? 'PostgreSQL' : o.dataDir ? `PGlite at ${o.dataDir}` : 'in-memory PGlite';
      io.err(
        `zhidu serve: listening on ${server.url} (OpenAPI: ${server.url}/openapi.json)${opened ? `; store: ${where}` : ''}`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          io.err('zhidu serve: shutting down');
          server
            .close()
            .then(() => opened?.close())
            .then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
