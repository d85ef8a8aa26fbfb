// Writes @zhidu/core's package.json version into packages/core/src/version.ts, so the version
// stamped on every decision's provenance follows `changeset version`. Run by `pnpm version-packages`.
import { readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../packages/core/package.json', import.meta.url), 'utf8'));
const file = new URL('../packages/core/src/version.ts', import.meta.url);
const text = readFileSync(file, 'utf8').replace(/VERSION = '[^']*'/, `VERSION = '${pkg.version}'`);
writeFileSync(file, text);
console.log(`@zhidu/core VERSION = ${pkg.version}`);
