// `pnpm audit --prod` for CI: fails on a known vulnerability of high or critical severity in the
// production dependency tree (lower ones are printed), and only warns when the registry does not
// answer (offline CI, a mirror without the audit endpoint) — an unreachable service is not a finding.
//   node scripts/audit.mjs
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = spawnSync('npx', ['-y', 'pnpm@10.34.9', 'audit', '--prod', '--json'], {
  cwd: repo,
  encoding: 'utf8',
  shell: process.platform === 'win32',
  timeout: 120_000,
  maxBuffer: 64 * 1024 * 1024,
});

let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why = `${run.stderr ?? ''}${run.stdout ?? ''}`.trim().split('\n').slice(-3).join(' | ');
  console.log(
    `WARNING audit: the registry did not answer pnpm audit (${why || run.error?.message || 'no output'})`,
  );
  process.exit(0);
}
const summary = Object.entries(counts)
  .map(([level, n]) => `${level} ${n}`)
  .join(', ');
for (const a of Object.values(report.advisories ?? {})) {
  console.log(`  ${a.severity}: ${a.module_name} ${a.vulnerable_versions} — ${a.title} (${a.url})`);
}
if ((counts.high ?? 0) + (counts.critical ?? 0) > 0) {
  console.error(`audit: high or critical vulnerabilities in production dependencies (${summary})`);
  process.exit(1);
}
console.log(`audit: production dependencies — ${summary}`);
