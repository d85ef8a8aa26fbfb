import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../test/fake-io.js';
import { startServeChild } from '../test/serve-child.js';
import { run } from './index.js';
import { optionalPackage } from './optional.js';
import { VERSION } from './version.js';

describe('zhidu serve', () => {
  it('serves the HTTP API on 127.0.0.1 until SIGTERM, then shuts down gracefully with status 0', async () => {
    const server = await startServeChild(['--open']);
    const url = server.url;
    const health = (await (await fetch(`${url}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    const res = await fetch(`${url}/v1/sla.timers/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        preset: 'retail-000',
        context: { now: '2024-03-20T00:00:00+08:00' },
        input: {
          events: [
            {
              type: 'received',
              subject: 'r-5',
              at: '2024-03-01T10:00+08:00',
              assignees: { opsCustomerService: 'ops1' },
            },
            { type: 'closed', subject: 'r-5', at: '2024-03-10T09:00+08:00' },
          ],
        },
      }),
    });
    const decision = (await res.json()) as { value: { violations: { code: string }[] } };
    expect(decision.value.violations.map((v) => v.code)).toEqual(['sla.complaint.S000-COMPLAINT-17']);
    expect(await server.stop()).toBe(0);
    expect(server.stderr()).toContain('shutting down');
  }, 60_000);

  it('refuses to start without --token-file or --open, with a malformed token file, or a bad port', async () => {
    const neither = fakeIo();
    expect(await run(['serve', '--port', '0'], neither.io)).toBe(2);
    expect(neither.err.join('\n')).toMatch(/^error \[invalid_input\]: .*--token-file or --open/);
    const bad = fakeIo({ 'tokens.json': { s3cret: { name: 'erp' } } });
    expect(await run(['serve', '--token-file', 'tokens.json'], bad.io)).toBe(2);
    expect(bad.err.join('\n')).toContain('the token file is');
    expect(bad.err.join('\n')).not.toContain('s3cret');
    const port = fakeIo();
    expect(await run(['serve', '--open', '--port', '70000'], port.io)).toBe(2);
    expect(port.err.join('\n')).toContain('--port is an integer');
  });
});

describe('the CLI keeps the store and the server out of its default install', () => {
  it('store and server are optional peer dependencies, not dependencies', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(Object.keys(pkg.dependencies)).not.toContain('@zhidu/store-postgres');
    expect(Object.keys(pkg.dependencies)).not.toContain('@zhidu/http');
    expect(pkg.peerDependenciesMeta).toEqual({
      '@zhidu/http': { optional: true },
      '@zhidu/store-postgres': { optional: true },
    });
  });

  it('a command whose optional package is missing says what to install (missing_dependency)', async () => {
    const missing = Object.assign(new Error("Cannot find package '@zhidu/http'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    await expect(
      optionalPackage('@zhidu/http', 'serve', () => Promise.reject(missing)),
    ).rejects.toMatchObject({
      code: 'missing_dependency',
      message: expect.stringContaining('npm install @zhidu/http'),
    });
    const other = new Error('boom');
    await expect(optionalPackage('@zhidu/http', 'serve', () => Promise.reject(other))).rejects.toBe(other);
  });
});

describe('zhidu --version', () => {
  it('prints the version of @zhidu/cli, equal to its package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
    const { io, out } = fakeIo();
    expect(await run(['--version'], io)).toBe(0);
    expect(out).toEqual([VERSION]);
  });
});
