// Licence check of everything zhidu ships or embeds: every package of the production dependency tree
// (the licence field of its installed package.json, as `pnpm licenses list --prod --json` reads it)
// and the sources of bundled data (the PRC holiday table in @zhidu/calendar-cn is generated from
// chinese-days). Fails on a licence outside the permissive allowlist, or on none at all.
//   node scripts/check-licences.mjs                 checks (runs pnpm licenses list)
//   node scripts/check-licences.mjs --from f.json   checks a saved `pnpm licenses list --prod --json`
//   node scripts/check-licences.mjs --markdown      prints the table the README's Licences section shows
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** Permissive licences (SPDX ids): no copyleft, no field-of-use restrictions. */
export const ALLOWED = new Set([
  'MIT',
  'MIT-0',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'Unlicense',
  'Zlib',
]);

/** Data embedded in a package's build from a package that is not a runtime dependency. */
const BUNDLED_DATA = [
  {
    name: 'chinese-days',
    from: 'packages/calendar-cn',
    embeddedIn: '@zhidu/calendar-cn (src/data/statutory.ts, the statutory holiday table 2004–)',
  },
];

/** Whether an SPDX expression is satisfied by the allowlist (`A OR B`: either; `A AND B`: both). */
export function allowed(expression) {
  const e = String(expression ?? '')
    .trim()
    .replace(/^\((.*)\)$/, '$1');
  if (e === '') return false;
  if (/\sOR\s/i.test(e)) return e.split(/\s+OR\s+/i).some(allowed);
  if (/\sAND\s/i.test(e)) return e.split(/\s+AND\s+/i).every(allowed);
  return ALLOWED.has(e);
}

function productionTree() {
  const from = args.indexOf('--from');
  if (from >= 0) return JSON.parse(readFileSync(args[from + 1], 'utf8'));
  // The published packages only: the examples are private and never installed by a user.
  const run = spawnSync(
    'npx',
    ['-y', 'pnpm@10.34.9', '--filter', './packages/*', 'licenses', 'list', '--prod', '--json'],
    {
      cwd: repo,
      encoding: 'utf8',
      shell: process.platform === 'win32',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0) {
    console.error(`check-licences: pnpm licenses list failed\n${run.stderr}`);
    process.exit(2);
  }
  return JSON.parse(run.stdout || '{}');
}

const rows = [];
for (const [licence, pkgs] of Object.entries(productionTree())) {
  for (const p of pkgs) {
    // The licence field of each installed package.json (pnpm groups by it; read it again to be sure).
    let field = licence;
    for (const path of p.paths ?? []) {
      try {
        const m = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
        field = typeof m.license === 'string' ? m.license : (m.license?.type ?? licence);
      } catch {
        // not readable here (a saved listing from another machine): keep pnpm's reading
      }
    }
    rows.push({ name: p.name, versions: p.versions.join(', '), licence: field, kind: 'runtime dependency' });
  }
}
for (const data of BUNDLED_DATA) {
  const req = createRequire(join(repo, data.from, 'package.json'));
  const m = JSON.parse(readFileSync(req.resolve(`${data.name}/package.json`), 'utf8'));
  rows.push({
    name: data.name,
    versions: m.version,
    licence: m.license,
    kind: `bundled data: ${data.embeddedIn}`,
  });
}
rows.sort((a, b) => a.name.localeCompare(b.name));

if (args.includes('--markdown')) {
  console.log('| package | version | licence | shipped as |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.versions} | ${r.licence} | ${r.kind} |`);
  process.exit(0);
}

const bad = rows.filter((r) => !allowed(r.licence));
if (bad.length > 0) {
  console.error('check-licences: licences outside the permissive allowlist:');
  for (const r of bad) console.error(`  ${r.name}@${r.versions}: ${r.licence ?? '(none)'} (${r.kind})`);
  process.exit(1);
}
const counts = {};
for (const r of rows) counts[r.licence] = (counts[r.licence] ?? 0) + 1;
console.log(
  `check-licences: ${rows.length} packages, all permissive (${Object.entries(counts)
    .map(([l, n]) => `${l} ${n}`)
    .join(', ')})`,
);
