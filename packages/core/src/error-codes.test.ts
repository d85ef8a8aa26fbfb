import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, httpStatusOf } from './error-codes.js';
import { ZhiduError } from './errors.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const script = join(repo, 'scripts/error-catalog.mjs');

interface ScanResult {
  used: Record<string, string[]>;
  missing: string[];
  unused: string[];
}

function scan(root = repo): ScanResult {
  const run = spawnSync(process.execPath, [script, '--json', '--root', root], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as ScanResult;
}

describe('error-code catalog (docs/errors.md, ERROR_CODES)', () => {
  it('every code the source throws is in ERROR_CODES (add it to packages/core/src/error-codes.ts)', () => {
    const { used, missing } = scan();
    expect(missing).toEqual([]);
    // The scan sees the codes it should: literal throws, zod refinements and the shared vocabulary.
    expect(used.invalid_money).toContain('core');
    expect(used.unknown_key).toContain('core');
    expect(used.concurrency_conflict).toEqual(['store-postgres']);
    expect(Object.keys(used).length).toBeGreaterThanOrEqual(20);
  });

  it('the check bites: a code thrown in the source but not catalogued is reported missing', () => {
    const root = mkdtempSync(join(tmpdir(), 'zhidu-error-catalog-'));
    try {
      mkdirSync(join(root, 'packages/demo/src/deep'), { recursive: true });
      writeFileSync(
        join(root, 'packages/demo/src/deep/x.ts'),
        "throw new ZhiduError(\n  'made_up_code',\n  [],\n  'x',\n);\nconst s = { params: { zhiduCode: 'invalid_money' } };\n",
      );
      writeFileSync(
        join(root, 'packages/demo/src/x.test.ts'),
        "new ZhiduError('only_in_a_test', [], 'x');\n",
      );
      const { used, missing } = scan(root);
      expect(missing).toEqual(['made_up_code']);
      expect(used).toEqual({ invalid_money: ['demo'], made_up_code: ['demo'] });
      const check = spawnSync(process.execPath, [script, '--check', '--root', root], { encoding: 'utf8' });
      expect(check.status).toBe(1);
      expect(check.stderr).toContain('made_up_code');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('docs/errors.md has a row for every code with its HTTP status', () => {
    const doc = readFileSync(join(repo, 'docs/errors.md'), 'utf8');
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(doc).toContain(`| \`${code}\` | ${info.status} | ${info.retryable ? 'yes' : 'no'} |`);
    }
  });

  it('maps codes to the HTTP statuses an adapter answers with', () => {
    const status = Object.fromEntries(Object.entries(ERROR_CODES).map(([c, i]) => [c, i.status]));
    for (const [code, s] of Object.entries(status)) {
      if (code.startsWith('invalid_') || code === 'unknown_key') expect([400, 422]).toContain(s);
    }
    expect(status).toMatchObject({
      invalid_input: 400,
      unknown_key: 400,
      unknown_reference: 404,
      duplicate: 409,
      concurrency_conflict: 409,
      idempotency_mismatch: 409,
      unavailable: 503,
      internal_error: 500,
      calendar_out_of_range: 422,
    });
    expect(ERROR_CODES.unavailable.retryable).toBe(true);
    expect(ERROR_CODES.concurrency_conflict.retryable).toBe(true);
    expect(ERROR_CODES.invalid_input.retryable).toBe(false);
  });

  it('every meaning and action reads "中文 / English", split once', () => {
    for (const info of Object.values(ERROR_CODES)) {
      for (const text of [info.meaning, info.action]) {
        const parts = text.split(' / ');
        expect(parts).toHaveLength(2);
        expect(parts[0]).toMatch(/[\u4e00-\u9fff]/);
        expect(parts[1]).toMatch(/^[\x20-\x7e–’…]+$/);
      }
    }
  });

  it('httpStatusOf: by code for a ZhiduError or a code, 400 for a module’s own code, 500 for anything else; own keys only', () => {
    expect(httpStatusOf(new ZhiduError('unknown_reference', ['id'], 'x'))).toBe(404);
    expect(httpStatusOf(new ZhiduError('table_overlap', ['rules', 1], 'x'))).toBe(422);
    expect(httpStatusOf(new ZhiduError('some_module_code', [], 'x'))).toBe(400);
    expect(httpStatusOf('unavailable')).toBe(503);
    expect(httpStatusOf(new TypeError('x'))).toBe(500);
    expect(httpStatusOf({ code: 'duplicate', path: [] })).toBe(500);
    expect(httpStatusOf(null)).toBe(500);
    // Inherited names are not codes (the CLI's `--policy constructor` bug, issue 12).
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(httpStatusOf(name)).toBe(400);
    }
  });
});
