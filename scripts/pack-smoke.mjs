// Release readiness without publishing: packs every public package with `pnpm pack` (workspace
// ranges become real versions, `files` decides what ships), installs the tarballs with plain npm in
// an empty project outside the checkout, and runs a smoke test as a user would: ESM `import`, CJS
// `require`, the `zhidu` bin, and TypeScript with `skipLibCheck: false`. Run after `pnpm build`.
//   node scripts/pack-smoke.mjs            exits 1 when a tarball does not install or a check fails
//   node scripts/pack-smoke.mjs --keep     leaves the scratch project in place for inspection
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const scratch = mkdtempSync(join(tmpdir(), 'zhidu-pack-smoke-'));
const tarballs = join(scratch, 'tarballs');
const app = join(scratch, 'app');
mkdirSync(tarballs);
mkdirSync(app);

function sh(cmd, args, cwd, what) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_fund: 'false' },
  });
  if (r.status !== 0) {
    console.error(`pack-smoke: ${what} failed (${cmd} ${args.join(' ')})\n${r.stdout}\n${r.stderr}`);
    if (!keep) rmSync(scratch, { recursive: true, force: true });
    process.exit(1);
  }
  return r.stdout;
}

const packages = readdirSync(join(repo, 'packages'))
  .sort()
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(repo, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => !manifest.private);

const started = performance.now();
for (const { dir } of packages) {
  sh(
    'npx',
    ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', tarballs],
    join(repo, 'packages', dir),
    `pack ${dir}`,
  );
}
const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
if (files.length !== packages.length) {
  console.error(`pack-smoke: expected ${packages.length} tarballs, got ${files.length}`);
  process.exit(1);
}
for (const f of files) {
  const listing = sh('tar', ['-tzf', join(tarballs, f)], scratch, `list ${f}`);
  if (/\.test\.ts$/m.test(listing)) {
    console.error(`pack-smoke: ${f} ships test files`);
    process.exit(1);
  }
}

writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'smoke', private: true, version: '1.0.0' }));
sh(
  'npm',
  [
    'install',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    ...files.map((f) => join(tarballs, f)),
    // The consumer's own compiler and Node types, as a TypeScript user has them.
    `typescript@${JSON.parse(readFileSync(join(repo, 'node_modules', 'typescript', 'package.json'), 'utf8')).version}`,
    '@types/node@20',
  ],
  app,
  'npm install of the tarballs',
);

const now = "'2024-03-20T00:00:00+08:00'";
const complaint = `{ events: [
  { type: 'received', subject: 'r-5', at: '2024-03-01T10:00+08:00', assignees: { opsCustomerService: 'ops1' } },
  { type: 'closed', subject: 'r-5', at: '2024-03-10T09:00+08:00' },
] }`;
writeFileSync(
  join(app, 'smoke.mjs'),
  `import assert from 'node:assert/strict';
import { yuan, ZhiduError, isZhiduError } from '@zhidu/core';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { evaluate, listPresets } from '@zhidu/modules';
import { startServer } from '@zhidu/http';
import { openStore } from '@zhidu/store-postgres';
import * as sla from '@zhidu/sla';
import * as attribution from '@zhidu/attribution';
import * as penalty from '@zhidu/penalty';
import * as records from '@zhidu/records';
import * as credit from '@zhidu/credit';
import * as service from '@zhidu/service';
import { createRequire } from 'node:module';

assert.equal(yuan('12.34'), 1234);
assert.equal(chinaCalendar().isWorkday('2025-10-11'), true);
for (const m of [sla, attribution, penalty, records, credit, service]) assert.ok(Object.keys(m).length > 5);
const d = evaluate('sla.timers', ${complaint}, 'retail-000', { now: ${now} });
assert.deepEqual(d.value.violations.map((v) => v.code), ['sla.complaint.S000-COMPLAINT-17']);
assert.ok(listPresets().length > 50);
// One error class across the ESM and CJS builds (an ERP that both imports and requires).
const cjs = createRequire(import.meta.url)('@zhidu/core');
try { cjs.yuan('1.234'); assert.fail('no refusal'); } catch (e) { assert.ok(e instanceof ZhiduError && isZhiduError(e)); }
const server = await startServer({ port: 0, auth: { open: true }, logger: false });
const health = await (await fetch(server.url + '/healthz')).json();
assert.equal(health.ok, true);
await server.close();
const { store, close } = await openStore();
await store.append('customer:c-1', [{ type: 'registered', occurredAt: '2025-03-01T10:00:00+08:00' }]);
assert.equal((await store.read('customer:c-1')).length, 1);
await close();
console.log('esm ok');
`,
);
writeFileSync(
  join(app, 'smoke.cjs'),
  `const assert = require('node:assert/strict');
const { yuan } = require('@zhidu/core');
const { evaluate } = require('@zhidu/modules');
const { createApp } = require('@zhidu/http');
const cli = require('@zhidu/cli');
assert.equal(yuan('0.01'), 1);
const d = evaluate('sla.timers', ${complaint}, 'retail-000', { now: ${now} });
assert.equal(d.value.violations.length, 1);
assert.equal(typeof createApp, 'function');
assert.equal(typeof cli.run, 'function');
for (const p of ['@zhidu/sla', '@zhidu/attribution', '@zhidu/penalty', '@zhidu/records', '@zhidu/credit', '@zhidu/service', '@zhidu/calendar-cn', '@zhidu/store-postgres']) {
  assert.ok(Object.keys(require(p)).length > 1, p);
}
// The CommonJS build evaluates in worker threads too (they load its index.cjs), with the same decisions.
const { createEvaluationPool } = require('@zhidu/modules');
let started = 0;
process.on('worker', () => started++);
(async () => {
  const pool = createEvaluationPool({ workers: 2 });
  try {
    const inputs = [${complaint}, ${complaint}];
    const ds = await pool.evaluate('sla.timers', inputs, 'retail-000', { ctx: { now: ${now} } });
    assert.equal(started, 2, 'worker threads started by the CommonJS build');
    assert.deepEqual(ds, inputs.map((i) => evaluate('sla.timers', i, 'retail-000', { now: ${now} })));
  } finally {
    await pool.close();
  }
  console.log('cjs ok');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
`,
);
writeFileSync(
  join(app, 'smoke.ts'),
  `import { yuan, type Fen } from '@zhidu/core';
import { evaluate } from '@zhidu/modules';
import { createApp, type ServerOptions } from '@zhidu/http';
import { openStore } from '@zhidu/store-postgres';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { run } from '@zhidu/cli';
import * as sla from '@zhidu/sla';
import * as attribution from '@zhidu/attribution';
import * as penalty from '@zhidu/penalty';
import * as records from '@zhidu/records';
import * as credit from '@zhidu/credit';
import * as service from '@zhidu/service';
const fen: Fen = yuan('1.00');
const options: ServerOptions = { auth: { open: true } };
export const used = [fen, evaluate, createApp, options, openStore, chinaCalendar, run, sla, attribution, penalty, records, credit, service];
`,
);
writeFileSync(
  join(app, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      types: ['node'],
    },
    files: ['smoke.ts'],
  }),
);
sh(process.execPath, ['smoke.mjs'], app, 'ESM smoke test');
sh(process.execPath, ['smoke.cjs'], app, 'CJS smoke test');
const version = sh(join(app, 'node_modules', '.bin', 'zhidu'), ['--version'], app, 'zhidu --version').trim();
const deadline = sh(
  join(app, 'node_modules', '.bin', 'zhidu'),
  ['deadline', '2025-09-30T17:40:00+08:00', '3', 'workingDays'],
  app,
  'zhidu deadline',
);
if (!deadline.includes('2025-10-11')) {
  console.error(`pack-smoke: zhidu deadline printed ${deadline}`);
  process.exit(1);
}
const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
sh(process.execPath, [tsc, '-p', 'tsconfig.json'], app, 'tsc (skipLibCheck: false)');

const sizes = files.map(
  (f) => `${f.replace(/\.tgz$/, '')} ${(readFileSync(join(tarballs, f)).length / 1024).toFixed(0)} KiB`,
);
console.log(
  `pack-smoke: ${files.length} tarballs installed with npm in an empty project; ESM, CJS, zhidu ${version} and tsc (skipLibCheck: false) ok in ${((performance.now() - started) / 1000).toFixed(0)} s\n  ${sizes.join('\n  ')}`,
);
if (!keep) rmSync(scratch, { recursive: true, force: true });
else console.log(`kept ${scratch}`);
