// Type-checks what a consumer gets: a tiny project, created in a scratch directory inside the checkout
// (so `@zhidu/*` resolve to the built packages through node_modules, never to src/), imports every
// package's published entry point as ESM (dist/index.d.ts) and as CJS (dist/index.d.cts) and runs
// `tsc --noEmit` with `skipLibCheck: false` — the declarations of zhidu and of every type they pull in
// (zod, pg, PGlite …) must compile cleanly. Run after `pnpm build`.
//   node scripts/check-types.mjs            exits 1 and prints tsc's errors when a declaration is broken
//   node scripts/check-types.mjs --keep     leaves the scratch project in place for inspection
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');

const packages = readdirSync(join(repo, 'packages'))
  .sort()
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(repo, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => !manifest.private && manifest.exports?.['.']);

const missing = packages.filter(
  ({ dir, manifest }) =>
    !existsSync(join(repo, 'packages', dir, manifest.exports['.'].import.types)) ||
    !existsSync(join(repo, 'packages', dir, manifest.exports['.'].require.types)),
);
if (missing.length > 0) {
  console.error(
    `check-types: build first (pnpm build); no declarations for ${missing.map((p) => p.manifest.name).join(', ')}`,
  );
  process.exit(2);
}

// Every module a published declaration imports must be installed for the consumer: a dependency or
// peer dependency of that package (devDependencies, such as @types/pg, are not installed for them).
const builtins = new Set(createRequire(import.meta.url)('node:module').builtinModules);
const undeclared = [];
for (const { dir, manifest } of packages) {
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  for (const types of [manifest.exports['.'].import.types, manifest.exports['.'].require.types]) {
    const code = readFileSync(join(repo, 'packages', dir, types), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(/(?:from\s+|import\(\s*|require\(\s*)['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!declared.has(name))
        undeclared.push(`${manifest.name} (${types}) imports '${spec}', not a dependency`);
      else if (!shipsTypes(dir, name) && !declared.has(`@types/${name.replace(/^@(.*)\/(.*)$/, '$1__$2')}`))
        undeclared.push(
          `${manifest.name} (${types}) imports '${spec}': no types of its own, no @types dependency`,
        );
    }
  }
}
if (undeclared.length > 0) {
  console.error(
    `check-types: declarations import modules a consumer does not get:\n  ${[...new Set(undeclared)].join('\n  ')}`,
  );
  process.exit(1);
}

/** Whether the installed dependency `name` of packages/<dir> carries its own declarations. */
function shipsTypes(dir, name) {
  const req = createRequire(join(repo, 'packages', dir, 'package.json'));
  let manifestPath;
  try {
    manifestPath = req.resolve(`${name}/package.json`);
  } catch {
    return true; // its package.json is not exported: leave it to tsc below
  }
  const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return Boolean(
    m.types ||
      m.typings ||
      JSON.stringify(m.exports ?? {}).includes('"types"') ||
      existsSync(join(dirname(manifestPath), 'index.d.ts')),
  );
}

const ident = (name) => name.replace(/^@zhidu\//, '').replace(/[^a-zA-Z0-9]/g, '_');
const work = mkdtempSync(join(repo, '.check-types-'));
const files = {
  'package.json': JSON.stringify({ name: 'zhidu-consumer', private: true, type: 'module' }, null, 2),
  // ESM consumer: resolves the "import" condition (dist/index.d.ts).
  'esm.mts': `${packages.map(({ manifest: m }) => `import * as ${ident(m.name)} from '${m.name}';`).join('\n')}
export const esm = [${packages.map(({ manifest: m }) => ident(m.name)).join(', ')}];
`,
  // CJS consumer: resolves the "require" condition (dist/index.d.cts).
  'cjs.cts': `${packages.map(({ manifest: m }) => `import ${ident(m.name)} = require('${m.name}');`).join('\n')}
export const cjs = [${packages.map(({ manifest: m }) => ident(m.name)).join(', ')}];
`,
  // A few uses, so that the public types are instantiated and not only loaded.
  'use.mts': `import { ERROR_CODES, isZhiduError, yuan, ZhiduError } from '@zhidu/core';
import { openStore } from '@zhidu/store-postgres';
export function status(e: unknown): number {
  if (e instanceof ZhiduError) return ERROR_CODES[e.code as keyof typeof ERROR_CODES]?.status ?? 400;
  return isZhiduError(e) ? 400 : 500;
}
export const fen: number = yuan('1.00');
export type Store = Awaited<ReturnType<typeof openStore>>;
`,
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(repo, 'node_modules/@types')],
      },
      files: ['esm.mts', 'cjs.cts', 'use.mts'],
    },
    null,
    2,
  ),
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(work, name), text);

const tsc = createRequire(join(repo, 'package.json')).resolve('typescript/bin/tsc');
const run = spawnSync(process.execPath, [tsc, '-p', join(work, 'tsconfig.json'), '--pretty', 'false'], {
  encoding: 'utf8',
});
if (!keep) rmSync(work, { recursive: true, force: true });
const out = `${run.stdout}${run.stderr}`.trim();
if (run.status !== 0) {
  console.error(out);
  const count = (out.match(/error TS\d+/g) ?? []).length;
  console.error(`\ncheck-types: ${count} error(s) in the published declarations (skipLibCheck: false)`);
  process.exit(1);
}
console.log(
  `check-types: ${packages.length} packages' declarations compile for an ESM and a CJS consumer with skipLibCheck: false`,
);
