// Maps every rule id of the catalog index to the tests and scenario files that name it, and to the
// package guide that lists it, and writes docs/catalog.md.
//   node scripts/catalog-coverage.mjs [path/to/INDEX.md]      (default ../shared/spec/rules/INDEX.md)
//   node scripts/catalog-coverage.mjs --check                 exits 1 if an id in a built package is nowhere
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const check = args.includes('--check');
const indexPath = args.find((a) => !a.startsWith('--')) ?? '../shared/spec/rules/INDEX.md';
if (!existsSync(indexPath)) {
  console.error(`catalog index not found at ${indexPath}`);
  process.exit(2);
}

const sections = [];
let current;
for (const line of readFileSync(indexPath, 'utf8').split('\n')) {
  const h = /^## (\S+) \((\d+)\)/.exec(line);
  if (h) {
    current = { module: h[1], ids: [] };
    sections.push(current);
    continue;
  }
  const row = /^\| (S\d+[A-Z]?-[A-Z]+-\d+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|/.exec(line);
  if (row && current) current.ids.push({ id: row[1], kind: row[2].trim(), title: row[3].trim() });
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const files = walk('packages');
const tests = files.filter(
  (f) => f.endsWith('.test.ts') || (f.includes('/scenarios/') && f.endsWith('.json')),
);
const guides = walk('docs').filter((f) => f.endsWith('.md') && !f.endsWith('catalog.md'));
const testText = new Map(tests.map((f) => [f, readFileSync(f, 'utf8')]));
const guideText = new Map(guides.map((f) => [f, readFileSync(f, 'utf8')]));
const idPattern = (id) => new RegExp(`${id.replace(/[-]/g, '\\-')}(?![0-9])`);

const moduleToPackage = { core: 'core' };
let missing = 0;
const lines = [
  '# Rule catalog → code',
  '',
  'Every encodable rule of the seed regulations has a stable id in the rule catalog. This page, generated',
  'by `node scripts/catalog-coverage.mjs`, lists for each id the tests and scenario files that name it.',
  '"not encoded" means the package guide lists the id with the reason it is not code (descriptive text,',
  'outside the product, or a duty no software can check); "—" means neither yet.',
  '',
  '| module | ids | tested | not encoded (documented) | open |',
  '|---|---|---|---|---|',
];
const body = [];
for (const s of sections) {
  const pkg = moduleToPackage[s.module] ?? s.module;
  let tested = 0;
  let documented = 0;
  let open = 0;
  body.push(`\n## ${s.module}\n`, '| id | kind | title | where |', '|---|---|---|---|');
  for (const { id, kind, title } of s.ids) {
    const re = idPattern(id);
    const where = [...testText].filter(([, t]) => re.test(t)).map(([f]) => relative('.', f));
    const guide = [...guideText].filter(([, t]) => re.test(t)).map(([f]) => relative('.', f));
    let cell;
    if (where.length > 0) {
      tested++;
      cell =
        where
          .slice(0, 3)
          .map((f) => `\`${f.replace(/^packages\//, '')}\``)
          .join(', ') + (where.length > 3 ? ` +${where.length - 3}` : '');
    } else if (guide.length > 0) {
      documented++;
      cell = `not encoded — see ${guide.map((g) => `[${g.replace(/^docs\//, '')}](${g.replace(/^docs\//, '')})`).join(', ')}`;
    } else {
      open++;
      cell = '—';
      if (existsSync(join('packages', pkg, 'src'))) missing++;
    }
    body.push(`| ${id} | ${kind} | ${title.replace(/\|/g, '\\|')} | ${cell} |`);
  }
  lines.push(`| ${s.module} | ${s.ids.length} | ${tested} | ${documented} | ${open} |`);
}
writeFileSync('docs/catalog.md', `${[...lines, ...body].join('\n')}\n`);
console.log(lines.slice(7).join('\n'));
if (check && missing > 0) {
  console.error(`${missing} rule ids of built packages are neither tested nor documented`);
  process.exit(1);
}
