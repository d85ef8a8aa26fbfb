// A dealer's customer files on the bundled dealer-files policy.
//   npx -y pnpm@10.34.9 --filter @zhidu/example-customer-files start
import { completeness, handovers, loans, maskedReads, monthFines, REVIEW_AT } from './files.js';

const STATUS: Record<string, string> = {
  onTime: '按时 on time',
  late: '逾期移交 handed over late',
  overdue: '逾期未交 overdue, not handed over',
  returned: '已归还 returned',
};
const LOAN: Record<string, string> = {
  returned: '已归还 returned',
  overdue: '逾期未还 overdue, not returned',
};

console.log('澄湖汽车销售服务有限公司 (Chenghu Motors, fictitious): customer files reviewed');
console.log(`on ${REVIEW_AT.slice(0, 10)} 09:00 Beijing time (北京时间)\n`);

console.log('1. 档案移交 Handover within 3 working days of delivery (S000-ARCHIVE-07)\n');
const h = handovers();
for (const l of h.lines) {
  const late = l.workingDaysLate > 0 ? `, ${l.workingDaysLate} working day(s) late` : '';
  console.log(`  ${l.fileId}  delivered ${l.delivered}  due ${l.due}  handed over ${l.handedOver ?? '—'}`);
  console.log(`            ${STATUS[l.status] ?? l.status}${late}`);
}
console.log('  National Day (1–7 Oct) does not count; the make-up Sunday 29 Sep does.\n');

console.log('2. 档案完整 Completeness of maintenance file RO-2024-1009 (S000-ARCHIVE-10, S000-ARCHIVE-02)\n');
const c = completeness();
console.log(`  complete 完整: ${c.complete ? '是 yes' : '否 no'}`);
console.log(`  missing documents 缺少单据: ${c.missingDocuments.join(', ')}`);
console.log(`  missing customer signature 缺客户签字: ${c.missingCustomerSignatures.join(', ')}`);
console.log(`  missing staff signature 缺经办人签字: ${c.missingStaffSignatures.join(', ')}`);
console.log(`  violations: ${c.violations.join('; ')}\n`);

console.log('3. 档案借阅 Borrowing by the sales manager (S000-ACCESS-02)\n');
const lo = loans();
for (const l of lo.lines) {
  const lost = l.piecesLost > 0 ? `, ${l.piecesLost} piece(s) lost 遗失` : '';
  console.log(`  ${l.fileId}  due back ${l.due}  ${LOAN[l.status] ?? l.status}${lost}`);
}

console.log('\n4. 查阅与脱敏 Who sees what of file LCH-0927 (S000-ACCESS-01)\n');
for (const r of maskedReads()) {
  const seen = r.allowed ? JSON.stringify(r.record) : `refused 拒绝 (missing: ${r.missing.join(', ')})`;
  console.log(`  ${r.who} [${r.action}]: ${seen}`);
}

console.log("\n5. 本月罚款 The month's fines (dealer-file schedule: S000-PENALTY-01, -06 doubling, -08)\n");
const fines = monthFines([...h.violations, ...lo.violations]);
for (const line of fines.lines) console.log(`  ${line}`);
console.log(`  totals 合计: ${fines.totals.join('; ')}`);
for (const u of fines.unpriced) console.log(`  ${u}`);
