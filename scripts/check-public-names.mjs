// Lists every public runtime name exported by two or more @zhidu packages and tells the two kinds
// apart: a plain re-export (the same object, e.g. core's ZhiduError re-exported by a rule package)
// and different meanings (different objects under one name, e.g. two unrelated `ChecklistSchema`s).
// One name, one meaning: the script prints a table and exits 1 when a name has different meanings
// and is not in ALLOWED below.
//   node scripts/check-public-names.mjs                                          the built dist (run after `pnpm build`)
//   node --conditions=@zhidu/source --import tsx scripts/check-public-names.mjs   the sources, no build needed
//   node scripts/check-public-names.mjs --all                                    also list the plain re-exports
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Names that still have different meanings in different packages, tolerated until their one home
// is settled (issue 11: this list must be empty when the issue is closed). Each entry names the
// packages that may export it; a new package exporting the name, or a new name, fails the check.
/** @type {Record<string, readonly string[]>} */
const ALLOWED = {};

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const showAll = process.argv.includes('--all');

const names = readdirSync(join(repo, 'packages'))
  .sort()
  .map((dir) => JSON.parse(readFileSync(join(repo, 'packages', dir, 'package.json'), 'utf8')))
  .filter((manifest) => !manifest.private && manifest.exports?.['.'])
  .map((manifest) => manifest.name);

/** name → [{ pkg, value }] */
const byName = new Map();
for (const pkg of names) {
  let api;
  try {
    api = await import(pkg);
  } catch (e) {
    console.error(
      `error: cannot load ${pkg} (${e instanceof Error ? e.message : e}); build first or run with tsx`,
    );
    process.exit(2);
  }
  for (const [name, value] of Object.entries(api)) {
    if (name === 'default') continue;
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name).push({ pkg: pkg.replace('@zhidu/', ''), value });
  }
}

const rows = [];
for (const [name, homes] of [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  if (homes.length < 2) continue;
  const meanings = [...new Set(homes.map((h) => h.value))];
  const packages = homes.map((h) => h.pkg);
  const different = meanings.length > 1;
  const allowed =
    different && (ALLOWED[name] ?? null) !== null && packages.every((p) => ALLOWED[name].includes(p));
  rows.push({ name, packages, meanings: meanings.length, different, allowed });
}

const shown = rows.filter((r) => showAll || r.different);
const width = Math.max(4, ...shown.map((r) => r.name.length));
console.log(`${'name'.padEnd(width)}  kind                 packages`);
for (const r of shown) {
  const kind = !r.different
    ? 're-export'
    : r.allowed
      ? `${r.meanings} meanings (allowed)`
      : `${r.meanings} meanings`;
  console.log(`${r.name.padEnd(width)}  ${kind.padEnd(20)} ${r.packages.join(', ')}`);
}
const reexports = rows.filter((r) => !r.different).length;
const failing = rows.filter((r) => r.different && !r.allowed);
const stale = Object.keys(ALLOWED).filter((n) => !rows.some((r) => r.name === n && r.different));
console.log(
  `\n${rows.length} names in two or more packages: ${reexports} plain re-exports, ${rows.length - reexports} with different meanings (${failing.length} not allowed)`,
);
if (stale.length > 0) {
  console.log(`allowlist entries no longer needed (remove them): ${stale.join(', ')}`);
}
if (failing.length > 0) {
  console.error(
    `error: one name, different meanings: ${failing.map((r) => r.name).join(', ')} — give each mechanism one home (rename or re-export the same object)`,
  );
  process.exit(1);
}
