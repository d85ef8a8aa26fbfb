// Writes the package.json versions of @zhidu/core and @zhidu/cli into their src/version.ts, so the
// version stamped on every decision's provenance and printed by `zhidu --version` follows
// `changeset version`. Run by `pnpm version-packages`; a test in each package checks they agree.
import { readFileSync, writeFileSync } from 'node:fs';

for (const name of ['core', 'cli']) {
  const pkg = JSON.parse(readFileSync(new URL(`../packages/${name}/package.json`, import.meta.url), 'utf8'));
  const file = new URL(`../packages/${name}/src/version.ts`, import.meta.url);
  const text = readFileSync(file, 'utf8').replace(/VERSION = '[^']*'/, `VERSION = '${pkg.version}'`);
  writeFileSync(file, text);
  console.log(`@zhidu/${name} VERSION = ${pkg.version}`);
}
