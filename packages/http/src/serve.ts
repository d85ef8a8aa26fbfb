import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describeValue, ZhiduError } from '@zhidu/core';
import { createApp, type ServerOptions } from './app.js';

/** A running server: where it listens, and how to stop it. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>` (the host it was given). */
  readonly url: string;
  readonly port: number;
  /**
   * Graceful shutdown: stops accepting connections, lets requests in flight finish (up to
   * `graceMs`, default 10 s, then closes what is left) and resolves when the server is closed.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Starts the zhidu HTTP API on Node (see {@link createApp} for what it serves).
 *
 * @param options - the app's options, and `port` (default 8080; 0 picks a free one) and `hostname`
 *   (default `127.0.0.1`: loopback only unless you say otherwise)
 * @returns the running server
 * @throws ZhiduError `invalid_input` for a bad port or options; `unavailable` when the port is taken
 * @example
 * const server = await startServer({ auth: { open: true }, port: 0, logger: false });
 * const health = await (await fetch(`${server.url}/healthz`)).json();
 * health.ok; //=> true
 * await server.close();
 */
export async function startServer(
  options: ServerOptions & { port?: number; hostname?: string },
): Promise<RunningServer> {
  const port = options.port ?? 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ZhiduError(
      'invalid_input',
      ['port'],
      `端口须为 0–65535 的整数 / the port is an integer 0–65535, got ${describeValue(port)}`,
    );
  }
  const hostname = options.hostname ?? '127.0.0.1';
  // The listening options are this function's; the rest are the app's, which refuses any it does not read.
  const { port: _port, hostname: _hostname, ...appOptions } = options;
  const app = createApp(appOptions);
  return await new Promise<RunningServer>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      const url = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${info.port}`;
      let closing: Promise<void> | undefined;
      resolve({
        url,
        port: info.port,
        close(graceMs = 10_000) {
          closing ??= new Promise<void>((done) => {
            const s = server as unknown as {
              close(cb: () => void): void;
              closeIdleConnections?: () => void;
              closeAllConnections?: () => void;
            };
            const timer = setTimeout(() => s.closeAllConnections?.(), graceMs);
            timer.unref();
            s.close(() => {
              clearTimeout(timer);
              done();
            });
            s.closeIdleConnections?.();
          });
          return closing;
        },
      });
    });
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        new ZhiduError(
          e.code === 'EADDRINUSE' ? 'unavailable' : 'invalid_input',
          ['port'],
          `无法监听 ${hostname}:${port}（${e.code ?? e.message}） / cannot listen on ${hostname}:${port} (${e.code ?? e.message})`,
        ),
      );
    });
  });
}
