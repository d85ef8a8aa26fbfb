// scripts/check-licences.mjs (issue 12): the CI licence gate of the production dependency tree and the
// bundled holiday data. Fed saved `pnpm licenses list --prod --json` listings, so no registry is asked.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = mkdtempSync(join(tmpdir(), 'zhidu-licences-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(listing: Record<string, { name: string; versions: string[] }[]>) {
  const file = join(dir, `${Object.keys(listing).join('-').replace(/\W/g, '_')}.json`);
  writeFileSync(file, JSON.stringify(listing));
  return spawnSync(process.execPath, [join(repo, 'scripts/check-licences.mjs'), '--from', file], {
    encoding: 'utf8',
  });
}

describe('licence check (scripts/check-licences.mjs)', () => {
  it('passes permissive licences and an SPDX OR with one permissive side, and counts the bundled chinese-days data', () => {
    const run = check({
      MIT: [{ name: 'zod', versions: ['4.0.0'] }],
      'Apache-2.0': [{ name: 'pglite', versions: ['0.5.0'] }],
      '(MIT OR GPL-3.0)': [{ name: 'dual', versions: ['1.0.0'] }],
    });
    expect(run.status).toBe(0);
    // 3 listed + chinese-days (bundled data, MIT)
    expect(run.stdout).toContain('check-licences: 4 packages, all permissive');
  });

  it('fails on a copyleft licence, naming the package', () => {
    const run = check({
      MIT: [{ name: 'zod', versions: ['4.0.0'] }],
      'GPL-3.0': [{ name: 'gpl-lib', versions: ['2.1.0'] }],
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('gpl-lib@2.1.0: GPL-3.0');
  });

  it('fails on a package without a licence and on an AND with a non-permissive part', () => {
    const run = check({
      Unknown: [{ name: 'no-licence', versions: ['1.0.0'] }],
      '(MIT AND CC-BY-NC-4.0)': [{ name: 'non-commercial', versions: ['1.0.0'] }],
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no-licence@1.0.0');
    expect(run.stderr).toContain('non-commercial@1.0.0');
  });
});
