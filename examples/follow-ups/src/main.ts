// A property revisit programme on the bundled s000b-property-revisit policy.
//   npx -y pnpm@10.34.9 --filter @zhidu/example-follow-ups start
import { CLOSE_AT, DESK_AT, deskView, monthClose } from './programme.js';

const STATUS: Record<string, string> = {
  done: '按时 done on time',
  doneLate: '逾期完成 done late',
  overdue: '逾期未做 overdue',
  pending: '待回访 due',
  exempt: '免回访 exempt (anonymous)',
};

console.log('云栖花园物业服务中心 (Yunqi Garden property service centre, fictitious): April revisits');
console.log('Times in Beijing time (北京时间)\n');

console.log(
  `1. 回访台账 The desk on ${DESK_AT.slice(0, 10)} 09:00 (S000B-FOLLOWUP-04/05/06, S000B-FOLLOWUP-12)\n`,
);
const desk = deskView();
for (const t of desk.tasks) {
  console.log(
    `  ${t.triggerId}  ${t.rule}  ${t.personId.padEnd(8)} due ${t.due}  ${STATUS[t.status] ?? t.status}`,
  );
}
console.log(`\n  still due 待办: ${desk.due.map((t) => `${t.triggerId} by ${t.due}`).join('; ')}`);
console.log(`  already breached 已违规: ${desk.violations.join('; ')}\n`);

console.log(`2. 月度结算 April closed on ${CLOSE_AT.slice(0, 10)}: late and missing revisits\n`);
const close = monthClose();
for (const v of close.violations) console.log(`  ${v}`);
console.log('\n3. 回访率 Rates against target (late revisits do not count)\n');
for (const r of close.rates) console.log(`  ${r}`);
