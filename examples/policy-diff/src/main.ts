// 观澜台售楼处 (fictitious) revises its rules from 1 April 2024: the protection period from 2 months
// to 45 days, the grabbing fine from ¥200 to ¥500. Replay the quarter under both versions, list the
// decisions that change, and pin the revision with scenarios and policy-parameter coverage.
//   npx -y pnpm@10.34.9 --filter @zhidu/example-policy-diff start
import { NOW, POLICIES, pinRevisions, replayQuarter } from './diff.js';

const show = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v));

console.log('观澜台售楼处 Guanlan Terrace sales office (fictitious): the April 2024 revision');
for (const p of Object.values(POLICIES)) {
  console.log(
    `  ${String(p.current.id)}: ${p.current.version} → ${p.revised.version} (from ${String(p.revised.effectiveFrom)})`,
  );
}

const report = await replayQuarter();
console.log('\n1. 修订内容 What the revision changes (diff of the two versions’ params):');
for (const c of report.parameters)
  console.log(`  ${c.policy.padEnd(9)} ${c.path}: ${show(c.current)} → ${show(c.revised)}`);

console.log(
  `\n2. 回放 The first quarter replayed from the store: ${report.events} events, ${report.streams} streams judged under both versions (now ${NOW})`,
);
console.log('   decisions that change 变化的决定 (current 现行 → revised 修订后):');
for (const c of report.changes)
  console.log(`  ${c.stream.padEnd(17)} ${c.what}: ${c.current} → ${c.revised}`);
console.log(
  `   adopting the revision in the store (effective 1 April) recomputes: ${report.recomputedOnAdoption.length === 0 ? 'nothing (no recorded event from 1 April on)' : report.recomputedOnAdoption.join(', ')}`,
);

console.log(
  '\n3. 固定新规 Pinning the revision: scenarios + policy-parameter coverage (match all, as `zhidu coverage <policy.json> <scenarios>`)',
);
for (const p of pinRevisions()) {
  console.log(`  ${p.policy}: ${p.scenarios} scenario(s), ${p.baselineFailures} failing on the revision`);
  for (const c of p.changed) {
    console.log(
      `    ${c.path.padEnd(42)} ${c.kind.padEnd(6)} ${c.pinned ? 'pinned' : `NOT pinned (escaped: ${c.escaped.join(', ')})`}`,
    );
  }
  console.log(`    numbers of the whole policy pinned: ${p.numbers.pinned}/${p.numbers.total}`);
}
