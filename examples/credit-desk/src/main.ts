// A distributor's credit desk on the bundled distributor-000 policy.
//   npx -y pnpm@10.34.9 --filter @zhidu/example-credit-desk start
import { CUSTOMER, monthEndDay, monthEndRecovery, rollingLimits, SIGNER, unapprovedBatch } from './desk.js';

const PATH: Record<string, string> = {
  withinLimit: '授信额内 within the limit',
  overLimitStep: '超授信额 over-limit step',
  prepaid: '须先汇款 prepayment required',
};

console.log(`客户 Customer: ${CUSTOMER.name}, account ${CUSTOMER.id}; times in Beijing time (北京时间)\n`);

console.log('1. 滚动授信额 Rolling 30-day limit (S000-CREDIT-02/03)\n');
for (const r of rollingLimits()) console.log(`  ${r.date}  ${r.limit}`);
console.log('  The ¥30,000 invoiced on 5 March leaves the 30-day window on 5 April.\n');

console.log('2. 月末最后一天 The last day of March: ¥60,000 owed at opening (S000-CREDIT-06…09)\n');
const day = monthEndDay();
for (const l of day.lines) {
  const verdict = l.allowed ? '放行 released' : '拒绝 refused';
  const step =
    l.step === null
      ? ''
      : ` (${l.step === 'first' ? '首次 first' : '末次 final'}, signed by ${SIGNER.personId})`;
  console.log(`  ${l.at}  ${l.id}  ${l.amount.padStart(11)}  ${verdict}: ${PATH[l.path] ?? l.path}${step}`);
  if (l.reasons.length > 0) console.log(`      why: ${l.reasons.join(', ')}`);
}
console.log(`  17:00 payment received ¥10,000.00; owed at close 日终应收: ${day.outstanding}`);
console.log(`  rules applied: ${day.rules.join(' ')}\n`);

console.log(
  '3. 月底回笼 Month-end recovery of the final over-limit shipment, checked 1 April (S000-CREDIT-13)\n',
);
const rec = monthEndRecovery();
console.log(
  `  FH-0331-03: ${rec.status}; uncollected 未回笼 ${rec.uncollected}; signer's deduction 签发人扣款 ${rec.deduction}`,
);
console.log(`  violation: ${rec.violation ?? 'none'}\n`);

console.log(
  '4. 未审批超授信额发货 An unapproved over-limit batch found by the audit on 2 April (S000-CREDIT-12)\n',
);
const batch = unapprovedBatch();
console.log(`  SX-0320 ${batch.base}: liable ${batch.liable ? '是 yes' : '否 no'}; shares 分摊:`);
for (const s of batch.shares) console.log(`    ${s}`);
