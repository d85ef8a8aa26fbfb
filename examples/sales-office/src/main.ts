// A week of 临溪府售楼处 (fictitious) on the store: registrations, the front-desk rotation, a clash
// (撞单), a dispute, two deals and a commission split.
//   npx -y pnpm@10.34.9 --filter @zhidu/example-sales-office start
import { CUSTOMERS, PRESETS, runWeek, STAFF, WEEK } from './office.js';

const nameOf = (id: string | null): string => STAFF.find((s) => s.id === id)?.name ?? id ?? '—';

console.log(`临溪府售楼处 Linxi Residence sales office (fictitious), 4–10 March 2024`);
console.log(
  `policies 政策: ${PRESETS.ownership} (客户归属), ${PRESETS.rotation} (前台轮值); store: PGlite in memory\n`,
);

console.log('日志 The day book, each line recorded on its stream:');
for (const e of WEEK) console.log(`  ${String(e.event.at).slice(5, 16).replace('T', ' ')}  ${e.note}`);

const report = await runWeek();

console.log('\n归属 Owners (the owner projection):');
for (const o of report.owners) {
  const clash =
    o.claims.length > 1 ? `; registered by 登记: ${o.claims.map(nameOf).join(' → ')} (撞单 clash)` : '';
  console.log(`  ${o.name} (${o.customerId}): ${nameOf(o.owner)}${clash}`);
  for (const t of o.trace) console.log(`      ${t.rule.padEnd(13)} ${t.zh}`);
}

console.log('\n成交与分配 Deals and their split:');
for (const d of report.deals) {
  const name = CUSTOMERS[d.customerId as keyof typeof CUSTOMERS] ?? d.customerId;
  console.log(`  ${name} ${d.unit ?? ''}: 业绩 performance ${d.performance}; 奖金 bonus ${d.bonus}`);
}
console.log(
  `  赵敏's commission 佣金 ${report.commission.total}: ${Object.entries(report.commission.shares)
    .map(([who, amount]) => `${who} ${amount}`)
    .join(', ')}`,
);

console.log('\n违规 Violations of March:');
for (const v of report.violations) console.log(`  ${v.at}  ${nameOf(v.personId)}  ${v.code} (${v.rule})`);
console.log(`\n${report.storedEvents} events in the store.`);
